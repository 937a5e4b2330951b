/** PEP 621 `[project]` interpretation (src/standards/pyproject.ts) on parsed TOML documents. */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'smol-toml';
import {
  allExtras,
  expandSelfReferences,
  extraDependencies,
  projectDependencies,
  PyprojectError,
  SELF_REFERENCE_MAX_DEPTH,
  SELF_REFERENCE_MAX_STEPS,
  readProjectTable,
  type ProjectTable,
} from '../../src/standards/pyproject.js';
import { markerToString } from '../../src/standards/markers.js';

const FILE = 'sub/pyproject.toml';

function project(toml: string): ProjectTable {
  const p = readProjectTable(parse(toml) as Record<string, unknown>, FILE);
  if (p === undefined) throw new Error('no [project]');
  return p;
}

function texts(list: { requirement: { text: string; marker?: unknown } }[]): string[] {
  return list.map((d) => d.requirement.text);
}

function error(fn: () => unknown): PyprojectError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyprojectError) return e;
    throw e;
  }
  throw new Error('no PyprojectError thrown');
}

describe('readProjectTable', () => {
  it('reads name, dependencies, optional dependencies (extras normalized) and requires-python', () => {
    const p = project(`
[project]
name = "My_App"
requires-python = ">=3.10"
dependencies = ["requests>=2", "tomli; python_version < '3.11'"]
[project.optional-dependencies]
Test_Tools = ["pytest"]
`);
    expect(p.name).toBe('my-app');
    expect(p.requiresPython).toBe('>=3.10');
    expect(texts(projectDependencies(p))).toEqual(['requests>=2', "tomli; python_version < '3.11'"]);
    expect(allExtras(p)).toEqual(['test-tools']);
    expect(texts(extraDependencies(p, 'TEST.tools', '--extra'))).toEqual(['pytest']);
  });

  it('answers undefined without a [project] table and [] without dependencies', () => {
    expect(readProjectTable(parse('[tool.x]\na = 1') as Record<string, unknown>, FILE)).toBeUndefined();
    expect(projectDependencies(project('[project]\nname = "a"'))).toEqual([]);
  });

  it.each([
    ['[project]\nname = 3', 'project.name', 'must be a string'],
    ['[project]\nname = "-bad"', 'project.name', 'not a valid project name'],
    ['[project]\nname = "a"\ndependencies = "x"', 'project.dependencies', 'must be an array'],
    ['[project]\nname = "a"\ndependencies = ["ok", 4]', 'project.dependencies[1]', 'must be a string'],
    [
      '[project]\nname = "a"\ndependencies = ["ok", "bad ^^"]',
      'project.dependencies[1]',
      'invalid requirement "bad ^^"',
    ],
    [
      '[project]\nname = "a"\noptional-dependencies = { "a b" = [] }',
      'project.optional-dependencies.a b',
      'not a valid extra',
    ],
    [
      '[project]\nname = "a"\noptional-dependencies = { x_y = [], "x.y" = [] }',
      'project.optional-dependencies.x.y',
      'same extra',
    ],
    [
      '[project]\nname = "a"\ndynamic = ["dependencies"]\ndependencies = []',
      'project.dependencies',
      'also listed in project.dynamic',
    ],
    ['[project]\nname = "a"\ndynamic = ["name"]', 'project.dynamic', '"name" cannot be dynamic'],
    ['project = 3', 'project', 'must be a table'],
  ])('%j is an error at its key', (toml, key, reason) => {
    const e = error(() => readProjectTable(parse(toml) as Record<string, unknown>, FILE));
    expect(e.key).toBe(key);
    expect(e.message).toContain(`${FILE}: ${key}: `);
    expect(e.message).toContain(reason);
  });

  it('dynamic dependencies and optional dependencies are clear errors naming file and key', () => {
    const p = project('[project]\nname = "a"\ndynamic = ["dependencies", "optional-dependencies"]');
    expect(error(() => projectDependencies(p)).message).toMatch(
      /^sub\/pyproject.toml: project.dynamic: lists "dependencies"/,
    );
    expect(error(() => extraDependencies(p, 'x', '--extra x')).message).toContain('"optional-dependencies"');
    expect(error(() => allExtras(p)).message).toContain('--all-extras');
  });

  it('an unknown extra names the extras the file has', () => {
    const p = project('[project]\nname = "a"\n[project.optional-dependencies]\nx = []\ny = []');
    expect(error(() => extraDependencies(p, 'z', '--extra z')).message).toBe(
      `${FILE}: project.optional-dependencies: has no extra "z" (asked by --extra z; extras: x, y)`,
    );
  });
});

