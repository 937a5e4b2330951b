import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseHtmlProjectPage, scanTags } from '../../src/index/html-page.js';
import { referenceScanTags } from '../helpers/scan-tags-reference.js';
import { decodeHtmlEntities } from '../../src/index/html-entities.js';
import type { NormalizedName } from '../../src/standards/names.js';

const demo = 'demo' as NormalizedName;
const H = 'a'.repeat(64);

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeHtmlEntities('&gt;=3.8,&lt;4&amp;&quot;&#39;&#x3C;&#X3e;&#62;')).toBe('>=3.8,<4&"\'<>>');
  });
  it('leaves unknown names and bare ampersands alone, decodes legacy &amp without semicolon', () => {
    expect(decodeHtmlEntities('a&b &unknown; &amp c')).toBe('a&b &unknown; & c');
  });
  it('maps invalid code points to U+FFFD', () => {
    expect(decodeHtmlEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
  });
});

describe('scanTags', () => {
  it('handles upper-case tags, unquoted and valueless attributes and skips comments', () => {
    const tags = scanTags(
      `<!-- <a href="commented.whl"> --><A HREF=x.whl data-yanked DATA-requires-python='&gt;=3'>x</A>`,
      new Set(['a']),
    );
    expect(tags).toHaveLength(1);
    expect([...tags[0]!.attrs]).toEqual([
      ['href', 'x.whl'],
      ['data-yanked', null],
      ['data-requires-python', '>=3'],
    ]);
  });
});

