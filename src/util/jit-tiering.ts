/**
 * Fewer optimizing compilations in a short run (Node 20 / V8 11 only).
 *
 * Why: a cold resolve is a few seconds of CPU spread over a few hundred functions, each hot only for
 * a while (the page scan, the chooser, the solver, the HTTP parser). V8 11's default tier-up budget
 * (`--interrupt-budget`, 66 KiB of bytecode executed per profiler tick) sends ~270 functions of such
 * a run to TurboFan, several of them 3–5 times over after a deoptimization, and the compiler threads
 * spent about a quarter of the process's CPU (`perf record` of the prefect-shaped bench: 28 % of all
 * samples in `v8::internal::compiler`). At 200,000 ~130 functions are compiled, at 1,000,000 ~40, and
 * the same run took ~13 % and ~20 % less CPU, with no slower wall time and no slower solver-heavy
 * run (gen-backtrack) (docs/benchmarks.md, Session 9 rescpu).
 *
 * The budget is read when a function's feedback cell is (re)armed, so setting it at start-up, before
 * the bulk of the CLI is loaded, covers every function of the run. Other V8 majors tier up
 * differently (Maglev from V8 11.7, Node 22+), and their budgets were not measured: left alone.
 * An `--interrupt-budget` given on the node command line wins.
 */
import { setFlagsFromString } from 'node:v8';

/** Bytecode budget per profiler tick (V8 11 default: 67,584). */
export const SHORT_RUN_INTERRUPT_BUDGET = 1_000_000;

export interface TieringContext {
  /** `process.versions.v8`. */
  v8Version: string;
  /** `process.execArgv`. */
  execArgv: readonly string[];
}

/** The V8 flag this process should set for a short run, or undefined (other V8, or the user chose). */
export function shortRunTieringFlag(ctx: TieringContext): string | undefined {
  if (!/^11\./.test(ctx.v8Version)) return undefined;
  if (ctx.execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return undefined;
  return `--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`;
}

/** Applies shortRunTieringFlag to this process; returns the flag set, if any. */
export function tuneTieringForShortRun(
  ctx: TieringContext = { v8Version: process.versions.v8, execArgv: process.execArgv },
): string | undefined {
  const flag = shortRunTieringFlag(ctx);
  if (flag !== undefined) setFlagsFromString(flag);
  return flag;
}
