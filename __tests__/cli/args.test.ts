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

  it("install takes pip's own command line unchanged, and its own options", () => {
    const pipLine = [
      'install',
      '--no-index',
      '--find-links',
      'WH',
      '--require-hashes',
      '-r',
      'WH/requirements.lock',
      '--python',
      '.venv/bin/python',
    ];
    expect(parseArgs(pipLine)).toEqual({
      kind: 'run',
      args: expect.objectContaining({
        command: 'install',
        noIndex: true,
        findLinks: ['WH'],
        requireHashes: true,
        requirements: ['WH/requirements.lock'],
        python: '.venv/bin/python',
        installer: 'native',
        compile: false,
        reinstall: false,
        breakSystemPackages: false,
        noDeps: false,
      }),
    });
    const r = parseArgs([
      'install',
      '-r',
      'r.txt',
      '--compile',
      '--reinstall',
      '--installer=pip',
      '--break-system-packages',
      '--no-deps',
      '-d',
      'wh',
      '--no-cache',
    ]);
    expect(r.kind === 'run' && r.args).toMatchObject({
      compile: true,
      reinstall: true,
      installer: 'pip',
      breakSystemPackages: true,
      noDeps: true,
      dest: 'wh',
      noCache: true,
    });
    // --dest is optional for install (default: a wheelhouse under the cache directory).
    expect(parseArgs(['install', '-r', 'r.txt'])).toMatchObject({
      kind: 'run',
      args: { command: 'install' },
    });
    expect(parseArgs(['help', 'install'])).toEqual({ kind: 'help', command: 'install' });
  });

  it.each([
    [['install', '-r', 'a', '--installer', 'uv'], '--installer "uv": expected native or pip'],
    [
      ['install', '-r', 'a', '--python-version', '3.12'],
      '--python-version cannot be used with wheelhouse install',
    ],
    [['install', '-r', 'a', '--platform', 'win_amd64'], '--platform cannot be used with wheelhouse install'],
    [
      ['fetch', '-r', 'a', '-d', 'w', '--python', 'x'],
      '--python is an option of wheelhouse install, not of wheelhouse fetch',
    ],
    [
      ['resolve', '-r', 'a', '--compile'],
      '--compile is an option of wheelhouse install, not of wheelhouse resolve',
    ],
    [['resolve', '-r', 'a', '--dest', 'w'], '--dest is an option of wheelhouse fetch and install'],
    [['install', '-r', 'a', '--python='], '--python needs a path or command'],
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

  it("pip's network and no-effect options from a pip line are accepted; bad values are refused", () => {
    const r = parseArgs([
      'install',
      '-U',
      '--no-compile',
      '--no-cache-dir',
      '--disable-pip-version-check',
      '--no-warn-script-location',
      '--root-user-action=ignore',
      '--progress-bar',
      'off',
      '--retries',
      '2',
      '--timeout',
      '60',
      '-r',
      'r.txt',
    ]);
    expect(r.kind === 'run' && r.args).toMatchObject({
      noCache: true,
      compile: false,
      progressBar: 'off',
      retries: 2,
      timeoutSec: 60,
    });
    const plain = parseArgs(['install', '-r', 'r.txt']);
    expect(plain.kind === 'run' && plain.args).toMatchObject({ noCache: false });
    expect(plain.kind === 'run' && plain.args.progressBar).toBeUndefined();
    expect(plain.kind === 'run' && 'retries' in plain.args).toBe(false);
    for (const [argv, message] of [
      [['--retries', 'many'], '--retries "many": expected a whole number from 0 to 100'],
      [['--timeout', '0'], '--timeout "0": expected a positive number of seconds'],
      [['--progress-bar', 'fancy'], '--progress-bar "fancy": expected on, off or raw'],
      [['--root-user-action', 'deny'], '--root-user-action "deny": expected warn or ignore'],
      [['--compile', '--no-compile'], '--compile and --no-compile exclude each other'],
    ] as const) {
      expect(() => parseArgs(['install', '-r', 'r.txt', ...argv])).toThrow(message);
    }
    // Install-only, as in pip (pip download has no --upgrade).
    expect(() => parseArgs(['fetch', '-r', 'r.txt', '--dest', 'wh', '-U'])).toThrow(
      '--upgrade is an option of wheelhouse install, not of wheelhouse fetch',
    );
  });

  it('refuses Python 2 and bare majors', () => {
    expect(() => normalizePythonVersion('3')).toThrow(UsageError);
    expect(() => normalizePythonVersion('2.7')).toThrow(UsageError);
  });
});
