"""Brute-force oracle for bench/pip-crosscheck.ts (issue 4, section 6).

Reads JSON from stdin: a list of {"problem": <Problem from pip-crosscheck-universe.ts>,
"answers": {"wheelhouse": {name: version} | null, "pip": {...} | null}} and writes, for each, every
solution of the problem (up to a limit) and whether each side's answer is one.

It deliberately uses the `packaging` that pip vendors (pip._vendor.packaging) and the running
interpreter's own tags and marker environment, i.e. the same version, specifier, marker and tag
code the pip under test uses, not wheelhouse's, so the two resolvers are judged by an independent
implementation.

A *solution* is an assignment name -> version closed under the dependencies, following pip's
resolver (pip/_internal/resolution/resolvelib, as of pip 23.x):
  - a version is a candidate when one of its wheels has a supported tag and the index's
    data-requires-python (when declared) admits the interpreter (pip's LinkEvaluator);
  - the METADATA Requires-Python must admit the interpreter too (pip's RequiresPythonRequirement);
  - every requirement reached (root lines whose marker holds, Requires-Dist of chosen versions whose
    marker holds with extra "" or with a requested extra the version provides, as pip's
    iter_dependencies) is satisfied, with SpecifierSet.contains(prereleases=True) as pip's
    is_satisfied_by;
  - name[extra] pins the same version as name (pip's ExtrasCandidate); extras a version does not
    provide add nothing;
  - constraints restrict the version of a chosen project but never add it;
  - policy (pip's Factory._iter_found_candidates), per identifier (see solution_ok): the chosen
    version is among SpecifierSet(the identifier's specifiers, constraints included).filter(
    candidate versions, prereleases=True if --pre else None), and a yanked version only when every
    such version is yanked and the merged specifier pins with == (not ==x.*) or ===.
Solutions that break only the policy are counted separately ("hard" solutions), and solutions that
need the merged specifier are told apart from those every arrival order reaches ("strict").
"""
import json
import sys

from pip._vendor.packaging.markers import default_environment
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import SpecifierSet
from pip._vendor.packaging.tags import parse_tag, sys_tags
from pip._vendor.packaging.utils import canonicalize_name
from pip._vendor.packaging.version import Version
from pip import __version__ as PIP_VERSION

LIMIT = 2000
# pip 23.3 (SpecifierWithoutExtrasRequirement, and extras identifiers looking up their base's
# requirements) made every requirement on a project, with or without extras, count toward the
# merged specifier of each of the project's identifiers; before, `name[extra]` was filtered with
# its own requirements only.
MERGE_EXTRAS = Version(PIP_VERSION) >= Version("23.3")
ENV = default_environment()
PYTHON = Version(ENV["python_full_version"])
SUPPORTED = set(sys_tags())


def marker_holds(req, extra):
    if req.marker is None:
        return True
    env = dict(ENV)
    env["extra"] = extra
    return req.marker.evaluate(env)


class Universe:
    def __init__(self, problem):
        self.versions = {}  # name -> list of dicts (version info)
        for p in problem["projects"]:
            name = canonicalize_name(p["name"])
            rows = []
            for v in p["versions"]:
                rp = v.get("requiresPython")
                tag_ok = any(parse_tag(t) & SUPPORTED for t in v["wheels"])
                index_rp_ok = not (rp and v["requiresPythonOnIndex"]) or SpecifierSet(rp).contains(PYTHON)
                meta_rp_ok = not rp or SpecifierSet(rp).contains(PYTHON)
                reqs = [Requirement(r) for r in v["requires"]]
                rows.append(
                    {
                        "version": Version(v["version"]),
                        "text": v["version"],
                        "applicable": tag_ok and index_rp_ok,
                        "usable": tag_ok and index_rp_ok and meta_rp_ok,
                        "yanked": v["yanked"],
                        "requires": reqs,
                        "extras": set(v["providesExtra"]),
                    }
                )
            rows.sort(key=lambda r: r["version"], reverse=True)
            self.versions[name] = rows

    def row(self, name, version_text):
        for r in self.versions.get(name, []):
            if r["version"] == Version(version_text):
                return r
        return None

    def deps(self, name, row, extras):
        """(name, Requirement) edges of a chosen version for a set of requested extras."""
        out = []
        valid = extras & row["extras"]
        for req in row["requires"]:
            if req.marker is None:
                ok = True
            elif not valid:
                ok = marker_holds(req, "")
            else:
                ok = any(marker_holds(req, e) for e in valid)
            if ok:
                out.append(req)
        return out


def root_requirements(problem):
    reqs = []
    for line in problem["requirements"]:
        req = Requirement(line)
        if marker_holds(req, ""):
            reqs.append(req)
    return reqs


def enumerate_solutions(universe, roots):
    """Every closed assignment (each as (assign, edges)), in a deterministic order."""
    solutions = []

    def step(assign, extras, edges, pos):
        if len(solutions) >= LIMIT:
            return
        while pos < len(edges):
            req = edges[pos]
            name = canonicalize_name(req.name)
            want = set(req.extras)
            if name in assign:
                if not req.specifier.contains(assign[name]["version"], prereleases=True):
                    return
                new = want - extras[name]
                if new:
                    extras = {**extras, name: extras[name] | new}
                    edges = edges + universe.deps(name, assign[name], new)
                pos += 1
                continue
            for row in universe.versions.get(name, []):
                if not row["usable"] or not req.specifier.contains(row["version"], prereleases=True):
                    continue
                step(
                    {**assign, name: row},
                    {**extras, name: want},
                    edges + universe.deps(name, row, want),
                    pos + 1,
                )
            return
        solutions.append((assign, edges))

    step({}, {}, list(roots), 0)
    return solutions


