export const id = 204;
export const ids = [204];
export const modules = {

/***/ 6204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultInstallWheelhouse: () => (/* binding */ defaultInstallWheelhouse),
  runInstallFlow: () => (/* binding */ runInstallFlow),
  unpackedCacheDirFor: () => (/* binding */ unpackedCacheDirFor)
});

// UNUSED EXPORTS: directUrlOf

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/cache/file-stamps.ts
var file_stamps = __webpack_require__(4359);
// EXTERNAL MODULE: ./src/standards/names.ts
var standards_names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/version.ts
var standards_version = __webpack_require__(7174);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
;// CONCATENATED MODULE: ./src/util/collect-garbage.ts
/**
 * A full garbage collection on demand, for a long run whose live heap shrinks a lot at known points
 * (the installer, once a wheel with tens of thousands of members is placed). V8 sets the old
 * generation's next limit from what was live at its last full collection: after a large wheel it
 * would let dead objects pile up to a limit made for the wheel's per-member state. A collection at
 * that point sets the limit from what is live then.
 *
 * `gc` is V8's `--expose-gc` function; node has no API for it otherwise, so the flag is set at run
 * time and the function taken from a new context (node's documented `v8.setFlagsFromString`; only
 * contexts created afterwards see it). Where that fails, this does nothing.
 */


let gc = null;
function collectGarbage() {
    if (gc === null) {
        const exposed = globalThis.gc;
        if (typeof exposed === 'function')
            gc = exposed;
        else {
            try {
                (0,external_node_v8_.setFlagsFromString)('--expose-gc');
                const fn = (0,external_node_vm_.runInNewContext)('gc');
                gc = typeof fn === 'function' ? fn : undefined;
            }
            catch {
                gc = undefined;
            }
        }
    }
    gc?.();
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/util/read-regular-file.ts
var read_regular_file = __webpack_require__(8562);
// EXTERNAL MODULE: ./src/install/real-containment.ts
var real_containment = __webpack_require__(1270);
;// CONCATENATED MODULE: ./src/install/record.ts
/**
 * The `RECORD` file of an installed or packed distribution ("Recording installed projects" and the
 * binary distribution format): a CSV file (Python's `csv` default dialect: `,` separated, `"`
 * quoted, quotes doubled, `\r\n` or `\n` line ends) of `path,hash,size` rows, the hash written as
 * `<algorithm>=<urlsafe base64 digest without padding>`; `RECORD` itself (and the signature files
 * `RECORD.jws`/`RECORD.p7s`) carry no hash.
 */

class RecordFormatError extends Error {
    name = 'RecordFormatError';
}
/** Hash algorithms a RECORD may name (hashlib.algorithms_guaranteed minus md5/sha1, as the spec says). */
const ALGORITHMS = new Set([
    'sha224',
    'sha256',
    'sha384',
    'sha512',
    'sha3_256',
    'sha3_384',
    'sha3_512',
    'blake2b',
    'blake2s',
]);
const CANONICAL = new Map([...ALGORITHMS].map((a) => [a, a]));
const NODE_NAMES = {
    sha3_256: 'sha3-256',
    sha3_384: 'sha3-384',
    sha3_512: 'sha3-512',
    blake2b: 'blake2b512',
    blake2s: 'blake2s256',
};
/**
 * Parses CSV text as Python's csv.reader does for the default dialect. A line without a quote
 * (nearly every RECORD line) is split on commas in one go; a line with a quote goes through the
 * character-by-character reader, which may run over line ends inside quotes. (Building every field
 * a character at a time made a 15k-row RECORD cost ~75 MB of short-lived strings.)
 */
function parseCsv(text) {
    const rows = [];
    let pos = 0;
    while (pos < text.length) {
        let end = pos;
        let quote = false;
        for (; end < text.length; end++) {
            const c = text.charCodeAt(end);
            if (c === 10 || c === 13)
                break;
            if (c === 34)
                quote = true;
        }
        if (quote) {
            pos = quotedRow(text, pos, rows);
            continue;
        }
        if (end > pos)
            rows.push(text.slice(pos, end).split(','));
        pos = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    }
    return rows;
}
/** The character-by-character reader alone, for every row (the reference the fast path is tested against). */
function parseCsvByCharacter(text) {
    const rows = [];
    for (let pos = 0; pos < text.length;)
        pos = quotedRow(text, pos, rows);
    return rows;
}
/** Reads one row starting at `start` a character at a time (quotes may span lines); answers where the next begins. */
function quotedRow(text, start, rows) {
    const row = [];
    let field = '';
    let quoted = false;
    let inQuotes = false;
    let fieldStarted = false;
    const endField = () => {
        row.push(field);
        field = '';
        quoted = false;
        fieldStarted = false;
    };
    for (let i = start; i < text.length; i++) {
        const c = text[i];
        if (inQuotes) {
            if (c === '"') {
                if (text[i + 1] === '"') {
                    field += '"';
                    i++;
                }
                else
                    inQuotes = false;
            }
            else
                field += c;
            continue;
        }
        if (c === '"' && !fieldStarted && !quoted) {
            inQuotes = true;
            quoted = true;
            fieldStarted = true;
        }
        else if (c === ',') {
            endField();
        }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i++;
            if (fieldStarted || row.length > 0) {
                endField();
                rows.push(row);
            }
            return i + 1;
        }
        else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes)
        throw new RecordFormatError('unterminated quoted field at the end of the file');
    if (fieldStarted || row.length > 0) {
        endField();
        rows.push(row);
    }
    return text.length;
}
function parseRecord(text) {
    return parseCsv(text).map((cells) => ({
        path: cells[0] ?? '',
        hash: cells[1] ?? '',
        size: cells[2] ?? '',
    }));
}
/** One CSV field as Python's csv.writer (QUOTE_MINIMAL) writes it. */
function csvField(value) {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
/**
 * RECORD text as pip writes it: rows sorted by (path, hash, size) as strings
 * (pip/_internal/operations/install/wheel.py `_normalized_outrows`), written by csv.writer's
 * default dialect, whose line terminator is `\r\n`.
 */
function formatRecord(rows) {
    const sorted = [...rows].sort((a, b) => cmp(a.path, b.path) || cmp(a.hash, b.hash) || cmp(a.size, b.size));
    return sorted.map((r) => `${csvField(r.path)},${csvField(r.hash)},${csvField(r.size)}\r\n`).join('');
}
/** Python compares str by code point; JS `<` compares UTF-16 units — equal for the BMP. */
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function recordHashOf(digest, algorithm = 'sha256') {
    return `${algorithm}=${Buffer.from(digest).toString('base64url')}`;
}
function sha256Record(bytes) {
    return recordHashOf((0,external_node_crypto_.createHash)('sha256').update(bytes).digest());
}
/** Decodes a RECORD hash field; throws RecordFormatError for unknown or malformed ones. */
function parseRecordHash(field, path) {
    const eq = field.indexOf('=');
    const algorithm = eq < 0 ? '' : field.slice(0, eq).toLowerCase();
    if (!ALGORITHMS.has(algorithm)) {
        throw new RecordFormatError(`RECORD row ${JSON.stringify(path)} has an unusable hash ${JSON.stringify(field)}`);
    }
    const b64 = field.slice(eq + 1);
    if (!/^[A-Za-z0-9_-]+=*$/.test(b64)) {
        throw new RecordFormatError(`RECORD row ${JSON.stringify(path)} has a malformed digest ${JSON.stringify(field)}`);
    }
    return {
        // One string per algorithm, not one per RECORD row (tens of thousands for torch).
        nodeAlgorithm: NODE_NAMES[algorithm] ?? CANONICAL.get(algorithm),
        digest: Buffer.from(b64.replace(/=+$/, ''), 'base64url'),
    };
}

;// CONCATENATED MODULE: ./src/install/installed-dists.ts
/**
 * The distributions already installed in the target's site-packages ("Recording installed
 * projects"): one `<name>-<version>.dist-info` directory per distribution in purelib/platlib,
 * keyed by normalised name (PEP 503), with the Version from its METADATA. Also the files a
 * distribution's RECORD says it owns, as pip's uninstall computes them
 * (pip/_internal/req/req_uninstall.py: every RECORD path, resolved against the directory holding
 * the .dist-info, plus the `__pycache__` byte code of each `.py`; paths outside the environment's
 * prefix — as written or once the symlinks of their directories are followed — are never
 * touched).
 */






/**
 * Limits for reading an installed distribution's files (untrusted: anyone who could write the
 * environment wrote them): METADATA as the index side bounds it; RECORD well above the largest
 * real one (torch: ~15,000 rows, ~2 MB).
 */
const METADATA_LIMIT = 16 * 1024 * 1024;
const RECORD_LIMIT = 64 * 1024 * 1024;
async function metadataVersion(dir) {
    // Missing, not a regular file, too large or unreadable: the directory name's version.
    const read = await (0,read_regular_file/* readRegularFile */.XF)((0,external_node_path_.join)(dir, 'METADATA'), METADATA_LIMIT);
    if (!('text' in read))
        return undefined;
    for (const line of read.text.split(/\r?\n/)) {
        if (line === '')
            break;
        const m = /^Version:\s*(.*?)\s*$/i.exec(line);
        if (m)
            return m[1];
    }
    return undefined;
}
/** Scans `dirs` (purelib, platlib) for installed distributions. Missing directories are empty. */
async function readInstalledDists(dirs) {
    const found = new Map();
    for (const dir of [...new Set(dirs)]) {
        let names;
        try {
            names = await (0,promises_.readdir)(dir);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                continue;
            throw error;
        }
        for (const entry of names) {
            const m = /^(.+)-([^-]+)\.(dist-info|egg-info)$/.exec(entry);
            if (m === null)
                continue;
            const kind = m[3];
            const metadataDir = (0,external_node_path_.join)(dir, entry);
            const name = (0,standards_names/* normalizeName */.Pc)(m[1]);
            if (found.has(name) && kind === 'egg-info')
                continue;
            const version = kind === 'dist-info' ? ((await metadataVersion(metadataDir)) ?? m[2]) : m[2];
            found.set(name, { name, version, metadataDir, kind });
        }
    }
    return found;
}
function isInside(parent, child) {
    const rel = (0,external_node_path_.relative)(parent, child);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(rel);
}
/**
 * The absolute paths a dist-info distribution owns per its RECORD, restricted to `prefix`, plus
 * the byte code next to each `.py` (`__pycache__/<stem>.<cacheTag>[.opt-N].pyc` and the legacy
 * `<stem>.pyc` and `<stem>.pyo`, as pip's `uninstallation_paths`), existing or not (callers skip
 * missing ones).
 */
async function recordedFiles(dist, prefix, cacheTag) {
    const recordPath = (0,external_node_path_.join)(dist.metadataDir, 'RECORD');
    const read = await (0,read_regular_file/* readRegularFile */.XF)(recordPath, RECORD_LIMIT);
    if (!('text' in read)) {
        // pip refuses a missing one the same way ("Cannot uninstall ..., RECORD file not found")
        const why = read.problem === 'missing'
            ? 'is missing'
            : `is ${read.problem}${read.detail ? ` (${read.detail})` : ''}`;
        throw new Error(`cannot replace the installed ${dist.name} ${dist.version}: ${recordPath} ${why}`);
    }
    const text = read.text;
    const base = (0,external_node_path_.dirname)(dist.metadataDir);
    const files = new Set();
    const refused = [];
    const root = (0,external_node_path_.resolve)(prefix);
    const containment = new real_containment/* RealContainment */.$([root]);
    for (const row of parseRecord(text)) {
        if (row.path === '')
            continue;
        const abs = (0,external_node_path_.resolve)(base, row.path.split('/').join(external_node_path_.sep));
        // Inside the prefix as written and once its directories' symlinks are followed (pip's rule).
        if (!isInside(root, abs) || !(await containment.inside(abs))) {
            refused.push(row.path);
            continue;
        }
        files.add(abs);
        if (abs.endsWith('.py')) {
            const dir = (0,external_node_path_.dirname)(abs);
            const stem = abs.slice(dir.length + 1, -3);
            files.add((0,external_node_path_.join)(dir, `${stem}.pyc`));
            files.add((0,external_node_path_.join)(dir, `${stem}.pyo`));
            if (cacheTag !== undefined) {
                for (const opt of ['', '.opt-1', '.opt-2'])
                    files.add((0,external_node_path_.join)(dir, '__pycache__', `${stem}.${cacheTag}${opt}.pyc`));
            }
        }
    }
    return { files: [...files], refused };
}

;// CONCATENATED MODULE: ./src/install/distlib-launchers.ts
/**
 * Launchers made by the target interpreter's own pip-vendored distlib (issue 9 §2: Windows needs
 * `.exe` launchers, which are distlib's prebuilt launcher stubs with the script appended — not
 * something to re-create). One `python -c` run with the same ScriptMaker settings pip uses
 * (pip/_internal/operations/install/wheel.py: `ScriptMaker(None, scripts)`, `clobber = True`,
 * `variants = {""}`, `set_mode = True`, `{"gui": True}` for gui_scripts), writing into a directory
 * the caller owns; the caller stages the files like any other generated file. When the target has
 * no pip (so no distlib), this fails with a clear message and the wheel is not installed.
 */


class DistlibLauncherError extends Error {
    name = 'DistlibLauncherError';
}
const MAKER = String.raw `
import json, os, sys
from pip._vendor.distlib.scripts import ScriptMaker
request = json.load(sys.stdin)
maker = ScriptMaker(None, request["dir"])
maker.clobber = True
maker.variants = {""}
maker.set_mode = True
for spec in request["specs"]:
    maker.make(spec["spec"], {"gui": True} if spec["gui"] else None)
print("ok")
`;
/** Makes one launcher per spec in `dir` (which must exist and be empty); answers the file names. */
async function makeLaunchersWithDistlib(interpreter, specs, dir, env) {
    const request = JSON.stringify({
        dir,
        specs: specs.map((s) => ({ spec: `${s.name} = ${s.module}:${s.attrs}`, gui: s.gui })),
    });
    await new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(interpreter.executable, ['-c', MAKER], {
            env,
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d.toString('utf8')));
        child.stderr.on('data', (d) => {
            if (err.length < 4096)
                err += d.toString('utf8');
        });
        child.on('error', (e) => reject(new DistlibLauncherError(`cannot run ${interpreter.executable}: ${e.message}`)));
        child.on('close', (code) => {
            if (code === 0 && out.trim() === 'ok')
                resolve();
            else {
                const last = err.trim().split('\n').slice(-1)[0] ?? '';
                reject(new DistlibLauncherError(`the target interpreter's pip (distlib) could not make the entry point launchers (${last || `exit ${code}`}); install pip into the target, or use --installer pip`));
            }
        });
        child.stdin.on('error', () => { });
        child.stdin.end(request);
    });
    return (await (0,promises_.readdir)(dir)).sort();
}

