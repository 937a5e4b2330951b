/**
 * Review 16b F1: a 250-byte wheel name whose index has no PEP 658 metadata. Over ranges the
 * resolver reads METADATA from the wheel's tail; when the host ignores Range it downloads the whole
 * wheel (index/file-download.ts), whose temporary name must stay within the 255-byte limit
 * (util/temp-names.ts) — `${dest}.<12 hex>.part` is 268 bytes and failed the run with ENAMETOOLONG.
 * Repro by rev16b (/work/notes/s16/rev16b/long-name-metadata-download.test.ts).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { runFetch } from '../../src/flow/fetch.js';
import { buildWheel } from '../helpers/dists.js';
import { fixtureFetchOptions, servedProjectsOf, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

let server: IndexServer;
let work: string;
const project = `long_${'n'.repeat(250 - 5 - '-1.0-py3-none-any.whl'.length)}`;
const longWheel = buildWheel({ name: project, version: '1.0' });

beforeAll(async () => {
  server = await startIndexServer();
  server.setProjects(servedProjectsOf([{ project, wheel: longWheel, pep658: false }]));
  work = await mkdtemp(join(tmpdir(), 'wh-long-whole-'));
  await writeRequirements(work, [project]);
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

for (const rangeIgnored of [false, true])
  it(`a 250-byte wheel name without PEP 658 metadata resolves and downloads (host ignores Range: ${rangeIgnored})`, async () => {
    expect(Buffer.byteLength(longWheel.filename)).toBe(250);
    server.setModes({ rangeIgnored });
    const wh = join(work, `wh-${rangeIgnored}`);
    const run = await runFetch({
      ...fixtureFetchOptions(server.indexUrl, work),
      wheelhouse: wh,
      stateDir: join(work, `state-${rangeIgnored}`),
    });
    expect(run.packages.map((p) => p.filename)).toEqual([longWheel.filename]);
    expect((await readdir(wh)).filter((n) => n.endsWith('.whl'))).toEqual([longWheel.filename]);
  });
