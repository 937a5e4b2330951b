/**
 * The chart of docs/benchmarks.svg, drawn by hand as SVG: one group of horizontal bars per case
 * (workload / scenario / index), one bar per tool, length = median wall time relative to the
 * slowest tool of the case, labelled with the median in seconds and wheelhouse's ratio.
 */
import type { CaseResult } from './results.js';
import { summarize, type ToolSummary } from './results.js';

const COLORS: Record<string, string> = { wheelhouse: '#2b8a3e' };
const PIP_COLORS = ['#1c7ed6', '#74c0fc', '#e8590c', '#ffa94d', '#845ef7', '#b197fc'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function caseLabel(c: CaseResult): string {
  return `${c.workload} · ${c.scenario} · ${c.server.noPep658 ? 'no PEP 658' : 'PEP 658'}`;
}

export function renderSvg(cases: CaseResult[]): string {
  const toolIds = [...new Set(cases.flatMap((c) => c.tools.map((t) => t.id)))].sort((a, b) =>
    a === 'wheelhouse' ? -1 : b === 'wheelhouse' ? 1 : a < b ? -1 : 1,
  );
  let pipIndex = 0;
  const color = new Map<string, string>();
  for (const id of toolIds) color.set(id, COLORS[id] ?? PIP_COLORS[pipIndex++ % PIP_COLORS.length] ?? '#888');
  const labelW = 300;
  const barMax = 520;
  const barH = 14;
  const width = labelW + barMax + 190;
  const parts: string[] = [];
  let y = 50;
  for (const c of cases) {
    const sums = c.tools.map(summarize).filter((s): s is ToolSummary => s !== undefined);
    if (sums.length === 0) continue;
    const slowest = Math.max(...sums.map((s) => s.wall.median), 1);
    const wh = sums.find((s) => s.id === 'wheelhouse');
    parts.push(`<text x="8" y="${y + 11}" font-weight="bold">${esc(caseLabel(c))}</text>`);
    y += 18;
    for (const s of sums) {
      const w = Math.max(1, (s.wall.median / slowest) * barMax);
      const ratio =
        wh && s.id !== 'wheelhouse' && s.wall.median > 0
          ? ` (wheelhouse ×${(wh.wall.median / s.wall.median).toFixed(2)})`
          : '';
      const fail = s.ok ? '' : ' FAILED';
      parts.push(
        `<text x="${labelW - 8}" y="${y + 11}" text-anchor="end">${esc(s.id)}</text>`,
        `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${color.get(s.id)}"/>`,
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 11}">${(s.wall.median / 1000).toFixed(2)} s${esc(ratio)}${fail}</text>`,
      );
      y += barH + 4;
    }
    y += 12;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">wheelhouse vs pip: median wall time (bars relative to the slowest tool of each case)</text>`,
    `<text x="8" y="38" fill="#555">${esc(`${cases[0]?.server.latencyMs ?? 25} ms per response, ${(cases[0]?.server.bandwidthBytesPerSec ?? 0) / 1e6} MB/s per connection; shorter is better`)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
