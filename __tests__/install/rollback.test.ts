/**
 * rollback.ts: undoing what a journal lists removes only what the interrupted install can be
 * proved to have placed (the journal's identities; a version-1 journal's mtime rule), and the byte
 * code Python made of a placed module.
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
import { dirname, join } from 'node:path';
import { limiter } from '../../src/install/priority-limiter.js';
import { silentLogger } from '../../src/util/logger.js';
import { markOwner, recoverStaging, RepairError } from '../../src/install/repair.js';
import { placeStaged, STAGING_PREFIX } from '../../src/install/transaction.js';
import { isByteCodeOf } from '../../src/install/rollback.js';

let site: string;

beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'wh-rollback-'));
});
afterEach(() => {
  rmSync(site, { recursive: true, force: true });
});

const stagingDirs = (): string[] => readdirSync(site).filter((n) => n.startsWith(STAGING_PREFIX));

describe('the repair removes only what the interrupted install placed (identities in the journal)', () => {
  /** Stages `names` under site/pkg (a tree when `tree`), places them as `dist`, "killed" after `after` units. */
  async function killedInstall(
    names: string[],
    opts: { tree: boolean; after: number; remove?: string[] },
  ): Promise<{ stageDir: string; settle: () => Promise<void> }> {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    await markOwner(stageDir);
    const tree = { staged: join(stageDir, 't', '0'), dest: site };
    const files = names.map((n, i) => {
      const staged = opts.tree ? join(tree.staged, 'pkg', n) : join(stageDir, 'f', String(i));
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, `ours ${n}`);
      return opts.tree
        ? { staged, dest: join(site, 'pkg', n), metadata: false, tree }
        : { staged, dest: join(site, 'pkg', n), metadata: false };
    });
    let placed = 0;
    let kill: (() => void) | undefined;
    let stopped!: () => void;
    const stoppedThere = new Promise<void>((resolve) => (stopped = resolve));
    const placing = placeStaged({
      stageDir,
      files,
      dist: 'pkg 2',
      remove: (opts.remove ?? []).map((r) => join(site, 'pkg', r)),
      roots: [site],
      logger: silentLogger,
      limit: limiter(1), // one unit at a time: exactly `after` are placed
      afterPlace: () => {
        if (++placed === opts.after) {
          stopped();
          return new Promise<void>((_, reject) => (kill = () => reject(new Error('killed'))));
        }
        return undefined;
      },
    }).catch(() => undefined);
    await stoppedThere;
    return { stageDir, settle: () => (kill?.(), placing) };
  }

  /** What pip does to a file it installs: unlink what is there, write a new file. */
  const rewrite = (path: string, text: string): void => {
    rmSync(path, { force: true });
    writeFileSync(path, text);
  };

  function warnings(): { logger: typeof silentLogger; lines: string[] } {
    const lines: string[] = [];
    return { logger: { ...silentLogger, warn: (m: string) => void lines.push(m) }, lines };
  }

  it('keeps a file another installer wrote at a placed path since the kill (a directory placed whole)', async () => {
    const { settle } = await killedInstall(['a.py', 'sub/b.py', 'sub/c.txt'], { tree: true, after: 1 });
    expect(readFileSync(join(site, 'pkg', 'sub', 'b.py'), 'utf8')).toBe('ours sub/b.py');
    rewrite(join(site, 'pkg', 'sub', 'b.py'), 'pip wrote this');
    // Edited in place (same inode): not the file placed either.
    writeFileSync(join(site, 'pkg', 'a.py'), 'edited by the user');
    const { logger, lines } = warnings();
    expect(await recoverStaging(site, [site], logger)).toEqual(['pkg 2']);
    expect(readFileSync(join(site, 'pkg', 'sub', 'b.py'), 'utf8')).toBe('pip wrote this');
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe('edited by the user');
    expect(existsSync(join(site, 'pkg', 'sub', 'c.txt'))).toBe(false);
    expect(lines.join('\n')).toContain(
      'kept 2 file(s) written at its destinations since the interrupted install',
    );
    expect(stagingDirs()).toEqual([]);
    await settle();
  });

  it('keeps a file another installer wrote at a placed path since the kill (files placed one by one)', async () => {
    const { settle } = await killedInstall(['a.py', 'b.py', 'c.py'], { tree: false, after: 2 });
    const placedNow = ['a.py', 'b.py', 'c.py'].filter((n) => existsSync(join(site, 'pkg', n)));
    expect(placedNow).toHaveLength(2);
    rewrite(join(site, 'pkg', placedNow[0] as string), 'pip wrote this');
    const { logger, lines } = warnings();
    expect(await recoverStaging(site, [site], logger)).toEqual(['pkg 2']);
    expect(readdirSync(join(site, 'pkg'))).toEqual([placedNow[0]]);
    expect(readFileSync(join(site, 'pkg', placedNow[0] as string), 'utf8')).toBe('pip wrote this');
    expect(lines.join('\n')).toContain(`kept 1 file(s)`);
    await settle();
  });

  it("never replaces a file written since where the replaced version's file goes back: says so and installs nothing", async () => {
    mkdirSync(join(site, 'pkg'));
    writeFileSync(join(site, 'pkg', 'a.py'), 'old a');
    writeFileSync(join(site, 'pkg', 'b.py'), 'old b');
    const { stageDir, settle } = await killedInstall(['a.py', 'b.py'], {
      tree: false,
      after: 2,
      remove: ['a.py', 'b.py'],
    });
    rewrite(join(site, 'pkg', 'a.py'), 'pip wrote this');
    const error = (await recoverStaging(site, [site], silentLogger).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RepairError);
    expect(error.message).toContain(`${join(site, 'pkg', 'a.py')} (kept as `);
    expect(error.message).toContain('something else lies there now');
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe('pip wrote this');
    expect(readFileSync(join(site, 'pkg', 'b.py'), 'utf8')).toBe('old b');
    expect(stagingDirs()).toEqual([stageDir.slice(site.length + 1)]);
    // The next run (what is in the way removed) finishes, and still never takes the file for its own.
    rmSync(join(site, 'pkg', 'a.py'));
    expect(await recoverStaging(site, [site], silentLogger)).toEqual(['pkg 2']);
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe('old a');
    expect(stagingDirs()).toEqual([]);
    await settle();
  });

  it("leaves a version-1 journal (no identities) alone, with a warning: what it lists may be anyone's (review 1 of session 12)", async () => {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    mkdirSync(join(site, 'pkg'));
    writeFileSync(join(site, 'pkg', 'theirs.py'), 'another distribution');
    writeFileSync(
      join(stageDir, 'journal.json'),
      JSON.stringify({
        version: 1,
        state: 'applying',
        dist: 'old 1',
        aside: [],
        place: [[join(stageDir, 'f', '0'), join(site, 'pkg', 'theirs.py')]],
        createdDirs: [join(site, 'pkg')],
        emptied: [],
      }),
    );
    const { logger, lines } = warnings();
    expect(await recoverStaging(site, [site], logger)).toEqual([]);
    expect(readdirSync(join(site, 'pkg'))).toEqual(['theirs.py']);
    expect(existsSync(join(stageDir, 'journal.json'))).toBe(true);
    expect(lines.join('\n')).toContain('version-1 journal');
  });

  it('a version-2 journal whose identities do not match its entries is left alone', async () => {
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    writeFileSync(join(site, 'keep.py'), 'kept');
    writeFileSync(
      join(stageDir, 'journal.json'),
      JSON.stringify({
        version: 2,
        state: 'applying',
        dist: 'x 1',
        aside: [],
        place: [[join(stageDir, 'gone'), join(site, 'keep.py')]],
        ids: [],
        dirFiles: [],
        dirIds: [],
        createdDirs: [],
        emptied: [],
      }),
    );
    expect(await recoverStaging(site, [site], silentLogger)).toEqual([]);
    expect(readFileSync(join(site, 'keep.py'), 'utf8')).toBe('kept');
    expect(existsSync(stageDir)).toBe(true);
  });
});

describe('isByteCodeOf', () => {
  it("matches Python's byte code names of that source only", () => {
    expect(isByteCodeOf('foo.bar.cpython-311.pyc', 'foo.bar')).toBe(true);
    expect(isByteCodeOf('foo.bar.cpython-311.opt-2.pyc', 'foo.bar')).toBe(true);
    expect(isByteCodeOf('foo.pypy39.pyc', 'foo')).toBe(true);
    // Another module's: foo.bar.py's byte code is not foo.py's, nor the reverse.
    expect(isByteCodeOf('foo.bar.cpython-311.pyc', 'foo')).toBe(false);
    expect(isByteCodeOf('foo.cpython-311.pyc', 'foo.bar')).toBe(false);
    expect(isByteCodeOf('foobar.cpython-311.pyc', 'foo')).toBe(false);
    expect(isByteCodeOf('foo.cpython-311.pyc.tmp', 'foo')).toBe(false);
  });
});
