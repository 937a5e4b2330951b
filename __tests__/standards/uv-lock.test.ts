/** uv.lock v1 reading and selection (src/standards/uv-lock.ts) on locks written by the test. */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'smol-toml';
import { targetEnvironment } from '../../src/provider/target.js';
import { parseMarker } from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import { readUvLock, selectUvLock } from '../../src/standards/uv-lock.js';

const linux312 = targetEnvironment({ pythonVersion: '3.12.3', os: 'linux', arch: 'x86_64' }).markers;
const linux310 = targetEnvironment({ pythonVersion: '3.10', os: 'linux', arch: 'x86_64' }).markers;
const NONE = { extras: [], allExtras: false, groups: [] };

const lock = (toml: string) => readUvLock(parse(toml) as Record<string, unknown>, 'uv.lock');
const names = (sel: ReturnType<typeof selectUvLock>) =>
  sel.map((s) => `${s.pkg.name}${s.pkg.version !== undefined ? `@${s.pkg.version}` : ''}`).sort();

const REG = 'source = { registry = "https://pypi.org/simple" }';

describe('selectUvLock', () => {
  it('picks the entry a version-pinned dependency names, by marker, among same-named ones', () => {
    const l = lock(`
version = 1
[[package]]
name = "proj"
version = "0.1"
source = { editable = "." }
dependencies = [
  { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.11'" },
  { name = "numpy", version = "2.1.0", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.11'" },
]
[[package]]
name = "numpy"
version = "1.26.4"
${REG}
[[package]]
name = "numpy"
version = "2.1.0"
${REG}
`);
    expect(names(selectUvLock(l, { markers: linux312, ...NONE }))).toEqual(['numpy@2.1.0', 'proj@0.1']);
    expect(names(selectUvLock(l, { markers: linux310, ...NONE }))).toEqual(['numpy@1.26.4', 'proj@0.1']);
  });

  it('conflict markers (extra-N-pkg-extra) hold only for the extras selected; extras of dependencies are followed', () => {
    const l = lock(`
version = 1
[[package]]
name = "proj"
version = "0.1"
source = { virtual = "." }
[package.optional-dependencies]
cpu = [{ name = "torch", version = "1.0+cpu", source = { registry = "https://pypi.org/simple" }, marker = "extra == 'extra-4-proj-cpu'" }]
gpu = [{ name = "torch", version = "1.0", source = { registry = "https://pypi.org/simple" }, marker = "extra == 'extra-4-proj-gpu'" }]
web = [{ name = "server", extra = ["fast"] }]
[[package]]
name = "torch"
version = "1.0+cpu"
${REG}
[[package]]
name = "torch"
version = "1.0"
${REG}
[[package]]
name = "server"
version = "3"
${REG}
[package.optional-dependencies]
fast = [{ name = "speedups" }]
[[package]]
name = "speedups"
version = "1"
${REG}
`);
    const sel = (extras: string[]) => names(selectUvLock(l, { markers: linux312, ...NONE, extras }));
    expect(sel(['cpu'])).toEqual(['proj@0.1', 'torch@1.0+cpu']);
    expect(sel(['gpu'])).toEqual(['proj@0.1', 'torch@1.0']);
    expect(sel(['web'])).toEqual(['proj@0.1', 'server@3', 'speedups@1']);
    const server = selectUvLock(l, { markers: linux312, ...NONE, extras: ['web'] }).find(
      (s) => s.pkg.name === 'server',
    );
    expect([...(server?.extras ?? [])]).toEqual(['fast']);
    expect(() => sel(['nope'])).toThrow(
      'uv.lock: --extra nope: no root of the lock (proj) has this extra (extras: cpu, gpu, web)',
    );
  });

  // uv reads its conflict markers against the SET of active extras/groups (its pylock export
  // writes `extra != X` as `'X' not in extras`): `extra != X` is false while X is active, even
  // with a second extra or a group selected (review 15c F10).
  it('conflict markers: `extra != X` is false while X is active, with other extras and groups too', () => {
    const l = lock(`
version = 1
[[package]]
name = "proj"
version = "0.1"
source = { virtual = "." }
dependencies = [
  { name = "sklearn", version = "1.5.2", ${REG}, marker = "extra == 'extra-4-proj-gpu'" },
  { name = "sklearn", version = "1.9.0", ${REG}, marker = "extra != 'extra-4-proj-gpu'" },
  { name = "cpu-only", marker = "extra != 'extra-4-proj-gpu'" },
  { name = "both", marker = "extra == 'extra-4-proj-gpu' and extra == 'group-4-proj-dev'" },
]
[package.optional-dependencies]
gpu = [{ name = "gpu-lib" }]
cli = [{ name = "click" }]
[package.dev-dependencies]
dev = [{ name = "pytest" }]
[[package]]
name = "sklearn"
version = "1.5.2"
${REG}
[[package]]
name = "sklearn"
version = "1.9.0"
${REG}
[[package]]
name = "cpu-only"
version = "1"
${REG}
[[package]]
name = "both"
version = "1"
${REG}
[[package]]
name = "gpu-lib"
version = "1"
${REG}
[[package]]
name = "click"
version = "8"
${REG}
[[package]]
name = "pytest"
version = "8"
${REG}
`);
    const sel = (extras: string[], groups: string[] = []) =>
      names(selectUvLock(l, { markers: linux312, ...NONE, extras, groups }));
    expect(sel(['gpu', 'cli'])).toEqual(['click@8', 'gpu-lib@1', 'proj@0.1', 'sklearn@1.5.2']);
    expect(sel(['gpu'], ['dev'])).toEqual(['both@1', 'gpu-lib@1', 'proj@0.1', 'pytest@8', 'sklearn@1.5.2']);
    expect(sel(['cli'], ['dev'])).toEqual(['click@8', 'cpu-only@1', 'proj@0.1', 'pytest@8', 'sklearn@1.9.0']);
  });

  it('without a project at ".", starts at every workspace member; groups come from the roots only', () => {
    const l = lock(`
version = 1
[manifest]
members = ["a", "B"]
[[package]]
name = "a"
version = "1"
source = { editable = "packages/a" }
dependencies = [{ name = "b" }]
[package.dev-dependencies]
test = [{ name = "pytest" }]
[[package]]
name = "b"
version = "1"
source = { editable = "packages/b" }
[[package]]
name = "pytest"
version = "8"
${REG}
`);
    expect(names(selectUvLock(l, { markers: linux312, ...NONE }))).toEqual(['a@1', 'b@1']);
    expect(names(selectUvLock(l, { markers: linux312, ...NONE, groups: ['TEST'] }))).toEqual([
      'a@1',
      'b@1',
      'pytest@8',
    ]);
    expect(() => selectUvLock(l, { markers: linux312, ...NONE, groups: ['docs'] })).toThrow('(groups: test)');
  });

  it('refuses other versions, ambiguous dependencies and locks with no root', () => {
    expect(() => lock('version = 2')).toThrow(
      'uv.lock: unsupported uv.lock version 2 (wheelhouse reads version 1)',
    );
    const ambiguous = lock(`
version = 1
[[package]]
name = "p"
version = "0"
source = { virtual = "." }
dependencies = [{ name = "x" }]
[[package]]
name = "x"
version = "1"
${REG}
[[package]]
name = "x"
version = "2"
${REG}
`);
    expect(() => selectUvLock(ambiguous, { markers: linux312, ...NONE })).toThrow(
      'package p: dependency x matches 2 package entries',
    );
    expect(() =>
      selectUvLock(lock(`version = 1\n[[package]]\nname = "x"\nversion = "1"\n${REG}`), {
        markers: linux312,
        ...NONE,
      }),
    ).toThrow('has no project at "." and no workspace members');
  });
});

