/**
 * The wheelhouse deletes only files it can prove it wrote (src/flow/wheelhouse-files.ts): a --dest
 * holding other files and no manifest is refused (or cleared with --clean), --dest naming a file
 * is an input error, and a failed run never leaves a wheelhouse that looks complete.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-own-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

function fetch(dest: string, ...rest: string[]) {
  return runCliCaptured(
    [
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      ...TARGET,
      '--dest',
      dest,
      '--no-cache',
      ...rest,
    ],
    { env: { HOME: join(work, 'home') }, cwd: work },
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
    ],
    ['a project folder', '.', 'requirements.txt', 'project', ['project/setup.py', 'project/src/mod.py']],
    ['a parent folder (..)', 'sub', 'reqs/requirements.txt', '..', ['reqs/setup.py', 'project/setup.py']],
  ])('%s is refused (exit 2), nothing in it is touched', async (_what, cwd, req, dest, expected) => {
    await mkdir(join(work, 'reqs'), { recursive: true });
    await writeRequirements(work, ['app', 'big']);
    await writeRequirements(join(work, 'reqs'), ['app', 'big']);
    await writeFile(join(work, 'reqs', 'setup.py'), 'setup()\n');
    await mkdir(join(work, 'project', 'src'), { recursive: true });
    await mkdir(join(work, 'sub'), { recursive: true });
    await writeFile(join(work, 'project', 'setup.py'), 'setup()\n');
    await writeFile(join(work, 'project', 'src', 'mod.py'), 'x = 1\n');
    const r = await runCliCaptured(
      ['fetch', '-r', join(work, req), '-i', server.indexUrl, ...TARGET, '--dest', dest, '--no-cache'],
      { env: { HOME: join(work, 'home') }, cwd: join(work, cwd) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds files wheelhouse did not write');
    expect(r.stderr).toContain('--clean');
    expect(r.stderr).not.toContain('internal error');
    for (const f of expected) expect(await readFile(join(work, f), 'utf8')).not.toBe('');
    expect(server.counters.requests).toBe(0);
  });

  it('--clean clears it and the run succeeds', async () => {
    await writeRequirements(work, ['app', 'big']);
    await mkdir(join(work, 'project', 'src'), { recursive: true });
    await writeFile(join(work, 'project', 'setup.py'), 'setup()\n');
    const r = await fetch('project', '--clean');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cleared 2 entries');
    expect((await readdir(join(work, 'project'))).sort()).toEqual(
      [
        ...EXPECTED_FILES,
        'pylock.toml',
        'report.json',
        'requirements.lock',
        'wheelhouse-manifest.json',
      ].sort(),
    );
  });

  it('--dest naming an existing file is an input error, not an internal one', async () => {
    await writeRequirements(work, ['app']);
    await writeFile(join(work, 'wh'), 'a file');
    const r = await fetch('wh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exists and is not a directory');
    expect(r.stderr).not.toContain('internal error');
    expect(await readFile(join(work, 'wh'), 'utf8')).toBe('a file');
  });
});

describe('a wheelhouse written before', () => {
  it('keeps files it did not write, and deletes its own files the new resolution does not need', async () => {
    await writeRequirements(work, ['app', 'big']);
    expect((await fetch('wh')).code).toBe(0);
    await writeFile(join(work, 'wh', 'NOTES.txt'), 'mine');
    await writeRequirements(work, ['app', 'util<2.1']);
    const r = await fetch('wh');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('did not write: "NOTES.txt"');
    const names = (await readdir(join(work, 'wh'))).sort();
    expect(names).toContain('NOTES.txt');
    expect(names).toContain('util-2.0-py3-none-any.whl');
    expect(names).not.toContain('big-1.0-py3-none-any.whl');
    expect(names).not.toContain('util-2.1-py3-none-any.whl');
  });

  it('a failed run leaves no lock, report or pylock, and a manifest marked incomplete', async () => {
    await writeRequirements(work, ['app', 'big']);
    expect((await fetch('wh')).code).toBe(0);
    await writeRequirements(work, ['app', 'util<2']);
    const r = await fetch('wh');
    expect(r.code).toBe(1);
    const names = await readdir(join(work, 'wh'));
    for (const output of ['requirements.lock', 'report.json', 'pylock.toml'])
      expect(names).not.toContain(output);
    const manifest = JSON.parse(await readFile(join(work, 'wh', 'wheelhouse-manifest.json'), 'utf8')) as {
      complete?: boolean;
      files: Record<string, unknown>;
    };
    expect(manifest.complete).toBe(false);
    expect(Object.keys(manifest.files).sort()).toEqual(EXPECTED_FILES);
    // …and the directory is still provably wheelhouse's: the next good run uses it.
    await writeRequirements(work, ['app']);
    expect((await fetch('wh')).code).toBe(0);
  });
});
