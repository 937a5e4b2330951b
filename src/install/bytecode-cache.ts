/**
 * The byte-code cache (issue 9 §6, `--compile`): the `.pyc` files a `--compile` install wrote,
 * kept under `<cache dir>/bytecode/` so that a later install of the same files at the same path
 * with the same interpreter writes them from there instead of byte-compiling again (CPython's
 * `compile()` is ~30 s of CPU for real-ds, docs/benchmarks.md). It helps a persistent runner
 * (self-hosted, or a cache directory carried between jobs) that recreates an environment at the
 * same path (`python -m venv .venv` in a fixed workspace); an environment at a new path each time
 * (a temporary directory) never hits, because the path is inside the byte code.
 *
 * What a `.pyc` depends on (py_compile.compile, which pip's `compileall.compile_file` call runs):
 * the source bytes, the path handed to it (co_filename of every code object: here pip's
 * unnormalised `os.path.join(lib_dir, record_path)`, compile.ts pipSourcePath), the interpreter's
 * byte-code version (version and cache tag; the magic number is fixed within a release), the
 * optimisation level (and PYTHONNODEBUGRANGES), and the invalidation mode (checked-hash when
 * SOURCE_DATE_EPOCH is set, else timestamp) — and, for timestamp pycs, the header's source mtime
 * and size, which are the installed file's own. So
 *   - an environment's directory `<dir>/<sha256 of {prefix, version, cache tag, optimize, mode,
 *     PYTHONNODEBUGRANGES, PYTHONOPTIMIZE}>/` (its mtime is its last use, for pruning) holds
 *   - `<sha256 of (source path, NUL, sha256 of the source bytes)>`: sha256 of the pyc (32 bytes),
 *     then the pyc as py_compile wrote it.
 * The source's sha256 is of the bytes read now through one descriptor, and its stat from that
 * descriptor: an installed file edited since it was installed gets its own key.
 *
 * Use (`place`): the entry file must be a regular file (not followed if a symlink) owned by this
 * user and not writable by group or others, in a directory of the same kind, of a bounded size,
 * whose first 32 bytes are the sha256 of the rest, with the header flags of the mode; a timestamp
 * pyc gets the source's mtime and size written into its header as py_compile computes them
 * (`int(st_mtime) & 0xFFFFFFFF`, `st_size & 0xFFFFFFFF`). It is written as py_compile writes: the
 * `__pycache__` directory made with the default mode, a temporary `<pyc>.<number>` opened O_EXCL
 * with the source's mode | 0o200 (& 0o666, under the umask), renamed over the name. It is used
 * only where no pyc exists yet (an existing one — or a symlink there, which py_compile refuses —
 * is left to the compile process, as pip's call would see it).
 * Saving (`save`): after a compile process answered success, only when the source still has the
 * identity (device, inode, size, mtime) it had when it was hashed and the pyc's header matches its
 * mode (and, timestamp, that identity): written to a private temporary file and renamed.
 * What it cannot see: a cache file rewritten, with its hash, by another process of this user — which
 * could as well write into the environment; the same trust as the unpacked-wheel cache.
 *
 * Saved from the second install at a path on: the first `--compile` install at a path (its
 * environment directory does not exist yet) only makes that directory — it neither reads sources
 * nor saves pycs, so a first install, and every install at a new temporary path, costs what it
 * cost without the cache (saving real-ds's 14k pycs is ~330 MB written and ~550 MB hashed). The
 * next install at that path saves, the ones after it compile nothing.
 *
 * Bounded: after each install the environment directories not used for 30 days, and all but the
 * 8 most recently used, are removed (`pruneBytecodeCache`).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { discardDir } from './unpacked-cache-prune.js';
import { errno, trustedDir } from './unpacked-manifest.js';

/** A cached pyc larger than this is not read (the largest real-ds pyc is ~1 MB). */
const ENTRY_LIMIT = 64 * 1024 * 1024;
const HASH = 32;
const HEADER = 16;
const KEY = /^[0-9a-f]{64}$/;

/** py_compile's header flags: 0 timestamp, 0b11 checked hash (SOURCE_DATE_EPOCH). */
export type InvalidationMode = 'timestamp' | 'checked-hash';

export function invalidationMode(env: Record<string, string | undefined>): InvalidationMode {
  // py_compile._get_default_invalidation_mode: CHECKED_HASH when SOURCE_DATE_EPOCH is non-empty.
  return (env['SOURCE_DATE_EPOCH'] ?? '') !== '' ? 'checked-hash' : 'timestamp';
}

/** A source file as read for the cache: its bytes' sha256 and the stat of the descriptor read. */
export interface SourceRead {
  sha256: string;
  stat: BigIntStats;
}

