export const id = 63;
export const ids = [63];
export const modules = {

/***/ 3179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ buildKeyOf),
/* harmony export */   l: () => (/* binding */ buildSdists)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1728);
/* harmony import */ var _standards_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7174);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6618);
/* harmony import */ var _build_error_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3271);
/* harmony import */ var _build_target_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6360);
/* harmony import */ var _build_wheel_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6494);
/* harmony import */ var _util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5918);
/**
 * Every sdist of a resolution turned into a wheel for the target (issue 11 §1):
 *
 *   1. the built-wheel store is asked first, by (sdist sha256, interpreter tag, platform): a stored
 *      wheel of the right project and version whose tags the target supports is used as is: no
 *      sdist download, no pip, no build;
 *   2. otherwise the interpreter must be the target (build-target.ts), the sdist is fetched (the
 *      caller's `sdistPath`, sha256-verified) and built by the target interpreter's pip
 *      (build-wheel.ts), at most `concurrency` builds at once (default: the machine's cores);
 *      the wheel's tags are checked against the target and it is stored.
 *
 * Each build's log is shown folded (an Actions group); a failing build stops new builds from
 * starting (the ones running finish) and the first failure is thrown: SdistBuildError, naming the
 * sdist, with the last lines of its build log.
 */









/** The key parts of a target summary `cp311-manylinux_2_17_x86_64`. */
function buildKeyOf(sdistSha256, target, options) {
    const dash = target.summary.indexOf('-');
    return {
        sdistSha256,
        interpreterTag: target.summary.slice(0, dash),
        platform: target.summary.slice(dash + 1),
        ...(options !== undefined && options.length > 0 ? { options } : {}),
    };
}
/** Why a stored wheel cannot stand for `sdist` on `target` (undefined: it can). */
function storedProblem(sdist, wheel, target) {
    const parsed = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWheelFilename */ .eP)(wheel.filename);
    const sameVersion = _standards_version_js__WEBPACK_IMPORTED_MODULE_3__/* .Version */ .Rx.tryParse(parsed.version)?.equals(_standards_version_js__WEBPACK_IMPORTED_MODULE_3__/* .Version */ .Rx.parse(sdist.version)) ?? false;
    if (parsed.name !== sdist.project || !sameVersion)
        return `it is not a wheel of ${sdist.project} ${sdist.version}`;
    try {
        (0,_build_target_js__WEBPACK_IMPORTED_MODULE_6__/* .checkBuiltWheelTags */ .fJ)(sdist.filename, parsed, wheel.filename, target);
    }
    catch {
        return `the target ${target.summary} cannot install it`;
    }
    return undefined;
}
async function buildSdists(sdists, o) {
    const summary = { outcomes: new Map(), built: 0, stored: 0 };
    const toBuild = [];
    for (const sdist of sdists) {
        const key = buildKeyOf(sdist.sha256, o.target, sdist.pipOptions);
        const stored = await o.store.get(key);
        const problem = stored === undefined ? undefined : storedProblem(sdist, stored, o.target);
        if (stored !== undefined && problem === undefined) {
            summary.outcomes.set(sdist.filename, { sdist, wheel: stored, source: 'stored' });
            summary.stored++;
            o.logger.debug(`${sdist.filename}: built wheel ${stored.filename} from the cache`);
            continue;
        }
        if (problem !== undefined)
            o.logger.warn(`${sdist.filename}: not using the cached build (${problem}); building again`);
        toBuild.push(sdist);
    }
    if (toBuild.length === 0)
        return summary;
    let interpreter;
    try {
        interpreter = await o.interpreter();
    }
    catch {
        interpreter = undefined;
    }
    // Before anything is downloaded: every build must be possible for the target.
    for (const sdist of toBuild)
        interpreter = (0,_build_target_js__WEBPACK_IMPORTED_MODULE_6__/* .checkBuildInterpreter */ .jz)(sdist.filename, interpreter, o.target);
    const frontend = o.frontend(interpreter);
    const concurrency = Math.max(1, Math.floor(o.concurrency ?? (0,node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism)()));
    o.logger.info(`building ${toBuild.length} wheel(s) from sdists with ${frontend.python} (${concurrency} at a time): ${toBuild.map((s) => s.filename).join(', ')}`);
    const one = async (sdist) => {
        const started = Date.now();
        const path = await o.sdistPath(sdist);
        const built = await (0,_build_wheel_js__WEBPACK_IMPORTED_MODULE_7__/* .buildWheel */ ["if"])(frontend, path, {
            label: sdist.filename,
            project: sdist.project,
            version: sdist.version,
            workDir: o.workDir,
            ...(sdist.pipOptions !== undefined ? { pipOptions: sdist.pipOptions } : {}),
        }).catch((error) => {
            if (error instanceof _build_error_js__WEBPACK_IMPORTED_MODULE_5__/* .SdistBuildError */ .K && error.logTail !== '') {
                (0,_util_logger_js__WEBPACK_IMPORTED_MODULE_4__/* .logGroup */ .QT)(o.logger, `build of ${sdist.filename} failed: log`, error.logTail);
            }
            throw error;
        });
        try {
            (0,_util_logger_js__WEBPACK_IMPORTED_MODULE_4__/* .logGroup */ .QT)(o.logger, `built ${built.filename} from ${sdist.filename} (${((Date.now() - started) / 1000).toFixed(1)} s)`, built.log);
            (0,_build_target_js__WEBPACK_IMPORTED_MODULE_6__/* .checkBuiltWheelTags */ .fJ)(sdist.filename, built.parsed, built.filename, o.target);
            const wheel = await o.store.put(buildKeyOf(sdist.sha256, o.target, sdist.pipOptions), built.path, built.filename);
            summary.outcomes.set(sdist.filename, { sdist, wheel, source: 'built' });
            summary.built++;
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(built.dir, { recursive: true, force: true });
        }
    };
    const failures = (await (0,_util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_8__/* .forEachLimited */ .vP)(toBuild, concurrency, async (sdist) => {
        try {
            await one(sdist);
        }
        catch (error) {
            throw error instanceof _build_error_js__WEBPACK_IMPORTED_MODULE_5__/* .SdistBuildError */ .K
                ? error
                : new _build_error_js__WEBPACK_IMPORTED_MODULE_5__/* .SdistBuildError */ .K(sdist.filename, 'wheel', error.message);
        }
    }));
    if (failures.length > 0) {
        for (const f of failures.slice(1))
            o.logger.error(f.message);
        throw failures[0];
    }
    return summary;
}


/***/ }),

/***/ 5270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W6: () => (/* binding */ DirBuiltWheelStore),
/* harmony export */   WL: () => (/* binding */ buildKeyDigest),
/* harmony export */   p$: () => (/* binding */ validWheelName)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1728);
/* harmony import */ var _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2678);
/* harmony import */ var _util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4942);
/* harmony import */ var _util_rename_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6535);
/**
 * Wheels built from sdists, kept by what determines them: the sdist's sha256, the interpreter tag
 * (`cp311`) and the platform of the target (`manylinux_2_35_x86_64`). A warm run finds the wheel
 * here and builds nothing; it needs neither the sdist nor pip.
 *
 * `BuiltWheelStore` is the small interface every backend implements (shared-built-wheels.ts layers
 * a store a runner fleet shares, e.g. the S3 store's `built/` area, over this one);
 * `DirBuiltWheelStore` keeps `<dir>/<key digest>/<wheel file name>` in a directory that is part of
 * the wheelhouse cache entry, so the GitHub Actions cache and the local-directory backend carry it
 * like the metadata cache. Caches are untrusted: `get` answers only a regular file with a valid
 * wheel name (never a path from the cache itself) and its sha256 computed from the bytes; callers
 * check project, version and tags. Only key digests and validated wheel names become paths.
 */







