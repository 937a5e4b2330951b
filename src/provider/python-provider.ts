/**
 * Python semantics over the generic solver, matching pip (which installs the result):
 * - package ids: `name` (PEP 503 normalized) and virtual `name[extra]` packages; `name[extra]` at
 *   version v depends on `name` == v plus the Requires-Dist entries its extra adds (pip's
 *   ExtrasCandidate). A distribution provides exactly the extras its metadata lists in
 *   Provides-Extra (PEP 685 normalized, whatever the Metadata-Version): pip never infers extras from
 *   `extra == "…"` markers. A requested extra it does not provide adds nothing, with pip's warning
 *   "<name> <version> does not provide the extra '<extra>'" (logged once per project and extra);
 * - markers are evaluated for the explicit target, with `extra`;
 * - Requires-Python of each file (index) and of the metadata is checked against the target;
 * - a dependency's allowed versions are computed here with pip's candidate policy
 *   (candidate-policy.ts: pre-releases, yanked versions) and handed to the solver as the set of
 *   listed versions they contain (runs of consecutive listed versions become intervals);
 * - constraints (`-c`) intersect every requirement on their project without adding any;
 *   requirements and constraints whose markers are false for the target are ignored, as pip does.
 *
 * pip applies the pre-release and yanked rules to the merged specifier of every requirement on a
 * project (since pip 23.3 `name[extra]` and `name` count as one project). The solver takes one range
 * per dependency edge, so each edge applies the rules to its own specifier, widened by the project's
 * `PolicyFlags`: the flags of the root requirements and constraints on the project (always among
 * the requirements), and the flags resolve-rounds.ts learned in earlier rounds of the same
 * resolution. The provider records every edge it hands out so that the next round can learn from
 * them (policy-ledger.ts: `seenFlags`, `activeFlags`), check a solution against pip's merged rule (`activeFlags`
 * reports offenders) and tell whether new flags would change any answer (`changesUnder`).
 */
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import { normalizeName, type NormalizedName } from '../standards/names.js';
import { specifiersByName, type Requirement } from '../standards/requirement.js';
import { SpecifierSet } from '../standards/specifier.js';
import type { Version } from '../standards/version.js';
import type { Logger } from '../util/logger.js';
import { NO_FLAGS, orFlags, policyTriggers, type PolicyFlags } from './candidate-policy.js';
import { requiresPythonAllows, type VersionCandidate } from './candidates.js';
import { checkDependencyUrl } from './dependency-url.js';
import type { DistDependency, DistMetadata } from './dist-metadata.js';
import { indexExtraLines, linesForExtra, type ExtraLineIndex } from './extra-lines.js';
import { dependerKey, packageId, parsePackageId, ROOT_ID } from './package-id.js';
import { PolicyLedger } from './policy-ledger.js';
import type { ProjectCandidates, ProjectUniverse } from './project-universe.js';

export { dependerKey, packageId, parsePackageId, ROOT_ID, type PackageRef } from './package-id.js';

/** A requirement from a requirements file, with where it was written. */
export interface SourcedRequirement {
  requirement: Requirement;
  /** `requirements.txt:4`, shown in explanations. */
  origin: string;
}

/** One dependency edge handed to the solver. */
export interface Edge {
  id: string;
  name: NormalizedName;
  /** Listed versions of `name` the edge admits (ascending). */
  allowed: Version[];
  /** Requirement text as written (`django>=5`), several joined with `, ` when merged. */
  text: string;
  /** The (merged) specifier, `>=5` (empty for any version). */
  specifier: string;
  /** Where the requirement came from: `requirements.txt:4` or `a 1.0`. */
  origin: string;
}

export type DependenciesResult = { kind: 'ok'; edges: Edge[] } | { kind: 'unavailable'; reason: string };

export interface PythonProviderOptions {
  universe: ProjectUniverse;
  markers: MarkerEnvironment;
  pythonVersion: Version;
  requirements: SourcedRequirement[];
  constraints: SourcedRequirement[];
  /** pip's `--pre`. */
  pre: boolean;
  /**
   * pip's `--no-deps`: a chosen version brings no dependencies (its Requires-Python is still
   * checked, and `name[extra]` still pins `name`, as pip's resolver does with `with_requires=False`).
   */
  noDeps?: boolean;
  logger: Logger;
  /** How many older versions' METADATA to fetch ahead when the solver goes back (default 4). */
  backtrackBatch?: number;
  /** Policy flags learned by earlier rounds of this resolution (resolve-rounds.ts). */
  flags?: ReadonlyMap<NormalizedName, PolicyFlags>;
  /** `name[extra]` keys already warned about; shared across rounds so each warning is logged once. */
  warnedExtras?: Set<string>;
}

