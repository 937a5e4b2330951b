export const id = 104;
export const ids = [104];
export const modules = {

/***/ 2104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   defaultInstallWheelhouse: () => (/* binding */ defaultInstallWheelhouse),
/* harmony export */   runInstallFlow: () => (/* binding */ runInstallFlow)
/* harmony export */ });
/* unused harmony export directUrlOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _install_installer_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2250);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6538);
/* harmony import */ var _fetch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2177);
/* harmony import */ var _install_interpreter_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1340);
/* harmony import */ var _pip_install_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7511);
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
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(interpreter.prefix).digest('hex').slice(0, 16);
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, 'wheelhouses', digest);
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
            throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FlowInputError */ .r8(`the target Python is ${wanted}, but the interpreter to install into (${interpreter.executable}) is Python ${interpreter.version}: leave the Python version to the interpreter, or install into a Python ${minor(wanted)}`);
        }
    }
    const impl = fetchTarget.implementation;
    if (impl !== undefined && impl !== interpreter.implementation) {
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FlowInputError */ .r8(`the target implementation is ${impl}, but ${interpreter.executable} is ${interpreter.implementation}`);
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
        findPython: () => Promise.resolve((0,_install_interpreter_js__WEBPACK_IMPORTED_MODULE_5__.pythonInfoOf)(interpreter)),
    };
    const where = `${interpreter.executable} (Python ${interpreter.version}${interpreter.isVirtualEnv ? ', virtual environment' : ''})`;
    if (kind === 'pip') {
        const fetched = await (0,_fetch_js__WEBPACK_IMPORTED_MODULE_4__.runFetch)(fetchOptions);
        o.logger.info(`installing with pip into ${where}`);
        const start = performance.now();
        const installed = await (0,_pip_install_js__WEBPACK_IMPORTED_MODULE_6__/* .runPipInstall */ .i$)(interpreter.executable, fetched.wheelhouse, fetched.lockFile, {
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
    const installer = await (0,_install_installer_js__WEBPACK_IMPORTED_MODULE_2__/* .openInstaller */ .P8)({
        interpreter,
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
        fetched = await (0,_fetch_js__WEBPACK_IMPORTED_MODULE_4__.runFetch)({ ...fetchOptions, onWheelReady });
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
