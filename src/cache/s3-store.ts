/**
 * A cache backend on S3-compatible object storage, shared by a fleet of runners (issue 12).
 * Content-addressed, so the store grows with distinct files, not with entries:
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/built/<build key digest>.json  which wheel was built for an sdist on a target
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file (metadata, index pages)
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
 * limits), s3/s3-entry.ts (the entry document and its lookup), s3/s3-built-wheels.ts.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { unsafeFilenameReason } from '../index/dist-filename-check.js';
import type { Logger } from '../util/logger.js';
import { fileSha256 } from '../util/file-sha256.js';
import {
  errorMessage,
  type CacheBackend,
  type RestoreOptions,
  type RestoreResult,
  type SaveResult,
} from './backend.js';
import { S3Client, S3Error, STORE_UNRESPONSIVE, type S3Config } from './s3/s3-client.js';
import { S3BuiltWheels } from './s3/s3-built-wheels.js';
import {
  entryDigests,
  entryKey,
  findEntry,
  readEntry,
  SHA256_HEX,
  unsafeRelativeName,
  type EntryFile,
  type StoreEntry,
} from './s3/s3-entry.js';
import { S3Objects, type S3ObjectLimits } from './s3/s3-objects.js';
import type { ListedObject } from './s3/s3-xml.js';
import { MANIFEST_FILENAME, readManifest, writeManifest } from './wheelhouse-manifest.js';
import { runLimited } from '../util/for-each-limited.js';

export type { EntryFile } from './s3/s3-entry.js';

export interface S3StoreOptions extends S3Config, S3ObjectLimits {
  /** Key prefix inside the bucket (no leading or trailing slash), e.g. "wheelhouse". */
  prefix?: string;
  logger: Logger;
  concurrency?: number;
}

const MAX_ENTRY_FILES = 100_000;

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
      let files = 0;
      let rejected = 0;
      for (const [i, listed] of entry.paths.entries()) {
        const got = await this.restorePath(listed, paths[i]!, i === 0, options);
        files += got.files;
        rejected += got.rejected;
        // The other paths would only be skipped, one more warning each.
        if (this.client.unresponsiveReason !== undefined) break;
      }
      const exact = entry.key === primaryKey;
      this.logger.info(
        `${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files fetched from ${this.client.describe(this.objects.key())}${rejected > 0 ? `, ${rejected} rejected` : ''})`,
      );
      return { matchedKey: entry.key, exact };
    } catch (error) {
      this.logger.warn(`S3 cache restore failed (continuing without cache): ${errorMessage(error)}`);
      return { exact: false };
    }
  }

  /** Fetch the listed files `dst` lacks; in the wheelhouse, list the placed ones in its manifest. */
  private async restorePath(
    listed: Record<string, EntryFile>,
    dst: string,
    wheelhouse: boolean,
    options: RestoreOptions,
  ): Promise<{ files: number; rejected: number }> {
    // A wheelhouse file unchanged since wheelhouse hashed it is not read again (file-stamps.ts).
    const digest = wheelhouse && options.stamps !== undefined ? options.stamps.digest : fileSha256;
    // A wheel fetched here is stamped with the digest computed while it was written, so the
    // wheelhouse verification that follows does not read it again.
    const stamps = wheelhouse ? options.stamps : undefined;
    const todo: [string, EntryFile][] = [];
    for (const [name, file] of Object.entries(listed).slice(0, MAX_ENTRY_FILES)) {
      const unsafe = wheelhouse ? unsafeFilenameReason(name) : unsafeRelativeName(name);
      const sha = typeof file?.sha256 === 'string' ? file.sha256 : '';
      if (
        unsafe !== undefined ||
        name === MANIFEST_FILENAME ||
        !SHA256_HEX.test(sha) ||
        !Number.isSafeInteger(file.size)
      ) {
        this.logger.debug(
          `S3 cache entry: ${JSON.stringify(name)} ignored (${unsafe ?? 'bad name, sha256 or size'})`,
        );
        continue;
      }
      const path = join(dst, ...name.split('/'));
      const present = await lstat(path).catch(() => undefined);
      if (present !== undefined) {
        const actual = present.isFile() ? await digest(path).catch(() => undefined) : undefined;
        if (actual?.sha256 === sha) {
          this.stats.reused++;
          this.objects.markKnown(sha);
          continue;
        }
      }
      todo.push([name, file]);
    }
    const placed: Record<string, { sha256: string; size: number }> = {};
    let rejected = 0;
    // Files not asked for (or not answered) because the store stopped answering: one warning.
    let unanswered = 0;
    let unansweredWhy = '';
    await runLimited(todo, this.concurrency, async ([name, file]) => {
      const path = join(dst, ...name.split('/'));
      const ok = await this.objects
        .fetchVerified(this.objectKey(name, file.sha256), path, file, stamps)
        .catch((error: unknown) => {
          if (error instanceof S3Error && error.code === STORE_UNRESPONSIVE) {
            if (unanswered++ === 0) unansweredWhy = errorMessage(error);
          } else this.logger.warn(`S3 cache: ${name} not restored: ${errorMessage(error)}`);
          return false;
        });
      if (ok) {
        placed[name] = file;
        this.stats.fetched++;
        this.objects.markKnown(file.sha256);
      } else rejected++;
    });
    if (unanswered > 0)
      this.logger.warn(
        `S3 cache: ${unanswered} file(s) not restored (they come from the index): ${unansweredWhy}`,
      );
    if (wheelhouse && Object.keys(placed).length > 0) {
      const current = await readManifest(dst).catch(() => undefined);
      await writeManifest(dst, {
        version: 1,
        complete: false,
        files: { ...(current?.files ?? {}), ...placed },
      });
    }
    return { files: Object.keys(placed).length, rejected };
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
      const uploads: { name: string; path: string; file: EntryFile }[] = [];
      for (const [i, p] of paths.entries()) {
        const files = i === 0 ? await this.wheelhouseFiles(p) : await this.treeFiles(p);
        const listed: Record<string, EntryFile> = {};
        for (const f of files) {
          listed[f.name] = f.file;
          uploads.push(f);
        }
        entry.paths.push(listed);
      }
      const seen = new Set<string>();
      const unique = uploads.filter((u) => !seen.has(u.file.sha256) && seen.add(u.file.sha256));
      await runLimited(unique, this.concurrency, async (u) => {
        await this.objects.storeObject(u.name, u.path, u.file);
      });
      const body = Buffer.from(JSON.stringify(entry));
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
      if (unsafeFilenameReason(name) !== undefined) continue;
      const path = join(dir, name);
      const info = await lstat(path).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      const actual = await fileSha256(path);
      if (actual.sha256 !== listed.sha256.toLowerCase()) continue;
      out.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
    }
    return out;
  }

  /** Every regular file under `dir` (symlinks and special files are skipped, never followed). */
  private async treeFiles(dir: string): Promise<{ name: string; path: string; file: EntryFile }[]> {
    const out: { name: string; path: string; file: EntryFile }[] = [];
    const walk = async (d: string): Promise<void> => {
      const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (out.length >= MAX_ENTRY_FILES) return;
        const path = join(d, e.name);
        if (e.isDirectory()) await walk(path);
        else if (e.isFile()) {
          const name = relative(dir, path).split(sep).join('/');
          if (unsafeRelativeName(name) !== undefined) continue;
          const actual = await fileSha256(path);
          out.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
        }
      }
    };
    await walk(dir);
    return out;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
