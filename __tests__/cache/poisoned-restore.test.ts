/**
 * A poisoned cache entry (wrong bytes under a resolved wheel's name, plus a stray file) travels
 * through the real @actions/cache save/restore and the cache-service double; verifyWheelhouse then
 * removes it and downloadAll fetches only the replaced wheel, so the wheelhouse ends exactly as the
 * resolution says. Also the warm path: an intact entry means zero downloads.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { cacheKey } from '../../src/cache/cache-key.js';
import {
  MANIFEST_FILENAME,
  manifestFor,
  verifyWheelhouse,
  writeManifest,
} from '../../src/cache/wheelhouse-manifest.js';
import { downloadAll } from '../../src/download/download-all.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { useActionsCache } from '../helpers/actions-cache-run.js';
import { quietly } from '../helpers/quiet-stdout.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { resolutionOf, sha256Of, type FileSpec } from '../helpers/resolutions.js';

let server: IndexServer;
let http: HttpClient;
let work: string;
let wheelhouse: string;
let logger: RecordingLogger;

const specs: FileSpec[] = ['one', 'two', 'three'].map((name) => ({
  name,
  version: '1.0',
  bytes: pseudoRandomBytes(40_000, name),
}));
const target = { os: 'linux', arch: 'x64', implementation: 'cp', pythonVersion: '3.12' };

beforeAll(async () => {
  server = await startIndexServer();
  for (const s of specs) {
    const filename = resolutionOf([s]).packages[0]!.file.filename;
    server.addFile(s.name, { filename, bytes: s.bytes });
  }
  http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1 });
});

afterAll(async () => {
  await http.close();
  await server.close();
});

beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-poison-'));
  wheelhouse = join(work, 'workspace', 'wheelhouse');
  await mkdir(wheelhouse, { recursive: true });
  logger = new RecordingLogger();
});
useActionsCache(() => work);

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('restore → verify → download', () => {
  it('replaces a poisoned wheel and prunes strays; an intact entry downloads nothing', async () => {
    const resolution = resolutionOf(specs.map((s) => ({ ...s, baseUrl: `${server.origin}/files` })));
    const files = resolution.packages.map((p) => p.file);
    const { key, restorePrefix } = cacheKey(resolution, target);
    const backend = new ActionsCacheBackend(logger);

    // A poisoned entry: every wheel present, one with wrong bytes, and a stray file.
    for (const s of specs) {
      const f = files.find((x) => x.filename.startsWith(s.name))!;
      await writeFile(join(wheelhouse, f.filename), s.name === 'two' ? 'malicious' : s.bytes);
    }
    await writeFile(join(wheelhouse, 'backdoor-1.0-py3-none-any.whl'), 'stray');
    expect((await quietly(() => backend.save([wheelhouse], `${restorePrefix}${'0'.repeat(32)}`))).saved).toBe(
      true,
    );

    await rm(wheelhouse, { recursive: true });
    const restored = await quietly(() => backend.restore([wheelhouse], key, [restorePrefix]));
    expect(restored).toEqual({ matchedKey: `${restorePrefix}${'0'.repeat(32)}`, exact: false });

    const verified = await verifyWheelhouse(wheelhouse, resolution, { logger });
    expect(verified.missing.map((f) => f.filename)).toEqual([
      files.find((f) => f.filename.startsWith('two'))!.filename,
    ]);
    const summary = await downloadAll(verified.missing, { http, dest: wheelhouse, logger });
    expect(summary.downloaded).toBe(1);
    expect(server.counters.byKind['file-full'].requests).toBe(1);
    await writeManifest(wheelhouse, manifestFor(resolution));
    for (const f of files) expect(sha256Of(await readFile(join(wheelhouse, f.filename)))).toBe(f.sha256);
    expect((await readdir(wheelhouse)).sort()).toEqual(
      [...files.map((f) => f.filename), MANIFEST_FILENAME].sort(),
    );

    // Post step: save under the exact key; the next run is an exact hit with zero downloads.
    expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
    await rm(wheelhouse, { recursive: true });
    server.reset();
    expect(await quietly(() => backend.restore([wheelhouse], key, [restorePrefix]))).toEqual({
      matchedKey: key,
      exact: true,
    });
    const warm = await verifyWheelhouse(wheelhouse, resolution, { logger });
    expect(warm.missing).toEqual([]);
    expect(warm.removed).toEqual([]);
    const none = await downloadAll(warm.missing, { http, dest: wheelhouse, logger });
    expect(none.downloaded).toBe(0);
    expect(server.counters.requests).toBe(0);
  });
});
