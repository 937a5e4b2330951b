/**
 * A local cache save carries only wheelhouse's own files of the wheelhouse (review 15b F10, save
 * side; 15e F7): a user's folder, file or symbolic link there is left out of the entry — and never
 * stops the save. Real parts: the test index server, generated wheels, the local cache, the flow.
 */
import { mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch, type FetchOptions } from '../../src/flow/fetch.js';
import { saveWheelhouse, saveWheelhouseAgain, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

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
  work = await mkdtemp(join(tmpdir(), 'wh-save-own-'));
  await writeRequirements(work, ['app', 'big']);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl: server.indexUrl },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: work,
    env: {},
    logger: silentLogger,
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    stampStore: join(work, 'stamps'),
    ...extra,
  };
}

/** Every path (relative, `/`) in the one entry's saved wheelhouse. */
async function savedWheelhouse(): Promise<string[]> {
  const [entry] = await readdir(join(work, 'cache', 'entries'));
  const data = join(work, 'cache', 'entries', entry!, 'data', '0');
  const out: string[] = [];
  for (const e of await readdir(data, { withFileTypes: true, recursive: true }))
    out.push(join(e.parentPath, e.name).slice(data.length + 1));
  return out.sort();
}

const OUTPUTS = ['pylock.toml', 'report.json', 'requirements.lock', 'wheelhouse-manifest.json'];

it("a user's folders and files placed in the wheelhouse after the first run are not saved", async () => {
  // A first run, then the user's things, then the run whose wheelhouse is saved.
  await runFetch(options());
  const wh = join(work, 'wh');
  await mkdir(join(wh, 'project', 'src'), { recursive: true });
  await writeFile(join(wh, 'project', 'src', 'secret.txt'), 'private');
  await writeFile(join(wh, 'notes.txt'), 'mine');
  const cache = new LocalDirBackend({ dir: join(work, 'cache'), logger: silentLogger });
  const logger = new RecordingLogger();
  const run = await runFetch(options({ cache: { backend: cache } }));
  expect((await saveWheelhouse(savePlanOf(run), cache, logger)).save.saved).toBe(true);
  expect(await savedWheelhouse()).toEqual([...EXPECTED_FILES, ...OUTPUTS].sort());
});

it("a user's symbolic link under a resolution file's name, to that file's bytes, is left out of the save and does not stop it (review 15e F7)", async () => {
  // The user keeps util's wheel elsewhere and links it into the wheelhouse before the first run.
  const wh = join(work, 'wh');
  await runFetch(options({ wheelhouse: join(work, 'elsewhere') }));
  await writeRequirements(work, ['big']);
  await runFetch(options());
  await writeRequirements(work, ['app', 'big']);
  await symlink(join(work, 'elsewhere', 'util-2.1-py3-none-any.whl'), join(wh, 'util-2.1-py3-none-any.whl'));
  const cache = new LocalDirBackend({ dir: join(work, 'cache'), logger: silentLogger });
  const logger = new RecordingLogger();
  const run = await runFetch(options({ cache: { backend: cache }, logger }));
  expect(run.foreign).toEqual(['util-2.1-py3-none-any.whl']);
  // The CLI's install and the action's post step save through saveWheelhouseAgain (bytes checked).
  const saved = await saveWheelhouseAgain(savePlanOf(run), cache, logger);
  expect(saved.save).toEqual({ saved: true });
  expect(await savedWheelhouse()).toEqual(
    [...EXPECTED_FILES.filter((n) => n !== 'util-2.1-py3-none-any.whl'), ...OUTPUTS].sort(),
  );
  expect(await readlink(join(wh, 'util-2.1-py3-none-any.whl'))).toBe(
    join(work, 'elsewhere', 'util-2.1-py3-none-any.whl'),
  );
});

describe('with the Actions cache (the real @actions/cache against the cache-service double)', () => {
  let service: CacheService;
  let undoEnv: () => void;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service.close();
  });
  afterEach(() => {
    undoEnv();
  });

  it("a user's link is not carried into an entry no restore could extract: the save says why (review 15e F7)", async () => {
    const workspace = join(work, 'workspace');
    await mkdir(join(work, 'runner-temp'), { recursive: true });
    undoEnv = service.applyEnv({
      RUNNER_TEMP: join(work, 'runner-temp'),
      GITHUB_WORKSPACE: workspace,
      GITHUB_SERVER_URL: undefined,
      ACTIONS_CACHE_MODE: undefined,
      RUNNER_DEBUG: undefined,
    });
    const wh = join(workspace, 'wh');
    await runFetch(options({ wheelhouse: join(work, 'elsewhere') }));
    await writeRequirements(work, ['big']);
    await runFetch(options({ wheelhouse: wh }));
    await writeRequirements(work, ['app', 'big']);
    await symlink(
      join(work, 'elsewhere', 'util-2.1-py3-none-any.whl'),
      join(wh, 'util-2.1-py3-none-any.whl'),
    );
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runFetch(options({ wheelhouse: wh, logger }));
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save.saved).toBe(false);
    expect((saved.save as { reason: string }).reason).toContain(
      '"util-2.1-py3-none-any.whl", which wheelhouse did not write and is neither a file nor a folder',
    );
    expect(service.entries()).toEqual([]);
  });
});
