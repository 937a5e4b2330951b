#!/usr/bin/env python3
"""Regenerates __tests__/fixtures/filenames/packaging-results.json from the `packaging` library
that pip vendors: what `packaging.utils.parse_wheel_filename` / `parse_sdist_filename` make of
a list of ordinary and tricky file names (accepted or not, normalized name, build tag, tags).

Usage:  python3 scripts/gen-filename-fixtures.py && npx prettier --write __tests__/fixtures/filenames
__tests__/standards/filenames-packaging.test.ts compares src/standards/filenames.ts with these
results without running Python; the few names where wheelhouse is deliberately stricter are
listed in that test.
"""
import json
import os

from pip._vendor import packaging
from pip._vendor.packaging.utils import parse_sdist_filename, parse_wheel_filename

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "__tests__", "fixtures", "filenames")

WHEELS = [
    "pkg-1.0-py3-none-any.whl",
    "pkg-1.0-1-py3-none-any.whl",
    "pkg-1.0-1a-py3-none-any.whl",
    "pkg-1.0-00-py3-none-any.whl",
    "pkg-1.0-123_foo.bar-py3-none-any.whl",
    "_pkg-1.0-py3-none-any.whl",
    "pkg_-1.0-py3-none-any.whl",
    "pkg.-1.0-py3-none-any.whl",
    "Pkg.Name-1.0-py3-none-any.whl",
    "pkg__x-1.0-py3-none-any.whl",
    "pkg-v1.0-py3-none-any.whl",
    "pkg-1.0.post1-py3-none-any.whl",
    "pkg-1.0+local-py3-none-any.whl",
    "pkg-1.0_rc1-py3-none-any.whl",
    "pkg-1.0.0.0.0-py3-none-any.whl",
    "pkg-1!0-py3-none-any.whl",
    "pkg-1.0-py3-none-any.WHL",
    "pkg-1.0-py3--any.whl",
    "pkg-1.0-py3-none-.whl",
    "pkg-1.0-py3.-none-any.whl",
    "-1.0-py3-none-any.whl",
    "pkg--py3-none-any.whl",
    "pkg-1.0--py3-none-any.whl",
    "pkg-1.0-x-py3-none-any.whl",
    "pkg-1.0-1-2-py3-none-any.whl",
    "pkg-1.0-py3-none-any-x.whl",
    "pk\u00e9-1.0-py3-none-any.whl",
    "pkg-latest-py3-none-any.whl",
    "pkg-1.0-py3-none.whl",
    "pkg-1.0-py2.py3-none-any.whl",
    "pkg-1.0-PY3-NONE-ANY.whl",
    "numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "numpy-1.26.4-cp312-cp312-macosx_11_0_arm64.whl",
    "numpy-1.26.4-pp39-pypy39_pp73-win_amd64.whl",
    "cryptography-42.0.5-cp39-abi3-macosx_10_12_universal2.whl",
    "cffi-1.16.0-cp312-cp312-musllinux_1_1_x86_64.whl",
    "multi-1.0-cp37.cp38-abi3.none-win32.win_amd64.whl",
    "typing_extensions-4.9.0-py3-none-any.whl",
    "zope.interface-6.1-cp312-cp312-win_amd64.whl",
]

SDISTS = [
    "requests-2.31.0.tar.gz",
    "Django-4.2.tar.gz",
    "zope.interface-5.0.zip",
    "python-dateutil-2.8.2.tar.gz",
    "typing_extensions-4.9.0.tar.gz",
    "foo-1.0-1.tar.gz",
    "foo-1.0.tar.bz2",
    "foo.tar.gz",
    "foo-.tar.gz",
    "foo-dev.tar.gz",
    "foo-1.0.whl",
    "foo-v1.0rc1.zip",
]


def wheel(f):
    try:
        name, version, build, tags = parse_wheel_filename(f)
    except Exception as e:  # InvalidWheelFilename or InvalidVersion
        return {"ok": False, "error": str(e)}
    return {"ok": True, "name": name, "version": str(version), "build": list(build),
            "tags": sorted(str(t) for t in tags)}


def sdist(f):
    try:
        name, version = parse_sdist_filename(f)
    except Exception as e:
        return {"ok": False, "error": str(e)}
    return {"ok": True, "name": name, "version": str(version)}


def main():
    os.makedirs(OUT, exist_ok=True)
    doc = {
        "generator": f"scripts/gen-filename-fixtures.py with pip's vendored packaging {packaging.__version__}",
        "wheels": {f: wheel(f) for f in WHEELS},
        "sdists": {f: sdist(f) for f in SDISTS},
    }
    with open(os.path.join(OUT, "packaging-results.json"), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
