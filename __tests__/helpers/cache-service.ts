/**
 * A test double of GitHub's Actions cache service v2, as @actions/cache 6 talks to it (no jest
 * imports; benches and e2e tests reuse it). One HTTP server on 127.0.0.1:0 serves:
 *
 * - Twirp JSON RPC (what lib/internal/shared/cacheTwirpClient.js sends: POST
 *   `/twirp/github.actions.results.api.v1.CacheService/<Method>`, `Content-Type: application/json`,
 *   `Authorization: Bearer $ACTIONS_RUNTIME_TOKEN`, proto field names in snake_case, int64 as
 *   strings; errors as `{code, msg}` with an HTTP status):
 *     CreateCacheEntry {key, version} → {ok, signed_upload_url}; 409 already_exists when a
 *       finalized entry has the same key and version
 *     FinalizeCacheEntryUpload {key, version, size_bytes} → {ok, entry_id}
 *     GetCacheEntryDownloadURL {key, restore_keys, version} → {ok, signed_download_url, matched_key}:
 *       only entries with the same version; for the key and then each restore key, an exact key
 *       match first, else the newest entry whose key starts with it.
 * - A blob endpoint at `/devstoreaccount1/actions-cache/<id>?sig=…` (path style, as the Azure SDK
 *   expects for IP hosts) implementing what @azure/storage-blob's BlockBlobClient.uploadFile sends:
 *   Put Blob (single shot, ≤ 128 MiB in @actions/cache's settings), Put Block (`comp=block`,
 *   `blockid`) and Put Block List (`comp=blocklist`, XML `<BlockList><Latest>…`); and GET (with a
 *   single `Range`) for downloads, which @actions/cache does with its own HTTP client for hosts
 *   other than `*.blob.core.windows.net`. The `sig` query parameter must be the one issued.
 *
 * Environment for @actions/cache: `env()` gives ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL and
 * ACTIONS_RUNTIME_TOKEN; `applyEnv()` sets variables on process.env and returns an undo function.
 *
 * Bandwidth (`startCacheService({ blobBytesPerSec })` or `setBlobBandwidth`): the blob endpoint's
 * bodies, downloads and uploads each, pass through one shared link of that many bytes per second
 * (0 = unlimited), like a runner's path to the cache storage; `transfers()` lists every blob body
 * with its size and start/end time, so a benchmark can tell the transfer from the rest of a restore.
 *
 * Faults (`setFault`): `down` (the listener is closed: connection refused; clearing the fault
 * listens again on the same port), `500` and `429` on every Twirp call, `blob-upload-fail` (PUTs to
 * the blob endpoint answer `blobStatus`, default 403 AuthorizationFailure, which the Azure SDK
 * does not retry).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type CacheServiceFaultMode = 'none' | 'down' | '500' | '429' | 'blob-upload-fail';

export interface CacheServiceFault {
  mode: CacheServiceFaultMode;
  /** Status for `blob-upload-fail` (default 403). */
  blobStatus?: number;
}

export interface CacheServiceEntry {
  id: number;
  key: string;
  version: string;
  blobId: string;
  finalized: boolean;
  sizeBytes?: number;
  /** Creation order (monotonic), used for "newest prefix match". */
  createdSeq: number;
}

export interface CacheServiceCounters {
  twirp: Record<string, number>;
  putBlob: number;
  putBlock: number;
  putBlockList: number;
  blobGets: number;
  unauthorized: number;
  faulted: number;
}

/** One blob body that crossed the endpoint (a download's GET, an upload's PUT). */
export interface BlobTransfer {
  method: 'GET' | 'PUT';
  bytes: number;
  /** Date.now() when the request arrived and when its body was done. */
  startMs: number;
  endMs: number;
}

export interface CacheServiceOptions {
  /** Bytes per second of the blob endpoint, each direction shared by all requests (0 or absent: unlimited). */
  blobBytesPerSec?: number;
}

