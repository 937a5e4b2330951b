import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  MANIFEST_FILENAME,
  ManifestError,
  manifestFor,
  readManifest,
  verifyWheelhouse,
  writeManifest,
} from '../../src/cache/wheelhouse-manifest.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { plantFifo, settles } from '../helpers/fifo.js';
import { resolutionOf, type FileSpec } from '../helpers/resolutions.js';

let dir: string;
let logger: RecordingLogger;

const specs: FileSpec[] = ['alpha', 'beta', 'gamma'].map((name) => ({
  name,
  version: '1.0',
  bytes: pseudoRandomBytes(70_000, name),
}));
const resolution = resolutionOf(specs);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-manifest-'));
  logger = new RecordingLogger();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wheelhouse manifest', () => {
  it('round-trips filename → sha256 and size, written atomically (no temp files left)', async () => {
    await writeManifest(dir, manifestFor(resolution));
    const back = await readManifest(dir);
    expect(back?.files[resolution.packages[0]!.file.filename]).toEqual({
      sha256: resolution.packages[0]!.file.sha256,
      size: 70_000,
    });
    expect(Object.keys(back!.files)).toHaveLength(3);
    expect(await readdir(dir)).toEqual([MANIFEST_FILENAME]);
  });

  it('reports a missing manifest as undefined and a broken one as an error naming the file', async () => {
    expect(await readManifest(dir)).toBeUndefined();
    await writeFile(join(dir, MANIFEST_FILENAME), '{"version": 9, "files": {}}');
    await expect(readManifest(dir)).rejects.toThrow(ManifestError);
    await expect(readManifest(dir)).rejects.toThrow(MANIFEST_FILENAME);
  });

  // The Actions cache restores the wheelhouse with tar: a FIFO or a link under the manifest's
  // name hung (or filled memory of) every run that claims the wheelhouse.
  it('a FIFO or a link under its name is a ManifestError, never a blocked read', async () => {
    plantFifo(join(dir, MANIFEST_FILENAME));
    const fifo = await settles(readManifest(dir).then(String, (e: Error) => e));
    expect(fifo).toBeInstanceOf(ManifestError);
    expect((fifo as Error).message).toMatch(/not a regular file$/);
    await rm(join(dir, MANIFEST_FILENAME));
    await symlink('/dev/zero', join(dir, MANIFEST_FILENAME));
    await expect(readManifest(dir)).rejects.toThrow(/not a regular file \(a symlink\)/);
  }, 30_000);
});

describe('verifyWheelhouse', () => {
  it('keeps good wheels, deletes poisoned and foreign files, and lists what is missing', async () => {
    const [a, b, c] = resolution.packages.map((p) => p.file);
    await writeFile(join(dir, a!.filename), specs.find((s) => a!.filename.startsWith(s.name))!.bytes);
    await writeFile(join(dir, b!.filename), 'poisoned bytes under a resolved name');
    await writeFile(join(dir, 'evil-6.6-py3-none-any.whl'), 'not in the resolution');
    await writeFile(join(dir, 'lock.txt'), 'kept on request');
    await writeManifest(dir, manifestFor(resolution));
    await mkdir(join(dir, 'subdir'));
    await writeFile(join(dir, 'subdir', 'evil-1.0-py3-none-any.whl'), 'in a subfolder');
    await symlink(join(dir, 'lock.txt'), join(dir, 'link.whl'));

    const result = await verifyWheelhouse(dir, resolution, { logger, keep: ['lock.txt'] });
    expect(result.valid.map((f) => f.filename)).toEqual([a!.filename]);
    expect(result.missing.map((f) => f.filename).sort()).toEqual([b!.filename, c!.filename].sort());
    expect(result.removed).toEqual(
      expect.arrayContaining([
        { filename: b!.filename, reason: 'hash-mismatch' },
        { filename: 'evil-6.6-py3-none-any.whl', reason: 'not-in-resolution' },
        { filename: 'subdir', reason: 'not-a-file' },
        { filename: 'link.whl', reason: 'not-a-file' },
      ]),
    );
    expect(result.removed).toHaveLength(4);
    expect((await readdir(dir)).sort()).toEqual([a!.filename, 'lock.txt', MANIFEST_FILENAME].sort());
    expect(await readFile(join(dir, 'lock.txt'), 'utf8')).toBe('kept on request');
    expect(logger.text()).toContain(`removed ${b!.filename}`);
    expect(logger.text()).toContain(b!.sha256);
    expect(await readFile(join(dir, a!.filename))).toHaveLength(70_000);
  });

  it("a file whose size is not the resolution's is removed without being read (review 15b F4)", async () => {
    const [a] = resolution.packages.map((p) => p.file);
    const sized = { ...resolution, packages: [{ ...resolution.packages[0]!, file: { ...a!, size: 11 } }] };
    await writeFile(join(dir, a!.filename), 'more than eleven bytes');
    await writeManifest(dir, manifestFor(sized));
    const read: string[] = [];
    const result = await verifyWheelhouse(dir, sized, {
      logger,
      digest: (path) => {
        read.push(path);
        return Promise.reject(new Error('not to be read'));
      },
    });
    expect(read).toEqual([]);
    expect(result.removed).toEqual([{ filename: a!.filename, reason: 'hash-mismatch' }]);
    expect(logger.text()).toContain("its size is not the resolution's 11 bytes");
  });

  it('treats an absent wheelhouse as empty', async () => {
    const result = await verifyWheelhouse(join(dir, 'nope'), resolution, { logger });
    expect(result.missing).toHaveLength(3);
    expect(result.valid).toEqual([]);
  });
});
