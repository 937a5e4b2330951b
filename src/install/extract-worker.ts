/**
 * The source of the extraction workers (extract-pool.ts runs them), and the sizes that bound what
 * each holds. For each wheel member the pool hands over only where it lies (the wheel's file
 * descriptor, the local header offset, the end the next member sets) and what it must be — a
 * batch's jobs packed into two transferred typed arrays and one string (job-pack.ts); a worker
 * reads the local header and the data itself (one read for a small member), inflates, checks the
 * RECORD digest and writes the staged file once with its final mode. Small members come in
 * batches, large ones are streamed a chunk at a time, whole wheels are hashed here too — all
 * synchronously inside the worker.
 *
 * Memory, by design: a worker reads, inflates and writes through a few buffers it allocates once
 * and reuses for every member (a read buffer, an output buffer for a small member, one chunk each
 * for streaming) and one zlib handle reset between members, so what a worker holds is bounded by
 * WORKER_BUFFER_BOUND whatever the wheels are, and no inflated member is left for the garbage
 * collector. (node:zlib's `inflateRawSync` allocated a new zlib state, 16 KiB output chunks and
 * their concatenation per member; a worker isolate collects such garbage only after ~64 MiB of
 * it, so each worker held up to 40–64 MB of dead buffers on the real-ml set.) A member larger
 * than the in-one-piece limits is streamed even when it arrives in a batch.
 *
 * The source is a string evaluated as CommonJS (`eval: true`), so it needs no file of its own at
 * run time — the same under jest, the swc loader and the bundled dist. The local header checks
 * repeat wheel-archive.ts's (PKWARE APPNOTE.TXT 4.3.7: signature, method, name and extra lengths;
 * the data must end before the next member).
 */
import { PACK_RESULTS_SOURCE, UNPACK_SOURCE } from './job-pack.js';
import { SMALL_INFLATED, SMALL_MEMBER } from './wheel-archive.js';

/** Where a member lies and what it must become. */
export interface MemberJob {
  /** Offset of the member's local header, and where its data must end at the latest. */
  headerOffset: number;
  limit: number;
  /** Compressed (method 8) or stored (method 0). */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** The member's name as quoted in errors. */
  label: string;
  /** Node crypto algorithm and expected digest. */
  algorithm: string;
  digest: Uint8Array;
  staged: string;
  mode: number;
  /** chmod after writing (the umask would drop bits of `mode`). */
  chmod: boolean;
  /**
   * A second name to hard-link the written file to (the unpacked-wheel cache: `staged` is the
   * cache's copy, `link` the staging path). The worker then answers the written inode's identity
   * (fstat of the file it created with O_EXCL, after its last write and chmod), or why link(2)
   * failed — the caller decides what a failed link means.
   */
  link?: string;
}

/** The identity of a member written and linked by a worker (decimal strings: 64-bit values). */
export interface LinkedIdentity {
  dev: string;
  ino: string;
  mtimeNs: string;
  size: number;
  /** st_mode (type and permission bits). */
  mode: number;
}

export type ExtractResult =
  | {
      ok: true;
      /** The written file's identity as journal.ts `identityOf` gives it (the staged file's: a link shares it). */
      id?: string;
      linked?: LinkedIdentity;
      linkError?: string;
    }
  | { ok: false; reason: 'hash' }
  | { ok: false; reason: 'error'; message: string };

/** Bytes a streamed member holds at most at once (its read and inflate buffers, see STREAM_CHUNK). */
export const STREAM_WINDOW = 1024 * 1024;

/**
 * The most bytes one write(2) of a member carries. ext4 on Linux 6.x caches a file in folios as large
 * as the writes that fill it, and on this machine's VM new large folios cost several times the
 * system time of small ones: 360 MB written in 4 MiB calls took 0.5–0.9 s of system time and
 * 1.2–2.3 s of wall, in 256 KiB calls 0.12–0.17 s and 0.23–0.37 s (session 16; s3w16 measured the
 * same for the S3 restore's writes). Members up to SMALL_INFLATED are inflated in one piece but
 * written in pieces of this size.
 */
export const WRITE_PIECE = 256 * 1024;

/** A streamed member is read and inflated this many bytes at a time (one read and one output buffer). */
export const STREAM_CHUNK = 256 * 1024;

