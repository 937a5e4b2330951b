/**
 * Runs at the same time on one wheelhouse and one cache directory (real child processes of the
 * CLI), and a run interrupted with SIGINT: both runs succeed (one waits, saying so), and an
 * interrupted run leaves neither a lock file nor a wheelhouse that looks complete.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { useFixtureIndex } from '../helpers/fixture-index.js';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { spawnCli, type CliChild } from '../helpers/cli-from-source.js';

const fx = useFixtureIndex({
  workPrefix: 'wh-concurrent-',
  modes: { latencyMs: 0, bandwidthBytesPerSec: 0 },
});
beforeEach(async () => {
  await writeRequirements(fx.work, ['app', 'big']);
});

/** `wheelhouse fetch` in a child process (pip's configuration isolated, HOME in the temp dir). */
function cli(...extra: string[]): CliChild {
  return spawnCli(fx.work, [
    'fetch',
    '-r',
    'requirements.txt',
    '-i',
    fx.server.indexUrl,
    '--python-version',
    '3.12',
    '--platform',
    'manylinux_2_17_x86_64',
    '--dest',
    'wh',
    '--cache-dir',
    'cache',
    ...extra,
  ]);
}

describe('two runs sharing one wheelhouse and one cache directory', () => {
  it('both succeed; the second waits for the first and says so', async () => {
    // Slow enough that both runs are downloading big (300 kB) at once without the lock.
    fx.server.setModes({ bandwidthBytesPerSec: 150_000 });
    const [a, b] = await Promise.all([cli().done, cli().done]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([
      0,
      0,
      expect.stringContaining('waiting for another wheelhouse run'),
    ]);
    expect(a.stderr + b.stderr).not.toContain('ENOENT');
    const names = (await readdir(join(fx.work, 'wh'))).sort();
    expect(names).toEqual(
      [
        ...EXPECTED_FILES,
        'pylock.toml',
        'report.json',
        'requirements.lock',
        'wheelhouse-manifest.json',
      ].sort(),
    );
    expect(existsSync(join(fx.work, 'cache', 'lock'))).toBe(false);
  }, 120_000);
});

describe('a run interrupted with SIGINT', () => {
  it('exits 130, removes its lock, and leaves no wheelhouse that looks complete', async () => {
    await writeRequirements(fx.work, ['app']);
    expect((await cli().done).code).toBe(0);
    await writeRequirements(fx.work, ['app', 'big', 'util<2.1']);
    // big (300 kB) now takes ~15 s to arrive.
    fx.server.setModes({ bandwidthBytesPerSec: 20_000 });
    const run = cli('--no-cache');
    // Interrupt once the run holds the wheelhouse (its lock file exists) and is downloading.
    const downloading = async (): Promise<boolean> =>
      (await readdir(join(fx.work, 'wh'))).some((n) => n.endsWith('.part'));
    for (let i = 0; i < 400 && !(await downloading()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await downloading()).toBe(true);
    expect(existsSync(join(fx.work, 'wh', '.wheelhouse.lock'))).toBe(true);
    run.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const names = await readdir(join(fx.work, 'wh'));
    expect(names).not.toContain('.wheelhouse.lock');
    expect(names).not.toContain('requirements.lock');
    const manifest = JSON.parse(await readFile(join(fx.work, 'wh', 'wheelhouse-manifest.json'), 'utf8')) as {
      complete?: boolean;
    };
    expect(manifest.complete).toBe(false);
    fx.server.setModes({ bandwidthBytesPerSec: 0 });
    const again = await cli().done;
    expect(again.code).toBe(0);
    expect(await readFile(join(fx.work, 'wh', 'requirements.lock'), 'utf8')).toContain('util==2.0');
  }, 120_000);
});

it('a stale lock left by a crashed run (dead pid on this host) is recovered', async () => {
  const { hostname } = await import('node:os');
  expect((await cli().done).code).toBe(0);
  // A pid that is not running: spawn a process and wait for it to end.
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => gone.on('close', r));
  await writeFile(
    join(fx.work, 'wh', '.wheelhouse.lock'),
    JSON.stringify({ pid: gone.pid, host: hostname(), createdAt: Date.now() }),
  );
  const r = await cli().done;
  expect(r.code).toBe(0);
  expect(r.stderr).not.toContain('waiting for');
  expect(existsSync(join(fx.work, 'wh', '.wheelhouse.lock'))).toBe(false);
}, 120_000);
