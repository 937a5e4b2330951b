/**
 * The least CPU this machine needs for what a warm S3 restore must do with real-ds's wheels (issue 12
 * §4, "Session 15" in docs/benchmarks.md), without wheelhouse: a minimal client receives the wheels
 * over 16 loopback connections from a minimal server (each read straight into a 1 MiB buffer, as
 * s3-plain-get.ts does), hashes them (sha256) and writes each to a new file with 1 MiB writes — against
 * what the local-directory warm run does with the same bytes (reads each cached wheel with 1 MiB reads
 * and hashes it, file-sha256.ts). The difference is the floor of "S3 run − local run" on this box:
 * receiving and writing 360 MB, with none of the client's JavaScript, HTTP, signing or verification.
 * A third mode (session 16), receive-write-256k, writes each 1 MiB batch in 256 KiB calls, as the
 * client does since then (src/cache/s3/s3-write-pieces.ts: the page cache's folios follow the write
 * calls' sizes, and this VM charges large ones far more system time).
 *
 *   node --import ./bench/register-swc.mjs bench/s3-floor.ts [--reps 3] [--settle SECONDS] [--dir WHEELS]
 *
 * The server runs on CPU 1, every client on CPU 0 (`taskset`, as s3-store-bench.ts `--pin pinned`);
 * the modes alternate; each client reports its own user and system CPU from the first request to
 * the last byte written (process.cpuUsage: every thread; node's start-up is not counted) and its
 * minor page faults. Every run's files are deleted right after it, then `--settle` seconds pass (3,
 * as the lead's S3 line: the freed pages are handed back to the host before the next run).
 * WHEELS defaults to bench/.cache/install/real-ds/wh (bench/install-bench.ts fills it); only its
 * `.whl` files are read, never written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const BATCH = 1024 * 1024;
const CONNECTIONS = 16;

function wheels(dir: string): { name: string; size: number }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.whl'))
    .map((name) => ({ name, size: statSync(join(dir, name)).size }))
    .sort((a, b) => b.size - a.size);
}

/** Answers each request line (a wheel's name) with that wheel's bytes, read once at the start. */
function serve(dir: string): void {
  const bytes = new Map(wheels(dir).map((w) => [w.name, readFileBytes(join(dir, w.name), w.size)]));
  const server = createServer((socket) => {
    let pending = '';
    socket.on('data', (data: Buffer) => {
      pending += data.toString('utf8');
      for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
        const body = bytes.get(pending.slice(0, at));
        pending = pending.slice(at + 1);
        if (body === undefined) socket.destroy();
        else socket.write(body);
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`);
  });
  // Ends with its parent (stdin closes), or after 10 minutes at the latest.
  process.stdin.on('close', () => process.exit(0)).resume();
  setTimeout(() => process.exit(0), 600_000).unref();
}

function readFileBytes(path: string, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = readSync(fd, out, at, size - at, at);
      if (n === 0) throw new Error(`${path}: shorter than ${size} bytes`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/**
 * Receives every wheel, hashes it and writes it into `out` (a new, empty directory), each batch in
 * write calls of at most `piece` bytes.
 */
async function receive(dir: string, port: number, out: string, piece: number): Promise<void> {
  const queue = wheels(dir);
  const one = (): Promise<void> =>
    new Promise((done, fail) => {
      const buffer = Buffer.allocUnsafeSlow(BATCH);
      let used = 0;
      let file: { fd: number; left: number; hash: ReturnType<typeof createHash> } | undefined;
      const next = (): void => {
        const wheel = queue.shift();
        if (wheel === undefined) {
          socket.end();
          return done();
        }
        file = { fd: openSync(join(out, wheel.name), 'wx'), left: wheel.size, hash: createHash('sha256') };
        socket.write(`${wheel.name}\n`);
      };
      const socket = connect({
        host: '127.0.0.1',
        port,
        onread: {
          // Never past the current file's end: a read holds one file's bytes only.
          buffer: () =>
            buffer.subarray(used, used + Math.max(1, Math.min(BATCH - used, file?.left ?? BATCH))),
          callback: (n: number): boolean => {
            if (file === undefined) throw new Error('bytes before any request');
            file.hash.update(buffer.subarray(used, used + n));
            used += n;
            file.left -= n;
            if (used === BATCH || file.left === 0) {
              for (let at = 0; at < used; at += piece)
                writeSync(file.fd, buffer, at, Math.min(piece, used - at));
              used = 0;
            }
            if (file.left === 0) {
              closeSync(file.fd);
              file.hash.digest('hex');
              file = undefined;
              next();
            }
            return true;
          },
        },
      });
      socket.on('connect', next);
      socket.on('error', fail);
    });
  await Promise.all(Array.from({ length: CONNECTIONS }, one));
}

/** What the local warm run does with the same bytes: each cached wheel read (1 MiB reads) and hashed. */
function readAndHash(dir: string): void {
  const buffer = Buffer.allocUnsafeSlow(BATCH);
  for (const wheel of wheels(dir)) {
    const fd = openSync(join(dir, wheel.name), 'r');
    const hash = createHash('sha256');
    for (let n = readSync(fd, buffer, 0, BATCH, null); n > 0; n = readSync(fd, buffer, 0, BATCH, null))
      hash.update(buffer.subarray(0, n));
    closeSync(fd);
    hash.digest('hex');
  }
}

async function client(mode: string, dir: string, port: number, out: string): Promise<void> {
  const faults0 = process.resourceUsage().minorPageFault;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  if (mode === 'receive-write') await receive(dir, port, out, BATCH);
  else if (mode === 'receive-write-256k') await receive(dir, port, out, 256 * 1024);
  else readAndHash(dir);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const faults = process.resourceUsage().minorPageFault - faults0;
  process.stdout.write(
    `${JSON.stringify({ userMs: cpu.user / 1000, sysMs: cpu.system / 1000, wallMs, faults })}\n`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
  };
  const dir = resolve(option('--dir', join(dirname(here), '.cache', 'install', 'real-ds', 'wh')));
  if (args[0] === 'serve') return serve(dir);
  if (args[0] === 'client') return client(args[1]!, dir, Number(args[2]), args[3]!);
  const reps = Number(option('--reps', '3'));
  const settleSec = Number(option('--settle', '3'));
  if (!Number.isInteger(reps) || reps < 1 || !(settleSec >= 0 && settleSec <= 60))
    throw new Error('--reps: a positive integer; --settle: seconds, 0–60');
  const total = wheels(dir).reduce((n, w) => n + w.size, 0);
  process.stderr.write(`${wheels(dir).length} wheels, ${total} bytes from ${dir}\n`);
  const node = [process.execPath, ...process.execArgv, here];
  const server = spawn('taskset', ['-c', '1', ...node, 'serve', '--dir', dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((done, fail) => {
      server.stdout.once('data', (data: Buffer) => done(Number(data.toString().trim())));
      server.once('error', fail);
      server.once('exit', () => fail(new Error('the floor server ended before listening')));
    });
    const scratch = mkdtempSync(join(tmpdir(), 'wh-s3-floor-'));
    try {
      for (let rep = 0; rep < reps; rep++) {
        // Each rep starts with the next mode (alternating order).
        const all = ['receive-write', 'read-hash', 'receive-write-256k'];
        const modes = [...all.slice(rep % all.length), ...all.slice(0, rep % all.length)];
        for (const mode of modes) {
          await new Promise((done) => setTimeout(done, settleSec * 1000));
          const out = join(scratch, `run-${rep}-${mode}`);
          mkdirSync(out); // inside this bench's own mkdtemp scratch, deleted with it
          const load = loadavg()[0]!.toFixed(2);
          const result = execFileSync(
            'taskset',
            ['-c', '0', ...node, 'client', mode, String(port), out, '--dir', dir],
            {
              encoding: 'utf8',
              timeout: 120_000,
            },
          );
          rmSync(out, { recursive: true, force: true });
          const r = JSON.parse(result.trim().split('\n').pop()!) as Record<string, number>;
          process.stdout.write(
            `rep ${rep + 1} ${mode.padEnd(18)} user ${(r.userMs! / 1000).toFixed(3)} s  sys ${(r.sysMs! / 1000).toFixed(3)} s  wall ${(r.wallMs! / 1000).toFixed(3)} s  faults ${r.faults}  (load ${load})\n`,
          );
        }
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } finally {
    server.stdin.end();
    server.kill();
  }
}

await main();
