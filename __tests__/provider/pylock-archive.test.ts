/**
 * Review 18a F1 / F5: a `name @ URL` requirement in pylock.toml. PEP 751 `[packages.archive]` is
 * "a direct reference to an archive file"; pip 26 `pip lock` writes one (url + hashes, no `name`
 * key, no `packages.version`) and writes a collected link's URL quoted (`+` → `%2B`). wheelhouse
 * reads such a lock (the version from the file name, as pip installs the file) and writes the same
 * tables and URLs. The differential against pip 26 (bench/.venv) runs when that venv is present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse as parseToml } from 'smol-toml';
import { readLockInput } from '../../src/provider/lock-input.js';
import { writePylock } from '../../src/provider/pylock-writer.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { LockFileError } from '../../src/standards/lock-files.js';
import { buildWheel } from '../helpers/dists.js';
import { pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';
import { pkg } from './resolution-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'wh-pylock-archive-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
const options = {
  target,
  selection: { extras: [], allExtras: false, groups: [] },
  mayUseWheel: () => true,
  mayUseSdist: () => true,
};
const sha = 'c'.repeat(64);
const archiveLock = (url: string) =>
  `lock-version = "1.0"\ncreated-by = "pip"\n\n[[packages]]\nname = "ccc"\n\n[packages.archive]\nurl = ${JSON.stringify(url)}\n\n[packages.archive.hashes]\nsha256 = "${sha}"\n`;

describe('reading [packages.archive] without a version (review 18a F1)', () => {
  it('a wheel: the version of its file name, a direct reference', () => {
    const got = readLockInput('pylock.toml', archiveLock('file:///d/ccc-1.0-py3-none-any.whl'), options);
    expect(got.resolution.packages.map((p) => [p.name, p.version, p.file.kind, p.isDirect])).toEqual([
      ['ccc', '1.0', 'wheel', true],
    ]);
  });

  it('an sdist named after the project: the version of its file name', () => {
    const got = readLockInput('pylock.toml', archiveLock('https://example.org/ccc-2.1.tar.gz'), options);
    expect(got.resolution.packages.map((p) => [p.name, p.version, p.file.kind])).toEqual([
      ['ccc', '2.1', 'sdist'],
    ]);
  });

  it('an archive whose name gives no version: refused, naming the file and the package', () => {
    const read = () =>
      readLockInput('pylock.toml', archiveLock('https://example.org/archive/main.tar.gz'), options);
    expect(read).toThrow(LockFileError);
    expect(read).toThrow('pylock.toml');
    expect(read).toThrow('package ccc: no version, and the file name "main.tar.gz" does not give one');
  });
});

describe('writing a direct URL as [packages.archive] (review 18a F5)', () => {
  it('a direct wheel: [packages.archive] with url, size and hashes; an index wheel: quoted as pip quotes it', () => {
    const text = writePylock({
      packages: [
        pkg('ccc', '1.0', { isDirect: true }),
        pkg('aaa', '1.0+local.1', { filename: 'aaa-1.0+local.1-py3-none-any.whl' }),
      ],
    });
    const doc = parseToml(text) as { packages: Record<string, unknown>[] };
    const ccc = doc.packages.find((p) => p['name'] === 'ccc')!;
    expect(ccc['wheels']).toBeUndefined();
    expect(ccc['archive']).toEqual({
      url: 'https://index.example/files/ccc-1.0-py3-none-any.whl',
      size: 1234,
      hashes: { sha256: '63'.repeat(32) },
    });
    const aaa = doc.packages.find((p) => p['name'] === 'aaa')!;
    expect((aaa['wheels'] as { url: string }[])[0]!.url).toBe(
      'https://index.example/files/aaa-1.0%2Blocal.1-py3-none-any.whl',
    );
    // And wheelhouse reads its own archive back as a direct reference.
    const back = readLockInput('pylock.toml', text.replace(/^environments.*$/m, ''), options);
    expect(back.resolution.packages.find((p) => p.name === 'ccc')!.isDirect).toBe(true);
  });

  const pip26 = resolve('bench/.venv/bin/python');
  (existsSync(pip26) ? it : it.skip)(
    "pip 26's `pip lock` and wheelhouse write the same tables and URLs, and wheelhouse reads pip's",
    async () => {
      const links = join(work, 'links');
      const direct = join(work, 'direct');
      mkdirSync(links, { recursive: true });
      mkdirSync(direct, { recursive: true });
      mkdirSync(join(work, 'pip'), { recursive: true });
      mkdirSync(join(work, 'wh'), { recursive: true });
      const aaa = buildWheel({ name: 'aaa', version: '1.0+local.1' });
      const ccc = buildWheel({ name: 'ccc', version: '1.0' });
      writeFileSync(join(links, aaa.filename), aaa.bytes);
      writeFileSync(join(direct, ccc.filename), ccc.bytes);
      writeFileSync(join(work, 'req.txt'), `aaa\nccc @ ${pathToFileURL(join(direct, ccc.filename)).href}\n`);
      const pip = spawnSync(
        pip26,
        [
          '-m',
          'pip',
          'lock',
          '-q',
          '--no-index',
          '--find-links',
          links,
          '-r',
          'req.txt',
          '-o',
          'pip/pylock.toml',
        ],
        { cwd: work, encoding: 'utf8', env: pipRunEnv(work) },
      );
      expect(`${pip.status} ${pip.stderr}`).toMatch(/^0 /);
      expect(pip.stderr).not.toContain('ERROR');
      const ours = await runCliCaptured(
        [
          'resolve',
          '--no-index',
          '-f',
          links,
          '-r',
          'req.txt',
          '--pylock',
          'wh/pylock.toml',
          '--python-version',
          '3.11',
        ],
        { env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' }, cwd: work } as never,
      );
      expect(`${ours.code} ${ours.stderr}`).toMatch(/^0 /);
      type Pkg = Record<string, unknown> & { name: string };
      const shape = (file: string) =>
        (parseToml(readFileSync(join(work, file), 'utf8')) as { packages: Pkg[] }).packages
          .map((p) => {
            const table = ['archive', 'wheels', 'sdist'].find((k) => p[k] !== undefined)!;
            const f = (Array.isArray(p[table]) ? (p[table] as unknown[])[0] : p[table]) as Record<
              string,
              unknown
            >;
            return [p.name, table, f['url'], f['name'] ?? null, JSON.stringify(f['hashes'])];
          })
          .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
      expect(shape('wh/pylock.toml')).toEqual(shape('pip/pylock.toml'));
      // wheelhouse reads pip's lock (ccc has no version there).
      const back = await runCliCaptured(
        ['resolve', '-r', 'pip/pylock.toml', '--lock', 'from-pip.lock', '--python-version', '3.11'],
        { env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' }, cwd: work } as never,
      );
      expect(`${back.code} ${back.stderr}`).toMatch(/^0 /);
      expect(readFileSync(join(work, 'from-pip.lock'), 'utf8')).toContain('ccc==1.0 \\');
    },
  );
});
