import { describe, expect, it } from '@jest/globals';
import { markerEnvironmentFor, type MarkerEnvironment } from '../../src/standards/environment.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import { parseMarker } from '../../src/standards/markers.js';

const linux39: MarkerEnvironment = {
  ...markerEnvironmentFor({ pythonVersion: '3.9.0', os: 'linux', arch: 'x86_64' }),
  platform_release: '5.15.0-1034-azure',
  platform_version: '#1 SMP Tue',
};
const win312 = markerEnvironmentFor({ pythonVersion: '3.12.4', os: 'windows', arch: 'AMD64' });
const mac313 = markerEnvironmentFor({ pythonVersion: '3.13', os: 'macos', arch: 'arm64' });

describe('evaluateMarker (PEP 508 "Environment Markers")', () => {
  const ev = (text: string, env: MarkerEnvironment, extras?: string[]): boolean =>
    evaluateMarker(parseMarker(text), env, extras);

  it.each([
    // version comparison when both sides are versions: "3.9" < "3.10" as versions
    ['python_version > "3.10"', false],
    ['python_version < "3.10"', true],
    ['python_version >= "3.9"', true],
    ['python_version == "3.*"', true],
    ['python_version != "3.9.*"', false],
    ['python_full_version == "3.9.*"', true],
    ['python_full_version >= "3.9.0rc1"', true],
    ['python_full_version < "3.9.0"', false],
    ['python_version ~= "3.8"', true],
    ['python_version === "3.9"', true],
    ['"3.9" == python_version', true],
    ['"3.10" > python_version', true],
    // platform_release is version-typed, but "5.15.0-1034-azure" is no version: a version
    // comparison then matches nothing, `!=` included (packaging 26).
    ['platform_release >= "5"', false],
    ['platform_release < "6"', false],
    ['platform_release != "6"', false],
    ['platform_release == "5.15.0-1034-azure"', true], // no specifier: string equality
    ['platform_release === "5.15.0-1034-AZURE"', true],
    ['"5.15.0-1034-azure" === platform_release', true],
    // … and when the other side is no specifier, the string rules apply.
    ['platform_release in "5.15.0-1034-azure"', true],
    ['platform_release == "5.15.0 azure"', false],
    // `===` is case-insensitive string equality, with the literal on either side.
    ['python_full_version === "3.9.0"', true],
    ['"3.9.00" === python_full_version', false],
    ['python_full_version === "3.9"', false],
    // Other variables compare as strings: `<`/`>` are false, `<=`/`>=` are equality.
    ['sys_platform == "linux"', true],
    ['sys_platform != "linux"', false],
    ['sys_platform > "darwin"', false],
    ['sys_platform < "zzz"', false],
    ['sys_platform >= "linux"', true],
    ['sys_platform <= "linux"', true],
    ['sys_platform >= "darwin"', false],
    ['platform_version >= "#1 SMP Tue"', true],
    ['platform_version > "#0"', false],
    ['"darwin" < sys_platform', false],
    // Escapes decode as in Python.
    ['sys_platform == "\\x6cinux"', true],
    ['sys_platform == "lin\\u0075x"', true],
    ['sys_platform == "\\154inux"', true],
    ['sys_platform == "li\\\nnux"', true],
    ['platform_version == "#1\\x20SMP\\tTue"', false],
    // A variable on the right of a variable stands for its own name (packaging).
    ['sys_platform == os_name', false],
    ['os_name == os_name', false],
    ['"linux" in sys_platform', true],
    ['"lin" in sys_platform', true],
    ['sys_platform in "linux2 linux"', true],
    ['sys_platform not in "win32 cygwin"', true],
    ['platform_machine in "x86_64 AMD64"', true],
    ['implementation_name == "cpython" and (os_name == "nt" or sys_platform == "linux")', true],
    ['os_name == "nt" or sys_platform == "win32"', false],
    ['os_name == "nt" and sys_platform == "win32" or python_version >= "3"', true],
    ['os_name == "nt" and (sys_platform == "win32" or python_version >= "3")', false],
    ['platform_machine ~= "x86"', false],
    ['platform_machine === "x86_64"', true],
  ])('%s on linux/3.9 is %s', (text, expected) => {
    expect(ev(text, linux39)).toBe(expected);
  });

  it.each([
    ['sys_platform == "win32" and platform_machine == "AMD64"', [false, true, false]],
    ['platform_system == "Darwin" and platform_machine == "arm64"', [false, false, true]],
    ['os_name == "posix"', [true, false, true]],
    ['python_version >= "3.12"', [false, true, true]],
    ['python_full_version >= "3.12.5"', [false, false, true]],
    ['platform_python_implementation == "CPython"', [true, true, true]],
  ])('%s on linux/windows/macos is %j', (text, expected) => {
    expect([linux39, win312, mac313].map((env) => ev(text, env))).toEqual(expected);
  });

  it('is false for `extra == ...` when no extras are given', () => {
    expect(ev('extra == "socks"', linux39)).toBe(false);
    expect(ev('extra == "socks"', linux39, [])).toBe(false);
    expect(ev('python_version >= "3" and extra == "socks"', linux39)).toBe(false);
  });

  it('compares extras after PEP 685 normalization, on both sides', () => {
    expect(ev('extra == "Socks_Proxy"', linux39, ['socks-proxy'])).toBe(true);
    expect(ev('extra == "socks-proxy"', linux39, ['Socks.Proxy'])).toBe(true);
    expect(ev('"socks__proxy" == extra', linux39, ['SOCKS-proxy'])).toBe(true);
    expect(evaluateMarker(parseMarker('extra == "b"'), linux39, new Set(['a', 'B']))).toBe(true);
    expect(ev('extra == "c"', linux39, ['a', 'b'])).toBe(false);
  });

  it('holds with several extras when it holds for any one of them (pip)', () => {
    expect(ev('extra == "a" and python_version >= "3"', linux39, ['b', 'a'])).toBe(true);
    // Evaluated per extra, so one extra cannot be both.
    expect(ev('extra == "a" and extra == "b"', linux39, ['a', 'b'])).toBe(false);
  });
});
