import { describe, expect, it } from '@jest/globals';
import { refuseDistFilename, unsafeFilenameReason } from '../../src/index/dist-filename-check.js';
import { parseHtmlProjectPage } from '../../src/index/html-page.js';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import type { NormalizedName } from '../../src/standards/names.js';

const SRC = 'https://idx.example/simple/demo/';

describe('refuseDistFilename', () => {
  it.each([
    'demo-1.0-py3-none-any.whl',
    'demo-1.0-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'Demo.Pkg-2!1.0+local.7-py2.py3-none-any.whl',
    'python-dateutil-2.8.2.tar.gz',
    'zope.interface-5.0.zip',
  ])('accepts %j', (name) => {
    expect(refuseDistFilename(name, SRC)).toBeUndefined();
  });

  it.each([
    ['demo-1.0-1/../../x-py3-none-any.whl', 'path separator'],
    ['demo-1.0-1\\..\\..\\x-py3-none-any.whl', 'path separator'],
    ['..', 'not a file name'],
    ['', 'not a file name'],
    ['demo-1.0-1\u0000x-py3-none-any.whl', 'control character'],
    ['demo-1.0-1\u001b[31mx-py3-none-any.whl', 'control character'],
    ['demo-1.0-1\u009bx-py3-none-any.whl', 'control character'],
    ['demo-1.0-1\u202ex-py3-none-any.whl', 'invisible formatting'],
    ['demo-1.0-1::error::x-py3-none-any.whl', '":"'],
    ['C:demo-1.0.tar.gz', '":"'],
    ['demo-1.0-1<x>-py3-none-any.whl', 'only ASCII letters'],
    ['demo-1.0-1 x-py3-none-any.whl', 'only ASCII letters'],
  ])('refuses %j as hostile (%s)', (name, reason) => {
    const r = refuseDistFilename(name, SRC);
    expect(r).toMatchObject({ filename: name, source: SRC, hostile: true });
    expect(r?.reason).toContain(reason);
  });

  it.each(['demo-1.0.egg', 'demo-1.0.win32.exe', 'demo-1.0.tar.bz2', 'demo-1.0beta-r5.tar.gz'])(
    'refuses %j quietly (not a wheel or sdist name)',
    (name) => {
      expect(refuseDistFilename(name, SRC)).toMatchObject({ hostile: false });
    },
  );

  it('the safe-path rule alone (direct URLs) leaves the grammar to later layers', () => {
    expect(unsafeFilenameReason('archive.tar.bz2')).toBeUndefined();
    expect(unsafeFilenameReason('a/b.whl')).toContain('separator');
  });
});

describe('the page parsers drop refused links and report them', () => {
  const demo = 'demo' as NormalizedName;

  it('HTML: percent-encoded separators, dot segments and control characters are decoded, then refused', () => {
    const page = parseHtmlProjectPage(
      `<a href="../../files/demo-1.0-py3-none-any.whl">ok</a>
       <a href="../../files/demo-1.0-1%2F..%2F..%2Fx-py3-none-any.whl">slash</a>
       <a href="../../files/demo-1.0-1%5C..%5Cx-py3-none-any.whl">backslash</a>
       <a href="../../files/demo-1.0-1%00x-py3-none-any.whl">nul</a>
       <a href="../../files/demo-1.0-1%1B%5B2Jx-py3-none-any.whl">esc</a>
       <a href="../../files/%2E%2E">dots (the URL parser folds this dot segment: no file name at all)</a>
       <a href="../../files/demo-1.0.egg">egg</a>`,
      SRC,
      demo,
    );
    expect(page.files.map((f) => f.filename)).toEqual(['demo-1.0-py3-none-any.whl']);
    expect(page.refused?.map((r) => [r.filename, r.hostile])).toEqual([
      ['demo-1.0-1/../../x-py3-none-any.whl', true],
      ['demo-1.0-1\\..\\x-py3-none-any.whl', true],
      ['demo-1.0-1\u0000x-py3-none-any.whl', true],
      ['demo-1.0-1\u001b[2Jx-py3-none-any.whl', true],
      ['demo-1.0.egg', false],
    ]);
  });

  it('JSON: the `filename` field is what is checked (it names the file written), whatever the URL', () => {
    const doc = {
      meta: { 'api-version': '1.1' },
      name: 'demo',
      files: [
        { filename: 'demo-1.0-py3-none-any.whl', url: '/f/a.whl', hashes: {} },
        { filename: 'demo-1.0-1/../../../x-py3-none-any.whl', url: '/f/b.whl', hashes: {} },
        { filename: 'demo-1.0-1\r\n::error::x-py3-none-any.whl', url: '/f/c.whl', hashes: {} },
      ],
    };
    const page = parseJsonProjectPage(JSON.stringify(doc), SRC, demo);
    expect(page.files.map((f) => f.filename)).toEqual(['demo-1.0-py3-none-any.whl']);
    expect(page.refused?.every((r) => r.hostile)).toBe(true);
    expect(page.refused).toHaveLength(2);
  });
});
