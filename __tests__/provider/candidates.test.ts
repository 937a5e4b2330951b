import { describe, expect, it } from '@jest/globals';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import {
  requiresPythonAllows,
  versionCandidates,
  versionKey,
  type CandidateRules,
} from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { Version } from '../../src/standards/version.js';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64', glibc: [2, 28] });

function rules(over: Partial<CandidateRules> = {}): CandidateRules {
  return openRules(target, over);
}

function file(filename: string, extra: Partial<DistFile> = {}): DistFile {
  return {
    project: 'pkg' as NormalizedName,
    filename,
    url: `https://x.example/${filename}`,
    redactedUrl: `https://x.example/${filename}`,
    hashes: { sha256: filename.length.toString(16).padStart(64, '0') },
    yanked: false,
    coreMetadata: false,
    source: 'https://x.example/simple/pkg/',
    ...extra,
  };
}

const page = (files: DistFile[]): ProjectPage => ({
  project: 'pkg' as NormalizedName,
  files,
  source: 'test',
});

describe('requiresPythonAllows (pip 26)', () => {
  it.each([
    ['>=3.6,', '3.11', true], // a trailing comma, as real metadata has it: pip accepts it
    [',>=3.12', '3.11', false],
    ['>=3.6,,<4', '3.11', true],
    ['>=3.12.0rc1', '3.12.0rc2', true],
    ['>=3.6,<3.11', '3.11', false],
    ['not a specifier', '3.11', true], // unparsable: ignored, as pip does
  ])('%j with Python %s: %s', (rp, python, expected) => {
    expect(requiresPythonAllows(rp, Version.parse(python))).toBe(expected);
  });
});

describe('wheel build tags (pip _sort_key)', () => {
  it('prefers the higher build tag, compared exactly beyond 2^53, then by its rest', () => {
    const big = '9007199254740993';
    const c = versionCandidates(
      page([
        file('pkg-1.0-9007199254740992-py3-none-any.whl'),
        file(`pkg-1.0-${big}-py3-none-any.whl`),
        file(`pkg-1.0-${big}a-py3-none-any.whl`),
        file('pkg-1.0-py3-none-any.whl'),
      ]),
      rules(),
    );
    expect(c[0]!.usable.map((f) => f.file.filename)).toEqual([
      `pkg-1.0-${big}a-py3-none-any.whl`,
      `pkg-1.0-${big}-py3-none-any.whl`,
      'pkg-1.0-9007199254740992-py3-none-any.whl',
      'pkg-1.0-py3-none-any.whl',
    ]);
  });
});

