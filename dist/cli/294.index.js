export const id = 294;
export const ids = [294];
export const modules = {

/***/ 6270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
/** A message for a thrown value, without stack traces (they would leak local paths into warnings). */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}


/***/ }),

/***/ 4294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalDirBackend: () => (/* binding */ LocalDirBackend)
});

// UNUSED EXPORTS: DEFAULT_LOCAL_CACHE_MAX_BYTES

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/util/dir-lock.ts
var dir_lock = __webpack_require__(8731);
// EXTERNAL MODULE: ./src/util/read-regular-file.ts
var read_regular_file = __webpack_require__(8562);
// EXTERNAL MODULE: ./src/util/rename-retry.ts
var rename_retry = __webpack_require__(6535);
// EXTERNAL MODULE: ./src/cache/backend.ts
var backend = __webpack_require__(6270);
;// CONCATENATED MODULE: ./src/cache/local-dir-entries.ts
/**
 * The complete entries of a local cache directory (local-dir-backend.ts describes the layout):
 * `entries/<id>/entry.json` read back as the untrusted input it is, all of them listed, and the one
 * a restore takes chosen by key — in the GitHub cache service's order.
 */




/**
 * The most bytes of an `entry.json` read (one has a key, two numbers and a kind per saved path: a
 * few hundred bytes). It is read without following a link and only when it is a regular file
 * (util/read-regular-file.ts): a FIFO planted there would otherwise hang every run that takes the
 * cache's lock, a link to /dev/zero fill memory.
 */
