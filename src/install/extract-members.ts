/**
 * Extracts a wheel's members to their staging paths (issue 9 §3–§4): every member inflated once,
 * checked against its RECORD hash while it streams, and written once with its final mode. Plain
 * members go to the extraction workers (extract-pool.ts) when there are any — small ones in
 * batches, large ones streamed, largest first; `#!python` scripts (fixed for the target here) and
 * unhashed signature files are done on this thread. With the unpacked-wheel cache, a worker also
 * hard-links each member it writes into the cache entry (unpacked-cache-fill.ts `ExtractLink`).
 */
import { createHash } from 'node:crypto';
import { createWriteStream, writeFile as writeFileCallback } from 'node:fs';
import { chmod, open, readFile } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExtractResult, MemberJob, MemberPool } from './extract-pool.js';
import type { Interpreter } from './interpreter.js';
import type { ExpectedHash } from './record.js';
import { fixScript, needsShebangFix } from './scripts.js';
import type { ExtractLink } from './unpacked-cache.js';
import { SMALL_INFLATED, SMALL_MEMBER, type WheelArchive } from './wheel-archive.js';
import { WheelInstallError, type PlannedFile } from './wheel-plan.js';

/**
 * A batch for the pool: this many members or this many compressed plus inflated bytes, whichever
 * comes first (a worker holds one member of a batch at a time; the pool's budget counts batches).
 */
const BATCH_FILES = 64;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * fs.writeFile through the callback API: no FileHandle object per file (measurably cheaper over
 * thousands of small files than the promise API).
 */
export function writeFile(
  path: string,
  data: Uint8Array | string,
  options: { mode: number; flag: string },
): Promise<void> {
  return new Promise((resolve, reject) =>
    writeFileCallback(path, data, options, (error) => (error ? reject(error) : resolve())),
  );
}

/**
 * A member installed byte for byte and checked against its RECORD hash: what the extraction
 * workers write and what the unpacked-wheel cache keeps (not `#!python` scripts, which are
 * rewritten for the target, nor unhashed signature files).
 */
export function copiedAsIs(file: PlannedFile): boolean {
  return !file.script && file.expected !== undefined;
}

