import { describe, expect, it } from '@jest/globals';
import type { DistFile } from '../../src/index/dist-file.js';
import {
  admittedCandidates,
  isPinned,
  orFlags,
  policyTriggers,
  type PolicyFlags,
} from '../../src/provider/candidate-policy.js';
import { versionCandidates, versionKey } from '../../src/provider/candidates.js';
import type { ProjectCandidates } from '../../src/provider/project-universe.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { SpecifierSet } from '../../src/standards/specifier.js';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64', glibc: [2, 28] });

/** `1.0`, `2.0 yanked`, `2.0 cp312` (a wheel the target cannot use). */
function project(...versions: string[]): ProjectCandidates {
  const files: DistFile[] = versions.map((text) => {
    const [version = '', flag] = text.split(' ');
    const tag = flag === 'cp312' ? 'cp312-cp312-manylinux_2_17_x86_64' : 'py3-none-any';
    const filename = `pkg-${version}-${tag}.whl`;
    return {
      project: 'pkg' as NormalizedName,
      filename,
      url: `https://x.example/${filename}`,
      redactedUrl: `https://x.example/${filename}`,
      hashes: { sha256: '0'.repeat(64) },
      yanked: flag === 'yanked' ? 'broken' : false,
      coreMetadata: false,
      source: 'test',
    };
  });
  const preferred = versionCandidates(
    { project: 'pkg' as NormalizedName, files, source: 'test' },
    openRules(target),
  );
  return {
    name: 'pkg' as NormalizedName,
    exists: true,
    preferred,
    ascending: preferred.map((c) => c.version).sort((a, b) => a.compare(b)),
    byKey: new Map(preferred.map((c) => [versionKey(c.version), c])),
  };
}

function admitted(p: ProjectCandidates, spec: string, flags?: Partial<PolicyFlags>, pre = false): string[] {
  const all: PolicyFlags = { prereleases: false, yanked: false, ...flags };
  return admittedCandidates(p, SpecifierSet.parse(spec), pre, all).map((c) => c.version.toString());
}

const triggers = (p: ProjectCandidates, spec: string): PolicyFlags =>
  policyTriggers(p, SpecifierSet.parse(spec), false);

describe('yanked versions (PEP 592 as pip applies it)', () => {
  it('a == pin does not admit a yanked version while an unyanked one matches (3.0 vs 3.0+local)', () => {
    const p = project('3.0', '3.0+local yanked');
    expect(admitted(p, '==3.0')).toEqual(['3.0']);
    expect(triggers(p, '==3.0')).toEqual({ prereleases: false, yanked: false });
  });

  it('a == pin admits a yanked version when everything it matches is yanked, and sets the flag', () => {
    const p = project('1.0', '2.0 yanked');
    expect(admitted(p, '==2.0')).toEqual(['2.0']);
    expect(admitted(p, '===2.0')).toEqual(['2.0']);
    expect(triggers(p, '==2.0')).toEqual({ prereleases: false, yanked: true });
  });

  it('a range never admits a yanked version on its own; the project flag lets it in', () => {
    const p = project('1.0', '2.0 yanked');
    expect(admitted(p, '>=1.0')).toEqual(['1.0']);
    expect(admitted(p, '>=2.0')).toEqual([]);
    expect(admitted(p, '==2.*')).toEqual([]);
    expect(triggers(p, '>=2.0')).toEqual({ prereleases: false, yanked: false });
    expect(admitted(p, '>=1.0', { yanked: true })).toEqual(['2.0', '1.0']);
  });

  it('only versions the target can use count as matches', () => {
    // 2.0 has no usable file; 2.0+local is yanked: still every usable match is yanked.
    const p = project('2.0 cp312', '2.0+local yanked');
    expect(admitted(p, '==2.0')).toEqual(['2.0+local', '2.0']);
    expect(triggers(p, '==2.0').yanked).toBe(true);
  });
});

describe('pre-releases (SpecifierSet.filter with prereleases=None)', () => {
  it('a plain range prefers final releases', () => {
    expect(admitted(project('1.0', '2.0b1'), '>=1.0')).toEqual(['1.0']);
    expect(triggers(project('1.0', '2.0b1'), '>=1.0')).toEqual({ prereleases: false, yanked: false });
  });

  it('a specifier naming a pre-release admits them and sets the flag', () => {
    const p = project('1.0', '2.0b1');
    expect(admitted(p, '>=1.0b1')).toEqual(['2.0b1', '1.0']);
    expect(triggers(p, '>=2.0b1')).toEqual({ prereleases: true, yanked: false });
    // packaging 26 counts < and > clauses naming a pre-release, not != ones.
    expect(triggers(p, '<3.0rc1').prereleases).toBe(true);
    expect(triggers(p, '!=2.0b1').prereleases).toBe(false);
  });

  it('only pre-releases matching: they are admitted and the flag is set', () => {
    const p = project('1.0', '2.0b1');
    expect(admitted(p, '>1.0')).toEqual(['2.0b1']);
    expect(triggers(p, '>1.0')).toEqual({ prereleases: true, yanked: false });
  });

  it('a final release without a usable file does not block the fallback', () => {
    const p = project('2.0 cp312', '2.0rc1');
    expect(admitted(p, '>1.0')).toEqual(['2.0', '2.0rc1']);
    expect(triggers(p, '>1.0').prereleases).toBe(true);
  });

  it('the project flag and --pre admit pre-releases through any range', () => {
    const p = project('1.0', '2.0b1');
    expect(admitted(p, '<3', { prereleases: true })).toEqual(['2.0b1', '1.0']);
    expect(admitted(p, '<3', {}, true)).toEqual(['2.0b1', '1.0']);
  });

  it('naming a pre-release admits pre-releases, not yanked versions', () => {
    const p = project('2.0 yanked', '2.0rc1');
    expect(admitted(p, '>=2.0rc1,<=2.0')).toEqual(['2.0rc1']);
    expect(triggers(p, '>=2.0rc1,<=2.0')).toEqual({ prereleases: true, yanked: false });
  });
});

describe('helpers', () => {
  it("isPinned is pip's is_pinned", () => {
    expect(isPinned(SpecifierSet.parse('==1.0'))).toBe(true);
    expect(isPinned(SpecifierSet.parse('===1.0'))).toBe(true);
    expect(isPinned(SpecifierSet.parse('>=1,==2.0'))).toBe(true);
    expect(isPinned(SpecifierSet.parse('==1.*'))).toBe(false);
    expect(isPinned(SpecifierSet.parse('>=1'))).toBe(false);
  });

  it('orFlags unions', () => {
    expect(orFlags({ prereleases: true, yanked: false }, { prereleases: false, yanked: true })).toEqual({
      prereleases: true,
      yanked: true,
    });
    expect(orFlags(undefined, undefined)).toEqual({ prereleases: false, yanked: false });
  });
});
