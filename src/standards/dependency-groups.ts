/**
 * Dependency groups — PEP 735 (the PyPA "Dependency Groups" specification): the `[dependency-groups]`
 * table of pyproject.toml maps group names to lists whose items are PEP 508 requirement strings or
 * `{include-group = "other"}` tables. Group names compare normalized (PEP 503 rules); two keys that
 * normalize alike are an error; an include of an unknown group and an include cycle are errors;
 * including the same group twice through different paths is allowed (its requirements repeat, as
 * the reference implementation yields them).
 *
 * Input is a parsed TOML document; every problem names the file and the key
 * (`dependency-groups.test[1]`).
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

export interface DependencyGroups {
  file: string;
  /** Normalized name → the key as written and its items. */
  groups: Map<string, { key: string; items: GroupItem[] }>;
}

/** The `[dependency-groups]` table of `doc` (empty when absent). */
export function readDependencyGroups(doc: TomlTable, file: string): DependencyGroups {
  const table = doc['dependency-groups'];
  const groups = new Map<string, { key: string; items: GroupItem[] }>();
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
    if (!Array.isArray(list)) throw new PyprojectError(file, key, 'must be an array');
    const items: GroupItem[] = list.map((item: unknown, i) => {
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
    groups.set(normalized, { key: name, items });
  }
  return { file, groups };
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
    stack.push({ name: normalized, items: group.items, next: 0 });
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
