/**
 * The heap in use after full collections, for tests that prove what a computation leaves alive.
 * V8 keeps the subject of the last regular-expression match alive (the context's last-match
 * info, behind `RegExp.input` / `$_`) until the next match replaces it: a page body the code
 * under test last matched a pattern against would count as retained, or not, depending on which
 * pattern ran last — so a tiny match replaces it before measuring.
 */
import { collectGarbage } from '../../src/util/collect-garbage.js';

export function heapAfterGc(): number {
  /x/.test('x');
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
