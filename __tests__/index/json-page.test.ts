import { describe, expect, it } from '@jest/globals';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import { ProjectPageError } from '../../src/index/project-page-error.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';

const demo = 'demo' as NormalizedName;
const H = 'c'.repeat(64);
const url = 'https://idx.example/simple/demo/';

function page(files: unknown[], meta: unknown = { 'api-version': '1.1' }, name = 'Demo') {
  return JSON.stringify({ meta, name, files });
}

describe('parseJsonProjectPage', () => {
  it('reads hashes, requires-python, yanked bool/string, size, upload-time and resolves URLs', () => {
    const p = parseJsonProjectPage(
      page([
        {
          filename: 'demo-1.0-py3-none-any.whl',
          url: '../../files/demo-1.0-py3-none-any.whl',
          hashes: { sha256: H.toUpperCase(), bogus: 'x' },
          'requires-python': '>=3.8',
          yanked: false,
          size: 1234,
          'upload-time': '2024-01-02T03:04:05.000000Z',
        },
        {
          filename: 'demo-0.9.tar.gz',
          url: 'https://cdn.example/demo-0.9.tar.gz',
          hashes: {},
          yanked: 'bad build',
        },
        { filename: 'demo-0.8.tar.gz', url: '/f/demo-0.8.tar.gz', hashes: {}, yanked: true, size: -1 },
      ]),
      url,
      demo,
    );
    expect(p.files).toEqual([
      {
        project: demo,
        filename: 'demo-1.0-py3-none-any.whl',
        url: 'https://idx.example/files/demo-1.0-py3-none-any.whl',
        redactedUrl: 'https://idx.example/files/demo-1.0-py3-none-any.whl',
        hashes: { sha256: H },
        requiresPython: '>=3.8',
        yanked: false,
        coreMetadata: false,
        size: 1234,
        uploadTime: '2024-01-02T03:04:05.000000Z',
        source: url,
      },
      expect.objectContaining({ url: 'https://cdn.example/demo-0.9.tar.gz', yanked: 'bad build' }),
      expect.objectContaining({ url: 'https://idx.example/f/demo-0.8.tar.gz', yanked: true }),
    ]);
    expect(p.files[2]!.size).toBeUndefined();
  });

  it('reads core-metadata and the legacy dist-info-metadata (PEP 714), preferring the new key', () => {
    const f = (extra: object) => ({ filename: 'demo-1.tar.gz', url: 'demo-1.tar.gz', hashes: {}, ...extra });
    const p = parseJsonProjectPage(
      page([
        f({ 'core-metadata': { sha256: H } }),
        f({ 'dist-info-metadata': { sha256: H } }),
        f({ 'dist-info-metadata': true }),
        f({ 'core-metadata': false, 'dist-info-metadata': { sha256: H } }),
        f({}),
      ]),
      url,
      demo,
    );
    expect(p.files.map((x) => x.coreMetadata)).toEqual([{ sha256: H }, { sha256: H }, {}, false, false]);
  });

  it('rejects a major api-version other than 1 and warns on a newer minor', () => {
    expect(() => parseJsonProjectPage(page([], { 'api-version': '2.0' }), url, demo)).toThrow(
      /unusable project page https:\/\/idx.example\/simple\/demo\/: unsupported api-version 2.0/,
    );
    expect(() => parseJsonProjectPage(page([], {}), url, demo)).toThrow(ProjectPageError);
    const logger = new RecordingLogger();
    parseJsonProjectPage(page([], { 'api-version': '1.4' }), url, demo, logger);
    expect(logger.text()).toContain('api-version 1.4');
  });

  it('rejects malformed documents naming the failing part', () => {
    expect(() => parseJsonProjectPage('{nope', url, demo)).toThrow(/invalid JSON/);
    // An entry lacking a url is skipped, not the page (review 14b #12; below).
    expect(parseJsonProjectPage(page([{ filename: 'x' }]), url, demo).files).toEqual([]);
    expect(() => parseJsonProjectPage(page([], undefined, 'other'), url, demo)).toThrow(/"other"/);
  });
});

// Review 14b #12: an entry with an unusable or missing url is skipped with one warning, not the
// page (pip 23.2 `Link.from_json` returns None for an entry without "url" and keeps an unusual
// URL's link; html-page.ts skips an unusable href) — the project's good files stay usable.
describe('parseJsonProjectPage: entries without a usable url', () => {
  it('skips them with one warning and keeps the other files', () => {
    const good = {
      filename: 'demo-2.0-py3-none-any.whl',
      url: '/f/demo-2.0-py3-none-any.whl',
      hashes: { sha256: H },
    };
    const text = page([
      { filename: 'demo-0.1.tar.gz', url: 'ftp://files.example/demo-0.1.tar.gz', hashes: {} },
      { filename: 'demo-0.2.tar.gz', url: 'https://files exa mple/demo-0.2.tar.gz', hashes: {} },
      { filename: 'demo-0.3.tar.gz', hashes: {} },
      good,
    ]);
    const logger = new RecordingLogger();
    const p = parseJsonProjectPage(text, url, demo, logger);
    expect(p.files.map((f) => f.filename)).toEqual(['demo-2.0-py3-none-any.whl']);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /3 file entries skipped \(files\[0\]\.url "ftp:\/\/files\.example\/demo-0\.1\.tar\.gz" is unusable, …\)/,
    );
  });
});

// Review 14b #8: values of the page quoted in its errors are cut to 200 characters (with their
// length), as refused link names are (dist-filename-check.ts) — a hostile page's megabytes never
// make the run's error, log line and annotation.
describe('parseJsonProjectPage: page values in errors', () => {
  const big = 'y'.repeat(1024 * 1024);
  it.each([
    ['name', page([], { 'api-version': '1.1' }, big)],
    ['api-version', page([], { 'api-version': big })],
    ['api-version major', page([], { 'api-version': `${'9'.repeat(100000)}.0` })],
  ])('%s: quoted up to 200 characters', (_what, text) => {
    let message = '';
    try {
      parseJsonProjectPage(text, url, demo);
    } catch (e) {
      expect(e).toBeInstanceOf(ProjectPageError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/… \(\d+ characters\)/);
    expect(message.length).toBeLessThan(400);
  });
});
