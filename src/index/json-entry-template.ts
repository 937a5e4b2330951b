/**
 * The shape of a PEP 691 `files` entry, learned from one the page scanner (json-page-scan.ts) read
 * in full, to read the next entries of the same shape with a few comparisons each. A page lists
 * thousands of entries written by one serializer: the same keys in the same order with the same
 * punctuation and whitespace, differing only in the text of their string values and numbers
 * (file name, URL, hashes, sizes, times) — and in a few literal values (`yanked: false/true`,
 * `requires-python: null`), which make a few shapes.
 *
 * A template is the entry's text cut into literal runs (everything outside value strings and
 * numbers: keys, punctuation, whitespace, `true`/`false`/`null`) and the holes between them (value
 * strings, numbers). An entry matches when each literal run is there verbatim, each string hole is
 * a string without escapes or raw LF/CR/TAB (Scanner.plainUntil; other control characters are
 * refused for the whole body by STRAY_CONTROL before any entry is read), and each number hole is an
 * RFC 8259 number. Such an entry is grammatical JSON with the same keys, nesting and kind of value
 * as the entry the template was learned from, so every field the scanner records (json-page-scan.ts
 * `r`: offsets of file name, URL, Requires-Python, upload time, hashes, core metadata, size, the
 * yanked reason) lies at the same literal run and offset, and the scanner's own decisions (which
 * value is a string, a number, `true`) are the same. An entry that does not match is read by the
 * full scanner, which may learn its shape. Differential tests hold the two paths to the JSON.parse
 * parser's pages (__tests__/index/json-page-scan.test.ts).
 */
import { NUMBER, type Scanner } from './json-scanner.js';

const STRING_HOLE = 0;
const NUMBER_HOLE = 1;

/** Fields of the scanner's per-entry record `r` (offsets; -1 when absent). */
export const ENTRY_FIELDS = 18;
/** `r` index of the yanked reason's start and end (a string `yanked`). */
export const YANKED_START = 16;
export const YANKED_END = 17;

export class EntryTemplate {
  /** Start offset of each literal run in the entry being matched. */
  private readonly at: Int32Array;
  /** The shape as one sticky pattern (`shapePattern`), with plain or strict string holes; made on first use. */
  private plainPattern: RegExp | undefined = undefined;
  private strictPattern: RegExp | undefined = undefined;

  private constructor(
    private readonly literals: string[],
    private readonly holes: Uint8Array,
    /** For each field of `r`: the literal run it is counted from (-1: absent) and the offset. */
    private readonly fieldRun: Int32Array,
    private readonly fieldOffset: Int32Array,
    /** The yanked value when it is not a string (false also when absent). */
    readonly yanked: boolean,
  ) {
    this.at = new Int32Array(literals.length);
  }

