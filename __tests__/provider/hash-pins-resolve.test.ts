/**
 * Review 14b #10, through the resolver: a `--hash=sha512:` pin that only the index's declaration
 * matches is checked against the bytes of the chosen file, as pip's hash-checking mode does
 * (`InstallRequirement.hashes(trust_internet=False)`, `Hashes.check_against_path`) — also when the
 * index declares a sha256 too (the one the download step would check). The page declares the
 * served file's sha256 and the genuine file's sha512; the metadata comes from PEP 658 files, so
 * only the hashing step of the resolution sees the bytes.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createIndexClient } from '../../src/index/index-client.js';
import { createMetadataFetcher } from '../../src/index/metadata-fetch.js';
import { FileHashError } from '../../src/provider/file-hashes.js';
import { inlineRequirements } from '../../src/provider/requirement-inputs.js';
import { resolveRequirements } from '../../src/provider/resolve.js';
import { targetEnvironment } from '../../src/provider/target.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';

const genuine = buildWheel({ name: 'pinned', version: '1.0' });
const tampered = buildWheel({
  name: 'pinned',
  version: '1.0',
  files: [{ path: 'pinned/evil.py', size: 64 }],
});
const sha512 = (w: BuiltWheel): string => createHash('sha512').update(w.bytes).digest('hex');

let http: HttpClient;
let base: string;
let stop: () => Promise<void>;
let served: BuiltWheel = genuine;

beforeAll(async () => {
  const server = createServer((req, res) => {
    const file = `/files/${genuine.filename}`;
    let body: Uint8Array | undefined;
    if (req.url === '/simple/pinned/') {
      const href = `${file}#sha256=${served.sha256}&sha512=${sha512(genuine)}`;
      body = new TextEncoder().encode(`<a href="${href}" data-core-metadata="true">${genuine.filename}</a>`);
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) });
    } else if (req.url === `${file}.metadata`) body = served.metadata;
    else if (req.url === file) body = served.bytes;
    if (body === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (!res.headersSent) res.writeHead(200, { 'content-length': String(body.length) });
    res.end(Buffer.from(body));
  });
  const l = await listenLocally(server);
  stop = l.close;
  base = `http://127.0.0.1:${l.port}`;
  http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
});
afterAll(async () => {
  await http.close();
  await stop();
});

function resolvePinned() {
  const fetcher = createMetadataFetcher({ http, logger: silentLogger });
  return resolveRequirements({
    requirements: inlineRequirements(['pinned==1.0'], 'requirements.txt'),
    hashes: new Map([['pinned' as NormalizedName, new Map([['sha512', new Set([sha512(genuine)])]])]]),
    options: {},
    target: targetEnvironment({ pythonVersion: '3.12', os: 'linux', arch: 'x86_64', glibc: [2, 17] }),
    index: createIndexClient({
      http,
      logger: silentLogger,
      indexUrls: [`${base}/simple/`],
      findLinks: [],
      strategy: 'first-index',
    }),
    fetcher,
    hasher: fetcher,
    logger: silentLogger,
  });
}

describe('a --hash=sha512 pin matched by the index declaration', () => {
  it('resolves when the bytes have the pinned sha512', async () => {
    served = genuine;
    const outcome = await resolvePinned();
    expect(outcome.kind).toBe('resolved');
    if (outcome.kind === 'resolved') expect(outcome.resolution.packages[0]?.file.sha256).toBe(genuine.sha256);
  });

  it('fails naming sha512 when the bytes are another file (their sha256 declared beside it)', async () => {
    served = tampered;
    const error = await resolvePinned().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileHashError);
    expect((error as Error).message).toContain('sha512');
  });
});
