export const id = 716;
export const ids = [716];
export const modules = {

/***/ 6716:
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
// EXTERNAL MODULE: ./src/install/installer.ts + 12 modules
var install_installer = __webpack_require__(2250);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
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
const TMP = /^\.tmp-[0-9a-f]{16}-[A-Za-z0-9]{6}$/;
const LEFTOVER = /^\.(?:discard-[0-9a-f]{16}-[0-9a-f]{12}|probe-[0-9a-f]{12})$/;
/** Removes unused entries and leftovers of the unpacked-wheel cache in `dir` (see the header). */
async function pruneUnpackedCache(dir, options = {}) {
    const examine = options.examine ?? 32;
    const maxAgeMs = (options.maxAgeDays ?? 30) * prune_files/* DAY_MS */.sO;
    const now = options.now ?? Date.now();
    const uid = process.getuid?.() ?? -1;
    const result = { examined: 0, removed: [] };
    const names = await (0,prune_files/* listNames */.Zv)(dir, (n) => ENTRY.test(n) || TMP.test(n) || LEFTOVER.test(n));
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
 * unpacked-cache-prune.ts removes entries unused for 30 days. Off with --no-cache, or
 * WHEELHOUSE_UNPACKED_CACHE=0 (the shells decide; the installer only takes the collaborator).
 */







const MANIFEST = 'manifest.json';
const FILES = 'f';
const MANIFEST_VERSION = 1;
const MANIFEST_LIMIT = 64 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;
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
        if (e.path !== f.archivePath || e.hash !== f.hash || e.size !== f.size || e.mode !== f.mode)
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
class UnpackedCache {
    stats = { hits: 0, populated: 0, discarded: 0, linked: 0, copied: 0 };
    dir;
    logger;
    link;
    uid = myUid();
    constructor(options) {
        this.dir = options.dir;
        this.logger = options.logger;
        this.link = options.link ?? external_node_fs_.linkSync;
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
    async stage(wheelSha256, umask, files, extract) {
        const wheel = wheelSha256.toLowerCase();
        if (!SHA256_HEX.test(wheel) || files.length === 0) {
            await extract(files.map((f) => f.staged));
            return;
        }
        const entry = (0,external_node_path_.join)(this.dir, wheel);
        const found = await this.linkFromEntry(entry, wheel, umask, files);
        if (found === 'hit') {
            this.stats.hits++;
            await (0,promises_.utimes)(entry, new Date(), new Date()).catch(() => undefined); // last used (pruning)
            return;
        }
        if (found === 'bad')
            await this.discard(entry, wheel);
        await this.populate(entry, wheel, umask, files, extract);
    }
    /** Links every file from the entry; 'bad' (nothing left staged) when any check fails. */
    async linkFromEntry(entry, wheel, umask, files) {
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
        try {
            await inChunks(files.length, async (i) => {
                const f = files[i];
                const m = manifest.files[i];
                const src = (0,external_node_path_.join)(entry, FILES, String(i));
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
                if (matches((0,external_node_fs_.lstatSync)(f.staged, { bigint: true }), m, this.uid))
                    this.stats.linked++;
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
    /** Unpacks into a new private entry, links from it, and publishes it by one rename. */
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
            return;
        }
        const dir = tmp;
        try {
            const paths = files.map((_, i) => (0,external_node_path_.join)(dir, FILES, String(i)));
            await extract(paths);
            const recorded = new Array(files.length);
            let consistent = true;
            await inChunks(files.length, async (i) => {
                const f = files[i];
                const src = paths[i];
                let st;
                try {
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
                if (!st.isFile() || st.size !== BigInt(f.size) || Number(st.mode & 4095n) !== f.mode)
                    consistent = false;
                recorded[i] = {
                    path: f.archivePath,
                    hash: f.hash,
                    size: f.size,
                    mode: f.mode,
                    dev: String(st.dev),
                    ino: String(st.ino),
                    mtimeNs: String(st.mtimeNs),
                };
                return true;
            });
            if (!consistent) {
                this.logger.debug(`unpacked-wheel cache: ${wheel} unpacked with unexpected sizes or modes; not kept`);
                return;
            }
            const manifest = { version: MANIFEST_VERSION, wheel, uid: this.uid, umask, files: recorded };
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, MANIFEST), JSON.stringify(manifest), { flag: 'wx', mode: 0o600 });
            try {
                await (0,promises_.rename)(dir, entry);
                tmp = undefined;
                this.stats.populated++;
            }
            catch (error) {
                // EEXIST/ENOTEMPTY: another install published this wheel first — its entry serves.
                if (!['EEXIST', 'ENOTEMPTY'].includes(errno(error) ?? ''))
                    this.logger.debug(`unpacked-wheel cache: cannot publish ${wheel} (${error.message})`);
            }
        }
        finally {
            if (tmp !== undefined)
                await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
        }
    }
}

// EXTERNAL MODULE: ./src/flow/failure.ts
var failure = __webpack_require__(6538);
// EXTERNAL MODULE: ./src/flow/fetch.ts + 18 modules
var fetch = __webpack_require__(2177);
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
 *   (already present, from the cache, built, or just downloaded), so installing overlaps the
 *   downloads → wait for the installer.
 *
 * `installer: 'pip'` keeps the old way: fetch, then `python -m pip install --no-index --find-links
 * WH --require-hashes -r LOCK` (pip-install.ts).
 *
 * `REQUESTED` is written for the packages the requirement files name (the resolution's `requested`,
 * pip's report field); `direct_url.json` (PEP 610) for `name @ url` requirements, as pip writes
 * them: the URL without credentials and the archive's sha256.
 *
 * A download that fails after some wheels were installed leaves those installed (each one whole:
 * the installer stages and renames), like pip when its install of a later distribution fails; the
 * run fails and the next one installs the rest.
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
 */
function unpackedCacheDirFor(cacheDir, env, platform = process.platform) {
    const setting = (env['WHEELHOUSE_UNPACKED_CACHE'] ?? '').trim().toLowerCase();
    if (['0', 'false', 'no', 'off'].includes(setting) || platform === 'win32')
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
            throw new failure/* FlowInputError */.r8(`the target Python is ${wanted}, but the interpreter to install into (${interpreter.executable}) is Python ${interpreter.version}: leave the Python version to the interpreter, or install into a Python ${minor(wanted)}`);
        }
    }
    const impl = fetchTarget.implementation;
    if (impl !== undefined && impl !== interpreter.implementation) {
        throw new failure/* FlowInputError */.r8(`the target implementation is ${impl}, but ${interpreter.executable} is ${interpreter.implementation}`);
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
    const installer = await (0,install_installer/* openInstaller */.P8)({
        interpreter,
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
        // Let the distributions in flight finish (each is whole or absent), then report the fetch's error.
        await Promise.allSettled(adds);
        await installer.finish().catch(() => undefined);
        throw error;
    }
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
        o.logger.debug(`unpacked-wheel cache: ${s.hits} wheels from it, ${s.populated} added, ${s.discarded} discarded; ${s.linked} files hard-linked, ${s.copied} copied`);
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


/***/ })

};