const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The hex digest a key is stored under (no part of it reaches a path unhashed). */
function buildKeyDigest(key) {
    const sha = key.sdistSha256.toLowerCase();
    if (!SHA256_HEX.test(sha))
        throw new Error(`build key needs an sdist sha256, got ${JSON.stringify(key.sdistSha256)}`);
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update([
        'wheelhouse-build-v1',
        sha,
        key.interpreterTag,
        key.platform,
        ...(key.options !== undefined && key.options.length > 0 ? ['options', ...key.options] : []),
    ].join('\0'))
        .digest('hex');
}
/** A plain wheel file name (no path, not hidden) that parses as a wheel name. */
function validWheelName(name) {
    if (!name.endsWith('.whl') || name.includes('/') || name.includes('\\') || name.startsWith('.'))
        return false;
    try {
        (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__/* .parseWheelFilename */ .eP)(name);
        return true;
    }
    catch (error) {
        if (error instanceof _standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidFilenameError */ .di)
            return false;
        throw error;
    }
}
class DirBuiltWheelStore {
    dir;
    warn;
    used = new Set();
    constructor(dir, 
    /** Where a directory this store refuses to act in (a link from a cache entry) is reported. */
    warn = () => { }) {
        this.dir = dir;
        this.warn = warn;
    }
    async get(key) {
        const digest = buildKeyDigest(key);
        const sub = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.dir, digest);
        // Read only through real directories: a linked `builds/` or `builds/<digest>` (restored as
        // saved by the Actions cache) would have a wheel read from anywhere.
        if ((await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(this.dir)) !== 'directory' || (await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(sub)) !== 'directory')
            return undefined;
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(sub);
        }
        catch {
            return undefined;
        }
        const wheels = names.filter(validWheelName);
        if (wheels.length !== 1)
            return undefined;
        const filename = wheels[0];
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename);
        const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path).catch(() => undefined);
        if (stat === undefined || !stat.isFile())
            return undefined;
        const { sha256, size } = await (0,_util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__/* .fileSha256 */ .s)(path);
        this.used.add(digest);
        return { path, filename, sha256, size };
    }
    async put(key, path, filename) {
        if (!validWheelName(filename))
            throw new Error(`not a wheel file name: ${JSON.stringify(filename)}`);
        const digest = buildKeyDigest(key);
        const sub = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.dir, digest);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(sub, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(sub, { recursive: true });
        const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, `.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(path, tmp);
            await (0,_util_rename_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .renameWithRetry */ .f)(tmp, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename));
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
            throw error;
        }
        this.used.add(digest);
        const final = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename);
        const { sha256, size } = await (0,_util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__/* .fileSha256 */ .s)(final);
        return { path: final, filename, sha256, size };
    }
    /**
     * Removes entries this run did not use (so a cache entry does not grow forever); answers how
     * many. The directory travels in cache entries: a `builds/` that is not a real directory (a
     * symbolic link restored by the Actions cache) is reported and left alone, and nothing in it is
     * followed — a linked entry is unlinked, its target untouched (util/plain-dir.ts).
     */
    async pruneUnused() {
        const state = await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(this.dir);
        if (state === 'not a plain directory') {
            this.warn(`${this.dir} is not a plain directory (a symbolic link from a cache entry?): left alone, nothing in it pruned`);
        }
        let removed = 0;
        for (const entry of await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .listPlainDir */ .E4)(this.dir)) {
            if (entry.isDirectory() && this.used.has(entry.name))
                continue;
            await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .removeEntry */ .b4)(this.dir, entry);
            removed++;
        }
        return removed;
    }
}


/***/ }),

/***/ 9786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ei: () => (/* binding */ DownloadFailures),
/* harmony export */   VM: () => (/* binding */ HashMismatchError),
/* harmony export */   nV: () => (/* binding */ DownloadError)
/* harmony export */ });
/**
 * Errors of the download layer. Messages name the redacted URL only (never the credentialed one).
 */
/** A file could not be fetched (HTTP status, connection failures past the retry budget, …). */
class DownloadError extends Error {
    filename;
    redactedUrl;
    name = 'DownloadError';
    constructor(message, filename, redactedUrl) {
        super(message);
        this.filename = filename;
        this.redactedUrl = redactedUrl;
    }
}
/** The bytes received do not have the sha256 (or size) the resolution expects; the file was deleted. */
class HashMismatchError extends DownloadError {
    expected;
    actual;
    name = 'HashMismatchError';
    constructor(filename, redactedUrl, expected, actual) {
        super(`sha256 mismatch for ${filename} from ${redactedUrl}: expected ${expected}, got ${actual}; the file was deleted`, filename, redactedUrl);
        this.expected = expected;
        this.actual = actual;
    }
}
/** Several files failed; `failures` holds each one's error. */
class DownloadFailures extends Error {
    failures;
    name = 'DownloadFailures';
    constructor(failures) {
        super(failures.length === 1
            ? failures[0].message
            : `${failures.length} downloads failed:\n${failures.map((f) => `  - ${f.message}`).join('\n')}`);
        this.failures = failures;
    }
}


/***/ }),

/***/ 6063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFetch: () => (/* binding */ runFetch)
});

// UNUSED EXPORTS: DEFAULT_CONCURRENCY, LOCK_FILENAME, PYLOCK_FILENAME, REPORT_FILENAME, WHEELHOUSE_OUTPUTS

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
;// CONCATENATED MODULE: ./src/cache/cache-key.ts


/**
 * The cache key of a wheelhouse entry (see docs/cache-key.md for the reasoning):
 *
 *   wheelhouse-v1-<os>-<arch>-<impl><pyver>[_<suffix>]-<digest>
 *
 * `digest` is a sha256 over the resolved files' `filename` and `sha256` only. URLs are never part
 * of it: they may carry credentials, and the same file served by a mirror must hit the same entry.
 * The restore prefix is the key up to and including the `-` before the digest. Parts and the
 * suffix are sanitized to `[A-Za-z0-9._]`, so the first `-` after the python tag always starts the
 * digest and no prefix can match another target's or another suffix's entries. Keys respect the
 * @actions/cache limits (≤ 512 characters, no commas).
 */
/** Bump when the layout of what an entry holds changes, so old entries are never restored. */
const CACHE_KEY_LAYOUT = 'v1';
const CACHE_KEY_MAX_LENGTH = 512;
/**
 * Hex characters of the resolution hash kept in the key: 128 bits. Accidental collisions need
 * ~2^64 entries; a deliberate collision is no threat either, because restored wheels are verified
 * against the resolution's sha256s before use (a collision could only cost a download). The full
 * 64 characters would be safe too, but 32 keep keys short in logs and UI tables.
 */
const CACHE_KEY_DIGEST_LENGTH = 32;
class CacheKeyError extends Error {
    name = 'CacheKeyError';
}
const SHA256_HEX = /^[0-9a-f]{64}$/;
function sanitize(part) {
    return part.replace(/[^A-Za-z0-9._]/g, '_');
}
/**
 * sha256 (hex) over the resolved files, sorted by filename, each contributing
 * `<filename> <sha256>\n`. Independent of requirement order, URLs, indexes and metadata paths.
 */
function resolutionHash(resolution) {
    const lines = resolution.packages.map((pkg) => {
        const sha = pkg.file.sha256.toLowerCase();
        if (!SHA256_HEX.test(sha)) {
            throw new CacheKeyError(`cannot key the cache on ${pkg.file.filename}: its sha256 ${JSON.stringify(pkg.file.sha256)} is not 64 hex digits`);
        }
        if (/[\n\r ]/.test(pkg.file.filename)) {
            throw new CacheKeyError(`cannot key the cache on file name ${JSON.stringify(pkg.file.filename)}: it contains whitespace`);
        }
        return `${pkg.file.filename} ${sha}\n`;
    });
    // Code-unit order, not locale order: the same set must hash the same on every machine.
    lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const line of lines)
        hash.update(line, 'utf8');
    return hash.digest('hex');
}
function pythonTag(implementation, pythonVersion) {
    const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(pythonVersion.trim());
    if (!m) {
        throw new CacheKeyError(`python version ${JSON.stringify(pythonVersion)} is not of the form X.Y or X.Y.Z`);
    }
    return `${sanitize(implementation.trim().toLowerCase())}${m[1]}${m[2]}`;
}
/** The restore prefix alone (what a run can compute before it has resolved anything). */
function cacheKeyPrefix(target, suffix) {
    for (const [name, value] of [
        ['os', target.os],
        ['arch', target.arch],
        ['implementation', target.implementation],
    ]) {
        if (value.trim() === '')
            throw new CacheKeyError(`cache key part ${name} is empty`);
    }
    const tag = pythonTag(target.implementation, target.pythonVersion);
    const os = sanitize(target.os.trim().toLowerCase());
    const arch = sanitize(target.arch.trim().toLowerCase());
    // A suffix is user text: the run's secrets never reach a key (keys are shown in logs and the UI).
    const trimmed = redact/* runSecrets */.To.mask(suffix?.trim() ?? '');
    const suffixPart = trimmed === '' ? '' : `_${sanitize(trimmed)}`;
    const prefix = `wheelhouse-${CACHE_KEY_LAYOUT}-${os}-${arch}-${tag}${suffixPart}-`;
    if (prefix.length + CACHE_KEY_DIGEST_LENGTH > CACHE_KEY_MAX_LENGTH) {
        throw new CacheKeyError(`cache key would be ${prefix.length + CACHE_KEY_DIGEST_LENGTH} characters (limit ${CACHE_KEY_MAX_LENGTH}); shorten cache-suffix ${JSON.stringify(trimmed.slice(0, 40))}…`);
    }
    return prefix;
}
/** The cache key of a resolution for a target, with its restore prefix. */
function cacheKey(resolution, target, suffix) {
    const restorePrefix = cacheKeyPrefix(target, suffix);
    const hash = resolutionHash(resolution);
    return { key: restorePrefix + hash.slice(0, CACHE_KEY_DIGEST_LENGTH), restorePrefix, resolutionHash: hash };
}

// EXTERNAL MODULE: ./src/cache/wheelhouse-manifest.ts
var wheelhouse_manifest = __webpack_require__(5395);
// EXTERNAL MODULE: ./src/util/file-sha256.ts
var file_sha256 = __webpack_require__(2678);
// EXTERNAL MODULE: ./src/util/rename-retry.ts
var rename_retry = __webpack_require__(6535);
;// CONCATENATED MODULE: ./src/download/copy-or-link.ts

/**
 * Place a copy of `src` at `dst` (which must not exist): a hard link when both are on one file
 * system (no bytes copied), else a byte copy. Callers verify the hash of what they placed.
 */
async function copyOrLink(src, dst) {
    try {
        await (0,promises_.link)(src, dst);
        return 'linked';
    }
    catch {
        await (0,promises_.copyFile)(src, dst);
        return 'copied';
    }
}

// EXTERNAL MODULE: ./src/util/for-each-limited.ts
var for_each_limited = __webpack_require__(5918);
// EXTERNAL MODULE: ./src/download/download-error.ts
var download_error = __webpack_require__(9786);
// EXTERNAL MODULE: ./src/index/http-errors.ts
var http_errors = __webpack_require__(8428);
// EXTERNAL MODULE: ./src/index/transfer-limits.ts
var transfer_limits = __webpack_require__(9914);
;// CONCATENATED MODULE: ./src/download/fetch-file.ts







const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;
function sleep(ms) {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
function tempNameFor(filename) {
    return `.${filename}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.part`;
}
async function fetchFile(file, options) {
    const final = (0,external_node_path_.join)(options.dest, file.filename);
    const tmp = (0,external_node_path_.join)(options.dest, tempNameFor(file.filename));
    const maxFailures = options.maxFailures ?? 4;
    const maxRequests = options.maxRequests ?? 12;
    const retryDelayMs = options.retryDelayMs ?? 250;
    const expected = file.sha256.toLowerCase();
    const fail = (message) => new download_error/* DownloadError */.nV(`${file.filename} from ${file.redactedUrl}: ${message}`, file.filename, file.redactedUrl);
    let handle = await (0,promises_.open)(tmp, 'w');
    let hash = (0,external_node_crypto_.createHash)('sha256');
    let received = 0;
    /** The most bytes ever held: re-receiving bytes discarded by a restart is not progress. */
    let highWater = 0;
    let requests = 0;
    const result = { path: final, bytesReceived: 0, resumes: 0, restarts: 0 };
    let failures = 0;
    const restart = async () => {
        await handle.truncate(0);
        options.onBytes?.(-received);
        hash = (0,external_node_crypto_.createHash)('sha256');
        received = 0;
        result.restarts++;
    };
    try {
        for (;;) {
            if (++requests > maxRequests) {
                throw fail(`gave up after ${maxRequests} requests (${received} bytes held)`);
            }
            const resuming = received > 0;
            let response;
            try {
                response = await options.http.request(file.url, {
                    headers: resuming ? { Range: `bytes=${received}-` } : {},
                    ...(options.signal ? { signal: options.signal } : {}),
                    // Never more than the file's size (the resolution's, from the index), whatever the
                    // server declares or sends; without a size, the client's maximum download size.
                    ...(file.size !== undefined
                        ? {
                            limit: (status) => ({
                                bytes: status === 206 ? Math.max(0, file.size - received) : file.size,
                                what: 'download',
                            }),
                        }
                        : {}),
                    deadlineMs: (0,transfer_limits/* downloadDeadlineMs */.fl)(file.size),
                });
            }
            catch (error) {
                if (options.signal?.aborted)
                    throw error;
                if (error instanceof http_errors/* NetworkError */.D && (0,transfer_limits/* isLimitCode */.tW)(error.code))
                    throw fail(error.reason);
                if (++failures > maxFailures)
                    throw fail(`request failed: ${error.message}`);
                await sleep(retryDelayMs * 2 ** (failures - 1));
                continue;
            }
            if (resuming) {
                const m = response.status === 206 ? CONTENT_RANGE.exec(response.headers['content-range'] ?? '') : null;
                if (m && Number(m[1]) === received) {
                    result.resumes++;
                }
                else if (response.status === 200) {
                    options.logger.debug(`${file.filename}: server ignored Range, restarting from byte 0`);
                    // The 200 body is the new transfer; a failed restart must not leave it unread.
                    await restart().catch(async (error) => {
                        await response.discard().catch(() => { });
                        throw error;
                    });
                }
                else {
                    await response.discard().catch(() => { });
                    options.logger.debug(`${file.filename}: resume answered ${response.status} ${response.headers['content-range'] ?? ''}, restarting from byte 0`);
                    await restart();
                    if (++failures > maxFailures)
                        throw fail(`could not resume (status ${response.status})`);
                    continue;
                }
            }
            else if (response.status !== 200) {
                await response.discard().catch(() => { });
                throw fail(`HTTP ${response.status}`);
            }
            const before = highWater;
            try {
                for await (const chunk of response.stream()) {
                    if (file.size !== undefined && received + chunk.length > file.size) {
                        throw new download_error/* HashMismatchError */.VM(file.filename, file.redactedUrl, expected, `(more than ${file.size} bytes)`);
                    }
                    hash.update(chunk);
                    // Explicit position: after a restart's truncate(0) the handle's own offset is stale.
                    await handle.write(chunk, 0, chunk.length, received);
                    received += chunk.length;
                    highWater = Math.max(highWater, received);
                    result.bytesReceived += chunk.length;
                    options.onBytes?.(chunk.length);
                }
            }
            catch (error) {
                if (error instanceof download_error/* DownloadError */.nV || options.signal?.aborted)
                    throw error;
                // A limit (too large, too slow, past the deadline) is the server's answer, not a blip.
                if (error instanceof http_errors/* NetworkError */.D && (0,transfer_limits/* isLimitCode */.tW)(error.code)) {
                    throw fail(`${error.reason} (after ${received} bytes)`);
                }
                failures = highWater > before ? 1 : failures + 1;
                if (failures > maxFailures)
                    throw fail(`connection failed after ${received} bytes: ${error.message}`);
                options.logger.debug(`${file.filename}: connection dropped after ${received} bytes (${error.message}); resuming`);
                await sleep(retryDelayMs * 2 ** (failures - 1));
                continue;
            }
            if (file.size !== undefined && received < file.size) {
                // A body that ends early without an error (e.g. a server closing cleanly): resume.
                failures = highWater > before ? 1 : failures + 1;
                if (failures > maxFailures)
                    throw fail(`body ended after ${received} of ${file.size} bytes`);
                continue;
            }
            break;
        }
        await handle.close();
        handle = undefined;
        const actual = hash.digest('hex');
        if (actual !== expected)
            throw new download_error/* HashMismatchError */.VM(file.filename, file.redactedUrl, expected, actual);
        // Windows: a scanner opening the fresh file, or a read-only wheel being replaced, makes a
        // plain rename fail with EPERM/EBUSY (rename-retry.ts).
        await (0,rename_retry/* renameWithRetry */.f)(tmp, final);
        return result;
    }
    catch (error) {
        await handle?.close().catch(() => { });
        await (0,promises_.rm)(tmp, { force: true });
        options.onBytes?.(-received);
        throw error;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/cache/file-stamps.ts
var file_stamps = __webpack_require__(4359);
// EXTERNAL MODULE: ./src/util/write-all.ts
var write_all = __webpack_require__(4049);
;// CONCATENATED MODULE: ./src/download/local-copy.ts





/**
 * A find-links wheel on this machine (a `file:` URL) that this run has already hashed itself (the
 * resolver hashes every local find-links file to check it against the requirement's hash) is put
 * into the wheelhouse by a plain read/write copy, not read through its URL and hashed a second
 * time (fetch-file.ts). That saves hashing every find-links byte twice (issue 9 §6: 720 MB hashed
 * for the 360 MB of real-ds).
 *
 * Why the copy holds exactly the bytes that were hashed, without hashing it: the hash came with
 * the source file's identity (device, inode, size, mtime and ctime in nanoseconds, checked equal
 * before and after that hash; cache/file-stamps.ts), the file opened for the copy has exactly that
 * identity, and so has the file under the source's name after the copy. Any write to the file in between — in place, by
 * truncation, or by replacing it under its name — changes its ctime (or its inode), which user
 * space cannot set back; then the copy is discarded and the caller reads the file the ordinary
 * way (hashing while it copies, so wrong bytes are refused). The limit is the stamps' own: a
 * write within the same clock tick as the file's previous change is not seen.
 *
 * The user's file is only read: never linked (the local cache's save makes the wheelhouse's files
 * read-only, which through a shared inode would change the user's file), never modified.
 */
/** The local path of a `file:` URL, or undefined for any other URL. */
function localPathOf(url) {
    if (!url.startsWith('file:'))
        return undefined;
    try {
        return (0,external_node_url_.fileURLToPath)(url);
    }
    catch {
        return undefined;
    }
}
/** Whether `path` is still (lstat) the regular file `hashed` describes. */
async function stillHashed(path, hashed) {
    const st = await (0,promises_.lstat)(path, { bigint: true }).catch(() => undefined);
    const now = st === undefined ? undefined : (0,file_stamps/* identityOfStats */.DZ)(st);
    return now !== undefined && (0,file_stamps/* sameIdentity */.BU)(now, hashed);
}
/** Bytes read and written per step. */
const CHUNK = 1 << 20;
/**
 * Copies at most `size` bytes of `source` to the new file `tmp`, 1 MiB at a time through one
 * buffer. Not copyFile: on Linux that is copy_file_range, with which a real-ml install (wheels up
 * to 274 MB) took 18–42 s of system time instead of ~5 s in three runs once memory was full of
 * page cache; this loop, and the old read-through-the-URL path, stayed at ~5–7 s in that state
 * (docs/benchmarks.md, install session 7).
 */
async function copyBytes(source, tmp, hashed) {
    // Opened without waiting (a FIFO put in the file's place would block a plain open forever), not
    // through a symbolic link, and read only when the file opened is, unchanged, the one hashed.
    const from = await (0,promises_.open)(source, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK | external_node_fs_.constants.O_NOFOLLOW).catch(() => undefined);
    if (from === undefined)
        return false;
    try {
        const opened = (0,file_stamps/* identityOfStats */.DZ)(await from.stat({ bigint: true }));
        if (opened === undefined || !(0,file_stamps/* sameIdentity */.BU)(opened, hashed))
            return false;
        const size = Number(hashed.size);
        const to = await (0,promises_.open)(tmp, 'wx', 0o644);
        try {
            const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)));
            let at = 0;
            while (at < size) {
                const { bytesRead } = await from.read(buffer, 0, Math.min(buffer.length, size - at), at);
                if (bytesRead === 0)
                    break; // shorter than hashed: the size check after the copy refuses it
                await (0,write_all/* writeAll */.f)(to, [buffer.subarray(0, bytesRead)], at);
                at += bytesRead;
            }
        }
        finally {
            await to.close();
        }
        return true;
    }
    finally {
        await from.close();
    }
}
/**
 * Copy `source` to `tmp` (which must not exist) when the copy provably holds the bytes `hashed`
 * vouches for; answers false (and leaves no `tmp`) when the source changed since it was hashed.
 */
async function copyHashedFile(source, tmp, hashed, hooks = {}) {
    try {
        await hooks.beforeCopy?.();
        if (!(await copyBytes(source, tmp, hashed)))
            return false;
        // A wheelhouse file gets the plain mode a download would have, whatever the user's file has
        // (setuid bits and all), and whatever the umask.
        await (0,promises_.chmod)(tmp, 0o644);
        await hooks.afterCopy?.();
        const copied = await (0,promises_.lstat)(tmp);
        if (String(copied.size) === hashed.size && (await stillHashed(source, hashed)))
            return true;
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        throw error;
    }
    await (0,promises_.rm)(tmp, { force: true });
    return false;
}

;// CONCATENATED MODULE: ./src/download/download-all.ts









/**
 * Bring every file of a resolution into `dest`, doing as little network work as possible:
 *   1. a file already in `dest` with the right sha256 is skipped;
 *   2. a whole file fetched earlier (e.g. by the resolver when it had to download a wheel for its
 *      METADATA), offered by `reuse`, is verified and hard-linked or copied in;
 *   3. a find-links file on this machine (`file:` URL) that this run hashed itself is copied in
 *      without being hashed again (local-copy.ts);
 *   4. everything else is fetched (see fetch-file.ts) with at most `concurrency` transfers at once,
 *      the largest files first (transferOrder, smallLanes).
 * Memory stays bounded: every byte is streamed from socket to disk; nothing buffers a whole file.
 */
/**
 * Default parallel transfers: 8. Downloads are network-bound, not CPU-bound, so the 2–4 cores of a
 * CI runner do not limit them; one connection to a CDN reaches a few tens of MB/s, so 8 connections
 * fill the ~1–2.5 Gbit/s links of hosted runners, while staying well under the per-host connection
 * limits of PyPI-like CDNs and private indexes (pip itself downloads one file at a time).
 */
const DEFAULT_DOWNLOAD_CONCURRENCY = 8;
/**
 * The order transfers start in (issue 9 §4): largest first — longest-processing-time-first
 * scheduling, so the longest transfers, and the longest installs that wait for them, do not start
 * last. Files without a declared size come after every known size, in their given order.
 */
function transferOrder(files) {
    return files
        .map((file, index) => ({ file, index }))
        .sort((a, b) => (b.file.size ?? -1) - (a.file.size ?? -1) || a.index - b.index)
        .map((x) => x.file);
}
/**
 * How many of `concurrency` connections take the smallest files first (the rest take the largest):
 * a quarter, so a consumer of `onFileReady` (the installer) has wheels to work on from the first
 * moments while the large files are still arriving. None below 4 connections: one connection
 * follows `transferOrder` exactly.
 */
function smallLanes(concurrency) {
    return Math.floor(concurrency / 4);
}
async function hashMatches(path, sha256, digest = file_sha256/* fileSha256 */.s) {
    try {
        const actual = await digest(path);
        return actual.sha256 === sha256.toLowerCase() ? actual.size : undefined;
    }
    catch {
        return undefined;
    }
}
async function downloadAll(files, options) {
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY));
    await (0,promises_.mkdir)(options.dest, { recursive: true });
    const summary = {
        downloaded: 0,
        downloadedBytes: 0,
        networkBytes: 0,
        copiedLocal: 0,
        reused: 0,
        skipped: 0,
        resumes: 0,
        files: [],
    };
    const knownTotal = files.every((f) => f.size !== undefined);
    const progress = {
        filesDone: 0,
        filesTotal: files.length,
        bytesDone: 0,
        ...(knownTotal ? { bytesTotal: files.reduce((sum, f) => sum + (f.size ?? 0), 0) } : {}),
    };
    const report = () => options.onProgress?.({ ...progress });
    const stamps = options.stamps;
    const digest = stamps?.digest;
    /** Step 3: a local find-links file this run hashed, copied in without a second hash. */
    const copyLocal = async (file, final) => {
        const source = localPathOf(file.url);
        const hashed = source !== undefined ? stamps?.hashedThisRun?.(source) : undefined;
        if (source === undefined || hashed === undefined || hashed.sha256 !== file.sha256.toLowerCase())
            return false;
        const tmp = (0,external_node_path_.join)(options.dest, tempNameFor(file.filename));
        try {
            if (!(await copyHashedFile(source, tmp, hashed, options.localCopyHooks))) {
                options.logger.debug(`${source} changed since this run hashed it: reading it again`);
                return false;
            }
            await (0,rename_retry/* renameWithRetry */.f)(tmp, final); // Windows: see rename-retry.ts
        }
        catch (error) {
            await (0,promises_.rm)(tmp, { force: true });
            throw error;
        }
        const size = Number(hashed.size);
        await stamps?.record(final, { sha256: hashed.sha256, size });
        summary.downloaded++;
        summary.copiedLocal++;
        summary.downloadedBytes += size;
        summary.files.push({ filename: file.filename, path: final, outcome: 'downloaded', size });
        progress.bytesDone += size;
        options.logger.debug(`copied ${file.filename} from ${source} (${size} bytes, hashed once)`);
        options.onFileReady?.(file, final);
        return true;
    };
    const one = async (file) => {
        const final = (0,external_node_path_.join)(options.dest, file.filename);
        const existing = await hashMatches(final, file.sha256, digest);
        if (existing !== undefined) {
            summary.skipped++;
            summary.files.push({ filename: file.filename, path: final, outcome: 'skipped', size: existing });
            progress.bytesDone += existing;
            options.onFileReady?.(file, final);
            return;
        }
        const earlier = options.reuse?.(file);
        if (earlier !== undefined) {
            const size = await hashMatches(earlier, file.sha256, digest);
            if (size !== undefined) {
                const tmp = (0,external_node_path_.join)(options.dest, tempNameFor(file.filename));
                try {
                    const how = await copyOrLink(earlier, tmp);
                    // link(2) changes the inode's ctime (and the rename below again), which would make
                    // `earlier`'s stamp look stale: every later run would hash it again, and `tmp` (no stamp
                    // of its own) here too. Same inode, so they share the stamp just checked — carried only
                    // while the inode keeps its size and mtime, so a concurrent writer is still caught below.
                    if (how === 'linked')
                        await stamps?.carry(earlier, tmp);
                    // Re-check the placed bytes: a concurrent writer of `earlier` must not slip through.
                    if ((await hashMatches(tmp, file.sha256, digest)) === undefined)
                        throw new Error('changed while copying');
                    await (0,rename_retry/* renameWithRetry */.f)(tmp, final); // Windows: see rename-retry.ts
                    await stamps?.carry(tmp, final);
                    if (how === 'linked')
                        await stamps?.carry(final, earlier);
                    summary.reused++;
                    summary.files.push({ filename: file.filename, path: final, outcome: 'reused', size });
                    progress.bytesDone += size;
                    options.onFileReady?.(file, final);
                    return;
                }
                catch (error) {
                    await (0,promises_.rm)(tmp, { force: true });
                    options.logger.debug(`could not reuse ${earlier} for ${file.filename}: ${error.message}`);
                }
            }
            else {
                options.logger.warn(`not reusing ${file.filename} fetched earlier: its sha256 does not match ${file.sha256}`);
            }
        }
        if (await copyLocal(file, final))
            return;
        const fetched = await fetchFile(file, {
            http: options.http,
            dest: options.dest,
            logger: options.logger,
            onBytes: (delta) => {
                progress.bytesDone += delta;
                if (delta > 0)
                    summary.networkBytes += delta;
                report();
            },
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        });
        const size = file.size ?? fetched.bytesReceived;
        await stamps?.record(final, { sha256: file.sha256, size });
        summary.downloaded++;
        summary.downloadedBytes += size;
        summary.resumes += fetched.resumes;
        summary.files.push({ filename: file.filename, path: final, outcome: 'downloaded', size });
        options.logger.debug(`downloaded ${file.filename} (${size} bytes)`);
        options.onFileReady?.(file, final);
    };
    // After the first failure no new file starts; transfers in flight finish.
    const failures = (await (0,for_each_limited/* forEachFromBothEnds */.CY)(transferOrder(files), concurrency, smallLanes(concurrency), async (file) => {
        try {
            await one(file);
        }
        catch (error) {
            throw error instanceof download_error/* DownloadError */.nV
                ? error
                : new download_error/* DownloadError */.nV(`${file.filename} from ${file.redactedUrl}: ${error.message}`, file.filename, file.redactedUrl);
        }
        finally {
            progress.filesDone++;
            report();
        }
    }));
    if (failures.length > 0)
        throw new download_error/* DownloadFailures */.Ei(failures);
    return summary;
}

// EXTERNAL MODULE: ./src/index/http.ts + 8 modules
var index_http = __webpack_require__(559);
// EXTERNAL MODULE: ./src/flow/flow-errors.ts
var flow_errors = __webpack_require__(6016);
// EXTERNAL MODULE: ./src/flow/build-context.ts + 1 modules
var build_context = __webpack_require__(9034);
// EXTERNAL MODULE: ./src/build/build-sdists.ts
var build_sdists = __webpack_require__(3179);
// EXTERNAL MODULE: ./src/flow/lazy-metadata-fetcher.ts
var lazy_metadata_fetcher = __webpack_require__(4058);
;// CONCATENATED MODULE: ./src/provider/resolution.ts
/**
 * The resolution as the wheelhouse holds it: each sdist with a built wheel in `built` (keyed by the
 * sdist's file name) becomes that wheel, with the sdist kept as `builtFrom`. The URLs stay the
 * sdist's: a built wheel has none (it is placed from the build store, never downloaded).
 */
function withBuiltWheels(resolution, built) {
    return {
        packages: resolution.packages.map((pkg) => {
            const wheel = pkg.file.kind === 'sdist' ? built.get(pkg.file.filename) : undefined;
            if (wheel === undefined)
                return pkg;
            return {
                ...pkg,
                file: {
                    filename: wheel.filename,
                    url: pkg.file.url,
                    redactedUrl: pkg.file.redactedUrl,
                    sha256: wheel.sha256.toLowerCase(),
                    size: wheel.size,
                    kind: 'wheel',
                },
                builtFrom: pkg.file,
            };
        }),
    };
}

;// CONCATENATED MODULE: ./src/flow/fetch-build.ts
/**
 * The fetch flow's build phase (issue 11 §1; fetch.ts): every resolved sdist becomes a wheel built
 * by the target interpreter's pip (src/build), or the one the built-wheel store already holds for
 * its sha256, interpreter and platform; unused built wheels are pruned from the store. The result
 * is the resolution the wheelhouse holds (`withBuiltWheels`: built wheels in place of their
 * sdists), while the cache key, report.json and pylock.toml keep the sdist.
 */



async function buildPhase(o) {
    const { resolution, fetcher, http, logger, downloadsDir, build, buildStore, builds, timer } = o;
    const resolvedSdists = resolution.packages.filter((p) => p.file.kind === 'sdist');
    const sdistByName = new Map(resolvedSdists.map((p) => [p.file.filename, p]));
    let builtWheels;
    // A lock file input has no fetcher of its own: sdists are then downloaded by a fresh one.
    const sdistSource = fetcher ?? (0,lazy_metadata_fetcher/* lazyMetadataFetcher */.H)({ http, logger, downloadDir: downloadsDir });
    if (resolvedSdists.length > 0) {
        builtWheels = await timer.time('build', () => (0,build_sdists/* buildSdists */.l)(resolvedSdists.map((p) => ({
            project: p.name,
            version: p.version,
            filename: p.file.filename,
            sha256: p.file.sha256,
            pipOptions: build.pipOptions(p.name),
        })), {
            target: build.target,
            store: buildStore,
            interpreter: () => build.interpreter(),
            frontend: (i) => build.frontend(i),
            // The sdist, sha256-verified, reusing a download made while resolving.
            sdistPath: async (s) => {
                const pkg = sdistByName.get(s.filename);
                return (await sdistSource.wholeFile(asDistFile(pkg.name, pkg.file))).path;
            },
            workDir: downloadsDir,
            logger,
            concurrency: build.slots,
        }));
    }
    const removedBuilds = await builds.pruneUnused();
    if (removedBuilds > 0)
        logger.debug(`dropped ${removedBuilds} unused built wheel(s) from the cache`);
    const builtByWheel = new Map([...(builtWheels?.outcomes.values() ?? [])].map((b) => [b.wheel.filename, b]));
    // From here on the wheelhouse holds the built wheels in place of their sdists.
    const housed = withBuiltWheels(resolution, new Map([...(builtWheels?.outcomes ?? new Map())].map(([sdist, b]) => [sdist, b.wheel])));
    return { builtWheels, builtByWheel, housed };
}
/** The DistFile the metadata fetcher knew `file` by (it keys downloads on filename and sha256). */
function asDistFile(project, file) {
    return {
        project,
        filename: file.filename,
        url: file.url,
        redactedUrl: file.redactedUrl,
        hashes: { sha256: file.sha256 },
        yanked: false,
        coreMetadata: false,
        source: file.redactedUrl,
    };
}

// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/cache/stamp-store.ts
var stamp_store = __webpack_require__(5149);
;// CONCATENATED MODULE: ./src/cache/received-records.ts
/**
 * Records of what this machine's wheelhouse itself received from an index, kept between runs in the
 * stamp store (the CLI's `<cache dir>/stamps/`, outside every directory a cache entry saves or
 * restores — see file-stamps.ts), one file per wheelhouse:
 *
 *   - pages: page cache key → the digest of the entry the page cache wrote (URL, validators,
 *     content type, body) and when the server last sent or confirmed it, with its max-age lifetime
 *     (src/index/page-cache.ts `PageRecord`);
 *   - metadata: a distribution file's sha256 → the sha256 of the METADATA wheelhouse read for it.
 *
 * A later run trusts a cached page or METADATA only when its bytes have a recorded digest (issue 14
 * §2 "warm run": a page fetched less than its `Cache-Control: max-age` ago is used with no request;
 * a stale one is revalidated). Bytes that differ from the record — a page rewritten in the cache
 * directory, a restored cache entry's page that this machine never received — keep issue 10's rule
 * (src/index/page-trust.ts). Trusting the digest, not the file's place or identity, is sound for
 * bytes read from anywhere: they are exactly the bytes this machine received, and their freshness
 * is taken from the record, never from the file.
 *
 * The same trade-off as the stamps: someone who can write the stamp store can forge a record (and
 * equally the wheelhouse's lock). The file is bounded and validated; anything unusable is ignored
 * (records only ever save requests, never decide a result by themselves).
 */




const VERSION = 1;
const HEX64 = /^[0-9a-f]{64}$/;
/** The records file of the wheelhouse `dir` in `store`. */
function receivedRecordsFile(store, dir) {
    return (0,external_node_path_.join)(store, `${(0,stamp_store/* storeHashOf */.XC)(dir)}.received.json`);
}
function validPageRecord(r) {
    if (typeof r !== 'object' || r === null)
        return false;
    const x = r;
    return (typeof x.digest === 'string' &&
        HEX64.test(x.digest) &&
        typeof x.storedAt === 'number' &&
        Number.isFinite(x.storedAt) &&
        (x.freshForSec === undefined || (typeof x.freshForSec === 'number' && Number.isFinite(x.freshForSec))));
}
function emptyRecords() {
    return { pages: new Map(), metadata: new Map() };
}
/** The records kept for the wheelhouse `dir` (empty when there are none or they are unusable). */
async function loadReceivedRecords(store, dir) {
    const out = emptyRecords();
    const path = receivedRecordsFile(store, dir);
    const text = await (0,stamp_store/* readStoreFile */.Oq)(path, stamp_store/* RECORD_FILE_LIMIT */.TY);
    if (text === undefined)
        return out;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return out;
    }
    if (data.version !== VERSION)
        return out;
    if (typeof data.pages === 'object' && data.pages !== null) {
        for (const [key, record] of Object.entries(data.pages)) {
            if (!HEX64.test(key) || !validPageRecord(record))
                continue;
            const { digest, storedAt, freshForSec } = record;
            out.pages.set(key, { digest, storedAt, ...(freshForSec !== undefined ? { freshForSec } : {}) });
        }
    }
    if (typeof data.metadata === 'object' && data.metadata !== null) {
        for (const [sha, metadataSha] of Object.entries(data.metadata)) {
            if (HEX64.test(sha) && typeof metadataSha === 'string' && HEX64.test(metadataSha)) {
                out.metadata.set(sha, metadataSha);
            }
        }
    }
    return out;
}
/**
 * Replaces the records of the wheelhouse `dir` with those of `records` that `keepPage` /
 * `keepMetadata` accept (the ones the run used, so the file does not grow without end).
 */
async function saveReceivedRecords(store, dir, records, keepPage, keepMetadata) {
    const sorted = (m, keep) => Object.fromEntries([...m].filter(([k]) => keep(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = JSON.stringify({
        version: VERSION,
        dir: (0,external_node_path_.resolve)(dir),
        pages: sorted(records.pages, keepPage),
        metadata: sorted(records.metadata, keepMetadata),
    });
    await (0,promises_.mkdir)(store, { recursive: true });
    await (0,atomic_file/* writeFileAtomic */.Z)(receivedRecordsFile(store, dir), `${text}\n`);
}

// EXTERNAL MODULE: ./src/index/page-freshness.ts
var page_freshness = __webpack_require__(5023);
// EXTERNAL MODULE: ./src/flow/version.ts
var version = __webpack_require__(8724);
;// CONCATENATED MODULE: ./src/flow/resolution-reuse.ts
/**
 * Reusing the previous resolution of a wheelhouse (issue 14 §2 "an exact-hit install that has
 * nothing to do ≤ 1 s", issue 9 §6): when a run's inputs are exactly those of the last successful
 * run into the same wheelhouse on this machine, and every project page that run looked at is one
 * this machine received (src/cache/received-records.ts) less than its `Cache-Control: max-age` ago,
 * a resolution would read the same pages and the same (content-addressed) METADATA and reach the
 * same answer: it is taken as it was, with no page, METADATA or solver work. pip's own HTTP cache
 * serves such pages within max-age without asking either, so a newer upload is seen no later than
 * pip would see it.
 *
 * "Inputs" (`inputsFingerprint`): everything `prepare` produced — requirement and constraint
 * contents as parsed (with `${VAR}` expansions and in-file options), the effective finder (index
 * URLs, find-links, pre-releases, binary rules, strategy; pip's configuration included), the
 * target (interpreter tags, Python version, platforms), --no-deps and hash-checking mode — plus the
 * identity (device, inode, size, mtime, ctime) of every file in each local find-links directory,
 * and wheelhouse's version. Only the sha256 of that text is stored.
 *
 * Not reused (resolved as usual): lock-file inputs (nothing is resolved anyway), remote find-links
 * pages (fetched without the page cache: no freshness to go by), a resolution with an sdist or a
 * direct URL, a page looked up that this machine holds no fresh record of (a 404, `no-cache`, no
 * max-age), and anything naming one of the run's secrets (the record would hold it).
 *
 * The record lives in the stamp store beside the stamps (`<hash of the wheelhouse>.resolution.json`,
 * naming the wheelhouse's absolute path in `dir` so that pruning can tell when it is gone:
 * cache/stamp-store.ts), outside every cache entry; the same trade-off as the stamps applies to someone who can write it.
 */








const resolution_reuse_VERSION = 1;
const resolution_reuse_HEX64 = /^[0-9a-f]{64}$/;
function resolutionRecordFile(store, wheelhouse) {
    return (0,external_node_path_.join)(store, `${(0,stamp_store/* storeHashOf */.XC)(wheelhouse)}.resolution.json`);
}
/** JSON with Maps and Sets spelled out (JSON.stringify would write `{}` for both and lose them). */
function canonical(value) {
    return JSON.stringify(value, (_key, v) => {
        if (v instanceof Map)
            return ['Map', [...v.entries()]];
        if (v instanceof Set)
            return ['Set', [...v.values()]];
        if (typeof v === 'function' || typeof v === 'symbol')
            throw new Error('not plain data');
        if (typeof v === 'bigint')
            return `${v}n`;
        return v;
    });
}
/** The identity of every file directly in each directory (sorted), or undefined when one is unreadable. */
async function dirIdentities(dirs) {
    const out = [];
    for (const dir of dirs) {
        let names;
        try {
            names = (await (0,promises_.readdir)(dir)).sort();
        }
        catch {
            return undefined;
        }
        for (const name of names) {
            const info = await (0,promises_.lstat)((0,external_node_path_.join)(dir, name), { bigint: true }).catch(() => undefined);
            if (info === undefined)
                return undefined;
            out.push([
                (0,external_node_path_.resolve)(dir, name),
                info.isFile() ? 'f' : info.isDirectory() ? 'd' : 'o',
                String(info.dev),
                String(info.ino),
                String(info.size),
                String(info.mtimeNs),
                String(info.ctimeNs),
            ]);
        }
    }
    return out;
}
/**
 * The sha256 naming this run's inputs (see the header), or undefined when they cannot be named
 * (remote find-links, a lock-file input, an unreadable find-links directory, data that is not plain).
 */
async function inputsFingerprint(prepared, localFindLinks) {
    if (prepared.locked !== undefined)
        return undefined;
    const remote = prepared.finder.findLinks.filter((f) => /^[a-z][a-z0-9+.-]*:\/\//i.test(f) && !f.toLowerCase().startsWith('file:'));
    if (remote.length > 0)
        return undefined;
    const files = await dirIdentities(localFindLinks);
    if (files === undefined)
        return undefined;
    try {
        const text = canonical({
            wheelhouse: version/* WHEELHOUSE_VERSION */.L,
            format: resolution_reuse_VERSION,
            inputs: prepared.inputs,
            finder: prepared.finder,
            detected: prepared.detected,
            target: prepared.target,
            noDeps: prepared.noDeps,
            requireHashes: prepared.requireHashes,
            findLinksFiles: files,
        });
        return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
    }
    catch {
        return undefined;
    }
}
/** Whether every page has a record of the same bytes that is fresh at `now`. */
function allFresh(pages, records, now) {
    return Object.entries(pages).every(([key, digest]) => {
        const r = records.get(key);
        return r !== undefined && r.digest === digest && (0,page_freshness/* isFresh */.pL)(r.storedAt, r.freshForSec, now);
    });
}
/**
 * The previous resolution of `wheelhouse`, when its record names `fingerprint` and every page it
 * looked up is, by this machine's records, still the same page and still fresh; else undefined.
 */
async function reusableResolution(store, wheelhouse, fingerprint, records, now) {
    const path = resolutionRecordFile(store, wheelhouse);
    const text = await (0,stamp_store/* readStoreFile */.Oq)(path, stamp_store/* RECORD_FILE_LIMIT */.TY);
    if (text === undefined)
        return undefined;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (data.version !== resolution_reuse_VERSION || data.inputs !== fingerprint)
        return undefined;
    const pages = data.pages;
    if (typeof pages !== 'object' || pages === null || Array.isArray(pages))
        return undefined;
    if (!Object.entries(pages).every(([k, d]) => resolution_reuse_HEX64.test(k) && typeof d === 'string' && resolution_reuse_HEX64.test(d))) {
        return undefined;
    }
    if (!allFresh(pages, records, now))
        return undefined;
    const resolution = data.resolution;
    if (typeof resolution !== 'object' || resolution === null || !Array.isArray(resolution.packages)) {
        return undefined;
    }
    if (!resolution.packages.every(plainWheelPackage))
        return undefined;
    return { resolution, pages: new Set(Object.keys(pages)) };
}
/** A package a reused resolution may hold: a wheel from an index, with a sha256. */
function plainWheelPackage(p) {
    if (typeof p !== 'object' || p === null)
        return false;
    const x = p;
    return (typeof x.name === 'string' &&
        typeof x.version === 'string' &&
        typeof x.file === 'object' &&
        x.file !== null &&
        x.file.kind === 'wheel' &&
        typeof x.file.filename === 'string' &&
        typeof x.file.url === 'string' &&
        typeof x.file.redactedUrl === 'string' &&
        typeof x.file.sha256 === 'string' &&
        resolution_reuse_HEX64.test(x.file.sha256) &&
        x.isDirect === false &&
        x.builtFrom === undefined &&
        Array.isArray(x.requiresDist) &&
        Array.isArray(x.extras));
}
/**
 * Keeps `resolution` for the next run into `wheelhouse` when it may be reused (see the header):
 * every page it looked up (`pages`) has a record with a lifetime, it holds only wheels from an
 * index, and it names none of the run's secrets. Otherwise any older record is replaced by none.
 */
async function keepResolution(store, wheelhouse, fingerprint, pages, records, resolution) {
    const reusable = fingerprint !== undefined &&
        pages.every((k) => (records.get(k)?.freshForSec ?? 0) > 0) &&
        resolution.packages.every(plainWheelPackage);
    const text = reusable
        ? JSON.stringify({
            version: resolution_reuse_VERSION,
            dir: (0,external_node_path_.resolve)(wheelhouse),
            inputs: fingerprint,
            pages: Object.fromEntries([...pages].sort().map((k) => [k, records.get(k)?.digest ?? ''])),
            resolution,
        })
        : undefined;
    const keep = text !== undefined && !redact/* runSecrets */.To.includes(text);
    await (0,promises_.mkdir)(store, { recursive: true });
    // A run that cannot keep its own record leaves an empty one: no stale record may outlive it.
    const written = keep ? text : JSON.stringify({ version: 0, dir: (0,external_node_path_.resolve)(wheelhouse) });
    await (0,atomic_file/* writeFileAtomic */.Z)(resolutionRecordFile(store, wheelhouse), `${written}\n`);
    return keep;
}

// EXTERNAL MODULE: ./src/flow/wheelhouse-files.ts
var wheelhouse_files = __webpack_require__(5737);
;// CONCATENATED MODULE: ./src/flow/fetch-outputs.ts
/**
 * The fetch flow's outputs (fetch.ts): the files written into the wheelhouse once every wheel is
 * in place — lock, report.json, pylock.toml, then the stamps, received records and reusable
 * resolution for the next run, a bounded prune of the stamp store, and last the complete manifest
 * that marks the wheelhouse finished (issue 10 §1: written last) — and the per-package summary
 * (where each wheel came from) the shells show.
 */







/**
 * Writes the wheelhouse's outputs in their fixed order, the manifest last. `resolution` is what
 * the run resolved (kept for reuse), `housed` what the wheelhouse holds (built wheels in place of
 * sdists); `inWheelhouse` tells which names of the wheelhouse are the resolution's files.
 */
async function writeOutputs(o, wheelhouse, state, prepared, resolution, housed, inWheelhouse) {
    const logger = o.logger;
    const { stamps, findLinksDirs, records, caches, fingerprint, reused } = state;
    const lockFile = (0,external_node_path_.join)(wheelhouse, wheelhouse_files/* LOCK_FILENAME */.Em);
    const reportFile = (0,external_node_path_.join)(wheelhouse, wheelhouse_files/* REPORT_FILENAME */.NY);
    const pylockFile = (0,external_node_path_.join)(wheelhouse, wheelhouse_files/* PYLOCK_FILENAME */.Pi);
    // The writers are loaded once there is something to write (issue 14 §2 start-up).
    const { lockTexts } = await __webpack_require__.e(/* import() */ 181).then(__webpack_require__.bind(__webpack_require__, 1181));
    const texts = lockTexts(housed, prepared);
    await (0,atomic_file/* writeFileAtomic */.Z)(lockFile, texts.lock);
    await (0,atomic_file/* writeFileAtomic */.Z)(reportFile, texts.report);
    await (0,atomic_file/* writeFileAtomic */.Z)(pylockFile, texts.pylock);
    // Stamps of the files this run verified, for the next run (not part of completeness); also
    // those of local find-links directories (kept in the store, nothing written there).
    try {
        await stamps.saveDir(wheelhouse, inWheelhouse);
        for (const dir of findLinksDirs)
            await stamps.saveDir(dir, () => true);
        // A reused resolution changed no record (and used none through the caches): both stay.
        if (o.stampStore !== undefined && reused === undefined) {
            await saveReceivedRecords(o.stampStore, wheelhouse, records, caches.pageUsed, caches.metadataUsedFor);
            await keepResolution(o.stampStore, wheelhouse, fingerprint, caches.pagesLookedUp, records.pages, resolution);
        }
    }
    catch (error) {
        logger.debug(`stamps not written: ${error.message}`);
    }
    // Bounded pruning of the store (files of directories that are gone or unused for 30 days).
    if (o.stampStore !== undefined) {
        try {
            const pruned = await (0,stamp_store/* pruneStampStore */.$y)(o.stampStore);
            if (pruned.removed.length > 0) {
                logger.debug(`stamp store: removed ${pruned.removed.length} file(s) of gone or unused directories`);
            }
        }
        catch (error) {
            logger.debug(`stamp store not pruned: ${error.message}`);
        }
    }
    // Last: the complete manifest marks the wheelhouse finished.
    await (0,wheelhouse_manifest/* writeManifest */.HN)(wheelhouse, (0,wheelhouse_manifest/* manifestFor */.h$)(housed));
    return { lockFile, reportFile, pylockFile };
}
/** Where each wheel of the wheelhouse came from in this run. */
function fetchedPackages(housed, summary, builtByWheel, matchedKey) {
    const outcomeByFile = new Map(summary.files.map((f) => [f.filename, f]));
    return housed.packages.map((pkg) => {
        const got = outcomeByFile.get(pkg.file.filename);
        const built = builtByWheel.get(pkg.file.filename);
        const source = built?.source === 'built'
            ? 'built'
            : got === undefined
                ? matchedKey !== undefined
                    ? 'cache'
                    : 'present'
                : got.outcome === 'downloaded'
                    ? 'downloaded'
                    : got.outcome === 'reused'
                        ? 'reused'
                        : 'present';
        const size = pkg.file.size ?? got?.size;
        return {
            name: pkg.name,
            version: pkg.version,
            filename: pkg.file.filename,
            ...(size !== undefined ? { size } : {}),
            source,
            metadataPath: pkg.metadataPath,
            ...(pkg.builtFrom !== undefined ? { builtFrom: pkg.builtFrom.filename } : {}),
        };
    });
}

// EXTERNAL MODULE: ./src/build/built-wheel-store.ts
var built_wheel_store = __webpack_require__(5270);
;// CONCATENATED MODULE: ./src/build/shared-built-wheels.ts
/**
 * Built wheels a runner fleet shares (issue 12 §1, `<prefix>/built/…` of the S3 store): one runner
 * builds an sdist, every other runner with the same build key (sdist sha256, interpreter tag,
 * platform: built-wheel-store.ts) takes its wheel instead of building again.
 *
 * `SharedBuiltWheelStore` puts such a shared store behind the run's own `DirBuiltWheelStore`:
 *   - get: the local directory first (it came with the cache entry); on a miss the shared store
 *     fetches its wheel, verified against the sha256 its record names, into a temporary directory
 *     inside the local one, and it is stored locally like a wheel built here (so the next save
 *     carries it, and the caller checks project, version and tags as for any stored wheel);
 *   - put: stored locally, then offered to the shared store.
 * The shared store is a cache: whatever it answers or fails with is a warning at most, never a
 * failed build; a wheel it cannot give is built as if it did not exist.
 */



class SharedBuiltWheelStore {
    local;
    shared;
    logger;
    /** Wheels taken from / offered to the shared store by this run. */
    stats = { fetched: 0, offered: 0 };
    constructor(local, shared, logger) {
        this.local = local;
        this.shared = shared;
        this.logger = logger;
    }
    async get(key) {
        const here = await this.local.get(key);
        if (here !== undefined)
            return here;
        // Hidden: never read as a build key's directory, never saved, removed by pruneUnused if left.
        const incoming = (0,external_node_path_.join)(this.local.dir, `.shared-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
        try {
            await (0,promises_.mkdir)(incoming, { recursive: true });
            const got = await this.shared.fetch(key, incoming); // never throws: it warns and answers undefined
            if (got === undefined)
                return undefined;
            const stored = await this.local.put(key, got.path, got.filename);
            if (stored.sha256 !== got.sha256) {
                // Changed between the verified fetch and the copy: not this run's business to guess why.
                this.logger.warn(`built wheel ${got.filename} changed while it was copied from the shared store: ignored`);
                return undefined;
            }
            this.stats.fetched++;
            this.logger.info(`built wheel ${got.filename} taken from the shared store (sha256 ${got.sha256})`);
            return stored;
        }
        catch (error) {
            this.logger.warn(`built wheel not taken from the shared store: ${error.message}`);
            return undefined;
        }
        finally {
            await (0,promises_.rm)(incoming, { recursive: true, force: true }).catch(() => { });
        }
    }
    async put(key, path, filename) {
        const stored = await this.local.put(key, path, filename);
        await this.shared.share(key, stored); // never throws: its failures are its own warnings
        this.stats.offered++;
        return stored;
    }
}

