/**
 * Fuzz: the ZIP central-directory reader (src/index/zip-directory.ts through remote-zip.ts) on
 * mutated real wheels (bytes overwritten, 16/32/64-bit fields set to hostile values, cut short,
 * spliced) and on random bytes. It throws only ZipFormatError or WheelMetadataError, never reads
 * more than its bound in one request, and a wheel it does read yields the METADATA it holds or a
 * CRC-checked member.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readWheelMetadata, WheelMetadataError, type RangeSource } from '../../src/index/remote-zip.js';
import { ZipFormatError } from '../../src/index/zip-directory.js';
import { buildWheel } from '../helpers/dists.js';
import { fuzzParameters, heapUsed, onlyOwnErrors } from './fuzz-budget.js';

const wheels = [
  buildWheel({ name: 'plain', version: '1.0', requiresDist: ['idna'] }),
  buildWheel({ name: 'sixtyfour', version: '1.0', zip64: true }),
  buildWheel({
    name: 'front',
    version: '1.0',
    distInfoNotAtEnd: true,
    files: [{ path: 'front/x.so', size: 5000 }],
  }),
  buildWheel({ name: 'stored', version: '1.0', compress: false }),
];

/** A range source over bytes that records the largest single read. */
class Source implements RangeSource {
  largest = 0;
  constructor(private readonly bytes: Uint8Array) {}
  async readTail(length: number) {
    return {
      bytes: await this.read(Math.max(0, this.bytes.length - length), this.bytes.length),
      size: this.bytes.length,
    };
  }
  async read(start: number, end: number) {
    this.largest = Math.max(this.largest, end - start);
    if (start < 0 || end > this.bytes.length || start > end)
      throw new ZipFormatError(`range ${start}..${end} outside the file`, 'fuzz');
    return this.bytes.slice(start, end);
  }
}

const HOSTILE = [0, 1, 0x2e, 0xffff, 0x7fffffff, 0xffffffff];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('u16' as const),
    at: fc.nat(),
    value: fc.constantFrom(...HOSTILE.map((v) => v & 0xffff)),
  }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(...HOSTILE) }),
  fc.record({
    kind: fc.constant('u64' as const),
    at: fc.nat(),
    value: fc.constantFrom(0n, 2n ** 40n, 2n ** 63n, 2n ** 64n - 1n),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
);
type Mutation = { kind: 'byte' | 'u16' | 'u32' | 'u64' | 'cut'; at: number; value: number | bigint };

function mutate(original: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = original.slice();
  for (const m of mutations) {
    // Most fields sit near the end (directory, end records): bias positions there.
    const at = bytes.length - 1 - (m.at % Math.max(1, bytes.length));
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (m.kind === 'byte' && at >= 0) bytes[at] = Number(m.value);
    else if (m.kind === 'u16' && at + 2 <= bytes.length && at >= 0) dv.setUint16(at, Number(m.value), true);
    else if (m.kind === 'u32' && at + 4 <= bytes.length && at >= 0) dv.setUint32(at, Number(m.value), true);
    else if (m.kind === 'u64' && at + 8 <= bytes.length && at >= 0)
      dv.setBigUint64(at, BigInt(m.value), true);
    else if (m.kind === 'cut') bytes = bytes.slice(0, Math.max(0, at));
  }
  return bytes;
}

/** The one most bytes a bounded read may take: a 64 MiB directory with its lead and slack. */
const MAX_READ = 64 * 1024 * 1024 + 256 * 1024 + 0x10000 + 22 + 30 + 2 * 0xffff;

describe('fuzz: ZIP central directory reader', () => {
  it('mutated wheels: only ZipFormatError / WheelMetadataError, every read bounded', async () => {
    const before = heapUsed();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: wheels.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (w, ms) => {
          const bytes = mutate(wheels[w]!.bytes, ms as Mutation[]);
          const source = new Source(bytes);
          try {
            const { metadata } = await readWheelMetadata(source, { source: 'fuzz.whl', tailSize: 1024 });
            expect(metadata.length).toBeLessThanOrEqual(10 * 1024 * 1024);
          } catch (error) {
            onlyOwnErrors(error, [ZipFormatError, WheelMetadataError]);
          }
          expect(source.largest).toBeLessThanOrEqual(MAX_READ);
        },
      ),
      fuzzParameters(1500),
    );
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('random bytes: only ZipFormatError / WheelMetadataError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        try {
          await readWheelMetadata(new Source(bytes), { source: 'fuzz.whl' });
        } catch (error) {
          onlyOwnErrors(error, [ZipFormatError, WheelMetadataError]);
        }
      }),
      fuzzParameters(1500),
    );
  });
});
