export const id = 889;
export const ids = [889];
export const modules = {

/***/ 7889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cliS3Settings: () => (/* binding */ cliS3Settings)
/* harmony export */ });
/* harmony import */ var _cache_s3_s3_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7945);
/* harmony import */ var _flow_flow_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6016);
/**
 * The S3 store's settings in the CLI: `--s3-*` options, else `WHEELHOUSE_S3_*` variables
 * (credentials only from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN).
 */


const SHOWN = {
    bucket: '--s3-bucket / WHEELHOUSE_S3_BUCKET',
    prefix: '--s3-prefix / WHEELHOUSE_S3_PREFIX',
    endpoint: '--s3-endpoint / WHEELHOUSE_S3_ENDPOINT',
    region: '--s3-region / WHEELHOUSE_S3_REGION',
    forcePathStyle: '--s3-force-path-style / WHEELHOUSE_S3_FORCE_PATH_STYLE',
};
function cliS3Settings(given, env) {
    const fromEnv = (name) => env[`WHEELHOUSE_S3_${name}`] || undefined;
    const text = {
        bucket: given.bucket ?? fromEnv('BUCKET'),
        prefix: given.prefix ?? fromEnv('PREFIX'),
        endpoint: given.endpoint ?? fromEnv('ENDPOINT'),
        region: given.region ?? fromEnv('REGION'),
        forcePathStyle: given.forcePathStyle ?? fromEnv('FORCE_PATH_STYLE'),
    };
    const parsed = (0,_cache_s3_s3_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .parseS3Settings */ .p)(text, env, (field) => SHOWN[field]);
    if (parsed.settings === undefined)
        throw new _flow_flow_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FlowInputError */ .r(parsed.problems.join('; '));
    return parsed.settings;
}


/***/ })

};
