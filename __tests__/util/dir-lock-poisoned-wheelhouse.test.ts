/**
 * A FIFO restored as the wheelhouse run lock `.wheelhouse.lock` (review 2 of session 11, item 3):
 * the Actions cache restores the wheelhouse in place with tar and keeps lock names, and a failed
 * run saves nothing, so failing here would fail every later run that restores that entry. The
 * planted name is no run's lock (every lock is a regular file): it is removed with a warning and
 * the run takes the wheelhouse.
 */
import { describe, expect, it } from '@jest/globals';
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantFifo, settles } from '../helpers/fifo.js';
import { WheelhouseSession } from '../../src/flow/wheelhouse-session.js';
import { RecordingLogger } from '../../src/util/logger.js';

describe('a FIFO restored as the wheelhouse run lock', () => {
  it('is removed with a warning and the run takes the wheelhouse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-lockfifo-'));
    try {
      const lock = plantFifo(join(dir, '.wheelhouse.lock')); // as tar restores it from a poisoned entry
      const logger = new RecordingLogger();
      const session = new WheelhouseSession(dir, { clean: false, logger, lockTimeoutMs: 2000 });
      await session.check();
      const outcome = await settles(
        session.ensure().then(
          () => 'locked' as const,
          (e: Error) => e.message,
        ),
        5000,
      );
      expect(outcome).toBe('locked');
      expect(lstatSync(lock).isFile()).toBe(true); // this run's own lock now
      expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining('a FIFO') });
      await session.close();
      expect(() => lstatSync(lock)).toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