class Digest extends Transform {
  readonly hash;
  constructor(algorithm: string) {
    super();
    this.hash = createHash(algorithm);
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Modes as pip writes members (see stage-wheel.ts): plain before the umask, executable after it. */
export function memberModes(umask: number): { plainMode: number; execMode: number } {
  return { plainMode: 0o666, execMode: (0o777 & ~umask) | 0o111 };
}

/**
 * A member and its staging path; with the unpacked-wheel cache, the cache entry's path `link` the
 * worker also links it to, and the index `at` its answer lands at.
 */
export type MemberPair = { file: PlannedFile; path: string; link?: string; at?: number };

export interface MemberExtraction {
  archive: WheelArchive;
  filename: string;
  interpreter: Interpreter;
  /** The process umask (what the kernel applies to created files). */
  umask: number;
  /** Runs file work under a shared concurrency limit. */
  limit: <T>(work: () => Promise<T>) => Promise<T>;
  /** Workers for small members (without it everything is done on this thread). */
  pool?: MemberPool;
  /** A `#!python` script was rewritten for the target: its RECORD row changes to `content`'s. */
  rewritten: (file: PlannedFile, content: Buffer) => void;
  /**
   * A worker wrote the file at `path` (or linked it there) and answered its identity (journal.ts
   * `identityOf`): placing records it without an lstat of its own.
   */
  identified?: (path: string, id: string) => void;
}

/**
 * The extraction of `opts.archive`'s members: the function answered extracts the given pairs
 * (and, with `links`, collects what the workers did about each cache link), failing with the
 * first member's WheelInstallError once all of them settled.
 */
export function memberExtractor(
  opts: MemberExtraction,
): (pairs: readonly MemberPair[], links?: ExtractLink[]) => Promise<void> {
  const { archive, filename, interpreter, umask, pool } = opts;
  const { plainMode, execMode } = memberModes(umask);
  const fail = (detail: string, entry?: string): never => {
    throw new WheelInstallError(filename, detail, entry);
  };
  const checkDigest = (file: PlannedFile, digest: Buffer): void => {
    if (file.expected !== undefined && !digest.equals(file.expected.digest)) {
      fail('refused: content does not match its RECORD hash', file.archivePath);
    }
  };

  const extract = async (file: PlannedFile, stagedPath: string): Promise<void> => {
    const mode = file.executable ? execMode : plainMode;
    const algorithm = file.expected?.nodeAlgorithm ?? 'sha256';
    const small = file.entry.compressedSize <= SMALL_MEMBER && file.entry.uncompressedSize <= SMALL_INFLATED;
    let content: Buffer | undefined;
    if (small) {
      content = await archive.readMember(file.entry, SMALL_INFLATED);
      checkDigest(file, createHash(algorithm).update(content).digest());
    }
    if (file.script) {
      if (content === undefined) {
        // A large script (a packed binary, usually): only its first bytes decide.
        const head = Buffer.alloc(8);
        const stream = await archive.streamMember(file.entry);
        const digest = new Digest(algorithm);
        await pipeline(stream, digest, createWriteStream(stagedPath, { mode, flags: 'wx' }));
        checkDigest(file, digest.hash.digest());
        const fh = await open(stagedPath, 'r');
        try {
          await fh.read(head, 0, 8, 0);
        } finally {
          await fh.close();
        }
        if (needsShebangFix(head)) content = await readFile(stagedPath);
        else {
          if (file.executable && (execMode & umask) !== 0) await chmod(stagedPath, execMode);
          return;
        }
      }
      if (needsShebangFix(content)) {
        content = fixScript(content, interpreter, interpreter.osName === 'nt' ? '\r\n' : '\n');
        opts.rewritten(file, content);
      }
      await writeFile(stagedPath, content, { mode, flag: small ? 'wx' : 'w' });
    } else if (content !== undefined) {
      await writeFile(stagedPath, content, { mode, flag: 'wx' });
    } else {
      const stream = await archive.streamMember(file.entry);
      const digest = new Digest(algorithm);
      await pipeline(stream, digest, createWriteStream(stagedPath, { mode, flags: 'wx' }));
      checkDigest(file, digest.hash.digest());
    }
    if (file.executable && (execMode & umask) !== 0) await chmod(stagedPath, execMode);
  };

  // With a pool, plain members are done by its workers (small ones in batches, large ones
  // streamed); scripts and unhashed signature files are done here.
  // Several batches fit in the budget at once (so every worker has one).
  const batchLimit = Math.min(BATCH_BYTES, Math.floor((pool?.budget ?? BATCH_BYTES) / 4));
  const boundsOf = (file: PlannedFile): { limit: number } => {
    try {
      return archive.bounds(file.entry);
    } catch (error) {
      const message = (error as Error).message;
      throw new WheelInstallError(
        filename,
        message.startsWith(`${filename}: `) ? message.slice(filename.length + 2) : message,
        file.archivePath,
      );
    }
  };
  const toJob = (file: PlannedFile, stagedPath: string, link?: string): MemberJob => {
    const { limit } = boundsOf(file);
    const expected = file.expected as ExpectedHash;
    const job: MemberJob = {
      headerOffset: file.entry.localHeaderOffset,
      limit,
      method: file.entry.method,
      compressedSize: file.entry.compressedSize,
      size: file.entry.uncompressedSize,
      label: JSON.stringify(file.entry.name),
      algorithm: expected.nodeAlgorithm,
      digest: expected.digest,
      staged: stagedPath,
      mode: file.executable ? execMode : plainMode,
      chmod: file.executable && (execMode & umask) !== 0,
    };
    if (link !== undefined) job.link = link;
    return job;
  };
  // `links[at]` collects what a worker answers about a member it also linked (ExtractLink).
  const verdict = (pair: MemberPair, r: ExtractResult, links?: ExtractLink[]): void => {
    const { file, at } = pair;
    if (r.ok) {
      if (r.id !== undefined && opts.identified !== undefined) {
        opts.identified(pair.path, r.id);
        // The second name shares the inode only when the link was made (not a copy's).
        if (pair.link !== undefined && r.linked !== undefined) opts.identified(pair.link, r.id);
      }
      if (links !== undefined && at !== undefined)
        links[at] =
          r.linked !== undefined
            ? { identity: r.linked }
            : r.linkError !== undefined
              ? { error: r.linkError }
              : undefined;
      return;
    }
    if (r.reason === 'hash') fail('refused: content does not match its RECORD hash', file.archivePath);
    else fail(r.message, file.archivePath);
  };
  // Extracts members to the given paths: plain members by the pool's workers (small ones in
  // batches, large ones streamed) when there is a pool, scripts and the rest on this thread.
  // A batch's jobs are made when the pool takes it (ExtractPool.batchOf), not all up front.
  // With `links` (the unpacked-wheel cache), a worker also hard-links each member it writes to
  // `pair.link`, and what it did lands in `links[pair.at]`.
  return async (pairs: readonly MemberPair[], links?: ExtractLink[]): Promise<void> => {
    let batch: MemberPair[] = [];
    let bytesInBatch = 0;
    const work: Promise<void>[] = [];
    const flush = (): void => {
      if (batch.length === 0 || pool === undefined) return;
      const members = batch;
      const bytes = bytesInBatch;
      batch = [];
      bytesInBatch = 0;
      work.push(
        pool
          .batchOf(archive.fd, bytes, () => members.map((m) => toJob(m.file, m.path, m.link)))
          .then((outcome) => outcome.forEach((r, i) => verdict(members[i] as MemberPair, r, links))),
      );
    };
    // Members the pool streams go first, largest first: one of them may be most of the wheel
    // (torch's 414 MB libtorch_cpu.so lies near the end of its archive) and must not be left
    // inflating alone on one core once every small member is done.
    const small = (file: PlannedFile): boolean =>
      file.entry.compressedSize <= SMALL_MEMBER && file.entry.uncompressedSize <= SMALL_INFLATED;
    if (pool !== undefined) {
      const streamed = pairs
        .filter(({ file }) => copiedAsIs(file) && !small(file))
        .sort((a, b) => b.file.entry.uncompressedSize - a.file.entry.uncompressedSize);
      for (const pair of streamed) {
        let job: MemberJob;
        try {
          job = toJob(pair.file, pair.path, pair.link);
        } catch (error) {
          work.push(Promise.reject(error));
          continue;
        }
        work.push(pool.stream(archive.fd, job).then((r) => verdict(pair, r, links)));
      }
    }
    for (const pair of pairs) {
      const { file, path: stagedPath } = pair;
      if (pool !== undefined && copiedAsIs(file)) {
        if (!small(file)) continue; // started above
        try {
          boundsOf(file); // refused here, in member order, as before the batch is made
        } catch (error) {
          work.push(Promise.reject(error));
          continue;
        }
        batch.push(pair);
        bytesInBatch += file.entry.compressedSize + file.entry.uncompressedSize;
        if (batch.length >= BATCH_FILES || bytesInBatch >= batchLimit) flush();
        continue;
      }
      work.push(
        opts.limit(() =>
          extract(file, stagedPath).catch((error: unknown) => {
            if (error instanceof WheelInstallError) throw error;
            throw new WheelInstallError(filename, (error as Error).message, file.archivePath);
          }),
        ),
      );
    }
    flush();
    const results = await Promise.allSettled(work);
    const firstFailure = results.find((r) => r.status === 'rejected');
    if (firstFailure !== undefined) throw firstFailure.reason;
  };
}
