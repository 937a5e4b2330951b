/**
 * One rename of placing (transaction.ts), which may cross file systems: rename(2), else (EXDEV) a
 * copy made beside the destination and renamed into place, in the order the journal's rules need.
 */
import { chmod, copyFile, cp, rm, stat } from 'node:fs/promises';
import { exdevCopyOf } from './journal.js';

export type Rename = (from: string, to: string) => Promise<void>;

/**
 * rename, falling back across file systems (EXDEV) to a copy beside the destination (a file with
 * its mode, or a whole directory; named by `exdevCopyOf`, so a repair finds one a killed run left)
 * renamed into place. Placing a staged path (`gone` given): the original is first renamed to
 * `gone()` (a fresh name in the staging directory), as the journal's rule "a staged path that is
 * gone was placed" must hold from the moment the destination appears — a run killed after the
 * copy's rename and before the original's removal otherwise left the copy placed after the
 * repair; should the copy's rename fail, the original is renamed back. Moving a file aside (no
 * `gone`: the original is in the environment, the copy in the staging directory): the original
 * is removed after the copy's rename; a run killed in between leaves the original where it was,
 * still with the identity the journal recorded (`asideIds`), and the repair drops the copy.
 */
export async function move(
  from: string,
  to: string,
  dir: boolean,
  gone: (() => Promise<string>) | undefined,
  ren: Rename,
  copied?: (tmp: string, aside: string) => Promise<void>,
): Promise<void> {
  try {
    await ren(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const tmp = exdevCopyOf(to);
    await rm(tmp, { recursive: true, force: true }); // a killed run's
    if (dir) await cp(from, tmp, { recursive: true, errorOnExist: true, force: false });
    else {
      await copyFile(from, tmp);
      await chmod(tmp, (await stat(from)).mode & 0o7777);
    }
    if (gone === undefined) {
      await ren(tmp, to);
      await rm(from, { force: true });
      return;
    }
    const aside = await gone();
    await copied?.(tmp, aside); // the copy's identities, before anything of it can be placed
    await ren(from, aside);
    try {
      await ren(tmp, to);
    } catch (renameError) {
      await ren(aside, from).catch(() => undefined);
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw renameError;
    }
    await rm(aside, { recursive: dir, force: true });
  }
}
