import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import { markerToString } from '../../src/standards/markers.js';
import { normalizeName } from '../../src/standards/names.js';
import { readTextBounded } from '../../src/util/bounded-read.js';
import { normalizePath } from '../../src/standards/requirements-file-targets.js';
import {
  collectRequirementsFile,
  formatProblem,
  mayUseSdist,
  mayUseWheel,
  parseRequirementsFile,
  redactCredentials,
  RequirementsFileError,
  type RequirementsFileResult,
} from '../../src/standards/requirements-file.js';

const H1 = '58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f';
const H2 = '942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1';

/** An in-memory file system that records every read. */
function memoryIo(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    readFile: async (path: string): Promise<string> => {
      reads.push(path);
      // A kernel without symlinks: `..` resolved textually (the reader opens paths as pip joins
      // them, `..` left in — review 15c F14).
      const content = files[path] ?? files[normalizePath(path)];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
  };
}

const parseOne = (content: string, env: Record<string, string> = {}): Promise<RequirementsFileResult> =>
  parseRequirementsFile('requirements.txt', memoryIo({ 'requirements.txt': content }), { env });

/** The formatted problems of a file tree (top file `requirements.txt`). */
async function problemsOf(
  files: Record<string, string>,
  env: Record<string, string> = {},
): Promise<string[]> {
  const { problems } = await collectRequirementsFile('requirements.txt', memoryIo(files), { env });
  return problems.map(formatProblem);
}
const problemsOfOne = (content: string, env: Record<string, string> = {}) =>
  problemsOf({ 'requirements.txt': content }, env);

describe('requirement lines', () => {
  it.each<[string, string, string[], string, string | undefined]>([
    ['requests', 'requests', [], '', undefined],
    ['Django>=4.2,<5', 'django', [], '<5,>=4.2', undefined],
    ['docopt == 0.6.1', 'docopt', [], '==0.6.1', undefined],
    [
      'requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"',
      'requests',
      ['security'],
      '==2.8.*,>=2.8.1',
      'python_version < "2.7"',
    ],
    ['zope.interface[Testing_Extra]~=6.0', 'zope-interface', ['testing-extra'], '~=6.0', undefined],
    ['foo (>=1.0)', 'foo', [], '>=1.0', undefined],
    ['pywin32>=306; sys_platform == "win32"', 'pywin32', [], '>=306', 'sys_platform == "win32"'],
  ])('%s', async (line, name, extras, specifier, marker) => {
    const result = await parseOne(line);
    expect(result.requirements).toHaveLength(1);
    const { requirement } = result.requirements[0]!;
    expect(requirement.name).toBe(name);
    expect(requirement.extras).toEqual(extras);
    expect(String(requirement.specifier)).toBe(specifier);
    expect(requirement.marker && markerToString(requirement.marker)).toBe(marker);
  });

  it('keeps name @ URL requirements with their URL', async () => {
    const result = await parseOne(
      'urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip ; python_version >= "3.8"',
    );
    expect(result.requirements[0]?.requirement).toMatchObject({
      name: 'urllib3',
      url: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip',
    });
  });

  // pip 23.2 parse_req_from_line (req/constructors.py) splits a line that is not a bare URL at its
  // first ";": the URL ends there and the rest is the marker (review 15c F2).
  it.each([
    ["foo @ https://example.com/foo-1.0-py3-none-any.whl;sys_platform=='win32'", 'sys_platform == "win32"'],
    ["foo @ https://example.com/foo-1.0-py3-none-any.whl; python_version>'3'", 'python_version > "3"'],
  ])('reads name @ URL;marker as the URL and its marker: %s', async (line, marker) => {
    const { result, problems } = await collectRequirementsFile(
      'requirements.txt',
      memoryIo({ 'requirements.txt': `${line}\n` }),
    );
    expect(problems).toEqual([]);
    const { requirement } = result.requirements[0]!;
    expect(requirement.url).toBe('https://example.com/foo-1.0-py3-none-any.whl');
    expect(requirement.marker && markerToString(requirement.marker)).toBe(marker);
  });

  it('locates a bad marker after name @ URL; at its column in the line', async () => {
    expect(await problemsOfOne('foo @ https://h/foo-1.0-py3-none-any.whl;os_name ==\n')).toEqual([
      expect.stringMatching(/^requirements\.txt:1:52: invalid requirement/),
    ]);
  });

  // pip 23.2 parse_req_from_line strips the text after ";" and uses no marker when it is empty
  // (review 15c F3).
  it('reads an empty marker as no marker', async () => {
    const { result, problems } = await collectRequirementsFile(
      'requirements.txt',
      memoryIo({ 'requirements.txt': 'foo==1.0;\nbar==2.0; \n' }),
    );
    expect(problems).toEqual([]);
    expect(
      result.requirements.map((r) => [
        r.requirement.name,
        String(r.requirement.specifier),
        r.requirement.marker,
      ]),
    ).toEqual([
      ['foo', '==1.0', undefined],
      ['bar', '==2.0', undefined],
    ]);
  });

  it('records the first physical line and the column after indentation', async () => {
    const result = await parseOne('\n# header\n   foo \\\n  >= 1.0\n\tbar\n');
    expect(result.requirements.map((r) => [r.requirement.text, r.source])).toEqual([
      ['foo   >= 1.0', { file: 'requirements.txt', line: 3, column: 4 }],
      ['bar', { file: 'requirements.txt', line: 5, column: 2 }],
    ]);
  });

  it('collects hashes written with = or a space, across continuation lines', async () => {
    const result = await parseOne(
      `requests==2.31.0 \\\n    --hash=sha256:${H1} \\\n    --hash sha256:${H2.toUpperCase()}\nidna==3.6 --hash=sha256:${H1}\n`,
    );
    expect(result.requirements.map((r) => [r.requirement.name, r.hashes])).toEqual([
      ['requests', [`sha256:${H1}`, `sha256:${H2}`]],
      ['idna', [`sha256:${H1}`]],
    ]);
  });

  it('keeps --config-settings and --global-option on the requirement', async () => {
    const result = await parseOne(
      'foo -C editable_mode=compat --config-settings="--build-option=--x y" --global-option=--quiet',
    );
    expect(result.requirements[0]).toMatchObject({
      configSettings: ['editable_mode=compat', '--build-option=--x y'],
      globalOptions: ['--quiet'],
    });
  });

  it('expands ${VAR} from the given environment only', async () => {
    const result = await parseOne('${PKG}==${VERSION}\nbar ; python_version >= "${PY}"', {
      PKG: 'acme-billing',
      VERSION: '1.4.0',
      PY: '3.10',
    });
    expect(result.requirements.map((r) => r.requirement.text)).toEqual([
      'acme-billing==1.4.0',
      'bar ; python_version >= "3.10"',
    ]);
  });
});

