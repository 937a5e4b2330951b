/**
 * ListObjectsV2 pages from a store that may be hostile (review 2 of session 12, #2): reading a
 * page is linear in its size whatever it holds, a page never yields more objects than S3 sends
 * (1,000), and long listings are collected without spreading them into a call's arguments.
 * The network is replaced by ready pages; listing, paging and pruning are the store's own code.
 */
import { describe, expect, it } from '@jest/globals';
import { S3Store } from '../../../src/cache/s3-store.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
import {
  ListPageError,
  MAX_LIST_PAGE_OBJECTS,
  parseListPage,
  type ListPage,
} from '../../../src/cache/s3/s3-xml.js';
import { RecordingLogger } from '../../../src/util/logger.js';

const HEAD = '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
const contents = (key: string, size = 1): string =>
  `<Contents><Key>${key}</Key><LastModified>2026-12-01T00:00:00.000Z</LastModified><Size>${size}</Size></Contents>`;

/**
 * A store whose LIST requests are answered by `pages(prefix, token)` instead of the network, and
 * that holds no entry under any exact key.
 */
function storeListing(
  pages: (prefix: string, token: string | undefined) => ListPage,
  logger = new RecordingLogger(),
): S3Store {
  const store = new S3Store({
    bucket: 'b',
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    prefix: 'fleet',
    logger,
  });
  store.client.list = async (prefix: string, token?: string) => pages(prefix, token);
  store.client.getBuffer = async () => undefined;
  return store;
}

/**
 * `read()`, then a turn of the event loop: jest cannot interrupt synchronous work, but a read that
 * outlasted the test's timeout (30 s) is then failed by it instead of passing late.
 */
async function settled<T>(read: () => T): Promise<T> {
  const got = read();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return got;
}

describe('ListObjectsV2 page reading', () => {
  // 64 MiB: the old reading tried up to 8,192 characters after each of 6.7 million `<Contents>`
  // (about 5 minutes of a core here, ten times the test timeout); a single walk takes about a
  // second, most of it building the page.
  const BIG = 64 * 1024 * 1024;

  it('reads a page of unclosed <Contents> elements in one pass, finding no object', async () => {
    const hostile = HEAD + '<Contents>'.repeat(BIG / 10) + '</ListBucketResult>';
    expect((await settled(() => parseListPage(hostile))).objects).toEqual([]);
  });

  it('ends an element at its first close; skips one another <Contents> interrupts, and one too long', async () => {
    const long = `<Contents><Key>long</Key><Owner>${'o'.repeat(10_000)}</Owner></Contents>`;
    const xml =
      HEAD +
      long +
      '<Contents><Key>broken</Key>' +
      contents('a') +
      '<Contents>'.repeat(BIG / 20) +
      contents('b') +
      '</ListBucketResult>';
    expect((await settled(() => parseListPage(xml))).objects.map((o) => o.key)).toEqual(['a', 'b']);
  });

  it('takes 1,000 objects from a page and refuses a page with more', () => {
    const page = (n: number): string =>
      HEAD + Array.from({ length: n }, (_, i) => contents(`k${i}`)).join('') + '</ListBucketResult>';
    expect(parseListPage(page(MAX_LIST_PAGE_OBJECTS)).objects).toHaveLength(MAX_LIST_PAGE_OBJECTS);
    expect(() => parseListPage(page(MAX_LIST_PAGE_OBJECTS + 1))).toThrow(ListPageError);
    expect(() => parseListPage(page(MAX_LIST_PAGE_OBJECTS + 1))).toThrow(/at most 1000 per page/);
  });
});

describe('listing through the store', () => {
  it('refuses an oversized page: the restore warns, naming the listing, and restores nothing', async () => {
    const xml = HEAD + contents('fleet/entries/x.json').repeat(200_000) + '</ListBucketResult>';
    const logger = new RecordingLogger();
    const store = storeListing(() => parseListPage(xml), logger);
    const prefix = 'wheelhouse-v1-linux-x86_64-cp312-';
    expect(await store.restore(['/nonexistent/wh'], `${prefix}${'0'.repeat(32)}`, [prefix])).toEqual({
      exact: false,
    });
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^S3 cache restore failed \(continuing without cache\): S3 LIST .*fleet\/entries\/wheelhouse-v1-.*more than 1000 objects/,
    );
  });

  it('refuses a page of more than 1,000 objects from any client, naming the listing', async () => {
    const objects = Array.from({ length: MAX_LIST_PAGE_OBJECTS + 1 }, (_, i) => ({
      key: `fleet/wheels/${i}`,
      lastModified: 1,
      size: 1,
    }));
    await expect(storeListing(() => ({ objects })).listAll('fleet/wheels/')).rejects.toThrow(
      /^S3 LIST s3:\/\/b\/fleet\/wheels\/: a page of 1001 objects \(S3 sends at most 1000\): not used$/,
    );
  });

  it('collects a listing of 300,000 objects (300 pages) without overflowing the stack, also in prune', async () => {
    const fresh = Date.now();
    const page = (area: string, n: number, token: string | undefined): ListPage => {
      const at = token === undefined ? 0 : Number(token);
      const objects = Array.from({ length: MAX_LIST_PAGE_OBJECTS }, (_, i) => ({
        key: `fleet/${area}sha256/00/${String(at * MAX_LIST_PAGE_OBJECTS + i).padStart(64, '0')}`,
        lastModified: fresh,
        size: 1,
      }));
      return at + 1 < n ? { objects, nextToken: String(at + 1) } : { objects };
    };
    const store = storeListing((prefix, token) =>
      prefix.endsWith('/wheels/') ? page('wheels/', 300, token) : { objects: [] },
    );
    expect(await store.listAll('fleet/wheels/', 1000)).toHaveLength(300_000);
    const pruned = await pruneStore(store, {
      olderThanDays: 30,
      logger: new RecordingLogger(),
      dryRun: true,
    });
    expect(pruned).toMatchObject({ objectsKept: 300_000, objectsDeleted: 0 });
  });
});
