/**
 * A restore by prefix lists `<prefix>/entries/<restore prefix>…` — up to 100 pages of 1,000 objects,
 * names of up to 1 KiB that anyone able to write the bucket chose. The lookup held that whole
 * listing (~200 MB at 100 pages; session 17's closing note); it now streams it and keeps only the
 * three newest entries it will read, a count and the first foreign name. A fake client plays the
 * store in-process; the heap retained while listing is read after a full GC at every 8th page request
 * (so it does not depend on when V8 collects). The answer is what a stable sort of the whole listing
 * by time gave: the newest usable entry, of equal times the one listed first, the next newest tried
 * when the newest does not fit.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from '@jest/globals';
import type { S3Client } from '../../../src/cache/s3/s3-client.js';
import { findEntry } from '../../../src/cache/s3/s3-entry.js';
import { S3Objects } from '../../../src/cache/s3/s3-objects.js';
import type { ListPage } from '../../../src/cache/s3/s3-xml.js';
import { recorder } from '../../helpers/line-recorder.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const PREFIX = 'wheelhouse-v1-linux-x86_64-cp312-';
const validKey = (n: number): string => `${PREFIX}${n.toString(16).padStart(32, '0')}`;

interface Store {
  /** Page index → the valid entries on it: [cache key, lastModified, paths in its document]. */
  valid: Map<number, [string, number, number][]>;
  pages: number;
}

/** A fake S3 client: `pages` pages of 1,000 objects, 1 KiB foreign names but for `valid`. */
function fakeClient(store: Store, onList: () => void): S3Client & { reads: string[] } {
  const documents = new Map<string, string>();
  for (const entries of store.valid.values())
    for (const [key, , paths] of entries)
      documents.set(
        `p/entries/${key}.json`,
        JSON.stringify({ version: 1, key, paths: Array.from({ length: paths }, () => ({})) }),
      );
  const reads: string[] = [];
  return {
    reads,
    list: (prefix: string, token?: string): Promise<ListPage> => {
      const page = token === undefined ? 0 : Number(token);
      // Every 8th page (a full GC each time is slow on a loaded machine): a listing held whole
      // grows page by page, so any late sample shows it.
      if (page % 8 === 7) onList();
      const valid = store.valid.get(page) ?? [];
      const objects = [];
      for (let i = 0; i < 1000 - valid.length; i++)
        objects.push({
          key: `${prefix}${page}-${i}-`.padEnd(1024, 'x'),
          lastModified: 5_000_000 + i,
          size: 9,
        });
      for (const [key, lastModified] of valid)
        objects.splice(page % 7, 0, { key: `p/entries/${key}.json`, lastModified, size: 9 });
      return Promise.resolve({
        objects,
        ...(page + 1 < store.pages ? { nextToken: String(page + 1) } : {}),
      });
    },
    getBuffer: (key: string): Promise<Buffer | undefined> => {
      reads.push(key);
      const document = documents.get(key);
      return Promise.resolve(document === undefined ? undefined : Buffer.from(document));
    },
    describe: (k = '') => `s3://b/${k}`,
  } as unknown as S3Client & { reads: string[] };
}

it('a 100-page listing of 1 KiB names is streamed: only the newest entries are kept', async () => {
  let retained = 0;
  const sample = (): void => {
    collect();
    retained = Math.max(retained, process.memoryUsage().heapUsed);
  };
  const store: Store = {
    pages: 100,
    valid: new Map([
      [3, [[validKey(1), 9_000_000, 1]]],
      [57, [[validKey(2), 9_000_500, 1]]],
      [80, [[validKey(3), 8_000_000, 1]]],
    ]),
  };
  const client = fakeClient(store, sample);
  const logger = recorder();
  collect();
  const base = process.memoryUsage().heapUsed;
  const entry = await findEntry(new S3Objects(client, 'p', logger), 1, PREFIX, [PREFIX], logger);
  sample();
  const retainedMB = Math.round((retained - base) / 1048576);
  console.log(`prefix lookup retained heap ${retainedMB} MB`);
  // The 99,997 foreign names alone are ~100 MB; the old lookup kept them all (and their objects).
  expect(retainedMB).toBeLessThan(25);
  expect(entry?.key).toBe(validKey(2));
  expect(client.reads).toEqual([`p/entries/${validKey(2)}.json`]);
  expect(logger.lines).toEqual([
    expect.stringMatching(
      /^warn S3 cache: ignored 99997 object\(s\) under s3:\/\/b\/p\/entries\/wheelhouse-v1-linux-x86_64-cp312- whose names are not entries of wheelhouse cache keys \(first: "p\/entries\/wheelhouse-v1-linux-x86_64-cp312-0-0-x+"…\)$/,
    ),
  ]);
}, 60_000);

it('as the whole listing sorted by time: equal times keep listing order, the next newest is tried', async () => {
  const store: Store = {
    pages: 3,
    valid: new Map([
      // Newest, but its document lists 2 paths (the restore asks for 1): not used.
      [0, [[validKey(10), 700, 2]]],
      // Two of equal time: the first listed (page 1) is read first; it fits.
      [1, [[validKey(11), 600, 1]]],
      [
        2,
        [
          [validKey(12), 600, 1],
          [validKey(13), 100, 1],
          [validKey(14), 650, 2],
        ],
      ],
    ]),
  };
  const client = fakeClient(store, () => undefined);
  const logger = recorder();
  const entry = await findEntry(new S3Objects(client, 'p', logger), 1, PREFIX, [PREFIX], logger);
  expect(entry?.key).toBe(validKey(11));
  expect(client.reads).toEqual([
    `p/entries/${validKey(10)}.json`,
    `p/entries/${validKey(14)}.json`,
    `p/entries/${validKey(11)}.json`,
  ]);
});

it('at most three entries are read by prefix, newest first', async () => {
  const store: Store = {
    pages: 2,
    valid: new Map([
      [
        0,
        [
          [validKey(20), 10, 1],
          [validKey(21), 50, 2],
          [validKey(22), 40, 2],
        ],
      ],
      [
        1,
        [
          [validKey(23), 30, 2],
          [validKey(24), 20, 1],
        ],
      ],
    ]),
  };
  const client = fakeClient(store, () => undefined);
  const logger = recorder();
  expect(await findEntry(new S3Objects(client, 'p', logger), 1, PREFIX, [PREFIX], logger)).toBeUndefined();
  expect(client.reads).toEqual([21, 22, 23].map((n) => `p/entries/${validKey(n)}.json`));
});
