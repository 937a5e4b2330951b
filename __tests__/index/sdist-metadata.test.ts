import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HttpClient } from '../../src/index/http-client.js';
import type { MetadataFetcher } from '../../src/index/metadata-fetch.js';
import {
  readSdistPkgInfo,
  SdistFormatError,
  sdistMetadataUsability,
} from '../../src/index/sdist-metadata.js';
import { buildSdist, buildWheel, type SdistSpec } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { distFileFor, servedProjects, type Served } from '../helpers/metadata-fixtures.js';
import { writeTar } from '../helpers/tar-writer.js';
import { createTestMetadataFetcher } from '../helpers/test-metadata-fetcher.js';

const enc = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function sdist(
  name: string,
  format: SdistSpec['format'],
  pkgInfo: SdistSpec['pkgInfo'],
  extra: Partial<SdistSpec> = {},
): Served {
  return { project: name, dist: buildSdist({ name, version: '1.0', format, pkgInfo, ...extra }) };
}

const items = {
  tarStatic: sdist('tarstatic', 'tar.gz', { metadataVersion: '2.2', requiresDist: ['idna>=2', 'six'] }),
  zipStatic: sdist('zipstatic', 'zip', { metadataVersion: '2.4', requiresDist: ['attrs'] }),
  tarDynamic: sdist('tardynamic', 'tar.gz', {
    metadataVersion: '2.2',
    requiresDist: ['x'],
    dynamic: ['Requires-Dist'],
  }),
  zipDynamic: sdist('zipdynamic', 'zip', { metadataVersion: '2.3', dynamic: ['requires-dist'] }),
  otherDynamic: sdist('otherdynamic', 'tar.gz', {
    metadataVersion: '2.2',
    requiresDist: ['y'],
    dynamic: ['Summary'],
  }),
  old: sdist('oldmeta', 'tar.gz', { metadataVersion: '2.1', requiresDist: ['z'] }),
  tricky: sdist(
    'Tricky.Name',
    'tar.gz',
    { metadataVersion: '2.2', requiresDist: ['q'] },
    { longPath: true, eggInfo: true },
  ),
  trickyZip: sdist('trickyzip', 'zip', { metadataVersion: '2.2', requiresDist: ['q'] }, { eggInfo: true }),
};

describe('sdist metadata through the fetcher', () => {
  let server: IndexServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startIndexServer({ projects: servedProjects(Object.values(items)) });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await http?.close();
    server.reset();
  });

  async function fetcher(cacheDir?: string): Promise<MetadataFetcher> {
    const made = await createTestMetadataFetcher(cacheDir ? { cacheDir } : {});
    http = made.http;
    return made.fetcher;
  }

  it.each([
    ['tar.gz', items.tarStatic],
    ['zip', items.zipStatic],
  ])(
    '%s with Metadata-Version ≥ 2.2 and static Requires-Dist: PKG-INFO is the metadata',
    async (_f, item) => {
      const f = await fetcher();
      const file = distFileFor(server, item);
      const r = await f.fetchMetadata(file);
      expect(r).toMatchObject({
        kind: 'metadata',
        path: 'sdist',
        requests: 1,
        bytes: item.dist.bytes.length,
      });
      expect(r.kind === 'metadata' && text(r.metadata)).toBe(text(item.dist.metadata));
      expect(f.downloadedPath(file)).toBeDefined();
      expect(server.counters.byKind['file-full'].requests).toBe(1);
    },
  );

  it.each([
    ['tar.gz, Dynamic: Requires-Dist', items.tarDynamic, /Requires-Dist as Dynamic/],
    ['zip, dynamic: requires-dist (any case)', items.zipDynamic, /Requires-Dist as Dynamic/],
    ['Metadata-Version 2.1', items.old, /Metadata-Version 2\.1; before 2\.2/],
  ])('%s → needs-build with a reason', async (_l, item, reason) => {
    const f = await fetcher();
    const r = await f.fetchMetadata(distFileFor(server, item));
    expect(r.kind).toBe('needs-build');
    expect(r.kind === 'needs-build' && r.reason).toMatch(reason);
  });

  it('other Dynamic fields do not block the use of PKG-INFO', async () => {
    const f = await fetcher();
    expect(await f.fetchMetadata(distFileFor(server, items.otherDynamic))).toMatchObject({
      kind: 'metadata',
    });
  });

  it.each([
    ['tar.gz with pax long paths and a nested egg-info PKG-INFO', items.tricky],
    ['zip with a nested egg-info PKG-INFO', items.trickyZip],
  ])('%s: reads the top-level PKG-INFO', async (_l, item) => {
    const f = await fetcher();
    const r = await f.fetchMetadata(distFileFor(server, item));
    expect(r.kind === 'metadata' && text(r.metadata)).toBe(text(item.dist.metadata));
  });

  it('a warm run answers needs-build from the cache; an undeclared sdist METADATA is read again (unverifiable)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'wh-sdcache-'));
    const all = [items.tarStatic, items.tarDynamic];
    const cold = await fetcher(cacheDir);
    const first = await Promise.all(all.map((i) => cold.fetchMetadata(distFileFor(server, i))));
    await http.close();
    server.reset();
    const warm = await fetcher(cacheDir);
    const second = await Promise.all(all.map((i) => warm.fetchMetadata(distFileFor(server, i))));
    expect(server.counters.byKind['file-full'].requests).toBe(1);
    expect(second.map((r) => [r.kind, r.path])).toEqual([
      ['metadata', 'sdist'],
      ['needs-build', 'cache'],
    ]);
    expect(second[1]!.kind === 'needs-build' && second[1]!.reason).toBe(
      first[1]!.kind === 'needs-build' && first[1]!.reason,
    );
  });
});

