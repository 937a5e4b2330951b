/**
 * Pure parsing of the ZIP structures a lazy wheel reader needs — PKWARE APPNOTE.TXT 6.3.x:
 * 4.3.16 end of central directory record (EOCD), 4.3.15 ZIP64 EOCD locator, 4.3.14 ZIP64 EOCD
 * record, 4.3.12 central directory file header, 4.5.3 ZIP64 extended information extra field,
 * 4.3.7 local file header. Byte offsets are absolute file offsets; callers hand in the bytes of a
 * window together with the window's file offset.
 * Not supported: multi-disk (spanned) archives, encrypted entries and compression methods other
 * than 0 (stored) and 8 (deflate) are rejected; the ZIP64 extensible data sector is ignored.
 */

export class ZipFormatError extends Error {
  constructor(
    message: string,
    /** What was being read (a redacted URL or a file name). */
    readonly source: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ZipFormatError';
  }
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export const EOCD_SIZE = 22;
export const ZIP64_LOCATOR_SIZE = 20;
export const ZIP64_EOCD_SIZE = 56;
export const LOCAL_HEADER_SIZE = 30;
/** EOCD plus the longest possible archive comment: where an EOCD search must look. */
export const MAX_EOCD_SEARCH = EOCD_SIZE + 0xffff;

/** A contiguous run of file bytes starting at absolute offset `offset`. */
export interface ByteWindow {
  offset: number;
  bytes: Uint8Array;
}

export interface CentralDirectoryLocation {
  /** Absolute offset and size of the central directory. */
  offset: number;
  size: number;
  entryCount: number;
  /** Absolute offset of the record that ends the central directory (EOCD or ZIP64 EOCD record). */
  end: number;
}

export type EocdResult =
  | { kind: 'found'; directory: CentralDirectoryLocation }
  /** ZIP64: the locator points at a ZIP64 EOCD record outside the window. */
  | { kind: 'need-zip64-record'; recordOffset: number };

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** 4.4.2 "version made by": the high byte names the host system (3 = UNIX). */
  madeBy?: number;
  /** 4.4.15 external file attributes; for UNIX hosts the high 16 bits are the st_mode. */
  externalAttributes?: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number, source: string, what: string): number {
  const value = dv.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ZipFormatError(`${what} ${value} is beyond what this reader supports`, source);
  }
  return Number(value);
}

/**
 * Finds the EOCD record in `window`, which must reach the end of a file of `fileSize` bytes.
 * The EOCD is accepted only where its comment length makes it end exactly at the end of the file
 * (4.3.16: the comment is the last thing in the archive), which rejects signature bytes that
 * happen to occur inside a comment or member data. Returns `undefined` when the window does not
 * contain it (the caller may widen the window up to MAX_EOCD_SEARCH bytes).
 */
export function findEocd(window: ByteWindow, fileSize: number, source: string): EocdResult | undefined {
  const { bytes, offset } = window;
  if (offset + bytes.length !== fileSize) {
    throw new ZipFormatError(`internal: EOCD window does not reach the end of the file`, source);
  }
  const dv = view(bytes);
  const lowest = Math.max(0, bytes.length - MAX_EOCD_SEARCH);
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    if (dv.getUint32(i, true) !== EOCD_SIG) continue;
    const commentLength = dv.getUint16(i + 20, true);
    if (i + EOCD_SIZE + commentLength !== bytes.length) continue;
    return readEocdAt(window, i, source);
  }
  if (offset === 0 || bytes.length >= MAX_EOCD_SEARCH) {
    throw new ZipFormatError(
      `no end of central directory record in the last ${Math.min(fileSize, MAX_EOCD_SEARCH)} bytes (not a ZIP file, or truncated)`,
      source,
    );
  }
  return undefined;
}

