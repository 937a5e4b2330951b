/**
 * A deterministic tar writer for sdist fixtures: POSIX.1-1988 ustar headers (512-byte blocks,
 * octal numeric fields, checksum over the header with the checksum field read as spaces) and
 * POSIX.1-2001 pax extended headers (typeflag 'x', records "<len> <key>=<value>\n") for paths
 * that do not fit ustar's 100-byte name field. No jest imports: benches reuse it.
 */

export interface TarEntryInput {
  path: string;
  data: Uint8Array;
  /** Force a pax header carrying `path` even when it would fit ustar. */
  pax?: boolean;
}

const BLOCK = 512;

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar field too long: ${value}`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  // length-1 octal digits, zero padded, NUL terminated.
  writeString(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/**
 * One ustar header block with a correct checksum (mode 0644, 0755 for a directory; owner root,
 * mtime 0). Alone, for tests that write a header whose member never follows (a declared size).
 */
export function ustarHeader(name: string, size: number, typeflag: string): Buffer {
  const header = Buffer.alloc(BLOCK);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, typeflag === '5' ? 0o755 : 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, 0); // mtime: epoch, for reproducibility
  writeString(header, 156, 1, typeflag);
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  writeString(header, 265, 32, 'root');
  writeString(header, 297, 32, 'root');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  writeString(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) {
    length = String(length).length + Buffer.byteLength(body);
  }
  return `${length}${body}`;
}

export function writeTar(entries: TarEntryInput[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const long = Buffer.byteLength(entry.path) > 100;
    if (long || entry.pax === true) {
      const pax = Buffer.from(paxRecord('path', entry.path), 'utf8');
      parts.push(ustarHeader('PaxHeader', pax.length, 'x'), pax, padding(pax.length));
    }
    const name = long ? entry.path.slice(0, 100) : entry.path;
    parts.push(
      ustarHeader(name, entry.data.length, '0'),
      Buffer.from(entry.data),
      padding(entry.data.length),
    );
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // end of archive: two zero blocks
  return new Uint8Array(Buffer.concat(parts));
}