describe('readSdistPkgInfo on local files', () => {
  it('errors, naming the source, when there is no top-level PKG-INFO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-sd-local-'));
    const path = join(dir, 'none-1.0.tar.gz');
    await writeFile(path, gzipSync(writeTar([{ path: 'none-1.0/setup.py', data: enc.encode('') }])));
    await expect(readSdistPkgInfo(path, 'none-1.0.tar.gz', 'https://x.test/none-1.0.tar.gz')).rejects.toThrow(
      new SdistFormatError('https://x.test/none-1.0.tar.gz', 'no top-level PKG-INFO in the archive'),
    );
    const cut = join(dir, 'cut-1.0.tar.gz');
    const whole = gzipSync(writeTar([{ path: 'cut-1.0/PKG-INFO', data: enc.encode('x'.repeat(5000)) }]));
    await writeFile(cut, whole.subarray(0, 40));
    await expect(readSdistPkgInfo(cut, 'cut-1.0.tar.gz', 'cut')).rejects.toThrow(SdistFormatError);
  });

  it('reads a pax-named PKG-INFO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-sd-pax-'));
    const path = join(dir, 'p-1.0.tar.gz');
    await writeFile(
      path,
      gzipSync(writeTar([{ path: 'p-1.0/PKG-INFO', data: enc.encode('Name: p\n'), pax: true }])),
    );
    expect(text(await readSdistPkgInfo(path, 'p-1.0.tar.gz', 'p'))).toBe('Name: p\n');
  });

  it('judges usability per PEP 643', () => {
    expect(sdistMetadataUsability(enc.encode('Metadata-Version: 2.2\nName: a\nVersion: 1\n'))).toEqual({
      kind: 'usable',
    });
    expect(sdistMetadataUsability(enc.encode('Metadata-Version: 1.2\nName: a\n')).kind).toBe('needs-build');
    expect(sdistMetadataUsability(enc.encode('Name: a\n')).kind).toBe('needs-build');
    expect(sdistMetadataUsability(enc.encode('Metadata-Version: 2.10\nDynamic: Requires-Dist\n')).kind).toBe(
      'needs-build',
    );
    expect(sdistMetadataUsability(enc.encode('Metadata-Version: 2.10\nName: a\n'))).toEqual({
      kind: 'usable',
    });
  });
});

describe('a "needs a build" verdict in the metadata cache for a wheel (review 2 s12)', () => {
  const wheel: Served = {
    project: 'victim',
    dist: buildWheel({ name: 'victim', version: '2.0', requiresDist: ['dep'] }),
  };
  const tar = items.tarStatic;
  let server: IndexServer;
  let http: HttpClient | undefined;

  beforeAll(async () => {
    server = await startIndexServer({ projects: servedProjects([wheel, tar]) });
  });
  afterAll(async () => {
    await http?.close();
    await server.close();
  });

  it('never hides a wheel', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'wh-nb-planted-'));
    for (const item of [wheel, tar]) {
      const sha = item.dist.sha256;
      await mkdir(join(cacheDir, sha.slice(0, 2)), { recursive: true });
      await writeFile(join(cacheDir, sha.slice(0, 2), `${sha}.needs-build`), 'planted');
    }
    const made = await createTestMetadataFetcher({ cacheDir });
    http = made.http;
    const [w, s] = await Promise.all(
      [wheel, tar].map((i) => made.fetcher.fetchMetadata(distFileFor(server, i))),
    );
    expect(w).toMatchObject({ kind: 'metadata' });
    expect(w!.kind === 'metadata' && text(w!.metadata)).toContain('Requires-Dist: dep');
    expect(made.logger.text()).toContain(
      '"needs a build" verdict for the wheel victim-2.0-py3-none-any.whl ignored',
    );
    // An sdist's verdict is taken at the cache entry's trust, as its built wheels are (README).
    expect(s).toMatchObject({ kind: 'needs-build', path: 'cache' });
  });
});
