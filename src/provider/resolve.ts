/**
 * One resolution: requirements + constraints + finder options + an explicit target, through the
 * generic PubGrub solver with pip's semantics (python-provider.ts), into a `Resolution` or an
 * explanation of why none exists.
 */
import type { DistFile, ProjectPage } from '../index/dist-file.js';
import { checkedDigests } from '../index/declared-digests.js';
import { Ranges } from '../resolver/range.js';
import { solve, type SolverStats } from '../resolver/solver.js';
import type { NormalizedName } from '../standards/names.js';
import {
  emptyBinaryRule,
  mayUseSdist,
  mayUseWheel,
  type BinaryRule,
} from '../standards/requirements-file-binary.js';
import { compareVersions, Version } from '../standards/version.js';
import type { Logger } from '../util/logger.js';
import type { CandidateRules, VersionCandidate } from './candidates.js';
import { followingDependencyUrls } from './dependency-url-follow.js';
import { explainNoSolution } from './explain-python.js';
import { hashUnhashedFiles, type FileHasher } from './file-hashes.js';
import { hashPinStatus, verifyComputedHashes } from './hash-pins.js';
import {
  ProjectUniverse,
  type MetadataResult,
  type MetadataSource,
  type PageSource,
  type UniverseStats,
} from './project-universe.js';
import { parsePackageId, PythonProvider, ROOT_ID, type SourcedRequirement } from './python-provider.js';
import { solveInRounds } from './resolve-rounds.js';
import type { Resolution, ResolvedPackage } from './resolution.js';
import { SolverAdapter } from './solver-adapter.js';
import type { TargetEnvironment } from './target.js';

export interface ResolveOptions {
  pre?: boolean;
  onlyBinary?: BinaryRule;
  noBinary?: BinaryRule;
  preferBinary?: boolean;
  /** pip's `--no-deps`: only the named requirements, none of their dependencies. */
  noDeps?: boolean;
}

export interface ResolveInput {
  requirements: SourcedRequirement[];
  constraints?: SourcedRequirement[];
  hashes?: Map<NormalizedName, Map<string, Set<string>>>;
  directFiles?: Map<NormalizedName, DistFile>;
  options: ResolveOptions;
  target: TargetEnvironment;
  index: PageSource;
  fetcher: MetadataSource;
  /** Candidates already made of a page with the same rules and pins (ProjectUniverse `candidatesOf`). */
  candidatesOf?: (page: ProjectPage) => VersionCandidate[] | undefined;
  /** Downloads chosen files whose source gives no sha256, to hash them (file-hashes.ts). */
  hasher?: FileHasher;
  logger: Logger;
  signal?: AbortSignal;
}

export interface ResolveStats {
  solver: SolverStats;
  pages: number;
  metadata: number;
  metadataByPath: UniverseStats['metadataByPath'];
  packages: number;
  /** Solves run to apply pip's per-project policy (resolve-rounds.ts); `solver` is the last one's. */
  policyRounds: number;
}

export type ResolveOutcome =
  | { kind: 'resolved'; resolution: Resolution; stats: ResolveStats }
  | { kind: 'unsatisfiable'; explanation: string; stats?: ResolveStats };

export class ResolutionBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResolutionBuildError';
  }
}

const ROOT_VERSION = Version.parse('0');

type ChosenMetadata = Extract<MetadataResult, { kind: 'ok' }>;

/** The resolution of `input`; a dependency's direct URL is followed as pip does (dependency-url-follow.ts). */
export function resolveRequirements(input: ResolveInput): Promise<ResolveOutcome> {
  return followingDependencyUrls(input, resolveOnce);
}

async function resolveOnce(input: ResolveInput): Promise<ResolveOutcome> {
  const empty: BinaryRule = emptyBinaryRule();
  const binaryRules = {
    onlyBinary: input.options.onlyBinary ?? empty,
    noBinary: input.options.noBinary ?? empty,
  };
  const rules: CandidateRules = {
    tagPriority: input.target.tagPriority,
    pythonVersion: input.target.pythonVersion,
    tagSummary: input.target.summary,
    mayUseWheel: (name) => mayUseWheel(binaryRules, name),
    mayUseSdist: (name) => mayUseSdist(binaryRules, name),
    preferBinary: input.options.preferBinary === true,
  };
  const universe = new ProjectUniverse({
    pages: input.index,
    metadata: input.fetcher,
    rules,
    logger: input.logger,
    hashesFor: (name) => input.hashes?.get(name),
    ...(input.directFiles !== undefined ? { directFiles: input.directFiles } : {}),
    ...(input.candidatesOf !== undefined ? { candidatesOf: input.candidatesOf } : {}),
  });
  const warnedExtras = new Set<string>();
  const outcome = await solveInRounds({
    newRound: (flags) => {
      const provider = new PythonProvider({
        universe,
        markers: input.target.markers,
        pythonVersion: input.target.pythonVersion,
        requirements: input.requirements,
        constraints: input.constraints ?? [],
        pre: input.options.pre === true,
        noDeps: input.options.noDeps === true,
        logger: input.logger,
        flags,
        warnedExtras,
      });
      return { provider, adapter: new SolverAdapter(provider, new Ranges<Version>(compareVersions)) };
    },
    solve: (round) =>
      solve({
        provider: round.adapter,
        ranges: round.adapter.ranges,
        root: ROOT_ID,
        rootVersion: ROOT_VERSION,
        ...(input.signal !== undefined ? { signal: input.signal } : {}),
      }),
    logger: input.logger,
  });
  if (outcome.kind === 'unsatisfiable') {
    return {
      kind: 'unsatisfiable',
      explanation: explainNoSolution(outcome.error, { adapter: outcome.round.adapter, target: input.target }),
    };
  }
  const { decisions, stats: solverStats } = outcome;
  const packages = await buildPackages(decisions, universe, input);
  const stats: ResolveStats = {
    solver: solverStats,
    pages: universe.stats.pages,
    metadata: universe.stats.metadata,
    metadataByPath: { ...universe.stats.metadataByPath },
    packages: packages.length,
    policyRounds: outcome.rounds,
  };
  return { kind: 'resolved', resolution: { packages }, stats };
}

