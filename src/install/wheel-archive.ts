/**
 * Reading the members of a local wheel file for installation, with bounded memory: the central
 * directory comes from the same ZIP code the metadata reader uses (src/index/remote-zip.ts over a
 * file handle), member data is read by position and inflated with node:zlib's asynchronous raw
 * inflate (on the libuv thread pool, off the main thread), small members in one piece and large
 * ones as a stream.
 *
 * Zip-bomb and overlap bounds (PKWARE APPNOTE.TXT 4.3.7/4.3.12): every member's compressed data
 * must end before the next member's local header (or the central directory); no two directory
 * entries may share a local header; inflation stops at the central directory's uncompressed size
 * and a member that inflates to any other size is refused.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw, inflateRaw } from 'node:zlib';
import { handleRangeSource } from '../index/file-range-source.js';
import { openRemoteZip } from '../index/remote-zip.js';
import { LOCAL_HEADER_SIZE, localDataOffset, ZipFormatError, type ZipEntry } from '../index/zip-directory.js';

/** Members up to this compressed size are read and inflated in one piece. */
export const SMALL_MEMBER = 1024 * 1024;
/** …and up to this inflated size; larger ones stream. */
export const SMALL_INFLATED = 4 * 1024 * 1024;

export interface WheelArchive {
  readonly path: string;
  readonly size: number;
  readonly entries: readonly ZipEntry[];
  /** The open file's descriptor (for worker threads; valid until close). */
  readonly fd: number;
  /**
   * Checks what the central directory alone can tell (encryption, method, stored sizes) and
   * answers where the member's data must end at the latest (the next local header or the
   * central directory) — for a reader that parses the local header itself (extract-pool.ts).
   */
  bounds(entry: ZipEntry): { limit: number };
  /** The whole inflated member (for small members and dist-info files); refuses more than maxSize. */
  readMember(entry: ZipEntry, maxSize: number): Promise<Buffer>;
  /** The inflated member as a stream that errors unless exactly `uncompressedSize` bytes come out. */
  streamMember(entry: ZipEntry): Promise<Readable>;
  close(): Promise<void>;
}

function inflateAsync(data: Buffer, maxOutputLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    inflateRaw(data, { maxOutputLength }, (error, out) => (error ? reject(error) : resolve(out)));
  });
}

/** Passes bytes through, failing as soon as more than `limit` bytes passed, or fewer at the end. */
class ExactLength extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly label: string,
    private readonly source: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      done(
        new ZipFormatError(
          `${this.label} inflates past the ${this.limit} bytes its directory entry declares`,
          this.source,
        ),
      );
      return;
    }
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.seen !== this.limit) {
      done(
        new ZipFormatError(
          `${this.label}: ${this.seen} bytes after inflating, the central directory says ${this.limit}`,
          this.source,
        ),
      );
      return;
    }
    done();
  }
}

/**
 * The most members one wheel may have (review 17a F3: install memory grows ~3 KB per member —
 * the plan, the staged map, RECORD rows, the journal — and 300,000 empty members took 993 MB).
 * Measured with the session-16 build (`many.sh 50000`, load ~21): 50,000 members → 279 MB max RSS,
 * within the 300 MB bound; the largest wheels in the local mirrors hold 16,235 (cmeel-boost),
 * 15,632 (tensorflow-cpu), 13,043 (torch). pip has no such bound (docs/pip-agreement.md).
 */
export const MAX_WHEEL_MEMBERS = 50_000;

/** Opens `path` (shown as `source` in errors) and reads its central directory. */
export async function openWheelArchive(path: string, source: string): Promise<WheelArchive> {
  return wheelArchiveOf(await open(path, 'r'), path, source);
}

/**
 * The archive read through `handle`, an open `path` (the descriptor the caller hashed); the
 * archive owns the handle from now on, also when reading fails (it is closed then).
 */
