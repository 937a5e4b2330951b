import { describe, expect, it } from '@jest/globals';
import * as pep440 from '@renovatebot/pep440';
import fc from 'fast-check';
import { timerTurn } from '../helpers/timer-turn.js';
import {
  InvalidSpecifierError,
  Specifier,
  SpecifierSet,
  specifierVersionProblem,
  type SpecifierOperator,
} from '../../src/standards/specifier.js';
import { compareVersions, Version } from '../../src/standards/version.js';

const V = (s: string): Version => Version.parse(s);
const matching = (spec: string, versions: string[]): string[] =>
  versions.filter((v) => SpecifierSet.parse(spec).matches(V(v)));

const versionArb: fc.Arbitrary<Version> = fc
  .record({
    epoch: fc.constantFrom(0, 0, 0, 1),
    release: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
    pre: fc.option(
      fc.record({ label: fc.constantFrom('a' as const, 'b' as const, 'rc' as const), n: fc.nat(2) }),
      {
        nil: undefined,
      },
    ),
    post: fc.option(fc.nat(2), { nil: undefined }),
    dev: fc.option(fc.nat(2), { nil: undefined }),
    local: fc.option(
      fc.array(fc.oneof(fc.nat(3), fc.constantFrom('a', 'z')), { minLength: 1, maxLength: 2 }),
      {
        nil: undefined,
      },
    ),
  })
  .map((p) => Version.fromParts(p));
const publicVersionArb = versionArb.map((v) => v.public);

