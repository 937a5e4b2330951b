/**
 * The finder options of several requirements files merged into one, as pip applies them (pip's
 * "Requirements File Format" reference, req_file.py `handle_option_line`): index URLs, find-links,
 * trusted hosts, --pre, binary rules.
 */
import type { RequirementsFileOptions } from '../standards/requirements-file.js';
import { applyBinaryOption } from '../standards/requirements-file-binary.js';

/**
 * Merges the finder options of several files the way pip applies later lines over earlier ones
 * (pip parses the files one after another into one finder, req_file.py `handle_option_line`): a
 * later file's `--no-index` drops every index, its `-i` replaces the index list so far (earlier
 * files' extra index URLs too), and the binary values are replayed in order.
 */
export function mergeOptions(into: RequirementsFileOptions, from: RequirementsFileOptions): void {
  if (from.noIndex || into.noIndex) {
    into.noIndex = true;
    into.indexUrl = undefined;
    into.extraIndexUrls = [];
  } else if (from.indexUrl !== undefined) {
    into.indexUrl = from.indexUrl;
    into.extraIndexUrls = [...from.extraIndexUrls];
  } else {
    appendNew(into.extraIndexUrls, from.extraIndexUrls);
  }
  appendNew(into.findLinks, from.findLinks);
  into.pre ||= from.pre;
  into.preferBinary ||= from.preferBinary;
  into.requireHashes ||= from.requireHashes;
  for (const v of from.binaryValues) {
    into.binaryValues.push(v);
    applyBinaryOption(v.option, v.value, into);
  }
  appendNew(into.trustedHosts, from.trustedHosts);
}

/**
 * Appends the values of `from` that `into` does not hold yet, each once, through a Set: linear in
 * both lists, where an `includes` per value was quadratic (review 15c F13: 100,000 `--trusted-host`
 * lines took 7 minutes). Called once per file given, so `into` is read once per file.
 */
function appendNew(into: string[], from: readonly string[]): void {
  const seen = new Set(into);
  for (const v of from) {
    if (seen.has(v)) continue;
    seen.add(v);
    into.push(v);
  }
}
