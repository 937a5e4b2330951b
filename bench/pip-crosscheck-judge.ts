/**
 * Judging the two answers of one generated problem: the brute-force oracle
 * (bench/pip-crosscheck-oracle.py, pip's own vendored packaging) enumerates every solution, checks
 * each side's answer, and the pair is put into one category:
 *
 *   same             both resolved to the same name==version set
 *   both-unsat       both found no solution
 *   different-valid  both resolved, differently, and each answer is a valid solution (several exist)
 *   disagree         anything else: one side unsatisfiable while the other's answer is valid, or an
 *                    answer that is not a solution; `wrong` names the side(s) the oracle contradicts
 *   order-dependent  one side found a solution the other did not, and every solution exists only
 *                    under pip's merged-specifier policy (some single requirement on its own leaves
 *                    no pre-release/yanked-permitted candidate, so pip's answer depends on the order
 *                    in which requirements arrive)
 *   error            a side failed for another reason (a crash, a bad input)
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PipRun } from './pip-crosscheck-pip.js';
import type { Problem } from './pip-crosscheck-universe.js';
import type { WheelhouseRun } from './pip-crosscheck-wheelhouse.js';

export interface Verdict {
  hard: boolean;
  policy: boolean;
  strict: boolean;
  why: string | null;
}

export interface OracleResult {
  solutions: Record<string, string>[];
  solutionCount: number;
  strictSolutionCount: number;
  hardSolutionCount: number;
  truncated: boolean;
  verdicts: { wheelhouse: Verdict | null; pip: Verdict | null };
}

export type Category = 'same' | 'both-unsat' | 'different-valid' | 'order-dependent' | 'disagree' | 'error';

export interface Judgement {
  category: Category;
  /** Sides the oracle says are wrong (disagree only). */
  wrong: ('wheelhouse' | 'pip' | 'oracle')[];
  cause: string;
}

const ORACLE = fileURLToPath(new URL('./pip-crosscheck-oracle.py', import.meta.url));

/** One python process judges a batch of problems. */
export async function runOracle(
  python: string,
  entries: { problem: Problem; wheelhouse: WheelhouseRun; pip: PipRun }[],
): Promise<OracleResult[]> {
  const input = JSON.stringify(
    entries.map((e) => ({
      problem: e.problem,
      answers: {
        wheelhouse: e.wheelhouse.kind === 'resolved' ? e.wheelhouse.packages : null,
        pip: e.pip.kind === 'resolved' ? e.pip.packages : null,
      },
    })),
  );
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(python, [ORACLE], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`oracle failed: ${String(stderr)}`)) : resolve(String(stdout)),
    );
    child.stdin?.end(input);
  });
  return JSON.parse(out) as OracleResult[];
}

function sameSet(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

export function describeSet(s: Record<string, string> | undefined): string {
  if (s === undefined) return '-';
  return Object.keys(s)
    .sort()
    .map((k) => `${k}==${s[k]}`)
    .join(' ');
}

export function judge(w: WheelhouseRun, p: PipRun, o: OracleResult): Judgement {
  if (w.kind === 'error' || p.kind === 'error') {
    return { category: 'error', wrong: [], cause: `${w.kind === 'error' ? 'wheelhouse' : 'pip'} failed` };
  }
  const wv = o.verdicts.wheelhouse;
  const pv = o.verdicts.pip;
  if (w.kind === 'unsatisfiable' && p.kind === 'unsatisfiable') {
    return o.strictSolutionCount === 0
      ? { category: 'both-unsat', wrong: [], cause: '' }
      : {
          category: 'disagree',
          wrong: ['oracle'],
          cause: 'the oracle finds a solution neither resolver found',
        };
  }
  if (w.kind === 'resolved' && p.kind === 'resolved') {
    if (sameSet(w.packages ?? {}, p.packages ?? {})) {
      return wv?.policy === true
        ? { category: 'same', wrong: [], cause: '' }
        : {
            category: 'disagree',
            wrong: ['oracle'],
            cause: `both agree on an answer the oracle rejects: ${wv?.why}`,
          };
    }
    const wrong: Judgement['wrong'] = [];
    if (wv?.policy !== true) wrong.push('wheelhouse');
    if (pv?.policy !== true) wrong.push('pip');
    if (wrong.length === 0) return { category: 'different-valid', wrong, cause: '' };
    const cause = wrong.map((s) => `${s}: ${(s === 'wheelhouse' ? wv : pv)?.why ?? 'invalid'}`).join('; ');
    return { category: 'disagree', wrong, cause };
  }
  // One resolved, the other did not.
  const resolvedSide = w.kind === 'resolved' ? 'wheelhouse' : 'pip';
  const otherSide = resolvedSide === 'wheelhouse' ? 'pip' : 'wheelhouse';
  const verdict = resolvedSide === 'wheelhouse' ? wv : pv;
  if (verdict?.policy === true && o.strictSolutionCount === 0) {
    return {
      category: 'order-dependent',
      wrong: [otherSide],
      cause: `${otherSide} found no solution; ${resolvedSide}'s answer is valid only under pip's merged-specifier policy`,
    };
  }
  if (verdict?.policy === true) {
    return {
      category: 'disagree',
      wrong: [otherSide],
      cause: `${otherSide} found no solution but ${resolvedSide}'s answer is valid`,
    };
  }
  return {
    category: 'disagree',
    wrong: [resolvedSide],
    cause: `${resolvedSide} resolved to a non-solution (${verdict?.why ?? 'invalid'}); ${o.solutionCount} valid solutions exist`,
  };
}
