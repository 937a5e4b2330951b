/**
 * `--compile` (issue 9 §4): byte-compiles exactly the `.py` files that were installed, as pip does
 * for each wheel — pip/_internal/operations/install/wheel.py calls `compileall.compile_file(path,
 * force=True, quiet=True)` for every installed `.py` file, in its own process, with warnings
 * ignored and the printed output captured, so at the interpreter's own optimisation level and
 * invalidation mode, and records the `.pyc` when the call answers success.
 *
 * Here the same call runs in a few long-lived processes of the target interpreter (one per core by
 * default; started on first use, so the interpreter starts once per process, not per batch), each
 * reading one path per line on stdin and answering `1`/`0` per path on stdout. Files are fed as
 * distributions are committed, so compiling overlaps installing the rest; each process has only a
 * few paths in hand, so a slow file never leaves another process idle. A file that does not compile
 * (e.g. Python 2 syntax in a test module) is skipped, as pip does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lstat, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { readRegularFile } from '../util/read-regular-file.js';
import { insideAny, RECORD_LIMIT, type InstalledDist } from './installed-dists.js';
import type { Interpreter } from './interpreter.js';
import { RealContainment } from './real-containment.js';
import { formatRecord, parseRecord } from './record.js';
import { INSTALLER_NAME } from './stage-metadata.js';

export function cacheFromSource(source: string, cacheTag: string, optimize: number): string {
  const dir = dirname(source);
  const stem = source.slice(dir.length + 1, -3);
  return join(dir, '__pycache__', `${stem}.${cacheTag}${optimize > 0 ? `.opt-${optimize}` : ''}.pyc`);
}

/**
 * The per-process driver, run with `-S`: the environment being installed is not on its path and its
 * `.pth` files are not run (pip's process started before they existed; one that prints would
 * otherwise have written into the answers, and one that imports a half-installed package could
 * fail). compileall and py_compile are the standard library's; `-S` changes nothing they compute
 * (PYTHONOPTIMIZE and SOURCE_DATE_EPOCH still apply, as in pip's process). sys.path[0] ('' for -c,
 * the working directory) is dropped first so a file in the cwd cannot shadow the standard library.
 * Paths arrive as UTF-8 bytes (os.fsdecode), one per line; each answer is a line `=0`, or `=1 <hex>`
 * with the byte code's path as pip 23.2 records it — `importlib.util.cache_from_source(path)`, which
 * follows PYTHONPYCACHEPREFIX (sys.pycache_prefix) as compileall does (review 1 of session 12: the
 * path was computed here, and named a file that did not exist) — in hex of its os.fsencode bytes
 * (empty when there is none); anything else on stdout is not an answer.
 *
 * Answers are written in batches (session 14): after every BATCH files, and always before the
 * driver waits for more paths (so the writer never waits on answers the driver holds). Per file, a
 * write, a read and a wake-up of each side cost the node process 0.1 ms (1.5 s of CPU over the
 * real-ds set's 14,156 files, competing with the compile for the same cores). The garbage collector
 * is off: compiling makes no reference cycles, except the traceback of a file that does not compile
 * (py_compile keeps its source in the failing frame), so a young-generation collection runs after
 * each such file (with the collector off everything new is young: a full one cost ~0.7 ms per
 * failing file, review 14d F3) — the memory stays bounded as before, and the collections the
 * allocations used to trigger (1% of the driver's instructions, callgrind) are gone. Neither
 * changes a byte compile_file writes.
 */
/** Paths a process has in hand at most (enough to keep it busy between replies). */
const DEPTH = 8;
/** Answers a process writes at once: half its paths, so the refill arrives while it works on the rest. */
const BATCH = DEPTH / 2;

const DRIVER = [
  'import sys',
  "if sys.path and sys.path[0] == '':",
  '    del sys.path[0]',
  'import collections, compileall, gc, importlib.util, io, os, warnings',
  "warnings.filterwarnings('ignore')",
  'gc.disable()',
  `BATCH = ${BATCH}`,
  'out = sys.stdout',
  'todo = collections.deque()',
  "rest = b''",
  'answers = []',
  'while True:',
  '    if not todo:',
  '        if answers:',
  "            out.write(''.join(answers))",
  '            out.flush()',
  '            answers = []',
  '        chunk = os.read(0, 65536)',
  '        if not chunk:',
  '            break',
  "        *lines, rest = (rest + chunk).split(b'\\n')",
  '        todo.extend(lines)',
  '        continue',
  '    path = os.fsdecode(todo.popleft())',
  '    sys.stdout = io.StringIO()',
  '    try:',
  '        ok = compileall.compile_file(path, force=True, quiet=True)',
  '    except Exception:',
  '        ok = False',
  '    finally:',
  '        sys.stdout = out',
  '    pyc = b""',
  '    if ok:',
  '        try:',
  '            pyc = os.fsencode(importlib.util.cache_from_source(path))',
  '        except Exception:',
  '            pass',
  '    else:',
  '        gc.collect(0)',
  "    answers.append('=1 ' + pyc.hex() + '\\n' if ok else '=0\\n')",
  '    if len(answers) >= BATCH:',
  "        out.write(''.join(answers))",
  '        out.flush()',
  '        answers = []',
].join('\n');

