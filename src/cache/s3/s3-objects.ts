/**
 * The store's content-addressed objects (issue 12 §1), shared by entries (s3-store.ts) and built
 * wheels (s3-built-wheels.ts):
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file (metadata, index pages, packs)
 *
 * One place holds the store's limits (largest object fetched, multipart threshold, part size), so
 * every reader of the store refuses the same sizes. Objects are written once: HEAD, then a
 * conditional PUT (`If-None-Match: *`; a 412 means another runner stored the same bytes), in parts
 * over `largeObjectBytes` (s3-multipart.ts). A fetch places an object only when its sha256 and
 * size are the expected ones (s3-fetch.ts).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../util/logger.js';
import { errorMessage } from '../backend.js';
import type { FileStamps } from '../file-stamps.js';
import type { S3Client } from './s3-client.js';
import { isStoreUnresponsive } from './s3-error.js';
import { fetchObject } from './s3-fetch.js';
import { uploadMultipart } from './s3-multipart.js';
import { ListPageError, MAX_LIST_PAGE_OBJECTS, type ListedObject } from './s3-xml.js';

export interface ObjectFile {
  sha256: string;
  size: number;
}

export interface S3ObjectLimits {
  /** Largest object fetched (default 2 GiB). */
  maxObjectBytes?: number;
  /** Objects over this size are uploaded in parts and fetched as parallel ranges (default 64 MiB). */
  largeObjectBytes?: number;
  /** Part / range size for those (default 16 MiB; S3's minimum part is 5 MiB). */
  partBytes?: number;
}

export const MAX_LIST_PAGES = 100;
/** Parts (or ranges) of one large object in flight at once. */
const PART_CONCURRENCY = 4;

export class S3Objects {
  readonly maxObjectBytes: number;
  readonly largeObjectBytes: number;
  readonly partBytes: number;
  /**
   * Object keys this process stored or HEAD-confirmed while saving: no HEAD needed. A digest
   * restored (or found on disk) is not one: a prune may delete its object before the save (review
   * 14c F1), and an entry must never name an object the store does not hold. Keyed by the object
   * key, not the digest: one digest has two keys (`objectKey`: wheels/ for a `.whl` name, blobs/
   * else), and an entry naming the same bytes under both needs both stored (review 14e F3).
   */
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

  constructor(
    readonly client: S3Client,
    /** Key prefix inside the bucket, without leading or trailing slash. */
    readonly prefix: string,
    private readonly logger: Logger,
    limits: S3ObjectLimits = {},
  ) {
    this.maxObjectBytes = limits.maxObjectBytes ?? 2 * 1024 * 1024 * 1024;
    this.largeObjectBytes = limits.largeObjectBytes ?? 64 * 1024 * 1024;
    this.partBytes = limits.partBytes ?? 16 * 1024 * 1024;
  }