;// CONCATENATED MODULE: ./src/install/entry-points.ts
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
class EntryPointError extends Error {
    name = 'EntryPointError';
}
function parseEntryPoints(text) {
    const out = [];
    let group;
    for (const rawLine of text.split(/\r\n|\r|\n/)) {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const section = /^\[(.*)\]$/.exec(line);
        if (section !== null) {
            group = section[1].trim();
            continue;
        }
        const eq = line.indexOf('=');
        if (group === undefined || eq < 0)
            continue; // importlib.metadata ignores what it cannot read
        out.push({ group, name: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
    }
    return out;
}
// distlib.util.ENTRY_RE: name, then `=`, then a dotted callable with at most one `:`, then flags.
const W = String.raw `[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]`;
const ENTRY_RE = new RegExp(String.raw `(?<name>(?:${W}|[-.+])+)\s*=\s*(?<callable>${W}+(?:[:.]${W}+)*)\s*(?:\[\s*(?<flags>[\w-]+(?:=\w+)?(?:,\s*\w+(?:=\w+)?)*)\s*\])?`, 'u');
/** One console/gui entry as pip + distlib read it; throws EntryPointError when pip would refuse it. */
function scriptSpec(entry, gui) {
    const text = `${entry.name} = ${entry.value}`;
    const m = ENTRY_RE.exec(text);
    if (m === null || m.groups === undefined) {
        throw new EntryPointError(`invalid script entry point ${JSON.stringify(text)}`);
    }
    const callable = m.groups.callable;
    const parts = callable.split(':');
    if (parts.length !== 2) {
        throw new EntryPointError(`invalid script entry point ${JSON.stringify(text)}: ` +
            (parts.length === 1 ? 'a callable suffix (module:function) is required' : 'more than one ":"'));
    }
    return { name: m.groups.name, module: parts[0], attrs: parts[1], gui };
}
/**
 * The launchers pip generates for a distribution's entry points, in pip's order: console scripts
 * (with pip's special cases for `pip`/`easy_install`, whose versioned names follow the target
 * Python — `get_console_script_specs`), then gui scripts.
 */
function launcherSpecs(entries, pythonVersion, env) {
    const console = new Map();
    const gui = new Map();
    for (const e of entries) {
        if (e.group === 'console_scripts')
            console.set(e.name, e);
        else if (e.group === 'gui_scripts')
            gui.set(e.name, e);
    }
    const [major, minor] = pythonVersion.split('.');
    const majorMinor = `${major}.${minor}`;
    const ensurepip = env.ENSUREPIP_OPTIONS;
    const specs = [];
    const renamed = (e, name) => ({ ...e, name });
    const pip = console.get('pip');
    if (pip !== undefined) {
        console.delete('pip');
        if (ensurepip === undefined)
            specs.push(scriptSpec(pip, false));
        if (ensurepip !== 'altinstall')
            specs.push(scriptSpec(renamed(pip, `pip${major}`), false));
        specs.push(scriptSpec(renamed(pip, `pip${majorMinor}`), false));
        for (const k of [...console.keys()])
            if (/^pip(\d+(\.\d+)?)?$/.test(k))
                console.delete(k);
    }
    const easy = console.get('easy_install');
    if (easy !== undefined) {
        console.delete('easy_install');
        if (ensurepip === undefined)
            specs.push(scriptSpec(easy, false));
        specs.push(scriptSpec(renamed(easy, `easy_install-${majorMinor}`), false));
        for (const k of [...console.keys()])
            if (/^easy_install(-\d+\.\d+)?$/.test(k))
                console.delete(k);
    }
    for (const e of console.values())
        specs.push(scriptSpec(e, false));
    for (const e of gui.values())
        specs.push(scriptSpec(e, true));
    return specs;
}

;// CONCATENATED MODULE: ./src/install/scripts.ts
/**
 * Script files as pip writes them (issue 9 §2).
 *
 * - Launchers for `console_scripts`/`gui_scripts`: pip's vendored distlib `ScriptMaker` with
 *   `variants = {""}` and `set_mode = True` writes, on POSIX, the shebang for `sys.executable`
 *   followed by distlib's SCRIPT_TEMPLATE (module import, `sys.argv[0]` cleanup, `sys.exit(func())`).
 *   distlib's `_build_shebang`: `#!<exe>` when the executable has no space and `#!` + exe + newline
 *   fits the kernel limit (127 bytes, 512 on macOS); otherwise a `/bin/sh` trampoline that re-execs
 *   the file with the interpreter (`#!/bin/sh` / `'''exec' "<exe>" "$0" "$@"` / `' '''`). An
 *   executable containing a space is quoted (`enquote_executable`).
 * - `.data/scripts` files whose first line starts with `#!python` (also `#!pythonw`): pip's
 *   `fix_script` replaces that whole first line with `#!<sys.executable>` + os.linesep. For
 *   executables that need the trampoline, pip's plain line is a broken script (pypa/pip#13389,
 *   open); wheelhouse writes distlib's trampoline there instead, so the script runs.
 * Windows `.exe` launchers are not produced here (the caller must not install wheels with entry
 * points into a Windows interpreter with this module).
 */
function enquote(executable) {
    if (!executable.includes(' '))
        return executable;
    if (executable.startsWith('/usr/bin/env ')) {
        const rest = executable.slice('/usr/bin/env '.length);
        return rest.includes(' ') && !rest.startsWith('"') ? `/usr/bin/env "${rest}"` : executable;
    }
    return executable.startsWith('"') ? executable : `"${executable}"`;
}
/** Whether distlib would use the plain `#!exe` form (byte length counted in UTF-8, as distlib does). */
function simpleShebang(exe, target) {
    const max = target.sysPlatform === 'darwin' ? 512 : 127;
    return !exe.includes(' ') && Buffer.byteLength(exe, 'utf8') + 3 <= max;
}
/** The shebang block distlib writes for launchers, ending with a newline. */
function launcherShebang(target) {
    const exe = enquote(target.executable);
    if (simpleShebang(exe, target))
        return `#!${exe}\n`;
    return `#!/bin/sh\n'''exec' ${exe} "$0" "$@"\n' '''\n`;
}
/** A console/gui launcher's whole text (POSIX), byte-identical to pip 23.2's. */
function launcherText(module, attrs, target) {
    const importName = attrs.split('.')[0];
    return (launcherShebang(target) +
        '# -*- coding: utf-8 -*-\n' +
        'import re\n' +
        'import sys\n' +
        `from ${module} import ${importName}\n` +
        "if __name__ == '__main__':\n" +
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n" +
        `    sys.exit(${attrs}())\n`);
}
const HASHBANG_PYTHON = Buffer.from('#!python');
/** Whether a script's first bytes start with `#!python` (pip's test, on bytes). */
function needsShebangFix(head) {
    return head.length >= HASHBANG_PYTHON.length && Buffer.from(head.subarray(0, 8)).equals(HASHBANG_PYTHON);
}
/**
 * pip's `fix_script` on the whole file: replace the first line (through its `\n`) by the target
 * interpreter's shebang. Answers the new bytes.
 */
function fixScript(content, target, linesep = '\n') {
    const nl = content.indexOf(0x0a);
    const rest = nl < 0 ? Buffer.alloc(0) : Buffer.from(content.subarray(nl + 1));
    const exe = target.executable;
    const first = simpleShebang(enquote(exe), target)
        ? `#!${exe}${linesep}`
        : `#!/bin/sh\n'''exec' ${enquote(exe)} "$0" "$@"\n' '''${linesep}`;
    return Buffer.concat([Buffer.from(first, 'utf8'), rest]);
}

// EXTERNAL MODULE: ./src/standards/filenames.ts
var filenames = __webpack_require__(1728);
// EXTERNAL MODULE: ./src/install/wheel-install-error.ts
var wheel_install_error = __webpack_require__(433);
;// CONCATENATED MODULE: ./src/install/wheel-plan.ts
/**
 * What a wheel asks to install, validated before a byte is written (issue 9 §2–§3): the binary
 * distribution format ("Installing a wheel": Root-Is-Purelib decides purelib vs platlib for the
 * root, `{name}-{version}.data/<scheme>/…` go to their scheme paths, one `.dist-info` directory
 * matching the file name, every file listed in RECORD with a hash — which the spec lets installers
 * insist on — and RECORD sizes agreeing with the archive).
 *
 * Refused, naming the wheel and the entry: absolute paths, drive letters, backslashes, `..`
 * segments, NUL bytes, symbolic links and other non-regular members, entries absent from RECORD
 * or without a usable hash, sizes that disagree, a `.dist-info`/`.data` directory whose name or
 * version disagrees with the file name, unknown `.data` scheme keys, two entries landing on one
 * path, and WHEEL files of an unsupported major Wheel-Version.
 * pip 23.2 semantics mirrored: directory entries are skipped; `.data/scripts` files named like one
 * of the wheel's console/gui entry points (also with `.exe`, `-script.py`, `.pya`) are skipped,
 * their RECORD rows kept (pip/_internal/operations/install/wheel.py `is_entrypoint_wrapper`).
 */







const SCHEME_KEYS = new Set(['purelib', 'platlib', 'scripts', 'headers', 'data']);
/** Caps for the small dist-info files read into memory. */
const MAX_RECORD = 64 * 1024 * 1024;
const MAX_SMALL_META = 8 * 1024 * 1024;
/** Files the installer itself writes; the wheel's copies are not installed. */
const GENERATED = new Set(['RECORD', 'INSTALLER', 'REQUESTED', 'direct_url.json']);
const UNHASHED_OK = new Set(['RECORD', 'RECORD.jws', 'RECORD.p7s']);
/** A safe relative path's segments, or a reason it is refused. */
function safeSegments(path) {
    if (path.includes('\0'))
        return 'contains a NUL byte';
    if (path.includes('\\'))
        return 'contains a backslash';
    if (path.startsWith('/'))
        return 'is an absolute path';
    if (/^[A-Za-z]:/.test(path))
        return 'starts with a drive letter';
    const segments = path.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..'))
        return 'contains a ".." segment';
    if (segments.length === 0)
        return 'is empty';
    return segments;
}
/** Splits `<name>-<version>` (+ suffix) checking it against the wheel's name and version. */
function matchesDist(stem, name, version) {
    for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
        const v = standards_version/* Version */.Rx.tryParse(stem.slice(i + 1).replace(/_/g, '-'));
        if ((0,standards_names/* normalizeName */.Pc)(stem.slice(0, i)) === name && v !== null && v.equals(version))
            return true;
    }
    return false;
}
function parseHeaders(text) {
    const out = new Map();
    for (const line of text.split(/\r?\n/)) {
        if (line === '')
            break;
        const colon = line.indexOf(':');
        if (colon > 0)
            out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    return out;
}
const decoder = new TextDecoder('utf-8', { fatal: false });
async function planWheel(archive, filename) {
    const fail = (detail, entry) => {
        throw new wheel_install_error/* WheelInstallError */.x(filename, detail, entry);
    };
    const parsed = (0,filenames/* parseWheelFilename */.eP)(filename);
    const version = standards_version/* Version */.Rx.tryParse(parsed.version) ?? fail(`invalid version ${parsed.version} in the file name`);
    const byPath = new Map();
    const distInfos = new Set();
    for (const entry of archive.entries) {
        if (byPath.has(entry.name))
            fail('the archive holds this name twice', entry.name);
        byPath.set(entry.name, entry);
        const segs = safeSegments(entry.name);
        if (typeof segs === 'string')
            fail(`refused: the path ${segs}`, entry.name);
        const top = segs[0];
        if (segs.length > 1 && top.endsWith('.dist-info'))
            distInfos.add(top);
    }
    if (distInfos.size !== 1) {
        fail(distInfos.size === 0
            ? 'no .dist-info directory'
            : `more than one .dist-info directory (${[...distInfos].join(', ')})`);
    }
    const distInfo = [...distInfos][0];
    const stem = distInfo.slice(0, -'.dist-info'.length);
    if (!matchesDist(stem, parsed.name, version)) {
        fail(`the .dist-info directory ${distInfo} does not match the file name (${parsed.name} ${parsed.version})`);
    }
    const dataDir = `${stem}.data`;
    const readText = async (member, max) => {
        const entry = byPath.get(member);
        if (entry === undefined)
            return undefined;
        return decoder.decode(await archive.readMember(entry, max));
    };
    const wheelText = (await readText(`${distInfo}/WHEEL`, MAX_SMALL_META)) ?? fail(`no ${distInfo}/WHEEL`);
    const wheelMeta = parseHeaders(wheelText);
    const wheelVersion = wheelMeta.get('wheel-version') ?? fail('WHEEL has no Wheel-Version');
    if (!/^1(\.\d+)?$/.test(wheelVersion))
        fail(`unsupported Wheel-Version ${wheelVersion}`);
    const rootIsPurelib = (wheelMeta.get('root-is-purelib') ?? '').toLowerCase() === 'true';
    const recordText = (await readText(`${distInfo}/RECORD`, MAX_RECORD)) ?? fail(`no ${distInfo}/RECORD`);
    let recordRows;
    try {
        recordRows = parseRecord(recordText);
    }
    catch (error) {
        return fail(`unreadable RECORD: ${error.message}`);
    }
    const record = new Map(recordRows.map((r) => [r.path, r]));
    const entryPointsText = await readText(`${distInfo}/entry_points.txt`, MAX_SMALL_META);
    const entryPoints = entryPointsText === undefined ? [] : parseEntryPoints(entryPointsText);
    const wrapperNames = new Set(entryPoints.filter((e) => e.group === 'console_scripts' || e.group === 'gui_scripts').map((e) => e.name));
    const files = [];
    const destinations = new Map();
    let bytes = 0;
    for (const entry of archive.entries) {
        const path = entry.name;
        if (path.endsWith('/'))
            continue; // directory entry: pip skips them
        const mode = (entry.externalAttributes ?? 0) >>> 16;
        const type = mode & 0o170000;
        if (mode !== 0 && type === 0o120000)
            fail('refused: symbolic link', path);
        if (mode !== 0 && type !== 0o100000 && type !== 0)
            fail(`refused: not a regular file (mode ${mode.toString(8)})`, path);
        const segs = safeSegments(path);
        const top = segs[0];
        const inDistInfo = top === distInfo;
        const baseName = segs[segs.length - 1];
        if (inDistInfo && segs.length === 2 && baseName === 'RECORD')
            continue; // regenerated
        const row = record.get(path);
        if (row === undefined && !(inDistInfo && segs.length === 2 && UNHASHED_OK.has(baseName))) {
            fail('refused: the entry is not listed in RECORD', path);
        }
        let expected;
        if (row !== undefined && row.hash !== '') {
            try {
                expected = parseRecordHash(row.hash, path);
            }
            catch (error) {
                if (error instanceof RecordFormatError)
                    fail(error.message, path);
                throw error;
            }
        }
        else if (!(inDistInfo && segs.length === 2 && UNHASHED_OK.has(baseName))) {
            fail('refused: RECORD lists the entry without a hash', path);
        }
        if (row !== undefined && row.size !== '' && Number(row.size) !== entry.uncompressedSize) {
            fail(`RECORD says ${row.size} bytes, the archive ${entry.uncompressedSize}`, path);
        }
        if (inDistInfo && segs.length === 2 && GENERATED.has(baseName))
            continue;
        let scheme;
        let subpath;
        let script = false;
        if (top.endsWith('.data') && segs.length > 1) {
            if (top !== dataDir)
                fail(`the .data directory ${top} does not match ${distInfo}`, path);
            const key = segs[1];
            if (!SCHEME_KEYS.has(key) || segs.length < 3) {
                fail(`.data contents must be <scheme>/<path> with scheme one of ${[...SCHEME_KEYS].sort().join(', ')}`, path);
            }
            scheme = key;
            subpath = segs.slice(2).join('/');
            if (scheme === 'scripts') {
                const lower = baseName.toLowerCase();
                const match = lower.endsWith('.exe')
                    ? baseName.slice(0, -4)
                    : lower.endsWith('-script.py')
                        ? baseName.slice(0, -10)
                        : lower.endsWith('.pya')
                            ? baseName.slice(0, -4)
                            : baseName;
                if (wrapperNames.has(match))
                    continue; // setuptools' own wrapper: pip generates its launcher
                script = true;
            }
        }
        else {
            scheme = rootIsPurelib ? 'purelib' : 'platlib';
            subpath = segs.join('/');
        }
        const key = `${scheme}:${subpath}`;
        const other = destinations.get(key);
        if (other !== undefined)
            fail(`installs to the same path as ${JSON.stringify(other)}`, path);
        destinations.set(key, path);
        const executable = mode !== 0 && type === 0o100000 && (mode & 0o111) !== 0;
        bytes += entry.uncompressedSize;
        files.push({
            entry,
            archivePath: path,
            scheme,
            subpath,
            ...(expected !== undefined ? { expected } : {}),
            executable,
            script,
        });
    }
    if (!record.has(`${distInfo}/METADATA`) || !byPath.has(`${distInfo}/METADATA`))
        fail(`no ${distInfo}/METADATA`);
    return {
        name: parsed.name,
        version: parsed.version,
        distInfo,
        rootIsPurelib,
        files,
        recordRows,
        entryPoints,
        bytes,
    };
}

;// CONCATENATED MODULE: ./src/install/stage-metadata.ts
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







/** What INSTALLER says of a distribution wheelhouse installed. */
const INSTALLER_NAME = 'wheelhouse';
/** Stages the launchers and metadata files of `input.plan`, RECORD last. */
async function stageMetadata(input) {
    const { plan, filename, interpreter, umask, distInfoDest } = input;
    const fail = (detail, entry) => {
        throw new wheel_install_error/* WheelInstallError */.x(filename, detail, entry);
    };
    const generated = [];
    const writeGenerated = async (dest, content, mode, metadata) => {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        await input.write(dest, bytes, mode, metadata);
        generated.push({ path: input.recordPath(dest), hash: sha256Record(bytes), size: String(bytes.length) });
    };
    // Launchers (pip's ScriptMaker, POSIX text launchers).
    let specs;
    try {
        specs = launcherSpecs(plan.entryPoints, interpreter.version, input.env);
    }
    catch (error) {
        if (error instanceof EntryPointError)
            fail(error.message, `${plan.distInfo}/entry_points.txt`);
        throw error;
    }
    const launcherMode = (0o666 & ~umask) | 0o555;
    const seenLaunchers = new Set();
    const uniqueSpecs = specs.filter((spec) => {
        if (spec.name.includes('/') || spec.name.includes('\\') || spec.name === '.' || spec.name === '..') {
            fail(`refused: entry point name ${JSON.stringify(spec.name)} is not a file name`, `${plan.distInfo}/entry_points.txt`);
        }
        if (seenLaunchers.has(spec.name))
            return false;
        seenLaunchers.add(spec.name);
        return true;
    });
    const viaDistlib = (input.launchers ?? (interpreter.osName === 'nt' ? 'distlib' : 'native')) === 'distlib';
    if (viaDistlib && uniqueSpecs.length > 0) {
        // Windows .exe launchers: made by the target's own distlib, then staged like our own files.
        const made = (0,external_node_path_.join)(input.stageDir, 'l');
        await (0,promises_.mkdir)(made);
        let names;
        try {
            names = await makeLaunchersWithDistlib(interpreter, uniqueSpecs, made, input.env);
        }
        catch (error) {
            return fail(error.message, `${plan.distInfo}/entry_points.txt`);
        }
        for (const name of names) {
            const bytes = await (0,promises_.readFile)((0,external_node_path_.join)(made, name));
            const { mode } = await (0,promises_.stat)((0,external_node_path_.join)(made, name));
            await writeGenerated((0,external_node_path_.join)(interpreter.paths.scripts, name), bytes, mode & 0o7777, false);
        }
    }
    else {
        for (const spec of uniqueSpecs) {
            await writeGenerated((0,external_node_path_.join)(interpreter.paths.scripts, spec.name), launcherText(spec.module, spec.attrs, interpreter), launcherMode, false);
        }
    }
    await writeGenerated((0,external_node_path_.join)(distInfoDest, 'INSTALLER'), `${INSTALLER_NAME}\n`, 0o666, true);
    if (input.directUrl !== undefined)
        await writeGenerated((0,external_node_path_.join)(distInfoDest, 'direct_url.json'), pythonJson(input.directUrl), 0o666, true);
    if (input.requested)
        await writeGenerated((0,external_node_path_.join)(distInfoDest, 'REQUESTED'), '', 0o666, true);
    // RECORD as pip's get_csv_rows_for_installed builds it.
    const rows = [];
    const recordPath = `${plan.distInfo}/RECORD`;
    const own = new Set(['INSTALLER', 'REQUESTED', 'direct_url.json', 'RECORD'].map((n) => `${plan.distInfo}/${n}`));
    for (const row of plan.recordRows) {
        if (row.path === '' || own.has(row.path))
            continue;
        const newPath = input.installed.get(row.path) ?? row.path;
        input.installed.delete(row.path);
        rows.push(input.changed.get(newPath) ?? { path: newPath, hash: row.hash, size: row.size });
    }
    rows.push(...generated);
    for (const p of input.installed.values())
        rows.push({ path: p, hash: '', size: '' });
    const recordDest = (0,external_node_path_.join)(distInfoDest, 'RECORD');
    rows.push({ path: input.recordPath(recordDest) || recordPath, hash: '', size: '' });
    await input.write(recordDest, Buffer.from(formatRecord(rows), 'utf8'), 0o666, true);
}
/** Python's `json.dumps(value, sort_keys=True)` text (pip's DirectUrl.to_json). */
function pythonJson(value) {
    if (value === null || value === undefined)
        return 'null';
    if (typeof value === 'string') {
        return `"${value.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
            const map = {
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
    if (typeof value === 'number' || typeof value === 'boolean')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(pythonJson).join(', ')}]`;
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
}

;// CONCATENATED MODULE: ./src/install/compile.ts
/**
 * `--compile` (issue 9 §4): byte-compiles exactly the `.py` files that were installed, as pip does
 * for each wheel — pip/_internal/operations/install/wheel.py calls `compileall.compile_file(path,
 * force=True, quiet=True)` for every installed `.py` file, in its own process, with warnings
 * ignored and the printed output captured, so at the interpreter's own optimisation level and
 * invalidation mode, and records the `.pyc` when the call answers success.
 *
 * Here the same call runs in a few long-lived processes of the target interpreter (one per core by
 * default; started on first use, so the interpreter starts once per process, not per batch), each
 * reading one path per line on stdin and answering `1`/`0` per path on stdout. Files are fed as
 * distributions are committed, so compiling overlaps installing the rest; each process has only a
 * few paths in hand, so a slow file never leaves another process idle. A file that does not compile
 * (e.g. Python 2 syntax in a test module) is skipped, as pip does.
 */










function cacheFromSource(source, cacheTag, optimize) {
    const dir = (0,external_node_path_.dirname)(source);
    const stem = source.slice(dir.length + 1, -3);
    return (0,external_node_path_.join)(dir, '__pycache__', `${stem}.${cacheTag}${optimize > 0 ? `.opt-${optimize}` : ''}.pyc`);
}
/**
 * The per-process driver, run with `-S`: the environment being installed is not on its path and its
 * `.pth` files are not run (pip's process started before they existed; one that prints would
 * otherwise have written into the answers, and one that imports a half-installed package could
 * fail). compileall and py_compile are the standard library's; `-S` changes nothing they compute
 * (PYTHONOPTIMIZE and SOURCE_DATE_EPOCH still apply, as in pip's process). sys.path[0] ('' for -c,
 * the working directory) is dropped first so a file in the cwd cannot shadow the standard library.
 * Paths arrive as UTF-8 bytes (os.fsdecode); each answer is a line `=1` or `=0`, anything else on
 * stdout is not an answer.
 */
const DRIVER = [
    'import sys',
    "if sys.path and sys.path[0] == '':",
    '    del sys.path[0]',
    'import compileall, io, os, warnings',
    "warnings.filterwarnings('ignore')",
    'out = sys.stdout',
    'while True:',
    '    line = sys.stdin.buffer.readline()',
    '    if not line:',
    '        break',
    "    path = os.fsdecode(line.rstrip(b'\\n'))",
    '    sys.stdout = io.StringIO()',
    '    try:',
    '        ok = compileall.compile_file(path, force=True, quiet=True)',
    '    except Exception:',
    '        ok = False',
    '    finally:',
    '        sys.stdout = out',
    "    out.write('=1\\n' if ok else '=0\\n')",
    '    out.flush()',
].join('\n');
/** Paths a process has in hand at most (enough to keep it busy between replies). */
const DEPTH = 8;
function startCompiler(interpreter, env, processes = (0,external_node_os_.availableParallelism)()) {
    const queue = [];
    const procs = [];
    let failure;
    let started = 0;
    let closing = false;
    const pump = (proc) => {
        while (proc.inHand.length < DEPTH && queue.length > 0) {
            const item = queue.shift();
            proc.inHand.push(item);
            started++;
            proc.child.stdin.write(`${item.path}\n`);
        }
    };
    const failAll = (error) => {
        failure ??= error;
        for (const item of [...queue.splice(0), ...procs.flatMap((p) => p.inHand.splice(0))])
            item.fail(error);
    };
    const spawnOne = () => {
        const child = (0,external_node_child_process_.spawn)(interpreter.executable, ['-S', '-c', DRIVER], { env, windowsHide: true });
        let exitedResolve = () => { };
        const proc = {
            child,
            inHand: [],
            stderr: '',
            exited: new Promise((resolve) => (exitedResolve = resolve)),
        };
        let pending = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (text) => {
            pending += text;
            let nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const answer = pending.slice(0, nl);
                pending = pending.slice(nl + 1);
                if (answer === '=1' || answer === '=0')
                    proc.inHand.shift()?.done(answer === '=1');
            }
            pump(proc);
        });
        child.stderr.on('data', (d) => {
            if (proc.stderr.length < 4096)
                proc.stderr += d.toString('utf8');
        });
        child.stdin.on('error', () => { }); // an early exit surfaces through 'close'
        child.on('error', (error) => failAll(new Error(`${interpreter.executable}: ${error.message}`)));
        child.on('close', (code, signal) => {
            exitedResolve();
            procs.splice(procs.indexOf(proc), 1);
            if (!closing) {
                failAll(new Error(`byte-compiling with ${interpreter.executable} ended with ${signal ?? code}: ${proc.stderr.trim().slice(-500)}`));
            }
        });
        procs.push(proc);
        return proc;
    };
    const run = (path) => new Promise((done, fail) => {
        if (failure !== undefined) {
            fail(failure);
            return;
        }
        queue.push({ path, done, fail });
        if (procs.length < Math.max(1, processes))
            spawnOne();
        // The least busy process takes what it can.
        for (const proc of [...procs].sort((a, b) => a.inHand.length - b.inHand.length))
            pump(proc);
    });
    return {
        get started() {
            return started;
        },
        async compile(files) {
            const out = new Map();
            const tag = interpreter.cacheTag;
            const sources = files.filter((f) => f.endsWith('.py') && !/[\r\n]/.test(f));
            const results = await Promise.all(sources.map(run));
            if (tag === undefined)
                return out; // no byte code cache (sys.implementation.cache_tag is None)
            sources.forEach((source, i) => {
                if (results[i])
                    out.set(source, cacheFromSource(source, tag, interpreter.optimize));
            });
            return out;
        },
        async close() {
            closing = true;
            const exits = procs.map((p) => p.exited);
            for (const proc of procs)
                proc.child.stdin.end();
            await Promise.all(exits);
        },
    };
}
/**
 * The path pip hands to `compile_file` for an installed file: `os.path.join(lib_dir, record_path)`
 * (pip/_internal/operations/install/wheel.py, `pyc_source_file_paths`), not normalised — so a
 * `.data/scripts` file is compiled as `<lib>/../../../bin/x.py`, and that string is the code's
 * co_filename inside the byte code. Compiling the normalised path writes different bytes.
 */
function pipSourcePath(libDir, dest) {
    if (dest.startsWith(libDir) && dest[libDir.length] === external_node_path_.sep && !libDir.endsWith(external_node_path_.sep))
        return dest;
    return `${libDir}${libDir.endsWith(external_node_path_.sep) ? '' : external_node_path_.sep}${(0,external_node_path_.relative)(libDir, dest)}`;
}
/**
 * Compiles a committed distribution's installed `.py` files and adds the byte code to its RECORD
 * as pip does (`path,,`, relative to the lib directory); answers how many compiled.
 */
async function compileDist(compiler, dist) {
    const sources = [...new Set(dist.pyFiles.map((f) => pipSourcePath(dist.libDir, f)))];
    const compiled = await compiler.compile(sources);
    const pycs = sources.map((f) => compiled.get(f)).filter((p) => p !== undefined);
    if (pycs.length === 0)
        return 0;
    const recordPath = (0,external_node_path_.join)(dist.distInfoDest, 'RECORD');
    const rows = parseRecord(await (0,promises_.readFile)(recordPath, 'utf8'));
    const listed = new Set(rows.map((r) => r.path));
    for (const pyc of pycs) {
        const rp = (0,external_node_path_.relative)(dist.libDir, pyc).split(external_node_path_.sep).join('/');
        if (!listed.has(rp))
            rows.push({ path: rp, hash: '', size: '' });
    }
    await (0,atomic_file/* writeFileAtomic */.Z)(recordPath, formatRecord(rows));
    return pycs.length;
}
/**
 * What `--compile` still owes an installed distribution that is left as it is (the same version):
 * its RECORD's `.py` files whose byte code RECORD does not list — all of them after a run killed
 * while compiling it (compileDist writes RECORD once its files are compiled), or after a wheelhouse
 * install without `--compile`. Only distributions wheelhouse installed (INSTALLER), and only files
 * inside `prefix` (as written and once their directories' symlinks are followed, as for removal),
 * so byte code is never written outside the environment; nothing when RECORD (read bounded, as
 * installed-dists.ts reads it) cannot be read as a regular file. A file that does not compile stays unrecorded and
 * is tried again by the next `--compile` run (as its first run did).
 */
async function uncompiledDist(dist, prefix, interpreter) {
    const tag = interpreter.cacheTag;
    if (tag === undefined || dist.kind !== 'dist-info')
        return undefined;
    const root = (0,external_node_path_.resolve)(prefix);
    const containment = new real_containment/* RealContainment */.$([root]);
    // Only what wheelhouse installed (review 2 of session 10): pip leaves an already-satisfied
    // distribution alone, and so does wheelhouse with one another installer (pip --no-compile, uv)
    // put there. Its .dist-info a real directory inside the environment (its RECORD is rewritten).
    const dirInfo = await (0,promises_.lstat)(dist.metadataDir).catch(() => undefined);
    if (dirInfo?.isDirectory() !== true || !(await containment.inside(dist.metadataDir)))
        return undefined;
    const installer = await (0,read_regular_file/* readRegularFile */.XF)((0,external_node_path_.join)(dist.metadataDir, 'INSTALLER'), 4096);
    if (!('text' in installer) || installer.text.trim() !== INSTALLER_NAME)
        return undefined;
    const read = await (0,read_regular_file/* readRegularFile */.XF)((0,external_node_path_.join)(dist.metadataDir, 'RECORD'), RECORD_LIMIT);
    if (!('text' in read))
        return undefined;
    const libDir = (0,external_node_path_.dirname)(dist.metadataDir);
    const rows = parseRecord(read.text);
    const listed = new Set(rows.map((r) => r.path));
    const pyFiles = [];
    for (const row of rows) {
        if (!row.path.endsWith('.py') || /[\r\n]/.test(row.path))
            continue;
        const dest = (0,external_node_path_.resolve)(libDir, row.path.split('/').join(external_node_path_.sep));
        const pyc = cacheFromSource(pipSourcePath(libDir, dest), tag, interpreter.optimize);
        if (listed.has((0,external_node_path_.relative)(libDir, pyc).split(external_node_path_.sep).join('/')))
            continue;
        if (!isInside(root, dest) || !(await containment.inside(dest)))
            continue;
        pyFiles.push(dest);
    }
    return pyFiles.length === 0 ? undefined : { pyFiles, libDir, distInfoDest: dist.metadataDir };
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/index/file-range-source.ts
var file_range_source = __webpack_require__(1500);
// EXTERNAL MODULE: ./src/index/remote-zip.ts + 1 modules
var remote_zip = __webpack_require__(255);
// EXTERNAL MODULE: ./src/index/zip-directory.ts
var zip_directory = __webpack_require__(7033);
;// CONCATENATED MODULE: ./src/install/wheel-archive.ts
/**
 * Reading the members of a local wheel file for installation, with bounded memory: the central
 * directory comes from the same ZIP code the metadata reader uses (src/index/remote-zip.ts over a
 * file handle), member data is read by position and inflated with node:zlib's asynchronous raw
 * inflate (on the libuv thread pool, off the main thread), small members in one piece and large
 * ones as a stream.
 *
 * Zip-bomb and overlap bounds (PKWARE APPNOTE.TXT 4.3.7/4.3.12): every member's compressed data
 * must end before the next member's local header (or the central directory); no two directory
 * entries may share a local header; inflation stops at the central directory's uncompressed size
 * and a member that inflates to any other size is refused.
 */







/** Members up to this compressed size are read and inflated in one piece. */
const SMALL_MEMBER = 1024 * 1024;
/** …and up to this inflated size; larger ones stream. */
const SMALL_INFLATED = 4 * 1024 * 1024;
function inflateAsync(data, maxOutputLength) {
    return new Promise((resolve, reject) => {
        (0,external_node_zlib_.inflateRaw)(data, { maxOutputLength }, (error, out) => (error ? reject(error) : resolve(out)));
    });
}
/** Passes bytes through, failing as soon as more than `limit` bytes passed, or fewer at the end. */
class ExactLength extends external_node_stream_.Transform {
    limit;
    label;
    source;
    seen = 0;
    constructor(limit, label, source) {
        super();
        this.limit = limit;
        this.label = label;
        this.source = source;
    }
    _transform(chunk, _enc, done) {
        this.seen += chunk.length;
        if (this.seen > this.limit) {
            done(new zip_directory/* ZipFormatError */.PA(`${this.label} inflates past the ${this.limit} bytes its directory entry declares`, this.source));
            return;
        }
        done(null, chunk);
    }
    _flush(done) {
        if (this.seen !== this.limit) {
            done(new zip_directory/* ZipFormatError */.PA(`${this.label}: ${this.seen} bytes after inflating, the central directory says ${this.limit}`, this.source));
            return;
        }
        done();
    }
}
/** Opens `path` (shown as `source` in errors) and reads its central directory. */
async function openWheelArchive(path, source) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const { size } = await handle.stat();
        const zip = await (0,remote_zip/* openRemoteZip */.gs)((0,file_range_source/* handleRangeSource */.D)(handle, size), { source });
        const starts = [...zip.entries.map((e) => e.localHeaderOffset)].sort((a, b) => a - b);
        for (let i = 1; i < starts.length; i++) {
            if (starts[i] === starts[i - 1]) {
                throw new zip_directory/* ZipFormatError */.PA(`two directory entries share the local header at offset ${starts[i]}`, source);
            }
        }
        const memberEnd = (entry) => {
            let lo = 0;
            let hi = starts.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (starts[mid] <= entry.localHeaderOffset)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo < starts.length ? starts[lo] : zip.directoryOffset;
        };
        const readAt = async (buffer, position, label) => {
            let at = 0;
            while (at < buffer.length) {
                const { bytesRead } = await handle.read(buffer, at, buffer.length - at, position + at);
                if (bytesRead === 0)
                    throw new zip_directory/* ZipFormatError */.PA(`${label}: the file ends inside the member`, source);
                at += bytesRead;
            }
        };
        const bounds = (entry) => {
            const label = JSON.stringify(entry.name);
            if (entry.flags & 0x0001)
                throw new zip_directory/* ZipFormatError */.PA(`${label} is encrypted`, source);
            if (entry.method !== 0 && entry.method !== 8) {
                throw new zip_directory/* ZipFormatError */.PA(`${label} uses compression method ${entry.method} (only stored and deflate are supported)`, source);
            }
            if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
                throw new zip_directory/* ZipFormatError */.PA(`${label} is stored but its sizes differ`, source);
            }
            return { limit: memberEnd(entry) };
        };
        /**
         * Validates the member and answers where its data lies. Small members are read whole in the
         * same read as their local header (answered as `bytes`), one read per file instead of two.
         */
        const dataRange = async (entry, wantBytes) => {
            const label = JSON.stringify(entry.name);
            const { limit } = bounds(entry);
            const whole = wantBytes && limit - entry.localHeaderOffset <= entry.compressedSize + 2 * 65_536 + 64;
            const header = Buffer.alloc(whole ? limit - entry.localHeaderOffset : zip_directory/* LOCAL_HEADER_SIZE */._0);
            if (header.length < zip_directory/* LOCAL_HEADER_SIZE */._0) {
                throw new zip_directory/* ZipFormatError */.PA(`${label}: local header at ${entry.localHeaderOffset} is cut off`, source);
            }
            await readAt(header, entry.localHeaderOffset, label);
            const start = (0,zip_directory/* localDataOffset */.XS)({ offset: entry.localHeaderOffset, bytes: header }, entry, source);
            const end = start + entry.compressedSize;
            if (end > limit) {
                throw new zip_directory/* ZipFormatError */.PA(`${label}: data (${start}..${end}) runs into the next member or directory at ${limit}`, source);
            }
            if (whole) {
                const from = start - entry.localHeaderOffset;
                return { start, end, bytes: header.subarray(from, from + entry.compressedSize) };
            }
            return { start, end };
        };
        return {
            path,
            size,
            entries: zip.entries,
            fd: handle.fd,
            bounds,
            async readMember(entry, maxSize) {
                const label = JSON.stringify(entry.name);
                if (entry.uncompressedSize > maxSize) {
                    throw new zip_directory/* ZipFormatError */.PA(`${label} is ${entry.uncompressedSize} bytes, over the ${maxSize}-byte limit`, source);
                }
                const range = await dataRange(entry, true);
                let raw = range.bytes;
                if (raw === undefined) {
                    raw = Buffer.alloc(range.end - range.start);
                    await readAt(raw, range.start, label);
                }
                let out;
                if (entry.method === 0)
                    out = raw;
                else {
                    try {
                        out = await inflateAsync(raw, entry.uncompressedSize + 1);
                    }
                    catch (error) {
                        const e = error;
                        throw new zip_directory/* ZipFormatError */.PA(e.code === 'ERR_BUFFER_TOO_LARGE'
                            ? `${label} inflates past the ${entry.uncompressedSize} bytes its directory entry declares`
                            : `${label}: corrupt deflate data (${e.message})`, source);
                    }
                }
                if (out.length !== entry.uncompressedSize) {
                    throw new zip_directory/* ZipFormatError */.PA(`${label}: ${out.length} bytes after inflating, the central directory says ${entry.uncompressedSize}`, source);
                }
                return out;
            },
            async streamMember(entry) {
                const { start, end } = await dataRange(entry, false);
                const label = JSON.stringify(entry.name);
                // An empty range still needs a stream: createReadStream's `end` is inclusive.
                const raw = end === start
                    ? external_node_stream_.Readable.from([])
                    : (0,external_node_fs_.createReadStream)(path, { start, end: end - 1, highWaterMark: 256 * 1024 });
                const exact = new ExactLength(entry.uncompressedSize, label, source);
                // pipeline() tears every stage down when any fails or when the consumer destroys `exact`
                // (no open descriptors or inflaters left behind); the consumer sees the first error.
                const stages = entry.method === 0 ? [raw, exact] : [raw, (0,external_node_zlib_.createInflateRaw)(), exact];
                (0,external_node_stream_.pipeline)(stages, () => { });
                return exact;
            },
            close: () => handle.close(),
        };
    }
    catch (error) {
        await handle.close();
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/install/extract-worker.ts
/**
 * The source of the extraction workers (extract-pool.ts runs them), and the sizes that bound what
 * each holds. For each wheel member the pool hands over only where it lies (the wheel's file
 * descriptor, the local header offset, the end the next member sets) and what it must be; a worker
 * reads the local header and the data itself (one read for a small member), inflates, checks the
 * RECORD digest and writes the staged file once with its final mode. Small members come in
 * batches, large ones are streamed a chunk at a time, whole wheels are hashed here too — all
 * synchronously inside the worker.
 *
 * Memory, by design: a worker reads, inflates and writes through a few buffers it allocates once
 * and reuses for every member (a read buffer, an output buffer for a small member, one chunk each
 * for streaming) and one zlib handle reset between members, so what a worker holds is bounded by
 * WORKER_BUFFER_BOUND whatever the wheels are, and no inflated member is left for the garbage
 * collector. (node:zlib's `inflateRawSync` allocated a new zlib state, 16 KiB output chunks and
 * their concatenation per member; a worker isolate collects such garbage only after ~64 MiB of
 * it, so each worker held up to 40–64 MB of dead buffers on the real-ml set.) A member larger
 * than the in-one-piece limits is streamed even when it arrives in a batch.
 *
 * The source is a string evaluated as CommonJS (`eval: true`), so it needs no file of its own at
 * run time — the same under jest, the swc loader and the bundled dist. The local header checks
 * repeat wheel-archive.ts's (PKWARE APPNOTE.TXT 4.3.7: signature, method, name and extra lengths;
 * the data must end before the next member).
 */

/** Bytes a streamed member holds at most at once (its read and inflate buffers, see STREAM_CHUNK). */
const STREAM_WINDOW = 1024 * 1024;
/** A streamed member is read and inflated this many bytes at a time (one read and one output buffer). */
const STREAM_CHUNK = 256 * 1024;
/**
 * The largest member a worker inflates in one piece: at most this compressed and this inflated
 * (larger ones are streamed, whatever the caller asked for). extract-members.ts batches only members
 * within both.
 */
const SMALL_COMPRESSED = SMALL_MEMBER;

/** A local header with the longest name and extra field (PKWARE APPNOTE.TXT 4.3.7). */
const LOCAL_HEADER_MAX = 30 + 2 * 0xffff;
/**
 * What one worker's buffers can grow to at most: the read buffer holds a local header and a small
 * member's compressed data (or 1 MiB of a hashed file), the output buffer a small member's
 * inflated bytes, and the stream buffers one chunk each. Buffers are allocated once and reused for
 * every member (no buffer per member, so nothing waits for the garbage collector).
 */
const WORKER_BUFFER_BOUND = LOCAL_HEADER_MAX + SMALL_COMPRESSED + 1024 + (SMALL_INFLATED + 1) + 2 * STREAM_CHUNK;
/**
 * The worker. Inflation goes through one raw-inflate zlib handle per worker, reset between
 * members, writing into the worker's reused output buffer: `handle.writeSync(flush, in, inOff,
 * inLen, out, outOff, outLen)` is the synchronous call node:zlib's own `*Sync` functions make (its
 * results land in the stream's `_writeState`: output space left, input left; errors arrive through
 * `handle.onerror`). With Z_FINISH, zlib reports a stream that ends early ("unexpected end of
 * file") as an error, and a full output buffer means more output than fits — so a member is
 * complete exactly when no error came and output space is left.
 */
const WORKER_SOURCE = String.raw `
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { createHash } = require('node:crypto');
const fs = require('node:fs');

const { Z_NO_FLUSH, Z_FINISH } = zlib.constants;
const { smallCompressed, smallInflated, chunk, headerMax } = workerData;
const IN_CAP = headerMax + smallCompressed + 1024;
const OUT_CAP = smallInflated + 1;

// Reused buffers; their sizes and how often they were allocated are reported with every reply.
const stats = { held: 0, allocations: 0 };
const buffers = { scratch: null, out: null, streamIn: null, streamOut: null };
const caps = { scratch: IN_CAP, out: OUT_CAP, streamIn: chunk, streamOut: chunk };
function buffer(which, n) {
  const b = buffers[which];
  if (b !== null && b.length >= n) return b;
  const cap = caps[which];
  const size = Math.max(n, Math.min(cap, Math.max(1024 * 1024, b === null ? 0 : b.length * 2)));
  stats.held += size - (b === null ? 0 : b.length);
  stats.allocations++;
  return (buffers[which] = Buffer.allocUnsafe(size));
}

function readInto(fd, buf, at, length, position) {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
function writeAll(fd, buf) {
  let done = 0;
  while (done < buf.length) done += fs.writeSync(fd, buf, done, buf.length - done);
}
class Refusal extends Error {}

// One raw inflater per worker; a new one after an error.
let inflater = null;
let zlibError = null;
let checked = false;
function makeInflater() {
  const stream = zlib.createInflateRaw();
  stream.on('error', () => {});
  const handle = stream._handle;
  if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function')
    throw new Error('internal error: this Node.js has no synchronous zlib handle');
  handle.onerror = (message) => { zlibError = String(message); };
  return { stream, handle, state: stream._writeState };
}
function freshInflater() {
  if (!checked) {
    // Once per worker: corrupt data must come back as an error (else a future Node.js reports
    // errors differently, and this worker must not go on; the RECORD hash would still refuse).
    const probe = makeInflater();
    zlibError = null;
    probe.handle.writeSync(Z_FINISH, Buffer.from([0xff, 0xff]), 0, 2, Buffer.alloc(64), 0, 64);
    probe.stream.destroy();
    if (zlibError === null) throw new Error('internal error: node:zlib did not report corrupt deflate data');
    checked = true;
  }
  if (inflater === null) inflater = makeInflater();
  else inflater.handle.reset();
  zlibError = null;
  return inflater;
}
// Inflates; answers [output space left, input left]; throws a Refusal for corrupt data.
function inflateStep(z, flush, input, inOff, inLen, out, outLen, job) {
  z.handle.writeSync(flush, input, inOff, inLen, out, 0, outLen);
  if (zlibError !== null) {
    const message = zlibError;
    inflater = null;
    try { z.stream.destroy(); } catch {}
    throw new Refusal(job.label + ': corrupt deflate data (' + message + ')');
  }
  return [z.state[0], z.state[1]];
}
const tooLong = (job) => new Refusal(job.label + ' inflates past the ' + job.size + ' bytes its directory entry declares');
const wrongSize = (job, n) => new Refusal(job.label + ': ' + n + ' bytes after inflating, the central directory says ' + job.size);

// Reads the local header (and, with wantData, the data in the same read) of a member.
function locate(fd, job, wantData) {
  const span = job.limit - job.headerOffset;
  if (span < 30) throw new Refusal(job.label + ': local header at ' + job.headerOffset + ' is cut off');
  const want = Math.min(span, 30 + (wantData ? job.compressedSize + 1024 : 0));
  let scratch = buffer('scratch', want);
  let got = readInto(fd, scratch, 0, want, job.headerOffset);
  if (got < 30) throw new Refusal(job.label + ': the file ends inside the member');
  if (scratch.readUInt32LE(0) !== 0x04034b50)
    throw new Refusal('no local file header for ' + job.label + ' at offset ' + job.headerOffset);
  const method = scratch.readUInt16LE(8);
  if (method !== job.method)
    throw new Refusal(job.label + ': local header says method ' + method + ', central directory ' + job.method);
  const start = job.headerOffset + 30 + scratch.readUInt16LE(26) + scratch.readUInt16LE(28);
  const end = start + job.compressedSize;
  if (end > job.limit)
    throw new Refusal(job.label + ': data (' + start + '..' + end + ') runs into the next member or directory at ' + job.limit);
  if (!wantData) return { start, end };
  const need = end - job.headerOffset;
  if (got < need) {
    const grown = buffer('scratch', need);
    if (grown !== scratch) { scratch.copy(grown, 0, 0, got); scratch = grown; }
    got += readInto(fd, scratch, got, need - got, job.headerOffset + got);
    if (got < need) throw new Refusal(job.label + ': the file ends inside the member');
  }
  return { start, end, data: scratch.subarray(start - job.headerOffset, need) };
}

function finishFile(job, digest) {
  return Buffer.from(job.digest).equals(digest) ? { ok: true } : { ok: false, reason: 'hash' };
}

// A member within the in-one-piece limits: one read, one inflate into the output buffer.
function small(fd, job) {
  if (job.compressedSize > smallCompressed || job.size > smallInflated) return streamed(fd, job);
  const { data } = locate(fd, job, true);
  let out;
  if (job.method === 8) {
    const target = buffer('out', job.size + 1);
    const [outLeft] = inflateStep(freshInflater(), Z_FINISH, data, 0, data.length, target, job.size + 1, job);
    if (outLeft === 0) throw tooLong(job);
    out = target.subarray(0, job.size + 1 - outLeft);
  } else out = data;
  if (out.length !== job.size) throw wrongSize(job, out.length);
  const verdict = finishFile(job, createHash(job.algorithm).update(out).digest());
  if (!verdict.ok) return verdict;
  const outFd = fs.openSync(job.staged, 'wx', job.mode);
  let identity;
  try {
    writeAll(outFd, out);
    if (job.chmod) fs.fchmodSync(outFd, job.mode);
    identity = fs.fstatSync(outFd, { bigint: true });
  } finally {
    fs.closeSync(outFd);
  }
  return linked(job, verdict, identity);
}

// The member's second name (job.link): the identity of the inode written, or link(2)'s error code.
// Every member written answers its identity as the install journal records it (journal.ts
// identityOf: device, inode, size, mtime ns), so placing need not lstat it again.
function linked(job, verdict, st) {
  if (!verdict.ok) return verdict;
  const id = st.dev + ':' + st.ino + ':' + st.size + ':' + st.mtimeNs;
  if (job.link === undefined) return { ok: true, id };
  try {
    fs.linkSync(job.staged, job.link);
  } catch (error) {
    return { ok: true, id, linkError: String((error && error.code) || (error && error.message)) };
  }
  return {
    ok: true,
    id,
    linked: {
      dev: String(st.dev), ino: String(st.ino), mtimeNs: String(st.mtimeNs),
      size: Number(st.size), mode: Number(st.mode),
    },
  };
}

// Any member, a chunk at a time: read, inflate, hash and write with two chunk-sized buffers.
function streamed(fd, job) {
  const { start, end } = locate(fd, job, false);
  const hash = createHash(job.algorithm);
  const input = buffer('streamIn', chunk);
  const output = job.method === 8 ? buffer('streamOut', chunk) : null;
  const z = job.method === 8 ? freshInflater() : null;
  const outFd = fs.openSync(job.staged, 'wx', job.mode);
  let identity;
  let seen = 0;
  const emit = (bytes) => {
    seen += bytes.length;
    if (seen > job.size) throw tooLong(job);
    hash.update(bytes);
    writeAll(outFd, bytes);
  };
  try {
    let pos = start;
    for (;;) {
      const n = pos < end ? readInto(fd, input, 0, Math.min(chunk, end - pos), pos) : 0;
      if (pos < end && n === 0) throw new Refusal(job.label + ': the file ends inside the member');
      pos += n;
      const last = pos >= end;
      if (z === null) emit(input.subarray(0, n));
      else {
        let inOff = 0;
        let inLen = n;
        for (;;) {
          const [outLeft, inLeft] = inflateStep(z, last ? Z_FINISH : Z_NO_FLUSH, input, inOff, inLen, output, chunk, job);
          emit(output.subarray(0, chunk - outLeft));
          inOff += inLen - inLeft;
          inLen = inLeft;
          if (outLeft !== 0) break; // the input is used up (or the stream ended)
        }
      }
      if (last) break;
    }
    if (seen !== job.size) throw wrongSize(job, seen);
    const verdict = finishFile(job, hash.digest());
    if (!verdict.ok) return verdict;
    if (job.chmod) fs.fchmodSync(outFd, job.mode);
    identity = fs.fstatSync(outFd, { bigint: true });
  } finally {
    fs.closeSync(outFd);
  }
  return linked(job, { ok: true }, identity);
}

function fileSha256(path) {
  const fd = fs.openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const scratch = buffer('scratch', 1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, scratch, 0, scratch.length, null);
      if (n === 0) break;
      hash.update(scratch.subarray(0, n));
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

const failure = (error) => ({
  ok: false,
  reason: 'error',
  message: error instanceof Refusal ? error.message : String(error && error.message),
});
const each = (fd, jobs, run) => jobs.map((job) => {
  try {
    return run(fd, job);
  } catch (error) {
    return failure(error);
  }
});

parentPort.on('message', (message) => {
  if (message.kind === 'batch') {
    const results = each(message.fd, message.jobs, small);
    parentPort.postMessage({ id: message.id, results, held: stats.held, allocations: stats.allocations });
  } else if (message.kind === 'stream') {
    const results = each(message.fd, [message.job], streamed);
    parentPort.postMessage({ id: message.id, results, held: stats.held, allocations: stats.allocations });
  } else {
    try {
      parentPort.postMessage({ id: message.id, sha256: fileSha256(message.path), held: stats.held, allocations: stats.allocations });
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: String(error && error.message), held: stats.held, allocations: stats.allocations });
    }
  }
});
`;

;// CONCATENATED MODULE: ./src/install/extract-pool.ts
/**
 * Worker threads that do the byte work of an install off the main thread (issue 9 §4): what each
 * worker does is in extract-worker.ts; this pool spreads the jobs over the workers. Measured on the
 * main thread, reading, the asynchronous zlib and fs glue, copying bytes into messages and garbage
 * collection cost more than the inflation itself; the main thread now only plans, renames and
 * keeps the books.
 *
 * A budget of in-flight bytes (`ExtractPool.budget`) bounds how much work is queued to the
 * workers: a batch counts its members' compressed plus inflated sizes, a stream its window; work
 * waits while the budget is spent (one job always runs, whatever its size). `peakInFlightBytes`
 * answers the highest total seen; `workerBuffers` what the workers hold and how often they
 * allocated (tests check both).
 */




/** Sum of the bytes a batch of members may hold in a worker (compressed plus inflated). */
function batchBytes(jobs) {
    return jobs.reduce((n, j) => n + j.compressedSize + j.size, 0);
}
class ExtractPool {
    budget;
    workers = [];
    load = new Map();
    pending = new Map();
    nextId = 0;
    closed = false;
    inFlight = 0;
    peak = 0;
    waiting = [];
    /** Per worker (kept after it exits): its buffer bytes and buffer allocations, as last reported. */
    buffers = new Map();
    constructor(size, 
    /** In-flight byte budget (see the module comment). */
    budget = 48 * 1024 * 1024) {
        this.budget = budget;
        this.size = Math.max(1, size ?? Math.min(4, (0,external_node_os_.availableParallelism)()));
    }
    size;
    /** The highest total of in-flight bytes so far. */
    get peakInFlightBytes() {
        return this.peak;
    }
    /**
     * Buffer bytes the workers hold (their reused buffers; at most WORKER_BUFFER_BOUND each) and how
     * many buffers they allocated in all — a handful per worker, not one per member.
     */
    get workerBuffers() {
        let held = 0;
        let allocations = 0;
        for (const b of this.buffers.values()) {
            held += b.held;
            allocations += b.allocations;
        }
        return { held, allocations, workers: this.buffers.size };
    }
    /** Runs `work` once `bytes` fit in the budget (or nothing else is in flight). */
    async withBytes(bytes, work) {
        if (this.inFlight > 0 && (this.inFlight + bytes > this.budget || this.waiting.length > 0)) {
            await new Promise((go) => this.waiting.push({ bytes, go })); // wake() reserved the bytes
        }
        else
            this.reserve(bytes);
        try {
            return await work();
        }
        finally {
            this.inFlight -= bytes;
            this.wake();
        }
    }
    reserve(bytes) {
        this.inFlight += bytes;
        this.peak = Math.max(this.peak, this.inFlight);
    }
    /** First come, first served: a large job is not starved by small ones queued behind it. */
    wake() {
        while (this.waiting.length > 0) {
            const next = this.waiting[0];
            if (this.inFlight > 0 && this.inFlight + next.bytes > this.budget)
                return;
            this.waiting.shift();
            this.reserve(next.bytes);
            next.go();
        }
    }
    spawn() {
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, {
            eval: true,
            workerData: {
                smallCompressed: SMALL_COMPRESSED,
                smallInflated: SMALL_INFLATED,
                chunk: STREAM_CHUNK,
                headerMax: LOCAL_HEADER_MAX,
            },
        });
        worker.unref(); // never keeps the process alive
        worker.on('message', (reply) => {
            if (reply.held !== undefined && reply.allocations !== undefined)
                this.buffers.set(worker, { held: reply.held, allocations: reply.allocations });
            const p = this.pending.get(reply.id);
            if (p === undefined)
                return;
            this.pending.delete(reply.id);
            this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
            p.resolve(reply);
        });
        const fail = (error) => {
            for (const [id, p] of this.pending) {
                if (p.worker !== worker)
                    continue;
                this.pending.delete(id);
                p.reject(error);
            }
            const at = this.workers.indexOf(worker);
            if (at >= 0)
                this.workers.splice(at, 1);
            this.load.delete(worker);
        };
        worker.on('error', fail);
        worker.on('exit', (code) => fail(new Error(`internal error: an extraction worker exited (${code})`)));
        this.workers.push(worker);
        this.load.set(worker, 0);
        return worker;
    }
    send(message) {
        if (this.closed)
            return Promise.reject(new Error('internal error: extraction pool used after close'));
        let worker;
        if (this.workers.length < this.size)
            worker = this.spawn();
        else
            worker = [...this.load].sort((a, b) => a[1] - b[1])[0]?.[0] ?? this.spawn();
        const id = this.nextId++;
        this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
        const chosen = worker;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject, worker: chosen });
            chosen.postMessage({ ...message, id });
        });
    }
    /** Small members of the wheel open as `fd`, done in one go; one result per job, in order. */
    async batch(fd, jobs) {
        return this.batchOf(fd, batchBytes(jobs), () => jobs);
    }
    /**
     * As `batch`, with the jobs made only once `bytes` (their `batchBytes`) fit in the budget: a
     * wheel queues all its batches at once, and the jobs of those still waiting would otherwise all
     * be in the main heap together (tens of thousands for torch or tensorflow).
     */
    async batchOf(fd, bytes, makeJobs) {
        return this.withBytes(bytes, async () => (await this.send({ kind: 'batch', fd, jobs: makeJobs() })).results ?? []);
    }
    /** One large member, streamed inside a worker. */
    async stream(fd, job) {
        return this.withBytes(STREAM_WINDOW, async () => {
            const [result] = (await this.send({ kind: 'stream', fd, job })).results ?? [];
            return result ?? { ok: false, reason: 'error', message: 'internal error: no result' };
        });
    }
    /** sha256 (hex) of a whole file, read in a worker. */
    async sha256(path) {
        const reply = await this.withBytes(STREAM_WINDOW, () => this.send({ kind: 'hash', path }));
        if (reply.sha256 === undefined)
            throw new Error(`${path}: ${reply.error ?? 'could not be read'}`);
        return reply.sha256;
    }
    async close() {
        this.closed = true;
        await Promise.all(this.workers.map((w) => w.terminate()));
    }
}

