/**
 * The local cache directory is untrusted input (src/cache/local-dir-backend.ts,
 * manifest-restore.ts): a symlinked tmp/ never makes wheelhouse delete or write outside the cache,
 * and a tampered entry restores only the plain files its manifest lists, with their sha256.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FileStamps } from '../../src/cache/file-stamps.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { localEntryId } from '../../src/cache/local-dir-entries.js';
import { MANIFEST_FILENAME, writeManifest } from '../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { plantFifo, settles } from '../helpers/fifo.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer } from '../helpers/index-server.js';

let root: string;
let cacheDir: string;
let outside: string;
let logger: RecordingLogger;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-untrusted-cache-'));
  cacheDir = join(root, 'cache');
  outside = join(root, 'outside');
  await mkdir(cacheDir, { recursive: true });
  await mkdir(outside, { recursive: true });
  logger = new RecordingLogger();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A wheelhouse with a manifest listing its two wheels. */
async function wheelhouseAt(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = { 'a-1.0-py3-none-any.whl': 'A', 'b-1.0-py3-none-any.whl': 'B' };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeManifest(dir, {
    version: 1,
    files: Object.fromEntries(Object.entries(files).map(([n, t]) => [n, { sha256: sha(t), size: 1 }])),
  });
}

async function names(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('a symlinked tmp/ inside the cache directory', () => {
  it('is never followed: nothing outside is deleted or written, the save is refused with a warning', async () => {
    // Old enough to count as a stale leftover, and named like the cache's own trash.
    await writeFile(join(outside, 'precious.txt'), 'keep me');
    await writeFile(join(outside, 'trash-precious'), 'keep me too');
    const old = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    await utimes(join(outside, 'precious.txt'), old, old);
    await symlink(outside, join(cacheDir, 'tmp'));
    const backend = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 0 });
    const wh = join(root, 'wh');
    await wheelhouseAt(wh);
    const saved = await backend.save([wh], 'k-1');
    await backend.prune();
    expect(saved.saved).toBe(false);
    expect(logger.text()).toContain('is a symbolic link');
    expect(await names(outside)).toEqual(['precious.txt', 'trash-precious']);
  });
});

