/**
 * Logical lines of a pip requirements file — pip's "Requirements File Format" reference
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/), sections "Line
 * continuations", "Comments" and "Using environment variables", in the order pip applies them
 * (join continuations, then strip comments and blank lines, then expand `${VAR}`:
 * requirements-file-variables.ts), plus pip's split of a line into its requirement part and its
 * shell-quoted option part.
 *
 * Every character of a logical line keeps the physical line and column it came from, so problems
 * can point into the file as the user sees it even after continuation joins and expansion.
 *
 * Not supported / deviations from pip 23.x:
 * - PEP 263 `# -*- coding: … -*-` declarations (the caller hands us decoded text; a UTF-8 BOM is
 *   dropped).
 * - Only `\n`, `\r\n` and `\r` end lines (Python's `splitlines` also splits on \v, \f, \x1c–\x1e,
 *   \x85, U+2028 and U+2029).
 * - A continuation removes exactly one trailing backslash (pip strips every leading and trailing
 *   backslash of the continued line).
 * - The requirement part ends at the first whitespace-preceded token starting with `-`; pip
 *   splits on single spaces only, so a tab before an option is a separator here.
 */

import { expand, type ExpandedRun, type ExpansionBudget } from './requirements-file-variables.js';

/**
 * Every character Python's `str.splitlines()` ends a line at — what pip's requirements-file reader
 * splits on (\n, \r, \v, \f, \x1c–\x1e, \x85, U+2028, U+2029). A writer of a requirements-format
 * file must keep these out of any text it writes, or one value becomes more than one line for pip.
 */
export const PYTHON_LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u;

/** A 1-based position in a physical line of a file. */
export interface LinePosition {
  line: number;
  column: number;
}

/** One logical line: physical lines joined, comment removed, trimmed, variables expanded. */
export interface LogicalLine {
  /** 1-based number of the first physical line (pip reports joined lines by their first line). */
  line: number;
  /** The text pip would parse: after continuation join, comment strip, trim and `${VAR}` expansion. */
  text: string;
  /** The same text before `${VAR}` expansion — what problems quote, so secrets in variables never leak. */
  raw: string;
  /**
   * For each index of `text` (and `text.length`), the index into `raw` it came from; absent when
   * nothing was expanded (then the two are the same).
   */
  rawIndex?: number[];
  /**
   * Set when expanding `${VAR}`s would make the line longer than the caller's limit: the
   * expansion stopped there (`text` is then `raw`), this is how far it got (more than the limit).
   */
  expandedOver?: number;
  /** Set when the read's expansion budget ran out on this line (`text` is then `raw`). */
  overBudget?: true;
  /** Where `raw` starts in the joined physical text that `runs` describe. */
  rawStart: number;
  /**
   * Physical positions of the joined text as runs (a run: from joined index `at` on, consecutive
   * columns of one physical line) — a few per line instead of one object per character, so a
   * large file costs memory linear in its lines, not its characters.
   */
  runs: PositionRun[];
}

export interface PositionRun {
  at: number;
  line: number;
  column: number;
}

function rawAt(line: LogicalLine, textIndex: number): number {
  return line.rawIndex === undefined ? textIndex : (line.rawIndex[textIndex] ?? line.raw.length);
}

function positionInRuns(runs: PositionRun[], index: number, fallbackLine: number): LinePosition {
  let lo = 0;
  let hi = runs.length - 1;
  if (hi < 0) return { line: fallbackLine, column: 1 };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]!.at <= index) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo]!;
  return { line: run.line, column: run.column + Math.max(0, index - run.at) };
}

/** The physical position of offset `offset` of a logical line's expanded `text`. */
export function positionOf(line: LogicalLine, offset: number): LinePosition {
  const clamped = Math.max(0, Math.min(offset, line.text.length));
  return positionInRuns(line.runs, line.rawStart + rawAt(line, clamped), line.line);
}

/** The unexpanded text behind the range [start, end) of a logical line's expanded `text`. */
export function rawTextOf(line: LogicalLine, start: number, end: number): string {
  const a = rawAt(line, Math.max(0, Math.min(start, line.text.length)));
  const endClamped = Math.max(0, Math.min(end, line.text.length));
  // A range ending inside an expanded value ends after the whole `${NAME}` in raw.
  let b = rawAt(line, endClamped);
  if (endClamped > 0 && endClamped < line.text.length) {
    const last = rawAt(line, endClamped - 1);
    if (last === b) b = closeOfVariable(line.raw, b);
  }
  return line.raw.slice(a, Math.max(a, b));
}

function closeOfVariable(raw: string, start: number): number {
  if (raw.startsWith('${', start)) {
    const close = raw.indexOf('}', start);
    if (close >= 0) return close + 1;
  }
  return start + 1;
}

/** Physical lines as pip's `str.splitlines` sees them for ordinary files. */
function* physicalLines(content: string): Generator<string> {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const ends = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = ends.exec(text); m !== null; m = ends.exec(text)) {
    yield text.slice(at, m.index);
    at = m.index + m[0].length;
  }
  // A final newline does not start another line.
  if (at < text.length) yield text.slice(at);
}

interface Joined {
  line: number;
  chars: string;
  runs: PositionRun[];
}

/**
 * pip's join: a line ending in `\` continues on the next one, except a comment line (one
 * whose first non-blank character is `#`), which never continues; a comment line inside a
 * continuation gets a leading space so it is still seen as a comment after joining.
 */
