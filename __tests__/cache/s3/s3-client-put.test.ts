/**
 * Review 14c F12: AWS S3 answers a conditional PUT (`If-None-Match: *`) that races another write of
 * the same key with 409 ConditionalRequestConflict and documents "on a 409 failure you should retry
 * the upload" (PutObject IfNoneMatch). The client retries it; a 412 stays "already there"; a 409
 * that persists is "already there" only when a HEAD finds the key. The test proxy plays the 409.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const KEY = 'wheelhouse-v1-linux-abc-cp312-' + '9'.repeat(32);

describeWhenAvailable('S3 conditional PUT answered 409 ConditionalRequestConflict', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-409-${randomBytes(4).toString('hex')}`;
  const store = (endpoint: string): S3Store =>
    testS3Store(bucket, {
      endpoint,
      prefix: 'conflict',
      logger: recorder(),
      retries: 2,
      backoffBaseMs: 10,
    });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-409-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a save whose wheel PUT meets a 409 once retries it and writes its entry', async () => {
    const name = 'race-1.0-py3-none-any.whl';
    const data = randomBytes(2048);
    const src = join(root, 'src');
    await mkdir(src);
    await writeFile(join(src, name), data);
    await writeManifest(src, { version: 1, files: { [name]: { sha256: sha(data), size: data.length } } });
    let conflicts = 0;
    proxy.fault = (request) =>
      request.startsWith('PUT ') && request.includes('/wheels/') && conflicts++ === 0 ? 409 : undefined;
    const s = store(proxy.url);
    expect(await s.save([src], KEY)).toEqual({ saved: true });
    expect(conflicts).toBe(2);
    expect(s.stats.uploaded).toBe(1);
    expect(await s.client.head(s.entryKey(KEY))).toBe(true);
    expect(await s.client.head(s.objectKey(name, sha(data)))).toBe(true);
    await s.close();
  }, 60_000);

  it('a 409 that persists is "exists" when the key is there, an error when it is not', async () => {
    const direct = store(S3_ENDPOINT!);
    const s = store(proxy.url);
    const there = randomBytes(100);
    await direct.client.put('conflict/x/there', { kind: 'buffer', data: there }, sha(there), true);
    proxy.fault = (request) => (request.startsWith('PUT ') ? 409 : undefined);
    expect(await s.client.put('conflict/x/there', { kind: 'buffer', data: there }, sha(there), true)).toBe(
      'exists',
    );
    const absent = randomBytes(100);
    await expect(
      s.client.put('conflict/x/absent', { kind: 'buffer', data: absent }, sha(absent), true),
    ).rejects.toThrow(/HTTP 409/);
    proxy.fault = undefined;
    await s.close();
    await direct.close();
  }, 60_000);
});
