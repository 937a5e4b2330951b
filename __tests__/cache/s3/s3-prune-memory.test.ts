/**
 * Review 17b F2: `store prune` held every listed key in memory (UTF-16 copies of up to 1,000 pages
 * per area: gigabytes against 1 KiB keys). A local HTTP server answers ListObjectsV2 as S3 does
 * (path style) with full pages of 1,024-byte keys — old entries under entries/, keys of no store
 * shape under wheels/ — and store-shaped old objects under blobs/ (sweep candidates). The prune
 * streams each listing, keeps compact forms only, and its memory stays far below what the keys
 * take; its answer is what the keys say: old entries deleted, foreign objects kept, the
 * unreferenced old blobs deleted (dry run).
 *
 * What is measured is the heap the prune *retains*: at every 8th listing request the server (same
 * process) forces a full GC and reads heapUsed. Transient pages in flight are collected there, so
 * the figure does not depend on when V8 chose to collect under a loaded machine (a peak-RSS bound
 * did: 83 MB calm, 185 MB with seven other suites running). The old prune retained every key.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { S3Store } from '../../../src/cache/s3-store.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
import type { Logger } from '../../../src/util/logger.js';
import { listenLocally } from '../../helpers/listen-locally.js';

/** Pages per area: 120,000 keys of 1 KiB under entries/ and wheels/ (~480 MB as the old listing kept them). */
const PAGES = { entries: 60, wheels: 60, blobs: 20 };
const OLD = '2020-01-01T00:00:00.000Z';
const hex = (n: number): string => createHash('sha256').update(String(n)).digest('hex');

function key(area: string, page: number, i: number): string {
  if (area === 'blobs') {
    const d = hex(page * 1000 + i);
    return `p/blobs/sha256/${d.slice(0, 2)}/${d}`;
  }
  const id = `p/${area}/${page}-${i}-`;
  return area === 'entries' ? `${id.padEnd(1019, 'k')}.json` : id.padEnd(1024, 'k');
}

function listing(prefix: string, token: string | null): string {
  const area = prefix.replace(/^p\/|\/$/g, '') as keyof typeof PAGES;
  const pages = PAGES[area] ?? 0;
  const page = token === null ? 0 : Number(token);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?><ListBucketResult>'];
  if (pages > 0)
    for (let i = 0; i < 1000; i++)
      parts.push(
        `<Contents><Key>${key(area, page, i)}</Key><LastModified>${OLD}</LastModified><Size>7</Size></Contents>`,
      );
  const last = page + 1 >= pages;
  parts.push(`<IsTruncated>${last ? 'false' : 'true'}</IsTruncated>`);
  if (!last) parts.push(`<NextContinuationToken>${page + 1}</NextContinuationToken>`);
  parts.push('</ListBucketResult>');
  return parts.join('');
}

// A full collection on demand (jest's context has no global gc; the flag exposes it to new contexts).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
/** Largest heapUsed after a full GC seen at a listing request, in bytes. */
let retained = 0;
function sampleRetained(): void {
  collect();
  retained = Math.max(retained, process.memoryUsage().heapUsed);
}

let endpoint = '';
let stop: () => Promise<void>;
beforeAll(async () => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      // Every 8th page of an area (a full GC each time is slow on a loaded machine): the old prune's
      // retained keys grow page by page, so any late sample shows them.
      const token = url.searchParams.get('continuation-token');
      if (Number(token ?? 0) % 8 === 7) sampleRetained();
      const body = listing(url.searchParams.get('prefix') ?? '', token);
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end('<Error><Code>NoSuchKey</Code></Error>');
  });
  const listening = await listenLocally(server);
  endpoint = `http://127.0.0.1:${listening.port}`;
  stop = listening.close;
});
afterAll(async () => {
  await stop();
});

it('prune streams 140,000 listed keys (120,000 of 1 KiB) holding compact forms only', async () => {
  // Lines counted, not kept: the CLI's logger writes them out (a recording logger would hold them).
  const lines = { info: 0, warn: [] as string[] };
  const logger: Logger = {
    debug: () => undefined,
    info: () => void lines.info++,
    warn: (m) => void lines.warn.push(m),
    error: (m) => void lines.warn.push(m),
  };
  const store = new S3Store({
    bucket: 'b',
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    prefix: 'p',
    logger,
    forcePathStyle: true,
  });
  collect();
  const baseHeap = process.memoryUsage().heapUsed;
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await pruneStore(store, { olderThanDays: 30, logger, dryRun: true });
    sampleRetained();
    peak = Math.max(peak, process.memoryUsage().rss);
    const retainedMB = Math.round((retained - baseHeap) / 1048576);
    const peakMB = Math.round((peak - base) / 1048576);
    console.log(`prune retained heap ${retainedMB} MB, RSS growth ${peakMB} MB`);
    // The 120,000 keys of 1 KiB alone are ~120 MB as one-byte strings (the old prune kept them all,
    // and more as UTF-16 copies); compact marks of 140,000 keys are a few MB.
    expect(retainedMB).toBeLessThan(40);
    // The principle's bound for the whole process ("under 300 MB RSS"), with the transient pages.
    expect(peakMB).toBeLessThan(300);
    expect(result).toMatchObject({
      entriesDeleted: 60_000,
      entriesKept: 0,
      objectsDeleted: 20_000,
      bytesDeleted: 140_000,
      objectsKept: 0,
      foreignKept: 60_000,
    });
    expect(lines.info).toBe(60_000);
    expect(lines.warn).toEqual([
      expect.stringMatching(
        /^60000 object\(s\) under s3:\/\/b\/p are not of the store's shape \(first: "p\/wheels\/0-0-k+"…\): kept$/,
      ),
    ]);
  } finally {
    clearInterval(timer);
    await store.close();
  }
}, 120_000);
