#!/usr/bin/env node
// Entry of the wheelhouse CLI: only calls in. The interpreter probe starts before the rest of the
// CLI is loaded (a dynamic import), so the two overlap (cli/early-probe.ts).
import { earlyInterpreterProbe, earlyPythonProbe } from './cli/early-probe.js';
import { exitOnTerminationSignals } from './util/dir-lock.js';
import { stopPipsOnInterrupt } from './build/pip-processes.js';
import { parseArgs } from './cli/args.js';
import { answerWithoutRunning } from './cli/early-answer.js';
import { tuneTieringForShortRun } from './util/jit-tiering.js';
import { capYoungGeneration } from './util/young-generation.js';

// Ctrl-C / SIGTERM: end the running builds (pip's process groups: src/build/pip-processes.ts),
// release the run's lock files and exit 130 / 143 (the wheelhouse never looks complete mid-run:
// src/flow/wheelhouse-session.ts).
exitOnTerminationSignals(stopPipsOnInterrupt);

const argv = process.argv.slice(2);
// --version, --help and the usage note are answered before the rest of the CLI is loaded.
const early = earlyAnswer(argv);
if (early !== undefined) {
  process.exitCode = early;
} else {
  await run();
}

function earlyAnswer(args: string[]): number | undefined {
  if (args[0] === 'store') return undefined;
  try {
    return answerWithoutRunning(parseArgs(args), process);
  } catch {
    return undefined; // a usage error: the CLI reports it
  }
}

async function run(): Promise<void> {
  const python = earlyPythonProbe(argv);
  const interpreter = earlyInterpreterProbe(argv, process.env, process.cwd());
  const { runCli } = await import('./cli/run.js');
  // Fewer optimizing compilations: a run is a few seconds long (util/jit-tiering.ts). Set once the
  // CLI is loaded: the module loader's own hot functions tier up as usual.
  tuneTieringForShortRun();
  // A young generation of at most 4 MB per semi-space: ~30 MB less resident (util/young-generation.ts).
  capYoungGeneration();

  process.exitCode = await runCli(argv, {
    seams: {
      ...(python !== undefined ? { findPython: () => python } : {}),
      ...(interpreter !== undefined ? { interpreter } : {}),
    },
  });
}
