/**
 * Planting FIFOs where wheelhouse reads a cache file, and waiting for a read that must not block
 * on one. `settles` bounds the wait (a hang is the defect, not a slow run): when the bound passes,
 * it opens every planted FIFO for writing once, so a reader stuck in a blocking open(2) is released
 * and jest can exit, then answers 'hung'. No timing is measured: a read that does not block settles
 * at once, one that blocks never does.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';

const planted: string[] = [];

export function plantFifo(path: string): string {
  execFileSync('mkfifo', [path]);
  planted.push(path);
  return path;
}

/** Releases readers blocked opening a planted FIFO (a writer that opens non-blocking needs a reader). */
function releaseReaders(): void {
  for (const path of planted.splice(0)) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it (not stuck), or it is gone
    }
  }
}

export async function settles<T>(run: Promise<T>, boundMs = 10_000): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), boundMs);
  });
  const outcome = await Promise.race([run, bound]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    releaseReaders();
    await run.catch(() => undefined);
  } else planted.splice(0);
  return outcome;
}
