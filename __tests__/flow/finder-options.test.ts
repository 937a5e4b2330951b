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

describe('effectiveFinder', () => {
  it('defaults to PyPI, first-index, wheels and sdists allowed', () => {
    const f = effectiveFinder(defaultOptions(), {});
    expect(f).toEqual({
      indexUrls: [DEFAULT_INDEX_URL],
      findLinks: [],
      pre: false,
      preferBinary: false,
      onlyBinary: { all: false, names: [] },
      noBinary: { all: false, names: [] },
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

  it("a given --index-url replaces the files' -i; extra indexes and find-links accumulate files first", () => {
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
    expect(f.indexUrls).toEqual(['https://c/simple/', 'https://b/simple/', 'https://d/simple/']);
    expect(f.findLinks).toEqual(['x', 'y']);
    expect(f.strategy).toBe('unsafe-best-match');
  });

  it('--no-index from either side drops every index; --pre from either side turns on', () => {
    expect(
      effectiveFinder({ ...defaultOptions(), noIndex: true }, { indexUrl: 'https://c/' }).indexUrls,
    ).toEqual([]);
    expect(effectiveFinder({ ...defaultOptions(), pre: true }, {}).pre).toBe(true);
  });

  it("binary values apply after the files', with pip's mutual exclusion", () => {
    const files = { ...defaultOptions(), noBinary: { all: false, names: ['lib' as never] } };
    const f = effectiveFinder(files, { onlyBinary: [':all:'] });
    expect(f.onlyBinary).toEqual({ all: true, names: [] });
    expect(f.noBinary).toEqual({ all: false, names: [] });
    const g = effectiveFinder(defaultOptions(), { onlyBinary: ['Foo_Bar,baz'] });
    expect(g.onlyBinary.names).toEqual(['foo-bar', 'baz']);
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
        join(home, 'wheels'),
        '/work/proj/~/missing',
        '/work/proj/links',
        '/abs/links',
        'https://h.example/l/',
        'file:///w/',
      ]);
      expect(absoluteLocalLink('~/wheels', '/c')).toBe('/c/~/wheels');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
