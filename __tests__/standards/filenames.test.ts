import { describe, expect, it } from '@jest/globals';
import {
  InvalidFilenameError,
  parseSdistFilename,
  parseWheelFilename,
  tagToString,
} from '../../src/standards/filenames.js';
import { parseTagSet } from '../../src/standards/tag.js';

const tagStrings = (filename: string): string[] => parseWheelFilename(filename).tags.map(tagToString);

describe('parseWheelFilename', () => {
  it('parses the binary distribution format example with a build tag', () => {
    // Spec example: "distribution-1.0-1-py27-none-any.whl" has build tag 1.
    expect(parseWheelFilename('distribution-1.0-1-py27-none-any.whl')).toEqual({
      name: 'distribution',
      rawName: 'distribution',
      version: '1.0',
      buildTag: { n: 1n, rest: '' },
      tags: [{ interpreter: 'py27', abi: 'none', platform: 'any' }],
      pythonTags: ['py27'],
      abiTags: ['none'],
      platformTags: ['any'],
    });
  });

  it('has no buildTag property when the name has five parts', () => {
    const w = parseWheelFilename('distribution-1.0-py32-none-any.whl');
    expect('buildTag' in w).toBe(false);
    expect(w.version).toBe('1.0');
  });

  it.each([
    ['1', { n: 1n, rest: '' }],
    ['2b', { n: 2n, rest: 'b' }],
    ['20240101_abc', { n: 20240101n, rest: '_abc' }],
    ['007', { n: 7n, rest: '' }],
    // Longer than 2^53: pip compares a Python int, so every digit counts.
    ['123456789012345678901234567890', { n: 123456789012345678901234567890n, rest: '' }],
  ])('splits build tag %s into its number and rest', (build, expected) => {
    expect(parseWheelFilename(`pkg-1.0-${build}-py3-none-any.whl`).buildTag).toEqual(expected);
  });

  it.each([
    // PEP 425 "Compressed Tag Sets": a universal wheel.
    ['simple-0.1-py2.py3-none-any.whl', ['py2-none-any', 'py3-none-any']],
    // PEP 425 example tag.
    ['foo-1.0-cp33-cp33m-linux_x86_64.whl', ['cp33-cp33m-linux_x86_64']],
    // PEP 600 + legacy alias written together, as auditwheel does.
    [
      'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux2014_x86_64'],
    ],
    // PEP 656.
    ['foo-2.0-cp311-cp311-musllinux_1_1_aarch64.whl', ['cp311-cp311-musllinux_1_1_aarch64']],
    ['cryptography-42.0.5-cp39-abi3-macosx_10_12_universal2.whl', ['cp39-abi3-macosx_10_12_universal2']],
    [
      'multi-1.0-cp37.cp38-abi3.none-win32.win_amd64.whl',
      [
        'cp37-abi3-win32',
        'cp37-abi3-win_amd64',
        'cp37-none-win32',
        'cp37-none-win_amd64',
        'cp38-abi3-win32',
        'cp38-abi3-win_amd64',
        'cp38-none-win32',
        'cp38-none-win_amd64',
      ],
    ],
    ['dup-1.0-py3.py3-none-any.whl', ['py3-none-any']],
    ['Upper-1.0-PY3-NONE-ANY.whl', ['py3-none-any']],
  ])('expands the tags of %s', (filename, expected) => {
    expect(tagStrings(filename)).toEqual(expected);
  });

  it('keeps the tag parts as written', () => {
    const w = parseWheelFilename('Upper-1.0-PY2.py3-NONE-ANY.whl');
    expect(w.pythonTags).toEqual(['PY2', 'py3']);
    expect(w.abiTags).toEqual(['NONE']);
    expect(w.platformTags).toEqual(['ANY']);
  });

  it.each([
    ['typing_extensions-4.9.0-py3-none-any.whl', 'typing-extensions', 'typing_extensions'],
    ['zope.interface-6.1-cp312-cp312-win_amd64.whl', 'zope-interface', 'zope.interface'],
    ['Django-5.0-py3-none-any.whl', 'django', 'Django'],
    ['ruamel.yaml.clib-0.2.8-cp312-cp312-win_amd64.whl', 'ruamel-yaml-clib', 'ruamel.yaml.clib'],
  ])('normalizes the name of %s', (filename, name, rawName) => {
    const w = parseWheelFilename(filename);
    expect(w.name).toBe(name);
    expect(w.rawName).toBe(rawName);
  });

  it.each(['1!2.0', '1.0.post1.dev2', '1.0+local.7', '2.0rc1', '1.0_beta'])(
    'keeps version %s as written',
    (version) => {
      expect(parseWheelFilename(`pkg-${version}-py3-none-any.whl`).version).toBe(version);
    },
  );

  it.each([
    ['pkg-1.0-py3-none-any.zip', 'a wheel file name must end with ".whl"'],
    ['pkg-1.0-py3-none-any.WHL', 'a wheel file name must end with ".whl"'],
    [
      'pkg-1.0-none-any.whl',
      'expected 5 or 6 "-"-separated parts ({name}-{version}[-{build tag}]-{python tag}-{abi tag}-{platform tag}), found 4',
    ],
    [
      'my-pkg-1.0-1-py3-none-any.whl',
      'expected 5 or 6 "-"-separated parts ({name}-{version}[-{build tag}]-{python tag}-{abi tag}-{platform tag}), found 7',
    ],
    ['-1.0-py3-none-any.whl', 'the project name is empty'],
    [
      'foo__bar-1.0-py3-none-any.whl',
      'invalid project name "foo__bar": an escaped wheel name is ASCII letters, digits, "." and single "_"',
    ],
    [
      'foo+bar-1.0-py3-none-any.whl',
      'invalid project name "foo+bar": an escaped wheel name is ASCII letters, digits, "." and single "_"',
    ],
    ['pkg--py3-none-any.whl', 'the version is empty'],
    ['pkg-latest-py3-none-any.whl', 'invalid version "latest": not a PEP 440 version'],
    ['pkg-1.0-abc-py3-none-any.whl', 'invalid build tag "abc": a build tag must start with a digit'],
    ['pkg-1.0--py3-none-any.whl', 'invalid build tag "": a build tag must start with a digit'],
    ['pkg-1.0-py2..py3-none-any.whl', 'empty item in python tag "py2..py3"'],
    ['pkg-1.0-py3--any.whl', 'empty item in abi tag ""'],
    ['pkg-1.0-py3-none-.whl', 'empty item in platform tag ""'],
  ])('rejects %s: %s', (filename, reason) => {
    let error: unknown;
    try {
      parseWheelFilename(filename);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidFilenameError);
    const err = error as InvalidFilenameError;
    expect(err.reason).toBe(reason);
    expect(err.input).toBe(filename);
    expect(err.kind).toBe('wheel');
    expect(err.message).toBe(`invalid wheel filename ${JSON.stringify(filename)}: ${reason}`);
  });
});

