/**
 * Review 18a F13: an sdist tar whose members would land outside the directory pip unpacks it to (a
 * symbolic link out and a member written through it, `..` names, links to outside, devices) is
 * refused before pip runs — the machine's pip 23.2 follows the link (CVE-2025-8869) and writes
 * outside during a mere metadata preparation. Archives are made by Python's tarfile (a real tar
 * writer); the last case runs prepareMetadata with the machine's pip on the reviewer's archive.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdistBuildError } from '../../src/build/build-error.js';
import { frontendEnv } from '../../src/build/frontend-env.js';
import { prepareMetadata } from '../../src/build/prepare-metadata.js';
import { checkSdistArchive } from '../../src/build/sdist-archive-check.js';
import { isolatedPipEnv } from '../helpers/setuptools-sdists.js';

/** Python's tarfile writes `path` from a list of [name, kind, extra] (kind: file, dir, sym, hard, chr, fifo). */
const MAKE = `
import io, json, sys, tarfile
path, mode, members = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with tarfile.open(path, mode) as t:
    for name, kind, extra in members:
        ti = tarfile.TarInfo(name); ti.mtime = 1700000000
        data = None
        if kind == 'file':
            data = extra.encode(); ti.size = len(data)
        elif kind == 'dir': ti.type = tarfile.DIRTYPE
        elif kind == 'sym': ti.type = tarfile.SYMTYPE; ti.linkname = extra
        elif kind == 'hard': ti.type = tarfile.LNKTYPE; ti.linkname = extra
        elif kind == 'chr': ti.type = tarfile.CHRTYPE; ti.devmajor = 1; ti.devminor = 3
        elif kind == 'fifo': ti.type = tarfile.FIFOTYPE
        t.addfile(ti, io.BytesIO(data) if data is not None else None)
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wh-sdist-check-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function tar(members: [string, string, string][], mode = 'w:gz', ext = 'tar.gz'): string {
  const path = join(dir, `pkg-${n++}.${ext}`);
  execFileSync('python3', ['-c', MAKE, path, mode, JSON.stringify(members)]);
  return path;
}

const PKG_INFO: [string, string, string] = [
  'pkg-1.0/PKG-INFO',
  'file',
  'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n',
];

async function refusal(path: string): Promise<string> {
  try {
    await checkSdistArchive(path, 'pkg-1.0.tar.gz');
  } catch (error) {
    expect(error).toBeInstanceOf(SdistBuildError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('checkSdistArchive', () => {
  it('accepts an ordinary sdist, links that stay inside, a plain tar, a zip and a directory', async () => {
    const ok = tar([
      ['pkg-1.0', 'dir', ''],
      PKG_INFO,
      ['pkg-1.0/src/a.py', 'file', 'x = 1\n'],
      ['pkg-1.0/docs', 'dir', ''],
      ['pkg-1.0/docs/readme', 'sym', '../src/a.py'],
      ['pkg-1.0/src/b.py', 'hard', 'pkg-1.0/src/a.py'],
      ['./pkg-1.0/setup.cfg', 'file', ''],
    ]);
    expect(await refusal(ok)).toBe('accepted');
    expect(await refusal(tar([PKG_INFO], 'w', 'tar'))).toBe('accepted');
    const zip = join(dir, 'pkg-1.0.zip');
    execFileSync('python3', [
      '-c',
      `import zipfile; zipfile.ZipFile(${JSON.stringify(zip)}, 'w').writestr('pkg-1.0/PKG-INFO', '')`,
    ]);
    expect(await refusal(zip)).toBe('accepted');
    expect(await refusal(dir)).toBe('accepted');
  });

  it.each([
    [
      'an absolute symbolic link, then a member through it',
      [
        ['pkg-1.0/escape', 'sym', '/tmp/x'],
        ['pkg-1.0/escape/pwned.txt', 'file', 'x'],
      ],
      /member "pkg-1\.0\/escape" is a link to an absolute path "\/tmp\/x"/,
    ],
    [
      'a relative link out',
      [['pkg-1.0/up', 'sym', '../../etc']],
      /member "pkg-1\.0\/up" is a link to "\.\.\/\.\.\/etc", outside the archive's directory/,
    ],
    [
      'a link out through an earlier link',
      [
        ['pkg-1.0/r', 'sym', '.'],
        ['pkg-1.0/s', 'sym', 'r/../../..'],
      ],
      /member "pkg-1\.0\/s" is a link to "r\/\.\.\/\.\.\/\.\.", outside/,
    ],
    [
      'a member through a link that stays inside',
      [
        ['pkg-1.0/d', 'dir', ''],
        ['pkg-1.0/l', 'sym', 'd'],
        ['pkg-1.0/l/f', 'file', 'x'],
      ],
      /member "pkg-1\.0\/l\/f" goes through the symbolic link member "pkg-1\.0\/l"/,
    ],
    [
      'a hard link out',
      [['pkg-1.0/h', 'hard', '../outside']],
      /member "pkg-1\.0\/h" is a link to "\.\.\/outside", outside/,
    ],
    [
      'a member name with ..',
      [['pkg-1.0/../../x', 'file', 'x']],
      /member "pkg-1\.0\/\.\.\/\.\.\/x" is outside the archive's directory/,
    ],
    ['an absolute member name', [['/tmp/abs', 'file', 'x']], /member "\/tmp\/abs" has an absolute path/],
    ['a device file', [['pkg-1.0/null', 'chr', '']], /member "pkg-1\.0\/null" is a device file/],
    ['a FIFO', [['pkg-1.0/pipe', 'fifo', '']], /member "pkg-1\.0\/pipe" is a FIFO/],
  ] as [string, [string, string, string][], RegExp][])(
    'refuses %s, naming the sdist and the member',
    async (_, members, message) => {
      const text = await refusal(tar([PKG_INFO, ...members]));
      expect(text).toMatch(/^pkg-1\.0\.tar\.gz: refused before any build: /);
      expect(text).toMatch(message);
    },
  );

  it('refuses a bzip2 tar it cannot check, and stops at its uncompressed bound', async () => {
    expect(await refusal(tar([PKG_INFO], 'w:bz2', 'tar.bz2'))).toMatch(
      /a bzip2-compressed tar, which wheelhouse cannot check/,
    );
    const big = tar([PKG_INFO, ['pkg-1.0/big', 'file', 'y'.repeat(100_000)]]);
    await expect(checkSdistArchive(big, 'pkg-1.0.tar.gz', { maxUncompressed: 32 * 1024 })).rejects.toThrow(
      /over 32768 bytes uncompressed; stopped reading/,
    );
  });

  it("prepareMetadata with the machine's pip: the reviewer's archive is refused and nothing is written outside", async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    const sdist = tar([
      PKG_INFO,
      ['pkg-1.0/setup.py', 'file', 'from setuptools import setup; setup()\n'],
      ['pkg-1.0/escape', 'sym', outside],
      ['pkg-1.0/escape/pwned.txt', 'file', 'written outside\n'],
    ]);
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, '.keep'), '');
    const frontend = {
      python: 'python3',
      env: frontendEnv(isolatedPipEnv(), { indexUrls: [], findLinks: [] }),
      cwd: work,
    };
    const error = await prepareMetadata(frontend, sdist, { label: 'pkg-1.0.tar.gz' }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    // pip 23.2 unpacking it writes outside/pwned.txt (checked first: it is what matters).
    expect(readdirSync(outside)).toEqual([]);
    expect(error?.message).toMatch(
      /pkg-1\.0\.tar\.gz: refused before any build: member "pkg-1\.0\/escape" is a link to an absolute path/,
    );
  }, 120_000);
});
