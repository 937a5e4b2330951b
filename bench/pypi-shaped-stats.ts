/**
 * Prints what the PyPI-shaped workloads (harness/pypi-shaped.ts) serve: projects, releases, files,
 * the largest pages, the requirement lines and the expected set's size. No server, no clients.
 *
 *   node --import ./bench/register-swc.mjs bench/pypi-shaped-stats.ts [--quick] [NAME…]
 */
import { resolve } from 'node:path';
import { loadPypiShaped, PYPI_SHAPED } from './harness/pypi-shaped.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const names = argv.filter((a) => !a.startsWith('--'));
for (const name of names.length > 0 ? names : Object.keys(PYPI_SHAPED)) {
  const t0 = performance.now();
  const w = await loadPypiShaped(name, resolve('.'), { quick });
  const ms = Math.round(performance.now() - t0);
  if ('skip' in w) {
    console.log(w.skip);
    continue;
  }
  const pages = w.projects
    .map((p) => ({ name: p.name, links: p.files.length }))
    .sort((a, b) => b.links - a.links);
  const files = pages.reduce((n, p) => n + p.links, 0);
  console.log(`${w.name}: ${w.description}`);
  console.log(
    `  ${w.projects.length} projects, ${files} files, ${w.requirements.length} requirement lines, ` +
      `${w.expected?.size ?? 0} expected; generated in ${ms} ms`,
  );
  console.log(
    `  largest pages: ${pages
      .slice(0, 5)
      .map((p) => `${p.name} ${p.links}`)
      .join(', ')}`,
  );
  if (argv.includes('--show')) console.log(w.requirements.join('\n'));
}
