/**
 * Which interpreter `wheelhouse install` installs into (src/flow/install-interpreter.ts): --python,
 * else VIRTUAL_ENV, else python3/python on PATH — probed once, for real, with the machine's python3
 * and a fresh venv (skipped with a message only where no python3 with venv exists).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Interpreter } from '../../src/install/interpreter.js';
import {
  InstallInterpreterError,
  locateInterpreter,
  pythonInfoOf,
  venvInterpreter,
} from '../../src/flow/install-interpreter.js';
import { makeVenv } from '../helpers/python-venv.js';

jest.setTimeout(120_000);

let root: string;
let venv: string | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-install-interp-'));
  venv = makeVenv(join(root, 'venv'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The machine's environment without pip's configuration (the probe runs no pip, but stay clean). */
function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('PIP_') && k !== 'VIRTUAL_ENV') env[k] = v;
  return { ...env, ...extra };
}

function skipWithoutVenv(): boolean {
  if (venv !== undefined) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

describe('locateInterpreter (real interpreters)', () => {
  it('--python names the interpreter: a venv is probed as one, its version decides the target', async () => {
    if (skipWithoutVenv()) return;
    const found = await locateInterpreter({ python: venvInterpreter(venv!), env: cleanEnv() });
    expect(found.source).toBe('option');
    expect(found.interpreter.isVirtualEnv).toBe(true);
    expect(found.interpreter.prefix).toBe(venv);
    expect(pythonInfoOf(found.interpreter)).toEqual({
      version: found.interpreter.version,
      implementation: found.interpreter.implementation,
      command: found.interpreter.executable,
    });
    expect(found.interpreter.version).toMatch(/^3\.\d+\.\d+$/);
  });

  it('without --python: the active virtual environment wins over python3 on PATH', async () => {
    if (skipWithoutVenv()) return;
    const inVenv = await locateInterpreter({ env: cleanEnv({ VIRTUAL_ENV: venv }) });
    expect(inVenv.source).toBe('virtual-env');
    expect(inVenv.interpreter.prefix).toBe(venv);
    const onPath = await locateInterpreter({ env: cleanEnv() });
    expect(onPath.source).toBe('path');
    expect(onPath.interpreter.prefix).not.toBe(venv);
  });

  it('a --python that cannot run, or a VIRTUAL_ENV without an interpreter, is an error naming it', async () => {
    const missing = join(root, 'nowhere', 'bin', 'python');
    await expect(locateInterpreter({ python: missing, env: cleanEnv() })).rejects.toThrow(
      new RegExp(`--python ${missing.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}`),
    );
    const error = await locateInterpreter({ env: cleanEnv({ VIRTUAL_ENV: join(root, 'gone') }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InstallInterpreterError);
    expect((error as Error).message).toContain(`VIRTUAL_ENV is ${join(root, 'gone')}`);
  });
});

describe('locateInterpreter (order on PATH)', () => {
  const fake = (command: string): Interpreter => ({ command }) as unknown as Interpreter;

  it('asks python3, then python (Windows: python, python3, py), stopping at the first that answers', async () => {
    const asked: string[] = [];
    const probe = (python: string): Promise<Interpreter> => {
      asked.push(python);
      return python === 'python' ? Promise.resolve(fake(python)) : Promise.reject(new Error('not found'));
    };
    const found = await locateInterpreter({ env: {}, platform: 'linux', probe });
    expect(found.interpreter.command).toBe('python');
    expect(asked).toEqual(['python3', 'python']);
    asked.length = 0;
    const none = await locateInterpreter({
      env: {},
      platform: 'win32',
      probe: (p) => probe(p === 'python' ? 'x' : p),
    }).catch((e: unknown) => e);
    expect(asked).toEqual(['x', 'python3', 'py']);
    expect((none as Error).message).toContain('no Python to install into');
    expect((none as Error).message).toContain('py: not found');
  });

  it('the virtual environment interpreter sits in bin/ (Scripts\\python.exe on Windows)', () => {
    expect(venvInterpreter('/v', 'linux')).toBe(join('/v', 'bin', 'python'));
    expect(venvInterpreter('C:\\v', 'win32')).toMatch(/Scripts[\\/]python\.exe$/);
  });
});
