/**
 * Environment markers, evaluated — PEP 508 "Environment Markers" (with PEP 685 normalization of
 * `extra` values and PEP 751's `extras` / `dependency_groups` sets), answering for a marker parsed
 * by markers.ts as packaging 26 (what pip 26 vendors) does:
 *  - The comparison is typed by its variable (the left one, else the right one). Only
 *    `python_version`, `python_full_version`, `implementation_version` and `platform_release`
 *    are versions: when `<op><value>` is a valid specifier the other side is matched against it
 *    with pre-releases admitted, and a side that is no valid version matches nothing (so `!=`
 *    is false too) except under `===`, which is case-insensitive string equality.
 *  - Everything else compares as strings, per the current dependency specifiers text: `==`,
 *    `!=`, `in`, `not in` as usual, `<=` and `>=` as equality, `<` and `>` always false.
 * Deliberate difference (test/conformance divergence list): packaging raises UndefinedComparison
 * for `~=`/`===` between non-versions, where this module answers `~=` false and `===` as string
 * equality.
 * For lock files (markers parsed with `{ lockMarkers: true }`), `"name" in extras` / `not in` test
 * the sets given to evaluateMarker (names PEP 685-normalized), and any other comparison involving
 * a set is false.
 */
import type { MarkerEnvironment } from './environment.js';
import {
  LOCK_VARIABLES,
  type Marker,
  type MarkerOperator,
  type MarkerValue,
  type MarkerVariable,
} from './markers.js';
import { normalizeName } from './names.js';
import { InvalidSpecifierError, Specifier, type SpecifierOperator } from './specifier.js';
import { Version } from './version.js';

/** PEP 751: the extras and dependency groups a lock file is installed with. */
export interface LockMarkerSets {
  extras: ReadonlySet<string>;
  dependency_groups: ReadonlySet<string>;
}

const NO_SETS: LockMarkerSets = { extras: new Set(), dependency_groups: new Set() };

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
