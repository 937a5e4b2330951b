/**
 * A find-links location that is a FILE (src/index/find-links.ts), as pip 23.2 / 26 tell one
 * (`build_source`, `_LocalFileSource`, `_RemoteFileSource` in pip/_internal/index/sources.py): a local
 * file with an HTML name is read as a page (relative links against the file's location, `<base href>`
 * honoured, the find-links page size limit, `#sha256=` fragments kept as for any page); any other
 * local file is itself the one candidate (hashed locally, as a directory's files); a remote URL whose
 * last segment is an archive name is itself the candidate, without a request. pip's own answers for
 * the same locations: find-links-file-pip.test.ts.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFindLinks } from '../../src/index/find-links.js';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { recorder } from '../helpers/line-recorder.js';
import { sha256Hex } from '../helpers/dists.js';

const work = mkdtempSync(join(tmpdir(), 'wh-fl-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, 'sub'));
mkdirSync(join(work, 'other'));
const A1 = 'a-1.0-py3-none-any.whl';
const A2 = 'a-2.0-py3-none-any.whl';
writeFileSync(join(work, 'sub', A1), 'one');
writeFileSync(join(work, 'sub', A2), 'two');
writeFileSync(join(work, 'other', 'a-3.0-py3-none-any.whl'), 'three');
const HASH = sha256Hex(new TextEncoder().encode('two'));
const PAGE = `<html><body>
<a href="sub/${A1}">1</a>
<a href="sub/${A2}#sha256=${HASH}" data-requires-python="&gt;=3.8">2</a>
<a href="sub/notes.txt">notes</a>
</body></html>`;
writeFileSync(join(work, 'page.html'), PAGE);
writeFileSync(join(work, 'page.HTM'), PAGE);
writeFileSync(join(work, 'page.txt'), PAGE);
writeFileSync(
  join(work, 'based.html'),
  `<html><head><base href="${pathToFileURL(join(work, 'other')).href}/"></head><body>` +
    '<a href="a-3.0-py3-none-any.whl">3</a></body></html>',
);
const B = 'b-1.0-py3-none-any.whl';
writeFileSync(join(work, B), 'bee');

const http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent' });

async function filesOf(location: string, project = 'a', client: HttpClient = http) {
  const fl = createFindLinks(client, silentLogger, [location], true);
  return fl.filesFor(normalizeName(project));
}

describe('a local HTML file given to --find-links is read as a page', () => {
  it.each([
    ['an absolute path', join(work, 'page.html')],
    ['a relative path', relative(process.cwd(), join(work, 'page.html'))],
    ['an upper-case .HTM name', join(work, 'page.HTM')],
    ['a file: URL', pathToFileURL(join(work, 'page.html')).href],
  ])('%s: relative links resolve against the file, fragments and attributes kept', async (_, location) => {
    const files = await filesOf(location);
    expect(files.map((f) => [f.filename, f.url])).toEqual([
      [A1, pathToFileURL(join(work, 'sub', A1)).href],
      [A2, pathToFileURL(join(work, 'sub', A2)).href],
    ]);
    // The hash rule of every page: the declared digest travels with the file (checked on download).
    expect(files[0]?.hashes).toEqual({});
    expect(files[1]?.hashes).toEqual({ sha256: HASH });
    expect(files[1]?.requiresPython).toBe('>=3.8');
  });

  it('honours <base href>', async () => {
    const files = await filesOf(join(work, 'based.html'));
    expect(files.map((f) => f.url)).toEqual([
      pathToFileURL(join(work, 'other', 'a-3.0-py3-none-any.whl')).href,
    ]);
  });

  it('is read within the find-links page limit (64 MiB)', async () => {
    const big = join(work, 'big.html');
    writeFileSync(big, PAGE);
    truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: refused by its size, nothing read
    await expect(filesOf(big)).rejects.toThrow(/find-links page/);
  });
});

describe('any other local file given to --find-links is itself the candidate', () => {
  it.each([
    ['a path', join(work, B)],
    ['a file: URL', pathToFileURL(join(work, B)).href],
  ])('%s to a wheel', async (_, location) => {
    const noHttp = {} as HttpClient; // a local file makes no request
    const files = await filesOf(location, 'b', noHttp);
    expect(files.map((f) => [f.filename, f.url, f.hashes, f.size])).toEqual([
      [B, pathToFileURL(join(work, B)).href, { sha256: sha256Hex(new TextEncoder().encode('bee')) }, 3],
    ]);
    expect(await filesOf(location, 'a', noHttp)).toEqual([]);
  });

  it('a page whose name is not an HTML one is not read as a page (pip: a file link, no distribution)', async () => {
    const noHttp = {} as HttpClient;
    expect(await filesOf(join(work, 'page.txt'), 'a', noHttp)).toEqual([]);
    expect(await filesOf(pathToFileURL(join(work, 'page.txt')).href, 'a', noHttp)).toEqual([]);
  });

  it('a location that does not exist is ignored with a warning, as pip ignores it', async () => {
    const log = recorder();
    const fl = createFindLinks({} as HttpClient, log, [join(work, 'missing.html')], true);
    expect(await fl.filesFor(normalizeName('a'))).toEqual([]);
    expect(log.lines).toEqual([
      `warn find-links location ${join(work, 'missing.html')} is ignored: it does not exist`,
    ]);
  });
});

describe('a remote --find-links URL naming an archive is itself the candidate', () => {
  it('takes the URL (with its #sha256) without a request', async () => {
    const noHttp = {} as HttpClient; // no request: pip only HEADs it to refuse it as a page
    const url = `https://files.example/dist/${A2}#sha256=${HASH}`;
    const fl = createFindLinks(noHttp, silentLogger, [url], false);
    const files = await fl.filesFor(normalizeName('a'));
    expect(files.map((f) => [f.filename, f.url, f.hashes])).toEqual([
      [A2, `https://files.example/dist/${A2}`, { sha256: HASH }],
    ]);
    expect(await fl.filesFor(normalizeName('b'))).toEqual([]);
  });
});
