/**
 * PEP 691 `yanked` and PEP 714 `core-metadata` values read as pip 23.2 reads them (review 2 s12):
 * pip's Link.from_json tests them by Python truth (`"yanked": ""` is not yanked, `"yanked": 1` is;
 * `"core-metadata": null` falls back to `dist-info-metadata`). The same page through the machine's
 * pip, through the general parser and through the skimming scanner (every entry read in full).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import type { DistFile } from '../../src/index/dist-file.js';
import { parseJsonProjectPageGeneral } from '../../src/index/json-page.js';
import { scanJsonProjectPage } from '../../src/index/json-page-scan.js';
import { pageLinks } from '../../src/index/page-links.js';
import { decodePageBody } from '../../src/index/page-body.js';
import type { NormalizedName } from '../../src/standards/names.js';

const PIP_LINKS = `
import json, sys
from pip._internal.models.link import Link
url = sys.argv[1]
out = []
for f in json.load(sys.stdin)['files']:
    link = Link.from_json(f, url)
    md = link.metadata_file_data
    out.append([link.yanked_reason, None if md is None else (md.hashes or {})])
print(json.dumps(out))
`;

const PAGE = 'https://idx.example/simple/demo/';
const H = 'ab'.repeat(32);
const K = 'cd'.repeat(32);

const VALUES: [string, unknown][] = [
  ['yanked ""', { yanked: '' }],
  ['yanked " "', { yanked: ' ' }],
  ['yanked "bad"', { yanked: 'bad' }],
  ['yanked true', { yanked: true }],
  ['yanked false', { yanked: false }],
  ['yanked null', { yanked: null }],
  ['yanked 1', { yanked: 1 }],
  ['yanked 0', { yanked: 0 }],
  ['yanked 0.0', { yanked: 0.0 }],
  ['yanked []', { yanked: [] }],
  ['yanked [0]', { yanked: [0] }],
  ['yanked {}', { yanked: {} }],
  ['yanked {"a":1}', { yanked: { a: 1 } }],
  ['core null, dist-info hashes', { 'core-metadata': null, 'dist-info-metadata': { sha256: H } }],
  ['core hashes, dist-info hashes', { 'core-metadata': { sha256: K }, 'dist-info-metadata': { sha256: H } }],
  ['core false, dist-info true', { 'core-metadata': false, 'dist-info-metadata': true }],
  ['core 1', { 'core-metadata': 1 }],
  ['core "x"', { 'core-metadata': 'x' }],
  ['core ""', { 'core-metadata': '' }],
  ['core []', { 'core-metadata': [] }],
  ['core [1]', { 'core-metadata': [1] }],
  ['core {}', { 'core-metadata': {} }],
  ['dist-info null', { 'dist-info-metadata': null }],
];

function page(): string {
  const files = VALUES.map(([, extra], i) => ({
    filename: `demo-1.${i}.tar.gz`,
    url: `/files/demo-1.${i}.tar.gz`,
    hashes: { sha256: H },
    ...(extra as object),
  }));
  return JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
}

function pipReads(text: string): unknown[] {
  const out = execFileSync('python3', ['-c', PIP_LINKS, PAGE], {
    input: text,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', PIP_CONFIG_FILE: '/dev/null' },
    timeout: 60_000,
  });
  return JSON.parse(out) as unknown[];
}

/** A DistFile's yanked and metadata as pip's (yanked_reason, hashes or None). */
function asPip(f: DistFile): unknown {
  return [
    f.yanked === false ? null : f.yanked === true ? '' : f.yanked,
    f.coreMetadata === false ? null : f.coreMetadata,
  ];
}

function scanned(text: string): DistFile[] {
  const { controlFree, seen } = decodePageBody(new TextEncoder().encode(text));
  const reread = () => parseJsonProjectPageGeneral(text, PAGE, 'demo' as NormalizedName).files;
  const p = scanJsonProjectPage(
    text,
    PAGE,
    'demo' as NormalizedName,
    PAGE,
    () => {},
    undefined,
    controlFree,
    { minChars: 0, reread },
    seen,
  );
  if (p === undefined) throw new Error('the scanner gave up on the page');
  const links = pageLinks(p);
  return Array.from({ length: links.length }, (_, i) => links.file(i));
}

describe('yanked and core-metadata values, as pip reads them', () => {
  const text = page();
  const want = pipReads(text);

  it.each(VALUES.map(([label], i) => [label, i] as const))('%s: the general parser', (_label, i) => {
    const files = parseJsonProjectPageGeneral(text, PAGE, 'demo' as NormalizedName).files;
    expect(asPip(files[i]!)).toEqual(want[i]);
  });

  it('the skimming scanner reads every entry as pip does', () => {
    expect(scanned(text).map(asPip)).toEqual(want);
  });

  it('entries of one shape with yanked numbers keep their own verdicts (review 3 s12)', () => {
    const files = Array.from({ length: 60 }, (_, i) => ({
      filename: `demo-2.${i}.tar.gz`,
      url: `/files/demo-2.${i}.tar.gz`,
      hashes: { sha256: H },
      yanked: [0, 1, 2.5, 0, 0, 1][i % 6],
      size: 1000 + i,
    }));
    const many = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
    const pip = pipReads(many);
    expect(pip.filter((p) => (p as unknown[])[0] === '')).toHaveLength(30);
    expect(scanned(many).map(asPip)).toEqual(pip);
  });
});

/**
 * review 14b #3: an entry whose URL carries `#sha256=` and whose `hashes` name another sha256 —
 * pip 23.2's `Link.__init__` builds `{**hashes, **hashes_from_link}`: the fragment wins, and that is
 * the digest pip checks. Both parsers must take the one pip takes.
 */
describe('a fragment hash against the hashes dict, as pip reads them', () => {
  const PIP_HASHES = `
import json, sys
from pip._internal.models.link import Link
print(json.dumps([Link.from_json(f, sys.argv[1])._hashes for f in json.load(sys.stdin)['files']]))
`;
  const files = [
    { filename: 'demo-1.0.tar.gz', url: `/files/demo-1.0.tar.gz#sha256=${K}`, hashes: { sha256: H } },
    { filename: 'demo-1.1.tar.gz', url: `/files/demo-1.1.tar.gz#sha256=${K}`, hashes: { sha256: K } },
    {
      filename: 'demo-1.2.tar.gz',
      url: `/files/demo-1.2.tar.gz#md5=${'e'.repeat(32)}`,
      hashes: { sha256: H },
    },
  ];
  const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
  const pip = JSON.parse(
    execFileSync('python3', ['-c', PIP_HASHES, PAGE], {
      input: text,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', PIP_CONFIG_FILE: '/dev/null' },
      timeout: 60_000,
    }),
  ) as Record<string, string>[];
  const pick = (h: Record<string, string>) => ({ sha256: h['sha256'], md5: h['md5'] });

  it('pip takes the fragment', () => {
    expect(pip.map(pick)).toEqual([
      { sha256: K, md5: undefined },
      { sha256: K, md5: undefined },
      { sha256: H, md5: 'e'.repeat(32) },
    ]);
  });

  it('the general parser and the skimming scanner take what pip takes', () => {
    const general = parseJsonProjectPageGeneral(text, PAGE, 'demo' as NormalizedName).files;
    expect(general.map((f) => pick(f.hashes))).toEqual(pip.map(pick));
    expect(scanned(text).map((f) => pick(f.hashes))).toEqual(pip.map(pick));
  });
});
