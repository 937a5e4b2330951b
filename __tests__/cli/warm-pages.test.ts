/**
 * Issue 14 §2 "warm run" and issue 9 §6 with issue 10 §1's page trust: pages and METADATA this
 * machine's wheelhouse received are recorded in the stamp store (src/cache/received-records.ts);
 * the next run into the same wheelhouse uses a page received less than its max-age ago with no
 * request, revalidates a stale one, and never trusts a stored page whose bytes differ from the
 * record (a page rewritten in the cache directory). The CLI runs in-process against the test index
 * server (request counters) with its real local cache.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { FIXTURE_TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { startIndexServer } from '../helpers/index-server.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-warm-pages-', modes: { pageCacheControl: 'max-age=600' } });

function fetchInto(dest: string) {
  return runCliCaptured(
    [
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...FIXTURE_TARGET,
      '--dest',
      dest,
      '--cache-dir',
      join(fx.work, 'cache'),
    ],
    { env: { HOME: fx.work }, cwd: fx.work },
  );
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

const REUSED = 'the previous resolution of';
const lockOf = (dest: string) => readFile(join(fx.work, dest, 'requirements.lock'), 'utf8');
const pageStatuses = () => fx.server.counters.log.filter((r) => r.kind === 'page').map((r) => r.status);

describe('a warm run into the same wheelhouse', () => {
  it('within max-age makes no request at all: no page, no metadata', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    const first = await fetchInto('wh');
    expect(first.code).toBe(0);
    expect(fx.server.counters.byKind.page.requests).toBeGreaterThan(0);
    const lock = await lockOf('wh');
    fx.server.reset();
    const second = await fetchInto('wh');
    expect(second.code).toBe(0);
    expect(fx.server.counters.log).toEqual([]);
    expect(await lockOf('wh')).toBe(lock);
    // Same inputs, every page fresh: not even resolved again (src/flow/resolution-reuse.ts).
    expect(first.stderr).not.toContain(REUSED);
    expect(second.stderr).toContain(REUSED);
    // And again: the records were written back.
    const third = await fetchInto('wh');
    expect(third.code).toBe(0);
    expect(fx.server.counters.log).toEqual([]);
  });

  it('after max-age revalidates every page (304s), then is fresh again', async () => {
    fx.server.setModes({ pageCacheControl: 'max-age=1' });
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetchInto('wh')).code).toBe(0);
    const pages = fx.server.counters.byKind.page.requests;
    await new Promise((r) => setTimeout(r, 1_100));
    fx.server.reset();
    fx.server.setModes({ pageCacheControl: 'max-age=600' });
    const stale = await fetchInto('wh');
    expect(stale.code).toBe(0);
    expect(stale.stderr).not.toContain(REUSED);
    expect(pageStatuses()).toEqual(new Array(pages).fill(304));
    expect(fx.server.counters.byKind.metadata.requests).toBe(0);
    // The 304 brought max-age=600: the next run asks nothing.
    fx.server.reset();
    expect((await fetchInto('wh')).code).toBe(0);
    expect(fx.server.counters.log).toEqual([]);
  });

  it('with a changed requirement file resolves again from the trusted pages', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetchInto('wh')).code).toBe(0);
    expect(await lockOf('wh')).toMatch(/^util==2\.1/m);
    fx.server.reset();
    await writeRequirements(fx.work, ['app', 'util<2.1']);
    const changed = await fetchInto('wh');
    expect(changed.code).toBe(0);
    expect(changed.stderr).not.toContain(REUSED);
    const lock = await lockOf('wh');
    expect(lock).toMatch(/^util==2\.0/m);
    expect(lock).not.toMatch(/^big==/m);
    expect(fx.server.counters.byKind.page.requests).toBe(0);
  });

  it('does not trust a stored page rewritten in place in the cache directory: it is requested again', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetchInto('wh')).code).toBe(0);
    // util's stored page (in the local cache's entry), rewritten in place: util 2.1 dropped, the
    // stored digest recomputed and a day of freshness claimed.
    let rewritten = 0;
    for await (const path of walk(join(fx.work, 'cache'))) {
      if (!/[0-9a-f]{64}\.json$/.test(path)) continue;
      const entry = JSON.parse(await readFile(path, 'utf8')) as { body?: string };
      if (typeof entry.body !== 'string' || !entry.body.includes('util-2.1-')) continue;
      const page = JSON.parse(entry.body) as { files: { filename: string }[] };
      page.files = page.files.filter((f) => !f.filename.startsWith('util-2.1-'));
      const body = JSON.stringify(page);
      const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
      await chmod(path, 0o644);
      await writeFile(
        path,
        JSON.stringify({ ...entry, body, sha256, storedAt: Date.now(), freshForSec: 86_400 }),
      );
      rewritten++;
    }
    expect(rewritten).toBeGreaterThan(0);
    fx.server.reset();
    // Inputs that differ (so the run resolves) but need the same pages.
    await writeRequirements(fx.work, ['app', 'big', 'util']);
    expect((await fetchInto('wh')).code).toBe(0);
    expect(await lockOf('wh')).toMatch(/^util==2\.1/m);
    // Only util's page is asked for, whole (its ETag is not the digest of the rewritten body).
    const asked = fx.server.counters.log.filter((r) => r.kind === 'page');
    expect(asked.map((r) => [r.path.replace(/\/+$/, '').split('/').pop(), r.status])).toEqual([
      ['util', 200],
    ]);
  });

  it('a page restored into another wheelhouse (no records of its own) is revalidated', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetchInto('wh1')).code).toBe(0);
    const pages = fx.server.counters.byKind.page.requests;
    fx.server.reset();
    expect((await fetchInto('wh2')).code).toBe(0);
    expect(pageStatuses()).toEqual(new Array(pages).fill(304));
    expect(await lockOf('wh2')).toBe(await lockOf('wh1'));
  });
});

describe('the previous resolution is reused only for the same inputs', () => {
  it('a local find-links directory that changed is read again (a new version is chosen)', async () => {
    const links = join(fx.work, 'links');
    await mkdir(links);
    const put = async (version: string) => {
      const w = buildWheel({ name: 'solo', version });
      await writeFile(join(links, w.filename), w.bytes);
    };
    await put('1.0');
    await writeFile(join(fx.work, 'requirements.txt'), 'solo\n');
    const run = () =>
      runCliCaptured(
        [
          'fetch',
          '-r',
          'requirements.txt',
          '--no-index',
          '--find-links',
          'links',
          ...FIXTURE_TARGET,
          '--dest',
          'wh',
        ],
        { env: { HOME: fx.work, XDG_CACHE_HOME: join(fx.work, 'xdg') }, cwd: fx.work },
      );
    expect((await run()).code).toBe(0);
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(REUSED);
    await put('2.0');
    const changed = await run();
    expect(changed.code).toBe(0);
    expect(changed.stderr).not.toContain(REUSED);
    expect(await lockOf('wh')).toMatch(/^solo==2\.0/m);
  });

  it('a page looked up but not found (404) is never taken as fresh: the next run resolves again', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    // A first index that has none of the projects: its pages are 404s, which store nothing.
    const other = await startIndexServer();
    try {
      const run = () =>
        runCliCaptured(
          [
            'fetch',
            '-r',
            'requirements.txt',
            '-i',
            other.indexUrl,
            '--extra-index-url',
            fx.server.indexUrl,
            ...FIXTURE_TARGET,
            '--dest',
            'wh',
            '--cache-dir',
            join(fx.work, 'cache'),
          ],
          { env: { HOME: fx.work }, cwd: fx.work },
        );
      expect((await run()).code).toBe(0);
      other.reset();
      const second = await run();
      expect(second.code).toBe(0);
      expect(second.stderr).not.toContain(REUSED);
      expect(other.counters.byKind.page.requests).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
