/**
 * Shared setup of the CLI tests against `--find-links` pages without `#sha256=` fragments: one
 * test index server in `noHashes` + `noJson` mode serving the fetch fixture for the whole file, a
 * fresh temporary work directory (the CLI's cwd and HOME) per test, and the target/`--find-links`
 * arguments those tests pass.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { startIndexServer, type IndexServer, type ServerModes } from '../helpers/index-server.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured, type CapturedRun } from '../helpers/cli-capture.js';

/** Every project page of the fetch fixture. */
export const PROJECTS = ['app', 'lib', 'util', 'big'];

export const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

/** One `--find-links` per project page (each an HTML page without hashes) under `origin`. */
export function findLinkArgs(origin: string, projects: readonly string[] = PROJECTS): string[] {
  return projects.flatMap((p) => ['--find-links', `${origin}/simple/${p}/`]);
}

export interface UnhashedFixtureOptions {
  /** Prefix of the per-test temporary directory name. */
  readonly prefix: string;
  /** Modes set again before each test (after `server.reset()`), undoing a test's changes. */
  readonly modes?: Partial<ServerModes>;
  /** Lines written to `requirements.txt` in the work directory before each test. */
  readonly requirements?: readonly string[];
}

export interface UnhashedFixture {
  /** The running server; valid inside tests and hooks. */
  readonly server: IndexServer;
  /** This test's work directory; valid inside tests and `beforeEach`/`afterEach`. */
  readonly work: string;
  /** Runs the CLI with the work directory as cwd and HOME (a plain function: may be destructured). */
  readonly cli: (argv: string[]) => Promise<CapturedRun>;
}

/** Registers the hooks of the calling test file and returns accessors for what they set up. */
export function useUnhashedFixture(options: UnhashedFixtureOptions): UnhashedFixture {
  let server: IndexServer | undefined;
  let work: string | undefined;

  beforeAll(async () => {
    server = await startIndexServer({ modes: { noHashes: true, noJson: true } });
    serveFixture(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    const s = fixture.server;
    s.reset();
    if (options.modes !== undefined) s.setModes(options.modes);
    work = await mkdtemp(join(tmpdir(), options.prefix));
    if (options.requirements !== undefined) await writeRequirements(work, [...options.requirements]);
  });

  afterEach(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  const fixture: UnhashedFixture = {
    get server(): IndexServer {
      if (server === undefined) throw new Error('unhashed fixture: server used outside a test');
      return server;
    },
    get work(): string {
      if (work === undefined) throw new Error('unhashed fixture: work directory used outside a test');
      return work;
    },
    cli: (argv) => {
      const dir = fixture.work;
      return runCliCaptured(argv, { env: { HOME: dir }, cwd: dir });
    },
  };
  return fixture;
}