function readEocdAt(window: ByteWindow, at: number, source: string): EocdResult | undefined {
  const dv = view(window.bytes);
  const disk = dv.getUint16(at + 4, true);
  const cdDisk = dv.getUint16(at + 6, true);
  const entriesHere = dv.getUint16(at + 8, true);
  const entryCount = dv.getUint16(at + 10, true);
  const size = dv.getUint32(at + 12, true);
  const cdOffset = dv.getUint32(at + 16, true);
  const eocdOffset = window.offset + at;

  const locatorAt = at - ZIP64_LOCATOR_SIZE;
  if (locatorAt < 0 && window.offset > 0) return undefined; // cannot tell ZIP64 yet: widen
  const hasLocator = locatorAt >= 0 && dv.getUint32(locatorAt, true) === ZIP64_LOCATOR_SIG;
  const saturated =
    disk === 0xffff ||
    cdDisk === 0xffff ||
    entriesHere === 0xffff ||
    entryCount === 0xffff ||
    size === 0xffffffff ||
    cdOffset === 0xffffffff;
  if (hasLocator) {
    // 4.3.15: disk with the ZIP64 EOCD record (4), its relative offset (8), total disks (4).
    const recordOffset = u64(dv, locatorAt + 8, source, 'ZIP64 EOCD record offset');
    const totalDisks = dv.getUint32(locatorAt + 16, true);
    if (totalDisks > 1) throw new ZipFormatError(`multi-disk archives are not supported`, source);
    if (recordOffset + ZIP64_EOCD_SIZE > window.offset + locatorAt) {
      throw new ZipFormatError(`ZIP64 EOCD locator points past itself (offset ${recordOffset})`, source);
    }
    if (
      recordOffset >= window.offset &&
      recordOffset + ZIP64_EOCD_SIZE <= window.offset + window.bytes.length
    ) {
      return { kind: 'found', directory: parseZip64Record(window, recordOffset, source) };
    }
    return { kind: 'need-zip64-record', recordOffset };
  }
  if (saturated && (size === 0xffffffff || cdOffset === 0xffffffff)) {
    throw new ZipFormatError(`EOCD fields are saturated (ZIP64) but there is no ZIP64 EOCD locator`, source);
  }
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount) {
    throw new ZipFormatError(`multi-disk archives are not supported`, source);
  }
  if (cdOffset + size > eocdOffset) {
    throw new ZipFormatError(
      `central directory (offset ${cdOffset}, size ${size}) overlaps the EOCD record at ${eocdOffset}`,
      source,
    );
  }
  return { kind: 'found', directory: { offset: cdOffset, size, entryCount, end: eocdOffset } };
}

