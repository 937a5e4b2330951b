import * as core from '@actions/core';

/** The action's post step. Filled in by the action issue. */
export async function runPost(): Promise<void> {
  core.info('wheelhouse: post step not implemented yet');
}
