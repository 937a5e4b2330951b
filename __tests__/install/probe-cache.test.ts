/**
 * The interpreter probe cache (issue 14 §2) against the machine's real python3 and venvs made in
 * temp dirs: a second probe of the same interpreter runs no python (probes counted through the
 * injected runner, which delegates to the real one); a venv recreated at the same path, a replaced
 * pyvenv.cfg, or a corrupt entry make it probe again and rewrite the entry.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cachedProbe } from '../../src/install/probe-cache.js';
import {
  cachedRunPython,
  probeInterpreter,
  runPython,
  type RunPython,
} from '../../src/install/interpreter.js';
import { cachedRunCommand, findPython, runCommand, type RunCommand } from '../../src/flow/target-detect.js';
import { makeVenv, pipEnv, venvPython } from './install-harness.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wh-probe-cache-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function counting(): { run: RunPython; count: () => number } {
  let n = 0;
  return {
    run: (python, args, env) => {
      n++;
      return runPython(python, args, env);
    },
    count: () => n,
  };
}

function entries(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json'));
}

const posix = process.platform !== 'win32';

(posix ? describe : describe.skip)('probe cache (POSIX)', () => {
  it('answers a second probe of a venv from the cache, and probes a recreated venv again', async () => {
    const venv = join(root, 'venv-a');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const dir = join(root, 'cache-a');
    const c = counting();
    const probe = (): ReturnType<typeof probeInterpreter> =>
      probeInterpreter(venvPython(venv), { env: pipEnv(), run: cachedRunPython({ dir }, c.run) });
    const first = await probe();
    expect(c.count()).toBe(1);
    expect(first.isVirtualEnv).toBe(true);
    expect(entries(dir)).toHaveLength(1);
    const second = await probe();
    expect(c.count()).toBe(1);
    expect(second).toEqual(first);

    // The same path, a new venv: new symlink and pyvenv.cfg identities.
    rmSync(venv, { recursive: true, force: true });
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const third = await probe();
    expect(c.count()).toBe(2);
    expect(third.prefix).toBe(first.prefix);
    await probe();
    expect(c.count()).toBe(2);
  });

  it("never takes another machine's entry, however well its file identities match (review 1 s12)", async () => {
    const venv = join(root, 'venv-boot');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const dir = join(root, 'cache-boot');
    const c = counting();
    const probe = (): ReturnType<typeof probeInterpreter> =>
      probeInterpreter(venvPython(venv), { env: pipEnv(), run: cachedRunPython({ dir }, c.run) });
    await probe();
    expect(c.count()).toBe(1);
    // The entry as a runner started from the same image would have made it: every file identity
    // the same (the interpreter is part of the image), another boot of another machine.
    const [name] = entries(dir);
    const file = join(dir, name!);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { identities: [string, string | null][] };
    const boot = entry.identities.find(([what]) => what === 'boot');
    expect(boot?.[1]).toMatch(/^boot-(id|time):/);
    boot![1] = 'boot-id:00000000-0000-4000-8000-000000000000';
    writeFileSync(file, JSON.stringify(entry));
    await probe();
    expect(c.count()).toBe(2);
    await probe();
    expect(c.count()).toBe(2);
  });

  it('probes again when pyvenv.cfg is replaced', async () => {
    const venv = join(root, 'venv-b');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const dir = join(root, 'cache-b');
    const c = counting();
    const probe = (): ReturnType<typeof probeInterpreter> =>
      probeInterpreter(venvPython(venv), { env: pipEnv(), run: cachedRunPython({ dir }, c.run) });
    await probe();
    await probe();
    expect(c.count()).toBe(1);
    const cfg = join(venv, 'pyvenv.cfg');
    const text = readFileSync(cfg, 'utf8');
    rmSync(cfg);
    writeFileSync(
      cfg,
      text.replace(/include-system-site-packages = false/, 'include-system-site-packages = true'),
    );
    await probe();
    expect(c.count()).toBe(2);
  });

  it('probes again when the EXTERNALLY-MANAGED marker the answer names appears', async () => {
    const venv = join(root, 'venv-m');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const dir = join(root, 'cache-m');
    const marker = join(root, 'marker-m', 'EXTERNALLY-MANAGED');
    let n = 0;
    // The real probe's answer, its marker path moved to one this test may create.
    const run: RunPython = async (python, args, env) => {
      n++;
      const raw = JSON.parse(await runPython(python, args, env)) as Record<string, unknown>;
      expect(typeof raw.managedMarker).toBe('string');
      return JSON.stringify({ ...raw, managedMarker: marker });
    };
    const probe = (): ReturnType<typeof probeInterpreter> =>
      probeInterpreter(venvPython(venv), { env: pipEnv(), run: cachedRunPython({ dir }, run) });
    await probe();
    await probe();
    expect(n).toBe(1);
    mkdirSync(join(root, 'marker-m'));
    writeFileSync(marker, '[externally-managed]\n');
    await probe();
    expect(n).toBe(2);
    await probe();
    expect(n).toBe(2);
  });

  it('ignores a corrupt or wrongly shaped entry and replaces it', async () => {
    const venv = join(root, 'venv-c');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    const dir = join(root, 'cache-c');
    const c = counting();
    const probe = (): ReturnType<typeof probeInterpreter> =>
      probeInterpreter(venvPython(venv), { env: pipEnv(), run: cachedRunPython({ dir }, c.run) });
    const first = await probe();
    const [name] = entries(dir);
    const file = join(dir, name as string);
    const good = readFileSync(file, 'utf8');
    const bad = [
      'not json {',
      '[]',
      JSON.stringify({ ...JSON.parse(good), identities: [[1, 2]] }),
      // Shape right, answer not a probe answer: the probe's parser rejects it.
      JSON.stringify({ ...JSON.parse(good), stdout: '{"implementation": "cpython"}' }),
    ];
    for (const [i, text] of bad.entries()) {
      writeFileSync(file, text);
      expect(await probe()).toEqual(first);
      expect(c.count()).toBe(i + 2);
      expect(readFileSync(file, 'utf8')).toBe(good);
    }
    await probe();
    expect(c.count()).toBe(bad.length + 1);
  });

  it('does not cache when no directory is given (--no-cache) or the probe fails', async () => {
    const c = counting();
    const venv = join(root, 'venv-d');
    expect(makeVenv(venv, { withoutPip: true })).toBe(venv);
    await probeInterpreter(venvPython(venv), { env: pipEnv(), run: c.run });
    await probeInterpreter(venvPython(venv), { env: pipEnv(), run: c.run });
    expect(c.count()).toBe(2);
    const dir = join(root, 'cache-d');
    const missing = join(root, 'no-such-python');
    await expect(
      probeInterpreter(missing, { env: pipEnv(), run: cachedRunPython({ dir }, c.run) }),
    ).rejects.toThrow(/no-such-python/);
  });

  it("caches target detection's python3 on PATH", async () => {
    let n = 0;
    const run: RunCommand = (command, args) => {
      n++;
      return runCommand(command, args);
    };
    const dir = join(root, 'cache-e');
    const first = await findPython(cachedRunCommand({ dir }, run));
    expect(first).toBeDefined();
    const probes = n;
    const second = await findPython(cachedRunCommand({ dir }, run));
    expect(n).toBe(probes);
    expect(second).toEqual(first);
  });
});

describe('a version-manager shim: the cache follows its choice (review 15a F9)', () => {
  // pyenv/asdf/mise put a `#!` script named python3 on PATH that runs the interpreter chosen by
  // PYENV_VERSION, a .python-version file up the tree and the like; the shim file never changes.
  it('a new PYENV_VERSION or a .python-version in the working directory probes again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix15a-f9-'));
    try {
      const shim = join(dir, 'python3');
      const project = join(dir, 'project');
      mkdirSync(project);
      // Stands for the interpreter the shim picks: its answer names the choice.
      writeFileSync(
        shim,
        '#!/bin/sh\nif [ -f .python-version ]; then cat .python-version; else echo "$PYENV_VERSION"; fi\n',
        { mode: 0o755 },
      );
      const probe = (env: Record<string, string>): Promise<string | undefined> =>
        cachedProbe(
          { dir: join(dir, 'probes'), cwd: project, env: { PATH: dir, ...env } },
          shim,
          ['-c', 'probe'],
          async () => execFileSync(shim, [], { cwd: project, env, encoding: 'utf8' }),
          () => true,
        );
      expect(await probe({ PYENV_VERSION: '3.12.1' })).toBe('3.12.1\n');
      expect(await probe({ PYENV_VERSION: '3.11.7' })).toBe('3.11.7\n');
      writeFileSync(join(project, '.python-version'), '3.10.13\n');
      expect(await probe({ PYENV_VERSION: '3.11.7' })).toBe('3.10.13\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
