import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  absoluteLocalLink,
  DEFAULT_INDEX_URL,
  effectiveFinder,
  FinderOptionsError,
  splitNamedIndex,
} from '../../src/flow/finder-options.js';
import { defaultOptions } from '../../src/standards/requirements-file-options.js';
import { mayUseSdist, mayUseWheel } from '../../src/standards/requirements-file-binary.js';
import type { NormalizedName } from '../../src/standards/names.js';

describe('effectiveFinder', () => {
  it('defaults to PyPI, first-index, wheels and sdists allowed', () => {
    const f = effectiveFinder(defaultOptions(), {});
    expect(f).toEqual({
      indexUrls: [DEFAULT_INDEX_URL],
      findLinks: [],
      pre: false,
      preferBinary: false,
      onlyBinary: { all: false, names: new Set([]) },
      noBinary: { all: false, names: new Set([]) },
      strategy: 'first-index',
      namedIndexes: [],
      indexSource: "pip's default",
    });
  });

  it('NAME=URL names an index for WHEELHOUSE_INDEX_<NAME>_* credentials', () => {
    const f = effectiveFinder(defaultOptions(), {
      indexUrl: 'internal=https://pypi.corp.example/simple/',
      extraIndexUrls: ['https://x.example/simple/?a=b', 'mirror=https://m.example/simple/'],
    });
    expect(f.indexUrls).toEqual([
      'https://pypi.corp.example/simple/',
      'https://x.example/simple/?a=b',
      'https://m.example/simple/',
    ]);
    expect(f.namedIndexes).toEqual([
      { name: 'internal', url: 'https://pypi.corp.example/simple/' },
      { name: 'mirror', url: 'https://m.example/simple/' },
    ]);
    expect(splitNamedIndex('https://h/?token=a=b')).toEqual({ url: 'https://h/?token=a=b' });
  });

  it("a requirement file's -i replaces every index named before it, the command line's too (pip 23.2)", () => {
    const files = {
      ...defaultOptions(),
      indexUrl: 'https://a/simple/',
      extraIndexUrls: ['https://b/simple/'],
      findLinks: ['x'],
    };
    const f = effectiveFinder(files, {
      indexUrl: 'https://c/simple/',
      extraIndexUrls: ['https://d/simple/', 'https://b/simple/'],
      findLinks: ['y'],
      indexStrategy: 'unsafe-best-match',
    });
    expect(f.indexUrls).toEqual(['https://a/simple/', 'https://b/simple/']);
    expect(f.indexSource).toBe('a requirement file (-i)');
    // find-links accumulate: configuration, command line, then the files.
    expect(f.findLinks).toEqual(['y', 'x']);
    expect(f.strategy).toBe('unsafe-best-match');
  });

  it('without a file -i: the given index, then extra indexes of the configuration, the command line, the files', () => {
    const files = { ...defaultOptions(), extraIndexUrls: ['https://file-x/simple/'] };
    const f = effectiveFinder(
      files,
      { indexUrl: 'https://cli/simple/', extraIndexUrls: ['https://cli-x/simple/'] },
      { files: [], extraIndexUrls: { value: ['https://cfg-x/simple/'], source: 'pip.conf' } },
    );
    expect(f.indexUrls).toEqual([
      'https://cli/simple/',
      'https://cfg-x/simple/',
      'https://cli-x/simple/',
      'https://file-x/simple/',
    ]);
    expect(f.indexSource).toBe('--index-url');
  });

  it('--no-index from either side drops every index; --pre from either side turns on', () => {
    expect(
      effectiveFinder({ ...defaultOptions(), noIndex: true }, { indexUrl: 'https://c/' }).indexUrls,
    ).toEqual([]);
    expect(effectiveFinder({ ...defaultOptions(), pre: true }, {}).pre).toBe(true);
  });

  it("binary values apply in pip's order — configuration, command line, then each file value — with pip's mutual exclusion", () => {
    const six = 'six' as NormalizedName;
    // Command line --only-binary :all:, file --no-binary six: pip builds six from source.
    const cliThenFile = effectiveFinder(
      { ...defaultOptions(), binaryValues: [{ option: 'no-binary', value: 'six' }] },
      { onlyBinary: [':all:'] },
    );
    expect(cliThenFile.onlyBinary).toEqual({ all: true, names: new Set([]) });
    expect(cliThenFile.noBinary).toEqual({ all: false, names: new Set(['six']) });
    expect(mayUseSdist(cliThenFile, six)).toBe(true);
    expect(mayUseWheel(cliThenFile, six)).toBe(false);
    // pip.conf no-binary six, file --only-binary :all:: the file's :all: clears it — wheels only.
    const configThenFile = effectiveFinder(
      { ...defaultOptions(), binaryValues: [{ option: 'only-binary', value: ':all:' }] },
      {},
      { files: [], noBinary: { value: 'six', source: 'pip.conf' } },
    );
    expect(mayUseWheel(configThenFile, six)).toBe(true);
    expect(mayUseSdist(configThenFile, six)).toBe(false);
    // File values replay in order: --no-binary :all: then --only-binary six.
    const inOrder = effectiveFinder(
      {
        ...defaultOptions(),
        binaryValues: [
          { option: 'no-binary', value: ':all:' },
          { option: 'only-binary', value: 'six' },
        ],
      },
      { onlyBinary: ['lib'] },
    );
    expect(inOrder.noBinary).toEqual({ all: true, names: new Set([]) });
    expect(inOrder.onlyBinary).toEqual({ all: false, names: new Set(['six']) }); // :all: cleared 'lib' (pip's FormatControl)
    const g = effectiveFinder(defaultOptions(), { onlyBinary: ['Foo_Bar,baz'] });
    expect([...g.onlyBinary.names]).toEqual(['foo-bar', 'baz']);
  });

  it('rejects bad names and URLs without echoing a password', () => {
    expect(() => effectiveFinder(defaultOptions(), { onlyBinary: ['-bad-'] })).toThrow(FinderOptionsError);
    let message = '';
    try {
      effectiveFinder(defaultOptions(), { indexUrl: 'ftp://u:topsecret@host/simple' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('is not an http(s) or file URL');
    expect(message).not.toContain('topsecret');
  });
});

describe('find-links paths (pip: relative to the working directory; `~` expanded when it exists)', () => {
  it('makes relative paths absolute against cwd and expands ~ only where the directory exists', () => {
    const home = mkdtempSync(join(tmpdir(), 'wh-finder-home-'));
    try {
      mkdirSync(join(home, 'wheels'));
      const f = effectiveFinder(
        { ...defaultOptions(), findLinks: ['~/wheels', '~/missing'] },
        { findLinks: ['links', '/abs/links', 'https://h.example/l/', 'file:///w/'] },
        undefined,
        { cwd: '/work/proj', home },
      );
      expect(f.findLinks).toEqual([
        '/work/proj/links',
        '/abs/links',
        'https://h.example/l/',
        'file:///w/',
        join(home, 'wheels'),
        '/work/proj/~/missing',
      ]);
      expect(absoluteLocalLink('~/wheels', '/c')).toBe('/c/~/wheels');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
