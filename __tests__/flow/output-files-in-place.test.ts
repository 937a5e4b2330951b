// Review 15a F7: `--report /dev/null`, `/dev/stdout`, `>(jq .)` and FIFOs are written into, as pip's
// open(path, "w") does — never replaced by a renamed regular file.
import { describe, expect, test, beforeEach, afterEach } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  openSync,
  closeSync,
  fstatSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputFile } from '../../src/flow/output-files.js';

describe('output files that are not regular files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wh-out-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a FIFO gets the text and stays a FIFO', async () => {
    // (jest's own timeout is raised below so the 10 s bound, not jest, ends a reader left waiting.)
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.on('data', (chunk: Buffer) => (got += chunk.toString()));
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    // Bounded: a reader still waiting for a writer after 10 s is stopped (the FIFO was replaced).
    const bound = setTimeout(() => reader.kill(), 10_000);
    await writeOutputFile({ option: '--report', path: fifo }, '{"report": 1}\n');
    await done;
    clearTimeout(bound);
    expect(got).toBe('{"report": 1}\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 20_000);

  test('a link to a descriptor (/dev/stdout-like) writes into the open file, not a new inode', async () => {
    const log = join(dir, 'build.log');
    const fd = openSync(log, 'a');
    try {
      const link = join(dir, 'stdout');
      symlinkSync(`/proc/self/fd/${fd}`, link);
      await writeOutputFile({ option: '--lock', path: link }, 'pkg==1.0\n');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      // The descriptor still names the file at that path: it was written into, not renamed over.
      expect(fstatSync(fd).ino).toBe(statSync(log).ino);
      expect(readFileSync(log, 'utf8')).toBe('pkg==1.0\n');
    } finally {
      closeSync(fd);
    }
  });

  test('a character device node stays a device (root only: mknod)', async () => {
    if (process.getuid?.() !== 0) {
      console.log('skipped: mknod needs root');
      return;
    }
    const node = join(dir, 'null');
    execFileSync('mknod', ['-m', '666', node, 'c', '1', '3']);
    await writeOutputFile({ option: '--pylock', path: node }, 'lock-version = "1.0"\n');
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
  });

  test('a regular file is still replaced atomically (a new inode)', async () => {
    const path = join(dir, 'report.json');
    execFileSync('sh', ['-c', `printf old > '${path}'`]);
    const before = statSync(path).ino;
    await writeOutputFile({ option: '--report', path }, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).ino).not.toBe(before);
  });
});