def is_pinned(specifier):
    for sp in specifier:
        if sp.operator == "===":
            return True
        if sp.operator == "==" and not sp.version.endswith(".*"):
            return True
    return False


def policy_set(universe, name, specs, pre):
    """Versions pip offers for one identifier given its specifiers (Factory._iter_found_candidates)."""
    merged = SpecifierSet(",".join(str(s) for s in specs if str(s)))
    applicable = [r for r in universe.versions[name] if r["applicable"]]
    chosen = {
        str(v) for v in merged.filter([str(r["version"]) for r in applicable], prereleases=True if pre else None)
    }
    icans = [r for r in applicable if str(r["version"]) in chosen]
    all_yanked = all(r["yanked"] for r in icans)
    pinned = is_pinned(merged)
    return [r["version"] for r in icans if not r["yanked"] or (all_yanked and pinned)]


def constraints_of(problem):
    out = {}
    for line in problem.get("constraints", []):
        req = Requirement(line)
        out.setdefault(canonicalize_name(req.name), []).append(req.specifier)
    return out


def solution_ok(universe, problem, assign, edges):
    """(hard_ok, lenient_ok, strict_ok) of a closed assignment.

    pip keeps one criterion per identifier: `name` and each `name[extras]` separately (the
    extras candidate pins its base with an explicit requirement, which adds no specifier); from
    pip 23.3 every identifier of a project sees all of the project's specifiers (MERGE_EXTRAS). The
    pre-release and yanked policy is applied to the merged specifier of the identifier's
    requirements plus the project's constraints (lenient). pip adds requirements one at a time and
    fails a criterion as soon as its candidate list is empty, so a solution is `strict` when, in
    addition, each single requirement (with the constraints) leaves some candidate: then no order
    of arrival can empty the list before the last requirement comes.
    """
    cons = constraints_of(problem)
    for name, row in assign.items():
        for c in cons.get(name, []):
            if not c.contains(row["version"], prereleases=True):
                return False, False, False
    by_identifier = {}
    for req in edges:
        extras = frozenset() if MERGE_EXTRAS else frozenset(canonicalize_name(e) for e in req.extras)
        key = (canonicalize_name(req.name), extras)
        by_identifier.setdefault(key, []).append(req.specifier)
    lenient = True
    strict = True
    for (name, _extras), specs in by_identifier.items():
        row = assign[name]
        base = cons.get(name, [])
        if row["version"] not in policy_set(universe, name, specs + base, problem["pre"]):
            lenient = False
        if any(not policy_set(universe, name, [s] + base, problem["pre"]) for s in specs):
            strict = False
    return True, lenient, lenient and strict


def closure_of(universe, roots, answer):
    """Checks an answer {name: version}: is it exactly a closed assignment? Returns (assign, edges, why)."""
    answer = {canonicalize_name(k): v for k, v in answer.items()}
    assign, extras, edges = {}, {}, list(roots)
    pos = 0
    while pos < len(edges):
        req = edges[pos]
        pos += 1
        name = canonicalize_name(req.name)
        if name not in answer:
            return None, None, f"requirement {req} is not satisfied: {name} is missing"
        row = universe.row(name, answer[name])
        if row is None:
            return None, None, f"{name} {answer[name]} does not exist"
        if not row["usable"]:
            return None, None, f"{name} {answer[name]} is not installable on this interpreter"
        if not req.specifier.contains(row["version"], prereleases=True):
            return None, None, f"requirement {req} is not satisfied by {name} {answer[name]}"
        if name not in assign:
            assign[name] = row
            extras[name] = set(req.extras)
            edges += universe.deps(name, row, set(req.extras))
        else:
            new = set(req.extras) - extras[name]
            if new:
                extras[name] |= new
                edges += universe.deps(name, row, new)
    extra = set(answer) - set(assign)
    if extra:
        return None, None, f"packages not required by anything: {sorted(extra)}"
    return assign, edges, None


def judge(entry):
    problem = entry["problem"]
    universe = Universe(problem)
    roots = root_requirements(problem)
    solutions = enumerate_solutions(universe, roots)
    hard = []
    policy = []
    strict = []
    for assign, edges in solutions:
        h, p, st = solution_ok(universe, problem, assign, edges)
        if h:
            flat = {n: r["text"] for n, r in sorted(assign.items())}
            hard.append(flat)
            if p:
                policy.append(flat)
            if st:
                strict.append(flat)
    verdicts = {}
    for side, answer in entry["answers"].items():
        if answer is None:
            verdicts[side] = None
            continue
        assign, edges, why = closure_of(universe, roots, answer)
        if assign is None:
            verdicts[side] = {"hard": False, "policy": False, "strict": False, "why": why}
            continue
        h, p, st = solution_ok(universe, problem, assign, edges)
        why = None if p else ("breaks a constraint" if not h else "breaks pip's pre-release/yanked policy")
        verdicts[side] = {"hard": h, "policy": p, "strict": st, "why": why}
    return {
        "solutions": policy[:20],
        "solutionCount": len(policy),
        "strictSolutionCount": len(strict),
        "hardSolutionCount": len(hard),
        "truncated": len(solutions) >= LIMIT,
        "verdicts": verdicts,
    }


def main():
    entries = json.load(sys.stdin)
    json.dump([judge(e) for e in entries], sys.stdout)


if __name__ == "__main__":
    main()
