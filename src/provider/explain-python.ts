/**
 * Python wording for a failed resolution: the solver's derivation tree (src/resolver/explain.ts)
 * written by its pub-style formatter (src/resolver/report.ts) with Python names injected:
 * - ranges the provider handed out print as the requirement's specifier (`django >=5`), other
 *   ranges as intervals over listed versions;
 * - a root dependency names the requirement-file line: `requirements.txt:4 requires django>=5`;
 * - unusable versions carry the provider's predicate: `needs Python >=3.10, but the target is
 *   3.9`, `is unusable: no wheel for cp311-manylinux_2_17_x86_64; sdist needs a build`;
 * - a project no index knows: `no index has a project named flask`.
 * The text is capped (EXPLANATION_MAX_LINES / _CHARS): a hostile graph's proof can run to megabytes,
 * and it goes to stderr and the job's annotations; the start is kept and the rest counted.
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

export const EXPLANATION_MAX_LINES = 300;
export const EXPLANATION_MAX_CHARS = 64 * 1024;

/** `text`'s first lines within both caps, and a last line saying how many were left out. */
export function capExplanation(text: string): string {
  let end = 0;
  let lines = 0;
  while (end < text.length && lines < EXPLANATION_MAX_LINES) {
    const nl = text.indexOf('\n', end);
    const next = nl < 0 ? text.length : nl + 1;
    if (next > EXPLANATION_MAX_CHARS) break;
    end = next;
    lines++;
  }
  if (end >= text.length) return text;
  let left = 0;
  for (let k = text.indexOf('\n', end); k >= 0; k = text.indexOf('\n', k + 1)) left++;
  if (!text.endsWith('\n')) left++;
  const kept = text.slice(0, end);
  return `${kept}${kept.endsWith('\n') || kept === '' ? '' : '\n'}… ${left} more line${left === 1 ? '' : 's'} of the explanation left out`;
}

/** The explanation text printed on stderr when no resolution exists. */
export function explainNoSolution(error: NoSolutionError<Version>, ctx: ExplainContext): string {
  const body = formatReport(buildDerivationTree(error), {
    formatVersion: (v) => v.toString(),
    packageName: (pkg) => (pkg === ROOT_ID ? 'the requirements' : pkg),
    formatRange: (pkg, range) => formatRange(ctx, pkg, range),
    describeExternal: (fact) => describeExternal(ctx, fact),
  });
  return capExplanation(
    `No solution for ${ctx.target.summary} (Python ${ctx.target.pythonVersion.toString()}):\n${body}`,
  );
}
