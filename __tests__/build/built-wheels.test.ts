/**
 * The pieces around a built wheel: the directory store (keyed by sdist sha256, interpreter tag and
 * platform; untrusted content answered only as a validated wheel with its computed sha256), the
 * interpreter/target checks, and how a resolution with a built wheel is written (lock pins the
 * wheel; report.json and pylock.toml name the sdist).
 */
import { describe, expect, it } from '@jest/globals';
import { appendFile, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { SdistBuildError } from '../../src/build/build-error.js';
import {
  checkBuildInterpreter,
  checkBuiltWheelTags,
  probeInterpreter,
  type BuildTargetView,
} from '../../src/build/build-target.js';
import { buildKeyDigest, DirBuiltWheelStore, type BuildKey } from '../../src/build/built-wheel-store.js';
import { buildEnvironmentKey } from '../../src/build/frontend-env.js';
import { writeLock } from '../../src/provider/lock-writer.js';
import { writePylock } from '../../src/provider/pylock-writer.js';
import { writeReport } from '../../src/provider/report-writer.js';
import { withBuiltWheels } from '../../src/provider/resolution.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import { buildTargetView } from '../../src/flow/build-context.js';
import { buildKeyOf, buildSdists } from '../../src/build/build-sdists.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { buildWheel as buildDistWheel } from '../helpers/dists.js';
import { recorder } from '../helpers/line-recorder.js';
import { sha256Hex } from '../helpers/dists.js';
import { pkg } from '../provider/resolution-fixture.js';

const SDIST_SHA = 'ab'.repeat(32);
const key: BuildKey = { sdistSha256: SDIST_SHA, interpreterTag: 'cp311', platform: 'manylinux_2_35_x86_64' };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'wh-built-'));
}

