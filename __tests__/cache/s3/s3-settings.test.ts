/**
 * Review 14c F5: an `s3-endpoint` with a path (or a query or fragment) is refused as an input
 * problem: requests are addressed from the endpoint's host alone, so the path was silently dropped
 * and every request went to the host's root. A bare origin, with or without its trailing slash and
 * port, is still accepted.
 */
import { expect, it } from '@jest/globals';
import { parseS3Settings } from '../../../src/cache/s3/s3-settings.js';

const shown = (f: string): string => `input s3-${f}`;
const parse = (endpoint: string): ReturnType<typeof parseS3Settings> =>
  parseS3Settings({ bucket: 'fleet-cache', endpoint }, {}, shown);

it.each([
  'https://storage.example.com/s3',
  'https://storage.example.com/s3/',
  'http://127.0.0.1:9000/?x=1',
  'http://h#f',
])('refuses %s', (endpoint) => {
  const got = parse(endpoint);
  expect(got.settings).toBeUndefined();
  expect(got.problems).toEqual([
    'input s3-endpoint: a path, query or fragment is not supported (give the scheme, host and port only)',
  ]);
});

it.each(['https://storage.example.com', 'https://storage.example.com/', 'http://127.0.0.1:9000'])(
  'accepts %s',
  (endpoint) => {
    const got = parse(endpoint);
    expect(got.problems).toEqual([]);
    expect(got.settings?.endpoint).toBeDefined();
  },
);
