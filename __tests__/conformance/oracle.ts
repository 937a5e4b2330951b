/**
 * The conformance suite's oracle: one long-lived Python process (scripts/packaging-oracle.py) run
 * by the venv that scripts/oracle-venv.sh prepares (pip >= 26 and its vendored packaging), fed
 * batches of cases as JSON lines. Found through WHEELHOUSE_ORACLE_PYTHON, else the venv's default
 * path; `oracleMissing()` says why it cannot be used (for describeWhenAvailable).
 * pip's configuration is kept out of the process (PIP_* dropped, PIP_CONFIG_FILE=/dev/null); the
 * oracle reads nothing but its stdin.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { devNull, homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/packaging-oracle.py', import.meta.url));

function oraclePython(): string {
  const explicit = process.env.WHEELHOUSE_ORACLE_PYTHON;
  if (explicit !== undefined && explicit !== '') return explicit;
  const venv =
    process.env.WHEELHOUSE_ORACLE_VENV ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wheelhouse', 'packaging-oracle');
  return join(venv, 'bin', 'python');
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PIP_')) env[k] = v;
  env.PIP_CONFIG_FILE = devNull;
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}

export interface OracleVersions {
  pip: string;
  packaging: string;
  python: string;
}

let probed: { versions?: OracleVersions; missing?: string } | undefined;

/** Asks the oracle's Python once for its versions (synchronously, at collection time). */
function probe(): { versions?: OracleVersions; missing?: string } {
  if (probed !== undefined) return probed;
  const python = oraclePython();
  const hint = 'run scripts/oracle-venv.sh (or set WHEELHOUSE_ORACLE_PYTHON to a python with pip >= 26)';
  if (!existsSync(python)) {
    probed = { missing: `no oracle python at ${python}; ${hint}` };
    return probed;
  }
  try {
    const out = execFileSync(python, [SCRIPT], {
      input: '{"kind": "hello"}\n',
      env: cleanEnv(),
      timeout: 60_000,
      encoding: 'utf8',
    });
    const versions = JSON.parse(out.trim().split('\n')[0]!) as OracleVersions;
    const major = (v: string): number => Number(v.split('.')[0]);
    if (major(versions.pip) < 26 || major(versions.packaging) < 26) {
      probed = {
        missing: `the oracle at ${python} has pip ${versions.pip} / packaging ${versions.packaging}, not >= 26; ${hint}`,
      };
    } else {
      probed = { versions };
    }
  } catch (e) {
    probed = {
      missing: `the oracle at ${python} does not run (${(e as Error).message.split('\n')[0]}); ${hint}`,
    };
  }
  return probed;
}

/** Undefined when the oracle can be used, else what is missing. */
export function oracleMissing(): string | undefined {
  return probe().missing;
}

export function oracleVersions(): OracleVersions | undefined {
  return probe().versions;
}

/** A running oracle: `ask(kind, cases)` answers the results in case order. */
export class Oracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  private exited: number | null | undefined;

  constructor() {
    this.child = spawn(oraclePython(), [SCRIPT], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
    this.child.setMaxListeners(0);
    this.child.on('exit', (code) => {
      this.exited = code;
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
  }

  /**
   * Sends every batch of `batch` cases at once (the oracle answers them in order while the caller
   * computes its own side); one promise for all the results, in case order.
   */
  async ask<R>(kind: string, cases: readonly unknown[], batch = 1000): Promise<R[]> {
    const lines: Promise<string>[] = [];
    for (let i = 0; i < cases.length; i += batch) {
      lines.push(
        new Promise<string>((resolve, reject) => {
          if (this.exited !== undefined) {
            reject(new Error(`oracle exited (${this.exited}) before ${kind}: ${this.stderr}`));
            return;
          }
          const onExit = (code: number | null): void =>
            reject(new Error(`oracle exited (${code}) while answering ${kind}: ${this.stderr}`));
          this.child.once('exit', onExit);
          this.waiting.push((l) => {
            this.child.off('exit', onExit);
            resolve(l);
          });
          this.child.stdin.write(`${JSON.stringify({ kind, cases: cases.slice(i, i + batch) })}\n`);
        }),
      );
    }
    const out: R[] = [];
    for (const line of await Promise.all(lines)) out.push(...(JSON.parse(line) as { results: R[] }).results);
    return out;
  }

  close(): void {
    this.child.stdin.end();
  }
}
