/**
 * A relative `-f` in a requirements file, as pip reads it (req_file.py `handle_option_line`): the
 * value joined to the requirements file's directory when something exists there, else the value as
 * written. Before, wheelhouse always read it against the working directory.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runResolve } from '../../src/flow/resolve.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-fl-relative-'));
  const links = join(work, 'reqs', 'links');
  await mkdir(links, { recursive: true });
  const demo = buildWheel({ name: 'demo', version: '1.0' });
  await writeFile(join(links, demo.filename), demo.bytes);
  await mkdir(join(work, 'wheels'));
  await writeFile(join(work, 'reqs', 'req.txt'), '-f links\n--find-links wheels\ndemo\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

it("reads a requirements file's relative -f against the file's directory when it exists there", async () => {
  const result = await runResolve({
    requirementFiles: ['reqs/req.txt'],
    finder: { noIndex: true },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: work,
    env: {},
    logger: silentLogger,
  });
  expect(result.resolution.packages.map((p) => p.file.filename)).toEqual(['demo-1.0-py3-none-any.whl']);
  // `wheels` exists only beside the working directory, not beside the file: read against that.
  expect(result.prepared.finder.findLinks).toEqual([join(work, 'reqs', 'links'), join(work, 'wheels')]);
});

it("reads a relative -f given by the caller against the run's working directory, not the process's", async () => {
  const given = join(work, 'given');
  await mkdir(join(given, 'cli-links'), { recursive: true });
  const other = buildWheel({ name: 'other', version: '2.0' });
  await writeFile(join(given, 'cli-links', other.filename), other.bytes);
  await writeFile(join(given, 'req.txt'), 'other\n');
  expect(process.cwd()).not.toBe(given);
  const result = await runResolve({
    requirementFiles: ['req.txt'],
    finder: { noIndex: true, findLinks: ['cli-links'] },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: given,
    env: {},
    logger: silentLogger,
  });
  expect(result.resolution.packages.map((p) => p.file.filename)).toEqual(['other-2.0-py3-none-any.whl']);
  expect(result.prepared.finder.findLinks).toEqual([join(given, 'cli-links')]);
});
