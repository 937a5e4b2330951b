/**
 * Warm runs read no wheel twice (src/cache/file-stamps.ts through the fetch flow), and still find
 * every changed byte: reads of wheel bytes are counted through the flow's `hashFile` seam, never
 * timed. The test index server and the local-directory cache are real.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { fileSha256, type FileDigester } from '../../src/util/file-sha256.js';
import { silentLogger } from '../../src/util/logger.js';
import { useFixtureRun } from '../helpers/fixture-run.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';

const fx = useFixtureRun('wh-warm-runs-', ['app', 'big'], true);

/** Every path whose bytes the flow read to hash them. */
function counter(): { hashFile: FileDigester; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    hashFile: async (path) => {
      reads.push(path);
      return fileSha256(path);
    },
  };
}

/** Flips one byte in the middle of `path`, in place: same size, same inode. */
async function flipByte(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const at = Math.floor(size / 2);
    const one = Buffer.alloc(1);
    await handle.read(one, 0, 1, at);
    one[0] = one[0]! ^ 0xff;
    await handle.write(one, 0, 1, at);
  } finally {
    await handle.close();
  }
}

async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

it('a second fetch into the same wheelhouse reads no wheel again', async () => {
  try {
    const first = await runFetch(fx.options());
    expect(first.downloaded).toBe(EXPECTED_FILES.length);
    fx.server.reset();
    const count = counter();
    const second = await runFetch(fx.options({ hashFile: count.hashFile }));
    expect(second.downloaded).toBe(0);
    expect(count.reads).toEqual([]);
    expect(second.digests.hashed).toBe(0);
    expect(second.digests.trusted).toBeGreaterThanOrEqual(EXPECTED_FILES.length);
    expect(fx.server.counters.byKind['file-full'].requests).toBe(0);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it('a wheel changed in place between runs (same size, same inode) is read, removed and fetched again', async () => {
  try {
    await runFetch(fx.options());
    const big = join(fx.work, 'wh', 'big-1.0-py3-none-any.whl');
    const good = await sha256File(big);
    await flipByte(big);
    fx.server.reset();
    const count = counter();
    const second = await runFetch(fx.options({ hashFile: count.hashFile }));
    // Only the changed file was read; it was caught before anything could use it.
    expect(count.reads).toEqual([big]);
    expect(second.removed).toEqual([{ filename: basename(big), reason: 'hash-mismatch' }]);
    expect(second.downloaded).toBe(1);
    expect(await sha256File(big)).toBe(good);
    // And the next run trusts the fresh download again.
    const third = counter();
    await runFetch(fx.options({ hashFile: third.hashFile }));
    expect(third.reads).toEqual([]);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it('a restore from the local cache reads each wheel once (not again to verify), and the next run none', async () => {
  try {
    const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
    const first = await runFetch(fx.options({ cache: { backend: cache } }));
    expect((await saveWheelhouse(savePlanOf(first), cache, silentLogger)).save.saved).toBe(true);

    // The saved wheelhouse, whose files the save linked and made read-only (their ctime changed).
    const again = counter();
    const warm = await runFetch(fx.options({ cache: { backend: cache }, hashFile: again.hashFile }));
    expect(warm.cacheHit).toBe(true);
    expect(again.reads).toEqual([]);

    // A fresh wheelhouse restored from the entry: each file is hashed once, in the entry.
    const count = counter();
    const wh2 = join(fx.work, 'wh2');
    const restored = await runFetch(
      fx.options({ cache: { backend: cache }, wheelhouse: wh2, hashFile: count.hashFile }),
    );
    expect(restored.cacheHit).toBe(true);
    expect(restored.downloaded).toBe(0);
    expect(count.reads.map((p) => basename(p)).sort()).toEqual(EXPECTED_FILES);
    expect(count.reads.every((p) => p.startsWith(join(fx.work, 'cache')))).toBe(true);

    // And the next run into it reads none.
    const next = counter();
    await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: wh2, hashFile: next.hashFile }));
    expect(next.reads).toEqual([]);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it('a cache entry file changed in place after the restore linked it is caught on the next run', async () => {
  try {
    const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
    const first = await runFetch(fx.options({ cache: { backend: cache } }));
    await saveWheelhouse(savePlanOf(first), cache, silentLogger);
    await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: join(fx.work, 'wh2') }));
    // wh2's files are hard links of the entry's: writing the entry's file in place changes wh2's.
    const inWh2 = join(fx.work, 'wh2', 'big-1.0-py3-none-any.whl');
    const good = await sha256File(inWh2);
    const { chmod } = await import('node:fs/promises');
    await chmod(inWh2, 0o644);
    await flipByte(inWh2);
    fx.server.reset();
    const next = await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: join(fx.work, 'wh2') }));
    expect(next.removed.map((r) => r.filename)).toContain('big-1.0-py3-none-any.whl');
    expect(await sha256File(inWh2)).toBe(good);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it("pip's offline line against a filled wheelhouse reads no wheel on the second run", async () => {
  try {
    await runFetch(fx.options());
    const wh = join(fx.work, 'wh');
    const offline = (hashFile?: FileDigester): FetchOptions =>
      fx.options({
        requirementFiles: [join(wh, 'requirements.lock')],
        finder: { noIndex: true, findLinks: [wh] },
        requireHashes: true,
        wheelhouse: join(fx.work, 'wh3'),
        stateDir: join(fx.work, 'state3'),
        ...(hashFile !== undefined ? { hashFile } : {}),
      });
    fx.server.reset();
    const first = counter();
    const filled = await runFetch(offline(first.hashFile));
    expect(filled.packages.map((p) => p.filename).sort()).toEqual(EXPECTED_FILES);
    // The find-links files are known by the stamps the fetch into `wh` wrote; the copies made
    // into wh3 were hashed while they were copied.
    expect(first.reads.filter((p) => p.startsWith(wh + '/'))).toEqual([]);
    const second = counter();
    const again = await runFetch(offline(second.hashFile));
    expect(again.downloaded).toBe(0);
    expect(second.reads).toEqual([]);
    expect(fx.server.counters.requests).toBe(0);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it('without a stamp store every run hashes again, and the wheelhouse holds only its usual files', async () => {
  try {
    await runFetch(fx.options({ stampStore: undefined }));
    const count = counter();
    await runFetch(fx.options({ stampStore: undefined, hashFile: count.hashFile }));
    expect(count.reads.map((p) => basename(p)).sort()).toEqual(EXPECTED_FILES);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(join(fx.work, 'wh'))).filter((n) => n.startsWith('.'))).toEqual([]);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});

it("without a stamp store (the action), restored pages keep issue 10's rule: each is revalidated, even within max-age", async () => {
  fx.server.setModes({ pageCacheControl: 'max-age=600' });
  try {
    const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
    const action = (stateDir: string) =>
      runFetch(
        fx.options({ stampStore: undefined, cache: { backend: cache }, stateDir: join(fx.work, stateDir) }),
      );
    const first = await action('job1');
    await saveWheelhouse(savePlanOf(first), cache, silentLogger);
    const pages = fx.server.counters.byKind.page.requests;
    expect(pages).toBeGreaterThan(0);
    fx.server.reset();
    // A later job: a fresh state directory, the entry restored into it.
    await action('job2');
    const asked = fx.server.counters.log.filter((r) => r.kind === 'page').map((r) => r.status);
    expect(asked).toEqual(new Array(pages).fill(304));
  } finally {
    fx.server.setModes({ pageCacheControl: null });
    await rm(fx.work, { recursive: true, force: true });
  }
});

it("a fetch prunes the stamp store: a deleted wheelhouse's files go, the live wheelhouse's stay", async () => {
  try {
    const store = join(fx.work, 'stamps');
    await runFetch(fx.options({ wheelhouse: join(fx.work, 'old') }));
    const oldFiles = (await readdir(store)).sort();
    // stamps, received records and the resolution record of the first wheelhouse
    expect(oldFiles).toHaveLength(3);
    await rm(join(fx.work, 'old'), { recursive: true });
    await runFetch(fx.options());
    const after = (await readdir(store)).sort();
    expect(after.filter((n) => oldFiles.includes(n))).toEqual([]);
    expect(after).toHaveLength(3);
    // The live wheelhouse's stamps still make the next run read nothing.
    const count = counter();
    await runFetch(fx.options({ hashFile: count.hashFile }));
    expect(count.reads).toEqual([]);
    expect((await readdir(store)).sort()).toEqual(after);
  } finally {
    await rm(fx.work, { recursive: true, force: true });
  }
});
