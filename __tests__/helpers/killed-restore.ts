/**
 * The checks of the killed-restore tests (review 15b F7; restore-killed, restore-killed-s3,
 * actions-restore-killed): what the killed run left (expectKilledLeftovers); then the next run,
 * resolving something else (util only) into that wheelhouse and without the cache, owns what it
 * finds there — deletes what it does not need, calls nothing the user's, and leaves a complete
 * wheelhouse of util alone (expectNextRunOwnsIt).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { runFetch, type FetchResult } from '../../src/flow/fetch.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { EXPECTED_FILES, writeRequirements } from './fetch-fixture.js';
import type { FixtureRun } from './fixture-run.js';

/**
 * What a killed restore left in `wh` (`left`: the wheels it placed) is not a wheelhouse that looks
 * complete — no requirements.lock, the manifest `complete: false` — and every one of those wheels
 * is listed in that manifest: the proof that it is wheelhouse's.
 */
export async function expectKilledLeftovers(wh: string, left: readonly string[]): Promise<void> {
  expect(existsSync(join(wh, 'requirements.lock'))).toBe(false);
  const manifest = JSON.parse(await readFile(join(wh, 'wheelhouse-manifest.json'), 'utf8')) as {
    complete?: boolean;
    files: Record<string, unknown>;
  };
  expect(manifest.complete).toBe(false);
  expect(left.filter((n) => manifest.files[n] === undefined)).toEqual([]);
}

export async function expectNextRunOwnsIt(fx: FixtureRun, wh: string): Promise<FetchResult> {
  await writeRequirements(fx.work, ['util']);
  const logger = new RecordingLogger();
  const next = await runFetch(fx.options({ wheelhouse: wh, stateDir: join(fx.work, 'state3'), logger }));
  expect(next.packages.map((p) => p.filename)).toEqual(['util-2.1-py3-none-any.whl']);
  expect(logger.lines.map((l) => l.message).join('\n')).not.toContain('did not write');
  expect((await readdir(wh)).filter((n) => n.endsWith('.whl'))).toEqual(['util-2.1-py3-none-any.whl']);
  const done = JSON.parse(await readFile(join(wh, 'wheelhouse-manifest.json'), 'utf8')) as {
    complete?: boolean;
    files: Record<string, { notOwned?: true }>;
  };
  expect(done.complete).toBeUndefined();
  expect(Object.keys(done.files)).toEqual(['util-2.1-py3-none-any.whl']);
  expect(done.files['util-2.1-py3-none-any.whl']?.notOwned).toBeUndefined();
  expect(EXPECTED_FILES).toContain('util-2.1-py3-none-any.whl');
  return next;
}
