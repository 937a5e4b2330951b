import { execFileSync } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FileStamps } from '../../src/cache/file-stamps.js';
import { downloadAll } from '../../src/download/download-all.js';
import { DownloadFailures } from '../../src/download/download-error.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import type { ResolvedFile } from '../../src/provider/resolution.js';
import { fileSha256, type FileDigester } from '../../src/util/file-sha256.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { sha256Of } from '../helpers/resolutions.js';

// A find-links wheel (file: URL) that the run hashed itself goes into the wheelhouse without
// being read through its URL and hashed a second time (src/download/local-copy.ts).

let work: string;
let links: string;
let dest: string;
let http: HttpClient;
let requested: string[];
let reads: string[];
let stamps: FileStamps;

const bytes = pseudoRandomBytes(200 * 1024, 'local-copy');
const filename = 'local-1.0-py3-none-any.whl';

/**
 * Waits (bounded) until the file system's clock has moved past `path`'s ctime, so that a write
 * now gives the file another ctime: file timestamps come from a coarse clock, and a write within
 * the same tick as the file's last change is the stamps' documented blind spot, not this test's.
 */
async function pastChangeTimeOf(path: string): Promise<void> {
  const then = (await lstat(path, { bigint: true })).ctimeNs;
  const probe = join(work, 'tick-probe');
  for (let i = 0; i < 2000; i++) {
    await writeFile(probe, String(i));
    if ((await lstat(probe, { bigint: true })).ctimeNs > then) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error('the file system clock did not move');
}

function findLinksFile(path: string, content: Uint8Array = bytes): ResolvedFile {
  const url = pathToFileURL(path).href;
  return { filename, url, redactedUrl: url, sha256: sha256Of(content), size: content.length, kind: 'wheel' };
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-localcopy-'));
  links = join(work, 'links');
  dest = join(work, 'wh');
  await mkdir(links);
  const real = createHttpClient({ logger: new RecordingLogger(), env: {}, retries: 0 });
  requested = [];
  http = {
    request: (url, options) => {
      requested.push(url);
      return real.request(url, options);
    },
    close: () => real.close(),
  };
  reads = [];
  const counting: FileDigester = (path) => {
    reads.push(path);
    return fileSha256(path);
  };
  stamps = new FileStamps({ hash: counting });
});

afterEach(async () => {
  await http.close();
  await rm(work, { recursive: true, force: true });
});