describe('URL, path and editable lines', () => {
  it.each<[string, string, string]>([
    [
      'https://files.example.org/p/attrs-23.2.0-py3-none-any.whl',
      'attrs',
      'attrs @ https://files.example.org/p/attrs-23.2.0-py3-none-any.whl',
    ],
    [
      'http://wxpython.org/Phoenix/snapshot-builds/wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl',
      'wxpython-phoenix',
      'wxPython_Phoenix @ http://wxpython.org/Phoenix/snapshot-builds/wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl',
    ],
    [
      'https://h/p/six-1.16.0-py2.py3-none-any.whl#sha256=8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254 ; python_version < "3"',
      'six',
      'six @ https://h/p/six-1.16.0-py2.py3-none-any.whl#sha256=8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254 ; python_version < "3"',
    ],
    ['https://h/p/thing-1.0.tar.gz#egg=thing', 'thing', 'thing @ https://h/p/thing-1.0.tar.gz#egg=thing'],
  ])('a bare URL %s names %s', async (line, name, text) => {
    const result = await parseOne(line);
    expect(result.requirements.map((r) => [r.requirement.name, r.requirement.text])).toEqual([[name, text]]);
  });

  it.each([
    './downloads/numpy-1.9.2-cp34-none-win32.whl',
    '../x-1.0-py3-none-any.whl',
    '/abs/path/pkg-1.0.tar.gz',
    '.',
    './pkg[dev]',
    'src/mypkg/',
    'C:\\wheels\\x-1.0-py3-none-any.whl',
    'file:///tmp/pkg-1.0-py3-none-any.whl',
    'legacy-1.0.tar.gz',
  ])('%s is a local path, returned with its source', async (line) => {
    const result = await parseOne(`# local\n  ${line}\n`);
    expect(result.requirements).toEqual([]);
    expect(result.localPaths).toEqual([
      { text: line, source: { file: 'requirements.txt', line: 2, column: 3 }, constraint: false, hashes: [] },
    ]);
  });

  it.each(['-e ./src/pkg', '-e./src/pkg', '--editable ./src/pkg', '--editable=./src/pkg'])(
    '%s is an editable, returned with its source',
    async (line) => {
      const result = await parseOne(`foo\n${line}\n`);
      expect(result.editables).toEqual([
        {
          text: './src/pkg',
          source: { file: 'requirements.txt', line: 2, column: 1 },
          constraint: false,
          hashes: [],
        },
      ]);
    },
  );

  it('keeps VCS editables as written', async () => {
    const result = await parseOne('-e git+https://github.com/pypa/sampleproject.git@main#egg=sampleproject');
    expect(result.editables.map((e) => e.text)).toEqual([
      'git+https://github.com/pypa/sampleproject.git@main#egg=sampleproject',
    ]);
  });
});