// EXTERNAL MODULE: ./src/install/install-target.ts
var install_target = __webpack_require__(1612);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/install/extract-members.ts
/**
 * Extracts a wheel's members to their staging paths (issue 9 §3–§4): every member inflated once,
 * checked against its RECORD hash while it streams, and written once with its final mode. Plain
 * members go to the extraction workers (extract-pool.ts) when there are any — small ones in
 * batches, large ones streamed, largest first; `#!python` scripts (fixed for the target here) and
 * unhashed signature files are done on this thread. With the unpacked-wheel cache, a worker also
 * hard-links each member it writes into the cache entry (unpacked-cache.ts `ExtractLink`).
 */








/**
 * A batch for the pool: this many members or this many compressed plus inflated bytes, whichever
 * comes first (a worker holds one member of a batch at a time; the pool's budget counts batches).
 */
const BATCH_FILES = 64;
const BATCH_BYTES = 8 * 1024 * 1024;
/**
 * fs.writeFile through the callback API: no FileHandle object per file (measurably cheaper over
 * thousands of small files than the promise API).
 */
function writeFile(path, data, options) {
    return new Promise((resolve, reject) => (0,external_node_fs_.writeFile)(path, data, options, (error) => (error ? reject(error) : resolve())));
}
/**
 * A member installed byte for byte and checked against its RECORD hash: what the extraction
 * workers write and what the unpacked-wheel cache keeps (not `#!python` scripts, which are
 * rewritten for the target, nor unhashed signature files).
 */
