/**
 * The per-wheel store over the real @actions/tool-cache (which reads RUNNER_TOOL_CACHE from
 * process.env at call time: set per test and restored), feeding downloadAll's `reuse` hook.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ToolCacheWheelStore, toolCacheVersion } from '../../src/cache/tool-cache-backend.js';
import { downloadAll } from '../../src/download/download-all.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { resolvedFile, sha256Of } from '../helpers/resolutions.js';

let root: string;
let previous: string | undefined;
let server: IndexServer;
let http: HttpClient;
let logger: RecordingLogger;

const bytes = pseudoRandomBytes(30_000, 'stored');

beforeAll(async () => {
  server = await startIndexServer();
  server.addFile('stored', {
    filename: resolvedFile({ name: 'stored', version: '1.0', bytes }).filename,
    bytes,
  });
  http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1 });
});

afterAll(async () => {
  await http.close();
  await server.close();
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-toolcache-'));
  previous = process.env['RUNNER_TOOL_CACHE'];
  process.env['RUNNER_TOOL_CACHE'] = join(root, 'tool-cache');
  logger = new RecordingLogger();
  server.reset();
});

afterEach(async () => {
  if (previous === undefined) delete process.env['RUNNER_TOOL_CACHE'];
  else process.env['RUNNER_TOOL_CACHE'] = previous;
  await rm(root, { recursive: true, force: true });
});

describe('ToolCacheWheelStore', () => {
  it('is enabled only with RUNNER_TOOL_CACHE on runners that are not GitHub-hosted', () => {
    expect(ToolCacheWheelStore.fromEnvironment(logger, {})).toBeUndefined();
    expect(
      ToolCacheWheelStore.fromEnvironment(logger, {
        RUNNER_TOOL_CACHE: '/t',
        RUNNER_ENVIRONMENT: 'github-hosted',
      }),
    ).toBeUndefined();
    expect(
      ToolCacheWheelStore.fromEnvironment(logger, {
        RUNNER_TOOL_CACHE: '/t',
        RUNNER_ENVIRONMENT: 'self-hosted',
      }),
    ).toBeInstanceOf(ToolCacheWheelStore);
  });

  it('uses a semver version tool-cache can find for any digest, even all digits', () => {
    expect(toolCacheVersion('0'.repeat(64))).toBe(`0.0.0-sha256-${'0'.repeat(64)}`);
  });

  it('stores downloaded wheels by sha256 and serves them to the next download with no network', async () => {
    const file = resolvedFile({ name: 'stored', version: '1.0', bytes, baseUrl: `${server.origin}/files` });
    const store = new ToolCacheWheelStore(logger);
    expect(store.lookup(file)).toBeUndefined();

    const first = join(root, 'wh1');
    const s1 = await downloadAll([file], { http, dest: first, logger });
    expect(s1.downloaded).toBe(1);
    expect(await store.add([{ file, path: join(first, file.filename) }])).toBe(1);
    expect(await store.add([{ file, path: join(first, file.filename) }])).toBe(0);
    const stored = store.lookup(file)!;
    expect(stored).toContain(join('tool-cache', 'wheelhouse-wheels', toolCacheVersion(file.sha256)));

    server.reset();
    const second = join(root, 'wh2');
    const s2 = await downloadAll([file], { http, dest: second, logger, reuse: (f) => store.lookup(f) });
    expect(s2).toMatchObject({ downloaded: 0, reused: 1 });
    expect(server.counters.requests).toBe(0);
    expect(sha256Of(await readFile(join(second, file.filename)))).toBe(file.sha256);
  });

  it('never lets a tampered stored wheel through: it is re-downloaded', async () => {
    const file = resolvedFile({ name: 'stored', version: '1.0', bytes, baseUrl: `${server.origin}/files` });
    const store = new ToolCacheWheelStore(logger);
    const src = join(root, file.filename);
    await writeFile(src, bytes);
    await store.add([{ file, path: src }]);
    await writeFile(store.lookup(file)!, 'tampered');
    const dest = join(root, 'wh');
    const summary = await downloadAll([file], { http, dest, logger, reuse: (f) => store.lookup(f) });
    expect(summary).toMatchObject({ downloaded: 1, reused: 0 });
    expect(sha256Of(await readFile(join(dest, file.filename)))).toBe(file.sha256);
  });
});
