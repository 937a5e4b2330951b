/**
 * Issue 11 §1 end to end through the CLI: real setuptools sdists served by the test index (static
 * PKG-INFO; dynamic metadata computed by setup.py from a build dependency on the index; one with a
 * wheel too), built by the machine's python3 pip with build isolation against the test index only,
 * installed by pip with `--require-hashes` from the wheelhouse; a warm run builds nothing and
 * downloads no sdist; a failing build and a foreign target are errors naming the sdist;
 * `--only-binary :all:` forbids builds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSha256 } from '../../src/util/file-sha256.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { makeVenv, pipInstallLocked, venvRun } from '../helpers/python-venv.js';
import {
  buildSetuptoolsSdist,
  findBackendWheels,
  sdistFixture,
  isolatedPipEnv,
} from '../helpers/setuptools-sdists.js';

const backends = findBackendWheels();
const maybe = backends === undefined ? describe.skip : describe;
if (backends === undefined) {
  console.warn('sdist-fetch: skipped — no python3, or no setuptools/wheel wheels on this machine');
}

const { staticSdist, dynSdist, projects: sdistProjects } = sdistFixture();
const mixedWheel = buildWheel({ name: 'mixed', version: '1.0' });
const mixedSdist = buildSetuptoolsSdist({
  name: 'mixed',
  version: '1.0',
  metadata: 'dynamic',
  failWith: 'never built',
});
const brokenSdist = buildSetuptoolsSdist({
  name: 'broken',
  version: '1.0',
  metadata: 'static',
  failWith: 'deliberate failure 4242',
});

maybe('sdists built into the wheelhouse (CLI fetch)', () => {
  let server: IndexServer;
  let work: string;

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [
        ...(backends ?? []),
        ...sdistProjects,
        { name: 'mixed', files: [mixedWheel, mixedSdist] },
        { name: 'broken', files: [brokenSdist] },
      ],
    });
    work = await mkdtemp(join(tmpdir(), 'wh-sdist-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  const cli = (argv: string[]) =>
    runCliCaptured(argv, {
      env: { HOME: work, PATH: process.env['PATH'], PIP_CONFIG_FILE: '/dev/null' },
      cwd: work,
    });
  const fetch = async (requirements: string[], dest: string, ...rest: string[]) => {
    await writeFile(join(work, 'requirements.txt'), `${requirements.join('\n')}\n`);
    return cli(['fetch', '-r', 'requirements.txt', '-i', server.indexUrl, '--dest', dest, ...rest]);
  };
  const sdistDownloads = () =>
    server.counters.log.filter((e) => /^\/files\/[^/]+\.tar\.gz$/.test(e.path) && e.status === 200).length;
  const backendDownloads = () =>
    server.counters.log.filter((e) => /^\/files\/(setuptools|wheel|buildhelper)-/.test(e.path)).length;

  it('builds sdist-only versions for the target, pins the built wheels, names the sdists as sources; pip installs with --require-hashes', async () => {
    const r = await fetch(['static-pkg', 'dyn-pkg', 'mixed'], 'wh1', '--cache-dir', join(work, 'cache'));
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const wh = join(work, 'wh1');
    const files = (await readdir(wh)).sort();
    expect(files).toEqual(
      [
        'dep_wheel-1.0-py3-none-any.whl',
        'dyn_pkg-2.0-py3-none-any.whl',
        'mixed-1.0-py3-none-any.whl',
        'static_pkg-1.0-py3-none-any.whl',
        'pylock.toml',
        'report.json',
        'requirements.lock',
        'wheelhouse-manifest.json',
      ].sort(),
    );
    // The wheel of `mixed` came from the index: never built (its setup.py would fail).
    expect(r.stderr).not.toContain('never built');
    // Build isolation installed the backend and the helper from the test index.
    expect(backendDownloads()).toBeGreaterThan(0);
    // Each sdist was downloaded once.
    expect(sdistDownloads()).toBe(2);

    const lock = await readFile(join(wh, 'requirements.lock'), 'utf8');
    for (const [pin, file] of [
      ['static-pkg==1.0', 'static_pkg-1.0-py3-none-any.whl'],
      ['dyn-pkg==2.0', 'dyn_pkg-2.0-py3-none-any.whl'],
    ] as const) {
      const { sha256 } = await fileSha256(join(wh, file));
      expect(lock).toContain(`${pin} \\\n    --hash=sha256:${sha256}`);
    }
    const report = JSON.parse(await readFile(join(wh, 'report.json'), 'utf8')) as {
      install: {
        metadata: { name: string; requires_dist?: string[] };
        download_info: { url: string; archive_info: { hashes: { sha256: string } } };
        wheelhouse: { built_from?: string; metadata_path: string };
      }[];
    };
    const entry = (name: string) => report.install.find((i) => i.metadata.name === name)!;
    expect(entry('static-pkg').download_info.url).toBe(server.fileUrl(staticSdist.filename));
    expect(entry('static-pkg').download_info.archive_info.hashes.sha256).toBe(staticSdist.sha256);
    expect(entry('static-pkg').wheelhouse.built_from).toBe(staticSdist.filename);
    // Static PKG-INFO (served as its PEP 658 file): read, not prepared.
    expect(entry('static-pkg').wheelhouse.metadata_path).toBe('pep658');
    expect(entry('dyn-pkg').wheelhouse.metadata_path).toBe('prepared');
    expect(entry('dyn-pkg').metadata.requires_dist).toEqual(['dep-wheel (>=1)']);
    expect(entry('mixed').wheelhouse.built_from).toBeUndefined();
    const pylock = await readFile(join(wh, 'pylock.toml'), 'utf8');
    expect(pylock).toContain(
      `[packages.sdist]\nname = "${dynSdist.filename}"\nurl = "${server.fileUrl(dynSdist.filename)}"`,
    );

    const venv = makeVenv(join(work, 'venv'));
    expect(venv).toBeDefined();
    pipInstallLocked(venv as string, wh, join(wh, 'requirements.lock'));
    expect(
      venvRun(venv as string, 'import static_pkg, dyn_pkg; print(static_pkg.NAME, dyn_pkg.NAME)').trim(),
    ).toBe('static-pkg dyn-pkg');
  }, 300_000);

  it("pip's own resolution of the same requirements (pip 23.2.1, same index) has the same pins", async () => {
    // The lock of the cold run above.
    const ours = (await readFile(join(work, 'wh1', 'requirements.lock'), 'utf8'))
      .split('\n')
      .filter((l) => /^[a-z0-9-]+==/.test(l))
      .map((l) => l.replace(/ \\$/, ''))
      .sort();
    const args = ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--quiet', '--report', '-'];
    args.push('-i', server.indexUrl, 'static-pkg', 'dyn-pkg', 'mixed');
    const stdout = await new Promise<string>((resolve, reject) => {
      // Asynchronously: the index server answers from this process.
      execFile('python3', args, { env: isolatedPipEnv(), timeout: 240_000, maxBuffer: 1 << 24 }, (e, out) =>
        e ? reject(e) : resolve(out),
      );
    });
    const pip = (JSON.parse(stdout) as { install: { metadata: { name: string; version: string } }[] }).install
      .map((i) => `${i.metadata.name}==${i.metadata.version}`)
      .sort();
    expect(ours).toEqual(pip);
  }, 300_000);

  // Runs after the cold run above, with its cache directory.
  it('a warm run builds nothing and downloads no sdist', async () => {
    const r = await fetch(
      ['static-pkg', 'dyn-pkg', 'mixed'],
      'wh2',
      '--cache-dir',
      join(work, 'cache'),
      '--verbose',
    );
    expect(r.code).toBe(0);
    expect(sdistDownloads()).toBe(0);
    expect(backendDownloads()).toBe(0);
    expect(r.stderr).not.toMatch(/building \d+ wheel/);
    expect(r.stderr).not.toContain('asking');
    const first = await readFile(join(work, 'wh1', 'requirements.lock'), 'utf8');
    expect(await readFile(join(work, 'wh2', 'requirements.lock'), 'utf8')).toBe(first);
  }, 300_000);

  it('a failing build: exit 2 naming the sdist with the end of its log, no lock written', async () => {
    const r = await fetch(['broken'], 'wh3', '--no-cache');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken-1.0.tar.gz');
    expect(r.stderr).toContain('deliberate failure 4242');
    expect(r.stderr).not.toContain('internal error');
    const left = await readdir(join(work, 'wh3')).catch(() => []);
    expect(left).not.toContain('requirements.lock');
  }, 300_000);

  it('another target Python: exit 2 naming the sdist, nothing built', async () => {
    const r = await fetch(['static-pkg'], 'wh4', '--no-cache', '--python-version', '3.9');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('static_pkg-1.0.tar.gz');
    expect(r.stderr).toMatch(/Python 3\.9/);
    expect(backendDownloads()).toBe(0);
  }, 120_000);

  it('--no-binary forces a build even when a wheel exists', async () => {
    // mixed's setup.py fails on purpose: its message proves pip ran the sdist (for its metadata).
    const r = await fetch(['mixed'], 'wh6', '--no-cache', '--no-binary', 'mixed');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mixed-1.0.tar.gz');
    expect(r.stderr).toContain('never built');
  }, 300_000);

  it('--only-binary :all: forbids builds: no wheel for the sdist-only project (exit 1)', async () => {
    const r = await fetch(['static-pkg'], 'wh5', '--no-cache', '--only-binary', ':all:');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('static-pkg');
    expect(sdistDownloads()).toBe(0);
  }, 120_000);
});
