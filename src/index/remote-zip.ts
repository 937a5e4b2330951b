/**
 * Reading members of a ZIP archive that is only reachable by byte ranges (a remote wheel behind
 * HTTP range requests, or a local file), fetching as few ranges as possible:
 *
 *   1. one read of a fixed tail (`readTail`), which nearly always holds the end of central
 *      directory record, the central directory, and for most wheels `*.dist-info/METADATA` too;
 *   2. when the central directory does not fit in the tail, one read from a little before it
 *      (`directoryLead`, where the dist-info members usually sit) up to the tail;
 *   3. at most one read for the wanted member's local header + data, none when it is already in
 *      hand. A wheel whose dist-info is not at the end (auditwheel/delocate append shared libraries
 *      after it) costs the same: the central directory is still at the end, only step 3 differs.
 *
 * Structures: PKWARE APPNOTE.TXT (see zip-directory.ts). Wheel layout: the binary distribution
 * format (exactly one `{name}-{version}.dist-info/METADATA` at the archive's top level).
 */
import { inflateRawSync } from 'node:zlib';
import { crc32Update } from './crc32.js';
import {
  findEocd,
  LOCAL_HEADER_SIZE,
  localDataOffset,
  MAX_EOCD_SEARCH,
  parseCentralDirectory,
  parseZip64Record,
  ZIP64_EOCD_SIZE,
  ZIP64_LOCATOR_SIZE,
  ZipFormatError,
  type ByteWindow,
  type CentralDirectoryLocation,
  type ZipEntry,
} from './zip-directory.js';

/**
 * Byte-range access to one file. `readTail` is the first call and learns the size (a suffix range
 * or HEAD + positive range over HTTP, or a positive range when the index gave the size); it may
 * return more than asked — even the whole file when a server ignores Range — and everything
 * returned is used.
 */
export interface RangeSource {
  /** The file's last `length` bytes (or more), and the file's total size. */
  readTail(length: number): Promise<{ bytes: Uint8Array; size: number }>;
  /** Bytes [start, end) of the file (end exclusive); must return exactly end - start bytes. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/**
 * Tail size, chosen by measurement: over 967 real wheels from a PyPI mirror, the bytes from the
 * start of `*.dist-info/METADATA`'s local header to the end of the file were ≤ 16 KiB for 67%,
 * ≤ 32 KiB for 81%, ≤ 64 KiB for 87.5% and ≤ 128 KiB for 91% (median 9.4 KiB, p90 101 KiB); the
 * central directory + EOCD fit in 64 KiB for 92%. 64 KiB answers 87.5% of wheels in one request.
 */
export const DEFAULT_TAIL_SIZE = 64 * 1024;
/**
 * When the central directory is larger than the tail, the read that completes it starts this many
 * bytes before it: with 64 KiB tails this brought the share of wheels needing a third request from
 * 8.4% to 2.1% in the same measurement (mean transfer 87 KiB per wheel).
 */
export const DEFAULT_DIRECTORY_LEAD = 256 * 1024;
export const DEFAULT_MAX_METADATA_SIZE = 10 * 1024 * 1024;
/**
 * Largest central directory read (what a hostile EOCD may claim, e.g. 1 TiB in ZIP64, is refused
 * before any byte of it is fetched). 100,000 members with 80-byte names take about 13 MiB.
 */
export const DEFAULT_MAX_DIRECTORY_SIZE = 64 * 1024 * 1024;
/** Most bytes of a local header beyond its fixed part: a 16-bit name and a 16-bit extra field. */
const LOCAL_HEADER_VARIABLE_MAX = 2 * 0xffff;
/** Deflate may grow incompressible data a little: 5 bytes per stored block of up to 64 KiB. */
function maxCompressedSize(uncompressed: number): number {
  return uncompressed + 5 * Math.ceil(uncompressed / 0xffff + 1) + 1024;
}

/** A wheel whose layout breaks the binary distribution format, or whose METADATA is unusable. */
export class WheelMetadataError extends Error {
  constructor(
    readonly reason: 'no-metadata' | 'multiple-metadata' | 'too-large',
    message: string,
    /** The redacted URL or file name of the wheel. */
    readonly source: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'WheelMetadataError';
  }
}

export interface RemoteZipOptions {
  /** Redacted URL or file name, used in every error. */
  source: string;
  tailSize?: number;
  directoryLead?: number;
  /** Largest central directory accepted (default DEFAULT_MAX_DIRECTORY_SIZE). */
  maxDirectorySize?: number;
}

export interface RemoteZip {
  readonly size: number;
  readonly entries: readonly ZipEntry[];
  /** Absolute offset of the central directory: where the last member's data must end. */
  readonly directoryOffset: number;
  /** Inflates one member (CRC-32 checked), refusing members larger than `maxSize` bytes. */
  readMember(entry: ZipEntry, maxSize: number): Promise<Uint8Array>;
}

/** Opens a ZIP through `source`: reads the tail, then the central directory if it was not in it. */
export async function openRemoteZip(rangeSource: RangeSource, options: RemoteZipOptions): Promise<RemoteZip> {
  const { source } = options;
  const tailSize = options.tailSize ?? DEFAULT_TAIL_SIZE;
  const lead = options.directoryLead ?? DEFAULT_DIRECTORY_LEAD;
  const first = await rangeSource.readTail(tailSize);
  const size = first.size;
  if (first.bytes.length > size)
    throw new ZipFormatError(`read ${first.bytes.length} bytes of a ${size}-byte file`, source);
  const maxDirectory = options.maxDirectorySize ?? DEFAULT_MAX_DIRECTORY_SIZE;
  const store = new WindowStore(
    rangeSource,
    { offset: size - first.bytes.length, bytes: first.bytes },
    source,
    // No read this reader makes needs more: the directory with its lead, or one member.
    maxDirectory + lead + MAX_EOCD_SEARCH + LOCAL_HEADER_SIZE + LOCAL_HEADER_VARIABLE_MAX,
  );

  let eocd = findEocd(store.tail, size, source);
  if (eocd === undefined) {
    await store.ensure(Math.max(0, size - MAX_EOCD_SEARCH - ZIP64_LOCATOR_SIZE), size);
    eocd = findEocd(store.tail, size, source);
    if (eocd === undefined) throw new ZipFormatError(`no end of central directory record`, source);
  }
  let directory: CentralDirectoryLocation;
  if (eocd.kind === 'need-zip64-record') {
    const window = await store.ensure(eocd.recordOffset, eocd.recordOffset + ZIP64_EOCD_SIZE);
    directory = parseZip64Record(window, eocd.recordOffset, source);
  } else {
    directory = eocd.directory;
  }

  if (directory.size > maxDirectory) {
    throw new ZipFormatError(
      `the central directory claims ${directory.size} bytes, over the ${maxDirectory}-byte limit`,
      source,
    );
  }
  const cdEnd = directory.offset + directory.size;
  if (!store.covers(directory.offset, cdEnd)) {
    await store.ensure(Math.max(0, directory.offset - lead), cdEnd);
  }
  const entries = parseCentralDirectory(store.slice(directory.offset, cdEnd), directory, source);

  // Each member ends where the next local header (or the central directory) begins: that bounds
  // the one read that fetches a member's local header and data together.
  const starts = [...new Set(entries.map((e) => e.localHeaderOffset))].sort((a, b) => a - b);
  const memberEnd = (entry: ZipEntry): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= entry.localHeaderOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length ? starts[lo]! : directory.offset;
  };

