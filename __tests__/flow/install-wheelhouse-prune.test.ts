/**
 * The per-environment wheelhouses of `wheelhouse install` (review 15b F13): those no run used for
 * 30 days are pruned, a few per run, only when provably wheelhouse's whole and not in use; a run
 * waiting for one while it is deleted makes it anew. Real parts: wheelhouses written by the fetch
 * flow from the test index server, real lock files, a venv from the machine's python3.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, jest } from '@jest/globals';
import { defaultInstallWheelhouse, runInstallFlow } from '../../src/flow/install.js';
import { pruneInstallWheelhouses } from '../../src/flow/install-wheelhouse-prune.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { acquireDirLock } from '../../src/util/dir-lock.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { fixtureFetchOptions, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { makeVenv } from '../helpers/python-venv.js';
import { fixtureInstallOptions, venvInterpreter } from '../helpers/install-fixture.js';

jest.setTimeout(120_000);

let server: IndexServer;
let work: string;
let root: string;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-install-prune-'));
  root = join(work, 'cache', 'wheelhouses');
  await writeRequirements(work, ['util']);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(wheelhouse: string, extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    ...fixtureFetchOptions(server.indexUrl, work),
    wheelhouse,
    stateDir: join(work, 'state'),
    ...extra,
  };
}

/** A wheelhouse the fetch flow wrote at `root/name`, last used `daysAgo` days ago. */
async function wheelhouse(
  name: string,
  daysAgo: number,
  extra?: (dir: string) => Promise<void>,
): Promise<string> {
  const dir = join(root, name);
  await runFetch(options(dir));
  await extra?.(dir);
  await age(dir, daysAgo);
  return dir;
}

async function age(dir: string, daysAgo: number): Promise<void> {
  const then = new Date(Date.now() - daysAgo * DAY);
  await utimes(join(dir, 'wheelhouse-manifest.json'), then, then);
  await utimes(dir, then, then);
}

it("removes a wheelhouse unused for 30 days; keeps recent ones, ones in use, ones holding a user's file, and names it does not make", async () => {
  await wheelhouse('0000000000000001', 40);
  const recent = await wheelhouse('0000000000000002', 5);
  const userFile = await wheelhouse('0000000000000003', 40, (dir) =>
    writeFile(join(dir, 'notes.txt'), 'mine'),
  );
  const userDir = await wheelhouse('0000000000000004', 40, (dir) => mkdir(join(dir, 'project')));
  const inUse = await wheelhouse('0000000000000005', 40);
  const own = await wheelhouse('0000000000000006', 40);
  const otherName = await wheelhouse('not-a-digest', 40);
  const release = await acquireDirLock(join(inUse, '.wheelhouse.lock'));
  await age(inUse, 40);
  try {
    const result = await pruneInstallWheelhouses(root, { keep: '0000000000000006', examine: 100 });
    expect(result.removed).toEqual(['0000000000000001']);
    expect(Object.fromEntries(result.kept.map((k) => [k.name, k.reason]))).toEqual({
      '0000000000000002': 'used recently',
      '0000000000000003': 'holds "notes.txt", which wheelhouse did not write',
      '0000000000000004': 'holds "project", which wheelhouse did not write',
      '0000000000000005': 'in use',
    });
  } finally {
    await release();
  }
  expect((await readdir(root)).sort()).toEqual([
    '0000000000000002',
    '0000000000000003',
    '0000000000000004',
    '0000000000000005',
    '0000000000000006',
    'not-a-digest',
  ]);
  expect(await readFile(join(userFile, 'notes.txt'), 'utf8')).toBe('mine');
  for (const dir of [recent, userDir, inUse, own, otherName])
    expect(existsSync(join(dir, 'util-2.1-py3-none-any.whl'))).toBe(true);
});

it('a run waiting for a wheelhouse while it is pruned makes it anew and finishes', async () => {
  const dir = await wheelhouse('00000000000000aa', 40);
  const logger = new RecordingLogger();
  let run: Promise<unknown> | undefined;
  const result = await pruneInstallWheelhouses(root, {
    examine: 10,
    whileLocked: async () => {
      run = runFetch(options(dir, { logger, stateDir: join(work, 'state2') }));
      for (let i = 0; i < 1500 && !logger.text().includes('waiting for'); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(logger.text()).toContain('waiting for');
    },
  });
  expect(result.removed).toEqual(['00000000000000aa']);
  await run;
  expect((await readdir(dir)).sort()).toEqual([
    'pylock.toml',
    'report.json',
    'requirements.lock',
    'util-2.1-py3-none-any.whl',
    'wheelhouse-manifest.json',
  ]);
});

it('an install into its default wheelhouse prunes an old sibling', async () => {
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  await wheelhouse('00000000000000bb', 40);
  const cacheDir = join(work, 'cache');
  const result = await runInstallFlow({
    ...fixtureInstallOptions(server.indexUrl, work),
    wheelhouse: (found) => defaultInstallWheelhouse(cacheDir, found),
    stateDir: join(work, 'state3'),
    interpreter: venvInterpreter(venv),
  });
  expect(result.installed).toBe(1);
  expect(await readdir(root)).toEqual([result.fetch.wheelhouse.slice(root.length + 1)]);
});
