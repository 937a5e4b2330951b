/**
 * The real @actions/cache 6 code path (Twirp client, tar + zstd, Azure SDK upload, HTTP download)
 * against the cache-service test double. @actions/cache reads ACTIONS_* / RUNNER_TEMP /
 * GITHUB_WORKSPACE from process.env at call time and keeps no module state between calls (its
 * Twirp client is constructed per call), so each test sets the environment (useActionsCache) and
 * undoes it afterwards. @actions/core writes its own `::warning::` lines to stdout; `captureStdout`
 * captures them so tests can check that a swallowed failure still produced a warning.
 */
import { mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as actionsCache from '@actions/cache';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { keepForeign, putBackForeign } from '../../src/cache/foreign-keep.js';
import { acquireDirLock, isLiveLock } from '../../src/util/dir-lock.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { useActionsCache } from '../helpers/actions-cache-run.js';
import { captureStdout } from '../helpers/quiet-stdout.js';

let work: string;
let wheelhouse: string;
let logger: RecordingLogger;
let backend: ActionsCacheBackend;

async function fillWheelhouse(files: Record<string, string>): Promise<void> {
  await rm(wheelhouse, { recursive: true, force: true });
  await mkdir(wheelhouse, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(wheelhouse, name), text);
}

async function readWheelhouse(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(wheelhouse)).sort())
    out[name] = await readFile(join(wheelhouse, name), 'utf8');
  return out;
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-actions-cache-'));
  wheelhouse = join(work, 'workspace', 'wheelhouse');
  await mkdir(join(work, 'workspace'), { recursive: true });
  logger = new RecordingLogger();
  backend = new ActionsCacheBackend(logger);
});
const ac = useActionsCache(() => work);
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('ActionsCacheBackend over the real @actions/cache', () => {
  it("a user's link under an entry's name is put back as the link; the copies aside are never named like wheelhouse's own temporary files (review 5 of session 13)", async () => {
    await fillWheelhouse({ 'a-1.0-py3-none-any.whl': 'wheel a' });
    const key = 'wheelhouse-v1-linux-x64-cp312-00112233445566778899aabbccddeeff';
    expect((await captureStdout(() => backend.save([wheelhouse], key))).value).toEqual({ saved: true });
    await rm(wheelhouse, { recursive: true, force: true });
    await fillWheelhouse({ 'b.txt': 'notes' });
    const target = join(work, 'elsewhere-a.whl');
    await writeFile(target, "the user's a");
    await symlink(target, join(wheelhouse, 'a-1.0-py3-none-any.whl'));
    const kept = await keepForeign(wheelhouse, new Set(['a-1.0-py3-none-any.whl', 'b.txt']));
    expect(kept.map((k) => k.kind).sort()).toEqual(['file', 'link']);
    for (const k of kept)
      if (k.kind === 'file') expect(basename(k.copy)).toMatch(/^\.wheelhouse-kept\.[0-9a-f]{12}\.b\.txt$/);
    await putBackForeign(wheelhouse, kept);
    const restored = await captureStdout(() =>
      backend.restore([wheelhouse], key, [], { foreign: new Set(['a-1.0-py3-none-any.whl', 'b.txt']) }),
    );
    expect(restored.value).toEqual({ matchedKey: key, exact: true });
    expect(await readlink(join(wheelhouse, 'a-1.0-py3-none-any.whl'))).toBe(target);
    expect((await readdir(wheelhouse)).sort()).toEqual(['a-1.0-py3-none-any.whl', 'b.txt']);
  });

  it("the user's files in the wheelhouse (foreign) are put back over the tar's files of their names (review 4 of session 13)", async () => {
    await fillWheelhouse({ 'a-1.0-py3-none-any.whl': 'wheel a', 'b-2.0-py3-none-any.whl': 'wheel b' });
    const key = 'wheelhouse-v1-linux-x64-cp312-fedcba9876543210fedcba9876543210';
    expect((await captureStdout(() => backend.save([wheelhouse], key))).value).toEqual({ saved: true });
    await rm(wheelhouse, { recursive: true, force: true });
    await fillWheelhouse({ 'b-2.0-py3-none-any.whl': "the user's own b", 'c.txt': 'notes' });
    const restored = await captureStdout(() =>
      backend.restore([wheelhouse], key, [], { foreign: new Set(['b-2.0-py3-none-any.whl', 'c.txt']) }),
    );
    expect(restored.value).toEqual({ matchedKey: key, exact: true });
    // The entry's a arrives; b stays the user's; no copy is left beside them.
    expect(await readWheelhouse()).toEqual({
      'a-1.0-py3-none-any.whl': 'wheel a',
      'b-2.0-py3-none-any.whl': "the user's own b",
      'c.txt': 'notes',
    });
    // The tar no longer writes a foreign name at all (review 15b F10): nothing had to be put back.
    expect(logger.lines.map((l) => l.message).join('\n')).not.toContain('put back');
  });

  it('saves in one call and restores by exact key in the next', async () => {
    await fillWheelhouse({ 'a-1.0-py3-none-any.whl': 'wheel a', 'b-2.0-py3-none-any.whl': 'wheel b' });
    const key = 'wheelhouse-v1-linux-x64-cp312-0123456789abcdef0123456789abcdef';
    const saved = await captureStdout(() => backend.save([wheelhouse], key));
    expect(saved.value).toEqual({ saved: true });
    expect(ac.service.entries()).toEqual([expect.objectContaining({ key, finalized: true })]);
    expect(ac.service.counters.putBlob).toBeGreaterThanOrEqual(1);

    await rm(wheelhouse, { recursive: true, force: true });
    const restored = await captureStdout(() =>
      backend.restore([wheelhouse], key, ['wheelhouse-v1-linux-x64-cp312-']),
    );
    expect(restored.value).toEqual({ matchedKey: key, exact: true });
    expect(await readWheelhouse()).toEqual({
      'a-1.0-py3-none-any.whl': 'wheel a',
      'b-2.0-py3-none-any.whl': 'wheel b',
    });
    expect(ac.service.counters.unauthorized).toBe(0);
  });

  it('does not save a wheelhouse a running wheelhouse holds: its lock would travel in the entry', async () => {
    await fillWheelhouse({
      'a-1.0-py3-none-any.whl': 'wheel a',
      '.wheelhouse.lock': JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() }),
    });
    const key = `wheelhouse-v1-linux-x64-cp312-${'c'.repeat(32)}`;
    const saved = await captureStdout(() => backend.save([wheelhouse], key));
    expect(saved.value.saved).toBe(false);
    expect(logger.text()).toMatch(/\.wheelhouse\.lock/);
    expect(ac.service.entries()).toEqual([]);
    // Without it, the same wheelhouse saves.
    await rm(join(wheelhouse, '.wheelhouse.lock'));
    expect((await captureStdout(() => backend.save([wheelhouse], key))).value).toEqual({ saved: true });
  });

  it("saves one whose lock is no running wheelhouse's (restored from an older entry): refusing froze the cache (review 5 s12)", async () => {
    const locks = [
      { pid: 1, host: 'another-runner', createdAt: 1 },
      { pid: 2 ** 22 + 17, host: hostname(), createdAt: 1 },
    ];
    for (const [i, lock] of locks.entries()) {
      await fillWheelhouse({ 'a-1.0-py3-none-any.whl': 'wheel a', '.wheelhouse.lock': JSON.stringify(lock) });
      const key = `wheelhouse-v1-linux-x64-cp312-${String(i).repeat(32)}`;
      expect((await captureStdout(() => backend.save([wheelhouse], key))).value.saved).toBe(true);
      // The dead lock was removed first: the entry carries none (review 6 s12).
      await rm(wheelhouse, { recursive: true, force: true });
      expect((await captureStdout(() => backend.restore([wheelhouse], key, []))).value.exact).toBe(true);
      expect(Object.keys(await readWheelhouse())).toEqual(['a-1.0-py3-none-any.whl']);
    }
  });

  it("a restore over a directory this run holds keeps the run's own lock (review 6 s12)", async () => {
    const key = `wheelhouse-v1-linux-x64-cp312-${'e'.repeat(32)}`;
    // An entry made before dead locks were removed at save: it carries one.
    await fillWheelhouse({
      'a-1.0-py3-none-any.whl': 'wheel a',
      '.wheelhouse.lock': JSON.stringify({ pid: 1, host: 'another-runner', createdAt: 1 }),
    });
    expect(await actionsCache.saveCache([wheelhouse], key)).not.toBe(-1);
    await rm(wheelhouse, { recursive: true, force: true });
    await mkdir(wheelhouse, { recursive: true });
    const release = await acquireDirLock(join(wheelhouse, '.wheelhouse.lock'));
    try {
      expect((await captureStdout(() => backend.restore([wheelhouse], key, []))).value.exact).toBe(true);
      const owner = JSON.parse(await readFile(join(wheelhouse, '.wheelhouse.lock'), 'utf8')) as {
        pid: number;
      };
      expect(owner.pid).toBe(process.pid);
      expect(await isLiveLock(join(wheelhouse, '.wheelhouse.lock'))).toBe(true);
    } finally {
      await release();
    }
    expect(Object.keys(await readWheelhouse())).toEqual(['a-1.0-py3-none-any.whl']);
  });

  it('restores the newest entry by restore prefix, and misses other prefixes', async () => {
    const prefix = 'wheelhouse-v1-linux-x64-cp311-';
    await fillWheelhouse({ 'old.whl': 'old' });
    expect(
      (await captureStdout(() => backend.save([wheelhouse], `${prefix}${'1'.repeat(32)}`))).value.saved,
    ).toBe(true);
    await fillWheelhouse({ 'new.whl': 'new' });
    expect(
      (await captureStdout(() => backend.save([wheelhouse], `${prefix}${'2'.repeat(32)}`))).value.saved,
    ).toBe(true);

    await rm(wheelhouse, { recursive: true, force: true });
    const byPrefix = await captureStdout(() =>
      backend.restore([wheelhouse], `${prefix}${'3'.repeat(32)}`, [prefix]),
    );
    expect(byPrefix.value).toEqual({ matchedKey: `${prefix}${'2'.repeat(32)}`, exact: false });
    expect(await readWheelhouse()).toEqual({ 'new.whl': 'new' });

    const miss = await captureStdout(() =>
      backend.restore([wheelhouse], `wheelhouse-v1-macos-arm64-cp311-${'1'.repeat(32)}`, [
        'wheelhouse-v1-macos-arm64-cp311-',
      ]),
    );
    expect(miss.value).toEqual({ exact: false });
  });

  it('does not overwrite an existing key (entries are immutable)', async () => {
    await fillWheelhouse({ 'x.whl': 'first' });
    const key = `wheelhouse-v1-linux-x64-cp310-${'a'.repeat(32)}`;
    expect((await captureStdout(() => backend.save([wheelhouse], key))).value.saved).toBe(true);
    await fillWheelhouse({ 'x.whl': 'second' });
    const again = await captureStdout(() => backend.save([wheelhouse], key));
    expect(again.value.saved).toBe(false);
    expect(logger.text()).toMatch(/not saved/);
    expect(new TextDecoder().decode(ac.service.blob(key)).length).toBeGreaterThan(0);
    expect(ac.service.entries().filter((e) => e.key === key)).toHaveLength(1);
  });

  it('turns a key @actions/cache rejects (comma) into a warning, not a throw', async () => {
    await fillWheelhouse({ 'x.whl': 'x' });
    const result = await captureStdout(() => backend.save([wheelhouse], 'bad,key'));
    expect(result.value.saved).toBe(false);
    expect(result.value.reason).toMatch(/commas/);
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('bad,key'))).toBe(true);
    const restore = await captureStdout(() => backend.restore([wheelhouse], 'bad,key', []));
    expect(restore.value).toEqual({ exact: false });
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('warns through the Logger when the cache service is not configured', async () => {
    delete process.env['ACTIONS_RESULTS_URL'];
    expect(ActionsCacheBackend.isAvailable()).toBe(false);
    expect(await backend.restore([wheelhouse], 'k', [])).toEqual({ exact: false });
    expect((await backend.save([wheelhouse], 'k')).saved).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(ac.service.counters.twirp).toEqual({});
  });

  describe('faults: a warning and a clean result, never a throw', () => {
    const key = `wheelhouse-v1-linux-x64-cp39-${'f'.repeat(32)}`;

    it('service down (connection refused)', async () => {
      await fillWheelhouse({ 'x.whl': 'x' });
      await ac.service.setFault('down');
      const saved = await captureStdout(() => backend.save([wheelhouse], key));
      expect(saved.value.saved).toBe(false);
      // @actions/cache reports a failed reservation as info only; the backend warns.
      expect(
        logger.lines.some((l) => l.level === 'warn' && l.message.includes(`cache ${key} not saved`)),
      ).toBe(true);
      const restored = await captureStdout(() => backend.restore([wheelhouse], key, []));
      expect(restored.value).toEqual({ exact: false });
      // A failed restore is indistinguishable from a miss in @actions/cache's answer; it warns itself.
      expect(restored.out).toMatch(/::warning::Failed to restore: .*ECONNREFUSED/);
      await ac.service.setFault('none');
      expect((await captureStdout(() => backend.save([wheelhouse], key))).value.saved).toBe(true);
    });

    it('429 rate limit', async () => {
      await fillWheelhouse({ 'x.whl': 'x' });
      await ac.service.setFault('429');
      const saved = await captureStdout(() => backend.save([wheelhouse], key));
      expect(saved.value.saved).toBe(false);
      const restored = await captureStdout(() => backend.restore([wheelhouse], key, []));
      expect(restored.value).toEqual({ exact: false });
      expect(restored.out).toMatch(/::warning::Failed to restore: .*Rate limited/);
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1); // the save
      expect(ac.service.counters.faulted).toBe(2);
    });

    it('blob upload failure leaves no entry behind', async () => {
      await fillWheelhouse({ 'x.whl': 'x' });
      await ac.service.setFault('blob-upload-fail');
      const saved = await captureStdout(() => backend.save([wheelhouse], key));
      expect(saved.value.saved).toBe(false);
      expect(saved.out).toMatch(/::warning::/);
      expect(ac.service.entries().filter((e) => e.finalized)).toHaveLength(0);
      await ac.service.setFault('none');
      const restored = await captureStdout(() => backend.restore([wheelhouse], key, []));
      expect(restored.value).toEqual({ exact: false });
    });

    it('500 on every call (after @actions/cache retries with backoff)', async () => {
      await fillWheelhouse({ 'x.whl': 'x' });
      await ac.service.setFault('500');
      // @actions/cache sleeps 3 s, 4.5 s, … between its 5 attempts; fake setTimeout only and
      // advance it while real I/O (not faked) proceeds.
      jest.useFakeTimers({
        doNotFake: [
          'Date',
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
        ],
      });
      try {
        const drive = async <T>(promise: Promise<T>): Promise<T> => {
          let done = false;
          void promise.finally(() => (done = true)).catch(() => {});
          while (!done) {
            await jest.advanceTimersByTimeAsync(500);
            await new Promise((r) => setImmediate(r));
          }
          return promise;
        };
        const restored = await captureStdout(() => drive(backend.restore([wheelhouse], key, [])));
        expect(restored.value).toEqual({ exact: false });
        expect(restored.out).toMatch(/Failed to restore/);
        const saved = await captureStdout(() => drive(backend.save([wheelhouse], key)));
        expect(saved.value.saved).toBe(false);
      } finally {
        jest.useRealTimers();
      }
      expect(ac.service.counters.twirp['GetCacheEntryDownloadURL']).toBe(5);
      expect(ac.service.counters.twirp['CreateCacheEntry']).toBe(5);
    });
  });
});
