/**
 * repair.ts's owner marker: a staging directory whose owner is alive is left alone, and one whose
 * owner's pid now belongs to another process (pids wrap at 32768 on a busy Linux box within
 * minutes) is repaired — the start time in the marker tells them apart (process-start.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { processStart } from '../../src/install/process-start.js';
import { makeStagingDir, markOwner, recoverStaging, RepairError } from '../../src/install/repair.js';
import { JOURNAL } from '../../src/install/journal.js';
import { STAGING_PREFIX } from '../../src/install/transaction.js';
import { silentLogger } from '../../src/util/logger.js';

let site: string;
let other: ChildProcess | undefined;

beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'wh-repair-'));
});
afterEach(() => {
  if (other?.pid !== undefined) other.kill('SIGKILL');
  other = undefined;
  rmSync(site, { recursive: true, force: true });
});

/** A live process that is not this one (the marker of this process's own pid counts as dead). */
async function liveProcess(): Promise<number> {
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => other!.once('spawn', resolve));
  return other.pid as number;
}

/** A staging directory (no journal: it never touched the environment) with `owner` as its marker. */
function staging(owner: object): string {
  const dir = mkdtempSync(join(site, STAGING_PREFIX));
  mkdirSync(join(dir, 'f'));
  writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
  return dir;
}

const onLinux = process.platform === 'linux';

describe('the owner marker of a staging directory', () => {
  it('records the start time of the process that staged (procfs)', async () => {
    const dir = mkdtempSync(join(site, STAGING_PREFIX));
    await markOwner(dir);
    const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { start?: string };
    if (onLinux) expect(owner.start).toBe(await processStart(process.pid));
  });

  it("leaves a live owner's staging directory alone", async () => {
    const pid = await liveProcess();
    const start = await processStart(pid);
    const dir = staging({ pid, host: hostname(), ...(start !== undefined ? { start } : {}) });
    await recoverStaging(site, [site], silentLogger);
    expect(existsSync(dir)).toBe(true);
  });

  it("leaves another host's recent staging directory alone, takes it once old (review 14a, noticed)", async () => {
    // Two containers (a hostname each) installing into one bind-mounted environment: the other's
    // run cannot be asked whether it lives; its directory is taken only after a grace period.
    const recent = staging({ pid: 1234, host: `${hostname()}-other` });
    const old = staging({ pid: 1234, host: `${hostname()}-other` });
    const longAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(old, longAgo, longAgo);
    const said: string[] = [];
    await recoverStaging(site, [site], { ...silentLogger, warn: (m: string) => said.push(m) });
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(said.join('\n')).toContain(
      `leaving ${recent} alone: it belongs to wheelhouse process 1234 on host`,
    );
  });

  it("refuses to install beside another host's recent placement in progress (review 14d F2)", async () => {
    // A run killed half-way in another container, or one still placing there: it cannot be asked,
    // so nothing is installed beside it (a mixture) and it is not rolled back under a live run.
    const placing = staging({ pid: 1234, host: `${hostname()}-other` });
    writeFileSync(join(placing, JOURNAL), JSON.stringify({ version: 2, state: 'applying' }));
    const idle = staging({ pid: 1234, host: `${hostname()}-other` }); // staged, never placed
    const error = await recoverStaging(site, [site], silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepairError);
    expect((error as Error).message).toContain(
      `${placing} holds an install in progress by wheelhouse process 1234 on host`,
    );
    expect((error as Error).message).not.toContain(idle);
    expect(existsSync(placing)).toBe(true);
    expect(readFileSync(join(placing, JOURNAL), 'utf8')).toContain('applying');
  });

  it('repairs the staging directory of a dead owner whose pid another process has now', async () => {
    if (!onLinux) return; // the start time comes from procfs
    const pid = await liveProcess();
    const start = (await processStart(pid)) as string;
    expect(start).toMatch(/^\d+$/);
    // The owner started at another time: a killed run whose pid was given to `other` since.
    const dir = staging({ pid, host: hostname(), start: String(BigInt(start) + 1n) });
    await recoverStaging(site, [site], silentLogger);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a staging directory is named only once its owner marker is in it (review 1 of session 12)', () => {
  const named = (): string[] => readdirSync(site).filter((n) => n.startsWith(STAGING_PREFIX));
  const making = (): string[] => readdirSync(site).filter((n) => n.startsWith('.wheelhouse-making-'));

  it('makes it under a private name, then renames it with owner.json inside', async () => {
    const dir = await makeStagingDir(site);
    expect(named()).toEqual([basename(dir)]);
    expect(making()).toEqual([]);
    const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
  });

  it("another run's repair leaves a directory still being made alone; a dead run's is removed", async () => {
    // A live run between mkdtemp and writing its marker (its temporary owner file may be there).
    const young = mkdtempSync(join(site, '.wheelhouse-making-'));
    writeFileSync(join(young, '.owner.json.0123456789ab.tmp'), '{"pid":1');
    // A run killed just after mkdtemp, long ago; and one killed after writing its marker.
    const old = mkdtempSync(join(site, '.wheelhouse-making-'));
    const longAgo = Date.now() / 1000 - 3600;
    utimesSync(old, longAgo, longAgo);
    const dead = mkdtempSync(join(site, '.wheelhouse-making-'));
    writeFileSync(join(dead, 'owner.json'), JSON.stringify({ pid: 0, host: hostname() }));
    await recoverStaging(site, [site], silentLogger);
    expect(making()).toEqual([basename(young)]);
  });
});

describe('the owner marker across boots, and a live owner said (review 1 of session 12)', () => {
  it('records the boot id, and takes an owner recorded in another boot for dead', async () => {
    if (!onLinux) return; // the boot id comes from procfs
    const boot = `boot-id:${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
    const dir = mkdtempSync(join(site, STAGING_PREFIX));
    await markOwner(dir);
    expect((JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { boot?: string }).boot).toBe(boot);
    rmSync(dir, { recursive: true });
    const pid = await liveProcess();
    const start = (await processStart(pid)) as string;
    const otherBoot = boot.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const before = staging({ pid, host: hostname(), start, boot: otherBoot });
    const now = staging({ pid, host: hostname(), start, boot });
    await recoverStaging(site, [site], silentLogger);
    expect(existsSync(before)).toBe(false);
    expect(existsSync(now)).toBe(true);
  });

  it("warns when it leaves a live owner's staging directory alone", async () => {
    const pid = await liveProcess();
    const start = await processStart(pid);
    const dir = staging({ pid, host: hostname(), ...(start !== undefined ? { start } : {}) });
    const lines: string[] = [];
    await recoverStaging(site, [site], { ...silentLogger, warn: (m: string) => void lines.push(m) });
    expect(existsSync(dir)).toBe(true);
    expect(lines.join('\n')).toContain(`leaving ${dir} alone: it belongs to wheelhouse process ${pid}`);
  });
});
