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
 * (s3/s3-multipart.ts) and come down as parallel ranges (s3/s3-fetch.ts). The store is untrusted input: names are validated, entry
 * documents are size-bounded, and every failure is one warning, never a failed job.
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
import { S3Client, type S3Config } from './s3/s3-client.js';
import type { FileStamps } from './file-stamps.js';
import { fetchObject } from './s3/s3-fetch.js';
import { uploadMultipart } from './s3/s3-multipart.js';
import { S3BuiltWheels } from './s3/s3-built-wheels.js';
import type { ListedObject } from './s3/s3-xml.js';
import { MANIFEST_FILENAME, readManifest, writeManifest } from './wheelhouse-manifest.js';
import { runLimited } from '../util/for-each-limited.js';

export interface S3StoreOptions extends S3Config {
  /** Key prefix inside the bucket (no leading or trailing slash), e.g. "wheelhouse". */
  prefix?: string;
  logger: Logger;
  concurrency?: number;
  /** Largest object fetched (default 2 GiB). */
  maxObjectBytes?: number;
  /** Objects over this size are uploaded in parts and fetched as parallel ranges (default 64 MiB). */
  largeObjectBytes?: number;
  /** Part / range size for those (default 16 MiB; S3's minimum part is 5 MiB). */
  partBytes?: number;
}

export interface EntryFile {
  sha256: string;
  size: number;
}

interface StoreEntry {
  version: 1;
  key: string;
  createdAt: number;
  /** One map per saved path: relative POSIX name → file. The first path is the wheelhouse. */
  paths: Record<string, EntryFile>[];
}

const ENTRY_LIMIT = 16 * 1024 * 1024;
const MAX_ENTRY_FILES = 100_000;
const MAX_LIST_PAGES = 100;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Parts (or ranges) of one large object in flight at once. */
const PART_CONCURRENCY = 4;

/** A relative name from an entry is usable when every segment is a plain, safe name. */
function unsafeRelativeName(name: string): string | undefined {
  if (name.length === 0 || name.length > 1024) return 'empty or too long';
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `segment ${JSON.stringify(segment)}`;
    if (/[\\\0]/.test(segment)) return 'backslash or NUL';
    if (segment.startsWith('.')) return 'hidden name';
  }
  return undefined;
}

export class S3Store implements CacheBackend {
  readonly name = 's3';
  readonly client: S3Client;
  private readonly prefix: string;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly maxObjectBytes: number;
  private readonly largeObjectBytes: number;
  private readonly partBytes: number;
  /** Wheels built from sdists, shared by the fleet (`<prefix>/built/…`, s3/s3-built-wheels.ts). */
  readonly builtWheels: S3BuiltWheels;
  /** Digests known to be in the store (restored or saved by this process): no HEAD needed. */
  private readonly known = new Set<string>();
  /** Counters for logs and tests. */
  readonly stats = {
    fetched: 0,
    reused: 0,
    rejected: 0,
    uploaded: 0,
    alreadyStored: 0,
    /** Large objects uploaded in parts / fetched as parallel ranges. */
    multipartUploads: 0,
    rangedFetches: 0,
  };

