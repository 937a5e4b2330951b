// Differential test: an entry shape's one-pattern match (EntryTemplate.match, a sticky RegExp)
// against the run-by-run comparison it replaced (matchByRuns: startsWith per literal run, indexOf +
// Scanner.plainUntil per string hole, numberEnd per number hole) — the same answer (the end offset
// or -1) and the same field record for entries of the learned shape, of other shapes, and with
// random one-character edits (quotes, `\`, LF/CR/TAB, braces, digits, number characters), with and
// without the body's SEEN_* bits (the plain and the strict string-hole pattern).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ENTRY_FIELDS, EntryTemplate } from '../../src/index/json-entry-template.js';
import { readEntry } from '../../src/index/json-page-entry.js';
import { Scanner } from '../../src/index/json-scanner.js';
import { SEEN_BACKSLASH, SEEN_CR, SEEN_LF, SEEN_TAB } from '../../src/index/page-body.js';

const KEYS = ['hashes', 'requires-python', 'yanked', 'core-metadata', 'size', 'upload-time', 'extra'];
const NUMBERS = ['0', '12', '-3', '1.5', '2e10', '1E+2', '-0.5e-3', '70000'];
const text = fc
  .array(fc.constantFrom('a', 'Z', '0', '9', '/', '.', '-', '_', ' ', ':', '{', '}', ',', '#'), {
    maxLength: 12,
  })
  .map((cs) => cs.join(''));
const value = fc.oneof(
  text.map((s) => `"${s}"`),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom('true', 'false', 'null', '{}', '{"sha256":"ab12"}', '{ "sha256" : "" }'),
);

/** An entry's text: filename and url always, other keys in any order, compact or spaced. */
const entry = fc
  .record({
    keys: fc.shuffledSubarray(KEYS),
    values: fc.array(value, { minLength: KEYS.length + 2, maxLength: KEYS.length + 2 }),
    name: text,
    url: text,
    namePos: fc.nat(),
    spaced: fc.boolean(),
  })
  .map(({ keys, values, name, url, namePos, spaced }) => {
    const members = keys.map((k, i) => [k, values[i] as string]);
    members.splice(namePos % (members.length + 1), 0, ['filename', `"${name}.whl"`]);
    members.splice((namePos >> 3) % (members.length + 1), 0, ['url', `"https://h/${url}"`]);
    const sep = spaced ? ', ' : ',';
    const colon = spaced ? ': ' : ':';
    return `{${members.map(([k, v]) => `"${k}"${colon}${v}`).join(sep)}}`;
  });

const EDIT_CHARS = [
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '{',
  '}',
  '[',
  ',',
  ':',
  '0',
  '5',
  '-',
  '+',
  '.',
  'e',
  ' ',
  'x',
];
const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'replace', 'delete'),
  c: fc.constantFrom(...EDIT_CHARS),
});

function applyEdits(s: string, edits: { at: number; kind: string; c: string }[]): string {
  for (const { at, kind, c } of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    s =
      kind === 'insert'
        ? s.slice(0, i) + c + s.slice(i)
        : kind === 'replace'
          ? s.slice(0, i) + c + s.slice(i + 1)
          : s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}

function seenOf(s: string): number {
  return (
    (s.includes('\\') ? SEEN_BACKSLASH : 0) |
    (s.includes('\t') ? SEEN_TAB : 0) |
    (s.includes('\n') ? SEEN_LF : 0) |
    (s.includes('\r') ? SEEN_CR : 0)
  );
}

function learn(source: string): EntryTemplate | undefined {
  const sc = new Scanner(source);
  const r = new Int32Array(ENTRY_FIELDS);
  let yanked: false | true | string;
  try {
    yanked = readEntry(sc, r);
  } catch {
    return undefined;
  }
  return EntryTemplate.learn(source, 0, sc.p, r, yanked);
}

/** Both matches of `candidate` (placed after a `[`, before `,{}]`) with fresh scanners: the same answer. */
function compare(
  template: EntryTemplate,
  candidate: string,
  withSeen: boolean,
): { end: number; plain: boolean } {
  const body = `[${candidate},{}]`;
  const seen = withSeen ? seenOf(body) : undefined;
  const r1 = new Int32Array(ENTRY_FIELDS).fill(-7);
  const r2 = new Int32Array(ENTRY_FIELDS).fill(-7);
  const a = new Scanner(body, seen);
  const end = template.match(a, 1, r1);
  const b = new Scanner(body, seen);
  expect(end).toBe(template.matchByRuns(b, 1, r2));
  expect(Array.from(r1)).toStrictEqual(Array.from(r2));
  return { end, plain: a.plainAhead() };
}

describe('EntryTemplate.match (one pattern) against matchByRuns', () => {
  it('answers alike for entries of the same and other shapes, edited or not', () => {
    let matched = 0;
    let refused = 0;
    let plainMatched = 0;
    fc.assert(
      fc.property(
        entry,
        entry,
        fc.array(edit, { maxLength: 3 }),
        fc.boolean(),
        (first, second, edits, withSeen) => {
          const template = learn(first);
          if (template === undefined) return;
          // The learned entry itself, another entry, and edited copies of both.
          for (const candidate of [first, second, applyEdits(first, edits), applyEdits(second, edits)]) {
            const { end, plain } = compare(template, candidate, withSeen);
            if (end >= 0) {
              matched++;
              if (plain) plainMatched++;
            } else refused++;
          }
        },
      ),
      { seed: 691, numRuns: 1500 },
    );
    // The property saw both outcomes, and the plain pattern matching.
    expect(matched).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
    expect(plainMatched).toBeGreaterThan(200);
  });

  it('refuses a string hole holding a backslash, LF, CR or TAB, as the scanner does', () => {
    const template = learn('{"filename":"a.whl","url":"https://h/a","size":12}') as EntryTemplate;
    for (const c of ['\\', '\n', '\r', '\t']) {
      for (const withSeen of [true, false]) {
        const { end } = compare(
          template,
          `{"filename":"a${c}b.whl","url":"https://h/a","size":12}`,
          withSeen,
        );
        expect(end).toBe(-1);
      }
    }
    expect(
      compare(template, '{"filename":"ab.whl","url":"https://h/a","size":12}', true).end,
    ).toBeGreaterThan(0);
  });

  it('takes the longest number, as numberEnd does', () => {
    const template = learn('{"filename":"a.whl","url":"u","size":12}') as EntryTemplate;
    for (const n of ['0', '1.5', '1e5', '1.', '1e', '01', '-', '-0', '1.5e+3', '2E-1x'])
      compare(template, `{"filename":"a.whl","url":"u","size":${n}}`, true);
  });
});
