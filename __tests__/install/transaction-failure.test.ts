/**
 * transaction.ts when one rename of many fails (EACCES on one directory; EPERM/EBUSY on Windows
 * for a loaded .pyd): the other runners stop taking renames and finish the ones under way before
 * the rollback starts, so the previous version comes back whole, nothing of the new one stays, and
 * the error is the rename's (review 1 of session 12, finding 2). The renames are real; the seam
 * only fails one and makes the others end at different moments, as on a loaded disk.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
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
import { recoverStaging } from '../../src/install/repair.js';
import { placeStaged, STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

const root = mkdtempSync(join(tmpdir(), 'wh-transaction-failure-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILES = 400;

/** Resolves after `ms` milliseconds: renames that end at different moments, as on a loaded disk. */
function slow(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function refused(code: string): Error {
  return Object.assign(new Error(`${code}: refused by the test`), { code });
}

function stagingDirs(site: string): string[] {
  return readdirSync(site).filter((n) => n.startsWith(STAGING_PREFIX));
}

describe('a rename failing among many', () => {
  it("restores every file of the replaced version when moving one aside fails, also after the next run's repair", async () => {
    const site = join(root, 'aside');
    const pkg = join(site, 'pkg');
    mkdirSync(pkg, { recursive: true });
    const old = Array.from({ length: FILES }, (_, i) => join(pkg, `old${i}.py`));
    for (const [i, p] of old.entries()) writeFileSync(p, `old ${i}\n`);
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    mkdirSync(join(stageDir, 'f'));
    writeFileSync(join(stageDir, 'f', '0'), 'new\n');
    const slowOrFail = async (from: string, to: string): Promise<void> => {
      const k = old.indexOf(from);
      if (k === 0) throw refused('EACCES');
      if (k > 0) await slow(k % 25);
      await rename(from, to);
    };
    await expect(
      placeStaged({
        stageDir,
        dist: 'pkg 2.0',
        files: [{ staged: join(stageDir, 'f', '0'), dest: join(pkg, 'new.py'), metadata: false }],
        remove: old,
        roots: [site],
        logger: silentLogger,
        limit: limiter(16),
        rename: slowOrFail,
      }),
    ).rejects.toMatchObject({ code: 'EACCES' });
    const missing = (): string[] => old.filter((p) => !existsSync(p));
    expect(missing()).toEqual([]);
    expect(stagingDirs(site)).toEqual([]);
    await recoverStaging(site, [site], silentLogger);
    expect(missing()).toEqual([]);
    expect(readFileSync(old[FILES - 1] as string, 'utf8')).toBe(`old ${FILES - 1}\n`);
    expect(existsSync(join(pkg, 'new.py'))).toBe(false);
  });

  it('leaves nothing of the new version placed when placing one of its files fails', async () => {
    const site = join(root, 'place');
    const pkg = join(site, 'pkg');
    mkdirSync(pkg, { recursive: true });
    const stageDir = mkdtempSync(join(site, STAGING_PREFIX));
    mkdirSync(join(stageDir, 'f'));
    const files = Array.from({ length: FILES }, (_, i) => {
      const staged = join(stageDir, 'f', String(i));
      writeFileSync(staged, `new ${i}\n`);
      return { staged, dest: join(pkg, `new${i}.py`), metadata: false };
    });
    const failFirst = async (from: string, to: string): Promise<void> => {
      if (from === files[0]?.staged) throw refused('EPERM');
      await rename(from, to);
    };
    await expect(
      placeStaged({
        stageDir,
        dist: 'pkg 1.0',
        files,
        remove: [],
        roots: [site],
        logger: silentLogger,
        limit: limiter(16),
        rename: failFirst,
      }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    expect(existsSync(pkg) ? readdirSync(pkg) : []).toEqual([]);
    expect(stagingDirs(site)).toEqual([]);
  });
});
