export const id = 11;
export const ids = [11];
export const modules = {

/***/ 4359:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ sameIdentity),
/* harmony export */   DZ: () => (/* binding */ identityOfStats),
/* harmony export */   lb: () => (/* binding */ FileStamps)
/* harmony export */ });
/* unused harmony export stampFileOf */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9638);
/* harmony import */ var _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2678);
/* harmony import */ var _stamp_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5149);





const VERSION = 1;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DIGITS = /^[0-9]{1,30}$/;
/** The identity in a bigint stat result, when it describes a regular file. */
function identityOfStats(info) {
    if (!info.isFile())
        return undefined;
    return {
        size: String(info.size),
        dev: String(info.dev),
        ino: String(info.ino),
        mtimeNs: String(info.mtimeNs),
        ctimeNs: String(info.ctimeNs),
    };
}
async function identityOf(path) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path, { bigint: true }).catch(() => undefined);
    return info === undefined ? undefined : identityOfStats(info);
}
/** Same inode, size and mtime: the same bytes unless ctime says the inode was touched since. */
function sameInodeContent(a, b) {
    return a.size === b.size && a.dev === b.dev && a.ino === b.ino && a.mtimeNs === b.mtimeNs;
}
/** Every field of the identity equal: the same file, not written, replaced, linked or chmod-ed since. */
function sameIdentity(a, b) {
    return sameInodeContent(a, b) && a.ctimeNs === b.ctimeNs;
}
function validStamp(s) {
    if (typeof s !== 'object' || s === null)
        return false;
    const x = s;
    return (typeof x.sha256 === 'string' &&
        SHA256_HEX.test(x.sha256) &&
        ['size', 'dev', 'ino', 'mtimeNs', 'ctimeNs'].every((k) => typeof x[k] === 'string' && DIGITS.test(x[k])));
}
/** The stamp file of `dir` in `store`. */
function stampFileOf(store, dir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(store, `${(0,_stamp_store_js__WEBPACK_IMPORTED_MODULE_4__/* .storeHashOf */ .XC)(dir)}.json`);
}
/**
 * The stamps of one run, by absolute path. `digest` is a FileDigester that hashes only files whose
 * stamp no longer matches.
 */
