// Entry of the action's main step: only calls in.
import { runMain } from './action/main-step.js';
import { stopPipsOnInterrupt } from './build/pip-processes.js';
import { exitOnTerminationSignals } from './util/dir-lock.js';
import { tuneTieringForShortRun } from './util/jit-tiering.js';
import { capYoungGeneration } from './util/young-generation.js';

// A cancelled job (SIGINT, then SIGTERM): end the running builds (src/build/pip-processes.ts),
// release the run's lock files, exit 130 / 143.
exitOnTerminationSignals(stopPipsOnInterrupt);

// Fewer optimizing compilations: a step is a few seconds long (util/jit-tiering.ts).
tuneTieringForShortRun();
// A young generation of at most 4 MB per semi-space: ~30 MB less resident (util/young-generation.ts).
capYoungGeneration();

await runMain();
