/**
 * The layout of one link's record in `CompactLinks.ranges` (compact-links.ts): FIELDS 32-bit
 * numbers per link, mostly start and end offsets into the page body, written by the PEP 691 scanner
 * (json-page-scan.ts, json-page-entry.ts) and read back when a link's DistFile is made
 * (compact-link-file.ts).
 */
/** Fields of one link in `CompactLinks.ranges` (start and end offsets into the body). */
/** URL without fragment; start is -1 when the link went through the URL parser (`resolved`). */
export const URL_START = 0;
export const URL_END = 1;
/** `#…` fragment of a canonical link (start = end when none). */
export const FRAG_START = 2;
export const FRAG_END = 3;
/** The JSON value of `hashes` (-1 when absent). */
export const HASHES_START = 4;
export const HASHES_END = 5;
/** The JSON value of `core-metadata`, else of `dist-info-metadata` (-1 when absent). */
export const CORE_START = 6;
export const CORE_END = 7;
/** The JSON number of `size` (-1 when absent or not a number). */
export const SIZE_START = 8;
export const SIZE_END = 9;
/** The JSON string of `upload-time`, quotes excluded (-1 when absent or not a string). */
export const UPLOAD_START = 10;
export const UPLOAD_END = 11;
/** PageFilenameChecker's numbers for a wheel name's head and tag part (-1 for other names). */
export const HEAD_ID = 12;
export const TAG_ID = 13;
/** A skimmed link's entry (from its `{` to after its `}`) and where its file name starts and ends. */
export const ENTRY_START = 14;
export const ENTRY_END = 15;
export const NAME_AT = 16;
export const NAME_END = 17;
export const FIELDS = 18;
/** `URL_START` of a skimmed link whose entry has not been read yet. */
export const SKIMMED = -2;
