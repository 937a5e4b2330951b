// What a page leaves behind once its candidates are made: the kept DistFiles, the tag-part and
// version caches must not hold slices of the page's body (V8 keeps a sliced string's parent alive,
// src/util/own-string.ts), or every page read stays in memory for the whole resolution.
import { describe, expect, it } from '@jest/globals';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import { versionCandidates, type VersionCandidate } from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import { heapAfterGc } from '../helpers/heap-after-gc.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { ownString } from '../../src/util/own-string.js';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
const rules = openRules(target);

/** A ~24 MB page of 2,000 links (long unused fields), every name, tag part and version new. */
function bigPage(seed: number): string {
  const files = [];
  for (let v = 0; v < 200; v++) {
    for (let w = 0; w < 10; w++) {
      const version = `${seed}.${v}.0.dev${1000 + w}`;
      const plat = `manylinux_2_${5 + w}_x86_64.other_platform_of_page_${seed}`;
      const filename = `retained_project_${seed}-${version}-cp311-cp311-${plat}.whl`;
      files.push({
        filename,
        url: `https://files.example/packages/${seed}/${v}/${w}/${filename}`,
        hashes: { sha256: `${v}`.padStart(64, '0') },
        'requires-python': `>=3.8, !=3.9.${v}, <4.${w}`,
        yanked: v % 7 === 0 ? `broken build number ${v}` : false,
        'upload-time': '2024-01-02T03:04:05.123456Z',
        padding: 'x'.repeat(12_000),
      });
    }
  }
  return JSON.stringify({ meta: { 'api-version': '1.1' }, name: `retained-project-${seed}`, files });
}

function candidatesOfBigPage(seed: number): VersionCandidate[] {
  const project = `retained-project-${seed}` as NormalizedName;
  const page = parseJsonProjectPage(
    bigPage(seed),
    'https://pypi.example/simple/retained/',
    project,
    new RecordingLogger(),
  );
  expect(page.links).toBeDefined(); // the compact path
  return versionCandidates(page, rules);
}

function slicesOfBigParents(): string[] {
  const slices: string[] = [];
  for (let i = 0; i < 3; i++) slices.push((`${i}`.repeat(10) + 'y'.repeat(8_000_000)).slice(5, 100));
  return slices;
}

describe('page bodies are not kept alive by what is kept of them', () => {
  it('candidates of three 24 MB pages keep well under one page of memory', async () => {
    candidatesOfBigPage(0); // code compiled, caches warm
    const before = heapAfterGc();
    const kept = [1, 2, 3].map(candidatesOfBigPage);
    // The least of three measurements a tick apart: what is retained stays in every one, while
    // garbage a collection could not free yet (seen in ~1 of 3 runs: +33 MB once, gone the next
    // tick) does not.
    let grown = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      grown = Math.min(grown, heapAfterGc() - before);
    }
    // Every version of every page is a candidate with its chosen file: all still reachable.
    expect(kept.map((k) => k.length)).toEqual([2000, 2000, 2000]);
    expect(kept.flat().every((c) => c.best?.file.url.startsWith('https://files.example/'))).toBe(true);
    // One page kept alive would be 24 MB.
    expect(grown).toBeLessThan(12_000_000);
  });

  it('ownString copies: a slice kept through it does not keep its parent', async () => {
    const before = heapAfterGc();
    const slices = slicesOfBigParents();
    await new Promise((r) => setImmediate(r));
    const withSlices = heapAfterGc() - before;
    // (No loop variable here: a suspended async function keeps its last value alive.)
    const copies = slices.map(ownString);
    slices.length = 0;
    await new Promise((r) => setImmediate(r));
    const withCopies = heapAfterGc() - before;
    expect(copies.map((c) => c.length)).toEqual([95, 95, 95]);
    // The premise (a kept slice keeps its 8 MB parent) and the cure, in one difference: dropping
    // the slices while their copies stay frees the parents. Only the difference is compared: the
    // baseline itself varies by megabytes with what the heap still held before (an absolute
    // "withSlices > 20 MB" failed now and then under load).
    expect(withSlices - withCopies).toBeGreaterThan(16_000_000);
  });
});
