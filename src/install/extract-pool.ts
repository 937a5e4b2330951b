/**
 * Worker threads that do the byte work of an install off the main thread (issue 9 §4): for each
 * wheel member the main thread hands over only where it lies (the wheel's file descriptor, the
 * local header offset, the end the next member sets) and what it must be; a worker reads the
 * local header and the data itself (one read for a small member), inflates, checks the RECORD
 * digest and writes the staged file once with its final mode. Small members go in batches and are
 * done synchronously; large ones stream through zlib inside the worker (bounded buffers); whole
 * wheels are hashed there too. Measured on the main thread, reading, the asynchronous zlib and fs
 * glue, copying bytes into messages and garbage collection cost more than the inflation itself;
 * the main thread now only plans, renames and keeps the books.
 *
 * Memory is bounded by a budget of in-flight bytes (`ExtractPool.budget`): a batch counts its
 * members' compressed plus inflated sizes, a stream counts its window; work waits while the budget
 * is spent (one job always runs, whatever its size). `peakInFlightBytes` answers the highest
 * total seen (tests check it against the budget).
 *
 * The worker source is a string evaluated as CommonJS (`eval: true`), so it needs no file of its
 * own at run time — the same under jest, the swc loader and the bundled dist. The local header
 * checks repeat wheel-archive.ts's (PKWARE APPNOTE.TXT 4.3.7: signature, method, name and extra
 * lengths; the data must end before the next member).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

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
}

export type ExtractResult =
  { ok: true } | { ok: false; reason: 'hash' } | { ok: false; reason: 'error'; message: string };

/** Bytes a streamed member holds at most at once (read window plus zlib and write buffers). */
export const STREAM_WINDOW = 1024 * 1024;

const WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const { inflateRawSync, createInflateRaw } = require('node:zlib');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { Transform, Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');

let scratch = Buffer.allocUnsafe(1024 * 1024);
const grow = (n) => { if (scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, scratch.length * 2)); };
const readInto = (fd, at, length, position) => {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, scratch, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
};
class Refusal extends Error {}

// Reads the local header (and, with wantData, the data in the same read) of a member.
function locate(fd, job, wantData) {
  const span = job.limit - job.headerOffset;
  if (span < 30) throw new Refusal(job.label + ': local header at ' + job.headerOffset + ' is cut off');
  const want = Math.min(span, 30 + (wantData ? job.compressedSize + 1024 : 0));
  grow(want);
  let got = readInto(fd, 0, want, job.headerOffset);
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
    grow(need);
    got += readInto(fd, got, need - got, job.headerOffset + got);
    if (got < need) throw new Refusal(job.label + ': the file ends inside the member');
  }
  return { start, end, data: scratch.subarray(start - job.headerOffset, need) };
}

function finishFile(job, digest) {
  return Buffer.from(job.digest).equals(digest) ? { ok: true } : { ok: false, reason: 'hash' };
}

function small(fd, job) {
  const { data } = locate(fd, job, true);
  let out;
  if (job.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: job.size + 1 });
    } catch (error) {
      if (error && error.code === 'ERR_BUFFER_TOO_LARGE')
        throw new Refusal(job.label + ' inflates past the ' + job.size + ' bytes its directory entry declares');
      throw new Refusal(job.label + ': corrupt deflate data (' + (error && error.message) + ')');
    }
  } else out = data;
  if (out.length !== job.size)
    throw new Refusal(job.label + ': ' + out.length + ' bytes after inflating, the central directory says ' + job.size);
  const verdict = finishFile(job, createHash(job.algorithm).update(out).digest());
  if (!verdict.ok) return verdict;
  fs.writeFileSync(job.staged, out, { mode: job.mode, flag: 'wx' });
  if (job.chmod) fs.chmodSync(job.staged, job.mode);
  return verdict;
}

