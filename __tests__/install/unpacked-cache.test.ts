/**
 * The unpacked-wheel cache (src/install/unpacked-cache.ts) with the real installer and real venvs:
 * a second install into a fresh venv is made of hard links (st_nlink, the cache's counters) and
 * equals an install without the cache; a tampered, chmod'ed, missing, extra or symlinked file in
 * an entry is never installed — the entry is discarded and unpacked again from the verified
 * wheel; concurrent installs share one cache; links that fail (EXDEV, injected) fall back to a
 * copy or to no cache at all; `pip uninstall -y` leaves the cache intact; pruning removes only
 * old entries and leftovers of its own naming.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  linkSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath, type BuiltWheel } from '../helpers/dists.js';
import { openInstaller, type InstallItem } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { UnpackedCache, type LinkFunction } from '../../src/install/unpacked-cache.js';
import { pruneUnpackedCache } from '../../src/install/unpacked-cache-prune.js';
import { RecordingLogger, silentLogger } from '../../src/util/logger.js';
import { diffTrees, makeVenv, pip, pipEnv, snapshot, venvPython, writeWheel } from './install-harness.js';

const MOD = 'VALUE = "from the wheel"\n';
const wheel: BuiltWheel = buildWheel({
  name: 'linked',
  version: '1.0',
  files: [
    { path: 'linked/mod.py', text: MOD },
    { path: 'linked/sub/other.py', text: 'OTHER = 2\n' },
    { path: 'linked/tool.sh', text: '#!/bin/sh\necho tool\n', mode: 0o100755 },
    { path: 'linked/blob.bin', size: 5 * 1024 * 1024 }, // streamed by a worker
    {
      path: dataPath('linked', '1.0', 'scripts', 'linked-script'),
      text: '#!python\nprint("s")\n',
      mode: 0o100755,
    },
    { path: dataPath('linked', '1.0', 'data', 'share/linked/readme.txt'), text: 'data\n' },
  ],
  entryPoints: '[console_scripts]\nlinked-cli = linked.mod:main\n',
});
const other: BuiltWheel = buildWheel({
  name: 'other',
  version: '2.0',
  files: [{ path: 'other/__main__.py', text: 'print("other")\n' }],
});

let work: string;
let ready = false;
let counter = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-unpacked-'));
  mkdirSync(join(work, 'wheels'));
  ready = makeVenv(join(work, 'probe-venv'), { withoutPip: true }) !== undefined;
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function skip(): boolean {
  if (ready) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

function itemOf(w: BuiltWheel, name: string, version: string): InstallItem {
  return {
    wheelPath: writeWheel(join(work, 'wheels'), w),
    filename: w.filename,
    sha256: w.sha256,
    name,
    version,
    requested: true,
  };
}

const items = (): InstallItem[] => [itemOf(wheel, 'linked', '1.0'), itemOf(other, 'other', '2.0')];

/** A fresh venv (with pip only when asked) and the install of `list` into it. */
async function installFresh(
  cache: UnpackedCache | undefined,
  list: InstallItem[] = items(),
  withPip = false,
): Promise<{ venv: string; purelib: string }> {
  const venv = makeVenv(join(work, `v${String(counter++).padStart(3, '0')}`, 'env'), {
    withoutPip: !withPip,
  }) as string;
  const interpreter = await probeInterpreter(venvPython(venv), { env: pipEnv() });
  const installer = await openInstaller({
    interpreter,
    logger: silentLogger,
    env: pipEnv(),
    ...(cache !== undefined ? { unpackedCache: cache } : {}),
  });
  for (const i of list) void installer.add(i);
  await installer.finish();
  return { venv, purelib: interpreter.paths.purelib };
}

/** A cache that writes an entry on a wheel's first use (the default waits for its second). */
function newCache(dir: string, link?: LinkFunction, logger = silentLogger): UnpackedCache {
  return new UnpackedCache({ dir, logger, fillOnFirstUse: true, ...(link !== undefined ? { link } : {}) });
}

function entryOf(dir: string, w: BuiltWheel): string {
  return join(dir, w.sha256);
}

