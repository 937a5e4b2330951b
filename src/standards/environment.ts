/**
 * Marker environments — PEP 508 "Environment Markers" variable table (as kept current in the PyPA
 * "Dependency specifiers" specification): the values `os.name`, `sys.platform`,
 * `platform.machine()`, `platform.python_implementation()`, `platform.release()`,
 * `platform.system()`, `platform.version()`, `platform.python_version()` and
 * `sys.implementation` report on a target interpreter. Computed from an explicit target; the
 * host is never read.
 * Not supported: values that depend on the exact machine rather than the target triple —
 * `platform_release` and `platform_version` default to '' (override them when known); a target
 * given as `3.12` gets `python_full_version` `3.12.0`; for PyPy, `implementation_version` is the
 * Python language version, not PyPy's own release number, unless given.
 */
import { InvalidTargetError } from './tags-platforms.js';

// One error for a target that cannot be described, whether its markers or its tags fail.
export { InvalidTargetError };

export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_python_implementation: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  python_version: string;
  sys_platform: string;
}

export type TargetOs = 'linux' | 'macos' | 'windows';

export interface MarkerTarget {
  /** `3.12` or `3.12.4`. */
  pythonVersion: string;
  os: TargetOs;
  /** x86_64 | amd64 | AMD64 | aarch64 | arm64 | i686 | x86 | armv7l | ppc64le | s390x … */
  arch: string;
  implementation?: 'cpython' | 'pypy';
  platformRelease?: string;
  platformVersion?: string;
  implementationVersion?: string;
}

type ArchFamily = 'x86_64' | 'aarch64' | 'x86';

function archFamily(arch: string): ArchFamily | null {
  switch (arch.toLowerCase()) {
    case 'x86_64':
    case 'amd64':
    case 'x64':
      return 'x86_64';
    case 'aarch64':
    case 'arm64':
      return 'aarch64';
    case 'i386':
    case 'i486':
    case 'i586':
    case 'i686':
    case 'x86':
    case 'win32':
      return 'x86';
    default:
      return null;
  }
}

/**
 * `platform.machine()` as each OS spells it: Linux reports the kernel's `uname -m`
 * (x86_64, aarch64, i686), macOS reports x86_64 or arm64, Windows reports
 * PROCESSOR_ARCHITECTURE (AMD64, ARM64, x86).
 */
function machineFor(os: TargetOs, arch: string): string {
  const family = archFamily(arch);
  if (family === null) return arch;
  const table: Record<TargetOs, Record<ArchFamily, string>> = {
    linux: { x86_64: 'x86_64', aarch64: 'aarch64', x86: 'i686' },
    macos: { x86_64: 'x86_64', aarch64: 'arm64', x86: 'i386' },
    windows: { x86_64: 'AMD64', aarch64: 'ARM64', x86: 'x86' },
  };
  return table[os][family];
}

const PYTHON_VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

/** What a real interpreter on the target reports for every PEP 508 marker variable. */
export function markerEnvironmentFor(t: MarkerTarget): MarkerEnvironment {
  const m = PYTHON_VERSION_RE.exec(t.pythonVersion.trim());
  if (m === null)
    throw new InvalidTargetError(
      JSON.stringify(t.pythonVersion),
      'expected a Python version like 3.12 or 3.12.4',
    );
  const pythonVersion = `${Number(m[1])}.${Number(m[2])}`;
  const fullVersion = `${pythonVersion}.${m[3] === undefined ? 0 : Number(m[3])}`;
  const impl = t.implementation ?? 'cpython';
  const osValues: Record<TargetOs, { os_name: string; sys_platform: string; platform_system: string }> = {
    linux: { os_name: 'posix', sys_platform: 'linux', platform_system: 'Linux' },
    macos: { os_name: 'posix', sys_platform: 'darwin', platform_system: 'Darwin' },
    windows: { os_name: 'nt', sys_platform: 'win32', platform_system: 'Windows' },
  };
  const osv = osValues[t.os];
  if (osv === undefined)
    throw new InvalidTargetError(JSON.stringify(String(t.os)), 'expected linux, macos or windows');
  return {
    implementation_name: impl,
    implementation_version: t.implementationVersion ?? fullVersion,
    os_name: osv.os_name,
    platform_machine: machineFor(t.os, t.arch),
    platform_python_implementation: impl === 'pypy' ? 'PyPy' : 'CPython',
    platform_release: t.platformRelease ?? '',
    platform_system: osv.platform_system,
    platform_version: t.platformVersion ?? '',
    python_full_version: fullVersion,
    python_version: pythonVersion,
    sys_platform: osv.sys_platform,
  };
}