export interface CacheService {
  /** ACTIONS_RESULTS_URL (origin with a trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly counters: CacheServiceCounters;
  env(): Record<string, string>;
  /** Set these variables on process.env; returns a function restoring the previous values. */
  applyEnv(extra?: Record<string, string | undefined>): () => void;
  setFault(fault: CacheServiceFault | CacheServiceFaultMode): Promise<void>;
  entries(): CacheServiceEntry[];
  /** The committed bytes of an entry's blob. */
  blob(key: string, version?: string): Uint8Array | undefined;
  /** Replace an entry's committed bytes (to simulate a poisoned cache). */
  setBlob(key: string, bytes: Uint8Array): void;
  /** Change the blob endpoint's bandwidth (bytes per second; 0 = unlimited). */
  setBlobBandwidth(bytesPerSec: number): void;
  /** Every blob body so far (since the last `reset`), oldest first. */
  transfers(): BlobTransfer[];
  /** Forget every entry and blob, zero the counters and clear the fault. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_PREFIX = '/devstoreaccount1/actions-cache/';

interface BlobState {
  sig: string;
  committed?: Uint8Array;
  staged: Map<string, Uint8Array>;
}

/**
 * One direction of a link of `bytesPerSec`: `take(n)` resolves when n more bytes may have crossed
 * it. The link's clock keeps running through short timer overshoots (it is reset only after an idle
 * gap), so late timers do not lower the rate below the one set.
 */
class Link {
  private freeAt = 0;

  constructor(public bytesPerSec = 0) {}

  async take(n: number): Promise<void> {
    if (this.bytesPerSec <= 0) return;
    const now = performance.now();
    const from = this.freeAt >= now - 50 ? this.freeAt : now;
    this.freeAt = from + (n / this.bytesPerSec) * 1000;
    const wait = this.freeAt - now;
    if (wait >= 1) await sleep(wait);
  }
}

/** Chunks the links pace (1 MiB: about 10 ms at 100 MB/s, well above timer granularity). */
const LINK_CHUNK = 1 << 20;

async function readBody(req: IncomingMessage, link?: Link): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    chunks.push(c);
    // Not reading on while the link is busy holds the sender back (TCP flow control).
    if (link !== undefined) await link.take(c.length);
  }
  return Buffer.concat(chunks);
}

