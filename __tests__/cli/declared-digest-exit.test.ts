/**
 * A link whose declared digest no file can match (`#sha256=zz`, hex of the wrong length
 * `#sha256=abc`), or a file whose bytes are not the declared ones, is the index's problem: the run
 * fails naming the file and the digest, exit 2 as a download problem — never "internal error"
 * (review 14d F10; pip 23.2 fails such a file on its hash check too).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { FIXTURE_TARGET as TARGET } from '../helpers/fixture-index.js';
import { listenLocally } from '../helpers/listen-locally.js';

const work = mkdtempSync(join(tmpdir(), 'wh-declared-digest-exit-'));
const wheel = buildWheel({ name: 'victim', version: '1.0' });
let fragment = '';
let origin = '';
let stop: () => Promise<void>;

beforeAll(async () => {
  const server = createServer((req, res) => {
    if (req.url === '/simple/victim/') {
      res.setHeader('content-type', 'text/html');
      res.end(`<a href="/files/${wheel.filename}#${fragment}">${wheel.filename}</a>`);
    } else if (req.url === `/files/${wheel.filename}`) {
      res.end(Buffer.from(wheel.bytes));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  const l = await listenLocally(server);
  stop = l.close;
  origin = `http://127.0.0.1:${l.port}`;
});
afterAll(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

it.each(['sha256=zz', 'sha256=abc', `sha256=${'f'.repeat(64)}`])(
  '#%s: a download problem naming the file, exit 2, nothing kept',
  async (declared) => {
    fragment = declared;
    const dest = join(work, declared.slice(7, 10));
    writeFileSync(join(work, 'req.txt'), 'victim\n');
    const r = await runCliCaptured(
      ['fetch', '-r', 'req.txt', '--index-url', `${origin}/simple/`, '-d', dest, '--no-cache', ...TARGET],
      { env: { HOME: work }, cwd: work } as never,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain(wheel.filename);
    expect(existsSync(join(dest, wheel.filename))).toBe(false);
  },
  60_000,
);