describe('parseHtmlProjectPage', () => {
  const pageUrl = 'https://idx.example/simple/demo/';

  it('resolves relative URLs, keeps hashes from fragments of any hashlib name', () => {
    const page = parseHtmlProjectPage(
      `<a href="../../files/demo-1.0-py3-none-any.whl#sha256=${H.toUpperCase()}">demo-1.0-py3-none-any.whl</a>
       <a href="/other/demo-1.0.tar.gz#md5=${'abcdef01'.repeat(4)}">demo-1.0.tar.gz</a>
       <a href="https://cdn.example/x/demo-0.9.zip#blake2b=0011&amp;unknown=zz">z</a>`,
      pageUrl,
      demo,
    );
    expect(page.files.map((f) => [f.filename, f.url, f.hashes])).toEqual([
      ['demo-1.0-py3-none-any.whl', 'https://idx.example/files/demo-1.0-py3-none-any.whl', { sha256: H }],
      ['demo-1.0.tar.gz', 'https://idx.example/other/demo-1.0.tar.gz', { md5: 'abcdef01'.repeat(4) }],
      ['demo-0.9.zip', 'https://cdn.example/x/demo-0.9.zip', { blake2b: '0011' }],
    ]);
    expect(page.source).toBe(pageUrl);
  });

  it('honours <base href> (resolved against the page URL)', () => {
    const page = parseHtmlProjectPage(
      `<html><head><base href="/mirror/pkgs/"></head><body><a href="demo-1.0.tar.gz">d</a></body></html>`,
      pageUrl,
      demo,
    );
    expect(page.files[0]!.url).toBe('https://idx.example/mirror/pkgs/demo-1.0.tar.gz');
  });

  it('decodes entities in data-requires-python, including numeric ones', () => {
    const page = parseHtmlProjectPage(
      `<a href="a-1.tar.gz" data-requires-python="&gt;=3.8,&#60;4">a</a>
       <a href="b-1.tar.gz" data-requires-python="&#x3E;=2.7, !=3.0.*">b</a>
       <a href="c-1.tar.gz" data-requires-python="">c</a>`,
      pageUrl,
      demo,
    );
    expect(page.files.map((f) => f.requiresPython)).toEqual(['>=3.8,<4', '>=2.7, !=3.0.*', undefined]);
  });

  // PEP 592 calls a valueless data-yanked yanked too; pip (23.2 and 26.2) reads Python's None for it
  // and installs the file: wheelhouse gives pip's result (html-page-pip.test.ts compares with pip).
  it('reads data-yanked with and without a reason (PEP 592), a valueless one as pip does', () => {
    const page = parseHtmlProjectPage(
      `<a href="a-1.tar.gz" data-yanked>a</a><a href="b-1.tar.gz" data-yanked="">b</a>
       <a href="c-1.tar.gz" data-yanked="broken &amp; insecure">c</a><a href="d-1.tar.gz">d</a>`,
      pageUrl,
      demo,
    );
    expect(page.files.map((f) => f.yanked)).toEqual([false, true, 'broken & insecure', false]);
  });

  it('reads both PEP 714 spellings, preferring data-core-metadata', () => {
    const B = 'b'.repeat(64);
    const page = parseHtmlProjectPage(
      `<a href="a-1.tar.gz" data-core-metadata="sha256=${H}">a</a>
       <a href="b-1.tar.gz" data-dist-info-metadata="sha256=${B}">b</a>
       <a href="c-1.tar.gz" data-dist-info-metadata="true">c</a>
       <a href="d-1.tar.gz" data-core-metadata="sha256=${H}" data-dist-info-metadata="sha256=${B}">d</a>
       <a href="e-1.tar.gz" data-core-metadata="false">e</a>
       <a href="f-1.tar.gz">f</a>`,
      pageUrl,
      demo,
    );
    expect(page.files.map((f) => f.coreMetadata)).toEqual([
      { sha256: H },
      { sha256: B },
      {},
      { sha256: H },
      {}, // pip: any value declares the file ("false" too)
      false,
    ]);
  });

  it('decodes entities in href (&amp; in query strings) and percent-decodes the filename', () => {
    const page = parseHtmlProjectPage(
      `<a href="/f/demo-1.0%2Blocal.tar.gz?a=1&amp;b=2#sha256=${H}">x</a>`,
      pageUrl,
      demo,
    );
    expect(page.files[0]!.url).toBe('https://idx.example/f/demo-1.0%2Blocal.tar.gz?a=1&b=2');
    expect(page.files[0]!.filename).toBe('demo-1.0+local.tar.gz');
  });

  it('carries page credentials to same-origin links only, and redacts them', () => {
    const page = parseHtmlProjectPage(
      `<a href="/f/a-1.tar.gz">a</a><a href="https://cdn.example/b-1.tar.gz">b</a>`,
      'https://u:secret@idx.example/simple/demo/',
      demo,
    );
    expect(page.files.map((f) => f.url)).toEqual([
      'https://u:secret@idx.example/f/a-1.tar.gz',
      'https://cdn.example/b-1.tar.gz',
    ]);
    expect(page.files[0]!.redactedUrl).toBe('https://***@idx.example/f/a-1.tar.gz');
    expect(page.source).toBe('https://***@idx.example/simple/demo/');
  });

  it('skips anchors without href, non-file links and other schemes', () => {
    const page = parseHtmlProjectPage(
      `<a name="top">t</a><a href="mailto:x@y">m</a><a href="../">up</a><a href="ok-1.tar.gz">ok</a>`,
      pageUrl,
      demo,
    );
    expect(page.files.map((f) => f.filename)).toEqual(['ok-1.tar.gz']);
  });
});

describe('scanTags against the regex-per-character reference', () => {
  const tokens = [
    '<a',
    '<A',
    '<base',
    '<br',
    '<!--',
    '-->',
    '<',
    '>',
    '/>',
    '/',
    '=',
    '"',
    "'",
    ' ',
    '\t',
    '\n',
    '\u00a0',
    '\u2003',
    '\ufeff',
    '\u2028',
    '\ud800',
    'href',
    'HREF',
    'data-yanked',
    'data-requires-python',
    '&gt;=3.8',
    '&amp;',
    '&#x3C;',
    'x',
    'demo-1.0.tar.gz',
    '#sha256=ab',
    'a'.repeat(70),
    '-',
    '9',
  ];
  it('finds the same tags with the same attributes in generated markup', () => {
    const names = new Set(['a', 'base']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        expect(scanTags(html, names)).toEqual(referenceScanTags(html, names));
      }),
      { numRuns: 3000, seed: 503 },
    );
  });
});