/** Reads `path` (following symlinks, as py_compile opens it): undefined when it cannot be read. */
export async function readSource(path: string, limit = ENTRY_LIMIT): Promise<SourceRead | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = await handle.stat({ bigint: true });
    if (!stat.isFile() || stat.size > BigInt(limit) || stat.mtimeNs < 0n) return undefined;
    const bytes = await handle.readFile();
    if (BigInt(bytes.length) !== stat.size) return undefined;
    return { sha256: createHash('sha256').update(bytes).digest('hex'), stat };
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The header fields py_compile writes for a timestamp pyc: `int(st.st_mtime) & 0xFFFFFFFF` and
 * `st_size & 0xFFFFFFFF`, st_mtime being the double `sec + nsec * 1e-9` (CPython's fill_time), so
 * a time a nanosecond before a second boundary rounds up as it does in Python.
 */
export function timestampFields(stat: BigIntStats): { mtime: number; size: number } {
  const sec = stat.mtimeNs / 1_000_000_000n;
  const nsec = stat.mtimeNs % 1_000_000_000n;
  const mtime = Math.trunc(Number(sec) + Number(nsec) * 1e-9);
  return { mtime: mtime % 2 ** 32, size: Number(stat.size % 2n ** 32n) };
}

function sameIdentity(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

export interface BytecodeTarget {
  /** The environment's prefix (sys.prefix). */
  prefix: string;
  version: string;
  cacheTag: string;
  optimize: number;
  mode: InvalidationMode;
  /**
   * The compile processes' environment variables that change what compile() writes besides the
   * optimisation level: PYTHONNODEBUGRANGES (3.11+: no column table) and PYTHONOPTIMIZE as given.
   */
  compileEnv: Record<string, string>;
}

/** See BytecodeTarget.compileEnv. */
export function compileEnvOf(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['PYTHONNODEBUGRANGES', 'PYTHONOPTIMIZE'])
    if ((env[k] ?? '') !== '') out[k] = env[k] as string;
  return out;
}

export interface BytecodeCacheStats {
  /** pycs written from the cache, and saved into it. */
  hits: number;
  saved: number;
}

/** One environment's part of the cache (see the module comment). */
export class BytecodeStore {
  readonly stats: BytecodeCacheStats = { hits: 0, saved: 0 };
  private ready: Promise<boolean> | undefined;
  private readonly uid = process.getuid?.() ?? -1;
  private readonly flags: number;

  constructor(
    private readonly root: string,
    readonly dir: string,
    private readonly mode: InvalidationMode,
  ) {
    this.flags = mode === 'checked-hash' ? 0b11 : 0;
  }

  /**
   * Makes the directories (private) once; whether the store is used in this install: only when
   * the environment's directory existed before it (an install at this path was made earlier, see
   * the module comment). Marks the directory used.
   */
  active(): Promise<boolean> {
    this.ready ??= (async () => {
      try {
        await mkdir(dirname(this.root), { recursive: true });
        let existed = true;
        for (const d of [this.root, this.dir]) {
          existed = await mkdir(d, { mode: 0o700 }).then(
            () => false,
            (error: unknown) => {
              if (errno(error) !== 'EEXIST') throw error;
              return true;
            },
          );
          if ((await trustedDir(d, this.uid)) !== true) return false;
        }
        const now = new Date();
        await utimes(this.dir, now, now);
        return existed;
      } catch {
        return false;
      }
    })();
    return this.ready;
  }

  private entryPath(source: string, src: SourceRead): string {
    const key = createHash('sha256').update(source).update('\0').update(src.sha256).digest('hex');
    return join(this.dir, key);
  }

  /** Writes the cached pyc of `source` (read as `src`) at `pyc`; false when there is none to use. */
  async place(source: string, src: SourceRead, pyc: string): Promise<boolean> {
    if (!(await this.active())) return false;
    const data = await this.readEntry(this.entryPath(source, src));
    if (data === undefined) return false;
    if (this.mode === 'timestamp') {
      const { mtime, size } = timestampFields(src.stat);
      data.writeUInt32LE(mtime, 8);
      data.writeUInt32LE(size, 12);
    }
    if (
      await lstat(pyc).then(
        () => true,
        (error: unknown) => errno(error) !== 'ENOENT',
      )
    )
      return false;
    const tmp = `${pyc}.${randomInt(1, 2 ** 47)}`;
    try {
      await mkdir(dirname(pyc), { recursive: true });
      // py_compile: _calc_mode(source) = st_mode | 0o200, opened with & 0o666 (the umask applies).
      const mode = Number((src.stat.mode | 0o200n) & 0o666n);
      const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
      await rename(tmp, pyc);
    } catch {
      await unlink(tmp).catch(() => undefined);
      return false;
    }
    this.stats.hits++;
    return true;
  }

  /** The pyc bytes of an entry that passes the checks of the module comment, else undefined. */
  private async readEntry(path: string): Promise<Buffer | undefined> {
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.uid !== this.uid || (st.mode & 0o022) !== 0) return undefined;
      if (st.size > ENTRY_LIMIT + HASH || st.size < HASH + HEADER) return undefined;
      const bytes = await handle.readFile();
      const pyc = bytes.subarray(HASH);
      if (bytes.length !== st.size || pyc.length < HEADER) return undefined;
      if (!createHash('sha256').update(pyc).digest().equals(bytes.subarray(0, HASH))) return undefined;
      if (pyc.readUInt32LE(4) !== this.flags) return undefined;
      return Buffer.from(pyc); // a copy: the header is rewritten
    } catch {
      return undefined;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /**
   * Saves the pyc a compile process just wrote at `pyc` for `source`, when `source` is still the
   * file hashed as `src` and the header agrees (see the module comment).
   */
  async save(source: string, src: SourceRead, pyc: string): Promise<void> {
    if (!(await this.active())) return;
    const now = await lstat(source, { bigint: true }).catch(() => undefined);
    if (now === undefined || !sameIdentity(now, src.stat)) return;
    let data: Buffer;
    let handle;
    try {
      handle = await open(pyc, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return;
    }
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.size > ENTRY_LIMIT || st.size < HEADER) return;
      data = await handle.readFile();
    } catch {
      return;
    } finally {
      await handle.close().catch(() => undefined);
    }
    if (data.length < HEADER || data.readUInt32LE(4) !== this.flags) return;
    if (this.mode === 'timestamp') {
      const { mtime, size } = timestampFields(src.stat);
      if (data.readUInt32LE(8) !== mtime || data.readUInt32LE(12) !== size) return;
    }
    const target = this.entryPath(source, src);
    const tmp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const out = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await out.writeFile(Buffer.concat([createHash('sha256').update(data).digest(), data]));
      } finally {
        await out.close();
      }
      await rename(tmp, target);
      this.stats.saved++;
    } catch {
      await unlink(tmp).catch(() => undefined);
    }
  }
}

