/**
 * Which requirement line's build options (`--config-settings`, `--global-option`) reach a
 * project's sdist build (review 15a F10). pip 23.2 and 26 make a project's candidates from one
 * "template" requirement — the first of its requirement lines (resolvelib factory.py
 * `_iter_found_candidates`: `template = ireqs[0]`), a line whose marker is false being dropped
 * before — and the build gets that line's options only: another line's are ignored, even when the
 * first line has none. Checked with the real pip 23.2 and 26 and an in-tree backend that records
 * its config_settings (__tests__/cli/config-settings-lines.test.ts):
 *
 *     pkg -C a=1 / pkg -C b=2 -C a=3   → {"a": "1"}
 *     pkg        / pkg -C a=1          → no settings
 *
 * Requirement-file lines are the requirements whose origin is `file:line`; a local project's
 * dependencies (`… (dependencies)`, `… -> …`) are not root lines for pip and do not count.
 */
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import type { NormalizedName } from '../standards/names.js';
import type { SourcedRequirement } from '../provider/python-provider.js';
import type { BuildOptionLine, RequirementBuildOptions } from '../provider/requirement-build-options.js';

export interface TemplateBuildOptions {
  /** The options of each project's first line, when that line has any. */
  options: Map<NormalizedName, RequirementBuildOptions>;
  /** Lines whose options pip ignores, each with the line that is used instead (for a warning). */
  ignored: { origin: string; template: string; project: NormalizedName }[];
}

const FILE_LINE = /:\d+$/;

export function templateBuildOptions(
  requirements: readonly SourcedRequirement[],
  lines: readonly BuildOptionLine[],
  markers: MarkerEnvironment,
): TemplateBuildOptions {
  const holds = (r: SourcedRequirement['requirement']): boolean =>
    r.marker === undefined || evaluateMarker(r.marker, markers);
  const template = new Map<NormalizedName, string>();
  for (const r of requirements) {
    if (!FILE_LINE.test(r.origin) || !holds(r.requirement)) continue;
    if (!template.has(r.requirement.name)) template.set(r.requirement.name, r.origin);
  }
  const options = new Map<NormalizedName, RequirementBuildOptions>();
  const ignored: TemplateBuildOptions['ignored'] = [];
  for (const l of lines) {
    const { name } = l.requirement;
    if (!holds(l.requirement)) continue;
    const first = template.get(name) ?? l.origin;
    if (first !== l.origin) {
      ignored.push({ origin: l.origin, template: first, project: name });
      continue;
    }
    options.set(name, {
      configSettings: [...l.configSettings],
      globalOptions: [...l.globalOptions],
      origins: [l.origin],
    });
  }
  return { options, ignored };
}