describe('a tampered entry', () => {
  async function savedEntry(): Promise<{ backend: LocalDirBackend; data: string }> {
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
    const wh = join(root, 'saved-wh');
    await wheelhouseAt(wh);
    expect((await backend.save([wh], 'k-1')).saved).toBe(true);
    const data = join(cacheDir, 'entries', localEntryId('k-1'), 'data', '0');
    return { backend, data };
  }

  it('restores only listed plain files with the listed sha256; everything else is ignored and reported', async () => {
    const { backend, data } = await savedEntry();
    await writeFile(join(outside, 'secret.txt'), 'outside bytes');
    await mkdir(join(data, 'sub'));
    await writeFile(join(data, 'sub', 'evil-1.0-py3-none-any.whl'), 'evil');
    await writeFile(join(data, 'evil-1.0-py3-none-any.whl'), 'evil');
    await chmod(join(data, 'b-1.0-py3-none-any.whl'), 0o644);
    await writeFile(join(data, 'b-1.0-py3-none-any.whl'), 'tampered');
    await rm(join(data, 'a-1.0-py3-none-any.whl'));
    await symlink(join(outside, 'secret.txt'), join(data, 'a-1.0-py3-none-any.whl'));

    const target = join(root, 'wh');
    await mkdir(target);
    await writeManifest(target, { version: 1, complete: false, files: {} });
    // An entry whose listed file has other bytes is dropped: no exact hit, the run saves anew (review 15b F8).
    expect(await backend.restore([target], 'k-1', [])).toEqual({ exact: false });
    expect(await names(join(cacheDir, 'entries'))).toEqual([]);
    expect(await names(target)).toEqual([MANIFEST_FILENAME]);
    const warning = logger.lines.find((l) => l.level === 'warn')?.message ?? '';
    expect(warning).toContain('"a-1.0-py3-none-any.whl": not a regular file');
    // Its size is not the listed one: refused before a byte is read (review 15b F4).
    expect(warning).toContain('"b-1.0-py3-none-any.whl": 8 bytes, not the manifest\'s 1');
    expect(warning).toContain('"evil-1.0-py3-none-any.whl": not listed');
    expect(warning).toContain('"sub": not listed');
  });

  it("a restore hashes an entry's files once: later runs trust this machine's stamps of them, never a rewritten file", async () => {
    // Linking on (the default): each restore's link changes the entry files' ctime.
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    const wh = join(root, 'saved-wh');
    await wheelhouseAt(wh);
    expect((await backend.save([wh], 'k-1')).saved).toBe(true);
    const data = join(cacheDir, 'entries', localEntryId('k-1'), 'data', '0');
    const store = join(root, 'stamps');
    const restoreInto = async (name: string, exact = true): Promise<{ hashed: number; files: string[] }> => {
      const stamps = new FileStamps({ store }); // a new run: only what the store kept
      const target = join(root, name);
      await mkdir(target);
      await writeManifest(target, { version: 1, complete: false, files: {} });
      expect((await backend.restore([target], 'k-1', [], { stamps })).exact).toBe(exact);
      return { hashed: stamps.counts.hashed, files: await names(target) };
    };
    const all = [MANIFEST_FILENAME, 'a-1.0-py3-none-any.whl', 'b-1.0-py3-none-any.whl'].sort();
    expect(await restoreInto('wh1')).toEqual({ hashed: 2, files: all });
    // Before: every restore hashed every entry file again (the entry had no stamps, and the link
    // made by the restore changed their ctime anyway).
    expect(await restoreInto('wh2')).toEqual({ hashed: 0, files: all });
    expect(await restoreInto('wh3')).toEqual({ hashed: 0, files: all });

    // A rewritten entry file (same size, other bytes) is hashed again and not restored (and the
    // entry is dropped: review 15b F8).
    await chmod(join(data, 'b-1.0-py3-none-any.whl'), 0o644);
    await writeFile(join(data, 'b-1.0-py3-none-any.whl'), 'X');
    const after = await restoreInto('wh4', false);
    expect(after.hashed).toBe(1);
    expect(after.files).toEqual([MANIFEST_FILENAME, 'a-1.0-py3-none-any.whl'].sort());
    expect(await readFile(join(root, 'wh4', 'a-1.0-py3-none-any.whl'), 'utf8')).toBe('A');
  });

  it("never places the run's own names an entry lists: the run lock, hidden names, the outputs (review 15b F16)", async () => {
    const { backend, data } = await savedEntry();
    const forged = JSON.stringify({ pid: 2 ** 22 - 7, host: 'here', createdAt: 0 });
    const files: Record<string, { sha256: string }> = { 'a-1.0-py3-none-any.whl': { sha256: sha('A') } };
    for (const name of ['.wheelhouse.lock', '.hidden.whl', 'requirements.lock']) {
      await writeFile(join(data, name), forged);
      files[name] = { sha256: sha(forged) };
    }
    await chmod(join(data, MANIFEST_FILENAME), 0o644);
    await writeManifest(data, { version: 1, files });
    const target = join(root, 'wh');
    await mkdir(target);
    await writeManifest(target, { version: 1, complete: false, files: {} });
    await writeFile(join(target, '.wheelhouse.lock'), 'the live run');
    await backend.restore([target], 'k-1', []);
    expect(await readFile(join(target, '.wheelhouse.lock'), 'utf8')).toBe('the live run');
    expect(await names(target)).toEqual(
      ['.wheelhouse.lock', MANIFEST_FILENAME, 'a-1.0-py3-none-any.whl'].sort(),
    );
    expect(logger.text()).toContain('".wheelhouse.lock": a name of the run itself');
    expect(logger.text()).toContain('"requirements.lock": an output the run writes itself');
  });

  // Since review 17b F1 a name wheelhouse never writes refuses the whole entry (nothing placed).
  it('a manifest listing a path outside the wheelhouse restores nothing', async () => {
    const { backend, data } = await savedEntry();
    await writeFile(join(data, 'x.whl'), 'X');
    await chmod(join(data, MANIFEST_FILENAME), 0o644);
    await writeManifest(data, {
      version: 1,
      files: { '../escaped.whl': { sha256: sha('X') }, 'a-1.0-py3-none-any.whl': { sha256: sha('A') } },
    });
    const target = join(root, 'deep', 'wh');
    await mkdir(target, { recursive: true });
    await writeManifest(target, { version: 1, complete: false, files: {} });
    await backend.restore([target], 'k-1', []);
    expect(await names(join(root, 'deep'))).toEqual(['wh', `wh/${MANIFEST_FILENAME}`]);
    expect(logger.text()).toContain('refused (cache miss): it names "../escaped.whl" in the wheelhouse');
  });

  it('an entry without a manifest restores nothing into a wheelhouse', async () => {
    const { backend, data } = await savedEntry();
    await chmod(join(data, MANIFEST_FILENAME), 0o644);
    await rm(join(data, MANIFEST_FILENAME));
    const target = join(root, 'wh');
    await mkdir(target);
    await writeManifest(target, { version: 1, complete: false, files: {} });
    await backend.restore([target], 'k-1', []);
    expect(await names(target)).toEqual([MANIFEST_FILENAME]);
    expect(await readFile(join(target, MANIFEST_FILENAME), 'utf8')).toContain('"complete": false');
    expect(logger.text()).toContain('a wheelhouse without a usable');
  });
});

