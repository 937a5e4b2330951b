/**
 * A dependency declared `a @ URL` in Requires-Dist (review 16a F4): pip 23.2 and 26 install `a`
 * from the URL; wheelhouse does not follow a dependency's URL and resolved `a` from the index,
 * silently (another version, or another project of that name). Now the resolution stops with an
 * error naming the depender, the dependency and the URL — unless a top-level requirement gives the
 * same `a @ URL`, whose file is then the one used.
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
const URL_A = 'http://127.0.0.1:9/files/a-1.0-py3-none-any.whl';

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

const UNIVERSE: DistSpec[] = [
  { name: 'a', version: '1.0' },
  { name: 'a', version: '2.0' },
  { name: 'k', version: '1.0', requires: [`a @ ${URL_A}`] },
  { name: 'm', version: '1.0', requires: [`a @ ${URL_A} ; extra == "x"`], providesExtra: ['x'] },
  { name: 'n', version: '1.0', requires: [`a @ ${URL_A} ; python_version < "3"`] },
];

describe("a dependency's direct URL is never replaced by an index file", () => {
  it('k needs a @ URL: the resolution stops naming k 1.0, a and the URL (pip takes the URL)', async () => {
    const run = resolve(UNIVERSE, ['k']);
    await expect(run).rejects.toBeInstanceOf(DependencyUrlError);
    await expect(resolve(UNIVERSE, ['k'])).rejects.toThrow(
      `k 1.0 depends on a @ ${URL_A} (a direct URL in its Requires-Dist)`,
    );
  });

  it('the CLI reports it as an input problem (exit 2), not an internal error', async () => {
    const error = await resolve(UNIVERSE, ['k']).catch((e: unknown) => e);
    expect(describeFailure(error)).toMatchObject({ exitCode: 2, kind: 'input' });
  });

  it('through an extra too', async () => {
    await expect(resolve(UNIVERSE, ['m[x]'])).rejects.toThrow(`m[x] 1.0 depends on a @ ${URL_A}`);
  });

  it('a URL dependency whose marker is false is not looked at', async () => {
    expect(pinsOf(await resolve(UNIVERSE, ['n']))).toEqual({ n: '1.0' });
  });

  it('the same a @ URL given at the top level: the dependency agrees with it, the resolution goes on', async () => {
    const outcome = await resolve(UNIVERSE, ['k', `a @ ${URL_A}`]);
    expect(outcome.kind).toBe('resolved');
  });

  it('another URL at the top level: still refused', async () => {
    await expect(resolve(UNIVERSE, ['k', `a @ ${URL_A}#sha256=${'0'.repeat(64)}`])).rejects.toThrow(
      DependencyUrlError,
    );
  });
});
