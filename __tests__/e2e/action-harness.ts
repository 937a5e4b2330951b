/**
 * Runs the action's main and post steps as child processes the way the runner does (no jest
 * imports): INPUT_* variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
 * RUNNER_TEMP, GITHUB_WORKSPACE as the working directory, and STATE_* variables for the post step
 * read from the main step's state file. The TypeScript entries run through bench/register-swc.mjs
 * (no build); `dist: true` runs dist/<step>/index.js instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultCacheDir } from '../../src/cache/user-cache-dir.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunnerDirs {
  /** Parent of everything below; a stable path, as on a hosted runner. */
  root: string;
  workspace: string;
  runnerTemp: string;
  home: string;
}

export function runnerDirs(root: string): RunnerDirs {
  return {
    root,
    workspace: join(root, 'workspace'),
    runnerTemp: join(root, 'temp'),
    home: join(root, 'home'),
  };
}

/** A new job on the same runner image: empty temp and workspace (same paths), home kept. */
export async function freshJob(dirs: RunnerDirs): Promise<void> {
  await rm(dirs.runnerTemp, { recursive: true, force: true });
  await mkdir(dirs.runnerTemp, { recursive: true });
  await mkdir(dirs.workspace, { recursive: true });
  await mkdir(dirs.home, { recursive: true });
}

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

/** Parses the `name<<DELIMITER\nvalue\nDELIMITER` records @actions/core writes to file commands. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] as string);
    if (m === null) continue;
    const [, name, delimiter] = m as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
    out[name] = value.join('\n');
  }
  return out;
}

export interface RunStepOptions {
  dirs: RunnerDirs;
  inputs: Record<string, string>;
  /** Extra environment (cache service variables, PATH …). */
  env?: Record<string, string | undefined>;
  /** STATE_* for a post step (the main step's `state`). */
  state?: Record<string, string>;
  dist?: boolean;
  /** Where the built entries are (default `<repo>/dist`). */
  distDir?: string;
  /** Modules to `--import` before the entry (test seams of the child process). */
  preload?: string[];
}

/**
 * The user cache directory a step sees (the local-dir backend's default): under the runner's home on
 * every OS — XDG_CACHE_HOME on Linux, ~/Library/Caches on macOS (Node's homedir() reads HOME there),
 * LOCALAPPDATA on Windows, which baseEnv points into the home so that tests never share (or fill)
 * the real runner's cache.
 */
export function runnerCacheDir(dirs: RunnerDirs, platform: NodeJS.Platform = process.platform): string {
  return defaultCacheDir(
    { XDG_CACHE_HOME: join(dirs.home, '.cache'), LOCALAPPDATA: join(dirs.home, 'AppData', 'Local') },
    platform,
    dirs.home,
  );
}

/** The environment a runner gives a step, minus anything of this machine that could leak in. */
function baseEnv(dirs: RunnerDirs): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dirs.home,
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    LOCALAPPDATA: join(dirs.home, 'AppData', 'Local'),
    RUNNER_TEMP: dirs.runnerTemp,
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_ACTIONS: 'true',
    NO_PROXY: '127.0.0.1,localhost',
    // pip's configuration files are never read (the machine's point at local mirrors); a test may
    // give its own config file or PIP_* variables through `env`.
    PIP_CONFIG_FILE: devNull,
  };
  for (const k of ['SYSTEMROOT', 'SystemRoot', 'TEMP', 'TMP', 'APPDATA', 'USERPROFILE']) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

export async function runStep(step: 'main' | 'post', o: RunStepOptions): Promise<StepResult> {
  const files = join(o.dirs.root, 'files', `${step}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await mkdir(files, { recursive: true });
  const output = join(files, 'output');
  const stateFile = join(files, 'state');
  const summary = join(files, 'summary');
  for (const f of [output, stateFile, summary]) await writeFile(f, '');
  const env: Record<string, string> = { ...baseEnv(o.dirs) };
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(o.state ?? {})) env[`STATE_${name}`] = value;
  env['GITHUB_OUTPUT'] = output;
  env['GITHUB_STATE'] = stateFile;
  env['GITHUB_STEP_SUMMARY'] = summary;
  const preload = (o.preload ?? []).flatMap((m) => ['--import', pathToFileURL(m).href]);
  const args = o.dist
    ? [...preload, join(o.distDir ?? join(REPO_ROOT, 'dist'), step, 'index.js')]
    : [
        ...preload,
        '--import',
        pathToFileURL(join(REPO_ROOT, 'bench', 'register-swc.mjs')).href,
        join(REPO_ROOT, 'src', `${step}.ts`),
      ];
  const child = spawn(process.execPath, args, {
    cwd: o.dirs.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(await readFile(output, 'utf8')),
    state: parseFileCommands(await readFile(stateFile, 'utf8')),
    summary: await readFile(summary, 'utf8'),
  };
}

/** Main, then post with main's state (post only when main succeeded, as `post-if: success()`). */
export async function runJob(o: RunStepOptions): Promise<{ main: StepResult; post?: StepResult }> {
  const main = await runStep('main', o);
  if (main.code !== 0) return { main };
  const post = await runStep('post', { ...o, state: main.state });
  return { main, post };
}

export function swcLoaderAvailable(): boolean {
  return existsSync(join(REPO_ROOT, 'bench', 'register-swc.mjs'));
}

/** `::warning::…` / `::error …::…` workflow commands in a step's stdout. */
export function workflowCommands(stdout: string, command: 'warning' | 'error'): string[] {
  return stdout.split(/\r?\n/).filter((l) => l.startsWith(`::${command}`));
}
