/**
 * The CLI's Logger: everything goes to stderr (stdout stays free for machine-readable output),
 * filtered by verbosity: quiet = warnings and errors, normal = + info, verbose = + debug.
 * Messages are redacted once more on the way out (URLs with userinfo or secret query parameters)
 * and escaped (terminal escapes, workflow commands: src/util/log-text.ts).
 */
import { redactText } from '../index/redact.js';
import type { Logger } from '../util/logger.js';
import { escapeLogText } from '../util/log-text.js';

const out = (message: string): string => escapeLogText(redactText(message));

export interface TextSink {
  write(text: string): unknown;
}

export class StderrLogger implements Logger {
  constructor(
    private readonly sink: TextSink,
    private readonly verbosity: 'quiet' | 'normal' | 'verbose' = 'normal',
  ) {}

  debug(message: string): void {
    if (this.verbosity === 'verbose') this.sink.write(`debug: ${out(message)}\n`);
  }
  info(message: string): void {
    if (this.verbosity !== 'quiet') this.sink.write(`${out(message)}\n`);
  }
  warn(message: string): void {
    this.sink.write(`warning: ${out(message)}\n`);
  }
  error(message: string): void {
    this.sink.write(`error: ${out(message)}\n`);
  }
}
