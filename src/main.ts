// Entry of the action's main step: only calls in.
import { runMain } from './action/main-step.js';
import { exitOnTerminationSignals } from './util/dir-lock.js';
import { tuneTieringForShortRun } from './util/jit-tiering.js';

// A cancelled job (SIGINT, then SIGTERM): release the run's lock files, exit 130 / 143.
exitOnTerminationSignals();

// Fewer optimizing compilations: a step is a few seconds long (util/jit-tiering.ts).
tuneTieringForShortRun();

await runMain();
