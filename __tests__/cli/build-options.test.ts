/**
 * A requirement line's `--config-settings` / `--global-option` (pip 23.2's per-requirement options
 * besides `--hash`) reach that project's sdist build as pip would pass them, and are part of the
 * built-wheel cache key: another setting is another build, the same one a cache hit. The CLI runs from
 * src in a child process; `python3` on its PATH is a stand-in whose `-m pip wheel` writes down its
 * arguments and produces a minimal wheel, and which answers everything else with the machine's python3.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cliFromSource } from '../helpers/cli-from-source.js';

const maybe = process.platform !== 'win32' ? describe : describe.skip;

const MAKE_WHEEL = `import sys, zipfile, hashlib, base64
d = sys.argv[1]
files = {'pkgx/__init__.py': b'', 'pkgx-1.0.dist-info/METADATA': b'Metadata-Version: 2.1\\nName: pkgx\\nVersion: 1.0\\n', 'pkgx-1.0.dist-info/WHEEL': b'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}
rec = ''.join('%s,sha256=%s,%d\\n' % (n, base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode(), len(b)) for n, b in files.items()) + 'pkgx-1.0.dist-info/RECORD,,\\n'
with zipfile.ZipFile(d + '/pkgx-1.0-py3-none-any.whl', 'w') as z:
    [z.writestr(n, b) for n, b in files.items()]; z.writestr('pkgx-1.0.dist-info/RECORD', rec)
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-build-options-'));
  mkdirSync(join(work, 'src', 'pkgx-1.0'), { recursive: true });
  mkdirSync(join(work, 'links'));
  mkdirSync(join(work, 'bin'));
  writeFileSync(
    join(work, 'src', 'pkgx-1.0', 'PKG-INFO'),
    'Metadata-Version: 2.2\nName: pkgx\nVersion: 1.0\n',
  );
  execFileSync('tar', ['-czf', join(work, 'links', 'pkgx-1.0.tar.gz'), '-C', join(work, 'src'), 'pkgx-1.0']);
  const realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  writeFileSync(join(work, 'mkwheel.py'), MAKE_WHEEL);
  // Each `pip wheel` appends its arguments and, after ` | `, the line of the requirements file
  // its `-r` names to pip-args.txt, one line per build.
  const fake = [
    '#!/bin/sh',
    'case "$*" in',
    `  *" wheel "*) args="$*"; req=""`,
    '    while [ $# -gt 0 ]; do [ "$1" = "--wheel-dir" ] && dir="$2"; [ "$1" = "-r" ] && req="$2"; shift; done',
    '    line=""; [ -n "$req" ] && line=$(cat "$req")',
    `    printf '%s | %s\\n' "$args" "$line" >> "${work}/pip-args.txt"`,
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

function fetch(requirements: string): { status: number | null; output: string; builds: string[] } {
  writeFileSync(join(work, 'req.txt'), requirements);
  const before = existsSync(join(work, 'pip-args.txt'))
    ? readFileSync(join(work, 'pip-args.txt'), 'utf8')
    : '';
  const run = spawnSync(
    process.execPath,
    cliFromSource(
      'fetch',
      '--no-index',
      '-f',
      join(work, 'links'),
      '--dest',
      join(work, 'wh'),
      '--cache-dir',
      join(work, 'cache'),
      '-r',
      join(work, 'req.txt'),
    ),
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
  const after = existsSync(join(work, 'pip-args.txt'))
    ? readFileSync(join(work, 'pip-args.txt'), 'utf8')
    : '';
  const builds = after
    .slice(before.length)
    .split('\n')
    .filter((l) => l !== '');
  return { status: run.status, output: `${run.stdout}${run.stderr}`, builds };
}

/** A build's pip arguments and the line of its `-r` file (empty without one). */
function split(build: string | undefined): { argv: string; line: string } {
  const [argv = '', line = ''] = (build ?? '').split(' | ');
  // The file starts with a UTF-8 BOM (pip then reads it as UTF-8 whatever the locale).
  return { argv, line: line.replace(/^\uFEFF/, '') };
}

maybe('per-requirement build options', () => {
  it('reach the build as pip reads them from a requirements file, never on its command line, and key the built-wheel cache', () => {
    const first = fetch('pkgx --config-settings=setup-args=-Dblas=openblas --global-option=--no-user-cfg\n');
    expect(first.status).toBe(0);
    expect(first.builds).toHaveLength(1);
    const built = split(first.builds[0]);
    expect(built.argv).toMatch(/^-m pip wheel --no-deps --wheel-dir \S+ -r \S+$/);
    expect(built.argv).not.toContain('openblas');
    expect(built.line).toMatch(
      /^file:\/\/\S+\/pkgx-1\.0\.tar\.gz --config-settings=setup-args=-Dblas=openblas --global-option=--no-user-cfg $/,
    );
    // The same settings: the stored build is used, pip is not asked.
    const again = fetch('pkgx --config-settings=setup-args=-Dblas=openblas --global-option=--no-user-cfg\n');
    expect(again.status).toBe(0);
    expect(again.builds).toEqual([]);
    // Another setting (or none) is another wheel: built again, with exactly its options.
    const other = fetch('pkgx -C setup-args=-Dblas=blis\n');
    expect(other.status).toBe(0);
    expect(other.builds).toHaveLength(1);
    expect(split(other.builds[0]).line).toMatch(/ --config-settings=setup-args=-Dblas=blis $/);
    const none = fetch('pkgx\n');
    expect(none.status).toBe(0);
    expect(none.builds).toHaveLength(1);
    expect(split(none.builds[0])).toEqual({
      argv: expect.stringMatching(/--wheel-dir \S+ \S+pkgx-1\.0\.tar\.gz$/),
      line: '',
    });
  }, 300_000);

  it('are not taken from a line whose marker is false (pip ignores the whole line)', () => {
    const run = fetch('pkgx ; python_version < "3" -C ignored=1 --global-option=--ignored\npkgx -C used=1\n');
    expect(run.status).toBe(0);
    expect(run.builds).toHaveLength(1);
    expect(split(run.builds[0]).line).toMatch(/ --config-settings=used=1 $/);
    expect(run.builds[0]).not.toContain('ignored');
  }, 300_000);
});
