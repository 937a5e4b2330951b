/**
 * Seeded, grammar-aware generators for the conformance suite: versions in every PEP 440 spelling
 * (and near-misses), specifier sets, markers with their environments, PEP 508 requirements, wheel
 * and sdist file names, build tags and explicit tag targets. Mostly valid input built from the
 * grammars, with a share of small mutations so the error paths are compared too.
 */

import { Version } from '../../src/standards/version.js';

/** mulberry32: a small deterministic PRNG. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

const SEPS = ['', '.', '-', '_'];
const PRE_LABELS = ['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview', 'A', 'RC', 'Beta'];
const POST_LABELS = ['post', 'rev', 'r', 'POST'];
const JUNK = ['x', '-', '.', '+', '!', ' ', '*', '_', '..', 'dev', 'a', '\u00e9', '0'];

function num(r: Rng, small = true): string {
  if (r.chance(0.01)) return '9007199254740993'; // beyond 2^53
  if (r.chance(0.03)) return `0${r.int(0, 9)}`; // leading zero
  return String(small ? r.int(0, 3) : r.int(0, 30));
}

/** One version text from the PEP 440 grammar (alternative spellings included). */
export function genVersion(r: Rng, opts: { local?: boolean; small?: boolean } = {}): string {
  const small = opts.small ?? true;
  let s = '';
  if (r.chance(0.04)) s += 'v';
  if (r.chance(0.06)) s += `${r.int(0, 2)}!`;
  const n = r.int(1, 4);
  s += Array.from({ length: n }, () => num(r, small)).join('.');
  if (r.chance(0.3))
    s += `${r.pick(SEPS)}${r.pick(PRE_LABELS)}${r.pick(SEPS)}${r.chance(0.85) ? num(r) : ''}`;
  if (r.chance(0.2)) {
    s += r.chance(0.2)
      ? `-${num(r)}`
      : `${r.pick(SEPS)}${r.pick(POST_LABELS)}${r.pick(SEPS)}${r.chance(0.85) ? num(r) : ''}`;
  }
  if (r.chance(0.15))
    s += `${r.pick(SEPS)}${r.pick(['dev', 'DEV'])}${r.pick(SEPS)}${r.chance(0.85) ? num(r) : ''}`;
  if ((opts.local ?? true) && r.chance(0.12)) {
    const segs = Array.from({ length: r.int(1, 3) }, () =>
      r.pick(['ubuntu', 'cpu', '1', '20', 'abc', 'Cu118', 'x1']),
    );
    s += `+${segs.map((x, i) => (i === 0 ? x : `${r.pick(['.', '-', '_'])}${x}`)).join('')}`;
  }
  if (r.chance(0.03)) s = ` ${s}\t`;
  return mutate(r, s, 0.05);
}

/** With probability p: insert, delete or replace one character. */
export function mutate(r: Rng, s: string, p: number): string {
  if (!r.chance(p) || s.length === 0) return s;
  const at = r.int(0, s.length - 1);
  switch (r.int(0, 2)) {
    case 0:
      return s.slice(0, at) + r.pick(JUNK) + s.slice(at);
    case 1:
      return s.slice(0, at) + s.slice(at + 1);
    default:
      return s.slice(0, at) + r.pick(JUNK) + s.slice(at + 1);
  }
}

const OPS = ['==', '!=', '<=', '>=', '<', '>', '~=', '==='] as const;

/** One specifier clause, sometimes with a wildcard, spaces or an arbitrary `===` operand. */
export function genClause(r: Rng): string {
  const op = r.pick(OPS);
  let v: string;
  if (op === '===')
    v = r.chance(0.7) ? genVersion(r, { local: true }) : r.pick(['foobar', '1.0-custom', '', '1.0.0']);
  else if ((op === '==' || op === '!=') && r.chance(0.25))
    v = `${Array.from({ length: r.int(1, 3) }, () => num(r)).join('.')}.*`;
  else v = genVersion(r, { local: op === '==' || op === '!=' || r.chance(0.05) });
  const sp = (): string => (r.chance(0.15) ? r.pick([' ', '  ', '\t']) : '');
  return mutate(r, `${sp()}${op}${sp()}${v.trim()}${sp()}`, 0.03);
}

