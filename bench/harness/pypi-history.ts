/**
 * Seeded version histories for the PyPI-shaped workloads (pypi-shaped.ts): older releases in the
 * project's own numbering style (as many release components as the locked version, calendar
 * versions stepping back through months, pre-releases before some feature releases, a few yanked),
 * and the newer releases a resolver must pass over (a pre-release, a yanked release, one for a newer
 * Python, one with a dependency nobody can satisfy). PEP 440 ordering is what makes these "older"
 * and "newer"; pip's rule that pre-releases are only chosen when a specifier names one (or nothing
 * else matches) is what the pre-release cases lean on.
 */
import { Version } from '../../src/standards/version.js';
import { intBetween } from './prng.js';

export type NewerKind = 'pre' | 'yanked' | 'python' | 'unsat';

export interface HistoryEntry {
  version: string;
  /** 0 = the locked release, 1.. = older releases (newest first); -1 = newer, must not be chosen. */
  age: number;
  pre: boolean;
  yanked: boolean;
  newer?: NewerKind;
}

function releaseText(epoch: number, release: number[]): string {
  return `${epoch > 0 ? `${epoch}!` : ''}${release.join('.')}`;
}

/** Calendar versioning: a first component that reads as a year (2020.1.0, 24.1.0 is not). */
function isCalendar(release: readonly number[]): boolean {
  const first = release[0] ?? 0;
  return first >= 2000 && first <= 2100;
}

/**
 * The release before `r` in the project's style: the last component counts down; at zero the one
 * before it steps back and the later ones jump to what that release line reached (a seeded guess).
 * undefined once everything is zero.
 */
function previousRelease(r: number[], rand: () => number, calendar: boolean): number[] | undefined {
  const out = [...r];
  const last = out.length - 1;
  if ((out[last] ?? 0) > 0) {
    out[last] = (out[last] as number) - 1;
    return out;
  }
  let j = last - 1;
  while (j >= 0 && (out[j] ?? 0) === 0) j--;
  if (j < 0) return undefined;
  if (calendar && j === 1 && out[1] === 1) {
    // January → December of the year before.
    if (out[0] === undefined || out[0] <= 2000) return undefined;
    out[0] -= 1;
    out[1] = 12;
  } else {
    out[j] = (out[j] as number) - 1;
    if (calendar && j === 1 && out[1] === 0) out[1] = 12;
  }
  for (let k = j + 1; k <= last; k++) {
    if (calendar && k === 1) out[k] = intBetween(rand, 1, 12);
    else out[k] = k === last ? intBetween(rand, 0, 6) : intBetween(rand, 0, 12);
  }
  return out;
}

/**
 * The locked version first, then `count` older releases (finals, some with a pre-release or two
 * just before them, ~3% yanked). Stops early when the numbering reaches 0.
 */
export function olderHistory(locked: string, count: number, rand: () => number): HistoryEntry[] {
  const v = Version.parse(locked);
  const out: HistoryEntry[] = [{ version: locked, age: 0, pre: v.isPrerelease, yanked: false }];
  const calendar = isCalendar(v.release);
  // A locked pre-release (1.0.0b2) is older than its own final: history starts below the release.
  let r: number[] | undefined = [...v.release];
  const seen = new Set([Version.parse(locked).toString()]);
  let age = 1;
  while (out.length <= count) {
    r = previousRelease(r, rand, calendar);
    if (r === undefined) break;
    const text = releaseText(v.epoch, r);
    const parsed = Version.parse(text);
    if (seen.has(parsed.toString()) || parsed.compare(v) >= 0) continue;
    seen.add(parsed.toString());
    out.push({ version: text, age: age++, pre: false, yanked: rand() < 0.03 });
    // A feature release (x.y.0) often had release candidates first.
    const featureRelease = r.length > 1 && r[r.length - 1] === 0;
    if (featureRelease && rand() < 0.3) {
      const labels = rand() < 0.5 ? ['rc1'] : ['b1', 'rc1'];
      for (const label of labels.reverse())
        out.push({ version: `${text}${label}`, age: age++, pre: true, yanked: false });
    }
  }
  return out;
}

/**
 * Newer releases that must not be chosen, of the kinds asked for, each above the locked version:
 * `yanked` (next patch), `python` (needs a newer Python than any target), `unsat` (a dependency no
 * release satisfies), `pre` (the next feature release's first pre-release; never for a locked
 * pre-release, which its dependents name in their specifiers and so would allow).
 */
export function newerReleases(locked: string, kinds: NewerKind[]): HistoryEntry[] {
  const v = Version.parse(locked);
  const r = [...v.release];
  while (r.length < 2) r.push(0);
  const last = r.length - 1;
  const out: HistoryEntry[] = [];
  let bump = 0;
  for (const kind of kinds) {
    if (kind === 'pre') {
      if (v.isPrerelease || v.local !== undefined) continue;
      const next = [...r];
      next[last - 1] = (next[last - 1] as number) + 1;
      for (let k = last; k < next.length; k++) next[k] = 0;
      out.push({
        version: `${releaseText(v.epoch, next)}rc1`,
        age: -1,
        pre: true,
        yanked: false,
        newer: kind,
      });
      continue;
    }
    const next = [...r];
    bump += 1;
    next[last] = (next[last] as number) + bump;
    out.push({
      version: releaseText(v.epoch, next),
      age: -1,
      pre: false,
      yanked: kind === 'yanked',
      newer: kind,
    });
  }
  return out;
}

/**
 * Requires-Python of a release `age` steps back: the floor falls every `step` releases; age -1 is a
 * release for a newer Python than any target (3.13).
 */
export function requiresPythonAt(baseMinor: number, age: number, step: number): string {
  if (age < 0) return '>=3.13';
  const minor = baseMinor - Math.floor(age / Math.max(1, step));
  return minor >= 6 ? `>=3.${minor}` : '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*';
}
