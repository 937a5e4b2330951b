import { describe, expect, it } from '@jest/globals';
import { genBacktrack, genWeb } from '../../bench/harness/generated-workloads.js';
import { sha256Hex } from '../../__tests__/helpers/dists.js';

function digest(projects: { name: string; files: { filename: string; bytes: Uint8Array }[] }[]): string[] {
  return projects.flatMap((p) => p.files.map((f) => `${f.filename}:${sha256Hex(f.bytes)}`));
}

describe('generated workloads', () => {
  it('gen-web is deterministic: the same seed gives byte-identical wheels', () => {
    expect(digest(genWeb().projects)).toEqual(digest(genWeb().projects));
    expect(digest(genWeb(61).projects)).not.toEqual(digest(genWeb().projects));
  });

  it('gen-web has 60 projects, all expected in the resolution at their newest version', () => {
    const w = genWeb();
    expect(w.projects).toHaveLength(60);
    expect(w.expected?.size).toBe(60);
    for (const p of w.projects) {
      const newest = p.files[p.files.length - 1]?.filename ?? '';
      expect(newest).toContain(`-${w.expected?.get(p.name)}-`);
    }
    expect(w.changedRequirements).not.toEqual(w.requirements);
    expect(w.changedRequirements).toHaveLength(w.requirements.length);
  });

  it('gen-backtrack forces each trap down to 1.3 through its mid package', () => {
    const w = genBacktrack();
    const mid = w.projects.find((p) => p.name === 'bt-mid-0');
    const text = (v: string) =>
      new TextDecoder().decode(mid?.files.find((f) => f.filename.includes(`-${v}-`))?.metadata);
    expect(text('1.3')).toContain('Requires-Dist: bt-base-0>=2');
    expect(text('1.4')).toContain('Requires-Dist: bt-base-0<2');
    expect(w.requirements).toContain('bt-base-0>=2');
    expect(w.expected?.get('bt-trap-0')).toBe('1.3');
  });
});
