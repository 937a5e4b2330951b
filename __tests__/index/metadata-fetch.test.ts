import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { HttpClient } from '../../src/index/http-client.js';
import { NetworkError } from '../../src/index/http-errors.js';
import { CapabilityMemo } from '../../src/index/capability-memo.js';
import { DownloadHashMismatchError } from '../../src/index/file-download.js';
import { MetadataHashMismatchError, type MetadataFetcher } from '../../src/index/metadata-fetch.js';
import { MetadataMismatchError } from '../../src/index/metadata-identity.js';
import { WheelMetadataError } from '../../src/index/remote-zip.js';
import { ZipFormatError } from '../../src/index/zip-directory.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { defaultModes } from '../helpers/index-server-modes.js';
import {
  createTestMetadataFetcher,
  type TestMetadataFetcherOptions,
} from '../helpers/test-metadata-fetcher.js';
import {
  distFileFor,
  servedProjects,
  type DistFileOptions,
  type Served,
} from '../helpers/metadata-fixtures.js';

const TAIL = 64 * 1024;

function wheelItem(
  project: string,
  version: string,
  extra: Parameters<typeof buildWheel>[0] extends infer S ? Partial<S> : never = {},
  pep658 = false,
): Served & { dist: BuiltWheel } {
  return {
    project,
    dist: buildWheel({ name: project, version, requiresDist: ['idna>=2'], ...extra }),
    pep658,
  };
}

const items = {
  small: wheelItem('small', '1.0'),
  small2: wheelItem('small', '2.0'),
  big: wheelItem('big', '1.0', { files: [{ path: 'big/_core.so', size: 300_000 }] }),
  big2: wheelItem('big', '2.0', { files: [{ path: 'big/_core.so', size: 300_000 }] }),
  front: wheelItem('front', '1.0', {
    files: [{ path: 'front.libs/libfoo.so', size: 300_000 }],
    distInfoNotAtEnd: true,
  }),
  front2: wheelItem('front', '2.0', {
    files: [{ path: 'front.libs/libfoo.so', size: 300_000 }],
    distInfoNotAtEnd: true,
  }),
  pep658: wheelItem('meta', '1.0', { files: [{ path: 'meta/_x.so', size: 100_000 }] }, true),
  z64: wheelItem('zipsixtyfour', '1.0', {
    zip64: true,
    files: [{ path: 'zipsixtyfour/x.so', size: 100_000 }],
  }),
  badCrc: wheelItem('badcrc', '1.0', { badCrc: true }),
  oversize: wheelItem('oversize', '1.0', {
    metadataBytes: new TextEncoder().encode(
      'Metadata-Version: 2.1\nName: oversize\nVersion: 1.0\n' + 'Summary: padding\n'.repeat(700_000),
    ),
  }),
  wrongName: wheelItem('wrongname', '1.0', {
    metadataBytes: new TextEncoder().encode('Metadata-Version: 2.1\nName: other\nVersion: 1.0\n'),
  }),
  wrongVersion: wheelItem('wrongversion', '1.0', {
    metadataBytes: new TextEncoder().encode('Metadata-Version: 2.1\nName: WrongVersion\nVersion: 1.0.1\n'),
  }),
  normalizedVersion: wheelItem('normver', '1.0', {
    metadataBytes: new TextEncoder().encode('Metadata-Version: 2.1\nName: NormVer\nVersion: 1.0.0\n'),
  }),
};

