/**
 * SigV4 against AWS's published S3 example ("Signature Calculations for the Authorization Header:
 * Transferring Payload in a Single Chunk", Amazon S3 API Reference — example "GET Object":
 * bucket examplebucket, key test.txt, Range bytes=0-9, 2013-05-24, us-east-1) and the settings parser.
 */
import { describe, expect, it } from '@jest/globals';
import { EMPTY_SHA256, signRequest, uriEncode } from '../../../src/cache/s3/sigv4.js';
import { parseS3Settings } from '../../../src/cache/s3/s3-settings.js';
import { parseErrorDocument, parseListPage } from '../../../src/cache/s3/s3-xml.js';

describe('signRequest', () => {
  it("reproduces AWS's documented GET Object signature", () => {
    const headers = signRequest({
      method: 'GET',
      encodedPath: '/test.txt',
      query: {},
      headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
      payloadSha256: EMPTY_SHA256,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      now: new Date(Date.UTC(2013, 4, 24)),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the session token header', () => {
    const headers = signRequest({
      method: 'GET',
      encodedPath: '/b/k',
      query: { 'list-type': '2', prefix: 'a b/' },
      headers: { host: 'h' },
      payloadSha256: EMPTY_SHA256,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'TOKEN' },
      now: new Date(0),
    });
    expect(headers['x-amz-security-token']).toBe('TOKEN');
    expect(headers.authorization).toContain(
      'SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
    );
  });

  it('encodes as SigV4 requires', () => {
    expect(uriEncode('a b/c~d+é', true)).toBe('a%20b/c~d%2B%C3%A9');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
  });
});

describe('S3 XML', () => {
  it('reads a ListObjectsV2 page and an error document', () => {
    const page = parseListPage(
      '<?xml version="1.0"?><ListBucketResult xmlns="x"><IsTruncated>true</IsTruncated>' +
        '<Contents><Key>p/e/a&amp;b.json</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><Size>12</Size></Contents>' +
        '<NextContinuationToken>tok/1</NextContinuationToken></ListBucketResult>',
    );
    expect(page).toEqual({
      objects: [{ key: 'p/e/a&b.json', lastModified: Date.UTC(2024, 0, 2, 3, 4, 5), size: 12 }],
      nextToken: 'tok/1',
    });
    expect(parseErrorDocument('<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>')).toBe(
      'NoSuchBucket: gone',
    );
    expect(() => parseListPage('<html></html>')).toThrow('not a ListBucketResult');
  });
});

describe('parseS3Settings', () => {
  const shown = (f: string): string => `input s3-${f}`;
  it('applies defaults and AWS_REGION', () => {
    expect(parseS3Settings({ bucket: 'my-bucket' }, { AWS_REGION: 'eu-west-1' }, shown)).toEqual({
      problems: [],
      settings: { bucket: 'my-bucket', prefix: 'wheelhouse', region: 'eu-west-1' },
    });
  });
  it('names every bad input', () => {
    const r = parseS3Settings(
      { bucket: 'Bad_Bucket', endpoint: 'http://user:pw@host', prefix: '../x', forcePathStyle: 'yes' },
      {},
      shown,
    );
    expect(r.settings).toBeUndefined();
    expect(r.problems.join('\n')).toMatch(
      /input s3-bucket.*\n.*input s3-prefix.*\n.*input s3-endpoint.*credentials.*\n.*input s3-forcePathStyle/,
    );
  });
});
