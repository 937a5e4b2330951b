/**
 * A distribution file's core metadata by the cheapest correct path, recording which one it took:
 *
 *   cache      content-addressed by the file's sha256 (metadata-cache.ts): zero requests;
 *   pep658     PEP 658/714 `<url>.metadata`, verified against the sha256 the index declares — a
 *              mismatch is MetadataHashMismatchError, never a silent fallback (a 404 does fall
 *              back, logged);
 *   lazy-wheel the wheel's ZIP tail and METADATA member over HTTP ranges (lazy-wheel.ts,
 *              remote-zip.ts); a host that cannot do ranges falls through to…
 *   download   the whole file streamed to `downloadDir` with its sha256 verified, kept for the
 *              download step (`downloadedPath`), METADATA read from the local file (`wholeFile`
 *              downloads a chosen file this way when its source declares no sha256);
 *   sdist      sdists are downloaded and their top-level PKG-INFO read (sdist-metadata.ts); it is
 *              used when PEP 643 allows it, else the result is `{ kind: 'needs-build', reason }`.
 *
 * The result is a union on `kind` ('metadata' | 'needs-build'); failures are typed errors that
 * carry only redacted URLs. Metadata must name the project and version the file name says
 * (MetadataMismatchError). Concurrent calls for the same file share one fetch.
 *
 * Each file's metadata is parsed once, here (also on a cache hit): the result carries the
 * `CoreMetadata` (`parsed`) beside the bytes, used for the identity and PEP 643 checks and handed
 * on to the speculative walk and the provider, so neither parses the file again.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../util/logger.js';
import { parseSdistFilename, parseWheelFilename } from '../standards/filenames.js';
import { parseMetadata, type CoreMetadata } from '../standards/metadata.js';
import type { DistFile } from './dist-file.js';
import type { HttpClient } from './http-client.js';
import { CapabilityMemo } from './capability-memo.js';
import type { MetadataCache } from './metadata-cache.js';
import { fileSha256, type FileDigester } from '../util/file-sha256.js';
import { checkMetadataIdentity } from './metadata-identity.js';
import { HttpRangeSource, RangeUnsupportedError } from './lazy-wheel.js';
import { DEFAULT_MAX_METADATA_SIZE, DEFAULT_TAIL_SIZE, readWheelMetadata } from './remote-zip.js';
import { DownloadHashMismatchError, downloadToFile } from './file-download.js';
import { isUnmatchableDigest } from './dist-link.js';
import { checkedDigests } from './declared-digests.js';
import { withFileRangeSource } from './file-range-source.js';
import { readSdistPkgInfo, sdistMetadataUsability } from './sdist-metadata.js';
import { checkDeclared, type Counts, tryPep658 } from './pep658-metadata.js';
import { verifiedCacheHit } from './metadata-cache-trust.js';

export { MetadataHashMismatchError, metadataUrl } from './pep658-metadata.js';

export type MetadataPath = 'pep658' | 'lazy-wheel' | 'download' | 'sdist' | 'cache';

export interface FetchedMetadata {
  kind: 'metadata';
  metadata: Uint8Array;
  /** `metadata` parsed (leniently, by `parseMetadata` or the injected parser), once per fetch. */
  parsed: CoreMetadata;
  path: MetadataPath;
  /** HTTP requests this call sent, and body bytes it received. */
  requests: number;
  bytes: number;
}

export interface MetadataNeedsBuild {
  kind: 'needs-build';
  /** Why the sdist's PKG-INFO cannot stand in for a build (for the resolver's explanation). */
  reason: string;
  path: 'sdist' | 'cache';
  requests: number;
  bytes: number;
}

export type MetadataFetchResult = FetchedMetadata | MetadataNeedsBuild;

/** Parses a core metadata file (default: `parseMetadata` of src/standards/metadata.ts). */
export type MetadataParser = (bytes: Uint8Array) => CoreMetadata;

const defaultParser: MetadataParser = (bytes) => parseMetadata(bytes).metadata;

export interface MetadataFetcherOptions {
  http: HttpClient;
  logger: Logger;
  /** How metadata files are parsed (tests inject a counting parser). */
  parser?: MetadataParser;
  cache?: MetadataCache;
  /** Where whole-file downloads go (default: a fresh temporary directory). */
  downloadDir?: string;
  memo?: CapabilityMemo;
  /** How the sha256 of a local copy (MetadataCache.localCopy) is found (default: read it). */
  digest?: FileDigester;
  tailSize?: number;
  maxMetadataSize?: number;
}

/** A file this fetcher holds whole on disk, with the sha256 and size of the bytes it received. */
export interface WholeFile {
  path: string;
  sha256: string;
  /** Hex digests of the bytes: sha256 and every declared algorithm of pip's (each checked). */
  digests: Record<string, string>;
  size: number;
}

