/**
 * SharedBuiltWheelStore (src/build/shared-built-wheels.ts) over a shared store kept in a plain
 * directory (a real implementation of the SharedBuiltWheels interface, as the S3 store's `built/`
 * area is; that one is tested against a real S3 gateway in __tests__/cache/s3/): a wheel one runner
 * builds is offered, another runner takes it instead of building and keeps it locally; a shared
 * store that has nothing (or refuses what it has) leaves the build to the runner, nothing left behind.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  buildKeyDigest,
  DirBuiltWheelStore,
  type BuildKey,
  type StoredWheel,
} from '../../src/build/built-wheel-store.js';
import { SharedBuiltWheelStore, type SharedBuiltWheels } from '../../src/build/shared-built-wheels.js';
import { fileSha256 } from '../../src/util/file-sha256.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';

const key: BuildKey = {
  sdistSha256: 'cd'.repeat(32),
  interpreterTag: 'cp311',
  platform: 'manylinux_2_35_x86_64',
};

/** A shared store in a directory: `<root>/<key digest>/<wheel>`; never throws, as the interface asks. */
class DirShared implements SharedBuiltWheels {
  constructor(
    private readonly root: string,
    /** Answers nothing for every key (a store that refused what it holds). */
    private readonly refuse = false,
  ) {}

  async fetch(k: BuildKey, dir: string): Promise<StoredWheel | undefined> {
    if (this.refuse) return undefined;
    try {
      const sub = join(this.root, buildKeyDigest(k));
      const [filename] = await readdir(sub);
      const path = join(dir, filename!);
      await copyFile(join(sub, filename!), path);
      return { path, filename: filename!, ...(await fileSha256(path)) };
    } catch {
      return undefined;
    }
  }

  async share(k: BuildKey, wheel: StoredWheel): Promise<void> {
    try {
      const sub = join(this.root, buildKeyDigest(k));
      await mkdir(sub, { recursive: true });
      await copyFile(wheel.path, join(sub, wheel.filename));
    } catch {
      // a cache: not shared
    }
  }
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-shared-built-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('SharedBuiltWheelStore', () => {
  it('offers what one runner built; another takes it, keeps it locally and counts it', async () => {
    const wheel = buildWheel({ name: 'demo', version: '1.0' });
    const built = join(work, wheel.filename);
    await writeFile(built, wheel.bytes);
    const shared = new DirShared(join(work, 'shared'));

    const a = new SharedBuiltWheelStore(
      new DirBuiltWheelStore(join(work, 'a')),
      shared,
      new RecordingLogger(),
    );
    const stored = await a.put(key, built, wheel.filename);
    expect(stored.sha256).toBe(wheel.sha256);
    expect(a.stats).toEqual({ fetched: 0, offered: 1 });

    const bLocal = new DirBuiltWheelStore(join(work, 'b'));
    const b = new SharedBuiltWheelStore(bLocal, shared, new RecordingLogger());
    const got = await b.get(key);
    expect(got?.sha256).toBe(wheel.sha256);
    expect(got?.filename).toBe(wheel.filename);
    expect(b.stats).toEqual({ fetched: 1, offered: 0 });
    // Kept in the local store (the next save carries it); the hidden staging directory is gone.
    expect((await bLocal.get(key))?.sha256).toBe(wheel.sha256);
    expect((await readdir(join(work, 'b'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a shared store with nothing to give: a miss, nothing fetched, nothing left behind', async () => {
    for (const shared of [new DirShared(join(work, 'empty')), new DirShared(join(work, 'empty'), true)]) {
      const local = join(work, 'local');
      const store = new SharedBuiltWheelStore(new DirBuiltWheelStore(local), shared, new RecordingLogger());
      expect(await store.get(key)).toBeUndefined();
      expect(store.stats.fetched).toBe(0);
      expect(await readdir(local)).toEqual([]);
    }
  });
});