function copiedAsIs(file) {
    return !file.script && file.expected !== undefined;
}
class Digest extends external_node_stream_.Transform {
    hash;
    constructor(algorithm) {
        super();
        this.hash = (0,external_node_crypto_.createHash)(algorithm);
    }
    _transform(chunk, _e, done) {
        this.hash.update(chunk);
        done(null, chunk);
    }
}
/** Modes as pip writes members (see stage-wheel.ts): plain before the umask, executable after it. */
function memberModes(umask) {
    return { plainMode: 0o666, execMode: (0o777 & ~umask) | 0o111 };
}
/**
 * The extraction of `opts.archive`'s members: the function answered extracts the given pairs
 * (and, with `links`, collects what the workers did about each cache link), failing with the
 * first member's WheelInstallError once all of them settled.
 */
function memberExtractor(opts) {
    const { archive, filename, interpreter, umask, pool } = opts;
    const { plainMode, execMode } = memberModes(umask);
    const fail = (detail, entry) => {
        throw new wheel_install_error/* WheelInstallError */.x(filename, detail, entry);
    };
    const checkDigest = (file, digest) => {
        if (file.expected !== undefined && !digest.equals(file.expected.digest)) {
            fail('refused: content does not match its RECORD hash', file.archivePath);
        }
    };
    const extract = async (file, stagedPath) => {
        const mode = file.executable ? execMode : plainMode;
        const algorithm = file.expected?.nodeAlgorithm ?? 'sha256';
        const small = file.entry.compressedSize <= SMALL_MEMBER && file.entry.uncompressedSize <= SMALL_INFLATED;
        let content;
        if (small) {
            content = await archive.readMember(file.entry, SMALL_INFLATED);
            checkDigest(file, (0,external_node_crypto_.createHash)(algorithm).update(content).digest());
        }
        if (file.script) {
            if (content === undefined) {
                // A large script (a packed binary, usually): only its first bytes decide.
                const head = Buffer.alloc(8);
                const stream = await archive.streamMember(file.entry);
                const digest = new Digest(algorithm);
                await (0,external_node_stream_promises_.pipeline)(stream, digest, (0,external_node_fs_.createWriteStream)(stagedPath, { mode, flags: 'wx' }));
                checkDigest(file, digest.hash.digest());
                const fh = await (0,promises_.open)(stagedPath, 'r');
                try {
                    await fh.read(head, 0, 8, 0);
                }
                finally {
                    await fh.close();
                }
                if (needsShebangFix(head))
                    content = await (0,promises_.readFile)(stagedPath);
                else {
                    if (file.executable && (execMode & umask) !== 0)
                        await (0,promises_.chmod)(stagedPath, execMode);
                    return;
                }
            }
            if (needsShebangFix(content)) {
                content = fixScript(content, interpreter, interpreter.osName === 'nt' ? '\r\n' : '\n');
                opts.rewritten(file, content);
            }
            await writeFile(stagedPath, content, { mode, flag: small ? 'wx' : 'w' });
        }
        else if (content !== undefined) {
            await writeFile(stagedPath, content, { mode, flag: 'wx' });
        }
        else {
            const stream = await archive.streamMember(file.entry);
            const digest = new Digest(algorithm);
            await (0,external_node_stream_promises_.pipeline)(stream, digest, (0,external_node_fs_.createWriteStream)(stagedPath, { mode, flags: 'wx' }));
            checkDigest(file, digest.hash.digest());
        }
        if (file.executable && (execMode & umask) !== 0)
            await (0,promises_.chmod)(stagedPath, execMode);
    };
    // With a pool, plain members are done by its workers (small ones in batches, large ones
    // streamed); scripts and unhashed signature files are done here.
    // Several batches fit in the budget at once (so every worker has one).
    const batchLimit = Math.min(BATCH_BYTES, Math.floor((pool?.budget ?? BATCH_BYTES) / 4));
    const boundsOf = (file) => {
        try {
            return archive.bounds(file.entry);
        }
        catch (error) {
            const message = error.message;
            throw new wheel_install_error/* WheelInstallError */.x(filename, message.startsWith(`${filename}: `) ? message.slice(filename.length + 2) : message, file.archivePath);
        }
    };
    const toJob = (file, stagedPath, link) => {
        const { limit } = boundsOf(file);
        const expected = file.expected;
        const job = {
            headerOffset: file.entry.localHeaderOffset,
            limit,
            method: file.entry.method,
            compressedSize: file.entry.compressedSize,
            size: file.entry.uncompressedSize,
            label: JSON.stringify(file.entry.name),
            algorithm: expected.nodeAlgorithm,
            digest: expected.digest,
            staged: stagedPath,
            mode: file.executable ? execMode : plainMode,
            chmod: file.executable && (execMode & umask) !== 0,
        };
        if (link !== undefined)
            job.link = link;
        return job;
    };
    // `links[at]` collects what a worker answers about a member it also linked (ExtractLink).
    const verdict = (pair, r, links) => {
        const { file, at } = pair;
        if (r.ok) {
            if (r.id !== undefined && opts.identified !== undefined) {
                opts.identified(pair.path, r.id);
                // The second name shares the inode only when the link was made (not a copy's).
                if (pair.link !== undefined && r.linked !== undefined)
                    opts.identified(pair.link, r.id);
            }
            if (links !== undefined && at !== undefined)
                links[at] =
                    r.linked !== undefined
                        ? { identity: r.linked }
                        : r.linkError !== undefined
                            ? { error: r.linkError }
                            : undefined;
            return;
        }
        if (r.reason === 'hash')
            fail('refused: content does not match its RECORD hash', file.archivePath);
        else
            fail(r.message, file.archivePath);
    };
    // Extracts members to the given paths: plain members by the pool's workers (small ones in
    // batches, large ones streamed) when there is a pool, scripts and the rest on this thread.
    // A batch's jobs are made when the pool takes it (ExtractPool.batchOf), not all up front.
    // With `links` (the unpacked-wheel cache), a worker also hard-links each member it writes to
    // `pair.link`, and what it did lands in `links[pair.at]`.
    return async (pairs, links) => {
        let batch = [];
        let bytesInBatch = 0;
        const work = [];
        const flush = () => {
            if (batch.length === 0 || pool === undefined)
                return;
            const members = batch;
            const bytes = bytesInBatch;
            batch = [];
            bytesInBatch = 0;
            work.push(pool
                .batchOf(archive.fd, bytes, () => members.map((m) => toJob(m.file, m.path, m.link)))
                .then((outcome) => outcome.forEach((r, i) => verdict(members[i], r, links))));
        };
        // Members the pool streams go first, largest first: one of them may be most of the wheel
        // (torch's 414 MB libtorch_cpu.so lies near the end of its archive) and must not be left
        // inflating alone on one core once every small member is done.
        const small = (file) => file.entry.compressedSize <= SMALL_MEMBER && file.entry.uncompressedSize <= SMALL_INFLATED;
        if (pool !== undefined) {
            const streamed = pairs
                .filter(({ file }) => copiedAsIs(file) && !small(file))
                .sort((a, b) => b.file.entry.uncompressedSize - a.file.entry.uncompressedSize);
            for (const pair of streamed) {
                let job;
                try {
                    job = toJob(pair.file, pair.path, pair.link);
                }
                catch (error) {
                    work.push(Promise.reject(error));
                    continue;
                }
                work.push(pool.stream(archive.fd, job).then((r) => verdict(pair, r, links)));
            }
        }
        for (const pair of pairs) {
            const { file, path: stagedPath } = pair;
            if (pool !== undefined && copiedAsIs(file)) {
                if (!small(file))
                    continue; // started above
                try {
                    boundsOf(file); // refused here, in member order, as before the batch is made
                }
                catch (error) {
                    work.push(Promise.reject(error));
                    continue;
                }
                batch.push(pair);
                bytesInBatch += file.entry.compressedSize + file.entry.uncompressedSize;
                if (batch.length >= BATCH_FILES || bytesInBatch >= batchLimit)
                    flush();
                continue;
            }
            work.push(opts.limit(() => extract(file, stagedPath).catch((error) => {
                if (error instanceof wheel_install_error/* WheelInstallError */.x)
                    throw error;
                throw new wheel_install_error/* WheelInstallError */.x(filename, error.message, file.archivePath);
            })));
        }
        flush();
        const results = await Promise.allSettled(work);
        const firstFailure = results.find((r) => r.status === 'rejected');
        if (firstFailure !== undefined)
            throw firstFailure.reason;
    };
}

