import { chmod, rename } from 'node:fs/promises';

/**
 * `rename` that survives Windows' transient refusals. On Windows, MoveFileEx (Node's rename) fails
 * with EPERM/EACCES/EBUSY while another process holds the source or the destination open without
 * FILE_SHARE_DELETE — typically an antivirus scanner or the search indexer opening a file that was
 * just written, or a concurrent reader of the destination — and with EPERM when the destination
 * carries the read-only attribute (which POSIX ignores: only the directory's permissions matter
 * there). Neither happens on POSIX, where rename(2) replaces the destination atomically regardless,
 * so only win32 retries: first clearing the destination's read-only attribute (chmod 0o666 is how
 * Node clears FILE_ATTRIBUTE_READONLY on Windows), then backing off a few times (about 3 s in all).
 */
export interface RenameRetryOptions {
  /** Default `process.platform`; anything but win32 never retries. */
  platform?: NodeJS.Platform;
  /** Clear a read-only destination's attribute before retrying (default true; off for directories). */
  clearReadOnly?: boolean;
  /** Consulted before each retry: false gives up and throws the error (e.g. "someone else won"). */
  shouldRetry?: (error: NodeJS.ErrnoException) => Promise<boolean> | boolean;
  /** Waits before each retry (default 50, 100, 200, 400, 800, 1600 ms). */
  delaysMs?: readonly number[];
  /** Test seams. */
  fs?: {
    rename: (from: string, to: string) => Promise<void>;
    chmod: (path: string, mode: number) => Promise<void>;
  };
  sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
const DEFAULT_DELAYS = [50, 100, 200, 400, 800, 1600];

export async function renameWithRetry(
  from: string,
  to: string,
  options: RenameRetryOptions = {},
): Promise<void> {
  const fs = options.fs ?? { rename, chmod };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const delays = options.delaysMs ?? DEFAULT_DELAYS;
  const windows = (options.platform ?? process.platform) === 'win32';
  let clearedReadOnly = options.clearReadOnly === false;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (caught) {
      const error = caught as NodeJS.ErrnoException;
      if (!windows || !TRANSIENT.has(error.code ?? '') || attempt >= delays.length) throw error;
      if (options.shouldRetry && !(await options.shouldRetry(error))) throw error;
      if (!clearedReadOnly && error.code !== 'EBUSY') {
        clearedReadOnly = true;
        // A missing destination (ENOENT) or one we may not touch: the retries below still decide.
        const readOnlyCleared = await fs.chmod(to, 0o666).then(
          () => true,
          () => false,
        );
        if (readOnlyCleared) continue; // retry at once: the common read-only case needs no wait
      }
      await sleep(delays[attempt] as number);
    }
  }
}
