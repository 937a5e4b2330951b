/**
 * Python wording for a failed resolution: the solver's derivation tree (src/resolver/explain.ts)
 * written by its pub-style formatter (src/resolver/report.ts) with Python names injected:
 * - ranges the provider handed out print as the requirement's specifier (`django >=5`), other
 *   ranges as intervals over listed versions;
 * - a root dependency names the requirement-file line: `requirements.txt:4 requires django>=5`;
 * - unusable versions carry the provider's predicate: `needs Python >=3.10, but the target is
 *   3.9`, `is unusable: no wheel for cp311-manylinux_2_17_x86_64; sdist needs a build`;
 * - a project no index knows: `no index has a project named flask`.
 */
import type { NoSolutionError } from '../resolver/errors.js';
import { buildDerivationTree, type ExternalFact } from '../resolver/explain.js';
import type { Range } from '../resolver/range.js';
import { formatReport } from '../resolver/report.js';
import type { Version } from '../standards/version.js';
import { ROOT_ID } from './python-provider.js';
import type { SolverAdapter } from './solver-adapter.js';
import type { TargetEnvironment } from './target.js';

export interface ExplainContext {
  adapter: SolverAdapter;
  target: TargetEnvironment;
}

function formatRange(ctx: ExplainContext, pkg: string, range: Range<Version>): string {
  const origin = ctx.adapter.originOf(pkg, range);
  if (origin !== undefined && origin.specifier !== '') return origin.specifier;
  const single = range.singleVersion();
  if (single !== undefined) return `==${single.toString()}`;
  return range.toString();
}

function describeExternal(ctx: ExplainContext, fact: ExternalFact<Version>): string | undefined {
  if (fact.kind === 'dependency' && fact.depender === ROOT_ID) {
    const origin = ctx.adapter.originOf(fact.dependee, fact.dependeeRange);
    if (origin !== undefined) return `${origin.origin} requires ${origin.text}`;
    return undefined;
  }
  if (fact.kind === 'no-versions' && ctx.adapter.missing.has(fact.pkg)) {
    return `no index has a project named ${fact.pkg}`;
  }
  return undefined;
}

/** The explanation text printed on stderr when no resolution exists. */
export function explainNoSolution(error: NoSolutionError<Version>, ctx: ExplainContext): string {
  const body = formatReport(buildDerivationTree(error), {
    formatVersion: (v) => v.toString(),
    packageName: (pkg) => (pkg === ROOT_ID ? 'the requirements' : pkg),
    formatRange: (pkg, range) => formatRange(ctx, pkg, range),
    describeExternal: (fact) => describeExternal(ctx, fact),
  });
  return `No solution for ${ctx.target.summary} (Python ${ctx.target.pythonVersion.toString()}):\n${body}`;
}
