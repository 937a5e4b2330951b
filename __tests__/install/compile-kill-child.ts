/**
 * Child process for compile.test.ts (run with `node --import ./bench/register-swc.mjs`): installs
 * one wheel with `--compile` and one compile process, so the parent can kill the process group
 * while the byte code is being written.
 *
 *   compile-kill-child.ts <python> <wheel path> <sha256>
 */
import { basename } from 'node:path';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const [python, wheelPath, sha256] = process.argv.slice(2) as [string, string, string];
const interpreter = await probeInterpreter(python);
const installer = await openInstaller({
  interpreter,
  logger: silentLogger,
  compile: true,
  compileProcesses: 1,
});
const filename = basename(wheelPath);
void installer.add({
  wheelPath,
  filename,
  sha256,
  name: filename.split('-')[0]!,
  version: '1.0',
  requested: true,
});
await installer.finish();
process.stdout.write('finished\n');