/** 4.3.14: parses the ZIP64 EOCD record at absolute `recordOffset` inside `window`. */
export function parseZip64Record(
  window: ByteWindow,
  recordOffset: number,
  source: string,
): CentralDirectoryLocation {
  const at = recordOffset - window.offset;
  if (at < 0 || at + ZIP64_EOCD_SIZE > window.bytes.length) {
    throw new ZipFormatError(`internal: ZIP64 EOCD record at ${recordOffset} is outside the window`, source);
  }
  const dv = view(window.bytes);
  if (dv.getUint32(at, true) !== ZIP64_EOCD_SIG) {
    throw new ZipFormatError(`no ZIP64 EOCD record signature at offset ${recordOffset}`, source);
  }
  const disk = dv.getUint32(at + 16, true);
  const cdDisk = dv.getUint32(at + 20, true);
  if (disk !== 0 || cdDisk !== 0) throw new ZipFormatError(`multi-disk archives are not supported`, source);
  const entryCount = u64(dv, at + 32, source, 'entry count');
  const size = u64(dv, at + 40, source, 'central directory size');
  const offset = u64(dv, at + 48, source, 'central directory offset');
  if (offset + size > recordOffset) {
    throw new ZipFormatError(
      `central directory (offset ${offset}, size ${size}) overlaps the ZIP64 EOCD record at ${recordOffset}`,
      source,
    );
  }
  return { offset, size, entryCount, end: recordOffset };
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

/** 4.3.12 + 4.5.3: parses every central directory header in `bytes` (exactly the directory). */
export function parseCentralDirectory(
  bytes: Uint8Array,
  location: CentralDirectoryLocation,
  source: string,
): ZipEntry[] {
  const dv = view(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL_SIG) {
      throw new ZipFormatError(
        `bad central directory header at offset ${location.offset + at} (entry ${entries.length + 1})`,
        source,
      );
    }
    const madeBy = dv.getUint16(at + 4, true);
    const flags = dv.getUint16(at + 8, true);
    const method = dv.getUint16(at + 10, true);
    const crc = dv.getUint32(at + 16, true);
    let compressedSize = dv.getUint32(at + 20, true);
    let uncompressedSize = dv.getUint32(at + 24, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const diskStart = dv.getUint16(at + 34, true);
    const externalAttributes = dv.getUint32(at + 38, true);
    let localHeaderOffset = dv.getUint32(at + 42, true);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) {
      throw new ZipFormatError(
        `central directory entry ${entries.length + 1} runs past the directory's end`,
        source,
      );
    }
    const nameBytes = bytes.subarray(nameStart, extraStart);
    // 4.4.4 bit 11: UTF-8 names; otherwise IBM 437, which agrees with latin1 on ASCII.
    const name = (flags & 0x0800 ? utf8 : latin1).decode(nameBytes);

    // 4.5.3: the ZIP64 extra field holds, in order, only the values saturated in the header.
    for (let x = extraStart; x + 4 <= extraStart + extraLength;) {
      const id = dv.getUint16(x, true);
      const length = dv.getUint16(x + 2, true);
      if (x + 4 + length > extraStart + extraLength) {
        throw new ZipFormatError(`extra field of ${JSON.stringify(name)} runs past its header`, source);
      }
      if (id === 0x0001) {
        let p = x + 4;
        const take = (what: string): number => {
          if (p + 8 > x + 4 + length) {
            throw new ZipFormatError(
              `ZIP64 extra field of ${JSON.stringify(name)} lacks the ${what}`,
              source,
            );
          }
          const v = u64(dv, p, source, what);
          p += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
        if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take('local header offset');
      }
      x += 4 + length;
    }
    if (diskStart !== 0 && diskStart !== 0xffff) {
      throw new ZipFormatError(`multi-disk archives are not supported`, source);
    }
    if (localHeaderOffset + LOCAL_HEADER_SIZE > location.offset) {
      throw new ZipFormatError(
        `${JSON.stringify(name)} claims a local header at ${localHeaderOffset}, inside the central directory`,
        source,
      );
    }
    entries.push({
      name,
      flags,
      method,
      crc32: crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      madeBy,
      externalAttributes,
    });
    at = next;
  }
  if (entries.length !== location.entryCount) {
    throw new ZipFormatError(
      `central directory holds ${entries.length} entries, the end record says ${location.entryCount}`,
      source,
    );
  }
  return entries;
}

/**
 * 4.3.7: parses the local file header at absolute `entry.localHeaderOffset` in `window` and
 * returns the absolute offset where the member's data starts. Sizes come from the central
 * directory (the local ones may be zero when a data descriptor follows, 4.4.4 bit 3).
 */
export function localDataOffset(window: ByteWindow, entry: ZipEntry, source: string): number {
  const at = entry.localHeaderOffset - window.offset;
  if (at < 0 || at + LOCAL_HEADER_SIZE > window.bytes.length) {
    throw new ZipFormatError(
      `internal: local header of ${JSON.stringify(entry.name)} is outside the window`,
      source,
    );
  }
  const dv = view(window.bytes);
  if (dv.getUint32(at, true) !== LOCAL_SIG) {
    throw new ZipFormatError(
      `no local file header for ${JSON.stringify(entry.name)} at offset ${entry.localHeaderOffset}`,
      source,
    );
  }
  const method = dv.getUint16(at + 8, true);
  if (method !== entry.method) {
    throw new ZipFormatError(
      `${JSON.stringify(entry.name)}: local header says method ${method}, central directory ${entry.method}`,
      source,
    );
  }
  const nameLength = dv.getUint16(at + 26, true);
  const extraLength = dv.getUint16(at + 28, true);
  return entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
}
