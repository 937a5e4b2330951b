/**
 * pip's configuration (src/flow/pip-config.ts) against the real pip on this machine: each scenario
 * writes its own global (XDG_CONFIG_DIRS), user (HOME), PIP_CONFIG_FILE and PIP_* settings into a
 * temporary directory, asks pip 23's own option parser what `pip install` would use, and compares
 * with what wheelhouse reads. Our reader only sees files inside the temporary directory (the
 * machine's pip.conf is never read); pip does read /etc/pip.conf, which on this machine only sets
 * `cert` — a key neither side compares.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { effectiveFinder } from '../../src/flow/finder-options.js';
import { frontendTls, pipNetworkOptions } from '../../src/flow/prepare.js';
import {
  fsPipConfigIo,
  pipConfigFiles,
  readPipConfig,
  refusedSetting,
  type PipConfigIo,
} from '../../src/flow/pip-config.js';
import { defaultOptions } from '../../src/standards/requirements-file-options.js';
import { parseIni } from '../../src/util/ini.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-pipconf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PIP_OPTIONS = `
import json, sys
from pip._internal.commands import create_command
cmd = create_command('install', isolated=sys.argv[1] == '1')
o, _ = cmd.parse_args(['--isolated'] if sys.argv[1] == '1' else [])
print(json.dumps({'index': None if o.no_index else o.index_url, 'extra': o.extra_index_urls, 'links': o.find_links,
  'pre': bool(o.pre), 'preferBinary': bool(o.prefer_binary),
  'onlyBinary': sorted(o.format_control.only_binary), 'noBinary': sorted(o.format_control.no_binary),
  'timeout': o.timeout, 'noCache': o.cache_dir is False, 'progressBar': o.progress_bar}))
`;

interface Scenario {
  files: Record<string, string>;
  env?: Record<string, string>;
  isolated?: boolean;
}

async function setUp(name: string, s: Scenario): Promise<Record<string, string>> {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(s.files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const env: Record<string, string> = {
    HOME: join(root, 'home'),
    XDG_CONFIG_DIRS: join(root, 'xdg'),
    XDG_CONFIG_HOME: join(root, 'home', '.config'),
  };
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = v.replace('<root>', root);
  return env;
}

function pipAnswer(env: Record<string, string>, isolated: boolean): unknown {
  const out = execFileSync('python3', ['-c', PIP_OPTIONS, isolated ? '1' : '0'], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
    timeout: 60_000,
  });
  const answer = JSON.parse(out) as { index: string | null };
  // pip spells its default https://pypi.org/simple, wheelhouse https://pypi.org/simple/ (same index).
  if (answer.index === 'https://pypi.org/simple') answer.index = 'https://pypi.org/simple/';
  return answer;
}

async function ours(env: Record<string, string>, isolated: boolean): Promise<unknown> {
  const inside = (p: string) => p.startsWith(dir);
  const fsIo = fsPipConfigIo(env, isolated, {
    readFile: (p, enc) =>
      inside(p) ? readFile(p, enc) : Promise.reject(Object.assign(new Error('outside'), { code: 'ENOENT' })),
    stat: (p) =>
      inside(p) ? stat(p) : Promise.reject(Object.assign(new Error('outside'), { code: 'ENOENT' })),
  });
  const io: PipConfigIo = { ...fsIo, platform: 'linux' };
  const config = await readPipConfig(io);
  const finder = effectiveFinder(defaultOptions(), {}, config);
  return {
    // pip's default --timeout when none is configured.
    timeout: config.timeoutSec?.value ?? 15,
    noCache: config.noCacheDir?.value === true,
    progressBar: config.progressBar?.value ?? 'on',
    index: finder.indexUrls[0] ?? null,
    extra: finder.indexUrls.slice(1),
    links: finder.findLinks,
    pre: finder.pre,
    preferBinary: finder.preferBinary,
    onlyBinary: finder.onlyBinary.all ? [':all:'] : [...finder.onlyBinary.names].sort(),
    noBinary: finder.noBinary.all ? [':all:'] : [...finder.noBinary.names].sort(),
  };
}

const SCENARIOS: [string, Scenario][] = [
  ['nothing configured', { files: {} }],
  [
    'user file over global file; [install] over [global] across files',
    {
      files: {
        'xdg/pip/pip.conf':
          '[global]\nindex-url = https://global.example/simple\nextra-index-url = https://g1.example/simple\n[install]\nfind-links = /g/links\n',
        'home/.config/pip/pip.conf':
          '[global]\nindex_url = https://user.example/simple\nfind-links =\n    /u/a\n    /u/b\n',
        'home/.pip/pip.conf': '[global]\npre = true\nindex-url = https://legacy.example/simple\n',
      },
    },
  ],
  [
    'PIP_CONFIG_FILE wins over the files and keeps the user file out',
    {
      files: {
        'xdg/pip/pip.conf': '[global]\nindex-url = https://global.example/simple\nprefer-binary = yes\n',
        'home/.config/pip/pip.conf': '[global]\nextra-index-url = https://user.example/simple\n',
        'env.conf':
          '# comment\n[global]\nindex-url = https://envfile.example/simple\n; other comment\n[install]\nonly-binary = :all:\n',
      },
      env: { PIP_CONFIG_FILE: '<root>/env.conf' },
    },
  ],
  [
    'PIP_* variables win over every file; lists split on whitespace',
    {
      files: {
        'home/.config/pip/pip.conf': '[global]\nindex-url = https://user.example/simple\nno-binary = lxml\n',
      },
      env: {
        PIP_INDEX_URL: 'https://var.example/simple',
        PIP_EXTRA_INDEX_URL: 'https://x1.example/simple https://x2.example/simple',
        PIP_FIND_LINKS: '/var/links',
        PIP_PRE: 'on',
        PIP_ONLY_BINARY: 'numpy,scipy',
      },
    },
  ],
  [
    '--isolated: no variables, no user file',
    {
      files: {
        'xdg/pip/pip.conf': '[global]\nextra-index-url = https://global.example/simple\n',
        'home/.config/pip/pip.conf': '[global]\nindex-url = https://user.example/simple\n',
      },
      env: { PIP_PRE: '1', PIP_INDEX_URL: 'https://var.example/simple' },
      isolated: true,
    },
  ],
  [
    'PIP_CONFIG_FILE=/dev/null reads no file; PIP_NO_INDEX',
    {
      files: { 'home/.config/pip/pip.conf': '[global]\nindex-url = https://user.example/simple\n' },
      env: { PIP_CONFIG_FILE: '/dev/null', PIP_NO_INDEX: 'true', PIP_FIND_LINKS: '/w' },
    },
  ],
  [
    'timeout: both spellings in files, [install] over [global]',
    {
      files: {
        'xdg/pip/pip.conf': '[global]\ntimeout = 60\n',
        'home/.config/pip/pip.conf': '[global]\ntimeout = 30\n[install]\ndefault-timeout = 2.5\n',
      },
    },
  ],
  [
    'timeout: PIP_DEFAULT_TIMEOUT over the files',
    {
      files: { 'home/.config/pip/pip.conf': '[global]\ndefault_timeout = 30\n' },
      env: { PIP_DEFAULT_TIMEOUT: '7' },
    },
  ],
  ['timeout: PIP_TIMEOUT', { files: {}, env: { PIP_TIMEOUT: '0.5' } }],
  // pip turns its cache off for any boolean, "false" included (its historical rule).
  [
    'no-cache-dir: PIP_NO_CACHE_DIR=false still turns the cache off',
    { files: {}, env: { PIP_NO_CACHE_DIR: 'false' } },
  ],
  [
    'no-cache-dir and progress-bar from a file',
    { files: { 'home/.config/pip/pip.conf': '[global]\nno-cache-dir = yes\nprogress-bar = off\n' } },
  ],
  // pip ignores an empty value (an unset CI secret): pip.conf's index stays in force.
  [
    'empty PIP_* variables are ignored, as pip does',
    {
      files: {
        'home/.config/pip/pip.conf':
          '[global]\nindex-url = https://private.example/simple\nextra-index-url = https://extra.example/simple\ntimeout = 9\n',
      },
      env: { PIP_INDEX_URL: '', PIP_EXTRA_INDEX_URL: '', PIP_NO_INDEX: '', PIP_TIMEOUT: '', PIP_PRE: '' },
    },
  ],
  [
    "an empty [install] key leaves [global]'s value; an empty key in a later file still resets it",
    {
      files: {
        'xdg/pip/pip.conf':
          '[global]\nindex-url = https://global.example/simple\nextra-index-url = https://g1.example/simple\n',
        'home/.config/pip/pip.conf': '[global]\nextra-index-url =\n[install]\nindex-url =\nfind-links =\n',
      },
    },
  ],
  [
    "pip's other long names of an option: pypi-url in a file, PIP_PYPI_URL over it (review 18b F4)",
    {
      files: { 'home/.config/pip/pip.conf': '[global]\npypi-url = https://alias.example/simple\n' },
    },
  ],
  [
    'PIP_PYPI_URL is --index-url (review 18b F4)',
    { files: {}, env: { PIP_PYPI_URL: 'https://alias-env.example/simple' } },
  ],
];

describe('pip configuration: the same answers as pip 23', () => {
  it.each(SCENARIOS)(
    '%s',
    async (name, scenario) => {
      const env = await setUp(name.replace(/\W+/g, '-'), scenario);
      const theirs = pipAnswer(env, scenario.isolated === true);
      expect(await ours(env, scenario.isolated === true)).toEqual(theirs);
    },
    60_000,
  );
});

describe('pip configuration: details', () => {
  const io = (
    env: Record<string, string>,
    files: Record<string, string> = {},
    platform: NodeJS.Platform = 'linux',
  ): PipConfigIo => ({
    env,
    platform,
    readFile: async (p) => files[p],
    isDirectory: async (p) => Object.keys(files).some((f) => f.startsWith(`${p}/`)),
  });

  it('pip settings that change the result and are not honoured are refused, never ignored; --no-dependencies is --no-deps (review 18b F2-F4)', async () => {
    const refusal = async (env: Record<string, string>, files: Record<string, string> = {}) =>
      refusedSetting(await readPipConfig(io({ HOME: '/h', ...env }, files)), 'resolve')?.message;
    expect(await refusal({ PIP_IGNORE_REQUIRES_PYTHON: '1' })).toMatch(
      /^PIP_IGNORE_REQUIRES_PYTHON: .*ignore-requires-python/,
    );
    expect(await refusal({ PIP_IGNORE_REQUIRES_PYTHON: 'false' })).toBeUndefined();
    expect(await refusal({ PIP_REQUIREMENT: 'req-g.txt' })).toMatch(/^PIP_REQUIREMENT: .*give them with -r/);
    expect(await refusal({}, { '/h/.config/pip/pip.conf': '[install]\nrequirement = req-g.txt\n' })).toMatch(
      /pip\.conf.*requirement/,
    );
    expect(await refusal({ PIP_ALL_RELEASES: ':all:' })).toMatch(/all-releases/);
    expect(await refusal({ PIP_EDITABLE: '.' })).toMatch(/editable/);
    expect((await readPipConfig(io({ HOME: '/h', PIP_NO_DEPENDENCIES: '1' }))).noDeps?.value).toBe(true);
  });

  it("HOME unset: the user files are the password database's home (as pip's expanduser), never the working directory's", async () => {
    // pip: os.path.expanduser('~') falls back to the passwd entry; fsPipConfigIo passes os.homedir().
    const viaFs = fsPipConfigIo({}, false, { readFile, stat }, '/pw/home');
    expect(await pipConfigFiles({ ...viaFs, platform: 'linux' })).toEqual([
      '/etc/xdg/pip/pip.conf',
      '/etc/pip.conf',
      '/pw/home/.pip/pip.conf',
      '/pw/home/.config/pip/pip.conf',
    ]);
    // No home at all (or a relative one): no user files rather than `.pip/pip.conf` of the cwd.
    for (const homedir of [undefined, '', 'relative/home']) {
      const files = await pipConfigFiles({ ...io({}), homedir });
      expect(files).toEqual(['/etc/xdg/pip/pip.conf', '/etc/pip.conf']);
    }
  });

  it('a configuration file that is a FIFO is an error naming it, not a hang', async () => {
    const fifo = join(dir, 'fifo.conf');
    execFileSync('mkfifo', [fifo]);
    const fsIo = fsPipConfigIo({ PIP_CONFIG_FILE: fifo, HOME: join(dir, 'nohome') }, false, {
      readFile,
      stat,
    });
    await expect(readPipConfig({ ...fsIo, platform: 'linux' })).rejects.toThrow(
      `${fifo}: pip configuration file is not a regular file`,
    );
  });

  it('the site file is $VIRTUAL_ENV/pip.conf, after the user file; per-OS locations', async () => {
    expect(await pipConfigFiles(io({ HOME: '/h', VIRTUAL_ENV: '/v' }))).toEqual([
      '/etc/xdg/pip/pip.conf',
      '/etc/pip.conf',
      '/h/.pip/pip.conf',
      '/h/.config/pip/pip.conf',
      '/v/pip.conf',
    ]);
    expect(
      await pipConfigFiles(
        io({ HOME: '/h' }, { '/h/Library/Application Support/pip/pip.conf': '' }, 'darwin'),
      ),
    ).toEqual([
      '/Library/Application Support/pip/pip.conf',
      '/h/.pip/pip.conf',
      '/h/Library/Application Support/pip/pip.conf',
    ]);
    expect(
      await pipConfigFiles(
        io(
          {
            USERPROFILE: 'C:\\Users\\me',
            APPDATA: 'C:\\Users\\me\\AppData\\Roaming',
            PROGRAMDATA: 'C:\\ProgramData',
          },
          {},
          'win32',
        ),
      ),
    ).toEqual([
      'C:\\ProgramData\\pip\\pip.ini',
      'C:\\Users\\me\\pip\\pip.ini',
      'C:\\Users\\me\\AppData\\Roaming\\pip\\pip.ini',
    ]);
  });

  it('names where each value came from; bad values are errors naming the file or variable', async () => {
    const cfg = await readPipConfig(
      io(
        { HOME: '/h', PIP_EXTRA_INDEX_URL: 'https://x/simple' },
        { '/h/.config/pip/pip.conf': '[install]\nindex-url = https://u/simple\n' },
      ),
    );
    expect(cfg.indexUrl).toEqual({
      value: 'https://u/simple',
      source: '/h/.config/pip/pip.conf [install] index-url',
    });
    expect(cfg.extraIndexUrls).toEqual({ value: ['https://x/simple'], source: 'PIP_EXTRA_INDEX_URL' });
    const f = effectiveFinder(defaultOptions(), {}, cfg);
    expect(f.indexSource).toBe('/h/.config/pip/pip.conf [install] index-url');
    expect(effectiveFinder(defaultOptions(), { indexUrl: 'https://cli/simple' }, cfg).indexUrls).toEqual([
      'https://cli/simple',
      'https://x/simple',
    ]);
    await expect(readPipConfig(io({ PIP_PRE: 'maybe' }))).rejects.toThrow(
      'PIP_PRE: "maybe" is not a valid value',
    );
    await expect(
      readPipConfig(io({ HOME: '/h' }, { '/h/.config/pip/pip.conf': '[global]\njunk\n' })),
    ).rejects.toThrow('/h/.config/pip/pip.conf:2: pip configuration file: expected [section] or key = value');
    expect(() =>
      effectiveFinder(
        defaultOptions(),
        {},
        { files: [], indexUrl: { value: 'ftp://x', source: 'PIP_INDEX_URL' } },
      ),
    ).toThrow('PIP_INDEX_URL "ftp://x" is not an http(s) or file URL');
    await expect(readPipConfig(io({ PIP_TIMEOUT: 'soon' }))).rejects.toThrow(
      'PIP_TIMEOUT: "soon" is not a positive number of seconds',
    );
    await expect(readPipConfig(io({ PIP_TIMEOUT: '0' }))).rejects.toThrow(
      'PIP_TIMEOUT: "0" is not a positive number of seconds',
    );
    await expect(readPipConfig(io({ PIP_NO_CACHE_DIR: 'maybe' }))).rejects.toThrow(
      'PIP_NO_CACHE_DIR: "maybe" is not a valid value',
    );
    await expect(readPipConfig(io({ PIP_PROGRESS_BAR: 'fancy' }))).rejects.toThrow(
      'PIP_PROGRESS_BAR: "fancy" is not one of on, off, raw',
    );
  });

  it("pip's timeout is the wait for a response to start: command line, then WHEELHOUSE_HTTP_HEADERS_TIMEOUT, then pip's configuration", async () => {
    const cfg = await readPipConfig(io({ PIP_DEFAULT_TIMEOUT: '42' }));
    expect(cfg.timeoutSec).toEqual({ value: 42, source: 'PIP_DEFAULT_TIMEOUT' });
    expect(pipNetworkOptions({ pipConfig: cfg, env: {} })).toEqual({ headersTimeoutMs: 42_000 });
    expect(pipNetworkOptions({ timeoutSec: 1.5, pipConfig: cfg, env: {} })).toEqual({
      headersTimeoutMs: 1500,
    });
    // The variable is read by the HTTP client itself: nothing here overrides it.
    expect(pipNetworkOptions({ pipConfig: cfg, env: { WHEELHOUSE_HTTP_HEADERS_TIMEOUT: '3' } })).toEqual({});
    expect(pipNetworkOptions({ pipConfig: { files: [] }, env: {} })).toEqual({});
  });

  it("pip's cert and client-cert (for the build frontend, which reads no file itself): files, then PIP_CERT; not under --isolated", async () => {
    const files = {
      '/etc/pip.conf': '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n',
      '/h/.config/pip/pip.conf': '[install]\nclient-cert = /h/client.pem\n',
    };
    const cfg = await readPipConfig(io({ HOME: '/h' }, files));
    expect(cfg.cert).toEqual({
      value: '/etc/ssl/certs/ca-certificates.crt',
      source: '/etc/pip.conf [global] cert',
    });
    expect(cfg.clientCert).toEqual({
      value: '/h/client.pem',
      source: '/h/.config/pip/pip.conf [install] client-cert',
    });
    expect(frontendTls({ pipConfig: cfg })).toEqual({
      cert: '/etc/ssl/certs/ca-certificates.crt',
      clientCert: '/h/client.pem',
    });
    const fromEnv = await readPipConfig(io({ HOME: '/h', PIP_CERT: '/job/ca.pem' }, files));
    expect(fromEnv.cert).toEqual({ value: '/job/ca.pem', source: 'PIP_CERT' });
    const isolated = await readPipConfig({
      ...io({ HOME: '/h', PIP_CERT: '/job/ca.pem' }, files),
      isolated: true,
    });
    expect(frontendTls({ pipConfig: isolated })).toEqual({ cert: '/etc/ssl/certs/ca-certificates.crt' });
  });

  it('parseIni: continuation lines, both separators, comments, keys lower-cased', () => {
    const doc = parseIni('[global]\nIndex-URL: a\nextra =\n  b\n  c\n# x\n[install]\npre=1\n');
    expect([...doc.entries()].map(([k, v]) => [k, Object.fromEntries(v)])).toEqual([
      ['global', { 'index-url': 'a', extra: '\nb\nc' }], // configparser's own answer
      ['install', { pre: '1' }],
    ]);
  });
});