// EXTERNAL MODULE: ./src/util/plain-dir.ts
var plain_dir = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/util/read-regular-file.ts
var read_regular_file = __webpack_require__(8562);
// EXTERNAL MODULE: ./src/index/remote-zip.ts + 1 modules
var remote_zip = __webpack_require__(255);
;// CONCATENATED MODULE: ./src/index/metadata-cache.ts
/**
 * On-disk metadata cache, content-addressed by the distribution file's sha256. A file's bytes never
 * change under its hash, so neither does its metadata: entries are immutable, never revalidated,
 * and written atomically (temporary sibling + rename) so concurrent runs and crashes never leave a
 * torn entry. Layout: `<dir>/<sha[0:2]>/<sha>.metadata` (the core metadata bytes) or
 * `<dir>/<sha[0:2]>/<sha>.needs-build` (UTF-8 reason, for sdists whose PKG-INFO cannot be used).
 * Only hashes go into paths: no URL, so no credential, can reach the cache.
 *
 * The directory is untrusted (it travels in cache entries): this class only stores bytes; the
 * metadata fetcher verifies every entry before use (metadata-fetch.ts `verifiedCacheHit`). Entries
 * are read without following a link, only when they are regular files, and up to a limit (the
 * fetcher's default METADATA limit), util/read-regular-file.ts: an entry restored as a FIFO or a
 * link to /dev/zero (the Actions cache's tar keeps both) is a miss with a warning, never a hang.
 * Files a cache restore holds in memory (src/util/held-files.ts) are read from there first, as if
 * on disk, under the same size limits.
 */






