/**
 * Review 17c F2: a release OLDER than the chosen one of its project, read over HTTP ranges and
 * passed over, can still steer ANOTHER project. Requirements `ysteer`, `xsteer`; no PEP 658 files;
 * xsteer 2.0 requires `ysteer<2`. Honest: ysteer 2.0 is decided, xsteer 2.0 conflicts with it,
 * xsteer 1.0 is taken → {xsteer 1.0, ysteer 2.0} (pip's answer: it reads xsteer 1.0 whole). The
 * host answers the ranges of xsteer 1.0 with a forged METADATA (Requires-Python >=4): the resolver
 * learns "ysteer 2.0 ⇒ no xsteer" and backtracks to {xsteer 2.0, ysteer 1.0}. The passed-over check
 * fetches xsteer 1.0 whole too (after the newer releases, within the budget): the run fails naming it.
 */
import { expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { RangedMetadataMismatchError } from '../../src/flow/ranged-metadata-check.js';
import { buildWheel } from '../helpers/dists.js';
import { useForgedRangeIndex } from '../helpers/forged-range-index.js';

const x1 = buildWheel({ name: 'xsteer', version: '1.0' });
const x1Forged = buildWheel({ name: 'xsteer', version: '1.0', requiresPython: '>=4' });
const x2 = buildWheel({ name: 'xsteer', version: '2.0', requiresDist: ['ysteer<2'] });
const y1 = buildWheel({ name: 'ysteer', version: '1.0' });
const y2 = buildWheel({ name: 'ysteer', version: '2.0' });
// Only the ranges of xsteer 1.0 are forged; every whole file is the genuine one.
const index = useForgedRangeIndex(
  'wh-passed-over-older-',
  ['ysteer', 'xsteer'],
  [
    { whole: x1, ranged: x1Forged },
    { whole: x2, ranged: x2 },
    { whole: y1, ranged: y1 },
    { whole: y2, ranged: y2 },
  ],
);
const honest = useForgedRangeIndex(
  'wh-passed-over-honest-',
  ['ysteer', 'xsteer'],
  [
    { whole: x1, ranged: x1 },
    { whole: x2, ranged: x2 },
    { whole: y1, ranged: y1 },
    { whole: y2, ranged: y2 },
  ],
);

it('honest ranges: {xsteer 1.0, ysteer 2.0}, what the forged ranges steer away from', async () => {
  const got = await runFetch(honest.options());
  expect(got.packages.map((p) => p.filename).sort()).toEqual([x1.filename, y2.filename]);
}, 60_000);

it('a forged older release that steered another project is checked whole: the run fails naming it', async () => {
  const outcome = await runFetch(index.options()).then(
    (r) => r.packages.map((p) => p.filename).sort(),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(RangedMetadataMismatchError);
  expect((outcome as Error).message).toContain(x1.filename);
  expect((outcome as Error).message).toContain('Requires-Python');
}, 60_000);
