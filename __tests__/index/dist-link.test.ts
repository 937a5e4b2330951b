/** Link resolution of index pages (src/index/dist-link.ts): URLs, fragments, credentials, redaction. */
import { describe, expect, it } from '@jest/globals';
import { linkResolver, resolveLink } from '../../src/index/dist-link.js';

describe('linkResolver', () => {
  const page = 'https://user:s3cret@index.example/simple/pkg/';
  const resolve = linkResolver(page, page);

  it('resolves relative links, drops the fragment and keeps its hashes', () => {
    expect(
      linkResolver(
        'https://index.example/simple/pkg/',
        'https://index.example/simple/pkg/',
      )('../../files/pkg-1.0.tar.gz#SHA256=ABCDEF&md5=00&bogus=zz&x'),
    ).toEqual({
      url: 'https://index.example/files/pkg-1.0.tar.gz',
      redactedUrl: 'https://index.example/files/pkg-1.0.tar.gz',
      filename: 'pkg-1.0.tar.gz',
      hashes: { sha256: 'abcdef', md5: '00' },
    });
  });

  it('drops an empty fragment too', () => {
    const link = linkResolver('https://a.example/', 'https://a.example/')('pkg-1.0.tar.gz#');
    expect(link?.url).toBe('https://a.example/pkg-1.0.tar.gz');
    expect(link?.hashes).toEqual({});
  });

  it("carries the page's credentials to same-origin links only, and never shows them", () => {
    const same = resolve('/files/pkg%2B1-1.0.tar.gz');
    expect(same?.url).toBe('https://user:s3cret@index.example/files/pkg%2B1-1.0.tar.gz');
    expect(same?.redactedUrl).toBe('https://***@index.example/files/pkg%2B1-1.0.tar.gz');
    expect(same?.filename).toBe('pkg+1-1.0.tar.gz');
    const other = resolve('https://files.example/pkg-1.0.tar.gz');
    expect(other?.url).toBe('https://files.example/pkg-1.0.tar.gz');
    expect(other?.redactedUrl).toBe('https://files.example/pkg-1.0.tar.gz');
  });

  it('redacts secret-looking query parameters', () => {
    const link = resolve('https://cdn.example/pkg-1.0.tar.gz?token=abc&v=1#sha256=aa');
    expect(link?.url).toBe('https://cdn.example/pkg-1.0.tar.gz?token=abc&v=1');
    expect(link?.redactedUrl).toBe('https://cdn.example/pkg-1.0.tar.gz?token=***&v=***');
  });

  it('refuses other schemes, unparsable links and links without a file name', () => {
    expect(resolve('ftp://x.example/pkg-1.0.tar.gz')).toBeUndefined();
    expect(resolve('http://[bad')).toBeUndefined();
    expect(resolve('https://x.example/dir/')).toBeUndefined();
  });

  it('answers what resolveLink answers for the same page', () => {
    for (const href of ['/files/a-1.0.tar.gz#sha256=ab', 'https://o.example/b-1.0.zip?sig=1', 'c-2.whl']) {
      expect(resolve(href)).toEqual(resolveLink(href, page, page));
    }
  });
});
