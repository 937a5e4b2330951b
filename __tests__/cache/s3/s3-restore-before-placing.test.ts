/**
 * RestoreOptions.beforePlacing on the S3 store (review 15b F7; src/cache/s3/s3-restore-listing.ts):
 * the caller is told every wheel the restore may place — name, sha256, size — before the first
 * wheel GET leaves, keeps the wheelhouse's manifest itself (the store does not write it), and when
 * it fails no wheel is fetched or placed. Against a real S3 gateway, through a counting s3.proxy.
 */
import { beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestFile } from '../../../src/cache/wheelhouse-manifest.js';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { readManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { recorder } from '../../helpers/line-recorder.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { s3GatewayMissing, runnerWheelhouse, seedWheelhouse, testS3Store } from '../../helpers/s3-gateway.js';
import { useProxiedBucket } from '../../helpers/s3-proxied-bucket.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const WHEELS = [
  { name: 'aa-1.0-py3-none-any.whl', size: 300_000 },
  { name: 'bb-1.0-py3-none-any.whl', size: 20_000 },
  { name: 'cc-1.0-py3-none-any.whl', size: 10_000 },
].map((w) => {
  const data = randomBytes(w.size);
  return { ...w, data, sha256: sha(data) };
});

describeWhenAvailable('S3 restore: beforePlacing (real S3 gateway)', s3GatewayMissing, () => {
  const s3 = useProxiedBucket('bp');
  const { bucket } = s3;
  const KEY = 'bp-key';
  const store = (logger: Logger): S3Store =>
    testS3Store(bucket, { endpoint: s3.proxy.url, prefix: 'bp', logger, retries: 1, backoffBaseMs: 10 });
  const wheelGets = (): number =>
    s3.proxy.seen.filter((r) => r.startsWith(`GET /${bucket}/bp/wheels/`)).length;

  beforeAll(async () => {
    const { wh, meta } = await seedWheelhouse(s3.root, WHEELS);
    const s = store(recorder());
    expect((await s.save([wh, meta], KEY)).saved).toBe(true);
    await s.close();
  });

  /** A new runner's wheelhouse (manifest opened as the fetch flow leaves it) and metadata path. */
  const runner = (dir: string): Promise<{ wh: string; meta: string }> => runnerWheelhouse(s3.root, dir);

  it.each([['in the foreground'], ['deferred']])(
    'told every wheel before the first wheel GET, the manifest left to the caller (%s)',
    async (how) => {
      const { wh, meta } = await runner(how === 'deferred' ? 'told-bg' : 'told');
      const told: { files: Record<string, ManifestFile>; wheelGetsBefore: number }[] = [];
      const s = store(recorder());
      try {
        const result = await s.restore([wh, meta], KEY, [], {
          beforePlacing: (files) => {
            told.push({ files, wheelGetsBefore: wheelGets() });
            return Promise.resolve();
          },
          ...(how === 'deferred' ? { deferred: [0] } : {}),
        });
        await result.pending?.settled;
        expect(result.exact).toBe(true);
        expect(told).toEqual([
          {
            files: Object.fromEntries(WHEELS.map((w) => [w.name, { sha256: w.sha256, size: w.size }])),
            wheelGetsBefore: 0,
          },
        ]);
        expect(wheelGets()).toBe(WHEELS.length);
        for (const w of WHEELS) expect(await readFile(join(wh, w.name))).toEqual(w.data);
        // The caller keeps the manifest: as it left it.
        expect(await readManifest(wh)).toEqual({ version: 1, complete: false, files: {} });
      } finally {
        await s.close();
      }
    },
  );

  it('a beforePlacing that fails: no wheel fetched or placed, one warning', async () => {
    const { wh, meta } = await runner('refused');
    const logger = recorder();
    const s = store(logger);
    try {
      const result = await s.restore([wh, meta], KEY, [], {
        beforePlacing: () => Promise.reject(new Error('the manifest cannot be written (test)')),
        deferred: [0],
      });
      await result.pending?.settled;
      expect(wheelGets()).toBe(0);
      expect((await readdir(wh)).sort()).toEqual(['wheelhouse-manifest.json']);
      expect(logger.lines.filter((l) => l.startsWith('warn')).join('\n')).toContain(
        'the manifest cannot be written (test)',
      );
    } finally {
      await s.close();
    }
  });
});
