/**
 * Built wheels a runner fleet shares (issue 12 §1, `<prefix>/built/…` of the S3 store): one runner
 * builds an sdist, every other runner with the same build key (sdist sha256, interpreter tag,
 * platform: built-wheel-store.ts) takes its wheel instead of building again.
 *
 * `SharedBuiltWheelStore` puts such a shared store behind the run's own `DirBuiltWheelStore`:
 *   - get: the local directory first (it came with the cache entry); on a miss the shared store
 *     fetches its wheel, verified against the sha256 its record names, into a temporary directory
 *     inside the local one, and it is stored locally like a wheel built here (so the next save
 *     carries it, and the caller checks project, version and tags as for any stored wheel);
 *   - put: stored locally, then offered to the shared store.
 * The shared store is a cache: whatever it answers or fails with is a warning at most, never a
 * failed build; a wheel it cannot give is built as if it did not exist.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../util/logger.js';
import type { BuildKey, BuiltWheelStore, DirBuiltWheelStore, StoredWheel } from './built-wheel-store.js';

/** A store of built wheels shared by many runners. Implementations never throw. */
export interface SharedBuiltWheels {
  /**
   * The wheel stored for `key`, placed in the existing, empty directory `dir` under its own
   * (validated) file name, its bytes checked against the sha256 and size the shared record names;
   * undefined when there is none or it could not be fetched or verified (with a warning).
   */
  fetch(key: BuildKey, dir: string): Promise<StoredWheel | undefined>;
  /** Offers a wheel built for `key` to the other runners (first writer wins; failures warn). */
  share(key: BuildKey, wheel: StoredWheel): Promise<void>;
}

export class SharedBuiltWheelStore implements BuiltWheelStore {
  /** Wheels taken from / offered to the shared store by this run. */
  readonly stats = { fetched: 0, offered: 0 };

  constructor(
    private readonly local: DirBuiltWheelStore,
    private readonly shared: SharedBuiltWheels,
    private readonly logger: Logger,
  ) {}

  async get(key: BuildKey): Promise<StoredWheel | undefined> {
    const here = await this.local.get(key);
    if (here !== undefined) return here;
    // Hidden: never read as a build key's directory, never saved, removed by pruneUnused if left.
    const incoming = join(this.local.dir, `.shared-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(incoming, { recursive: true });
      const got = await this.shared.fetch(key, incoming); // never throws: it warns and answers undefined
      if (got === undefined) return undefined;
      const stored = await this.local.put(key, got.path, got.filename);
      if (stored.sha256 !== got.sha256) {
        // Changed between the verified fetch and the copy: not this run's business to guess why.
        this.logger.warn(
          `built wheel ${got.filename} changed while it was copied from the shared store: ignored`,
        );
        return undefined;
      }
      this.stats.fetched++;
      this.logger.info(`built wheel ${got.filename} taken from the shared store (sha256 ${got.sha256})`);
      return stored;
    } catch (error) {
      this.logger.warn(`built wheel not taken from the shared store: ${(error as Error).message}`);
      return undefined;
    } finally {
      await rm(incoming, { recursive: true, force: true }).catch(() => {});
    }
  }

  async put(key: BuildKey, path: string, filename: string): Promise<StoredWheel> {
    const stored = await this.local.put(key, path, filename);
    await this.shared.share(key, stored); // never throws: its failures are its own warnings
    this.stats.offered++;
    return stored;
  }
}
