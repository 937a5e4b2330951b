/**
 * The policy rounds (src/provider/resolve-rounds.ts) through resolveRequirements against a served
 * index: how many solves a resolution takes, which flags are learned or dropped, warnings logged
 * once, and the same answer every time. pip's answers for these shapes are checked against pip
 * itself in pip-agreement.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import type { ResolveOutcome } from '../../src/provider/resolve.js';
import type { TargetOptions } from '../../src/provider/target.js';
import { RecordingLogger } from '../../src/util/logger.js';
import {
  PRERELEASE_ADMITTED_BY_MERGED_RANGES,
  PRERELEASE_NAMED_BY_UNCHOSEN_VERSION,
} from './policy-universes.js';
import { useServedIndex } from './served-index.js';
import { projectsOf, type DistSpec } from './resolve-harness.js';
import { pinsOf, resolveServed } from './resolve-served.js';

const served = useServedIndex();

const TARGET: TargetOptions = { pythonVersion: '3.11.7', os: 'linux', arch: 'x86_64', glibc: [2, 36] };

async function resolve(
  specs: DistSpec[],
  requirements: string[],
  logger = new RecordingLogger(),
): Promise<{ outcome: ResolveOutcome; logger: RecordingLogger; pins: Record<string, string> | null }> {
  served.server.setProjects(projectsOf(specs));
  const outcome = await resolveServed({
    http: served.http,
    indexUrl: served.server.indexUrl,
    lines: requirements,
    source: 'req.txt',
    target: TARGET,
    logger,
  });
  return { outcome, logger, pins: pinsOf(outcome) };
}

const rounds = (o: ResolveOutcome): number | undefined =>
  o.kind === 'resolved' ? o.stats.policyRounds : undefined;

describe('policy rounds', () => {
  it('one round when no requirement allows more than its own edge', async () => {
    const { outcome, pins } = await resolve(
      [
        { name: 'a', version: '1.0', requires: ['d>=1.0'] },
        { name: 'd', version: '1.0' },
        { name: 'd', version: '2.0b1' },
      ],
      ['a'],
    );
    expect(pins).toEqual({ a: '1.0', d: '1.0' });
    expect(rounds(outcome)).toBe(1);
  });

  it('a solution whose own requirements allow a pre-release is resolved again to prefer it, as pip does', async () => {
    const { outcome, pins, logger } = await resolve(PRERELEASE_ADMITTED_BY_MERGED_RANGES, ['a', 'b']);
    expect(pins).toEqual({ a: '1.0', b: '1.0', d: '2.0b1' });
    expect(rounds(outcome)).toBe(2);
    expect(logger.text()).toContain("policy round 1: pip's merged requirements allow pre-releases of d");
  });

  it('a flag learned from a version not chosen is dropped when the solution shows it', async () => {
    const { outcome, pins, logger } = await resolve(PRERELEASE_NAMED_BY_UNCHOSEN_VERSION, ['p']);
    expect(pins).toEqual({ p: '1.0', x: '1.0', a: '1.0', b: '1.0', d: '2.0' });
    // 1: no solution (d); 2: learns yanked d and pre-release x, picks x 2.0b1 through p 1.0's `x`
    // (not what pip admits); 3: without x's flag.
    expect(rounds(outcome)).toBe(3);
    expect(logger.text()).toContain('policy round 2: x chosen through a requirement outside the solution');
  });

  it('gives the same answer and the same rounds every time', async () => {
    const first = await resolve(PRERELEASE_NAMED_BY_UNCHOSEN_VERSION, ['p']);
    const second = await resolve(PRERELEASE_NAMED_BY_UNCHOSEN_VERSION, ['p']);
    expect(second.pins).toEqual(first.pins);
    expect(rounds(second.outcome)).toBe(rounds(first.outcome));
  });

  it('unsatisfiable after learning every flag: the explanation of the last round', async () => {
    const { outcome } = await resolve(
      [
        { name: 'a', version: '1.0', requires: ['d==2.0'] },
        { name: 'b', version: '1.0', requires: ['d<2'] },
        { name: 'd', version: '1.0' },
        { name: 'd', version: '2.0', yanked: true },
      ],
      ['a', 'b'],
    );
    expect(outcome.kind).toBe('unsatisfiable');
    if (outcome.kind !== 'unsatisfiable') return;
    expect(outcome.explanation).toContain('d');
  });

  it('warns once per project and extra that is not provided, across versions and rounds', async () => {
    const { pins, logger } = await resolve(
      [
        // b 2.0 cannot be used (z>=2 does not exist): the solver asks for b[fast] at 2.0 and 1.0.
        { name: 'b', version: '2.0', requires: ['z>=2', 'e; extra == "fast"'] },
        { name: 'b', version: '1.0', requires: ['e; extra == "fast"'] },
        { name: 'z', version: '1.0' },
        { name: 'e', version: '1.0' },
      ],
      ['b[fast]'],
    );
    expect(pins).toEqual({ b: '1.0' });
    const warnings = logger.lines.filter((l) => l.level === 'warn' && l.message.includes('does not provide'));
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^b \d\.0 does not provide the extra 'fast'$/),
    ]);
  });
});