// EXTERNAL MODULE: ./src/install/stage-layout.ts
var stage_layout = __webpack_require__(6920);
;// CONCATENATED MODULE: ./src/install/case-fold.ts
/**
 * Where a wheel's members land on a case-insensitive file system (macOS's default APFS, Windows'
 * NTFS), so that wheelhouse stages exactly what pip leaves there. pip writes the members one after
 * another (pip/_internal/operations/install/wheel.py, `ZipBackedFile.save`): it makes the parent
 * with `os.makedirs(exist_ok)` (utils/misc.py `ensure_dir`) and unlinks an existing file before it
 * writes. On such a file system `Foo/a.py` and `foo/b.py` therefore both land in the directory
 * spelled as it was first made (`Foo/`), and a later member whose path differs from an earlier
 * one's only in case replaces it, keeping its own last component's spelling. RECORD still lists
 * every member as the wheel spells it (its rows come from the wheel's RECORD).
 *
 * Folding is `toLowerCase` (Unicode default case mapping, the case-insensitivity both file systems
 * have); APFS also ignores Unicode normalisation, which is not folded here: two such spellings
 * still fail to stage (an error, never a mixed result).
 */
/** The case folding of names (see the header). */
const fold = (s) => s.toLowerCase();
/**
 * For each member (the scheme root it goes below, and its `/`-separated subpath, in archive
 * order), the subpath it lands at on a case-insensitive file system, or undefined when a later
 * member lands at the same path and replaces it.
 */
function landingSubpaths(members) {
    const dirSpelling = new Map(); // root + folded directory subpath → first spelling
    const lastAt = new Map(); // root + folded file subpath → last member there
    const out = [];
    for (const [i, { root, subpath }] of members.entries()) {
        const parts = subpath.split('/');
        const name = parts.pop();
        let spelled = '';
        for (const part of parts) {
            const next = spelled === '' ? part : `${spelled}/${part}`;
            const key = `${root}\0${fold(next)}`;
            let first = dirSpelling.get(key);
            if (first === undefined) {
                first = next;
                dirSpelling.set(key, first);
            }
            spelled = first;
        }
        const landed = spelled === '' ? name : `${spelled}/${name}`;
        const key = `${root}\0${fold(landed)}`;
        const earlier = lastAt.get(key);
        if (earlier !== undefined)
            out[earlier] = undefined;
        lastAt.set(key, i);
        out.push(landed);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/install/stage-wheel.ts
/**
 * Unpacks one planned wheel into a staging directory (issue 9 §2–§4): every member inflated once,
 * checked against its RECORD hash while it streams, and written once with its final mode
 * (extract-members.ts), or hard-linked from the unpacked-wheel cache; the `#!python` script fix
 * changes the script's RECORD row here, and the launchers and metadata files (stage-metadata.ts) are
 * staged beside the members, so that placing the distribution is only renames.
 *
 * Modes as pip 23.2 writes them (pip/_internal/utils/unpacking.py, operations/install/wheel.py):
 * members `0o666 & ~umask`, members with an execute bit in their zip mode
 * `(0o777 & ~umask) | 0o111`, launchers `(0o666 & ~umask) | 0o555` (distlib `set_mode`), generated
 * metadata `0o666 & ~umask`.
 */







function stagedFile(staged, dest, metadata, tree) {
    return tree !== undefined ? { staged, dest, metadata, tree } : { staged, dest, metadata };
}
function schemeDir(opts, key) {
    const p = opts.interpreter.paths;
    if (key === 'headers')
        return (0,external_node_path_.join)(p.include, opts.headersName);
    return p[key];
}
function toRecordPath(dest, libDir) {
    // Inside libDir (nearly always): the rest of the path, without path.relative's resolving.
    if (dest.startsWith(libDir) && dest[libDir.length] === external_node_path_.sep && !libDir.endsWith(external_node_path_.sep)) {
        const rest = dest.slice(libDir.length + 1);
        return external_node_path_.sep === '/' ? rest : rest.split(external_node_path_.sep).join('/');
    }
    return (0,external_node_path_.relative)(libDir, dest).split(external_node_path_.sep).join('/');
}
/**
 * `join(dir, ...subpath.split('/'))` without path.join's normalising per file: `subpath` is clean
 * (wheel-plan.ts drops empty, `.` and `..` segments), so only `dir` needs normalising, once.
 */
let lastDir = '';
let lastBase = '';
function destUnder(dir, subpath) {
    if (dir !== lastDir) {
        const base = (0,external_node_path_.join)(dir);
        lastBase = base.endsWith(external_node_path_.sep) ? base : base + external_node_path_.sep; // one concatenation per destination
        lastDir = dir;
    }
    return lastBase + (external_node_path_.sep === '/' ? subpath : subpath.split('/').join(external_node_path_.sep));
}
/** Stages `plan` from `archive` into `stageDir` (which exists and is empty). */
async function stageWheel(archive, plan, filename, stageDir, opts) {
    const { interpreter, umask } = opts;
    const libDir = plan.rootIsPurelib ? interpreter.paths.purelib : interpreter.paths.platlib;
    const distInfoDest = (0,external_node_path_.join)(libDir, plan.distInfo);
    const p = interpreter.paths;
    const layout = new stage_layout/* StageLayout */.Rx(stageDir, !(0,stage_layout/* rootsAlias */.YC)([p.purelib, p.platlib, p.scripts, p.data, p.include]));
    const staged = [];
    const installed = new Map(); // archive path → record path
    const changed = new Map(); // record path → new row
    const pyFiles = [];
    const { plainMode, execMode } = memberModes(umask);
    const ids = new Map(); // staged path → identity, as workers answered them
    const extractAll = memberExtractor({
        identified: (path, id) => ids.set(path, id),
        archive,
        filename,
        interpreter,
        umask,
        limit: opts.limit,
        ...(opts.pool !== undefined ? { pool: opts.pool } : {}),
        rewritten: (file, content) => {
            const rp = toRecordPath(destUnder(schemeDir(opts, file.scheme), file.subpath), libDir);
            changed.set(rp, { path: rp, hash: sha256Record(content), size: String(content.length) });
        },
    });
    const members = [];
    // On a case-insensitive file system, where pip's member-by-member writes leave each member (case-fold.ts).
    const landing = opts.caseInsensitive
        ? landingSubpaths(plan.files.map((f) => ({ root: schemeDir(opts, f.scheme), subpath: f.subpath })))
        : undefined;
    for (const [i, file] of plan.files.entries()) {
        const root = schemeDir(opts, file.scheme);
        const subpath = landing === undefined ? file.subpath : landing[i];
        if (subpath === undefined) {
            // Replaced by a later member of the same path but for case: only its RECORD row stays.
            installed.set(file.archivePath, toRecordPath(destUnder(root, file.subpath), libDir));
            continue;
        }
        const dest = destUnder(root, subpath);
        const { staged: stagedPath, tree } = layout.reserve(root, dest);
        const metadata = file.scheme === (plan.rootIsPurelib ? 'purelib' : 'platlib') &&
            file.subpath.startsWith(`${plan.distInfo}/`);
        staged.push(stagedFile(stagedPath, dest, metadata, tree));
        installed.set(file.archivePath, toRecordPath(subpath === file.subpath ? dest : destUnder(root, file.subpath), libDir));
        if (dest.endsWith('.py'))
            pyFiles.push(dest);
        members.push({ file, path: stagedPath });
    }
    layout.makeDirs();
    const unpacked = opts.unpacked;
    if (unpacked === undefined)
        await extractAll(members);
    else {
        // Target-independent members come from the unpacked-wheel cache (hard links); `#!python`
        // scripts and unhashed signature files are always extracted here (unpacked-cache.ts).
        const cacheable = members.filter(({ file }) => copiedAsIs(file));
        const direct = members.filter(({ file }) => !copiedAsIs(file));
        const files = cacheable.map(({ file, path }) => ({
            archivePath: file.archivePath,
            algorithm: file.expected.nodeAlgorithm,
            digest: file.expected.digest,
            size: file.entry.uncompressedSize,
            mode: file.executable ? execMode : plainMode & ~umask,
            staged: path,
        }));
        const results = await Promise.allSettled([
            extractAll(direct),
            unpacked.cache.stage(unpacked.wheelSha256, umask, files, async (targets, links) => {
                const answers = new Array(targets.length).fill(undefined);
                await extractAll(cacheable.map(({ file }, i) => links === undefined
                    ? { file, path: targets[i] }
                    : { file, path: targets[i], link: links[i], at: i }), links === undefined ? undefined : answers);
                return answers;
            }, (path, id) => ids.set(path, id)),
        ]);
        const firstFailure = results.find((r) => r.status === 'rejected');
        if (firstFailure !== undefined)
            throw firstFailure.reason;
    }
    // Launchers, INSTALLER, direct_url.json, REQUESTED and RECORD (stage-metadata.ts).
    await stageMetadata({
        plan,
        filename,
        stageDir,
        interpreter,
        umask,
        env: opts.env,
        requested: opts.requested,
        ...(opts.directUrl !== undefined ? { directUrl: opts.directUrl } : {}),
        ...(opts.launchers !== undefined ? { launchers: opts.launchers } : {}),
        distInfoDest,
        installed,
        changed,
        recordPath: (dest) => toRecordPath(dest, libDir),
        write: async (dest, bytes, mode, metadata) => {
            // Metadata lies in the .dist-info directory below the lib directory; launchers in scripts.
            const { staged: stagedPath, tree } = layout.reserve(metadata ? libDir : (0,external_node_path_.dirname)(dest), dest);
            layout.makeDirs();
            await writeFile(stagedPath, bytes, { mode, flag: 'wx' });
            if ((mode & umask) !== 0 && mode !== 0o666)
                await (0,promises_.chmod)(stagedPath, mode);
            staged.push(stagedFile(stagedPath, dest, metadata, tree));
        },
    });
    for (const f of staged) {
        const id = ids.get(f.staged);
        if (id !== undefined)
            f.id = id;
    }
    return { files: staged, distInfoDest, pyFiles, libDir };
}

// EXTERNAL MODULE: ./src/install/repair.ts
var repair = __webpack_require__(862);
// EXTERNAL MODULE: ./src/install/transaction.ts + 1 modules
var transaction = __webpack_require__(596);
;// CONCATENATED MODULE: ./src/install/wheel-file-check.ts
/**
 * Whether a wheel file's bytes are the ones the resolution pinned (issue 9 §3): its whole-file
 * sha256, and — for a file the caller hashed itself in this process — whether the open descriptor
 * is still exactly that file, unchanged since, so that its hash need not be computed again.
 */



/** The identity of the open `fd` (fstat, nanoseconds), or undefined when it cannot be read. */
function identityOfFd(fd) {
    return new Promise((resolve) => (0,external_node_fs_.fstat)(fd, { bigint: true }, (error, st) => resolve(error === null ? (0,file_stamps/* identityOfStats */.DZ)(st) : undefined)));
}
/** Whether the open `fd` is the file `verified` describes, unchanged since (fstat, nanoseconds). */
async function sameFile(fd, verified) {
    const now = await identityOfFd(fd);
    return now !== undefined && (0,file_stamps/* sameIdentity */.BU)(now, verified);
}
/** sha256 of a whole wheel, read in 1 MiB chunks (fewer callbacks than util's 64 KiB reader). */
async function wheelSha256(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1024 * 1024 })) {
        hash.update(chunk);
    }
    return { sha256: hash.digest('hex') };
}

