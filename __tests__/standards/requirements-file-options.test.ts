import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { normalizeName } from '../../src/standards/names.js';
import { shellWords } from '../../src/standards/requirements-file-lines.js';
import {
  allowedFormats,
  applyBinaryValue,
  applyLineOptions,
  checkHash,
  defaultOptions,
  emptyBinaryRule,
  mayUseSdist,
  mayUseWheel,
  parseOptionWords,
  type BinaryRule,
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

describe('--no-binary / --only-binary (pip FormatControl)', () => {
  type Step = ['no' | 'only', string];
  const run = (steps: Step[]) => {
    const rules = { noBinary: emptyBinaryRule(), onlyBinary: emptyBinaryRule() };
    for (const [which, value] of steps) {
      if (which === 'no') applyBinaryValue(value, rules.noBinary, rules.onlyBinary);
      else applyBinaryValue(value, rules.onlyBinary, rules.noBinary);
    }
    return rules;
  };
  const formats = (rules: { noBinary: BinaryRule; onlyBinary: BinaryRule }, name: string) => {
    const f = allowedFormats(rules, normalizeName(name));
    return [f.wheel ? 'binary' : '', f.sdist ? 'source' : ''].filter(Boolean).join('+');
  };

  // [steps, foo, bar, baz] — expectations follow FormatControl.get_allowed_formats.
  const cases: Array<[Step[], string, string, string]> = [
    [[], 'binary+source', 'binary+source', 'binary+source'],
    [[['no', ':all:']], 'source', 'source', 'source'],
    [[['only', ':all:']], 'binary', 'binary', 'binary'],
    [
      [
        ['no', ':all:'],
        ['only', 'foo'],
      ],
      'binary',
      'source',
      'source',
    ],
    [
      [
        ['only', ':all:'],
        ['no', 'foo'],
      ],
      'source',
      'binary',
      'binary',
    ],
    [
      [
        ['no', 'foo,bar'],
        ['only', 'foo'],
      ],
      'binary',
      'source',
      'binary+source',
    ],
    [[['no', ':all:,foo']], 'source', 'source', 'source'],
    [[['no', ':all:,:none:,foo']], 'source', 'binary+source', 'binary+source'],
    [
      [
        ['no', 'foo'],
        ['no', ':none:'],
      ],
      'binary+source',
      'binary+source',
      'binary+source',
    ],
    [
      [
        ['only', ':all:'],
        ['no', ':all:'],
      ],
      'source',
      'source',
      'source',
    ],
    [
      [
        ['no', 'foo'],
        ['only', ':all:'],
      ],
      'binary',
      'binary',
      'binary',
    ],
    [[['no', 'Foo_Bar.Baz']], 'binary+source', 'binary+source', 'binary+source'],
  ];
  it.each(cases)('%j → foo %s, bar %s, baz %s', (steps, foo, bar, baz) => {
    const rules = run(steps);
    expect([formats(rules, 'foo'), formats(rules, 'bar'), formats(rules, 'baz')]).toEqual([foo, bar, baz]);
  });

  it('normalizes names and answers through the predicates', () => {
    const rules = run([
      ['no', 'Foo_Bar.Baz'],
      ['only', 'numpy'],
    ]);
    expect(rules.noBinary.names).toEqual(['foo-bar-baz']);
    expect(mayUseWheel(rules, normalizeName('foo-bar-baz'))).toBe(false);
    expect(mayUseSdist(rules, normalizeName('foo-bar-baz'))).toBe(true);
    expect(mayUseWheel(rules, normalizeName('NumPy'))).toBe(true);
    expect(mayUseSdist(rules, normalizeName('NumPy'))).toBe(false);
  });

  it('returns invalid names without applying them', () => {
    const target = emptyBinaryRule();
    expect(applyBinaryValue('good,bad name,', target, emptyBinaryRule())).toEqual(['bad name', '']);
    expect(target.names).toEqual(['good']);
  });

  const pip = spawnSync('python3', ['-c', 'import pip._internal.models.format_control'], {
    encoding: 'utf8',
  });
  (pip.status === 0 ? it : it.skip)('agrees with pip FormatControl on every case (python3 found)', () => {
    const script = [
      'import json,sys',
      'from pip._internal.models.format_control import FormatControl as F',
      'out=[]',
      'for steps in json.load(sys.stdin):',
      '  f=F(set(),set())',
      '  for w,v in steps:',
      '    (F.handle_mutual_excludes(v,f.no_binary,f.only_binary) if w=="no" else F.handle_mutual_excludes(v,f.only_binary,f.no_binary))',
      '  out.append(["+".join(x for x in ["binary","source"] if x in f.get_allowed_formats(n)) for n in ["foo","bar","baz"]])',
      'print(json.dumps(out))',
    ].join('\n');
    const run2 = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(cases.map((c) => c[0])),
      encoding: 'utf8',
    });
    expect(run2.status).toBe(0);
    expect(JSON.parse(run2.stdout)).toEqual(cases.map((c) => c.slice(1)));
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
