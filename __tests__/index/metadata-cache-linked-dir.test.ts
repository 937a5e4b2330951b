/**
 * A restored `metadata/<aa>` that is not a real directory (review 2 of session 11, item 2: the
 * Actions cache's tar restores a symbolic link as saved). `DiskMetadataCache.put` must not write
 * through it: the name is removed (never its target), a warning given, and the entry written into
 * a fresh real directory inside the cache.
 */
import { describe, expect, it } from '@jest/globals';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackedCaches } from '../../src/flow/tracked-caches.js';
import { DiskMetadataCache } from '../../src/index/metadata-cache.js';

const SHA = `ab${'0'.repeat(62)}`;
const METADATA = new TextEncoder().encode('Metadata-Version: 2.1\nName: x\nVersion: 1\n');

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'wh-mdlink-'));
}

describe('metadata cache: a linked <aa> directory', () => {
  it('removes the link, keeps its target untouched and writes the entry inside the cache', async () => {
    const work = workDir();
    try {
      const outside = join(work, 'checkout');
      mkdirSync(outside);
      writeFileSync(join(outside, 'README'), 'mine');
      const dir = join(work, 'metadata');
      mkdirSync(dir);
      symlinkSync(outside, join(dir, 'ab'));
      const warnings: string[] = [];
      const cache = new DiskMetadataCache(dir, (m) => warnings.push(m));
      await cache.put(SHA, { kind: 'metadata', metadata: METADATA });
      expect(readdirSync(outside)).toEqual(['README']);
      expect(readFileSync(join(outside, 'README'), 'utf8')).toBe('mine');
      expect(lstatSync(join(dir, 'ab')).isDirectory()).toBe(true);
      expect(readdirSync(join(dir, 'ab'))).toEqual([`${SHA}.metadata`]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(join(dir, 'ab'));
      const got = await cache.get(SHA);
      expect(got?.kind === 'metadata' && Buffer.from(got.metadata).equals(Buffer.from(METADATA))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('replaces a regular file or a dangling link in place of <aa> for a needs-build record', async () => {
    const work = workDir();
    try {
      const dir = join(work, 'metadata');
      mkdirSync(dir);
      const other = `cd${'1'.repeat(62)}`;
      writeFileSync(join(dir, 'ab'), 'not a directory');
      symlinkSync(join(work, 'nowhere'), join(dir, 'cd'));
      const warnings: string[] = [];
      const cache = new DiskMetadataCache(dir, (m) => warnings.push(m));
      await cache.put(SHA, { kind: 'needs-build', reason: 'no PKG-INFO' });
      await cache.put(other, { kind: 'metadata', metadata: METADATA });
      expect(readdirSync(join(dir, 'ab'))).toEqual([`${SHA}.needs-build`]);
      expect(readdirSync(join(dir, 'cd'))).toEqual([`${other}.metadata`]);
      expect(readdirSync(work).sort()).toEqual(['metadata']); // nothing made at the link's target
      expect(warnings).toHaveLength(2);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('writes nothing outside the cache through TrackedCaches, before and after pruning', async () => {
    const work = workDir();
    try {
      const outside = join(work, 'checkout');
      mkdirSync(outside);
      const metadataDir = join(work, 'state', 'metadata');
      mkdirSync(metadataDir, { recursive: true });
      symlinkSync(outside, join(metadataDir, 'ab')); // as restored by the Actions cache's tar
      const caches = new TrackedCaches(metadataDir, join(work, 'state', 'pages'));
      await caches.metadata.put(SHA, { kind: 'metadata', metadata: METADATA });
      expect(readdirSync(outside)).toEqual([]);
      await caches.pruneUnused();
      expect(readdirSync(outside)).toEqual([]);
      expect(readdirSync(join(metadataDir, 'ab'))).toEqual([`${SHA}.metadata`]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
