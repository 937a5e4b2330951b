/**
 * Review 15e F8: `fetch`/`install --pylock FILE` (and `--pylock -`) write the pylock made for where
 * it goes — a local project's `directory.path` is relative to the lock file's own directory (PEP
 * 751; review 15c F6) — not a copy of the wheelhouse's pylock.toml, whose `..` would name the
 * project's parent from the working directory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { writeRequestedCopies } from '../../src/cli/requested-outputs.js';
import type { ParsedArgs } from '../../src/cli/args.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import type { FetchResult } from '../../src/flow/fetch.js';
import { lockTexts } from '../../src/flow/lock-texts.js';
import type { Prepared } from '../../src/flow/prepare.js';
import { parse as parseToml } from 'smol-toml';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'wh-pylock-copy-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

it('`fetch -e . --dest wh --pylock pylock.toml` points the copy at the project', async () => {
  const wheelhouse = join(cwd, 'wh');
  const prepared = {
    describe: 'test',
    target: { markers: {}, environmentMarker: "sys_platform == 'linux'", requiresPython: '>=3.11' },
    inputs: { localProjects: [{ name: 'app', path: '.', editable: true, extras: [], origin: 'cli' }] },
  } as unknown as Prepared;
  // What fetch-outputs.ts makes (the wheelhouse's pylock.toml text) and keeps in FetchResult.texts.
  const texts = lockTexts({ packages: [] }, prepared, { cwd, directory: wheelhouse });
  const written: string[] = [];
  const io = {
    cwd,
    env: {},
    stdout: { write: (s: string) => written.push(s) },
    stderr: { write: () => true },
  } as unknown as CliIo;
  const args = { pylock: 'pylock.toml' } as unknown as ParsedArgs;
  await writeRequestedCopies(args, { texts } as unknown as FetchResult, io);
  const file = join(cwd, 'pylock.toml');
  const doc = parseToml(await readFile(file, 'utf8')) as { packages: { directory: { path: string } }[] };
  const path = doc.packages[0]!.directory.path;
  expect(resolve(dirname(file), path)).toBe(cwd);
  // The wheelhouse's own text still says where the project is from the wheelhouse.
  expect(texts.pylock).toContain('path = ".."');
  // On standard output: relative to the working directory.
  await writeRequestedCopies(
    { pylock: '-' } as unknown as ParsedArgs,
    { texts } as unknown as FetchResult,
    io,
  );
  expect(written.join('')).not.toContain('path = ".."');
  expect(written.join('')).toContain('path = "."');
});
