/**
 * A cache of interpreter probes (issue 14 §2, start-up): running `python3 -c …` to learn its
 * version, implementation and scheme paths costs 0.1–0.2 s of every run, warm no-op runs included.
 * The probe's stdout is kept in `<cache dir>/probes/<key>.json`, beside the stamp store and never
 * inside a cache entry, and reused only while nothing that decides the answer can have changed:
 *
 * - the file name is the hash of the command, the probe's arguments (the probe script, so a new
 *   script never reads an old answer) and every `PYTHON*` /
 *   `__PYVENV_LAUNCHER__` variable of the environment the interpreter runs in;
 * - the entry holds the identity (lstat: dev, ino, size, mtime ns, ctime ns) of every file the
 *   command leads to: the executable found on PATH (or the path given), each link of its symlink
 *   chain resolved one step at a time, and its real path; plus `pyvenv.cfg` (or its absence) in the
 *   directory of each of those and in that directory's parent, where CPython's `site`/getpath look
 *   for it (a recreated virtual environment or a replaced pyvenv.cfg changes an identity); and the
 *   files the answer itself names as deciding it (`watch`: the install probe's PEP 668
 *   `EXTERNALLY-MANAGED` marker, present or absent);
 * - this boot of this machine (util/boot-identity.ts): the interpreter's own identities are the
 *   same on every runner started from one machine image, so without it an entry in a cache
 *   directory persisted between jobs, or planted there, would be taken for this machine's probe
 *   (and name any executable for shebangs and `--compile`);
 * - the identities are taken before and after the probe, and the answer is stored only when both
 *   agree, so an interpreter replaced mid-probe is never recorded.
 *
 * Any difference, an unreadable file or one of the wrong shape (the cache is untrusted input) is a
 * miss: the interpreter is probed as without the cache and the entry rewritten atomically. The
 * caller's `valid` check (the probe's own parser) must accept the cached answer too. Entries are
 * read without following a symlink (O_NOFOLLOW), regular files only, at most 256 KiB read. A hit
 * older than a day has its mtime refreshed (lutimes), so mtime means "last written or used".
 * For a command that resolves to a script (`#!`: a version manager's shim, which picks the
 * interpreter each time) the entry also pins what the shim decides by (`shimInputs`: its
 * variables, version files up the tree, the global choice). Windows is not cached (PATHEXT and the `py` launcher make "the file this command runs" harder
 * to pin down).
 *
 * Pruning rule (`pruneProbeCache`, run after each entry written): the directory holds one file per
 * distinct command/arguments/environment, so each write looks at no more than `examine` (default
 * 32) files picked at random among those named `<64 hex>.json` (ours), `.<64 hex>.json.<12
 * hex>.tmp` (a write in progress, util/atomic-file.ts) or `.<64 hex>.json.prune-<12 hex>` (a
 * removal in progress); the listing stops after 10 000 names. It removes
 *   - an entry that is a regular file (not a symlink), parses as an entry of this format, and
 *     either names as its interpreter (the first identity: an absolute path) a path that lstat
 *     answers ENOENT for, or was last written or used more than `maxAgeDays` (default 30) days ago;
 *   - a leftover `.tmp` / `.prune-` regular file not modified for a day (content not read).
 * Anything else — other names, symlinks, directories, files that do not parse as an entry (a
 * malformed `<64 hex>.json` included, as the stamp store decides), files over the size limit — is
 * left alone. Concurrent runs are safe as in the stamp store (util/prune-files.ts): a file is
 * renamed aside, checked again, and put back with link(2) if another run rewrote or used it
 * meanwhile. Losing an entry costs one probe, never a wrong answer.
 */
import { createHash } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { access, lstat, lutimes, mkdir, open, readlink, realpath, stat } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { bootIdentity } from '../util/boot-identity.js';
import {
  DAY_MS,
  pruneSample,
  readFileNoFollow,
  type PruneOptions,
  type PruneResult,
} from '../util/prune-files.js';

/** Bumped whenever the entry's layout or what the identities cover changes. */
const FORMAT = 2;
/** A probe answer larger than this is not cached (the real ones are < 2 KB). */
const MAX_ENTRY_BYTES = 256 * 1024;
/** Symlink chains longer than this (Linux's own limit is 40) are not cached. */
const MAX_LINKS = 40;

export interface ProbeCacheOptions {
  /** Directory of the entries (`<cache dir>/probes`); undefined: no cache. */
  dir: string | undefined;
  /** The environment the interpreter runs in (its PATH finds a bare command). */
  env: Record<string, string | undefined>;
  cwd?: string;
  platform?: NodeJS.Platform;
}

