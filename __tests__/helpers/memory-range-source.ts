/** An in-memory RangeSource over a byte array that records every read (no jest imports). */
import type { RangeSource } from '../../src/index/remote-zip.js';

export class MemoryRangeSource implements RangeSource {
  readonly reads: { start: number; end: number }[] = [];
  bytesRead = 0;

  constructor(private readonly file: Uint8Array) {}

  async readTail(length: number): Promise<{ bytes: Uint8Array; size: number }> {
    const start = Math.max(0, this.file.length - length);
    return { bytes: this.take(start, this.file.length), size: this.file.length };
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    return this.take(start, end);
  }

  private take(start: number, end: number): Uint8Array {
    if (start < 0 || end > this.file.length || start > end) throw new Error(`bad range ${start}..${end}`);
    this.reads.push({ start, end });
    this.bytesRead += end - start;
    return this.file.slice(start, end);
  }
}
