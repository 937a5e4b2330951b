/**
 * The target a resolution is for, always explicit (never read from the host here): a Python
 * version and implementation, an OS, an architecture and a libc/macOS version, giving the PEP 508
 * marker environment, the ordered supported tags (packaging's sys_tags order) and the Python
 * version that Requires-Python is checked against.
 *
 * Like pip's `--platform`/`--abi`, explicit platform or ABI tags replace the computed ones, each
 * platform expanded as pip 26 expands it (expandExplicitPlatforms: the macOS ladder with
 * `universal2`, manylinux2014/2010 with their legacy aliases and PEP 600 names); unlike pip
 * (which keeps evaluating markers for the running interpreter), the markers follow the target.
 */
import { markerEnvironmentFor, type MarkerEnvironment, type TargetOs } from '../standards/environment.js';
import {
  expandExplicitPlatforms,
  InvalidTargetError,
  platformsFor,
  supportedTags,
  tagPriorityMap,
  type Tag,
} from '../standards/tags.js';
import { Version } from '../standards/version.js';

export type { TargetOs };

export interface TargetOptions {
  /** `3.11` or `3.11.4`. */
  pythonVersion: string;
  os: TargetOs;
  arch: string;
  implementation?: 'cp' | 'pp';
  /** glibc version for Linux (default 2.17 when neither glibc nor musl is given). */
  glibc?: [number, number];
  musl?: [number, number];
  /** macOS version (default 11.0 on arm64, 10.12 on x86_64). */
  macos?: [number, number];
  /** pip's `--platform`, most preferred first: replaces the computed platform tags. */
  platforms?: string[];
  /** pip's `--abi`. */
  abis?: string[];
}

export interface TargetEnvironment {
  options: TargetOptions;
  /** The Python version for Requires-Python checks (as given, e.g. 3.11 or 3.11.4). */
  pythonVersion: Version;
  markers: MarkerEnvironment;
  tags: Tag[];
  tagPriority: Map<string, number>;
  /** Short form for explanations: `cp311-manylinux_2_17_x86_64`. */
  summary: string;
  /** `==3.11.*` (PEP 751 requires-python of the lock). */
  requiresPython: string;
  /** A marker expression true only on the target (PEP 751 `environments`). */
  environmentMarker: string;
}

const PYTHON_RE = /^3\.(\d+)(?:\.(\d+))?$/;

/** Whether `text` is a target Python version as every input takes it: `3.X` or `3.X.Y`. */
export function isTargetPythonVersion(text: string): boolean {
  return PYTHON_RE.test(text);
}

/** os and arch implied by one platform tag (`manylinux_2_17_x86_64`, `macosx_14_0_arm64`, `win_amd64`). */
export function osArchOfPlatform(platform: string): { os: TargetOs; arch: string } | undefined {
  let m = /^(?:manylinux_\d+_\d+|manylinux1|manylinux2010|manylinux2014|musllinux_\d+_\d+|linux)_(.+)$/.exec(
    platform,
  );
  if (m !== null) return { os: 'linux', arch: m[1] as string };
  m = /^macosx_\d+_\d+_(.+)$/.exec(platform);
  if (m !== null) return { os: 'macos', arch: m[1] === 'universal2' ? 'arm64' : (m[1] as string) };
  if (platform === 'win32') return { os: 'windows', arch: 'x86' };
  m = /^win_(amd64|arm64)$/.exec(platform);
  if (m !== null) return { os: 'windows', arch: m[1] === 'amd64' ? 'x86_64' : 'arm64' };
  return undefined;
}

/**
 * A platform/ABI tag or an architecture: the characters a wheel file name's tag can hold (PEP 425
 * tags are `[A-Za-z0-9_]` once packaging has replaced `-` and `.`; `.` kept for a dotted arch).
 * pip takes any `--platform` text (a tag no file can have matches nothing); wheelhouse also writes
 * the target into its outputs (the pylock `environments` marker, the lock's header), so a value
 * outside this set — a quote, a blank, a line break — is refused where it is read (review 18a F11).
 */
const TAG_TEXT = /^[A-Za-z0-9_.]+$/;

function checkTagText(what: string, values: readonly string[] | undefined): void {
  for (const v of values ?? []) {
    if (!TAG_TEXT.test(v)) {
      throw new InvalidTargetError(
        JSON.stringify(v),
        `a ${what} holds only letters, digits, "_" and "." (as in a wheel file name's tags)`,
      );
    }
  }
}

/** `name == 'value'`, the value in single quotes when it can be (PEP 508 has no escapes). */
function markerClause(name: string, value: string): string {
  if (/['\\\u0000-\u001f\u007f]/u.test(value)) {
    throw new InvalidTargetError(
      JSON.stringify(value),
      `cannot be written as the value of ${name} in a marker`,
    );
  }
  return `${name} == '${value}'`;
}

export function targetEnvironment(options: TargetOptions): TargetEnvironment {
  checkTagText('platform tag', options.platforms);
  checkTagText('ABI tag', options.abis);
  checkTagText('machine architecture', [options.arch]);
  const m = PYTHON_RE.exec(options.pythonVersion.trim());
  if (m === null) {
    throw new InvalidTargetError(options.pythonVersion, 'expected a Python 3 version like 3.12 or 3.12.4');
  }
  const minor = Number(m[1]);
  const implementation = options.implementation ?? 'cp';
  const markers = markerEnvironmentFor({
    pythonVersion: options.pythonVersion.trim(),
    os: options.os,
    arch: options.arch,
    implementation: implementation === 'pp' ? 'pypy' : 'cpython',
  });
  let platforms = options.platforms === undefined ? undefined : expandExplicitPlatforms(options.platforms);
  if (platforms !== undefined && platforms.length === 0) platforms = options.platforms;
  if (platforms === undefined || platforms.length === 0) {
    const isArm = /^(arm64|aarch64)$/i.test(options.arch);
    platforms = platformsFor({
      os: options.os,
      arch: options.arch,
      ...(options.os === 'linux'
        ? options.glibc === undefined && options.musl === undefined
          ? { glibc: [2, 17] as [number, number] }
          : {
              ...(options.glibc !== undefined ? { glibc: options.glibc } : {}),
              ...(options.musl !== undefined ? { musl: options.musl } : {}),
            }
        : {}),
      ...(options.os === 'macos' ? { macos: options.macos ?? (isArm ? [11, 0] : [10, 12]) } : {}),
    });
  }
  const tags = supportedTags({
    implementation,
    pythonVersion: [3, minor],
    platforms,
    ...(options.abis !== undefined && options.abis.length > 0 ? { abis: options.abis } : {}),
  });
  const interpreter = `${implementation}3${minor}`;
  const envMarker = [
    markerClause('sys_platform', markers.sys_platform),
    markerClause('platform_machine', markers.platform_machine),
    markerClause('implementation_name', markers.implementation_name),
    m[2] === undefined
      ? markerClause('python_version', markers.python_version)
      : markerClause('python_full_version', markers.python_full_version),
  ].join(' and ');
  return {
    options,
    pythonVersion: Version.parse(options.pythonVersion.trim()),
    markers,
    tags,
    tagPriority: tagPriorityMap(tags),
    summary: `${interpreter}-${platforms[0] ?? 'any'}`,
    requiresPython: m[2] === undefined ? `==3.${minor}.*` : `==${options.pythonVersion.trim()}`,
    environmentMarker: envMarker,
  };
}
