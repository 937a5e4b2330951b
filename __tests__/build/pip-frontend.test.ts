/**
 * The bounded pip runner over a real interpreter (src/build/pip-frontend.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontendEnv } from '../../src/build/frontend-env.js';
import { lastLines, runPip } from '../../src/build/pip-frontend.js';
import { isolatedPipEnv } from '../helpers/setuptools-sdists.js';
import { processAlive } from '../helpers/process-alive.js';

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

describe('runPip ends with pip, not with its pipes', () => {
  const posix = process.platform !== 'win32';
  const maybe = posix ? it : it.skip;
  const alive = processAlive;

  // A backend leaving a daemon in its own session (setsid: out of pip's process group, so no group
  // kill reaches it) that keeps pip's stdout/stderr open: pip itself exits 0 at once.
  maybe(
    'a daemon holding the pipes neither keeps the run waiting nor turns success into a timeout',
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'wh-runpip-exit-'));
      let daemon: number | undefined;
      try {
        const fake = join(work, 'python');
        writeFileSync(
          fake,
          `#!/bin/sh\nsetsid sh -c 'echo $$ > "${work}/daemon.pid"; exec sleep 30' &\nsleep 0.2\necho "Successfully built"\nexit 0\n`,
        );
        chmodSync(fake, 0o755);
        const started = Date.now();
        const run = await runPip({ python: fake, env: { PATH: process.env['PATH'] ?? '' } }, ['wheel'], {
          timeoutMs: 20_000,
        });
        daemon = Number(readFileSync(join(work, 'daemon.pid'), 'utf8'));
        expect(alive(daemon)).toBe(true); // the premise: it still holds the pipes
        expect({ code: run.code, timedOut: run.timedOut }).toEqual({ code: 0, timedOut: false });
        expect(run.log).toContain('Successfully built');
        // Ended within pip's exit + the drain, far from the daemon's 30 s and the 20 s timeout.
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        if (daemon !== undefined && alive(daemon)) process.kill(daemon, 'SIGKILL');
        rmSync(work, { recursive: true, force: true });
      }
    },
    40_000,
  );

  maybe(
    "what a backend left in pip's process group is killed when pip exits",
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'wh-runpip-group-'));
      let leftover: number | undefined;
      try {
        const fake = join(work, 'python');
        // A background child in pip's group holding the pipes (no setsid), pip exiting 3.
        writeFileSync(
          fake,
          `#!/bin/sh\nsleep 30 &\necho $! > "${work}/child.pid"\necho "failed" >&2\nexit 3\n`,
        );
        chmodSync(fake, 0o755);
        const run = await runPip({ python: fake, env: { PATH: process.env['PATH'] ?? '' } }, ['wheel'], {
          timeoutMs: 20_000,
        });
        leftover = Number(readFileSync(join(work, 'child.pid'), 'utf8'));
        expect({ code: run.code, timedOut: run.timedOut }).toEqual({ code: 3, timedOut: false });
        expect(run.log).toContain('failed');
        for (let i = 0; i < 20 && alive(leftover); i++) await new Promise((r) => setTimeout(r, 100));
        expect(alive(leftover)).toBe(false);
      } finally {
        if (leftover !== undefined && alive(leftover)) process.kill(leftover, 'SIGKILL');
        rmSync(work, { recursive: true, force: true });
      }
    },
    40_000,
  );

  maybe(
    'a run past its timeout is stopped and reported as such',
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'wh-runpip-timeout-'));
      try {
        const fake = join(work, 'python');
        writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n');
        chmodSync(fake, 0o755);
        const run = await runPip({ python: fake, env: { PATH: process.env['PATH'] ?? '' } }, ['wheel'], {
          timeoutMs: 500,
        });
        expect({ code: run.code, timedOut: run.timedOut }).toEqual({ code: null, timedOut: true });
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    40_000,
  );
});
