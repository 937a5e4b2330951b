/**
 * compile.ts's processes take paths and give answers in batches (session 14): what each file
 * compiles to is still `compileall.compile_file(path, force=True, quiet=True)`'s own result, paired
 * with the right path, also when a batch is cut short — a distribution with fewer files than a
 * batch, one whose files do not compile, several distributions at once, one process or two — and a
 * process that runs out of paths answers what it holds before it waits for more (else the next
 * distribution would never be sent). The reference: the same call in a process of its own over the
 * same paths, byte for byte (PYTHONHASHSEED fixed in both, so set constants marshal alike).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { startCompiler } from '../../src/install/compile.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';

const work = mkdtempSync(join(tmpdir(), 'wh-compile-batches-'));
let interpreter: Interpreter | undefined;
beforeAll(async () => {
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv !== undefined) interpreter = await probeInterpreter(venvPython(venv));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, PYTHONHASHSEED: '0' };
  delete e.PYTHONPYCACHEPREFIX;
  delete e.SOURCE_DATE_EPOCH;
  return e;
};

/** `count` distinct sources under `dir`; every `failEvery`-th does not compile (Python 2). */
function sources(dir: string, count: number, failEvery: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `m ${i} ü.py`);
    const body =
      i % failEvery === failEvery - 1
        ? `print "python 2 ${i}"\n`
        : `S = {${i}, "k${i}"}\ndef f${i}(a, b=${i}):\n    return [a * b for _ in range(${i})]\n`;
    writeFileSync(path, body);
    return path;
  });
}

/** What compile_file answers and writes for each path, in a process of its own (pip's call). */
function reference(paths: string[]): Map<string, Buffer> {
  const script = [
    'import compileall, importlib.util, io, sys',
    'for p in sys.argv[1:]:',
    '    sys.stdout, out = io.StringIO(), sys.stdout',
    '    ok = compileall.compile_file(p, force=True, quiet=True)',
    '    sys.stdout = out',
    "    print(importlib.util.cache_from_source(p) if ok else '')",
  ].join('\n');
  const python = (interpreter as Interpreter).executable;
  const lines = execFileSync(python, ['-S', '-c', script, ...paths], { encoding: 'utf8', env: env() }).split(
    '\n',
  );
  const out = new Map<string, Buffer>();
  paths.forEach((p, i) => {
    if (lines[i] !== '') out.set(p, readFileSync(lines[i] as string));
  });
  return out;
}

describe('compile processes answering in batches', () => {
  it.each([1, 2])(
    'pair every answer with its path, for distributions of 1 to 37 files at once (%i process(es))',
    async (processes) => {
      if (interpreter === undefined) {
        console.warn('skipped: no python3 with the venv module on this machine');
        return;
      }
      const root = join(work, `p${processes}`);
      const dists = [1, 3, 4, 5, 9, 37].map((n, d) => sources(join(root, `d${d}`), n, d % 2 === 0 ? 4 : 3));
      const compiler = startCompiler(interpreter, env(), processes);
      let ours: Map<string, Buffer>;
      try {
        // one distribution alone first: fewer files than a batch, answered before the process waits
        const first = await compiler.compile(dists[0] as string[]);
        const rest = await Promise.all(dists.slice(1).map((d) => compiler.compile(d)));
        ours = new Map();
        for (const answered of [first, ...rest])
          for (const [source, pyc] of answered) ours.set(source, readFileSync(pyc));
      } finally {
        await compiler.close();
      }
      const all = dists.flat();
      expect(compiler.started).toBe(all.length);
      const ref = reference(all);
      expect([...ours.keys()].sort()).toEqual([...ref.keys()].sort());
      expect(ref.size).toBeLessThan(all.length); // some did not compile
      const differ = [...ref].filter(([p, bytes]) => !bytes.equals(ours.get(p) as Buffer)).map(([p]) => p);
      expect(differ).toEqual([]);
    },
    120_000,
  );

  it('come a batch at a time, not one read per file', async () => {
    if (interpreter === undefined) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    // files that take a while each (about a millisecond), so per-file answers could not merge
    const dir = join(work, 'chunks');
    mkdirSync(dir);
    const files = Array.from({ length: 64 }, (_, i) => {
      const path = join(dir, `c${i}.py`);
      writeFileSync(
        path,
        Array.from({ length: 300 }, (_, j) => `def f${j}(a):\n    return a + ${i * j}\n`).join(''),
      );
      return path;
    });
    const compiler = startCompiler(interpreter, env(), 1);
    try {
      expect((await compiler.compile(files)).size).toBe(files.length);
    } finally {
      await compiler.close();
    }
    expect(compiler.answerChunks).toBeLessThanOrEqual(files.length / 2);
  }, 60_000);
});