  /**
   * The template of the entry `text[start, end)` (from its `{` to after its `}`) that the full
   * scanner accepted with the field record `r`; undefined for an entry with escapes (its offsets
   * are not plain positions) or a field that is not at a literal run's edge.
   */
  static learn(
    text: string,
    start: number,
    end: number,
    r: ArrayLike<number>,
    yanked: boolean | string,
  ): EntryTemplate | undefined {
    const literals: string[] = [];
    const runStarts: number[] = [];
    const holes: number[] = [];
    // Without a `\` every `"` delimits a string, so the walk below pairs them right.
    for (let j = start; j < end; j++) if (text.charCodeAt(j) === 92 /* \ */) return undefined;
    let runStart = start;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        const close = text.indexOf('"', i + 1);
        if (close < 0 || close >= end) return undefined;
        let j = close + 1;
        while (isWs(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) !== 58 /* : */) {
          // A value string: the run ends with its opening quote, the next starts with its closing one.
          literals.push(text.slice(runStart, i + 1));
          runStarts.push(runStart);
          holes.push(STRING_HOLE);
          runStart = close;
        }
        i = close + 1;
      } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return undefined;
        literals.push(text.slice(runStart, i));
        runStarts.push(runStart);
        holes.push(NUMBER_HOLE);
        runStart = i = NUMBER.lastIndex;
      } else i++;
    }
    literals.push(text.slice(runStart, end));
    runStarts.push(runStart);
    const fieldRun = new Int32Array(ENTRY_FIELDS).fill(-1);
    const fieldOffset = new Int32Array(ENTRY_FIELDS);
    for (let f = 0; f < ENTRY_FIELDS; f++) {
      const p = r[f] as number;
      if (p === -1) continue;
      if (p < start || p > end) return undefined;
      // The run p lies in or ends: the start of a field (even f) is counted from the run it ends
      // (a hole's start), its end (odd f) from the run that starts there (a hole's end) — for an
      // empty string both are the same offset, and a longer string moves one but not the other.
      let k = runStarts.length - 1;
      while (k > 0 && (runStarts[k] as number) > p) k--;
      if (f % 2 === 0 && k > 0 && (runStarts[k] as number) === p) {
        const before = k - 1;
        if ((runStarts[before] as number) + (literals[before] as string).length === p) k = before;
      }
      const offset = p - (runStarts[k] as number);
      if (offset > (literals[k] as string).length) return undefined;
      fieldRun[f] = k;
      fieldOffset[f] = offset;
    }
    if (typeof yanked === 'string' && fieldRun[YANKED_START] === -1) return undefined;
    return new EntryTemplate(literals, Uint8Array.from(holes), fieldRun, fieldOffset, yanked === true);
  }

  /**
   * The part of this shape before the file name (json-page-scan.ts skims entries by it), or
   * undefined when the name is not a string value's whole text (a name with escapes).
   */
  namePrefix(): EntryPrefix | undefined {
    const k = this.fieldRun[0] as number;
    if (k < 0 || k >= this.holes.length || this.holes[k] !== STRING_HOLE) return undefined;
    if (this.fieldOffset[0] !== (this.literals[k] as string).length) return undefined;
    return new EntryPrefix(this.literals.slice(0, k + 1), this.holes.slice(0, k));
  }

  /**
   * Matches the entry at `p` (its `{`): the offset after its `}` with its fields written to `r`,
   * or -1 (nothing written) when it is not of this shape.
   *
   * The shape is tested as one sticky pattern (`shapePattern`), then walked for the offsets of its
   * literal runs. A literal run compared with `startsWith` cost ~50 instructions per character in
   * TurboFan's code (each character of both strings loaded through the string-representation
   * dispatch; measured under callgrind: ~11,000 instructions per PyPI entry); the pattern compares
   * them natively. Accepted exactly when the run-by-run comparison accepts (`matchByRuns`,
   * held to it by __tests__/index/json-entry-template.test.ts).
   */
  match(sc: Scanner, p: number, r: Int32Array | number[]): number {
    const text = sc.s;
    const plain = sc.plainAhead();
    const pattern = plain
      ? (this.plainPattern ??= shapePattern(this.literals, this.holes, PLAIN_STRING))
      : (this.strictPattern ??= shapePattern(this.literals, this.holes, STRICT_STRING));
    pattern.lastIndex = p;
    if (!pattern.test(text)) return -1;
    // Of this shape: each string hole ends at the next `"`, each number hole where the number ends.
    const literals = this.literals;
    const holes = this.holes;
    const at = this.at;
    const last = literals.length - 1;
    for (let k = 0; ; k++) {
      at[k] = p;
      p += (literals[k] as string).length;
      if (k === last) break;
      p = holes[k] === STRING_HOLE ? text.indexOf('"', p) : numberEnd(text, p);
    }
    this.writeFields(r);
    return p;
  }

  /**
   * `match` comparing run by run (the definition the pattern is held to; tests): each literal run
   * verbatim, each string hole up to the next `"` with no `\`, LF, CR or TAB (Scanner.plainUntil),
   * each number hole an RFC 8259 number.
   */
  matchByRuns(sc: Scanner, p: number, r: Int32Array | number[]): number {
    const text = sc.s;
    const literals = this.literals;
    const holes = this.holes;
    const at = this.at;
    const last = literals.length - 1;
    for (let k = 0; ; k++) {
      const literal = literals[k] as string;
      if (!text.startsWith(literal, p)) return -1;
      at[k] = p;
      p += literal.length;
      if (k === last) break;
      if (holes[k] === STRING_HOLE) {
        const close = text.indexOf('"', p);
        if (close < 0 || !sc.plainUntil(p, close)) return -1;
        p = close;
      } else {
        p = numberEnd(text, p);
        if (p < 0) return -1;
      }
    }
    this.writeFields(r);
    return p;
  }

  private writeFields(r: Int32Array | number[]): void {
    const at = this.at;
    const fieldRun = this.fieldRun;
    const fieldOffset = this.fieldOffset;
    for (let f = 0; f < ENTRY_FIELDS; f++) {
      const k = fieldRun[f] as number;
      r[f] = k < 0 ? -1 : (at[k] as number) + (fieldOffset[f] as number);
    }
  }
}

