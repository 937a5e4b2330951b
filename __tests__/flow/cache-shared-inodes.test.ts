/**
 * The local cache hard-links a saved wheelhouse's files into its entry (review 15b F8): a user who
 * writes a wheelhouse file in place after the save writes the entry's file too. What the code does
 * about it: every restore checks each entry file against the entry's manifest sha256 before placing
 * it, and drops an entry whose bytes changed — so the edited bytes never reach another wheelhouse,
 * the run downloads the wheel and its save replaces the entry. Real parts: the test index server,
 * generated wheels, the local-directory cache, the fetch flow.
 */
import { createHash } from 'node:crypto';
import { chmod, open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { useFixtureRun } from '../helpers/fixture-run.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';

const fx = useFixtureRun('wh-shared-inodes-', ['app', 'big'], true);

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

it('a wheelhouse file written in place after the save (the entry shares its inode) never reaches another wheelhouse', async () => {
  const logger = new RecordingLogger();
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger, link: true });
  const first = await runFetch(fx.options({ cache: { backend: cache } }));
  expect((await saveWheelhouse(savePlanOf(first), cache, silentLogger)).save.saved).toBe(true);
  const edited = join(fx.work, 'wh', 'big-1.0-py3-none-any.whl');
  const good = await sha256(edited);
  // The gap as it stands: the entry holds the same inode, so the user's edit is the entry's too.
  const [entry] = await readdir(join(fx.work, 'cache', 'entries'));
  const inEntry = join(fx.work, 'cache', 'entries', entry!, 'data', '0', 'big-1.0-py3-none-any.whl');
  expect((await stat(inEntry)).ino).toBe((await stat(edited)).ino);
  await chmod(edited, 0o644);
  const handle = await open(edited, 'r+');
  await handle.write(Buffer.from('edited by the user'), 0, 18, 1000);
  await handle.close();
  expect(await sha256(inEntry)).not.toBe(good);

  // Another wheelhouse restored from that entry: the entry is checked, found changed and dropped;
  // the wheel is downloaded, never the edited bytes placed; the run's save is the new entry.
  fx.server.reset();
  const wh2 = join(fx.work, 'wh2');
  const second = await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: wh2 }));
  expect(second.cacheHit).toBe(false);
  expect(logger.text()).toContain('no longer have the bytes it was saved with');
  expect(second.packages.map((p) => p.filename).sort()).toEqual(EXPECTED_FILES);
  expect(await sha256(join(wh2, 'big-1.0-py3-none-any.whl'))).toBe(good);
  expect(fx.server.counters.byKind['file-full'].requests).toBeGreaterThanOrEqual(1);
  expect((await saveWheelhouse(savePlanOf(second), cache, silentLogger)).save.saved).toBe(true);
  const third = await runFetch(fx.options({ cache: { backend: cache }, wheelhouse: join(fx.work, 'wh3') }));
  expect(third.cacheHit).toBe(true);
  expect(await sha256(join(fx.work, 'wh3', 'big-1.0-py3-none-any.whl'))).toBe(good);
});
