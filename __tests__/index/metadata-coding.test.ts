/**
 * A PEP 658 `.metadata` file sent with a content coding (src/index/metadata-fetch.ts through
 * src/index/page-coding.ts; review 14b #2, its remainder): PEP 658 declares the hash of the
 * metadata file itself, and a `Content-Encoding` is only how the server sent that file (RFC 9110
 * §8.4), so the body is decoded before its hash is checked — capped at the metadata limit, as
 * pages are at theirs. A wrong hash of the decoded file, or a coded body that inflates past the
 * limit, is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { DistFile } from '../../src/index/dist-file.js';
import { MetadataHashMismatchError } from '../../src/index/metadata-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { listenLocally } from '../helpers/listen-locally.js';
import { createTestMetadataFetcher, type TestMetadataFetcher } from '../helpers/test-metadata-fetcher.js';

const FILE = 'coded-1.0-py3-none-any.whl';
const METADATA = Buffer.from('Metadata-Version: 2.1\nName: coded\nVersion: 1.0\nRequires-Dist: idna>=2\n');
const SHA = createHash('sha256').update(METADATA).digest('hex');
/** Zeros that gzip to a few kB and inflate past the fetcher's 10 MiB metadata limit. */
const BOMB = gzipSync(Buffer.alloc(24 * 1024 * 1024));

let close: () => Promise<void>;
let base: string;
let t: TestMetadataFetcher;

beforeAll(async () => {
  // /<coding>/<FILE>.metadata
  const server = createServer((req, res) => {
    const [, coding] = (req.url ?? '').split('/');
    const body =
      coding === 'gzip'
        ? gzipSync(METADATA)
        : coding === 'deflate'
          ? deflateSync(METADATA)
          : coding === 'br'
            ? brotliCompressSync(METADATA)
            : coding === 'bomb'
              ? BOMB
              : METADATA;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-encoding': coding === 'bomb' ? 'gzip' : (coding as string),
      'content-length': String(body.length),
    });
    res.end(body);
  });
  const l = await listenLocally(server);
  close = l.close;
  base = `http://127.0.0.1:${l.port}`;
  t = await createTestMetadataFetcher();
});
afterAll(async () => {
  await t.http.close();
  await close();
});

function file(coding: string, metadataSha256 = SHA): DistFile {
  const url = `${base}/${coding}/${FILE}`;
  return {
    project: normalizeName('coded'),
    filename: FILE,
    url,
    redactedUrl: url,
    hashes: { sha256: 'b'.repeat(64) },
    yanked: false,
    coreMetadata: { sha256: metadataSha256 },
    source: base,
  };
}

describe('a PEP 658 .metadata file sent with a content coding', () => {
  it.each(['gzip', 'deflate', 'br', 'identity'])('%s: the decoded file passes its hash', async (c) => {
    const r = await t.fetcher.fetchMetadata(file(c));
    expect(r.kind === 'metadata' && r.path).toBe('pep658');
    expect(r.kind === 'metadata' && Buffer.from(r.metadata).equals(METADATA)).toBe(true);
  });

  it('a decoded file of another hash is refused', async () => {
    const err = await t.fetcher.fetchMetadata(file('gzip', 'ab'.repeat(32))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetadataHashMismatchError);
  });

  it('a coded body that inflates past the metadata limit is refused, naming the limit', async () => {
    const err = await t.fetcher.fetchMetadata(file('bomb')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/decoded from gzip is over its limit/);
    expect((err as Error).message).toContain(`${FILE}.metadata`);
  });
});
