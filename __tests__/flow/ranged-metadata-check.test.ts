/**
 * Review 14b #5: METADATA read over HTTP ranges (lazy-wheel) is checked against the METADATA of the
 * downloaded, sha256-verified wheel; a difference fails the run naming the file (pip 23.2 without
 * `fast-deps` resolves with the downloaded file's METADATA), and the cache's "read here" record of
 * it is dropped. The server here answers range requests from a wheel without the genuine one's
 * `Requires-Dist: dep`, and whole-file requests with the genuine wheel (the index's sha256).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { checkRangedMetadata, RangedMetadataMismatchError } from '../../src/flow/ranged-metadata-check.js';
import type { ResolvedPackage } from '../../src/provider/resolution.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { buildWheel } from '../helpers/dists.js';
import { useForgedRangeIndex } from '../helpers/forged-range-index.js';

const genuine = buildWheel({ name: 'ranged', version: '1.0', requiresDist: ['dep>=1'] });
const forged = buildWheel({ name: 'ranged', version: '1.0', requiresDist: [] });

function pkg(metadataPath: ResolvedPackage['metadataPath'], requiresDist: string[]): ResolvedPackage {
  return {
    name: 'ranged' as NormalizedName,
    version: '1.0',
    file: {
      filename: genuine.filename,
      url: `https://files.example/${genuine.filename}`,
      redactedUrl: `https://files.example/${genuine.filename}`,
      sha256: genuine.sha256,
      kind: 'wheel',
    },
    requested: true,
    extras: [],
    requiresDist,
    metadataPath,
    isDirect: false,
    providesExtra: [],
  };
}

describe('checkRangedMetadata', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-ranged-check-'));
    await writeFile(join(dir, genuine.filename), genuine.bytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes a ranged METADATA that is the wheel’s, and leaves other paths alone', async () => {
    const forgotten: string[] = [];
    await checkRangedMetadata([pkg('lazy-wheel', ['dep>=1'])], dir, (s) => forgotten.push(s));
    // Not read over ranges: not checked here (a missing file would otherwise throw).
    await checkRangedMetadata(
      [
        pkg('pep658', []),
        { ...pkg('download', []), file: { ...pkg('download', []).file, filename: 'x-1-py3-none-any.whl' } },
      ],
      dir,
    );
    expect(forgotten).toEqual([]);
  });

  it('refuses a ranged METADATA that differs, naming the file, and forgets its record', async () => {
    const forgotten: string[] = [];
    const error = await checkRangedMetadata([pkg('lazy-wheel', [])], dir, (s) => forgotten.push(s)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RangedMetadataMismatchError);
    expect((error as Error).message).toContain(genuine.filename);
    expect((error as Error).message).toContain('Requires-Dist');
    expect(forgotten).toEqual([genuine.sha256]);
  });
});

describe('the fetch flow', () => {
  // Ranges are answered from the forged wheel; the whole file is the genuine one.
  const index = useForgedRangeIndex('wh-ranged-flow-', 'ranged', [{ whole: genuine, ranged: forged }]);

  it('fails naming the wheel whose ranged METADATA the downloaded wheel contradicts', async () => {
    const error = await runFetch(index.options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangedMetadataMismatchError);
    expect((error as Error).message).toContain(genuine.filename);
  });
});
