import { describe, expect, it } from '@jest/globals';
import * as pep440 from '@renovatebot/pep440';
import fc from 'fast-check';
import {
  comparePublicVersions,
  compareVersions,
  InvalidVersionError,
  sameBaseVersion,
  Version,
} from '../../src/standards/version.js';

/** Versions with random but valid PEP 440 spellings, and their expected normalized form. */
const spelledVersion: fc.Arbitrary<{ text: string; normalized: string }> = fc
  .record({
    v: fc.boolean(),
    epoch: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    release: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }),
    pre: fc.option(
      fc.record({
        spelling: fc.constantFrom('a', 'alpha', 'A', 'b', 'beta', 'rc', 'c', 'pre', 'preview', 'RC'),
        n: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        sep: fc.constantFrom('', '.', '-', '_'),
      }),
      { nil: undefined },
    ),
    post: fc.option(
      fc.record({
        spelling: fc.constantFrom('post', 'rev', 'r', 'POST', 'implicit'),
        n: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        sep: fc.constantFrom('', '.', '-', '_'),
      }),
      { nil: undefined },
    ),
    dev: fc.option(
      fc.record({
        n: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        sep: fc.constantFrom('', '.', '-'),
      }),
      { nil: undefined },
    ),
    local: fc.option(
      fc.array(fc.oneof(fc.constantFrom('abc', 'ubuntu', 'Z', 'x1'), fc.integer({ min: 0, max: 20 })), {
        minLength: 1,
        maxLength: 3,
      }),
      { nil: undefined },
    ),
    localSep: fc.constantFrom('.', '-', '_'),
    space: fc.constantFrom('', ' ', '\t'),
  })
  .map((r) => {
    let text = r.space + (r.v ? 'v' : '');
    let normalized = '';
    if (r.epoch !== undefined) {
      text += `${r.epoch}!`;
      if (r.epoch !== 0) normalized += `${r.epoch}!`;
    }
    text += r.release.join('.');
    normalized += r.release.join('.');
    if (r.pre) {
      text += `${r.pre.sep}${r.pre.spelling}${r.pre.n ?? ''}`;
      const label = { a: 'a', alpha: 'a', b: 'b', beta: 'b', rc: 'rc', c: 'rc', pre: 'rc', preview: 'rc' }[
        r.pre.spelling.toLowerCase() as 'a'
      ];
      normalized += `${label}${r.pre.n ?? 0}`;
    }
    if (r.post) {
      // `1.0a-1` is pre-release a1 (the pre number takes the digits), so an implicit post
      // release only follows a pre-release that has its number.
      if (r.post.spelling === 'implicit' && (r.pre === undefined || r.pre.n !== undefined))
        text += `-${r.post.n ?? 0}`;
      else if (r.post.spelling === 'implicit') text += `.post${r.post.n ?? 0}`;
      else text += `${r.post.sep}${r.post.spelling}${r.post.n ?? ''}`;
      normalized += `.post${r.post.n ?? 0}`;
    }
    if (r.dev) {
      text += `${r.dev.sep}dev${r.dev.n ?? ''}`;
      normalized += `.dev${r.dev.n ?? 0}`;
    }
    if (r.local) {
      text += `+${r.local.join(r.localSep)}`;
      normalized += `+${r.local.map((s) => (typeof s === 'string' ? s.toLowerCase() : s)).join('.')}`;
    }
    return { text: text + r.space, normalized };
  });

