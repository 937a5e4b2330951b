/**
 * Core metadata files (METADATA / PKG-INFO) — the core metadata specification
 * (packaging.python.org/specifications/core-metadata/), Metadata-Version 1.0 to 2.4.
 *
 * Format, as the spec defines it by reference to Python's `email.parser` with the compat32
 * policy: UTF-8 text; RFC 822-style `Name: value` headers up to the first empty line; a line that
 * starts with a space or tab continues the previous header (folding); header names are matched
 * case-insensitively; multiple-use fields simply repeat; since 2.1 the message body after the
 * empty line is the Description. LF, CRLF and lone CR line ends are all accepted; a leading BOM is
 * dropped.
 *
 * Unfolding: ordinary fields are unfolded as RFC 5322 §2.2.3 does (the line break is removed, the
 * continuation's whitespace kept), then trimmed. The free-text fields Description and License keep
 * their line breaks: a continuation line written with the spec's "7 spaces and a `|`" prefix loses
 * those 8 characters, other continuation lines lose their common indentation (setuptools writes
 * 8 spaces).
 *
 * Leniency: `parseMetadata` never throws on content; it returns every problem found (syntax
 * problems with their 1-based line, then `validateMetadata`'s checks). Like `email.parser`, a
 * line in the header block that is neither a header nor a continuation starts the body.
 * `parseMetadataStrict` throws InvalidMetadataError when any problem has severity "error".
 *
 * Not supported: RFC 2047 encoded words (`=?utf-8?q?…?=`) are kept as written; Requires-Dist,
 * Requires-Python and the other structured values stay strings (PEP 508 / PEP 440 parsing lives
 * in other modules); Metadata-Version 2.5 fields (see metadata-fields.ts); the JSON form of
 * PEP 566; writing metadata.
 */
import { normalizeName, type NormalizedName } from './names.js';
import { FIELDS } from './metadata-fields.js';
import { validateMetadata } from './metadata-validate.js';

export { validateMetadata } from './metadata-validate.js';

export interface MetadataProblem {
  /** "error" fails parseMetadataStrict; "warning" is informational (e.g. a newer minor version). */
  severity: 'error' | 'warning';
  /** Human-readable, naming the offending text. */
  message: string;
  /** Canonical field name the problem concerns, when there is one. */
  field?: string;
  /** 1-based line of the input, for syntax problems. */
  line?: number;
}

export interface CoreMetadata {
  metadataVersion: string;
  /** Name as written. */
  name: string;
  normalizedName: NormalizedName;
  /** Version as written. */
  version: string;
  summary?: string;
  /** The message body (2.1+) when non-blank, else the Description header. */
  description?: string;
  descriptionContentType?: string;
  /** Requires-Dist values as written (PEP 508 strings, unparsed). */
  requiresDist: string[];
  requiresPython?: string;
  /** Provides-Extra values, PEP 685 normalized, duplicates dropped. */
  providesExtra: string[];
  /** Dynamic field names, lowercased. */
  dynamic: string[];
  /** Every header by lowercased name, values in file order (the body is not included). */
  fields: Map<string, string[]>;
}

export class InvalidMetadataError extends Error {
  constructor(
    readonly problems: MetadataProblem[],
    readonly metadata: CoreMetadata,
  ) {
    const subject = metadata.name
      ? ` for ${JSON.stringify(metadata.name)} ${JSON.stringify(metadata.version)}`
      : '';
    const list = problems.map((p) => `\n  ${p.line ? `line ${p.line}: ` : ''}${p.message}`).join('');
    super(
      `invalid core metadata${subject}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:${list}`,
    );
    this.name = 'InvalidMetadataError';
  }
}

interface RawHeader {
  name: string;
  first: string;
  continuation: string[];
  line: number;
}

const HEADER = /^([\x21-\x39\x3b-\x7e]+):(.*)$/;
/** The spec's continuation prefix of free-text fields: 7 spaces and a `|`. */
const SPEC_CONTINUATION = '       |';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decode(input: string | Uint8Array, problems: MetadataProblem[]): string {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    return UTF8.decode(input);
  } catch {
    problems.push({
      severity: 'error',
      message: 'the input is not valid UTF-8; invalid bytes were replaced with U+FFFD',
    });
    return new TextDecoder('utf-8').decode(input);
  }
}

