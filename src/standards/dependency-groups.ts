/**
 * Dependency groups — PEP 735 (the PyPA "Dependency Groups" specification): the `[dependency-groups]`
 * table of pyproject.toml maps group names to lists whose items are PEP 508 requirement strings or
 * `{include-group = "other"}` tables. Group names compare normalized (PEP 503 rules); two keys that
 * normalize alike are an error; an include of an unknown group and an include cycle are errors;
 * including the same group twice through different paths is allowed (its requirements repeat, as
 * the reference implementation yields them).
 *
 * Input is a parsed TOML document; every problem names the file and the key
 * (`dependency-groups.test[1]`). A group's list is validated only when the group is used.
 */
import { isValidName, normalizeName } from './names.js';
import {
  isTable,
  PyprojectError,
  parseDeclared,
  type DeclaredRequirement,
  type TomlTable,
} from './pyproject.js';

type GroupItem =
  { kind: 'requirement'; declared: DeclaredRequirement } | { kind: 'include'; group: string; key: string };

/**
 * One group: the key as written and its list, read into items only when the group is used — the
 * specification ("Validation and Compatibility"): tools SHOULD NOT eagerly validate the list
 * contents of all groups, and only error when a group with invalid contents is used (pip 26
 * installs `--group test` beside a broken unused group; review 18a F12).
 */
interface Group {
  key: string;
  list: unknown;
  items?: GroupItem[];
}

export interface DependencyGroups {
  file: string;
  /** Normalized name → the key as written and its list (items once read). */
  groups: Map<string, Group>;
}

/**
 * The `[dependency-groups]` table of `doc` (empty when absent): the names are checked here (valid,
 * no two alike once normalized), the lists when a group is used (groupRequirements).
 */
export function readDependencyGroups(doc: TomlTable, file: string): DependencyGroups {
  const table = doc['dependency-groups'];
  const groups = new Map<string, Group>();
  if (table === undefined) return { file, groups };
  if (!isTable(table)) throw new PyprojectError(file, 'dependency-groups', 'must be a table');
  for (const [name, list] of Object.entries(table)) {
    const key = `dependency-groups.${name}`;
    if (!isValidName(name)) throw new PyprojectError(file, key, 'is not a valid group name');
    const normalized = normalizeName(name);
    const clash = groups.get(normalized);
    if (clash !== undefined) {
      throw new PyprojectError(
        file,
        key,
        `names the same group as dependency-groups.${clash.key} (${normalized})`,
      );
    }
    groups.set(normalized, { key: name, list });
  }
  return { file, groups };
}

/** The items of one group, read (and validated) the first time the group is used. */
function itemsOf(file: string, group: Group): GroupItem[] {
  if (group.items !== undefined) return group.items;
  const key = `dependency-groups.${group.key}`;
  if (!Array.isArray(group.list)) throw new PyprojectError(file, key, 'must be an array');
  group.items = group.list.map((item: unknown, i): GroupItem => {
    const at = `${key}[${i}]`;
    if (typeof item === 'string') {
      return { kind: 'requirement', declared: { requirement: parseDeclared(file, at, item), key: at } };
    }
    if (isTable(item)) {
      const keys = Object.keys(item);
      const include = item['include-group'];
      if (keys.length !== 1 || typeof include !== 'string') {
        throw new PyprojectError(file, at, 'a table here must be exactly {include-group = "NAME"}');
      }
      return { kind: 'include', group: include, key: at };
    }
    throw new PyprojectError(file, at, 'must be a requirement string or {include-group = "NAME"}');
  });
  return group.items;
}

/** Group names as written, in file order (for messages and `--all-groups`-like uses). */
export function groupNames(g: DependencyGroups): string[] {
  return [...g.groups.values()].map((v) => v.key);
}

/**
 * The requirements of group `name`, includes expanded depth first in order. `askedBy` names who
 * asked (e.g. `--group test`) for the unknown-group message. A group included again (a diamond of
 * includes) adds nothing new: each group is expanded once, so the answer grows with the file, not
 * with the number of include paths (2^20 for twenty groups that each include the next twice).
 */
export function groupRequirements(g: DependencyGroups, name: string, askedBy: string): DeclaredRequirement[] {
  const out: DeclaredRequirement[] = [];
  const expanded = new Set<string>();
  // Depth first with an explicit stack (a chain of 20,000 includes overflowed the call stack:
  // review 4 of session 13); `chain` is the path of groups being expanded, for the cycle check.
  type Frame = { name: string; items: GroupItem[]; next: number };
  const chain: string[] = [];
  const onChain = new Set<string>();
  const stack: Frame[] = [];
  const enter = (groupName: string, from: string): void => {
    const normalized = normalizeName(groupName);
    const group = g.groups.get(normalized);
    if (group === undefined) {
      const known = groupNames(g);
      throw new PyprojectError(
        g.file,
        chain.length === 0 ? 'dependency-groups' : from,
        `has no group ${JSON.stringify(groupName)} (asked by ${chain.length === 0 ? askedBy : from}; groups: ${known.length === 0 ? 'none' : known.join(', ')})`,
      );
    }
    if (onChain.has(normalized)) {
      const loop = [...chain.slice(chain.indexOf(normalized)), normalized].join(' -> ');
      throw new PyprojectError(g.file, from, `include-group cycle: ${loop}`);
    }
    if (expanded.has(normalized)) return;
    chain.push(normalized);
    onChain.add(normalized);
    stack.push({ name: normalized, items: itemsOf(g.file, group), next: 0 });
  };
  enter(name, askedBy);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const item = top.items[top.next++];
    if (item === undefined) {
      stack.pop();
      chain.pop();
      onChain.delete(top.name);
      expanded.add(top.name);
    } else if (item.kind === 'requirement') out.push(item.declared);
    else enter(item.group, item.key);
  }
  return out;
}