describe('global options', () => {
  it('collects every finder option across lines and files', async () => {
    const io = memoryIo({
      'requirements.txt': [
        '--index-url https://pypi.internal/simple',
        '--extra-index-url https://download.pytorch.org/whl/cpu',
        '-f ./wheels',
        '--find-links=https://links.example/',
        '--trusted-host pypi.internal',
        '--prefer-binary',
        '--only-binary :all:',
        '-r more.txt',
      ].join('\n'),
      'more.txt':
        '--extra-index-url https://extra.example/simple\n--no-binary legacy_thing\n--pre\n--require-hashes',
    });
    const { options } = await parseRequirementsFile('requirements.txt', io);
    expect(options).toEqual({
      indexUrl: 'https://pypi.internal/simple',
      extraIndexUrls: ['https://download.pytorch.org/whl/cpu', 'https://extra.example/simple'],
      findLinks: ['./wheels', 'https://links.example/'],
      noIndex: false,
      pre: true,
      onlyBinary: { all: true, names: new Set([]) },
      noBinary: { all: false, names: new Set(['legacy-thing']) },
      binaryValues: [
        { option: 'only-binary', value: ':all:' },
        { option: 'no-binary', value: 'legacy_thing' },
      ],
      preferBinary: true,
      trustedHosts: ['pypi.internal'],
      requireHashes: true,
      useFeatures: new Set(),
    });
    expect(mayUseWheel(options, normalizeName('numpy'))).toBe(true);
    expect(mayUseSdist(options, normalizeName('numpy'))).toBe(false);
    expect(mayUseWheel(options, normalizeName('Legacy.Thing'))).toBe(false);
    expect(mayUseSdist(options, normalizeName('Legacy.Thing'))).toBe(true);
  });

  it('defaults to no options', async () => {
    const { options } = await parseOne('foo');
    expect(options.indexUrl).toBeUndefined();
    expect(options).toMatchObject({
      extraIndexUrls: [],
      noIndex: false,
      pre: false,
      onlyBinary: { all: false, names: new Set([]) },
      noBinary: { all: false, names: new Set([]) },
    });
  });

  it('expands ${VAR} in option values and leaves unknown variables as written', async () => {
    const { options } = await parseOne('-i https://${USER_X}:${TOKEN}@pypi.internal/simple\n-f ${WHEELS}', {
      TOKEN: 't0k',
    });
    expect(options.indexUrl).toBe('https://${USER_X}:t0k@pypi.internal/simple');
    expect(options.findLinks).toEqual(['${WHEELS}']);
  });

  it('accepts several global options on one line', async () => {
    const { options } = await parseOne('--pre --prefer-binary --trusted-host a --trusted-host b');
    expect(options).toMatchObject({ pre: true, preferBinary: true, trustedHosts: ['a', 'b'] });
  });
});

