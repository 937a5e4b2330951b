#!/usr/bin/env node
// Entry of the wheelhouse CLI: only calls in. The interpreter probe starts before the rest of the
// CLI is loaded (a dynamic import), so the two overlap (cli/early-probe.ts).
import { earlyInterpreterProbe, earlyPythonProbe } from './cli/early-probe.js';

const argv = process.argv.slice(2);
const python = earlyPythonProbe(argv);
const interpreter = earlyInterpreterProbe(argv, process.env, process.cwd());
const { runCli } = await import('./cli/run.js');

process.exitCode = await runCli(argv, {
  seams: {
    ...(python !== undefined ? { findPython: () => python } : {}),
    ...(interpreter !== undefined ? { interpreter } : {}),
  },
});
