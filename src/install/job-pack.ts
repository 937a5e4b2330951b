/**
 * How member jobs travel to the extraction workers (extract-pool.ts → extract-worker.ts): a batch
 * is one message of three parts — the jobs' numbers in one Float64Array, their expected digests
 * one after the other in one Uint8Array, their strings (staged path, link, label) concatenated in
 * one string — instead of an array of objects the structured clone copies key by key. The two
 * arrays are fresh and transferred, not copied.
 *
 * It also keeps a job's digest to its own bytes: a RECORD digest is a Buffer decoded from base64,
 * a 32-byte view into Node's shared 8 KiB allocation pool, and the structured clone of a typed
 * array copies its whole ArrayBuffer — 8 KiB per member (230 MB over the 28,210 members of the
 * real-ds set) allocated in the worker and left to its garbage collector (docs/benchmarks.md,
 * Install, session 17).
 *
 * The answers come back the same way: the usual one, a member written with nothing else to say
 * (`{ ok: true, id }`), as its identity in one space-separated string; any other (a refusal, a
 * cache link made or failed) as an object beside its index. Receiving 28,000 answers as objects
 * cost the main thread 44–73 ms of deserializing, as one string 1–14 ms (session 17).
 */
import type { ExtractResult, MemberJob } from './extract-worker.js';

/** The numbers of job i are `numbers[i * JOB_FIELDS + FIELD.x]`. */
export const JOB_FIELDS = 12;
export const FIELD = {
  headerOffset: 0,
  limit: 1,
  method: 2,
  compressedSize: 3,
  size: 4,
  mode: 5,
  /** 1: chmod after writing. */
  flags: 6,
  /** Index into `algorithms`. */
  algorithm: 7,
  /** Where the job's digest ends in `digests` (it starts where the previous job's ends). */
  digestEnd: 8,
  /** Lengths of the job's strings in `text`, in this order; a link of length -1 is none. */
  stagedLength: 9,
  linkLength: 10,
  labelLength: 11,
} as const;

export interface PackedJobs {
  count: number;
  numbers: Float64Array;
  digests: Uint8Array;
  text: string;
  algorithms: string[];
}

/** The jobs as one message body (see the module comment); `transfer` lists what postMessage moves. */
export function packJobs(jobs: readonly MemberJob[]): { packed: PackedJobs; transfer: ArrayBuffer[] } {
  const numbers = new Float64Array(jobs.length * JOB_FIELDS);
  let digestBytes = 0;
  for (const job of jobs) digestBytes += job.digest.length;
  const digests = new Uint8Array(digestBytes);
  const algorithms: string[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as MemberJob;
    const base = i * JOB_FIELDS;
    let algorithm = algorithms.indexOf(job.algorithm);
    if (algorithm < 0) algorithm = algorithms.push(job.algorithm) - 1;
    digests.set(job.digest, at);
    at += job.digest.length;
    numbers[base + FIELD.headerOffset] = job.headerOffset;
    numbers[base + FIELD.limit] = job.limit;
    numbers[base + FIELD.method] = job.method;
    numbers[base + FIELD.compressedSize] = job.compressedSize;
    numbers[base + FIELD.size] = job.size;
    numbers[base + FIELD.mode] = job.mode;
    numbers[base + FIELD.flags] = job.chmod ? 1 : 0;
    numbers[base + FIELD.algorithm] = algorithm;
    numbers[base + FIELD.digestEnd] = at;
    numbers[base + FIELD.stagedLength] = job.staged.length;
    numbers[base + FIELD.linkLength] = job.link === undefined ? -1 : job.link.length;
    numbers[base + FIELD.labelLength] = job.label.length;
    parts.push(job.staged, job.link ?? '', job.label);
  }
  return {
    packed: { count: jobs.length, numbers, digests, text: parts.join(''), algorithms },
    transfer: [numbers.buffer, digests.buffer],
  };
}

/**
 * The worker's side (CommonJS source for extract-worker.ts): `unpackJobs(packed)` answers the jobs
 * as objects with the MemberJob fields, each `digest` a Buffer viewing its bytes in `digests`.
 */
export const UNPACK_SOURCE = String.raw`
const JOB_FIELDS = ${JOB_FIELDS};
const FIELD = ${JSON.stringify(FIELD)};
function unpackJobs(p) {
  const jobs = new Array(p.count);
  const n = p.numbers;
  let digestAt = 0;
  let textAt = 0;
  for (let i = 0; i < p.count; i++) {
    const b = i * JOB_FIELDS;
    const digestEnd = n[b + FIELD.digestEnd];
    const stagedLength = n[b + FIELD.stagedLength];
    const linkLength = n[b + FIELD.linkLength];
    const labelLength = n[b + FIELD.labelLength];
    const staged = p.text.slice(textAt, textAt + stagedLength);
    textAt += stagedLength;
    const link = linkLength < 0 ? undefined : p.text.slice(textAt, textAt + linkLength);
    textAt += Math.max(0, linkLength);
    const label = p.text.slice(textAt, textAt + labelLength);
    textAt += labelLength;
    const job = {
      headerOffset: n[b + FIELD.headerOffset],
      limit: n[b + FIELD.limit],
      method: n[b + FIELD.method],
      compressedSize: n[b + FIELD.compressedSize],
      size: n[b + FIELD.size],
      label,
      algorithm: p.algorithms[n[b + FIELD.algorithm]],
      digest: Buffer.from(p.digests.buffer, p.digests.byteOffset + digestAt, digestEnd - digestAt),
      staged,
      mode: n[b + FIELD.mode],
      chmod: (n[b + FIELD.flags] & 1) !== 0,
    };
    if (link !== undefined) job.link = link;
    digestAt = digestEnd;
    jobs[i] = job;
  }
  return jobs;
}
`;

/** A batch's answers as the worker sends them (see the module comment). */
export interface PackedResults {
  count: number;
  /** Per answer its identity, or '' where `others` has it; joined by ' ' (identities have none). */
  ids: string;
  others: [number, ExtractResult][];
}

/** The answers as objects, in job order. */
export function unpackResults(p: PackedResults): ExtractResult[] {
  if (p.count === 0) return [];
  const results: ExtractResult[] = p.ids.split(' ').map((id) => ({ ok: true, id }));
  for (const [at, result] of p.others) results[at] = result;
  return results;
}

/** The worker's side of the answers (CommonJS source for extract-worker.ts): `packResults(results)`. */
export const PACK_RESULTS_SOURCE = String.raw`
function packResults(results) {
  const ids = new Array(results.length);
  const others = [];
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const plain = r.ok === true && typeof r.id === 'string' && r.id !== '' && r.id.indexOf(' ') < 0 &&
      r.linked === undefined && r.linkError === undefined;
    if (plain) ids[i] = r.id;
    else {
      ids[i] = '';
      others.push([i, r]);
    }
  }
  return { count: results.length, ids: ids.join(' '), others };
}
`;
