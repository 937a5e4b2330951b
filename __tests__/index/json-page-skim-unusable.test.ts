/**
 * A skimmed PEP 691 entry whose URL is unusable, read when the candidate chooser asks for it
 * (src/index/json-page-entry.ts lazyEntryReader, src/index/compact-links.ts `unusable`; review 14b
 * #12, its remainder): it is left out with a warning, as the eager parse leaves it out (json-page.ts
 * skips the entry; pip 23.2's `Link.from_json` returns None for an entry without a url, and its
 * HTML parser skips an unusable href) — the page and every other file of it stay usable.
 */
import { describe, expect, it } from '@jest/globals';
import { FIELDS, SKIMMED, URL_START } from '../../src/index/compact-link-fields.js';
import type { CompactLinks } from '../../src/index/compact-links.js';
import { parseJsonProjectPage, parseJsonProjectPageGeneral } from '../../src/index/json-page.js';
import { SKIM_MIN_CHARS } from '../../src/index/json-page-scan.js';
import { decodePageBody } from '../../src/index/page-body.js';
import { versionCandidates } from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { openRules } from '../helpers/candidate-rules.js';
import { referenceVersionCandidates } from '../helpers/candidates-reference.js';

const demo = 'demo' as NormalizedName;
const PAGE = 'https://pypi.example/simple/demo/';
const rules = openRules(targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' }));

/** 600 entries (past the skim's size), versions 1.0–1.599, each a py3 wheel; entry 300 changed. */
function page(brokenUrl: unknown): string {
  const files = Array.from({ length: 600 }, (_, n) => ({
    filename: `demo-1.${n}-py3-none-any.whl`,
    url: n === 300 ? brokenUrl : `https://files.example/p/demo-1.${n}-py3-none-any.whl`,
    hashes: { sha256: 'a'.repeat(64) },
    'requires-python': '>=3.8',
    yanked: false,
  }));
  const text = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files });
  expect(text.length).toBeGreaterThan(SKIM_MIN_CHARS);
  return text;
}

describe('a skimmed entry with an unusable url, read later', () => {
  it.each<[string, unknown]>([
    ['a scheme pip cannot fetch', 'ftp://files.example/p/demo-1.300-py3-none-any.whl'],
    ['a host the URL parser refuses', 'https://files example/p/demo-1.300-py3-none-any.whl'],
    ['a url that is no string', 5],
  ])('%s: that file is left out, the page and its other files kept', (_, url) => {
    const text = page(url);
    const logger = new RecordingLogger();
    const { controlFree, seen } = decodePageBody(new TextEncoder().encode(text));
    const parsed = parseJsonProjectPage(text, PAGE, demo, logger, controlFree, seen);
    const links = parsed.links as CompactLinks;
    // The entry was skimmed, not read while scanning (the path under test).
    expect(links.ranges[300 * FIELDS + URL_START]).toBe(SKIMMED);

    const general = parseJsonProjectPageGeneral(text, PAGE, demo);
    expect(general.files.map((f) => f.filename)).not.toContain('demo-1.300-py3-none-any.whl');
    const candidates = versionCandidates(parsed, rules);
    expect(candidates).toStrictEqual(referenceVersionCandidates(general, rules));
    expect(candidates.some((c) => c.version.toString() === '1.299')).toBe(true);
    expect(candidates.some((c) => c.version.toString() === '1.300')).toBe(false);
    expect(logger.text()).toMatch(/1 file entry skipped/);
    expect(parsed.files).toStrictEqual(general.files);
  });
});
