/**
 * The install flow (src/flow/install.ts) with the real installer, the test index server and fresh
 * venvs from the machine's python3: installing overlaps the downloads (a small wheel is installed
 * while a slow one is still arriving); REQUESTED and direct_url.json (PEP 610) come out as pip
 * writes them (differential: the machine's pip installs the same requirements into a second venv).
 * Skipped with a message only where no python3 with venv exists.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { runInstallFlow, unpackedCacheDirFor } from '../../src/flow/install.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { serveFixture, writeRequirements, type FixtureWheel } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { isolatedFlowEnv, makeVenv, sitePackagesOf, venvPython } from '../helpers/python-venv.js';
import { fixtureInstallOptions, venvInterpreter } from '../helpers/install-fixture.js';

jest.setTimeout(180_000);

const execFileAsync = promisify(execFile);

let server: IndexServer;
let root: string;
let served: FixtureWheel[];

beforeAll(async () => {
  server = await startIndexServer();
  served = serveFixture(server);
  root = await mkdtemp(join(tmpdir(), 'wh-flow-install-'));
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Waits (bounded, polling) until `logger` has a line for every one of `names`: staged or installed. */
async function untilStaged(logger: RecordingLogger, names: string[]): Promise<void> {
  const done = (): boolean =>
    names.every((n) => logger.lines.some((l) => new RegExp(`^(staged|installed) ${n} `).test(l.message)));
  for (let i = 0; i < 3000 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`not all of ${names.join(', ')} were staged:\n${logger.text()}`);
}

/** A work directory with requirements app and big and a venv without pip; undefined (said) without python3. */
async function freshVenv(prefix: string): Promise<{ work: string; venv: string } | undefined> {
  const work = await mkdtemp(join(root, prefix));
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return undefined;
  }
  await writeRequirements(work, ['app', 'big']);
  return { work, venv };
}

function distInfos(site: string): string[] {
  return readdirSync(site).filter((n) => n.endsWith('.dist-info') || n.startsWith('.wheelhouse-staging-'));
}

it('wheels are staged while another one is still downloading, and placed once every download is verified', async () => {
  const fresh = await freshVenv('overlap-');
  if (fresh === undefined) return;
  const { work, venv } = fresh;
  const site = await sitePackagesOf(venv);
  const before = distInfos(site);
  // big's download is held until app, lib and util are staged: installing overlaps the download.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  server.setModes({ hold: { pathContains: 'big-1.0-py3-none-any.whl', pathEndsWith: '.whl', until: held } });
  const logger = new RecordingLogger();
  let placedEarly: string[] = [];
  try {
    const run = runInstallFlow({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl },
      target: {},
      cwd: work,
      // The held download must not end on the client's 8 s response wait on a loaded machine.
      env: { ...isolatedFlowEnv(), WHEELHOUSE_HTTP_HEADERS_TIMEOUT: '600' },
      logger,
      wheelhouse: join(work, 'wh'),
      stateDir: join(work, 'state'),
      interpreter: venvInterpreter(venv),
    });
    await untilStaged(logger, ['app', 'lib', 'util']).finally(() => {
      placedEarly = distInfos(site).filter((n) => n.endsWith('.dist-info') && !before.includes(n));
      release();
    });
    const result = await run;
    expect(result.installed).toBe(4);
  } finally {
    release();
    server.setModes({ hold: null });
  }
  // Nothing was placed while big was still downloading (RECORD is written last, the dist-info dir last but one).
  expect(placedEarly).toEqual([]);
  for (const d of ['app-1.0', 'big-1.0', 'lib-1.1', 'util-2.1'])
    expect(existsSync(join(site, `${d}.dist-info`, 'RECORD'))).toBe(true);
  expect(distInfos(site).filter((n) => n.startsWith('.wheelhouse-staging-'))).toEqual([]);
});

it('a download that fails after the others were verified and staged installs nothing (as pip); the next run installs everything', async () => {
  const fresh = await freshVenv('fail-');
  if (fresh === undefined) return;
  const { work, venv } = fresh;
  const site = await sitePackagesOf(venv);
  const before = distInfos(site).sort();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  // big's whole-file download waits until the others are staged, then gets bytes that are not big.
  server.setModes({
    hold: { pathContains: 'big-1.0-py3-none-any.whl', pathEndsWith: '.whl', until: held },
  });
  const logger = new RecordingLogger();
  const options = {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: {},
    cwd: work,
    // The held download must not end on the client's 8 s response wait on a loaded machine.
    env: { ...isolatedFlowEnv(), WHEELHOUSE_HTTP_HEADERS_TIMEOUT: '600' },
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    interpreter: venvInterpreter(venv),
  };
  let error: unknown;
  try {
    const run = runInstallFlow({ ...options, logger }).catch((e: unknown) => e);
    await untilStaged(logger, ['app', 'lib', 'util']).finally(() => {
      server.setModes({
        hostile: {
          kind: 'raw-page',
          pathContains: 'big-1.0-py3-none-any.whl',
          pathEndsWith: '.whl',
          contentType: 'application/octet-stream',
          body: 'not the wheel',
        },
      });
      release();
    });
    error = await run;
  } finally {
    release();
    server.setModes({ hold: null, hostile: null });
  }
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain('big-1.0-py3-none-any.whl');
  // app, lib and util were verified and staged, then discarded: the environment is as it was, and
  // the wheelhouse does not look complete.
  expect(distInfos(site).sort()).toEqual(before);
  expect(existsSync(join(work, 'wh', 'requirements.lock'))).toBe(false);

  const again = await runInstallFlow({ ...options, logger: silentLogger });
  expect(again.installed).toBe(4);
  for (const d of ['app-1.0', 'big-1.0', 'lib-1.1', 'util-2.1'])
    expect(existsSync(join(site, `${d}.dist-info`, 'RECORD'))).toBe(true);
});

