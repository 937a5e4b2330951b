/**
 * transaction.ts on its own (no Python needed): a committed staging directory left for the caller
 * (`keepCommitted`, so that no inode is freed while the rest of an install is still creating
 * files) is a finished install — the next run's repair removes it and never rolls it back — while
 * an uncommitted one is still rolled back.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { opendir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { limiter } from '../../src/install/priority-limiter.js';
import { silentLogger } from '../../src/util/logger.js';
import { markOwner, recoverStaging } from '../../src/install/repair.js';
import {
  discardStaging,
  placeStaged,
  removeCommitted,
  STAGING_PREFIX,
} from '../../src/install/transaction.js';
import { identityOf } from '../../src/install/journal.js';
import { ownedTree, type OpenDir } from '../../src/install/owned-tree.js';
import { RepairError } from '../../src/install/repair.js';

let site: string;
const limit = limiter(4);

beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'wh-transaction-'));
});
afterEach(() => {
  rmSync(site, { recursive: true, force: true });
});

/** A staging directory holding `names` (one file each, content = its name) for destinations under `site/pkg`. */
async function stage(
  names: string[],
): Promise<{ stageDir: string; files: { staged: string; dest: string; metadata: boolean }[] }> {
  const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
  await markOwner(stageDir);
  mkdirSync(join(stageDir, 'f'));
  const files = names.map((name, i) => {
    const staged = join(stageDir, 'f', String(i));
    writeFileSync(staged, name);
    return { staged, dest: join(site, 'pkg', name), metadata: false };
  });
  return { stageDir, files };
}

/** Places `staged` as `dist` under `site`, keeping the committed staging directory when asked. */
function place(
  staged: Awaited<ReturnType<typeof stage>>,
  dist: string,
  keepCommitted: boolean,
): Promise<void> {
  return placeStaged({
    ...staged,
    dist,
    remove: [],
    roots: [site],
    logger: silentLogger,
    limit,
    ...(keepCommitted ? { keepCommitted: true } : {}),
  });
}

const stagingDirs = (): string[] => readdirSync(site).filter((n) => n.startsWith(STAGING_PREFIX));

describe('placeStaged with keepCommitted', () => {
  it('leaves the committed staging directory, which the next repair removes without rolling back', async () => {
    const staged = await stage(['a.py', 'b.py']);
    const { stageDir } = staged;
    await place(staged, 'pkg 1.0', true);
    expect(stagingDirs()).toHaveLength(1);
    expect(readdirSync(stageDir).sort()).toEqual(['committed', 'f', 'journal.json', 'o', 'owner.json']);
    // The journal is written once (still "applying"): the marker beside it says it is done.
    expect(JSON.parse(readFileSync(join(stageDir, 'journal.json'), 'utf8')).state).toBe('applying');
    // A run killed here: the next one removes the directory and keeps what was placed.
    expect(await recoverStaging(site, [site], silentLogger)).toEqual([]);
    expect(stagingDirs()).toEqual([]);
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe('a.py');
    expect(readFileSync(join(site, 'pkg', 'b.py'), 'utf8')).toBe('b.py');
  });

  it('removeCommitted removes what was kept; without keepCommitted nothing is kept', async () => {
    const first = await stage(['a.py']);
    await place(first, 'pkg 1.0', true);
    await place(await stage(['b.py']), 'other 1.0', false);
    expect(stagingDirs()).toEqual([first.stageDir.slice(site.length + 1)]);
    await removeCommitted([first.stageDir]);
    expect(stagingDirs()).toEqual([]);
    expect(existsSync(join(site, 'pkg', 'a.py')) && existsSync(join(site, 'pkg', 'b.py'))).toBe(true);
  });

  it('still rolls back a staging directory whose journal has no committed marker', async () => {
    const staged = await stage(['a.py', 'b.py']);
    const { stageDir } = staged;
    await place(staged, 'pkg 1.0', true);
    // As if killed after placing but before the marker was written.
    rmSync(join(stageDir, 'committed'));
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['pkg 1.0']);
    expect(stagingDirs()).toEqual([]);
    expect(existsSync(join(site, 'pkg'))).toBe(false);
  });
});

