/**
 * A lock file for a directory shared by concurrent runs (a wheelhouse, a local cache directory):
 * created atomically with its content (link(2) of a private draft), holding `{ pid, host, createdAt }`. A run that finds it held by a live run
 * waits, saying once who holds it, and gives up with LockTimeoutError after `timeoutMs`.
 *
 * Stale-lock recovery: a lock whose owner is on this host and no longer running (signal 0 to its
 * pid answers ESRCH), or whose file was not refreshed for `staleMs` (an owner on another host
 * sharing the directory; holders touch the file every `staleMs / 3`), is broken: renamed to a
 * unique name, checked to be the stale lock that was read (else put back with link(2), which
 * cannot overwrite a new owner's lock), then deleted.
 *
 * A lock path that is not a regular file (a FIFO, a symbolic link, a directory: what a cache entry
 * restored with tar can hold) is never a live run's lock — every lock is made by link(2) of a
 * regular draft —, so it is removed (its name; a directory only when empty, else an error naming
 * it) with a warning and the lock taken, instead of failing every run that restores that entry.
 *
 * Held locks are released on normal exit by their holder, and on SIGINT/SIGTERM by
 * `exitOnTerminationSignals` (the shells install it): the lock files are removed synchronously
 * and the process exits with 128 + the signal number, as a shell reports it.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, lstat, open, rename, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { describeProblem, readRegularFile, readRegularFileSync } from './read-regular-file.js';

/**
 * The most bytes of a lock file read (an owner record is ~100 bytes). Lock files sit in shared or
 * restored directories (a cache directory, a wheelhouse the Actions cache restored with tar):
 * they are read without following a link, never a FIFO, up to this (util/read-regular-file.ts).
 */
const LOCK_LIMIT = 64 * 1024;

/** Why `path` cannot be a lock file; the error that stops a run which cannot clear it. */
function notALock(path: string, why: string): LockTimeoutError {
  return new LockTimeoutError(
    `${path} is not a lock file wheelhouse wrote (${why}); delete it if no run is using it`,
  );
}

/**
 * The lock file's text; undefined when it is gone; 'not a regular file' when something else has
 * the name (see removeNonLock); an error when it is a regular file that cannot be read.
 */
async function readLock(path: string): Promise<string | undefined | 'not a regular file'> {
  const read = await readRegularFile(path, LOCK_LIMIT);
  if ('text' in read) return read.text;
  if (read.problem === 'missing') return undefined;
  if (read.problem === 'not a regular file') return read.problem;
  throw notALock(path, describeProblem(read));
}

/**
 * Removes what lies at the lock's path when lstat says it is not a regular file: no run's lock
 * (every lock is a regular file made by link(2)), so nothing any run holds. A directory is removed
 * only when empty (rmdir(2)): a non-empty one is an error, as before. Anything else is renamed
 * aside first and checked there: a regular file found there is a lock a run made since (the name
 * changed hands meanwhile) and is linked back — link(2) never overwrites — as `breakStale` does;
 * otherwise the aside name is unlinked (the name only, never what a link points to).
 */
async function removeNonLock(path: string, warn: (message: string) => void): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined || info.isFile()) return; // gone, or a lock now: judged on the next round
  const kind = describeKind(info);
  if (info.isDirectory()) {
    try {
      await rmdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw notALock(path, `a directory that cannot be removed: ${(error as Error).message}`);
    }
  } else {
    const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it
      throw notALock(path, `${kind} that cannot be removed: ${(error as Error).message}`);
    }
    const moved = await lstat(aside).catch(() => undefined);
    if (moved?.isFile() === true || moved?.isDirectory() === true) {
      // Changed hands between the two lstats: put back what is not ours to judge.
      if (moved.isFile()) await link(aside, path).catch(() => undefined);
      else await rename(aside, path).catch(() => undefined);
      await rm(aside, { force: true }).catch(() => undefined);
      return;
    }
    await unlink(aside).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw notALock(path, `${kind} that cannot be removed: ${error.message}`);
    });
  }
  warn(`${path} was not a lock file (${kind}; from a cache entry?): removed`);
}

function describeKind(info: {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
}): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a FIFO';
  return 'not a regular file';
}

async function readLockQuietly(path: string): Promise<string | undefined> {
  const text = await readLock(path).catch(() => undefined);
  return text === 'not a regular file' ? undefined : text;
}

export interface LockOwner {
  pid: number;
  host: string;
  createdAt: number;
}

export interface DirLockOptions {
  /** Called once when another live run holds the lock and this one starts waiting. */
  onWait?: (message: string) => void;
  /** Told when something that is not a lock file had the lock's name and was removed. */
  onWarn?: (message: string) => void;
  /** Waiting longer than this fails with LockTimeoutError (default 15 minutes). */
  timeoutMs?: number;
  /** A lock file not refreshed for this long is stale (default 10 minutes). */
  staleMs?: number;
  /** Pause between attempts while waiting (default 250 ms). */
  pollMs?: number;
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

export type ReleaseLock = () => Promise<void>;

const held = new Map<string, string>(); // path → the exact text this process wrote

function describeOwner(o: LockOwner | undefined): string {
  if (o === undefined) return 'another run';
  return `another wheelhouse run (pid ${o.pid} on ${o.host}, since ${new Date(o.createdAt).toISOString()})`;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.createdAt === 'number')
      return o as LockOwner;
  } catch {
    // torn or foreign content: judged by its age alone
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Creates the lock with its whole content at once: the owner record is written to a private file
 * first and then hard-linked to the lock's name (link(2) fails with EEXIST when the lock exists),
 * so a waiting run never reads a lock that exists but is still empty.
 */
/** A new draft beside `path` holding `text` (exclusive create); its path. */
async function writeDraft(path: string, text: string): Promise<string> {
  const draft = `${path}.${randomBytes(6).toString('hex')}.new`;
  const handle = await open(draft, 'wx');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return draft;
}

async function tryCreate(path: string, text: string): Promise<boolean> {
  const draft = await writeDraft(path, text);
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: held. ENOENT: the draft is gone — the run holding the lock cleared the directory's
    // temporary files (a wheelhouse's `.<name>.<hex>.new` drafts count as its own, wheelhouse-files.ts); try again later.
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    // A filesystem without hard links: exclusive create, then write (a reader may briefly see it
    // empty and then names "another run").
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      return createExclusive(path, text);
    }
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Breaks the lock at `path` if it still holds `text` (the stale content that was judged). */
async function breakStale(path: string, text: string): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // gone already: someone else broke it
  }
  const moved = await readLockQuietly(aside);
  if (moved !== text) await link(aside, path).catch(() => undefined); // a fresh lock: put it back
  await rm(aside, { force: true });
}

