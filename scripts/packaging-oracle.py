#!/usr/bin/env python3
"""Oracle for the conformance suite (__tests__/conformance): answers questions about versions,
specifiers, markers, requirements, file names, tag lists and core metadata with the `packaging`
that pip 26 vendors (pip._vendor.packaging) and pip's own tag expansion, so wheelhouse can be
compared with what pip 26 does.

Protocol: one JSON object per input line, {"kind": K, "cases": [...]}; one JSON object per output
line, {"results": [...]} in case order. The first line may be {"kind": "hello"}, answered with the
versions in use. Every case is answered; an exception becomes {"err": "<ExceptionType>"}.
Run by scripts/oracle-venv.sh's venv (pip >= 26); reads nothing but stdin.
"""
import email.header
import email.parser
import email.policy
import json
import sys
import warnings

warnings.simplefilter("ignore")

import pip  # noqa: E402
from pip._internal.utils.compatibility_tags import get_supported  # noqa: E402
from pip._vendor import packaging  # noqa: E402
from pip._vendor.packaging._parser import Value  # noqa: E402
from pip._vendor.packaging.markers import Marker, _normalize_extras  # noqa: E402
from pip._vendor.packaging.requirements import Requirement  # noqa: E402
from pip._vendor.packaging.specifiers import Specifier, SpecifierSet  # noqa: E402
from pip._vendor.packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename  # noqa: E402
from pip._vendor.packaging.version import Version  # noqa: E402


def err(e):
    return {"err": type(e).__name__}


def version_info(text):
    v = Version(text)
    return {
        "s": str(v),
        "pre": v.is_prerelease,
        "post": v.is_postrelease,
        "dev": v.is_devrelease,
        "pub": v.public,
        "base": v.base_version,
    }


def do_version(case):
    try:
        out = version_info(case["v"])
    except Exception as e:  # noqa: BLE001
        return err(e)
    if case.get("b") is not None:
        a, b = Version(case["v"]), Version(case["b"])
        out["cmp"] = (a > b) - (a < b)
    return out


def clause_text(spec):
    op, ver = spec.operator, spec.version
    if op == "===":
        return op + ver
    if ver.endswith(".*"):
        return op + str(Version(ver[:-2])) + ".*"
    return op + str(Version(ver))


def specifier_answer(s, versions, pre):
    return {
        "clauses": sorted({clause_text(x) for x in s}),
        # With an explicit choice, contains(v) is "v survives filter"; so only the default is asked.
        "filter": list(s.filter(versions, prereleases=pre)),
        "contains_default": [s.contains(v) for v in versions],
    }


def do_specifier(case):
    try:
        s = SpecifierSet(case["spec"])
    except Exception as e:  # noqa: BLE001
        return err(e)
    # pip filters str(version) of its candidates (CandidateEvaluator), so the oracle does too.
    versions = [str(Version(v)) for v in case["versions"]]
    pre = case.get("pre")
    out = specifier_answer(s, versions, pre)
    # The same set with every clause's version spelled normalized (explains the ~= divergence).
    if any(x.operator == "~=" for x in s):
        normalized = SpecifierSet(",".join(clause_text(x) for x in s))
        out["normalized"] = specifier_answer(normalized, versions, pre)
    return out


def deep_normalized(markers):
    # packaging normalizes `extra` comparison values (PEP 685) only at the top level of a marker;
    # this copy normalizes them inside parentheses too (explains a known divergence).
    out = []
    for item in markers:
        if isinstance(item, list):
            out.append(deep_normalized(item))
        else:
            out.append(_normalize_extras(item))
    return out


def tilde_normalized(markers):
    # The marker with every `~=` value that is a version written normalized (explains the ~=
    # divergence of specifiers inside markers).
    out = []
    for item in markers:
        if isinstance(item, list):
            out.append(tilde_normalized(item))
        elif isinstance(item, tuple) and str(item[1]) == "~=" and isinstance(item[2], Value):
            try:
                out.append((item[0], item[1], Value(str(Version(item[2].value)))))
            except Exception:  # noqa: BLE001
                out.append(item)
        else:
            out.append(item)
    return out


def evaluate(m, env):
    try:
        return m.evaluate(dict(env))
    except Exception as e:  # noqa: BLE001
        return "err:" + type(e).__name__


