import { describe, expect, it } from '@jest/globals';
import { markerEnvironmentFor, type MarkerEnvironment } from '../../src/standards/environment.js';
import {
  InvalidMarkerError,
  MARKER_MAX_DEPTH,
  markerExtras,
  markerToString,
  parseMarker,
} from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';

const linux39: MarkerEnvironment = {
  ...markerEnvironmentFor({ pythonVersion: '3.9.0', os: 'linux', arch: 'x86_64' }),
  platform_release: '5.15.0-1034-azure',
  platform_version: '#1 SMP Tue',
};

describe('parseMarker / markerToString', () => {
  it.each([
    ['python_version>"2.7"', 'python_version > "2.7"'],
    ["os_name=='nt'", 'os_name == "nt"'],
    ['"3.9" == python_version', '"3.9" == python_version'],
    ['sys_platform not in "win32 cygwin"', 'sys_platform not in "win32 cygwin"'],
    ['sys_platform  not   in "win32"', 'sys_platform not in "win32"'],
    ['"linux" in sys_platform', '"linux" in sys_platform'],
    ['a_var == "x"'.replace('a_var', 'platform_machine'), 'platform_machine == "x"'],
    ['((os_name == "a"))', 'os_name == "a"'],
    [
      'os_name == "a" and os_name == "b" or os_name == "c"',
      '(os_name == "a" and os_name == "b") or os_name == "c"',
    ],
    [
      'os_name == "a" or os_name == "b" and os_name == "c"',
      'os_name == "a" or (os_name == "b" and os_name == "c")',
    ],
    [
      'os_name == "a" and (os_name == "b" or os_name == "c")',
      'os_name == "a" and (os_name == "b" or os_name == "c")',
    ],
    [
      '(os_name == "a" and os_name == "b") and os_name == "c"',
      '(os_name == "a" and os_name == "b") and os_name == "c"',
    ],
    ['extra == "Test"', 'extra == "Test"'],
    ['python_full_version >= "3.9.0rc1"', 'python_full_version >= "3.9.0rc1"'],
    [
      'python_version ~= "3.8" and python_version === "3.9"',
      'python_version ~= "3.8" and python_version === "3.9"',
    ],
    ['platform_version == \'say "hi"\'', 'platform_version == \'say "hi"\''],
    // packaging's legacy spellings
    ['os.name == "nt"', 'os_name == "nt"'],
    ['sys.platform == "linux"', 'sys_platform == "linux"'],
    ['platform.machine == "x86_64"', 'platform_machine == "x86_64"'],
    ['platform.version == "1"', 'platform_version == "1"'],
    ['platform.python_implementation == "PyPy"', 'platform_python_implementation == "PyPy"'],
    ['python_implementation == "PyPy"', 'platform_python_implementation == "PyPy"'],
  ])('%s → %s', (text, out) => {
    const m = parseMarker(text);
    expect(markerToString(m)).toBe(out);
    expect(markerToString(parseMarker(out))).toBe(out);
  });

  it('builds the and/or tree with and binding tighter', () => {
    expect(parseMarker('os_name == "a" or os_name == "b" and sys_platform == "c"')).toEqual({
      kind: 'or',
      items: [
        {
          kind: 'compare',
          lhs: { kind: 'variable', name: 'os_name' },
          op: '==',
          rhs: { kind: 'string', value: 'a' },
        },
        {
          kind: 'and',
          items: [
            {
              kind: 'compare',
              lhs: { kind: 'variable', name: 'os_name' },
              op: '==',
              rhs: { kind: 'string', value: 'b' },
            },
            {
              kind: 'compare',
              lhs: { kind: 'variable', name: 'sys_platform' },
              op: '==',
              rhs: { kind: 'string', value: 'c' },
            },
          ],
        },
      ],
    });
  });

  it.each([
    ['', 0, 'expected a marker expression'],
    ['python_version', 14, 'expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)'],
    ['python_version >', 16, 'expected a value after ">" (a marker variable or a quoted string)'],
    ['python_version = "3"', 15, 'unexpected character "="'],
    ['python_version not "3"', 15, 'expected "in" after "not"'],
    ['os_name == "nt" and', 19, 'expected a marker expression (a marker variable or a quoted string)'],
    ['os_name == "nt" os_name == "x"', 16, 'expected "and", "or" or the end of the marker'],
    ['(os_name == "nt"', 16, 'expected ")"'],
    ['os_name == "nt")', 15, 'expected "and", "or" or the end of the marker'],
    ['os_name == "nt', 11, 'unterminated string (missing closing ")'],
    ['extras == "a"', 0, 'unknown marker variable "extras"'],
    ['os_name == nt', 11, 'unknown marker variable "nt"'],
    ['os_name && "nt"', 8, 'unexpected character "&"'],
    // packaging 26: strings are Python literals; whitespace is spaces and tabs only.
    ['os_name == "a\nb"', 13, 'a line break inside a quoted string'],
    ['os_name == "a\r\nb"', 13, 'a line break inside a quoted string'],
    ['os_name == "ab\\"', 14, 'a trailing backslash escapes the closing quote'],
    ['os_name not\nin "nt"', 8, 'expected "in" after "not"'],
    ['os_name == "\\x4"', 12, '"\\x" needs 2 hex digits'],
    ['os_name == "\\N{DASH}"', 12, '"\\N{...}" escapes (Unicode character names) are not supported'],
    ['"a" == "b"', 0, 'a comparison needs a marker variable on one side'],
  ])('%j fails at column %d: %s', (text, column, reason) => {
    let err: unknown;
    try {
      parseMarker(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidMarkerError);
    const e = err as InvalidMarkerError;
    expect([e.input, e.column, e.reason]).toEqual([text, column, reason]);
    expect(e.message).toBe(`invalid marker ${JSON.stringify(text)}: ${reason} at column ${column}`);
  });
});

describe('markerExtras', () => {
  it('lists the extras a marker refers to', () => {
    expect(markerExtras(parseMarker('extra == "B_x" or (python_version < "3" and "a" == extra)'))).toEqual([
      'a',
      'b-x',
    ]);
  });
});

describe('nesting depth (review 1 of session 13: thousands of levels overflowed the stack)', () => {
  const nested = (n: number): string => '('.repeat(n) + 'python_version > "3"' + ')'.repeat(n);

  it('reads every depth pip reads (23.2 fails between 80 and 90 levels, 26.2 at about 495) up to the bound', () => {
    expect(MARKER_MAX_DEPTH).toBeGreaterThanOrEqual(495);
    expect(evaluateMarker(parseMarker(nested(MARKER_MAX_DEPTH)), linux39)).toBe(true);
    expect(markerToString(parseMarker(nested(80)))).toBe('python_version > "3"');
  });

  it('refuses one level more, and 100,000 levels, as a marker error at the parenthesis past the bound', () => {
    for (const n of [MARKER_MAX_DEPTH + 1, 100_000]) {
      let caught: unknown;
      try {
        parseMarker(nested(n));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidMarkerError);
      expect((caught as Error).message).toContain(`more than ${MARKER_MAX_DEPTH} nested parentheses`);
      expect((caught as InvalidMarkerError).column).toBe(MARKER_MAX_DEPTH); // the first "(" too many
    }
  });
});
