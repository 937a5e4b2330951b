/**
 * On-disk metadata cache, content-addressed by the distribution file's sha256. A file's bytes never
 * change under its hash, so neither does its metadata: entries are immutable, never revalidated,
 * and written atomically (temporary sibling + rename) so concurrent runs and crashes never leave a
 * torn entry. Layout: `<dir>/<sha[0:2]>/<sha>.metadata` (the core metadata bytes) or
 * `<dir>/<sha[0:2]>/<sha>.needs-build` (UTF-8 reason, for sdists whose PKG-INFO cannot be used).
 * Only hashes go into paths: no URL, so no credential, can reach the cache.
 *
 * The directory is untrusted (it travels in cache entries): this class only stores bytes; the
 * metadata fetcher verifies every entry before use (metadata-fetch.ts `verifiedCacheHit`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { redactText } from './redact.js';

export type CachedMetadata =
  { kind: 'metadata'; metadata: Uint8Array } | { kind: 'needs-build'; reason: string };

export interface MetadataCache {
  get(sha256: string): Promise<CachedMetadata | undefined>;
  put(sha256: string, entry: CachedMetadata): Promise<void>;
  /**
   * A local path that may hold the distribution file named `filename` (e.g. the restored
   * wheelhouse), unverified. The fetcher checks a cached METADATA against it when the index
   * declares no hash for the metadata (see metadata-fetch.ts). May answer once the file has
   * arrived (a cache restore still placing the wheelhouse's files while the resolution runs).
   */
  localCopy?(filename: string): string | undefined | Promise<string | undefined>;
  /**
   * The sha256 of the METADATA that this machine's wheelhouse itself read for the distribution file
   * `sha256` (from the index, or checked against a local copy of the file), when the cache keeps
   * such records (outside the cached directory, src/flow/tracked-caches.ts); an entry with exactly
   * those bytes needs no further check.
   */
  recorded?(sha256: string): string | undefined;
  /** Records that the METADATA with sha256 `metadataSha256` was checked to be the file `sha256`'s. */
  record?(sha256: string, metadataSha256: string): void;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class DiskMetadataCache implements MetadataCache {
  constructor(private readonly dir: string) {}

  private paths(sha256: string): { metadata: string; needsBuild: string; dir: string } {
    const sha = sha256.toLowerCase();
    if (!SHA256_HEX.test(sha))
      throw new Error(`metadata cache key must be a sha256 hex digest, got ${JSON.stringify(sha256)}`);
    const dir = join(this.dir, sha.slice(0, 2));
    return { dir, metadata: join(dir, `${sha}.metadata`), needsBuild: join(dir, `${sha}.needs-build`) };
  }

  async get(sha256: string): Promise<CachedMetadata | undefined> {
    const p = this.paths(sha256);
    try {
      return { kind: 'metadata', metadata: new Uint8Array(await readFile(p.metadata)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      return { kind: 'needs-build', reason: await readFile(p.needsBuild, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return undefined;
  }

  async put(sha256: string, entry: CachedMetadata): Promise<void> {
    const p = this.paths(sha256);
    await mkdir(p.dir, { recursive: true });
    const target = entry.kind === 'metadata' ? p.metadata : p.needsBuild;
    // The reason is text we wrote: it goes through the redaction point like every other writer.
    await writeFileAtomic(target, entry.kind === 'metadata' ? entry.metadata : redactText(entry.reason));
  }
}
