/**
 * Fuzz: the requirement-file parser (src/standards/requirements-file*.ts) on generated files and
 * include trees — lines built from pip's syntax pieces (names, operators, markers, options,
 * quotes, backslashes, `${VAR}`, comments, continuations) and arbitrary text. It never throws
 * anything but RequirementsFileError, and every problem names a file and a line that exist.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  collectRequirementsFile,
  parseRequirementsFile,
  RequirementsFileError,
} from '../../src/standards/requirements-file.js';
import { fuzzParameters, heapUsed, onlyOwnErrors } from './fuzz-budget.js';

const piece = fc.oneof(
  fc.constantFrom(
    'requests',
    'Django',
    'a.b-c_d',
    '==',
    '>=',
    '~=',
    '!=',
    '===',
    '1.0',
    '2.*',
    ',',
    ';',
    ' ',
    '\t',
    '[',
    ']',
    'extra',
    '(',
    ')',
    '@',
    'https://h.test/p-1.0-py3-none-any.whl',
    'file:///tmp/x.whl',
    'python_version',
    '"3.8"',
    "'",
    '"',
    '\\',
    '\\\n',
    '#',
    ' #',
    '${HOME}',
    '${SECRET}',
    '${',
    '}',
    '-r',
    '-c',
    '-e',
    '-i',
    '--index-url',
    '--hash=sha256:',
    'a'.repeat(64),
    '--pre',
    '-f',
    '--only-binary',
    ':all:',
    '--no-binary',
    '--config-settings',
    'k=v',
    'other.txt',
    'sub/x.txt',
    '../up.txt',
    '\r\n',
    '\n',
    '\uFEFF',
    'é',
    '\u0000',
    '\u202e',
  ),
  fc.string({ maxLength: 12 }),
);
const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const file = fc.array(line, { maxLength: 25 }).map((l) => l.join('\n'));
const NAMES = ['r.txt', 'other.txt', 'sub/x.txt', '../up.txt'];

function io(files: Record<string, string>) {
  return {
    readFile: async (path: string): Promise<string> => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
  };
}

describe('fuzz: requirement files', () => {
  it('throws only RequirementsFileError; problems point at real lines', async () => {
    const before = heapUsed();
    await fc.assert(
      fc.asyncProperty(fc.tuple(file, file, file, file), async (texts) => {
        const files = Object.fromEntries(NAMES.map((n, i) => [n, texts[i]!]));
        const env = { HOME: '/home/u', SECRET: 's3cr3t-value' };
        const { problems } = await collectRequirementsFile('r.txt', io(files), { env });
        for (const p of problems) {
          expect(NAMES).toContain(p.file);
          const lines = files[p.file]!.split(/\r\n|\r|\n/).length;
          expect(p.line).toBeGreaterThanOrEqual(0);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
        try {
          await parseRequirementsFile('r.txt', io(files), { env });
        } catch (error) {
          onlyOwnErrors(error, [RequirementsFileError]);
        }
      }),
      fuzzParameters(400),
    );
    // Nothing is kept between inputs: the heap ends about where it started.
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });
});