describe('an upgrade where a file becomes a directory or the reverse (review 1 of session 10)', () => {
  /** Places `names` under site/pkg as `dist`, replacing the files `remove` (relative to site/pkg). */
  async function upgrade(names: string[], remove: string[], failAt?: number): Promise<void> {
    const staged = await stage(names);
    await placeStaged({
      ...staged,
      dist: 'pkg 2.0',
      remove: remove.map((r) => join(site, 'pkg', r)),
      roots: [site],
      logger: silentLogger,
      limit,
      ...(failAt !== undefined
        ? {
            afterPlace: (i: number) => {
              if (i === failAt) throw new Error('disk full');
            },
          }
        : {}),
    });
  }
  const read = (rel: string): string => readFileSync(join(site, 'pkg', rel), 'utf8');

  it("a replaced version's file where the new one needs a directory is moved aside first, as pip's uninstall does", async () => {
    mkdirSync(join(site, 'pkg'));
    writeFileSync(join(site, 'pkg', 'res'), 'old file');
    await upgrade(['res/x.txt', 'res/deeper/y.txt'], ['res']);
    expect(read('res/x.txt')).toBe('res/x.txt');
    expect(read('res/deeper/y.txt')).toBe('res/deeper/y.txt');
    expect(stagingDirs()).toEqual([]);
  });

  it("a replaced version's directory where the new one puts a file is removed once its files are aside", async () => {
    mkdirSync(join(site, 'pkg', 'res', 'sub'), { recursive: true });
    writeFileSync(join(site, 'pkg', 'res', 'x.txt'), 'old');
    writeFileSync(join(site, 'pkg', 'res', 'sub', 'y.txt'), 'old');
    await upgrade(['res'], ['res/x.txt', 'res/sub/y.txt']);
    expect(read('res')).toBe('res');
    expect(stagingDirs()).toEqual([]);
  });

  it('both are rolled back to the previous version when placing fails', async () => {
    mkdirSync(join(site, 'pkg', 'dir', 'sub'), { recursive: true });
    writeFileSync(join(site, 'pkg', 'file'), 'old file');
    writeFileSync(join(site, 'pkg', 'dir', 'x.txt'), 'old x');
    writeFileSync(join(site, 'pkg', 'dir', 'sub', 'y.txt'), 'old y');
    await expect(
      upgrade(['file/a.txt', 'dir', 'z.txt'], ['file', 'dir/x.txt', 'dir/sub/y.txt'], 2),
    ).rejects.toThrow('disk full');
    expect(read('file')).toBe('old file');
    expect(read('dir/x.txt')).toBe('old x');
    expect(read('dir/sub/y.txt')).toBe('old y');
    expect(existsSync(join(site, 'pkg', 'z.txt'))).toBe(false);
    expect(stagingDirs()).toEqual([]);
  });

  it("anyone else's file or directory contents in the way is refused before anything changes", async () => {
    mkdirSync(join(site, 'pkg', 'res'), { recursive: true });
    writeFileSync(join(site, 'pkg', 'res', 'mine.txt'), 'a user file');
    writeFileSync(join(site, 'pkg', 'res', 'old.txt'), 'old');
    writeFileSync(join(site, 'pkg', 'other'), 'a user file');
    await expect(upgrade(['res'], ['res/old.txt'])).rejects.toThrow(
      `${join(site, 'pkg', 'res')} is a directory, the wheel installs a file there (${join(site, 'pkg', 'res', 'mine.txt')} is not the replaced version's)`,
    );
    await expect(upgrade(['other/x.txt'], [])).rejects.toThrow(
      `${join(site, 'pkg', 'other')} is a file, the wheel installs a directory there`,
    );
    expect(read('res/old.txt')).toBe('old');
    expect(read('res/mine.txt')).toBe('a user file');
    expect(read('other')).toBe('a user file');
  });
});

