/**
 * `--hash`-pinned requirements served by `--find-links` pages without `#sha256=` fragments: as in
 * pip's hash-checking mode the hash-less files are still candidates; each chosen file is
 * downloaded once, and its sha256 must be one of the pins — else exit 2 naming the file, its
 * redacted URL, the pinned and the actual hash, with nothing written to the wheelhouse.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let server: IndexServer;
let work: string;
const PROJECTS = ['app', 'lib', 'util', 'big'];

beforeAll(async () => {
  server = await startIndexServer({ modes: { noHashes: true, noJson: true } });
  serveFixture(server);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  server.reset();
  server.setModes({ requireAuth: null });
  work = await mkdtemp(join(tmpdir(), 'wh-hash-pinned-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

function findLinks(origin = server.origin): string[] {
  return ['--no-index', ...PROJECTS.flatMap((p) => ['--find-links', `${origin}/simple/${p}/`])];
}

function cli(argv: string[]) {
  return runCliCaptured(argv, { env: { HOME: work }, cwd: work });
}

/** `name==version --hash=sha256:…` for every expected file, with `override` replacing some hashes. */
async function pinnedRequirements(override: Record<string, string> = {}): Promise<void> {
  await writeRequirements(
    work,
    EXPECTED_FILES.map((f) => {
      const [name, version] = f.split('-') as [string, string];
      return `${name}==${version} --hash=sha256:${override[f] ?? (server.sha256(f) as string)}`;
    }),
  );
}

function fetchArgs(origin?: string): string[] {
  return ['fetch', '-r', 'requirements.txt', ...findLinks(origin), ...TARGET, '--dest', 'wh', '--no-cache'];
}

/** Whole-file answers (status 200 to a GET of a wheel itself) per file name. */
function wholeDownloads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of server.counters.log) {
    const m = /^\/files\/([^/?]+)$/.exec(e.path);
    if (m === null || e.method !== 'GET' || e.status !== 200) continue;
    const name = decodeURIComponent(m[1] as string);
    if (name.endsWith('.metadata')) continue;
    out.set(name, (out.get(name) ?? 0) + 1);
  }
  return out;
}

async function wheelsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((f) => f.endsWith('.whl')).sort();
}

describe('--hash pins with find-links pages without sha256', () => {
  it('correct pins: exit 0, the lock has the pinned hashes, each chosen wheel downloaded once', async () => {
    await pinnedRequirements();
    const r = await cli(fetchArgs());
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const lock = await readFile(join(work, 'wh', 'requirements.lock'), 'utf8');
    for (const f of EXPECTED_FILES) {
      expect(lock).toContain(`--hash=sha256:${server.sha256(f) as string}`);
    }
    expect(await wheelsIn(join(work, 'wh'))).toEqual(EXPECTED_FILES);
    expect(Object.fromEntries(wholeDownloads())).toEqual(
      Object.fromEntries(EXPECTED_FILES.map((f) => [f, 1])),
    );
  });

  it('a wrong pin: exit 2 naming the file, its redacted URL, the pinned and the actual sha256; no wheel kept', async () => {
    server.setModes({ requireAuth: { username: 'ci', password: 's3cret-pass' } });
    const origin = server.origin.replace('http://', 'http://ci:s3cret-pass@');
    const wrong = 'ab'.repeat(32);
    const big = 'big-1.0-py3-none-any.whl';
    await pinnedRequirements({ [big]: wrong });
    const r = await cli(fetchArgs(origin));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('s3cret-pass');
    expect(r.stderr).toContain('does not match the --hash values');
    expect(r.stderr).toMatch(
      new RegExp(
        `big: ${big.replace(/\./g, '\\.')} from http://[^ ]*127\\.0\\.0\\.1:\\d+/files/${big.replace(/\./g, '\\.')}`,
      ),
    );
    expect(r.stderr).toContain(`expected sha256 ${wrong}`);
    expect(r.stderr).toContain(`got      sha256 ${server.sha256(big) as string}`);
    // The files whose pins match are not reported.
    expect(r.stderr).not.toContain('app-1.0-py3-none-any.whl from');
    expect(await wheelsIn(join(work, 'wh'))).toEqual([]);
  });

  it('resolve with a wrong pin: exit 2 and no lock written', async () => {
    const util = 'util-2.1-py3-none-any.whl';
    await pinnedRequirements({ [util]: '0'.repeat(64) });
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      ...findLinks(),
      ...TARGET,
      '--lock',
      'out.lock',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`util: ${util} from`);
    expect(r.stderr).toContain(`got      sha256 ${server.sha256(util) as string}`);
    await expect(readFile(join(work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
