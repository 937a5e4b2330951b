/**
 * Verified-file stamps (src/cache/file-stamps.ts): a file unchanged since wheelhouse hashed it is
 * not read again; any change to it — same-size bytes written in place, mtime set back, the file
 * replaced by another — is hashed again. Reads are counted through the injected hasher.
 */
import { createHash } from 'node:crypto';
import {
  copyFile,
  link,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FileStamps, identityOfStats, stampFileOf, type FileIdentity } from '../../src/cache/file-stamps.js';
import { fileSha256, type FileDigester } from '../../src/util/file-sha256.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-stamps-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A hasher that records every path whose bytes it read. */
function countingHasher(): { hash: FileDigester; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    hash: async (path) => {
      reads.push(path);
      return fileSha256(path);
    },
  };
}

/** Overwrites `path` in place with `text` (same inode). */
async function writeInPlace(path: string, text: string): Promise<void> {
  await writeFile(path, text, { flag: 'r+' });
}

describe('FileStamps.digest', () => {
  it('reads a file once; an unchanged file is answered by its stamp', async () => {
    const path = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(path, 'original bytes');
    const counter = countingHasher();
    const stamps = new FileStamps({ hash: counter.hash });
    expect(await stamps.digest(path)).toEqual({ sha256: sha('original bytes'), size: 14 });
    expect(await stamps.digest(path)).toEqual({ sha256: sha('original bytes'), size: 14 });
    expect(counter.reads).toEqual([path]);
    expect(stamps.counts).toEqual({ hashed: 1, trusted: 1 });
  });

  it('bytes changed in place with the same size and the mtime set back are read again', async () => {
    const path = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(path, 'original bytes');
    // A whole-second mtime, so that it can be set back exactly.
    await utimes(path, 1_700_000_000, 1_700_000_000);
    const before = await stat(path, { bigint: true });
    const counter = countingHasher();
    const stamps = new FileStamps({ hash: counter.hash });
    await stamps.digest(path);
    // Same length, same inode, mtime restored: only ctime can tell.
    await writeInPlace(path, 'tampered bytes');
    await utimes(path, 1_700_000_000, 1_700_000_000);
    const after = await stat(path, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    expect(await stamps.digest(path)).toEqual({ sha256: sha('tampered bytes'), size: 14 });
    expect(counter.reads).toHaveLength(2);
  });

  it('a file replaced by another one (rename over it) is read again', async () => {
    const path = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(path, 'original bytes');
    const stamps = new FileStamps();
    await stamps.digest(path);
    await writeFile(join(dir, 'other'), 'replaced bytes');
    await rename(join(dir, 'other'), path);
    expect((await stamps.digest(path)).sha256).toBe(sha('replaced bytes'));
    expect(stamps.counts.hashed).toBe(2);
  });

  it('a file changed while it is being hashed gets no stamp', async () => {
    const path = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(path, 'original bytes');
    let first = true;
    const stamps = new FileStamps({
      hash: async (p) => {
        const digest = await fileSha256(p);
        if (first) await writeInPlace(p, 'changed bytes!');
        first = false;
        return digest;
      },
    });
    await stamps.digest(path);
    expect(await stamps.known(path)).toBeUndefined();
    expect((await stamps.digest(path)).sha256).toBe(sha('changed bytes!'));
    expect(stamps.counts.hashed).toBe(2);
  });

  it('rejects for a missing file, as fileSha256 does', async () => {
    await expect(new FileStamps().digest(join(dir, 'missing.whl'))).rejects.toThrow(/ENOENT/);
  });
});

describe('the stamp store', () => {
  it('a later run trusts the stamps of files that did not change, and reads the changed one', async () => {
    const store = join(dir, 'store');
    const wh = join(dir, 'wh');
    await mkdir(wh);
    const a = join(wh, 'a-1.0-py3-none-any.whl');
    const b = join(wh, 'b-1.0-py3-none-any.whl');
    await writeFile(a, 'aaaa');
    await writeFile(b, 'bbbb');
    const run1 = new FileStamps({ store });
    await run1.digest(a);
    await run1.digest(b);
    await run1.saveDir(wh, () => true);
    // Nothing is written into the directory itself.
    expect((await readdir(wh)).sort()).toEqual(['a-1.0-py3-none-any.whl', 'b-1.0-py3-none-any.whl']);

    await writeInPlace(b, 'BBBB');
    const counter = countingHasher();
    const run2 = new FileStamps({ store, hash: counter.hash });
    expect(await run2.loadDir(wh)).toBe(2);
    expect((await run2.digest(a)).sha256).toBe(sha('aaaa'));
    expect((await run2.digest(b)).sha256).toBe(sha('BBBB'));
    expect(counter.reads).toEqual([b]);
  });

  it('without a store nothing is kept between runs', async () => {
    const a = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(a, 'aaaa');
    const run1 = new FileStamps();
    await run1.digest(a);
    await run1.saveDir(dir, () => true);
    const run2 = new FileStamps({ store: join(dir, 'store') });
    expect(await run2.loadDir(dir)).toBe(0);
  });

  it('saves only the names `keep` accepts, and only files of that directory', async () => {
    const store = join(dir, 'store');
    const a = join(dir, 'a-1.0-py3-none-any.whl');
    const other = join(dir, 'sub');
    await mkdir(other);
    await writeFile(a, 'aaaa');
    await writeFile(join(other, 'c.whl'), 'cccc');
    await writeFile(join(dir, 'gone.whl'), 'gone');
    const stamps = new FileStamps({ store });
    await stamps.digest(a);
    await stamps.digest(join(other, 'c.whl'));
    await stamps.digest(join(dir, 'gone.whl'));
    await stamps.saveDir(dir, (name) => name !== 'gone.whl');
    const saved = JSON.parse(await readFile(stampFileOf(store, dir), 'utf8')) as { files: object };
    expect(Object.keys(saved.files)).toEqual(['a-1.0-py3-none-any.whl']);
  });

  it('files replaced by copies (a cache restore of the same names) are read again', async () => {
    const store = join(dir, 'store');
    const a = join(dir, 'a-1.0-py3-none-any.whl');
    await writeFile(a, 'aaaa');
    const run1 = new FileStamps({ store });
    await run1.digest(a);
    await run1.saveDir(dir, () => true);
    await copyFile(a, join(dir, 'copy'));
    await rename(join(dir, 'copy'), a);
    const counter = countingHasher();
    const run2 = new FileStamps({ store, hash: counter.hash });
    expect(await run2.loadDir(dir)).toBe(1);
    await run2.digest(a);
    expect(counter.reads).toEqual([a]);
  });

  it('ignores unusable stamp files and entries that are not plain names', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    const file = stampFileOf(store, dir);
    await writeFile(file, 'not json');
    expect(await new FileStamps({ store }).loadDir(dir)).toBe(0);
    const stamp = { sha256: sha('x'), size: '1', dev: '1', ino: '1', mtimeNs: '1', ctimeNs: '1' };
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        files: {
          '../escape.whl': stamp,
          'sub/x.whl': stamp,
          'ok.whl': stamp,
          'bad.whl': { ...stamp, sha256: 'zz' },
        },
      }),
    );
    expect(await new FileStamps({ store }).loadDir(dir)).toBe(1);
    await writeFile(file, JSON.stringify({ version: 2, files: { 'ok.whl': stamp } }));
    expect(await new FileStamps({ store }).loadDir(dir)).toBe(0);
  });
});

