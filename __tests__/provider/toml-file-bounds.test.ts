/**
 * Review 18a F8: a TOML input (uv.lock, pylock.toml, pyproject.toml) under the 64 MiB input bound
 * took 1–2.4 GB RSS to parse. Now a TOML input is bounded by its structural tokens
 * (TOML_MAX_TOKENS) and bytes (TOML_INPUT_BYTES): the costliest shape measured (one table of
 * keys) at the limit stays well under the principle's 300 MB, measured in a child process; past
 * the limit the file is refused naming it and the limit.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  parseTomlText,
  TOML_INPUT_BYTES,
  TOML_MAX_TOKENS,
  TomlFileError,
  tomlTokenCount,
} from '../../src/provider/toml-file.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'wh-toml-bounds-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One table of `n` keys (`k0=1` …) after the lock-version line: n + 1 tokens. */
function keys(n: number): string {
  const lines = ['lock-version = "1.0"'];
  for (let i = 0; i < n; i++) lines.push(`k${i}=1`);
  return lines.join('\n') + '\n';
}

describe('TOML inputs are bounded (review 18a F8)', () => {
  it('counts tokens outside strings and comments only', () => {
    expect(tomlTokenCount('a = "x=y,{[." # = , { [\nb.c = [1, 2]\n')).toBe(5);
    expect(tomlTokenCount('a = \'\'\'\n=,=\n\'\'\' \nb = """x\\"""="""\nc = \'q\' ')).toBe(3);
    expect(tomlTokenCount('a = "\\\\" \nb = 1')).toBe(2);
  });

  it('past TOML_MAX_TOKENS: refused, naming the file and the limit', () => {
    const parse = () => parseTomlText('x/pylock.toml', keys(TOML_MAX_TOKENS));
    expect(parse).toThrow(TomlFileError);
    expect(parse).toThrow(`x/pylock.toml: more than ${TOML_MAX_TOKENS} TOML keys, tables and values`);
    expect(Object.keys(parseTomlText('x/pylock.toml', keys(TOML_MAX_TOKENS - 1)))).toHaveLength(
      TOML_MAX_TOKENS,
    );
  });

  it('at the limit, the costliest shape measured grows RSS by less than 250 MB (child process)', () => {
    const file = join(work, 'at-limit.toml');
    writeFileSync(file, keys(TOML_MAX_TOKENS - 1));
    const child = join(work, 'child.mjs');
    writeFileSync(
      child,
      [
        "import { readFileSync } from 'node:fs';",
        `import { parseTomlText } from ${JSON.stringify(join(ROOT, 'src', 'provider', 'toml-file.ts'))};`,
        'const text = readFileSync(process.argv[2], "utf8");',
        'globalThis.gc?.();',
        'const before = process.resourceUsage().maxRSS;',
        'const doc = parseTomlText("at-limit.toml", text);',
        'const after = process.resourceUsage().maxRSS;',
        'console.log(JSON.stringify({ keys: Object.keys(doc).length, growthKB: after - before, maxKB: after }));',
      ].join('\n'),
    );
    const got = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', join(ROOT, 'bench', 'register-swc.mjs'), child, file],
      { encoding: 'utf8' },
    );
    expect(got.stderr).toBe('');
    const r = JSON.parse(got.stdout) as { keys: number; growthKB: number; maxKB: number };
    expect(r.keys).toBe(TOML_MAX_TOKENS);
    expect(r.growthKB).toBeLessThan(250 * 1024);
  });

  const corpus = '/work/shared/corpora/locks';
  (existsSync(corpus) ? it : it.skip)(
    'real uv.lock files fit with room (a fifth of the limit or less)',
    () => {
      for (const f of readdirSync(corpus).filter((n) => n.endsWith('.lock'))) {
        const text = readFileSync(join(corpus, f), 'utf8');
        expect(tomlTokenCount(text)).toBeLessThan(TOML_MAX_TOKENS / 4);
        expect(text.length).toBeLessThan(TOML_INPUT_BYTES / 4);
      }
    },
  );

  it('a TOML input past TOML_INPUT_BYTES: the CLI refuses it naming the file and the limit', async () => {
    const dir = join(work, 'big');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pylock.toml'), `lock-version = "1.0"\nx = "${'a'.repeat(TOML_INPUT_BYTES)}"\n`);
    const got = await runCliCaptured(['resolve', '-r', 'pylock.toml', '--python-version', '3.11'], {
      env: { HOME: dir, PIP_CONFIG_FILE: '/dev/null' },
      cwd: dir,
    } as never);
    expect(got.code).toBe(2);
    expect(got.stderr).toContain(`pylock.toml: larger than ${TOML_INPUT_BYTES} bytes`);
  });
});
