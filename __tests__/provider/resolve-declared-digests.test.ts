/**
 * The resolution carries the digests of pip's other algorithms a file's source declared
 * (ResolvedFile.declaredDigests, src/provider/resolve.ts; review 14d F6), so the fetch step can
 * check them while streaming — also when the resolution never read the file whole (its METADATA
 * from the PEP 658 file, as here).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';
import { resolveServed } from './resolve-served.js';

const wheel = buildWheel({ name: 'digested', version: '1.0', requiresDist: [] });
const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');
const SHA512 = 'ab'.repeat(64); // declared, not the file's: only the fetch reads the file

let http: HttpClient;
let base: string;
let stop: () => Promise<void>;
let wheelRequests = 0;

beforeAll(async () => {
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/simple/')) {
      const page = {
        meta: { 'api-version': '1.1' },
        name: 'digested',
        files: [
          {
            filename: wheel.filename,
            url: `/files/${wheel.filename}`,
            hashes: { sha256: wheel.sha256, sha512: SHA512, md5: hex('md5', wheel.bytes).toUpperCase() },
            'core-metadata': { sha256: hex('sha256', wheel.metadata) },
          },
        ],
      };
      res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      res.end(JSON.stringify(page));
      return;
    }
    if (url.endsWith('.metadata')) {
      res.end(Buffer.from(wheel.metadata));
      return;
    }
    wheelRequests++;
    res.end(Buffer.from(wheel.bytes));
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

describe('a resolved file', () => {
  it('carries its declared digests of other algorithms (lower case), sha256 apart', async () => {
    const outcome = await resolveServed({
      http,
      indexUrl: `${base}/simple/`,
      lines: ['digested'],
      source: 'r.txt',
      target: { pythonVersion: '3.11', os: 'linux', arch: 'x86_64' },
    });
    expect(outcome.kind).toBe('resolved');
    if (outcome.kind !== 'resolved') return;
    const file = outcome.resolution.packages[0]!.file;
    expect(file.sha256).toBe(wheel.sha256);
    expect(file.declaredDigests).toEqual({ sha512: SHA512, md5: hex('md5', wheel.bytes) });
    expect(wheelRequests).toBe(0);
  });
});
