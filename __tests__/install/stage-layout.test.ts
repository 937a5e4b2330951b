/**
 * stage-layout.ts with transaction.ts (no Python needed): files staged in trees that mirror their
 * destinations are placed by renaming each new top directory whole — a few renames, not one per
 * file — with the same all-or-nothing guarantees: a failure part-way (or a killed run, repaired by
 * the next) removes the files of directories placed whole and the directories they leave empty
 * (what else came to lie there since is kept), and a directory that files
 * from two trees (or a lone file) go into is made and filled file by file.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limiter } from '../../src/install/priority-limiter.js';
import { placementUnits, StageLayout } from '../../src/install/stage-layout.js';
import type { StagedFile } from '../../src/install/stage-wheel.js';
import { markOwner, recoverStaging } from '../../src/install/repair.js';
import { placeStaged, STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let root: string;
let site: string;
let data: string;
const limit = limiter(4);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wh-layout-'));
  site = join(root, 'lib', 'site-packages');
  data = root;
  mkdirSync(site, { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Stages `files` ([scheme root, path below it]) with a StageLayout; content = the destination. */
async function stage(
  files: [string, string][],
  metadata: (dest: string) => boolean = () => false,
): Promise<{ stageDir: string; files: StagedFile[] }> {
  const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
  await markOwner(stageDir);
  const layout = new StageLayout(stageDir);
  const reserved = files.map(([base, rel]) => {
    const dest = join(base, ...rel.split('/'));
    return { dest, ...layout.reserve(base, dest) };
  });
  layout.makeDirs();
  const staged = reserved.map(({ dest, staged: path, tree }): StagedFile => {
    writeFileSync(path, dest);
    return { staged: path, dest, metadata: metadata(dest), ...(tree !== undefined ? { tree } : {}) };
  });
  return { stageDir, files: staged };
}

function place(
  staged: { stageDir: string; files: StagedFile[] },
  afterPlace?: (index: number) => void,
  keepCommitted = false,
): Promise<void> {
  return placeStaged({
    ...staged,
    dist: 'pkg 1.0',
    remove: [],
    roots: [site, data],
    logger: silentLogger,
    limit,
    ...(afterPlace !== undefined ? { afterPlace } : {}),
    keepCommitted,
  });
}

const content = (path: string): string => readFileSync(path, 'utf8');

