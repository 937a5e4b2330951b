/**
 * The shared setup of an action e2e suite: one test index server serving the fetch fixture and one
 * runner root (workspace, temp, home) per test file, both made before the suite's tests and removed
 * after them, and the steps every such test starts with (a new job with given requirement lines).
 * Tests read `suite.server` / `suite.dirs` inside their bodies, after `beforeAll` has run.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, jest } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import {
  freshJob,
  runJob,
  runnerDirs,
  type RunnerDirs,
  type RunStepOptions,
  type StepResult,
} from './action-harness.js';

export interface ActionSuite {
  readonly server: IndexServer;
  /** The runner root (parent of the runner dirs); a place for a suite's own extra directories. */
  readonly root: string;
  readonly dirs: RunnerDirs;
  /** requirements.txt for Python 3.12 on manylinux x86_64 from the test index, plus `extra`. */
  inputs(extra?: Record<string, string>): Record<string, string>;
  /** A new job on the same runner whose workspace holds requirements.txt with these lines. */
  newJob(lines: string[]): Promise<void>;
  /** A new job with these lines, the server's counters reset, main and post run with `inputs()`. */
  job(lines: string[], options?: Partial<RunStepOptions>): ReturnType<typeof runJob>;
  /** The sorted wheel names in `dir` (default: the job's wheelhouse under RUNNER_TEMP). */
  wheels(dir?: string): Promise<string[]>;
  /**
   * A main step that restored the cache entry `key` exactly: cache-hit with all four fixture wheels
   * reused, and no wheel, range or metadata request reached the index.
   */
  expectRestoredExactly(main: StepResult, key: string): Promise<void>;
}

/** Registers the suite's beforeAll/afterAll; `tmpPrefix` names its temporary runner root. */
export function useActionSuite(tmpPrefix: string): ActionSuite {
  // Child processes (and a venv with pip for one test) are slow on loaded CI machines.
  jest.setTimeout(120_000);
  let server: IndexServer | undefined;
  let dirs: RunnerDirs | undefined;

  beforeAll(async () => {
    server = await startIndexServer();
    serveFixture(server);
    dirs = runnerDirs(await mkdtemp(join(tmpdir(), tmpPrefix)));
  });

  afterAll(async () => {
    await server?.close();
    if (dirs) await rm(dirs.root, { recursive: true, force: true });
  });

  const ready = (): { server: IndexServer; dirs: RunnerDirs } => {
    if (!server || !dirs) throw new Error('action suite used outside its tests (before beforeAll)');
    return { server, dirs };
  };
  const suite: ActionSuite = {
    get server() {
      return ready().server;
    },
    get root() {
      return ready().dirs.root;
    },
    get dirs() {
      return ready().dirs;
    },
    inputs: (extra = {}) => ({
      requirements: 'requirements.txt',
      'python-version': '3.12',
      platform: 'manylinux_2_17_x86_64',
      'index-url': ready().server.indexUrl,
      ...extra,
    }),
    newJob: async (lines) => {
      await freshJob(ready().dirs);
      await writeRequirements(ready().dirs.workspace, lines);
    },
    job: async (lines, options = {}) => {
      await suite.newJob(lines);
      ready().server.reset();
      return runJob({ dirs: ready().dirs, inputs: suite.inputs(), ...options });
    },
    wheels: async (dir = join(ready().dirs.runnerTemp, 'wheelhouse')) =>
      (await readdir(dir)).filter((f) => f.endsWith('.whl')).sort(),
    expectRestoredExactly: async (main, key) => {
      expect(main.code).toBe(0);
      expect(main.outputs).toMatchObject({
        'cache-hit': 'true',
        'cache-key': key,
        'cache-matched-key': key,
        downloaded: '0',
        'downloaded-bytes': '0',
        reused: '4',
      });
      const { byKind } = ready().server.counters;
      expect(byKind['file-full'].requests).toBe(0);
      expect(byKind.range.requests).toBe(0);
      expect(byKind.metadata.requests).toBe(0);
      expect(await suite.wheels()).toEqual(EXPECTED_FILES);
    },
  };
  return suite;
}
