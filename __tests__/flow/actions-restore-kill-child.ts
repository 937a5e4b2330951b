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
import { fixtureFetchOptions } from '../helpers/fetch-fixture.js';

const [indexUrl, work] = process.argv.slice(2) as [string, string];
await runFetch({
  ...fixtureFetchOptions(indexUrl, work),
  wheelhouse: join(work, 'workspace', 'wh'),
  stampStore: join(work, 'stamps'),
  cache: { backend: new ActionsCacheBackend(silentLogger) },
});
process.stdout.write('finished\n');
