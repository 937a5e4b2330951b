/**
 * CRC-32 as ZIP uses it (PKWARE APPNOTE.TXT 4.4.7: the ISO 3309 / ITU-T V.42 polynomial
 * 0xEDB88320 in reflected form, initial value and final xor 0xFFFFFFFF). Incremental so a
 * streamed inflate can feed it chunk by chunk.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Continue a CRC-32 over `bytes`; start with `crc32Update(0, first)`. */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  return crc32Update(0, bytes);
}
