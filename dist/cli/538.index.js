export const id = 538;
export const ids = [538];
export const modules = {

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

/***/ 6538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FlowInputError: () => (/* reexport safe */ _flow_errors_js__WEBPACK_IMPORTED_MODULE_23__.r),
/* harmony export */   UnsatisfiableError: () => (/* reexport safe */ _flow_errors_js__WEBPACK_IMPORTED_MODULE_23__.j),
/* harmony export */   describeFailure: () => (/* binding */ describeFailure)
/* harmony export */ });
/* harmony import */ var _build_build_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3271);
/* harmony import */ var _download_download_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9786);
/* harmony import */ var _install_install_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1612);
/* harmony import */ var _install_repair_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(862);
/* harmony import */ var _install_wheel_install_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(433);
/* harmony import */ var _install_interpreter_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2237);
/* harmony import */ var _index_distribution_problem_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6502);
/* harmony import */ var _index_http_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8428);
/* harmony import */ var _index_project_page_error_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(778);
/* harmony import */ var _index_redact_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6527);
/* harmony import */ var _provider_file_hashes_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(104);
/* harmony import */ var _provider_hash_pins_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4574);
/* harmony import */ var _provider_project_inputs_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(2214);
/* harmony import */ var _provider_require_hashes_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(8107);
/* harmony import */ var _provider_requirement_inputs_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(5123);
/* harmony import */ var _index_index_client_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(5552);
/* harmony import */ var _provider_toml_file_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(9392);
/* harmony import */ var _standards_lock_files_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(6241);
/* harmony import */ var _standards_pyproject_js__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(7826);
/* harmony import */ var _util_bounded_read_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(4282);
/* harmony import */ var _standards_requirements_file_problem_js__WEBPACK_IMPORTED_MODULE_20__ = __webpack_require__(4365);
/* harmony import */ var _util_log_text_js__WEBPACK_IMPORTED_MODULE_24__ = __webpack_require__(1392);
/* harmony import */ var _install_interpreter_js__WEBPACK_IMPORTED_MODULE_21__ = __webpack_require__(1340);
/* harmony import */ var _pip_install_js__WEBPACK_IMPORTED_MODULE_22__ = __webpack_require__(7511);
/* harmony import */ var _flow_errors_js__WEBPACK_IMPORTED_MODULE_23__ = __webpack_require__(6016);
/**
 * What a failed fetch, resolve or install tells the user, for both shells: an exit code (1 = no
 * resolution exists, 2 = bad input, an unreachable index / failed download, or a failed install),
 * one redacted message, and the requirement-file locations involved (the action turns them into
 * annotations at file:line).
 */


























