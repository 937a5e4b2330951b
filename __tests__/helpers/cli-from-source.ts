/**
 * The CLI run from its TypeScript sources (src/cli.ts through bench/register-swc.mjs) as a child
 * process: the node arguments (cliFromSource), and a run of it as another runner would (spawnCli).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The node arguments that run the CLI from its sources, followed by `args`. */
export function cliFromSource(...args: string[]): string[] {
  return ['--import', join(ROOT, 'bench', 'register-swc.mjs'), join(ROOT, 'src', 'cli.ts'), ...args];
}

export interface CliChild {
  /** The exit code (null when killed) and all the child wrote to stderr. */
  done: Promise<{ code: number | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
  /** What the child has written to stderr so far. */
  stderr(): string;
}

/**
 * `wheelhouse ...argv` in a child process in `cwd`: pip's configuration isolated (no PIP_* of this
 * machine, PIP_CONFIG_FILE /dev/null), HOME `<cwd>/home` with the user cache directory inside it even
 * where this machine sets XDG_CACHE_HOME, no NODE_OPTIONS; then `env` on top. stdout is dropped,
 * stderr kept; the child is SIGKILLed after `timeoutMs`.
 */
export function spawnCli(
  cwd: string,
  argv: string[],
  { env: extraEnv = {}, timeoutMs = 60_000 }: { env?: Record<string, string>; timeoutMs?: number } = {},
): CliChild {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PIP_') && v !== undefined) env[k] = v;
  const home = join(cwd, 'home');
  const isolated = { HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  Object.assign(env, { ...isolated, PIP_CONFIG_FILE: '/dev/null', NODE_OPTIONS: '' }, extraEnv);
  const child = spawn(process.execPath, cliFromSource(...argv), {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<{ code: number | null; stderr: string }>((res) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stderr });
    }),
  );
  return { done, kill: (s) => child.kill(s), stderr: () => stderr };
}
