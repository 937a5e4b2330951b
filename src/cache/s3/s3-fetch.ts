/**
 * One object of the store into place, verified: fetched into a temporary file beside `path` and
 * renamed to `path` only when its sha256 and size are the entry's — the store is untrusted, so a
 * tampered object is never placed and nothing is left behind. Objects over `largeObjectBytes` come
 * as parallel byte ranges into the one file, hashed in order while they arrive (s3-ranged-get.ts);
 * smaller ones stream through a hash that stops past the expected size. Every byte is hashed once,
 * on its way in: no object is read again to be verified. A server that ignores Range gets one
 * plain GET instead. A store that stopped answering (s3-client.ts STORE_UNRESPONSIVE) is an error
 * thrown to the caller, not a rejected object: nothing was placed, and nothing more is asked.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../backend.js';
import type { S3Client } from './s3-client.js';
import { isStoreUnresponsive, RANGE_IGNORED, S3Error } from './s3-error.js';
import { getRanges } from './s3-ranged-get.js';
import { refuseDeclaredOver } from './s3-body.js';
import { writeInPieces } from './s3-write-pieces.js';
import { tempSiblingName } from '../temp-names.js';
import { FileSink } from './s3-file-sink.js';

export interface FetchLimits {
  maxObjectBytes: number;
  largeObjectBytes: number;
  partBytes: number;
  concurrency: number;
  /**
   * Directories this caller already made (one restore: every wheel goes to the same directory, so
   * one mkdir instead of one per object); filled here. Without it, every fetch makes its directory.
   */
  madeDirs?: Set<string>;
  /** Ends the object's requests when aborted: the temporary file is removed, nothing is placed. */
  signal?: AbortSignal;
}

export interface FetchOutcome {
  /** cancelled: `signal` was aborted before the object was placed. */
  outcome: 'placed' | 'missing' | 'rejected' | 'cancelled';
  /** Why it was rejected (sizes, digests, S3's error). */
  reason?: string;
  /** Whether parallel ranges were used. */
  ranged: boolean;
}

type Got = { sha256: string; size: number } | 'missing';

export async function fetchObject(
  client: S3Client,
  objectKey: string,
  path: string,
  file: { sha256: string; size: number },
  limits: FetchLimits,
  /** Told about the placed file and the digest computed while it was written (file-stamps.ts `record`). */
  placed?: (path: string, digest: { sha256: string; size: number }) => Promise<void>,
): Promise<FetchOutcome> {
  if (file.size > limits.maxObjectBytes)
    return {
      outcome: 'rejected',
      reason: `${file.size} bytes is over the ${limits.maxObjectBytes} byte limit`,
      ranged: false,
    };
  const dir = dirname(path);
  if (limits.madeDirs?.has(dir) !== true) {
    await mkdir(dir, { recursive: true });
    limits.madeDirs?.add(dir);
  }
  const tmp = join(dirname(path), tempSiblingName(basename(path), 'part'));
  let ranged = false;
  try {
    let got: Got;
    if (file.size > limits.largeObjectBytes) {
      ranged = true;
      got = await fetchRanges(client, objectKey, tmp, file.size, limits).catch(async (error: unknown) => {
        if (!(error instanceof S3Error) || error.code !== RANGE_IGNORED) throw error;
        ranged = false;
        await rm(tmp, { force: true });
        return fetchStream(client, objectKey, tmp, file.size, limits.signal);
      });
    } else if (file.size <= SMALL_OBJECT_BYTES)
      got = await fetchSmall(client, objectKey, tmp, file.size, limits.signal);
    else got = await fetchStream(client, objectKey, tmp, file.size, limits.signal);
    if (got === 'missing') {
      await rm(tmp, { force: true });
      return { outcome: 'missing', ranged };
    }
    if (got.sha256 !== file.sha256 || got.size !== file.size)
      throw new Error(
        `sha256 ${got.sha256} (${got.size} bytes) is not the entry's ${file.sha256} (${file.size} bytes)`,
      );
    await rename(tmp, path);
    await placed?.(path, got);
    return { outcome: 'placed', ranged };
  } catch (error) {
    await rm(tmp, { force: true });
    if (limits.signal?.aborted === true) return { outcome: 'cancelled', ranged };
    // A store that stopped answering did not send other bytes: the caller stops asking it.
    if (isStoreUnresponsive(error)) throw error;
    return { outcome: 'rejected', reason: errorMessage(error), ranged };
  }
}

/** Objects up to this size (metadata files, index pages) are read whole and written in one call. */
const SMALL_OBJECT_BYTES = 256 * 1024;

