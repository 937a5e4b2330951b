import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { extractMetadata, requiresPythonOf, scanMirror } from '../../bench/harness/mirror.js';
import { loadRealWorkload } from '../../bench/harness/real-workloads.js';

describe('bench mirror', () => {
  it('extracts exactly the METADATA member a PEP 658 file would serve', () => {
    const w = buildWheel({ name: 'demo', version: '1.0', requiresPython: '>=3.9', distInfoNotAtEnd: true });
    const m = extractMetadata(w.bytes, w.filename);
    expect(Buffer.from(m).equals(Buffer.from(w.metadata))).toBe(true);
    expect(requiresPythonOf(m)).toBe('>=3.9');
  });

  it('reads no Requires-Python from the body, only from the header block', () => {
    const text = 'Metadata-Version: 2.1\nName: a\nVersion: 1\n\nRequires-Python: >=3\n';
    expect(requiresPythonOf(new TextEncoder().encode(text))).toBeUndefined();
  });

  it('groups wheels by normalized project and skips non-wheels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-mirror-'));
    try {
      for (const [name, version] of [
        ['Foo.Bar', '1.0'],
        ['foo_bar', '2.0'],
        ['other', '0.1'],
      ] as const) {
        const w = buildWheel({ name, version });
        await writeFile(join(dir, w.filename), w.bytes);
      }
      await writeFile(join(dir, 'notes.txt'), 'x');
      const byProject = await scanMirror([dir]);
      expect([...byProject.keys()].sort()).toEqual(['foo-bar', 'other']);
      expect(byProject.get('foo-bar' as never)?.map((f) => f.version)).toEqual(['1.0', '2.0']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips real-wheel workloads with a clear message when no mirror exists', async () => {
    const saved = process.env.WHEELHOUSE_BENCH_MIRROR;
    process.env.WHEELHOUSE_BENCH_MIRROR = join(tmpdir(), 'no-such-mirror-dir');
    try {
      const w = await loadRealWorkload('real-ds', join(tmpdir(), 'bench-cache-unused'));
      expect('skip' in w && w.skip).toMatch(/^real-ds: skipped — no local mirror of real PyPI files/);
    } finally {
      if (saved === undefined) delete process.env.WHEELHOUSE_BENCH_MIRROR;
      else process.env.WHEELHOUSE_BENCH_MIRROR = saved;
    }
  });
});