describe('the CLI with a tampered --cache-dir entry', () => {
  it('restores only what the manifest lists: no foreign wheel, no subfolder reaches the wheelhouse', async () => {
    const server = await startIndexServer();
    try {
      serveFixture(server);
      await writeRequirements(root, ['app', 'big']);
      const fetch = (dest: string) =>
        runCliCaptured(
          [
            'fetch',
            '-r',
            'requirements.txt',
            '-i',
            server.indexUrl,
            '--python-version',
            '3.12',
            '--platform',
            'manylinux_2_17_x86_64',
            '--dest',
            dest,
            '--cache-dir',
            cacheDir,
          ],
          { env: { HOME: join(root, 'home') }, cwd: root },
        );
      expect((await fetch('wh1')).code).toBe(0);
      const [id] = await readdir(join(cacheDir, 'entries'));
      const data = join(cacheDir, 'entries', id!, 'data', '0');
      await mkdir(join(data, 'sub'));
      await writeFile(join(data, 'sub', 'evil-1.0-py3-none-any.whl'), 'evil');
      await writeFile(join(data, 'evil-1.0-py3-none-any.whl'), 'evil');
      server.reset();
      const r = await fetch('wh2');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('"evil-1.0-py3-none-any.whl": not listed in the entry');
      expect(r.stderr).toContain('"sub": not listed in the entry');
      expect(r.stderr).not.toContain('"report.json"');
      expect(await names(join(root, 'wh2'))).toEqual(
        [...EXPECTED_FILES, 'pylock.toml', 'report.json', 'requirements.lock', MANIFEST_FILENAME].sort(),
      );
      expect(server.counters.byKind['file-full'].requests).toBe(0);
    } finally {
      await server.close();
    }
  });
});

