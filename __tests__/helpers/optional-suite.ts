/**
 * Suites that need data outside the repository (../shared beside the clone, which only CI has) or an
 * external service. On a developer machine without it they are skipped with one message saying what is
 * missing and how to get it; with CI=true (set by .ci/run) a missing input is a failing test instead,
 * so a CI run can never pass by silently skipping a required suite.
 */
import { describe, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `../shared` next to this repository's root (CI's corpora and tools). */
export const SHARED_DIR = resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));

/** `SHARED_DIR/...parts` when it exists, otherwise undefined. */
export function sharedPath(...parts: string[]): string | undefined {
  const path = join(SHARED_DIR, ...parts);
  return existsSync(path) ? path : undefined;
}

/** For `describeWhenAvailable`: undefined when `SHARED_DIR/...parts` exists, else what is missing. */
export function sharedMissing(...parts: string[]): string | undefined {
  if (sharedPath(...parts) !== undefined) return undefined;
  return (
    `${join(SHARED_DIR, ...parts)} is missing (the CI-only ../shared directory beside the repository; ` +
    `place a copy of it at ${SHARED_DIR} to run this suite)`
  );
}

/**
 * `describe(name, fn)` when `missing` is undefined. Otherwise, outside CI, a skipped suite and one
 * console message; with CI=true, a failing test named "<name>: required in CI but <missing>".
 * `fn` is not called when something is missing, so it may read the optional input at collection time.
 */
export function describeWhenAvailable(name: string, missing: string | undefined, fn: () => void): void {
  if (missing === undefined) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`${name}: required in CI but ${missing}`, () => {
        throw new Error(`suite "${name}" is required in CI but ${missing}`);
      });
    });
    return;
  }
  process.stderr.write(`skipping suite "${name}": ${missing}\n`);
  describe.skip(name, () => {
    it(`needs ${missing}`, () => undefined);
  });
}