export async function wheelArchiveOf(
  handle: FileHandle,
  path: string,
  source: string,
): Promise<WheelArchive> {
  try {
    const { size } = await handle.stat();
    const zip = await openRemoteZip(handleRangeSource(handle, size), { source });
    if (zip.entries.length > MAX_WHEEL_MEMBERS) {
      throw new ZipFormatError(
        `the archive holds ${zip.entries.length} members, more than the ${MAX_WHEEL_MEMBERS} the installer accepts in one wheel (a bound on its memory; the largest real wheels hold ~16,000)`,
        source,
      );
    }
    const starts = [...zip.entries.map((e) => e.localHeaderOffset)].sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) {
      if (starts[i] === starts[i - 1]) {
        throw new ZipFormatError(
          `two directory entries share the local header at offset ${starts[i]}`,
          source,
        );
      }
    }
    const memberEnd = (entry: ZipEntry): number => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] as number) <= entry.localHeaderOffset) lo = mid + 1;
        else hi = mid;
      }
      return lo < starts.length ? (starts[lo] as number) : zip.directoryOffset;
    };

    const readAt = async (buffer: Buffer, position: number, label: string): Promise<void> => {
      let at = 0;
      while (at < buffer.length) {
        const { bytesRead } = await handle.read(buffer, at, buffer.length - at, position + at);
        if (bytesRead === 0) throw new ZipFormatError(`${label}: the file ends inside the member`, source);
        at += bytesRead;
      }
    };

    const bounds = (entry: ZipEntry): { limit: number } => {
      const label = JSON.stringify(entry.name);
      if (entry.flags & 0x0001) throw new ZipFormatError(`${label} is encrypted`, source);
      if (entry.method !== 0 && entry.method !== 8) {
        throw new ZipFormatError(
          `${label} uses compression method ${entry.method} (only stored and deflate are supported)`,
          source,
        );
      }
      if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
        throw new ZipFormatError(`${label} is stored but its sizes differ`, source);
      }
      return { limit: memberEnd(entry) };
    };

    /**
     * Validates the member and answers where its data lies. Small members are read whole in the
     * same read as their local header (answered as `bytes`), one read per file instead of two.
     */
    const dataRange = async (
      entry: ZipEntry,
      wantBytes: boolean,
    ): Promise<{ start: number; end: number; bytes?: Buffer }> => {
      const label = JSON.stringify(entry.name);
      const { limit } = bounds(entry);
      const whole = wantBytes && limit - entry.localHeaderOffset <= entry.compressedSize + 2 * 65_536 + 64;
      const header = Buffer.alloc(whole ? limit - entry.localHeaderOffset : LOCAL_HEADER_SIZE);
      if (header.length < LOCAL_HEADER_SIZE) {
        throw new ZipFormatError(`${label}: local header at ${entry.localHeaderOffset} is cut off`, source);
      }
      await readAt(header, entry.localHeaderOffset, label);
      const start = localDataOffset({ offset: entry.localHeaderOffset, bytes: header }, entry, source);
      const end = start + entry.compressedSize;
      if (end > limit) {
        throw new ZipFormatError(
          `${label}: data (${start}..${end}) runs into the next member or directory at ${limit}`,
          source,
        );
      }
      if (whole) {
        const from = start - entry.localHeaderOffset;
        return { start, end, bytes: header.subarray(from, from + entry.compressedSize) };
      }
      return { start, end };
    };

    return {
      path,
      size,
      entries: zip.entries,
      fd: handle.fd,
      bounds,
      async readMember(entry, maxSize) {
        const label = JSON.stringify(entry.name);
        if (entry.uncompressedSize > maxSize) {
          throw new ZipFormatError(
            `${label} is ${entry.uncompressedSize} bytes, over the ${maxSize}-byte limit`,
            source,
          );
        }
        const range = await dataRange(entry, true);
        let raw = range.bytes;
        if (raw === undefined) {
          raw = Buffer.alloc(range.end - range.start);
          await readAt(raw, range.start, label);
        }
        let out: Buffer;
        if (entry.method === 0) out = raw;
        else {
          try {
            out = await inflateAsync(raw, entry.uncompressedSize + 1);
          } catch (error) {
            const e = error as NodeJS.ErrnoException;
            throw new ZipFormatError(
              e.code === 'ERR_BUFFER_TOO_LARGE'
                ? `${label} inflates past the ${entry.uncompressedSize} bytes its directory entry declares`
                : `${label}: corrupt deflate data (${e.message})`,
              source,
            );
          }
        }
        if (out.length !== entry.uncompressedSize) {
          throw new ZipFormatError(
            `${label}: ${out.length} bytes after inflating, the central directory says ${entry.uncompressedSize}`,
            source,
          );
        }
        return out;
      },
      async streamMember(entry) {
        const { start, end } = await dataRange(entry, false);
        const label = JSON.stringify(entry.name);
        // An empty range still needs a stream: createReadStream's `end` is inclusive.
        const raw: Readable =
          end === start
            ? Readable.from([])
            : // Through the archive's own descriptor (positional reads, left open), not the path
              // again: the bytes read are those of the file that was hashed.
              createReadStream(path, {
                fd: handle.fd,
                autoClose: false,
                start,
                end: end - 1,
                highWaterMark: 256 * 1024,
              });
        const exact = new ExactLength(entry.uncompressedSize, label, source);
        // pipeline() tears every stage down when any fails or when the consumer destroys `exact`
        // (no open descriptors or inflaters left behind); the consumer sees the first error.
        const stages: (Readable | Transform)[] =
          entry.method === 0 ? [raw, exact] : [raw, createInflateRaw(), exact];
        pipeline(stages, () => {});
        return exact;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