/** The most bytes of a `.needs-build` reason read (one redacted message). */
const REASON_LIMIT = 64 * 1024;
const metadata_cache_SHA256_HEX = /^[0-9a-f]{64}$/;
class DiskMetadataCache {
    dir;
    warn;
    limit;
    held;
    constructor(dir, 
    /** Told about an entry that is there but was not read (not a regular file, too large…). */
    warn = () => { }, limit = remote_zip/* DEFAULT_MAX_METADATA_SIZE */.d9, 
    /** Restored files not written yet, read before the directory (src/util/held-files.ts). */
    held) {
        this.dir = dir;
        this.warn = warn;
        this.limit = limit;
        this.held = held;
    }
    paths(sha256) {
        const sha = sha256.toLowerCase();
        if (!metadata_cache_SHA256_HEX.test(sha))
            throw new Error(`metadata cache key must be a sha256 hex digest, got ${JSON.stringify(sha256)}`);
        const dir = (0,external_node_path_.join)(this.dir, sha.slice(0, 2));
        return { dir, metadata: (0,external_node_path_.join)(dir, `${sha}.metadata`), needsBuild: (0,external_node_path_.join)(dir, `${sha}.needs-build`) };
    }
    async get(sha256) {
        const p = this.paths(sha256);
        const held = this.heldEntry(p);
        if (held !== 'none')
            return held;
        const metadata = await (0,read_regular_file/* readRegularBytes */.Of)(p.metadata, this.limit);
        if ('bytes' in metadata)
            return { kind: 'metadata', metadata: new Uint8Array(metadata.bytes) };
        if (metadata.problem === 'missing') {
            const reason = await (0,read_regular_file/* readRegularBytes */.Of)(p.needsBuild, REASON_LIMIT);
            if ('bytes' in reason)
                return { kind: 'needs-build', reason: reason.bytes.toString('utf8') };
            if (reason.problem === 'missing')
                return undefined;
            this.warn(`metadata cache: ${p.needsBuild}: ${(0,read_regular_file/* describeProblem */.BJ)(reason)}; ignored`);
            return undefined;
        }
        this.warn(`metadata cache: ${p.metadata}: ${(0,read_regular_file/* describeProblem */.BJ)(metadata)}; ignored`);
        return undefined;
    }
    /** The entry held in memory for these paths ('none': ask the directory), bounded as on disk. */
    heldEntry(p) {
        const metadata = this.held?.read(p.metadata);
        if (metadata !== undefined) {
            if (metadata.length <= this.limit)
                return { kind: 'metadata', metadata: new Uint8Array(metadata) };
            this.warn(`metadata cache: ${p.metadata}: larger than ${this.limit} bytes; ignored`);
            return undefined;
        }
        const reason = this.held?.read(p.needsBuild);
        if (reason === undefined)
            return 'none';
        if (reason.length <= REASON_LIMIT)
            return { kind: 'needs-build', reason: reason.toString('utf8') };
        this.warn(`metadata cache: ${p.needsBuild}: larger than ${REASON_LIMIT} bytes; ignored`);
        return undefined;
    }
    async put(sha256, entry) {
        const p = this.paths(sha256);
        // A restored `<aa>` that is a link (or anything but a real directory) would have the entry
        // written wherever it points: its name is removed first (util/plain-dir.ts).
        await (0,plain_dir/* ensurePlainDir */.m_)(p.dir, (message) => this.warn(`metadata cache: ${message}`));
        const target = entry.kind === 'metadata' ? p.metadata : p.needsBuild;
        // The reason is text we wrote: it goes through the redaction point like every other writer.
        await (0,atomic_file/* writeFileAtomic */.Z)(target, entry.kind === 'metadata' ? entry.metadata : (0,redact/* redactText */.Rd)(entry.reason));
        // What is on disk now is newer than anything held for either name.
        this.held?.release(p.metadata);
        this.held?.release(p.needsBuild);
    }
}

