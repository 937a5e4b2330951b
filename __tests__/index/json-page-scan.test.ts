// Differential tests: the PEP 691 scanner (json-page-scan.ts, compact links) against the general
// JSON.parse-based parser (parseJsonProjectPageGeneral) on generated, hand-picked and mutated
// pages — the same page (every DistFile, refusals, warnings) or the same error — and the candidate
// chooser over compact links against the same chooser over the general parser's DistFiles.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseJsonProjectPage, parseJsonProjectPageGeneral } from '../../src/index/json-page.js';
import { scanJsonProjectPage } from '../../src/index/json-page-scan.js';
import { numberEnd } from '../../src/index/json-entry-template.js';
import { NUMBER } from '../../src/index/json-scanner.js';
import { decodePageBody } from '../../src/index/page-body.js';
import type { ProjectPage } from '../../src/index/dist-file.js';
import { versionCandidates } from '../../src/provider/candidates.js';
import { referenceVersionCandidates } from '../helpers/candidates-reference.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';

const demo = 'demo' as NormalizedName;
const PAGE = 'https://pypi.example/simple/demo/';
const AUTH_PAGE = 'https://user:pw@pypi.example/simple/demo/';

type Outcome = { error: string } | { page: unknown; log: string };

function plain(page: ProjectPage): unknown {
  return { project: page.project, source: page.source, refused: page.refused, files: page.files };
}

