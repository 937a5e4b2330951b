/**
 * Start-up (issue 14 §2, first request ≤ 120 ms): what `resolve` and `fetch` evaluate before their
 * first request. The CLI runs from its sources in a process of its own with a preload that lists
 * every module as it is evaluated and exits at the first outgoing connect
 * (__tests__/helpers/evaluated-before-connect.mjs). The layers a command does not need before its
 * first request are loaded later (dynamic imports): the solver, the metadata fetcher and the ZIP
 * reader under it, the ranged-METADATA check, the build layer's metadata preparation, the other
 * commands, the lock writers, the error report, the install layer, S3 and the GitHub cache.
 * Each of them here was once loaded before the first request. Not a timing test: the bundle's
 * figures are in docs/benchmarks.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliFromSource } from '../helpers/cli-from-source.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PRELOAD = join(ROOT, '__tests__', 'helpers', 'evaluated-before-connect.mjs');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-startup-modules-'));
  await writeFile(join(dir, 'requirements.txt'), 'requests\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The modules `wheelhouse <args>` evaluated before its first connect: repo-relative paths. */
async function evaluatedBeforeFirstRequest(...args: string[]): Promise<{ esm: string[]; cjs: string[] }> {
  const out = join(dir, `evaluated-${args[0]}.json`);
  const [importSwc, swc, entry] = cliFromSource();
  const argv = [importSwc as string, swc as string, '--import', PRELOAD, entry as string, ...args];
  // Port 9 (discard) of the loopback: the preload ends the process before anything is sent.
  const common = ['-r', 'requirements.txt', '-i', 'http://127.0.0.1:9/simple/', '--python-version', '3.11'];
  const target = ['--platform', 'manylinux_2_17_x86_64', '--implementation', 'cp'];
  const env = { PATH: process.env.PATH ?? '', HOME: dir, PIP_CONFIG_FILE: '/dev/null', EVALUATED_OUT: out };
  await new Promise<void>((done, fail) => {
    execFile(
      process.execPath,
      [...argv, ...common, ...target],
      { env, cwd: dir, timeout: 120_000 },
      (error, _stdout, stderr) => (error === null ? done() : fail(new Error(`${error.message}\n${stderr}`))),
    );
  });
  const listed = JSON.parse(await readFile(out, 'utf8')) as { esm: string[]; cjs: string[] };
  const rel = (p: string) => relative(ROOT, p.startsWith('file:') ? fileURLToPath(p) : p);
  return { esm: listed.esm.map(rel), cjs: listed.cjs.map(rel) };
}

/** Modules no command may evaluate before its first request. */
const LATER: RegExp[] = [
  /^src\/resolver\/(?!solve-options\.ts$)/, // the solver (only its empty stats before)
  /^src\/provider\/(resolve|python-provider|solver-adapter|project-universe)\.ts$/,
  /^src\/index\/(metadata-fetch|lazy-wheel|pep658-metadata|sdist-metadata)\.ts$/,
  /^src\/build\/(prepare-metadata|build-sdists)\.ts$/,
  /^src\/flow\/(dynamic-projects|lock-texts|failure|save|install|prepared-metadata)\.ts$/,
  /^src\/cli\/(install-command|store-command)\.ts$/,
  /^src\/install\/(?!(interpreter|probe-cache)\.ts$)/, // the interpreter probe only
  /^src\/cache\/s3\//,
  /^src\/action\//,
  /node_modules\/(@actions|@azure|fflate)\//,
];
/** What only `fetch`'s later steps need: `resolve` never evaluates it before its first request. */
const LATER_FOR_RESOLVE: RegExp[] = [
  /^src\/index\/(remote-zip|zip-directory|file-range-source)\.ts$/,
  /^src\/flow\/(ranged-metadata-check|fetch)\.ts$/,
  /^src\/cli\/(fetch-command|filling)\.ts$/,
  /^src\/(download|cache)\/(?!user-cache-dir\.ts$)/,
];

const loadedAmong = (modules: string[], patterns: RegExp[]) =>
  modules.filter((m) => patterns.some((p) => p.test(m)));

describe('modules evaluated before the first request', () => {
  it('resolve: none of the later layers, but the HTTP client and the page parser', async () => {
    const { esm, cjs } = await evaluatedBeforeFirstRequest('resolve');
    // The premise: the list is real (the run got as far as its first request).
    expect(esm).toEqual(
      expect.arrayContaining(['src/cli/run.ts', 'src/index/http.ts', 'src/flow/speculation.ts']),
    );
    expect(loadedAmong([...esm, ...cjs], [...LATER, ...LATER_FOR_RESOLVE])).toEqual([]);
  }, 120_000);

  it('fetch: none of the later layers', async () => {
    const dest = join(dir, 'wheelhouse');
    const { esm, cjs } = await evaluatedBeforeFirstRequest('fetch', '--dest', dest);
    expect(esm).toEqual(
      expect.arrayContaining(['src/cli/fetch-command.ts', 'src/flow/fetch.ts', 'src/index/http.ts']),
    );
    expect(loadedAmong([...esm, ...cjs], LATER)).toEqual([]);
  }, 120_000);
});