/** The cache file of `archivePath` in an entry (by the manifest's order). */
function cachedFile(dir: string, w: BuiltWheel, archivePath: string): string {
  const manifest = JSON.parse(readFileSync(join(entryOf(dir, w), 'manifest.json'), 'utf8')) as {
    files: { path: string }[];
  };
  const i = manifest.files.findIndex((f) => f.path === archivePath);
  expect(i).toBeGreaterThanOrEqual(0);
  return join(entryOf(dir, w), 'f', String(i));
}

/**
 * The venv's tree (install-harness.ts's snapshot) comparable across venv paths: launchers embed
 * their venv's path (their contents are compared with it replaced by <VENV>), so their RECORD
 * rows' hash and size are left out. pip-agreement.test.ts compares byte for byte at one path.
 */
function tree(venv: string): ReturnType<typeof snapshot> {
  const out = snapshot(venv);
  for (const [path, file] of out) {
    if (path.endsWith('.dist-info/RECORD')) {
      file.content = file.content.replace(
        /^(\.\.\/\.\.\/\.\.\/bin\/[^,\n]*),sha256=[^,\n]*,\d+$/gm,
        '$1,<launcher>',
      );
    }
  }
  return out;
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('unpacked-wheel cache', () => {
  let reference: ReturnType<typeof tree>;

  beforeAll(async () => {
    if (!ready) return;
    reference = tree((await installFresh(undefined)).venv);
  }, 120_000);

  it('fills a second fresh venv by hard links, with the same tree as an install without the cache', async () => {
    if (skip()) return;
    const dir = join(work, 'cache-links');
    const first = newCache(dir);
    const a = await installFresh(first);
    expect(first.stats).toMatchObject({ hits: 0, populated: 2, discarded: 0, copied: 0 });
    expect(diffTrees(tree(a.venv), reference)).toEqual([]);
    const second = newCache(dir);
    const b = await installFresh(second);
    expect(second.stats).toMatchObject({ hits: 2, populated: 0, discarded: 0, copied: 0 });
    expect(diffTrees(tree(b.venv), reference)).toEqual([]);
    // Every wheel member is one inode shared by the entry and both venvs; files written per
    // environment (the #!python script, launchers, RECORD, INSTALLER) are not.
    const mod = join(b.purelib, 'linked', 'mod.py');
    expect(statSync(mod).nlink).toBe(3);
    expect(statSync(mod).ino).toBe(statSync(join(a.purelib, 'linked', 'mod.py')).ino);
    expect(statSync(join(b.purelib, 'linked', 'blob.bin')).nlink).toBe(3);
    expect(statSync(join(b.venv, 'share', 'linked', 'readme.txt')).nlink).toBe(3);
    expect(statSync(join(b.venv, 'bin', 'linked-script')).nlink).toBe(1);
    expect(statSync(join(b.venv, 'bin', 'linked-cli')).nlink).toBe(1);
    expect(statSync(join(b.purelib, 'linked-1.0.dist-info', 'RECORD')).nlink).toBe(1);
    expect(statSync(join(b.purelib, 'linked-1.0.dist-info', 'INSTALLER')).nlink).toBe(1);
    expect(second.stats.linked).toBe(first.stats.linked);
    // Nothing but complete entries is left in the cache directory.
    expect(readdirSync(dir).sort()).toEqual([other.sha256, wheel.sha256].sort());
  }, 120_000);

  it("by default writes an entry on a wheel's second use, not its first; a marker is never followed", async () => {
    if (skip()) return;
    const dir = join(work, 'cache-second-use');
    const lazy = (): UnpackedCache => new UnpackedCache({ dir, logger: silentLogger });
    const first = lazy();
    const a = await installFresh(first);
    expect(first.stats).toMatchObject({ hits: 0, populated: 0, firstSeen: 2, linked: 0, copied: 0 });
    expect(diffTrees(tree(a.venv), reference)).toEqual([]);
    // Only the markers: no entry was filled, nothing in the venv is linked.
    expect(readdirSync(dir).sort()).toEqual([`.seen-${other.sha256}`, `.seen-${wheel.sha256}`].sort());
    expect(statSync(join(a.purelib, 'linked', 'mod.py')).nlink).toBe(1);
    // A marker name taken by a symlink is "seen" too, and never written through.
    const outside = join(work, 'outside-marker-target');
    writeFileSync(outside, 'keep');
    rmSync(join(dir, `.seen-${other.sha256}`));
    symlinkSync(outside, join(dir, `.seen-${other.sha256}`));
    const second = lazy();
    const b = await installFresh(second);
    expect(second.stats).toMatchObject({ hits: 0, populated: 2, firstSeen: 0, discarded: 0 });
    expect(diffTrees(tree(b.venv), reference)).toEqual([]);
    expect(readFileSync(outside, 'utf8')).toBe('keep');
    // The entries are filled and the markers gone (the symlink removed, not its target).
    expect(readdirSync(dir).sort()).toEqual([other.sha256, wheel.sha256].sort());
    expect(existsSync(outside)).toBe(true);
    const third = lazy();
    const c = await installFresh(third);
    expect(third.stats).toMatchObject({ hits: 2, populated: 0, firstSeen: 0, discarded: 0 });
    expect(diffTrees(tree(c.venv), reference)).toEqual([]);
    expect(statSync(join(c.purelib, 'linked', 'mod.py')).ino).toBe(
      statSync(join(b.purelib, 'linked', 'mod.py')).ino,
    );
  }, 180_000);

  const rebuilt = async (name: string, spoil: (dir: string) => void): Promise<void> => {
    const dir = join(work, `cache-${name}`);
    await installFresh(newCache(dir));
    spoil(dir);
    const logger = new RecordingLogger();
    const cache = newCache(dir, undefined, logger);
    const { venv, purelib } = await installFresh(cache);
    expect(cache.stats).toMatchObject({ hits: 1, populated: 1, discarded: 1 });
    expect(logger.text()).toContain(`entry ${wheel.sha256} failed its checks`);
    expect(diffTrees(tree(venv), reference)).toEqual([]);
    expect(readFileSync(join(purelib, 'linked', 'mod.py'), 'utf8')).toBe(MOD);
    // The new entry is whole again: a third install links everything from it.
    const third = newCache(dir);
    const again = await installFresh(third);
    expect(third.stats).toMatchObject({ hits: 2, populated: 0, discarded: 0 });
    expect(diffTrees(tree(again.venv), reference)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([other.sha256, wheel.sha256].sort());
  };

  it('never installs a tampered cache file: the entry is discarded and unpacked again', async () => {
    if (skip()) return;
    await rebuilt('tampered', (dir) => {
      // Same size, other content: written in place, as an editor saving through a link would.
      writeFileSync(cachedFile(dir, wheel, 'linked/mod.py'), MOD.replace('wheel', 'WHEEL'));
    });
  }, 120_000);

  it('rebuilds an entry whose file changed mode', async () => {
    if (skip()) return;
    await rebuilt('chmod', (dir) => chmodSync(cachedFile(dir, wheel, 'linked/mod.py'), 0o755));
  }, 120_000);

  it('rebuilds an entry with a missing file', async () => {
    if (skip()) return;
    await rebuilt('missing', (dir) => unlinkSync(cachedFile(dir, wheel, 'linked/sub/other.py')));
  }, 120_000);

  it('rebuilds an entry with an extra file', async () => {
    if (skip()) return;
    await rebuilt('extra', (dir) => writeFileSync(join(entryOf(dir, wheel), 'f', '999'), 'foreign'));
  }, 120_000);

  it('rebuilds an entry with a symlink in place of a file (never followed)', async () => {
    if (skip()) return;
    await rebuilt('symlink', (dir) => {
      const target = cachedFile(dir, wheel, 'linked/mod.py');
      const outside = join(dir, '..', 'outside-mod.py');
      copyFileSync(target, outside);
      unlinkSync(target);
      symlinkSync(outside, target);
    });
  }, 120_000);

  it('rebuilds an entry whose manifest is a symlink or lies about a hash', async () => {
    if (skip()) return;
    await rebuilt('manifest-link', (dir) => {
      const manifest = join(entryOf(dir, wheel), 'manifest.json');
      const outside = join(dir, '..', 'outside-manifest.json');
      copyFileSync(manifest, outside);
      unlinkSync(manifest);
      symlinkSync(outside, manifest);
    });
    await rebuilt('manifest-hash', (dir) => {
      const manifest = join(entryOf(dir, wheel), 'manifest.json');
      const data = JSON.parse(readFileSync(manifest, 'utf8')) as { files: { hash: string }[] };
      data.files[0]!.hash = `sha256:${'0'.repeat(64)}`;
      writeFileSync(manifest, JSON.stringify(data));
    });
  }, 240_000);

  it('lets two installs share an empty cache at the same time', async () => {
    if (skip()) return;
    const dir = join(work, 'cache-concurrent');
    const caches = [newCache(dir), newCache(dir), newCache(dir)];
    const done = await Promise.all(caches.map((c) => installFresh(c)));
    for (const d of done) expect(diffTrees(tree(d.venv), reference)).toEqual([]);
    expect(caches.reduce((n, c) => n + c.stats.populated, 0)).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir).sort()).toEqual([other.sha256, wheel.sha256].sort());
    const next = newCache(dir);
    await installFresh(next);
    expect(next.stats).toMatchObject({ hits: 2, discarded: 0 });
  }, 180_000);

  it('falls back to copying when a link fails with EXDEV or EMLINK', async () => {
    if (skip()) return;
    const dir = join(work, 'cache-exdev');
    await installFresh(newCache(dir));
    let calls = 0;
    const flaky: LinkFunction = (from, to) => {
      // The installer's probe link succeeds; every other file link crosses "devices".
      const index = /[/\\]f[/\\](\d+)$/.exec(from)?.[1];
      if (calls++ > 0 && index !== undefined && Number(index) % 2 === 0) {
        // EXDEV (another file system), and EMLINK (the inode's link-count limit) for some.
        const code = Number(index) % 4 === 0 ? 'EXDEV' : 'EMLINK';
        throw Object.assign(new Error(`${code}: link`), { code });
      }
      linkSync(from, to);
    };
    const cache = newCache(dir, flaky);
    const { venv } = await installFresh(cache);
    expect(cache.stats.copied).toBeGreaterThan(0);
    expect(cache.stats.linked).toBeGreaterThan(0);
    expect(cache.stats).toMatchObject({ hits: 2, discarded: 0 });
    expect(diffTrees(tree(venv), reference)).toEqual([]);

    // No link possible at all: the cache is left alone (nothing read, nothing written).
    const never: LinkFunction = () => {
      throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
    };
    const logger = new RecordingLogger();
    const off = newCache(join(work, 'cache-exdev-off'), never, logger);
    const result = await installFresh(off);
    expect(off.stats).toMatchObject({ hits: 0, populated: 0, linked: 0, copied: 0 });
    expect(logger.text()).toContain('cannot hard-link');
    expect(diffTrees(tree(result.venv), reference)).toEqual([]);
    expect(statSync(join(result.purelib, 'linked', 'mod.py')).nlink).toBe(1);
  }, 180_000);

  it('keeps the cache intact when pip uninstalls a linked distribution', async () => {
    if (skip()) return;
    const dir = join(work, 'cache-uninstall');
    await installFresh(newCache(dir));
    const before = sha(cachedFile(dir, wheel, 'linked/blob.bin'));
    const { venv, purelib } = await installFresh(newCache(dir), items(), true);
    expect(statSync(join(purelib, 'linked', 'mod.py')).nlink).toBe(3);
    pip(venv, ['uninstall', '-y', 'linked', 'other']);
    expect(existsSync(join(purelib, 'linked'))).toBe(false);
    expect(statSync(cachedFile(dir, wheel, 'linked/mod.py')).nlink).toBe(2);
    expect(sha(cachedFile(dir, wheel, 'linked/blob.bin'))).toBe(before);
    const cache = newCache(dir);
    const again = await installFresh(cache);
    expect(cache.stats).toMatchObject({ hits: 2, discarded: 0, populated: 0 });
    expect(diffTrees(tree(again.venv), reference)).toEqual([]);
  }, 180_000);

  it('is bypassed (install still right) when the cache directory cannot be made', async () => {
    if (skip()) return;
    const blocker = join(work, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const cache = newCache(join(blocker, 'unpacked'));
    const { venv } = await installFresh(cache);
    expect(cache.stats).toMatchObject({ hits: 0, populated: 0, linked: 0 });
    expect(diffTrees(tree(venv), reference)).toEqual([]);
  }, 120_000);
});

describe('pruning the unpacked-wheel cache', () => {
  it('removes entries unused for 30 days and leftovers of killed runs, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-unpacked-prune-'));
    try {
      const old = 'a'.repeat(64);
      const fresh = 'b'.repeat(64);
      const day = 24 * 60 * 60;
      const ago = (days: number): number => Date.now() / 1000 - days * day;
      for (const name of [old, fresh, `.tmp-${'c'.repeat(16)}-Ab12Cd`, `.tmp-${'d'.repeat(16)}-Zz99Yy`]) {
        mkdirSync(join(dir, name, 'f'), { recursive: true });
        writeFileSync(join(dir, name, 'f', '0'), 'x');
      }
      mkdirSync(join(dir, `.discard-${'e'.repeat(16)}-${'1'.repeat(12)}`));
      writeFileSync(join(dir, `.probe-${'2'.repeat(12)}`), '');
      // First-use markers: removed when as old as an unused entry; a directory by that name is not one.
      for (const c of ['3', '4', '5']) writeFileSync(join(dir, `.seen-${c.repeat(64)}`), '');
      rmSync(join(dir, `.seen-${'5'.repeat(64)}`));
      mkdirSync(join(dir, `.seen-${'5'.repeat(64)}`));
      for (const c of ['3', '5']) utimesSync(join(dir, `.seen-${c.repeat(64)}`), ago(31), ago(31));
      // Not ours: left alone whatever their age.
      const foreignDir = join(dir, 'someone-elses');
      mkdirSync(foreignDir);
      const outside = mkdtempSync(join(tmpdir(), 'wh-unpacked-outside-'));
      writeFileSync(join(outside, 'keep'), 'keep');
      symlinkSync(outside, join(dir, 'f'.repeat(64)));
      writeFileSync(join(dir, '9'.repeat(64)), 'a file where an entry would be');
      utimesSync(join(dir, old), ago(31), ago(31));
      utimesSync(join(dir, `.tmp-${'c'.repeat(16)}-Ab12Cd`), ago(2), ago(2));
      utimesSync(foreignDir, ago(90), ago(90));
      utimesSync(join(dir, '9'.repeat(64)), ago(90), ago(90));
      const result = await pruneUnpackedCache(dir, { examine: 100 });
      expect(result.removed.sort()).toEqual(
        [
          old,
          `.tmp-${'c'.repeat(16)}-Ab12Cd`,
          `.discard-${'e'.repeat(16)}-${'1'.repeat(12)}`,
          `.probe-${'2'.repeat(12)}`,
          `.seen-${'3'.repeat(64)}`,
        ].sort(),
      );
      expect(readdirSync(dir).sort()).toEqual(
        [
          fresh,
          `.tmp-${'d'.repeat(16)}-Zz99Yy`,
          'someone-elses',
          'f'.repeat(64),
          '9'.repeat(64),
          `.seen-${'4'.repeat(64)}`,
          `.seen-${'5'.repeat(64)}`,
        ].sort(),
      );
      expect(readFileSync(join(outside, 'keep'), 'utf8')).toBe('keep');
      expect(lstatSync(join(dir, 'f'.repeat(64))).isSymbolicLink()).toBe(true);
      rmSync(outside, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks at no more than `examine` names per run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-unpacked-prune-'));
    try {
      for (let i = 0; i < 10; i++) {
        const name = i.toString(16).repeat(64);
        mkdirSync(join(dir, name));
        utimesSync(join(dir, name), 0, 0);
      }
      const result = await pruneUnpackedCache(dir, { examine: 3 });
      expect(result.examined).toBe(3);
      expect(result.removed).toHaveLength(3);
      expect(readdirSync(dir)).toHaveLength(7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
