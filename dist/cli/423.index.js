export const id = 423;
export const ids = [423];
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

/***/ 8423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   savePlanOf: () => (/* binding */ savePlanOf),
/* harmony export */   saveWheelhouse: () => (/* binding */ saveWheelhouse),
/* harmony export */   saveWheelhouseAgain: () => (/* binding */ saveWheelhouseAgain)
/* harmony export */ });
/* unused harmony export pruneWheelhouse */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cache_backend_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6270);
/* harmony import */ var _cache_file_stamps_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4359);
/* harmony import */ var _cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5395);
/* harmony import */ var _util_dir_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8731);
/* harmony import */ var _wheelhouse_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5737);
/**
 * The end of a run (the action's post step; the CLI calls it right after the fetch): remove
 * wheelhouse's leftover temporary files from the wheelhouse, then save the cache entry
 * under the resolution key unless exactly that entry was restored. Never throws: a cache failure is
 * a warning (the backend logs it), a pruning failure too.
 */







/** The plan of a finished fetch: its key, whether that entry was restored, and what to keep. */
function savePlanOf(result) {
    return {
        key: result.key.key,
        cacheHit: result.cacheHit,
        cachePaths: result.cachePaths,
        files: result.resolution.packages.map((p) => p.file.filename),
        foreign: result.foreign,
        ...(result.stampStore !== undefined ? { stampStore: result.stampStore } : {}),
    };
}
/**
 * Before saving: delete wheelhouse's own temporary files (`.<name>.<hex>.part|tmp`, left by an
 * interrupted write) from `dir`. Any other file outside `files` and the outputs was not written by
 * wheelhouse (the main step already removed what it owned and did not need: fetch.ts), so it is
 * left alone and named in a warning (wheelhouse-files.ts); `foreign` ones were reported already.
 */
async function pruneWheelhouse(dir, files, logger, foreign = []) {
    const keep = new Set([...files, ..._wheelhouse_files_js__WEBPACK_IMPORTED_MODULE_5__/* .WHEELHOUSE_OUTPUTS */ .HX, _wheelhouse_files_js__WEBPACK_IMPORTED_MODULE_5__/* .RUN_LOCK_FILENAME */ .Ck, ...foreign]);
    const pruned = [];
    const left = [];
    let entries;
    try {
        entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true });
    }
    catch (error) {
        logger.warn(`cannot read the wheelhouse ${dir} to prune it: ${(0,_cache_backend_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)}`);
        return pruned;
    }
    for (const entry of entries) {
        if (!entry.isFile() || keep.has(entry.name))
            continue;
        if (!(0,_wheelhouse_files_js__WEBPACK_IMPORTED_MODULE_5__/* .isOwnTempName */ .kQ)(entry.name)) {
            left.push(entry.name);
            continue;
        }
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, entry.name), { force: true });
            pruned.push(entry.name);
        }
        catch (error) {
            logger.warn(`cannot prune ${entry.name} from the wheelhouse: ${(0,_cache_backend_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)}`);
        }
    }
    if (pruned.length > 0)
        logger.debug(`pruned ${pruned.length} temporary file(s): ${pruned.join(', ')}`);
    if (left.length > 0)
        logger.warn(`the wheelhouse ${dir} holds ${left.length} file(s) wheelhouse did not write, left in place: ${left.join(', ')}`);
    return pruned;
}
async function saveWheelhouse(plan, backend, logger) {
    const wheelhouse = plan.cachePaths[0];
    const pruned = wheelhouse === undefined ? [] : await pruneWheelhouse(wheelhouse, plan.files, logger, plan.foreign);
    if (plan.cacheHit) {
        logger.info(`cache entry ${plan.key} was restored exactly: not saved again`);
        return { pruned, save: { saved: false, reason: 'exact cache hit' } };
    }
    try {
        const save = await backend.save(plan.cachePaths, plan.key);
        if (save.saved && wheelhouse !== undefined && plan.stampStore !== undefined)
            await restamp(plan.stampStore, wheelhouse, logger);
        return { pruned, save };
    }
    catch (error) {
        // Backends do not throw by contract; this guards the contract, it is not a second policy.
        const reason = (0,_cache_backend_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error);
        logger.warn(`cache ${plan.key} not saved: ${reason}`);
        return { pruned, save: { saved: false, reason } };
    }
}
/**
 * The local cache's save hard-links the wheelhouse's files into the entry and makes them
 * read-only, which changes their ctime: the stamps the run wrote (src/cache/file-stamps.ts) take
 * the new ctime for files whose inode, size and mtime did not change, so the next run does not
 * read every wheel again.
 */
async function restamp(store, wheelhouse, logger) {
    try {
        const stamps = new _cache_file_stamps_js__WEBPACK_IMPORTED_MODULE_2__/* .FileStamps */ .lb({ store });
        if ((await stamps.loadDir(wheelhouse)) === 0)
            return;
        if ((await stamps.adoptChangeTimes(wheelhouse)) > 0)
            await stamps.saveDir(wheelhouse, () => true);
    }
    catch (error) {
        logger.debug(`stamps not updated after the save: ${(0,_cache_backend_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)}`);
    }
}
/**
 * `saveWheelhouse` for a caller that no longer holds the wheelhouse (the CLI's install saves after
 * installing, when its fetch has let go of the directory): takes the run lock again, so no other
 * run is changing the directory (or writing `.part` files the pruning would delete), and saves
 * only while the wheelhouse still holds exactly this run's complete resolution — another run may
 * have filled it with its own meanwhile, which is that run's entry to save, not this key's.
 */
async function saveWheelhouseAgain(plan, backend, logger) {
    const wheelhouse = plan.cachePaths[0];
    if (wheelhouse === undefined || plan.cacheHit)
        return saveWheelhouse(plan, backend, logger);
    const release = await (0,_util_dir_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .acquireDirLock */ .N4)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(wheelhouse, _wheelhouse_files_js__WEBPACK_IMPORTED_MODULE_5__/* .RUN_LOCK_FILENAME */ .Ck), {
        onWait: (message) => logger.info(message),
        onWarn: (message) => logger.warn(message),
    });
    try {
        const manifest = await (0,_cache_wheelhouse_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .readManifest */ .WI)(wheelhouse).catch(() => undefined);
        const listed = manifest === undefined || manifest.complete === false ? [] : Object.keys(manifest.files);
        const wanted = new Set(plan.files);
        if (listed.length !== wanted.size || listed.some((name) => !wanted.has(name))) {
            const reason = 'another run changed the wheelhouse after this one';
            logger.info(`cache ${plan.key} not saved: ${reason}`);
            return { pruned: [], save: { saved: false, reason } };
        }
        return await saveWheelhouse(plan, backend, logger);
    }
    finally {
        await release();
    }
}


/***/ })

};
