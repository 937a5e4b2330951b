/**
 * Regression for nodejs/undici#5360: undici 7 kills the process with an uncatchable
 * `AssertionError: assert(!this.paused)` when its HTTP/1 parser is paused under backpressure and
 * the server then closes the socket (Connection: close, HTTP/1.0, close-delimited bodies). Each
 * case runs in a child process (close-delimited-child.ts) so that the crash fails the case instead
 * of killing jest. Before the fix (src/index/undici-dispatch.ts, body-queue.ts) 12 of these 16
 * cases failed: the small-body late, slow, discard and download cases over closing connections
 * died with that assertion, and two keep-alive cases whose server closes anyway failed a complete
 * body with "other side closed". The 8–16 MiB cases pass either way on an idle machine (the crash
 * needs the pause to land at the very end of the message), but crashed under load.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bodyBytes, fileSize, type Framing, type Mode } from './close-delimited-child.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./close-delimited-child.ts', import.meta.url));

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runChild(args: (string | number)[]): Promise<ChildRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './bench/register-swc.mjs', CHILD, ...args.map(String)],
      { cwd: ROOT, timeout: 90_000, maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** What the child prints on success, computed here from the same bytes. */
function expected(mode: Mode, size: number, files: number): string {
  const all = bodyBytes(fileSize(size, files - 1));
  const sizes = Array.from({ length: files }, (_, i) => fileSize(size, i));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (mode === 'discard') return `ok 0 -`;
  const hash = createHash('sha256');
  for (const n of sizes) {
    const part = all.subarray(0, n);
    hash.update(mode === 'download' ? part : createHash('sha256').update(part).digest('hex'));
  }
  return `ok ${total} ${hash.digest('hex')}`;
}

/** mode, framing, first file's size, files, body high-water mark (0: the default 1 MiB). */
type Case = [Mode, Framing, number, number, number];

// 100 000-byte bodies (plus 40 009 per further file) pause undici's request() body stream right at
// the end of the message for many of the files; 8–16 MiB ones exceed every socket buffer.
const cases: Case[] = [
  ['late', 'close', 100_000, 8, 0],
  ['late', 'http10', 100_000, 8, 0],
  ['late', 'eof', 100_000, 8, 0],
  ['slow', 'close', 100_000, 16, 0],
  ['slow', 'http10', 100_000, 16, 65_536],
  ['slow', 'eof', 100_000, 16, 65_536],
  ['slow', 'close', 8 * 1024 * 1024, 2, 0],
  ['discard', 'close', 100_000, 16, 0],
  ['discard', 'http10', 8 * 1024 * 1024, 2, 0],
  ['download', 'close', 100_000, 16, 0],
  ['download', 'http10', 100_000, 16, 65_536],
  ['download', 'eof', 100_000, 16, 0],
  ['download', 'close', 16 * 1024 * 1024, 1, 0],
  // Keep-alive responses may pause the parser; the server closing anyway must not fail whole bodies.
  ['slow', 'keepalive-token', 100_000, 16, 65_536],
  ['download', 'keepalive-token', 100_000, 16, 65_536],
  ['late', 'keepalive', 100_000, 8, 0],
];

describe('responses on connections the server closes (nodejs/undici#5360)', () => {
  it.each(cases)(
    '%s, %s framing, %d bytes × %d files (body high-water mark %d, 0 = default) completes without crashing',
    async (mode, framing, size, files, hwm) => {
      const run = await runChild([mode, framing, size, files, ...(hwm > 0 ? [hwm] : [])]);
      expect(run.stderr).not.toContain('assert(!this.paused)');
      expect({ code: run.code, stdout: run.stdout.trim() }).toEqual({
        code: 0,
        stdout: expected(mode, size, files),
      });
    },
    120_000,
  );
});
