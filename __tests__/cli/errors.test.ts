/**
 * Errors say what happened (issue 10 §4), through the CLI shell: no command is a usage error,
 * `fetch --lock/--report/--pylock` write where asked, a missing requirements file is named once,
 * VCS URLs are refused as unsupported, an index without project pages hints at `/simple`.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { serveFixture } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-cli-errors-'));
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

function cli(argv: string[]) {
  return runCliCaptured(argv, { env: { HOME: work }, cwd: work });
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
    await writeFile(join(work, 'requirements.txt'), 'app\n');
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
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
      expect(await readFile(join(work, copy), 'utf8')).toBe(
        await readFile(join(work, 'wh', original), 'utf8'),
      );
    }
    expect(await readFile(join(work, 'out.lock'), 'utf8')).toMatch(/^app==1\.0 \\$/m);
  });
});

describe('requirement files', () => {
  it('a missing requirements file is named once', async () => {
    const r = await cli(['resolve', '-r', 'missing-reqs.txt', '-i', server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(count(r.stderr, 'missing-reqs.txt')).toBe(1);
    expect(r.stderr).toContain('no such file or directory');
  });

  it('a missing included file is named once, at the including line', async () => {
    await writeFile(join(work, 'requirements.txt'), 'app\n-r more-reqs.txt\n');
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2:');
    expect(count(r.stderr, 'more-reqs.txt')).toBe(1);
  });
});

describe('resolution failures that are really input mistakes', () => {
  it('a git+ URL requirement says VCS URLs are not supported, naming the line', async () => {
    await writeFile(join(work, 'requirements.txt'), 'app\nfoo @ git+https://example.invalid/x/foo.git@v1\n');
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2');
    expect(r.stderr).toContain('VCS URLs');
    expect(r.stderr).not.toContain('no index has a project');
  });

  it('an index URL without /simple/ (no project page at all) gets a hint', async () => {
    await writeFile(join(work, 'requirements.txt'), 'app\n');
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', `${server.origin}/`, ...TARGET]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no index has a project named app');
    expect(r.stderr).toContain(`hint: ${server.origin}/ answered "not found" for every project`);
    // An index that has some projects gets no hint.
    await writeFile(join(work, 'requirements.txt'), 'app\nno-such-project\n');
    const ok = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET]);
    expect(ok.code).toBe(1);
    expect(ok.stderr).not.toContain('hint:');
  });
});

describe('unsatisfiable runs', () => {
  it('print no retry warnings for requests cut short by the end of the run', async () => {
    server.setModes({ latencyMs: 150 });
    try {
      await writeFile(join(work, 'requirements.txt'), 'app==9.9\nbig\nlib\nutil\n');
      const r = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET, '-v']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('No solution');
      expect(r.stderr).not.toMatch(/retrying|UND_ERR/);
    } finally {
      server.setModes({ latencyMs: 0 });
    }
  });
});

describe('conflict explanations', () => {
  it('name the constraint file and line when a constraint is involved', async () => {
    await writeFile(join(work, 'requirements.txt'), 'app\n');
    await writeFile(join(work, 'constraints.txt'), '# pins\nutil<2\n');
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-c',
      'constraints.txt',
      '-i',
      server.indexUrl,
      ...TARGET,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('util <2 (constraint at constraints.txt:2)');
  });
});