export class PythonProvider {
  /** Constraints (markers true for the target) per project. */
  private readonly constraints: Map<NormalizedName, SpecifierSet>;
  /** Where each project's constraints were written (`constraints.txt:2`), for explanations. */
  private readonly constraintOrigins = new Map<NormalizedName, string[]>();
  /** Root requirements (markers true) merged per project, extras included. */
  private readonly rootSpecs: Map<NormalizedName, SpecifierSet>;
  private readonly rootFlagCache = new Map<NormalizedName, PolicyFlags>();
  /** Every requirement edge this round handed out, for resolve-rounds.ts. */
  readonly ledger: PolicyLedger;
  private readonly warnedExtras: Set<string>;
  /** Per METADATA (its Requires-Dist array): the lines each extra can select (extra-lines.ts). */
  private readonly extraLines = new WeakMap<readonly DistDependency[], ExtraLineIndex>();
  /** What a chosen version's dependencies came from, for the resolution and reports. */
  readonly chosenMetadata = new Map<string, DistMetadata>();
  readonly requestedExtras = new Map<NormalizedName, Set<string>>();
  /** Per project: the lowest version the solver asked dependencies of, and how many steps down it went. */
  private readonly walks = new Map<NormalizedName, { lowest: Version; steps: number }>();
  /** Top-level `name @ url` requirements and constraints (marker true): a dependency may name the same URL. */
  private readonly rootUrls = new Map<NormalizedName, string>();

  constructor(private readonly options: PythonProviderOptions) {
    this.warnedExtras = options.warnedExtras ?? new Set();
    this.ledger = new PolicyLedger(options.pre, (project, extra) => this.flagsFor(project, extra));
    const applies = (r: SourcedRequirement): boolean =>
      r.requirement.marker === undefined || evaluateMarker(r.requirement.marker, options.markers);
    const constraints = options.constraints.filter(applies);
    this.constraints = specifiersByName(constraints.map((r) => r.requirement));
    for (const r of constraints) {
      let origins = this.constraintOrigins.get(r.requirement.name);
      if (origins === undefined) this.constraintOrigins.set(r.requirement.name, (origins = []));
      origins.push(r.origin);
    }
    this.rootSpecs = specifiersByName(options.requirements.filter(applies).map((r) => r.requirement));
    for (const r of [...options.requirements.filter(applies), ...constraints])
      if (r.requirement.url !== undefined) this.rootUrls.set(r.requirement.name, r.requirement.url);
  }

  /** The flags of the root requirements (always active) on a project, with its constraints. */
  private rootFlags(project: ProjectCandidates): PolicyFlags {
    let flags = this.rootFlagCache.get(project.name);
    if (flags === undefined) {
      const root = this.rootSpecs.get(project.name);
      flags =
        root === undefined
          ? NO_FLAGS
          : policyTriggers(project, this.withConstraints(project.name, root), this.options.pre);
      this.rootFlagCache.set(project.name, flags);
    }
    return flags;
  }

  private withConstraints(name: NormalizedName, spec: SpecifierSet): SpecifierSet {
    const constraint = this.constraints.get(name);
    return constraint === undefined ? spec : spec.and(constraint);
  }

  /**
   * An edge's specifier as explanations show it: with the project's constraints folded in and the
   * constraint lines named (`<2 (constraint at constraints.txt:2)`), so a conflict a constraint
   * causes points at that file and line.
   */
  private describeSpecifier(name: NormalizedName, spec: SpecifierSet): string {
    const origins = this.constraintOrigins.get(name);
    if (origins === undefined) return firstFew(spec.specifiers, ',');
    const combined = firstFew(this.withConstraints(name, spec).specifiers, ',');
    return `${combined === '' ? '(any)' : combined} (constraint at ${firstFew(origins)})`;
  }

  private flagsFor(
    project: ProjectCandidates,
    extra?: ReadonlyMap<NormalizedName, PolicyFlags>,
  ): PolicyFlags {
    return orFlags(
      orFlags(this.rootFlags(project), this.options.flags?.get(project.name)),
      extra?.get(project.name),
    );
  }

  private get universe(): ProjectUniverse {
    return this.options.universe;
  }

  /** Versions of a package in the order the solver should try them. */
  async listVersions(id: string): Promise<Version[]> {
    const { name } = parsePackageId(id);
    const project = await this.universe.project(name);
    const usable = project.preferred.filter((c) => c.best !== undefined);
    const unusable = project.preferred.filter((c) => c.best === undefined);
    return [...usable, ...unusable].map((c) => c.version);
  }

  /** The project's listed versions, ascending (for building ranges). */
  async ascendingVersions(name: NormalizedName): Promise<Version[]> {
    return (await this.universe.project(name)).ascending;
  }

