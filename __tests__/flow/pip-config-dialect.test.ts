/**
 * pip.conf read as pip 23.2 reads it (review 15a F4, F6, F19): Python's configparser dialect
 * (src/util/ini.ts: a header followed by a comment, keys indented alike, [DEFAULT]), which files
 * PIP_CONFIG_FILE selects (any existing path, a directory too, skips the user files — pip's
 * os.path.exists; only the platform's os.devnull loads none), and a pip.conf that is a symlink loop
 * (pip: not there). Every expectation is asked of the real pip first.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsPipConfigIo, readPipConfig } from '../../src/flow/pip-config.js';

const ASK = [
  'import json',
  'from pip._internal.commands import create_command',
  "o, _ = create_command('install').parse_args([])",
  "print(json.dumps({'index': o.index_url, 'extra': o.extra_index_urls}))",
].join('\n');

/** pip's index and extra indexes under `env` alone (no variable of this machine). */
function pipIndexes(env: Record<string, string>): { index: string; extra: string[] } {
  const out = execFileSync('python3', ['-c', ASK], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { index: string; extra: string[] };
}

/** wheelhouse's answer from the real files under `env`. */
async function ours(env: Record<string, string>): Promise<{ index: string; extra: string[] }> {
  const c = await readPipConfig(fsPipConfigIo(env, false, { readFile, stat }, env['HOME']));
  return { index: c.indexUrl?.value ?? 'https://pypi.org/simple', extra: c.extraIndexUrls?.value ?? [] };
}

function withHome<T>(run: (home: string) => Promise<T>): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'fix15a-f4-'));
  return run(home).finally(() => rmSync(home, { recursive: true, force: true }));
}

describe("pip.conf in configparser's dialect (F4)", () => {
  it.each([
    [
      'a comment after the section header',
      '[global]  # company index\nindex-url = https://a.example/simple\n',
    ],
    [
      'keys indented alike are two keys',
      '[global]\n  index-url = https://a.example/simple\n  extra-index-url = https://b.example/simple\n',
    ],
    [
      '[DEFAULT] applies to [global]',
      '[DEFAULT]\nindex-url = https://d.example/simple\n[global]\ntimeout = 5\n',
    ],
    [
      'a deeper-indented line continues the value, a blank line inside too',
      '[global]\nextra-index-url = https://b.example/simple\n\n    https://c.example/simple\nindex-url=https://a.example/simple\n',
    ],
  ])('%s: the same indexes as pip', (_name, conf) =>
    withHome(async (home) => {
      const file = join(home, 'pip.conf');
      writeFileSync(file, conf);
      const env = { HOME: home, XDG_CONFIG_DIRS: home, PIP_CONFIG_FILE: file };
      const pip = pipIndexes(env);
      expect(pip.index).not.toBe('https://pypi.org/simple');
      expect(await ours(env)).toEqual(pip);
    }),
  );
});

describe('which files PIP_CONFIG_FILE selects (F6)', () => {
  it('a directory named by PIP_CONFIG_FILE exists for pip: the user files are skipped', () =>
    withHome(async (home) => {
      mkdirSync(join(home, '.config', 'pip'), { recursive: true });
      writeFileSync(
        join(home, '.config', 'pip', 'pip.conf'),
        '[global]\nindex-url = https://user.example/simple\n',
      );
      mkdirSync(join(home, 'confdir'));
      const env = { HOME: home, XDG_CONFIG_DIRS: join(home, 'none'), PIP_CONFIG_FILE: join(home, 'confdir') };
      const pip = pipIndexes(env);
      expect(pip.index).toBe('https://pypi.org/simple');
      expect(await ours(env)).toEqual(pip);
    }));

  it('PIP_CONFIG_FILE=nul on Linux is no null device: the user file is read', () =>
    withHome(async (home) => {
      mkdirSync(join(home, '.config', 'pip'), { recursive: true });
      writeFileSync(
        join(home, '.config', 'pip', 'pip.conf'),
        '[global]\nindex-url = https://user.example/simple\n',
      );
      const env = { HOME: home, XDG_CONFIG_DIRS: join(home, 'none'), PIP_CONFIG_FILE: 'nul' };
      const pip = pipIndexes(env);
      expect(pip.index).toBe('https://user.example/simple');
      expect(await ours(env)).toEqual(pip);
    }));
});

describe('a pip.conf that is a symlink loop (F19)', () => {
  it('is not there, as for pip: the run goes on with the other files', () =>
    withHome(async (home) => {
      mkdirSync(join(home, '.config', 'pip'), { recursive: true });
      symlinkSync('pip.conf', join(home, '.config', 'pip', 'pip.conf'));
      mkdirSync(join(home, '.pip'));
      writeFileSync(join(home, '.pip', 'pip.conf'), '[global]\nindex-url = https://legacy.example/simple\n');
      const env = { HOME: home, XDG_CONFIG_DIRS: join(home, 'none') };
      const pip = pipIndexes(env);
      expect(pip.index).toBe('https://legacy.example/simple');
      expect(await ours(env)).toEqual(pip);
    }));
});
