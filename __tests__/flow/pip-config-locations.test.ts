/**
 * Where pip's configuration files are (src/flow/pip-config.ts `pipConfigFiles`): the per-user
 * files on Windows and macOS as pip 23.2 / 26 find them (review 15a F14: pip's
 * utils/appdirs.py and configuration.py), and the site file of the target interpreter, checked
 * against the real pip running as a virtual environment's interpreter (review 15a F6).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fsPipConfigIo, pipConfigFiles, readPipConfig, type PipConfigIo } from '../../src/flow/pip-config.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';

const io = (
  env: Record<string, string>,
  platform: NodeJS.Platform,
  dirs: string[] = [],
  extra: Partial<PipConfigIo> = {},
): PipConfigIo => ({
  env,
  platform,
  readFile: async () => undefined,
  isDirectory: async (p) => dirs.includes(p),
  ...extra,
});

describe('user configuration files per OS (review 15a F14)', () => {
  it("Windows: %USERPROFILE%\\pip\\pip.ini (Python's expanduser ignores HOME there), then %APPDATA%\\pip\\pip.ini", async () => {
    const env = {
      USERPROFILE: 'C:\\Users\\me',
      HOME: 'C:\\msys\\home\\me',
      APPDATA: 'C:\\Users\\me\\AppData\\Roaming',
      PROGRAMDATA: 'C:\\ProgramData',
    };
    expect(await pipConfigFiles(io(env, 'win32'))).toEqual([
      'C:\\ProgramData\\pip\\pip.ini',
      'C:\\Users\\me\\pip\\pip.ini',
      'C:\\Users\\me\\AppData\\Roaming\\pip\\pip.ini',
    ]);
  });

  it('Windows without USERPROFILE: HOMEDRIVE + HOMEPATH; without APPDATA: the roaming folder under the home', async () => {
    expect(await pipConfigFiles(io({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\me' }, 'win32'))).toEqual([
      'C:\\ProgramData\\pip\\pip.ini',
      'D:\\Users\\me\\pip\\pip.ini',
      'D:\\Users\\me\\AppData\\Roaming\\pip\\pip.ini',
    ]);
  });

  it('macOS: ~/Library/Application Support/pip when it exists, else ~/.config/pip (XDG_CONFIG_HOME is not read)', async () => {
    const env = { HOME: '/Users/me', XDG_CONFIG_HOME: '/elsewhere' };
    expect(await pipConfigFiles(io(env, 'darwin'))).toEqual([
      '/Library/Application Support/pip/pip.conf',
      '/Users/me/.pip/pip.conf',
      '/Users/me/.config/pip/pip.conf',
    ]);
    expect(await pipConfigFiles(io(env, 'darwin', ['/Users/me/Library/Application Support/pip']))).toEqual([
      '/Library/Application Support/pip/pip.conf',
      '/Users/me/.pip/pip.conf',
      '/Users/me/Library/Application Support/pip/pip.conf',
    ]);
  });

  it('the site file: the target prefix when known (over VIRTUAL_ENV), after the user files, before PIP_CONFIG_FILE', async () => {
    const env = { HOME: '/h', VIRTUAL_ENV: '/v', PIP_CONFIG_FILE: '/cfg/pip.conf' };
    expect(await pipConfigFiles(io(env, 'linux', [], { sitePrefix: '/target' }))).toEqual([
      '/etc/xdg/pip/pip.conf',
      '/etc/pip.conf',
      '/h/.pip/pip.conf',
      '/h/.config/pip/pip.conf',
      '/target/pip.conf',
      '/cfg/pip.conf',
    ]);
  });
});

describe("the target interpreter's site pip.conf, as the real pip reads it (review 15a F6)", () => {
  let dir: string;
  let venv: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-pipconf-site-'));
    venv = makeVenv(join(dir, 'venv'), { withoutPip: true });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a venv pip.conf sets the index even when the venv is not activated (no VIRTUAL_ENV)', async () => {
    if (venv === undefined) throw new Error('python3 -m venv is needed');
    await writeFile(join(venv, 'pip.conf'), '[global]\nindex-url = https://site.example/simple\n');
    const env = {
      HOME: join(dir, 'home'),
      XDG_CONFIG_DIRS: join(dir, 'xdg'),
      PATH: process.env['PATH'] ?? '',
    };
    // pip itself, run as the venv's interpreter (pip imported from the machine's installation).
    const pipDir = dirname(
      execFileSync('python3', ['-c', 'import pip, os; print(os.path.dirname(pip.__file__))'], {
        encoding: 'utf8',
      }).trim(),
    );
    const theirs = execFileSync(
      venvPython(venv),
      [
        '-c',
        "from pip._internal.commands import create_command\no, _ = create_command('install').parse_args([])\nprint(o.index_url)",
      ],
      { encoding: 'utf8', env: { ...env, PYTHONPATH: pipDir } },
    ).trim();
    expect(theirs).toBe('https://site.example/simple');
    // Ours: the probe's sys.prefix names the site file; files outside the temporary directory
    // (the machine's /etc/pip.conf) are not read.
    const probed = await probeInterpreter(venvPython(venv), { env });
    const inside = (p: string) => p.startsWith(dir);
    const missing = () => Promise.reject(Object.assign(new Error('outside'), { code: 'ENOENT' }));
    const fsIo = fsPipConfigIo(env, false, {
      readFile: (p, enc) => (inside(p) ? readFile(p, enc) : missing()),
      stat: (p) => (inside(p) ? stat(p) : missing()),
    });
    const config = await readPipConfig({ ...fsIo, platform: 'linux', sitePrefix: probed.prefix });
    expect(config.indexUrl?.value).toBe(theirs);
    expect(config.indexUrl?.source).toBe(`${join(venv, 'pip.conf')} [global] index-url`);
  }, 120_000);
});
