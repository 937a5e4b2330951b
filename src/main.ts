// Entry of the action's main step: only calls in.
import { runMain } from './action/main-step.js';

await runMain();
