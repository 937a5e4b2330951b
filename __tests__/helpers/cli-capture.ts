/**
 * Runs the CLI shell in-process the way a terminal would, but with stdout and stderr captured as
 * text (the CliIo seam of src/cli/run.ts): what a test asserts on is the exit code and the two texts.
 */
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

export async function runCliCaptured(argv: string[], options: CaptureOptions): Promise<CapturedRun> {
  const { tty = false, ...io } = options;
  const stdout = new TextSink(false);
  const stderr = new TextSink(tty);
  const code = await runCli(argv, { ...io, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
