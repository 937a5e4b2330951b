/**
 * A distribution file that hits a limit (a `.metadata` body over its limit, a range answer bigger
 * than the range, an sdist whose tar headers claim GiBs) is a problem of that file, like a broken
 * archive (issue 10 §4, src/index/distribution-problem.ts): one warning naming the file and its
 * redacted URL, and the next candidate is used, as pip skips a bad link. A slow host is not a file
 * problem: it still fails the run (exit 2).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer, type ServedFile } from '../helpers/index-server.js';
import type { ServerModes } from '../helpers/index-server-modes.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { ustarHeader } from '../helpers/tar-writer.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  server.setModes({ hostile: null, noMetadataFiles: false });
  work = await mkdtemp(join(tmpdir(), 'wh-over-limit-'));
  await writeFile(join(work, 'requirements.txt'), 'demo\n');
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];
const good = buildWheel({ name: 'demo', version: '1.0' });
const newer = buildWheel({ name: 'demo', version: '2.0' });
const NEWER = newer.filename;

const GiB3 = 3 * 1024 ** 3;

const cases: [string, ServedFile, Partial<ServerModes>, string, RegExp][] = [
  [
    'an endless .metadata body (stopped at the 10 MiB limit)',
    { filename: NEWER, bytes: newer.bytes, metadata: newer.metadata },
    { hostile: { kind: 'endless-body', pathContains: `${NEWER}.metadata` } },
    `${NEWER}.metadata`,
    /over its limit of 10 MiB/,
  ],
  [
    'a .metadata declaring 3 GiB',
    { filename: NEWER, bytes: newer.bytes, metadata: newer.metadata },
    { hostile: { kind: 'huge-content-length', pathContains: `${NEWER}.metadata`, contentLength: GiB3 } },
    `${NEWER}.metadata`,
    /over its limit/,
  ],
  [
    'a range answered with a 3 GiB body (no PEP 658)',
    { filename: NEWER, bytes: newer.bytes },
    {
      noMetadataFiles: true,
      hostile: { kind: 'huge-content-length', pathContains: `/files/${NEWER}`, contentLength: GiB3 },
    },
    `/files/${NEWER}`,
    /over its limit|central directory|zip/i,
  ],
  [
    'an sdist whose GNU long-name header claims 3 GiB',
    {
      filename: 'demo-2.0.tar.gz',
      bytes: new Uint8Array(
        gzipSync(Buffer.concat([ustarHeader('././@LongLink', GiB3, 'L'), Buffer.alloc(64 * 1024, 0x61)])),
      ),
    },
    { noMetadataFiles: true },
    '/files/demo-2.0.tar.gz',
    /GNU long name of 3221225472 bytes/,
  ],
];

describe('a newest file over a limit is skipped like a bad link; the next candidate is used', () => {
  it.each(cases)('%s', async (_name, bad, modes, urlPart, reason) => {
    server.setProjects([
      { name: 'demo', files: [{ filename: good.filename, bytes: good.bytes, metadata: good.metadata }, bad] },
    ]);
    server.setModes(modes);
    const r = await runCliCaptured(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET], {
      env: { HOME: work },
      cwd: work,
    });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^demo==1\.0 \\$/m);
    const warning = r.stderr.split('\n').filter((l) => l.includes('skipping') && l.includes('unusable'));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toContain(`${server.origin}`);
    expect(warning[0]).toContain(urlPart);
    expect(warning[0]).toMatch(reason);
  });

  it('a host too slow for a .metadata file is not a file problem: the run fails (exit 2) naming the host', async () => {
    server.setProjects([
      {
        name: 'demo',
        files: [
          { filename: good.filename, bytes: good.bytes, metadata: good.metadata },
          { filename: NEWER, bytes: newer.bytes, metadata: newer.metadata },
        ],
      },
    ]);
    server.setModes({ hostile: { kind: 'drip', pathContains: `${NEWER}.metadata`, intervalMs: 400 } });
    const r = await runCliCaptured(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET], {
      env: { HOME: work, WHEELHOUSE_HTTP_TIMEOUT: '1' },
      cwd: work,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/127\.0\.0\.1:\d+ did not complete/);
  });
});
