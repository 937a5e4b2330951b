/**
 * The Requires-Dist lines an extra selects, found through the per-METADATA index (review 2 of
 * session 13, R3): the same lines as evaluating every line for every extra, and work linear in the
 * lines when a METADATA's extras are all asked for.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createIndexClient } from '../../src/index/index-client.js';
import { createMetadataFetcher } from '../../src/index/metadata-fetch.js';
import { indexExtraLines, linesForExtra } from '../../src/provider/extra-lines.js';
import { inlineRequirements } from '../../src/provider/requirement-inputs.js';
import { resolveRequirements } from '../../src/provider/resolve.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { parseMarker, type Marker } from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import { silentLogger } from '../../src/util/logger.js';
import { useServedIndex } from './served-index.js';
import { projectsOf } from './resolve-harness.js';

const target = targetEnvironment({ pythonVersion: '3.12', os: 'linux', arch: 'x86_64', glibc: [2, 36] });

/** What python-provider.ts selects for `extra`: holds with it, not without extras. */
const applies = (m: Marker | undefined, extra: string): boolean =>
  m !== undefined && evaluateMarker(m, target.markers, [extra]) && !evaluateMarker(m, target.markers);

const extraName = fc.constantFrom('a', 'B', 'a-b', 'a_b', 'a.b', 'c', 'test', '');
const compare = fc.oneof(
  fc
    .tuple(fc.constantFrom('==', '!=', '<=', '>=', '===', '<', '~=', 'in', 'not in'), extraName, fc.boolean())
    .map(([op, e, flip]) => (flip ? `"${e}" ${op} extra` : `extra ${op} "${e}"`)),
  fc.constantFrom(
    'os_name == "posix"',
    'os_name == "nt"',
    'python_version >= "3.8"',
    'python_version < "3"',
    'extra == os_name',
    '"a" in extra',
  ),
);
const markerText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  m: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    compare,
    fc
      .tuple(tie('m'), fc.constantFrom('and', 'or'), tie('m'))
      .map(([a, op, b]) => `(${a as string}) ${op} (${b as string})`),
  ),
})).m as fc.Arbitrary<string>;

describe('indexExtraLines', () => {
  it('selects the lines a scan of every line selects, for every extra', () => {
    fc.assert(
      fc.property(fc.array(fc.option(markerText, { nil: undefined }), { maxLength: 12 }), (texts) => {
        const markers = texts.map((t) => (t === undefined ? undefined : parseMarker(t)));
        const index = indexExtraLines(markers);
        for (const extra of ['a', 'B', 'a-b', 'a.b', 'c', 'test', 'other']) {
          const scan = markers.flatMap((m, i) => (applies(m, extra) ? [i] : []));
          const indexed = linesForExtra(index, extra.toLowerCase().replace(/[-_.]+/g, '-')).filter((i) =>
            applies(markers[i], extra),
          );
          expect(indexed).toEqual(scan);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('extras of one METADATA', () => {
  const served = useServedIndex();

  /** Marker reads of `os_name` resolving `a[e0]`, where extra e(k) requires a[e(k+1)] (n extras). */
  async function osNameReads(n: number): Promise<number> {
    const requires = Array.from(
      { length: n - 1 },
      (_, k) => `a[e${k + 1}]; os_name == "posix" and extra == "e${k}"`,
    );
    const providesExtra = Array.from({ length: n }, (_, k) => `e${k}`);
    served.server.setProjects(projectsOf([{ name: 'a', version: '1.0', requires, providesExtra }]));
    let reads = 0;
    const markers = new Proxy(target.markers, {
      get(t, key, receiver) {
        if (key === 'os_name') reads++;
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
    const outcome = await resolveRequirements({
      requirements: inlineRequirements(['a[e0]'], 'req.txt'),
      options: {},
      target: { ...target, markers },
      index: createIndexClient({
        http: served.http,
        logger: silentLogger,
        indexUrls: [served.server.indexUrl],
        findLinks: [],
        strategy: 'first-index',
      }),
      fetcher: createMetadataFetcher({ http: served.http, logger: silentLogger }),
      logger: silentLogger,
    });
    expect(outcome.kind).toBe('resolved');
    if (outcome.kind === 'resolved') expect(outcome.resolution.packages.map((p) => p.name)).toEqual(['a']);
    return reads;
  }

  it('evaluates each line for the extras it names only: linear in the extras', async () => {
    // Every line for every extra was ~n² reads (500 extras: 250,498).
    const small = await osNameReads(500);
    const large = await osNameReads(1000);
    expect(small).toBeLessThan(500 * 10);
    expect(large).toBeLessThan(1000 * 10);
  }, 60_000);
});
