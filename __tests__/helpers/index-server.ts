/**
 * A PEP 503 / PEP 691 package index on 127.0.0.1:0 for tests and benchmarks (no jest imports).
 *
 *   /simple/               root listing (JSON or HTML by Accept)
 *   /simple/<name>/        project page; non-normalized names get a 301 to the normalized one
 *   /files/<filename>      the file: Range (single range, suffix), HEAD, ETag/Last-Modified + 304
 *   /files/<filename>.metadata   PEP 658 core metadata when the file has some
 *
 * Counters (index-server-counters.ts) record requests and bytes per kind; fault switches are in
 * index-server-modes.ts and can change at run time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { normalizeName } from '../../src/standards/names.js';
import { defaultModes, HOSTILE_MAX_BYTES, type HostileMode, type ServerModes } from './index-server-modes.js';
import { ServerCounters, type RequestKind } from './index-server-counters.js';
import {
  Registry,
  type ServedFile,
  type ServedProject,
  type StoredFile,
  type StoredProject,
} from './index-server-registry.js';
import {
  HTML_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  renderProjectHtml,
  renderProjectJson,
  renderRootHtml,
  renderRootJson,
  wantsJson,
} from './index-server-pages.js';
import { parseRange } from './index-server-range.js';

export type { ServedFile, ServedProject } from './index-server-registry.js';
export type { HoldMode, ServerModes } from './index-server-modes.js';
export type { RequestKind, RequestLogEntry } from './index-server-counters.js';

export interface IndexServerOptions {
  projects?: ServedProject[];
  modes?: Partial<ServerModes>;
  /**
   * Keep each rendered project page (per project, format and the modes that shape it) until the
   * project changes, as a CDN serves PyPI's pages, instead of rendering it for every request — for
   * benchmarks whose pages list thousands of files (rendering them all costs seconds of the
   * harness's CPU per client run). Off by default: tests see every change at once.
   */
  cachePages?: boolean;
}

export interface IndexServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `<origin>/simple/` */
  readonly indexUrl: string;
  readonly port: number;
  readonly counters: ServerCounters;
  readonly modes: ServerModes;
  /** URL of a file (`/files/<filename>`). */
  fileUrl(filename: string): string;
  /** URL of a project page. */
  projectUrl(name: string): string;
  setModes(modes: Partial<ServerModes>): void;
  /** Adds or replaces a file (by filename). */
  addFile(project: string, file: ServedFile): void;
  removeFile(filename: string): boolean;
  setProjects(projects: ServedProject[]): void;
  /** The sha256 the server computed for a file. */
  sha256(filename: string): string | undefined;
  /** Clears counters, the request log and the once-per-path fault state. */
  reset(): void;
  close(): Promise<void>;
}

