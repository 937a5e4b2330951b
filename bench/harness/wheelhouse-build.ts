/**
 * How the benchmark runs wheelhouse as a child process, in order of preference:
 * 1. `dist/cli/index.js` (the ncc bundle users run), when it answers `resolve --help`;
 * 2. the sources transpiled once by @swc/core to plain ESM in a directory under the OS temp dir
 *    (the same tree, `.ts` → `.js`, with a `type: module` package.json and a node_modules link back
 *    to the repository; rebuilt when a source is newer), so no loader runs per process. It is kept
 *    out of the repository so that `eslint .` does not lint generated JavaScript;
 * 3. the sources through the swc loader (bench/register-swc.mjs), transpiling in every run.
 * `--wheelhouse dist|js|loader` forces one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import swc from '@swc/core';

export type WheelhouseMode = 'dist' | 'js' | 'loader';

export interface WheelhouseCommand {
  mode: WheelhouseMode;
  /** argv before the wheelhouse arguments (node flags and the entry file). */
  prefix: string[];
}

async function listTs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listTs(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Transpiles src/ into `<tmp>/wheelhouse-bench-js-<repo hash>/src/` when a source is newer than the stamp. */
async function transpileSources(repo: string): Promise<string> {
  const outRoot = join(
    tmpdir(),
    `wheelhouse-bench-js-${createHash('sha256').update(repo).digest('hex').slice(0, 12)}`,
  );
  const stamp = join(outRoot, '.stamp');
  const sources = await listTs(join(repo, 'src'));
  const stampTime = existsSync(stamp) ? (await stat(stamp)).mtimeMs : 0;
  let newest = 0;
  for (const s of sources) newest = Math.max(newest, (await stat(s)).mtimeMs);
  const entry = join(outRoot, 'src', 'cli.js');
  if (stampTime > newest && existsSync(entry)) return entry;
  await rm(outRoot, { recursive: true, force: true });
  await mkdir(outRoot, { recursive: true });
  await writeFile(join(outRoot, 'package.json'), '{ "type": "module" }\n');
  await symlink(join(repo, 'node_modules'), join(outRoot, 'node_modules'), 'dir');
  for (const s of sources) {
    const out = join(outRoot, relative(repo, s)).replace(/\.ts$/, '.js');
    const code = await swc.transform(await readFile(s, 'utf8'), {
      filename: s,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, code.code);
  }
  await writeFile(stamp, new Date().toISOString());
  return entry;
}

function answersResolveHelp(prefix: string[], cwd: string): boolean {
  const r = spawnSync(process.execPath, [...prefix, 'resolve', '--help'], {
    cwd,
    encoding: 'utf8',
    timeout: 30000,
  });
  return r.status === 0 && /wheelhouse resolve/.test(r.stdout ?? '');
}

export async function wheelhouseCommand(repo: string, forced?: WheelhouseMode): Promise<WheelhouseCommand> {
  const dist = join(repo, 'dist', 'cli', 'index.js');
  if ((forced === undefined || forced === 'dist') && existsSync(dist) && answersResolveHelp([dist], repo)) {
    return { mode: 'dist', prefix: [dist] };
  }
  if (forced === 'dist') throw new Error(`${dist} is missing or does not implement 'resolve' (stale dist?)`);
  if (forced === undefined || forced === 'js') {
    const entry = await transpileSources(repo);
    if (answersResolveHelp([entry], repo)) return { mode: 'js', prefix: [entry] };
    if (forced === 'js') throw new Error(`the transpiled CLI at ${entry} does not answer 'resolve --help'`);
  }
  const loader = [`--import=${join(repo, 'bench', 'register-swc.mjs')}`, join(repo, 'src', 'cli.ts')];
  if (!answersResolveHelp(loader, repo))
    throw new Error('wheelhouse (src/cli.ts) does not answer resolve --help');
  return { mode: 'loader', prefix: loader };
}
