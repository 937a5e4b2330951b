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

/** Invalid Requires-Dist lines warned about one by one per file; the rest are counted. */
const INVALID_WARNINGS = 5;
/** How much of an invalid line (or of its parse error) a warning quotes. */
const QUOTED_CHARS = 300;

function capped(text: string): string {
  return text.length <= QUOTED_CHARS ? text : `${text.slice(0, QUOTED_CHARS)}… (${text.length} characters)`;
}

/**
 * What a parsed CoreMetadata gave, when every Requires-Dist line parsed (nothing to warn about): the
 * speculative walk and the resolution read the same fetched file (one CoreMetadata object), and
 * its requirements are parsed once. Read-only for every caller.
 */
const FROM_PARSED = new WeakMap<CoreMetadata, DistMetadata>();

export function parseDistMetadata(
  input: Uint8Array | string | CoreMetadata,
  filename: string,
  logger: Logger,
): DistMetadata {
  const parsed = typeof input === 'string' || input instanceof Uint8Array ? undefined : input;
  if (parsed !== undefined) {
    const known = FROM_PARSED.get(parsed);
    if (known !== undefined) return known;
  }
  const metadata = parsed ?? parseMetadata(input as Uint8Array | string).metadata;
  const requiresDist: DistDependency[] = [];
  let invalid = 0;
  for (const text of metadata.requiresDist) {
    try {
      requiresDist.push({ text, requirement: parseRequirement(text) });
    } catch (error) {
      // A METADATA may hold thousands of such lines, each as long as the file (up to its 10 MiB
      // limit): a few are warned about, each quoted in part, the rest counted (review 3 s12).
      if (++invalid <= INVALID_WARNINGS)
        logger.warn(
          `${filename}: ignoring invalid Requires-Dist ${capped(JSON.stringify(text))}: ${capped((error as Error).message)}`,
        );
    }
  }
  if (invalid > INVALID_WARNINGS)
    logger.warn(`${filename}: ignoring ${invalid - INVALID_WARNINGS} more invalid Requires-Dist line(s)`);
  const clean = invalid === 0;
  const out: DistMetadata = {
    name: metadata.name,
    version: metadata.version,
    requiresDist,
    requiresDistText: [...metadata.requiresDist],
    ...(metadata.requiresPython !== undefined ? { requiresPython: metadata.requiresPython } : {}),
    providesExtra: metadata.providesExtra.map((e: string) => normalizeName(e)),
  };
  // A file with an invalid line is parsed again by each caller, so each caller's logger warns.
  if (parsed !== undefined && clean) FROM_PARSED.set(parsed, out);
  return out;
}
