/**
 * `${NAME}` expansion in pip requirements files — pip's "Requirements File Format" reference,
 * "Using environment variables" (https://pip.pypa.io/en/stable/reference/requirements-file-format/),
 * as pip 23.2's `expand_env_variables` does it — with bounds pip does not have, and a map from
 * each character of the expanded text back to the unexpanded line (requirements-file-lines.ts).
 */

const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;

/** Work `${VAR}` expansion may still do, in characters scanned or written; shared by the lines of a read. */
export interface ExpansionBudget {
  left: number;
}

/** Where a run of expanded text stands in the line: `text.slice(start, end)` came from values. */
export interface ExpandedRun {
  text: string;
  start: number;
  end: number;
}

export interface Expanded {
  text: string;
  rawIndex?: number[];
  expandedOver?: number;
  overBudget?: true;
}

/**
 * pip 23.2's `expand_env_variables` (pip/_internal/req/req_file.py): for each `${NAME}` its
 * pattern finds in the line as written, in order (repeats included), a set, non-empty value
 * replaces every occurrence of that `${NAME}` in the line as it is by then (`str.replace`). So a
 * value holding a `${NAME}` the line also names is expanded as well when that name comes later,
 * and order matters. NAME is uppercase ASCII letters, digits and `_` (POSIX portable names); an
 * unset or empty variable is left as written. `onExpand` sees each run of the final text that
 * came from values (`${A}` alone is A's value; `x${B}y` with B=`Q` is `xQy`, which neither value
 * is), with the expanded line and the run's offsets in it: the caller decides from where it stands
 * (a URL's password or query, a version) whether it is a secret (review 18b F12).
 *
 * Bounded, where pip is not: a replace that would make the line longer than `maxChars` is not
 * made (`expandedOver`), and every scan and rewrite is charged to `budget` (`overBudget` when it
 * runs out: values that keep re-creating `${NAME}`s).
 */
export function expand(
  raw: string,
  env: Record<string, string | undefined>,
  onExpand?: (value: string, where: ExpandedRun) => void,
  maxChars = Infinity,
  budget: ExpansionBudget = { left: Infinity },
): Expanded {
  // Nothing to expand (nearly every line): text and raw are the same, no index map needed.
  if (!raw.includes('${')) return { text: raw };
  let text = raw;
  let index: number[] | undefined;
  // Which characters of `text` came from a value, and whether a `${NAME}` made (partly) of a value
  // was replaced: the text a value became is then not the value, so it is reported as a value too.
  // (0: the line's own; k > 0: the k-th replacement made.)
  let fromValue: number[] | undefined;
  let replacements = 0;
  let nested = false;
  // Variables known not to occur in `text` as it is now: replacing them would change nothing.
  const absent = new Set<string>();
  for (const match of raw.matchAll(ENV_VAR)) {
    const variable = match[0];
    const value = env[match[1] ?? ''];
    if (!value || absent.has(variable)) continue;
    budget.left -= text.length;
    if (budget.left < 0) return { text: raw, overBudget: true };
    const at: number[] = [];
    for (let i = text.indexOf(variable); i >= 0; i = text.indexOf(variable, i + variable.length)) at.push(i);
    if (at.length === 0) {
      absent.add(variable);
      continue;
    }
    // The length first: a few KB of `${BIG}` must not become gigabytes before the limit refuses it.
    const length = text.length + at.length * (value.length - variable.length);
    if (length > maxChars) return { text: raw, expandedOver: length };
    budget.left -= length;
    if (budget.left < 0) return { text: raw, overBudget: true };
    const from = index;
    const flags = fromValue;
    const nextIndex: number[] = [];
    const nextFlags: number[] = [];
    const keep = (a: number, b: number) => {
      for (let i = a; i < b; i++) {
        nextIndex.push(from === undefined ? i : from[i]!);
        nextFlags.push(flags?.[i] ?? 0);
      }
    };
    let next = '';
    let last = 0;
    for (const i of at) {
      next += text.slice(last, i) + value;
      keep(last, i);
      if (flags !== undefined && !nested) nested = flags.slice(i, i + variable.length).some((f) => f > 0);
      const id = ++replacements;
      // Each character of the value comes from where the replaced `${NAME}` began.
      const origin = from === undefined ? i : from[i]!;
      for (let k = 0; k < value.length; k++) {
        nextIndex.push(origin);
        nextFlags.push(id);
      }
      last = i + variable.length;
    }
    next += text.slice(last);
    keep(last, text.length);
    text = next;
    index = nextIndex;
    fromValue = nextFlags;
    absent.clear();
    if (!text.includes(variable)) absent.add(variable);
  }
  if (index === undefined) return { text: raw };
  if (onExpand !== undefined && fromValue !== undefined) {
    const flags = fromValue;
    // Each replacement's text (values side by side are reported one by one)…
    const runs = (same: (a: number, b: number) => boolean) => {
      for (let i = 0; i < text.length; i++) {
        if (flags[i] === 0) continue;
        let end = i + 1;
        while (end < text.length && flags[end] !== 0 && same(flags[i]!, flags[end]!)) end++;
        if (!nested || !same(0, 1) || flags.slice(i, end).some((f) => f !== flags[i]))
          onExpand(text.slice(i, end), { text, start: i, end });
        i = end - 1;
      }
    };
    runs((a, b) => a === b);
    // …and, when a value was expanded inside another, each whole run of value text it became.
    if (nested) runs(() => true);
  }
  index.push(raw.length);
  return { text, rawIndex: index };
}
