import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { basicAuthHeader, envKey, findCredentials, hostsOf } from '../../src/index/credentials.js';
import { loadNetrc, netrcLookup, netrcPathsFrom, parseNetrc } from '../../src/index/netrc.js';
import { maskUserinfo, redactText, redactUrl } from '../../src/index/redact.js';
import {
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  DEFAULT_RETRY_POLICY,
} from '../../src/index/retry.js';

describe('netrc', () => {
  const text = `# comment
machine idx.example login alice password a-pass
machine other.example
  login bob
  password "b" # trailing comment
macdef init
  cd /pub
  get x

default login anon password anon-pass
machine after.example login carol password c-pass`;

  it('parses machines, default, and skips macdef bodies and comments', () => {
    const n = parseNetrc(text);
    expect(netrcLookup(n, 'IDX.example')).toEqual({ login: 'alice', password: 'a-pass' });
    // A quoted token is its text (Python's netrc, which pip reads the file with).
    expect(netrcLookup(n, 'other.example')).toEqual({ login: 'bob', password: 'b' });
    expect(netrcLookup(n, 'after.example')).toEqual({ login: 'carol', password: 'c-pass' });
    expect(netrcLookup(n, 'unknown.example')).toEqual({ login: 'anon', password: 'anon-pass' });
  });

  it('locates the file: explicit, then $NETRC, then ~/.netrc and ~/_netrc', () => {
    expect(netrcPathsFrom({ NETRC: '/n' }, '/explicit')).toEqual(['/explicit']);
    expect(netrcPathsFrom({ NETRC: '/n', HOME: '/h' })).toEqual(['/n']);
    // Joined with the host's separator (`\h\.netrc` on the Windows CI runner).
    expect(netrcPathsFrom({ HOME: '/h' })).toEqual([join('/h', '.netrc'), join('/h', '_netrc')]);
  });

  it('reads ~/_netrc when there is no ~/.netrc, and prefers ~/.netrc when both exist', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wh-netrc-'));
    try {
      const env = { HOME: home };
      expect(await loadNetrc(netrcPathsFrom(env))).toBeUndefined();
      await writeFile(join(home, '_netrc'), 'machine idx.example login win password w-pass\n');
      expect(netrcLookup(await loadNetrc(netrcPathsFrom(env)), 'idx.example')).toEqual({
        login: 'win',
        password: 'w-pass',
      });
      await writeFile(join(home, '.netrc'), 'machine idx.example login dot password d-pass\n');
      expect(netrcLookup(await loadNetrc(netrcPathsFrom(env)), 'idx.example')).toEqual({
        login: 'dot',
        password: 'd-pass',
      });
      // $NETRC is the only place looked at when set, as in requests.
      const only = { HOME: home, NETRC: join(home, 'missing') };
      expect(await loadNetrc(netrcPathsFrom(only))).toBeUndefined();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('findCredentials', () => {
  const netrc = parseNetrc('machine idx.example login n-user password n-pass');
  const env = {
    WHEELHOUSE_INDEX_CORP_USERNAME: 'i-user',
    WHEELHOUSE_INDEX_CORP_PASSWORD: 'i-pass',
    WHEELHOUSE_HTTP_IDX_EXAMPLE_8443_USERNAME: 'hp-user',
    WHEELHOUSE_HTTP_IDX_EXAMPLE_8443_PASSWORD: 'hp-pass',
    WHEELHOUSE_HTTP_HOST2_EXAMPLE_PASSWORD: 'token-only',
  };
  const namedIndexes = [{ name: 'corp', url: 'https://idx.example/corp/simple/' }];
  const find = (url: string) => findCredentials(new URL(url), { env, netrc, namedIndexes });

  it('prefers URL userinfo (percent-decoded)', () => {
    expect(find('https://u%40x:p%3Aw@idx.example/corp/simple/a/')).toEqual({
      username: 'u@x',
      password: 'p:w',
      source: 'url',
    });
  });
  it('then the named index variables for URLs under that index', () => {
    expect(find('https://idx.example/corp/simple/a/')?.source).toBe('index-env');
    expect(find('https://idx.example/corpx/files/a.whl')?.source).toBe('index-env');
    expect(find('http://idx.example/corp/simple/a/')?.source).toBe('netrc');
  });
  it('then host+port, then host variables', () => {
    expect(find('https://idx.example:8443/x')).toEqual({
      username: 'hp-user',
      password: 'hp-pass',
      source: 'host-env',
    });
    expect(find('https://host2.example/x')).toEqual({
      username: '',
      password: 'token-only',
      source: 'host-env',
    });
  });
  it('host variables go only to the host their name spells, or the one their _HOST names (review 2 s12)', () => {
    const corp = { WHEELHOUSE_HTTP_PYPI_CORP_EXAMPLE_PASSWORD: 'corp-token' };
    const withheld: string[] = [];
    const at = (url: string, e: Record<string, string>) =>
      findCredentials(new URL(url), { env: e, onWithheld: (host, pin) => withheld.push(`${host} ${pin}`) });
    // Dots only: the key reads back as the name, so only that host has it.
    expect(at('https://pypi.corp.example/simple/', corp)?.password).toBe('corp-token');
    expect(at('https://PYPI.Corp.Example/simple/', corp)?.password).toBe('corp-token');
    // Look-alikes anyone can register share the key: nothing is sent, and the shell is told.
    for (const host of ['pypi-corp.example', 'pypi_corp.example', 'pypi.corp-example', 'pypi--corp.example'])
      expect(at(`https://${host}/simple/`, corp)).toBeUndefined();
    expect(withheld).toContain('pypi-corp.example WHEELHOUSE_HTTP_PYPI_CORP_EXAMPLE_HOST');
    // A name with '-' is reached through _HOST, and then only that name.
    const pinned = { ...corp, WHEELHOUSE_HTTP_PYPI_CORP_EXAMPLE_HOST: 'pypi-corp.example' };
    expect(at('https://pypi-corp.example/simple/', pinned)?.password).toBe('corp-token');
    expect(at('https://pypi.corp.example/simple/', pinned)).toBeUndefined();
    expect(at('https://pypi_corp.example/simple/', pinned)).toBeUndefined();
    // A configured host (an index or find-links URL the user gave) with '-' gets them, and then
    // only configured hosts of that key do — not the dotted look-alike (review 3 s12).
    const configured = (url: string, hosts: string[]) =>
      findCredentials(new URL(url), { env: corp, configuredHosts: hosts });
    expect(configured('https://pypi-corp.example/simple/', ['pypi-corp.example'])?.password).toBe(
      'corp-token',
    );
    expect(configured('https://pypi.corp.example/simple/', ['pypi-corp.example'])).toBeUndefined();
    expect(configured('https://pypi_corp.example/simple/', ['pypi-corp.example'])).toBeUndefined();
    expect(configured('https://pypi.corp.example/simple/', ['other.example'])?.password).toBe('corp-token');
    expect(
      hostsOf(['https://Pypi-Corp.example:8443/simple/', '/local/dir', 'file:///x', 'nonsense']),
    ).toEqual(['pypi-corp.example']);
    // IPv6 and ports: the port variable too follows the host's _HOST.
    const v6 = { WHEELHOUSE_HTTP_FD00_1_8443_USERNAME: 'six', WHEELHOUSE_HTTP_FD00_1_HOST: '[fd00::1]' };
    expect(at('https://[fd00::1]:8443/x', v6)?.username).toBe('six');
    expect(at('https://[fd00:0::1]:8443/x', { WHEELHOUSE_HTTP_FD00_1_8443_USERNAME: 'six' })).toBeUndefined();
  });
  it('then netrc, and nothing for unknown hosts', () => {
    expect(find('http://idx.example/other/')).toEqual({
      username: 'n-user',
      password: 'n-pass',
      source: 'netrc',
    });
    expect(find('https://nobody.example/')).toBeUndefined();
  });
  it('with a memo, reads each variable once and answers as without it', () => {
    const reads = new Map<string, number>();
    const counted = new Proxy(env as Record<string, string | undefined>, {
      get(target, key: string) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return target[key];
      },
    });
    const memo = new Map();
    const pinMemo = new Map<string, string | undefined>();
    const urls = [
      'https://idx.example/corp/simple/a/',
      'https://idx.example:8443/x',
      'https://host2.example/x',
      'http://idx.example/other/',
      'https://nobody.example/',
    ];
    for (let round = 0; round < 3; round++) {
      for (const url of urls) {
        const u = new URL(url);
        expect(findCredentials(u, { env: counted, netrc, namedIndexes, memo, pinMemo })).toEqual(find(url));
      }
    }
    expect(reads.size).toBeGreaterThan(0);
    for (const [key, n] of reads) expect([key, n]).toEqual([key, 1]);
  });
  it('builds names and headers', () => {
    expect(envKey('my-index.v2')).toBe('MY_INDEX_V2');
    expect(basicAuthHeader({ username: 'a', password: 'b', source: 'url' })).toBe('Basic YTpi');
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://user:pw@idx.example/simple/', 'https://***@idx.example/simple/'],
    ['https://tokenonly@idx.example/simple/', 'https://***@idx.example/simple/'],
    ['https://idx.example/f.whl?token=abc&x=1', 'https://idx.example/f.whl?token=***&x=***'],
    [
      'https://s3.example/f.whl?X-Amz-Signature=abc&X-Amz-Credential=k',
      'https://s3.example/f.whl?X-Amz-Signature=***&X-Amz-Credential=***',
    ],
    ['https://idx.example/simple/', 'https://idx.example/simple/'],
    ['not a url://user:pw@x', 'not a url://user:pw@x'],
    ['git+https://user:pw@host/x', 'git+https://***@host/x'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
  it('reads a parsed URL as its text', () => {
    for (const text of [
      'https://user:pw@idx.example/simple/',
      'https://idx.example/f.whl?token=abc',
      'https://idx.example/simple/a/?',
      'https://idx.example/simple/a/#sha256=00',
      'http://idx.example:8080/x%20y/',
    ])
      expect(redactUrl(new URL(text))).toBe(redactUrl(text));
  });
  it('redacts unparseable URLs by pattern and URLs inside text', () => {
    expect(redactUrl('https://u:p@[bad')).toBe('https://***@[bad');
    expect(redactText('failed https://u:pw@h/x and http://h/?api_key=zz')).toBe(
      'failed https://***@h/x and http://h/?api_key=***',
    );
  });
});

describe('maskUserinfo', () => {
  it('hides whatever stands between // and @ in a value that need not parse', () => {
    expect(maskUserinfo('ftp://user:hunter2@x/simple')).toBe('ftp://***@x/simple');
    expect(maskUserinfo('not a url://user:pw@x')).toBe('not a url://***@x');
    expect(maskUserinfo('https://us er:p w@h//a:b@c')).toBe('https://***@h//***@c');
    expect(maskUserinfo('https://h/simple')).toBe('https://h/simple');
  });
});

describe('retry policy', () => {
  it('retries 408, 429 and 5xx but not 501 or 4xx', () => {
    expect([408, 429, 500, 502, 503, 504, 501, 404, 401, 416].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
  it('parses Retry-After seconds and HTTP-dates', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
  it('caps Retry-After and uses full-jitter exponential backoff otherwise', () => {
    const p = { ...DEFAULT_RETRY_POLICY, backoffBaseMs: 100, backoffMaxMs: 1000, retryAfterMaxMs: 5000 };
    expect(retryDelayMs(p, 0, 60_000)).toBe(5000);
    expect(retryDelayMs(p, 3, 10)).toBe(10);
    expect(retryDelayMs(p, 0, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(p, 2, undefined, () => 0.5)).toBe(200);
    expect(retryDelayMs(p, 10, undefined, () => 0.5)).toBe(500);
  });
});

// Review 14b #6: a '%' that is no escape in a URL's userinfo is sent as written, as pip 23.2
// (`split_auth_from_netloc` → urllib.parse.unquote) does — not a URIError ("internal error").
describe('findCredentials: userinfo with a "%" that is no escape', () => {
  it('decodes valid escapes and keeps the rest as written', () => {
    expect(findCredentials(new URL('https://user:p%zz@idx.example/simple/'), { env: {} })).toMatchObject({
      username: 'user',
      password: 'p%zz',
      source: 'url',
    });
    expect(findCredentials(new URL('https://u%40x:p%41@idx.example/'), { env: {} })).toMatchObject({
      username: 'u@x',
      password: 'pA',
    });
  });
});
