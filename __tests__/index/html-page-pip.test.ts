/**
 * Repeated attributes on a PEP 503 page, read as pip 23.2 reads them (review 2 s12): its
 * collector keeps an anchor's attributes as `dict(attrs)` (the last of a name wins) and a
 * `<base>`'s first `href`. Compared with the machine's pip itself: the same markup through pip's
 * HTMLLinkParser and Link.from_element, and through parseHtmlProjectPage.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { parseHtmlProjectPage } from '../../src/index/html-page.js';
import type { NormalizedName } from '../../src/standards/names.js';

const PIP_LINKS = `
import json, sys
from pip._internal.index.collector import HTMLLinkParser
from pip._internal.models.link import Link
url, html = sys.argv[1], sys.stdin.read()
parser = HTMLLinkParser(url)
parser.feed(html)
base = parser.base_url or url
out = []
for anchor in parser.anchors:
    link = Link.from_element(anchor, page_url=url, base_url=base)
    if link is not None:
        md = link.metadata_file_data
        out.append([link.url_without_fragment, link.requires_python or None, link.yanked_reason,
                    None if md is None else {k: v.lower() for k, v in (md.hashes or {}).items()}])
print(json.dumps(out))
`;

const PAGE_URL = 'https://idx.example/simple/demo/';

function pipReads(html: string): unknown {
  const out = execFileSync('python3', ['-c', PIP_LINKS, PAGE_URL], {
    input: html,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', PIP_CONFIG_FILE: '/dev/null' },
    timeout: 60_000,
  });
  return JSON.parse(out);
}

function oursReads(html: string): unknown {
  const page = parseHtmlProjectPage(html, PAGE_URL, 'demo' as NormalizedName);
  return page.files.map((f) => [
    f.url,
    f.requiresPython ?? null,
    f.yanked === false ? null : f.yanked === true ? '' : f.yanked,
    f.coreMetadata === false ? null : f.coreMetadata,
  ]);
}

describe('repeated attributes, as pip reads them', () => {
  it.each([
    ['href', '<a href="demo-0.1.tar.gz" href="demo-1.0.tar.gz">x</a>'],
    [
      'data-requires-python',
      '<a href="demo-1.0.tar.gz" data-requires-python="&gt;=2.7" data-requires-python="&gt;=3.12">x</a>',
    ],
    ['data-yanked', '<a href="demo-1.0.tar.gz" data-yanked="old" data-yanked="bad build">x</a>'],
    [
      '<base href>',
      '<base href><base href="https://cdn.example/one/" href="/two/"><base href="/three/"><a href="demo-1.0.tar.gz">x</a>',
    ],
    [
      'valueless',
      '<a href="demo-0.9.tar.gz" data-yanked data-requires-python data-core-metadata>x</a><a href>y</a><a href="">z</a>',
    ],
    ['core-metadata "false"', '<a href="demo-1.0.tar.gz" data-core-metadata="false">x</a>'],
    ['core-metadata ""', '<a href="demo-1.0.tar.gz" data-core-metadata="">x</a>'],
    [
      'core-metadata "SHA256=…"',
      `<a href="demo-1.0.tar.gz" data-core-metadata="SHA256=${'ab'.repeat(32)}">x</a>`,
    ],
    [
      'core-metadata "sha256=…"',
      `<a href="demo-1.0.tar.gz" data-core-metadata="sha256=${'AB'.repeat(32)}">x</a>`,
    ],
    ['core-metadata "blake2b=…"', '<a href="demo-1.0.tar.gz" data-core-metadata="blake2b=00ff">x</a>'],
    ['dist-info-metadata "true"', '<a href="demo-1.0.tar.gz" data-dist-info-metadata="true">x</a>'],
    ['valueless after a value', '<a href="demo-1.0.tar.gz" data-yanked="bad" data-yanked>x</a>'],
    ['different case', '<A HREF="demo-0.1.tar.gz" href="demo-1.0.tar.gz" Data-Yanked="a" data-yanked>x</A>'],
  ])('a repeated %s', (_what, html) => {
    const want = pipReads(html);
    expect(Array.isArray(want) && want.length).toBe(1);
    expect(oursReads(html)).toEqual(want);
  });
});
