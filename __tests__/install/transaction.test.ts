/**
 * transaction.ts on its own (no Python needed): a committed staging directory left for the caller
 * (`keepCommitted`, so that no inode is freed while the rest of an install is still creating
 * files) is a finished install — the next run's repair removes it and never rolls it back — while
 * an uncommitted one is still rolled back.
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
import { silentLogger } from '../../src/util/logger.js';
import {
  markOwner,
  placeStaged,
  recoverStaging,
  removeCommitted,
  STAGING_PREFIX,
} from '../../src/install/transaction.js';

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
