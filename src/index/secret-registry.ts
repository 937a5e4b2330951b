/**
 * The run's registry of secret values (the one redaction point, redact.ts, masks them): values,
 * their encoded forms, and the credentials and path tokens of URLs the user gave.
 */
import { looksLikeToken } from './token-shape.js';

/** Values shorter than this are not masked by value (they would garble every line); URL structure still is. */
export const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** Query names of uv.lock git sources (`git+https://…?rev=…#<commit>`), which hold no secret. */
const LOCK_SOURCE_KEYS: ReadonlySet<string> = new Set(['branch', 'tag', 'rev', 'subdirectory']);

export class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly listeners = new Set<(value: string) => void>();
  private pattern: RegExp | undefined;

  /** Registers `value` (and its percent-encoded and -decoded forms) as a secret of the run. */
  add(value: string | undefined): void {
    if (value === undefined) return;
    const decoded = safeDecode(value);
    for (const form of new Set([value, decoded, encodeURIComponent(decoded)])) this.addExact(form);
  }

  /**
   * Registers the secret parts of a URL the user gave (index, find-links, direct URL): its
   * credentials (`addCredentialsFromUrl`) and every token-looking path segment.
   */
  addFromUrl(text: string): void {
    const u = this.addCredentials(text);
    // The path of `scheme://authority/path` that did not parse (a bad port, a space) is read as
    // a parsed one's would be (review 3 s12).
    const path =
      u !== undefined ? u.pathname : /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(text.trim())?.[1];
    // Local paths (`file:`) hold directory names, not tokens.
    if (path === undefined || /^file:/i.test(text.trim())) return;
    for (const segment of path.split('/')) {
      const decoded = safeDecode(segment);
      if (looksLikeToken(decoded)) this.add(decoded);
    }
  }

  /**
   * Registers a URL's credentials only: the password (or a username standing alone: a token for
   * some indexes) and every query value — not its path, for URLs of which there are many and whose
   * paths are public (a lock's file URLs: `…/packages/d9/5a/<hash>/…` would look like tokens). A
   * value that does not parse as a URL is read as `[scheme://]user:password@host…`.
   */
  addCredentialsFromUrl(text: string): void {
    // A lock's git sources name their branch, tag or commit in the query (uv: `?rev=…`): public,
    // and masking them would hide words such as `main` in every line of the job (review 4 s12).
    this.addCredentials(text, LOCK_SOURCE_KEYS);
  }

  /**
   * `addCredentialsFromUrl` (query values of the names in `keep` excepted); answers the URL when
   * `text` parses as one with a scheme.
   */
  private addCredentials(text: string, keep: ReadonlySet<string> = NO_NAMES): URL | undefined {
    let u: URL | undefined;
    try {
      u = new URL(text);
    } catch {
      u = undefined;
    }
    if (u === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      // Any number of slashes (or backslashes) after the scheme: `https:/user:pw@host` is an
      // authority to WHATWG parsers and must not leak its password (review 15a F5).
      const m = /^(?:[a-z][a-z0-9+.-]*:[/\\]*)?([^/\\@\s]*)@/i.exec(text.trim());
      if (m !== null) {
        const userinfo = m[1] as string;
        const colon = userinfo.indexOf(':');
        this.add(colon >= 0 ? userinfo.slice(colon + 1) : userinfo);
      }
      for (const [, name, value] of text.matchAll(/[?&]([^=&#\s?]*)=([^&#\s]*)/g))
        if (!keep.has(name as string)) this.add(value);
      // A bare query item (`?<token>`, no `=`) is a value too (review 15a F8).
      for (const [, item] of text.matchAll(/[?&]([^=&#\s?]+)(?=[&#\s]|$)/g)) this.add(item);
      return undefined;
    }
    if (u.password !== '') this.add(u.password);
    else this.add(u.username);
    for (const [name, value] of new URLSearchParams(u.search)) if (!keep.has(name)) this.add(value);
    for (const item of bareQueryItems(u.search)) this.add(item);
    return u;
  }

  /**
   * Calls `listener` for every registered form, now and whenever one is added (the action passes
   * `core.setSecret`). Returns the unsubscribe function.
   */
  onAdd(listener: (value: string) => void): () => void {
    for (const value of this.values) listener(value);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every registered value in `text` → `***` (longest first, so no part of a longer one survives). */
  mask(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, MASK);
  }

  /** Every registered form, now. */
  snapshot(): string[] {
    return [...this.values];
  }

  /**
   * Registers `value` exactly as given (no decoded or encoded forms), e.g. another writer's
   * spelling of a registered secret; false when it was already registered or too short.
   */
  addExact(value: string): boolean {
    if (value.length < MIN_SECRET_LENGTH || this.values.has(value)) return false;
    this.values.add(value);
    this.pattern = undefined;
    for (const listener of this.listeners) listener(value);
    return true;
  }

  /** Whether `text` holds a registered value. */
  includes(text: string): boolean {
    return this.mask(text) !== text;
  }

  /** Forgets every value (tests; a new run in the same process). Listeners stay. */
  clear(): void {
    this.values.clear();
    this.pattern = undefined;
  }
}

/** The items of a URL's query (`?a=1&tok&b=2`) that have no `=`: a bare token, as the whole item. */
export function bareQueryItems(search: string): string[] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((item) => item !== '' && !item.includes('='));
}
