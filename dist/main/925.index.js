export const id = 925;
export const ids = [925];
export const modules = {

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


/***/ })

};
