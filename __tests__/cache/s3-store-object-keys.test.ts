/**
 * The invariant an S3 save keeps (review 14e F3): every object an entry names — a file's name and
 * sha256, stored under `objectKey(name, sha256)` — is stored or HEAD-confirmed under THAT key.
 * One digest has two keys (wheels/ for a `.whl` name, blobs/ for any other), so uploads and the
 * "already stored" memory are kept per object key, not per digest: the same bytes as a wheel and
 * as another path's plain file both restore. Needs the S3 test gateway (scripts/s3-test-gateway.sh).
 */
import { expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACK_MEMBER_MAX } from '../../src/cache/s3/s3-pack.js';
import { writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../helpers/s3-gateway.js';
import { recorder } from '../helpers/line-recorder.js';

const KEY = 'wheelhouse-v1-linux-abc-cp312-' + '3'.repeat(32);
const WHEEL = 'same-1.0-py3-none-any.whl';

describeWhenAvailable('S3 objects: one per object key (real S3 gateway)', s3GatewayMissing, () => {
  it('the same bytes under a .whl name and another name: both objects stored, both restored', async () => {
    const bucket = `wh-test-${randomBytes(4).toString('hex')}`;
    await createTestBucket(bucket);
    const root = await mkdtemp(join(tmpdir(), 'wh-s3-keys-'));
    const store = () =>
      testS3Store(bucket, {
        prefix: 'fleet',
        logger: recorder(),
        retries: 1,
        backoffBaseMs: 10,
      });
    try {
      // Over the pack's member size, so the plain file is an object of its own (blobs/).
      const bytes = randomBytes(PACK_MEMBER_MAX + 4096);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const wh = join(root, 'wh');
      const state = join(root, 'state');
      await mkdir(wh);
      await mkdir(state);
      await writeFile(join(wh, WHEEL), bytes);
      await writeManifest(wh, { version: 1, files: { [WHEEL]: { sha256, size: bytes.length } } });
      await writeFile(join(state, 'copy.bin'), bytes);

      const s = store();
      expect(await s.save([wh, state], KEY)).toEqual({ saved: true });
      expect(await s.client.head(s.objectKey(WHEEL, sha256))).toBe(true);
      expect(await s.client.head(s.objectKey('copy.bin', sha256))).toBe(true);
      await s.close();

      const wh2 = join(root, 'wh2');
      const state2 = join(root, 'state2');
      await mkdir(wh2);
      const r = store();
      expect((await r.restore([wh2, state2], KEY, [])).exact).toBe(true);
      await r.close();
      expect((await readFile(join(wh2, WHEEL))).equals(bytes)).toBe(true);
      expect((await readFile(join(state2, 'copy.bin'))).equals(bytes)).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