export interface MetadataFetcher {
  fetchMetadata(file: DistFile): Promise<MetadataFetchResult>;
  /**
   * Where this fetcher downloaded `file` whole (hash-verified when the index gave a hash), if it
   * did. A file whose source gave no sha256 is also found by its name and the sha256 computed while
   * downloading it (the hash a resolution records for it).
   */
  downloadedPath(file: DistFile): string | undefined;
  /**
   * `file` downloaded whole, once: a download already done (or under way) for its metadata is
   * reused, else the file is streamed to the download directory with its sha256 computed on the fly.
   * For files whose source declares no sha256 (find-links pages, indexes without hashes), which the
   * lock still needs; the download step then reuses the file (`downloadedPath`).
   */
  wholeFile(file: DistFile): Promise<WholeFile>;
  readonly memo: CapabilityMemo;
}

function fileKey(file: DistFile): string {
  return `${file.filename}\u0000${file.hashes.sha256?.toLowerCase() ?? file.url}`;
}

/**
 * The directory of one file's download below the download directory: named by a digest of its
 * key, so two files of one name (an index and a find-links page, two indexes) never share a path —
 * the second download would rename over the first, whose record then named the other's bytes
 * (review 14b #7).
 */
function fileDir(file: DistFile): string {
  return createHash('sha256').update(fileKey(file)).digest('hex').slice(0, 32);
}

/** The key a download is also known by: its name and the sha256 of the bytes received. */
function hashedKey(filename: string, sha256: string): string {
  return `${filename}\u0000${sha256.toLowerCase()}`;
}