def do_marker(case):
    try:
        m = Marker(case["marker"])
    except Exception as e:  # noqa: BLE001
        return {"parse": False, "err": type(e).__name__}
    env = dict(case["env"])
    env["extra"] = case.get("extra") or ""
    value = evaluate(m, env)
    out = {"parse": True, "value": value} if isinstance(value, bool) else {"parse": True, "err": value[4:]}
    if "extra" in case["marker"] and "(" in case["marker"]:
        fixed = Marker.__new__(Marker)
        fixed._markers = deep_normalized(m._markers)
        out["value_extras_normalized"] = evaluate(fixed, env)
    if "~=" in case["marker"]:
        fixed = Marker.__new__(Marker)
        fixed._markers = tilde_normalized(m._markers)
        out["value_tilde_normalized"] = evaluate(fixed, env)
    return out


def do_requirement(case):
    try:
        r = Requirement(case["text"])
    except Exception as e:  # noqa: BLE001
        return err(e)
    out = {
        "name": canonicalize_name(r.name),
        "extras": sorted({canonicalize_name(x) for x in r.extras}),
        "clauses": sorted({clause_text(x) for x in r.specifier}),
        "url": r.url,
        "marker": None,
    }
    if r.marker is not None:
        env = dict(case["env"])
        env["extra"] = ""
        out["marker"] = evaluate(r.marker, env)
    return out


def do_wheel(case):
    try:
        name, version, build, tags = parse_wheel_filename(case["f"])
    except Exception as e:  # noqa: BLE001
        return err(e)
    return {
        "name": name,
        "version": str(version),
        "build": [str(build[0]), build[1]] if build else None,
        "tags": sorted(str(t) for t in tags),
    }


def do_sdist(case):
    try:
        name, version = parse_sdist_filename(case["f"])
    except Exception as e:  # noqa: BLE001
        return err(e)
    return {"name": name, "version": str(version)}


def do_build_order(case):
    # pip's _sort_key: () without a build tag, else (int(digits), rest); Python compares tuples.
    def key(b):
        return () if b is None else (int(b[0]), b[1])

    return {"order": sorted(range(len(case["builds"])), key=lambda i: (key(case["builds"][i]), i))}


def do_tags(case):
    try:
        tags = get_supported(
            version=case["version"],
            platforms=case["platforms"],
            impl=case["impl"],
            abis=case.get("abis"),
        )
    except Exception as e:  # noqa: BLE001
        return err(e)
    return {"tags": [str(t) for t in tags]}


def do_metadata(case):
    # email.parser as packaging.metadata.parse_email drives it: bytes, the compat32 policy, every
    # header (Header objects decoded as parse_email decodes them), and the payload as the
    # Description body (_get_payload: decoded as UTF-8, strictly).
    from pip._vendor.packaging.metadata import _get_payload

    data = bytes.fromhex(case["hex"])
    parsed = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    headers = []
    for name, h in parsed.items():
        if isinstance(h, email.header.Header):
            chunks = []
            for binary, _encoding in email.header.decode_header(h):
                try:
                    binary.decode("utf8", "strict")
                    chunks.append((binary, "utf8"))
                except UnicodeDecodeError:
                    chunks.append((binary, "latin1"))
            h = str(email.header.make_header(chunks))
        headers.append([name.lower(), h])
    try:
        body = _get_payload(parsed, data)
    except ValueError:
        body = None
    return {"headers": headers, "body": body}


HANDLERS = {
    "version": do_version,
    "specifier": do_specifier,
    "marker": do_marker,
    "requirement": do_requirement,
    "wheel": do_wheel,
    "sdist": do_sdist,
    "build_order": do_build_order,
    "tags": do_tags,
    "metadata": do_metadata,
}


def guarded(handler, case):
    try:
        return handler(case)
    except Exception as e:  # noqa: BLE001 - reported to the suite, which fails on it
        return {"crash": f"{type(e).__name__}: {e}"}


def main():
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["kind"] == "hello":
            out = {"pip": pip.__version__, "packaging": packaging.__version__, "python": sys.version.split()[0]}
        else:
            handler = HANDLERS[msg["kind"]]
            out = {"results": [guarded(handler, c) for c in msg["cases"]]}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
