/**
 * The extraction workers' memory bound (issue 9 §3 "memory bounded"), checked by what the workers
 * report, never by timing or RSS: every member is inflated through buffers a worker allocates once
 * and reuses, so however many members and however large, a worker holds at most
 * WORKER_BUFFER_BOUND and allocates a handful of buffers in all (not one per member); a member
 * larger than the in-one-piece limits is streamed even when it comes in a batch. The same reused
 * inflater still refuses corrupt data, a member that inflates past its declared size or stops
 * short of it, and goes on with the next member after such a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { identityOf } from '../../src/install/journal.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import {
  ExtractPool,
  SMALL_INFLATED,
  WORKER_BUFFER_BOUND,
  type MemberJob,
} from '../../src/install/extract-pool.js';
import { openWheelArchive, type WheelArchive } from '../../src/install/wheel-archive.js';
import type { ZipEntry } from '../../src/index/zip-directory.js';
import { writeWheel } from './install-harness.js';

let work: string;
let pool: ExtractPool;
let counter = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-pool-'));
  mkdirSync(join(work, 'out'));
});

afterAll(async () => {
  await pool?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Compressible text of `size` bytes that differs per seed. */
function text(size: number, seed: number): string {
  const line = `line ${seed} of a member that deflates well, ${'x'.repeat(seed % 50)}\n`;
  return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}

function jobFor(archive: WheelArchive, entry: ZipEntry, overrides: Partial<MemberJob> = {}): MemberJob {
  return {
    headerOffset: entry.localHeaderOffset,
    limit: archive.bounds(entry).limit,
    method: entry.method,
    compressedSize: entry.compressedSize,
    size: entry.uncompressedSize,
    label: JSON.stringify(entry.name),
    algorithm: 'sha256',
    digest: new Uint8Array(0),
    staged: join(work, 'out', String(counter++)),
    mode: 0o644,
    chmod: false,
    ...overrides,
  };
}

