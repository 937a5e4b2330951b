/**
 * A cache backend on S3-compatible object storage, shared by a fleet of runners (issue 12).
 * Content-addressed, so the store grows with distinct files, not with entries:
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/built/<build key digest>.json  which wheel was built for an sdist on a target
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file; a path's small files (METADATA,
 *                                           index pages) as one gzip pack (s3/s3-pack.ts)
 *   <prefix>/entries/<cache-key>.json       an entry: for each saved path, relative name → sha256, size
 *
 * Objects are written once with `If-None-Match: *` (a 412 means another runner stored the same
 * bytes: fine); the entry is written last, so it never names an object not yet stored.
 * Restore: the exact key, else the newest entry whose key starts with a restore prefix
 * (ListObjectsV2, paged); then only files the destination lacks (by name and sha256) are
 * fetched, in parallel, each streamed to a temporary file while its sha256 and size are checked,
 * and renamed into place only when both match — a tampered object is never placed (the flow then
 * downloads that wheel from the index). Objects over `largeObjectBytes` (64 MiB) go up in parts
 * (s3/s3-multipart.ts) and come down as parallel ranges (s3/s3-fetch.ts). The store is untrusted
 * input: names are validated, entry documents are size-bounded, and every failure is one warning,
 * never a failed job. The parts: s3/s3-objects.ts (content-addressed objects and the store's
 * limits), s3/s3-entry.ts (the entry document and its lookup), s3/s3-restore.ts (an entry into the
 * run's paths), s3/s3-pack.ts, s3/s3-built-wheels.ts.
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { unsafeFilenameReason } from '../index/dist-filename-check.js';
import type { Logger } from '../util/logger.js';
import { fileSha256 } from '../util/file-sha256.js';
import { listPlainDir } from '../util/plain-dir.js';
import { readRegularBytes } from '../util/read-regular-file.js';
import {
  errorMessage,
  type CacheBackend,
  type RestoreOptions,
  type RestoreResult,
  type SaveResult,
} from './backend.js';
import { S3Client, type S3Config } from './s3/s3-client.js';
import { S3BuiltWheels } from './s3/s3-built-wheels.js';
import {
  ENTRY_LIMIT,
  entryDigests,
  entryKey,
  findEntry,
  MAX_ENTRY_FILES,
  readEntry,
  unsafeRelativeName,
  type EntryFile,
  type StoreEntry,
} from './s3/s3-entry.js';
import { S3Objects, type S3ObjectLimits } from './s3/s3-objects.js';
import {
  buildPack,
  PACK_MAX_BYTES,
  PACK_NAME,
  packable,
  type PackMember,
  type PackRef,
} from './s3/s3-pack.js';
import { restoreEntry } from './s3/s3-restore.js';
import type { ListedObject } from './s3/s3-xml.js';
import { reassertHeldLocks } from '../util/dir-lock.js';
import { readManifest } from './wheelhouse-manifest.js';
import { foreignWheelhouseEntry, isWheelhouseName } from './wheelhouse-entry-names.js';
import { runLimited } from '../util/for-each-limited.js';

export type { EntryFile } from './s3/s3-entry.js';

export interface S3StoreOptions extends S3Config, S3ObjectLimits {
  /** Key prefix inside the bucket (no leading or trailing slash), e.g. "wheelhouse". */
  prefix?: string;
  logger: Logger;
  concurrency?: number;
}

export class S3Store implements CacheBackend {
  readonly name = 's3';
  readonly client: S3Client;
  /** The content-addressed objects and the store's size limits (s3/s3-objects.ts). */
  readonly objects: S3Objects;
  private readonly logger: Logger;
  private readonly concurrency: number;
  /** Wheels built from sdists, shared by the fleet (`<prefix>/built/…`, s3/s3-built-wheels.ts). */
  readonly builtWheels: S3BuiltWheels;

  constructor(options: S3StoreOptions) {
    this.client = new S3Client(options);
    this.logger = options.logger;
    this.concurrency = options.concurrency ?? 16;
    const prefix = (options.prefix ?? 'wheelhouse').replace(/^\/+|\/+$/g, '');
    this.objects = new S3Objects(this.client, prefix, this.logger, options);
    this.builtWheels = new S3BuiltWheels(this.objects, this.logger);
  }

  /** Counters for logs and tests (the objects'). */
  get stats(): S3Objects['stats'] {
    return this.objects.stats;
  }

