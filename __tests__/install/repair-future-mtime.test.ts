/**
 * Another host's staging directory whose change time lies in the future (src/install/repair.ts
 * FUTURE_SKEW_MS, src/install/fs-clock.ts; review 14e F6b). A live run's changes are stamped by the
 * file system's clock, so a time far ahead of it was set by hand or copied with its times: it is
 * no sign of life, and the directory is repaired instead of staying "recent" until that time has
 * passed. A time a little ahead (ordinary skew) still counts as a live run's.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSystemNow } from '../../src/install/fs-clock.js';
import { recoverStaging } from '../../src/install/repair.js';
import { STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let site: string;
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'wh-repair-future-'));
});
afterEach(() => {
  rmSync(site, { recursive: true, force: true });
});

/** Another host's staging directory (no journal), its time set `aheadS` seconds from now. */
function foreignStaging(aheadS: number): string {
  const dir = mkdtempSync(join(site, STAGING_PREFIX));
  mkdirSync(join(dir, 'f'));
  writeFileSync(join(dir, 'owner.json'), JSON.stringify({ pid: 1234, host: `${hostname()}-other` }));
  const t = Date.now() / 1000 + aheadS;
  utimesSync(dir, t, t);
  return dir;
}

describe("another host's staging directory with a time in the future", () => {
  it('hours ahead: no sign of a live run, repaired now', async () => {
    const dir = foreignStaging(3 * 3600);
    const said: string[] = [];
    await recoverStaging(site, [site], { ...silentLogger, warn: (m: string) => said.push(m) });
    expect(existsSync(dir)).toBe(false);
    expect(said.join('\n')).not.toContain('leaving');
  });

  it('a minute ahead (ordinary skew): still taken for a live run', async () => {
    const dir = foreignStaging(60);
    await recoverStaging(site, [site], silentLogger);
    expect(existsSync(dir)).toBe(true);
  });

  it("the file system's clock is read by a probe that is removed again", async () => {
    const now = await fileSystemNow(site);
    expect(Number.isFinite(now) && now > 0).toBe(true);
    expect(readdirSync(site)).toEqual([]);
  });
});
