/**
 * `file:` links are taken only from local sources (docs/reliability.md): a remote project page or
 * find-links page that links a file of this machine gets that link dropped with a warning; a local
 * find-links page or file: index keeps its file: links.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createIndexClient } from '../../src/index/index-client.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const local = buildWheel({ name: 'secret', version: '1.0' });
const remote = buildWheel({ name: 'secret', version: '0.9' });

describe('file: links only from local sources', () => {
  let server: IndexServer;
  let dir: string;
  let localUrl: string;
  let http: HttpClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-local-links-'));
    await writeFile(join(dir, local.filename), local.bytes);
    localUrl = pathToFileURL(join(dir, local.filename)).href;
    server = await startIndexServer({
      projects: [{ name: 'secret', files: [{ filename: remote.filename, bytes: remote.bytes }] }],
    });
    const page = `<html><body>
<a href="${localUrl}#sha256=${local.sha256}">${local.filename}</a>
<a href="/files/${remote.filename}#sha256=${remote.sha256}">${remote.filename}</a>
</body></html>`;
    server.setModes({
      hostile: { kind: 'raw-page', pathContains: '/simple/secret', contentType: 'text/html', body: page },
    });
    await writeFile(
      join(dir, 'links.html'),
      page.replace(`/files/${remote.filename}`, server.fileUrl(remote.filename)),
    );
  });
  afterAll(async () => {
    await http?.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function files(indexUrls: string[], findLinks: string[]) {
    const logger = new RecordingLogger();
    http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
    const index = createIndexClient({ http, logger, indexUrls, findLinks, strategy: 'unsafe-best-match' });
    const page = await index.getProject(normalizeName('secret'));
    await http.close();
    return { names: (page?.files ?? []).map((f) => f.filename).sort(), log: logger.text() };
  }

  it('a remote project page: the file: link is dropped with a warning naming the page', async () => {
    const { names, log } = await files([server.indexUrl], []);
    expect(names).toEqual([remote.filename]);
    expect(log).toContain(`${server.projectUrl('secret')}: ignored 1 file: link(s) (e.g. ${localUrl})`);
  });

  it('a remote find-links page: the same', async () => {
    const { names, log } = await files([], [server.projectUrl('secret')]);
    expect(names).toEqual([remote.filename]);
    expect(log).toMatch(/ignored 1 file: link\(s\)/);
  });

  it('a local find-links page keeps its file: links', async () => {
    const { names, log } = await files([], [pathToFileURL(join(dir, 'links.html')).href]);
    expect(names).toEqual([remote.filename, local.filename].sort());
    expect(log).not.toMatch(/ignored/);
  });
});