describe('the repair of a killed upgrade (review 3 of session 10)', () => {
  /** A file -> directory upgrade of pkg/res, staged as a tree, "killed" once its first unit is placed. */
  async function killedUpgrade(
    names = ['res/x.py', 'res/y.py', 'new.py'],
  ): Promise<{ stageDir: string; settle: () => Promise<void> }> {
    mkdirSync(join(site, 'pkg'));
    writeFileSync(join(site, 'pkg', 'res'), 'old res');
    writeFileSync(join(site, 'pkg', 'z_old.py'), 'old z');
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    await markOwner(stageDir);
    const tree = { staged: join(stageDir, 't', '0'), dest: site };
    const files = names.map((n) => {
      const staged = join(tree.staged, 'pkg', n);
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, `new ${n}`);
      return { staged, dest: join(site, 'pkg', n), metadata: false, tree };
    });
    let placed = 0;
    let kill: (() => void) | undefined;
    const placing = placeStaged({
      stageDir,
      files,
      dist: 'pkg 2',
      remove: [join(site, 'pkg', 'res'), join(site, 'pkg', 'z_old.py')],
      roots: [site],
      logger: silentLogger,
      limit: (w) => w(),
      afterPlace: () => {
        // The first unit placed, then nothing more happens: as if killed there.
        if (placed++ === 0)
          return new Promise<void>((_, reject) => (kill = () => reject(new Error('killed'))));
        return undefined;
      },
    }).catch(() => undefined);
    const first = join(site, 'pkg', names[0] as string);
    for (let i = 0; i < 100 && !existsSync(first); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(first)).toBe(true);
    return { stageDir, settle: () => (kill?.(), placing) };
  }

  it('removes the byte code Python wrote of a placed file meanwhile, so the replaced file comes back', async () => {
    const { settle } = await killedUpgrade();
    mkdirSync(join(site, 'pkg', 'res', '__pycache__'));
    writeFileSync(join(site, 'pkg', 'res', '__pycache__', 'x.cpython-311.pyc'), 'byte code');
    writeFileSync(join(site, 'pkg', 'res', '__pycache__', 'x.cpython-311.opt-1.pyc'), 'byte code');
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['pkg 2']);
    expect(readFileSync(join(site, 'pkg', 'res'), 'utf8')).toBe('old res');
    expect(readFileSync(join(site, 'pkg', 'z_old.py'), 'utf8')).toBe('old z');
    expect(stagingDirs()).toEqual([]);
    await settle();
  });

  it('removes the byte code of a placed module with a dot in its stem too, as Python names it', async () => {
    const { settle } = await killedUpgrade(['res/x.py', 'res/foo.bar.py', 'res/_version.cpython.py']);
    const res = join(site, 'pkg', 'res');
    // Byte code as the interpreter writes it (compileall, optimisation levels 0 and 1); by hand
    // with CPython 3.11's names where no python3 exists.
    try {
      execFileSync('python3', ['-m', 'compileall', '-q', '-o', '0', '-o', '1', res], { stdio: 'ignore' });
    } catch {
      mkdirSync(join(res, '__pycache__'));
      for (const stem of ['x', 'foo.bar', '_version.cpython'])
        for (const opt of ['', '.opt-1'])
          writeFileSync(join(res, '__pycache__', `${stem}.cpython-311${opt}.pyc`), 'bc');
    }
    expect(readdirSync(join(res, '__pycache__')).filter((n) => n.startsWith('foo.bar.'))).toHaveLength(2);
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['pkg 2']);
    expect(readFileSync(res, 'utf8')).toBe('old res');
    expect(stagingDirs()).toEqual([]);
    await settle();
  });

  it('puts back all it can when something else is in the way, says what, keeps the rest, and installs nothing', async () => {
    const { stageDir, settle } = await killedUpgrade();
    writeFileSync(join(site, 'pkg', 'res', 'user.txt'), 'a file someone put there');
    const error = (await recoverStaging(site, [site], silentLogger).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RepairError);
    expect(error.message).toContain(
      `could not finish repairing pkg 2 from ${stageDir}: could not put back 1 file(s) of the version pkg 2 replaced: ${join(site, 'pkg', 'res')}`,
    );
    expect(error.message).toContain('nothing was installed');
    expect(readFileSync(join(site, 'pkg', 'z_old.py'), 'utf8')).toBe('old z');
    expect(readFileSync(join(site, 'pkg', 'res', 'user.txt'), 'utf8')).toBe('a file someone put there');
    expect(stagingDirs()).toEqual([stageDir.slice(site.length + 1)]); // kept, the old file in it
    // Once what was in the way is gone, the next run finishes the repair.
    rmSync(join(site, 'pkg', 'res'), { recursive: true });
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['pkg 2']);
    expect(readFileSync(join(site, 'pkg', 'res'), 'utf8')).toBe('old res');
    expect(stagingDirs()).toEqual([]);
    await settle();
  });

  it("never follows a __pycache__ that is a symlink when removing a placed file's byte code", async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wh-transaction-outside-'));
    try {
      writeFileSync(join(outside, 'x.cpython-311.pyc'), 'not ours');
      const { settle } = await killedUpgrade();
      symlinkSync(outside, join(site, 'pkg', 'res', '__pycache__'));
      await recoverStaging(site, [site], silentLogger).catch(() => undefined);
      expect(readdirSync(outside)).toEqual(['x.cpython-311.pyc']);
      await settle();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never writes through a symlink that an earlier entry of the same journal put back', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wh-transaction-outside-'));
    try {
      const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
      mkdirSync(join(stageDir, 'o'));
      symlinkSync(outside, join(stageDir, 'o', '0'));
      writeFileSync(join(stageDir, 'o', '1'), 'planted');
      writeFileSync(
        join(stageDir, 'journal.json'),
        JSON.stringify({
          version: 2,
          state: 'applying',
          dist: 'evil 1',
          aside: [
            [join(site, 'foo'), join(stageDir, 'o', '0')],
            [join(site, 'foo', 'bar', 'x'), join(stageDir, 'o', '1')],
          ],
          place: [],
          ids: [],
          dirIds: [],
          createdDirs: [join(site, 'foo', 'made')],
          emptied: [],
        }),
      );
      mkdirSync(join(outside, 'made'));
      await expect(recoverStaging(site, [site], silentLogger)).rejects.toThrow(
        'it now lies outside the environment',
      );
      expect(readdirSync(outside)).toEqual(['made']); // nothing written, nothing removed
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

/** The identity (journal.ts `identityOf`) of what lies at `path`, or a placeholder when nothing does. */
function idAt(path: string | undefined): string {
  const st = path === undefined ? undefined : lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return st === undefined ? 'none' : identityOf(st);
}

describe('ownedTree: a directory where a file goes (review 3 of session 10, L1)', () => {
  it('stops at the first foreign entry instead of listing the directory whole', async () => {
    const dir = join(site, 'big');
    mkdirSync(dir);
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, `user-${i}.txt`), '');
    let reads = 0;
    const counting: OpenDir = async (path) => {
      const handle = await opendir(path, { bufferSize: 32 });
      return {
        read: () => (reads++, handle.read()),
        close: () => handle.close(),
      };
    };
    const answer = await ownedTree(dir, new Set(), counting);
    expect('foreign' in answer && answer.foreign.startsWith(join(dir, 'user-'))).toBe(true);
    expect(reads).toBe(1);
  });

  it("answers every directory when all files below are the replaced version's; names one that cannot be read", async () => {
    const dir = join(site, 'old');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    const owned = new Set([join(dir, 'x.py'), join(dir, 'a', 'y.py'), join(dir, 'a', 'b', 'z.py')]);
    for (const f of owned) writeFileSync(f, '');
    const answer = await ownedTree(dir, owned);
    expect('dirs' in answer && answer.dirs.sort()).toEqual(
      [dir, join(dir, 'a'), join(dir, 'a', 'b'), join(dir, 'empty')].sort(),
    );
    const failing: OpenDir = async (path) => {
      if (path === join(dir, 'a')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
      return opendir(path);
    };
    expect(await ownedTree(dir, owned, failing)).toEqual({ foreign: join(dir, 'a'), unreadable: 'EACCES' });
  });
});