describe('expandSelfReferences', () => {
  const p = project(`
[project]
name = "app"
dependencies = ["base"]
[project.optional-dependencies]
a = ["alpha"]
b = ["beta; os_name == 'posix'"]
all = ["app[a,b]", "App[all]"]
cond = ["app[a]; python_version >= '3.12'"]
`);

  it('replaces app[extra] by the dependencies and those extras, each once, without looping', () => {
    const got = expandSelfReferences(p, extraDependencies(p, 'all', 't'));
    expect(texts(got)).toEqual(['base', 'alpha', "beta; os_name == 'posix'"]);
  });

  it('ands the self-reference marker onto what it expands to', () => {
    const got = expandSelfReferences(p, extraDependencies(p, 'cond', 't'));
    expect(got.map((d) => d.requirement.name)).toEqual(['base', 'alpha']);
    expect(got.map((d) => markerToString(d.requirement.marker!))).toEqual([
      'python_version >= "3.12"',
      'python_version >= "3.12"',
    ]);
  });

  it('a self-reference to an unknown extra is an error naming the key that asked', () => {
    const q = project('[project]\nname = "app"\n[project.optional-dependencies]\nx = ["app[nope]"]');
    expect(error(() => expandSelfReferences(q, extraDependencies(q, 'x', 't'))).message).toContain(
      'has no extra "nope" (asked by project.optional-dependencies.x[0]',
    );
  });
});

describe('chains of self-references (review 4 of session 13: 2,000 levels overflowed the stack)', () => {
  const chain = (n: number) => {
    const lines = ['[project]', 'name = "app"', 'dependencies = []', '[project.optional-dependencies]'];
    for (let i = 0; i < n; i++)
      lines.push(`e${i} = ["dep${i}", "app[e${i + 1}]; python_version >= '3.${i % 10}'"]`);
    lines.push(`e${n} = ["last"]`);
    return project(lines.join('\n'));
  };

  it('reads a chain up to the bound', () => {
    const p = chain(SELF_REFERENCE_MAX_DEPTH);
    const got = expandSelfReferences(p, extraDependencies(p, 'e0', 't'));
    expect(got.map((d) => d.requirement.name).slice(-2)).toEqual([
      `dep${SELF_REFERENCE_MAX_DEPTH - 1}`,
      'last',
    ]);
  });

  it('refuses a longer one as a pyproject error at the key that asked, not a stack overflow', () => {
    for (const n of [SELF_REFERENCE_MAX_DEPTH + 1, 5_000]) {
      const p = chain(n);
      let caught: unknown;
      try {
        expandSelfReferences(p, extraDependencies(p, 'e0', 't'));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PyprojectError);
      expect((caught as Error).message).toContain(`nested more than ${SELF_REFERENCE_MAX_DEPTH} deep`);
    }
  });
});

describe('self-references to the next extra under several markers (review 15c F4: 2^n requirements)', () => {
  // Each of n extras names the next twice, under two markers; the markers are the same two at every
  // level (`twins`) or new at every level (`fresh`).
  const doubling = (n: number, markers: (i: number) => [string, string]) => {
    const lines = ['[project]', 'name = "p"', 'dependencies = []', '[project.optional-dependencies]'];
    for (let i = 0; i < n; i++) {
      const [a, b] = markers(i);
      lines.push(`e${i} = ["p[e${i + 1}]; ${a}", "p[e${i + 1}]; ${b}"]`);
    }
    lines.push(`e${n} = ["requests"]`);
    return project(lines.join('\n'));
  };
  const twins = (): [string, string] => ["python_version > '3'", "os_name == 'posix'"];

  it('expands each extra once per marker that reaches it (pip resolves an extra as one node)', () => {
    const p = doubling(12, twins);
    const got = expandSelfReferences(p, extraDependencies(p, 'e0', 't'));
    expect(got.map((d) => `${d.requirement.name}; ${markerToString(d.requirement.marker!)}`)).toEqual([
      'requests; python_version > "3"',
      'requests; os_name == "posix"',
    ]);
  });

  it('keeps a marker reached through a stronger one first, and drops none that reaches further', () => {
    const p = project(`
[project]
name = "p"
dependencies = []
[project.optional-dependencies]
a = ["p[b]; os_name == 'nt'", "p[b]"]
b = ["x"]
`);
    const got = expandSelfReferences(p, extraDependencies(p, 'a', 't'));
    expect(got.map((d) => (d.requirement.marker ? markerToString(d.requirement.marker) : ''))).toEqual([
      'os_name == "nt"',
      '',
    ]);
  });

  it('refuses markers new at every level once the expansion bound is spent, naming the key', () => {
    // 2^17 paths: more than the bound of steps, which stops the walk long before.
    expect(2 ** 17).toBeGreaterThan(SELF_REFERENCE_MAX_STEPS);
    const p = doubling(17, (i) => [`python_version > '3.${i}'`, `os_name == 'posix${i}'`]);
    const e = error(() => expandSelfReferences(p, extraDependencies(p, 'e0', 't')));
    expect(e.message).toMatch(
      new RegExp(
        `^${FILE}: project\\.optional-dependencies\\.e\\d+\\[[01]\\]: self-references \\(p\\[…\\]\\) expand to more than ${SELF_REFERENCE_MAX_STEPS} requirements`,
      ),
    );
  }, 120_000);
});
