/**
 * Shared settings of the fuzz suites (docs/reliability.md): a fixed seed so a failure replays,
 * a run count and a wall-clock budget so each property costs a few seconds at most, and a check
 * that the heap did not grow without bound while the inputs ran. No jest imports.
 */
export const FUZZ_SEED = 20261205;

/** fast-check parameters: fixed seed, bounded runs, interrupted (not failed) at the time budget. */
export function fuzzParameters(numRuns: number, budgetMs = 3000) {
  return {
    seed: FUZZ_SEED,
    numRuns,
    interruptAfterTimeLimit: budgetMs,
    markInterruptAsFailure: false,
  };
}

/** Heap used now (after a GC when node runs with --expose-gc), in bytes. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Throws when `error` is not an instance of one of `allowed` (the module's own error classes): an
 * uncaught TypeError, RangeError or the like is a bug, whatever the input.
 */
export function onlyOwnErrors(error: unknown, allowed: (abstract new (...args: never[]) => Error)[]): void {
  if (allowed.some((cls) => error instanceof cls)) return;
  throw new Error(
    `unexpected ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`,
    {
      cause: error,
    },
  );
}
