import { describe, expect, it } from '@jest/globals';
import { median, medianIndex, spread } from '../../bench/harness/stats.js';

describe('bench stats', () => {
  it('takes the middle value of an odd count, unsorted input', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('median of an empty list');
  });

  it('reports min, max and count', () => {
    expect(spread([3, 10, 7])).toEqual({ median: 7, min: 3, max: 10, n: 3 });
  });

  it('finds the run closest to the median', () => {
    expect(medianIndex([30, 10, 20])).toBe(2);
    expect(medianIndex([5])).toBe(0);
  });
});