function outcome(parse: () => ProjectPage, logger: RecordingLogger): Outcome {
  try {
    return { page: plain(parse()), log: logger.text() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Both parsers on one text: the same outcome; returns whether the scanner answered itself. */
function same(text: string, pageUrl = PAGE): boolean {
  const l1 = new RecordingLogger();
  const l2 = new RecordingLogger();
  const fast = outcome(() => parseJsonProjectPage(text, pageUrl, demo, l1), l1);
  const general = outcome(() => parseJsonProjectPageGeneral(text, pageUrl, demo, l2), l2);
  expect(fast).toStrictEqual(general);
  // The way a fetched body arrives: decoded, with what the decoder learned (page-body.ts).
  const l3 = new RecordingLogger();
  const { text: decoded, controlFree, seen } = decodePageBody(new TextEncoder().encode(text));
  if (decoded === text)
    expect(outcome(() => parseJsonProjectPage(text, pageUrl, demo, l3, controlFree, seen), l3)).toStrictEqual(
      general,
    );
  let scanned: ProjectPage | undefined;
  try {
    scanned = scanJsonProjectPage(text, pageUrl, demo, pageUrl.replace('user:pw@', ''), () => {});
  } catch {
    scanned = undefined;
  }
  return scanned !== undefined;
}

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
const rules = openRules(target);

// --- generators -------------------------------------------------------------------------------

const versionText = fc.constantFrom(
  '1.0',
  '1.0.0',
  '2.0b1',
  '2.0',
  '0.9.post1',
  '1!3.0',
  '10.2.dev3',
  'x.y',
  '1.0-1',
);
const tagPart = fc.constantFrom(
  'py3-none-any',
  'cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp310-cp310-manylinux_2_17_x86_64',
  'cp311-abi3-musllinux_1_1_x86_64',
  'py2.py3-none-any',
  'cp311-cp311-win_amd64',
  'py3-none-',
  'py3..-none-any',
);
const wheelName = fc
  .tuple(
    fc.constantFrom('demo', 'Demo', 'other', 'de__mo', 'demo.x'),
    versionText,
    fc.option(fc.constantFrom('1', '2b', 'x')),
    tagPart,
  )
  .map(([n, v, b, t]) => `${n}-${v}${b === null ? '' : `-${b}`}-${t}.whl`);
const sdistName = fc
  .tuple(
    fc.constantFrom('demo', 'Demo', 'other'),
    versionText,
    fc.constantFrom('.tar.gz', '.zip', '.tar.bz2', '.egg'),
  )
  .map(([n, v, e]) => `${n}-${v}${e}`);
const oddName = fc.constantFrom(
  '../evil-1.0.tar.gz',
  'demo-1.0.tar.gz\u202e',
  'a:b-1.0.tar.gz',
  '',
  '.',
  'demo-1.0.exe',
  'démo-1.0.tar.gz',
);
const filename = fc.oneof(
  { weight: 5, arbitrary: wheelName },
  { weight: 3, arbitrary: sdistName },
  { weight: 1, arbitrary: oddName },
);

const hex = fc.constantFrom('a'.repeat(64), 'B'.repeat(64), '0123abcd', 'zz', '');
const url = (name: string) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom(
        `https://files.example/packages/ab/cd/${name}`,
        `https://files.example/packages/ab/cd/${name}#sha256=${'e'.repeat(64)}`,
        `https://files.example/packages/ab/cd/${name}#md5=ABC&sha256=${'f'.repeat(64)}`,
        `https://files.example/packages/ab/cd/${name}#bogus=1`,
        `https://Files.Example/p/${name}`,
        `https://files.example:443/p/${name}`,
        `https://files.example:8443/p/${name}`,
        `http://files.example/p/./x/../${name}`,
        `https://files.example/p/${encodeURIComponent(name)}`,
        `https://files.example/p/${name}?x=1`,
        `https://pypi.example/files/${name}`,
        `https://pypi.example/files/${name}#sha256=${'e'.repeat(64)}`,
        `/files/${name}`,
        `../../files/${name}`,
        `${name}`,
        'http://[::1]/p/x.tar.gz',
        'https://xn--dmo-bma.example/p/x.tar.gz',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `file:///tmp/${name}`,
        'https://files.example/p/',
        'ftp://files.example/x.tar.gz',
        'https://files.example/p/%zz.tar.gz',
      ),
    },
  );
const hashes = fc.oneof(
  fc.record({ sha256: hex }, { requiredKeys: [] }),
  fc.record({ sha256: hex, md5: hex, BLAKE2B: hex, nope: hex }, { requiredKeys: [] }),
  fc.constantFrom(null, 'sha256=abc', [], ['a'], 5),
);
const metadata = fc.oneof(
  fc.boolean(),
  fc.record({ sha256: hex }),
  fc.constantFrom(null, 'true', {}, [1], 0),
);
const entry = filename.chain((name) =>
  fc.record(
    {
      filename: fc.oneof(
        { weight: 60, arbitrary: fc.constant<unknown>(name) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(5, null) },
      ),
      url: fc.oneof(
        { weight: 60, arbitrary: url(name) as fc.Arbitrary<unknown> },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, '') },
      ),
      hashes,
      'requires-python': fc.constantFrom<unknown>(
        '>=3.8',
        ' >=3.7 ',
        '',
        '  ',
        '<3',
        'garbage',
        '>=3.9\t',
        null,
        3,
      ),
      yanked: fc.constantFrom<unknown>(false, true, '', 'broken "build"', 'line\nbreak', null, 1, 'true'),
      'core-metadata': metadata,
      'dist-info-metadata': metadata,
      'data-dist-info-metadata': metadata,
      size: fc.constantFrom<unknown>(0, 1234, -1, 1.5, 1e3, 2 ** 60, '12', null),
      'upload-time': fc.constantFrom<unknown>('2024-01-02T03:04:05Z', 5, null),
      'gpg-sig': fc.boolean(),
      extra: fc.constantFrom<unknown>({ a: [1, { b: null }] }, [], 'x'),
    },
    { requiredKeys: ['filename', 'url'] },
  ),
);
/** Key order shuffled (the scanner must not assume PyPI's). */
const shuffled = fc.tuple(entry, fc.array(fc.nat(), { minLength: 12, maxLength: 12 })).map(([e, keys]) => {
  const entries = Object.entries(e);
  const order = entries.map((kv, i) => ({ kv, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k);
  return Object.fromEntries(order.map((o) => o.kv));
});
const document = fc.record(
  {
    meta: fc.constantFrom<unknown>(
      { 'api-version': '1.1' },
      { 'api-version': '1.0' },
      { 'api-version': '1.4' },
      { 'api-version': '2.0' },
      {},
      null,
    ),
    name: fc.constantFrom<unknown>('demo', 'Demo', 'DEMO_', 'other', 5),
    files: fc.oneof(
      { weight: 20, arbitrary: fc.array(shuffled, { maxLength: 8 }) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: fc.constantFrom<unknown>({}, null, [5]) },
    ),
    versions: fc.constant(['1.0']),
  },
  { requiredKeys: ['files'] },
);
const layout = fc.constantFrom<(v: unknown) => string>(
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t'),
  // Valid escapes the scanner must decode: `\/`, and letters as `\u00XX` inside strings.
  (v) => JSON.stringify(v).replaceAll('/', '\\/'),
  (v) =>
    JSON.stringify(v).replace(
      /"([^"\\]*)"(?!:)/g,
      (_, s: string) => `"${s.replace(/[ae]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}"`,
    ),
  (v) => JSON.stringify(v).replace(/"filename"/g, '"file\\u006eame"'),
  (v) => ` \r\n${JSON.stringify(v)}\n\t `,
);

