/**
 * Speculative page and METADATA requests for one resolution (issue 4, §7: a cold resolution
 * against a high-latency index). The solver reaches a dependency only when it decides a version
 * that names it, one decision at a time, so left alone a resolution waits a page round trip and
 * then a METADATA round trip per decision, in the solver's decision order rather than per level of
 * the dependency graph. Here, independently of the solver:
 *
 * - the pages of the root requirements are requested at once;
 * - when a page arrives, the METADATA of the version the solver will most likely choose is
 *   requested: the first version, in the solver's preference order, that every requirement seen so
 *   far on the project admits under pip's candidate policy (candidate-policy.ts), its best file;
 * - when that METADATA arrives and its Requires-Python admits the target, the pages of the
 *   dependencies its Requires-Dist names for the target are requested (markers evaluated for the
 *   target, with the extras requested of the project so far).
 *
 * The walk follows only these guesses (one per project), so on a conflict-free resolution it
 * requests exactly the pages and files the solver would, only earlier; the solver's own requests
 * join the fetches in flight or take their results (`fetchMetadata` here keeps every outcome for
 * the resolution's lifetime). A speculative request that fails is forgotten, so the solver's own
 * request for the same file is sent again and reports its error. Direct URL requirements
 * (`name @ url`) never reach the index and are not speculated on.
 */
import type { DistFile, ProjectPage } from '../index/dist-file.js';
import { admittedCandidates } from '../provider/candidate-policy.js';
import {
  requiresPythonAllows,
  versionCandidates,
  type CandidateRules,
  type VersionCandidate,
} from '../provider/candidates.js';
import { parseDistMetadata } from '../provider/dist-metadata.js';
import type { MetadataOutcome, MetadataSource, PageSource } from '../provider/project-universe.js';
import type { SourcedRequirement } from '../provider/python-provider.js';
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/markers.js';
import type { NormalizedName } from '../standards/names.js';
import { specifiersByName, type Requirement } from '../standards/requirement.js';
import { SpecifierSet, SpecifierSetBuilder } from '../standards/specifier.js';
import { silentLogger, type Logger } from '../util/logger.js';

export interface SpeculationOptions {
  pages: PageSource;
  metadata: MetadataSource;
  rules: CandidateRules;
  markers: MarkerEnvironment;
  /** pip's `--pre`. */
  pre: boolean;
  requirements: readonly SourcedRequirement[];
  constraints: readonly SourcedRequirement[];
  hashesFor?: (name: NormalizedName) => ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** Projects given as direct URL requirements (never looked up on an index). */
  directNames?: ReadonlySet<NormalizedName>;
  /** For the debug lines of skipped file names (said once: the resolution reuses the candidates). */
  logger?: Logger;
}

export interface SpeculationStats {
  /** Projects whose page was requested by the walk. */
  pages: number;
  /** Files whose METADATA the walk requested. */
  guesses: number;
}

export interface Speculation {
  /** Pass to the resolution instead of the index client and the metadata fetcher. */
  readonly pages: PageSource;
  readonly metadata: MetadataSource;
  readonly stats: SpeculationStats;
  /** Requests the pages of the root requirements; everything else follows as answers arrive. */
  start(): void;
  /**
   * The candidates the walk made of a page it handed on (same rules and hash pins as the
   * resolution's), so the resolution does not make them again; undefined for any other page.
   */
  candidatesOf(page: ProjectPage): VersionCandidate[] | undefined;
}

/** Outcomes are shared per file: the name and the declared sha256 (else the URL), as the fetcher does. */
function fileKey(file: DistFile): string {
  return `${file.filename}\u0000${file.hashes.sha256?.toLowerCase() ?? file.url}`;
}

interface ProjectState {
  /** Every specifier seen on the project so far (roots, constraints, walked Requires-Dist). */
  spec: SpecifierSetBuilder;
  extras: Set<string>;
  /** The walked METADATA's dependencies, once it arrived; re-walked when extras grow. */
  deps?: Requirement[];
  /** Dependency texts already followed (with the extras they were followed for). */
  followed: Set<string>;
}

