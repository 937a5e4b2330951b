/** Errors the solver throws. Provider errors are not wrapped: they propagate unchanged. */
import type { Incompatibility } from './incompatibility.js';

/**
 * Version solving failed: `incompatibility` is the derived `{root}` (or empty) incompatibility whose
 * derivation graph proves it. Build the explanation with `buildDerivationTree` + `formatReport`.
 */
export class NoSolutionError<V> extends Error {
  constructor(
    readonly incompatibility: Incompatibility<V>,
    readonly root: string,
  ) {
    super(`no solution: ${incompatibility.toString()} was derived, so ${root} cannot be satisfied`);
    this.name = 'NoSolutionError';
  }
}

/** The caller's AbortSignal fired while solving. */
export class SolveAbortedError extends Error {
  constructor(readonly reason: unknown) {
    super(`version solving was aborted${reason instanceof Error ? `: ${reason.message}` : ''}`);
    this.name = 'SolveAbortedError';
  }
}

/**
 * The solve met more conflicts than its budget (SolveOptions.maxConflicts) without finding a solution
 * or proving that none exists — pip stops the same way (resolvelib's ResolutionTooDeep after 200,000
 * rounds). `involved`: the packages that took part in the most conflicts, most first, with counts.
 */
export class ResolutionTooComplexError extends Error {
  constructor(
    readonly conflicts: number,
    readonly decisions: number,
    readonly involved: readonly { pkg: string; conflicts: number }[],
  ) {
    const names = involved.map((e) => `${e.pkg} (${e.conflicts})`).join(', ');
    super(
      `resolution too complex: gave up after ${conflicts} conflicts (${decisions} decisions) without finding a ` +
        `solution or proving that none exists${names === '' ? '' : `; the packages most involved in conflicts: ${names}`}`,
    );
    this.name = 'ResolutionTooComplexError';
  }
}
