/**
 * A run killed inside an EXDEV move aside (transaction.ts `move` with no `gone`: copy to
 * `.wheelhouse-exdev-<n>`, rename the copy aside, THEN unlink the original) leaves the original at
 * its path and an identical copy aside. The repair must take the original for what it is (its
 * identity was recorded in the journal's `asideIds` before the move) and drop the copy — not refuse
 * with "something else lies there now" on every later run (review 2 of session 11, #8). Anything
 * else at that path is still refused, and so is everything for a journal without `asideIds`.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { JOURNAL } from '../../src/install/journal.js';
import { limiter } from '../../src/install/priority-limiter.js';
import { markOwner, recoverStaging, RepairError } from '../../src/install/repair.js';
import { placeStaged, STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let site: string;
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'exdev-aside-kill-'));
});
afterEach(() => {
  rmSync(site, { recursive: true, force: true });
});

/**
 * Starts placing `pkg 2` over `pkg/a.py` with the original on another file system (its rename
 * fails with EXDEV) and "kills" the run right after the copy is renamed aside, before the
 * original is unlinked. Returns the staging directory and the original's path.
 */
async function killedInsideExdevAside(): Promise<{ stageDir: string; orig: string }> {
  mkdirSync(join(site, 'pkg'));
  const orig = join(site, 'pkg', 'a.py');
  writeFileSync(orig, 'old a');
  const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
  await markOwner(stageDir); // this pid: the repair treats it as dead (owner.pid === process.pid)
  mkdirSync(join(stageDir, 'f'));
  writeFileSync(join(stageDir, 'f', '0'), 'new a');
  let killed!: () => void;
  const atKill = new Promise<void>((resolve) => (killed = resolve));
  const ren = async (from: string, to: string): Promise<void> => {
    if (from === orig) throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
    await rename(from, to);
    if (basename(from).startsWith('.wheelhouse-exdev-')) {
      killed(); // the copy is aside, the original not yet unlinked: the process dies here
      await new Promise<never>(() => {});
    }
  };
  void placeStaged({
    stageDir,
    files: [{ staged: join(stageDir, 'f', '0'), dest: orig, metadata: false }],
    dist: 'pkg 2',
    remove: [orig],
    roots: [site],
    logger: silentLogger,
    limit: limiter(1),
    rename: ren,
  }).catch(() => undefined);
  await atKill;
  expect(existsSync(join(stageDir, 'o', '0'))).toBe(true); // the copy aside
  return { stageDir, orig };
}

// placeStaged runs one placement at a time (module-wide), and the killed one never ends: one kill
// per test file, its state looked at in turn — refused while something else lies at the original
// path or the journal has no `asideIds`, repaired once the original itself is back there.
describe('a run killed inside an EXDEV move aside', () => {
  it('is repaired (the original stays, its copy aside is dropped); anything else there is refused', async () => {
    const { stageDir, orig } = await killedInsideExdevAside();
    const copy = join(stageDir, 'o', '0');
    const refused = async (): Promise<void> => {
      const error = (await recoverStaging(site, [site], silentLogger).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(RepairError);
      expect(error.message).toContain('something else lies there now');
      expect(readFileSync(copy, 'utf8')).toBe('old a'); // the copy kept, and the staging directory
    };

    // Another file at the original path (a new inode, as pip writes a file): refused, as before.
    const held = join(site, 'held');
    await rename(orig, held); // rename keeps the original's identity
    writeFileSync(orig, 'old a');
    await refused();
    expect(readFileSync(orig, 'utf8')).toBe('old a');
    unlinkSync(orig);
    await rename(held, orig);

    // A journal written before `asideIds` (no identities of the originals): refused, as before.
    const journalPath = join(stageDir, JOURNAL);
    const text = readFileSync(journalPath, 'utf8');
    const journal = JSON.parse(text) as Record<string, unknown>;
    expect(journal.asideIds).toHaveLength(1);
    delete journal.asideIds;
    writeFileSync(journalPath, JSON.stringify(journal));
    await refused();
    writeFileSync(journalPath, text);

    // The original itself, never unlinked: it stays, the copy goes with the staging directory.
    const before = lstatSync(orig, { bigint: true });
    await recoverStaging(site, [site], silentLogger);
    expect(readFileSync(orig, 'utf8')).toBe('old a');
    expect(lstatSync(orig, { bigint: true }).ino).toBe(before.ino); // the original, not the copy
    expect(existsSync(stageDir)).toBe(false);
  });
});
