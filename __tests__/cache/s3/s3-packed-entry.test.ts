/**
 * An entry's small files travel as one pack per path (src/cache/s3/s3-pack.ts), against the real
 * gateway behind the tests' counting proxy: one GET restores them all with their exact bytes; a
 * tampered pack or an entry whose pack lies is a warning and nothing of it is placed, while the
 * wheels still are; entries saved before packs (every file an object) still restore; a restore
 * limited to the wheelhouse asks for no pack; prune keeps a young entry's pack.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { buildPack } from '../../../src/cache/s3/s3-pack.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import { HeldFiles } from '../../../src/util/held-files.js';
import type { Logger } from '../../../src/util/logger.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const WHEEL = 'p-1.0-py3-none-any.whl';

/** Every file under `dir` (relative POSIX names) with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter(
    (e) => e.isFile(),
  )) {
    const path = join(name.parentPath, name.name);
    out.set(path.slice(dir.length + 1), await readFile(path));
  }
  return out;
}

describeWhenAvailable('S3 store: packed small files (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-pack-${randomBytes(4).toString('hex')}`;
  const wheel = randomBytes(300 * 1024);
  const large = randomBytes(300 * 1024); // over the pack's member limit: an object of its own
  const store = (logger: Logger, prefix: string): S3Store =>
    testS3Store(bucket, {
      endpoint: proxy.url,
      prefix,
      logger,
      retries: 1,
      backoffBaseMs: 10,
    });
  /** A runner's four paths: wheelhouse (one wheel), metadata (nested small files + one large), pages, builds. */
  const runner = async (name: string, fill: boolean): Promise<string[]> => {
    const paths = ['wh', 'metadata', 'pages', 'builds'].map((d) => join(root, name, d));
    for (const p of paths) await mkdir(p, { recursive: true });
    if (!fill) return paths;
    await writeFile(join(paths[0]!, WHEEL), wheel);
    await writeManifest(paths[0]!, {
      version: 1,
      files: { [WHEEL]: { sha256: sha(wheel), size: wheel.length } },
    });
    for (let i = 0; i < 30; i++) {
      await mkdir(join(paths[1]!, `p${i % 3}`), { recursive: true });
      await writeFile(join(paths[1]!, `p${i % 3}`, `m${i}.metadata`), `Name: m${i}\nVersion: 1.${i}\n`);
      await writeFile(join(paths[2]!, `page${i}.json`), JSON.stringify({ name: `m${i}`, files: [] }));
    }
    await writeFile(join(paths[1]!, 'large.metadata'), large);
    await writeFile(join(paths[1]!, 'empty.metadata'), '');
    return paths;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-pack-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it('one pack per path with small files restores them all with one GET each, bytes exact', async () => {
    const src = await runner('src', true);
    const saver = store(recorder(), 'packed');
    expect(await saver.save(src, 'wheelhouse-pack-1')).toEqual({ saved: true });
    // The wheel, the large file and two packs (metadata, pages); the builds path has none.
    expect(saver.stats.uploaded).toBe(4);
    await saver.close();
    const blobs = proxy.seen.filter((s) => s.startsWith('PUT ') && s.includes('/packed/blobs/'));
    expect(blobs).toHaveLength(3);

    proxy.seen.length = 0;
    const log = recorder();
    const r = store(log, 'packed');
    const dst = await runner('dst', false);
    expect(await r.restore(dst, 'wheelhouse-pack-1', [])).toEqual({
      matchedKey: 'wheelhouse-pack-1',
      exact: true,
    });
    await r.close();
    expect(await readFile(join(dst[0]!, WHEEL))).toEqual(wheel);
    for (const i of [1, 2, 3]) expect(await tree(dst[i]!)).toEqual(await tree(src[i]!));
    expect((await tree(dst[1]!)).size).toBe(32);
    const gets = proxy.seen.filter((s) => s.startsWith('GET ') && !s.includes('/entries/'));
    // wheel + large file + 2 packs: not one GET per small file.
    expect(gets).toHaveLength(4);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    // No temporary file anywhere.
    for (const p of dst) expect([...(await tree(p)).keys()].filter((n) => n.includes('.part'))).toEqual([]);

    // A restore limited to the wheelhouse asks for no pack.
    proxy.seen.length = 0;
    const only = store(recorder(), 'packed');
    const dst2 = await runner('dst2', false);
    await only.restore(dst2, 'wheelhouse-pack-1', [], { only: [0] });
    await only.close();
    expect(proxy.seen.filter((s) => s.startsWith('GET ') && !s.includes('/entries/'))).toHaveLength(1);
    expect((await tree(dst2[1]!)).size).toBe(0);

    // Prune keeps what a young entry's packs are stored as.
    const pruner = store(recorder(), 'packed');
    const before = (await pruner.listAll(pruner.prefixed('blobs/'))).length;
    await pruneStore(pruner, { olderThanDays: 1, graceMs: 0, logger: recorder() });
    expect((await pruner.listAll(pruner.prefixed('blobs/'))).length).toBe(before);
    await pruner.close();
  });

  it('with `held`, the members of a pack are held in memory, not written: no file is created for them until writeHeld', async () => {
    const src = await runner('h-src', true);
    const saver = store(recorder(), 'held');
    expect(await saver.save(src, 'wheelhouse-held-1')).toEqual({ saved: true });
    await saver.close();
    const dst = await runner('h-dst', false);
    const held = new HeldFiles();
    const log = recorder();
    const r = store(log, 'held');
    expect(await r.restore(dst, 'wheelhouse-held-1', [], { held })).toEqual({
      matchedKey: 'wheelhouse-held-1',
      exact: true,
    });
    await r.close();
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    // Placed: the wheel and the metadata file too large for the pack. Held: every pack member.
    expect(await readFile(join(dst[0]!, WHEEL))).toEqual(wheel);
    expect([...(await tree(dst[1]!)).keys()]).toEqual(['large.metadata']);
    expect((await tree(dst[2]!)).size).toBe(0);
    const want = new Map<string, Buffer>();
    for (const i of [1, 2])
      for (const [name, data] of await tree(src[i]!))
        if (name !== 'large.metadata') want.set(join(dst[i]!, ...name.split('/')), data);
    expect(new Map(held.paths().map((p) => [p, held.read(p)!]))).toEqual(want);
    // Written on demand: the directories are then what a restore without `held` leaves.
    expect(await held.writeAll([dst[1]!, dst[2]!], () => {})).toBe(want.size);
    expect(held.size).toBe(0);
    for (const i of [1, 2, 3]) expect(await tree(dst[i]!)).toEqual(await tree(src[i]!));
  });

  it('a save never follows a linked path: a metadata directory that is a link to elsewhere stores nothing of it', async () => {
    const src = await runner('l-src', true);
    // The user's directory that a restored entry's link pointed the metadata path at.
    const outside = join(root, 'l-outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.metadata'), 'not for the store\n');
    await rm(src[1]!, { recursive: true });
    await symlink(outside, src[1]!);
    const saver = store(recorder(), 'linked');
    expect(await saver.save(src, 'wheelhouse-linked-1')).toEqual({ saved: true });
    await saver.close();
    const dst = await runner('l-dst', false);
    const r = store(recorder(), 'linked');
    expect((await r.restore(dst, 'wheelhouse-linked-1', [])).exact).toBe(true);
    await r.close();
    expect((await tree(dst[1]!)).size).toBe(0);
    expect((await tree(dst[2]!)).size).toBe(30); // the plain pages path still saved
  });

  it('a restore never writes through a link in the destination: a linked metadata/<sub> gets nothing', async () => {
    const src = await runner('r-src', true);
    const saver = store(recorder(), 'relinked');
    expect(await saver.save(src, 'wheelhouse-relinked-1')).toEqual({ saved: true });
    await saver.close();
    const dst = await runner('r-dst', false);
    const outside = join(root, 'r-outside');
    await mkdir(outside);
    await symlink(outside, join(dst[1]!, 'p1'));
    const r = store(recorder(), 'relinked');
    expect((await r.restore(dst, 'wheelhouse-relinked-1', [])).exact).toBe(true);
    await r.close();
    expect(await readdir(outside)).toEqual([]);
    // The other two directories' members are placed (10 each), and the large file.
    expect((await tree(dst[1]!)).size).toBe(32 - 10);
  });

  it('a destination holding some files keeps them (by name and sha256) and gets the rest; nothing is fetched when all are there', async () => {
    const src = await runner('k-src', true);
    const saver = store(recorder(), 'keep');
    expect(await saver.save(src, 'wheelhouse-keep-1')).toEqual({ saved: true });
    await saver.close();
    // A runner that kept part of its disk: one metadata directory of three, half the pages (one of
    // them changed since), and the wheel.
    const dst = await runner('k-dst', false);
    await writeFile(join(dst[0]!, WHEEL), wheel);
    await mkdir(join(dst[1]!, 'p1'));
    for (let i = 1; i < 30; i += 3)
      await writeFile(
        join(dst[1]!, 'p1', `m${i}.metadata`),
        await readFile(join(src[1]!, 'p1', `m${i}.metadata`)),
      );
    for (let i = 0; i < 15; i++)
      await writeFile(join(dst[2]!, `page${i}.json`), await readFile(join(src[2]!, `page${i}.json`)));
    await writeFile(join(dst[2]!, 'page3.json'), 'changed');
    const r = store(recorder(), 'keep');
    proxy.seen.length = 0;
    await r.restore(dst, 'wheelhouse-keep-1', []);
    await r.close();
    for (const i of [1, 2, 3]) expect(await tree(dst[i]!)).toEqual(await tree(src[i]!));
    expect(await readFile(join(dst[0]!, WHEEL))).toEqual(wheel);
    // Kept: the wheel, 10 metadata files, 14 pages. Fetched: the large file and the two packs.
    expect(r.stats).toMatchObject({ reused: 25, rejected: 0 });
    expect(proxy.seen.filter((x) => x.startsWith('GET ') && !x.includes('/entries/'))).toHaveLength(3);

    // Everything there: no object asked for.
    const again = store(recorder(), 'keep');
    proxy.seen.length = 0;
    await again.restore(dst, 'wheelhouse-keep-1', []);
    await again.close();
    expect(proxy.seen.filter((x) => x.startsWith('GET ') && !x.includes('/entries/'))).toEqual([]);
    expect(again.stats.fetched).toBe(0);
  });

  it('a tampered pack or a pack whose members lie places none of them; the wheel is still restored', async () => {
    const src = await runner('t-src', true);
    const saver = store(recorder(), 'tamper');
    expect((await saver.save(src, 'wheelhouse-t-1')).saved).toBe(true);
    // Overwrite the metadata pack with other (valid gzip) bytes under the same key.
    const entryKey = saver.entryKey('wheelhouse-t-1');
    const entry = JSON.parse((await saver.client.getBuffer(entryKey, 1 << 20))!.toString('utf8'));
    const metaPack = entry.packs.find((p: { path: number }) => p.path === 1);
    const other = (await buildPack(1, [{ name: 'x', sha256: sha(Buffer.from('x')), data: Buffer.from('x') }]))
      .body;
    await saver.client.put(
      saver.objectKey('.pack', metaPack.sha256),
      { kind: 'buffer', data: other },
      sha(other),
      false,
    );
    // A second entry whose pages pack lists a member digest the pack's bytes do not have.
    const pagesPack = entry.packs.find((p: { path: number }) => p.path === 2);
    pagesPack.files[0][1] = sha(Buffer.from('not these bytes'));
    const lying = { ...entry, key: 'wheelhouse-t-2', packs: [pagesPack] };
    const body = Buffer.from(JSON.stringify(lying));
    await saver.client.put(
      saver.entryKey('wheelhouse-t-2'),
      { kind: 'buffer', data: body },
      sha(body),
      false,
    );
    await saver.close();

    for (const [key, path, message] of [
      ['wheelhouse-t-1', 1, /rejected, sha256 [0-9a-f]{64} \(\d+ bytes\) is not the entry's/],
      ['wheelhouse-t-2', 2, /pack member page\d+\.json has sha256 [0-9a-f]{64}, not/],
    ] as const) {
      const log = recorder();
      const r = store(log, 'tamper');
      const dst = await runner(`t-dst-${key}`, false);
      expect((await r.restore(dst, key, [])).matchedKey).toBe(key);
      await r.close();
      expect(await readFile(join(dst[0]!, WHEEL))).toEqual(wheel);
      expect([...(await tree(dst[path]!)).keys()].filter((n) => !n.startsWith('large'))).toEqual([]);
      const warnings = log.lines.filter((l) => l.startsWith('warn'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(message);
    }
  });

  it('an entry saved before packs (every small file an object) still restores', async () => {
    const log = recorder();
    const s = store(log, 'old');
    const data = Buffer.from('Name: old\n');
    await s.client.put(s.objectKey('o.metadata', sha(data)), { kind: 'buffer', data }, sha(data), true);
    await s.client.put(s.objectKey(WHEEL, sha(wheel)), { kind: 'buffer', data: wheel }, sha(wheel), true);
    // Found by prefix: its key must be one cache-key.ts makes (s3-entry.ts).
    const prefix = 'wheelhouse-v1-linux-x64-cp311-';
    const key = prefix + '1'.repeat(32);
    const entry = {
      version: 1,
      key,
      createdAt: Date.now(),
      paths: [
        { [WHEEL]: { sha256: sha(wheel), size: wheel.length } },
        { 'sub/o.metadata': { sha256: sha(data), size: data.length } },
        {},
        {},
      ],
    };
    const body = Buffer.from(JSON.stringify(entry));
    await s.client.put(s.entryKey(key), { kind: 'buffer', data: body }, sha(body), true);
    const dst = await runner('old-dst', false);
    expect((await s.restore(dst, prefix, [prefix])).matchedKey).toBe(key);
    await s.close();
    expect(await readFile(join(dst[1]!, 'sub', 'o.metadata'), 'utf8')).toBe('Name: old\n');
    expect(await readFile(join(dst[0]!, WHEEL))).toEqual(wheel);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });
});
