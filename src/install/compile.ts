/**
 * `--compile` (issue 9 §4): byte-compiles exactly the `.py` files that were installed, as pip does
 * for each wheel (pip/_internal/operations/install/wheel.py: `compileall.compile_file(path,
 * force=True, quiet=True)`, i.e. the interpreter's own optimisation level), but in parallel: the
 * list is split over several `python -m compileall -f -q -i -` processes fed through stdin
 * (compileall compiles the files of a list one by one even with `-j`). A file that does not compile
 * (e.g. Python 2 syntax in a test module) is skipped silently, as pip does.
 * Answers the byte-code files that exist afterwards, per source file (`importlib.util.
 * cache_from_source`: `__pycache__/<stem>.<cache tag>[.opt-N].pyc`).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Interpreter } from './interpreter.js';

export function cacheFromSource(source: string, cacheTag: string, optimize: number): string {
  const dir = dirname(source);
  const stem = source.slice(dir.length + 1, -3);
  return join(dir, '__pycache__', `${stem}.${cacheTag}${optimize > 0 ? `.opt-${optimize}` : ''}.pyc`);
}

function runCompileall(
  python: string,
  files: string[],
  env: Record<string, string | undefined>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'compileall', '-f', '-q', '-i', '-'], {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // 1 = some file did not compile (skipped, as pip does); anything else is a failure.
      if (code === 0 || code === 1) resolve();
      else
        reject(new Error(`python -m compileall ended with ${signal ?? code}: ${stderr.trim().slice(-500)}`));
    });
    child.stdin.on('error', () => {}); // an early exit surfaces through 'close'
    child.stdin.end(files.join('\n') + '\n');
  });
}

export async function compileInstalled(
  interpreter: Interpreter,
  files: readonly string[],
  env: Record<string, string | undefined>,
): Promise<Map<string, string>> {
  const sources = files.filter((f) => f.endsWith('.py') && !/[\r\n]/.test(f));
  const out = new Map<string, string>();
  if (sources.length === 0) return out;
  const workers = Math.max(1, Math.min(availableParallelism(), Math.ceil(sources.length / 100)));
  const chunks: string[][] = Array.from({ length: workers }, () => []);
  sources.forEach((f, i) => chunks[i % workers]!.push(f));
  await Promise.all(
    chunks.filter((c) => c.length > 0).map((c) => runCompileall(interpreter.executable, c, env)),
  );
  const tag = interpreter.cacheTag;
  if (tag === undefined) return out;
  await Promise.all(
    sources.map(async (source) => {
      const pyc = cacheFromSource(source, tag, interpreter.optimize);
      try {
        await stat(pyc);
        out.set(source, pyc);
      } catch {
        // did not compile
      }
    }),
  );
  return out;
}
