/**
 * The requirement edges one policy round handed to the solver (resolve-rounds.ts), each with the
 * specifier it applied pip's candidate policy to (candidate-policy.ts) and the versions it admitted.
 * From them the next round learns per-project flags (`seenFlags`, `activeFlags`), a solution is
 * checked against pip's merged rule (`activeFlags(...).offenders`), and `changesUnder` tells whether
 * new flags would change any answer given in this round (if not, another round would repeat it).
 */
import type { NormalizedName } from '../standards/names.js';
import type { SpecifierSet } from '../standards/specifier.js';
import type { Version } from '../standards/version.js';
import { admittedCandidates, orFlags, policyTriggers, type PolicyFlags } from './candidate-policy.js';
import { versionKey, type VersionCandidate } from './candidates.js';
import type { ProjectCandidates } from './project-universe.js';
import { dependerKey, ROOT_ID } from './package-id.js';

interface RecordedEdge {
  project: ProjectCandidates;
  /** The edge's specifier with the project's constraints. */
  spec: SpecifierSet;
  /** Keys (versionKey) of the versions it admitted. */
  admitted: Set<string>;
}

/** The flags a project's edges use: the round's own, plus `extra` when asking "what if". */
export type FlagsOf = (
  project: ProjectCandidates,
  extra?: ReadonlyMap<NormalizedName, PolicyFlags>,
) => PolicyFlags;

export class PolicyLedger {
  /** `id@version` (dependerKey, or the root id) → the requirement edges its dependencies handed out. */
  private readonly recorded = new Map<string, RecordedEdge[]>();

  constructor(
    private readonly pre: boolean,
    private readonly flagsOf: FlagsOf,
  ) {}

  /** The versions an edge from `from` with specifier `spec` admits this round; recorded. */
  admit(from: string, project: ProjectCandidates, spec: SpecifierSet): VersionCandidate[] {
    const allowed = admittedCandidates(project, spec, this.pre, this.flagsOf(project));
    let list = this.recorded.get(from);
    if (list === undefined) {
      list = [];
      this.recorded.set(from, list);
    }
    list.push({ project, spec, admitted: new Set(allowed.map((c) => versionKey(c.version))) });
    return allowed;
  }

  /**
   * The flags every edge handed out so far sets for its project on its own (one requirement naming
   * a pre-release, matching only pre-releases, or pinning only yanked versions).
   */
  seenFlags(): Map<NormalizedName, PolicyFlags> {
    const out = new Map<NormalizedName, PolicyFlags>();
    for (const edges of this.recorded.values()) {
      for (const e of edges) {
        const flags = policyTriggers(e.project, e.spec, this.pre);
        if (flags.prereleases || flags.yanked)
          out.set(e.project.name, orFlags(out.get(e.project.name), flags));
      }
    }
    return out;
  }

  /**
   * pip's merged rule on a solution: for each chosen project, the requirements of the chosen
   * versions (and the root) on it merged into one specifier. `flags` are what that merged specifier
   * allows; `offenders` are projects whose chosen version pip would not admit under it (a flag
   * learned from a requirement that is not part of this solution let it in).
   */
  activeFlags(decisions: ReadonlyMap<string, Version>): {
    flags: Map<NormalizedName, PolicyFlags>;
    offenders: NormalizedName[];
  } {
    const merged = new Map<NormalizedName, { project: ProjectCandidates; spec: SpecifierSet }>();
    const take = (key: string): void => {
      for (const e of this.recorded.get(key) ?? []) {
        const prev = merged.get(e.project.name);
        merged.set(e.project.name, {
          project: e.project,
          spec: prev === undefined ? e.spec : prev.spec.and(e.spec),
        });
      }
    };
    take(ROOT_ID);
    for (const [id, version] of decisions) if (id !== ROOT_ID) take(dependerKey(id, version));
    const flags = new Map<NormalizedName, PolicyFlags>();
    const offenders: NormalizedName[] = [];
    for (const [name, { project, spec }] of merged) {
      const chosen = decisions.get(name);
      if (chosen === undefined) continue;
      const admitted = admittedCandidates(project, spec, this.pre);
      if (!admitted.some((c) => c.version.compare(chosen) === 0)) offenders.push(name);
      const triggers = policyTriggers(project, spec, this.pre);
      if (triggers.prereleases || triggers.yanked) flags.set(name, triggers);
    }
    return { flags, offenders };
  }

  /** Whether `flags`, added to this round's, would change the versions any recorded edge admits. */
  changesUnder(flags: ReadonlyMap<NormalizedName, PolicyFlags>): boolean {
    for (const edges of this.recorded.values()) {
      for (const e of edges) {
        if (!flags.has(e.project.name)) continue;
        const now = admittedCandidates(e.project, e.spec, this.pre, this.flagsOf(e.project, flags));
        if (now.length !== e.admitted.size || now.some((c) => !e.admitted.has(versionKey(c.version))))
          return true;
      }
    }
    return false;
  }
}
