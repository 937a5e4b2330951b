import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskMetadataCache } from '../../src/index/metadata-cache.js';

const SHA = 'AB'.repeat(32);

describe('DiskMetadataCache', () => {
  it('stores metadata and needs-build entries under the sha256, leaving no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-cache-'));
    const cache = new DiskMetadataCache(dir);
    expect(await cache.get(SHA)).toBeUndefined();
    const metadata = new TextEncoder().encode('Metadata-Version: 2.1\nName: a\nVersion: 1\n');
    await Promise.all([
      cache.put(SHA, { kind: 'metadata', metadata }),
      cache.put(SHA, { kind: 'metadata', metadata }),
    ]);
    expect(await cache.get(SHA.toLowerCase())).toEqual({ kind: 'metadata', metadata });
    expect(await readdir(join(dir, 'ab'))).toEqual([`${'ab'.repeat(32)}.metadata`]);
    const other = 'cd'.repeat(32);
    await cache.put(other, { kind: 'needs-build', reason: 'Dynamic' });
    expect(await new DiskMetadataCache(dir).get(other)).toEqual({ kind: 'needs-build', reason: 'Dynamic' });
  });

  it('refuses keys that are not sha256 digests (no URL can become a path)', async () => {
    const cache = new DiskMetadataCache(await mkdtemp(join(tmpdir(), 'wh-cache-')));
    await expect(cache.get('../../etc/passwd')).rejects.toThrow(/must be a sha256 hex digest/);
  });
});
