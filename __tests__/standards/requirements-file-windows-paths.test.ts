import { describe, expect, it } from '@jest/globals';
import {
  collectRequirementsFile,
  formatProblem,
  parseRequirementsFile,
} from '../../src/standards/requirements-file.js';
import {
  fileKey,
  looksLikeWindowsPath,
  normalizePath,
  resolveIncluded,
} from '../../src/standards/requirements-file-targets.js';

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

describe('UNC paths', () => {
  it.each<[string, string]>([
    ['\\\\server\\share\\reqs\\..\\dev.txt', '\\\\server\\share\\dev.txt'],
    ['\\\\server\\share\\..\\..\\dev.txt', '\\\\server\\share\\dev.txt'],
    ['\\\\server\\share', '\\\\server\\share\\'],
    ['\\\\server\\share/reqs/./dev.txt', '//server/share/reqs/dev.txt'],
    // POSIX treats `//x` as `/x`: no UNC root without a backslash.
    ['//server/share/../dev.txt', '/server/dev.txt'],
  ])('normalizePath(%j) keeps the share: %j', (path, expected) => {
    expect(normalizePath(path)).toBe(expected);
  });

  it('joins an include relative to a file on a share', () => {
    expect(resolveIncluded('\\\\srv\\share\\reqs\\main.txt', 'dev.txt')).toBe(
      '\\\\srv\\share\\reqs\\dev.txt',
    );
    expect(resolveIncluded('\\\\srv\\share\\main.txt', '..\\..\\up.txt')).toBe('\\\\srv\\share\\up.txt');
  });

  it('reads included files from the share, not from the current drive', async () => {
    const io = memoryIo({
      '\\\\srv\\share\\reqs\\main.txt': '-r "..\\common\\base.txt"',
      '\\\\srv\\share\\common\\base.txt': 'requests',
    });
    const result = await parseRequirementsFile('\\\\srv\\share\\reqs\\main.txt', io);
    // The joined path as pip opens it (`..` left to the file system: review 15c F14), on the share.
    expect(io.reads).toEqual([
      '\\\\srv\\share\\reqs\\main.txt',
      '\\\\srv\\share\\reqs\\..\\common\\base.txt',
    ]);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['requests']);
  });
});

describe('case in cycle detection', () => {
  it.each<[string, boolean]>([
    ['C:\\repo\\a.txt', true],
    ['c:/repo/a.txt', true],
    ['\\\\srv\\share\\a.txt', true],
    ['reqs\\a.txt', true],
    ['/repo/a.txt', false],
    ['reqs/a.txt', false],
  ])('looksLikeWindowsPath(%j) is %j', (path, expected) => {
    expect(looksLikeWindowsPath(path)).toBe(expected);
  });

  it('compares Windows-looking paths case-insensitively and POSIX paths case-sensitively', () => {
    expect(fileKey('C:\\Repo\\Requirements.TXT')).toBe(fileKey('c:/repo/requirements.txt'));
    expect(fileKey('\\\\SRV\\Share\\A.txt')).toBe(fileKey('\\\\srv\\share\\a.txt'));
    expect(fileKey('\\\\srv\\share\\a.txt')).not.toBe(fileKey('/srv/share/a.txt'));
    expect(fileKey('/repo/A.txt')).not.toBe(fileKey('/repo/a.txt'));
  });

  it('reports a cycle through a differently-cased Windows path', async () => {
    const io = memoryIo({
      'C:\\repo\\requirements.txt': 'a\n-r ../REPO/Requirements.txt',
    });
    const { problems } = await collectRequirementsFile('C:\\repo\\requirements.txt', io);
    expect(problems.map(formatProblem)).toEqual([
      'C:\\repo\\requirements.txt:2:4: include cycle: C:\\repo\\requirements.txt -> C:/REPO/Requirements.txt: ../REPO/Requirements.txt',
    ]);
  });

  it('reports a cycle through a differently-cased UNC path', async () => {
    const io = memoryIo({
      '\\\\srv\\share\\main.txt': "-r '\\\\SRV\\SHARE\\sub\\b.txt'",
      '\\\\SRV\\SHARE\\sub\\b.txt': "-r '..\\Main.txt'",
    });
    const { problems } = await collectRequirementsFile('\\\\srv\\share\\main.txt', io);
    expect(problems.map(formatProblem)).toEqual([
      "\\\\SRV\\SHARE\\sub\\b.txt:1:4: include cycle: \\\\srv\\share\\main.txt -> \\\\SRV\\SHARE\\sub\\b.txt -> \\\\SRV\\SHARE\\Main.txt: '..\\Main.txt'",
    ]);
  });

  it('keeps differently-cased POSIX paths apart (two files, no cycle)', async () => {
    const io = memoryIo({ '/repo/a.txt': '-r A.txt', '/repo/A.txt': 'x' });
    const result = await parseRequirementsFile('/repo/a.txt', io);
    expect(io.reads).toEqual(['/repo/a.txt', '/repo/A.txt']);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['x']);
  });
});
