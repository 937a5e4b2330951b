/**
 * The formatter on hand-built derivation trees: shared derivations get a number and are referred back
 * to, and external facts can be worded by the caller.
 */
import { describe, expect, it } from '@jest/globals';
import type { DerivationNode, DerivedNode, ExternalFact, ExternalNode } from '../../src/resolver/explain.js';
import { formatReport } from '../../src/resolver/report.js';
import { Term } from '../../src/resolver/term.js';
import { formatRange, parseRange, type SemVer } from './registry.js';

let id = 0;
const pos = (pkg: string, range = 'any'): Term<SemVer> => new Term(pkg, parseRange(range), true);
const neg = (pkg: string, range = 'any'): Term<SemVer> => new Term(pkg, parseRange(range), false);

function dependency(
  depender: string,
  dependerRange: string,
  dependee: string,
  dependeeRange: string,
): ExternalNode<SemVer> {
  const fact: ExternalFact<SemVer> = {
    kind: 'dependency',
    depender,
    dependerRange: parseRange(dependerRange),
    dependee,
    dependeeRange: parseRange(dependeeRange),
  };
  return {
    kind: 'external',
    id: id++,
    terms: [pos(depender, dependerRange), neg(dependee, dependeeRange)],
    fact,
  };
}

function noVersions(pkg: string, range: string): ExternalNode<SemVer> {
  return {
    kind: 'external',
    id: id++,
    terms: [pos(pkg, range)],
    fact: { kind: 'no-versions', pkg, range: parseRange(range) },
  };
}

function derived(
  terms: Term<SemVer>[],
  a: DerivationNode<SemVer>,
  b: DerivationNode<SemVer>,
  shared = false,
): DerivedNode<SemVer> {
  return { kind: 'derived', id: id++, terms, causes: [a, b], shared };
}

describe('formatReport', () => {
  it('numbers a shared derivation and refers back to it', () => {
    // x: every version of a requires c ^1.0.0 — used by both p and q.
    const x = derived(
      [pos('a'), neg('c', '^1.0.0')],
      dependency('a', 'any', 'b', '^1.0.0'),
      dependency('b', 'any', 'c', '^1.0.0'),
      true,
    );
    const p = derived([pos('a')], x, noVersions('c', '^1.0.0'));
    const q = derived([pos('d'), neg('c', '^1.0.0')], dependency('d', 'any', 'a', '^1.0.0'), x);
    const root = derived([pos('root')], p, q);
    expect(formatReport({ root: 'root', node: root }, { formatRange })).toBe(
      [
        '(1) Because every version of a depends on b ^1.0.0 which depends on c ^1.0.0, every version of a requires c ^1.0.0.',
        '(2) So, because no versions of c match ^1.0.0, a is forbidden.',
        '',
        '    Because every version of d depends on a ^1.0.0 and every version of a requires c ^1.0.0 (1), every version of d requires c ^1.0.0.',
        '    So, because a is forbidden (2), version solving failed.',
      ].join('\n'),
    );
  });

  it('uses the caller wording for external facts and does not merge custom facts', () => {
    const e1 = dependency('root', 'any', 'django', '>=5.0.0');
    const e2 = dependency('root', 'any', 'celery', '<2.0.0');
    const node = derived([pos('root')], e1, e2);
    const text = formatReport(
      { root: 'root', node },
      {
        formatRange,
        packageName: (p) => (p === 'root' ? 'the requirements' : p),
        describeExternal: (fact) =>
          fact.kind === 'dependency' && fact.dependee === 'django'
            ? 'requirements.txt:4 requires django>=5'
            : undefined,
      },
    );
    expect(text).toBe(
      'Because requirements.txt:4 requires django>=5 and the requirements depends on celery <2.0.0, version solving failed.',
    );
    // Without custom wording the two root dependencies merge into one clause.
    expect(formatReport({ root: 'root', node }, { formatRange })).toBe(
      'Because root depends on both django >=5.0.0 and celery <2.0.0, version solving failed.',
    );
  });

  it('states derived incompatibilities of several terms', () => {
    const e1 = dependency('a', 'any', 'b', '^1.0.0');
    const e2 = dependency('c', 'any', 'b', '^2.0.0');
    const node = derived([pos('a'), pos('c')], e1, e2);
    expect(formatReport({ root: 'root', node }, { formatRange })).toBe(
      'Because every version of a depends on b ^1.0.0 and every version of c depends on b ^2.0.0, a and c are incompatible.',
    );
  });
});
