/**
 * Child process for restore-killed-s3.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * fetches `requirements.txt` of `<work>` into `<work>/wh2` with the S3 store at `<endpoint>` (the
 * test's proxy in front of the real gateway, which holds some wheel GETs so the restore never
 * ends) until the parent kills it.
 *
 *   restore-kill-s3-child.ts <index url> <work> <endpoint> <bucket>
 */
import { join } from 'node:path';
import { runFetch } from '../../src/flow/fetch.js';
import { silentLogger } from '../../src/util/logger.js';
import { fixtureFetchOptions } from '../helpers/fetch-fixture.js';
import { testS3Store } from '../helpers/s3-gateway.js';

const [indexUrl, work, endpoint, bucket] = process.argv.slice(2) as [string, string, string, string];
const backend = testS3Store(bucket, {
  endpoint,
  prefix: 'killed',
  logger: silentLogger,
  retries: 1,
  backoffBaseMs: 10,
  // The held GETs wait for the kill: no timeout may end them first on a loaded machine.
  headersTimeoutMs: 600_000,
});
await runFetch({
  ...fixtureFetchOptions(indexUrl, work),
  wheelhouse: join(work, 'wh2'),
  stateDir: join(work, 'state2'),
  stampStore: join(work, 'stamps2'),
  cache: { backend },
});
process.stdout.write('finished\n');
