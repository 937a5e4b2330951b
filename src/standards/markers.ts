/**
 * Environment markers, parsed — PEP 508 "Environment Markers" and its grammar (`marker_or`,
 * `marker_and`, `marker_expr`, `marker_var`, `marker_op`, `python_str`), read as packaging 26
 * (what pip 26 vendors) reads them; evaluating a parsed marker is marker-evaluation.ts.
 *  - Whitespace between tokens is spaces and tabs only; `not` and `in` are separated by them.
 *  - Quoted strings are Python string literals (marker-string.ts): escapes decode, a line break
 *    inside a string or a backslash before the closing quote is an error.
 * Accepts packaging's legacy spellings `os.name`, `sys.platform`, `platform.version`,
 * `platform.machine`, `platform.python_implementation`, `python_implementation` and normalizes
 * them to the PEP 508 names.
 * Deliberate difference (test/conformance divergence list): a comparison of two quoted strings is
 * refused when parsed (packaging looks the right string up as a variable name when it evaluates).
 * PEP 751's set-valued `extras` / `dependency_groups` variables are refused when parsed (pip cannot
 * evaluate them in metadata either), except with `{ lockMarkers: true }` for lock files.
 */
import type { MarkerEnvironment } from './environment.js';
import { decodeMarkerString, MarkerStringError, quoteMarkerString } from './marker-string.js';
import { normalizeName } from './names.js';
import type { SpecifierOperator } from './specifier.js';

export type MarkerVariable = keyof MarkerEnvironment | 'extra' | 'extras' | 'dependency_groups';

/** PEP 751's set-valued variables, read only in lock files' markers. */
export const LOCK_VARIABLES: ReadonlySet<string> = new Set(['extras', 'dependency_groups']);

export interface ParseMarkerOptions {
  /** Accept PEP 751's `extras` / `dependency_groups` (lock files only). */
  lockMarkers?: boolean;
}
export type MarkerOperator = SpecifierOperator | 'in' | 'not in';
export type MarkerValue = { kind: 'variable'; name: MarkerVariable } | { kind: 'string'; value: string };
export type Marker =
  | { kind: 'compare'; lhs: MarkerValue; op: MarkerOperator; rhs: MarkerValue }
  | { kind: 'and' | 'or'; items: Marker[] };

