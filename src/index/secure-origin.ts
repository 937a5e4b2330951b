/**
 * pip's secure origins (pip 23.2 / 26 `PipSession.is_secure_origin`, SECURE_ORIGINS in
 * network/session.py): https, file and ssh URLs, and any scheme on localhost, 127.0.0.0/8 and
 * ::1 — plus the hosts given with `--trusted-host host[:port]` (a host alone matches every port):
 * a requirements file's lines and pip's configuration (PIP_TRUSTED_HOST, pip.conf trusted-host).
 * pip ignores an index or find-links location outside them with the warning "The repository
 * located at <host> is not a trusted or secure host and is being ignored" (checked with pip 23.2
 * on this machine). wheelhouse still uses such a source, but says so (review 15a F18): the
 * warning names the redacted URL, and the build frontend's pip is given the host as trusted
 * (src/build/frontend-env.ts) so that both read the same sources.
 */
import { redactUrl } from './redact.js';

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether pip would read `url` as a source (see the module comment); a local path always. */
export function pipTrustsSource(url: string, trustedHosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  if (u.protocol !== 'http:') return true;
  if (isLoopback(u.hostname)) return true;
  const host = u.hostname.toLowerCase();
  const port = u.port === '' ? '80' : u.port;
  return trustedHosts.some((t) => {
    const trusted = t.trim().toLowerCase();
    if (trusted === host) return true;
    const colon = trusted.lastIndexOf(':');
    return colon > 0 && trusted.slice(0, colon) === host && trusted.slice(colon + 1) === port;
  });
}

/** One warning for each plain-http source pip would ignore. */
export function untrustedSourceWarnings(urls: readonly string[], trustedHosts: readonly string[]): string[] {
  const out: string[] = [];
  for (const url of new Set(urls)) {
    if (pipTrustsSource(url, trustedHosts)) continue;
    const host = new URL(url).host;
    out.push(
      `${redactUrl(url)}: plain http to a host that is neither local nor trusted — pip ignores such a source ("not a trusted or secure host") unless it trusts the host; wheelhouse reads it, unencrypted and unauthenticated: use https, or trust the host in a requirements file (--trusted-host ${host}) or in pip's configuration (PIP_TRUSTED_HOST, pip.conf trusted-host)`,
    );
  }
  return out;
}
