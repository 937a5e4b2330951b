/**
 * Unpacks one planned wheel into a staging directory (issue 9 §2–§4): every member inflated once,
 * checked against its RECORD hash while it streams, and written once with its final mode; the
 * `#!python` script fix is made here, and the launchers and metadata files (stage-metadata.ts) are
 * staged beside the members, so that placing the distribution is only renames.
 *
 * Modes as pip 23.2 writes them (pip/_internal/utils/unpacking.py, operations/install/wheel.py):
 * members `0o666 & ~umask`, members with an execute bit in their zip mode
 * `(0o777 & ~umask) | 0o111`, launchers `(0o666 & ~umask) | 0o555` (distlib `set_mode`), generated
 * metadata `0o666 & ~umask`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, writeFile as writeFileCallback } from 'node:fs';
import { chmod, open, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExtractPool, ExtractResult, MemberJob } from './extract-pool.js';
import type { Interpreter } from './interpreter.js';
import { sha256Record, type ExpectedHash, type RecordRow } from './record.js';
import { fixScript, needsShebangFix } from './scripts.js';
import { rootsAlias, StageLayout, type StageTree } from './stage-layout.js';
import { stageMetadata } from './stage-metadata.js';
import type { CacheableFile, ExtractLink, UnpackedCache } from './unpacked-cache.js';
import { SMALL_INFLATED, SMALL_MEMBER, type WheelArchive } from './wheel-archive.js';
import { WheelInstallError, type PlannedFile, type SchemeKey, type WheelPlan } from './wheel-plan.js';

/** A file ready to be renamed into place. */
export interface StagedFile {
  /** Absolute path inside the staging directory. */
  staged: string;
  /** Absolute destination. */
  dest: string;
  /** Part of the .dist-info directory (placed last, RECORD very last). */
  metadata: boolean;
  /** The tree `staged` lies in, at the same path below it as `dest` below its root (absent: a lone file). */
  tree?: StageTree;
}

export interface StagedDist {
  files: StagedFile[];
  /** The .dist-info directory's destination. */
  distInfoDest: string;
  /** Destinations of installed `.py` files (for --compile), with the lib dir they are recorded against. */
  pyFiles: string[];
  libDir: string;
}

