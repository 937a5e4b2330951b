/**
 * The logging seam every layer takes as a collaborator. Shells (src/action, src/cli) provide
 * real implementations; tests pass `silentLogger` or a recording logger.
 * Messages given to a Logger must already be redacted (see src/index/redact.ts).
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * A long block under a title (a build's log): folded into a group in GitHub Actions. Optional;
   * `logGroup` falls back to one debug line for loggers without it.
   */
  group?(title: string, body: string): void;
}

/** `logger.group` when the logger has it, else the title and body as one debug message. */
export function logGroup(logger: Logger, title: string, body: string): void {
  if (logger.group !== undefined) logger.group(title, body);
  else logger.debug(`${title}\n${body}`);
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** A logger that keeps every line, for tests and for secret-leak checks. */
export class RecordingLogger implements Logger {
  readonly lines: { level: 'debug' | 'info' | 'warn' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }
}
