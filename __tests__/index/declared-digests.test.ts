/**
 * Review 14b #10: every digest the index declares in one of pip's algorithms (md5, sha1, sha224,
 * sha256, sha384, sha512) is checked against the bytes received — whole-file downloads
 * (`wholeFile`, the metadata fallback) and PEP 658 `.metadata` files — and a mismatch refuses the
 * file as a sha256 mismatch does (pip 23.2: `Link.as_hashes` / `Hashes.check_against_chunks`,
 * "THESE PACKAGES DO NOT MATCH THE HASHES … Expected md5 …"). A declared value that is not hex is
 * kept, so the file is refused (pip keeps it and its download fails), not taken as unhashed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DistFile } from '../../src/index/dist-file.js';
import { DownloadHashMismatchError } from '../../src/index/file-download.js';
import { parseHtmlProjectPage } from '../../src/index/html-page.js';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createMetadataFetcher, MetadataHashMismatchError } from '../../src/index/metadata-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';

const served = buildWheel({ name: 'digested', version: '1.0', requiresDist: ['idna'] });
const other = buildWheel({ name: 'digested', version: '1.0', requiresDist: ['idna', 'extra-dep'] });
const hex = (algorithm: string, bytes: Uint8Array): string =>
  createHash(algorithm).update(bytes).digest('hex');

let http: HttpClient;
let base: string;
let stop: () => Promise<void>;
let dir: string;
let requests: string[];

beforeAll(async () => {
  requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    // The wheel's own METADATA as its PEP 658 file; the wheel itself for anything else.
    const body = Buffer.from(req.url?.endsWith('.metadata') === true ? served.metadata : served.bytes);
    res.writeHead(200, { 'content-length': String(body.length) });
    res.end(body);
  });
  const l = await listenLocally(server);
  stop = l.close;
  base = `http://127.0.0.1:${l.port}`;
  http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
  dir = await mkdtemp(join(tmpdir(), 'wh-declared-digests-'));
});
afterAll(async () => {
  await http.close();
  await stop();
  await rm(dir, { recursive: true, force: true });
});

function linked(fragment: string, attributes = ''): DistFile {
  const html = `<a href="${base}/files/${served.filename}${fragment}"${attributes}>${served.filename}</a>`;
  const file = parseHtmlProjectPage(html, `${base}/simple/digested/`, normalizeName('digested')).files[0];
  if (file === undefined) throw new Error('the link was not read');
  return file;
}

let n = 0;
const fetcher = () =>
  createMetadataFetcher({ http, logger: silentLogger, downloadDir: join(dir, String(n++)) });

describe('declared digests of other algorithms than sha256', () => {
  for (const algorithm of ['md5', 'sha1', 'sha384', 'sha512']) {
    it(`wholeFile refuses a file whose ${algorithm} is not the declared one`, async () => {
      const file = linked(`#${algorithm}=${hex(algorithm, other.bytes)}`);
      const error = await fetcher()
        .wholeFile(file)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadHashMismatchError);
      expect((error as DownloadHashMismatchError).algorithm).toBe(algorithm);
      expect((error as Error).message).toContain(`${algorithm} of the downloaded file`);
    });

    it(`wholeFile accepts the file its declared ${algorithm} matches, with that digest computed`, async () => {
      const file = linked(`#${algorithm}=${hex(algorithm, served.bytes)}`);
      const whole = await fetcher().wholeFile(file);
      expect(whole.sha256).toBe(served.sha256);
      expect(whole.digests[algorithm]).toBe(hex(algorithm, served.bytes));
    });
  }

  it('a PEP 658 .metadata file whose declared sha512 differs is refused', async () => {
    const file = linked('', ` data-core-metadata="sha512=${hex('sha512', other.metadata)}"`);
    const error = await fetcher()
      .fetchMetadata(file)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetadataHashMismatchError);
    expect((error as MetadataHashMismatchError).algorithm).toBe('sha512');
    const good = linked('', ` data-core-metadata="sha512=${hex('sha512', served.metadata)}"`);
    const result = await fetcher().fetchMetadata(good);
    expect(result).toMatchObject({ kind: 'metadata', path: 'pep658' });
  });
});

describe('a declared digest that is not hex', () => {
  it('is kept, and the file is refused (not taken as one without a declared hash)', async () => {
    const file = linked('#sha256=not-a-digest');
    expect(file.hashes.sha256).toBeDefined();
    const before = requests.length;
    const error = await fetcher()
      .fetchMetadata(file)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadHashMismatchError);
    expect((error as Error).message).toContain('not-a-digest');
    expect(requests.length).toBe(before);
    await expect(fetcher().wholeFile(file)).rejects.toBeInstanceOf(DownloadHashMismatchError);
  });

  it('of the wrong length for its algorithm (hex, but no digest of it) is refused the same way', async () => {
    // `#sha256=abc` is hex but no sha256 digest: pip keeps it and the download fails its check; it
    // used to reach the metadata cache as a key it refuses (a plain Error: "internal error").
    for (const fragment of ['#sha256=abc', '#md5=' + 'a'.repeat(64)]) {
      const file = linked(fragment);
      const before = requests.length;
      const error = await fetcher()
        .fetchMetadata(file)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadHashMismatchError);
      expect(requests.length).toBe(before);
    }
  });

  it('in data-core-metadata is kept too: the .metadata file is refused, not used unchecked (review 14d F4)', async () => {
    for (const declared of ['sha256=zz', 'sha256=abc']) {
      const file = linked('', ` data-core-metadata="${declared}"`);
      expect(file.coreMetadata).not.toEqual({});
      const error = await fetcher()
        .fetchMetadata(file)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/no file can match|not a hex digest|does not match|metadata/i);
    }
  });
});