class FileStamps {
    stamps = new Map();
    /** Paths whose stamp this run made from bytes it hashed itself (not loaded from the store). */
    fresh = new Set();
    hashFile;
    store;
    /** Files whose bytes were read and hashed, and answers taken from a matching stamp. */
    counts = { hashed: 0, trusted: 0 };
    constructor(options = {}) {
        this.hashFile = options.hash ?? _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__/* .fileSha256 */ .s;
        this.store = options.store;
    }
    /**
     * Reads the stored stamps of the files directly in `dir`, if the store has a usable stamp file
     * for it (a regular file, bounded, version 1); anything else is ignored: stamps only ever save
     * work, never decide a result.
     */
    async loadDir(dir) {
        if (this.store === undefined)
            return 0;
        const text = await (0,_stamp_store_js__WEBPACK_IMPORTED_MODULE_4__/* .readStoreFile */ .Oq)(stampFileOf(this.store, dir), _stamp_store_js__WEBPACK_IMPORTED_MODULE_4__/* .STAMPS_FILE_LIMIT */ .Ci);
        if (text === undefined)
            return 0;
        let data;
        try {
            data = JSON.parse(text);
        }
        catch {
            return 0;
        }
        if (data.version !== VERSION || typeof data.files !== 'object' || data.files === null)
            return 0;
        let n = 0;
        for (const [name, stamp] of Object.entries(data.files)) {
            // Plain names directly inside `dir` only.
            if (name === '' || name !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(name) || name === '.' || name === '..' || !validStamp(stamp))
                continue;
            this.stamps.set((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir, name), { ...stamp });
            this.fresh.delete((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir, name));
            n++;
        }
        return n;
    }
    /**
     * Stores the stamps of the files in `dir` that `keep` accepts (atomically; replaces the old
     * stamp file of `dir`). Nothing without a store.
     */
    async saveDir(dir, keep) {
        if (this.store === undefined)
            return;
        const files = {};
        const root = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
        for (const [path, stamp] of [...this.stamps].sort(([a], [b]) => (a < b ? -1 : 1))) {
            const name = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path);
            if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path) === root && keep(name))
                files[name] = stamp;
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(this.store, { recursive: true });
        await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(stampFileOf(this.store, dir), `${JSON.stringify({ version: VERSION, dir: root, files })}\n`);
    }
    /** The stamp's digest when `path` is still exactly the file it was made from, else undefined. */
    async known(path) {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
        const stamp = this.stamps.get(abs);
        if (stamp === undefined)
            return undefined;
        const now = await identityOf(abs);
        if (now === undefined || !sameIdentity(stamp, now)) {
            this.forget(abs);
            return undefined;
        }
        return { sha256: stamp.sha256, size: Number(stamp.size) };
    }
    /**
     * sha256 and size of `path`: from its stamp when the file is unchanged, else read and hashed
     * (then stamped, when it did not change while it was read). Rejects as fileSha256 does.
     */
    digest = async (path) => {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
        const known = await this.known(abs);
        if (known !== undefined) {
            this.counts.trusted++;
            return known;
        }
        const before = await identityOf(abs);
        // A missing file is an error without a read (as fileSha256 would reject).
        if (before === undefined)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(abs);
        this.counts.hashed++;
        const digest = await this.hashFile(abs);
        const after = await identityOf(abs);
        if (before !== undefined && after !== undefined && sameIdentity(before, after)) {
            this.stamps.set(abs, { sha256: digest.sha256.toLowerCase(), ...after });
            this.fresh.add(abs);
        }
        return digest;
    };
    /**
     * Stamps a file wheelhouse has just written itself from bytes it hashed while writing them (a
     * download streamed through sha256, then renamed into place).
     */
    async record(path, digest) {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
        const now = await identityOf(abs);
        if (now === undefined || String(digest.size) !== now.size) {
            this.forget(abs);
            return;
        }
        this.stamps.set(abs, { sha256: digest.sha256.toLowerCase(), ...now });
        this.fresh.add(abs);
    }
    /**
     * After wheelhouse hard-linked or renamed `from` to `to` itself (which changes the inode's
     * ctime): `to` takes over `from`'s stamp when it is the same inode with the same size and mtime.
     */
    async carry(from, to) {
        const stamp = this.stamps.get((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(from));
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(to);
        const wasFresh = this.fresh.has((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(from));
        this.forget(abs);
        if (stamp === undefined)
            return;
        const now = await identityOf(abs);
        if (now !== undefined && sameInodeContent(now, stamp)) {
            this.stamps.set(abs, { ...stamp, ctimeNs: now.ctimeNs });
            if (wasFresh)
                this.fresh.add(abs);
        }
    }
    /**
     * After wheelhouse itself changed only the metadata of files in `dir` (the local cache's save
     * hard-links them into the entry and makes them read-only, which changes their ctime): stamps of
     * files still of the same inode, size and mtime take the new ctime. Answers how many did.
     */
    async adoptChangeTimes(dir) {
        const root = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
        let n = 0;
        for (const [path, stamp] of this.stamps) {
            if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path) !== root)
                continue;
            const now = await identityOf(path);
            if (now !== undefined && now.ctimeNs !== stamp.ctimeNs && sameInodeContent(now, stamp)) {
                this.stamps.set(path, { ...stamp, ctimeNs: now.ctimeNs });
                n++;
            }
        }
        return n;
    }
    forget(path) {
        this.stamps.delete((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path));
        this.fresh.delete((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path));
    }
    /**
     * The stamp of `path` when this run made it from bytes it hashed itself (never one loaded from
     * the store), as it stands now in memory — no look at the file. A consumer that is about to read
     * the file compares it with what `fstat` says of the descriptor it reads from (the installer
     * does, install/installer-api.ts `verified`): equal device, inode, size, mtime and ctime mean the
     * bytes this run hashed, so they need not be hashed again.
     */
    hashedThisRun(path) {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
        const stamp = this.fresh.has(abs) ? this.stamps.get(abs) : undefined;
        return stamp === undefined ? undefined : { ...stamp };
    }
}


/***/ }),

