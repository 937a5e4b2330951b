/**
 * A `file:` URL with a host (`file://server/share/…`) given as a find-links location or an index
 * (src/index/file-url-path.ts; review 14b #11): an input error naming the location, reported as
 * such by the CLI (exit 2, kind "input"), not Node's TypeError ("internal error"). pip 23.2 cannot
 * use such a URL on POSIX either ("non-local file URIs are not supported on this platform").
 */
import { describe, expect, it } from '@jest/globals';
import { createFindLinks } from '../../src/index/find-links.js';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { FileUrlError, filePathOfUrl } from '../../src/index/file-url-path.js';
import { describeFailure } from '../../src/flow/failure.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';

describe('a file: URL with a host', () => {
  it('find-links: an input error naming the location', async () => {
    const fl = createFindLinks({} as HttpClient, silentLogger, ['file://server/share/wheels/'], true);
    const error = await fl.filesFor(normalizeName('example')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileUrlError);
    expect((error as Error).message).toMatch(/file:\/\/server\/share\/wheels\/.*with a host/);
    expect(describeFailure(error)).toMatchObject({ exitCode: 2, kind: 'input' });
  });

  it('an index URL: the request fails with the same input error', async () => {
    const http = createHttpClient({ logger: silentLogger, env: {}, netrcPath: '/nonexistent', retries: 0 });
    try {
      const error = await http.request('file://server/simple/example/').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(describeFailure(error)).toMatchObject({ exitCode: 2, kind: 'input' });
      expect((error as Error).message).toContain('file://server/simple/example/');
    } finally {
      await http.close();
    }
  });

  it('a local file: URL is its path', () => {
    expect(filePathOfUrl('file:///tmp/wheels/')).toBe('/tmp/wheels/');
    expect(filePathOfUrl('file://localhost/tmp/x')).toBe('/tmp/x');
  });
});