describe('extraction workers', () => {
  it('inflate any number of members of any size through a few reused buffers', async () => {
    const members = Array.from({ length: 24 }, (_, i) => ({ path: `p/m${i}.txt`, text: text(3 << 20, i) }));
    members.push({ path: 'p/huge.txt', text: text(SMALL_INFLATED * 3, 99) }); // > the in-one-piece limit
    members.push({ path: 'p/streamed.txt', text: text(9 << 20, 7) });
    const wheel = buildWheel({ name: 'p', version: '1.0', files: members });
    const archive = await openWheelArchive(writeWheel(work, wheel), wheel.filename);
    pool = new ExtractPool(2, 1 << 30);
    try {
      const byName = new Map(archive.entries.map((e) => [e.name, e]));
      const expected = new Map(members.map((m) => [m.path, m.text]));
      const jobOf = (path: string): MemberJob => {
        const digest = createHash('sha256')
          .update(expected.get(path) as string)
          .digest();
        return jobFor(archive, byName.get(path) as ZipEntry, { digest });
      };
      const batched = members.filter((m) => m.path !== 'p/streamed.txt').map((m) => jobOf(m.path));
      const streamedJob = jobOf('p/streamed.txt');
      // Three batches at once (both workers busy) and one streamed member.
      const [a, b, c, s] = await Promise.all([
        pool.batch(archive.fd, batched.slice(0, 9)),
        pool.batch(archive.fd, batched.slice(9, 18)),
        pool.batch(archive.fd, batched.slice(18)),
        pool.stream(archive.fd, streamedJob),
      ]);
      expect([...a, ...b, ...c, s].every((r) => r.ok)).toBe(true);
      for (const [job, path] of [
        ...batched.map((j, i) => [j, members[i]!.path] as const),
        [streamedJob, 'p/streamed.txt'] as const,
      ]) {
        expect(readFileSync(job.staged, 'utf8')).toBe(expected.get(path));
      }
      // Each answers the written file's identity exactly as the install journal records it.
      for (const [job, r] of [...batched, streamedJob].map((j, i) => [j, [...a, ...b, ...c, s][i]] as const))
        expect(r).toEqual({ ok: true, id: identityOf(lstatSync(job.staged, { bigint: true })) });
      const { held, allocations, workers } = pool.workerBuffers;
      expect(workers).toBe(2);
      expect(held).toBeGreaterThan(0);
      // 26 members, 100 MiB inflated: bounded per worker, and no buffer per member.
      expect(held).toBeLessThanOrEqual(workers * WORKER_BUFFER_BOUND);
      expect(allocations).toBeLessThanOrEqual(workers * 6);
    } finally {
      await archive.close();
      await pool.close();
    }
  }, 120_000);

  it('refuses corrupt data and wrong sizes with the reused inflater, and goes on after a refusal', async () => {
    const wheel = buildWheel({
      name: 'q',
      version: '1.0',
      files: [
        { path: 'q/a.txt', text: text(200_000, 1) },
        { path: 'q/b.txt', text: text(300_000, 2) },
      ],
    });
    // Corrupt the first member's deflate data: a run of 0xff bytes is not a valid deflate block.
    const bytes = Buffer.from(wheel.bytes);
    const path = writeWheel(work, wheel);
    const clean = await openWheelArchive(path, wheel.filename);
    const a = clean.entries.find((e) => e.name === 'q/a.txt') as ZipEntry;
    const b = clean.entries.find((e) => e.name === 'q/b.txt') as ZipEntry;
    const aData = a.localHeaderOffset + 30 + 'q/a.txt'.length;
    pool = new ExtractPool(1);
    try {
      const digestOf = (s: string): Uint8Array => createHash('sha256').update(s).digest();
      const good = jobFor(clean, b, { digest: digestOf(text(300_000, 2)) });
      // Declared one byte short: refused as inflating past it; one byte long: refused as short.
      const [past, short, fine] = await pool.batch(clean.fd, [
        jobFor(clean, a, { size: a.uncompressedSize - 1 }),
        jobFor(clean, a, { size: a.uncompressedSize + 1 }),
        good,
      ]);
      expect(past).toEqual({
        ok: false,
        reason: 'error',
        message: `"q/a.txt" inflates past the ${a.uncompressedSize - 1} bytes its directory entry declares`,
      });
      expect(short).toEqual({
        ok: false,
        reason: 'error',
        message: `"q/a.txt": ${a.uncompressedSize} bytes after inflating, the central directory says ${a.uncompressedSize + 1}`,
      });
      expect(fine).toMatchObject({ ok: true });
      // The streamed path refuses the same way.
      expect(await pool.stream(clean.fd, jobFor(clean, a, { size: a.uncompressedSize - 1 }))).toMatchObject({
        ok: false,
        message: expect.stringContaining('inflates past') as unknown as string,
      });
      expect(await pool.stream(clean.fd, jobFor(clean, b, { digest: digestOf('other') }))).toEqual({
        ok: false,
        reason: 'hash',
      });
      await clean.close();

      bytes.fill(0xff, aData + 2, aData + 40);
      const corruptPath = join(work, 'corrupt', wheel.filename);
      mkdirSync(join(work, 'corrupt'));
      writeFileSync(corruptPath, bytes);
      const corrupt = await openWheelArchive(corruptPath, wheel.filename);
      try {
        const [bad, after] = await pool.batch(corrupt.fd, [
          jobFor(corrupt, a),
          jobFor(corrupt, b, { digest: digestOf(text(300_000, 2)) }),
        ]);
        expect(bad).toMatchObject({ ok: false, reason: 'error' });
        expect((bad as { message: string }).message).toMatch(/^"q\/a\.txt": corrupt deflate data \(.+\)$/);
        expect(after).toMatchObject({ ok: true });
        const streamedBad = await pool.stream(corrupt.fd, jobFor(corrupt, a));
        expect((streamedBad as { message: string }).message).toMatch(/corrupt deflate data/);
        // A member cut short (its data ends before the deflate stream does).
        const cut = await pool.stream(
          corrupt.fd,
          jobFor(corrupt, b, { compressedSize: Math.floor(b.compressedSize / 2) }),
        );
        expect((cut as { message: string }).message).toMatch(
          /^"q\/b\.txt": corrupt deflate data \(unexpected end of file\)$/,
        );
      } finally {
        await corrupt.close();
      }
    } finally {
      await pool.close();
    }
  }, 60_000);
});
