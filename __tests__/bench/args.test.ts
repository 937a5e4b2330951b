import { describe, expect, it } from '@jest/globals';
import { BenchUsageError, parseBenchArgs, variantName } from '../../bench/harness/args.js';

describe('bench arguments', () => {
  it('defaults to the sweep with 25 ms, 40 MB/s and 3 repetitions', () => {
    const a = parseBenchArgs([]);
    expect(a.sweep).toBe(true);
    expect(a.writeDocs).toBe(true);
    expect(a.reps).toBe(3);
    expect(a.server).toEqual({
      latencyMs: 25,
      bandwidthBytesPerSec: 40e6,
      noPep658: false,
      noJson: false,
      noSuffixRanges: false,
    });
  });

  it('parses a single case with every server switch', () => {
    const a = parseBenchArgs([
      '--workload',
      'gen-web,real-ds',
      '--scenario=cold-fetch',
      '--latency-ms',
      '10',
      '--bandwidth-mbps',
      '2.5',
      '--no-pep658',
      '--no-json',
      '--no-suffix-ranges',
      '--reps',
      '5',
    ]);
    expect(a.sweep).toBe(false);
    expect(a.workloads).toEqual(['gen-web', 'real-ds']);
    expect(a.scenarios).toEqual(['cold-fetch']);
    expect(a.server).toEqual({
      latencyMs: 10,
      bandwidthBytesPerSec: 2.5e6,
      noPep658: true,
      noJson: true,
      noSuffixRanges: true,
    });
    expect(a.reps).toBe(5);
    expect(variantName(a.server)).toBe('no-pep658-no-json-no-suffix-10ms-2.5MBps');
  });

  it('names unlimited bandwidth', () => {
    expect(variantName(parseBenchArgs(['--bandwidth-mbps', '0']).server)).toBe('pep658-25ms-unlimited');
  });

  it('rejects unknown scenarios and options, and bad numbers, naming the input', () => {
    expect(() => parseBenchArgs(['--scenario', 'hot'])).toThrow(/unknown scenario "hot"/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--latency-ms', 'ten'])).toThrow(
      '--latency-ms needs a non-negative number, got "ten"',
    );
    expect(() => parseBenchArgs(['--reps'])).toThrow('--reps needs a value');
  });
});
