/**
 * Worker threads that do the byte work of an install off the main thread (issue 9 §4): what each
 * worker does is in extract-worker.ts; this pool spreads the jobs over the workers. Measured on the
 * main thread, reading, the asynchronous zlib and fs glue, copying bytes into messages and garbage
 * collection cost more than the inflation itself; the main thread now only plans, renames and
 * keeps the books.
 *
 * A budget of in-flight bytes (`ExtractPool.budget`) bounds how much work is queued to the
 * workers: a batch counts its members' compressed plus inflated sizes, a stream its window; work
 * waits while the budget is spent (one job always runs, whatever its size). Waiting work is taken
 * first come, first served, except that the jobs of `ahead()` (the installer's small wheels) go
 * before waiting ordinary ones: a large wheel queues all its batches and streams at once, and a
 * small wheel's one batch behind them left its main-thread work (plan, RECORD, journal, renames) for
 * the end of the install, alone, with both workers idle. `peakInFlightBytes`
 * answers the highest total seen; `workerBuffers` what the workers hold and how often they
 * allocated (tests check both).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  LOCAL_HEADER_MAX,
  SMALL_COMPRESSED,
  SMALL_INFLATED,
  STREAM_CHUNK,
  STREAM_WINDOW,
  WORKER_SOURCE,
  WRITE_PIECE,
  type ExtractResult,
  type MemberJob,
} from './extract-worker.js';
import { packJobs, unpackResults, type PackedResults } from './job-pack.js';

export {
  SMALL_COMPRESSED,
  SMALL_INFLATED,
  STREAM_CHUNK,
  STREAM_WINDOW,
  WORKER_BUFFER_BOUND,
  type ExtractResult,
  type MemberJob,
} from './extract-worker.js';

type Reply = {
  id: number;
  /** A batch's or a stream's answers (job-pack.ts). */
  results?: PackedResults;
  sha256?: string;
  /** Bytes hashed (a `hash` reply). */
  size?: number;
  error?: string;
  /** The fs error code of a failed `hash` (EIO…), so the caller gets the error fileSha256 gives. */
  code?: string;
  /** The replying worker's buffer bytes and buffer allocations so far. */
  held?: number;
  allocations?: number;
};

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  worker: Worker;
}

/** Sum of the bytes a batch of members may hold in a worker (compressed plus inflated). */
export function batchBytes(jobs: readonly Pick<MemberJob, 'compressedSize' | 'size'>[]): number {
  return jobs.reduce((n, j) => n + j.compressedSize + j.size, 0);
}

/** What extracting a wheel's members needs of the pool (extract-members.ts). */
export type MemberPool = Pick<ExtractPool, 'budget' | 'batchOf' | 'stream'>;

