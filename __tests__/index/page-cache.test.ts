/**
 * The page cache travels in cache entries, so it is untrusted: a stored page whose body was
 * rewritten (the server still answering 304 to its ETag) must not be used.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import { createPageCache, type CachedPage } from '../../src/index/page-cache.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

let server: IndexServer;
let dir: string;

beforeAll(async () => {
  const wheel = buildWheel({ name: 'demo', version: '1.0' });
  server = await startIndexServer({
    projects: [{ name: 'demo', files: [{ filename: wheel.filename, bytes: wheel.bytes }] }],
  });
  dir = await mkdtemp(join(tmpdir(), 'wh-pagecache-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('page cache', () => {
  it('a rewritten body is a miss: the page is fetched whole, the attacker hash never used', async () => {
    const logger = new RecordingLogger();
    const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
    const cache = createPageCache(dir);
    const ctx = { http, logger, pageCache: cache };
    const demo = normalizeName('demo');
    try {
      const first = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      const real = first!.files[0]!.hashes.sha256!;
      const [name] = await readdir(dir);
      const path = join(dir, name!);
      const stored = JSON.parse(await readFile(path, 'utf8')) as CachedPage;
      const evil = 'e'.repeat(64);
      await writeFile(path, JSON.stringify({ ...stored, body: stored.body.split(real).join(evil) }));

      server.reset();
      const second = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      expect(second!.files[0]!.hashes.sha256).toBe(real);
      expect(server.counters.log.map((r) => r.status)).toEqual([200]);

      // An intact entry is still revalidated with a 304.
      server.reset();
      const third = await fetchProjectPage(ctx, server.projectUrl('demo'), demo);
      expect(third!.files[0]!.hashes.sha256).toBe(real);
      expect(server.counters.log.map((r) => r.status)).toEqual([304]);
    } finally {
      await http.close();
    }
  });
});