describe('downloadAll with a local find-links file', () => {
  it('copies a file this run hashed without reading it through its URL or hashing it again', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes, { mode: 0o644 });
    await chmod(source, 0o644);
    const before = await stat(source);
    await stamps.digest(source); // what the resolver's find-links listing does
    expect(reads).toEqual([source]);

    const ready: string[] = [];
    const logger = new RecordingLogger();
    const summary = await downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger,
      stamps,
      onFileReady: (_f, path) => ready.push(path),
    });
    const placed = join(dest, filename);
    expect(summary.downloaded).toBe(1);
    expect(summary.copiedLocal).toBe(1);
    expect(summary.networkBytes).toBe(0);
    expect(requested).toEqual([]);
    expect(reads).toEqual([source]);
    expect(ready).toEqual([placed]);
    expect(sha256Of(await readFile(placed))).toBe(sha256Of(bytes));
    // The installer may trust the copy: this run vouches for it.
    expect(stamps.hashedThisRun(placed)?.sha256).toBe(sha256Of(bytes));
    expect(await readdir(dest)).toEqual([filename]);

    // A copy, never a link: what the wheelhouse's owner does to it (the local cache's save makes
    // it read-only) leaves the user's file as it was.
    const copy = await stat(placed);
    expect(copy.ino).not.toBe(before.ino);
    await chmod(placed, 0o444);
    const after = await lstat(source);
    expect(after.ino).toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o644);
    expect(after.nlink).toBe(1);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("gives the copy a download's plain mode, not the user's file's (setuid, no write bit)", async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    await chmod(source, 0o4751);
    await stamps.digest(source);
    const summary = await downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger: new RecordingLogger(),
      stamps,
    });
    expect(summary.copiedLocal).toBe(1);
    expect((await stat(join(dest, filename))).mode & 0o7777).toBe(0o644);
    expect((await stat(source)).mode & 0o7777).toBe(0o4751);
  });

  it('refuses a find-links file swapped after it was verified (read again, wrong sha256, nothing placed)', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    await stamps.digest(source);
    const swapped = Buffer.from(bytes);
    swapped[1000] = swapped[1000]! ^ 0xff; // same size, other bytes
    await pastChangeTimeOf(source);
    await writeFile(source, swapped); // in place: same inode

    const logger = new RecordingLogger();
    const run = downloadAll([findLinksFile(source)], { http, dest, logger, stamps, retryDelayMs: 0 });
    await expect(run).rejects.toBeInstanceOf(DownloadFailures);
    await expect(run).rejects.toThrow(/sha256/);
    expect(requested).toEqual([pathToFileURL(source).href]); // read again through its URL
    expect(await readdir(dest)).toEqual([]);
  });

  it('refuses a find-links file written while it was being copied', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    await stamps.digest(source);
    const swapped = Buffer.from(bytes);
    swapped[0] = swapped[0]! ^ 0xff;

    const logger = new RecordingLogger();
    const run = downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger,
      stamps,
      retryDelayMs: 0,
      localCopyHooks: {
        afterCopy: async () => {
          await pastChangeTimeOf(source);
          await writeFile(source, swapped);
        },
      },
    });
    await expect(run).rejects.toThrow(/sha256/);
    expect(logger.lines.some((l) => l.message.includes('changed since this run hashed it'))).toBe(true);
    expect(await readdir(dest)).toEqual([]);
  });

  it('refuses a find-links file replaced under its name after it was verified', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    await stamps.digest(source);
    const other = join(links, 'other');
    const swapped = Buffer.from(bytes);
    swapped[5] = swapped[5]! ^ 0xff;
    await writeFile(other, swapped);
    await rename(other, source); // a new inode under the old name

    const run = downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger: new RecordingLogger(),
      stamps,
      retryDelayMs: 0,
    });
    await expect(run).rejects.toThrow(/sha256/);
    expect(await readdir(dest)).toEqual([]);
  });

  it('copies a file of several chunks exactly (5 MiB and 7 bytes)', async () => {
    const source = join(links, filename);
    const big = Buffer.alloc(5 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) & 0xff;
    big[big.length - 1] = 0x5a;
    await writeFile(source, big);
    await stamps.digest(source);
    const file = { ...findLinksFile(source), sha256: sha256Of(big), size: big.length };
    const summary = await downloadAll([file], { http, dest, logger: new RecordingLogger(), stamps });
    expect(summary.copiedLocal).toBe(1);
    expect(reads).toEqual([source]);
    expect(sha256Of(await readFile(join(dest, filename)))).toBe(sha256Of(big));
  });

  // ext4 caches a file in folios sized by its writes; new large folios cost several times the system
  // time on the VM measured (session 16): the copy writes at most 256 KiB per call. Every writev of
  // the process's FileHandles is recorded for the copy's duration.
  it('copies in write calls of at most 256 KiB', async () => {
    const source = join(links, filename);
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 0x61);
    await writeFile(source, big);
    await stamps.digest(source);
    const file = { ...findLinksFile(source), sha256: sha256Of(big), size: big.length };
    const probe = await open(source, 'r');
    const proto = Object.getPrototypeOf(probe) as {
      writev: (buffers: Buffer[], at?: number) => Promise<unknown>;
    };
    await probe.close();
    const original = proto.writev;
    const calls: number[] = [];
    proto.writev = function (this: unknown, buffers: Buffer[], at?: number) {
      calls.push(buffers.reduce((n, b) => n + b.length, 0));
      return original.call(this, buffers, at);
    };
    try {
      const summary = await downloadAll([file], { http, dest, logger: new RecordingLogger(), stamps });
      expect(summary.copiedLocal).toBe(1);
    } finally {
      proto.writev = original;
    }
    expect(calls.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(big.length);
    expect(Math.max(...calls)).toBeLessThanOrEqual(256 * 1024);
  });

  it('never blocks on a FIFO put in the place of a verified file, and places nothing', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    await stamps.digest(source);
    const run = downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger: new RecordingLogger(),
      stamps,
      retryDelayMs: 0,
      localCopyHooks: {
        beforeCopy: async () => {
          await rm(source);
          execFileSync('mkfifo', [source]);
        },
      },
    });
    await expect(run).rejects.toThrow();
    expect(await readdir(dest)).toEqual([]);
  });

  it('reads a find-links file the ordinary way when this run did not hash it itself', async () => {
    const source = join(links, filename);
    await writeFile(source, bytes);
    const summary = await downloadAll([findLinksFile(source)], {
      http,
      dest,
      logger: new RecordingLogger(),
      stamps,
    });
    expect(summary.copiedLocal).toBe(0);
    expect(requested).toEqual([pathToFileURL(source).href]);
    expect(sha256Of(await readFile(join(dest, filename)))).toBe(sha256Of(bytes));
  });
});
