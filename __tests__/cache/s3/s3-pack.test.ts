/**
 * The pack format of an entry's small files (src/cache/s3/s3-pack.ts): what a pack reference from an
 * untrusted entry must satisfy, and that unpacking refuses every discrepancy (sizes, digests, a pack
 * that inflates past its members' total) before anything is used.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  buildPack,
  PACK_MAX_BYTES,
  packable,
  packRefProblem,
  unpack,
  type PackMember,
  type PackRef,
} from '../../../src/cache/s3/s3-pack.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const member = (name: string, data: Buffer): PackMember => ({ name, sha256: sha(data), data });

describe('s3 pack', () => {
  it('round-trips members in order, empty ones included; the reference names the compressed bytes', async () => {
    const members = [
      member('a/b.metadata', Buffer.from('Name: b\nVersion: 1\n')),
      member('empty', Buffer.alloc(0)),
      member('pages/x.json', Buffer.from(JSON.stringify({ files: Array(200).fill('x') }))),
    ];
    const { body, ref } = await buildPack(2, members);
    expect(ref).toMatchObject({ path: 2, sha256: sha(body), size: body.length, encoding: 'gzip' });
    expect(ref.files).toEqual(members.map((m) => [m.name, m.sha256, m.data.length]));
    expect(packRefProblem(ref, 3)).toBeUndefined();
    const out = await unpack(body, ref);
    expect(out.map((m) => [m.name, m.data.toString('utf8')])).toEqual(
      members.map((m) => [m.name, m.data.toString('utf8')]),
    );
  });

  it('packs small files, not wheels and not large files', () => {
    expect(packable('x.metadata', 10)).toBe(true);
    expect(packable('x.metadata', 256 * 1024)).toBe(true);
    expect(packable('x.metadata', 256 * 1024 + 1)).toBe(false);
    expect(packable('built/x-1.0-py3-none-any.whl', 10)).toBe(false);
  });

  it('refuses references an untrusted entry could hold', async () => {
    const { ref } = await buildPack(1, [member('m', Buffer.from('m'))]);
    const bad: [string, unknown, RegExp][] = [
      ['null', null, /not an object/],
      ['the wheelhouse', { ...ref, path: 0 }, /bad path 0/],
      ['no such path', { ...ref, path: 4 }, /bad path 4/],
      ['bad digest', { ...ref, sha256: 'ABC' }, /bad sha256/],
      ['huge', { ...ref, size: PACK_MAX_BYTES * 2 }, /bad size/],
      ['other encoding', { ...ref, encoding: 'br' }, /unknown encoding "br"/],
      ['escaping name', { ...ref, files: [['../x', ref.files[0]![1], 1]] }, /bad member name "..\/x"/],
      ['absolute name', { ...ref, files: [['/etc/x', ref.files[0]![1], 1]] }, /bad member name/],
      ['hidden name', { ...ref, files: [['.pack', ref.files[0]![1], 1]] }, /bad member name/],
      ['member digest', { ...ref, files: [['m', 'zz', 1]] }, /bad sha256 for m/],
      ['member size', { ...ref, files: [['m', ref.files[0]![1], -1]] }, /bad size for m/],
      [
        'members over the limit',
        {
          ...ref,
          files: [
            ['m', ref.files[0]![1], PACK_MAX_BYTES],
            ['n', ref.files[0]![1], 1],
          ],
        },
        /over the \d+ byte limit/,
      ],
      ['not a list', { ...ref, files: { m: 1 } }, /bad file list/],
    ];
    for (const [what, data, message] of bad) {
      expect([what, packRefProblem(data, 4)]).toEqual([what, expect.stringMatching(message)]);
    }
  });

  it('unpacking refuses a member with other bytes, a short pack, and a pack inflating past its total', async () => {
    const data = randomBytes(1000);
    const { body, ref } = await buildPack(1, [
      member('a', data.subarray(0, 500)),
      member('b', data.subarray(500)),
    ]);
    const swapped: PackRef = {
      ...ref,
      files: [
        ['a', ref.files[0]![1], 500],
        ['b', sha(Buffer.from('other')), 500],
      ],
    };
    await expect(unpack(body, swapped)).rejects.toThrow(/pack member b has sha256 [0-9a-f]{64}, not/);
    const short: PackRef = { ...ref, files: [...ref.files, ['c', sha(Buffer.alloc(1)), 1]] };
    await expect(unpack(body, short)).rejects.toThrow(/pack inflates to 1000 bytes, not 1001/);
    // A small body that inflates to far more than the listed total: refused while inflating.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    const bombRef: PackRef = { ...ref, sha256: sha(bomb), size: bomb.length, files: [['a', sha(data), 10]] };
    await expect(unpack(bomb, bombRef)).rejects.toThrow(/pack does not inflate to its 10 bytes/);
    await expect(unpack(randomBytes(64), ref)).rejects.toThrow(/pack does not inflate/);
  });
});
