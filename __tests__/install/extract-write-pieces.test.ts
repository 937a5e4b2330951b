/**
 * A member inflated in one piece (up to SMALL_INFLATED) is still written in calls of at most
 * WRITE_PIECE bytes (src/install/extract-worker.ts: ext4 caches a file in folios sized by its
 * writes, and large new folios cost several times the system time here). Checked by the process's
 * own count of write calls (/proc/self/io `syscw`, which counts every thread, the workers too), never
 * by timing; Linux only.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { ExtractPool, SMALL_INFLATED, type MemberJob } from '../../src/install/extract-pool.js';
import { WRITE_PIECE } from '../../src/install/extract-worker.js';
import { openWheelArchive } from '../../src/install/wheel-archive.js';
import type { ZipEntry } from '../../src/index/zip-directory.js';
import { writeWheel } from './install-harness.js';

const work = mkdtempSync(join(tmpdir(), 'wh-pieces-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeCalls(): number {
  const line = readFileSync('/proc/self/io', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('syscw:'));
  return Number(line?.split(/\s+/)[1]);
}

const linux = existsSync('/proc/self/io');

describe('member writes', () => {
  (linux ? it : it.skip)('a member inflated in one piece is written in WRITE_PIECE calls', async () => {
    const size = SMALL_INFLATED - 1024; // the in-one-piece path, well above WRITE_PIECE
    expect(size).toBeGreaterThan(8 * WRITE_PIECE);
    const members = [0, 1, 2].map((i) => ({
      path: `p/m${i}.bin`,
      text: `member ${i} `.repeat(size).slice(0, size),
    }));
    const wheel = buildWheel({ name: 'p', version: '1.0', files: members });
    const archive = await openWheelArchive(writeWheel(work, wheel), wheel.filename);
    mkdirSync(join(work, 'out'));
    const byName = new Map(archive.entries.map((e) => [e.name, e]));
    const jobs = members.map((m, i): MemberJob => {
      const entry = byName.get(m.path) as ZipEntry;
      return {
        headerOffset: entry.localHeaderOffset,
        limit: archive.bounds(entry).limit,
        method: entry.method,
        compressedSize: entry.compressedSize,
        size: entry.uncompressedSize,
        label: JSON.stringify(entry.name),
        algorithm: 'sha256',
        digest: createHash('sha256').update(m.text).digest(),
        staged: join(work, 'out', String(i)),
        mode: 0o644,
        chmod: false,
      };
    });
    const pool = new ExtractPool(1, 1 << 30);
    try {
      await pool.batch(archive.fd, jobs.slice(0, 1)); // the worker starts (its own start-up writes)
      const before = writeCalls();
      const results = await pool.batch(archive.fd, jobs.slice(1));
      const calls = writeCalls() - before;
      expect(results.every((r) => r.ok)).toBe(true);
      for (const [i, m] of members.entries())
        expect(readFileSync(join(work, 'out', String(i)), 'utf8')).toBe(m.text);
      // Two members of ~4 MiB: at least 2 × 15 calls of 256 KiB (one call each without the pieces).
      expect(calls).toBeGreaterThanOrEqual(2 * Math.floor(size / WRITE_PIECE));
    } finally {
      await pool.close();
      await archive.close();
    }
  });
});
