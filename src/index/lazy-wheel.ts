/**
 * A RangeSource (remote-zip.ts) over HTTP byte ranges (RFC 9110 §14.1.2 Range, §14.4
 * Content-Range, §15.3.7 206, §15.5.17 416), with every request counted:
 *
 *   - known size (PEP 691 `size`): one positive range `bytes=<size-N>-<size-1>`, no HEAD;
 *   - unknown size: a suffix range `bytes=-N`; where a host refuses suffix ranges (the main public
 *     CDN answers 501; 405/400/416 count too) that is remembered per host (CapabilityMemo) and the
 *     size comes from HEAD there (or from `bytes=0-0` where HEAD is refused too), then positive
 *     ranges.
 *
 * Every 206 is checked: its Content-Range must name exactly the bytes asked for and the body must
 * have exactly that length; otherwise the host is remembered as not range-capable. A host that
 * answers 200 to a range ignores Range: it is remembered, and the 200 response (the whole file,
 * already on its way) is handed to the caller inside RangeUnsupportedError so it becomes the
 * download instead of being thrown away. A 416, or a Content-Range total that disagrees with the
 * size the index gave, concerns this file only (no memo): the caller downloads and hash-checks it.
 */
import type { Logger } from '../util/logger.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import { HttpError } from './http-errors.js';
import { CapabilityMemo } from './capability-memo.js';
import type { RangeSource } from './remote-zip.js';

/** Range reads cannot be used for this file; download it instead. */
export class RangeUnsupportedError extends Error {
  constructor(
    /** Redacted URL. */
    readonly url: string,
    readonly reason: string,
    /** True when the host as a whole was found unable (recorded in the memo). */
    readonly hostWide: boolean,
    /** A 200 response carrying the whole file, not yet consumed: stream it or discard it. */
    readonly response?: HttpResponse,
  ) {
    super(`${url}: byte ranges unusable: ${reason}`);
    this.name = 'RangeUnsupportedError';
  }
}

export interface HttpRangeSourceOptions {
  http: HttpClient;
  /** May carry credentials; only `redactedUrl` goes into messages. */
  url: string;
  redactedUrl: string;
  /** The size the index declares, when it does. */
  size?: number;
  memo: CapabilityMemo;
  logger: Logger;
}

interface ContentRange {
  start: number;
  end: number;
  total?: number;
}

/** `bytes <first>-<last>/<complete-length|*>` (RFC 9110 §14.4). */
export function parseContentRange(value: string | undefined): ContentRange | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start) return undefined;
  return m[3] === '*' ? { start, end } : { start, end, total: Number(m[3]) };
}

/** Statuses that mean "this file is not there / not yours", not "this host cannot do ranges". */
const NOT_A_RANGE_PROBLEM = new Set([401, 403, 404, 410]);

export class HttpRangeSource implements RangeSource {
  /** Requests sent and body bytes received through this source. */
  requests = 0;
  bytes = 0;
  private readonly host: string;

  constructor(private readonly options: HttpRangeSourceOptions) {
    this.host = CapabilityMemo.hostOf(options.url);
  }

  async readTail(length: number): Promise<{ bytes: Uint8Array; size: number }> {
    const cap = this.options.memo.get(this.host);
    if (cap.ranges === false) {
      throw new RangeUnsupportedError(
        this.options.redactedUrl,
        `host does not serve byte ranges (${cap.reason ?? 'remembered'})`,
        true,
      );
    }
    let size = this.options.size;
    if (size === undefined && cap.suffix !== false) {
      const suffix = await this.trySuffix(length);
      if (suffix !== undefined) return suffix;
    }
    if (size === undefined) size = await this.discoverSize();
    if (size === 0) return { bytes: new Uint8Array(0), size: 0 };
    const start = Math.max(0, size - length);
    return { bytes: await this.read(start, size, size), size };
  }

  /** Bytes [start, end) with one positive range request, checked against what was asked. */
  async read(start: number, end: number, expectedTotal = this.options.size): Promise<Uint8Array> {
    const asked = `bytes=${start}-${end - 1}`;
    const res = await this.send('GET', asked, end - start);
    if (res.status === 206) {
      const cr = parseContentRange(res.headers['content-range']);
      if (
        cr !== undefined &&
        cr.start === start &&
        cr.total !== undefined &&
        cr.end === cr.total - 1 &&
        cr.end < end - 1 &&
        cr.total !== expectedTotal
      ) {
        // Clamped at the real end of a file shorter than the index says: this file's problem.
        await res.discard();
        throw new RangeUnsupportedError(
          this.options.redactedUrl,
          `the server says the file has ${cr.total} bytes, the index says ${expectedTotal ?? 'more'}`,
          false,
        );
      }
      if (cr === undefined || cr.start !== start || cr.end !== end - 1) {
        await res.discard();
        throw this.hostCannot(
          `answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`,
        );
      }
      if (cr.total !== undefined && expectedTotal !== undefined && cr.total !== expectedTotal) {
        await res.discard();
        throw new RangeUnsupportedError(
          this.options.redactedUrl,
          `the server says the file has ${cr.total} bytes, the index says ${expectedTotal}`,
          false,
        );
      }
      return this.checkedBody(res, end - start, asked);
    }
    return this.notPartial(res, asked);
  }

