/**
 * The jest lifecycle most CLI suites share: one test index server serving the fetch fixture for the
 * whole file (reset before each test, with the modes the suite needs), and a fresh temporary work
 * directory per test, removed afterwards unless the suite keeps it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { startIndexServer, type IndexServer, type ServerModes } from './index-server.js';
import { serveFixture } from './fetch-fixture.js';

/** The target every fixture suite resolves for: CPython 3.12 on manylinux x86_64. */
export const FIXTURE_TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

export interface FixtureIndexOptions {
  /** Prefix of each test's temporary work directory (under the OS temp dir). */
  workPrefix: string;
  /** Modes set after every reset (reset clears counters and once-per-path faults, not modes). */
  modes?: Partial<ServerModes>;
  /** Keep each test's work directory (default: removed after the test). */
  keepWork?: boolean;
}

export interface FixtureIndex {
  /** The running server (valid from beforeAll on). */
  readonly server: IndexServer;
  /** This test's work directory (valid from beforeEach on). */
  readonly work: string;
}

/** Registers the hooks; answer an object whose fields follow the current test. */
export function useFixtureIndex(options: FixtureIndexOptions): FixtureIndex {
  let server: IndexServer | undefined;
  let work: string | undefined;
  beforeAll(async () => {
    server = await startIndexServer();
    serveFixture(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    server!.reset();
    if (options.modes) server!.setModes(options.modes);
    work = await mkdtemp(join(tmpdir(), options.workPrefix));
  });
  if (!options.keepWork) {
    afterEach(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });
  }
  return {
    get server(): IndexServer {
      if (!server) throw new Error('useFixtureIndex: the server starts in beforeAll');
      return server;
    },
    get work(): string {
      if (!work) throw new Error('useFixtureIndex: the work directory is made in beforeEach');
      return work;
    },
  };
}
