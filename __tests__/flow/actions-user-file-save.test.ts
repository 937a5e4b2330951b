/**
 * The post step's byte check and the user's files under a resolution file's name (review 16b F4):
 * the Actions cache stores the wheelhouse directory whole, so a user's regular file there that a
 * later job step rewrote would go into the entry under the resolution's name — the save is
 * refused, as for wheelhouse's own files. A backend that picks files (the local cache) leaves the
 * user's file out and saves. Real parts: the test index server, generated wheels, the real
 * @actions/cache against the cache-service double, the local cache, the flow.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch, type FetchOptions, type FetchResult } from '../../src/flow/fetch.js';
import { saveWheelhouseAgain, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

const UTIL = 'util-2.1-py3-none-any.whl';
let server: IndexServer;
let service: CacheService;
let work: string;
let wh: string;
let undoEnv: () => void;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
  service = await startCacheService();
});
afterAll(async () => {
  await server.close();
  await service.close();
});
beforeEach(async () => {
  await service.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-actions-user-file-'));
  wh = join(work, 'workspace', 'wh');
  await writeRequirements(work, ['app', 'big']);
  await mkdir(join(work, 'runner-temp'), { recursive: true });
  undoEnv = service.applyEnv({
    RUNNER_TEMP: join(work, 'runner-temp'),
    GITHUB_WORKSPACE: join(work, 'workspace'),
    GITHUB_SERVER_URL: undefined,
    ACTIONS_CACHE_MODE: undefined,
    RUNNER_DEBUG: undefined,
  });
});
afterEach(async () => {
  undoEnv();
  await rm(work, { recursive: true, force: true });
});

function options(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: work,
    env: {},
    logger: silentLogger,
    stateDir: join(work, 'state'),
    stampStore: join(work, 'stamps'),
    wheelhouse: wh,
    ...extra,
  };
}

/** A run whose wheelhouse holds the user's own copy of util's wheel (placed before the run). */
async function runWithUsersCopy(extra: Partial<FetchOptions>): Promise<FetchResult> {
  await runFetch(options({ wheelhouse: join(work, 'elsewhere') }));
  await writeRequirements(work, ['big']);
  await runFetch(options());
  await writeRequirements(work, ['app', 'big']);
  await copyFile(join(work, 'elsewhere', UTIL), join(wh, UTIL));
  const run = await runFetch(options(extra));
  expect(run.foreign).toEqual([UTIL]);
  return run;
}

describe("a user's regular file under a resolution file's name", () => {
  it('rewritten after the run: the Actions save (the directory whole) is refused', async () => {
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runWithUsersCopy({ logger });
    // A later step of the job writes other bytes under that name; the post step saves.
    await writeFile(join(wh, UTIL), 'not the wheel the index pins');
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save).toEqual({
      saved: false,
      reason: `${UTIL} no longer has the resolution's sha256 (changed after this run wrote it)`,
    });
    expect(service.entries()).toEqual([]);
  });

  it('unchanged: the Actions save goes on', async () => {
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runWithUsersCopy({ logger });
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save).toEqual({ saved: true });
    expect(service.entries()).toHaveLength(1);
  });

  it('rewritten after the run: the local cache (it picks files) saves without it', async () => {
    const cache = new LocalDirBackend({ dir: join(work, 'cache'), logger: silentLogger });
    const run = await runWithUsersCopy({ cache: { backend: cache } });
    await writeFile(join(wh, UTIL), 'not the wheel the index pins');
    const saved = await saveWheelhouseAgain(savePlanOf(run), cache, new RecordingLogger());
    expect(saved.save).toEqual({ saved: true });
    const [entry] = await readdir(join(work, 'cache', 'entries'));
    const files = await readdir(join(work, 'cache', 'entries', entry!, 'data', '0'));
    expect(files).toContain('big-1.0-py3-none-any.whl');
    expect(files).not.toContain(UTIL);
  });
});