function* joinContinuations(lines: Iterable<string>): Generator<Joined> {
  let pending: Joined | undefined;
  // One run per appended piece; the position just after a piece continues its run.
  const append = (target: Joined, text: string, lineNo: number, firstColumn: number) => {
    target.runs.push({ at: target.chars.length, line: lineNo, column: firstColumn });
    target.chars += text;
  };
  let lineNo = 0;
  for (const physical of lines) {
    lineNo++;
    const isComment = /^\s*#/.test(physical);
    if (!physical.endsWith('\\') || isComment) {
      const target = pending ?? { line: lineNo, chars: '', runs: [] };
      if (isComment && pending) append(target, ' ', lineNo, 1);
      append(target, physical, lineNo, 1);
      pending = undefined;
      yield target;
    } else {
      pending ??= { line: lineNo, chars: '', runs: [] };
      append(pending, physical.slice(0, -1), lineNo, 1);
    }
  }
  // A file ending inside a continuation: its end position is after the last character, which
  // is where the last run continues to anyway.
  if (pending) yield pending;
}

/** Index where a comment starts: a `#` at the start or after whitespace (pip's `(^|\s+)#.*$`). */
export function commentStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return i;
  }
  return -1;
}

/** Splits file content into pip's logical lines; blank and comment-only lines are dropped. */
export function logicalLines(
  content: string,
  env: Record<string, string | undefined> = {},
  onExpand?: (value: string, where: ExpandedRun) => void,
): LogicalLine[] {
  return [...eachLogicalLine(content, env, onExpand)];
}

/** `logicalLines` one at a time: a large file never holds all its lines as objects at once. */
export function* eachLogicalLine(
  content: string,
  env: Record<string, string | undefined> = {},
  onExpand?: (value: string, where: ExpandedRun) => void,
  /** Longest expanded line to build (see LogicalLine.expandedOver). */
  maxChars = Infinity,
  /** Expansion work the lines may still do (see LogicalLine.overBudget); unbounded without it. */
  budget?: ExpansionBudget,
): Generator<LogicalLine> {
  for (const joined of joinContinuations(physicalLines(content))) {
    const hash = commentStart(joined.chars);
    const uncommented = hash >= 0 ? joined.chars.slice(0, hash) : joined.chars;
    const start = uncommented.length - uncommented.trimStart().length;
    const raw = uncommented.trim();
    if (raw === '') continue;
    const { text, rawIndex, expandedOver, overBudget } = expand(raw, env, onExpand, maxChars, budget);
    yield {
      line: joined.line,
      text,
      raw,
      ...(rawIndex !== undefined ? { rawIndex } : {}),
      ...(expandedOver !== undefined ? { expandedOver } : {}),
      ...(overBudget ? { overBudget } : {}),
      rawStart: start,
      runs: joined.runs,
    };
  }
}

/** A shell word of the option part, with its offsets in the logical line's text. */
export interface Word {
  value: string;
  start: number;
  end: number;
  /**
   * Offset of an unquoted backslash that escapes an ordinary character (`reqs\dev.txt` is
   * `reqsdev.txt` to shlex, and so to pip) — almost always a Windows path written unquoted.
   */
  strayEscape?: number;
}

/**
 * pip's `break_args_options`: the requirement (args) part runs up to the first word that starts
 * with `-`; everything from there on is options. Returns the args text (trimmed) and the offset
 * where options begin (`text.length` when there are none).
 */
export function splitArgsAndOptions(text: string): { args: string; optionsStart: number } {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '-' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return { args: text.slice(0, i).trimEnd(), optionsStart: i };
    }
  }
  return { args: text.trimEnd(), optionsStart: text.length };
}

export class ShellSplitError extends Error {
  constructor(
    readonly input: string,
    readonly offset: number,
  ) {
    super(`no closing quotation in ${JSON.stringify(input)}`);
    this.name = 'ShellSplitError';
  }
}

/**
 * POSIX shell word splitting as Python's `shlex.split` does it (pip shlex-splits the option
 * part): whitespace separates words, '…' is literal, "…" allows `\` before `\ " $ \``, and a
 * backslash outside quotes takes the next character literally. Offsets are relative to
 * `text`, starting the scan at `from`.
 */
export function shellWords(text: string, from = 0): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let strayEscape: number | undefined;
    while (i < text.length && !/\s/.test(text[i] ?? '')) {
      const ch = text[i] ?? '';
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) throw new ShellSplitError(text.slice(from), i);
        value += text.slice(i + 1, close);
        i = close + 1;
      } else if (ch === '"') {
        let j = i + 1;
        for (;;) {
          if (j >= text.length) throw new ShellSplitError(text.slice(from), i);
          const c = text[j] ?? '';
          if (c === '"') break;
          if (c === '\\' && j + 1 < text.length && '\\"$`'.includes(text[j + 1] ?? '')) {
            value += text[j + 1];
            j += 2;
          } else {
            value += c;
            j += 1;
          }
        }
        i = j + 1;
      } else if (ch === '\\' && i + 1 < text.length) {
        if (strayEscape === undefined && !/[\s'"\\]/.test(text[i + 1] ?? '')) strayEscape = i;
        value += text[i + 1];
        i += 2;
      } else {
        value += ch;
        i += 1;
      }
    }
    words.push(strayEscape === undefined ? { value, start, end: i } : { value, start, end: i, strayEscape });
  }
  return words;
}
