/**
 * The answers that need nothing but the command line — `--version`, `--help` (general or of a
 * command) and the usage note for an empty command line — given before the rest of the CLI (the
 * flows, undici) is loaded: cli.ts calls this first and loads run.js only when it returns
 * undefined; runCli answers through it too, so both give the same text and exit code.
 */
import type { CliRequest } from './args.js';
import { commandHelp, generalHelp } from './help.js';
import { WHEELHOUSE_VERSION } from '../flow/version.js';

export interface AnswerStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The exit code after answering `request`, or undefined when it asks for a run. */
export function answerWithoutRunning(request: CliRequest, io: AnswerStreams): number | undefined {
  if (request.kind === 'version') {
    io.stdout.write(`wheelhouse ${WHEELHOUSE_VERSION}\n`);
    return 0;
  }
  if (request.kind === 'usage') {
    io.stderr.write(`wheelhouse: no command given\n\n${generalHelp()}`);
    return 2;
  }
  if (request.kind === 'help') {
    io.stdout.write(request.command === undefined ? generalHelp() : commandHelp(request.command));
    return 0;
  }
  return undefined;
}
