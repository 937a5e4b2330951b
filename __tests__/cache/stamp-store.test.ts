/**
 * Stamp-store pruning (src/cache/stamp-store.ts): files of a wheelhouse that is gone are removed on
 * the next prune, those of an existing one kept; foreign files, symlinks, other names and
 * malformed files are left alone; a file another run rewrites for an existing directory survives.
 * Store files are written by the real writers (FileStamps, received records, resolution reuse).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FileStamps, stampFileOf } from '../../src/cache/file-stamps.js';
import {
  emptyRecords,
  loadReceivedRecords,
  receivedRecordsFile,
  saveReceivedRecords,
} from '../../src/cache/received-records.js';
import { pruneStampStore, readStoreFile, storeHashOf } from '../../src/cache/stamp-store.js';
import { keepResolution, resolutionRecordFile } from '../../src/flow/resolution-reuse.js';

let root: string;
let store: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-stamp-store-'));
  store = join(root, 'stamps');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60 * 1000;

/** A wheelhouse with one wheel, and every store file a fetch run writes for it. */
async function wheelhouseWithStoreFiles(name: string): Promise<{ dir: string; files: string[] }> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'a-1.0-py3-none-any.whl'), 'wheel bytes');
  const stamps = new FileStamps({ store });
  await stamps.digest(join(dir, 'a-1.0-py3-none-any.whl'));
  await stamps.saveDir(dir, () => true);
  const records = emptyRecords();
  records.metadata.set('a'.repeat(64), 'b'.repeat(64));
  await saveReceivedRecords(
    store,
    dir,
    records,
    () => true,
    () => true,
  );
  await keepResolution(store, dir, undefined, [], new Map(), { packages: [] } as never);
  return {
    dir,
    files: [stampFileOf(store, dir), receivedRecordsFile(store, dir), resolutionRecordFile(store, dir)],
  };
}

async function storeNames(): Promise<string[]> {
  return (await readdir(store)).sort();
}

function basenames(paths: string[]): string[] {
  return paths.map((p) => p.slice(store.length + 1)).sort();
}

