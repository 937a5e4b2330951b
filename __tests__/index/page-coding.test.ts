/**
 * Pages sent with a content coding (src/index/page-coding.ts; review 14b #2): pip 23.2 reads a page
 * sent with `Content-Encoding: gzip` or `deflate` (requests/urllib3 decode the body), so a project
 * page and a find-links page sent that way list their files here too — each decoded body capped at
 * the page limit, and a coding not known refused with its name instead of being parsed as text.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { createFindLinks } from '../../src/index/find-links.js';
import { decodePageCoding } from '../../src/index/page-coding.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { listenLocally } from '../helpers/listen-locally.js';

const SHA = 'a'.repeat(64);
const FILE = 'example-1.0-py3-none-any.whl';
const html = `<html><body><a href="/files/${FILE}#sha256=${SHA}">${FILE}</a></body></html>`;
const json = JSON.stringify({
  meta: { 'api-version': '1.0' },
  name: 'example',
  files: [{ filename: FILE, url: `/files/${FILE}`, hashes: { sha256: SHA } }],
});

let close: () => Promise<void>;
let base: string;
let http: HttpClient;

beforeAll(async () => {
  // /<coding>/<json|html>/example/
  const server = createServer((req, res) => {
    const [, coding, kind] = (req.url ?? '').split('/');
    const text = Buffer.from(kind === 'json' ? json : html);
    const body =
      coding === 'gzip'
        ? gzipSync(text)
        : coding === 'deflate'
          ? deflateSync(text)
          : coding === 'rawdeflate'
            ? deflateRawSync(text)
            : coding === 'br'
              ? brotliCompressSync(text)
              : text;
    res.writeHead(200, {
      'content-type': kind === 'json' ? 'application/vnd.pypi.simple.v1+json' : 'text/html',
      'content-encoding': coding === 'rawdeflate' ? 'deflate' : (coding as string),
      'content-length': String(body.length),
    });
    res.end(body);
  });
  const l = await listenLocally(server);
  close = l.close;
  base = `http://127.0.0.1:${l.port}`;
  http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
});
afterAll(async () => {
  await http.close();
  await close();
});

async function files(path: string): Promise<string[]> {
  const page = await fetchProjectPage(
    { http, logger: silentLogger },
    `${base}${path}`,
    normalizeName('example'),
  );
  return (page?.files ?? []).map((f) => f.filename);
}

describe('a project page with a content coding', () => {
  it.each(['gzip', 'deflate', 'rawdeflate', 'br', 'identity'])(
    '%s: HTML and JSON pages list their file',
    async (c) => {
      expect(await files(`/${c}/html/example/`)).toEqual([FILE]);
      expect(await files(`/${c}/json/example/`)).toEqual([FILE]);
    },
  );

  it('an unknown coding is refused with its name, not parsed', async () => {
    await expect(files('/compress/html/example/')).rejects.toThrow(
      /content coding "compress" is not supported/,
    );
  });

  it('a find-links page sent with gzip lists its file', async () => {
    const fl = createFindLinks(http, silentLogger, [`${base}/gzip/html/`], false);
    expect((await fl.filesFor(normalizeName('example'))).map((f) => f.filename)).toEqual([FILE]);
  });
});

describe('decodePageCoding', () => {
  const limit = { bytes: 1024 * 1024, what: 'project page' };
  it('caps the decoded body at the page limit (a small gzip body of many MiB)', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(limit.bytes);
    expect(() => decodePageCoding(bomb, 'gzip', limit, 'https://idx.example/simple/x/')).toThrow(
      /decoded from gzip is over its limit of 1 MiB/,
    );
  });

  it('undoes codings listed one after another, last first; a corrupt body is a page error', () => {
    const text = Buffer.from('<a href="x">x</a>');
    const twice = brotliCompressSync(gzipSync(text));
    expect(Buffer.from(decodePageCoding(twice, 'gzip, br', limit, 'u')).toString()).toBe(text.toString());
    expect(() =>
      decodePageCoding(Buffer.from('not gzip'), 'gzip', limit, 'https://idx.example/simple/x/'),
    ).toThrow(
      /unusable project page https:\/\/idx\.example\/simple\/x\/: project page sent with content coding gzip could not be decoded/,
    );
  });
});
