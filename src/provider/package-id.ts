/**
 * Package ids the provider hands the generic solver: `name` (PEP 503 normalized), virtual
 * `name[extra]` packages (PEP 685 normalized extra), and the root; plus the key under which one
 * (package, version)'s dependency edges are recorded for the policy rounds.
 */
import type { NormalizedName } from '../standards/names.js';
import type { Version } from '../standards/version.js';
import { versionKey } from './candidates.js';

export const ROOT_ID = '<root>';

export interface PackageRef {
  name: NormalizedName;
  extra?: string;
}

export function packageId(name: NormalizedName, extra?: string): string {
  return extra === undefined ? name : `${name}[${extra}]`;
}

/** The key recorded edges are filed under: `id@version` (versionKey), or the root id. */
export function dependerKey(id: string, version: Version): string {
  return id === ROOT_ID ? ROOT_ID : `${id}@${versionKey(version)}`;
}

export function parsePackageId(id: string): PackageRef {
  const open = id.indexOf('[');
  if (open < 0) return { name: id as NormalizedName };
  return { name: id.slice(0, open) as NormalizedName, extra: id.slice(open + 1, -1) };
}
