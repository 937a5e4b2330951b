/**
 * The action's post step (runs after the job's later steps, `post-if: success()`): prune the
 * wheelhouse to the resolution and save the cache entry under the resolution key unless exactly it
 * was restored or the wheelhouse no longer holds that resolution. Never fails the job: every cache
 * problem is a warning.
 */
import * as core from '@actions/core';
import { redactText, runSecrets } from '../index/redact.js';
import { saveWheelhouseAgain } from '../flow/save.js';
import { chooseBackend } from './backend-choice.js';
import { coreLogger } from './core-logger.js';
import { loadPostState } from './state.js';

export async function runPost(env: Record<string, string | undefined> = process.env): Promise<void> {
  // The s3 backend registers the AWS credentials as run secrets: masked in this step's log too.
  const unsubscribe = runSecrets.onAdd((value) => core.setSecret(value));
  try {
    const state = loadPostState();
    if (state === undefined) {
      core.info('wheelhouse: nothing to save (the cache is off, or the main step did not finish)');
      return;
    }
    const { backend } = chooseBackend(coreLogger, env, {
      name: state.backend,
      ...(state.cacheDir !== undefined ? { cacheDir: state.cacheDir } : {}),
      ...(state.s3 !== undefined ? { s3: state.s3 } : {}),
    });
    const start = performance.now();
    // Later steps of the job may have used the same wheelhouse (two wheelhouse steps share the
    // default one): save only under the run lock and only while the directory still holds exactly
    // this step's complete resolution — another step's wheels are that step's entry, never this
    // key's (review 2 of session 13: step 1's post step saved step 2's wheelhouse under key 1, an
    // immutable entry every later run then restored as an "exact hit" that lacked its wheels).
    const outcome = await saveWheelhouseAgain(state, backend, coreLogger);
    const ms = Math.round(performance.now() - start);
    if (outcome.save.saved) core.info(`wheelhouse: saved cache entry ${state.key} in ${ms} ms`);
  } catch (error) {
    core.warning(`wheelhouse post step: ${redactText((error as Error).message)}`);
  } finally {
    unsubscribe();
  }
}
