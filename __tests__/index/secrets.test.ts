import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/index/http.js';
import { createIndexClient } from '../../src/index/index-client.js';
import { createPageCache } from '../../src/index/page-cache.js';
import {
  looksLikeToken,
  maskUserinfo,
  publicUrl,
  redactText,
  redactUrl,
  registerExpansion,
  registerSecret,
  runSecrets,
  registerUrlSecrets,
  registerUrlCredentials,
  SecretRegistry,
} from '../../src/index/redact.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const URL_SECRET = 'url-secret-Zq81';
const NETRC_SECRET = 'netrc-secret-Kp27';
const ENV_SECRET = 'env-secret-Wm55';
const NAMED_SECRET = 'named-secret-Jx03';
const SECRETS = [URL_SECRET, NETRC_SECRET, ENV_SECRET, NAMED_SECRET];

describe('credentials never leak', () => {
  const servers: IndexServer[] = [];
  let urlServer: IndexServer;
  let envServer: IndexServer;
  let netrcServer: IndexServer;
  let namedServer: IndexServer;
  let http: HttpClient;
  let logger: RecordingLogger;
  let cacheDir: string;
  const texts: string[] = [];
  const file = (name: string) => ({
    filename: `${name}-1.0-py3-none-any.whl`,
    bytes: new TextEncoder().encode(name),
    metadata: new TextEncoder().encode(`Name: ${name}\n`),
  });

  beforeAll(async () => {
    const start = async (username: string, password: string, project: string) => {
      const s = await startIndexServer({
        projects: [
          { name: project, files: [file(project)] },
          { name: 'common', files: [file(`common_${project.replace(/-/g, '_')}`)] },
        ],
        modes: { requireAuth: { username, password } },
      });
      servers.push(s);
      return s;
    };
    urlServer = await start('alice', URL_SECRET, 'from-url');
    envServer = await start('bob', ENV_SECRET, 'from-env');
    netrcServer = await start('carol', NETRC_SECRET, 'from-netrc');
    namedServer = await start('dave', NAMED_SECRET, 'from-named');
    const dir = await mkdtemp(join(tmpdir(), 'wh-secrets-'));
    cacheDir = join(dir, 'pages');
    const netrcPath = join(dir, 'netrc');
    await writeFile(netrcPath, `machine 127.0.0.1 login carol password ${NETRC_SECRET}\n`);
    logger = new RecordingLogger();
    http = createHttpClient({
      logger,
      backoffBaseMs: 1,
      retryAfterMaxMs: 1000,
      env: {
        NETRC: netrcPath,
        [`WHEELHOUSE_HTTP_127_0_0_1_${envServer.port}_USERNAME`]: 'bob',
        [`WHEELHOUSE_HTTP_127_0_0_1_${envServer.port}_PASSWORD`]: ENV_SECRET,
        WHEELHOUSE_INDEX_INTERNAL_USERNAME: 'dave',
        WHEELHOUSE_INDEX_INTERNAL_PASSWORD: NAMED_SECRET,
      },
      namedIndexes: [{ name: 'internal', url: namedServer.indexUrl }],
    });
  });
  afterAll(async () => {
    await http.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  const urlIndex = () => {
    const u = new URL(urlServer.indexUrl);
    u.username = 'alice';
    u.password = URL_SECRET;
    return u.href;
  };

  async function capture(p: Promise<unknown>): Promise<unknown> {
    try {
      return await p;
    } catch (e) {
      const err = e as Error;
      texts.push(String(err), err.message, err.stack ?? '', JSON.stringify(err));
      return e;
    }
  }

  it('authenticates from each source and exercises success, retry, redirect and error paths', async () => {
    const index = createIndexClient({
      http,
      logger,
      indexUrls: [urlIndex(), envServer.indexUrl, netrcServer.indexUrl, namedServer.indexUrl],
      findLinks: [],
      strategy: 'unsafe-best-match',
      pageCache: createPageCache(cacheDir),
    });
    for (const s of servers) s.setModes({ statusOnce: { status: 503, count: 1, retryAfter: '1' } });
    const page = (await capture(index.getProject(normalizeName('common')))) as { files: { url: string }[] };
    for (const s of servers) s.setModes({ statusOnce: null });
    expect(page.files).toHaveLength(4);
    // What reports and locks may show: the redacted forms (DistFile.url itself may carry credentials).
    texts.push(JSON.stringify(page, (k, v: unknown) => (k === 'url' ? undefined : v)));
    for (const s of servers) {
      expect(s.counters.log.map((e) => e.status)).toEqual([503, 200]);
    }
    // Files and .metadata with the page's credentials (the URL one) or the client's lookups.
    for (const f of page.files) {
      const res = await http.request(f.url);
      expect(res.status).toBe(200);
      await capture(res.body());
      const m = await http.request(`${f.url}.metadata`);
      expect(m.status).toBe(200);
      await m.discard();
    }
    // A redirect (non-normalized name) keeps userinfo on the same origin.
    const r = await http.request(new URL('Common/', urlIndex()).href);
    expect(r.status).toBe(200);
    await r.discard();
    // Errors: a wrong password (401 → HttpError), a dead port, a body cut short.
    const wrong = new URL(urlServer.indexUrl);
    wrong.username = 'alice';
    wrong.password = `${URL_SECRET}-wrong`;
    const bad = createIndexClient({
      http,
      logger,
      indexUrls: [wrong.href],
      findLinks: [],
      strategy: 'first-index',
    });
    const e401 = await capture(bad.getProject(normalizeName('common')));
    expect(String(e401)).toContain('HTTP 401 for GET http://***@127.0.0.1');
    const dead = await capture(http.request(`http://alice:${URL_SECRET}@127.0.0.1:1/simple/`));
    expect(String(dead)).toContain('http://***@127.0.0.1:1/simple/');
    urlServer.setModes({ dropMidBody: { afterBytes: 1, always: true } });
    const cut = await http.request(new URL(`../files/${file('from-url').filename}`, urlIndex()).href);
    await capture(cut.body());
    urlServer.setModes({ dropMidBody: null });

    // Nothing anywhere contains a secret.
    const cacheFiles = await readdir(cacheDir);
    const cacheText = [
      ...cacheFiles,
      ...(await Promise.all(cacheFiles.map((f) => readFile(join(cacheDir, f), 'utf8')))),
    ];
    const everything = [logger.text(), ...texts, ...cacheText].join('\n');
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(everything).toContain('***@127.0.0.1');
    for (const secret of SECRETS) {
      expect(everything).not.toContain(secret);
    }
    // Sanity: the checks above can fail: the raw page URLs do carry the URL secret.
    expect(page.files.some((f) => f.url.includes(URL_SECRET))).toBe(true);
  });
});

describe("a lock's URLs (review 4 s12)", () => {
  it('register credentials and query tokens, not the branch, tag or commit of a git source', () => {
    runSecrets.clear();
    registerUrlCredentials('git+https://github.com/org/proj?branch=main#0123abcd');
    registerUrlCredentials('git+https://github.com/org/proj?tag=v1.2.3&rev=deadbeef&subdirectory=pkgs');
    registerUrlCredentials('https://u:pa55word@files.example/x.whl?token=Tok3nValue');
    for (const publicWord of ['main', 'v1.2.3', 'deadbeef', 'pkgs'])
      expect(runSecrets.includes(publicWord)).toBe(false);
    for (const secret of ['pa55word', 'Tok3nValue']) expect(runSecrets.includes(secret)).toBe(true);
  });
});

describe('the run secret registry (src/index/redact.ts)', () => {
  it('registers URL userinfo, query values and token-looking path segments, then masks them anywhere', () => {
    const run = new SecretRegistry();
    const seen: string[] = [];
    run.onAdd((v) => seen.push(v));
    run.addFromUrl('https://__token__:pw%2Fwith-slash@h.example/9f3kQ2x7Lm/simple/?sig=Abc123xyz');
    run.addFromUrl('https://h.example/simple/pkg-1.0-py3-none-any.whl');
    // The decoded password, its encoded form, the token segment and the query value; not the
    // common username, not `simple`, not a wheel file name.
    expect(seen.sort()).toEqual(['9f3kQ2x7Lm', 'Abc123xyz', 'pw%2Fwith-slash', 'pw/with-slash'].sort());
    expect(run.mask('a pw/with-slash b 9f3kQ2x7Lm c')).toBe('a *** b *** c');
    expect(run.includes('nothing here')).toBe(false);
    // Scheme-less `user:password@host` (pip accepts such index values).
    run.addFromUrl('carol:Bare-Pass-1@idx.example/simple');
    expect(seen).toContain('Bare-Pass-1');
  });

  it('ignores values too short to mask without garbling every line', () => {
    const run = new SecretRegistry();
    run.add('abc');
    expect(run.mask('abc abcd')).toBe('abc abcd');
  });

  it('redactText masks registered values, URL parts and scheme-less userinfo; publicUrl keeps a usable URL', () => {
    const token = 'Run7okenQ55xy';
    registerSecret(token);
    registerUrlSecrets(`https://pypi.corp.example/${token}/simple/`);
    expect(redactText(`GET https://pypi.corp.example/${token}/simple/a/ failed`)).toBe(
      'GET https://pypi.corp.example/***/simple/a/ failed',
    );
    expect(redactText('index "dave:Hunter2x@pypi.corp.example/simple" is not a URL')).toBe(
      'index "***@pypi.corp.example/simple" is not a URL',
    );
    expect(redactText('bad value dave:Hunter2x@10.0.0.1:8080/simple')).toBe(
      'bad value ***@10.0.0.1:8080/simple',
    );
    expect(redactText('mail dave@example.com and pkg @ https://x.example/a.whl')).toBe(
      'mail dave@example.com and pkg @ https://x.example/a.whl',
    );
    expect(redactUrl('https://u:p@h.example/f.whl?X-Amz-Date=1&Signature=zz')).toBe(
      'https://***@h.example/f.whl?X-Amz-Date=***&Signature=***',
    );
    expect(
      publicUrl(`https://u:p@pypi.corp.example/${token}/files/a-1.0-py3-none-any.whl?sig=zz#sha256=00`),
    ).toBe('https://pypi.corp.example/***/files/a-1.0-py3-none-any.whl');
    expect(maskUserinfo('dave:Hunter2x@pypi.corp.example/simple')).toBe('***@pypi.corp.example/simple');
  });

  it('registerExpansion: a whole URL from a variable makes its non-layout path segments secret', () => {
    runSecrets.clear();
    try {
      registerExpansion('https://corp.jfrog.io/artifactory/api/pypi/LettersOnlyRepoKey/v2/simple/');
      expect(
        runSecrets.mask('https://corp.jfrog.io/artifactory/api/pypi/LettersOnlyRepoKey/v2/files/a.whl'),
      ).toBe('https://corp.jfrog.io/artifactory/api/pypi/***/v2/files/a.whl');
      // A value that is not a URL is one secret, not split.
      registerExpansion('plain value here');
      expect(runSecrets.mask('plain value here and here')).toBe('*** and here');
      expect(runSecrets.mask('value')).toBe('value');
    } finally {
      runSecrets.clear();
    }
  });

  it('looksLikeToken: letters and digits, 8+ characters, not a file name', () => {
    expect(looksLikeToken('1a2b3c4d5e6f')).toBe(true);
    expect(looksLikeToken('simple')).toBe(false);
    expect(looksLikeToken('12345678')).toBe(false);
    expect(looksLikeToken('pkg-1.0-py3-none-any.whl')).toBe(false);
    expect(looksLikeToken('pypi-remote')).toBe(false);
    const run = new SecretRegistry();
    run.addFromUrl('file:///srv/wheels2024build/simple/');
    expect(run.includes('/srv/wheels2024build/')).toBe(false);
  });

  it('looksLikeToken: 16+ letters without a digit that do not read as words are a token', () => {
    for (const token of [
      'AbCdEfGhIjKlMnOpQrStUvWx',
      'kQzPwLmRtYbNvXcDfGhJ',
      'qwhdkeuvbzlarmtpsoxnyfgc',
      'QWHDKEUVBZLARMTPSOXNYFGC',
      'xKcd-Wq_zPLmnbvR',
    ]) {
      expect([token, looksLikeToken(token)]).toEqual([token, true]);
    }
    // Names people give indexes, folders and repositories stay readable.
    for (const name of [
      'scientific-python-nightly-wheels',
      'llama-cpp-python',
      'MyCompanyPackages',
      'HTTPSProxyMirror',
      'pypi-remote-cache-virtual',
      'my_team_python_repository',
      'internalpythonmirror',
      'gpu-ml-ci-cd-wheels',
      'download.pytorch.org',
      'ShortLetterToken',
    ]) {
      expect([name, looksLikeToken(name)]).toEqual([name, false]);
    }
    // Shorter than 16 letters: not recognised (documented limit).
    expect(looksLikeToken('AbCdEfGhIjKl')).toBe(false);
  });

  it('a literal index URL with a letters-only path token: the token is masked, the layout stays', () => {
    const run = new SecretRegistry();
    run.addFromUrl('https://host.example/AbCdEfGhIjKlMnOpQrStUvWx/simple/');
    run.addFromUrl('https://pypi.anaconda.org/scientific-python-nightly-wheels/simple');
    expect(run.mask('https://host.example/AbCdEfGhIjKlMnOpQrStUvWx/files/a-1.0-py3-none-any.whl')).toBe(
      'https://host.example/***/files/a-1.0-py3-none-any.whl',
    );
    expect(run.mask('https://pypi.anaconda.org/scientific-python-nightly-wheels/simple/numpy/')).toBe(
      'https://pypi.anaconda.org/scientific-python-nightly-wheels/simple/numpy/',
    );
  });
});
