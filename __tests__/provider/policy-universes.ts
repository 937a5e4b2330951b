/**
 * Small served universes whose answer depends on pip's candidate policy across the whole solution
 * (merged specifiers admitting pre-releases or yanked files). resolve-rounds.test.ts counts the
 * policy rounds wheelhouse needs for them; pip-agreement.test.ts checks the same answers against pip.
 */
import type { DistSpec } from './resolve-harness.js';

/**
 * Requirement `p`. p 2.0 names a pre-release of x but cannot be used (r>=2 does not exist), so x's
 * pre-release must stay out through p 1.0's plain `x`; the yanked d 2.0 comes in through a's pin.
 * pip: p 1.0, x 1.0, a 1.0, b 1.0, d 2.0.
 */
export const PRERELEASE_NAMED_BY_UNCHOSEN_VERSION: DistSpec[] = [
  { name: 'p', version: '2.0', requires: ['x>=2.0b1', 'r>=2'] },
  { name: 'p', version: '1.0', requires: ['x', 'a', 'b'] },
  { name: 'r', version: '1.0' },
  { name: 'x', version: '1.0' },
  { name: 'x', version: '2.0b1' },
  { name: 'a', version: '1.0', requires: ['d==2.0'] },
  { name: 'b', version: '1.0', requires: ['d>=1.0'] },
  { name: 'd', version: '1.0' },
  { name: 'd', version: '2.0', yanked: true },
];

/**
 * Requirements `a` and `b`: both hold for d 1.0 and 2.0b1, and `d>=1.0b1` names a pre-release, so the
 * merged specifier admits 2.0b1. pip: a 1.0, b 1.0, d 2.0b1.
 */
export const PRERELEASE_ADMITTED_BY_MERGED_RANGES: DistSpec[] = [
  { name: 'a', version: '1.0', requires: ['d>=1.0b1'] },
  { name: 'b', version: '1.0', requires: ['d<3'] },
  { name: 'd', version: '1.0' },
  { name: 'd', version: '2.0b1' },
];
