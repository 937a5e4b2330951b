/**
 * The fetch flow's build phase (issue 11 §1; fetch.ts): every resolved sdist becomes a wheel built
 * by the target interpreter's pip (src/build), or the one the built-wheel store already holds for
 * its sha256, interpreter and platform; unused built wheels are pruned from the store. The result
 * is the resolution the wheelhouse holds (`withBuiltWheels`: built wheels in place of their
 * sdists), while the cache key, report.json and pylock.toml keep the sdist.
 */
import type { BuildOutcome, BuildSummary } from '../build/build-sdists.js';
import type { BuiltWheelStore, DirBuiltWheelStore } from '../build/built-wheel-store.js';
import type { DistFile } from '../index/dist-file.js';
import type { HttpClient } from '../index/http-client.js';
import type { MetadataFetcher } from '../index/metadata-fetch.js';
import { lazyMetadataFetcher } from './lazy-metadata-fetcher.js';
import { withBuiltWheels, type Resolution, type ResolvedFile } from '../provider/resolution.js';
import type { Logger } from '../util/logger.js';
import type { BuildContext } from './build-context.js';
import type { PhaseTimer } from './phase-timer.js';

export interface BuildPhaseOptions {
  resolution: Resolution;
  /** The resolver's fetcher (none for a lock file input or a reused resolution). */
  fetcher: MetadataFetcher | undefined;
  http: HttpClient;
  logger: Logger;
  downloadsDir: string;
  build: BuildContext;
  buildStore: BuiltWheelStore;
  builds: DirBuiltWheelStore;
  timer: PhaseTimer;
}

export interface BuildPhaseResult {
  builtWheels: BuildSummary | undefined;
  /** Build outcomes by the built wheel's filename. */
  builtByWheel: Map<string, BuildOutcome>;
  /** The resolution with built wheels in place of their sdists. */
  housed: Resolution;
}

export async function buildPhase(o: BuildPhaseOptions): Promise<BuildPhaseResult> {
  const { resolution, fetcher, http, logger, downloadsDir, build, buildStore, builds, timer } = o;
  const resolvedSdists = resolution.packages.filter((p) => p.file.kind === 'sdist');
  const sdistByName = new Map(resolvedSdists.map((p) => [p.file.filename, p]));
  let builtWheels: BuildSummary | undefined;
  // A lock file input has no fetcher of its own: sdists are then downloaded by a fresh one.
  const sdistSource = fetcher ?? lazyMetadataFetcher({ http, logger, downloadDir: downloadsDir });
  if (resolvedSdists.length > 0) {
    // Loaded only when there is an sdist to build (issue 14 §2 start-up).
    const { buildSdists } = await import('../build/build-sdists.js');
    builtWheels = await timer.time('build', () =>
      buildSdists(
        resolvedSdists.map((p) => ({
          project: p.name,
          version: p.version,
          filename: p.file.filename,
          sha256: p.file.sha256,
          pipOptions: build.pipOptions(p.name),
          // A lock file input holds no metadata: only the name and version are checked then.
          resolved: p.metadataPath === 'lock' ? {} : { requiresDist: p.requiresDist },
        })),
        {
          target: build.target,
          environment: build.environment,
          store: buildStore,
          interpreter: () => build.interpreter(),
          frontend: (i) => build.frontend(i),
          // The sdist, sha256-verified, reusing a download made while resolving.
          sdistPath: async (s) => {
            const pkg = sdistByName.get(s.filename)!;
            return (await sdistSource.wholeFile(asDistFile(pkg.name, pkg.file))).path;
          },
          workDir: downloadsDir,
          logger,
          concurrency: build.slots,
        },
      ),
    );
  }
  const removedBuilds = await builds.pruneUnused();
  if (removedBuilds > 0) logger.debug(`dropped ${removedBuilds} unused built wheel(s) from the cache`);
  const builtByWheel = new Map(
    [...(builtWheels?.outcomes.values() ?? [])].map((b) => [b.wheel.filename, b] as const),
  );
  // From here on the wheelhouse holds the built wheels in place of their sdists.
  const housed = withBuiltWheels(
    resolution,
    new Map([...(builtWheels?.outcomes ?? new Map())].map(([sdist, b]) => [sdist, b.wheel] as const)),
  );
  return { builtWheels, builtByWheel, housed };
}

/** The DistFile the metadata fetcher knew `file` by (it keys downloads on filename and sha256). */
export function asDistFile(project: DistFile['project'], file: ResolvedFile): DistFile {
  return {
    project,
    filename: file.filename,
    url: file.url,
    redactedUrl: file.redactedUrl,
    hashes: { sha256: file.sha256 },
    yanked: false,
    coreMetadata: false,
    source: file.redactedUrl,
  };
}
