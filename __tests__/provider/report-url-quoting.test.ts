/**
 * Review 16a F6: the report's `download_info.url` as pip writes it — pip quotes each link it
 * collects (`_ensure_quoted_url`; find-links directories through `path_to_url`), so a raw `+` of a
 * local version is `%2B`. Checked against the machine's pip 23.2: the quoting function on many URLs,
 * and the whole report (`pip install --dry-run --report`) for a find-links HTML page with raw hrefs
 * and a find-links directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pipQuotedUrl } from '../../src/provider/pip-quoted-url.js';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, resolveLikePip } from '../helpers/cli-capture.js';

const URLS = [
  'https://files.example/packages/a-1.0+cpu-py3-none-any.whl',
  'https://files.example/packages/a-1.0%2bcpu-py3-none-any.whl',
  "https://files.example/p/%7euser/a,b!c(1)*$'-1.0.tar.gz",
  'https://files.example/p/sp%20ace/ü-1.0.tar.gz',
  'https://files.example/p/x@y/%2f/z%2Fw-1.0.whl',
  'https://files.example/p/bad%ff%fe-1.0.whl',
  'https://files.example/p/a-1.0.whl;param=1',
  'https://files.example:8443/p/a+b/c-1.0.whl?q=1+2',
  'file:///tmp/links/a-1.0+cpu-py3-none-any.whl',
  'file:///tmp/li nks/%C3%A9-1.0.whl',
  'http://127.0.0.1:8080/files/a-1.0%2Bcpu-py3-none-any.whl',
];

const work = mkdtempSync(join(tmpdir(), 'wh-report-quoting-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the report's URLs quoted as pip quotes a collected link (review 16a F6)", () => {
  it("the same text as pip's _ensure_quoted_url for each URL", () => {
    const script = [
      'import json, sys',
      'from pip._internal.models.link import _ensure_quoted_url',
      'print(json.dumps([_ensure_quoted_url(u) for u in json.loads(sys.argv[1])]))',
    ].join('\n');
    const theirs = JSON.parse(
      execFileSync('python3', ['-c', script, JSON.stringify(URLS)], { encoding: 'utf8' }),
    );
    expect(URLS.map(pipQuotedUrl)).toEqual(theirs);
    expect(theirs[0]).toContain('%2Bcpu');
  });

  it('a find-links page with raw hrefs and a find-links directory: the report names the same URLs as pip', async () => {
    const page = join(work, 'page');
    const dir = join(work, 'dir');
    mkdirSync(page);
    mkdirSync(dir);
    const a = buildWheel({ name: 'a', version: '1.0+cpu' });
    const b = buildWheel({ name: 'b', version: '2.0+local.1' });
    writeFileSync(join(page, a.filename), a.bytes);
    writeFileSync(
      join(page, 'index.html'),
      `<html><body><a href="${a.filename}#sha256=${a.sha256}">${a.filename}</a></body></html>\n`,
    );
    writeFileSync(join(dir, b.filename), b.bytes);
    writeFileSync(join(work, 'req.txt'), 'a\nb\n');
    // The page as a file: URL (wheelhouse reads a local path given to -f as a directory only).
    const finder = ['--no-index', '-f', pathToFileURL(join(page, 'index.html')).href, '-f', dir];
    const urls = (file: string): string[] =>
      (JSON.parse(readFileSync(file, 'utf8')) as { install: { download_info: { url: string } }[] }).install
        .map((i) => i.download_info.url)
        .sort();
    const pip = spawnSync('python3', pipReportArgs(join(work, 'pip.json'), ...finder, '-r', 'req.txt'), {
      cwd: work,
      encoding: 'utf8',
      env: pipRunEnv(work),
    });
    expect(pip.stderr).toBe('');
    const ours = await resolveLikePip(work, join(work, 'wh.json'), [...finder, '-r', 'req.txt']);
    expect(`${ours.code} ${ours.stderr}`).toMatch(/^0 /);
    const theirs = urls(join(work, 'pip.json'));
    expect(urls(join(work, 'wh.json'))).toEqual(theirs);
    expect(theirs.every((u) => u.includes('%2B'))).toBe(true);
  });
});
