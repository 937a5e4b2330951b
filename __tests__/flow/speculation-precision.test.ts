/**
 * Metadata requests of a cold resolution on a PyPI-shaped project page (issue 14 §2: "speculate, but
 * stop fetching versions the solver can no longer choose"): newer releases the resolver must pass
 * over (a pre-release, a yanked release, one for a newer Python, one whose dependency nothing
 * satisfies) cost exactly what pip pays — the METADATA of the one it has to try — and no older
 * release is read ahead when the solver steps down a single time; a dependency left with no version
 * is decided first, so other projects' releases are not tried one by one in between. A real walk
 * down several releases still gets every release it needs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runResolve } from '../../src/flow/resolve.js';
import type { RunnerPlatform } from '../../src/flow/target-detect.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startHarness, type DistSpec, type Harness } from '../provider/resolve-harness.js';

const older: DistSpec[] = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6'].map((version) => ({
  name: 'lib',
  version,
  requires: ['dep>=1'],
}));
const specs: DistSpec[] = [
  ...older,
  { name: 'lib', version: '2.0', requires: ['dep>=1'] },
  { name: 'lib', version: '2.0.1', requires: ['dep>=1'], yanked: true },
  { name: 'lib', version: '2.0.2', requires: ['dep>=1'], requiresPython: '>=3.13' },
  { name: 'lib', version: '2.0.3', requires: ['dep>=99'] },
  { name: 'lib', version: '2.1rc1', requires: ['dep>=1'] },
  { name: 'dep', version: '1.0' },
  { name: 'dep', version: '1.1' },
  // A walk down: every trap release above 1.2 needs base<2, and the root asks base>=2.
  ...['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7'].map((version) => ({
    name: 'trap',
    version,
    requires: [Number(version.split('.')[1]) > 2 ? 'base<2' : 'base>=2'],
  })),
  { name: 'base', version: '1.0' },
  { name: 'base', version: '2.0' },
  // xlib's newest release needs a core nobody has; webapp's releases each want a different core.
  { name: 'xlib', version: '1.0', requires: ['core>=1'] },
  { name: 'xlib', version: '2.0', requires: ['core>=99'] },
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ name: 'webapp', version: `1.${k}`, requires: [`core>=1.${k}`] })),
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ name: 'core', version: `1.${k}` })),
  // A newer pre-release no one may choose: webapp's dependency ranges stop below it.
  { name: 'core', version: '2.0rc1' },
];
const linux: RunnerPlatform = { os: 'linux', arch: 'x86_64', glibc: [2, 17] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(specs);
});
afterAll(async () => {
  await h.close();
});

async function resolveText(text: string) {
  h.server.reset();
  const result = await runResolve({
    requirementFiles: [h.file(`req-${Math.random().toString(36).slice(2)}.txt`, text)],
    finder: { indexUrl: h.server.indexUrl },
    target: { pythonVersion: '3.11', implementation: 'cp' },
    runner: () => linux,
    findPython: () => Promise.reject(new Error('the target is explicit')),
    env: {},
    cwd: h.dir,
    logger: new RecordingLogger(),
    http: h.http,
  });
  const metadata = h.server.counters.log
    .filter((e) => e.kind === 'metadata')
    .map((e) =>
      decodeURIComponent(e.path.split('/').pop() ?? '').replace(/-py3-none-any\.whl\.metadata$/, ''),
    )
    .sort();
  return { pins: result.resolution.packages.map((p) => `${p.name}==${p.version}`), metadata };
}

describe('metadata requests of a cold resolution', () => {
  it('passes over newer releases paying only for the one that must be tried, and reads no older one ahead', async () => {
    const r = await resolveText('lib\n');
    expect(r.pins).toEqual(['dep==1.1', 'lib==2.0']);
    // pip fetches the same: 2.0.3 (the newest it may choose; its dependency fails), then 2.0.
    expect(r.metadata).toEqual(['dep-1.1', 'lib-2.0', 'lib-2.0.3']);
  });

  it('learns at once that a dependency has no version left, instead of trying every release of another project', async () => {
    const r = await resolveText('xlib\nwebapp\n');
    expect(r.pins).toEqual(['core==1.7', 'webapp==1.7', 'xlib==1.0']);
    expect(r.metadata).toEqual(['core-1.7', 'webapp-1.7', 'xlib-1.0', 'xlib-2.0']);
  });

  it('still walks a project down several releases to the one that fits', async () => {
    const r = await resolveText('trap\nbase>=2\n');
    expect(r.pins).toEqual(['base==2.0', 'trap==1.2']);
    const trap = r.metadata.filter((m) => m.startsWith('trap-'));
    // Every release from 1.7 down to 1.2 is read; read-ahead may reach at most two below.
    for (const v of ['1.7', '1.6', '1.5', '1.4', '1.3', '1.2']) expect(trap).toContain(`trap-${v}`);
    expect(trap.length).toBeLessThanOrEqual(8);
  });
});
