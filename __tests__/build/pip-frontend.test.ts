/**
 * The frontend's environment: only the resolver's indexes reach pip (a job's PIP_* settings that
 * change what pip does are dropped, transport settings kept), credentials from wheelhouse's own
 * variables go into the URLs pip gets; and the bounded runner over a real interpreter.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { frontendEnv, lastLines, runPip } from '../../src/build/pip-frontend.js';
import { redactText } from '../../src/index/redact.js';
import { buildWheel } from '../helpers/dists.js';
import { isolatedPipEnv } from '../helpers/setuptools-sdists.js';

describe('frontendEnv', () => {
  it('drops PIP_* except transport settings and sets the indexes', () => {
    const env = frontendEnv(
      {
        PATH: '/bin',
        PIP_INDEX_URL: 'https://mirror.example/simple/',
        PIP_NO_BUILD_ISOLATION: '0',
        PIP_REQUIRE_VIRTUALENV: '1',
        pip_target: '/tmp/x',
        PIP_CERT: '/etc/ca.pem',
        PIP_CONFIG_FILE: '/dev/null',
      },
      { indexUrls: ['https://a.example/simple/', 'https://b.example/simple/'], findLinks: ['./links'] },
    );
    expect(env).toEqual({
      PATH: '/bin',
      PIP_CERT: '/etc/ca.pem',
      PIP_CONFIG_FILE: '/dev/null',
      PIP_INDEX_URL: 'https://a.example/simple/',
      PIP_EXTRA_INDEX_URL: 'https://b.example/simple/',
      PIP_FIND_LINKS: './links',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_NO_INPUT: '1',
      PYTHONIOENCODING: 'utf-8',
    });
  });

  it('an absolute find-links directory reaches pip as a file: URL, so a space does not split it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wh-frontend-fl-'));
    try {
      const links = join(root, 'my project', 'wheels');
      await mkdir(links, { recursive: true });
      const demo = buildWheel({ name: 'demo', version: '1.0' });
      await writeFile(join(links, demo.filename), demo.bytes);
      const env = frontendEnv(isolatedPipEnv(), {
        indexUrls: [],
        findLinks: [links, 'https://h.example/l/'],
      });
      expect(env['PIP_FIND_LINKS']).toBe(`${pathToFileURL(links).href} https://h.example/l/`);
      expect(env['PIP_FIND_LINKS']).toContain('my%20project');
      // The machine's pip reads that variable back as one location and finds the wheel there.
      const run = await runPip(
        { python: 'python3', env: frontendEnv(isolatedPipEnv(), { indexUrls: [], findLinks: [links] }) },
        ['download', '--no-deps', '--dest', join(root, 'out'), 'demo'],
        { timeoutMs: 60_000 },
      );
      expect(run.code).toBe(0);
      expect(await readdir(join(root, 'out'))).toEqual([demo.filename]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('no index: PIP_NO_INDEX, and empty extra indexes override a config file', () => {
    const env = frontendEnv({}, { indexUrls: [], findLinks: ['/w'] });
    expect(env['PIP_NO_INDEX']).toBe('1');
    expect(env['PIP_INDEX_URL']).toBeUndefined();
    expect(env['PIP_EXTRA_INDEX_URL']).toBe('');
  });

  it('puts named-index and per-host credentials into the URLs, keeps URL userinfo', () => {
    const env = frontendEnv(
      {
        WHEELHOUSE_INDEX_CORP_USERNAME: '__token__',
        WHEELHOUSE_INDEX_CORP_PASSWORD: 'p@ss word',
        WHEELHOUSE_HTTP_B_EXAMPLE_USERNAME: 'bob',
        WHEELHOUSE_HTTP_B_EXAMPLE_PASSWORD: 'secret',
      },
      {
        indexUrls: ['https://corp.example/simple/', 'https://b.example/simple/', 'https://u:p@c.example/s/'],
        findLinks: [],
        namedIndexes: [{ name: 'corp', url: 'https://corp.example/simple/' }],
      },
    );
    expect(env['PIP_INDEX_URL']).toBe('https://__token__:p%40ss%20word@corp.example/simple/');
    expect(env['PIP_EXTRA_INDEX_URL']).toBe('https://bob:secret@b.example/simple/ https://u:p@c.example/s/');
    // Registered with the run: whatever pip echoes is redacted by every writer.
    expect(redactText('pip said: p@ss word / secret')).not.toMatch(/p@ss word|secret/);
  });
});

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
