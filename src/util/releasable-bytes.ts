/**
 * Byte buffers whose memory is given back the moment their owner is done with them, instead of
 * whenever the garbage collector next proves them dead.
 *
 * Why: a cold resolve reads each project page whole (~100 MB of bodies for the prefect-shaped set,
 * pages of up to 6 MB) and needs the bytes only until they are decoded to text. A body's
 * ArrayBuffer is malloc'd memory that V8 frees only when it collects the buffer object, and a body
 * read over several event-loop turns has usually been promoted to the old generation by then, so it
 * waits for the next full (mark-compact) collection: at the run's peak about 55 of its 65 MB of
 * ArrayBuffers were such dead bodies (process.memoryUsage() sampled during the run against a heap
 * snapshot taken at the peak; docs/benchmarks.md, Session 14).
 *
 * A resizable ArrayBuffer (ECMAScript 2024 §25.1.6.6 `ArrayBuffer.prototype.resize`) can be shrunk
 * to zero bytes; V8 reserves such a buffer's pages itself and returns the pages beyond the new
 * length to the operating system at once (measured: 40 touched 5 MB buffers, RSS 232 → 41 MB after
 * `resize(0)`, no collection). Views of a shrunk buffer have length 0, so a reader that kept one by
 * mistake reads nothing rather than freed memory.
 *
 * Only buffers made here are ever shrunk (a WeakSet of them): a caller's buffer, or one shared with
 * other views, is left alone. Small bodies stay ordinary buffers: each resizable buffer is its own
 * page-granular mapping.
 */

/** Bodies below this size are ordinary buffers (released by the collector as before). */
export const RELEASABLE_MIN_BYTES = 64 * 1024;

const made = new WeakSet<ArrayBuffer>();

interface ResizableArrayBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  resize(byteLength: number): void;
}

type ResizableConstructor = new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

const resizableSupported =
  typeof (ArrayBuffer.prototype as Partial<ResizableArrayBuffer>).resize === 'function';

/**
 * `byteLength` bytes (contents unspecified: the caller fills them), in memory that `releaseBytes`
 * can give back when the length is at least RELEASABLE_MIN_BYTES and the runtime has resizable
 * ArrayBuffers; otherwise an ordinary buffer.
 */
export function allocReleasable(byteLength: number): Uint8Array {
  if (resizableSupported && byteLength >= RELEASABLE_MIN_BYTES) {
    let buffer: ResizableArrayBuffer | undefined;
    try {
      buffer = new (ArrayBuffer as unknown as ResizableConstructor)(byteLength, {
        maxByteLength: byteLength,
      });
    } catch {
      // Address space for the reservation refused: an ordinary buffer below.
    }
    if (buffer !== undefined && buffer.resizable) {
      made.add(buffer);
      return new Uint8Array(buffer, 0, byteLength);
    }
  }
  const plain = Buffer.allocUnsafeSlow(byteLength);
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.length);
}

/**
 * Gives back the memory of `bytes` when it is a whole buffer made by `allocReleasable` (true);
 * afterwards every view of it is empty. Anything else is left as it is (false).
 */
export function releaseBytes(bytes: Uint8Array): boolean {
  const buffer = bytes.buffer as ResizableArrayBuffer;
  if (!made.has(buffer) || bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return false;
  made.delete(buffer);
  buffer.resize(0);
  return true;
}
