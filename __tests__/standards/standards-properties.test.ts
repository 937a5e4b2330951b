// Property tests (fast-check) for file names, tag ranking and metadata folding.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWheelFilename, tagToString } from '../../src/standards/filenames.js';
import { parseMetadata } from '../../src/standards/metadata.js';
import { platformsFor, rankWheel, supportedTags, tagPriorityMap } from '../../src/standards/tags.js';

const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,6}$/);
const tagItem = fc.stringMatching(/^[a-z0-9_]{1,10}$/);

describe('wheel file names', () => {
  it('parse back the parts they were built from', () => {
    const nameArb = fc
      .tuple(alnum, fc.array(fc.tuple(fc.constantFrom('_', '.'), alnum), { maxLength: 3 }))
      .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''));
    const versionArb = fc
      .array(fc.nat({ max: 999 }), { minLength: 1, maxLength: 4 })
      .map((ns) => ns.join('.'));
    const buildArb = fc.option(fc.tuple(fc.nat({ max: 99999 }), fc.stringMatching(/^[a-z_.]{0,4}$/)), {
      nil: undefined,
    });
    const itemsArb = fc.uniqueArray(tagItem, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        nameArb,
        versionArb,
        buildArb,
        itemsArb,
        itemsArb,
        itemsArb,
        (name, version, build, py, abi, plat) => {
          const buildPart = build ? `-${build[0]}${build[1]}` : '';
          const filename = `${name}-${version}${buildPart}-${py.join('.')}-${abi.join('.')}-${plat.join('.')}.whl`;
          const w = parseWheelFilename(filename);
          expect(w.rawName).toBe(name);
          expect(w.name).toBe(name.replace(/[-_.]+/g, '-').toLowerCase());
          expect(w.version).toBe(version);
          expect(w.buildTag).toEqual(build ? { n: BigInt(build[0]), rest: build[1] } : undefined);
          expect([w.pythonTags, w.abiTags, w.platformTags]).toEqual([py, abi, plat]);
          expect(w.tags).toHaveLength(py.length * abi.length * plat.length);
          expect(new Set(w.tags.map(tagToString)).size).toBe(w.tags.length);
        },
      ),
    );
  });
});

describe('rankWheel', () => {
  const supported = supportedTags({
    implementation: 'cp',
    pythonVersion: [3, 11],
    platforms: platformsFor({ os: 'linux', arch: 'aarch64', glibc: [2, 31] }),
  });
  const map = tagPriorityMap(supported);
  const strings = supported.map(tagToString);

  it('is the lowest index of any supported tag, undefined when none is supported', () => {
    const supportedTag = fc.nat({ max: supported.length - 1 }).map((i) => supported[i]!);
    const foreignTag = fc.record({
      interpreter: tagItem,
      abi: tagItem,
      platform: tagItem.map((p) => `zz_${p}`),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(supportedTag, foreignTag), { maxLength: 6 }), (tags) => {
        const indexes = tags.map((t) => strings.indexOf(tagToString(t))).filter((i) => i >= 0);
        const expected = indexes.length ? Math.min(...indexes) : undefined;
        expect(rankWheel(tags, map)).toBe(expected);
        expect(rankWheel(tags, supported)).toBe(expected);
      }),
    );
  });
});

describe('metadata folding', () => {
  it('unfolds a value folded before any of its spaces back to the original', () => {
    const word = fc.stringMatching(/^[!-~]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 8 }), (words) => {
        const value = words.map(([w]) => w).join(' ');
        const folded = words.map(([w, fold], i) => (i === 0 ? w : `${fold ? '\n' : ''} ${w}`)).join('');
        const { metadata } = parseMetadata(
          `Metadata-Version: 2.1\nName: x\nVersion: 1\nSummary: ${folded}\n`,
        );
        expect(metadata.summary).toBe(value);
      }),
    );
  });
});
