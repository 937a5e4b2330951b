/**
 * The standard sweep behind docs/benchmarks.md: which workload runs which scenarios under which
 * server settings. Chosen to cover every target of the issues while finishing in well under
 * 15 minutes on 2 shared cores (3 repetitions).
 */
import type { Scenario } from './args.js';

export interface SweepCase {
  workload: string;
  scenario: Scenario;
  noPep658?: boolean;
  /**
   * Which pips run beside wheelhouse: `all` = the machine's and the current one, `current` = only
   * the newest (pip ≥ 25.3 when installed), `none` = wheelhouse alone. In no-PEP-658 resolve cases
   * the current pip also runs with `--use-feature=fast-deps`.
   */
  peers: 'all' | 'current' | 'none';
}

export const SWEEP: SweepCase[] = [
  { workload: 'gen-web', scenario: 'cold-resolve', peers: 'all' },
  { workload: 'gen-web', scenario: 'cold-fetch', peers: 'current' },
  { workload: 'gen-web', scenario: 'warm', peers: 'none' },
  { workload: 'gen-web', scenario: 'one-pin-changed', peers: 'none' },
  { workload: 'gen-backtrack', scenario: 'cold-resolve', peers: 'current' },
  { workload: 'real-web', scenario: 'cold-resolve', peers: 'current' },
  { workload: 'real-web', scenario: 'cold-resolve', noPep658: true, peers: 'current' },
  { workload: 'real-web', scenario: 'cold-fetch', peers: 'current' },
  { workload: 'real-ds', scenario: 'cold-resolve', peers: 'current' },
  { workload: 'real-ds', scenario: 'cold-resolve', noPep658: true, peers: 'current' },
  { workload: 'real-ds', scenario: 'cold-fetch', peers: 'current' },
  { workload: 'real-ds', scenario: 'warm', peers: 'none' },
  { workload: 'real-ds', scenario: 'one-pin-changed', peers: 'none' },
  { workload: 'real-ml', scenario: 'cold-fetch', peers: 'none' },
  // PyPI-shaped indexes from real uv.lock files (issue 14 §1): resolution against pip 26.
  { workload: 'pypi-fastapi', scenario: 'cold-resolve', peers: 'current' },
  { workload: 'pypi-prefect', scenario: 'cold-resolve', peers: 'current' },
];

export const WORKLOAD_NAMES = [
  'gen-web',
  'gen-backtrack',
  'real-web',
  'real-ds',
  'real-ml',
  'pypi-fastapi',
  'pypi-prefect',
  'pypi-dspy',
  'pypi-docling',
];
