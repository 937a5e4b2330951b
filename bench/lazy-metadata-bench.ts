/**
 * Lazy-metadata benchmark (issue 3, "done when"): 100 real wheels behind the test index server with
 * 25 ms injected latency per response, no PEP 658 files, sizes known (PEP 691). The metadata of all
 * 100 is fetched concurrently with the real HttpClient (default 16 requests per host) and the wall
 * time is compared with 100 sequential round trips (100 × 25 ms = 2.5 s).
 *
 *   node --import ./bench/register-swc.mjs bench/lazy-metadata-bench.ts [--wheels N] [--latency MS] [--runs N]
 *
 * A third of the wheels carry a 300 KB shared library before the dist-info (METADATA in the 64 KiB
 * tail: 1 request), a third put it after the dist-info as auditwheel/delocate do (2 requests), the
 * rest are small (1 request). A PEP 658 run and a warm-cache run are reported as well.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../src/index/http.js';
import { DiskMetadataCache } from '../src/index/metadata-cache.js';
import { createMetadataFetcher } from '../src/index/metadata-fetch.js';
import { silentLogger } from '../src/util/logger.js';
import { buildWheel } from '../__tests__/helpers/dists.js';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { distFileFor, servedProjects, type Served } from '../__tests__/helpers/metadata-fixtures.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

const count = arg('wheels', 100);
const latencyMs = arg('latency', 25);
const runs = arg('runs', 3);

const items: Served[] = [];
for (let i = 0; i < count; i++) {
  const kind = i % 3;
  const name = `bench-pkg-${i}`;
  const dist = buildWheel({
    name,
    version: '1.0',
    requiresDist: [`bench-pkg-${(i + 1) % count}`],
    files: kind === 0 ? [] : [{ path: `bench_pkg_${i}.libs/lib.so`, size: 300_000 }],
    distInfoNotAtEnd: kind === 2,
  });
  items.push({ project: name, dist, pep658: true });
}

const server = await startIndexServer({ projects: servedProjects(items), modes: { latencyMs } });

async function run(label: string, options: { pep658: boolean; cacheDir?: string }) {
  const http = createHttpClient({ logger: silentLogger, env: {} });
  const downloadDir = await mkdtemp(join(tmpdir(), 'wh-bench-'));
  const fetcher = createMetadataFetcher({
    http,
    logger: silentLogger,
    downloadDir,
    ...(options.cacheDir !== undefined ? { cache: new DiskMetadataCache(options.cacheDir) } : {}),
  });
  server.reset();
  const files = items.map((item) => {
    const f = distFileFor(server, item);
    return options.pep658 ? f : { ...f, coreMetadata: false as const };
  });
  const start = performance.now();
  const results = await Promise.all(files.map((f) => fetcher.fetchMetadata(f)));
  const wallMs = performance.now() - start;
  await http.close();
  await rm(downloadDir, { recursive: true, force: true });
  const paths: Record<string, number> = {};
  for (const r of results) paths[r.path] = (paths[r.path] ?? 0) + 1;
  const sequentialMs = count * latencyMs;
  console.log(
    JSON.stringify({
      run: label,
      wheels: count,
      latencyMs,
      wallMs: Math.round(wallMs),
      sequentialRoundTripsMs: sequentialMs,
      roundTripsOfWall: Number((wallMs / latencyMs).toFixed(1)),
      serverRequests: server.counters.requests,
      serverBytes: server.counters.bytes,
      peakInFlight: server.counters.peakInFlight,
      paths,
    }),
  );
}

const cacheDir = await mkdtemp(join(tmpdir(), 'wh-bench-cache-'));
for (let r = 0; r < runs; r++) await run(`lazy-wheel #${r + 1}`, { pep658: false });
await run('pep658', { pep658: true });
await run('cold (cache fill, lazy)', { pep658: false, cacheDir });
await run('warm cache', { pep658: false, cacheDir });
await rm(cacheDir, { recursive: true, force: true });
await server.close();
