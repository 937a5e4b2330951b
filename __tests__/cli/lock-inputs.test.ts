/**
 * `-r uv.lock` and `-r pylock.toml` through the CLI against the test index server (issue 11, §3):
 * the lock is the resolution — zero page and zero metadata requests, files fetched with the lock's
 * hashes, the same cache key as resolving the same set, and pip installs the result with
 * --require-hashes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import {
  fixtureWheels,
  serveFixture,
  writeRequirements,
  type FixtureWheel,
} from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { runSecrets } from '../../src/index/redact.js';
import { makeVenv, pipInstallLocked, venvRun } from '../helpers/python-venv.js';

let server: IndexServer;
let wheels: FixtureWheel[];
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  wheels = serveFixture(server, fixtureWheels());
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-lockin-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const LINUX = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];
const cli = (argv: string[]) => runCliCaptured(argv, { env: { HOME: work }, cwd: work });
const pins = (lock: string) => lock.split('\n').filter((l) => l.includes('=='));

function wheelOf(project: string, version: string): FixtureWheel['wheel'] {
  const w = wheels.find(
    (x) => x.project === project && x.wheel.filename.startsWith(`${project}-${version}-`),
  );
  if (w === undefined) throw new Error(`no fixture wheel ${project} ${version}`);
  return w.wheel;
}

/** A uv.lock `wheels = [...]` entry for a fixture wheel, pointing at the test server. */
function uvWheel(project: string, version: string): string {
  const w = wheelOf(project, version);
  return `{ url = "${server.fileUrl(w.filename)}", hash = "sha256:${server.sha256(w.filename)}", size = ${w.bytes.length} }`;
}

