/**
 * Decoding of a text input by its byte-order mark, as pip 23.2's `auto_decode`
 * (pip/_internal/utils/encoding.py) does for requirements files: a UTF-16 or UTF-32 BOM (big or
 * little endian) selects that encoding and is dropped. Windows PowerShell 5.1 writes
 * `pip freeze > requirements.txt` as UTF-16LE with a BOM (review 15c F9). Anything else is UTF-8
 * (a UTF-8 BOM is left for the readers, which drop it). pip tries its BOMs in this order, so
 * `FF FE 00 00` is read as UTF-16LE, as pip does.
 */

export class InputDecodeError extends Error {
  override name = 'InputDecodeError';
}

const BOMS: readonly {
  bom: readonly number[];
  encoding: 'utf-16be' | 'utf-16le' | 'utf-32be' | 'utf-32le';
}[] = [
  { bom: [0xfe, 0xff], encoding: 'utf-16be' },
  { bom: [0xff, 0xfe], encoding: 'utf-16le' },
  { bom: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bom: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
];

function decodeUtf32(bytes: Buffer, bigEndian: boolean, shown: string): string {
  if (bytes.length % 4 !== 0) throw new InputDecodeError(`${shown}: not valid UTF-32 (its BOM says UTF-32)`);
  // Code points gathered 4,096 at a time into one string each: a string per code point took ~25×
  // the file's size in memory (review 15e F9).
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      throw new InputDecodeError(`${shown}: not valid UTF-32 at byte ${i} (its BOM says UTF-32)`);
    chunk.push(cp);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** The text of `bytes`: by its UTF-16/32 BOM when it has one (pip's auto_decode), else UTF-8. */
export function decodeByBom(bytes: Buffer, shown: string): string {
  const found = BOMS.find(({ bom }) => bom.every((b, i) => bytes[i] === b));
  if (found === undefined) return bytes.toString('utf8');
  const body = bytes.subarray(found.bom.length);
  if (found.encoding === 'utf-32be' || found.encoding === 'utf-32le')
    return decodeUtf32(body, found.encoding === 'utf-32be', shown);
  try {
    return new TextDecoder(found.encoding, { fatal: true }).decode(body);
  } catch {
    throw new InputDecodeError(
      `${shown}: not valid ${found.encoding.toUpperCase()} (its BOM says so); save it as UTF-8`,
    );
  }
}
