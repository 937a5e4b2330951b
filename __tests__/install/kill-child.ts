/**
 * Child process for faults.test.ts (run with `node --import ./bench/register-swc.mjs`): installs
 * one wheel with the native installer and, after `<placed>` files of it are in place, prints
 * `placing` and stops making progress, so the parent can kill it mid-transaction with SIGKILL.
 *
 *   kill-child.ts <python> <wheel path> <sha256> <name> <version> <placed>
 */
import { basename } from 'node:path';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const [python, wheelPath, sha256, name, version, placed] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const interpreter = await probeInterpreter(python);
const installer = await openInstaller({
  interpreter,
  logger: silentLogger,
  concurrency: 1,
  fileConcurrency: 1,
  afterPlace: async (_dist, index) => {
    if (index + 1 === Number(placed)) {
      process.stdout.write('placing\n');
      await new Promise(() => setInterval(() => {}, 1000)); // wait here until killed
    }
  },
});
void installer.add({ wheelPath, filename: basename(wheelPath), sha256, name, version, requested: true });
await installer.finish();
process.stdout.write('finished\n');
