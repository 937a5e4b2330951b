/**
 * The provider's view of the index: project pages turned into ordered version candidates, and the
 * METADATA of chosen files, both fetched at most once and started as early as possible.
 *
 * Prefetching (issue 4, §2): a page is requested the moment a project is first seen
 * (`prefetchPage`); when it arrives, the METADATA of its most likely candidate is requested in the
 * background; `prefetchMetadata` lets the provider fetch older versions in batches when the solver
 * backtracks. Concurrency is bounded by the HTTP layer, not here.
 */
import type { DistFile, ProjectPage } from '../index/dist-file.js';
import type { CoreMetadata } from '../standards/metadata.js';
import type { NormalizedName } from '../standards/names.js';
import type { Version } from '../standards/version.js';
import { isDistributionProblem } from '../index/distribution-problem.js';
import type { Logger } from '../util/logger.js';
import {
  summarize,
  versionCandidates,
  versionKey,
  type CandidateFile,
  type CandidateRules,
  type VersionCandidate,
} from './candidates.js';
import { parseDistMetadata, type DistMetadata } from './dist-metadata.js';
import type { MetadataPath } from './resolution.js';

/** What the provider needs from the index client (src/index/index-client.ts). */
export interface PageSource {
  getProject(name: NormalizedName): Promise<ProjectPage | null>;
}

export type MetadataOutcome =
  | {
      kind: 'metadata';
      metadata: Uint8Array | string;
      path: MetadataPath;
      /** `metadata` already parsed by the source (the fetcher parses each file once); used as is. */
      parsed?: CoreMetadata;
    }
  | { kind: 'needs-build'; reason: string };

/** What the provider needs from the metadata fetcher (src/index/metadata-fetch.ts). */
export interface MetadataSource {
  fetchMetadata(file: DistFile): Promise<MetadataOutcome>;
}

export interface ProjectCandidates {
  name: NormalizedName;
  /** False when no index or find-links source knows the project. */
  exists: boolean;
  source?: string;
  /** In the order the solver should try them. */
  preferred: VersionCandidate[];
  /** All versions ascending. */
  ascending: Version[];
  byKey: Map<string, VersionCandidate>;
}

export type MetadataResult =
  | { kind: 'ok'; metadata: DistMetadata; file: CandidateFile; path: MetadataPath }
  | { kind: 'unavailable'; reason: string };

export interface UniverseStats {
  pages: number;
  metadata: number;
  metadataByPath: Record<string, number>;
}

export interface ProjectUniverseOptions {
  pages: PageSource;
  metadata: MetadataSource;
  rules: CandidateRules;
  logger: Logger;
  /** `--hash` pins per project (algorithm → digests). */
  hashesFor?: (name: NormalizedName) => ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** Direct URL requirements: the project's only file. */
  directFiles?: ReadonlyMap<NormalizedName, DistFile>;
  /**
   * Candidates already made of this very page with the same rules and hash pins (the speculative
   * walk's, src/flow/speculation.ts), so a page is turned into candidates once.
   */
  candidatesOf?: (page: ProjectPage) => VersionCandidate[] | undefined;
}

export class ProjectUniverse {
  private readonly pages = new Map<NormalizedName, Promise<ProjectCandidates>>();
  private readonly metadataCache = new Map<string, Promise<MetadataResult>>();
  readonly stats: UniverseStats = { pages: 0, metadata: 0, metadataByPath: {} };

  constructor(private readonly options: ProjectUniverseOptions) {}

  /** Starts fetching a page without waiting (errors surface when `project` is awaited). */
  prefetchPage(name: NormalizedName): void {
    this.project(name).catch(() => {});
  }

  project(name: NormalizedName): Promise<ProjectCandidates> {
    let p = this.pages.get(name);
    if (p === undefined) {
      p = this.loadProject(name);
      this.pages.set(name, p);
    }
    return p;
  }

  private async loadProject(name: NormalizedName): Promise<ProjectCandidates> {
    const direct = this.options.directFiles?.get(name);
    let page: ProjectPage | null;
    if (direct !== undefined) {
      page = { project: name, files: [direct], source: direct.source };
    } else {
      page = await this.options.pages.getProject(name);
      this.stats.pages++;
    }
    if (page === null) {
      return { name, exists: false, preferred: [], ascending: [], byKey: new Map() };
    }
    const hashes = this.options.hashesFor?.(name);
    const preferred =
      this.options.candidatesOf?.(page) ??
      versionCandidates(page, this.options.rules, {
        ...(hashes !== undefined ? { hashes } : {}),
        logger: this.options.logger,
      });
    const byKey = new Map(preferred.map((c) => [versionKey(c.version), c]));
    const ascending = preferred.map((c) => c.version).sort((a, b) => a.compare(b));
    const project: ProjectCandidates = {
      name,
      exists: true,
      source: page.source,
      preferred,
      ascending,
      byKey,
    };
    return project;
  }

  prefetchMetadata(name: NormalizedName, version: Version): void {
    this.metadata(name, version).catch(() => {});
  }

  /** Whether METADATA of this version was already requested. */
  hasMetadata(name: NormalizedName, version: Version): boolean {
    return this.metadataCache.has(`${name}==${versionKey(version)}`);
  }

  metadata(name: NormalizedName, version: Version): Promise<MetadataResult> {
    const key = `${name}==${versionKey(version)}`;
    let p = this.metadataCache.get(key);
    if (p === undefined) {
      p = this.loadMetadata(name, version);
      this.metadataCache.set(key, p);
    }
    return p;
  }

  private async loadMetadata(name: NormalizedName, version: Version): Promise<MetadataResult> {
    const project = await this.project(name);
    const candidate = project.byKey.get(versionKey(version));
    if (candidate === undefined)
      return { kind: 'unavailable', reason: `${name} ${version.toString()} is not on the index` };
    if (candidate.best === undefined)
      return { kind: 'unavailable', reason: candidate.unusable ?? 'no usable file' };
    const wheelReasons = candidate.usable.some((f) => f.kind === 'wheel') ? [] : candidate.wheelProblems;
    const broken: string[] = [];
    for (const file of candidate.usable) {
      let outcome: MetadataOutcome;
      try {
        outcome = await this.options.metadata.fetchMetadata(file.file);
      } catch (error) {
        if (!isDistributionProblem(error)) throw error;
        // A broken file on the index is that file's problem: skip it as pip skips a bad link.
        this.options.logger.warn(`skipping ${file.file.filename}, it is unusable: ${error.message}`);
        broken.push(`${file.file.filename} is broken`);
        continue;
      }
      if (outcome.kind === 'needs-build') {
        this.options.logger.debug(`${file.file.filename}: ${outcome.reason}`);
        continue;
      }
      this.stats.metadata++;
      this.stats.metadataByPath[outcome.path] = (this.stats.metadataByPath[outcome.path] ?? 0) + 1;
      const metadata = parseDistMetadata(
        outcome.parsed ?? outcome.metadata,
        file.file.filename,
        this.options.logger,
      );
      return { kind: 'ok', metadata, file, path: outcome.path };
    }
    const sdist = broken.length === 0 || candidate.usable.some((f) => f.kind === 'sdist');
    return {
      kind: 'unavailable',
      reason: summarize([...wheelReasons, ...broken, ...(sdist ? ['sdist needs a build'] : [])]),
    };
  }
}
