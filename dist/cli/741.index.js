export const id = 741;
export const ids = [741,889];
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


/***/ }),

/***/ 8741:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  storeCommand: () => (/* binding */ storeCommand)
});

// EXTERNAL MODULE: ./src/cache/s3/s3-settings.ts
var s3_settings = __webpack_require__(7945);
// EXTERNAL MODULE: ./src/cache/s3-store.ts + 20 modules
var s3_store = __webpack_require__(2567);
;// CONCATENATED MODULE: ./src/cache/s3/s3-prune.ts
const MAX_PAGES = 1000;
/** What protects objects from the sweep. */
const ROOTS = ['entries/', 'built/'];
async function pruneStore(store, options) {
    const now = options.now ?? Date.now();
    const cutoff = now - options.olderThanDays * 24 * 60 * 60 * 1000;
    const grace = now - (options.graceMs ?? 24 * 60 * 60 * 1000);
    const result = {
        entriesDeleted: 0,
        entriesKept: 0,
        builtDeleted: 0,
        builtKept: 0,
        objectsDeleted: 0,
        bytesDeleted: 0,
        objectsKept: 0,
    };
    const marked = new Set();
    const seen = new Map();
    const mark = async (key, area) => {
        const digests = area === 'entries/'
            ? await store.entryDigests(key)
            : await store.builtWheels.recordDigest(key).then((d) => (d === undefined ? undefined : [d]));
        if (digests === undefined) {
            options.logger.warn(`${area === 'entries/' ? 'entry' : 'built-wheel record'} ${key} is unreadable: kept, and it protects no object`);
            return;
        }
        for (const d of digests)
            marked.add(d);
    };
    const count = (area, what) => {
        result[`${area === 'entries/' ? 'entries' : 'built'}${what}`]++;
    };
    for (const area of ROOTS)
        for (const entry of await store.listAll(store.prefixed(area), MAX_PAGES)) {
            seen.set(entry.key, entry.lastModified);
            if (entry.lastModified < cutoff) {
                if (!options.dryRun)
                    await store.client.delete(entry.key);
                count(area, 'Deleted');
                options.logger.info(`${options.dryRun ? 'would delete' : 'deleted'} ${entry.key}`);
                continue;
            }
            count(area, 'Kept');
            await mark(entry.key, area);
        }
    await options.afterMark?.();
    const objects = [];
    for (const area of ['wheels/', 'blobs/'])
        objects.push(...(await store.listAll(store.prefixed(area), MAX_PAGES)));
    // Entries and records saved while this prune was marking name objects too (see the race above).
    for (const area of ROOTS)
        for (const entry of await store.listAll(store.prefixed(area), MAX_PAGES)) {
            const before = seen.get(entry.key);
            if (before === entry.lastModified || entry.lastModified < cutoff)
                continue;
            if (before === undefined)
                count(area, 'Kept');
            await mark(entry.key, area);
        }
    for (const object of objects) {
        const digest = object.key.split('/').pop() ?? '';
        if (marked.has(digest) || object.lastModified >= grace) {
            result.objectsKept++;
            continue;
        }
        if (!options.dryRun)
            await store.client.delete(object.key);
        result.objectsDeleted++;
        result.bytesDeleted += object.size;
    }
    return result;
}

// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/cli/s3-options.ts
var s3_options = __webpack_require__(7889);
// EXTERNAL MODULE: ./src/cli/stderr-logger.ts
var stderr_logger = __webpack_require__(6417);
;// CONCATENATED MODULE: ./src/cli/store-command.ts
/**
 * `wheelhouse store prune --older-than DAYS [--grace-hours H] [--dry-run] [--s3-* …]`: retention
 * for the S3 wheel store (src/cache/s3/s3-prune.ts). Unlike a run's cache use, a failure here is
 * the command's own failure: exit 2 with the message (redacted), never a silent success.
 */






