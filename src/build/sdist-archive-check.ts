/**
 * An sdist's tar members checked before any pip unpacks it (review 18a F13): pip before 25.3 (the
 * target interpreter's pip, whatever its age) follows a symbolic link member when it writes a later
 * member through it (CVE-2025-8869), so a hostile sdist could write outside the build directory
 * during a metadata preparation or a build. pip 26 refuses such archives (tarfile's `data` filter);
 * wheelhouse refuses them for every pip, reading the archive once, as a stream:
 *
 *   - a member name that is absolute or leaves the extraction directory (`..`);
 *   - a member whose path goes through a symbolic link member of the archive;
 *   - a symbolic link whose target is absolute or, resolved from the link's directory (through the
 *     archive's links seen so far), leaves the extraction directory; a hard link whose target does;
 *   - a character or block device or a FIFO (tarfile's `data` filter refuses them too);
 *   - a compression this reader cannot open (bzip2, xz): the archive cannot be checked.
 * A zip sdist is not read here: pip unpacks zips itself, refusing names outside the directory and
 * writing no links. A directory (a local project) is not an archive.
 *
 * Bounded: headers and pax / GNU long-name records (≤ MAX_NAME_RECORD each) are all that is kept,
 * member data is skipped; at most MAX_LINKS link members and MAX_UNCOMPRESSED uncompressed bytes.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { SdistBuildError } from './build-error.js';

const BLOCK = 512;
/** Largest pax extended header or GNU long name/link record read (real ones are a few hundred bytes). */
export const MAX_NAME_RECORD = 1024 * 1024;
/** Most uncompressed bytes read (a gzip bomb stops here, with an error naming the sdist). */
export const MAX_UNCOMPRESSED = 4 * 1024 * 1024 * 1024;
/** Most symbolic / hard link members remembered. */
export const MAX_LINKS = 100_000;

function field(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return (nul === -1 ? slice : slice.subarray(0, nul)).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number | undefined {
  const text = field(block, offset, length).trim();
  return /^[0-7]*$/.test(text) ? (text === '' ? 0 : parseInt(text, 8)) : undefined;
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === octal(block, 148, 8);
}

function paxValues(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString('latin1'));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) break;
    const record = data
      .subarray(space + 1, at + length)
      .toString('utf8')
      .replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq !== -1) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

/** How an archive is compressed, by its first bytes (undefined: not a tar this reader knows). */
async function kindOf(path: string): Promise<'gzip' | 'tar' | 'zip' | 'bzip2' | 'xz' | 'other'> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(BLOCK);
    const { bytesRead } = await handle.read(head, 0, BLOCK, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (bytesRead >= 4 && head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
    if (bytesRead >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
    if (bytesRead >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])))
      return 'xz';
    if (bytesRead === BLOCK && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    return 'other';
  } finally {
    await handle.close();
  }
}

/**
 * `parts` (relative to the extraction directory) resolved lexically through the archive's links so
 * far; undefined when it leaves the directory.
 */
function resolveInside(parts: string[], links: ReadonlyMap<string, string[]>): string[] | undefined {
  let stack: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return undefined;
      stack.pop();
      continue;
    }
    stack.push(part);
    const target = links.get(stack.join('/'));
    if (target !== undefined) stack = [...target];
  }
  return stack;
}

/**
 * Throws SdistBuildError (naming `label` and the member) unless every member of the sdist at
 * `path` stays inside the directory pip unpacks it to. A directory or a zip passes unread.
 */
