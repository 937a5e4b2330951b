/**
 * prepare.ts's input checks, through the CLI's `resolve` (no network: file:// wheels only).
 */
import { afterAll, expect, it } from '@jest/globals';
import { mkdtempSync, readFile, rmSync, stat, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWheel } from '../helpers/dists.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { FIXTURE_TARGET as TARGET } from '../helpers/fixture-index.js';

const work = mkdtempSync(join(tmpdir(), 'wh-prepare-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// pip's configuration files outside `work` (the machine's) read as absent.
const outside = (p: string) => Promise.reject(Object.assign(new Error(`not read: ${p}`), { code: 'ENOENT' }));
const pipConfigFs = {
  readFile: (p: string, enc: 'utf8') =>
    p.startsWith(work)
      ? new Promise<string>((res, rej) => readFile(p, enc, (e, t) => (e ? rej(e) : res(t))))
      : outside(p),
  stat: (p: string) =>
    p.startsWith(work) ? new Promise((res, rej) => stat(p, (e, s) => (e ? rej(e) : res(s)))) : outside(p),
};
const run = (argv: string[]) =>
  runCliCaptured(argv, { env: { HOME: work }, cwd: work, pipConfigFs } as never);

it('--no-index with only `name @ url` requirements resolves them; a name-only one is still refused (review 14a F6)', async () => {
  // pip 23.2: `pip install --no-index -r req.txt` with `dpkg @ file:///…whl` installs it (a direct
  // URL needs no project page; checked by the reviewer in a venv).
  const wheel = buildWheel({ name: 'dpkg', version: '1.0' });
  const path = join(work, wheel.filename);
  writeFileSync(path, wheel.bytes);
  writeFileSync(join(work, 'direct.txt'), `dpkg @ ${pathToFileURL(path).href}\n`);
  const direct = await run(['resolve', '--no-index', '-r', 'direct.txt', ...TARGET]);
  expect(direct.stderr).not.toContain('--no-index is set');
  expect(direct.code).toBe(0);
  expect(direct.stdout).toContain(`dpkg==1.0 \\\n    --hash=sha256:${wheel.sha256}`);
  writeFileSync(join(work, 'mixed.txt'), `dpkg @ ${pathToFileURL(path).href}\nother\n`);
  const mixed = await run(['resolve', '--no-index', '-r', 'mixed.txt', ...TARGET]);
  expect(mixed.code).toBe(2);
  expect(mixed.stderr).toContain('--no-index is set and no --find-links location is given');
  // A dependency of the direct wheel needs a page: the resolution says which one is missing.
  const user = buildWheel({ name: 'duser', version: '1.0', requiresDist: ['needed'] });
  writeFileSync(join(work, user.filename), user.bytes);
  writeFileSync(join(work, 'dep.txt'), `duser @ ${pathToFileURL(join(work, user.filename)).href}\n`);
  const dep = await run(['resolve', '--no-index', '-r', 'dep.txt', ...TARGET]);
  expect(dep.code).not.toBe(0);
  expect(dep.stderr).toContain('no index has a project named needed');
});
