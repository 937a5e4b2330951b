/**
 * URL redaction: the only form of a URL that may reach logs, errors, reports, lock files or cache
 * keys. Userinfo becomes `***` (a username alone is a token for some indexes, so it goes too), and
 * query parameters whose names look like secrets (token, key, signature, password, …) get `***`.
 * Unparseable input is redacted with a regular expression over `scheme://userinfo@`.
 */

const SECRET_PARAM = /token|key|secret|sig|signature|password|passwd|pwd|auth|credential|session/i;

export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return redactUnparsed(String(url));
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
  }
  let changed = false;
  const params = new URLSearchParams(u.search);
  for (const name of [...new Set(params.keys())]) {
    if (SECRET_PARAM.test(name)) {
      params.set(name, '***');
      changed = true;
    }
  }
  if (changed) u.search = params.toString().replace(/%2A%2A%2A/g, '***');
  return u.toString();
}

function redactUnparsed(s: string): string {
  return s
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@')
    .replace(/([?&][^=&#]*(?:token|key|secret|sig|password|auth)[^=&#]*=)[^&#]*/gi, '$1***');
}

/**
 * Hides every `//userinfo@` of one value that may not even parse as a URL (a bad `--index-url`
 * shown back in an error): whatever stands between `//` and `@` becomes `***`, spaces included.
 */
export function maskUserinfo(value: string): string {
  return value.replace(/\/\/[^/@]*@/g, '//***@');
}

/** Replaces every URL-looking substring of a free text with its redacted form. */
export function redactText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (m) => redactUrl(m));
}