/***/ 5149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ pruneStampStore),
/* harmony export */   Ci: () => (/* binding */ STAMPS_FILE_LIMIT),
/* harmony export */   Oq: () => (/* binding */ readStoreFile),
/* harmony export */   TY: () => (/* binding */ RECORD_FILE_LIMIT),
/* harmony export */   XC: () => (/* binding */ storeHashOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_prune_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2186);
/**
 * The stamp store (the CLI's `<cache dir>/stamps/`): reading its files as the untrusted input they
 * are, and keeping it bounded ("Bounded" principle) by removing the files of directories that are
 * gone.
 *
 * Its files, one set per directory (wheelhouse or local find-links directory), named by
 * `h = sha256(absolute directory)[:32]` in lowercase hex:
 *   - `<h>.json`            verified-file stamps (file-stamps.ts): `{version: 1, dir, files}`;
 *   - `<h>.received.json`   received pages / METADATA (received-records.ts):
 *                           `{version: 1, dir, pages, metadata}`;
 *   - `<h>.resolution.json` the reusable resolution (flow/resolution-reuse.ts):
 *                           `{version: 1, dir, inputs, pages, resolution}` or `{version: 0, dir}`
 *                           (files written before the `dir` field lack it);
 *   - `.<one of the above>.<12 hex>.tmp` a write in progress (util/atomic-file.ts), and
 *     `.<one of the above>.prune-<12 hex>` a removal in progress (below).
 *
 * Pruning rule (`pruneStampStore`, run by the fetch flow after it wrote its stamps). Each run looks
 * at no more than `examine` (default 32) files picked at random among those named as above (the
 * listing itself stops after 10 000 names), reads each through `readStoreFile` (no symlink
 * followed, regular files only, the reader's size limit) and no more than 64 MiB in all. It removes
 * a file only when
 *   1. its name is one of the patterns above, it is a regular file (not a symlink, directory, …),
 *      and its content parses as the format its name says (the shape checked as its reader does);
 *   2. and either its `dir` is an absolute path whose sha256 is the file's name and `lstat(dir)`
 *      answers ENOENT (the directory is gone), or it was last written more than `maxAgeDays`
 *      (default 30) days ago (every run that uses a directory rewrites its stamps, so an old file
 *      belongs to a directory no run has used for a month; a file without `dir` — an older
 *      resolution record — goes only by this age rule). Losing a file is harmless: stamps and
 *      records only ever save work, never decide a result.
 * A leftover `.tmp` / `.prune-` file (a run killed while writing or removing) is removed when it is
 * a regular file not modified for a day; its content is not read. Anything else — other names,
 * symlinks, directories, files that do not parse as ours (a malformed `<h>.json` included), files
 * larger than the reader's limit — is left alone.
 *
 * Concurrent runs: a file is first renamed to a private `.prune-` name (atomic), then checked again
 * there: if it is no longer the inode that was examined (another run replaced it meanwhile) or its
 * directory exists again, it is put back with link(2), which never overwrites a newer file, and only
 * then is the private name removed. A file another run writes after the rename is a new file under
 * the real name and is not touched. A file that vanished under us is fine.
 */



const STORE_FILE = /^([0-9a-f]{32})(\.received|\.resolution)?\.json$/;
const LEFTOVER = /^\.([0-9a-f]{32})(\.received|\.resolution)?\.json\.(?:[0-9a-f]{12}\.tmp|prune-[0-9a-f]{12})$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** The readers' limits: a store file larger than this is not read (stamps 16 MiB, records 32 MiB). */
const STAMPS_FILE_LIMIT = 16 * 1024 * 1024;
const RECORD_FILE_LIMIT = 32 * 1024 * 1024;
/** The name-hash of a directory in the store: sha256 of its absolute path, 32 hex digits. */
function storeHashOf(dir) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir)).digest('hex').slice(0, 32);
}
/**
 * The text of the store file `path`, or undefined when it is missing, not a regular file (a
 * symlink is not followed), larger than `limit` bytes or unreadable (util/prune-files.ts).
 */
