/**
 * `a @ URL` in a constraints file (review 16a F3): pip 23.2 and 26 pin `a` to that file when
 * something requires `a` (and fetch nothing otherwise); wheelhouse refused the line. Checked against
 * the machine's pip (`pip install --dry-run --ignore-installed --report`, configuration isolated,
 * file: URLs and a --find-links directory only, no network).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, resolveLikePip } from '../helpers/cli-capture.js';

const work = mkdtempSync(join(tmpdir(), 'wh-url-constraint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, 'links'));
mkdirSync(join(work, 'elsewhere'));
for (const version of ['1.0', '2.0']) {
  const w = buildWheel({ name: 'a', version });
  writeFileSync(join(work, 'links', w.filename), w.bytes);
}
const pinned = buildWheel({ name: 'a', version: '1.0' });
writeFileSync(join(work, 'elsewhere', pinned.filename), pinned.bytes);
const user = buildWheel({ name: 'user', version: '1.0', requiresDist: ['a'] });
writeFileSync(join(work, 'links', user.filename), user.bytes);
const URL_A = pathToFileURL(join(work, 'elsewhere', pinned.filename)).href;
writeFileSync(join(work, 'cons.txt'), `a @ ${URL_A}\n`);
writeFileSync(join(work, 'req-a.txt'), 'a\n');
writeFileSync(join(work, 'req-user.txt'), 'user\n');
writeFileSync(join(work, 'req-other.txt'), 'other-thing-not-a\n');
const other = buildWheel({ name: 'other-thing-not-a', version: '1.0' });
writeFileSync(join(work, 'links', other.filename), other.bytes);

// A dependency naming the constraint's URL: the same link, so pip and wheelhouse take it (without
// the constraint wheelhouse refuses a dependency's URL: provider/dependency-url.test.ts).
const urlUser = buildWheel({ name: 'url-user', version: '1.0', requiresDist: [`a @ ${URL_A}`] });
writeFileSync(join(work, 'links', urlUser.filename), urlUser.bytes);
writeFileSync(join(work, 'req-url-user.txt'), 'url-user\n');

const FINDER = ['--no-index', '--find-links', join(work, 'links')];

function pipInstalls(req: string): string[] {
  const report = join(work, `pip-${req}.json`);
  const run = spawnSync('python3', pipReportArgs(report, ...FINDER, '-r', req, '-c', 'cons.txt'), {
    cwd: work,
    encoding: 'utf8',
    env: pipRunEnv(work),
  });
  expect(run.stderr).toBe('');
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
  };
  return parsed.install.map((i) => `${i.metadata.name} ${i.metadata.version} ${i.download_info.url}`).sort();
}

async function oursInstalls(req: string): Promise<string[]> {
  const report = join(work, `wh-${req}.json`);
  const run = await resolveLikePip(work, report, [...FINDER, '-r', req, '-c', 'cons.txt']);
  expect(run.stderr).not.toContain('constraint cannot');
  expect(run.code).toBe(0);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
  };
  return parsed.install.map((i) => `${i.metadata.name} ${i.metadata.version} ${i.download_info.url}`).sort();
}

describe('a @ URL as a constraint pins a to that file, as pip', () => {
  it.each(['req-a.txt', 'req-user.txt', 'req-url-user.txt', 'req-other.txt'])('%s', async (req) => {
    const pip = pipInstalls(req);
    expect(await oursInstalls(req)).toEqual(pip);
    if (req !== 'req-other.txt') expect(pip).toContain(`a 1.0 ${URL_A}`);
    else expect(pip.some((l) => l.startsWith('a '))).toBe(false);
  });
});
