/**
 * Placing a whole staged directory when rename(2) crosses file systems (EXDEV, injected through
 * the `rename` seam of src/install/transaction.ts): the directory is copied beside its destination
 * and the copy renamed into place. A run killed inside that fallback — stopped here at a rename,
 * its owner then marked dead — is repaired by the next run to the state before it: the copy that
 * was already renamed into place is removed (the staged original had been renamed aside first,
 * so the journal sees it placed), and a copy not renamed yet is removed too.
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
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limiter } from '../../src/install/priority-limiter.js';
import { StageLayout } from '../../src/install/stage-layout.js';
import type { StagedFile } from '../../src/install/stage-wheel.js';
import { markOwner, recoverStaging } from '../../src/install/repair.js';
import { placeStaged, STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let root: string;
let site: string;
const limit = limiter(4);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wh-exdev-'));
  site = join(root, 'lib', 'site-packages');
  mkdirSync(site, { recursive: true });
});
// A stopped placing is let fail after each test (assertions failed or not): placements run one
// at a time, so the next test could not place otherwise.
let release: (() => Promise<void>) | undefined;
afterEach(async () => {
  await release?.();
  release = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function stage(): Promise<{ stageDir: string; files: StagedFile[] }> {
  const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
  await markOwner(stageDir);
  const layout = new StageLayout(stageDir);
  const files = ['pkg/a.py', 'pkg/sub/b.py', 'pkg-1.0.dist-info/METADATA'].map((rel) => {
    const dest = join(site, ...rel.split('/'));
    return { dest, ...layout.reserve(site, dest) };
  });
  layout.makeDirs();
  return {
    stageDir,
    files: files.map(({ dest, staged, tree }) => {
      writeFileSync(staged, dest);
      return { staged, dest, metadata: dest.includes('dist-info'), ...(tree !== undefined ? { tree } : {}) };
    }),
  };
}

/**
 * Places with the `pkg` directory's rename failing with EXDEV; `stopAt(from, to)` picks the rename
 * at which the run stops (it never returns, as if the process were killed there). Answers once it
 * stopped, with a `release` that lets the stopped placing fail (so the next test can place).
 */
async function placeUntil(
  staged: { stageDir: string; files: StagedFile[] },
  stopAt: (from: string, to: string) => 'before' | 'after' | undefined,
): Promise<{ release: () => Promise<void> }> {
  const pkg = join(site, 'pkg');
  let stopped: () => void = () => {};
  const reached = new Promise<void>((resolve) => (stopped = resolve));
  let fail: (error: Error) => void = () => {};
  const never = new Promise<void>((_, reject) => (fail = reject));
  never.catch(() => undefined); // not awaited when nothing stopped
  const placing = placeStaged({
    ...staged,
    dist: 'pkg 1.0',
    remove: [],
    roots: [site, root],
    logger: silentLogger,
    limit,
    rename: async (from, to) => {
      if (to === pkg && from.startsWith(join(staged.stageDir, 't')))
        throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
      const when = stopAt(from, to);
      if (when === 'before') {
        stopped();
        return never;
      }
      await rename(from, to);
      if (when === 'after') {
        stopped();
        return never;
      }
    },
  });
  placing.catch(() => undefined);
  release = async () => {
    fail(new Error('released'));
    await placing.catch(() => undefined);
  };
  await Promise.race([reached, placing]);
  return { release };
}

/** The next run's repair, the stopped run's owner being dead. */
async function repairAfterKill(stageDir: string): Promise<string[]> {
  writeFileSync(join(stageDir, 'owner.json'), JSON.stringify({ pid: 0, host: 'elsewhere' }));
  return recoverStaging(site, [site, root], silentLogger);
}

describe('a killed EXDEV fallback of a whole-directory placement', () => {
  it('is undone by the repair when killed after the copy was renamed into place', async () => {
    const staged = await stage();
    const pkg = join(site, 'pkg');
    await placeUntil(staged, (_from, to) => (to === pkg ? 'after' : undefined));
    // Killed between the copy's rename into place and the staged original's removal.
    expect(readFileSync(join(pkg, 'sub', 'b.py'), 'utf8')).toBe(join(site, 'pkg', 'sub', 'b.py'));
    expect(await repairAfterKill(staged.stageDir)).toEqual(['pkg 1.0']);
    expect(readdirSync(site)).toEqual([]);
  });

  it('removes the copy a run killed before renaming it into place left beside the destination', async () => {
    const staged = await stage();
    const pkg = join(site, 'pkg');
    await placeUntil(staged, (_from, to) => (to === pkg ? 'before' : undefined));
    expect(readdirSync(site).filter((n) => !n.startsWith(STAGING_PREFIX))).toEqual(['.wheelhouse-exdev-pkg']);
    expect(existsSync(pkg)).toBe(false);
    expect(await repairAfterKill(staged.stageDir)).toEqual(['pkg 1.0']);
    expect(readdirSync(site)).toEqual([]);
  });

  it('places the copy and removes the staged original when nothing stops it', async () => {
    const staged = await stage();
    const run = await placeUntil(staged, () => undefined);
    await run.release();
    expect(readFileSync(join(site, 'pkg', 'a.py'), 'utf8')).toBe(join(site, 'pkg', 'a.py'));
    expect(readdirSync(site).sort()).toEqual(['pkg', 'pkg-1.0.dist-info']);
  });
});

describe('a failed placing after an EXDEV copy (this run rolls back)', () => {
  it('removes the placed copy (its own identities), keeps a file someone wrote since', async () => {
    const staged = await stage();
    const pkg = join(site, 'pkg');
    const warned: string[] = [];
    await expect(
      placeStaged({
        ...staged,
        dist: 'pkg 1.0',
        remove: [],
        roots: [site, root],
        logger: { ...silentLogger, warn: (m: string) => void warned.push(m) },
        limit,
        rename: async (from, to) => {
          if (to === pkg && from.startsWith(join(staged.stageDir, 't')))
            throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
          await rename(from, to);
        },
        afterPlace: (i) => {
          if (i === 0) {
            // pkg/ is in place (a copy): someone writes a file into it, then placing fails.
            writeFileSync(join(pkg, 'theirs.txt'), 'not the install');
            throw new Error('disk full');
          }
        },
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(site).sort()).toEqual(['pkg']);
    expect(readdirSync(pkg)).toEqual(['theirs.txt']);
    expect(warned).toEqual([]);
  });
});
