/**
 * The set-up of tests that run the real @actions/cache against the cache-service double (flow and
 * cache suites): the service for the whole file (emptied before each test), and for each test the
 * environment a job gives @actions/cache — the service's variables, RUNNER_TEMP `<work>/runner-temp`,
 * GITHUB_WORKSPACE `<work>/workspace`, no GITHUB_SERVER_URL / ACTIONS_CACHE_MODE / RUNNER_DEBUG —
 * undone after it. `work` is the test's work directory, made by a beforeEach registered before
 * useActionsCache is called (e.g. useFixtureRun's). Also: the members of an entry's archive.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { startCacheService, type CacheService } from './cache-service.js';

export interface ActionsCacheRun {
  readonly service: CacheService;
  /** GITHUB_WORKSPACE of the current test. */
  readonly workspace: string;
}

export function useActionsCache(work: () => string): ActionsCacheRun {
  let service: CacheService | undefined;
  let undoEnv: (() => void) | undefined;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service?.close();
  });
  beforeEach(async () => {
    await service!.reset();
    await mkdir(join(work(), 'runner-temp'), { recursive: true });
    undoEnv = service!.applyEnv({
      RUNNER_TEMP: join(work(), 'runner-temp'),
      GITHUB_WORKSPACE: join(work(), 'workspace'),
      GITHUB_SERVER_URL: undefined,
      ACTIONS_CACHE_MODE: undefined,
      RUNNER_DEBUG: undefined,
    });
  });
  afterEach(() => {
    undoEnv?.();
    undoEnv = undefined;
  });
  return {
    get service(): CacheService {
      if (service === undefined) throw new Error('useActionsCache: the service starts in beforeAll');
      return service;
    },
    get workspace(): string {
      return join(work(), 'workspace');
    },
  };
}

/** The member names of the entry `key`'s archive (zstd tar, as @actions/cache writes it), in order. */
export async function archiveMembers(service: CacheService, key: string, dir: string): Promise<string[]> {
  const blob = service.blob(key);
  if (blob === undefined) throw new Error(`no entry ${key}`);
  const file = join(dir, 'entry.tzst');
  await writeFile(file, blob);
  const listing = execFileSync(
    'tar',
    ['-t', '-P', '--use-compress-program', 'unzstd --long=30', '-f', file],
    {
      encoding: 'utf8',
    },
  );
  return listing.split('\n').filter((l) => l !== '');
}

/**
 * The entry `key`'s blob replaced by the plain tar `archive`, compressed as the entry was (zstd, or
 * gzip where @actions/cache found no zstd): a hostile saver's entry under a real key.
 */
export function replaceEntryArchive(service: CacheService, key: string, archive: string): void {
  const blob = service.blob(key);
  if (blob === undefined) throw new Error(`no entry ${key}`);
  const zstd = blob[0] === 0x28 && blob[1] === 0xb5;
  service.setBlob(key, execFileSync(zstd ? 'zstd' : 'gzip', zstd ? ['-q', '-c', archive] : ['-c', archive]));
}
