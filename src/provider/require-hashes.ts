/**
 * pip's hash-checking mode (`--require-hashes` on the command line or in a requirements file;
 * pip's "Secure installs" / hash-checking mode documentation and `_internal/operations/prepare.py`):
 *   - every requirement the user names must be pinned — exactly one specifier with `==` or `===`
 *     (pip's `InstallRequirement.is_pinned`) — unless it is a direct URL;
 *   - every requirement must carry a hash: `--hash` options, or for a direct URL its `#sha256=`
 *     (or other) fragment;
 *   - every distribution the resolution brings in must be one of those requirements: a dependency
 *     nobody pinned with a hash is refused (pip: "Hashes are required in --require-hashes mode, but
 *     they are missing from some requirements").
 * Requirements whose markers are false for the target are ignored, as pip ignores them. wheelhouse
 * verifies every file's sha256 anyway; this mode is the user's promise that the inputs pin all of it.
 */
import type { NormalizedName } from '../standards/names.js';
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import type { RequirementInputs } from './requirement-inputs.js';
import type { Resolution } from './resolution.js';

/** Its message lists each requirement at fault as `file:line: text` (dependencies have no line). */
export class RequireHashesError extends Error {
  override name = 'RequireHashesError';
}

function hasHash(inputs: RequirementInputs, name: NormalizedName): boolean {
  // Pins that no file can match (two lines with no digest in common) are hashes all the same: the
  // file is then refused as not matching them, as pip's non-empty `Hashes` refuses it.
  const pins = inputs.hashes.get(name);
  if (pins !== undefined && pins.size > 0) return true;
  const direct = inputs.directFiles.get(name);
  return direct !== undefined && Object.keys(direct.hashes).length > 0;
}

/**
 * Why the mode is on when no option asked for it: `impliedBy` is where the first `--hash` was
 * written (pip turns the mode on so; RequirementInputs.hashOptionsAt).
 */
function why(impliedBy: string | undefined): string {
  return impliedBy === undefined
    ? ''
    : ` (as in pip, a --hash on any line, here ${impliedBy}, turns this mode on)`;
}

/** The requirements' own faults, before anything is fetched. */
export function checkRequireHashesInputs(
  inputs: RequirementInputs,
  markers: MarkerEnvironment,
  impliedBy?: string,
): void {
  const active = inputs.requirements.filter(
    (r) => r.requirement.marker === undefined || evaluateMarker(r.requirement.marker, markers),
  );
  const unpinned = active.filter((r) => {
    if (r.requirement.url !== undefined) return false;
    const specs = r.requirement.specifier.specifiers;
    return !(specs.length === 1 && (specs[0]!.operator === '==' || specs[0]!.operator === '==='));
  });
  if (unpinned.length > 0) {
    throw new RequireHashesError(
      `in --require-hashes mode, every requirement must be pinned with == (or ===)${why(impliedBy)}; these are not:\n${unpinned.map((r) => `${r.origin}: ${r.requirement.text}`).join('\n')}`,
    );
  }
  const unhashed = active.filter((r) => !hasHash(inputs, r.requirement.name));
  if (unhashed.length > 0) {
    throw new RequireHashesError(
      `in --require-hashes mode, every requirement needs a --hash${why(impliedBy)}; these have none:\n${unhashed.map((r) => `${r.origin}: ${r.requirement.text}`).join('\n')}`,
    );
  }
}

/** Distributions the resolution added that no hashed requirement names (dependencies). */
export function checkRequireHashesResolution(
  inputs: RequirementInputs,
  resolution: Resolution,
  impliedBy?: string,
): void {
  const named = new Set(inputs.requirements.map((r) => r.requirement.name));
  const missing = resolution.packages.filter((p) => !named.has(p.name) || !hasHash(inputs, p.name));
  if (missing.length > 0) {
    throw new RequireHashesError(
      `in --require-hashes mode, every distribution needs a pinned requirement with a --hash${why(impliedBy)}, and these dependencies have none: ${missing.map((p) => `${p.name}==${p.version} (${p.file.filename}, sha256 ${p.file.sha256})`).join(', ')}`,
    );
  }
}
