/**
 * One step of following a redirect (RFC 9110 §15.4) for the HttpClient (http.ts): 301, 302, 303,
 * 307 and 308 with a `Location` are followed, to http(s) only; 303 turns the method into GET. URL
 * userinfo is kept only while the origin stays the same (an absolute same-origin Location gets it
 * back, as a relative one inherits it), so credentials never travel to another host.
 */
import { NetworkError } from './http-errors.js';
import { redactText, redactUrl } from './redact.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Whether a response with `status` and `location` is a redirect to follow. */
export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECTS.has(status) && location !== undefined;
}

/** Where the redirect from `current` to `location` leads (throws NetworkError when it cannot be followed). */
export function redirectTarget(method: string, current: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new NetworkError(method, redactUrl(current), `bad redirect location ${redactText(location)}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new NetworkError(method, redactUrl(current), `redirect to unsupported scheme ${next.protocol}`);
  }
  if (next.origin === current.origin) {
    // Relative Locations inherit userinfo already; absolute same-origin ones get it back.
    if (!next.username && !next.password) {
      next.username = current.username;
      next.password = current.password;
    }
  } else {
    next.username = '';
    next.password = '';
  }
  return next;
}
