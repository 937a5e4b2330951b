/**
 * A cache save carries only wheelhouse's own files of the wheelhouse (review 15b F10, save side;
 * 15e F7): a user's folder, file or symbolic link there is left out of the entry — and never stops
 * the save. Real parts: the test index server, generated wheels, the local cache, the real
 * @actions/cache against the cache-service double, the flow.
 */
import { mkdir, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, saveWheelhouseAgain, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { useFixtureRun } from '../helpers/fixture-run.js';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { archiveMembers, useActionsCache } from '../helpers/actions-cache-run.js';

const fx = useFixtureRun('wh-save-own-', ['app', 'big']);

/** Every path (relative, `/`) in the one entry's saved wheelhouse. */
async function savedWheelhouse(): Promise<string[]> {
  const [entry] = await readdir(join(fx.work, 'cache', 'entries'));
  const data = join(fx.work, 'cache', 'entries', entry!, 'data', '0');
  const out: string[] = [];
  for (const e of await readdir(data, { withFileTypes: true, recursive: true }))
    out.push(join(e.parentPath, e.name).slice(data.length + 1));
  return out.sort();
}

const OUTPUTS = ['pylock.toml', 'report.json', 'requirements.lock', 'wheelhouse-manifest.json'];

it("a user's folders and files placed in the wheelhouse after the first run are not saved", async () => {
  // A first run, then the user's things, then the run whose wheelhouse is saved.
  await runFetch(fx.options());
  const wh = join(fx.work, 'wh');
  await mkdir(join(wh, 'project', 'src'), { recursive: true });
  await writeFile(join(wh, 'project', 'src', 'secret.txt'), 'private');
  await writeFile(join(wh, 'notes.txt'), 'mine');
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
  const logger = new RecordingLogger();
  const run = await runFetch(fx.options({ cache: { backend: cache } }));
  expect((await saveWheelhouse(savePlanOf(run), cache, logger)).save.saved).toBe(true);
  expect(await savedWheelhouse()).toEqual([...EXPECTED_FILES, ...OUTPUTS].sort());
});

it("a user's symbolic link under a resolution file's name, to that file's bytes, is left out of the save and does not stop it (review 15e F7)", async () => {
  // The user keeps util's wheel elsewhere and links it into the wheelhouse before the first run.
  const wh = join(fx.work, 'wh');
  await runFetch(fx.options({ wheelhouse: join(fx.work, 'elsewhere') }));
  await writeRequirements(fx.work, ['big']);
  await runFetch(fx.options());
  await writeRequirements(fx.work, ['app', 'big']);
  await symlink(
    join(fx.work, 'elsewhere', 'util-2.1-py3-none-any.whl'),
    join(wh, 'util-2.1-py3-none-any.whl'),
  );
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger });
  const logger = new RecordingLogger();
  const run = await runFetch(fx.options({ cache: { backend: cache }, logger }));
  expect(run.foreign).toEqual(['util-2.1-py3-none-any.whl']);
  // The CLI's install and the action's post step save through saveWheelhouseAgain (bytes checked).
  const saved = await saveWheelhouseAgain(savePlanOf(run), cache, logger);
  expect(saved.save).toEqual({ saved: true });
  expect(await savedWheelhouse()).toEqual(
    [...EXPECTED_FILES.filter((n) => n !== 'util-2.1-py3-none-any.whl'), ...OUTPUTS].sort(),
  );
  expect(await readlink(join(wh, 'util-2.1-py3-none-any.whl'))).toBe(
    join(fx.work, 'elsewhere', 'util-2.1-py3-none-any.whl'),
  );
});

describe('with the Actions cache (the real @actions/cache against the cache-service double)', () => {
  const ac = useActionsCache(() => fx.work);

  it("a user's link is left out of the entry too, which restores (review 15e F7)", async () => {
    const wh = join(ac.workspace, 'wh');
    await runFetch(fx.options({ wheelhouse: join(fx.work, 'elsewhere') }));
    await writeRequirements(fx.work, ['big']);
    await runFetch(fx.options({ wheelhouse: wh }));
    await writeRequirements(fx.work, ['app', 'big']);
    await symlink(
      join(fx.work, 'elsewhere', 'util-2.1-py3-none-any.whl'),
      join(wh, 'util-2.1-py3-none-any.whl'),
    );
    const logger = new RecordingLogger();
    const backend = new ActionsCacheBackend(logger);
    const run = await runFetch(fx.options({ wheelhouse: wh, logger }));
    const saved = await saveWheelhouseAgain(savePlanOf(run), backend, logger);
    expect(saved.save).toEqual({ saved: true });
    const members = await archiveMembers(ac.service, run.key.key, fx.work);
    expect(members.filter((m) => m.startsWith('wh/')).sort()).toEqual(
      [...EXPECTED_FILES.filter((n) => n !== 'util-2.1-py3-none-any.whl'), ...OUTPUTS]
        .map((n) => `wh/${n}`)
        .sort(),
    );
    // A fresh runner restores it (no member the archive guard refuses) and downloads util alone.
    await rm(wh, { recursive: true, force: true });
    const again = await runFetch(fx.options({ wheelhouse: wh, cache: { backend } }));
    expect([again.cacheHit, again.downloaded]).toEqual([true, 1]);
  });
});
