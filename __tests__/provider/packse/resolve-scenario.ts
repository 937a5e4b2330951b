/** Resolves one packse scenario against the test index server through the real HTTP stack. */
import type { HttpClient } from '../../../src/index/http-client.js';
import { createIndexClient } from '../../../src/index/index-client.js';
import { createMetadataFetcher } from '../../../src/index/metadata-fetch.js';
import { inlineRequirements } from '../../../src/provider/requirement-inputs.js';
import { resolveRequirements, type ResolveOutcome } from '../../../src/provider/resolve.js';
import { targetEnvironment } from '../../../src/provider/target.js';
import { normalizeName } from '../../../src/standards/names.js';
import type { Logger } from '../../../src/util/logger.js';
import type { IndexServer } from '../../helpers/index-server.js';
import { scenarioProjects, scenarioTarget } from './scenario-index.js';
import type { Scenario } from './scenarios.js';

export async function resolveScenario(
  scenario: Scenario,
  server: IndexServer,
  http: HttpClient,
  logger: Logger,
): Promise<ResolveOutcome> {
  server.setProjects(scenarioProjects(scenario));
  const index = createIndexClient({
    http,
    logger,
    indexUrls: [server.indexUrl],
    findLinks: [],
    strategy: 'first-index',
  });
  const fetcher = createMetadataFetcher({ http, logger });
  return resolveRequirements({
    requirements: inlineRequirements(scenario.root.requires, `${scenario.name}`),
    options: {
      pre: scenario.options.prereleases,
      noBinary: { all: false, names: scenario.options.noBinary.map(normalizeName) },
      onlyBinary: { all: false, names: scenario.options.noBuild.map(normalizeName) },
    },
    target: targetEnvironment(scenarioTarget(scenario)),
    index,
    fetcher,
    logger,
  });
}
