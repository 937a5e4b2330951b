/**
 * A run killed while the S3 store's restore places the entry's wheels (review 15b F7, the S3 side
 * of restore-killed.test.ts): every wheel it may place is listed in the wheelhouse's incomplete
 * manifest before the first wheel GET (RestoreOptions.beforePlacing → the run's session), so the
 * next run owns what the killed one placed — deletes what its resolution does not need — and
 * never takes it for the user's. Real parts: the test index server, generated wheels, the real S3
 * gateway behind a counting proxy that lets two wheel GETs through and holds the others, a child
 * process killed with SIGKILL (restore-kill-s3-child.ts).
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { silentLogger } from '../../src/util/logger.js';
import { useFixtureRun } from '../helpers/fixture-run.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import { s3GatewayMissing, testS3Store } from '../helpers/s3-gateway.js';
import { useProxiedBucket } from '../helpers/s3-proxied-bucket.js';
import { expectKilledLeftovers, expectNextRunOwnsIt } from '../helpers/killed-restore.js';

const fx = useFixtureRun('wh-restore-killed-s3-', ['app', 'big']);

describeWhenAvailable('a run killed during an S3 restore (real S3 gateway)', s3GatewayMissing, () => {
  const s3 = useProxiedBucket('killed');
  const { bucket } = s3;

  /** The wheels in `dir` (placed: temporary `.part` names are not counted). */
  const wheels = async (dir: string): Promise<string[]> =>
    (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.whl')).sort();

  it("the wheels a killed S3 restore placed are the next run's own: unneeded ones deleted, none called the user's", async () => {
    const seeder = testS3Store(bucket, { prefix: 'killed', logger: silentLogger });
    try {
      const first = await runFetch(fx.options({ cache: { backend: seeder } }));
      expect(first.packages).toHaveLength(4);
      expect((await saveWheelhouse(savePlanOf(first), seeder, silentLogger)).save.saved).toBe(true);
    } finally {
      await seeder.close();
    }

    // Two wheel GETs pass, the others wait at the proxy until it closes: the restore never ends.
    let passed = 0;
    const never = new Promise<void>(() => {});
    s3.proxy.hold = (request) => {
      if (!request.startsWith(`GET /${bucket}/killed/wheels/`)) return undefined;
      return ++passed <= 2 ? undefined : never;
    };
    const wh2 = join(fx.work, 'wh2');
    const child = spawn(
      process.execPath,
      [
        '--import',
        './bench/register-swc.mjs',
        '__tests__/flow/restore-kill-s3-child.ts',
        fx.server.indexUrl,
        fx.work,
        s3.proxy.url,
        bucket,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let exited = false;
    child.on('exit', () => (exited = true));
    const deadline = Date.now() + 60_000;
    while ((await wheels(wh2)).length < 2 && !exited && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    delete s3.proxy.hold;
    expect([passed, output]).toEqual([4, '']);

    const left = await wheels(wh2);
    expect(left).toHaveLength(2);
    await expectKilledLeftovers(wh2, left);

    // The next run resolves something else (util only), without the store.
    await expectNextRunOwnsIt(fx, wh2);
    expect((await readdir(wh2)).filter((n) => !n.startsWith('.')).sort()).toEqual([
      'pylock.toml',
      'report.json',
      'requirements.lock',
      'util-2.1-py3-none-any.whl',
      'wheelhouse-manifest.json',
    ]);
  }, 120_000);
});
