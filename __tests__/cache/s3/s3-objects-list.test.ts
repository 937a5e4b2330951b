/**
 * Review 14c F7: a listing ends (ListPageError, a warning for a restore) when the server answers a
 * continuation token it answered before, instead of following it to the page limit; keys longer
 * than S3's 1,024 bytes are not kept. A fake client plays the server.
 */
import { expect, it } from '@jest/globals';
import { S3Objects } from '../../../src/cache/s3/s3-objects.js';
import type { S3Client } from '../../../src/cache/s3/s3-client.js';
import { ListPageError, parseListPage, type ListPage } from '../../../src/cache/s3/s3-xml.js';
import { recorder } from '../../helpers/line-recorder.js';

const page = (token: string | undefined, keys: string[]): string =>
  `<ListBucketResult><IsTruncated>${token !== undefined}</IsTruncated>` +
  (token !== undefined ? `<NextContinuationToken>${token}</NextContinuationToken>` : '') +
  keys.map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`).join('') +
  '</ListBucketResult>';

const serving = (pages: Record<string, string>): { client: S3Client; calls: (string | undefined)[] } => {
  const calls: (string | undefined)[] = [];
  const client = {
    list: (_prefix: string, token?: string): Promise<ListPage> => {
      calls.push(token);
      return Promise.resolve(parseListPage(pages[token ?? ''] ?? page(undefined, [])));
    },
    describe: (k = '') => `s3://b/${k}`,
  } as unknown as S3Client;
  return { client, calls };
};

it('a token answered again ends the listing at once', async () => {
  // '' → t1 → t2 → t1 again: the third page's token was the first page's.
  const { client, calls } = serving({
    '': page('t1', ['p/a']),
    t1: page('t2', ['p/b']),
    t2: page('t1', ['p/c']),
  });
  const objects = new S3Objects(client, 'p', recorder());
  await expect(objects.listAll('p/')).rejects.toThrow(ListPageError);
  await expect(objects.listAll('p/')).rejects.toThrow(/continuation token .* answered before/);
  expect(calls).toEqual([undefined, 't1', 't2', undefined, 't1', 't2']);
});

it('distinct tokens are followed to the last page', async () => {
  const { client } = serving({
    '': page('t1', ['p/a']),
    t1: page('t2', ['p/b']),
    t2: page(undefined, ['p/c']),
  });
  const got = await new S3Objects(client, 'p', recorder()).listAll('p/');
  expect(got.map((o) => o.key)).toEqual(['p/a', 'p/b', 'p/c']);
});

it('keys over 1,024 UTF-8 bytes are not kept; 1,024 bytes are', () => {
  const at = 'k'.repeat(1024);
  const over = 'k'.repeat(1025);
  const multibyte = 'é'.repeat(513); // 1,026 bytes in 513 characters
  const got = parseListPage(page(undefined, [at, over, multibyte]));
  expect(got.objects.map((o) => o.key)).toEqual([at]);
});
