/**
 * packse conformance (issue 4, §6): every install and compile scenario, resolved against its own
 * generated index through the real HTTP client, index client and metadata fetcher. Expectations are
 * uv's; where uv's policy differs from pip's, exceptions.json gives the reason and pip's outcome,
 * which is what we assert there instead.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createHttpClient } from '../../../src/index/http.js';
import type { HttpClient } from '../../../src/index/http-client.js';
import { Version } from '../../../src/standards/version.js';
import { silentLogger } from '../../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../../helpers/index-server.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { resolveScenario } from './resolve-scenario.js';
import { loadScenarios, PACKSE_MISSING, type Scenario } from './scenarios.js';

interface Expectation {
  satisfiable: boolean;
  packages?: Record<string, string>;
}
interface ExceptionEntry {
  reason: string;
  pip: Expectation;
}

const exceptions = JSON.parse(readFileSync(new URL('./exceptions.json', import.meta.url), 'utf8')) as Record<
  string,
  ExceptionEntry
>;
let server: IndexServer;
let http: HttpClient;

describeWhenAvailable('packse install and compile scenarios', PACKSE_MISSING, () => {
  const scenarios: Scenario[] = loadScenarios().filter((s) => s.kind === 'install' || s.kind === 'compile');

  beforeAll(async () => {
    server = await startIndexServer();
    http = createHttpClient({ logger: silentLogger, retries: 0 });
  });
  afterAll(async () => {
    await http.close();
    await server.close();
  });

  it('lists only real scenarios as exceptions, each with a reason', () => {
    const names = new Set(scenarios.map((s) => s.name));
    for (const [name, entry] of Object.entries(exceptions)) {
      expect([name, names.has(name)]).toEqual([name, true]);
      expect(entry.reason.length).toBeGreaterThan(20);
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const exception = exceptions[scenario.name];
    const expected: Expectation = exception?.pip ?? scenario.expected;
    const outcome = await resolveScenario(scenario, server, http, silentLogger);
    const got =
      outcome.kind === 'resolved'
        ? Object.fromEntries(outcome.resolution.packages.map((p) => [p.name, p.version]))
        : { explanation: outcome.explanation };
    expect({ satisfiable: outcome.kind === 'resolved', got }).toMatchObject({
      satisfiable: expected.satisfiable,
    });
    if (outcome.kind === 'resolved') {
      for (const [name, version] of Object.entries(expected.packages ?? {})) {
        const actual = outcome.resolution.packages.find((p) => p.name === name)?.version;
        const same = actual !== undefined && Version.parse(actual).compare(Version.parse(version)) === 0;
        expect({ name, actual, same }).toEqual({ name, actual: same ? actual : version, same: true });
      }
    } else {
      // uv checks that none of the root requirements got installed; an explanation must exist.
      expect(outcome.explanation.length).toBeGreaterThan(0);
    }
  });
});
