import type { NormalizedName } from '../standards/names.js';
import type { FilenameRefusal } from './dist-filename-check.js';
import type { PageLinks } from './page-links.js';

/**
 * One distribution file as an index (PEP 503 HTML / PEP 691 JSON) or a find-links source lists it.
 * Produced by the project-page parsers, consumed by the provider and the metadata fetcher.
 */
export interface DistFile {
  project: NormalizedName;
  filename: string;
  /** Absolute URL (http(s) or file:). May carry credentials: never log it, use `redactedUrl`. */
  url: string;
  redactedUrl: string;
  /** Hash name (lower case) → hex digest, from `#sha256=` fragments or PEP 691 `hashes`. */
  hashes: Record<string, string>;
  /** `data-requires-python` / `requires-python`, entities decoded. */
  requiresPython?: string;
  /** PEP 592: false, or true / the reason string when yanked. */
  yanked: false | true | string;
  /** PEP 691 `size` when the index gives it. */
  size?: number;
  uploadTime?: string;
  /**
   * PEP 658/714: false when no `.metadata` file is served; otherwise the hashes the index
   * declares for it (may be empty when it only says "true").
   */
  coreMetadata: false | Record<string, string>;
  /** The index or find-links source it came from (redacted), for reports and explanations. */
  source: string;
}

export interface ProjectPage {
  project: NormalizedName;
  files: DistFile[];
  /** Links dropped because their file name is unsafe or not a distribution's (dist-filename-check.ts). */
  refused?: FilenameRefusal[];
  /** Redacted URL of the page (or find-links location) the files came from. */
  source: string;
  /**
   * The same files as compact records (a large JSON page's): the candidate chooser reads these and
   * makes DistFiles only for the files it keeps; `files` is then made on first read.
   */
  links?: PageLinks;
}
