/**
 * Review 16b F1: a 250-byte file name (legal: the limit is 255 bytes) is saved to the real S3
 * gateway and restored into empty paths — a wheel stored as a small object, one large enough to be
 * fetched in ranges (s3-fetch.ts), and a small non-wheel file that travels in its path's pack
 * (s3-restore.ts). Each temporary file must carry a shortened name (util/temp-names.ts); the old
 * `.<name>.<12 hex>.part` is 268 bytes and fails with ENAMETOOLONG, so the file was never placed
 * although the restore answered an exact hit. Repro by rev16b (/work/notes/s16/rev16b/s3-long-names.test.ts).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';
import { MANIFEST_FILENAME, writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const wheelName = `long_${'n'.repeat(250 - 5 - '-1.0-py3-none-any.whl'.length)}-1.0-py3-none-any.whl`;
const metadataName = `long_${'m'.repeat(250 - 5 - '.metadata'.length)}.metadata`;

describeWhenAvailable('S3 store: 250-byte file names (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  const bucket = `wh-longname-${randomBytes(4).toString('hex')}`;
  const store = (logger: Logger): S3Store =>
    testS3Store(bucket, {
      prefix: 'longnames',
      logger,
      retries: 1,
      backoffBaseMs: 10,
    });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-longnames-'));
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  // 2 KiB: one plain GET; 9 MiB: over the large-object size, fetched in ranges.
  for (const size of [2048, 9 * 1024 * 1024])
    it(`restores a wheel and a packed file with 250-byte names (wheel of ${size} bytes)`, async () => {
      expect(Buffer.byteLength(wheelName)).toBe(250);
      expect(Buffer.byteLength(metadataName)).toBe(250);
      const src = [join(root, `src-${size}`, 'wh'), join(root, `src-${size}`, 'metadata')];
      for (const p of src) await mkdir(p, { recursive: true });
      const wheel = randomBytes(size);
      const metadata = Buffer.from('Metadata-Version: 2.1\nName: long\nVersion: 1.0\n');
      await writeFile(join(src[0]!, wheelName), wheel);
      await writeManifest(src[0]!, { version: 1, files: { [wheelName]: { sha256: sha(wheel), size } } });
      await writeFile(join(src[1]!, metadataName), metadata);
      const key = `wheelhouse-longnames-${size}`;
      const saver = store(recorder());
      expect(await saver.save(src, key)).toEqual({ saved: true });
      await saver.close();

      const dst = [join(root, `dst-${size}`, 'wh'), join(root, `dst-${size}`, 'metadata')];
      for (const p of dst) await mkdir(p, { recursive: true });
      const log = recorder();
      const restorer = store(log);
      expect(await restorer.restore(dst, key, [])).toEqual({ matchedKey: key, exact: true });
      await restorer.close();
      expect(sha(await readFile(join(dst[0]!, wheelName)))).toBe(sha(wheel));
      expect(await readFile(join(dst[1]!, metadataName))).toEqual(metadata);
      expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
      // Nothing else left behind (no temporary file).
      expect((await readdir(dst[0]!)).filter((n) => n !== MANIFEST_FILENAME).sort()).toEqual([wheelName]);
      expect(await readdir(dst[1]!)).toEqual([metadataName]);
    });
});
