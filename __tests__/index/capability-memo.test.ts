import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapabilityMemo } from '../../src/index/capability-memo.js';
import { parseContentRange } from '../../src/index/lazy-wheel.js';

describe('CapabilityMemo', () => {
  it('keys hosts without userinfo and merges facts', () => {
    expect(CapabilityMemo.hostOf('https://user:pw@Files.Example.org:8443/a.whl')).toBe(
      'files.example.org:8443',
    );
    const memo = new CapabilityMemo();
    memo.record('h', { suffix: false }, 'HTTP 501 to a suffix range');
    memo.record('h', { head: false });
    expect(memo.get('h')).toEqual({ suffix: false, head: false, reason: 'HTTP 501 to a suffix range' });
    expect(memo.get('other')).toEqual({});
  });

  it('round-trips through a JSON file and ignores junk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-memo-'));
    const memo = new CapabilityMemo();
    memo.record('b.example', { ranges: false }, 'ignores Range');
    memo.record('a.example', { suffix: false });
    await memo.save(join(dir, 'sub', 'memo.json'));
    const loaded = await CapabilityMemo.load(join(dir, 'sub', 'memo.json'));
    expect(loaded.toJSON()).toEqual(memo.toJSON());
    expect(Object.keys(JSON.parse(await readFile(join(dir, 'sub', 'memo.json'), 'utf8')).hosts)).toEqual([
      'a.example',
      'b.example',
    ]);
    await writeFile(
      join(dir, 'bad.json'),
      '{"version":1,"hosts":{"x":{"ranges":"yes","head":false},"y":null}}',
    );
    expect((await CapabilityMemo.load(join(dir, 'bad.json'))).toJSON()).toEqual({
      version: 1,
      hosts: { x: { head: false } },
    });
    expect((await CapabilityMemo.load(join(dir, 'missing.json'))).toJSON()).toEqual({
      version: 1,
      hosts: {},
    });
  });
});

describe('parseContentRange (RFC 9110 §14.4)', () => {
  it.each([
    ['bytes 0-99/1000', { start: 0, end: 99, total: 1000 }],
    ['bytes 10-19/*', { start: 10, end: 19 }],
    ['BYTES 5-5/6', { start: 5, end: 5, total: 6 }],
  ])('%s', (value, parsed) => expect(parseContentRange(value)).toEqual(parsed));
  it.each([undefined, 'bytes */1000', 'bytes 9-3/10', 'items 0-1/2', 'bytes 0-1'])('rejects %s', (value) =>
    expect(parseContentRange(value)).toBeUndefined(),
  );
});
