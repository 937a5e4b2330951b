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
 * unset or empty variable is left as written. `onExpand` sees each value that replaced something
 * (the caller treats them as secrets) and, when a value was expanded inside another, each run of
 * the final text that came from values (`x${B}y` with B=`Q` is `xQy`, which neither value is).
 *
 * Bounded, where pip is not: a replace that would make the line longer than `maxChars` is not
 * made (`expandedOver`), and every scan and rewrite is charged to `budget` (`overBudget` when it
 * runs out: values that keep re-creating `${NAME}`s).
 */
export function expand(
  raw: string,
  env: Record<string, string | undefined>,
  onExpand?: (value: string) => void,
  maxChars = Infinity,
  budget: ExpansionBudget = { left: Infinity },
): Expanded {
  // Nothing to expand (nearly every line): text and raw are the same, no index map needed.
  if (!raw.includes('${')) return { text: raw };
  let text = raw;
  let index: number[] | undefined;
  // Which characters of `text` came from a value, and whether a `${NAME}` made (partly) of a value
  // was replaced: the text a value became is then not the value, so it is reported as a value too.
  let fromValue: boolean[] | undefined;
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
    onExpand?.(value);
    const from = index;
    const flags = fromValue;
    const nextIndex: number[] = [];
    const nextFlags: boolean[] = [];
    const keep = (a: number, b: number) => {
      for (let i = a; i < b; i++) {
        nextIndex.push(from === undefined ? i : from[i]!);
        nextFlags.push(flags?.[i] ?? false);
      }
    };
    let next = '';
    let last = 0;
    for (const i of at) {
      next += text.slice(last, i) + value;
      keep(last, i);
      if (flags !== undefined && !nested) nested = flags.slice(i, i + variable.length).includes(true);
      // Each character of the value comes from where the replaced `${NAME}` began.
      const origin = from === undefined ? i : from[i]!;
      for (let k = 0; k < value.length; k++) {
        nextIndex.push(origin);
        nextFlags.push(true);
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
  if (nested && onExpand !== undefined && fromValue !== undefined) {
    for (let i = 0; i < text.length; i++) {
      if (!fromValue[i]) continue;
      let end = i;
      while (end < text.length && fromValue[end]) end++;
      onExpand(text.slice(i, end));
      i = end;
    }
  }
  index.push(raw.length);
  return { text, rawIndex: index };
}
