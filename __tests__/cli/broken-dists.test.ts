/**
 * A broken distribution on the index is a problem of that file, not of wheelhouse (issue 10 §4):
 * truncated archive, CRC mismatch, METADATA naming another project, two METADATA files, an
 * unsupported compression method, a PEP 658 `.metadata` whose hash differs from the index's. Each
 * is reported once with the file name, its redacted URL and the reason, the file is treated as
 * unusable and the next candidate is used (pip skips a bad link the same way); never "internal error".
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer, type ServedFile } from '../helpers/index-server.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  server.setModes({ wrongMetadataHash: false });
  work = await mkdtemp(join(tmpdir(), 'wh-broken-'));
  await writeFile(join(work, 'requirements.txt'), 'demo\n');
});

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

/** Sets the compression method of every `*.dist-info/METADATA` member (local and central headers). */
function withMethod(wheel: BuiltWheel, method: number): Uint8Array {
  const bytes = Buffer.from(wheel.bytes);
  const meta = wheel.layout.find((e) => e.path.endsWith('.dist-info/METADATA'))!;
  bytes.writeUInt16LE(method, meta.localHeaderOffset + 8);
  for (let at = wheel.centralDirectoryOffset; bytes.readUInt32LE(at) === 0x02014b50;) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name.endsWith('.dist-info/METADATA')) bytes.writeUInt16LE(method, at + 10);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return new Uint8Array(bytes);
}

const good = buildWheel({ name: 'demo', version: '1.0' });
const BAD = 'demo-2.0-py3-none-any.whl';

const cases: [string, () => ServedFile, RegExp][] = [
  [
    'a truncated archive',
    () => {
      const w = buildWheel({ name: 'demo', version: '2.0' });
      return { filename: BAD, bytes: w.bytes.subarray(0, w.bytes.length - 30) };
    },
    /zip|central directory|end of central/i,
  ],
  [
    'a CRC mismatch in METADATA',
    () => ({ filename: BAD, bytes: buildWheel({ name: 'demo', version: '2.0', badCrc: true }).bytes }),
    /crc/i,
  ],
  [
    'METADATA naming another project',
    () => ({
      filename: BAD,
      bytes: buildWheel({
        name: 'demo',
        version: '2.0',
        metadataBytes: new TextEncoder().encode('Metadata-Version: 2.1\nName: other\nVersion: 2.0\n'),
      }).bytes,
    }),
    /name/i,
  ],
  [
    'two METADATA files',
    () => ({
      filename: BAD,
      bytes: buildWheel({
        name: 'demo',
        version: '2.0',
        files: [{ path: 'demo_extra-2.0.dist-info/METADATA', text: 'Name: demo\nVersion: 2.0\n' }],
      }).bytes,
    }),
    /metadata/i,
  ],
  [
    'an unsupported compression method',
    () => ({ filename: BAD, bytes: withMethod(buildWheel({ name: 'demo', version: '2.0' }), 12) }),
    /compression|method/i,
  ],
];

describe('a broken newest wheel: reported as that file, the next candidate is used', () => {
  it.each(cases)('%s', async (_name, bad, reason) => {
    server.setProjects([
      {
        name: 'demo',
        files: [{ filename: good.filename, bytes: good.bytes }, bad()],
      },
    ]);
    const r = await runCliCaptured(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET], {
      env: { HOME: work },
      cwd: work,
    });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^demo==1\.0 \\$/m);
    const warning = r.stderr.split('\n').filter((l) => l.includes(BAD));
    expect(warning.length).toBeGreaterThan(0);
    expect(warning.join('\n')).toContain(`${server.origin}/files/${BAD}`);
    expect(warning.join('\n')).toMatch(reason);
  });

  it('a .metadata file whose sha256 differs from the index', async () => {
    const newer = buildWheel({ name: 'demo', version: '2.0' });
    server.setProjects([
      {
        name: 'demo',
        files: [
          { filename: good.filename, bytes: good.bytes },
          { filename: newer.filename, bytes: newer.bytes, metadata: newer.metadata },
        ],
      },
    ]);
    server.setModes({ wrongMetadataHash: true });
    const r = await runCliCaptured(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET], {
      env: { HOME: work },
      cwd: work,
    });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${BAD}.metadata`);
    expect(r.stderr).toMatch(/sha256/);
  });
});
