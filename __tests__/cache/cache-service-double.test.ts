/**
 * The cache-service double's blob endpoint against @azure/storage-blob itself (the SDK
 * @actions/cache uploads with): the single-shot Put Blob path is covered end to end by
 * actions-cache-backend.test.ts; archives over 128 MiB take Put Block + Put Block List, exercised
 * here with a small maxSingleShotSize. Also: Twirp authentication and ranged GETs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlockBlobClient } from '@azure/storage-blob';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

let service: CacheService;
let dir: string;

const TWIRP = 'twirp/github.actions.results.api.v1.CacheService/';

interface RpcAnswer {
  ok?: boolean;
  signed_upload_url?: string;
  signed_download_url?: string;
  matched_key?: string;
  entry_id?: string;
}

async function rpc(
  method: string,
  body: unknown,
  token = service.token,
): Promise<{ status: number; json: RpcAnswer }> {
  const res = await fetch(`${service.url}${TWIRP}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as RpcAnswer };
}

beforeAll(async () => {
  service = await startCacheService();
  dir = await mkdtemp(join(tmpdir(), 'wh-blob-'));
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cache service double', () => {
  it('accepts a block upload (Put Block + Put Block List) from the Azure SDK and serves ranges', async () => {
    const bytes = pseudoRandomBytes(10_000, 'blocks');
    const file = join(dir, 'archive.tzst');
    await writeFile(file, bytes);
    const created = await rpc('CreateCacheEntry', { key: 'k-blocks', version: 'v' });
    expect(created.json.ok).toBe(true);
    const client = new BlockBlobClient(created.json.signed_upload_url!);
    await client.uploadFile(file, { blockSize: 4096, maxSingleShotSize: 1024, concurrency: 2 });
    expect(service.counters.putBlock).toBe(3);
    expect(service.counters.putBlockList).toBe(1);
    const finalized = await rpc('FinalizeCacheEntryUpload', {
      key: 'k-blocks',
      version: 'v',
      size_bytes: '10000',
    });
    expect(finalized.json).toEqual({ ok: true, entry_id: expect.any(String) });
    expect(Buffer.from(service.blob('k-blocks')!).equals(Buffer.from(bytes))).toBe(true);

    const found = await rpc('GetCacheEntryDownloadURL', { key: 'k-', restore_keys: [], version: 'v' });
    expect(found.json.matched_key).toBe('k-blocks');
    const ranged = await fetch(found.json.signed_download_url!, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(Buffer.from(bytes.subarray(100, 200)))).toBe(true);
  });

  it('rejects a wrong runtime token, a wrong signature, and an unfinished entry', async () => {
    expect((await rpc('GetCacheEntryDownloadURL', { key: 'k', version: 'v' }, 'nope')).status).toBe(401);
    const created = await rpc('CreateCacheEntry', { key: 'k-sig', version: 'v' });
    const forged = String(created.json.signed_upload_url).replace(/sig=[^&]+/, 'sig=forged');
    const put = await fetch(forged, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' });
    expect(put.status).toBe(403);
    expect(
      (await rpc('FinalizeCacheEntryUpload', { key: 'k-sig', version: 'v', size_bytes: '1' })).json.ok,
    ).toBe(false);
    expect((await rpc('GetCacheEntryDownloadURL', { key: 'k-sig', version: 'v' })).json.ok).toBe(false);
  });

  it('matches only the same version, exact key before a prefix', async () => {
    for (const [key, version] of [
      ['p-1', 'v1'],
      ['p-2', 'v1'],
      ['p', 'v1'],
      ['p-3', 'v2'],
    ] as const) {
      const c = await rpc('CreateCacheEntry', { key, version });
      await fetch(c.json.signed_upload_url!, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body: key,
      });
      await rpc('FinalizeCacheEntryUpload', { key, version, size_bytes: String(key.length) });
    }
    expect((await rpc('GetCacheEntryDownloadURL', { key: 'p', version: 'v1' })).json.matched_key).toBe('p');
    expect((await rpc('GetCacheEntryDownloadURL', { key: 'p-', version: 'v1' })).json.matched_key).toBe(
      'p-2',
    );
    expect(
      (await rpc('GetCacheEntryDownloadURL', { key: 'x', restore_keys: ['p-'], version: 'v2' })).json
        .matched_key,
    ).toBe('p-3');
  });

  it('paces blob bodies through its bandwidth (uploads and downloads) and lists each transfer', async () => {
    // 400 KB each way at 2 MB/s: at least ~0.2 s per direction however fast the machine is.
    const bytes = pseudoRandomBytes(400_000, 'paced');
    service.setBlobBandwidth(2_000_000);
    try {
      const before = service.transfers().length;
      const c = await rpc('CreateCacheEntry', { key: 'k-paced', version: 'v' });
      const up = performance.now();
      const put = await fetch(c.json.signed_upload_url!, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body: bytes,
      });
      const upMs = performance.now() - up;
      expect(put.status).toBe(201);
      await rpc('FinalizeCacheEntryUpload', { key: 'k-paced', version: 'v', size_bytes: '400000' });
      const url = (await rpc('GetCacheEntryDownloadURL', { key: 'k-paced', version: 'v' })).json
        .signed_download_url!;
      const down = performance.now();
      const got = Buffer.from(await (await fetch(url)).arrayBuffer());
      const downMs = performance.now() - down;
      expect(got.equals(Buffer.from(bytes))).toBe(true);
      expect(upMs).toBeGreaterThanOrEqual(150);
      expect(downMs).toBeGreaterThanOrEqual(150);
      const listed = service.transfers().slice(before);
      expect(listed.map((t) => [t.method, t.bytes])).toEqual([
        ['PUT', 400_000],
        ['GET', 400_000],
      ]);
      for (const t of listed) expect(t.endMs - t.startMs).toBeGreaterThanOrEqual(150);
    } finally {
      service.setBlobBandwidth(0);
    }
  });
});