/** One GET of a small object, bounded by the entry's size, hashed and written in one call. */
async function fetchSmall(
  client: S3Client,
  objectKey: string,
  tmp: string,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Got> {
  // Refuses (and stops reading) past the entry's size: "…: larger than N bytes".
  const body = await client.getBuffer(objectKey, limit, signal);
  if (body === undefined) return 'missing';
  await writeFile(tmp, body, { flag: 'wx' });
  return { sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
}

/**
 * Chunks are written in batches of about this many bytes (a few writev calls of ≤ 256 KiB each,
 * s3-write-pieces.ts, instead of ~16 writes).
 */
const WRITE_BATCH = 1024 * 1024;

/**
 * One streamed GET into `tmp`, hashed on the way, refused past `limit` bytes. The body's chunks are
 * taken as 'data' events (neither a Transform and a WriteStream in a pipeline nor an async iterator:
 * for hundreds of objects per restore, that machinery per 64 KiB chunk was a measurable part of the
 * client's CPU — docs/benchmarks.md, S3 section) and written in batches of ~1 MiB with `writev`
 * (in calls of ≤ 256 KiB: s3-write-pieces.ts).
 * The body is paused while a batch is written, so memory stays bounded by one batch plus what
 * undici buffers before it stops reading the socket.
 */
async function fetchStream(
  client: S3Client,
  objectKey: string,
  tmp: string,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Got> {
  const plain = await fetchPlain(client, objectKey, tmp, limit, signal);
  if (plain !== undefined) return plain;
  const response = await client.getStream(objectKey, signal);
  if (response === undefined) return 'missing';
  refuseDeclaredOver(response, limit, `S3 GET ${client.describe(objectKey)}: more than the entry's size`);
  const body = response.body;
  const hash = createHash('sha256');
  let size = 0;
  let handle: FileHandle | undefined;
  // The batch writes, in order; settled before the file is closed, whatever happened.
  let writing: Promise<void> = Promise.resolve();
  try {
    handle = await open(tmp, 'wx');
    const file = handle;
    await new Promise<void>((resolve, reject) => {
      let batch: Buffer[] = [];
      let batchBytes = 0;
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const flush = (): Promise<void> => {
        const chunks = batch;
        batch = [];
        batchBytes = 0;
        writing = writing.then(() => (chunks.length > 0 ? writeInPieces(file, chunks) : undefined));
        return writing;
      };
      body.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > limit) return fail(new Error(`more than the entry's ${limit} bytes`));
        hash.update(chunk);
        batch.push(chunk);
        batchBytes += chunk.length;
        if (batchBytes >= WRITE_BATCH || batch.length >= 256) {
          body.pause();
          flush().then(() => {
            if (!failed) body.resume();
          }, fail);
        }
      });
      body.on('end', () => void flush().then(resolve, fail));
      body.on('error', fail);
    });
  } catch (error) {
    body.destroy();
    throw client.observe(error, `S3 GET ${client.describe(objectKey)}`);
  } finally {
    await writing.catch(() => {});
    await handle?.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The same GET over a connection read into a fixed buffer (s3-client.ts `getInto`), its bytes
 * hashed and written in 1 MiB batches by a FileSink; undefined when that path does not read this
 * answer (nothing was written then: `tmp` is gone again and the caller streams through undici).
 */
async function fetchPlain(
  client: S3Client,
  objectKey: string,
  tmp: string,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Got | undefined> {
  const handle = await open(tmp, 'wx');
  const sink = new FileSink(handle);
  let got: number | 'missing' | undefined;
  try {
    got = await client.getInto(objectKey, limit, sink, signal);
  } catch (error) {
    await sink.finish(true).catch(() => {});
    await handle.close();
    throw error;
  }
  let digest: { sha256: string; size: number } | undefined;
  try {
    if (got !== undefined) digest = await sink.finish(got === 'missing');
    else await sink.finish(true);
  } finally {
    await handle.close();
  }
  if (got === undefined) {
    await rm(tmp, { force: true });
    return undefined;
  }
  if (got === 'missing' || digest === undefined) return 'missing';
  return digest;
}

/** Parallel byte ranges into `tmp`, hashed in order as they arrive. */
async function fetchRanges(
  client: S3Client,
  objectKey: string,
  tmp: string,
  size: number,
  limits: FetchLimits,
): Promise<Got> {
  try {
    const { sha256, size: got } = await getRanges(client, objectKey, tmp, size, limits);
    return { sha256, size: got };
  } catch (error) {
    if (error instanceof S3Error && error.status === 404) return 'missing';
    throw error;
  }
}
