/**
 * Issue 10 §1: the page cache inside a restored cache entry is untrusted. An attacker who can write
 * the cache (not the index) rewrites a stored project page together with its digest — here dropping
 * the newest version (a downgrade) — and the index still answers 304 to the stored ETag. The next
 * run must resolve from the page the index serves (src/index/page-trust.ts). A page whose ETag is
 * not a digest of its body can never be used after a restore, so it is not saved in the entry at
 * all (src/flow/tracked-caches.ts); a forged one planted there is not used either.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { pageCacheKey } from '../../src/index/page-cache.js';

let server: IndexServer;
let work: string;
let oldWheel: { filename: string; sha256: string };

beforeAll(async () => {
  const files = ['1.0', '2.0'].map((v) => {
    const w = buildWheel({ name: 'demo', version: v });
    return { filename: w.filename, bytes: w.bytes, metadata: w.metadata, sha256: w.sha256 };
  });
  oldWheel = { filename: files[0]!.filename, sha256: files[0]!.sha256 };
  server = await startIndexServer({ projects: [{ name: 'demo', files }] });
  work = await mkdtemp(join(tmpdir(), 'wh-tampered-pages-'));
  await writeFile(join(work, 'requirements.txt'), 'demo\n');
});
afterAll(async () => {
  await server.close();
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

describe('a restored page rewritten together with its digest', () => {
  it.each(['digest', 'opaque'] as const)(
    'is not used: the next run resolves from the index (page ETag: %s)',
    async (pageEtag) => {
      server.setModes({ pageEtag });
      const cacheDir = join(work, `cache-${pageEtag}`);
      const run = (dest: string) =>
        runCliCaptured(
          [
            'fetch',
            '-r',
            'requirements.txt',
            '-i',
            server.indexUrl,
            ...TARGET,
            '--dest',
            dest,
            '--cache-dir',
            cacheDir,
          ],
          { env: { HOME: work }, cwd: work },
        );
      const first = await run(`wh1-${pageEtag}`);
      expect(first.code).toBe(0);
      expect(await readFile(join(work, `wh1-${pageEtag}`, 'requirements.lock'), 'utf8')).toMatch(
        /^demo==2\.0/m,
      );

      // Rewrite every stored demo page: version 2.0 removed, the stored digest recomputed.
      let rewritten = 0;
      for await (const path of walk(cacheDir)) {
        if (!/[0-9a-f]{64}\.json$/.test(path)) continue;
        const entry = JSON.parse(await readFile(path, 'utf8')) as { body?: string; sha256?: string };
        if (typeof entry.body !== 'string' || !entry.body.includes('demo-2.0')) continue;
        const page = JSON.parse(entry.body) as { files: { filename: string }[] };
        page.files = page.files.filter((f) => !f.filename.startsWith('demo-2.0'));
        const body = JSON.stringify(page);
        const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
        await writeFile(
          path,
          JSON.stringify({ ...entry, body, sha256, storedAt: Date.now(), freshForSec: 86_400 }),
        );
        rewritten++;
      }
      if (pageEtag === 'digest') expect(rewritten).toBeGreaterThan(0);
      else {
        // Never usable after a restore, so not carried in the entry (issue 10 §1).
        expect(rewritten).toBe(0);
        // A forged page planted in the entry (demo 2.0 missing, fresh for a day, an opaque ETag).
        const entries = join(cacheDir, 'entries');
        const [id] = await readdir(entries);
        const pagesDir = join(entries, id!, 'data', '2');
        await mkdir(pagesDir, { recursive: true });
        const body = JSON.stringify({
          meta: { 'api-version': '1.1' },
          name: 'demo',
          files: [
            {
              filename: oldWheel.filename,
              url: server.fileUrl(oldWheel.filename),
              hashes: { sha256: oldWheel.sha256 },
            },
          ],
        });
        const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
        const pageUrl = server.projectUrl('demo');
        await writeFile(
          join(pagesDir, `${pageCacheKey(pageUrl)}.json`),
          JSON.stringify({
            url: pageUrl,
            etag: '"5f1c2a-3e8"',
            contentType: 'application/vnd.pypi.simple.v1+json',
            body,
            sha256,
            storedAt: Date.now(),
            freshForSec: 86_400,
          }),
        );
      }

      server.reset();
      const second = await run(`wh2-${pageEtag}`);
      expect(second.code).toBe(0);
      expect(await readFile(join(work, `wh2-${pageEtag}`, 'requirements.lock'), 'utf8')).toMatch(
        /^demo==2\.0/m,
      );
      expect(server.counters.log.filter((r) => r.path.includes('/simple/demo')).map((r) => r.status)).toEqual(
        [200],
      );
    },
  );
});
