import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createHttpClient } from '../../src/index/http.js';
import { createIndexClient, ProjectLookupLimitError, projectPageUrl } from '../../src/index/index-client.js';
import { createPageCache, pageCacheKey } from '../../src/index/page-cache.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { HttpError } from '../../src/index/http-errors.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const N = normalizeName;

describe('index client', () => {
  let primary: IndexServer;
  let secondary: IndexServer;
  let http: HttpClient;
  const meta = bytes('Metadata-Version: 2.1\nName: shared\nVersion: 1.0\n');
  const wheel = bytes('not really a wheel, but bytes with a hash');

  beforeAll(async () => {
    primary = await startIndexServer({
      projects: [
        {
          name: 'Shared',
          files: [
            {
              filename: 'shared-1.0-py3-none-any.whl',
              bytes: wheel,
              metadata: meta,
              requiresPython: '>=3.8,<4',
              uploadTime: '2024-05-06T07:08:09Z',
            },
          ],
        },
        {
          name: 'only-primary',
          files: [{ filename: 'only_primary-2.0.tar.gz', bytes: bytes('sdist'), yanked: 'oops' }],
        },
      ],
    });
    secondary = await startIndexServer({
      projects: [
        { name: 'shared', files: [{ filename: 'shared-99.0-py3-none-any.whl', bytes: bytes('evil') }] },
        {
          name: 'only-secondary',
          files: [{ filename: 'only_secondary-1.0-py3-none-any.whl', bytes: bytes('x') }],
        },
      ],
    });
    http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', backoffBaseMs: 1 });
  });
  afterAll(async () => {
    await http.close();
    await primary.close();
    await secondary.close();
  });
  afterEach(() => {
    primary.reset();
    secondary.reset();
    primary.setModes({ noJson: false });
  });

  const client = (extra: Partial<Parameters<typeof createIndexClient>[0]> = {}) =>
    createIndexClient({
      http,
      logger: silentLogger,
      indexUrls: [primary.indexUrl, secondary.indexUrl],
      findLinks: [],
      strategy: 'first-index',
      ...extra,
    });

  it('negotiates PEP 691 JSON and reads every field', async () => {
    const page = await client().getProject(N('shared'));
    expect(primary.counters.log[0]!.accept).toBe(
      'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01',
    );
    expect(page!.files).toEqual([
      {
        project: 'shared',
        filename: 'shared-1.0-py3-none-any.whl',
        url: primary.fileUrl('shared-1.0-py3-none-any.whl'),
        redactedUrl: primary.fileUrl('shared-1.0-py3-none-any.whl'),
        hashes: { sha256: sha(wheel) },
        requiresPython: '>=3.8,<4',
        yanked: false,
        size: wheel.length,
        uploadTime: '2024-05-06T07:08:09Z',
        coreMetadata: { sha256: sha(meta) },
        source: primary.projectUrl('shared'),
      },
    ]);
  });

  it('falls back to HTML when the server has no JSON, with the same files except size/upload-time', async () => {
    const json = await client().getProject(N('shared'));
    primary.setModes({ noJson: true });
    const html = await client().getProject(N('shared'));
    expect(primary.counters.log.map((e) => e.path)).toEqual(['/simple/shared/', '/simple/shared/']);
    const { size: _s, uploadTime: _u, ...rest } = json!.files[0]!;
    expect(html!.files).toEqual([rest]);
  });

  it('first-index: a project on both indexes is taken from the first only (dependency confusion)', async () => {
    const page = await client().getProject(N('shared'));
    expect(page!.files.map((f) => f.filename)).toEqual(['shared-1.0-py3-none-any.whl']);
    expect(secondary.counters.requests).toBe(0);
  });

  it('first-index: a project missing on the first index is taken from the next', async () => {
    const page = await client().getProject(N('only-secondary'));
    expect(page!.files.map((f) => f.filename)).toEqual(['only_secondary-1.0-py3-none-any.whl']);
    expect(primary.counters.log.map((e) => e.status)).toEqual([404]);
  });

  it('unsafe-best-match merges every index', async () => {
    const page = await client({ strategy: 'unsafe-best-match' }).getProject(N('shared'));
    expect(page!.files.map((f) => f.filename).sort()).toEqual([
      'shared-1.0-py3-none-any.whl',
      'shared-99.0-py3-none-any.whl',
    ]);
    expect(page!.source).toBe(`${primary.projectUrl('shared')} + ${secondary.projectUrl('shared')}`);
  });

  it('returns null when no source has the project', async () => {
    expect(await client().getProject(N('nowhere'))).toBeNull();
  });

  it('fails instead of falling through when an index errors (no silent fallback to a later index)', async () => {
    primary.setModes({ statusOnce: { status: 403, count: 1 } });
    await expect(client().getProject(N('shared'))).rejects.toThrow(HttpError);
    expect(secondary.counters.requests).toBe(0);
    primary.setModes({ statusOnce: null });
  });

  it('looks up at most maxProjects distinct projects; a name already looked up is still answered', async () => {
    const c = client({ maxProjects: 2 });
    await c.getProject(N('shared'));
    await c.getProject(N('missing-one'));
    const before = primary.counters.requests + secondary.counters.requests;
    const error = await c.getProject(N('missing-two')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectLookupLimitError);
    expect((error as Error).message).toContain('more than 2 distinct projects (looking up missing-two)');
    expect(primary.counters.requests + secondary.counters.requests).toBe(before);
    expect((await c.getProject(N('shared')))!.files).toHaveLength(1);
  });

  it('keepPages false: concurrent lookups still share one request, an answered page is not kept, the limit still counts', async () => {
    primary.setModes({ latencyMs: 20 });
    const c = client({ keepPages: false, maxProjects: 2 });
    const [a, b] = await Promise.all([c.getProject(N('shared')), c.getProject(N('shared'))]);
    primary.setModes({ latencyMs: 0 });
    expect(a).toBe(b);
    expect(primary.counters.byKind.page.requests).toBe(1);
    await c.getProject(N('shared'));
    expect(primary.counters.byKind.page.requests).toBe(2);
    await c.getProject(N('missing-one'));
    await expect(c.getProject(N('missing-two'))).rejects.toBeInstanceOf(ProjectLookupLimitError);
    expect((await c.getProject(N('shared')))!.files).toHaveLength(1);
  });

  it('deduplicates concurrent lookups of one project', async () => {
    primary.setModes({ latencyMs: 20 });
    const c = client();
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => c.getProject(N('Shared'.toLowerCase()))),
    );
    primary.setModes({ latencyMs: 0 });
    expect(new Set(pages).size).toBe(1);
    expect(primary.counters.byKind.page.requests).toBe(1);
  });

  it('sees a file added at run time with a new client ("change one pin")', async () => {
    primary.addFile('shared', { filename: 'shared-1.1-py3-none-any.whl', bytes: bytes('new') });
    const page = await client().getProject(N('shared'));
    expect(page!.files.map((f) => f.filename)).toEqual([
      'shared-1.0-py3-none-any.whl',
      'shared-1.1-py3-none-any.whl',
    ]);
    primary.removeFile('shared-1.1-py3-none-any.whl');
  });

  describe('find-links', () => {
    it('merges local directories (with sha256 and size) under first-index', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-fl-'));
      const local = bytes('local wheel');
      await writeFile(join(dir, 'shared-0.5-py3-none-any.whl'), local);
      await writeFile(join(dir, 'Shared-0.4.tar.gz'), bytes('sd'));
      await writeFile(join(dir, 'shared_extras-1.0-py3-none-any.whl'), bytes('other project'));
      await writeFile(join(dir, 'README.txt'), bytes('ignored'));
      const page = await client({ findLinks: [dir] }).getProject(N('shared'));
      expect(page!.files.map((f) => f.filename)).toEqual([
        'shared-1.0-py3-none-any.whl',
        'Shared-0.4.tar.gz',
        'shared-0.5-py3-none-any.whl',
      ]);
      const lf = page!.files[2]!;
      expect(lf.url).toBe(pathToFileURL(join(dir, 'shared-0.5-py3-none-any.whl')).href);
      expect(lf.hashes).toEqual({ sha256: sha(local) });
      expect(lf.size).toBe(local.length);
      expect(lf.source).toBe(dir);
      expect(secondary.counters.requests).toBe(0);
    });

    it('finds a project only present in find-links', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-fl-'));
      await writeFile(join(dir, 'loner-3.0-py3-none-any.whl'), bytes('l'));
      const page = await client({ findLinks: [pathToFileURL(dir).href] }).getProject(N('loner'));
      expect(page!.files.map((f) => f.filename)).toEqual(['loner-3.0-py3-none-any.whl']);
    });

    it('reads HTML find-links pages (http and file:) once per client', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-fl-'));
      const htmlPath = join(dir, 'links.html');
      await writeFile(
        htmlPath,
        `<html><body>
           <a href="${primary.fileUrl('shared-1.0-py3-none-any.whl')}#sha256=${sha(wheel)}">shared</a>
           <a href="pkgs/loner-1.0.tar.gz" data-requires-python="&gt;=3">loner</a>
         </body></html>`,
      );
      const c = client({
        indexUrls: [],
        findLinks: [pathToFileURL(htmlPath).href, primary.projectUrl('only-primary')],
      });
      const shared = await c.getProject(N('shared'));
      const loner = await c.getProject(N('loner'));
      const onlyPrimary = await c.getProject(N('only-primary'));
      expect(shared!.files.map((f) => [f.url, f.hashes.sha256])).toEqual([
        [primary.fileUrl('shared-1.0-py3-none-any.whl'), sha(wheel)],
      ]);
      expect(loner!.files.map((f) => [f.url, f.requiresPython])).toEqual([
        [pathToFileURL(join(dir, 'pkgs/loner-1.0.tar.gz')).href, '>=3'],
      ]);
      expect(onlyPrimary!.files.map((f) => [f.filename, f.yanked])).toEqual([
        ['only_primary-2.0.tar.gz', 'oops'],
      ]);
      // The http find-links page was fetched once for three lookups.
      expect(primary.counters.byKind.page.requests).toBe(1);
    });
  });

  describe('page cache', () => {
    it('revalidates with ETag (304 reuses) and refetches after a change', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-pc-'));
      const pageCache = createPageCache(dir);
      const first = await client({ pageCache }).getProject(N('shared'));
      expect(await readdir(dir)).toEqual([`${pageCacheKey(primary.projectUrl('shared'))}.json`]);
      const second = await client({ pageCache }).getProject(N('shared'));
      expect(second).toEqual(first);
      expect(primary.counters.notModified).toBe(1);
      const log = primary.counters.log;
      expect(log.map((e) => e.status)).toEqual([200, 304]);
      expect(log[1]!.bytes).toBe(0);

      primary.addFile('shared', { filename: 'shared-1.2-py3-none-any.whl', bytes: bytes('v1.2') });
      const third = await client({ pageCache }).getProject(N('shared'));
      expect(third!.files.map((f) => f.filename)).toContain('shared-1.2-py3-none-any.whl');
      expect(primary.counters.log.map((e) => e.status)).toEqual([200, 304, 200]);
      const fourth = await client({ pageCache }).getProject(N('shared'));
      expect(fourth).toEqual(third);
      expect(primary.counters.notModified).toBe(2);
      primary.removeFile('shared-1.2-py3-none-any.whl');
    });

    it('revalidates with Last-Modified alone (If-Modified-Since)', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-pc-'));
      const pageCache = createPageCache(dir);
      const first = await client({ pageCache }).getProject(N('shared'));
      const url = primary.projectUrl('shared');
      const entry = await pageCache.get(url);
      expect(entry?.etag).toBeDefined();
      await pageCache.put(url, { ...entry!, etag: undefined });
      const second = await client({ pageCache }).getProject(N('shared'));
      expect(second).toEqual(first);
      expect(primary.counters.log.map((e) => e.status)).toEqual([200, 304]);
    });

    it('offline: skips http find-links pages but reads local directories', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-fl-'));
      await writeFile(join(dir, 'shared-0.1-py3-none-any.whl'), bytes('local'));
      const page = await client({
        offline: true,
        indexUrls: [],
        findLinks: [primary.projectUrl('shared'), dir],
      }).getProject(N('shared'));
      expect(page!.files.map((f) => f.filename)).toEqual(['shared-0.1-py3-none-any.whl']);
      expect(primary.counters.requests).toBe(0);
    });

    it('offline: serves cached pages without requests and null for unknown ones', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-pc-'));
      const pageCache = createPageCache(dir);
      const online = await client({ pageCache }).getProject(N('shared'));
      primary.reset();
      const logger = new RecordingLogger();
      const offline = await client({ pageCache, offline: true, logger }).getProject(N('shared'));
      expect(offline).toEqual(online);
      expect(await client({ pageCache, offline: true }).getProject(N('only-primary'))).toBeNull();
      expect(primary.counters.requests + secondary.counters.requests).toBe(0);
    });

    it('keys entries by the redacted URL, so credentials never reach the cache', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-pc-'));
      const pageCache = createPageCache(dir);
      const withCreds = new URL(primary.indexUrl);
      withCreds.username = 'u';
      withCreds.password = 'cache-secret-pw';
      await client({ pageCache, indexUrls: [withCreds.href] }).getProject(N('shared'));
      const [entry] = await readdir(dir);
      expect(entry).toBe(`${pageCacheKey(projectPageUrl(withCreds.href, N('shared')))}.json`);
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(join(dir, entry!), 'utf8')).not.toContain('cache-secret-pw');
    });
  });
});
