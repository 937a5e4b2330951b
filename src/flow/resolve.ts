/**
 * Resolution for both commands: the prepared inputs (prepare.ts) through the index client and
 * metadata fetcher into a Resolution (its texts: lock-texts.ts, loaded later). `runResolve` is the
 * whole of `wheelhouse resolve`; fetch.ts uses `resolvePrepared` (and lock-texts.ts) with its caches.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { createHttpClient } from '../index/http.js';
import type { HttpClient } from '../index/http-client.js';
import { createIndexClient } from '../index/index-client.js';
import type { MetadataCache } from '../index/metadata-cache.js';
import type { MetadataFetcher, MetadataParser } from '../index/metadata-fetch.js';
import type { PageCache } from '../index/page-cache.js';
import type { CandidateRules } from '../provider/candidates.js';
import type { Resolution } from '../provider/resolution.js';
import { emptySolverStats } from '../resolver/solve-options.js';
import { checkRequireHashesInputs, checkRequireHashesResolution } from '../provider/require-hashes.js';
import type { ResolveStats } from '../provider/resolve.js';
import { mayUseSdist, mayUseWheel } from '../standards/requirements-file-binary.js';
import type { FileDigester } from '../util/file-sha256.js';
import type { Logger } from '../util/logger.js';
import { UnsatisfiableError } from './flow-errors.js';
import { writeOutputFile } from './output-files.js';
import { prepare, type Prepared, type PrepareOptions } from './prepare.js';
import { createBuildContext, type BuildContext } from './build-context.js';
import { FlowInputError } from './flow-errors.js';
import { lazyMetadataFetcher } from './lazy-metadata-fetcher.js';
import type { RangedRead } from './ranged-metadata-check.js';
import { createSpeculation } from './speculation.js';

export interface ResolvePreparedOptions {
  prepared: Prepared;
  http: HttpClient;
  logger: Logger;
  pageCache?: PageCache;
  metadataCache?: MetadataCache;
  /** Where wheels downloaded whole for their METADATA go (default a temporary directory). */
  downloadDir?: string;
  /** For tests: how the fetcher parses metadata files (each file is parsed once, by the fetcher). */
  metadataParser?: MetadataParser;
  /**
   * Sdists whose PKG-INFO cannot stand in for a build get their metadata from the target
   * interpreter's pip (prepared-metadata.ts); without it they stay unusable ("needs a build").
   */
  build?: BuildContext;
  /**
   * How the sha256 of a local file (a find-links directory's, a cached metadata's local copy) is
   * found; the fetch flow passes its verified-file stamps (src/cache/file-stamps.ts).
   */
  digest?: FileDigester;
  /** For `WHEELHOUSE_PASSED_OVER_CHECK_BYTES` (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface Resolved {
  resolution: Resolution;
  stats: ResolveStats;
  /** Undefined for a lock file input (nothing was fetched to resolve). */
  fetcher?: MetadataFetcher;
}

/** The stats of a run that resolved nothing (a lock-file input, a reused resolution): no page, no metadata, no solver. */
export function lockedStats(packages: number): ResolveStats {
  // solve-options.ts holds only types and this default: importing it does not load the solver.
  const solver: ResolveStats['solver'] = emptySolverStats();
  return {
    solver,
    pages: 0,
    metadata: 0,
    metadataByPath: {},
    packages,
    policyRounds: 0,
  };
}

/** pip's file choice for the target and the finder's binary rules (as the provider builds them). */
function candidateRules(prepared: Prepared): CandidateRules {
  const { finder, target } = prepared;
  return {
    tagPriority: target.tagPriority,
    pythonVersion: target.pythonVersion,
    tagSummary: target.summary,
    mayUseWheel: (name) => mayUseWheel(finder, name),
    mayUseSdist: (name) => mayUseSdist(finder, name),
    preferBinary: finder.preferBinary,
  };
}

