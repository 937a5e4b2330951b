/**
 * pip's per-project candidate policy over a per-edge solver, by rounds.
 *
 * pip merges every requirement on a project before applying its pre-release and yanked rules
 * (candidate-policy.ts); PubGrub takes a fixed range per dependency edge. The two meet here: a round
 * is one complete solve in which each edge applies the rules to its own specifier, widened by policy
 * flags per project (python-provider.ts). After a round:
 * - solved: the solution is checked against pip's merged rule (the requirements of the chosen
 *   versions on each project). A chosen version the merged rule rejects came in through a flag
 *   learned from a requirement outside the solution: that flag is dropped and the round repeated
 *   (and never relearned). Otherwise the flags the solution's own merged
 *   requirements set are learned, and so are the pre-releases any requirement seen in the round
 *   allows on its own (a newer version outside the solution whose requirement matches only
 *   pre-releases: pip merges it when it pins that version and its filter falls back — pip 26); if
 *   they change any edge, the next round looks for the solution pip prefers under them (e.g. a newer
 *   pre-release one requirement allows for the whole project);
 * - unsatisfiable: the flags any requirement seen in the round sets on its own (naming a
 *   pre-release, matching only pre-releases, pinning only yanked versions) are learned, and the
 *   round repeated if they change any edge.
 * Flags only widen edges, so a later round keeps every earlier solution available. It stops when
 * nothing changes, or after `maxRounds`, with the last accepted solution, else the last failure.
 * Each round is deterministic, so the whole is. Metadata and pages are shared (ProjectUniverse),
 * so later rounds only pay for the solver and for versions not seen before.
 *
 * Not covered: a pre-release or yanked version admitted only by the intersection of several
 * requirements none of which sets a flag alone (`>=1.5` and `<1.6` leaving only 1.5rc1);
 * requirements pip would reject while merging them one at a time (pip's order-dependent failures).
 */
import { NoSolutionError } from '../resolver/errors.js';
import type { SolverStats } from '../resolver/solver.js';
import type { NormalizedName } from '../standards/names.js';
import type { Version } from '../standards/version.js';
import type { Logger } from '../util/logger.js';
import { orFlags, type PolicyFlags } from './candidate-policy.js';
import type { PythonProvider } from './python-provider.js';
import type { SolverAdapter } from './solver-adapter.js';

export interface PolicyRound {
  provider: PythonProvider;
  adapter: SolverAdapter;
}

export type RoundsOutcome =
  | {
      kind: 'solved';
      decisions: Map<string, Version>;
      stats: SolverStats;
      round: PolicyRound;
      rounds: number;
    }
  | { kind: 'unsatisfiable'; error: NoSolutionError<Version>; round: PolicyRound; rounds: number };

export interface RoundsOptions {
  /** A fresh provider + adapter using `flags` (learned so far) on top of the root's. */
  newRound(flags: ReadonlyMap<NormalizedName, PolicyFlags>): PolicyRound;
  /** One solve; throws NoSolutionError when unsatisfiable. */
  solve(round: PolicyRound): Promise<{ decisions: Map<string, Version>; stats: SolverStats }>;
  logger: Logger;
  /** Default 8. */
  maxRounds?: number;
}

function describe(flags: ReadonlyMap<NormalizedName, PolicyFlags>): string {
  const parts: string[] = [];
  for (const [name, f] of flags) {
    const what = [f.prereleases ? 'pre-releases' : '', f.yanked ? 'yanked versions' : ''].filter(Boolean);
    parts.push(`${what.join(' and ')} of ${name}`);
  }
  return parts.join(', ');
}

export async function solveInRounds(options: RoundsOptions): Promise<RoundsOutcome> {
  const maxRounds = options.maxRounds ?? 8;
  let flags = new Map<NormalizedName, PolicyFlags>();
  const distrusted = new Set<NormalizedName>();
  let best: Extract<RoundsOutcome, { kind: 'solved' }> | undefined;
  let failure: Extract<RoundsOutcome, { kind: 'unsatisfiable' }> | undefined;
  for (let n = 1; n <= maxRounds; n++) {
    const round = options.newRound(flags);
    let learned: Map<NormalizedName, PolicyFlags>;
    try {
      const { decisions, stats } = await options.solve(round);
      const active = round.provider.ledger.activeFlags(decisions);
      const drop = active.offenders.filter((name) => flags.has(name));
      if (drop.length > 0) {
        options.logger.debug(
          `policy round ${n}: ${drop.join(', ')} chosen through a requirement outside the solution; resolving again without it`,
        );
        flags = new Map([...flags].filter(([name]) => !drop.includes(name)));
        for (const name of drop) distrusted.add(name);
        continue;
      }
      best = { kind: 'solved', decisions, stats, round, rounds: n };
      // Also the pre-releases any edge seen in the round allows on its own: pip merges a newer
      // version's requirement into the project's specifier when it pins that version, so a solution
      // through it may be pip's (an offender check drops the flag again if not).
      learned = new Map(active.flags);
      for (const [name, f] of round.provider.ledger.seenFlags())
        if (f.prereleases)
          learned.set(name, orFlags(learned.get(name), { prereleases: true, yanked: false }));
    } catch (error) {
      if (!(error instanceof NoSolutionError)) throw error;
      failure = { kind: 'unsatisfiable', error: error as NoSolutionError<Version>, round, rounds: n };
      // Dropping a flag narrowed the edges: the earlier solution stands.
      if (best !== undefined) return best;
      learned = round.provider.ledger.seenFlags();
    }
    const added = new Map<NormalizedName, PolicyFlags>();
    for (const [name, f] of learned) {
      if (distrusted.has(name)) continue;
      const prev = flags.get(name);
      const next = orFlags(prev, f);
      if (next.prereleases !== (prev?.prereleases ?? false) || next.yanked !== (prev?.yanked ?? false))
        added.set(name, next);
    }
    if (added.size === 0 || !round.provider.ledger.changesUnder(added)) break;
    options.logger.debug(
      `policy round ${n}: pip's merged requirements allow ${describe(added)}; resolving again`,
    );
    flags = new Map([...flags, ...added]);
  }
  const outcome = best ?? failure;
  if (outcome === undefined) throw new Error(`internal: no policy round finished in ${maxRounds} rounds`);
  return outcome;
}
