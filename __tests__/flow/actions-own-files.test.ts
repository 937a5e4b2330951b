/**
 * The Actions cache stores and restores only wheelhouse's own files of the wheelhouse (review 15b
 * F10 and F7, session 17): a save uploads the files the wheelhouse's manifest lists (manifest
 * first), its outputs and the state directories — not a user's folder or file there — under the
 * version every earlier save used; a restore extracts of the wheelhouse only what the entry's
 * manifest lists, so a user's files an earlier save carried stay in the archive. Real parts: the
 * test index server, generated wheels, the real @actions/cache (tar + zstd, Twirp, blob upload and
 * download) against the cache-service double, the flow.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import * as actionsCache from '@actions/cache';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { archiveMembers, useActionsCache } from '../helpers/actions-cache-run.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';
import { useFixtureRun } from '../helpers/fixture-run.js';

const fx = useFixtureRun('wh-actions-own-', ['app', 'big']);
const ac = useActionsCache(() => fx.work);
const OUTPUTS = ['pylock.toml', 'report.json', 'requirements.lock', 'wheelhouse-manifest.json'];

/** A run into `<workspace>/wh`, then the user's folder and file there. */
async function runThenUsersThings(): Promise<Awaited<ReturnType<typeof runFetch>>> {
  const wh = join(ac.workspace, 'wh');
  const run = await runFetch(fx.options({ wheelhouse: wh }));
  await mkdir(join(wh, 'project', 'src'), { recursive: true });
  await writeFile(join(wh, 'project', 'src', 'secret.txt'), 'private');
  await writeFile(join(wh, 'notes.txt'), 'mine');
  return run;
}

/** A fresh runner: no wheelhouse, no state. */
async function freshRunner(): Promise<void> {
  await rm(join(ac.workspace, 'wh'), { recursive: true, force: true });
  await rm(join(fx.work, 'state'), { recursive: true, force: true });
  await rm(join(fx.work, 'stamps'), { recursive: true, force: true });
}

it("a save uploads of the wheelhouse only wheelhouse's own files, manifest first, and the entry restores whole", async () => {
  await runThenUsersThings();
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  const run = await runFetch(
    fx.options({ wheelhouse: join(ac.workspace, 'wh'), cache: { backend }, logger }),
  );
  expect(run.foreign.sort()).toEqual(['notes.txt', 'project']);
  expect((await saveWheelhouse(savePlanOf(run), backend, logger)).save).toEqual({ saved: true });

  const members = await archiveMembers(ac.service, run.key.key, fx.work);
  const ofWheelhouse = members.filter((m) => m.startsWith('wh/'));
  expect(ofWheelhouse[0]).toBe('wh/wheelhouse-manifest.json');
  expect(ofWheelhouse.sort()).toEqual([...EXPECTED_FILES, ...OUTPUTS].map((n) => `wh/${n}`).sort());
  // The state directories still go whole.
  expect(members).toContain('../state/metadata/');

  await freshRunner();
  const again = await runFetch(
    fx.options({
      wheelhouse: join(ac.workspace, 'wh'),
      cache: { backend: new ActionsCacheBackend(silentLogger) },
    }),
  );
  expect([again.cacheHit, again.downloaded]).toEqual([true, 0]);
  expect((await readdir(join(ac.workspace, 'wh'))).sort()).toEqual([...EXPECTED_FILES, ...OUTPUTS].sort());
}, 60_000);

it("an entry an earlier wheelhouse saved (the directory whole, the user's folder and file in it) still restores, without them", async () => {
  const run = await runThenUsersThings();
  const plan = savePlanOf(run);
  // What every save before session 17 did: @actions/cache given the paths, tarring them whole.
  await actionsCache.saveCache(plan.cachePaths, plan.key);
  const old = await archiveMembers(ac.service, plan.key, fx.work);
  expect(old).toEqual(expect.arrayContaining(['wh/notes.txt', 'wh/project/src/secret.txt']));

  await freshRunner();
  const logger = new RecordingLogger();
  const again = await runFetch(
    fx.options({
      wheelhouse: join(ac.workspace, 'wh'),
      cache: { backend: new ActionsCacheBackend(logger) },
      logger,
    }),
  );
  // The same version: found by its key, restored, nothing downloaded.
  expect([again.cacheHit, again.downloaded]).toEqual([true, 0]);
  const wh = join(ac.workspace, 'wh');
  expect(existsSync(join(wh, 'notes.txt'))).toBe(false);
  expect(existsSync(join(wh, 'project'))).toBe(false);
  expect(again.foreign).toEqual([]);
  expect((await readdir(wh)).sort()).toEqual([...EXPECTED_FILES, ...OUTPUTS].sort());

  // And a save of this version of wheelhouse names the same cache version as the earlier one.
  await writeFile(join(wh, 'notes.txt'), 'mine again');
  const saved = await new ActionsCacheBackend(silentLogger).save(plan.cachePaths, `${plan.key}-new`);
  expect(saved).toEqual({ saved: true });
  const versions = new Set(ac.service.entries().map((e) => e.version));
  expect([ac.service.entries().length, versions.size]).toEqual([2, 1]);
}, 60_000);

it("a restore told the files first extracts of the wheelhouse only those the entry's manifest lists, told before the first lands (review 15b F7)", async () => {
  const run = await runThenUsersThings();
  const plan = savePlanOf(run);
  await actionsCache.saveCache(plan.cachePaths, plan.key);
  await freshRunner();
  const wh = join(ac.workspace, 'wh');
  await mkdir(wh, { recursive: true });
  const told: { files: string[]; there: string[] }[] = [];
  const restored = await new ActionsCacheBackend(silentLogger).restore(plan.cachePaths, plan.key, [], {
    beforePlacing: async (files) => {
      told.push({ files: Object.keys(files).sort(), there: await readdir(wh) });
    },
  });
  expect(restored).toEqual({ matchedKey: plan.key, exact: true });
  expect(told).toEqual([{ files: [...EXPECTED_FILES].sort(), there: [] }]);
  // Not the user's things the entry carried, not its manifest (the caller keeps its own) nor outputs.
  expect((await readdir(wh)).sort()).toEqual([...EXPECTED_FILES].sort());
  expect((await readdir(join(fx.work, 'state', 'metadata'))).length).toBeGreaterThan(0);
}, 60_000);