/** One file's identity; `null` records that the file is absent. */
type Identity = string | null;

interface Entry {
  format: number;
  identities: [string, Identity][];
  stdout: string;
}

function identityOfStats(s: BigIntStats): Identity {
  return `${s.dev}:${s.ino}:${s.mode}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

async function identityOf(path: string): Promise<Identity> {
  try {
    return identityOfStats(await lstat(path, { bigint: true }));
  } catch {
    return null;
  }
}

/** The file a bare command runs: the first executable regular file named so on PATH. */
async function onPath(command: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    // An empty PATH entry means the working directory to execvp; not worth caching.
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, command);
    try {
      if ((await stat(candidate)).isFile()) {
        await access(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here: the next PATH entry
    }
  }
  return undefined;
}

/** Identities of everything `command` leads to, or undefined when it cannot be pinned down. */
/** Version files a shim reads, looked for in the working directory and each parent. */
const VERSION_FILES = ['.python-version', '.tool-versions', '.mise.toml', 'mise.toml'];

/**
 * What a version manager's shim decides by: its variables (PYENV_*, ASDF_*, MISE_*, RTX_*: a
 * digest of each value, never the value) and the identity (or absence) of every version file from
 * `cwd` up to the root and of the managers' global choices (pyenv's `<root>/version`, asdf's
 * `~/.tool-versions`, mise's `~/.config/mise/config.toml`).
 */
async function shimInputs(
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<[string, Identity][]> {
  const out: [string, Identity][] = [];
  for (const name of Object.keys(env)
    .filter((n) => /^(PYENV|ASDF|MISE|RTX)_/.test(n))
    .sort()) {
    out.push([
      `env:${name}`,
      createHash('sha256')
        .update(env[name] ?? '')
        .digest('hex'),
    ]);
  }
  const files: string[] = [];
  let dir = resolve(cwd);
  for (let depth = 0; depth < 256; depth++) {
    for (const f of VERSION_FILES) files.push(join(dir, f));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const home = env['HOME'];
  if (home !== undefined && isAbsolute(home)) {
    files.push(join(env['PYENV_ROOT'] ?? join(home, '.pyenv'), 'version'));
    files.push(join(home, '.tool-versions'), join(home, '.config', 'mise', 'config.toml'));
  }
  for (const f of files) out.push([f, await identityOf(f)]);
  return out;
}

/** Whether the file's first two bytes are `#!` (a bounded read of the resolved path; unreadable: yes). */
async function startsWithShebang(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return true;
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head.toString('latin1') === '#!';
  } catch {
    return true;
  } finally {
    await handle.close();
  }
}

