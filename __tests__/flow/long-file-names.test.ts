/**
 * Wheel file names up to the file system's limit (255 bytes on ext4): every temporary name the
 * flow makes next to one (downloads, local copies, cache saves and restores) stays within the
 * limit too (review 15b F6). Real parts: the test index server, generated wheels, the local cache.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../../src/flow/save.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { servedProjectsOf } from '../helpers/fetch-fixture.js';
import { useFixtureRun } from '../helpers/fixture-run.js';

// A project name that makes the wheel's file name 250 bytes: legal, and ~19 bytes short of the
// old temporary names' length.
const project = `long_${'n'.repeat(250 - 5 - '-1.0-py3-none-any.whl'.length)}`;
const longWheel = buildWheel({ name: project, version: '1.0' });
const small = buildWheel({ name: 'small', version: '1.0' });

const fx = useFixtureRun('wh-long-names-', [project, 'small'], false, (server) =>
  server.setProjects(
    servedProjectsOf([
      { project, wheel: longWheel, pep658: true },
      { project: 'small', wheel: small, pep658: true },
    ]),
  ),
);

const wanted = [longWheel.filename, small.filename].sort();

it('a 250-byte wheel name is downloaded, saved to the local cache and restored from it', async () => {
  expect(Buffer.byteLength(longWheel.filename)).toBe(250);
  const cache = new LocalDirBackend({ dir: join(fx.work, 'cache'), logger: silentLogger, link: false });
  const first = await runFetch(fx.options({ cache: { backend: cache } }));
  expect(first.packages.map((p) => p.filename).sort()).toEqual(wanted);
  expect((await readdir(join(fx.work, 'wh'))).filter((n) => n.endsWith('.whl')).sort()).toEqual(wanted);
  expect((await saveWheelhouse(savePlanOf(first), cache, silentLogger)).save.saved).toBe(true);

  fx.server.reset();
  const restored = await runFetch(
    fx.options({ cache: { backend: cache }, wheelhouse: join(fx.work, 'wh2') }),
  );
  expect(restored.cacheHit).toBe(true);
  expect(restored.downloaded).toBe(0);
  expect((await readdir(join(fx.work, 'wh2'))).filter((n) => n.endsWith('.whl')).sort()).toEqual(wanted);
  expect(fx.server.counters.byKind['file-full'].requests).toBe(0);
});

it('a 250-byte wheel name is copied from a find-links directory (offline line)', async () => {
  await runFetch(fx.options());
  const wh = join(fx.work, 'wh');
  const offline = await runFetch(
    fx.options({
      requirementFiles: [join(wh, 'requirements.lock')],
      finder: { noIndex: true, findLinks: [wh] },
      requireHashes: true,
      wheelhouse: join(fx.work, 'wh3'),
    }),
  );
  expect(offline.packages.map((p) => p.filename).sort()).toEqual(wanted);
  expect((await readdir(join(fx.work, 'wh3'))).filter((n) => n.endsWith('.whl')).sort()).toEqual(wanted);
});
