/**
 * Review 17b F1 (local directory): a cache entry is untrusted input; one whose manifest lists a
 * name wheelhouse never writes into a wheelhouse (`sitecustomize.py`, `evil.pth`, `Makefile`) with
 * that file's real sha256 is refused whole — a cache miss with a warning, nothing placed — where
 * before the restore placed the files as the run's own. Names wheelhouse writes (wheels, sdists, a
 * direct URL's archive, the run's own files) still restore.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { foreignWheelhouseEntry, isWheelhouseName } from '../../src/cache/wheelhouse-entry-names.js';
import { MANIFEST_FILENAME, writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../src/util/logger.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-entry-names-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const WHEEL = 'a-1.0-py3-none-any.whl';

describe('names an entry may place into a wheelhouse', () => {
  it('wheels, sdists, plain-named archives and the run files; nothing else', () => {
    for (const name of [
      WHEEL,
      'a-1.0.tar.gz',
      'A_b-2.0rc1.zip',
      'v2.32.3.tar.gz',
      MANIFEST_FILENAME,
      'requirements.lock',
      'report.json',
      'pylock.toml',
    ])
      expect([name, isWheelhouseName(name)]).toEqual([name, true]);
    for (const name of [
      'sitecustomize.py',
      'evil.pth',
      'Makefile',
      'requirements.txt',
      'x.whl.py',
      'a b.whl',
      '../a-1.0.tar.gz',
      '',
    ])
      expect([name, isWheelhouseName(name)]).toEqual([name, false]);
    expect(foreignWheelhouseEntry([WHEEL, 'evil.pth'])).toContain('"evil.pth"');
    expect(foreignWheelhouseEntry([WHEEL, 'x'.repeat(300)])).toContain(`"${'x'.repeat(100)}"…`);
    expect(foreignWheelhouseEntry([WHEEL, 'a-1.0.tar.gz'])).toBeUndefined();
  });
});

it('local directory: an entry whose manifest lists non-distribution files is a miss, nothing placed', async () => {
  const logger = new RecordingLogger();
  const cacheDir = join(root, 'cache');
  const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
  const saved = join(root, 'saved');
  await mkdir(saved);
  await writeFile(join(saved, WHEEL), 'a');
  await writeManifest(saved, { version: 1, files: { [WHEEL]: { sha256: sha('a') } } });
  expect((await backend.save([saved], 'k-1')).saved).toBe(true);

  // Someone who can write the cache directory adds files to the entry and to its manifest.
  const [id] = await readdir(join(cacheDir, 'entries'));
  const data = join(cacheDir, 'entries', id!, 'data', '0');
  const planted: Record<string, string> = {
    'sitecustomize.py': 'import os\n',
    'evil.pth': 'import os\n',
    Makefile: 'all:\n',
  };
  for (const [name, text] of Object.entries(planted)) await writeFile(join(data, name), text);
  await rm(join(data, MANIFEST_FILENAME), { force: true });
  await writeManifest(data, {
    version: 1,
    files: {
      [WHEEL]: { sha256: sha('a') },
      ...Object.fromEntries(Object.entries(planted).map(([n, t]) => [n, { sha256: sha(t) }])),
    },
  });

  const wh = join(root, 'wh');
  await mkdir(wh);
  await writeManifest(wh, { version: 1, files: {} });
  expect(await backend.restore([wh], 'k-1', [])).toEqual({ exact: false });
  expect(await readdir(wh)).toEqual([MANIFEST_FILENAME]);
  const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
  expect(warnings).toEqual([
    expect.stringMatching(
      /cache entry k-1 .* refused \(cache miss\): it names "(sitecustomize\.py|evil\.pth|Makefile)" in the wheelhouse/,
    ),
  ]);

  // The entry as saved (only the wheel listed) restores.
  await rm(join(data, MANIFEST_FILENAME), { force: true });
  await writeManifest(data, { version: 1, files: { [WHEEL]: { sha256: sha('a') } } });
  expect(await backend.restore([wh], 'k-1', [])).toEqual({ matchedKey: 'k-1', exact: true });
  expect((await readdir(wh)).sort()).toEqual([WHEEL, MANIFEST_FILENAME]);
});
