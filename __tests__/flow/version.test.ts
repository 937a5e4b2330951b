import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { GENERATED_BY, WHEELHOUSE_VERSION } from '../../src/flow/version.js';

describe('version', () => {
  it('equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(WHEELHOUSE_VERSION).toBe(pkg.version);
    expect(GENERATED_BY).toBe(`wheelhouse ${pkg.version}`);
  });
});
