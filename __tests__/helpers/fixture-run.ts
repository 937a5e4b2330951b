/**
 * The set-up several flow tests share (jest hooks, so not in fetch-fixture.ts): the fixture index
 * server for the whole file, a fresh work directory with requirements.txt (`requirements`) for each
 * test, and fetch options over both (Python 3.12, cp, manylinux_2_17_x86_64, wheelhouse `wh`, state
 * and stamps beside it).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchOptions } from '../../src/flow/fetch.js';
import { fixtureFetchOptions, serveFixture, writeRequirements } from './fetch-fixture.js';
import { startIndexServer, type IndexServer } from './index-server.js';

export interface FixtureRun {
  readonly server: IndexServer;
  readonly work: string;
  options(extra?: Partial<FetchOptions>): FetchOptions;
}

/**
 * `resetServer`: the server's counters and modes are reset before each test; `serve`: what the
 * server serves (default: the fetch fixture's projects).
 */
export function useFixtureRun(
  prefix: string,
  requirements: string[],
  resetServer = false,
  serve: (server: IndexServer) => void = serveFixture,
): FixtureRun {
  let server: IndexServer | undefined;
  let work: string | undefined;
  beforeAll(async () => {
    server = await startIndexServer();
    serve(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    if (resetServer) server?.reset();
    work = await mkdtemp(join(tmpdir(), prefix));
    await writeRequirements(work, requirements);
  });
  afterEach(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });
  const run: FixtureRun = {
    get server(): IndexServer {
      if (server === undefined) throw new Error('useFixtureRun: the server starts in beforeAll');
      return server;
    },
    get work(): string {
      if (work === undefined) throw new Error('useFixtureRun: the work directory is made in beforeEach');
      return work;
    },
    options: (extra = {}) => ({
      ...fixtureFetchOptions(run.server.indexUrl, run.work),
      stampStore: join(run.work, 'stamps'),
      ...extra,
    }),
  };
  return run;
}