// Review 1 (s11) #7: entry.json and access.json are read under the cache's lock; a FIFO there hung
// every restore/save/prune of the directory, a link to /dev/zero filled memory. Now: a warning, the
// entry (or the access times) ignored.
describe('entry.json and access.json are read bounded, never through a FIFO or link', () => {
  const key = `wheelhouse-v1-linux-x64-cp311-${'a'.repeat(32)}`;
  const restoreOther = (backend: LocalDirBackend) =>
    backend.restore([join(root, 'out')], `wheelhouse-v1-linux-x64-cp311-${'b'.repeat(32)}`, [
      'wheelhouse-v1-linux-x64-cp311-',
    ]);

  it('a FIFO entry.json: the restore settles with the entry ignored and a warning', async () => {
    const entry = join(cacheDir, 'entries', localEntryId(key));
    await mkdir(entry, { recursive: true });
    plantFifo(join(entry, 'entry.json'));
    const backend = new LocalDirBackend({ dir: cacheDir, logger, lockTimeoutMs: 1000 });
    expect(await settles(restoreOther(backend))).toEqual({ exact: false });
    expect(logger.text()).toMatch(/entry\.json: not a regular file; entry ignored/);
  }, 30_000);

  it('a FIFO access.json: restore and save settle, the access times ignored with a warning', async () => {
    await mkdir(join(root, 'saved'));
    await writeFile(join(root, 'saved', 'f.txt'), 'x');
    plantFifo(join(cacheDir, 'access.json'));
    const backend = new LocalDirBackend({ dir: cacheDir, logger, lockTimeoutMs: 1000 });
    expect(await settles(backend.save([join(root, 'saved')], key))).toEqual({ saved: true });
    expect(logger.text()).toMatch(/access\.json: not a regular file; ignored/);
    expect(await settles(restoreOther(backend))).toMatchObject({ exact: false, matchedKey: key });
  }, 30_000);

  it("a FIFO as the entry's wheelhouse manifest: the restore settles and places nothing", async () => {
    const entry = join(cacheDir, 'entries', localEntryId(key));
    await mkdir(join(entry, 'data', '0'), { recursive: true });
    await writeFile(join(entry, 'data', '0', 'a-1.0-py3-none-any.whl'), 'A');
    plantFifo(join(entry, 'data', '0', MANIFEST_FILENAME));
    await writeFile(
      join(entry, 'entry.json'),
      JSON.stringify({ key, createdAt: 1, bytes: 1, paths: ['directory'] }),
    );
    const wheelhouse = join(root, 'wh');
    await wheelhouseAt(wheelhouse);
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
    expect(await settles(backend.restore([wheelhouse], key, []))).toMatchObject({ exact: true });
    expect(logger.text()).toMatch(/a wheelhouse without a usable wheelhouse-manifest\.json/);
  }, 30_000);

  it('entry.json linked to /dev/zero or too large: ignored, memory never filled', async () => {
    const linked = join(cacheDir, 'entries', localEntryId(key));
    await mkdir(linked, { recursive: true });
    await symlink('/dev/zero', join(linked, 'entry.json'));
    const big = join(cacheDir, 'entries', localEntryId(`${key}-big`));
    await mkdir(big, { recursive: true });
    const meta = { key: `${key}-big`, createdAt: 1, bytes: 1, paths: ['directory'], pad: 'x'.repeat(70_000) };
    await writeFile(join(big, 'entry.json'), JSON.stringify(meta));
    const backend = new LocalDirBackend({ dir: cacheDir, logger });
    expect(await restoreOther(backend)).toEqual({ exact: false });
    expect(logger.text()).toMatch(/entry\.json: not a regular file \(a symlink\); entry ignored/);
    expect(logger.text()).toMatch(/entry\.json: too large/);
  });
});

