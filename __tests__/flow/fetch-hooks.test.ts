/**
 * The fetch flow's hook for the install flow (src/flow/install.ts): `onWheelReady` announces every
 * resolved wheel once, verified and in place — also the ones already present.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { runFetch, type FetchOptions, type ReadyWheel } from '../../src/flow/fetch.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import {
  EXPECTED_FILES,
  fixtureFetchOptions,
  serveFixture,
  writeRequirements,
} from '../helpers/fetch-fixture.js';
import { sha256Of } from '../helpers/resolutions.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-fetch-hooks-'));
  await writeRequirements(work, ['app', 'big']);
});

function options(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    ...fixtureFetchOptions(server.indexUrl, work),
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    ...extra,
  };
}

it('announces every wheel once with verified bytes, downloaded or already present', async () => {
  try {
    const first: ReadyWheel[] = [];
    const checked: boolean[] = [];
    await runFetch(
      options({
        onWheelReady: (r) => {
          first.push(r);
          // The bytes are in place when announced (read synchronously, before the run goes on).
          checked.push(existsSync(r.path));
        },
      }),
    );
    expect(first.map((r) => r.pkg.file.filename).sort()).toEqual(EXPECTED_FILES);
    expect(checked.every(Boolean)).toBe(true);
    for (const r of first) {
      expect(r.path).toBe(join(work, 'wh', r.pkg.file.filename));
      expect(sha256Of(await readFile(r.path))).toBe(r.pkg.file.sha256);
    }
    expect(first.find((r) => r.pkg.name === 'app')?.pkg.requested).toBe(true);
    expect(first.find((r) => r.pkg.name === 'lib')?.pkg.requested).toBe(false);

    // Second run: everything is already in the wheelhouse; each is still announced once.
    server.reset();
    const second: string[] = [];
    const result = await runFetch(options({ onWheelReady: (r) => second.push(r.pkg.file.filename) }));
    expect(result.downloaded).toBe(0);
    expect(second.sort()).toEqual(EXPECTED_FILES);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

it('whileHeld runs on the finished wheelhouse before the run lets go of it (a cache save copies it then)', async () => {
  try {
    const lock = join(work, 'wh', '.wheelhouse.lock');
    let seen: { locked: boolean; lockFile: boolean; files: number } | undefined;
    const result = await runFetch(
      options({
        whileHeld: async (r) => {
          seen = {
            locked: existsSync(lock),
            lockFile: r.lockFile !== undefined && existsSync(r.lockFile),
            files: r.packages.length,
          };
        },
      }),
    );
    expect(seen).toEqual({ locked: true, lockFile: true, files: result.packages.length });
    expect(existsSync(lock)).toBe(false);
    // A failure there is the run's failure, and the lock still goes.
    await expect(
      runFetch(
        options({
          whileHeld: async () => {
            throw new Error('save failed');
          },
        }),
      ),
    ).rejects.toThrow('save failed');
    expect(existsSync(lock)).toBe(false);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
