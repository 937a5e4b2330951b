/**
 * The built wheel's Requires-Dist compared with the resolution's as parsed PEP 508 requirements
 * (review 16b F2): equivalent spellings are one requirement; a marker string value's case is part
 * of its meaning (PEP 508 string comparison is case-sensitive).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBuiltMetadata } from '../../src/build/built-metadata-check.js';
import { SdistBuildError } from '../../src/build/build-error.js';
import { buildWheel } from '../helpers/dists.js';

async function check(built: string[], resolved: string[]): Promise<'accepted' | 'refused'> {
  const wheel = buildWheel({ name: 'pkgd', version: '1.0', requiresDist: built });
  const dir = await mkdtemp(join(tmpdir(), 'wh-bmc-'));
  try {
    const path = join(dir, wheel.filename);
    await writeFile(path, wheel.bytes);
    await checkBuiltMetadata('pkgd-1.0.tar.gz', path, wheel.filename, {
      project: 'pkgd',
      version: '1.0',
      requiresDist: resolved,
    });
    return 'accepted';
  } catch (e) {
    if (!(e instanceof SdistBuildError)) throw e;
    expect(e.message).toContain('declares other Requires-Dist');
    return 'refused';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('built-metadata-check: Requires-Dist compared as requirements', () => {
  it('refuses a marker value that differs only in case', async () => {
    expect(await check(['dep; platform_machine == "AMD64"'], ['dep; platform_machine == "amd64"'])).toBe(
      'refused',
    );
    expect(await check(['dep; sys_platform == "Linux"'], ["dep ; sys_platform=='linux'"])).toBe('refused');
  });

  it('accepts equivalent spellings of one requirement', async () => {
    const pairs: [string, string][] = [
      ['dep (>=1.0,<2)', 'dep>=1.0,<2'],
      ['dep<2,>=1.0', 'dep>=1.0,<2'],
      ['dep; extra == "foo-bar"', 'dep; extra == "foo_bar"'],
      ['Dep_X[B,a] >= 1.0 ; python_version < "3.12"', "dep-x[a,b]>=1.0; python_version<'3.12'"],
      ['dep; "Foo.Bar" == extra', 'dep; "foo-bar" == extra'],
    ];
    const got: [string, string, string][] = [];
    for (const [b, r] of pairs) got.push([b, r, await check([b], [r])]);
    expect(got).toEqual(pairs.map(([b, r]) => [b, r, 'accepted']));
  });

  it('still refuses real differences', async () => {
    expect(await check(['dep>=1.0,<2'], ['dep>=1.0,<3'])).toBe('refused');
    expect(await check(['dep[a]'], ['dep[b]'])).toBe('refused');
    expect(await check(['dep; extra == "a"'], ['dep; extra == "b"'])).toBe('refused');
    expect(await check(['dep', 'other'], ['dep'])).toBe('refused');
  });

  it('compares a line that does not parse as its text', async () => {
    expect(await check(['dep >= = 1'], ['dep>==1'])).toBe('accepted');
    expect(await check(['dep >= = 1'], ['dep>==2'])).toBe('refused');
  });
});