// EXTERNAL MODULE: ./src/index/page-trust.ts
var page_trust = __webpack_require__(5458);
;// CONCATENATED MODULE: ./src/index/page-cache.ts
/**
 * On-disk cache of project pages for HTTP revalidation (RFC 9110 §13.1: `If-None-Match` from a
 * stored `ETag`, `If-Modified-Since` from a stored `Last-Modified`; a 304 reuses the stored body).
 * Entries are keyed by the sha256 of the redacted URL (no credentials in file names or contents;
 * a body holding one of the run's secrets — absolute links under a tokenised index — is not
 * stored at all) and written atomically (temporary file + rename), so concurrent runs never see half an entry.
 * The cache directory is passed in; files a cache restore holds in memory (src/util/held-files.ts)
 * are read from there first, as if on disk, under the same size limit.
 *
 * The directory travels in cache entries, so what it holds is untrusted: each entry stores the
 * sha256 of its body and one whose body does not match is a miss (a torn or edited body), but an
 * entry rewritten together with its digest cannot be told apart on disk. The cache therefore
 * keeps, outside the directory, a record of every entry it wrote (`PageRecords`: the digest of the
 * entry's URL, validators, content type and body, and when the server last sent or confirmed it):
 * `get` answers `writtenHere: true` only for an entry whose digest is a recorded one, and then
 * takes its freshness from the record, never from the file. The records live in memory for one
 * process; a caller may load them from, and save them to, a place no cache entry reaches (the
 * CLI's stamp store, src/cache/received-records.ts), so that a later run on the same machine trusts
 * the bytes its predecessor received — wherever they are read from — exactly as much as the run
 * that received them. What may be done with the others is decided in page-trust.ts (never used
 * without the server vouching for the exact bytes).
 */








/**
 * The most bytes of a stored page read: a body of the largest project page accepted, twice over
 * for JSON's escaping (every `"` of an HTML page is written `\"`), and its other fields. An entry
 * is read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * page keys are predictable, and an entry restored as a FIFO or a link to /dev/zero (the Actions
 * cache's tar keeps both) would otherwise hang or exhaust every later resolution.
 */
const PAGE_FILE_LIMIT = 2 * transfer_limits/* BODY_LIMITS */.Mu.projectPage + 1024 * 1024;
function bodyDigest(body) {
    return (0,external_node_crypto_.createHash)('sha256').update(body, 'utf8').digest('hex');
}
function pageCacheKey(url) {
    return (0,external_node_crypto_.createHash)('sha256').update((0,redact/* redactUrl */.BO)(url)).digest('hex');
}
/**
 * The digest that names a stored entry for the records: everything that decides what the page
 * says (its base URL for relative links, its validators, its content type and its body), not when
 * it was stored (that is the record's). `bodySha256` is the hex sha256 of the body.
 */
