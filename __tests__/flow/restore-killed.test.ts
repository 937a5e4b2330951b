/**
 * A run killed while a cache restore places the entry's wheels (review 15b F7): what it placed is
 * listed in the wheelhouse's incomplete manifest before the first file lands, so the next run owns
 * it — deletes what its resolution does not need, keeps what it does — and never takes it for the
 * user's. Real parts: the test index server, generated wheels, the local cache, a child process
 * killed with SIGKILL (restore-kill-child.ts).
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { silentLogger } from '../../src/util/logger.js';
import { useFixtureRun } from '../helpers/fixture-run.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { expectKilledLeftovers, expectNextRunOwnsIt } from '../helpers/killed-restore.js';
import { killAtMark } from '../helpers/kill-at-mark.js';

const fx = useFixtureRun('wh-restore-killed-', ['app', 'big']);

/** Runs restore-kill-child.ts and SIGKILLs it once `placed` of the entry's files are in wh2. */
async function killWhileRestoring(placed: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './bench/register-swc.mjs',
      '__tests__/flow/restore-kill-child.ts',
      fx.server.indexUrl,
      fx.work,
      String(placed),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { marked, stderr } = await killAtMark(child, 'placing');
  expect([marked, stderr]).toEqual([true, '']);
}

it("the wheels a killed restore placed are the next run's own: unneeded ones deleted, none called the user's", async () => {
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
  const first = await runFetch(fx.options({ cache: { backend: cache } }));
  expect((await saveWheelhouse(savePlanOf(first), cache, silentLogger)).save.saved).toBe(true);

  await killWhileRestoring(2);
  const wh2 = join(fx.work, 'wh2');
  const left = (await readdir(wh2)).filter((n) => n.endsWith('.whl'));
  expect(left.length).toBeGreaterThanOrEqual(2);
  await expectKilledLeftovers(wh2, left);

  // The next run resolves something else (util only), without the cache.
  await expectNextRunOwnsIt(fx, wh2);
}, 90_000);

it("the same for the restore of the resolution's own entry after a prefix match brought another", async () => {
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
  // The resolution's entry (app + big), then a newer one of the target (util only): the prefix
  // restore takes the newer, the run then asks for its own by exact key.
  const first = await runFetch(fx.options({ cache: { backend: cache } }));
  expect((await saveWheelhouse(savePlanOf(first), cache, silentLogger)).save.saved).toBe(true);
  await new Promise((r) => setTimeout(r, 5));
  await writeRequirements(fx.work, ['util']);
  const other = await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: join(fx.work, 'whu') }));
  expect((await saveWheelhouse(savePlanOf(other), cache, silentLogger)).save.saved).toBe(true);
  await writeRequirements(fx.work, ['app', 'big']);

  // util from the newer entry, then two of the exact entry's files: killed there.
  await killWhileRestoring(3);
  const wh2 = join(fx.work, 'wh2');
  const left = (await readdir(wh2)).filter((n) => n.endsWith('.whl'));
  expect(left.length).toBeGreaterThanOrEqual(3);
  await expectKilledLeftovers(wh2, left);
}, 90_000);
