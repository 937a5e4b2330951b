import { describe, expect, it } from '@jest/globals';
import {
  InvalidMetadataError,
  parseMetadata,
  parseMetadataStrict,
  validateMetadata,
  type MetadataProblem,
} from '../../src/standards/metadata.js';

const lines = (...l: string[]): string => l.join('\n') + '\n';
const base = (version = '2.4', ...rest: string[]): string =>
  lines(`Metadata-Version: ${version}`, 'Name: sample', 'Version: 1.0', ...rest);
const messages = (problems: MetadataProblem[]): string[] => problems.map((p) => p.message);

// Modeled on the field examples of the core metadata specification.
const SPEC_EXAMPLE = lines(
  'Metadata-Version: 2.4',
  'Name: BeagleVote',
  'Version: 1.0a2',
  'Platform: ObscureUnix',
  'Platform: RareDOS',
  'Supported-Platform: RedHat 7.2',
  'Supported-Platform: i386-win32-2791',
  'Summary: A module for collecting votes from beagles.',
  'Description-Content-Type: text/markdown; charset=UTF-8; variant=GFM',
  'Keywords: dog,puppy,voting,election',
  'Author-email: "C. Schultz" <cschultz@example.com>',
  'License-Expression: MIT',
  'License-File: LICENSE.txt',
  'Classifier: Development Status :: 4 - Beta',
  'Classifier: Environment :: Console (Text Based)',
  'Requires-Dist: pkginfo',
  'Requires-Dist: PasteDeploy',
  'Requires-Dist: zope.interface (>3.5.0)',
  "Requires-Dist: pywin32 >1.0; sys_platform == 'win32'",
  'Requires-Python: >=3',
  'Requires-External: C',
  'Requires-External: libpng (>=1.5)',
  'Project-URL: Bug Tracker, http://bitbucket.org/tarek/distribute/issues/',
  'Provides-Extra: pdf',
  "Requires-Dist: reportlab; extra == 'pdf'",
  'Provides-Extra: Plot_Lib',
  'Provides-Dist: OtherProject',
  'Obsoletes-Dist: Gorgon',
  'Dynamic: Obsoletes-Dist',
  '',
  '# BeagleVote',
  '',
  'Votes, collected.',
);

