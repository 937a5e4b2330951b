/**
 * A requirement's build options reach pip through a private requirements file, never its command
 * line (other users read /proc/<pid>/cmdline; a value may be a `${VAR}`-expanded secret): the line
 * pip-source-args.ts writes reads back, through pip 23.2's own requirements-file parser, as exactly
 * the options given — `${NAME}`, ` #`, quotes, backslashes and non-ASCII included — and a real
 * `pip wheel` / `pip install --dry-run` hands a PEP 517 backend the config settings while no process
 * from pip down to the backend has the value in its arguments. pip's configuration isolated.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildWheel, pipBuildArgs } from '../../src/build/build-wheel.js';
import { frontendEnv } from '../../src/build/frontend-env.js';
import type { PipFrontend } from '../../src/build/pip-frontend.js';
import { escapedWord, pipSourceArgs } from '../../src/build/pip-source-args.js';
import { redactText, registerSecret, runSecrets } from '../../src/index/redact.js';
import { prepareMetadata } from '../../src/build/prepare-metadata.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { isolatedPipEnv } from '../helpers/setuptools-sdists.js';

const hasPip =
  spawnSync('python3', ['-c', 'import pip._internal.req.req_file'], { encoding: 'utf8' }).status === 0;
const maybe = hasPip && process.platform === 'linux' ? describe : describe.skip;

// What a `${VAR}`-expanded secret may hold: pip's own preprocessing must not touch any of it.
const SECRET = `Sekr3t-\${SECRETVAR} #not-a-comment 'q' "dq" back\\slash\ttab é😀 $HOME end\\`;
// Values ending in white space pip's strip() would take (review 4 s12: the line then ended in a
// lone backslash and pip refused the file).
const TRAILING = ['tok ', 'tok\t', 'tok\u00a0', 'tok\u001f', 'tok\u3000', ' lead', "it's ", ' '];

const ROOT = resolve(import.meta.dirname, '..', '..');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-pip-source-args-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

maybe('the private requirements file', () => {
  it("reads back through pip 23.2's parser as exactly the options given", async () => {
    const options = pipBuildArgs({
      configSettings: [
        `token=${SECRET}`,
        'plain=1',
        'dup=a',
        'dup=b',
        ...TRAILING.map((v, i) => `t${i}=${v}`),
      ],
      globalOptions: ['--verbose', SECRET, ...TRAILING],
    });
    const source = join(work, 'my dir #1', 'pkgx-1.0.tar.gz');
    const named = await pipSourceArgs(source, options);
    expect(named.args[0]).toBe('-r');
    const file = named.args[1]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    const script = [
      'import json, sys',
      'from pip._internal.network.session import PipSession',
      'from pip._internal.req.req_file import parse_requirements',
      'from pip._internal.utils.urls import url_to_path',
      'out = []',
      'for r in parse_requirements(sys.argv[1], session=PipSession()):',
      '    out.append([url_to_path(r.requirement), r.options])',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, file], {
      encoding: 'utf8',
      // SECRETVAR is set: pip would expand `${SECRETVAR}` if the file left it as written.
      env: { ...isolatedPipEnv(), SECRETVAR: 'EXPANDED', LC_ALL: 'C', LANG: 'C' },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      [
        source,
        {
          config_settings: {
            token: SECRET,
            plain: '1',
            dup: ['a', 'b'],
            ...Object.fromEntries(TRAILING.map((v, i) => [`t${i}`, v])),
          },
          global_options: ['--verbose', SECRET, ...TRAILING],
        },
      ],
    ]);
    await named.dispose();
    expect(() => statSync(join(file, '..'))).toThrow();
  });

  it('registers the escaped form of every secret, which pip quotes back in its errors (review 4 s12)', async () => {
    runSecrets.clear();
    registerSecret('Sekr3t!token$x y');
    const named = await pipSourceArgs(join(work, 'pkgy-1.0.tar.gz'), [
      '--config-settings=k=Sekr3t!token$x y',
    ]);
    const line = readFileSync(named.args[1]!, 'utf8');
    expect(line).toContain(escapedWord('Sekr3t!token$x y'));
    expect(redactText(`ERROR: Invalid requirement: ${line}`)).not.toContain('Sekr3t');
    await named.dispose();
  });

  it('escapes each secret once, however many builds the run makes (review 6 s12)', async () => {
    runSecrets.clear();
    registerSecret('tok$en!x');
    for (let i = 0; i < 20; i++) {
      const named = await pipSourceArgs(join(work, `pkg${i}-1.0.tar.gz`), ['--config-settings=k=tok$en!x']);
      await named.dispose();
    }
    const forms = runSecrets.snapshot();
    expect(forms.length).toBeLessThan(10);
    expect(Math.max(...forms.map((f) => f.length))).toBeLessThan(40);
    expect(redactText('pip said: tok\\$en\\!x and tok$en!x')).toBe('pip said: *** and ***');
  });

  it('is removed when the process exits before pip is done (an interrupted run)', () => {
    const script = [
      `import { pipSourceArgs } from ${JSON.stringify(join(ROOT, 'src', 'build', 'pip-source-args.ts'))};`,
      "const named = await pipSourceArgs('/x/p-1.tar.gz', ['--config-settings=k=v']);",
      'console.log(named.args[1]);',
      'process.exit(130);',
    ].join('\n');
    const run = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'bench', 'register-swc.mjs'), '--input-type=module', '-e', script],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    expect(run.status).toBe(130);
    const file = run.stdout.trim();
    expect(file).toMatch(/wheelhouse-pip-options-.*requirement\.txt$/);
    expect(() => statSync(join(file, '..'))).toThrow();
  });

  it('is not used without options, nor for a value holding a line break (then the command line, as before)', async () => {
    expect((await pipSourceArgs('/x/p-1.tar.gz', [])).args).toEqual(['/x/p-1.tar.gz']);
    expect((await pipSourceArgs('/x/p-1.tar.gz', ['--config-settings=k=a\nb'])).args).toEqual([
      '--config-settings=k=a\nb',
      '/x/p-1.tar.gz',
    ]);
  });
});

// A PEP 517 backend that writes down the config settings it got and the arguments of every process
// from itself up to pid 1.
const BACKEND = (out: string) =>
  [
    'import json, os',
    'def _record(hook, config_settings):',
    '    chain, pid = [], os.getpid()',
    '    while pid > 1:',
    "        chain.append(open(f'/proc/{pid}/cmdline', 'rb').read().decode('utf-8', 'replace'))",
    "        pid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])",
    `    with open(${JSON.stringify(out)}, 'a') as f: f.write(json.dumps({'hook': hook, 'settings': config_settings, 'argv': chain}) + '\\n')`,
    'def get_requires_for_build_wheel(config_settings=None): return []',
    'def prepare_metadata_for_build_wheel(d, config_settings=None):',
    "    _record('metadata', config_settings)",
    "    os.mkdir(os.path.join(d, 'pkgx-1.0.dist-info'))",
    "    open(os.path.join(d, 'pkgx-1.0.dist-info', 'METADATA'), 'w').write('Metadata-Version: 2.1\\nName: pkgx\\nVersion: 1.0\\n')",
    "    return 'pkgx-1.0.dist-info'",
    'def build_wheel(d, config_settings=None, metadata_directory=None):',
    "    _record('wheel', config_settings)",
    '    import zipfile',
    "    name = 'pkgx-1.0-py3-none-any.whl'",
    '    with zipfile.ZipFile(os.path.join(d, name), "w") as z:',
    "        z.writestr('pkgx-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: pkgx\\nVersion: 1.0\\n')",
    "        z.writestr('pkgx-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')",
    "        z.writestr('pkgx-1.0.dist-info/RECORD', '')",
    '    return name',
    '',
  ].join('\n');

maybe('a real pip build with a secret config setting', () => {
  it('gives the backend the setting; no process from pip to the backend has it in its arguments', async () => {
    const src = join(work, 'src', 'pkgx-1.0');
    mkdirSync(src, { recursive: true });
    const record = join(work, 'record.jsonl');
    writeFileSync(join(src, 'PKG-INFO'), 'Metadata-Version: 2.1\nName: pkgx\nVersion: 1.0\n');
    writeFileSync(
      join(src, 'pyproject.toml'),
      '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n',
    );
    writeFileSync(join(src, 'backend.py'), BACKEND(record));
    const sdist = join(work, 'pkgx-1.0.tar.gz');
    execFileSync('tar', ['-czf', sdist, '-C', join(work, 'src'), 'pkgx-1.0']);
    const frontend: PipFrontend = {
      python: 'python3',
      env: frontendEnv({ ...isolatedPipEnv(), SECRETVAR: 'EXPANDED' }, { indexUrls: [], findLinks: [] }),
      cwd: work,
    };
    const pipOptions = pipBuildArgs({ configSettings: [`token=${SECRET}`], globalOptions: [] });
    const prepared = await prepareMetadata(frontend, sdist, { label: 'pkgx-1.0.tar.gz', pipOptions });
    expect(prepared.name).toBe('pkgx');
    const built = await buildWheel(frontend, sdist, {
      label: 'pkgx-1.0.tar.gz',
      project: 'pkgx' as NormalizedName,
      version: '1.0',
      workDir: work,
      pipOptions,
    });
    expect(built.filename).toBe('pkgx-1.0-py3-none-any.whl');
    const seen = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hook: string; settings: unknown; argv: string[] });
    // pip wheel prepares the metadata too before building.
    expect(seen.map((s) => s.hook)).toEqual(['metadata', 'metadata', 'wheel']);
    for (const s of seen) {
      expect(s.settings).toEqual({ token: SECRET });
      // The chain reaches pip itself (`-m pip …`), and none of it holds the value.
      expect(s.argv.some((a) => a.includes('pip\u0000'))).toBe(true);
      for (const a of s.argv) expect(a).not.toContain('Sekr3t');
    }
  }, 240_000);
});