  /** pip's candidate rules for one requirement on `name`, as the set of listed versions admitted. */
  private allowedVersions(project: ProjectCandidates, specifier: SpecifierSet, from: string): Version[] {
    const spec = this.withConstraints(project.name, specifier);
    const allowed = this.ledger.admit(from, project, spec);
    this.prefetchLikely(project, allowed);
    return allowed.map((c) => c.version).sort((a, b) => a.compare(b));
  }

  /** Starts the METADATA fetch of the version the solver will most likely pick. */
  private prefetchLikely(project: ProjectCandidates, allowed: VersionCandidate[]): void {
    const first = allowed.find((c) => c.best !== undefined);
    if (first !== undefined) this.universe.prefetchMetadata(project.name, first.version);
  }

  private async edgesFor(
    from: string,
    requirements: { req: Requirement; text: string; origin: string }[],
  ): Promise<Edge[]> {
    // Sets and one SpecifierSet per id at the end: linear in the requirements (a 100,000-line
    // requirements file naming one project must not cost 100,000² comparisons).
    const byId = new Map<
      string,
      { name: NormalizedName; specs: SpecifierSet[]; texts: Set<string>; origins: Set<string> }
    >();
    for (const { req, text, origin } of requirements) {
      for (const id of [packageId(req.name), ...req.extras.map((e) => packageId(req.name, e))]) {
        const prev = byId.get(id);
        if (prev === undefined) {
          // Once per project, not per line: each call on an already-started page adds a
          // `.catch` reaction (a promise and a closure) that lives until the page arrives.
          if (id === packageId(req.name)) this.universe.prefetchPage(req.name);
          byId.set(id, {
            name: req.name,
            specs: [req.specifier],
            texts: new Set([text]),
            origins: new Set([origin]),
          });
        } else {
          prev.specs.push(req.specifier);
          prev.texts.add(text);
          prev.origins.add(origin);
        }
      }
    }
    const entries = [...byId.entries()];
    const projects = await Promise.all(entries.map(([, e]) => this.universe.project(e.name)));
    return entries.map(([id, e], i) => {
      const spec =
        e.specs.length === 1 ? e.specs[0]! : new SpecifierSet(e.specs.flatMap((x) => x.specifiers));
      return {
        id,
        name: e.name,
        allowed: this.allowedVersions(projects[i] as ProjectCandidates, spec, from),
        text: firstFew(e.texts),
        specifier: this.describeSpecifier(e.name, spec),
        origin: firstFew(e.origins),
      };
    });
  }

  async rootDependencies(): Promise<Edge[]> {
    const reqs: { req: Requirement; text: string; origin: string }[] = [];
    for (const r of this.options.requirements) {
      const req = r.requirement;
      if (req.marker !== undefined && !evaluateMarker(req.marker, this.options.markers)) {
        this.options.logger.debug(`${r.origin}: ${req.text} does not apply to the target (marker)`);
        continue;
      }
      reqs.push({ req, text: req.text, origin: r.origin });
      if (req.extras.length > 0) {
        const set = this.requestedExtras.get(req.name) ?? new Set<string>();
        for (const e of req.extras) set.add(e);
        this.requestedExtras.set(req.name, set);
      }
    }
    return this.edgesFor(ROOT_ID, reqs);
  }