describe('parseMetadata', () => {
  it('reads the spec example with every multiple-use field in order', () => {
    const { metadata: m, problems } = parseMetadata(SPEC_EXAMPLE);
    expect(problems).toEqual([]);
    expect(m.metadataVersion).toBe('2.4');
    expect(m.name).toBe('BeagleVote');
    expect(m.normalizedName).toBe('beaglevote');
    expect(m.version).toBe('1.0a2');
    expect(m.summary).toBe('A module for collecting votes from beagles.');
    expect(m.descriptionContentType).toBe('text/markdown; charset=UTF-8; variant=GFM');
    expect(m.requiresPython).toBe('>=3');
    expect(m.requiresDist).toEqual([
      'pkginfo',
      'PasteDeploy',
      'zope.interface (>3.5.0)',
      "pywin32 >1.0; sys_platform == 'win32'",
      "reportlab; extra == 'pdf'",
    ]);
    expect(m.providesExtra).toEqual(['pdf', 'plot-lib']);
    expect(m.dynamic).toEqual(['obsoletes-dist']);
    expect(m.fields.get('platform')).toEqual(['ObscureUnix', 'RareDOS']);
    expect(m.fields.get('classifier')).toEqual([
      'Development Status :: 4 - Beta',
      'Environment :: Console (Text Based)',
    ]);
    expect(m.fields.get('provides-extra')).toEqual(['pdf', 'Plot_Lib']);
    expect(m.fields.get('project-url')).toEqual([
      'Bug Tracker, http://bitbucket.org/tarek/distribute/issues/',
    ]);
    expect(m.description).toBe('# BeagleVote\n\nVotes, collected.\n');
    expect(m.fields.has('description')).toBe(false);
  });

  it('accepts bytes, CRLF line ends and a BOM with the same result', () => {
    const crlf = SPEC_EXAMPLE.replace(/\n/g, '\r\n');
    const fromBytes = parseMetadata(new TextEncoder().encode('\uFEFF' + crlf));
    const fromString = parseMetadata(SPEC_EXAMPLE);
    expect(fromBytes.problems).toEqual([]);
    expect(fromBytes.metadata).toEqual(fromString.metadata);
  });

  it('accepts a BOM in string input', () => {
    expect(parseMetadata('\uFEFF' + base()).metadata.metadataVersion).toBe('2.4');
  });

  it('decodes UTF-8 names and text', () => {
    const bytes = new TextEncoder().encode(base('2.4', 'Author: Jürgen Ünlü', 'Summary: ☃ snow'));
    const { metadata: m } = parseMetadata(bytes);
    expect(m.fields.get('author')).toEqual(['Jürgen Ünlü']);
    expect(m.summary).toBe('☃ snow');
  });

  it('unfolds continuation lines of ordinary fields as RFC 5322 does', () => {
    const { metadata: m, problems } = parseMetadata(
      base(
        '2.1',
        'Summary: A summary that',
        '  goes on',
        'Requires-Dist: foo',
        '\t>=1.0; extra == "x"',
        'Provides-Extra: x',
      ),
    );
    expect(problems).toEqual([]);
    expect(m.summary).toBe('A summary that  goes on');
    expect(m.requiresDist).toEqual(['foo\t>=1.0; extra == "x"']);
  });

  it('matches field names case-insensitively', () => {
    const { metadata: m } = parseMetadata(
      lines(
        'metadata-version: 2.1',
        'NAME: x',
        'version: 1',
        'requires-dist: a',
        'REQUIRES-DIST: b',
        'Requires-Dist: c',
      ),
    );
    expect(m.name).toBe('x');
    expect(m.requiresDist).toEqual(['a', 'b', 'c']);
    expect([...m.fields.keys()]).toEqual(['metadata-version', 'name', 'version', 'requires-dist']);
  });

  it('keeps line breaks of a folded Description written with the spec\'s "7 spaces and |" prefix', () => {
    const { metadata: m, problems } = parseMetadata(
      base(
        '1.2',
        'Description: This project provides powerful math functions',
        '       |For example, you can use `sum()` to sum numbers:',
        '       |',
        '       |Example::',
        '       |',
        '       |    >>> sum(1, 2)',
        '       |    3',
        '       |',
      ),
    );
    expect(problems).toEqual([]);
    expect(m.description).toBe(
      'This project provides powerful math functions\nFor example, you can use `sum()` to sum numbers:\n\nExample::\n\n    >>> sum(1, 2)\n    3',
    );
  });

  it('dedents a Description and License folded with 8 spaces (setuptools style)', () => {
    const { metadata: m } = parseMetadata(
      base(
        '1.1',
        'License: Copyright (c) 2024',
        '        ',
        '        Permission is hereby granted',
        'Description: Title',
        '        =====',
        '        ',
        '            indented code',
      ),
    );
    expect(m.fields.get('license')).toEqual(['Copyright (c) 2024\n\nPermission is hereby granted']);
    expect(m.description).toBe('Title\n=====\n\n    indented code');
  });

  it('reports a Description given both as header and body, and uses the body', () => {
    const { metadata: m, problems } = parseMetadata(
      lines('Metadata-Version: 2.1', 'Name: a', 'Version: 1', 'Description: head', '', 'body'),
    );
    expect(m.description).toBe('body\n');
    expect(problems).toEqual([
      {
        severity: 'error',
        field: 'Description',
        line: 4,
        message: 'Description is given both as a header and as the message body; the body is used',
      },
    ]);
  });

  it('ignores a blank body', () => {
    const { metadata: m } = parseMetadata(base('2.1') + '\n\n   \n');
    expect('description' in m).toBe(false);
  });

  it('reads a non-header line as the start of the body, as email.parser does', () => {
    const { metadata: m, problems } = parseMetadata(
      lines('Metadata-Version: 2.1', 'Name: a', 'Version: 1', 'this is not a header', 'Requires-Dist: lost'),
    );
    expect(m.requiresDist).toEqual([]);
    expect(m.description).toBe('this is not a header\nRequires-Dist: lost\n');
    expect(problems).toEqual([
      {
        severity: 'error',
        line: 4,
        message:
          '"this is not a header" is not a "Name: value" header; it and all later lines are read as the body',
      },
    ]);
  });

  it('keeps the empty line after a non-header line in the body, whatever the line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['Name: a', 'Version: 1', 'not a header', '', 'body', ''].join(eol);
      expect(parseMetadata(text).metadata.description).toBe('not a header\n\nbody\n');
    }
  });

  it('reads a body that starts at the very first line, and mixed line ends around the empty line', () => {
    expect(parseMetadata('\r\r\nName: a\n').metadata).toMatchObject({ name: '', description: '\nName: a\n' });
    const { metadata: m } = parseMetadata('Name: a\r\nVersion: 1\n\r\nline 1\rline 2\r\n');
    expect(m).toMatchObject({ name: 'a', version: '1', description: 'line 1\nline 2\n' });
  });

  it('ignores a continuation line before the first header', () => {
    const { metadata: m, problems } = parseMetadata('  stray\n' + base('2.1'));
    expect(m.name).toBe('sample');
    expect(problems).toEqual([
      {
        severity: 'error',
        line: 1,
        message: 'continuation line "  stray" comes before any header; it is ignored',
      },
    ]);
  });

  it('reports invalid UTF-8 and carries on with replacement characters', () => {
    const head = new TextEncoder().encode(base('2.1', 'Summary: caf'));
    const bytes = new Uint8Array([...head.slice(0, -1), 0xe9, 0x0a]);
    const { metadata: m, problems } = parseMetadata(bytes);
    expect(m.summary).toBe('caf\uFFFD');
    expect(messages(problems)).toEqual([
      'the input is not valid UTF-8; invalid bytes were replaced with U+FFFD',
    ]);
  });

  it('normalizes and de-duplicates Provides-Extra (PEP 685)', () => {
    const { metadata: m, problems } = parseMetadata(
      base(
        '2.3',
        'Provides-Extra: Foo_Bar',
        'Provides-Extra: foo-bar',
        'Provides-Extra: foo.bar',
        'Provides-Extra: Tests',
      ),
    );
    expect(problems).toEqual([]);
    expect(m.providesExtra).toEqual(['foo-bar', 'tests']);
  });

  it('reads Dynamic as lowercased field names (PEP 643)', () => {
    const { metadata: m, problems } = parseMetadata(
      base('2.2', 'Dynamic: Requires-Dist', 'Dynamic: PROVIDES-EXTRA'),
    );
    expect(problems).toEqual([]);
    expect(m.dynamic).toEqual(['requires-dist', 'provides-extra']);
  });
});

