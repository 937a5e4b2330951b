/**
 * The post step's byte check and the user's files under a resolution file's name (review 16b F4):
 * a user's regular file there that a later job step rewrote never goes into an entry — every
 * backend saves only wheelhouse's own files, the Actions cache too since session 17 (it stored the
 * directory whole, and the save was refused instead) — and the save goes on without it. Real
 * parts: the test index server, generated wheels, the real @actions/cache against the
 * cache-service double, the local cache, the flow.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch, type FetchOptions, type FetchResult } from '../../src/flow/fetch.js';
import { saveWheelhouseAgain, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { archiveMembers, useActionsCache } from '../helpers/actions-cache-run.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { useFixtureRun } from '../helpers/fixture-run.js';

const UTIL = 'util-2.1-py3-none-any.whl';
const fx = useFixtureRun('wh-actions-user-file-', ['app', 'big']);
const ac = useActionsCache(() => fx.work);

/** A run whose wheelhouse holds the user's own copy of util's wheel (placed before the run). */
async function runWithUsersCopy(extra: Partial<FetchOptions>): Promise<FetchResult> {
  const wh = join(ac.workspace, 'wh');
  await runFetch(fx.options({ wheelhouse: join(fx.work, 'elsewhere') }));
  await writeRequirements(fx.work, ['big']);
  await runFetch(fx.options({ wheelhouse: wh }));
  await writeRequirements(fx.work, ['app', 'big']);
  await copyFile(join(fx.work, 'elsewhere', UTIL), join(wh, UTIL));
  const run = await runFetch(fx.options({ wheelhouse: wh, ...extra }));
  expect(run.foreign).toEqual([UTIL]);
  return run;
}

describe("a user's regular file under a resolution file's name", () => {
  it('rewritten after the run: the Actions save goes on without it (its bytes are not uploaded)', async () => {
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runWithUsersCopy({ logger });
    // A later step of the job writes other bytes under that name; the post step saves.
    await writeFile(join(ac.workspace, 'wh', UTIL), 'not the wheel the index pins');
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save).toEqual({ saved: true });
    const members = await archiveMembers(ac.service, run.key.key, fx.work);
    expect(members).toContain('wh/big-1.0-py3-none-any.whl');
    expect(members).not.toContain(`wh/${UTIL}`);
  });

  it('unchanged: the Actions save goes on', async () => {
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runWithUsersCopy({ logger });
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save).toEqual({ saved: true });
    expect(ac.service.entries()).toHaveLength(1);
  });

  it('rewritten after the run: the local cache (it picks files) saves without it', async () => {
    const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
    const run = await runWithUsersCopy({ cache: { backend: cache } });
    await writeFile(join(ac.workspace, 'wh', UTIL), 'not the wheel the index pins');
    const saved = await saveWheelhouseAgain(savePlanOf(run), cache, new RecordingLogger());
    expect(saved.save).toEqual({ saved: true });
    const [entry] = await readdir(join(fx.work, 'cache', 'entries'));
    const files = await readdir(join(fx.work, 'cache', 'entries', entry!, 'data', '0'));
    expect(files).toContain('big-1.0-py3-none-any.whl');
    expect(files).not.toContain(UTIL);
  });
});