export async function acquireDirLock(path: string, options: DirLockOptions = {}): Promise<ReleaseLock> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const staleMs = options.staleMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const me: LockOwner = { pid: process.pid, host: hostname(), createdAt: Date.now() };
  const text = JSON.stringify(me);
  const started = Date.now();
  let told = false;
  for (;;) {
    if (await tryCreate(path, text)) break;
    const current = await readLock(path);
    if (current === 'not a regular file') {
      await removeNonLock(path, options.onWarn ?? (() => {}));
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (current === undefined || info === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(current);
    const dead = owner !== undefined && owner.host === me.host && !isRunning(owner.pid);
    if (dead || Date.now() - info.mtimeMs > staleMs) {
      await breakStale(path, current);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new LockTimeoutError(
        `${path} is held by ${describeOwner(owner)}; gave up after waiting ${Math.round(timeoutMs / 1000)} s (delete the file if that run is gone)`,
      );
    }
    if (!told) {
      told = true;
      options.onWait?.(`waiting for ${describeOwner(owner)}, which holds ${path}`);
    }
    await sleep(pollMs);
  }
  held.set(path, text);
  const refresh = setInterval(
    () => {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    },
    Math.max(1000, Math.floor(staleMs / 3)),
  );
  refresh.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(refresh);
    held.delete(path);
    const current = await readLockQuietly(path);
    if (current === text) await rm(path, { force: true });
  };
}

/**
 * Writes back every lock this process holds whose file no longer holds its text — a cache restore
 * extracts an entry over the directory it holds, and an entry made before session 12 may carry a
 * dead run's `.wheelhouse.lock` (review 6 s12: left in place, another run took it for stale and
 * worked beside this one). Each is replaced atomically (a draft, then rename).
 */
export async function reassertHeldLocks(): Promise<void> {
  for (const [path, text] of held) {
    if ((await readLockQuietly(path)) === text) continue;
    const draft = await writeDraft(path, text).catch(() => undefined);
    if (draft !== undefined) await rename(draft, path).catch(() => rm(draft, { force: true }));
  }
}

/**
 * Whether the lock file at `path` is a live run's, by the rules `acquireDirLock` breaks a lock by:
 * its owner runs on this host and the file was refreshed within `staleMs`. A lock restored from a
 * cache entry (another machine's, or one of a killed run: mtime from the archive) is not.
 */
export async function isLiveLock(path: string, staleMs = 10 * 60_000): Promise<boolean> {
  const current = await readLockQuietly(path);
  const info = await stat(path).catch(() => undefined);
  if (current === undefined || info === undefined) return false;
  const owner = parseOwner(current);
  if (owner === undefined || owner.host !== hostname() || !isRunning(owner.pid)) return false;
  return Date.now() - info.mtimeMs <= staleMs;
}

/** Removes every lock this process holds (synchronously: safe in a signal handler). */
export function releaseHeldLocksSync(): void {
  for (const [path, text] of held) {
    try {
      if (readRegularFileSync(path, LOCK_LIMIT) === text) unlinkSync(path);
    } catch {
      // gone already
    }
  }
  held.clear();
}

let installed = false;

/** The longest an interrupted run waits for `cleanup` before it exits anyway. */
const CLEANUP_BOUND_MS = 5000;

/**
 * On SIGINT/SIGTERM: say so, run `cleanup` (a promise is awaited, at most CLEANUP_BOUND_MS; the
 * shells end the running builds there, src/build/pip-processes.ts), release held locks, exit with
 * 128 + the signal number. Locks are released after the cleanup, so no other run takes the
 * wheelhouse while this one is still ending. A second signal meanwhile exits at once (locks
 * released). Idempotent.
 */
export function exitOnTerminationSignals(cleanup?: () => void | Promise<unknown>): void {
  if (installed) return;
  installed = true;
  let exiting = false;
  const finish = (code: number): never => {
    releaseHeldLocksSync();
    process.exit(code);
  };
  const handler = (signal: NodeJS.Signals, code: number) => () => {
    if (exiting) return finish(code);
    exiting = true;
    process.stderr.write(`wheelhouse: interrupted (${signal})\n`);
    let pending: void | Promise<unknown>;
    try {
      pending = cleanup?.();
    } catch {
      pending = undefined; // best effort
    }
    if (!(pending instanceof Promise)) return finish(code);
    const bound = setTimeout(() => finish(code), CLEANUP_BOUND_MS);
    void pending.then(
      () => {
        clearTimeout(bound);
        finish(code);
      },
      () => {
        clearTimeout(bound);
        finish(code);
      },
    );
  };
  process.on('SIGINT', handler('SIGINT', 130));
  process.on('SIGTERM', handler('SIGTERM', 143));
}
