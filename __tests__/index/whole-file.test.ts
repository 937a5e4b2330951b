/**
 * MetadataFetcher.wholeFile (a file downloaded once and hashed, for sources that declare no sha256)
 * and the whole-file download's handling of a handed-over response when its directory cannot be made.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpClient } from '../../src/index/http-client.js';
import type { DistFile } from '../../src/index/dist-file.js';
import { DownloadHashMismatchError, downloadToFile } from '../../src/index/file-download.js';
import { createHttpClient } from '../../src/index/http.js';
import { createMetadataFetcher, type MetadataFetcher } from '../../src/index/metadata-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildSdist, buildWheel, sha256Hex } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { defaultModes } from '../helpers/index-server-modes.js';
import { distFileFor, servedProjects, type Served } from '../helpers/metadata-fixtures.js';
import { createTestMetadataFetcher } from '../helpers/test-metadata-fetcher.js';

const big: Served & { dist: ReturnType<typeof buildWheel> } = {
  project: 'big',
  dist: buildWheel({ name: 'big', version: '1.0', files: [{ path: 'big/_core.so', size: 300_000 }] }),
  pep658: false,
};

let server: IndexServer;
let http: HttpClient | undefined;

beforeAll(async () => {
  server = await startIndexServer({ projects: servedProjects([big]) });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await http?.close();
  http = undefined;
  server.setModes(defaultModes());
  server.reset();
});

async function fetcher(): Promise<MetadataFetcher> {
  const made = await createTestMetadataFetcher();
  http = made.http;
  return made.fetcher;
}

/** GETs of the file answered whole (200). */
const wholeGets = () =>
  server.counters.log.filter((e) => e.method === 'GET' && e.status === 200 && !e.path.endsWith('.metadata'));

describe('wholeFile', () => {
  it('downloads a file without a declared sha256 once, hashes it, and finds it by that hash', async () => {
    const f = await fetcher();
    const file = distFileFor(server, big, { noHash: true, noSize: true });
    const [a, b] = await Promise.all([f.wholeFile(file), f.wholeFile(file)]);
    expect(a).toEqual(b);
    expect(a.sha256).toBe(big.dist.sha256);
    expect(a.size).toBe(big.dist.bytes.length);
    expect(new Uint8Array(await readFile(a.path))).toEqual(big.dist.bytes);
    expect(await f.wholeFile(file)).toEqual(a);
    expect(wholeGets()).toHaveLength(1);
    // The download step asks with the hash the resolution recorded.
    expect(f.downloadedPath(file)).toBe(a.path);
    expect(f.downloadedPath({ ...file, hashes: { sha256: a.sha256 } })).toBe(a.path);
  });

  it('reuses the download made for the metadata on a host that ignores Range (no second GET)', async () => {
    server.setModes({ rangeIgnored: true });
    const f = await fetcher();
    const file = distFileFor(server, big, { noHash: true });
    const pending = f.fetchMetadata(file);
    // Asked while the metadata fetch is still downloading: waits for it instead of racing it.
    const whole = await f.wholeFile(file);
    expect(await pending).toMatchObject({ kind: 'metadata', path: 'download' });
    expect(whole.sha256).toBe(big.dist.sha256);
    expect(wholeGets()).toHaveLength(1);
  });

  it('a failed download rejects with the network error naming the redacted URL, and may be retried', async () => {
    server.setModes({ dropMidBody: { afterBytes: 1000, always: true } });
    const f = await fetcher();
    const url = server.fileUrl(big.dist.filename).replace('http://', 'http://bob:hunter2-pw@');
    const file = distFileFor(server, big, { noHash: true, url });
    const err = await f.wholeFile(file).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`http://***@127.0.0.1:${server.port}/files/`);
    expect((err as Error).message).not.toContain('hunter2');
    server.setModes({ dropMidBody: null });
    expect((await f.wholeFile(file)).sha256).toBe(big.dist.sha256);
  });
});

