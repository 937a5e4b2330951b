/**
 * A wheel over 64 MiB through the S3 store (issue 12 §2/§4): save (multipart upload, 16 MiB parts,
 * 4 at once) and restore into an empty wheelhouse (16 MiB byte ranges, 4 at once, hashed in object
 * order while they arrive: src/cache/s3/s3-ranged-get.ts), against the same file sent as one plain PUT and fetched as one streamed GET
 * (thresholds raised past its size), alternating. Prints wall time and this process's user / system
 * CPU (process.cpuUsage), and the gateway's CPU when given its directory.
 *
 *   node --import ./bench/register-swc.mjs bench/s3-large-wheel-bench.ts ENDPOINT [MiB] [REPS] [GATEWAY_DIR]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '../src/cache/s3-store.js';
import { writeManifest } from '../src/cache/wheelhouse-manifest.js';

const [endpoint, mibText, repsText, gatewayDir] = process.argv.slice(2);
if (endpoint === undefined)
  throw new Error('usage: s3-large-wheel-bench.ts ENDPOINT [MiB] [REPS] [GATEWAY_DIR]');
const MiB = 1024 * 1024;
const size = Number(mibText ?? 200) * MiB;
const reps = Number(repsText ?? 2);
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const bucket = `wh-large-${randomBytes(4).toString('hex')}`;
const name = 'bigwheel-1.0-cp312-cp312-manylinux_2_17_x86_64.whl';

async function gatewayCpu(): Promise<number | undefined> {
  if (gatewayDir === undefined) return undefined;
  let ticks = 0;
  for (const f of await readdir(join(gatewayDir, 'run')).catch(() => [])) {
    if (!f.endsWith('.pid')) continue;
    const pid = (await readFile(join(gatewayDir, 'run', f), 'utf8')).trim();
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

async function measure<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const g0 = await gatewayCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const g1 = await gatewayCpu();
  log(
    `| ${what} | ${wall.toFixed(2)} | ${(c.user / 1e6).toFixed(2)} | ${(c.system / 1e6).toFixed(2)} | ${g0 !== undefined && g1 !== undefined ? (g1 - g0).toFixed(2) : '?'} | ${(size / MiB / wall).toFixed(0)} | ${loadavg()[0]!.toFixed(2)} |`,
  );
  return out;
}

const scratch = await mkdtemp(join(tmpdir(), 'wh-s3-large-'));
try {
  const src = join(scratch, 'src');
  await mkdir(src);
  const hash = createHash('sha256');
  const handle = await open(join(src, name), 'wx');
  for (let done = 0; done < size; done += MiB) {
    const chunk = randomBytes(MiB);
    hash.update(chunk);
    await handle.write(chunk);
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  await writeManifest(src, { version: 1, files: { [name]: { sha256, size } } });
  const store = (prefix: string, plain: boolean): S3Store =>
    new S3Store({
      bucket,
      endpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY',
        secretAccessKey: process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET',
      },
      prefix,
      logger: { debug: () => {}, info: () => {}, warn: log, error: log },
      ...(plain ? { largeObjectBytes: 4 * size } : {}),
    });
  const admin = store('x', false);
  await admin.client.createBucket();
  log(`${size / MiB} MiB wheel, ${reps} alternating rep(s), ${new Date().toISOString()}`);
  log('');
  log('| operation | wall s | client user s | client sys s | gateway CPU s | MiB/s | load |');
  log('|---|---|---|---|---|---|---|');
  for (let rep = 0; rep < reps; rep++) {
    for (const plain of rep % 2 === 0 ? [false, true] : [true, false]) {
      const prefix = `r${rep}-${plain ? 'plain' : 'parts'}`;
      const s = store(prefix, plain);
      const saved = await measure(`save, ${plain ? 'one PUT' : 'multipart (16 MiB × 4)'}`, () =>
        s.save([src], 'k'),
      );
      if (!saved.saved) throw new Error(`save failed: ${saved.reason}`);
      const dst = join(scratch, `dst-${prefix}`);
      await mkdir(dst);
      const r = store(prefix, plain);
      const got = await measure(`restore, ${plain ? 'one GET' : 'ranged GETs (16 MiB × 4)'}`, () =>
        r.restore([dst], 'k', []),
      );
      if (!got.exact || r.stats.fetched !== 1) throw new Error('restore failed');
      if (!plain && (s.stats.multipartUploads !== 1 || r.stats.rangedFetches !== 1))
        throw new Error('expected a multipart upload and a ranged fetch');
      await rm(dst, { recursive: true });
      for (const o of await s.listAll(s.prefixed(''))) await s.client.delete(o.key);
      await s.close();
      await r.close();
    }
  }
  await admin.close();
} finally {
  await rm(scratch, { recursive: true, force: true });
}