const version = spelledVersion.map((s) => Version.parse(s.text));
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('Version.parse normalization (PEP 440 "Normalization")', () => {
  it.each([
    ['1.0', '1.0'],
    ['1.0.0', '1.0.0'],
    ['1.0a', '1.0a0'],
    ['1.0A1', '1.0a1'],
    ['1.1ALPHA1', '1.1a1'],
    ['1.1.a1', '1.1a1'],
    ['1.1-a1', '1.1a1'],
    ['1.1_a1', '1.1a1'],
    ['1.0a.1', '1.0a1'],
    ['1.1alpha1', '1.1a1'],
    ['1.1beta2', '1.1b2'],
    ['1.1c3', '1.1rc3'],
    ['1.1pre4', '1.1rc4'],
    ['1.1preview5', '1.1rc5'],
    ['1.2-post2', '1.2.post2'],
    ['1.2post2', '1.2.post2'],
    ['1.2.post', '1.2.post0'],
    ['1.2-r4', '1.2.post4'],
    ['1.2.rev33', '1.2.post33'],
    ['1.0-1', '1.0.post1'],
    ['1.0a-1', '1.0a1'],
    ['1.0a1-1', '1.0a1.post1'],
    ['1.2-dev2', '1.2.dev2'],
    ['1.2dev2', '1.2.dev2'],
    ['1.2.dev', '1.2.dev0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+ubuntu_01', '1.0+ubuntu.1'],
    ['1.0+UBUNTU.1', '1.0+ubuntu.1'],
    ['v1.0', '1.0'],
    ['V1.0', '1.0'],
    ['  1.0\n', '1.0'],
    ['0!1.0', '1.0'],
    ['1!2.0', '1!2.0'],
    ['01.002.0003', '1.2.3'],
    ['1.0RC1.POST2.DEV3', '1.0rc1.post2.dev3'],
    ['2012.4', '2012.4'],
    ['1.0.post1.dev2+abc.3', '1.0.post1.dev2+abc.3'],
  ])('%j → %s', (input, out) => {
    expect(Version.parse(input).toString()).toBe(out);
  });

  it('exposes the parsed parts', () => {
    const v = Version.parse('2!1.2.3rc4.post5.dev6+Ab.7');
    expect(v.epoch).toBe(2);
    expect(v.release).toEqual([1, 2, 3]);
    expect(v.pre).toEqual({ label: 'rc', n: 4 });
    expect(v.post).toBe(5);
    expect(v.dev).toBe(6);
    expect(v.local).toEqual(['ab', 7]);
    expect(v.isPrerelease).toBe(true);
    expect(v.isDevrelease).toBe(true);
    expect(v.isPostrelease).toBe(true);
    expect(v.public.toString()).toBe('2!1.2.3rc4.post5.dev6');
    expect(v.baseVersion.toString()).toBe('2!1.2.3');
  });

  it.each([
    ['1.0', false, false, false],
    ['1.0a1', true, false, false],
    ['1.0.dev1', true, true, false],
    ['1.0.post1', false, false, true],
    ['1.0.post1.dev1', true, true, true],
    ['1.0+local', false, false, false],
  ])('%s: prerelease %s, dev %s, post %s', (text, pre, dev, post) => {
    const v = Version.parse(text);
    expect([v.isPrerelease, v.isDevrelease, v.isPostrelease]).toEqual([pre, dev, post]);
  });

  it.each([
    '',
    'french toast',
    '1.0+',
    '1.0+a..b',
    '1..0',
    '1.0.',
    '1.0-',
    'a1.0',
    '1.0a1a2',
    '1!',
    '!1.0',
    '1.0 a1',
    '1.*',
    '1.0+ a',
  ])('rejects %j with InvalidVersionError showing the input', (text) => {
    expect(() => Version.parse(text)).toThrow(InvalidVersionError);
    expect(() => Version.parse(text)).toThrow(
      `invalid version ${JSON.stringify(text)}: not a valid PEP 440 version`,
    );
    expect(Version.tryParse(text)).toBeNull();
  });

  it('rejects numbers it cannot represent exactly', () => {
    expect(() => Version.parse('1.99999999999999999999')).toThrow(
      'invalid version "1.99999999999999999999": number 99999999999999999999 is too large',
    );
  });

  it('normalizes random spellings, and the normal form round-trips', () => {
    fc.assert(
      fc.property(spelledVersion, ({ text, normalized }) => {
        const v = Version.parse(text);
        expect(v.toString()).toBe(normalized);
        const again = Version.parse(normalized);
        expect(again.toString()).toBe(normalized);
        expect(again.equals(v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Version ordering (PEP 440 "Summary of permitted suffixes and relative ordering")', () => {
  // The PEP's own example order, extended with local versions and epochs.
  const ordered = [
    '1.dev0',
    '1.0.dev456',
    '1.0a1',
    '1.0a2.dev456',
    '1.0a12.dev456',
    '1.0a12',
    '1.0b1.dev456',
    '1.0b2',
    '1.0b2.post345.dev456',
    '1.0b2.post345',
    '1.0rc1.dev456',
    '1.0rc1',
    '1.0',
    '1.0+abc.5',
    '1.0+abc.7',
    '1.0+5',
    '1.0.post456.dev34',
    '1.0.post456',
    '1.0.15',
    '1.1.dev1',
    '2013.10',
    '1!0.1',
  ];
  it('sorts the PEP example sequence', () => {
    const shuffled = [...ordered].reverse().map((t) => Version.parse(t));
    expect(shuffled.sort(compareVersions).map(String)).toEqual(ordered);
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(Version.parse(ordered[i]!).compare(Version.parse(ordered[i + 1]!))).toBeLessThan(0);
    }
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1', '1.0.0.0'],
    ['1.0+ABC', '1.0+abc'],
    ['1.0+1-a', '1.0+1.a'],
    ['0!1.0', '1.0'],
    ['1.0-1', '1.0.post1'],
  ])('%s equals %s', (a, b) => {
    expect(Version.parse(a).equals(Version.parse(b))).toBe(true);
    expect(compareVersions(Version.parse(a), Version.parse(b))).toBe(0);
  });

  it.each([
    ['1.0+a', '1.0+a.0'],
    ['1.0+zzz', '1.0+0'],
    ['1.0+1.a', '1.0+1.0'],
    ['1.0+9', '1.0+10'],
    ['1.0a1', '1.0a1.post1'],
    ['1.0rc1.post1', '1.0'],
    ['1.0.post1.dev1', '1.0.post1'],
  ])('%s < %s', (a, b) => {
    expect(compareVersions(Version.parse(a), Version.parse(b))).toBeLessThan(0);
    expect(compareVersions(Version.parse(b), Version.parse(a))).toBeGreaterThan(0);
  });

  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, a)).toBe(0);
        expect(sign(compareVersions(a, b))).toBe(-sign(compareVersions(b, a)));
        expect(a.equals(b)).toBe(compareVersions(a, b) === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareVersions);
        expect(compareVersions(x!, z!)).toBeLessThanOrEqual(0);
        if (compareVersions(x!, y!) < 0 || compareVersions(y!, z!) < 0)
          expect(compareVersions(x!, z!)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with @renovatebot/pep440 on generated versions', () => {
    fc.assert(
      fc.property(spelledVersion, spelledVersion, (a, b) => {
        const ours = sign(compareVersions(Version.parse(a.text), Version.parse(b.text)));
        expect(ours).toBe(sign(pep440.compare(a.normalized, b.normalized)));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizes like @renovatebot/pep440 for versions without a local label', () => {
    fc.assert(
      fc.property(spelledVersion, ({ text }) => {
        const v = Version.parse(text);
        fc.pre(v.local === undefined);
        expect(v.toString()).toBe(pep440.clean(text.trim()));
      }),
      { numRuns: 1000 },
    );
  });

  it('public drops only the local label; baseVersion keeps epoch and release', () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(v.public.local).toBeUndefined();
        expect(v.public.toString()).toBe(v.toString().split('+')[0]);
        expect(compareVersions(v.public, v)).toBeLessThanOrEqual(0);
        const base = v.baseVersion;
        expect([base.epoch, base.release]).toEqual([v.epoch, v.release]);
        expect(base.isPrerelease || base.isPostrelease || base.local !== undefined).toBe(false);
      }),
    );
  });

  it('comparePublicVersions and sameBaseVersion agree with public and baseVersion', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(sign(comparePublicVersions(a, b))).toBe(sign(compareVersions(a.public, b.public)));
        expect(sameBaseVersion(a, b)).toBe(a.baseVersion.equals(b.baseVersion));
        expect(sameBaseVersion(a, a.baseVersion)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parse cache', () => {
  it('answers one instance per text, and still normalizes and rejects as before', () => {
    expect(Version.parse('1.0.POST1')).toBe(Version.parse('1.0.POST1'));
    expect(Version.parse('1.0.POST1').toString()).toBe('1.0.post1');
    expect(Version.parse(' v1.0 ').toString()).toBe('1.0');
    expect(() => Version.parse('1.0+')).toThrow(InvalidVersionError);
    expect(() => Version.parse('1.0+')).toThrow(InvalidVersionError);
  });
});

describe('ordering keys (memory: one Version per distinct clause of a 100,000-line requirements file)', () => {
  it('shares the release as its key when nothing is trimmed, and one suffix key among final releases', () => {
    const a = Version.parse('9.1');
    const b = Version.parse('9.2');
    expect(a.cmpRelease).toBe(a.release);
    expect(a.cmpSuffix).toBe(b.cmpSuffix);
    // Keys that differ are still their own, and order as before.
    expect(Version.parse('1.0.0').cmpRelease).toEqual([1]);
    expect(Version.parse('1.0.post1').cmpSuffix).not.toBe(a.cmpSuffix);
    expect(Version.parse('1.0.0').compare(Version.parse('1'))).toBe(0);
    expect(Version.parse('1.0rc1').compare(Version.parse('1.0'))).toBeLessThan(0);
    expect(Version.parse('1.0').compare(Version.parse('1.0.post1'))).toBeLessThan(0);
    expect(Version.parse('1.0.dev1').compare(Version.parse('1.0'))).toBeLessThan(0);
  });
});
