/**
 * Equally preferred files of one version (review 16a F5): pip 23.2 and 26 sort the applicable files
 * ascending by CandidateEvaluator._sort_key (stable: page order among ties) and take them from the
 * end, so the LAST of the equal files on the page is the one pip fetches; the lock must pin that
 * file. `py2.py3-none-any` and `py3-none-any` rank alike for CPython 3.11.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import type { TargetOptions } from '../../src/provider/target.js';
import { silentLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { projectsOf } from './resolve-harness.js';
import { resolveServed } from './resolve-served.js';

let server: IndexServer;
let http: HttpClient;
beforeAll(async () => {
  server = await startIndexServer();
  http = createHttpClient({ logger: silentLogger, retries: 0, env: {} });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

const TARGET: TargetOptions = { pythonVersion: '3.11.7', os: 'linux', arch: 'x86_64', glibc: [2, 36] };

async function chosen(wheels: string[]): Promise<string | undefined> {
  server.setProjects(projectsOf([{ name: 'twotags', version: '1.0', wheels }]));
  const outcome = await resolveServed({
    http,
    indexUrl: server.indexUrl,
    lines: ['twotags'],
    source: 'req.txt',
    target: TARGET,
  });
  if (outcome.kind !== 'resolved') return undefined;
  return outcome.resolution.packages[0]?.file.filename;
}

describe('equally preferred files: the last on the page, as pip', () => {
  it.each([
    [['py2.py3-none-any', 'py3-none-any'], 'twotags-1.0-py3-none-any.whl'],
    [['py3-none-any', 'py2.py3-none-any'], 'twotags-1.0-py2.py3-none-any.whl'],
  ])('page order %j → %s', async (wheels, file) => {
    expect(await chosen(wheels)).toBe(file);
  });
});
