/**
 * Unpacks one planned wheel into a staging directory (issue 9 §2–§4): every member inflated once,
 * checked against its RECORD hash while it streams, and written once with its final mode
 * (extract-members.ts), or hard-linked from the unpacked-wheel cache; the `#!python` script fix
 * changes the script's RECORD row here, and the launchers and metadata files (stage-metadata.ts) are
 * staged beside the members, so that placing the distribution is only renames.
 *
 * Modes as pip 23.2 writes them (pip/_internal/utils/unpacking.py, operations/install/wheel.py):
 * members `0o666 & ~umask`, members with an execute bit in their zip mode
 * `(0o777 & ~umask) | 0o111`, launchers `(0o666 & ~umask) | 0o555` (distlib `set_mode`), generated
 * metadata `0o666 & ~umask`.
 */
import { chmod } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { copiedAsIs, memberExtractor, memberModes, writeFile, type MemberPair } from './extract-members.js';
import type { MemberPool } from './extract-pool.js';
import type { Interpreter } from './interpreter.js';
import { sha256Record, type ExpectedHash, type RecordRow } from './record.js';
import { rootsAlias, StageLayout, type StageTree } from './stage-layout.js';
import { landingSubpaths } from './case-fold.js';
import { stageMetadata } from './stage-metadata.js';
import type { CacheableFile, ExtractLink, UnpackedCache } from './unpacked-cache.js';
import type { WheelArchive } from './wheel-archive.js';
import type { SchemeKey, WheelPlan } from './wheel-plan.js';
import { WheelInstallError } from './wheel-install-error.js';

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
  /** Its identity (journal.ts `identityOf`) when the worker that wrote it answered it. */
  id?: string;
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
  pool?: MemberPool;
  /** How launchers are made: `native` text (POSIX), or the target's distlib (default on Windows). */
  launchers?: 'native' | 'distlib';
  /**
   * The destination file system ignores case (install-target.ts probes it): stage what pip's
   * member-by-member writes leave there (case-fold.ts).
   */
  caseInsensitive?: boolean;
  /** Hard-link target-independent members from the unpacked-wheel cache (unpacked-cache.ts). */
  unpacked?: {
    cache: UnpackedCache;
    wheelSha256: string;
    /**
     * Throws unless the archive is still the file that was hashed: checked once its members are
     * unpacked into the entry, before the entry is published under `wheelSha256` (review 14a F3).
     */
    unchanged?: () => Promise<void>;
  };
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
  const { plainMode, execMode } = memberModes(umask);
  const ids = new Map<string, string>(); // staged path → identity, as workers answered them
  const extractAll = memberExtractor({
    identified: (path, id) => ids.set(path, id),
    archive,
    filename,
    interpreter,
    umask,
    limit: opts.limit,
    ...(opts.pool !== undefined ? { pool: opts.pool } : {}),
    rewritten: (file, content) => {
      const rp = toRecordPath(destUnder(schemeDir(opts, file.scheme), file.subpath), libDir);
      changed.set(rp, { path: rp, hash: sha256Record(content), size: String(content.length) });
    },
  });

  const members: MemberPair[] = [];
  const destinations = new Map<string, string>(); // destination → archive path
  // On a case-insensitive file system, where pip's member-by-member writes leave each member (case-fold.ts).
  const landing = opts.caseInsensitive
    ? landingSubpaths(plan.files.map((f) => ({ root: schemeDir(opts, f.scheme), subpath: f.subpath })))
    : undefined;
  for (const [i, file] of plan.files.entries()) {
    const root = schemeDir(opts, file.scheme);
    const subpath = landing === undefined ? file.subpath : landing[i];
    if (subpath === undefined) {
      // Replaced by a later member of the same path but for case: only its RECORD row stays.
      installed.set(file.archivePath, toRecordPath(destUnder(root, file.subpath), libDir));
      continue;
    }
    const dest = destUnder(root, subpath);
    // Two members for one file once the scheme directories are known (wheel-plan.ts compares
    // `scheme:subpath` only; purelib and platlib are one directory in most environments). pip
    // 23.2 writes the root files, then the .data ones, then scripts, so its last writer wins;
    // here a member whose path another one holds would be staged apart and placed in archive
    // order, and a directory moved whole keeps the first — refused rather than installed
    // otherwise than pip (review 14a F2).
    const holder = destinations.get(dest);
    if (holder !== undefined) {
      throw new WheelInstallError(
        filename,
        `refused: installs to the same file as ${JSON.stringify(holder)} (${dest}); pip keeps the one it writes last (root files, then .data, then scripts), an order staging does not keep`,
        file.archivePath,
      );
    }
    destinations.set(dest, file.archivePath);
    const { staged: stagedPath, tree } = layout.reserve(root, dest);
    const metadata =
      file.scheme === (plan.rootIsPurelib ? 'purelib' : 'platlib') &&
      file.subpath.startsWith(`${plan.distInfo}/`);
    staged.push(stagedFile(stagedPath, dest, metadata, tree));
    installed.set(
      file.archivePath,
      toRecordPath(subpath === file.subpath ? dest : destUnder(root, file.subpath), libDir),
    );
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
      unpacked.cache.stage(
        unpacked.wheelSha256,
        umask,
        files,
        async (targets, links) => {
          const answers: ExtractLink[] = new Array<ExtractLink>(targets.length).fill(undefined);
          await extractAll(
            cacheable.map(({ file }, i) =>
              links === undefined
                ? { file, path: targets[i] as string }
                : { file, path: targets[i] as string, link: links[i] as string, at: i },
            ),
            links === undefined ? undefined : answers,
          );
          await unpacked.unchanged?.();
          return answers;
        },
        (path, id) => ids.set(path, id),
      ),
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
  for (const f of staged) {
    const id = ids.get(f.staged);
    if (id !== undefined) f.id = id;
  }
  return { files: staged, distInfoDest, pyFiles, libDir };
}
