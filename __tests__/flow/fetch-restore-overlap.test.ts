/**
 * The S3 store's wheels arrive while the resolution runs (src/flow/fetch-restore.ts `pending`,
 * settled in fetch.ts): against the test index and a real S3 gateway (scripts/s3-test-gateway.sh),
 * with the order of events fixed by holding requests, never by timing — the index's pages are held
 * until the proxy in front of the store has answered every wheel, and the wheels until the index
 * holds a page. A run that fails during its resolution ends its background restore before it
 * returns.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../src/cache/s3-store.js';
import { readManifest } from '../../src/cache/wheelhouse-manifest.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import type { Logger } from '../../src/util/logger.js';
import { silentLogger } from '../../src/util/logger.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { recorder } from '../helpers/line-recorder.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../helpers/s3-gateway.js';
import { gate } from '../helpers/gate.js';

describeWhenAvailable(
  'fetch flow: S3 wheels restored while the resolution runs (real S3 gateway)',
  s3GatewayMissing,
  () => {
    let server: IndexServer;
    let proxy: CountingProxy;
    let work: string;
    /** The seed run's wheels, by sha256. */
    let digests: Set<string>;
    const bucket = `wh-overlap-${randomBytes(4).toString('hex')}`;
    const store = (logger: Logger): S3Store =>
      testS3Store(bucket, {
        endpoint: proxy.url,
        prefix: 'overlap',
        logger,
        retries: 1,
        backoffBaseMs: 10,
        // Wheel GETs are held while the resolution starts: no timeout may end them on a loaded machine.
        headersTimeoutMs: 600_000,
      });
    const options = (dir: string, backend: S3Store, logger: Logger = silentLogger): FetchOptions => ({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl },
      target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      // The index's pages are held until the wheels arrived: not ended by the 8 s response wait.
      env: { WHEELHOUSE_HTTP_HEADERS_TIMEOUT: '600' },
      logger,
      // Another runner each time: its own (empty) wheelhouse and state directory.
      wheelhouse: join(work, dir, 'wh'),
      stateDir: join(work, dir, 'state'),
      cache: { backend },
    });
    /** The digest a wheel GET asks for (`GET /bucket/overlap/wheels/sha256/aa/<digest>`), else undefined. */
    const wheelGet = (request: string): string | undefined => {
      const m = /^GET \/[^/]+\/overlap\/wheels\/sha256\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(request);
      return m?.[1];
    };

    beforeAll(async () => {
      server = await startIndexServer();
      serveFixture(server);
      proxy = await countingProxy(S3_ENDPOINT!);
      await createTestBucket(bucket);
      work = await mkdtemp(join(tmpdir(), 'wh-overlap-'));
      await writeRequirements(work, ['app', 'big']);
      // The first runner fills the store.
      const seedStore = store(silentLogger);
      const seed = await runFetch(options('seed', seedStore));
      expect((await saveWheelhouse(savePlanOf(seed), seedStore, silentLogger)).save.saved).toBe(true);
      await seedStore.close();
      digests = new Set(seed.resolution.packages.map((p) => p.file.sha256));
      expect(digests.size).toBe(EXPECTED_FILES.length);
    }, 120_000);
    afterAll(async () => {
      await proxy?.close();
      await server?.close();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });
    beforeEach(() => {
      server.reset();
      server.setModes({ hold: null });
      delete proxy.hold;
      delete proxy.answered;
    });

    it('wheel GETs are answered while the resolution waits for a page; no wheel from the index', async () => {
      const events: string[] = [];
      const pageHeld = gate();
      const wheelsAnswered = gate();
      const answered = new Set<string>();
      // The resolution's pages wait for every wheel; the wheels wait until a page is held, so they
      // can only be fetched while the resolution runs.
      server.setModes({
        hold: {
          pathContains: '/simple/',
          until: wheelsAnswered.promise,
          arrived: () => {
            events.push('page held');
            pageHeld.open();
          },
        },
      });
      proxy.hold = (request) => (wheelGet(request) !== undefined ? pageHeld.promise : undefined);
      proxy.answered = (request) => {
        const digest = wheelGet(request);
        if (digest === undefined) return;
        events.push('wheel answered');
        answered.add(digest);
        if ([...digests].every((d) => answered.has(d))) wheelsAnswered.open();
      };
      const logger = recorder();
      const backend = store(logger);
      try {
        const result = await runFetch(options('second', backend, logger));
        expect(result.cacheHit).toBe(true);
        expect(result.downloaded).toBe(0);
        expect(events[0]).toBe('page held');
        expect(events.filter((e) => e === 'wheel answered')).toHaveLength(digests.size);
        expect(answered).toEqual(digests);
        // No wheel, range or METADATA request reached the index; its pages were asked (and held).
        expect(server.counters.byKind['file-full'].requests).toBe(0);
        expect(server.counters.byKind.range.requests).toBe(0);
        expect(server.counters.byKind.page.requests).toBeGreaterThan(0);
        expect(logger.lines.join('\n')).toContain(`; ${digests.size} more in the background`);
        const wheelhouse = join(work, 'second', 'wh');
        expect((await readdir(wheelhouse)).filter((n) => n.endsWith('.whl')).sort()).toEqual(
          [...EXPECTED_FILES].sort(),
        );
        const manifest = await readManifest(wheelhouse);
        expect(manifest?.complete).not.toBe(false);
        for (const name of EXPECTED_FILES) expect(Object.keys(manifest?.files ?? {})).toContain(name);
        for (const name of EXPECTED_FILES)
          expect(await readFile(join(wheelhouse, name))).toEqual(
            await readFile(join(work, 'seed', 'wh', name)),
          );
      } finally {
        wheelsAnswered.open();
        pageHeld.open();
        await backend.close();
      }
    }, 60_000);

    it('a resolution that fails ends the background restore before the run returns: requests in flight end, nothing is placed', async () => {
      await writeRequirements(join(work, 'failing'), ['app', 'big', 'no-such-project']);
      const release = gate();
      const seen = new Set<string>();
      // The wheels are held until after the run returned: the run can only end by ending them.
      proxy.hold = (request) => {
        const digest = wheelGet(request);
        if (digest === undefined) return undefined;
        seen.add(digest);
        return release.promise;
      };
      const logger = recorder();
      const backend = store(logger);
      const o = options('failing', backend, logger);
      try {
        await expect(runFetch({ ...o, cwd: join(work, 'failing') })).rejects.toThrow(/no-such-project/);
        // Settled before the run returned: its closing line is already logged.
        const lines = logger.lines.join('\n');
        expect(lines).toContain(`; ${digests.size} more in the background`);
        expect(lines).toMatch(/0 file\(s\) restored in the background .*, 4 not fetched/);
        const left = await readdir(o.wheelhouse).catch(() => []);
        expect(left.filter((n) => n.endsWith('.whl') || n.endsWith('.part'))).toEqual([]);
      } finally {
        release.open();
        await backend.close();
      }
    }, 60_000);
  },
);
