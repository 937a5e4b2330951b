/**
 * Review 1 (s11) #4, the flow's side: the Actions cache's tar restores symbolic links as saved, so
 * an entry can replace the run's metadata/, pages/ and builds/ state directories with links to the
 * checkout. The run sets each such link aside (kept, renamed, never followed) and works in fresh
 * directories: nothing is read from, written to or deleted in the link's target. The backend here
 * is a stand-in that does what tar does (replaces the directory with the link).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheBackend, RestoreResult } from '../../src/cache/backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
  work = await mkdtemp(join(tmpdir(), 'wh-linked-state-'));
});
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

it('metadata/, pages/ and builds/ restored as links: set aside, the checkout untouched', async () => {
  const checkout = join(work, 'checkout');
  await mkdir(join(checkout, 'src'), { recursive: true });
  await writeFile(join(checkout, 'setup.py'), 'precious');
  await writeFile(join(checkout, 'src', 'app.py'), 'precious');
  await writeRequirements(work, ['app', 'big']);
  const backend: CacheBackend = {
    name: 'tar-like',
    async restore(paths, _key, restoreKeys): Promise<RestoreResult> {
      if (restoreKeys.length === 0) return { exact: false };
      for (const dir of paths.slice(1)) {
        await rm(dir, { recursive: true, force: true });
        await symlink(checkout, dir);
      }
      return { exact: false, matchedKey: 'prefix-entry' };
    },
    async save() {
      return { saved: false, reason: 'not in this test' };
    },
  };
  const logger = new RecordingLogger();
  const state = join(work, 'state');
  const result = await runFetch({
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: work,
    env: {},
    logger,
    wheelhouse: join(work, 'wh'),
    stateDir: state,
    cache: { backend },
  });
  expect(result.resolution.packages.map((p) => p.file.filename).sort()).toEqual([...EXPECTED_FILES].sort());
  expect((await readdir(checkout)).sort()).toEqual(['setup.py', 'src']);
  expect(await readdir(join(checkout, 'src'))).toEqual(['app.py']);
  const warned = logger.lines.filter((l) => l.level === 'warn' && /set aside as/.test(l.message));
  expect(warned).toHaveLength(3);
  const names = (await readdir(state)).sort();
  expect(names.filter((n) => !n.includes('.refused-'))).toEqual(['builds', 'metadata', 'pages']);
  expect(names.filter((n) => n.includes('.refused-'))).toHaveLength(3);
});
