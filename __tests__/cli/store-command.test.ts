/**
 * `wheelhouse store prune` numbers (src/cli/store-command.ts, review 14c F6): an empty or
 * non-decimal --older-than / --grace-hours (`"$DAYS"` with DAYS unset) is a usage error (exit 2),
 * never read as 0 — 0 days would delete every entry of the store. Checked before any store is
 * reached, so no S3 endpoint is needed.
 */
import { describe, expect, it } from '@jest/globals';
import { storeCommand } from '../../src/cli/store-command.js';
import type { CliIo } from '../../src/cli/cli-io.js';

async function prune(...args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io = {
    stdout: { write: () => true },
    stderr: { write: (t: string) => ((err += t), true) },
    env: {},
    cwd: '/nonexistent-wheelhouse-test',
  } as unknown as CliIo;
  const code = await storeCommand(['prune', ...args, '--dry-run'], io);
  return { code, err };
}

describe('store prune numbers', () => {
  it.each(['', ' ', '0x10', '1e3', '-1', 'ten', 'Infinity', '1.'])(
    '--older-than %j is a usage error',
    async (value) => {
      const r = await prune('--older-than', value);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--older-than DAYS is required');
    },
  );

  it.each(['', ' ', '0x10', '1e3', '-1'])('--grace-hours %j is a usage error', async (value) => {
    const r = await prune('--older-than', '30', `--grace-hours=${value}`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--grace-hours: expected a number of hours');
  });

  it('decimal numbers are accepted (the run then stops at the missing bucket)', async () => {
    const r = await prune('--older-than', '0', '--grace-hours', '1.5');
    expect(r.err).not.toContain('--older-than DAYS');
    expect(r.err).not.toContain('--grace-hours:');
    expect(r.err).toMatch(/bucket/i);
  });
});
