/**
 * The DistFile of a `name @ url` requirement (src/provider/direct-url-file.ts `directUrlFile`):
 * its file name is the URL's last path segment unquoted as pip 23.2's `Link.filename` does
 * (urllib.parse.unquote) — a '%' that is no escape stays as written (review 14b #6: it was
 * "internal error: URI malformed").
 */
import { describe, expect, it } from '@jest/globals';
import { directUrlFile } from '../../src/provider/direct-url-file.js';
import { readRequirementInputs, RequirementInputError } from '../../src/provider/requirement-inputs.js';
import { normalizeName } from '../../src/standards/names.js';

describe('directUrlFile', () => {
  it('keeps a "%" that is no escape in the file name and decodes valid escapes', () => {
    const example = normalizeName('example');
    expect(
      directUrlFile(example, 'http://127.0.0.1:9/files/example-21.12%zz-py3-none-any.whl').filename,
    ).toBe('example-21.12%zz-py3-none-any.whl');
    expect(
      directUrlFile(example, 'http://127.0.0.1:9/files/example-1.0%2Bcpu-py3-none-any.whl').filename,
    ).toBe('example-1.0+cpu-py3-none-any.whl');
  });

  it("reads the fragment's digests as an index link's: every & part, every pip algorithm, a non-digest unmatchable (review 14d F7)", () => {
    const example = normalizeName('example');
    const url = (fragment: string): string =>
      `http://127.0.0.1:9/files/example-1.0-py3-none-any.whl#${fragment}`;
    const sha = 'ab'.repeat(32);
    expect(directUrlFile(example, url(`egg=example&sha256=${sha}`)).hashes).toEqual({ sha256: sha });
    expect(directUrlFile(example, url(`sha256=${sha}&subdirectory=x`)).hashes).toEqual({ sha256: sha });
    expect(directUrlFile(example, url(`md5=${'0'.repeat(32)}`)).hashes).toEqual({ md5: '0'.repeat(32) });
    for (const bad of ['sha256=abc', 'sha256=zz']) {
      const { sha256 } = directUrlFile(example, url(bad)).hashes;
      expect(sha256).toBeDefined();
      expect(sha256).not.toMatch(/^[0-9a-f]{64}$/); // kept, but no file can match it
    }
    expect(directUrlFile(example, url(`sha256=${sha}`)).url).not.toContain('#');
  });
});

// Review 15c F11: a URL the PEP 508 grammar takes but no URL parser does was a bare TypeError
// ("internal error: Invalid URL"); pip names the requirement and its line when it fails to parse.
describe('a direct URL with a typo', () => {
  it.each([
    'foo @ https://example.com:99999/foo-1.0-py3-none-any.whl',
    'foo @ https://ex%ample.com/foo-1.0-py3-none-any.whl',
    'foo @ http://[::1/foo-1.0-py3-none-any.whl',
  ])('%s is an input error naming req.txt:2', async (line) => {
    const io = { readFile: async () => `bar\n${line}\n` };
    const error = await readRequirementInputs(['req.txt'], [], io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequirementInputError);
    expect((error as Error).message).toMatch(/^req\.txt:2: foo @ .*: not a valid URL$/);
  });
});

// Review 15c F12: pip builds `name @ URL#subdirectory=dir` from that directory of the archive
// (PEP 610); wheelhouse builds an archive's root only, so the fragment is refused, never dropped.
describe('#subdirectory= of a direct archive', () => {
  it('is an input error naming the line and the fragment', async () => {
    const io = {
      readFile: async () => 'core @ https://example.com/monorepo.zip#sha256=00&subdirectory=libs/core\n',
    };
    const error = await readRequirementInputs(['req.txt'], [], io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequirementInputError);
    expect((error as Error).message).toContain('req.txt:1: core @ ');
    expect((error as Error).message).toContain('#subdirectory=libs/core is not supported');
  });
});

// Review 17c F1: the file of a direct URL becomes a file of the wheelhouse, and the cache restores
// only names wheelhouse writes there; one rule (dist-filename-check.ts directFileNameReason) decides
// both, so the input refuses a name the cache would refuse — a file Python reads from a directory on
// sys.path, a hidden name — where before only unsafe paths were refused.
describe('the file name of a direct URL', () => {
  it.each([
    ['x @ https://example.com/sitecustomize.py', '"sitecustomize.py"', 'not a wheel or archive name'],
    ['x @ https://example.com/evil.pth', '"evil.pth"', 'not a wheel or archive name'],
    ['x @ https://example.com/dl/.x-1.0.tar.gz', '".x-1.0.tar.gz"', 'hidden name'],
    ['x @ https://example.com/a%3Ab.tar.gz', '"a:b.tar.gz"', 'it contains ":"'],
  ])('%s is an input error', async (line, shown, reason) => {
    const io = { readFile: async () => `${line}\n` };
    const error = await readRequirementInputs(['req.txt'], [], io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequirementInputError);
    expect((error as Error).message).toContain(`req.txt:1: the file name ${shown}`);
    expect((error as Error).message).toContain(reason);
  });

  it('a name with a space, "~", "@" or a non-ASCII letter, or of an archive pip unpacks, is taken', async () => {
    const io = {
      readFile: async () =>
        'a @ https://example.com/my%20a-1.0.tar.gz\nb @ https://example.com/v1.0~rc1.tar.gz\nc @ https://example.com/c@1.zip\nd @ https://example.com/d-%C3%BC-1.0.tar.gz\ne @ https://example.com/e-1.0.tar.bz2\n',
    };
    const got = await readRequirementInputs(['req.txt'], [], io);
    expect([...got.directFiles.values()].map((f) => f.filename)).toEqual([
      'my a-1.0.tar.gz',
      'v1.0~rc1.tar.gz',
      'c@1.zip',
      'd-ü-1.0.tar.gz',
      'e-1.0.tar.bz2',
    ]);
  });
});
