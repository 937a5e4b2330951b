import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { normalizeName } from '../../src/standards/names.js';
import {
  allowedFormats,
  applyBinaryValue,
  emptyBinaryRule,
  mayUseSdist,
  mayUseWheel,
  type BinaryRule,
} from '../../src/standards/requirements-file-binary.js';

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
    expect([...rules.noBinary.names]).toEqual(['foo-bar-baz']);
    expect(mayUseWheel(rules, normalizeName('foo-bar-baz'))).toBe(false);
    expect(mayUseSdist(rules, normalizeName('foo-bar-baz'))).toBe(true);
    expect(mayUseWheel(rules, normalizeName('NumPy'))).toBe(true);
    expect(mayUseSdist(rules, normalizeName('NumPy'))).toBe(false);
  });

  it('moves a name from the other rule, keeps each name once, in the order first named', () => {
    const only = emptyBinaryRule();
    const no = emptyBinaryRule();
    applyBinaryValue('a,b,c', no, only);
    applyBinaryValue('b,d,B', only, no);
    expect([...no.names]).toEqual(['a', 'c']);
    expect([...only.names]).toEqual(['b', 'd']);
  });

  it('returns invalid names without applying them', () => {
    const target = emptyBinaryRule();
    expect(applyBinaryValue('good,bad name,', target, emptyBinaryRule())).toEqual(['bad name', '']);
    expect([...target.names]).toEqual(['good']);
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
