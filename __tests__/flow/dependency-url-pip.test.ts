/**
 * A dependency's `a @ URL` (review 16a F4) against the machine's pip 23.2 (`pip install --dry-run
 * --ignore-installed --report`, configuration isolated, a --find-links directory and file: URLs, no
 * network): pip installs `a` from the URL (is_direct, not requested), also when the index has a
 * newer `a`, when only the URL has the project, and through an extra; two dependers naming two URLs
 * fail in both. pip 26.2.1 answers the same (checked by hand: notes/s18/fix18a.md). The fetched
 * wheelhouse holds the URL's file and the lock pins its hash.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';

const work = mkdtempSync(join(tmpdir(), 'wh-dependency-url-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, 'links'));
mkdirSync(join(work, 'elsewhere'));
const put = (dir: string, spec: Parameters<typeof buildWheel>[0]): string => {
  const w = buildWheel(spec);
  writeFileSync(join(work, dir, w.filename), w.bytes);
  return pathToFileURL(join(work, dir, w.filename)).href;
};
put('links', { name: 'a', version: '2.0' });
const URL_A = put('elsewhere', { name: 'a', version: '1.0' });
const URL_A3 = put('elsewhere', { name: 'a', version: '3.0' });
const URL_ONLY = put('elsewhere', { name: 'only-url', version: '1.0' });
put('links', { name: 'k', version: '1.0', requiresDist: [`a @ ${URL_A}`] });
put('links', { name: 'l', version: '1.0', requiresDist: [`only-url @ ${URL_ONLY}`] });
put('links', {
  name: 'm',
  version: '1.0',
  requiresDist: [`a @ ${URL_A} ; extra == "x"`],
  providesExtra: ['x'],
});
put('links', { name: 'p', version: '1.0', requiresDist: [`a @ ${URL_A3}`] });

const FINDER = ['--no-index', '--find-links', join(work, 'links')];
type Install = {
  metadata: { name: string; version: string };
  download_info: { url: string };
  is_direct: boolean;
  requested: boolean;
};
const line = (i: Install): string =>
  `${i.metadata.name} ${i.metadata.version} ${i.download_info.url} direct=${i.is_direct} requested=${i.requested}`;

function pip(reqs: string[]): { code: number | null; installs?: string[] } {
  const report = join(work, 'pip.json');
  rmSync(report, { force: true });
  const run = spawnSync('python3', pipReportArgs(report, ...FINDER, ...reqs), {
    cwd: work,
    encoding: 'utf8',
    env: pipRunEnv(work),
  });
  if (run.status !== 0) return { code: run.status };
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { install: Install[] };
  return { code: 0, installs: parsed.install.map(line).sort() };
}

async function ours(reqs: string[]): Promise<{ code: number; installs?: string[]; stderr: string }> {
  const report = join(work, 'wh.json');
  rmSync(report, { force: true });
  writeFileSync(join(work, 'req.txt'), reqs.join('\n') + '\n');
  const run = await runCliCaptured(
    ['resolve', ...FINDER, '-r', 'req.txt', '--report', report, '--python-version', '3.11'],
    { env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' }, cwd: work } as never,
  );
  if (run.code !== 0) return { code: run.code, stderr: run.stderr };
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { install: Install[] };
  return { code: 0, installs: parsed.install.map(line).sort(), stderr: run.stderr };
}

describe("a dependency's a @ URL: the same install set as pip", () => {
  it.each([
    [['k'], `a 1.0 ${URL_A} direct=true requested=false`],
    [['l'], `only-url 1.0 ${URL_ONLY} direct=true requested=false`],
    [['m[x]'], `a 1.0 ${URL_A} direct=true requested=false`],
    [['k', 'a'], `a 1.0 ${URL_A} direct=true requested=false`],
  ])('%j', async (reqs, expected) => {
    const theirs = pip(reqs);
    expect(theirs.installs).toContain(expected);
    const mine = await ours(reqs);
    expect(mine.stderr).not.toContain('error');
    expect(mine.installs).toEqual(theirs.installs);
  });

  it('two dependers naming two URLs for a: both fail', async () => {
    expect(pip(['k', 'p']).code).not.toBe(0);
    const mine = await ours(['k', 'p']);
    expect(mine.code).toBe(2);
    expect(mine.stderr).toMatch(/depends on a @ .*another URL/);
  });
});

describe('fetch: the wheelhouse holds the URL file, the lock pins it', () => {
  it('k', async () => {
    writeFileSync(join(work, 'req-k.txt'), 'k\n');
    const dest = join(work, 'wheelhouse');
    const run = await runCliCaptured(
      ['fetch', ...FINDER, '-r', 'req-k.txt', '--dest', dest, '--python-version', '3.11'],
      {
        env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' },
        cwd: work,
      } as never,
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(
      readdirSync(dest)
        .filter((f) => f.endsWith('.whl'))
        .sort(),
    ).toEqual(['a-1.0-py3-none-any.whl', 'k-1.0-py3-none-any.whl']);
    const url = new URL(URL_A);
    expect(readFileSync(join(dest, 'a-1.0-py3-none-any.whl'))).toEqual(readFileSync(url));
    expect(readFileSync(join(dest, 'requirements.lock'), 'utf8')).toMatch(
      /^a==1\.0 \\?\n?\s*--hash=sha256:[0-9a-f]{64}/m,
    );
  });
});