/**
 * The largest member a worker inflates in one piece: at most this compressed and this inflated
 * (larger ones are streamed, whatever the caller asked for). extract-members.ts batches only members
 * within both.
 */
export const SMALL_COMPRESSED = SMALL_MEMBER;
export { SMALL_INFLATED };

/** A local header with the longest name and extra field (PKWARE APPNOTE.TXT 4.3.7). */
export const LOCAL_HEADER_MAX = 30 + 2 * 0xffff;

/**
 * What one worker's buffers can grow to at most: the read buffer holds a local header and a small
 * member's compressed data (or 1 MiB of a hashed file), the output buffer a small member's
 * inflated bytes, and the stream buffers one chunk each. Buffers are allocated once and reused for
 * every member (no buffer per member, so nothing waits for the garbage collector).
 */
export const WORKER_BUFFER_BOUND =
  LOCAL_HEADER_MAX + SMALL_COMPRESSED + 1024 + (SMALL_INFLATED + 1) + 2 * STREAM_CHUNK;

/**
 * The worker. Inflation goes through one raw-inflate zlib handle per worker, reset between
 * members, writing into the worker's reused output buffer: `handle.writeSync(flush, in, inOff,
 * inLen, out, outOff, outLen)` is the synchronous call node:zlib's own `*Sync` functions make (its
 * results land in the stream's `_writeState`: output space left, input left; errors arrive through
 * `handle.onerror`). With Z_FINISH, zlib reports a stream that ends early ("unexpected end of
 * file") as an error, and a full output buffer means more output than fits — so a member is
 * complete exactly when no error came and output space is left.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { createHash } = crypto;
// A member inflated in one piece is hashed by one call (crypto.hash, Node >= 20.12): no Hash object
// per member (session 17: ~2 us of worker CPU less per member).
const digestOf = typeof crypto.hash === 'function'
  ? (algorithm, bytes) => crypto.hash(algorithm, bytes, 'buffer')
  : (algorithm, bytes) => createHash(algorithm).update(bytes).digest();
const fs = require('node:fs');
${UNPACK_SOURCE}
${PACK_RESULTS_SOURCE}
const { Z_NO_FLUSH, Z_FINISH } = zlib.constants;
const { smallCompressed, smallInflated, chunk, headerMax, writePiece } = workerData;
const IN_CAP = headerMax + smallCompressed + 1024;
const OUT_CAP = smallInflated + 1;

// Reused buffers; their sizes and how often they were allocated are reported with every reply.
const stats = { held: 0, allocations: 0 };
const buffers = { scratch: null, out: null, streamIn: null, streamOut: null };
const caps = { scratch: IN_CAP, out: OUT_CAP, streamIn: chunk, streamOut: chunk };
function buffer(which, n) {
  const b = buffers[which];
  if (b !== null && b.length >= n) return b;
  const cap = caps[which];
  const size = Math.max(n, Math.min(cap, Math.max(1024 * 1024, b === null ? 0 : b.length * 2)));
  stats.held += size - (b === null ? 0 : b.length);
  stats.allocations++;
  return (buffers[which] = Buffer.allocUnsafe(size));
}

function readInto(fd, buf, at, length, position) {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
function writeAll(fd, buf) {
  let done = 0;
  while (done < buf.length) done += fs.writeSync(fd, buf, done, Math.min(writePiece, buf.length - done));
}
class Refusal extends Error {}

// One raw inflater per worker; a new one after an error.
let inflater = null;
let zlibError = null;
let checked = false;
function makeInflater() {
  const stream = zlib.createInflateRaw();
  stream.on('error', () => {});
  const handle = stream._handle;
  if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function')
    throw new Error('internal error: this Node.js has no synchronous zlib handle');
  handle.onerror = (message) => { zlibError = String(message); };
  return { stream, handle, state: stream._writeState };
}
function freshInflater() {
  if (!checked) {
    // Once per worker: corrupt data must come back as an error (else a future Node.js reports
    // errors differently, and this worker must not go on; the RECORD hash would still refuse).
    const probe = makeInflater();
    zlibError = null;
    probe.handle.writeSync(Z_FINISH, Buffer.from([0xff, 0xff]), 0, 2, Buffer.alloc(64), 0, 64);
    probe.stream.destroy();
    if (zlibError === null) throw new Error('internal error: node:zlib did not report corrupt deflate data');
    checked = true;
  }
  if (inflater === null) inflater = makeInflater();
  else inflater.handle.reset();
  zlibError = null;
  return inflater;
}
// Inflates; answers [output space left, input left]; throws a Refusal for corrupt data.
function inflateStep(z, flush, input, inOff, inLen, out, outLen, job) {
  z.handle.writeSync(flush, input, inOff, inLen, out, 0, outLen);
  if (zlibError !== null) {
    const message = zlibError;
    inflater = null;
    try { z.stream.destroy(); } catch {}
    throw new Refusal(job.label + ': corrupt deflate data (' + message + ')');
  }
  return [z.state[0], z.state[1]];
}
const tooLong = (job) => new Refusal(job.label + ' inflates past the ' + job.size + ' bytes its directory entry declares');
const wrongSize = (job, n) => new Refusal(job.label + ': ' + n + ' bytes after inflating, the central directory says ' + job.size);

// Reads the local header (and, with wantData, the data in the same read) of a member.
function locate(fd, job, wantData) {
  const span = job.limit - job.headerOffset;
  if (span < 30) throw new Refusal(job.label + ': local header at ' + job.headerOffset + ' is cut off');
  const want = Math.min(span, 30 + (wantData ? job.compressedSize + 1024 : 0));
  let scratch = buffer('scratch', want);
  let got = readInto(fd, scratch, 0, want, job.headerOffset);
  if (got < 30) throw new Refusal(job.label + ': the file ends inside the member');
  if (scratch.readUInt32LE(0) !== 0x04034b50)
    throw new Refusal('no local file header for ' + job.label + ' at offset ' + job.headerOffset);
  const method = scratch.readUInt16LE(8);
  if (method !== job.method)
    throw new Refusal(job.label + ': local header says method ' + method + ', central directory ' + job.method);
  const start = job.headerOffset + 30 + scratch.readUInt16LE(26) + scratch.readUInt16LE(28);
  const end = start + job.compressedSize;
  if (end > job.limit)
    throw new Refusal(job.label + ': data (' + start + '..' + end + ') runs into the next member or directory at ' + job.limit);
  if (!wantData) return { start, end };
  const need = end - job.headerOffset;
  if (got < need) {
    const grown = buffer('scratch', need);
    if (grown !== scratch) { scratch.copy(grown, 0, 0, got); scratch = grown; }
    got += readInto(fd, scratch, got, need - got, job.headerOffset + got);
    if (got < need) throw new Refusal(job.label + ': the file ends inside the member');
  }
  return { start, end, data: scratch.subarray(start - job.headerOffset, need) };
}

function finishFile(job, digest) {
  return job.digest.equals(digest) ? { ok: true } : { ok: false, reason: 'hash' };
}

// A member within the in-one-piece limits: one read, one inflate into the output buffer.
function small(fd, job) {
  if (job.compressedSize > smallCompressed || job.size > smallInflated) return streamed(fd, job);
  const { data } = locate(fd, job, true);
  let out;
  if (job.method === 8) {
    const target = buffer('out', job.size + 1);
    const [outLeft] = inflateStep(freshInflater(), Z_FINISH, data, 0, data.length, target, job.size + 1, job);
    if (outLeft === 0) throw tooLong(job);
    out = target.subarray(0, job.size + 1 - outLeft);
  } else out = data;
  if (out.length !== job.size) throw wrongSize(job, out.length);
  const verdict = finishFile(job, digestOf(job.algorithm, out));
  if (!verdict.ok) return verdict;
  const outFd = fs.openSync(job.staged, 'wx', job.mode);
  let identity;
  try {
    writeAll(outFd, out);
    if (job.chmod) fs.fchmodSync(outFd, job.mode);
    identity = fs.fstatSync(outFd, { bigint: true });
  } finally {
    fs.closeSync(outFd);
  }
  return linked(job, verdict, identity);
}

// The member's second name (job.link): the identity of the inode written, or link(2)'s error code.
// Every member written answers its identity as the install journal records it (journal.ts
// identityOf: device, inode, size, mtime ns), so placing need not lstat it again.
function linked(job, verdict, st) {
  if (!verdict.ok) return verdict;
  const id = st.dev + ':' + st.ino + ':' + st.size + ':' + st.mtimeNs;
  if (job.link === undefined) return { ok: true, id };
  try {
    fs.linkSync(job.staged, job.link);
  } catch (error) {
    return { ok: true, id, linkError: String((error && error.code) || (error && error.message)) };
  }
  return {
    ok: true,
    id,
    linked: {
      dev: String(st.dev), ino: String(st.ino), mtimeNs: String(st.mtimeNs),
      size: Number(st.size), mode: Number(st.mode),
    },
  };
}

// Any member, a chunk at a time: read, inflate, hash and write with two chunk-sized buffers.
function streamed(fd, job) {
  const { start, end } = locate(fd, job, false);
  const hash = createHash(job.algorithm);
  const input = buffer('streamIn', chunk);
  const output = job.method === 8 ? buffer('streamOut', chunk) : null;
  const z = job.method === 8 ? freshInflater() : null;
  const outFd = fs.openSync(job.staged, 'wx', job.mode);
  let identity;
  let seen = 0;
  const emit = (bytes) => {
    seen += bytes.length;
    if (seen > job.size) throw tooLong(job);
    hash.update(bytes);
    writeAll(outFd, bytes);
  };
  try {
    let pos = start;
    for (;;) {
      const n = pos < end ? readInto(fd, input, 0, Math.min(chunk, end - pos), pos) : 0;
      if (pos < end && n === 0) throw new Refusal(job.label + ': the file ends inside the member');
      pos += n;
      const last = pos >= end;
      if (z === null) emit(input.subarray(0, n));
      else {
        let inOff = 0;
        let inLen = n;
        for (;;) {
          const [outLeft, inLeft] = inflateStep(z, last ? Z_FINISH : Z_NO_FLUSH, input, inOff, inLen, output, chunk, job);
          emit(output.subarray(0, chunk - outLeft));
          inOff += inLen - inLeft;
          inLen = inLeft;
          if (outLeft !== 0) break; // the input is used up (or the stream ended)
        }
      }
      if (last) break;
    }
    if (seen !== job.size) throw wrongSize(job, seen);
    const verdict = finishFile(job, hash.digest());
    if (!verdict.ok) return verdict;
    if (job.chmod) fs.fchmodSync(outFd, job.mode);
    identity = fs.fstatSync(outFd, { bigint: true });
  } finally {
    fs.closeSync(outFd);
  }
  return linked(job, { ok: true }, identity);
}

// Through the caller's descriptor when given (the one it extracts from), from offset 0; answers
// the hex digest and the number of bytes hashed.
function fileSha256(path, given) {
  const fd = given === undefined ? fs.openSync(path, 'r') : given;
  try {
    const hash = createHash('sha256');
    const scratch = buffer('scratch', 1024 * 1024);
    let position = 0;
    for (;;) {
      const n = fs.readSync(fd, scratch, 0, scratch.length, position);
      if (n === 0) break;
      hash.update(scratch.subarray(0, n));
      position += n;
    }
    return { sha256: hash.digest('hex'), size: position };
  } finally {
    if (given === undefined) fs.closeSync(fd);
  }
}

const failure = (error) => ({
  ok: false,
  reason: 'error',
  message: error instanceof Refusal ? error.message : String(error && error.message),
});
const each = (fd, jobs, run) => jobs.map((job) => {
  try {
    return run(fd, job);
  } catch (error) {
    return failure(error);
  }
});

parentPort.on('message', (message) => {
  if (message.kind === 'batch') {
    const results = packResults(each(message.fd, unpackJobs(message.jobs), small));
    parentPort.postMessage({ id: message.id, results, held: stats.held, allocations: stats.allocations });
  } else if (message.kind === 'stream') {
    const results = packResults(each(message.fd, unpackJobs(message.jobs), streamed));
    parentPort.postMessage({ id: message.id, results, held: stats.held, allocations: stats.allocations });
  } else {
    try {
      const { sha256, size } = fileSha256(message.path, message.fd);
      parentPort.postMessage({ id: message.id, sha256, size, held: stats.held, allocations: stats.allocations });
    } catch (error) {
      const code = error && typeof error.code === 'string' ? error.code : undefined;
      parentPort.postMessage({ id: message.id, error: String(error && error.message), code, held: stats.held, allocations: stats.allocations });
    }
  }
});
`;
