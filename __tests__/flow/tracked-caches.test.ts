/**
 * The caches a cache entry carries (src/flow/tracked-caches.ts): what a run did not use is pruned
 * before the entry is saved, and so is a page no later run could use — one whose ETag is not a
 * digest of its body (issue 10 §1: a restored page is used only when the index vouches for those
 * exact bytes, src/index/page-trust.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TrackedCaches } from '../../src/flow/tracked-caches.js';
import { createPageCache, pageCacheKey, type CachedPage } from '../../src/index/page-cache.js';

const BODY = '{"meta":{"api-version":"1.1"},"name":"demo","files":[]}';
const TYPE = 'application/vnd.pypi.simple.v1+json';
const md5Base64 = createHash('md5').update(BODY).digest('base64');
const sha256Hex = createHash('sha256').update(BODY).digest('hex');

function page(url: string, fields: Partial<CachedPage>): CachedPage {
  return { url, contentType: TYPE, body: BODY, storedAt: Date.now(), ...fields };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-tracked-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function keptPages(pagesDir: string): Promise<string[]> {
  return (await readdir(pagesDir).catch(() => [] as string[])).sort();
}

describe('TrackedCaches.pruneUnused and pages', () => {
  it('keeps pages whose ETag is a digest of their body; drops opaque, missing ETags and redirected pages', async () => {
    const caches = new TrackedCaches(join(dir, 'metadata'), join(dir, 'pages'));
    const u = (name: string) => `https://index.example/simple/${name}/`;
    await caches.pages.put(u('md5'), page(u('md5'), { etag: `"${md5Base64}"` }));
    await caches.pages.put(u('sha'), page(u('sha'), { etag: `W/"${sha256Hex}"` }));
    await caches.pages.put(u('opaque'), page(u('opaque'), { etag: '"5f1c2a-3e8"' }));
    await caches.pages.put(
      u('date'),
      page(u('date'), { lastModified: 'Sat, 05 Dec 2026 10:00:00 GMT', freshForSec: 600 }),
    );
    // Stored under another URL than the one asked for (a redirect): never vouched for after a restore.
    await caches.pages.put(u('moved'), page(u('elsewhere'), { etag: `"${md5Base64}"` }));
    expect(await keptPages(join(dir, 'pages'))).toHaveLength(5);

    expect(await caches.pruneUnused()).toBe(3);
    expect(await keptPages(join(dir, 'pages'))).toEqual(
      [`${pageCacheKey(u('md5'))}.json`, `${pageCacheKey(u('sha'))}.json`].sort(),
    );
  });

  it('drops a restored page this run read whose ETag is opaque, keeps one it can revalidate', async () => {
    const pagesDir = join(dir, 'pages');
    const u = (name: string) => `https://index.example/simple/${name}/`;
    // A previous run's entry, as restored.
    const earlier = createPageCache(pagesDir);
    await earlier.put(u('opaque'), page(u('opaque'), { etag: '"5f1c2a-3e8"' }));
    await earlier.put(u('digest'), page(u('digest'), { etag: `"${md5Base64}"` }));
    const caches = new TrackedCaches(join(dir, 'metadata'), pagesDir);
    expect(await caches.pages.get(u('opaque'))).toBeDefined();
    expect(await caches.pages.get(u('digest'))).toBeDefined();
    expect(await caches.pruneUnused()).toBe(1);
    expect(await keptPages(pagesDir)).toEqual([`${pageCacheKey(u('digest'))}.json`]);
  });

  it('a vouchingEtag handed to put is not believed: an opaque page is still dropped, and not stored with it', async () => {
    const pagesDir = join(dir, 'pages');
    const u = 'https://index.example/simple/opaque/';
    const caches = new TrackedCaches(join(dir, 'metadata'), pagesDir);
    const forged = { ...page(u, { etag: '"5f1c2a-3e8"' }), vouchingEtag: '"5f1c2a-3e8"' };
    await caches.pages.put(u, forged);
    const [name] = await keptPages(pagesDir);
    expect(await readFile(join(pagesDir, name!), 'utf8')).not.toContain('vouchingEtag');
    expect(await caches.pruneUnused()).toBe(1);
  });

  it('a page read back keeps the verdict the page cache decided (digest ETag kept after a hit)', async () => {
    const pagesDir = join(dir, 'pages');
    const u = 'https://index.example/simple/demo/';
    await createPageCache(pagesDir).put(u, page(u, { etag: `"${sha256Hex}"` }));
    const caches = new TrackedCaches(join(dir, 'metadata'), pagesDir);
    expect((await caches.pages.get(u))?.vouchingEtag).toBe(`"${sha256Hex}"`);
    expect(await caches.pruneUnused()).toBe(0);
  });

  it('a caller that vouches for pages itself keeps what its keepPage accepts', async () => {
    const u = 'https://index.example/simple/opaque/';
    const caches = new TrackedCaches(join(dir, 'metadata'), join(dir, 'pages'), undefined, () => true);
    await caches.pages.put(u, page(u, { etag: '"5f1c2a-3e8"' }));
    expect(await caches.pruneUnused()).toBe(0);
    expect(await keptPages(join(dir, 'pages'))).toHaveLength(1);
  });
});

describe('TrackedCaches.pruneUnused seals the caches (the speculative walk may still be writing)', () => {
  it('waits for writes in flight, so none loses its temporary file to the pruning', async () => {
    const caches = new TrackedCaches(join(dir, 'metadata'), join(dir, 'pages'));
    const u = (i: number) => `https://index.example/simple/p${i}/`;
    // Large enough that each write spans several turns of the event loop while the pruning lists.
    const big = `{"meta":{"api-version":"1.1"},"name":"x","files":[],"pad":"${'x'.repeat(1 << 20)}"}`;
    const sha = createHash('sha256').update(big).digest('hex');
    const writes = Array.from({ length: 24 }, (_, i) =>
      caches.pages.put(u(i), page(u(i), { body: big, etag: `"${sha}"` })),
    );
    const metaWrite = caches.metadata.put('a'.repeat(64), {
      kind: 'metadata',
      metadata: new TextEncoder().encode('Name: x\n'),
    });
    expect(await caches.pruneUnused()).toBe(0);
    // Settled before the pruning looked: every write succeeded and is kept whole.
    await expect(Promise.all([...writes, metaWrite])).resolves.toBeDefined();
    const names = await keptPages(join(dir, 'pages'));
    expect(names).toEqual(Array.from({ length: 24 }, (_, i) => `${pageCacheKey(u(i))}.json`).sort());
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that starts after the pruning is dropped: nothing lands in a directory being saved', async () => {
    const caches = new TrackedCaches(join(dir, 'metadata'), join(dir, 'pages'));
    const u = 'https://index.example/simple/late/';
    await caches.pruneUnused();
    await caches.pages.put(u, page(u, { etag: `"${sha256Hex}"` }));
    await caches.metadata.put('b'.repeat(64), {
      kind: 'metadata',
      metadata: new TextEncoder().encode('Name: late\n'),
    });
    expect(await keptPages(join(dir, 'pages'))).toEqual([]);
    expect(await readdir(join(dir, 'metadata')).catch(() => [])).toEqual([]);
    expect(caches.pageUsed(pageCacheKey(u))).toBe(false);
  });
});

// Review 1 (s11) #4: the Actions cache (tar) restores symbolic links as saved; pruning must never
// act through one (it deleted the files a planted `metadata/ab -> checkout` pointed to).
describe('TrackedCaches.pruneUnused and planted links', () => {
  async function victimTree(): Promise<string> {
    const victim = join(dir, 'checkout');
    await mkdir(join(victim, 'src'), { recursive: true });
    await writeFile(join(victim, 'setup.py'), 'precious');
    await writeFile(join(victim, 'src', 'app.py'), 'precious');
    return victim;
  }
  const victimFiles = async (victim: string) =>
    [...(await readdir(victim)), ...(await readdir(join(victim, 'src')))].sort();

  it('metadata/<sub> linked outside: the link goes, its target keeps every file', async () => {
    const victim = await victimTree();
    const state = join(dir, 'state');
    await mkdir(join(state, 'metadata', 'cd'), { recursive: true });
    await mkdir(join(state, 'pages'), { recursive: true });
    await symlink(victim, join(state, 'metadata', 'ab'));
    await symlink(victim, join(state, 'metadata', 'cd', `${'cd'.repeat(32)}.metadata`));
    await symlink(victim, join(state, 'pages', `${'ef'.repeat(32)}.json`));
    const caches = new TrackedCaches(join(state, 'metadata'), join(state, 'pages'));
    expect(await caches.pruneUnused()).toBe(3);
    expect(await victimFiles(victim)).toEqual(['app.py', 'setup.py', 'src']);
    expect(await readdir(join(state, 'metadata'))).toEqual(['cd']);
    expect(await readdir(join(state, 'metadata', 'cd'))).toEqual([]);
    expect(await readdir(join(state, 'pages'))).toEqual([]);
  });

  it('a linked metadata or pages directory is reported and left alone', async () => {
    const victim = await victimTree();
    const state = join(dir, 'state');
    await mkdir(state);
    await symlink(victim, join(state, 'metadata'));
    await symlink(join(victim, 'src'), join(state, 'pages'));
    const warnings: string[] = [];
    const caches = new TrackedCaches(
      join(state, 'metadata'),
      join(state, 'pages'),
      undefined,
      undefined,
      undefined,
      (m) => warnings.push(m),
    );
    expect(await caches.pruneUnused()).toBe(0);
    expect(await victimFiles(victim)).toEqual(['app.py', 'setup.py', 'src']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('not a plain directory');
  });

  it('a real directory where a file belongs goes, without following the links inside it', async () => {
    const victim = await victimTree();
    const metadata = join(dir, 'metadata');
    await mkdir(join(metadata, 'ab', 'nested'), { recursive: true });
    await symlink(victim, join(metadata, 'ab', 'nested', 'link'));
    const caches = new TrackedCaches(metadata, join(dir, 'pages'));
    expect(await caches.pruneUnused()).toBe(1);
    expect(await readdir(join(metadata, 'ab'))).toEqual([]);
    expect(await victimFiles(victim)).toEqual(['app.py', 'setup.py', 'src']);
  });

  it('a directory under a METADATA name: the put is reported, not a failed run', async () => {
    const sha = 'ab'.repeat(32);
    await mkdir(join(dir, 'metadata', 'ab', `${sha}.metadata`), { recursive: true });
    const warnings: string[] = [];
    const caches = new TrackedCaches(
      join(dir, 'metadata'),
      join(dir, 'pages'),
      undefined,
      undefined,
      undefined,
      (m) => warnings.push(m),
    );
    expect(await caches.metadata.get(sha)).toBeUndefined();
    await caches.metadata.put(sha, { kind: 'metadata', metadata: new TextEncoder().encode('Name: a\n') });
    expect(warnings).toEqual([
      expect.stringMatching(/\.metadata: not a regular file; ignored$/),
      expect.stringMatching(/could not store the metadata of (ab){32}: EISDIR/),
    ]);
    expect(await caches.pruneUnused()).toBe(1); // the directory is not this run's entry
  });
});

describe('TrackedCaches.held: restored files held in memory instead of written', () => {
  const u = (name: string) => `https://index.example/simple/${name}/`;
  const sha = (c: string) => c.repeat(64);
  const pageText = (name: string): Buffer =>
    Buffer.from(
      JSON.stringify({
        url: u(name),
        contentType: TYPE,
        body: BODY,
        storedAt: 1,
        sha256: sha256Hex,
        etag: `"${md5Base64}"`,
      }),
    );

  it('both caches read held files as if on disk; pruning drops the unused ones; writeHeld writes the rest', async () => {
    const metadataDir = join(dir, 'metadata');
    const pagesDir = join(dir, 'pages');
    const caches = new TrackedCaches(metadataDir, pagesDir);
    const metaPath = (s: string) => join(metadataDir, s.slice(0, 2), `${s}.metadata`);
    caches.held.hold(metaPath(sha('a')), Buffer.from('Name: a\n'));
    caches.held.hold(metaPath(sha('b')), Buffer.from('Name: b\n'));
    caches.held.hold(join(pagesDir, `${pageCacheKey(u('used'))}.json`), pageText('used'));
    caches.held.hold(join(pagesDir, `${pageCacheKey(u('unused'))}.json`), pageText('unused'));

    const meta = await caches.metadata.get(sha('a'));
    expect(meta?.kind === 'metadata' && Buffer.from(meta.metadata).toString()).toBe('Name: a\n');
    const got = await caches.pages.get(u('used'));
    expect(got?.body).toBe(BODY);
    expect(got?.writtenHere).toBe(false); // restored bytes: as untrusted as a restored file
    // Nothing was written to disk by reading.
    expect(await readdir(metadataDir).catch(() => [])).toEqual([]);

    // The unused metadata and page go with the pruning, as their files would.
    expect(await caches.pruneUnused()).toBe(2);
    expect(caches.held.paths().sort()).toEqual(
      [metaPath(sha('a')), join(pagesDir, `${pageCacheKey(u('used'))}.json`)].sort(),
    );
    expect(await caches.writeHeld()).toBe(2);
    expect(caches.held.size).toBe(0);
    expect(await readFile(metaPath(sha('a')), 'utf8')).toBe('Name: a\n');
    expect(await readFile(join(pagesDir, `${pageCacheKey(u('used'))}.json`))).toEqual(pageText('used'));
    expect(await keptPages(pagesDir)).toHaveLength(1);
  });

  it('writeHeld never writes through a planted link: a linked metadata/<aa> or pages directory gets nothing', async () => {
    const metadataDir = join(dir, 'metadata');
    const pagesDir = join(dir, 'pages');
    const outside = join(dir, 'outside');
    await mkdir(outside);
    await mkdir(metadataDir);
    // A restored entry made metadata/aa and the pages directory links to a directory of the user's.
    await symlink(outside, join(metadataDir, 'aa'));
    await symlink(outside, pagesDir);
    const warnings: string[] = [];
    const caches = new TrackedCaches(metadataDir, pagesDir, undefined, undefined, undefined, (m) =>
      warnings.push(m),
    );
    const planted = join(metadataDir, 'aa', `${sha('a')}.metadata`);
    const plain = join(metadataDir, 'bb', `${sha('b')}.metadata`);
    caches.held.hold(planted, Buffer.from('Name: a\n'));
    caches.held.hold(plain, Buffer.from('Name: b\n'));
    caches.held.hold(join(pagesDir, `${pageCacheKey(u('p'))}.json`), pageText('p'));
    expect(await caches.writeHeld()).toBe(1);
    expect(caches.held.size).toBe(0);
    expect(await readdir(outside)).toEqual([]);
    expect(await readFile(plain, 'utf8')).toBe('Name: b\n');
    expect(warnings).toHaveLength(2);
  });

  it('a write of the same file replaces the held copy (the disk is newer)', async () => {
    const metadataDir = join(dir, 'metadata');
    const pagesDir = join(dir, 'pages');
    const caches = new TrackedCaches(metadataDir, pagesDir);
    const metaPath = join(metadataDir, 'cc', `${sha('c')}.metadata`);
    caches.held.hold(metaPath, Buffer.from('Name: old\n'));
    caches.held.hold(join(pagesDir, `${pageCacheKey(u('p'))}.json`), pageText('p'));
    await caches.metadata.put(sha('c'), {
      kind: 'metadata',
      metadata: new TextEncoder().encode('Name: new\n'),
    });
    const fresh = page(u('p'), { etag: `"${md5Base64}"`, storedAt: 5 });
    await caches.pages.put(u('p'), fresh);
    expect(caches.held.size).toBe(0);
    const meta = await caches.metadata.get(sha('c'));
    expect(meta?.kind === 'metadata' && Buffer.from(meta.metadata).toString()).toBe('Name: new\n');
    expect((await caches.pages.get(u('p')))?.storedAt).toBe(5);
  });
});
