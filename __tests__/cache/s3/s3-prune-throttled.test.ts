/**
 * An entry whose GET is throttled (429, or 408 from a proxy, after the client's retries) is not
 * "unreadable": the prune stops before its sweep instead of deleting every object that live entry
 * names (review 14e F4). A refused entry (403) is still skipped, as review 14c F3 asked. A local
 * HTTP server answers as S3 does (path style): listings, the entry GET, DELETEs recorded.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { S3Store } from '../../../src/cache/s3-store.js';
import { pruneStore } from '../../../src/cache/s3/s3-prune.js';
import { recorder } from '../../helpers/line-recorder.js';
import { listenLocally } from '../../helpers/listen-locally.js';

const SHA = 'cd'.repeat(32);
const OLD = '2020-01-01T00:00:00.000Z';
let deleted: string[] = [];
let entryStatus = 429;
let endpoint = '';
let stop: () => Promise<void>;

function listing(prefix: string): string {
  const keys =
    prefix === 'p/entries/'
      ? ['p/entries/live-key.json']
      : prefix === 'p/wheels/'
        ? [`p/wheels/sha256/cd/${SHA}`]
        : [];
  const contents = keys
    .map(
      (k) =>
        `<Contents><Key>${k}</Key><LastModified>${k.includes('entries') ? new Date().toISOString() : OLD}</LastModified><Size>10</Size></Contents>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><Prefix>${prefix}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`;
}

beforeAll(async () => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(listing(url.searchParams.get('prefix') ?? ''));
    } else if (req.method === 'GET' && url.pathname.includes('/entries/')) {
      res.writeHead(entryStatus, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>reduce your request rate</Message></Error>',
      );
    } else if (req.method === 'DELETE') {
      deleted.push(url.pathname);
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const l = await listenLocally(server);
  stop = l.close;
  endpoint = `http://127.0.0.1:${l.port}`;
});
afterAll(async () => stop());
beforeEach(() => {
  deleted = [];
});

function store(log: ReturnType<typeof recorder>): S3Store {
  return new S3Store({
    bucket: 'b',
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    prefix: 'p',
    logger: log,
    retries: 1,
    backoffBaseMs: 1,
  });
}

it.each([429, 408])('an entry answered %i stops the prune before it deletes anything', async (status) => {
  entryStatus = status;
  const log = recorder();
  const s = store(log);
  try {
    await expect(pruneStore(s, { olderThanDays: 30, logger: log })).rejects.toThrow();
    expect(deleted).toEqual([]);
  } finally {
    await s.close();
  }
});

it('a refused entry (403) is skipped with a warning, and protects nothing', async () => {
  entryStatus = 403;
  const log = recorder();
  const s = store(log);
  try {
    const result = await pruneStore(s, { olderThanDays: 30, logger: log });
    expect(result.entriesKept).toBe(1);
    expect(deleted).toEqual([`/b/p/wheels/sha256/cd/${SHA}`]);
  } finally {
    await s.close();
  }
});
