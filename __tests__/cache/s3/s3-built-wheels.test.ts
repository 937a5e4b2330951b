/**
 * Built wheels shared through the S3 store (`<prefix>/built/<build key digest>.json` + the wheel under
 * wheels/sha256/), against the real Ceph gateway (scripts/s3-test-gateway.sh) through a counting
 * proxy: one runner's build is another runner's stored wheel, verified against the sha256 its record
 * names; tampered objects, records for another key, hostile names and a dead endpoint are warnings
 * and leave nothing behind; the first runner's record stays; prune keeps what records name.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKeyDigest, DirBuiltWheelStore, type BuildKey } from '../../../src/build/built-wheel-store.js';
import { SharedBuiltWheelStore } from '../../../src/build/shared-built-wheels.js';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
import type { Logger } from '../../../src/util/logger.js';
import { buildWheel } from '../../helpers/dists.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  S3_SECRET,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const keyOf = (sdist: string, platform = 'manylinux_2_35_x86_64'): BuildKey => ({
  sdistSha256: sha(Buffer.from(sdist)),
  interpreterTag: 'cp311',
  platform,
});

describeWhenAvailable('built wheels shared through the S3 store (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-built-${randomBytes(4).toString('hex')}`;
  const store = (logger: Logger, prefix: string, endpoint = proxy.url): S3Store =>
    testS3Store(bucket, {
      endpoint,
      prefix,
      logger,
      retries: 1,
      backoffBaseMs: 10,
    });
  /** A built wheel file in its own directory (as build-wheel.ts leaves it). */
  const builtFile = async (
    name: string,
    version: string,
  ): Promise<{ path: string; filename: string; bytes: Uint8Array }> => {
    const w = buildWheel({
      name,
      version,
      files: [{ path: `${name}/__init__.py`, bytes: randomBytes(512) }],
    });
    const dir = await mkdtemp(join(root, 'build-'));
    await writeFile(join(dir, w.filename), w.bytes);
    return { path: join(dir, w.filename), filename: w.filename, bytes: w.bytes };
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-built-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it("one runner's build is another runner's stored wheel (empty disk), verified, stored under built/", async () => {
    const key = keyOf('fleet-sdist-1');
    const wheel = await builtFile('fleetpkg', '1.0');
    const logA = recorder();
    const a = store(logA, 'b1');
    const runnerA = new SharedBuiltWheelStore(
      new DirBuiltWheelStore(join(root, 'a-builds')),
      a.builtWheels,
      logA,
    );
    expect(await runnerA.get(key)).toBeUndefined(); // nothing shared yet: the caller builds
    const putA = await runnerA.put(key, wheel.path, wheel.filename);
    expect(putA.sha256).toBe(sha(wheel.bytes));
    expect(a.builtWheels.stats).toMatchObject({ shared: 1, missing: 1 });

    // The record sits at the build key's digest and names the wheel's sha256; the bytes are content-addressed.
    const record = JSON.parse(
      (await a.client.getBuffer(`b1/built/${buildKeyDigest(key)}.json`, 65536))!.toString('utf8'),
    ) as Record<string, unknown>;
    expect(record).toMatchObject({
      version: 1,
      filename: wheel.filename,
      sha256: sha(wheel.bytes),
      size: wheel.bytes.length,
      sdistSha256: key.sdistSha256,
      interpreterTag: 'cp311',
      platform: 'manylinux_2_35_x86_64',
    });
    expect(await a.client.head(a.objectKey(wheel.filename, sha(wheel.bytes)))).toBe(true);

    const logB = recorder();
    const b = store(logB, 'b1');
    const bDir = join(root, 'b-builds');
    const runnerB = new SharedBuiltWheelStore(new DirBuiltWheelStore(bDir), b.builtWheels, logB);
    const got = await runnerB.get(key);
    expect(got).toMatchObject({
      filename: wheel.filename,
      sha256: sha(wheel.bytes),
      size: wheel.bytes.length,
    });
    expect(sha(await readFile(got!.path))).toBe(sha(wheel.bytes));
    expect(got!.path.startsWith(join(bDir, buildKeyDigest(key)))).toBe(true);
    expect(runnerB.stats.fetched).toBe(1);
    // No temporary directory is left in the local store.
    expect(await readdir(bDir)).toEqual([buildKeyDigest(key)]);
    // Another key (other platform) is a miss, not this wheel.
    expect(await runnerB.get(keyOf('fleet-sdist-1', 'macosx_14_0_arm64'))).toBeUndefined();
    expect(logB.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    await a.close();
    await b.close();
  });

  it("the first runner's build stays; a second build of the same key is not shared over it", async () => {
    const key = keyOf('fleet-sdist-2');
    const first = await builtFile('twice', '1.0');
    const second = await builtFile('twice', '1.0'); // same name, other bytes (builds are not reproducible)
    const a = store(recorder(), 'b2');
    await a.builtWheels.share(key, { ...first, sha256: sha(first.bytes), size: first.bytes.length });
    const b = store(recorder(), 'b2');
    await b.builtWheels.share(key, { ...second, sha256: sha(second.bytes), size: second.bytes.length });
    expect(b.builtWheels.stats).toMatchObject({ shared: 0, alreadyShared: 1 });
    const dir = await mkdtemp(join(root, 'in-'));
    expect((await b.builtWheels.fetch(key, dir))?.sha256).toBe(sha(first.bytes));
    // The second wheel was never uploaded (the record was there first).
    expect(await b.client.head(b.objectKey(second.filename, sha(second.bytes)))).toBe(false);
    await a.close();
    await b.close();
  });

  it('a tampered wheel object is rejected: nothing placed, a warning, the caller builds', async () => {
    const key = keyOf('fleet-sdist-3');
    const wheel = await builtFile('tampered', '1.0');
    const a = store(recorder(), 'b3');
    await a.builtWheels.share(key, { ...wheel, sha256: sha(wheel.bytes), size: wheel.bytes.length });
    // Overwrite the object with other bytes of the same size.
    const other = Buffer.from(randomBytes(wheel.bytes.length));
    await a.client.put(
      a.objectKey(wheel.filename, sha(wheel.bytes)),
      { kind: 'buffer', data: other },
      sha(other),
      false,
    );
    const log = recorder();
    const b = store(log, 'b3');
    const dir = join(root, 't-builds');
    const runner = new SharedBuiltWheelStore(new DirBuiltWheelStore(dir), b.builtWheels, log);
    expect(await runner.get(key)).toBeUndefined();
    expect(
      log.lines.some((l) => l.startsWith('warn') && l.includes('rejected') && l.includes('sha256')),
    ).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    await a.close();
    await b.close();
  });

  it('records for another key, with hostile names, bad digests or sizes, or not JSON are ignored with a warning', async () => {
    const a = store(recorder(), 'b4');
    const wheel = await builtFile('hostile', '1.0');
    const good = { sha256: sha(wheel.bytes), size: wheel.bytes.length };
    await a.builtWheels.share(keyOf('fleet-sdist-4'), { ...wheel, ...good });
    const base = JSON.parse(
      (await a.client.getBuffer(`b4/built/${buildKeyDigest(keyOf('fleet-sdist-4'))}.json`, 65536))!.toString(
        'utf8',
      ),
    ) as Record<string, unknown>;
    // Each record but the first names the key it is stored under.
    const cases: [string, (own: Record<string, unknown>) => unknown][] = [
      ['another build key', () => base], // copied verbatim under another key
      ['bad wheel file name', (own) => ({ ...own, filename: '../../escape-1.0-py3-none-any.whl' })],
      ['bad wheel file name', (own) => ({ ...own, filename: 'not-a-wheel.txt' })],
      ['bad sha256', (own) => ({ ...own, sha256: 'ABC' })],
      ['bad size', (own) => ({ ...own, size: -1 })],
      ['bad size', (own) => ({ ...own, size: 3 * 1024 * 1024 * 1024 })],
      ['not a version 1 record', () => 'not json at all'],
    ];
    for (const [i, [why, make]] of cases.entries()) {
      const key = keyOf(`hostile-${i}`);
      const record = make({ ...base, sdistSha256: key.sdistSha256 });
      const data = Buffer.from(typeof record === 'string' ? record : JSON.stringify(record));
      await a.client.put(`b4/built/${buildKeyDigest(key)}.json`, { kind: 'buffer', data }, sha(data), false);
      const log = recorder();
      const b = store(log, 'b4');
      const dir = await mkdtemp(join(root, 'h-'));
      expect(await b.builtWheels.fetch(key, join(dir, 'in'))).toBeUndefined();
      expect(log.lines.filter((l) => l.startsWith('warn')).join('\n')).toContain(why);
      expect(await readdir(dir)).toEqual([]);
      await b.close();
    }
    expect(await readdir(root)).not.toContain('escape-1.0-py3-none-any.whl');
    await a.close();
  });

  it('an endpoint that is down: get is a miss and put still stores locally, each with one warning', async () => {
    const log = recorder();
    const down = store(log, 'b5', 'http://127.0.0.1:9'); // discard port: connection refused
    const dir = join(root, 'd-builds');
    const runner = new SharedBuiltWheelStore(new DirBuiltWheelStore(dir), down.builtWheels, log);
    const key = keyOf('fleet-sdist-5');
    expect(await runner.get(key)).toBeUndefined();
    const wheel = await builtFile('offline', '1.0');
    const stored = await runner.put(key, wheel.path, wheel.filename);
    expect(sha(await readFile(stored.path))).toBe(sha(wheel.bytes));
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('not fetched');
    expect(warnings[1]).toContain('not shared');
    expect(warnings.join('\n')).not.toContain(S3_SECRET);
    await down.close();
  });

  it('prune keeps the wheels records name, and deletes old records and then their wheels', async () => {
    const s = store(recorder(), 'b6');
    const kept = await builtFile('keptbuild', '1.0');
    await s.builtWheels.share(keyOf('p-kept'), { ...kept, sha256: sha(kept.bytes), size: kept.bytes.length });
    const now = Date.now();
    const young = await pruneStore(s, { olderThanDays: 1, graceMs: 0, now, logger: recorder() });
    expect(young).toMatchObject({ builtKept: 1, builtDeleted: 0, objectsDeleted: 0 });
    expect(await s.client.head(s.objectKey(kept.filename, sha(kept.bytes)))).toBe(true);
    const later = now + 3 * 86_400_000;
    const old = await pruneStore(s, { olderThanDays: 1, graceMs: 0, now: later, logger: recorder() });
    expect(old).toMatchObject({ builtDeleted: 1, objectsDeleted: 1 });
    expect(await s.client.head(`b6/built/${buildKeyDigest(keyOf('p-kept'))}.json`)).toBe(false);
    await s.close();
  });
});
