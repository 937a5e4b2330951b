/**
 * A backend that restores the wheelhouse in the background (the `pending` contract of
 * src/cache/backend.ts, which the S3 store keeps) against the fetch flow: what a failed run leaves,
 * and a resolution that lists the wheelhouse itself (find-links). The backend here is a small
 * stand-in that keeps the contract without an S3 gateway; the order of events is fixed by the
 * flow's own calls (narrow/cancel), never by timing.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheBackend, PendingRestore, RestoreOptions, RestoreResult } from '../../src/cache/backend.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { silentLogger } from '../../src/util/logger.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
  work = await mkdtemp(join(tmpdir(), 'wh-deferred-'));
});
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/**
 * Restores by prefix only. Asked to defer the wheelhouse (paths[0]), it answers at once and places
 * `place` there in the background, starting only when the flow narrows or cancels the restore —
 * that is, once the resolution is over. Not asked to defer, it places them before answering.
 */
function backendPlacing(place: (wheelhouse: string) => Promise<void>, asked: RestoreOptions[]): CacheBackend {
  return {
    name: 'deferring',
    async restore(paths, _key, restoreKeys, options): Promise<RestoreResult> {
      if (restoreKeys.length === 0) return { exact: false };
      asked.push(options ?? {});
      const wheelhouse = paths[0]!;
      await mkdir(wheelhouse, { recursive: true });
      if (options?.deferred?.includes(0) !== true) {
        await place(wheelhouse);
        return { exact: false, matchedKey: 'prefix-entry' };
      }
      let start!: () => void;
      const started = new Promise<void>((resolve) => (start = resolve));
      const settled = started.then(() => place(wheelhouse));
      const pending: PendingRestore = {
        narrow: () => start(),
        cancel: () => start(),
        fileSettled: () => settled,
        settled,
      };
      return { exact: false, matchedKey: 'prefix-entry', pending };
    },
    async save() {
      return { saved: false, reason: 'not in this test' };
    },
  };
}

function options(dir: string, backend: CacheBackend | undefined): FetchOptions {
  return {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: join(work, dir),
    env: {},
    logger: silentLogger,
    wheelhouse: join(work, dir, 'wh'),
    stateDir: join(work, dir, 'state'),
    ...(backend !== undefined ? { cache: { backend } } : {}),
  };
}

it('a failed run leaves no lock, report or pylock that a background restore placed', async () => {
  await writeRequirements(join(work, 'fail'), ['app', 'no-such-project']);
  const asked: RestoreOptions[] = [];
  const backend = backendPlacing(async (wheelhouse) => {
    // An entry (untrusted) that brings another resolution's outputs along with a wheel.
    for (const name of ['requirements.lock', 'report.json', 'pylock.toml', 'app-1.0-py3-none-any.whl']) {
      const tmp = join(wheelhouse, `.${name}.0123456789ab.part`);
      await writeFile(tmp, 'from the cache entry');
      await rename(tmp, join(wheelhouse, name));
    }
  }, asked);
  await expect(runFetch(options('fail', backend))).rejects.toThrow(/no-such-project/);
  expect(asked.map((a) => a.deferred)).toEqual([[0]]);
  const left = await readdir(join(work, 'fail', 'wh'));
  expect(left).toContain('app-1.0-py3-none-any.whl');
  expect(left).not.toContain('requirements.lock');
  expect(left).not.toContain('report.json');
  expect(left).not.toContain('pylock.toml');
});

it('find-links naming the wheelhouse: its wheels are all restored before the resolution lists it', async () => {
  // What the cache entry holds: the wheelhouse of an earlier run from the index.
  await writeRequirements(join(work, 'seed'), ['app', 'big']);
  const seed = join(work, 'seed', 'wh');
  await runFetch(options('seed', undefined));
  const wheels = (await readdir(seed)).filter((n) => n.endsWith('.whl')).sort();
  expect(wheels).toEqual([...EXPECTED_FILES].sort());

  for (const [dir, link] of [
    ['offline', (wh: string) => wh],
    ['offline-url', (wh: string) => `file://${wh}/`],
    // A symbolic link to the wheelhouse, made before the wheelhouse itself exists (a first run).
    ['offline-symlink', (wh: string) => join(wh, '..', 'links')],
  ] as const) {
    await writeRequirements(join(work, dir), ['app', 'big']);
    if (dir === 'offline-symlink') await symlink('wh', join(work, dir, 'links'));
    const asked: RestoreOptions[] = [];
    const backend = backendPlacing(async (wheelhouse) => {
      for (const name of wheels) await copyFile(join(seed, name), join(wheelhouse, name));
    }, asked);
    const o = options(dir, backend);
    const result = await runFetch({ ...o, finder: { noIndex: true, findLinks: [link(o.wheelhouse!)] } });
    expect(result.resolution.packages.map((p) => p.file.filename).sort()).toEqual(wheels);
    expect(asked.map((a) => a.deferred)).toEqual([undefined]);
  }
});