  private async trySuffix(length: number): Promise<{ bytes: Uint8Array; size: number } | undefined> {
    const asked = `bytes=-${length}`;
    const res = await this.send('GET', asked, length);
    if (res.status === 206) {
      const cr = parseContentRange(res.headers['content-range']);
      const ok =
        cr !== undefined &&
        cr.total !== undefined &&
        cr.end === cr.total - 1 &&
        cr.start === Math.max(0, cr.total - length);
      if (!ok) {
        await res.discard();
        throw this.hostCannot(
          `answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`,
        );
      }
      const bytes = await this.checkedBody(res, cr.end - cr.start + 1, asked);
      return { bytes, size: cr.total! };
    }
    if (res.status === 200 || NOT_A_RANGE_PROBLEM.has(res.status)) return this.notPartial(res, asked);
    // 501 (the public CDN), 405, 400, 416 (a suffix range is satisfiable for any non-empty file)…
    await res.discard();
    this.options.memo.record(this.host, { suffix: false }, `HTTP ${res.status} to a suffix range`);
    this.options.logger.debug(
      `${this.host} refuses suffix ranges (HTTP ${res.status}); using HEAD + positive ranges there`,
    );
    return undefined;
  }

  private async discoverSize(): Promise<number> {
    if (this.options.memo.get(this.host).head !== false) {
      const res = await this.send('HEAD');
      await res.discard();
      const length = Number(res.headers['content-length']);
      if (res.status === 200 && res.headers['content-length'] !== undefined && Number.isSafeInteger(length)) {
        return length;
      }
      if (NOT_A_RANGE_PROBLEM.has(res.status)) throw this.httpError(res.status, 'HEAD');
      this.options.memo.record(this.host, { head: false }, `HTTP ${res.status} to HEAD`);
    }
    // No HEAD: one byte tells the size through Content-Range.
    const asked = 'bytes=0-0';
    const res = await this.send('GET', asked, 1);
    if (res.status === 206) {
      const cr = parseContentRange(res.headers['content-range']);
      if (cr === undefined || cr.total === undefined || cr.start !== 0 || cr.end !== 0) {
        await res.discard();
        throw this.hostCannot(
          `answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`,
        );
      }
      await this.checkedBody(res, 1, asked);
      return cr.total;
    }
    return this.notPartial(res, asked);
  }

  /** Handles any non-206 answer to a range request; always throws. */
  private async notPartial(res: HttpResponse, asked: string): Promise<never> {
    if (res.status === 200) {
      this.options.memo.record(this.host, { ranges: false }, 'ignores Range (200 with the whole body)');
      this.options.logger.debug(`${this.host} ignores Range; downloading whole files there`);
      throw new RangeUnsupportedError(
        this.options.redactedUrl,
        `answered ${asked} with the whole file (200)`,
        true,
        res,
      );
    }
    await res.discard();
    if (NOT_A_RANGE_PROBLEM.has(res.status)) throw this.httpError(res.status, 'GET');
    if (res.status === 416) {
      throw new RangeUnsupportedError(
        this.options.redactedUrl,
        `HTTP 416 for ${asked} (${res.headers['content-range'] ?? 'no Content-Range'}); the file is not the size the index says`,
        false,
      );
    }
    throw this.hostCannot(`answered ${asked} with HTTP ${res.status}`);
  }

  private async checkedBody(res: HttpResponse, expected: number, asked: string): Promise<Uint8Array> {
    const body = await res.body();
    this.bytes += body.length;
    if (body.length !== expected) throw this.hostCannot(`sent ${body.length} bytes for ${asked}`);
    return body;
  }

  private hostCannot(reason: string): RangeUnsupportedError {
    this.options.memo.record(this.host, { ranges: false }, reason);
    this.options.logger.debug(`${this.host} ${reason}; downloading whole files there`);
    return new RangeUnsupportedError(this.options.redactedUrl, reason, true);
  }

  private httpError(status: number, method: string): HttpError {
    return new HttpError(status, method, this.options.redactedUrl);
  }

  /**
   * One request; a 206 may carry at most `rangeBytes` (the range asked for: a 64 KiB range
   * answered with a 3 GiB Content-Length or an endless body is stopped at once), a 200 (Range
   * ignored: the whole file, handed on to the download) at most the size the index declares.
   */
  private async send(method: 'GET' | 'HEAD', range?: string, rangeBytes?: number): Promise<HttpResponse> {
    this.requests += 1;
    // Identity encoding: byte offsets must be offsets into the file, not into a compressed body.
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (range !== undefined) headers.range = range;
    const size = this.options.size;
    return this.options.http.request(this.options.url, {
      method,
      headers,
      limit: (status) => {
        if (status === 206 && rangeBytes !== undefined)
          return { bytes: rangeBytes, what: `range response (${range})` };
        if (status === 200 && size !== undefined) return { bytes: size, what: 'whole file' };
        // Error pages and the like: a little text at most.
        if (status !== 200) return { bytes: 64 * 1024, what: `HTTP ${status} response` };
        return undefined;
      },
    });
  }
}