/** Joins a free-text field's lines, undoing the spec's `       |` prefix or a common indent. */
function unfoldText(first: string, continuation: string[]): string {
  // Plain loops: License and Description headers can hold whole documents.
  let indent = Number.POSITIVE_INFINITY;
  for (const l of continuation) {
    if (l.startsWith(SPEC_CONTINUATION) || l.trim() === '') continue;
    let i = 0;
    while (i < l.length && (l.charCodeAt(i) === 0x20 || l.charCodeAt(i) === 0x09)) i++;
    if (i < indent) indent = i;
  }
  if (indent === Number.POSITIVE_INFINITY) indent = 0;
  let out = first.trimStart();
  for (const l of continuation) {
    out += '\n';
    if (l.startsWith(SPEC_CONTINUATION)) out += l.slice(SPEC_CONTINUATION.length);
    else if (l.trim() !== '') out += l.slice(indent);
  }
  return out.trimEnd();
}

function headerValue(h: RawHeader): string {
  // One line: unfolding either way is trimming it.
  if (h.continuation.length === 0) return h.first.trim();
  if (FIELDS.get(h.name.toLowerCase())?.text) return unfoldText(h.first, h.continuation);
  return (h.first + h.continuation.join('')).trim();
}

/** Parses a core metadata file leniently: every problem is returned, nothing about content throws. */
export function parseMetadata(input: string | Uint8Array): {
  metadata: CoreMetadata;
  problems: MetadataProblem[];
} {
  const problems: MetadataProblem[] = [];
  const text = decode(input, problems);
  // Only the header block is split into lines (the body, often a long README, is one slice): it
  // ends at the first empty line, or earlier at a line that is not a header (then that line starts
  // the body, so the line after the block is kept as well).
  const blockEnd = /(?:^|\r\n|\r(?!\n)|\n)(?:\r\n|\r|\n)/.exec(text);
  const lines = (blockEnd === null ? text : text.slice(0, blockEnd.index)).split(/\r\n|\r|\n/);
  const rest = blockEnd === null ? undefined : text.slice(blockEnd.index + blockEnd[0].length);

  const headers: RawHeader[] = [];
  let current: RawHeader | undefined;
  let bodyStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      bodyStart = i + 1;
      break;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (current) current.continuation.push(line);
      else {
        problems.push({
          severity: 'error',
          line: i + 1,
          message: `continuation line ${JSON.stringify(line)} comes before any header; it is ignored`,
        });
      }
      continue;
    }
    const m = HEADER.exec(line);
    if (!m) {
      problems.push({
        severity: 'error',
        line: i + 1,
        message: `${JSON.stringify(line)} is not a "Name: value" header; it and all later lines are read as the body`,
      });
      bodyStart = i;
      break;
    }
    current = { name: m[1]!, first: m[2]!, continuation: [], line: i + 1 };
    headers.push(current);
  }

  const fields = new Map<string, string[]>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    const values = fields.get(key) ?? [];
    values.push(headerValue(h));
    fields.set(key, values);
  }
  const one = (key: string): string | undefined => fields.get(key)?.[0];
  const all = (key: string): string[] => fields.get(key) ?? [];

  const bodyLines = lines.slice(bodyStart);
  if (rest !== undefined) {
    // The empty line that ended the block is a body line when the block ended earlier.
    if (bodyStart < lines.length) bodyLines.push('');
    bodyLines.push(rest.includes('\r') ? rest.replace(/\r\n|\r/g, '\n') : rest);
  }
  const body = bodyLines.join('\n');
  let description = one('description');
  if (body.trim() !== '') {
    if (description !== undefined) {
      const line = headers.find((h) => h.name.toLowerCase() === 'description')!.line;
      problems.push({
        severity: 'error',
        field: 'Description',
        line,
        message: 'Description is given both as a header and as the message body; the body is used',
      });
    }
    description = body;
  }

  const name = one('name') ?? '';
  const metadata: CoreMetadata = {
    metadataVersion: one('metadata-version') ?? '',
    name,
    normalizedName: normalizeName(name),
    version: one('version') ?? '',
    requiresDist: all('requires-dist'),
    providesExtra: [...new Set(all('provides-extra').map(normalizeName))],
    dynamic: all('dynamic').map((d) => d.toLowerCase()),
    fields,
  };
  const summary = one('summary');
  if (summary !== undefined) metadata.summary = summary;
  if (description !== undefined) metadata.description = description;
  const contentType = one('description-content-type');
  if (contentType !== undefined) metadata.descriptionContentType = contentType;
  const requiresPython = one('requires-python');
  if (requiresPython !== undefined) metadata.requiresPython = requiresPython;

  problems.push(...validateMetadata(metadata));
  return { metadata, problems };
}

/** Parses and throws InvalidMetadataError listing every error-severity problem. */
export function parseMetadataStrict(input: string | Uint8Array): CoreMetadata {
  const { metadata, problems } = parseMetadata(input);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidMetadataError(errors, metadata);
  return metadata;
}
