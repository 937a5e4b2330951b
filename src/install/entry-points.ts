/**
 * `entry_points.txt` (the "Entry points specification"): an INI-style file read as
 * importlib.metadata reads it — `[group]` section lines, `name = value` entries split at the first
 * `=`, both sides stripped, blank lines and lines starting with `#` or `;` skipped.
 *
 * For `console_scripts` / `gui_scripts` pip turns each entry into `"<name> = <value>"` and hands it
 * to distlib's `ScriptMaker`, which re-parses it with distlib.util's ENTRY_RE
 * (`name = module[:attrs] [flags]`), and pip refuses an entry without the `:callable` part
 * (pip/_internal/operations/install/wheel.py `_raise_for_invalid_entrypoint`).
 */

export class EntryPointError extends Error {
  override name = 'EntryPointError';
}

export interface EntryPoint {
  group: string;
  name: string;
  value: string;
}

export function parseEntryPoints(text: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  let group: string | undefined;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section !== null) {
      group = (section[1] as string).trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (group === undefined || eq < 0) continue; // importlib.metadata ignores what it cannot read
    out.push({ group, name: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return out;
}

export interface ScriptSpec {
  /** The launcher's file name. */
  name: string;
  /** The module to import from. */
  module: string;
  /** The dotted attribute path after the colon; its first part is what is imported. */
  attrs: string;
  gui: boolean;
}

// distlib.util.ENTRY_RE: name, then `=`, then a dotted callable with at most one `:`, then flags.
// distlib searches (re.search); the look-behind lets a match start only where a run of name
// characters starts. Same answers: a match from inside a run would end the name where one from the
// run's start can, with the same rest — and without it a long run that fails cost O(N²) (review 1
// of session 12).
const W = String.raw`[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]`;
const NAME_CHAR = String.raw`[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}\-.+]`;
const ENTRY_RE = new RegExp(
  String.raw`(?<!${NAME_CHAR})(?<name>(?:${W}|[-.+])+)\s*=\s*(?<callable>${W}+(?:[:.]${W}+)*)\s*(?:\[\s*(?<flags>[\w-]+(?:=\w+)?(?:,\s*\w+(?:=\w+)?)*)\s*\])?`,
  'u',
);

/** One console/gui entry as pip + distlib read it; throws EntryPointError when pip would refuse it. */
export function scriptSpec(entry: EntryPoint, gui: boolean): ScriptSpec {
  const text = `${entry.name} = ${entry.value}`;
  const m = ENTRY_RE.exec(text);
  if (m === null || m.groups === undefined) {
    throw new EntryPointError(`invalid script entry point ${JSON.stringify(text)}`);
  }
  const callable = m.groups.callable as string;
  const parts = callable.split(':');
  if (parts.length !== 2) {
    throw new EntryPointError(
      `invalid script entry point ${JSON.stringify(text)}: ` +
        (parts.length === 1 ? 'a callable suffix (module:function) is required' : 'more than one ":"'),
    );
  }
  return { name: m.groups.name as string, module: parts[0] as string, attrs: parts[1] as string, gui };
}

/**
 * The launchers pip generates for a distribution's entry points, in pip's order: console scripts
 * (with pip's special cases for `pip`/`easy_install`, whose versioned names follow the target
 * Python — `get_console_script_specs`), then gui scripts.
 */
export function launcherSpecs(
  entries: readonly EntryPoint[],
  pythonVersion: string,
  env: Record<string, string | undefined>,
): ScriptSpec[] {
  const console = new Map<string, EntryPoint>();
  const gui = new Map<string, EntryPoint>();
  for (const e of entries) {
    if (e.group === 'console_scripts') console.set(e.name, e);
    else if (e.group === 'gui_scripts') gui.set(e.name, e);
  }
  const [major, minor] = pythonVersion.split('.');
  const majorMinor = `${major}.${minor}`;
  const ensurepip = env.ENSUREPIP_OPTIONS;
  const specs: ScriptSpec[] = [];
  const renamed = (e: EntryPoint, name: string): EntryPoint => ({ ...e, name });
  const pip = console.get('pip');
  if (pip !== undefined) {
    console.delete('pip');
    if (ensurepip === undefined) specs.push(scriptSpec(pip, false));
    if (ensurepip !== 'altinstall') specs.push(scriptSpec(renamed(pip, `pip${major}`), false));
    specs.push(scriptSpec(renamed(pip, `pip${majorMinor}`), false));
    for (const k of [...console.keys()]) if (/^pip(\d+(\.\d+)?)?$/.test(k)) console.delete(k);
  }
  const easy = console.get('easy_install');
  if (easy !== undefined) {
    console.delete('easy_install');
    if (ensurepip === undefined) specs.push(scriptSpec(easy, false));
    specs.push(scriptSpec(renamed(easy, `easy_install-${majorMinor}`), false));
    for (const k of [...console.keys()]) if (/^easy_install(-\d+\.\d+)?$/.test(k)) console.delete(k);
  }
  for (const e of console.values()) specs.push(scriptSpec(e, false));
  for (const e of gui.values()) specs.push(scriptSpec(e, true));
  return specs;
}