describe('FileStamps.carry', () => {
  it('a hard link made by wheelhouse keeps the stamp; a copy does not', async () => {
    const src = join(dir, 'src.whl');
    await writeFile(src, 'payload');
    const stamps = new FileStamps();
    await stamps.digest(src);
    await link(src, join(dir, 'linked.whl'));
    await stamps.carry(src, join(dir, 'linked.whl'));
    expect(await stamps.known(join(dir, 'linked.whl'))).toEqual({ sha256: sha('payload'), size: 7 });
    await copyFile(src, join(dir, 'copied.whl'));
    await stamps.carry(src, join(dir, 'copied.whl'));
    expect(await stamps.known(join(dir, 'copied.whl'))).toBeUndefined();
  });

  it('a linked file written after the hash (mtime changed) gets no stamp', async () => {
    const src = join(dir, 'src.whl');
    await writeFile(src, 'payload');
    const stamps = new FileStamps();
    await stamps.digest(src);
    const old = await stat(src);
    await writeInPlace(src, 'PAYLOAD');
    await utimes(src, old.atime, new Date(old.mtimeMs + 5000));
    await link(src, join(dir, 'linked.whl'));
    await stamps.carry(src, join(dir, 'linked.whl'));
    expect(await stamps.known(join(dir, 'linked.whl'))).toBeUndefined();
  });
});