  /** `<prefix>/<parts…>`. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].filter((p) => p !== '').join('/');
  }

  objectKey(name: string, sha256: string): string {
    return this.key(name.endsWith('.whl') ? 'wheels' : 'blobs', 'sha256', sha256.slice(0, 2), sha256);
  }

  /**
   * Every object under `prefix` (ListObjectsV2 pages, at most `maxPages`): at most `maxPages` ×
   * MAX_LIST_PAGE_OBJECTS objects, since a page with more is refused (s3-xml.ts).
   */
  async listAll(prefix: string, maxPages = MAX_LIST_PAGES): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    // One at a time: spreading a page into push() passes each object as an argument.
    await this.listPages(prefix, maxPages, (objects) => {
      for (const object of objects) out.push(object);
    });
    return out;
  }

  /**
   * `listAll` one page at a time: `onPage` has each page's objects before the next is asked for,
   * so a caller that keeps only what it needs holds one page at most (review 17b F2: prune).
   */
  async listPages(
    prefix: string,
    maxPages: number,
    onPage: (objects: ListedObject[]) => void | Promise<void>,
  ): Promise<void> {
    let token: string | undefined;
    const seenTokens = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      let got;
      try {
        got = await this.client.list(prefix, token);
      } catch (error) {
        if (error instanceof ListPageError)
          throw new ListPageError(`S3 LIST ${this.client.describe(prefix)}: ${error.message}: not used`);
        throw error;
      }
      if (got.objects.length > MAX_LIST_PAGE_OBJECTS)
        throw new ListPageError(
          `S3 LIST ${this.client.describe(prefix)}: a page of ${got.objects.length} objects (S3 sends at most ${MAX_LIST_PAGE_OBJECTS}): not used`,
        );
      await onPage(got.objects);
      if (got.nextToken === undefined) return;
      // A token answered before means the server is going round in circles: following it again
      // only repeats pages (review 14c F7). Refused like any other unusable page.
      if (seenTokens.has(got.nextToken))
        throw new ListPageError(
          `S3 LIST ${this.client.describe(prefix)}: the continuation token of page ${page + 1} was answered before: not used`,
        );
      seenTokens.add(got.nextToken);
      token = got.nextToken;
    }
    throw new Error(`more than ${maxPages} pages of objects under ${this.client.describe(prefix)}`);
  }

  /** fetchObject (s3-fetch.ts) with this store's limits; counts and warns. */
  async fetchVerified(
    objectKey: string,
    path: string,
    file: ObjectFile,
    stamps?: FileStamps,
    /** Directories the caller already made (s3-fetch.ts FetchLimits.madeDirs). */
    madeDirs?: Set<string>,
    /** Ends the fetch when aborted (nothing placed, no warning). */
    signal?: AbortSignal,
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
        ...(madeDirs !== undefined ? { madeDirs } : {}),
        ...(signal !== undefined ? { signal } : {}),
      },
      stamps && ((placedPath, digest) => stamps.record(placedPath, digest)),
    );
    if (got.ranged) this.stats.rangedFetches++;
    if (got.outcome === 'cancelled') return false;
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
   * A small object (a pack, s3-pack.ts) into memory, read no further than `file.size` bytes: its
   * bytes when they have `file`'s sha256 and size; undefined when it is missing or other bytes
   * (warned, as fetchVerified does). A store that stopped answering is thrown.
   */
  async fetchBuffer(objectKey: string, file: ObjectFile): Promise<Buffer | undefined> {
    const where = this.client.describe(objectKey);
    let body: Buffer | undefined;
    try {
      body = await this.client.getBuffer(objectKey, file.size);
    } catch (error) {
      if (isStoreUnresponsive(error)) throw error;
      this.stats.rejected++;
      this.logger.warn(`S3 cache: ${where} rejected, ${errorMessage(error)}: not used`);
      return undefined;
    }
    if (body === undefined) {
      this.logger.warn(`S3 cache: ${where} is missing from the store: not restored`);
      return undefined;
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (sha256 !== file.sha256 || body.length !== file.size) {
      this.stats.rejected++;
      this.logger.warn(
        `S3 cache: ${where} rejected, sha256 ${sha256} (${body.length} bytes) is not the entry's ${file.sha256} (${file.size} bytes): not used`,
      );
      return undefined;
    }
    return body;
  }

  /** Stores bytes in memory (a pack) under their content address as `name` would be, unless present. */
  async storeBuffer(name: string, data: Buffer, sha256: string): Promise<void> {
    const objectKey = this.objectKey(name, sha256);
    if (this.known.has(objectKey)) return;
    if (await this.client.head(objectKey)) this.stats.alreadyStored++;
    else if ((await this.client.put(objectKey, { kind: 'buffer', data }, sha256, true)) === 'created')
      this.stats.uploaded++;
    else this.stats.alreadyStored++;
    this.known.add(objectKey);
  }

  /**
   * Stores one file under its content address unless the store has it (HEAD, then a conditional
   * PUT; multipart over `largeObjectBytes`). `file.sha256` must be the file's: S3 checks the
   * payload digest a PUT is signed with, and the multipart upload checks the whole digest.
   */
  async storeObject(name: string, path: string, file: ObjectFile): Promise<void> {
    const objectKey = this.objectKey(name, file.sha256);
    if (this.known.has(objectKey)) return;
    if (await this.client.head(objectKey)) {
      this.stats.alreadyStored++;
    } else {
      const multipart = file.size > this.largeObjectBytes;
      const got = multipart
        ? await uploadMultipart(this.client, objectKey, path, file, {
            partBytes: this.partBytes,
            concurrency: PART_CONCURRENCY,
          })
        : await this.client.put(objectKey, { kind: 'file', path, size: file.size }, file.sha256, true);
      if (got === 'created') this.stats.uploaded++;
      else this.stats.alreadyStored++;
      if (got === 'created' && multipart) this.stats.multipartUploads++;
    }
    this.known.add(objectKey);
  }
}
