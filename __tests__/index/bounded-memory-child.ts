/**
 * Child process of bounded-memory.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * runs one hostile case against the parent's index server with wheelhouse's DEFAULT limits and
 * prints one JSON line `{ outcome, message, ms, maxRssMb }` — its own peak RSS, which the parent
 * checks (the server runs in the parent, so its memory does not count).
 *
 *   bounded-memory-child.ts <case> <origin> <wheel filename> <wheel size>
 *     page       endless project page          metadata   .metadata declaring 3 GiB
 *     range      endless 206 for a 64 KiB range download   endless body for a file of known size
 *     drip       one byte every 2 s (minimum rate)
 *     requirements  a generated 100,000-line requirements file, one project per line (no server)
 *     distinct-names  `wheelhouse resolve` of 100,000 distinct names (--no-index, empty find-links)
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapabilityMemo } from '../../src/index/capability-memo.js';
import { createHttpClient } from '../../src/index/http.js';
import { HttpRangeSource } from '../../src/index/lazy-wheel.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { fetchFile } from '../../src/download/fetch-file.js';
import { normalizeName } from '../../src/standards/names.js';
import { parseRequirementsFile } from '../../src/standards/requirements-file.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const [kind, origin = '', filename = '', size = '0'] = process.argv.slice(2);
const logger = new RecordingLogger();
const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
const fileUrl = `${origin}/files/${encodeURIComponent(filename)}`;

async function run(): Promise<unknown> {
  switch (kind) {
    case 'page':
      return fetchProjectPage({ http, logger }, `${origin}/simple/demo/`, normalizeName('demo'));
    case 'metadata': {
      const res = await http.request(`${fileUrl}.metadata`, {
        limit: { bytes: 10 * 1024 * 1024, what: 'PEP 658 .metadata file' },
      });
      return res.body();
    }
    case 'range':
    case 'drip':
    case 'slow-headers': {
      const source = new HttpRangeSource({
        http,
        url: fileUrl,
        redactedUrl: fileUrl,
        memo: new CapabilityMemo(),
        logger,
      });
      return source.readTail(64 * 1024);
    }
    case 'download': {
      const dest = await mkdtemp(join(tmpdir(), 'wh-bounded-'));
      try {
        const file = {
          filename,
          url: fileUrl,
          redactedUrl: fileUrl,
          sha256: '0'.repeat(64),
          size: Number(size),
          kind: 'wheel' as const,
        };
        return await fetchFile(file, { http, dest, logger });
      } finally {
        await rm(dest, { recursive: true, force: true });
      }
    }
    case 'requirements': {
      const text = Array.from({ length: 100_000 }, (_, i) => `pkg-${i}>=1.${i % 50}`).join('\n');
      const result = await parseRequirementsFile('big.txt', { readFile: async () => text });
      return `${result.requirements.length} requirements`;
    }
    case 'distinct-names': {
      const dir = await mkdtemp(join(tmpdir(), 'wh-distinct-'));
      try {
        const text = Array.from({ length: 100_000 }, (_, i) => `pkg${i}`).join('\n');
        await writeFile(join(dir, 'requirements.txt'), `${text}\n`);
        await mkdir(join(dir, 'links'));
        const r = await runCliCaptured(
          ['resolve', '-r', 'requirements.txt', '--no-index', '-f', 'links', '--python-version', '3.11'],
          { env: { HOME: dir }, cwd: dir },
        );
        if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
        return r.stdout;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    default:
      throw new Error(`unknown case ${kind}`);
  }
}

const started = Date.now();
let outcome = 'ok';
let message = '';
try {
  const value = await run();
  message = typeof value === 'string' ? value : '';
} catch (error) {
  outcome = 'error';
  message = (error as Error).message;
}
await http.close();
const ms = Date.now() - started;
// VmHWM is this process image's own peak; getrusage's maxRSS also counts the parent's RSS at the
// fork that made this process (Linux keeps it across exec), so it reads high under a big jest worker.
const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(await readFile('/proc/self/status', 'utf8').catch(() => ''));
const maxRssMb = Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
process.stdout.write(`${JSON.stringify({ outcome, message, ms, maxRssMb })}\n`);
