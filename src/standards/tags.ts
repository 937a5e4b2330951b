/**
 * Supported compatibility tags for an explicit target, in priority order — PEP 425 and the
 * platform compatibility tags specification, ordered exactly as pip 26's `get_supported()`
 * (packaging 26.2's `cpython_tags`/`generic_tags` + `compatible_tags`; checked by the
 * conformance suite against pip itself):
 *  - CPython (`cpython_tags`): `cp3Y-{abi}-{plat}` for each ABI, then `cp3Y-abi3-{plat}` — or,
 *    for a free-threaded first ABI (`cp313t`: its flags after `cp<digits>` hold a `t`),
 *    `cp3Y-abi3t-{plat}` (PEP 803, packaging 26.2) — then `cp3Y-none-{plat}`, then for X from
 *    Y-1 down to 2 `cp3X-abi3-{plat}` (or `cp3X-abi3t-{plat}`), each step over every platform,
 *    most specific platform first. The stable ABIs need Python ≥ 3.2.
 *  - PyPy (`generic_tags`): `pp3Y-{abi}-{plat}` for each ABI, then `pp3Y-none-{plat}`.
 *  - then `compatible_tags`: `py3Y-none-{plat}`, `py3-none-{plat}`, `py3X-none-{plat}` for X from
 *    Y-1 down to 0, then `{interpreter}-none-any` (`cp3Y` or `pp3Y`, as pip names the
 *    interpreter), then the same py versions with `-none-any`.
 * Default ABIs: CPython `cp3Y` (`cp3Ym` before 3.8, the pymalloc build); PyPy `pypy3Y_pp73`
 * (the PyPy 7.3 series). `rankWheel` returns the index of a wheel's best supported tag; lower is
 * better, as pip prefers it.
 * Not supported: Python 2 targets, debug (`d`) ABIs unless passed explicitly, interpreters other
 * than CPython and PyPy (packaging's generic interpreters), and host detection of any kind.
 */
import { makeTag, tagToString, type Tag } from './tag.js';
import { InvalidTargetError } from './tags-platforms.js';

export { tagToString, type Tag } from './tag.js';
export {
  expandExplicitPlatform,
  expandExplicitPlatforms,
  InvalidTargetError,
  macosPlatforms,
  manylinuxPlatforms,
  musllinuxPlatforms,
  normalizeArch,
  platformsFor,
  windowsPlatforms,
  type PlatformTarget,
} from './tags-platforms.js';

export interface TagTarget {
  implementation: 'cp' | 'pp';
  /** [3, minor]. */
  pythonVersion: [number, number];
  /** Interpreter ABIs, most preferred first; default `[cp3Y]` (`cp3Ym` before 3.8) / `[pypy3Y_pp73]`. */
  abis?: string[];
  /** Platform tags, most specific first (see platformsFor). */
  platforms: string[];
}

/** packaging `_py_interpreter_range`: py3Y, py3, py3(Y-1) … py30. */
function pyVersions(major: number, minor: number): string[] {
  const out = [`py${major}${minor}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) out.push(`py${major}${m}`);
  return out;
}

function defaultAbis(t: TagTarget): string[] {
  const [major, minor] = t.pythonVersion;
  if (t.implementation === 'pp') return [`pypy${major}${minor}_pp73`];
  return [minor < 8 && major === 3 ? `cp${major}${minor}m` : `cp${major}${minor}`];
}

/** The supported tags for `t`, most preferred first, as packaging's sys_tags() orders them. */
export function supportedTags(t: TagTarget): Tag[] {
  const [major, minor] = t.pythonVersion;
  if (major !== 3 || !Number.isInteger(minor) || minor < 0) {
    throw new InvalidTargetError(JSON.stringify(t.pythonVersion), 'pythonVersion must be [3, minor]');
  }
  const platforms = t.platforms;
  const out: Tag[] = [];
  const each = (interpreter: string, abi: string): void => {
    for (const platform of platforms) out.push(makeTag(interpreter, abi, platform));
  };
  const nodot = `${major}${minor}`;
  const abis = t.abis ?? defaultAbis(t);

  if (t.implementation === 'cp') {
    const interpreter = `cp${nodot}`;
    // 'abi3' and 'none' keep their fixed places below even when listed (packaging cpython_tags).
    const explicit = abis.filter((abi) => abi !== 'abi3' && abi !== 'none');
    // packaging `_is_threaded_cpython`: the first ABI's flags (after `cp<digits>`) contain `t`.
    const flags = /^cp\d+(.*)$/s.exec(explicit[0] ?? '')?.[1];
    const stable = minor >= 2 ? (flags?.includes('t') === true ? 'abi3t' : 'abi3') : undefined;
    for (const abi of explicit) each(interpreter, abi);
    if (stable !== undefined) each(interpreter, stable);
    each(interpreter, 'none');
    if (stable !== undefined) for (let m = minor - 1; m >= 2; m--) each(`cp${major}${m}`, stable);
  } else {
    const interpreter = `pp${nodot}`;
    for (const abi of abis) each(interpreter, abi);
    if (!abis.includes('none')) each(interpreter, 'none');
  }

  const pys = pyVersions(major, minor);
  for (const py of pys) each(py, 'none');
  // pip names the interpreter `{impl}{version}` for both (packaging's sys_tags says `pp3`).
  out.push(makeTag(`${t.implementation}${nodot}`, 'none', 'any'));
  for (const py of pys) out.push(makeTag(py, 'none', 'any'));
  return out;
}

/** Tag string → priority index (first occurrence wins), for O(1) lookups in rankWheel. */
export function tagPriorityMap(supported: Tag[]): Map<string, number> {
  const map = new Map<string, number>();
  supported.forEach((tag, i) => {
    const key = tagToString(tag);
    if (!map.has(key)) map.set(key, i);
  });
  return map;
}

/**
 * The index of the best (lowest) supported tag among a wheel's tags, or undefined when the wheel
 * supports none of them. Pass a tagPriorityMap when ranking many wheels against one target.
 */
export function rankWheel(tags: Tag[], supported: Map<string, number> | Tag[]): number | undefined {
  const priority = supported instanceof Map ? supported : tagPriorityMap(supported);
  let best: number | undefined;
  for (const tag of tags) {
    const i = priority.get(tagToString(tag));
    if (i !== undefined && (best === undefined || i < best)) best = i;
  }
  return best;
}
