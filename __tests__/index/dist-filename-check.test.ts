import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  PageFilenameChecker,
  reportRefusals,
  refuseDistFilename,
  unsafeFilenameReason,
} from '../../src/index/dist-filename-check.js';
import { wheelTagPartStart } from '../../src/standards/filenames.js';
import { parseHtmlProjectPage } from '../../src/index/html-page.js';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { silentLogger as nullLogger } from '../../src/util/logger.js';

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

describe("PageFilenameChecker: the per-page checker gives refuseDistFilename's answers", () => {
  // Heads and tag parts, good and bad, so that names repeat in orders (the predicted path), break
  // the order, and differ from a known name by one character or one "-" (the split must not move).
  const heads = [
    'demo-1.0',
    'demo-1.0-1',
    'demo-2.0',
    'demo-2.0-2b',
    'Demo-1.0',
    'de__mo-1.0',
    'demo-x.y',
    'demo-1.0-1-',
    'demo',
  ];
  const tags = [
    'py3-none-any',
    'cp311-cp311-manylinux_2_17_x86_64',
    'cp311-abi3-win_amd64',
    'py3-none-any-extra',
    'py3-none',
    'py3--any',
    'py3-none-any\u202e',
    'py3-none-an/y',
  ];
  const name = fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(fc.nat(heads.length - 1), fc.nat(tags.length - 1))
        .map(([h, t]) => `${heads[h]}-${tags[t]}.whl`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'demo-1.0.tar.gz',
        'demo-1.0-py3-none-any.whl.zip',
        'demo-1.0-py3-none-any.WHL',
        '../demo-1.0-py3-none-any.whl',
        'demo-1.0-py3-none-any.whl-',
      ),
    },
  );
  it('repeating, broken and odd sequences of names: the same refusals, ids equal exactly for equal parts', () => {
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (cycle, picks) => {
          // Mostly the cycle in order (as a page lists a version's wheels), sometimes another name
          // of it or a name of it with one character changed (same length: the predicted path's test).
          const names = picks.map((p, i) => {
            const own = cycle[i % cycle.length] as string;
            if (p % 9 === 1) return cycle[p % cycle.length] as string;
            if (p % 9 !== 0) return own;
            const at = Math.floor(p / 9) % own.length;
            const c = ['-', '.', 'W', '/', 'x', '_'][p % 6] as string;
            return own.slice(0, at) + c + own.slice(at + 1);
          });
          const checker = new PageFilenameChecker('src');
          const seenHead = new Map<string, number>();
          const seenTag = new Map<string, number>();
          for (const n of names) {
            expect(checker.check(n)).toStrictEqual(refuseDistFilename(n, 'src'));
            if (checker.headId >= 0) {
              const d = wheelTagPartStart(n) - 1;
              const head = n.slice(0, d);
              const tag = n.slice(d + 1, -4);
              expect(seenHead.get(head) ?? checker.headId).toBe(checker.headId);
              expect(seenTag.get(tag) ?? checker.tagId).toBe(checker.tagId);
              seenHead.set(head, checker.headId);
              seenTag.set(tag, checker.tagId);
            } else expect(checker.tagId).toBe(-1);
          }
          // Numbers name distinct texts.
          expect(new Set(seenHead.values()).size).toBe(seenHead.size);
          expect(new Set(seenTag.values()).size).toBe(seenTag.size);
        },
      ),
      { numRuns: 1500, seed: 427 },
    );
  });
});

describe('reportRefusals (review 2 s12: a page of hostile names is not a flood of warnings)', () => {
  it('warns about the first ten hostile names, counts the rest in one warning, and caps each quote', () => {
    const warnings: string[] = [];
    const debug: string[] = [];
    const logger = {
      ...nullLogger,
      warn: (m: string) => warnings.push(m),
      debug: (m: string) => debug.push(m),
    };
    const long = `x/${'a'.repeat(5000)}.whl`;
    const refused = [
      { filename: long, source: 'https://index.example/simple/x/', reason: 'path separator', hostile: true },
      ...Array.from({ length: 24 }, (_, i) => ({
        filename: `x-1.0-${i}/../y.whl`,
        source: 'https://index.example/simple/x/',
        reason: 'path separator',
        hostile: true,
      })),
      {
        filename: 'README',
        source: 'https://index.example/simple/x/',
        reason: 'not a wheel',
        hostile: false,
      },
    ];
    reportRefusals(logger, refused);
    expect(warnings).toHaveLength(11);
    expect(warnings[0]).toContain(`"x/${'a'.repeat(198)}"… (5006 characters)`);
    expect(warnings[0]!.length).toBeLessThan(400);
    expect(warnings[10]).toBe('ignoring 15 more link(s) with such names on https://index.example/simple/x/');
    expect(debug).toHaveLength(1);
  });
});
