import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bypassesProxy, proxyEnvFrom, proxyFor } from '../../src/index/proxy.js';
import { createHttpClient } from '../../src/index/http.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy.js';

describe('proxy selection', () => {
  it('reads both spellings, lower case first', () => {
    expect(
      proxyEnvFrom({
        HTTPS_PROXY: 'http://A',
        https_proxy: 'http://b',
        HTTP_PROXY: 'http://c',
        NO_PROXY: 'x',
      }),
    ).toEqual({ httpsProxy: 'http://b', httpProxy: 'http://c', noProxy: 'x' });
    expect(proxyEnvFrom({ HTTPS_PROXY: '  ' })).toEqual({});
  });

  it('picks the proxy by scheme', () => {
    const p = { httpProxy: 'http://hp', httpsProxy: 'http://sp' };
    expect(proxyFor(new URL('http://x/'), p)).toBe('http://hp');
    expect(proxyFor(new URL('https://x/'), p)).toBe('http://sp');
    expect(proxyFor(new URL('file:///x'), p)).toBeUndefined();
    expect(proxyFor(new URL('https://x/'), { httpProxy: 'http://hp' })).toBeUndefined();
  });

  it.each([
    ['pypi.org', 'https://pypi.org/simple/', true],
    ['.pypi.org', 'https://files.pypi.org/x', true],
    ['.pypi.org', 'https://pypi.org/x', true],
    ['*.pypi.org', 'https://a.pypi.org/x', true],
    ['pypi.org', 'https://notpypi.org/x', false],
    ['pypi.org', 'https://a.pypi.org/x', true],
    ['example.com:8080', 'http://example.com:8080/', true],
    ['example.com:8080', 'http://example.com/', false],
    ['other, 127.0.0.1', 'http://127.0.0.1:9/', true],
    ['*', 'https://anything/', true],
    ['[::1]', 'http://[::1]:8080/', true],
    ['', 'http://x/', false],
  ])('NO_PROXY=%j for %s → bypass %s', (noProxy, url, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });
});

describe('NO_PROXY networks (review 2 s12)', () => {
  // requests (vendored by pip 23.2) decides the same pairs: should_bypass_proxies.
  const CASES: [string, string][] = [
    ['http://10.1.2.3/simple/', '10.0.0.0/8'],
    ['http://10.1.2.3:8080/simple/', 'example.org, 10.0.0.0/8'],
    ['http://11.1.2.3/simple/', '10.0.0.0/8'],
    ['https://192.168.7.9/', '192.168.0.0/16,172.16.0.0/12'],
    ['https://172.31.255.255/', '172.16.0.0/12'],
    ['https://172.32.0.1/', '172.16.0.0/12'],
    ['http://10.1.2.3/', '10.1.2.3/32'],
    ['http://10.1.2.4/', '10.1.2.3/32'],
    ['http://10.1.2.3/', '10.0.0.0/0'],
    ['http://10.1.2.3/', '10.0.0.0/33'],
    ['http://pkgs.example/', '10.0.0.0/8'],
    // The network's address in inet_aton's forms (src/standards/ip-address.ts), the mask as int().
    ['http://8.1.2.3/', '010.0.0.0/8'],
    ['http://10.1.2.3/', '010.0.0.0/8'],
    ['http://10.1.2.3/', '0x0a.0.0.0/8'],
    ['http://127.0.0.1/', '127.1/32'],
    ['http://127.0.0.2/', '127.1/32'],
    ['http://1.2.0.3/', '1.2.3/32'],
    ['http://10.1.2.3/', '10/8'],
    ['http://10.1.2.3/', '10.0.0.0./8'],
    ['http://10.1.2.3/', '10.0.0.0/08'],
    ['http://10.1.2.3/', '10.0.0.0/+8'],
    ['http://10.1.2.3/', '10.0.0.0/-8'],
    ['http://10.1.2.3/', '10.0.0.256/8'],
    ['http://10.1.2.3/', '08.0.0.0/8'],
    ['http://10.1.2.3/', '10.0.0.0/8/8'],
  ];
  it.each(CASES)('%s with NO_PROXY=%s, as requests decides', (url, noProxy) => {
    const requests = execFileSync(
      'python3',
      [
        '-c',
        'import sys\nfrom pip._vendor.requests.utils import should_bypass_proxies as b\nprint(b(sys.argv[1], sys.argv[2]))',
        url,
        noProxy,
      ],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 },
    ).trim();
    expect(bypassesProxy(new URL(url), noProxy)).toBe(requests === 'True');
  });
});

