/**
 * Review 15b F9 (src/flow/fetch-restore.ts): a wheelhouse that is also a find-links location is
 * read by pip afresh every run — its PackageFinder lists every find-links directory and picks the
 * best candidate — so a wheel the user drops there must be seen: the previous resolution is not
 * reused for such a run (its fingerprint cannot cover the wheelhouse's files).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { FIXTURE_TARGET } from '../helpers/fixture-index.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-reuse-links-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

it('a newer wheel put into a wheelhouse that is also a find-links directory is resolved, as pip would', async () => {
  await mkdir(join(work, 'links'));
  const v1 = buildWheel({ name: 'mypkg', version: '1.0' });
  await writeFile(join(work, 'links', v1.filename), v1.bytes);
  await writeFile(join(work, 'requirements.txt'), 'mypkg\n');
  const run = () =>
    runCliCaptured(
      [
        'fetch',
        '-r',
        'requirements.txt',
        '--no-index',
        '--find-links',
        'links',
        '--find-links',
        'wh',
        ...FIXTURE_TARGET,
        '--dest',
        'wh',
        '--cache-dir',
        join(work, 'cache'),
      ],
      { env: { HOME: work }, cwd: work },
    );
  expect((await run()).code).toBe(0);
  expect(await readFile(join(work, 'wh', 'requirements.lock'), 'utf8')).toContain('mypkg==1.0');

  const v2 = buildWheel({ name: 'mypkg', version: '2.0' });
  await writeFile(join(work, 'wh', v2.filename), v2.bytes);
  const second = await run();
  expect(second.code).toBe(0);
  expect(second.stderr).not.toContain('the previous resolution of');
  expect(await readFile(join(work, 'wh', 'requirements.lock'), 'utf8')).toContain('mypkg==2.0');
});
