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
 * requests exactly the pages and files the solver would, only earlier. One conflict it foresees: a
 * guessed release with a dependency that no usable release of its project matches (on PyPI, a new
 * release that needs an unreleased version of a sibling) can never be chosen — the solver meets the
 * empty range and moves to the next release, which pip does too, one METADATA round trip per step
 * in the solver's order. The walk takes that release out of its guesses as soon as the dependency's
 * page shows it: it guesses the project's next release, and what only the dead release asked of
 * other projects (its specifiers, projects no live release named) no longer counts; the solver's own requests
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
import { evaluateMarker } from '../standards/marker-evaluation.js';
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
  /** Specifiers of the roots and constraints on the project. */
  fixed: SpecifierSetBuilder;
  /** The walked Requires-Dist specifiers on the project, by the release that named them (`ownerKey`). */
  from: Map<string, SpecifierSetBuilder>;
  /** A root requirement names the project (so it is wanted whatever releases die). */
  root: boolean;
  extras: Set<string>;
  /** The page's candidates, once the walk made them. */
  candidates?: VersionCandidate[];
  /** The release whose METADATA the walk follows. */
  guessed?: VersionCandidate;
  /** Releases that can never be chosen (a dependency of theirs matches no usable release). */
  dead: Set<VersionCandidate>;
  /** The guessed release's dependencies, once its METADATA arrived; re-walked when extras grow. */
  deps?: Requirement[];
  /** Dependency texts of the guessed release already followed (with the extras they were followed for). */
  followed: Set<string>;
  /** Other projects' releases waiting for this page to show whether their specifier on it matches. */
  waiting: { spec: SpecifierSet; owner: NormalizedName; release: VersionCandidate }[];
}

/** At most this many releases of one project are found dead and passed over by the walk. */
const DEAD_LIMIT = 4;

function ownerKey(name: NormalizedName, release: VersionCandidate): string {
  return `${name}\u0000${release.version.toString()}`;
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

  /**
   * A requirement on `name` seen by the walk: from the roots (`owner` undefined) or from the
   * guessed release `owner` of another project.
   */
  function want(
    name: NormalizedName,
    spec: SpecifierSet,
    extras: readonly string[],
    owner?: { name: NormalizedName; release: VersionCandidate },
  ): void {
    if (o.directNames?.has(name) === true) return;
    let state = projects.get(name);
    const isNew = state === undefined;
    if (state === undefined) {
      const constraint = constraints.get(name);
      state = {
        fixed: new SpecifierSetBuilder(...(constraint !== undefined ? [constraint] : [])),
        from: new Map(),
        root: false,
        extras: new Set(),
        dead: new Set(),
        followed: new Set(),
        waiting: [],
      };
      projects.set(name, state);
    }
    if (owner === undefined) {
      state.root = true;
      if (!spec.isEmpty) state.fixed.add(spec);
    } else {
      const key = ownerKey(owner.name, owner.release);
      let named = state.from.get(key);
      if (named === undefined) state.from.set(key, (named = new SpecifierSetBuilder()));
      if (!spec.isEmpty) named.add(spec);
      // Whether the owner can be chosen at all shows once this page's candidates are known.
      const check = { spec, owner: owner.name, release: owner.release };
      if (state.candidates !== undefined) settleCheck(state.candidates, check);
      else state.waiting.push(check);
    }
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
    } else if (state.guessed === undefined) {
      // Its page is here but nothing was guessed (no live release wanted it, or a dead one's
      // specifier matched nothing): this requirement may change that.
      pick(name, state);
    } else if (grew && state.deps !== undefined) {
      walk(name, state);
    }
  }

  /** The specifier the solver will hold on a project: the roots', constraints' and live releases'. */
  function specOf(state: ProjectState): SpecifierSet {
    const all = new SpecifierSetBuilder(state.fixed.set);
    for (const named of state.from.values()) all.add(named.set);
    return all.set;
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
    state.candidates = preferred;
    pick(name, state);
    const waiting = state.waiting;
    state.waiting = [];
    for (const check of waiting) settleCheck(preferred, check);
  }

  /**
   * Guesses the release the solver will most likely choose and follows its METADATA — when the
   * project is still wanted by a root or a live release and the guess changed.
   */
  function pick(name: NormalizedName, state: ProjectState): void {
    if (state.candidates === undefined || (!state.root && state.from.size === 0)) return;
    const project = { name, exists: true, preferred: state.candidates, ascending: [], byKey: new Map() };
    const likely = admittedCandidates(project, specOf(state), o.pre).find(
      (c) => c.best !== undefined && !state.dead.has(c),
    );
    if (likely?.best === undefined || likely === state.guessed) return;
    state.guessed = likely;
    state.deps = undefined;
    state.followed = new Set();
    const file = likely.best.file;
    stats.guesses++;
    fetchMetadata(file).then(
      (outcome) => {
        if (outcome.kind !== 'metadata' || state.guessed !== likely) return;
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

  /**
   * A release whose requirement on a project matches no usable release of it can never be chosen
   * (whatever else the solver learns, that range stays empty): the walk passes over it.
   */
  function settleCheck(
    candidates: readonly VersionCandidate[],
    check: { spec: SpecifierSet; owner: NormalizedName; release: VersionCandidate },
  ): void {
    if (candidates.some((c) => c.best !== undefined && check.spec.matches(c.version))) return;
    const owner = projects.get(check.owner);
    if (owner === undefined || owner.dead.has(check.release) || owner.dead.size >= DEAD_LIMIT) return;
    owner.dead.add(check.release);
    // What only the dead release asked of other projects no longer counts.
    const key = ownerKey(check.owner, check.release);
    const freed: [NormalizedName, ProjectState][] = [];
    for (const [other, state] of projects) {
      if (state.from.delete(key)) {
        state.waiting = state.waiting.filter((w) => w.owner !== check.owner || w.release !== check.release);
        freed.push([other, state]);
      }
    }
    if (owner.guessed === check.release) pick(check.owner, owner);
    // A project the dead release's specifier kept from a guess (or that nobody live names) is
    // guessed now; one already guessed keeps its guess.
    for (const [other, state] of freed) if (state.guessed === undefined) pick(other, state);
  }

  function walk(name: NormalizedName, state: ProjectState): void {
    const release = state.guessed;
    if (release === undefined) return;
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
      want(dep.name, dep.specifier, dep.extras, { name, release });
      // `want` may have found this release dead (settleCheck) and guessed another: the rest of its
      // dependencies are not the new guess's, and nothing more is asked on the dead one's behalf.
      if (state.guessed !== release) return;
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
