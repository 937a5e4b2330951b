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