/**
 * A string hole in a shape pattern. The literal run after a string hole starts with the string's
 * closing `"`, and neither class holds `"`: the hole ends at the first `"` after its start, as
 * `indexOf` finds it. STRICT_STRING stops at a `\`, LF, CR or TAB, so a string holding one fails
 * the match (Scanner.plainUntil); PLAIN_STRING is used where the scanner knows none is left.
 */
const STRICT_STRING = String.raw`[^"\\\n\r\t]*`;
const PLAIN_STRING = '[^"]*';

/** Shape patterns by source: a page's shapes repeat the same keys and punctuation on every page of an index. */
const SHAPE_PATTERNS = new Map<string, RegExp>();
const SHAPE_PATTERNS_LIMIT = 64;

/**
 * A shape as one sticky pattern: literal runs verbatim, string holes as `stringHole`, number holes
 * as the scanner's RFC 8259 NUMBER. A literal run after a number starts with `,`, `}` or
 * whitespace (JSON grammar), never a number character, so backtracking into a number never makes
 * a match: the number is the longest one there, as `numberEnd` takes it. Linear in the entry's
 * length (no class overlaps what follows it).
 */
function shapePattern(literals: string[], holes: Uint8Array, stringHole: string): RegExp {
  let source = '';
  for (let k = 0; k < literals.length; k++) {
    source += escapeForPattern(literals[k] as string);
    if (k < holes.length) source += holes[k] === STRING_HOLE ? stringHole : NUMBER.source;
  }
  let pattern = SHAPE_PATTERNS.get(source);
  if (pattern === undefined) {
    if (SHAPE_PATTERNS.size >= SHAPE_PATTERNS_LIMIT) SHAPE_PATTERNS.clear();
    pattern = new RegExp(source, 'y');
    SHAPE_PATTERNS.set(source, pattern);
  }
  return pattern;
}

/**
 * The literal runs and holes of an entry shape up to its file name's opening quote. Text that
 * matches it, in a body with no `\` from there on (so every `"` delimits a string), has the same
 * tokens as the entry the shape was learned from up to there, with other string contents and
 * numbers: the same keys, nesting and kinds of value — so the string that follows is that entry's
 * own top-level `filename`, never a key of a nested object.
 */
export class EntryPrefix {
  /**
   * The same shape as one sticky pattern: literal runs verbatim, a string hole as `[^"]*` (the
   * next `"` ends it, as `indexOf` finds it), a number hole as the scanner's RFC 8259 NUMBER. A
   * literal run after a number starts with `,`, `}` or whitespace, never a number character, so
   * the pattern's match is the comparison's: the same offsets, accepted exactly when it is.
   */
  private readonly pattern: RegExp;

  constructor(literals: string[], holes: Uint8Array) {
    const number = NUMBER.source;
    let source = '';
    for (let k = 0; k < literals.length; k++) {
      source += escapeForPattern(literals[k] as string);
      if (k < holes.length) source += holes[k] === STRING_HOLE ? '[^"]*' : number;
    }
    this.pattern = new RegExp(source, 'y');
  }

  /** Where the file name of the entry at `p` (its `{`) starts, or -1 when the entry is not of this shape. */
  nameAt(text: string, p: number): number {
    // One native match per entry, with no string made (test() moves lastIndex only).
    const pattern = this.pattern;
    pattern.lastIndex = p;
    return pattern.test(text) ? pattern.lastIndex : -1;
  }
}

/** `text` as a pattern matching exactly itself. */
function escapeForPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The end of the RFC 8259 number at `p` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
 * the longest match, as the scanner's NUMBER), or -1 when none starts there.
 */
export function numberEnd(text: string, p: number): number {
  if (text.charCodeAt(p) === 45) p++;
  const first = text.charCodeAt(p);
  if (first === 48) p++;
  else if (first > 48 && first <= 57) while (isDigit(text.charCodeAt(++p)));
  else return -1;
  if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
    p++;
    while (isDigit(text.charCodeAt(++p)));
  }
  const e = text.charCodeAt(p);
  if (e === 101 || e === 69) {
    let q = p + 1;
    const sign = text.charCodeAt(q);
    if (sign === 43 || sign === 45) q++;
    if (isDigit(text.charCodeAt(q))) {
      p = q;
      while (isDigit(text.charCodeAt(++p)));
    }
  }
  return p;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
