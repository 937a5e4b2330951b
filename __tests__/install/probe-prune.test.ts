/**
 * Pruning of the interpreter probe cache (src/install/probe-cache.ts, header "Pruning rule") with
 * real files in temp dirs: executables standing in for interpreters, entries written by
 * cachedProbe itself, ages set with utimes (no timing).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedProbe, pruneProbeCache } from '../../src/install/probe-cache.js';
import { removeIfUnchanged } from '../../src/util/prune-files.js';

let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wh-probe-prune-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY = 24 * 60 * 60;
const HEX = 'ab'.repeat(32);

function fresh(): { dir: string; bin: string } {
  const base = join(root, `case-${++n}`);
  mkdirSync(join(base, 'bin'), { recursive: true });
  return { dir: join(base, 'probes'), bin: join(base, 'bin') };
}

function interpreter(bin: string, name: string): string {
  const path = join(bin, name);
  writeFileSync(path, '#!/bin/sh\necho probe\n');
  chmodSync(path, 0o755);
  return path;
}

/** Writes the entry of `python` through cachedProbe; returns its file name and the run count. */
async function probe(dir: string, python: string): Promise<{ name: string | undefined; runs: number }> {
  const before = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')));
  let runs = 0;
  const answer = await cachedProbe(
    { dir, env: { PATH: '/usr/bin:/bin' } },
    python,
    ['-c', 'probe'],
    async () => {
      runs++;
      return `answer of ${python}`;
    },
    (s) => s.startsWith('answer of '),
  );
  expect(answer).toBe(`answer of ${python}`);
  const after = readdirSync(dir).filter((f) => f.endsWith('.json') && !before.has(f));
  return { name: after[0], runs };
}

function ageDays(path: string, days: number): void {
  const t = Date.now() / 1000 - days * DAY;
  utimesSync(path, t, t);
}

const posix = process.platform !== 'win32';

(posix ? describe : describe.skip)('probe cache pruning', () => {
  it('removes the entry of a deleted interpreter and keeps the live one', async () => {
    const { dir, bin } = fresh();
    mkdirSync(dir, { recursive: true });
    const a = interpreter(bin, 'python-a');
    const b = interpreter(bin, 'python-b');
    const ea = (await probe(dir, a)).name as string;
    const eb = (await probe(dir, b)).name as string;
    expect(ea).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(eb).toMatch(/^[0-9a-f]{64}\.json$/);
    rmSync(a);
    const result = await pruneProbeCache(dir);
    expect(result.removed).toEqual([ea]);
    expect(readdirSync(dir).sort()).toEqual([eb]);
  });

  it('prunes when an entry is written (a deleted interpreter’s entry goes on the next write)', async () => {
    const { dir, bin } = fresh();
    mkdirSync(dir, { recursive: true });
    const a = interpreter(bin, 'python-a');
    const ea = (await probe(dir, a)).name as string;
    rmSync(a);
    const eb = (await probe(dir, interpreter(bin, 'python-b'))).name as string;
    expect(readdirSync(dir)).toEqual([eb]);
    expect(ea).not.toBe(eb);
  });

  it('removes an entry unused for 30 days, keeps one used 29 days ago, and a hit refreshes the age', async () => {
    const { dir, bin } = fresh();
    mkdirSync(dir, { recursive: true });
    const old = (await probe(dir, interpreter(bin, 'python-old'))).name as string;
    const recent = (await probe(dir, interpreter(bin, 'python-recent'))).name as string;
    const used = interpreter(bin, 'python-used');
    const usedEntry = (await probe(dir, used)).name as string;
    ageDays(join(dir, old), 31);
    ageDays(join(dir, recent), 29);
    ageDays(join(dir, usedEntry), 31);
    // A hit (no run) marks the entry used.
    expect((await probe(dir, used)).runs).toBe(0);
    expect(Date.now() - statSync(join(dir, usedEntry)).mtimeMs).toBeLessThan(DAY * 1000);
    const result = await pruneProbeCache(dir);
    expect(result.removed).toEqual([old]);
    expect(readdirSync(dir).sort()).toEqual([recent, usedEntry].sort());
  });

  it('leaves foreign files, symlinks, directories and malformed entries alone, however old', async () => {
    const { dir, bin } = fresh();
    mkdirSync(dir, { recursive: true });
    // A real entry of a gone interpreter, moved outside and linked back under an entry name.
    const gone = interpreter(bin, 'python-gone');
    const entry = (await probe(dir, gone)).name as string;
    const outside = join(bin, 'outside.json');
    renameSync(join(dir, entry), outside);
    symlinkSync(outside, join(dir, entry));
    rmSync(gone);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, `${'cd'.repeat(32)}.json`), '{"format": 1, "stdout": 3}');
    writeFileSync(join(dir, `${HEX}.json`), 'not json');
    mkdirSync(join(dir, `${'ef'.repeat(32)}.json`));
    for (const f of ['notes.txt', `${'cd'.repeat(32)}.json`, `${HEX}.json`]) ageDays(join(dir, f), 90);
    const result = await pruneProbeCache(dir);
    expect(result.removed).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(5);
    expect(lstatSync(join(dir, entry)).isSymbolicLink()).toBe(true);
    expect(lstatSync(outside).isFile()).toBe(true);
  });

  it('does not read an entry through a symlink (the probe runs again)', async () => {
    const { dir, bin } = fresh();
    mkdirSync(dir, { recursive: true });
    const python = interpreter(bin, 'python-l');
    const entry = (await probe(dir, python)).name as string;
    const outside = join(bin, 'linked.json');
    renameSync(join(dir, entry), outside);
    symlinkSync(outside, join(dir, entry));
    expect((await probe(dir, python)).runs).toBe(1);
    expect(lstatSync(join(dir, entry)).isFile()).toBe(true);
  });

  it('removes a killed write’s temp file after a day, keeps a fresh one, and examines at most 32', async () => {
    const { dir } = fresh();
    mkdirSync(dir, { recursive: true });
    const fresh1 = `.${HEX}.json.0123456789ab.tmp`;
    writeFileSync(join(dir, fresh1), '{');
    const result1 = await pruneProbeCache(dir);
    expect(result1.removed).toEqual([]);
    ageDays(join(dir, fresh1), 2);
    expect((await pruneProbeCache(dir)).removed).toEqual([fresh1]);

    for (let i = 0; i < 40; i++) {
      const name = `.${HEX}.json.${i.toString(16).padStart(12, '0')}.tmp`;
      writeFileSync(join(dir, name), '');
      ageDays(join(dir, name), 2);
    }
    const result = await pruneProbeCache(dir);
    expect(result.examined).toBe(32);
    expect(result.removed).toHaveLength(32);
    expect(readdirSync(dir)).toHaveLength(8);
  });

  it('keeps a file rewritten after it was examined (a concurrent run’s newer entry)', async () => {
    const { dir } = fresh();
    mkdirSync(dir, { recursive: true });
    const name = `${HEX}.json`;
    writeFileSync(join(dir, name), 'old');
    const s = lstatSync(join(dir, name), { bigint: true });
    const examined = { dev: s.dev, ino: s.ino, mtimeNs: s.mtimeNs };
    // Replaced by another run (a new inode under the same name) before the removal.
    writeFileSync(join(dir, 'new'), 'new');
    renameSync(join(dir, 'new'), join(dir, name));
    expect(await removeIfUnchanged(dir, name, examined, async () => true)).toBe(false);
    expect(readdirSync(dir)).toEqual([name]);
  });
});
