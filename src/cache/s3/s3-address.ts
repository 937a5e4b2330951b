/**
 * Where an S3 request goes: path-style (`endpoint/bucket/key`) or virtual-host
 * (`bucket.endpoint/key`) addressing, and the URL-encoded path and query SigV4 signs (sigv4.ts
 * `uriEncode`; S3 API Reference, "Virtual hosting of buckets").
 */
import { uriEncode } from './sigv4.js';

/** Path-style unless asked otherwise, for IP/localhost endpoints, and for bucket names with dots. */
export function usePathStyle(forcePathStyle: boolean | undefined, bucket: string, host: string): boolean {
  if (forcePathStyle !== undefined) return forcePathStyle;
  return /^[\d.]+(:\d+)?$|^\[|^localhost(:\d+)?$/.test(host) || bucket.includes('.');
}

export interface S3Address {
  /** The whole URL, query included. */
  url: string;
  /** The path as signed (and sent). */
  encodedPath: string;
  /** The Host header: the endpoint's, or the bucket's under it. */
  host: string;
}

/** The address of `key` (the bucket itself when empty) in `bucket` at `base`, with `query`. */
export function addressOf(
  base: URL,
  bucket: string,
  pathStyle: boolean,
  key: string,
  query: Record<string, string>,
): S3Address {
  const host = pathStyle ? base.host : `${bucket}.${base.host}`;
  const path = pathStyle ? `/${bucket}${key === '' ? '' : `/${key}`}` : `/${key}`;
  const encodedPath = uriEncode(path, true);
  const qs = Object.entries(query)
    .map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`)
    .join('&');
  return { url: `${base.protocol}//${host}${encodedPath}${qs ? `?${qs}` : ''}`, encodedPath, host };
}
