/**
 * A small deterministic ZIP writer for test fixtures (PKWARE APPNOTE.TXT 6.3: 4.3.7 local file
 * header, 4.3.12 central directory header, 4.3.14/4.3.15 ZIP64 end of central directory record
 * and locator, 4.3.16 end of central directory record, 4.5.3 ZIP64 extended information extra
 * field). Written by hand rather than with fflate's zipSync so fixtures can be made ZIP64, carry a
 * wrong CRC-32, or order entries freely. Deflate itself is fflate's. No jest imports: benches
 * reuse it.
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';

export interface ZipEntryInput {
  path: string;
  data: Uint8Array;
  /** Deflate (method 8) when true, store (method 0) otherwise. */
  compress: boolean;
  /** Write a CRC-32 that does not match the data (fault fixture). */
  badCrc?: boolean;
  /** UNIX st_mode for the external attributes (default 0o100644, a regular 0644 file). */
  mode?: number;
}

export interface ZipWriteOptions {
  /** Write ZIP64 extra fields for every entry and the ZIP64 EOCD record + locator. */
  zip64?: boolean;
  /** Archive comment appended to the EOCD record. */
  comment?: string;
}

export interface ZipLayoutEntry {
  path: string;
  /** Offset of the entry's local file header. */
  localHeaderOffset: number;
  /** Offset one past the entry's (compressed) data. */
  dataEnd: number;
}

export interface ZipWriteResult {
  bytes: Uint8Array;
  entries: ZipLayoutEntry[];
  centralDirectoryOffset: number;
}

// DOS date/time of 1980-01-01 00:00:00 keeps fixtures byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const FLAG_UTF8 = 0x0800;
const MAX32 = 0xffffffff;

class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  length = 0;
  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  concat(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

function zip64Extra(fields: number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * fields.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * fields.length, 2);
  fields.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return extra;
}

export function writeZip(inputs: ZipEntryInput[], options: ZipWriteOptions = {}): ZipWriteResult {
  const zip64 = options.zip64 === true;
  const out = new ByteSink();
  const central = new ByteSink();
  const layout: ZipLayoutEntry[] = [];
  for (const input of inputs) {
    const name = Buffer.from(input.path, 'utf8');
    const method = input.compress ? 8 : 0;
    const payload = input.compress ? deflateSync(input.data, { level: 6 }) : input.data;
    let crc = crc32(input.data) >>> 0;
    if (input.badCrc === true) crc = (crc ^ 0x5a5a5a5a) >>> 0;
    const offset = out.length;

    const localExtra = zip64 ? zip64Extra([input.data.length, payload.length]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? MAX32 : payload.length, 18);
    local.writeUInt32LE(zip64 ? MAX32 : input.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    out.push(local);
    out.push(name);
    out.push(localExtra);
    out.push(payload);
    layout.push({ path: input.path, localHeaderOffset: offset, dataEnd: out.length });

    const centralExtra = zip64 ? zip64Extra([input.data.length, payload.length, offset]) : Buffer.alloc(0);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | (zip64 ? 45 : 20), 4); // made by: Unix
    header.writeUInt16LE(zip64 ? 45 : 20, 6);
    header.writeUInt16LE(FLAG_UTF8, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(zip64 ? MAX32 : payload.length, 20);
    header.writeUInt32LE(zip64 ? MAX32 : input.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(centralExtra.length, 30);
    header.writeUInt16LE(0, 32); // comment length
    header.writeUInt16LE(0, 34); // disk number start
    header.writeUInt16LE(0, 36); // internal attributes
    header.writeUInt32LE(((input.mode ?? 0o100644) << 16) >>> 0, 38); // external attributes: st_mode
    header.writeUInt32LE(zip64 ? MAX32 : offset, 42);
    central.push(header);
    central.push(name);
    central.push(centralExtra);
  }

  const cdOffset = out.length;
  const cdSize = central.length;
  out.push(central.concat());
  const count = inputs.length;
  if (zip64) {
    const recordOffset = out.length;
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the remaining record
    record.writeUInt16LE((3 << 8) | 45, 12);
    record.writeUInt16LE(45, 14);
    record.writeUInt32LE(0, 16);
    record.writeUInt32LE(0, 20);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdOffset), 48);
    out.push(record);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeUInt32LE(0, 4);
    locator.writeBigUInt64LE(BigInt(recordOffset), 8);
    locator.writeUInt32LE(1, 16);
    out.push(locator);
  }
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0, 4);
  eocd.writeUInt16LE(0, 6);
  eocd.writeUInt16LE(zip64 ? 0xffff : count, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : count, 10);
  eocd.writeUInt32LE(zip64 ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
  eocd.writeUInt16LE(comment.length, 20);
  out.push(eocd);
  out.push(comment);
  // A plain, unshared Uint8Array (Buffer.concat may hand out a view of Node's pool).
  return { bytes: new Uint8Array(out.concat()), entries: layout, centralDirectoryOffset: cdOffset };
}
