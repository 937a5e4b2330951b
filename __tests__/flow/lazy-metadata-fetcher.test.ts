/**
 * lazyMetadataFetcher (src/flow/lazy-metadata-fetcher.ts): the metadata fetcher whose code is
 * loaded on first use (issue 14 §2 start-up) answers as the fetcher it loads — the same METADATA,
 * the same downloaded file, the same errors — shares its capability memo, loads once, and knows no
 * downloaded file before it is loaded. Against the local test index server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { lazyMetadataFetcher } from '../../src/flow/lazy-metadata-fetcher.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { distFileFor, servedProjects, type Served } from '../helpers/metadata-fixtures.js';

const item: Served = {
  project: 'small',
  dist: buildWheel({ name: 'small', version: '1.0', requiresDist: ['idna>=2'] }),
};

describe('lazyMetadataFetcher', () => {
  let server: IndexServer;
  let http: HttpClient;
  let dir: string;

  beforeAll(async () => {
    server = await startIndexServer({ projects: servedProjects([item]) });
    http = createHttpClient({
      logger: new RecordingLogger(),
      env: {},
      netrcPath: '/nonexistent',
      backoffBaseMs: 1,
      retryAfterMaxMs: 5,
    });
    dir = await mkdtemp(join(tmpdir(), 'wh-lazy-md-'));
  });
  afterAll(async () => {
    await http.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads on first use, once; answers and downloads as the loaded fetcher; shares the memo', async () => {
    const lazy = lazyMetadataFetcher({ http, logger: new RecordingLogger(), downloadDir: dir });
    const file = distFileFor(server, item);
    expect(lazy.downloadedPath(file)).toBeUndefined();
    const result = await lazy.fetchMetadata(file);
    expect('metadata' in result && Buffer.from(result.metadata).equals(Buffer.from(item.dist.metadata))).toBe(
      true,
    );
    const loaded = await lazy.load();
    expect(await lazy.load()).toBe(loaded);
    expect(loaded.memo).toBe(lazy.memo);
    const whole = await lazy.wholeFile(file);
    expect(Buffer.compare(await readFile(whole.path), Buffer.from(item.dist.bytes))).toBe(0);
    expect(lazy.downloadedPath(file)).toBe(loaded.downloadedPath(file));
    expect(lazy.downloadedPath(file)).toBe(whole.path);
  });

  it('errors of the loaded fetcher reach the caller', async () => {
    const lazy = lazyMetadataFetcher({ http, logger: new RecordingLogger(), downloadDir: dir });
    const file = distFileFor(server, item, { url: `${server.fileUrl('nothing-1.0-py3-none-any.whl')}` });
    await expect(lazy.wholeFile({ ...file, filename: 'nothing-1.0-py3-none-any.whl' })).rejects.toThrow();
  });
});