interface Waiting {
  bytes: number;
  go: () => void;
}

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  private inFlight = 0;
  private peak = 0;
  private readonly waiting: Waiting[] = [];
  /** Waiting jobs of `ahead()`: taken before `waiting`'s. */
  private readonly waitingAhead: Waiting[] = [];
  /** Per worker (kept after it exits): its buffer bytes and buffer allocations, as last reported. */
  private readonly buffers = new Map<Worker, { held: number; allocations: number }>();

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

  /**
   * Buffer bytes the workers hold (their reused buffers; at most WORKER_BUFFER_BOUND each) and how
   * many buffers they allocated in all — a handful per worker, not one per member.
   */
  get workerBuffers(): { held: number; allocations: number; workers: number } {
    let held = 0;
    let allocations = 0;
    for (const b of this.buffers.values()) {
      held += b.held;
      allocations += b.allocations;
    }
    return { held, allocations, workers: this.buffers.size };
  }

  /** Runs `work` once `bytes` fit in the budget (or nothing else is in flight). */
  async withBytes<T>(bytes: number, work: () => Promise<T>, ahead = false): Promise<T> {
    const waitingBefore = ahead ? this.waitingAhead.length : this.waiting.length + this.waitingAhead.length;
    if (this.inFlight > 0 && (this.inFlight + bytes > this.budget || waitingBefore > 0)) {
      const queue = ahead ? this.waitingAhead : this.waiting;
      await new Promise<void>((go) => queue.push({ bytes, go })); // wake() reserved the bytes
    } else this.reserve(bytes);
    try {
      return await work();
    } finally {
      this.inFlight -= bytes;
      this.wake();
    }
  }

  /**
   * The same pool, its jobs taken before the ordinary ones waiting (same budget, same workers): for
   * a small wheel's few members, which would otherwise wait behind every batch a large wheel queued.
   */
  ahead(): MemberPool {
    return {
      budget: this.budget,
      batchOf: (fd, bytes, makeJobs) => this.batchOf(fd, bytes, makeJobs, true),
      stream: (fd, job) => this.stream(fd, job, true),
    };
  }

  private reserve(bytes: number): void {
    this.inFlight += bytes;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  /**
   * First come, first served within each queue (`ahead()`'s first): a large job is not starved by
   * small ones queued behind it in its queue.
   */
  private wake(): void {
    for (;;) {
      const queue = this.waitingAhead.length > 0 ? this.waitingAhead : this.waiting;
      const next = queue[0];
      if (next === undefined) return;
      if (this.inFlight > 0 && this.inFlight + next.bytes > this.budget) return;
      queue.shift();
      this.reserve(next.bytes);
      next.go();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        smallCompressed: SMALL_COMPRESSED,
        smallInflated: SMALL_INFLATED,
        chunk: STREAM_CHUNK,
        headerMax: LOCAL_HEADER_MAX,
        writePiece: WRITE_PIECE,
      },
    });
    worker.unref(); // never keeps the process alive
    worker.on('message', (reply: Reply) => {
      if (reply.held !== undefined && reply.allocations !== undefined)
        this.buffers.set(worker, { held: reply.held, allocations: reply.allocations });
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

  private send(message: object, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('internal error: extraction pool used after close'));
    let worker: Worker | undefined;
    if (this.workers.length < this.size) worker = this.spawn();
    else worker = [...this.load].sort((a, b) => a[1] - b[1])[0]?.[0] ?? this.spawn();
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    const chosen = worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: chosen });
      chosen.postMessage({ ...message, id }, transfer);
    });
  }

  /** Small members of the wheel open as `fd`, done in one go; one result per job, in order. */
  async batch(fd: number, jobs: MemberJob[]): Promise<ExtractResult[]> {
    return this.batchOf(fd, batchBytes(jobs), () => jobs);
  }

  /**
   * As `batch`, with the jobs made only once `bytes` (their `batchBytes`) fit in the budget: a
   * wheel queues all its batches at once, and the jobs of those still waiting would otherwise all
   * be in the main heap together (tens of thousands for torch or tensorflow).
   */
  async batchOf(
    fd: number,
    bytes: number,
    makeJobs: () => MemberJob[],
    ahead = false,
  ): Promise<ExtractResult[]> {
    return this.withBytes(
      bytes,
      async () => {
        const { packed, transfer } = packJobs(makeJobs());
        const { results } = await this.send({ kind: 'batch', fd, jobs: packed }, transfer);
        return results === undefined ? [] : unpackResults(results);
      },
      ahead,
    );
  }

  /** One large member, streamed inside a worker. */
  async stream(fd: number, job: MemberJob, ahead = false): Promise<ExtractResult> {
    return this.withBytes(
      STREAM_WINDOW,
      async () => {
        const { packed, transfer } = packJobs([job]);
        const { results } = await this.send({ kind: 'stream', fd, jobs: packed }, transfer);
        const [result] = results === undefined ? [] : unpackResults(results);
        return result ?? { ok: false, reason: 'error', message: 'internal error: no result' };
      },
      ahead,
    );
  }

  /** sha256 (hex) of a whole file, read in a worker (through `fd` from offset 0 when given). */
  async sha256(path: string, fd?: number): Promise<string> {
    return (await this.digest(path, fd)).sha256;
  }

  /** sha256 (hex) and the number of bytes hashed, as `sha256` reads them. */
  async digest(path: string, fd?: number): Promise<{ sha256: string; size: number }> {
    const reply = await this.withBytes(STREAM_WINDOW, () =>
      this.send(fd === undefined ? { kind: 'hash', path } : { kind: 'hash', path, fd }),
    );
    if (reply.sha256 === undefined || reply.size === undefined) {
      // Names the file; an fs error keeps its code and path, as the main thread's read error
      // would (review 3 of session 13).
      const error = new Error(`${path}: ${reply.error ?? 'could not be read'}`);
      throw reply.code === undefined ? error : Object.assign(error, { code: reply.code, path });
    }
    return { sha256: reply.sha256, size: reply.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
