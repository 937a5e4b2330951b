/**
 * Review 14c F3: one entry object that cannot be read — over the 16 MiB a restore reads, or refused
 * with 403 — is skipped with a warning: a restore by prefix moves on to the next candidate, and a
 * prune keeps it as unreadable instead of failing before its sweep.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
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
const PREFIX = 'wheelhouse-v1-linux-abc-cp312-';
// Listed first on a tie of LastModified, and written after GOOD: always the first candidate.
const BAD = PREFIX + 'a'.repeat(32);
const GOOD = PREFIX + 'b'.repeat(32);

describeWhenAvailable('S3 entries that cannot be read', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-unread-${randomBytes(4).toString('hex')}`;
  const store = (endpoint: string, log = recorder()): S3Store =>
    testS3Store(bucket, {
      endpoint,
      prefix: 'unread',
      logger: log,
      retries: 0,
      backoffBaseMs: 10,
    });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-unread-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
    const name = 'good-1.0-py3-none-any.whl';
    const data = randomBytes(1024);
    const src = join(root, 'src');
    await mkdir(src);
    await writeFile(join(src, name), data);
    await writeManifest(src, { version: 1, files: { [name]: { sha256: sha(data), size: data.length } } });
    const s = store(S3_ENDPOINT!);
    expect(await s.save([src], GOOD)).toEqual({ saved: true });
    await s.close();
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  const restoreByPrefix = async (endpoint: string, dir: string): Promise<string> => {
    const log = recorder();
    const s = store(endpoint, log);
    const dst = join(root, dir);
    await mkdir(dst);
    const got = await s.restore([dst], PREFIX, [PREFIX]);
    expect(got).toMatchObject({ matchedKey: GOOD, exact: false });
    await s.close();
    return log.lines.join('\n');
  };

  it('an entry refused with 403 is passed over by restore and kept by prune', async () => {
    const s = store(S3_ENDPOINT!);
    const body = Buffer.from(JSON.stringify({ version: 1, key: BAD, createdAt: 0, paths: [{}] }));
    await s.client.put(s.entryKey(BAD), { kind: 'buffer', data: body }, sha(body), false);
    await s.close();
    proxy.fault = (request) =>
      request.startsWith('GET ') && request.includes('a'.repeat(32)) ? 403 : undefined;
    expect(await restoreByPrefix(proxy.url, 'r403')).toMatch(/cannot be read \(.*HTTP 403/);
    const log = recorder();
    const pruner = store(proxy.url);
    const result = await pruneStore(pruner, { olderThanDays: 1000, logger: log, dryRun: true });
    expect(result).toMatchObject({ entriesKept: 2, entriesDeleted: 0 });
    expect(log.lines.join('\n')).toMatch(/is unreadable: kept/);
    await pruner.close();
    proxy.fault = undefined;
  }, 60_000);

  it('an entry over 16 MiB is passed over by restore and kept by prune', async () => {
    const s = store(S3_ENDPOINT!);
    const filler = 'x'.repeat(16 * 1024 * 1024 + 10);
    const body = Buffer.from(JSON.stringify({ version: 1, key: BAD, createdAt: 0, paths: [{}], filler }));
    await s.client.put(s.entryKey(BAD), { kind: 'buffer', data: body }, sha(body), false);
    await s.close();
    expect(await restoreByPrefix(S3_ENDPOINT!, 'rbig')).toMatch(/cannot be read \(.*larger than 16777216/);
    const pruner = store(S3_ENDPOINT!);
    const result = await pruneStore(pruner, { olderThanDays: 1000, logger: recorder(), dryRun: true });
    expect(result).toMatchObject({ entriesKept: 2, entriesDeleted: 0 });
    await pruner.close();
  }, 60_000);
});
