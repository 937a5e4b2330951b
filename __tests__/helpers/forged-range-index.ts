/**
 * The set-up of the ranged-METADATA tests (review 14b #5, 14d F9): a PEP 503 index on 127.0.0.1 for
 * one project whose files answer range requests (lazy-wheel reads) from other bytes than the whole
 * file the index's sha256 pins — what a host that forges ranges would serve. For the whole file (jest
 * beforeAll/afterAll): the server, a work directory with `requirements.txt` naming the project, and
 * fetch options over both (Python 3.12, cp, manylinux_2_17_x86_64, wheelhouse `wh`, state `state`).
 */
import { createServer, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import type { FetchOptions } from '../../src/flow/fetch.js';
import type { BuiltWheel } from './dists.js';
import { fixtureFetchOptions } from './fetch-fixture.js';
import { listenLocally } from './listen-locally.js';

/** One file of the project: `whole` is served whole (and pinned), `ranged` answers range requests. */
export interface ForgedFile {
  whole: BuiltWheel;
  ranged: BuiltWheel;
}

export interface ForgedRangeRun {
  readonly work: string;
  options(): FetchOptions;
}

/**
 * Answers a `Range: bytes=a-b` / `bytes=a-` / `bytes=-n` request from `body` (206 with its
 * Content-Range). False, nothing answered, when `range` is no such header.
 */
export function answerRange(res: ServerResponse, range: string | undefined, body: Uint8Array): boolean {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range ?? '');
  if (m === null) return false;
  const start = m[1] === '' ? Math.max(0, body.length - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? body.length - 1 : Math.min(Number(m[2]), body.length - 1);
  res.writeHead(206, {
    'content-range': `bytes ${start}-${end}/${body.length}`,
    'content-length': String(end - start + 1),
  });
  res.end(Buffer.from(body.subarray(start, end + 1)));
  return true;
}

/** `project`: the project, or several (each file listed on the page of the project its name starts with). */
export function useForgedRangeIndex(
  prefix: string,
  project: string | readonly string[],
  files: ForgedFile[],
): ForgedRangeRun {
  const projects = typeof project === 'string' ? [project] : project;
  let base: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  let work: string | undefined;
  const byName = new Map(files.map((f) => [f.whole.filename, f]));
  beforeAll(async () => {
    const server = createServer((req, res) => {
      const page = projects.find((p) => req.url === `/simple/${p}/`);
      if (page !== undefined) {
        const links = files
          .filter((f) => f.whole.filename.startsWith(`${page}-`))
          .map((f) => `<a href="/files/${f.whole.filename}#sha256=${f.whole.sha256}">${f.whole.filename}</a>`)
          .join('');
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body>${links}</body></html>`);
        return;
      }
      const file = byName.get((req.url ?? '').replace(/^\/files\//, ''));
      if (file === undefined) {
        res.writeHead(404);
        res.end();
        return;
      }
      if (answerRange(res, req.headers.range, file.ranged.bytes)) return;
      res.writeHead(200, { 'content-length': String(file.whole.bytes.length) });
      res.end(Buffer.from(file.whole.bytes));
    });
    const l = await listenLocally(server);
    stop = l.close;
    base = `http://127.0.0.1:${l.port}`;
    work = await mkdtemp(join(tmpdir(), prefix));
    await writeFile(join(work, 'requirements.txt'), projects.map((p) => `${p}\n`).join(''));
  });
  afterAll(async () => {
    await stop?.();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });
  const run: ForgedRangeRun = {
    get work(): string {
      if (work === undefined) throw new Error('useForgedRangeIndex: the work directory is made in beforeAll');
      return work;
    },
    options: () => fixtureFetchOptions(`${base}/simple/`, run.work),
  };
  return run;
}