it('downloads the largest wheels first and installs every one of them', async () => {
  const fresh = await freshVenv('order-');
  if (fresh === undefined) return;
  const { work, venv } = fresh;
  server.reset();
  const result = await runInstallFlow({
    ...fixtureInstallOptions(server.indexUrl, work),
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    concurrency: 1, // one transfer at a time: the request order is the download order
    interpreter: venvInterpreter(venv),
  });
  expect(result.installed).toBe(4);
  const site = await sitePackagesOf(venv);
  for (const d of ['app-1.0', 'big-1.0', 'lib-1.1', 'util-2.1'])
    expect(existsSync(join(site, `${d}.dist-info`, 'RECORD'))).toBe(true);
  // Whole-file downloads (the resolver may already hold a small wheel whole: not fetched again).
  const fetched = server.counters.log
    .filter((e) => e.kind === 'file-full')
    .map((e) => decodeURIComponent(e.path.slice(e.path.lastIndexOf('/') + 1)));
  expect(fetched[0]).toBe('big-1.0-py3-none-any.whl');
  const sizeOf = new Map(served.map((w) => [w.wheel.filename, w.wheel.bytes.length]));
  const sizes = fetched.map((f) => sizeOf.get(f));
  expect(sizes.every((n) => n !== undefined)).toBe(true);
  expect(sizes).toEqual([...sizes].sort((a, b) => b! - a!));
});

it("REQUESTED and direct_url.json are pip's: top-level requirements only, PEP 610 for a URL requirement", async () => {
  const work = await mkdtemp(join(root, 'pep610-'));
  const ours = makeVenv(join(work, 'ours'), { withoutPip: true });
  const pips = ours === undefined ? undefined : makeVenv(join(work, 'pips'));
  if (ours === undefined || pips === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  // `util @ URL` (a direct URL with its sha256 fragment) and `app`, which brings lib (not requested).
  const utilUrl = `${server.fileUrl('util-2.1-py3-none-any.whl')}#sha256=${server.sha256('util-2.1-py3-none-any.whl')}`;
  await writeRequirements(work, ['app', `util @ ${utilUrl}`]);
  await runInstallFlow({
    ...fixtureInstallOptions(server.indexUrl, work),
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    interpreter: venvInterpreter(ours),
  });
  // Not execFileSync: the index server answers from this process's event loop.
  await execFileAsync(
    venvPython(pips),
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-compile',
      '-q',
      '--index-url',
      server.indexUrl,
      '-r',
      join(work, 'requirements.txt'),
    ],
    { env: isolatedFlowEnv() as NodeJS.ProcessEnv, timeout: 120_000 },
  );
  const metadataOf = async (venv: string) => {
    const site = await sitePackagesOf(venv);
    const out: Record<string, { requested: boolean; directUrl?: unknown }> = {};
    for (const d of (await readdir(site)).filter((n) => n.endsWith('.dist-info')).sort()) {
      if (/^(pip|setuptools)-/.test(d)) continue;
      const direct = join(site, d, 'direct_url.json');
      out[d] = {
        requested: existsSync(join(site, d, 'REQUESTED')),
        ...(existsSync(direct) ? { directUrl: JSON.parse(await readFile(direct, 'utf8')) as unknown } : {}),
      };
    }
    return out;
  };
  const mine = await metadataOf(ours);
  expect(mine).toEqual(await metadataOf(pips));
  expect(mine['util-2.1.dist-info']).toEqual({
    requested: true,
    directUrl: {
      url: server.fileUrl('util-2.1-py3-none-any.whl'),
      archive_info: {
        hash: `sha256=${server.sha256('util-2.1-py3-none-any.whl')}`,
        hashes: { sha256: server.sha256('util-2.1-py3-none-any.whl') },
      },
    },
  });
  expect(mine['lib-1.1.dist-info']).toEqual({ requested: false });
});

it('the unpacked-wheel cache is off on GitHub-hosted runners unless WHEELHOUSE_UNPACKED_CACHE turns it on (session 9)', () => {
  const cache = join(tmpdir(), 'wh-cache');
  expect(unpackedCacheDirFor(cache, {}, 'linux')).toBe(join(cache, 'unpacked'));
  expect(unpackedCacheDirFor(cache, { RUNNER_ENVIRONMENT: 'self-hosted' }, 'linux')).toBe(
    join(cache, 'unpacked'),
  );
  // Its cache directory dies with the VM: filling the cache would only cost the first install time.
  expect(unpackedCacheDirFor(cache, { RUNNER_ENVIRONMENT: 'github-hosted' }, 'linux')).toBeUndefined();
  expect(
    unpackedCacheDirFor(
      cache,
      { RUNNER_ENVIRONMENT: 'github-hosted', WHEELHOUSE_UNPACKED_CACHE: 'true' },
      'linux',
    ),
  ).toBe(join(cache, 'unpacked'));
  expect(unpackedCacheDirFor(cache, { WHEELHOUSE_UNPACKED_CACHE: 'off' }, 'linux')).toBeUndefined();
  expect(unpackedCacheDirFor(cache, {}, 'win32')).toBeUndefined();
});
