/**
 * Start-up (issue 14, §2 "Start-up"): time from spawning `node <bundle> resolve …` to the first
 * request reaching the index, against a local server that answers 404 to everything (the run then
 * ends "not found"; only the first request's arrival is timed). Also times `node <bundle> --version`
 * to exit, the bundle's bare load, and `node -e 0` (Node's own start, the floor). Uses the bundle given (default dist/cli/index.js as committed:
 * build your own with `npm run package` to measure the current sources).
 *
 *   node --import ./bench/register-swc.mjs bench/startup-bench.ts [--bundle dist/cli/index.js] [--reps 10]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
};
const bundle = resolve(opt('--bundle', 'dist/cli/index.js'));
const reps = Number(opt('--reps', '10'));
/** Extra arguments for the resolve run (e.g. `--extra '--implementation cp'`: no interpreter probe). */
const extra = opt('--extra', '')
  .split(' ')
  .filter((a) => a !== '');

let firstRequest: ((t: number) => void) | undefined;
const server = createServer((req, res) => {
  firstRequest?.(performance.now());
  firstRequest = undefined;
  res.writeHead(404, { 'content-length': '10' }).end('not found\n');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const work = await mkdtemp(join(tmpdir(), 'wh-startup-'));
await writeFile(join(work, 'requirements.txt'), 'requests\n');
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: work,
  PIP_CONFIG_FILE: '/dev/null',
};

function runOnce(
  args: string[],
  waitFirstRequest: boolean,
  script: string[] = [bundle],
): Promise<{ first?: number; exit: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    let first: number | undefined;
    if (waitFirstRequest) firstRequest = (t) => (first = t - t0);
    const child = spawn(process.execPath, [...script, ...args], { cwd: work, env, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', () => done({ ...(first !== undefined ? { first } : {}), exit: performance.now() - t0 }));
  });
}

const resolveArgs = [
  'resolve',
  '-r',
  'requirements.txt',
  '-i',
  `http://127.0.0.1:${port}/simple/`,
  '--python-version',
  '3.11',
  '--platform',
  'manylinux_2_17_x86_64',
  ...extra,
];
const firsts: number[] = [];
const versions: number[] = [];
const bare: number[] = [];
await runOnce(['--version'], false); // warm the file cache
for (let i = 0; i < reps; i++) {
  bare.push((await runOnce([], false, ['-e', '0'])).exit);
  versions.push((await runOnce(['--version'], false)).exit);
  const r = await runOnce(resolveArgs, true);
  if (r.first !== undefined) firsts.push(r.first);
}
server.close();
await rm(work, { recursive: true, force: true });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`${bundle} on node ${process.version}, ${reps} alternating runs`);
console.log(
  `bare \`node -e 0\` to exit: median ${med(bare).toFixed(0)} ms, min ${Math.min(...bare).toFixed(0)} ms; ` +
    `--version to exit: median ${med(versions).toFixed(0)} ms, min ${Math.min(...versions).toFixed(0)} ms; ` +
    `resolve, spawn to first request: median ${med(firsts).toFixed(0)} ms, min ${Math.min(...firsts).toFixed(0)} ms ` +
    `(${firsts.length}/${reps} runs reached the index)`,
);
