/**
 * The S3 wheel store against a real S3 server: Ceph's RADOS gateway started by
 * scripts/s3-test-gateway.sh (.ci/run does so and sets WHEELHOUSE_TEST_S3_ENDPOINT). Requests are
 * counted by a forwarding proxy on 127.0.0.1 in front of the gateway, which can also be stopped to
 * play "endpoint down".
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '../../src/cache/s3-store.js';
import { pruneStore } from '../../src/cache/s3/s3-prune.js';
import { writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../src/util/logger.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  S3_KEY,
  S3_SECRET,
  s3GatewayMissing,
  type CountingProxy,
} from '../helpers/s3-gateway.js';
import { recorder } from '../helpers/line-recorder.js';

const ENDPOINT = S3_ENDPOINT;
const KEY = S3_KEY;
const SECRET = S3_SECRET;

// Keys as cache-key.ts makes them: an entry found by prefix must hold one (s3-entry.ts).
const PREFIX = 'wheelhouse-v1-linux-abc-cp312-';
const KEY_1 = PREFIX + '1'.repeat(32);

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A wheelhouse with `names` (random bytes each) and its manifest; returns the dir and digests. */
async function wheelhouse(dir: string, names: string[], bytes: Map<string, Buffer>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, { sha256: string; size: number }> = {};
  for (const name of names) {
    const data = bytes.get(name) ?? randomBytes(2048);
    bytes.set(name, data);
    await writeFile(join(dir, name), data);
    files[name] = { sha256: sha(data), size: data.length };
  }
  await writeManifest(dir, { version: 1, files });
}

