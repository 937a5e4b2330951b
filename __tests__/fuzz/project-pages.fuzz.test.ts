/**
 * Fuzz: the PEP 503 HTML and PEP 691 JSON project page parsers (src/index/html-page.ts,
 * json-page.ts) on generated pages — tag soup around anchors with every attribute the parsers read,
 * hostile hrefs and entities, and JSON documents with wrong types in every field. HTML parsing
 * never throws; JSON parsing throws only ProjectPageError; every file kept has a URL and a name.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseHtmlProjectPage } from '../../src/index/html-page.js';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import { ProjectPageError } from '../../src/index/project-page-error.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { fuzzParameters, heapUsed, onlyOwnErrors } from './fuzz-budget.js';

const PAGE = 'https://user:pw@index.test/simple/demo/';
const project = normalizeName('demo');

const href = fc.oneof(
  fc.constantFrom(
    'demo-1.0-py3-none-any.whl',
    '../../files/demo-1.0.tar.gz',
    'https://h.test/demo-2.0-py3-none-any.whl#sha256=ab',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '//other.test/demo-1.0.zip',
    'demo-1.0-py3-none-any.whl#md5=x&sha256=',
    '%2e%2e%2fdemo-1.0.tar.gz',
    'demo-1.0.tar.gz#sha256=' + 'a'.repeat(64),
    '',
    '#',
    '?q=1',
    'http://[::1',
    'x:y',
  ),
  fc.string({ maxLength: 30 }),
);
const attrValue = fc.oneof(
  fc.constantFrom('', 'true', 'sha256=abc', '&gt;=3.8', '&#x3c;4', '&bogus;', '"'),
  fc.string({ maxLength: 10 }),
);
const anchor = fc
  .tuple(href, attrValue, attrValue, attrValue, fc.string({ maxLength: 10 }), fc.boolean())
  .map(
    ([h, rp, y, m, text, single]) =>
      `<a href=${single ? `'${h}'` : `"${h}"`} data-requires-python="${rp}" data-yanked="${y}" data-core-metadata="${m}">${text}</a>`,
  );
const soup = fc.constantFrom(
  '<html>',
  '<body>',
  '</a>',
  '<a',
  '<a href>',
  '<base href="https://b.test/x/">',
  '<!--',
  '-->',
  '<script>',
  '<',
  '>',
  '&amp;',
  '\u0000',
);
const html = fc
  .array(fc.oneof(anchor, soup, fc.string({ maxLength: 20 })), { maxLength: 40 })
  .map((p) => p.join(''));

const jsonValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    '',
    'x',
    'demo-1.0-py3-none-any.whl',
    'https://h.test/demo-1.0-py3-none-any.whl',
    '../x',
    'file:///x',
  ),
  fc.string({ maxLength: 10 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const fileObject = fc.record(
  {
    filename: jsonValue,
    url: jsonValue,
    hashes: fc.oneof(
      jsonValue,
      fc.dictionary(fc.constantFrom('sha256', 'md5', 'x'), jsonValue, { maxKeys: 3 }),
    ),
    'requires-python': jsonValue,
    yanked: jsonValue,
    'core-metadata': fc.oneof(jsonValue, fc.dictionary(fc.constantFrom('sha256'), jsonValue, { maxKeys: 1 })),
    size: jsonValue,
  },
  { requiredKeys: [] },
);
const jsonDoc = fc.oneof(
  fc
    .record(
      {
        meta: fc.oneof(
          jsonValue,
          fc.record({ 'api-version': fc.oneof(fc.constantFrom('1.0', '1.1', '2.0', '1'), jsonValue) }),
        ),
        name: jsonValue,
        files: fc.oneof(jsonValue, fc.array(fc.oneof(fileObject, jsonValue), { maxLength: 8 })),
      },
      { requiredKeys: [] },
    )
    .map((d) => JSON.stringify(d)),
  fc.string({ maxLength: 40 }),
);

describe('fuzz: project pages', () => {
  it('HTML: never throws; kept files have a name and a URL', () => {
    const before = heapUsed();
    fc.assert(
      fc.property(html, (page) => {
        const parsed = parseHtmlProjectPage(page, PAGE, project);
        for (const f of parsed.files) {
          expect(f.filename).not.toBe('');
          expect(() => new URL(f.url)).not.toThrow();
          expect(f.redactedUrl).not.toContain('pw');
        }
      }),
      fuzzParameters(1500),
    );
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('JSON: throws only ProjectPageError; kept files have a name and a URL', () => {
    const before = heapUsed();
    const logger = new RecordingLogger();
    fc.assert(
      fc.property(jsonDoc, (text) => {
        try {
          const parsed = parseJsonProjectPage(text, PAGE, project, logger);
          for (const f of parsed.files) {
            expect(typeof f.filename).toBe('string');
            expect(() => new URL(f.url)).not.toThrow();
          }
        } catch (error) {
          onlyOwnErrors(error, [ProjectPageError]);
        }
      }),
      fuzzParameters(1500),
    );
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });
});
