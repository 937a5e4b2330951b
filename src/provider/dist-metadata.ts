/**
 * The parts of a distribution's core metadata the resolver uses: Requires-Dist parsed as PEP 508
 * requirements (with their text kept for reports), Requires-Python and Provides-Extra (PEP 685
 * normalized). A Requires-Dist line that does not parse is skipped with a warning naming the file,
 * as pip does for invalid dependency lines of installed metadata.
 *
 * Takes the file's bytes or text, or its `CoreMetadata` when the source already parsed it (the
 * metadata fetcher does, once per file), so a file is not parsed again here.
 */
import { parseMetadata, type CoreMetadata } from '../standards/metadata.js';
import { normalizeName } from '../standards/names.js';
import { parseRequirement, type Requirement } from '../standards/requirement.js';
import type { Logger } from '../util/logger.js';

export interface DistDependency {
  text: string;
  requirement: Requirement;
}

export interface DistMetadata {
  name: string;
  version: string;
  requiresDist: DistDependency[];
  /** The raw Requires-Dist lines, as written. */
  requiresDistText: string[];
  requiresPython?: string;
  /** PEP 685 normalized extra names. */
  providesExtra: string[];
}

export function parseDistMetadata(
  input: Uint8Array | string | CoreMetadata,
  filename: string,
  logger: Logger,
): DistMetadata {
  const metadata =
    typeof input === 'string' || input instanceof Uint8Array ? parseMetadata(input).metadata : input;
  const requiresDist: DistDependency[] = [];
  for (const text of metadata.requiresDist) {
    try {
      requiresDist.push({ text, requirement: parseRequirement(text) });
    } catch (error) {
      logger.warn(
        `${filename}: ignoring invalid Requires-Dist ${JSON.stringify(text)}: ${(error as Error).message}`,
      );
    }
  }
  return {
    name: metadata.name,
    version: metadata.version,
    requiresDist,
    requiresDistText: [...metadata.requiresDist],
    ...(metadata.requiresPython !== undefined ? { requiresPython: metadata.requiresPython } : {}),
    providesExtra: metadata.providesExtra.map((e: string) => normalizeName(e)),
  };
}
