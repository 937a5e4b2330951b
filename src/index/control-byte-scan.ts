/**
 * The first byte below 0x20 other than TAB, LF and CR (a control character RFC 8259 §7 forbids
 * anywhere in JSON text) in a run of bytes, found 16 bytes per step by a small WebAssembly SIMD
 * function.
 *
 * Why: page-body.ts checks every page body for such bytes before decoding it. In JavaScript the
 * best found was eight 32-bit words per step (`flaggedStep`): at PyPI scale (~100 MB of pages in a
 * prefect-shaped cold resolve) that loop was the largest JavaScript function of the whole run under
 * callgrind (0.34 G of 11.6 G instructions, ~3.4 per byte). A 128-bit compare does 16 bytes in a
 * handful of instructions; the bytes are copied into the module's memory in chunks (memcpy).
 *
 * The module is written here byte by byte (WebAssembly core spec 2.0, binary format §5, with the
 * fixed-width SIMD instructions of §5.4.8); `WebAssembly.validate` checks it before use, and where
 * WebAssembly or its SIMD instructions are missing `controlByteScanner()` is undefined and the
 * caller keeps its JavaScript loop. Per 16-byte block it computes
 *   (v <u 0x20) & ~(v == 0x09) & ~(v == 0x0A) & ~(v == 0x0D)
 * and stops at the first block where any lane is set; that block is then searched byte by byte
 * here, so the answer is an exact offset.
 */

/** Bytes copied into the module's memory per call (its memory is one 64 KiB page more than this). */
const CHUNK = 64 * 1024;

// Binary-format opcodes used below (§5.4).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const EMPTY = 0x40;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_CONST = 0x0c;
const I8X16_EQ = 0x23;
const I8X16_LT_U = 0x26;
const V128_ANDNOT = 0x4f;
const V128_ANY_TRUE = 0x53;

const splat = (byte: number): number[] => [SIMD, V128_CONST, ...new Array<number>(16).fill(byte)];
/** `local.get v; v128.const splat(byte); i8x16.eq; v128.andnot` — clears the lanes equal to `byte`. */
const clearLanesEqualTo = (byte: number): number[] => [
  LOCAL_GET,
  2,
  ...splat(byte),
  SIMD,
  I8X16_EQ,
  SIMD,
  V128_ANDNOT,
];

/**
 * `scan(len) -> i32`: the offset of the first 16-byte block of memory[0, len) holding a lane
 * below 0x20 that is not TAB, LF or CR, or -1. Locals: 0 = len, 1 = i, 2 = the block.
 */
const SCAN_BODY: number[] = [
  2, // two local declarations
  1,
  I32,
  1,
  V128,
  BLOCK,
  EMPTY,
  LOOP,
  EMPTY,
  // if i >= len: leave the block
  LOCAL_GET,
  1,
  LOCAL_GET,
  0,
  I32_GE_U,
  BR_IF,
  1,
  LOCAL_GET,
  1,
  SIMD,
  V128_LOAD,
  0, // align 2^0
  0, // offset 0
  LOCAL_TEE,
  2,
  ...splat(0x20),
  SIMD,
  I8X16_LT_U,
  ...clearLanesEqualTo(0x09),
  ...clearLanesEqualTo(0x0a),
  ...clearLanesEqualTo(0x0d),
  SIMD,
  V128_ANY_TRUE,
  IF,
  EMPTY,
  LOCAL_GET,
  1,
  RETURN,
  END,
  // i += 16; next block
  LOCAL_GET,
  1,
  I32_CONST,
  16,
  I32_ADD,
  LOCAL_SET,
  1,
  BR,
  0,
  END,
  END,
  I32_CONST,
  0x7f, // -1 (signed LEB128)
  END,
];

/** An unsigned LEB128 (§5.2.2). */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const pages = CHUNK / 65536 + 1;
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d, // \0asm
    0x01,
    0x00,
    0x00,
    0x00, // version 1
    ...section(1, [1, 0x60, 1, I32, 1, I32]), // type 0: (i32) -> i32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, ...leb(pages)]), // memory 0: min `pages`, no max
    ...section(7, [2, ...name('scan'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...leb(SCAN_BODY.length), ...SCAN_BODY]),
  ]);
}

/** Finds the first forbidden control byte of `bytes[from, to)`: its offset, or -1. */
export type ControlByteScanner = (bytes: Uint8Array, from: number, to: number) => number;

const forbidden = (c: number): boolean => c < 32 && c !== 9 && c !== 10 && c !== 13;

/** The part of the WebAssembly JS API used here (Node's global; not in the compiler's libs). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function makeScanner(): ControlByteScanner | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  const bytes = moduleBytes();
  if (!wasm.validate(bytes)) return undefined;
  const instance = new wasm.Instance(new wasm.Module(bytes));
  const scan = instance.exports.scan as (len: number) => number;
  // The memory never grows (nothing in the module grows it), so this view stays valid.
  const memory = new Uint8Array((instance.exports.memory as { buffer: ArrayBuffer }).buffer);
  return (bytes, from, to) => {
    for (let at = from; at < to; at += CHUNK) {
      const n = Math.min(CHUNK, to - at);
      memory.set(bytes.subarray(at, at + n), 0);
      // The last block's lanes past `n` are spaces (printable): only the bytes given are judged.
      memory.fill(0x20, n, (n + 15) & ~15);
      const block = scan(n);
      if (block >= 0) {
        for (let j = block; j < n; j++) if (forbidden(memory[j] as number)) return at + j;
      }
    }
    return -1;
  };
}

let made = false;
let scanner: ControlByteScanner | undefined;

/** The SIMD scanner, made on first use; undefined where WebAssembly SIMD is not available. */
export function controlByteScanner(): ControlByteScanner | undefined {
  if (!made) {
    made = true;
    try {
      scanner = makeScanner();
    } catch {
      scanner = undefined;
    }
  }
  return scanner;
}
