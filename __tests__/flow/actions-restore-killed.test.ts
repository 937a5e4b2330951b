/**
 * A run killed while the Actions cache restore extracts the entry (review 15b F7 for the Actions
 * backend): the files it extracts into the wheelhouse are listed in the wheelhouse's incomplete
 * manifest before the first lands, and the entry's own manifest and outputs are not extracted, so
 * the killed wheelhouse never looks complete and the next run owns what it finds — deletes what
 * its resolution does not need, never calls it the user's. Real parts: the test index server,
 * generated wheels, the real @actions/cache against the cache-service double, GNU tar (slowed by
 * its own --checkpoint-action so the kill lands mid-extraction), a child killed with its process
 * group (actions-restore-kill-child.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { silentLogger } from '../../src/util/logger.js';
import { useActionsCache } from '../helpers/actions-cache-run.js';
import { expectKilledLeftovers, expectNextRunOwnsIt } from '../helpers/killed-restore.js';
import { useFixtureRun } from '../helpers/fixture-run.js';

const fx = useFixtureRun('wh-actions-restore-killed-', ['app', 'big']);
const ac = useActionsCache(() => fx.work);
const APP = 'app-1.0-py3-none-any.whl';
const BIG = 'big-1.0-py3-none-any.whl';

/**
 * A directory whose `tar` is the real one, extracting (`-C`) at one 10 KiB record a second: the
 * restore's extraction is still running seconds after its first files landed.
 */
async function slowTarDir(): Promise<string> {
  const real = execFileSync('sh', ['-c', 'command -v tar'], { encoding: 'utf8' }).trim();
  const dir = join(fx.work, 'slow-tar');
  await mkdir(dir);
  const script = [
    '#!/bin/sh',
    'for a in "$@"; do',
    `  [ "$a" = -C ] && exec '${real}' --checkpoint=1 --checkpoint-action=sleep=1 "$@"`,
    'done',
    `exec '${real}' "$@"`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'tar'), script);
  await chmod(join(dir, 'tar'), 0o755);
  return dir;
}

it("the files a killed Actions restore extracted are the next run's own: the wheelhouse never looks complete, unneeded files deleted, none called the user's", async () => {
  const wh = join(ac.workspace, 'wh');
  const backend = new ActionsCacheBackend(silentLogger);
  const first = await runFetch(fx.options({ wheelhouse: wh, cache: { backend } }));
  expect((await saveWheelhouse(savePlanOf(first), backend, silentLogger)).save.saved).toBe(true);
  // A fresh runner restores that entry and is killed while big's wheel is being written.
  await rm(wh, { recursive: true, force: true });
  await rm(join(fx.work, 'state'), { recursive: true, force: true });
  await rm(join(fx.work, 'stamps'), { recursive: true, force: true });
  const slow = await slowTarDir();
  const child = spawn(
    process.execPath,
    [
      '--import',
      './bench/register-swc.mjs',
      '__tests__/flow/actions-restore-kill-child.ts',
      fx.server.indexUrl,
      fx.work,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PATH: `${slow}${delimiter}${process.env['PATH'] ?? ''}` },
    },
  );
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const closed = new Promise((resolve) => child.on('close', resolve));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !(existsSync(join(wh, APP)) && existsSync(join(wh, BIG)))) await sleep(50);
  process.kill(-child.pid!, 'SIGKILL');
  await closed;
  expect(stdout).not.toContain('finished');

  const left = (await readdir(wh)).filter((n) => n.endsWith('.whl'));
  expect(left).toEqual(expect.arrayContaining([APP, BIG]));
  await expectKilledLeftovers(wh, left);

  // The next run resolves something else (util only), without the cache.
  const next = await expectNextRunOwnsIt(fx, wh);
  expect(next.foreign).toEqual([]);
}, 120_000);
