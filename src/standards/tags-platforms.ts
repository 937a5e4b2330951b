/**
 * Platform tag ladders for an explicit target machine, most specific first, in the order of
 * `packaging.tags` (fixtures from pip's vendored packaging, scripts/gen-tag-fixtures.py; explicit
 * `--platform` lists checked against pip 26 by __tests__/conformance):
 *  - manylinux — PEP 600 `manylinux_{glibc major}_{glibc minor}_{arch}` from the target's glibc
 *    down to 2.17 (2.5 on x86_64/i686), each major version counting down to minor 0 and earlier
 *    majors assumed to end at minor 50 (packaging `_manylinux.platform_tags`); the legacy aliases
 *    of PEP 513/571/599 follow their glibc version: manylinux2014 after 2_17, manylinux2010 after
 *    2_12, manylinux1 after 2_5 (so only x86_64/i686 reach the last two).
 *  - musllinux — PEP 656 `musllinux_{major}_{minor}_{arch}` from the target's musl minor down to 0.
 *  - macOS — packaging `mac_platforms`: for 10.x each minor down to 10.0; for 11+ each major down
 *    to 11 (minor 0), then 10.16 … 10.4 (x86_64 with all its binary formats; arm64 only
 *    `universal2`, as no arm64 binaries predate 11.0). Binary formats per version
 *    (`_mac_binary_formats`): x86_64 → x86_64, intel, fat64, fat32, universal2, universal (none
 *    before 10.4); arm64 → arm64, universal2; i386 → i386, intel, fat32, fat, universal;
 *    ppc64 → ppc64, fat64, universal (10.4–10.5 only); ppc → ppc, fat32, fat, universal (≤10.6).
 *  - Windows — the single `sysconfig.get_platform()` tag: win32, win_amd64 or win_arm64.
 *  - linux — `linux_{arch}` last (packaging `_linux_platforms`).
 * Not supported: the host probes packaging performs (`_manylinux` module overrides, armhf/i686 ELF
 * checks, 32-bit interpreters on 64-bit kernels) — the target states its own facts; manylinux
 * arches beyond packaging's list (x86_64, i686, aarch64, armv7l, ppc64, ppc64le, s390x, plus
 * riscv64 and loongarch64 as newer packaging releases add) get no manylinux tags; macOS 26's
 * version jump (packaging 26.2 still counts 25…16 too, and so does this code); iOS, Android,
 * FreeBSD and other platforms (pip 26 expands explicit `ios_*`/`android_*` platforms; wheelhouse
 * does not take them as targets).
 */

