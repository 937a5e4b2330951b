#!/usr/bin/env node
// `npm run bench -- [options]`: runs the benchmark harness (bench/harness/main.ts) through the swc
// ESM loader (./register-swc.mjs), so no build step is needed. `--help` lists the options.
// `npm run bench -- whole-job [--quick | options]` runs bench/whole-job-bench.ts instead (the
// action's whole job against the setup-python way; see bench/README.md).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SUBCOMMANDS = { 'whole-job': 'whole-job-bench.ts' };
const [first, ...rest] = process.argv.slice(2);
const script = SUBCOMMANDS[first ?? ''];
const [entry, args] =
  script !== undefined
    ? [join(here, script), rest]
    : [join(here, 'harness', 'main.ts'), process.argv.slice(2)];
const child = spawn(process.execPath, ['--import', join(here, 'register-swc.mjs'), entry, ...args], {
  stdio: 'inherit',
  cwd: join(here, '..'),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
