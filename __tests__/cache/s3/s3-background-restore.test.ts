/**
 * S3 restore with the wheelhouse deferred (RestoreOptions.deferred, src/cache/s3/s3-restore.ts):
 * restore() answers once the other paths are in place and the wheels keep coming (`pending`);
 * `narrow` drops wheels not started yet, `cancel` ends the requests in flight, `fileSettled`
 * puts a waited-for wheel first. Against a real S3 gateway (scripts/s3-test-gateway.sh), one
 * request at a time, with the order fixed by holding the first wheel's GET at a proxy, never by
 * timing.
 */
import { beforeAll, beforeEach, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PendingRestore } from '../../../src/cache/backend.js';
import { S3Store } from '../../../src/cache/s3-store.js';
import { readManifest, writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { recorder } from '../../helpers/line-recorder.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { s3GatewayMissing, runnerWheelhouse, seedWheelhouse, testS3Store } from '../../helpers/s3-gateway.js';
import { useProxiedBucket } from '../../helpers/s3-proxied-bucket.js';
import { gate } from '../../helpers/gate.js';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Four wheels, largest first (the order a restore fetches them in). */
const WHEELS = [
  { name: 'aa-1.0-py3-none-any.whl', size: 40_000 },
  { name: 'bb-1.0-py3-none-any.whl', size: 30_000 },
  { name: 'cc-1.0-py3-none-any.whl', size: 20_000 },
  { name: 'dd-1.0-py3-none-any.whl', size: 10_000 },
].map((w) => {
  const data = randomBytes(w.size);
  return { ...w, data, sha256: sha(data) };
});

describeWhenAvailable(
  'S3 restore with the wheelhouse in the background (real S3 gateway)',
  s3GatewayMissing,
  () => {
    const s3 = useProxiedBucket('bg');
    const { bucket } = s3;
    const KEY = 'bg-key';
    const store = (logger: Logger): S3Store =>
      testS3Store(bucket, {
        endpoint: s3.proxy.url,
        prefix: 'bg',
        logger,
        retries: 1,
        backoffBaseMs: 10,
        // One request at a time: which wheel is asked for next is the restore's choice alone.
        concurrency: 1,
        // The first wheel GET is held by the test: no timeout may end it on a loaded machine.
        headersTimeoutMs: 600_000,
      });
    /** The wheel a GET asks for, by its index in WHEELS, else -1. */
    const wheelOf = (request: string): number =>
      WHEELS.findIndex(
        (w) => request === `GET /${bucket}/bg/wheels/sha256/${w.sha256.slice(0, 2)}/${w.sha256}`,
      );
    /** Wheel GETs the proxy saw, in order, by index in WHEELS. */
    const wheelGets = (): number[] => s3.proxy.seen.map(wheelOf).filter((i) => i >= 0);

    beforeAll(async () => {
      const { wh, meta } = await seedWheelhouse(s3.root, WHEELS);
      const s = store(recorder());
      expect((await s.save([wh, meta], KEY)).saved).toBe(true);
      await s.close();
    });
    beforeEach(() => {
      delete s3.proxy.hold;
    });

    /**
     * A restore of the entry into a new runner directory, the first wheel GET held until `release`:
     * answers once that GET reached the proxy (the metadata path is in place by then).
     */
    async function restoreHeld(
      dir: string,
      release: Promise<void>,
    ): Promise<{
      pending: PendingRestore;
      wh: string;
      meta: string;
      logger: ReturnType<typeof recorder>;
      s: S3Store;
    }> {
      const { wh, meta } = await runnerWheelhouse(s3.root, dir);
      const firstSeen = gate();
      let held = false;
      s3.proxy.hold = (request) => {
        if (held || wheelOf(request) < 0) return undefined;
        held = true;
        firstSeen.open();
        return release;
      };
      const logger = recorder();
      const s = store(logger);
      const result = await s.restore([wh, meta], KEY, [], { deferred: [0] });
      expect(result.exact).toBe(true);
      expect(result.pending).toBeDefined();
      // The path not deferred is in place when restore() answers.
      expect(await readFile(join(meta, 'one.metadata'), 'utf8')).toContain('Name: aa');
      await firstSeen.promise;
      return { pending: result.pending!, wh, meta, logger, s };
    }

    it('narrow: wheels not started yet that the resolution does not name are not fetched', async () => {
      const release = gate();
      const { pending, wh, logger, s } = await restoreHeld('narrow', release.promise);
      try {
        pending.narrow((_name, sha256) => sha256 === WHEELS[2]!.sha256);
        release.open();
        await pending.settled;
        // The first was in flight when the resolution was known; of the rest, only the one it names.
        expect(wheelGets()).toEqual([0, 2]);
        const names = (await readdir(wh)).filter((n) => n.endsWith('.whl')).sort();
        expect(names).toEqual([WHEELS[0]!.name, WHEELS[2]!.name]);
        expect(await readFile(join(wh, WHEELS[2]!.name))).toEqual(WHEELS[2]!.data);
        expect(Object.keys((await readManifest(wh))?.files ?? {}).sort()).toEqual(names);
        expect(logger.lines.join('\n')).toMatch(/2 file\(s\) restored in the background .*, 2 not fetched/);
      } finally {
        release.open();
        await s.close();
      }
    });

    it('cancel ends the request in flight and starts no other; nothing is placed or left behind', async () => {
      const release = gate(); // opened only after the restore has settled
      const { pending, wh, logger, s } = await restoreHeld('cancel', release.promise);
      try {
        // While the wheels are coming, the manifest lists each one the restore may place: a run
        // killed now leaves no wheel the next run could not prove it wrote.
        expect(Object.keys((await readManifest(wh))?.files ?? {}).sort()).toEqual(WHEELS.map((w) => w.name));
        pending.cancel();
        await pending.settled;
        expect(wheelGets()).toEqual([0]);
        expect(Object.keys((await readManifest(wh))?.files ?? {})).toEqual([]);
        expect((await readdir(wh)).filter((n) => n.endsWith('.whl') || n.endsWith('.part'))).toEqual([]);
        expect(logger.lines.join('\n')).toMatch(/0 file\(s\) restored in the background .*, 4 not fetched/);
        expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
      } finally {
        release.open();
        await s.close();
      }
    });

    it('a file already there that the manifest does not list is not claimed in advance', async () => {
      const foreign = join(s3.root, 'foreign', 'wh', WHEELS[1]!.name);
      await mkdir(join(s3.root, 'foreign', 'wh'), { recursive: true });
      await writeFile(foreign, "not the entry's bytes, not listed");
      const release = gate(); // opened only after the restore has settled
      const { pending, wh, s } = await restoreHeld('foreign', release.promise);
      try {
        const listed = Object.keys((await readManifest(wh))?.files ?? {}).sort();
        expect(listed).toEqual(WHEELS.filter((_w, i) => i !== 1).map((w) => w.name));
        pending.cancel();
        await pending.settled;
        expect(await readFile(foreign, 'utf8')).toContain('not listed');
      } finally {
        release.open();
        await s.close();
      }
    });

    it('fileSettled puts the wheel waited for first and answers once it is placed', async () => {
      const release = gate();
      const { pending, wh, s } = await restoreHeld('hurry', release.promise);
      try {
        const smallest = join(wh, WHEELS[3]!.name);
        const arrived = pending.fileSettled(smallest);
        await pending.fileSettled(join(wh, 'not-in-the-entry-1.0-py3-none-any.whl')); // at once
        release.open();
        await arrived;
        expect(await readFile(smallest)).toEqual(WHEELS[3]!.data);
        await pending.settled;
        expect(wheelGets()).toEqual([0, 3, 1, 2]);
        expect((await readdir(wh)).filter((n) => n.endsWith('.whl')).sort()).toEqual(
          WHEELS.map((w) => w.name).sort(),
        );
      } finally {
        release.open();
        await s.close();
      }
    });

    it('many wheels in flight at once: no MaxListenersExceededWarning on the shared stop signal', async () => {
      // An entry of 12 wheels, restored with 16 requests at once, every wheel GET held at the proxy
      // until all 12 arrived: 12 requests listen on the background's one stop signal together.
      const many = Array.from({ length: 12 }, (_, i) => {
        const data = randomBytes(300_000 + i); // over 256 KiB: streamed GETs (s3-plain-get.ts)
        return { name: `many${i}-1.0-py3-none-any.whl`, data, sha256: sha(data) };
      });
      const seed = join(s3.root, 'many-seed');
      await mkdir(seed, { recursive: true });
      for (const w of many) await writeFile(join(seed, w.name), w.data);
      await writeManifest(seed, {
        version: 1,
        files: Object.fromEntries(many.map((w) => [w.name, { sha256: w.sha256, size: w.data.length }])),
      });
      const wide = (): S3Store =>
        testS3Store(bucket, { endpoint: s3.proxy.url, prefix: 'bg', logger: recorder(), retries: 1 });
      const saver = wide();
      expect((await saver.save([seed], 'many-key')).saved).toBe(true);
      await saver.close();
      const isMany = (request: string): boolean =>
        many.some((w) => request === `GET /${bucket}/bg/wheels/sha256/${w.sha256.slice(0, 2)}/${w.sha256}`);
      const allIn = gate();
      let held = 0;
      s3.proxy.hold = (request) => {
        if (!isMany(request)) return undefined;
        if (++held === many.length) allIn.open();
        return allIn.promise;
      };
      const wh = join(s3.root, 'many', 'wh');
      await mkdir(wh, { recursive: true });
      try {
        const child = spawn(
          process.execPath,
          [
            '--import',
            join(REPO, 'bench', 'register-swc.mjs'),
            join(REPO, '__tests__', 'cache', 's3', 'restore-warnings-child.ts'),
            s3.proxy.url,
            bucket,
            'bg',
            'many-key',
            wh,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
        );
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // bounded: never left behind
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        clearTimeout(timer);
        expect({ code, err }).toEqual({ code: 0, err: '' });
        expect(held).toBe(many.length);
        expect(JSON.parse(out)).toEqual({ exact: true, later: 'settled', warnings: [] });
        expect((await readdir(wh)).filter((n) => n.endsWith('.whl'))).toHaveLength(many.length);
      } finally {
        allIn.open();
      }
    });
  },
);
