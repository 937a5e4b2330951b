export const id = 925;
export const ids = [925];
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

/***/ 7925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   withPreparedMetadata: () => (/* binding */ withPreparedMetadata)
/* harmony export */ });
/* harmony import */ var _build_built_wheel_store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5270);
/* harmony import */ var _build_build_sdists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3179);
/* harmony import */ var _build_build_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6360);
/* harmony import */ var _build_prepare_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5505);
/* harmony import */ var _index_metadata_identity_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5654);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1728);
/* harmony import */ var _standards_metadata_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5970);
/**
 * The resolver's metadata source with sdists that need a build (PKG-INFO before Metadata 2.2, or
 * Requires-Dist listed as Dynamic, PEP 643) answered by the target interpreter's pip as the PEP 517
 * frontend (src/build/prepare-metadata.ts) instead of being unusable. The answer is cached in the
 * metadata cache under the build key of (sdist sha256, interpreter tag, platform) — what a build
 * depends on — so a warm run neither downloads the sdist nor runs pip. Files the fetcher answers
 * (wheels, static PKG-INFO) pass through unchanged.
 */







function withPreparedMetadata(o) {
    const inFlight = new Map();
    async function prepare(file, reason) {
        const named = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_5__/* .parseSdistFilename */ .sF)(file.filename, file.project);
        const sha256 = file.hashes.sha256?.toLowerCase() ?? (await o.files.wholeFile(file)).sha256;
        const pipOptions = o.build.pipOptions(named.name);
        const key = (0,_build_built_wheel_store_js__WEBPACK_IMPORTED_MODULE_0__/* .buildKeyDigest */ .WL)((0,_build_build_sdists_js__WEBPACK_IMPORTED_MODULE_1__/* .buildKeyOf */ .L)(sha256, o.build.target, pipOptions));
        const hit = await o.cache?.get(key);
        if (hit?.kind === 'metadata') {
            return {
                kind: 'metadata',
                metadata: hit.metadata,
                path: 'cache',
                parsed: (0,_standards_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .parseMetadata */ .jR)(hit.metadata).metadata,
            };
        }
        const interpreter = (0,_build_build_target_js__WEBPACK_IMPORTED_MODULE_2__/* .checkBuildInterpreter */ .jz)(file.filename, await o.build.interpreter(), o.build.target);
        const whole = await o.files.wholeFile(file);
        o.logger.info(`${file.filename}: ${reason}; asking ${interpreter.command} -m pip for its metadata`);
        const prepared = await o.build.limit(() => (0,_build_prepare_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .prepareMetadata */ .jt)(o.build.frontend(interpreter), whole.path, { label: file.filename, pipOptions }));
        const parsed = (0,_standards_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .parseMetadata */ .jR)(prepared.metadata).metadata;
        (0,_index_metadata_identity_js__WEBPACK_IMPORTED_MODULE_4__/* .checkMetadataIdentity */ .AP)(parsed, named.name, named.version, file.redactedUrl);
        await o.cache?.put(key, { kind: 'metadata', metadata: prepared.metadata });
        return { kind: 'metadata', metadata: prepared.metadata, path: 'prepared', parsed };
    }
    return {
        async fetchMetadata(file) {
            const outcome = await o.source.fetchMetadata(file);
            if (outcome.kind !== 'needs-build' || file.filename.endsWith('.whl'))
                return outcome;
            const key = `${file.filename}\0${file.hashes.sha256 ?? file.url}`;
            let p = inFlight.get(key);
            if (p === undefined) {
                p = prepare(file, outcome.reason);
                inFlight.set(key, p);
                p.catch(() => inFlight.delete(key));
            }
            return p;
        },
    };
}


/***/ }),

/***/ 5654:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ checkMetadataIdentity),
/* harmony export */   SF: () => (/* binding */ readMetadataIdentity),
/* harmony export */   _$: () => (/* binding */ MetadataMismatchError),
/* harmony export */   a3: () => (/* binding */ metadataVersionParts),
/* harmony export */   wG: () => (/* binding */ metadataIdentity)
/* harmony export */ });
/* harmony import */ var _standards_metadata_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5970);
/* harmony import */ var _standards_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2830);
/* harmony import */ var _standards_version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7174);
/**
 * The few core metadata fields the index layer itself needs — Metadata-Version, Name, Version and
 * Dynamic (PEP 643) — taken from a `CoreMetadata` parsed once by `parseMetadata`
 * (src/standards/metadata.ts): the fetcher parses each file once and hands the parse on.
 *
 * Also the identity check: metadata must name the project (PEP 503 normalized) and the version
 * (PEP 440 equality) that the file name says.
 */



class MetadataMismatchError extends Error {
    url;
    field;
    expected;
    found;
    constructor(
    /** Redacted URL of the file. */
    url, field, expected, found) {
        super(`${url}: metadata ${field} is ${found === undefined ? 'missing' : JSON.stringify(found)}, but the file name says ${JSON.stringify(expected)}`);
        this.url = url;
        this.field = field;
        this.expected = expected;
        this.found = found;
        this.name = 'MetadataMismatchError';
    }
}
/** Header fields of parsed metadata (problems are the resolver's business, not ours). */
function metadataIdentity(metadata) {
    const identity = { dynamic: metadata.dynamic };
    if (metadata.metadataVersion !== '')
        identity.metadataVersion = metadata.metadataVersion;
    if (metadata.name !== '')
        identity.name = metadata.name;
    if (metadata.version !== '')
        identity.version = metadata.version;
    return identity;
}
/** Header fields of a metadata file, parsed here (for callers holding only the bytes). */
function readMetadataIdentity(bytes) {
    return metadataIdentity((0,_standards_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMetadata */ .jR)(bytes).metadata);
}
/** Throws MetadataMismatchError unless the metadata names `name` and `version`. */
function checkMetadataIdentity(metadata, name, version, url) {
    const identity = metadataIdentity(metadata);
    if (identity.name === undefined || (0,_standards_names_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(identity.name) !== (0,_standards_names_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(name)) {
        throw new MetadataMismatchError(url, 'Name', name, identity.name);
    }
    if (identity.version === undefined || !sameVersion(identity.version, version)) {
        throw new MetadataMismatchError(url, 'Version', version, identity.version);
    }
    return identity;
}
function sameVersion(a, b) {
    const va = _standards_version_js__WEBPACK_IMPORTED_MODULE_2__/* .Version */ .Rx.tryParse(a);
    const vb = _standards_version_js__WEBPACK_IMPORTED_MODULE_2__/* .Version */ .Rx.tryParse(b);
    if (va !== null && vb !== null)
        return va.equals(vb);
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}
/** Metadata-Version as [major, minor], or undefined when unparseable. */
function metadataVersionParts(value) {
    const m = /^\s*(\d+)\.(\d+)\s*$/.exec(value ?? '');
    return m === null ? undefined : [Number(m[1]), Number(m[2])];
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


/***/ })

};
