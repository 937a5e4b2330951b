// Entry of the action's post step: only calls in.
import { runPost } from './action/post-step.js';

await runPost();
