/**
 * Parallel ranged GETs hashed in object order while they arrive (src/cache/s3/s3-ranged-get.ts),
 * against the real Ceph gateway (scripts/s3-test-gateway.sh) through the tests' proxy, which can
 * hold the first range until the later ones were answered: the later ranges then wait for the hash,
 * kept in memory up to the bound and read back from the file beyond it. In every order the digest
 * is the object's, and a single changed byte anywhere is seen.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '../../../src/cache/s3/s3-client.js';
import { getRanges } from '../../../src/cache/s3/s3-ranged-get.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  S3_ENDPOINT,
  S3_KEY,
  S3_SECRET,
  s3GatewayMissing,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';

const MiB = 1024 * 1024;
/** 3 ranges of 5 MiB (S3's smallest part), the last one short. */
const SIZE = 12 * MiB + 123;
const PART = 5 * MiB;

describeWhenAvailable('S3 ranged GET hashed in order (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  let client: S3Client;
  const bucket = `wh-ranged-${randomBytes(4).toString('hex')}`;
  const data = randomBytes(SIZE);
  const digest = createHash('sha256').update(data).digest('hex');
  const changed = Buffer.from(data);
  changed[11 * MiB] = changed[11 * MiB]! ^ 0x01; // one byte of the last range
  const changedDigest = createHash('sha256').update(changed).digest('hex');

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-ranged-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    client = new S3Client({
      bucket,
      endpoint: proxy.url,
      region: 'us-east-1',
      credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_SECRET },
      retries: 0,
    });
    await client.createBucket();
    await client.put('obj', { kind: 'buffer', data }, digest, false);
    await client.put('changed', { kind: 'buffer', data: changed }, changedDigest, false);
  });
  afterAll(async () => {
    await client.close();
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  /**
   * Holds the first range of `key` until the proxy passed on the whole answers to the other two;
   * undone after one use.
   */
  const firstRangeLast = (key: string): void => {
    let release: () => void = () => {};
    const othersAnswered = new Promise<void>((resolve) => (release = resolve));
    let answered = 0;
    proxy.answered = (request, range) => {
      if (request === `GET /${bucket}/${key}` && range !== undefined && !range.startsWith('bytes=0-'))
        if (++answered === 2) release();
    };
    proxy.hold = (request, range) =>
      request === `GET /${bucket}/${key}` && range?.startsWith('bytes=0-') === true
        ? othersAnswered
        : undefined;
  };
  const reset = (): void => {
    delete proxy.hold;
    delete proxy.answered;
  };

  it('with room to keep the later ranges, every byte is hashed on arrival: nothing is read back', async () => {
    firstRangeLast('obj');
    const path = join(root, 'kept');
    const got = await getRanges(client, 'obj', path, SIZE, {
      partBytes: PART,
      concurrency: 3,
      retainedBytes: SIZE,
    });
    reset();
    expect(got).toEqual({ sha256: digest, size: SIZE, readBack: 0 });
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('with no room, the later ranges are hashed from the file once the first is done', async () => {
    firstRangeLast('obj');
    const path = join(root, 'spilled');
    const got = await getRanges(client, 'obj', path, SIZE, {
      partBytes: PART,
      concurrency: 3,
      retainedBytes: 0,
    });
    reset();
    expect(got.sha256).toBe(digest);
    expect(got.size).toBe(SIZE);
    // Only the later ranges can be read back, never the first (hashed as it arrived); they arrived
    // whole before the first one was let through, so some of their bytes were.
    expect(got.readBack).toBeGreaterThan(0);
    expect(got.readBack).toBeLessThanOrEqual(SIZE - PART);
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('in any order and with any room, one changed byte changes the digest', async () => {
    for (const [i, retainedBytes] of [0, MiB, SIZE].entries()) {
      firstRangeLast('changed');
      const got = await getRanges(client, 'changed', join(root, `changed-${i}`), SIZE, {
        partBytes: PART,
        concurrency: 3,
        retainedBytes,
      });
      reset();
      // Exactly the changed object's digest (not merely another one: bytes hashed twice, skipped or
      // out of order would give a third), and exactly its bytes on disk.
      expect(got).toMatchObject({ sha256: changedDigest, size: SIZE });
      if (retainedBytes < SIZE) expect(got.readBack).toBeGreaterThan(0);
      expect((await readFile(join(root, `changed-${i}`))).equals(changed)).toBe(true);
    }
    // In list order (nothing held), one range at a time: the same digest as in any other order.
    const serial = await getRanges(client, 'changed', join(root, 'changed-serial'), SIZE, {
      partBytes: PART,
      concurrency: 1,
      retainedBytes: 0,
    });
    const whole = createHash('sha256')
      .update(await readFile(join(root, 'changed-serial')))
      .digest('hex');
    expect(serial).toEqual({ sha256: whole, size: SIZE, readBack: 0 });
    expect(whole).toBe(changedDigest);
  });

  it('a missing object is its 404 once every range settled; nothing is left open', async () => {
    const path = join(root, 'missing');
    await expect(
      getRanges(client, 'missing-key', path, SIZE, { partBytes: PART, concurrency: 3, retainedBytes: 0 }),
    ).rejects.toMatchObject({ status: 404 });
    await rm(path); // the file was created and closed (removing it is the caller's part)
  });
});
