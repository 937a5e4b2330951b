/**
 * The bounded pip runner over a real interpreter (src/build/pip-frontend.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { frontendEnv } from '../../src/build/frontend-env.js';
import { lastLines, runPip } from '../../src/build/pip-frontend.js';
import { isolatedPipEnv } from '../helpers/setuptools-sdists.js';

describe('runPip', () => {
  it('runs the interpreter with the environment and keeps stdout apart from the log', async () => {
    const run = await runPip(
      { python: 'python3', env: frontendEnv(isolatedPipEnv(), { indexUrls: [], findLinks: [] }) },
      ['--version'],
      { timeoutMs: 60_000, captureStdout: true },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pip \d+/);
  }, 60_000);

  it('reports an interpreter that cannot be started', async () => {
    const run = await runPip({ python: '/nonexistent/python', env: {} }, ['--version'], {
      timeoutMs: 10_000,
    });
    expect(run.spawnError).toBeDefined();
    expect(run.code).toBeNull();
  });

  it('lastLines keeps the end, without blank lines', () => {
    expect(lastLines('a\n\nb\r\nc\n', 2)).toBe('b\nc');
  });
});