interface Item {
  path: string;
  /** The byte code's path ('' when there is none), or undefined when the file did not compile. */
  done: (pyc: string | undefined) => void;
  fail: (error: Error) => void;
}

interface Proc {
  child: ChildProcessWithoutNullStreams;
  inHand: Item[];
  stderr: string;
  exited: Promise<void>;
}

export interface Compiler {
  /** Compiles `files`; answers, per source that compiled, its `.pyc` path. */
  compile(files: readonly string[]): Promise<Map<string, string>>;
  /** Files handed to the processes so far (for tests). */
  readonly started: number;
  /** Chunks of answers read from the processes so far (for tests: answers come in batches). */
  readonly answerChunks: number;
  /** Stops the processes (after the queued files are done). */
  close(): Promise<void>;
}

export function startCompiler(
  interpreter: Interpreter,
  env: Record<string, string | undefined>,
  processes = availableParallelism(),
): Compiler {
  const queue: Item[] = [];
  const procs: Proc[] = [];
  let failure: Error | undefined;
  let started = 0;
  let answerChunks = 0;
  let closing = false;

  // One write per refill, not per path (see DRIVER).
  const pump = (proc: Proc): void => {
    let lines = '';
    while (proc.inHand.length < DEPTH && queue.length > 0) {
      const item = queue.shift() as Item;
      proc.inHand.push(item);
      started++;
      lines += `${item.path}\n`;
    }
    if (lines !== '') proc.child.stdin.write(lines);
  };
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const item of [...queue.splice(0), ...procs.flatMap((p) => p.inHand.splice(0))]) item.fail(error);
  };
  const spawnOne = (): Proc => {
    const child = spawn(interpreter.executable, ['-S', '-c', DRIVER], { env, windowsHide: true });
    let exitedResolve: () => void = () => {};
    const proc: Proc = {
      child,
      inHand: [],
      stderr: '',
      exited: new Promise<void>((resolve) => (exitedResolve = resolve)),
    };
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      answerChunks++;
      pending += text;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const answer = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const compiled = /^=1 ((?:[0-9a-f]{2})*)$/.exec(answer);
        if (compiled !== null)
          proc.inHand.shift()?.done(Buffer.from(compiled[1] as string, 'hex').toString('utf8'));
        else if (answer === '=0') proc.inHand.shift()?.done(undefined);
      }
      pump(proc);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (proc.stderr.length < 4096) proc.stderr += d.toString('utf8');
    });
    child.stdin.on('error', () => {}); // an early exit surfaces through 'close'
    child.on('error', (error) => failAll(new Error(`${interpreter.executable}: ${error.message}`)));
    child.on('close', (code, signal) => {
      exitedResolve();
      procs.splice(procs.indexOf(proc), 1);
      if (!closing) {
        failAll(
          new Error(
            `byte-compiling with ${interpreter.executable} ended with ${signal ?? code}: ${proc.stderr.trim().slice(-500)}`,
          ),
        );
      }
    });
    procs.push(proc);
    return proc;
  };

  const enqueue = (path: string): Promise<string | undefined> =>
    new Promise((done, fail) => {
      if (failure !== undefined) fail(failure);
      else queue.push({ path, done, fail });
    });
  // After a distribution's files are queued: a process per file up to the limit, then the least busy
  // process takes what it can, in one write.
  const dispatch = (files: number): void => {
    for (let i = 0; i < files && procs.length < Math.max(1, processes) && failure === undefined; i++)
      spawnOne();
    for (const proc of [...procs].sort((a, b) => a.inHand.length - b.inHand.length)) pump(proc);
  };

  return {
    get started() {
      return started;
    },
    get answerChunks() {
      return answerChunks;
    },
    async compile(files) {
      const out = new Map<string, string>();
      const tag = interpreter.cacheTag;
      const sources = files.filter((f) => f.endsWith('.py') && !/[\r\n]/.test(f));
      const pending = sources.map(enqueue);
      dispatch(sources.length);
      const results = await Promise.all(pending);
      if (tag === undefined) return out; // no byte code cache (sys.implementation.cache_tag is None)
      sources.forEach((source, i) => {
        const pyc = results[i];
        if (pyc !== undefined && pyc !== '') out.set(source, pyc);
      });
      return out;
    },
    async close() {
      closing = true;
      const exits = procs.map((p) => p.exited);
      for (const proc of procs) proc.child.stdin.end();
      await Promise.all(exits);
    },
  };
}

/** What compileDist needs of a committed distribution (stage-wheel.ts StagedDist). */
export interface CompiledDist {
  /** Destinations of its installed `.py` files. */
  pyFiles: readonly string[];
  /** The lib directory its RECORD paths are relative to (purelib or platlib, Root-Is-Purelib). */
  libDir: string;
  distInfoDest: string;
}

