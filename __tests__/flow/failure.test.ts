/** describeFailure's classification of the solver's work bound (review 2 of session 13, R1). */
import { describe, expect, it } from '@jest/globals';
import { describeFailure } from '../../src/flow/failure.js';
import { ResolutionTooComplexError } from '../../src/resolver/errors.js';

describe('describeFailure', () => {
  it('a resolution too complex is exit 2 (nothing proven), an input problem naming the packages', () => {
    const failure = describeFailure(
      new ResolutionTooComplexError(10_001, 30_000, [{ pkg: 'h3', conflicts: 9 }]),
    );
    expect(failure.exitCode).toBe(2);
    expect(failure.kind).toBe('input');
    expect(failure.message).toContain('resolution too complex: gave up after 10001 conflicts');
    expect(failure.message).toContain('h3 (9)');
  });
});
