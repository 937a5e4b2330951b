/**
 * Filling an unpacked-wheel cache entry when the extractor made the staging links itself (the
 * extraction workers do, src/install/extract-worker.ts `link`): the manifest takes the identity
 * the extractor answers, a link the extractor could not make (EXDEV, EMLINK, …) becomes a copy as
 * when the cache links, any other link error fails the wheel and leaves no entry, and an entry
 * made this way serves the next install (every identity it records is the inode's own).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf } from '../../src/install/journal.js';
import { UnpackedCache, type CacheableFile, type ExtractLink } from '../../src/install/unpacked-cache.js';
import { silentLogger } from '../../src/util/logger.js';

let work: string;
let n = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-unpacked-populate-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const umask = process.umask();
const contents = ['alpha\n', 'beta beta\n', 'gamma gamma gamma\n', 'delta\n'];
const wheelSha = createHash('sha256').update('a wheel').digest('hex');

function filesIn(stage: string): CacheableFile[] {
  mkdirSync(stage, { recursive: true });
  return contents.map((text, i) => ({
    archivePath: `pkg/m${i}.txt`,
    algorithm: 'sha256',
    digest: createHash('sha256').update(text).digest(),
    size: Buffer.byteLength(text),
    mode: 0o666 & ~umask,
    staged: join(stage, `m${i}.txt`),
  }));
}

/**
 * An extractor as the workers are: writes each target (O_EXCL), fstats it, and links it to
 * `links[i]` — except for the members `fail` names, whose link "fails" with that code.
 */
function extractor(fail: Map<number, string>, calls: { links: boolean[] }) {
  return async (targets: string[], links?: readonly string[]): Promise<ExtractLink[]> => {
    calls.links.push(links !== undefined);
    return targets.map((target, i) => {
      const fd = openSync(target, 'wx', 0o666);
      writeSync(fd, contents[i] as string);
      const st = fstatSync(fd, { bigint: true });
      closeSync(fd);
      if (links === undefined) return undefined;
      const code = fail.get(i);
      if (code !== undefined) return { error: code };
      linkSync(target, links[i] as string);
      const identity = {
        dev: String(st.dev),
        ino: String(st.ino),
        mtimeNs: String(st.mtimeNs),
        size: Number(st.size),
        mode: Number(st.mode),
      };
      return { identity };
    });
  };
}

describe('populating the unpacked-wheel cache from links the extractor made', () => {
  it('records the identities answered, copies where the link failed, and serves the next install', async () => {
    const dir = join(work, `cache${n++}`);
    const cache = new UnpackedCache({ dir, logger: silentLogger, fillOnFirstUse: true });
    const stage = join(work, `stage${n++}`);
    const files = filesIn(stage);
    const calls = { links: [] as boolean[] };
    await cache.stage(
      wheelSha,
      umask,
      files,
      extractor(
        new Map([
          [1, 'EXDEV'],
          [3, 'EMLINK'],
        ]),
        calls,
      ),
    );
    expect(calls.links).toEqual([true]); // the extractor was asked to link
    expect(cache.stats).toMatchObject({ populated: 1, linked: 2, copied: 2, discarded: 0 });
    files.forEach((f, i) => expect(readFileSync(f.staged, 'utf8')).toBe(contents[i]));
    const entryFile = (i: number): string => join(dir, wheelSha, 'f', String(i));
    expect(lstatSync(files[0]!.staged).ino).toBe(lstatSync(entryFile(0)).ino); // linked
    expect(lstatSync(files[1]!.staged).ino).not.toBe(lstatSync(entryFile(1)).ino); // copied
    expect(lstatSync(files[1]!.staged).mode & 0o7777).toBe(files[1]!.mode);

    // The entry is whole and right: a second staging is a hit made of links only.
    const again = filesIn(join(work, `stage${n++}`));
    const none = { links: [] as boolean[] };
    const ids = new Map<string, string>();
    await cache.stage(wheelSha, umask, again, extractor(new Map(), none), (path, id) => ids.set(path, id));
    expect(none.links).toEqual([]); // nothing extracted
    // Each linked file's identity, as the install journal records it (placing need not lstat it).
    expect(ids).toEqual(
      new Map(again.map((f) => [f.staged, identityOf(lstatSync(f.staged, { bigint: true }))])),
    );
    expect(cache.stats).toMatchObject({ hits: 1, discarded: 0 });
    again.forEach((f, i) => expect(lstatSync(f.staged).ino).toBe(lstatSync(entryFile(i)).ino));
  });

  it('fails the wheel on any other link error, and leaves no entry nor temporary directory', async () => {
    const dir = join(work, `cache${n++}`);
    const cache = new UnpackedCache({ dir, logger: silentLogger, fillOnFirstUse: true });
    const files = filesIn(join(work, `stage${n++}`));
    await expect(
      cache.stage(wheelSha, umask, files, extractor(new Map([[2, 'EACCES']]), { links: [] })),
    ).rejects.toThrow(
      new RegExp(`^EACCES: cannot link .+ to ${files[2]!.staged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    expect(cache.stats.populated).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