function httpDate(seconds: number): string {
  return new Date(seconds * 1000).toUTCString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

class Handler {
  readonly counters = new ServerCounters();
  readonly modes: ServerModes;
  readonly registry: Registry;
  /** statusOnce: per path, how many error answers were given. */
  private readonly statusGiven = new Map<string, number>();
  /** dropMidBody: paths already dropped once. */
  private readonly dropped = new Set<string>();

  private readonly cachePages: boolean;
  private readonly pageBodies = new Map<string, { key: string; body: string; etag: string }>();

  constructor(options: IndexServerOptions) {
    this.cachePages = options.cachePages === true;
    this.modes = { ...defaultModes(), ...options.modes };
    this.registry = new Registry(options.projects ?? []);
  }

  resetFaultState(): void {
    this.statusGiven.clear();
    this.dropped.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requestStarted();
    const method = req.method ?? 'GET';
    const token = this.modes.pathToken;
    const tokenPrefix = token === null ? '' : `/${token}`;
    const requested = req.url ?? '/';
    const tokenOk = token === null || requested.startsWith(`${tokenPrefix}/`);
    const path = tokenOk ? requested.slice(tokenPrefix.length) : requested;
    const entry = {
      method,
      path: requested,
      kind: 'other' as RequestKind,
      status: 0,
      range: req.headers.range,
      accept: req.headers.accept,
      bytes: 0,
      authorization: req.headers.authorization !== undefined,
    };
    try {
      entry.kind = this.classify(method, path, req.headers.range);
      if (this.modes.latencyMs > 0) await sleep(this.modes.latencyMs);
      const hold = this.modes.hold;
      if (
        hold !== null &&
        method === 'GET' &&
        req.headers.range === undefined &&
        path.includes(hold.pathContains) &&
        (hold.pathEndsWith === undefined || path.split('?')[0]!.endsWith(hold.pathEndsWith))
      ) {
        hold.arrived?.(path);
        await hold.until.catch(() => undefined);
      }
      if (!tokenOk) {
        entry.status = 404;
        res.writeHead(404).end();
      } else entry.bytes = await this.respond(req, res, method, path, (s) => (entry.status = s));
    } catch {
      if (!res.headersSent) {
        entry.status = 500;
        res.writeHead(500).end();
      }
    } finally {
      this.counters.record(entry);
      this.counters.requestEnded();
    }
  }

  private classify(method: string, path: string, range: string | undefined): RequestKind {
    const p = path.split('?')[0] ?? path;
    if (p.startsWith('/simple/')) return method === 'HEAD' ? 'head' : 'page';
    if (p.startsWith('/files/')) {
      if (method === 'HEAD') return 'head';
      if (p.endsWith('.metadata')) return 'metadata';
      return range ? 'range' : 'file-full';
    }
    return 'other';
  }

  /** Writes the response; returns body bytes written. */
  private async respond(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    rawPath: string,
    setStatus: (s: number) => void,
  ): Promise<number> {
    const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array | string) => {
      setStatus(status);
      const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
      if (bytes && headers['content-length'] === undefined) headers['content-length'] = bytes.length;
      res.writeHead(status, headers);
      if (bytes && method !== 'HEAD') {
        res.end(bytes);
        return bytes.length;
      }
      res.end();
      return 0;
    };

    const auth = this.modes.requireAuth;
    if (auth) {
      const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        return send(401, { 'www-authenticate': 'Basic realm="test index"' }, 'unauthorized\n');
      }
    }

    const aliased = this.aliasedFile(rawPath.split('?')[0] ?? rawPath);
    if (aliased !== undefined) return this.serveFile(req, res, method, rawPath, aliased, setStatus, send);
    const path = decodeURIComponent(rawPath.split('?')[0] ?? rawPath);
    const hostile = this.modes.hostile;
    if (
      hostile &&
      method === 'GET' &&
      path.includes(hostile.pathContains) &&
      (hostile.pathEndsWith === undefined || path.endsWith(hostile.pathEndsWith))
    ) {
      return this.serveHostile(req, res, hostile, setStatus);
    }
    const once = this.modes.statusOnce;
    if (once && (once.pathContains === undefined || path.includes(once.pathContains))) {
      const given = this.statusGiven.get(path) ?? 0;
      if (given < once.count) {
        this.statusGiven.set(path, given + 1);
        const headers: Record<string, string> = {};
        if (once.retryAfter !== undefined) headers['retry-after'] = once.retryAfter;
        return send(once.status, headers, `status ${once.status}\n`);
      }
    }

    if (path === '/simple/' || path === '/simple') {
      const json = !this.modes.noJson && wantsJson(req.headers.accept);
      const projects = this.registry.allProjects();
      return json
        ? send(200, { 'content-type': JSON_CONTENT_TYPE }, renderRootJson(projects))
        : send(200, { 'content-type': `${HTML_CONTENT_TYPE}; charset=utf-8` }, renderRootHtml(projects));
    }
    const pm = /^\/simple\/([^/]+)\/?$/.exec(path);
    if (pm) return this.servePage(req, pm[1] ?? '', send);
    const fm = /^\/files\/([^/]+)$/.exec(path);
    if (fm) {
      const name = fm[1] ?? '';
      if (name.endsWith('.metadata')) {
        const f = this.registry.file(name.slice(0, -'.metadata'.length));
        if (!f || !f.metadata || this.modes.noMetadataFiles) return send(404, {}, 'not found\n');
        const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
        if (this.modes.fileCacheControl !== null) headers['cache-control'] = this.modes.fileCacheControl;
        return send(200, headers, f.metadata);
      }
      const f = this.registry.file(name);
      if (!f) return send(404, {}, 'not found\n');
      return this.serveFile(req, res, method, path, f, setStatus, send);
    }
    return send(404, {}, 'not found\n');
  }

  /** The file whose hostile alias (`advertisedNames`) the still-encoded `/files/<name>` path names. */
  private aliasedFile(rawPath: string): StoredFile | undefined {
    const names = this.modes.advertisedNames;
    const m = /^\/files\/([^/]+)$/.exec(rawPath);
    if (names === null || m === null) return undefined;
    let requested: string;
    try {
      requested = decodeURIComponent(m[1] ?? '');
    } catch {
      return undefined;
    }
    const real = Object.keys(names).find((k) => names[k] === requested);
    return real === undefined ? undefined : this.registry.file(real);
  }

  private servePage(
    req: IncomingMessage,
    name: string,
    send: (status: number, headers: Record<string, string | number>, body?: Uint8Array | string) => number,
  ): number {
    const normalized = normalizeName(name);
    if (normalized !== name) {
      const prefix = this.modes.pathToken === null ? '' : `/${this.modes.pathToken}`;
      return send(301, { location: `${prefix}/simple/${normalized}/` });
    }
    const p = this.registry.project(name);
    if (!p) return send(404, {}, 'not found\n');
    const json = !this.modes.noJson && wantsJson(req.headers.accept);
    const { body, etag } = this.renderedPage(p, json);
    const headers: Record<string, string> = {
      'content-type': json ? JSON_CONTENT_TYPE : `${HTML_CONTENT_TYPE}; charset=utf-8`,
      etag,
      'last-modified': httpDate(p.lastModified),
      vary: 'Accept',
    };
    if (this.modes.pageCacheControl !== null) headers['cache-control'] = this.modes.pageCacheControl;
    if (this.modes.pageAge !== null) headers.age = this.modes.pageAge;
    if (notModified(req, etag, p.lastModified)) return send(304, headers);
    return send(200, headers, body);
  }

  /** A project page's body and ETag, rendered now or (cachePages) kept from an earlier request. */
  private renderedPage(p: StoredProject, json: boolean): { body: string; etag: string } {
    const m = this.modes;
    const key = this.cachePages
      ? JSON.stringify([
          p.lastModified,
          p.files.length,
          m.noHashes,
          m.noSize,
          m.noMetadataFiles,
          m.wrongMetadataHash,
          m.advertisedNames,
          m.fileUrlBase,
          m.pageEtag,
        ])
      : '';
    const slot = `${p.normalized}\u0000${json ? 'json' : 'html'}`;
    const kept = this.cachePages ? this.pageBodies.get(slot) : undefined;
    if (kept !== undefined && kept.key === key) return kept;
    const body = json ? renderProjectJson(p, m) : renderProjectHtml(p, m);
    // A digest of the body (as PyPI's base64 md5), or an opaque one (nginx-style mtime-size).
    const etag =
      m.pageEtag === 'opaque'
        ? `"${p.lastModified.toString(16)}-${Buffer.byteLength(body).toString(16)}"`
        : `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const page = { key, body, etag };
    if (this.cachePages) this.pageBodies.set(slot, page);
    return page;
  }

  private async serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    f: StoredFile,
    setStatus: (s: number) => void,
    send: (status: number, headers: Record<string, string | number>, body?: Uint8Array | string) => number,
  ): Promise<number> {
    const full = this.modes.truncateFiles ? f.bytes.subarray(0, Math.floor(f.bytes.length / 2)) : f.bytes;
    const size = full.length;
    const base: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': this.modes.rangeIgnored ? 'none' : 'bytes',
      etag: f.etag,
      'last-modified': httpDate(f.lastModified),
    };
    if (this.modes.fileCacheControl !== null) base['cache-control'] = this.modes.fileCacheControl;
    if (method === 'HEAD') {
      if (this.modes.headRefused) return send(405, { allow: 'GET' });
      return send(200, { ...base, 'content-length': size });
    }
    if (method !== 'GET') return send(405, { allow: 'GET, HEAD' });
    if (notModified(req, f.etag, f.lastModified)) return send(304, base);

    let status = 200;
    let body = full;
    const range = this.modes.rangeIgnored ? { kind: 'none' as const } : parseRange(req.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      return send(416, { 'content-range': `bytes */${size}` });
    }
    if (range.kind === 'range') {
      if (range.suffix && this.modes.suffixRangeRefused)
        return send(501, {}, 'suffix ranges not supported\n');
      status = 206;
      body = full.subarray(range.start, range.end + 1);
      const shift = this.modes.wrongContentRange ? 7 : 0;
      base['content-range'] = `bytes ${range.start + shift}-${range.end + shift}/${size}`;
    }
    setStatus(status);
    res.writeHead(status, { ...base, 'content-length': body.length });
    return this.writeBody(res, path, body);
  }

  /** A hostile answer (HostileMode); returns body bytes written. */
  private async serveHostile(
    req: IncomingMessage,
    res: ServerResponse,
    mode: HostileMode,
    setStatus: (s: number) => void,
  ): Promise<number> {
    if (mode.kind === 'raw-page') {
      setStatus(200);
      res.writeHead(200, {
        'content-type': mode.contentType,
        'content-length': Buffer.byteLength(mode.body),
      });
      res.end(mode.body);
      return Buffer.byteLength(mode.body);
    }
    if (mode.kind === 'slow-headers') {
      setStatus(200);
      const socket = req.socket;
      const head = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nx-stall: ', 'latin1');
      let sent = 0;
      while (!socket.destroyed && sent < HOSTILE_MAX_BYTES) {
        socket.write(sent < head.length ? head.subarray(sent, sent + 1) : 'a');
        sent += 1;
        await sleep(mode.intervalMs);
      }
      return 0;
    }
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream' };
    let status = 200;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      // Claim to honour the range, for a file of 3 GiB.
      const total = 3 * 1024 ** 3;
      const start = range[1] === '' ? total - Number(range[2]) : Number(range[1]);
      const end = range[1] === '' || range[2] === '' ? total - 1 : Number(range[2]);
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${total}`;
    }
    if (mode.kind === 'huge-content-length') headers['content-length'] = mode.contentLength;
    setStatus(status);
    res.writeHead(status, headers);
    let gone = false;
    res.on('close', () => (gone = true));
    const limit =
      mode.kind === 'huge-content-length'
        ? Math.min(mode.contentLength, HOSTILE_MAX_BYTES)
        : HOSTILE_MAX_BYTES;
    const block = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    while (!gone && written < limit) {
      if (mode.kind === 'drip') {
        res.write(block.subarray(0, 1));
        written += 1;
        await sleep(mode.intervalMs);
        continue;
      }
      const n = Math.min(block.length, limit - written);
      written += n;
      if (!res.write(block.subarray(0, n))) {
        await new Promise<void>((r) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            r();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!gone) res.end();
    return written;
  }

  /** Writes a body honouring bandwidth and dropMidBody; returns bytes written. */
  private async writeBody(res: ServerResponse, path: string, body: Uint8Array): Promise<number> {
    const drop = this.modes.dropMidBody;
    let limit = body.length;
    let destroy = false;
    if (drop && path.includes(drop.pathContains ?? '/files/') && (drop.always || !this.dropped.has(path))) {
      if (drop.afterBytes < body.length) {
        this.dropped.add(path);
        limit = drop.afterBytes;
        destroy = true;
      }
    }
    const bw = this.modes.bandwidthBytesPerSec;
    let written = 0;
    if (bw > 0) {
      const chunk = Math.max(1, Math.ceil(bw / 100)); // 10 ms slices
      while (written < limit) {
        const n = Math.min(chunk, limit - written);
        res.write(body.subarray(written, written + n));
        written += n;
        if (written < limit) await sleep(10);
      }
    } else if (limit > 0) {
      res.write(body.subarray(0, limit));
      written = limit;
    }
    if (destroy) {
      await new Promise<void>((r) => res.write('', () => r()));
      res.socket?.destroy();
    } else {
      res.end();
    }
    return written;
  }
}

function notModified(req: IncomingMessage, etag: string, lastModified: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((s) => s.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const t = Date.parse(ims);
    return !Number.isNaN(t) && lastModified <= Math.floor(t / 1000);
  }
  return false;
}

export async function startIndexServer(options: IndexServerOptions = {}): Promise<IndexServer> {
  const handler = new Handler(options);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handler.handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    handler.counters.connectionOpened();
    socket.on('close', () => {
      sockets.delete(socket);
      handler.counters.connectionClosed();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    indexUrl: `${origin}/simple/`,
    port,
    counters: handler.counters,
    modes: handler.modes,
    fileUrl: (filename) => `${origin}/files/${encodeURIComponent(filename)}`,
    projectUrl: (name) => `${origin}/simple/${normalizeName(name)}/`,
    setModes: (modes) => Object.assign(handler.modes, modes),
    addFile: (project, file) => handler.registry.addFile(project, file),
    removeFile: (filename) => handler.registry.removeFile(filename),
    setProjects: (projects) => handler.registry.setProjects(projects),
    sha256: (filename) => handler.registry.file(filename)?.sha256,
    reset: () => {
      handler.counters.reset();
      handler.resetFaultState();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
