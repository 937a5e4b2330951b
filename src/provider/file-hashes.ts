/**
 * The sha256 of chosen files whose source declares none: a find-links page or a self-hosted index
 * without `#sha256=` fragments (PEP 503 makes the hash optional), or a direct URL without one. The
 * lock needs `--hash=sha256:` for every file (pip's hash-checking mode, which `--require-hashes`
 * turns on, refuses a requirement without one), so such a file is downloaded whole once and hashed,
 * as pip itself does for a source without hashes. Only the files the resolution chose are hashed,
 * never every candidate; their metadata may still have come from range requests.
 */
import type { DistFile } from '../index/dist-file.js';
import { runLimited } from '../util/for-each-limited.js';

/** Downloads a file whole (at most once) and answers the sha256 and size of the bytes received. */
export interface FileHasher {
  wholeFile(file: DistFile): Promise<{ sha256: string; size: number; digests?: Record<string, string> }>;
}

export interface FileDigest {
  sha256: string;
  size: number;
  /** Hex digests of the bytes by algorithm, when the hasher gives them (sha256, declared ones). */
  digests?: Record<string, string>;
}

/** A chosen file without a declared sha256 could not be downloaded to compute one. */
export class FileHashError extends Error {
  constructor(
    readonly filename: string,
    /** Redacted URL. */
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${filename}: its source gives no sha256, and downloading ${url} to compute one failed: ${reason}`);
    this.name = 'FileHashError';
  }
}

/** Chosen files hashed at once by default (downloads; the HTTP client also bounds each host). */
export const DEFAULT_HASH_CONCURRENCY = 8;

/**
 * The digest of each of `files` (which lack a declared sha256), keyed by the file, computed by
 * `hasher` with at most `concurrency` downloads at once. Without a hasher, or when a download
 * fails, throws FileHashError naming the file and its redacted URL.
 */
export async function hashUnhashedFiles(
  files: readonly DistFile[],
  hasher: FileHasher | undefined,
  concurrency = DEFAULT_HASH_CONCURRENCY,
): Promise<Map<DistFile, FileDigest>> {
  const out = new Map<DistFile, FileDigest>();
  const first = files[0];
  if (first === undefined) return out;
  if (hasher === undefined) {
    throw new FileHashError(first.filename, first.redactedUrl, 'no downloader was given to this resolution');
  }
  await runLimited(files, concurrency, async (file) => {
    try {
      const digest = await hasher.wholeFile(file);
      out.set(file, {
        sha256: digest.sha256.toLowerCase(),
        size: digest.size,
        ...(digest.digests !== undefined ? { digests: digest.digests } : {}),
      });
    } catch (error) {
      throw new FileHashError(
        file.filename,
        file.redactedUrl,
        error instanceof Error ? error.message : String(error),
      );
    }
  });
  return out;
}