function entryDigest(page, bodySha256) {
    const fields = [page.url, page.etag ?? null, page.lastModified ?? null, page.contentType, bodySha256];
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(fields)).digest('hex');
}
function optionalString(x) {
    return x === undefined || typeof x === 'string';
}
/** A held file as `readRegularFile` would answer it (over the limit: too large), or undefined. */
function heldRead(held, path) {
    const bytes = held?.read(path);
    if (bytes === undefined)
        return undefined;
    if (bytes.length > PAGE_FILE_LIMIT)
        return { problem: 'too large', detail: `over ${PAGE_FILE_LIMIT} bytes` };
    return { text: bytes.toString('utf8') };
}
function createPageCache(dir, records = new Map(), options = {}) {
    const pathFor = (key) => (0,external_node_path_.join)(dir, `${key}.json`);
    return {
        async get(url) {
            const key = pageCacheKey(url);
            const read = heldRead(options.held, pathFor(key)) ?? (await (0,read_regular_file/* readRegularFile */.XF)(pathFor(key), PAGE_FILE_LIMIT));
            if (!('text' in read)) {
                if (read.problem !== 'missing')
                    options.warn?.(`page cache: ${pathFor(key)}: ${(0,read_regular_file/* describeProblem */.BJ)(read)}; ignored`);
                return undefined;
            }
            try {
                const parsed = JSON.parse(read.text);
                if (typeof parsed.body !== 'string' || typeof parsed.contentType !== 'string')
                    return undefined;
                if (typeof parsed.url !== 'string' || !optionalString(parsed.etag))
                    return undefined;
                if (!optionalString(parsed.lastModified))
                    return undefined;
                // Untrusted (it travels in cache entries): a body that is not the one stored is a miss.
                const digest = bodyDigest(parsed.body);
                if (parsed.sha256 !== digest)
                    return undefined;
                const { writtenHere: _ignored, vouchingEtag: _forged, ...page } = parsed;
                const etag = (0,page_trust/* vouchingEtag */.fo)(page, (0,redact/* publicUrl */.x6)(url), digest);
                const vouching = etag !== undefined ? { vouchingEtag: etag } : {};
                const record = records.get(key);
                if (record === undefined || record.digest !== entryDigest(page, digest)) {
                    return { ...page, ...vouching, writtenHere: false };
                }
                // Ours: its freshness is the record's (the file's own fields are as rewritable as the rest).
                const { freshForSec: _f, ...rest } = page;
                return {
                    ...rest,
                    storedAt: record.storedAt,
                    ...(record.freshForSec !== undefined ? { freshForSec: record.freshForSec } : {}),
                    ...vouching,
                    writtenHere: true,
                };
            }
            catch {
                return undefined; // missing or corrupt: a miss
            }
        },
        async put(url, page) {
            const key = pageCacheKey(url);
            const { writtenHere: _w, vouchingEtag: _v, ...stored } = page;
            const digest = bodyDigest(page.body);
            const entry = { ...stored, url: (0,redact/* publicUrl */.x6)(page.url), sha256: digest };
            const text = JSON.stringify(entry);
            if (redact/* runSecrets */.To.includes(text))
                return;
            await (0,promises_.mkdir)(dir, { recursive: true });
            await (0,atomic_file/* writeFileAtomic */.Z)(pathFor(key), text);
            options.held?.release(pathFor(key));
            records.set(key, {
                digest: entryDigest(entry, digest),
                storedAt: page.storedAt,
                ...(page.freshForSec !== undefined ? { freshForSec: page.freshForSec } : {}),
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/util/held-files.ts
/**
 * Files a cache restore verified and holds in memory instead of writing them (the S3 store's packs
 * of small METADATA and index-page files, src/cache/s3/s3-pack.ts). On this project's runners every
 * file created costs an inode allocation, and on a file system without a journal (ext4 scans the
 * inodes freed in the last minute for each new one) that was the largest part of what a warm S3 run
 * spent beyond a local-directory run (docs/benchmarks.md, S3 section, Session 11): the caches read
 * these files from here first (src/index/metadata-cache.ts, page-cache.ts), a cache write of the
 * same path replaces the held copy, and `writeAll` writes what is still held when the files must
 * be on disk (before a cache save reads the directories).
 *
 * Paths are compared as given (absolute paths built by the same joins on both sides). The held
 * bytes are exactly the ones the restore verified; nothing here checks them again.
 */



class HeldFiles {
    files = new Map();
    /** Holds `data` as the content of `path` (replacing what was held for it). */
    hold(path, data) {
        this.files.set(path, data);
    }
    /** The held content of `path`, or undefined (then the file system has the answer). */
    read(path) {
        return this.files.get(path);
    }
    /** Forgets `path` (written to disk since, or not wanted any more). */
    release(path) {
        this.files.delete(path);
    }
    get size() {
        return this.files.size;
    }
    /** The held paths. */
    paths() {
        return [...this.files.keys()];
    }
    /** Writes every held file to its path (atomically, creating directories) and holds nothing more. */
    async writeAll() {
        const made = new Set();
        let written = 0;
        for (const [path, data] of this.files) {
            const dir = (0,external_node_path_.dirname)(path);
            if (!made.has(dir)) {
                await (0,promises_.mkdir)(dir, { recursive: true });
                made.add(dir);
            }
            await (0,atomic_file/* writeFileAtomic */.Z)(path, data);
            this.files.delete(path);
            written++;
        }
        return written;
    }
}

;// CONCATENATED MODULE: ./src/flow/tracked-caches.ts
/**
 * The metadata and page caches a wheelhouse cache entry carries, wrapped so a run records which
 * entries it read or wrote; `pruneUnused` then deletes everything else before the entry is saved.
 * Without it, an entry restored by prefix would keep the metadata of every version any earlier run
 * ever looked at, and grow forever. A warm run of the same resolution touches the same entries, so
 * nothing it needs is pruned.
 *
 * Pages no later run can use are pruned too, even when this run used them: a page from a restored
 * entry is used only when the index vouches for its bytes through an ETag that is a digest of its
 * body (src/index/page-trust.ts), so a page whose ETag is opaque is requested whole by every later
 * run whatever the entry holds (issue 10 §1). A caller that can vouch for pages some other way (a
 * record kept outside the entry) passes its own `keepPage`.
 *
 * Both caches keep records of what this run received (src/cache/received-records.ts): the page
 * cache of every page it wrote, the metadata cache of every METADATA read from the index or checked
 * against a local copy of its file. Given the records of an earlier run (the CLI's stamp store),
 * bytes matching them are trusted as that run trusted them.
 *
 * A restore may hold the entry's small files in memory instead of writing them (`held`,
 * src/util/held-files.ts): both caches read them from there, `pruneUnused` drops the unused ones
 * with the files, and `writeHeld` puts the rest on disk when a save will read the directories.
 */








/** Unusable cache files reported by one run (the rest are counted in one line). */
const MAX_REPORTED = 10;
class TrackedCaches {
    metadataDir;
    pagesDir;
    records;
    warn;
    metadata;
    pages;
    usedMetadata = new Set();
    usedPages = new Set();
    /** Every page asked for, found or not (a 404 stores nothing). */
    lookedUpPages = new Set();
    /** Pages this run stored last in a form no later run can use (see `KeepPage`). */
    deadPages = new Set();
    /** Writes not finished yet, and whether new ones are refused (`pruneUnused`). */
    writes = new Set();
    sealed = false;
    /** Restored METADATA and pages not written yet (backend.ts RestoreOptions.held). */
    held = new HeldFiles();
    /** Set while the wheelhouse is still being restored (waitForLocalCopies). */
    arrived;
    /**
     * While a restore still places the wheelhouse's files (fetch-restore.ts `pending`), a local
     * copy is looked at only once `arrived(path)` resolved (that file placed, rejected or not
     * fetched), so whether cached METADATA is checked against it does not depend on timing.
     */
    waitForLocalCopies(arrived) {
        this.arrived = arrived;
    }
    constructor(metadataDir, pagesDir, 
    /** The wheelhouse: its files let the fetcher verify cached metadata (MetadataCache.localCopy). */
    wheelhouse, keepPage, 
    /** What this machine received before (loaded by the caller, updated here). */
    records = emptyRecords(), 
    /** Where what a hostile or damaged cache directory made this run ignore is reported. */
    warn = () => { }) {
        this.metadataDir = metadataDir;
        this.pagesDir = pagesDir;
        this.records = records;
        this.warn = warn;
        // A hostile entry can hold thousands of unusable files: the first few are reported.
        let reported = 0;
        const report = (message) => {
            reported++;
            if (reported <= MAX_REPORTED)
                warn(message);
            else if (reported === MAX_REPORTED + 1)
                warn('further unusable metadata/page cache files are not reported');
        };
        const disk = new DiskMetadataCache(metadataDir, report, undefined, this.held);
        const pages = createPageCache(pagesDir, records.pages, { warn: report, held: this.held });
        const usedMetadata = this.usedMetadata;
        const usedPages = this.usedPages;
        const lookedUpPages = this.lookedUpPages;
        const deadPages = this.deadPages;
        // Every write goes through here: tracked until it settles, dropped once the caches are sealed.
        const write = (run) => {
            if (this.sealed)
                return Promise.resolve();
            const p = run();
            this.writes.add(p);
            const forget = () => this.writes.delete(p);
            p.then(forget, forget);
            return p;
        };
        this.metadata = {
            async get(sha256) {
                const entry = await disk.get(sha256);
                if (entry !== undefined)
                    usedMetadata.add(sha256.toLowerCase());
                return entry;
            },
            put: (sha256, entry) => write(async () => {
                const key = sha256.toLowerCase();
                usedMetadata.add(key);
                try {
                    await disk.put(sha256, entry);
                }
                catch (error) {
                    // A cache directory a hostile entry shaped (a directory where the file goes…): not cached.
                    report(`metadata cache: could not store the metadata of ${key}: ${error.message}`);
                    return;
                }
                if (entry.kind === 'metadata') {
                    records.metadata.set(key, (0,external_node_crypto_.createHash)('sha256').update(entry.metadata).digest('hex'));
                }
            }),
            recorded: (sha256) => records.metadata.get(sha256.toLowerCase()),
            record: (sha256, metadataSha256) => {
                records.metadata.set(sha256.toLowerCase(), metadataSha256.toLowerCase());
            },
            ...(wheelhouse !== undefined
                ? {
                    localCopy: (filename) => {
                        const path = (0,external_node_path_.join)(wheelhouse, (0,external_node_path_.basename)(filename));
                        const arrived = this.arrived;
                        return arrived === undefined ? path : arrived(path).then(() => path);
                    },
                }
                : {}),
        };
        this.pages = {
            async get(url) {
                const key = pageCacheKey(url);
                lookedUpPages.add(key);
                const page = await pages.get(url);
                if (page !== undefined) {
                    usedPages.add(key);
                    const keep = keepPage ? keepPage(url, page) : page.vouchingEtag !== undefined;
                    if (!keep)
                        deadPages.add(key);
                }
                return page;
            },
            put: (url, page) => write(async () => {
                const key = pageCacheKey(url);
                usedPages.add(key);
                const keep = keepPage ? keepPage(url, page) : (0,page_trust/* usableAfterRestore */.bh)(page, url);
                if (keep)
                    deadPages.delete(key);
                else
                    deadPages.add(key);
                await pages.put(url, page);
            }),
        };
    }
    /**
     * Writes the restored files still held in memory (see the top) into their directories, as a
     * restore without `held` would have: before a save reads the directories. Answers how many.
     */
    writeHeld() {
        return this.held.writeAll();
    }
    get metadataUsed() {
        return this.usedMetadata.size;
    }
    /** Whether this run read or wrote the page with this cache key / the metadata of this file. */
    pageUsed = (key) => this.usedPages.has(key);
    metadataUsedFor = (sha256) => this.usedMetadata.has(sha256);
    /** The cache keys of every page this run asked for, found in the cache or not. */
    get pagesLookedUp() {
        return [...this.lookedUpPages];
    }
    /**
     * Deletes cached metadata and pages this run did not use, and pages no later run could use;
     * answers how many files went.
     *
     * Seals the caches first: the speculative walk and the provider's read-ahead can still be storing
     * pages and METADATA the resolution never needed when it returns. Writes in flight are awaited
     * (pruning would otherwise delete a write's temporary file under it), later ones are dropped, so
     * nothing writes into the directories while they are pruned, restored into or saved.
     */
    async pruneUnused() {
        this.sealed = true;
        await Promise.allSettled([...this.writes]);
        let removed = 0;
        for (const path of this.held.paths()) {
            const name = (0,external_node_path_.basename)(path);
            const parent = (0,external_node_path_.dirname)(path);
            const sha = /^([0-9a-f]{64})\.(metadata|needs-build)$/.exec(name)?.[1];
            const key = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
            const keep = (0,external_node_path_.dirname)(parent) === this.metadataDir
                ? sha !== undefined && this.usedMetadata.has(sha)
                : parent === this.pagesDir &&
                    key !== undefined &&
                    this.usedPages.has(key) &&
                    !this.deadPages.has(key);
            if (keep)
                continue;
            this.held.release(path);
            removed++;
        }
        // The directories travel in cache entries, and the Actions cache restores symbolic links as
        // saved: a `metadata/ab` linked to the checkout must never have the checkout's files deleted.
        // Only real directories are entered; every other entry is unlinked, never followed.
        if (await this.plainOrWarn(this.metadataDir)) {
            for (const sub of await (0,plain_dir/* listPlainDir */.E4)(this.metadataDir)) {
                if (!sub.isDirectory()) {
                    await (0,plain_dir/* removeEntry */.b4)(this.metadataDir, sub);
                    removed++;
                    continue;
                }
                const dir = (0,external_node_path_.join)(this.metadataDir, sub.name);
                for (const entry of await (0,plain_dir/* listPlainDir */.E4)(dir)) {
                    const sha = /^([0-9a-f]{64})\.(metadata|needs-build)$/.exec(entry.name)?.[1];
                    if (entry.isFile() && sha !== undefined && this.usedMetadata.has(sha))
                        continue;
                    await (0,plain_dir/* removeEntry */.b4)(dir, entry);
                    removed++;
                }
            }
        }
        if (await this.plainOrWarn(this.pagesDir)) {
            for (const entry of await (0,plain_dir/* listPlainDir */.E4)(this.pagesDir)) {
                const key = /^([0-9a-f]{64})\.json$/.exec(entry.name)?.[1];
                const keep = key !== undefined && this.usedPages.has(key) && !this.deadPages.has(key);
                if (entry.isFile() && keep)
                    continue;
                await (0,plain_dir/* removeEntry */.b4)(this.pagesDir, entry);
                removed++;
            }
        }
        return removed;
    }
    /** Whether `dir` is a real directory or missing; anything else (a link…) is reported and left alone. */
    async plainOrWarn(dir) {
        const state = await (0,plain_dir/* plainDirState */.Z9)(dir);
        if (state === 'not a plain directory') {
            this.warn(`${dir} is not a plain directory (a symbolic link from a cache entry?): left alone, nothing in it pruned`);
        }
        return state === 'directory';
    }
}

;// CONCATENATED MODULE: ./src/flow/fetch-restore.ts
/**
 * The fetch flow's first phase (fetch.ts): the state a run starts from. Loads the verified-file
 * stamps of the wheelhouse and of local find-links directories (before anything is restored, so a
 * stamp file a cache entry brings along is never read), the records of pages and METADATA this
 * machine received, the previous resolution when it can be reused as it is (resolution-reuse.ts),
 * and restores the newest cache entry of the target (restore prefix) — or, for a reused
 * resolution, only the wheelhouse of its own entry. A backend that can (S3) answers once the page
 * and METADATA caches are in place and keeps fetching the entry's wheels in the background
 * (`pending`), overlapping them with the resolution.
 */











async function restoreState(o, prepared, session, timer) {
    const logger = o.logger;
    const wheelhouse = session.dir;
    // Before anything is restored: a stamp file a cache entry brings along is never read.
    const stamps = new file_stamps/* FileStamps */.lb({
        ...(o.stampStore !== undefined ? { store: o.stampStore } : {}),
        ...(o.hashFile !== undefined ? { hash: o.hashFile } : {}),
    });
    await stamps.loadDir(wheelhouse);
    const localLinks = localFindLinksDirs(prepared.finder.findLinks, o.cwd ?? process.cwd());
    const findLinksDirs = localLinks.filter((dir) => dir !== wheelhouse);
    for (const dir of findLinksDirs)
        await stamps.loadDir(dir);
    // What this machine's earlier runs received (pages, METADATA), kept beside the stamps.
    const records = o.stampStore !== undefined ? await loadReceivedRecords(o.stampStore, wheelhouse) : emptyRecords();
    const caches = new TrackedCaches((0,external_node_path_.join)(o.stateDir, 'metadata'), (0,external_node_path_.join)(o.stateDir, 'pages'), wheelhouse, 
    // Pages no later run could use after a restore (an opaque ETag…) are not carried in the entry
    // even with records: the records vouch only for bytes the next run still finds.
    undefined, records, (message) => logger.warn(message));
    // The previous resolution of this wheelhouse, when the inputs are the same and every page it
    // looked at is still fresh by this machine's records (resolution-reuse.ts).
    const fingerprint = o.stampStore !== undefined ? await inputsFingerprint(prepared, findLinksDirs) : undefined;
    const reused = o.stampStore !== undefined && fingerprint !== undefined
        ? await reusableResolution(o.stampStore, wheelhouse, fingerprint, records.pages, Date.now())
        : undefined;
    const builds = new built_wheel_store/* DirBuiltWheelStore */.W6((0,external_node_path_.join)(o.stateDir, 'builds'), (message) => logger.warn(message));
    // A backend a fleet shares (S3) also shares built wheels by build key, beyond the restored entry.
    const sharedBuilds = o.cache?.backend.builtWheels;
    const buildStore = sharedBuilds === undefined ? builds : new SharedBuiltWheelStore(builds, sharedBuilds, o.logger);
    const cachePaths = [wheelhouse, caches.metadataDir, caches.pagesDir, builds.dir];
    const prefix = cacheKeyPrefix(prepared.detected.cacheKeyTarget, o.cache?.suffix);
    let matchedKey;
    let pending;
    if (o.cache !== undefined) {
        const backend = o.cache.backend;
        const restored = await timer.time('restore', async () => {
            await session.ensure();
            for (const p of cachePaths)
                await (0,promises_.mkdir)(p, { recursive: true });
            // A find-links location in the wheelhouse is listed by the resolution: its wheels must all
            // be there before it starts, or what it finds would depend on when the restore placed them.
            // (Checked once the wheelhouse exists, so that symbolic links on either side resolve.)
            const linksReadWheelhouse = await anyInside(localLinks, wheelhouse);
            // The manifest marks the wheelhouse for the backend: restored only through the entry's own.
            await session.open();
            if (reused !== undefined) {
                // The resolution is known: its own entry, and of it only the wheelhouse (no page or
                // METADATA will be read). Without that entry, the usual restore by prefix follows.
                const own = cacheKey(reused.resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix).key;
                const exact = await backend.restore(cachePaths, own, [], { stamps, only: [0] });
                if (exact.exact)
                    return exact;
            }
            // The resolution needs the entry's page and METADATA caches, not its wheels: those may
            // still arrive while it runs (`pending`).
            return backend.restore(cachePaths, prefix, [prefix], {
                stamps,
                held: caches.held,
                ...(linksReadWheelhouse ? {} : { deferred: [0] }),
            });
        });
        matchedKey = restored.matchedKey;
        pending = restored.pending;
        await refuseLinkedStateDirs(cachePaths.slice(1), logger);
        // Cached METADATA checked against a wheel of the wheelhouse waits for that wheel to arrive.
        const restoring = pending;
        if (restoring !== undefined)
            caches.waitForLocalCopies((path) => restoring.fileSettled(path));
        if (matchedKey === undefined)
            logger.info(`no cache entry starts with ${prefix}`);
        // A restored entry brings the lock and manifest of its own resolution (once it is all there:
        // with wheels pending, fetch.ts does this after settling them).
        if (pending === undefined)
            await session.open();
    }
    return {
        stamps,
        findLinksDirs,
        records,
        caches,
        fingerprint,
        reused,
        builds,
        buildStore,
        cachePaths,
        matchedKey,
        pending,
    };
}
/**
 * After a restore: a state directory (metadata, pages, builds) that the entry replaced with
 * anything but a real directory — the Actions cache's tar restores a symbolic link as saved — is
 * set aside and an empty one made, so that no read, write or pruning of this run acts through it
 * (util/plain-dir.ts `setAsideUnlessPlain`; what was there is kept, renamed, never deleted).
 */
async function refuseLinkedStateDirs(dirs, logger) {
    for (const dir of dirs) {
        const aside = await (0,plain_dir/* setAsideUnlessPlain */.zH)(dir);
        if (aside !== undefined)
            logger.warn(`${dir} from the cache entry is not a plain directory (a symbolic link?): set aside as ${aside}, not used`);
    }
}
/** The local directories among find-links locations (paths, or `file:` URLs), absolute. */
function localFindLinksDirs(locations, cwd) {
    const out = [];
    for (const location of locations) {
        if (location.startsWith('file:')) {
            try {
                out.push((0,external_node_path_.resolve)((0,external_node_url_.fileURLToPath)(location)));
            }
            catch {
                // not a local path: nothing to load
            }
        }
        else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
            out.push((0,external_node_path_.resolve)(cwd, location));
        }
    }
    return out;
}
/** Whether one of `paths` is `dir` or lies inside it, by name or through symbolic links. */
async function anyInside(paths, dir) {
    const real = (p) => (0,promises_.realpath)(p).catch(() => (0,external_node_path_.resolve)(p));
    const roots = [(0,external_node_path_.resolve)(dir), await real(dir)];
    for (const p of paths) {
        for (const candidate of [(0,external_node_path_.resolve)(p), await real(p)]) {
            if (roots.some((root) => candidate === root || candidate.startsWith(root + external_node_path_.sep)))
                return true;
        }
    }
    return false;
}

;// CONCATENATED MODULE: ./src/flow/fetch-types.ts
/** Default parallel connections per host, for metadata and downloads. */
const DEFAULT_CONCURRENCY = 16;

// EXTERNAL MODULE: ./src/flow/resolve.ts + 1 modules
var resolve = __webpack_require__(2943);
// EXTERNAL MODULE: ./src/flow/prepare.ts + 2 modules
var prepare = __webpack_require__(8664);
;// CONCATENATED MODULE: ./src/flow/phase-timer.ts
/** Wall-clock time per phase of a run, for the job summary and `--verbose` (never asserted in tests). */
class PhaseTimer {
    now;
    timings = [];
    constructor(now = () => performance.now()) {
        this.now = now;
    }
    async time(phase, fn) {
        const start = this.now();
        try {
            return await fn();
        }
        finally {
            this.timings.push({ phase, ms: Math.round(this.now() - start) });
        }
    }
}

;// CONCATENATED MODULE: ./src/flow/wheelhouse-guard.ts
/**
 * The guard against pointing the wheelhouse at a directory full of other files: verification
 * deletes every file of the wheelhouse that is not part of the resolution, so the wheelhouse must
 * not be a file system root, the working directory, GITHUB_WORKSPACE or the home directory.
 *
 * Paths are compared the way the runner's file system compares names: Windows (NTFS) and macOS
 * (APFS/HFS+ by default) are case-insensitive, so `c:\users\me` and `C:\Users\Me` are one directory
 * there and must both be refused; Windows paths also go through `path.win32` (drive letters, `\`).
 *
 * Beyond those, `claimWheelhouse` applies the ownership rule of wheelhouse-files.ts to any
 * directory: one that holds files wheelhouse did not write and no manifest is refused.
 */





function isDangerousWheelhouse(dir, ctx) {
    const platform = ctx.platform ?? process.platform;
    const path = platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const foldCase = platform === 'win32' || platform === 'darwin';
    const key = (p) => {
        const abs = path.resolve(ctx.cwd, p);
        return foldCase ? abs.toLowerCase() : abs;
    };
    const abs = path.resolve(ctx.cwd, dir);
    if (path.dirname(abs) === abs)
        return true; // `/`, `C:\`, `\\server\share\`
    const home = ctx.env['HOME'] || ctx.env['USERPROFILE'];
    const forbidden = [ctx.cwd, ctx.env['GITHUB_WORKSPACE'], home].filter((p) => p !== undefined && p !== '');
    return forbidden.some((p) => key(p) === key(abs));
}
const SHOWN = 5;
function listNames(names) {
    const shown = names.slice(0, SHOWN).map((n) => JSON.stringify(n));
    return names.length > SHOWN ? `${shown.join(', ')} and ${names.length - SHOWN} more` : shown.join(', ');
}
/**
 * Takes `dir` as the wheelhouse (a missing one is fine: the run creates it), following the rule of
 * wheelhouse-files.ts: a directory that holds entries wheelhouse did not write and no manifest is
 * refused (FlowInputError, exit 2) unless `clean`; a path that is not a directory is refused.
 */
async function claimWheelhouse(dir, options) {
    const claim = { dir, foreign: new Set(), cleared: [], listed: {} };
    const info = await (0,promises_.stat)(dir).catch((error) => {
        if (error.code === 'ENOENT')
            return undefined;
        throw new flow_errors/* FlowInputError */.r(`wheelhouse ${dir} cannot be used: ${error.message}`);
    });
    if (info === undefined)
        return claim; // created when the run first writes to it
    if (!info.isDirectory()) {
        throw new flow_errors/* FlowInputError */.r(`wheelhouse ${dir} exists and is not a directory: give a directory (it is created when missing)`);
    }
    let manifest;
    try {
        manifest = await (0,wheelhouse_manifest/* readManifest */.WI)(dir);
    }
    catch (error) {
        if (!(error instanceof wheelhouse_manifest/* ManifestError */.Sh))
            throw error;
        options.logger.warn(`${errorText(error)}: the wheelhouse is treated as having no manifest`);
    }
    if (manifest !== undefined)
        claim.listed = { ...manifest.files };
    const owned = (name) => manifest === undefined
        ? (0,wheelhouse_files/* isOwnTempName */.kQ)(name) || name === wheelhouse_files/* RUN_LOCK_FILENAME */.Ck
        : (0,wheelhouse_files/* isOwnFileName */.EW)(name) || Object.hasOwn(manifest.files, name);
    const others = (await (0,promises_.readdir)(dir)).filter((name) => !owned(name)).sort();
    if (others.length === 0)
        return claim;
    if (options.clean) {
        for (const name of others)
            await (0,promises_.rm)((0,external_node_path_.join)(dir, name), { recursive: true, force: true });
        claim.cleared = others;
        options.logger.warn(`cleared ${others.length} entr${others.length === 1 ? 'y' : 'ies'} from ${dir} (clean): ${listNames(others)}`);
        return claim;
    }
    if (manifest === undefined) {
        throw new flow_errors/* FlowInputError */.r(`wheelhouse ${dir} holds files wheelhouse did not write (${listNames(others)}) and no ${wheelhouse_manifest/* MANIFEST_FILENAME */.ch}; ` +
            'wheelhouse deletes the files of its directory that are not part of the resolution, so it only uses a new or empty directory, or one it wrote before. ' +
            'Give another directory, or clear this one with --clean (action input clean: true).');
    }
    for (const name of others)
        claim.foreign.add(name);
    options.logger.warn(`leaving ${others.length} entr${others.length === 1 ? 'y' : 'ies'} in ${dir} that wheelhouse did not write: ${listNames(others)}`);
    return claim;
}
function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}

// EXTERNAL MODULE: ./src/util/dir-lock.ts
var dir_lock = __webpack_require__(8731);
;// CONCATENATED MODULE: ./src/flow/wheelhouse-session.ts
/**
 * One run's hold on its wheelhouse directory: the ownership check (wheelhouse-guard.ts), the run
 * lock (`.wheelhouse.lock`, src/util/dir-lock.ts: a second run on the same wheelhouse waits with a
 * message instead of deleting the first one's temporary files), and the "not complete until
 * finished" state (wheelhouse-files.ts): `open` removes the lock, report and pylock and keeps the
 * manifest marked incomplete, listing every file the run may have written.
 *
 * The directory is created, and the lock taken, only when the run first writes to it, so a run
 * that ends before (a failed resolution without a cache) leaves no directory behind.
 */








class WheelhouseSession {
    dir;
    options;
    claimed;
    release;
    constructor(dir, options) {
        this.dir = dir;
        this.options = options;
    }
    get claim() {
        if (this.claimed === undefined)
            throw new Error('wheelhouse session used before check()');
        return this.claimed;
    }
    /** The ownership check, before anything is written (refuses a foreign directory). */
    async check() {
        this.claimed = await claimWheelhouse(this.dir, this.options);
    }
    /** Creates the directory and takes the run lock (once), then checks ownership again under it. */
    async ensure() {
        if (this.release !== undefined)
            return;
        await (0,promises_.mkdir)(this.dir, { recursive: true });
        try {
            this.release = await (0,dir_lock/* acquireDirLock */.N4)((0,external_node_path_.join)(this.dir, wheelhouse_files/* RUN_LOCK_FILENAME */.Ck), {
                onWait: (message) => this.options.logger.info(message),
                onWarn: (message) => this.options.logger.warn(message),
                ...(this.options.lockTimeoutMs !== undefined ? { timeoutMs: this.options.lockTimeoutMs } : {}),
            });
        }
        catch (error) {
            if (error instanceof dir_lock/* LockTimeoutError */.XB)
                throw new flow_errors/* FlowInputError */.r(error.message);
            throw error;
        }
        // Another run may have changed the directory while this one waited.
        const listed = this.claimed?.listed ?? {};
        this.claimed = await claimWheelhouse(this.dir, { ...this.options, clean: false });
        this.claimed.listed = { ...listed, ...this.claimed.listed };
    }
    /**
     * Makes the wheelhouse not look complete: removes the lock, report and pylock, and rewrites the
     * manifest as incomplete, listing the files it listed plus `more` (files about to be written).
     * Nothing happens while the directory does not exist (it has nothing to hide).
     */
    async open(more = {}) {
        if (!(0,external_node_fs_.existsSync)(this.dir))
            return;
        await this.ensure();
        const claim = this.claim;
        for (const name of wheelhouse_files/* INSTALL_OUTPUTS */.t2)
            await (0,promises_.rm)((0,external_node_path_.join)(claim.dir, name), { force: true });
        const current = await (0,wheelhouse_manifest/* readManifest */.WI)(claim.dir).catch(() => undefined);
        claim.listed = { ...claim.listed, ...(current?.files ?? {}), ...more };
        for (const name of claim.foreign)
            delete claim.listed[name];
        await (0,wheelhouse_manifest/* writeManifest */.HN)(claim.dir, { version: 1, complete: false, files: claim.listed });
    }
    async close() {
        await this.release?.();
        this.release = undefined;
    }
}

;// CONCATENATED MODULE: ./src/flow/fetch.ts
/**
 * The fetch flow both shells run (issue 5, §1), between the CLI/action shells and the layers below
 * (provider, cache, download):
 *
 *   requirement files → target → restore the newest cache entry of this target (restore prefix;
 *   the entry holds the wheels, the metadata cache and the page cache) → resolve (metadata from the
 *   cache: no metadata request for a known file) → cache key → verify every wheel in the wheelhouse
 *   against the resolution's sha256 (wrong bytes deleted and fetched again: a poisoned entry never
 *   reaches pip) → download only what is missing, in parallel, reusing files the resolver fetched
 *   whole → write lock, report, pylock and manifest into the wheelhouse.
 *
 * Sdists (issue 11 §1): a resolved sdist becomes a wheel built by the target interpreter's pip
 * (src/build), or the one the built-wheel store (part of the cache entry) already holds for its
 * sha256, interpreter and platform; from then on the wheelhouse, the manifest and the lock hold
 * that wheel (`withBuiltWheels`), while the cache key, report.json and pylock.toml keep the sdist.
 *
 * Saving is separate (save.ts): the action saves in its post step, the CLI right after.
 *
 * Warm runs (issue 9 §6, issue 14 §2): every sha256 of a local file goes through the run's
 * verified-file stamps (src/cache/file-stamps.ts), those of the wheelhouse and of local find-links
 * directories read from the stamp store at the start and the wheelhouse's written back at the
 * end, so a file
 * unchanged since wheelhouse hashed it is not read again by the restore, the verification, the
 * find-links listing or the metadata cache's check; a changed file is hashed as before. Beside
 * the stamps, the records of the pages and METADATA this machine received (received-records.ts):
 * a page it received less than its max-age ago is used with no request, a METADATA it read needs
 * no second check.
 *
 * The phases live beside this file: fetch-types.ts (options and result), fetch-restore.ts (stamps,
 * records, reuse and the cache restore), fetch-build.ts (sdists → wheels), fetch-outputs.ts (lock,
 * report, pylock, stamps, manifest last; the per-package summary). This file runs them in order.
 */




















async function runFetch(o) {
    const timer = new PhaseTimer();
    const logger = o.logger;
    const wheelhouse = (0,external_node_path_.resolve)(o.cwd ?? process.cwd(), o.wheelhouse);
    if (isDangerousWheelhouse(wheelhouse, { cwd: o.cwd ?? process.cwd(), env: o.env ?? {} })) {
        throw new flow_errors/* FlowInputError */.r(`wheelhouse ${wheelhouse} is the working, workspace or home directory; wheelhouse deletes files there that are not part of the resolution, so give it a directory of its own`);
    }
    const prepared = await timer.time('read', () => (0,prepare/* prepare */.iA)(o));
    const session = new WheelhouseSession(wheelhouse, {
        clean: o.clean ?? false,
        logger,
        ...(o.lockTimeoutMs !== undefined ? { lockTimeoutMs: o.lockTimeoutMs } : {}),
    });
    await session.check();
    try {
        const result = await fetchInto(o, prepared, session, timer);
        await o.whileHeld?.(result);
        return result;
    }
    finally {
        await session.close();
    }
}
async function fetchInto(o, prepared, session, timer) {
    // From here on the wheelhouse must not look complete until this run has finished it.
    await session.open();
    const state = await restoreState(o, prepared, session, timer);
    let finished = false;
    try {
        const result = await fetchRestored(o, prepared, session, timer, state);
        finished = true;
        return result;
    }
    finally {
        // Wheels still being restored when the run ends early (a failed or unsatisfiable resolution,
        // any error): nothing more is started, requests in flight end, and the run does not leave
        // (unlock, clean up) before the restore stopped writing into the wheelhouse.
        state.pending?.cancel();
        await state.pending?.settled;
        // What it placed after this run opened the wheelhouse may include an entry's lock, report or
        // pylock (a cache is untrusted input): a failed run leaves none of them.
        if (!finished && state.pending !== undefined)
            await session
                .open()
                .catch((e) => o.logger.debug(`could not reopen ${session.dir}: ${String(e)}`));
    }
}
async function fetchRestored(o, prepared, session, timer, state) {
    const logger = o.logger;
    const wheelhouse = session.dir;
    const { stamps, caches, reused, builds, buildStore, cachePaths } = state;
    let matchedKey = state.matchedKey;
    const downloadsDir = (0,external_node_path_.join)(o.stateDir, 'downloads');
    const build = (0,build_context/* createBuildContext */.Yo)({
        prepared,
        env: o.env ?? process.env,
        cwd: o.cwd ?? process.cwd(),
        ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
    });
    const http = o.http ??
        (0,index_http/* createHttpClient */.u)({
            logger,
            maxConnectionsPerHost: o.concurrency ?? DEFAULT_CONCURRENCY,
            ...(o.env !== undefined ? { env: o.env } : {}),
            namedIndexes: prepared.finder.namedIndexes,
            ...prepared.http,
        });
    try {
        const { resolution, stats, fetcher } = await timer.time('resolve', async () => {
            await (0,promises_.mkdir)(downloadsDir, { recursive: true });
            if (reused !== undefined) {
                logger.info(`inputs unchanged and every page fresh: the previous resolution of ${reused.resolution.packages.length} packages is used as it is`);
                return { resolution: reused.resolution, stats: (0,resolve/* lockedStats */.er)(reused.resolution.packages.length) };
            }
            return (0,resolve/* resolvePrepared */.g6)({
                prepared,
                http,
                logger,
                pageCache: caches.pages,
                metadataCache: caches.metadata,
                downloadDir: downloadsDir,
                build,
                digest: stamps.digest,
            });
        });
        if (state.pending !== undefined) {
            // The restore started before the resolution was known: what it has not started yet and
            // this resolution does not name is not fetched (a resolution with sdists names none of
            // their built wheels, so then everything is). Then it is waited for: from here on the
            // wheelhouse is this run's again.
            const pending = state.pending;
            if (!resolution.packages.some((p) => p.file.kind === 'sdist')) {
                const digests = new Set(resolution.packages.map((p) => p.file.sha256.toLowerCase()));
                pending.narrow((_name, sha256) => digests.has(sha256));
            }
            await timer.time('restore', () => pending.settled);
            await session.open();
        }
        // A reused resolution read no cached page or METADATA: nothing is pruned for it.
        const removedFromCaches = reused !== undefined ? 0 : await caches.pruneUnused();
        if (removedFromCaches > 0)
            logger.debug(`dropped ${removedFromCaches} unused metadata/page cache files`);
        const key = cacheKey(resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix);
        if (o.cache !== undefined && matchedKey !== key.key) {
            // The newest entry of the target was not this resolution's (another branch, an older pin
            // set…): an entry for exactly this resolution may still exist. Asking costs one lookup;
            // finding it saves downloads and the post-step save.
            const backend = o.cache.backend;
            const exact = await timer.time('restore', () => backend.restore(cachePaths, key.key, [], { stamps }));
            if (exact.exact)
                matchedKey = key.key;
            await refuseLinkedStateDirs(cachePaths.slice(1), logger);
            await session.open();
        }
        const cacheHit = matchedKey !== undefined && matchedKey === key.key;
        logger.info(`cache key ${key.key}${cacheHit ? ' (exact hit)' : ''}`);
        // An entry will be saved (save.ts: not for an exact hit): it reads the cache directories, so
        // the restored METADATA and pages still held in memory go there now. An exact hit leaves them
        // unwritten: no file created for them (tracked-caches.ts `held`).
        if (o.cache !== undefined && !cacheHit) {
            const written = await caches.writeHeld();
            if (written > 0)
                logger.debug(`wrote ${written} restored metadata/page cache files`);
        }
        const { builtWheels, builtByWheel, housed } = await buildPhase({
            resolution,
            fetcher,
            http,
            logger,
            downloadsDir,
            build,
            buildStore,
            builds,
            timer,
        });
        const verified = await timer.time('verify', async () => {
            await session.ensure();
            // Every file this run may write, recorded before it is written: an interrupted run leaves
            // a directory the next run can prove is its own.
            await session.open((0,wheelhouse_manifest/* manifestFor */.h$)(housed).files);
            return (0,wheelhouse_manifest/* verifyWheelhouse */.zj)(wheelhouse, housed, {
                logger,
                concurrency: 4,
                keep: [...wheelhouse_files/* WHEELHOUSE_OUTPUTS */.HX, wheelhouse_files/* RUN_LOCK_FILENAME */.Ck],
                deletable: (name) => !session.claim.foreign.has(name),
                digest: stamps.digest,
            });
        });
        const poisoned = verified.removed.filter((r) => r.reason === 'hash-mismatch');
        if (poisoned.length > 0) {
            logger.warn(`${poisoned.length} file(s) in the restored wheelhouse had the wrong sha256 and will be downloaded again: ${poisoned.map((p) => p.filename).join(', ')}`);
        }
        const packageOf = new Map(housed.packages.map((p) => [p.file.filename, p]));
        const announce = (file, path) => {
            const pkg = packageOf.get(file.filename);
            if (pkg === undefined || o.onWheelReady === undefined)
                return;
            const verified = stamps.hashedThisRun(path);
            o.onWheelReady(verified !== undefined ? { pkg, path, verified } : { pkg, path });
        };
        for (const file of verified.valid)
            announce(file, (0,external_node_path_.join)(wheelhouse, file.filename));
        const summary = await timer.time('download', () => downloadAll(verified.missing, {
            http,
            dest: wheelhouse,
            concurrency: o.concurrency ?? DEFAULT_CONCURRENCY,
            logger,
            reuse: (file) => {
                const built = builtByWheel.get(file.filename);
                if (built !== undefined)
                    return built.wheel.path;
                const pkg = resolution.packages.find((p) => p.file.filename === file.filename);
                const fetched = pkg === undefined ? undefined : fetcher?.downloadedPath(asDistFile(pkg.name, file));
                return fetched ?? o.wheelStore?.lookup(file);
            },
            ...(o.onProgress ? { onProgress: o.onProgress } : {}),
            ...(o.onWheelReady ? { onFileReady: announce } : {}),
            stamps,
        }));
        if (o.wheelStore !== undefined) {
            const byName = new Map(verified.missing.map((f) => [f.filename, f]));
            const fresh = summary.files
                .filter((f) => f.outcome === 'downloaded')
                .map((f) => ({ file: byName.get(f.filename), path: f.path }))
                .filter((x) => x.file !== undefined);
            const added = await o.wheelStore.add(fresh);
            if (added > 0)
                logger.info(`stored ${added} new wheel(s) in the runner tool cache`);
        }
        const files = await timer.time('write', () => writeOutputs(o, wheelhouse, state, prepared, resolution, housed, (name) => packageOf.has(name)));
        logger.debug(`phases: ${timer.timings.map((t) => `${t.phase} ${t.ms} ms`).join(', ')}; local files hashed ${stamps.counts.hashed}, known by their stamps ${stamps.counts.trusted}; find-links files copied in without a second hash ${summary.copiedLocal}`);
        const packages = fetchedPackages(housed, summary, builtByWheel, matchedKey);
        return {
            prepared,
            resolution: housed,
            resolveStats: stats,
            key,
            ...(matchedKey !== undefined ? { matchedKey } : {}),
            cacheHit,
            cachePaths,
            wheelhouse,
            ...files,
            packages,
            downloaded: summary.downloaded,
            downloadedBytes: summary.downloadedBytes,
            // A wheel built in this run and placed into the wheelhouse counts as built, not reused.
            reused: verified.valid.length +
                summary.reused +
                summary.skipped -
                summary.files.filter((f) => f.outcome === 'reused' && builtByWheel.get(f.filename)?.source === 'built').length,
            built: builtWheels?.built ?? 0,
            builtFromCache: builtWheels?.stored ?? 0,
            removed: verified.removed,
            foreign: [...session.claim.foreign].sort(),
            digests: { ...stamps.counts },
            ...(o.stampStore !== undefined ? { stampStore: o.stampStore } : {}),
            timings: timer.timings,
        };
    }
    finally {
        if (o.http === undefined)
            await http.close();
        await (0,promises_.rm)(downloadsDir, { recursive: true, force: true }).catch(() => { });
    }
}


/***/ }),

/***/ 4942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E4: () => (/* binding */ listPlainDir),
/* harmony export */   Z9: () => (/* binding */ plainDirState),
/* harmony export */   b4: () => (/* binding */ removeEntry),
/* harmony export */   m_: () => (/* binding */ ensurePlainDir),
/* harmony export */   zH: () => (/* binding */ setAsideUnlessPlain)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Listing and emptying a directory whose entries are untrusted (a cache directory a cache entry
 * was restored into: the GitHub Actions cache's tar restores symbolic links, FIFOs and devices as
 * they were saved) without ever acting through a symbolic link. A directory is entered only when
 * lstat says it is a real one; every other entry (regular file, link, FIFO…) is removed with
 * unlink(2), which removes the name in this directory and never touches what a link points to.
 */



/**
 * What `path` is, by lstat: a real directory, missing, or something else (a symbolic link — to a
 * directory or not —, a file, a FIFO…), which a caller that wrote a directory there must not
 * enter nor empty.
 */
async function plainDirState(path) {
    try {
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path)).isDirectory() ? 'directory' : 'not a plain directory';
    }
    catch (error) {
        return error.code === 'ENOENT' ? 'missing' : 'not a plain directory';
    }
}
/**
 * The entries of `dir` with their types as lstat sees them (a link is a link, never what it
 * points to); empty when `dir` is missing, unreadable or not a real directory (`plainDirState`).
 */