// Review 1 (s11) #15: the untrusted entry.json's kind decided whether the manifest check applied:
// 'file' for the wheelhouse path with data/0 a directory placed every file of it, unlisted, unhashed.
describe("entry.json's kind of a saved path", () => {
  const key = 'wheelhouse-v1-linux-x86_64-cp311-0123456789abcdef0123456789abcdef';

  async function entryWith(kind: string): Promise<void> {
    const entry = join(cacheDir, 'entries', localEntryId(key));
    await mkdir(join(entry, 'data', '0'), { recursive: true });
    await writeFile(join(entry, 'data', '0', 'six-1.16.0-py2.py3-none-any.whl'), 'not the real wheel');
    await writeFile(join(entry, 'data', '0', 'anything.sh'), 'echo foreign');
    await writeFile(
      join(entry, 'entry.json'),
      JSON.stringify({ key, createdAt: 1, bytes: 1, paths: [kind] }),
    );
  }

  it("'file' for a wheelhouse: nothing placed, reported", async () => {
    await entryWith('file');
    const wheelhouse = join(root, 'wh');
    await mkdir(wheelhouse);
    await writeManifest(wheelhouse, { version: 1, files: {} });
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
    // An entry whose saved path is not what entry.json says is dropped, no hit (review 15b F12).
    expect(await backend.restore([wheelhouse], key, [])).toEqual({ exact: false });
    expect((await readdir(wheelhouse)).sort()).toEqual([MANIFEST_FILENAME]);
    expect(logger.text()).toMatch(/data\/0: not a plain file/);
  });

  it("'file' for what lstat finds a directory, elsewhere too: nothing placed", async () => {
    await entryWith('file');
    const dest = join(root, 'state', 'builds');
    const backend = new LocalDirBackend({ dir: cacheDir, logger, link: false });
    expect(await backend.restore([dest], key, [])).toEqual({ exact: false });
    expect(await readdir(dest).catch(() => [])).toEqual([]);
    expect(logger.text()).toMatch(/not a plain file/);
  });
});

describe('sizes and times that decide pruning (review 2 of session 13)', () => {
  const KEY = (c: string) => `wheelhouse-v1-linux-x86_64-cp312-${c.repeat(32)}`;
  async function plant(key: string, bytes: unknown, createdAt: unknown): Promise<void> {
    const dir = join(cacheDir, 'entries', localEntryId(key));
    await mkdir(join(dir, 'data', '0'), { recursive: true });
    await writeFile(join(dir, 'data', '0', 'f'), 'x');
    await writeFile(join(dir, 'entry.json'), JSON.stringify({ key, createdAt, bytes, paths: ['directory'] }));
  }
  async function saveOne(backend: LocalDirBackend, key: string): Promise<void> {
    const src = join(root, `src-${key.slice(-1)}`);
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'a.whl'), 'tiny');
    expect((await backend.save([src], key)).saved).toBe(true);
  }

  it('an entry.json whose bytes or createdAt is no count is ignored: it prunes nothing else, and is never restored', async () => {
    for (const [i, c] of ['1', '2', '3'].entries()) await plant(KEY(c), 1, 1000 + i);
    await plant(KEY('4'), 'many', 999);
    await plant(KEY('5'), -1e15, 998);
    await plant(KEY('6'), 1, 'yesterday');
    await plant(KEY('7'), Number.MAX_VALUE, 997);
    const backend = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 1024 * 1024 });
    await saveOne(backend, KEY('a'));
    expect((await backend.list()).map((e) => e.key).sort()).toEqual([KEY('1'), KEY('2'), KEY('3'), KEY('a')]);
    const target = join(root, 'restored');
    expect(await backend.restore([target], KEY('4'), [])).toEqual({ exact: false });
  });

  it('access times that are not finite numbers are ignored (creation times decide), an id "__proto__" is just a name', async () => {
    await plant(KEY('1'), 600, 1000);
    await plant(KEY('2'), 600, 2000);
    await writeFile(
      join(cacheDir, 'access.json'),
      `{"${localEntryId(KEY('1'))}": "soon", "${localEntryId(KEY('2'))}": null, "__proto__": {"x": 1}}`,
    );
    // 1,200 bytes over a 1,000-byte limit: the oldest by creation (KEY 1) goes, KEY 2 stays.
    const backend = new LocalDirBackend({ dir: cacheDir, logger, maxBytes: 1000 });
    await saveOne(backend, KEY('a'));
    const left = (await backend.list()).map((e) => e.key).sort();
    expect(left).not.toContain(KEY('1'));
    expect(left).toContain(KEY('a'));
  });
});