/**
 * The path pip hands to `compile_file` for an installed file: `os.path.join(lib_dir, record_path)`
 * (pip/_internal/operations/install/wheel.py, `pyc_source_file_paths`), not normalised — so a
 * `.data/scripts` file is compiled as `<lib>/../../../bin/x.py`, and that string is the code's
 * co_filename inside the byte code. Compiling the normalised path writes different bytes.
 */
export function pipSourcePath(libDir: string, dest: string): string {
  if (dest.startsWith(libDir) && dest[libDir.length] === sep && !libDir.endsWith(sep)) return dest;
  return `${libDir}${libDir.endsWith(sep) ? '' : sep}${relative(libDir, dest)}`;
}

/**
 * Compiles a committed distribution's installed `.py` files and adds the byte code to its RECORD
 * as pip does (`path,,`, relative to the lib directory); answers how many compiled.
 */
export async function compileDist(compiler: Compiler, dist: CompiledDist): Promise<number> {
  const sources = [...new Set(dist.pyFiles.map((f) => pipSourcePath(dist.libDir, f)))];
  const compiled = await compiler.compile(sources);
  const pycs = sources.map((f) => compiled.get(f)).filter((p): p is string => p !== undefined);
  if (pycs.length === 0) return 0;
  const recordPath = join(dist.distInfoDest, 'RECORD');
  const rows = parseRecord(await readFile(recordPath, 'utf8'));
  const listed = new Set(rows.map((r) => r.path));
  for (const pyc of pycs) {
    const rp = relative(dist.libDir, pyc).split(sep).join('/');
    if (!listed.has(rp)) rows.push({ path: rp, hash: '', size: '' });
  }
  await writeFileAtomic(recordPath, formatRecord(rows));
  return pycs.length;
}

/**
 * What `--compile` still owes an installed distribution that is left as it is (the same version):
 * its RECORD's `.py` files whose byte code RECORD does not list — all of them after a run killed
 * while compiling it (compileDist writes RECORD once its files are compiled), or after a wheelhouse
 * install without `--compile`. Only distributions wheelhouse installed (INSTALLER), and only files
 * inside `within` (the prefix, or installed-dists.ts `removalRoots`; as written and once their directories' symlinks are followed, as for removal),
 * so byte code is never written outside the environment; nothing when RECORD (read bounded, as
 * installed-dists.ts reads it) cannot be read as a regular file. A file that does not compile stays unrecorded and
 * is tried again by the next `--compile` run (as its first run did).
 */
export async function uncompiledDist(
  dist: InstalledDist,
  within: string | readonly string[],
  interpreter: Pick<Interpreter, 'cacheTag' | 'optimize'>,
): Promise<CompiledDist | undefined> {
  const tag = interpreter.cacheTag;
  if (tag === undefined || dist.kind !== 'dist-info') return undefined;
  const roots = (typeof within === 'string' ? [within] : within).map((r) => resolve(r));
  const containment = new RealContainment(roots);
  // Only what wheelhouse installed (review 2 of session 10): pip leaves an already-satisfied
  // distribution alone, and so does wheelhouse with one another installer (pip --no-compile, uv)
  // put there. Its .dist-info a real directory inside the environment (its RECORD is rewritten).
  const dirInfo = await lstat(dist.metadataDir).catch(() => undefined);
  if (dirInfo?.isDirectory() !== true || !(await containment.inside(dist.metadataDir))) return undefined;
  const installer = await readRegularFile(join(dist.metadataDir, 'INSTALLER'), 4096);
  if (!('text' in installer) || installer.text.trim() !== INSTALLER_NAME) return undefined;
  const read = await readRegularFile(join(dist.metadataDir, 'RECORD'), RECORD_LIMIT);
  if (!('text' in read)) return undefined;
  const libDir = dirname(dist.metadataDir);
  const rows = parseRecord(read.text);
  const listed = new Set(rows.map((r) => r.path));
  const pyFiles: string[] = [];
  for (const row of rows) {
    if (!row.path.endsWith('.py') || /[\r\n]/.test(row.path)) continue;
    const dest = resolve(libDir, row.path.split('/').join(sep));
    const pyc = cacheFromSource(pipSourcePath(libDir, dest), tag, interpreter.optimize);
    if (listed.has(relative(libDir, pyc).split(sep).join('/'))) continue;
    if (!insideAny(roots, dest)) continue;
    // Only a file that is there (pip 23.2 compiles what `pyc_source_file_paths` yields: rows whose
    // path `os.path.isfile`); a missing one is neither compiled nor resolved (review 14a F5).
    if ((await lstat(dest).catch(() => undefined))?.isFile() !== true) continue;
    if (!(await containment.inside(dest))) continue;
    pyFiles.push(dest);
  }
  return pyFiles.length === 0 ? undefined : { pyFiles, libDir, distInfoDest: dist.metadataDir };
}
