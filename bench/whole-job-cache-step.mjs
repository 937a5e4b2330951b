#!/usr/bin/env node
// The cache half of `actions/setup-python` with `cache: pip`, for bench/whole-job-bench.ts: its main
// step restores pip's cache directory with @actions/cache under one exact key (setup-python's pip
// key has no restore prefix: `setup-python-<os>-…-python-<version>-pip-<hash of requirements>`), and
// its post step saves the directory under that key unless the restore matched it exactly.
//
//   node bench/whole-job-cache-step.mjs restore KEY DIR
//   node bench/whole-job-cache-step.mjs save KEY DIR
//
// @actions/cache reads the service's address and token from the environment (ACTIONS_* variables,
// RUNNER_TEMP, GITHUB_WORKSPACE), as in a job. The last stdout line is `whole-job-result {json}`:
// the matched key (restore) or whether the entry was saved, and the call's own milliseconds.
import { performance } from 'node:perf_hooks';
import * as cache from '@actions/cache';

const [step, key, dir] = process.argv.slice(2);
if ((step !== 'restore' && step !== 'save') || !key || !dir) {
  process.stderr.write('usage: whole-job-cache-step.mjs restore|save KEY DIR\n');
  process.exit(2);
}
const start = performance.now();
let result;
if (step === 'restore') {
  const matchedKey = await cache.restoreCache([dir], key);
  result = { matchedKey: matchedKey ?? null };
} else {
  const id = await cache.saveCache([dir], key);
  result = { saved: id !== -1 };
}
result.ms = Math.round(performance.now() - start);
process.stdout.write(`whole-job-result ${JSON.stringify(result)}\n`);
