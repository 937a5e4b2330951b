/**
 * A hostile ZIP read through byte ranges cannot make the reader fetch (or allocate) more than its
 * limits (docs/reliability.md, "Memory and time are bounded"): a ZIP64 end record claiming a
 * 1 TiB central directory, a 2 GiB gap between the last member and the central directory. The
 * files are virtual (a few real segments, zeros elsewhere), so a 1 TiB file costs nothing here;
 * the source refuses any read over 128 MiB, which a bounded reader never asks for.
 */
import { describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { writeZip } from '../helpers/zip-writer.js';
import { readWheelMetadata, type RangeSource } from '../../src/index/remote-zip.js';
import { ZipFormatError } from '../../src/index/zip-directory.js';

const source = 'https://example.test/files/hostile.whl';
const REFUSED_READ = 128 * 1024 * 1024;

/** A file of `size` bytes: `segments` where given, zeros elsewhere; records every read. */
class VirtualRangeSource implements RangeSource {
  readonly reads: { start: number; end: number }[] = [];

  constructor(
    private readonly size: number,
    private readonly segments: { offset: number; bytes: Uint8Array }[],
  ) {}

  async readTail(length: number): Promise<{ bytes: Uint8Array; size: number }> {
    return { bytes: await this.read(Math.max(0, this.size - length), this.size), size: this.size };
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    this.reads.push({ start, end });
    if (end - start > REFUSED_READ) throw new Error(`test source refuses a ${end - start}-byte read`);
    const out = new Uint8Array(end - start);
    for (const s of this.segments) {
      const from = Math.max(start, s.offset);
      const to = Math.min(end, s.offset + s.bytes.length);
      if (from < to) out.set(s.bytes.subarray(from - s.offset, to - s.offset), from - start);
    }
    return out;
  }

  get bytesRead(): number {
    return this.reads.reduce((n, r) => n + (r.end - r.start), 0);
  }
}

function u16(dv: DataView, at: number, v: number) {
  dv.setUint16(at, v, true);
}
function u32(dv: DataView, at: number, v: number) {
  dv.setUint32(at, v, true);
}

describe('bounded ZIP reads', () => {
  it('a ZIP64 end record claiming a 1 TiB central directory is refused before it is read', async () => {
    const TiB = 2 ** 40;
    const size = TiB + 4096;
    // [ZIP64 EOCD record 56][ZIP64 locator 20][EOCD 22] at the end of the file.
    const tail = new Uint8Array(98);
    const dv = new DataView(tail.buffer);
    const recordOffset = size - 98;
    u32(dv, 0, 0x06064b50);
    dv.setBigUint64(4, 44n, true);
    u16(dv, 12, 45);
    u16(dv, 14, 45);
    dv.setBigUint64(24, 1_000_000n, true);
    dv.setBigUint64(32, 1_000_000n, true);
    dv.setBigUint64(40, BigInt(TiB), true);
    dv.setBigUint64(48, BigInt(recordOffset - TiB), true);
    u32(dv, 56, 0x07064b50);
    dv.setBigUint64(64, BigInt(recordOffset), true);
    u32(dv, 72, 1);
    u32(dv, 76, 0x06054b50);
    u16(dv, 76 + 8, 0xffff);
    u16(dv, 76 + 10, 0xffff);
    u32(dv, 76 + 12, 0xffffffff);
    u32(dv, 76 + 16, 0xffffffff);
    const src = new VirtualRangeSource(size, [{ offset: recordOffset, bytes: tail }]);
    const error = await readWheelMetadata(src, { source }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipFormatError);
    expect((error as Error).message).toBe(
      `${source}: the central directory claims ${TiB} bytes, over the 67108864-byte limit`,
    );
    expect(src.bytesRead).toBeLessThanOrEqual(64 * 1024);
  });

  it('a 2 GiB gap between the METADATA member and the central directory is never read', async () => {
    // METADATA is the last member, so the next header after it is the (far away) directory.
    const metadata = new TextEncoder().encode('Metadata-Version: 2.1\nName: gap\nVersion: 1.0\n\n');
    const zip = writeZip([
      { path: 'gap/__init__.py', data: new Uint8Array(10), compress: true },
      { path: 'gap-1.0.dist-info/METADATA', data: metadata, compress: true },
    ]);
    const cdStart = zip.centralDirectoryOffset;
    const gap = 2 * 1024 ** 3;
    const directory = zip.bytes.slice(cdStart);
    // Shift the EOCD's central directory offset by the gap (the EOCD is the last 22 bytes).
    const dv = new DataView(directory.buffer);
    u32(dv, directory.length - 22 + 16, cdStart + gap);
    const size = cdStart + gap + directory.length;
    const src = new VirtualRangeSource(size, [
      { offset: 0, bytes: zip.bytes.subarray(0, cdStart) },
      { offset: cdStart + gap, bytes: directory },
    ]);
    const result = await readWheelMetadata(src, { source });
    expect(result.metadata).toEqual(metadata);
    expect(Math.max(...src.reads.map((r) => r.end - r.start))).toBeLessThan(512 * 1024);
  });

  it('a METADATA member claiming 3 GiB of compressed data is refused without a read', async () => {
    const wheel = buildWheel({ name: 'claim', version: '1.0' });
    const bytes = wheel.bytes.slice();
    const dv = new DataView(bytes.buffer);
    // Find METADATA's central directory header and give it a 3 GiB compressed size.
    const name = new TextEncoder().encode('claim-1.0.dist-info/METADATA');
    let at = wheel.centralDirectoryOffset;
    for (; at < bytes.length;) {
      const nameLength = dv.getUint16(at + 28, true);
      const here = bytes.subarray(at + 46, at + 46 + nameLength);
      if (Buffer.from(here).equals(Buffer.from(name))) break;
      at += 46 + nameLength + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
    }
    u32(dv, at + 20, 3 * 1024 ** 3);
    const src = new VirtualRangeSource(bytes.length, [{ offset: 0, bytes }]);
    await expect(readWheelMetadata(src, { source })).rejects.toThrow(
      /METADATA is 3221225472 bytes compressed, over the 10485760-byte limit/,
    );
  });
});
