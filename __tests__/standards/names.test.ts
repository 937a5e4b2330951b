import { describe, expect, it } from '@jest/globals';
import { InvalidNameError, isValidName, normalizeName, parseName } from '../../src/standards/names.js';

describe('PEP 503 names', () => {
  it.each([
    ['friendly-bard', 'friendly-bard'],
    ['Friendly-Bard', 'friendly-bard'],
    ['FRIENDLY-BARD', 'friendly-bard'],
    ['friendly.bard', 'friendly-bard'],
    ['friendly_bard', 'friendly-bard'],
    ['friendly--bard', 'friendly-bard'],
    ['FrIeNdLy-._.-bArD', 'friendly-bard'],
  ])('normalizes %s to %s (PEP 503 examples)', (input, out) => {
    expect(normalizeName(input)).toBe(out);
  });

  it.each(['a', 'A1', 'zope.interface', 'typing_extensions', 'x-y'])('accepts %s', (n) => {
    expect(isValidName(n)).toBe(true);
  });

  it.each(['', '-a', 'a-', '.a', 'a b', 'ä', 'a_'])('rejects %j', (n) => {
    expect(isValidName(n)).toBe(false);
    expect(() => parseName(n)).toThrow(InvalidNameError);
  });

  it('names the input in the error', () => {
    expect(() => parseName('bad name')).toThrow('invalid project name "bad name"');
  });
});
