/**
 * Warm runs honour the index's Cache-Control for project pages (RFC 9111 §4.2): a page received
 * less than max-age ago is used with no request; a stale one is revalidated; no-cache always
 * revalidates; no-store is never kept; Age shortens the lifetime.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import { createPageCache } from '../../src/index/page-cache.js';
import { isFresh, MAX_FRESH_SEC, pageFreshness } from '../../src/index/page-freshness.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

describe('pageFreshness', () => {
  it('reads max-age, Age, no-cache and no-store', () => {
    expect(pageFreshness('max-age=600, public', undefined)).toEqual({ freshForSec: 600, noStore: false });
    expect(pageFreshness('Public, MAX-AGE="600"', '590')).toEqual({ freshForSec: 10, noStore: false });
    expect(pageFreshness('max-age=600', '900')).toEqual({ freshForSec: 0, noStore: false });
    expect(pageFreshness('max-age=600, no-cache', undefined)).toEqual({ freshForSec: 0, noStore: false });
    expect(pageFreshness('no-store, max-age=600', undefined)).toEqual({ freshForSec: 0, noStore: true });
    expect(pageFreshness('max-age=-1', undefined).freshForSec).toBe(0);
    expect(pageFreshness('max-age=1e3', undefined).freshForSec).toBe(0);
    expect(pageFreshness('s-maxage=600', undefined).freshForSec).toBe(0);
    expect(pageFreshness(undefined, undefined).freshForSec).toBe(0);
    expect(pageFreshness('max-age=600, max-age=0', undefined).freshForSec).toBe(600);
    expect(pageFreshness('max-age=99999999', undefined).freshForSec).toBe(MAX_FRESH_SEC);
  });

  it('a receive time in the future or a bad lifetime is stale', () => {
    expect(isFresh(1000, 10, 5000)).toBe(true);
    expect(isFresh(1000, 10, 11000)).toBe(false);
    expect(isFresh(9000, 10, 5000)).toBe(false);
    expect(isFresh(1000, undefined, 1000)).toBe(false);
    expect(isFresh(1000, Number.NaN, 1000)).toBe(false);
    expect(isFresh(1000, 1e12, 1000 + (MAX_FRESH_SEC + 1) * 1000)).toBe(false);
  });
});

let server: IndexServer;
let root: string;
let n = 0;

beforeAll(async () => {
  const projects = ['alpha', 'beta', 'gamma'].map((name) => {
    const w = buildWheel({ name, version: '1.0' });
    return { name, files: [{ filename: w.filename, bytes: w.bytes }] };
  });
  server = await startIndexServer({ projects });
  root = await mkdtemp(join(tmpdir(), 'wh-pagefresh-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => server.setModes({ pageCacheControl: null, pageAge: null, latencyMs: 0 }));

/** A fresh cache dir and a clock the test moves; `run` fetches the named pages concurrently. */
function warmSetup() {
  const logger = new RecordingLogger();
  const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
  const clock = { t: 1_700_000_000_000 };
  const ctx = { http, logger, pageCache: createPageCache(join(root, `c${n++}`)), now: () => clock.t };
  const run = async (names = ['alpha', 'beta', 'gamma']) => {
    server.reset();
    const pages = await Promise.all(
      names.map((p) => fetchProjectPage(ctx, server.projectUrl(p), normalizeName(p))),
    );
    for (const p of pages) expect(p!.files).toHaveLength(1);
    return server.counters.log.map((r) => r.status).sort();
  };
  return { clock, run, close: () => http.close() };
}

describe('warm runs and Cache-Control', () => {
  it('within max-age no page is requested; after expiry stale pages are revalidated concurrently', async () => {
    server.setModes({ pageCacheControl: 'max-age=600, public' });
    const { clock, run, close } = warmSetup();
    try {
      expect(await run()).toEqual([200, 200, 200]);
      clock.t += 599_000;
      expect(await run()).toEqual([]);
      expect(server.counters.byKind.page?.requests ?? 0).toBe(0);
      clock.t += 2_000; // 601 s after receipt: stale
      server.setModes({ latencyMs: 150 });
      expect(await run()).toEqual([304, 304, 304]);
      expect(server.counters.peakInFlight).toBe(3);
      // The 304 restarted the lifetime.
      clock.t += 300_000;
      expect(await run()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a page fresh for one project does not spare another project its request', async () => {
    server.setModes({ pageCacheControl: 'max-age=600' });
    const { run, close } = warmSetup();
    try {
      expect(await run(['alpha'])).toEqual([200]);
      expect(await run(['alpha', 'beta'])).toEqual([200]);
      expect(server.counters.log.map((r) => r.path)).toEqual([expect.stringContaining('/simple/beta')]);
    } finally {
      await close();
    }
  });

  it('Age shortens the lifetime', async () => {
    server.setModes({ pageCacheControl: 'max-age=600', pageAge: '590' });
    const { clock, run, close } = warmSetup();
    try {
      expect(await run(['alpha'])).toEqual([200]);
      clock.t += 9_000;
      expect(await run(['alpha'])).toEqual([]);
      clock.t += 2_000;
      expect(await run(['alpha'])).toEqual([304]);
    } finally {
      await close();
    }
  });

  it('no-cache always revalidates; no-store is never kept; no Cache-Control revalidates as before', async () => {
    const { run, close } = warmSetup();
    try {
      server.setModes({ pageCacheControl: 'no-cache, max-age=600' });
      expect(await run(['alpha'])).toEqual([200]);
      expect(await run(['alpha'])).toEqual([304]);
      server.setModes({ pageCacheControl: 'no-store' });
      expect(await run(['beta'])).toEqual([200]);
      expect(await run(['beta'])).toEqual([200]);
      server.setModes({ pageCacheControl: null });
      expect(await run(['gamma'])).toEqual([200]);
      expect(await run(['gamma'])).toEqual([304]);
    } finally {
      await close();
    }
  });
});