export function genSpecifierSet(r: Rng): string {
  const clauses = Array.from({ length: r.int(1, 3) }, () => genClause(r));
  if (r.chance(0.05)) clauses.push('');
  if (r.chance(0.03)) clauses.unshift(' ');
  return clauses.join(',');
}

/** Versions close to each other, to probe specifiers (always valid, small numbers). */
export function genProbeVersions(r: Rng, n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const v = genVersion(r, { local: true });
    if (!/\d{16}|\s/.test(v.trim()) && Version.tryParse(v.trim()) !== null) out.push(v.trim());
  }
  return out;
}

// ---- markers ----

const VERSION_VARS = ['python_version', 'python_full_version', 'implementation_version', 'platform_release'];
const STRING_VARS = [
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_system',
  'platform_version',
  'implementation_name',
];
const ALIAS_VARS = [
  'os.name',
  'sys.platform',
  'platform.version',
  'platform.machine',
  'python_implementation',
];
const ODD_VARS = ['extras', 'dependency_groups', 'platform.release', 'python_versions', 'os_Name'];
const MARKER_OPS = ['==', '!=', '<=', '>=', '<', '>', '~=', '===', 'in', 'not in'];

const RELEASES = ['6.8.0-1021-azure', '5.15.0', '23.1.0', '10.0.19045', '', '6', '6.8.0', '24.0.0'];
const PLATFORM_VERSIONS = ['#1 SMP PREEMPT_DYNAMIC', '10.0.19045', 'Darwin Kernel Version 23.1.0', '', '1.2'];
const STRING_VALUES = [
  'posix',
  'nt',
  'linux',
  'win32',
  'darwin',
  'x86_64',
  'AMD64',
  'arm64',
  'aarch64',
  'CPython',
  'PyPy',
  'Linux',
  'Windows',
  'Darwin',
  'cpython',
  'pypy',
  'lin',
  '',
  'x86',
  '6',
  '3.11',
];
const EXTRAS = ['test', 'Socks_Extra', 'socks-extra', 'dev', 'doc.s'];

export type MarkerEnv = Record<string, string>;

export function genEnv(r: Rng): MarkerEnv {
  const minor = r.int(6, 14);
  const full = `3.${minor}.${r.int(0, 12)}${r.chance(0.1) ? r.pick(['rc1', 'a2', 'b1']) : ''}`;
  return {
    implementation_name: r.pick(['cpython', 'pypy']),
    implementation_version: r.chance(0.8) ? full : r.pick(['7.3.13', '7.3.17', 'junk']),
    os_name: r.pick(['posix', 'nt']),
    platform_machine: r.pick(['x86_64', 'AMD64', 'arm64', 'aarch64', 'i686']),
    platform_python_implementation: r.pick(['CPython', 'PyPy']),
    platform_release: r.pick(RELEASES),
    platform_system: r.pick(['Linux', 'Windows', 'Darwin']),
    platform_version: r.pick(PLATFORM_VERSIONS),
    python_full_version: full,
    python_version: `3.${minor}`,
    sys_platform: r.pick(['linux', 'win32', 'darwin', 'cygwin']),
  };
}

/** The body of a quoted string: plain text, sometimes with Python escapes or line breaks. */
function stringBody(r: Rng, text: string): string {
  if (!r.chance(0.12)) return text;
  const at = r.int(0, text.length);
  const piece = r.pick([
    '\\x41',
    '\\n',
    '\\t',
    '\\\\',
    '\\u0041',
    '\\101',
    '\\777',
    '\\q',
    '\\d',
    '\\x4',
    '\\u00e9',
    '\\U0001F600',
    '\\N{DASH}',
    '\n',
    '\r',
    '\\\n',
    '\\\r\n',
    '\\',
    '\u00e9',
    '\\a',
    '\\0',
    '\\"',
  ]);
  return text.slice(0, at) + piece + text.slice(at);
}

