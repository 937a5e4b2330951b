/**
 * saveWheelhouseAgain (src/flow/save.ts): the CLI's install saves its cache entry after installing,
 * when its fetch has let go of the wheelhouse. It takes the run lock again and saves only while the
 * wheelhouse still holds this run's complete resolution; another run's is not saved under its key.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import type { CacheBackend } from '../../src/cache/backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { saveWheelhouseAgain, type SavePlan } from '../../src/flow/save.js';
import { RecordingLogger } from '../../src/util/logger.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-save-again-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function wheelhouseWith(files: string[], complete = true): Promise<string> {
  const dir = join(root, 'wh');
  await mkdir(dir, { recursive: true });
  for (const f of files) await writeFile(join(dir, f), f);
  await writeManifest(dir, {
    version: 1,
    ...(complete ? {} : { complete: false }),
    files: Object.fromEntries(files.map((f) => [f, { sha256: '0'.repeat(64) }])),
  });
  return dir;
}

const plan = (dir: string, files: string[]): SavePlan => ({
  key: 'k1',
  cacheHit: false,
  cachePaths: [dir],
  files,
});

it("saves while the wheelhouse holds this run's resolution, and lets the lock go", async () => {
  const dir = await wheelhouseWith(['a-1.0-py3-none-any.whl']);
  const logger = new RecordingLogger();
  const backend = new LocalDirBackend({ dir: join(root, 'cache'), logger });
  const out = await saveWheelhouseAgain(plan(dir, ['a-1.0-py3-none-any.whl']), backend, logger);
  expect(out.save.saved).toBe(true);
  expect(existsSync(join(dir, '.wheelhouse.lock'))).toBe(false);
});

it('does not save what another run left there (other files, or a run still changing it)', async () => {
  const logger = new RecordingLogger();
  const backend = new LocalDirBackend({ dir: join(root, 'cache'), logger });
  const other = await wheelhouseWith(['b-2.0-py3-none-any.whl']);
  const out = await saveWheelhouseAgain(plan(other, ['a-1.0-py3-none-any.whl']), backend, logger);
  expect(out.save).toEqual({ saved: false, reason: 'another run changed the wheelhouse after this one' });
  await rm(other, { recursive: true, force: true });
  const changing = await wheelhouseWith(['a-1.0-py3-none-any.whl'], false);
  const again = await saveWheelhouseAgain(plan(changing, ['a-1.0-py3-none-any.whl']), backend, logger);
  expect(again.save.saved).toBe(false);
  expect(existsSync(join(changing, '.wheelhouse.lock'))).toBe(false);
});

it('a backend that stores locks (the Actions cache tars whole directories) saves after the lock is let go, still only the checked resolution', async () => {
  const dir = await wheelhouseWith(['a-1.0-py3-none-any.whl']);
  const logger = new RecordingLogger();
  const seen: { lockPresent: boolean; key: string }[] = [];
  const tarLike: CacheBackend = {
    name: 'tar-like',
    savesLocks: true,
    restore: () => Promise.resolve({ exact: false }),
    save: (paths, key) => {
      seen.push({ lockPresent: existsSync(join(paths[0]!, '.wheelhouse.lock')), key });
      return Promise.resolve({ saved: true });
    },
  };
  const out = await saveWheelhouseAgain(plan(dir, ['a-1.0-py3-none-any.whl']), tarLike, logger);
  expect(out.save.saved).toBe(true);
  expect(seen).toEqual([{ lockPresent: false, key: 'k1' }]);
  // Another resolution in the directory: checked under the lock, never handed to the backend.
  const other = await saveWheelhouseAgain(plan(dir, ['b-2.0-py3-none-any.whl']), tarLike, logger);
  expect(other.save).toEqual({ saved: false, reason: 'another run changed the wheelhouse after this one' });
  expect(seen).toHaveLength(1);
});

it('the same names with other bytes are another resolution: not saved (review 4 of session 13)', async () => {
  const dir = await wheelhouseWith(['a-1.0-py3-none-any.whl']);
  // Listed with the sha256 of its bytes: they are checked too before a save (review 15b F1).
  const { createHash } = await import('node:crypto');
  const own = createHash('sha256').update('a-1.0-py3-none-any.whl').digest('hex');
  await writeManifest(dir, { version: 1, files: { 'a-1.0-py3-none-any.whl': { sha256: own } } });
  const logger = new RecordingLogger();
  const backend = new LocalDirBackend({ dir: join(root, 'cache'), logger });
  const out = await saveWheelhouseAgain(
    { ...plan(dir, ['a-1.0-py3-none-any.whl']), sha256: { 'a-1.0-py3-none-any.whl': '1'.repeat(64) } },
    backend,
    logger,
  );
  expect(out.save).toEqual({ saved: false, reason: 'another run changed the wheelhouse after this one' });
  const same = await saveWheelhouseAgain(
    { ...plan(dir, ['a-1.0-py3-none-any.whl']), sha256: { 'a-1.0-py3-none-any.whl': own } },
    backend,
    logger,
  );
  expect(same.save.saved).toBe(true);
});

it("a backend that stores locks: wheelhouse's own temporary files are pruned while the lock is held", async () => {
  const dir = await wheelhouseWith(['a-1.0-py3-none-any.whl']);
  const temp = '.a-1.0-py3-none-any.whl.0123456789ab.part';
  await writeFile(join(dir, temp), 'partial');
  // Whether the lock was held when the prune reported what it deleted.
  const lockAtPrune: boolean[] = [];
  const logger = new (class extends RecordingLogger {
    override debug(message: string): void {
      if (message.startsWith('pruned ')) lockAtPrune.push(existsSync(join(dir, '.wheelhouse.lock')));
      super.debug(message);
    }
  })();
  const seen: { lock: boolean; temp: boolean }[] = [];
  const tarLike: CacheBackend = {
    name: 'tar-like',
    savesLocks: true,
    restore: () => Promise.resolve({ exact: false }),
    save: (paths) => {
      seen.push({
        lock: existsSync(join(paths[0]!, '.wheelhouse.lock')),
        temp: existsSync(join(paths[0]!, temp)),
      });
      return Promise.resolve({ saved: true });
    },
  };
  const out = await saveWheelhouseAgain(plan(dir, ['a-1.0-py3-none-any.whl']), tarLike, logger);
  expect(out.pruned).toEqual([temp]);
  expect(lockAtPrune).toEqual([true]);
  expect(seen).toEqual([{ lock: false, temp: false }]);
});

it("a wheel rewritten after the run (a later step of the job) is not saved under the resolution's key (review 15b F1)", async () => {
  const { createHash } = await import('node:crypto');
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const name = 'a-1.0-py3-none-any.whl';
  const dir = join(root, 'wh');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), 'the resolved wheel');
  await writeManifest(dir, { version: 1, files: { [name]: { sha256: sha('the resolved wheel') } } });
  const checked: SavePlan = { ...plan(dir, [name]), sha256: { [name]: sha('the resolved wheel') } };
  // `auditwheel repair -w WH`, a script, a test fixture: other bytes under the same name.
  await writeFile(join(dir, name), 'a repaired wheel');
  const logger = new RecordingLogger();
  const local = new LocalDirBackend({ dir: join(root, 'cache'), logger });
  const out = await saveWheelhouseAgain(checked, local, logger);
  expect(out.save).toEqual({
    saved: false,
    reason: `${name} no longer has the resolution's sha256 (changed after this run wrote it)`,
  });
  let saves = 0;
  const tarLike: CacheBackend = {
    name: 'tar-like',
    savesLocks: true,
    restore: () => Promise.resolve({ exact: false }),
    save: () => {
      saves++;
      return Promise.resolve({ saved: true });
    },
  };
  expect((await saveWheelhouseAgain(checked, tarLike, logger)).save.saved).toBe(false);
  expect(saves).toBe(0);
  // The resolution's bytes again: saved.
  await writeFile(join(dir, name), 'the resolved wheel');
  expect((await saveWheelhouseAgain(checked, local, logger)).save.saved).toBe(true);
});
