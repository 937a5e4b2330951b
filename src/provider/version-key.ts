/** One key per PEP 440 version value, shared by every layer that lists or compares versions. */
import type { Version } from '../standards/version.js';

const VERSION_KEYS = new WeakMap<Version, string>();

/**
 * A key equal for versions that compare equal (PEP 440 pads releases with zeros: 1.0 == 1.0.0),
 * so one version is listed once.
 */
export function versionKey(v: Version): string {
  // Asked for again and again of the same versions (the solver's ranges, the policy ledger):
  // made once per Version (Version.parse shares one object per text).
  let key = VERSION_KEYS.get(v);
  if (key === undefined) {
    const m = /^(\d+!)?(\d+(?:\.\d+)*)(.*)$/s.exec(v.toString());
    key = m === null ? v.toString() : `${m[1] ?? ''}${withoutTrailingZeros(m[2] as string)}${m[3] ?? ''}`;
    VERSION_KEYS.set(v, key);
  }
  return key;
}

/**
 * The release text without its trailing `.0` segments (`1.0.0` → `1`, `1.10.0` → `1.10`), dropped
 * one by one from the end: linear in the text, where `/(?:\.0)+$/` restarts at every `.0` and was
 * quadratic on `1.0.0.….0.1` (review 15c F16: 20,000 segments took a second).
 */
function withoutTrailingZeros(release: string): string {
  let end = release.length;
  while (end >= 2 && release[end - 1] === '0' && release[end - 2] === '.') end -= 2;
  return release.slice(0, end);
}