function quoted(r: Rng, text: string): string {
  const body = stringBody(r, text);
  if (body.includes('"') && !body.includes("'")) return `'${body}'`;
  return r.chance(0.7) ? `"${body}"` : `'${body}'`;
}

function markerValueFor(r: Rng, variable: string): string {
  if (variable === 'extra') return r.pick(EXTRAS);
  const base = variable.replace('.', '_');
  if (VERSION_VARS.includes(base)) {
    if (base === 'platform_release' && r.chance(0.5)) return r.pick(RELEASES);
    if (r.chance(0.15)) return r.pick(['3.*', '3.1*', ' 3.9', '3.9 ', 'junk', '', '=3.8', '3.10.*']);
    return `3.${r.int(6, 14)}${r.chance(0.5) ? `.${r.int(0, 12)}` : ''}${r.chance(0.1) ? r.pick(['rc1', 'a2', '.dev0', '.post1', '+local']) : ''}`;
  }
  if (base === 'platform_version') return r.pick(PLATFORM_VERSIONS);
  return r.pick(STRING_VALUES);
}

function ws(r: Rng): string {
  if (r.chance(0.7)) return ' ';
  return r.pick(['', '  ', '\t', ' \t', '\n']);
}

function genMarkerItem(r: Rng): string {
  let variable: string;
  const roll = r.next();
  if (roll < 0.35) variable = r.pick(VERSION_VARS);
  else if (roll < 0.75) variable = r.pick(STRING_VARS);
  else if (roll < 0.88) variable = 'extra';
  else if (roll < 0.96) variable = r.pick(ALIAS_VARS);
  else variable = r.pick(ODD_VARS);
  const op = r.pick(MARKER_OPS);
  const opText = op === 'not in' ? `not${r.chance(0.9) ? r.pick([' ', '  ', '\t']) : '\n'}in` : op;
  const value = quoted(r, markerValueFor(r, variable));
  const side = r.next();
  if (side < 0.78) return `${variable}${ws(r)}${opText}${ws(r)}${value}`;
  if (side < 0.95) return `${value}${ws(r)}${opText}${ws(r)}${variable}`;
  if (side < 0.98) return `${variable}${ws(r)}${opText}${ws(r)}${r.pick([...STRING_VARS, 'extra'])}`;
  return `${value}${ws(r)}${opText}${ws(r)}${quoted(r, markerValueFor(r, 'os_name'))}`;
}

export function genMarker(r: Rng, depth = 0): string {
  const n = depth >= 2 ? 1 : r.int(1, 3);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(
      depth < 2 && r.chance(0.2) ? `(${ws(r)}${genMarker(r, depth + 1)}${ws(r)})` : genMarkerItem(r),
    );
  }
  let s = items[0]!;
  for (let i = 1; i < items.length; i++) s += ` ${r.pick(['and', 'or'])} ${items[i]}`;
  return depth === 0 ? mutate(r, s, 0.03) : s;
}

// ---- requirements ----

const NAMES = [
  'requests',
  'Django',
  'zope.interface',
  'typing_extensions',
  'python-dateutil',
  'A',
  'a1',
  'foo_',
  'foo-',
  'foo.',
  '_foo',
  'foo__bar',
  'x-y.z_w',
  'Foo.Bar',
  'pkg\u00e9',
];

