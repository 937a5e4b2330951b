/**
 * Runs the machine's pip as the reference resolver for the cross-checks:
 *
 *   python3 -m pip install --dry-run --ignore-installed --report R.json --no-cache-dir
 *     --disable-pip-version-check <index options> -r req.txt
 *
 * with PIP_CONFIG_FILE=/dev/null and every other PIP_* variable removed from the environment, so
 * the machine's configuration (local mirrors, find-links) never leaks into a run. The report is
 * pip's installation report (https://pip.pypa.io/en/stable/reference/installation-report/):
 * `install[].metadata.name/version`.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface PipRun {
  kind: 'resolved' | 'unsatisfiable' | 'error';
  /** normalized name → version, when resolved. */
  packages?: Record<string, string>;
  /** The last lines of pip's stderr when it did not resolve. */
  message?: string;
  ms: number;
}

export function cleanPipEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PIP_')) env[k] = v;
  env.PIP_CONFIG_FILE = '/dev/null';
  env.PIP_NO_INPUT = '1';
  return env;
}

/** PEP 503 normalization (kept local: the cross-check must not lean on wheelhouse's own code). */
export function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** pip's messages for "no solution" (ResolutionImpossible, or no candidate at all). */
const UNSAT = [
  /ResolutionImpossible/,
  /requires a different Python/,
  /Could not find a version that satisfies/,
  /No matching distribution found/,
];

export async function runPip(
  python: string,
  dir: string,
  indexArgs: string[],
  requirementsFile: string,
  timeoutMs = 240_000,
): Promise<PipRun> {
  const report = join(dir, 'pip-report.json');
  await rm(report, { force: true });
  const args = [
    '-m',
    'pip',
    'install',
    '--dry-run',
    '--ignore-installed',
    '--report',
    report,
    '--no-cache-dir',
    '--disable-pip-version-check',
    '--quiet',
    ...indexArgs,
    '-r',
    requirementsFile,
  ];
  const start = performance.now();
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      python,
      args,
      { cwd: dir, env: cleanPipEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stderr: String(stderr) });
      },
    );
  });
  const ms = Math.round(performance.now() - start);
  if (code === 0) {
    const parsed = JSON.parse(await readFile(report, 'utf8')) as {
      install: { metadata: { name: string; version: string } }[];
    };
    const packages: Record<string, string> = {};
    for (const item of parsed.install) packages[normalize(item.metadata.name)] = item.metadata.version;
    return { kind: 'resolved', packages, ms };
  }
  const tail = stderr.trim().split('\n').slice(-12).join('\n');
  return { kind: UNSAT.some((re) => re.test(stderr)) ? 'unsatisfiable' : 'error', message: tail, ms };
}

export async function pipVersion(python: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(python, ['-m', 'pip', '--version'], { env: cleanPipEnv() }, (error, stdout) =>
      resolve(error ? 'unknown' : String(stdout).trim().split(' ').slice(0, 2).join(' ')),
    );
  });
}
