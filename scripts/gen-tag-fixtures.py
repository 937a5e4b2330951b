#!/usr/bin/env python3
"""Regenerates __tests__/fixtures/tags/*.json from the `packaging` library that pip vendors.

Usage:  python3 scripts/gen-tag-fixtures.py && npx prettier --write __tests__/fixtures/tags
Needs:  python3 with pip (uses `pip._vendor.packaging`; the version used is recorded in each file).

Each fixture describes one explicit target (interpreter, Python version, ABIs, OS/arch/libc
version) and records, as plain strings:
  - "platforms": packaging's platform list for that target (manylinux/musllinux ladder then
    linux_<arch>, mac_platforms(), or the single Windows platform), and
  - "tags": cpython_tags() (or generic_tags() for PyPy) followed by compatible_tags(), which is
    exactly what packaging.tags.sys_tags() yields on such a machine.
The host's glibc/musl are never consulted: packaging's libc probes are replaced by the target's
versions, and the "is this 32-bit ABI really usable here" probes answer yes.
__tests__/standards/tags.test.ts reads these files; it never runs Python.
"""
import json
import os
import sys

from pip._vendor import packaging
from pip._vendor.packaging import _manylinux, _musllinux, tags

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "__tests__", "fixtures", "tags")


def linux_platforms(arch, glibc=None, musl=None):
    """packaging.tags._linux_platforms for an explicit libc instead of the host's."""
    linux = f"linux_{arch}"
    out = []
    if glibc is not None:
        _manylinux._get_glibc_version = lambda: tuple(glibc)
        _manylinux._have_compatible_abi = lambda arch: arch in {
            "x86_64", "i686", "aarch64", "armv7l", "ppc64", "ppc64le", "s390x"}
        out += list(_manylinux.platform_tags(linux, arch))
    if musl is not None:
        _musllinux._get_musl_version = lambda executable: _musllinux._MuslVersion(*musl)
        out += list(_musllinux.platform_tags(arch))
    out.append(linux)
    return out


def platforms_for(t):
    if t["os"] == "linux":
        return linux_platforms(t["arch"], t.get("glibc"), t.get("musl"))
    if t["os"] == "macos":
        return list(tags.mac_platforms(tuple(t["macos"]), t["arch"]))
    if t["os"] == "windows":
        return [{"x86": "win32", "x86_64": "win_amd64", "arm64": "win_arm64"}[t["arch"]]]
    raise ValueError(t)


def supported(impl, version, abis, platforms):
    if impl == "cp":
        out = list(tags.cpython_tags(python_version=version, abis=abis, platforms=platforms))
        interpreter = f"cp{version[0]}{version[1]}"
    else:
        out = list(tags.generic_tags(interpreter=f"pp{version[0]}{version[1]}", abis=abis, platforms=platforms))
        interpreter = f"pp{version[0]}{version[1]}"  # pip names it pp3Y (get_supported), not sys_tags' pp3
    out += list(tags.compatible_tags(python_version=version, interpreter=interpreter, platforms=platforms))
    return [str(t) for t in out]


CASES = [
    # The three targets of the done-when test.
    ("cp312-manylinux_2_28_x86_64", "cp", (3, 12), None, {"os": "linux", "arch": "x86_64", "glibc": [2, 28]}),
    ("cp312-macosx_14_0_arm64", "cp", (3, 12), None, {"os": "macos", "arch": "arm64", "macos": [14, 0]}),
    ("cp312-win_amd64", "cp", (3, 12), None, {"os": "windows", "arch": "x86_64"}),
    # More ladders and interpreters.
    ("cp311-manylinux_2_31_aarch64", "cp", (3, 11), None, {"os": "linux", "arch": "aarch64", "glibc": [2, 31]}),
    ("cp37-manylinux_2_17_i686", "cp", (3, 7), ["cp37m"], {"os": "linux", "arch": "i686", "glibc": [2, 17]}),
    ("cp310-manylinux_2_12_armv7l", "cp", (3, 10), None, {"os": "linux", "arch": "armv7l", "glibc": [2, 12]}),
    ("cp313-manylinux_3_1_x86_64", "cp", (3, 13), None, {"os": "linux", "arch": "x86_64", "glibc": [3, 1]}),
    ("cp312-musllinux_1_2_x86_64", "cp", (3, 12), None, {"os": "linux", "arch": "x86_64", "musl": [1, 2]}),
    ("cp312-macosx_14_0_x86_64", "cp", (3, 12), None, {"os": "macos", "arch": "x86_64", "macos": [14, 0]}),
    ("cp38-macosx_10_15_x86_64", "cp", (3, 8), None, {"os": "macos", "arch": "x86_64", "macos": [10, 15]}),
    ("cp39-macosx_11_0_arm64", "cp", (3, 9), None, {"os": "macos", "arch": "arm64", "macos": [11, 0]}),
    ("cp39-win32", "cp", (3, 9), None, {"os": "windows", "arch": "x86"}),
    ("cp312-win_arm64", "cp", (3, 12), None, {"os": "windows", "arch": "arm64"}),
    ("pp39-manylinux_2_17_x86_64", "pp", (3, 9), ["pypy39_pp73"], {"os": "linux", "arch": "x86_64", "glibc": [2, 17]}),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, impl, version, abis, target in CASES:
        platforms = platforms_for(target)
        doc = {
            "generator": f"scripts/gen-tag-fixtures.py with pip's vendored packaging {packaging.__version__}",
            "target": {"implementation": impl, "pythonVersion": list(version), "abis": abis, "platform": target},
            "platforms": platforms,
            "tags": supported(impl, version, abis, platforms),
        }
        with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(f"{name}: {len(platforms)} platforms, {len(doc['tags'])} tags", file=sys.stderr)


if __name__ == "__main__":
    main()