describe('validation problems', () => {
  it.each([
    [
      'missing required fields',
      lines('Summary: nothing else'),
      [
        'missing required field Metadata-Version',
        'missing required field Name',
        'missing required field Version',
      ],
    ],
    [
      'invalid Name and Version',
      lines('Metadata-Version: 2.1', 'Name: bad name!', 'Version: one'),
      [
        `invalid Name "bad name!": a name is ASCII letters and digits, with '.', '_' or '-' only between them`,
        'invalid Version "one": not a PEP 440 version',
      ],
    ],
    [
      'empty Name',
      lines('Metadata-Version: 2.1', 'Name:', 'Version: 1'),
      [`invalid Name "": a name is ASCII letters and digits, with '.', '_' or '-' only between them`],
    ],
    [
      'Metadata-Version 1.3',
      base('1.3'),
      ['unknown Metadata-Version "1.3": known versions are 1.0, 1.1, 1.2, 2.1, 2.2, 2.3, 2.4'],
    ],
    ['Metadata-Version abc', base('abc'), ['invalid Metadata-Version "abc": expected "major.minor"']],
    [
      'Metadata-Version 3.0',
      base('3.0'),
      ['Metadata-Version 3.0 has a newer major version than the supported 2.4'],
    ],
    [
      'a single-use field twice',
      base('2.1', 'Summary: one', 'summary: two'),
      ['Summary is a single-use field but appears 2 times: "one", "two"'],
    ],
    [
      'Provides-Extra in 1.2',
      base('1.2', 'Provides-Extra: pdf'),
      ['Provides-Extra was introduced in Metadata-Version 2.1, but the file declares 1.2'],
    ],
    [
      'Dynamic in 2.1',
      base('2.1', 'Dynamic: Summary'),
      ['Dynamic was introduced in Metadata-Version 2.2, but the file declares 2.1'],
    ],
    [
      'License-Expression in 2.3',
      base('2.3', 'License-Expression: MIT'),
      ['License-Expression was introduced in Metadata-Version 2.4, but the file declares 2.3'],
    ],
    [
      'Dynamic naming static fields',
      base('2.2', 'Dynamic: Version', 'Dynamic: name', 'Dynamic: Metadata-Version'),
      [
        'Dynamic must not name Version: it is always static',
        'Dynamic must not name Name: it is always static',
        'Dynamic must not name Metadata-Version: it is always static',
      ],
    ],
    [
      'Dynamic naming an unknown field',
      base('2.2', 'Dynamic: Colour'),
      ['Dynamic names unknown field "colour"'],
    ],
    [
      'an invalid extra in 2.3',
      base('2.3', 'Provides-Extra: -bad'),
      [
        `invalid Provides-Extra "-bad": an extra name is ASCII letters and digits, with '.', '_' or '-' only between them`,
      ],
    ],
  ])('%s is an error', (_label, text, expected) => {
    const { problems } = parseMetadata(text);
    expect(messages(problems)).toEqual(expected);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(() => parseMetadataStrict(text)).toThrow(InvalidMetadataError);
  });

  it.each([
    [
      'Metadata-Version 2.0',
      base('2.0', 'Provides-Extra: x'),
      ['Metadata-Version 2.0 was never specified (old bdist_wheel wrote it); it is read as 2.1'],
    ],
    [
      'Metadata-Version 2.5',
      base('2.5', 'Import-Name: sample'),
      ['Metadata-Version 2.5 is newer than the supported 2.4; its new fields are kept but not interpreted'],
    ],
    [
      'License-File in 2.1',
      base('2.1', 'License-File: LICENSE'),
      [
        'License-File was introduced in Metadata-Version 2.4, but the file declares 2.1 (setuptools wrote it before PEP 639)',
      ],
    ],
    [
      'an invalid extra before 2.3',
      base('2.1', 'Provides-Extra: a b'),
      [
        `invalid Provides-Extra "a b": an extra name is ASCII letters and digits, with '.', '_' or '-' only between them`,
      ],
    ],
  ])('%s is only a warning', (_label, text, expected) => {
    const { problems } = parseMetadata(text);
    expect(messages(problems)).toEqual(expected);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(parseMetadataStrict(text).name).toBe('sample');
  });

  it.each(['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4'])('accepts minimal Metadata-Version %s', (v) => {
    expect(parseMetadata(base(v)).problems).toEqual([]);
  });

  it('validates a hand-built object', () => {
    const { metadata } = parseMetadata(base('2.2'));
    metadata.dynamic = ['version'];
    expect(messages(validateMetadata(metadata))).toEqual([
      'Dynamic must not name Version: it is always static',
    ]);
  });
});

describe('parseMetadataStrict', () => {
  it('returns the metadata of a valid file', () => {
    expect(parseMetadataStrict(SPEC_EXAMPLE).requiresDist).toHaveLength(5);
  });

  it('lists every error with its line in the message', () => {
    const text = lines('Metadata-Version: 2.1', 'Name: demo', 'Version: x.y', 'oops', 'Dynamic: Name');
    let error: unknown;
    try {
      parseMetadataStrict(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMetadataError);
    const err = error as InvalidMetadataError;
    expect(err.message).toBe(
      'invalid core metadata for "demo" "x.y": 2 problems:\n' +
        '  line 4: "oops" is not a "Name: value" header; it and all later lines are read as the body\n' +
        '  invalid Version "x.y": not a PEP 440 version',
    );
    expect(err.problems).toHaveLength(2);
    expect(err.metadata.name).toBe('demo');
  });

  it('omits the subject when there is no Name', () => {
    expect(() => parseMetadataStrict('Version: 1\n')).toThrow(
      'invalid core metadata: 2 problems:\n  missing required field Metadata-Version\n  missing required field Name',
    );
  });
});
