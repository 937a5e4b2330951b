/**
 * A project page reached through a redirect whose final URL holds a run secret (a tokenised index,
 * `https://host/<token>/simple/`): its stored form has the token masked (publicUrl), so a later use
 * of the stored page must never resolve the page's relative links against that mask (review 14b #9,
 * src/index/project-page-fetch.ts) — the second fetch's links keep the token, as the first's do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createPageCache } from '../../src/index/page-cache.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { registerUrlSecrets, runSecrets } from '../../src/index/redact.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { listenLocally } from '../helpers/listen-locally.js';

const TOKEN = 'tok3n8x9QwErTy';
let close: () => Promise<void>;
let base: string;
let http: HttpClient;
let dir: string;

beforeAll(async () => {
  const server = createServer((req, res) => {
    if (req.url === `/${TOKEN}/simple/foo/`) {
      res.writeHead(301, { location: `/${TOKEN}/simple/+foo/`, 'content-length': '0' });
      res.end();
      return;
    }
    const body = '<a href="../../packages/foo-1.0.tar.gz">foo-1.0.tar.gz</a>';
    res.writeHead(200, {
      'content-type': 'text/html',
      'cache-control': 'max-age=600',
      etag: '"v1"',
      'content-length': String(body.length),
    });
    res.end(body);
  });
  const l = await listenLocally(server);
  close = l.close;
  base = `http://127.0.0.1:${l.port}`;
  http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
  dir = mkdtempSync(join(tmpdir(), 'wh-page-redirect-'));
});
afterAll(async () => {
  await http.close();
  await close();
  rmSync(dir, { recursive: true, force: true });
  runSecrets.clear();
});

describe('a redirected page whose final URL holds a secret', () => {
  it('resolves its links against the real final URL on every fetch, never against the mask', async () => {
    const index = `${base}/${TOKEN}/simple/`;
    registerUrlSecrets(index);
    const ctx = { http, logger: silentLogger, pageCache: createPageCache(dir) };
    const want = [`${base}/${TOKEN}/packages/foo-1.0.tar.gz`];
    for (let i = 0; i < 2; i++) {
      const page = await fetchProjectPage(ctx, `${index}foo/`, normalizeName('foo'));
      expect(page?.files.map((f) => f.url)).toEqual(want);
    }
    const offline = await fetchProjectPage({ ...ctx, offline: true }, `${index}foo/`, normalizeName('foo'));
    expect(offline?.files.map((f) => f.url) ?? want).toEqual(want);
  });
});
