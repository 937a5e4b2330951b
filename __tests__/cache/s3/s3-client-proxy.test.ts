/**
 * Review 14c F9: the S3 client follows HTTP(S)_PROXY / ALL_PROXY / NO_PROXY as the index client
 * does (src/index/proxy.ts selection: pip/requests semantics, loopback proxied unless listed).
 * Two local servers: the "proxy" answers as a store would (an empty listing, 404 for objects) and
 * counts what it is asked; the "store" counts requests that reach it directly.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '../../../src/cache/s3-store.js';
import { recorder } from '../../helpers/line-recorder.js';

const PREFIX = 'wheelhouse-v1-linux-abc-cp312-';
const answer = (req: IncomingMessage, res: ServerResponse): void => {
  if ((req.url ?? '').includes('list-type=2')) {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>');
    return;
  }
  res.writeHead(404, { 'content-type': 'application/xml' });
  res.end('<Error><Code>NoSuchKey</Code></Error>');
};
const seen = { proxy: [] as string[], store: [] as string[] };
const proxy = createServer((req, res) => {
  seen.proxy.push(`${req.method} ${req.url}`);
  answer(req, res);
});
const store = createServer((req, res) => {
  seen.store.push(`${req.method} ${req.url}`);
  answer(req, res);
});
const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
let root: string;
let proxyUrl = '';
let storeUrl = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-s3proxy-'));
  proxyUrl = await listen(proxy);
  storeUrl = await listen(store);
});
afterAll(async () => {
  proxy.close();
  store.close();
  await rm(root, { recursive: true, force: true });
});

const restoreWith = async (env: Record<string, string>, dir: string): Promise<void> => {
  seen.proxy = [];
  seen.store = [];
  const s = new S3Store({
    bucket: 'fleet-cache',
    endpoint: storeUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' },
    logger: recorder(),
    retries: 0,
    env,
  });
  const dst = join(root, dir);
  await mkdir(dst);
  expect(await s.restore([dst], PREFIX + '1'.repeat(32), [PREFIX])).toEqual({ exact: false });
  await s.close();
};

it('HTTP_PROXY: every request goes through the proxy (absolute URL, forwarded), none directly', async () => {
  await restoreWith({ HTTP_PROXY: proxyUrl }, 'a');
  expect(seen.store).toEqual([]);
  expect(seen.proxy.length).toBeGreaterThanOrEqual(2);
  expect(seen.proxy.every((r) => r.startsWith(`GET ${storeUrl}/fleet-cache`))).toBe(true);
  expect(seen.proxy.some((r) => r.includes('list-type=2'))).toBe(true);
});

it('ALL_PROXY serves http: when HTTP_PROXY is unset; NO_PROXY naming the host goes direct', async () => {
  await restoreWith({ all_proxy: proxyUrl }, 'b');
  expect(seen.store).toEqual([]);
  expect(seen.proxy.length).toBeGreaterThanOrEqual(2);
  await restoreWith({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' }, 'c');
  expect(seen.proxy).toEqual([]);
  expect(seen.store.length).toBeGreaterThanOrEqual(2);
});
