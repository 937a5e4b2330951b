/**
 * --lock / --report / --pylock paths the run cannot write are the user's mistake: an input error
 * naming the option and the path, before any request where that can be known; a missing parent
 * directory is created by every command (review 1 of session 13: "internal error: EISDIR", and
 * fetch failed with "internal error: ENOENT" after completing the wheelhouse).
 */
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-outputs-' });

function cli(argv: string[]) {
  return runCliCaptured(argv, { env: { HOME: fx.work }, cwd: fx.work });
}

describe('requested output files', () => {
  it('resolve --lock naming a directory: an input error before any request', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    await mkdir(join(fx.work, 'somedir'));
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--lock',
      'somedir',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--lock ${join(fx.work, 'somedir')}: is a directory`);
    expect(r.stderr).not.toContain('internal error');
    expect(fx.server.counters.requests).toBe(0);
  });

  it('fetch --report below a regular file: an input error before any request', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    await writeFile(join(fx.work, 'plain'), 'x');
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '-d',
      'wh',
      '--no-cache',
      '--report',
      'plain/sub/report.json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--report ${join(fx.work, 'plain/sub/report.json')}: ${join(fx.work, 'plain')} is not a directory`,
    );
    expect(r.stderr).not.toContain('internal error');
    expect(fx.server.counters.requests).toBe(0);
  });

  it('fetch --lock into missing directories creates them, as resolve does', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '-d',
      'wh',
      '--no-cache',
      '--lock',
      'out/sub/x.lock',
    ]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(await readFile(join(fx.work, 'out/sub/x.lock'), 'utf8')).toBe(
      await readFile(join(fx.work, 'wh/requirements.lock'), 'utf8'),
    );
    const again = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--pylock',
      'o2/p/pylock.toml',
    ]);
    expect(again.code).toBe(0);
    expect(await readFile(join(fx.work, 'o2/p/pylock.toml'), 'utf8')).toContain('[[packages]]');
  });
});

describe('a wheelhouse directory the run cannot create (review 2 of session 13: internal error, or a hang below /proc)', () => {
  const fetchInto = (dest: string) =>
    cli(['fetch', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET, '-d', dest, '--no-cache']);

  it('below a regular file: an input error before any request', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    await writeFile(join(fx.work, 'plain'), 'x');
    const r = await fetchInto('plain/wh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`wheelhouse ${join(fx.work, 'plain/wh')} cannot be used: ENOTDIR`);
    expect(r.stderr).not.toContain('internal error');
    expect(fx.server.counters.requests).toBe(0);
  });

  const linux = process.platform === 'linux' && existsSync('/sys/kernel') && existsSync('/proc/self');
  (linux ? it : it.skip)(
    'under /sys (EPERM even for root) and /proc (recursive mkdir never settles there): input errors naming the errno',
    async () => {
      await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
      const sys = await fetchInto(`/sys/wheelhouse-test-${process.pid}`);
      expect(sys.code).toBe(2);
      expect(sys.stderr).toContain(
        `the wheelhouse /sys/wheelhouse-test-${process.pid} cannot be created: EPERM`,
      );
      expect(sys.stderr).not.toContain('internal error');
      const proc = await fetchInto(`/proc/wheelhouse-test-${process.pid}/wh`);
      expect(proc.code).toBe(2);
      expect(proc.stderr).toContain(
        `the wheelhouse /proc/wheelhouse-test-${process.pid}/wh cannot be created: ENOENT`,
      );
    },
    60_000,
  );
});

describe('output paths that are symbolic links (review 4 of session 13)', () => {
  it('a link to a file is written through (the link stays); a link to a directory is "a directory"', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    await mkdir(join(fx.work, 'locks'));
    await writeFile(join(fx.work, 'locks', 'real.lock'), 'old\n');
    await symlink(join('locks', 'real.lock'), join(fx.work, 'linked.lock'));
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--lock',
      'linked.lock',
    ]);
    expect(r.code).toBe(0);
    expect((await lstat(join(fx.work, 'linked.lock'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(fx.work, 'locks', 'real.lock'), 'utf8')).toContain('app==');
    await symlink('locks', join(fx.work, 'lockdir'));
    fx.server.reset();
    const d = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--lock',
      'lockdir',
    ]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain(`--lock ${join(fx.work, 'lockdir')}: is a directory`);
    expect(fx.server.counters.requests).toBe(0);
    expect((await lstat(join(fx.work, 'lockdir'))).isSymbolicLink()).toBe(true);
  });
});

describe('an output path below /proc (review 4 of session 13: the recursive mkdir never settled)', () => {
  const linux = process.platform === 'linux' && existsSync('/proc/self');
  (linux ? it : it.skip)(
    'is an input error naming the option',
    async () => {
      await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
      const path = `/proc/wheelhouse-test-${process.pid}/out.lock`;
      const r = await cli([
        'resolve',
        '-r',
        'requirements.txt',
        '-i',
        fx.server.indexUrl,
        ...TARGET,
        '--lock',
        path,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--lock ${path}: cannot be written: ENOENT`);
    },
    30_000,
  );
});

describe('"-" as an output path (review 4 of session 13): standard output, as pip\'s --report', () => {
  it('resolve --report - prints the report; fetch --report - prints it instead of the lock path', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--report',
      '-',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { install: unknown[] }).install.length).toBeGreaterThan(0);
    expect(existsSync(join(fx.work, '-'))).toBe(false);
    const f = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '-d',
      'wh',
      '--no-cache',
      '--report',
      '-',
    ]);
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout)).toEqual(
      JSON.parse(await readFile(join(fx.work, 'wh', 'report.json'), 'utf8')),
    );
    expect(existsSync(join(fx.work, '-'))).toBe(false);
  });
});

it('two outputs on stdout ("-") are a usage error (one unreadable stream; review 5 of session 13)', async () => {
  const r = await cli(['resolve', '-r', 'requirements.txt', '--report', '-', '--pylock', '-']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('only one of --report, --pylock can be "-" (stdout)');
});