/** Resolves; throws UnsatisfiableError (with the explanation) when no solution exists. */
export async function resolvePrepared(o: ResolvePreparedOptions): Promise<Resolved> {
  const { prepared, http, logger } = o;
  if (prepared.locked !== undefined) {
    const { resolution } = prepared.locked;
    return { resolution, stats: lockedStats(resolution.packages.length) };
  }
  const { finder, inputs, target } = prepared;
  // Its code is loaded below, while the first pages are on their way (lazy-metadata-fetcher.ts).
  const fetcher = lazyMetadataFetcher({
    http,
    logger,
    ...(o.metadataCache ? { cache: o.metadataCache } : {}),
    ...(o.downloadDir !== undefined ? { downloadDir: o.downloadDir } : {}),
    ...(o.metadataParser !== undefined ? { parser: o.metadataParser } : {}),
    ...(o.digest !== undefined ? { digest: o.digest } : {}),
  });
  const index = createIndexClient({
    http,
    logger,
    indexUrls: finder.indexUrls,
    findLinks: finder.findLinks,
    strategy: finder.strategy,
    ...(o.pageCache ? { pageCache: o.pageCache } : {}),
    // Each page is requested once by the speculative walk or the resolution and handed on once
    // (speculation.ts): nothing asks again, so pages are freed once read (RSS at PyPI scale).
    keepPages: false,
    ...(o.digest !== undefined ? { digest: o.digest } : {}),
  });
  const speculation = createSpeculation({
    pages: index,
    metadata: fetcher,
    rules: candidateRules(prepared),
    markers: target.markers,
    pre: finder.pre,
    requirements: inputs.requirements,
    constraints: inputs.constraints,
    hashesFor: (name) => inputs.hashes.get(name),
    directNames: new Set(inputs.directFiles.keys()),
    logger,
  });
  if (prepared.requireHashes)
    checkRequireHashesInputs(inputs, target.markers, prepared.requireHashesImpliedBy);
  logger.info(`resolving for ${prepared.describe}`);
  speculation.start();
  // The solver, the provider, the metadata fetcher (and, when sdists may be built, the build path)
  // are loaded while the first pages are on their way (issue 14 §2 start-up: their compile and
  // evaluation no longer come before the first request).
  const [{ resolveRequirements }, preparedMetadata] = await Promise.all([
    import('../provider/resolve.js'),
    o.build === undefined ? undefined : import('./prepared-metadata.js'),
    fetcher.load(),
  ]);
  // So is the ranged-METADATA check (with the ZIP reader under it), used once a resolution exists;
  // imported after the others (jest's ESM loader fails concurrent imports of shared built-ins).
  const { checkPassedOverRanged, PASSED_OVER_BUDGET_BYTES, recordRanged } =
    await import('./ranged-metadata-check.js');
  // The releases the resolver read over ranges: those it passed over are checked below (14d F9).
  const rangedReads: RangedRead[] = [];
  const resolverMetadata = recordRanged(speculation.metadata, rangedReads);
  const outcome = await resolveRequirements({
    requirements: inputs.requirements,
    constraints: inputs.constraints,
    hashes: inputs.hashes,
    directFiles: inputs.directFiles,
    options: {
      pre: finder.pre,
      onlyBinary: finder.onlyBinary,
      noBinary: finder.noBinary,
      preferBinary: finder.preferBinary,
      noDeps: prepared.noDeps,
    },
    target,
    index: speculation.pages,
    candidatesOf: (page) => speculation.candidatesOf(page),
    // Sdists that need a build are prepared only when the resolver itself asks for them (never by
    // the speculative walk, which just sees "needs a build" and stops there).
    fetcher:
      o.build === undefined
        ? resolverMetadata
        : preparedMetadata!.withPreparedMetadata({
            source: resolverMetadata,
            files: fetcher,
            ...(o.metadataCache ? { cache: o.metadataCache } : {}),
            build: o.build,
            logger,
          }),
    // Chosen files without a sha256 from their source are downloaded whole once, to hash them;
    // the download step reuses them (fetcher.downloadedPath).
    hasher: fetcher,
    logger,
  });
  if (outcome.kind === 'unsatisfiable') {
    // An index that never had a single project page is most likely the wrong URL (no `/simple/`).
    const empty = index.indexesWithoutProjects?.() ?? [];
    const hints = empty.map(
      (url) =>
        `hint: ${url} answered "not found" for every project: check that it is the index's simple API URL (usually ending in /simple/)`,
    );
    throw new UnsatisfiableError([outcome.explanation, ...hints].join('\n'));
  }
  const { resolution, stats } = outcome;
  if (prepared.requireHashes)
    checkRequireHashesResolution(inputs, resolution, prepared.requireHashesImpliedBy);
  const passedOver = await checkPassedOverRanged(
    rangedReads,
    resolution.packages,
    (file) => fetcher.wholeFile(file),
    (sha256) => o.metadataCache?.forget?.(sha256),
    passedOverBudget(o.env ?? process.env, PASSED_OVER_BUDGET_BYTES),
  );
  if (passedOver.checked > 0)
    logger.debug(
      `checked the ranged METADATA of ${passedOver.checked} passed-over release(s) against the whole file (${passedOver.bytes} bytes; ${passedOver.older} of them older than the chosen release)`,
    );
  if (passedOver.overBudget.length > 0) {
    const shown = passedOver.overBudget.slice(0, 5).map((f) => f.filename);
    logger.warn(
      `${passedOver.overBudget.length} passed-over release(s) whose METADATA came over HTTP range requests not checked against the whole file: the ${passedOver.bytes}-byte budget (${PASSED_OVER_ENV}) is spent (${shown.join(', ')}${passedOver.overBudget.length > shown.length ? ', …' : ''}); the resolution trusts what the ranges said of them — an index with PEP 658 .metadata files needs no such check`,
    );
  }
  const byPath = Object.entries(stats.metadataByPath)
    .filter(([, n]) => n > 0)
    .map(([path, n]) => `${path} ${n}`);
  logger.info(
    `resolved ${resolution.packages.length} packages (${stats.pages} pages; metadata: ${byPath.length === 0 ? 'none' : byPath.join(', ')}; ${stats.solver.decisions} decisions, ${stats.solver.conflicts} conflicts)`,
  );
  return { resolution, stats, fetcher };
}

