/**
 * On-disk metadata cache, content-addressed by the distribution file's sha256. A file's bytes never
 * change under its hash, so neither does its metadata: entries are immutable, never revalidated,
 * and written atomically (temporary sibling + rename) so concurrent runs and crashes never leave a
 * torn entry. Layout: `<dir>/<sha[0:2]>/<sha>.metadata` (the core metadata bytes) or
 * `<dir>/<sha[0:2]>/<sha>.needs-build` (UTF-8 reason, for sdists whose PKG-INFO cannot be used).
 * Only hashes go into paths: no URL, so no credential, can reach the cache.
 *
 * The directory is untrusted (it travels in cache entries): this class only stores bytes; the
 * metadata fetcher verifies every entry before use (metadata-fetch.ts `verifiedCacheHit`). Entries
 * are read without following a link, only when they are regular files, and up to a limit (the
 * fetcher's default METADATA limit), util/read-regular-file.ts: an entry restored as a FIFO or a
 * link to /dev/zero (the Actions cache's tar keeps both) is a miss with a warning, never a hang.
 * Files a cache restore holds in memory (src/util/held-files.ts) are read from there first, as if
 * on disk, under the same size limits.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { HeldFiles } from '../util/held-files.js';
import { ensurePlainDir } from '../util/plain-dir.js';
import { describeProblem, readRegularBytes } from '../util/read-regular-file.js';
import { redactText } from './redact.js';
import { DEFAULT_MAX_METADATA_SIZE } from './remote-zip.js';

/** The most bytes of a `.needs-build` reason read (one redacted message). */
const REASON_LIMIT = 64 * 1024;

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
  /**
   * Drops the record of the file `sha256`'s METADATA (it proved to differ from the file's own,
   * src/flow/ranged-metadata-check.ts): the cached entry is then verified again before any use.
   */
  forget?(sha256: string): void;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class DiskMetadataCache implements MetadataCache {
  constructor(
    private readonly dir: string,
    /** Told about an entry that is there but was not read (not a regular file, too large…). */
    private readonly warn: (message: string) => void = () => {},
    private readonly limit: number = DEFAULT_MAX_METADATA_SIZE,
    /** Restored files not written yet, read before the directory (src/util/held-files.ts). */
    private readonly held?: HeldFiles,
  ) {}

  private paths(sha256: string): { metadata: string; needsBuild: string; dir: string } {
    const sha = sha256.toLowerCase();
    if (!SHA256_HEX.test(sha))
      throw new Error(`metadata cache key must be a sha256 hex digest, got ${JSON.stringify(sha256)}`);
    const dir = join(this.dir, sha.slice(0, 2));
    return { dir, metadata: join(dir, `${sha}.metadata`), needsBuild: join(dir, `${sha}.needs-build`) };
  }

  async get(sha256: string): Promise<CachedMetadata | undefined> {
    const p = this.paths(sha256);
    const held = this.heldEntry(p);
    if (held !== 'none') return held;
    const metadata = await readRegularBytes(p.metadata, this.limit);
    if ('bytes' in metadata) return { kind: 'metadata', metadata: new Uint8Array(metadata.bytes) };
    if (metadata.problem === 'missing') {
      const reason = await readRegularBytes(p.needsBuild, REASON_LIMIT);
      if ('bytes' in reason) return { kind: 'needs-build', reason: reason.bytes.toString('utf8') };
      if (reason.problem === 'missing') return undefined;
      this.warn(`metadata cache: ${p.needsBuild}: ${describeProblem(reason)}; ignored`);
      return undefined;
    }
    this.warn(`metadata cache: ${p.metadata}: ${describeProblem(metadata)}; ignored`);
    return undefined;
  }

  /** The entry held in memory for these paths ('none': ask the directory), bounded as on disk. */
  private heldEntry(p: { metadata: string; needsBuild: string }): CachedMetadata | undefined | 'none' {
    const metadata = this.held?.read(p.metadata);
    if (metadata !== undefined) {
      if (metadata.length <= this.limit) return { kind: 'metadata', metadata: new Uint8Array(metadata) };
      this.warn(`metadata cache: ${p.metadata}: larger than ${this.limit} bytes; ignored`);
      return undefined;
    }
    const reason = this.held?.read(p.needsBuild);
    if (reason === undefined) return 'none';
    if (reason.length <= REASON_LIMIT) return { kind: 'needs-build', reason: reason.toString('utf8') };
    this.warn(`metadata cache: ${p.needsBuild}: larger than ${REASON_LIMIT} bytes; ignored`);
    return undefined;
  }

  async put(sha256: string, entry: CachedMetadata): Promise<void> {
    const p = this.paths(sha256);
    // A restored `<aa>` that is a link (or anything but a real directory) would have the entry
    // written wherever it points: its name is removed first (util/plain-dir.ts).
    await ensurePlainDir(p.dir, (message) => this.warn(`metadata cache: ${message}`));
    const target = entry.kind === 'metadata' ? p.metadata : p.needsBuild;
    // The reason is text we wrote: it goes through the redaction point like every other writer.
    await writeFileAtomic(target, entry.kind === 'metadata' ? entry.metadata : redactText(entry.reason));
    // What is on disk now is newer than anything held for either name.
    this.held?.release(p.metadata);
    this.held?.release(p.needsBuild);
  }
}