describe('versionCandidates', () => {
  it('picks the wheel whose tags rank best and orders versions newest first', () => {
    const c = versionCandidates(
      page([
        file('pkg-1.0.tar.gz'),
        file('pkg-1.0-py3-none-any.whl'),
        file('pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
        file('pkg-2.0-cp312-cp312-manylinux_2_17_x86_64.whl'),
        file('pkg-0.5.zip'),
      ]),
      rules(),
    );
    expect(c.map((v) => [v.version.toString(), v.best?.file.filename ?? v.unusable])).toEqual([
      ['2.0', 'is unusable: no wheel for cp311-manylinux_2_28_x86_64; no sdist'],
      ['1.0', 'pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'],
      ['0.5', 'pkg-0.5.zip'],
    ]);
  });

  it('checks data-requires-python before any metadata and honours --no-binary / --only-binary', () => {
    const files = [
      file('pkg-3.0-py3-none-any.whl', { requiresPython: '>=3.12' }),
      file('pkg-2.0-py3-none-any.whl'),
      file('pkg-2.0.tar.gz'),
    ];
    expect(versionCandidates(page(files), rules())[0]?.unusable).toBe(
      'needs Python >=3.12, but the target is 3.11',
    );
    const noBinary = versionCandidates(page(files), rules({ mayUseWheel: () => false }));
    expect(noBinary.map((v) => v.best?.file.filename ?? v.unusable)).toEqual([
      'is unusable: wheels are not allowed (--no-binary); no sdist',
      'pkg-2.0.tar.gz',
    ]);
    const onlyBinary = versionCandidates(page([file('pkg-1.0.tar.gz')]), rules({ mayUseSdist: () => false }));
    expect(onlyBinary[0]?.unusable).toBe('is unusable: sdists are not allowed (--only-binary)');
  });

  it('prefers non-yanked files and marks yanked versions', () => {
    const c = versionCandidates(
      page([
        file('pkg-1.0-py3-none-any.whl', { yanked: 'bad' }),
        file('pkg-1.0.tar.gz'),
        file('pkg-2.0-py3-none-any.whl', { yanked: true }),
      ]),
      rules(),
    );
    expect(c.map((v) => [v.version.toString(), v.best?.kind, v.yanked])).toEqual([
      ['2.0', 'wheel', true],
      ['1.0', 'sdist', false],
    ]);
  });

  it('puts versions with wheels first under --prefer-binary', () => {
    const files = [file('pkg-2.0.tar.gz'), file('pkg-1.0-py3-none-any.whl')];
    expect(versionCandidates(page(files), rules()).map((v) => v.version.toString())).toEqual(['2.0', '1.0']);
    expect(
      versionCandidates(page(files), rules({ preferBinary: true })).map((v) => v.version.toString()),
    ).toEqual(['1.0', '2.0']);
  });

  it('keeps only files with a --hash value', () => {
    const good = file('pkg-1.0-py3-none-any.whl', { hashes: { sha256: 'a'.repeat(64) } });
    const c = versionCandidates(page([good, file('pkg-2.0-py3-none-any.whl')]), rules(), {
      hashes: new Map([['sha256', new Set(['a'.repeat(64)])]]),
    });
    expect(c.map((v) => [v.version.toString(), v.best?.file.filename ?? v.unusable])).toEqual([
      ['2.0', 'is unusable: pkg-2.0-py3-none-any.whl has none of the hashes given with --hash'],
      ['1.0', 'pkg-1.0-py3-none-any.whl'],
    ]);
  });

  it('under --hash pins keeps files without a declared hash, after those with a pinned one', () => {
    const pins = new Map([['sha256', new Set(['a'.repeat(64)])]]);
    const pinned = file('pkg-1.0-py3-none-any.whl', { hashes: { sha256: 'a'.repeat(64) } });
    const bare = file('pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl', { hashes: {} });
    const c = versionCandidates(
      page([bare, pinned, file('pkg-2.0-py3-none-any.whl', { hashes: {} })]),
      rules(),
      {
        hashes: pins,
      },
    );
    // The better-tagged wheel has no hash to compare, so the one with a pinned hash comes first.
    expect(
      c.map((v) => [v.version.toString(), v.usable.map((u) => [u.file.filename, u.hashUnchecked ?? false])]),
    ).toEqual([
      ['2.0', [['pkg-2.0-py3-none-any.whl', true]]],
      [
        '1.0',
        [
          ['pkg-1.0-py3-none-any.whl', false],
          ['pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl', true],
        ],
      ],
    ]);
    // Only sha512 pinned: a sha256 computed after the download could not be checked.
    const only512 = versionCandidates(page([bare]), rules(), {
      hashes: new Map([['sha512', new Set(['c'.repeat(128)])]]),
    });
    expect(only512[0]?.unusable).toBe(
      'is unusable: pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl declares no hash of the kinds given with --hash (sha512), and only a sha256 can be computed',
    );
  });

  it('lists equal versions once (1.0 == 1.0.0) and skips other projects and bad names', () => {
    const c = versionCandidates(
      page([
        file('pkg-1.0-py3-none-any.whl'),
        file('pkg-1.0.0.tar.gz'),
        file('other-1.0-py3-none-any.whl'),
        file('pkg.egg'),
      ]),
      rules(),
    );
    expect(c).toHaveLength(1);
    expect(versionKey(Version.parse('1.0.0+local'))).toBe(versionKey(Version.parse('1+local')));
  });
});

describe('targetEnvironment', () => {
  it('builds markers, tags and lock fields from explicit options', () => {
    const t = targetEnvironment({ pythonVersion: '3.12.4', os: 'macos', arch: 'arm64', macos: [14, 0] });
    expect(t.summary).toBe('cp312-macosx_14_0_arm64');
    expect(t.markers.sys_platform).toBe('darwin');
    expect(t.markers.python_full_version).toBe('3.12.4');
    expect(t.requiresPython).toBe('==3.12.4');
    expect(t.environmentMarker).toBe(
      "sys_platform == 'darwin' and platform_machine == 'arm64' and implementation_name == 'cpython' and python_full_version == '3.12.4'",
    );
    expect(t.tagPriority.get('cp312-cp312-macosx_14_0_arm64')).toBe(0);
    expect(t.tagPriority.has('py3-none-any')).toBe(true);
  });

  it('rejects a Python that is not 3.x', () => {
    expect(() => targetEnvironment({ pythonVersion: '2.7', os: 'linux', arch: 'x86_64' })).toThrow('2.7');
  });
});
