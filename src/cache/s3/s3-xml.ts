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

export function parseListPage(xml: string): ListPage {
  if (!/<ListBucketResult[\s>]/.test(xml)) throw new Error('not a ListBucketResult document');
  const objects: ListedObject[] = [];
  for (const m of xml.matchAll(/<Contents>([\s\S]{0,8192}?)<\/Contents>/g)) {
    const block = m[1]!;
    const key = element(block, 'Key');
    if (key === undefined) continue;
    const lastModified = Date.parse(element(block, 'LastModified') ?? '');
    const size = Number(element(block, 'Size') ?? '0');
    objects.push({ key, lastModified: Number.isNaN(lastModified) ? 0 : lastModified, size });
  }
  const truncated = element(xml, 'IsTruncated') === 'true';
  const nextToken = truncated ? element(xml, 'NextContinuationToken') : undefined;
  return nextToken !== undefined ? { objects, nextToken } : { objects };
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
