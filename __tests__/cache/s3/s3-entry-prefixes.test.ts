/**
 * Review 14c F8: the flow restores by prefix as `restore(paths, prefix, [prefix])`; on a miss the
 * prefix is listed once, not once per mention. A fake client plays an empty store and counts.
 */
import { expect, it } from '@jest/globals';
import { S3Objects } from '../../../src/cache/s3/s3-objects.js';
import type { S3Client } from '../../../src/cache/s3/s3-client.js';
import { findEntry } from '../../../src/cache/s3/s3-entry.js';
import type { ListPage } from '../../../src/cache/s3/s3-xml.js';
import { recorder } from '../../helpers/line-recorder.js';

const PREFIX = 'wheelhouse-v1-linux-abc-cp312-';

it('each distinct prefix is listed once on a miss, in the order given', async () => {
  const listed: string[] = [];
  const client = {
    list: (prefix: string): Promise<ListPage> => {
      listed.push(prefix);
      return Promise.resolve({ objects: [] });
    },
    getBuffer: (): Promise<Buffer | undefined> => Promise.resolve(undefined),
    describe: (k = '') => `s3://b/${k}`,
  } as unknown as S3Client;
  const objects = new S3Objects(client, 'p', recorder());
  expect(await findEntry(objects, 1, PREFIX, [PREFIX], recorder())).toBeUndefined();
  expect(listed).toEqual([`p/entries/${PREFIX}`]);
  listed.length = 0;
  expect(
    await findEntry(objects, 1, PREFIX + 'x', [PREFIX, PREFIX + 'x', PREFIX], recorder()),
  ).toBeUndefined();
  expect(listed).toEqual([`p/entries/${PREFIX}x`, `p/entries/${PREFIX}`]);
});
