/**
 * Resolves requirement lines against one served index the way the flow does, through the real index
 * client (one index URL, no find-links, first-index strategy) and metadata fetcher, without a
 * requirements file on disk: the common step of the provider suites that resolve a small universe.
 */
import type { HttpClient } from '../../src/index/http-client.js';
import { createIndexClient } from '../../src/index/index-client.js';
import { createMetadataFetcher } from '../../src/index/metadata-fetch.js';
import { inlineRequirements } from '../../src/provider/requirement-inputs.js';
import { resolveRequirements, type ResolveOptions, type ResolveOutcome } from '../../src/provider/resolve.js';
import { targetEnvironment, type TargetOptions } from '../../src/provider/target.js';
import { silentLogger, type Logger } from '../../src/util/logger.js';

export interface ServedResolveInput {
  http: HttpClient;
  indexUrl: string;
  /** Requirement lines, one requirement each. */
  lines: string[];
  /** The file name the lines are said to come from (explanations cite it). */
  source: string;
  target: TargetOptions;
  options?: ResolveOptions;
  /** Given to the index client, the fetcher and the resolver (default silent). */
  logger?: Logger;
}

export function resolveServed(input: ServedResolveInput): Promise<ResolveOutcome> {
  const { http, logger = silentLogger } = input;
  return resolveRequirements({
    requirements: inlineRequirements(input.lines, input.source),
    options: input.options ?? {},
    target: targetEnvironment(input.target),
    index: createIndexClient({
      http,
      logger,
      indexUrls: [input.indexUrl],
      findLinks: [],
      strategy: 'first-index',
    }),
    fetcher: createMetadataFetcher({ http, logger }),
    logger,
  });
}

/** name → version of a resolved outcome; null when there is no solution. */
export function pinsOf(outcome: ResolveOutcome): Record<string, string> | null {
  if (outcome.kind !== 'resolved') return null;
  return Object.fromEntries(outcome.resolution.packages.map((p) => [p.name, p.version]));
}
