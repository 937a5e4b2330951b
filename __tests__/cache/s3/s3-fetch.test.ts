/**
 * fetchObject (src/cache/s3/s3-fetch.ts) against the real Ceph gateway: both paths — small objects
 * (≤ 256 KiB: one bounded GET, one write) and streamed ones (batched writev) — place exactly the
 * entry's bytes, refuse an object longer than the entry says while reading, refuse other bytes of the
 * right length, answer "missing" for a missing key, and never leave a temporary file. Streamed objects
 * come over s3-plain-get.ts's connections (counted), not through undici.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '../../../src/cache/s3/s3-client.js';
import { fetchObject } from '../../../src/cache/s3/s3-fetch.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { S3_ENDPOINT, S3_KEY, S3_SECRET, s3GatewayMissing } from '../../helpers/s3-gateway.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const limits = { maxObjectBytes: 1 << 30, largeObjectBytes: 64 << 20, partBytes: 16 << 20, concurrency: 4 };

describeWhenAvailable('fetchObject: small and streamed objects (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let client: S3Client;
  const bucket = `wh-fetch-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-fetch-'));
    client = new S3Client({
      bucket,
      endpoint: S3_ENDPOINT!,
      region: 'us-east-1',
      credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_SECRET },
      retries: 1,
      backoffBaseMs: 10,
    });
    await client.createBucket();
  });
  afterAll(async () => {
    await client.close();
    await rm(root, { recursive: true, force: true });
  });

  for (const [what, size] of [
    ['small (one GET, one write)', 40 * 1024],
    ['streamed (batched writev, over 1 MiB)', 3 * 1024 * 1024 + 17],
  ] as const) {
    it(`${what}: exact bytes placed; longer or other bytes refused; missing is missing; no temp left`, async () => {
      const data = randomBytes(size);
      const key = `k/${size}`;
      await client.put(key, { kind: 'buffer', data }, sha(data), false);
      const dir = await mkdtemp(join(root, 'd-'));
      const file = { sha256: sha(data), size };
      const plainBefore = client.plainCounts;

      const ok = await fetchObject(client, key, join(dir, 'a.whl'), file, limits);
      expect(ok.outcome).toBe('placed');
      expect(sha(await readFile(join(dir, 'a.whl')))).toBe(sha(data));

      // The entry claims fewer bytes than the object has: reading stops past them.
      const longer = await fetchObject(client, key, join(dir, 'b.whl'), { ...file, size: size - 1 }, limits);
      expect(longer.outcome).toBe('rejected');
      expect(longer.reason).toMatch(/larger than|more than the entry's/);

      // Same length, other bytes.
      const other = Buffer.from(data);
      other[size >> 1] = other[size >> 1]! ^ 0xff;
      await client.put(key, { kind: 'buffer', data: other }, sha(other), false);
      const tampered = await fetchObject(client, key, join(dir, 'c.whl'), file, limits);
      expect(tampered.outcome).toBe('rejected');
      expect(tampered.reason).toContain(`is not the entry's ${file.sha256}`);

      expect((await fetchObject(client, `${key}-gone`, join(dir, 'd.whl'), file, limits)).outcome).toBe(
        'missing',
      );
      expect(await readdir(dir)).toEqual(['a.whl']);
      // Streamed objects come over the fixed-buffer connections (s3-plain-get.ts), never through
      // undici after all: the placed, the tampered and the missing one (the longer one is refused
      // from its Content-Length before a byte of it is read).
      const plain = client.plainCounts;
      expect(plain.read - plainBefore.read).toBe(size > 256 * 1024 ? 3 : 0);
      expect(plain.fallback).toBe(0);
    });
  }

  it('directories a restore made are made once, then taken as made', async () => {
    const data = randomBytes(300 * 1024);
    await client.put('k/dirs', { kind: 'buffer', data }, sha(data), false);
    const file = { sha256: sha(data), size: data.length };
    const dir = join(await mkdtemp(join(root, 'm-')), 'new', 'nested');
    const madeDirs = new Set<string>();
    for (const name of ['a.whl', 'b.whl'])
      expect(
        (await fetchObject(client, 'k/dirs', join(dir, name), file, { ...limits, madeDirs })).outcome,
      ).toBe('placed');
    expect([...madeDirs]).toEqual([dir]);
    expect((await readdir(dir)).sort()).toEqual(['a.whl', 'b.whl']);
  });
});