export async function interpreterIdentities(
  command: string,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<[string, Identity][] | undefined> {
  const start = /[\\/]/.test(command) ? resolve(cwd, command) : await onPath(command, env);
  if (start === undefined) return undefined;
  const out: [string, Identity][] = [];
  const dirs = new Set<string>();
  let path = start;
  for (let step = 0; ; step++) {
    if (step > MAX_LINKS) return undefined;
    // One lstat a step: its identity and whether the chain goes on.
    const s = await lstat(path, { bigint: true }).catch(() => undefined);
    if (s === undefined) return undefined;
    out.push([path, identityOfStats(s)]);
    dirs.add(dirname(path));
    if (!s.isSymbolicLink()) break;
    path = resolve(dirname(path), await readlink(path));
  }
  let real: string;
  try {
    real = await realpath(start);
  } catch {
    return undefined;
  }
  // A script (`#!`) — pyenv's, asdf's or mise's shim — picks the interpreter it runs each time from
  // PYENV_VERSION, a `.python-version` up the tree and the like, none of which the shim's own
  // identity shows: what it reads is pinned too (review 15a F9).
  if (await startsWithShebang(real)) out.push(...(await shimInputs(env, cwd)));
  out.push([`realpath:${real}`, await identityOf(real)]);
  dirs.add(dirname(real));
  for (const dir of dirs) {
    for (const d of new Set([dir, dirname(dir)])) {
      const cfg = join(d, 'pyvenv.cfg');
      out.push([cfg, await identityOf(cfg)]);
    }
  }
  // The interpreter comes with the machine image: its identities are the same on every runner
  // started from that image, so an entry from a persisted or planted cache directory would match
  // them (review 1 s12). This boot's identity pins entries to the machine that probed.
  out.push(['boot', await bootIdentity()]);
  return out;
}

async function identitiesOf(paths: string[]): Promise<[string, Identity][]> {
  const out: [string, Identity][] = [];
  for (const path of paths) out.push([`watch:${path}`, await identityOf(path)]);
  return out;
}

function entryFile(dir: string, command: string, args: string[], o: ProbeCacheOptions): string {
  const pythonEnv = Object.entries(o.env)
    .filter(([k, v]) => v !== undefined && (k.startsWith('PYTHON') || k === '__PYVENV_LAUNCHER__'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([FORMAT, command, args, pythonEnv]);
  return join(dir, `${createHash('sha256').update(key).digest('hex')}.json`);
}

/** The entry if it is one (anything else: undefined). */
function parseEntry(text: string): Entry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  if (e.format !== FORMAT || typeof e.stdout !== 'string' || !Array.isArray(e.identities)) return undefined;
  for (const item of e.identities as unknown[]) {
    if (
      !Array.isArray(item) ||
      item.length !== 2 ||
      typeof item[0] !== 'string' ||
      (typeof item[1] !== 'string' && item[1] !== null)
    ) {
      return undefined;
    }
  }
  return e as unknown as Entry;
}

function sameIdentities(a: [string, Identity][], b: [string, Identity][]): boolean {
  return a.length === b.length && a.every(([p, id], i) => b[i]?.[0] === p && b[i]?.[1] === id);
}

async function readEntry(file: string): Promise<Entry | undefined> {
  // The entry is JSON.stringify of strings, a few hundred bytes of identities more than stdout.
  const text = await readFileNoFollow(file, MAX_ENTRY_BYTES + 64 * 1024);
  return text === undefined ? undefined : parseEntry(text);
}

const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;
const LEFTOVER_NAME = /^\.[0-9a-f]{64}\.json\.(?:[0-9a-f]{12}\.tmp|prune-[0-9a-f]{12})$/;

/** A hit's mtime is refreshed (at most once a day) so that pruning counts use as well as writes. */
async function markUsed(file: string, now: number): Promise<void> {
  try {
    const s = await lstat(file);
    if (s.isFile() && now - s.mtimeMs > DAY_MS) await lutimes(file, now / 1000, now / 1000);
  } catch {
    // A read-only cache: the entry may be probed again after 30 days, nothing else.
  }
}

/** The interpreter path an entry records (its first identity), when it is an absolute path. */
function interpreterOf(entry: Entry): string | undefined {
  const first = entry.identities[0]?.[0];
  return first !== undefined && isAbsolute(first) && resolve(first) === first ? first : undefined;
}

/** Removes probe entries of gone interpreters or unused for long (see the header for the rule). */
export function pruneProbeCache(dir: string, options: PruneOptions = {}): Promise<PruneResult> {
  return pruneSample(
    dir,
    {
      isEntry: (name) => ENTRY_NAME.test(name),
      isLeftover: (name) => LEFTOVER_NAME.test(name),
      async ownerOf(name) {
        const entry = await readEntry(join(dir, name));
        return entry === undefined ? undefined : (interpreterOf(entry) ?? null);
      },
    },
    options,
  );
}

/**
 * `run()`'s answer for `command args`, from the cache when every identity still matches and
 * `valid` accepts it; else `run()` (its failures propagate and are never cached).
 */
export async function cachedProbe(
  o: ProbeCacheOptions,
  command: string,
  args: string[],
  run: () => Promise<string | undefined>,
  valid: (stdout: string) => boolean,
  /** Further files the answer depends on, named by the answer (their identities are kept too). */
  watch: (stdout: string) => string[] = () => [],
): Promise<string | undefined> {
  const platform = o.platform ?? process.platform;
  if (o.dir === undefined || platform === 'win32') return run();
  const cwd = o.cwd ?? process.cwd();
  const before = await interpreterIdentities(command, o.env, cwd).catch(() => undefined);
  if (before === undefined) return run();
  const file = entryFile(o.dir, command, args, o);
  const entry = await readEntry(file);
  if (entry !== undefined && valid(entry.stdout)) {
    const now = [...before, ...(await identitiesOf(watch(entry.stdout)))];
    if (sameIdentities(entry.identities, now)) {
      await markUsed(file, Date.now());
      return entry.stdout;
    }
  }
  const stdout = await run();
  if (stdout === undefined || !valid(stdout) || Buffer.byteLength(stdout) > MAX_ENTRY_BYTES) return stdout;
  const watched = await identitiesOf(watch(stdout));
  const after = await interpreterIdentities(command, o.env, cwd).catch(() => undefined);
  if (after !== undefined && sameIdentities(before, after)) {
    const fresh: Entry = { format: FORMAT, identities: [...before, ...watched], stdout };
    try {
      await mkdir(o.dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(fresh));
      await pruneProbeCache(o.dir);
    } catch {
      // A read-only or full cache directory costs the next run a probe, nothing else.
    }
  }
  return stdout;
}