describe('requests through a local proxy', () => {
  let server: IndexServer;
  let proxy: TestProxy;
  const file = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [{ name: 'p', files: [{ filename: 'p-1.0.tar.gz', bytes: file }] }],
    });
    proxy = await startTestProxy();
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('forwards http: requests in absolute form via HTTP_PROXY', async () => {
    const logger = new RecordingLogger();
    const http = createHttpClient({ logger, env: { HTTP_PROXY: proxy.url }, netrcPath: '/nonexistent' });
    const res = await http.request(server.fileUrl('p-1.0.tar.gz'), { headers: { range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(await res.body()).toEqual(file.subarray(100, 200));
    await http.close();
    expect(proxy.forwarded).toContain(server.fileUrl('p-1.0.tar.gz'));
    expect(server.counters.byKind.range.requests).toBe(1);
  });

  it('tunnels through CONNECT when asked, and sends proxy credentials from the proxy URL', async () => {
    const logger = new RecordingLogger();
    const proxyUrl = new URL(proxy.url);
    proxyUrl.username = 'pu';
    proxyUrl.password = 'proxy-secret';
    const http = createHttpClient({
      logger,
      env: { http_proxy: proxyUrl.href },
      netrcPath: '/nonexistent',
      proxyTunnel: true,
    });
    const before = proxy.connects.length;
    const res = await http.request(server.projectUrl('p'));
    expect(res.status).toBe(200);
    await res.discard();
    await http.close();
    expect(proxy.connects.slice(before)).toEqual([`127.0.0.1:${server.port}`]);
    expect(proxy.proxyAuthorizations.at(-1)).toBe(
      `Basic ${Buffer.from('pu:proxy-secret').toString('base64')}`,
    );
    expect(logger.text()).toContain('using proxy http://***@127.0.0.1');
    expect(logger.text()).not.toContain('proxy-secret');
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const http = createHttpClient({
      logger: new RecordingLogger(),
      env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
      netrcPath: '/nonexistent',
    });
    const before = proxy.forwarded.length + proxy.connects.length;
    const res = await http.request(server.projectUrl('p'));
    await res.discard();
    await http.close();
    expect(res.status).toBe(200);
    expect(proxy.forwarded.length + proxy.connects.length).toBe(before);
  });
});

// Review 14b #14: ALL_PROXY (lower case first) serves both schemes when their own variable is not
// set, as curl and pip 23.2 (requests `select_proxy`: `<scheme>` before `all`) read it; NO_PROXY
// still exempts hosts from it.
describe('ALL_PROXY', () => {
  it('is the proxy of a scheme without its own variable, and NO_PROXY still applies', () => {
    for (const name of ['ALL_PROXY', 'all_proxy']) {
      const env = proxyEnvFrom({ [name]: 'http://proxy.example:3128', NO_PROXY: 'local.example' });
      expect(proxyFor(new URL('https://pypi.org/simple/x/'), env)).toBe('http://proxy.example:3128');
      expect(proxyFor(new URL('http://idx.example/simple/x/'), env)).toBe('http://proxy.example:3128');
      expect(proxyFor(new URL('https://local.example/simple/x/'), env)).toBeUndefined();
    }
    const both = proxyEnvFrom({
      all_proxy: 'http://all:1',
      ALL_PROXY: 'http://ALL:1',
      HTTPS_PROXY: 'http://s:2',
    });
    expect(proxyFor(new URL('https://pypi.org/'), both)).toBe('http://s:2');
    expect(proxyFor(new URL('http://pypi.org/'), both)).toBe('http://all:1');
  });
});
