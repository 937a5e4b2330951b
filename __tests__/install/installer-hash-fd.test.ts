/**
 * installer.ts hashes a wheel through the descriptor it then extracts from (review 1 of session
 * 12, finding 8): another process replacing the file at its path after the hash, before the
 * archive is read (made deterministic by wrapping the archive's opening), changes nothing — the
 * bytes installed are the ones hashed. And a file rewritten in place while it is hashed is refused. A temp
 * venv, the real installer.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';

const work = mkdtempSync(join(tmpdir(), 'wh-hash-fd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pinned = buildWheel({
  name: 'victim',
  version: '1.0',
  files: [{ path: 'victim/x.py', text: 'PINNED = 1\n' }],
});
const other = buildWheel({
  name: 'victim',
  version: '1.0',
  files: [{ path: 'victim/x.py', text: 'OTHER = 1\n' }],
});
const swapped = join(work, 'swapped', pinned.filename);
const grown = join(work, 'grown', pinned.filename);
const otherPath = join(work, 'other.whl');
const rewritten = join(work, 'rewritten', pinned.filename);
const restored = join(work, 'restored', pinned.filename);
const relinked = join(work, 'relinked', pinned.filename);

/** Another process replacing the wheel at its path: after it was hashed, before it is read. */
function replaceAfterHash(path: string): void {
  if (path === swapped) renameSync(otherPath, swapped);
}

const check = await import('../../src/install/wheel-file-check.js');
jest.unstable_mockModule('../../src/install/wheel-file-check.js', () => ({
  ...check,
  wheelSha256: async (path: string, fd?: number) => {
    const answer = await check.wheelSha256(path, fd);
    if (path === grown) writeFileSync(grown, other.bytes); // rewritten in place (same inode)
    return answer;
  },
}));
const archive = await import('../../src/install/wheel-archive.js');
jest.unstable_mockModule('../../src/install/wheel-archive.js', () => ({
  ...archive,
  openWheelArchive: async (path: string, source: string) => {
    replaceAfterHash(path);
    return archive.openWheelArchive(path, source);
  },
  wheelArchiveOf: async (handle: FileHandle, path: string, source: string) => {
    replaceAfterHash(path);
    // Written in place (O_TRUNC, same inode as the descriptor) after the hash was checked.
    if (path === rewritten || path === restored) writeFileSync(path, other.bytes);
    return archive.wheelArchiveOf(handle, path, source);
  },
}));
const stage = await import('../../src/install/stage-wheel.js');
jest.unstable_mockModule('../../src/install/stage-wheel.js', () => ({
  ...stage,
  stageWheel: async (...args: Parameters<typeof stage.stageWheel>) => {
    const staged = await stage.stageWheel(...args);
    // ... and the pinned bytes written back in place once the other ones are staged (review 14d F1).
    if (existsSync(restored)) writeFileSync(restored, pinned.bytes);
    // ... or another name of the same inode made and removed (its ctime moves, its bytes do not),
    // as the fetch removes its download directory whose wheels the wheelhouse links (review 14e F1).
    if (existsSync(relinked)) {
      linkSync(relinked, `${relinked}.2`);
      unlinkSync(`${relinked}.2`);
    }
    return staged;
  },
}));
const { openInstaller, WheelInstallError } = await import('../../src/install/installer.js');
const { probeInterpreter } = await import('../../src/install/interpreter.js');
const { silentLogger } = await import('../../src/util/logger.js');
const { UnpackedCache } = await import('../../src/install/unpacked-cache.js');

let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'), { withoutPip: true });
}, 120_000);

async function install(
  wheelPath: string,
  unpackedCache?: InstanceType<typeof UnpackedCache>,
): Promise<string> {
  const interpreter = await probeInterpreter(venvPython(venv as string));
  if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
  const installer = await openInstaller({
    interpreter,
    logger: silentLogger,
    workers: 0,
    reinstall: true,
    ...(unpackedCache !== undefined ? { unpackedCache } : {}),
  });
  void installer.add({
    wheelPath,
    filename: pinned.filename,
    sha256: pinned.sha256,
    name: 'victim',
    version: '1.0',
    requested: true,
  });
  await installer.finish();
  return readFileSync(join(interpreter.paths.purelib, 'victim', 'x.py'), 'utf8');
}

describe('the wheel hashed is the wheel installed', () => {
  it('installs the bytes hashed although the path names another file since', async () => {
    if (venv === undefined) return;
    for (const dir of ['swapped', 'grown']) rmSync(join(work, dir), { recursive: true, force: true });
    writeFileSync(otherPath, other.bytes);
    mkdirSync(join(work, 'swapped'));
    writeFileSync(swapped, pinned.bytes);
    expect(await install(swapped)).toBe('PINNED = 1\n');
    expect(readFileSync(swapped)).toEqual(Buffer.from(other.bytes)); // the path was replaced
  }, 120_000);

  it('refuses a file written in place while it is hashed', async () => {
    if (venv === undefined) return;
    mkdirSync(join(work, 'grown'));
    writeFileSync(grown, pinned.bytes);
    await expect(install(grown)).rejects.toBeInstanceOf(WheelInstallError);
  }, 120_000);

  it('refuses a file written in place after its hash was checked, and caches nothing of it (review 14a F3)', async () => {
    if (venv === undefined) return;
    const cacheDir = join(work, 'unpacked');
    for (const cached of [false, true]) {
      rmSync(join(work, 'rewritten'), { recursive: true, force: true });
      mkdirSync(join(work, 'rewritten'));
      writeFileSync(rewritten, pinned.bytes);
      const cache = cached
        ? new UnpackedCache({ dir: cacheDir, logger: silentLogger, fillOnFirstUse: true })
        : undefined;
      await expect(install(rewritten, cache)).rejects.toThrow('the file changed after its hash was checked');
      expect(readFileSync(rewritten)).toEqual(Buffer.from(other.bytes)); // the rewrite happened
      expect(cache?.stats.populated ?? 0).toBe(0);
      expect(existsSync(join(cacheDir, pinned.sha256))).toBe(false);
    }
  }, 120_000);

  it('refuses a file rewritten in place and put back after staging: a second hash would pass (review 14d F1)', async () => {
    if (venv === undefined) return;
    rmSync(join(work, 'restored'), { recursive: true, force: true });
    mkdirSync(join(work, 'restored'));
    writeFileSync(restored, pinned.bytes);
    await expect(install(restored)).rejects.toThrow('the file changed after its hash was checked');
    expect(readFileSync(restored)).toEqual(Buffer.from(pinned.bytes)); // the pinned bytes are back
    rmSync(join(work, 'restored'), { recursive: true, force: true });
  }, 120_000);

  it('installs a wheel whose other names were linked and unlinked while it was staged (review 14e F1)', async () => {
    if (venv === undefined) return;
    rmSync(join(work, 'relinked'), { recursive: true, force: true });
    mkdirSync(join(work, 'relinked'));
    writeFileSync(relinked, pinned.bytes);
    expect(await install(relinked)).toBe('PINNED = 1\n');
    rmSync(join(work, 'relinked'), { recursive: true, force: true });
  }, 120_000);
});
