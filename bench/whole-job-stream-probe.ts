/**
 * The first step of the overlap in docs/benchmarks.md "Whole job": what streaming the cache blob
 * into the extractor buys over @actions/cache's restore (whole archive to a temp file, then `tar -x`
 * through `unzstd`). One entry of real wheels is saved once through @actions/cache into the cache
 * service double (blob endpoint paced to 100 MB/s); then, alternating:
 *   A. `restoreCache` as the action does it (download, then extract);
 *   B. the same entry's signed URL (the Twirp lookup @actions/cache makes) fetched and piped straight
 *      into `tar -x --use-compress-program 'unzstd --long=30'` while it arrives.
 * Both extract into an empty directory; wall time and the load average are printed.
 *
 *   node --import ./bench/register-swc.mjs bench/whole-job-stream-probe.ts [--mb 350] [--reps 3]
 *
 * A measurement prototype only: B skips everything a real restore must do (path checks on an
 * untrusted archive, size bounds, the v1 service), so it bounds the gain from above.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import * as cache from '@actions/cache';
import { startCacheService } from '../__tests__/helpers/cache-service.js';
import { mirrorDirs } from './harness/mirror.js';

const repo = resolve(process.cwd());
const root = join(repo, 'bench', '.cache', 'whole-job-stream');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function fillWheels(dir: string, bytes: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  let total = 0;
  for (const mirror of mirrorDirs()) {
    for (const name of (await readdir(mirror)).sort()) {
      if (!name.endsWith('.whl') || total >= bytes) continue;
      const size = (await stat(join(mirror, name))).size;
      if (size > 40e6) continue;
      await copyFile(join(mirror, name), join(dir, name));
      total += size;
    }
  }
  return total;
}

async function streamed(url: string, dest: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || res.body === null) throw new Error(`GET ${res.status}`);
  const tar = spawn('tar', ['-xf', '-', '-P', '--use-compress-program', 'unzstd --long=30', '-C', dest], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  Readable.fromWeb(res.body as import('node:stream/web').ReadableStream).pipe(tar.stdin);
  const code = await new Promise<number | null>((done) => tar.on('close', done));
  if (code !== 0) throw new Error(`tar exited ${code}`);
}

async function main(): Promise<void> {
  const reps = arg('--reps', 3);
  await rm(root, { recursive: true, force: true });
  const workspace = join(root, 'workspace');
  const source = join(workspace, 'wheels');
  const total = await fillWheels(source, arg('--mb', 350) * 1e6);
  if (total === 0) return log('skipped: no local mirror of wheels');
  const service = await startCacheService({ blobBytesPerSec: 100e6 });
  const undo = service.applyEnv({ RUNNER_TEMP: join(root, 'temp'), GITHUB_WORKSPACE: workspace });
  process.chdir(workspace);
  try {
    await mkdir(join(root, 'temp'), { recursive: true });
    service.setBlobBandwidth(0);
    await cache.saveCache([source], 'probe');
    service.setBlobBandwidth(100e6);
    const entry = service.entries().find((e) => e.finalized)!;
    log(
      `entry: ${(total / 1e6).toFixed(0)} MB of wheels → ${((entry.sizeBytes ?? 0) / 1e6).toFixed(0)} MB archive`,
    );
    const rows: string[] = [];
    for (let rep = 0; rep < reps; rep++) {
      for (const kind of rep % 2 === 0
        ? ['download-then-extract', 'streamed']
        : ['streamed', 'download-then-extract']) {
        await rm(source, { recursive: true, force: true });
        const dest = join(root, 'dest');
        await rm(dest, { recursive: true, force: true });
        await mkdir(dest, { recursive: true });
        const load = loadavg()[0]!.toFixed(2);
        const start = performance.now();
        if (kind === 'streamed') {
          const lookup = await fetch(
            `${service.url}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
              body: JSON.stringify({ key: 'probe', restore_keys: [], version: entry.version }),
            },
          );
          await streamed(
            ((await lookup.json()) as { signed_download_url: string }).signed_download_url,
            dest,
          );
        } else {
          if ((await cache.restoreCache([source], 'probe')) !== 'probe') throw new Error('restore missed');
        }
        const ms = performance.now() - start;
        rows.push(`| ${rep + 1} | ${kind} | ${(ms / 1000).toFixed(2)} | ${load} |`);
        log(rows[rows.length - 1]!);
      }
    }
    process.stdout.write(`| rep | restore | wall s | load |\n|---|---|---|---|\n${rows.join('\n')}\n`);
  } finally {
    undo();
    await service.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
