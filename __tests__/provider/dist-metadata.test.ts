import { describe, expect, it } from '@jest/globals';
import { parseDistMetadata } from '../../src/provider/dist-metadata.js';
import { parseMetadata } from '../../src/standards/metadata.js';
import { RecordingLogger } from '../../src/util/logger.js';

const text = (requires: string[]): string =>
  ['Metadata-Version: 2.1', 'Name: pkg', 'Version: 1.0', ...requires.map((r) => `Requires-Dist: ${r}`)]
    .join('\n')
    .concat('\n');

describe('parseDistMetadata', () => {
  it('reads Requires-Dist, Requires-Python and extras from bytes, text or a parse', () => {
    const source = text(['dep>=1; python_version >= "3.8"', 'other[x]']) + 'Provides-Extra: Fast_Path\n';
    const fromText = parseDistMetadata(source, 'pkg-1.0.whl', new RecordingLogger());
    expect(fromText.requiresDist.map((d) => [d.text, d.requirement.name])).toEqual([
      ['dep>=1; python_version >= "3.8"', 'dep'],
      ['other[x]', 'other'],
    ]);
    expect(fromText.providesExtra).toEqual(['fast-path']);
    const parsed = parseMetadata(source).metadata;
    expect(parseDistMetadata(parsed, 'pkg-1.0.whl', new RecordingLogger())).toEqual(fromText);
    expect(parseDistMetadata(new TextEncoder().encode(source), 'pkg-1.0.whl', new RecordingLogger())).toEqual(
      fromText,
    );
  });

  it('reads one parsed file once (the walk and the resolution share it)', () => {
    const parsed = parseMetadata(text(['dep>=1'])).metadata;
    const first = parseDistMetadata(parsed, 'pkg-1.0.whl', new RecordingLogger());
    expect(parseDistMetadata(parsed, 'pkg-1.0.whl', new RecordingLogger())).toBe(first);
    // Another parse of the same text is another file read: read again.
    const again = parseMetadata(text(['dep>=1'])).metadata;
    expect(parseDistMetadata(again, 'pkg-1.0.whl', new RecordingLogger())).not.toBe(first);
  });

  it('warns about five invalid lines, each quoted in part, and counts the rest (review 3 s12)', () => {
    const long = `x${';'.repeat(100_000)}`;
    const parsed = parseMetadata(text(['dep>=1', ...Array.from({ length: 2000 }, () => long)])).metadata;
    const logger = new RecordingLogger();
    const read = parseDistMetadata(parsed, 'pkg-1.0.whl', logger);
    expect(read.requiresDist.map((d) => d.text)).toEqual(['dep>=1']);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(6);
    for (const w of warnings.slice(0, 5)) expect(w.length).toBeLessThan(800);
    expect(warnings[0]).toContain('(100003 characters)');
    expect(warnings[5]).toBe('pkg-1.0.whl: ignoring 1995 more invalid Requires-Dist line(s)');
  });

  it('warns about an invalid line on every read, through each caller’s logger', () => {
    const parsed = parseMetadata(text(['dep>=1', 'not a requirement !!'])).metadata;
    const loggers = [new RecordingLogger(), new RecordingLogger()];
    const reads = loggers.map((l) => parseDistMetadata(parsed, 'pkg-1.0.whl', l));
    for (const logger of loggers) {
      const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('ignoring invalid Requires-Dist "not a requirement !!"');
    }
    expect(reads.map((r) => r.requiresDist.map((d) => d.text))).toEqual([['dep>=1'], ['dep>=1']]);
  });
});
