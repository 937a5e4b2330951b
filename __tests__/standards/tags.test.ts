import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import {
  expandExplicitPlatforms,
  InvalidTargetError,
  macosPlatforms,
  manylinuxPlatforms,
  musllinuxPlatforms,
  normalizeArch,
  platformsFor,
  rankWheel,
  supportedTags,
  tagPriorityMap,
  tagToString,
  windowsPlatforms,
  type PlatformTarget,
  type TagTarget,
} from '../../src/standards/tags.js';

// Fixtures are generated from pip's vendored `packaging` by scripts/gen-tag-fixtures.py.
interface Fixture {
  target: {
    implementation: 'cp' | 'pp';
    pythonVersion: [number, number];
    abis: string[] | null;
    platform: PlatformTarget;
  };
  platforms: string[];
  tags: string[];
}

const fixtureDir = new URL('../fixtures/tags/', import.meta.url);
const fixtureNames = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const loadFixture = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8')) as Fixture;

const tagsFor = (f: Fixture): string[] => {
  const target: TagTarget = {
    implementation: f.target.implementation,
    pythonVersion: f.target.pythonVersion,
    platforms: platformsFor(f.target.platform),
  };
  if (f.target.abis) target.abis = f.target.abis;
  return supportedTags(target).map(tagToString);
};

describe('supportedTags matches packaging.tags (fixtures)', () => {
  it('has the fixtures', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(14);
  });

  it.each(fixtureNames)('%s: platform list', (name) => {
    const f = loadFixture(name);
    expect(platformsFor(f.target.platform)).toEqual(f.platforms);
  });

  it.each(fixtureNames)('%s: full tag order', (name) => {
    const f = loadFixture(name);
    expect(tagsFor(f)).toEqual(f.tags);
  });
});

