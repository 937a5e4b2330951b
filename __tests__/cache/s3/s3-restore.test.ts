/**
 * restoreEntry (src/cache/s3/s3-restore.ts) never writes a name of the wheelhouse the run owns
 * (review 14c F4): an entry listing the run lock `.wheelhouse.lock`, a hidden temporary name or a
 * run output gets none of them placed, and the lock this run holds stays its own — the rule of
 * the local-directory and Actions-cache backends. And a state path's file too big for a pack is
 * never written through a symbolic link below the runner's directory (review 14c F2), as packed
 * files are not.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { readManifest, writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import { acquireDirLock } from '../../../src/util/dir-lock.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const KEY = 'wheelhouse-v1-linux-abc-cp312-' + '4'.repeat(32);
const WHEEL = 'app-1.0-py3-none-any.whl';

describeWhenAvailable('S3 restore: names the run owns', s3GatewayMissing, () => {
  let root: string;
  const bucket = `wh-s3r-${randomBytes(4).toString('hex')}`;
  const store = (): S3Store =>
    testS3Store(bucket, {
      prefix: 'owned',
      logger: recorder(),
      retries: 1,
      backoffBaseMs: 10,
    });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3r-'));
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('an entry listing the run lock, a temporary name or a run output places none of them (review 14c F4)', async () => {
    const foreignLock = Buffer.from(JSON.stringify({ pid: 1, host: 'not-this-runner', createdAt: 1 }));
    const wheel = Buffer.from('wheel bytes');
    const owned = [
      '.wheelhouse.lock',
      '.wheelhouse.lock.0123456789ab.new',
      '.app.0123456789ab.tmp',
      'requirements.lock',
    ];
    const s = store();
    const files: Record<string, { sha256: string; size: number }> = {};
    for (const name of owned) {
      await s.objects.storeBuffer(name, foreignLock, sha(foreignLock));
      files[name] = { sha256: sha(foreignLock), size: foreignLock.length };
    }
    await s.objects.storeBuffer(WHEEL, wheel, sha(wheel));
    files[WHEEL] = { sha256: sha(wheel), size: wheel.length };
    const body = Buffer.from(JSON.stringify({ version: 1, key: KEY, createdAt: Date.now(), paths: [files] }));
    await s.client.put(s.entryKey(KEY), { kind: 'buffer', data: body }, sha(body), true);
    await s.close();

    const wh = join(root, 'wh');
    await mkdir(wh);
    await writeManifest(wh, { version: 1, files: {} });
    const lockPath = join(wh, '.wheelhouse.lock');
    const release = await acquireDirLock(lockPath, { timeoutMs: 2000 });
    const ownLock = await readFile(lockPath);
    const r = store();
    expect(await r.restore([wh], KEY, [])).toMatchObject({ exact: true });
    await r.close();
    expect(await readFile(lockPath)).toEqual(ownLock);
    expect(await readFile(join(wh, WHEEL))).toEqual(wheel);
    expect(Object.keys((await readManifest(wh))!.files)).toEqual([WHEEL]);
    await release(); // its own text: removed, nothing of the entry's left behind
    expect((await readdir(wh)).sort()).toEqual([WHEEL, 'wheelhouse-manifest.json']);
  }, 60_000);

  it('a state file over the pack limit is not written through a planted link (review 14c F2)', async () => {
    const wh = join(root, 'wh-links');
    await mkdir(wh);
    await writeManifest(wh, { version: 1, files: {} });
    const pages = join(root, 'pages');
    await mkdir(join(pages, 'sub'), { recursive: true });
    await mkdir(join(pages, 'deep', 'er'), { recursive: true });
    const big = randomBytes(300 * 1024); // over the 256 KiB pack member limit: its own object
    await writeFile(join(pages, 'sub', 'big.html'), big);
    await writeFile(join(pages, 'sub', 'small.html'), 'small');
    await writeFile(join(pages, 'deep', 'er', 'big.html'), big);
    await writeFile(join(pages, 'top.html'), big);
    const key = 'wheelhouse-v1-linux-abc-cp312-' + '5'.repeat(32);
    const s = store();
    expect(await s.save([wh, pages], key)).toEqual({ saved: true });
    await s.close();

    // The runner's pages directory holds `sub` and `deep` -> a directory outside it.
    const dstWh = join(root, 'dst-wh');
    const dstPages = join(root, 'dst-pages');
    const outside = join(root, 'outside');
    for (const d of [dstWh, dstPages, outside]) await mkdir(d);
    await symlink(outside, join(dstPages, 'sub'));
    await symlink(outside, join(dstPages, 'deep'));
    const r = store();
    expect(await r.restore([dstWh, dstPages], key, [])).toMatchObject({ exact: true });
    await r.close();
    expect(await readdir(outside)).toEqual([]);
    expect(await readFile(join(dstPages, 'top.html'))).toEqual(big); // a plain directory: placed
  }, 60_000);
});
