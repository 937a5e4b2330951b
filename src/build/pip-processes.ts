/**
 * The pip runs of the build frontend that are alive, and how they are ended.
 *
 * Each pip starts in its own process group on POSIX (`detached`), so that ending it also ends the
 * build backend and whatever the backend started. The other side of that choice: a terminal's
 * Ctrl-C reaches only the foreground group (wheelhouse's), and the runner's SIGINT/SIGTERM on a
 * cancelled job only wheelhouse's process, so no running build learns of it by itself. The shells'
 * termination handler (src/util/dir-lock.ts `exitOnTerminationSignals`) therefore calls
 * `stopRunningPips` before exiting:
 *
 *   1. SIGINT to every group: what Ctrl-C would have sent them had they been in the foreground
 *      (pip turns it into KeyboardInterrupt and removes its temporary build directories);
 *   2. up to `graceMs` for every pip to exit;
 *   3. SIGKILL to every group, also those whose pip exited (a backend's leftover children), and up
 *      to `killWaitMs` more for the pips' exits.
 *
 * From the first call on, no new pip is started (runPip answers a spawn error instead). On Windows
 * there are no process groups: the pip process itself is ended.
 */
import type { ChildProcess } from 'node:child_process';

const running = new Map<ChildProcess, Promise<void>>();
/** Set once the run is being interrupted: no new pip is started. */
let stopping = false;

const posix = process.platform !== 'win32';

/** Sends `signal` to `child`'s process group (POSIX) or to `child` (Windows); gone already is fine. */
export function signalPipGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (posix && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // the group is gone
  }
}

/** Registers a started pip until it exits. */
export function trackPip(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    const done = (): void => {
      running.delete(child);
      resolve();
    };
    child.once('exit', done);
    child.once('error', done);
  });
  running.set(child, exited);
}

/** Whether the run is being interrupted (runPip starts no new pip then). */
export function pipsStopping(): boolean {
  return stopping;
}

/** How many pip runs are alive (for tests and messages). */
export function runningPipCount(): number {
  return running.size;
}

function within(ms: number, waits: Promise<void>[]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.all(waits).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Ends every running pip run and its process group (see the module comment); bounded by graceMs + killWaitMs. */
export async function stopRunningPips(o: { graceMs?: number; killWaitMs?: number } = {}): Promise<number> {
  stopping = true;
  const children = [...running.keys()];
  if (children.length === 0) return 0;
  const exits = [...running.values()];
  for (const child of children) signalPipGroup(child, 'SIGINT');
  await within(o.graceMs ?? 2000, exits);
  for (const child of children) signalPipGroup(child, 'SIGKILL');
  await within(o.killWaitMs ?? 1000, exits);
  return children.length;
}

/** The shells' termination cleanup: nothing (an immediate exit) when no pip runs, else `stopRunningPips`. */
export function stopPipsOnInterrupt(): Promise<number> | undefined {
  return running.size > 0 ? stopRunningPips() : undefined;
}
