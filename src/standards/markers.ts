/**
 * Environment markers — PEP 508 "Environment Markers" and its grammar (`marker_or`, `marker_and`,
 * `marker_expr`, `marker_var`, `marker_op`, `python_str`), with PEP 685 normalization of `extra`
 * values, answering as packaging 26 (what pip 26 vendors) does:
 *  - Whitespace between tokens is spaces and tabs only; `not` and `in` are separated by them.
 *  - Quoted strings are Python string literals (marker-string.ts): escapes decode, a line break
 *    inside a string or a backslash before the closing quote is an error.
 *  - The comparison is typed by its variable (the left one, else the right one). Only
 *    `python_version`, `python_full_version`, `implementation_version` and `platform_release`
 *    are versions: when `<op><value>` is a valid specifier the other side is matched against it
 *    with pre-releases admitted, and a side that is no valid version matches nothing (so `!=`
 *    is false too) except under `===`, which is case-insensitive string equality.
 *  - Everything else compares as strings, per the current dependency specifiers text: `==`,
 *    `!=`, `in`, `not in` as usual, `<=` and `>=` as equality, `<` and `>` always false.
 * Accepts packaging's legacy spellings `os.name`, `sys.platform`, `platform.version`,
 * `platform.machine`, `platform.python_implementation`, `python_implementation` and normalizes
 * them to the PEP 508 names.
 * Deliberate differences (test/conformance divergence list): packaging raises
 * UndefinedComparison for `~=`/`===` between non-versions, where this module answers `~=` false
 * and `===` as string equality; a comparison of two quoted strings is refused when parsed
 * (packaging looks the right string up as a variable name when it evaluates).
 * PEP 751's set-valued `extras` / `dependency_groups` variables are refused when parsed (pip cannot
 * evaluate them in metadata either), except with `{ lockMarkers: true }` for lock files: then
 * `"name" in extras` / `not in` test the sets given to evaluateMarker (names PEP 685-normalized),
 * and any other comparison involving a set is false.
 */
import type { MarkerEnvironment } from './environment.js';
import { decodeMarkerString, MarkerStringError, quoteMarkerString } from './marker-string.js';
import { normalizeName } from './names.js';
import { InvalidSpecifierError, Specifier, type SpecifierOperator } from './specifier.js';
import { Version } from './version.js';

export type MarkerVariable = keyof MarkerEnvironment | 'extra' | 'extras' | 'dependency_groups';

/** PEP 751: the extras and dependency groups a lock file is installed with. */
export interface LockMarkerSets {
  extras: ReadonlySet<string>;
  dependency_groups: ReadonlySet<string>;
}

const NO_SETS: LockMarkerSets = { extras: new Set(), dependency_groups: new Set() };
const LOCK_VARIABLES: ReadonlySet<string> = new Set(['extras', 'dependency_groups']);

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

/** packaging's MARKERS_REQUIRING_VERSION: the only variables compared as versions. */
const VERSION_VARIABLES: ReadonlySet<MarkerVariable> = new Set<MarkerVariable>([
  'implementation_version',
  'platform_release',
  'python_full_version',
  'python_version',
]);

// Small caches: marker evaluation runs for every dependency edge against few distinct values.
const specCache = new Map<string, Specifier | null>();
const versionCache = new Map<string, Version | null>();
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    if (cache.size > 4096) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v as T;
}

/** `Specifier(op + value)` as packaging builds it, or null when that text is no specifier. */
function versionSpecifier(op: SpecifierOperator, rhs: string): Specifier | null {
  return cached(specCache, `${op}${rhs}`, () => {
    try {
      return Specifier.parse(`${op}${rhs}`);
    } catch (e) {
      if (e instanceof InvalidSpecifierError) return null;
      throw e;
    }
  });
}

/** A comparison between two strings (the fallback when no version comparison applies). */
function compareStrings(lhs: string, op: MarkerOperator, rhs: string): boolean {
  switch (op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '==':
    case '<=':
    case '>=':
    case '===': // packaging raises UndefinedComparison here; string equality (divergence list)
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    default:
      // `<` and `>` between non-versions are false; `~=` is undefined (packaging raises).
      return false;
  }
}

/** packaging's `Specifier.contains(lhs, prereleases=True)` for a marker's version comparison. */
function versionContains(spec: Specifier, lhs: string): boolean {
  if (spec.operator === '===') return lhs.toLowerCase() === spec.versionText.toLowerCase();
  const version = cached(versionCache, lhs, () => Version.tryParse(lhs));
  return version !== null && spec.matches(version);
}

const isSetVariable = (v: MarkerValue): v is { kind: 'variable'; name: 'extras' | 'dependency_groups' } =>
  v.kind === 'variable' && LOCK_VARIABLES.has(v.name);

/**
 * `extra` compared against a SET of active names, as uv evaluates the conflict markers of its
 * uv.lock (`extra == 'extra-4-proj-gpu'` holds when that item is active, `!=` when it is not —
 * uv's pylock export writes `extra != X` as `'X' not in extras`): `==`/`!=` test membership;
 * any other operator holds when it holds for one active name (or for '' when none is active).
 */
