/**
 * The frontend's environment (src/build/frontend-env.ts): only the resolver's indexes reach pip (a
 * job's PIP_* settings that change what pip does are dropped, transport settings kept), credentials
 * from wheelhouse's own variables go into a private netrc pip reads (never into a URL: review 15a F1), and what the action's process holds that
 * a `run:` step would not (Actions runtime / OIDC tokens, inputs, the S3 store's keys) never reaches
 * pip or a build backend.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { frontendEnv } from '../../src/build/frontend-env.js';
import { runPip } from '../../src/build/pip-frontend.js';
import { redactText } from '../../src/index/redact.js';
import { buildWheel } from '../helpers/dists.js';
import { buildSetuptoolsSdist, isolatedPipEnv } from '../helpers/setuptools-sdists.js';

describe('frontendEnv', () => {
  it("drops the job's PIP_* (pip's cache settings kept), reads no pip configuration file, sets the run's settings", () => {
    const env = frontendEnv(
      {
        PATH: '/bin',
        PIP_INDEX_URL: 'https://mirror.example/simple/',
        PIP_NO_BUILD_ISOLATION: '0',
        PIP_REQUIRE_VIRTUALENV: '1',
        pip_target: '/tmp/x',
        PIP_CERT: '/etc/job-ca.pem',
        PIP_PROXY: 'http://pip-only-proxy.example:3128',
        PIP_TRUSTED_HOST: 'a.example',
        PIP_TIMEOUT: '99',
        PIP_CONFIG_FILE: '/home/u/pip.conf',
        PIP_CACHE_DIR: '/cache/pip',
      },
      {
        indexUrls: ['https://a.example/simple/', 'http://plain.example:8080/simple/'],
        findLinks: ['./links', 'http://links.example/l/'],
        timeoutSec: 42,
        retries: 3,
        cert: '/etc/ca.pem',
        clientCert: '/etc/client.pem',
      },
    );
    expect(env).toEqual({
      PATH: '/bin',
      PIP_CACHE_DIR: '/cache/pip',
      PIP_CONFIG_FILE: process.platform === 'win32' ? 'nul' : '/dev/null',
      PIP_INDEX_URL: 'https://a.example/simple/',
      PIP_EXTRA_INDEX_URL: 'http://plain.example:8080/simple/',
      PIP_FIND_LINKS: './links http://links.example/l/',
      // The resolver reads plain-http sources and verifies TLS for every https: one.
      PIP_TRUSTED_HOST: 'plain.example:8080 links.example',
      PIP_TIMEOUT: '42',
      PIP_RETRIES: '3',
      PIP_CERT: '/etc/ca.pem',
      PIP_CLIENT_CERT: '/etc/client.pem',
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

  it('no index: PIP_NO_INDEX and no index variable', () => {
    const env = frontendEnv({}, { indexUrls: [], findLinks: ['/w'] });
    expect(env['PIP_NO_INDEX']).toBe('1');
    expect(env['PIP_INDEX_URL']).toBeUndefined();
    expect(env['PIP_EXTRA_INDEX_URL']).toBeUndefined();
  });

  it('puts named-index and per-host credentials into a private netrc (not the URLs), keeps URL userinfo', () => {
    const env = frontendEnv(
      {
        WHEELHOUSE_INDEX_CORP_USERNAME: '__token__',
        WHEELHOUSE_INDEX_CORP_PASSWORD: 'p@ss word',
        WHEELHOUSE_HTTP_B_EXAMPLE_USERNAME: 'bob',
        WHEELHOUSE_HTTP_B_EXAMPLE_PASSWORD: 'secret',
        WHEELHOUSE_HTTP_MY_CORP_JFROG_IO_PASSWORD: 'jf-token',
      },
      {
        indexUrls: [
          'https://corp.example/simple/',
          'https://b.example/simple/',
          'https://u:p@c.example/s/',
          // A configured host with '-': its variables are its own (review 3 s12).
          'https://my-corp.jfrog.io/simple/',
        ],
        findLinks: [],
        namedIndexes: [{ name: 'corp', url: 'https://corp.example/simple/' }],
        configuredHosts: ['my-corp.jfrog.io'],
      },
    );
    expect(env['PIP_INDEX_URL']).toBe('https://corp.example/simple/');
    expect(env['PIP_EXTRA_INDEX_URL']).toBe(
      'https://b.example/simple/ https://u:p@c.example/s/ https://my-corp.jfrog.io/simple/',
    );
    // What requests' get_netrc_auth answers for each host from the file NETRC names (Python's netrc).
    const netrc = env['NETRC'] as string;
    expect((statSync(netrc).mode & 0o777).toString(8)).toBe('600');
    const auth = execFileSync(
      'python3',
      [
        '-c',
        'import json, os, sys; from pip._vendor.requests.utils import get_netrc_auth as g; print(json.dumps([g(u) for u in sys.argv[1:]]))',
        'https://corp.example/simple/',
        'https://b.example/simple/',
        'https://my-corp.jfrog.io/simple/',
      ],
      { env: { PATH: process.env['PATH'] ?? '', NETRC: netrc }, encoding: 'utf8' },
    );
    expect(JSON.parse(auth)).toEqual([
      ['__token__', 'p@ss word'],
      ['bob', 'secret'],
      ['', 'jf-token'],
    ]);
    // Registered with the run: whatever pip echoes is redacted by every writer.
    expect(redactText('pip said: p@ss word / secret')).not.toMatch(/p@ss word|secret/);
  });
});

describe('frontendEnv: what the action holds never reaches a build backend', () => {
  // pip hands its environment to every build backend (build_env.py only adds PATH/PYTHONPATH), so
  // anything left here is readable by the code of any sdist on the index.
  const job = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: '/home/runner/work/p/p',
    HTTPS_PROXY: 'http://proxy.example:3128',
    CI: 'true',
    // given by the runner to a JavaScript action, never to a `run:` step
    ACTIONS_RUNTIME_URL: 'https://runtime.example/',
    ACTIONS_RUNTIME_TOKEN: 'runtime-jwt-secret',
    ACTIONS_RESULTS_URL: 'https://results.example/',
    ACTIONS_CACHE_URL: 'https://cache.example/',
    ACTIONS_CACHE_SERVICE_V2: 'True',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/',
    'INPUT_INDEX-URL': 'https://u:input-secret@corp.example/simple/',
    'STATE_wheelhouse-plan': '{}',
    GITHUB_STATE: '/runner/_temp/_runner_file_commands/save_state',
    // the step's command files: a backend writing them would speak for the action
    GITHUB_OUTPUT: '/runner/_temp/_runner_file_commands/set_output',
    GITHUB_ENV: '/runner/_temp/_runner_file_commands/set_env',
    GITHUB_PATH: '/runner/_temp/_runner_file_commands/add_path',
    GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary',
    // wheelhouse's own credentials: the S3 store's and index credentials
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 's3-cache-secret',
    AWS_SESSION_TOKEN: 's3-session-secret',
    WHEELHOUSE_S3_BUCKET: 'bucket',
    WHEELHOUSE_INDEX_CORP_PASSWORD: 'index-secret',
    WHEELHOUSE_INDEX_CORP_USERNAME: 'bob',
    // Windows names are case-insensitive
    actions_runtime_token: 'lower-case-secret',
  };

  it('withholds the Actions runtime, OIDC, inputs, state, command files and S3/wheelhouse credentials', () => {
    const env = frontendEnv(job, {
      indexUrls: ['https://corp.example/simple/'],
      findLinks: [],
      namedIndexes: [{ name: 'corp', url: 'https://corp.example/simple/' }],
    });
    for (const name of Object.keys(job)) {
      const kept = ['PATH', 'HOME', 'GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'HTTPS_PROXY', 'CI'].includes(name);
      expect([name, env[name]]).toEqual([name, kept ? job[name as keyof typeof job] : undefined]);
    }
    const text = JSON.stringify(env);
    for (const secret of [
      'runtime-jwt-secret',
      'oidc-secret',
      'input-secret',
      's3-cache-secret',
      's3-session-secret',
      'lower-case-secret',
    ])
      expect(text).not.toContain(secret);
    // The named index's credentials still reach pip, in the private netrc only.
    expect(env['PIP_INDEX_URL']).toBe('https://corp.example/simple/');
    expect(readFileSync(env['NETRC'] as string, 'utf8')).toBe(
      'machine corp.example login bob password index-secret\n',
    );
  });
});

describe("frontendEnv: the real pip sees the resolver's settings, not pip.conf's", () => {
  // Every pip configuration file a user or the machine may have: global (XDG_CONFIG_DIRS), user
  // (~/.config/pip and the legacy ~/.pip), each with sections the resolver never reads ([wheel]).
  const ASK = [
    'import json, sys',
    'from pip._internal.commands import create_command',
    'c = create_command(sys.argv[1]); o, _ = c.parse_args([])',
    'print(json.dumps({k: getattr(o, k, None) for k in ("index_url", "extra_index_urls", "find_links", "no_index", "trusted_hosts", "proxy", "timeout", "retries", "cert", "build_isolation", "require_hashes", "requirements", "constraints", "pre")}))',
  ].join('\n');
  const CONF = [
    '[global]',
    'index-url = https://foreign.example/global/simple',
    'extra-index-url = https://foreign.example/simple',
    'find-links = https://foreign.example/links',
    'trusted-host = foreign.example',
    'proxy = http://foreign-proxy.example:3128',
    'timeout = 99',
    'retries = 9',
    'pre = true',
    '[wheel]',
    'no-build-isolation = true',
    'require-hashes = true',
    '[install]',
    'require-hashes = true',
    'no-build-isolation = true',
    'requirement = /foreign/requirements.txt',
    'constraint = /foreign/constraints.txt',
    '',
  ].join('\n');

  it.each(['wheel', 'install'])(
    'pip %s',
    async (command) => {
      const home = await mkdtemp(join(tmpdir(), 'wh-frontend-conf-'));
      try {
        for (const dir of [join(home, '.config', 'pip'), join(home, '.pip'), join(home, 'xdg', 'pip')]) {
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, 'pip.conf'), CONF);
        }
        const { PIP_CONFIG_FILE: _ignored, ...noConfigFile } = isolatedPipEnv();
        const env = frontendEnv(
          {
            ...noConfigFile,
            HOME: home,
            XDG_CONFIG_HOME: join(home, '.config'),
            XDG_CONFIG_DIRS: join(home, 'xdg'),
          },
          { indexUrls: ['https://pypi.org/simple/'], findLinks: [], timeoutSec: 20, retries: 2 },
        );
        // The same machine pip without the frontend's environment does read those files (the test's premise).
        const plain = JSON.parse(
          execFileSync('python3', ['-c', ASK, command], {
            env: {
              ...noConfigFile,
              HOME: home,
              XDG_CONFIG_HOME: join(home, '.config'),
              XDG_CONFIG_DIRS: join(home, 'xdg'),
            },
            encoding: 'utf8',
            timeout: 60_000,
          }),
        );
        expect(plain.extra_index_urls).toEqual(['https://foreign.example/simple']);
        const seen = JSON.parse(
          execFileSync('python3', ['-c', ASK, command], { env, encoding: 'utf8', timeout: 60_000 }),
        );
        expect(seen).toEqual({
          index_url: 'https://pypi.org/simple/',
          extra_index_urls: [],
          find_links: [],
          no_index: false,
          trusted_hosts: [],
          proxy: '',
          timeout: 20,
          retries: 2,
          cert: null,
          build_isolation: true,
          require_hashes: false,
          requirements: [],
          constraints: [],
          pre: false,
        });
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('frontendEnv: credentials never on a command line (review 15a F1)', () => {
  // pip 23.2's build isolation installs the build requirements with a child
  // `python -m pip install … -i <index URL> …` (pip/_internal/build_env.py _install_requirements):
  // whatever the index URL holds is in that child's /proc/<pid>/cmdline.
  const PASSWORD = 'Fix15aBuildPassw0rd';
  const cmdlinesHolding = (secret: string): string[] =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .flatMap((pid) => {
        try {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          return cmd.includes(secret) ? [cmd] : [];
        } catch {
          return [];
        }
      });

  it("the build-requirements pip authenticates to the named index, and no process's argv holds the password", async () => {
    const onArgv: string[] = [];
    const authorizations: string[] = [];
    const server = createServer((req, res) => {
      onArgv.push(...cmdlinesHolding(PASSWORD));
      authorizations.push(req.headers.authorization ?? '');
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const work = await mkdtemp(join(tmpdir(), 'fix15a-f1-'));
    try {
      const sdist = buildSetuptoolsSdist({ name: 'demo', version: '1.0', metadata: 'static' });
      const sdistPath = join(work, sdist.filename);
      await writeFile(sdistPath, sdist.bytes);
      const indexUrl = `http://127.0.0.1:${port}/simple/`;
      const env = frontendEnv(
        {
          ...isolatedPipEnv(),
          WHEELHOUSE_INDEX_CORP_USERNAME: 'ci',
          WHEELHOUSE_INDEX_CORP_PASSWORD: PASSWORD,
        },
        { indexUrls: [indexUrl], findLinks: [], namedIndexes: [{ name: 'corp', url: indexUrl }], retries: 0 },
      );
      const run = await runPip(
        { python: 'python3', env },
        ['wheel', '--no-deps', '--wheel-dir', work, sdistPath],
        {
          timeoutMs: 120_000,
        },
      );
      expect(run.code).not.toBe(0); // the index has no setuptools: the build requirements are not found
      const basic = `Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`;
      expect(authorizations).toContain(basic); // the child pip did ask the index, with the credentials
      expect(onArgv).toEqual([]);
    } finally {
      server.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('frontendEnv: an http source never turns TLS off for an https index of its host (review 15a F17)', () => {
  // pip 23.2's PipSession.add_trusted_host('HOST') without a port mounts its InsecureHTTPAdapter
  // (verify=False) for https://HOST/ and https://HOST:<any port>; with a port only for that origin.
  it("pip's own session verifies the https index and trusts the http links page", () => {
    const env = frontendEnv(
      {},
      {
        indexUrls: ['https://pkgs.corp/simple/'],
        findLinks: ['http://pkgs.corp/links/', 'http://other.corp/x/'],
      },
    );
    const links = (env['PIP_FIND_LINKS'] as string).split(' ');
    const ask = [
      'import json, sys',
      'from pip._internal.network.session import PipSession',
      'from pip._internal.models.link import Link',
      's = PipSession(trusted_hosts=sys.argv[1].split())',
      'print(json.dumps([type(s.get_adapter("https://pkgs.corp/simple/")).__name__] + [s.is_secure_origin(Link(u)) for u in sys.argv[2:]]))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', ask, env['PIP_TRUSTED_HOST'] as string, ...links], {
      env: { PATH: process.env['PATH'] ?? '' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(['HTTPAdapter', true, true]);
  });
});

describe('two sources on one host with their own credentials (review 15e F12)', () => {
  it('the first goes to the netrc, the second keeps its credentials in its URL: no refusal', () => {
    const a = 'https://gitlab.example/api/v4/projects/111/packages/pypi/simple/';
    const b = 'https://gitlab.example/api/v4/projects/222/packages/pypi/simple/';
    const env = frontendEnv(
      {
        HOME: '/nonexistent',
        WHEELHOUSE_INDEX_A_USERNAME: 'deploy-a',
        WHEELHOUSE_INDEX_A_PASSWORD: 'token-a',
        WHEELHOUSE_INDEX_B_USERNAME: 'deploy-b',
        WHEELHOUSE_INDEX_B_PASSWORD: 'token b',
      },
      {
        indexUrls: [a, b],
        findLinks: [],
        namedIndexes: [
          { name: 'a', url: a },
          { name: 'b', url: b },
        ],
      },
    );
    expect(env['PIP_INDEX_URL']).toBe(a);
    expect(env['PIP_EXTRA_INDEX_URL']).toBe(
      'https://deploy-b:token%20b@gitlab.example/api/v4/projects/222/packages/pypi/simple/',
    );
    const netrc = readFileSync(env['NETRC'] as string, 'utf8');
    expect(netrc).toContain('deploy-a');
    expect(netrc).not.toContain('deploy-b');
  });
});