describe('pruneStampStore', () => {
  it('removes the files of a deleted wheelhouse and keeps those of an existing one', async () => {
    const gone = await wheelhouseWithStoreFiles('gone');
    const kept = await wheelhouseWithStoreFiles('kept');
    expect(await storeNames()).toEqual(basenames([...gone.files, ...kept.files]));
    await rm(gone.dir, { recursive: true });

    const result = await pruneStampStore(store);
    expect(result.removed.sort()).toEqual(basenames(gone.files));
    expect(await storeNames()).toEqual(basenames(kept.files));
    // The kept files still load.
    const stamps = new FileStamps({ store });
    expect(await stamps.loadDir(kept.dir)).toBe(1);
    expect((await loadReceivedRecords(store, kept.dir)).metadata.size).toBe(1);
    // Nothing left behind by the removal (no .prune- files).
    expect((await storeNames()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('removes files not written for more than 30 days even when the directory exists', async () => {
    const old = await wheelhouseWithStoreFiles('old');
    const young = await wheelhouseWithStoreFiles('young');
    const then = new Date(Date.now() - 31 * DAY);
    for (const f of old.files) await utimes(f, then, then);
    const result = await pruneStampStore(store);
    expect(result.removed.sort()).toEqual(basenames(old.files));
    expect(await storeNames()).toEqual(basenames(young.files));
    // 29 days old: kept.
    const recent = new Date(Date.now() - 29 * DAY);
    for (const f of young.files) await utimes(f, recent, recent);
    expect((await pruneStampStore(store)).removed).toEqual([]);
  });

  it('an older resolution record without `dir` goes only by age', async () => {
    const dir = join(root, 'legacy');
    const name = `${storeHashOf(dir)}.resolution.json`;
    await mkdir(store, { recursive: true });
    await writeFile(join(store, name), '{"version":0}\n');
    expect((await pruneStampStore(store)).removed).toEqual([]);
    const then = new Date(Date.now() - 31 * DAY);
    await utimes(join(store, name), then, then);
    expect((await pruneStampStore(store)).removed).toEqual([name]);
  });

  it('leaves foreign files, symlinks, directories and other names alone', async () => {
    const gone = await wheelhouseWithStoreFiles('gone');
    const goneHash = storeHashOf(gone.dir);
    await rm(gone.dir, { recursive: true });
    const then = new Date(Date.now() - 400 * DAY);
    // A file of someone else, outside the store, reached through a symlink of our naming pattern.
    const outside = join(root, 'precious.json');
    const goneText = await readFile(gone.files[0] as string, 'utf8');
    await writeFile(outside, goneText);
    await rm(gone.files[0] as string);
    await symlink(outside, gone.files[0] as string);
    // Other names, in the store, all old; one holds our format for the deleted wheelhouse.
    const foreign = [
      'notes.txt',
      `${goneHash}.json.bak`,
      `${goneHash.toUpperCase()}.json`,
      `${goneHash}.other.json`,
      `.${goneHash}.json.tmp`,
    ];
    for (const n of foreign) {
      await writeFile(join(store, n), goneText);
      await utimes(join(store, n), then, then);
    }
    const subdir = join(store, `${'c'.repeat(32)}.json`);
    await mkdir(subdir);
    await utimes(subdir, then, then);

    const result = await pruneStampStore(store);
    // Only the two real files of the deleted wheelhouse went.
    expect(result.removed.sort()).toEqual(basenames(gone.files.slice(1)));
    expect(await readFile(outside, 'utf8')).toBe(goneText);
    expect(await storeNames()).toEqual(
      [...foreign, basenames([gone.files[0] as string])[0] as string, `${'c'.repeat(32)}.json`].sort(),
    );
    // The symlinked stamp file is not read through either.
    expect(await new FileStamps({ store }).loadDir(gone.dir)).toBe(0);
    expect(await readStoreFile(gone.files[0] as string, 1 << 20)).toBeUndefined();
  });

  it('leaves a malformed file of our naming pattern alone, whatever its age', async () => {
    await mkdir(store, { recursive: true });
    const then = new Date(Date.now() - 400 * DAY);
    const gone = join(root, 'never-there');
    const h = storeHashOf(gone);
    const malformed: Record<string, string> = {
      [`${h}.json`]: '{"version":1,"dir":', // torn JSON
      [`${h}.received.json`]: JSON.stringify({ version: 1, dir: gone, pages: [] }), // wrong shape
      [`${h}.resolution.json`]: JSON.stringify({ version: 2, dir: gone }), // unknown version
      [`${'d'.repeat(32)}.json`]: JSON.stringify({ version: 1, dir: 7, files: {} }), // dir not a string
    };
    for (const [n, text] of Object.entries(malformed)) {
      await writeFile(join(store, n), text);
      await utimes(join(store, n), then, then);
    }
    expect((await pruneStampStore(store)).removed).toEqual([]);
    expect(await storeNames()).toEqual(Object.keys(malformed).sort());
  });

  it('a file whose dir does not hash to its name goes only by age', async () => {
    // Copied (or forged) under another directory's name: the dir it names is gone, but it is
    // not provably that directory's file.
    const gone = await wheelhouseWithStoreFiles('gone');
    const other = join(store, `${'e'.repeat(32)}.json`);
    await writeFile(other, await readFile(gone.files[0] as string));
    await rm(gone.dir, { recursive: true });
    const result = await pruneStampStore(store);
    expect(result.removed.sort()).toEqual(basenames(gone.files));
    expect(await storeNames()).toEqual([`${'e'.repeat(32)}.json`]);
  });

  it('removes write leftovers older than a day, not younger ones', async () => {
    await mkdir(store, { recursive: true });
    const h = 'f'.repeat(32);
    const old = `.${h}.json.0123456789ab.tmp`;
    const oldAside = `.${h}.received.json.prune-0123456789ab`;
    const young = `.${h}.resolution.json.ba9876543210.tmp`;
    for (const n of [old, oldAside, young]) await writeFile(join(store, n), 'partial');
    const then = new Date(Date.now() - 2 * DAY);
    await utimes(join(store, old), then, then);
    await utimes(join(store, oldAside), then, then);
    expect((await pruneStampStore(store)).removed.sort()).toEqual([oldAside, old].sort());
    expect(await storeNames()).toEqual([young]);
  });

  it('examines at most `examine` files per run', async () => {
    await mkdir(store, { recursive: true });
    const gone = join(root, 'gone');
    for (let i = 0; i < 40; i++) {
      const dir = `${gone}-${i}`;
      await writeFile(stampFileOf(store, dir), JSON.stringify({ version: 1, dir, files: {} }));
    }
    const first = await pruneStampStore(store, { examine: 32 });
    expect(first.examined).toBe(32);
    expect(first.removed).toHaveLength(32);
    expect(await storeNames()).toHaveLength(8);
    expect((await pruneStampStore(store, { examine: 32 })).removed).toHaveLength(8);
    expect(await storeNames()).toEqual([]);
  });

  it('does not read a store file past the limit', async () => {
    await mkdir(store, { recursive: true });
    const path = join(store, `${'a'.repeat(32)}.json`);
    await writeFile(path, `{"x":"${'y'.repeat(2000)}"}`);
    expect(await readStoreFile(path, 1000)).toBeUndefined();
    expect(await readStoreFile(path, 4000)).toContain('"x"');
  });

  it('a file rewritten for the directory between the look and the removal is kept', async () => {
    const live = await wheelhouseWithStoreFiles('live');
    await rm(live.dir, { recursive: true });
    const result = await pruneStampStore(store, {
      beforeRemove: async (name) => {
        if (name !== basenames([live.files[0] as string])[0]) return;
        // Another run recreates the wheelhouse and writes its stamps right now.
        await mkdir(live.dir, { recursive: true });
        await writeFile(join(live.dir, 'a-1.0-py3-none-any.whl'), 'wheel bytes');
        const stamps = new FileStamps({ store });
        await stamps.digest(join(live.dir, 'a-1.0-py3-none-any.whl'));
        await stamps.saveDir(live.dir, () => true);
      },
    });
    expect(result.removed).not.toContain(basenames([live.files[0] as string])[0]);
    expect(await new FileStamps({ store }).loadDir(live.dir)).toBe(1);
    expect((await storeNames()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('an old file rewritten by another run between the look and the removal is kept', async () => {
    const live = await wheelhouseWithStoreFiles('idle');
    const then = new Date(Date.now() - 31 * DAY);
    for (const f of live.files) await utimes(f, then, then);
    const stampName = basenames([live.files[0] as string])[0] as string;
    const result = await pruneStampStore(store, {
      beforeRemove: async (name) => {
        if (name !== stampName) return;
        const stamps = new FileStamps({ store });
        await stamps.digest(join(live.dir, 'a-1.0-py3-none-any.whl'));
        await stamps.saveDir(live.dir, () => true);
      },
    });
    expect(result.removed.sort()).toEqual(basenames(live.files.slice(1)));
    expect(await storeNames()).toEqual([stampName]);
    expect(await new FileStamps({ store }).loadDir(live.dir)).toBe(1);
  });

  it('a file whose directory came back (same file, not rewritten) is kept', async () => {
    const live = await wheelhouseWithStoreFiles('back');
    await rm(live.dir, { recursive: true });
    const result = await pruneStampStore(store, {
      beforeRemove: async () => {
        await mkdir(live.dir, { recursive: true });
      },
    });
    expect(result.removed).toEqual([]);
    expect(await storeNames()).toEqual(basenames(live.files));
  });

  it('concurrent rewrites for an existing directory and prunes leave the live file', async () => {
    // The wheelhouse is gone, then comes back and is written again while prunes run: the
    // rewritten file must survive every interleaving (it names an existing directory).
    const live = await wheelhouseWithStoreFiles('live');
    const stampFile = live.files[0] as string;
    for (let round = 0; round < 20; round++) {
      await rm(live.dir, { recursive: true });
      const recreate = (async () => {
        await mkdir(live.dir, { recursive: true });
        await writeFile(join(live.dir, 'a-1.0-py3-none-any.whl'), 'wheel bytes');
        const stamps = new FileStamps({ store });
        await stamps.digest(join(live.dir, 'a-1.0-py3-none-any.whl'));
        await stamps.saveDir(live.dir, () => true);
      })();
      await Promise.all([pruneStampStore(store), pruneStampStore(store), recreate]);
      // Whatever the prunes saw, the directory exists now and its file was written last.
      const stamps = new FileStamps({ store });
      expect(await stamps.loadDir(live.dir)).toBe(1);
      expect(JSON.parse(await readFile(stampFile, 'utf8'))).toMatchObject({
        dir: live.dir,
        version: 1,
      });
      expect((await storeNames()).filter((n) => n.includes('.prune-'))).toEqual([]);
    }
    // A sanity check on the name: sha256 of the absolute directory, 32 hex digits.
    expect(storeHashOf(live.dir)).toBe(createHash('sha256').update(live.dir).digest('hex').slice(0, 32));
  });
});
