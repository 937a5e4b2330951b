import { describe, expect, it } from '@jest/globals';
import { shellWords } from '../../src/standards/requirements-file-lines.js';
import {
  applyLineOptions,
  checkHash,
  defaultOptions,
  parseOptionWords,
} from '../../src/standards/requirements-file-options.js';

const parse = (text: string) => parseOptionWords(shellWords(text));

describe('option spelling (optparse as pip uses it)', () => {
  it.each<[string, string, string]>([
    ['-r other.txt', 'requirement', 'other.txt'],
    ['-rother.txt', 'requirement', 'other.txt'],
    ['--requirement=other.txt', 'requirement', 'other.txt'],
    ['--requirement other.txt', 'requirement', 'other.txt'],
    ['--requireme=other.txt', 'requirement', 'other.txt'],
    ['-c c.txt', 'constraint', 'c.txt'],
    ['--constraint=c.txt', 'constraint', 'c.txt'],
    ['-e ./pkg', 'editable', './pkg'],
    ['--editable=./pkg', 'editable', './pkg'],
    ['-i https://x/simple', 'index-url', 'https://x/simple'],
    ['--index-url=https://x/simple', 'index-url', 'https://x/simple'],
    ['--pypi-url https://x/simple', 'index-url', 'https://x/simple'],
    ['--extra-index-url https://y/simple', 'extra-index-url', 'https://y/simple'],
    ['-f ./wheels', 'find-links', './wheels'],
    ['--find-links=https://h/links', 'find-links', 'https://h/links'],
    ['--no-binary :all:', 'no-binary', ':all:'],
    ['--only-binary=foo,bar', 'only-binary', 'foo,bar'],
    ['--trusted-host h.example', 'trusted-host', 'h.example'],
    ['--hash=sha256:ab', 'hash', 'sha256:ab'],
    ['--hash sha256:ab', 'hash', 'sha256:ab'],
    ['-C k=v', 'config-settings', 'k=v'],
    ['--config-settings=k=v', 'config-settings', 'k=v'],
    ['--global-option=--x', 'global-option', '--x'],
    ['--use-feature=truststore', 'use-feature', 'truststore'],
    ['--no-index', 'no-index', ''],
    ['--pre', 'pre', ''],
    ['--prefer-binary', 'prefer-binary', ''],
    ['--prefer', 'prefer-binary', ''],
    ['--require-hashes', 'require-hashes', ''],
  ])('%s → %s %j', (text, name, value) => {
    const { options, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(options.map((o) => [o.spec.name, o.value])).toEqual([[name, value]]);
  });

  it('records value offsets for each spelling', () => {
    const { options } = parse('-r a.txt -rb.txt --requirement=c.txt');
    expect(options.map((o) => [o.start, o.end, o.valueStart, o.valueEnd])).toEqual([
      [0, 8, 3, 8],
      [9, 16, 11, 16],
      [17, 36, 31, 36],
    ]);
  });

  it.each<[string, string]>([
    ['--bogus', 'unknown option --bogus'],
    ['--bogus=1', 'unknown option --bogus'],
    ['-x', 'unknown option -x'],
    ['--p', 'ambiguous option --p (could be --pypi-url, --prefer-binary, --pre)'],
    ['--no', 'ambiguous option --no (could be --no-index, --no-binary)'],
    ['--req=x', 'ambiguous option --req (could be --requirement, --require-hashes)'],
    ['--pre=yes', 'option --pre does not take a value'],
    ['-r', 'option -r requires a value'],
    ['--hash', 'option --hash requires a value'],
    ['--pre stray', 'unexpected argument after options'],
  ])('%s is a problem: %s', (text, message) => {
    expect(parse(text).problems.map((p) => p.message)).toEqual([message]);
  });
});

describe('--hash values', () => {
  const hex64 = 'ab'.repeat(32);
  it.each<[string, string]>([
    [`sha256:${hex64}`, `sha256:${hex64}`],
    [`sha256:${hex64.toUpperCase()}`, `sha256:${hex64}`],
    [`sha384:${'0'.repeat(96)}`, `sha384:${'0'.repeat(96)}`],
    [`sha512:${'f'.repeat(128)}`, `sha512:${'f'.repeat(128)}`],
  ])('accepts %s', (value, out) => {
    expect(checkHash(value)).toEqual({ hash: out });
  });

  it.each<[string, string]>([
    [hex64, '--hash must be ALGORITHM:HEX, like --hash=sha256:0123…'],
    [`md5:${'0'.repeat(32)}`, 'unsupported hash algorithm "md5" (allowed: sha256, sha384, sha512)'],
    [`sha1:${'0'.repeat(40)}`, 'unsupported hash algorithm "sha1" (allowed: sha256, sha384, sha512)'],
    ['sha256:abc', 'sha256 digest must be 64 hex digits, not 3'],
    [`sha256:${'g'.repeat(64)}`, 'sha256 digest is not hexadecimal'],
    [`sha512:${hex64}`, 'sha512 digest must be 128 hex digits, not 64'],
  ])('rejects %s: %s', (value, message) => {
    expect(checkHash(value)).toEqual({ message });
  });
});

describe('option lines applied to the finder options (pip handle_option_line)', () => {
  const apply = (...lines: string[]) => {
    const target = defaultOptions();
    const problems = lines.flatMap((l) => applyLineOptions(target, parse(l).options).map((p) => p.message));
    return { target, problems };
  };

  it('collects repeatable options in order', () => {
    const { target } = apply(
      '--extra-index-url https://a/simple',
      '--extra-index-url https://b/simple -f ./w1',
      '-f https://links --trusted-host a --trusted-host b',
    );
    expect(target.extraIndexUrls).toEqual(['https://a/simple', 'https://b/simple']);
    expect(target.findLinks).toEqual(['./w1', 'https://links']);
    expect(target.trustedHosts).toEqual(['a', 'b']);
  });

  it('-i replaces the index list, dropping earlier extra index URLs but keeping those of its own line', () => {
    const { target } = apply(
      '--extra-index-url https://a/simple',
      '--extra-index-url https://b/simple -i https://i/simple',
    );
    expect(target.indexUrl).toBe('https://i/simple');
    expect(target.extraIndexUrls).toEqual(['https://b/simple']);
  });

  it('--no-index drops every index and ignores later ones', () => {
    const { target } = apply(
      '-i https://i/simple --extra-index-url https://a',
      '--no-index',
      '-i https://later --extra-index-url https://b',
    );
    expect(target).toMatchObject({ noIndex: true, indexUrl: undefined, extraIndexUrls: [] });
  });

  it('ignores an empty -i, as pip does', () => {
    const { target } = apply('-i https://i/simple', '--index-url=');
    expect(target.indexUrl).toBe('https://i/simple');
  });

  it('turns on flags', () => {
    const { target } = apply('--pre', '--prefer-binary --require-hashes');
    expect(target).toMatchObject({ pre: true, preferBinary: true, requireHashes: true });
  });

  it('reports bad binary values', () => {
    expect(apply('--no-binary=', '--only-binary "a b"').problems).toEqual([
      '--no-binary requires a value (:all:, :none: or project names)',
      'invalid project name "a b" in --only-binary',
    ]);
  });
});