async function listPlainDir(dir) {
    if ((await plainDirState(dir)) !== 'directory')
        return [];
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
/**
 * Removes the entry `entry` of `dir` (from `listPlainDir`) without following a link: anything but
 * a directory is unlinked; a real directory is removed with everything in it by Node's recursive
 * rm, which lstat-checks every entry below and unlinks links instead of entering them. The
 * entry's type is checked again first (it was listed earlier): one that became a link meanwhile
 * is unlinked, not entered.
 */
async function removeEntry(dir, entry) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name);
    if (entry.isDirectory() && (await plainDirState(path)) === 'directory') {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
        return;
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).catch((error) => {
        if (error.code === 'ENOENT')
            return;
        // EISDIR / EPERM: became a directory since it was listed; removed as one if still real.
        if (error.code === 'EISDIR' || error.code === 'EPERM')
            return removeDirIfPlain(path);
        throw error;
    });
}
async function removeDirIfPlain(path) {
    if ((await plainDirState(path)) === 'directory')
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
}
/**
 * Makes `path` a real directory again when something else took its place (a cache restore that
 * put a symbolic link there): that is renamed aside to `<path>.refused-<hex>` — kept, not deleted,
 * since nothing proves whose it is — and an empty directory made. Answers the aside name, or
 * undefined when `path` was a real directory or missing (then made).
 */
