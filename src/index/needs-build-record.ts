import { createHash } from 'node:crypto';

/**
 * What the records (outside the cache, src/cache/received-records.ts) keep for a `needs-build`
 * verdict this machine reached for an sdist: a digest of the reason text as the cache stores it
 * (`stored`: after redaction), in the same 64-hex form as a METADATA's sha256, from which it can
 * never be confused (a different prefix is hashed). A verdict read back from the cache is used
 * only when its record says this machine wrote exactly it (review 2 s12: a planted one hid a wheel).
 */
export function needsBuildRecord(stored: string): string {
  return createHash('sha256').update(`wheelhouse needs-build\0${stored}`).digest('hex');
}