describe('DirBuiltWheelStore', () => {
  it("a requirement's build options are part of the key; none keeps the key it always had", () => {
    const plain = buildKeyDigest(key);
    expect(buildKeyDigest({ ...key, options: [] })).toBe(plain);
    const blas = buildKeyDigest({ ...key, options: ['--config-settings=setup-args=-Dblas=openblas'] });
    expect(blas).not.toBe(plain);
    expect(buildKeyDigest({ ...key, options: ['--config-settings=setup-args=-Dblas=blis'] })).not.toBe(blas);
    expect(buildKeyDigest({ ...key, options: ['--config-settings=setup-args=-Dblas=openblas'] })).toBe(blas);
  });

  it('stores and finds a wheel by sdist sha256, interpreter and platform; another key misses', async () => {
    const dir = await tempDir();
    try {
      const src = join(dir, 'src.whl');
      await writeFile(src, 'wheel bytes');
      const store = new DirBuiltWheelStore(join(dir, 'builds'));
      const put = await store.put(key, src, 'pkg-1.0-py3-none-any.whl');
      expect(put).toMatchObject({
        filename: 'pkg-1.0-py3-none-any.whl',
        sha256: sha256Hex(new TextEncoder().encode('wheel bytes')),
        size: 11,
      });
      const again = new DirBuiltWheelStore(join(dir, 'builds'));
      expect(await again.get(key)).toEqual(put);
      expect(await again.get({ ...key, interpreterTag: 'cp312' })).toBeUndefined();
      expect(await again.get({ ...key, platform: 'manylinux_2_17_x86_64' })).toBeUndefined();
      expect(await again.get({ ...key, sdistSha256: 'cd'.repeat(32) })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the build environment is part of the key (review 18a F4): other indexes, another build', () => {
    const a = buildEnvironmentKey({ indexUrls: ['https://pypi.org/simple/'], findLinks: [] });
    const withCreds = buildEnvironmentKey({ indexUrls: ['https://u:pw@pypi.org/simple/'], findLinks: [] });
    expect(withCreds).toBe(a);
    const extra = buildEnvironmentKey({
      indexUrls: ['https://pypi.org/simple/', 'https://evil.example/simple/'],
      findLinks: [],
    });
    const noBinary = buildEnvironmentKey({
      indexUrls: ['https://pypi.org/simple/'],
      findLinks: [],
      noBinary: { all: true, names: [] },
    });
    const digests = new Set(
      [a, extra, noBinary].map((environment) => buildKeyDigest({ ...key, environment })),
    );
    expect(digests.size).toBe(3);
    expect(digests.has(buildKeyDigest(key))).toBe(false);
  });

  it('a stored wheel replaced or written in place since it was built is a miss with a warning (review 18a F4)', async () => {
    const dir = await tempDir();
    try {
      const src = join(dir, 'src.whl');
      await writeFile(src, 'wheel bytes');
      const root = join(dir, 'builds');
      const put = await new DirBuiltWheelStore(root).put(key, src, 'pkg-1.0-py3-none-any.whl');
      const warnings: string[] = [];
      const store = (): DirBuiltWheelStore => new DirBuiltWheelStore(root, (m) => warnings.push(m));
      expect(await store().get(key)).toEqual(put);
      expect(warnings).toEqual([]);
      // Replaced by another file of the same name.
      await rm(put.path);
      await writeFile(put.path, 'other wheel bytes');
      expect(await store().get(key)).toBeUndefined();
      expect(warnings.join('\n')).toMatch(
        /built wheel pkg-1\.0-py3-none-any\.whl in the cache is not the file built \(sha256 [0-9a-f]{64}, recorded [0-9a-f]{64}\): not used, built again/,
      );
      // Written in place (one inode with a wheelhouse copy).
      await new DirBuiltWheelStore(root).put(key, src, 'pkg-1.0-py3-none-any.whl');
      await appendFile(put.path, 'x');
      expect(await store().get(key)).toBeUndefined();
      // No record (an entry saved before the record existed, or one removed): built again.
      await new DirBuiltWheelStore(root).put(key, src, 'pkg-1.0-py3-none-any.whl');
      await rm(join(root, buildKeyDigest(key), 'sha256'));
      warnings.length = 0;
      expect(await store().get(key)).toBeUndefined();
      expect(warnings.join('\n')).toContain('has no sha256 recorded when it was built');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a stored wheel whose METADATA disagrees with the resolution is not used: built again (review 18a F4)', async () => {
    const dir = await tempDir();
    try {
      const target = buildTargetView(
        targetEnvironment({ pythonVersion: '3.11', implementation: 'cp', os: 'linux', arch: 'x86_64' }),
      );
      const poisoned = buildDistWheel({ name: 'ddd', version: '1.0', requiresDist: ['evil-dep'] });
      const src = join(dir, poisoned.filename);
      await writeFile(src, poisoned.bytes);
      const store = new DirBuiltWheelStore(join(dir, 'builds'));
      const sdist = {
        project: 'ddd' as NormalizedName,
        version: '1.0',
        filename: 'ddd-1.0.tar.gz',
        sha256: SDIST_SHA,
        resolved: { requiresDist: [] },
      };
      await store.put(buildKeyOf(SDIST_SHA, target), src, poisoned.filename);
      const log = recorder();
      const options = {
        target,
        store,
        // No interpreter: a build that is attempted fails with the "no python3" error.
        interpreter: async () => undefined,
        frontend: () => {
          throw new Error('not reached');
        },
        sdistPath: async () => join(dir, 'missing.tar.gz'),
        workDir: dir,
        logger: log,
      };
      await expect(buildSdists([sdist], options)).rejects.toThrow(/ddd-1\.0\.tar\.gz: has to be built for/);
      expect(log.lines.join('\n')).toMatch(
        /ddd-1\.0\.tar\.gz: not using the cached build \(its METADATA does not agree with the resolution: .*evil-dep/,
      );
      // The same wheel agreeing with the resolution is used as is.
      const agreed = await buildSdists([{ ...sdist, resolved: { requiresDist: ['evil-dep'] } }], options);
      expect(agreed.stored).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('untrusted entries: no wheel, two wheels, a bad name or a symlink answer nothing', async () => {
    const dir = await tempDir();
    try {
      const root = join(dir, 'builds');
      const sub = join(root, buildKeyDigest(key));
      const store = new DirBuiltWheelStore(root);
      await mkdir(sub, { recursive: true });
      await writeFile(join(sub, 'notes.txt'), 'x');
      expect(await store.get(key)).toBeUndefined();
      await writeFile(join(sub, 'a-1.0-py3-none-any.whl'), 'a');
      await writeFile(join(sub, 'b-1.0-py3-none-any.whl'), 'b');
      expect(await store.get(key)).toBeUndefined();
      await rm(sub, { recursive: true });
      await mkdir(sub);
      await writeFile(join(sub, 'not a wheel.whl'), 'x');
      expect(await store.get(key)).toBeUndefined();
      await rm(sub, { recursive: true });
      await mkdir(sub);
      await writeFile(join(dir, 'outside'), 'secret');
      await symlink(join(dir, 'outside'), join(sub, 'a-1.0-py3-none-any.whl'));
      expect(await store.get(key)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('put refuses a name that is not a wheel file name; pruneUnused keeps only what this run used', async () => {
    const dir = await tempDir();
    try {
      const src = join(dir, 'src.whl');
      await writeFile(src, 'w');
      const root = join(dir, 'builds');
      const first = new DirBuiltWheelStore(root);
      await expect(first.put(key, src, '../evil.whl')).rejects.toThrow(/not a wheel file name/);
      await first.put(key, src, 'pkg-1.0-py3-none-any.whl');
      const other = { ...key, sdistSha256: 'cd'.repeat(32) };
      await first.put(other, src, 'pkg-2.0-py3-none-any.whl');
      const second = new DirBuiltWheelStore(root);
      expect(await second.get(key)).toBeDefined();
      expect(await second.pruneUnused()).toBe(1);
      expect(await readdir(root)).toEqual([buildKeyDigest(key)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Review 1 (s11) #4: `builds/` or an entry in it linked elsewhere (restored as saved by the
  // Actions cache) must not have the link's target emptied.
  it('pruneUnused never acts through a link: a linked builds/ is reported, a linked entry unlinked', async () => {
    const root = await tempDir();
    try {
      const victim = join(root, 'elsewhere');
      await mkdir(victim);
      await writeFile(join(victim, 'notes.txt'), 'precious');
      await writeFile(join(victim, 'demo-1.0-py3-none-any.whl'), 'not built here');
      await symlink(victim, join(root, 'builds'));
      const warnings: string[] = [];
      const linked = new DirBuiltWheelStore(join(root, 'builds'), (m) => warnings.push(m));
      expect(await linked.pruneUnused()).toBe(0);
      expect((await readdir(victim)).sort()).toEqual(['demo-1.0-py3-none-any.whl', 'notes.txt']);
      expect(warnings.join('\n')).toContain('not a plain directory');
      expect(await linked.get(key)).toBeUndefined();

      const real = join(root, 'real');
      await mkdir(real);
      await symlink(victim, join(real, buildKeyDigest(key)));
      await symlink(victim, join(real, 'other'));
      const store = new DirBuiltWheelStore(real);
      expect(await store.get(key)).toBeUndefined(); // a linked entry is not read through
      expect(await store.pruneUnused()).toBe(2);
      expect(await readdir(real)).toEqual([]);
      expect((await readdir(victim)).sort()).toEqual(['demo-1.0-py3-none-any.whl', 'notes.txt']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('put never writes through a linked entry: the link is replaced by a real directory, its target kept', async () => {
    const root = await tempDir();
    try {
      const victim = join(root, 'elsewhere');
      await mkdir(victim);
      await writeFile(join(victim, 'notes.txt'), 'precious');
      const builds = join(root, 'builds');
      await mkdir(builds);
      await symlink(victim, join(builds, buildKeyDigest(key)));
      const wheel = join(root, 'demo-1.0-py3-none-any.whl');
      await writeFile(wheel, 'wheel bytes');
      const store = new DirBuiltWheelStore(builds);
      const stored = await store.put(key, wheel, 'demo-1.0-py3-none-any.whl');
      expect(stored.path).toBe(join(builds, buildKeyDigest(key), 'demo-1.0-py3-none-any.whl'));
      expect((await lstat(join(builds, buildKeyDigest(key)))).isDirectory()).toBe(true);
      expect(await readdir(victim)).toEqual(['notes.txt']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('the key digest needs a sha256', () => {
    expect(() => buildKeyDigest({ ...key, sdistSha256: 'nope' })).toThrow(/sha256/);
    expect(buildKeyDigest(key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('build target checks', () => {
  const target: BuildTargetView = buildTargetView(
    targetEnvironment({
      pythonVersion: '3.11',
      implementation: 'cp',
      os: 'linux',
      arch: 'x86_64',
      glibc: [2, 35],
    }),
  );
  const interp = {
    command: 'python3',
    version: '3.11.7',
    implementation: 'cp',
    interpreterTag: 'cp311',
    platform: 'linux-x86_64',
    markers: { sys_platform: 'linux', os_name: 'posix', platform_machine: 'x86_64' },
  };

  it('the target interpreter may build; another version, implementation or none is an error naming the sdist', () => {
    expect(checkBuildInterpreter('x-1.0.tar.gz', interp, target)).toBe(interp);
    for (const other of [
      { ...interp, version: '3.12.1' },
      { ...interp, implementation: 'pp' },
      { ...interp, markers: { ...interp.markers, platform_machine: 'aarch64' } },
      { ...interp, markers: { sys_platform: 'win32', os_name: 'nt', platform_machine: 'AMD64' } },
      undefined,
    ]) {
      const e = (() => {
        try {
          checkBuildInterpreter('x-1.0.tar.gz', other, target);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(SdistBuildError);
      expect((e as Error).message).toMatch(
        /^x-1\.0\.tar\.gz: has to be built for cp311-manylinux_2_35_x86_64/,
      );
      expect((e as Error).message).toContain('--only-binary :all:');
    }
  });

  it('a built wheel must carry a tag the target supports', () => {
    const ok = [
      'x-1.0-py3-none-any.whl',
      'x-1.0-cp311-cp311-linux_x86_64.whl',
      'x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl',
    ];
    for (const name of ok)
      expect(() => checkBuiltWheelTags('x-1.0.tar.gz', parseWheelFilename(name), name, target)).not.toThrow();
    const bad = 'x-1.0-cp311-cp311-macosx_14_0_arm64.whl';
    expect(() => checkBuiltWheelTags('x-1.0.tar.gz', parseWheelFilename(bad), bad, target)).toThrow(
      /x-1\.0\.tar\.gz: the build made x-1\.0-cp311-cp311-macosx_14_0_arm64\.whl, which the target cp311-manylinux_2_35_x86_64 cannot install/,
    );
  });

  it('probeInterpreter asks the machine python3 (or answers undefined for a missing one)', async () => {
    const found = await probeInterpreter('python3');
    expect(found?.interpreterTag).toMatch(/^(cp|pp)3\d+$/);
    expect(await probeInterpreter('/nonexistent/python')).toBeUndefined();
  });
});

describe('a resolution with a built wheel, written', () => {
  const sdist = pkg('pysocks', '1.7.1', {
    filename: 'PySocks-1.7.1.tar.gz',
    metadataPath: 'sdist',
    size: 100,
  });
  const wheelSha = 'ef'.repeat(32);
  const housed = withBuiltWheels(
    { packages: [sdist, pkg('idna', '3.10')] },
    new Map([
      ['PySocks-1.7.1.tar.gz', { filename: 'pysocks-1.7.1-py3-none-any.whl', sha256: wheelSha, size: 42 }],
    ]),
  );

  it('the wheelhouse view holds the wheel, keeps the sdist as its source, leaves wheels alone', () => {
    const p = housed.packages[0]!;
    expect(p.file).toMatchObject({
      filename: 'pysocks-1.7.1-py3-none-any.whl',
      sha256: wheelSha,
      size: 42,
      kind: 'wheel',
    });
    expect(p.builtFrom?.filename).toBe('PySocks-1.7.1.tar.gz');
    expect(housed.packages[1]!.builtFrom).toBeUndefined();
  });

  it('the lock pins the built wheel; report.json and pylock.toml name the sdist', () => {
    expect(writeLock(housed)).toContain(`pysocks==1.7.1 \\\n    --hash=sha256:${wheelSha}`);
    const report = JSON.parse(writeReport(housed, { environment: {} })) as {
      install: {
        download_info: { url: string; archive_info: { hashes: { sha256: string } } };
        wheelhouse: Record<string, unknown>;
      }[];
    };
    const entry = report.install.find((i) => i.wheelhouse['built_from'] !== undefined)!;
    // The report carries the public URL: no userinfo, not even redacted (issue 10 §3).
    expect(entry.download_info.url).toBe('https://index.example/files/PySocks-1.7.1.tar.gz');
    expect(entry.download_info.archive_info.hashes.sha256).toBe(sdist.file.sha256);
    expect(entry.wheelhouse).toMatchObject({
      filename: 'pysocks-1.7.1-py3-none-any.whl',
      sha256: wheelSha,
      built_from: 'PySocks-1.7.1.tar.gz',
    });
    const pylock = parseToml(writePylock(housed)) as {
      packages: { name: string; sdist?: { name: string; hashes: { sha256: string } }; wheels?: unknown[] }[];
    };
    const socks = pylock.packages.find((p) => p.name === 'pysocks')!;
    expect(socks.sdist).toMatchObject({
      name: 'PySocks-1.7.1.tar.gz',
      hashes: { sha256: sdist.file.sha256 },
    });
    expect(socks.wheels).toBeUndefined();
  });
});
