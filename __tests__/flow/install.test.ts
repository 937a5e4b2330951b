/**
 * The install flow (src/flow/install.ts) with the real installer, the test index server and fresh
 * venvs from the machine's python3: installing overlaps the downloads (a small wheel is installed
 * while a slow one is still arriving); REQUESTED and direct_url.json (PEP 610) come out as pip
 * writes them (differential: the machine's pip installs the same requirements into a second venv).
 * Skipped with a message only where no python3 with venv exists.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { DownloadProgress } from '../../src/download/progress.js';
import { runInstallFlow } from '../../src/flow/install.js';
import { locateInterpreter } from '../../src/flow/install-interpreter.js';
import { silentLogger } from '../../src/util/logger.js';
import { serveFixture, writeRequirements, type FixtureWheel } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { isolatedFlowEnv, makeVenv, sitePackagesOf, venvPython } from '../helpers/python-venv.js';

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

it('a wheel is installed while another one is still downloading', async () => {
  const work = await mkdtemp(join(root, 'overlap-'));
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  await writeRequirements(work, ['app', 'big']);
  const site = await sitePackagesOf(venv);
  // big (300 kB) arrives at 150 kB/s per response; app, lib and util are a few hundred bytes.
  server.setModes({ bandwidthBytesPerSec: 150_000 });
  const seenWhileDownloading = new Set<string>();
  try {
    const result = await runInstallFlow({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl },
      target: {},
      cwd: work,
      env: isolatedFlowEnv(),
      logger: silentLogger,
      wheelhouse: join(work, 'wh'),
      stateDir: join(work, 'state'),
      interpreter: locateInterpreter({ python: venvPython(venv), env: isolatedFlowEnv() }),
      onProgress: (p: DownloadProgress) => {
        if (p.bytesTotal !== undefined && p.bytesDone < p.bytesTotal) {
          for (const name of ['util-2.1.dist-info', 'lib-1.1.dist-info', 'app-1.0.dist-info'])
            if (existsSync(join(site, name, 'RECORD'))) seenWhileDownloading.add(name);
        }
      },
    });
    expect(result.installed).toBe(4);
    expect(existsSync(join(site, 'big-1.0.dist-info', 'RECORD'))).toBe(true);
  } finally {
    server.setModes({ bandwidthBytesPerSec: 0 });
  }
  // At least one small distribution was complete (RECORD is written last) before big finished.
  expect(seenWhileDownloading.size).toBeGreaterThan(0);
});

it('downloads the largest wheels first and installs every one of them', async () => {
  const work = await mkdtemp(join(root, 'order-'));
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  await writeRequirements(work, ['app', 'big']);
  server.reset();
  const result = await runInstallFlow({
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: {},
    cwd: work,
    env: isolatedFlowEnv(),
    logger: silentLogger,
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    concurrency: 1, // one transfer at a time: the request order is the download order
    interpreter: locateInterpreter({ python: venvPython(venv), env: isolatedFlowEnv() }),
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
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: {},
    cwd: work,
    env: isolatedFlowEnv(),
    logger: silentLogger,
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    interpreter: locateInterpreter({ python: venvPython(ours), env: isolatedFlowEnv() }),
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