function uvLock(): string {
  const pkg = (name: string, version: string, deps = '') =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "${server.indexUrl}" }\n${deps}wheels = [\n    ${uvWheel(name, version)},\n]\n`;
  return [
    'version = 1',
    'revision = 3',
    'requires-python = ">=3.9"',
    '',
    pkg('app', '1.0', 'dependencies = [\n    { name = "lib" },\n    { name = "util" },\n]\n'),
    pkg('big', '1.0'),
    pkg('lib', '1.1', 'dependencies = [\n    { name = "util" },\n]\n'),
    '[[package]]\nname = "proj"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [\n    { name = "app" },\n    { name = "big", marker = "sys_platform == \'win32\'" },\n]\n',
    '[package.optional-dependencies]\nbulk = [\n    { name = "big" },\n]\n',
    '[package.dev-dependencies]\ndev = [\n    { name = "util" },\n]\n',
    pkg('util', '2.1'),
  ].join('\n');
}

function cacheKeyOf(stderr: string): string {
  const m = /cache key (\S+)/.exec(stderr);
  if (m === null) throw new Error(`no cache key in:\n${stderr}`);
  return m[1] as string;
}

describe('-r uv.lock', () => {
  it('fetches the selected files with zero page and metadata requests, under the key a resolution of the same set gets', async () => {
    await writeFile(join(work, 'uv.lock'), uvLock());
    const locked = await cli([
      'fetch',
      '-r',
      'uv.lock',
      ...LINUX,
      '--dest',
      'wh',
      '--cache-dir',
      join(work, 'cache-a'),
      '-v',
    ]);
    expect(locked.stderr).not.toContain('error');
    expect(locked.code).toBe(0);
    expect(server.counters.byKind.page.requests).toBe(0);
    expect(server.counters.byKind.metadata.requests).toBe(0);
    expect(server.counters.byKind.range.requests).toBe(0);
    expect(server.counters.byKind['file-full'].requests).toBe(3);
    expect((await readdir(join(work, 'wh'))).filter((f) => f.endsWith('.whl')).sort()).toEqual([
      'app-1.0-py3-none-any.whl',
      'lib-1.1-py3-none-any.whl',
      'util-2.1-py3-none-any.whl',
    ]);
    expect(pins(await readFile(join(work, 'wh', 'requirements.lock'), 'utf8'))).toEqual([
      'app==1.0 \\',
      'lib==1.1 \\',
      'util==2.1 \\',
    ]);

    await writeRequirements(work, ['app']);
    const resolved = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      ...LINUX,
      '--dest',
      'wh2',
      '--cache-dir',
      join(work, 'cache-b'),
      '-v',
    ]);
    expect(resolved.code).toBe(0);
    expect(cacheKeyOf(locked.stderr)).toBe(cacheKeyOf(resolved.stderr));
  });

  it("keeps a credentialed file URL's password and query token out of every log, error and file; its public path stays readable", async () => {
    const PASS = 'LockPass1234';
    const QUERY = 'LockQueryTok99';
    const lock = uvLock().replace(
      /url = "http:\/\/([^/"]+)\/files\/([^"]+)"/g,
      `url = "http://ci:${PASS}@$1/files/$2?token=${QUERY}"`,
    );
    expect(lock).toContain(`ci:${PASS}@`);
    // A public file host's hash directory looks like a token; it must not become a secret.
    const HASH_DIR = 'e7c31adbe875f2abbb91bd84cf2dc52d792b5a01506781dbcf25c91daf11';
    await writeFile(
      join(work, 'uv.lock'),
      `# from https://files.pythonhosted.org/packages/d9/5a/${HASH_DIR}/six-1.16.0-py2.py3-none-any.whl\n${lock}`,
    );
    runSecrets.clear();
    const masked: string[] = [];
    const stop = runSecrets.onAdd((v) => masked.push(v));
    server.setModes({ requireAuth: { username: 'ci', password: PASS } });
    try {
      const run = await cli([
        'fetch',
        '-r',
        'uv.lock',
        ...LINUX,
        '--dest',
        'wh',
        '--cache-dir',
        join(work, 'c'),
        '-v',
      ]);
      expect(run.code).toBe(0);
      // Registered (the action passes each to core.setSecret): the runner masks them anywhere.
      expect(masked).toEqual(expect.arrayContaining([PASS, QUERY]));
      // Only credentials: not the path segments of the lock's URLs.
      expect(masked.some((v) => v.includes('files') || v.endsWith('.whl') || v.includes(HASH_DIR))).toBe(
        false,
      );
      const written = await Promise.all(
        (await readdir(join(work, 'wh')))
          .filter((f) => !f.endsWith('.whl'))
          .map((f) => readFile(join(work, 'wh', f), 'utf8')),
      );
      expect(written.length).toBeGreaterThanOrEqual(3);
      for (const text of [run.stdout, run.stderr, ...written]) {
        expect(text).not.toContain(PASS);
        expect(text).not.toContain(QUERY);
      }
      // An error that quotes a lock URL (no download: the server refuses the credentials).
      server.setModes({ requireAuth: { username: 'ci', password: 'another-one' } });
      runSecrets.clear();
      const failed = await cli([
        'fetch',
        '-r',
        'uv.lock',
        ...LINUX,
        '--dest',
        'wh2',
        '--no-cache',
        '--retries',
        '0',
      ]);
      expect(failed.code).not.toBe(0);
      expect(`${failed.stdout}${failed.stderr}`).not.toContain(PASS);
      expect(`${failed.stdout}${failed.stderr}`).not.toContain(QUERY);
    } finally {
      stop();
      server.setModes({ requireAuth: null });
    }
  });

  it('extras, groups and markers decide what is selected', async () => {
    await writeFile(join(work, 'uv.lock'), uvLock());
    const run = async (...extra: string[]) =>
      pins((await cli(['resolve', '-r', 'uv.lock', ...extra])).stdout);
    expect(await run(...LINUX, '--extra', 'bulk')).toEqual([
      'app==1.0 \\',
      'big==1.0 \\',
      'lib==1.1 \\',
      'util==2.1 \\',
    ]);
    expect(await run('--python-version', '3.12', '--platform', 'win_amd64')).toContain('big==1.0 \\');
    expect(await run(...LINUX, '--group', 'dev')).toEqual(['app==1.0 \\', 'lib==1.1 \\', 'util==2.1 \\']);
    expect(server.counters.requests).toBe(0);
  });

  it('the wheelhouse installs with pip --require-hashes', async () => {
    await writeFile(join(work, 'uv.lock'), uvLock());
    const r = await cli(['fetch', '-r', 'uv.lock', ...LINUX, '--dest', 'wh', '--no-cache']);
    expect(r.code).toBe(0);
    const venv = makeVenv(join(work, 'venv'));
    if (venv === undefined) throw new Error('python3 -m venv is needed for this test');
    pipInstallLocked(venv, join(work, 'wh'), join(work, 'wh', 'requirements.lock'));
    expect(
      venvRun(venv, 'import importlib.metadata as m; print(m.version("lib"), m.version("util"))').trim(),
    ).toBe('1.1 2.1');
  }, 240_000);

  it.each([
    ['version = 2\n', 'uv.lock: unsupported uv.lock version 2'],
    [
      `version = 1\n[[package]]\nname = "proj"\nversion = "0"\nsource = { editable = "." }\ndependencies = [{ name = "w" }]\n[[package]]\nname = "w"\nversion = "1.0"\nsource = { registry = "x" }\nwheels = [{ url = "https://h/w-1.0-cp39-cp39-win32.whl", hash = "sha256:${'a'.repeat(64)}" }]\n`,
      'uv.lock: package w 1.0: no file for the target cp312-manylinux_2_17_x86_64 (1 wheel(s), none for the target and no sdist)',
    ],
  ])('a bad lock is exit 2 naming the problem: %#', async (text, message) => {
    await writeFile(join(work, 'uv.lock'), text);
    const r = await cli(['resolve', '-r', 'uv.lock', ...LINUX]);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(2);
  });

  it('a lock must be the only input', async () => {
    await writeFile(join(work, 'uv.lock'), uvLock());
    await writeRequirements(work, ['app']);
    const r = await cli(['resolve', '-r', 'uv.lock', '-r', 'requirements.txt', ...LINUX]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'uv.lock: a lock file is the whole resolution, so it must be the only requirement input',
    );
  });
});

