#!/usr/bin/env node
// Entry of the wheelhouse CLI: only calls in. The interpreter probe starts before the rest of the
// CLI is loaded (a dynamic import), so the two overlap (cli/early-probe.ts).
import { earlyInterpreterProbe, earlyPythonProbe } from './cli/early-probe.js';
import { exitOnTerminationSignals } from './util/dir-lock.js';

// Ctrl-C / SIGTERM: release the run's lock files and exit 130 / 143 (the wheelhouse never looks
// complete mid-run: src/flow/wheelhouse-session.ts).
exitOnTerminationSignals();

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
