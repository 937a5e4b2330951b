/**
 * Review 14d F9: METADATA read over HTTP ranges from a wheel the run does not download was never
 * checked against the whole file (only the resolution's own wheels were, ranged-metadata-check.ts).
 * A host that answers range requests with other bytes could so steer the resolver away from a
 * release: here ranges of `steer-2.0` say `Requires-Python: <3`, the whole file (the index's
 * sha256) says nothing of the kind. pip 23.2 (no `fast-deps`) downloads 2.0, checks its hash and
 * takes it; wheelhouse resolved 1.0 without a word. Now the passed-over release is fetched whole
 * and the run fails naming it — on the next run too (the cached METADATA is not trusted).
 */
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { RangedMetadataMismatchError } from '../../src/flow/ranged-metadata-check.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { listenLocally } from '../helpers/listen-locally.js';

const old = buildWheel({ name: 'steer', version: '1.0' });
const genuine = buildWheel({ name: 'steer', version: '2.0' });
const forged = buildWheel({ name: 'steer', version: '2.0', requiresPython: '<3' });
/** What range requests of each file are answered from. */
const ranged = new Map<string, BuiltWheel>([
  [old.filename, old],
  [genuine.filename, forged],
]);
const whole = new Map<string, BuiltWheel>([
  [old.filename, old],
  [genuine.filename, genuine],
]);

let base: string;
let stop: () => Promise<void>;
let work: string;

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
    const file = whole.get(name);
    if (file === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range !== null) {
      const body = ranged.get(name)!.bytes;
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
    res.writeHead(200, { 'content-length': String(file.bytes.length) });
    res.end(Buffer.from(file.bytes));
  });
  const l = await listenLocally(server);
  stop = l.close;
  base = `http://127.0.0.1:${l.port}`;
  work = await mkdtemp(join(tmpdir(), 'wh-ranged-rejected-'));
  await writeFile(join(work, 'requirements.txt'), 'steer\n');
});
afterAll(async () => {
  await stop();
  await rm(work, { recursive: true, force: true });
});

it('a release passed over for its ranged METADATA alone is checked against its whole file: the run fails naming it', async () => {
  const run = () =>
    runFetch({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: `${base}/simple/` },
      target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      env: {},
      logger: silentLogger,
      wheelhouse: join(work, 'wh'),
      stateDir: join(work, 'state'),
    }).then(
      (r) => r.packages.map((p) => p.filename),
      (e: unknown) => e,
    );
  for (let i = 0; i < 2; i++) {
    const outcome = await run();
    expect(outcome).toBeInstanceOf(RangedMetadataMismatchError);
    expect((outcome as Error).message).toContain(genuine.filename);
    expect((outcome as Error).message).toContain('Requires-Python');
  }
});
