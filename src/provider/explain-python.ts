/**
 * Python wording for a failed resolution: the solver's derivation (src/resolver/explain.ts) rendered
 * with requirement text instead of intervals, and with the requirement-file lines that started it,
 * e.g. `requirements.txt:4: django>=5 needs Python >=3.10, but the target is 3.9`.
 */
import type { NoSolutionError } from '../resolver/errors.js';
import { buildDerivationTree, type DerivationNode, type ExternalFact } from '../resolver/explain.js';
import type { Range } from '../resolver/range.js';
import type { Version } from '../standards/version.js';
import { ROOT_ID } from './python-provider.js';
import type { SolverAdapter } from './solver-adapter.js';
import type { TargetEnvironment } from './target.js';

export interface ExplainContext {
  adapter: SolverAdapter;
  target: TargetEnvironment;
}

/** `django>=5` for a range the provider handed out, else `django <range>`. */
export function describeTerm(ctx: ExplainContext, pkg: string, range: Range<Version>): string {
  const origin = ctx.adapter.originOf(pkg, range);
  if (origin !== undefined) return origin.text;
  if (range.isAny()) return pkg;
  return `${pkg} ${range.toString()}`;
}

/** `requirements.txt:4: django>=5` when the range came from a requirement file line. */
function describeWithOrigin(ctx: ExplainContext, pkg: string, range: Range<Version>): string {
  const origin = ctx.adapter.originOf(pkg, range);
  if (origin === undefined) return describeTerm(ctx, pkg, range);
  return /:\d+/.test(origin.origin) ? `${origin.origin}: ${origin.text}` : origin.text;
}

function describeVersions(pkg: string, range: Range<Version>): string {
  if (range.isAny()) return `every version of ${pkg}`;
  const single = range.singleVersion();
  if (single !== undefined) return `${pkg} ${single.toString()}`;
  return `${pkg} ${range.toString()}`;
}

function factSentence(ctx: ExplainContext, fact: ExternalFact<Version>): string | undefined {
  switch (fact.kind) {
    case 'root':
      return undefined;
    case 'no-versions':
      return `no version of ${describeTerm(ctx, fact.pkg, fact.range)} is available`;
    case 'unavailable':
      return `${describeVersions(fact.pkg, fact.range)} ${fact.reason}`;
    case 'dependency':
      if (fact.depender === ROOT_ID)
        return `${describeWithOrigin(ctx, fact.dependee, fact.dependeeRange)} is required`;
      return `${describeVersions(fact.depender, fact.dependerRange)} depends on ${describeTerm(ctx, fact.dependee, fact.dependeeRange)}`;
  }
}

/** The explanation text: one line per external fact of the derivation, in derivation order. */
export function explainNoSolution(error: NoSolutionError<Version>, ctx: ExplainContext): string {
  const tree = buildDerivationTree(error);
  const lines: string[] = [];
  const seen = new Set<number>();
  const walk = (node: DerivationNode<Version>): void => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    if (node.kind === 'derived') {
      walk(node.causes[0]);
      walk(node.causes[1]);
      return;
    }
    const sentence = factSentence(ctx, node.fact);
    if (sentence !== undefined && !lines.includes(sentence)) lines.push(sentence);
  };
  walk(tree.node);
  return [`No solution for the target ${ctx.target.summary}:`, ...lines.map((l) => `  ${l}`)].join('\n');
}
