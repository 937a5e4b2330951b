/**
 * Greedy shrinking of a generated problem that shows a disagreement: try removing one piece at a
 * time (a root requirement, a project, a version, a dependency line, a wheel, Requires-Python,
 * yank, --pre, a constraint) and keep each removal after which `check` still reproduces the same
 * disagreement; repeat until nothing more can go or the budget of checks is spent.
 */
import type { Problem, UVersion } from './pip-crosscheck-universe.js';

export type Check = (candidate: Problem) => Promise<boolean>;

function clone(p: Problem): Problem {
  return JSON.parse(JSON.stringify(p)) as Problem;
}

/** Every one-step reduction of a problem, biggest first. */
function reductions(p: Problem): Problem[] {
  const out: Problem[] = [];
  const edit = (f: (q: Problem) => void) => {
    const q = clone(p);
    f(q);
    out.push(q);
  };
  p.projects.forEach((_, i) => edit((q) => void q.projects.splice(i, 1)));
  p.requirements.forEach((_, i) => {
    if (p.requirements.length > 1) edit((q) => void q.requirements.splice(i, 1));
  });
  if (p.constraints.length > 0) edit((q) => void (q.constraints = []));
  if (p.pre) edit((q) => void (q.pre = false));
  p.projects.forEach((project, i) => {
    project.versions.forEach((v: UVersion, k) => {
      const at = (q: Problem) => q.projects[i]?.versions[k] as UVersion;
      if (project.versions.length > 1) edit((q) => void q.projects[i]?.versions.splice(k, 1));
      v.requires.forEach((_, d) => edit((q) => void at(q).requires.splice(d, 1)));
      if (v.requiresPython !== undefined) edit((q) => void delete at(q).requiresPython);
      if (v.yanked) edit((q) => void (at(q).yanked = false));
      if (v.providesExtra.length > 0 && !v.requires.some((r) => r.includes('extra ==')))
        edit((q) => void (at(q).providesExtra = []));
      v.wheels.forEach((_, t) => {
        if (v.wheels.length > 1) edit((q) => void at(q).wheels.splice(t, 1));
      });
      if (!(v.wheels.length === 1 && v.wheels[0] === 'py3-none-any'))
        edit((q) => void (at(q).wheels = ['py3-none-any']));
    });
  });
  // Drop markers and specifiers from requirement strings.
  p.requirements.forEach((r, i) => {
    const bare = r.replace(/\s*;.*$/, '');
    if (bare !== r) edit((q) => void (q.requirements[i] = bare));
  });
  return out;
}

export async function shrinkProblem(problem: Problem, check: Check, budget: number): Promise<Problem> {
  let current = problem;
  let spent = 0;
  let progress = true;
  while (progress && spent < budget) {
    progress = false;
    // After a kept removal, carry on from the same position of the new list (earlier ones failed).
    let i = 0;
    let list = reductions(current);
    while (i < list.length && spent < budget) {
      spent++;
      if (await check(list[i] as Problem)) {
        current = list[i] as Problem;
        list = reductions(current);
        progress = true;
      } else {
        i++;
      }
    }
  }
  return current;
}
