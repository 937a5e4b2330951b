/**
 * The wheelhouse deletes only files it can prove it wrote (src/flow/wheelhouse-files.ts): a --dest
 * holding other files and no manifest is refused (or cleared with --clean), --dest naming a file
 * is an input error, and a failed run never leaves a wheelhouse that looks complete.
 */
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-own-' });

function fetch(dest: string, ...rest: string[]) {
  return runCliCaptured(
    [
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--dest',
      dest,
      '--no-cache',
      ...rest,
    ],
    { env: { HOME: join(fx.work, 'home') }, cwd: fx.work },
  );
}

describe('a --dest wheelhouse cannot prove is its own', () => {
  it.each([
    [
      'the folder of the requirement file',
      'sub',
      'reqs/requirements.txt',
      '../reqs',
      ['reqs/requirements.txt', 'reqs/setup.py'],
      'holds files wheelhouse did not write',
    ],
    [
      'a project folder',
      '.',
      'requirements.txt',
      'project',
      ['project/setup.py', 'project/src/mod.py'],
      'holds files wheelhouse did not write',
    ],
    [
      'a parent folder (..), which holds the working directory',
      'sub',
      'reqs/requirements.txt',
      '..',
      ['reqs/setup.py', 'project/setup.py'],
      'contains, the working, workspace or home directory',
    ],
  ])('%s is refused (exit 2), nothing in it is touched', async (_what, cwd, req, dest, expected, message) => {
    await mkdir(join(fx.work, 'reqs'), { recursive: true });
    await writeRequirements(fx.work, ['app', 'big']);
    await writeRequirements(join(fx.work, 'reqs'), ['app', 'big']);
    await writeFile(join(fx.work, 'reqs', 'setup.py'), 'setup()\n');
    await mkdir(join(fx.work, 'project', 'src'), { recursive: true });
    await mkdir(join(fx.work, 'sub'), { recursive: true });
    await writeFile(join(fx.work, 'project', 'setup.py'), 'setup()\n');
    await writeFile(join(fx.work, 'project', 'src', 'mod.py'), 'x = 1\n');
    const r = await runCliCaptured(
      ['fetch', '-r', join(fx.work, req), '-i', fx.server.indexUrl, ...TARGET, '--dest', dest, '--no-cache'],
      { env: { HOME: join(fx.work, 'home') }, cwd: join(fx.work, cwd) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('internal error');
    for (const f of expected) expect(await readFile(join(fx.work, f), 'utf8')).not.toBe('');
    expect(fx.server.counters.requests).toBe(0);
  });

  it('--clean clears its files and the run succeeds', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    await mkdir(join(fx.work, 'project'), { recursive: true });
    await writeFile(join(fx.work, 'project', 'setup.py'), 'setup()\n');
    await writeFile(join(fx.work, 'project', 'notes.txt'), 'x\n');
    const r = await fetch('project', '--clean');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cleared 2 entries');
    expect((await readdir(join(fx.work, 'project'))).sort()).toEqual(
      [
        ...EXPECTED_FILES,
        'pylock.toml',
        'report.json',
        'requirements.lock',
        'wheelhouse-manifest.json',
      ].sort(),
    );
  });

  it('--clean never removes a directory: refused (exit 2) before anything is deleted (review 14c F11)', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    await mkdir(join(fx.work, 'project', 'src'), { recursive: true });
    await writeFile(join(fx.work, 'project', 'setup.py'), 'setup()\n');
    await writeFile(join(fx.work, 'project', 'src', 'mod.py'), 'x = 1\n');
    const r = await fetch('project', '--clean');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('clean removes only files');
    expect(await readFile(join(fx.work, 'project', 'setup.py'), 'utf8')).toBe('setup()\n');
    expect(await readFile(join(fx.work, 'project', 'src', 'mod.py'), 'utf8')).toBe('x = 1\n');
  });

  it('--clean on a wheelhouse it wrote before leaves a directory the user put there, as a run without clean does (review 14e F2)', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetch('wh')).code).toBe(0);
    await mkdir(join(fx.work, 'wh', 'notes'), { recursive: true });
    await writeFile(join(fx.work, 'wh', 'notes', 'todo.txt'), 'x\n');
    await writeFile(join(fx.work, 'wh', 'stray.txt'), 'y\n');
    const r = await fetch('wh', '--clean');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cleared 1 entry');
    expect(r.stderr).toContain('leaving 1 directory');
    expect(await readFile(join(fx.work, 'wh', 'notes', 'todo.txt'), 'utf8')).toBe('x\n');
    expect((await readdir(join(fx.work, 'wh'))).includes('stray.txt')).toBe(false);
  });

  it('--dest .. --clean (a wheelhouse holding the working directory) is refused, nothing deleted (review 14c F11)', async () => {
    await mkdir(join(fx.work, 'repo'), { recursive: true });
    await writeRequirements(join(fx.work, 'repo'), ['app']);
    await mkdir(join(fx.work, 'other-repo'), { recursive: true });
    await writeFile(join(fx.work, 'other-repo', 'keep.txt'), 'precious\n');
    const r = await runCliCaptured(
      [
        'fetch',
        '-r',
        'requirements.txt',
        '-i',
        fx.server.indexUrl,
        ...TARGET,
        '--dest',
        '..',
        '--no-cache',
        '--clean',
      ],
      { env: { HOME: join(fx.work, 'home') }, cwd: join(fx.work, 'repo') },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('contains, the working, workspace or home directory');
    expect(await readFile(join(fx.work, 'other-repo', 'keep.txt'), 'utf8')).toBe('precious\n');
    expect(await readFile(join(fx.work, 'repo', 'requirements.txt'), 'utf8')).not.toBe('');
    expect(fx.server.counters.requests).toBe(0);
  });

  it('--dest naming an existing file is an input error, not an internal one', async () => {
    await writeRequirements(fx.work, ['app']);
    await writeFile(join(fx.work, 'wh'), 'a file');
    const r = await fetch('wh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exists and is not a directory');
    expect(r.stderr).not.toContain('internal error');
    expect(await readFile(join(fx.work, 'wh'), 'utf8')).toBe('a file');
  });
});

