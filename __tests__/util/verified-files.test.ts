/**
 * Remembered digests (src/util/verified-files.ts) come back only for the very bytes they were
 * computed over: any change to the file (write, same-size rewrite, chmod, replacement by rename,
 * a symlink in its place) makes the next lookup miss, and verifyWheelhouse then hashes the file.
 */
import { createHash } from 'node:crypto';
import { appendFile, chmod, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { verifyWheelhouse } from '../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { forgetVerified, rememberVerified, verifiedDigest } from '../../src/util/verified-files.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { resolutionOf } from '../helpers/resolutions.js';

let dir: string;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-verified-'));
  forgetVerified();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verified files', () => {
  it('gives the digest back for the untouched file, and forgets it after any change', async () => {
    const path = join(dir, 'a.whl');
    const changes: [string, () => Promise<void>][] = [
      ['append', () => appendFile(path, 'x')],
      ['same-size rewrite', () => writeFile(path, 'AAAA')],
      ['chmod', () => chmod(path, 0o600)],
      [
        'replaced by rename',
        async () => {
          await writeFile(join(dir, 'other'), 'aaaa');
          await rename(join(dir, 'other'), path);
        },
      ],
      [
        'symlink in its place',
        async () => {
          await writeFile(join(dir, 'target'), 'aaaa');
          await rm(path);
          await symlink(join(dir, 'target'), path);
        },
      ],
    ];
    for (const [what, change] of changes) {
      await rm(path, { force: true });
      await writeFile(path, 'aaaa');
      await chmod(path, 0o644);
      await rememberVerified(path, sha('aaaa'), 4);
      expect(await verifiedDigest(path)).toEqual({ sha256: sha('aaaa'), size: 4 });
      await change();
      expect([what, await verifiedDigest(path)]).toEqual([what, undefined]);
    }
  });

  it('does not remember a digest whose size is not the file’s, nor a missing file', async () => {
    const path = join(dir, 'b.whl');
    await writeFile(path, 'bbbb');
    await rememberVerified(path, sha('bbbb'), 5);
    expect(await verifiedDigest(path)).toBeUndefined();
    await rememberVerified(join(dir, 'missing.whl'), sha(''), 0);
    expect(await verifiedDigest(join(dir, 'missing.whl'))).toBeUndefined();
  });

  it('verifyWheelhouse uses a remembered digest, and hashes again once the file changed', async () => {
    const bytes = pseudoRandomBytes(50_000, 'alpha');
    const resolution = resolutionOf([{ name: 'alpha', version: '1.0', bytes }]);
    const file = resolution.packages[0]!.file;
    const path = join(dir, file.filename);
    const logger = new RecordingLogger();
    // Remembered as the resolution's digest although the bytes differ: only a remembered digest
    // can make this file "valid", which shows the lookup is used.
    await writeFile(path, Buffer.alloc(50_000, 1));
    await rememberVerified(path, file.sha256, 50_000);
    expect((await verifyWheelhouse(dir, resolution, { logger })).valid).toHaveLength(1);
    // Any change: the file is read and hashed, found wrong and removed.
    await appendFile(path, 'tampered');
    const again = await verifyWheelhouse(dir, resolution, { logger });
    expect(again.valid).toHaveLength(0);
    expect(again.removed).toEqual([{ filename: file.filename, reason: 'hash-mismatch' }]);
  });
});
