/**
 * Child process for actions-restore-killed.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * fetches `requirements.txt` of `<work>` into `<work>/workspace/wh` with the Actions cache (the
 * environment, the cache service's included, comes from the parent), state in `<work>/state`.
 * The parent kills it, with its tar, during the restore.
 *
 *   actions-restore-kill-child.ts <index url> <work>
 */
import { join } from 'node:path';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { silentLogger } from '../../src/util/logger.js';

const [indexUrl, work] = process.argv.slice(2) as [string, string];
await runFetch({
  requirementFiles: ['requirements.txt'],
  finder: { indexUrl },
  target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
  cwd: work,
  env: {},
  logger: silentLogger,
  wheelhouse: join(work, 'workspace', 'wh'),
  stateDir: join(work, 'state'),
  stampStore: join(work, 'stamps'),
  cache: { backend: new ActionsCacheBackend(silentLogger) },
});
process.stdout.write('finished\n');