describe('Specifier operators (PEP 440 "Version specifiers")', () => {
  const pool = [
    '0.9',
    '1.0.dev1',
    '1.0a1',
    '1.0rc1',
    '1.0',
    '1.0.0',
    '1.0+local',
    '1.0.post1',
    '1.0.post1+x',
    '1.1a1',
    '1.1',
    '1.1.post1',
    '1.2',
    '1.4.5',
    '2.0',
    '2.2',
    '2.2.post3',
    '2.2.1',
    '2.3',
    '3.0.dev0',
    '3.0',
    '1!1.0',
  ];
  const inPool = (v: string): string => {
    if (!pool.includes(v)) throw new Error(`${v} is not in the pool`);
    return v;
  };
  /** The pool without the given versions, in pool order. */
  const poolExcept = (...versions: string[]): string[] => {
    const out = new Set(versions.map(inPool));
    return pool.filter((v) => !out.has(v));
  };
  /** The pool from `first` on, in pool order. */
  const poolFrom = (first: string): string[] => pool.slice(pool.indexOf(inPool(first)));
  it.each([
    // Compatible release: `~=2.2` is `>=2.2, ==2.*`; `~=1.4.5` is `>=1.4.5, ==1.4.*`.
    ['~=2.2', ['2.2', '2.2.post3', '2.2.1', '2.3']],
    ['~=2.2.0', ['2.2', '2.2.post3', '2.2.1']],
    ['~=2.2.post3', ['2.2.post3', '2.2.1', '2.3']],
    [
      '~=1.0',
      ['1.0', '1.0.0', '1.0+local', '1.0.post1', '1.0.post1+x', '1.1a1', '1.1', '1.1.post1', '1.2', '1.4.5'],
    ],
    ['~=1!1.0', ['1!1.0']],
    // Version matching: zero padding, local labels ignored unless the specifier has one.
    ['==1.0', ['1.0', '1.0.0', '1.0+local']],
    ['==1', ['1.0', '1.0.0', '1.0+local']],
    ['==1.0+local', ['1.0+local']],
    ['==1.0.post1', ['1.0.post1', '1.0.post1+x']],
    ['==1.1.*', ['1.1a1', '1.1', '1.1.post1']],
    [
      '==1.*',
      [
        '1.0.dev1',
        '1.0a1',
        '1.0rc1',
        '1.0',
        '1.0.0',
        '1.0+local',
        '1.0.post1',
        '1.0.post1+x',
        '1.1a1',
        '1.1',
        '1.1.post1',
        '1.2',
        '1.4.5',
      ],
    ],
    ['==1.0.0.*', ['1.0.dev1', '1.0a1', '1.0rc1', '1.0', '1.0.0', '1.0+local', '1.0.post1', '1.0.post1+x']],
    ['==1!1.*', ['1!1.0']],
    ['!=1.0', poolExcept('1.0', '1.0.0', '1.0+local')],
    ['!=1.*,!=2.*,!=3.*', ['0.9', '1!1.0']],
    // Inclusive comparisons compare the public version.
    ['<=1.0', ['0.9', '1.0.dev1', '1.0a1', '1.0rc1', '1.0', '1.0.0', '1.0+local']],
    ['>=2.2.post3', ['2.2.post3', '2.2.1', '2.3', '3.0.dev0', '3.0', '1!1.0']],
    // `>V` excludes post-releases and local versions of V; `<V` excludes pre-releases of V.
    ['>1.0', poolFrom('1.1a1')],
    // packaging 26: a post-release V admits local versions of later post releases.
    ['>1.0.post0,<1.1', ['1.0.post1', '1.0.post1+x']],
    ['<3.0,>2.2', ['2.2.1', '2.3']],
    ['<3.0.dev0,>=2.3', ['2.3']],
    ['<1.0', ['0.9']],
    ['<1.0rc1', ['0.9', '1.0.dev1', '1.0a1']],
    ['<1!0', poolExcept('1!1.0')],
    // Arbitrary equality: string comparison of the (normalized) candidate.
    ['===1.0', ['1.0']],
    ['===1.0.0', ['1.0.0']],
    ['', pool],
  ])('%j matches %j', (spec, expected) => {
    expect(matching(spec, pool)).toEqual(expected);
  });

  it('normalizes each clause', () => {
    expect(Specifier.parse(' >= v1.0-1 ').toString()).toBe('>=1.0.post1');
    expect(Specifier.parse('==1.00.*').toString()).toBe('==1.0.*');
    expect(Specifier.parse('===Foo.Bar').toString()).toBe('===Foo.Bar');
    expect(Specifier.parse('~=1.0').operator).toBe('~=');
  });

  it('`!=` is the complement of `==`', () => {
    fc.assert(
      fc.property(versionArb, versionArb, fc.boolean(), (v, target, wildcard) => {
        const t = wildcard ? `${target.baseVersion.toString()}.*` : target.toString();
        expect(Specifier.parse(`!=${t}`).matches(v)).toBe(!Specifier.parse(`==${t}`).matches(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('inclusive and exclusive bounds agree with comparing against the bound', () => {
    fc.assert(
      fc.property(versionArb, publicVersionArb, (v, bound) => {
        const c = compareVersions(v.public, bound);
        expect(Specifier.parse(`>=${bound}`).matches(v)).toBe(c >= 0);
        expect(Specifier.parse(`<=${bound}`).matches(v)).toBe(c <= 0);
        // packaging 26: `>V` excludes post releases whose base (no post/dev/local) is V and local
        // versions whose public part is V; `<V` excludes pre-releases from `V.dev0` up.
        const { epoch, release, pre } = v;
        const postBase = Version.fromParts({ epoch, release, ...(pre ? { pre } : {}) });
        const gt =
          compareVersions(v, bound) > 0 &&
          !(postBase.equals(bound) && v.isPostrelease && !bound.isPostrelease) &&
          !(v.local !== undefined && v.public.equals(bound));
        expect(Specifier.parse(`>${bound}`).matches(v)).toBe(gt);
        const earliest = Version.fromParts({
          epoch: bound.epoch,
          release: bound.release,
          ...(bound.pre ? { pre: bound.pre } : {}),
          ...(bound.post !== undefined ? { post: bound.post } : {}),
          dev: 0,
        });
        const lt =
          compareVersions(v, bound) < 0 &&
          !(v.isPrerelease && !bound.isPrerelease && compareVersions(v, earliest) >= 0);
        expect(Specifier.parse(`<${bound}`).matches(v)).toBe(lt);
      }),
      { numRuns: 3000 },
    );
  });

  it('`~=V` is `>=V, ==prefix.*` (PEP 440 "Compatible release")', () => {
    fc.assert(
      fc.property(versionArb, publicVersionArb, (v, target) => {
        fc.pre(target.release.length >= 2);
        const prefix = `${target.epoch}!${target.release.slice(0, -1).join('.')}.*`;
        const expected = SpecifierSet.parse(`>=${target},==${prefix}`).matches(v);
        expect(Specifier.parse(`~=${target}`).matches(v)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with @renovatebot/pep440 on >=, <=, ==, != and ~= without epochs or local labels', () => {
    const plain = versionArb.filter((v) => v.epoch === 0 && v.local === undefined);
    fc.assert(
      fc.property(plain, plain, fc.constantFrom('>=', '<=', '==', '!=', '~='), (v, target, op) => {
        fc.pre(op !== '~=' || target.release.length >= 2);
        // The library does not zero-pad a candidate shorter than the `~=` prefix (see below).
        fc.pre(op !== '~=' || v.release.length >= target.release.length - 1);
        const spec = `${op}${target}`;
        expect(Specifier.parse(spec).matches(v)).toBe(
          pep440.satisfies(v.toString(), spec, { prereleases: true }),
        );
      }),
      { numRuns: 3000 },
    );
  });

  // Cases where @renovatebot/pep440 4.2.4 departs from PEP 440 (and packaging), so this module
  // implements specifiers itself: epochs under `>`, pre-release bounds under `<`, local labels.
  it.each([
    ['>1.0', '1!1.0', true],
    ['<1.0rc1', '1.0a1', true],
    ['<1.0.post1', '1.0', true],
    ['==1.0+local', '1.0+1.a', false],
    ['==1.0.*', '1', true],
    ['~=1.0.0', '1', true],
  ])('%s on %s is %s (library disagrees)', (spec, v, expected) => {
    expect(Specifier.parse(spec).matches(V(v))).toBe(expected);
    expect(pep440.satisfies(v, spec, { prereleases: true })).toBe(!expected);
  });
});

describe("pre-release handling (pip's rule)", () => {
  const versions = ['1.2', '1.3', '1.5a1'].map(V);
  const strs = (vs: Version[]): string[] => vs.map(String);

  // packaging's documented SpecifierSet.filter examples.
  it('drops pre-releases when a final release matches', () => {
    expect(strs(SpecifierSet.parse('>=1.2.3').filter(versions))).toEqual(['1.3']);
  });
  it('keeps pre-releases when nothing else matches', () => {
    expect(strs(SpecifierSet.parse('>=1.2.3').filter([V('1.2'), V('1.5a1')]))).toEqual(['1.5a1']);
    expect(strs(SpecifierSet.parse('').filter([V('1.0a1'), V('1.0b1')]))).toEqual(['1.0a1', '1.0b1']);
  });
  it('admits all pre-releases with prereleases: true (--pre)', () => {
    expect(strs(SpecifierSet.parse('>=1.2.3').filter(versions, { prereleases: true }))).toEqual([
      '1.3',
      '1.5a1',
    ]);
  });
  it('never admits pre-releases with prereleases: false', () => {
    expect(SpecifierSet.parse('>=1.2.3').filter([V('1.5a1')], { prereleases: false })).toEqual([]);
  });
  it.each([
    ['>=1.0a1', true],
    ['==1.0rc1', true],
    ['<=2.0.dev1', true],
    ['~=1.0b1', true],
    ['>1.0a1', true],
    ['<2.0.dev0', true],
    ['!=1.0a1', false],
    ['==1.0.*', false],
    ['>=1.0', false],
    ['>=1.0.post1', false],
    ['===1.0a1', true],
  ])('%s names a pre-release: %s', (spec, named) => {
    const set = SpecifierSet.parse(spec);
    expect(set.mentionsPrerelease).toBe(named);
    expect(SpecifierSet.parse(`${spec},<5`).mentionsPrerelease).toBe(named);
  });
  it('a set naming a pre-release admits other pre-releases too', () => {
    const set = SpecifierSet.parse('>=1.0a1,<3');
    expect(set.contains(V('2.0b1'))).toBe(true);
    expect(strs(set.filter([V('1.0'), V('2.0b1')]))).toEqual(['1.0', '2.0b1']);
  });
  it('contains admits a matching pre-release unless told not to (packaging 26)', () => {
    const set = SpecifierSet.parse('>=1.0');
    expect(set.contains(V('2.0a1'))).toBe(true);
    expect(set.contains(V('2.0a1'), { prereleases: true })).toBe(true);
    expect(set.contains(V('2.0a1'), { prereleases: false })).toBe(false);
    expect(set.contains(V('2.0'))).toBe(true);
    expect(set.contains(V('0.9a1'))).toBe(false);
    expect(Specifier.parse('>=1.0').contains(V('2.0a1'))).toBe(true);
    expect(Specifier.parse('>=1.0').contains(V('2.0a1'), { prereleases: false })).toBe(false);
  });

  it.each([
    // `>V` with V a pre/dev release: only post/local releases of V itself are excluded.
    ['>1.0a1', '1.0.post1', true],
    ['>1.0a1', '1.0+local', true],
    ['>1.0a1', '1.0a1.post1', false],
    ['>1.0a1', '1.0a1+local', false],
    ['>1.0a1', '1.0a2+local', true],
    ['>1.0.dev1', '1.0.post1', true],
    ['>1.0', '1.0.post1.dev1', false],
    ['>1.0', '1.0.0.post1', false],
    // `<V` with V a post release admits V's pre-releases; only V.post's own dev releases are out.
    ['<1.0.post1', '1.0a1', true],
    ['<1.0.post1', '1.0.dev0', true],
    ['<1.0.post1', '1.0.post1.dev1', false],
    ['<1.0.post1', '1.0', true],
    ['<1.0', '1.0rc1', false],
    ['<1.0', '1.0.dev0', false],
    ['<1.0', '0.9rc1', true],
    ['<1.0rc1', '1.0a1', true],
  ])('%s contains %s (prereleases admitted): %s', (spec, v, expected) => {
    expect(Specifier.parse(spec).contains(V(v), { prereleases: true })).toBe(expected);
  });

  it.each([
    ['>=3.6,', '>=3.6'],
    [',>=3.6', '>=3.6'],
    ['>=1.0,,<2', '<2,>=1.0'],
    [' , ', ''],
  ])('skips empty clauses as packaging does: %j → %j', (text, out) => {
    expect(SpecifierSet.parse(text).toString()).toBe(out);
  });

  it('keeps ~=1.0c1 equal to ~=1.0rc1 (packaging is buggy here: it reads ~=1.0c1 as ==1.0.*)', () => {
    for (const spec of ['~=1.0c1', '~=1.0.c1', '~=1.0rc1']) {
      const s = Specifier.parse(spec);
      expect(s.contains(V('1.1'))).toBe(true);
      expect(s.contains(V('1.0rc1'))).toBe(true);
      expect(s.contains(V('2.0'))).toBe(false);
    }
  });

  it('=== with nothing after it is a valid clause that matches no version (packaging)', () => {
    expect(SpecifierSet.parse('===').specifiers).toHaveLength(1);
    expect(SpecifierSet.parse('===').contains(V('1.0'))).toBe(false);
  });
  it('filter keeps input order and returns a subset of the matching versions', () => {
    fc.assert(
      fc.property(
        fc.array(versionArb, { maxLength: 12 }),
        publicVersionArb,
        fc.constantFrom(undefined, true, false),
        (vs, b, pre) => {
          const set = SpecifierSet.parse(`>=${b}`);
          const out = set.filter(vs, pre === undefined ? undefined : { prereleases: pre });
          const matched = vs.filter((v) => set.matches(v));
          expect(out.every((v) => matched.includes(v))).toBe(true);
          expect(out).toEqual(matched.filter((v) => out.includes(v)));
          const finals = matched.filter((v) => !v.isPrerelease);
          if (pre === true || (pre === undefined && set.mentionsPrerelease)) expect(out).toEqual(matched);
          else if (finals.length > 0 || pre === false) expect(out).toEqual(finals);
          else expect(out).toEqual(matched);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SpecifierSet.parse / toString', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['>=1.0', '>=1.0'],
    [' <2 , >= 1.0 ', '<2,>=1.0'],
    ['>=1.0,>=1.0,>= 1.0', '>=1.0'],
    ['!=1.5,~=1.0,==1.*', '!=1.5,==1.*,~=1.0'],
  ])('%j → %j', (input, out) => {
    const set = SpecifierSet.parse(input);
    expect(set.toString()).toBe(out);
    expect(SpecifierSet.parse(set.toString()).toString()).toBe(out);
  });
  it('an empty set admits any final version', () => {
    expect(SpecifierSet.parse('').isEmpty).toBe(true);
    expect(SpecifierSet.parse('').contains(V('7.3'))).toBe(true);
  });
  it('and() intersects', () => {
    expect(SpecifierSet.parse('>=1').and(SpecifierSet.parse('<2,>=1')).toString()).toBe('<2,>=1');
  });

  it.each([
    ['>=', '>=', 'expected a version after ">="'],
    ['>=1.0, foo', 'foo', 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)'],
    ['>=1.0, <2.x', '<2.x', '"2.x" is not a valid version'],
    ['==1.0.*.*', '==1.0.*.*', '"1.0.*.*" is not a valid version prefix'],
    ['==1.0a1.*', '==1.0a1.*', '"1.0a1.*" is not a valid version prefix'],
    ['>=1.*', '>=1.*', '">=" does not allow a ".*" wildcard'],
    ['~=1.0.*', '~=1.0.*', '"~=" does not allow a ".*" wildcard'],
    ['<1.0+local', '<1.0+local', '"<" does not allow a local version'],
    ['~=1', '~=1', '"~=" needs a version with at least two release segments'],
    ['== 1.0 1', '== 1.0 1', '"1.0 1" is not a valid version'],
    ['=== a b', '=== a b', '"===" takes a version without whitespace'],
  ])('%j fails on %j: %s', (input, part, reason) => {
    let err: unknown;
    try {
      SpecifierSet.parse(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidSpecifierError);
    const e = err as InvalidSpecifierError;
    expect(e.input).toBe(input);
    expect(e.part).toBe(part);
    expect(e.message).toBe(
      input === part
        ? `invalid specifier ${JSON.stringify(input)}: ${reason}`
        : `invalid specifier ${JSON.stringify(input)}: ${reason} in ${JSON.stringify(part)}`,
    );
  });
});

describe('Specifier.parse on hostile clauses (review 1 of session 13)', () => {
  // The pattern the parser used before, kept here as the reference for its parts.
  const REFERENCE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(.*?)\s*$/s;
  const parts = (text: string): string => {
    try {
      const s = Specifier.parse(text);
      return `${s.operator}|${s.versionText}`;
    } catch (error) {
      if (error instanceof InvalidSpecifierError) return 'invalid';
      throw error;
    }
  };
  const referenceParts = (text: string): string => {
    const m = REFERENCE.exec(text);
    if (m === null) return 'invalid';
    const op = m[1] as SpecifierOperator;
    if (specifierVersionProblem(op, m[2]!) !== null) return 'invalid';
    // The reference's parts, normalised as a Specifier (a blank keeps the operator apart).
    const s = Specifier.parse(`${op} ${m[2]!}`);
    return `${s.operator}|${s.versionText}`;
  };

  it('splits every clause as the old pattern did (operator, operand, blanks of every kind around them)', () => {
    const piece = fc.constantFrom(
      '=',
      '==',
      '===',
      '~',
      '!',
      '<',
      '>',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '1',
      '.',
      '*',
      'a',
      'v',
      '+',
      ';',
      ')',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(parts(text)).toBe(referenceParts(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of [' >= 1.0 ', '==\u00a02.*\u2028', '=== foo ', '~=1.4.5\n', '<  3', '>', '== ']) {
      expect(parts(text)).toBe(referenceParts(text));
    }
  });

  // One clause with a 200,000-blank run took the old pattern ~80 s here — far beyond this test's
  // timeout, which the timer turns let fire — while the linear parse takes milliseconds.
  it('a clause with a long run of blanks inside is parsed in linear time (the old pattern: ~80 s at 200k, hours at 10 MiB)', async () => {
    const run = ' '.repeat(200_000);
    for (const text of [`==a${run}b`, `>=${run}1${run}x`]) {
      expect(() => Specifier.parse(text)).toThrow(InvalidSpecifierError);
      await timerTurn();
    }
    expect(Specifier.parse(`>=${run}3.8${run}`).versionText).toBe('3.8');
  }, 5_000);
});
