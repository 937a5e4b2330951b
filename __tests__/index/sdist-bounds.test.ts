/**
 * sdist archives read for PKG-INFO are bounded whatever their headers claim (docs/reliability.md,
 * "Memory and time are bounded"): a GNU long name or pax header claiming GiBs is refused by its
 * header, a PKG-INFO over the metadata limit too, and the scan of a gzip bomb stops at its limit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readSdistPkgInfo, SdistFormatError } from '../../src/index/sdist-metadata.js';
import { ustarHeader, writeTar } from '../helpers/tar-writer.js';

describe('bounded sdist reads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-sdist-bounds-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function read(name: string, tar: Uint8Array, maxScan?: number): Promise<unknown> {
    const path = join(dir, name);
    await writeFile(path, gzipSync(tar));
    return readSdistPkgInfo(path, name, `https://x.test/${name}`, maxScan).catch((e: unknown) => e);
  }

  it.each([
    ['L', 'GNU long name'],
    ['x', 'pax extended header'],
  ])('a %s record claiming 3 GiB is refused by its header', async (type, what) => {
    const GiB3 = 3 * 1024 ** 3;
    // The header and a little data: the archive claims far more than it holds.
    const tar = Buffer.concat([ustarHeader('././@LongLink', GiB3, type), Buffer.alloc(64 * 1024, 0x61)]);
    const error = await read(`long${type}-1.0.tar.gz`, tar);
    expect(error).toBeInstanceOf(SdistFormatError);
    expect((error as Error).message).toContain(`a ${what} of ${GiB3} bytes`);
    expect((error as Error).message).toContain('over the 1048576-byte limit');
    expect((error as Error).message).toContain(`https://x.test/long${type}-1.0.tar.gz`);
  });

  it('a PKG-INFO claiming 3 GiB is refused by its header', async () => {
    const tar = Buffer.concat([ustarHeader('big-1.0/PKG-INFO', 3 * 1024 ** 3, '0'), Buffer.alloc(4096)]);
    const error = await read('big-1.0.tar.gz', tar);
    expect(error).toBeInstanceOf(SdistFormatError);
    expect((error as Error).message).toMatch(/PKG-INFO is 3221225472 bytes, over the 10485760-byte limit/);
  });

  it('stops scanning after the uncompressed limit (a gzip bomb ends, it is not read to the end)', async () => {
    const filler = new Uint8Array(4 * 1024 * 1024);
    const tar = writeTar([
      { path: 'bomb-1.0/data.bin', data: filler },
      { path: 'bomb-1.0/PKG-INFO', data: new TextEncoder().encode('Name: bomb\n') },
    ]);
    const error = await read('bomb-1.0.tar.gz', tar, 1024 * 1024);
    expect(error).toBeInstanceOf(SdistFormatError);
    expect((error as Error).message).toMatch(/no top-level PKG-INFO in the first 1048576 uncompressed bytes/);
    // The same archive with the default limit is read fine.
    expect(new TextDecoder().decode((await read('bomb-1.0.tar.gz', tar)) as Uint8Array)).toBe('Name: bomb\n');
  });
});