/** The variable that sets the passed-over check's byte budget (ranged-metadata-check.ts). */
const PASSED_OVER_ENV = 'WHEELHOUSE_PASSED_OVER_CHECK_BYTES';

/** The passed-over check's budget: `WHEELHOUSE_PASSED_OVER_CHECK_BYTES` (a whole number of bytes) or the default. */
function passedOverBudget(env: Record<string, string | undefined>, fallback: number): number {
  const text = env[PASSED_OVER_ENV]?.trim();
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text))
    throw new FlowInputError(`${PASSED_OVER_ENV}=${JSON.stringify(text)}: expected a whole number of bytes`);
  return Number(text);
}

/**
 * Default parallel requests per host of `wheelhouse resolve`: pages and METADATA files are small,
 * so a resolution is bound by round trips, and the speculative walk (speculation.ts) has up to a
 * level of the dependency graph in flight at once. Measured on real-ds (139 projects, 25 ms per
 * response): 16 → 1.10 s, 32 → 0.92 s, 64 → 0.87 s. `fetch` keeps its own default, which also bounds
 * parallel wheel downloads.
 */
export const RESOLVE_CONCURRENCY = 64;

export interface RunResolveOptions
  extends
    PrepareOptions,
    Pick<ResolvePreparedOptions, 'pageCache' | 'metadataCache' | 'downloadDir' | 'metadataParser'> {
  lock?: string;
  report?: string;
  pylock?: string;
  concurrency?: number;
  /** For tests: an HTTP client to use (not closed here). */
  http?: HttpClient;
}

export interface RunResolveResult extends Resolved {
  prepared: Prepared;
}

/** `wheelhouse resolve`: prepare, resolve, write the files asked for (relative to cwd). */
export async function runResolve(o: RunResolveOptions): Promise<RunResolveResult> {
  const prepared = await prepare(o);
  const http =
    o.http ??
    createHttpClient({
      logger: o.logger,
      maxConnectionsPerHost: o.concurrency ?? RESOLVE_CONCURRENCY,
      ...(o.env !== undefined ? { env: o.env } : {}),
      namedIndexes: prepared.finder.namedIndexes,
      ...(prepared.configuredHosts !== undefined ? { configuredHosts: prepared.configuredHosts } : {}),
      ...prepared.http,
    });
  // Whole files (hosts without ranges, files hashed for the lock) are only needed while resolving.
  let ownDownloadDir: string | undefined;
  const cwd = o.cwd ?? process.cwd();
  try {
    if (o.downloadDir === undefined) ownDownloadDir = await mkdtemp(join(tmpdir(), 'wheelhouse-dl-'));
    const resolved = await resolvePrepared({
      prepared,
      http,
      logger: o.logger,
      ...(o.pageCache !== undefined ? { pageCache: o.pageCache } : {}),
      // A warm metadata cache makes the resolution send no metadata request at all.
      ...(o.metadataCache !== undefined ? { metadataCache: o.metadataCache } : {}),
      downloadDir: o.downloadDir ?? (ownDownloadDir as string),
      ...(o.metadataParser !== undefined ? { metadataParser: o.metadataParser } : {}),
      ...(o.env !== undefined ? { env: o.env } : {}),
      build: createBuildContext({
        prepared,
        env: o.env ?? process.env,
        cwd,
        ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
      }),
    });
    for (const kind of ['lock', 'report', 'pylock'] as const) {
      const path = o[kind];
      if (path !== undefined)
        await writeOutputFile(
          { option: `--${kind}`, path: resolvePath(cwd, path) },
          (await import('./lock-texts.js')).lockText(kind, resolved.resolution, prepared, {
            cwd,
            directory: dirname(resolvePath(cwd, path)),
          }),
        );
    }
    return { ...resolved, prepared };
  } finally {
    if (o.http === undefined) await http.close();
    if (ownDownloadDir !== undefined)
      await rm(ownDownloadDir, { recursive: true, force: true }).catch(() => {});
  }
}