describe('metadata fetch against the test index server', () => {
  let server: IndexServer;
  let http: HttpClient;
  let logger: RecordingLogger;
  let downloadDir: string;

  beforeAll(async () => {
    server = await startIndexServer({ projects: servedProjects(Object.values(items)) });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await http?.close();
    server.setModes(defaultModes());
    server.reset();
  });

  async function fetcher(options: TestMetadataFetcherOptions = {}): Promise<MetadataFetcher> {
    const made = await createTestMetadataFetcher(options);
    ({ http, logger, downloadDir } = made);
    return made.fetcher;
  }

  const file = (item: Served, options?: DistFileOptions) => distFileFor(server, item, options);
  const ranges = () => server.counters.log.map((e) => `${e.method} ${e.kind} ${e.status} ${e.range ?? '-'}`);

  describe('range-capable server, size known', () => {
    it('small wheel: one range request covering the whole file', async () => {
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.small));
      expect(r).toMatchObject({
        kind: 'metadata',
        path: 'lazy-wheel',
        requests: 1,
        bytes: items.small.dist.bytes.length,
      });
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.small.dist.metadata);
      expect(ranges()).toEqual([`GET range 206 bytes=0-${items.small.dist.bytes.length - 1}`]);
    });

    it('big wheel, METADATA in the tail: exactly one request of 64 KiB, no HEAD', async () => {
      const f = await fetcher();
      const size = items.big.dist.bytes.length;
      const r = await f.fetchMetadata(file(items.big));
      expect(r).toMatchObject({ kind: 'metadata', path: 'lazy-wheel', requests: 1, bytes: TAIL });
      expect(ranges()).toEqual([`GET range 206 bytes=${size - TAIL}-${size - 1}`]);
      expect(server.counters.bytes).toBe(TAIL);
    });

    it('dist-info not at the end: exactly two requests, the second just the METADATA member', async () => {
      const f = await fetcher();
      const { dist } = items.front;
      const md = dist.layout.find((l) => l.path.endsWith('METADATA'))!;
      const next = dist.layout[dist.layout.indexOf(md) + 1]!;
      const r = await f.fetchMetadata(file(items.front));
      expect(r.kind === 'metadata' && r.metadata).toEqual(dist.metadata);
      expect(r).toMatchObject({
        path: 'lazy-wheel',
        requests: 2,
        bytes: TAIL + next.localHeaderOffset - md.localHeaderOffset,
      });
      expect(ranges()).toEqual([
        `GET range 206 bytes=${dist.bytes.length - TAIL}-${dist.bytes.length - 1}`,
        `GET range 206 bytes=${md.localHeaderOffset}-${next.localHeaderOffset - 1}`,
      ]);
    });

    it('ZIP64 wheel: one request', async () => {
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.z64));
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.z64.dist.metadata);
      expect(server.counters.requests).toBe(1);
    });
  });

  describe('PEP 658', () => {
    it('fetches the .metadata file in exactly one request and verifies its hash', async () => {
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.pep658));
      expect(r).toMatchObject({
        kind: 'metadata',
        path: 'pep658',
        requests: 1,
        bytes: items.pep658.dist.metadata.length,
      });
      expect(server.counters.byKind.metadata.requests).toBe(1);
      expect(server.counters.requests).toBe(1);
    });

    it('a wrong declared hash is an error naming the redacted URL, with no fallback request', async () => {
      const f = await fetcher();
      const url = server.fileUrl(items.pep658.dist.filename).replace('http://', 'http://alice:s3cr3t-pw@');
      const err = await f
        .fetchMetadata(file(items.pep658, { metadataSha256: 'ab'.repeat(32), url }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MetadataHashMismatchError);
      const message = (err as Error).message;
      expect(message).toContain(
        `http://***@127.0.0.1:${server.port}/files/${items.pep658.dist.filename}.metadata`,
      );
      expect(message).not.toContain('s3cr3t-pw');
      expect(logger.text()).not.toContain('s3cr3t-pw');
      expect(server.counters.requests).toBe(1);
    });

    it('falls back to the wheel when a declared .metadata file is missing', async () => {
      server.setModes({ noMetadataFiles: true });
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.pep658));
      expect(r).toMatchObject({ kind: 'metadata', path: 'lazy-wheel', requests: 2 });
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.pep658.dist.metadata);
      expect(logger.text()).toMatch(/declared by the index but HTTP 404/);
    });

    it('checks what it read from the wheel instead against the declared hash (review 2 s12)', async () => {
      server.setModes({ noMetadataFiles: true });
      const f = await fetcher();
      const err = await f
        .fetchMetadata(file(items.pep658, { metadataSha256: 'ab'.repeat(32) }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MetadataHashMismatchError);
      expect((err as Error).message).toContain('the METADATA read from the wheel');
      expect((err as Error).message).toContain(items.pep658.dist.filename);
    });
  });

  describe('size unknown', () => {
    it('uses one suffix range', async () => {
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.big, { noSize: true }));
      expect(r).toMatchObject({ path: 'lazy-wheel', requests: 1, bytes: TAIL });
      expect(ranges()).toEqual([`GET range 206 bytes=-${TAIL}`]);
    });

    it('suffix refused (501): remembers the host and uses HEAD + positive ranges', async () => {
      server.setModes({ suffixRangeRefused: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const size = items.big.dist.bytes.length;
      const first = await f.fetchMetadata(file(items.big, { noSize: true }));
      expect(first).toMatchObject({ path: 'lazy-wheel', requests: 3 });
      expect(ranges()).toEqual([
        `GET range 501 bytes=-${TAIL}`,
        `HEAD head 200 -`,
        `GET range 206 bytes=${size - TAIL}-${size - 1}`,
      ]);
      expect(memo.get(`127.0.0.1:${server.port}`)).toMatchObject({ suffix: false });
      server.reset();
      const second = await f.fetchMetadata(file(items.big2, { noSize: true }));
      expect(second.kind === 'metadata' && second.metadata).toEqual(items.big2.dist.metadata);
      expect(second).toMatchObject({ path: 'lazy-wheel', requests: 2 });
      expect(ranges()[0]).toBe('HEAD head 200 -');
    });

    it('suffix refused and HEAD refused (405): learns the size from bytes=0-0', async () => {
      server.setModes({ suffixRangeRefused: true, headRefused: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const size = items.big.dist.bytes.length;
      const first = await f.fetchMetadata(file(items.big, { noSize: true }));
      expect(first.kind === 'metadata' && first.metadata).toEqual(items.big.dist.metadata);
      expect(ranges()).toEqual([
        `GET range 501 bytes=-${TAIL}`,
        `HEAD head 405 -`,
        `GET range 206 bytes=0-0`,
        `GET range 206 bytes=${size - TAIL}-${size - 1}`,
      ]);
      server.reset();
      const second = await f.fetchMetadata(file(items.big2, { noSize: true }));
      expect(second).toMatchObject({ path: 'lazy-wheel', requests: 2 });
      expect(ranges()[0]).toBe('GET range 206 bytes=0-0');
    });
  });

  describe('hosts that cannot do ranges', () => {
    it('Range ignored (200 + whole body): uses that body as the download and remembers the host', async () => {
      server.setModes({ rangeIgnored: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const r = await f.fetchMetadata(file(items.big));
      expect(r).toMatchObject({
        kind: 'metadata',
        path: 'download',
        requests: 1,
        bytes: items.big.dist.bytes.length,
      });
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.big.dist.metadata);
      const kept = f.downloadedPath(file(items.big));
      // In a directory of its own below the download directory (review 14b #7).
      expect(dirname(dirname(kept as string))).toBe(downloadDir);
      expect(basename(kept as string)).toBe(items.big.dist.filename);
      // (compare digests: jest's toEqual on a 300 KB array takes seconds)
      expect(
        createHash('sha256')
          .update(await readFile(kept!))
          .digest('hex'),
      ).toBe(items.big.dist.sha256);
      expect(memo.get(`127.0.0.1:${server.port}`)).toMatchObject({ ranges: false });
      server.reset();
      const second = await f.fetchMetadata(file(items.big2));
      expect(second).toMatchObject({ path: 'download', requests: 1 });
      expect(ranges()).toEqual(['GET file-full 200 -']);
    });

    it('wrong Content-Range: not trusted, downloads instead, remembers the host', async () => {
      server.setModes({ wrongContentRange: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const r = await f.fetchMetadata(file(items.big));
      expect(r).toMatchObject({ kind: 'metadata', path: 'download', requests: 2 });
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.big.dist.metadata);
      expect(memo.get(`127.0.0.1:${server.port}`).ranges).toBe(false);
      server.reset();
      expect(await f.fetchMetadata(file(items.front2))).toMatchObject({ path: 'download', requests: 1 });
      expect(ranges()).toEqual(['GET file-full 200 -']);
    });

    it('wrong Content-Range on a suffix range is caught too', async () => {
      server.setModes({ wrongContentRange: true });
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.front, { noSize: true }));
      expect(r).toMatchObject({ path: 'download', requests: 2 });
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.front.dist.metadata);
    });

    it('a memo loaded from disk skips range attempts on a known-bad host', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wh-memo-'));
      const seeded = new CapabilityMemo();
      seeded.record(`127.0.0.1:${server.port}`, { ranges: false }, 'test');
      await seeded.save(join(dir, 'memo.json'));
      const f = await fetcher({ memo: await CapabilityMemo.load(join(dir, 'memo.json')) });
      expect(await f.fetchMetadata(file(items.small))).toMatchObject({ path: 'download', requests: 1 });
      expect(ranges()).toEqual(['GET file-full 200 -']);
    });
  });

  describe('faults', () => {
    it('truncated file, tail past the served half: 416, then the download fails its hash check', async () => {
      server.setModes({ truncateFiles: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const size = items.big.dist.bytes.length;
      const err = await f.fetchMetadata(file(items.big)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DownloadHashMismatchError);
      expect((err as Error).message).toContain(server.fileUrl(items.big.dist.filename));
      expect(ranges()).toEqual([`GET range 416 bytes=${size - TAIL}-${size - 1}`, 'GET file-full 200 -']);
      // A 416 concerns this file only: the host stays trusted for ranges.
      expect(memo.get(`127.0.0.1:${server.port}`).ranges).toBeUndefined();
    });

    it('truncated small file: the clamped 206 shows the size disagreement, then a hash error', async () => {
      server.setModes({ truncateFiles: true });
      const memo = new CapabilityMemo();
      const f = await fetcher({ memo });
      const size = items.small.dist.bytes.length;
      const err = await f.fetchMetadata(file(items.small)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DownloadHashMismatchError);
      expect(ranges()).toEqual([`GET range 206 bytes=0-${size - 1}`, 'GET file-full 200 -']);
      expect(memo.get(`127.0.0.1:${server.port}`).ranges).toBeUndefined();
    });

    it('truncated file, no size and no hash: a ZIP error naming the URL', async () => {
      server.setModes({ truncateFiles: true });
      const f = await fetcher();
      const err = await f
        .fetchMetadata(file(items.big, { noSize: true, noHash: true }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZipFormatError);
      expect((err as Error).message).toContain(server.fileUrl(items.big.dist.filename));
    });

    it('connection dropped mid-body once: retried, right metadata', async () => {
      server.setModes({ dropMidBody: { afterBytes: 1000 } });
      const f = await fetcher();
      const r = await f.fetchMetadata(file(items.big));
      expect(r.kind === 'metadata' && r.metadata).toEqual(items.big.dist.metadata);
      expect(r).toMatchObject({ path: 'lazy-wheel' });
      expect(server.counters.byKind.range.requests).toBe(2);
    });

    it('connection dropped on every attempt: a network error naming the redacted URL', async () => {
      server.setModes({ dropMidBody: { afterBytes: 1000, always: true } });
      const f = await fetcher();
      const url = server.fileUrl(items.big.dist.filename).replace('http://', 'http://bob:hunter2-pw@');
      const err = await f.fetchMetadata(file(items.big, { url })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toContain(`http://***@127.0.0.1:${server.port}/files/`);
      expect((err as Error).message).not.toContain('hunter2');
      expect(logger.text()).not.toContain('hunter2');
    });

    it('bad CRC-32: a ZIP error naming the URL and the member', async () => {
      const f = await fetcher();
      const err = await f.fetchMetadata(file(items.badCrc)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZipFormatError);
      expect((err as Error).message).toContain(server.fileUrl(items.badCrc.dist.filename));
      expect((err as Error).message).toMatch(/badcrc-1\.0\.dist-info\/METADATA.*CRC-32 mismatch/);
    });

    it('oversize METADATA: refused before its member is fetched', async () => {
      const f = await fetcher();
      const err = await f.fetchMetadata(file(items.oversize)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WheelMetadataError);
      expect((err as Error).message).toContain(server.fileUrl(items.oversize.dist.filename));
      expect((err as Error).message).toMatch(/over the 10485760-byte limit/);
      expect(server.counters.requests).toBe(1);
    });

    it('metadata naming another project or version is an error; equal PEP 440 versions are fine', async () => {
      const f = await fetcher();
      await expect(f.fetchMetadata(file(items.wrongName))).rejects.toThrow(MetadataMismatchError);
      await expect(f.fetchMetadata(file(items.wrongName))).rejects.toThrow(
        /metadata Name is "other", but the file name says "wrongname"/,
      );
      await expect(f.fetchMetadata(file(items.wrongVersion))).rejects.toThrow(
        /metadata Version is "1\.0\.1", but the file name says "1\.0"/,
      );
      const ok = await f.fetchMetadata(file(items.normalizedVersion));
      expect(ok.kind).toBe('metadata');
    });
  });

  describe('metadata cache', () => {
    it('a warm run makes zero metadata requests (entries verified: declared hash, or the local copy)', async () => {
      const cacheDir = await mkdtemp(join(tmpdir(), 'wh-mdcache-'));
      const localCopies = await mkdtemp(join(tmpdir(), 'wh-mdcopies-'));
      const all = [items.small, items.big, items.front, items.pep658, items.z64];
      const cold = await fetcher({ cacheDir });
      const coldResults = await Promise.all(all.map((i) => cold.fetchMetadata(file(i))));
      expect(server.counters.requests).toBeGreaterThanOrEqual(all.length);
      await http.close();
      server.reset();
      for (const i of all) await writeFile(join(localCopies, i.dist.filename), i.dist.bytes);
      const warm = await fetcher({ cacheDir, localCopies });
      const warmResults = await Promise.all(all.map((i) => warm.fetchMetadata(file(i))));
      expect(server.counters.requests).toBe(0);
      expect(warmResults.map((r) => r.path)).toEqual(all.map(() => 'cache'));
      expect(warmResults.map((r) => r.kind === 'metadata' && r.metadata)).toEqual(
        coldResults.map((r) => r.kind === 'metadata' && r.metadata),
      );
    });

    it('a rewritten cached METADATA is never used: declared hash, local copy, or neither', async () => {
      const cacheDir = await mkdtemp(join(tmpdir(), 'wh-mdcache-tamper-'));
      const localCopies = await mkdtemp(join(tmpdir(), 'wh-mdcopies-tamper-'));
      const all = [items.pep658, items.small, items.big];
      const cold = await fetcher({ cacheDir });
      await Promise.all(all.map((i) => cold.fetchMetadata(file(i))));
      await http.close();
      const evil = new TextEncoder().encode(
        'Metadata-Version: 2.1\nName: x\nVersion: 1.0\nRequires-Dist: evil\n',
      );
      for (const i of all) {
        const sha = server.sha256(i.dist.filename)!;
        await writeFile(join(cacheDir, sha.slice(0, 2), `${sha}.metadata`), evil);
      }
      // small has a genuine local copy; big has none (unverifiable).
      await writeFile(join(localCopies, items.small.dist.filename), items.small.dist.bytes);
      server.reset();
      const warm = await fetcher({ cacheDir, localCopies });
      const results = await Promise.all(all.map((i) => warm.fetchMetadata(file(i))));
      expect(results.map((r) => r.kind === 'metadata' && r.metadata)).toEqual(
        all.map((i) => i.dist.metadata),
      );
      expect(results.map((r) => r.path)).toEqual(['pep658', 'lazy-wheel', 'lazy-wheel']);
      expect(logger.text()).toContain(`cached metadata of ${items.pep658.dist.filename} has sha256`);
      expect(logger.text()).toContain(`cached metadata of ${items.small.dist.filename} differs`);
    });

    it('a METADATA this machine recorded is used with no request and no local copy; rewritten bytes are not', async () => {
      const cacheDir = await mkdtemp(join(tmpdir(), 'wh-mdcache-records-'));
      const records = new Map<string, string>();
      const all = [items.small, items.big];
      const cold = await fetcher({ cacheDir, records });
      await Promise.all(all.map((i) => cold.fetchMetadata(file(i))));
      await http.close();
      expect([...records.keys()].sort()).toEqual(all.map((i) => server.sha256(i.dist.filename)).sort());
      // No declared hash and no local copy: only the records vouch for the entries.
      server.reset();
      const warm = await fetcher({ cacheDir, records });
      const results = await Promise.all(all.map((i) => warm.fetchMetadata(file(i))));
      expect(server.counters.requests).toBe(0);
      expect(results.map((r) => r.path)).toEqual(['cache', 'cache']);
      await http.close();
      // The same records do not vouch for other bytes.
      const sha = server.sha256(items.small.dist.filename)!;
      await writeFile(
        join(cacheDir, sha.slice(0, 2), `${sha}.metadata`),
        'Metadata-Version: 2.1\nName: small\nVersion: 1.0\nRequires-Dist: evil\n',
      );
      server.reset();
      const again = await fetcher({ cacheDir, records });
      const small = await again.fetchMetadata(file(items.small));
      expect(small.path).toBe('lazy-wheel');
      expect(small.kind === 'metadata' && small.metadata).toEqual(items.small.dist.metadata);
    });

    it('concurrent calls for one file share one fetch', async () => {
      const f = await fetcher();
      const [a, b] = await Promise.all([
        f.fetchMetadata(file(items.front)),
        f.fetchMetadata(file(items.front)),
      ]);
      expect(a).toBe(b);
      expect(server.counters.requests).toBe(2);
    });
  });
});
