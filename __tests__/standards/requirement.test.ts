import { describe, expect, it } from '@jest/globals';
import { markerEnvironmentFor } from '../../src/standards/environment.js';
import { markerToString } from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import {
  InvalidRequirementError,
  parseRequirement,
  requirementToString,
  specifiersByName,
} from '../../src/standards/requirement.js';
import { Version } from '../../src/standards/version.js';

const linux312 = markerEnvironmentFor({ pythonVersion: '3.12.4', os: 'linux', arch: 'x86_64' });

describe('parseRequirement (PEP 508)', () => {
  // PEP 508 "Examples" section plus packaging's documented forms.
  it.each([
    ['A', 'a', [], '', undefined, undefined],
    ['A.B-C_D', 'a-b-c-d', [], '', undefined, undefined],
    ['aa', 'aa', [], '', undefined, undefined],
    ['name', 'name', [], '', undefined, undefined],
    ['name<=1', 'name', [], '<=1', undefined, undefined],
    ['name>=3', 'name', [], '>=3', undefined, undefined],
    ['name>=3,<2', 'name', [], '<2,>=3', undefined, undefined],
    ['name (>=3, <2)', 'name', [], '<2,>=3', undefined, undefined],
    ['name(>=3)', 'name', [], '>=3', undefined, undefined],
    ['name@http://foo.com', 'name', [], '', 'http://foo.com', undefined],
    [
      'name [fred,bar] @ http://foo.com ; python_version=="2.7"',
      'name',
      ['bar', 'fred'],
      '',
      'http://foo.com',
      'python_version == "2.7"',
    ],
    [
      "name[quux, strange];python_version<'2.7' and platform_version=='2'",
      'name',
      ['quux', 'strange'],
      '',
      undefined,
      'python_version < "2.7" and platform_version == "2"',
    ],
    ['name; os_name=="a" or os_name=="b"', 'name', [], '', undefined, 'os_name == "a" or os_name == "b"'],
    [
      'name; os_name=="a" and os_name=="b" or os_name=="c"',
      'name',
      [],
      '',
      undefined,
      '(os_name == "a" and os_name == "b") or os_name == "c"',
    ],
    [
      'name; os_name=="a" and (os_name=="b" or os_name=="c")',
      'name',
      [],
      '',
      undefined,
      'os_name == "a" and (os_name == "b" or os_name == "c")',
    ],
    [
      '  Django [Bcrypt , argon2]  ~= 4.2.1 ',
      'django',
      ['argon2', 'bcrypt'],
      '~=4.2.1',
      undefined,
      undefined,
    ],
    ['requests[Socks_Proxy]>=2.0', 'requests', ['socks-proxy'], '>=2.0', undefined, undefined],
    ['foo==1.0.*', 'foo', [], '==1.0.*', undefined, undefined],
    ['foo===1.0-weird', 'foo', [], '===1.0-weird', undefined, undefined],
    ['foo[]', 'foo', [], '', undefined, undefined],
    [
      'pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
      'pip',
      [],
      '',
      'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
      undefined,
    ],
    ['foo @ file:///tmp/foo-1.0.tar.gz', 'foo', [], '', 'file:///tmp/foo-1.0.tar.gz', undefined],
    ['foo>=1.0;python_version>="3.8"', 'foo', [], '>=1.0', undefined, 'python_version >= "3.8"'],
    ['foo[A,a,A_b]', 'foo', ['a', 'a-b'], '', undefined, undefined],
    ['foo\t>=1.0\t;\tos_name=="nt"', 'foo', [], '>=1.0', undefined, 'os_name == "nt"'],
    [
      'pkg @ git+https://github.com/o/r.git@v1.0#egg=pkg',
      'pkg',
      [],
      '',
      'git+https://github.com/o/r.git@v1.0#egg=pkg',
      undefined,
    ],
    ['Sphinx[docs]; extra == "doc"', 'sphinx', ['docs'], '', undefined, 'extra == "doc"'],
    ['zope.interface (>=3.1 ,!=4.0.*)', 'zope-interface', [], '!=4.0.*,>=3.1', undefined, undefined],
  ])('parses %j', (text, name, extras, spec, url, marker) => {
    const r = parseRequirement(text);
    expect(r.name).toBe(name);
    expect(r.extras).toEqual(extras);
    expect(r.specifier.toString()).toBe(spec);
    expect(r.url).toBe(url);
    expect(r.marker === undefined ? undefined : markerToString(r.marker)).toBe(marker);
    expect(r.text).toBe(text);
  });

  it('keeps the name as written in rawName', () => {
    expect(parseRequirement('Zope.Interface>=5').rawName).toBe('Zope.Interface');
  });

  it('treats a ";" glued to a URL as part of the URL', () => {
    const r = parseRequirement('name @ https://x.org/a.whl;python_version<"3"');
    expect(r.url).toBe('https://x.org/a.whl;python_version<"3"');
    expect(r.marker).toBeUndefined();
  });

  it('evaluates the parsed marker against a target', () => {
    const r = parseRequirement('foo; python_version >= "3.8" and sys_platform == "linux"');
    expect(evaluateMarker(r.marker!, linux312)).toBe(true);
    const w = markerEnvironmentFor({ pythonVersion: '3.12', os: 'windows', arch: 'AMD64' });
    expect(evaluateMarker(r.marker!, w)).toBe(false);
  });

  it('the specifier set is usable', () => {
    const r = parseRequirement('foo (>=1.0, !=1.3.*, <2)');
    const vs = ['0.9', '1.0', '1.3.2', '1.5', '2.0'].map((v) => Version.parse(v));
    expect(r.specifier.filter(vs).map(String)).toEqual(['1.0', '1.5']);
  });

  it.each([
    ['name', 'name'],
    ['Name[B,a] (>=1, <2) ; python_version<"3.9"', 'name[a,b]<2,>=1; python_version < "3.9"'],
    ['name[x] @ https://a.b/c.whl ; os_name == "nt"', 'name[x] @ https://a.b/c.whl ; os_name == "nt"'],
    ['name@https://a.b/c.whl', 'name @ https://a.b/c.whl'],
  ])('formats %j as %j and round-trips', (text, out) => {
    const s = requirementToString(parseRequirement(text));
    expect(s).toBe(out);
    expect(requirementToString(parseRequirement(s))).toBe(out);
  });
});

