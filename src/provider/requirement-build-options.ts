/**
 * The build options written on requirement lines — pip 23.2's per-requirement options besides
 * `--hash` (`--config-settings`, `--global-option`, pip's "Requirements File Format" reference) —
 * and which of them reach a project's build for a target: only those of lines whose marker holds.
 */
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import type { NormalizedName } from '../standards/names.js';
import type { Requirement } from '../standards/requirement.js';

export interface BuildOptionLine {
  requirement: Requirement;
  configSettings: readonly string[];
  globalOptions: readonly string[];
  /** Where it was written (`requirements.txt:4`). */
  origin: string;
}

export interface RequirementBuildOptions {
  /** `KEY=VALUE`, in file order. */
  configSettings: string[];
  globalOptions: string[];
  /** Where they were written (`requirements.txt:4`). */
  origins: string[];
}

/**
 * The build options of the lines whose marker holds for `markers`, merged per project in file
 * order. pip 23.2 drops a requirement whose marker is false before anything is built ("Ignoring
 * …: markers … don't match your environment", resolvelib factory.py
 * `_make_requirement_from_install_req`), with the options written on its line.
 */
export function buildOptionsFor(
  lines: readonly BuildOptionLine[],
  markers: MarkerEnvironment,
): Map<NormalizedName, RequirementBuildOptions> {
  const out = new Map<NormalizedName, RequirementBuildOptions>();
  for (const l of lines) {
    const { marker, name } = l.requirement;
    if (marker !== undefined && !evaluateMarker(marker, markers)) continue;
    const options = out.get(name) ?? { configSettings: [], globalOptions: [], origins: [] };
    options.configSettings.push(...l.configSettings);
    options.globalOptions.push(...l.globalOptions);
    options.origins.push(l.origin);
    out.set(name, options);
  }
  return out;
}