function readStoreFile(path, limit) {
    return (0,_util_prune_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readFileNoFollow */ .tk)(path, limit);
}
function kindOf(suffix) {
    return suffix === '.received' ? 'received' : suffix === '.resolution' ? 'resolution' : 'stamps';
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * The directory a parsed store file names, `null` when it is one of our formats but names none
 * (an older resolution record), undefined when it is not one of our formats.
 */
function dirOf(kind, data) {
    if (!isObject(data))
        return undefined;
    const dir = data.dir;
    if (dir !== undefined && typeof dir !== 'string')
        return undefined;
    let ours;
    if (kind === 'stamps')
        ours = data.version === 1 && isObject(data.files);
    else if (kind === 'received')
        ours = data.version === 1 && isObject(data.pages) && isObject(data.metadata);
    else
        ours =
            data.version === 0 ||
                (data.version === 1 &&
                    typeof data.inputs === 'string' &&
                    HEX64.test(data.inputs) &&
                    isObject(data.pages) &&
                    isObject(data.resolution));
    if (!ours)
        return undefined;
    if (dir === undefined)
        return kind === 'resolution' ? null : undefined;
    return dir;
}
/** Removes stamp-store files of directories that are gone or unused (see the header for the rule). */
function pruneStampStore(store, options = {}) {
    let budget = 64 * 1024 * 1024;
    return (0,_util_prune_files_js__WEBPACK_IMPORTED_MODULE_2__/* .pruneSample */ .fp)(store, {
        isEntry: (name) => STORE_FILE.test(name),
        isLeftover: (name) => LEFTOVER.test(name),
        async ownerOf(name, info) {
            const match = STORE_FILE.exec(name);
            const kind = kindOf(match[2]);
            const limit = kind === 'stamps' ? STAMPS_FILE_LIMIT : RECORD_FILE_LIMIT;
            if (info.size > BigInt(Math.min(limit, budget)))
                return undefined;
            budget -= Number(info.size);
            const text = await readStoreFile((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(store, name), limit);
            if (text === undefined)
                return undefined;
            let data;
            try {
                data = JSON.parse(text);
            }
            catch {
                return undefined;
            }
            const dir = dirOf(kind, data);
            if (dir === undefined)
                return undefined;
            // Only a `dir` that names this very file counts as its owner (else the age rule alone).
            return dir !== null && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(dir) && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir) === dir && storeHashOf(dir) === match[1]
                ? dir
                : null;
        },
    }, options);
}


/***/ }),

/***/ 5395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ RUN_LOCK_FILENAME),
/* harmony export */   Em: () => (/* binding */ LOCK_FILENAME),
/* harmony export */   GR: () => (/* binding */ isRunLockName),
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   MV: () => (/* binding */ MANIFEST_LIMIT),
/* harmony export */   NY: () => (/* binding */ REPORT_FILENAME),
/* harmony export */   Pi: () => (/* binding */ PYLOCK_FILENAME),
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   ch: () => (/* binding */ MANIFEST_FILENAME),
/* harmony export */   h$: () => (/* binding */ manifestFor),
/* harmony export */   zj: () => (/* binding */ verifyWheelhouse)
/* harmony export */ });
/* unused harmony export MANIFEST_VERSION */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9638);
/* harmony import */ var _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2678);
/* harmony import */ var _util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5918);
/* harmony import */ var _util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8562);






/**
 * The wheelhouse manifest (`wheelhouse-manifest.json` in the wheelhouse): filename → sha256 and size
 * of every file the wheelhouse should hold, written atomically. It documents the wheelhouse for
 * people and tools; wheelhouse itself never trusts it for a restored cache: `verifyWheelhouse`
 * hashes the bytes on disk against the resolution, which is what keeps a poisoned cache entry
 * (wrong bytes under a wheel's name, extra files) away from `pip install`.
 */
const MANIFEST_FILENAME = 'wheelhouse-manifest.json';
/** The other files a wheelhouse run writes next to the distributions (see src/flow/wheelhouse-files.ts). */
const LOCK_FILENAME = 'requirements.lock';
const REPORT_FILENAME = 'report.json';
const PYLOCK_FILENAME = 'pylock.toml';
/** The run lock (src/util/dir-lock.ts) of a wheelhouse: one run at a time. Never part of a cache entry. */
const RUN_LOCK_FILENAME = '.wheelhouse.lock';
/** The run lock, or one of its drafts (`.wheelhouse.lock.<hex>.new`, dir-lock.ts). */
function isRunLockName(name) {
    return name === RUN_LOCK_FILENAME || name.startsWith(`${RUN_LOCK_FILENAME}.`);
}
const MANIFEST_VERSION = 1;
/**
 * The most bytes of a manifest read (~150 bytes a listed file: some 400,000 files). A manifest is
 * read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * a wheelhouse or cache entry restored by the Actions cache's tar may hold a FIFO or a link to a
 * device under its name.
 */
