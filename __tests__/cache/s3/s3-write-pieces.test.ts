/**
 * A restored object's bytes reach its file in write calls of at most WRITE_PIECE (256 KiB) bytes
 * (src/cache/s3/s3-write-pieces.ts; why: docs/benchmarks.md, S3 section, "Session 16"), in order and
 * whole: writeInPieces with chunks of every shape (larger than a piece, smaller, crossing piece
 * boundaries), at the file's offset and at a position, and FileSink's 1 MiB batches (fed as a
 * connection feeds them, copied and lent). Each real file handle's writev calls are recorded
 * before they go to the kernel.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from '../../../src/cache/s3/s3-file-sink.js';
import { WRITE_PIECE, writeInPieces } from '../../../src/cache/s3/s3-write-pieces.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A new file's real handle whose writev calls are recorded (bytes per call). */
async function recordingHandle(path: string): Promise<{ handle: FileHandle; calls: number[] }> {
  const handle = await open(path, 'wx');
  const calls: number[] = [];
  const writev = handle.writev.bind(handle);
  handle.writev = ((buffers: NodeJS.ArrayBufferView[], position?: number) => {
    calls.push(buffers.reduce((n, b) => n + b.byteLength, 0));
    return writev(buffers, position);
  }) as FileHandle['writev'];
  return { handle, calls };
}

describe('writing restored bytes in pieces', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-write-pieces-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writeInPieces writes every chunk in order, no call over WRITE_PIECE bytes', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 77);
    // A chunk over two pieces, small ones, one that ends a piece exactly, the rest.
    const cuts = [
      0,
      WRITE_PIECE * 2 + 5,
      WRITE_PIECE * 2 + 9,
      WRITE_PIECE * 3,
      WRITE_PIECE * 3 + 1,
      bytes.length,
    ];
    const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
    const path = join(dir, 'offset.bin');
    const { handle, calls } = await recordingHandle(path);
    await writeInPieces(handle, chunks);
    await handle.close();
    expect(sha(await readFile(path))).toBe(sha(bytes));
    expect(Math.max(...calls)).toBeLessThanOrEqual(WRITE_PIECE);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    expect(calls.length).toBe(Math.ceil(bytes.length / WRITE_PIECE));
  });

  it('writeInPieces at a position (a range of a larger file) lands there', async () => {
    const head = randomBytes(1000);
    const range = randomBytes(WRITE_PIECE + 3000);
    const path = join(dir, 'position.bin');
    const { handle, calls } = await recordingHandle(path);
    await writeInPieces(handle, [range.subarray(0, 10), range.subarray(10)], head.length);
    await writeInPieces(handle, [head], 0);
    await handle.close();
    expect(sha(await readFile(path))).toBe(sha(Buffer.concat([head, range])));
    expect(Math.max(...calls)).toBeLessThanOrEqual(WRITE_PIECE);
  });

  it('FileSink writes its 1 MiB batches in pieces, copied or lent, and hashes what it wrote', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 123);
    const path = join(dir, 'sink.bin');
    const { handle, calls } = await recordingHandle(path);
    const sink = new FileSink(handle);
    // As a connection feeds it: reads into lent room, and chunks copied in.
    let at = 0;
    for (let turn = 0; at < bytes.length; turn++) {
      const n = Math.min(bytes.length - at, 64 * 1024 + turn);
      if (turn % 2 === 0) {
        const room = sink.room(n)!;
        bytes.copy(room, 0, at, at + room.length);
        at += room.length;
        await sink.filled(room.length);
      } else {
        await sink.data(bytes.subarray(at, at + n));
        at += n;
      }
    }
    const got = await sink.finish();
    await handle.close();
    expect(got).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(sha(await readFile(path))).toBe(sha(bytes));
    expect(calls.length).toBeGreaterThan(0);
    expect(Math.max(...calls)).toBeLessThanOrEqual(WRITE_PIECE);
  });
});
