/**
 * Serves one PyPI-shaped workload (harness/pypi-shaped.ts) until interrupted, for manual runs and
 * profiles of a single client: prints the index URL and writes the requirement lines to
 * `<dir>/requirements.txt` (default bench/.cache/serve).
 *
 *   node --import ./bench/register-swc.mjs bench/pypi-serve.ts --workload pypi-prefect [--quick]
 *     [--latency-ms 25] [--bandwidth-mbps 40] [--dir DIR]
 *   node --cpu-prof <transpiled cli.js (harness/wheelhouse-build.ts)> resolve -r DIR/requirements.txt -i URL --report r.json
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { loadPypiShaped } from './harness/pypi-shaped.js';
import { fileUrlBaseFor } from './harness/workload.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const repo = resolve('.');
const w = await loadPypiShaped(arg('--workload', 'pypi-prefect'), repo, {
  quick: process.argv.includes('--quick'),
});
if ('skip' in w) {
  console.log(w.skip);
  process.exit(0);
}
const dir = resolve(arg('--dir', join(repo, 'bench', '.cache', 'serve')));
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'requirements.txt'), w.requirements.join('\n') + '\n');
await writeFile(
  join(dir, 'expected.txt'),
  [...(w.expected ?? new Map())]
    .map(([n, v]) => `${n}==${v}`)
    .sort()
    .join('\n') + '\n',
);
const server = await startIndexServer({
  projects: w.projects,
  cachePages: true,
  modes: {
    latencyMs: Number(arg('--latency-ms', '25')),
    // Per connection, as `npm run bench` serves (0: unlimited).
    bandwidthBytesPerSec: Number(arg('--bandwidth-mbps', '0')) * 1e6,
  },
});
server.setModes({ fileUrlBase: fileUrlBaseFor(w, server.port) });
console.log(`${w.name}: ${server.indexUrl} (requirements in ${dir}/requirements.txt)`);
const stop = async (): Promise<void> => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