const MANIFEST_LIMIT = 64 * 1024 * 1024;
class ManifestError extends Error {
    name = 'ManifestError';
}
function manifestFor(resolution) {
    const files = {};
    const sorted = [...resolution.packages].sort((a, b) => (a.file.filename < b.file.filename ? -1 : 1));
    for (const { file } of sorted) {
        files[file.filename] =
            file.size === undefined ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
    }
    return { version: MANIFEST_VERSION, files };
}
async function writeManifest(dir, manifest) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, MANIFEST_FILENAME);
    await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return path;
}
async function readManifest(dir) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, MANIFEST_FILENAME);
    // The wheelhouse may come from a cache entry (the Actions cache restores it with tar, FIFOs and
    // links included): read without following a link, never a FIFO, up to MANIFEST_LIMIT.
    const read = await (0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)(path, MANIFEST_LIMIT);
    if (!('text' in read)) {
        if (read.problem === 'missing')
            return undefined;
        throw new ManifestError(`${path}: ${(0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .describeProblem */ .BJ)(read)}`);
    }
    const text = read.text;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new ManifestError(`${path} is not JSON: ${error.message}`);
    }
    const m = data;
    if (m.version !== MANIFEST_VERSION || typeof m.files !== 'object' || m.files === null) {
        throw new ManifestError(`${path} is not a version ${MANIFEST_VERSION} wheelhouse manifest`);
    }
    return m;
}
/**
 * Check a (restored) wheelhouse against the resolution: hash every file named by the resolution
 * (streaming; or take the digest `options.digest` gives), delete the ones whose sha256 differs, delete every other regular file except the
 * manifest and the names in `keep` ("prune"), and report what is missing. Entries that are not
 * regular files (subfolders, symlinks: a restored cache entry may carry them; pip's --find-links
 * would not read them, but they do not belong in a wheelhouse) are deleted too, never followed.
 * Only names `deletable` allows are deleted (the flow spares entries it did not write).
 */
async function verifyWheelhouse(dir, resolution, options) {
    const wanted = new Map();
    for (const pkg of resolution.packages)
        wanted.set(pkg.file.filename, pkg.file);
    const result = { valid: [], missing: [], removed: [] };
    let names = [];
    let others = [];
    try {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true });
        names = entries.filter((e) => e.isFile()).map((e) => e.name);
        others = entries.filter((e) => !e.isFile()).map((e) => e.name);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    for (const name of others) {
        if (options.keep?.includes(name) || (options.deletable !== undefined && !options.deletable(name)))
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), { recursive: true, force: true });
        result.removed.push({ filename: name, reason: 'not-a-file' });
        options.logger.warn(`removed ${name} from the wheelhouse: not a regular file`);
    }
    const present = new Set(names);
    for (const name of names) {
        if (name === MANIFEST_FILENAME || wanted.has(name) || options.keep?.includes(name))
            continue;
        if (options.deletable !== undefined && !options.deletable(name))
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), { force: true });
        result.removed.push({ filename: name, reason: 'not-in-resolution' });
        options.logger.debug(`pruned ${name} from the wheelhouse: not in the resolution`);
    }
    const toHash = [...wanted.values()].filter((f) => present.has(f.filename));
    for (const f of wanted.values())
        if (!present.has(f.filename))
            result.missing.push(f);
    await (0,_util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_5__/* .runLimited */ .Oe)(toHash, options.concurrency ?? 4, async (file) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, file.filename);
        // A file this run wrote and hashed, or one unchanged since an earlier run hashed it, is not
        // read again (options.digest: the run's stamps, src/cache/file-stamps.ts).
        const actual = await (options.digest ?? _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__/* .fileSha256 */ .s)(path).catch(() => undefined);
        if (actual && actual.sha256 === file.sha256.toLowerCase()) {
            result.valid.push(file);
            return;
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
        result.removed.push({ filename: file.filename, reason: 'hash-mismatch' });
        result.missing.push(file);
        options.logger.warn(`removed ${file.filename} from the wheelhouse: sha256 ${actual?.sha256 ?? '(unreadable)'} does not match the resolution's ${file.sha256}`);
    });
    return result;
}


/***/ }),