  async getDependencies(id: string, version: Version): Promise<DependenciesResult> {
    if (id === ROOT_ID) return { kind: 'ok', edges: await this.rootDependencies() };
    const { name, extra } = parsePackageId(id);
    this.prefetchOlder(name, version);
    const result = await this.universe.metadata(name, version);
    if (result.kind === 'unavailable') return result;
    const meta = result.metadata;
    if (!requiresPythonAllows(meta.requiresPython, this.options.pythonVersion)) {
      return {
        kind: 'unavailable',
        reason: `needs Python ${meta.requiresPython ?? ''}, but the target is ${this.options.pythonVersion.toString()}`,
      };
    }
    const origin = `${name} ${version.toString()}`;
    const from = dependerKey(id, version);
    const env = this.options.markers;
    const reqs: { req: Requirement; text: string; origin: string }[] = [];
    if (extra === undefined) {
      this.chosenMetadata.set(`${name}==${version.toString()}`, meta);
      if (this.options.noDeps === true) return { kind: 'ok', edges: [] };
      for (const dep of meta.requiresDist) {
        const m = dep.requirement.marker;
        if (m !== undefined && !evaluateMarker(m, env)) continue;
        if (dep.requirement.name === name && dep.requirement.extras.length === 0) continue;
        checkDependencyUrl(origin, dep.requirement, this.rootUrls);
        reqs.push({ req: dep.requirement, text: dep.text, origin });
      }
      return { kind: 'ok', edges: await this.edgesFor(from, reqs) };
    }
    // pip (metadata backends' iter_provided_extras): Provides-Extra only, PEP 685 normalized on
    // both sides; no Provides-Extra means no extras, even when markers test `extra`.
    const provided = new Set(meta.providesExtra);
    const edges: Edge[] = [];
    if (!provided.has(normalizeName(extra))) {
      const key = packageId(name, normalizeName(extra));
      if (!this.warnedExtras.has(key)) {
        this.warnedExtras.add(key);
        this.options.logger.warn(`${name} ${version.toString()} does not provide the extra '${extra}'`);
      }
    } else if (this.options.noDeps !== true) {
      const lines = meta.requiresDist;
      let index = this.extraLines.get(lines);
      if (index === undefined) {
        index = indexExtraLines(lines.map((dep) => dep.requirement.marker));
        this.extraLines.set(lines, index);
      }
      for (const i of linesForExtra(index, normalizeName(extra))) {
        const dep = lines[i]!;
        const m = dep.requirement.marker;
        if (m === undefined || !evaluateMarker(m, env, [extra]) || evaluateMarker(m, env)) continue;
        checkDependencyUrl(`${name}[${extra}] ${version.toString()}`, dep.requirement, this.rootUrls);
        reqs.push({
          req: dep.requirement,
          text: dep.text,
          origin: `${name}[${extra}] ${version.toString()}`,
        });
      }
      edges.push(...(await this.edgesFor(from, reqs)));
    }
    edges.unshift({
      id: name,
      name,
      allowed: [version],
      text: `${name}==${version.toString()}`,
      specifier: `==${version.toString()}`,
      origin: `${name}[${extra}]`,
    });
    return { kind: 'ok', edges };
  }

  /** Solver hint: fetch METADATA of the first usable version (in preference order) `inRange` admits. */
  prefetchFirstIn(name: NormalizedName, inRange: (v: Version) => boolean): void {
    void this.universe.project(name).then(
      (project) => {
        const first = project.preferred.find((c) => c.best !== undefined && inRange(c.version));
        if (first !== undefined) this.universe.prefetchMetadata(name, first.version);
      },
      () => {},
    );
  }

  /**
   * Backtracking read-ahead. When the solver asks for a version below one of the same project it
   * already asked for, it is walking the project down; from the second step down, the METADATA of
   * the next older usable versions is fetched ahead, 2, then 4, … up to `backtrackBatch` at a time.
   * A first version below the newest (a newer one was a pre-release, yanked, for another Python,
   * excluded by a bound, or failed once on its own dependencies) is the common case and fetches
   * nothing ahead: those older versions are ones the solver will most likely never look at.
   */
  private prefetchOlder(name: NormalizedName, version: Version): void {
    const walk = this.walks.get(name);
    if (walk === undefined || version.compare(walk.lowest) > 0) {
      if (walk === undefined) this.walks.set(name, { lowest: version, steps: 0 });
      return;
    }
    if (version.compare(walk.lowest) === 0) return;
    walk.lowest = version;
    walk.steps += 1;
    if (walk.steps < 2) return;
    const batch = Math.min(this.options.backtrackBatch ?? 4, 2 ** (walk.steps - 1));
    void this.universe.project(name).then(
      (project) => {
        const pre = this.options.pre || version.isPrerelease;
        const usable = project.preferred.filter(
          (c) => c.best !== undefined && c.yanked === false && (pre || !c.version.isPrerelease),
        );
        const at = usable.findIndex((c) => c.version.compare(version) === 0);
        if (at < 0) return;
        for (const c of usable.slice(at + 1, at + 1 + batch)) this.universe.prefetchMetadata(name, c.version);
      },
      () => {},
    );
  }
}

/** Items shown in an explanation: all of a few, else the first ones and how many there are in all. */
const SHOWN_ITEMS = 10;

/**
 * `items` joined for an explanation, at most SHOWN_ITEMS of them: a requirements file naming one
 * project on 100,000 lines must not make a 4 MB error message. Only the items shown are turned
 * into text.
 */
function firstFew(items: readonly unknown[] | ReadonlySet<unknown>, separator = ', '): string {
  const shown: string[] = [];
  for (const item of items) {
    if (shown.length === SHOWN_ITEMS) break;
    shown.push(String(item));
  }
  const count = Array.isArray(items) ? items.length : (items as ReadonlySet<unknown>).size;
  if (count <= SHOWN_ITEMS) return shown.join(separator);
  return `${shown.join(separator)}${separator} … (${count} in all)`;
}
