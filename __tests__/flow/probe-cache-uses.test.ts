/**
 * The interpreter probe cache (src/install/probe-cache.ts, `<cache dir>/probes`) used by target
 * detection and by source builds (src/flow/build-context.ts) whenever the caller names a probe
 * cache directory — as the CLI does for its cache directory and the action for its local cache:
 * a second run takes the answer from the entry (not rewritten; a rewritten answer shows through),
 * and without a directory nothing is cached. Needs the machine's python3.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBuildContext } from '../../src/flow/build-context.js';
import { prepare, type PrepareOptions } from '../../src/flow/prepare.js';
import { RecordingLogger } from '../../src/util/logger.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('skipped: no python3 on this machine');
const maybe = hasPython ? describe : describe.skip;

/** This process's environment without pip's configuration (PIP_* point at local mirrors). */
function testEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PIP_')) env[k] = v;
  env['PIP_CONFIG_FILE'] = devNull;
  return env;
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-probe-uses-'));
  await writeFile(join(work, 'requirements.txt'), 'demo\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
    .sort();
}

/** Rewrites an entry's cached answer (identities kept), as only a read of the cache could show. */
async function rewriteAnswer(path: string, edit: (stdout: string) => string): Promise<void> {
  const entry = JSON.parse(await readFile(path, 'utf8')) as { stdout: string };
  await writeFile(path, JSON.stringify({ ...entry, stdout: edit(entry.stdout) }));
}

function options(probeCache: string | undefined, target: PrepareOptions['target']): PrepareOptions {
  return {
    requirementFiles: [join(work, 'requirements.txt')],
    finder: { noIndex: true, findLinks: [work] },
    target,
    cwd: work,
    env: testEnv(),
    logger: new RecordingLogger(),
    ...(probeCache !== undefined ? { probeCache } : {}),
  };
}

maybe('the probe cache in target detection and source builds', () => {
  it('target detection keeps its probe: a second run reads the entry', async () => {
    const probes = join(work, 'probes-target');
    const first = await prepare(options(probes, { platforms: ['manylinux_2_17_x86_64'] }));
    const [name] = await entries(probes);
    expect(name).toBeDefined();
    const path = join(probes, name!);
    const inode = (await stat(path)).ino;
    const second = await prepare(options(probes, { platforms: ['manylinux_2_17_x86_64'] }));
    expect(second.detected.python).toEqual(first.detected.python);
    expect((await stat(path)).ino).toBe(inode); // a hit, not a rewrite

    await rewriteAnswer(path, () => '3.9.7 cpython\n');
    const third = await prepare(options(probes, { platforms: ['manylinux_2_17_x86_64'] }));
    expect(third.detected.python?.version).toBe('3.9.7');
    // No probe cache named: the interpreter is asked.
    const uncached = await prepare(options(undefined, { platforms: ['manylinux_2_17_x86_64'] }));
    expect(uncached.detected.python?.version).toBe(first.detected.python?.version);
  });

  it('a source build keeps its interpreter probe: a second build context reads the entry', async () => {
    const probes = join(work, 'probes-build');
    // Python version and implementation given: target detection asks no interpreter.
    const prepared = await prepare(
      options(probes, { pythonVersion: '3.11', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] }),
    );
    expect(await entries(probes)).toEqual([]);
    const context = () => createBuildContext({ prepared, env: testEnv(), cwd: work, probeCache: probes });
    const first = await context().interpreter();
    expect(first?.command).toMatch(/^python3?$/);
    // The search for python3/python and the build probe: one entry each.
    const written = await entries(probes);
    expect(written).toHaveLength(2);
    const inodes = await Promise.all(written.map(async (n) => (await stat(join(probes, n))).ino));
    expect(await context().interpreter()).toEqual(first);
    expect(await Promise.all(written.map(async (n) => (await stat(join(probes, n))).ino))).toEqual(inodes);

    for (const n of written) {
      await rewriteAnswer(join(probes, n), (stdout) =>
        stdout.includes('"platform"')
          ? stdout.replace(/"platform": "[^"]*"/, '"platform": "linux-rewritten"')
          : stdout,
      );
    }
    expect((await context().interpreter())?.platform).toBe('linux-rewritten');
    const uncached = await createBuildContext({ prepared, env: testEnv(), cwd: work }).interpreter();
    expect(uncached?.platform).toBe(first?.platform);
  });
});