describe('json-page-scan: the scanner against the JSON.parse-based parser', () => {
  it('generated pages: identical pages, refusals, warnings and errors', () => {
    let answered = 0;
    fc.assert(
      fc.property(document, layout, fc.boolean(), (doc, show, auth) => {
        if (same(show(doc), auth ? AUTH_PAGE : PAGE)) answered++;
      }),
      { numRuns: 400, seed: 691 },
    );
    // The scanner itself answered for a good share of them (the rest went to the general parser).
    expect(answered).toBeGreaterThan(100);
  });

  it('mutated page text: the same page or the same error', () => {
    const base = JSON.stringify({
      meta: { 'api-version': '1.1' },
      name: 'demo',
      files: [
        {
          filename: 'demo-1.0-py3-none-any.whl',
          url: 'https://f.example/p/demo-1.0-py3-none-any.whl#sha256=ab',
          hashes: { sha256: 'a'.repeat(64) },
          'requires-python': '>=3.8',
          yanked: 'why\n"not"',
          size: 12,
          'core-metadata': { sha256: 'b'.repeat(64) },
        },
        {
          filename: 'demo-1.0.tar.gz',
          url: 'https://f.example/p/demo-1.0.tar.gz',
          hashes: {},
          'upload-time': 't',
          'dist-info-metadata': true,
        },
      ],
    });
    const chars = [
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '\n',
      '\u0001',
      '0',
      '-',
      'e',
      '.',
      't',
      'u',
      '/',
      '\u2028',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(base.length),
            fc.constantFrom('insert', 'delete', 'replace'),
            fc.constantFrom(...chars),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (edits) => {
          let text = base;
          for (const [at, op, c] of edits) {
            const i = at % (text.length + 1);
            text =
              op === 'insert'
                ? text.slice(0, i) + c + text.slice(i)
                : op === 'delete'
                  ? text.slice(0, i) + text.slice(i + 1)
                  : text.slice(0, i) + c + text.slice(i + 1);
          }
          same(text);
        },
      ),
      { numRuns: 1500, seed: 714 },
    );
    expect(same(base)).toBe(true);
  });

  it('pages of many same-shaped entries (the template path), varied and mutated: the same page or error', () => {
    // A few entry shapes (key order, kind of each value), many entries of each with other values
    // (escapes, odd names, numbers, yanked reasons…), some texts then edited at random places.
    const page = fc
      .tuple(
        fc.array(shuffled, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), entry), { minLength: 8, maxLength: 40 }),
      )
      .map(([shapes, fills]) =>
        fills.map(([n, fill]) => {
          const shape = shapes[n % shapes.length] as Record<string, unknown>;
          const fillRecord = fill as Record<string, unknown>;
          // Mostly a value of the same kind (the same shape), sometimes any value (another shape).
          const kind = (v: unknown) =>
            v !== null && typeof v === 'object' ? JSON.stringify(Object.keys(v)) : typeof v;
          return Object.fromEntries(
            Object.keys(shape).map((k) => {
              const other = fillRecord[k];
              const take = k in fillRecord && (n % 7 === 0 || kind(other) === kind(shape[k]));
              return [k, take ? other : shape[k]];
            }),
          );
        }),
      );
    const edits = fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.constantFrom('"', '\\', ',', '1', ' ', '\n', '\u0001', '}', 't'),
      ),
      { maxLength: 2 },
    );
    let answered = 0;
    fc.assert(
      fc.property(page, layout, edits, fc.boolean(), (files, show, changes, auth) => {
        let text = show({ meta: { 'api-version': '1.1' }, name: 'demo', files });
        for (const [at, op, c] of changes) {
          const i = at % (text.length + 1);
          text =
            op === 'insert'
              ? text.slice(0, i) + c + text.slice(i)
              : op === 'delete'
                ? text.slice(0, i) + text.slice(i + 1)
                : text.slice(0, i) + c + text.slice(i + 1);
        }
        if (same(text, auth ? AUTH_PAGE : PAGE)) answered++;
      }),
      { numRuns: 400, seed: 592 },
    );
    expect(answered).toBeGreaterThan(60);
  });

  it('a page of identical-shaped entries that differ only inside values: every value read right', () => {
    // Two shapes (yanked false / a reason), thousands of entries: the template path reads them all.
    const files = Array.from({ length: 2_000 }, (_, i) => ({
      filename: i % 7 === 0 ? `demo-${i}.0.tar.gz` : `demo-${i}.0-py3-none-any.whl`,
      url: `https://files.example/packages/${i % 10}/demo-${i}.0${i % 7 === 0 ? '.tar.gz' : '-py3-none-any.whl'}${i % 3 === 0 ? `#sha256=${'c'.repeat(64)}` : ''}`,
      hashes: { sha256: (i % 16).toString(16).repeat(64) },
      'requires-python': i % 2 === 0 ? '>=3.8' : `>=3.${i % 13}`,
      'core-metadata': { sha256: 'd'.repeat(64) },
      size: i * 1_000 + 7,
      'upload-time': `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
      yanked: i % 11 === 0 ? `reason ${i}` : i % 13 === 0 ? '' : false,
    }));
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
    expect(same(text)).toBe(true);
    expect(same(JSON.stringify(JSON.parse(text), null, 1))).toBe(true);
  });

  it("the template's number reader ends where the scanner's NUMBER regex does", () => {
    const texts = fc.array(fc.constantFrom('-', '0', '1', '9', '.', 'e', 'E', '+', ',', ' ', 'x'), {
      maxLength: 10,
    });
    fc.assert(
      fc.property(texts, (chars) => {
        const text = chars.join('');
        NUMBER.lastIndex = 0;
        expect(numberEnd(text, 0)).toBe(NUMBER.test(text) ? NUMBER.lastIndex : -1);
      }),
      { numRuns: 5000, seed: 8259 },
    );
  });

  it('pages the scanner leaves to the general parser give the general answer', () => {
    const f = (extra: object = {}) => ({
      filename: 'demo-1.0.tar.gz',
      url: 'https://f.example/demo-1.0.tar.gz',
      ...extra,
    });
    const cases = [
      '',
      '[]',
      'null',
      '"x"',
      '\ufeff{"meta":{"api-version":"1.0"},"files":[]}',
      '{"meta":{"api-version":"1.0"},"files":[]} x',
      '{"meta":{"api-version":"1.0"},"files":[],"files":[{"filename":"demo-1.0.tar.gz","url":"x"}]}',
      '{"meta":{"api-version":"1.0"},"meta":{"api-version":"1.1"},"files":[]}',
      `{"meta":{"api-version":"1.0"},"files":[${JSON.stringify(f())}],"x":${'['.repeat(300)}${']'.repeat(300)}}`,
      `{"meta":{"api-version":"1.0"},"files":[${JSON.stringify(f({ url: 'a', extra: 1 })).replace('"extra"', '"url"')}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/a\tb.tar.gz"}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/a\u0000b.tar.gz"}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/d.tar.gz","size":01}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/d.tar.gz","yanked":"\\x"}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/d.tar.gz","yanked":"\\u12"}]}`,
      `{"meta":{"api-version":"1.0"},"name":"other","files":[]}`,
      `{"meta":{"api-version":"1.9"},"name":"other","files":[]}`,
      `{"meta":{"api-version":"1.9"},"files":[${JSON.stringify(f({ url: 'file:///etc/demo-1.0.tar.gz' }))}]}`,
      `{"meta":{"api-version":"1.9"},"files":[${JSON.stringify(f({ url: 'https://f.example/demo-1.0.tar.gz?token=s3cret' }))}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/d.tar.gz","size":1e400,"hashes":{"sha256":"AB","sha256":"cd"}}]}`,
      `{"meta":{"api-version":"1.0"},"files":[{"filename":"demo-1.0.tar.gz","url":"https://f.example/d.tar.gz","yanked":true,"__proto__":{"url":5}}]}`,
    ];
    for (const text of cases) same(text);
    // Same-origin links under a page with credentials carry them (through the URL parser).
    const own = `{"meta":{"api-version":"1.0"},"files":[${JSON.stringify(f({ url: 'https://pypi.example/f/demo-1.0.tar.gz' }))}]}`;
    expect(same(own, AUTH_PAGE)).toBe(true);
    expect(parseJsonProjectPage(own, AUTH_PAGE, demo).files[0]?.url).toBe(
      'https://user:pw@pypi.example/f/demo-1.0.tar.gz',
    );
    same(`{"meta":{"api-version":"1.0"},"files":[${JSON.stringify(f())}]}`, 'file:///srv/simple/demo/');
  });

  it('the candidates chosen from compact links and from DistFiles equal the per-file reference chooser', () => {
    fc.assert(
      fc.property(fc.array(shuffled, { maxLength: 30 }), fc.boolean(), (files, withPins) => {
        const text = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
        let general: ProjectPage;
        try {
          general = parseJsonProjectPageGeneral(text, PAGE, demo);
        } catch {
          return;
        }
        const fast = parseJsonProjectPage(text, PAGE, demo);
        const hashes = withPins ? new Map([['sha256', new Set(['a'.repeat(64)])]]) : undefined;
        const options = hashes !== undefined ? { hashes } : {};
        const plainGeneral: ProjectPage = {
          project: general.project,
          source: general.source,
          files: general.files,
        };
        const expected = referenceVersionCandidates(plainGeneral, rules, options);
        expect(versionCandidates(fast, rules, options)).toStrictEqual(expected);
        expect(versionCandidates(plainGeneral, rules, options)).toStrictEqual(expected);
      }),
      { numRuns: 300, seed: 503 },
    );
  });

  it('a page copied by spreading does not carry the compact links of the whole page', () => {
    const text = JSON.stringify({
      meta: { 'api-version': '1.1' },
      files: [
        { filename: 'demo-1.0.tar.gz', url: 'https://f.example/demo-1.0.tar.gz' },
        { filename: 'demo-2.0.tar.gz', url: 'https://f.example/demo-2.0.tar.gz' },
      ],
    });
    const page = parseJsonProjectPage(text, PAGE, demo);
    expect(page.links).toBeDefined();
    const first = page.files.filter((f) => f.filename === 'demo-1.0.tar.gz');
    const copy = { ...page, files: first };
    expect(versionCandidates(copy, rules).map((c) => c.version.toString())).toEqual(['1.0']);
  });
});