export function genRequirement(r: Rng): string {
  let s = r.pick(NAMES);
  if (r.chance(0.25)) {
    const extras = Array.from({ length: r.int(0, 3) }, () =>
      r.pick(['security', 'socks', 'Test_Extra', 'a.b', 'x_']),
    );
    s += `${ws(r)}[${ws(r)}${extras.join(r.pick([',', ', ', ' ,']))}${ws(r)}]`;
  }
  if (r.chance(0.1)) {
    s += `${ws(r)}@${ws(r)}${r.pick(['https://example.org/p-1.0.tar.gz', 'file:///tmp/x.whl', 'git+https://g.example/r.git@v1', 'https://e.org/x;y'])}`;
    if (r.chance(0.4)) s += `${r.pick([' ', ''])};${ws(r)}${genMarker(r, 1)}`;
    return mutate(r, s, 0.03);
  }
  if (r.chance(0.75)) {
    const clauses = Array.from({ length: r.int(1, 3) }, () => genClause(r).trim());
    let spec = clauses.join(r.pick([',', ', ', ' ,']));
    if (r.chance(0.08)) spec += ',';
    s += r.chance(0.15) ? `${ws(r)}(${spec})` : `${r.pick(['', ' '])}${spec}`;
  }
  if (r.chance(0.3)) s += `${r.pick(['', ' '])};${ws(r)}${genMarker(r, 1)}`;
  return mutate(r, s, 0.03);
}

// ---- file names ----

const WHEEL_NAMES = [
  'numpy',
  'typing_extensions',
  'Django',
  'zope.interface',
  'a',
  'pkg__x',
  'pkg-x',
  'Pkg_X',
  'ab\u00e9',
  'x1',
];
const PY_TAGS = ['py3', 'py2.py3', 'cp312', 'cp39', 'pp310', 'py310'];
const ABI_TAGS = ['none', 'abi3', 'cp312', 'cp313t', 'abi3.cp312', 'pypy310_pp73'];
const PLAT_TAGS = [
  'any',
  'manylinux_2_17_x86_64.manylinux2014_x86_64',
  'win_amd64',
  'macosx_11_0_arm64',
  'musllinux_1_2_aarch64',
  'linux_x86_64',
];

export function genBuildTag(r: Rng): string {
  const digits = r.chance(0.3)
    ? `${r.int(1, 9)}${'0123456789'.repeat(3).slice(0, r.int(15, 25))}`
    : String(r.int(0, 99));
  return digits + (r.chance(0.3) ? r.pick(['', 'a', '_b', 'abc', 'z9', '\u00e9']) : '');
}

export function genWheelFilename(r: Rng): string {
  const parts = [r.pick(WHEEL_NAMES), genVersion(r, { local: true }).trim()];
  if (r.chance(0.25)) parts.push(r.chance(0.9) ? genBuildTag(r) : r.pick(['x1', '']));
  parts.push(r.pick(PY_TAGS), r.pick(ABI_TAGS), r.pick(PLAT_TAGS));
  const name = `${parts.join('-')}${r.chance(0.97) ? '.whl' : r.pick(['.zip', '.WHL', ''])}`;
  return mutate(r, name, 0.05);
}

const SDIST_NAMES = [
  'requests',
  'Django',
  'zope.interface',
  'python-dateutil',
  'typing_extensions',
  'a',
  'x-1',
];

export function genSdistFilename(r: Rng): string {
  const ext = r.chance(0.9) ? r.pick(['.tar.gz', '.zip']) : r.pick(['.tgz', '.tar.bz2', '.whl', '']);
  return mutate(r, `${r.pick(SDIST_NAMES)}-${genVersion(r, { local: true }).trim()}${ext}`, 0.05);
}

// ---- tag targets ----

export interface TagCase {
  version: string; // pip's --python-version spelling without the dot, e.g. "312"
  impl: 'cp' | 'pp';
  platforms: string[];
  abis: string[] | null;
}

function genPlatform(r: Rng): string {
  const roll = r.next();
  if (roll < 0.4) {
    const major = r.pick([10, 10, 11, 12, 13, 14, 15, 26]);
    const minor = major === 10 ? r.int(0, 16) : r.int(0, 3);
    return `macosx_${major}_${minor}_${r.pick(['arm64', 'x86_64', 'universal2', 'intel', 'i386', 'x86_64', 'arm64'])}`;
  }
  if (roll < 0.7)
    return `${r.pick(['manylinux2014', 'manylinux2010', 'manylinux1'])}_${r.pick(['x86_64', 'i686', 'aarch64', 'ppc64le', 's390x'])}`;
  return r.pick([
    'manylinux_2_28_x86_64',
    'musllinux_1_2_aarch64',
    'win_amd64',
    'win32',
    'win_arm64',
    'linux_x86_64',
    'manylinux_2_17_aarch64',
  ]);
}

