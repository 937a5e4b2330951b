/**
 * Which Requires-Dist lines of one METADATA can apply to an extra, indexed once per METADATA (review 2
 * of session 13, R3: evaluating every line for every extra asked for cost extras × lines).
 *
 * A line applies to extra E when its marker holds with `extra` = E and not without extras (`extra`
 * = "": python-provider.ts, pip's ExtrasCandidate). Markers are and/or trees of comparisons, so
 * monotone in them. When every comparison on `extra` is an equality with a literal (`==`, and `<=`,
 * `>=`, `===`, which marker-evaluation.ts evaluates as string equality on `extra`), then for E
 * outside those literals each such comparison is false, and at most as true as with "": the line
 * can apply only to the extras it names. A line that never compares `extra` evaluates the same with
 * and without, so it applies to none. Any other comparison on `extra` (`!=`, `in`, a variable on
 * the other side) puts the line in `general`, examined for every extra. Callers still evaluate each
 * candidate line: the index only leaves out lines that cannot apply, so the dependencies are the
 * same.
 */
import type { Marker, MarkerValue } from '../standards/markers.js';
import { normalizeName } from '../standards/names.js';

export interface ExtraLineIndex {
  /** Per PEP 685 normalized extra: indices of the lines that name it, ascending. */
  byExtra: Map<string, number[]>;
  /** Indices of the lines that may apply to any extra, ascending. */
  general: number[];
}

const EQUALITY = new Set(['==', '<=', '>=', '===']);
const isExtra = (v: MarkerValue): boolean => v.kind === 'variable' && v.name === 'extra';

/** The literals `m` compares `extra` with for equality; undefined when it compares it otherwise. */
function equalityExtras(m: Marker): Set<string> | undefined {
  const found = new Set<string>();
  const todo: Marker[] = [m];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.kind !== 'compare') {
      todo.push(...n.items);
      continue;
    }
    const left = isExtra(n.lhs);
    const right = isExtra(n.rhs);
    if (!left && !right) continue;
    const other = left ? n.rhs : n.lhs;
    if (left && right) return undefined;
    if (!EQUALITY.has(n.op) || other.kind !== 'string') return undefined;
    found.add(normalizeName(other.value));
  }
  return found;
}

/** Index the markers of a METADATA's Requires-Dist lines (undefined: the line has no marker). */
export function indexExtraLines(markers: readonly (Marker | undefined)[]): ExtraLineIndex {
  const byExtra = new Map<string, number[]>();
  const general: number[] = [];
  markers.forEach((m, i) => {
    if (m === undefined) return;
    const extras = equalityExtras(m);
    if (extras === undefined) {
      general.push(i);
      return;
    }
    for (const e of extras) {
      const list = byExtra.get(e);
      if (list === undefined) byExtra.set(e, [i]);
      else list.push(i);
    }
  });
  return { byExtra, general };
}

/** The indices of the lines that may apply to `extra` (normalized), ascending: the lines' own order. */
export function linesForExtra(index: ExtraLineIndex, extra: string): number[] {
  const named = index.byExtra.get(extra) ?? [];
  const general = index.general;
  if (general.length === 0) return named;
  if (named.length === 0) return general;
  const out: number[] = [];
  let a = 0;
  let b = 0;
  while (a < named.length || b < general.length) {
    if (b >= general.length || (a < named.length && named[a]! < general[b]!)) out.push(named[a++]!);
    else out.push(general[b++]!);
  }
  return out;
}
