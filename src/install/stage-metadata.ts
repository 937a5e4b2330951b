/**
 * The files an install generates for one distribution, staged beside its members (issue 9 §2):
 * console/gui launchers (pip's ScriptMaker: POSIX text launchers, or on Windows `.exe` launchers
 * made by the target's own distlib), INSTALLER, direct_url.json (PEP 610), REQUESTED, and the
 * installed RECORD as pip's `get_csv_rows_for_installed` builds it ("Recording installed
 * projects": every installed file with its hash and size, RECORD itself without).
 *
 * Modes as pip 23.2 writes them: launchers `(0o666 & ~umask) | 0o555` (distlib `set_mode`),
 * generated metadata `0o666 & ~umask`.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLaunchersWithDistlib } from './distlib-launchers.js';
import { EntryPointError, launcherSpecs } from './entry-points.js';
import type { Interpreter } from './interpreter.js';
import { formatRecord, sha256Record, type RecordRow } from './record.js';
import { launcherText } from './scripts.js';
import { WheelInstallError, type WheelPlan } from './wheel-plan.js';

/** What INSTALLER says of a distribution wheelhouse installed. */
export const INSTALLER_NAME = 'wheelhouse';

export interface MetadataInput {
  plan: WheelPlan;
  filename: string;
  /** The distribution's staging directory (distlib writes its launchers under it first). */
  stageDir: string;
  interpreter: Interpreter;
  umask: number;
  env: Record<string, string | undefined>;
  requested: boolean;
  /** PEP 610 `direct_url.json` content. */
  directUrl?: object;
  launchers?: 'native' | 'distlib';
  /** The .dist-info directory's destination. */
  distInfoDest: string;
  /** Archive path → record path of every member staged (the rows RECORD lists). */
  installed: Map<string, string>;
  /** Record path → the row of a member whose bytes changed (a `#!python` script). */
  changed: Map<string, RecordRow>;
  /** A destination's path as RECORD writes it (relative to the lib directory, `/`-separated). */
  recordPath: (dest: string) => string;
  /** Stages `bytes` for `dest` with `mode`; `metadata` = part of the .dist-info directory. */
  write: (dest: string, bytes: Buffer, mode: number, metadata: boolean) => Promise<void>;
}

/** Stages the launchers and metadata files of `input.plan`, RECORD last. */
export async function stageMetadata(input: MetadataInput): Promise<void> {
  const { plan, filename, interpreter, umask, distInfoDest } = input;
  const fail = (detail: string, entry?: string): never => {
    throw new WheelInstallError(filename, detail, entry);
  };
  const generated: RecordRow[] = [];
  const writeGenerated = async (
    dest: string,
    content: string | Buffer,
    mode: number,
    metadata: boolean,
  ): Promise<void> => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await input.write(dest, bytes, mode, metadata);
    generated.push({ path: input.recordPath(dest), hash: sha256Record(bytes), size: String(bytes.length) });
  };

  // Launchers (pip's ScriptMaker, POSIX text launchers).
  let specs;
  try {
    specs = launcherSpecs(plan.entryPoints, interpreter.version, input.env);
  } catch (error) {
    if (error instanceof EntryPointError) fail(error.message, `${plan.distInfo}/entry_points.txt`);
    throw error;
  }
  const launcherMode = (0o666 & ~umask) | 0o555;
  // One launcher per name, the last spec of it winning: pip 23.2 makes the console launchers, then
  // the gui ones (ScriptMaker.make_multiple twice, clobber), so a name in both groups runs the
  // gui entry (review 14a F7); launcherSpecs lists console before gui.
  const byName = new Map<string, (typeof specs)[number]>();
  for (const spec of specs) {
    if (spec.name.includes('/') || spec.name.includes('\\') || spec.name === '.' || spec.name === '..') {
      fail(
        `refused: entry point name ${JSON.stringify(spec.name)} is not a file name`,
        `${plan.distInfo}/entry_points.txt`,
      );
    }
    byName.set(spec.name, spec);
  }
  const uniqueSpecs = [...byName.values()];
  const viaDistlib = (input.launchers ?? (interpreter.osName === 'nt' ? 'distlib' : 'native')) === 'distlib';
  if (viaDistlib && uniqueSpecs.length > 0) {
    // Windows .exe launchers: made by the target's own distlib, then staged like our own files.
    const made = join(input.stageDir, 'l');
    await mkdir(made);
    let names: string[];
    try {
      names = await makeLaunchersWithDistlib(interpreter, uniqueSpecs, made, input.env);
    } catch (error) {
      return fail((error as Error).message, `${plan.distInfo}/entry_points.txt`);
    }
    for (const name of names) {
      const bytes = await readFile(join(made, name));
      const { mode } = await stat(join(made, name));
      await writeGenerated(join(interpreter.paths.scripts, name), bytes, mode & 0o7777, false);
    }
  } else {
    for (const spec of uniqueSpecs) {
      await writeGenerated(
        join(interpreter.paths.scripts, spec.name),
        launcherText(spec.module, spec.attrs, interpreter),
        launcherMode,
        false,
      );
    }
  }
  await writeGenerated(join(distInfoDest, 'INSTALLER'), `${INSTALLER_NAME}\n`, 0o666, true);
  if (input.directUrl !== undefined)
    await writeGenerated(join(distInfoDest, 'direct_url.json'), pythonJson(input.directUrl), 0o666, true);
  if (input.requested) await writeGenerated(join(distInfoDest, 'REQUESTED'), '', 0o666, true);

  // RECORD as pip's get_csv_rows_for_installed builds it.
  const rows: RecordRow[] = [];
  const recordPath = `${plan.distInfo}/RECORD`;
  const own = new Set(
    ['INSTALLER', 'REQUESTED', 'direct_url.json', 'RECORD'].map((n) => `${plan.distInfo}/${n}`),
  );
  for (const row of plan.recordRows) {
    if (row.path === '' || own.has(row.path)) continue;
    const newPath = input.installed.get(row.path) ?? row.path;
    input.installed.delete(row.path);
    rows.push(input.changed.get(newPath) ?? { path: newPath, hash: row.hash, size: row.size });
  }
  rows.push(...generated);
  for (const p of input.installed.values()) rows.push({ path: p, hash: '', size: '' });
  const recordDest = join(distInfoDest, 'RECORD');
  rows.push({ path: input.recordPath(recordDest) || recordPath, hash: '', size: '' });
  await input.write(recordDest, Buffer.from(formatRecord(rows), 'utf8'), 0o666, true);
}

/** Python's `json.dumps(value, sort_keys=True)` text (pip's DirectUrl.to_json). */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return `"${value.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      const map: Record<string, string> = {
        '\\': '\\\\',
        '"': '\\"',
        '\n': '\\n',
        '\r': '\\r',
        '\t': '\\t',
        '\b': '\\b',
        '\f': '\\f',
      };
      return map[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    })}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
}
