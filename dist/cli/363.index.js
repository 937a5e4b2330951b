export const id = 363;
export const ids = [363];
export const modules = {

/***/ 7511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i$: () => (/* binding */ runPipInstall),
/* harmony export */   ps: () => (/* binding */ PipInstallError)
/* harmony export */ });
/* unused harmony exports pipInstallArgs, countPipInstalled */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * `--installer pip` (and the action's `installer: pip`): the escape hatch that installs the
 * wheelhouse the way wheelhouse did before it had its own installer, `python -m pip install
 * --no-index --find-links <wheelhouse> --require-hashes -r <lock>` with the target interpreter.
 * pip's hash-checking mode refuses any file whose sha256 differs from the lock, so even a
 * wheelhouse changed after verification cannot install other bytes. pip's output is passed
 * through (the CLI sends it to stderr, whose stdout carries only results) and its
 * "Successfully installed a-1 b-2" line gives the count of distributions it installed.
 */

class PipInstallError extends Error {
    name = 'PipInstallError';
}
function pipInstallArgs(wheelhouse, lockFile, o = {}) {
    return [
        '-m',
        'pip',
        'install',
        '--no-index',
        '--find-links',
        wheelhouse,
        '--require-hashes',
        ...(o.reinstall === true ? ['--force-reinstall'] : []),
        ...(o.noDeps === true ? ['--no-deps'] : []),
        // pip ≥ 23.0.1 (PEP 668); older pips do not know the option and fail naming it.
        ...(o.breakSystemPackages === true ? ['--break-system-packages'] : []),
        '-r',
        lockFile,
    ];
}
/** How many distributions pip's output says it installed (`Successfully installed a-1 b-2`). */
function countPipInstalled(output) {
    const m = /^Successfully installed (.+)$/m.exec(output);
    return m === null ? 0 : m[1].trim().split(/\s+/).length;
}
/** Runs pip; answers the number of distributions it installed. */
async function runPipInstall(python, wheelhouse, lockFile, o) {
    const args = pipInstallArgs(wheelhouse, lockFile, o);
    let seen = '';
    const code = await new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(python, args, {
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true,
            ...(o.env !== undefined ? { env: o.env } : {}),
        });
        child.stdout.setEncoding('utf8').on('data', (d) => {
            // Only the tail matters for the count; keep memory bounded for chatty runs.
            seen = (seen + d).slice(-1_000_000);
            o.output.write(d);
        });
        child.stderr.setEncoding('utf8').on('data', (d) => o.output.write(d));
        child.on('error', reject);
        child.on('close', (c) => resolve(c));
    }).catch((error) => {
        throw new PipInstallError(`cannot run ${python}: ${error.message}`);
    });
    if (code !== 0) {
        throw new PipInstallError(`${python} ${args.join(' ')} exited with ${code ?? 'a signal'}`);
    }
    return countPipInstalled(seen);
}


/***/ }),

/***/ 1612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ InstallTargetError),
/* harmony export */   N: () => (/* binding */ checkInstallTarget)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Whether wheelhouse may install into an interpreter at all — decided before anything is changed
 * (issue 9 §1): PEP 668 (an externally managed interpreter is refused, as pip refuses it, unless
 * the user passes --break-system-packages), and the scheme directories must be writable — proved
 * by creating and removing a probe in each (access(2) says yes to root even on read-only mounts).
 * The probe also measures the process umask, which decides the modes pip would give new files.
 */


class InstallTargetError extends Error {
    python;
    name = 'InstallTargetError';
    constructor(
    /** The interpreter command. */
    python, detail) {
        super(`cannot install into ${python}: ${detail}`);
        this.python = python;
    }
}
/** The nearest existing directory at or above `dir`. */
async function existingAncestor(dir) {
    for (let d = dir;; d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d)) {
        try {
            if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(d)).isDirectory())
                return d;
        }
        catch {
            // keep climbing
        }
        if (d === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d))
            return d;
    }
}
/** mkdtemp's name of a probe (6 random characters). */
const PROBE = /^\.wheelhouse-probe-[A-Za-z0-9]{6}$/;
/** A probe lives for milliseconds: one this old is a killed run's, never a live run's. */
const PROBE_LEFTOVER_MS = 10 * 60 * 1000;
/**
 * Removes the probes of runs killed between making and removing theirs (nothing else ever
 * would: a `.wheelhouse-probe-*` directory stayed in site-packages and the scripts directory for
 * good). Only what a probe can be: a real directory of this user, by mkdtemp's name, older than
 * any live probe, holding nothing or just the empty `mode` file.
 */
async function removeProbeLeftovers(dir) {
    const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir).catch(() => []);
    const uid = process.getuid?.();
    for (const name of names) {
        if (!PROBE.test(name))
            continue;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (st?.isDirectory() !== true || (uid !== undefined && st.uid !== uid))
            continue;
        if (Date.now() - st.mtimeMs < PROBE_LEFTOVER_MS)
            continue;
        const inside = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(path).catch(() => undefined);
        if (inside === undefined || inside.length > 1 || (inside.length === 1 && inside[0] !== 'mode'))
            continue;
        if (inside.length === 1) {
            const mode = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, 'mode')).catch(() => undefined);
            if (mode?.isFile() !== true || mode.size !== 0)
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, 'mode'), { force: true });
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(path).catch(() => undefined);
    }
}
async function checkInstallTarget(interpreter, breakSystemPackages) {
    if (interpreter.externallyManaged && !breakSystemPackages) {
        const why = interpreter.externallyManagedMessage?.trim();
        throw new InstallTargetError(interpreter.command, `the environment is externally managed (PEP 668); use a virtual environment, or pass --break-system-packages to override` +
            (why ? `. Its EXTERNALLY-MANAGED file says: ${why}` : ''));
    }
    const { purelib, platlib, scripts } = interpreter.paths;
    let umask;
    let caseInsensitive = false;
    for (const dir of [...new Set([purelib, platlib, scripts])]) {
        const base = await existingAncestor(dir);
        let probe;
        try {
            if (base !== dir)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
            probe = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, '.wheelhouse-probe-'));
            if (umask === undefined) {
                const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(probe, 'mode');
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, '', { mode: 0o777 });
                umask = 0o777 & ~(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file)).mode;
                // The file system of site-packages ignores case when `MODE` names the file just made.
                caseInsensitive = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(probe, 'MODE')).then(() => true, () => false);
            }
        }
        catch (error) {
            const code = error.code;
            throw new InstallTargetError(interpreter.command, `${dir} is not writable (${code ?? error.message})${code === 'EACCES' || code === 'EPERM' ? '; run as a user who owns the environment, or use a virtual environment' : ''}`);
        }
        finally {
            if (probe !== undefined)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(probe, { recursive: true, force: true });
        }
        await removeProbeLeftovers(dir);
    }
    return { umask: umask ?? 0o022, caseInsensitive };
}


/***/ }),

