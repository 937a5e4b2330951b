/**
 * Errors say what happened (issue 10 §4), through the CLI shell: no command is a usage error,
 * `fetch --lock/--report/--pylock` write where asked, a missing requirements file is named once,
 * VCS URLs are refused as unsupported, an index without project pages hints at `/simple`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-cli-errors-', keepWork: true });

function cli(argv: string[]) {
  return runCliCaptured(argv, { env: { HOME: fx.work }, cwd: fx.work });
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('usage', () => {
  it('wheelhouse without a command prints usage on stderr and exits 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no command given');
    expect(r.stderr).toContain('Usage: wheelhouse <command>');
  });
});

describe('fetch --lock/--report/--pylock FILE', () => {
  it('writes a copy of each where asked, identical to the wheelhouse files', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '-d',
      'wh',
      '--no-cache',
      '--lock',
      'out.lock',
      '--report',
      'out.json',
      '--pylock',
      'pylock.out.toml',
    ]);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    for (const [copy, original] of [
      ['out.lock', 'requirements.lock'],
      ['out.json', 'report.json'],
      ['pylock.out.toml', 'pylock.toml'],
    ] as const) {
      expect(await readFile(join(fx.work, copy), 'utf8')).toBe(
        await readFile(join(fx.work, 'wh', original), 'utf8'),
      );
    }
    expect(await readFile(join(fx.work, 'out.lock'), 'utf8')).toMatch(/^app==1\.0 \\$/m);
  });
});

describe('requirement files', () => {
  it('a missing requirements file is named once', async () => {
    const r = await cli(['resolve', '-r', 'missing-reqs.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(count(r.stderr, 'missing-reqs.txt')).toBe(1);
    expect(r.stderr).toContain('no such file or directory');
  });

  it('a missing included file is named once, at the including line', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n-r more-reqs.txt\n');
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2:');
    expect(count(r.stderr, 'more-reqs.txt')).toBe(1);
  });
});

describe('resolution failures that are really input mistakes', () => {
  it('a git+ URL requirement says VCS URLs are not supported, naming the line', async () => {
    await writeFile(
      join(fx.work, 'requirements.txt'),
      'app\nfoo @ git+https://example.invalid/x/foo.git@v1\n',
    );
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2');
    expect(r.stderr).toContain('VCS URLs');
    expect(r.stderr).not.toContain('no index has a project');
  });

  it('an index URL without /simple/ (no project page at all) gets a hint', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', `${fx.server.origin}/`, ...TARGET]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no index has a project named app');
    expect(r.stderr).toContain(`hint: ${fx.server.origin}/ answered "not found" for every project`);
    // An index that has some projects gets no hint.
    await writeFile(join(fx.work, 'requirements.txt'), 'app\nno-such-project\n');
    const ok = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(ok.code).toBe(1);
    expect(ok.stderr).not.toContain('hint:');
  });
});

describe('unsatisfiable runs', () => {
  it('print no retry warnings for requests cut short by the end of the run', async () => {
    fx.server.setModes({ latencyMs: 150 });
    try {
      await writeFile(join(fx.work, 'requirements.txt'), 'app==9.9\nbig\nlib\nutil\n');
      const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET, '-v']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('No solution');
      expect(r.stderr).not.toMatch(/retrying|UND_ERR/);
    } finally {
      fx.server.setModes({ latencyMs: 0 });
    }
  });
});

describe('conflict explanations', () => {
  it('name the constraint file and line when a constraint is involved', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    await writeFile(join(fx.work, 'constraints.txt'), '# pins\nutil<2\n');
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-c',
      'constraints.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('util <2 (constraint at constraints.txt:2)');
  });
});

/** Waits (at most 10 s) until the test server has no request in hand. */
async function serverIdle(): Promise<void> {
  for (let i = 0; i < 200 && fx.server.counters.inFlight > 0; i++)
    await new Promise((r) => setTimeout(r, 50));
}

