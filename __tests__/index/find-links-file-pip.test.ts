/**
 * A find-links location that is a file, against the machine's pip 23.2 (`pip install --dry-run
 * --ignore-installed --report`, configuration isolated, no index): a local HTML file is read as a
 * page (relative links against its location, `<base href>`), a file whose name is not an HTML one is
 * no page (pip takes it as a file link, which names no distribution), a wheel given as a path or a
 * `file:` URL is itself the candidate, and so is an http URL naming a wheel. pip 26.2.1 answers the
 * same for every case (checked by hand, notes/s18/fix18a.md). The unit side: find-links-file.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const work = mkdtempSync(join(tmpdir(), 'wh-fl-file-pip-'));
let server: IndexServer;
beforeAll(async () => {
  const c = buildWheel({ name: 'c', version: '1.0' });
  server = await startIndexServer({
    projects: [{ name: 'c', files: [{ filename: c.filename, bytes: c.bytes }] }],
  });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

for (const dir of ['sub', 'other', 'low', 'single']) mkdirSync(join(work, dir));
const put = (dir: string, name: string, version: string): string => {
  const w = buildWheel({ name, version });
  writeFileSync(join(work, dir, w.filename), w.bytes);
  return w.filename;
};
const a1 = put('sub', 'a', '1.0');
const a2 = put('sub', 'a', '2.0');
const a3 = put('other', 'a', '3.0');
put('low', 'a', '0.5');
const b = put('single', 'b', '1.0');
const PAGE = `<html><body><a href="sub/${a1}">1</a>\n<a href="sub/${a2}">2</a></body></html>\n`;
writeFileSync(join(work, 'page.html'), PAGE);
writeFileSync(join(work, 'page.txt'), PAGE);
writeFileSync(
  join(work, 'based.html'),
  `<html><head><base href="${pathToFileURL(join(work, 'other')).href}/"></head>` +
    `<body><a href="${a3}">3</a></body></html>\n`,
);

type Installs = string[];

/** pip run beside the test's own index server (asynchronously, so the server can answer). */
async function pipInstalls(req: string, finder: string[]): Promise<Installs> {
  const report = join(work, 'pip.json');
  rmSync(report, { force: true });
  const child = spawn('python3', pipReportArgs(report, '--no-index', ...finder, req), {
    cwd: work,
    env: pipRunEnv(work),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(`${code} ${stderr}`).toMatch(/^0 /);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
  };
  return parsed.install.map((i) => `${i.metadata.name} ${i.metadata.version} ${i.download_info.url}`);
}

async function oursInstalls(req: string, finder: string[]): Promise<Installs> {
  const report = join(work, 'wh.json');
  rmSync(report, { force: true });
  writeFileSync(join(work, 'req.txt'), `${req}\n`);
  const run = await runCliCaptured(
    ['resolve', '--no-index', ...finder, '-r', 'req.txt', '--report', report, '--python-version', '3.11'],
    { env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' }, cwd: work } as never,
  );
  expect(run.stderr).not.toMatch(/unreadable|No solution/);
  expect(run.code).toBe(0);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
  };
  return parsed.install.map((i) => `${i.metadata.name} ${i.metadata.version} ${i.download_info.url}`);
}

const url = (...parts: string[]): string => pathToFileURL(join(work, ...parts)).href;

describe('a find-links location that is a file: the same install set as pip', () => {
  it.each([
    ['a relative path to an HTML page', 'a', ['-f', 'page.html'], `a 2.0 ${url('sub', a2)}`],
    ['an HTML page with <base href>', 'a', ['-f', join(work, 'based.html')], `a 3.0 ${url('other', a3)}`],
    [
      'a page not named .html (path)',
      'a',
      ['-f', 'page.txt', '-f', 'low'],
      `a 0.5 ${url('low', 'a-0.5-py3-none-any.whl')}`,
    ],
    [
      'a page not named .html (file: URL)',
      'a',
      ['-f', url('page.txt'), '-f', 'low'],
      `a 0.5 ${url('low', 'a-0.5-py3-none-any.whl')}`,
    ],
    ['a wheel given as a relative path', 'b', ['-f', join('single', b)], `b 1.0 ${url('single', b)}`],
    ['a wheel given as a file: URL', 'b', ['-f', url('single', b)], `b 1.0 ${url('single', b)}`],
  ])('%s', async (_, req, finder, expected) => {
    const pip = await pipInstalls(req, finder);
    expect(pip).toEqual([expected]);
    expect(await oursInstalls(req, finder)).toEqual(pip);
  });

  it('an http URL naming a wheel', async () => {
    const finder = ['-f', server.fileUrl('c-1.0-py3-none-any.whl')];
    const pip = await pipInstalls('c', finder);
    expect(pip).toEqual([`c 1.0 ${server.fileUrl('c-1.0-py3-none-any.whl')}`]);
    expect(await oursInstalls('c', finder)).toEqual(pip);
  });
});
