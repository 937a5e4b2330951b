/**
 * Plain-sentence explanation of a derivation tree, following the error reporting algorithm of pub's
 * doc/solver.md ("Error Reporting"): a depth-first walk that writes one line per derived
 * incompatibility, collapses linear chains ("And because …"), and numbers only the lines that are
 * referred to again (shared derivations, and the first branch of a two-branch derivation).
 *
 * Everything domain-specific is injected: how to name a package, a range, or an external fact. The
 * Python layer uses that to say "requirements.txt:4: django>=5" or "needs Python >=3.10, but the
 * target is 3.9". The wording shortcuts of the doc's examples are kept: "every version of foo",
 * "root depends on both a and b", "foo depends on bar which depends on baz", "So," on the conclusion.
 */
import type { DerivationNode, DerivationTree, DerivedNode, ExternalFact, ExternalNode } from './explain.js';
import type { Range } from './range.js';
import type { Term } from './term.js';

export interface ReportFormatter<V> {
  /** How versions print in the default range text (default `String`). */
  formatVersion?: (v: V) => string;
  /** The name of a package in sentences (default: its id; the root's default is its id too). */
  packageName?: (pkg: string) => string;
  /** The text of a range of `pkg` (default: `range.toString(formatVersion)`). Not called for `*`. */
  formatRange?: (pkg: string, range: Range<V>) => string;
  /**
   * A whole external fact as a clause, e.g. "requirements.txt:4: django>=5" for a root dependency.
   * Return undefined to use the default wording. Facts worded here are never merged with others
   * ("depends on both …").
   */
  describeExternal?: (fact: ExternalFact<V>, defaultText: string) => string | undefined;
}

interface Line {
  text: string;
  number?: number;
}

type Mode = 'root' | 'conclusion' | 'normal';
/** The report walk's work list: a derived node to visit in a mode, or a step to run in order. */
type Task<V> = { node: DerivedNode<V>; mode: Mode } | (() => void);

/** Format the explanation: lines separated by "\n", numbered lines prefixed "(n) " and the rest aligned. */
export function formatReport<V>(tree: DerivationTree<V>, formatter: ReportFormatter<V> = {}): string {
  return new ReportWriter(tree, formatter).write();
}

class ReportWriter<V> {
  private readonly lines: Line[] = [];
  private readonly lineNumbers = new Map<number, number>();
  private nextNumber = 1;
  private readonly formatVersion: (v: V) => string;
  private readonly packageName: (pkg: string) => string;
  private readonly formatRange: (pkg: string, range: Range<V>) => string;

  constructor(
    private readonly tree: DerivationTree<V>,
    private readonly formatter: ReportFormatter<V>,
  ) {
    this.formatVersion = formatter.formatVersion ?? String;
    this.packageName = formatter.packageName ?? ((pkg) => pkg);
    this.formatRange = formatter.formatRange ?? ((_pkg, range) => range.toString(this.formatVersion));
  }

  write(): string {
    const node = this.tree.node;
    if (node.kind === 'external') {
      this.lines.push({ text: `Because ${this.external(node)}, ${this.incompatibility(node.terms)}.` });
    } else {
      this.visit(node, 'root');
    }
    const width = this.nextNumber > 1 ? `(${this.nextNumber - 1}) `.length : 0;
    return this.lines
      .map((l) => {
        if (l.text === '') return '';
        const prefix = l.number === undefined ? ' '.repeat(width) : `(${l.number}) `.padEnd(width);
        return prefix + l.text;
      })
      .join('\n');
  }

  // ---- the walk (solver.md "Error Reporting", steps 1–3) ---------------------------------------