export function genTagCase(r: Rng): TagCase {
  const minor = r.int(7, 14);
  const impl = r.chance(0.85) ? 'cp' : 'pp';
  const platforms = [genPlatform(r)];
  if (r.chance(0.25)) platforms.push(genPlatform(r));
  let abis: string[] | null = null;
  if (impl === 'pp') abis = [`pypy3${minor}_pp73`];
  else if (minor >= 8 && r.chance(0.4))
    abis = r.pick([
      [`cp3${minor}t`],
      [`cp3${minor}`, 'abi3'],
      [`cp3${minor}d`, `cp3${minor}`],
      [`cp3${minor}td`],
      ['none'],
    ]);
  return { version: `3${minor}`, impl, platforms, abis };
}

// ---- core metadata ----

const META_FIELDS = [
  'Metadata-Version',
  'Name',
  'Version',
  'Summary',
  'Requires-Dist',
  'Requires-Dist',
  'Provides-Extra',
  'Classifier',
  'Classifier',
  'License',
  'Keywords',
  'Home-page',
  'Author-email',
  'Project-URL',
  'Requires-Python',
  'Dynamic',
  'X-Custom-Field',
  'Description',
];
const META_WORDS = [
  'foo',
  'bar>=1.0',
  'caf\u00e9',
  '\u65e5\u672c',
  'a b',
  'x; extra == "t"',
  'MIT',
  '=?utf-8?q?caf=C3=A9?=',
  '',
  '  padded  ',
  'tab\there',
];

/** A METADATA document as UTF-8 bytes: headers (some folded, some repeated), maybe a body. */
export function genMetadata(r: Rng): Uint8Array {
  const eol = r.chance(0.8) ? '\n' : r.pick(['\r\n', '\r', '\n']);
  const mixed = r.chance(0.05);
  const nl = (): string => (mixed ? r.pick(['\n', '\r\n']) : eol);
  let s = r.chance(0.02) ? '\uFEFF' : '';
  const count = r.int(1, 9);
  for (let i = 0; i < count; i++) {
    let name = i === 0 && r.chance(0.8) ? 'Metadata-Version' : r.pick(META_FIELDS);
    if (r.chance(0.15)) name = r.chance(0.5) ? name.toLowerCase() : name.toUpperCase();
    s += `${name}:${r.pick([' ', '', '  ', '\t'])}${r.pick(META_WORDS)}`;
    const folds = r.chance(0.2) ? r.int(1, 3) : 0;
    for (let k = 0; k < folds; k++) {
      const prefix =
        name.toLowerCase() === 'description' && r.chance(0.5)
          ? '       |'
          : r.pick([' ', '\t', '        ', '  ']);
      s += `${nl()}${prefix}${r.pick(META_WORDS)}`;
    }
    s += nl();
    if (r.chance(0.02)) s += `${r.pick(['not a header', ' stray', 'Bad Name: x'])}${nl()}`;
  }
  if (r.chance(0.6)) {
    s += nl();
    const lines = r.int(0, 4);
    for (let k = 0; k < lines; k++)
      s += `${r.pick(['# Title', '', 'Text with caf\u00e9', '  indented', 'Name: not a header'])}${nl()}`;
  }
  const bytes = new TextEncoder().encode(s);
  if (!r.chance(0.03) || bytes.length === 0) return bytes;
  // A Latin-1 byte where UTF-8 is required.
  const at = r.int(0, bytes.length - 1);
  return Uint8Array.from([...bytes.slice(0, at), 0xe9, ...bytes.slice(at)]);
}