describe('a wheelhouse written before', () => {
  it('keeps files it did not write, and deletes its own files the new resolution does not need', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetch('wh')).code).toBe(0);
    await writeFile(join(fx.work, 'wh', 'NOTES.txt'), 'mine');
    await writeRequirements(fx.work, ['app', 'util<2.1']);
    const r = await fetch('wh');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('did not write: "NOTES.txt"');
    const names = (await readdir(join(fx.work, 'wh'))).sort();
    expect(names).toContain('NOTES.txt');
    expect(names).toContain('util-2.0-py3-none-any.whl');
    expect(names).not.toContain('big-1.0-py3-none-any.whl');
    expect(names).not.toContain('util-2.1-py3-none-any.whl');
  });

  it('a failed run leaves no lock, report or pylock, and a manifest marked incomplete', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetch('wh')).code).toBe(0);
    await writeRequirements(fx.work, ['app', 'util<2']);
    const r = await fetch('wh');
    expect(r.code).toBe(1);
    const names = await readdir(join(fx.work, 'wh'));
    for (const output of ['requirements.lock', 'report.json', 'pylock.toml'])
      expect(names).not.toContain(output);
    const manifest = JSON.parse(await readFile(join(fx.work, 'wh', 'wheelhouse-manifest.json'), 'utf8')) as {
      complete?: boolean;
      files: Record<string, unknown>;
    };
    expect(manifest.complete).toBe(false);
    expect(Object.keys(manifest.files).sort()).toEqual(EXPECTED_FILES);
    // …and the directory is still provably wheelhouse's: the next good run uses it.
    await writeRequirements(fx.work, ['app']);
    expect((await fetch('wh')).code).toBe(0);
  });
});

