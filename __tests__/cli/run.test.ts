/**
 * The CLI shell in-process (runCli with injected streams, env and cwd) against the test index
 * server: exit codes, stdout/stderr contents, the local cache across runs, credential redaction.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { useFixtureIndex } from '../helpers/fixture-index.js';
import { startIndexServer } from '../helpers/index-server.js';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-cli-' });

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

function cli(argv: string[], env: Record<string, string | undefined> = {}, tty = false) {
  return runCliCaptured(argv, { env: { HOME: fx.work, ...env }, cwd: fx.work, tty });
}

/** `wheelhouse <command> -r requirements.txt -i <test index> <target> …rest`. */
const onIndex = (command: 'resolve' | 'fetch', ...rest: string[]): string[] => [
  command,
  '-r',
  'requirements.txt',
  '-i',
  fx.server.indexUrl,
  ...TARGET,
  ...rest,
];

describe('wheelhouse --version / --help', () => {
  it('prints the version on stdout', async () => {
    const r = await cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: 'wheelhouse 0.1.0\n', stderr: '' });
  });

  it('lists both commands, and each command lists its options', async () => {
    const general = await cli(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('resolve');
    expect(general.stdout).toContain('fetch');
    const resolve = await cli(['resolve', '--help']);
    expect(resolve.stdout).toContain('--index-strategy first-index|unsafe-best-match');
    expect(resolve.stdout).not.toContain('--cache-dir');
    const fetch = await cli(['fetch', '-h']);
    expect(fetch.stdout).toContain('--cache-dir DIR');
    expect(fetch.stdout).toContain('--python-version');
  });
});