/** Writes `data` through `link` in chunks, waiting for the socket to drain; resolves when sent. */
async function writePaced(res: ServerResponse, data: Uint8Array, link: Link): Promise<void> {
  if (link.bytesPerSec <= 0) {
    await new Promise<void>((resolve) => res.end(data, () => resolve()));
    return;
  }
  for (let at = 0; at < data.length && !res.destroyed; at += LINK_CHUNK) {
    const part = data.subarray(at, Math.min(data.length, at + LINK_CHUNK));
    await link.take(part.length);
    if (!res.write(part)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  await new Promise<void>((resolve) => res.end(() => resolve()));
}

function twirpError(res: ServerResponse, status: number, code: string, msg: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function azureHeaders(): Record<string, string> {
  return {
    etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    'x-ms-request-id': randomBytes(16).toString('hex'),
    'x-ms-version': '2025-11-05',
    'x-ms-request-server-encrypted': 'true',
    date: new Date().toUTCString(),
  };
}

function azureError(res: ServerResponse, status: number, code: string, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, ...azureHeaders() })
    .end(
      `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
}

class Service {
  readonly token = `test-token-${randomBytes(8).toString('hex')}`;
  readonly entries: CacheServiceEntry[] = [];
  readonly blobs = new Map<string, BlobState>();
  readonly counters: CacheServiceCounters = {
    twirp: {},
    putBlob: 0,
    putBlock: 0,
    putBlockList: 0,
    blobGets: 0,
    unauthorized: 0,
    faulted: 0,
  };
  fault: CacheServiceFault = { mode: 'none' };
  origin = '';
  readonly download = new Link();
  readonly upload = new Link();
  readonly transfers: BlobTransfer[] = [];
  private seq = 0;

  clear(): void {
    this.entries.length = 0;
    this.blobs.clear();
    this.counters.twirp = {};
    this.counters.putBlob = 0;
    this.counters.putBlock = 0;
    this.counters.putBlockList = 0;
    this.counters.blobGets = 0;
    this.counters.unauthorized = 0;
    this.counters.faulted = 0;
    this.transfers.length = 0;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname.startsWith(SERVICE)) return this.twirp(req, res, url.pathname.slice(SERVICE.length));
    if (url.pathname.startsWith(BLOB_PREFIX)) return this.blob(req, res, url);
    res.writeHead(404).end();
  }

  private async twirp(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = await readBody(req);
    this.counters.twirp[method] = (this.counters.twirp[method] ?? 0) + 1;
    if (req.method !== 'POST') return twirpError(res, 405, 'bad_route', 'POST only');
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.counters.unauthorized++;
      return twirpError(res, 401, 'unauthenticated', 'invalid runtime token');
    }
    if (this.fault.mode === '500') {
      this.counters.faulted++;
      return twirpError(res, 500, 'internal', 'injected internal error');
    }
    if (this.fault.mode === '429') {
      this.counters.faulted++;
      res.setHeader('retry-after', '60');
      return twirpError(res, 429, 'resource_exhausted', 'injected rate limit');
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return twirpError(res, 400, 'malformed', 'body is not JSON');
    }
    const key = typeof request.key === 'string' ? request.key : '';
    const version = typeof request.version === 'string' ? request.version : '';
    if (key === '' || version === '')
      return twirpError(res, 400, 'invalid_argument', 'key and version are required');
    switch (method) {
      case 'CreateCacheEntry':
        return this.create(res, key, version);
      case 'FinalizeCacheEntryUpload':
        return this.finalize(res, key, version, Number(request.size_bytes ?? request.sizeBytes ?? 0));
      case 'GetCacheEntryDownloadURL': {
        const raw = request.restore_keys ?? request.restoreKeys ?? [];
        const restoreKeys = Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [];
        return this.lookup(res, key, restoreKeys, version);
      }
      default:
        return twirpError(res, 404, 'bad_route', `no method ${method}`);
    }
  }

  private blobUrl(blobId: string, sig: string): string {
    return `${this.origin}${BLOB_PREFIX}${blobId}?sv=2025-11-05&sig=${sig}`;
  }

  private create(res: ServerResponse, key: string, version: string): void {
    if (this.entries.some((e) => e.key === key && e.version === version && e.finalized)) {
      return twirpError(
        res,
        409,
        'already_exists',
        'cache entry with the same key, version, and scope already exists',
      );
    }
    const blobId = randomBytes(12).toString('hex');
    const sig = randomBytes(12).toString('hex');
    this.blobs.set(blobId, { sig, staged: new Map() });
    // A new reservation replaces an unfinished one with the same key and version.
    const stale = this.entries.findIndex((e) => e.key === key && e.version === version && !e.finalized);
    if (stale >= 0) this.entries.splice(stale, 1);
    this.entries.push({ id: ++this.seq, key, version, blobId, finalized: false, createdSeq: this.seq });
    json(res, { ok: true, signed_upload_url: this.blobUrl(blobId, sig) });
  }

  private finalize(res: ServerResponse, key: string, version: string, size: number): void {
    const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
    if (!entry) return json(res, { ok: false, message: `no reservation for ${key}` });
    const blob = this.blobs.get(entry.blobId);
    if (!blob?.committed) return json(res, { ok: false, message: `nothing was uploaded for ${key}` });
    if (blob.committed.length !== size) {
      return json(res, {
        ok: false,
        message: `size ${size} does not match the ${blob.committed.length} bytes uploaded`,
      });
    }
    entry.finalized = true;
    entry.sizeBytes = size;
    entry.createdSeq = ++this.seq;
    json(res, { ok: true, entry_id: String(entry.id) });
  }

  findEntry(key: string, restoreKeys: string[], version: string): CacheServiceEntry | undefined {
    const candidates = this.entries.filter((e) => e.finalized && e.version === version);
    for (const k of [key, ...restoreKeys]) {
      const exact = candidates.find((e) => e.key === k);
      if (exact) return exact;
      const newest = candidates
        .filter((e) => e.key.startsWith(k))
        .sort((a, b) => b.createdSeq - a.createdSeq)[0];
      if (newest) return newest;
    }
    return undefined;
  }

  private lookup(res: ServerResponse, key: string, restoreKeys: string[], version: string): void {
    const entry = this.findEntry(key, restoreKeys, version);
    if (!entry) return json(res, { ok: false });
    const blob = this.blobs.get(entry.blobId)!;
    json(res, {
      ok: true,
      signed_download_url: this.blobUrl(entry.blobId, blob.sig),
      matched_key: entry.key,
    });
  }

  private async blob(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const blobId = url.pathname.slice(BLOB_PREFIX.length);
    const state = this.blobs.get(blobId);
    const startMs = Date.now();
    const body = await readBody(req, req.method === 'PUT' ? this.upload : undefined);
    if (req.method === 'PUT')
      this.transfers.push({ method: 'PUT', bytes: body.length, startMs, endMs: Date.now() });
    if (!state) return azureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    if (url.searchParams.get('sig') !== state.sig) {
      return azureError(res, 403, 'AuthenticationFailed', 'Signature did not match.');
    }
    const method = req.method ?? 'GET';
    if (method === 'PUT') {
      if (this.fault.mode === 'blob-upload-fail') {
        this.counters.faulted++;
        const status = this.fault.blobStatus ?? 403;
        return azureError(
          res,
          status,
          status === 403 ? 'AuthorizationFailure' : 'InternalError',
          'injected fault',
        );
      }
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        const id = url.searchParams.get('blockid');
        if (!id) return azureError(res, 400, 'InvalidQueryParameterValue', 'blockid is required');
        state.staged.set(id, body);
        this.counters.putBlock++;
        return void res.writeHead(201, azureHeaders()).end();
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(
          (m) => m[2]!,
        );
        const parts: Uint8Array[] = [];
        for (const id of ids) {
          const part = state.staged.get(id);
          if (!part) return azureError(res, 400, 'InvalidBlockList', `block ${id} was not staged`);
          parts.push(part);
        }
        state.committed = Buffer.concat(parts);
        state.staged.clear();
        this.counters.putBlockList++;
        return void res.writeHead(201, azureHeaders()).end();
      }
      if (comp !== null) return azureError(res, 400, 'UnsupportedQueryParameter', `comp=${comp}`);
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
        return azureError(res, 400, 'MissingRequiredHeader', 'x-ms-blob-type must be BlockBlob');
      }
      const declared = Number(req.headers['content-length'] ?? body.length);
      if (declared !== body.length) return azureError(res, 400, 'InvalidInput', 'content length mismatch');
      state.committed = body;
      this.counters.putBlob++;
      return void res.writeHead(201, azureHeaders()).end();
    }
    if (method === 'GET' || method === 'HEAD') {
      this.counters.blobGets++;
      const data = state.committed;
      if (!data) return azureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
      const headers: Record<string, string | number> = {
        ...azureHeaders(),
        'content-type': 'application/octet-stream',
        'accept-ranges': 'bytes',
        'x-ms-blob-type': 'BlockBlob',
      };
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? req.headers['x-ms-range'] ?? ''));
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : data.length - 1, data.length - 1);
        if (start >= data.length || end < start) {
          res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
          return;
        }
        const slice = data.subarray(start, end + 1);
        res.writeHead(206, {
          ...headers,
          'content-length': slice.length,
          'content-range': `bytes ${start}-${end}/${data.length}`,
        });
        if (method === 'HEAD') res.end();
        else await this.send(res, slice, startMs);
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': data.length });
      if (method === 'HEAD') res.end();
      else await this.send(res, data, startMs);
      return;
    }
    azureError(res, 405, 'UnsupportedHttpVerb', method);
  }

  private async send(res: ServerResponse, data: Uint8Array, startMs: number): Promise<void> {
    await writePaced(res, data, this.download);
    this.transfers.push({ method: 'GET', bytes: data.length, startMs, endMs: Date.now() });
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const service = new Service();
  service.download.bytesPerSec = options.blobBytesPerSec ?? 0;
  service.upload.bytesPerSec = options.blobBytesPerSec ?? 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    service.handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server, 0);
  service.origin = `http://127.0.0.1:${port}`;
  let listening = true;

  const stop = async (): Promise<void> => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };

  const env = (): Record<string, string> => ({
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${service.origin}/`,
    ACTIONS_RUNTIME_TOKEN: service.token,
  });

  const api: CacheService = {
    url: `${service.origin}/`,
    port,
    token: service.token,
    counters: service.counters,
    env,
    applyEnv(extra = {}) {
      const vars: Record<string, string | undefined> = { ACTIONS_CACHE_URL: undefined, ...env(), ...extra };
      const previous = new Map<string, string | undefined>();
      for (const [k, v] of Object.entries(vars)) {
        previous.set(k, process.env[k]);
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      return () => {
        for (const [k, v] of previous) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      };
    },
    async setFault(fault) {
      const f = typeof fault === 'string' ? { mode: fault } : fault;
      service.fault = f;
      if (f.mode === 'down') await stop();
      else if (!listening) {
        await listen(server, port);
        listening = true;
      }
    },
    entries: () => service.entries.map((e) => ({ ...e })),
    blob(key, version) {
      const e = service.entries.find(
        (x) => x.key === key && x.finalized && (version === undefined || x.version === version),
      );
      return e ? service.blobs.get(e.blobId)?.committed : undefined;
    },
    setBlob(key, bytes) {
      const e = service.entries.find((x) => x.key === key && x.finalized);
      const state = e ? service.blobs.get(e.blobId) : undefined;
      if (!state) throw new Error(`no finalized entry ${key}`);
      state.committed = bytes;
      e!.sizeBytes = bytes.length;
    },
    setBlobBandwidth(bytesPerSec) {
      service.download.bytesPerSec = bytesPerSec;
      service.upload.bytesPerSec = bytesPerSec;
    },
    transfers: () => service.transfers.map((t) => ({ ...t })),
    async reset() {
      service.clear();
      await api.setFault('none');
    },
    close: stop,
  };
  return api;
}
