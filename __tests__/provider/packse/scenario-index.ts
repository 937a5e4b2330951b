/**
 * Turns one packse scenario into served projects (following SOURCE.txt's recipe): per version,
 * METADATA with Requires-Python (default ">=3.12"), Requires-Dist from `requires` plus each extra's
 * requirements marked `extra == "<name>"`, Provides-Extra; one wheel per listed tag (or one
 * py3-none-any wheel) unless `wheel = false`; an sdist (static PKG-INFO, Metadata-Version 2.2)
 * unless `sdist = false`; `yanked` and `data-requires-python` on every file. The scenario's target
 * becomes a wheelhouse TargetOptions (Linux x86_64, the scenario's Python).
 */
import { buildSdist, buildWheel } from '../../helpers/dists.js';
import type { ServedFile, ServedProject } from '../../helpers/index-server.js';
import type { TargetOptions } from '../../../src/provider/target.js';
import type { Scenario, ScenarioVersion } from './scenarios.js';

function withExtra(req: string, extra: string): string {
  const semi = req.indexOf(';');
  if (semi < 0) return `${req} ; extra == "${extra}"`;
  return `${req.slice(0, semi).trim()} ; (${req.slice(semi + 1).trim()}) and extra == "${extra}"`;
}

export function requiresDistOf(v: ScenarioVersion): string[] {
  const out = [...v.requires];
  for (const [extra, reqs] of Object.entries(v.extras)) for (const r of reqs) out.push(withExtra(r, extra));
  return out;
}

export function scenarioProjects(scenario: Scenario): ServedProject[] {
  const projects: ServedProject[] = [];
  for (const [name, versions] of Object.entries(scenario.packages)) {
    const files: ServedFile[] = [];
    for (const [version, v] of Object.entries(versions)) {
      const requiresDist = requiresDistOf(v);
      const common = { requiresPython: v.requiresPython, ...(v.yanked ? { yanked: true } : {}) };
      if (v.wheel) {
        for (const tags of v.wheelTags.length > 0 ? v.wheelTags : ['py3-none-any']) {
          const wheel = buildWheel({
            name,
            version,
            tags,
            requiresDist,
            requiresPython: v.requiresPython,
            providesExtra: Object.keys(v.extras),
          });
          files.push({ filename: wheel.filename, bytes: wheel.bytes, metadata: wheel.metadata, ...common });
        }
      }
      if (v.sdist) {
        const sdist = buildSdist({
          name,
          version,
          format: 'tar.gz',
          pkgInfo: { metadataVersion: '2.2', requiresDist, requiresPython: v.requiresPython },
        });
        files.push({ filename: sdist.filename, bytes: sdist.bytes, metadata: sdist.metadata, ...common });
      }
    }
    projects.push({ name, files });
  }
  return projects;
}

/** The scenario's target: `resolver_options.python` (compile) or `environment.python` (install). */
export function scenarioTarget(scenario: Scenario): TargetOptions {
  const python = scenario.options.python ?? scenario.environment.python;
  return {
    pythonVersion: python,
    os: 'linux',
    arch: 'x86_64',
    // uv's `x86_64-manylinux2014` is glibc 2.17; otherwise a current Linux host.
    glibc: scenario.options.pythonPlatform === 'x86_64-manylinux2014' ? [2, 17] : [2, 35],
  };
}
