import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';

describe('cli', () => {
  it('prints its version', async () => {
    expect(await runCli(['--version'])).toBe(0);
  });
});
