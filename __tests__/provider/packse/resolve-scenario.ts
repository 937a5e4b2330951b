/** Resolves one packse scenario against the test index server through the real HTTP stack. */
import type { HttpClient } from '../../../src/index/http-client.js';
import type { ResolveOutcome } from '../../../src/provider/resolve.js';
import { normalizeName } from '../../../src/standards/names.js';
import type { Logger } from '../../../src/util/logger.js';
import type { IndexServer } from '../../helpers/index-server.js';
import { resolveServed } from '../resolve-served.js';
import { scenarioProjects, scenarioTarget } from './scenario-index.js';
import type { Scenario } from './scenarios.js';

export async function resolveScenario(
  scenario: Scenario,
  server: IndexServer,
  http: HttpClient,
  logger: Logger,
): Promise<ResolveOutcome> {
  server.setProjects(scenarioProjects(scenario));
  return resolveServed({
    http,
    indexUrl: server.indexUrl,
    lines: scenario.root.requires,
    source: scenario.name,
    target: scenarioTarget(scenario),
    options: {
      pre: scenario.options.prereleases,
      noBinary: { all: false, names: new Set(scenario.options.noBinary.map(normalizeName)) },
      onlyBinary: { all: false, names: new Set(scenario.options.noBuild.map(normalizeName)) },
    },
    logger,
  });
}
