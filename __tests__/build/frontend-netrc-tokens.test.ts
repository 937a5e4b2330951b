/**
 * The private netrc of the build frontend read by the real netrc modules of Python 3.9 and 3.11
 * (review 15e F5): every token a 3.9 lexer can hold is written so that it reads it back unchanged;
 * the others are written for 3.10+, and a build under Python ≤ 3.9 is then refused with an error
 * naming the host.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { frontendEnv, type FrontendEnvNotes } from '../../src/build/frontend-env.js';
import { netrcText, portableNetrcToken } from '../../src/build/frontend-netrc.js';
import { createBuildContext } from '../../src/flow/build-context.js';
import { prepare } from '../../src/flow/prepare.js';
import { RecordingLogger } from '../../src/util/logger.js';

const PY39 = '/root/.pyenv/versions/3.9.18/bin/python3.9';
const python39 = existsSync(PY39) ? PY39 : undefined;

const VALUES = [
  'plain-Token_1',
  '#starts-with-hash',
  'has"quote',
  "it's",
  'p@ss:w/rd!$%&*()+,.;<=>?[]^`{|}~',
  'café',
  'two words',
  '"leading-quote',
  'back\\slash',
  'tab\there',
];

/** The passwords Python's netrc module reads back for hosts h0.example, h1.example, … */
function readBack(python: string, passwords: string[]): (string | null)[] {
  const text = netrcText(passwords.map((p, i) => ({ machine: `h${i}.example`, login: 'u', password: p })));
  const script = [
    'import json, netrc, os, sys, tempfile',
    'd = tempfile.mkdtemp(); path = os.path.join(d, "netrc")',
    'open(path, "w", encoding="utf-8").write(sys.stdin.read()); os.chmod(path, 0o600)',
    'n = sys.argv[1:]',
    'try:',
    '    r = netrc.netrc(path)',
    '    print(json.dumps([(r.authenticators(h) or [None, None, None])[2] for h in n]))',
    'except netrc.NetrcParseError as e:',
    '    print(json.dumps(None))',
  ].join('\n');
  const hosts = passwords.map((_, i) => `h${i}.example`);
  const out = JSON.parse(
    execFileSync(python, ['-c', script, ...hosts], {
      input: text,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    }),
  ) as (string | null)[] | null;
  return out ?? passwords.map(() => null);
}

describe('netrc tokens (review 15e F5)', () => {
  it('Python 3.11 reads every token back unchanged', () => {
    expect(readBack('python3', VALUES)).toEqual(VALUES);
  });

  it('Python 3.9 reads back unchanged every token it can hold (ASCII letters, digits, punctuation but \\)', () => {
    if (python39 === undefined) throw new Error(`${PY39} is needed`);
    const portable = VALUES.filter(portableNetrcToken);
    expect(portable).toEqual([
      'plain-Token_1',
      '#starts-with-hash',
      'has"quote',
      "it's",
      'p@ss:w/rd!$%&*()+,.;<=>?[]^`{|}~',
    ]);
    expect(readBack(python39, portable)).toEqual(portable);
  });

  it('a build under Python 3.9 with a password 3.9 cannot read is refused, naming the host; 3.11 builds', async () => {
    const env = {
      PATH: process.env['PATH'] ?? '',
      WHEELHOUSE_HTTP_CORP_EXAMPLE_USERNAME: 'u',
      WHEELHOUSE_HTTP_CORP_EXAMPLE_PASSWORD: 'two words',
    };
    const notes: FrontendEnvNotes = { netrcNeedsPython310: [] };
    frontendEnv(
      env,
      { indexUrls: ['https://corp.example/simple/'], findLinks: [], configuredHosts: ['corp.example'] },
      notes,
    );
    expect(notes.netrcNeedsPython310).toEqual(['corp.example']);
    const work = mkdtempSync(join(tmpdir(), 'wh-netrc-tokens-'));
    writeFileSync(join(work, 'requirements.txt'), 'demo\n');
    const prepared = await prepare({
      requirementFiles: [join(work, 'requirements.txt')],
      cwd: work,
      finder: { indexUrl: 'https://corp.example/simple/' },
      target: { pythonVersion: '3.9', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      env,
      logger: new RecordingLogger(),
    });
    rmSync(work, { recursive: true, force: true });
    const context = createBuildContext({ prepared, env, cwd: process.cwd(), python: 'python3' });
    const interpreter = (version: string) => ({
      command: 'python3',
      version,
      implementation: 'cp',
      interpreterTag: `cp${version.split('.').slice(0, 2).join('')}`,
      platform: 'linux-x86_64',
      markers: { sys_platform: 'linux', os_name: 'posix', platform_machine: 'x86_64' },
    });
    expect(() => context.frontend(interpreter('3.9.18'))).toThrow(
      /credentials for corp\.example .* netrc module of Python 3\.9\.18/,
    );
    expect(context.frontend(interpreter('3.11.7')).env['NETRC']).toBeDefined();
  });
});
