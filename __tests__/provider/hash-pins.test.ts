import { describe, expect, it } from '@jest/globals';
import type { DistFile } from '../../src/index/dist-file.js';
import {
  hashPinStatus,
  HashPinMismatchError,
  verifyComputedHashes,
  type HashPins,
} from '../../src/provider/hash-pins.js';
import type { NormalizedName } from '../../src/standards/names.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

function file(filename: string, hashes: Record<string, string>): DistFile {
  return {
    project: 'pkg' as NormalizedName,
    filename,
    url: `https://user:pw@x.example/${filename}`,
    redactedUrl: `https://****@x.example/${filename}`,
    hashes,
    yanked: false,
    coreMetadata: false,
    source: 'https://x.example/simple/pkg/',
  };
}

const pins = (entries: [string, string[]][]): HashPins => new Map(entries.map(([a, d]) => [a, new Set(d)]));

describe('hashPinStatus', () => {
  it.each<[string, Record<string, string>, [string, string[]][], string]>([
    ['a declared pinned sha256', { sha256: A }, [['sha256', [B, A]]], 'allowed'],
    ['upper-case declared hex', { sha256: A.toUpperCase() }, [['sha256', [A]]], 'allowed'],
    ['a declared pinned sha512', { sha512: 'f'.repeat(128) }, [['sha512', ['f'.repeat(128)]]], 'allowed'],
    ['a declared sha256 that is not pinned', { sha256: C }, [['sha256', [A]]], 'mismatch'],
    ['no declared hash, a sha256 pin', {}, [['sha256', [A]]], 'unchecked'],
    ['only an md5 declared, a sha256 pin', { md5: 'd'.repeat(32) }, [['sha256', [A]]], 'unchecked'],
    ['no declared hash, only a sha384 pin', {}, [['sha384', ['e'.repeat(96)]]], 'uncheckable'],
    ['a declared sha256, only a sha512 pin', { sha256: A }, [['sha512', ['f'.repeat(128)]]], 'uncheckable'],
  ])('%s', (_, hashes, pinned, status) => {
    expect(hashPinStatus(file('pkg-1.0-py3-none-any.whl', hashes), pins(pinned))).toBe(status);
  });
});

describe('verifyComputedHashes', () => {
  const pkg = 'pkg' as NormalizedName;
  const other = 'other' as NormalizedName;
  const pinsFor = (name: NormalizedName): HashPins | undefined =>
    name === pkg ? pins([['sha256', [A, B]]]) : undefined;

  it('passes a computed sha256 that is pinned, and files of unpinned projects', () => {
    expect(() =>
      verifyComputedHashes(
        [
          { project: pkg, file: file('pkg-1.0-py3-none-any.whl', {}), sha256: B.toUpperCase() },
          { project: other, file: file('other-1.0-py3-none-any.whl', {}), sha256: C },
        ],
        pinsFor,
      ),
    ).not.toThrow();
  });

  it('reports a computed sha256 that is not pinned with the file, the redacted URL and both hashes', () => {
    let thrown: unknown;
    try {
      verifyComputedHashes(
        [{ project: pkg, file: file('pkg-1.0-py3-none-any.whl', {}), sha256: C }],
        pinsFor,
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HashPinMismatchError);
    const e = thrown as HashPinMismatchError;
    expect(e.mismatches).toEqual([
      {
        project: 'pkg',
        filename: 'pkg-1.0-py3-none-any.whl',
        url: 'https://****@x.example/pkg-1.0-py3-none-any.whl',
        expected: [A, B],
        actual: C,
      },
    ]);
    expect(e.message).toContain(
      'pkg: pkg-1.0-py3-none-any.whl from https://****@x.example/pkg-1.0-py3-none-any.whl',
    );
    expect(e.message).toContain(`expected sha256 one of ${A}, ${B}`);
    expect(e.message).toContain(`got      sha256 ${C}`);
    expect(e.message).not.toContain('user:pw');
  });

  it('does not check a file a declared pinned hash already vouched for', () => {
    const declared512 = file('pkg-1.0-py3-none-any.whl', { sha512: 'f'.repeat(128) });
    expect(() =>
      verifyComputedHashes([{ project: pkg, file: declared512, sha256: C }], () =>
        pins([
          ['sha512', ['f'.repeat(128)]],
          ['sha256', [A]],
        ]),
      ),
    ).not.toThrow();
  });
});
