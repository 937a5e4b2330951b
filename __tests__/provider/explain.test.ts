import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './resolve-harness.js';
import { resolveServed } from './resolve-served.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    { name: 'django', version: '4.2', requiresPython: '>=3.8' },
    { name: 'django', version: '5.0', requiresPython: '>=3.10' },
    { name: 'django', version: '5.1', requiresPython: '>=3.10' },
    { name: 'numpy', version: '2.0.0', wheels: ['cp311-cp311-manylinux_2_17_x86_64'] },
    { name: 'numpy', version: '1.0.0', wheels: [], sdist: true, sdistDynamic: ['requires-dist'] },
    { name: 'a', version: '1.0', requires: ['b==1.0'] },
    { name: 'c', version: '1.0', requires: ['b==2.0'] },
    { name: 'c', version: '2.0', requires: ['b==2.0'] },
    { name: 'b', version: '1.0' },
    { name: 'b', version: '2.0' },
    { name: 'web', version: '1.0', requires: ['django>=5'] },
  ]);
});
afterAll(async () => {
  await h.close();
});

async function explain(lines: string[], python = '3.9'): Promise<string> {
  const outcome = await resolveServed({
    http: h.http,
    indexUrl: h.server.indexUrl,
    lines,
    source: 'requirements.txt',
    target: { pythonVersion: python, os: 'linux', arch: 'x86_64', glibc: [2, 17] },
  });
  if (outcome.kind !== 'unsatisfiable') throw new Error('expected no solution');
  return outcome.explanation;
}

describe('explanations', () => {
  it('names the line whose requirement needs a newer Python', async () => {
    expect(await explain(['b', 'b', 'b', 'django>=5'])).toBe(
      [
        'No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):',
        'Because django >=5 needs Python >=3.10, but the target is 3.9 and requirements.txt:4 requires django>=5, version solving failed.',
      ].join('\n'),
    );
  });

  it('says why a version has no usable file', async () => {
    expect(await explain(['numpy'])).toBe(
      [
        'No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):',
        'Because numpy >=2.0.0 is unusable: no wheel for cp39-manylinux_2_17_x86_64; no sdist and numpy <2.0.0 is unusable: sdist needs a build, numpy is forbidden.',
        'So, because requirements.txt:1 requires numpy, version solving failed.',
      ].join('\n'),
    );
  });

  it('explains two transitive pins that conflict', async () => {
    expect(await explain(['a', 'c'])).toBe(
      [
        'No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):',
        'Because every version of a depends on b ==1.0 and every version of c depends on b ==2.0, a and c are incompatible.',
        'So, because requirements.txt:2 requires c and requirements.txt:1 requires a, version solving failed.',
      ].join('\n'),
    );
  });

  it('names a project no index has', async () => {
    expect(await explain(['flask>=2'])).toBe(
      [
        'No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):',
        'Because no index has a project named flask and requirements.txt:1 requires flask>=2, version solving failed.',
      ].join('\n'),
    );
  });

  it('follows a transitive requirement to the Python it needs', async () => {
    expect(await explain(['web'])).toBe(
      [
        'No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):',
        'Because every version of web depends on django >=5 and django >=5 needs Python >=3.10, but the target is 3.9, web is forbidden.',
        'So, because requirements.txt:1 requires web, version solving failed.',
      ].join('\n'),
    );
  });

  it('explains directly conflicting pins on one project', async () => {
    const text = await explain(['b==1.0', 'b==2.0']);
    expect(text.split('\n')[0]).toBe('No solution for cp39-manylinux_2_17_x86_64 (Python 3.9):');
    expect(text).toContain('requirements.txt:1, requirements.txt:2 requires b==1.0, b==2.0');
  });
});
