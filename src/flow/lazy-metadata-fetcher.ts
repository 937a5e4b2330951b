/**
 * A MetadataFetcher whose code (index/metadata-fetch.ts and the range, ZIP and download modules
 * under it) is loaded when first used or when `load` is called, not before the run's first
 * request (issue 14 §2 start-up): the speculative walk and the resolver ask for metadata only once
 * pages have arrived. Behaviour is the loaded fetcher's; nothing is downloaded before it exists,
 * so `downloadedPath` answers undefined until then.
 */
import { CapabilityMemo } from '../index/capability-memo.js';
import type { MetadataFetcher, MetadataFetcherOptions } from '../index/metadata-fetch.js';

export interface LazyMetadataFetcher extends MetadataFetcher {
  /** Loads (once) and answers the fetcher itself. */
  load(): Promise<MetadataFetcher>;
}

export function lazyMetadataFetcher(options: MetadataFetcherOptions): LazyMetadataFetcher {
  const memo = options.memo ?? new CapabilityMemo();
  let loaded: MetadataFetcher | undefined;
  let loading: Promise<MetadataFetcher> | undefined;
  const load = (): Promise<MetadataFetcher> =>
    (loading ??= import('../index/metadata-fetch.js').then(
      ({ createMetadataFetcher }) => (loaded = createMetadataFetcher({ ...options, memo })),
    ));
  return {
    memo,
    load,
    fetchMetadata: async (file) => (await load()).fetchMetadata(file),
    wholeFile: async (file) => (await load()).wholeFile(file),
    downloadedPath: (file) => loaded?.downloadedPath(file),
  };
}