describe('includes and constraints', () => {
  it('resolves -r and -c relative to the including file, in order, each spelling', async () => {
    const io = memoryIo({
      'requirements.txt': 'a\n-r reqs/base.txt\nz\n-c constraints.txt',
      'reqs/base.txt': 'b\n-rsub/one.txt\n--requirement=../two.txt\n--requirement ./three.txt',
      'reqs/sub/one.txt': 'c',
      'two.txt': 'd',
      'reqs/three.txt': 'e',
      'constraints.txt': 'a<2\n-c pins/more.txt',
      'pins/more.txt': 'b==1.0',
    });
    const result = await parseRequirementsFile('requirements.txt', io);
    expect(result.requirements.map((r) => `${r.requirement.name}@${r.source.file}:${r.source.line}`)).toEqual(
      [
        'a@requirements.txt:1',
        'b@reqs/base.txt:1',
        'c@reqs/sub/one.txt:1',
        'd@two.txt:1',
        'e@reqs/three.txt:1',
        'z@requirements.txt:3',
      ],
    );
    expect(result.constraints.map((r) => `${r.requirement.text}@${r.source.file}`)).toEqual([
      'a<2@constraints.txt',
      'b==1.0@pins/more.txt',
    ]);
    expect(result.files).toEqual([
      'requirements.txt',
      'reqs/base.txt',
      'reqs/sub/one.txt',
      'two.txt',
      'reqs/three.txt',
      'constraints.txt',
      'pins/more.txt',
    ]);
  });

  it('reads -r inside a constraints file as requirements and -c as constraints, as pip (review 16a F7)', async () => {
    const io = memoryIo({
      'requirements.txt': 'a\n-c c/pins.txt',
      'c/pins.txt': 'b==1\n-r nested.txt\n-c more.txt',
      'c/nested.txt': 'c==2\n-c deeper.txt',
      'c/more.txt': 'd<3',
      'c/deeper.txt': 'e<4',
    });
    const result = await parseRequirementsFile('requirements.txt', io);
    expect(result.requirements.map((r) => `${r.requirement.text}@${r.source.file}`)).toEqual([
      'a@requirements.txt',
      'c==2@c/nested.txt',
    ]);
    expect(result.constraints.map((r) => `${r.requirement.text}@${r.source.file}`)).toEqual([
      'b==1@c/pins.txt',
      'e<4@c/deeper.txt',
      'd<3@c/more.txt',
    ]);
  });

  it('reads a top-level constraints file as one: forms pip refuses are problems (review 16a F2)', async () => {
    const files = {
      'cons.txt': 'ok==1\n-e ./pkg\n./pkg\nfile:///tmp/pkg\nx[extra]<2\n-r req.txt',
      'req.txt': 'y[extra]\n./local',
    };
    const { result, problems } = await collectRequirementsFile('cons.txt', memoryIo(files), {
      constraint: true,
    });
    expect(problems.map(formatProblem)).toEqual([
      'cons.txt:2:1: editable requirements are not allowed as constraints: -e ./pkg',
      'cons.txt:3:1: local paths are not allowed as constraints: ./pkg',
      'cons.txt:4:1: local paths are not allowed as constraints: file:///tmp/pkg',
      'cons.txt:5:1: constraints cannot have extras: x[extra]<2',
    ]);
    expect(result.constraints.map((r) => r.requirement.text)).toEqual(['ok==1']);
    expect(result.requirements.map((r) => r.requirement.text)).toEqual(['y[extra]']);
    expect(result.localPaths).toMatchObject([{ text: './local', constraint: false }]);
  });

  it('reads and parses a file included twice (not a cycle) once', async () => {
    const io = memoryIo({
      'requirements.txt': '-r a.txt\n-r b.txt',
      'a.txt': '-r common.txt',
      'b.txt': '-r ./common.txt',
      'common.txt': 'x',
    });
    const result = await parseRequirementsFile('requirements.txt', io);
    expect(io.reads).toEqual(['requirements.txt', 'a.txt', 'common.txt', 'b.txt']);
    expect(result.files).toEqual(['requirements.txt', 'a.txt', 'common.txt', 'b.txt']);
    expect(result.requirements.map((r) => r.source.file)).toEqual(['common.txt']);
  });

  it('joins Windows paths', async () => {
    const io = memoryIo({
      'C:\\repo\\requirements.txt': '-r "reqs\\dev.txt"\n-r reqs/test.txt',
      'C:\\repo\\reqs\\dev.txt': "black\n-r '..\\..\\shared\\lint.txt'\n",
      'C:\\shared\\lint.txt': 'ruff',
      'C:/repo/reqs/test.txt': 'pytest',
    });
    const result = await parseRequirementsFile('C:\\repo\\requirements.txt', io);
    expect(result.requirements.map((r) => [r.requirement.name, r.source.file])).toEqual([
      ['black', 'C:\\repo\\reqs\\dev.txt'],
      ['ruff', 'C:\\shared\\lint.txt'],
      ['pytest', 'C:/repo/reqs/test.txt'],
    ]);
  });

  it('reports an unquoted backslash path, which pip would read without its backslashes', async () => {
    expect(await problemsOfOne('-r reqs\\dev.txt\n-e .\\pkg')).toEqual([
      'requirements.txt:1:4: a backslash outside quotes is an escape, so pip reads "reqsdev.txt"; use / or quote the value: reqs\\dev.txt',
      'requirements.txt:2:4: a backslash outside quotes is an escape, so pip reads ".pkg"; use / or quote the value: .\\pkg',
    ]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a file including itself',
      { 'requirements.txt': 'a\n-r ./requirements.txt' },
      ['requirements.txt:2:4: include cycle: requirements.txt -> requirements.txt: ./requirements.txt'],
    ],
    [
      'a two-file cycle',
      { 'requirements.txt': '-r sub/b.txt', 'sub/b.txt': 'x\n\n-r ../requirements.txt' },
      [
        'sub/b.txt:3:4: include cycle: requirements.txt -> sub/b.txt -> requirements.txt: ../requirements.txt',
      ],
    ],
    [
      'a cycle through a constraints file',
      { 'requirements.txt': '-c c.txt', 'c.txt': '-r d.txt', 'd.txt': '-c c.txt' },
      ['d.txt:1:4: include cycle: c.txt -> d.txt -> c.txt: c.txt'],
    ],
  ])('reports %s with the chain', async (_name, files, expected) => {
    expect(await problemsOf(files)).toEqual(expected);
  });

  it('reports a missing included file at the including line', async () => {
    expect(await problemsOf({ 'requirements.txt': 'foo\n  -r   dev/missing.txt' })).toEqual([
      `requirements.txt:2:8: cannot read included file (ENOENT: no such file or directory): dev/missing.txt`,
    ]);
  });

  it('reports an unreadable top file without a line', async () => {
    await expect(parseRequirementsFile('nope.txt', memoryIo({}))).rejects.toThrow(
      `nope.txt: cannot read requirements file (ENOENT: no such file or directory)`,
    );
  });
});

