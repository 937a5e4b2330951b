/**
 * Download progress for people watching a log. On a TTY: one line redrawn in place (`\r`) with a
 * bar, at most every `ttyIntervalMs`. Elsewhere (GitHub Actions logs, CI files): a plain
 * `downloaded 12.3 MB / 45.6 MB (3/9 files)` line at most every `intervalMs`, so a long download
 * shows life without flooding the log. Time comes from an injected clock and printing is driven by
 * `update` calls (no timers), so the reporter never keeps a process alive.
 */

export interface DownloadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  /** Sum of the known sizes; undefined when some file's size is unknown. */
  bytesTotal?: number;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporterOptions {
  stream: ProgressStream;
  /** Minimum time between plain lines (default 5000 ms). */
  intervalMs?: number;
  /** Minimum time between TTY redraws (default 100 ms). */
  ttyIntervalMs?: number;
  now?: () => number;
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export class ProgressReporter {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly interval: number;
  private readonly now: () => number;
  private last = -Infinity;
  private lastLine = '';
  private drewTty = false;

  constructor(options: ProgressReporterOptions) {
    this.stream = options.stream;
    this.tty = options.stream.isTTY === true;
    this.interval = this.tty ? (options.ttyIntervalMs ?? 100) : (options.intervalMs ?? 5000);
    this.now = options.now ?? Date.now;
  }

  /** Text of a plain progress line. */
  static line(p: DownloadProgress): string {
    const total = p.bytesTotal === undefined ? '' : ` / ${formatBytes(p.bytesTotal)}`;
    return `downloaded ${formatBytes(p.bytesDone)}${total} (${p.filesDone}/${p.filesTotal} files)`;
  }

  /** Text of the TTY bar line, fitted to `columns`. */
  static bar(p: DownloadProgress, columns: number): string {
    const text = ProgressReporter.line(p);
    const fraction =
      p.bytesTotal !== undefined && p.bytesTotal > 0
        ? Math.min(1, p.bytesDone / p.bytesTotal)
        : p.filesTotal > 0
          ? p.filesDone / p.filesTotal
          : 1;
    const width = Math.max(10, Math.min(40, columns - text.length - 10));
    const filled = Math.round(fraction * width);
    const pct = `${Math.floor(fraction * 100)}`.padStart(3);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${text}`.slice(
      0,
      Math.max(20, columns - 1),
    );
  }

  update(p: DownloadProgress): void {
    const t = this.now();
    if (t - this.last < this.interval) return;
    this.last = t;
    this.print(p);
  }

  /** Print the final state (always), ending the TTY line. */
  finish(p: DownloadProgress): void {
    this.print(p);
    if (this.tty && this.drewTty) this.stream.write('\n');
  }

  private print(p: DownloadProgress): void {
    if (this.tty) {
      // ESC[K (erase to end of line) clears what a longer previous line left behind.
      this.stream.write(`\r${ProgressReporter.bar(p, this.stream.columns ?? 80)}\x1b[K`);
      this.drewTty = true;
      return;
    }
    const line = ProgressReporter.line(p);
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.stream.write(`${line}\n`);
  }
}
