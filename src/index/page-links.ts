/**
 * A project page's links as the candidate chooser reads them: by index, with the few fields every
 * link is judged by (file name, Requires-Python, yanked) at hand and the whole DistFile made only
 * for the links that are chosen. PyPI's largest pages list 10,000 files, of which a target uses a
 * few hundred; a page parsed by the PEP 691 scanner (json-page-scan.ts) keeps the rest as offsets
 * into its body (`CompactLinks`), a page parsed any other way is wrapped as it is (`arrayLinks`).
 */
import type { WheelFilename } from '../standards/filenames.js';
import type { DistFile, ProjectPage } from './dist-file.js';

export interface PageLinks {
  readonly length: number;
  filename(i: number): string;
  /** As DistFile.requiresPython: trimmed, undefined when absent or blank. */
  requiresPython(i: number): string | undefined;
  yanked(i: number): false | true | string;
  /** The whole record (made on first use and kept). */
  file(i: number): DistFile;
  /**
   * For a wheel name that parsed (else -1): a number for its `{name}-{version}[-{build}]` head and
   * one for its tag part, equal for equal texts within the page, so each is decided once.
   */
  headId?(i: number): number;
  tagId?(i: number): number;
  /** The parse of a name with that head / tag part number, when the page kept it (see PageFilenameChecker). */
  headParse?(headId: number): WheelFilename | undefined;
  tagParse?(tagId: number): WheelFilename | undefined;
  /** Whether link `i` is left out after all (read when it is asked for; see CompactLinks). */
  dropped?(i: number): boolean;
  /** Whether link `i`'s entry is still unread (a skimmed page's; see CompactLinks). */
  unread?(i: number): boolean;
}

/** The links of a page that holds its DistFiles already. */
export function arrayLinks(files: readonly DistFile[]): PageLinks {
  return {
    length: files.length,
    filename: (i) => (files[i] as DistFile).filename,
    requiresPython: (i) => (files[i] as DistFile).requiresPython,
    yanked: (i) => (files[i] as DistFile).yanked,
    file: (i) => files[i] as DistFile,
  };
}

/** The links of any page: its compact form when it has one, else its files. */
export function pageLinks(page: ProjectPage): PageLinks {
  return page.links ?? arrayLinks(page.files);
}
