/**
 * Review 14b #5: METADATA read over HTTP ranges (lazy-wheel) is checked against the METADATA of the
 * downloaded, sha256-verified wheel; a difference fails the run naming the file (pip 23.2 without
 * `fast-deps` resolves with the downloaded file's METADATA), and the cache's "read here" record of
 * it is dropped. The server here answers range requests from a wheel without the genuine one's
 * `Requires-Dist: dep`, and whole-file requests with the genuine wheel (the index's sha256).
 */
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { checkRangedMetadata, RangedMetadataMismatchError } from '../../src/flow/ranged-metadata-check.js';
import type { ResolvedPackage } from '../../src/provider/resolution.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';

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
  let base: string;
  let stop: () => Promise<void>;
  let work: string;

  beforeAll(async () => {
    const server = createServer((req, res) => {
      if (req.url === '/simple/ranged/') {
        const html = `<html><body><a href="/files/${genuine.filename}#sha256=${genuine.sha256}">${genuine.filename}</a></body></html>`;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(html);
        return;
      }
      if (req.url !== `/files/${genuine.filename}`) {
        res.writeHead(404);
        res.end();
        return;
      }
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (range !== null) {
        const body = forged.bytes;
        const start = range[1] === '' ? Math.max(0, body.length - Number(range[2])) : Number(range[1]);
        const end =
          range[1] === '' || range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
        res.writeHead(206, {
          'content-range': `bytes ${start}-${end}/${body.length}`,
          'content-length': String(end - start + 1),
        });
        res.end(Buffer.from(body.subarray(start, end + 1)));
        return;
      }
      res.writeHead(200, { 'content-length': String(genuine.bytes.length) });
      res.end(Buffer.from(genuine.bytes));
    });
    const l = await listenLocally(server);
    stop = l.close;
    base = `http://127.0.0.1:${l.port}`;
    work = await mkdtemp(join(tmpdir(), 'wh-ranged-flow-'));
    await writeFile(join(work, 'requirements.txt'), 'ranged\n');
  });
  afterAll(async () => {
    await stop();
    await rm(work, { recursive: true, force: true });
  });

  it('fails naming the wheel whose ranged METADATA the downloaded wheel contradicts', async () => {
    const error = await runFetch({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: `${base}/simple/` },
      target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      env: {},
      logger: silentLogger,
      wheelhouse: join(work, 'wh'),
      stateDir: join(work, 'state'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangedMetadataMismatchError);
    expect((error as Error).message).toContain(genuine.filename);
  });
});

describe('the wheel file read by the check (review 14d F5)', () => {
  it('is opened without waiting and refused unless a regular file: a FIFO or a link in its place', async () => {
    const { execFileSync } = await import('node:child_process');
    const { closeSync, constants, mkdtempSync, openSync, rmSync, symlinkSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { checkRangedMetadata } = await import('../../src/flow/ranged-metadata-check.js');
    const { LocalArchiveError } = await import('../../src/index/file-range-source.js');
    const work = mkdtempSync(join(tmpdir(), 'wh-ranged-fifo-'));
    try {
      const filename = 'victim-1.0-py3-none-any.whl';
      const pkg = {
        name: 'victim',
        version: '1.0',
        metadataPath: 'lazy-wheel',
        requiresDist: [],
        providesExtra: [],
        file: {
          kind: 'wheel',
          filename,
          url: `https://x/${filename}`,
          redactedUrl: `https://x/${filename}`,
          sha256: 'a'.repeat(64),
        },
      } as unknown as Parameters<typeof checkRangedMetadata>[0][number];
      const fifo = join(work, filename);
      execFileSync('mkfifo', [fifo]);
      const checking = checkRangedMetadata([pkg], work).then(
        () => 'done',
        (e: unknown) => e,
      );
      const outcome = await Promise.race([checking, new Promise((r) => setTimeout(() => r('hung'), 5000))]);
      if (outcome === 'hung') closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)); // let it go
      expect(outcome).toBeInstanceOf(LocalArchiveError);
      // A link is followed (the user's own link to the resolution's bytes is accepted in a
      // wheelhouse), but what it leads to must be a regular file too.
      rmSync(fifo);
      execFileSync('mkfifo', [join(work, 'elsewhere.whl')]);
      symlinkSync(join(work, 'elsewhere.whl'), fifo);
      await expect(checkRangedMetadata([pkg], work)).rejects.toBeInstanceOf(LocalArchiveError);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 20_000);
});
