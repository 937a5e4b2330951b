/**
 * Review 14c F1: a wheel this process restored from the store (or found on disk with the entry's
 * digest) is no proof the store still holds it — a prune may delete the object while the job runs.
 * The save that follows must HEAD it (and upload it again when gone), so the entry it writes never
 * names a missing object.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const PREFIX = 'wheelhouse-v1-linux-abc-cp312-';
const OLD = PREFIX + '1'.repeat(32);

describeWhenAvailable('S3 save after a restore: restored digests are checked again', s3GatewayMissing, () => {
  let root: string;
  const bucket = `wh-known-${randomBytes(4).toString('hex')}`;
  const store = (): S3Store =>
    testS3Store(bucket, {
      prefix: 'known',
      logger: recorder(),
      retries: 1,
      backoffBaseMs: 10,
    });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-known-'));
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const seed = async (dir: string, name: string, data: Buffer): Promise<void> => {
    await mkdir(dir);
    await writeFile(join(dir, name), data);
    await writeManifest(dir, { version: 1, files: { [name]: { sha256: sha(data), size: data.length } } });
  };

  // Each case: the runner restores OLD (fetching the wheel, or finding it on disk), the object is
  // deleted as a prune would, then the runner saves a new entry naming the same wheel.
  it.each([
    ['fetched from the store', false, '2'],
    ['already on disk with the entry digest', true, '3'],
  ])(
    'a wheel %s and deleted meanwhile is uploaded again by the save',
    async (_what, onDisk, tag) => {
      const name = `known${tag}-1.0-py3-none-any.whl`;
      const data = randomBytes(4096);
      const src = join(root, `src${tag}`);
      await seed(src, name, data);
      const first = store();
      const oldKey = OLD.slice(0, -1) + tag;
      expect(await first.save([src], oldKey)).toEqual({ saved: true });

      const runner = store();
      const dst = join(root, `runner${tag}`);
      if (onDisk) await seed(dst, name, data);
      else await mkdir(dst);
      expect(await runner.restore([dst], oldKey, [])).toMatchObject({ matchedKey: oldKey, exact: true });
      expect(await readdir(dst)).toContain(name);
      expect(runner.stats).toMatchObject(onDisk ? { reused: 1 } : { fetched: 1 });

      const objectKey = first.objectKey(name, sha(data));
      await first.client.delete(objectKey); // what a prune's sweep does meanwhile
      expect(await first.client.head(objectKey)).toBe(false);

      const newKey = PREFIX + tag.repeat(32);
      expect(await runner.save([dst], newKey)).toEqual({ saved: true });
      expect(runner.stats.uploaded).toBe(1);
      expect(await first.client.head(objectKey)).toBe(true);
      await runner.close();
      await first.close();
    },
    60_000,
  );
});
