/**
 * `wheelhouse resolve` exit codes and what stderr says (issue 4, §5): 0 resolved, 1 unsatisfiable
 * (the explanation alone), 2 bad input or unreachable index (one `wheelhouse: ` line, redacted).
 * The real shell in-process against a served index; the target is fixed through the CLI's seams.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { startIndexServer } from '../helpers/index-server.js';
import { startHarness, type DistSpec, type Harness } from '../provider/resolve-harness.js';

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

/** Runs `wheelhouse resolve -r <file with text> -i <index> …` for CPython 3.11 on glibc 2.17 x86_64. */
async function resolve(text: string, options: { index?: string; args?: string[] } = {}) {
  const name = `req-${Math.random().toString(36).slice(2)}.txt`;
  h.file(name, text);
  const index = options.index ?? h.server.indexUrl.replace('http://', 'http://user:hunter2secret@');
  return runCliCaptured(
    [
      'resolve',
      '-r',
      name,
      '-i',
      index,
      '--python-version',
      '3.11',
      '--implementation',
      'cp',
      ...(options.args ?? ['-q']),
    ],
    {
      env: {},
      cwd: h.dir,
      seams: {
        runner: () => ({ os: 'linux', arch: 'x86_64', glibc: [2, 17] }),
        findPython: () => Promise.reject(new Error('the target is explicit: no interpreter is asked')),
      },
    },
  );
}

describe('wheelhouse resolve exit codes', () => {
  it('exits 0 with the lock on stdout; the index credentials appear nowhere, not even in verbose logs', async () => {
    const r = await resolve('app-core\n', { args: ['-v'] });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^[a-z]/.test(l))).toEqual([
      'app-core==1.1 \\',
      'helper==2.0 \\',
    ]);
    expect(r.stderr).toContain('cp311-manylinux_2_17_x86_64 (Python 3.11)');
    expect(r.stdout + r.stderr).not.toContain('hunter2secret');
  });

  it('exits 1 with exactly the explanation on stderr when unsatisfiable', async () => {
    const r = await resolve('helper>=3\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^No solution for cp311-manylinux_2_17_x86_64 \(Python 3\.11\):\nBecause no versions of helper match >=3 and .*req-[a-z0-9]+\.txt:1 requires helper>=3, version solving failed\.\n$/,
    );
  });

  it('keeps only files whose hash is pinned: exit 1 when none matches', async () => {
    const r = await resolve(`helper==2.0 --hash=sha256:${'0'.repeat(64)}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has none of the hashes given with --hash');
  });

  it('exits 2 with one clear line for a bad requirement', async () => {
    const r = await resolve('helper>=>3\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wheelhouse: .*req-[a-z0-9]+\.txt:1:\d+: .*helper>=>3/);
  });

  it('exits 2 with one redacted line when the index is unreachable', async () => {
    const closed = await startIndexServer();
    const port = closed.port;
    await closed.close();
    const r = await resolve('helper\n', { index: `http://user:hunter2secret@127.0.0.1:${port}/simple/` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wheelhouse: /);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).not.toContain('hunter2secret');
  });
});
