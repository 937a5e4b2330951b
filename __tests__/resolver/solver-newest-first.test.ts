/**
 * The solver's choice rule on the generated solver graphs, whatever the search path: no package of a
 * solution could move alone to a newer version (bench/harness/solver-graph.ts, upgradableAlone). Each
 * decision takes the newest version the partial solution allows, and whatever narrowed that range
 * follows soundly from assignments that stay in the final solution, so any search path that decides
 * this way passes; one that keeps older choices after a backjump (phase saving: re-decide a package's
 * previous version while it is still allowed) gives valid solutions that fail it on every graph below.
 * Unlike solver-differential.test.ts (the same path as the frozen reference), it still means something
 * when the path changes. (It is the solver's rule, not pip's: when a later requirement invalidates a
 * pin, pip's resolvelib replaces it in place, keeping the pins and candidate lists made under the old
 * version, and can leave a package below a newer one that fits — docs/pip-agreement.md, "pip after a
 * pin is replaced"; bench/solver-pip-graphs.ts `--cases`.)
 */
import { describe, expect, it } from '@jest/globals';
import {
  checkGraphSolution,
  generateSolverGraph,
  GraphProvider,
  GraphVersion,
  graphRanges,
  type SolverGraph,
  upgradableAlone,
} from '../../bench/harness/solver-graph.js';
import { solve } from '../../src/resolver/solver.js';

async function solveGraph(g: SolverGraph, threshold = 16): Promise<Map<string, GraphVersion>> {
  const { decisions } = await solve({
    provider: new GraphProvider(g),
    ranges: graphRanges,
    root: 'root',
    rootVersion: new GraphVersion(0, 0),
    chronologicalBacktrackThreshold: threshold,
    savedPhases: false, // saved phases keep older versions on purpose (solver-saved-phases.test.ts)
  });
  checkGraphSolution(g, decisions);
  return decisions;
}

describe('solutions are newest-first (no package could move alone to a newer version)', () => {
  it.each([
    [0.05, 16],
    [0.2, 16],
    [0.35, 16],
    [0.2, 0],
    [0.2, Infinity],
  ])('trap rate %s, chronological threshold %s', async (trapRate, threshold) => {
    for (const seed of [1, 2, 3]) {
      const g = generateSolverGraph({ seed, packages: 120, trapRate, versionsPer: 12 });
      expect(upgradableAlone(g, await solveGraph(g, threshold))).toEqual([]);
    }
  });

  it("bench/solver-bench.ts's heavy graph (1,000 packages, trap rate 0.2)", async () => {
    const g = generateSolverGraph({ seed: 42, packages: 1000, trapRate: 0.2 });
    expect(upgradableAlone(g, await solveGraph(g))).toEqual([]);
  }, 60_000);

  it('the check finds the packages a valid but older solution leaves behind', async () => {
    const g = generateSolverGraph({ seed: 1, packages: 120, trapRate: 0.2, versionsPer: 12 });
    const newest = await solveGraph(g);
    // Every package at its oldest version is a solution too (the graph's lower bounds start at the
    // oldest version and its caps never exclude it), and most of its packages could move up alone.
    const oldest = new Map([...newest].map(([p]) => [p, g.versions.get(p)!.at(-1)!]));
    checkGraphSolution(g, oldest);
    expect(upgradableAlone(g, oldest).length).toBeGreaterThan(10);
    // One package taken back from the newest-first solution where nothing forces it is found.
    for (const [p, v] of newest) {
      const older = g.versions.get(p)!.find((o) => o.key < v.key);
      if (older === undefined) continue;
      const moved = new Map(newest).set(p, older);
      try {
        checkGraphSolution(g, moved);
      } catch {
        continue; // not a solution with that one change
      }
      expect(upgradableAlone(g, moved)).toContain(`${p} ${older.toString()} -> ${v.toString()}`);
      return;
    }
    throw new Error('no package of the solution can move back alone');
  });
});
