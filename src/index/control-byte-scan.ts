/**
 * The first byte below 0x20 other than TAB, LF and CR (a control character RFC 8259 §7 forbids
 * anywhere in JSON text) in a run of bytes, and which of TAB, LF, CR come before it, looked for 64
 * bytes per step by a small WebAssembly SIMD function.
 *
 * Why: page-body.ts checks every page body for such bytes before decoding it. In JavaScript the
 * best found was eight 32-bit words per step (`flaggedStep`): at PyPI scale (~100 MB of pages in a
 * prefect-shaped cold resolve) that loop was the largest JavaScript function of the whole run under
 * callgrind (0.34 G of 11.6 G instructions, ~3.4 per byte). Here four 16-byte loads are compared
 * with 0x20 (`i8x16.lt_u`) and the masks or-ed; only a group with a byte below 0x20 (a control
 * character, or TAB/LF/CR) is then looked at byte by byte in JavaScript. The bytes are copied into
 * the module's memory in chunks (memcpy).
 *
 * The module is written here byte by byte (WebAssembly core spec 2.0, binary format §5, with the
 * fixed-width SIMD instructions of §5.4.8); `WebAssembly.validate` checks it before use, and where
 * WebAssembly or its SIMD instructions are missing `controlByteScanner()` is undefined and the
 * caller keeps its JavaScript loop.
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
const I32_CONST = 0x41;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_CONST = 0x0c;
const I8X16_LT_U = 0x26;
const V128_OR = 0x50;
const V128_ANY_TRUE = 0x53;

/** Bytes looked at per step: four 16-byte vectors. */
const GROUP = 64;

/** `v128.load offset; local.get 2 (0x20 in every lane); i8x16.lt_u` — lanes below 0x20 set. */
const below20At = (offset: number): number[] => [
  LOCAL_GET,
  0,
  SIMD,
  V128_LOAD,
  0, // align 2^0
  offset, // < 128: one LEB128 byte
  LOCAL_GET,
  2,
  SIMD,
  I8X16_LT_U,
];

/**
 * `scan(from, len) -> i32`: the offset of the first 64-byte group of memory[from, len) (from a
 * multiple of 64) holding a byte below 0x20, or -1. Locals: 0 = from (the cursor), 1 = len,
 * 2 = 0x20 in every lane.
 */
const SCAN_BODY: number[] = [
  1, // one local declaration
  1,
  V128,
  SIMD,
  V128_CONST,
  ...new Array<number>(16).fill(0x20),
  LOCAL_SET,
  2,
  BLOCK,
  EMPTY,
  LOOP,
  EMPTY,
  // if from >= len: leave the block
  LOCAL_GET,
  0,
  LOCAL_GET,
  1,
  I32_GE_U,
  BR_IF,
  1,
  ...below20At(0),
  ...below20At(16),
  SIMD,
  V128_OR,
  ...below20At(32),
  SIMD,
  V128_OR,
  ...below20At(48),
  SIMD,
  V128_OR,
  SIMD,
  V128_ANY_TRUE,
  IF,
  EMPTY,
  LOCAL_GET,
  0,
  RETURN,
  END,
  // from += 64; next group
  LOCAL_GET,
  0,
  I32_CONST,
  0xc0, // 64 (signed LEB128: two bytes, bit 6 of the first is the sign)
  0x00,
  I32_ADD,
  LOCAL_SET,
  0,
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
    ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // type 0: (i32, i32) -> i32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, ...leb(pages)]), // memory 0: min `pages`, no max
    ...section(7, [2, ...name('scan'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...leb(SCAN_BODY.length), ...SCAN_BODY]),
  ]);
}

/** Bits of `ControlScan.whitespace`. */
export const WS_TAB = 1;
export const WS_LF = 2;
export const WS_CR = 4;

export interface ControlScan {
  /** The offset of the first forbidden control byte of the range, or -1. */
  found: number;
  /** Which of TAB, LF, CR (WS_* bits) occur in the range before `found` (all of it when -1). */
  whitespace: number;
}

/** Looks at `bytes[from, to)` for the first forbidden control byte, noting TAB/LF/CR before it. */
export type ControlByteScanner = (bytes: Uint8Array, from: number, to: number) => ControlScan;

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
  const scan = instance.exports.scan as (from: number, len: number) => number;
  // The memory never grows (nothing in the module grows it), so this view stays valid.
  const memory = new Uint8Array((instance.exports.memory as { buffer: ArrayBuffer }).buffer);
  return (bytes, from, to) => {
    let whitespace = 0;
    for (let at = from; at < to; at += CHUNK) {
      const n = Math.min(CHUNK, to - at);
      memory.set(bytes.subarray(at, at + n), 0);
      // The last group's bytes past `n` are spaces (printable): only the bytes given are judged.
      memory.fill(0x20, n, (n + GROUP - 1) & ~(GROUP - 1));
      // Only a group holding a byte below 0x20 is looked at byte by byte (PyPI's compact pages
      // have none: one call per chunk).
      for (let g = scan(0, n); g >= 0; g = scan(g + GROUP, n)) {
        const end = Math.min(g + GROUP, n);
        for (let j = g; j < end; j++) {
          const c = memory[j] as number;
          if (c >= 32) continue;
          if (c === 9) whitespace |= WS_TAB;
          else if (c === 10) whitespace |= WS_LF;
          else if (c === 13) whitespace |= WS_CR;
          else return { found: at + j, whitespace };
        }
      }
    }
    return { found: -1, whitespace };
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
