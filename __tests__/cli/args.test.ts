import { describe, expect, it } from '@jest/globals';
import { normalizePythonVersion, parseArgs, UsageError } from '../../src/cli/args.js';

describe('parseArgs', () => {
  it('accepts pip spellings: -r FILE, -rFILE, --requirement FILE, --requirement=FILE', () => {
    const r = parseArgs([
      'resolve',
      '-r',
      'a.txt',
      '-rb.txt',
      '--requirement',
      'c.txt',
      '--requirement=d.txt',
    ]);
    expect(r.kind === 'run' && r.args.requirements).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
  });

  it('collects repeatable options and splits comma lists of tags', () => {
    const r = parseArgs([
      'fetch',
      '-r',
      'a',
      '-d',
      'w',
      '--extra-index-url',
      'https://x/',
      '--extra-index-url=https://y/',
      '-f',
      'dir',
      '--platform',
      'manylinux_2_28_x86_64,manylinux_2_17_x86_64',
      '--abi',
      'cp312',
      '--only-binary',
      ':all:',
      '--no-binary',
      'lib',
      '--pre',
      '--concurrency',
      '4',
      '-qq',
    ]);
    expect(r).toEqual({
      kind: 'run',
      args: expect.objectContaining({
        command: 'fetch',
        dest: 'w',
        extraIndexUrls: ['https://x/', 'https://y/'],
        findLinks: ['dir'],
        platforms: ['manylinux_2_28_x86_64', 'manylinux_2_17_x86_64'],
        abis: ['cp312'],
        onlyBinary: [':all:'],
        noBinary: ['lib'],
        pre: true,
        concurrency: 4,
        verbosity: 'quiet',
        noCache: false,
      }),
    });
  });

  it('help and version forms', () => {
    expect(parseArgs([])).toEqual({ kind: 'usage' });
    expect(parseArgs(['help', 'fetch'])).toEqual({ kind: 'help', command: 'fetch' });
    expect(parseArgs(['resolve', '--help'])).toEqual({ kind: 'help', command: 'resolve' });
    expect(parseArgs(['-V'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['resolve', '-r', 'a', '--lock', 'x', '--lock', 'y'], '--lock given twice ("x" and "y")'],
    [['resolve', '-r', 'a', '--pre=yes'], '--pre takes no value'],
    [['resolve', '-r', 'a', 'extra'], 'unexpected argument "extra"'],
    [['resolve', '-r', 'a', '-q', '-v'], '--quiet and --verbose exclude each other'],
    [['resolve', '-r', 'a', '--implementation', 'jy'], 'expected cp or pp'],
    [['resolve', '-r', 'a', '-qx'], 'unknown option -x in "-qx"'],
    [['resolve', '-r', 'a', '--req', 'b'], 'unknown option --req'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it.each([
    ['3.12', '3.12'],
    ['3.12.4', '3.12.4'],
    ['312', '3.12'],
    ['39', '3.9'],
  ])('--python-version %s → %s', (given, expected) => {
    expect(normalizePythonVersion(given)).toBe(expected);
  });

  it('refuses Python 2 and bare majors', () => {
    expect(() => normalizePythonVersion('3')).toThrow(UsageError);
    expect(() => normalizePythonVersion('2.7')).toThrow(UsageError);
  });
});