async function buildPackages(
  decisions: Map<string, Version>,
  universe: ProjectUniverse,
  input: ResolveInput,
): Promise<ResolvedPackage[]> {
  const extras = new Map<NormalizedName, Set<string>>();
  for (const id of decisions.keys()) {
    const { name, extra } = parsePackageId(id);
    if (extra === undefined) continue;
    const set = extras.get(name) ?? new Set<string>();
    set.add(extra);
    extras.set(name, set);
  }
  const requested = new Set(input.requirements.map((r) => r.requirement.name));
  const chosen: { name: NormalizedName; version: Version; meta: ChosenMetadata }[] = [];
  for (const [id, version] of decisions) {
    const { name, extra } = parsePackageId(id);
    if (extra !== undefined) continue;
    const meta = await universe.metadata(name, version);
    if (meta.kind !== 'ok')
      throw new ResolutionBuildError(`internal: ${name} ${version.toString()} was chosen but is unavailable`);
    chosen.push({ name, version, meta });
  }
  // Also a file whose --hash pin only the index's declaration of another algorithm matched: its
  // bytes are checked against the pins as pip's hash-checking mode does (review 14b #10).
  const digests = await hashUnhashedFiles(
    chosen
      .filter(({ name, meta }) => {
        const file = meta.file.file;
        if (file.hashes.sha256 === undefined) return true;
        const pins = input.hashes?.get(name);
        return pins !== undefined && pins.size > 0 && hashPinStatus(file, pins) === 'to-verify';
      })
      .map((c) => c.meta.file.file),
    input.hasher,
  );
  // pip's hash-checking mode: a --hash-pinned file whose source gave no hash was a candidate only
  // on condition that the bytes downloaded match a pin.
  verifyComputedHashes(
    chosen.flatMap(({ name, meta }) => {
      const digest = digests.get(meta.file.file);
      return digest === undefined
        ? []
        : [
            {
              project: name,
              file: meta.file.file,
              sha256: digest.sha256,
              ...(digest.digests !== undefined ? { digests: digest.digests } : {}),
            },
          ];
    }),
    (name) => input.hashes?.get(name),
  );
  const spelled = requirementNames(input, chosen);
  const out: ResolvedPackage[] = [];
  for (const { name, version, meta } of chosen) {
    const file = meta.file.file;
    const digest = digests.get(file);
    const sha256 = file.hashes.sha256 ?? digest?.sha256;
    if (sha256 === undefined) throw new ResolutionBuildError(`internal: ${file.filename} was not hashed`);
    const size = file.size ?? digest?.size;
    out.push({
      name,
      version: version.toString(),
      file: {
        filename: file.filename,
        url: file.url,
        redactedUrl: file.redactedUrl,
        sha256: sha256.toLowerCase(),
        ...declaredDigestsOf(file.hashes),
        ...(size !== undefined ? { size } : {}),
        kind: meta.file.kind,
      },
      requested: requested.has(name),
      ...(spelled.get(name) !== undefined ? { requirementName: spelled.get(name) } : {}),
      extras: [...(extras.get(name) ?? [])].sort(),
      requiresDist: [...meta.metadata.requiresDistText],
      ...(meta.metadata.requiresPython !== undefined ? { requiresPython: meta.metadata.requiresPython } : {}),
      metadataPath: meta.path,
      isDirect: input.directFiles?.has(name) === true,
      providesExtra: [...meta.metadata.providesExtra],
      ...(meta.file.file.yanked !== false ? { yanked: meta.file.file.yanked } : {}),
    });
  }
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

/**
 * The other digests of pip's algorithms a file's source declared, as ResolvedFile carries them
 * for the fetch step to check while streaming (review 14d F6; pip checks a link's declared hash).
 */
function declaredDigestsOf(hashes: Readonly<Record<string, string>>): {
  declaredDigests?: Record<string, string>;
} {
  const others = checkedDigests(hashes).filter(([name]) => name !== 'sha256');
  return others.length === 0 ? {} : { declaredDigests: Object.fromEntries(others) };
}

/**
 * How the requirement that brought each chosen package in spells its name, where that is not the
 * normalized name: pip 23.2 installs a package under the InstallRequirement made from the first
 * requirement naming it (resolvelib candidates.py `make_install_req_from_link(link, template)`,
 * `str(template.req)`), and its headers directory takes that name as written (req_install.py
 * `get_scheme(self.name)`, locations `headers = include/<dist_name>`; review 14a F1). A root
 * requirement's spelling first, else the first Requires-Dist naming it in the solver's order of
 * decisions (pip's first requirer; an approximation when two parents spell it differently).
 */
function requirementNames(
  input: ResolveInput,
  chosen: readonly { name: NormalizedName; meta: ChosenMetadata }[],
): Map<NormalizedName, string> {
  const names = new Map<NormalizedName, string>();
  for (const { requirement } of input.requirements)
    if (!names.has(requirement.name)) names.set(requirement.name, requirement.rawName);
  for (const { meta } of chosen)
    for (const { requirement } of meta.metadata.requiresDist)
      if (!names.has(requirement.name)) names.set(requirement.name, requirement.rawName);
  for (const [name, raw] of names) if (raw === name) names.delete(name);
  return names;
}