/***/ 5737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* reexport safe */ _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__.Ck),
/* harmony export */   EW: () => (/* binding */ isOwnFileName),
/* harmony export */   Em: () => (/* reexport safe */ _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__.Em),
/* harmony export */   HX: () => (/* binding */ WHEELHOUSE_OUTPUTS),
/* harmony export */   NY: () => (/* reexport safe */ _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__.NY),
/* harmony export */   Pi: () => (/* reexport safe */ _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__.Pi),
/* harmony export */   kQ: () => (/* binding */ isOwnTempName),
/* harmony export */   t2: () => (/* binding */ INSTALL_OUTPUTS)
/* harmony export */ });
/* harmony import */ var _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5395);
/**
 * What wheelhouse may delete in a wheelhouse directory: only files it can prove it wrote.
 *
 *   - its outputs (`requirements.lock`, `report.json`, `pylock.toml`, the manifest, the run lock);
 *   - its temporary files, by their own pattern: `.<name>.<12 hex>.part` (downloads, fetch-file.ts)
 *     `.<name>.<12 hex>.tmp` (atomic writes, cache restores) and `.<name>.<12 hex>.new` (the run
 *     lock's draft, src/util/dir-lock.ts: a second run may see the first one's for a moment);
 *   - the files its manifest lists (written by an earlier run), and the files of the resolution
 *     (the names it is about to write).
 *
 * The manifest is also the proof of ownership of the directory itself: a directory that holds
 * anything else and no manifest (a project folder, the folder of the requirement file just read)
 * is refused, unless the user asks explicitly to clear it (`--clean`, action input `clean`).
 * During a run the manifest is kept with `"complete": false` (wheelhouse-manifest.ts), so an
 * interrupted run leaves a directory that is still provably wheelhouse's but does not look
 * complete: the lock, report and pylock are removed first and written last.
 */


/** Files the flow writes into the wheelhouse besides the distributions; the manifest last. */
const WHEELHOUSE_OUTPUTS = [_cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .LOCK_FILENAME */ .Em, _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .REPORT_FILENAME */ .NY, _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .PYLOCK_FILENAME */ .Pi, _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_FILENAME */ .ch];
/** The outputs that make a wheelhouse look installable: removed first, written last. */
const INSTALL_OUTPUTS = [_cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .LOCK_FILENAME */ .Em, _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .REPORT_FILENAME */ .NY, _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .PYLOCK_FILENAME */ .Pi];
const OWN_TEMP = /^\..+\.[0-9a-f]{12}\.(part|tmp|new)$/;
/** A temporary file of wheelhouse's own pattern (left by an interrupted write). */
function isOwnTempName(name) {
    return OWN_TEMP.test(name);
}
/** An output or temporary file of wheelhouse's (by name alone). */
function isOwnFileName(name) {
    return WHEELHOUSE_OUTPUTS.includes(name) || name === _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .RUN_LOCK_FILENAME */ .Ck || isOwnTempName(name);
}


/***/ }),

/***/ 5918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ forEachFromBothEnds),
/* harmony export */   Oe: () => (/* binding */ runLimited),
/* harmony export */   vP: () => (/* binding */ forEachLimited)
/* harmony export */ });
/**
 * Bounded concurrency for a list of jobs: at most `limit` run at once, started in list order. After
 * the first failure no further job starts; the jobs already running finish (nothing is left
 * running behind the caller's back). One helper for every "N at a time" loop in wheelhouse.
 */
/**
 * Runs `fn` over `items` at most `limit` at once; answers the failures in the order they happened
 * (empty when every job succeeded). Jobs not started because of a failure are simply skipped.
 */
function forEachLimited(items, limit, fn) {
    return forEachFromBothEnds(items, limit, 0, fn);
}
/**
 * forEachLimited, but `fromEnd` of the workers (never all of them) take items from the end of the
 * list while the others take them from its start, until they meet (the download step: the largest
 * files first, a few connections on the smallest so an installer has work at once).
 */
async function forEachFromBothEnds(items, limit, fromEnd, fn) {
    const failures = [];
    let front = 0;
    let back = items.length - 1;
    const worker = async (takesLast) => {
        while (front <= back && failures.length === 0) {
            const index = takesLast ? back-- : front++;
            try {
                await fn(items[index], index);
            }
            catch (error) {
                failures.push(error);
            }
        }
    };
    const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
    await Promise.all(Array.from({ length: workers }, (_, i) => worker(i < Math.min(fromEnd, workers - 1))));
    return failures;
}
/** forEachLimited, rejecting with the first failure once the running jobs have finished. */
async function runLimited(items, limit, fn) {
    const failures = await forEachLimited(items, limit, fn);
    if (failures.length > 0)
        throw failures[0];
}


/***/ })

};
