/**
 * Names wheelhouse recognises as its own in a wheelhouse directory. The run lock's draft
 * (`.wheelhouse.lock.<12 hex>.new`, src/util/dir-lock.ts) exists for a moment while the first of
 * two concurrent runs takes the lock; the second run's ownership check must not call it foreign
 * (seen in __tests__/cli/concurrent-runs.test.ts: "holds files wheelhouse did not write
 * (".wheelhouse.lock.b29a4c07f958.new")").
 */
import { describe, expect, it } from '@jest/globals';
import { isOwnFileName } from '../../src/flow/wheelhouse-files.js';

describe('isOwnFileName', () => {
  it('knows outputs, the run lock, its draft and temporary files', () => {
    for (const name of [
      'requirements.lock',
      '.wheelhouse.lock',
      '.wheelhouse.lock.b29a4c07f958.new',
      '.demo-1.0-py3-none-any.whl.0123456789ab.part',
      '.report.json.0123456789ab.tmp',
    ])
      expect(isOwnFileName(name)).toBe(true);
  });

  it('does not claim the user’s files', () => {
    for (const name of [
      'notes.new',
      '.env',
      'wheelhouse.lock.b29a4c07f958.new',
      '.x.0123456789.new',
      'setup.py',
    ])
      expect(isOwnFileName(name)).toBe(false);
  });
});
