/**
 * The one redaction point with URLs whose authority is malformed (review 15a F5) and queries with
 * a bare token (review 15a F8): the password or token is registered as a secret of the run and
 * masked where the URL itself is shown.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  maskUserinfo,
  redactText,
  redactUrl,
  registerUrlCredentials,
  registerUrlSecrets,
  runSecrets,
} from '../../src/index/redact.js';

const PW = 'pw-Secret-93kq';
const TOKEN = 'tok93kqZZ7a';

afterEach(() => runSecrets.clear());

describe('malformed authority (review 15a F5)', () => {
  // One slash (WHATWG reads `https:/u:p@h` as `https://u:p@h`), none, backslashes, three slashes,
  // and a non-special scheme with one slash (parsed as a path, so no username to clear).
  const forms = [
    `https:/user:${PW}@host.example/simple`,
    `git+https:/user:${PW}@host.example/x.git`,
    `https:user:${PW}@host.example/simple`,
    `https:\\\\user:${PW}@host.example/simple`,
    `https:///user:${PW}@host.example/simple`,
  ];

  it.each(forms)('%s: the password is registered and masked everywhere', (url) => {
    expect(redactText(`index ${url} failed`)).not.toContain(PW);
    expect(redactUrl(url)).not.toContain(PW);
    expect(maskUserinfo(url)).not.toContain(PW);
    registerUrlSecrets(url);
    expect(redactText(`the server said: bad password ${PW}`)).toBe('the server said: bad password ***');
    runSecrets.clear();
    registerUrlCredentials(url);
    expect(runSecrets.snapshot()).toContain(PW);
  });

  it('one slash in text keeps the host readable', () => {
    expect(redactText(`see https:/user:${PW}@host.example/simple`)).toBe(
      'see https:/***@host.example/simple',
    );
  });
});

describe('bare query token (review 15a F8)', () => {
  it('?<token> is masked as a whole, named values as before; the token is registered', () => {
    const url = `https://host.example/simple/?${TOKEN}`;
    expect(redactUrl(url)).toBe('https://host.example/simple/?***');
    expect(redactUrl(`https://host.example/simple/?a=1&${TOKEN}&b=2`)).toBe(
      'https://host.example/simple/?a=***&b=***&***',
    );
    expect(redactText(`GET ${url} 404`)).toBe('GET https://host.example/simple/?*** 404');
    registerUrlSecrets(url);
    expect(redactText(`token ${TOKEN} expired`)).toBe('token *** expired');
  });

  it('unparseable URL text: a bare query token is masked too', () => {
    // A space in the host: not a URL, so the text treatment applies.
    expect(redactUrl(`https://bad host/simple?${TOKEN}&k=v`)).toBe('https://bad host/simple?***&k=***');
    registerUrlCredentials(`https://bad host/simple?${TOKEN}`);
    expect(runSecrets.snapshot()).toContain(TOKEN);
  });
});
