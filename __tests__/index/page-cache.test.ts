/**
 * The page cache travels in cache entries, so it is untrusted (src/index/page-trust.ts): a stored
 * page restored from elsewhere is used only when the server's 304 vouches for its exact bytes (an
 * ETag that is a digest of the stored body); a rewritten body, digest, ETag, freshness, base URL
 * or content type must never put a page the server did not send into the resolution.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import { createPageCache, type CachedPage } from '../../src/index/page-cache.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { etagIsBodyDigest, opaqueTag, vouchingEtag } from '../../src/index/page-trust.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

let server: IndexServer;
let root: string;
let n = 0;
const demo = normalizeName('demo');
const EVIL = 'e'.repeat(64);

beforeAll(async () => {
  const wheel = buildWheel({ name: 'demo', version: '1.0' });
  server = await startIndexServer({
    projects: [{ name: 'demo', files: [{ filename: wheel.filename, bytes: wheel.bytes }] }],
  });
  root = await mkdtemp(join(tmpdir(), 'wh-pagecache-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => server.setModes({ pageEtag: 'digest', pageCacheControl: null, noJson: false }));

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * One "run" stores the page (a cache object of its own, as one process), then `edit` rewrites the
 * stored entry as an attacker with write access to the cache would (recomputing the digest), and a
 * second run — a new cache object over the same directory, as after a restore — fetches it again.
 */
async function restoredRun(edit: (page: CachedPage, real: string) => CachedPage) {
  const dir = join(root, `c${n++}`);
  const logger = new RecordingLogger();
  const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
  try {
    server.reset();
    const first = await fetchProjectPage(
      { http, logger, pageCache: createPageCache(dir) },
      server.projectUrl('demo'),
      demo,
    );
    const real = first!.files[0]!.hashes.sha256!;
    const [name] = await readdir(dir);
    const path = join(dir, name!);
    const stored = JSON.parse(await readFile(path, 'utf8')) as CachedPage;
    const edited = edit(stored, real);
    await writeFile(path, JSON.stringify({ ...edited, sha256: sha256(edited.body) }));

    server.reset();
    const second = await fetchProjectPage(
      { http, logger, pageCache: createPageCache(dir), now: () => stored.storedAt + 1000 },
      server.projectUrl('demo'),
      demo,
    );
    const log = server.counters.log.map((r) => r.status);
    return { real, seen: second!.files[0]!.hashes.sha256, log, logger };
  } finally {
    await http.close();
  }
}

const rewriteHash = (p: CachedPage, real: string): CachedPage => ({
  ...p,
  body: p.body.split(real).join(EVIL),
});

describe('a restored page is used only when the server vouches for its bytes', () => {
  it('body and digest rewritten together, ETag kept: the server 304s that ETag, but the page is fetched whole', async () => {
    const r = await restoredRun(rewriteHash);
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
  });

  it('body, digest and ETag rewritten to match each other: the server does not know that ETag', async () => {
    const r = await restoredRun((p, real) => {
      const body = p.body.split(real).join(EVIL);
      return { ...p, body, etag: `"${sha256(body)}"` };
    });
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
  });

  it('freshness rewritten (received just now, max-age 24 h): a restored page is never used without a request', async () => {
    const r = await restoredRun((p, real) => ({ ...rewriteHash(p, real), freshForSec: 86_400 }));
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
    // An intact restored page claiming freshness is still asked about (304: its ETag is a digest).
    const intact = await restoredRun((p) => ({ ...p, freshForSec: 86_400 }));
    expect(intact.log).toEqual([304]);
  });

  it('an intact restored page whose ETag is a digest of its body is revalidated: 304, no body sent', async () => {
    const r = await restoredRun((p) => p);
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([304]);
  });

  it('an index whose ETags are not digests: a restored page is requested whole, without validators', async () => {
    server.setModes({ pageEtag: 'opaque' });
    const intact = await restoredRun((p) => p);
    expect(intact.log).toEqual([200]);
    const tampered = await restoredRun(rewriteHash);
    expect(tampered.seen).toBe(tampered.real);
    expect(tampered.log).toEqual([200]);
  });

  it('a verdict planted in the stored entry (vouchingEtag) is ignored: the cache decides it from the body', async () => {
    server.setModes({ pageEtag: 'opaque' });
    // The server would 304 its opaque ETag; only a verdict taken from the file would send it.
    const r = await restoredRun(
      (p, real) => ({ ...rewriteHash(p, real), vouchingEtag: p.etag }) as CachedPage,
    );
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
  });

  it('Last-Modified of a restored page is never sent (a date does not name a body)', async () => {
    server.setModes({ pageEtag: 'opaque' });
    const r = await restoredRun((p, real) => ({ ...rewriteHash(p, real), etag: undefined }));
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
  });

  it('an ETag list smuggled into the stored ETag (attacker digest, then the real tag) is refused', async () => {
    const r = await restoredRun((p, real) => {
      const body = p.body.split(real).join(EVIL);
      return { ...p, body, etag: `"${sha256(body)}", ${p.etag}` };
    });
    expect(r.seen).toBe(r.real);
    expect(r.log).toEqual([200]);
  });

  it('a rewritten base URL (relative links would point elsewhere) is requested whole', async () => {
    server.setModes({ noJson: true }); // HTML: relative links
    const r = await restoredRun((p) => ({ ...p, url: 'http://127.0.0.1:9/elsewhere/demo/' }));
    expect(r.log).toEqual([200]);
  });

  it('a content type that does not match the body is requested whole', async () => {
    const r = await restoredRun((p) => ({ ...p, contentType: 'text/html' }));
    expect(r.log).toEqual([200]);
  });

  it('a 304 that came after a redirect does not vouch for the stored base URL', async () => {
    server.setModes({ noJson: true });
    const dir = join(root, `c${n++}`);
    const logger = new RecordingLogger();
    const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
    const asked = `${server.indexUrl}Demo/`; // the server redirects to /simple/demo/
    try {
      await fetchProjectPage({ http, logger, pageCache: createPageCache(dir) }, asked, demo);
      const [name] = await readdir(dir);
      const path = join(dir, name!);
      const stored = JSON.parse(await readFile(path, 'utf8')) as CachedPage;
      // The attacker claims the page lives at the asked URL (relative links would resolve there).
      await writeFile(path, JSON.stringify({ ...stored, url: asked }));
      server.reset();
      await fetchProjectPage({ http, logger, pageCache: createPageCache(dir) }, asked, demo);
      expect(server.counters.log.map((r) => r.status)).toEqual([301, 304, 301, 200]);
    } finally {
      await http.close();
    }
  });

  it('a page this process stored is revalidated as HTTP allows (and a rewritten body is a miss)', async () => {
    const logger = new RecordingLogger();
    const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
    const dir = join(root, `c${n++}`);
    const cache = createPageCache(dir);
    const ctx = { http, logger, pageCache: cache };
    try {
      server.setModes({ pageEtag: 'opaque' });
      server.reset();
      const first = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      const real = first!.files[0]!.hashes.sha256!;
      server.reset();
      await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      expect(server.counters.log.map((r) => r.status)).toEqual([304]);

      const [name] = await readdir(dir);
      const path = join(dir, name!);
      const stored = JSON.parse(await readFile(path, 'utf8')) as CachedPage;
      await writeFile(path, JSON.stringify(rewriteHash(stored, real))); // digest left as it was
      server.reset();
      const third = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      expect(third!.files[0]!.hashes.sha256).toBe(real);
      expect(server.counters.log.map((r) => r.status)).toEqual([200]);

      // Rewritten with a matching digest: no longer what this process wrote.
      const again = JSON.parse(await readFile(path, 'utf8')) as CachedPage;
      const body = again.body.split(real).join(EVIL);
      await writeFile(path, JSON.stringify({ ...again, body, sha256: sha256(body) }));
      server.reset();
      const fourth = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      expect(fourth!.files[0]!.hashes.sha256).toBe(real);
      expect(server.counters.log.map((r) => r.status)).toEqual([200]);
    } finally {
      await http.close();
    }
  });
});