/***/ 4820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ JOURNAL),
/* harmony export */   GD: () => (/* binding */ keptText),
/* harmony export */   Hs: () => (/* binding */ journalProblem),
/* harmony export */   Pw: () => (/* binding */ takeCopyIds),
/* harmony export */   YI: () => (/* binding */ removeEmptyDirs),
/* harmony export */   cu: () => (/* binding */ identityOf),
/* harmony export */   dU: () => (/* binding */ rollback),
/* harmony export */   fp: () => (/* binding */ COPY_IDS),
/* harmony export */   h$: () => (/* binding */ lexists),
/* harmony export */   n: () => (/* binding */ exdevCopyOf),
/* harmony export */   th: () => (/* binding */ STAGING_PREFIX),
/* harmony export */   wr: () => (/* binding */ JOURNAL_LIMIT),
/* harmony export */   x_: () => (/* binding */ COMMITTED)
/* harmony export */ });
/* unused harmony exports isByteCodeOf, RollbackError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8562);
/* harmony import */ var _real_containment_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1270);
/* harmony import */ var _stage_layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6920);





/** The names of a distribution's staging directory (in site-packages), and of its journal. */
const STAGING_PREFIX = '.wheelhouse-staging-';
const JOURNAL = 'journal.json';
/** Written beside the journal once every file is placed (the journal itself is not rewritten). */
const COMMITTED = 'committed';
/** Beside a staged original an EXDEV copy replaced (`x/<n>`): the copy's identities (transaction.ts). */
const COPY_IDS = '.ids';
/** A journal lists every file of one distribution (torch: ~15,000, ~3 MB of JSON). */
const JOURNAL_LIMIT = 64 * 1024 * 1024;
const isPair = (x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string';
const isStrings = (x) => Array.isArray(x) && x.every((d) => typeof d === 'string');
/** Why the journal `value` found in `stageDir` must not be acted on, or undefined when it may. */
async function journalProblem(value, stageDir, roots) {
    const j = value;
    if (j === null || typeof j !== 'object' || (j.version !== 1 && j.version !== 2))
        return 'is not a journal of this version';
    const { aside, place, createdDirs, emptied } = j;
    if (typeof j.dist !== 'string' ||
        !Array.isArray(aside) ||
        !aside.every(isPair) ||
        !Array.isArray(place) ||
        !place.every(isPair) ||
        !isStrings(createdDirs) ||
        !isStrings(emptied)) {
        return 'is malformed';
    }
    const stage = new _real_containment_js__WEBPACK_IMPORTED_MODULE_3__/* .RealContainment */ .$([stageDir]);
    const env = new _real_containment_js__WEBPACK_IMPORTED_MODULE_3__/* .RealContainment */ .$(roots);
    const staged = [...place.map(([from]) => from), ...aside.map(([, moved]) => moved)];
    for (const path of staged) {
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path) === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(stageDir) || !(await stage.inside(path))) {
            return `names ${path} as a staged file, outside its staging directory`;
        }
    }
    const dirFiles = j.dirFiles ?? [];
    const placed = new Set(place.map(([, dest]) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dest)));
    if (!Array.isArray(dirFiles) ||
        !dirFiles.every((e) => Array.isArray(e) &&
            e.length === 2 &&
            typeof e[0] === 'string' &&
            isStrings(e[1]) &&
            e[1].every((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(f).startsWith((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(e[0]) + node_path__WEBPACK_IMPORTED_MODULE_1__.sep)))) {
        return 'is malformed';
    }
    if (j.version === 2 &&
        (!isStrings(j.ids) ||
            j.ids.length !== place.length ||
            !Array.isArray(j.dirIds) ||
            j.dirIds.length !== dirFiles.length ||
            !j.dirIds.every((ids, i) => isStrings(ids) && ids.length === dirFiles[i][1].length))) {
        return 'is malformed';
    }
    if (j.asideIds !== undefined && (!isStrings(j.asideIds) || j.asideIds.length !== aside.length))
        return 'is malformed';
    const clearedDirs = j.clearedDirs ?? [];
    if (!isStrings(clearedDirs))
        return 'is malformed';
    const rootish = (0,_stage_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .rootsAndAbove */ .kD)(roots);
    for (const dir of clearedDirs) {
        if (rootish.has((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir)))
            return `names ${dir} as a directory it removed, which it cannot be`;
    }
    for (const [dir] of dirFiles) {
        // A whole directory placed is one of the journal's own destinations, never a root of the
        // environment or a directory holding one (stage-layout.ts never places those whole).
        const at = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
        if (!placed.has(at) || rootish.has(at)) {
            return `names ${dir} as a directory it placed, which it cannot be`;
        }
    }
    const targets = [
        ...place.map(([, dest]) => dest),
        ...aside.map(([orig]) => orig),
        ...createdDirs,
        ...clearedDirs,
        ...emptied,
        ...dirFiles.flatMap(([, below]) => below),
    ];
    for (const path of targets) {
        if (!(await env.inside(path)))
            return `names ${path}, outside the environment`;
    }
    return undefined;
}
/**
 * Where placing copies a file or directory into place when rename(2) crosses file systems
 * (transaction.ts `move`): beside `dest`, so that the copy's rename is atomic; a rollback removes
 * one a killed run left.
 */
function exdevCopyOf(dest) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dest), `.wheelhouse-exdev-${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(dest)}`);
}
/**
 * What a journal records of a file or directory it places: device and inode (rename(2) keeps
 * them), and for a file its size and mtime in nanoseconds (an edit in place changes them; a
 * reused inode number has another mtime). pip writes a file by unlinking what is there and
 * creating a new one (pip/_internal/operations/install/wheel.py, `ZipBackedFile.save`), so what
 * pip or anyone else wrote at the same path since never has it.
 */
