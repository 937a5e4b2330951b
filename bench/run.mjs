#!/usr/bin/env node
// `npm run bench -- [options]`: runs the benchmark harness (bench/harness/main.ts) through the swc
// ESM loader (./register-swc.mjs), so no build step is needed. `--help` lists the options.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  ['--import', join(here, 'register-swc.mjs'), join(here, 'harness', 'main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: join(here, '..') },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
