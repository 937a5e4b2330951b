import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  absoluteGlobBase,
  expandRequirementPatterns,
  RequirementsGlobError,
} from '../../src/action/globs.js';
import { ActionInputError, listInput, parseInputs } from '../../src/action/inputs.js';
import { runSecrets } from '../../src/index/redact.js';

let ws: string;

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'wh-inputs-'));
  for (const f of [
    'requirements.txt',
    'reqs/a.txt',
    'reqs/b.txt',
    'reqs/sub/c.txt',
    'reqs/.hidden/d.txt',
    'node_modules/x/requirements.txt',
  ]) {
    await mkdir(join(ws, f, '..'), { recursive: true });
    await writeFile(join(ws, f), 'x\n');
  }
});

describe('requirements patterns', () => {
  it('keeps plain paths as given and expands globs relative to the workspace, sorted, de-duplicated', async () => {
    expect(await expandRequirementPatterns(['requirements.txt', 'reqs/*.txt', 'reqs/a.txt'], ws)).toEqual([
      'requirements.txt',
      'reqs/a.txt',
      'reqs/b.txt',
    ]);
    // Code-unit order: "reqs/" sorts before "requirements" ('s' < 'u').
    expect(await expandRequirementPatterns(['**/*.txt'], ws)).toEqual([
      'reqs/a.txt',
      'reqs/b.txt',
      'reqs/sub/c.txt',
      'requirements.txt',
    ]);
    expect(await expandRequirementPatterns(['reqs/?.txt', 'reqs\\[b]*'], ws)).toEqual([
      'reqs/a.txt',
      'reqs/b.txt',
    ]);
    expect(await expandRequirementPatterns(['reqs/.hidden/*.txt'], ws)).toEqual(['reqs/.hidden/d.txt']);
  });

  it('an absolute pattern walks from its own root, in native separators (C:\\ on Windows)', async () => {
    // join() gives this OS's separators: `\` on the Windows CI runner, which the expansion accepts.
    expect(await expandRequirementPatterns([join(ws, 'reqs', '*.txt')], join(ws, 'elsewhere'))).toEqual([
      join(ws, 'reqs', 'a.txt'),
      join(ws, 'reqs', 'b.txt'),
    ]);
  });

  it.each([
    ['/srv/reqs/*.txt', { base: '/', body: 'srv/reqs/*.txt' }],
    ['C:/repo/reqs/*.txt', { base: 'C:/', body: 'repo/reqs/*.txt' }],
    // `\\server\share\reqs\*.txt` after `\` → `/`: the share is the root, not the current drive's.
    ['//server/share/reqs/*.txt', { base: '//server/share/', body: 'reqs/*.txt' }],
    ['reqs/*.txt', undefined],
    ['C:reqs/*.txt', undefined],
  ])('absoluteGlobBase(%s)', (pattern, expected) => {
    expect(absoluteGlobBase(pattern)).toEqual(expected);
  });

  it('a pattern matching nothing is an error naming it', async () => {
    await expect(expandRequirementPatterns(['missing/*.txt'], ws)).rejects.toThrow(RequirementsGlobError);
    await expect(expandRequirementPatterns(['missing/*.txt'], ws)).rejects.toThrow(
      '"missing/*.txt" matched no file',
    );
  });
});

