/**
 * The derivation tree behind a failed solve (pub's doc/solver.md, "Derivation Graph"): leaves are
 * external facts (dependencies, unusable versions, ranges with no versions, the root requirement),
 * inner nodes are incompatibilities derived by conflict resolution from exactly two causes. It is a
 * DAG: a derived node reached from several parents is the same object and is marked `shared`, which is
 * what the text formatter (report.ts) numbers so later lines can refer back to it.
 *
 * This module builds the structure only; turning it into sentences is report.ts's job, so other
 * front-ends (JSON, a job summary) can walk the same tree.
 */
import { NoSolutionError } from './errors.js';
import type { Incompatibility } from './incompatibility.js';
import type { Range } from './range.js';
import type { Term } from './term.js';

export type ExternalFact<V> =
  | { readonly kind: 'root'; readonly pkg: string }
  | { readonly kind: 'no-versions'; readonly pkg: string; readonly range: Range<V> }
  | { readonly kind: 'unavailable'; readonly pkg: string; readonly range: Range<V>; readonly reason: string }
  | {
      readonly kind: 'dependency';
      readonly depender: string;
      readonly dependerRange: Range<V>;
      readonly dependee: string;
      readonly dependeeRange: Range<V>;
    };

export interface ExternalNode<V> {
  readonly kind: 'external';
  readonly id: number;
  readonly terms: readonly Term<V>[];
  readonly fact: ExternalFact<V>;
}

export interface DerivedNode<V> {
  readonly kind: 'derived';
  readonly id: number;
  readonly terms: readonly Term<V>[];
  /** [the conflicting incompatibility, the satisfier's cause] as conflict resolution combined them. */
  readonly causes: readonly [DerivationNode<V>, DerivationNode<V>];
  /** Cause of two or more other derived incompatibilities in this tree. */
  readonly shared: boolean;
}

export type DerivationNode<V> = ExternalNode<V> | DerivedNode<V>;

export interface DerivationTree<V> {
  /** The root package id (named "root" in sentences unless the formatter says otherwise). */
  readonly root: string;
  readonly node: DerivationNode<V>;
}

/** Build the tree for a NoSolutionError (or any incompatibility, with the root package id). */
export function buildDerivationTree<V>(source: NoSolutionError<V>): DerivationTree<V>;
export function buildDerivationTree<V>(source: Incompatibility<V>, root: string): DerivationTree<V>;
export function buildDerivationTree<V>(
  source: NoSolutionError<V> | Incompatibility<V>,
  root?: string,
): DerivationTree<V> {
  const incompat = source instanceof NoSolutionError ? source.incompatibility : source;
  const rootPkg = source instanceof NoSolutionError ? source.root : root!;

  // Count how many times each derived incompatibility is used as a cause, visiting each once.
  const uses = new Map<number, number>();
  const seen = new Set<number>();
  const stack: Incompatibility<V>[] = [incompat];
  while (stack.length > 0) {
    const inc = stack.pop()!;
    if (seen.has(inc.id)) continue;
    seen.add(inc.id);
    if (inc.cause.kind === 'derived') {
      for (const c of [inc.cause.conflict, inc.cause.other]) {
        uses.set(c.id, (uses.get(c.id) ?? 0) + 1);
        stack.push(c);
      }
    }
  }

  // Build bottom-up with an explicit stack, not by recursion: a derivation can be a chain of tens of
  // thousands of steps (review 2 of session 13, R2: the call stack overflowed at ~20,000).
  const built = new Map<number, DerivationNode<V>>();
  const build = (top: Incompatibility<V>): DerivationNode<V> => {
    const todo: Incompatibility<V>[] = [top];
    while (todo.length > 0) {
      const inc = todo[todo.length - 1]!;
      if (built.has(inc.id)) {
        todo.pop();
        continue;
      }
      const cause = inc.cause;
      if (cause.kind !== 'derived') {
        built.set(inc.id, { kind: 'external', id: inc.id, terms: inc.terms, fact: externalFact(inc) });
        todo.pop();
        continue;
      }
      const conflict = built.get(cause.conflict.id);
      const other = built.get(cause.other.id);
      if (conflict === undefined || other === undefined) {
        // Children first; pushed so that `conflict` is built before `other`, as the recursion did.
        if (other === undefined) todo.push(cause.other);
        if (conflict === undefined) todo.push(cause.conflict);
        continue;
      }
      built.set(inc.id, {
        kind: 'derived',
        id: inc.id,
        terms: inc.terms,
        causes: [conflict, other],
        shared: (uses.get(inc.id) ?? 0) > 1,
      });
      todo.pop();
    }
    return built.get(top.id)!;
  };
  return { root: rootPkg, node: build(incompat) };
}

function externalFact<V>(inc: Incompatibility<V>): ExternalFact<V> {
  const cause = inc.cause;
  const only = inc.terms[0];
  switch (cause.kind) {
    case 'root':
      return { kind: 'root', pkg: only!.pkg };
    case 'no-versions':
      return { kind: 'no-versions', pkg: only!.pkg, range: only!.range };
    case 'unavailable':
      return { kind: 'unavailable', pkg: only!.pkg, range: only!.range, reason: cause.reason };
    case 'dependency':
      return {
        kind: 'dependency',
        depender: cause.depender,
        dependerRange: cause.dependerRange,
        dependee: cause.dependee,
        dependeeRange: cause.dependeeRange,
      };
    case 'derived':
      throw new Error('internal: a derived incompatibility is not an external fact');
  }
}
