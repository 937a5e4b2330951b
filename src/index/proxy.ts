/**
 * Proxy selection from the conventional environment variables (curl/pip semantics):
 * `HTTPS_PROXY` for https: URLs, `HTTP_PROXY` for http: URLs, `ALL_PROXY` for either when its own
 * is not set (lower-case spellings win, as in curl), `NO_PROXY` a comma/space-separated list of hosts, `.domain` / `*.domain` suffixes,
 * `host:port`, `*` for everything, or an IPv4 network `a.b.c.d/n` that an IPv4 host lies in (as
 * requests, pip's HTTP library, reads it: `should_bypass_proxies`, a mask of 1–32, the address in
 * inet_aton's forms — src/standards/ip-address.ts). Loopback is not special-cased: it is proxied
 * unless listed.
 */
import { inIPv4Network } from '../standards/ip-address.js';

export interface ProxyEnv {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

function pick(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v && v.trim() !== '' ? v.trim() : undefined;
}

export function proxyEnvFrom(env: Record<string, string | undefined>): ProxyEnv {
  // `ALL_PROXY` serves a scheme that has no variable of its own, as in curl and pip 23.2 (requests
  // `select_proxy` tries `<scheme>` before `all`, read from urllib's getproxies) — review 14b #14.
  const all = pick(env, 'all_proxy');
  return {
    httpProxy: pick(env, 'http_proxy') ?? all,
    httpsProxy: pick(env, 'https_proxy') ?? all,
    noProxy: pick(env, 'no_proxy'),
  };
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** True when NO_PROXY exempts `url`. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    // An IPv4 network (requests' `is_valid_cidr`: inet_aton's forms, `127.1/32`, `010.0.0.0/8` is 8/8).
    const inNetwork = inIPv4Network(host, entry);
    if (inNetwork !== undefined) {
      if (inNetwork) return true;
      continue;
    }
    let entryPort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes(']') && (m[1] ?? '').split(':').length === 1) {
      entry = m[1] ?? '';
      entryPort = m[2];
    } else if (/^\[.*\]:(\d+)$/.test(entry)) {
      const mm = /^\[(.*)\]:(\d+)$/.exec(entry);
      entry = mm?.[1] ?? '';
      entryPort = mm?.[2];
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/** The proxy URL to use for `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, proxies: ProxyEnv): string | undefined {
  const proxy =
    url.protocol === 'https:' ? proxies.httpsProxy : url.protocol === 'http:' ? proxies.httpProxy : undefined;
  if (!proxy) return undefined;
  if (bypassesProxy(url, proxies.noProxy)) return undefined;
  return proxy;
}
