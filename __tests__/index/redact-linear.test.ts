/**
 * Linear-time redaction of hostile text (review 2 s12 #1, #8): the scheme-less userinfo mask and
 * the query-value mask of unparseable URLs were regular expressions in which every character of a
 * run (`;;;;…`, `????…`) started a match that scanned to the end of the run. Both now give the
 * answers of those expressions — kept here as the specification — in linear time.
 */
import { describe, expect, it } from '@jest/globals';
import { maskBareUserinfo, redactText, redactUrl, runSecrets } from '../../src/index/redact.js';

/** The expression the mask must agree with (its old implementation). */
const SPEC = /(^|[\s"'(<=,;[])[^\s"'<>@/:()[\]]+:[^\s"'<>@/()]*@(?=[A-Za-z0-9[])/g;

/** A seeded generator of small strings made of the pieces that decide a match. */
function* samples(count: number): Generator<string> {
  const alphabet = [
    'ab',
    'ab',
    'ab',
    '1',
    ':',
    ':',
    '@h',
    '@h',
    '@',
    ';',
    '=',
    ',',
    '[',
    ']',
    ' ',
    '"',
    '/',
    '(',
    '<',
    '-',
    '\n',
  ];
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const length = next() % 10;
    let s = '';
    for (let k = 0; k < length; k++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

describe('scheme-less user:password@ masking', () => {
  it('masks exactly what the specifying expression matches, on 60,000 generated strings', () => {
    let differing = 0;
    let masked = 0;
    for (const s of samples(60_000)) {
      const want = s.replace(SPEC, '$1***@');
      if (want !== s) masked++;
      if (maskBareUserinfo(s) !== want) {
        differing++;
        expect({ input: s, got: maskBareUserinfo(s) }).toEqual({ input: s, got: want });
      }
    }
    expect(differing).toBe(0);
    expect(masked).toBeGreaterThan(500); // the generator does reach the masking cases
  });

  it('keeps the cases people write', () => {
    expect(maskBareUserinfo('index user:tok3n@pypi.example.com/simple')).toBe(
      'index ***@pypi.example.com/simple',
    );
    expect(maskBareUserinfo('--index-url me:pw@[::1]:8080/')).toBe('--index-url ***@[::1]:8080/');
    expect(maskBareUserinfo('--index-url=me:pw@h')).toBe('***@h'); // the user part may hold `=`
    expect(maskBareUserinfo('mail me@host.example')).toBe('mail me@host.example');
    expect(maskBareUserinfo('a;b:c@d')).toBe('***@d'); // and `;`
    expect(maskBareUserinfo('x (b:c@d')).toBe('x (***@d');
  });

  it('a megabyte run of delimiters before an @ is masked in linear time (was 15 minutes)', () => {
    for (const unit of [';', '=', ',', '[', ';a', 'a:']) {
      const run = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      expect(maskBareUserinfo(`${run}@host`)).toBe(`${run}@host`.replace(SPEC_ONCE(run), '$1***@'));
      expect(redactText(`ignoring the link to "${run}"`)).toContain(run.slice(0, 64));
    }
  }, 20_000);
});

/** The specification applied to one large input would itself be quadratic: answer it by hand. */
function SPEC_ONCE(run: string): RegExp {
  // `;`, `=`, `,`, `[` runs have no `:` before the `@`: nothing to mask. `;a` has none either.
  // `a:a:…` starts at the text's start: user `a`, then a password running to the `@`.
  return run.startsWith('a:') ? /^()[^@]*@/ : /$^/;
}

describe('query values of unparseable URLs', () => {
  it('masks the value after the first = of each parameter, as before', () => {
    runSecrets.clear();
    expect(redactUrl('http://[bad?a?b=secret&c=d#x=y')).toBe('http://[bad?a?b=***&c=***#x=y');
    expect(redactUrl('http://[bad?a b=secret')).toBe('http://[bad?a b=***');
  });

  it('a megabyte run of ? in an unparseable URL is redacted in linear time (was 20 minutes)', () => {
    const run = '?'.repeat(1024 * 1024);
    expect(redactUrl(`http://[${run}`)).toBe(`http://[${run}`);
    expect(redactText(`see http://[${run}=v`)).toBe(`see http://[${run}=***`);
  }, 20_000);
});
