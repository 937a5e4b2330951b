/**
 * Python semantics over the generic solver, matching pip (which installs the result):
 * - package ids: `name` (PEP 503 normalized) and virtual `name[extra]` packages; `name[extra]` at
 *   version v depends on `name` == v plus the Requires-Dist entries its extra adds (pip's
 *   ExtrasCandidate). An extra the distribution does not provide adds nothing (pip warns);
 * - markers are evaluated for the explicit target, with `extra`;
 * - Requires-Python of each file (index) and of the metadata is checked against the target;
 * - a dependency's allowed versions are computed here with pip's rules and handed to the solver as
 *   the set of listed versions they contain (runs of consecutive listed versions become intervals):
 *   - pre-releases (pip's SpecifierSet.filter): allowed with `--pre`, when the specifier (or a
 *     root requirement or constraint on the project) names one, or when no usable final release
 *     matches; otherwise excluded;
 *   - yanked versions (PEP 592, pip's `is_pinned`): allowed only when the requirement, a root
 *     requirement or a constraint on the project pins `==`/`===`;
 *   - constraints (`-c`) intersect every requirement on their project without adding any.
 *   Deviation: pip merges all requirements on a project before applying the pre-release and
 *   yanked rules; here each dependency applies them to its own specifier (plus root requirements
 *   and constraints, known up front).
 */
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker, markerExtras } from '../standards/markers.js';
import { normalizeName, type NormalizedName } from '../standards/names.js';
import type { Requirement } from '../standards/requirement.js';
import { SpecifierSet } from '../standards/specifier.js';
import type { Version } from '../standards/version.js';
import type { Logger } from '../util/logger.js';
import { requiresPythonAllows, type VersionCandidate } from './candidates.js';
import type { DistMetadata } from './dist-metadata.js';
import type { ProjectCandidates, ProjectUniverse } from './project-universe.js';

export const ROOT_ID = '<root>';

export interface PackageRef {
  name: NormalizedName;
  extra?: string;
}

export function packageId(name: NormalizedName, extra?: string): string {
  return extra === undefined ? name : `${name}[${extra}]`;
}

export function parsePackageId(id: string): PackageRef {
  const open = id.indexOf('[');
  if (open < 0) return { name: id as NormalizedName };
  return { name: id.slice(0, open) as NormalizedName, extra: id.slice(open + 1, -1) };
}

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
  logger: Logger;
  /** How many older versions' METADATA to fetch ahead when the solver goes back (default 4). */
  backtrackBatch?: number;
}

interface ProjectPolicy {
  constraint: SpecifierSet;
  mentionsPrerelease: boolean;
  pinned: boolean;
}

function isPinned(spec: SpecifierSet): boolean {
  return spec.specifiers.some(
    (s) => s.operator === '===' || (s.operator === '==' && !s.toString().endsWith('.*')),
  );
}

export class PythonProvider {
  private readonly policies = new Map<NormalizedName, ProjectPolicy>();
  /** What a chosen version's dependencies came from, for the resolution and reports. */
  readonly chosenMetadata = new Map<string, DistMetadata>();
  readonly requestedExtras = new Map<NormalizedName, Set<string>>();

