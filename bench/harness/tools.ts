/**
 * The clients under test: wheelhouse (see wheelhouse-build.ts) and pip — the machine's `python3 -m
 * pip` and a current pip (≥ 25.3) in bench/.venv, installed on first use from whatever index the
 * machine's pip configuration reaches. Each tool turns a scenario step into a command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WheelhouseCommand } from './wheelhouse-build.js';

export interface Tool {
  /** Stable id used in result files, e.g. `wheelhouse`, `pip-26.2.1`, `pip-26.2.1+fast-deps`. */
  id: string;
  kind: 'wheelhouse' | 'pip';
  command: string;
  prefix: string[];
  version: string;
  fastDeps: boolean;
}

export type StepKind = 'resolve' | 'fetch';

export interface Step {
  kind: StepKind;
  requirementsFile: string;
  indexUrl: string;
  /** Where the report (resolve) or the wheels (fetch) go. */
  out: string;
  cacheDir: string;
}

/** The interpreter's real path (`sys.executable`), skipping shims such as pyenv's bash wrappers. */
function realPython(python: string): string | undefined {
  const r = spawnSync(python, ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
    env: cleanEnv({}),
  });
  const path = (r.stdout ?? '').trim();
  return r.status === 0 && path !== '' ? path : undefined;
}

export function pipVersion(python: string): string | undefined {
  const r = spawnSync(python, ['-m', 'pip', '--version'], { encoding: 'utf8', env: cleanEnv({}) });
  const m = /^pip (\S+)/.exec(r.stdout ?? '');
  return r.status === 0 && m ? m[1] : undefined;
}

function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = v.split('.').map((x) => Number.parseInt(x, 10));
  return a > major || (a === major && b >= minor);
}

export interface PipDiscovery {
  tools: Tool[];
  notes: string[];
}

/** The machine's pip and the venv pip, creating the venv when missing. */
export function discoverPips(repo: string, log: (s: string) => void): PipDiscovery {
  const notes: string[] = [];
  const tools: Tool[] = [];
  const machine = pipVersion('python3');
  if (machine === undefined) notes.push('python3 -m pip is not available on this machine: no pip peers');
  else tools.push(pipTool(realPython('python3') ?? 'python3', machine));
  const venv = join(repo, 'bench', '.venv');
  const venvPython = join(venv, 'bin', 'python');
  if (
    machine !== undefined &&
    (!existsSync(venvPython) || !versionAtLeast(pipVersion(venvPython) ?? '0', 25, 3))
  ) {
    log(`bench: creating ${venv} with pip>=25.3 from the machine's configured index…`);
    spawnSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    // The machine's own pip configuration (its index or mirror) is used on purpose here.
    spawnSync(venvPython, ['-m', 'pip', 'install', '-q', '--retries', '1', '--timeout', '15', 'pip>=25.3'], {
      stdio: 'ignore',
      timeout: 180000,
    });
  }
  const current = existsSync(venvPython) ? pipVersion(venvPython) : undefined;
  if (current !== undefined && versionAtLeast(current, 25, 3)) {
    if (current !== machine) tools.push(pipTool(venvPython, current));
  } else {
    notes.push(
      `no pip >= 25.3 could be installed into ${venv} (no reachable index offered one); only the machine's pip runs`,
    );
  }
  return { tools, notes };
}

function pipTool(python: string, version: string): Tool {
  return {
    id: `pip-${version}`,
    kind: 'pip',
    command: python,
    prefix: ['-m', 'pip'],
    version,
    fastDeps: false,
  };
}

export function withFastDeps(tool: Tool): Tool {
  return { ...tool, id: `${tool.id}+fast-deps`, fastDeps: true };
}

export function wheelhouseTool(cmd: WheelhouseCommand, version: string): Tool {
  return {
    id: 'wheelhouse',
    kind: 'wheelhouse',
    command: process.execPath,
    prefix: cmd.prefix,
    version: `${version} (${cmd.mode})`,
    fastDeps: false,
  };
}

/** The process environment minus every PIP_* variable, plus the given overrides. */
export function cleanEnv(overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('PIP_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, PIP_CONFIG_FILE: '/dev/null', ...overrides };
}

/** argv (after `command`) for one step. */
export function stepArgs(tool: Tool, step: Step): string[] {
  if (tool.kind === 'wheelhouse') {
    const common = ['-r', step.requirementsFile, '--index-url', step.indexUrl, '--quiet'];
    return step.kind === 'resolve'
      ? [...tool.prefix, 'resolve', ...common, '--report', step.out]
      : [...tool.prefix, 'fetch', ...common, '--dest', step.out, '--cache-dir', step.cacheDir];
  }
  const common = [
    '--disable-pip-version-check',
    '--no-input',
    '--progress-bar',
    'off',
    '-q',
    '--cache-dir',
    step.cacheDir,
    '--index-url',
    step.indexUrl,
    ...(tool.fastDeps ? ['--use-feature=fast-deps'] : []),
    '-r',
    step.requirementsFile,
  ];
  return step.kind === 'resolve'
    ? [...tool.prefix, 'install', '--dry-run', '--ignore-installed', '--report', step.out, ...common]
    : [...tool.prefix, 'download', '-d', step.out, ...common];
}
