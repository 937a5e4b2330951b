/**
 * Request accounting of the test index server: requests and body bytes per kind, a per-request
 * log, and peak concurrency (sockets and in-flight requests).
 */

export type RequestKind = 'page' | 'metadata' | 'range' | 'head' | 'file-full' | 'other';

export const REQUEST_KINDS: readonly RequestKind[] = [
  'page',
  'metadata',
  'range',
  'head',
  'file-full',
  'other',
];

export interface KindCount {
  requests: number;
  bytes: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query as requested. */
  path: string;
  kind: RequestKind;
  status: number;
  /** The `Range` header, when sent. */
  range?: string;
  /** The `Accept` header, when sent. */
  accept?: string;
  /** Body bytes written. */
  bytes: number;
  /** Whether an `Authorization` header was present. */
  authorization: boolean;
}

export class ServerCounters {
  readonly byKind: Record<RequestKind, KindCount> = emptyKinds();
  readonly log: RequestLogEntry[] = [];
  /** Responses with status 304. */
  notModified = 0;
  openConnections = 0;
  peakConnections = 0;
  inFlight = 0;
  peakInFlight = 0;

  /** Total requests over all kinds. */
  get requests(): number {
    return REQUEST_KINDS.reduce((n, k) => n + this.byKind[k].requests, 0);
  }

  /** Total body bytes over all kinds. */
  get bytes(): number {
    return REQUEST_KINDS.reduce((n, k) => n + this.byKind[k].bytes, 0);
  }

  /** Requests whose path contains `fragment`. */
  requestsFor(fragment: string): RequestLogEntry[] {
    return this.log.filter((e) => e.path.includes(fragment));
  }

  /** Whole-file answers (status 200 to a GET of `/files/<name>` itself, not its .metadata) per file name. */
  wholeDownloads(): Map<string, number> {
    const out = new Map<string, number>();
    for (const e of this.log) {
      const m = /^\/files\/([^/?]+)$/.exec(e.path);
      if (m === null || e.method !== 'GET' || e.status !== 200) continue;
      const name = decodeURIComponent(m[1] as string);
      if (name.endsWith('.metadata')) continue;
      out.set(name, (out.get(name) ?? 0) + 1);
    }
    return out;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    this.byKind[entry.kind].requests += 1;
    this.byKind[entry.kind].bytes += entry.bytes;
    if (entry.status === 304) this.notModified += 1;
  }

  connectionOpened(): void {
    this.openConnections += 1;
    this.peakConnections = Math.max(this.peakConnections, this.openConnections);
  }

  connectionClosed(): void {
    this.openConnections -= 1;
  }

  requestStarted(): void {
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }

  requestEnded(): void {
    this.inFlight -= 1;
  }

  /** Clears counts, log and peaks (peaks restart from what is open now). */
  reset(): void {
    for (const k of REQUEST_KINDS) this.byKind[k] = { requests: 0, bytes: 0 };
    this.log.length = 0;
    this.notModified = 0;
    this.peakConnections = this.openConnections;
    this.peakInFlight = this.inFlight;
  }
}

function emptyKinds(): Record<RequestKind, KindCount> {
  const r = {} as Record<RequestKind, KindCount>;
  for (const k of REQUEST_KINDS) r[k] = { requests: 0, bytes: 0 };
  return r;
}
