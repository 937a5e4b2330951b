/**
 * `runResolve` (the whole of `wheelhouse resolve`) against a served index: extras and markers,
 * constraints, the three output files (deterministic, credential-free), the request counts with a
 * metadata cache, each METADATA parsed once, and a real `pip install --require-hashes` of the lock.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { runResolve, type RunResolveOptions } from '../../src/flow/resolve.js';
import { findPython, type RunnerPlatform } from '../../src/flow/target-detect.js';
import { DiskMetadataCache } from '../../src/index/metadata-cache.js';
import type { MetadataParser } from '../../src/index/metadata-fetch.js';
import { parseMetadata } from '../../src/standards/metadata.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { isolatedPipProcessEnv } from '../helpers/python-venv.js';
import { projectsOf, startHarness, type DistSpec, type Harness } from '../provider/resolve-harness.js';

const specs: DistSpec[] = [
  {
    name: 'app-core',
    version: '1.0',
    requires: ['helper>=1', 'extra-dep ; extra == "fast"'],
    providesExtra: ['fast'],
  },
  {
    name: 'app-core',
    version: '1.1',
    requires: ['helper>=2', 'extra-dep ; extra == "fast"'],
    providesExtra: ['fast'],
  },
  { name: 'helper', version: '1.5' },
  { name: 'helper', version: '2.0', requires: ['tiny ; python_version < "3"'] },
  { name: 'extra-dep', version: '0.3', sdist: true },
  { name: 'tiny', version: '1.0' },
];
/** CPython 3.11 on glibc 2.17 x86_64, given in full so no interpreter or runner is asked. */
const linux: RunnerPlatform = { os: 'linux', arch: 'x86_64', glibc: [2, 17] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(specs);
});
afterAll(async () => {
  await h.close();
});

/** `detect`: leave the target to the interpreter on PATH and this runner instead of `linux` 3.11. */
async function run(text: string, extra: Partial<RunResolveOptions> = {}, detect = false) {
  const logger = new RecordingLogger();
  const file = h.file(`req-${Math.random().toString(36).slice(2)}.txt`, text);
  const fixed: Pick<RunResolveOptions, 'target' | 'runner' | 'findPython'> = {
    target: { pythonVersion: '3.11', implementation: 'cp' },
    runner: () => linux,
    findPython: () => Promise.reject(new Error('the target is explicit: no interpreter is asked')),
  };
  const result = await runResolve({
    requirementFiles: [file],
    finder: { indexUrl: h.server.indexUrl.replace('http://', 'http://user:hunter2secret@') },
    ...(detect ? { target: {} } : fixed),
    env: {},
    cwd: h.dir,
    logger,
    http: h.http,
    ...extra,
  });
  return { ...result, logger };
}

const pinsOf = (r: { resolution: { packages: { name: string; version: string }[] } }) =>
  r.resolution.packages.map((p) => `${p.name}==${p.version}`);

