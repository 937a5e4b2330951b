/**
 * Review 18a F2: a build or metadata preparation for a target whose OS or machine is not the build
 * interpreter's is refused before pip runs — as pip 23.2 / 26 refuse sdists with `--platform`
 * (cmdoptions.check_dist_restriction) — with an error naming the sdist and the mismatch; nothing is
 * stored under the target's build key. The CLI runs from src in a child process; `python3` on its
 * PATH is a stand-in that writes down every `-m pip` call (and makes a minimal wheel for `pip wheel`)
 * and answers everything else (the interpreter probe) with the machine's python3.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cliFromSource } from '../helpers/cli-from-source.js';

const maybe = process.platform === 'linux' && process.arch === 'x64' ? describe : describe.skip;

const MAKE_WHEEL = `import sys, zipfile, hashlib, base64
d = sys.argv[1]
files = {'pkgx/__init__.py': b'', 'pkgx-1.0.dist-info/METADATA': b'Metadata-Version: 2.1\\nName: pkgx\\nVersion: 1.0\\n', 'pkgx-1.0.dist-info/WHEEL': b'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}
rec = ''.join('%s,sha256=%s,%d\\n' % (n, base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode(), len(b)) for n, b in files.items()) + 'pkgx-1.0.dist-info/RECORD,,\\n'
with zipfile.ZipFile(d + '/pkgx-1.0-py3-none-any.whl', 'w') as z:
    [z.writestr(n, b) for n, b in files.items()]; z.writestr('pkgx-1.0.dist-info/RECORD', rec)
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-build-platform-'));
  mkdirSync(join(work, 'links'));
  mkdirSync(join(work, 'bin'));
  // pkgx: static metadata (2.2), needs only a build; pkgy: Metadata 2.1, needs a preparation.
  for (const [name, mv] of [
    ['pkgx', '2.2'],
    ['pkgy', '2.1'],
  ] as const) {
    mkdirSync(join(work, 'src', `${name}-1.0`), { recursive: true });
    writeFileSync(
      join(work, 'src', `${name}-1.0`, 'PKG-INFO'),
      `Metadata-Version: ${mv}\nName: ${name}\nVersion: 1.0\n`,
    );
    execFileSync('tar', [
      '-czf',
      join(work, 'links', `${name}-1.0.tar.gz`),
      '-C',
      join(work, 'src'),
      `${name}-1.0`,
    ]);
  }
  const realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  writeFileSync(join(work, 'mkwheel.py'), MAKE_WHEEL);
  const fake = [
    '#!/bin/sh',
    `case "$*" in *"-m pip"*) printf '%s\\n' "$*" >> "${work}/pip-calls.txt";; esac`,
    'case "$*" in',
    `  *" wheel "*) while [ $# -gt 0 ]; do [ "$1" = "--wheel-dir" ] && dir="$2"; shift; done`,
    `    exec "${realPython}" "${work}/mkwheel.py" "$dir";;`,
    `  *) exec "${realPython}" "$@";;`,
    'esac',
    '',
  ].join('\n');
  for (const n of ['python3', 'python']) {
    writeFileSync(join(work, 'bin', n), fake);
    chmodSync(join(work, 'bin', n), 0o755);
  }
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(
  command: string,
  requirement: string,
  ...extra: string[]
): { status: number | null; output: string; pip: string[] } {
  writeFileSync(join(work, 'req.txt'), requirement);
  rmSync(join(work, 'pip-calls.txt'), { force: true });
  const r = spawnSync(
    process.execPath,
    cliFromSource(command, '--no-index', '-f', join(work, 'links'), '-r', join(work, 'req.txt'), ...extra),
    {
      env: {
        PATH: `${join(work, 'bin')}:/usr/bin:/bin`,
        HOME: work,
        XDG_CACHE_HOME: join(work, 'xdg-cache'),
        PIP_CONFIG_FILE: '/dev/null',
        NODE_OPTIONS: '',
      },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const pip = existsSync(join(work, 'pip-calls.txt'))
    ? readFileSync(join(work, 'pip-calls.txt'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
  return { status: r.status, output: `${r.stdout}${r.stderr}`, pip };
}

function builtWheels(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.whl')) out.push(join(dir, e.name));
    }
  };
  if (existsSync(join(work, 'cache'))) walk(join(work, 'cache'));
  return out;
}

maybe('a build for another platform than the build interpreter’s (review 18a F2)', () => {
  it('fetch --platform win_amd64: the sdist build is refused before pip runs, naming the sdist and the mismatch', () => {
    const r = run(
      'fetch',
      'pkgx\n',
      '--platform',
      'win_amd64',
      '--dest',
      join(work, 'wh-win'),
      '--cache-dir',
      join(work, 'cache'),
    );
    expect(r.status).toBe(2);
    expect(r.output).toMatch(
      /pkgx-1\.0\.tar\.gz: has to be built for cp3\d+-win_amd64 \(sys_platform "win32", os_name "nt", platform_machine "AMD64"\)/,
    );
    expect(r.output).toContain('sys_platform "linux"');
    expect(r.pip).toEqual([]);
    expect(builtWheels()).toEqual([]);
  }, 300_000);

  it('resolve --platform manylinux2014_aarch64: the metadata preparation is refused before pip runs', () => {
    const r = run('resolve', 'pkgy\n', '--platform', 'manylinux2014_aarch64');
    expect(r.status).toBe(2);
    expect(r.output).toMatch(
      /pkgy-1\.0\.tar\.gz: has to be built for \S+aarch64 \(platform_machine "aarch64"\)/,
    );
    expect(r.pip).toEqual([]);
  }, 300_000);

  it('the machine’s own platform (explicitly or not) still builds', () => {
    const r = run(
      'fetch',
      'pkgx\n',
      '--platform',
      'manylinux2014_x86_64',
      '--dest',
      join(work, 'wh-linux'),
      '--cache-dir',
      join(work, 'cache'),
    );
    expect(r.output).not.toContain('has to be built');
    expect(r.status).toBe(0);
    expect(r.pip.filter((c) => / wheel /.test(c))).toHaveLength(1);
  }, 300_000);
});
