import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FileStamps } from '../../src/cache/file-stamps.js';
import { downloadAll, smallLanes, transferOrder } from '../../src/download/download-all.js';
import { forEachFromBothEnds } from '../../src/util/for-each-limited.js';
import { DownloadFailures, HashMismatchError } from '../../src/download/download-error.js';
import type { DownloadProgress } from '../../src/download/progress.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { createHttpClient } from '../../src/index/http.js';
import type { ResolvedFile } from '../../src/provider/resolution.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { pseudoRandomBytes } from '../helpers/dists.js';
import { defaultModes } from '../helpers/index-server-modes.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { resolvedFile, sha256Of, type FileSpec } from '../helpers/resolutions.js';

let server: IndexServer;
let http: HttpClient;
let logger: RecordingLogger;
let dest: string;

const specs: FileSpec[] = Array.from({ length: 6 }, (_, i) => ({
  name: `pkg${i}`,
  version: '1.0',
  bytes: pseudoRandomBytes(48 * 1024 + i * 1000, `pkg${i}`),
}));

function files(list: FileSpec[] = specs): ResolvedFile[] {
  return list.map((s) => resolvedFile({ ...s, baseUrl: `${server.origin}/files` }));
}

async function listDest(): Promise<string[]> {
  return (await readdir(dest)).sort();
}

beforeAll(async () => {
  server = await startIndexServer();
  for (const s of specs) server.addFile(s.name, { filename: resolvedFile(s).filename, bytes: s.bytes });
  http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1, retries: 2 });
});

afterAll(async () => {
  await http.close();
  await server.close();
});

beforeEach(async () => {
  server.setModes(defaultModes());
  server.reset();
  logger = new RecordingLogger();
  dest = await mkdtemp(join(tmpdir(), 'wh-dl-'));
});

afterEach(async () => {
  await rm(dest, { recursive: true, force: true });
});