const HELP = 'Usage: wheelhouse store prune --older-than DAYS [--grace-hours H] [--dry-run] [S3 options]\n\n' +
    'Deletes entries of the S3 wheel store last written more than DAYS days ago, then every stored\n' +
    'object no remaining entry names that is older than the grace period (default 24 hours: saves in\n' +
    'progress upload objects before their entry). Safe while runners restore: a missing object is a\n' +
    'warning for them and the wheel comes from the index.\n\n' +
    'S3 options (default: the WHEELHOUSE_S3_* variables; credentials only from AWS_ACCESS_KEY_ID,\n' +
    'AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN):\n' +
    '  --s3-bucket NAME  --s3-prefix PREFIX  --s3-endpoint URL  --s3-region REGION  --s3-force-path-style\n';
const VALUED = new Set([
    '--older-than',
    '--grace-hours',
    '--s3-bucket',
    '--s3-prefix',
    '--s3-endpoint',
    '--s3-region',
]);
async function storeCommand(argv, io) {
    const fail = (message) => {
        io.stderr.write(`wheelhouse store: ${(0,redact/* redactText */.Rd)(message)}\n(see wheelhouse store prune --help)\n`);
        return 2;
    };
    if (argv.includes('-h') || argv.includes('--help')) {
        io.stdout.write(HELP);
        return 0;
    }
    if (argv[0] !== 'prune')
        return fail(`unknown store command ${JSON.stringify(argv[0] ?? '')} (commands: prune)`);
    const values = new Map();
    const flags = new Set();
    for (let i = 1; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.indexOf('=');
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        if (VALUED.has(name)) {
            const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined)
                return fail(`${name} needs a value`);
            values.set(name, value);
        }
        else if (name === '--dry-run' || name === '--s3-force-path-style' || name === '--verbose')
            flags.add(name);
        else
            return fail(`unknown option ${JSON.stringify(arg)}`);
    }
    const days = Number(values.get('--older-than'));
    if (!values.has('--older-than') || !Number.isFinite(days) || days < 0)
        return fail('--older-than DAYS is required (a number of days, 0 or more)');
    const graceHours = values.has('--grace-hours') ? Number(values.get('--grace-hours')) : 24;
    if (!Number.isFinite(graceHours) || graceHours < 0)
        return fail('--grace-hours: expected a number of hours');
    const logger = new stderr_logger/* StderrLogger */.j(io.stderr, flags.has('--verbose') ? 'verbose' : 'normal');
    let store;
    try {
        const settings = (0,s3_options.cliS3Settings)({
            ...(values.has('--s3-bucket') ? { bucket: values.get('--s3-bucket') } : {}),
            ...(values.has('--s3-prefix') ? { prefix: values.get('--s3-prefix') } : {}),
            ...(values.has('--s3-endpoint') ? { endpoint: values.get('--s3-endpoint') } : {}),
            ...(values.has('--s3-region') ? { region: values.get('--s3-region') } : {}),
            ...(flags.has('--s3-force-path-style') ? { forcePathStyle: 'true' } : {}),
        }, io.env);
        const backend = (0,s3_settings.createS3Backend)(settings, io.env, logger);
        if (!(backend instanceof s3_store/* S3Store */.s))
            return fail('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment');
        store = backend;
        const r = await pruneStore(store, {
            olderThanDays: days,
            graceMs: graceHours * 3_600_000,
            logger,
            dryRun: flags.has('--dry-run'),
        });
        io.stdout.write(`${flags.has('--dry-run') ? 'would delete' : 'deleted'} ${r.entriesDeleted} entries (${r.entriesKept} kept) and ${r.objectsDeleted} objects, ${r.bytesDeleted} bytes (${r.objectsKept} kept); ${r.builtDeleted} built-wheel records (${r.builtKept} kept)\n`);
        return 0;
    }
    catch (error) {
        return fail(error.message);
    }
    finally {
        await store?.close();
    }
}


/***/ })

};