describeWhenAvailable('S3 wheel store (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-test-${randomBytes(4).toString('hex')}`;
  const bytes = new Map<string, Buffer>();
  const store = (logger: Logger, over: Partial<ConstructorParameters<typeof S3Store>[0]> = {}): S3Store =>
    new S3Store({
      bucket,
      endpoint: proxy.url,
      region: 'us-east-1',
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
      prefix: 'fleet',
      logger,
      retries: 1,
      backoffBaseMs: 10,
      ...over,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-'));
    proxy = await countingProxy(ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it('saves content-addressed, restores by exact key and by prefix, fetching only missing wheels', async () => {
    const src = join(root, 'a-wh');
    const meta = join(root, 'a-meta');
    await wheelhouse(src, ['a-1.0-py3-none-any.whl', 'b-2.0-py3-none-any.whl'], bytes);
    await mkdir(join(meta, 'sub'), { recursive: true });
    await writeFile(join(meta, 'sub', 'a.metadata'), 'Name: a\n');
    const log = recorder();
    const s = store(log);
    expect(await s.save([src, meta], KEY_1)).toEqual({ saved: true });
    expect(s.stats.uploaded).toBe(3);
    expect(await s.save([src, meta], KEY_1)).toEqual({
      saved: false,
      reason: 'entry already exists',
    });
    await s.close();

    // Exact key into an empty runner.
    const dst = join(root, 'b-wh');
    const dstMeta = join(root, 'b-meta');
    await mkdir(dst);
    const r = store(recorder());
    expect(await r.restore([dst, dstMeta], KEY_1, [])).toEqual({
      matchedKey: KEY_1,
      exact: true,
    });
    expect(await readFile(join(dst, 'a-1.0-py3-none-any.whl'))).toEqual(bytes.get('a-1.0-py3-none-any.whl'));
    expect(await readFile(join(dstMeta, 'sub', 'a.metadata'), 'utf8')).toBe('Name: a\n');
    expect(r.stats.fetched).toBe(3);
    await r.close();

    // By prefix, into a runner that already has one of the wheels: only the other is fetched.
    const third = join(root, 'c-wh');
    await wheelhouse(third, ['a-1.0-py3-none-any.whl'], bytes);
    proxy.counts.clear();
    const p = store(recorder());
    const got = await p.restore([third, join(root, 'c-meta')], PREFIX, [PREFIX]);
    expect(got).toEqual({ matchedKey: KEY_1, exact: false });
    const wheelGets = [...proxy.counts.entries()].filter(
      ([k]) => k.startsWith('GET') && k.includes('/wheels/'),
    );
    expect(wheelGets.map(([k]) => k)).toEqual([
      `GET /${bucket}/fleet/wheels/sha256/${sha(bytes.get('b-2.0-py3-none-any.whl')!).slice(0, 2)}/${sha(bytes.get('b-2.0-py3-none-any.whl')!)}`,
    ]);
    expect(p.stats).toMatchObject({ fetched: 2, reused: 1 });
    await p.close();
  });

  it('a tampered object is detected and never placed; the rest is restored', async () => {
    const src = join(root, 't-wh');
    await wheelhouse(src, ['good-1.0-py3-none-any.whl', 'evil-1.0-py3-none-any.whl'], bytes);
    const s = store(recorder());
    await s.save([src], 'wheelhouse-tamper-2222');
    const evil = bytes.get('evil-1.0-py3-none-any.whl')!;
    const other = Buffer.from(evil);
    other[100] = other[100]! ^ 0xff;
    await s.client.put(
      s.objectKey('evil-1.0-py3-none-any.whl', sha(evil)),
      { kind: 'buffer', data: other },
      sha(other),
      false,
    );
    await s.close();
    const dst = join(root, 't-dst');
    await mkdir(dst);
    const log = recorder();
    const r = store(log);
    expect((await r.restore([dst], 'wheelhouse-tamper-2222', [])).exact).toBe(true);
    const names = await readdir(dst);
    expect(names).toContain('good-1.0-py3-none-any.whl');
    expect(names).not.toContain('evil-1.0-py3-none-any.whl');
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    expect(
      log.lines.some((l) => l.startsWith('warn') && l.includes('rejected') && l.includes(sha(evil))),
    ).toBe(true);
    await r.close();
  });

  it('two runners saving overlapping resolutions concurrently store each wheel once, both entries complete', async () => {
    const one = join(root, 'x-wh');
    const two = join(root, 'y-wh');
    await wheelhouse(one, ['s-1.0-py3-none-any.whl', 'x-1.0-py3-none-any.whl'], bytes);
    await wheelhouse(two, ['s-1.0-py3-none-any.whl', 'y-1.0-py3-none-any.whl'], bytes);
    const a = store(recorder());
    const b = store(recorder());
    const results = await Promise.all([
      a.save([one], 'wheelhouse-fleet-x'),
      b.save([two], 'wheelhouse-fleet-y'),
    ]);
    expect(results).toEqual([{ saved: true }, { saved: true }]);
    expect(a.stats.uploaded + b.stats.uploaded).toBe(3);
    const listed = await a.client.list('fleet/wheels/');
    const shared = sha(bytes.get('s-1.0-py3-none-any.whl')!);
    expect(listed.objects.filter((o) => o.key.endsWith(shared))).toHaveLength(1);
    for (const [key, names] of [
      ['wheelhouse-fleet-x', ['s-1.0-py3-none-any.whl', 'x-1.0-py3-none-any.whl']],
      ['wheelhouse-fleet-y', ['s-1.0-py3-none-any.whl', 'y-1.0-py3-none-any.whl']],
    ] as const) {
      const dst = join(root, `r-${key}`);
      await mkdir(dst);
      expect((await a.restore([dst], key, [])).exact).toBe(true);
      expect((await readdir(dst)).filter((n) => n.endsWith('.whl')).sort()).toEqual([...names]);
    }
    await a.close();
    await b.close();
  });

  it('prune deletes old entries and the objects only they name; a concurrent restore never places wrong bytes', async () => {
    const old = join(root, 'p-old');
    const young = join(root, 'p-young');
    await wheelhouse(old, ['shared-1.0-py3-none-any.whl', 'gone-1.0-py3-none-any.whl'], bytes);
    await wheelhouse(young, ['shared-1.0-py3-none-any.whl', 'stay-1.0-py3-none-any.whl'], bytes);
    const s = store(recorder(), { prefix: 'prune' });
    expect(await s.save([old], 'wheelhouse-p-old')).toEqual({ saved: true });
    await new Promise((r) => setTimeout(r, 2100));
    const boundary = Date.now() - 1000;
    expect(await s.save([young], 'wheelhouse-p-young')).toEqual({ saved: true });
    const reader = store(recorder(), { prefix: 'prune' });
    const readerDst = join(root, 'p-reader');
    await mkdir(readerDst);
    const now = Date.now();
    const [result] = await Promise.all([
      pruneStore(s, { olderThanDays: (now - boundary) / 86_400_000, graceMs: 0, now, logger: recorder() }),
      reader.restore([readerDst], 'wheelhouse-p-old', []),
    ]);
    expect(result).toMatchObject({ entriesDeleted: 1, entriesKept: 1, objectsDeleted: 1 });
    for (const name of await readdir(readerDst)) {
      if (!name.endsWith('.whl')) continue;
      expect(sha(await readFile(join(readerDst, name)))).toBe(sha(bytes.get(name)!));
    }
    const left = (await s.listAll('prune/wheels/')).map((o) => o.key.split('/').pop());
    expect(left.sort()).toEqual(
      [sha(bytes.get('shared-1.0-py3-none-any.whl')!), sha(bytes.get('stay-1.0-py3-none-any.whl')!)].sort(),
    );
    const dst = join(root, 'p-dst');
    await mkdir(dst);
    expect((await reader.restore([dst], 'wheelhouse-p-young', [])).exact).toBe(true);
    expect((await readdir(dst)).filter((n) => n.endsWith('.whl')).sort()).toEqual([
      'shared-1.0-py3-none-any.whl',
      'stay-1.0-py3-none-any.whl',
    ]);
    await s.close();
    await reader.close();
  });

  it('an entry saved while prune is marking protects the old objects it names (save/prune race)', async () => {
    const old = join(root, 'r-old');
    await wheelhouse(old, ['racy-1.0-py3-none-any.whl'], bytes);
    const s = store(recorder(), { prefix: 'race' });
    expect(await s.save([old], 'wheelhouse-r-old')).toEqual({ saved: true });
    const digest = sha(bytes.get('racy-1.0-py3-none-any.whl')!);
    // S3 times have 1 s resolution: the first entry and the wheel are then older than this prune's
    // cutoff (1 s) and grace (0). Between its marking and its sweep, another runner saves a new
    // entry naming the wheel, which it finds already stored (HEAD) and does not upload again.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const saver = store(recorder(), { prefix: 'race' });
    const result = await pruneStore(s, {
      olderThanDays: 1000 / 86_400_000,
      graceMs: 0,
      logger: recorder(),
      afterMark: async () => {
        expect(await saver.save([old], 'wheelhouse-r-new')).toEqual({ saved: true });
        expect(saver.stats).toMatchObject({ uploaded: 0, alreadyStored: 1 });
      },
    });
    expect(result).toMatchObject({ entriesDeleted: 1, objectsDeleted: 0 });
    expect(await s.client.head(s.objectKey('racy-1.0-py3-none-any.whl', digest))).toBe(true);
    const dst = join(root, 'r-dst');
    await mkdir(dst);
    expect((await saver.restore([dst], 'wheelhouse-r-new', [])).exact).toBe(true);
    expect(await readdir(dst)).toContain('racy-1.0-py3-none-any.whl');
    await s.close();
    await saver.close();
  });

  it('missing bucket, wrong credentials and a stopped endpoint are warnings; secrets appear nowhere', async () => {
    const src = join(root, 'f-wh');
    await wheelhouse(src, ['f-1.0-py3-none-any.whl'], bytes);
    const secret = 'WRONGSECRETvalue123';
    const cases: [string, Partial<ConstructorParameters<typeof S3Store>[0]>][] = [
      ['missing bucket', { bucket: `${bucket}-missing` }],
      [
        'wrong credentials',
        { credentials: { accessKeyId: KEY, secretAccessKey: secret, sessionToken: 'SESSIONtoken456' } },
      ],
      ['endpoint down', { endpoint: 'http://127.0.0.1:9' }],
    ];
    for (const [what, over] of cases) {
      const log = recorder();
      const s = store(log, over);
      const dst = join(root, `f-${what.replace(/ /g, '-')}`);
      await mkdir(dst);
      expect(await s.restore([dst], 'wheelhouse-f-1', ['wheelhouse-f-'])).toEqual({ exact: false });
      const saved = await s.save([src], 'wheelhouse-f-1');
      expect(saved.saved).toBe(false);
      await s.close();
      const warnings = log.lines.filter((l) => l.startsWith('warn'));
      expect(warnings.length).toBeGreaterThanOrEqual(2);
      const all = log.lines.join('\n') + JSON.stringify(saved);
      for (const s of [secret, SECRET, 'SESSIONtoken456']) expect(all).not.toContain(s);
      expect(await readdir(dst)).toEqual([]);
    }
  });
});
