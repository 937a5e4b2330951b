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
      )(`../../files/pkg-1.0.tar.gz#SHA256=${'AB'.repeat(32)}&md5=${'0'.repeat(32)}&bogus=zz&x`),
    ).toEqual({
      url: 'https://index.example/files/pkg-1.0.tar.gz',
      redactedUrl: 'https://index.example/files/pkg-1.0.tar.gz',
      filename: 'pkg-1.0.tar.gz',
      hashes: { sha256: 'ab'.repeat(32), md5: '0'.repeat(32) },
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

describe('absolute links taken as written (no URL object) resolve exactly as the URL parser does', () => {
  // The reference: what linkResolver gave for every link before the shortcut (WHATWG URL).
  function viaUrlParser(href: string, pageUrl: string) {
    let u: URL;
    try {
      u = new URL(href.trim(), pageUrl);
    } catch {
      return { url: '', filename: '' }; // not a URL: no link
    }
    const page = new URL(pageUrl);
    if ((page.username || page.password) && u.origin === page.origin && !u.username && !u.password) {
      u.username = page.username;
      u.password = page.password;
    }
    const url = u.href.split('#')[0] as string;
    const last = u.pathname.split('/').pop() ?? '';
    let filename = last;
    try {
      filename = decodeURIComponent(last);
    } catch {
      filename = last;
    }
    return { url, filename };
  }
  const hrefs = [
    'https://files.pythonhosted.org/packages/ab/cd/0123abcd/pydantic_core-2.14.5-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl#sha256=00ff',
    'https://files.example:8443/p/pkg-1.0.tar.gz',
    'https://files.example:443/p/pkg-1.0.tar.gz',
    'http://files.example:80/p/pkg-1.0.tar.gz',
    'https://files.example:99999/p/pkg-1.0.tar.gz',
    'https://FILES.example/p/pkg-1.0.tar.gz',
    'HTTPS://files.example/p/pkg-1.0.tar.gz',
    'https://files.example/a/./b/../pkg-1.0.tar.gz',
    'https://files.example/a/%2e%2E/pkg-1.0.tar.gz',
    'https://files.example/a/.hidden/pkg-1.0.tar.gz',
    'https://files.example/p/pkg%2B1-1.0.tar.gz',
    'https://files.example/p/pkg%zz-1.0.tar.gz',
    'https://files.example/p/pkg 1-1.0.tar.gz',
    'https://files.example/p/pkg^1-1.0.tar.gz',
    'https://files.example/p/pkg\\evil-1.0.tar.gz',
    'https://127.1/p/pkg-1.0.tar.gz',
    'https://0x7f.0.0.1/p/pkg-1.0.tar.gz',
    'https://xn--nxasmq6b.example/p/pkg-1.0.tar.gz',
    'https://index.example/files/pkg-1.0.tar.gz',
    'https://index.example:8443/files/pkg-1.0.tar.gz',
    'https://files.example/p/pkg-1.0.tar.gz?x=1',
    "https://files.example/p/pkg-(1)!$&'*+,;=:@~-1.0.tar.gz",
    '  https://files.example/p/pkg-1.0.tar.gz ',
    'https://files.example',
    'https://a-.b.example/p/pkg-1.0.tar.gz',
  ];
  for (const pageUrl of ['https://index.example/simple/pkg/', 'https://u:p@index.example/simple/pkg/']) {
    it.each(hrefs)(`%s on ${pageUrl.includes('@') ? 'a page with credentials' : 'a plain page'}`, (href) => {
      const got = linkResolver(pageUrl, pageUrl)(href);
      const want = viaUrlParser(href, pageUrl);
      if (want.filename === '') {
        expect(got).toBeUndefined();
        return;
      }
      expect(got?.url).toBe(want.url);
      expect(got?.filename).toBe(want.filename);
    });
  }
});
