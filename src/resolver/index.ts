/** The generic PubGrub resolver: the public surface for src/provider and the benchmarks. */
export { Range, Ranges, InvalidRangeError } from './range.js';
export type { Bound, Compare, Interval } from './range.js';
export { Term } from './term.js';
export type { Relation } from './term.js';
export { Incompatibility } from './incompatibility.js';
export type { IncompatibilityCause } from './incompatibility.js';
export type { Dependencies, DependencyProvider } from './provider.js';
export { solve } from './solver.js';
export type { Solution, SolveOptions, SolverStats } from './solver.js';
export { NoSolutionError, ResolutionTooComplexError, SolveAbortedError } from './errors.js';
export { buildDerivationTree } from './explain.js';
export type { DerivationNode, DerivationTree, DerivedNode, ExternalFact, ExternalNode } from './explain.js';
export { formatReport } from './report.js';
export type { ReportFormatter } from './report.js';