  /**
   * Walks with an explicit stack of tasks (a node to visit, or a line to emit once the lines before it
   * are written), not by recursion: a derivation can be a chain of tens of thousands of steps (review
   * 2 of session 13, R2: the call stack overflowed at ~20,000). `step` is one visit of the recursive
   * walk: what it returns runs in order, each visit's own tasks before the next entry.
   */
  private visit(start: DerivedNode<V>, startMode: Mode): void {
    const tasks: Task<V>[] = [{ node: start, mode: startMode }];
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      if (typeof task === 'function') {
        task();
        continue;
      }
      const steps = this.step(task.node, task.mode);
      for (let k = steps.length - 1; k >= 0; k--) tasks.push(steps[k]!);
    }
  }

  private step(node: DerivedNode<V>, mode: Mode): Task<V>[] {
    const [c1, c2] = node.causes;
    const self = this.incompatibility(node.terms);
    if (c1.kind === 'derived' && c2.kind === 'derived') {
      const n1 = this.lineNumbers.get(c1.id);
      const n2 = this.lineNumbers.get(c2.id);
      if (n1 !== undefined && n2 !== undefined) {
        return [
          () =>
            this.emit(
              node,
              mode,
              `Because ${this.derived(c1)} (${n1}) and ${this.derived(c2)} (${n2}), ${self}.`,
            ),
        ];
      } else if (n1 !== undefined || n2 !== undefined) {
        const [numbered, other] = n1 !== undefined ? [c1, c2] : [c2, c1];
        return [
          { node: other, mode: 'normal' },
          () => {
            const n = this.lineNumbers.get(numbered.id)!;
            this.emit(node, mode, `And because ${this.derived(numbered)} (${n}), ${self}.`);
          },
        ];
      } else {
        const simple = isSimple(c1) ? c1 : isSimple(c2) ? c2 : undefined;
        if (simple !== undefined) {
          return [
            { node: simple === c1 ? c2 : c1, mode: 'normal' },
            { node: simple, mode: 'normal' },
            () => this.emit(node, mode, `Thus, ${self}.`),
          ];
        } else {
          return [
            { node: c1, mode: 'conclusion' },
            () => this.lines.push({ text: '' }),
            { node: c2, mode: 'normal' },
            () => {
              const n = this.lineNumbers.get(c1.id)!;
              this.emit(node, mode, `And because ${this.derived(c1)} (${n}), ${self}.`);
            },
          ];
        }
      }
    }
    if (c1.kind === 'derived' || c2.kind === 'derived') {
      const [derived, external] = (c1.kind === 'derived' ? [c1, c2] : [c2, c1]) as [
        DerivedNode<V>,
        ExternalNode<V>,
      ];
      const n = this.lineNumbers.get(derived.id);
      if (n !== undefined) {
        return [
          () =>
            this.emit(
              node,
              mode,
              `Because ${this.external(external)} and ${this.derived(derived)} (${n}), ${self}.`,
            ),
        ];
      }
      const collapsed = this.collapsible(derived);
      if (collapsed !== undefined) {
        return [
          { node: collapsed.priorDerived, mode: 'normal' },
          () =>
            this.emit(
              node,
              mode,
              `And because ${this.externals(collapsed.priorExternal, external)}, ${self}.`,
            ),
        ];
      }
      return [
        { node: derived, mode: 'normal' },
        () => this.emit(node, mode, `And because ${this.external(external)}, ${self}.`),
      ];
    }
    return [
      () =>
        this.emit(
          node,
          mode,
          `Because ${this.externals(c1 as ExternalNode<V>, c2 as ExternalNode<V>)}, ${self}.`,
        ),
    ];
  }

  /** solver.md 2.ii: `derived` has one derived and one external cause, and is not referred to again. */
  private collapsible(
    derived: DerivedNode<V>,
  ): { priorDerived: DerivedNode<V>; priorExternal: ExternalNode<V> } | undefined {
    if (derived.shared) return undefined;
    const [a, b] = derived.causes;
    if (a.kind === 'derived' && b.kind === 'external' && !this.lineNumbers.has(a.id)) {
      return { priorDerived: a, priorExternal: b };
    }
    if (b.kind === 'derived' && a.kind === 'external' && !this.lineNumbers.has(b.id)) {
      return { priorDerived: b, priorExternal: a };
    }
    return undefined;
  }

  private emit(node: DerivedNode<V>, mode: Mode, text: string): void {
    const concluding = mode !== 'normal';
    const line: Line = { text: concluding ? text.replace(/^And because /, 'So, because ') : text };
    if (mode === 'conclusion' || node.shared) {
      line.number = this.nextNumber++;
      this.lineNumbers.set(node.id, line.number);
    }
    this.lines.push(line);
  }

  // ---- wording ---------------------------------------------------------------------------------

  private isRoot(pkg: string): boolean {
    return pkg === this.tree.root;
  }

  /** "foo >=1.0", "foo" for any version, the root's name alone. */
  private object(pkg: string, range: Range<V>): string {
    const name = this.packageName(pkg);
    if (this.isRoot(pkg) || range.isAny()) return name;
    return `${name} ${this.formatRange(pkg, range)}`;
  }

  /** Like `object`, but "every version of foo" for any version (the subject of "depends on"). */
  private subject(pkg: string, range: Range<V>): string {
    if (!this.isRoot(pkg) && range.isAny()) return `every version of ${this.packageName(pkg)}`;
    return this.object(pkg, range);
  }

  private derived(node: DerivedNode<V>): string {
    return this.incompatibility(node.terms);
  }

  /** A derived incompatibility as a statement of what is forbidden or required. */
  private incompatibility(terms: readonly Term<V>[]): string {
    const positive = terms.filter((t) => t.positive);
    const negative = terms.filter((t) => !t.positive);
    if (
      terms.length === 0 ||
      (terms.length === 1 && positive.length === 1 && this.isRoot(positive[0]!.pkg))
    ) {
      return 'version solving failed';
    }
    if (terms.length === 1) {
      const t = terms[0]!;
      return t.positive
        ? `${this.object(t.pkg, t.range)} is forbidden`
        : `${this.object(t.pkg, t.range)} is required`;
    }
    if (positive.length === 1 && negative.length === 1) {
      const p = positive[0]!;
      const n = negative[0]!;
      return `${this.subject(p.pkg, p.range)} requires ${this.object(n.pkg, n.range)}`;
    }
    const pos = positive.map((t) => this.object(t.pkg, t.range));
    const neg = negative.map((t) => this.object(t.pkg, t.range));
    if (neg.length === 0) return `${joinList(pos, 'and')} are incompatible`;
    if (pos.length === 0) return `one of ${joinList(neg, 'or')} is required`;
    return `${joinList(pos, 'and')} together require ${joinList(neg, 'or')}`;
  }

  private external(node: ExternalNode<V>): string {
    const fallback = this.defaultExternal(node.fact);
    return this.formatter.describeExternal?.(node.fact, fallback) ?? fallback;
  }

  private defaultExternal(fact: ExternalFact<V>): string {
    switch (fact.kind) {
      case 'root':
        return `${this.packageName(fact.pkg)} is the root`;
      case 'no-versions':
        return fact.range.isAny()
          ? `${this.packageName(fact.pkg)} has no versions`
          : `no versions of ${this.packageName(fact.pkg)} match ${this.formatRange(fact.pkg, fact.range)}`;
      case 'unavailable':
        return `${this.object(fact.pkg, fact.range)} ${fact.reason}`;
      case 'dependency':
        return `${this.subject(fact.depender, fact.dependerRange)} depends on ${this.object(fact.dependee, fact.dependeeRange)}`;
    }
  }

  /** Two external facts joined, merging two dependencies where the doc's examples do. */
  private externals(a: ExternalNode<V>, b: ExternalNode<V>): string {
    const custom = (n: ExternalNode<V>): boolean =>
      this.formatter.describeExternal?.(n.fact, this.defaultExternal(n.fact)) !== undefined;
    const fa = a.fact;
    const fb = b.fact;
    if (fa.kind === 'dependency' && fb.kind === 'dependency' && !custom(a) && !custom(b)) {
      if (fa.depender === fb.depender && fa.dependerRange.equals(fb.dependerRange)) {
        return (
          `${this.subject(fa.depender, fa.dependerRange)} depends on both ` +
          `${this.object(fa.dependee, fa.dependeeRange)} and ${this.object(fb.dependee, fb.dependeeRange)}`
        );
      }
      const through = (x: typeof fa, y: typeof fa): string | undefined =>
        x.dependee === y.depender && x.dependeeRange.isSubsetOf(y.dependerRange)
          ? `${this.subject(x.depender, x.dependerRange)} depends on ${this.object(x.dependee, x.dependeeRange)} ` +
            `which depends on ${this.object(y.dependee, y.dependeeRange)}`
          : undefined;
      const merged = through(fa, fb) ?? through(fb, fa);
      if (merged !== undefined) return merged;
    }
    return `${this.external(a)} and ${this.external(b)}`;
  }
}

/** Caused by two external incompatibilities: explained in one line (solver.md 1.iii). */
function isSimple<V>(node: DerivationNode<V>): node is DerivedNode<V> {
  return node.kind === 'derived' && node.causes[0].kind === 'external' && node.causes[1].kind === 'external';
}

function joinList(items: string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]!}`;
}