;// CONCATENATED MODULE: ./src/install/priority-limiter.ts
/**
 * Counting semaphores for the installer's concurrency limits (issue 9 §4). `priorityLimiter` lets
 * the waiting work with the highest priority in first (ties in arrival order): the installer gives
 * each wheel its size, so the largest wheels start first and the long single-member streams (a
 * 150 MB shared library inflates on one core) do not run alone at the end while the other core
 * has nothing left to do. A finishing task hands its slot straight to the chosen waiter, so at
 * most `max` tasks ever run at once.
 */
/** Whether `a` goes before `b`: higher priority first, then arrival order. */
function before(a, b) {
    return a.priority > b.priority || (a.priority === b.priority && a.order < b.order);
}
/**
 * The waiters as a binary heap (first: the one `before` every other): a wheel with 30,000 members
 * queues each of them on the file limit at once, so taking the next one must not cost a scan.
 */
class WaiterHeap {
    items = [];
    get size() {
        return this.items.length;
    }
    push(w) {
        const a = this.items;
        a.push(w);
        let i = a.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(a[i], a[parent]))
                break;
            [a[i], a[parent]] = [a[parent], a[i]];
            i = parent;
        }
    }
    pop() {
        const a = this.items;
        const top = a[0];
        const last = a.pop();
        if (a.length === 0 || last === undefined)
            return top;
        a[0] = last;
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < a.length && before(a[l], a[m]))
                m = l;
            if (r < a.length && before(a[r], a[m]))
                m = r;
            if (m === i)
                return top;
            [a[i], a[m]] = [a[m], a[i]];
            i = m;
        }
    }
}
function priorityLimiter(max) {
    const slots = Math.max(1, max);
    let running = 0;
    let arrivals = 0;
    const waiting = new WaiterHeap();
    const handOver = () => {
        waiting.pop()?.go();
    };
    const acquire = async (priority) => {
        if (running >= slots) {
            // The slot is handed over by a finishing task (`running` stays as it is).
            await new Promise((go) => waiting.push({ priority, order: arrivals++, go }));
        }
        else
            running++;
    };
    const release = () => {
        if (waiting.size > 0)
            handOver();
        else
            running--;
    };
    const limit = async (priority, work) => {
        await acquire(priority);
        try {
            return await work();
        }
        finally {
            release();
        }
    };
    limit.hold = async (priority) => {
        await acquire(priority);
        let held = true;
        return () => {
            if (!held)
                return;
            held = false;
            release();
        };
    };
    limit.outside = async (priority, wait) => {
        release();
        try {
            return await wait;
        }
        finally {
            await acquire(priority);
        }
    };
    return limit;
}
/** A counting semaphore (first come, first served). */
function limiter(max) {
    const byPriority = priorityLimiter(max);
    return (work) => byPriority(0, work);
}

;// CONCATENATED MODULE: ./src/install/installer.ts
/**
 * The native wheel installer (issue 9 §2–§4). `openInstaller` checks the target (PEP 668, writable
 * scheme directories), repairs what a killed earlier run left, and reads what is installed — all
 * before changing anything. `add` starts installing one verified wheel at once (bounded concurrency
 * across wheels, and across the members of each wheel), so installing overlaps downloading;
 * `finish` waits for every wheel, byte-compiles when asked, and answers what happened. With
 * `placeAfter` (the install flow: the fetch succeeded), staged wheels are placed only after it.
 *
 * Per wheel: the sha256 of the whole file is checked again against the resolution (unless the
 * caller hashed these very bytes in this process and the open descriptor proves the file is
 * unchanged since: `InstallItem.verified`); the same
 * version already installed is left alone (unless `reinstall`); otherwise the wheel is planned
 * (wheel-plan.ts), staged (stage-wheel.ts) in a `.wheelhouse-staging-*` directory inside
 * site-packages — the same file system, so placing is renames — and placed by a journaled
 * transaction (transaction.ts) that first moves the replaced version's RECORD files aside (pip's
 * uninstall semantics) and restores them on failure.
 */



















function sameVersion(a, b) {
    const va = standards_version/* Version */.Rx.tryParse(a);
    const vb = standards_version/* Version */.Rx.tryParse(b);
    return va !== null && vb !== null ? va.equals(vb) : a === b;
}
async function openInstaller(opts) {
    const { interpreter, logger } = opts;
    const env = opts.env ?? process.env;
    const target = await (0,install_target/* checkInstallTarget */.N)(interpreter, opts.breakSystemPackages === true);
    const { umask } = target;
    const caseInsensitive = opts.caseInsensitive ?? target.caseInsensitive;
    const { purelib, platlib, scripts, data, include } = interpreter.paths;
    const roots = [...new Set([purelib, platlib, scripts, data, include, interpreter.prefix])];
    for (const dir of new Set([purelib, platlib]))
        await (0,repair/* recoverStaging */.es)(dir, roots, logger);
    const installedDists = await readInstalledDists([purelib, platlib]);
    // Staging happens inside purelib: the cache serves only when it can hard-link into it (the
    // probe's name is a staging name, so recoverStaging removes it should this run be killed).
    const unpacked = opts.unpackedCache !== undefined &&
        (await opts.unpackedCache.usableFor((0,external_node_path_.join)(purelib, `${transaction/* STAGING_PREFIX */.th}link-probe-`)))
        ? opts.unpackedCache
        : undefined;
    const distLimit = priorityLimiter(Math.max(1, opts.concurrency ?? 4));
    const pool = opts.workers === 0 ? undefined : new ExtractPool(opts.workers, opts.inFlightBytes);
    const fileLimit = limiter(Math.max(1, opts.fileConcurrency ?? 16));
    const largeMembers = opts.largeWheelMembers ?? 8192;
    // One large wheel from planning to placed at a time: its per-member state (tens of MB) is dead
    // before the next one's is made (docs/benchmarks.md, Install, session 8).
    const largeGate = priorityLimiter(1); // first come, first served (one priority)
    let largeNow = 0;
    let peakLarge = 0;
    const afterLargeWheel = opts.afterLargeWheel ?? collectGarbage;
    const summary = { installed: [], unchanged: [], replaced: [], compiledFiles: 0 };
    const pending = [];
    const seen = new Set();
    // --compile: a dist's files are compiled as soon as it is committed (compile.ts).
    const compiler = opts.compile
        ? startCompiler(interpreter, env, opts.compileProcesses)
        : undefined;
    const compiling = [];
    // Committed staging directories, removed once the install is done (transaction.ts keepCommitted).
    const committed = [];
    let finished = false;
    let hashedWheels = 0;
    // Once the run has failed (placeAfter rejected), a wheel not staged yet is not even hashed or
    // staged: the error reaches the user without first writing and discarding the rest.
    let abandoned = false;
    // Whether placeAfter has settled (fulfilled): until then a staged large wheel waits without the
    // large-wheel gate, so that staging goes on while downloads do.
    let placeable = opts.placeAfter === undefined;
    opts.placeAfter?.then(() => {
        placeable = true;
    }, () => {
        abandoned = true;
    });
    const notInstalled = (filename) => new wheel_install_error/* WheelInstallError */.x(filename, 'not installed: the run failed before every wheel was verified');
    const installOne = async (item) => {
        const name = (0,standards_names/* normalizeName */.Pc)(item.name);
        const existing = installedDists.get(name);
        if (existing !== undefined && !opts.reinstall && sameVersion(existing.version, item.version)) {
            summary.unchanged.push({ name: item.name, version: existing.version });
            // --compile: what a run killed while compiling it (or one without --compile) left
            // uncompiled is compiled now — once the fetch succeeded, like any other change.
            if (compiler !== undefined) {
                const done = (async () => {
                    if (opts.placeAfter !== undefined &&
                        !(await opts.placeAfter.then(() => true, () => false)))
                        return 0;
                    const owed = await uncompiledDist(existing, interpreter.prefix, interpreter);
                    return owed === undefined ? 0 : compileDist(compiler, owed);
                })();
                done.catch(() => { }); // reported by finish()
                compiling.push(done);
            }
            return;
        }
        if (abandoned)
            throw notInstalled(item.filename);
        const pinned = item.sha256.toLowerCase();
        const checkHash = async () => {
            hashedWheels++;
            const actual = pool !== undefined ? await pool.sha256(item.wheelPath) : (await wheelSha256(item.wheelPath)).sha256;
            if (actual !== pinned) {
                throw new wheel_install_error/* WheelInstallError */.x(item.filename, `sha256 ${actual} differs from the resolution's ${item.sha256}; not installed`);
            }
        };
        const legacy = () => {
            if (existing !== undefined && existing.kind !== 'dist-info') {
                throw new wheel_install_error/* WheelInstallError */.x(item.filename, `${existing.metadataDir} is a legacy .egg-info installation the native installer cannot remove; use --installer pip`);
            }
        };
        const vouched = item.verified !== undefined && item.verified.sha256.toLowerCase() === pinned;
        if (!vouched)
            await checkHash();
        legacy();
        const open = async () => {
            try {
                return await openWheelArchive(item.wheelPath, item.filename);
            }
            catch (error) {
                throw asWheelError(item.filename, error);
            }
        };
        let archive = await open();
        // The bytes this process hashed are read only if the descriptor is still exactly that file.
        if (vouched && !(await sameFile(archive.fd, item.verified))) {
            try {
                await checkHash();
            }
            catch (error) {
                await archive.close();
                throw error;
            }
        }
        const large = archive.entries.length >= largeMembers;
        let stageDir;
        let archiveOpen = true;
        let releaseLarge;
        const leaveLarge = () => {
            if (releaseLarge === undefined)
                return;
            largeNow--;
            releaseLarge();
            releaseLarge = undefined;
        };
        try {
            if (large) {
                // Waiting for the gate with the archive open would keep every waiting large wheel's central
                // directory (the per-member state the gate limits) alive at once: closed while it waits,
                // opened again after — and it must still be the file that was hashed or vouched for.
                const before = await identityOfFd(archive.fd);
                archiveOpen = false;
                await archive.close();
                archive = undefined; // and not referenced while waiting (its entries would stay alive)
                releaseLarge = await distLimit.outside(priorityOf(item), largeGate.hold(0));
                peakLarge = Math.max(peakLarge, ++largeNow);
                archive = await open();
                archiveOpen = true;
                const after = await identityOfFd(archive.fd);
                if (before === undefined || after === undefined || !(0,file_stamps/* sameIdentity */.BU)(before, after))
                    await checkHash();
            }
            // Dropped once staged (below), with the archive's directory: a staged wheel waiting for the
            // fetch keeps only what placing needs (an async function keeps its dead locals across await)
            // while the next large wheel stages.
            let plan = await planWheel(archive, item.filename);
            if (plan.name !== name || !sameVersion(plan.version, item.version)) {
                throw new wheel_install_error/* WheelInstallError */.x(item.filename, `the wheel is ${plan.name} ${plan.version}, the resolution says ${item.name} ${item.version}`);
            }
            if (abandoned)
                throw notInstalled(item.filename);
            stageDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(purelib, transaction/* STAGING_PREFIX */.th));
            await (0,repair/* markOwner */.b_)(stageDir);
            const staged = await stageWheel(archive, plan, item.filename, stageDir, {
                interpreter,
                umask,
                limit: fileLimit,
                env,
                requested: item.requested,
                ...(item.directUrl !== undefined ? { directUrl: item.directUrl } : {}),
                headersName: item.requirementName ?? name,
                ...(pool !== undefined ? { pool } : {}),
                ...(unpacked !== undefined ? { unpacked: { cache: unpacked, wheelSha256: pinned } } : {}),
                ...(opts.launchers !== undefined ? { launchers: opts.launchers } : {}),
                ...(caseInsensitive ? { caseInsensitive } : {}),
            });
            plan = undefined;
            let remove = [];
            if (existing !== undefined) {
                const owned = await recordedFiles(existing, interpreter.prefix, interpreter.cacheTag);
                for (const r of owned.refused)
                    logger.warn(`${existing.name}: not removing ${r}: outside the environment`);
                remove = owned.files;
            }
            if (opts.placeAfter !== undefined) {
                logger.debug(`staged ${item.name} ${item.version} (${staged.files.length} files)`);
                archiveOpen = false; // not needed to place: no descriptor held while waiting
                await archive.close();
                archive = undefined;
                if (abandoned)
                    throw notInstalled(item.filename);
                // Once the fetch has succeeded, placing goes on in this slot: giving it away and waiting
                // for one again left staged wheels unplaced behind the four wheels staging meanwhile.
                if (!placeable) {
                    leaveLarge(); // the next large wheel stages while this one waits for the fetch
                    try {
                        // Placing goes before staging more (Infinity): it finishes what is staged.
                        await distLimit.outside(Number.POSITIVE_INFINITY, opts.placeAfter);
                    }
                    catch {
                        throw notInstalled(item.filename);
                    }
                }
            }
            await (0,transaction/* placeStaged */.ge)({
                stageDir,
                dist: `${item.name} ${item.version}`,
                files: staged.files,
                remove,
                roots,
                logger,
                limit: fileLimit,
                ...(opts.afterPlace ? { afterPlace: (i) => opts.afterPlace?.(name, i) } : {}),
                keepCommitted: true,
            });
            committed.push(stageDir);
            stageDir = undefined; // committed: removed by finish()
            installedDists.set(name, {
                name,
                version: item.version,
                metadataDir: staged.distInfoDest,
                kind: 'dist-info',
            });
            if (existing !== undefined && !sameVersion(existing.version, item.version)) {
                summary.replaced.push({ name: item.name, from: existing.version, to: item.version });
            }
            else
                summary.installed.push({ name: item.name, version: item.version });
            if (compiler !== undefined) {
                const done = compileDist(compiler, staged);
                done.catch(() => { }); // reported by finish()
                compiling.push(done);
            }
            logger.debug(`installed ${item.name} ${item.version} (${staged.files.length} files)`);
        }
        catch (error) {
            throw asWheelError(item.filename, error);
        }
        finally {
            if (archiveOpen)
                await archive?.close();
            // A journal there means placing failed and so did its rollback: the directory (journal and the
            // replaced version's moved-aside files) is what the next run repairs from (transaction.ts).
            if (stageDir !== undefined && !(await (0,transaction/* heldForRepair */.Wc)(stageDir)))
                await (0,promises_.rm)(stageDir, { recursive: true, force: true });
            if (large)
                afterLargeWheel();
            leaveLarge();
        }
    };
    return {
        interpreter,
        get peakInFlightBytes() {
            return pool?.peakInFlightBytes ?? 0;
        },
        get hashedWheels() {
            return hashedWheels;
        },
        get peakLargeWheels() {
            return peakLarge;
        },
        add(item) {
            if (finished)
                return Promise.reject(new Error('internal error: add() after finish()'));
            const name = (0,standards_names/* normalizeName */.Pc)(item.name);
            let run;
            if (seen.has(name)) {
                run = Promise.reject(new wheel_install_error/* WheelInstallError */.x(item.filename, `${item.name} was already added to this install`));
            }
            else {
                seen.add(name);
                run = distLimit(priorityOf(item), () => installOne(item));
            }
            run.catch(() => { }); // reported by finish(); callers need not await add()
            pending.push(run);
            return run;
        },
        async finish() {
            finished = true;
            const results = await Promise.allSettled(pending);
            await pool?.close();
            const compiled = await Promise.allSettled(compiling);
            await compiler?.close();
            await (0,transaction/* removeCommitted */.Xl)(committed.splice(0));
            const failure = [...results, ...compiled].find((r) => r.status === 'rejected');
            if (failure !== undefined)
                throw failure.reason;
            for (const r of compiled)
                if (r.status === 'fulfilled')
                    summary.compiledFiles += r.value;
            const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
            summary.installed.sort(byName);
            summary.unchanged.sort(byName);
            summary.replaced.sort(byName);
            return summary;
        },
    };
}
/** Largest first (see priorityLimiter): the size the caller's stamp gives, when it has one. */
function priorityOf(item) {
    const size = Number(item.verified?.size ?? 0);
    return Number.isFinite(size) ? size : 0;
}
/** Any failure while installing one wheel, as a WheelInstallError naming the wheel. */
function asWheelError(filename, error) {
    if (error instanceof wheel_install_error/* WheelInstallError */.x)
        return error;
    const e = error;
    const message = e.message.startsWith(`${filename}: `) ? e.message.slice(filename.length + 2) : e.message;
    const wrapped = new wheel_install_error/* WheelInstallError */.x(filename, message);
    wrapped.cause = error;
    return wrapped;
}

