/**
 * Lenient percent-decoding (src/standards/percent-decode.ts; review 14b #6), against Python 3.11's
 * `urllib.parse.unquote` (what pip 23.2 uses for link file names and URL credentials) — the expected
 * values were printed by `python3 -c "from urllib.parse import unquote; print(repr(unquote(s)))"` on
 * this machine — and lock-files.ts `filenameOfUrl`, which threw a URIError ("internal error: URI malformed").
 */
import { describe, expect, it } from '@jest/globals';
import { unquote } from '../../src/standards/percent-decode.js';
import { filenameOfUrl } from '../../src/standards/lock-files.js';

describe('unquote', () => {
  it.each([
    ['p%zz', 'p%zz'],
    ['a%41b', 'aAb'],
    ['%E2%82%AC%', '€%'],
    ['%C3x%A9', '\ufffdx\ufffd'],
    ['100%', '100%'],
    ['%%41', '%A'],
    ['%e2%82', '\ufffd'],
    ['x%2Fy', 'x/y'],
    ['plain', 'plain'],
  ])('%j → %j as Python unquote', (input, expected) => {
    expect(unquote(input)).toBe(expected);
  });
});

describe('a "%" that is no escape in a lock file URL', () => {
  it('the file name keeps it (pip Link.filename → unquote)', () => {
    expect(filenameOfUrl('http://127.0.0.1:9/files/example-21.12%zz-py3-none-any.whl')).toBe(
      'example-21.12%zz-py3-none-any.whl',
    );
    expect(filenameOfUrl('https://f.example/p/example-1.0%2Bcpu-py3-none-any.whl')).toBe(
      'example-1.0+cpu-py3-none-any.whl',
    );
  });
});