export interface StageOptions {
  interpreter: Interpreter;
  /** The process umask (what the kernel applies to created files). */
  umask: number;
  /** Runs file work under a shared concurrency limit. */
  limit: <T>(work: () => Promise<T>) => Promise<T>;
  env: Record<string, string | undefined>;
  requested: boolean;
  /** PEP 610 `direct_url.json` content. */
  directUrl?: object;
  /** The distribution name pip would put headers under (`<include>/<name>`). */
  headersName: string;
  /** Workers for small members (without it everything is done on this thread). */
  pool?: ExtractPool;
  /** How launchers are made: `native` text (POSIX), or the target's distlib (default on Windows). */
  launchers?: 'native' | 'distlib';
  /** Hard-link target-independent members from the unpacked-wheel cache (unpacked-cache.ts). */
  unpacked?: { cache: UnpackedCache; wheelSha256: string };
}

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
function writeFile(
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
function copiedAsIs(file: PlannedFile): boolean {
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

function stagedFile(staged: string, dest: string, metadata: boolean, tree?: StageTree): StagedFile {
  return tree !== undefined ? { staged, dest, metadata, tree } : { staged, dest, metadata };
}

function schemeDir(opts: StageOptions, key: SchemeKey): string {
  const p = opts.interpreter.paths;
  if (key === 'headers') return join(p.include, opts.headersName);
  return p[key];
}

function toRecordPath(dest: string, libDir: string): string {
  // Inside libDir (nearly always): the rest of the path, without path.relative's resolving.
  if (dest.startsWith(libDir) && dest[libDir.length] === sep && !libDir.endsWith(sep)) {
    const rest = dest.slice(libDir.length + 1);
    return sep === '/' ? rest : rest.split(sep).join('/');
  }
  return relative(libDir, dest).split(sep).join('/');
}

/**
 * `join(dir, ...subpath.split('/'))` without path.join's normalising per file: `subpath` is clean
 * (wheel-plan.ts drops empty, `.` and `..` segments), so only `dir` needs normalising, once.
 */
let lastDir = '';
let lastBase = '';
function destUnder(dir: string, subpath: string): string {
  if (dir !== lastDir) {
    const base = join(dir);
    lastBase = base.endsWith(sep) ? base : base + sep; // one concatenation per destination
    lastDir = dir;
  }
  return lastBase + (sep === '/' ? subpath : subpath.split('/').join(sep));
}

/** Stages `plan` from `archive` into `stageDir` (which exists and is empty). */
export async function stageWheel(
  archive: WheelArchive,
  plan: WheelPlan,
  filename: string,
  stageDir: string,
  opts: StageOptions,
): Promise<StagedDist> {
  const { interpreter, umask } = opts;
  const libDir = plan.rootIsPurelib ? interpreter.paths.purelib : interpreter.paths.platlib;
  const distInfoDest = join(libDir, plan.distInfo);
  const p = interpreter.paths;
  const layout = new StageLayout(stageDir, !rootsAlias([p.purelib, p.platlib, p.scripts, p.data, p.include]));
  const staged: StagedFile[] = [];
  const installed = new Map<string, string>(); // archive path → record path
  const changed = new Map<string, RecordRow>(); // record path → new row
  const pyFiles: string[] = [];
  const plainMode = 0o666;
  const execMode = (0o777 & ~umask) | 0o111;

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
        const rp = toRecordPath(destUnder(schemeDir(opts, file.scheme), file.subpath), libDir);
        changed.set(rp, { path: rp, hash: sha256Record(content), size: String(content.length) });
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
  const pool = opts.pool;
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
  const verdict = (file: PlannedFile, r: ExtractResult, links?: ExtractLink[], at?: number): void => {
    if (r.ok) {
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
  type Pair = { file: PlannedFile; path: string; link?: string; at?: number };
  const extractAll = async (pairs: readonly Pair[], links?: ExtractLink[]): Promise<void> => {
    let batch: Pair[] = [];
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
          .then((outcome) =>
            outcome.forEach((r, i) => {
              const m = members[i] as Pair;
              verdict(m.file, r, links, m.at);
            }),
          ),
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
      for (const { file, path: stagedPath, link, at } of streamed) {
        let job: MemberJob;
        try {
          job = toJob(file, stagedPath, link);
        } catch (error) {
          work.push(Promise.reject(error));
          continue;
        }
        work.push(pool.stream(archive.fd, job).then((r) => verdict(file, r, links, at)));
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

  const members: { file: PlannedFile; path: string }[] = [];
  for (const file of plan.files) {
    const root = schemeDir(opts, file.scheme);
    const dest = destUnder(root, file.subpath);
    const { staged: stagedPath, tree } = layout.reserve(root, dest);
    const metadata =
      file.scheme === (plan.rootIsPurelib ? 'purelib' : 'platlib') &&
      file.subpath.startsWith(`${plan.distInfo}/`);
    staged.push(stagedFile(stagedPath, dest, metadata, tree));
    installed.set(file.archivePath, toRecordPath(dest, libDir));
    if (dest.endsWith('.py')) pyFiles.push(dest);
    members.push({ file, path: stagedPath });
  }
  layout.makeDirs();
  const unpacked = opts.unpacked;
  if (unpacked === undefined) await extractAll(members);
  else {
    // Target-independent members come from the unpacked-wheel cache (hard links); `#!python`
    // scripts and unhashed signature files are always extracted here (unpacked-cache.ts).
    const cacheable = members.filter(({ file }) => copiedAsIs(file));
    const direct = members.filter(({ file }) => !copiedAsIs(file));
    const files: CacheableFile[] = cacheable.map(({ file, path }) => ({
      archivePath: file.archivePath,
      algorithm: (file.expected as ExpectedHash).nodeAlgorithm,
      digest: (file.expected as ExpectedHash).digest,
      size: file.entry.uncompressedSize,
      mode: file.executable ? execMode : plainMode & ~umask,
      staged: path,
    }));
    const results = await Promise.allSettled([
      extractAll(direct),
      unpacked.cache.stage(unpacked.wheelSha256, umask, files, async (targets, links) => {
        const answers: ExtractLink[] = new Array<ExtractLink>(targets.length).fill(undefined);
        await extractAll(
          cacheable.map(({ file }, i) =>
            links === undefined
              ? { file, path: targets[i] as string }
              : { file, path: targets[i] as string, link: links[i] as string, at: i },
          ),
          links === undefined ? undefined : answers,
        );
        return answers;
      }),
    ]);
    const firstFailure = results.find((r) => r.status === 'rejected');
    if (firstFailure !== undefined) throw firstFailure.reason;
  }

  // Launchers, INSTALLER, direct_url.json, REQUESTED and RECORD (stage-metadata.ts).
  await stageMetadata({
    plan,
    filename,
    stageDir,
    interpreter,
    umask,
    env: opts.env,
    requested: opts.requested,
    ...(opts.directUrl !== undefined ? { directUrl: opts.directUrl } : {}),
    ...(opts.launchers !== undefined ? { launchers: opts.launchers } : {}),
    distInfoDest,
    installed,
    changed,
    recordPath: (dest) => toRecordPath(dest, libDir),
    write: async (dest, bytes, mode, metadata) => {
      // Metadata lies in the .dist-info directory below the lib directory; launchers in scripts.
      const { staged: stagedPath, tree } = layout.reserve(metadata ? libDir : dirname(dest), dest);
      layout.makeDirs();
      await writeFile(stagedPath, bytes, { mode, flag: 'wx' });
      if ((mode & umask) !== 0 && mode !== 0o666) await chmod(stagedPath, mode);
      staged.push(stagedFile(stagedPath, dest, metadata, tree));
    },
  });
  return { files: staged, distInfoDest, pyFiles, libDir };
}
