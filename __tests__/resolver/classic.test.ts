/**
 * The worked examples of pub's doc/solver.md ("Examples"): the same packages, the same solutions, and
 * for the two failing ones the explanation text the doc prints.
 */
import { describe, expect, it } from '@jest/globals';
import { buildDerivationTree } from '../../src/resolver/explain.js';
import { formatReport } from '../../src/resolver/report.js';
import {
  decisionsText,
  formatRange,
  InMemoryProvider,
  noSolution,
  type RegistrySpec,
  SemVer,
  solveRoot,
} from './registry.js';

const run = (spec: RegistrySpec) => solveRoot(new InMemoryProvider(spec));

async function explain(spec: RegistrySpec): Promise<string> {
  const e = await noSolution(new InMemoryProvider(spec));
  return formatReport(buildDerivationTree<SemVer>(e), { formatRange, formatVersion: (v) => v.toString() });
}

describe('solver.md examples', () => {
  it('no conflicts', async () => {
    const { decisions, stats } = await run({
      'root 1.0.0': { foo: '^1.0.0' },
      'foo 1.0.0': { bar: '^1.0.0' },
      'bar 1.0.0': {},
      'bar 2.0.0': {},
    });
    expect(decisionsText(decisions)).toEqual({ foo: '1.0.0', bar: '1.0.0' });
    expect(stats.conflicts).toBe(0);
  });

  it('avoiding conflict during decision making', async () => {
    const { decisions, stats } = await run({
      'root 1.0.0': { foo: '^1.0.0', bar: '^1.0.0' },
      'foo 1.1.0': { bar: '^2.0.0' },
      'foo 1.0.0': {},
      'bar 1.0.0': {},
      'bar 1.1.0': {},
      'bar 2.0.0': {},
    });
    expect(decisionsText(decisions)).toEqual({ foo: '1.0.0', bar: '1.1.0' });
    // foo 1.1.0 is rejected before it is decided: no conflict has to be resolved.
    expect(stats.conflicts).toBe(0);
  });

  it('performing conflict resolution', async () => {
    const { decisions, stats } = await run({
      'root 1.0.0': { foo: '>=1.0.0' },
      'foo 2.0.0': { bar: '^1.0.0' },
      'foo 1.0.0': {},
      'bar 1.0.0': { foo: '^1.0.0' },
    });
    expect(decisionsText(decisions)).toEqual({ foo: '1.0.0' });
    expect(stats.conflicts).toBe(1);
    expect(stats.learned).toBe(1);
  });

  it('conflict resolution with a partial satisfier', async () => {
    const { decisions, stats } = await run({
      'root 1.0.0': { foo: '^1.0.0', target: '^2.0.0' },
      'foo 1.1.0': { left: '^1.0.0', right: '^1.0.0' },
      'foo 1.0.0': {},
      'left 1.0.0': { shared: '>=1.0.0' },
      'right 1.0.0': { shared: '<2.0.0' },
      'shared 2.0.0': {},
      'shared 1.0.0': { target: '^1.0.0' },
      'target 2.0.0': {},
      'target 1.0.0': {},
    });
    expect(decisionsText(decisions)).toEqual({ foo: '1.0.0', target: '2.0.0' });
    expect(stats.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('linear error reporting', async () => {
    const text = await explain({
      'root 1.0.0': { foo: '^1.0.0', baz: '^1.0.0' },
      'foo 1.0.0': { bar: '^2.0.0' },
      'bar 2.0.0': { baz: '^3.0.0' },
      'baz 1.0.0': {},
      'baz 3.0.0': {},
    });
    expect(text).toBe(
      [
        'Because every version of foo depends on bar ^2.0.0 which depends on baz ^3.0.0, every version of foo requires baz ^3.0.0.',
        'So, because root depends on both baz ^1.0.0 and foo ^1.0.0, version solving failed.',
      ].join('\n'),
    );
  });

  it('branching error reporting', async () => {
    // Dependencies listed in the order the doc's step table adds them (b before a, y before x): the
    // solver derives a version's dependencies in the order the provider lists them.
    const text = await explain({
      'root 1.0.0': { foo: '^1.0.0' },
      'foo 1.0.0': { b: '^1.0.0', a: '^1.0.0' },
      'foo 1.1.0': { y: '^1.0.0', x: '^1.0.0' },
      'a 1.0.0': { b: '^2.0.0' },
      'b 1.0.0': {},
      'b 2.0.0': {},
      'x 1.0.0': { y: '^2.0.0' },
      'y 1.0.0': {},
      'y 2.0.0': {},
    });
    expect(text).toBe(
      [
        '    Because foo <1.1.0 depends on a ^1.0.0 which depends on b ^2.0.0, foo <1.1.0 requires b ^2.0.0.',
        '(1) So, because foo <1.1.0 depends on b ^1.0.0, foo <1.1.0 is forbidden.',
        '',
        '    Because foo >=1.1.0 depends on x ^1.0.0 which depends on y ^2.0.0, foo >=1.1.0 requires y ^2.0.0.',
        '    And because foo >=1.1.0 depends on y ^1.0.0, foo >=1.1.0 is forbidden.',
        '    And because foo <1.1.0 is forbidden (1), foo is forbidden.',
        '    So, because root depends on foo ^1.0.0, version solving failed.',
      ].join('\n'),
    );
  });
});
