/**
 * The real S3 server the S3 suites talk to: Ceph's RADOS gateway started by
 * scripts/s3-test-gateway.sh (on free ports; .ci/run starts it and exports its endpoint as
 * WHEELHOUSE_TEST_S3_ENDPOINT). Credentials are the throwaway cluster's test user unless overridden.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '../../src/cache/s3/s3-client.js';
import { S3Store, type S3StoreOptions } from '../../src/cache/s3-store.js';
import { writeManifest } from '../../src/cache/wheelhouse-manifest.js';

export const S3_ENDPOINT = process.env.WHEELHOUSE_TEST_S3_ENDPOINT;
export const S3_KEY = process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY';
export const S3_SECRET = process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET';

/** For describeWhenAvailable: undefined when a gateway is configured, else how to start one. */
export const s3GatewayMissing: string | undefined =
  S3_ENDPOINT === undefined
    ? 'WHEELHOUSE_TEST_S3_ENDPOINT is not set (needs apt-get install --no-install-recommends radosgw ' +
      'ceph-mon ceph-osd; then `export WHEELHOUSE_TEST_S3_ENDPOINT=$(scripts/s3-test-gateway.sh start ' +
      '/tmp/s3gw)` — it prints the endpoint on the free port it chose; stop with ' +
      '`scripts/s3-test-gateway.sh stop /tmp/s3gw`)'
    : undefined;

export interface CountingProxy {
  url: string;
  /** Requests seen, by `METHOD /path` (query left out). */
  counts: Map<string, number>;
  /** Requests seen, as `METHOD /path?query`. */
  seen: string[];
  /** When set and true for a request (`METHOD /path?query`), it is answered with this status instead. */
  fault?: (request: string) => number | undefined;
  /**
   * Answer range requests with status 200 (plays a server that ignores Range; the Range header
   * itself is signed, so it cannot be dropped on the way).
   */
  rangeAs200?: boolean;
  /**
   * Plays a store that stops answering (a full Ceph cluster blocks writes): for a request it
   * answers 'headers' for, nothing is answered (its body is not even read); 'body': the gateway's
   * status and headers are sent, then the body never comes. Held requests end when the proxy closes.
   */
  hang?: (request: string) => 'headers' | 'body' | undefined;
  /**
   * Holds a request (not forwarded yet) until the promise it answers settles: orders parallel
   * requests deterministically (e.g. the first byte range of an object answered after the others).
   * Gets the request's Range header too.
   */
  hold?: (request: string, range: string | undefined) => Promise<void> | undefined;
  /** Told when the gateway's whole answer to a request was passed on (`range`: its Range header). */
  answered?: (request: string, range: string | undefined) => void;
  close(): Promise<void>;
}

/**
 * A forwarding proxy on 127.0.0.1 in front of the gateway: passes every request unchanged (Host too,
 * so signatures stay valid), counts them, and can answer chosen ones with an error status itself.
 */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const proxy: CountingProxy = {
    url: '',
    counts: new Map(),
    seen: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // held requests included
      }),
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const k = `${req.method} ${path}`;
    proxy.counts.set(k, (proxy.counts.get(k) ?? 0) + 1);
    const full = `${req.method} ${decodeURIComponent(req.url ?? '')}`;
    proxy.seen.push(full);
    const hang = proxy.hang?.(full);
    if (hang === 'headers') return;
    const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
    const held = proxy.hold?.(full, range);
    if (held !== undefined) {
      req.pause();
      // A request its client gave up on while held (aborted) is not forwarded: nothing would
      // read the answer, and its upstream request would stay open.
      let gone = false;
      res.on('close', () => (gone = true));
      const go = (): void => {
        if (!gone) forward(req, res, full, range, hang);
      };
      held.then(go, go);
      return;
    }
    forward(req, res, full, range, hang);
  });
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    full: string,
    range: string | undefined,
    hang: 'body' | undefined,
  ): void => {
    const status = proxy.fault?.(full);
    if (status !== undefined) {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>InjectedByTestProxy</Code></Error>');
      return;
    }
    const up = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        const status = proxy.rangeAs200 === true && r.statusCode === 206 ? 200 : r.statusCode;
        res.writeHead(status ?? 502, r.headers);
        if (hang === 'body') {
          res.flushHeaders();
          r.resume(); // the gateway's body is read and dropped; the client gets none of it
          return;
        }
        res.on('finish', () => proxy.answered?.(full, range));
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** A client for `bucket` on the test gateway with the test user's credentials (tests' own set-up and checks). */
export function testS3Client(bucket: string): S3Client {
  if (S3_ENDPOINT === undefined) throw new Error('testS3Client: no S3 gateway configured');
  return new S3Client({
    bucket,
    endpoint: S3_ENDPOINT,
    region: 'us-east-1',
    credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_SECRET },
  });
}

/** Creates `bucket` on the test gateway. */
export async function createTestBucket(bucket: string): Promise<void> {
  const admin = testS3Client(bucket);
  try {
    await admin.createBucket();
  } finally {
    await admin.close();
  }
}

/**
 * An S3Store for `bucket` with the test user's credentials: on the gateway itself, or on `endpoint`
 * (a counting proxy in front of it) when given. The rest of the options are the test's.
 */
export function testS3Store(
  bucket: string,
  options: Omit<S3StoreOptions, 'bucket' | 'endpoint' | 'region' | 'credentials'> & { endpoint?: string },
): S3Store {
  const endpoint = options.endpoint ?? S3_ENDPOINT;
  if (endpoint === undefined) throw new Error('testS3Store: no S3 gateway configured');
  return new S3Store({
    ...options,
    bucket,
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_SECRET },
  });
}

/**
 * Writes a wheelhouse to save as an entry: `<root>/seed/wh` holding `wheels` and their manifest,
 * and `<root>/seed/meta` holding one metadata file. Answers both paths.
 */
export async function seedWheelhouse(
  root: string,
  wheels: readonly { name: string; data: Buffer; sha256: string; size: number }[],
): Promise<{ wh: string; meta: string }> {
  const wh = join(root, 'seed', 'wh');
  const meta = join(root, 'seed', 'meta');
  await mkdir(wh, { recursive: true });
  await mkdir(meta, { recursive: true });
  for (const w of wheels) await writeFile(join(wh, w.name), w.data);
  await writeManifest(wh, {
    version: 1,
    files: Object.fromEntries(wheels.map((w) => [w.name, { sha256: w.sha256, size: w.size }])),
  });
  await writeFile(join(meta, 'one.metadata'), 'Metadata-Version: 2.1\nName: aa\nVersion: 1.0\n');
  return { wh, meta };
}

/**
 * A new runner's wheelhouse `<root>/<dir>/wh` (its manifest opened as the fetch flow leaves it
 * before a restore, wheelhouse-session.ts `open`) and metadata path `<root>/<dir>/meta`.
 */
export async function runnerWheelhouse(root: string, dir: string): Promise<{ wh: string; meta: string }> {
  const wh = join(root, dir, 'wh');
  const meta = join(root, dir, 'meta');
  await mkdir(wh, { recursive: true });
  await mkdir(meta, { recursive: true });
  await writeManifest(wh, { version: 1, complete: false, files: {} });
  return { wh, meta };
}
