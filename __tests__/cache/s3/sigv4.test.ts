/**
 * SigV4 against AWS's published S3 example ("Signature Calculations for the Authorization Header:
 * Transferring Payload in a Single Chunk", Amazon S3 API Reference — example "GET Object":
 * bucket examplebucket, key test.txt, Range bytes=0-9, 2013-05-24, us-east-1) and the settings parser.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
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

  it('the signing key derived once is used only for its own secret, day and region', () => {
    // The documented request, signed here step by step (AWS's process, top of sigv4.ts) as the
    // reference for other secrets, days and regions.
    const reference = (secret: string, day: string, region: string): string => {
      const date = `${day}T000000Z`;
      const canonical = [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        `x-amz-date:${date}`,
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n');
      const scope = `${day}/${region}/s3/aws4_request`;
      const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')];
      const mac = (key: string | Buffer, data: string): Buffer =>
        createHmac('sha256', key).update(data).digest();
      const key = mac(mac(mac(mac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
      return createHmac('sha256', key).update(toSign.join('\n')).digest('hex');
    };
    const signed = (secret: string, day: string, region: string): string =>
      signRequest({
        method: 'GET',
        encodedPath: '/test.txt',
        query: {},
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
        payloadSha256: EMPTY_SHA256,
        region,
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
        now: new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T00:00:00Z`),
      }).authorization!.split('Signature=')[1]!;
    const aws = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(reference(aws, '20130524', 'us-east-1')).toBe(
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    const cases: [string, string, string][] = [
      [aws, '20130524', 'us-east-1'],
      ['other', '20130524', 'us-east-1'],
      [aws, '20130525', 'us-east-1'],
      [aws, '20130524', 'eu-west-1'],
    ];
    // Each after each other one: a key kept for the wrong secret, day or region would show.
    for (const a of cases)
      for (const b of cases) {
        expect(signed(...a)).toBe(reference(...a));
        expect(signed(...b)).toBe(reference(...b));
      }
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
