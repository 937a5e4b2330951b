/** pip-config.ts's file access on the real file system, for the shells. */
import { homedir as osHomedir } from 'node:os';
import { FlowInputError } from './flow-errors.js';
import type { PipConfigIo } from './pip-config.js';

/** The real file system, for the shells. */
export function fsPipConfigIo(
  env: Record<string, string | undefined>,
  isolated: boolean,
  fs: {
    readFile(path: string, enc: 'utf8'): Promise<string>;
    stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean; size: number }>;
  },
  homedir: string = osHomedir(),
): PipConfigIo {
  return {
    env,
    isolated,
    // pip finds the user files through os.path.expanduser('~'): HOME, else the password database
    // (os.homedir() answers the same) — never the working directory.
    homedir,
    readFile: async (path) => {
      try {
        const st = await fs.stat(path);
        if (st.isDirectory()) return undefined;
        // A FIFO or device would block or never end; pip.conf is a regular file (or a link to one).
        if (!st.isFile()) throw new FlowInputError(`${path}: pip configuration file is not a regular file`);
        // A configuration file is small; a huge one is refused rather than read.
        if (st.size > 1024 * 1024)
          throw new FlowInputError(`${path}: pip configuration file larger than 1 MiB`);
        return await fs.readFile(path, 'utf8');
      } catch (error) {
        if (error instanceof FlowInputError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        // Not there for pip either (its os.path.exists is false: a symlink loop, a name too long).
        if (
          code === 'ENOENT' ||
          code === 'ENOTDIR' ||
          code === 'EACCES' ||
          code === 'ELOOP' ||
          code === 'ENAMETOOLONG'
        )
          return undefined;
        // Never a raw internal error: the file is named (review 15a F19).
        throw new FlowInputError(`${path}: pip configuration file cannot be read: ${code ?? String(error)}`);
      }
    },
    exists: async (path) => {
      try {
        await fs.stat(path);
        return true;
      } catch {
        return false;
      }
    },
    isDirectory: async (path) => {
      try {
        return (await fs.stat(path)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
