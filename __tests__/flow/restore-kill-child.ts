/**
 * Child process for restore-killed.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * fetches `requirements.txt` of `<work>` into `<work>/wh2` with the local cache `<work>/cache`
 * and, once `<placed>` files of the entry are in the wheelhouse, prints `placing` and stops making
 * progress, so the parent can kill it mid-restore with SIGKILL.
 *
 *   restore-kill-child.ts <index url> <work> <placed>
 */
import { join } from 'node:path';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runFetch } from '../../src/flow/fetch.js';
import { silentLogger } from '../../src/util/logger.js';
import { fixtureFetchOptions } from '../helpers/fetch-fixture.js';

const [indexUrl, work, placed] = process.argv.slice(2) as [string, string, string];
let count = 0;
const backend = new LocalDirBackend({
  dir: join(work, 'cache'),
  logger: silentLogger,
  afterPlace: async () => {
    if (++count === Number(placed)) {
      process.stdout.write('placing\n');
      await new Promise(() => setInterval(() => {}, 1000)); // wait here until killed
    }
  },
});
await runFetch({
  ...fixtureFetchOptions(indexUrl, work),
  wheelhouse: join(work, 'wh2'),
  stateDir: join(work, 'state2'),
  stampStore: join(work, 'stamps'),
  cache: { backend },
});
process.stdout.write('finished\n');
