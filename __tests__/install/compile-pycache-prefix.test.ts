/**
 * compile.ts with PYTHONPYCACHEPREFIX set: the compile processes inherit it and compileall writes
 * the byte code under sys.pycache_prefix; the path answered (and recorded in RECORD) is the one
 * `importlib.util.cache_from_source` gives, as pip 23.2 records it — the file that was written
 * (review 1 of session 12, finding 11). A temp venv's interpreter, a source in a temp directory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { startCompiler } from '../../src/install/compile.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';

const work = mkdtempSync(join(tmpdir(), 'wh-pycache-prefix-'));
let interpreter: Interpreter | undefined;
beforeAll(async () => {
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv !== undefined) interpreter = await probeInterpreter(venvPython(venv));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What importlib.util.cache_from_source answers for `source` under `env`. */
function cacheFromSource(python: string, source: string, env: NodeJS.ProcessEnv): string {
  return execFileSync(
    python,
    ['-c', 'import importlib.util, sys; print(importlib.util.cache_from_source(sys.argv[1]))', source],
    { encoding: 'utf8', env },
  ).trim();
}

describe('byte code paths', () => {
  it('are where the compile wrote them, with and without PYTHONPYCACHEPREFIX', async () => {
    if (interpreter === undefined) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    const lib = join(work, 'lib');
    mkdirSync(lib);
    const source = join(lib, 'mod.py');
    writeFileSync(source, 'X = 1\n');
    const plain: NodeJS.ProcessEnv = { ...process.env };
    delete plain.PYTHONPYCACHEPREFIX;
    const prefixed = { ...plain, PYTHONPYCACHEPREFIX: join(work, 'pycache-prefix') };
    for (const env of [plain, prefixed]) {
      const compiler = startCompiler(interpreter, env, 1);
      try {
        const recorded = (await compiler.compile([source])).get(source);
        expect(recorded).toBe(cacheFromSource(interpreter.executable, source, env));
        expect(existsSync(recorded as string)).toBe(true);
      } finally {
        await compiler.close();
      }
    }
    expect(existsSync(join(lib, '__pycache__'))).toBe(true);
    expect(existsSync(join(work, 'pycache-prefix'))).toBe(true);
  }, 60_000);
});