describe("a server that never starts its answer (pip's --timeout)", () => {
  it('--timeout, PIP_TIMEOUT and pip.conf set the wait; the error names the host, the wait and the options', async () => {
    fx.server.setModes({ latencyMs: 3_000 });
    try {
      await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
      await writeFile(join(fx.work, 'pip.conf'), '[global]\ntimeout = 0.4\n');
      const base = ['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET];
      const host = new URL(fx.server.indexUrl).host;
      const runs = [
        { argv: [...base, '--timeout', '0.3'], env: {}, wait: '0.3' },
        { argv: [...base, '--default-timeout=0.3'], env: {}, wait: '0.3' },
        { argv: base, env: { PIP_TIMEOUT: '0.2' }, wait: '0.2' },
        { argv: base, env: { PIP_CONFIG_FILE: join(fx.work, 'pip.conf') }, wait: '0.4' },
        // The command line wins over pip's configuration.
        { argv: [...base, '--timeout', '0.3'], env: { PIP_TIMEOUT: '9' }, wait: '0.3' },
      ];
      for (const run of runs) {
        const r = await runCliCaptured(run.argv, { env: { HOME: fx.work, ...run.env }, cwd: fx.work });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${host} sent no response headers within ${run.wait} s`);
        expect(r.stderr).toContain(
          "pip's --timeout, PIP_TIMEOUT or WHEELHOUSE_HTTP_HEADERS_TIMEOUT sets the wait",
        );
      }
    } finally {
      fx.server.setModes({ latencyMs: 0 });
      // The server still holds the requests the runs gave up on (3 s of latency each): they would
      // be answered — and counted — during the next test (its 503s consumed, its counts one more).
      await serverIdle();
    }
  }, 60_000);

  it("--retries and pip's configured retries bound the attempts at a failing server", async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const base = ['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET];
    const pages = () => fx.server.counters.log.filter((e) => e.path.includes('/simple/app')).length;
    for (const { argv, env, attempts } of [
      { argv: [...base, '--retries', '1'], env: {}, attempts: 2 },
      { argv: [...base, '--retries', '0'], env: {}, attempts: 1 },
      { argv: base, env: { PIP_RETRIES: '2' }, attempts: 3 },
    ]) {
      await serverIdle();
      fx.server.reset();
      fx.server.setModes({ statusOnce: { status: 503, count: 100, pathContains: '/simple/app' } });
      try {
        const r = await runCliCaptured(argv, { env: { HOME: fx.work, ...env }, cwd: fx.work });
        expect(r.code).toBe(2);
        expect(pages()).toBe(attempts);
      } finally {
        fx.server.setModes({ statusOnce: null });
      }
    }
  }, 60_000);

  it('--timeout takes a number of seconds; its two names must agree', async () => {
    const base = ['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET];
    for (const [argv, message] of [
      [[...base, '--timeout', 'soon'], '--timeout "soon": expected a positive number of seconds'],
      [[...base, '--timeout', '-1'], '--timeout needs a value'],
      [[...base, '--timeout=-1'], '--timeout "-1": expected a positive number of seconds'],
      [
        [...base, '--timeout', '5', '--default-timeout', '6'],
        '--timeout and --default-timeout given with different values',
      ],
    ] as const) {
      const r = await cli([...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('a failure whose report cannot be loaded (a damaged install)', () => {
  it('still prints the redacted message, not a raw stack, and exits 2', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    // A closed port: the run fails with a network error naming the index (credentials included).
    const r = await runCliCaptured(
      [
        'resolve',
        '-r',
        'requirements.txt',
        '-i',
        'http://user:hunter2-secret@127.0.0.1:9/simple/',
        ...TARGET,
      ],
      {
        env: { HOME: fx.work },
        cwd: fx.work,
        seams: { loadFailureReport: () => Promise.reject(new Error('Cannot find module failure.js')) },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wheelhouse: internal error: ');
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(r.stderr).toContain('the error report could not be loaded: Cannot find module failure.js');
    expect(r.stderr).not.toContain('hunter2-secret');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