describe('a journal larger than the repair reads (review 1 of session 10)', () => {
  it('is refused before anything is placed', async () => {
    const staged = await stage(['a.py', 'b.py']);
    await expect(
      placeStaged({
        ...staged,
        dist: 'big 1.0',
        remove: [],
        roots: [site],
        logger: silentLogger,
        limit,
        journalLimit: 200,
      }),
    ).rejects.toThrow(
      /^big 1.0 has too many files to install safely \(its journal would be \d+ bytes, the limit is 200\)$/,
    );
    expect(existsSync(join(site, 'pkg'))).toBe(false);
    expect(existsSync(join(staged.stageDir, 'journal.json'))).toBe(false);
  });
});

describe('removing a staging directory (review 1 of session 10)', () => {
  it('forgets the journal first, so a run killed while removing the rest never undoes a finished install', async () => {
    const staged = await stage(['a.py', 'b.py']);
    const { stageDir } = staged;
    await place(staged, 'pkg 1.0', true);
    const calls: string[] = [];
    const killedAfterOne = async (
      path: string,
      options: { recursive?: boolean; force: boolean },
    ): Promise<void> => {
      calls.push(path);
      if (calls.length > 1) throw new Error('killed');
      await rm(path, options);
    };
    await expect(discardStaging(stageDir, killedAfterOne)).rejects.toThrow('killed');
    expect(calls[0]).toBe(join(stageDir, 'journal.json'));
    // The worst order a recursive removal could have reached before the kill: the marker gone too.
    rmSync(join(stageDir, 'committed'));
    expect(await recoverStaging(site, [site], silentLogger)).toEqual([]);
    expect(stagingDirs()).toEqual([]);
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe('a.py');
  });

  it("removes the link probe a killed run left (an empty file of the probe's name), nothing else of the kind", async () => {
    const probe = join(site, `${STAGING_PREFIX}link-probe-0123456789ab`);
    const notProbe = join(site, `${STAGING_PREFIX}link-probe-0123456789ab.keep`);
    const notEmpty = join(site, `${STAGING_PREFIX}link-probe-ba9876543210`);
    writeFileSync(probe, '');
    writeFileSync(notProbe, '');
    writeFileSync(notEmpty, 'data');
    await recoverStaging(site, [site], silentLogger);
    expect(existsSync(probe)).toBe(false);
    expect(existsSync(notProbe) && existsSync(notEmpty)).toBe(true);
  });

  it('does not hang on, or follow, an owner marker that is a FIFO or a symlink', async () => {
    const fifoDir = mkdtempSync(join(site, STAGING_PREFIX));
    execFileSync('mkfifo', [join(fifoDir, 'owner.json')]);
    const linkDir = mkdtempSync(join(site, STAGING_PREFIX));
    const alive = join(site, 'alive.json');
    writeFileSync(alive, JSON.stringify({ pid: process.ppid, host: hostname() }));
    symlinkSync(alive, join(linkDir, 'owner.json'));
    const settled = await Promise.race([
      recoverStaging(site, [site], silentLogger).then(() => 'settled'),
      new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref()),
    ]);
    expect(settled).toBe('settled');
    // Neither marker counts as a live owner: both journal-less directories are removed.
    expect(stagingDirs()).toEqual([]);
  });
});

