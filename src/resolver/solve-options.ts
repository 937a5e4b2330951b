/**
 * What a solve takes and gives back: the options, the statistics and the solution (solver.ts runs it).
 */
import type { DependencyProvider } from './provider.js';
import type { Ranges } from './range.js';

export interface SolveOptions<V> {
  provider: DependencyProvider<V>;
  /** The factory (and so the version order) every range of this solve comes from. */
  ranges: Ranges<V>;
  /** The root package id; its dependencies come from `provider.getDependencies(root, rootVersion)`. */
  root: string;
  rootVersion: V;
  /** Aborting rejects `solve` with SolveAbortedError, without waiting for pending provider calls. */
  signal?: AbortSignal;
  /**
   * Backjumps over more than this many decision levels backtrack one level instead (chronological
   * backtracking). Default 16; `Infinity` gives pure PubGrub backjumping.
   */
  chronologicalBacktrackThreshold?: number;
  /**
   * Work bound: more conflicts than this rejects `solve` with ResolutionTooComplexError (pip's
   * resolvelib gives up after 200,000 rounds with ResolutionTooDeep). Conflicts, not decisions, are
   * what a hostile graph (the pigeonhole problem) needs exponentially many of, and each one costs
   * more than the last (it learns an incompatibility); decisions are bounded by conflicts × packages.
   * Default DEFAULT_MAX_CONFLICTS.
   */
  maxConflicts?: number;
  /**
   * Saved phases (default true): decide a package's version decided last, while it is still allowed
   * and as preferred a kind of release as the most preferred allowed version, instead of the most
   * preferred one. See "Decision heuristic" above. False: always the most preferred allowed version.
   */
  savedPhases?: boolean;
}

/**
 * Default SolveOptions.maxConflicts. The heaviest solves known take under 3,000 conflicts
 * (bench/solver-bench.ts --sweep: 2,830 at most, with 42,946 decisions); the packse scenarios and the
 * resolver and provider suites far fewer. The pigeonhole graph of 13 projects reaches it in about 5
 * minutes on a loaded 2-core box (each conflict costs more than the last): bounded, where unbounded
 * it runs for days (docs/benchmarks.md, session 13 review-2 fixes).
 */
export const DEFAULT_MAX_CONFLICTS = 10_000;

export interface SolverStats {
  /** Versions chosen, the root included (choices undone by backjumping count too). */
  decisions: number;
  /** Satisfied incompatibilities that started conflict resolution. */
  conflicts: number;
  /** Derivations added by unit propagation. */
  propagations: number;
  /** Derived incompatibilities added to the solver's set. */
  learned: number;
  /** Backtracks of the partial solution. */
  backjumps: number;
  /** All incompatibilities created (external and derived). */
  incompatibilities: number;
  listVersionsCalls: number;
  getDependenciesCalls: number;
  prefetchCalls: number;
}

/** Statistics of a run that made no decision (also what a lock-file input reports: no solver ran). */
export function emptySolverStats(): SolverStats {
  return {
    decisions: 0,
    conflicts: 0,
    propagations: 0,
    learned: 0,
    backjumps: 0,
    incompatibilities: 0,
    listVersionsCalls: 0,
    getDependenciesCalls: 0,
    prefetchCalls: 0,
  };
}

export interface Solution<V> {
  /** The chosen version of every package reachable from the root, the root excluded. */
  decisions: Map<string, V>;
  stats: SolverStats;
}
