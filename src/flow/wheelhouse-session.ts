/**
 * One run's hold on its wheelhouse directory: the ownership check (wheelhouse-guard.ts), the run
 * lock (`.wheelhouse.lock`, src/util/dir-lock.ts: a second run on the same wheelhouse waits with a
 * message instead of deleting the first one's temporary files), and the "not complete until
 * finished" state (wheelhouse-files.ts): `open` removes the lock, report and pylock and keeps the
 * manifest marked incomplete, listing every file the run may have written.
 *
 * The directory is created, and the lock taken, only when the run first writes to it, so a run
 * that ends before (a failed resolution without a cache) leaves no directory behind.
 */
import { existsSync } from 'node:fs';
import { access, constants, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, writeManifest, type WheelhouseManifest } from '../cache/wheelhouse-manifest.js';
import { acquireDirLock, LockTimeoutError, type ReleaseLock } from '../util/dir-lock.js';
import { makeDirectories, nearestExisting } from '../util/make-directories.js';
import type { Logger } from '../util/logger.js';
import { FlowInputError } from './flow-errors.js';
import { INSTALL_OUTPUTS, RUN_LOCK_FILENAME } from './wheelhouse-files.js';
import { claimWheelhouse, type WheelhouseClaim } from './wheelhouse-guard.js';

export interface WheelhouseSessionOptions {
  clean: boolean;
  logger: Logger;
  /** Waiting for another run's lock longer than this is an error (default: dir-lock's). */
  lockTimeoutMs?: number;
}

export class WheelhouseSession {
  private claimed: WheelhouseClaim | undefined;
  private release: ReleaseLock | undefined;

  constructor(
    readonly dir: string,
    private readonly options: WheelhouseSessionOptions,
  ) {}

  get claim(): WheelhouseClaim {
    if (this.claimed === undefined) throw new Error('wheelhouse session used before check()');
    return this.claimed;
  }

  /** The ownership check, before anything is written (refuses a foreign directory). */
  async check(): Promise<void> {
    this.claimed = await claimWheelhouse(this.dir, this.options);
    // A directory this run could never create is the user's mistake, found before the resolution.
    if (!existsSync(this.dir)) {
      const ancestor = await nearestExisting(this.dir);
      const problem =
        ancestor === undefined
          ? undefined
          : !(await stat(ancestor.path).catch(() => undefined))?.isDirectory()
            ? `${ancestor.path} is not a directory`
            : await access(ancestor.path, constants.W_OK | constants.X_OK).then(
                () => undefined,
                (error: NodeJS.ErrnoException) =>
                  `${ancestor.path} is not writable (${error.code ?? error.message})`,
              );
      if (problem !== undefined)
        throw new FlowInputError(`the wheelhouse ${this.dir} cannot be created: ${problem}`);
    }
  }

  /** Creates the directory and takes the run lock (once), then checks ownership again under it. */
  async ensure(): Promise<void> {
    if (this.release !== undefined) return;
    // The directory may go while this run waits for its lock: the run that held it was the pruner
    // of unused install wheelhouses (install-wheelhouse-prune.ts), which deletes it whole. It is
    // made again (a few times at most), as for a first run.
    for (let attempt = 1; ; attempt++) {
      try {
        await makeDirectories(this.dir);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (typeof e.code !== 'string') throw error;
        throw new FlowInputError(`the wheelhouse ${this.dir} cannot be created: ${e.message}`);
      }
      try {
        this.release = await acquireDirLock(join(this.dir, RUN_LOCK_FILENAME), {
          onWait: (message) => this.options.logger.info(message),
          onWarn: (message) => this.options.logger.warn(message),
          ...(this.options.lockTimeoutMs !== undefined ? { timeoutMs: this.options.lockTimeoutMs } : {}),
        });
        break;
      } catch (error) {
        if (error instanceof LockTimeoutError) throw new FlowInputError(error.message);
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'ENOENT' && attempt < 3 && !existsSync(this.dir)) continue;
        if (typeof e.code === 'string')
          throw new FlowInputError(`the wheelhouse ${this.dir} cannot be locked: ${e.message}`);
        throw error;
      }
    }
    // Another run may have changed the directory while this one waited.
    const listed = this.claimed?.listed ?? {};
    this.claimed = await claimWheelhouse(this.dir, { ...this.options, clean: false });
    this.claimed.listed = { ...listed, ...this.claimed.listed };
  }

  /**
   * Makes the wheelhouse not look complete: removes the lock, report and pylock, and rewrites the
   * manifest as incomplete, listing the files it listed plus `more` (files about to be written).
   * Nothing happens while the directory does not exist (it has nothing to hide).
   */
  async open(more: WheelhouseManifest['files'] = {}): Promise<void> {
    if (!existsSync(this.dir)) return;
    await this.ensure();
    const claim = this.claim;
    for (const name of INSTALL_OUTPUTS) await rm(join(claim.dir, name), { force: true });
    const current = await readManifest(claim.dir).catch(() => undefined);
    claim.listed = { ...claim.listed, ...(current?.files ?? {}), ...more };
    for (const name of claim.foreign) delete claim.listed[name];
    await writeManifest(claim.dir, { version: 1, complete: false, files: claim.listed });
  }

  async close(): Promise<void> {
    await this.release?.();
    this.release = undefined;
  }
}
