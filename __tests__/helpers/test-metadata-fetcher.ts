/**
 * A metadata fetcher for tests against the local index server: a fresh HTTP client cut off from this
 * machine (no proxy or credential environment, no ~/.netrc) with near-zero retry waits, a recording
 * logger, and a new temporary download directory. The caller closes `http`.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapabilityMemo } from '../../src/index/capability-memo.js';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { DiskMetadataCache, type MetadataCache } from '../../src/index/metadata-cache.js';
import { createMetadataFetcher, type MetadataFetcher } from '../../src/index/metadata-fetch.js';
import { RecordingLogger } from '../../src/util/logger.js';

export interface TestMetadataFetcher {
  fetcher: MetadataFetcher;
  http: HttpClient;
  logger: RecordingLogger;
  /** Where files read whole are kept. */
  downloadDir: string;
}

export interface TestMetadataFetcherOptions {
  memo?: CapabilityMemo;
  /** A DiskMetadataCache directory (none by default). */
  cacheDir?: string;
  /** A directory of distribution files by name, offered as `localCopy` of the metadata cache. */
  localCopies?: string;
  /**
   * Records of METADATA read (file sha256 → METADATA sha256), kept as the fetch flow keeps them
   * (src/flow/tracked-caches.ts): every stored METADATA is recorded, and the fetcher consults them.
   */
  records?: Map<string, string>;
}

export async function createTestMetadataFetcher(
  options: TestMetadataFetcherOptions = {},
): Promise<TestMetadataFetcher> {
  const logger = new RecordingLogger();
  const http = createHttpClient({
    logger,
    env: {},
    netrcPath: '/nonexistent',
    backoffBaseMs: 1,
    retryAfterMaxMs: 5,
  });
  const downloadDir = await mkdtemp(join(tmpdir(), 'wh-md-dl-'));
  const fetcher = createMetadataFetcher({
    http,
    logger,
    downloadDir,
    ...(options.memo ? { memo: options.memo } : {}),
    ...(options.cacheDir
      ? { cache: metadataCache(options.cacheDir, options.localCopies, options.records) }
      : {}),
  });
  return { fetcher, http, logger, downloadDir };
}

function metadataCache(dir: string, localCopies?: string, records?: Map<string, string>): MetadataCache {
  const disk = new DiskMetadataCache(dir);
  return {
    get: (sha256) => disk.get(sha256),
    put: async (sha256, entry) => {
      await disk.put(sha256, entry);
      if (records !== undefined && entry.kind === 'metadata') {
        records.set(sha256, createHash('sha256').update(entry.metadata).digest('hex'));
      }
    },
    ...(localCopies !== undefined ? { localCopy: (filename: string) => join(localCopies, filename) } : {}),
    ...(records !== undefined
      ? {
          recorded: (sha256: string) => records.get(sha256),
          record: (sha256: string, metadataSha256: string) => void records.set(sha256, metadataSha256),
        }
      : {}),
  };
}