// EXTERNAL MODULE: ./src/install/journal.ts
var journal = __webpack_require__(4820);
// EXTERNAL MODULE: ./src/util/prune-files.ts
var prune_files = __webpack_require__(2186);
;// CONCATENATED MODULE: ./src/install/unpacked-cache-prune.ts
/**
 * Keeping the unpacked-wheel cache (unpacked-cache.ts) bounded ("Bounded" principle): entries no
 * install has used for `maxAgeDays` (default 30) are removed, with what killed runs left behind.
 *
 * Each run (the install flow, after installing) looks at no more than `examine` (default 32) names
 * picked at random in the cache directory (the listing itself stops after 10 000 names), and
 * removes
 *   - `<64 hex>` (an entry): a real directory owned by this user whose mtime — set by every install
 *     that links from it — is older than `maxAgeDays`;
 *   - `.seen-<64 hex>` (a wheel's first-use marker): a regular file of this user older than
 *     `maxAgeDays` (its wheel was not installed again since);
 *   - `.tmp-<16 hex>-<suffix>` (an entry being written): a real directory of this user unmodified
 *     for a day (a live install finishes in minutes);
 *   - `.discard-<16 hex>-<12 hex>` (an entry renamed aside to be deleted) and `.probe-<12 hex>`:
 *     at once (their creator deletes them right after the rename; a leftover is a killed run's).
 * (util/prune-files.ts's `pruneSample` judges regular files; entries here are directories, so the
 * pass is its own, with the same sampling and listing bounds.)
 * Anything else — other names, symlinks, files where a directory belongs, other users' entries —
 * is left alone. An entry is first renamed aside to a private `.discard-` name (atomic: an install
 * that is linking from it either already has its links — whole files, the inodes stay — or finds
 * no entry and unpacks the wheel again), then deleted; rm never follows a symlink inside it.
 * Removing an entry never touches an environment: installed files are other links to the inodes.
 */




/**
 * Renames the directory `path` aside as `<dir>/.discard-<tag, 16 chars>-<random>` (atomically: a
 * reader either had it or finds nothing) and deletes it. False when the rename failed: it is
 * already gone (another install moved it), or not ours to move.
 */
async function discardDir(dir, path, tag) {
    const aside = (0,external_node_path_.join)(dir, `.discard-${tag.slice(0, 16)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    try {
        await (0,promises_.rename)(path, aside);
    }
    catch {
        return false;
    }
    await (0,promises_.rm)(aside, { recursive: true, force: true }).catch(() => undefined);
    return true;
}
const ENTRY = /^[0-9a-f]{64}$/;
const SEEN = /^\.seen-[0-9a-f]{64}$/;
const TMP = /^\.tmp-[0-9a-f]{16}-[A-Za-z0-9]{6}$/;
const LEFTOVER = /^\.(?:discard-[0-9a-f]{16}-[0-9a-f]{12}|probe-[0-9a-f]{12})$/;
/** Removes unused entries and leftovers of the unpacked-wheel cache in `dir` (see the header). */
async function pruneUnpackedCache(dir, options = {}) {
    const examine = options.examine ?? 32;
    const maxAgeMs = (options.maxAgeDays ?? 30) * prune_files/* DAY_MS */.sO;
    const now = options.now ?? Date.now();
    const uid = process.getuid?.() ?? -1;
    const result = { examined: 0, removed: [] };
    const names = await (0,prune_files/* listNames */.Zv)(dir, (n) => ENTRY.test(n) || SEEN.test(n) || TMP.test(n) || LEFTOVER.test(n));
    for (const name of (0,prune_files/* sampleNames */.JQ)(names, examine)) {
        result.examined++;
        const path = (0,external_node_path_.join)(dir, name);
        const info = await (0,promises_.lstat)(path).catch(() => undefined);
        if (info === undefined || info.uid !== uid)
            continue;
        const age = now - info.mtimeMs;
        let remove;
        if (ENTRY.test(name))
            remove = info.isDirectory() && age > maxAgeMs;
        else if (SEEN.test(name))
            remove = info.isFile() && age > maxAgeMs;
        else if (TMP.test(name))
            remove = info.isDirectory() && age > prune_files/* DAY_MS */.sO;
        else
            remove = name.startsWith('.probe-') ? info.isFile() : info.isDirectory();
        if (!remove)
            continue;
        if (ENTRY.test(name) || TMP.test(name)) {
            if (!(await discardDir(dir, path, name.replace(/^\.tmp-/, ''))))
                continue; // gone or replaced under us
        }
        else {
            await (0,promises_.rm)(path, { recursive: true, force: true }).catch(() => undefined);
        }
        result.removed.push(name);
    }
    return result;
}

;// CONCATENATED MODULE: ./src/install/unpacked-manifest.ts
/**
 * The unpacked-wheel cache's manifest and trust checks (unpacked-cache.ts has the design): what an
 * entry's `manifest.json` records of each cached member, when a manifest may be believed (it must
 * say exactly what the verified wheel's plan says), when a directory or a linked file may be
 * trusted, and the verified copy used where a hard link is impossible.
 */



const MANIFEST = 'manifest.json';
const FILES = 'f';
const MANIFEST_VERSION = 1;
const MANIFEST_LIMIT = 64 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/**
 * A member's expected digest as the manifest records it, `<node algorithm>:<hex>` — made when
 * needed, not kept per member (tens of thousands for torch or tensorflow).
 */
function cacheHash(f) {
    return `${f.algorithm}:${f.digest.toString('hex')}`;
}
function errno(error) {
    return error?.code;
}
function myUid() {
    return process.getuid?.() ?? -1;
}
/** Whether `st` is the file the manifest describes (no ctime: link(2) changes it). */
function matches(st, m, uid) {
    return (st.isFile() &&
        st.uid === BigInt(uid) &&
        String(st.dev) === m.dev &&
        String(st.ino) === m.ino &&
        st.size === BigInt(m.size) &&
        String(st.mtimeNs) === m.mtimeNs &&
        Number(st.mode & 4095n) === m.mode);
}
/** A directory we may trust: a real one, ours, not writable by group or others. */
async function trustedDir(path, uid) {
    try {
        const st = await (0,promises_.lstat)(path);
        return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
    }
    catch (error) {
        return errno(error) === 'ENOENT' ? 'missing' : false;
    }
}
/** The manifest when it says exactly what the plan says (see the module comment), else undefined. */
function parseManifest(text, wheel, uid, umask, files) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const m = data;
    if (typeof m !== 'object' || m === null || m.version !== MANIFEST_VERSION)
        return undefined;
    if (m.wheel !== wheel || m.uid !== uid || m.umask !== umask)
        return undefined;
    if (!Array.isArray(m.files) || m.files.length !== files.length)
        return undefined;
    for (let i = 0; i < files.length; i++) {
        const e = m.files[i];
        const f = files[i];
        if (typeof e !== 'object' || e === null)
            return undefined;
        if (e.path !== f.archivePath || e.hash !== cacheHash(f) || e.size !== f.size || e.mode !== f.mode)
            return undefined;
        if (typeof e.dev !== 'string' || typeof e.ino !== 'string' || typeof e.mtimeNs !== 'string')
            return undefined;
    }
    return m;
}
/**
 * Copies the file at `src` to `dest` only when the inode opened (O_NOFOLLOW) is `m`, byte count
 * checked; `dest` gets exactly `m.mode`. False when `src` is not that file.
 */
async function copyVerified(src, dest, m, uid) {
    const handle = await (0,promises_.open)(src, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW).catch(() => undefined);
    if (handle === undefined)
        return false;
    try {
        if (!matches(await handle.stat({ bigint: true }), m, uid))
            return false;
        await (0,external_node_stream_promises_.pipeline)(handle.createReadStream({ start: 0, autoClose: false }), (0,external_node_fs_.createWriteStream)(dest, { mode: m.mode, flags: 'wx' }));
        await (0,promises_.chmod)(dest, m.mode);
        return (await (0,promises_.lstat)(dest)).size === m.size;
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/install/unpacked-cache.ts
/**
 * The unpacked-wheel cache (issue 9 §4/§6): each wheel's members, inflated and verified once, kept
 * under `<cache dir>/unpacked/<wheel sha256>/`, and environments filled by hard links from there —
 * a repeat install writes no file content at all (on Linux most of an install's time is the kernel
 * copying ~1 GB of inflated bytes into fresh page-cache pages), in the way uv fills environments.
 *
 * Layout of an entry (`<sha256>` = the whole wheel file's sha256, which the installer checked
 * against the resolution before calling us, so the key is the verified content itself):
 *   <dir>/<sha256>/f/<i>            the i-th cacheable member of the wheel's plan (wheel-plan.ts order)
 *   <dir>/<sha256>/manifest.json   written last: {version, wheel, uid, umask, files: [{path, hash,
 *                                  size, mode, dev, ino, mtimeNs}]}
 * Only plain members are cached: never a `.data/scripts` file (its `#!python` line is rewritten
 * for the target interpreter), an unhashed signature file, or anything the installer generates
 * (RECORD, INSTALLER, REQUESTED, direct_url.json, launchers) — those are written per environment
 * exactly as without the cache.
 *
 * Trust (the cache is untrusted input). An entry is used only when
 *   - the entry and its `f` directory are real directories (lstat, no symlink followed) owned by
 *     this user and not writable by group or others;
 *   - the manifest (read without following a symlink, size-limited) parses, names this wheel, this
 *     user and this umask, and lists exactly the planned members in plan order with the RECORD
 *     hash and size the verified wheel gives them — so the manifest can only ever say what the
 *     wheel says;
 *   - the entry holds exactly `f` and the manifest, and `f` exactly `0 … n-1` (a missing, extra or
 *     foreign file discards the entry);
 *   - every linked file, after linking, is (lstat of the new link, i.e. the very inode that will be
 *     installed — no window between check and use) a regular file owned by this user with the
 *     manifest's device, inode, size, mtime (ns) and mode. A symlink in the entry is linked as a
 *     symlink (link(2) does not follow) and so fails this check.
 * Any failure removes what was linked, discards the entry (renamed aside atomically, then deleted)
 * and unpacks the wheel again into a new one. ctime is not compared: every link(2) changes it.
 * What the identity check cannot see: content rewritten in place by someone who then restores the
 * mtime (utimes) — a deliberate act of a process running as this user, which could as well write
 * into the environment itself; the wheel's own bytes are always checked against the resolution.
 *
 * Shared content. An installed file is the cache's inode: editing it in place (an editor that
 * writes through the link) edits the cache and every environment linked to it — as with uv on
 * Linux. The edit changes the mtime (and usually the size), so the next install that uses the
 * entry discards it and unpacks again from the verified wheel; environments linked earlier keep the
 * edited file. Renaming/deleting installed files (pip uninstall, upgrades, our own placement) only
 * unlinks, so the cache stays intact. `chmod` of an installed file changes the mode → discarded.
 *
 * When. An entry is written on a wheel's second use, not its first: the first install of a wheel
 * (no entry, no marker) only creates `<dir>/.seen-<sha256>` (an empty file, O_EXCL — an existing
 * name, whatever it is, is never followed or written) and unpacks the wheel straight into staging,
 * as without the cache; the next install that finds the marker fills the entry (and removes the
 * marker), and the ones after link from it. Filling costs every member a second directory entry
 * — on ext4 (no reflinks) the kernel's `link(2)` per file, ≈ 0.4 s of a 6 s real-ds install on
 * two cores (docs/benchmarks.md, Install, sessions 10–11) — which a wheel installed once (a
 * one-off container, a runner whose cache directory does not survive the job) never earns back.
 * The marker only decides when an entry is written, never whether one is trusted: a forged or
 * stale marker makes the next use fill a new entry, checked as above like any other.
 *
 * Writing. A new entry is unpacked into a private `.tmp-*` directory (mode 0700) in the cache dir,
 * every member checked against its RECORD hash while it streams (the installer's own extraction),
 * linked into the installer's staging directory, its identity taken from lstat of the link, the
 * manifest written last, and the directory renamed to `<sha256>`: readers see complete entries
 * only. When two installs race, the second rename fails (the name exists) and its temporary
 * directory is removed — both installs are complete either way. Not fsync'ed: after a power loss an
 * entry may hold torn files with an old-looking identity, like the environment pip would leave.
 *
 * Links fail (EXDEV across file systems or mounts, EPERM, EMLINK at the link-count limit,
 * ENOTSUP): `usableFor` probes once per installer whether a link into site-packages works at all
 * (if not, the cache is left alone: no entry written, none read); a single file that still cannot
 * be linked is copied from the verified inode (opened O_NOFOLLOW, fstat compared) instead.
 *
 * Bounded: each use sets the entry directory's mtime (the "last used" time);
 * unpacked-cache-prune.ts removes entries unused for 30 days, and first-use markers as old. Off with --no-cache, or
 * WHEELHOUSE_UNPACKED_CACHE=0 (the shells decide; the installer only takes the collaborator).
 */









/** A wheel's first-use marker: `<dir>/.seen-<wheel sha256>` (see "When" above). */
const unpacked_cache_SEEN = '.seen-';
/** Link failures after which a file is copied instead (the link itself is impossible here). */
const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
/**
 * Runs `step(0 … n-1)` in order, yielding to the event loop every CHUNK steps; stops when a step
 * answers false. The links and lstats run synchronously: for these tiny metadata calls a
 * synchronous call costs a fraction of the main-thread CPU of a promise round trip through the
 * libuv pool (tens of thousands per install), and a chunk blocks the loop for about a millisecond.
 */
async function inChunks(n, step) {
    for (let start = 0; start < n; start += CHUNK) {
        for (let i = start; i < Math.min(n, start + CHUNK); i++)
            if (!(await step(i)))
                return;
        await new Promise((resolve) => setImmediate(resolve));
    }
}
const CHUNK = 256;
class UnpackedCache {
    stats = {
        hits: 0,
        populated: 0,
        discarded: 0,
        firstSeen: 0,
        linked: 0,
        copied: 0,
    };
    dir;
    logger;
    link;
    /** Whether the extractor may make the staging links itself (not when `link` is injected). */
    linkedByExtractor;
    uid = myUid();
    fillOnFirstUse;
    constructor(options) {
        this.dir = options.dir;
        this.logger = options.logger;
        this.link = options.link ?? external_node_fs_.linkSync;
        this.linkedByExtractor = options.link === undefined;
        this.fillOnFirstUse = options.fillOnFirstUse === true;
    }
    /** The cache directory, private (0700); its parent (the user's cache dir) keeps the default mode. */
    async makeDir() {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(this.dir), { recursive: true });
        await (0,promises_.mkdir)(this.dir, { mode: 0o700 }).catch((error) => {
            if (errno(error) !== 'EEXIST')
                throw error;
        });
    }
    /**
     * Whether a file in the cache can be hard-linked to `probePrefix` + a random tag (a name inside
     * site-packages, where the installer stages, that its recovery removes should a killed run leave
     * it): creates the cache directory, links a probe file, removes both probes.
     */
    async usableFor(probePrefix) {
        const tag = (0,external_node_crypto_.randomBytes)(6).toString('hex');
        const probe = (0,external_node_path_.join)(this.dir, `.probe-${tag}`);
        const linked = `${probePrefix}${tag}`;
        const targetDir = (0,external_node_path_.dirname)(linked);
        try {
            await this.makeDir();
            if ((await trustedDir(this.dir, this.uid)) !== true) {
                this.logger.debug(`unpacked-wheel cache not used: ${this.dir} is not a private directory of this user`);
                return false;
            }
            await (0,promises_.writeFile)(probe, '', { flag: 'wx', mode: 0o600 });
            this.link(probe, linked);
            return true;
        }
        catch (error) {
            this.logger.debug(`unpacked-wheel cache not used: cannot hard-link from ${this.dir} into ${targetDir} (${errno(error) ?? error.message})`);
            return false;
        }
        finally {
            await (0,promises_.rm)(linked, { force: true }).catch(() => undefined);
            await (0,promises_.rm)(probe, { force: true }).catch(() => undefined);
        }
    }
    /**
     * Puts every file of `files` at its `staged` path: linked from the wheel's entry when there is a
     * good one, else `extract(targets)` (the installer's verified extraction) fills a new entry and
     * the files are linked from it. Errors of `extract` (a bad wheel) are passed on; a cache that
     * cannot be written is bypassed (extract straight into the staging paths).
     */
    async stage(wheelSha256, umask, files, extract, 
    /** Told the identity (journal.ts `identityOf`) of each file linked from a good entry. */
    identified) {
        const wheel = wheelSha256.toLowerCase();
        if (!SHA256_HEX.test(wheel) || files.length === 0) {
            await extract(files.map((f) => f.staged));
            return;
        }
        const entry = (0,external_node_path_.join)(this.dir, wheel);
        const found = await this.linkFromEntry(entry, wheel, umask, files, identified);
        if (found === 'hit') {
            this.stats.hits++;
            await (0,promises_.utimes)(entry, new Date(), new Date()).catch(() => undefined); // last used (pruning)
            return;
        }
        if (found === 'bad')
            await this.discard(entry, wheel);
        else if (!this.fillOnFirstUse && (await this.firstUse(wheel))) {
            this.stats.firstSeen++;
            await extract(files.map((f) => f.staged));
            return;
        }
        if (await this.populate(entry, wheel, umask, files, extract))
            await (0,promises_.rm)((0,external_node_path_.join)(this.dir, `${unpacked_cache_SEEN}${wheel}`), { force: true }).catch(() => undefined);
    }
    /**
     * Whether this is `wheel`'s first use: creates its marker `.seen-<sha256>` (O_EXCL: a name that
     * exists — a marker, or anything else — is never followed or written, and means "seen"). A
     * marker that cannot be written counts as a first use (the entry would not be writable either).
     */
    async firstUse(wheel) {
        try {
            await (0,promises_.writeFile)((0,external_node_path_.join)(this.dir, `${unpacked_cache_SEEN}${wheel}`), '', { flag: 'wx', mode: 0o600 });
            return true;
        }
        catch (error) {
            return errno(error) !== 'EEXIST';
        }
    }
    /** Links every file from the entry; 'bad' (nothing left staged) when any check fails. */
    async linkFromEntry(entry, wheel, umask, files, identified) {
        const trusted = await trustedDir(entry, this.uid);
        if (trusted === 'missing')
            return 'miss';
        if (!trusted || (await trustedDir((0,external_node_path_.join)(entry, FILES), this.uid)) !== true)
            return 'bad';
        const text = await (0,prune_files/* readFileNoFollow */.tk)((0,external_node_path_.join)(entry, MANIFEST), MANIFEST_LIMIT);
        const manifest = text === undefined ? undefined : parseManifest(text, wheel, this.uid, umask, files);
        if (manifest === undefined)
            return 'bad';
        const top = await (0,promises_.readdir)(entry).catch(() => []);
        if (top.length !== 2 || !top.includes(FILES) || !top.includes(MANIFEST))
            return 'bad';
        const names = await (0,promises_.readdir)((0,external_node_path_.join)(entry, FILES)).catch(() => []);
        if (names.length !== files.length)
            return 'bad';
        const expected = new Set(files.map((_, i) => String(i)));
        if (!names.every((n) => expected.delete(n)))
            return 'bad';
        const made = [];
        let bad = false;
        const inFiles = (0,external_node_path_.join)(entry, FILES) + external_node_path_.sep;
        try {
            await inChunks(files.length, async (i) => {
                const f = files[i];
                const m = manifest.files[i];
                const src = inFiles + i;
                try {
                    this.link(src, f.staged);
                }
                catch (error) {
                    if (!COPY_INSTEAD.has(errno(error) ?? '')) {
                        bad = true; // gone (discarded or pruned meanwhile), or unreadable
                        return false;
                    }
                    made.push(f.staged);
                    if (await copyVerified(src, f.staged, m, this.uid))
                        this.stats.copied++;
                    else
                        bad = true;
                    return !bad;
                }
                made.push(f.staged);
                const st = (0,external_node_fs_.lstatSync)(f.staged, { bigint: true });
                if (matches(st, m, this.uid)) {
                    this.stats.linked++;
                    identified?.(f.staged, (0,journal/* identityOf */.cu)(st));
                }
                else
                    bad = true;
                return !bad;
            });
        }
        finally {
            if (bad)
                await Promise.all(made.map((p) => (0,promises_.rm)(p, { force: true })));
        }
        return bad ? 'bad' : 'hit';
    }
    /** Renames a failed entry aside (atomically: a reader either had it or finds nothing) and deletes it. */
    async discard(entry, wheel) {
        if (!(await discardDir(this.dir, entry, wheel)))
            return; // already gone, or not ours to move
        this.stats.discarded++;
        this.logger.debug(`unpacked-wheel cache: entry ${wheel} failed its checks; unpacking the wheel again`);
    }
    /**
     * Unpacks into a new private entry, links from it, and publishes it by one rename. True when the
     * entry is there (published by this install or, in a race, by another).
     */
    async populate(entry, wheel, umask, files, extract) {
        let tmp;
        try {
            await this.makeDir();
            tmp = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.dir, `.tmp-${wheel.slice(0, 16)}-`));
            await (0,promises_.mkdir)((0,external_node_path_.join)(tmp, FILES), { mode: 0o700 });
        }
        catch (error) {
            this.logger.debug(`unpacked-wheel cache: cannot write ${this.dir} (${error.message})`);
            if (tmp !== undefined)
                await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
            await extract(files.map((f) => f.staged));
            return false;
        }
        const dir = tmp;
        try {
            const inFiles = (0,external_node_path_.join)(dir, FILES) + external_node_path_.sep; // one concatenation per path, not path.join's pieces
            const paths = files.map((_, i) => inFiles + i);
            const done = (await extract(paths, this.linkedByExtractor ? files.map((f) => f.staged) : undefined)) ?? [];
            const recorded = new Array(files.length);
            let consistent = true;
            await inChunks(files.length, async (i) => {
                const f = files[i];
                const src = paths[i];
                const outcome = done[i];
                let id;
                if (outcome !== undefined && 'identity' in outcome) {
                    // Written (O_EXCL) and linked by a worker; its fstat after the last write and chmod.
                    id = outcome.identity;
                    this.stats.linked++;
                }
                else {
                    let st;
                    try {
                        if (outcome !== undefined)
                            throw Object.assign(new Error(`${outcome.error}: cannot link ${src} to ${f.staged}`), {
                                code: outcome.error,
                            });
                        this.link(src, f.staged);
                        st = (0,external_node_fs_.lstatSync)(f.staged, { bigint: true });
                        this.stats.linked++;
                    }
                    catch (error) {
                        if (!COPY_INSTEAD.has(errno(error) ?? ''))
                            throw error;
                        await (0,promises_.copyFile)(src, f.staged, external_node_fs_.constants.COPYFILE_EXCL);
                        await (0,promises_.chmod)(f.staged, f.mode);
                        st = (0,external_node_fs_.lstatSync)(src, { bigint: true });
                        this.stats.copied++;
                    }
                    id = {
                        dev: String(st.dev),
                        ino: String(st.ino),
                        mtimeNs: String(st.mtimeNs),
                        size: Number(st.size),
                        mode: Number(st.mode),
                    };
                }
                if ((id.mode & 0o170000) !== 0o100000 || id.size !== f.size || (id.mode & 0o7777) !== f.mode)
                    consistent = false;
                recorded[i] = {
                    path: f.archivePath,
                    hash: cacheHash(f),
                    size: f.size,
                    mode: f.mode,
                    dev: id.dev,
                    ino: id.ino,
                    mtimeNs: id.mtimeNs,
                };
                return true;
            });
            if (!consistent) {
                this.logger.debug(`unpacked-wheel cache: ${wheel} unpacked with unexpected sizes or modes; not kept`);
                return false;
            }
            const manifest = { version: MANIFEST_VERSION, wheel, uid: this.uid, umask, files: recorded };
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, MANIFEST), JSON.stringify(manifest), { flag: 'wx', mode: 0o600 });
            try {
                await (0,promises_.rename)(dir, entry);
                tmp = undefined;
                this.stats.populated++;
                return true;
            }
            catch (error) {
                // EEXIST/ENOTEMPTY: another install published this wheel first — its entry serves.
                if (['EEXIST', 'ENOTEMPTY'].includes(errno(error) ?? ''))
                    return true;
                this.logger.debug(`unpacked-wheel cache: cannot publish ${wheel} (${error.message})`);
                return false;
            }
        }
        finally {
            if (tmp !== undefined)
                await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
        }
    }
}