describe('problems', () => {
  it.each<[string, string, string[]]>([
    [
      'an unknown option',
      'foo\n--frobnicate',
      ['requirements.txt:2:1: unknown option --frobnicate: --frobnicate'],
    ],
    [
      'an unknown short option (its value is not reported again)',
      '-x y',
      ['requirements.txt:1:1: unknown option -x: -x'],
    ],
    [
      'a stray word after options',
      '--pre stray',
      ['requirements.txt:1:7: unexpected argument after options: stray'],
    ],
    [
      'an unknown option after a requirement',
      'httpx>=0.27   --bogus-flag',
      ['requirements.txt:1:15: unknown option --bogus-flag: --bogus-flag'],
    ],
    [
      'an invalid requirement, pointing at the failing column',
      '\n  pydantic >= 2.5, ! 3',
      [
        'requirements.txt:2:20: invalid requirement (expected a version operator (~=, ==, !=, <=, >=, <, >, ===)): pydantic >= 2.5, ! 3',
      ],
    ],
    [
      'a short hash on a continuation line',
      'foo==1 \\\n    --hash=sha256:abc',
      ['requirements.txt:2:12: sha256 digest must be 64 hex digits, not 3: sha256:abc'],
    ],
    [
      'a weak hash',
      `foo==1 --hash=md5:${'0'.repeat(32)}`,
      [
        `requirements.txt:1:15: unsupported hash algorithm "md5" (allowed: sha256, sha384, sha512): md5:${'0'.repeat(32)}`,
      ],
    ],
    [
      'a hash without a requirement',
      `--hash=sha256:${H1}`,
      [`requirements.txt:1:1: --hash needs a requirement on the same line: --hash=sha256:${H1}`],
    ],
    [
      'a global option after a requirement',
      'foo -i https://x/simple',
      ['requirements.txt:1:5: -i cannot follow a requirement; put it on its own line: -i https://x/simple'],
    ],
    [
      '-r with other options',
      '-r a.txt --pre',
      ['requirements.txt:1:1: -r must be the only option on its line: -r a.txt --pre'],
    ],
    [
      'two editables on a line',
      '-e . -e ./b',
      ['requirements.txt:1:1: -e must be the only option on its line: -e . -e ./b'],
    ],
    ['-r without a value', '-r', ['requirements.txt:1:1: option -r requires a value: -r']],
    ['a flag with a value', '--pre=1', ['requirements.txt:1:1: option --pre does not take a value: --pre=1']],
    ['an unclosed quote', 'foo -C "k=v', ['requirements.txt:1:8: no closing quotation in options: "k=v']],
    [
      'config settings without =',
      'foo -C oops',
      ['requirements.txt:1:8: --config-settings must be KEY=VALUE: oops'],
    ],
    [
      'a bad --no-binary name',
      '--no-binary good,bad!name',
      ['requirements.txt:1:13: invalid project name "bad!name" in --no-binary: good,bad!name'],
    ],
    [
      'a URL whose project cannot be named',
      'https://h/p/mystery-1.0.tar.gz ; python_version > "3"',
      [
        'requirements.txt:1:1: cannot tell which project this URL is: the project name is unknown (not a wheel file name and no #egg= fragment); write it as "name @ URL": https://h/p/mystery-1.0.tar.gz',
      ],
    ],
    [
      'a bad marker on a bare URL line, pointing into the marker',
      'https://h/p/x-1.0-py3-none-any.whl ;  python_version <> "3"',
      [
        'requirements.txt:1:55: invalid requirement (expected a value after "<" (a marker variable or a quoted string)): https://h/p/x-1.0-py3-none-any.whl ;  python_version <> "3"',
      ],
    ],
    ['an empty editable', '--editable=', ['requirements.txt:1:1: -e needs a path or URL: --editable=']],
    [
      'a remote include',
      '-r https://example.com/reqs.txt',
      ['requirements.txt:1:4: requirements files from URLs are not supported: https://example.com/reqs.txt'],
    ],
  ])('%s', async (_name, content, expected) => {
    expect(await problemsOfOne(content)).toEqual(expected);
  });

  it('reports an invalid wheel name in a bare URL with the file-name parser reason', async () => {
    let reason = '';
    try {
      parseWheelFilename('bad-1.0.whl');
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(reason).not.toBe('');
    expect(await problemsOfOne('https://h/p/bad-1.0.whl')).toEqual([
      `requirements.txt:1:1: cannot tell which project this URL is: ${reason}; write it as "name @ URL": https://h/p/bad-1.0.whl`,
    ]);
  });

  it('reports constraint forms pip rejects', async () => {
    expect(
      await problemsOf({
        'requirements.txt': '-c c.txt',
        'c.txt': 'ok==1\nfoo[bar]==1\n-e ./pkg',
      }),
    ).toEqual([
      'c.txt:2:1: constraints cannot have extras: foo[bar]==1',
      'c.txt:3:1: editable requirements are not allowed as constraints: -e ./pkg',
    ]);
  });

  it('quotes the text as written, not the expanded secret, and masks URL passwords', async () => {
    const problems = await problemsOfOne(
      '-i ${INDEX} --bogus\nfoo @ https://user:hunter2@h/x.zip --nope\n-r https://u:pw@h/r.txt',
      { INDEX: 'https://u:s3cret@pypi.internal/simple' },
    );
    expect(problems).toEqual([
      'requirements.txt:1:13: unknown option --bogus: --bogus',
      'requirements.txt:2:36: unknown option --nope: --nope',
      'requirements.txt:3:4: requirements files from URLs are not supported: https://u:****@h/r.txt',
    ]);
    expect(redactCredentials('a https://user:pw@h b http://tok@h')).toBe(
      'a https://user:****@h b http://****@h',
    );
  });

  it('collects the problems of every file and throws them together, one per line', async () => {
    const io = memoryIo({
      'requirements.txt': 'ok\n--bogus\n-r sub/more.txt\nfoo >= \n',
      'sub/more.txt': 'bar==1\nbaz @\n',
    });
    let error: unknown;
    try {
      await parseRequirementsFile('requirements.txt', io);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequirementsFileError);
    const problems = (error as RequirementsFileError).problems;
    expect(problems.map((p) => [p.file, p.line, p.column, p.text])).toEqual([
      ['requirements.txt', 2, 1, '--bogus'],
      ['sub/more.txt', 2, 6, 'baz @'],
      ['requirements.txt', 4, 7, 'foo >='],
    ]);
    expect((error as Error).message.split('\n')).toEqual(problems.map(formatProblem));
  });
});

describe('the fixture tree (__tests__/fixtures/requirements)', () => {
  const root = fileURLToPath(new URL('../fixtures/requirements/', import.meta.url));
  const io = { readFile: (path: string) => readFile(root + path, 'utf8') };
  const env = {
    PIP_INDEX_URL: 'https://ci:s3cret@pypi.internal.example/simple',
    PRIVATE_PACKAGE: 'acme-billing',
  };

  it('reports the error on line 7 as requirements.txt:7:col with its text', async () => {
    const error = await parseRequirementsFile('requirements.txt', io, { env }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequirementsFileError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toContain(
      'requirements.txt:7:59: sha256 digest must be 64 hex digits, not 6: sha256:3f1a0b',
    );
  });

  it('reports every deliberate error, in file order, and nothing else', async () => {
    const { problems } = await collectRequirementsFile('requirements.txt', io, { env });
    const messages = problems.map(formatProblem).map((m) => m.replace(/\(ENOENT[^)]*\)/, '(ENOENT)'));
    expect(messages).toEqual([
      'constraints/pins.txt:5:1: constraints cannot have extras: charset-normalizer[unicode-backport]==3.3.2',
      'requirements.txt:7:59: sha256 digest must be 64 hex digits, not 6: sha256:3f1a0b',
      'requirements.txt:17:13: unknown option --bogus-flag: --bogus-flag',
      'requirements.txt:18:1: cannot tell which project this URL is: the project name is unknown (not a wheel file name and no #egg= fragment); write it as "name @ URL": https://files.example.org/packages/mystery-1.0.tar.gz',
      'requirements.txt:19:18: invalid requirement (expected a version operator (~=, ==, !=, <=, >=, <, >, ===)): pydantic >= 2.5, ! 3',
      'requirements.txt:21:4: cannot read included file (no such file or directory): dev/missing.txt',
      'common/loop.txt:2:4: include cycle: requirements.txt -> common/loop.txt -> requirements.txt: ../requirements.txt',
    ]);
    expect(messages.join('\n')).not.toContain('s3cret');
  });

  it('returns everything that parsed, with sources', async () => {
    const { result } = await collectRequirementsFile('requirements.txt', io, { env });
    expect(
      result.requirements.map((r) => [
        r.requirement.text,
        `${r.source.file}:${r.source.line}`,
        r.hashes.length,
      ]),
    ).toEqual([
      // `-r more-pins.txt` inside the constraints file: requirements, as pip reads them (review 16a F7).
      ['certifi==2024.2.2', 'constraints/more-pins.txt:1', 1],
      ['requests[socks] >= 2.31 ; python_version >= "3.8"', 'requirements.txt:8', 2],
      ['SQLAlchemy[asyncio]>=2.0,<2.1', 'common/base.txt:2', 0],
      ['alembic~=1.13', 'common/base.txt:3', 0],
      ['python-dateutil>=2.8 ; python_version < "3.12"', 'common/base.txt:4', 0],
      [
        'numpy==1.26.4 ; platform_machine == "x86_64" or platform_machine == "aarch64"',
        'requirements.txt:12',
        0,
      ],
      [
        'torch @ https://download.pytorch.org/whl/cpu/torch-2.2.0%2Bcpu-cp312-cp312-linux_x86_64.whl ; sys_platform == "linux"',
        'requirements.txt:13',
        0,
      ],
      ['attrs @ https://files.example.org/packages/attrs-23.2.0-py3-none-any.whl', 'requirements.txt:14', 0],
      ['uvicorn[standard]>=0.29 ; sys_platform != "win32"', 'requirements.txt:23', 0],
      ['acme-billing==1.4.0', 'requirements.txt:24', 0],
    ]);
    expect(result.requirements[1]?.requirement.extras).toEqual(['socks']);
    expect(result.requirements.at(-2)?.configSettings).toEqual(['--build-option=--fast']);
    expect(result.constraints.map((r) => [r.requirement.text, r.source.file, r.hashes])).toEqual([
      ['urllib3==2.2.1', 'constraints/pins.txt', []],
      ['idna==3.6', 'constraints/pins.txt', []],
    ]);
    expect(result.editables).toEqual([
      {
        text: './src/service_core',
        source: { file: 'requirements.txt', line: 15, column: 1 },
        constraint: false,
        hashes: [],
      },
    ]);
    expect(result.localPaths).toEqual([
      {
        text: './vendor/legacy_thing-1.0.tar.gz',
        source: { file: 'requirements.txt', line: 16, column: 1 },
        constraint: false,
        hashes: [],
      },
    ]);
    expect(result.options).toMatchObject({
      indexUrl: 'https://ci:s3cret@pypi.internal.example/simple',
      extraIndexUrls: ['https://download.pytorch.org/whl/cpu'],
      findLinks: ['../wheels'],
      pre: true,
      onlyBinary: { all: true, names: new Set([]) },
      noBinary: { all: false, names: new Set(['legacy-thing']) },
    });
    expect(result.files).toEqual([
      'requirements.txt',
      'constraints/pins.txt',
      'constraints/more-pins.txt',
      'common/base.txt',
      'common/loop.txt',
    ]);
  });
});

// Cross-check against pip's own parse_requirements when python3 with pip is available.
const pipFound =
  spawnSync('python3', ['-c', 'import pip._internal.req.req_file'], { encoding: 'utf8' }).status === 0;

(pipFound ? describe : describe.skip)('agrees with pip parse_requirements (python3 found)', () => {
  const files: Record<string, string> = {
    'requirements.txt': [
      '# top',
      `--index-url https://pypi.org/simple`,
      `foo>=1 ; python_version < "3.8" --hash=sha256:${H1} --hash sha256:${H2}`,
      '  bar \\',
      '  [x]==2  # joined',
      '-r sub/b.txt',
      '-c c.txt',
      '-e ./pkg',
      './local-1.0.tar.gz',
      'baz @ https://h/baz.zip ; os_name == "nt"',
      '${PKG_NAME}==1.0',
      '--requirement=sub/deeper/d.txt',
    ].join('\n'),
    'sub/b.txt': 'qux\n-r deeper/d.txt\n',
    'sub/deeper/d.txt': 'deep \\\n  >= 3\n',
    'c.txt': 'foo<3\nbar==2 \\\n --hash=sha256:' + H2 + '\n',
  };

  it('yields the same requirement lines, kinds, places and hashes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wheelhouse-reqfile-'));
    try {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      const script = [
        'import json',
        'from pip._internal.network.session import PipSession',
        'from pip._internal.req.req_file import parse_requirements',
        'out = []',
        "for r in parse_requirements('requirements.txt', session=PipSession()):",
        "    where = r.comes_from.split(' ', 1)[1]",
        "    file, line = where.rsplit(' (line ', 1)",
        "    hashes = [f'{a}:{h}' for a, hs in ((r.options or {}).get('hashes') or {}).items() for h in hs]",
        '    out.append([r.requirement, r.is_editable, r.constraint, file, int(line[:-1]), hashes])',
        'print(json.dumps(out))',
      ].join('\n');
      const env = { PKG_NAME: 'from-env' };
      const run = spawnSync('python3', ['-c', script], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir, PIP_NO_INPUT: '1', ...env },
      });
      expect(run.stderr).toBe('');
      // pip keeps a trailing space when options follow after two spaces; the requirement is the same.
      const fromPip = (JSON.parse(run.stdout) as unknown[][]).map((row) => [
        String(row[0]).trimEnd(),
        ...row.slice(1),
      ]);
      const result = await parseRequirementsFile('requirements.txt', memoryIo(files), { env });
      const ours = [
        ...result.requirements.map((r) => [
          r.requirement.text,
          false,
          false,
          r.source.file,
          r.source.line,
          r.hashes,
        ]),
        ...result.constraints.map((r) => [
          r.requirement.text,
          false,
          true,
          r.source.file,
          r.source.line,
          r.hashes,
        ]),
        ...result.editables.map((e) => [e.text, true, e.constraint, e.source.file, e.source.line, e.hashes]),
        ...result.localPaths.map((e) => [
          e.text,
          false,
          e.constraint,
          e.source.file,
          e.source.line,
          e.hashes,
        ]),
      ];
      const key = (row: unknown[]) => `${String(row[3])}:${String(row[4]).padStart(4, '0')}`;
      const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      // pip parses a file included twice at each include, yielding identical rows twice; here each
      // file is parsed once per mode (a fan-out of includes must end), so pip's repeats collapse.
      const once = (rows: unknown[][]) => [...new Map(rows.map((r) => [JSON.stringify(r), r])).values()];
      expect(sorted(ours)).toEqual(sorted(once(fromPip)));
      expect(fromPip.length).toBe(11);
      expect(ours.length).toBe(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// pip's `parse_requirements(path, session, constraint=True)` is how it reads a command-line
// `-c FILE` (req_command.py `get_requirements`): nested `-r` → requirements, `-c` → constraints
// (review 16a F7).
(pipFound ? describe : describe.skip)(
  'a constraints file agrees with pip parse_requirements(constraint=True)',
  () => {
    it('gives the same requirement lines and kinds', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wheelhouse-consfile-'));
      const files: Record<string, string> = {
        'cons.txt': 'a<2\n-r more.txt\n-c pins/p.txt\n',
        'more.txt': 'b\n-c pins/q.txt\n-r again.txt\n',
        'again.txt': 'c>=1\n',
        'pins/p.txt': 'd==1\n-r ../more2.txt\n',
        'more2.txt': 'e\n',
        'pins/q.txt': 'f!=3\n',
      };
      try {
        for (const [path, content] of Object.entries(files)) {
          await mkdir(join(dir, path, '..'), { recursive: true });
          await writeFile(join(dir, path), content);
        }
        const script = [
          'import json',
          'from pip._internal.network.session import PipSession',
          'from pip._internal.req.req_file import parse_requirements',
          "rows = [[r.requirement, r.constraint] for r in parse_requirements('cons.txt', session=PipSession(), constraint=True)]",
          'print(json.dumps(sorted(rows)))',
        ].join('\n');
        const run = spawnSync('python3', ['-c', script], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', HOME: dir, PIP_NO_INPUT: '1', PIP_CONFIG_FILE: '/dev/null' },
        });
        expect(run.stderr).toBe('');
        const fromPip = JSON.parse(run.stdout) as [string, boolean][];
        const result = await parseRequirementsFile('cons.txt', memoryIo(files), { constraint: true });
        const ours = [
          ...result.requirements.map((r) => [r.requirement.text, false]),
          ...result.constraints.map((r) => [r.requirement.text, true]),
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
        expect(ours).toEqual(fromPip);
        expect(fromPip.filter((r) => !r[1]).length).toBe(3);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);

// pip opens `-r ../base.txt` as os.path.join(dirname(including), target): the kernel resolves the
// `..` after following symlinks (review 15c F14).
describe('-r ../x from a symlinked directory', () => {
  it('reads the file the kernel (and pip) opens, beside the link target', async () => {
    const root = await mkdtemp(join(tmpdir(), 'req-dotdot-'));
    try {
      await mkdir(join(root, 'shared', 'reqs'), { recursive: true });
      await writeFile(join(root, 'shared', 'base.txt'), 'shared-base==1.0\n-r more.txt\n');
      await writeFile(join(root, 'shared', 'more.txt'), 'shared-more==1.0\n');
      await writeFile(join(root, 'shared', 'reqs', 'ci.txt'), '-r ../base.txt\n');
      await symlink(join(root, 'shared', 'reqs'), join(root, 'reqs'));
      await writeFile(join(root, 'base.txt'), 'other-base==2.0\n');
      const { result, problems } = await collectRequirementsFile(`${root}/reqs/ci.txt`, {
        readFile: (p) => readTextBounded(p, p),
      });
      expect(problems).toEqual([]);
      expect(result.requirements.map((r) => r.requirement.name)).toEqual(['shared-base', 'shared-more']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
