/**
 * Equally preferred files of one version (review 16a F5): pip 23.2 and 26 sort the applicable files
 * ascending by CandidateEvaluator._sort_key (stable: page order among ties) and take them from the
 * end, so the LAST of the equal files on the page is the one pip fetches; the lock must pin that
 * file. `py2.py3-none-any` and `py3-none-any` rank alike for CPython 3.11.
 */
import { describe, expect, it } from '@jest/globals';
import type { TargetOptions } from '../../src/provider/target.js';
import { useServedIndex } from './served-index.js';
import { projectsOf } from './resolve-harness.js';
import { resolveServed } from './resolve-served.js';

const served = useServedIndex();

const TARGET: TargetOptions = { pythonVersion: '3.11.7', os: 'linux', arch: 'x86_64', glibc: [2, 36] };

async function chosen(wheels: string[]): Promise<string | undefined> {
  served.server.setProjects(projectsOf([{ name: 'twotags', version: '1.0', wheels }]));
  const outcome = await resolveServed({
    http: served.http,
    indexUrl: served.server.indexUrl,
    lines: ['twotags'],
    source: 'req.txt',
    target: TARGET,
  });
  if (outcome.kind !== 'resolved') return undefined;
  return outcome.resolution.packages[0]?.file.filename;
}

describe('equally preferred files: the last on the page, as pip', () => {
  it.each([
    [['py2.py3-none-any', 'py3-none-any'], 'twotags-1.0-py3-none-any.whl'],
    [['py3-none-any', 'py2.py3-none-any'], 'twotags-1.0-py2.py3-none-any.whl'],
  ])('page order %j → %s', async (wheels, file) => {
    expect(await chosen(wheels)).toBe(file);
  });
});
