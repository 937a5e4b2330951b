/**
 * Review 17b (noted for the lead): credentials from netrc and from the WHEELHOUSE_INDEX_<NAME>_ /
 * WHEELHOUSE_HTTP_<HOST>_ variables were never registered with the run's one redaction point, so a
 * future writer of an error or log line holding one would print it. Once looked up for a request,
 * each is masked by redactText (what every writer of a message uses), whatever the line.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { findCredentials } from '../../src/index/credentials.js';
import { parseNetrc } from '../../src/index/netrc.js';
import { MASK, redactText } from '../../src/index/redact.js';

/** A secret no other test registers: letters and digits, as a random token. */
const secret = (): string => `s${randomBytes(12).toString('hex')}`;
const line = (value: string): string =>
  `error: the index answered 401 for a request sent with ${value} (retrying)`;

describe('credentials are registered with the redaction point where they are read', () => {
  it('a named index variable password', () => {
    const password = secret();
    expect(redactText(line(password))).toContain(password);
    const c = findCredentials(new URL('https://idx.example/simple/a/'), {
      env: { WHEELHOUSE_INDEX_CORP_USERNAME: 'ci', WHEELHOUSE_INDEX_CORP_PASSWORD: password },
      namedIndexes: [{ name: 'corp', url: 'https://idx.example/simple/' }],
    });
    expect(c?.password).toBe(password);
    expect(redactText(line(password))).toBe(line(MASK));
  });

  it('a host variable password, and a token given as the user name without a password', () => {
    const password = secret();
    expect(
      findCredentials(new URL('https://files.example/a.whl'), {
        env: {
          WHEELHOUSE_HTTP_FILES_EXAMPLE_USERNAME: 'ci',
          WHEELHOUSE_HTTP_FILES_EXAMPLE_PASSWORD: password,
        },
      })?.password,
    ).toBe(password);
    expect(redactText(line(password))).toBe(line(MASK));
    const token = secret();
    expect(
      findCredentials(new URL('https://tok.example/a.whl'), {
        env: { WHEELHOUSE_HTTP_TOK_EXAMPLE_USERNAME: token },
      })?.username,
    ).toBe(token);
    expect(redactText(line(token))).toBe(line(MASK));
  });

  it('a netrc password', () => {
    const password = secret();
    const netrc = parseNetrc(`machine netrc.example login ci password ${password}\n`);
    expect(redactText(line(password))).toContain(password);
    expect(findCredentials(new URL('https://netrc.example/simple/'), { env: {}, netrc })?.password).toBe(
      password,
    );
    expect(redactText(line(password))).toBe(line(MASK));
  });
});