  constructor(private readonly options: PythonProviderOptions) {
    const add = (r: SourcedRequirement, isConstraint: boolean): void => {
      const name = r.requirement.name;
      const policy = this.policies.get(name) ?? {
        constraint: new SpecifierSet(),
        mentionsPrerelease: false,
        pinned: false,
      };
      if (isConstraint) policy.constraint = policy.constraint.and(r.requirement.specifier);
      policy.mentionsPrerelease ||= r.requirement.specifier.mentionsPrerelease;
      policy.pinned ||= isPinned(r.requirement.specifier);
      this.policies.set(name, policy);
    };
    for (const r of options.requirements) add(r, false);
    for (const r of options.constraints) add(r, true);
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
  private allowedVersions(project: ProjectCandidates, specifier: SpecifierSet): Version[] {
    const policy = this.policies.get(project.name);
    const spec = policy === undefined ? specifier : specifier.and(policy.constraint);
    const matching = project.preferred.filter((c) => spec.matches(c.version));
    const preAllowed =
      this.options.pre ||
      spec.mentionsPrerelease ||
      policy?.mentionsPrerelease === true ||
      !matching.some((c) => c.best !== undefined && !c.version.isPrerelease);
    const yankAllowed = isPinned(spec) || policy?.pinned === true;
    const allowed = matching.filter(
      (c) => (preAllowed || !c.version.isPrerelease) && (yankAllowed || c.yanked === false),
    );
    this.prefetchLikely(project, allowed);
    return allowed.map((c) => c.version).sort((a, b) => a.compare(b));
  }

  /** Starts the METADATA fetch of the version the solver will most likely pick. */
  private prefetchLikely(project: ProjectCandidates, allowed: VersionCandidate[]): void {
    const first = allowed.find((c) => c.best !== undefined);
    if (first !== undefined) this.universe.prefetchMetadata(project.name, first.version);
  }

  private async edgesFor(
    requirements: { req: Requirement; text: string; origin: string }[],
  ): Promise<Edge[]> {
    for (const r of requirements) this.universe.prefetchPage(r.req.name);
    const byId = new Map<
      string,
      { name: NormalizedName; spec: SpecifierSet; texts: string[]; origins: string[] }
    >();
    for (const { req, text, origin } of requirements) {
      for (const id of [packageId(req.name), ...req.extras.map((e) => packageId(req.name, e))]) {
        const prev = byId.get(id);
        if (prev === undefined) {
          byId.set(id, { name: req.name, spec: req.specifier, texts: [text], origins: [origin] });
        } else {
          prev.spec = prev.spec.and(req.specifier);
          if (!prev.texts.includes(text)) prev.texts.push(text);
          if (!prev.origins.includes(origin)) prev.origins.push(origin);
        }
      }
    }
    const entries = [...byId.entries()];
    const projects = await Promise.all(entries.map(([, e]) => this.universe.project(e.name)));
    return entries.map(([id, e], i) => ({
      id,
      name: e.name,
      allowed: this.allowedVersions(projects[i] as ProjectCandidates, e.spec),
      text: e.texts.join(', '),
      specifier: e.spec.toString(),
      origin: e.origins.join(', '),
    }));
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
    return this.edgesFor(reqs);
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
    const env = this.options.markers;
    const reqs: { req: Requirement; text: string; origin: string }[] = [];
    if (extra === undefined) {
      this.chosenMetadata.set(`${name}==${version.toString()}`, meta);
      for (const dep of meta.requiresDist) {
        const m = dep.requirement.marker;
        if (m !== undefined && !evaluateMarker(m, env)) continue;
        if (dep.requirement.name === name && dep.requirement.extras.length === 0) continue;
        reqs.push({ req: dep.requirement, text: dep.text, origin });
      }
      return { kind: 'ok', edges: await this.edgesFor(reqs) };
    }
    const provided = new Set(meta.providesExtra);
    if (provided.size === 0) {
      // Old metadata without Provides-Extra: the extras its markers test for.
      for (const dep of meta.requiresDist) {
        if (dep.requirement.marker !== undefined)
          for (const e of markerExtras(dep.requirement.marker)) provided.add(e);
      }
    }
    const edges: Edge[] = [];
    if (!provided.has(normalizeName(extra))) {
      this.options.logger.warn(`${name} ${version.toString()} does not provide the extra '${extra}'`);
    } else {
      for (const dep of meta.requiresDist) {
        const m = dep.requirement.marker;
        if (m === undefined || !evaluateMarker(m, env, [extra]) || evaluateMarker(m, env)) continue;
        reqs.push({
          req: dep.requirement,
          text: dep.text,
          origin: `${name}[${extra}] ${version.toString()}`,
        });
      }
      edges.push(...(await this.edgesFor(reqs)));
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

  /** When the solver asks for a version other than the newest usable one, fetch the next older ones too. */
  private prefetchOlder(name: NormalizedName, version: Version): void {
    void this.universe.project(name).then(
      (project) => {
        const usable = project.preferred.filter((c) => c.best !== undefined);
        const at = usable.findIndex((c) => c.version.compare(version) === 0);
        if (at <= 0) return;
        const batch = this.options.backtrackBatch ?? 4;
        for (const c of usable.slice(at + 1, at + 1 + batch)) this.universe.prefetchMetadata(name, c.version);
      },
      () => {},
    );
  }
}
