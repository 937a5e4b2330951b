// Entry of the action's main step: only calls in.
import { runMain } from './action/main-step.js';
import { stopPipsOnInterrupt } from './build/pip-processes.js';
import { exitOnTerminationSignals } from './util/dir-lock.js';
import { tuneTieringForShortRun } from './util/jit-tiering.js';

// A cancelled job (SIGINT, then SIGTERM): end the running builds (src/build/pip-processes.ts),
// release the run's lock files, exit 130 / 143.
exitOnTerminationSignals(stopPipsOnInterrupt);

// Fewer optimizing compilations: a step is a few seconds long (util/jit-tiering.ts).
tuneTieringForShortRun();

await runMain();
