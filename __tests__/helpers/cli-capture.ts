/**
 * Runs the CLI shell in-process the way a terminal would, but with stdout and stderr captured as
 * text (the CliIo seam of src/cli/run.ts): what a test asserts on is the exit code and the two texts.
 */
import { devNull } from 'node:os';
import { runCli, type CliIo } from '../../src/cli/run.js';

/** A write-only stream that keeps what is written; `isTTY` decides whether progress bars are drawn. */
class TextSink {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions extends Omit<CliIo, 'stdout' | 'stderr'> {
  /** Whether stderr claims to be a terminal (default false). */
  tty?: boolean;
}

/**
 * pip's configuration isolated: no `PIP_*` value of this machine reaches the CLI, and
 * `PIP_CONFIG_FILE` is the null device (pip then reads no configuration file at all) unless the test
 * sets its own. The machine's pip.conf and PIP_* point at local mirrors that tests must never use.
 */
export function isolatedPipEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    // A PIP_* value equal to this machine's was inherited (e.g. `{ ...process.env }`): drop it.
    if (k.startsWith('PIP_') && v !== undefined && process.env[k] === v) continue;
    out[k] = v;
  }
  if (!('PIP_CONFIG_FILE' in out)) out['PIP_CONFIG_FILE'] = devNull;
  return out;
}

export async function runCliCaptured(argv: string[], options: CaptureOptions): Promise<CapturedRun> {
  const { tty = false, ...rest } = options;
  const io = { ...rest, env: isolatedPipEnv(rest.env) };
  const stdout = new TextSink(false);
  const stderr = new TextSink(tty);
  const code = await runCli(argv, { ...io, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
