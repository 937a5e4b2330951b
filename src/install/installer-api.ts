/**
 * What the native installer (installer.ts) is given and answers: one wheel to install
 * (`InstallItem`), the installer's options, its handle, and the summary `finish` returns.
 */
import type { FileDigester } from '../util/file-sha256.js';
import type { Logger } from '../util/logger.js';
import type { Interpreter } from './interpreter.js';
import type { UnpackedCache } from './unpacked-cache.js';
import type { VerifiedFile } from './wheel-file-check.js';

export type { VerifiedFile } from './wheel-file-check.js';

export interface InstallItem {
  wheelPath: string;
  filename: string;
  /** sha256 (hex) the resolution pinned; the file is checked against it again. */
  sha256: string;
  name: string;
  version: string;
  /**
   * The caller hashed this very file in this process (flow/fetch.ts): when the open descriptor is
   * still that file, unchanged, and the hash is the pinned one, the bytes are not hashed again.
   */
  verified?: VerifiedFile;
  /** A top-level requirement: gets a REQUESTED file. */
  requested: boolean;
  /** PEP 610 direct_url.json content, for URL requirements. */
  directUrl?: object;
  /**
   * The project name as the requirement that selected it spells it: pip puts `.data/headers`
   * under `<include>/<that name>` (pip's `get_scheme(req.name)`). Default: the normalised name,
   * which is what pip uses for wheel-file and normalised lock-file requirements.
   */
  requirementName?: string;
}

export interface InstallSummary {
  installed: { name: string; version: string }[];
  unchanged: { name: string; version: string }[];
  replaced: { name: string; from: string; to: string }[];
  compiledFiles: number;
}

export interface Installer {
  readonly interpreter: Interpreter;
  /** The most bytes the extraction workers held at once so far (0 without workers). */
  readonly peakInFlightBytes: number;
  /** Wheels whose whole-file sha256 the installer computed (not vouched for by `verified`). */
  readonly hashedWheels: number;
  /** The most large wheels (`largeWheelMembers`) planned, staged or placed at once so far. */
  readonly peakLargeWheels: number;
  /**
   * sha256 and size of a local file, read and hashed in the extraction workers (worker-digest.ts;
   * on this thread without workers): the install flow hashes find-links wheels with it.
   */
  readonly hashFile: FileDigester;
  /** Starts installing `item`; settles when it is installed (failures are also raised by finish). */
  add(item: InstallItem): Promise<void>;
  finish(): Promise<InstallSummary>;
}

export interface InstallerOptions {
  interpreter: Interpreter;
  reinstall?: boolean;
  compile?: boolean;
  breakSystemPackages?: boolean;
  /** Wheels installed at the same time (default 4). */
  concurrency?: number;
  /**
   * Members from which a wheel counts as large (default 8192; torch and tensorflow have 12–16k,
   * real-ds none): its per-member state (plan, staged paths, RECORD, unpacked-cache bookkeeping)
   * is tens of MB in the main thread's heap while it is installed.
   */
  largeWheelMembers?: number;
  /**
   * Called once a large wheel is done (placed or failed), when its per-member state is dead.
   * Default: a full garbage collection (src/util/collect-garbage.ts) — otherwise V8 keeps the heap
   * limit it grew for that state, and dead objects piled up to it for the rest of the run: the
   * real-ml peak RSS (docs/benchmarks.md, Install, session 7).
   */
  afterLargeWheel?: () => void;
  /** Member files inflated/written at the same time across all wheels (default 16). */
  fileConcurrency?: number;
  /** Launchers: `native` text files (POSIX default) or the target's distlib (Windows default, .exe). */
  launchers?: 'native' | 'distlib';
  /**
   * Test seam: whether site-packages' file system ignores case (default: probed,
   * install-target.ts) — a wheel's paths that differ only in case then land as pip's writes leave
   * them there (case-fold.ts).
   */
  caseInsensitive?: boolean;
  /** Budget of bytes the extraction workers may hold at once (default 48 MiB; extract-pool.ts). */
  inFlightBytes?: number;
  /** --compile processes (default: one per core). */
  compileProcesses?: number;
  /** Worker threads for small members (default: cores, at most 4; 0 = none, all on the main thread). */
  workers?: number;
  logger: Logger;
  /** Environment for launchers' ENSUREPIP_OPTIONS and compileall (default process.env). */
  env?: Record<string, string | undefined>;
  /**
   * The unpacked-wheel cache (unpacked-cache.ts): members hard-linked from it instead of written.
   * Used only when a probe link from it into site-packages works.
   */
  unpackedCache?: UnpackedCache;
  /**
   * Staged distributions wait for this before they are placed (issue 9 §3), with their slot free
   * so that staging goes on meanwhile: the install flow passes "the fetch succeeded, every wheel
   * verified", so a download that fails leaves the environment as it was — pip installs nothing
   * when a download fails. When it rejects, every distribution not placed yet is discarded.
   */
  placeAfter?: Promise<unknown>;
  /** Test seam: called after each file of a distribution is placed. */
  afterPlace?: (dist: string, index: number) => Promise<void> | void;
}
