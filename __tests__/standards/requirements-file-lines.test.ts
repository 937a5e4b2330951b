import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import {
  commentStart,
  logicalLines,
  positionOf,
  rawTextOf,
  shellWords,
  ShellSplitError,
  splitArgsAndOptions,
} from '../../src/standards/requirements-file-lines.js';

const simple = (content: string, env: Record<string, string> = {}) =>
  logicalLines(content, env).map((l) => [l.line, l.text]);

describe('logical lines (pip: join continuations, strip comments, expand ${VAR})', () => {
  it.each<[string, string, Array<[number, string]>]>([
    [
      'plain lines keep their numbers',
      'a\nb\n\nc\n',
      [
        [1, 'a'],
        [2, 'b'],
        [4, 'c'],
      ],
    ],
    ['blank and whitespace-only lines are dropped', '\n   \n\t\nx', [[4, 'x']]],
    ['leading and trailing whitespace is trimmed', '   foo>=1   \n', [[1, 'foo>=1']]],
    ['a whole-line comment is dropped', '# comment\nfoo', [[2, 'foo']]],
    ['an indented comment is dropped', '   # comment\nfoo', [[2, 'foo']]],
    ['a comment after whitespace is stripped', 'foo==1  # pinned', [[1, 'foo==1']]],
    ['a comment after a tab is stripped', 'foo==1\t# pinned', [[1, 'foo==1']]],
    ['# without whitespace before it is not a comment', 'foo#bar', [[1, 'foo#bar']]],
    [
      'a URL fragment is not a comment',
      'https://example.com/x-1.0-py3-none-any.whl#sha256=abc',
      [[1, 'https://example.com/x-1.0-py3-none-any.whl#sha256=abc']],
    ],
    [
      'a continuation joins lines and keeps the first number',
      'foo \\\n  >=1.0\nbar',
      [
        [1, 'foo   >=1.0'],
        [3, 'bar'],
      ],
    ],
    [
      'several continuations',
      'a\\\nb\\\nc\nd',
      [
        [1, 'abc'],
        [4, 'd'],
      ],
    ],
    [
      'a continuation at the end of the file',
      'x\nfoo \\',
      [
        [1, 'x'],
        [2, 'foo'],
      ],
    ],
    ['a comment line never continues, even ending in \\', '# note \\\nfoo', [[2, 'foo']]],
    [
      'a comment line inside a continuation ends it',
      'foo \\\n# c\nbar',
      [
        [1, 'foo'],
        [3, 'bar'],
      ],
    ],
    [
      'a comment at the end of a continued line swallows the next line',
      'foo # c \\\nbar\nbaz',
      [
        [1, 'foo'],
        [3, 'baz'],
      ],
    ],
    [
      'CRLF line ends',
      'a\r\nb\r\n',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'CR line ends',
      'a\rb',
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    ['a UTF-8 BOM is dropped', '\uFEFFfoo', [[1, 'foo']]],
  ])('%s', (_name, content, expected) => {
    expect(simple(content)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ['${TOKEN}', { TOKEN: 'abc' }, 'abc'],
    ['x${A}y${B_2}z', { A: '1', B_2: '2' }, 'x1y2z'],
    ['${A}${A}', { A: 'q' }, 'qq'],
    ['$TOKEN', { TOKEN: 'abc' }, '$TOKEN'],
    ['${token}', { token: 'abc' }, '${token}'],
    ['${MISSING}', {}, '${MISSING}'],
    ['${EMPTY}', { EMPTY: '' }, '${EMPTY}'],
    ['${A-B}', { 'A-B': 'x' }, '${A-B}'],
    ['${A}', { A: '${B}', B: 'no' }, '${B}'],
  ])(
    'expands %s with %j to %s (only ${NAME}, NAME uppercase/digits/_; unset or empty left as-is)',
    (line, env, out) => {
      expect(simple(line, env)).toEqual([[1, out]]);
    },
  );

  it('reports each value used, and the text a value became when another was expanded inside it', () => {
    const seen = (content: string, env: Record<string, string>) => {
      const values: string[] = [];
      logicalLines(content, env, (v) => values.push(v));
      return values;
    };
    // Values side by side are reported one by one (not joined).
    expect(seen('${A}${B} ${C}', { A: 'aaaa', B: 'bbbb', C: 'cccc' })).toEqual(['aaaa', 'bbbb', 'cccc']);
    // pip makes `tok1234en` of A: neither value, yet all of it is the secret's.
    // Each replacement's text, then the whole run (review 18b F12: reported with its place in the line).
    expect(seen('x ${A} ${B}', { A: 'tok${B}en', B: '1234' })).toEqual([
      'tok',
      '1234',
      'en',
      '1234',
      'tok1234en',
    ]);
  });

  it('expands variables after stripping comments, so a value containing " #" stays', () => {
    expect(simple('foo @ ${URL}', { URL: 'https://h/x #y' })).toEqual([[1, 'foo @ https://h/x #y']]);
  });

  it('maps offsets back to physical positions across continuations and indentation', () => {
    const [line] = logicalLines('   foo \\\n      >= 1.0 \\\n ; python_version < "3"');
    expect(line?.text).toBe('foo       >= 1.0  ; python_version < "3"');
    const at = (needle: string) => positionOf(line!, line!.text.indexOf(needle));
    expect(at('foo')).toEqual({ line: 1, column: 4 });
    expect(at('>=')).toEqual({ line: 2, column: 7 });
    expect(at(';')).toEqual({ line: 3, column: 2 });
    expect(at('"3"')).toEqual({ line: 3, column: 21 });
    expect(positionOf(line!, line!.text.length)).toEqual({ line: 3, column: 24 });
  });

  it('maps offsets after an expanded variable back to the original columns', () => {
    const [line] = logicalLines('--index-url ${URL} --bogus', {
      URL: 'https://user:secret@example.com/simple',
    });
    expect(line?.text).toBe('--index-url https://user:secret@example.com/simple --bogus');
    const bogus = line!.text.indexOf('--bogus');
    expect(positionOf(line!, bogus)).toEqual({ line: 1, column: 20 });
    expect(rawTextOf(line!, bogus, bogus + 7)).toBe('--bogus');
    // Quoting the URL shows the variable, never its value.
    const url = line!.text.indexOf('https');
    expect(rawTextOf(line!, url, url + 20)).toBe('${URL}');
    expect(rawTextOf(line!, 0, line!.text.length)).toBe('--index-url ${URL} --bogus');
  });

  it.each<[string, number]>([
    ['# x', 0],
    ['a # x', 2],
    ['a#b #c', 4],
    ['a#b', -1],
    ['\t#', 1],
  ])('comment in %j starts at %d', (text, at) => {
    expect(commentStart(text)).toBe(at);
  });
});

describe('requirement part and option part (pip break_args_options)', () => {
  it.each<[string, string, string]>([
    ['foo', 'foo', ''],
    ['foo>=1 --hash=sha256:00', 'foo>=1', '--hash=sha256:00'],
    ['foo ; python_version < "3.8" --hash x', 'foo ; python_version < "3.8"', '--hash x'],
    ['-r other.txt', '', '-r other.txt'],
    ['--pre', '', '--pre'],
    ['foo-bar>=1', 'foo-bar>=1', ''],
    ['foo >= 1.0,!=1.5 -C a=b', 'foo >= 1.0,!=1.5', '-C a=b'],
    ['foo\t--hash=x', 'foo', '--hash=x'],
  ])('%j → args %j, options %j', (text, args, options) => {
    const split = splitArgsAndOptions(text);
    expect(split.args).toBe(args);
    expect(text.slice(split.optionsStart)).toBe(options);
  });
});

describe('shell words (shlex.split of the option part)', () => {
  it.each<[string, string[]]>([
    ['-r a.txt', ['-r', 'a.txt']],
    ['  --hash=x   --hash=y  ', ['--hash=x', '--hash=y']],
    ["-r 'my file.txt'", ['-r', 'my file.txt']],
    ['-r "my file.txt"', ['-r', 'my file.txt']],
    ['-r my\\ file.txt', ['-r', 'my file.txt']],
    ['-C "k=a \\"b\\""', ['-C', 'k=a "b"']],
    ["--global-option='--x y'", ['--global-option=--x y']],
    ['"a"\'b\'c', ['abc']],
  ])('%j → %j', (text, words) => {
    expect(shellWords(text).map((w) => w.value)).toEqual(words);
  });

  it('reports word offsets', () => {
    expect(shellWords('  -r  a.txt')).toEqual([
      { value: '-r', start: 2, end: 4 },
      { value: 'a.txt', start: 6, end: 11 },
    ]);
  });

  it.each<[string, number | undefined]>([
    ['-r reqs\\dev.txt', 7],
    ['-r "reqs\\dev.txt"', undefined],
    ["-r 'reqs\\dev.txt'", undefined],
    ['-r my\\ file.txt', undefined],
    ['-r a\\"b', undefined],
  ])('marks an unquoted backslash before an ordinary character in %j', (text, at) => {
    expect(shellWords(text)[1]?.strayEscape).toBe(at);
  });

  it('rejects an unclosed quote at its offset', () => {
    let error: unknown;
    try {
      shellWords('-r "a.txt', 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShellSplitError);
    expect((error as ShellSplitError).offset).toBe(3);
  });
});

// Cross-check against pip's own preprocess() when python3 with pip is available.
const pip = spawnSync('python3', ['-c', 'import pip._internal.req.req_file'], { encoding: 'utf8' });
const describePip = pip.status === 0 ? describe : describe.skip;

describePip('agrees with pip preprocess() (python3 found)', () => {
  const contents = [
    'a\nb\n\nc\n',
    '# comment\n  foo==1 # pinned\nbar#baz\n',
    'foo \\\n  >=1.0\nbar\n',
    'foo \\\n# c\nbar\n',
    '# note \\\nfoo\n',
    'foo # c \\\nbar\nbaz\n',
    'x ${HOME_X} ${LOWER_x} ${UNSET_VAR} ${EMPTY_VAR} $PLAIN\n',
    'https://h/x-1.0-py3-none-any.whl#sha256=abc ; python_version < "3"\n',
    '-r a.txt\n\t-c b.txt \\\n  \n',
  ];
  const env = { HOME_X: '/home/x', EMPTY_VAR: '' };
  it.each(contents)('%j', (content) => {
    const script =
      'import json,sys\nfrom pip._internal.req.req_file import preprocess\n' +
      'print(json.dumps([[n, l] for n, l in preprocess(sys.stdin.read())]))';
    const run = spawnSync('python3', ['-c', script], {
      input: content,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    expect(run.status).toBe(0);
    expect(simple(content, env)).toEqual(JSON.parse(run.stdout));
  });
  // pip replaces each `${NAME}` of the line as written, in order, in the line as it is by then
  // (str.replace), so values naming other variables of the line are expanded too.
  const nested: [string, Record<string, string>][] = [
    ['${A} ${B}\n', { A: 'x${B}y', B: 'Q' }],
    ['${B} ${A}\n', { A: 'x${B}y', B: 'Q' }],
    ['${A} ${A}\n', { A: '${A}z' }],
    ['${A}-${B}-${A}\n', { A: '<${B}>', B: '[${A}]' }],
    ['${A}\n', { A: '${B}', B: 'no' }],
    ['$${C}} ${A}\n', { A: 'a', C: '{A}' }],
    ['${A} ${C} ${A}\n', { A: '1', C: '${A}${EMPTY}${A}', EMPTY: '' }],
  ];
  it.each(nested)('%j with %j', (content, vars) => {
    const script =
      'import json,sys\nfrom pip._internal.req.req_file import preprocess\n' +
      'print(json.dumps([[n, l] for n, l in preprocess(sys.stdin.read())]))';
    const run = spawnSync('python3', ['-c', script], {
      input: content,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PIP_CONFIG_FILE: '/dev/null', ...vars },
    });
    expect(run.status).toBe(0);
    const ours = simple(content, vars);
    expect(ours).toEqual(JSON.parse(run.stdout));
    // Every character still maps into the line as written.
    const [line] = logicalLines(content, vars);
    expect(rawTextOf(line!, 0, line!.text.length)).toBe(content.trim());
  });
});