describe('done-when: cp312 on the three main platforms', () => {
  it.each([
    ['cp312-manylinux_2_28_x86_64', 'cp312-cp312-manylinux_2_28_x86_64', 'py30-none-any', 771],
    ['cp312-macosx_14_0_arm64', 'cp312-cp312-macosx_14_0_arm64', 'py30-none-any', 582],
    ['cp312-win_amd64', 'cp312-cp312-win_amd64', 'py30-none-any', 42],
  ])('%s: first %s, last %s, %d tags, same order as packaging', (name, first, last, count) => {
    const f = loadFixture(name);
    const tags = tagsFor(f);
    expect(tags[0]).toBe(first);
    expect(tags.at(-1)).toBe(last);
    expect(tags).toHaveLength(count);
    expect(tags).toEqual(f.tags);
  });

  it('lays out the cp312 win_amd64 list step by step', () => {
    const tags = supportedTags({
      implementation: 'cp',
      pythonVersion: [3, 12],
      platforms: ['win_amd64'],
    }).map(tagToString);
    const olderAbi3 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((m) => `cp3${m}-abi3-win_amd64`);
    const py = ['py312', 'py3', ...[11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((m) => `py3${m}`)];
    expect(tags).toEqual([
      'cp312-cp312-win_amd64',
      'cp312-abi3-win_amd64',
      'cp312-none-win_amd64',
      ...olderAbi3,
      ...py.map((p) => `${p}-none-win_amd64`),
      'cp312-none-any',
      ...py.map((p) => `${p}-none-any`),
    ]);
  });
});

describe('platform ladders', () => {
  it.each([
    ['aarch64', [2, 17], ['manylinux_2_17_aarch64', 'manylinux2014_aarch64']],
    ['aarch64', [2, 16], []],
    ['x86_64', [2, 5], ['manylinux_2_5_x86_64', 'manylinux1_x86_64']],
    ['x86_64', [2, 4], []],
    [
      'i686',
      [2, 13],
      [
        'manylinux_2_13_i686',
        'manylinux_2_12_i686',
        'manylinux2010_i686',
        ...[11, 10, 9, 8, 7, 6, 5].map((m) => `manylinux_2_${m}_i686`),
        'manylinux1_i686',
      ],
    ],
    ['riscv64', [2, 18], ['manylinux_2_18_riscv64', 'manylinux_2_17_riscv64', 'manylinux2014_riscv64']],
    ['sparc', [2, 31], []],
  ] as [string, [number, number], string[]][])('manylinux %s glibc %j', (arch, glibc, expected) => {
    expect(manylinuxPlatforms(arch, glibc)).toEqual(expected);
  });

  it('counts glibc 3.x down through 2.50 (packaging assumes 50 minors per superseded major)', () => {
    const ladder = manylinuxPlatforms('aarch64', [3, 0]);
    expect(ladder.slice(0, 3)).toEqual([
      'manylinux_3_0_aarch64',
      'manylinux_2_50_aarch64',
      'manylinux_2_49_aarch64',
    ]);
    expect(ladder.at(-1)).toBe('manylinux2014_aarch64');
    expect(ladder).toHaveLength(1 + 34 + 1);
  });

  it('musllinux counts minors down to 0 (PEP 656)', () => {
    expect(musllinuxPlatforms('aarch64', [1, 2])).toEqual([
      'musllinux_1_2_aarch64',
      'musllinux_1_1_aarch64',
      'musllinux_1_0_aarch64',
    ]);
  });

  it('macOS 11 arm64: arm64 and universal2 for 11, then universal2 only for 10.16 to 10.4', () => {
    const tenX = [16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map((m) => `macosx_10_${m}_universal2`);
    expect(macosPlatforms('arm64', [11, 0])).toEqual([
      'macosx_11_0_arm64',
      'macosx_11_0_universal2',
      ...tenX,
    ]);
  });

  it('macOS 12 x86_64 binary format ladder', () => {
    const formats = ['x86_64', 'intel', 'fat64', 'fat32', 'universal2', 'universal'];
    const ladder = macosPlatforms('x86_64', [12, 3]);
    expect(ladder.slice(0, 12)).toEqual([
      ...formats.map((f) => `macosx_12_0_${f}`),
      ...formats.map((f) => `macosx_11_0_${f}`),
    ]);
    expect(ladder.slice(12, 18)).toEqual(formats.map((f) => `macosx_10_16_${f}`));
    expect(ladder.at(-1)).toBe('macosx_10_4_universal');
    expect(ladder).toHaveLength(6 * (2 + 13));
  });

  it('macOS 10.x x86_64 has no formats before 10.4', () => {
    const ladder = macosPlatforms('x86_64', [10, 5]);
    expect(ladder[0]).toBe('macosx_10_5_x86_64');
    expect(ladder.at(-1)).toBe('macosx_10_4_universal');
    expect(ladder).toHaveLength(12);
  });

  it.each([
    ['x86', 'win32'],
    ['X64', 'win_amd64'],
    ['x86_64', 'win_amd64'],
    ['AMD64', 'win_amd64'],
    ['arm64', 'win_arm64'],
    ['ARM64', 'win_arm64'],
  ])('windows %s → %s', (arch, plat) => {
    expect(windowsPlatforms(arch)).toEqual([plat]);
  });

  it('rejects an unknown Windows arch with the input', () => {
    expect(() => windowsPlatforms('mips')).toThrow(
      new InvalidTargetError('"mips"', 'unknown Windows architecture (x86, x86_64 or arm64)'),
    );
    expect(() => windowsPlatforms('mips')).toThrow('invalid target "mips": unknown Windows architecture');
  });

  it.each([
    ['linux', 'X64', 'x86_64'],
    ['linux', 'ARM64', 'aarch64'],
    ['linux', 'X86', 'i686'],
    ['linux', 'ARM', 'armv7l'],
    ['macos', 'ARM64', 'arm64'],
    ['macos', 'X64', 'x86_64'],
    ['macos', 'aarch64', 'arm64'],
    ['linux', 'ppc64le', 'ppc64le'],
  ] as const)('normalizeArch(%s, %s) = %s (GitHub runner.arch spellings)', (os, arch, out) => {
    expect(normalizeArch(os, arch)).toBe(out);
  });

  it('platformsFor maps runner arch spellings and appends linux_<arch>', () => {
    expect(platformsFor({ os: 'linux', arch: 'ARM64', glibc: [2, 17] })).toEqual([
      'manylinux_2_17_aarch64',
      'manylinux2014_aarch64',
      'linux_aarch64',
    ]);
    expect(platformsFor({ os: 'linux', arch: 'x86_64', musl: [1, 1] })).toEqual([
      'musllinux_1_1_x86_64',
      'musllinux_1_0_x86_64',
      'linux_x86_64',
    ]);
  });

  it.each([
    [{ os: 'linux', arch: 'x86_64' }, 'a Linux target needs its glibc or musl version'],
    [{ os: 'macos', arch: 'arm64' }, 'a macOS target needs its macOS version'],
    [{ os: 'linux', arch: 'x86_64', glibc: [2] }, 'glibc must be [major, minor] with non-negative integers'],
    [{ os: 'plan9', arch: 'x86_64' }, 'os must be linux, macos or windows'],
  ])('platformsFor rejects %j', (target, reason) => {
    let error: unknown;
    try {
      platformsFor(target as PlatformTarget);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTargetError);
    expect((error as InvalidTargetError).reason).toBe(reason);
  });
});

describe('supportedTags options', () => {
  it('puts abi3 and none at their fixed places even when listed as ABIs', () => {
    const tags = supportedTags({
      implementation: 'cp',
      pythonVersion: [3, 4],
      abis: ['none', 'abi3', 'cp34m'],
      platforms: ['linux_x86_64'],
    }).map(tagToString);
    expect(tags.slice(0, 5)).toEqual([
      'cp34-cp34m-linux_x86_64',
      'cp34-abi3-linux_x86_64',
      'cp34-none-linux_x86_64',
      'cp33-abi3-linux_x86_64',
      'cp32-abi3-linux_x86_64',
    ]);
  });

  it.each([['cp313t'], ['cp313td']])(
    'gives the free-threaded ABI %s abi3t tags instead of abi3 (PEP 803, packaging 26.2)',
    (abi) => {
      const tags = supportedTags({
        implementation: 'cp',
        pythonVersion: [3, 13],
        abis: [abi],
        platforms: ['win_amd64'],
      }).map(tagToString);
      expect(tags.slice(0, 6)).toEqual([
        `cp313-${abi}-win_amd64`,
        'cp313-abi3t-win_amd64',
        'cp313-none-win_amd64',
        'cp312-abi3t-win_amd64',
        'cp311-abi3t-win_amd64',
        'cp310-abi3t-win_amd64',
      ]);
      expect(tags).toContain('cp32-abi3t-win_amd64');
      expect(tags.some((t) => t.includes('-abi3-'))).toBe(false);
    },
  );

  it.each([
    [
      'macosx_14_0_arm64',
      [
        'macosx_14_0_arm64',
        'macosx_14_0_universal2',
        'macosx_13_0_arm64',
        'macosx_13_0_universal2',
        'macosx_12_0_arm64',
        'macosx_12_0_universal2',
        'macosx_11_0_arm64',
        'macosx_11_0_universal2',
        'macosx_10_16_universal2',
      ],
      21,
    ],
    ['manylinux2010_x86_64', ['manylinux2010_x86_64', 'manylinux_2_12_x86_64', 'manylinux_2_11_x86_64'], 10],
    ['manylinux2014_aarch64', ['manylinux2014_aarch64', 'manylinux_2_17_aarch64'], 2],
    ['manylinux_2_28_x86_64', ['manylinux_2_28_x86_64'], 1],
    ['win_amd64', ['win_amd64'], 1],
  ])('expands the explicit platform %s as pip 26 does', (platform, head, count) => {
    const out = expandExplicitPlatforms([platform]);
    expect(out.slice(0, head.length)).toEqual(head);
    expect(out).toHaveLength(count);
  });

  it('keeps pip 26 order for manylinux2014_x86_64 (2014, 2010, 1) with the PEP 600 names between', () => {
    const out = expandExplicitPlatforms(['manylinux2014_x86_64']);
    expect(out.filter((p) => !p.startsWith('manylinux_'))).toEqual([
      'manylinux2014_x86_64',
      'manylinux2010_x86_64',
      'manylinux1_x86_64',
    ]);
    expect(out).toContain('manylinux_2_5_x86_64');
    expect(expandExplicitPlatforms(['manylinux2014_x86_64', 'manylinux2010_x86_64'])).toEqual(out);
  });

  it('defaults to cp37m before 3.8 and pypy3Y_pp73 for PyPy', () => {
    expect(
      tagToString(supportedTags({ implementation: 'cp', pythonVersion: [3, 7], platforms: ['win32'] })[0]!),
    ).toBe('cp37-cp37m-win32');
    const pp = supportedTags({ implementation: 'pp', pythonVersion: [3, 10], platforms: ['win_amd64'] }).map(
      tagToString,
    );
    expect(pp.slice(0, 3)).toEqual([
      'pp310-pypy310_pp73-win_amd64',
      'pp310-none-win_amd64',
      'py310-none-win_amd64',
    ]);
    expect(pp).toContain('pp310-none-any');
  });

  it('rejects Python 2 targets', () => {
    expect(() =>
      supportedTags({ implementation: 'cp', pythonVersion: [2, 7], platforms: ['win32'] }),
    ).toThrow('invalid target [2,7]: pythonVersion must be [3, minor]');
  });
});

describe('rankWheel', () => {
  const linux = supportedTags({
    implementation: 'cp',
    pythonVersion: [3, 12],
    platforms: platformsFor({ os: 'linux', arch: 'x86_64', glibc: [2, 28] }),
  });
  const linuxMap = tagPriorityMap(linux);
  const mac = supportedTags({
    implementation: 'cp',
    pythonVersion: [3, 12],
    platforms: platformsFor({ os: 'macos', arch: 'arm64', macos: [14, 0] }),
  });
  const rank = (filename: string, supported: Map<string, number> | typeof linux): number | undefined =>
    rankWheel(parseWheelFilename(filename).tags, supported);
  const indexOf = (tags: typeof linux, tag: string): number => tags.map(tagToString).indexOf(tag);

  it('takes the best of a multi-tag wheel', () => {
    const r = rank('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', linuxMap);
    expect(r).toBe(indexOf(linux, 'cp312-cp312-manylinux_2_17_x86_64'));
    expect(r).toBe(11);
  });

  it('ranks a platform wheel before an abi3 one before a pure one', () => {
    const specific = rank('pkg-1.0-cp312-cp312-manylinux_2_28_x86_64.whl', linuxMap)!;
    const abi3 = rank('pkg-1.0-cp39-abi3-manylinux_2_17_x86_64.whl', linuxMap)!;
    const pure = rank('pkg-1.0-py3-none-any.whl', linuxMap)!;
    expect(specific).toBe(0);
    expect(specific).toBeLessThan(abi3);
    expect(abi3).toBeLessThan(pure);
    expect(pure).toBe(indexOf(linux, 'py3-none-any'));
  });

  it('gives the same answer from a Tag[] as from the map', () => {
    const f = 'cryptography-42.0.5-cp39-abi3-macosx_10_12_universal2.whl';
    expect(rank(f, mac)).toBe(indexOf(mac, 'cp39-abi3-macosx_10_12_universal2'));
    expect(rank(f, mac)).toBe(rank(f, tagPriorityMap(mac)));
  });

  it.each([
    'pkg-1.0-cp312-cp312-win_amd64.whl',
    'pkg-1.0-cp313-cp313-manylinux_2_17_x86_64.whl',
    'pkg-1.0-cp312-cp312-manylinux_2_31_x86_64.whl',
    'pkg-1.0-cp312-cp312-musllinux_1_1_x86_64.whl',
    'pkg-1.0-py2-none-any.whl',
  ])('%s is not supported on cp312 manylinux_2_28_x86_64', (f) => {
    expect(rank(f, linuxMap)).toBeUndefined();
  });

  it('keeps the first index when a tag repeats in the supported list', () => {
    const t = { interpreter: 'py3', abi: 'none', platform: 'any' };
    expect(tagPriorityMap([t, t]).get('py3-none-any')).toBe(0);
  });
});