describe('placing staging trees', () => {
  it('renames each new top directory whole, .dist-info last, and every file lands with its content', async () => {
    const rels = [
      ...Array.from({ length: 40 }, (_, i) => `pkg/sub${i % 4}/m${i}.py`),
      'pkg/__init__.py',
      'pkg-1.0.dist-info/METADATA',
      'pkg-1.0.dist-info/RECORD',
    ];
    const staged = await stage(
      rels.map((r) => [site, r]),
      (dest) => dest.includes('dist-info'),
    );
    const placed: number[] = [];
    await place(staged, (i) => void placed.push(i), true);
    // Two renames (pkg/ and pkg-1.0.dist-info/) instead of 43.
    expect(placed).toEqual([0, 1]);
    for (const f of staged.files) expect(content(f.dest)).toBe(f.dest);
    const journal = JSON.parse(readFileSync(join(staged.stageDir, 'journal.json'), 'utf8')) as {
      place: [string, string][];
      dirFiles: [string, string[]][];
    };
    expect(journal.place.map(([, dest]) => dest)).toEqual([
      join(site, 'pkg'),
      join(site, 'pkg-1.0.dist-info'),
    ]);
    // Each with every file placed below it (what a rollback removes, and nothing else).
    expect(journal.dirFiles.map(([dir, files]) => [dir, files.length])).toEqual([
      [join(site, 'pkg'), 41],
      [join(site, 'pkg-1.0.dist-info'), 2],
    ]);
  });

  it('merges file by file into directories that exist', async () => {
    mkdirSync(join(site, 'ns'));
    writeFileSync(join(site, 'ns', 'other.py'), 'another project\n');
    const staged = await stage([
      [site, 'ns/a.py'],
      [site, 'ns/b.py'],
      [site, 'ns/deep/c.py'],
    ]);
    const placed: number[] = [];
    await place(staged, (i) => void placed.push(i));
    expect(placed).toHaveLength(3); // a.py, b.py, and deep/ whole
    expect(readdirSync(join(site, 'ns')).sort()).toEqual(['a.py', 'b.py', 'deep', 'other.py']);
    expect(content(join(site, 'ns', 'deep', 'c.py'))).toBe(join(site, 'ns', 'deep', 'c.py'));
  });

  it('makes a directory that two trees fill and places their files one by one', async () => {
    // data's tree and the lib tree both go below lib/site-packages/mixed (missing): neither can
    // be renamed whole there.
    const staged = await stage([
      [site, 'mixed/a.py'],
      [data, 'lib/site-packages/mixed/b.dat'],
      [data, 'share/x/y.txt'],
    ]);
    await place(staged);
    expect(readdirSync(join(site, 'mixed')).sort()).toEqual(['a.py', 'b.dat']);
    expect(content(join(root, 'share', 'x', 'y.txt'))).toBe(join(root, 'share', 'x', 'y.txt'));
  });

  it('stages a file where another file needs a directory as a lone file', async () => {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    const layout = new StageLayout(stageDir);
    const a = layout.reserve(site, join(site, 'clash'));
    const b = layout.reserve(site, join(site, 'clash', 'inner.py'));
    const again = layout.reserve(site, join(site, 'clash'));
    expect(a.tree).toBeDefined();
    expect([b.tree, again.tree]).toEqual([undefined, undefined]);
    expect(new Set([a.staged, b.staged, again.staged]).size).toBe(3);
    layout.makeDirs();
    expect(readdirSync(stageDir).sort()).toEqual(['f', 't']);
  });

  it('removes a directory placed whole, with what it holds, when placing fails later', async () => {
    const staged = await stage(
      [
        [site, 'pkg/a.py'],
        [site, 'pkg/sub/b.py'],
        [site, 'pkg-1.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await expect(
      place(staged, (i) => {
        if (i === 0) throw new Error('disk full (simulated)');
      }),
    ).rejects.toThrow(/disk full/);
    expect(readdirSync(site)).toEqual([]);
  });

  it('the next run removes a directory placed whole by a run killed before commit', async () => {
    const staged = await stage(
      [
        [site, 'pkg/a.py'],
        [site, 'pkg/sub/b.py'],
        [site, 'pkg-1.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await place(staged, undefined, true);
    // As if killed after the renames, before the committed marker: the journal alone is left.
    rmSync(join(staged.stageDir, 'committed'));
    writeFileSync(join(staged.stageDir, 'owner.json'), JSON.stringify({ pid: 0, host: 'elsewhere' }));
    expect(existsSync(join(site, 'pkg', 'sub', 'b.py'))).toBe(true);
    await recoverStaging(site, [site, data], silentLogger);
    expect(readdirSync(site)).toEqual([]);
  });

  it('a journal naming a root (or a directory above one) as a placed directory is not acted on', async () => {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    writeFileSync(join(stageDir, 'owner.json'), JSON.stringify({ pid: 0, host: 'elsewhere' }));
    writeFileSync(join(site, 'kept.py'), 'another project\n');
    const lib = join(root, 'lib');
    const journal = {
      version: 2,
      state: 'applying',
      dist: 'evil 1.0',
      aside: [],
      place: [[join(stageDir, 't', '0', 'gone'), lib]],
      ids: ['none'],
      dirFiles: [[lib, []]],
      dirIds: [[]],
      createdDirs: [],
      emptied: [],
    };
    writeFileSync(join(stageDir, 'journal.json'), JSON.stringify(journal));
    const warnings: string[] = [];
    await recoverStaging(site, [site, data], {
      ...silentLogger,
      warn: (line: string) => void warnings.push(line),
    });
    expect(content(join(site, 'kept.py'))).toBe('another project\n');
    expect(warnings.join('\n')).toMatch(/as a directory it placed/);
  });

  it('a repair keeps what another installer put into a directory placed whole meanwhile (review 2 of session 9)', async () => {
    const a = await stage(
      [
        [site, 'google/auth/a.py'],
        [site, 'google_auth-1.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await place(a, undefined, true);
    // Killed after the renames, before the committed marker.
    rmSync(join(a.stageDir, 'committed'));
    writeFileSync(join(a.stageDir, 'owner.json'), JSON.stringify({ pid: 0, host: 'elsewhere' }));
    // Before the next wheelhouse run, `pip install google-cloud-storage` adds to the namespace.
    mkdirSync(join(site, 'google', 'cloud'));
    writeFileSync(join(site, 'google', 'cloud', 'storage.py'), 'not ours');
    await recoverStaging(site, [site, data], silentLogger);
    expect(content(join(site, 'google', 'cloud', 'storage.py'))).toBe('not ours');
    expect(existsSync(join(site, 'google', 'auth'))).toBe(false);
    expect(readdirSync(site).sort()).toEqual(['google']);
  });

  it("a repair of a rollback that stopped part-way keeps a later distribution's files in the same new directory", async () => {
    // A replaces an old version (old/x.py moved aside) and adds the new top directory google/.
    mkdirSync(join(site, 'old'));
    writeFileSync(join(site, 'old', 'x.py'), 'old version');
    const a = await stage(
      [
        [site, 'google/auth/a.py'],
        [site, 'google_auth-2.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await expect(
      placeStaged({
        ...a,
        dist: 'google-auth 2.0',
        remove: [join(site, 'old', 'x.py')],
        roots: [site, data],
        logger: silentLogger,
        limit,
        keepCommitted: true,
        afterPlace: (i) => {
          if (i !== 0) return;
          // The failure, and a file that makes restoring old/x.py fail too (as EIO or ENOSPC
          // would while rolling back): the journal is kept for the next run.
          rmSync(join(site, 'old'), { recursive: true });
          writeFileSync(join(site, 'old'), 'blocks mkdir');
          throw new Error('disk full (simulated)');
        },
      }),
    ).rejects.toThrow(/disk full/);
    expect(existsSync(join(a.stageDir, 'journal.json'))).toBe(true);
    // The same run goes on: B finds google/ missing and places it whole.
    const b = await stage(
      [
        [site, 'google/cloud/storage.py'],
        [site, 'google_cloud_storage-1.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await placeStaged({
      ...b,
      dist: 'google-cloud-storage 1.0',
      remove: [],
      roots: [site, data],
      logger: silentLogger,
      limit,
      keepCommitted: true,
    });
    // Next run (the blocking file removed by the user): the repair of A.
    rmSync(join(site, 'old'));
    await recoverStaging(site, [site, data], silentLogger);
    expect(existsSync(join(site, 'google_cloud_storage-1.0.dist-info', 'METADATA'))).toBe(true);
    expect(existsSync(join(site, 'google', 'cloud', 'storage.py'))).toBe(true);
    expect(content(join(site, 'old', 'x.py'))).toBe('old version');
  });

  it("never renames whole a directory above a root that does not exist yet, so the repair accepts its run's journal (review 3 of session 9)", async () => {
    // A venv's headers root (<prefix>/include/site/python3.x) is made by the first wheel with headers;
    // a data file below it must not take include/site with it as one rename.
    mkdirSync(join(root, 'include'));
    const headers = join(root, 'include', 'site', 'python3.11');
    const roots = [site, data, headers];
    const staged = await stage(
      [
        [data, 'include/site/python3.11/foo/foo.h'],
        [site, 'foo-1.0.dist-info/METADATA'],
      ],
      (dest) => dest.includes('dist-info'),
    );
    await placeStaged({
      ...staged,
      dist: 'foo 1.0',
      remove: [],
      roots,
      logger: silentLogger,
      limit,
      keepCommitted: true,
    });
    const journal = JSON.parse(readFileSync(join(staged.stageDir, 'journal.json'), 'utf8')) as {
      dirFiles: [string, string[]][];
      createdDirs: string[];
    };
    expect(journal.dirFiles.map(([dir]) => dir)).not.toContain(join(root, 'include', 'site'));
    expect(journal.createdDirs).toEqual(expect.arrayContaining([join(root, 'include', 'site'), headers]));
    // Killed after the renames, before the committed marker: the repair rolls it back.
    rmSync(join(staged.stageDir, 'committed'));
    writeFileSync(join(staged.stageDir, 'owner.json'), JSON.stringify({ pid: 0, host: 'elsewhere' }));
    const warnings: string[] = [];
    const repaired = await recoverStaging(site, roots, {
      ...silentLogger,
      warn: (l: string) => void warnings.push(l),
    });
    expect(warnings.filter((w) => w.includes('leaving'))).toEqual([]);
    expect(repaired).toEqual(['foo 1.0']);
    expect(existsSync(join(headers, 'foo', 'foo.h'))).toBe(false);
    expect(existsSync(staged.stageDir)).toBe(false);
  });
});

describe('placementUnits', () => {
  it("looks at a directory's missing ancestors once for all its files, not once per file", async () => {
    // 300 files in one directory four levels below site-packages, two more in a sibling: the
    // same units as ever (one rename of the new top directory), with the ancestors walked per
    // directory — a large wheel has tens of thousands of files in a few thousand directories.
    const names: [string, string][] = [];
    for (let i = 0; i < 300; i++) names.push([site, `top/a/b/c/m${i}.py`]);
    names.push([site, 'top/a/x/y.py'], [site, 'top/z.py']);
    const staged = await stage(names);
    const looked: string[] = [];
    const present = (d: string): boolean => {
      looked.push(d);
      return !d.startsWith(join(site, 'top'));
    };
    const { units, made } = placementUnits(staged.files, present, [site, data]);
    expect(units).toEqual([
      { staged: join(staged.stageDir, 't', '0', 'top'), dest: join(site, 'top'), metadata: false, dir: true },
    ]);
    expect(made).toEqual([]);
    // Per file: its own directory (1); per directory: its missing ancestors and the first present one.
    expect(looked.length).toBeLessThanOrEqual(names.length + 3 * 5);
  });
});