export class InvalidMarkerError extends Error {
  constructor(
    readonly input: string,
    /** 0-based offset into `input`. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`invalid marker ${JSON.stringify(input)}: ${reason} at column ${column}`);
    this.name = 'InvalidMarkerError';
  }
}

const VARIABLES: ReadonlySet<string> = new Set<MarkerVariable>([
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'python_version',
  'sys_platform',
  'extra',
]);
const ALIASES: Readonly<Record<string, MarkerVariable>> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

type Token =
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'end'; pos: number }
  | { t: 'op'; op: MarkerOperator; pos: number }
  | { t: 'value'; value: MarkerValue; pos: number };

const OPS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'] as const;

function tokenize(input: string, lockMarkers: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (col: number, reason: string): never => {
    throw new InvalidMarkerError(input, col, reason);
  };
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i });
      i++;
    } else if (c === '"' || c === "'") {
      const close = input.indexOf(c, i + 1);
      if (close < 0) fail(i, `unterminated string (missing closing ${c})`);
      let value = '';
      try {
        value = decodeMarkerString(input.slice(i + 1, close));
      } catch (e) {
        if (e instanceof MarkerStringError) fail(i + 1 + e.offset, e.reason);
        throw e;
      }
      tokens.push({ t: 'value', value: { kind: 'string', value }, pos: i });
      i = close + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z0-9_.]+/.exec(input.slice(i))![0];
      if (word === 'and' || word === 'or') {
        tokens.push({ t: word, pos: i });
      } else if (word === 'in') {
        tokens.push({ t: 'op', op: 'in', pos: i });
      } else if (word === 'not') {
        // packaging: `not`, then spaces or tabs (never a line break), then `in`.
        const after = /^[ \t]+in(?![A-Za-z0-9_.])/.exec(input.slice(i + 3));
        if (after === null) fail(i, 'expected "in" after "not"');
        tokens.push({ t: 'op', op: 'not in', pos: i });
        i += after![0].length;
      } else {
        const name = ALIASES[word] ?? word;
        if (!VARIABLES.has(name) && !(lockMarkers && LOCK_VARIABLES.has(name))) {
          fail(i, `unknown marker variable "${word}"`);
        }
        tokens.push({ t: 'value', value: { kind: 'variable', name: name as MarkerVariable }, pos: i });
      }
      i += word.length;
    } else {
      const op = OPS.find((o) => input.startsWith(o, i));
      if (op === undefined) fail(i, `unexpected character ${JSON.stringify(c)}`);
      tokens.push({ t: 'op', op: op!, pos: i });
      i += op!.length;
    }
  }
  tokens.push({ t: 'end', pos: input.length });
  return tokens;
}

/**
 * How deep parentheses may nest. The parser recurses per level, so a bound keeps a hostile marker
 * (thousands of levels) an InvalidMarkerError instead of a stack overflow (review 1 of session 13).
 * Every marker pip can read is read here: pip 23.2's packaging fails with RecursionError between
 * 80 and 90 levels, pip 26.2's at about 495 (review 4).
 */
export const MARKER_MAX_DEPTH = 500;

/** Parses a PEP 508 marker expression; throws InvalidMarkerError with the failing column. */
export function parseMarker(input: string, options: ParseMarkerOptions = {}): Marker {
  const tokens = tokenize(input, options.lockMarkers === true);
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const fail = (reason: string): never => {
    throw new InvalidMarkerError(input, peek().pos, reason);
  };
  const parseValue = (what: string): MarkerValue => {
    const tok = peek();
    if (tok.t !== 'value') return fail(`expected ${what} (a marker variable or a quoted string)`);
    k++;
    return tok.value;
  };
  let depth = 0;
  const parseAtom = (): Marker => {
    if (peek().t === 'lparen') {
      if (++depth > MARKER_MAX_DEPTH) fail(`more than ${MARKER_MAX_DEPTH} nested parentheses`);
      k++;
      const inner = parseOr();
      if (peek().t !== 'rparen') fail('expected ")"');
      k++;
      depth--;
      return inner;
    }
    const tok0 = peek().pos;
    const lhs = parseValue('a marker expression');
    const opTok = peek();
    if (opTok.t !== 'op')
      return fail('expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)');
    k++;
    const rhs = parseValue(`a value after "${opTok.op}"`);
    if (lhs.kind === 'string' && rhs.kind === 'string') {
      throw new InvalidMarkerError(input, tok0, 'a comparison needs a marker variable on one side');
    }
    return { kind: 'compare', lhs, op: opTok.op, rhs };
  };
  const parseSeq = (kind: 'and' | 'or', next: () => Marker): Marker => {
    const items = [next()];
    while (peek().t === kind) {
      k++;
      items.push(next());
    }
    return items.length === 1 ? items[0]! : { kind, items };
  };
  const parseAnd = (): Marker => parseSeq('and', parseAtom);
  const parseOr = (): Marker => parseSeq('or', parseAnd);
  if (peek().t === 'end') fail('expected a marker expression');
  const marker = parseOr();
  if (peek().t !== 'end') fail('expected "and", "or" or the end of the marker');
  return marker;
}

function valueToString(v: MarkerValue): string {
  return v.kind === 'variable' ? v.name : quoteMarkerString(v.value);
}

/**
 * Normalized text: single spaces, double quotes (single when the value holds a double quote),
 * PEP 508 variable names, parentheses around every nested and/or group.
 */
export function markerToString(m: Marker): string {
  if (m.kind === 'compare') return `${valueToString(m.lhs)} ${m.op} ${valueToString(m.rhs)}`;
  return m.items
    .map((item) => (item.kind === 'compare' ? markerToString(item) : `(${markerToString(item)})`))
    .join(` ${m.kind} `);
}

/** Normalized names of the extras a marker compares `extra` against (e.g. for Provides-Extra checks). */
export function markerExtras(m: Marker): string[] {
  const found = new Set<string>();
  const walk = (n: Marker): void => {
    if (n.kind !== 'compare') return n.items.forEach(walk);
    const isExtra = (v: MarkerValue): boolean => v.kind === 'variable' && v.name === 'extra';
    if (isExtra(n.lhs) && n.rhs.kind === 'string') found.add(normalizeName(n.rhs.value));
    if (isExtra(n.rhs) && n.lhs.kind === 'string') found.add(normalizeName(n.lhs.value));
  };
  walk(m);
  return [...found].sort();
}
