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
    expect(() => parseJsonProjectPage(page([{ filename: 'x' }]), url, demo)).toThrow(/files\[0\] lacks/);
    expect(() => parseJsonProjectPage(page([], undefined, 'other'), url, demo)).toThrow(/"other"/);
  });
});
