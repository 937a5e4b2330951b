/**
 * Hostile input against wheelhouse's DEFAULT limits, each case in its own process so its peak RSS
 * can be measured (docs/reliability.md, "Memory and time are bounded"): an endless project page, a
 * `.metadata` declaring 3 GiB, an endless 206 for a 64 KiB range, an endless body for a file of
 * known size, a slow drip, a 100,000-line requirements file. Each must end with its clear error
 * (or its result) and a peak RSS under 300 MB. Durations are printed by the child but not asserted
 * (timing targets live in bench/); the hostile server binds 127.0.0.1 and stops writing when the
 * client goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import type { HostileMode } from '../helpers/index-server-modes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./bounded-memory-child.ts', import.meta.url));
const wheel = buildWheel({ name: 'demo', version: '1.0' });

interface ChildResult {
  outcome: string;
  message: string;
  ms: number;
  maxRssMb: number;
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', './bench/register-swc.mjs', CHILD, ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ChildResult);
        } catch {
          reject(new Error(`child failed (${String(error?.message)}): ${stderr.slice(-2000)}`));
        }
      },
    );
  });
}

describe('bounded memory against a hostile server, default limits, one process per case', () => {
  let server: IndexServer;
  beforeAll(async () => {
    server = await startIndexServer({
      projects: [
        { name: 'demo', files: [{ filename: wheel.filename, bytes: wheel.bytes, metadata: wheel.metadata }] },
      ],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: [string, HostileMode | null, RegExp][] = [
    [
      'page',
      { kind: 'endless-body', pathContains: '/simple/demo' },
      /project page is over its limit of 64 MiB/,
    ],
    [
      'metadata',
      { kind: 'huge-content-length', pathContains: '.metadata', contentLength: 3 * 1024 ** 3 },
      /\.metadata file is over its limit of 10 MiB \(Content-Length: 3221225472\)/,
    ],
    [
      'range',
      { kind: 'endless-body', pathContains: '/files/' },
      /range response \(bytes=-65536\) is over its limit of 64 KiB/,
    ],
    [
      'download',
      { kind: 'endless-body', pathContains: '/files/' },
      /download is over its limit of \d+ bytes/,
    ],
    [
      'drip',
      { kind: 'drip', pathContains: '/files/', intervalMs: 2000 },
      /is too slow: \d+ body bytes in 5 s, under the minimum of 1 KiB\/s/,
    ],
    [
      'slow-headers',
      { kind: 'slow-headers', pathContains: '/files/', intervalMs: 1000 },
      /is too slow sending its response headers: \d+ bytes in 3(\.\d)? s without completing them/,
    ],
    ['requirements', null, /^100000 requirements$/],
    [
      'distinct-names',
      null,
      /^exit 2: .*requirements\.txt:10001: pkg10000 is project number 10001: the requirements may name at most 10000 distinct projects/,
    ],
  ];

  it.each(cases)(
    '%s: clear outcome, peak RSS under 300 MB',
    async (kind, hostile, expected) => {
      server.setModes({ hostile });
      const result = await runChild([kind, server.origin, wheel.filename, String(wheel.bytes.length)]);
      process.stderr.write(
        `bounded-memory ${kind}: ${result.outcome} in ${result.ms} ms, peak RSS ${result.maxRssMb} MB\n`,
      );
      expect(result.message).toMatch(expected);
      expect(result.outcome).toBe(kind === 'requirements' ? 'ok' : 'error');
      expect(result.maxRssMb).toBeLessThan(300);
    },
    60_000,
  );
});