const ENTRY_META_LIMIT = 64 * 1024;
function localEntryId(key) {
    return (0,external_node_crypto_.createHash)('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}
/** All complete entries (those under `entriesDir` with a readable entry.json). */
async function listEntries(entriesDir, problem) {
    let names;
    try {
        names = await (0,promises_.readdir)(entriesDir);
    }
    catch {
        return [];
    }
    const out = [];
    for (const id of names) {
        const meta = await readEntryMeta(entriesDir, id, problem);
        if (meta)
            out.push({ ...meta, id });
    }
    return out;
}
async function readEntryMeta(entriesDir, id, problem) {
    const path = (0,external_node_path_.join)(entriesDir, id, 'entry.json');
    const read = await (0,read_regular_file/* readRegularFile */.XF)(path, ENTRY_META_LIMIT);
    if (!('text' in read)) {
        if (read.problem !== 'missing')
            problem?.(`${path}: ${(0,read_regular_file/* describeProblem */.BJ)(read)}; entry ignored`);
        return undefined;
    }
    try {
        const meta = JSON.parse(read.text);
        if (typeof meta.key === 'string' && Array.isArray(meta.paths))
            return meta;
    }
    catch {
        // reported below
    }
    problem?.(`${path}: not an entry description; entry ignored`);
    return undefined;
}
/** The entry a restore of `pathCount` paths takes for these keys, if any. */
async function findEntry(entriesDir, pathCount, primaryKey, restoreKeys, problem) {
    const exact = await readEntryMeta(entriesDir, localEntryId(primaryKey), problem);
    if (exact && exact.key === primaryKey && exact.paths.length === pathCount) {
        return { ...exact, id: localEntryId(primaryKey) };
    }
    const entries = (await listEntries(entriesDir, problem)).filter((e) => e.paths.length === pathCount);
    // Same order as the GitHub cache service: the primary key as a prefix, then each restore key;
    // for each, an exact key match first, else the newest entry with that prefix.
    for (const prefix of [primaryKey, ...restoreKeys]) {
        const same = entries.find((e) => e.key === prefix);
        if (same)
            return same;
        const matches = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt - a.createdAt);
        if (matches[0])
            return matches[0];
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/index/dist-filename-check.ts
var dist_filename_check = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/util/file-sha256.ts
var file_sha256 = __webpack_require__(2678);
// EXTERNAL MODULE: ./src/util/for-each-limited.ts
var for_each_limited = __webpack_require__(5918);
;// CONCATENATED MODULE: ./src/cache/tree-copy.ts





/**
 * Place the regular file `src` at `dst` (linked or copied to a temporary sibling, then renamed).
 * Answers whether `dst` is a hard link of `src` (the same inode).
 */
async function placeFile(src, dst, options) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(dst), `.${(0,external_node_path_.basename)(dst)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    let linked = false;
    if (options.link) {
        try {
            await (0,promises_.link)(src, tmp);
            linked = true;
        }
        catch {
            linked = false;
        }
    }
    try {
        if (!linked) {
            await (0,promises_.copyFile)(src, tmp);
            if (options.readOnly && process.platform !== 'win32')
                await (0,promises_.chmod)(tmp, 0o444);
        }
        else if (options.readOnly && process.platform !== 'win32') {
            await (0,promises_.chmod)(tmp, 0o444);
        }
        // Windows: a destination left read-only, or held open by a scanner, fails a plain rename.
        await (0,rename_retry/* renameWithRetry */.f)(tmp, dst);
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        throw error;
    }
    return linked;
}
/** Copy `src` (file or directory) to `dst`, merging into an existing directory. */
async function copyTree(src, dst, options) {
    const info = await (0,promises_.lstat)(src);
    if (info.isFile()) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(dst), { recursive: true });
        await placeFile(src, dst, options);
        return { files: 1, bytes: info.size, skipped: [] };
    }
    if (!info.isDirectory())
        return { files: 0, bytes: 0, skipped: [src] };
    const total = { files: 0, bytes: 0, skipped: [] };
    // Directories first (created in order), then the files placed PLACE_CONCURRENCY at a time: a
    // warm restore links a few hundred small cache files, one link and one rename each.
    const files = [];
    const walk = async (from, to) => {
        await (0,promises_.mkdir)(to, { recursive: true });
        for (const entry of await (0,promises_.readdir)(from, { withFileTypes: true })) {
            if (from === src && options.leaveOut?.(entry.name) === true)
                continue;
            const path = (0,external_node_path_.join)(from, entry.name);
            if (entry.isDirectory())
                await walk(path, (0,external_node_path_.join)(to, entry.name));
            else if (entry.isFile())
                files.push([path, (0,external_node_path_.join)(to, entry.name)]);
            else
                total.skipped.push(path);
        }
    };
    await walk(src, dst);
    await options.afterListing?.();
    // A file gone since the directory was listed was some process's transient file (another run's
    // lock draft, `.<name>.<hex>.new`, removed once its link attempt failed): not part of the tree.
    const lstatUnlessGone = (path) => (0,promises_.lstat)(path).catch((error) => {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    });
    await (0,for_each_limited/* runLimited */.Oe)(files, PLACE_CONCURRENCY, async ([from, to]) => {
        const stat = await lstatUnlessGone(from);
        if (stat === undefined)
            return;
        if (!stat.isFile()) {
            total.skipped.push(from);
            return;
        }
        try {
            await placeFile(from, to, options);
        }
        catch (error) {
            // ENOENT from the source (not the destination): it went while being placed.
            const code = error.code;
            if (code === 'ENOENT' && (await lstatUnlessGone(from)) === undefined)
                return;
            throw error;
        }
        total.files++;
        total.bytes += stat.size;
    });
    return total;
}
/** Files placed at once by copyTree. */
const PLACE_CONCURRENCY = 16;

// EXTERNAL MODULE: ./src/cache/wheelhouse-manifest.ts
var wheelhouse_manifest = __webpack_require__(5395);
;// CONCATENATED MODULE: ./src/cache/manifest-restore.ts
/**
 * Restoring a wheelhouse from a cache entry through its manifest (the cache is untrusted input:
 * anyone who can write the cache directory can change an entry). Only files the entry's
 * `wheelhouse-manifest.json` lists are placed, and only when the name is a plain file name
 * (dist-filename-check.ts), the entry's file is a regular file (not a symlink, directory, FIFO…;
 * checked with lstat, never followed) and its bytes have the sha256 the manifest gives. Everything
 * else in the entry (unlisted files, subdirectories, symlinks, files with other bytes) is ignored
 * and reported. The lock, report and pylock of the saved run are not restored (a run writes its
 * own, last). The manifest itself is placed last, so the wheelhouse names what it holds.
 *
 * With `stamps` (file-stamps.ts), a listed file the destination already holds with the listed
 * sha256 (its stamp still matches, or its bytes are hashed once) is left in place, and a file
 * placed as a hard link of a hashed entry file keeps that hash as its stamp, so the flow's
 * verification after the restore (wheelhouse-manifest.ts) does not read the same bytes again.
 */








/** Saved with the wheelhouse but never restored: a run writes them anew, last (src/flow/fetch.ts). */
const RUN_OUTPUTS = new Set([wheelhouse_manifest/* LOCK_FILENAME */.Em, wheelhouse_manifest/* REPORT_FILENAME */.NY, wheelhouse_manifest/* PYLOCK_FILENAME */.Pi]);
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Listed files restored at once. */
const RESTORE_CONCURRENCY = 4;
/**
 * The entry's manifest, when `src` holds a usable one (a regular file of at most MANIFEST_LIMIT
 * bytes with version 1 JSON; read without following a link, a FIFO never opened for a blocking read).
 */
async function entryManifest(src) {
    const read = await (0,read_regular_file/* readRegularFile */.XF)((0,external_node_path_.join)(src, wheelhouse_manifest/* MANIFEST_FILENAME */.ch), wheelhouse_manifest/* MANIFEST_LIMIT */.MV);
    if (!('text' in read))
        return undefined;
    try {
        const data = JSON.parse(read.text);
        if (data.version !== 1 || typeof data.files !== 'object' || data.files === null)
            return undefined;
        return data;
    }
    catch {
        return undefined;
    }
}
async function restoreThroughManifest(src, dst, manifest, options) {
    const result = { files: 0, present: 0, bytes: 0, ignored: [] };
    const stamps = options.stamps;
    const digest = stamps?.digest ?? file_sha256/* fileSha256 */.s;
    const listed = new Set();
    const one = async (name, entry) => {
        const unsafe = (0,dist_filename_check/* unsafeFilenameReason */.Au)(name);
        if (unsafe !== undefined || name === wheelhouse_manifest/* MANIFEST_FILENAME */.ch) {
            return { ignored: `${JSON.stringify(name)}: ${unsafe ?? 'the manifest lists itself'}` };
        }
        listed.add(name);
        const sha = typeof entry?.sha256 === 'string' ? entry.sha256.toLowerCase() : '';
        if (!SHA256_HEX.test(sha))
            return { ignored: `${JSON.stringify(name)}: no sha256 in the manifest` };
        const path = (0,external_node_path_.join)(src, name);
        const info = await (0,promises_.lstat)(path).catch(() => undefined);
        if (info === undefined)
            return {}; // listed but not saved (a manifest of an incomplete run)
        if (!info.isFile())
            return { ignored: `${JSON.stringify(name)}: not a regular file` };
        const target = (0,external_node_path_.join)(dst, name);
        if (stamps !== undefined && (await (0,promises_.lstat)(target).catch(() => undefined))?.isFile() === true) {
            const here = await digest(target).catch(() => undefined);
            if (here?.sha256 === sha)
                return { present: true };
        }
        const actual = await digest(path).catch(() => undefined);
        if (actual?.sha256 !== sha) {
            return {
                ignored: `${JSON.stringify(name)}: sha256 ${actual?.sha256 ?? '(unreadable)'} is not the manifest's ${sha}`,
            };
        }
        const linked = await placeFile(path, target, options);
        await stamps?.carry(path, target);
        // A hard link changed the inode's ctime: the entry's file keeps the stamp just checked (same
        // inode, size and mtime — carry checks), so the next restore does not hash it again.
        if (linked)
            await stamps?.carry(target, path);
        return { placed: actual.size };
    };
    // A few files at once (hashing and linking overlap); outcomes reported in the manifest's order.
    const entries = Object.entries(manifest.files);
    const outcomes = new Array(entries.length);
    await (0,for_each_limited/* runLimited */.Oe)(entries, RESTORE_CONCURRENCY, async ([name, entry], i) => {
        outcomes[i] = await one(name, entry);
    });
    for (const o of outcomes) {
        if (o.ignored !== undefined)
            result.ignored.push(o.ignored);
        if (o.present)
            result.present++;
        if (o.placed !== undefined) {
            result.files++;
            result.bytes += o.placed;
        }
    }
    for (const name of await (0,promises_.readdir)(src)) {
        if (!listed.has(name) && name !== wheelhouse_manifest/* MANIFEST_FILENAME */.ch && !RUN_OUTPUTS.has(name) && !(0,wheelhouse_manifest/* isRunLockName */.GR)(name))
            result.ignored.push(`${JSON.stringify(name)}: not listed in the entry's manifest`);
    }
    await placeFile((0,external_node_path_.join)(src, wheelhouse_manifest/* MANIFEST_FILENAME */.ch), (0,external_node_path_.join)(dst, wheelhouse_manifest/* MANIFEST_FILENAME */.ch), options);
    return result;
}

