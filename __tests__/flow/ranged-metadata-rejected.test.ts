/**
 * Review 14d F9: METADATA read over HTTP ranges from a wheel the run does not download was never
 * checked against the whole file (only the resolution's own wheels were, ranged-metadata-check.ts).
 * A host that answers range requests with other bytes could so steer the resolver away from a
 * release: here ranges of `steer-2.0` say `Requires-Python: <3`, the whole file (the index's
 * sha256) says nothing of the kind. pip 23.2 (no `fast-deps`) downloads 2.0, checks its hash and
 * takes it; wheelhouse resolved 1.0 without a word. Now the passed-over release is fetched whole
 * and the run fails naming it — on the next run too (the cached METADATA is not trusted).
 */
import { expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { RangedMetadataMismatchError } from '../../src/flow/ranged-metadata-check.js';
import { buildWheel } from '../helpers/dists.js';
import { useForgedRangeIndex } from '../helpers/forged-range-index.js';

const old = buildWheel({ name: 'steer', version: '1.0' });
const genuine = buildWheel({ name: 'steer', version: '2.0' });
const forged = buildWheel({ name: 'steer', version: '2.0', requiresPython: '<3' });
// Ranges of steer 2.0 are answered from the forged wheel; its whole file is the genuine one.
const index = useForgedRangeIndex('wh-ranged-rejected-', 'steer', [
  { whole: old, ranged: old },
  { whole: genuine, ranged: forged },
]);

it('a release passed over for its ranged METADATA alone is checked against its whole file: the run fails naming it', async () => {
  const run = () =>
    runFetch(index.options()).then(
      (r) => r.packages.map((p) => p.filename),
      (e: unknown) => e,
    );
  for (let i = 0; i < 2; i++) {
    const outcome = await run();
    expect(outcome).toBeInstanceOf(RangedMetadataMismatchError);
    expect((outcome as Error).message).toContain(genuine.filename);
    expect((outcome as Error).message).toContain('Requires-Python');
  }
});
