/**
 * Whether a metadata cache entry may stand for a distribution file's metadata (the cache travels
 * in cache entries and is untrusted): see `verifiedCacheHit`. Used by metadata-fetch.ts.
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import type { Logger } from '../util/logger.js';
import { fileSha256, type FileDigester } from '../util/file-sha256.js';
import type { DistFile } from './dist-file.js';
import type { CachedMetadata, MetadataCache } from './metadata-cache.js';
import { checkedDigests, digestMismatch } from './declared-digests.js';
import { withFileRangeSource } from './file-range-source.js';
import { readWheelMetadata } from './remote-zip.js';

export interface CacheHitContext {
  logger: Logger;
  cache?: MetadataCache;
  /** Largest METADATA read from a local copy. */
  maxSize: number;
  /** How the sha256 of a local copy (MetadataCache.localCopy) is found (default: read it). */
  digest?: FileDigester;
}

/**
 * A cached entry, only when it is proven to belong to `file` (the cache is untrusted: anyone who
 * can write a cache entry can rewrite it, e.g. to add a dependency). A METADATA is used when its
 * sha256 is the one the index declares for the file's PEP 658 metadata, or, without a declared
 * hash, when it equals the METADATA of a local copy of the file whose sha256 is the key (the
 * restored wheelhouse), or when the cache's records (kept outside it) say this machine's
 * wheelhouse read exactly these bytes for that file: content-addressed means checked. Anything
 * else is read again from the index. A `needs-build` verdict is used only for an sdist, where it
 * can only send that sdist to a build (whose prepared metadata and wheels the cache holds at the
 * entry's own trust, README "Cached"); for a wheel it would hide the file — its version then
 * unavailable, an older one chosen (review 2 s12) — so there it is never used.
 */
export async function verifiedCacheHit(
  ctx: CacheHitContext,
  file: DistFile,
  sha256: string,
  hit: CachedMetadata | undefined,
): Promise<CachedMetadata | undefined> {
  const { logger, cache, maxSize } = ctx;
  if (hit === undefined) return undefined;
  if (hit.kind === 'needs-build') {
    if (!file.filename.endsWith('.whl')) return hit;
    logger.warn(
      `cached "needs a build" verdict for the wheel ${file.filename} ignored: reading its metadata`,
    );
    return undefined;
  }
  const actual = createHash('sha256').update(hit.metadata).digest('hex');
  if (file.coreMetadata !== false && checkedDigests(file.coreMetadata).length > 0) {
    const mismatch = digestMismatch(hit.metadata, file.coreMetadata);
    if (mismatch === undefined) return hit;
    logger.warn(
      `cached metadata of ${file.filename} has ${mismatch.algorithm} ${mismatch.actual}, the index declares ${mismatch.expected}: ignored, reading it again`,
    );
    return undefined;
  }
  // Read by this machine's wheelhouse itself (the record lives outside the untrusted directory).
  if (cache?.recorded?.(sha256) === actual) return hit;
  const local = file.filename.endsWith('.whl') ? await cache?.localCopy?.(file.filename) : undefined;
  const info = local === undefined ? undefined : await lstat(local).catch(() => undefined);
  if (local !== undefined && info?.isFile() === true) {
    const copy = await (ctx.digest ?? fileSha256)(local).catch(() => undefined);
    if (copy?.sha256 === sha256) {
      const { metadata } = await withFileRangeSource(local, (source) =>
        readWheelMetadata(source, { source: file.filename, maxMetadataSize: maxSize }),
      ).catch(() => ({ metadata: undefined }));
      if (metadata !== undefined && Buffer.from(metadata).equals(Buffer.from(hit.metadata))) {
        cache?.record?.(sha256, actual);
        return hit;
      }
      logger.warn(`cached metadata of ${file.filename} differs from the METADATA in the file: ignored`);
      return undefined;
    }
  }
  logger.debug(`cached metadata of ${file.filename} cannot be verified (no declared hash, no local copy)`);
  return undefined;
}