function getter(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('parseInputs', () => {
  it('applies the action.yml defaults', async () => {
    const inputs = await parseInputs({
      getInput: getter({}),
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: '/rt' },
    });
    expect(inputs).toEqual({
      requirements: ['requirements.txt'],
      platforms: [],
      extraIndexUrls: [],
      findLinks: [],
      indexStrategy: 'first-index',
      pre: false,
      wheelhouse: join('/rt', 'wheelhouse'),
      cache: true,
      cacheBackend: 'github',
      cacheSuffix: '',
      concurrency: 16,
      install: false,
      clean: false,
      installer: 'native',
      compile: false,
      breakSystemPackages: false,
    });
  });

  it('parses every input', async () => {
    const inputs = await parseInputs({
      getInput: getter({
        requirements: 'reqs/*.txt\nrequirements.txt\n',
        'python-version': '3.11.4',
        platform: 'manylinux_2_28_x86_64, manylinux_2_17_x86_64',
        'index-url': 'https://u:p@example.org/simple/',
        'extra-index-url': 'https://a.example/simple/\nhttps://b.example/simple/',
        'find-links': 'local/wheels\nhttps://example.org/links.html',
        'index-strategy': 'unsafe-best-match',
        'only-binary': ':all:',
        pre: 'TRUE',
        wheelhouse: 'out/wh',
        cache: 'False',
        'cache-suffix': 'job1',
        concurrency: '4',
        install: 'true',
        clean: 'true',
        installer: 'pip',
        compile: 'true',
        'break-system-packages': 'true',
      }),
      env: { GITHUB_WORKSPACE: ws },
    });
    expect(inputs).toEqual({
      requirements: ['reqs/a.txt', 'reqs/b.txt', 'requirements.txt'],
      pythonVersion: '3.11.4',
      platforms: ['manylinux_2_28_x86_64', 'manylinux_2_17_x86_64'],
      indexUrl: 'https://u:p@example.org/simple/',
      extraIndexUrls: ['https://a.example/simple/', 'https://b.example/simple/'],
      findLinks: [join(ws, 'local/wheels'), 'https://example.org/links.html'],
      indexStrategy: 'unsafe-best-match',
      onlyBinary: ':all:',
      pre: true,
      wheelhouse: join(ws, 'out/wh'),
      cache: false,
      cacheBackend: 'github',
      cacheSuffix: 'job1',
      concurrency: 4,
      install: true,
      clean: true,
      installer: 'pip',
      compile: true,
      breakSystemPackages: true,
    });
  });

  it('a malformed index input shows no path token or query value either, and they are secrets of the run (review 2 s12)', async () => {
    runSecrets.clear();
    const error = await parseInputs({
      getInput: getter({
        requirements: 'nope/*.txt',
        'index-url': 'ftp://pkgs.example/Tok3nAbCdEf9876/simple?key=v4lue-secret',
        'extra-index-url':
          'corp=sftp://pkgs.example/feeds/Zz99yyXXww11/simple\nhttps://pkgs.example:99999/Qq77rrSSTT22/simple',
      }),
      env: { GITHUB_WORKSPACE: ws },
    }).catch((e: unknown) => e as ActionInputError);
    expect(error).toBeInstanceOf(ActionInputError);
    const text = (error as ActionInputError).problems.join('\n');
    expect(text).toContain(
      'input index-url: "ftp://pkgs.example/***/simple?key=***" is not an http(s) or file URL',
    );
    // The last one does not even parse (its port): its path token is still one.
    for (const secret of ['Tok3nAbCdEf9876', 'v4lue-secret', 'Zz99yyXXww11', 'Qq77rrSSTT22']) {
      expect(text).not.toContain(secret);
      expect(runSecrets.includes(secret)).toBe(true);
    }
  });

  it('an invalid character class in requirements is an input problem, not an internal error (review 14c F10)', async () => {
    const error = await parseInputs({
      getInput: getter({ requirements: 'req[z-a].txt' }),
      env: { GITHUB_WORKSPACE: ws },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionInputError);
    expect((error as ActionInputError).problems).toContain(
      'input requirements: requirements pattern segment "req[z-a].txt" is not a valid pattern (a character class such as [z-a] with a range out of order)',
    );
  });

  it('collects every problem, naming input and value, never a password', async () => {
    let error: ActionInputError | undefined;
    try {
      await parseInputs({
        getInput: getter({
          requirements: 'nope/*.txt',
          'python-version': '3',
          platform: 'many linux',
          'index-url': 'ftp://user:hunter2@x/simple',
          'index-strategy': 'best',
          pre: 'yes',
          concurrency: '0',
          installer: 'uv',
          compile: 'sometimes',
        }),
        env: { GITHUB_WORKSPACE: ws },
      });
    } catch (e) {
      error = e as ActionInputError;
    }
    expect(error).toBeInstanceOf(ActionInputError);
    expect(error?.problems).toEqual([
      `input requirements: requirements pattern "nope/*.txt" matched no file under ${ws}`,
      'input python-version: "3" is not of the form 3.X or 3.X.Y',
      'input platform: "many linux" is not a platform tag',
      'input index-url: "ftp://***@x/simple" is not an http(s) or file URL',
      'input index-strategy: "best" is not first-index or unsafe-best-match',
      'input pre: "yes" is not a boolean (use true or false)',
      'input compile: "sometimes" is not a boolean (use true or false)',
      'input installer: "uv" is not native or pip',
      'input concurrency: "0" is not a whole number from 1 to 256',
      'input wheelhouse: not given and RUNNER_TEMP is not set, so there is no default directory',
    ]);
    expect(error?.message).not.toContain('hunter2');
  });

  it('extras and groups: lists (lines or commas), :all: for every extra, names checked', async () => {
    const base = { requirements: 'requirements.txt', wheelhouse: 'wh' };
    const parsed = await parseInputs({
      getInput: getter({ ...base, extras: 'test, docs', groups: 'dev\nlint' }),
      env: { GITHUB_WORKSPACE: ws },
    });
    expect(parsed.selection).toEqual({ extras: ['test', 'docs'], allExtras: false, groups: ['dev', 'lint'] });
    const all = await parseInputs({
      getInput: getter({ ...base, extras: ':all:' }),
      env: { GITHUB_WORKSPACE: ws },
    });
    expect(all.selection).toEqual({ extras: [], allExtras: true, groups: [] });
    const none = await parseInputs({ getInput: getter(base), env: { GITHUB_WORKSPACE: ws } });
    expect(none.selection).toBeUndefined();
    await expect(
      parseInputs({
        getInput: getter({ ...base, extras: ':all:,x', groups: 'a b' }),
        env: { GITHUB_WORKSPACE: ws },
      }),
    ).rejects.toMatchObject({
      problems: [
        'input extras: :all: already selects every extra; give it alone',
        'input groups: "a b" is not a valid name',
      ],
    });
  });

  it('listInput splits lines (and commas when asked), dropping blanks', () => {
    expect(listInput(' a \n\n b,c ')).toEqual(['a', 'b,c']);
    expect(listInput(' a \n\n b,c ', true)).toEqual(['a', 'b', 'c']);
  });
});
