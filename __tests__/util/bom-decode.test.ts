/**
 * Inputs with a UTF-16/32 byte-order mark are decoded by it, as pip 23.2's auto_decode does for
 * requirements files (review 15c F9: a PowerShell `pip freeze > requirements.txt`, UTF-16LE with a
 * BOM, was refused line by line).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeByBom, InputDecodeError } from '../../src/util/bom-decode.js';
import { readTextBounded } from '../../src/util/bounded-read.js';
import { collectRequirementsFile } from '../../src/standards/requirements-file.js';

const text = 'requests==2.31.0\r\nidna==3.4 ; python_version > "3"\r\n# é\r\n';
const utf32 = (s: string, bigEndian: boolean): Buffer => {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (bigEndian ? b.writeUInt32BE(cp, i * 4) : b.writeUInt32LE(cp, i * 4)));
  return b;
};

describe('decodeByBom', () => {
  it.each<[string, Buffer]>([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-32BE', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(text, true)])],
    ['UTF-8', Buffer.from(text, 'utf8')],
  ])('reads %s', (_, bytes) => {
    expect(decodeByBom(bytes, 'r.txt')).toBe(text);
  });

  it('refuses a body that is not what its BOM says, naming the file', () => {
    expect(() => decodeByBom(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 'r.txt')).toThrow(
      InputDecodeError,
    );
    expect(() => decodeByBom(Buffer.from([0, 0, 0xfe, 0xff, 0, 0x11, 0, 0]), 'r.txt')).toThrow(
      'r.txt: not valid UTF-32',
    );
  });

  it('a UTF-16LE requirements file read from disk gives its requirements on their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bom-decode-'));
    try {
      const path = join(dir, 'requirements.txt');
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const { result, problems } = await collectRequirementsFile(path, {
        readFile: (p) => readTextBounded(p, p),
      });
      expect(problems).toEqual([]);
      expect(result.requirements.map((r) => [r.requirement.name, r.source.line])).toEqual([
        ['requests', 1],
        ['idna', 2],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('UTF-32 decoded in pieces (review 15e F9)', () => {
  it('a text longer than one piece, astral characters across the piece boundaries, reads back whole', () => {
    const text = Array.from({ length: 10_001 }, (_, i) =>
      i % 3 === 0 ? '\u{1F600}' : String.fromCharCode(97 + (i % 26)),
    ).join('');
    const cps = [...text].map((c) => c.codePointAt(0)!);
    const body = Buffer.alloc(4 + cps.length * 4);
    body.set([0x00, 0x00, 0xfe, 0xff]);
    cps.forEach((cp, i) => body.writeUInt32BE(cp, 4 + i * 4));
    expect(decodeByBom(body, 'big.txt')).toBe(text);
  });
});
