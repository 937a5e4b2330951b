/**
 * Plain-http sources on an untrusted host (review 16b F3): pip 23.2 ignores them ("… is not a
 * trusted or secure host and is being ignored") and finds nothing there; wheelhouse read them.
 * The tests' own index server listens on 127.0.0.1, which pip treats as secure; the same server
 * reached as `[::ffff:127.0.0.1]` (an IPv6 address, outside pip's 127.0.0.0/8 and ::1) is a host
 * pip does not trust. Each way of trusting it — the command line's `--trusted-host`, a requirements
 * file's line, PIP_TRUSTED_HOST, pip.conf — is compared with the machine's pip
 * (`pip install --dry-run --report`, configuration isolated).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, resolveLikePip } from '../helpers/cli-capture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const work = mkdtempSync(join(tmpdir(), 'wh-plain-http-'));
mkdirSync(join(work, 'links'));
const local = buildWheel({ name: 'b', version: '1.0' });
writeFileSync(join(work, 'links', local.filename), local.bytes);
const remote = buildWheel({ name: 'a', version: '1.0' });
writeFileSync(join(work, 'pip.conf'), '[global]\ntrusted-host = ::ffff:127.0.0.1\n');

let server: IndexServer;
let untrusted: string;
beforeAll(async () => {
  server = await startIndexServer({ projects: [{ name: 'a', files: [remote] }] });
  untrusted = `http://[::ffff:127.0.0.1]:${server.port}/simple/`;
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

interface Case {
  /** Requirement lines. */
  req: string;
  args?: string[];
  env?: Record<string, string>;
  /** Also a --find-links directory holding b. */
  links?: boolean;
}

type Outcome = { ok: true; installed: string[] } | { ok: false };

function installed(reportFile: string): string[] {
  const parsed = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    install: { metadata: { name: string; version: string } }[];
  };
  return parsed.install.map((i) => `${i.metadata.name} ${i.metadata.version}`).sort();
}

function finder(c: Case): string[] {
  return ['-i', untrusted, ...(c.links === true ? ['-f', join(work, 'links')] : []), ...(c.args ?? [])];
}

async function pipRun(name: string, c: Case): Promise<Outcome & { stderr: string }> {
  const report = join(work, `pip-${name}.json`);
  writeFileSync(join(work, `req-${name}.txt`), c.req);
  // Not spawnSync: the index server answers from this process's event loop.
  const child = spawn('python3', pipReportArgs(report, ...finder(c), '-r', `req-${name}.txt`), {
    cwd: work,
    env: pipRunEnv(work, c.env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return status === 0 ? { ok: true, installed: installed(report), stderr } : { ok: false, stderr };
}

async function ourRun(name: string, c: Case): Promise<Outcome & { stderr: string; code: number }> {
  const report = join(work, `wh-${name}.json`);
  const run = await resolveLikePip(work, report, [...finder(c), '-r', `req-${name}.txt`], c.env);
  return run.code === 0
    ? { ok: true, installed: installed(report), stderr: run.stderr, code: run.code }
    : { ok: false, stderr: run.stderr, code: run.code };
}

const CASES: Record<string, Case> = {
  // Ignored: b comes from the find-links directory, a is found nowhere.
  'ignored-b': { req: 'b\n', links: true },
  'ignored-a': { req: 'a\n', links: true },
  'trusted-cli': { req: 'a\n', args: ['--trusted-host', '::ffff:127.0.0.1'] },
  'trusted-cli-other-port': { req: 'a\n', links: true, args: ['--trusted-host', '[::ffff:127.0.0.1]:1'] },
  'trusted-file': { req: '--trusted-host ::ffff:7f00:1\na\n' },
  'trusted-env': { req: 'a\n', env: { PIP_TRUSTED_HOST: 'localhost ::ffff:127.0.0.1' } },
  'trusted-pip-conf': { req: 'a\n', env: { PIP_CONFIG_FILE: join(work, 'pip.conf') } },
};

describe('plain http to an untrusted host is ignored, as pip ignores it (review 16b F3)', () => {
  it.each(Object.keys(CASES))('%s: the same outcome as pip', async (name) => {
    const c = CASES[name]!;
    const pip = await pipRun(name, c);
    const ours = await ourRun(name, c);
    expect({ ok: ours.ok, installed: ours.ok ? ours.installed : [] }).toEqual({
      ok: pip.ok,
      installed: pip.ok ? pip.installed : [],
    });
    const ignored = !name.startsWith('trusted-') || name === 'trusted-cli-other-port';
    expect(pip.stderr.includes('is not a trusted or secure host and is being ignored')).toBe(ignored);
    expect(ours.stderr.includes('is not a trusted or secure host')).toBe(ignored);
    if (name === 'ignored-b') expect(pip).toMatchObject({ ok: true, installed: ['b 1.0'] });
    if (name === 'trusted-cli') expect(pip).toMatchObject({ ok: true, installed: ['a 1.0'] });
  });

  it('every source ignored: pip finds nothing; wheelhouse stops with an input error naming the source', async () => {
    const c: Case = { req: 'a\n' };
    server.reset();
    const pip = await pipRun('all-ignored', c);
    expect(pip.ok).toBe(false);
    expect(pip.stderr).toContain('(from versions: none)');
    const ours = await ourRun('all-ignored', c);
    expect(ours.code).toBe(2);
    expect(ours.stderr).toContain('every index and find-links location was ignored, as pip does');
    expect(ours.stderr).toContain(new URL(untrusted).href);
    // Nothing was asked of the ignored host.
    expect(server.counters.log).toEqual([]);
  });
});
