/**
 * Worker threads that finish small wheel members off the main thread (issue 9 §4): for each member
 * the main thread hands over its compressed bytes (already read and bounds-checked by
 * wheel-archive.ts); a worker inflates them (synchronously, bounded by the declared size), checks
 * the RECORD digest and writes the staged file once with its final mode. Measured on the main
 * thread, the asynchronous zlib and fs-promise glue plus garbage collection cost more than the
 * inflation itself for the thousands of small files a wheel set holds; in a worker the same work is
 * plain synchronous calls, and it spreads over the cores.
 *
 * The worker source is a string evaluated as CommonJS (`eval: true`), so it needs no file of its
 * own at run time — the same under jest, the swc loader and the bundled dist.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface ExtractJob {
  /** Compressed (method 8) or stored (method 0) bytes of the member. */
  data: Uint8Array;
  method: number;
  /** Declared uncompressed size. */
  size: number;
  /** Node crypto algorithm and expected digest. */
  algorithm: string;
  digest: Uint8Array;
  staged: string;
  mode: number;
  /** chmod after writing (the umask would drop bits of `mode`). */
  chmod: boolean;
}

export type ExtractResult =
  | { ok: true }
  | { ok: false; reason: 'size'; got: number }
  | { ok: false; reason: 'hash' }
  | { ok: false; reason: 'error'; code?: string; message: string };

const WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const { inflateRawSync } = require('node:zlib');
const { createHash } = require('node:crypto');
const { writeFileSync, chmodSync } = require('node:fs');
parentPort.on('message', (message) => {
  const results = message.jobs.map((job) => {
    try {
      const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
      let out;
      try {
        out = job.method === 8 ? inflateRawSync(data, { maxOutputLength: job.size + 1 }) : data;
      } catch (error) {
        if (error && error.code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'size', got: job.size + 1 };
        throw error;
      }
      if (out.length !== job.size) return { ok: false, reason: 'size', got: out.length };
      const digest = createHash(job.algorithm).update(out).digest();
      if (!digest.equals(Buffer.from(job.digest))) return { ok: false, reason: 'hash' };
      writeFileSync(job.staged, out, { mode: job.mode, flag: 'wx' });
      if (job.chmod) chmodSync(job.staged, job.mode);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: 'error', code: error && error.code, message: String(error && error.message) };
    }
  });
  parentPort.postMessage({ id: message.id, results });
});
`;

interface Pending {
  resolve: (results: ExtractResult[]) => void;
  reject: (error: Error) => void;
  worker: Worker;
}

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /**
   * Runs `work` (read a batch's bytes, then `run` it) while at most two batches per worker are in
   * hand: bounds the compressed bytes held in memory whatever the number of wheels and members.
   */
  async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= 2 * this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref(); // never keeps the process alive
    worker.on('message', (message: { id: number; results: ExtractResult[] }) => {
      const p = this.pending.get(message.id);
      if (p === undefined) return;
      this.pending.delete(message.id);
      this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      p.resolve(message.results);
    });
    const fail = (error: Error): void => {
      for (const [id, p] of this.pending) {
        if (p.worker !== worker) continue;
        this.pending.delete(id);
        p.reject(error);
      }
      this.workers.splice(this.workers.indexOf(worker), 1);
      this.load.delete(worker);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`internal error: an extraction worker exited (${code})`)));
    this.workers.push(worker);
    this.load.set(worker, 0);
    return worker;
  }

  /** Runs `jobs` on the least busy worker; answers one result per job, in order. */
  run(jobs: ExtractJob[]): Promise<ExtractResult[]> {
    if (this.closed) return Promise.reject(new Error('internal error: extraction pool used after close'));
    let worker: Worker | undefined;
    if (this.workers.length < this.size) worker = this.spawn();
    else worker = [...this.load].sort((a, b) => a[1] - b[1])[0]?.[0] ?? this.spawn();
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    const chosen = worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: chosen });
      chosen.postMessage({ id, jobs });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