describe('PEP 751 marker sets', () => {
  it('"x" in extras / dependency_groups, normalized; other comparisons with the sets are false', () => {
    const sets = { extras: new Set(['cli-tools']), dependency_groups: new Set(['dev']) };
    const ev = (m: string) =>
      evaluateMarker(parseMarker(m, { lockMarkers: true }), linux312, undefined, sets);
    expect(ev("'CLI_tools' in extras")).toBe(true);
    expect(ev("'dev' not in dependency_groups")).toBe(false);
    expect(ev("'docs' in dependency_groups or 'cli-tools' in extras and python_version >= '3.12'")).toBe(
      true,
    );
    expect(ev("extras == 'cli-tools'")).toBe(false);
    expect(evaluateMarker(parseMarker("'x' in extras", { lockMarkers: true }), linux312)).toBe(false);
    expect(() => parseMarker("'x' in extras")).toThrow('unknown marker variable "extras"');
  });
});

describe('many entries of one name (review 15c F8: indexed and matched in quadratic time)', () => {
  it('selects among 30,000 entries of one name, each named by a root dependency, in linear time, then refuses the lock', () => {
    const n = 30_000;
    const registry = { registry: 'https://pypi.org/simple' };
    const packages: unknown[] = [
      {
        name: 'root',
        version: '0',
        source: { editable: '.' },
        dependencies: Array.from({ length: n }, (_, i) => ({ name: 'a', version: `${i}`, source: registry })),
      },
    ];
    for (let i = 0; i < n; i++) packages.push({ name: 'a', version: `${i}`, source: registry });
    const l = readUvLock({ version: 1, package: packages }, 'uv.lock');
    // Selecting is a lookup per dependency (well under a second); copying the same-name list per
    // entry, filtering it per dependency and shifting the queue took ~20 s and more.
    const start = process.hrtime.bigint();
    // Every entry is followed (no marker separates them), so the lock is refused — at the end.
    expect(() => selectUvLock(l, { markers: linux312, ...NONE })).toThrow(
      'uv.lock: package a: two entries apply to the target (0 and 1)',
    );
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(5_000);
  }, 240_000);
});
