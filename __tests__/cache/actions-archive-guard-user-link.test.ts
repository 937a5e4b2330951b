/**
 * Review 15e: the Actions cache saves the wheelhouse whole (tar), the user's own entries included
 * (foreign: a symlink to a local wheel, which the flow accepts — foreign-conflicts.ts — or a link in
 * a folder of theirs). The restore guard (actions-archive-guard.ts checkListing) refuses a symbolic
 * link member before it asks keepOut, so the entry — which would leave those very members out
 * anyway (review 15b F10) — is refused whole, on every run: its key exists, so it is never saved
 * again, and every run downloads everything.
 */
import { lstatSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

let service: CacheService;
let work: string;
let wheelhouse: string;
let undoEnv: () => void;
const key = `wheelhouse-v1-linux-x64-cp312-${'0'.repeat(32)}`;

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((_c: unknown, ...rest: unknown[]) => {
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = original;
  }
}

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  await service.close();
});
beforeEach(async () => {
  await service.reset();
  work = await mkdtemp(join(tmpdir(), 'r15e-symlink-'));
  const workspace = join(work, 'ws');
  wheelhouse = join(workspace, 'wheelhouse');
  await mkdir(wheelhouse, { recursive: true });
  await mkdir(join(work, 'temp'));
  undoEnv = service.applyEnv({
    RUNNER_TEMP: join(work, 'temp'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: undefined,
    ACTIONS_CACHE_MODE: undefined,
    RUNNER_DEBUG: undefined,
  });
});
afterEach(async () => {
  undoEnv();
  await rm(work, { recursive: true, force: true });
});

it("a user's symlink in the wheelhouse makes its own entry unrestorable for good", async () => {
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  // The user's: a link to a wheel of theirs, kept beside the run's files (foreign).
  await writeFile(join(work, 'mine-1.0-py3-none-any.whl'), 'm');
  await symlink(join(work, 'mine-1.0-py3-none-any.whl'), join(wheelhouse, 'mine-1.0-py3-none-any.whl'));
  expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
  await rm(join(wheelhouse, 'a-1.0-py3-none-any.whl'));

  const got = await quietly(() =>
    backend.restore([wheelhouse], key, [], { foreign: new Set(['mine-1.0-py3-none-any.whl']) }),
  );
  // Review 15e F6: the user's link is left out (keepOut) and the rest of the entry restored.
  expect(got).toEqual({ matchedKey: key, exact: true });
  expect((await readdir(wheelhouse)).sort()).toEqual(['a-1.0-py3-none-any.whl', 'mine-1.0-py3-none-any.whl']);
  expect(lstatSync(join(wheelhouse, 'mine-1.0-py3-none-any.whl')).isSymbolicLink()).toBe(true);
});