describe('usage errors exit 2 with a message naming the problem', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['resolve'], 'no requirement files given: use -r FILE'],
    [['resolve', '-r', 'x.txt', '--bogus'], 'unknown option --bogus'],
    [['resolve', '-r', 'x.txt', '--dest', 'w'], '--dest is an option of wheelhouse fetch'],
    [['fetch', '-r', 'x.txt'], 'wheelhouse fetch needs --dest DIR'],
    [['resolve', '-r', 'x.txt', '--python-version', '2.7'], '--python-version "2.7": expected 3.X'],
    [['resolve', '-r', 'x.txt', '--index-strategy', 'best'], 'expected first-index or unsafe-best-match'],
    [['fetch', '-r', 'x.txt', '-d', 'w', '--concurrency', '0'], 'expected a whole number from 1 to 256'],
    [['resolve', '-r'], '-r needs a value (FILE)'],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('wheelhouse resolve', () => {
  it('prints a hash-pinned lock on stdout when no output file is asked for', async () => {
    await writeRequirements(fx.work, ['app']);
    const r = await cli(onIndex('resolve'));
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const pins = r.stdout.split('\n').filter((l) => /==/.test(l));
    expect(pins).toEqual(['app==1.0 \\', 'lib==1.1 \\', 'util==2.1 \\']);
    expect(r.stdout).toContain(`--hash=sha256:${fx.server.sha256('lib-1.1-py3-none-any.whl')}`);
  });

  it('writes --lock, --report and --pylock relative to the working directory', async () => {
    await writeRequirements(fx.work, ['app', 'util<2.1']);
    const r = await cli([
      'resolve',
      '--requirement=requirements.txt',
      `--index-url=${fx.server.indexUrl}`,
      ...TARGET,
      '--lock',
      'out/lock.txt',
      '--report',
      'out/report.json',
      '--pylock',
      'out/pylock.toml',
      '-q',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(fx.work, 'out/lock.txt'), 'utf8')).toContain('util==2.0 \\');
    const report = JSON.parse(await readFile(join(fx.work, 'out/report.json'), 'utf8')) as {
      install: unknown[];
    };
    expect(report.install).toHaveLength(3);
    expect(await readFile(join(fx.work, 'out/pylock.toml'), 'utf8')).toContain('name = "util"');
  });

  it('exits 1 with the explanation on stderr when nothing satisfies the requirements', async () => {
    await writeRequirements(fx.work, ['app', 'util<2']);
    const r = await cli(onIndex('resolve'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/util/);
  });

  it('exits 2 naming file:line for a bad requirement line', async () => {
    await writeRequirements(fx.work, ['# deps', 'app', '', 'util', '', '', 'lib >>= 1', 'big']);
    const r = await cli(onIndex('resolve'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/requirements\.txt:7:\d+: /);
    expect(fx.server.counters.requests).toBe(0);
  });

  it('exits 2 for a missing requirements file', async () => {
    const r = await cli(['resolve', '-r', 'nope.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.txt');
  });

  it('exits 2 with the redacted URL when the index is unreachable, never showing the password', async () => {
    await writeRequirements(fx.work, ['app']);
    const closed = await startIndexServer();
    const port = closed.port;
    await closed.close();
    const url = `http://alice:s3cr3t-pw@127.0.0.1:${port}/simple/`;
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', url, ...TARGET, '-v']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).not.toContain('s3cr3t-pw');
    expect(r.stderr).not.toContain('alice');
  });
});

describe('wheelhouse fetch with the local cache', () => {
  it('second run into a fresh directory restores everything: zero wheel bytes, zero metadata requests', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    const cacheDir = join(fx.work, 'cache');
    const first = await cli(onIndex('fetch', '--dest', 'wh1', '--cache-dir', cacheDir));
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${join(fx.work, 'wh1', 'requirements.lock')}\n`);
    const files = (await readdir(join(fx.work, 'wh1'))).filter((f) => f.endsWith('.whl')).sort();
    expect(files).toEqual(EXPECTED_FILES);
    expect(fx.server.counters.byKind['file-full'].requests).toBeGreaterThanOrEqual(1);

    fx.server.reset();
    const second = await cli(onIndex('fetch', '--dest', 'wh2', '--cache-dir', cacheDir));
    expect(second.code).toBe(0);
    expect(fx.server.counters.byKind['file-full'].bytes).toBe(0);
    expect(fx.server.counters.byKind.range.requests).toBe(0);
    expect(fx.server.counters.byKind.metadata.requests).toBe(0);
    expect(second.stderr).toContain('0 downloaded (0 B), 4 from cache');
    expect((await readdir(join(fx.work, 'wh2'))).filter((f) => f.endsWith('.whl')).sort()).toEqual(
      EXPECTED_FILES,
    );
    expect(await readFile(join(fx.work, 'wh2', 'requirements.lock'), 'utf8')).toBe(
      await readFile(join(fx.work, 'wh1', 'requirements.lock'), 'utf8'),
    );
  });

  it('a relative --cache-dir is taken from the working directory the CLI was given', async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    const run = await cli(onIndex('fetch', '--dest', 'wh', '--cache-dir', 'rel-cache'));
    expect(run.code).toBe(0);
    expect((await readdir(join(fx.work, 'rel-cache'))).length).toBeGreaterThan(0);
    await expect(readdir(join(process.cwd(), 'rel-cache'))).rejects.toThrow();
  });

  it("a warm run within the index's max-age revalidates the restored pages: 304s only (issue 14, issue 10 §1)", async () => {
    await writeRequirements(fx.work, ['app', 'big']);
    const cacheDir = join(fx.work, 'cache');
    fx.server.setModes({ pageCacheControl: 'max-age=600' });
    try {
      const first = await cli(onIndex('fetch', '--dest', 'wh1', '--cache-dir', cacheDir));
      expect(first.code).toBe(0);
      expect(fx.server.counters.byKind.page.requests).toBeGreaterThan(0);
      fx.server.reset();
      const second = await cli(onIndex('fetch', '--dest', 'wh2', '--cache-dir', cacheDir));
      expect(second.code).toBe(0);
      // Restored pages are never used on their own say (their freshness is as rewritable as their
      // body, src/index/page-trust.ts): each is asked about once and the server's 304 vouches for it.
      expect(fx.server.counters.byKind.page.requests).toBeGreaterThan(0);
      expect(new Set(fx.server.counters.log.map((r) => r.status))).toEqual(new Set([304]));
      expect(fx.server.counters.log.length).toBe(fx.server.counters.byKind.page.requests);
      expect(await readFile(join(fx.work, 'wh2', 'requirements.lock'), 'utf8')).toBe(
        await readFile(join(fx.work, 'wh1', 'requirements.lock'), 'utf8'),
      );
    } finally {
      fx.server.setModes({ pageCacheControl: null });
    }
  });

  it('draws a progress bar on a TTY stderr, plain lines elsewhere', async () => {
    await writeRequirements(fx.work, ['big']);
    const tty = await cli(onIndex('fetch', '-d', 'a', '--no-cache'), {}, true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\[#+\] 100% downloaded 301\.0 kB \/ 301\.0 kB \(1\/1 files\)\x1b\[K\n/);
    const plain = await cli(onIndex('fetch', '-d', 'b', '--no-cache'));
    expect(plain.stderr).not.toContain('\r');
    expect(plain.stderr).toContain('downloaded 301.0 kB / 301.0 kB (1/1 files)\n');
  });

  it('--no-cache writes no cache entry and a --dest equal to the working directory is refused', async () => {
    await writeRequirements(fx.work, ['util']);
    const cacheDir = join(fx.work, 'cache');
    const r = await cli(onIndex('fetch', '-d', 'wh', '--no-cache', '--cache-dir', cacheDir));
    expect(r.code).toBe(0);
    await expect(readdir(cacheDir)).rejects.toThrow();
    const refused = await cli(onIndex('fetch', '-d', '.'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('give it a directory of its own');
  });

  it('a file that cannot be read whole exits 2 naming it; no wheel is left behind', async () => {
    await writeRequirements(fx.work, ['big']);
    fx.server.setModes({ truncateFiles: true });
    try {
      const r = await cli(onIndex('fetch', '-d', 'wh', '--no-cache'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('big-1.0-py3-none-any.whl');
      const left = await readdir(join(fx.work, 'wh')).catch(() => [] as string[]);
      expect(left.filter((f) => f.endsWith('.whl'))).toEqual([]);
    } finally {
      fx.server.setModes({ truncateFiles: false });
      await rm(join(fx.work, 'wh'), { recursive: true, force: true });
    }
  });
});

it('keeps requirement-file credentials out of the lock, report and stderr', async () => {
  fx.server.setModes({ requireAuth: { username: 'bob', password: 'hunter2-secret' } });
  try {
    const url = `http://bob:hunter2-secret@127.0.0.1:${fx.server.port}/simple/`;
    await writeFile(join(fx.work, 'requirements.txt'), `--index-url ${url}\napp\n`);
    const r = await cli(['fetch', '-r', 'requirements.txt', ...TARGET, '-d', 'wh', '--no-cache', '-v']);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    for (const f of await readdir(join(fx.work, 'wh'))) {
      if (f.endsWith('.whl')) continue;
      expect(await readFile(join(fx.work, 'wh', f), 'utf8')).not.toContain('hunter2-secret');
    }
    expect(r.stderr + r.stdout).not.toContain('hunter2-secret');
  } finally {
    fx.server.setModes({ requireAuth: null });
  }
});