/** `path:line: message` lines (RequirementInputError's format) → locations. */
function locationsOfLines(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const m = /^(.+?):(\d+)(?::(\d+))?: (.*)$/.exec(line);
        if (m === null)
            continue;
        out.push({
            file: m[1],
            line: Number(m[2]),
            ...(m[3] !== undefined ? { column: Number(m[3]) } : {}),
            message: m[4],
        });
    }
    return out;
}
function describeFailure(error) {
    const message = (0,_util_log_text_js__WEBPACK_IMPORTED_MODULE_24__/* .escapeLogText */ .d)((0,_index_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .redactText */ .Rd)(error instanceof Error ? error.message : String(error)));
    if (error instanceof _flow_errors_js__WEBPACK_IMPORTED_MODULE_23__/* .UnsatisfiableError */ .j) {
        return { exitCode: 1, kind: 'unsatisfiable', message, locations: [] };
    }
    if (error instanceof _standards_requirements_file_problem_js__WEBPACK_IMPORTED_MODULE_20__/* .RequirementsFileError */ .N9) {
        return {
            exitCode: 2,
            kind: 'input',
            message,
            locations: error.problems
                .filter((p) => p.line > 0)
                .map((p) => ({
                file: p.file,
                line: p.line,
                column: p.column,
                message: (0,_util_log_text_js__WEBPACK_IMPORTED_MODULE_24__/* .escapeLogText */ .d)((0,_index_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .redactText */ .Rd)(`${p.message}: ${p.text}`)),
            })),
        };
    }
    if (error instanceof _provider_requirement_inputs_js__WEBPACK_IMPORTED_MODULE_14__/* .RequirementInputError */ .sQ) {
        return { exitCode: 2, kind: 'input', message, locations: locationsOfLines(message) };
    }
    if (error instanceof _standards_pyproject_js__WEBPACK_IMPORTED_MODULE_18__/* .PyprojectError */ .HG ||
        error instanceof _provider_toml_file_js__WEBPACK_IMPORTED_MODULE_16__/* .TomlFileError */ .B5 ||
        error instanceof _provider_project_inputs_js__WEBPACK_IMPORTED_MODULE_12__/* .LocalProjectError */ .de ||
        error instanceof _standards_lock_files_js__WEBPACK_IMPORTED_MODULE_17__/* .LockFileError */ .U0 ||
        error instanceof _util_bounded_read_js__WEBPACK_IMPORTED_MODULE_19__/* .InputTooLargeError */ .uA ||
        error instanceof _index_index_client_js__WEBPACK_IMPORTED_MODULE_15__/* .ProjectLookupLimitError */ .v6) {
        return { exitCode: 2, kind: 'input', message, locations: locationsOfLines(message) };
    }
    if (error instanceof _provider_require_hashes_js__WEBPACK_IMPORTED_MODULE_13__/* .RequireHashesError */ .g6) {
        const locations = locationsOfLines(message);
        return { exitCode: 2, kind: 'input', message, locations };
    }
    if (error instanceof _flow_errors_js__WEBPACK_IMPORTED_MODULE_23__/* .FlowInputError */ .r) {
        return {
            exitCode: 2,
            kind: 'input',
            message,
            locations: error.locations.map((l) => ({ ...l, message: (0,_util_log_text_js__WEBPACK_IMPORTED_MODULE_24__/* .escapeLogText */ .d)((0,_index_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .redactText */ .Rd)(l.message)) })),
        };
    }
    if (error instanceof _index_http_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .NetworkError */ .D || error instanceof _index_http_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .HttpError */ .j || error instanceof _index_project_page_error_js__WEBPACK_IMPORTED_MODULE_8__/* .ProjectPageError */ .H) {
        return { exitCode: 2, kind: 'network', message, locations: [] };
    }
    if (error instanceof _download_download_error_js__WEBPACK_IMPORTED_MODULE_1__/* .DownloadFailures */ .Ei ||
        error instanceof _download_download_error_js__WEBPACK_IMPORTED_MODULE_1__/* .DownloadError */ .nV ||
        error instanceof _provider_file_hashes_js__WEBPACK_IMPORTED_MODULE_10__/* .FileHashError */ .$c ||
        error instanceof _provider_hash_pins_js__WEBPACK_IMPORTED_MODULE_11__/* .HashPinMismatchError */ .y5 ||
        // A broken file on the index that no other candidate could replace: its problem, not ours.
        (0,_index_distribution_problem_js__WEBPACK_IMPORTED_MODULE_6__/* .isDistributionProblem */ .u)(error)) {
        return { exitCode: 2, kind: 'download', message, locations: [] };
    }
    // The target environment cannot be installed into (not writable, externally managed, no such
    // interpreter, an interrupted install that cannot be undone): the user's to fix, reported
    // before anything was changed.
    if (error instanceof _install_install_target_js__WEBPACK_IMPORTED_MODULE_2__/* .InstallTargetError */ .J ||
        error instanceof _install_repair_js__WEBPACK_IMPORTED_MODULE_3__/* .RepairError */ .kc ||
        error instanceof _install_interpreter_js__WEBPACK_IMPORTED_MODULE_21__.InstallInterpreterError ||
        error instanceof _install_interpreter_js__WEBPACK_IMPORTED_MODULE_5__/* .InterpreterProbeError */ .x) {
        return { exitCode: 2, kind: 'input', message, locations: [] };
    }
    // A wheel that cannot be installed (bad archive, RECORD mismatch, disk full) or pip failing.
    if (error instanceof _install_wheel_install_error_js__WEBPACK_IMPORTED_MODULE_4__/* .WheelInstallError */ .x || error instanceof _pip_install_js__WEBPACK_IMPORTED_MODULE_22__/* .PipInstallError */ .ps) {
        return { exitCode: 2, kind: 'install', message, locations: [] };
    }
    if (error instanceof _build_build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K) {
        // A build that failed (the message ends with its log) or cannot run for this target.
        return { exitCode: 2, kind: 'build', message, locations: [] };
    }
    const name = error instanceof Error ? error.name : 'Error';
    if (/InvalidTarget|TargetDetection|FinderOptions|CacheKey|InvalidRequirement/.test(name)) {
        return { exitCode: 2, kind: 'input', message, locations: [] };
    }
    return { exitCode: 2, kind: 'internal', message, locations: [] };
}


