/**
 * How member jobs reach the extraction workers (job-pack.ts): one message per batch whose numbers
 * and digests are two transferred typed arrays holding only the jobs' own bytes — never the 8 KiB
 * allocation-pool ArrayBuffer a RECORD digest decoded from base64 is a view of, and no object per
 * member — and every job arrives intact: offsets, sizes, modes, links, labels and each member's
 * own digest, whatever its algorithm's length. The answers come back as one string of identities,
 * an object only where there is more to say (a refusal, a cache link).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ExtractPool, type MemberJob } from '../../src/install/extract-pool.js';
import { JOB_FIELDS } from '../../src/install/job-pack.js';
import { openWheelArchive } from '../../src/install/wheel-archive.js';
import type { ZipEntry } from '../../src/index/zip-directory.js';
import { buildWheel } from '../helpers/dists.js';
import { writeWheel } from './install-harness.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-jobpack-'));
  mkdirSync(join(work, 'out'));
  mkdirSync(join(work, 'links'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every ArrayBuffer reachable from `value` (what a structured clone copies or moves). */
function arrayBuffersIn(
  value: unknown,
  found = new Set<ArrayBufferLike>(),
  seen = new Set<object>(),
): Set<ArrayBufferLike> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  if (ArrayBuffer.isView(value)) found.add(value.buffer);
  else if (value instanceof ArrayBuffer) found.add(value);
  else for (const v of Object.values(value)) arrayBuffersIn(v, found, seen);
  return found;
}

/** RECORD's form of a digest, decoded the way record.ts decodes it (a view into Node's pool). */
function recordDigest(algorithm: string, content: string): Buffer {
  const b64 = createHash(algorithm).update(content).digest('base64url');
  return Buffer.from(b64, 'base64url');
}

