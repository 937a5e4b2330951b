/**
 * The CLI entry as a real Node process (src/cli.ts through the swc loader, Node's own ESM loader,
 * no jest module registry): the modules `resolve` now loads after its first request (issue 14 §2
 * start-up: lock-texts.ts for the lock on stdout, the lazily loaded metadata fetcher and solver,
 * lock-input.ts for a lock file input) still load, and the exit codes stay 0 (resolved, the lock on
 * stdout), 1 (unsatisfiable) and 2 (a lock input that cannot be read, one `wheelhouse:` line).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startHarness, type DistSpec, type Harness } from '../provider/resolve-harness.js';
import { cliFromSource } from '../helpers/cli-from-source.js';

const specs: DistSpec[] = [
  { name: 'app-core', version: '1.1', requires: ['helper>=2'] },
  { name: 'helper', version: '1.5' },
  { name: 'helper', version: '2.0' },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness(specs);
});
afterAll(async () => {
  await h.close();
});

/** `wheelhouse resolve -r <file> -i <index>` for CPython 3.11 on glibc 2.17 x86_64, as a child process. */
function resolve(
  name: string,
  text: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  h.file(name, text);
  const argv = cliFromSource(
    'resolve',
    '-r',
    join(h.dir, name),
    '-i',
    h.server.indexUrl,
    '--python-version',
    '3.11',
    '--platform',
    'manylinux_2_17_x86_64',
    '--implementation',
    'cp',
  );
  const env = { PATH: process.env.PATH ?? '', HOME: h.dir, PIP_CONFIG_FILE: '/dev/null' };
  return new Promise((done) => {
    execFile(process.execPath, argv, { env, cwd: h.dir, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });
}

describe('cli.ts resolve in a process of its own, with the lazily loaded modules', () => {
  it('exits 0 with the lock on stdout', async () => {
    const r = await resolve('ok.txt', 'app-core\n');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^[a-z]/.test(l))).toEqual([
      expect.stringMatching(/^app-core==1\.1 /),
      expect.stringMatching(/^helper==2\.0 /),
    ]);
  }, 120_000);

  it('exits 1 when unsatisfiable', async () => {
    const r = await resolve('unsat.txt', 'app-core\nhelper<2\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  }, 120_000);

  it('exits 2 with one line for a lock file input it cannot read', async () => {
    const r = await resolve('uv.lock', 'this is = not [ a lock\n');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('wheelhouse: '))).toEqual([
      expect.stringMatching(/uv\.lock:1:6: invalid TOML/),
    ]);
    expect(r.stdout).toBe('');
  }, 120_000);
});