/***/ }),

/***/ 6502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ isDistributionProblem)
/* harmony export */ });
/* harmony import */ var _metadata_fetch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4578);
/* harmony import */ var _metadata_identity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5654);
/* harmony import */ var _remote_zip_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(255);
/* harmony import */ var _sdist_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8395);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8428);
/* harmony import */ var _transfer_limits_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9914);
/* harmony import */ var _zip_directory_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7033);
/**
 * Which errors are problems of one distribution file on an index, not of wheelhouse or the network:
 * a broken archive (truncated, CRC mismatch, unsupported compression, not a ZIP), METADATA naming
 * another project or version, two METADATA files, a `.metadata` whose sha256 differs from what the
 * index declares, an sdist whose PKG-INFO cannot be read, a member or metadata file over its size
 * limit (a `.metadata` body, a range answer, a central directory, a tar header — also when the HTTP
 * client stopped the body: NetworkError with the body-limit code). pip treats such a file as a bad link and moves on to the next candidate; so does the
 * resolver (src/provider/project-universe.ts). Each error's message already names the redacted URL
 * (or file name) and the reason. Not here: a whole download whose bytes differ from the declared
 * sha256 or size — pip stops with a hash error there, and so does wheelhouse (exit 2) — nor a
 * host that is too slow or past its deadline (NetworkError ETOOSLOW/EDEADLINE): that is the
 * host's problem, not the file's, and every other file of that host would fare the same.
 */







function isDistributionProblem(error) {
    return (error instanceof _zip_directory_js__WEBPACK_IMPORTED_MODULE_6__/* .ZipFormatError */ .PA ||
        error instanceof _remote_zip_js__WEBPACK_IMPORTED_MODULE_2__/* .WheelMetadataError */ .$t ||
        error instanceof _metadata_identity_js__WEBPACK_IMPORTED_MODULE_1__/* .MetadataMismatchError */ ._$ ||
        error instanceof _metadata_fetch_js__WEBPACK_IMPORTED_MODULE_0__.MetadataHashMismatchError ||
        error instanceof _sdist_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .SdistFormatError */ .hQ ||
        ((error instanceof _transfer_limits_js__WEBPACK_IMPORTED_MODULE_5__/* .TransferLimitError */ .lC || error instanceof _http_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .NetworkError */ .D) &&
            error.code === _transfer_limits_js__WEBPACK_IMPORTED_MODULE_5__/* .LIMIT_CODES */ .di.tooLarge));
}


/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ FileHashError),
/* harmony export */   qX: () => (/* binding */ hashUnhashedFiles)
/* harmony export */ });
/* unused harmony export DEFAULT_HASH_CONCURRENCY */
/* harmony import */ var _util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5918);

