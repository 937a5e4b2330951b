/**
 * The fetch step checks every digest of pip's algorithms the file's source declared, not only the
 * lock's sha256 (src/download/fetch-file.ts with index/declared-digests.ts DigestCheck, carried as
 * ResolvedFile.declaredDigests; review 14d F6). pip 23.2 checks a link's declared hash against the
 * downloaded bytes (`Link.as_hashes`, `Hashes.check_against_chunks`) and refuses a file that does
 * not match it: a right sha256 beside a wrong sha512 is refused, while the bytes stream by once.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { downloadAll } from '../../src/download/download-all.js';
import { DownloadFailures, HashMismatchError } from '../../src/download/download-error.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import type { ResolvedFile } from '../../src/provider/resolution.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { resolvedFile, type FileSpec } from '../helpers/resolutions.js';

let server: IndexServer;
let http: HttpClient;
let dest: string;
const spec: FileSpec = { name: 'digests', version: '1.0', bytes: pseudoRandomBytes(40_000, 'digests') };
const digest = (algorithm: string) => createHash(algorithm).update(spec.bytes).digest('hex');

function file(declaredDigests: Record<string, string>): ResolvedFile {
  return { ...resolvedFile({ ...spec, baseUrl: `${server.origin}/files` }), declaredDigests };
}

beforeAll(async () => {
  server = await startIndexServer();
  server.addFile(spec.name, { filename: resolvedFile(spec).filename, bytes: spec.bytes });
  http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1, retries: 0 });
});
afterAll(async () => {
  await http.close();
  await server.close();
});
beforeEach(async () => {
  server.reset();
  dest = await mkdtemp(join(tmpdir(), 'wh-dl-digests-'));
});
afterEach(async () => {
  await rm(dest, { recursive: true, force: true });
});

describe('a file whose source declared digests besides its sha256', () => {
  it.each(['sha512', 'sha384', 'sha1', 'md5'])('a wrong %s is refused, nothing kept', async (algorithm) => {
    const wrong = digest(algorithm).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const error = await downloadAll([file({ [algorithm]: wrong })], {
      http,
      dest,
      logger: new RecordingLogger(),
      retryDelayMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadFailures);
    const failure = (error as DownloadFailures).failures[0];
    expect(failure).toBeInstanceOf(HashMismatchError);
    expect((failure as HashMismatchError).algorithm).toBe(algorithm);
    expect((failure as Error).message).toContain(`${algorithm} mismatch`);
    expect(await readdir(dest)).toEqual([]);
  });

  it('right ones are downloaded, with the one request', async () => {
    const summary = await downloadAll([file({ sha512: digest('sha512'), md5: digest('md5') })], {
      http,
      dest,
      logger: new RecordingLogger(),
      retryDelayMs: 0,
    });
    expect(summary.downloaded).toBe(1);
    expect(server.counters.requests).toBe(1);
    expect(await readdir(dest)).toEqual([resolvedFile(spec).filename]);
  });
});