describe('a file the user put in the wheelhouse under a name the resolution needs (review 2 of session 13)', () => {
  const BIG = 'big-1.0-py3-none-any.whl';
  const withCache = (dest: string) =>
    runCliCaptured(
      [
        'fetch',
        '-r',
        'requirements.txt',
        '-i',
        fx.server.indexUrl,
        ...TARGET,
        '--dest',
        dest,
        '--cache-dir',
        join(fx.work, 'cache'),
      ],
      { env: { HOME: join(fx.work, 'home') }, cwd: fx.work },
    );

  it('other bytes: refused (exit 2) before anything replaces it, by a download or a cache restore', async () => {
    // A cache entry that holds big, saved by a run into another wheelhouse.
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await withCache('other')).code).toBe(0);
    await writeRequirements(fx.work, ['app']);
    expect((await withCache('wh')).code).toBe(0);
    const mine = join(fx.work, 'wh', BIG);
    await writeFile(mine, 'my own patched build of big');
    await writeRequirements(fx.work, ['app', 'big']);
    fx.server.reset();
    const r = await withCache('wh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`holds ${BIG} (other bytes), which wheelhouse did not write`);
    expect(r.stderr).not.toContain('internal error');
    expect(await readFile(mine, 'utf8')).toBe('my own patched build of big');
    expect(fx.server.counters.byKind['file-full'].requests).toBe(0);
  });

  it('the same bytes: used as they are, nothing downloaded, and still never deleted (review 4 of session 13)', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetch('first')).code).toBe(0);
    await writeRequirements(fx.work, ['app']);
    expect((await fetch('wh')).code).toBe(0);
    await writeFile(join(fx.work, 'wh', BIG), await readFile(join(fx.work, 'first', BIG)));
    await writeRequirements(fx.work, ['app', 'big']);
    fx.server.reset();
    const r = await fetch('wh');
    expect(r.code).toBe(0);
    expect(fx.server.counters.byKind['file-full'].requests).toBe(0);
    // Back to a resolution without big: the user's file stays (it was never this run's).
    await writeRequirements(fx.work, ['app']);
    const without = await fetch('wh');
    expect(without.code).toBe(0);
    expect(without.stderr).toContain(`that wheelhouse did not write: "${BIG}"`);
    expect(await readdir(join(fx.work, 'wh'))).toContain(BIG);
  });

  it("a link to the resolution's bytes is used; other bytes are refused before the run prunes anything", async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    expect((await fetch('first')).code).toBe(0);
    await writeRequirements(fx.work, ['app']);
    expect((await fetch('wh')).code).toBe(0);
    await symlink(join(fx.work, 'first', BIG), join(fx.work, 'wh', BIG));
    await writeRequirements(fx.work, ['app', 'big']);
    fx.server.reset();
    const linked = await fetch('wh');
    expect(linked.stderr).not.toContain('error');
    expect(linked.code).toBe(0);
    expect(fx.server.counters.byKind['file-full'].requests).toBe(0);
    // Other bytes under a name the resolution needs, in a wheelhouse that also holds a wheel the
    // new resolution drops (util): refused, and util is still there.
    await rm(join(fx.work, 'wh', BIG));
    await writeFile(join(fx.work, 'wh', BIG), 'my own build');
    const util = (await readdir(join(fx.work, 'wh'))).find((n) => n.startsWith('util-'));
    expect(util).toBeDefined();
    await writeRequirements(fx.work, ['big']);
    const refused = await fetch('wh');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`holds ${BIG} (other bytes), which wheelhouse did not write`);
    expect(await readdir(join(fx.work, 'wh'))).toContain(util);
    expect(await readFile(join(fx.work, 'wh', BIG), 'utf8')).toBe('my own build');
  });
});
