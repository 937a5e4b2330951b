/**
 * The cost of review 14d F9's check (src/flow/ranged-metadata-check.ts `checkPassedOverRanged`) in
 * requests and bytes, which are exact: one PyPI-shaped workload served WITHOUT PEP 658 files (every
 * METADATA read over HTTP ranges), one cold `wheelhouse resolve` in-process (fresh cache directory),
 * target the machine's python3; prints the index server's counters per request kind and the log
 * line that counts the passed-over releases (response wait 120 s: server and client share one event loop).
 *
 *   WHEELHOUSE_BENCH_LOCKS=/work/shared/corpora/locks flock -o /work/bench.lock \
 *     node --import ./bench/register-swc.mjs bench/passed-over-cost.ts [--workload pypi-prefect] [--latency-ms 0]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCliCaptured } from '../__tests__/helpers/cli-capture.js';
import { REQUEST_KINDS } from '../__tests__/helpers/index-server-counters.js';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { loadPypiShaped } from './harness/pypi-shaped.js';
import { fileUrlBaseFor } from './harness/workload.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const repo = resolve('.');
const w = await loadPypiShaped(arg('--workload', 'pypi-prefect'), repo, { quick: false });
if ('skip' in w) {
  console.log(w.skip);
  process.exit(0);
}
const server = await startIndexServer({
  projects: w.projects,
  cachePages: true,
  modes: { latencyMs: Number(arg('--latency-ms', '0')), noMetadataFiles: true },
});
server.setModes({ fileUrlBase: fileUrlBaseFor(w, server.port) });
const work = await mkdtemp(join(tmpdir(), 'wh-passed-over-'));
try {
  await writeFile(join(work, 'requirements.txt'), w.requirements.join('\n') + '\n');
  const started = process.hrtime.bigint();
  const run = await runCliCaptured(
    ['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, '--report', 'report.json', '--verbose'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: work,
        PIP_CONFIG_FILE: '/dev/null',
        WHEELHOUSE_HTTP_HEADERS_TIMEOUT: '120',
      },
      cwd: work,
    } as never,
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${w.name}: exit ${run.code} in ${(ms / 1000).toFixed(2)} s`);
  for (const line of run.stderr.split('\n'))
    if (/passed-over|resolved \d+ packages|not checked/.test(line)) console.log(`  ${line}`);
  if (run.code !== 0) console.log(run.stderr.slice(-2000));
  for (const kind of REQUEST_KINDS) {
    const c = server.counters.byKind[kind];
    if (c.requests > 0) console.log(`  ${kind}: ${c.requests} requests, ${c.bytes} bytes`);
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
