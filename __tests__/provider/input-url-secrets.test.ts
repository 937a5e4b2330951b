/**
 * A path token (or query value) in a URL written in an input file is a secret of the run before
 * anything parses the file: a bad requirements line is shown in its error with the token masked,
 * and a pyproject.toml's direct URL is masked like a requirements file's (review 1 s11 #2, #14).
 * Driven through the CLI; nothing is fetched from a real host (port 9 refuses at once).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { redactText, runSecrets } from '../../src/index/redact.js';
import { readRequirementInputs } from '../../src/provider/requirement-inputs.js';
import { redactCredentials } from '../../src/standards/requirements-file-problem.js';

// looksLikeToken(TOKEN): a path segment the run treats as a secret.
const TOKEN = 'AbCd1234SeCrEt5678';
const dirs: string[] = [];
function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wh-url-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function resolve(input: string): Promise<{ code: number; stderr: string }> {
  runSecrets.clear();
  return runCliCaptured(['resolve', '-r', input, '--retries', '0'], {
    env: { PATH: process.env['PATH'], PIP_CONFIG_FILE: '/dev/null' },
    cwd: dirname(input),
  });
}

describe('URL secrets of input files are registered before the files are parsed', () => {
  it('an index line with an unclosed quote: the error shows the line, the token masked', async () => {
    const req = join(workDir(), 'requirements.txt');
    writeFileSync(req, `--extra-index-url "https://pkgs.example.com/${TOKEN}/simple/\nsix\n`);
    const run = await resolve(req);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('requirements.txt:1');
    expect(run.stderr).not.toContain(TOKEN);
  });

  it('a URL requirement with a bad marker: path token and query value masked', async () => {
    const req = join(workDir(), 'requirements.txt');
    writeFileSync(
      req,
      `pkg @ https://files.example.com/${TOKEN}/pkg-1.0.tar.gz?sig=QuerySecretValue1 ; python_version >>> "3"\n`,
    );
    const run = await resolve(req);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('requirements.txt:1');
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).not.toContain('QuerySecretValue1');
  });

  it("a pyproject.toml's direct URL that cannot be fetched: the error names it, the token masked", async () => {
    const dir = workDir();
    writeFileSync(
      join(dir, 'pyproject.toml'),
      `[project]\nname = "app"\nversion = "1"\ndependencies = ["pkg @ http://127.0.0.1:9/${TOKEN}/pkg-1.0-py3-none-any.whl"]\n`,
    );
    const run = await resolve(join(dir, 'pyproject.toml'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('127.0.0.1:9');
    expect(run.stderr).not.toContain(TOKEN);
  }, 60_000);
});

describe('what is registered, and at what cost', () => {
  it("a comment's URL is not a secret (it would mask a public URL in the outputs); a bad line's is", async () => {
    const dir = workDir();
    const req = join(dir, 'requirements.txt');
    writeFileSync(req, '# mirror of https://files.example.com/packages/ab12cd34ef56/six.whl\nsix\n');
    runSecrets.clear();
    await readRequirementInputs([req], [], { readFile: (p) => readFile(p, 'utf8') });
    expect(runSecrets.includes('ab12cd34ef56')).toBe(false);
    writeFileSync(req, `six @ https://files.example.com/${TOKEN}/six.whl ; python_version >>> "3"\n`);
    await expect(
      readRequirementInputs([req], [], { readFile: (p) => readFile(p, 'utf8') }),
    ).rejects.toThrow();
    expect(runSecrets.includes(TOKEN)).toBe(true);
  });

  it('a megabyte run of scheme-like characters is read and redacted in linear time (was quadratic: minutes)', async () => {
    const run = 'a.'.repeat(512 * 1024);
    expect(redactText(`x ${run} y`)).toBe(`x ${run} y`);
    expect(redactCredentials(run)).toBe(run);
    expect(redactText(`see -https://u:pw@host.example/${TOKEN}/x`)).not.toContain('pw@');
    const dir = workDir();
    const req = join(dir, 'requirements.txt');
    writeFileSync(req, `six\n${run}\n`);
    runSecrets.clear();
    await expect(readRequirementInputs([req], [], { readFile: (p) => readFile(p, 'utf8') })).rejects.toThrow(
      'requirements.txt:2',
    );
  }, 30_000);
});