;// CONCATENATED MODULE: ./src/cache/local-dir-restore.ts
/**
 * Restoring one path a local cache entry saved (local-dir-backend.ts: `entries/<id>/data/<i>` to
 * the i-th restored path). A destination that holds a wheelhouse manifest (the flow writes one
 * before restoring) is the wheelhouse: only what the entry's manifest lists, as plain files with
 * the listed sha256, is placed (manifest-restore.ts); without a manifest in the entry, or when
 * entry.json calls the saved path a file, nothing is — the destination decides, never the entry,
 * and the kind entry.json gives must be what lstat finds. Other paths are copied as trees of
 * regular files and directories; symlinks and special files are never followed nor copied, and
 * are reported.
 */





/** Restores the saved `src` to `dst`; `link`: hard-link files when possible. */
async function restoreSavedPath(src, dst, kind, link, restoreOptions) {
    const options = { link };
    const srcInfo = await (0,promises_.lstat)(src).catch(() => undefined);
    if (srcInfo === undefined)
        return { files: 0, present: 0, ignored: [`${src}: missing`] };
    // entry.json is as untrusted as the rest: the kind it gives must be what lstat finds.
    if (kind === 'directory' ? !srcInfo.isDirectory() : !srcInfo.isFile())
        return { files: 0, present: 0, ignored: [`${src}: not a plain ${kind}`] };
    // The destination decides the route, never the entry: a wheelhouse (a destination holding a
    // manifest; the flow writes one before restoring) gets only what the entry's manifest lists.
    const wheelhouse = (await (0,promises_.lstat)((0,external_node_path_.join)(dst, wheelhouse_manifest/* MANIFEST_FILENAME */.ch)).catch(() => undefined)) !== undefined;
    if (wheelhouse && kind === 'file')
        return { files: 0, present: 0, ignored: [`${src}: a file where the entry should hold a wheelhouse`] };
    if (kind === 'directory') {
        const manifest = await entryManifest(src);
        if (manifest !== undefined) {
            const stamps = restoreOptions.stamps;
            // The entry's files are checked against the manifest's sha256 before use; this machine's
            // stamps of them (kept in the stamp store, outside the entry, like the wheelhouse's) spare
            // hashing the same unchanged files again on every restore.
            await stamps?.loadDir(src);
            const got = await restoreThroughManifest(src, dst, manifest, {
                ...options,
                ...(stamps !== undefined ? { stamps } : {}),
            });
            await stamps?.saveDir(src, (name) => name !== wheelhouse_manifest/* MANIFEST_FILENAME */.ch);
            return { files: got.files, present: got.present, ignored: got.ignored };
        }
        // An entry without a manifest restores nothing into a wheelhouse.
        if (wheelhouse)
            return {
                files: 0,
                present: 0,
                ignored: [`${src}: a wheelhouse without a usable ${wheelhouse_manifest/* MANIFEST_FILENAME */.ch}`],
            };
    }
    const got = await copyTree(src, dst, options);
    return {
        files: got.files,
        present: 0,
        ignored: got.skipped.map((p) => `${p}: not a regular file or directory`),
    };
}