async function streamed(fd, job) {
  const { start, end } = locate(fd, job, false);
  const hash = createHash(job.algorithm);
  let seen = 0;
  const count = new Transform({
    transform(chunk, _enc, done) {
      seen += chunk.length;
      if (seen > job.size) {
        done(new Refusal(job.label + ' inflates past the ' + job.size + ' bytes its directory entry declares'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const raw = end === start ? Readable.from([]) :
    fs.createReadStream('', { fd, start, end: end - 1, autoClose: false, highWaterMark: 256 * 1024 });
  const stages = job.method === 8 ? [raw, createInflateRaw(), count] : [raw, count];
  try {
    await pipeline(...stages, fs.createWriteStream(job.staged, { mode: job.mode, flags: 'wx' }));
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (error && typeof error.errno === 'number' && error.code && error.code.startsWith('Z_'))
      throw new Refusal(job.label + ': corrupt deflate data (' + error.message + ')');
    throw error;
  }
  if (seen !== job.size)
    throw new Refusal(job.label + ': ' + seen + ' bytes after inflating, the central directory says ' + job.size);
  const verdict = finishFile(job, hash.digest());
  if (verdict.ok && job.chmod) fs.chmodSync(job.staged, job.mode);
  return verdict;
}

function fileSha256(path) {
  const fd = fs.openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    grow(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, scratch, 0, 1024 * 1024, null);
      if (n === 0) break;
      hash.update(scratch.subarray(0, n));
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

const failure = (error) => ({
  ok: false,
  reason: 'error',
  message: error instanceof Refusal ? error.message : String(error && error.message),
});

parentPort.on('message', (message) => {
  if (message.kind === 'batch') {
    const results = message.jobs.map((job) => {
      try {
        return small(message.fd, job);
      } catch (error) {
        return failure(error);
      }
    });
    parentPort.postMessage({ id: message.id, results });
  } else if (message.kind === 'stream') {
    streamed(message.fd, message.job).then(
      (result) => parentPort.postMessage({ id: message.id, results: [result] }),
      (error) => parentPort.postMessage({ id: message.id, results: [failure(error)] }),
    );
  } else {
    try {
      parentPort.postMessage({ id: message.id, sha256: fileSha256(message.path) });
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: String(error && error.message) });
    }
  }
});
`;

type Reply = { id: number; results?: ExtractResult[]; sha256?: string; error?: string };

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  worker: Worker;
}

/** Sum of the bytes a batch of members may hold in a worker (compressed plus inflated). */
export function batchBytes(jobs: readonly Pick<MemberJob, 'compressedSize' | 'size'>[]): number {
  return jobs.reduce((n, j) => n + j.compressedSize + j.size, 0);
}

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  private inFlight = 0;
  private peak = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(
    size?: number,
    /** In-flight byte budget (see the module comment). */
    readonly budget = 48 * 1024 * 1024,
  ) {
    this.size = Math.max(1, size ?? Math.min(4, availableParallelism()));
  }

  private readonly size: number;

  /** The highest total of in-flight bytes so far. */
  get peakInFlightBytes(): number {
    return this.peak;
  }

  /** Runs `work` once `bytes` fit in the budget (or nothing else is in flight). */
  async withBytes<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    if (this.inFlight > 0 && (this.inFlight + bytes > this.budget || this.waiting.length > 0)) {
      await new Promise<void>((go) => this.waiting.push({ bytes, go })); // wake() reserved the bytes
    } else this.reserve(bytes);
    try {
      return await work();
    } finally {
      this.inFlight -= bytes;
      this.wake();
    }
  }

  private reserve(bytes: number): void {
    this.inFlight += bytes;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  /** First come, first served: a large job is not starved by small ones queued behind it. */
  private wake(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as { bytes: number; go: () => void };
      if (this.inFlight > 0 && this.inFlight + next.bytes > this.budget) return;
      this.waiting.shift();
      this.reserve(next.bytes);
      next.go();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref(); // never keeps the process alive
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      p.resolve(reply);
    });
    const fail = (error: Error): void => {
      for (const [id, p] of this.pending) {
        if (p.worker !== worker) continue;
        this.pending.delete(id);
        p.reject(error);
      }
      const at = this.workers.indexOf(worker);
      if (at >= 0) this.workers.splice(at, 1);
      this.load.delete(worker);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`internal error: an extraction worker exited (${code})`)));
    this.workers.push(worker);
    this.load.set(worker, 0);
    return worker;
  }

  private send(message: object): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('internal error: extraction pool used after close'));
    let worker: Worker | undefined;
    if (this.workers.length < this.size) worker = this.spawn();
    else worker = [...this.load].sort((a, b) => a[1] - b[1])[0]?.[0] ?? this.spawn();
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    const chosen = worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: chosen });
      chosen.postMessage({ ...message, id });
    });
  }

  /** Small members of the wheel open as `fd`, done in one go; one result per job, in order. */
  async batch(fd: number, jobs: MemberJob[]): Promise<ExtractResult[]> {
    return this.withBytes(
      batchBytes(jobs),
      async () => (await this.send({ kind: 'batch', fd, jobs })).results ?? [],
    );
  }

  /** One large member, streamed inside a worker. */
  async stream(fd: number, job: MemberJob): Promise<ExtractResult> {
    return this.withBytes(STREAM_WINDOW, async () => {
      const [result] = (await this.send({ kind: 'stream', fd, job })).results ?? [];
      return result ?? { ok: false, reason: 'error', message: 'internal error: no result' };
    });
  }

  /** sha256 (hex) of a whole file, read in a worker. */
  async sha256(path: string): Promise<string> {
    const reply = await this.withBytes(STREAM_WINDOW, () => this.send({ kind: 'hash', path }));
    if (reply.sha256 === undefined) throw new Error(`${path}: ${reply.error ?? 'could not be read'}`);
    return reply.sha256;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
