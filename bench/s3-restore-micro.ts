/**
 * The S3 store's restore alone, in this process, for profiling per-object overhead (issue 12 §4):
 * restores the newest entry under PREFIX of BUCKET into fresh directories REPS times and prints wall
 * time and this process's user / system CPU for each (process.cpuUsage: main thread and libuv's
 * threads). Run it with `node --cpu-prof` to see where the client's time goes. The store is left as
 * it is; start it with bench/s3-store-bench.ts --no-fleet --keep-warm (which leaves its warm store in place).
 *
 *   node --import ./bench/register-swc.mjs bench/s3-restore-micro.ts ENDPOINT BUCKET PREFIX [REPS]
 *
 * WHEELHOUSE_S3_MICRO_KEEP=1 keeps every rep's files until the last rep ended (default: each rep's
 * are deleted before the next starts, whose page-cache writes may then reuse the pages just freed).
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '../src/cache/s3-store.js';

const [endpoint, bucket, prefix, repsText] = process.argv.slice(2);
if (endpoint === undefined || bucket === undefined || prefix === undefined)
  throw new Error('usage: s3-restore-micro.ts ENDPOINT BUCKET PREFIX [REPS]');
const reps = Number(repsText ?? 3);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const store = new S3Store({
  bucket,
  endpoint,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY',
    secretAccessKey: process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET',
  },
  prefix,
  // WHEELHOUSE_S3_MICRO_CONCURRENCY: objects fetched at once (the store's default is 8).
  ...(process.env.WHEELHOUSE_S3_MICRO_CONCURRENCY !== undefined
    ? { concurrency: Number(process.env.WHEELHOUSE_S3_MICRO_CONCURRENCY) }
    : {}),
  logger: { debug: () => {}, info: log, warn: log, error: log },
});
const entries = (await store.listAll(store.prefixed('entries/'))).sort(
  (a, b) => b.lastModified - a.lastModified,
);
const newest = entries[0];
if (newest === undefined) throw new Error(`no entry under ${prefix}/entries/`);
const key = decodeURIComponent(
  newest.key
    .split('/')
    .pop()!
    .replace(/\.json$/, ''),
);
const scratch = await mkdtemp(join(tmpdir(), 'wh-s3-micro-'));
try {
  for (let rep = 0; rep < reps; rep++) {
    const dirs = ['wh', 'metadata', 'pages', 'builds'].map((d) => join(scratch, `${rep}`, d));
    for (const d of dirs) await mkdir(d, { recursive: true });
    const sent0 = { ...store.client.sent };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const got = await store.restore(dirs, key, []);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const gets = store.client.sent.GET - sent0.GET;
    const counts = await Promise.all(dirs.map(async (d) => (await readdir(d, { recursive: true })).length));
    log(
      `rep ${rep + 1}: ${got.exact ? 'exact' : 'MISS'} wall ${(wall / 1000).toFixed(2)} s  user ${(c.user / 1e6).toFixed(2)}  sys ${(c.system / 1e6).toFixed(2)}  GETs ${gets}  files ${counts.join('/')}${'plainCounts' in store.client ? `  plain ${JSON.stringify(store.client.plainCounts)}` : ''}  (load ${loadavg()[0]!.toFixed(2)})`,
    );
    if (process.env.WHEELHOUSE_S3_MICRO_KEEP !== '1')
      await rm(join(scratch, `${rep}`), { recursive: true, force: true });
  }
} finally {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
}