describe('member jobs sent to the extraction workers', () => {
  it('travel as two transferred typed arrays with only their own bytes, arrive intact, and are answered in one string', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      path: `p/m${i}.txt`,
      text: `member ${i} `.repeat(200 + i * 37),
    }));
    const wheel = buildWheel({ name: 'p', version: '1.0', files });
    const archive = await openWheelArchive(writeWheel(work, wheel), wheel.filename);
    const byName = new Map(archive.entries.map((e) => [e.name, e]));
    // Digests of three lengths, every one a view into the shared allocation pool.
    const algorithms = ['sha256', 'sha512', 'sha384'];
    const jobs: MemberJob[] = files.map((f, i) => {
      const entry = byName.get(f.path) as ZipEntry;
      const algorithm = algorithms[i % 3] as string;
      const digest = recordDigest(algorithm, i === 7 ? 'not this content' : f.text);
      expect(digest.buffer.byteLength).toBeGreaterThan(digest.length); // a pool view
      const job: MemberJob = {
        headerOffset: entry.localHeaderOffset,
        limit: archive.bounds(entry).limit,
        method: entry.method,
        compressedSize: entry.compressedSize,
        size: entry.uncompressedSize,
        label: JSON.stringify(`${entry.name} — ünïcödé`),
        algorithm,
        digest,
        staged: join(work, 'out', `m${i}-é`),
        mode: i % 2 === 0 ? 0o644 : 0o755,
        chmod: i % 4 === 1,
      };
      if (i % 3 === 0) job.link = join(work, 'links', `l${i}`);
      return job;
    });
    // What each message carries, measured as it is posted (transferred buffers are detached after).
    const bytesOf = (m: unknown): number => [...arrayBuffersIn(m)].reduce((n, b) => n + b.byteLength, 0);
    const posted: { message: { kind?: string; jobs?: unknown }; bytes: number }[] = [];
    const replies: { results?: unknown }[] = [];
    const realEmit = Worker.prototype.emit;
    Worker.prototype.emit = function (this: Worker, event: string | symbol, ...args: unknown[]) {
      if (event === 'message') replies.push(args[0] as { results?: unknown });
      return realEmit.call(this, event, ...args);
    };
    const realPost = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: readonly unknown[]) {
      posted.push({ message: message as { kind?: string }, bytes: bytesOf(message) });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return realPost.call(this, message, transfer as any);
    };
    const pool = new ExtractPool(1);
    let results;
    let streamed;
    try {
      results = await pool.batch(archive.fd, jobs);
      streamed = await pool.stream(archive.fd, { ...jobs[2]!, staged: join(work, 'out', 'streamed') });
    } finally {
      Worker.prototype.postMessage = realPost;
      Worker.prototype.emit = realEmit;
      await pool.close();
      await archive.close();
    }
    // The messages: a batch of 12 and a stream of 1, each no more than its jobs' own bytes.
    const [batch, stream] = posted;
    const digestBytes = jobs.reduce((n, j) => n + j.digest.length, 0);
    expect(posted.map((p) => p.message.kind)).toEqual(['batch', 'stream']);
    expect(Array.isArray(batch!.message.jobs)).toBe(false);
    expect(batch!.bytes).toBe(jobs.length * JOB_FIELDS * 8 + digestBytes);
    expect(stream!.bytes).toBe(JOB_FIELDS * 8 + jobs[2]!.digest.length);
    // Moved, not copied: nothing is left behind in this thread's buffers.
    expect(bytesOf(batch!.message)).toBe(0);

    // The answers come back as one string of identities, the others (a refusal, a link made)
    // beside their index: no object per plain answer.
    const batchReply = replies[0]!.results as { count: number; ids: string; others: [number, unknown][] };
    expect(Array.isArray(batchReply)).toBe(false);
    expect(batchReply.count).toBe(jobs.length);
    expect(batchReply.others.map(([at]) => at)).toEqual([0, 3, 6, 7, 9]); // linked (i % 3 === 0), and 7
    const ids = batchReply.ids.split(' ');
    results.forEach((r, i) => {
      if (batchReply.others.some(([at]) => at === i)) expect(ids[i]).toBe('');
      else expect(r).toEqual({ ok: true, id: ids[i] });
    });

    // Every member arrived as sent: its own digest (the 8th was given a wrong one), mode, link.
    results.forEach((r, i) => {
      if (i === 7) {
        expect(r).toEqual({ ok: false, reason: 'hash' });
        return;
      }
      expect(r).toMatchObject({ ok: true });
      const job = jobs[i] as MemberJob;
      expect(readFileSync(job.staged, 'utf8')).toBe(files[i]!.text);
      expect(lstatSync(job.staged).mode & 0o777).toBe(job.chmod ? job.mode : job.mode & ~process.umask());
      if (job.link !== undefined) {
        expect(lstatSync(job.link).ino).toBe(lstatSync(job.staged).ino);
        expect(r).toMatchObject({ linked: { size: files[i]!.text.length } });
      } else expect((r as { linked?: unknown }).linked).toBeUndefined();
    });
    expect(streamed).toMatchObject({ ok: true });
    expect(readFileSync(join(work, 'out', 'streamed'), 'utf8')).toBe(files[2]!.text);
  }, 60_000);

  it('quote a refused member by the label it was sent with', async () => {
    const wheel = buildWheel({
      name: 'q',
      version: '1.0',
      files: [{ path: 'q/a.txt', text: 'a'.repeat(5000) }],
    });
    const archive = await openWheelArchive(writeWheel(work, wheel), wheel.filename);
    const entry = archive.entries.find((e) => e.name === 'q/a.txt') as ZipEntry;
    const pool = new ExtractPool(1);
    try {
      const job: MemberJob = {
        headerOffset: entry.localHeaderOffset,
        limit: archive.bounds(entry).limit,
        method: entry.method,
        compressedSize: entry.compressedSize,
        size: entry.uncompressedSize - 1,
        label: '"q/ä.txt"',
        algorithm: 'sha256',
        digest: recordDigest('sha256', 'a'.repeat(5000)),
        staged: join(work, 'out', 'refused'),
        mode: 0o644,
        chmod: false,
      };
      const [r] = await pool.batch(archive.fd, [job]);
      expect(r).toEqual({
        ok: false,
        reason: 'error',
        message: `"q/ä.txt" inflates past the ${entry.uncompressedSize - 1} bytes its directory entry declares`,
      });
    } finally {
      await pool.close();
      await archive.close();
    }
  }, 60_000);
});
