/**
 * splitExtras (project-inputs.ts): `./path[a,b]` → path and extras, found by index instead of a
 * lazy pattern that rescanned a line full of "[" (quadratic; review 1 of session 13). Differential
 * against that pattern, and linear on the hostile line.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { splitExtras } from '../../src/provider/project-inputs.js';
import { normalizeName } from '../../src/standards/names.js';
import { timerTurn } from '../helpers/timer-turn.js';

function reference(text: string): { path: string; extras: string[] } {
  const m = /^(.*?)\[([^\]]*)\]\s*$/.exec(text.trim());
  if (m === null) return { path: text.trim(), extras: [] };
  const extras = (m[2] as string)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map(normalizeName);
  return { path: (m[1] as string).trim(), extras };
}

describe('splitExtras', () => {
  it('splits as the pattern did', () => {
    const piece = fc.constantFrom('[', ']', ',', ' ', '\n', '\u2028', 'a', 'B', '.', '/', '_', '-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(splitExtras(text)).toEqual(reference(text));
      }),
      { numRuns: 30_000 },
    );
    expect(splitExtras(' ./proj[Dev, test_x] ')).toEqual({ path: './proj', extras: ['dev', 'test-x'] });
  });

  it('is linear on a line full of "[" (the pattern: minutes)', async () => {
    for (const text of ['['.repeat(200_000) + 'x', './p' + '['.repeat(200_000) + ']x']) {
      expect(splitExtras(text).extras).toEqual([]);
      await timerTurn();
    }
  }, 5_000);
});