function compareExtraSet(m: Extract<Marker, { kind: 'compare' }>, active: ReadonlySet<string>): boolean {
  const extraOnLeft = m.lhs.kind === 'variable' && m.lhs.name === 'extra';
  const other = extraOnLeft ? m.rhs : m.lhs;
  const literal = normalizeName(other.kind === 'string' ? other.value : other.name);
  if (m.op === '==' || m.op === '!=') return active.has(literal) === (m.op === '==');
  const names = active.size > 0 ? [...active] : [''];
  return names.some((e) =>
    extraOnLeft ? compareStrings(e, m.op, literal) : compareStrings(literal, m.op, e),
  );
}

const isExtraVariable = (v: MarkerValue): boolean => v.kind === 'variable' && v.name === 'extra';

function evaluateCompare(
  m: Extract<Marker, { kind: 'compare' }>,
  env: MarkerEnvironment,
  extraOrSet: string | ReadonlySet<string>,
  sets: LockMarkerSets,
): boolean {
  if (typeof extraOrSet !== 'string' && (isExtraVariable(m.lhs) || isExtraVariable(m.rhs))) {
    return compareExtraSet(m, extraOrSet);
  }
  const extra = typeof extraOrSet === 'string' ? extraOrSet : '';
  if (isSetVariable(m.lhs) || isSetVariable(m.rhs)) {
    // PEP 751: `"name" in extras`; anything else involving the sets is no defined comparison.
    if (!isSetVariable(m.rhs) || m.lhs.kind !== 'string' || (m.op !== 'in' && m.op !== 'not in')) {
      return false;
    }
    const has = sets[m.rhs.name].has(normalizeName(m.lhs.value));
    return m.op === 'in' ? has : !has;
  }
  const value = (name: MarkerVariable): string =>
    name === 'extra' ? extra : env[name as keyof MarkerEnvironment];
  // packaging types the comparison by one variable: the left side when it is a variable, else
  // the right. The other side is taken literally — a variable there stands for its own name.
  // An `extra` on either side turns the other side into a normalized literal first (PEP 685).
  let key: MarkerVariable;
  let lhs: string;
  let rhs: string;
  const { lhs: l, rhs: r } = m;
  if (l.kind === 'variable' && l.name === 'extra') {
    key = 'extra';
    lhs = extra;
    rhs = normalizeName(r.kind === 'string' ? r.value : r.name);
  } else if (r.kind === 'variable' && r.name === 'extra') {
    key = 'extra';
    lhs = normalizeName(l.kind === 'string' ? l.value : l.name);
    rhs = extra;
  } else if (l.kind === 'variable') {
    key = l.name;
    lhs = value(l.name);
    rhs = r.kind === 'string' ? r.value : r.name;
  } else {
    // parseMarker refuses two strings, so the right side is a variable here.
    key = (r as { name: MarkerVariable }).name;
    lhs = l.value;
    rhs = value(key);
  }
  if (VERSION_VARIABLES.has(key) && m.op !== 'in' && m.op !== 'not in') {
    const spec = versionSpecifier(m.op, rhs);
    if (spec !== null) return versionContains(spec, lhs);
  }
  return compareStrings(lhs, m.op, rhs);
}

function evaluateWith(
  m: Marker,
  env: MarkerEnvironment,
  extra: string | ReadonlySet<string>,
  sets: LockMarkerSets,
): boolean {
  if (m.kind === 'compare') return evaluateCompare(m, env, extra, sets);
  if (m.kind === 'and') return m.items.every((item) => evaluateWith(item, env, extra, sets));
  return m.items.some((item) => evaluateWith(item, env, extra, sets));
}

/**
 * Evaluates a marker for an explicit target. Without extras, `extra` is the empty string (so
 * `extra == "x"` is false); with extras, the marker holds when it holds for any one of them —
 * how pip selects a distribution's Requires-Dist entries for the requested extras.
 */
export function evaluateMarker(
  m: Marker,
  env: MarkerEnvironment,
  extras?: ReadonlySet<string> | readonly string[],
  lockSets: LockMarkerSets = NO_SETS,
): boolean {
  // packaging normalizes the environment's `extra` (PEP 685) unless it is empty.
  const list = extras === undefined ? [] : [...extras].map((e) => (e === '' ? e : normalizeName(e)));
  if (list.length === 0) return evaluateWith(m, env, '', lockSets);
  return list.some((e) => evaluateWith(m, env, e, lockSets));
}

/**
 * Evaluates a uv.lock dependency marker, whose `extra` names uv's conflict items
 * (`extra-N-<package>-<extra>`, `group-N-<package>-<group>`): `extra` stands for the SET of
 * active items (see compareExtraSet), not for one of them at a time as in evaluateMarker.
 */
export function evaluateMarkerWithActiveExtras(
  m: Marker,
  env: MarkerEnvironment,
  active: Iterable<string>,
): boolean {
  return evaluateWith(m, env, new Set([...active].map(normalizeName)), NO_SETS);
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
