import { describe, expect, it } from '@jest/globals';
import { renderSvg } from '../../bench/harness/report-svg.js';
import type { CaseResult, RunRecord } from '../../bench/harness/results.js';

function run(wallMs: number, rep: number): RunRecord {
  return {
    rep,
    order: 0,
    wallMs,
    exitCode: 0,
    timedOut: false,
    rssSource: 'gnu-time',
    byKind: {},
    requests: 0,
    bytes: 0,
    notModified: 0,
    peakInFlight: 1,
    peakConnections: 1,
  };
}

const base: CaseResult = {
  workload: 'gen-web',
  workloadDescription: 'd',
  scenario: 'cold-resolve',
  variant: 'pep658-25ms-40MBps',
  server: {
    latencyMs: 25,
    bandwidthBytesPerSec: 40e6,
    noPep658: false,
    noJson: false,
    noSuffixRanges: false,
  },
  served: { projects: 1, files: 1, bytes: 1 },
  date: '2025-01-01T00:00:00Z',
  tools: [
    { id: 'wheelhouse', version: 'x', runs: [run(1000, 0), run(3000, 1), run(2000, 2)] },
    { id: 'pip-26.2.1', version: 'y', runs: [run(8000, 0), run(8000, 1), run(8000, 2)] },
  ],
};

describe('benchmark chart', () => {
  it('draws one bar per tool, scaled to the slowest tool, with medians and the ratio', () => {
    const svg = renderSvg([base]);
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([130, 520]);
    expect(svg).toContain('2.00 s');
    expect(svg).toContain('8.00 s (wheelhouse ×0.25)');
    expect(svg).toContain('gen-web · cold-resolve · PEP 658');
  });

  it('escapes text and marks failed tools', () => {
    const failed: CaseResult = {
      ...base,
      workload: 'a<b',
      tools: [{ id: 'wheelhouse', version: 'x', runs: [{ ...run(1000, 0), exitCode: 2 }] }],
    };
    const svg = renderSvg([failed]);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('FAILED');
  });
});