/** A target whose tags or markers cannot be computed; `input` as shown (callers quote values). */
export class InvalidTargetError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid target ${input}: ${reason}`);
    this.name = 'InvalidTargetError';
  }
}

type Version2 = [number, number];

/** Arches packaging's `_manylinux._have_compatible_abi` accepts (riscv64/loongarch64 from newer releases). */
const MANYLINUX_ARCHES = new Set([
  'x86_64',
  'i686',
  'aarch64',
  'armv7l',
  'ppc64',
  'ppc64le',
  's390x',
  'riscv64',
  'loongarch64',
]);

/** PEP 513/571/599 names for the glibc versions of their build environments. */
const LEGACY_MANYLINUX: ReadonlyMap<string, string> = new Map([
  ['2.17', 'manylinux2014'],
  ['2.12', 'manylinux2010'],
  ['2.5', 'manylinux1'],
]);

/** packaging `_LAST_GLIBC_MINOR`: the assumed last minor of a glibc major that has been superseded. */
const LAST_GLIBC_MINOR = 50;

function checkVersion(label: string, v: Version2): void {
  if (v.length !== 2 || !v.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new InvalidTargetError(
      JSON.stringify(v),
      `${label} must be [major, minor] with non-negative integers`,
    );
  }
}

/** PEP 600 manylinux platforms for a glibc `[major, minor]` on `arch`, newest first. */
export function manylinuxPlatforms(arch: string, glibc: Version2): string[] {
  checkVersion('glibc', glibc);
  if (!MANYLINUX_ARCHES.has(arch)) return [];
  // Below 2.17 only x86_64 and i686 ever had manylinux builds (manylinux1/2010).
  const oldest: Version2 = arch === 'x86_64' || arch === 'i686' ? [2, 5] : [2, 17];
  const out: string[] = [];
  for (let major = glibc[0]; major >= 2; major--) {
    const top = major === glibc[0] ? glibc[1] : LAST_GLIBC_MINOR;
    const bottom = major === oldest[0] ? oldest[1] : 0;
    for (let minor = top; minor >= bottom; minor--) {
      out.push(`manylinux_${major}_${minor}_${arch}`);
      const legacy = LEGACY_MANYLINUX.get(`${major}.${minor}`);
      if (legacy) out.push(`${legacy}_${arch}`);
    }
  }
  return out;
}

/** PEP 656 musllinux platforms for a musl `[major, minor]` on `arch`, newest first. */
export function musllinuxPlatforms(arch: string, musl: Version2): string[] {
  checkVersion('musl', musl);
  const out: string[] = [];
  for (let minor = musl[1]; minor >= 0; minor--) out.push(`musllinux_${musl[0]}_${minor}_${arch}`);
  return out;
}

/** packaging `_mac_binary_formats`: the binary formats a macOS version runs for `arch`. */
function macBinaryFormats(version: Version2, arch: string): string[] {
  const before = (a: Version2, b: Version2): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const formats = [arch];
  if (arch === 'x86_64') {
    if (before(version, [10, 4])) return [];
    formats.push('intel', 'fat64', 'fat32');
  } else if (arch === 'i386') {
    if (before(version, [10, 4])) return [];
    formats.push('intel', 'fat32', 'fat');
  } else if (arch === 'ppc64') {
    if (before([10, 5], version) || before(version, [10, 4])) return [];
    formats.push('fat64');
  } else if (arch === 'ppc') {
    if (before([10, 6], version)) return [];
    formats.push('fat32', 'fat');
  }
  if (arch === 'arm64' || arch === 'x86_64') formats.push('universal2');
  if (['x86_64', 'i386', 'ppc64', 'ppc', 'intel'].includes(arch)) formats.push('universal');
  return formats;
}

/** packaging `mac_platforms(version, arch)`: macOS platform tags, most specific first. */
export function macosPlatforms(arch: string, version: Version2): string[] {
  checkVersion('macOS version', version);
  const out: string[] = [];
  const emit = (major: number, minor: number, formats: string[]): void => {
    for (const format of formats) out.push(`macosx_${major}_${minor}_${format}`);
  };
  const [major, minor] = version;
  if (major === 10) {
    // Before macOS 11 every yearly release bumped the minor version.
    for (let m = minor; m >= 0; m--) emit(10, m, macBinaryFormats([10, m], arch));
  }
  if (major >= 11) {
    // From 11 on, each yearly release bumps the major version; wheels are tagged `{major}_0`.
    for (let m = major; m >= 11; m--) emit(m, 0, macBinaryFormats([m, 0], arch));
    // 11+ on x86_64 still runs 10.x binaries; for arm64 only universal2 can predate 11.0.
    for (let m = 16; m >= 4; m--) {
      emit(10, m, arch === 'x86_64' ? macBinaryFormats([10, m], arch) : ['universal2']);
    }
  }
  return out;
}

/** The Windows platform tag for an arch (`x86`/`win32`, `x86_64`/`amd64`/`x64`, `arm64`/`aarch64`). */
export function windowsPlatforms(arch: string): string[] {
  switch (arch.toLowerCase()) {
    case 'x86':
    case 'i686':
    case 'win32':
      return ['win32'];
    case 'x86_64':
    case 'amd64':
    case 'x64':
    case 'win_amd64':
      return ['win_amd64'];
    case 'arm64':
    case 'aarch64':
    case 'win_arm64':
      return ['win_arm64'];
    default:
      throw new InvalidTargetError(
        JSON.stringify(arch),
        'unknown Windows architecture (x86, x86_64 or arm64)',
      );
  }
}

export interface PlatformTarget {
  os: 'linux' | 'macos' | 'windows';
  /** CPU architecture; common spellings (x64, amd64, arm64 on Linux, x86) are mapped per OS. */
  arch: string;
  /** glibc [major, minor] for a glibc Linux (manylinux). */
  glibc?: Version2;
  /** musl [major, minor] for a musl Linux (musllinux). */
  musl?: Version2;
  /** macOS [major, minor]. */
  macos?: Version2;
}

/** Maps GitHub runner / uname / Go spellings of an arch onto packaging's name for that OS. */
export function normalizeArch(os: PlatformTarget['os'], arch: string): string {
  const a = arch.toLowerCase();
  if (os === 'linux') {
    const linux: Record<string, string> = {
      x64: 'x86_64',
      amd64: 'x86_64',
      x86: 'i686',
      i386: 'i686',
      arm64: 'aarch64',
      arm: 'armv7l',
    };
    return linux[a] ?? a;
  }
  if (os === 'macos') {
    const mac: Record<string, string> = { x64: 'x86_64', amd64: 'x86_64', aarch64: 'arm64' };
    return mac[a] ?? a;
  }
  return a;
}

/**
 * The platform list for a target, most specific first: Linux = manylinux ladder (when `glibc`),
 * musllinux ladder (when `musl`), then `linux_{arch}`; macOS = `macosPlatforms`; Windows = one tag.
 */
export function platformsFor(target: PlatformTarget): string[] {
  const arch = normalizeArch(target.os, target.arch);
  switch (target.os) {
    case 'linux': {
      if (!target.glibc && !target.musl) {
        throw new InvalidTargetError(
          JSON.stringify(target),
          'a Linux target needs its glibc or musl version',
        );
      }
      const out: string[] = [];
      if (target.glibc) out.push(...manylinuxPlatforms(arch, target.glibc));
      if (target.musl) out.push(...musllinuxPlatforms(arch, target.musl));
      out.push(`linux_${arch}`);
      return out;
    }
    case 'macos':
      if (!target.macos)
        throw new InvalidTargetError(JSON.stringify(target), 'a macOS target needs its macOS version');
      return macosPlatforms(arch, target.macos);
    case 'windows':
      return windowsPlatforms(arch);
    default:
      throw new InvalidTargetError(JSON.stringify(target), 'os must be linux, macos or windows');
  }
}

/** macOS tag as pip reads `--platform`: `{name}_{major}_{minor}_{arch}` (pip `_apple_arch_pat`). */
const MAC_PLATFORM_RE = /^(.+)_(\d+)_(\d+)_(.+)$/s;

/**
 * One explicit platform tag (pip's `--platform`, the action's `platform` input) expanded as pip
 * 26 expands it (`compatibility_tags._get_custom_platforms`), plus the PEP 600 names:
 *  - `macosx_{major}_{minor}_{arch}` → packaging's `mac_platforms((major, minor), arch)` — the
 *    macOS ladder down to 10.x/11.0 with `universal2` and the other binary formats —
 *    keeping the prefix as written (pip accepts `macosxcustom_14_0_arm64` and keeps it).
 *  - `manylinux2014_{arch}` / `manylinux2010_{arch}` → the glibc 2.17 / 2.12 ladder of
 *    `manylinuxPlatforms`: pip's legacy aliases (`manylinux2014` → `manylinux2010` →
 *    `manylinux1`, the last two for x86_64/i686 only), in pip's order, with the equivalent PEP
 *    600 names `manylinux_2_17` … `manylinux_2_5` interleaved at their glibc versions. pip lists
 *    only the aliases; the PEP 600 names are a deliberate addition (conformance divergence list):
 *    such wheels run on the target, and a wheel pip also accepts keeps pip's relative order.
 *  - anything else (PEP 600/656 tags, `linux_*`, `win_*`) stays as written, as in pip.
 */
export function expandExplicitPlatform(platform: string): string[] {
  if (platform.startsWith('macosx')) {
    const m = MAC_PLATFORM_RE.exec(platform);
    if (m === null) return [platform];
    const [, name, major, minor, arch] = m as unknown as [string, string, string, string, string];
    const version: Version2 = [Number(major), Number(minor)];
    if (!version.every(Number.isSafeInteger)) return [platform];
    return macosPlatforms(arch, version).map((p) => `${name}_${p.slice('macosx_'.length)}`);
  }
  const sep = platform.indexOf('_');
  const prefix = sep < 0 ? platform : platform.slice(0, sep);
  const arch = sep < 0 ? '' : platform.slice(sep + 1);
  if (prefix === 'manylinux2014' || prefix === 'manylinux2010') {
    const glibc: Version2 = prefix === 'manylinux2014' ? [2, 17] : [2, 12];
    const ladder = manylinuxPlatforms(arch, glibc);
    // pip's own list, for arches packaging does not know: the alias and what pip appends.
    const pip = [platform];
    if (prefix === 'manylinux2010' || arch === 'i686' || arch === 'x86_64') {
      if (prefix === 'manylinux2014') pip.push(`manylinux2010_${arch}`);
      pip.push(`manylinux1_${arch}`);
    }
    if (ladder.length === 0) return pip;
    // The ladder starts at the PEP 600 name; pip's list leads with the alias as written.
    const out = [platform, ...ladder.filter((p) => p !== platform)];
    for (const p of pip) if (!out.includes(p)) out.push(p);
    return out;
  }
  return [platform];
}

/** Every explicit platform expanded (expandExplicitPlatform), first occurrence kept (pip `_expand_allowed_platforms`). */
export function expandExplicitPlatforms(platforms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of platforms) {
    if (seen.has(p)) continue;
    for (const q of expandExplicitPlatform(p)) {
      if (seen.has(q)) continue;
      seen.add(q);
      out.push(q);
    }
  }
  return out;
}
