import * as core from '@actions/core';

/** The action's main step. Filled in by the action issue. */
export async function runMain(): Promise<void> {
  core.info('wheelhouse: main step not implemented yet');
}
