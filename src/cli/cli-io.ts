/**
 * What the CLI shell reads from the process — streams, environment, working directory, pip's
 * configuration files — as one injectable value, so tests run the real shell in-process.
 */
import type { LocatedInterpreter } from '../flow/install-interpreter.js';
import type { fsPipConfigIo } from '../flow/pip-config.js';
import type { PrepareOptions } from '../flow/prepare.js';
import type { ProgressStream } from '../download/progress.js';

export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** How pip's configuration files are read (tests keep the machine's files out). */
  pipConfigFs?: Parameters<typeof fsPipConfigIo>[2];
  /** Test seams passed to target detection and the flow. */
  seams?: Pick<PrepareOptions, 'findPython' | 'runner'> & {
    /** install: the target interpreter, located early (cli.ts) or by a test. */
    interpreter?: Promise<LocatedInterpreter>;
    /** How the failure report is loaded (a test makes it fail). */
    loadFailureReport?: () => Promise<typeof import('../flow/failure.js')>;
  };
}