  return {
    size,
    entries,
    directoryOffset: directory.offset,
    async readMember(entry, maxSize) {
      if (entry.flags & 0x0001)
        throw new ZipFormatError(`${JSON.stringify(entry.name)} is encrypted`, source);
      if (entry.method !== 0 && entry.method !== 8) {
        throw new ZipFormatError(
          `${JSON.stringify(entry.name)} uses compression method ${entry.method} (only stored and deflate are supported)`,
          source,
        );
      }
      if (entry.uncompressedSize > maxSize) {
        throw new WheelMetadataError(
          'too-large',
          `${entry.name} is ${entry.uncompressedSize} bytes, over the ${maxSize}-byte limit`,
          source,
        );
      }
      if (entry.compressedSize > maxCompressedSize(maxSize)) {
        throw new WheelMetadataError(
          'too-large',
          `${entry.name} is ${entry.compressedSize} bytes compressed, over the ${maxSize}-byte limit`,
          source,
        );
      }
      // The read ends at the next member, but never further than this member can reach: a hostile
      // archive may put gigabytes between a small member and the next header.
      const end = Math.min(
        memberEnd(entry),
        entry.localHeaderOffset + LOCAL_HEADER_SIZE + LOCAL_HEADER_VARIABLE_MAX + entry.compressedSize,
      );
      const window = await store.ensure(entry.localHeaderOffset, end);
      const dataStart = localDataOffset(window, entry, source);
      const dataEnd = dataStart + entry.compressedSize;
      if (dataEnd > end) {
        throw new ZipFormatError(
          `${JSON.stringify(entry.name)}: data (${dataStart}..${dataEnd}) runs past ${end} (the next member or the central directory)`,
          source,
        );
      }
      return await inflateMember(entry, store.slice(dataStart, dataEnd), maxSize, source);
    },
  };
}

const DIST_INFO_METADATA = /^[^/]+\.dist-info\/METADATA$/;

export interface WheelMetadataResult {
  metadata: Uint8Array;
  /** The member name, e.g. `foo-1.0.dist-info/METADATA`. */
  member: string;
}

