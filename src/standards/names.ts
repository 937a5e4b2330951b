/**
 * Project name normalization — PEP 503 "Normalized Names" and the name syntax of the core
 * metadata specification (PEP 508 `identifier`).
 * Not supported: nothing of PEP 503's name rules is left out.
 */

declare const normalizedBrand: unique symbol;
/** A PEP 503 normalized project name: lowercase, runs of `-`, `_`, `.` folded to one `-`. */
export type NormalizedName = string & { readonly [normalizedBrand]: true };

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export class InvalidNameError extends Error {
  constructor(readonly input: string) {
    super(
      `invalid project name ${JSON.stringify(input)}: a name is ASCII letters and digits, with '.', '_' or '-' only between them`,
    );
    this.name = 'InvalidNameError';
  }
}

/** True when `name` is a valid project name per the core metadata spec. */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** PEP 503: `re.sub(r"[-_.]+", "-", name).lower()`. Does not validate. */
export function normalizeName(name: string): NormalizedName {
  return name.replace(/[-_.]+/g, '-').toLowerCase() as NormalizedName;
}

/** Validates, then normalizes; throws InvalidNameError on a bad name. */
export function parseName(name: string): NormalizedName {
  if (!isValidName(name)) throw new InvalidNameError(name);
  return normalizeName(name);
}
