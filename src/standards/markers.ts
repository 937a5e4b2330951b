/**
 * Environment markers — PEP 508 "Environment Markers" and its grammar (`marker_or`, `marker_and`,
 * `marker_expr`, `marker_var`, `marker_op`, `python_str`), with PEP 685 normalization of `extra`
 * values. Evaluation follows packaging's Marker.evaluate: when the operator is a version operator
 * and `<op><rhs>` is a valid PEP 440 specifier and the left side a valid version, compare as
 * versions (pre-releases admitted); otherwise compare as Python strings (`in` is substring).
 * Accepts packaging's legacy spellings `os.name`, `sys.platform`, `platform.version`,
 * `platform.machine`, `platform.python_implementation`, `python_implementation` and normalizes
 * them to the PEP 508 names.
 * Not supported: PEP 751's set-valued `extras` / `dependency_groups` variables; `~=` between
 * non-version strings evaluates to false (packaging raises UndefinedComparison).
 */
import type { MarkerEnvironment } from './environment.js';
import { normalizeName } from './names.js';
import { Specifier, specifierVersionProblem, type SpecifierOperator } from './specifier.js';
import { Version } from './version.js';

export type MarkerVariable = keyof MarkerEnvironment | 'extra';
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

function tokenize(input: string): Token[] {
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
      tokens.push({ t: 'value', value: { kind: 'string', value: input.slice(i + 1, close) }, pos: i });
      i = close + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z0-9_.]+/.exec(input.slice(i))![0];
      if (word === 'and' || word === 'or') {
        tokens.push({ t: word, pos: i });
      } else if (word === 'in') {
        tokens.push({ t: 'op', op: 'in', pos: i });
      } else if (word === 'not') {
        const after = /^\s+in(?![A-Za-z0-9_.])/.exec(input.slice(i + 3));
        if (after === null) fail(i, 'expected "in" after "not"');
        tokens.push({ t: 'op', op: 'not in', pos: i });
        i += after![0].length;
      } else {
        const name = ALIASES[word] ?? word;
        if (!VARIABLES.has(name)) fail(i, `unknown marker variable "${word}"`);
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

/** Parses a PEP 508 marker expression; throws InvalidMarkerError with the failing column. */
export function parseMarker(input: string): Marker {
  const tokens = tokenize(input);
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
  const parseAtom = (): Marker => {
    if (peek().t === 'lparen') {
      k++;
      const inner = parseOr();
      if (peek().t !== 'rparen') fail('expected ")"');
      k++;
      return inner;
    }
    const lhs = parseValue('a marker expression');
    const opTok = peek();
    if (opTok.t !== 'op')
      return fail('expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)');
    k++;
    const rhs = parseValue(`a value after "${opTok.op}"`);
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

function quote(s: string): string {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

function valueToString(v: MarkerValue): string {
  return v.kind === 'variable' ? v.name : quote(v.value);
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

function versionSpecifier(op: SpecifierOperator, rhs: string): Specifier | null {
  return cached(specCache, `${op}${rhs}`, () =>
    specifierVersionProblem(op, rhs.trim()) === null ? Specifier.parse(`${op}${rhs}`) : null,
  );
}

function compareStrings(lhs: string, op: MarkerOperator, rhs: string): boolean {
  switch (op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '==':
    case '===':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
      return lhs < rhs;
    case '<=':
      return lhs <= rhs;
    case '>':
      return lhs > rhs;
    case '>=':
      return lhs >= rhs;
    default:
      return false; // `~=` is undefined between non-versions
  }
}

function evaluateCompare(
  m: Extract<Marker, { kind: 'compare' }>,
  env: MarkerEnvironment,
  extra: string,
): boolean {
  const resolve = (v: MarkerValue): string =>
    v.kind === 'string' ? v.value : v.name === 'extra' ? extra : env[v.name];
  let lhs = resolve(m.lhs);
  let rhs = resolve(m.rhs);
  // PEP 685: extra names compare after normalization, on both sides.
  if (
    (m.lhs.kind === 'variable' && m.lhs.name === 'extra') ||
    (m.rhs.kind === 'variable' && m.rhs.name === 'extra')
  ) {
    lhs = normalizeName(lhs);
    rhs = normalizeName(rhs);
  }
  if (m.op !== 'in' && m.op !== 'not in') {
    const spec = versionSpecifier(m.op, rhs);
    if (spec !== null) {
      const version = cached(versionCache, lhs, () => Version.tryParse(lhs));
      if (version !== null) return spec.matches(version);
    }
  }
  return compareStrings(lhs, m.op, rhs);
}

function evaluateWith(m: Marker, env: MarkerEnvironment, extra: string): boolean {
  if (m.kind === 'compare') return evaluateCompare(m, env, extra);
  if (m.kind === 'and') return m.items.every((item) => evaluateWith(item, env, extra));
  return m.items.some((item) => evaluateWith(item, env, extra));
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
): boolean {
  const list = extras === undefined ? [] : [...extras];
  if (list.length === 0) return evaluateWith(m, env, '');
  return list.some((e) => evaluateWith(m, env, e));
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
