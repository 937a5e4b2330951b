/**
 * The next run's repair of what killed or failed runs left in site-packages (issue 9 §3): every
 * `.wheelhouse-staging-*` directory of a run that is no longer alive is rolled back by its
 * journal when uncommitted (rollback.ts `rollback`), finished when committed, and deleted; one
 * without a journal never touched the environment and is simply deleted. A journal found on disk
 * is untrusted (journal.ts `journalProblem`): one that fails its checks is left alone, with a
 * warning. The owner marker (`markOwner`, written when a staging directory is made: pid, host,
 * the process's start time and the boot id) keeps a live run's staging directories from being
 * "repaired" by another installer on this host — and no longer a dead run's whose pid another
 * process got since; one left alone as a live run's is said in a warning. Another host's run
 * cannot be asked: its directory is taken for a live run's until it has not changed for
 * FOREIGN_GRACE_MS, measured by the file system's own clock (fs-clock.ts), and a change time
 * further ahead of that clock than FUTURE_SKEW_MS is no sign of life (review 14e F6b: set by hand
 * or copied, it kept the directory "recent" until that time passed, past any grace).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { lstat, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { bootIdentity } from '../util/boot-identity.js';
import type { Logger } from '../util/logger.js';
import { readRegularFile } from '../util/read-regular-file.js';
import {
  COMMITTED,
  JOURNAL,
  JOURNAL_LIMIT,
  journalProblem,
  takeCopyIds,
  STAGING_PREFIX,
  type Journal,
} from './journal.js';
import { keptText, lexists, removeEmptyDirs, rollback } from './rollback.js';
import { processStart } from './process-start.js';
import { fileSystemNow } from './fs-clock.js';
import { discardRolledBack, discardStaging } from './transaction.js';

/** Beside the journal: who staged here (host and pid). */
const OWNER = 'owner.json';
/** `{"pid":…,"host":…}`: a host name is at most 255 bytes. */
const OWNER_LIMIT = 4096;
/** What `UnpackedCache.usableFor` links into purelib for a moment (an empty file, a random tag). */
const LINK_PROBE = new RegExp(`^${STAGING_PREFIX.replace(/[.]/g, '\\.')}link-probe-[0-9a-f]{12}$`);

/** This process's start time (process-start.ts), read once. */
let ownStart: Promise<string | undefined> | undefined;

/**
 * This boot's id where the kernel tells it (util/boot-identity.ts `boot-id:`): its boot-time
 * fallback moves with the clock, and a live run must never be taken for a dead one.
 */
async function thisBoot(): Promise<string | undefined> {
  const id = await bootIdentity();
  return id.startsWith('boot-id:') ? id : undefined;
}

/**
 * Writes the owner marker of a fresh staging directory (so a live run is never "repaired"): this
 * process's pid, host and, where procfs tells it, start time (a pid alone is reused).
 */
export async function markOwner(stageDir: string): Promise<void> {
  ownStart ??= processStart(process.pid);
  const start = await ownStart;
  const boot = await thisBoot();
  const owner = {
    pid: process.pid,
    host: hostname(),
    ...(start !== undefined ? { start } : {}),
    ...(boot !== undefined ? { boot } : {}),
  };
  await writeFileAtomic(join(stageDir, OWNER), JSON.stringify(owner));
}

/**
 * Where a staging directory is made before it gets its `.wheelhouse-staging-` name: owner.json is
 * in it by then, so another process's repair never finds a live run's staging directory without
 * an owner and deletes it as one that never touched the environment (review 1 of session 12).
 */
const MAKING_PREFIX = '.wheelhouse-making-';
/** A making directory still without an owner after this long is a killed run's. */
const MAKING_GRACE_MS = 10 * 60 * 1000;

