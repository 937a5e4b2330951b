/**
 * The requests of a restore by prefix (the fetch flow's `restore(paths, prefix, [prefix])`, every
 * warm run's first lookup; src/cache/s3/s3-entry.ts findEntry): the prefix is not a key wheelhouse
 * makes, so no entry is asked for under its name — one ListObjectsV2 and one GET of the newest
 * entry, nothing else before the files. A restore by an exact key still reads that key first.
 * Against a real S3 gateway, through a counting s3.proxy.
 */
import { beforeAll, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { recorder } from '../../helpers/line-recorder.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';
import { useProxiedBucket } from '../../helpers/s3-proxied-bucket.js';

const PREFIX = 'wheelhouse-v1-linux-x86_64-cp312-';
const KEY = `${PREFIX}${'0123456789abcdef'.repeat(2)}`;

describeWhenAvailable('S3 restore by prefix: the lookup requests (real S3 gateway)', s3GatewayMissing, () => {
  const s3 = useProxiedBucket('pl');
  const { bucket } = s3;
  const store = (): S3Store =>
    testS3Store(bucket, { endpoint: s3.proxy.url, prefix: 'pl', logger: recorder(), retries: 1 });
  /** The requests the proxy saw for entries, in order: `LIST <prefix>` or `GET <object>`. */
  const entryRequests = (): string[] =>
    s3.proxy.seen
      .filter((r) => r.includes('pl/entries'))
      .map((r) => {
        const list = /[?&]list-type=2\b.*[?&]prefix=([^&]*)|[?&]prefix=([^&]*).*[?&]list-type=2\b/.exec(r);
        return list !== null ? `LIST ${list[1] ?? list[2]}` : r.replace(`GET /${bucket}/`, 'GET ');
      });

  beforeAll(async () => {
    const seed = join(s3.root, 'seed');
    await mkdir(seed, { recursive: true });
    await writeFile(join(seed, 'a.metadata'), 'Metadata-Version: 2.1\nName: a\nVersion: 1.0\n');
    const s = store();
    expect((await s.save([seed], KEY)).saved).toBe(true);
    await s.close();
  });

  it('by prefix: one LIST and one GET of the newest entry, no GET under the prefix itself', async () => {
    const s = store();
    try {
      const dst = join(s3.root, 'by-prefix');
      await mkdir(dst, { recursive: true });
      expect(await s.restore([dst], PREFIX, [PREFIX])).toEqual({ matchedKey: KEY, exact: false });
      expect(entryRequests()).toEqual([`LIST pl/entries/${PREFIX}`, `GET pl/entries/${KEY}.json`]);
    } finally {
      await s.close();
    }
  });

  it('by exact key: that entry is read first, nothing listed', async () => {
    const s = store();
    try {
      const dst = join(s3.root, 'exact');
      await mkdir(dst, { recursive: true });
      expect(await s.restore([dst], KEY, [PREFIX])).toEqual({ matchedKey: KEY, exact: true });
      expect(entryRequests()).toEqual([`GET pl/entries/${KEY}.json`]);
    } finally {
      await s.close();
    }
  });
});
