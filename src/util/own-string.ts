/**
 * Strings cut from a large text without keeping the text alive. V8 represents a slice of 13 or
 * more characters as a view into its parent (a "sliced string"), so one slice of a project page
 * kept in a DistFile or a cache keeps the page's whole body (megabytes) alive for the rest of the
 * run. A concatenation is flattened into a new string by the next slice, which is then a view
 * into that small copy only.
 */
export function ownString(s: string): string {
  return (' ' + s).slice(1);
}
