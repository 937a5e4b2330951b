/** The plain GET's HTTP/1.1 heads (RFC 9112): what is read as a Content-Length framed answer. */
import { expect, it } from '@jest/globals';
import { getRequestHead, parseResponseHead } from '../../../src/cache/s3/s3-http-head.js';

const head = (text: string): ReturnType<typeof parseResponseHead> =>
  parseResponseHead(Buffer.from(text, 'latin1'));

it('writes a GET head and refuses a value with a line break', () => {
  expect(getRequestHead('/b/k', { host: 'h', 'x-amz-date': 'd' })).toBe(
    'GET /b/k HTTP/1.1\r\nhost: h\r\nx-amz-date: d\r\n\r\n',
  );
  expect(getRequestHead('/b/k', { host: 'h', 'x-amz-security-token': 'a\r\nb' })).toBeUndefined();
});

it('reads status, length, keep-alive and where the body starts', () => {
  expect(head('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nbody')).toEqual({
    status: '200',
    length: 12,
    chunked: false,
    keepAlive: true,
    bodyAt: 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n'.length,
  });
  expect(head('HTTP/1.1 200 OK\r\nConnection: Close\r\ncontent-length:3\r\n\r\n')).toMatchObject({
    keepAlive: false,
    length: 3,
  });
  expect(head('HTTP/1.0 404 Not Found\r\n\r\n')).toMatchObject({ status: '404', keepAlive: false });
});

it('marks what the plain GET leaves to undici', () => {
  expect(head('HTTP/1.1 200 OK\r\nContent-Length: 1')).toBe('incomplete');
  expect(head('HTTP/2 200\r\n\r\n')).toBe('unreadable');
  expect(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')).toMatchObject({ chunked: true });
  expect(
    (head('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n') as { length: number }).length,
  ).toBeNaN();
  expect((head('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n') as { length: number }).length).toBeNaN();
  expect(head('HTTP/1.1 200 OK\r\n\r\n')).toMatchObject({ length: undefined });
});