describe('hashes and core-metadata in PyPI’s compact form (read without JSON.parse)', () => {
  it('gives the general parser’s DistFiles for that form and every near miss', () => {
    const hex = 'ab'.repeat(32);
    const values = [
      `{"sha256":"${hex}"}`, // the form read directly
      `{"sha256":"${hex.toUpperCase()}"}`, // upper case: normalised by the general path
      `{"sha256":"${hex.slice(0, 63)}g"}`, // not hex
      `{"sha256":"${hex.slice(0, 62)}"}`, // too short
      `{"sha256": "${hex}"}`, // spaced
      `{"SHA256":"${hex}"}`, // key case
      `{"sha256":"${hex}","md5":"${'cd'.repeat(16)}"}`, // more than one
      `{"md5":"${'cd'.repeat(16)}"}`,
      '{}',
    ];
    const entries = values.map(
      (v, i) =>
        `{"filename":"demo-1.${i}-py3-none-any.whl","url":"https://files.example/demo-1.${i}-py3-none-any.whl","hashes":${v},"core-metadata":${v}}`,
    );
    entries.push(
      `{"filename":"demo-2.0-py3-none-any.whl","url":"https://files.example/demo-2.0-py3-none-any.whl","hashes":{"sha256":"${hex}"},"core-metadata":true}`,
    );
    const text = `{"meta":{"api-version":"1.1"},"name":"demo","files":[${entries.join(',')}]}`;
    expect(same(text)).toBe(true);
    const files = parseJsonProjectPage(text, PAGE, demo, new RecordingLogger()).files;
    expect(files[0]?.hashes).toEqual({ sha256: hex });
    expect(files[0]?.coreMetadata).toEqual({ sha256: hex });
  });
});
