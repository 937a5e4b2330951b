/**
 * Review 15b F16: a local cache entry is untrusted input; a manifest listing the run lock, a hidden
 * name or a run output must not make the restore place it (the rule s3-restore.ts follows since
 * review 14c F4, now shared through src/cache/run-owned-names.ts). Before the fix, an entry's
 * `.wheelhouse.lock` of a dead owner was renamed over the lock the running flow holds.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { MANIFEST_FILENAME, RUN_LOCK_FILENAME, writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { acquireDirLock } from '../../src/util/dir-lock.js';
import { RecordingLogger } from '../../src/util/logger.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-run-owned-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

it("an entry listing the run lock, a hidden name or a run output: none is placed, the run's lock stays its own", async () => {
  const logger = new RecordingLogger();
  const cacheDir = join(root, 'cache');
  const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
  const saved = join(root, 'saved');
  await mkdir(saved);
  await writeFile(join(saved, 'a-1.0-py3-none-any.whl'), 'a');
  await writeManifest(saved, { version: 1, files: { 'a-1.0-py3-none-any.whl': { sha256: sha('a') } } });
  expect((await backend.save([saved], 'k-1')).saved).toBe(true);

  // Someone who can write the cache directory adds a dead owner's lock and other run-owned names.
  const [id] = await readdir(join(cacheDir, 'entries'));
  const data = join(cacheDir, 'entries', id!, 'data', '0');
  const forged = JSON.stringify({ pid: 2 ** 22 - 7, host: hostname(), createdAt: 0 });
  const planted: Record<string, string> = {
    [RUN_LOCK_FILENAME]: forged,
    '.a-1.0-py3-none-any.whl.part': 'part',
    'requirements.lock': 'a==0.1\n',
  };
  for (const [name, text] of Object.entries(planted)) await writeFile(join(data, name), text);
  await rm(join(data, MANIFEST_FILENAME), { force: true });
  await writeManifest(data, {
    version: 1,
    files: {
      'a-1.0-py3-none-any.whl': { sha256: sha('a') },
      ...Object.fromEntries(Object.entries(planted).map(([n, t]) => [n, { sha256: sha(t) }])),
    },
  });

  const wh = join(root, 'wh');
  await mkdir(wh);
  const release = await acquireDirLock(join(wh, RUN_LOCK_FILENAME), { timeoutMs: 0 });
  try {
    const mine = await readFile(join(wh, RUN_LOCK_FILENAME), 'utf8');
    expect(await backend.restore([wh], 'k-1', [])).toEqual({ matchedKey: 'k-1', exact: true });
    expect(await readFile(join(wh, RUN_LOCK_FILENAME), 'utf8')).toBe(mine);
    expect((await readdir(wh)).sort()).toEqual([
      RUN_LOCK_FILENAME,
      'a-1.0-py3-none-any.whl',
      MANIFEST_FILENAME,
    ]);
    const warning = logger.lines.find((l) => l.level === 'warn')?.message ?? '';
    expect(warning).toContain(`"${RUN_LOCK_FILENAME}": a name of the run itself`);
    expect(warning).toContain('".a-1.0-py3-none-any.whl.part": a name of the run itself');
    expect(warning).toContain('"requirements.lock": an output the run writes itself');
  } finally {
    await release();
  }
});

// The run's outputs (RUN_FILES but the manifest, manifest-restore.ts' RUN_OUTPUTS) travel in an
// entry unlisted: a restore places none of them and reports none; any other unlisted name it reports.
it("an entry holding the saved run's outputs unlisted: none is placed or reported, another unlisted file is", async () => {
  const logger = new RecordingLogger();
  const cacheDir = join(root, 'cache');
  const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
  const saved = join(root, 'saved');
  await mkdir(saved);
  await writeFile(join(saved, 'a-1.0-py3-none-any.whl'), 'a');
  await writeManifest(saved, { version: 1, files: { 'a-1.0-py3-none-any.whl': { sha256: sha('a') } } });
  expect((await backend.save([saved], 'k-2')).saved).toBe(true);
  const [id] = await readdir(join(cacheDir, 'entries'));
  const data = join(cacheDir, 'entries', id!, 'data', '0');
  for (const name of ['requirements.lock', 'report.json', 'pylock.toml', 'b-1.0-py3-none-any.whl'])
    await writeFile(join(data, name), name);

  const wh = join(root, 'wh');
  await mkdir(wh);
  expect(await backend.restore([wh], 'k-2', [])).toEqual({ matchedKey: 'k-2', exact: true });
  expect((await readdir(wh)).sort()).toEqual(['a-1.0-py3-none-any.whl', MANIFEST_FILENAME]);
  const warnings = logger.lines
    .filter((l) => l.level === 'warn')
    .map((l) => l.message)
    .join('\n');
  expect(warnings).toContain(`"b-1.0-py3-none-any.whl": not listed in the entry's manifest`);
  for (const name of ['requirements.lock', 'report.json', 'pylock.toml', MANIFEST_FILENAME])
    expect(warnings).not.toContain(`"${name}"`);
});