describe('downloadToFile with a handed-over response', () => {
  it('discards the response when the destination directory cannot be made', async () => {
    const made = await createTestMetadataFetcher();
    http = made.http;
    const blocker = join(await mkdtemp(join(tmpdir(), 'wh-whole-')), 'a-file');
    await writeFile(blocker, 'not a directory');
    const url = server.fileUrl(big.dist.filename);
    const response = await made.http.request(url);
    expect(response.status).toBe(200);
    const err = await downloadToFile({
      http: made.http,
      logger: made.logger,
      url,
      redactedUrl: url,
      dest: join(blocker, 'sub', big.dist.filename),
      response,
    }).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    // Discarded, so it can no longer be read (an unread body would still be claimable).
    await expect(response.body()).rejects.toThrow(/already consumed/);
  });
});

/**
 * Review 14b #7: two files of one name from two sources (an index, a find-links page) are
 * downloaded to paths of their own, so `wholeFile` of the first keeps answering the first file's
 * bytes; and a download reused later is hashed again, so bytes changed since are refused.
 */
describe('two files of one name', () => {
  const fromIndex = buildSdist({
    name: 'twin',
    version: '1.0',
    format: 'tar.gz',
    pkgInfo: { metadataVersion: '2.1', requiresDist: ['a'] },
  });
  const fromLinks = buildSdist({
    name: 'twin',
    version: '1.0',
    format: 'tar.gz',
    pkgInfo: { metadataVersion: '2.1', requiresDist: ['b'] },
  });
  let base: string;
  let stop: () => Promise<void>;
  let client: HttpClient;
  let dir: string;

  beforeAll(async () => {
    const server = createServer((req, res) => {
      const body = Buffer.from(req.url?.startsWith('/index/') === true ? fromIndex.bytes : fromLinks.bytes);
      res.writeHead(200, { 'content-length': String(body.length) });
      res.end(body);
    });
    const l = await listenLocally(server);
    stop = l.close;
    base = `http://127.0.0.1:${l.port}`;
    client = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
    dir = await mkdtemp(join(tmpdir(), 'wh-twin-'));
  });
  afterAll(async () => {
    await client.close();
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  function twin(where: string, sha256?: string): DistFile {
    const url = `${base}/${where}/${fromIndex.filename}`;
    return {
      project: normalizeName('twin'),
      filename: fromIndex.filename,
      url,
      redactedUrl: url,
      hashes: sha256 !== undefined ? { sha256 } : {},
      yanked: false,
      coreMetadata: false,
      source: where,
    };
  }

  it('keeps each file at a path of its own, holding its own bytes', async () => {
    expect(fromIndex.filename).toBe(fromLinks.filename);
    const f = createMetadataFetcher({ http: client, logger: silentLogger, downloadDir: join(dir, 'a') });
    const chosen = twin('index', fromIndex.sha256);
    const other = twin('links');
    expect((await f.fetchMetadata(chosen)).kind).toBe('needs-build');
    expect((await f.fetchMetadata(other)).kind).toBe('needs-build');
    const whole = await f.wholeFile(chosen);
    expect(whole.sha256).toBe(fromIndex.sha256);
    expect(sha256Hex(await readFile(whole.path))).toBe(fromIndex.sha256);
    const second = await f.wholeFile(other);
    expect(second.path).not.toBe(whole.path);
    expect(second.sha256).toBe(fromLinks.sha256);
    expect(sha256Hex(await readFile(second.path))).toBe(fromLinks.sha256);
  });

  it('hashes a download again when it is reused, refusing bytes changed since', async () => {
    const f = createMetadataFetcher({ http: client, logger: silentLogger, downloadDir: join(dir, 'b') });
    const chosen = twin('index', fromIndex.sha256);
    const whole = await f.wholeFile(chosen);
    await writeFile(whole.path, fromLinks.bytes);
    await expect(f.wholeFile(chosen)).rejects.toBeInstanceOf(DownloadHashMismatchError);
  });
});
