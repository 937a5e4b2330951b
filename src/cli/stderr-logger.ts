/**
 * The CLI's Logger: everything goes to stderr (stdout stays free for machine-readable output),
 * filtered by verbosity: quiet = warnings and errors, normal = + info, verbose = + debug.
 * Messages are redacted once more on the way out (URLs with userinfo or secret query parameters).
 */
import { redactText } from '../index/redact.js';
import type { Logger } from '../util/logger.js';

export interface TextSink {
  write(text: string): unknown;
}

export class StderrLogger implements Logger {
  constructor(
    private readonly sink: TextSink,
    private readonly verbosity: 'quiet' | 'normal' | 'verbose' = 'normal',
  ) {}

  debug(message: string): void {
    if (this.verbosity === 'verbose') this.sink.write(`debug: ${redactText(message)}\n`);
  }
  info(message: string): void {
    if (this.verbosity !== 'quiet') this.sink.write(`${redactText(message)}\n`);
  }
  warn(message: string): void {
    this.sink.write(`warning: ${redactText(message)}\n`);
  }
  error(message: string): void {
    this.sink.write(`error: ${redactText(message)}\n`);
  }
}
