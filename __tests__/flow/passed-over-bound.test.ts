/**
 * 14d F9's check, bounded (session 17): the releases of a resolved project the resolver read over
 * HTTP ranges and did not take are fetched whole, those at or above the chosen version (the ones the
 * resolver turned down) first, then the older ones (review 17c F2: those can steer another project;
 * flow/passed-over-older.test.ts). A byte budget caps what is
 * fetched: past it releases are left unchecked and named for the caller's warning — which the flow
 * gives (WHEELHOUSE_PASSED_OVER_CHECK_BYTES=0 here, against the forging host of
 * ranged-metadata-rejected.test.ts, whose default-budget run still fails).
 */
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import {
  checkPassedOverRanged,
  PASSED_OVER_CONCURRENCY,
  type RangedRead,
} from '../../src/flow/ranged-metadata-check.js';
import type { DistFile } from '../../src/index/dist-file.js';
import type { ResolvedPackage } from '../../src/provider/resolution.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { parseMetadata } from '../../src/standards/metadata.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';
import { answerRange } from '../helpers/forged-range-index.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-passed-over-bound-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function distFile(w: BuiltWheel, size?: number): DistFile {
  return {
    project: w.filename.split('-')[0]!.toLowerCase() as NormalizedName,
    filename: w.filename,
    url: `http://127.0.0.1:9/files/${w.filename}`,
    redactedUrl: `http://127.0.0.1:9/files/${w.filename}`,
    hashes: { sha256: w.sha256 },
    yanked: false,
    coreMetadata: false,
    source: 'test',
    ...(size !== undefined ? { size } : {}),
  };
}

describe('checkPassedOverRanged: newer releases first, then older ones, within a byte budget', () => {
  const wheels = ['1.0', '2.0', '2.5', '3.0'].map((version) => buildWheel({ name: 'pick', version }));
  const other = buildWheel({ name: 'gone', version: '1.0' });
  const chosen = wheels[1]!;
  const packages = [
    { name: 'pick', version: '2.0', file: { filename: chosen.filename } } as unknown as ResolvedPackage,
  ];

  async function check(budget: number, sizes: boolean) {
    // In the resolver's order: newest first, then the backtracking that read 1.0, then 2.0 taken.
    const reads: RangedRead[] = [wheels[3]!, wheels[2]!, wheels[0]!, chosen, other].map((w) => ({
      file: distFile(w, sizes ? w.bytes.length : undefined),
      parsed: parseMetadata(w.metadata).metadata,
    }));
    const fetched: string[] = [];
    const result = await checkPassedOverRanged(
      reads,
      packages,
      async (file) => {
        fetched.push(file.filename);
        const w = [...wheels, other].find((x) => x.filename === file.filename)!;
        const path = join(work, file.filename);
        await writeFile(path, w.bytes);
        return { path };
      },
      undefined,
      budget,
    );
    return { result, fetched: fetched.sort() };
  }

  it('every passed-over release is fetched, the older one too (counted as older)', async () => {
    const { result, fetched } = await check(1 << 30, true);
    expect(fetched).toEqual([wheels[0]!.filename, wheels[2]!.filename, wheels[3]!.filename].sort());
    expect(result).toMatchObject({ checked: 3, older: 1, overBudget: [] });
    expect(result.bytes).toBe(wheels[0]!.bytes.length + wheels[2]!.bytes.length + wheels[3]!.bytes.length);
  });

  it('a release whose size would pass the budget is not fetched, and is named; the newer ones go first', async () => {
    const { result, fetched } = await check(wheels[3]!.bytes.length + wheels[2]!.bytes.length, true);
    expect(fetched).toEqual([wheels[2]!.filename, wheels[3]!.filename].sort());
    expect(result).toMatchObject({ checked: 2, older: 0 });
    expect(result.overBudget).toEqual([{ filename: wheels[0]!.filename, size: wheels[0]!.bytes.length }]);
  });

  it('sizes unknown: each download starts while the budget is not spent — at most the concurrency passes it', async () => {
    const many = Array.from({ length: PASSED_OVER_CONCURRENCY + 2 }, (_, i) =>
      buildWheel({ name: 'many', version: `${i + 2}.0` }),
    );
    const base = buildWheel({ name: 'many', version: '1.0' });
    const reads: RangedRead[] = [...many, base].map((w) => ({
      file: distFile(w),
      parsed: parseMetadata(w.metadata).metadata,
    }));
    const fetched: string[] = [];
    const result = await checkPassedOverRanged(
      reads,
      [{ name: 'many', version: '1.0', file: { filename: base.filename } } as unknown as ResolvedPackage],
      async (file) => {
        fetched.push(file.filename);
        const path = join(work, file.filename);
        await writeFile(path, many.find((x) => x.filename === file.filename)!.bytes);
        return { path };
      },
      undefined,
      1,
    );
    expect(fetched).toHaveLength(PASSED_OVER_CONCURRENCY);
    expect(result.checked).toBe(PASSED_OVER_CONCURRENCY);
    expect(result.overBudget.map((f) => f.filename)).toEqual(many.slice(-2).map((w) => w.filename));
  });
});

describe('the flow warns when the budget leaves releases unchecked', () => {
  const old = buildWheel({ name: 'steer', version: '1.0' });
  const genuine = buildWheel({ name: 'steer', version: '2.0' });
  const forged = buildWheel({ name: 'steer', version: '2.0', requiresPython: '<3' });
  let base: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const server = createServer((req, res) => {
      if (req.url === '/simple/steer/') {
        const links = [old, genuine]
          .map((w) => `<a href="/files/${w.filename}#sha256=${w.sha256}">${w.filename}</a>`)
          .join('');
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body>${links}</body></html>`);
        return;
      }
      const name = (req.url ?? '').replace(/^\/files\//, '');
      const file = name === old.filename ? old : name === genuine.filename ? genuine : undefined;
      if (file === undefined) {
        res.writeHead(404);
        res.end();
        return;
      }
      // Ranges of 2.0 come from the forged wheel (same length or not: the host decides).
      if (answerRange(res, req.headers.range, (file === genuine ? forged : file).bytes)) return;
      res.writeHead(200, { 'content-length': String(file.bytes.length) });
      res.end(Buffer.from(file.bytes));
    });
    const l = await listenLocally(server);
    stop = l.close;
    base = `http://127.0.0.1:${l.port}`;
    await writeFile(join(work, 'requirements.txt'), 'steer\n');
  });
  afterAll(async () => {
    await stop();
  });

  it('budget 0: nothing fetched for the check, and a warning names the unchecked release', async () => {
    const logger = new RecordingLogger();
    const result = await runFetch({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: `${base}/simple/` },
      target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      env: { WHEELHOUSE_PASSED_OVER_CHECK_BYTES: '0' },
      logger,
      wheelhouse: join(work, 'wh'),
      stateDir: join(work, 'state'),
    });
    expect(result.packages.map((p) => p.filename)).toEqual([old.filename]);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(
      warnings.some((w) => w.includes('not checked against the whole file') && w.includes(genuine.filename)),
    ).toBe(true);
  });
});
