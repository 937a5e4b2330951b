/**
 * Review 1 (s11) #8: the page and METADATA caches travel in cache entries, and the Actions cache's
 * tar restores FIFOs and symbolic links as saved; page keys are predictable (sha256 of the public
 * URL). A FIFO under a page's name hung every later resolution, a link to /dev/zero filled memory,
 * a directory under a METADATA name failed the run. Each is now a miss with a warning.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DiskMetadataCache } from '../../src/index/metadata-cache.js';
import { createPageCache, pageCacheKey } from '../../src/index/page-cache.js';
import { plantFifo, settles } from '../helpers/fifo.js';

let dir: string;
let warnings: string[];
const warn = (message: string): void => {
  warnings.push(message);
};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-hostile-cache-'));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const URL = 'https://pypi.org/simple/requests/';
const SHA = 'ab'.repeat(32);

describe('page cache', () => {
  const pagePath = () => join(dir, `${pageCacheKey(URL)}.json`);

  it('a FIFO page: a miss with a warning, never a blocked read', async () => {
    plantFifo(pagePath());
    expect(await settles(createPageCache(dir, new Map(), { warn }).get(URL))).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/not a regular file; ignored$/)]);
  }, 30_000);

  it('a page linked to /dev/zero, or larger than any page accepted: a miss with a warning', async () => {
    await symlink('/dev/zero', pagePath());
    const cache = createPageCache(dir, new Map(), { warn });
    expect(await cache.get(URL)).toBeUndefined();
    await rm(pagePath());
    execFileSync('truncate', ['-s', '200M', pagePath()]); // sparse: no disk used
    expect(await cache.get(URL)).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/not a regular file \(a symlink\); ignored$/),
      expect.stringMatching(/too large \(209715200 bytes, the limit is \d+\); ignored$/),
    ]);
  });
});

describe('METADATA cache', () => {
  const entryDir = () => join(dir, SHA.slice(0, 2));

  it('a FIFO .metadata or .needs-build: a miss with a warning, never a blocked read', async () => {
    await mkdir(entryDir());
    plantFifo(join(entryDir(), `${SHA}.metadata`));
    const cache = new DiskMetadataCache(dir, warn);
    expect(await settles(cache.get(SHA))).toBeUndefined();
    await rm(join(entryDir(), `${SHA}.metadata`));
    plantFifo(join(entryDir(), `${SHA}.needs-build`));
    expect(await settles(cache.get(SHA))).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/\.metadata: not a regular file; ignored$/),
      expect.stringMatching(/\.needs-build: not a regular file; ignored$/),
    ]);
  }, 30_000);

  it('a link to /dev/zero, a directory or an oversized file under the name: a miss, not a failure', async () => {
    await mkdir(entryDir());
    const path = join(entryDir(), `${SHA}.metadata`);
    const cache = new DiskMetadataCache(dir, warn);
    await symlink('/dev/zero', path);
    expect(await cache.get(SHA)).toBeUndefined();
    await rm(path);
    await mkdir(path);
    expect(await cache.get(SHA)).toBeUndefined();
    await rm(path, { recursive: true });
    execFileSync('truncate', ['-s', '11M', path]);
    expect(await cache.get(SHA)).toBeUndefined();
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toMatch(/too large/);
  });
});
