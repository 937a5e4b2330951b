/**
 * Zip-bomb and overlap bounds of the installer's member reader (issue 9 §3): a member inflates
 * to at most the size its central directory entry declares (in one piece or streamed), entries
 * may not share a local header, and data may not run into the next member.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeZip } from '../helpers/zip-writer.js';
import { MAX_WHEEL_MEMBERS, openWheelArchive } from '../../src/install/wheel-archive.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-archive-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a zip of `size` zero bytes whose central directory claims `claim` bytes. */
function lyingZip(name: string, size: number, claim: number): string {
  const zip = writeZip([{ path: 'bomb.bin', data: new Uint8Array(size), compress: true }]);
  const bytes = Buffer.from(zip.bytes);
  bytes.writeUInt32LE(claim, zip.centralDirectoryOffset + 24);
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

const drain = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

describe('openWheelArchive', () => {
  it('stops inflating a small member at its declared size', async () => {
    const archive = await openWheelArchive(lyingZip('a.zip', 1_000_000, 1000), 'a.whl');
    try {
      const entry = archive.entries[0]!;
      await expect(archive.readMember(entry, 10_000_000)).rejects.toThrow(
        'a.whl: "bomb.bin" inflates past the 1000 bytes its directory entry declares',
      );
      await expect(archive.readMember(entry, 500)).rejects.toThrow(
        '"bomb.bin" is 1000 bytes, over the 500-byte limit',
      );
    } finally {
      await archive.close();
    }
  });

  it('stops a streamed member at its declared size, and refuses one that comes out short', async () => {
    const archive = await openWheelArchive(lyingZip('b.zip', 8 * 1024 * 1024, 5_000_000), 'b.whl');
    try {
      await expect(pipeline(await archive.streamMember(archive.entries[0]!), drain())).rejects.toThrow(
        '"bomb.bin" inflates past the 5000000 bytes its directory entry declares',
      );
    } finally {
      await archive.close();
    }
    const short = await openWheelArchive(lyingZip('c.zip', 1000, 2000), 'c.whl');
    try {
      await expect(pipeline(await short.streamMember(short.entries[0]!), drain())).rejects.toThrow(
        '"bomb.bin": 1000 bytes after inflating, the central directory says 2000',
      );
    } finally {
      await short.close();
    }
  });

  it('refuses a wheel of more members than MAX_WHEEL_MEMBERS, and opens one of exactly that many (review 17a F3)', async () => {
    const empty = new Uint8Array(0);
    const members = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        path: `many/m${Math.floor(i / 1000)}/f${i}.py`,
        data: empty,
        compress: false,
      }));
    const over = join(work, 'over.zip');
    writeFileSync(over, writeZip(members(MAX_WHEEL_MEMBERS + 1)).bytes);
    await expect(openWheelArchive(over, 'many-1.0-py3-none-any.whl')).rejects.toThrow(
      `many-1.0-py3-none-any.whl: the archive holds ${MAX_WHEEL_MEMBERS + 1} members, more than the ${MAX_WHEEL_MEMBERS} the installer accepts in one wheel`,
    );
    const at = join(work, 'at.zip');
    writeFileSync(at, writeZip(members(MAX_WHEEL_MEMBERS)).bytes);
    const archive = await openWheelArchive(at, 'many-1.0-py3-none-any.whl');
    expect(archive.entries.length).toBe(MAX_WHEEL_MEMBERS);
    await archive.close();
  }, 60_000);

  it('refuses directory entries that share a local header (overlapping members)', async () => {
    const zip = writeZip([
      { path: 'a', data: new Uint8Array(10), compress: false },
      { path: 'b', data: new Uint8Array(10), compress: false },
    ]);
    const bytes = Buffer.from(zip.bytes);
    // the second central header (after the first one's 46 bytes + its 1-byte name) → offset 0
    bytes.writeUInt32LE(0, zip.centralDirectoryOffset + 46 + 1 + 42);
    const path = join(work, 'overlap.zip');
    writeFileSync(path, bytes);
    await expect(openWheelArchive(path, 'overlap.whl')).rejects.toThrow(
      'overlap.whl: two directory entries share the local header at offset 0',
    );
  });

  it('refuses member data that runs into the next member', async () => {
    const zip = writeZip([
      { path: 'a', data: new Uint8Array(10), compress: false },
      { path: 'b', data: new Uint8Array(10), compress: false },
    ]);
    const bytes = Buffer.from(zip.bytes);
    bytes.writeUInt32LE(500, zip.centralDirectoryOffset + 20); // a: compressed size 500
    bytes.writeUInt32LE(500, zip.centralDirectoryOffset + 24);
    const path = join(work, 'runs.zip');
    writeFileSync(path, bytes);
    const archive = await openWheelArchive(path, 'runs.whl');
    try {
      await expect(archive.readMember(archive.entries[0]!, 1000)).rejects.toThrow(
        /"a": data \(31\.\.531\) runs into the next member or directory at 41/,
      );
    } finally {
      await archive.close();
    }
  });
});