function identityOf(st) {
    return st.isDirectory() ? `${st.dev}:${st.ino}:d` : `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
}
/**
 * Takes into a version-2 journal found in `stageDir` the identities of the copies its run placed
 * across file systems (`x/<n>.ids`, written before each copy was placed): such a copy is a new
 * inode, and without them the repair would keep it as someone else's. Each must name one of the
 * journal's destinations and, for a directory, as many identities as the journal lists files
 * below it; anything else is ignored (the copy is then kept, and named).
 */
async function takeCopyIds(journal, stageDir) {
    if (journal.version !== 2 || journal.ids === undefined)
        return;
    const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stageDir, 'x')).catch(() => []);
    if (names.length > 2 * journal.place.length)
        return; // not what a run leaves
    const index = new Map(journal.place.map(([, dest], i) => [dest, i]));
    const dirIndex = new Map((journal.dirFiles ?? []).map(([d], k) => [d, k]));
    for (const name of names) {
        if (!/^\d+\.ids$/.test(name))
            continue;
        const read = await (0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readRegularFile */ .XF)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stageDir, 'x', name), JOURNAL_LIMIT);
        if (!('text' in read))
            continue;
        let value;
        try {
            value = JSON.parse(read.text);
        }
        catch {
            continue;
        }
        const i = typeof value.dest === 'string' ? index.get(value.dest) : undefined;
        if (i === undefined || typeof value.id !== 'string')
            continue;
        const k = dirIndex.get(value.dest);
        if (k !== undefined) {
            const files = journal.dirFiles[k]?.[1] ?? [];
            if (!isStrings(value.dirIds) || value.dirIds.length !== files.length || journal.dirIds === undefined)
                continue;
            journal.dirIds[k] = value.dirIds;
        }
        journal.ids[i] = value.id;
    }
}
async function lexists(path) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path);
        return true;
    }
    catch {
        return false;
    }
}
async function removeEmptyDirs(dirs, stopAt) {
    const sorted = [...new Set(dirs)].sort((a, b) => b.length - a.length);
    for (let dir of sorted) {
        while (!stopAt.includes(dir) && dir !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir)) {
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(dir);
            }
            catch {
                break; // not empty, or gone: stop climbing
            }
            dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir);
        }
    }
}
/**
 * Whether `name` (in a `__pycache__`) is the byte code of the source `<stem>.py`: Python names it
 * `<stem>.<cache tag>[.opt-<level>].pyc` (importlib.util.cache_from_source; a cache tag has no
 * dot), whatever dots the stem has (`foo.bar.py` → `foo.bar.cpython-311.pyc`). Another module's
 * byte code cannot match: for `foo`, `foo.bar.cpython-311.pyc` leaves `bar.cpython-311` as the
 * tag, which has a dot.
 */
function isByteCodeOf(name, stem) {
    if (!name.startsWith(`${stem}.`) || !name.endsWith('.pyc'))
        return false;
    return /^[^.]+(?:\.opt-[A-Za-z0-9]+)?$/.test(name.slice(stem.length + 1, -4));
}
/**
 * Removes a file the journal placed and, for a `.py`, the byte code an import or a compile made of
 * it since (`__pycache__/<stem>.<tag>[.opt-N].pyc` of any interpreter, the legacy `<stem>.pyc`
 * and `<stem>.pyo`), as pip's uninstall removes a source's byte code (pip/_internal/req/
 * req_uninstall.py: `uninstallation_paths` and `cache_from_source` for each `.py` of RECORD); the
 * `__pycache__` goes too when that leaves it empty. Without this, the byte code Python wrote while
 * a killed install was half done kept a placed directory — and a replaced file could not come back
 * where it was (review 3 of session 10).
 */
async function removePlaced(file) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(file, { force: true });
    if (!file.endsWith('.py'))
        return;
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file);
    const stem = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(file).slice(0, -3);
    const cache = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, '__pycache__');
    // A real directory beside the file only (a symlink of that name is not followed).
    const isDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(cache).then((st) => st.isDirectory(), () => false);
    const names = isDir ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(cache).catch(() => []) : [];
    for (const name of names)
        if (isByteCodeOf(name, stem))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cache, name), { force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, `${stem}.pyc`), { force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, `${stem}.pyo`), { force: true });
    if (names.length > 0)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(cache).catch(() => { }); // others' byte code: kept
}
/**
 * Undoes the rename of the whole directory `dir` (it did not exist before): removes the files the
 * journal lists below it that are still the ones it placed, then each directory of theirs, deepest
 * first, that is left empty — up to and including `dir`. What else lies there now is kept (and
 * answered), and so are the directories holding it.
 */
async function removePlacedTree(dir, files, ids, ours, kept) {
    const dirs = new Set([dir]);
    for (const [i, file] of files.entries()) {
        if (!(await lexists(file)))
            continue;
        if (!(await ours(file, ids?.[i]))) {
            kept.push(file);
            continue;
        }
        await removePlaced(file);
        if (file.endsWith('.py'))
            dirs.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), '__pycache__'));
        for (let d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file); d.length > dir.length && !dirs.has(d); d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d))
            dirs.add(d);
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(d).catch(() => { }); // not empty (kept), or gone
    }
}
/**
 * Undoes what `journal` lists, as far as it was done. A file or directory is taken for one this
 * journal placed only when its staged copy is gone and it still has the identity the journal
 * recorded (version 2); anything else at a destination — a file pip or the user wrote there
 * after a kill — is kept and answered. A version-1 journal recorded no identities: a file counts
 * as placed by it only when it was not modified after the journal was written (`writtenAt`, the
 * journal's mtime; staged files are all written before it, and a rename keeps the mtime) —
 * without `writtenAt` nothing counts. A moved-aside file never replaces anything that lies where
 * it goes back; that path is named in the RollbackError instead — unless it is the original itself
 * (`asideIds`), when the copy aside is dropped.
 */
async function rollback(journal, roots, writtenAt) {
    const kept = [];
    const ours = async (path, id) => {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path, { bigint: true }).catch(() => undefined);
        if (st === undefined)
            return false;
        if (journal.version === 2)
            return id !== undefined && identityOf(st) === id;
        return writtenAt !== undefined && (st.isDirectory() || st.mtimeNs <= writtenAt);
    };
    // Run again after a rollback that stopped part-way (the next run's repair), a destination whose
    // previous file was already moved back from aside holds that previous file, not ours: kept.
    const asideOf = new Map(journal.aside);
    const dirFiles = new Map((journal.dirFiles ?? []).map(([d, files], i) => [d, { files, ids: journal.dirIds?.[i] }]));
    for (let i = journal.place.length - 1; i >= 0; i--) {
        const [staged, dest] = journal.place[i];
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(exdevCopyOf(dest), { recursive: true, force: true }); // a copy a kill left unplaced
        const aside = asideOf.get(dest);
        if (aside !== undefined && !(await lexists(aside)))
            continue;
        if ((await lexists(staged)) || !(await lexists(dest)))
            continue; // not placed
        if (!(await ours(dest, journal.ids?.[i]))) {
            kept.push(dest);
            continue;
        }
        const inside = dirFiles.get(dest);
        if (inside === undefined)
            await removePlaced(dest);
        else
            await removePlacedTree(dest, inside.files, inside.ids, ours, kept);
    }
    // A directory made where a moved-aside file was (a module that became a package) goes before
    // that file comes back; one removed where a file was placed (the reverse) comes back first.
    const origins = new Set(journal.aside.map(([orig]) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(orig)));
    const atOrBelowOrigin = (dir) => {
        for (let d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);; d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d)) {
            if (origins.has(d))
                return true;
            if (d === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d))
                return false;
        }
    };
    for (const dir of [...journal.createdDirs].reverse()) {
        if (atOrBelowOrigin(dir))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(dir).catch(() => { }); // not empty: the move back fails and says so
    }
    for (const dir of journal.clearedDirs ?? [])
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    // Each file back where it was, all that can be; then one error naming what could not. Where a
    // file goes is checked again right before it goes: one put back earlier may be a symlink that
    // leads a later one out of the environment (review 3 of session 10: a planted journal did so).
    const stuck = [];
    let env = new _real_containment_js__WEBPACK_IMPORTED_MODULE_3__/* .RealContainment */ .$(roots);
    for (const [k, [orig, aside]] of journal.aside.entries()) {
        const moved = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(aside).catch(() => undefined);
        if (moved === undefined)
            continue;
        try {
            // The original itself, never removed (see `asideIds`): what lies aside is a copy of it.
            const id = journal.asideIds?.[k];
            const there = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(orig, { bigint: true }).catch(() => undefined);
            if (id !== undefined && there !== undefined && identityOf(there) === id) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(aside, { force: true });
                continue;
            }
            // Never over what lies there now (a file kept above, or anyone's): rename(2) would replace it.
            if (await lexists(orig))
                throw new Error('something else lies there now');
            if (!(await env.inside(orig)))
                throw new Error('it now lies outside the environment, through a directory put back before it');
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(orig), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(aside, orig);
            // Only a symlink put back can change where later paths lead (a file cannot be passed through).
            if (moved.isSymbolicLink())
                env = new _real_containment_js__WEBPACK_IMPORTED_MODULE_3__/* .RealContainment */ .$(roots);
        }
        catch (error) {
            stuck.push(`${orig} (kept as ${aside}: ${error.message})`);
        }
    }
    const created = [];
    env = new _real_containment_js__WEBPACK_IMPORTED_MODULE_3__/* .RealContainment */ .$(roots);
    for (const dir of [...journal.createdDirs].reverse())
        if (await env.inside(dir))
            created.push(dir);
    await removeEmptyDirs(created, roots);
    if (stuck.length > 0)
        throw new RollbackError(journal.dist, stuck, kept);
    return { kept };
}
/** A rollback that could not put every file of the previous version back. */
class RollbackError extends Error {
    dist;
    stuck;
    kept;
    constructor(dist, stuck, 
    /** Files at its destinations it did not place (written since), kept. */
    kept = []) {
        super(`could not put back ${stuck.length} file(s) of the version ${dist} replaced: ${stuck.slice(0, 3).join('; ')}${stuck.length > 3 ? `; and ${stuck.length - 3} more` : ''} — remove what is in the way and run again${kept.length > 0 ? ` (${keptText(kept)})` : ''}`);
        this.dist = dist;
        this.stuck = stuck;
        this.kept = kept;
    }
}
/** The files a rollback kept because something other than the journal's run wrote them. */
function keptText(kept) {
    const shown = kept.slice(0, 3).join(', ');
    return `kept ${kept.length} file(s) written at its destinations since the interrupted install, not by it: ${shown}${kept.length > 3 ? `, and ${kept.length - 3} more` : ''}`;
}


/***/ }),

/***/ 1270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ RealContainment)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Whether a path the installer is about to remove, move or create stays inside the environment
 * once symlinks are followed. A lexical check (`path.relative`) is not enough: a directory of
 * site-packages that is a symlink to somewhere else (a development checkout, a shared data
 * directory, a planted link) makes `site-packages/shared/x` name a file outside the environment,
 * and rename(2), unlink(2) and rmdir(2) follow every symlink but the last component.
 *
 * As pip's uninstall decides it (pip/_internal/req/req_uninstall.py: each path's parent directory
 * is normalised with realpath, the last component is not, and a path outside the prefix is not
 * touched): the parent directory's real path — of the nearest ancestor that exists, for a path
 * whose directories are gone — with the last component appended, must lie inside the real path of
 * one of the roots. The last component is never resolved: a symlink itself is unlinked or moved,
 * never its target.
 */


/** realpath errors that say the path cannot be resolved, not that something is broken here. */
const UNTELLABLE = new Set(['ELOOP', 'EACCES', 'EPERM', 'ENAMETOOLONG']);
function insideOrSame(parent, child) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(parent, child);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel));
}
class RealContainment {
    roots;
    /** Real path of each directory looked at (a RECORD lists thousands of files in a few directories). */
    realDirs = new Map();
    realRoots;
    constructor(roots) {
        this.roots = roots;
    }
    /** Where `path` lands once the symlinks of its directories are followed. */
    async landing(path) {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs);
        if (dir === abs)
            return abs;
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(await this.realDir(dir), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(abs));
    }
    /**
     * Whether `path` lands inside one of the roots (or is one of them). A directory whose real path
     * cannot be told (a symlink loop, one we may not search, a name too long) is not inside: the
     * caller leaves the path alone, as it does any path outside (pip's non-strict realpath does not
     * fail on these either — review 1 of session 10: every install on such an environment failed
     * with the raw errno).
     */
    async inside(path) {
        try {
            const [landing, roots] = await Promise.all([this.landing(path), this.rootsReal()]);
            return roots.some((root) => insideOrSame(root, landing));
        }
        catch (error) {
            if (UNTELLABLE.has(error.code ?? ''))
                return false;
            throw error;
        }
    }
    rootsReal() {
        this.realRoots ??= Promise.all(this.roots.map((root) => this.realDir((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root))));
        return this.realRoots;
    }
    realDir(dir) {
        let real = this.realDirs.get(dir);
        if (real === undefined) {
            real = (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(dir).catch(async (error) => {
                // Gone (or not a directory): where it would be, from its nearest existing ancestor.
                if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR')
                    throw error;
                const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir);
                return parent === dir ? dir : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(await this.realDir(parent), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(dir));
            });
            this.realDirs.set(dir, real);
        }
        return real;
    }
}


/***/ }),

/***/ 862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b_: () => (/* binding */ markOwner),
/* harmony export */   es: () => (/* binding */ recoverStaging),
/* harmony export */   kc: () => (/* binding */ RepairError)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9638);
/* harmony import */ var _util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8562);
/* harmony import */ var _journal_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4820);
/* harmony import */ var _transaction_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(596);
/**
 * The next run's repair of what killed or failed runs left in site-packages (issue 9 §3): every
 * `.wheelhouse-staging-*` directory of a run that is no longer alive is rolled back by its
 * journal when uncommitted (journal.ts `rollback`), finished when committed, and deleted; one
 * without a journal never touched the environment and is simply deleted. A journal found on disk
 * is untrusted (journal.ts `journalProblem`): one that fails its checks is left alone, with a
 * warning. The owner marker (`markOwner`, written when a staging directory is made) keeps a live
 * run's staging directories from being "repaired" by another installer on this host.
 */







/** Beside the journal: who staged here (host and pid). */
const OWNER = 'owner.json';
/** `{"pid":…,"host":…}`: a host name is at most 255 bytes. */
const OWNER_LIMIT = 4096;
/** What `UnpackedCache.usableFor` links into purelib for a moment (an empty file, a random tag). */
const LINK_PROBE = new RegExp(`^${_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .STAGING_PREFIX */ .th.replace(/[.]/g, '\\.')}link-probe-[0-9a-f]{12}$`);
/** Writes the owner marker of a fresh staging directory (so a live run is never "repaired"). */
async function markOwner(stageDir) {
    await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_3__/* .writeFileAtomic */ .Z)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stageDir, OWNER), JSON.stringify({ pid: process.pid, host: (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)() }));
}
async function ownerAlive(stageDir) {
    // Bounded, no symlink followed, no FIFO opened for good: what an environment holds is untrusted
    // (review 1 of session 10: a FIFO named owner.json hung every later install).
    const read = await (0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stageDir, OWNER), OWNER_LIMIT);
    if (!('text' in read))
        return false;
    try {
        const owner = JSON.parse(read.text);
        if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0)
            return false;
        if (owner.host !== (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)())
            return false;
        if (owner.pid === process.pid)
            return false;
        process.kill(owner.pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
async function isCommitted(stageDir, journal) {
    return journal.state === 'committed' || (await (0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .lexists */ .h$)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stageDir, _journal_js__WEBPACK_IMPORTED_MODULE_5__/* .COMMITTED */ .x_)));
}
/**
 * Repairs what earlier runs left in `dir` (a site-packages directory): rolls back every
 * uncommitted journal, finishes committed ones, deletes staging directories that never got a
 * journal. Staging directories of a live wheelhouse process on this host are left alone.
 * Answers the names of the distributions rolled back.
 */
async function recoverStaging(dir, roots, logger) {
    let names;
    try {
        names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir);
    }
    catch {
        return [];
    }
    const repaired = [];
    const stuck = [];
    for (const name of names) {
        if (!name.startsWith(_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .STAGING_PREFIX */ .th))
            continue;
        const stageDir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
        // Only a real directory (a symlink of that name is not followed into somewhere else).
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(stageDir).catch(() => undefined);
        if (st?.isDirectory() !== true) {
            // The unpacked-wheel cache's link probe of a run killed in that moment (an empty file).
            if (st?.isFile() === true && st.size === 0 && LINK_PROBE.test(name))
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stageDir, { force: true });
            continue;
        }
        if (await ownerAlive(stageDir))
            continue;
        let journal;
        const read = await (0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stageDir, _journal_js__WEBPACK_IMPORTED_MODULE_5__/* .JOURNAL */ .Ex), _journal_js__WEBPACK_IMPORTED_MODULE_5__/* .JOURNAL_LIMIT */ .wr);
        if ('text' in read) {
            try {
                journal = JSON.parse(read.text);
            }
            catch {
                journal = undefined; // cut short while written (writeFileAtomic makes that unlikely): never acted on
            }
        }
        const problem = 'text' in read
            ? journal === undefined
                ? 'is not valid JSON'
                : await (0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .journalProblem */ .Hs)(journal, stageDir, roots)
            : read.problem === 'missing'
                ? undefined
                : `is ${read.problem}`;
        if (problem !== undefined) {
            logger.warn(`leaving ${stageDir} alone: its ${_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .JOURNAL */ .Ex} ${problem} — not written by wheelhouse as it is; look at it and remove it by hand`);
            continue;
        }
        if (journal !== undefined && !(await isCommitted(stageDir, journal))) {
            logger.warn(`repairing an interrupted install of ${journal.dist}: restoring the previous state`);
            try {
                // A version-1 journal's files count as placed by it only when not modified since it was
                // written (journal.ts `rollback`).
                const writtenAt = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stageDir, _journal_js__WEBPACK_IMPORTED_MODULE_5__/* .JOURNAL */ .Ex), { bigint: true }).catch(() => undefined))
                    ?.mtimeNs;
                await (0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .takeCopyIds */ .Pw)(journal, stageDir);
                const { kept } = await (0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .rollback */ .dU)(journal, roots, writtenAt);
                if (kept.length > 0)
                    logger.warn(`repairing ${journal.dist}: ${(0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .keptText */ .GD)(kept)}`);
            }
            catch (error) {
                // Kept for the next run and the user, and nothing else is installed meanwhile: a later
                // install's files at this journal's destinations would look like ours to the next repair
                // (review 4 of session 10). The other repairs go on first.
                stuck.push(`could not finish repairing ${journal.dist} from ${stageDir}: ${error.message}`);
                continue;
            }
            repaired.push(journal.dist);
        }
        else if (journal !== undefined) {
            await (0,_journal_js__WEBPACK_IMPORTED_MODULE_5__/* .removeEmptyDirs */ .YI)(journal.emptied, roots);
        }
        await (0,_transaction_js__WEBPACK_IMPORTED_MODULE_6__/* .discardStaging */ .WT)(stageDir);
    }
    if (stuck.length > 0)
        throw new RepairError(stuck);
    return repaired;
}
/** Interrupted installs that could not be undone: nothing is installed until they are. */
class RepairError extends Error {
    problems;
    constructor(problems) {
        super(`${problems.join('\n')}\nnothing was installed: the environment is left as it is until that is resolved`);
        this.problems = problems;
    }
}


/***/ }),

/***/ 6920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ placementUnits),
/* harmony export */   Rx: () => (/* binding */ StageLayout),
/* harmony export */   YC: () => (/* binding */ rootsAlias),
/* harmony export */   kD: () => (/* binding */ rootsAndAbove)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Where a distribution's files are staged (issue 9 §3–§4): below one tree per destination root
 * (the lib directory, scripts, data, headers), at the same relative path as in the environment,
 * so that placing can rename a whole directory that does not exist there yet (transaction.ts)
 * instead of every file in it — a fresh torch or tensorflow is a handful of renames, not 12–16k.
 *
 *   <stage>/t/<i>/<path below root i>   a file in tree i
 *   <stage>/f/<n>                       a lone file: its tree path is taken (two files for one
 *                                       destination, or a file where another needs a directory)
 *
 * A lone file is placed by itself, and no directory above it is renamed whole (`placementUnits`
 * sees that its staged path is not in the tree). Directories are made once each,
 * on this thread, parents first (`makeDirs`), before anything is written into them.
 */


class StageLayout {
    useTrees;
    trees = new Map();
    /** Staged paths of files, and of directories (made or still to make). */
    files = new Set();
    dirs = new Set();
    toMake = [];
    lone = 0;
    treesDir;
    loneDir;
    /**
     * With `trees` false every file is staged on its own (placed file by file), as when the scheme
     * roots alias one another (`rootsAlias`).
     */
    constructor(stageDir, useTrees = true) {
        this.useTrees = useTrees;
        this.treesDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stageDir, 't');
        this.loneDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stageDir, 'f');
    }
    /** The tree for destination root `root` (created on first use). */
    treeOf(root) {
        const dest = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root);
        const key = dest.endsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) && dest.length > 1 ? dest.slice(0, -1) : dest;
        let tree = this.trees.get(key);
        if (tree === undefined) {
            if (this.trees.size === 0)
                this.addDir(this.treesDir);
            tree = { staged: this.treesDir + node_path__WEBPACK_IMPORTED_MODULE_1__.sep + this.trees.size, dest: key };
            this.trees.set(key, tree);
            this.addDir(tree.staged);
        }
        return tree;
    }
    addDir(dir) {
        this.dirs.add(dir);
        this.toMake.push(dir);
    }
    /**
     * Reserves where the file going to `dest` is staged; `root` is the directory of the scheme it
     * belongs to (dest lies below it). Answers the staged path and its tree (none for a lone file).
     */
    reserve(root, dest) {
        const tree = this.useTrees ? this.treeOf(root) : undefined;
        if (tree !== undefined && dest.startsWith(tree.dest + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) && dest.length > tree.dest.length + 1) {
            const staged = tree.staged + dest.slice(tree.dest.length);
            if (!this.files.has(staged) && !this.dirs.has(staged)) {
                // Ancestors below the tree root, nearest first, up to the first one already known (its
                // own ancestors were checked when it was added); none may be a file.
                const fresh = [];
                let clash = false;
                for (let i = staged.lastIndexOf(node_path__WEBPACK_IMPORTED_MODULE_1__.sep); i > tree.staged.length; i = staged.lastIndexOf(node_path__WEBPACK_IMPORTED_MODULE_1__.sep, i - 1)) {
                    const dir = staged.slice(0, i);
                    if (this.dirs.has(dir))
                        break;
                    if (this.files.has(dir)) {
                        clash = true;
                        break;
                    }
                    fresh.push(dir);
                }
                if (!clash) {
                    for (let k = fresh.length - 1; k >= 0; k--)
                        this.addDir(fresh[k]);
                    this.files.add(staged);
                    return { staged, tree };
                }
            }
        }
        if (this.lone === 0)
            this.addDir(this.loneDir);
        return { staged: this.loneDir + node_path__WEBPACK_IMPORTED_MODULE_1__.sep + this.lone++ };
    }
    /** Makes the directories reserved since the last call, parents first. */
    makeDirs() {
        for (const dir of this.toMake.splice(0))
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir);
    }
}
/** The scheme roots and every directory above them (resolved): never renamed whole, never undone whole. */
function rootsAndAbove(roots) {
    const out = new Set();
    for (const root of roots) {
        for (let x = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root); !out.has(x); x = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(x)) {
            out.add(x);
            if (x === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(x))
                break;
        }
    }
    return out;
}
/** Where `path` lands once symlinks are followed (of its nearest existing ancestor, if it is missing). */
function realOf(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
        return parent === path ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(realOf(parent), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
    }
}
const aliasMemo = new Map();
/**
 * Whether the scheme roots relate differently once symlinks are followed than as written — a
 * Fedora/RHEL-style venv whose platlib is `<venv>/lib64/…` with `lib64 -> lib` names purelib's
 * directory under another path. Staging trees tell directories apart by their paths, so such a
 * directory could be renamed in whole twice (review 3 of session 9): those environments are
 * placed file by file. Memoised per set of roots.
 */
function rootsAlias(roots) {
    const list = [...new Set(roots.map((r) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(r)))];
    const key = list.join('\0');
    let alias = aliasMemo.get(key);
    if (alias === undefined) {
        const relation = (a, b) => a === b ? 0 : a.startsWith(b + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? 1 : b.startsWith(a + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? 2 : 3;
        const real = list.map(realOf);
        alias = false;
        for (let i = 0; i < list.length && !alias; i++) {
            for (let j = i + 1; j < list.length && !alias; j++) {
                alias = relation(list[i], list[j]) !== relation(real[i], real[j]);
            }
        }
        aliasMemo.set(key, alias);
    }
    return alias;
}
/** Marks a missing directory that cannot be renamed as a whole (files from elsewhere go below it). */
const MIXED = '\0mixed';
/**
 * The renames that place `files`, given which directories exist (`present`). A missing directory D
 * strictly below a file's tree root is renamed whole when every file going below D is staged under
 * one staged directory mirroring D (same tree, same relative path); the missing directories above
 * such units (and those no unit can take) are created. Answers the units and the directories to make.
 */
function placementUnits(files, present, roots = []) {
    // A scheme root, or a directory above one, is never renamed whole (a venv's headers root lies
    // below data files' directories before any wheel has headers): it is made, and what goes below
    // it placed into it — and the repair refuses a journal naming such a directory (journal.ts).
    const rootish = rootsAndAbove(roots);
    // Missing ancestor → the staged directory that mirrors it (or MIXED).
    const source = new Map();
    for (const f of files) {
        for (let d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(f.dest); !present(d) && d !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d); d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d)) {
            const inTree = !rootish.has(d) &&
                f.tree !== undefined &&
                d.startsWith(f.tree.dest + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) &&
                f.staged.startsWith(f.tree.staged + node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
            const staged = inTree ? f.staged.slice(0, f.staged.length - (f.dest.length - d.length)) : MIXED;
            const known = source.get(d);
            source.set(d, known === undefined || known === staged ? staged : MIXED);
        }
    }
    const units = new Map();
    const made = new Set();
    for (const f of files) {
        // Missing ancestors, top first: the first one that can move whole is the unit.
        const missing = [];
        for (let d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(f.dest); source.has(d); d = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(d))
            missing.push(d);
        missing.reverse();
        let unit;
        for (const d of missing) {
            const staged = source.get(d);
            if (staged !== MIXED) {
                unit = units.get(d) ?? { staged, dest: d, metadata: false, dir: true };
                break;
            }
            made.add(d);
        }
        unit ??= { staged: f.staged, dest: f.dest, metadata: false, dir: false };
        const other = units.get(unit.dest);
        if (other !== undefined && other.dir !== unit.dir) {
            // A file at a path where another of the wheel's files needs a directory (pip fails too).
            throw new Error(`${unit.dest} is both a file and a directory of this wheel`);
        }
        if (f.metadata)
            unit.metadata = true;
        units.set(unit.dest, unit);
    }
    return { units: [...units.values()], made: [...made] };
}


/***/ }),

/***/ 596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  th: () => (/* reexport */ install_journal/* STAGING_PREFIX */.th),
  WT: () => (/* binding */ discardStaging),
  Wc: () => (/* binding */ heldForRepair),
  ge: () => (/* binding */ placeStaged),
  Xl: () => (/* binding */ removeCommitted)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/install/journal.ts
var install_journal = __webpack_require__(4820);
;// CONCATENATED MODULE: ./src/install/owned-tree.ts


/**
 * The directories below `dir` (`dir` first, parents first) when every file (anything but a
 * directory) below it is one of `owned`; else the first file that is not, or the directory that
 * could not be read. Each directory is streamed (opendir: a few entries at a time) and the walk
 * stops at the first foreign entry — a user's large directory where a file goes is not listed
 * whole before it is refused (review 3 of session 10, L1).
 */
async function ownedTree(dir, owned, open = (path) => (0,promises_.opendir)(path, { bufferSize: 32 })) {
    const dirs = [dir];
    // The array iterator sees the directories pushed while it walks.
    for (const d of dirs) {
        let handle;
        try {
            handle = await open(d);
        }
        catch (error) {
            return { foreign: d, unreadable: error.code ?? 'error' };
        }
        try {
            for (let entry = await handle.read(); entry !== null; entry = await handle.read()) {
                const path = (0,external_node_path_.join)(d, entry.name);
                if (entry.isDirectory())
                    dirs.push(path);
                else if (!owned.has(path))
                    return { foreign: path };
            }
        }
        catch (error) {
            return { foreign: d, unreadable: error.code ?? 'error' };
        }
        finally {
            await handle.close().catch(() => undefined);
        }
    }
    return { dirs };
}

// EXTERNAL MODULE: ./src/install/stage-layout.ts
var stage_layout = __webpack_require__(6920);
;// CONCATENATED MODULE: ./src/install/transaction.ts
/**
 * Placing one staged distribution so that it ends up fully installed or not at all (issue 9 §3),
 * also across a killed process:
 *
 *   1. a journal (`journal.json` in the distribution's staging directory, written atomically)
 *      names every rename about to happen: existing files moved aside into the staging directory
 *      (the replaced version's files by its RECORD, and whatever else sits where a new file goes),
 *      the directories that will be created, and every rename into place — a staged file, or a
 *      whole staged directory where the destination directory does not exist yet and the
 *      staging tree (stage-wheel.ts) holds everything that goes below it (a fresh install of
 *      torch is then a few renames instead of 12k);
 *   2. existing files are moved aside, directories created, staged files and directories renamed
 *      into place (the `.dist-info` last: its RECORD very last, or the whole directory at once);
 *   3. a `committed` marker is written beside the journal, then the staging directory (with the
 *      old files) is removed — or left to the caller until the whole install is done
 *      (`keepCommitted`) — and directories the old version leaves empty are removed (pip's
 *      uninstall does the same by moving whole directories).
 * A failure in step 2 rolls back in the same process; a process killed in step 2 leaves the
 * journal, and `recoverStaging` (repair.ts; run by the next installer before it changes anything) rolls back:
 * a staged file or directory that is gone was placed, so its destination is removed (a directory:
 * the files the journal lists below it, then the directories they leave empty — what else came to
 * lie there since is kept); every file moved aside is
 * moved back; created directories are removed when empty. A staging directory without a journal
 * never touched the environment and is simply deleted.
 */








/** What lies at `path`: nothing, a directory, or a file (with its identity, journal.ts `identityOf`). */
async function kindOf(path) {
    try {
        const st = await (0,promises_.lstat)(path, { bigint: true });
        return st.isDirectory() ? 'dir' : { file: (0,install_journal/* identityOf */.cu)(st) };
    }
    catch {
        return 'none';
    }
}
/**
 * Runs `fn` over `items` with at most 16 calls waiting on the shared `limit` at a time: a few
 * runners walk the list, instead of one promise and closure per item held for the whole
 * distribution (tens of thousands for the largest wheels: that was most of the live heap).
 */
async function eachLimited(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const runner = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await limit(() => fn(items[i], i));
        }
    };
    await Promise.all(Array.from({ length: Math.min(16, items.length) }, runner));
    return out;
}
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
async function move(from, to, dir, gone, ren, copied) {
    try {
        await ren(from, to);
    }
    catch (error) {
        if (error.code !== 'EXDEV')
            throw error;
        const tmp = (0,install_journal/* exdevCopyOf */.n)(to);
        await (0,promises_.rm)(tmp, { recursive: true, force: true }); // a killed run's
        if (dir)
            await (0,promises_.cp)(from, tmp, { recursive: true, errorOnExist: true, force: false });
        else {
            await (0,promises_.copyFile)(from, tmp);
            await (0,promises_.chmod)(tmp, (await (0,promises_.stat)(from)).mode & 0o7777);
        }
        if (gone === undefined) {
            await ren(tmp, to);
            await (0,promises_.rm)(from, { force: true });
            return;
        }
        const aside = await gone();
        await copied?.(tmp, aside); // the copy's identities, before anything of it can be placed
        await ren(from, aside);
        try {
            await ren(tmp, to);
        }
        catch (renameError) {
            await ren(aside, from).catch(() => undefined);
            await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
            throw renameError;
        }
        await (0,promises_.rm)(aside, { recursive: dir, force: true });
    }
}
/**
 * Placements run one at a time: a directory renamed whole must not exist yet, and two
 * distributions placed together could both find one missing (two Jupyter extensions' `share/jupyter`).
 */
let placing = Promise.resolve();
function oneAtATime(work) {
    const run = placing.then(work, work);
    placing = run.catch(() => undefined);
    return run;
}
/** mkdir that accepts a directory someone else (another distribution placed in parallel) made. */
async function mkdirOnce(dir) {
    try {
        await (0,promises_.mkdir)(dir);
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
}
/**
 * Each directory of `dirs` (none below another) with the destinations of `files` below it, and
 * the identity of each (journal.ts `identityOf`, taken from its staged file).
 */
function filesBelow(dirs, files) {
    if (dirs.length === 0)
        return [];
    const below = new Map(dirs.map((d) => [d, [[], []]]));
    for (const f of files) {
        for (let d = (0,external_node_path_.dirname)(f.dest); d !== (0,external_node_path_.dirname)(d); d = (0,external_node_path_.dirname)(d)) {
            const list = below.get(d);
            if (list !== undefined) {
                list[0].push(f.dest);
                list[1].push(f.id ?? (0,install_journal/* identityOf */.cu)((0,external_node_fs_.lstatSync)(f.staged, { bigint: true })));
                break;
            }
        }
    }
    return [...below].map(([d, [dests, ids]]) => [d, dests, ids]);
}
/** Places a staged distribution (see the module comment); rolls back and rethrows on failure. */
function placeStaged(opts) {
    return oneAtATime(() => placeNow(opts));
}
async function placeNow(opts) {
    const { stageDir, files } = opts;
    const asideDir = (0,external_node_path_.join)(stageDir, 'o');
    await (0,promises_.mkdir)(asideDir);
    const ren = opts.rename ?? promises_.rename;
    // Names for staged originals an EXDEV fallback has copied into place (see `move`).
    let exdevs = 0;
    const gone = async () => {
        const dir = (0,external_node_path_.join)(stageDir, 'x');
        if (exdevs === 0)
            await (0,promises_.mkdir)(dir);
        return (0,external_node_path_.join)(dir, String(exdevs++));
    };
    const destSet = new Set(files.map((f) => f.dest));
    // Every ancestor of every destination directory (synchronous stats: a few per distribution).
    const ancestors = new Set();
    for (const dest of destSet) {
        for (let x = (0,external_node_path_.dirname)(dest); !ancestors.has(x); x = (0,external_node_path_.dirname)(x)) {
            ancestors.add(x);
            if (x === (0,external_node_path_.dirname)(x))
                break;
        }
    }
    const removeSet = new Set(opts.remove);
    // Parents first: below a missing directory everything is missing, and is not looked at. A file
    // of the version being replaced where the new one needs a directory (a module that became a
    // package's directory) is moved aside before any directory is made: missing too, as after pip's
    // uninstall. Anyone else's file there is a conflict, refused before anything changes.
    const dirList = [...ancestors].sort((a, b) => a.length - b.length);
    const missingDirs = new Set();
    for (const d of dirList) {
        if (missingDirs.has((0,external_node_path_.dirname)(d))) {
            missingDirs.add(d);
            continue;
        }
        const st = (0,external_node_fs_.statSync)(d, { throwIfNoEntry: false });
        if (st === undefined || (!st.isDirectory() && removeSet.has(d)))
            missingDirs.add(d);
        else if (!st.isDirectory())
            throw new Error(`${d} is a file, the wheel installs a directory there`);
    }
    const { units, made } = (0,stage_layout/* placementUnits */.$)(files, (d) => !missingDirs.has(d), opts.roots);
    // The directories created, parents first; a unit's directory comes with its rename.
    const createdDirs = made.sort((a, b) => a.length - b.length);
    // Payload first, then the metadata: single files, RECORD last, or the whole .dist-info directory.
    const ordered = [
        ...units.filter((u) => !u.metadata),
        ...units.filter((u) => u.metadata && !u.dir && !u.dest.endsWith('RECORD')),
        ...units.filter((u) => u.metadata && !u.dir && u.dest.endsWith('RECORD')),
        ...units.filter((u) => u.metadata && u.dir),
    ];
    // Nothing can exist yet inside a directory that does not: only other destinations are looked at.
    const fileDests = ordered.filter((u) => !u.dir).map((u) => u.dest);
    const candidates = [...new Set([...opts.remove, ...fileDests.filter((d) => !missingDirs.has((0,external_node_path_.dirname)(d)))])];
    const kinds = await eachLimited(candidates, opts.limit, kindOf);
    const aside = [];
    const asideIds = [];
    const clearedDirs = [];
    for (const [i, p] of candidates.entries()) {
        const kind = kinds[i];
        if (kind === 'dir') {
            // A RECORD row naming a directory is never followed (it may hold other projects' files).
            // A directory where a file must go: when every file below it belongs to the version being
            // replaced (moved aside here), it is removed once empty, as pip's uninstall removes it
            // first; anything else below it is a conflict the user has to resolve.
            if (destSet.has(p)) {
                const below = await ownedTree(p, removeSet);
                if ('foreign' in below)
                    throw new Error(`${p} is a directory, the wheel installs a file there (${below.foreign} ${below.unreadable !== undefined ? `cannot be read: ${below.unreadable}` : "is not the replaced version's"})`);
                clearedDirs.push(...below.dirs);
            }
            continue;
        }
        if (kind !== 'none') {
            aside.push([p, (0,external_node_path_.join)(asideDir, String(aside.length))]);
            asideIds.push(kind.file);
        }
    }
    // What each rename will put in place (rename keeps the inode): a repair removes only what still
    // is exactly that — never a file another installer or the user wrote at the same path since.
    // A file an extraction worker wrote comes with its identity; the rest are looked at here.
    const idOf = new Map();
    for (const f of files)
        if (f.id !== undefined)
            idOf.set(f.staged, f.id);
    const below = filesBelow(ordered.filter((u) => u.dir).map((u) => u.dest), files);
    const journal = {
        version: 2,
        state: 'applying',
        dist: opts.dist,
        aside,
        asideIds,
        place: ordered.map((u) => [u.staged, u.dest]),
        ids: ordered.map((u) => (u.dir ? undefined : idOf.get(u.staged)) ?? (0,install_journal/* identityOf */.cu)((0,external_node_fs_.lstatSync)(u.staged, { bigint: true }))),
        dirFiles: below.map(([d, dests]) => [d, dests]),
        dirIds: below.map(([, , ids]) => ids),
        createdDirs,
        emptied: [...new Set(opts.remove.map((p) => (0,external_node_path_.dirname)(p)))],
        ...(clearedDirs.length > 0 ? { clearedDirs } : {}),
    };
    // A copy placed across file systems (EXDEV) has inodes of its own: their identities go into the
    // journal in memory (this run's rollback) and into `x/<n>.ids` beside the staged original's new
    // name, written before anything of the copy is placed (the next run's repair, journal.ts).
    const placeIndex = new Map(ordered.map((u, i) => [u, i]));
    const dirIndex = new Map(below.map(([d], k) => [d, k]));
    const copied = async (u, tmp, aside) => {
        const i = placeIndex.get(u);
        const id = (0,install_journal/* identityOf */.cu)((0,external_node_fs_.lstatSync)(tmp, { bigint: true }));
        const k = u.dir ? dirIndex.get(u.dest) : undefined;
        const dirIds = k === undefined
            ? undefined
            : below[k][1].map((f) => (0,install_journal/* identityOf */.cu)((0,external_node_fs_.lstatSync)(tmp + f.slice(u.dest.length), { bigint: true })));
        await (0,atomic_file/* writeFileAtomic */.Z)(`${aside}${install_journal/* COPY_IDS */.fp}`, JSON.stringify({ dest: u.dest, id, ...(dirIds ? { dirIds } : {}) }));
        journal.ids[i] = id;
        if (k !== undefined && dirIds !== undefined)
            journal.dirIds[k] = dirIds;
    };
    const placeUnit = (u) => move(u.staged, u.dest, u.dir, gone, ren, (tmp, aside) => copied(u, tmp, aside));
    const text = JSON.stringify(journal);
    // The repair reads at most JOURNAL_LIMIT: a larger journal could never be acted on after a kill.
    const size = Buffer.byteLength(text);
    const limit = opts.journalLimit ?? install_journal/* JOURNAL_LIMIT */.wr;
    if (size > limit)
        throw new Error(`${opts.dist} has too many files to install safely (its journal would be ${size} bytes, the limit is ${limit})`);
    await (0,atomic_file/* writeFileAtomic */.Z)((0,external_node_path_.join)(stageDir, install_journal/* JOURNAL */.Ex), text);
    try {
        await eachLimited(aside, opts.limit, ([orig, moved]) => move(orig, moved, false, undefined, ren));
        // Deepest first: each is empty once the replaced version's files are aside.
        for (const d of [...clearedDirs].reverse())
            await (0,promises_.rmdir)(d);
        // Directories once each, a level at a time (parents before children, siblings in parallel).
        const levels = new Map();
        for (const d of createdDirs) {
            const depth = d.split(external_node_path_.sep).length;
            levels.set(depth, [...(levels.get(depth) ?? []), d]);
        }
        for (const depth of [...levels.keys()].sort((a, b) => a - b)) {
            await eachLimited(levels.get(depth) ?? [], opts.limit, mkdirOnce);
        }
        // Payload in parallel, then metadata in order (RECORD last): the distribution becomes
        // visible to importlib.metadata only once everything else is in place.
        const payload = ordered.filter((u) => !u.metadata);
        let index = 0;
        await eachLimited(payload, opts.limit, async (u) => {
            await placeUnit(u);
            await opts.afterPlace?.(index++);
        });
        for (const u of ordered.filter((x) => x.metadata)) {
            await placeUnit(u);
            await opts.afterPlace?.(index++);
        }
    }
    catch (error) {
        try {
            const { kept } = await (0,install_journal/* rollback */.dU)(journal, opts.roots);
            if (kept.length > 0)
                opts.logger.warn(`rolling back ${opts.dist}: ${(0,install_journal/* keptText */.GD)(kept)}`);
        }
        catch (rollbackError) {
            opts.logger.error(`could not roll back ${opts.dist} completely (${rollbackError.message}); the next run retries from ${stageDir}`);
            throw error;
        }
        await discardStaging(stageDir);
        throw error;
    }
    // A marker beside the journal, not the journal rewritten: rewriting would free an inode (above).
    await (0,atomic_file/* writeFileAtomic */.Z)((0,external_node_path_.join)(stageDir, install_journal/* COMMITTED */.x_), '');
    if (opts.keepCommitted !== true)
        await discardStaging(stageDir);
    await (0,install_journal/* removeEmptyDirs */.YI)(journal.emptied, opts.roots);
}
/**
 * Removes a staging directory whose journal is no longer needed (committed, or rolled back): the
 * journal first, in one unlink, then the rest. `rm -r` alone unlinks in directory order, and a run
 * killed after it removed `committed` or staged files but before the journal left a journal that
 * the next run "repaired": a finished install undone, or — after a rollback — the restored
 * previous version's files deleted as if placed by us (review 1 of session 10). Without a journal
 * the directory is one that never touched the environment, which any run deletes.
 */
async function discardStaging(stageDir, remove = promises_.rm) {
    await remove((0,external_node_path_.join)(stageDir, install_journal/* JOURNAL */.Ex), { force: true });
    await remove(stageDir, { recursive: true, force: true });
}
/**
 * Whether `stageDir` holds a journal: `placeStaged` then owns it — committed (kept for
 * `removeCommitted`) or kept on purpose after a rollback that failed, for the next run's repair.
 * Whoever staged into it must not delete it then.
 */
function heldForRepair(stageDir) {
    return (0,install_journal/* lexists */.h$)((0,external_node_path_.join)(stageDir, install_journal/* JOURNAL */.Ex));
}
/** Removes staging directories `placeStaged` left committed (`keepCommitted`). */
async function removeCommitted(stageDirs) {
    for (const stageDir of stageDirs)
        await discardStaging(stageDir);
}


/***/ }),

/***/ 433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ WheelInstallError)
/* harmony export */ });
/**
 * A wheel that cannot be installed, naming the wheel and the archive entry at fault. Its own module
 * so that code which only recognises the error (flow/failure.ts, loaded by every CLI command) does
 * not load the wheel planner with it (issue 14 §2 "Start-up").
 */
class WheelInstallError extends Error {
    wheel;
    entry;
    name = 'WheelInstallError';
    constructor(
    /** The wheel's file name. */
    wheel, detail, 
    /** The archive entry at fault, when there is one. */
    entry) {
        super(`${wheel}: ${entry !== undefined ? `${JSON.stringify(entry)}: ` : ''}${detail}`);
        this.wheel = wheel;
        this.entry = entry;
    }
}


/***/ })

};
