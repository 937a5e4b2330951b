/**
 * The few S3 XML responses the store reads, read with bounded regular expressions over a body
 * already limited in size (s3-client.ts): ListObjectsV2 (`ListBucketResult`: Contents/Key,
 * LastModified, Size; IsTruncated, NextContinuationToken — S3 API Reference, ListObjectsV2) and
 * the error document (`Error`: Code, Message — S3 API Reference, "Error responses").
 */

export interface ListedObject {
  key: string;
  lastModified: number;
  size: number;
}

export interface ListPage {
  objects: ListedObject[];
  nextToken?: string;
}

/** XML 1.0 predefined entities and numeric character references. */
export function xmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref === 'amp') return '&';
    if (ref === 'lt') return '<';
    if (ref === 'gt') return '>';
    if (ref === 'quot') return '"';
    if (ref === 'apos') return "'";
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]{0,4096})</${name}>`).exec(xml);
  return m === null ? undefined : xmlText(m[1]!);
}

/**
 * Most objects one ListObjectsV2 page may hold: `max-keys` defaults to, and is capped at, 1,000
 * (S3 API Reference, ListObjectsV2, "MaxKeys"). A page with more is not S3's answer.
 */
export const MAX_LIST_PAGE_OBJECTS = 1000;
/** Longest S3 object key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** A `<Contents>` element longer than this is malformed (a key is ≤ 1,024 bytes; the rest is small). */
const MAX_CONTENTS_CHARS = 8192;

/** A ListObjectsV2 answer that is not one the store can use. */
export class ListPageError extends Error {
  override name = 'ListPageError';
}

/**
 * A fresh copy of `text`: a substring may share (and keep alive) the whole page it was cut from,
 * and a kept key must not hold an 8 MiB body in memory. UTF-16 keeps every code unit as it is.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * The objects of one ListObjectsV2 page. The `<Contents>` elements are found by a single walk
 * with indexOf, so the work is linear in the page whatever it holds: an element ends at the first
 * `</Contents>` after it, and one that another `<Contents>` opens before its close (or that is
 * longer than MAX_CONTENTS_CHARS) is malformed and skipped. More than MAX_LIST_PAGE_OBJECTS
 * elements is refused (ListPageError).
 */
export function parseListPage(xml: string): ListPage {
  if (!/<ListBucketResult[\s>]/.test(xml)) throw new ListPageError('not a ListBucketResult document');
  const objects: ListedObject[] = [];
  const open = '<Contents>';
  const close = '</Contents>';
  let elements = 0;
  // The next `</Contents>` at or after the current element's start: -2 not looked for yet, -1 none.
  let end = -2;
  let at = xml.indexOf(open);
  while (at !== -1) {
    const start = at + open.length;
    const next = xml.indexOf(open, start);
    // Each search starts past the close found before, so all of them together read the page once.
    if (end !== -1 && end < start) end = xml.indexOf(close, start);
    at = next;
    if (end === -1 || (next !== -1 && next < end) || end - start > MAX_CONTENTS_CHARS) continue;
    if (++elements > MAX_LIST_PAGE_OBJECTS)
      throw new ListPageError(
        `a ListObjectsV2 page with more than ${MAX_LIST_PAGE_OBJECTS} objects (S3 sends at most ${MAX_LIST_PAGE_OBJECTS} per page)`,
      );
    const block = xml.slice(start, end);
    const key = element(block, 'Key');
    // S3 object keys are at most 1,024 bytes of UTF-8 (S3 User Guide, "Naming objects"): a longer
    // one is not a key of this store and is not kept (review 14c F7).
    if (key === undefined || Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) continue;
    const lastModified = Date.parse(element(block, 'LastModified') ?? '');
    const size = Number(element(block, 'Size') ?? '0');
    objects.push({ key: detached(key), lastModified: Number.isNaN(lastModified) ? 0 : lastModified, size });
  }
  const truncated = element(xml, 'IsTruncated') === 'true';
  const nextToken = truncated ? element(xml, 'NextContinuationToken') : undefined;
  return nextToken !== undefined ? { objects, nextToken: detached(nextToken) } : { objects };
}

/** `Code: Message` of an S3 error document, when the body is one. */
export function parseErrorDocument(xml: string): string | undefined {
  if (!/<Error[\s>]/.test(xml)) return undefined;
  const code = element(xml, 'Code');
  const message = element(xml, 'Message');
  if (code === undefined) return undefined;
  return message !== undefined && message !== '' ? `${code}: ${message}` : code;
}

/** The UploadId of a CreateMultipartUpload answer (`InitiateMultipartUploadResult`). */
export function parseUploadId(xml: string): string {
  if (!/<InitiateMultipartUploadResult[\s>]/.test(xml))
    throw new Error('not an InitiateMultipartUploadResult document');
  const id = element(xml, 'UploadId');
  if (id === undefined || id === '') throw new Error('InitiateMultipartUploadResult without an UploadId');
  return id;
}

/** Text for an XML element's content (the five predefined entities). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** The CompleteMultipartUpload request body: the parts in ascending order with their ETags. */
export function completeMultipartBody(parts: { partNumber: number; etag: string }[]): string {
  const items = parts
    .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`)
    .join('');
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${items}</CompleteMultipartUpload>`;
}
