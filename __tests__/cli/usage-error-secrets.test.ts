/**
 * A usage error quoting a tokenised index URL (`-i` given twice) prints it redacted: the URL-valued
 * options' secrets are registered as they are read, before the error is built (review 15a F16).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from '../helpers/cli-capture.js';

const TOKEN = 'Qa71mZp4Lw93xKd2';

describe('usage errors and path tokens', () => {
  it('--index-url given twice: the token of the first URL is masked', async () => {
    const work = mkdtempSync(join(tmpdir(), 'fix15a-f16-'));
    try {
      const r = await runCliCaptured(
        [
          'resolve',
          '-r',
          'r.txt',
          '-i',
          `https://pkgs.example/${TOKEN}/simple/`,
          '-i',
          'https://other.example/simple/',
        ],
        { env: { HOME: work }, cwd: work },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('given twice');
      expect(r.stderr).not.toContain(TOKEN);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