// EXTERNAL MODULE: ./src/cache/user-cache-dir.ts
var user_cache_dir = __webpack_require__(3958);
;// CONCATENATED MODULE: ./src/cache/local-dir-backend.ts













const DEFAULT_LOCAL_CACHE_MAX_BYTES = 2 * 1024 * 1024 * 1024;
/** Leftover tmp/ directories older than this are from crashed runs and get deleted. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;
/**
 * Recursive deletes retry EBUSY/EPERM/ENOTEMPTY a few times (Node's rm `maxRetries`, 100 ms linear
 * backoff): on Windows a file another process (a scanner, a concurrent restore) holds open cannot be
 * deleted yet. Node's rm already clears the read-only attribute itself on Windows before unlinking.
 */
const RM_TREE = { recursive: true, force: true, maxRetries: 3 };
/**
 * The most bytes of access.json read (about 50 bytes an entry: 20,000 entries). Like entry.json it
 * is read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * it is read under the lock, where a planted FIFO would hang every run sharing the directory.
 */
const ACCESS_LIMIT = 1024 * 1024;
class LocalDirBackend {
    name = 'local-dir';
    dir;
    logger;
    maxBytes;
    link;
    now;
    beforeCommit;
    lockTimeoutMs;
    holding = false;
    constructor(options) {
        this.dir = options.dir ?? (0,user_cache_dir/* defaultCacheDir */.$)();
        this.logger = options.logger;
        this.maxBytes = options.maxBytes ?? DEFAULT_LOCAL_CACHE_MAX_BYTES;
        this.link = options.link ?? process.platform !== 'win32';
        this.now = options.now ?? Date.now;
        this.beforeCommit = options.beforeCommit;
        this.lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000;
    }
    get entriesDir() {
        return (0,external_node_path_.join)(this.dir, 'entries');
    }
    get tmpDir() {
        return (0,external_node_path_.join)(this.dir, 'tmp');
    }
    get accessFile() {
        return (0,external_node_path_.join)(this.dir, 'access.json');
    }
    async restore(paths, primaryKey, restoreKeys, options = {}) {
        return this.locked(() => this.restoreUnlocked(paths, primaryKey, restoreKeys, options), { exact: false });
    }
    async restoreUnlocked(paths, primaryKey, restoreKeys, options) {
        try {
            const entry = await findEntry(this.entriesDir, paths.length, primaryKey, restoreKeys, (problem) => this.logger.warn(`local cache ${this.dir}: ${problem}`));
            if (!entry) {
                this.logger.info(`cache miss for ${primaryKey} in ${this.dir}`);
                return { exact: false };
            }
            await this.plainDirs(this.entriesDir, (0,external_node_path_.join)(this.entriesDir, entry.id));
            const root = (0,external_node_path_.join)(this.entriesDir, entry.id, 'data');
            let files = 0;
            let present = 0;
            const ignored = [];
            for (const [i, kind] of entry.paths.entries()) {
                if (kind === 'missing' || (options.only !== undefined && !options.only.includes(i)))
                    continue;
                const got = await restoreSavedPath((0,external_node_path_.join)(root, String(i)), paths[i], kind, this.link, options);
                files += got.files;
                present += got.present;
                ignored.push(...got.ignored);
            }
            if (ignored.length > 0) {
                this.logger.warn(`cache entry ${entry.key} in ${this.dir}: ignored ${ignored.length} item(s) that are not plain files its manifest lists with their sha256: ${ignored.slice(0, 10).join('; ')}${ignored.length > 10 ? '; …' : ''}`);
            }
            await this.touch(entry.id);
            const exact = entry.key === primaryKey;
            this.logger.info(`${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files from ${this.dir}${present > 0 ? `, ${present} already in place` : ''})`);
            return { matchedKey: entry.key, exact };
        }
        catch (error) {
            this.logger.warn(`local cache restore failed (continuing without cache): ${(0,backend/* errorMessage */.g)(error)}`);
            return { exact: false };
        }
    }
    /**
     * Each of `dirs` (inside the cache root) must be a real directory, never a symlink: a cache
     * directory is untrusted, and a symlinked tmp/ or entries/ would make saves, prunes and deletes
     * act outside it. Missing ones are created when `create`.
     */
    async plainDirs(...dirs) {
        for (const dir of dirs) {
            const info = await (0,promises_.lstat)(dir).catch((error) => {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            });
            if (info === undefined) {
                await (0,promises_.mkdir)(dir, { recursive: true });
                continue;
            }
            if (!info.isDirectory()) {
                throw new Error(`${dir} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; the local cache uses only plain directories inside ${this.dir}`);
            }
        }
    }
    async save(paths, key) {
        return this.locked(() => this.saveUnlocked(paths, key), { saved: false, reason: 'cache directory busy' });
    }
    /**
     * Runs `fn` holding the cache directory's lock file (`lock`, src/util/dir-lock.ts): runs that
     * share one cache directory take turns restoring, saving and pruning, the one that waits says
     * so. A lock that cannot be had in time is a cache failure: a warning and `fallback`.
     */
    async locked(fn, fallback) {
        if (this.holding)
            return fn();
        let release;
        try {
            await (0,promises_.mkdir)(this.dir, { recursive: true });
            release = await (0,dir_lock/* acquireDirLock */.N4)((0,external_node_path_.join)(this.dir, 'lock'), {
                onWait: (message) => this.logger.info(message),
                onWarn: (message) => this.logger.warn(message),
                timeoutMs: this.lockTimeoutMs,
            });
        }
        catch (error) {
            this.logger.warn(`local cache ${this.dir} not used: ${(0,backend/* errorMessage */.g)(error)}`);
            return fallback;
        }
        this.holding = true;
        try {
            return await fn();
        }
        finally {
            this.holding = false;
            await release();
        }
    }
    async saveUnlocked(paths, key) {
        let tmp;
        try {
            if (paths.length === 0)
                throw new Error('no paths to save');
            const id = localEntryId(key);
            if (await readEntryMeta(this.entriesDir, id)) {
                this.logger.info(`cache entry ${key} already exists in ${this.dir}: not saved again`);
                return { saved: false, reason: 'entry already exists' };
            }
            await (0,promises_.mkdir)(this.dir, { recursive: true });
            await this.plainDirs(this.entriesDir, this.tmpDir);
            tmp = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tmpDir, 'save-'));
            const meta = { key, createdAt: this.now(), bytes: 0, paths: [] };
            for (const [i, p] of paths.entries()) {
                const info = await (0,promises_.stat)(p).catch(() => undefined);
                if (!info || (!info.isFile() && !info.isDirectory())) {
                    meta.paths.push('missing');
                    continue;
                }
                meta.paths.push(info.isFile() ? 'file' : 'directory');
                // A wheelhouse's run lock (held while its run saves) is that run's state, not content.
                const copied = await copyTree(p, (0,external_node_path_.join)(tmp, 'data', String(i)), {
                    link: this.link,
                    readOnly: true,
                    leaveOut: wheelhouse_manifest/* isRunLockName */.GR,
                });
                meta.bytes += copied.bytes;
            }
            if (meta.paths.every((k) => k === 'missing'))
                throw new Error(`none of the paths exist: ${paths.join(', ')}`);
            await (0,promises_.mkdir)((0,external_node_path_.join)(tmp, 'data'), { recursive: true });
            await (0,promises_.writeFile)((0,external_node_path_.join)(tmp, 'entry.json'), JSON.stringify(meta));
            if (this.beforeCommit)
                await this.beforeCommit(tmp);
            try {
                // Windows fails a directory rename while a scanner holds one of the fresh files (retried),
                // and with EPERM when the target directory already exists (someone else saved: no retry).
                await (0,rename_retry/* renameWithRetry */.f)(tmp, (0,external_node_path_.join)(this.entriesDir, id), {
                    clearReadOnly: false,
                    shouldRetry: async () => (await readEntryMeta(this.entriesDir, id)) === undefined,
                });
            }
            catch (error) {
                const code = error.code;
                if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EPERM') {
                    if (await readEntryMeta(this.entriesDir, id)) {
                        this.logger.info(`cache entry ${key} was saved concurrently by another process`);
                        return { saved: false, reason: 'entry already exists' };
                    }
                }
                throw error;
            }
            tmp = undefined;
            await this.touch(id);
            this.logger.info(`cache saved as ${key} in ${this.dir} (${meta.bytes} bytes)`);
            await this.pruneUnlocked(id);
            return { saved: true };
        }
        catch (error) {
            const reason = (0,backend/* errorMessage */.g)(error);
            this.logger.warn(`local cache ${key} not saved: ${reason}`);
            return { saved: false, reason };
        }
        finally {
            if (tmp)
                await (0,promises_.rm)(tmp, RM_TREE).catch(() => { });
        }
    }
    /** All complete entries (those under entries/ with a readable entry.json). */
    list() {
        return listEntries(this.entriesDir);
    }
    async readAccess() {
        const read = await (0,read_regular_file/* readRegularFile */.XF)(this.accessFile, ACCESS_LIMIT);
        if (!('text' in read)) {
            if (read.problem !== 'missing')
                this.logger.warn(`${this.accessFile}: ${(0,read_regular_file/* describeProblem */.BJ)(read)}; ignored (entry creation times are used)`);
            return {};
        }
        try {
            const data = JSON.parse(read.text);
            return data && typeof data === 'object' ? data : {};
        }
        catch {
            return {};
        }
    }
    async touch(id) {
        try {
            const access = await this.readAccess();
            access[id] = this.now();
            await (0,atomic_file/* writeFileAtomic */.Z)(this.accessFile, JSON.stringify(access));
        }
        catch (error) {
            this.logger.debug(`could not record cache access time: ${(0,backend/* errorMessage */.g)(error)}`);
        }
    }
    /**
     * Delete least-recently-used entries until the cache holds at most maxBytes (never `keep`, the
     * entry just saved), and leftovers of crashed saves. An entry is first renamed into tmp/, so it
     * disappears atomically before its files are deleted.
     */
    async prune(keep) {
        return this.locked(() => this.pruneUnlocked(keep), []);
    }
    async pruneUnlocked(keep) {
        const removed = [];
        const access = await this.readAccess();
        const entries = await listEntries(this.entriesDir, (problem) => this.logger.debug(problem));
        const lastUse = (e) => access[e.id] ?? e.createdAt;
        let total = entries.reduce((sum, e) => sum + e.bytes, 0);
        const victims = entries.filter((e) => e.id !== keep).sort((a, b) => lastUse(a) - lastUse(b));
        for (const victim of victims) {
            if (total <= this.maxBytes)
                break;
            const trash = (0,external_node_path_.join)(this.tmpDir, `trash-${victim.id}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
            try {
                await this.plainDirs(this.tmpDir);
                // Windows: fails while another process reads the entry (restoring it); retried briefly,
                // then the entry is kept for a later prune.
                await (0,rename_retry/* renameWithRetry */.f)((0,external_node_path_.join)(this.entriesDir, victim.id), trash, { clearReadOnly: false });
                await (0,promises_.rm)(trash, RM_TREE);
                total -= victim.bytes;
                removed.push(victim.key);
                delete access[victim.id];
                this.logger.info(`pruned cache entry ${victim.key} (${victim.bytes} bytes, least recently used)`);
            }
            catch (error) {
                this.logger.debug(`could not prune ${victim.key}: ${(0,backend/* errorMessage */.g)(error)}`);
            }
        }
        if (removed.length > 0)
            await (0,atomic_file/* writeFileAtomic */.Z)(this.accessFile, JSON.stringify(access)).catch(() => { });
        await this.removeStaleTmp();
        return removed;
    }
    async removeStaleTmp() {
        let names;
        try {
            const info = await (0,promises_.lstat)(this.tmpDir);
            if (!info.isDirectory()) {
                this.logger.warn(`${this.tmpDir} is not a plain directory (a symbolic link?): left alone, nothing in it deleted`);
                return;
            }
            names = await (0,promises_.readdir)(this.tmpDir);
        }
        catch {
            return;
        }
        for (const name of names) {
            const path = (0,external_node_path_.join)(this.tmpDir, name);
            try {
                const info = await (0,promises_.lstat)(path);
                if (name.startsWith('trash-') || this.now() - info.mtimeMs > STALE_TMP_MS) {
                    await (0,promises_.rm)(path, RM_TREE);
                }
            }
            catch {
                // gone already or in use by another process: leave it
            }
        }
    }
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
