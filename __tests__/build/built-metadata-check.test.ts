/**
 * A wheel built from an sdist whose static PKG-INFO (Metadata-Version 2.2, nothing Dynamic) is
 * not what its build writes (review 15a F3; setuptools issue #5120): the resolution used the
 * PKG-INFO, so a built wheel with another Name / Version fails as pip fails ("inconsistent
 * version"), and one with other Requires-Dist fails naming both lists. `wheelhouse fetch` runs
 * from src in a child process with the machine's python3 as the frontend; the sdists have an
 * in-tree PEP 517 backend writing the METADATA each case needs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkBuiltMetadata } from '../../src/build/built-metadata-check.js';
import { buildWheel } from '../helpers/dists.js';
import { cliFromSource } from '../helpers/cli-from-source.js';

const BACKEND = `import json, os, zipfile
HERE = os.path.dirname(os.path.abspath(__file__))
C = json.load(open(os.path.join(HERE, 'case.json')))
def meta():
    return 'Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n' % (C['name'], C['version']) + ''.join('Requires-Dist: %s\\n' % r for r in C['requires'])
def get_requires_for_build_wheel(config_settings=None):
    return []
def prepare_metadata_for_build_wheel(d, config_settings=None):
    di = '%s-%s.dist-info' % (C['name'], C['version'])
    os.makedirs(os.path.join(d, di))
    open(os.path.join(d, di, 'METADATA'), 'w').write(meta())
    return di
def build_wheel(d, config_settings=None, metadata_directory=None):
    name = '%s-%s-py3-none-any.whl' % (C['name'], C['version'])
    di = '%s-%s.dist-info' % (C['name'], C['version'])
    with zipfile.ZipFile(os.path.join(d, name), 'w') as z:
        z.writestr(di + '/METADATA', meta())
        z.writestr(di + '/WHEEL', 'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
        z.writestr(di + '/RECORD', '')
    return name
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-built-meta-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Case {
  /** What the build writes into the wheel's METADATA. */
  built: { name: string; version: string; requires: string[] };
  /** Requires-Dist of the sdist's static PKG-INFO. */
  pkgInfoRequires: string[];
}

/** A find-links directory holding pkgd-1.0.tar.gz for `c` (and util 2.0, a pure wheel). */
function links(name: string, c: Case): string {
  const src = join(work, name, 'src', 'pkgd-1.0');
  const dir = join(work, name, 'links');
  mkdirSync(src, { recursive: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(src, 'pyproject.toml'),
    '[build-system]\nrequires = []\nbuild-backend = "be"\nbackend-path = ["."]\n',
  );
  writeFileSync(join(src, 'be.py'), BACKEND);
  writeFileSync(join(src, 'case.json'), JSON.stringify(c.built));
  writeFileSync(
    join(src, 'PKG-INFO'),
    `Metadata-Version: 2.2\nName: pkgd\nVersion: 1.0\n${c.pkgInfoRequires.map((r) => `Requires-Dist: ${r}\n`).join('')}`,
  );
  execFileSync('tar', ['-czf', join(dir, 'pkgd-1.0.tar.gz'), '-C', join(work, name, 'src'), 'pkgd-1.0']);
  return dir;
}

const ENV = (): Record<string, string> => ({
  PATH: process.env['PATH'] ?? '',
  HOME: join(work, 'home'),
  XDG_CACHE_HOME: join(work, 'xdg-cache'),
  PIP_CONFIG_FILE: '/dev/null',
  PIP_NO_CACHE_DIR: '1',
  NODE_OPTIONS: '',
});

function fetch(name: string, dir: string): { status: number | null; stderr: string } {
  writeFileSync(join(work, name, 'req.txt'), 'pkgd\n');
  const run = spawnSync(
    process.execPath,
    cliFromSource(
      'fetch',
      '--no-index',
      '--no-deps',
      '-f',
      dir,
      '--dest',
      join(work, name, 'wh'),
      '--cache-dir',
      join(work, name, 'cache'),
      '-r',
      join(work, name, 'req.txt'),
    ),
    { env: ENV(), encoding: 'utf8', timeout: 120_000 },
  );
  return { status: run.status, stderr: run.stderr };
}

/** The real pip's answer for the same sdist (pip wheel prepares its metadata and checks it). */
function pipWheel(name: string, dir: string): { status: number | null; output: string } {
  const run = spawnSync(
    'python3',
    ['-m', 'pip', 'wheel', '--no-deps', '--no-index', '-f', dir, '-w', join(work, name, 'pip-wh'), 'pkgd'],
    { env: ENV(), encoding: 'utf8', timeout: 120_000 },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('a built wheel against the sdist metadata the resolution used (review 15a F3)', () => {
  it('the same metadata: the wheel is used', () => {
    const dir = links('same', {
      built: { name: 'pkgd', version: '1.0', requires: ["util>=2 ; python_version >= '3'"] },
      pkgInfoRequires: ['util >=2; python_version >= "3"'],
    });
    const run = fetch('same', dir);
    expect(run.stderr).not.toContain('Requires-Dist');
    expect(run.status).toBe(0);
  }, 300_000);

  it('another Version in the built wheel: fails naming the sdist and the version, as pip fails', () => {
    const dir = links('version', {
      built: { name: 'pkgd', version: '1.0.post1', requires: [] },
      pkgInfoRequires: [],
    });
    const pip = pipWheel('version', dir);
    expect(pip.status).not.toBe(0);
    expect(pip.output).toContain('inconsistent version');
    const run = fetch('version', dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('pkgd-1.0.tar.gz: the build produced pkgd-1.0.post1-py3-none-any.whl');
  }, 300_000);

  it("the wheel's METADATA against the resolution: Name and Version (a wheel file name that agrees is not enough)", async () => {
    // A wheel named pkgd-1.0 whose METADATA says 1.0.post1 / other: checked directly (pip's own
    // wheel check refuses to hand such a wheel over, so no real build produces one).
    for (const [metadataName, metadataVersion, message] of [
      ['pkgd', '1.0.post1', 'has inconsistent version: expected "1.0"'],
      ['other', '1.0', 'has inconsistent name: expected "pkgd"'],
    ] as const) {
      const text = `Metadata-Version: 2.1\nName: ${metadataName}\nVersion: ${metadataVersion}\n`;
      const wheel = buildWheel({
        name: 'pkgd',
        version: '1.0',
        metadataBytes: new TextEncoder().encode(text),
      });
      const path = join(work, `${metadataName}-${wheel.filename}`);
      writeFileSync(path, wheel.bytes);
      await expect(
        checkBuiltMetadata('pkgd-1.0.tar.gz', path, wheel.filename, {
          project: 'pkgd',
          version: '1.0',
          requiresDist: [],
        }),
      ).rejects.toThrow(`pkgd-1.0.tar.gz: the built wheel ${wheel.filename} ${message}`);
    }
  });

  it('other Requires-Dist: fails naming the sdist and both lists', () => {
    const dir = links('deps', {
      built: { name: 'pkgd', version: '1.0', requires: ['util>=2'] },
      pkgInfoRequires: [],
    });
    const run = fetch('deps', dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'pkgd-1.0.tar.gz: the built wheel pkgd-1.0-py3-none-any.whl declares other Requires-Dist',
    );
    expect(run.stderr).toContain('the wheel has util>=2; the resolution used (none)');
  }, 300_000);
});