/** Reads a wheel's one top-level `*.dist-info/METADATA` through `rangeSource`. */
export async function readWheelMetadata(
  rangeSource: RangeSource,
  options: RemoteZipOptions & { maxMetadataSize?: number },
): Promise<WheelMetadataResult> {
  const zip = await openRemoteZip(rangeSource, options);
  const entry = findWheelMetadataEntry(zip.entries, options.source);
  const metadata = await zip.readMember(entry, options.maxMetadataSize ?? DEFAULT_MAX_METADATA_SIZE);
  return { metadata, member: entry.name };
}

export function findWheelMetadataEntry(entries: readonly ZipEntry[], source: string): ZipEntry {
  const found = entries.filter((e) => DIST_INFO_METADATA.test(e.name));
  if (found.length === 0) {
    throw new WheelMetadataError('no-metadata', `no top-level *.dist-info/METADATA in the wheel`, source);
  }
  if (found.length > 1) {
    throw new WheelMetadataError(
      'multiple-metadata',
      `the wheel holds ${found.length} top-level METADATA files (${found.map((e) => e.name).join(', ')}); exactly one is allowed`,
      source,
    );
  }
  return found[0]!;
}

/** Stored or deflated data → bytes, with a running size cap and a CRC-32 check (APPNOTE 4.4.7). */
export async function inflateMember(
  entry: ZipEntry,
  data: Uint8Array,
  maxSize: number,
  source: string,
): Promise<Uint8Array> {
  const label = JSON.stringify(entry.name);
  const tooLarge = (): never => {
    throw new WheelMetadataError(
      'too-large',
      `${entry.name} inflates past the ${maxSize}-byte limit`,
      source,
    );
  };
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else {
    // node:zlib (raw deflate, APPNOTE 4.4.5 method 8) in one call: it stops once the output passes
    // maxOutputLength, so a deflate bomb costs at most the cap plus one chunk. It was fflate's
    // streaming inflater in JavaScript, ~100 ms of the main thread for the ~140 METADATA members
    // of a data-science resolve (docs/benchmarks.md, Install, session 13 continued).
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, maxSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') out = tooLarge();
      else throw new ZipFormatError(`${label}: corrupt deflate data (${(error as Error).message})`, source);
    }
    if (out.length > maxSize) tooLarge();
  }
  if (out.length !== entry.uncompressedSize) {
    throw new ZipFormatError(
      `${label}: ${out.length} bytes after inflating, the central directory says ${entry.uncompressedSize}`,
      source,
    );
  }
  const crc = crc32Update(0, out);
  if (crc !== entry.crc32) {
    throw new ZipFormatError(
      `${label}: CRC-32 mismatch (computed ${hex32(crc)}, central directory says ${hex32(entry.crc32)})`,
      source,
    );
  }
  return out;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * Byte windows fetched so far. The tail window always reaches the end of the file; a read that
 * overlaps the tail's start only fetches the missing prefix and extends the tail.
 */
class WindowStore {
  tail: ByteWindow;
  private readonly others: ByteWindow[] = [];

  constructor(
    private readonly rangeSource: RangeSource,
    tail: ByteWindow,
    private readonly source: string,
    /** Most bytes one read may fetch. */
    private readonly maxRead: number,
  ) {
    this.tail = tail;
  }

  private find(start: number, end: number): ByteWindow | undefined {
    for (const w of [this.tail, ...this.others]) {
      if (start >= w.offset && end <= w.offset + w.bytes.length) return w;
    }
    return undefined;
  }

  covers(start: number, end: number): boolean {
    return this.find(start, end) !== undefined;
  }

  /** Makes [start, end) available with at most one read; returns the window that holds it. */
  async ensure(start: number, end: number): Promise<ByteWindow> {
    const have = this.find(start, end);
    if (have !== undefined) return have;
    if (end > this.tail.offset) {
      const bytes = await this.checkedRead(start, this.tail.offset);
      const merged = new Uint8Array(bytes.length + this.tail.bytes.length);
      merged.set(bytes, 0);
      merged.set(this.tail.bytes, bytes.length);
      this.tail = { offset: start, bytes: merged };
      return this.tail;
    }
    const window = { offset: start, bytes: await this.checkedRead(start, end) };
    this.others.push(window);
    return window;
  }

  slice(start: number, end: number): Uint8Array {
    const w = this.find(start, end);
    if (w === undefined)
      throw new ZipFormatError(`internal: bytes ${start}..${end} were not fetched`, this.source);
    return w.bytes.subarray(start - w.offset, end - w.offset);
  }

  private async checkedRead(start: number, end: number): Promise<Uint8Array> {
    if (end - start > this.maxRead) {
      throw new ZipFormatError(
        `reading it would take ${end - start} bytes at offset ${start}, over the ${this.maxRead}-byte limit`,
        this.source,
      );
    }
    const bytes = await this.rangeSource.read(start, end);
    if (bytes.length !== end - start) {
      throw new ZipFormatError(`asked for bytes ${start}..${end}, got ${bytes.length} bytes`, this.source);
    }
    return bytes;
  }
}
