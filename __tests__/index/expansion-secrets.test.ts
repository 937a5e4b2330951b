import { afterEach, describe, expect, it } from '@jest/globals';
import { publicUrl, redactText, registerExpansion, runSecrets } from '../../src/index/redact.js';
import { expand } from '../../src/standards/requirements-file-variables.js';

/** Expands `line` as the requirement-file parser does, registering as requirement-inputs.ts does. */
function expandLine(line: string, env: Record<string, string>): string {
  return expand(line, env, (value, where) => registerExpansion(value, where)).text;
}

describe('${VAR} expansions: secret by position (review 18b F12)', () => {
  afterEach(() => runSecrets.clear());

  it('a version or a name from a variable stays in written URLs and logs', () => {
    expect(expandLine('zeta==${ZETA_VERSION}', { ZETA_VERSION: '2.31.0' })).toBe('zeta==2.31.0');
    expect(expandLine('${NAME}>=1.0', { NAME: 'alpha' })).toBe('alpha>=1.0');
    const url = 'http://127.0.0.1:1/files/zeta-2.31.0-py3-none-any.whl';
    expect(publicUrl(url)).toBe(url);
    expect(redactText('GET http://127.0.0.1:1/simple/alpha/')).toBe('GET http://127.0.0.1:1/simple/alpha/');
  });

  it('a local find-links directory and a direct URL file name stay', () => {
    expandLine('-f ${WHEELS_DIR}', { WHEELS_DIR: '/home/runner/work/wheels' });
    expandLine('zeta @ https://files.example/dl/zeta-${V}-py3-none-any.whl', { V: '2.31.0' });
    expandLine('-f file://${WHEELS_DIR}/more', { WHEELS_DIR: '/home/runner/work/wheels' });
    expect(publicUrl('file:///home/runner/work/wheels/gamma-1.0-py3-none-any.whl')).toBe(
      'file:///home/runner/work/wheels/gamma-1.0-py3-none-any.whl',
    );
    expect(publicUrl('https://files.example/dl/zeta-2.31.0-py3-none-any.whl')).toBe(
      'https://files.example/dl/zeta-2.31.0-py3-none-any.whl',
    );
  });

  it('a password, a lone username, a query value and a path token from a variable are secrets', () => {
    expandLine('-i https://user:${PW}@pypi.corp.example/simple/', { PW: 'pw-Hunter22' });
    expandLine('--extra-index-url https://${TOKEN}@pypi.fury.example/simple/', { TOKEN: 'lonetoken' });
    expandLine('-f https://h.example/wheels/?sig=${SIG}', { SIG: 'sigvalue99' });
    expandLine('-i https://h.example/${PATH_TOKEN}/simple/', { PATH_TOKEN: 'QuietLettersOnlyToken' });
    expandLine('alpha --config-settings key=${BUILD_TOKEN}', { BUILD_TOKEN: 'buildtok55' });
    expandLine('-i user:${BARE_PW}@pypi.corp.example/simple', { BARE_PW: 'barepw77' });
    for (const secret of [
      'pw-Hunter22',
      'lonetoken',
      'sigvalue99',
      'QuietLettersOnlyToken',
      'buildtok55',
      'barepw77',
    ])
      expect(runSecrets.includes(secret)).toBe(true);
    expect(runSecrets.includes('user')).toBe(false);
  });

  it('a whole index URL from a variable gives its secret parts, not its host and layout', () => {
    expandLine('--index-url ${PRIVATE_INDEX}', {
      PRIVATE_INDEX: 'https://u:pw-Secret9@pypi.corp.example/QuietLettersOnlyToken/simple/?t=qv-1234',
    });
    expect(runSecrets.includes('pw-Secret9')).toBe(true);
    expect(runSecrets.includes('QuietLettersOnlyToken')).toBe(true);
    expect(runSecrets.includes('qv-1234')).toBe(true);
    // A file URL under that index: the token masked (documented), host, layout and file name kept.
    expect(publicUrl('https://pypi.corp.example/QuietLettersOnlyToken/files/a-1.0-py3-none-any.whl')).toBe(
      'https://pypi.corp.example/***/files/a-1.0-py3-none-any.whl',
    );
    expect(publicUrl('https://pypi.corp.example/simple/a/a-1.0-py3-none-any.whl')).toBe(
      'https://pypi.corp.example/simple/a/a-1.0-py3-none-any.whl',
    );
  });
});
