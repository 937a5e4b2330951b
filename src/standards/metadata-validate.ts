/**
 * Semantic checks of parsed core metadata — the core metadata specification
 * (packaging.python.org/specifications/core-metadata/):
 *  - required fields Metadata-Version, Name, Version; Name a valid project name (2.1 "Name"
 *    format); Version a PEP 440 version;
 *  - Metadata-Version known (1.0, 1.1, 1.2, 2.1–2.4). A newer 2.x minor is a warning (the spec:
 *    "SHOULD warn"), a newer major an error ("MUST fail"). "2.0" was never specified but old
 *    bdist_wheel releases wrote it: a warning, and it is read by the 2.1 rules;
 *  - single-use fields appearing more than once;
 *  - fields newer than the declared Metadata-Version (error), except License-File before 2.4,
 *    which setuptools wrote years before PEP 639 (warning);
 *  - Dynamic (PEP 643) must not name Name, Version or Metadata-Version and must name known fields;
 *  - Provides-Extra must be valid names (error from 2.3, PEP 685; warning before).
 * Not supported: checking Requires-Dist / Requires-Python syntax (the PEP 508 and PEP 440
 * modules do that), URL and e-mail formats, classifiers against the trove list, license
 * expressions (PEP 639 SPDX syntax).
 */
import { valid as validVersion } from '@renovatebot/pep440';
import { isValidName } from './names.js';
import type { CoreMetadata, MetadataProblem } from './metadata.js';
import {
  FIELDS,
  HIGHEST_METADATA_VERSION,
  KNOWN_METADATA_VERSIONS,
  compareMetadataVersions,
  parseMetadataVersion,
} from './metadata-fields.js';

const STATIC_FIELDS = new Set(['name', 'version', 'metadata-version']);

/** The version whose rules apply, or undefined when there is none usable (problems reported). */
function checkMetadataVersion(m: CoreMetadata, problems: MetadataProblem[]): [number, number] | undefined {
  const field = 'Metadata-Version';
  const text = m.metadataVersion;
  if (!m.fields.has('metadata-version')) {
    problems.push({ severity: 'error', field, message: 'missing required field Metadata-Version' });
    return undefined;
  }
  const v = parseMetadataVersion(text);
  const highest = parseMetadataVersion(HIGHEST_METADATA_VERSION)!;
  if (!v) {
    problems.push({
      severity: 'error',
      field,
      message: `invalid Metadata-Version ${JSON.stringify(text)}: expected "major.minor"`,
    });
    return undefined;
  }
  if ((KNOWN_METADATA_VERSIONS as readonly string[]).includes(text)) return v;
  if (v[0] > highest[0]) {
    problems.push({
      severity: 'error',
      field,
      message: `Metadata-Version ${text} has a newer major version than the supported ${HIGHEST_METADATA_VERSION}`,
    });
    return undefined;
  }
  if (compareMetadataVersions(v, highest) > 0) {
    problems.push({
      severity: 'warning',
      field,
      message: `Metadata-Version ${text} is newer than the supported ${HIGHEST_METADATA_VERSION}; its new fields are kept but not interpreted`,
    });
    return v;
  }
  if (text === '2.0') {
    problems.push({
      severity: 'warning',
      field,
      message: 'Metadata-Version 2.0 was never specified (old bdist_wheel wrote it); it is read as 2.1',
    });
    return [2, 1];
  }
  problems.push({
    severity: 'error',
    field,
    message: `unknown Metadata-Version ${JSON.stringify(text)}: known versions are ${KNOWN_METADATA_VERSIONS.join(', ')}`,
  });
  return undefined;
}

/** Checks parsed metadata against the spec; returns every problem (empty when valid). */
export function validateMetadata(m: CoreMetadata): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const error = (field: string, message: string): void =>
    void problems.push({ severity: 'error', field, message });
  const effective = checkMetadataVersion(m, problems);

  if (!m.fields.has('name')) error('Name', 'missing required field Name');
  else if (!isValidName(m.name)) {
    error(
      'Name',
      `invalid Name ${JSON.stringify(m.name)}: a name is ASCII letters and digits, with '.', '_' or '-' only between them`,
    );
  }
  if (!m.fields.has('version')) error('Version', 'missing required field Version');
  else if (validVersion(m.version) === null) {
    error('Version', `invalid Version ${JSON.stringify(m.version)}: not a PEP 440 version`);
  }

  for (const [key, values] of m.fields) {
    const info = FIELDS.get(key);
    if (!info) continue;
    if (!info.multiple && values.length > 1) {
      error(
        info.name,
        `${info.name} is a single-use field but appears ${values.length} times: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      );
    }
    if (effective && compareMetadataVersions(parseMetadataVersion(info.added)!, effective) > 0) {
      const message = `${info.name} was introduced in Metadata-Version ${info.added}, but the file declares ${m.metadataVersion}`;
      if (info.name === 'License-File' && compareMetadataVersions(effective, [2, 1]) >= 0) {
        problems.push({
          severity: 'warning',
          field: info.name,
          message: `${message} (setuptools wrote it before PEP 639)`,
        });
      } else error(info.name, message);
    }
  }

  for (const d of m.dynamic) {
    if (STATIC_FIELDS.has(d))
      error('Dynamic', `Dynamic must not name ${FIELDS.get(d)!.name}: it is always static`);
    else if (!FIELDS.has(d)) error('Dynamic', `Dynamic names unknown field ${JSON.stringify(d)}`);
  }

  const strictExtras = effective !== undefined && compareMetadataVersions(effective, [2, 3]) >= 0;
  for (const extra of m.fields.get('provides-extra') ?? []) {
    if (isValidName(extra)) continue;
    problems.push({
      severity: strictExtras ? 'error' : 'warning',
      field: 'Provides-Extra',
      message: `invalid Provides-Extra ${JSON.stringify(extra)}: an extra name is ASCII letters and digits, with '.', '_' or '-' only between them`,
    });
  }
  return problems;
}
