// The skimmed page path (json-page-scan.ts `skimEntries`, json-page-entry.ts `lazyEntryReader`):
// a large PEP 691 page's entries are found by their file names and read in full only when the
// candidate chooser asks for them. Against the general JSON.parse-based parser: the same files
// (every entry read), the same candidates (the per-file reference chooser over the general
// parser's files, duplicates of a URL dropped as the index client drops them), and for an entry
// that is not valid, the general parser's error once that entry is read.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseJsonProjectPage, parseJsonProjectPageGeneral } from '../../src/index/json-page.js';
import { scanJsonProjectPage } from '../../src/index/json-page-scan.js';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import { CompactLinks, type UnusableEntry } from '../../src/index/compact-links.js';
import { FIELDS, SKIMMED, URL_START } from '../../src/index/compact-link-fields.js';
import { decodePageBody } from '../../src/index/page-body.js';
import { versionCandidates } from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { referenceVersionCandidates } from '../helpers/candidates-reference.js';

const demo = 'demo' as NormalizedName;
const PAGE = 'https://pypi.example/simple/demo/';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
const rules = openRules(target);

/** The page the way a fetched body is read, every large page skimmed (minChars 0). */
function skimmed(text: string, pageUrl = PAGE): ProjectPage | undefined {
  const { controlFree, seen } = decodePageBody(new TextEncoder().encode(text));
  const reread = () => {
    const entries: (DistFile | UnusableEntry)[] = [];
    parseJsonProjectPageGeneral(text, pageUrl, demo, undefined, entries);
    return entries;
  };
  return scanJsonProjectPage(
    text,
    pageUrl,
    demo,
    pageUrl,
    () => {},
    undefined,
    controlFree,
    { minChars: 0, reread },
    seen,
  );
}

function skimmedCount(page: ProjectPage): number {
  const links = page.links as CompactLinks;
  let n = 0;
  for (let i = 0; i < links.length; i++) if (links.ranges[i * FIELDS + URL_START] === SKIMMED) n++;
  return n;
}

/** What the index client makes of a page: the first link of each URL. */
function firstOfEachUrl(files: readonly DistFile[]): DistFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.url) && seen.add(f.url) !== undefined);
}

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

// --- generators: PyPI-shaped entries, one serializer's layout ------------------------------------

const version = fc.constantFrom('1.0', '1.0.0', '2.0b1', '2.0', '0.9.post1', '1!3.0', '3.1.dev2', 'x.y');
const tags = fc.constantFrom(
  'py3-none-any',
  'cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp310-cp310-manylinux_2_17_x86_64',
  'cp311-cp311-win_amd64',
  'cp312-cp312-macosx_11_0_arm64',
  'cp311-abi3-musllinux_1_1_x86_64',
  'py3-none-',
);
const name = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(version, tags).map(([v, t]) => `demo-${v}-${t}.whl`) },
  { weight: 3, arbitrary: version.map((v) => `demo-${v}.tar.gz`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('other-1.0.tar.gz', 'demo-1.0.exe', '../evil-1.0.tar.gz', 'a:b.whl'),
  },
);
const entry = fc
  .record({
    filename: name,
    host: fc.constantFrom(
      'https://files.example/packages/ab/',
      'https://files.example/p/',
      '/rel/',
      'https://f.example/%7e/',
    ),
    fragment: fc.constantFrom('', `#sha256=${'e'.repeat(64)}`),
    hashes: fc.constantFrom<unknown>({ sha256: 'a'.repeat(64) }, {}, { sha256: 'B'.repeat(64), md5: 'c' }),
    rp: fc.constantFrom<unknown>('>=3.8', ' >=3.7 ', '', '<3', '>=3.12', 'garbage', null),
    yanked: fc.constantFrom<unknown>(false, false, false, true, 'broken', ''),
    core: fc.constantFrom<unknown>(false, true, { sha256: 'd'.repeat(64) }),
    size: fc.constantFrom<unknown>(1234, 0, 1.5),
  })
  .map((e) => e as Record<string, unknown>);

