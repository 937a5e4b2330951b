import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, open, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  fetchFileUrl,
  nodeFileFetchFs,
  type FileFetchFs,
  type FileFetchHandle,
} from '../../src/index/file-fetch.js';

/** The real file system, counting the bytes read and the handles left open. */
class CountingFs implements FileFetchFs {
  bytesRead = 0;
  opened = 0;
  closed = 0;
  stat(path: string) {
    return nodeFileFetchFs.stat(path);
  }
  async open(path: string): Promise<FileFetchHandle> {
    const handle = await nodeFileFetchFs.open(path);
    this.opened++;
    return {
      read: async (buffer, offset, length, position) => {
        const result = await handle.read(buffer, offset, length, position);
        this.bytesRead += result.bytesRead;
        return result;
      },
      close: async () => {
        this.closed++;
        await handle.close();
      },
    };
  }
}

const MB = 1 << 20;
/** A sparse 600 MB file: holes read as zeros, with marked bytes near its end and start. */
const BIG_SIZE = 600 * MB;
const TAIL = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
const HEAD = Uint8Array.from({ length: 16 }, (_, i) => 200 + i);

let dir: string;
let bigUrl: URL;
let smallUrl: URL;
const SMALL = Uint8Array.from({ length: 3 * MB + 123 }, (_, i) => (i * 7 + 3) & 0xff);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wheelhouse-file-fetch-'));
  const big = join(dir, 'torch-2.0-cp311-cp311-linux_x86_64.whl');
  const handle = await open(big, 'w');
  await handle.truncate(BIG_SIZE);
  await handle.write(HEAD, 0, HEAD.length, 0);
  await handle.write(TAIL, 0, TAIL.length, BIG_SIZE - TAIL.length);
  await handle.close();
  bigUrl = pathToFileURL(big);
  const small = join(dir, 'small.whl');
  await writeFile(small, SMALL);
  smallUrl = pathToFileURL(small);
  await mkdir(join(dir, 'simple'));
  await writeFile(join(dir, 'simple', 'index.html'), '<html></html>');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of stream) parts.push(p);
  return Buffer.concat(parts);
}

describe('fetchFileUrl reads only what it hands out', () => {
  it('a suffix range of a 600 MB file reads only that suffix', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(bigUrl, 'GET', { Range: 'bytes=-64' }, fs);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${BIG_SIZE - 64}-${BIG_SIZE - 1}/${BIG_SIZE}`);
    expect(res.headers['content-length']).toBe('64');
    expect(await res.body()).toEqual(TAIL);
    expect(fs.bytesRead).toBe(64);
    expect(fs.closed).toBe(fs.opened);
  });

  it('a bounded range in the middle reads exactly its bytes, also when streamed', async () => {
    const fs = new CountingFs();
    const start = BIG_SIZE - 1000;
    const res = await fetchFileUrl(bigUrl, 'GET', { range: `bytes=${start}-${BIG_SIZE - 33}` }, fs);
    expect(res.status).toBe(206);
    const body = await collect(res.stream());
    expect(body.length).toBe(968);
    expect([...body.subarray(-32)]).toEqual([...TAIL.subarray(0, 32)]);
    expect(fs.bytesRead).toBe(968);
    expect(fs.closed).toBe(1);
  });

  it('an open-ended range reads from its start to the end only', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(bigUrl, 'GET', { Range: `bytes=${BIG_SIZE - 10}-` }, fs);
    expect(res.status).toBe(206);
    expect([...(await res.body())]).toEqual([...TAIL.subarray(-10)]);
    expect(fs.bytesRead).toBe(10);
  });

  it('HEAD is a stat: no bytes read, no file opened', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(bigUrl, 'HEAD', {}, fs);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG_SIZE));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(await res.body()).toEqual(new Uint8Array(0));
    expect(fs.opened).toBe(0);
    expect(fs.bytesRead).toBe(0);
  });

  it('a whole-file GET reads nothing until consumed, and streams in chunks', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(bigUrl, 'GET', {}, fs);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG_SIZE));
    expect(fs.opened).toBe(0);
    // Read the first chunk only, then stop: the rest of the 600 MB is never read.
    const iterator = res.stream()[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const chunk = first.value as Uint8Array;
    expect([...chunk.subarray(0, HEAD.length)]).toEqual([...HEAD]);
    expect(chunk.length).toBeLessThan(BIG_SIZE);
    await iterator.return?.(undefined);
    expect(fs.bytesRead).toBe(chunk.length);
    expect(fs.closed).toBe(1);
  });

  it('a discarded response opens nothing', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(bigUrl, 'GET', {}, fs);
    await res.discard();
    expect(fs.opened).toBe(0);
  });

  it('streams a whole small file byte for byte, in more than one chunk', async () => {
    const fs = new CountingFs();
    const res = await fetchFileUrl(smallUrl, 'GET', {}, fs);
    const parts: Uint8Array[] = [];
    for await (const p of res.stream()) parts.push(p);
    expect(parts.length).toBeGreaterThan(1);
    // Buffer.equals: jest's deep equality walks 3 MB element by element.
    expect(Buffer.concat(parts).equals(SMALL)).toBe(true);
    expect(fs.bytesRead).toBe(SMALL.length);
    const again = await fetchFileUrl(smallUrl, 'GET', {}, fs);
    expect(Buffer.from(await again.body()).equals(SMALL)).toBe(true);
  });

  it('keeps the HTTP answers: 416, ignored invalid ranges, 404, directory index', async () => {
    const fs = new CountingFs();
    const beyond = await fetchFileUrl(smallUrl, 'GET', { Range: `bytes=${SMALL.length}-` }, fs);
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${SMALL.length}`);
    expect((await fetchFileUrl(smallUrl, 'GET', { Range: 'bytes=-0' }, fs)).status).toBe(416);
    const backwards = await fetchFileUrl(smallUrl, 'GET', { Range: 'bytes=10-5' }, fs);
    expect(backwards.status).toBe(200);
    expect((await backwards.body()).length).toBe(SMALL.length);
    const clamped = await fetchFileUrl(smallUrl, 'GET', { Range: 'bytes=5-99999999' }, fs);
    expect(clamped.status).toBe(206);
    expect(clamped.headers['content-range']).toBe(`bytes 5-${SMALL.length - 1}/${SMALL.length}`);
    expect((await clamped.body()).length).toBe(SMALL.length - 5);
    const garbage = await fetchFileUrl(smallUrl, 'GET', { Range: 'lines=1-2' }, fs);
    expect(garbage.status).toBe(200);
    await garbage.discard();
    const missing = await fetchFileUrl(pathToFileURL(join(dir, 'nope.whl')), 'GET', {}, fs);
    expect(missing.status).toBe(404);
    const index = await fetchFileUrl(pathToFileURL(join(dir, 'simple')), 'GET', {}, fs);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html');
    expect(new TextDecoder().decode(await index.body())).toBe('<html></html>');
    expect(fs.closed).toBe(fs.opened);
  });
});
