/**
 * RFC 9110 §14 byte ranges as the test index server understands them: one range per request
 * (`bytes=a-b`, `bytes=a-`, suffix `bytes=-N`). Several ranges are treated as no range.
 */

export type ParsedRange =
  | { kind: 'none' }
  | { kind: 'range'; start: number; end: number; suffix: boolean }
  | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): ParsedRange {
  if (!header) return { kind: 'none' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: 'none' }; // multi-range or malformed: ignore the header (RFC 9110 allows it)
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return { kind: 'none' };
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - n), end: size - 1, suffix: true };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return { kind: 'none' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end, suffix: false };
}