describe('runResolve', () => {
  it('resolves extras and markers, and writes lock, report and pylock deterministically', async () => {
    const out = (n: string) => join(h.dir, n);
    const first = await run('app-core[fast]\n', {
      lock: out('a/lock.txt'),
      report: out('a/report.json'),
      pylock: out('a/pylock.toml'),
    });
    expect(first.prepared.describe).toBe('cp311-manylinux_2_17_x86_64 (Python 3.11)');
    const lock = readFileSync(out('a/lock.txt'), 'utf8');
    const pins = lock.split('\n').filter((l) => /^[a-z]/.test(l));
    expect(pins).toEqual(['app-core==1.1 \\', 'extra-dep==0.3 \\', 'helper==2.0 \\']);
    const report = JSON.parse(readFileSync(out('a/report.json'), 'utf8'));
    expect(report.install.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'app-core',
      'extra-dep',
      'helper',
    ]);
    expect(report.install[0].requested_extras).toEqual(['fast']);
    expect(report.environment.python_full_version).toBe('3.11.0');
    const pylock = parseToml(readFileSync(out('a/pylock.toml'), 'utf8')) as { packages: { name: string }[] };
    expect(pylock.packages.map((p) => p.name)).toEqual(['app-core', 'extra-dep', 'helper']);
    for (const f of ['a/lock.txt', 'a/report.json', 'a/pylock.toml']) {
      expect(readFileSync(out(f), 'utf8')).not.toContain('hunter2secret');
    }
    expect(first.logger.text()).toMatch(/resolved 3 packages \(.*\d+ decisions, \d+ conflicts\)/);
    expect(first.logger.text()).not.toContain('hunter2secret');
    await run('app-core[fast]\n', {
      lock: out('b/lock.txt'),
      report: out('b/report.json'),
      pylock: out('b/pylock.toml'),
    });
    for (const f of ['lock.txt', 'report.json', 'pylock.toml']) {
      expect(readFileSync(out(`b/${f}`), 'utf8')).toBe(readFileSync(out(`a/${f}`), 'utf8'));
    }
  });

  it('applies constraints without adding requirements', async () => {
    const c = h.file('constraints.txt', 'helper<2\ntiny==1.0\n');
    const r = await run('app-core\n', { constraintFiles: [c] });
    expect(pinsOf(r)).toEqual(['app-core==1.0', 'helper==1.5']);
  });

  it('fetches each page and each chosen METADATA once, and no METADATA on a warm metadata cache', async () => {
    const cacheDir = join(h.dir, 'metadata-cache');
    h.server.reset();
    await run('app-core[fast]\n', { metadataCache: new DiskMetadataCache(cacheDir) });
    const kinds = h.server.counters.byKind;
    // app-core, helper, extra-dep: one page each, one .metadata each (no backtracking, no waste).
    expect([kinds.page.requests, kinds.metadata.requests, kinds['file-full'].requests]).toEqual([3, 3, 0]);
    h.server.reset();
    const warm = await run('app-core[fast]\n', { metadataCache: new DiskMetadataCache(cacheDir) });
    expect(h.server.counters.byKind.metadata.requests).toBe(0);
    expect(warm.resolution.packages.map((p) => p.metadataPath)).toEqual(['cache', 'cache', 'cache']);
  });

  it('parses each METADATA once (in the fetcher), cold and from the metadata cache', async () => {
    const cacheDir = join(h.dir, 'metadata-cache-parses');
    for (const path of ['pep658', 'cache']) {
      const parses = new Map<string, number>();
      const parser: MetadataParser = (bytes) => {
        const { metadata } = parseMetadata(bytes);
        const key = `${metadata.normalizedName}==${metadata.version}`;
        parses.set(key, (parses.get(key) ?? 0) + 1);
        // Seen only through this parser: tiny is resolved only when the walk and the provider use
        // the fetcher's parse instead of parsing the file again themselves.
        if (metadata.normalizedName === 'helper') metadata.requiresDist = [...metadata.requiresDist, 'tiny'];
        return metadata;
      };
      const r = await run('app-core[fast]\n', {
        metadataCache: new DiskMetadataCache(cacheDir),
        metadataParser: parser,
      });
      expect(pinsOf(r)).toEqual(['app-core==1.1', 'extra-dep==0.3', 'helper==2.0', 'tiny==1.0']);
      expect(r.resolution.packages.map((p) => p.metadataPath)).toEqual([path, path, path, path]);
      expect(Object.fromEntries(parses)).toEqual({
        'app-core==1.1': 1,
        'extra-dep==0.3': 1,
        'helper==2.0': 1,
        'tiny==1.0': 1,
      });
    }
  });
});

describe('the lock installs with pip --require-hashes', () => {
  it('installs into a fresh venv from the wheelhouse, for the target detected on this machine', async () => {
    const python = await findPython();
    const venvOk =
      python !== undefined &&
      spawnSync(python.command, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status === 0;
    if (python === undefined || !venvOk) {
      console.warn('skipped: python3 with venv/ensurepip is not available on this machine');
      return;
    }
    const lock = join(h.dir, 'install/lock.txt');
    // No explicit target and no seams: the interpreter on PATH and this runner decide it.
    const r = await run('app-core[fast]\n', { lock }, true);
    expect(r.prepared.detected.python?.version).toBe(python.version);
    const wheelhouse = join(h.dir, 'install/wheelhouse');
    mkdirSync(wheelhouse, { recursive: true });
    const files = new Map(
      projectsOf(specs).flatMap((p) => p.files.map((f) => [f.filename, f.bytes] as const)),
    );
    for (const p of r.resolution.packages)
      writeFileSync(join(wheelhouse, p.file.filename), files.get(p.file.filename)!);
    const venv = join(h.dir, 'install/venv');
    execFileSync(python.command, ['-m', 'venv', venv], { stdio: 'ignore' });
    const vpy =
      process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
    const install = spawnSync(
      vpy,
      ['-m', 'pip', 'install', '--no-index', '--find-links', wheelhouse, '--require-hashes', '-r', lock],
      {
        encoding: 'utf8',
        env: { ...isolatedPipProcessEnv(), PIP_DISABLE_PIP_VERSION_CHECK: '1' },
      },
    );
    expect({ status: install.status, stderr: install.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    const listed = execFileSync(vpy, ['-m', 'pip', 'list', '--format=freeze'], { encoding: 'utf8' });
    expect(listed).toContain('app-core==1.1');
    expect(listed).toContain('extra-dep==0.3');
    expect(listed).toContain('helper==2.0');
  }, 120000);
});