export function createMetadataFetcher(options: MetadataFetcherOptions): MetadataFetcher {
  const { http, logger, cache } = options;
  const memo = options.memo ?? new CapabilityMemo();
  const maxSize = options.maxMetadataSize ?? DEFAULT_MAX_METADATA_SIZE;
  const pep658Context = { http, logger, maxSize };
  const cacheContext = {
    logger,
    maxSize,
    ...(cache !== undefined ? { cache } : {}),
    ...(options.digest !== undefined ? { digest: options.digest } : {}),
  };
  const parse = options.parser ?? defaultParser;
  /** By fileKey, and for every download also by name and the sha256 computed (hashedKey). */
  const downloads = new Map<string, WholeFile>();
  const inFlight = new Map<string, Promise<MetadataFetchResult>>();
  const wholeInFlight = new Map<string, Promise<WholeFile>>();
  let tempDir: Promise<string> | undefined;

  const downloadDir = async (): Promise<string> => {
    if (options.downloadDir !== undefined) return options.downloadDir;
    tempDir ??= mkdtemp(join(tmpdir(), 'wheelhouse-dl-'));
    return tempDir;
  };

  async function download(file: DistFile, counts: Counts, response?: RangeUnsupportedError['response']) {
    let dest: string;
    try {
      dest = join(await downloadDir(), fileDir(file), file.filename);
    } catch (error) {
      // A 200 handed over from the range attempt must not stay unread (it holds a connection).
      await response?.discard().catch(() => undefined);
      throw error;
    }
    const result = await downloadToFile({
      http,
      logger,
      url: file.url,
      redactedUrl: file.redactedUrl,
      dest,
      hashes: file.hashes,
      size: file.size,
      response,
    });
    counts.requests += result.requests;
    counts.bytes += result.bytes;
    const whole: WholeFile = {
      path: result.path,
      sha256: result.sha256,
      digests: result.digests,
      size: result.size,
    };
    downloads.set(fileKey(file), whole);
    downloads.set(hashedKey(file.filename, result.sha256), whole);
    return result.path;
  }

  async function downloadWhole(file: DistFile): Promise<WholeFile> {
    const key = fileKey(file);
    // A metadata fetch under way may be downloading this very file (a host without ranges).
    await inFlight.get(key)?.catch(() => undefined);
    const earlier = downloads.get(key);
    if (earlier !== undefined) return recheck(file, earlier);
    await download(file, { requests: 0, bytes: 0 });
    const done = downloads.get(key);
    if (done === undefined) throw new Error(`${file.redactedUrl}: downloaded but not recorded`);
    return done;
  }

  /**
   * A download made earlier in this run, its bytes hashed again before they are used (a build
   * trusts the path to hold the file of that sha256, review 14b #7); other bytes fail.
   */
  async function recheck(file: DistFile, whole: WholeFile): Promise<WholeFile> {
    const now = await fileSha256(whole.path);
    if (now.sha256 !== whole.sha256 || now.size !== whole.size)
      throw new DownloadHashMismatchError(
        `${file.redactedUrl} (downloaded earlier in this run to ${whole.path}, changed since)`,
        whole.sha256,
        now.sha256,
        now.size,
      );
    return whole;
  }

  async function wheelMetadata(file: DistFile, counts: Counts): Promise<Unparsed> {
    const pep658 = await tryPep658(pep658Context, file, counts);
    if (pep658 !== undefined) return { kind: 'metadata', metadata: pep658, path: 'pep658', ...counts };
    const source = new HttpRangeSource({
      http,
      url: file.url,
      redactedUrl: file.redactedUrl,
      size: file.size,
      memo,
      logger,
    });
    try {
      const { metadata } = await readWheelMetadata(source, {
        source: file.redactedUrl,
        tailSize: options.tailSize ?? DEFAULT_TAIL_SIZE,
        maxMetadataSize: maxSize,
      });
      counts.requests += source.requests;
      counts.bytes += source.bytes;
      return { kind: 'metadata', metadata: checkDeclared(file, metadata), path: 'lazy-wheel', ...counts };
    } catch (error) {
      counts.requests += source.requests;
      counts.bytes += source.bytes;
      if (!(error instanceof RangeUnsupportedError)) throw error;
      logger.debug(`${error.message}; downloading the whole file`);
      const path = await download(file, counts, error.response);
      const { metadata } = await withFileRangeSource(path, (local) =>
        readWheelMetadata(local, { source: file.redactedUrl, maxMetadataSize: maxSize }),
      );
      return { kind: 'metadata', metadata: checkDeclared(file, metadata), path: 'download', ...counts };
    }
  }

  async function sdistMetadata(file: DistFile, counts: Counts): Promise<MetadataFetchResult> {
    const pep658 = await tryPep658(pep658Context, file, counts);
    const pkgInfo =
      pep658 ?? (await readSdistPkgInfo(await download(file, counts), file.filename, file.redactedUrl));
    const parsed = parse(pkgInfo);
    const usability = sdistMetadataUsability(parsed);
    if (usability.kind === 'needs-build') return { ...usability, path: 'sdist', ...counts };
    return {
      kind: 'metadata',
      metadata: pkgInfo,
      parsed,
      path: pep658 !== undefined ? 'pep658' : 'sdist',
      ...counts,
    };
  }

  async function fetchUncached(file: DistFile): Promise<MetadataFetchResult> {
    // A declared digest that is not hex matches no file: pip keeps it, and the download of the
    // file then fails its hash check (review 14b #10); refused before any request.
    for (const [algorithm, value] of checkedDigests(file.hashes))
      if (isUnmatchableDigest(value))
        throw new DownloadHashMismatchError(file.redactedUrl, value.slice(1), '', 0, algorithm);
    const sha256 = file.hashes.sha256?.toLowerCase();
    if (cache !== undefined && sha256 !== undefined) {
      const hit = await verifiedCacheHit(cacheContext, file, sha256, await cache.get(sha256));
      if (hit !== undefined) {
        return hit.kind === 'metadata'
          ? {
              kind: 'metadata',
              metadata: hit.metadata,
              parsed: parse(hit.metadata),
              path: 'cache',
              requests: 0,
              bytes: 0,
            }
          : { kind: 'needs-build', reason: hit.reason, path: 'cache', requests: 0, bytes: 0 };
      }
    }
    const counts: Counts = { requests: 0, bytes: 0 };
    let result: MetadataFetchResult;
    if (file.filename.endsWith('.whl')) {
      const named = parseWheelFilename(file.filename);
      const raw = await wheelMetadata(file, counts);
      result = { ...raw, parsed: parse(raw.metadata) };
      checkMetadataIdentity(result.parsed, named.name, named.version, file.redactedUrl);
    } else {
      const named = parseSdistFilename(file.filename, file.project);
      result = await sdistMetadata(file, counts);
      if (result.kind === 'metadata') {
        checkMetadataIdentity(result.parsed, named.name, named.version, file.redactedUrl);
      }
    }
    if (cache !== undefined && sha256 !== undefined) {
      await cache.put(
        sha256,
        result.kind === 'metadata'
          ? { kind: 'metadata', metadata: result.metadata }
          : { kind: 'needs-build', reason: result.reason },
      );
    }
    return result;
  }

  return {
    memo,
    downloadedPath: (file) => downloads.get(fileKey(file))?.path,
    wholeFile(file) {
      const key = fileKey(file);
      const done = downloads.get(key);
      if (done !== undefined) return recheck(file, done);
      let pending = wholeInFlight.get(key);
      if (pending === undefined) {
        pending = downloadWhole(file).finally(() => wholeInFlight.delete(key));
        wholeInFlight.set(key, pending);
      }
      return pending;
    },
    fetchMetadata(file) {
      const key = fileKey(file);
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = fetchUncached(file).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

/** A wheel's metadata bytes before the one parse (fetchUncached). */
type Unparsed = Omit<FetchedMetadata, 'parsed'>;
