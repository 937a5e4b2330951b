/**
 * Plain-http sources pip would ignore (review 15a F18): the same answer as the real pip's
 * `PipSession.is_secure_origin`, and a warning from prepare naming the redacted URL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fsPipConfigIo, readPipConfig } from '../../src/flow/pip-config.js';
import { prepare } from '../../src/flow/prepare.js';
import { runSecrets } from '../../src/index/redact.js';
import { pipTrustsSource } from '../../src/index/secure-origin.js';
import { RecordingLogger } from '../../src/util/logger.js';

const TRUSTED = [
  'mirror.example',
  'other.example:8080',
  'port80.example:80',
  '::ffff:10.0.0.9',
  '[2001:db8::7]:81',
  '192.0.2.1',
  'user@withuser.example',
  // Python's ipaddress form: leading zeros, short and hex forms are host names, not addresses.
  '010.0.0.8',
  '10.1',
];
const URLS = [
  'http://a.example/simple/',
  'http://mirror.example:9/x/',
  'http://other.example:8080/',
  'http://other.example/',
  'http://OTHER.example:8080/',
  'http://127.0.0.5/',
  'http://[::1]:3/',
  'http://localhost:8000/simple/',
  'https://a.example/',
  'http://10.0.0.1/',
  'file:///tmp/links/',
  // pip compares the explicit port as written: no port is not port 80.
  'http://port80.example/',
  'http://port80.example:80/',
  // Addresses compare as addresses, never across versions.
  'http://[::ffff:127.0.0.1]:5/',
  'http://[::ffff:a00:9]/',
  'http://[::ffff:10.0.0.9]:7/',
  'http://[2001:db8:0::7]:81/',
  'http://[2001:db8::7]:82/',
  'http://[::ffff:192.0.2.1]/',
  'http://192.0.2.1:3/',
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://u:p@mirror.example/',
  'http://withuser.example/',
  'git+http://a.example/x',
  'https://a.example:443/',
  // Loopback only in Python's ipaddress form (src/standards/ip-address.ts); pip ignores the rest.
  'http://127.1/',
  'http://0x7f.0.0.1/',
  'http://0177.0.0.1/',
  'http://127.0.0.1./',
  'http://127.000.000.001/',
  'http://2130706433/',
  // A trusted host written with a leading zero is a name: it matches only the same text.
  'http://10.0.0.8/',
  'http://010.0.0.8/',
  'http://10.1/',
  'http://10.0.0.1/',
];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-secure-origin-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("pip's secure origins (review 15a F18)", () => {
  it('the same answer as the real pip for each URL', () => {
    const script = [
      'import json, sys',
      'from pip._internal.network.session import PipSession',
      'from pip._internal.models.link import Link',
      'import logging; logging.disable(logging.CRITICAL)',
      'urls, trusted = json.loads(sys.argv[1])',
      's = PipSession(trusted_hosts=trusted)',
      'print(json.dumps([s.is_secure_origin(Link(u)) for u in urls]))',
    ].join('\n');
    const theirs = JSON.parse(
      execFileSync('python3', ['-c', script, JSON.stringify([URLS, TRUSTED])], { encoding: 'utf8' }),
    ) as boolean[];
    expect(URLS.map((u) => pipTrustsSource(u, TRUSTED))).toEqual(theirs);
    expect(theirs).toContain(false);
  });

  it('prepare ignores each such source with a warning, the URL redacted; trusted and local ones are kept quietly', async () => {
    runSecrets.clear();
    await writeFile(
      join(work, 'requirements.txt'),
      '--trusted-host other.example\n-f http://other.example/links/\n-f http://127.0.0.1:9/links/\ndemo\n',
    );
    const logger = new RecordingLogger();
    const prepared = await prepare({
      requirementFiles: [join(work, 'requirements.txt')],
      finder: { indexUrl: 'http://user:pw-Secret-77@mirror.example:8080/simple/' },
      target: { pythonVersion: '3.11', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      env: {},
      logger,
    });
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'http://***@mirror.example:8080/simple/: ignored, as pip does — the repository located at mirror.example is not a trusted or secure host',
    );
    expect(warnings[0]).toContain('--trusted-host mirror.example ');
    expect(prepared.finder.indexUrls).toEqual([]);
    expect(prepared.finder.findLinks).toEqual(['http://other.example/links/', 'http://127.0.0.1:9/links/']);
    expect(warnings[0]).not.toContain('pw-Secret-77');
  });

  it("pip's own trusted-host settings (PIP_TRUSTED_HOST, pip.conf) are pip's trust too: no warning for those hosts (review 16b F3)", async () => {
    const conf = join(work, 'pip.conf');
    await writeFile(
      conf,
      '[global]\ntrusted-host = a.example\n  b.example:81\n[install]\ntrusted-host = c.example\n',
    );
    const home = join(work, 'home');
    const scenarios: Record<string, string>[] = [
      { PIP_CONFIG_FILE: conf, HOME: home },
      { PIP_CONFIG_FILE: conf, HOME: home, PIP_TRUSTED_HOST: 'd.example  e.example:8080' },
    ];
    // pip's own reading of the same settings (its install command's options).
    const script = [
      'import json, logging; logging.disable(logging.CRITICAL)',
      'from pip._internal.commands import create_command',
      "o, _ = create_command('install').parse_args([])",
      'print(json.dumps(o.trusted_hosts))',
    ].join('\n');
    const urls = ['http://c.example/simple/', 'http://d.example/simple/', 'http://e.example:8080/links/'];
    const got: unknown[] = [];
    const theirs: unknown[] = [];
    for (const env of scenarios) {
      theirs.push(
        JSON.parse(
          execFileSync('python3', ['-c', script], {
            encoding: 'utf8',
            env: { PATH: process.env['PATH'], ...env },
          }),
        ),
      );
      const pipConfig = await readPipConfig(fsPipConfigIo(env, false, { readFile, stat }, home));
      got.push(pipConfig.trustedHosts?.value);
      runSecrets.clear();
      await writeFile(join(work, 'requirements.txt'), 'demo\n');
      const logger = new RecordingLogger();
      const prepared = await prepare({
        requirementFiles: [join(work, 'requirements.txt')],
        finder: { indexUrl: urls[0]!, extraIndexUrls: [urls[1]!], findLinks: [urls[2]!] },
        target: { pythonVersion: '3.11', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
        cwd: work,
        env,
        pipConfig,
        logger,
      });
      const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
      // Warned exactly for the sources pip's trusted hosts leave out, once each.
      const untrusted = urls.filter((u) => !pipTrustsSource(u, theirs.at(-1) as string[]));
      expect(warnings).toHaveLength(untrusted.length);
      expect(untrusted.every((u) => warnings.some((w) => w.startsWith(`${u}: ignored, as pip does`)))).toBe(
        true,
      );
      expect([...prepared.finder.indexUrls, ...prepared.finder.findLinks]).toEqual(
        urls.filter((u) => !untrusted.includes(u)),
      );
    }
    expect(got).toEqual(theirs);
    expect(theirs).toEqual([['c.example'], ['d.example', 'e.example:8080']]);
  });
});
