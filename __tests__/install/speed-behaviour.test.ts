/**
 * Behaviour behind the installer's speed (issue 9 §4), checked by what happened, never by timing:
 *   - `--compile` starts on a distribution as soon as it is committed: while the second of two
 *     wheels is being placed, the first one's byte code already exists; and the result is pip's
 *     (every installed `.py` compiled exactly where pip puts it, the same RECORD rows, a file that
 *     does not compile skipped) — compared with the machine's pip into a second venv;
 *   - the extraction workers hold a bounded number of bytes: the in-flight counter never passes
 *     the budget (and does count: a large budget lets it go higher), files are still right.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import {
  openInstaller,
  type InstallItem,
  type InstallerOptions,
  type VerifiedFile,
} from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { cacheFromSource } from '../../src/install/compile.js';
import { silentLogger } from '../../src/util/logger.js';
import { makeVenv, pip, pipEnv, venvPython, writeWheel } from './install-harness.js';

let work: string;
let ours: string | undefined;
let pips: string | undefined;
let interpreter: Interpreter;
let pipsInterpreter: Interpreter;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wh-speed-'));
  mkdirSync(join(work, 'wheels'));
  ours = makeVenv(join(work, 'ours'));
  pips = makeVenv(join(work, 'pips'));
  if (ours === undefined || pips === undefined) return;
  interpreter = await probeInterpreter(venvPython(ours), { env: pipEnv() });
  pipsInterpreter = await probeInterpreter(venvPython(pips), { env: pipEnv() });
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function skip(): boolean {
  if (ours !== undefined && pips !== undefined) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

function itemOf(wheel: BuiltWheel, name: string): InstallItem {
  return {
    wheelPath: writeWheel(join(work, 'wheels'), wheel),
    filename: wheel.filename,
    sha256: wheel.sha256,
    name,
    version: '1.0',
    requested: true,
  };
}

async function install(items: InstallItem[], extra: Partial<InstallerOptions>) {
  const installer = await openInstaller({ interpreter, logger: silentLogger, env: pipEnv(), ...extra });
  for (const i of items) void installer.add(i);
  const summary = await installer.finish();
  return { summary, peak: installer.peakInFlightBytes, hashed: installer.hashedWheels };
}

/** What a caller that just hashed `path` knows of it (file-stamps.ts `hashedThisRun`). */
function identityOf(path: string, sha256: string): VerifiedFile {
  const st = statSync(path, { bigint: true });
  return {
    sha256,
    dev: String(st.dev),
    ino: String(st.ino),
    size: String(st.size),
    mtimeNs: String(st.mtimeNs),
    ctimeNs: String(st.ctimeNs),
  };
}

