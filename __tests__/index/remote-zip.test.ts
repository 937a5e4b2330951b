import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { buildWheel } from '../helpers/dists.js';
import { MemoryRangeSource } from '../helpers/memory-range-source.js';
import { writeZip } from '../helpers/zip-writer.js';
import {
  DEFAULT_TAIL_SIZE,
  findWheelMetadataEntry,
  inflateMember,
  openRemoteZip,
  readWheelMetadata,
  WheelMetadataError,
} from '../../src/index/remote-zip.js';
import { ZipFormatError } from '../../src/index/zip-directory.js';

const enc = new TextEncoder();
const source = 'https://example.test/files/x.whl';

function metadataEntryOf(wheel: ReturnType<typeof buildWheel>) {
  const e = wheel.layout.find((l) => l.path.endsWith('.dist-info/METADATA'));
  if (e === undefined) throw new Error('no METADATA in fixture');
  return e;
}

describe('readWheelMetadata over an in-memory range source', () => {
  it('reads a small wheel in exactly one read (the tail holds everything)', async () => {
    const wheel = buildWheel({ name: 'Small.Pkg', version: '1.0', requiresDist: ['idna>=2'] });
    const src = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(src, { source });
    expect(result.metadata).toEqual(wheel.metadata);
    expect(result.member).toBe('small_pkg-1.0.dist-info/METADATA');
    expect(src.reads).toEqual([{ start: 0, end: wheel.bytes.length }]);
  });

  it('reads a wheel with a big payload before the dist-info from one tail read', async () => {
    const wheel = buildWheel({ name: 'big', version: '2', files: [{ path: 'big/_lib.so', size: 300_000 }] });
    const src = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(src, { source });
    expect(result.metadata).toEqual(wheel.metadata);
    expect(src.reads).toEqual([{ start: wheel.bytes.length - DEFAULT_TAIL_SIZE, end: wheel.bytes.length }]);
  });

  it('costs exactly one more read, of just the METADATA member, when the dist-info is not at the end', async () => {
    const wheel = buildWheel({
      name: 'front',
      version: '3',
      files: [{ path: 'front.libs/libbig.so', size: 300_000 }],
      distInfoNotAtEnd: true,
    });
    const src = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(src, { source });
    expect(result.metadata).toEqual(wheel.metadata);
    const md = metadataEntryOf(wheel);
    const next = wheel.layout[wheel.layout.indexOf(md) + 1]!;
    expect(src.reads).toEqual([
      { start: wheel.bytes.length - DEFAULT_TAIL_SIZE, end: wheel.bytes.length },
      { start: md.localHeaderOffset, end: next.localHeaderOffset },
    ]);
  });

  it('fetches only the missing prefix when METADATA straddles the tail start', async () => {
    const wheel = buildWheel({
      name: 'straddle',
      version: '1',
      files: [{ path: 'straddle/a.bin', size: 5000 }],
    });
    const md = metadataEntryOf(wheel);
    const tailSize = wheel.bytes.length - md.localHeaderOffset - 10;
    const src = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(src, { source, tailSize });
    expect(result.metadata).toEqual(wheel.metadata);
    expect(src.reads).toEqual([
      { start: md.localHeaderOffset + 10, end: wheel.bytes.length },
      { start: md.localHeaderOffset, end: md.localHeaderOffset + 10 },
    ]);
  });

  it('reads ZIP64 archives, also when the ZIP64 EOCD record lies outside the tail', async () => {
    const wheel = buildWheel({ name: 'z64', version: '1.0', zip64: true, requiresDist: ['a'] });
    const one = new MemoryRangeSource(wheel.bytes);
    expect((await readWheelMetadata(one, { source })).metadata).toEqual(wheel.metadata);
    expect(one.reads).toHaveLength(1);

    const tiny = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(tiny, { source, tailSize: 60 });
    expect(result.metadata).toEqual(wheel.metadata);
    // tail (EOCD + locator), then the record + central directory + METADATA in one merged read
    expect(tiny.reads.length).toBeLessThanOrEqual(3);
    expect(tiny.reads[0]).toEqual({ start: wheel.bytes.length - 60, end: wheel.bytes.length });
  });

  it('completes a central directory larger than the tail with one read that also covers nearby METADATA', async () => {
    const files = Array.from({ length: 400 }, (_, i) => ({
      path: `many/m${i}.py`,
      bytes: enc.encode(`x = ${i}\n`),
    }));
    const wheel = buildWheel({ name: 'many', version: '1', files });
    const cdSize = wheel.bytes.length - wheel.centralDirectoryOffset;
    expect(cdSize).toBeGreaterThan(4096);
    const src = new MemoryRangeSource(wheel.bytes);
    // RECORD (one row per file) sits between METADATA and the directory: the lead must span it.
    const result = await readWheelMetadata(src, { source, tailSize: 4096, directoryLead: 32768 });
    expect(result.metadata).toEqual(wheel.metadata);
    expect(src.reads).toHaveLength(2);
    expect(src.reads[1]).toEqual({
      start: wheel.centralDirectoryOffset - 32768,
      end: wheel.bytes.length - 4096,
    });
  });

  it('needs a third read only when the directory is big and METADATA is far from it', async () => {
    const files = Array.from({ length: 400 }, (_, i) => ({
      path: `far/m${i}.py`,
      bytes: enc.encode(`x = ${i}\n`),
    }));
    files.push({ path: 'far.libs/big.so', bytes: new Uint8Array(50_000).fill(7) });
    const wheel = buildWheel({ name: 'far', version: '1', files, distInfoNotAtEnd: true, compress: false });
    const src = new MemoryRangeSource(wheel.bytes);
    const result = await readWheelMetadata(src, { source, tailSize: 4096, directoryLead: 1024 });
    expect(result.metadata).toEqual(wheel.metadata);
    expect(src.reads).toHaveLength(3);
  });

  it('reads stored (uncompressed) members', async () => {
    const wheel = buildWheel({ name: 'stored', version: '1', compress: false });
    expect((await readWheelMetadata(new MemoryRangeSource(wheel.bytes), { source })).metadata).toEqual(
      wheel.metadata,
    );
  });

  it('finds the EOCD behind an archive comment that itself contains the EOCD signature', async () => {
    const zip = writeZip(
      [
        {
          path: 'c-1.dist-info/METADATA',
          data: enc.encode('Metadata-Version: 2.1\nName: c\nVersion: 1\n'),
          compress: true,
        },
      ],
      { comment: 'trailing PK\u0005\u0006 comment' },
    );
    const result = await readWheelMetadata(new MemoryRangeSource(zip.bytes), { source });
    expect(new TextDecoder().decode(result.metadata)).toContain('Name: c');
  });

  it('round-trips random payload layouts (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), size: fc.integer({ min: 0, max: 3000 }) }),
          {
            maxLength: 12,
          },
        ),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 40, max: 9000 }),
        async (payload, notAtEnd, zip64, tailSize) => {
          const wheel = buildWheel({
            name: 'prop',
            version: '1',
            files: payload.map((p, i) => ({ path: `prop/${p.name}${i}.bin`, size: p.size })),
            distInfoNotAtEnd: notAtEnd,
            zip64,
          });
          const src = new MemoryRangeSource(wheel.bytes);
          const result = await readWheelMetadata(src, { source, tailSize, directoryLead: 512 });
          expect(result.metadata).toEqual(wheel.metadata);
          expect(src.reads.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('readWheelMetadata errors name the wheel', () => {
  it('rejects a METADATA whose CRC-32 does not match', async () => {
    const wheel = buildWheel({ name: 'crc', version: '1', badCrc: true });
    const err = await readWheelMetadata(new MemoryRangeSource(wheel.bytes), { source }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ZipFormatError);
    expect((err as Error).message).toContain(source);
    expect((err as Error).message).toMatch(/crc-1\.dist-info\/METADATA.*CRC-32 mismatch/);
  });

  it('refuses METADATA over the size cap before fetching it', async () => {
    const big = enc.encode(
      'Metadata-Version: 2.1\nName: huge\nVersion: 1\n' + 'Summary: x\n'.repeat(1_000_000),
    );
    const wheel = buildWheel({ name: 'huge', version: '1', metadataBytes: big });
    const src = new MemoryRangeSource(wheel.bytes);
    const err = await readWheelMetadata(src, { source }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WheelMetadataError);
    expect((err as WheelMetadataError).reason).toBe('too-large');
    expect((err as Error).message).toContain(source);
    expect((err as Error).message).toContain('over the 10485760-byte limit');
  });

  it('stops inflating when data inflates past the cap although the directory claims it is small', async () => {
    const data = new Uint8Array(5000).fill(65);
    const zip = writeZip([{ path: 'a', data, compress: true }]);
    const compressed = zip.bytes.subarray(30 + 1, zip.entries[0]!.dataEnd);
    const entry = {
      name: 'a',
      flags: 0,
      method: 8,
      crc32: 0,
      compressedSize: compressed.length,
      uncompressedSize: 10,
      localHeaderOffset: 0,
    };
    await expect(inflateMember(entry, compressed, 1000, source)).rejects.toThrow(
      /inflates past the 1000-byte limit/,
    );
    await expect(inflateMember(entry, compressed, 100_000, source)).rejects.toThrow(
      /5000 bytes after inflating/,
    );
  });

  it('refuses corrupt or truncated deflate data as a format error naming the member, and a bomb at the cap', async () => {
    const data = enc.encode('Metadata-Version: 2.1\nName: a\nVersion: 1\n'.repeat(50));
    const zip = writeZip([{ path: 'a-1.dist-info/METADATA', data, compress: true }]);
    const e = zip.entries[0]!;
    const compressed = zip.bytes.subarray(30 + 'a-1.dist-info/METADATA'.length, e.dataEnd);
    const entry = {
      name: 'a-1.dist-info/METADATA',
      flags: 0,
      method: 8,
      crc32: crc32(data) >>> 0,
      compressedSize: compressed.length,
      uncompressedSize: data.length,
      localHeaderOffset: 0,
    };
    expect(await inflateMember(entry, compressed, 100_000, source)).toEqual(data);
    const truncated = compressed.subarray(0, compressed.length - 4);
    const err = await inflateMember(entry, truncated, 100_000, source).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ZipFormatError);
    expect((err as Error).message).toMatch(/"a-1\.dist-info\/METADATA": corrupt deflate data \(.+\)/);
    expect((err as Error).message).toContain(source);
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff]);
    await expect(inflateMember(entry, garbage, 100_000, source)).rejects.toThrow(/corrupt deflate data/);
    // 16 MiB of zeros deflates to ~16 KiB: refused at the 1 MB cap, as too large (not a format error).
    const bomb = writeZip([{ path: 'b', data: new Uint8Array(16 * 1024 * 1024), compress: true }]);
    const bombErr = await inflateMember(
      { ...entry, uncompressedSize: 10 },
      bomb.bytes.subarray(30 + 1, bomb.entries[0]!.dataEnd),
      1_000_000,
      source,
    ).catch((x: unknown) => x);
    expect(bombErr).toBeInstanceOf(WheelMetadataError);
    expect((bombErr as WheelMetadataError).reason).toBe('too-large');
    expect((bombErr as Error).message).toContain('inflates past the 1000000-byte limit');
  });

  it('requires exactly one top-level *.dist-info/METADATA', async () => {
    const meta = enc.encode('Metadata-Version: 2.1\nName: a\nVersion: 1\n');
    const none = writeZip([
      { path: 'a/__init__.py', data: meta, compress: true },
      { path: 'a/nested-1.dist-info/METADATA', data: meta, compress: true },
    ]);
    const zipNone = await openRemoteZip(new MemoryRangeSource(none.bytes), { source });
    expect(() => findWheelMetadataEntry(zipNone.entries, source)).toThrow(WheelMetadataError);
    await expect(readWheelMetadata(new MemoryRangeSource(none.bytes), { source })).rejects.toThrow(
      `${source}: no top-level *.dist-info/METADATA in the wheel`,
    );
    const two = writeZip([
      { path: 'a-1.dist-info/METADATA', data: meta, compress: true },
      { path: 'b-1.dist-info/METADATA', data: meta, compress: true },
    ]);
    await expect(readWheelMetadata(new MemoryRangeSource(two.bytes), { source })).rejects.toThrow(
      /holds 2 top-level METADATA files \(a-1\.dist-info\/METADATA, b-1\.dist-info\/METADATA\)/,
    );
  });

  it('rejects a file that is not a ZIP, and a truncated wheel', async () => {
    const junk = new Uint8Array(100_000).fill(1);
    await expect(readWheelMetadata(new MemoryRangeSource(junk), { source })).rejects.toThrow(
      /no end of central directory record/,
    );
    const wheel = buildWheel({ name: 'cut', version: '1', files: [{ path: 'cut/x.so', size: 100_000 }] });
    const cut = wheel.bytes.subarray(0, wheel.bytes.length - 30);
    const err = await readWheelMetadata(new MemoryRangeSource(cut), { source }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipFormatError);
    expect((err as Error).message).toContain(source);
  });

  it('rejects a central directory whose entry count disagrees with the end record', async () => {
    const wheel = buildWheel({ name: 'count', version: '1' });
    const bytes = wheel.bytes.slice();
    const eocd = bytes.length - 22;
    new DataView(bytes.buffer).setUint16(eocd + 10, 9, true);
    new DataView(bytes.buffer).setUint16(eocd + 8, 9, true);
    await expect(readWheelMetadata(new MemoryRangeSource(bytes), { source })).rejects.toThrow(
      /central directory holds 4 entries, the end record says 9/,
    );
  });
});