export function createSpeculation(o: SpeculationOptions): Speculation {
  const projects = new Map<NormalizedName, ProjectState>();
  const outcomes = new Map<string, Promise<MetadataOutcome>>();
  const stats: SpeculationStats = { pages: 0, guesses: 0 };
  const handoff = new Map<NormalizedName, Promise<ProjectPage | null>>();
  const computed = new WeakMap<ProjectPage, VersionCandidate[]>();
  /** Projects whose page the resolution has taken. */
  const taken = new Set<NormalizedName>();
  const applies = (r: Requirement): boolean => r.marker === undefined || evaluateMarker(r.marker, o.markers);
  const constraints = specifiersByName(o.constraints.map((c) => c.requirement).filter(applies));

  function fetchMetadata(file: DistFile): Promise<MetadataOutcome> {
    const key = fileKey(file);
    let p = outcomes.get(key);
    if (p === undefined) {
      p = o.metadata.fetchMetadata(file);
      outcomes.set(key, p);
      p.catch(() => {
        if (outcomes.get(key) === p) outcomes.delete(key);
      });
    }
    return p;
  }

  function want(name: NormalizedName, spec: SpecifierSet, extras: readonly string[]): void {
    if (o.directNames?.has(name) === true) return;
    let state = projects.get(name);
    const isNew = state === undefined;
    if (state === undefined) {
      const constraint = constraints.get(name);
      state = {
        spec: new SpecifierSetBuilder(...(constraint !== undefined ? [constraint] : [])),
        extras: new Set(),
        followed: new Set(),
      };
      projects.set(name, state);
    }
    if (!spec.isEmpty) state.spec.add(spec);
    let grew = false;
    for (const e of extras) {
      if (!state.extras.has(e)) {
        state.extras.add(e);
        grew = true;
      }
    }
    if (isNew) {
      // The resolution looks at this project already: its page is gone from here, and the solver
      // asks for the METADATA it needs itself.
      if (taken.has(name)) return;
      stats.pages++;
      walkPage(name).then(
        (page) => {
          if (page !== null) guess(name, page);
        },
        () => {},
      );
    } else if (grew && state.deps !== undefined) {
      walk(name, state);
    }
  }

  function guess(name: NormalizedName, page: ProjectPage): void {
    const state = projects.get(name);
    if (state === undefined) return;
    // The page's candidates, computed once here and kept for the resolution (`candidatesOf`): the
    // resolution turns the same page into the same candidates with the same rules and pins.
    const hashes = o.hashesFor?.(name);
    let preferred: VersionCandidate[];
    try {
      preferred = versionCandidates(page, o.rules, {
        ...(hashes !== undefined ? { hashes } : {}),
        ...(o.logger !== undefined ? { logger: o.logger } : {}),
      });
    } catch {
      // A page that turns out unusable while its entries are read (a skimmed page, json-page-scan.ts):
      // the resolution makes its candidates itself and reports the error.
      return;
    }
    computed.set(page, preferred);
    // The candidates and the source are all the resolution reads of a page it takes from here
    // (ProjectUniverse.loadProject): until it does, hold a stand-in without the links, so the page's
    // body (megabytes at PyPI scale) is not kept alive while the walk runs ahead.
    if (handoff.has(name)) {
      const light: ProjectPage = {
        project: page.project,
        source: page.source,
        get files(): DistFile[] {
          throw new Error(
            `internal error: the walk's stand-in page of ${name} has no files (read its candidates)`,
          );
        },
      };
      computed.set(light, preferred);
      handoff.set(name, Promise.resolve(light));
    }
    const project = { name, exists: true, preferred, ascending: [], byKey: new Map() };
    const likely = admittedCandidates(project, state.spec.set, o.pre).find((c) => c.best !== undefined);
    if (likely?.best === undefined) return;
    const file = likely.best.file;
    stats.guesses++;
    fetchMetadata(file).then(
      (outcome) => {
        if (outcome.kind !== 'metadata') return;
        // Parse warnings belong to the resolution's own parse of the same file.
        // The fetcher's parse of the file (shared with the provider), when the source has one.
        const meta = parseDistMetadata(outcome.parsed ?? outcome.metadata, file.filename, silentLogger);
        if (!requiresPythonAllows(meta.requiresPython, o.rules.pythonVersion)) return;
        state.deps = meta.requiresDist.map((d) => d.requirement);
        walk(name, state);
      },
      () => {},
    );
  }

  function walk(name: NormalizedName, state: ProjectState): void {
    const extras = [...state.extras];
    for (const dep of state.deps ?? []) {
      if (dep.url !== undefined) continue;
      const m = dep.marker;
      if (
        m !== undefined &&
        !evaluateMarker(m, o.markers) &&
        !(extras.length > 0 && evaluateMarker(m, o.markers, extras))
      )
        continue;
      const key = `${dep.text}\u0000${dep.extras.join(',')}`;
      if (state.followed.has(key)) continue;
      state.followed.add(key);
      if (dep.name === name && dep.extras.length === 0) continue;
      want(dep.name, dep.specifier, dep.extras);
    }
  }

  /**
   * The walk's page requests, held until the resolution takes them: each page is requested once and
   * handed on once, so nothing here (nor in the index client, `keepPages: false`) keeps a page — at
   * PyPI scale thousands of links — after both have read it.
   */
  function walkPage(name: NormalizedName): Promise<ProjectPage | null> {
    const p = o.pages.getProject(name);
    handoff.set(name, p);
    // A failed page is forgotten, so the resolution's own request is sent again and reports it.
    p.catch(() => {
      if (handoff.get(name) === p) handoff.delete(name);
    });
    return p;
  }

  function takePage(name: NormalizedName): Promise<ProjectPage | null> {
    taken.add(name);
    const p = handoff.get(name);
    if (p === undefined) return o.pages.getProject(name);
    handoff.delete(name);
    return p;
  }

  return {
    stats,
    pages: { getProject: takePage },
    candidatesOf: (page) => computed.get(page),
    metadata: { fetchMetadata },
    start() {
      for (const r of o.requirements) {
        const req = r.requirement;
        if (req.url === undefined && applies(req)) want(req.name, req.specifier, req.extras);
      }
    },
  };
}