describe('etagIsBodyDigest', () => {
  const body = '{"meta":{"api-version":"1.1"},"name":"demo","files":[]}';
  const md5 = createHash('md5').update(body).digest();
  const sha = createHash('sha256').update(body).digest();

  it('accepts sha256 / md5 in hex, base64 (padded or not, as WebOb md5_etag) and base64url, weak or strong', () => {
    for (const tag of [
      sha.toString('hex'),
      sha.toString('hex').toUpperCase(),
      sha.toString('hex').slice(0, 32),
      md5.toString('hex'),
      md5.toString('base64'),
      md5.toString('base64').replace(/=+$/, ''),
      sha.toString('base64'),
      sha.toString('base64url'),
    ]) {
      expect(etagIsBodyDigest(`"${tag}"`, body)).toBe(true);
      expect(etagIsBodyDigest(`W/"${tag}"`, body)).toBe(true);
    }
  });

  it('a body sha256 handed in stands for hashing the body (md5 tags still hash it)', () => {
    const given = sha.toString('hex');
    expect(etagIsBodyDigest(`"${sha.toString('base64')}"`, body, given)).toBe(true);
    expect(etagIsBodyDigest(`"${md5.toString('base64')}"`, body, given)).toBe(true);
    // The digest handed in decides for sha256 tags: it is the caller's word for the body.
    expect(etagIsBodyDigest(`"${sha.toString('hex')}"`, body, 'f'.repeat(64))).toBe(false);
  });

  it('refuses short prefixes, other bodies, lists, unquoted and wildcard tags', () => {
    expect(etagIsBodyDigest(`"${sha.toString('hex').slice(0, 31)}"`, body)).toBe(false);
    expect(etagIsBodyDigest(`"${sha.toString('hex')}"`, `${body} `)).toBe(false);
    expect(etagIsBodyDigest(`"${sha.toString('hex')}", "x"`, body)).toBe(false);
    expect(etagIsBodyDigest(sha.toString('hex'), body)).toBe(false);
    expect(etagIsBodyDigest('*', body)).toBe(false);
    expect(etagIsBodyDigest('"5f3a-1c2"', body)).toBe(false);
    expect(opaqueTag('"a"b"')).toBeUndefined();
  });

  it('vouchingEtag needs the page URL itself and a content type that fits the body', () => {
    const page = {
      url: 'https://i/simple/demo/',
      etag: `"${sha.toString('hex')}"`,
      body,
      contentType: 'application/vnd.pypi.simple.v1+json',
    };
    expect(vouchingEtag(page, 'https://i/simple/demo/')).toBe(page.etag);
    expect(vouchingEtag(page, 'https://i/simple/other/')).toBeUndefined();
    expect(vouchingEtag({ ...page, contentType: 'text/html' }, 'https://i/simple/demo/')).toBeUndefined();
  });
});