/** The byte-code cache directory (`<cache dir>/bytecode`); see the module comment. */
export class BytecodeCache {
  constructor(readonly dir: string) {}

  /** The store for one environment and interpreter. */
  forTarget(target: BytecodeTarget): BytecodeStore {
    const key = createHash('sha256')
      .update(
        JSON.stringify({
          v: 1,
          prefix: target.prefix,
          version: target.version,
          cacheTag: target.cacheTag,
          optimize: target.optimize,
          mode: target.mode,
          compileEnv: target.compileEnv,
        }),
      )
      .digest('hex');
    return new BytecodeStore(this.dir, join(this.dir, key), target.mode);
  }
}

/**
 * Removes environment directories of the byte-code cache in `dir` unused for `maxAgeDays`, and
 * all but the `keep` most recently used (a runner that makes environments at new paths each time
 * never hits; this keeps what it saves bounded), with killed runs' temporary files in the others.
 * Only real directories of this user with entry names are touched; each is renamed aside first.
 */
export async function pruneBytecodeCache(
  dir: string,
  options: { maxAgeDays?: number; keep?: number; now?: number } = {},
): Promise<string[]> {
  const maxAgeMs = (options.maxAgeDays ?? 30) * 86_400_000;
  const keep = options.keep ?? 8;
  const now = options.now ?? Date.now();
  const uid = process.getuid?.() ?? -1;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => KEY.test(n)).slice(0, 10_000);
  const dirs: { name: string; mtime: number }[] = [];
  for (const name of names) {
    const st = await lstat(join(dir, name)).catch(() => undefined);
    if (st?.isDirectory() === true && st.uid === uid) dirs.push({ name, mtime: st.mtimeMs });
  }
  dirs.sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  for (const [i, d] of dirs.entries()) {
    if (i < keep && now - d.mtime <= maxAgeMs) continue;
    if (await discardDir(dir, join(dir, d.name), d.name)) removed.push(d.name);
  }
  // A killed save leaves `.tmp-*` in a kept directory: removed once a day old.
  for (const d of dirs.slice(0, keep)) {
    const sub = join(dir, d.name);
    for (const n of await readdir(sub).catch(() => [] as string[])) {
      if (!n.startsWith('.tmp-')) continue;
      const st = await lstat(join(sub, n)).catch(() => undefined);
      if (st?.isFile() === true && now - st.mtimeMs > 86_400_000) await rm(join(sub, n), { force: true });
    }
  }
  return removed;
}
