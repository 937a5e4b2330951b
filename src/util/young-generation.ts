/**
 * A smaller young generation for a short, allocation-heavy run (Node 20 / V8 11 only).
 *
 * Why: V8 11 starts the young generation ("new space", two semi-spaces) at 1 MB per semi-space and
 * doubles it after scavenges in which much survives, up to 16 MB (`--max-semi-space-size`): 32 MB
 * of resident memory for most of a cold resolve. Peak RSS of the prefect-shaped resolve is ~200 MB
 * and its target 200 MB (issue 14 §2); with semi-spaces of 4 MB it is ~30 MB lower (node's
 * `--max-semi-space-size=4`, session 14). That flag is read only when the heap is set up, before any
 * of our code runs, and the action's runtime takes no node flags; `--semi-space-growth-factor` is
 * read each time V8 grows the new space. So the growth is stopped from inside: once a collection
 * leaves the new space at `2 × capBytes` or more, the factor is set to 1 (the new space keeps its
 * size from then on) and nothing more is watched. What it costs: more scavenges, each of a smaller
 * space (docs/benchmarks.md, Session 15).
 *
 * Other V8 majors size and grow the young generation differently, and were not measured: left
 * alone; so is a run whose node command line (or NODE_OPTIONS) sizes the young generation itself.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Largest semi-space the run grows (the new space is two of them). */
export const SHORT_RUN_SEMI_SPACE_BYTES = 4 * 1024 * 1024;

export interface YoungGenerationContext {
  /** `process.versions.v8`. */
  v8Version: string;
  /** `process.execArgv`. */
  execArgv: readonly string[];
  /** `process.env.NODE_OPTIONS`. */
  nodeOptions?: string;
}

const SIZING_FLAG =
  /(^|\s)--(max|min)[-_]semi[-_]space[-_]size(=|\s|$)|(^|\s)--semi[-_]space[-_]growth[-_]factor(=|\s|$)|(^|\s)--max[-_]heap[-_]size(=|\s|$)/;

/** Whether this process should cap its young generation (V8 11, not sized by the user). */
export function shouldCapYoungGeneration(ctx: YoungGenerationContext): boolean {
  if (!/^11\./.test(ctx.v8Version)) return false;
  if (ctx.execArgv.some((a) => SIZING_FLAG.test(a))) return false;
  return !SIZING_FLAG.test(ctx.nodeOptions ?? '');
}

/** The new space's current size in bytes (both semi-spaces), or undefined when V8 does not say. */
export function newSpaceBytes(): number | undefined {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
}

/**
 * Stops the young generation growing past `capBytes` per semi-space (see the module comment).
 * Returns true when the watch was installed.
 */
export function capYoungGeneration(
  capBytes = SHORT_RUN_SEMI_SPACE_BYTES,
  ctx: YoungGenerationContext = {
    v8Version: process.versions.v8,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
  },
): boolean {
  if (!shouldCapYoungGeneration(ctx)) return false;
  // Called after collections (entries are delivered at the next turn of the event loop, not during
  // the collection); the new space grows only at a collection, by doubling, so it stops at
  // 2 × capBytes — unless one synchronous stretch of work grows it twice before the entry arrives,
  // which leaves it at that size (a resolve's work comes in short turns between responses).
  const watch = new PerformanceObserver(() => {
    const size = newSpaceBytes();
    if (size === undefined || size < 2 * capBytes) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    watch.disconnect();
  });
  watch.observe({ entryTypes: ['gc'] });
  return true;
}