describe('FileStamps.hashedThisRun', () => {
  it('answers for bytes this run hashed or recorded (and links it made of them), never for stamps from the store', async () => {
    const store = join(dir, 'store');
    const wh = join(dir, 'wh');
    await mkdir(wh);
    const a = join(wh, 'a-1.0-py3-none-any.whl');
    const b = join(wh, 'b-1.0-py3-none-any.whl');
    await writeFile(a, 'aaaa');
    await writeFile(b, 'bbbb');
    const run1 = new FileStamps({ store });
    await run1.digest(a);
    await run1.record(b, { sha256: sha('bbbb'), size: 4 });
    const info = await stat(a, { bigint: true });
    expect(run1.hashedThisRun(a)).toEqual({
      sha256: sha('aaaa'),
      size: '4',
      dev: String(info.dev),
      ino: String(info.ino),
      mtimeNs: String(info.mtimeNs),
      ctimeNs: String(info.ctimeNs),
    });
    expect(run1.hashedThisRun(b)?.sha256).toBe(sha('bbbb'));
    await link(a, join(wh, 'linked.whl'));
    await run1.carry(a, join(wh, 'linked.whl'));
    expect(run1.hashedThisRun(join(wh, 'linked.whl'))?.sha256).toBe(sha('aaaa'));
    await run1.saveDir(wh, () => true);

    // The next run trusts the store for its own reading, but does not vouch for those bytes.
    const run2 = new FileStamps({ store });
    expect(await run2.loadDir(wh)).toBe(3);
    expect((await run2.digest(b)).sha256).toBe(sha('bbbb'));
    expect(run2.counts).toEqual({ hashed: 0, trusted: 1 });
    expect(run2.hashedThisRun(b)).toBeUndefined();
    // The link changed `a`'s ctime after run 1 stamped it: run 2 reads it, and then vouches.
    expect((await run2.digest(a)).sha256).toBe(sha('aaaa'));
    expect(run2.counts).toEqual({ hashed: 1, trusted: 1 });
    expect(run2.hashedThisRun(a)?.sha256).toBe(sha('aaaa'));

    // A stamp that stopped matching is gone for both questions.
    await writeInPlace(b, 'BBBB');
    expect(await run1.known(b)).toBeUndefined();
    expect(run1.hashedThisRun(b)).toBeUndefined();
  });
});

describe('FileStamps.record with the identity of the last write (review 15b F14)', () => {
  /** Writes `text` to `path` through a handle and answers the handle's fstat identity, as fetch-file does. */
  async function writtenIdentity(path: string, text: string): Promise<FileIdentity> {
    const handle = await open(path, 'w');
    try {
      await handle.write(text);
      const info = await handle.stat({ bigint: true });
      return identityOfStats(info)!;
    } finally {
      await handle.close();
    }
  }

  it('a file replaced or rewritten (same size) after its writer closed it is not vouched for', async () => {
    const replaced = join(dir, 'a-1.0-py3-none-any.whl');
    const rewritten = join(dir, 'b-1.0-py3-none-any.whl');
    const kept = join(dir, 'c-1.0-py3-none-any.whl');
    const writtenA = await writtenIdentity(replaced, 'aaaa');
    const writtenB = await writtenIdentity(rewritten, 'bbbb');
    const writtenC = await writtenIdentity(kept, 'cccc');
    // Another process: a same-sized file renamed over `replaced`, `rewritten` changed in place.
    await writeFile(join(dir, 'other'), 'AAAA');
    await rename(join(dir, 'other'), replaced);
    await writeInPlace(rewritten, 'BBBB');
    await utimes(rewritten, new Date(1_000_000), new Date(1_000_000));
    // The rename into place (ctime only) is the writer's own: still vouched for.
    await rename(kept, `${kept}.moved`);
    await rename(`${kept}.moved`, kept);

    const stamps = new FileStamps({ store: join(dir, 'store') });
    await stamps.record(replaced, { sha256: sha('aaaa'), size: 4 }, writtenA);
    await stamps.record(rewritten, { sha256: sha('bbbb'), size: 4 }, writtenB);
    await stamps.record(kept, { sha256: sha('cccc'), size: 4 }, writtenC);
    expect(stamps.hashedThisRun(replaced)).toBeUndefined();
    expect(stamps.hashedThisRun(rewritten)).toBeUndefined();
    expect((await stamps.digest(replaced)).sha256).toBe(sha('AAAA'));
    expect((await stamps.digest(rewritten)).sha256).toBe(sha('BBBB'));
    expect(stamps.hashedThisRun(kept)?.sha256).toBe(sha('cccc'));
  });
});
