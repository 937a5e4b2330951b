/**
 * The fields of the core metadata specification (packaging.python.org/specifications/
 * core-metadata/), with the Metadata-Version each was added in and whether it may repeat:
 * 1.0 PEP 241, 1.1 PEP 314, 1.2 PEP 345, 2.1 PEP 566, 2.2 PEP 643 (Dynamic), 2.3 PEP 685 (no new
 * fields, normalized extras), 2.4 PEP 639 (License-Expression, License-File).
 * Not supported: Metadata-Version 2.5 (PEP 794, Import-Name/Import-Namespace) is recognised only
 * as "a newer minor version" — its fields are kept as unknown headers.
 */

export interface FieldInfo {
  /** Canonical spelling, as the spec writes it. */
  name: string;
  /** Metadata-Version that introduced the field. */
  added: string;
  /** Multiple-use field. */
  multiple: boolean;
  /** Free text whose line breaks matter (folded with the `7 spaces + |` or 8-space convention). */
  text?: boolean;
}

const table: FieldInfo[] = [
  { name: 'Metadata-Version', added: '1.0', multiple: false },
  { name: 'Name', added: '1.0', multiple: false },
  { name: 'Version', added: '1.0', multiple: false },
  { name: 'Platform', added: '1.0', multiple: true },
  { name: 'Summary', added: '1.0', multiple: false },
  { name: 'Description', added: '1.0', multiple: false, text: true },
  { name: 'Keywords', added: '1.0', multiple: false },
  { name: 'Home-page', added: '1.0', multiple: false },
  { name: 'Author', added: '1.0', multiple: false },
  { name: 'Author-email', added: '1.0', multiple: false },
  { name: 'License', added: '1.0', multiple: false, text: true },
  { name: 'Supported-Platform', added: '1.1', multiple: true },
  { name: 'Download-URL', added: '1.1', multiple: false },
  { name: 'Classifier', added: '1.1', multiple: true },
  { name: 'Requires', added: '1.1', multiple: true },
  { name: 'Provides', added: '1.1', multiple: true },
  { name: 'Obsoletes', added: '1.1', multiple: true },
  { name: 'Maintainer', added: '1.2', multiple: false },
  { name: 'Maintainer-email', added: '1.2', multiple: false },
  { name: 'Requires-Python', added: '1.2', multiple: false },
  { name: 'Requires-External', added: '1.2', multiple: true },
  { name: 'Project-URL', added: '1.2', multiple: true },
  { name: 'Requires-Dist', added: '1.2', multiple: true },
  { name: 'Provides-Dist', added: '1.2', multiple: true },
  { name: 'Obsoletes-Dist', added: '1.2', multiple: true },
  { name: 'Description-Content-Type', added: '2.1', multiple: false },
  { name: 'Provides-Extra', added: '2.1', multiple: true },
  { name: 'Dynamic', added: '2.2', multiple: true },
  { name: 'License-Expression', added: '2.4', multiple: false },
  { name: 'License-File', added: '2.4', multiple: true },
];

/** Known fields by lowercased name. */
export const FIELDS: ReadonlyMap<string, FieldInfo> = new Map(table.map((f) => [f.name.toLowerCase(), f]));

/** The Metadata-Version values this module knows (2.0 was never specified; see metadata-validate.ts). */
export const KNOWN_METADATA_VERSIONS = ['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4'] as const;

/** Highest Metadata-Version whose rules are implemented. */
export const HIGHEST_METADATA_VERSION = '2.4';

/** `[major, minor]` of a `X.Y` Metadata-Version, or undefined when it is not two integers. */
export function parseMetadataVersion(text: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Compares two `X.Y` versions numerically (both must parse). */
export function compareMetadataVersions(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
