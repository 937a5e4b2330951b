/**
 * real-containment.ts on its own: where a path lands once its directories' symlinks are followed,
 * and what happens when that cannot be told (a symlink loop, a directory we may not search): the
 * path counts as outside — left alone — instead of the raw errno failing the caller (review 1 of
 * session 10: a journal naming a path below a loop made every later install on that environment
 * fail with ELOOP).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealContainment } from '../../src/install/real-containment.js';
import { recoverStaging } from '../../src/install/repair.js';
import { STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let work: string;
let site: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-real-containment-'));
  site = join(work, 'site-packages');
  mkdirSync(site);
});
afterEach(() => {
  chmodSync(work, 0o755);
  rmSync(work, { recursive: true, force: true });
});

describe('RealContainment.inside', () => {
  it('follows symlinked directories; a path below a loop is outside, not an error', async () => {
    mkdirSync(join(site, 'real'));
    symlinkSync(join(site, 'real'), join(site, 'alias'));
    symlinkSync(work, join(site, 'up'));
    symlinkSync('loop', join(site, 'loop'));
    const c = new RealContainment([site]);
    expect(await c.inside(join(site, 'alias', 'x.py'))).toBe(true);
    expect(await c.inside(join(site, 'gone', 'deeper', 'x.py'))).toBe(true);
    expect(await c.inside(join(site, 'up', 'x.py'))).toBe(false);
    expect(await c.inside(join(site, 'loop', 'x.py'))).toBe(false);
  });

  it('a root that cannot be resolved holds nothing', async () => {
    symlinkSync('self', join(work, 'self'));
    expect(await new RealContainment([join(work, 'self')]).inside(join(work, 'self', 'x'))).toBe(false);
  });
});

describe('the repair of a killed run', () => {
  it('leaves a journal that names a path below a symlink loop alone, with a warning', async () => {
    symlinkSync('loop', join(site, 'loop'));
    const stage = join(site, `${STAGING_PREFIX}abc`);
    mkdirSync(join(stage, 'f'), { recursive: true });
    writeFileSync(join(stage, 'f', '0'), 'staged');
    writeFileSync(
      join(stage, 'journal.json'),
      JSON.stringify({
        version: 2,
        state: 'applying',
        dist: 'x 1',
        aside: [],
        place: [[join(stage, 'f', '0'), join(site, 'loop', 'x.py')]],
        ids: ['none'],
        dirIds: [],
        createdDirs: [],
        emptied: [],
      }),
    );
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    expect(await recoverStaging(site, [site], logger)).toEqual([]);
    expect(warnings.join('\n')).toContain('outside the environment');
  });
});