export async function checkSdistArchive(
  path: string,
  label: string,
  limits: { maxUncompressed?: number } = {},
): Promise<void> {
  // A directory (a local project) is no archive; a missing path is pip's to report.
  if ((await stat(path).catch(() => undefined))?.isFile() !== true) return;
  const kind = await kindOf(path);
  const refuse = (why: string): never => {
    throw new SdistBuildError(label, 'target', `refused before any build: ${why}`);
  };
  if (kind === 'zip' || kind === 'other') return;
  if (kind === 'bzip2' || kind === 'xz')
    refuse(`a ${kind}-compressed tar, which wheelhouse cannot check for members outside the archive`);
  const maxScan = limits.maxUncompressed ?? MAX_UNCOMPRESSED;
  const file = createReadStream(path);
  const stream = kind === 'gzip' ? file.pipe(createGunzip()) : file;
  // Symbolic links by their path: the resolved target's parts; hard links only counted.
  const symlinks = new Map<string, string[]>();
  let linkCount = 0;
  let pending: Buffer = Buffer.alloc(0);
  let mode: 'header' | 'data' = 'header';
  let remaining = 0;
  let padding = 0;
  let collect: { kind: 'x' | 'L' | 'K'; chunks: Buffer[] } | undefined;
  let nextPath: string | undefined;
  let nextLink: string | undefined;
  let scanned = 0;

  const member = (name: string, type: string, linkname: string): void => {
    const shown = JSON.stringify(name);
    if (name.startsWith('/')) refuse(`member ${shown} has an absolute path`);
    const parts = name.split('/');
    // Lexically, with no link involved: leaving the directory is refused outright.
    if (resolveInside(parts, new Map()) === undefined)
      refuse(`member ${shown} is outside the archive's directory`);
    // Through a link member seen earlier: a write there would follow it.
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts
        .slice(0, i)
        .filter((p) => p !== '' && p !== '.')
        .join('/');
      if (symlinks.has(prefix))
        refuse(`member ${shown} goes through the symbolic link member ${JSON.stringify(prefix)}`);
    }
    if (type === '3' || type === '4' || type === '6') {
      const what = type === '6' ? 'a FIFO' : 'a device file';
      refuse(`member ${shown} is ${what}`);
    }
    if (type === '1' || type === '2') {
      if (++linkCount > MAX_LINKS) refuse(`more than ${MAX_LINKS} link members`);
      if (linkname.startsWith('/'))
        refuse(`member ${shown} is a link to an absolute path ${JSON.stringify(linkname)}`);
      // A symbolic link is relative to its own directory, a hard link to the archive's root.
      const base = type === '2' ? parts.slice(0, -1) : [];
      const resolved = resolveInside([...base, ...linkname.split('/')], symlinks);
      if (resolved === undefined)
        refuse(`member ${shown} is a link to ${JSON.stringify(linkname)}, outside the archive's directory`);
      if (type === '2') {
        const own = resolveInside(parts, new Map()) as string[];
        symlinks.set(own.join('/'), resolved as string[]);
      }
    }
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      scanned += chunk.length;
      if (scanned > maxScan) refuse(`over ${maxScan} bytes uncompressed; stopped reading`);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (mode === 'data') {
          const take = Math.min(remaining, pending.length);
          if (collect !== undefined && take > 0) collect.chunks.push(pending.subarray(0, take));
          pending = pending.subarray(take);
          remaining -= take;
          if (remaining > 0) break;
          const pad = Math.min(padding, pending.length);
          pending = pending.subarray(pad);
          padding -= pad;
          if (padding > 0) break;
          mode = 'header';
          if (collect !== undefined) {
            const data = Buffer.concat(collect.chunks);
            if (collect.kind === 'x') {
              const pax = paxValues(data);
              nextPath = pax.get('path') ?? nextPath;
              nextLink = pax.get('linkpath') ?? nextLink;
            } else if (collect.kind === 'L') nextPath = field(data, 0, data.length);
            else nextLink = field(data, 0, data.length);
            collect = undefined;
          }
        }
        if (pending.length < BLOCK) break;
        const header = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) return; // end of archive (what follows is not unpacked)
        if (!checksumOk(header)) refuse('a tar header with a bad checksum');
        const size = octal(header, 124, 12);
        if (size === undefined) refuse('a tar header with a bad size field');
        const type = String.fromCharCode(header[156] ?? 0x30);
        const prefix = field(header, 345, 155);
        const name = field(header, 0, 100);
        mode = 'data';
        remaining = size as number;
        padding = (BLOCK - ((size as number) % BLOCK)) % BLOCK;
        collect = undefined;
        if (type === 'x' || type === 'L' || type === 'K') {
          if ((size as number) > MAX_NAME_RECORD)
            refuse(`a tar name record of ${size} bytes, over the ${MAX_NAME_RECORD}-byte limit`);
          collect = { kind: type, chunks: [] };
          continue;
        }
        if (type === 'g') continue;
        const memberPath = (nextPath ?? (prefix !== '' ? `${prefix}/${name}` : name)).replace(/^(\.\/)+/, '');
        const linkname = nextLink ?? field(header, 157, 100);
        nextPath = undefined;
        nextLink = undefined;
        // Link members carry no data; their size field is ignored as tarfile ignores it.
        if (type === '1' || type === '2' || type === '3' || type === '4' || type === '5' || type === '6') {
          remaining = 0;
          padding = 0;
        }
        member(memberPath, type, linkname);
      }
    }
  } catch (error) {
    if (error instanceof SdistBuildError) throw error;
    refuse(`unreadable archive (${(error as Error).message})`);
  } finally {
    stream.destroy();
    file.destroy();
  }
}