// EXTERNAL MODULE: ./src/flow/flow-errors.ts
var flow_errors = __webpack_require__(6016);
// EXTERNAL MODULE: ./src/flow/fetch.ts + 20 modules
var fetch = __webpack_require__(6063);
// EXTERNAL MODULE: ./src/flow/install-interpreter.ts
var install_interpreter = __webpack_require__(1340);
// EXTERNAL MODULE: ./src/flow/pip-install.ts
var pip_install = __webpack_require__(7511);
;// CONCATENATED MODULE: ./src/flow/install.ts
/**
 * The install flow both shells run (issue 9): the fetch flow (fetch.ts) into a wheelhouse, and the
 * wheels installed into one Python environment.
 *
 *   interpreter (located and probed once, install-interpreter.ts; its version and implementation
 *   are the target, and it builds the wheels of resolved sdists) → installer opened (refuses a
 *   target it cannot write, or an externally managed Python per PEP 668, before anything is
 *   changed) → fetch, and every wheel handed to the installer as soon as its sha256 is verified
 *   (already present, from the cache, built, or just downloaded), so installing — inflating and
 *   writing each wheel into a staging directory, the costly part — overlaps the downloads: the
 *   downloads start with the largest wheels (src/download/download-all.ts) and the installer
 *   starts the largest waiting wheel first, so the longest installs do not end the run → the fetch
 *   succeeded: staged distributions are placed (renames), the rest as each is staged → wait for
 *   the installer.
 *
 * `installer: 'pip'` keeps the old way: fetch, then `python -m pip install --no-index --find-links
 * WH --require-hashes -r LOCK` (pip-install.ts).
 *
 * `REQUESTED` is written for the packages the requirement files name (the resolution's `requested`,
 * pip's report field); `direct_url.json` (PEP 610) for `name @ url` requirements, as pip writes
 * them: the URL without credentials and the archive's sha256.
 *
 * A download that fails leaves the environment as it was, as pip's does (pip downloads everything
 * before it installs anything): the wheels verified before it were staged, never placed, and are
 * discarded (the installer's `placeAfter`). A wheel that fails to install (a bad archive) does not
 * stop the others, which are placed once the fetch has succeeded, each one whole (the installer
 * stages and renames); the run fails and names the wheel.
 */









/**
 * The default wheelhouse of `wheelhouse install` without `--dest`: one per target environment
 * under the cache directory (`<cache>/wheelhouses/<digest of sys.prefix>`), so installs into one
 * environment reuse their wheels and two environments never prune each other's.
 */
function defaultInstallWheelhouse(cacheDir, interpreter) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(interpreter.prefix).digest('hex').slice(0, 16);
    return (0,external_node_path_.join)(cacheDir, 'wheelhouses', digest);
}
/**
 * Where the unpacked-wheel cache lives for a cache directory: `<cache dir>/unpacked`, or undefined
 * (not used) when `WHEELHOUSE_UNPACKED_CACHE` is `0`/`false`/`no`/`off`, or on Windows (hard-linked
 * files there cannot be replaced while a process has them open; not supported yet). The shells
 * also leave it out with `--no-cache`.
 *
 * On GitHub-hosted runners (RUNNER_ENVIRONMENT=github-hosted) it is off unless the variable turns it
 * on (`1`/`true`/`yes`/`on`): the cache directory dies with the VM, and filling the cache costs a
 * first install ≈ 0.85 s of 6 on real-ds (docs/benchmarks.md, Install, session 9) — as the tool
 * cache backend is off there (cache/tool-cache-backend.ts).
 */
function unpackedCacheDirFor(cacheDir, env, platform = process.platform) {
    const setting = (env['WHEELHOUSE_UNPACKED_CACHE'] ?? '').trim().toLowerCase();
    if (['0', 'false', 'no', 'off'].includes(setting) || platform === 'win32')
        return undefined;
    const forced = ['1', 'true', 'yes', 'on'].includes(setting);
    if (!forced && env['RUNNER_ENVIRONMENT'] === 'github-hosted')
        return undefined;
    return (0,external_node_path_.join)(cacheDir, 'unpacked');
}
/** PEP 610 `direct_url.json` for an archive URL, as pip writes it (credentials removed). */
function directUrlOf(pkg) {
    let url = pkg.file.redactedUrl;
    try {
        const u = new URL(url);
        u.username = '';
        u.password = '';
        url = u.href;
    }
    catch {
        // not parseable: keep the redacted form
    }
    const sha = pkg.file.sha256.toLowerCase();
    return { url, archive_info: { hash: `sha256=${sha}`, hashes: { sha256: sha } } };
}
/** The interpreter must be the target: another version's wheels would install but not work. */
function checkTargetMatches(fetchTarget, interpreter) {
    const wanted = fetchTarget.pythonVersion?.trim();
    if (wanted !== undefined) {
        const minor = (v) => v.split('.').slice(0, 2).join('.');
        if (minor(wanted) !== minor(interpreter.version)) {
            throw new flow_errors/* FlowInputError */.r(`the target Python is ${wanted}, but the interpreter to install into (${interpreter.executable}) is Python ${interpreter.version}: leave the Python version to the interpreter, or install into a Python ${minor(wanted)}`);
        }
    }
    const impl = fetchTarget.implementation;
    if (impl !== undefined && impl !== interpreter.implementation) {
        throw new flow_errors/* FlowInputError */.r(`the target implementation is ${impl}, but ${interpreter.executable} is ${interpreter.implementation}`);
    }
}
async function runInstallFlow(o) {
    const { interpreter } = await o.interpreter;
    checkTargetMatches(o.target, interpreter);
    const kind = o.installer ?? 'native';
    const wheelhouse = typeof o.wheelhouse === 'string' ? o.wheelhouse : o.wheelhouse(interpreter);
    const { interpreter: _located, installer: _kind, ...rest } = o;
    void _located;
    void _kind;
    const fetchOptions = {
        ...rest,
        wheelhouse,
        findPython: () => Promise.resolve((0,install_interpreter.pythonInfoOf)(interpreter)),
    };
    const where = `${interpreter.executable} (Python ${interpreter.version}${interpreter.isVirtualEnv ? ', virtual environment' : ''})`;
    if (kind === 'pip') {
        const fetched = await (0,fetch.runFetch)(fetchOptions);
        o.logger.info(`installing with pip into ${where}`);
        const start = performance.now();
        const installed = await (0,pip_install/* runPipInstall */.i$)(interpreter.executable, fetched.wheelhouse, fetched.lockFile, {
            reinstall: o.reinstall === true,
            noDeps: o.noDeps === true,
            breakSystemPackages: o.breakSystemPackages === true,
            output: o.pipOutput ?? { write: () => true },
            ...(o.env !== undefined ? { env: o.env } : {}),
        });
        return {
            fetch: fetched,
            interpreter,
            installer: kind,
            installed,
            replaced: 0,
            unchanged: 0,
            compiledFiles: 0,
            timings: [...fetched.timings, { phase: 'install', ms: Math.round(performance.now() - start) }],
        };
    }
    const unpackedCache = o.unpackedCacheDir !== undefined
        ? new UnpackedCache({ dir: o.unpackedCacheDir, logger: o.logger })
        : undefined;
    // Nothing is placed into the environment before the fetch has succeeded (every wheel verified,
    // the wheelhouse written): wheels are staged while the others download, and a failed download
    // leaves the environment as it was, as pip installs nothing when a download fails.
    let fetchSucceeded = () => undefined;
    let fetchFailed = () => undefined;
    const placeAfter = new Promise((resolve, reject) => {
        fetchSucceeded = resolve;
        fetchFailed = reject;
    });
    placeAfter.catch(() => undefined); // the fetch's own error is what the run reports
    const installer = await openInstaller({
        interpreter,
        placeAfter,
        ...(unpackedCache !== undefined ? { unpackedCache } : {}),
        reinstall: o.reinstall === true,
        compile: o.compile === true,
        breakSystemPackages: o.breakSystemPackages === true,
        logger: o.logger,
        ...(o.env !== undefined ? { env: o.env } : {}),
    });
    o.logger.info(`installing into ${where}`);
    const adds = [];
    const failures = [];
    const onWheelReady = ({ pkg, path, verified }) => {
        if (failures.length > 0)
            return;
        const added = installer
            .add({
            wheelPath: path,
            filename: pkg.file.filename,
            sha256: pkg.file.sha256,
            name: pkg.name,
            version: pkg.version,
            requested: pkg.requested,
            ...(verified !== undefined ? { verified } : {}),
            ...(pkg.isDirect ? { directUrl: directUrlOf(pkg) } : {}),
        })
            .catch((error) => {
            failures.push(error);
        });
        adds.push(added);
    };
    let fetched;
    try {
        fetched = await (0,fetch.runFetch)({ ...fetchOptions, onWheelReady });
    }
    catch (error) {
        // The distributions staged so far are discarded (none was placed); then the fetch's error.
        fetchFailed(error);
        await Promise.allSettled(adds);
        await installer.finish().catch(() => undefined);
        throw error;
    }
    fetchSucceeded();
    const start = performance.now();
    await Promise.allSettled(adds);
    let summary;
    try {
        summary = await installer.finish();
    }
    catch (error) {
        throw failures[0] ?? error;
    }
    if (failures.length > 0)
        throw failures[0];
    const timings = [
        ...fetched.timings,
        { phase: 'install', ms: Math.round(performance.now() - start) },
    ];
    o.logger.debug(`phases: install ${timings[timings.length - 1].ms} ms after the fetch; wheels hashed again by the installer ${installer.hashedWheels} of ${adds.length}`);
    if (unpackedCache !== undefined && o.unpackedCacheDir !== undefined) {
        const s = unpackedCache.stats;
        o.logger.debug(`unpacked-wheel cache: ${s.hits} wheels from it, ${s.populated} added, ${s.discarded} discarded, ${s.firstSeen} first seen (added on their next install); ${s.linked} files hard-linked, ${s.copied} copied`);
        await pruneUnpackedCache(o.unpackedCacheDir).catch((error) => o.logger.debug(`unpacked-wheel cache: pruning failed (${error.message})`));
    }
    return {
        fetch: fetched,
        interpreter,
        installer: kind,
        installed: summary.installed.length + summary.replaced.length,
        replaced: summary.replaced.length,
        unchanged: summary.unchanged.length,
        compiledFiles: summary.compiledFiles,
        timings,
    };
}


/***/ }),

/***/ 1500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ handleRangeSource),
/* harmony export */   b: () => (/* binding */ withFileRangeSource)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A RangeSource (remote-zip.ts) over a local file, so a downloaded wheel or a zip sdist is read
 * with the same ZIP code as a remote one, without loading the whole file.
 */

/** Opens `path`, hands a RangeSource over it to `use`, and closes the file afterwards. */
async function withFileRangeSource(path, use) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        const { size } = await handle.stat();
        return await use(handleRangeSource(handle, size));
    }
    finally {
        await handle.close();
    }
}
/** A RangeSource over an open file of `size` bytes; the caller keeps owning (and closes) `handle`. */
function handleRangeSource(handle, size) {
    const read = async (start, end) => {
        const buf = Buffer.alloc(end - start);
        let at = 0;
        while (at < buf.length) {
            const { bytesRead } = await handle.read(buf, at, buf.length - at, start + at);
            if (bytesRead === 0)
                break;
            at += bytesRead;
        }
        return new Uint8Array(buf.buffer, buf.byteOffset, at);
    };
    return {
        readTail: async (length) => ({ bytes: await read(Math.max(0, size - length), size), size }),
        read,
    };
}


/***/ })

};