describe('downloadAll', () => {
  it('refuses a list naming a file outside dest before any request or write (the last line behind the name checks)', async () => {
    const list = files();
    const hostile = { ...list[1]!, filename: `../${list[1]!.filename}` };
    const inner = join(dest, 'inner');
    await expect(
      downloadAll([list[0]!, hostile], { http, dest: inner, logger, retryDelayMs: 0 }),
    ).rejects.toThrow(
      `refusing to write ${JSON.stringify(hostile.filename)} into ${inner}: it contains a path separator`,
    );
    expect(server.counters.requests).toBe(0);
    expect(await listDest()).toEqual([]);
  });

  it('downloads every file with its sha256, leaving no temporary files', async () => {
    const list = files();
    const summary = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    expect(summary.downloaded).toBe(list.length);
    expect(summary.downloadedBytes).toBe(specs.reduce((n, s) => n + s.bytes.length, 0));
    expect(summary.skipped + summary.reused).toBe(0);
    expect(await listDest()).toEqual(list.map((f) => f.filename).sort());
    for (const f of list) expect(sha256Of(await readFile(join(dest, f.filename)))).toBe(f.sha256);
    expect(server.counters.byKind['file-full'].requests).toBe(list.length);
  });

  it('skips files already present with the right hash and replaces wrong ones', async () => {
    const list = files();
    await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    await writeFile(join(dest, list[0]!.filename), 'poisoned');
    server.reset();
    const summary = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    expect(summary.skipped).toBe(list.length - 1);
    expect(summary.downloaded).toBe(1);
    expect(server.counters.requests).toBe(1);
    expect(sha256Of(await readFile(join(dest, list[0]!.filename)))).toBe(list[0]!.sha256);
  });

  it('resumes a dropped transfer with a Range request from the received offset', async () => {
    const afterBytes = 20_000;
    server.setModes({ dropMidBody: { afterBytes } });
    const list = files();
    const summary = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    expect(summary.resumes).toBe(list.length);
    const ranges = server.counters.log.filter((e) => e.range !== undefined);
    expect(ranges).toHaveLength(list.length);
    for (const e of ranges) {
      expect(e.range).toBe(`bytes=${afterBytes}-`);
      expect(e.status).toBe(206);
    }
    // The network carried each byte once: the dropped prefix was kept, not refetched.
    expect(summary.networkBytes).toBe(summary.downloadedBytes);
    for (const f of list) expect(sha256Of(await readFile(join(dest, f.filename)))).toBe(f.sha256);
  });

  it('restarts from byte 0 when the server ignores Range', async () => {
    server.setModes({ dropMidBody: { afterBytes: 10_000 }, rangeIgnored: true });
    const list = files().slice(0, 2);
    const summary = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    expect(summary.resumes).toBe(0);
    expect(summary.networkBytes).toBe(summary.downloadedBytes + 2 * 10_000);
    for (const f of list) expect(sha256Of(await readFile(join(dest, f.filename)))).toBe(f.sha256);
  });

  it('restarts from byte 0 when Content-Range does not start at the received offset', async () => {
    server.setModes({ dropMidBody: { afterBytes: 10_000 }, wrongContentRange: true });
    const list = files().slice(0, 2);
    const summary = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 });
    expect(summary.resumes).toBe(0);
    const full = server.counters.log.filter((e) => e.range === undefined);
    expect(full).toHaveLength(4); // first try + restart, per file
    for (const f of list) expect(sha256Of(await readFile(join(dest, f.filename)))).toBe(f.sha256);
  });

  it('deletes a file with the wrong bytes and names the redacted URL and both hashes', async () => {
    const [bad, good] = files().slice(0, 2); // the smaller one, so it is fetched second
    const wrong = { ...bad!, sha256: 'ab'.repeat(32) };
    const error = await downloadAll([good!, wrong], {
      http,
      dest,
      logger,
      retryDelayMs: 0,
      concurrency: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadFailures);
    const failure = (error as DownloadFailures).failures[0];
    expect(failure).toBeInstanceOf(HashMismatchError);
    expect(failure!.message).toContain(wrong.redactedUrl);
    expect(failure!.message).toContain(wrong.sha256);
    expect(failure!.message).toContain(bad!.sha256);
    expect(await listDest()).toEqual([good!.filename]);
  });

  it('never leaves a partial file when the server serves too few bytes', async () => {
    server.setModes({ truncateFiles: true });
    const list = files().slice(0, 1);
    const error = await downloadAll(list, { http, dest, logger, retryDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadFailures);
    expect((error as Error).message).toContain(list[0]!.filename);
    expect(await listDest()).toEqual([]);
  });

  it('reports an HTTP error status with the redacted URL and keeps credentials out of messages', async () => {
    const missing = resolvedFile({
      name: 'absent',
      version: '1.0',
      bytes: new Uint8Array(10),
      baseUrl: `http://user:hunter2@127.0.0.1:${server.port}/files`,
    });
    const error = await downloadAll([missing], { http, dest, logger, retryDelayMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('HTTP 404');
    expect((error as Error).message).toContain(`http://127.0.0.1:${server.port}/files/${missing.filename}`);
    expect((error as Error).message).not.toContain('hunter2');
    expect(logger.text()).not.toContain('hunter2');
  });

  it('keeps at most `concurrency` transfers in flight', async () => {
    server.setModes({ bandwidthBytesPerSec: 2_000_000 });
    const summary = await downloadAll(files(), { http, dest, logger, concurrency: 2, retryDelayMs: 0 });
    expect(summary.downloaded).toBe(specs.length);
    expect(server.counters.peakInFlight).toBeLessThanOrEqual(2);
    expect(server.counters.peakInFlight).toBe(2);
  });

  it('reuses a whole file fetched earlier after checking its hash', async () => {
    const list = files().slice(0, 3);
    const earlier = await mkdtemp(join(tmpdir(), 'wh-earlier-'));
    try {
      const goodPath = join(earlier, list[0]!.filename);
      const badPath = join(earlier, list[1]!.filename);
      await writeFile(goodPath, specs[0]!.bytes);
      await writeFile(badPath, 'not the wheel');
      const reuse = (f: ResolvedFile): string | undefined =>
        f.filename === list[0]!.filename ? goodPath : f.filename === list[1]!.filename ? badPath : undefined;
      const summary = await downloadAll(list, { http, dest, logger, reuse, retryDelayMs: 0 });
      expect(summary.reused).toBe(1);
      expect(summary.downloaded).toBe(2);
      expect(server.counters.requestsFor(list[0]!.filename)).toHaveLength(0);
      expect(logger.text()).toContain(`not reusing ${list[1]!.filename}`);
      for (const f of list) expect(sha256Of(await readFile(join(dest, f.filename)))).toBe(f.sha256);
    } finally {
      await rm(earlier, { recursive: true, force: true });
    }
  });

  it('a file reused by a hard link is hashed once, and not again by the next run (its stamp follows the link)', async () => {
    const list = files().slice(0, 1);
    const earlier = await mkdtemp(join(tmpdir(), 'wh-earlier-'));
    const second = await mkdtemp(join(tmpdir(), 'wh-dest2-'));
    try {
      const earlierPath = join(earlier, list[0]!.filename);
      await writeFile(earlierPath, specs[0]!.bytes);
      const stamps = new FileStamps();
      const reuse = (): string => earlierPath;
      const first = await downloadAll(list, { http, dest, logger, reuse, stamps, retryDelayMs: 0 });
      expect(first.reused).toBe(1);
      expect(statSync(join(dest, list[0]!.filename)).ino).toBe(statSync(earlierPath).ino);
      // Before: `earlier` hashed, then the linked copy hashed again (no stamp of its own).
      expect(stamps.counts.hashed).toBe(1);
      const again = await downloadAll(list, { http, dest: second, logger, reuse, stamps, retryDelayMs: 0 });
      expect(again.reused).toBe(1);
      // Before: the first link changed the inode's ctime, so `earlier` looked changed and was
      // hashed again (and its copy too) on every later run.
      expect(stamps.counts.hashed).toBe(1);
      expect(sha256Of(await readFile(join(second, list[0]!.filename)))).toBe(list[0]!.sha256);

      // A rewrite of `earlier` (other bytes, new mtime) is still caught: hashed and refused.
      const tampered = Buffer.from(specs[0]!.bytes);
      tampered[100] = tampered[100]! ^ 0xff;
      await writeFile(earlierPath, tampered);
      const third = await mkdtemp(join(tmpdir(), 'wh-dest3-'));
      try {
        const after = await downloadAll(list, { http, dest: third, logger, reuse, stamps, retryDelayMs: 0 });
        expect(after.reused).toBe(0);
        expect(after.downloaded).toBe(1);
        expect(sha256Of(await readFile(join(third, list[0]!.filename)))).toBe(list[0]!.sha256);
      } finally {
        await rm(third, { recursive: true, force: true });
      }
    } finally {
      await rm(earlier, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });

  it('announces each file once, verified and in place, as soon as it is ready (not after all are done)', async () => {
    const list = files().slice(0, 4);
    // One file already present (skipped), one reusable from elsewhere, two to download, one at a time.
    await writeFile(join(dest, list[0]!.filename), specs[0]!.bytes);
    const earlier = await mkdtemp(join(tmpdir(), 'wh-earlier-'));
    const reusedPath = join(earlier, list[1]!.filename);
    await writeFile(reusedPath, specs[1]!.bytes);
    // No declared size: fetched last (the files go largest first).
    const wrong = {
      ...resolvedFile({ ...specs[4]!, baseUrl: `${server.origin}/files`, noSize: true }),
      sha256: 'cd'.repeat(32),
    };
    const seen: { filename: string; present: string[]; bytesOk: boolean }[] = [];
    try {
      const error = await downloadAll([...list, wrong], {
        http,
        dest,
        logger,
        concurrency: 1,
        retryDelayMs: 0,
        reuse: (f) => (f.filename === list[1]!.filename ? reusedPath : undefined),
        onFileReady: (file, path) => {
          const bytes = readFileSync(path);
          seen.push({
            filename: file.filename,
            present: readdirSync(dest).filter((n) => n.endsWith('.whl')),
            bytesOk: sha256Of(bytes) === file.sha256 && path === join(dest, file.filename),
          });
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadFailures);
    } finally {
      await rm(earlier, { recursive: true, force: true });
    }
    // The file with the wrong bytes is never announced; every other one exactly once, largest first.
    expect(seen.map((s) => s.filename)).toEqual([...list].reverse().map((f) => f.filename));
    expect(seen.every((s) => s.bytesOk)).toBe(true);
    // The first announcement came before the later files existed (list[0] was there from the start).
    expect(seen[0]!.present).not.toContain(list[2]!.filename);
    expect(seen[1]!.present).not.toContain(list[1]!.filename);
  });

  it('starts the largest files first, files without a declared size last (one connection: exactly that order)', async () => {
    const sized = files().slice(0, 4); // 48 kB, 49 kB, 50 kB, 51 kB
    const unsized = specs
      .slice(4)
      .map((s) => resolvedFile({ ...s, baseUrl: `${server.origin}/files`, noSize: true }));
    const list = [sized[1]!, unsized[1]!, sized[0]!, sized[3]!, unsized[0]!, sized[2]!];
    await downloadAll(list, { http, dest, logger, concurrency: 1, retryDelayMs: 0 });
    const requested = server.counters.log
      .filter((e) => e.kind === 'file-full')
      .map((e) => e.path.slice(e.path.lastIndexOf('/') + 1));
    expect(requested).toEqual(
      [sized[3]!, sized[2]!, sized[1]!, sized[0]!, unsized[1]!, unsized[0]!].map((f) => f.filename),
    );
  });

  it('with 4 or more connections a quarter of them take the smallest files first, the rest the largest', async () => {
    expect([1, 2, 3, 4, 7, 8, 16].map(smallLanes)).toEqual([0, 0, 0, 1, 1, 2, 4]);
    const sizes = [5, 9, 1, 7, 3, 8, 2, 6, 4];
    const ordered = transferOrder(sizes.map((size) => ({ ...files()[0]!, filename: `f${size}`, size })));
    expect(ordered.map((f) => f.size)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // Every job waits for the test to release it: the order jobs start in is the scheduler's alone.
    const started: number[] = [];
    const release: (() => void)[] = [];
    const run = forEachFromBothEnds(ordered, 4, smallLanes(4), (f) => {
      started.push(f.size!);
      return new Promise<void>((resolve) => release.push(resolve));
    });
    await Promise.resolve();
    expect(started).toEqual([1, 9, 8, 7]); // one small lane, three large ones
    release.shift()!(); // the small lane's job ends: it takes the next smallest
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 9, 8, 7, 2]);
    release.splice(1, 1)[0]!(); // a large lane's job (9) ends: it takes the next largest
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 9, 8, 7, 2, 6]);
    while (started.length < sizes.length || release.length > 0) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await run).toEqual([]);
    expect([...started].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts no new file after a failure; the running ones finish', async () => {
    const ordered = [6, 5, 4, 3, 2, 1];
    const started: number[] = [];
    let finishSix: () => void = () => undefined;
    let sixDone = false;
    const run = forEachFromBothEnds(ordered, 2, 0, (n) => {
      started.push(n);
      if (n === 5) return Promise.reject(new Error(`job ${n}`));
      return new Promise<void>((resolve) => {
        finishSix = () => {
          sixDone = true;
          resolve();
        };
      });
    });
    await new Promise((r) => setImmediate(r)); // job 5 has failed; job 6 is still running
    expect(started).toEqual([6, 5]);
    finishSix();
    const failures = await run;
    expect(sixDone).toBe(true);
    expect(failures.map((e) => (e as Error).message)).toEqual(['job 5']);
    expect(started).toEqual([6, 5]);
  });

  it('reports progress up to the total bytes', async () => {
    const seen: DownloadProgress[] = [];
    const list = files();
    await downloadAll(list, { http, dest, logger, onProgress: (p) => seen.push(p), retryDelayMs: 0 });
    const last = seen[seen.length - 1]!;
    const total = specs.reduce((n, s) => n + s.bytes.length, 0);
    expect(last).toEqual({
      filesDone: list.length,
      filesTotal: list.length,
      bytesDone: total,
      bytesTotal: total,
    });
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.filesDone).toBeGreaterThanOrEqual(seen[i - 1]!.filesDone);
  });

  it('handles files without a declared size', async () => {
    const list = specs
      .slice(0, 2)
      .map((s) => resolvedFile({ ...s, baseUrl: `${server.origin}/files`, noSize: true }));
    const seen: DownloadProgress[] = [];
    const summary = await downloadAll(list, { http, dest, logger, onProgress: (p) => seen.push(p) });
    expect(summary.downloadedBytes).toBe(specs[0]!.bytes.length + specs[1]!.bytes.length);
    expect(seen[seen.length - 1]!.bytesTotal).toBeUndefined();
  });
});
