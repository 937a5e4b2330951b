/**
 * The `RECORD` file of an installed or packed distribution ("Recording installed projects" and the
 * binary distribution format): a CSV file (Python's `csv` default dialect: `,` separated, `"`
 * quoted, quotes doubled, `\r\n` or `\n` line ends) of `path,hash,size` rows, the hash written as
 * `<algorithm>=<urlsafe base64 digest without padding>`; `RECORD` itself (and the signature files
 * `RECORD.jws`/`RECORD.p7s`) carry no hash.
 */
import { createHash } from 'node:crypto';

export class RecordFormatError extends Error {
  override name = 'RecordFormatError';
}

export interface RecordRow {
  path: string;
  /** `sha256=…`, or empty. */
  hash: string;
  /** Decimal size, or empty. */
  size: string;
}

/** Hash algorithms a RECORD may name (hashlib.algorithms_guaranteed minus md5/sha1, as the spec says). */
const ALGORITHMS = new Set([
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'sha3_256',
  'sha3_384',
  'sha3_512',
  'blake2b',
  'blake2s',
]);
const CANONICAL = new Map([...ALGORITHMS].map((a) => [a, a]));
const NODE_NAMES: Record<string, string> = {
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
  sha3_512: 'sha3-512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
};

/**
 * Parses CSV text as Python's csv.reader does for the default dialect. A line without a quote
 * (nearly every RECORD line) is split on commas in one go; a line with a quote goes through the
 * character-by-character reader, which may run over line ends inside quotes. (Building every field
 * a character at a time made a 15k-row RECORD cost ~75 MB of short-lived strings.)
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = pos;
    let quote = false;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c === 34) quote = true;
    }
    if (quote) {
      pos = quotedRow(text, pos, rows);
      continue;
    }
    if (end > pos) rows.push(text.slice(pos, end).split(','));
    pos = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return rows;
}

/** The character-by-character reader alone, for every row (the reference the fast path is tested against). */
export function parseCsvByCharacter(text: string): string[][] {
  const rows: string[][] = [];
  for (let pos = 0; pos < text.length;) pos = quotedRow(text, pos, rows);
  return rows;
}

/** Reads one row starting at `start` a character at a time (quotes may span lines); answers where the next begins. */
function quotedRow(text: string, start: number, rows: string[][]): number {
  const row: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let fieldStarted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
      continue;
    }
    if (c === '"' && !fieldStarted && !quoted) {
      inQuotes = true;
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (fieldStarted || row.length > 0) {
        endField();
        rows.push(row);
      }
      return i + 1;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new RecordFormatError('unterminated quoted field at the end of the file');
  if (fieldStarted || row.length > 0) {
    endField();
    rows.push(row);
  }
  return text.length;
}

export function parseRecord(text: string): RecordRow[] {
  return parseCsv(text).map((cells) => ({
    path: cells[0] ?? '',
    hash: cells[1] ?? '',
    size: cells[2] ?? '',
  }));
}

/** One CSV field as Python's csv.writer (QUOTE_MINIMAL) writes it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * RECORD text as pip writes it: rows sorted by (path, hash, size) as strings
 * (pip/_internal/operations/install/wheel.py `_normalized_outrows`), written by csv.writer's
 * default dialect, whose line terminator is `\r\n`.
 */
export function formatRecord(rows: readonly RecordRow[]): string {
  const sorted = [...rows].sort((a, b) => cmp(a.path, b.path) || cmp(a.hash, b.hash) || cmp(a.size, b.size));
  return sorted.map((r) => `${csvField(r.path)},${csvField(r.hash)},${csvField(r.size)}\r\n`).join('');
}

/** Python compares str by code point; JS `<` compares UTF-16 units — equal for the BMP. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function recordHashOf(digest: Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}=${Buffer.from(digest).toString('base64url')}`;
}

export function sha256Record(bytes: Uint8Array): string {
  return recordHashOf(createHash('sha256').update(bytes).digest());
}

export interface ExpectedHash {
  /** The Node crypto algorithm name. */
  nodeAlgorithm: string;
  /** Expected digest. */
  digest: Buffer;
}

/** Decodes a RECORD hash field; throws RecordFormatError for unknown or malformed ones. */
export function parseRecordHash(field: string, path: string): ExpectedHash {
  const eq = field.indexOf('=');
  const algorithm = eq < 0 ? '' : field.slice(0, eq).toLowerCase();
  if (!ALGORITHMS.has(algorithm)) {
    throw new RecordFormatError(
      `RECORD row ${JSON.stringify(path)} has an unusable hash ${JSON.stringify(field)}`,
    );
  }
  const b64 = field.slice(eq + 1);
  if (!/^[A-Za-z0-9_-]+=*$/.test(b64)) {
    throw new RecordFormatError(
      `RECORD row ${JSON.stringify(path)} has a malformed digest ${JSON.stringify(field)}`,
    );
  }
  return {
    // One string per algorithm, not one per RECORD row (tens of thousands for torch).
    nodeAlgorithm: NODE_NAMES[algorithm] ?? (CANONICAL.get(algorithm) as string),
    digest: Buffer.from(b64.replace(/=+$/, ''), 'base64url'),
  };
}
