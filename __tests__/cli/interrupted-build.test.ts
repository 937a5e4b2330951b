/**
 * Ctrl-C / SIGTERM while sdists are being built (src/build/pip-processes.ts): pip runs in its own
 * process group, which a terminal's SIGINT (or the runner's signal to wheelhouse) does not reach, so
 * the interrupted run itself ends every running build — pip and what it started — before it exits
 * 130 / 143. The CLI runs from src in a child process; `python3` on its PATH is a stand-in whose
 * `-m pip wheel` starts a child of its own (the "backend") and sleeps, and which answers everything
 * else with the machine's python3.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { processAlive } from '../helpers/process-alive.js';
import { cliFromSource } from '../helpers/cli-from-source.js';

const posix = process.platform !== 'win32';
const maybe = posix ? describe : describe.skip;

const alive = processAlive;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-interrupted-build-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

maybe('an interrupted run ends its builds', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: exit %d, and neither pip nor its backend outlives the run',
    async (signal, code) => {
      const dir = join(work, signal);
      mkdirSync(join(dir, 'src', 'pkgx-1.0'), { recursive: true });
      mkdirSync(join(dir, 'links'));
      mkdirSync(join(dir, 'bin'));
      writeFileSync(
        join(dir, 'src', 'pkgx-1.0', 'PKG-INFO'),
        'Metadata-Version: 2.2\nName: pkgx\nVersion: 1.0\n',
      );
      execFileSync('tar', [
        '-czf',
        join(dir, 'links', 'pkgx-1.0.tar.gz'),
        '-C',
        join(dir, 'src'),
        'pkgx-1.0',
      ]);
      const realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
        encoding: 'utf8',
      }).trim();
      // `pip wheel`: a backend child that ignores SIGINT (only the SIGKILL that follows ends it),
      // its pid written down, and pip itself sleeping.
      const fake = [
        '#!/bin/sh',
        'case "$*" in',
        `  *" wheel "*) (trap '' INT; echo $$ > /dev/null; exec sleep 60) & echo $! > "${dir}/backend.pid"; echo $$ > "${dir}/pip.pid"; exec sleep 60;;`,
        `  *) exec "${realPython}" "$@";;`,
        'esac',
        '',
      ].join('\n');
      for (const n of ['python3', 'python']) {
        writeFileSync(join(dir, 'bin', n), fake);
        chmodSync(join(dir, 'bin', n), 0o755);
      }
      writeFileSync(join(dir, 'req.txt'), 'pkgx\n');
      const cli = spawn(
        process.execPath,
        cliFromSource(
          'fetch',
          '--no-index',
          '-f',
          join(dir, 'links'),
          '--dest',
          join(dir, 'wh'),
          '--no-cache',
          '-r',
          join(dir, 'req.txt'),
        ),
        {
          env: {
            PATH: `${join(dir, 'bin')}:/usr/bin:/bin`,
            HOME: dir,
            XDG_CACHE_HOME: join(dir, 'cache'),
            PIP_CONFIG_FILE: '/dev/null',
            NODE_OPTIONS: '',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      cli.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((r) => cli.on('exit', (c) => r(c)));
      for (
        let i = 0;
        i < 240 && !(existsSync(join(dir, 'backend.pid')) && existsSync(join(dir, 'pip.pid')));
        i++
      )
        await new Promise((r) => setTimeout(r, 250));
      const pip = Number(readFileSync(join(dir, 'pip.pid'), 'utf8'));
      const backend = Number(readFileSync(join(dir, 'backend.pid'), 'utf8'));
      expect([alive(pip), alive(backend)]).toEqual([true, true]);
      cli.kill(signal);
      const exitCode = await exited;
      const left = [pip, backend].filter(alive);
      for (const pid of left) process.kill(pid, 'SIGKILL'); // our own leftovers, if the test fails
      expect(exitCode).toBe(code);
      expect(stderr).toContain(`wheelhouse: interrupted (${signal})`);
      expect(left).toEqual([]);
    },
    90_000,
  );
});