  objectKey(name: string, sha256: string): string {
    return this.objects.objectKey(name, sha256);
  }

  /** `<prefix>/<rest>`. */
  prefixed(rest: string): string {
    return this.objects.key(rest);
  }

  /** Every object under `prefix` (ListObjectsV2 pages, at most `maxPages`). */
  listAll(prefix: string, maxPages?: number): Promise<ListedObject[]> {
    return this.objects.listAll(prefix, maxPages);
  }

  /** The digests an entry names, or undefined when it is unreadable. */
  async entryDigests(objectKey: string): Promise<Set<string> | undefined> {
    const entry = await readEntry(this.objects, objectKey, this.logger);
    return entry === undefined ? undefined : entryDigests(entry);
  }

  entryKey(cacheKey: string): string {
    return entryKey(this.objects, cacheKey);
  }

  async restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    options: RestoreOptions = {},
  ): Promise<RestoreResult> {
    try {
      const entry = await findEntry(this.objects, paths.length, primaryKey, restoreKeys, this.logger);
      if (entry === undefined) {
        this.logger.info(`cache miss for ${primaryKey} in ${this.client.describe(this.objects.key())}`);
        return { exact: false };
      }
      // Only names wheelhouse writes into a wheelhouse; an entry naming others is not used (review 17b F1).
      const foreign = foreignWheelhouseEntry(Object.keys(entry.paths[0] ?? {}));
      if (foreign !== undefined) {
        this.logger.warn(
          `S3 cache entry ${this.client.describe(this.entryKey(entry.key))} refused (cache miss): ${foreign}`,
        );
        return { exact: false };
      }
      const { files, rejected, background } = await restoreEntry(this.objects, entry, paths, {
        ...options,
        concurrency: this.concurrency,
        logger: this.logger,
      });
      // The locks this process holds stay its own whatever was placed (as the Actions-cache backend).
      await reassertHeldLocks();
      const exact = entry.key === primaryKey;
      const where = this.client.describe(this.objects.key());
      this.logger.info(
        `${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files fetched from ${where}${rejected > 0 ? `, ${rejected} rejected` : ''}${background !== undefined ? `; ${background.queued} more in the background` : ''})`,
      );
      if (background === undefined) return { matchedKey: entry.key, exact };
      const settled = background.settled.then((later) =>
        this.logger.info(
          `S3 cache: ${later.files} file(s) restored in the background from ${where}${later.rejected > 0 ? `, ${later.rejected} rejected` : ''}${(later.skipped ?? 0) > 0 ? `, ${later.skipped} not fetched (not needed, or the run ended)` : ''}`,
        ),
      );
      return {
        matchedKey: entry.key,
        exact,
        pending: {
          narrow: background.narrow,
          cancel: background.cancel,
          fileSettled: background.fileSettled,
          settled,
        },
      };
    } catch (error) {
      this.logger.warn(`S3 cache restore failed (continuing without cache): ${errorMessage(error)}`);
      return { exact: false };
    }
  }

  async save(paths: string[], key: string): Promise<SaveResult> {
    try {
      const entryKey = this.entryKey(key);
      if (await this.client.head(entryKey)) {
        this.logger.info(
          `cache entry ${key} already exists in ${this.client.describe(this.objects.key())}: not saved again`,
        );
        return { saved: false, reason: 'entry already exists' };
      }
      const entry: StoreEntry = { version: 1, key, createdAt: Date.now(), paths: [] };
      const uploads: ({ name: string; path: string; file: EntryFile } | { pack: Buffer; ref: PackRef })[] =
        [];
      const packs: PackRef[] = [];
      for (const [i, p] of paths.entries()) {
        const tree =
          i === 0 ? { files: await this.wheelhouseFiles(p), members: [] } : await this.treeFiles(p);
        const listed: Record<string, EntryFile> = {};
        for (const f of tree.files) {
          listed[f.name] = f.file;
          uploads.push(f);
        }
        if (tree.members.length > 0) {
          const { body, ref } = await buildPack(i, tree.members);
          listed[PACK_NAME] = { sha256: ref.sha256, size: ref.size };
          packs.push(ref);
          uploads.unshift({ pack: body, ref });
        }
        entry.paths.push(listed);
      }
      if (packs.length > 0) entry.packs = packs;
      // One upload per object key (not per digest: the same bytes under a `.whl` name and
      // another have two keys, and the entry names both — review 14e F3).
      const seen = new Set<string>();
      const unique = uploads.filter((u) => {
        const key =
          'ref' in u
            ? this.objects.objectKey(PACK_NAME, u.ref.sha256)
            : this.objects.objectKey(u.name, u.file.sha256);
        return !seen.has(key) && seen.add(key);
      });
      // Never write an entry no restore can read (readEntry's ENTRY_LIMIT; review 14c F3).
      const body = Buffer.from(JSON.stringify(entry));
      if (body.length > ENTRY_LIMIT) {
        this.logger.warn(
          `S3 cache entry ${key} would be ${body.length} bytes, over the ${ENTRY_LIMIT} a restore reads: not saved`,
        );
        return { saved: false, reason: `entry over ${ENTRY_LIMIT} bytes` };
      }
      await runLimited(unique, this.concurrency, async (u) => {
        if ('ref' in u) await this.objects.storeBuffer(PACK_NAME, u.pack, u.ref.sha256);
        else await this.objects.storeObject(u.name, u.path, u.file);
      });
      const sha = createHash('sha256').update(body).digest('hex');
      const got = await this.client.put(entryKey, { kind: 'buffer', data: body }, sha, true);
      if (got === 'exists') {
        this.logger.info(`cache entry ${key} was saved concurrently by another runner`);
        return { saved: false, reason: 'entry already exists' };
      }
      this.logger.info(
        `cache saved as ${key} in ${this.client.describe(this.objects.key())} (${this.stats.uploaded} file(s) uploaded, ${this.stats.alreadyStored} already stored)`,
      );
      return { saved: true };
    } catch (error) {
      const reason = errorMessage(error);
      this.logger.warn(`S3 cache ${key} not saved: ${reason}`);
      return { saved: false, reason };
    }
  }

  /** The wheelhouse files its manifest lists, when their bytes still have the listed sha256. */
  private async wheelhouseFiles(dir: string): Promise<{ name: string; path: string; file: EntryFile }[]> {
    const manifest = await readManifest(dir).catch(() => undefined);
    const out = [];
    for (const [name, listed] of Object.entries(manifest?.files ?? {})) {
      if (unsafeFilenameReason(name) !== undefined || !isWheelhouseName(name)) continue;
      const path = join(dir, name);
      const info = await lstat(path).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      const actual = await fileSha256(path);
      if (actual.sha256 !== listed.sha256.toLowerCase()) continue;
      out.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
    }
    return out;
  }

  /**
   * Every regular file under `dir` (symlinks and special files are skipped, never followed): small
   * ones (s3/s3-pack.ts `packable`, up to PACK_MAX_BYTES together) read into `members` for the
   * path's pack, the others listed for objects of their own.
   */
  private async treeFiles(
    dir: string,
  ): Promise<{ files: { name: string; path: string; file: EntryFile }[]; members: PackMember[] }> {
    const files: { name: string; path: string; file: EntryFile }[] = [];
    const members: PackMember[] = [];
    let packed = 0;
    const walk = async (d: string): Promise<void> => {
      // Entered only when lstat says it is a real directory (util/plain-dir.ts): `dir` itself may
      // be a link a restored entry planted, and a save must not upload where it points.
      const entries = await listPlainDir(d);
      for (const e of entries) {
        if (files.length + members.length >= MAX_ENTRY_FILES) return;
        const path = join(d, e.name);
        if (e.isDirectory()) await walk(path);
        else if (e.isFile()) {
          const name = relative(dir, path).split(sep).join('/');
          if (unsafeRelativeName(name) !== undefined) continue;
          const size = (await lstat(path)).size;
          if (packable(name, size) && packed + size <= PACK_MAX_BYTES) {
            // Read once: the pack holds exactly the bytes hashed (a file changed meanwhile is
            // stored as read, with the digest of what was read).
            // Not through a link put there since the listing, and never past what the pack takes.
            const read = await readRegularBytes(path, PACK_MAX_BYTES - packed);
            if (!('bytes' in read) && read.problem !== 'too large') continue;
            const data = 'bytes' in read ? read.bytes : undefined;
            if (data !== undefined && packed + data.length <= PACK_MAX_BYTES) {
              packed += data.length;
              members.push({ name, sha256: createHash('sha256').update(data).digest('hex'), data });
              continue;
            }
          }
          const actual = await fileSha256(path);
          files.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
        }
      }
    };
    await walk(dir);
    return { files, members };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
