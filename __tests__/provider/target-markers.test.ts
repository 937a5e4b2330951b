/**
 * Markers are evaluated for the target (`--python-version`, `--platform`, `--implementation`), not
 * for the interpreter running pip: a deliberate difference from pip (pypa/pip#11664, review 16a
 * F1; README "Resolve for another target", docs/pip-agreement.md "Markers for an explicit target").
 * pip 23.2 / 26 with `--python-version 3.8` on a 3.11 machine leave out `b ; python_version < "3.9"`;
 * wheelhouse installs what the 3.8 target needs.
 */
import { describe, expect, it } from '@jest/globals';
import type { TargetOptions } from '../../src/provider/target.js';
import { useServedIndex } from './served-index.js';
import { projectsOf, type DistSpec } from './resolve-harness.js';
import { pinsOf, resolveServed } from './resolve-served.js';

const served = useServedIndex();

const UNIVERSE: DistSpec[] = [
  {
    name: 'a',
    version: '1.0',
    requires: [
      'b ; python_version < "3.9"',
      'c ; python_version >= "3.9"',
      'd ; python_full_version == "3.8.10"',
      'e ; platform_machine == "aarch64"',
    ],
  },
  { name: 'b', version: '1.0' },
  { name: 'c', version: '1.0' },
  { name: 'd', version: '1.0' },
  { name: 'e', version: '1.0' },
];

async function pins(target: TargetOptions) {
  served.server.setProjects(projectsOf(UNIVERSE));
  return pinsOf(
    await resolveServed({
      http: served.http,
      indexUrl: served.server.indexUrl,
      lines: ['a'],
      source: 'req.txt',
      target,
    }),
  );
}

describe('markers of dependencies are evaluated for the explicit target (not as pip does)', () => {
  it('python 3.8.10 x86_64: b and d, not c or e', async () => {
    expect(await pins({ pythonVersion: '3.8.10', os: 'linux', arch: 'x86_64', glibc: [2, 36] })).toEqual({
      a: '1.0',
      b: '1.0',
      d: '1.0',
    });
  });

  it('python 3.11.7 aarch64: c and e', async () => {
    expect(await pins({ pythonVersion: '3.11.7', os: 'linux', arch: 'aarch64', glibc: [2, 36] })).toEqual({
      a: '1.0',
      c: '1.0',
      e: '1.0',
    });
  });
});
