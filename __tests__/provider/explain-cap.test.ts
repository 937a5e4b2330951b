/** The failure explanation's size cap (review 2 of session 13, R1): keep the start, count the rest. */
import { describe, expect, it } from '@jest/globals';
import {
  capExplanation,
  EXPLANATION_MAX_CHARS,
  EXPLANATION_MAX_LINES,
} from '../../src/provider/explain-python.js';

const lines = (n: number, width = 10) =>
  Array.from({ length: n }, (_, k) => `${k}`.padEnd(width, '.')).join('\n');

describe('capExplanation', () => {
  it('leaves a text within both caps as it is', () => {
    const text = lines(EXPLANATION_MAX_LINES);
    expect(capExplanation(text)).toBe(text);
  });

  it('keeps the first lines and says how many were left out', () => {
    const out = capExplanation(lines(EXPLANATION_MAX_LINES + 7));
    const kept = out.split('\n');
    expect(kept.length).toBe(EXPLANATION_MAX_LINES + 1);
    expect(kept[0]).toBe('0.........');
    expect(kept[EXPLANATION_MAX_LINES - 1]).toBe(`${EXPLANATION_MAX_LINES - 1}`.padEnd(10, '.'));
    expect(kept[EXPLANATION_MAX_LINES]).toBe('… 7 more lines of the explanation left out');
  });

  it('caps the characters too, at a line boundary', () => {
    const width = 1000;
    const out = capExplanation(lines(200, width));
    expect(out.length).toBeLessThanOrEqual(EXPLANATION_MAX_CHARS + 100);
    const keptLines = Math.floor(EXPLANATION_MAX_CHARS / (width + 1));
    expect(out.split('\n').slice(-1)[0]).toBe(`… ${200 - keptLines} more lines of the explanation left out`);
  });
});
