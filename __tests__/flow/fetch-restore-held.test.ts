/**
 * The S3 store's packed METADATA and index pages are held in memory by the fetch flow
 * (src/flow/tracked-caches.ts `held`, src/util/held-files.ts), against the test index and a real S3
 * gateway: a run that restores its exact entry creates no METADATA file in its state directory
 * (every new file costs an inode allocation: docs/benchmarks.md, S3 section, Session 11), and a run
 * whose entry was restored by prefix writes what it used of them before the save reads the
 * directories, so the entry it saves carries them.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../src/cache/s3-store.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { silentLogger } from '../../src/util/logger.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import { createTestBucket, s3GatewayMissing, testS3Store } from '../helpers/s3-gateway.js';

describeWhenAvailable(
  'fetch flow: restored METADATA held in memory (real S3 gateway)',
  s3GatewayMissing,
  () => {
    let server: IndexServer;
    let work: string;
    const bucket = `wh-held-${randomBytes(4).toString('hex')}`;
    const store = (): S3Store =>
      testS3Store(bucket, {
        prefix: 'held',
        logger: silentLogger,
        retries: 1,
        backoffBaseMs: 10,
      });
    const options = (dir: string, backend: S3Store): FetchOptions => ({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl },
      target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      logger: silentLogger,
      // Another runner each time: its own (empty) wheelhouse and state directory.
      wheelhouse: join(work, dir, 'wh'),
      stateDir: join(work, dir, 'state'),
      cache: { backend },
    });
    /** The METADATA files in a runner's metadata cache directory. */
    const metadataFiles = async (dir: string): Promise<string[]> =>
      (await readdir(join(work, dir, 'state', 'metadata'), { recursive: true }).catch(() => [] as string[]))
        .map(String)
        .filter((f) => f.endsWith('.metadata'))
        .sort();
    /** One run of `dir` with a store of its own; saved as save.ts would (not after an exact hit). */
    const run = async (dir: string): Promise<{ cacheHit: boolean; saved: boolean }> => {
      const backend = store();
      try {
        const result = await runFetch(options(dir, backend));
        const saved = (await saveWheelhouse(savePlanOf(result), backend, silentLogger)).save.saved;
        return { cacheHit: result.cacheHit, saved };
      } finally {
        await backend.close();
      }
    };

    beforeAll(async () => {
      server = await startIndexServer();
      serveFixture(server);
      await createTestBucket(bucket);
      work = await mkdtemp(join(tmpdir(), 'wh-held-'));
    });
    afterAll(async () => {
      await server?.close();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });

    it('an exact hit writes no restored METADATA; a run restored by prefix writes what it used before its save', async () => {
      await writeRequirements(work, ['app', 'big']);
      expect(await run('seed')).toEqual({ cacheHit: false, saved: true });
      const seeded = await metadataFiles('seed');
      expect(seeded.length).toBeGreaterThan(0);

      // Exact hit: every METADATA comes from the entry's pack, read from memory; no file created.
      server.reset();
      expect(await run('exact')).toEqual({ cacheHit: true, saved: false });
      expect(server.counters.byKind.metadata.requests + server.counters.byKind.range.requests).toBe(0);
      expect(await metadataFiles('exact')).toEqual([]);

      // Another resolution: the seed's entry restored by prefix, this run's entry saved. What it
      // used of the restored METADATA is in its directory for that save.
      await writeRequirements(work, ['app']);
      server.reset();
      expect(await run('prefix')).toEqual({ cacheHit: false, saved: true });
      expect(server.counters.byKind.metadata.requests + server.counters.byKind.range.requests).toBe(0);
      const written = await metadataFiles('prefix');
      expect(written.length).toBeGreaterThan(0);
      expect(written.every((f) => seeded.includes(f))).toBe(true);
    });
  },
);