  constructor(options: S3StoreOptions) {
    this.client = new S3Client(options);
    this.prefix = (options.prefix ?? 'wheelhouse').replace(/^\/+|\/+$/g, '');
    this.logger = options.logger;
    this.concurrency = options.concurrency ?? 16;
    this.maxObjectBytes = options.maxObjectBytes ?? 2 * 1024 * 1024 * 1024;
    this.largeObjectBytes = options.largeObjectBytes ?? 64 * 1024 * 1024;
    this.partBytes = options.partBytes ?? 16 * 1024 * 1024;
    this.builtWheels = new S3BuiltWheels(this, this.logger, this.maxObjectBytes);
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].filter((p) => p !== '').join('/');
  }

  objectKey(name: string, sha256: string): string {
    return this.key(name.endsWith('.whl') ? 'wheels' : 'blobs', 'sha256', sha256.slice(0, 2), sha256);
  }

  /** `<prefix>/<rest>`. */
  prefixed(rest: string): string {
    return this.key(rest);
  }

  /** Every object under `prefix` (ListObjectsV2 pages, at most `maxPages`). */
  async listAll(prefix: string, maxPages = MAX_LIST_PAGES): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const got = await this.client.list(prefix, token);
      out.push(...got.objects);
      token = got.nextToken;
      if (token === undefined) return out;
    }
    throw new Error(`more than ${maxPages} pages of objects under ${this.client.describe(prefix)}`);
  }

  /** The digests an entry names, or undefined when it is unreadable. */
  async entryDigests(objectKey: string): Promise<Set<string> | undefined> {
    const entry = await this.readEntry(objectKey);
    if (entry === undefined) return undefined;
    const out = new Set<string>();
    for (const listed of entry.paths)
      for (const file of Object.values(listed ?? {}))
        if (typeof file?.sha256 === 'string' && SHA256_HEX.test(file.sha256)) out.add(file.sha256);
    return out;
  }

  entryKey(cacheKey: string): string {
    return this.key('entries', `${encodeURIComponent(cacheKey)}.json`);
  }

  async restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    options: RestoreOptions = {},
  ): Promise<RestoreResult> {
    try {
      const entry = await this.find(paths.length, primaryKey, restoreKeys);
      if (entry === undefined) {
        this.logger.info(`cache miss for ${primaryKey} in ${this.client.describe(this.key())}`);
        return { exact: false };
      }
      let files = 0;
      let rejected = 0;
      for (const [i, listed] of entry.paths.entries()) {
        const got = await this.restorePath(listed, paths[i]!, i === 0, options);
        files += got.files;
        rejected += got.rejected;
      }
      const exact = entry.key === primaryKey;
      this.logger.info(
        `${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files fetched from ${this.client.describe(this.key())}${rejected > 0 ? `, ${rejected} rejected` : ''})`,
      );
      return { matchedKey: entry.key, exact };
    } catch (error) {
      this.logger.warn(`S3 cache restore failed (continuing without cache): ${errorMessage(error)}`);
      return { exact: false };
    }
  }

  private async readEntry(objectKey: string): Promise<StoreEntry | undefined> {
    const body = await this.client.getBuffer(objectKey, ENTRY_LIMIT);
    if (body === undefined) return undefined;
    let data: Partial<StoreEntry>;
    try {
      data = JSON.parse(body.toString('utf8')) as Partial<StoreEntry>;
    } catch {
      this.logger.warn(`S3 cache entry ${this.client.describe(objectKey)} is not JSON: ignored`);
      return undefined;
    }
    if (data.version !== 1 || typeof data.key !== 'string' || !Array.isArray(data.paths)) {
      this.logger.warn(`S3 cache entry ${this.client.describe(objectKey)} is not a version 1 entry: ignored`);
      return undefined;
    }
    return data as StoreEntry;
  }

  private async find(
    pathCount: number,
    primaryKey: string,
    restoreKeys: string[],
  ): Promise<StoreEntry | undefined> {
    const exact = await this.readEntry(this.entryKey(primaryKey));
    if (exact !== undefined && exact.key === primaryKey && exact.paths.length === pathCount) return exact;
    // Like the GitHub cache service: each prefix in turn, the newest entry starting with it.
    for (const prefix of [primaryKey, ...restoreKeys]) {
      const listPrefix = this.entryKey(prefix).replace(/\.json$/, '');
      const candidates = (await this.listAll(listPrefix)).filter((o) => o.key.endsWith('.json'));
      candidates.sort((a, b) => b.lastModified - a.lastModified);
      for (const candidate of candidates.slice(0, 3)) {
        const entry = await this.readEntry(candidate.key);
        if (entry !== undefined && entry.key.startsWith(prefix) && entry.paths.length === pathCount)
          return entry;
      }
    }
    return undefined;
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
          this.known.add(sha);
          continue;
        }
      }
      todo.push([name, file]);
    }
    const placed: Record<string, { sha256: string; size: number }> = {};
    let rejected = 0;
    await runLimited(todo, this.concurrency, async ([name, file]) => {
      const path = join(dst, ...name.split('/'));
      const ok = await this.fetchVerified(this.objectKey(name, file.sha256), path, file, stamps).catch(
        (error: unknown) => {
          this.logger.warn(`S3 cache: ${name} not restored: ${errorMessage(error)}`);
          return false;
        },
      );
      if (ok) {
        placed[name] = file;
        this.stats.fetched++;
        this.known.add(file.sha256);
      } else rejected++;
    });
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

  /** fetchObject (s3/s3-fetch.ts) with this store's limits; counts and warns. */
  async fetchVerified(
    objectKey: string,
    path: string,
    file: EntryFile,
    stamps?: FileStamps,
  ): Promise<boolean> {
    const got = await fetchObject(
      this.client,
      objectKey,
      path,
      file,
      {
        maxObjectBytes: this.maxObjectBytes,
        largeObjectBytes: this.largeObjectBytes,
        partBytes: this.partBytes,
        concurrency: PART_CONCURRENCY,
      },
      stamps && ((placedPath, digest) => stamps.record(placedPath, digest)),
    );
    if (got.ranged) this.stats.rangedFetches++;
    if (got.outcome === 'missing') {
      this.logger.warn(
        `S3 cache: ${this.client.describe(objectKey)} is missing from the store: not restored`,
      );
      return false;
    }
    if (got.outcome === 'rejected') {
      this.stats.rejected++;
      this.logger.warn(
        `S3 cache: ${this.client.describe(objectKey)} rejected, ${got.reason}: not used (the file comes from the index instead)`,
      );
      return false;
    }
    return true;
  }

  /**
   * Stores one file under its content address unless the store has it (HEAD, then a conditional
   * PUT; multipart over `largeObjectBytes`). `file.sha256` must be the file's: S3 checks the
   * payload digest a PUT is signed with, and the multipart upload checks the whole digest.
   */
  async storeObject(name: string, path: string, file: EntryFile): Promise<void> {
    if (this.known.has(file.sha256)) return;
    const objectKey = this.objectKey(name, file.sha256);
    if (await this.client.head(objectKey)) {
      this.stats.alreadyStored++;
    } else {
      const got =
        file.size > this.largeObjectBytes
          ? await uploadMultipart(this.client, objectKey, path, file, {
              partBytes: this.partBytes,
              concurrency: PART_CONCURRENCY,
            })
          : await this.client.put(objectKey, { kind: 'file', path, size: file.size }, file.sha256, true);
      if (got === 'created') this.stats.uploaded++;
      else this.stats.alreadyStored++;
      if (got === 'created' && file.size > this.largeObjectBytes) this.stats.multipartUploads++;
    }
    this.known.add(file.sha256);
  }

  async save(paths: string[], key: string): Promise<SaveResult> {
    try {
      const entryKey = this.entryKey(key);
      if (await this.client.head(entryKey)) {
        this.logger.info(
          `cache entry ${key} already exists in ${this.client.describe(this.key())}: not saved again`,
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
        await this.storeObject(u.name, u.path, u.file);
      });
      const body = Buffer.from(JSON.stringify(entry));
      const sha = createHash('sha256').update(body).digest('hex');
      const got = await this.client.put(entryKey, { kind: 'buffer', data: body }, sha, true);
      if (got === 'exists') {
        this.logger.info(`cache entry ${key} was saved concurrently by another runner`);
        return { saved: false, reason: 'entry already exists' };
      }
      this.logger.info(
        `cache saved as ${key} in ${this.client.describe(this.key())} (${this.stats.uploaded} file(s) uploaded, ${this.stats.alreadyStored} already stored)`,
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
