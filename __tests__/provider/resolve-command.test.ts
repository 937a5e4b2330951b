import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { probePython } from '../../src/provider/host-target.js';
import { resolveCommand, type ResolveCommandOptions } from '../../src/provider/resolve-command.js';
import type { TargetOptions } from '../../src/provider/target.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { projectsOf, startHarness, type DistSpec, type Harness } from './resolve-harness.js';

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
const linux311: TargetOptions = { pythonVersion: '3.11', os: 'linux', arch: 'x86_64', glibc: [2, 17] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(specs);
});
afterAll(async () => {
  await h.close();
});

async function run(text: string, extra: Partial<ResolveCommandOptions> = {}) {
  const stderr: string[] = [];
  const logger = new RecordingLogger();
  const file = h.file(`req-${Math.random().toString(36).slice(2)}.txt`, text);
  const result = await resolveCommand({
    requirements: [file],
    indexUrl: h.server.indexUrl.replace('http://', 'http://user:hunter2secret@'),
    logger,
    http: h.http,
    stderr: (t) => stderr.push(t),
    target: linux311,
    ...extra,
  });
  return { ...result, stderr: stderr.join(''), logger };
}

describe('resolveCommand', () => {
  it('resolves extras and markers, and writes lock, report and pylock deterministically', async () => {
    const out = (n: string) => join(h.dir, n);
    const first = await run('app-core[fast]\n', {
      lock: out('a/lock.txt'),
      report: out('a/report.json'),
      pylock: out('a/pylock.toml'),
    });
    expect(first.exitCode).toBe(0);
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
    expect(first.logger.text()).not.toContain('hunter2secret');
    const second = await run('app-core[fast]\n', {
      lock: out('b/lock.txt'),
      report: out('b/report.json'),
      pylock: out('b/pylock.toml'),
    });
    expect(second.exitCode).toBe(0);
    for (const f of ['lock.txt', 'report.json', 'pylock.toml']) {
      expect(readFileSync(out(`b/${f}`), 'utf8')).toBe(readFileSync(out(`a/${f}`), 'utf8'));
    }
  });

  it('applies constraints without adding requirements', async () => {
    const c = h.file('constraints.txt', 'helper<2\ntiny==1.0\n');
    const r = await run('app-core\n', { constraints: [c] });
    expect(r.exitCode).toBe(0);
    if (r.outcome?.kind !== 'resolved') throw new Error('expected a resolution');
    expect(r.outcome.resolution.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'app-core==1.0',
      'helper==1.5',
    ]);
  });

  it('keeps only files whose hash is pinned', async () => {
    const r = await run(`helper --hash=sha256:${'0'.repeat(64)}\n`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('has none of the hashes given with --hash');
  });

  it('exits 1 with the explanation when unsatisfiable', async () => {
    const r = await run('helper>=3\n');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^No solution for cp311-manylinux_2_17_x86_64 \(Python 3\.11\):\nBecause no versions of helper match >=3 and .*req-[a-z0-9]+\.txt:1 requires helper>=3, version solving failed\.\n$/,
    );
  });

  it('exits 2 with a clear message for bad input and unreachable indexes', async () => {
    const bad = await run('helper>=>3\n');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^wheelhouse: .*req-[a-z0-9]+\.txt:1:\d+: .*helper>=>3/);
    const unreachable = await run('helper\n', { indexUrl: 'http://user:hunter2secret@127.0.0.1:9/simple/' });
    expect(unreachable.exitCode).toBe(2);
    expect(unreachable.stderr).toMatch(/^wheelhouse: /);
    expect(unreachable.stderr).not.toContain('hunter2secret');
  });
});

describe('requests', () => {
  it('fetches each page and each chosen METADATA once, and nothing on a warm metadata cache', async () => {
    const cacheDir = join(h.dir, 'metadata-cache');
    h.server.reset();
    const cold = await run('app-core[fast]\n', { metadataCacheDir: cacheDir });
    expect(cold.exitCode).toBe(0);
    const kinds = h.server.counters.byKind;
    // app-core, helper, extra-dep: one page each, one .metadata each (no backtracking, no waste).
    expect([kinds.page.requests, kinds.metadata.requests, kinds['file-full'].requests]).toEqual([3, 3, 0]);
    h.server.reset();
    const warm = await run('app-core[fast]\n', { metadataCacheDir: cacheDir });
    expect(warm.exitCode).toBe(0);
    expect(h.server.counters.byKind.metadata.requests).toBe(0);
    if (warm.outcome?.kind !== 'resolved') throw new Error('expected a resolution');
    expect(warm.outcome.resolution.packages.map((p) => p.metadataPath)).toEqual(['cache', 'cache', 'cache']);
  });
});

describe('the lock installs with pip --require-hashes', () => {
  it('installs into a fresh venv from the wheelhouse', async () => {
    const python = await probePython();
    const venvOk =
      python !== undefined &&
      spawnSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status === 0;
    if (!venvOk) {
      console.warn('skipped: python3 with venv/ensurepip is not available on this machine');
      return;
    }
    const lock = join(h.dir, 'install/lock.txt');
    const r = await run('app-core[fast]\n', { lock, target: python });
    expect(r.exitCode).toBe(0);
    if (r.outcome?.kind !== 'resolved') throw new Error('expected a resolution');
    const wheelhouse = join(h.dir, 'install/wheelhouse');
    mkdirSync(wheelhouse, { recursive: true });
    const files = new Map(
      projectsOf(specs).flatMap((p) => p.files.map((f) => [f.filename, f.bytes] as const)),
    );
    for (const p of r.outcome.resolution.packages)
      writeFileSync(join(wheelhouse, p.file.filename), files.get(p.file.filename)!);
    const venv = join(h.dir, 'install/venv');
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    const vpy = join(venv, 'bin', 'python');
    const install = spawnSync(
      vpy,
      ['-m', 'pip', 'install', '--no-index', '--find-links', wheelhouse, '--require-hashes', '-r', lock],
      {
        encoding: 'utf8',
        env: { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
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
