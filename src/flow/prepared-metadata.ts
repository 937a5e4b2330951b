/**
 * The resolver's metadata source with sdists that need a build (PKG-INFO before Metadata 2.2, or
 * Requires-Dist listed as Dynamic, PEP 643) answered by the target interpreter's pip as the PEP 517
 * frontend (src/build/prepare-metadata.ts) instead of being unusable. The answer is cached in the
 * metadata cache under the build key of (sdist sha256, interpreter tag, platform) — what a build
 * depends on — so a warm run neither downloads the sdist nor runs pip. Files the fetcher answers
 * (wheels, static PKG-INFO) pass through unchanged.
 */
import { buildKeyDigest } from '../build/built-wheel-store.js';
import { buildKeyOf } from '../build/build-sdists.js';
import { checkBuildInterpreter } from '../build/build-target.js';
import { prepareMetadata } from '../build/prepare-metadata.js';
import type { DistFile } from '../index/dist-file.js';
import type { MetadataCache } from '../index/metadata-cache.js';
import type { MetadataFetcher } from '../index/metadata-fetch.js';
import { checkMetadataIdentity } from '../index/metadata-identity.js';
import type { MetadataOutcome, MetadataSource } from '../provider/project-universe.js';
import { parseSdistFilename } from '../standards/filenames.js';
import { parseMetadata } from '../standards/metadata.js';
import type { Logger } from '../util/logger.js';
import type { BuildContext } from './build-context.js';

export interface PreparedMetadataOptions {
  /** The metadata source whose `needs-build` answers are prepared. */
  source: MetadataSource;
  /** Whole sdists (downloaded once, sha256-verified). */
  files: Pick<MetadataFetcher, 'wholeFile'>;
  cache?: MetadataCache;
  build: BuildContext;
  logger: Logger;
}

export function withPreparedMetadata(o: PreparedMetadataOptions): MetadataSource {
  const inFlight = new Map<string, Promise<MetadataOutcome>>();

  async function prepare(file: DistFile, reason: string): Promise<MetadataOutcome> {
    const named = parseSdistFilename(file.filename, file.project);
    const sha256 = file.hashes.sha256?.toLowerCase() ?? (await o.files.wholeFile(file)).sha256;
    const pipOptions = o.build.pipOptions(named.name);
    const key = buildKeyDigest(buildKeyOf(sha256, o.build.target, pipOptions, o.build.environment));
    const hit = await o.cache?.get(key);
    if (hit?.kind === 'metadata') {
      return {
        kind: 'metadata',
        metadata: hit.metadata,
        path: 'cache',
        parsed: parseMetadata(hit.metadata).metadata,
      };
    }
    const interpreter = checkBuildInterpreter(file.filename, await o.build.interpreter(), o.build.target);
    const whole = await o.files.wholeFile(file);
    o.logger.info(`${file.filename}: ${reason}; asking ${interpreter.command} -m pip for its metadata`);
    const prepared = await o.build.limit(() =>
      prepareMetadata(o.build.frontend(interpreter), whole.path, { label: file.filename, pipOptions }),
    );
    const parsed = parseMetadata(prepared.metadata).metadata;
    checkMetadataIdentity(parsed, named.name, named.version, file.redactedUrl);
    await o.cache?.put(key, { kind: 'metadata', metadata: prepared.metadata });
    return { kind: 'metadata', metadata: prepared.metadata, path: 'prepared', parsed };
  }

  return {
    async fetchMetadata(file) {
      const outcome = await o.source.fetchMetadata(file);
      if (outcome.kind !== 'needs-build' || file.filename.endsWith('.whl')) return outcome;
      const key = `${file.filename}\0${file.hashes.sha256 ?? file.url}`;
      let p = inFlight.get(key);
      if (p === undefined) {
        p = prepare(file, outcome.reason);
        inFlight.set(key, p);
        p.catch(() => inFlight.delete(key));
      }
      return p;
    },
  };
}