describe('parseSdistFilename', () => {
  it.each([
    ['requests-2.31.0.tar.gz', undefined, 'requests', 'requests', '2.31.0', '.tar.gz'],
    ['Django-4.2.tar.gz', undefined, 'django', 'Django', '4.2', '.tar.gz'],
    ['zope.interface-5.0.zip', undefined, 'zope-interface', 'zope.interface', '5.0', '.zip'],
    ['python-dateutil-2.8.2.tar.gz', undefined, 'python-dateutil', 'python-dateutil', '2.8.2', '.tar.gz'],
    [
      'typing_extensions-4.9.0.tar.gz',
      undefined,
      'typing-extensions',
      'typing_extensions',
      '4.9.0',
      '.tar.gz',
    ],
    ['foo-1.0-1.tar.gz', 'foo', 'foo', 'foo', '1.0-1', '.tar.gz'],
    [
      'python-dateutil-2.8.2.tar.gz',
      'Python_Dateutil',
      'python-dateutil',
      'python-dateutil',
      '2.8.2',
      '.tar.gz',
    ],
    ['foo-1.0-1.tar.gz', undefined, 'foo-1-0', 'foo-1.0', '1', '.tar.gz'],
  ])('parses %s (project %s)', (filename, project, name, rawName, version, ext) => {
    expect(parseSdistFilename(filename, project)).toEqual({ name, rawName, version, ext });
  });

  it.each([
    [
      'foo-1.0.tar.bz2',
      undefined,
      'legacy archive format ".tar.bz2" is not supported (only ".tar.gz" and ".zip")',
    ],
    ['foo-1.0.tgz', undefined, 'legacy archive format ".tgz" is not supported (only ".tar.gz" and ".zip")'],
    ['foo-1.0.tar', undefined, 'legacy archive format ".tar" is not supported (only ".tar.gz" and ".zip")'],
    ['foo-1.0.whl', undefined, 'a source distribution file name must end with ".tar.gz" or ".zip"'],
    ['foo.tar.gz', undefined, 'no "-" separates the name from the version'],
    ['foo-.tar.gz', undefined, 'the version is empty'],
    ['-1.0.tar.gz', undefined, 'the project name is empty'],
    ['foo bar-1.0.tar.gz', undefined, 'invalid project name "foo bar"'],
    ['foo-dev.tar.gz', undefined, 'invalid version "dev": not a PEP 440 version'],
    ['foo-1.0.tar.gz', 'bar', 'the name part does not match project "bar"'],
    ['foo-1.0-beta-x.tar.gz', 'foo', 'invalid version "1.0-beta-x": not a PEP 440 version'],
  ])('rejects %s (project %s): %s', (filename, project, reason) => {
    expect(() => parseSdistFilename(filename, project)).toThrow(
      new InvalidFilenameError(filename, 'sdist', reason),
    );
    expect(() => parseSdistFilename(filename, project)).toThrow(
      `invalid sdist filename ${JSON.stringify(filename)}: ${reason}`,
    );
  });
});

describe('parseTagSet', () => {
  it('expands a compressed tag string', () => {
    expect(parseTagSet('py2.py3-none-any')?.map(tagToString)).toEqual(['py2-none-any', 'py3-none-any']);
  });
  it.each(['py3-none', 'py3-none-any-x', 'py3.-none-any', ''])('rejects %j', (text) => {
    expect(parseTagSet(text)).toBeUndefined();
  });
});

describe('tag parts are parsed once per distinct value (PyPI-scale pages)', () => {
  it('two wheels with the same tag part share one frozen, equal expansion', () => {
    const a = parseWheelFilename('pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    const b = parseWheelFilename('pkg-2.0-1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    expect(b.tags).toBe(a.tags);
    expect(Object.isFrozen(a.tags) && Object.isFrozen(a.tags[0])).toBe(true);
    expect(a.tags.map((t) => `${t.interpreter}-${t.abi}-${t.platform}`)).toEqual([
      'cp311-cp311-manylinux_2_17_x86_64',
      'cp311-cp311-manylinux2014_x86_64',
    ]);
    expect(a.version).toBe('1.0');
    expect(b.buildTag).toEqual({ n: 1n, rest: '' });
  });

  it('a bad tag part still fails for every name that has it', () => {
    expect(() => parseWheelFilename('pkg-1.0-py3.-none-any.whl')).toThrow(/empty item in python tag/);
    expect(() => parseWheelFilename('pkg-2.0-py3.-none-any.whl')).toThrow(/empty item in python tag/);
  });
});
