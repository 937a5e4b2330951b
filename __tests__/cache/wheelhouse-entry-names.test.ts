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
import { directFileNameReason } from '../../src/index/dist-filename-check.js';
import { directUrlFile } from '../../src/provider/direct-url-file.js';
import { normalizeName } from '../../src/standards/names.js';
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
      '../a-1.0.tar.gz',
      'a\u202e.tar.gz',
      'a:b.zip',
      'x.tar.gz.py',
      'pkg.egg',
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

// Review 17c F1: a direct URL's (or a lock file's) file keeps its URL's last segment, percent-decoded
// (provider/direct-url-file.ts); the entry rule accepted only ASCII `[A-Za-z0-9._+!-]` names, so a run
// that wrote `v1.0~rc1.tar.gz` into its wheelhouse refused its own entry on every later run. Both
// sides now use one rule (dist-filename-check.ts directFileNameReason).
describe('names a direct URL gives its file', () => {
  const urls = [
    'https://example.com/files/my%20pkg-1.0.tar.gz',
    'https://github.com/o/r/archive/refs/tags/v1.0~rc1.tar.gz',
    'https://example.com/dl/paket-%C3%BC-1.0.tar.gz',
    'https://example.com/dl/pkg@1.0.zip',
    'https://example.com/dl/pkg=1.0,x.zip',
    'https://example.com/dl/pkg-1.0%2Blocal.tar.gz',
    'https://example.com/dl/Foo_Bar-1.0-py3-none-any.whl',
    'https://example.com/dl/foo-1.0.tar.bz2',
  ];
  it.each(urls)('%s: the input accepts it, and an entry may place it', (url) => {
    const { filename } = directUrlFile(normalizeName('pkg'), url);
    expect([filename, directFileNameReason(filename)]).toEqual([filename, undefined]);
    expect([filename, isWheelhouseName(filename)]).toEqual([filename, true]);
  });

  it('a local entry holding such archives restores (exact hit), every file placed', async () => {
    const logger = new RecordingLogger();
    const backend = new LocalDirBackend({ dir: join(root, 'cache'), logger, link: false });
    const saved = join(root, 'saved');
    await mkdir(saved);
    const names = [WHEEL, 'v1.0~rc1.tar.gz', 'my pkg-1.0.tar.gz', 'paket-ü-1.0.tar.gz', 'pkg@1.0.zip'];
    for (const name of names) await writeFile(join(saved, name), name);
    await writeManifest(saved, {
      version: 1,
      files: Object.fromEntries(names.map((n) => [n, { sha256: sha(n) }])),
    });
    expect((await backend.save([saved], 'k-1')).saved).toBe(true);
    const wh = join(root, 'wh');
    await mkdir(wh);
    await writeManifest(wh, { version: 1, files: {} });
    expect(await backend.restore([wh], 'k-1', [])).toEqual({ matchedKey: 'k-1', exact: true });
    expect((await readdir(wh)).sort()).toEqual([...names, MANIFEST_FILENAME].sort());
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
