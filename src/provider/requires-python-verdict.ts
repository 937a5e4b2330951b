/**
 * Requires-Python verdicts for candidate files (PEP 345 / core metadata `Requires-Python`, checked
 * per file before any metadata is fetched, as pip's LinkEvaluator does), decided once per distinct
 * value and target Python.
 */
import { SpecifierSet } from '../standards/specifier.js';
import type { Version } from '../standards/version.js';
import { ownString } from '../util/own-string.js';

/** Whether `python` satisfies a `Requires-Python` value; an unparsable value is ignored, as pip does. */
export function requiresPythonAllows(requiresPython: string | undefined, python: Version): boolean {
  if (requiresPython === undefined || requiresPython.trim() === '') return true;
  let set: SpecifierSet;
  try {
    set = SpecifierSet.parse(requiresPython);
  } catch {
    return true;
  }
  return set.contains(python, { prereleases: true });
}

/**
 * Verdicts of `requiresPythonAllows` by target Python, shared by every page of a run: thousands of
 * projects repeat the same few dozen values (`>=3.8`, `>=3.9`, …). Keys are copies (a value read
 * from a page is a slice that would keep the page's body alive); bounded, cleared when full.
 */
const PYTHON_VERDICTS = new WeakMap<Version, Map<string, boolean>>();
const PYTHON_VERDICTS_LIMIT = 4096;

/** Longer values (none real: `>=3.8,!=3.9.0,<4`) are decided per page only, never kept for the run. */
const SHARED_VERDICT_MAX_LENGTH = 256;

export function sharedPythonVerdict(requiresPython: string, python: Version): boolean {
  if (requiresPython.length > SHARED_VERDICT_MAX_LENGTH) return requiresPythonAllows(requiresPython, python);
  let verdicts = PYTHON_VERDICTS.get(python);
  if (verdicts === undefined) PYTHON_VERDICTS.set(python, (verdicts = new Map()));
  let verdict = verdicts.get(requiresPython);
  if (verdict === undefined) {
    verdict = requiresPythonAllows(requiresPython, python);
    if (verdicts.size >= PYTHON_VERDICTS_LIMIT) verdicts.clear();
    verdicts.set(ownString(requiresPython), verdict);
  }
  return verdict;
}