describe('parseRequirement errors', () => {
  it.each([
    ['foo >= ', 'expected a version after ">=" at column 7', 7],
    ['', 'expected a package name at column 0', 0],
    ['-foo', 'expected a package name at column 0', 0],
    ['foo bar', 'expected "[", "(", a version operator, "@", ";" or the end after the name at column 4', 4],
    ['foo[bar', 'expected "," or "]" after an extra name at column 7', 7],
    ['foo[bar,]', 'expected an extra name at column 8', 8],
    ['foo (>=1.0', 'expected "," or ")" after a version specifier at column 10', 10],
    ['foo >=1.0 <2', 'expected "," or ";" or the end after a version specifier at column 10', 10],
    ['foo >= 1.0, =2', 'expected a version operator (~=, ==, !=, <=, >=, <, >, ===) at column 12', 12],
    ['foo >= 1.0foo', '"1.0foo" is not a valid version at column 7', 7],
    ['foo ~= 1', '"~=" needs a version with at least two release segments at column 7', 7],
    ['foo >= 1.0+local', '">=" does not allow a local version at column 7', 7],
    ['foo >= 1.*', '">=" does not allow a ".*" wildcard at column 7', 7],
    ['foo @ ', 'expected a URL after "@" at column 6', 6],
    ['foo @ ./local', 'expected an absolute URL with a scheme, got "./local" at column 6', 6],
    ['foo @ https://x.org/a.whl and', 'expected ";" or the end after the URL at column 26', 26],
    [
      'foo; python_version >= ',
      'expected a value after ">=" (a marker variable or a quoted string) at column 23',
      23,
    ],
    ['foo; python_versio == "3"', 'unknown marker variable "python_versio" at column 5', 5],
    ['foo; os_name == "nt', 'unterminated string (missing closing ") at column 16', 16],
  ])('%j', (text, message, column) => {
    let err: unknown;
    try {
      parseRequirement(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRequirementError);
    const e = err as InvalidRequirementError;
    expect(e.message).toBe(`invalid requirement ${JSON.stringify(text)}: ${message}`);
    expect(e.column).toBe(column);
    expect(e.input).toBe(text);
  });
});

describe('specifiersByName', () => {
  it('merges every requirement on a project into one set, a repeated clause once, projects in first-seen order', () => {
    const sets = specifiersByName(
      ['B>=1', 'a<3', 'b!=1.5', 'b>=1', 'a', 'A.x==2'].map((t) => parseRequirement(t)),
    );
    expect([...sets.keys()]).toEqual(['b', 'a', 'a-x']);
    expect(
      sets
        .get('b' as never)!
        .specifiers.map(String)
        .sort(),
    ).toEqual(['!=1.5', '>=1']);
    expect(sets.get('a' as never)!.specifiers.map(String)).toEqual(['<3']);
    expect(sets.get('b' as never)!.contains(Version.parse('1.5'))).toBe(false);
    expect(sets.get('b' as never)!.contains(Version.parse('1.6'))).toBe(true);
  });
});
