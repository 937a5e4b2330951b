/**
 * The native wheel installer (issue 9 §2–§4). `openInstaller` checks the target (PEP 668, writable
 * scheme directories), repairs what a killed earlier run left, and reads what is installed — all
 * before changing anything. `add` starts installing one verified wheel at once (bounded concurrency
 * across wheels, and across the members of each wheel), so installing overlaps downloading;
 * `finish` waits for every wheel, byte-compiles when asked, and answers what happened. With
 * `placeAfter` (the install flow: the fetch succeeded), staged wheels are placed only after it.
 *
 * Per wheel: the sha256 of the whole file is checked again against the resolution (unless the
 * caller hashed these very bytes in this process and the open descriptor proves the file is
 * unchanged since: `InstallItem.verified`); the same
 * version already installed is left alone (unless `reinstall`); otherwise the wheel is planned
 * (wheel-plan.ts), staged (stage-wheel.ts) in a `.wheelhouse-staging-*` directory inside
 * site-packages — the same file system, so placing is renames — and placed by a journaled
 * transaction (transaction.ts) that first moves the replaced version's RECORD files aside (pip's
 * uninstall semantics) and restores them on failure.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIdentity } from '../cache/file-stamps.js';
import { normalizeName } from '../standards/names.js';
import { Version } from '../standards/version.js';
import { collectGarbage } from '../util/collect-garbage.js';
import { fileSha256 } from '../util/file-sha256.js';
import { compileDist, startCompiler, uncompiledDist, type Compiler } from './compile.js';
import { ExtractPool } from './extract-pool.js';
import { checkInstallTarget } from './install-target.js';
import type {
  InstallItem,
  Installer,
  InstallerOptions,
  InstallSummary,
  VerifiedFile,
} from './installer-api.js';
import { readInstalledDists, recordedFiles, removalRoots, type InstalledDist } from './installed-dists.js';
import { stageWheel } from './stage-wheel.js';
import { makeStagingDir, recoverStaging } from './repair.js';
import { heldForRepair, placeStaged, removeCommitted, STAGING_PREFIX } from './transaction.js';
import { contentUnchanged, wheelSha256 } from './wheel-file-check.js';
import type { WheelArchive } from './wheel-archive.js';
import { asWheelError } from './wheel-install-error.js';
import { planWheel, WheelInstallError, type WheelPlan } from './wheel-plan.js';
import { openVerifiedWheel } from './verified-wheel.js';
import { distLanes, type Lane } from './dist-lanes.js';
import { limiter, priorityLimiter } from './priority-limiter.js';
import { workerDigester } from './worker-digest.js';

export type {
  InstallItem,
  Installer,
  InstallerOptions,
  InstallSummary,
  VerifiedFile,
} from './installer-api.js';
export { InstallTargetError } from './install-target.js';
export { WheelInstallError } from './wheel-plan.js';

function sameVersion(a: string, b: string): boolean {
  const va = Version.tryParse(a);
  const vb = Version.tryParse(b);
  return va !== null && vb !== null ? va.equals(vb) : a === b;
}

export async function openInstaller(opts: InstallerOptions): Promise<Installer> {
  const { interpreter, logger } = opts;
  const env = opts.env ?? process.env;
  const target = await checkInstallTarget(interpreter, opts.breakSystemPackages === true);
  const { umask } = target;
  const caseInsensitive = opts.caseInsensitive ?? target.caseInsensitive;
  const { purelib, platlib, scripts, data, include } = interpreter.paths;
  const roots = [...new Set([purelib, platlib, scripts, data, include, interpreter.prefix])];
  const ownedWithin = removalRoots(interpreter, roots);
  for (const dir of new Set([purelib, platlib])) await recoverStaging(dir, roots, logger);
  const installedDists = await readInstalledDists([purelib, platlib]);
  // Staging happens inside purelib: the cache serves only when it can hard-link into it (the
  // probe's name is a staging name, so recoverStaging removes it should this run be killed).
  const unpacked =
    opts.unpackedCache !== undefined &&
    (await opts.unpackedCache.usableFor(join(purelib, `${STAGING_PREFIX}link-probe-`)))
      ? opts.unpackedCache
      : undefined;

  const inLane = distLanes(Math.max(1, opts.concurrency ?? 4));
  const pool = opts.workers === 0 ? undefined : new ExtractPool(opts.workers, opts.inFlightBytes);
  const fileLimit = limiter(Math.max(1, opts.fileConcurrency ?? 16));
  const largeMembers = opts.largeWheelMembers ?? 8192;
  // One large wheel from planning to placed at a time: its per-member state (tens of MB) is dead
  // before the next one's is made (docs/benchmarks.md, Install, session 8).
  const largeGate = priorityLimiter(1); // first come, first served (one priority)
  let largeNow = 0;
  let peakLarge = 0;
  const afterLargeWheel = opts.afterLargeWheel ?? collectGarbage;
  const summary: InstallSummary = { installed: [], unchanged: [], replaced: [], compiledFiles: 0 };
  const pending: Promise<void>[] = [];
  const seen = new Set<string>();
  // --compile: a dist's files are compiled as soon as it is committed (compile.ts).
  const compiler: Compiler | undefined = opts.compile
    ? startCompiler(interpreter, env, opts.compileProcesses)
    : undefined;
  const compiling: Promise<number>[] = [];
  // Committed staging directories, removed once the install is done (transaction.ts keepCommitted).
  const committed: string[] = [];
  let finished = false;
  let hashedWheels = 0;
  // Once the run has failed (placeAfter rejected), a wheel not staged yet is not even hashed or
  // staged: the error reaches the user without first writing and discarding the rest.
  let abandoned = false;
  // Whether placeAfter has settled (fulfilled): until then a staged large wheel waits without the
  // large-wheel gate, so that staging goes on while downloads do.
  let placeable = opts.placeAfter === undefined;
  opts.placeAfter?.then(
    () => {
      placeable = true;
    },
    () => {
      abandoned = true;
    },
  );
  const notInstalled = (filename: string): WheelInstallError =>
    new WheelInstallError(filename, 'not installed: the run failed before every wheel was verified');

  const installOne = async (item: InstallItem, lane: Lane): Promise<void> => {
    const distLimit = lane.limit;
    const name = normalizeName(item.name);
    const existing: InstalledDist | undefined = installedDists.get(name);
    if (existing !== undefined && !opts.reinstall && sameVersion(existing.version, item.version)) {
      summary.unchanged.push({ name: item.name, version: existing.version });
      // --compile: what a run killed while compiling it (or one without --compile) left
      // uncompiled is compiled now — once the fetch succeeded, like any other change.
      if (compiler !== undefined) {
        const done = (async () => {
          if (
            opts.placeAfter !== undefined &&
            !(await opts.placeAfter.then(
              () => true,
              () => false,
            ))
          )
            return 0;
          const owed = await uncompiledDist(existing, ownedWithin, interpreter);
          return owed === undefined ? 0 : compileDist(compiler, owed);
        })();
        done.catch(() => {}); // reported by finish()
        compiling.push(done);
      }
      return;
    }
    if (abandoned) throw notInstalled(item.filename);
    const pinned = item.sha256.toLowerCase();
    const legacy = (): void => {
      // An .egg-info directory is replaced as pip does; a distutils one is refused as pip does.
      if (existing?.unremovable !== undefined)
        throw new WheelInstallError(item.filename, existing.unremovable);
    };
    const vouched = item.verified !== undefined && item.verified.sha256.toLowerCase() === pinned;
    const wheel = { wheelPath: item.wheelPath, filename: item.filename, sha256: item.sha256 };
    const hashThrough = async (path: string, fd: number): Promise<string> => {
      hashedWheels++;
      return pool !== undefined ? pool.sha256(path, fd) : (await wheelSha256(path, fd)).sha256;
    };
    const openVerified = (trusted: FileIdentity | undefined) =>
      openVerifiedWheel(wheel, trusted, hashThrough);
    // The bytes this process hashed are trusted only while the descriptor is exactly that file.
    const opened = await openVerified(vouched ? (item.verified as VerifiedFile) : undefined);
    let archive: WheelArchive | undefined = opened.archive;
    let trusted = opened.trusted;
    try {
      legacy();
    } catch (error) {
      await archive.close();
      throw error;
    }
    const large = archive.entries.length >= largeMembers;
    let stageDir: string | undefined;
    let archiveOpen = true;
    let releaseLarge: (() => void) | undefined;
    const leaveLarge = (): void => {
      if (releaseLarge === undefined) return;
      largeNow--;
      releaseLarge();
      releaseLarge = undefined;
    };
    try {
      if (large) {
        // Waiting for the gate with the archive open would keep every waiting large wheel's central
        // directory (the per-member state the gate limits) alive at once: closed while it waits,
        // opened again after — and it must still be the file that was hashed or vouched for.
        archiveOpen = false;
        await archive.close();
        archive = undefined; // and not referenced while waiting (its entries would stay alive)
        releaseLarge = await distLimit.outside(lane.priority(sizeOf(item)), largeGate.hold(0));
        peakLarge = Math.max(peakLarge, ++largeNow);
        // Compared with the identity hashed (or vouched for), not with the first descriptor's now.
        ({ archive, trusted } = await openVerified(trusted));
        archiveOpen = true;
      }
      // Dropped once staged (below), with the archive's directory: a staged wheel waiting for the
      // fetch keeps only what placing needs (an async function keeps its dead locals across await)
      // while the next large wheel stages.
      let plan: WheelPlan | undefined = await planWheel(archive, item.filename);
      if (plan.name !== name || !sameVersion(plan.version, item.version)) {
        throw new WheelInstallError(
          item.filename,
          `the wheel is ${plan.name} ${plan.version}, the resolution says ${item.name} ${item.version}`,
        );
      }
      if (abandoned) throw notInstalled(item.filename);
      // Every member was read through the hashed descriptor, but a write in place (O_TRUNC on the
      // same path) changes that inode's bytes: once staged (and before an unpacked-cache entry is
      // published) its content must still be the one hashed — same inode, size and mtime (review
      // 14a F3; as local-copy.ts checks a find-links copy after copying). Links and unlinks of its
      // names move only the ctime (review 14e F1). Not hashed again: bytes written and put back
      // would hash right although other bytes were staged (review 14d F1).
      const readFrom = archive;
      const hashedAs = trusted;
      const unchanged = async (): Promise<void> => {
        if (await contentUnchanged(readFrom.fd, hashedAs)) return;
        throw new WheelInstallError(
          item.filename,
          'the file changed after its hash was checked; not installed',
        );
      };
      stageDir = await makeStagingDir(purelib);
      const staged = await stageWheel(archive, plan, item.filename, stageDir, {
        interpreter,
        umask,
        limit: fileLimit,
        env,
        requested: item.requested,
        ...(item.directUrl !== undefined ? { directUrl: item.directUrl } : {}),
        headersName: item.requirementName ?? name,
        // The small-first lane's wheels: their few batches go before the large wheels' queued ones.
        ...(pool !== undefined ? { pool: lane.smallFirst ? pool.ahead() : pool } : {}),
        ...(unpacked !== undefined ? { unpacked: { cache: unpacked, wheelSha256: pinned, unchanged } } : {}),
        ...(opts.launchers !== undefined ? { launchers: opts.launchers } : {}),
        ...(caseInsensitive ? { caseInsensitive } : {}),
      });
      plan = undefined;
      await unchanged();
      let remove: string[] = [];
      if (existing !== undefined) {
        const owned = await recordedFiles(existing, ownedWithin, interpreter.cacheTag);
        for (const r of owned.refused)
          logger.warn(`${existing.name}: not removing ${r}: outside the environment`);
        remove = owned.files;
      }
      if (opts.placeAfter !== undefined) {
        logger.debug(`staged ${item.name} ${item.version} (${staged.files.length} files)`);
        archiveOpen = false; // not needed to place: no descriptor held while waiting
        await archive.close();
        archive = undefined;
        if (abandoned) throw notInstalled(item.filename);
        // Once the fetch has succeeded, placing goes on in this slot: giving it away and waiting
        // for one again left staged wheels unplaced behind the four wheels staging meanwhile.
        if (!placeable) {
          leaveLarge(); // the next large wheel stages while this one waits for the fetch
          try {
            // Placing goes before staging more (Infinity): it finishes what is staged.
            await distLimit.outside(Number.POSITIVE_INFINITY, opts.placeAfter);
          } catch {
            throw notInstalled(item.filename);
          }
        }
      }
      await placeStaged({
        stageDir,
        dist: `${item.name} ${item.version}`,
        files: staged.files,
        remove,
        roots,
        logger,
        limit: fileLimit,
        ...(opts.afterPlace ? { afterPlace: (i: number) => opts.afterPlace?.(name, i) } : {}),
        keepCommitted: true,
      });
      committed.push(stageDir);
      stageDir = undefined; // committed: removed by finish()
      installedDists.set(name, {
        name,
        version: item.version,
        metadataDir: staged.distInfoDest,
        kind: 'dist-info',
      });
      if (existing !== undefined && !sameVersion(existing.version, item.version)) {
        summary.replaced.push({ name: item.name, from: existing.version, to: item.version });
      } else summary.installed.push({ name: item.name, version: item.version });
      if (compiler !== undefined) {
        const done = compileDist(compiler, staged);
        done.catch(() => {}); // reported by finish()
        compiling.push(done);
      }
      logger.debug(`installed ${item.name} ${item.version} (${staged.files.length} files)`);
    } catch (error) {
      throw asWheelError(item.filename, error);
    } finally {
      if (archiveOpen) await archive?.close();
      // A journal there means placing failed and so did its rollback: the directory (journal and the
      // replaced version's moved-aside files) is what the next run repairs from (transaction.ts).
      if (stageDir !== undefined && !(await heldForRepair(stageDir)))
        await rm(stageDir, { recursive: true, force: true });
      if (large) afterLargeWheel();
      leaveLarge();
    }
  };

  return {
    interpreter,
    get peakInFlightBytes() {
      return pool?.peakInFlightBytes ?? 0;
    },
    get hashedWheels() {
      return hashedWheels;
    },
    get peakLargeWheels() {
      return peakLarge;
    },
    hashFile: pool !== undefined ? workerDigester(pool) : fileSha256,
    add(item) {
      if (finished) return Promise.reject(new Error('internal error: add() after finish()'));
      const name = normalizeName(item.name);
      let run: Promise<void>;
      if (seen.has(name)) {
        run = Promise.reject(
          new WheelInstallError(item.filename, `${item.name} was already added to this install`),
        );
      } else {
        seen.add(name);
        run = inLane(sizeOf(item), (lane) => installOne(item, lane));
      }
      run.catch(() => {}); // reported by finish(); callers need not await add()
      pending.push(run);
      return run;
    },
    async finish() {
      finished = true;
      const results = await Promise.allSettled(pending);
      await pool?.close();
      const compiled = await Promise.allSettled(compiling);
      await compiler?.close();
      await removeCommitted(committed.splice(0));
      const failure = [...results, ...compiled].find(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (failure !== undefined) throw failure.reason;
      for (const r of compiled) if (r.status === 'fulfilled') summary.compiledFiles += r.value;
      const byName = (a: { name: string }, b: { name: string }): number =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      summary.installed.sort(byName);
      summary.unchanged.sort(byName);
      summary.replaced.sort(byName);
      return summary;
    },
  };
}

/** The size the caller's stamp gives, when it has one: the order of the lanes (dist-lanes.ts). */
function sizeOf(item: InstallItem): number {
  const size = Number(item.verified?.size ?? 0);
  return Number.isFinite(size) ? size : 0;
}