/** Makes a staging directory in `dir` (site-packages) owned by this process. */
export async function makeStagingDir(dir: string): Promise<string> {
  const making = await mkdtemp(join(dir, MAKING_PREFIX));
  try {
    await markOwner(making);
    const stageDir = join(dir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
    await rename(making, stageDir);
    return stageDir;
  } catch (error) {
    await rm(making, { recursive: true, force: true });
    throw error;
  }
}

/** Removes a making directory a dead run left (it never held more than owner.json). */
async function discardMaking(path: string, fsNow: () => Promise<number>): Promise<void> {
  const st = await lstat(path).catch(() => undefined);
  if (st?.isDirectory() !== true || (await liveOwner(path, fsNow)) !== undefined) return;
  const owned = await lexists(join(path, OWNER));
  if (owned || Date.now() - st.mtimeMs > MAKING_GRACE_MS) await rm(path, { recursive: true, force: true });
}

/**
 * How long a staging directory whose owner ran on another host is taken for a live run's after its
 * last change. Containers get a hostname each but may share one (bind-mounted) environment: a
 * run there cannot be asked whether it lives, and taking its directory at once rolled back the
 * other container's placement in flight (review 14a, noticed). Placing renames the journal into
 * the directory at each step, so a live run keeps its mtime recent.
 */
const FOREIGN_GRACE_MS = 30 * 60 * 1000;
/**
 * How far in the future (by the file system's clock, fs-clock.ts) a change time is still taken
 * for a live run's (review 14e F6b). A live run's changes are stamped by that clock — the kernel's
 * for containers sharing a mount, the server's on NFS — so they are never ahead of it; this
 * covers coarse timestamps and file systems whose clients stamp times (a few minutes of ordinary
 * skew). A time further ahead was set by hand or copied with its times (`touch -d`, tar, a skewed
 * host's backup): it is no sign of life, else the directory would stay "recent" until that time
 * passed, past every grace. So a dead run's directory is repaired at most the grace (plus this)
 * after its last change.
 */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/**
 * Who owns `stageDir` while alive (`who`: `process N on this host, still running`; `foreign` for
 * an owner on another host, taken for alive while its directory changed recently), or undefined
 * when its owner is gone.
 */
async function liveOwner(
  stageDir: string,
  /** The file system's present (fs-clock.ts), read when first needed. */
  fsNow: () => Promise<number>,
): Promise<{ who: string; foreign: boolean } | undefined> {
  // Bounded, no symlink followed, no FIFO opened for good: what an environment holds is untrusted
  // (review 1 of session 10: a FIFO named owner.json hung every later install).
  const read = await readRegularFile(join(stageDir, OWNER), OWNER_LIMIT);
  if (!('text' in read)) return undefined;
  try {
    const owner = JSON.parse(read.text) as { pid: number; host: string; start?: unknown; boot?: unknown };
    if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return undefined;
    if (owner.host !== hostname()) {
      const now = await fsNow();
      const changed = Math.max(
        ...(await Promise.all(
          [stageDir, join(stageDir, JOURNAL)].map((p) =>
            lstat(p).then(
              // A time too far ahead is no sign of life (FUTURE_SKEW_MS).
              (st) => (st.mtimeMs - now > FUTURE_SKEW_MS ? 0 : st.mtimeMs),
              () => 0,
            ),
          ),
        )),
      );
      return now - changed < FOREIGN_GRACE_MS
        ? {
            who: `process ${owner.pid} on host ${JSON.stringify(owner.host)}, changed in the last ${FOREIGN_GRACE_MS / 60_000} minutes`,
            foreign: true,
          }
        : undefined;
    }
    if (owner.pid === process.pid) return undefined;
    // Recorded in another boot: every process of that boot is gone.
    if (typeof owner.boot === 'string') {
      const boot = await thisBoot();
      if (boot !== undefined && boot !== owner.boot) return undefined;
    }
    process.kill(owner.pid, 0);
    // The process with that pid now is the owner only if it started when the owner did (a marker
    // without a start time, or a system without procfs: the pid alone decides, as before).
    if (typeof owner.start === 'string') {
      const start = await processStart(owner.pid);
      if (start !== undefined && start !== owner.start) return undefined;
    }
    return { who: `process ${owner.pid} on this host, still running`, foreign: false };
  } catch {
    return undefined;
  }
}

/**
 * Whether `stageDir` has a journal (placing began) and no commit mark — read without trusting it
 * (a journal that cannot be read counts as placing: the safe answer for a run that cannot be asked).
 */
async function placingUncommitted(stageDir: string): Promise<boolean> {
  if (await lexists(join(stageDir, COMMITTED))) return false;
  const read = await readRegularFile(join(stageDir, JOURNAL), JOURNAL_LIMIT);
  if (!('text' in read)) return read.problem !== 'missing';
  try {
    return (JSON.parse(read.text) as Journal).state !== 'committed';
  } catch {
    return true;
  }
}

async function isCommitted(stageDir: string, journal: Journal): Promise<boolean> {
  return journal.state === 'committed' || (await lexists(join(stageDir, COMMITTED)));
}

/**
 * Repairs what earlier runs left in `dir` (a site-packages directory): rolls back every
 * uncommitted journal, finishes committed ones, deletes staging directories that never got a
 * journal. Staging directories of a live wheelhouse process on this host are left alone.
 * Answers the names of the distributions rolled back.
 */
export async function recoverStaging(
  dir: string,
  roots: readonly string[],
  logger: Logger,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const repaired: string[] = [];
  const stuck: string[] = [];
  let clock: Promise<number> | undefined;
  const now = () => (clock ??= fileSystemNow(dir));
  for (const name of names) {
    if (name.startsWith(MAKING_PREFIX)) await discardMaking(join(dir, name), now);
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const stageDir = join(dir, name);
    // Only a real directory (a symlink of that name is not followed into somewhere else).
    const st = await lstat(stageDir).catch(() => undefined);
    if (st?.isDirectory() !== true) {
      // The unpacked-wheel cache's link probe of a run killed in that moment (an empty file).
      if (st?.isFile() === true && st.size === 0 && LINK_PROBE.test(name))
        await rm(stageDir, { force: true });
      continue;
    }
    const owner = await liveOwner(stageDir, now);
    if (owner !== undefined) {
      if (owner.foreign && (await placingUncommitted(stageDir))) {
        // Another host's run cannot be asked whether it lives: placing beside a placement that may
        // have been killed half-way would mix the two, and rolling it back could undo a live one
        // (review 14d F2). Nothing is installed until it is committed, or gone stale.
        stuck.push(
          `${stageDir} holds an install in progress by wheelhouse ${owner.who}; wait for it to finish, or — if that run is gone — run again once it has not changed for ${FOREIGN_GRACE_MS / 60_000} minutes: then it is rolled back (do not remove the directory: its journal is the only record of what that run already placed)`,
        );
        continue;
      }
      // Said, not silent: should the check ever take a dead run's directory for a live one, the
      // user learns where the interrupted install's files are (review 1 of session 12).
      logger.warn(`leaving ${stageDir} alone: it belongs to wheelhouse ${owner.who}`);
      continue;
    }
    let journal: Journal | undefined;
    const read = await readRegularFile(join(stageDir, JOURNAL), JOURNAL_LIMIT);
    if ('text' in read) {
      try {
        journal = JSON.parse(read.text) as Journal;
      } catch {
        journal = undefined; // cut short while written (writeFileAtomic makes that unlikely): never acted on
      }
    }
    const problem =
      'text' in read
        ? journal === undefined
          ? 'is not valid JSON'
          : await journalProblem(journal, stageDir, roots)
        : read.problem === 'missing'
          ? undefined
          : `is ${read.problem}`;
    if (problem !== undefined) {
      logger.warn(
        `leaving ${stageDir} alone: its ${JOURNAL} ${problem} — not written by wheelhouse as it is; look at it and remove it by hand`,
      );
      continue;
    }
    if (journal !== undefined && !(await isCommitted(stageDir, journal))) {
      logger.warn(`repairing an interrupted install of ${journal.dist}: restoring the previous state`);
      try {
        // Version 2 only (journalProblem): what it placed is told by identities, not by mtimes.
        await takeCopyIds(journal, stageDir);
        const { kept } = await rollback(journal, roots);
        if (kept.length > 0) logger.warn(`repairing ${journal.dist}: ${keptText(kept)}`);
      } catch (error) {
        // Kept for the next run and the user, and nothing else is installed meanwhile: a later
        // install's files at this journal's destinations would look like ours to the next repair
        // (review 4 of session 10). The other repairs go on first.
        stuck.push(
          `could not finish repairing ${journal.dist} from ${stageDir}: ${(error as Error).message}`,
        );
        continue;
      }
      repaired.push(journal.dist);
      await discardRolledBack(stageDir);
      continue;
    } else if (journal !== undefined) {
      await removeEmptyDirs(journal.emptied, roots);
    }
    await discardStaging(stageDir);
  }
  if (stuck.length > 0) throw new RepairError(stuck);
  return repaired;
}

/** Interrupted installs that could not be undone: nothing is installed until they are. */
export class RepairError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `${problems.join('\n')}\nnothing was installed: the environment is left as it is until that is resolved`,
    );
  }
}
