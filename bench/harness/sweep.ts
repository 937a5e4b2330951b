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
}

export const SWEEP: SweepCase[] = [
  { workload: 'gen-web', scenario: 'cold-resolve' },
  { workload: 'gen-web', scenario: 'cold-resolve', noPep658: true },
  { workload: 'gen-web', scenario: 'cold-fetch' },
  { workload: 'gen-web', scenario: 'warm' },
  { workload: 'gen-web', scenario: 'one-pin-changed' },
  { workload: 'gen-backtrack', scenario: 'cold-resolve' },
  { workload: 'gen-backtrack', scenario: 'cold-resolve', noPep658: true },
  { workload: 'real-web', scenario: 'cold-resolve' },
  { workload: 'real-web', scenario: 'cold-resolve', noPep658: true },
  { workload: 'real-web', scenario: 'cold-fetch' },
  { workload: 'real-ds', scenario: 'cold-resolve' },
  { workload: 'real-ds', scenario: 'cold-resolve', noPep658: true },
  { workload: 'real-ds', scenario: 'cold-fetch' },
  { workload: 'real-ds', scenario: 'warm' },
  { workload: 'real-ds', scenario: 'one-pin-changed' },
  { workload: 'real-ml', scenario: 'cold-fetch' },
  { workload: 'real-ml', scenario: 'warm' },
];

export const WORKLOAD_NAMES = ['gen-web', 'gen-backtrack', 'real-web', 'real-ds', 'real-ml'];
