/**
 * Review 17b F1 (S3, real Ceph gateway): an entry rewritten by a writer of the store to also name
 * `sitecustomize.py`, `evil.pth`, `Makefile`, `requirements.txt` in the wheelhouse path — each
 * object stored with its real sha256, so every byte check passes — is refused whole: a cache miss
 * with a warning naming the file, nothing placed (before: an exact hit that placed all four, the
 * manifest claiming them as the run's own). The save side uploads only such names too.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { MANIFEST_FILENAME, writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../../src/util/logger.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../../helpers/s3-gateway.js';

const KEY = 'wheelhouse-v1-linux-abc-cp312-' + '1'.repeat(32);
const KEY2 = 'wheelhouse-v1-linux-abc-cp312-' + '2'.repeat(32);
const WHEEL = 'good-1.0-py3-none-any.whl';
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describeWhenAvailable('S3 entries naming files wheelhouse never writes', s3GatewayMissing, () => {
  let root: string;
  const bucket = `wh-names-${randomBytes(4).toString('hex')}`;
  const store = (logger: RecordingLogger): S3Store =>
    testS3Store(bucket, { prefix: 'fleet', logger, retries: 1, backoffBaseMs: 10 });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-names-'));
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('a rewritten entry is a miss and places nothing; the entry as saved restores', async () => {
    const logger = new RecordingLogger();
    const s = store(logger);
    const src = join(root, 'src');
    await mkdir(src);
    const wheel = randomBytes(1000);
    await writeFile(join(src, WHEEL), wheel);
    await writeManifest(src, { version: 1, files: { [WHEEL]: { sha256: sha(wheel), size: 1000 } } });
    expect((await s.save([src], KEY)).saved).toBe(true);

    const foreign: Record<string, Buffer> = {
      'sitecustomize.py': Buffer.from('import os\n'),
      'evil.pth': Buffer.from('import os\n'),
      Makefile: Buffer.from('all:\n'),
      'requirements.txt': Buffer.from('evil-package\n'),
    };
    const paths: Record<string, { sha256: string; size: number }> = {
      [WHEEL]: { sha256: sha(wheel), size: 1000 },
    };
    for (const [name, data] of Object.entries(foreign)) {
      await s.client.put(s.objectKey(name, sha(data)), { kind: 'buffer', data }, sha(data), false);
      paths[name] = { sha256: sha(data), size: data.length };
    }
    const entry = Buffer.from(
      JSON.stringify({ version: 1, key: KEY, createdAt: Date.now(), paths: [paths] }),
    );
    await s.client.put(s.entryKey(KEY), { kind: 'buffer', data: entry }, sha(entry), false);

    const dst = join(root, 'dst');
    await mkdir(dst);
    await writeManifest(dst, { version: 1, files: {} });
    const restoring = new RecordingLogger();
    expect(await store(restoring).restore([dst], KEY, [])).toEqual({ exact: false });
    expect(await readdir(dst)).toEqual([MANIFEST_FILENAME]);
    const warnings = restoring.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /S3 cache entry .* refused \(cache miss\): it names "sitecustomize\.py" in the wheelhouse/,
      ),
    ]);

    // The entry as a save writes it restores.
    const clean = Buffer.from(
      JSON.stringify({ version: 1, key: KEY, createdAt: Date.now(), paths: [{ [WHEEL]: paths[WHEEL] }] }),
    );
    await s.client.put(s.entryKey(KEY), { kind: 'buffer', data: clean }, sha(clean), false);
    expect(await store(new RecordingLogger()).restore([dst], KEY, [])).toEqual({
      matchedKey: KEY,
      exact: true,
    });
    expect((await readdir(dst)).sort()).toEqual([WHEEL, MANIFEST_FILENAME]);
  });

  it('a save takes only names wheelhouse writes, whatever the wheelhouse manifest lists', async () => {
    const s = store(new RecordingLogger());
    const src = join(root, 'src2');
    await mkdir(src);
    const wheel = randomBytes(500);
    const pth = Buffer.from('import os\n');
    await writeFile(join(src, WHEEL), wheel);
    await writeFile(join(src, 'evil.pth'), pth);
    await writeManifest(src, {
      version: 1,
      files: {
        [WHEEL]: { sha256: sha(wheel), size: 500 },
        'evil.pth': { sha256: sha(pth), size: pth.length },
      },
    });
    expect((await s.save([src], KEY2)).saved).toBe(true);
    const body = await s.client.getBuffer(s.entryKey(KEY2), 1 << 20);
    const saved = JSON.parse(body!.toString('utf8')) as { paths: Record<string, unknown>[] };
    expect(Object.keys(saved.paths[0]!)).toEqual([WHEEL]);
  });

  // Review 17c F1: a direct URL's archive keeps its URL's name (`v1.0~rc1.tar.gz`, `my pkg-1.0.tar.gz`):
  // the save left such files out (re-downloaded on every run) and a restore refused an entry naming them.
  it('a save keeps the archives a direct URL names, and they restore', async () => {
    const s = store(new RecordingLogger());
    const src = join(root, 'src3');
    await mkdir(src);
    const names = [WHEEL, 'v1.0~rc1.tar.gz', 'my pkg-1.0.tar.gz', 'paket-ü-1.0.tar.gz', 'pkg@1.0.zip'];
    const files: Record<string, { sha256: string; size: number }> = {};
    for (const name of names) {
      const data = randomBytes(300);
      await writeFile(join(src, name), data);
      files[name] = { sha256: sha(data), size: 300 };
    }
    await writeManifest(src, { version: 1, files });
    const KEY3 = 'wheelhouse-v1-linux-abc-cp312-' + '3'.repeat(32);
    expect((await s.save([src], KEY3)).saved).toBe(true);
    const body = await s.client.getBuffer(s.entryKey(KEY3), 1 << 20);
    const saved = JSON.parse(body!.toString('utf8')) as { paths: Record<string, unknown>[] };
    expect(Object.keys(saved.paths[0]!).sort()).toEqual([...names].sort());

    const dst = join(root, 'dst3');
    await mkdir(dst);
    await writeManifest(dst, { version: 1, files: {} });
    const restoring = new RecordingLogger();
    expect(await store(restoring).restore([dst], KEY3, [])).toEqual({ matchedKey: KEY3, exact: true });
    expect((await readdir(dst)).sort()).toEqual([...names, MANIFEST_FILENAME].sort());
    expect(restoring.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
