import { describe, expect, it } from '@jest/globals';
import { formatBytes, ProgressReporter, type ProgressStream } from '../../src/download/progress.js';

function stream(isTTY: boolean, columns = 80): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { out, isTTY, columns, write: (t: string) => out.push(t) };
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('ProgressReporter', () => {
  it('prints plain bytes/total lines at most once per interval (CI logs)', () => {
    const s = stream(false);
    const c = clock();
    const r = new ProgressReporter({ stream: s, intervalMs: 5000, now: c.now });
    r.update({ filesDone: 0, filesTotal: 3, bytesDone: 0, bytesTotal: 3_000_000 });
    c.advance(1000);
    r.update({ filesDone: 1, filesTotal: 3, bytesDone: 1_000_000, bytesTotal: 3_000_000 });
    c.advance(4000);
    r.update({ filesDone: 2, filesTotal: 3, bytesDone: 2_000_000, bytesTotal: 3_000_000 });
    r.finish({ filesDone: 3, filesTotal: 3, bytesDone: 3_000_000, bytesTotal: 3_000_000 });
    expect(s.out).toEqual([
      'downloaded 0 B / 3.0 MB (0/3 files)\n',
      'downloaded 2.0 MB / 3.0 MB (2/3 files)\n',
      'downloaded 3.0 MB / 3.0 MB (3/3 files)\n',
    ]);
  });

  it('omits the total when sizes are unknown', () => {
    expect(ProgressReporter.line({ filesDone: 1, filesTotal: 2, bytesDone: 2048 })).toBe(
      'downloaded 2.0 kB (1/2 files)',
    );
  });

  it('redraws one line with a bar on a TTY and ends it with a newline', () => {
    const s = stream(true, 100);
    const c = clock();
    const r = new ProgressReporter({ stream: s, now: c.now });
    r.update({ filesDone: 0, filesTotal: 2, bytesDone: 0, bytesTotal: 100 });
    c.advance(200);
    r.update({ filesDone: 1, filesTotal: 2, bytesDone: 50, bytesTotal: 100 });
    r.finish({ filesDone: 2, filesTotal: 2, bytesDone: 100, bytesTotal: 100 });
    expect(s.out).toHaveLength(4);
    expect(s.out.slice(0, 3).every((t) => t.startsWith('\r[') && !t.includes('\n'))).toBe(true);
    expect(s.out[1]).toContain(' 50% ');
    expect(s.out[2]).toContain('100% ');
    expect(s.out[2]).toMatch(/\[#+\]/);
    expect(s.out[3]).toBe('\n');
  });

  it('fits the bar into narrow terminals', () => {
    const line = ProgressReporter.bar({ filesDone: 1, filesTotal: 9, bytesDone: 5e8, bytesTotal: 1e9 }, 40);
    expect(line.length).toBeLessThanOrEqual(39);
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});
