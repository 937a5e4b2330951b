/**
 * The problems of one read of pip requirements files (pip's "Requirements File Format" reference,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/, read by
 * requirements-file-reader.ts): each kept with its file, line, column and (redacted, shortened)
 * text, up to MAX_PROBLEMS, the rest counted and shown as one more problem.
 */
import { redactCredentials, type RequirementsFileProblem } from './requirements-file-problem.js';
import { positionOf, rawTextOf, type LogicalLine, type Word } from './requirements-file-lines.js';

/**
 * How many problems a read keeps, and how much of a line one quotes: a wrong file (`-r data.csv`)
 * or a hostile one gives a problem per line, and all of them, each quoting its whole line, grew the
 * message with the file (review 15c F15: 8 MB of bad lines, a 263 MB message). pip stops at the
 * first problem (`parse_requirements` raises); the first MAX_PROBLEMS are enough to see the pattern.
 */
export const MAX_PROBLEMS = 50;
export const MAX_QUOTED_CHARS = 200;

function quoted(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

/** The problems of one read: kept up to MAX_PROBLEMS, then counted. */
export class ProblemLog {
  private readonly problems: RequirementsFileProblem[] = [];
  /** Problems found past MAX_PROBLEMS: counted, not kept. */
  private omitted = 0;

  /** Keeps a problem, or counts it once MAX_PROBLEMS are kept. */
  record(p: RequirementsFileProblem): void {
    if (this.problems.length >= MAX_PROBLEMS) this.omitted += 1;
    else this.problems.push(p);
  }

  /** The problems kept, and one more saying how many were not when some were not. */
  shown(path: string): RequirementsFileProblem[] {
    if (this.omitted === 0) return this.problems;
    const more = `${this.omitted} more problem${this.omitted === 1 ? '' : 's'} not shown (the first ${MAX_PROBLEMS} are)`;
    return [...this.problems, { file: path, line: 0, column: 0, message: more, text: '' }];
  }

  /** A problem about a whole file: at the include line that named it, else the file itself. */
  fileProblem(path: string, message: string, from?: { line: LogicalLine; word: Word; file: string }): void {
    if (from) this.problem(from.file, from.line, from.word.start, from.word.end, message);
    else
      this.record({
        file: path,
        line: 0,
        column: 0,
        message: redactCredentials(message),
        text: quoted(path),
      });
  }

  /** Records a problem quoting text [start, end) of the line, located at offset `at` (default start). */
  problem(file: string, line: LogicalLine, start: number, end: number, message: string, at = start): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.omitted += 1;
      return;
    }
    const pos = positionOf(line, at);
    // Redacted whole, then cut: a cut first could split a password from its `@`.
    this.record({
      file,
      line: pos.line,
      column: pos.column,
      message: redactCredentials(message),
      text: quoted(redactCredentials(rawTextOf(line, start, end))),
    });
  }

  /** A problem about a whole logical line, quoting the start of its unexpanded text. */
  lineProblem(file: string, line: LogicalLine, message: string): void {
    const pos = positionOf(line, 0);
    this.record({
      file,
      line: pos.line,
      column: pos.column,
      message,
      text: redactCredentials(line.raw.slice(0, 60)) + '…',
    });
  }
}
