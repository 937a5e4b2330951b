/**
 * A dependency declared `a @ URL` in Requires-Dist (review 16a F4): pip 23.2 and 26 install `a`
 * from the URL. wheelhouse first resolved `a` from the index, silently (another version, or another
 * project of that name), then refused the dependency; it now follows the URL as pip does
 * (src/provider/dependency-url-follow.ts) and refuses, naming why, where it cannot (a second URL, a
 * URL no top-level requirement could use). pip's own answers: flow/dependency-url-pip.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { describeFailure } from '../../src/flow/failure.js';
import { DependencyUrlError } from '../../src/provider/dependency-url.js';
import type { TargetOptions } from '../../src/provider/target.js';
import { useServedIndex } from './served-index.js';
import { projectsOf, type DistSpec } from './resolve-harness.js';
import { pinsOf, resolveServed } from './resolve-served.js';

const served = useServedIndex();

const TARGET: TargetOptions = { pythonVersion: '3.11.7', os: 'linux', arch: 'x86_64', glibc: [2, 36] };

function resolve(specs: DistSpec[], lines: string[]) {
  served.server.setProjects(projectsOf(specs));
  return resolveServed({
    http: served.http,
    indexUrl: served.server.indexUrl,
    lines,
    source: 'req.txt',
    target: TARGET,
  });
}

const BASE: DistSpec[] = [
  { name: 'a', version: '1.0' },
  { name: 'a', version: '2.0' },
  { name: 'v', version: '1.0' },
];

/** The universe whose dependencies name the served a 1.0 / a 2.0 files by URL (with their #sha256). */
function universe(): { specs: DistSpec[]; urlA1: string; urlA2: string } {
  served.server.setProjects(projectsOf(BASE));
  const url = (f: string): string => `${served.server.fileUrl(f)}#sha256=${served.server.sha256(f)}`;
  const urlA1 = url('a-1.0-py3-none-any.whl');
  const urlA2 = url('a-2.0-py3-none-any.whl');
  const specs: DistSpec[] = [
    ...BASE,
    { name: 'k', version: '1.0', requires: [`a @ ${urlA1}`] },
    { name: 'm', version: '1.0', requires: [`a @ ${urlA1} ; extra == "x"`], providesExtra: ['x'] },
    { name: 'n', version: '1.0', requires: [`a @ ${urlA1} ; python_version < "3"`] },
    { name: 'p', version: '1.0', requires: [`a @ ${urlA2}`] },
    { name: 'g', version: '1.0', requires: ['a @ git+https://example.invalid/a.git'] },
    {
      name: 's',
      version: '1.0',
      requires: [`a @ ${served.server.fileUrl('a-1.0-py3-none-any.whl')}#subdirectory=x`],
    },
  ];
  return { specs, urlA1, urlA2 };
}

const direct = (outcome: Awaited<ReturnType<typeof resolve>>) =>
  outcome.kind === 'resolved'
    ? outcome.resolution.packages.map((p) => [p.name, p.version, p.isDirect, p.requested, p.file.url])
    : outcome.explanation;

describe("a dependency's direct URL is followed as pip follows it, never replaced by an index file", () => {
  it('k needs a @ URL: a is that file (1.0, where the index would give 2.0), direct, not requested', async () => {
    const { specs, urlA1 } = universe();
    expect(direct(await resolve(specs, ['k']))).toEqual([
      ['a', '1.0', true, false, urlA1.split('#')[0]],
      ['k', '1.0', false, true, served.server.fileUrl('k-1.0-py3-none-any.whl')],
    ]);
  });

  it('through an extra too', async () => {
    const { specs } = universe();
    expect(pinsOf(await resolve(specs, ['m[x]']))).toEqual({ a: '1.0', m: '1.0' });
  });

  it('a top-level a without a URL takes the URL file too (pip: the link wins, the specifier must hold)', async () => {
    const { specs } = universe();
    expect(pinsOf(await resolve(specs, ['k', 'a']))).toEqual({ a: '1.0', k: '1.0' });
    expect(pinsOf(await resolve(specs, ['k', 'a>=2']))).toBeNull();
  });

  it('a URL dependency whose marker is false is not looked at', async () => {
    const { specs } = universe();
    expect(pinsOf(await resolve(specs, ['n']))).toEqual({ n: '1.0' });
  });

  it('the same a @ URL given at the top level: the dependency agrees with it, the resolution goes on', async () => {
    // (This harness gives no directFiles for top-level URLs; the flow's inputs do: url-constraint.test.ts.)
    const { specs, urlA1 } = universe();
    expect((await resolve(specs, ['k', `a @ ${urlA1}`])).kind).toBe('resolved');
  });

  it('another URL at the top level, or from another dependency: refused, naming both (pip: a conflict)', async () => {
    const { specs, urlA2 } = universe();
    await expect(resolve(specs, ['k', `a @ ${urlA2}`])).rejects.toThrow(
      /the requirements give a @ .*a-2\.0.*another URL/,
    );
    await expect(resolve(specs, ['k', 'p'])).rejects.toThrow(/depends on a @ .*a-1\.0.*, another URL/);
  });

  it('a URL a top-level requirement could not use either is refused with its reason', async () => {
    const { specs } = universe();
    await expect(resolve(specs, ['g'])).rejects.toThrow(/g 1\.0 depends on a @ git\+https.*VCS URLs/);
    await expect(resolve(specs, ['s'])).rejects.toThrow(/#subdirectory=x is not supported/);
  });

  it('the CLI reports a refused one as an input problem (exit 2), not an internal error', async () => {
    const { specs } = universe();
    const error = await resolve(specs, ['k', 'p']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUrlError);
    expect(describeFailure(error)).toMatchObject({ exitCode: 2, kind: 'input' });
  });
});
