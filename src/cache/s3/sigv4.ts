/**
 * AWS Signature Version 4 for S3 requests (pure; node:crypto only).
 *
 * Follows AWS's documented signing process ("Create a signed AWS API request", AWS IAM User Guide,
 * and "Signature Calculations for the Authorization Header", Amazon S3 API Reference):
 *   1. canonical request = method \n canonical URI \n canonical query \n canonical headers \n
 *      signed headers \n hex(sha256(payload)) — S3 sends the payload hash in `x-amz-content-sha256`
 *      and encodes the path once (not twice, unlike other services);
 *   2. string to sign = "AWS4-HMAC-SHA256" \n amz-date \n scope \n hex(sha256(canonical request)),
 *      scope = date/region/s3/aws4_request;
 *   3. signing key = HMAC chain "AWS4"+secret → date → region → service → "aws4_request";
 *   4. Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=…, Signature=hex.
 * A session token (temporary credentials, e.g. OIDC via configure-aws-credentials) travels in the
 * signed `x-amz-security-token` header.
 */
import { createHash, createHmac } from 'node:crypto';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** `x-amz-content-sha256` for requests whose body is not hashed (GET/HEAD/DELETE have none). */
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 unreserved characters stay; everything else is %XX (upper-case hex), as SigV4 requires. */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface SignInput {
  method: string;
  /** Already-encoded path (uriEncode(path, true)). */
  encodedPath: string;
  query: Record<string, string>;
  /** Headers to sign (host is added by the caller); names any case. */
  headers: Record<string, string>;
  payloadSha256: string;
  region: string;
  credentials: S3Credentials;
  now: Date;
}

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The last signing key made (step 3 above): it depends only on the secret, the day and the region,
 * so a run's hundreds of requests derive it once a day instead of four HMACs each. Held in memory
 * only, like the secret it comes from.
 */
let lastKey: { secret: string; day: string; region: string; key: Buffer } | undefined;

function signingKey(secret: string, day: string, region: string): Buffer {
  if (lastKey !== undefined && lastKey.secret === secret && lastKey.day === day && lastKey.region === region)
    return lastKey.key;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  lastKey = { secret, day, region, key };
  return key;
}

/** The headers to send: the given ones plus x-amz-date, x-amz-content-sha256, token, Authorization. */
export function signRequest(input: SignInput): Record<string, string> {
  const date = amzDate(input.now);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = v;
  headers['x-amz-date'] = date;
  headers['x-amz-content-sha256'] = input.payloadSha256;
  if (input.credentials.sessionToken !== undefined)
    headers['x-amz-security-token'] = input.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalQuery = Object.entries(input.query)
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    input.encodedPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    input.payloadSha256,
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    date,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const kSigning = signingKey(input.credentials.secretAccessKey, day, input.region);
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
