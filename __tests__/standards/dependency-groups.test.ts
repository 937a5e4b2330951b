/** PEP 735 dependency groups (src/standards/dependency-groups.ts) on parsed TOML documents. */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'smol-toml';
import {
  groupNames,
  groupRequirements,
  readDependencyGroups,
} from '../../src/standards/dependency-groups.js';
import { PyprojectError } from '../../src/standards/pyproject.js';

const FILE = 'pyproject.toml';
const groups = (toml: string) => readDependencyGroups(parse(toml) as Record<string, unknown>, FILE);

function error(fn: () => unknown): PyprojectError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyprojectError) return e;
    throw e;
  }
  throw new Error('no PyprojectError thrown');
}

describe('dependency groups', () => {
  const g = groups(`
[dependency-groups]
Test = ["pytest>=8", {include-group = "typing"}, "coverage"]
typing = ["mypy"]
all = [{include-group = "TEST"}, {include-group = "typing"}]
empty = []
`);

  it('expands include-group in place, names compared normalized', () => {
    expect(groupNames(g)).toEqual(['Test', 'typing', 'all', 'empty']);
    const texts = (name: string) =>
      groupRequirements(g, name, `--group ${name}`).map((d) => d.requirement.text);
    expect(texts('test')).toEqual(['pytest>=8', 'mypy', 'coverage']);
    // `all` includes `typing` twice (directly and through `Test`): expanded once.
    expect(texts('all')).toEqual(['pytest>=8', 'mypy', 'coverage']);
    expect(texts('empty')).toEqual([]);
    expect(groupRequirements(g, 'test', 'x').map((d) => d.key)).toEqual([
      'dependency-groups.Test[0]',
      'dependency-groups.typing[0]',
      'dependency-groups.Test[2]',
    ]);
  });

  it('an unknown group (asked or included) names the file, the key and the known groups', () => {
    expect(error(() => groupRequirements(g, 'docs', '--group docs')).message).toBe(
      'pyproject.toml: dependency-groups: has no group "docs" (asked by --group docs; groups: Test, typing, all, empty)',
    );
    const h = groups('[dependency-groups]\na = [{include-group = "b"}]');
    expect(error(() => groupRequirements(h, 'a', '--group a')).message).toContain(
      'pyproject.toml: dependency-groups.a[0]: has no group "b"',
    );
  });

  it('a diamond of includes expands each group once: twenty groups including the next twice stay linear', () => {
    const lines = ['[dependency-groups]'];
    for (let i = 0; i < 40; i++)
      lines.push(`g${i} = ["p${i}", {include-group = "g${i + 1}"}, {include-group = "g${i + 1}"}]`);
    lines.push('g40 = ["last"]');
    const h = groups(lines.join('\n'));
    const texts = groupRequirements(h, 'g0', '--group g0').map((d) => d.requirement.text);
    expect(texts).toEqual([...Array.from({ length: 40 }, (_, i) => `p${i}`), 'last']);
  });

  it('an include cycle is an error showing the cycle', () => {
    const h = groups(`
[dependency-groups]
a = ["x", {include-group = "b"}]
b = [{include-group = "C"}]
c = [{include-group = "a"}]
`);
    expect(error(() => groupRequirements(h, 'a', '--group a')).message).toBe(
      'pyproject.toml: dependency-groups.c[0]: include-group cycle: a -> b -> c -> a',
    );
  });

  it.each([
    ['[dependency-groups]\na = "x"', 'dependency-groups.a', 'must be an array'],
    ['[dependency-groups]\na = [3]', 'dependency-groups.a[0]', 'must be a requirement string'],
    [
      '[dependency-groups]\na = [{include-group = "b", x = 1}]',
      'dependency-groups.a[0]',
      'exactly {include-group',
    ],
    ['[dependency-groups]\na = ["ok ^"]', 'dependency-groups.a[0]', 'invalid requirement'],
  ])('%j: read, and an error at its key when the group is used', (toml, key, reason) => {
    // Review 18a F12: a group's list is validated when the group is used, never while reading
    // the table (the specification: tools SHOULD NOT eagerly validate all groups; pip 26 agrees).
    const read = groups(`${toml}\nb = ["fine"]`);
    expect(groupRequirements(read, 'b', '--group b').map((d) => d.requirement.text)).toEqual(['fine']);
    const e = error(() => groupRequirements(read, 'a', '--group a'));
    expect(e.key).toBe(key);
    expect(e.message).toContain(reason);
    // Through an include too.
    const c = groups(`${toml}\nc = [{include-group = "a"}]`);
    expect(error(() => groupRequirements(c, 'c', '--group c')).key).toBe(key);
  });

  it.each([
    [
      '[dependency-groups]\nA_b = []\n"a.B" = []',
      'dependency-groups.a.B',
      'same group as dependency-groups.A_b',
    ],
    ['[dependency-groups]\n"a b" = []', 'dependency-groups.a b', 'not a valid group name'],
    ['dependency-groups = 1', 'dependency-groups', 'must be a table'],
  ])('%j is an error at its key', (toml, key, reason) => {
    const e = error(() => groups(toml));
    expect(e.key).toBe(key);
    expect(e.message).toContain(reason);
  });

  it('no [dependency-groups] table is no groups', () => {
    expect(groups('[project]\nname = "a"').groups.size).toBe(0);
  });
});

describe('long include chains (review 4 of session 13: 20,000 levels overflowed the stack)', () => {
  it('are expanded in order without recursion, and a cycle at the end of one is still found', () => {
    const n = 20_000;
    const lines = ['[dependency-groups]'];
    for (let i = 0; i < n; i++) lines.push(`g${i} = ["r${i}", {include-group = "g${i + 1}"}]`);
    lines.push(`g${n} = ["last"]`);
    const chain = groups(lines.join('\n'));
    const got = groupRequirements(chain, 'g0', '--group g0').map((r) => r.requirement.name);
    expect(got).toHaveLength(n + 1);
    expect(got.slice(0, 3)).toEqual(['r0', 'r1', 'r2']);
    expect(got[n]).toBe('last');
    lines[lines.length - 1] = `g${n} = [{include-group = "g${n - 2}"}]`;
    const e = error(() => groupRequirements(groups(lines.join('\n')), 'g0', '--group g0'));
    expect(e.message).toContain(`include-group cycle: g${n - 2} -> g${n - 1} -> g${n} -> g${n - 2}`);
  });
});
