/**
 * Files the user put in the wheelhouse (the claim's foreign names) under names of the resolution's
 * files, judged before the run changes the wheelhouse any further (no pruning, no download): the
 * resolution's bytes — a regular file, or a link to one (pip's --find-links reads through links)
 * — are used as they are; anything else is refused, naming each file and what it is (review 4 of
 * session 13: the refusal came after the prune, and a link to the very bytes was refused).
 */
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resolution } from '../provider/resolution.js';
import { fileSha256, type FileDigester } from '../util/file-sha256.js';
import { FlowInputError } from './flow-errors.js';

/** What is wrong with a foreign entry under a resolved name (undefined: it holds the bytes). */
async function conflict(path: string, sha256: string, digest: FileDigester): Promise<string | undefined> {
  const link = await lstat(path).catch(() => undefined);
  if (link === undefined) return undefined; // gone meanwhile: downloaded as any missing file
  const target = link.isSymbolicLink() ? await stat(path).catch(() => undefined) : link;
  if (target === undefined) return 'a link to nothing';
  if (!target.isFile())
    return link.isSymbolicLink() ? 'a link to something that is not a file' : 'not a file';
  // A regular file through the run's stamps (not read again while unchanged: review 5 of s13).
  const got = await (link.isSymbolicLink() ? fileSha256 : digest)(path).catch(() => undefined);
  if (got?.sha256 === sha256.toLowerCase()) return undefined;
  return link.isSymbolicLink() ? 'a link to other bytes' : 'other bytes';
}

export async function refuseForeignConflicts(
  dir: string,
  resolution: Resolution,
  foreign: ReadonlySet<string>,
  digest: FileDigester = fileSha256,
): Promise<void> {
  if (foreign.size === 0) return;
  const problems: string[] = [];
  for (const { file } of resolution.packages) {
    if (!foreign.has(file.filename)) continue;
    const what = await conflict(join(dir, file.filename), file.sha256, digest);
    if (what !== undefined) problems.push(`${file.filename} (${what})`);
  }
  if (problems.length > 0)
    throw new FlowInputError(
      `the wheelhouse ${dir} holds ${problems.join(', ')}, which wheelhouse did not write, under the name of a file of the resolution: it was left as it is (and nothing was downloaded or pruned); move it away or use another wheelhouse directory`,
    );
}
