/**
 * pip's format control — `--no-binary` and `--only-binary` as documented in `pip install --help`
 * ("Accepts either ":all:" to disable all binary packages, ":none:" to empty the set, or one or
 * more package names with commas between them") with the precedence of pip 23.x
 * `FormatControl.handle_mutual_excludes` and `get_allowed_formats`. Answers "may the resolver use
 * a wheel / an sdist of project X".
 * Not supported: nothing of pip's format control is left out.
 */

import { isValidName, normalizeName, type NormalizedName } from './names.js';

/**
 * One side of pip's format control (`--no-binary` or `--only-binary`): `all` for `:all:`, plus
 * explicitly named projects. The two rules exclude each other as pip's FormatControl does.
 */
export interface BinaryRule {
  all: boolean;
  /** A Set (in the order named) so that a value of n names costs O(n), not O(n²) (review 15c F7). */
  names: Set<NormalizedName>;
}

export function emptyBinaryRule(): BinaryRule {
  return { all: false, names: new Set() };
}

/**
 * Applies one `--no-binary`/`--only-binary` value to `target`, removing named projects from
 * `other` — pip's `FormatControl.handle_mutual_excludes`: the value is comma-separated;
 * `:all:` clears both rules and sets `target.all` (names after it are ignored unless a
 * `:none:` follows); `:none:` empties `target`; a name moves from `other` to `target`.
 * Returns the invalid names found (they are not applied).
 */
export function applyBinaryValue(value: string, target: BinaryRule, other: BinaryRule): string[] {
  let items = value.split(',');
  const invalid: string[] = [];
  while (items.includes(':all:')) {
    other.all = false;
    other.names.clear();
    target.all = true;
    target.names.clear();
    items = items.slice(items.indexOf(':all:') + 1);
    if (!items.includes(':none:')) return invalid;
  }
  for (const item of items) {
    if (item === ':none:') {
      target.all = false;
      target.names.clear();
      continue;
    }
    if (!isValidName(item)) {
      invalid.push(item);
      continue;
    }
    const name = normalizeName(item);
    other.names.delete(name);
    target.names.add(name);
  }
  return invalid;
}

/**
 * Applies one `--only-binary` / `--no-binary` value to the pair of rules it changes (pip's
 * FormatControl callbacks). Returns the invalid names, as applyBinaryValue.
 */
export function applyBinaryOption(
  option: 'only-binary' | 'no-binary',
  value: string,
  rules: { onlyBinary: BinaryRule; noBinary: BinaryRule },
): string[] {
  return option === 'no-binary'
    ? applyBinaryValue(value, rules.noBinary, rules.onlyBinary)
    : applyBinaryValue(value, rules.onlyBinary, rules.noBinary);
}

/** Which distribution kinds the format control allows for a project. */
export interface AllowedFormats {
  wheel: boolean;
  sdist: boolean;
}

/**
 * pip's `FormatControl.get_allowed_formats`: an explicit name in `--only-binary` forbids sdists;
 * else an explicit name in `--no-binary` forbids wheels; else `--only-binary :all:` forbids
 * sdists; else `--no-binary :all:` forbids wheels.
 */
export function allowedFormats(
  rules: { onlyBinary: BinaryRule; noBinary: BinaryRule },
  name: NormalizedName,
): AllowedFormats {
  if (rules.onlyBinary.names.has(name)) return { wheel: true, sdist: false };
  if (rules.noBinary.names.has(name)) return { wheel: false, sdist: true };
  if (rules.onlyBinary.all) return { wheel: true, sdist: false };
  if (rules.noBinary.all) return { wheel: false, sdist: true };
  return { wheel: true, sdist: true };
}

/** May the resolver use a wheel of project `name`? */
export function mayUseWheel(
  rules: { onlyBinary: BinaryRule; noBinary: BinaryRule },
  name: NormalizedName,
): boolean {
  return allowedFormats(rules, name).wheel;
}

/** May the resolver use an sdist of project `name`? */
export function mayUseSdist(
  rules: { onlyBinary: BinaryRule; noBinary: BinaryRule },
  name: NormalizedName,
): boolean {
  return allowedFormats(rules, name).sdist;
}