/** Entries in PyPI's key order (or file name first), each URL its own (`n` makes it unique). */
function pageText(entries: readonly Record<string, unknown>[], pretty: boolean, nameFirst: boolean): string {
  const files = entries.map((e, n) => {
    const url = `${e.host as string}${n}/${e.filename as string}${e.fragment as string}`;
    const body: Record<string, unknown> = {
      'core-metadata': e.core,
      'data-dist-info-metadata': e.core,
      filename: e.filename,
      hashes: e.hashes,
      'requires-python': e.rp,
      size: e.size,
      'upload-time': '2024-01-01T00:00:00.000000Z',
      url,
      yanked: e.yanked,
    };
    if (!nameFirst) return body;
    const { filename, ...rest } = body;
    return { filename, ...rest };
  });
  const doc = { files, meta: { 'api-version': '1.1' }, name: 'demo', versions: ['1.0'] };
  return pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
}

const pins = new Map([['sha256', new Set(['a'.repeat(64)])]]);

describe('json-page-scan: skimmed large pages against the general parser', () => {
  it('generated pages: the same candidates, and every file the same once read', () => {
    let skims = 0;
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 3, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (entries, pretty, nameFirst, withPins) => {
          const text = pageText(entries, pretty, nameFirst);
          const general = parseJsonProjectPageGeneral(text, PAGE, demo);
          const page = skimmed(text);
          expect(page).toBeDefined();
          if (page === undefined) return;
          if (skimmedCount(page) > 0) skims++;
          const options = withPins ? { hashes: pins } : {};
          const expected = referenceVersionCandidates(
            { project: demo, source: PAGE, files: firstOfEachUrl(general.files) },
            rules,
            options,
          );
          expect(versionCandidates(page, rules, options)).toStrictEqual(expected);
          // Every entry read (the rest of them now): the general parser's files.
          expect(page.files).toStrictEqual(general.files);
          expect(page.refused).toStrictEqual(general.refused);
        },
      ),
      { numRuns: 300, seed: 740 },
    );
    expect(skims).toBeGreaterThan(150);
  });

  it('an entry that is not valid JSON or not a usable entry: the general error once it is read', () => {
    const good = (n: number, tag: string) => ({
      filename: `demo-1.${n}-${tag}.whl`,
      url: `https://files.example/p/demo-1.${n}-${tag}.whl`,
      hashes: { sha256: 'a'.repeat(64) },
      'requires-python': '>=3.8',
      yanked: false,
    });
    const files = Array.from({ length: 30 }, (_, n) =>
      good(n, n % 2 === 0 ? 'py3-none-any' : 'cp311-cp311-win_amd64'),
    );
    const base = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    const breakages: [string, string][] = [
      ['"yanked":false}', '"yanked":fals}'],
      ['"yanked":false}', '"yanked":false,"yanked":true}'],
      ['"url":"https://files.example/p/demo-1.10', '"url":5,"x":"https://files.example/p/demo-1.10'],
      ['"url":"https://files.example/p/demo-1.10-py3-none-any.whl"', '"url":"https://files.example/p/"'],
    ];
    for (const [from, to] of breakages) {
      // Entry 10 (py3-none-any: used) changed: what the general parser says (its error, or its
      // page when JSON.parse accepts the entry) once the candidates are made.
      const at = base.indexOf(from, base.indexOf('demo-1.10-'));
      const text = base.slice(0, at) + to + base.slice(at + from.length);
      const page = skimmed(text) as ProjectPage;
      expect(skimmedCount(page)).toBeGreaterThan(20);
      const expected = outcome(() =>
        referenceVersionCandidates(
          // A read skimmed entry without a usable url is skipped as the general parser skips it.
          { project: demo, source: PAGE, files: parseJsonProjectPageGeneral(text, PAGE, demo).files },
          rules,
        ),
      );
      expect(outcome(() => versionCandidates(page, rules))).toStrictEqual(expected);
    }
    // Entry 11 (win_amd64: never a candidate for this target) broken: version 1.11 has no other
    // file, so it is listed as unusable by its name's reason — its entry is read for that, and the
    // page gives the general parser's error (review 2 §4: a listed version never rests on an
    // unread entry).
    const at = base.indexOf('"yanked":false}', base.indexOf('demo-1.11-'));
    const text = `${base.slice(0, at)}"yanked":fals}${base.slice(at + 15)}`;
    const general = outcome(() => parseJsonProjectPageGeneral(text, PAGE, demo));
    expect(general).toHaveProperty('error');
    expect(outcome(() => versionCandidates(skimmed(text) as ProjectPage, rules))).toStrictEqual(general);
    // A Windows wheel of 1.10 (which has a usable file) broken: never read, the page is accepted;
    // reading every file finds it.
    const extra = JSON.stringify(good(10, 'cp311-cp311-win_amd64')).replace(
      '"yanked":false}',
      '"yanked":fals}',
    );
    const cut = base.indexOf(',{', base.indexOf('demo-1.10-py3'));
    const text2 = `${base.slice(0, cut)},${extra}${base.slice(cut)}`;
    const page = skimmed(text2) as ProjectPage;
    expect(versionCandidates(page, rules).map((c) => c.version.toString())).toContain('1.10');
    expect(outcome(() => page.files)).toStrictEqual(
      outcome(() => parseJsonProjectPageGeneral(text2, PAGE, demo)),
    );
  });

  it('a page whose first entries are tiny keeps no more room for links than it has links (review 2 of session 8)', () => {
    // The reservation is estimated from the first entries' length: here 40× too many links.
    const tiny = (n: number) => ({ filename: `demo-0.${n}.tar.gz`, url: `/d${n}` });
    const big = (n: number) => ({
      filename: `demo-1.${n}.tar.gz`,
      url: `https://f.example/${'p'.repeat(2000)}/demo-1.${n}.tar.gz`,
      hashes: {},
      yanked: false,
    });
    const files = [tiny(0), tiny(1), ...Array.from({ length: 200 }, (_, n) => big(n))];
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    const page = skimmed(text) as ProjectPage;
    expect(skimmedCount(page)).toBeGreaterThan(150);
    const links = page.links as CompactLinks;
    expect(links.length).toBe(202);
    expect(links.ranges.length).toBeLessThanOrEqual(Math.ceil(links.length * FIELDS * 1.125));
    // Still the same page.
    expect(page.files.map((f) => f.filename)).toStrictEqual(files.map((f) => f.filename));
  });

  it('a URL listed twice: the first link of it stays, as the index client keeps it', () => {
    const entryOf = (filename: string, url: string) => ({ filename, url, hashes: {}, yanked: false });
    const files = [
      ...Array.from({ length: 10 }, (_, n) =>
        entryOf(`demo-0.${n}.tar.gz`, `https://f.example/demo-0.${n}.tar.gz`),
      ),
      entryOf('demo-1.0.tar.gz', 'https://f.example/same.tar.gz'),
      entryOf('demo-2.0.tar.gz', 'https://f.example/same.tar.gz'),
      entryOf('demo-3.0.tar.gz', 'https://f.example/demo-3.0.tar.gz'),
    ];
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    const page = skimmed(text) as ProjectPage;
    expect(skimmedCount(page)).toBeGreaterThan(0);
    const general = parseJsonProjectPageGeneral(text, PAGE, demo);
    const expected = referenceVersionCandidates(
      { project: demo, source: PAGE, files: firstOfEachUrl(general.files) },
      rules,
    );
    const got = versionCandidates(page, rules);
    expect(got).toStrictEqual(expected);
    expect(got.map((c) => c.version.toString())).not.toContain('2.0');
  });

  it('links read in any order, asked in between: each later link of a URL is dropped, none counts as read while scanning', () => {
    // The URLs of read links are compared when a drop is asked for, in the order they were read
    // (compact-links.ts `noteRead`): the answers must be those of comparing at each read — among the
    // links read so far and those read while scanning, every link of a URL but the first is dropped.
    const entryOf = (n: number, url: string) => ({
      filename: `demo-1.${n}.tar.gz`,
      url,
      hashes: {},
      yanked: false,
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 8, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        (urlIds, steps) => {
          // The first entries are read while scanning: their URLs are their own (a duplicate
          // there sends the page to the general path instead, `hasDuplicateUrls`).
          const files = urlIds.map((u, n) => entryOf(n, `https://f.example/u${n < 2 ? 10 + n : u}.tar.gz`));
          const urlOf = (k: number) => (k < 2 ? 10 + k : urlIds[k]);
          const text = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
          const page = skimmed(text) as ProjectPage;
          const links = page.links as CompactLinks;
          const seen = new Set<number>();
          for (let i = 0; i < links.length; i++)
            if (links.ranges[i * FIELDS + URL_START] !== SKIMMED) seen.add(i);
          expect(seen.size).toBeLessThan(links.length);
          for (const [pick, ask] of steps) {
            const i = pick % links.length;
            if (ask) {
              seen.add(i);
              const first = [...seen].filter((k) => urlOf(k) === urlOf(i)).sort((a, b) => a - b)[0];
              expect(links.dropped(i)).toBe(first !== i);
            } else {
              links.requiresPython(i); // read only
              seen.add(i);
            }
          }
          for (const i of seen) {
            const first = [...seen].filter((k) => urlOf(k) === urlOf(i)).sort((a, b) => a - b)[0];
            expect(links.dropped(i)).toBe(first !== i);
          }
          expect(links.hasDuplicateUrls()).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a remote page's file: link in a skimmed entry is never a file: not in the page's files, not a candidate", () => {
    const entryOf = (filename: string, url: string) => ({ filename, url, hashes: {}, yanked: false });
    const files = [
      ...Array.from({ length: 10 }, (_, n) =>
        entryOf(`demo-0.${n}.tar.gz`, `https://f.example/demo-0.${n}.tar.gz`),
      ),
      entryOf('demo-9.9-py3-none-any.whl', 'file:///home/runner/secret/demo-9.9-py3-none-any.whl'),
      entryOf('demo-1.0.tar.gz', 'https://f.example/demo-1.0.tar.gz'),
    ];
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    const page = skimmed(text) as ProjectPage;
    expect(skimmedCount(page)).toBeGreaterThan(0);
    // What a merged lookup (extra indexes, find-links) reads: every file, each entry read.
    expect(page.files.map((f) => f.url).filter((u) => !u.startsWith('https://'))).toEqual([]);
    expect(page.files.map((f) => f.filename)).not.toContain('demo-9.9-py3-none-any.whl');
    expect(page.files).toHaveLength(files.length - 1);
    // What the single-page path reads: the candidates.
    const fresh = skimmed(text) as ProjectPage;
    expect(versionCandidates(fresh, rules).map((c) => c.version.toString())).not.toContain('9.9');
  });

  it('entries holding arrays, or keys written another way, are read in full: the same page', () => {
    const entryOf = (n: number, extra: object) => ({
      filename: `demo-1.${n}.tar.gz`,
      url: `https://f.example/demo-1.${n}.tar.gz`,
      ...extra,
    });
    const files = Array.from({ length: 20 }, (_, n) =>
      entryOf(
        n,
        n === 7
          ? { extra: [{ a: 1 }, { filename: 'demo-9.9.tar.gz', url: 'x' }] }
          : n === 3
            ? { yanked: 'cut },{ here' }
            : n === 12
              ? { note: 'a },{ b', yanked: false }
              : {},
      ),
    );
    for (const text of [
      JSON.stringify({ meta: { 'api-version': '1.1' }, files }),
      JSON.stringify({ meta: { 'api-version': '1.1' }, files }).replace(
        '"filename":"demo-1.5',
        '"filename" : "demo-1.5',
      ),
      JSON.stringify({
        meta: { 'api-version': '1.1' },
        files,
        after: [{ filename: 'demo-8.0.tar.gz', url: 'y' }],
      }),
      // An escape after the first entries: the page is read in full from there.
      JSON.stringify({ meta: { 'api-version': '1.1' }, files }).replace(
        'demo-1.15.tar.gz"',
        'demo-1.15.tar.gz\\u0022x"',
      ),
    ]) {
      const general = parseJsonProjectPageGeneral(text, PAGE, demo);
      // Left to the general parser (undefined), or skimmed up to the entry that holds an array.
      const page = skimmed(text) ?? general;
      expect(page.links === undefined || skimmedCount(page) > 0 || text.includes('\\')).toBe(true);
      expect(versionCandidates(page, rules)).toStrictEqual(
        referenceVersionCandidates({ project: demo, source: PAGE, files: general.files }, rules),
      );
      expect(page.files).toStrictEqual(general.files);
    }
  });

  it('a "filename" key inside an entry\'s nested object is not the entry\'s file name (review 2 §3)', () => {
    // PyPI's key order puts core-metadata first: a nested object there holding "filename" (valid
    // JSON; the general parser ignores unknown hash names) must not be taken for the entry's name.
    const entryOf = (n: number, tag: string, decoy: boolean) => ({
      'core-metadata': decoy ? { filename: `demo-9.${n}-cp27-cp27m-win32.whl` } : { sha256: 'd'.repeat(64) },
      'data-dist-info-metadata': { sha256: 'd'.repeat(64) },
      filename: `demo-1.${n}-${tag}.whl`,
      hashes: { sha256: 'a'.repeat(64) },
      'requires-python': '>=3.8',
      url: `https://f.example/p/demo-1.${n}-${tag}.whl`,
      yanked: false,
    });
    const tagOf = (n: number) => (n % 2 === 0 ? 'cp311-cp311-win_amd64' : 'py3-none-any');
    for (const decoys of [(n: number) => n === 9, (n: number) => n % 3 === 0, () => true]) {
      const files = Array.from({ length: 20 }, (_, n) => entryOf(n, tagOf(n), decoys(n)));
      const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
      const page = skimmed(text) as ProjectPage;
      expect(skimmedCount(page)).toBeGreaterThan(0);
      const general = parseJsonProjectPageGeneral(text, PAGE, demo);
      const got = versionCandidates(page, rules);
      expect(got).toStrictEqual(referenceVersionCandidates(general, rules));
      expect(got.map((c) => c.version.toString())).toContain('1.9');
      expect(got.map((c) => c.version.toString())).not.toContain('9.9');
      expect(page.files).toStrictEqual(general.files);
    }
  });

  it('entries separated another way further on are each found (none swallowed by its neighbour)', () => {
    const entryOf = (n: number) => ({
      filename: `demo-1.${n}-${n % 2 === 0 ? 'cp311-cp311-win_amd64' : 'py3-none-any'}.whl`,
      url: `https://f.example/p/${n}.whl`,
      hashes: { sha256: 'a'.repeat(64) },
      yanked: false,
    });
    const files = Array.from({ length: 20 }, (_, n) => entryOf(n));
    const compact = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    // After entry 8 (a Windows wheel: never read for this target), spaces (and a newline).
    const cut = compact.indexOf('},{', compact.indexOf('demo-1.8-'));
    for (const separator of ['} ,\n {', '} , {', '}, {']) {
      const text = `${compact.slice(0, cut)}${separator}${compact.slice(cut + 3)}`;
      const page = skimmed(text) as ProjectPage;
      expect(skimmedCount(page)).toBeGreaterThan(10);
      const general = parseJsonProjectPageGeneral(text, PAGE, demo);
      const got = versionCandidates(page, rules);
      expect(got).toStrictEqual(referenceVersionCandidates(general, rules));
      expect(got.map((c) => c.version.toString())).toContain('1.9');
      expect(page.files).toStrictEqual(general.files);
    }
  });

  it('the fetch path skims a large page and gives the same files', () => {
    const files = Array.from({ length: 400 }, (_, n) => ({
      filename: `demo-1.${n}-cp311-cp311-manylinux_2_17_x86_64.whl`,
      url: `https://f.example/p/${n}/demo-1.${n}-cp311-cp311-manylinux_2_17_x86_64.whl`,
      hashes: { sha256: 'a'.repeat(64) },
      'requires-python': '>=3.8',
      'core-metadata': { sha256: 'b'.repeat(64) },
      yanked: n % 9 === 0 ? 'bad' : false,
    }));
    const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
    const { controlFree, seen } = decodePageBody(new TextEncoder().encode(text));
    const page = parseJsonProjectPage(text, PAGE, demo, undefined, controlFree, seen);
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(skimmedCount(page)).toBeGreaterThan(390);
    expect(page.files).toStrictEqual(parseJsonProjectPageGeneral(text, PAGE, demo).files);
  });
});

describe('an entry with its "filename" key twice', () => {
  it('is read in full: the last key counts, as for JSON.parse and pip (review 2 of session 7)', () => {
    const entry = (filename: string): string =>
      JSON.stringify({ filename, url: `https://f.example/${filename}`, hashes: {}, yanked: false });
    const files: string[] = [];
    for (let n = 0; n < 10; n++) files.push(entry(`demo-0.${n}.tar.gz`));
    files.push(entry('demo-1.0-py3-none-any.whl'));
    // First another platform's name (ruled out by its name alone), last a better wheel for the target.
    files.push(
      '{"filename":"demo-1.0-cp311-cp311-win_amd64.whl","url":"https://f.example/demo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl","hashes":{},"yanked":false,"filename":"demo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"}',
    );
    files.push(entry('demo-0.99.tar.gz'));
    const text = `{"meta":{"api-version":"1.1"},"files":[${files.join(',')}]}`;
    const general = parseJsonProjectPageGeneral(text, PAGE, demo);
    const expected = referenceVersionCandidates(
      { project: demo, source: PAGE, files: firstOfEachUrl(general.files) },
      rules,
    );
    expect(expected[0]?.best?.file.filename).toBe('demo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl');
    // Read in full, the entry is the scanner's to refuse: the page then goes to the general parser
    // (undefined), as on the fetch path.
    const page = skimmed(text) ?? general;
    expect(versionCandidates(page, rules)[0]?.best?.file.filename).toBe(expected[0]?.best?.file.filename);
  });
});

// Review 14b #4: a one-line page written with Python's `json.dumps` default separators (`}, {`,
// `": "`) holds no `},{`; the skim must not search the rest of the body for one per entry
// (entries × page length). Measured deterministically: the characters the `},{` searches cover.
describe('skim of a page written with ", " separators', () => {
  function spacedPage(n: number): string {
    const files = [];
    for (let i = 0; i < n; i++) {
      const fn = `demo-${i}.0-py3-none-any.whl`;
      files.push({
        filename: fn,
        url: `https://files.example/p/${fn}`,
        hashes: { sha256: i.toString(16).padStart(64, '0') },
      });
    }
    return JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files })
      .replace(/},\{/g, '}, {')
      .replace(/":/g, '": ')
      .replace(/,"/g, ', "');
  }

  it('searches the body for "},{" about once, whatever the number of entries', () => {
    const text = spacedPage(2000);
    expect(text.includes('},{')).toBe(false);
    const original = String.prototype.indexOf;
    let chars = 0;
    String.prototype.indexOf = function (this: string, search: string, from?: number): number {
      const at = original.call(this, search, from);
      if (search === '},{') chars += (at < 0 ? this.length : at) - (from ?? 0);
      return at;
    } as typeof String.prototype.indexOf;
    let page: ProjectPage | undefined;
    try {
      page = skimmed(text);
    } finally {
      String.prototype.indexOf = original;
    }
    expect(page?.links?.length).toBe(2000);
    expect(skimmedCount(page as ProjectPage)).toBeGreaterThan(1000);
    expect(chars).toBeLessThanOrEqual(2 * text.length);
  });
});