/** Every __pycache__ file below `root`, relative to it, sorted. */
function pycs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (dir.endsWith('__pycache__')) out.push(relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

function recordRows(site: string, distInfo: string): string[] {
  return readFileSync(join(site, distInfo, 'RECORD'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .sort();
}

describe('installer speed behaviour', () => {
  it('compiles a committed distribution while the next one is still being placed, as pip would', async () => {
    if (skip()) return;
    const first = buildWheel({
      name: 'mu',
      version: '1.0',
      files: [
        { path: 'mu/a.py', text: 'A = 1\n' },
        { path: 'mu/deep/b.py', text: 'def b():\n    return 2\n' },
        { path: 'mu/py2only.py', text: 'print "python 2"\n' }, // does not compile: skipped, as pip does
      ],
    });
    const second = buildWheel({
      name: 'nu',
      version: '1.0',
      files: Array.from({ length: 12 }, (_, i) => ({ path: `nu/m${i}.py`, text: `X = ${i}\n` })),
    });
    const site = interpreter.paths.purelib;
    const firstPyc = cacheFromSource(join(site, 'mu', 'a.py'), interpreter.cacheTag!, interpreter.optimize);
    let sawOverlap = false;
    const { summary } = await install([itemOf(first, 'mu'), itemOf(second, 'nu')], {
      compile: true,
      concurrency: 1,
      afterPlace: async (dist, index) => {
        if (dist !== 'nu' || index !== 0) return;
        // Bounded wait for mu's byte code while nu is mid-placement (the compile processes start
        // with mu's commit; without the overlap this never happens before nu is done).
        for (let i = 0; i < 600 && !existsSync(firstPyc); i++) await new Promise((r) => setTimeout(r, 50));
        sawOverlap = existsSync(firstPyc);
      },
    });
    expect(sawOverlap).toBe(true);
    expect(summary.compiledFiles).toBe(3 + 13); // mu: __init__, a, deep/b; nu: __init__ + 12

    pip(pips!, [
      'install',
      '--no-index',
      '--no-deps',
      join(work, 'wheels', first.filename),
      join(work, 'wheels', second.filename),
    ]);
    const pipsSite = pipsInterpreter.paths.purelib;
    for (const pkg of ['mu', 'nu']) expect(pycs(join(site, pkg))).toEqual(pycs(join(pipsSite, pkg)));
    expect(pycs(join(site, 'mu'))).toHaveLength(3);
    for (const distInfo of ['mu-1.0.dist-info', 'nu-1.0.dist-info']) {
      // INSTALLER differs by design; pip adds direct_url.json because it was given wheel files.
      const strip = (rows: string[]) => rows.filter((r) => !/^[^/]+\/(INSTALLER|direct_url\.json),/.test(r));
      expect(strip(recordRows(site, distInfo))).toEqual(strip(recordRows(pipsSite, distInfo)));
    }
  }, 180_000);

  it('keeps the bytes its workers hold within the budget, and the files are right', async () => {
    if (skip()) return;
    // Incompressible members of 256 KiB (counted as compressed + inflated) and one 6 MiB member
    // that is streamed.
    const files = [
      ...Array.from({ length: 40 }, (_, i) => ({ path: `xi/blob${i}.bin`, size: 256 * 1024 })),
      { path: 'xi/big.bin', size: 6 * 1024 * 1024 },
    ];
    const small = buildWheel({ name: 'xi', version: '1.0', files });
    const budget = 2 * 1024 * 1024;
    const tight = await install([itemOf(small, 'xi')], { inFlightBytes: budget, workers: 2 });
    expect(tight.summary.installed).toEqual([{ name: 'xi', version: '1.0' }]);
    expect(tight.peak).toBeGreaterThan(0);
    expect(tight.peak).toBeLessThanOrEqual(budget);

    const roomy = await install([itemOf(small, 'xi')], {
      inFlightBytes: 1024 * 1024 * 1024,
      workers: 2,
      reinstall: true,
    });
    expect(roomy.peak).toBeGreaterThan(budget);
    // Every installed file has the hash and size its RECORD row names.
    const site = interpreter.paths.purelib;
    const rows = recordRows(site, 'xi-1.0.dist-info').filter((r) => r.startsWith('xi/'));
    expect(rows).toHaveLength(42);
    for (const row of rows) {
      const [path, hash, size] = row.split(',');
      const bytes = readFileSync(join(site, path!));
      expect(`sha256=${createHash('sha256').update(bytes).digest('base64url')},${bytes.length}`).toBe(
        `${hash},${size}`,
      );
    }
  }, 180_000);

  it('does not hash a wheel again that this process hashed while the open file is unchanged; a rewritten one is hashed and refused', async () => {
    if (skip()) return;
    const site = interpreter.paths.purelib;
    const good = buildWheel({
      name: 'vouch',
      version: '1.0',
      files: [{ path: 'vouch/core.py', text: 'GOOD = 1\n' }],
    });
    const item = itemOf(good, 'vouch');
    const trusted = await install([{ ...item, verified: identityOf(item.wheelPath, good.sha256) }], {});
    expect(trusted.hashed).toBe(0);
    expect(readFileSync(join(site, 'vouch', 'core.py'), 'utf8')).toBe('GOOD = 1\n');

    // Stamped, then rewritten in place with other bytes of the same size class: ctime moved.
    const evil = buildWheel({
      name: 'vouched',
      version: '1.0',
      files: [{ path: 'vouched/core.py', text: 'EVIL = 1\n' }],
    });
    const target = itemOf(
      buildWheel({
        name: 'vouched',
        version: '1.0',
        files: [{ path: 'vouched/core.py', text: 'GOOD = 2\n' }],
      }),
      'vouched',
    );
    const stamp = identityOf(target.wheelPath, target.sha256);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(target.wheelPath, evil.bytes, { flag: 'r+' });
    let error: unknown;
    try {
      await install([{ ...target, verified: stamp }], {});
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(
      /sha256 [0-9a-f]{64} differs from the resolution's [0-9a-f]{64}; not installed/,
    );
    expect(existsSync(join(site, 'vouched'))).toBe(false);

    // A vouched hash that is not the pinned one vouches for nothing: hashed, and installed when right.
    const other = buildWheel({ name: 'vouchee', version: '1.0' });
    const otherItem = itemOf(other, 'vouchee');
    const mismatched = await install(
      [
        {
          ...otherItem,
          verified: { ...identityOf(otherItem.wheelPath, other.sha256), sha256: '0'.repeat(64) },
        },
      ],
      {},
    );
    expect(mismatched.hashed).toBe(1);
    expect(mismatched.summary.installed).toEqual([{ name: 'vouchee', version: '1.0' }]);
  });
});

describe('installer after the run failed', () => {
  it('hashes and stages nothing more once placeAfter rejected: every wheel not yet staged is refused at once', async () => {
    if (skip()) return;
    const failed = Promise.reject(new Error('a download failed'));
    failed.catch(() => undefined);
    const items = ['late1', 'late2', 'late3'].map((n) =>
      itemOf(
        buildWheel({ name: n, version: '1.0', files: [{ path: `${n}/__init__.py`, text: 'X = 1\n' }] }),
        n,
      ),
    );
    const installer = await openInstaller({
      interpreter,
      logger: silentLogger,
      env: pipEnv(),
      concurrency: 1,
      placeAfter: failed,
    });
    for (const i of items) void installer.add(i);
    await expect(installer.finish()).rejects.toThrow(
      'not installed: the run failed before every wheel was verified',
    );
    // Not one was hashed (their bytes were never read), and nothing was staged or placed.
    expect(installer.hashedWheels).toBe(0);
    const site = interpreter.paths.purelib;
    expect(
      readdirSync(site).filter((n) => n.startsWith('late') || n.startsWith('.wheelhouse-staging-')),
    ).toEqual([]);
  });
});

describe('installer memory bound: large wheels', () => {
  // A large wheel (many members) leaves its per-member state dead in the main heap once placed;
  // the installer then has it collected, so V8 does not keep the heap sized for it (docs/
  // benchmarks.md, Install, session 7: the real-ml peak RSS).
  const wheelOf = (name: string, members: number): InstallItem =>
    itemOf(
      buildWheel({
        name,
        version: '1.0',
        files: Array.from({ length: members }, (_, i) => ({ path: `${name}/m${i}.py`, text: `X = ${i}\n` })),
      }),
      name,
    );

  it('installs one large wheel at a time and collects once after each is placed, never for a small one', async () => {
    if (skip()) return;
    const large = ['bigone', 'bigtwo', 'bigthree'];
    const small = ['tinyone', 'tinytwo'];
    const items = [...large.map((n) => wheelOf(n, 40)), ...small.map((n) => wheelOf(n, 5))];
    const site = interpreter.paths.purelib;
    // At each call, how many of the large wheels are already installed.
    const placedAtCall: number[] = [];
    const installer = await openInstaller({
      interpreter,
      logger: silentLogger,
      env: pipEnv(),
      concurrency: 4,
      largeWheelMembers: 40, // the large ones have 40 members and their .dist-info files
      afterLargeWheel: () =>
        placedAtCall.push(large.filter((n) => existsSync(join(site, `${n}-1.0.dist-info`, 'RECORD'))).length),
      reinstall: true,
    });
    for (const i of items) void installer.add(i);
    const summary = await installer.finish();
    expect(summary.installed.map((d) => d.name).sort()).toEqual([...large, ...small].sort());
    // One large wheel at a time, from planning to placed: at the i-th collection exactly i + 1 are
    // placed (the next one has not started), and never two were in progress at once.
    expect(placedAtCall).toEqual([1, 2, 3]);
    expect(installer.peakLargeWheels).toBe(1);
    for (const n of large) {
      expect(recordRows(site, `${n}-1.0.dist-info`).filter((r) => r.startsWith(`${n}/`))).toHaveLength(41); // and its __init__.py
      expect(readFileSync(join(site, n, 'm39.py'), 'utf8')).toBe('X = 39\n');
    }
  }, 180_000);

  it('keeps no archive open while a large wheel waits for its turn', async () => {
    if (skip() || !existsSync('/proc/self/fd')) return;
    const large = ['gateone', 'gatetwo', 'gatethree', 'gatefour'];
    // Wheel files this process holds open, seen through /proc (Linux).
    const openWheels = (): number =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).endsWith('.whl');
        } catch {
          return false;
        }
      }).length;
    const openAtCall: number[] = [];
    const installer = await openInstaller({
      interpreter,
      logger: silentLogger,
      env: pipEnv(),
      concurrency: 1,
      largeWheelMembers: 40,
      afterLargeWheel: () => openAtCall.push(openWheels()),
      reinstall: true,
    });
    for (const n of large) void installer.add(wheelOf(n, 40));
    const summary = await installer.finish();
    expect(summary.installed.map((d) => d.name).sort()).toEqual([...large].sort());
    // When a large wheel is done its own archive is closed, and the ones waiting for the gate hold
    // none (with them open, each waiting wheel's central directory would be alive: 3, 2, 1, 0).
    expect(openAtCall).toEqual([0, 0, 0, 0]);
  }, 120_000);

  it('places a staged wheel in its own slot once placeAfter has settled (no wait behind wheels staging)', async () => {
    if (skip()) return;
    // One slot: given away after staging and asked for again, the first wheel was placed only
    // after every wheel queued behind it had staged ("staged a, staged b, …, installed a").
    const events: string[] = [];
    const logger = {
      ...silentLogger,
      debug: (line: string) => {
        const m = /^(staged|installed) (\S+) /.exec(line);
        if (m !== null) events.push(`${m[1]} ${m[2]}`);
      },
    };
    const installer = await openInstaller({
      interpreter,
      logger,
      env: pipEnv(),
      concurrency: 1,
      placeAfter: Promise.resolve(),
      reinstall: true,
    });
    const names = ['slotone', 'slottwo', 'slotthree'];
    for (const n of names) void installer.add(wheelOf(n, 5));
    await installer.finish();
    expect(events).toEqual(names.flatMap((n) => [`staged ${n}`, `installed ${n}`]));
  }, 60_000);

  it('lets the next large wheel stage while a staged one waits for the fetch (placeAfter)', async () => {
    if (skip()) return;
    const large = ['bigfour', 'bigfive'];
    // placeAfter settles only once both large wheels are staged: with the large-wheel gate held
    // while waiting for it, the second could never stage and this test would time out.
    const staged = new Set<string>();
    let fetched!: () => void;
    const placeAfter = new Promise<void>((resolve) => (fetched = resolve));
    const logger = {
      ...silentLogger,
      debug: (line: string) => {
        const m = /^staged (\S+) /.exec(line);
        if (m !== null) staged.add(m[1] as string);
        if (large.every((n) => staged.has(n))) fetched();
      },
    };
    const installer = await openInstaller({
      interpreter,
      logger,
      env: pipEnv(),
      concurrency: 4,
      largeWheelMembers: 40,
      afterLargeWheel: () => undefined,
      placeAfter,
      reinstall: true,
    });
    for (const n of large) void installer.add(wheelOf(n, 40));
    const summary = await installer.finish();
    expect(summary.installed.map((d) => d.name).sort()).toEqual([...large].sort());
    const site = interpreter.paths.purelib;
    for (const n of large) expect(readFileSync(join(site, n, 'm39.py'), 'utf8')).toBe('X = 39\n');
  }, 60_000);
});
