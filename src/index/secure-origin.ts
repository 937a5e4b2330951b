/**
 * pip's secure origins (pip 23.2 / 26 `PipSession.is_secure_origin`, SECURE_ORIGINS in
 * network/session.py): https, file and ssh URLs, and any scheme on localhost, 127.0.0.0/8 and
 * ::1 — plus the hosts given with `--trusted-host host[:port]` (a host alone matches every port):
 * the command line, a requirements file's lines and pip's configuration (PIP_TRUSTED_HOST,
 * pip.conf trusted-host). pip ignores an index or find-links location outside them with the
 * warning "The repository located at <host> is not a trusted or secure host and is being
 * ignored" and finds nothing there (checked with pip 23.2 on this machine; review 16b F3):
 * wheelhouse ignores it too (src/flow/prepare.ts), so a page and the sha256 it pins never come
 * over an unauthenticated connection the user did not ask for.
 *
 * Matching as pip does: the URL's host and explicit port as written (Python's urlparse: an
 * `http://h/` URL has no port, so `--trusted-host h:80` does not match it, `h:80/` does); IP
 * addresses compared as addresses (`::ffff:7f00:1` is `::ffff:127.0.0.1`; an IPv4 address is never
 * an IPv6 one, so `::ffff:127.0.0.1` is not loopback) in Python's `ipaddress` form (no leading
 * zeros, four decimal octets: `127.1` and `0x7f.0.0.1` are host names there, not loopback —
 * src/standards/ip-address.ts), other hosts as lower-case text.
 */
import { pythonIpAddress as ipAddress } from '../standards/ip-address.js';
import { redactUrl } from './redact.js';

/** Python's urlparse `hostname` (lower case, no brackets) and `port` of a netloc. */
function hostAndPort(netloc: string): { host: string; port: string | undefined } {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  let host: string;
  let port: string;
  if (hostinfo.startsWith('[')) {
    const close = hostinfo.indexOf(']');
    host = close < 0 ? hostinfo.slice(1) : hostinfo.slice(1, close);
    const rest = close < 0 ? '' : hostinfo.slice(close + 1);
    port = rest.startsWith(':') ? rest.slice(1) : '';
  } else {
    const colon = hostinfo.indexOf(':');
    host = colon < 0 ? hostinfo : hostinfo.slice(0, colon);
    port = colon < 0 ? '' : hostinfo.slice(colon + 1);
  }
  return { host: host.toLowerCase(), port: port === '' ? undefined : String(Number(port)) };
}

/**
 * A `--trusted-host` value as pip's `parse_netloc` reads it: `host`, `host:port`, `[v6]:port`, or a
 * bare IPv6 address (two colons or more, no `[`: pip brackets it). Undefined when it names no host.
 */
export function trustedOrigin(value: string): { host: string; port: string | undefined } | undefined {
  let netloc = value;
  if ((netloc.match(/:/g) ?? []).length >= 2 && !netloc.includes('@') && !netloc.includes('['))
    netloc = `[${netloc}]`;
  netloc = netloc.split(/[/?#]/)[0]!;
  const parsed = hostAndPort(netloc);
  return parsed.host === '' ? undefined : parsed;
}

function sameHost(origin: string, other: string): boolean {
  const a = ipAddress(origin);
  const b = ipAddress(other);
  if (a !== undefined && b !== undefined) return a.v === b.v && a.n === b.n;
  return origin === other;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const ip = ipAddress(host);
  return ip !== undefined && (ip.v === 4 ? ip.n >> 24n === 127n : ip.n === 1n);
}

/** Whether pip would read `url` as a source (see the module comment); a local path always. */
export function pipTrustsSource(url: string, trustedHosts: readonly string[]): boolean {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
  if (m === null) return true;
  if (m[1]!.toLowerCase().split('+').at(-1) !== 'http') return true;
  const origin = hostAndPort(m[2]!);
  if (isLoopback(origin.host)) return true;
  return trustedHosts.some((t) => {
    const trusted = trustedOrigin(t.trim());
    if (trusted === undefined || !sameHost(origin.host, trusted.host)) return false;
    return trusted.port === undefined || trusted.port === origin.port;
  });
}

export interface SourceSplit {
  kept: string[];
  /** The sources pip ignores, each with pip's warning (the URL redacted). */
  ignored: { url: string; warning: string }[];
}

/** The index / find-links URLs pip reads and those it ignores (plain http to an untrusted host). */
export function splitSources(urls: readonly string[], trustedHosts: readonly string[]): SourceSplit {
  const out: SourceSplit = { kept: [], ignored: [] };
  for (const url of urls) {
    if (pipTrustsSource(url, trustedHosts)) {
      out.kept.push(url);
      continue;
    }
    if (out.ignored.some((i) => i.url === url)) continue;
    const host = hostAndPort(/^[^:]+:\/\/([^/?#]*)/.exec(url)![1]!).host;
    out.ignored.push({
      url,
      warning: `${redactUrl(url)}: ignored, as pip does — the repository located at ${host} is not a trusted or secure host (plain http to a host that is neither local nor trusted); use https, or trust the host with --trusted-host ${host} (command line or a requirements file) or in pip's configuration (PIP_TRUSTED_HOST, pip.conf trusted-host)`,
    });
  }
  return out;
}
