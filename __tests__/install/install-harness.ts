/**
 * Shared parts of the installer tests (no jest imports): fresh venvs, pip run with its
 * configuration isolated (no PIP_* variables, PIP_CONFIG_FILE=/dev/null, --no-index), and tree
 * snapshots that make two environments comparable (venv paths replaced by a placeholder,
 * __pycache__ left out, RECORD compared as a set of rows).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import type { BuiltWheel } from '../helpers/dists.js';

export function pipEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('PIP_') && k !== 'VIRTUAL_ENV' && k !== 'PYTHONPATH') env[k] = v;
  }
  env.PIP_CONFIG_FILE = devNull;
  env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
  return env;
}

export { makeVenv, venvPython };

/** Runs `<venv>/bin/python -m pip args` (isolated); throws with pip's output on failure. */
export function pip(venv: string, args: string[]): string {
  const r = spawnSync(venvPython(venv), ['-m', 'pip', ...args], {
    encoding: 'utf8',
    env: pipEnv(),
    timeout: 180_000,
  });
  if (r.status !== 0)
    throw new Error(`pip ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function python(venv: string, code: string): string {
  return execFileSync(venvPython(venv), ['-c', code], { encoding: 'utf8', env: pipEnv(), timeout: 60_000 });
}

export function writeWheel(dir: string, wheel: BuiltWheel): string {
  const path = join(dir, wheel.filename);
  writeFileSync(path, wheel.bytes);
  return path;
}

export interface TreeFile {
  mode: string;
  content: string;
}

/** Every file under `root` outside __pycache__: mode and content (venv path → <VENV>). */
export function snapshot(root: string): Map<string, TreeFile> {
  const out = new Map<string, TreeFile>();
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '__pycache__') continue;
      const abs = join(dir, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs, r);
      else if (st.isSymbolicLink()) out.set(r, { mode: 'link', content: '' });
      else {
        const bytes = readFileSync(abs);
        let content = bytes.toString('latin1').split(root).join('<VENV>');
        if (name === 'RECORD' && r.includes('.dist-info/')) {
          content = content
            .split('\n')
            .filter((l) => l !== '')
            .map((l) =>
              /\.dist-info\/INSTALLER,/.test(l)
                ? l.replace(/,sha256=[^,]*,\d+(\r?)$/, ',<installer-row>$1')
                : l,
            )
            .sort()
            .join('\n');
        } else if (name === 'INSTALLER' && r.includes('.dist-info/')) {
          content = '<installer>';
        } else if (content.length > 4096) {
          content = createHash('sha256').update(content).digest('hex');
        }
        out.set(r, { mode: (st.mode & 0o7777).toString(8), content });
      }
    }
  };
  walk(root, '');
  return out;
}

/** A readable list of the differences between two snapshots (empty when equal). */
export function diffTrees(ours: Map<string, TreeFile>, pips: Map<string, TreeFile>): string[] {
  const diffs: string[] = [];
  for (const [path, f] of pips) {
    const o = ours.get(path);
    if (o === undefined) diffs.push(`missing in ours: ${path}`);
    else if (o.mode !== f.mode) diffs.push(`mode of ${path}: ours ${o.mode}, pip ${f.mode}`);
    else if (o.content !== f.content)
      diffs.push(`content of ${path}:\n--- ours\n${o.content}\n--- pip\n${f.content}`);
  }
  for (const path of ours.keys()) if (!pips.has(path)) diffs.push(`extra in ours: ${path}`);
  return diffs;
}

/**
 * Venvs that take turns at one path, `<work>/env`, each kept aside as `<work>/<name>.store`
 * between uses: every file that embeds the environment's path (launchers, byte code, their RECORD
 * hashes) is then byte-comparable across them, ours against pip's.
 */
export class VenvsAtOnePath {
  readonly env: string;

  constructor(private readonly work: string) {
    this.env = join(work, 'env');
  }

  private stored(name: string): string {
    return join(this.work, `${name}.store`);
  }

  /** Makes one venv per name; false when this machine's python3 cannot make one. */
  make(names: readonly string[]): boolean {
    for (const name of names) {
      if (makeVenv(this.env) === undefined) return false;
      renameSync(this.env, this.stored(name));
    }
    return true;
  }

  /** Runs `fn` with venv `name` at `env`; it goes back aside when `fn` returns or settles. */
  use<T>(name: string, fn: () => T): T {
    renameSync(this.stored(name), this.env);
    const aside = (): void => renameSync(this.env, this.stored(name));
    let result: T;
    try {
      result = fn();
    } catch (error) {
      aside();
      throw error;
    }
    if (result instanceof Promise) return result.finally(aside) as T;
    aside();
    return result;
  }
}