/** A chosen file without a declared sha256 could not be downloaded to compute one. */
class FileHashError extends Error {
    filename;
    url;
    reason;
    constructor(filename, 
    /** Redacted URL. */
    url, reason) {
        super(`${filename}: its source gives no sha256, and downloading ${url} to compute one failed: ${reason}`);
        this.filename = filename;
        this.url = url;
        this.reason = reason;
        this.name = 'FileHashError';
    }
}
/** Chosen files hashed at once by default (downloads; the HTTP client also bounds each host). */
const DEFAULT_HASH_CONCURRENCY = 8;
/**
 * The digest of each of `files` (which lack a declared sha256), keyed by the file, computed by
 * `hasher` with at most `concurrency` downloads at once. Without a hasher, or when a download
 * fails, throws FileHashError naming the file and its redacted URL.
 */
async function hashUnhashedFiles(files, hasher, concurrency = DEFAULT_HASH_CONCURRENCY) {
    const out = new Map();
    const first = files[0];
    if (first === undefined)
        return out;
    if (hasher === undefined) {
        throw new FileHashError(first.filename, first.redactedUrl, 'no downloader was given to this resolution');
    }
    await (0,_util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_0__/* .runLimited */ .Oe)(files, concurrency, async (file) => {
        try {
            const digest = await hasher.wholeFile(file);
            out.set(file, { sha256: digest.sha256.toLowerCase(), size: digest.size });
        }
        catch (error) {
            throw new FileHashError(file.filename, file.redactedUrl, error instanceof Error ? error.message : String(error));
        }
    });
    return out;
}


/***/ }),

/***/ 6241:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ks: () => (/* binding */ chooseLockedFile),
/* harmony export */   M8: () => (/* binding */ filenameOfUrl),
/* harmony export */   U0: () => (/* binding */ LockFileError)
/* harmony export */ });
/* harmony import */ var _filenames_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1728);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6377);
/**
 * What uv.lock (uv-lock.ts) and pylock.toml (pylock.ts, PEP 751) have in common once a lock's
 * packages are selected for one target: each selected package is either a file to fetch (with the
 * lock's hashes and size) or a local project to install from its path; and the one best file per
 * package is chosen the way pip's finder ranks a version's files — the wheel whose best tag comes
 * first in the target's supported-tag order (PEP 425, tags.ts rankWheel), else the sdist.
 */


class LockFileError extends Error {
    file;
    constructor(file, message) {
        super(`${file}: ${message}`);
        this.file = file;
        this.name = 'LockFileError';
    }
}
/** The last path segment of a URL, percent-decoded (a file's name). */
function filenameOfUrl(url) {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
/**
 * The best file of one locked version for the target, or the reason there is none (shown in the
 * error naming the package).
 */
function chooseLockedFile(name, wheels, sdist, rules) {
    let best;
    if (rules.mayUseWheel(name)) {
        for (const w of wheels) {
            let rank;
            try {
                rank = (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .rankWheel */ .g_)((0,_filenames_js__WEBPACK_IMPORTED_MODULE_0__/* .parseWheelFilename */ .eP)(w.filename).tags, rules.tagPriority);
            }
            catch (error) {
                if (error instanceof _filenames_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidFilenameError */ .di)
                    continue;
                throw error;
            }
            if (rank === undefined)
                continue;
            if (best === undefined || rank < best.rank)
                best = { file: w, rank };
        }
    }
    if (best !== undefined)
        return { file: best.file };
    if (sdist !== undefined && rules.mayUseSdist(name))
        return { file: sdist };
    const parts = [
        wheels.length === 0
            ? 'no wheels'
            : rules.mayUseWheel(name)
                ? `${wheels.length} wheel(s), none for the target`
                : `${wheels.length} wheel(s), but --no-binary forbids wheels`,
        sdist === undefined
            ? 'no sdist'
            : rules.mayUseSdist(name)
                ? 'an sdist'
                : 'an sdist, which only-binary forbids (it would need a build)',
    ];
    return { reason: parts.join(' and ') };
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