describe('-r pylock.toml', () => {
  it('reads back the pylock.toml wheelhouse wrote: same files, same cache key, no requests but downloads', async () => {
    await writeRequirements(work, ['app']);
    const first = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      ...LINUX,
      '--dest',
      'wh',
      '--cache-dir',
      join(work, 'c1'),
      '-v',
    ]);
    expect(first.code).toBe(0);
    await writeFile(join(work, 'pylock.toml'), await readFile(join(work, 'wh', 'pylock.toml')));
    server.reset();
    const again = await cli([
      'fetch',
      '-r',
      'pylock.toml',
      ...LINUX,
      '--dest',
      'wh2',
      '--cache-dir',
      join(work, 'c2'),
      '-v',
    ]);
    expect(again.stderr).not.toContain('error');
    expect(again.code).toBe(0);
    expect(cacheKeyOf(again.stderr)).toBe(cacheKeyOf(first.stderr));
    expect(server.counters.byKind.page.requests + server.counters.byKind.metadata.requests).toBe(0);
    // Its `environments` marker is the target's: another target is refused.
    const other = await cli([
      'resolve',
      '-r',
      'pylock.toml',
      '--python-version',
      '3.12',
      '--platform',
      'win_amd64',
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('pylock.toml: none of its environments');
  });

  it('selects by markers over the extras and dependency_groups sets (PEP 751)', async () => {
    const file = (p: string, v: string) => {
      const w = wheelOf(p, v);
      return `[[packages.wheels]]\nurl = "${server.fileUrl(w.filename)}"\nsize = ${w.bytes.length}\nhashes = { sha256 = "${server.sha256(w.filename)}" }\n`;
    };
    const text = [
      'lock-version = "1.0"\ncreated-by = "test"\nextras = ["bulk"]\ndependency-groups = ["dev"]\ndefault-groups = ["dev"]\n',
      `[[packages]]\nname = "util"\nversion = "2.0"\nmarker = "'dev' in dependency_groups"\n${file('util', '2.0')}`,
      `[[packages]]\nname = "big"\nversion = "1.0"\nmarker = "'bulk' in extras"\n${file('big', '1.0')}`,
      `[[packages]]\nname = "lib"\nversion = "1.0"\nmarker = "python_version < '3.12'"\n${file('lib', '1.0')}`,
    ].join('\n');
    await writeFile(join(work, 'pylock.toml'), text);
    const run = async (...extra: string[]) => {
      const r = await cli(['resolve', '-r', 'pylock.toml', ...extra]);
      expect(r.stderr).not.toContain('error');
      return pins(r.stdout);
    };
    expect(await run(...LINUX)).toEqual(['util==2.0 \\']);
    expect(await run(...LINUX, '--extra', 'bulk')).toEqual(['big==1.0 \\', 'util==2.0 \\']);
    expect(await run('--python-version', '3.11', '--platform', 'manylinux_2_17_x86_64')).toEqual([
      'lib==1.0 \\',
      'util==2.0 \\',
    ]);
    const bad = await cli(['resolve', '-r', 'pylock.toml', ...LINUX, '--group', 'docs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("pylock.toml: --group docs: not in the lock's dependency-groups (dev)");
    await writeFile(join(work, 'pylock.toml'), 'lock-version = "2.0"\ncreated-by = "x"\n');
    const v2 = await cli(['resolve', '-r', 'pylock.toml', ...LINUX]);
    expect(v2.stderr).toContain('pylock.toml: unsupported lock-version "2.0"');
  });
});

describe('file names a lock file gives (review 1 of session 13: they became paths unchecked)', () => {
  const outsideName = (tag: string) => `escaped-${tag}-${process.pid}-${Date.now()}-1.0.tar.gz`;

  it('a pylock.toml sdist named "../../x.tar.gz" is refused before anything is downloaded or written', async () => {
    const base = outsideName('pylock');
    const w = wheels[0]!.wheel;
    const text = [
      'lock-version = "1.0"\ncreated-by = "hostile"\n',
      '[[packages]]\nname = "escaped"\nversion = "1.0"\n',
      `[packages.sdist]\nname = "../../${base}"\nurl = "${server.fileUrl(w.filename)}"\nhashes = { sha256 = "${server.sha256(w.filename)}" }\n`,
    ].join('\n');
    await writeFile(join(work, 'pylock.toml'), text);
    const r = await cli(['fetch', '-r', 'pylock.toml', ...LINUX, '-d', 'wh', '--no-cache']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`pylock.toml: package escaped 1.0: the file name "../../${base}"`);
    expect(r.stderr).toContain('it contains a path separator');
    expect(r.stderr).not.toContain('internal error');
    expect(server.counters.requests).toBe(0);
    expect(existsSync(join(tmpdir(), base))).toBe(false);
    expect(existsSync(join(work, base))).toBe(false);
  });

  it('a uv.lock sdist URL whose last segment decodes to "../../x" is refused', async () => {
    const w = wheelOf('util', '2.1');
    const plain = server.fileUrl(w.filename);
    const hostile = `${plain.slice(0, plain.lastIndexOf('/') + 1)}..%2F..%2F${w.filename}`;
    // As a wheel the name does not parse (the file is skipped: "no file for the target"); as the
    // sdist, whose name used to be taken as it was, it reached the download.
    const wheelsOfUtil = `wheels = [\n    ${uvWheel('util', '2.1')},\n]\n`;
    expect(uvLock()).toContain(wheelsOfUtil);
    const sdist = `sdist = { url = "${hostile}", hash = "sha256:${server.sha256(w.filename)}", size = ${w.bytes.length} }\n`;
    await writeFile(join(work, 'uv.lock'), uvLock().replace(wheelsOfUtil, sdist));
    const r = await cli(['fetch', '-r', 'uv.lock', ...LINUX, '-d', 'wh', '--no-cache']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`package util 2.1: the file name "../../${w.filename}"`);
    expect(r.stderr).not.toContain('internal error');
    expect(server.counters.requests).toBe(0);
  });
});