async function setAsideUnlessPlain(path) {
    const state = await plainDirState(path);
    let aside;
    if (state === 'not a plain directory') {
        aside = `${path}.refused-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(path, aside);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path, { recursive: true });
    return aside;
}
/**
 * Makes `path` a real directory to write into: missing, it is made (with its parents); something
 * else in its place (a symbolic link a cache restore put there, a file, a FIFO…) is unlinked —
 * the name only, never what a link points to (a name lstat says is not a directory is never a
 * directory, so unlink(2) applies) — and `warn` told, before a fresh directory is made. Writing
 * through such a name would put the writer's files wherever the link points.
 */
async function ensurePlainDir(path, warn) {
    if ((await plainDirState(path)) === 'not a plain directory') {
        const removed = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).then(() => true, (error) => {
            if (error.code === 'ENOENT')
                return false;
            // EISDIR / EPERM: a real directory took its place meanwhile; it is used as it is.
            if (error.code === 'EISDIR' || error.code === 'EPERM')
                return false;
            throw error;
        });
        if (removed)
            warn(`${path} was not a plain directory (a symbolic link from a cache entry?): removed, a fresh one made`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path, { recursive: true });
}


/***/ }),

/***/ 4049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ writeAll)
/* harmony export */ });
/** `writev` until every byte of `chunks` is written (a short write continues where it stopped). */
async function writeAll(handle, chunks, position) {
    let rest = chunks;
    let at = position;
    while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest, at);
        if (bytesWritten === 0)
            throw new Error('the file system accepted no bytes');
        if (at !== undefined)
            at += bytesWritten;
        let skip = bytesWritten;
        const next = [];
        for (const c of rest) {
            if (skip >= c.length) {
                skip -= c.length;
                continue;
            }
            next.push(skip > 0 ? c.subarray(skip) : c);
            skip = 0;
        }
        rest = next;
    }
}


/***/ })

};