describe('a journal found on disk is untrusted input (review 1 of session 9)', () => {
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'wh-transaction-outside-'));
    writeFileSync(join(outside, 'victim.txt'), 'precious');
    writeFileSync(join(outside, 'other.txt'), 'precious too');
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  function warnings(): { logger: typeof silentLogger; lines: string[] } {
    const lines: string[] = [];
    return { logger: { ...silentLogger, warn: (m: string) => void lines.push(m) }, lines };
  }

  /** A staging directory holding the journal `make` gives for it (no owner: a dead run's). */
  function plant(make: (stageDir: string) => Record<string, unknown>): string {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    const journal = {
      version: 2,
      state: 'applying',
      dist: 'x 1',
      aside: [],
      place: [],
      createdDirs: [],
      emptied: [],
    };
    const planted: Record<string, unknown> = { ...journal, ...make(stageDir) };
    // Version 2: the identity of what each entry placed (what lies at its destination now).
    planted.ids ??= (planted.place as unknown[]).map((entry) =>
      idAt(Array.isArray(entry) && typeof entry[1] === 'string' ? entry[1] : undefined),
    );
    planted.dirIds ??= [];
    writeFileSync(join(stageDir, 'journal.json'), JSON.stringify(planted));
    return stageDir;
  }

  const untouched = (): void => {
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(join(outside, 'other.txt'), 'utf8')).toBe('precious too');
    expect(readdirSync(outside).sort()).toEqual(['other.txt', 'victim.txt']);
  };

  it('one naming files outside the environment is left alone, with a warning, and nothing outside changes', async () => {
    const stageDir = plant((dir) => ({
      aside: [[join(outside, 'moved-here.txt'), join(outside, 'other.txt')]],
      place: [[join(dir, 'gone'), join(outside, 'victim.txt')]],
    }));
    const { logger, lines } = warnings();
    expect(await recoverStaging(site, [site], logger)).toEqual([]);
    untouched();
    expect(existsSync(stageDir)).toBe(true);
    expect(lines.join('\n')).toContain(`leaving ${stageDir} alone`);
  });

  it('one whose moved-aside copy lies behind a symlink out of its staging directory is left alone', async () => {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    symlinkSync(outside, join(stageDir, 'o'));
    writeFileSync(
      join(stageDir, 'journal.json'),
      JSON.stringify({
        version: 1,
        state: 'applying',
        dist: 'x 1',
        aside: [[join(site, 'pkg', 'x.py'), join(stageDir, 'o', 'victim.txt')]],
        place: [],
        createdDirs: [],
        emptied: [],
      }),
    );
    expect(await recoverStaging(site, [site], warnings().logger)).toEqual([]);
    untouched();
    expect(existsSync(join(site, 'pkg', 'x.py'))).toBe(false);
  });

  it('one whose destination lies behind a symlinked directory of the environment is left alone', async () => {
    symlinkSync(outside, join(site, 'shared'));
    plant((dir) => ({ place: [[join(dir, 'gone'), join(site, 'shared', 'victim.txt')]] }));
    expect(await recoverStaging(site, [site], warnings().logger)).toEqual([]);
    untouched();
  });

  it('a staging name that is a symlink is not followed; a malformed journal is left alone', async () => {
    const target = mkdtempSync(join(outside, 'stage-'));
    writeFileSync(
      join(target, 'journal.json'),
      JSON.stringify({
        version: 2,
        state: 'applying',
        dist: 'x 1',
        aside: [],
        place: [],
        ids: [],
        dirIds: [],
        createdDirs: [],
        emptied: [],
      }),
    );
    symlinkSync(target, join(site, `${STAGING_PREFIX}link`));
    const malformed = plant(() => ({ place: [[1, 2]] }));
    const { logger, lines } = warnings();
    expect(await recoverStaging(site, [site], logger)).toEqual([]);
    expect(existsSync(join(target, 'journal.json'))).toBe(true);
    expect(existsSync(malformed)).toBe(true);
    expect(lines.join('\n')).toContain('is malformed');
  });

  it('a valid journal is still rolled back when a directory of the environment is a symlink within it', async () => {
    // site/alias -> site/real: a destination through it lands inside the environment.
    mkdirSync(join(site, 'real'));
    symlinkSync(join(site, 'real'), join(site, 'alias'));
    writeFileSync(join(site, 'real', 'placed.py'), 'new');
    plant((dir) => ({ dist: 'y 2', place: [[join(dir, 'gone'), join(site, 'alias', 'placed.py')]] }));
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['y 2']);
    expect(existsSync(join(site, 'real', 'placed.py'))).toBe(false);
    expect(stagingDirs()).toEqual([]);
  });
});

describe('a journal listing directories placed whole (review 2 of session 9)', () => {
  it('is left alone when a directory it placed is a root, or is not one of its destinations, or lists files elsewhere', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wh-transaction-outside-'));
    try {
      writeFileSync(join(site, 'keep.py'), 'kept');
      const journals = [
        // The environment's root itself as a directory placed whole: a repair would empty it.
        (dir: string) => ({
          place: [[join(dir, 'gone'), site]],
          dirFiles: [[site, [join(site, 'keep.py')]]],
        }),
        // A directory that is not one of its destinations.
        (dir: string) => ({
          place: [[join(dir, 'gone'), join(site, 'pkg')]],
          dirFiles: [[join(site, 'other'), [join(site, 'other', 'x.py')]]],
        }),
        // A file listed below a directory that it does not lie below.
        (dir: string) => ({
          place: [[join(dir, 'gone'), join(site, 'pkg')]],
          dirFiles: [[join(site, 'pkg'), [join(site, 'keep.py')]]],
        }),
      ];
      const dirs: string[] = [];
      for (const make of journals) {
        const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
        const journal = {
          version: 2,
          state: 'applying',
          dist: 'x 1',
          aside: [],
          createdDirs: [],
          emptied: [],
        };
        const made = make(stageDir);
        const ids = made.place.map(([, dest]) => idAt(dest as string));
        const dirIds = made.dirFiles.map(([, files]) => (files as string[]).map((f) => idAt(f)));
        writeFileSync(join(stageDir, 'journal.json'), JSON.stringify({ ...journal, ...made, ids, dirIds }));
        dirs.push(stageDir);
      }
      expect(await recoverStaging(site, [site], silentLogger)).toEqual([]);
      expect(readFileSync(join(site, 'keep.py'), 'utf8')).toBe('kept');
      for (const d of dirs) expect(existsSync(d)).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
