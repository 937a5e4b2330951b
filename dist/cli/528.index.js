export const id = 528;
export const ids = [528];
export const modules = {

/***/ 3271:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ SdistBuildError)
/* harmony export */ });
/* harmony import */ var _index_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6527);
/**
 * The one error of the build layer: a source distribution (or local project) whose metadata could
 * not be prepared or whose wheel could not be built by the target interpreter's pip, or a build
 * that cannot run for the target. The message names the sdist and ends with the last lines of
 * pip's log, redacted (pip hides passwords itself; URLs are redacted once more here).
 */

class SdistBuildError extends Error {
    sdist;
    step;
    logTail;
    name = 'SdistBuildError';
    constructor(
    /** The sdist's file name (or the project directory as given). */
    sdist, step, message, 
    /** The end of pip's log, redacted ('' when pip did not run). */
    logTail = '') {
        const tail = (0,_index_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(logTail);
        super((0,_index_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(`${sdist}: ${message}`) + (tail === '' ? '' : `\n${indent(tail)}`));
        this.sdist = sdist;
        this.step = step;
        this.logTail = logTail;
        this.logTail = tail;
    }
}
function indent(text) {
    return text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
}


/***/ }),

/***/ 6360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AG: () => (/* binding */ parseBuildProbe),
/* harmony export */   UX: () => (/* binding */ runBuildProbe),
/* harmony export */   bt: () => (/* binding */ probeInterpreter),
/* harmony export */   fJ: () => (/* binding */ checkBuiltWheelTags),
/* harmony export */   jz: () => (/* binding */ checkBuildInterpreter)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1728);
/* harmony import */ var _build_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3271);
/**
 * Whether the interpreter that can build is the target (issue 11 §1): a build runs the backend under
 * the interpreter that executes it, so its wheel is for that interpreter. pip refuses to build for
 * another Python (`--python-version` requires `--only-binary :all:`); wheelhouse does the same, per
 * package, with an error that names the sdist:
 *
 *   - before a build: the interpreter's Python X.Y and implementation must be the target's;
 *   - after a build: one of the wheel's tags must be among the target's supported tags (a platform
 *     given explicitly that is not this machine's is caught here; a pure `py3-none-any` wheel fits).
 *
 * `probeInterpreter` asks the interpreter once for what the check and the build cache key need.
 */



const PROBE = [
    'import json, sys, sysconfig',
    'i = sys.implementation.name',
    'print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "impl": i, "platform": sysconfig.get_platform()}))',
].join('\n');
const IMPL = { cpython: 'cp', pypy: 'pp' };
const runBuildProbe = (command, args, env) => new Promise((resolve) => {
    (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(command, args, { timeout: 30_000, windowsHide: true, ...(env !== undefined ? { env } : {}) }, (error, stdout) => resolve(error ? undefined : String(stdout)));
});
/** The probe's answer read back, or undefined when it is not one. */
function parseBuildProbe(stdout, command) {
    try {
        const j = JSON.parse(stdout);
        const m = /^3\.(\d+)\.\d+$/.exec(j.version);
        if (m === null || typeof j.platform !== 'string')
            return undefined;
        const implementation = IMPL[j.impl] ?? j.impl;
        return {
            command,
            version: j.version,
            implementation,
            interpreterTag: `${implementation}3${m[1]}`,
            platform: j.platform,
        };
    }
    catch {
        return undefined;
    }
}
/**
 * Asks `command` for its version, implementation and platform; undefined when it cannot answer.
 * `run` runs the probe (default `runBuildProbe`; the flow passes one that keeps answers in the
 * probe cache, src/install/probe-cache.ts).
 */
async function probeInterpreter(command, env, run = runBuildProbe) {
    const stdout = await run(command, ['-c', PROBE], env);
    return stdout === undefined ? undefined : parseBuildProbe(stdout, command);
}
const IMPL_NAMES = { cp: 'CPython', pp: 'PyPy' };
function describe(i) {
    return `${IMPL_NAMES[i.implementation] ?? i.implementation} ${i.version} (${i.platform})`;
}
const ADVICE = 'builds run with the target interpreter: run on the target (e.g. after actions/setup-python with that version), or pass --only-binary :all: (action: only-binary) to use wheels only';
/** Throws unless `interpreter` may build `label` for `target` (Python X.Y and implementation). */
function checkBuildInterpreter(label, interpreter, target) {
    if (interpreter === undefined) {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_2__/* .SdistBuildError */ .K(label, 'target', `has to be built for ${target.summary}, but no python3/python on PATH can run the build; ${ADVICE}`);
    }
    const [major, minor] = target.pythonVersion.trim().split('.');
    const sameVersion = interpreter.version.split('.').slice(0, 2).join('.') === `${major}.${minor}`;
    if (!sameVersion || interpreter.implementation !== target.implementation) {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_2__/* .SdistBuildError */ .K(label, 'target', `has to be built for ${target.summary} (Python ${target.pythonVersion}), but the interpreter that can build is ${describe(interpreter)}; ${ADVICE}`);
    }
    return interpreter;
}
/** Throws unless one of the built wheel's tags is supported by the target. */
function checkBuiltWheelTags(label, wheel, filename, target) {
    if (wheel.tags.some((t) => target.tagPriority.has((0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .tagToString */ .lJ)(t))))
        return;
    throw new _build_error_js__WEBPACK_IMPORTED_MODULE_2__/* .SdistBuildError */ .K(label, 'target', `the build made ${filename}, which the target ${target.summary} cannot install (the machine that builds is not the target platform); ${ADVICE}`);
}


/***/ }),

/***/ 6494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NT: () => (/* binding */ pipBuildArgs),
/* harmony export */   "if": () => (/* binding */ buildWheel)
/* harmony export */ });
/* unused harmony export BUILD_TIMEOUT_MS */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1728);
/* harmony import */ var _standards_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7174);
/* harmony import */ var _build_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3271);
/* harmony import */ var _pip_frontend_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1262);
/**
 * One sdist built into a wheel by the target interpreter's pip (the PEP 517 frontend):
 *
 *   python -m pip wheel --no-deps [--config-settings=K=V …] [--global-option=X …] --wheel-dir <fresh dir> <sdist file>
 *
 * The options are the requirement line's own (`pkg --config-settings=K=V` in a requirements file):
 * pip 23.2 reads `--config-settings` and `--global-option` per requirement and hands them to that
 * requirement's build (the config settings to the PEP 517 hooks; global options to a legacy
 * `setup.py` build, pip warning that it ignores them for a PEP 517 one). Given on the command line of
 * a pip that builds only this sdist, they reach exactly that build, and pip decides what to do with
 * them as it would for the requirement.
 *
 * with the frontend's environment (the resolver's indexes for build isolation). `--no-deps`: the
 * resolver chose every other file; only this one is built. The wheel directory is fresh and private,
 * so the one `.whl` in it is the build's product; its name must parse and name the sdist's project
 * and version. pip's log is kept (its end) for the Actions group and for errors.
 */






const BUILD_TIMEOUT_MS = 30 * 60 * 1000;
/** A requirement's build options as pip arguments (the `=` form: a value may start with `-`). */
function pipBuildArgs(o) {
    return [
        ...o.configSettings.map((v) => `--config-settings=${v}`),
        ...o.globalOptions.map((v) => `--global-option=${v}`),
    ];
}
async function buildWheel(frontend, sdistPath, o) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(o.workDir, 'build-'));
    try {
        const timeoutMs = o.timeoutMs ?? BUILD_TIMEOUT_MS;
        const run = await (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_5__/* .runPip */ .lZ)(frontend, ['wheel', '--no-deps', ...(o.pipOptions ?? []), '--wheel-dir', dir, sdistPath], { timeoutMs });
        if (run.spawnError !== undefined) {
            throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `cannot run ${frontend.python} -m pip: ${run.spawnError}`);
        }
        // pip that exited 0 finished its work, even when the timer fired at that moment.
        if (run.timedOut && run.code !== 0) {
            throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `the build took longer than ${Math.round(timeoutMs / 1000)} s; stopped`, (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_5__/* .lastLines */ .w$)(run.log));
        }
        if (run.code !== 0) {
            throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `the build failed (${frontend.python} -m pip wheel exited with ${run.code})`, (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_5__/* .lastLines */ .w$)(run.log));
        }
        const wheels = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir)).filter((n) => n.endsWith('.whl'));
        if (wheels.length !== 1) {
            throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `pip wheel left ${wheels.length} wheels, expected one`, (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_5__/* .lastLines */ .w$)(run.log));
        }
        const filename = wheels[0];
        let parsed;
        try {
            parsed = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWheelFilename */ .eP)(filename);
        }
        catch (error) {
            if (error instanceof _standards_filenames_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidFilenameError */ .di) {
                throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `the build produced ${filename}: ${error.message}`);
            }
            throw error;
        }
        const sameVersion = _standards_version_js__WEBPACK_IMPORTED_MODULE_3__/* .Version */ .Rx.tryParse(parsed.version)?.equals(_standards_version_js__WEBPACK_IMPORTED_MODULE_3__/* .Version */ .Rx.parse(o.version)) ?? false;
        if (parsed.name !== o.project || !sameVersion) {
            throw new _build_error_js__WEBPACK_IMPORTED_MODULE_4__/* .SdistBuildError */ .K(o.label, 'wheel', `the build produced ${filename}, not a wheel of ${o.project} ${o.version}`);
        }
        return { path: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, filename), dir, filename, parsed, log: run.log };
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}


/***/ }),

/***/ 1262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lZ: () => (/* binding */ runPip),
/* harmony export */   w$: () => (/* binding */ lastLines)
/* harmony export */ });
/* unused harmony exports LOG_TAIL_BYTES, DRAIN_MS, DEFAULT_MAX_STDOUT */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _pip_processes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6133);
/**
 * The target interpreter's pip as the PEP 517 build frontend: how wheelhouse runs it.
 *
 * - The command is `<python> -m pip …` with the interpreter that will install the wheels, so build
 *   backends run under the target's Python and a built wheel is for the target, not for Node's host.
 * - Its environment (indexes, credentials, what is withheld from build backends) is frontend-env.ts's.
 * - Output is bounded: stdout (pip's `--report -`) up to `maxStdout` bytes, the log's last
 *   `LOG_TAIL_BYTES`; a run longer than its timeout is killed (with its process group on POSIX).
 * - A run ends when pip exits (plus at most DRAIN_MS to read its pipes to the end), not when its
 *   pipes close: a process a backend left behind holding them neither keeps the run waiting nor
 *   turns a finished build into a timeout. Whatever is left in pip's process group is killed then.
 * - A run that is interrupted (Ctrl-C, SIGTERM) ends every running pip with it (pip-processes.ts).
 */


/** How much of a pip run's log is kept (the end of it: where a failing build says why). */
const LOG_TAIL_BYTES = 256 * 1024;
/**
 * After pip exits, how long its output pipes may take to reach their end; a process that inherited
 * them and lives on (pip's own output is complete by then) is not waited for.
 */
const DRAIN_MS = 2000;
/** Default limit of pip's stdout when it is the product (a `--report -` JSON). */
const DEFAULT_MAX_STDOUT = 16 * 1024 * 1024;
class Tail {
    limit;
    chunks = [];
    size = 0;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
            this.size -= this.chunks.shift().length;
        }
    }
    text() {
        const all = Buffer.concat(this.chunks);
        return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
    }
}
/** Runs `python -m pip <args>` with the frontend's environment; never throws for pip's failures. */
function runPip(frontend, args, o) {
    const maxStdout = o.maxStdout ?? DEFAULT_MAX_STDOUT;
    if ((0,_pip_processes_js__WEBPACK_IMPORTED_MODULE_1__/* .pipsStopping */ .TM)()) {
        const none = { code: null, timedOut: false, stdout: '', log: '', stdoutOverflow: false };
        return Promise.resolve({ ...none, spawnError: 'not started: wheelhouse is being interrupted' });
    }
    return new Promise((resolve) => {
        const posix = process.platform !== 'win32';
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(frontend.python, ['-m', 'pip', ...args], {
            env: frontend.env,
            ...(frontend.cwd !== undefined ? { cwd: frontend.cwd } : {}),
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true,
            // Its own process group, so a timeout also ends the build backend pip started.
            detached: posix,
        });
        const log = new Tail(LOG_TAIL_BYTES);
        const out = [];
        let outSize = 0;
        let stdoutOverflow = false;
        let timedOut = false;
        let settled = false;
        // Ended with the run on Ctrl-C / SIGTERM (pip-processes.ts).
        (0,_pip_processes_js__WEBPACK_IMPORTED_MODULE_1__/* .trackPip */ .zH)(child);
        const kill = () => (0,_pip_processes_js__WEBPACK_IMPORTED_MODULE_1__/* .signalPipGroup */ .N8)(child, 'SIGKILL');
        // Settled by pip's exit, never by its pipes alone: a backend may leave a process behind that
        // holds them (a compiler-cache server, a daemon in its own session that no group kill reaches).
        let exitCode;
        let drain;
        const timer = setTimeout(() => {
            timedOut = true;
            kill();
            // pip does not die of SIGKILL only in an uninterruptible wait: the run ends regardless.
            drain ??= setTimeout(() => finish({ code: exitCode ?? null }), DRAIN_MS);
        }, o.timeoutMs);
        child.stdout.on('data', (chunk) => {
            if (o.captureStdout !== true)
                return log.push(chunk);
            outSize += chunk.length;
            if (outSize > maxStdout) {
                stdoutOverflow = true;
                kill();
                return;
            }
            out.push(chunk);
        });
        child.stderr.on('data', (chunk) => log.push(chunk));
        const finish = (run) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(drain);
            // What pip's group still holds (a backend's leftover children) ends with the run; the pipes
            // are let go whoever still has them.
            kill();
            child.stdout.destroy();
            child.stderr.destroy();
            resolve({
                ...run,
                timedOut,
                stdoutOverflow,
                stdout: Buffer.concat(out).toString('utf8'),
                log: log.text(),
            });
        };
        child.on('error', (error) => finish({ code: null, spawnError: error.message }));
        child.on('exit', (code) => {
            exitCode = code;
            // pip exited: its own output is in the pipes already; give them DRAIN_MS to be read to the end.
            clearTimeout(timer);
            clearTimeout(drain);
            drain = setTimeout(() => finish({ code }), DRAIN_MS);
        });
        child.on('close', (code) => finish({ code: exitCode !== undefined ? exitCode : code }));
    });
}
/** The last `n` non-empty lines of a log, for error messages. */
function lastLines(log, n = 25) {
    const lines = log.split(/\r?\n/).filter((l) => l.trim() !== '');
    return lines.slice(-n).join('\n');
}


/***/ }),

/***/ 5505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jt: () => (/* binding */ prepareMetadata)
/* harmony export */ });
/* unused harmony exports PREPARE_TIMEOUT_MS, metadataFromReport */
/* harmony import */ var _build_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3271);
/* harmony import */ var _pip_frontend_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1262);
/**
 * Prepared metadata of a source distribution or a local project directory, asked of the target
 * interpreter's pip as the PEP 517 frontend, without building a wheel:
 *
 *   python -m pip install --dry-run --no-deps --ignore-installed --quiet --report - <source>
 *
 * pip (≥ 22.2, checked with 23.2.1) installs the build requirements into an isolated environment
 * from the frontend's indexes, calls the backend's `prepare_metadata_for_build_wheel` (or builds
 * when the backend lacks it) and prints an installation report (format version 1) whose one
 * `install` item has the metadata as JSON (PEP 566's JSON form: lower-case keys with `_`, multiple-
 * use fields as lists). `--ignore-installed` keeps an installed copy of the project from answering
 * instead; `--no-deps` keeps pip from resolving the dependencies (the resolver does that).
 *
 * The answer is turned back into core metadata text (the fields the resolver reads), so callers
 * treat it like a wheel's METADATA (parseDistMetadata) and can cache it as bytes.
 */


const PREPARE_TIMEOUT_MS = 15 * 60 * 1000;
/**
 * Asks the frontend for the metadata of `source` (an sdist file, or a project directory: anything
 * `pip install` takes as a path). Throws SdistBuildError with the end of pip's log on failure.
 */
async function prepareMetadata(frontend, source, o = {}) {
    const label = o.label ?? source;
    const run = await (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_1__/* .runPip */ .lZ)(frontend, [
        'install',
        '--dry-run',
        '--no-deps',
        '--ignore-installed',
        '--quiet',
        ...(o.pipOptions ?? []),
        '--report',
        '-',
        source,
    ], { timeoutMs: o.timeoutMs ?? PREPARE_TIMEOUT_MS, captureStdout: true });
    if (run.spawnError !== undefined) {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K(label, 'metadata', `cannot run ${frontend.python} -m pip: ${run.spawnError}`);
    }
    // pip that exited 0 finished its work, even when the timer fired at that moment.
    if (run.timedOut && run.code !== 0) {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K(label, 'metadata', `preparing metadata took longer than ${Math.round((o.timeoutMs ?? PREPARE_TIMEOUT_MS) / 1000)} s; stopped`, (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLines */ .w$)(run.log));
    }
    if (run.stdoutOverflow)
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K(label, 'metadata', "pip's report is too large");
    if (run.code !== 0) {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K(label, 'metadata', `preparing metadata failed (${frontend.python} -m pip install --dry-run exited with ${run.code})`, (0,_pip_frontend_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLines */ .w$)(run.log));
    }
    return metadataFromReport(run.stdout, label);
}
/** The one installed item's metadata of a pip installation report, as core metadata text. */
function metadataFromReport(reportText, label) {
    const fail = (why) => {
        throw new _build_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SdistBuildError */ .K(label, 'metadata', `unexpected pip report: ${why}`);
    };
    let report;
    try {
        report = JSON.parse(reportText);
    }
    catch (error) {
        return fail(`not JSON (${error.message})`);
    }
    const r = report;
    if (r.version !== '1')
        fail(`version ${JSON.stringify(r.version)}, expected "1"`);
    if (!Array.isArray(r.install) || r.install.length !== 1)
        fail('expected exactly one install item');
    const meta = r.install[0]?.metadata;
    if (meta === undefined || typeof meta !== 'object' || meta === null)
        return fail('no metadata');
    const text = (key, required) => {
        const v = meta[key];
        if (v === undefined && !required)
            return undefined;
        if (typeof v !== 'string' || v.trim() === '')
            return fail(`metadata.${key} is not a string`);
        if (/[\r\n]/.test(v))
            return fail(`metadata.${key} spans lines`);
        return v;
    };
    const list = (key) => {
        const v = meta[key];
        if (v === undefined)
            return [];
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || /[\r\n]/.test(x)))
            return fail(`metadata.${key} is not a list of one-line strings`);
        return v;
    };
    const name = text('name', true);
    const version = text('version', true);
    const requiresPython = text('requires_python', false);
    const requiresDist = list('requires_dist');
    const lines = [
        `Metadata-Version: ${text('metadata_version', false) ?? '2.1'}`,
        `Name: ${name}`,
        `Version: ${version}`,
        ...(requiresPython !== undefined ? [`Requires-Python: ${requiresPython}`] : []),
        ...requiresDist.map((d) => `Requires-Dist: ${d}`),
        ...list('provides_extra').map((e) => `Provides-Extra: ${e}`),
    ];
    return {
        metadata: new TextEncoder().encode(`${lines.join('\n')}\n\n`),
        name,
        version,
        requiresDist,
    };
}


/***/ }),

/***/ 7528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: withPipFlags

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/cli/cache-dir.ts
var cache_dir = __webpack_require__(1370);
;// CONCATENATED MODULE: ./src/download/progress.ts
/**
 * Download progress for people watching a log. On a TTY: one line redrawn in place (`\r`) with a
 * bar, at most every `ttyIntervalMs`. Elsewhere (GitHub Actions logs, CI files): a plain
 * `downloaded 12.3 MB / 45.6 MB (3/9 files)` line at most every `intervalMs`, so a long download
 * shows life without flooding the log. Time comes from an injected clock and printing is driven by
 * `update` calls (no timers), so the reporter never keeps a process alive.
 */
function formatBytes(n) {
    if (n < 1000)
        return `${n} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let value = n / 1000;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
class ProgressReporter {
    stream;
    tty;
    interval;
    now;
    last = -Infinity;
    lastLine = '';
    drewTty = false;
    constructor(options) {
        this.stream = options.stream;
        this.tty = options.stream.isTTY === true;
        this.interval = this.tty ? (options.ttyIntervalMs ?? 100) : (options.intervalMs ?? 5000);
        this.now = options.now ?? Date.now;
    }
    /** Text of a plain progress line. */
    static line(p) {
        const total = p.bytesTotal === undefined ? '' : ` / ${formatBytes(p.bytesTotal)}`;
        return `downloaded ${formatBytes(p.bytesDone)}${total} (${p.filesDone}/${p.filesTotal} files)`;
    }
    /** Text of the TTY bar line, fitted to `columns`. */
    static bar(p, columns) {
        const text = ProgressReporter.line(p);
        const fraction = p.bytesTotal !== undefined && p.bytesTotal > 0
            ? Math.min(1, p.bytesDone / p.bytesTotal)
            : p.filesTotal > 0
                ? p.filesDone / p.filesTotal
                : 1;
        const width = Math.max(10, Math.min(40, columns - text.length - 10));
        const filled = Math.round(fraction * width);
        const pct = `${Math.floor(fraction * 100)}`.padStart(3);
        return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${text}`.slice(0, Math.max(20, columns - 1));
    }
    update(p) {
        const t = this.now();
        if (t - this.last < this.interval)
            return;
        this.last = t;
        this.print(p);
    }
    /** Print the final state (always), ending the TTY line. */
    finish(p) {
        this.print(p);
        if (this.tty && this.drewTty)
            this.stream.write('\n');
    }
    print(p) {
        if (this.tty) {
            // ESC[K (erase to end of line) clears what a longer previous line left behind.
            this.stream.write(`\r${ProgressReporter.bar(p, this.stream.columns ?? 80)}\x1b[K`);
            this.drewTty = true;
            return;
        }
        const line = ProgressReporter.line(p);
        if (line === this.lastLine)
            return;
        this.lastLine = line;
        this.stream.write(`${line}\n`);
    }
}

// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/flow/flow-errors.ts
var flow_errors = __webpack_require__(6016);
;// CONCATENATED MODULE: ./src/util/ini.ts
/**
 * The INI dialect of Python's configparser (RawConfigParser defaults), as pip reads pip.conf /
 * pip.ini: `[section]` headers; `key = value` or `key: value` (split at the first `=` or `:`);
 * keys lower-cased; whole-line comments starting with `#` or `;` (inline comments are kept as
 * text, as configparser does without inline_comment_prefixes); an indented line continues the
 * previous value (joined with a newline); blank lines end nothing. A later key in a section
 * replaces an earlier one (configparser would refuse the duplicate; pip then ignores the file — here
 * the file still counts, with the last value). A line that is none of these is an error with its
 * line number.
 */
class IniSyntaxError extends Error {
    line;
    reason;
    name = 'IniSyntaxError';
    constructor(line, reason) {
        super(`line ${line}: ${reason}`);
        this.line = line;
        this.reason = reason;
    }
}
function parseIni(text) {
    const doc = new Map();
    let section;
    let lastKey;
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    lines.forEach((raw, i) => {
        const n = i + 1;
        const trimmed = raw.trim();
        if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';'))
            return;
        if (/^\s/.test(raw) && section !== undefined && lastKey !== undefined) {
            const prev = section.get(lastKey) ?? '';
            section.set(lastKey, prev === '' ? trimmed : `${prev}\n${trimmed}`);
            return;
        }
        const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
        if (header !== null) {
            const name = header[1];
            section = doc.get(name) ?? new Map();
            doc.set(name, section);
            lastKey = undefined;
            return;
        }
        const sep = trimmed.search(/[=:]/);
        if (sep <= 0)
            throw new IniSyntaxError(n, `expected [section] or key = value, got ${JSON.stringify(trimmed.slice(0, 60))}`);
        if (section === undefined)
            throw new IniSyntaxError(n, 'key = value before any [section] header');
        lastKey = trimmed.slice(0, sep).trim().toLowerCase();
        section.set(lastKey, trimmed.slice(sep + 1).trim());
    });
    return doc;
}

;// CONCATENATED MODULE: ./src/flow/pip-config.ts
/**
 * pip's configuration, read where a pip user expects it to apply (issue 11, §2), following pip's
 * "Configuration" documentation and pip 23.2's loader (checked against the real pip by
 * __tests__/flow/pip-config.test.ts):
 *
 * - Files, lowest priority first: global (Linux: `<dir>/pip/pip.conf` for each XDG_CONFIG_DIRS entry,
 *   default /etc/xdg, then /etc/pip.conf; macOS: /Library/Application Support/pip/pip.conf;
 *   Windows: %PROGRAMDATA%\pip\pip.ini), user (legacy ~/.pip/pip.conf — %HOME%\pip\pip.ini on
 *   Windows — then $XDG_CONFIG_HOME/pip/pip.conf, on macOS ~/Library/Application Support/pip/pip.conf
 *   when that directory exists, on Windows %APPDATA%\pip\pip.ini; skipped when PIP_CONFIG_FILE names
 *   an existing file, and in isolated mode), site ($VIRTUAL_ENV/pip.conf — pip uses the interpreter's
 *   sys.prefix, which is $VIRTUAL_ENV for an active virtual environment), then PIP_CONFIG_FILE.
 *   PIP_CONFIG_FILE set to the null device loads no file at all.
 * - Within the merged files `[global]` applies first, then `[install]` (wheelhouse does what
 *   `pip install` would resolve); then `PIP_<OPTION>` variables (not in isolated mode).
 * - Keys are long option names (`_` and `-` alike, lower-cased). Honoured: index-url,
 *   extra-index-url and find-links (whitespace-separated lists, as pip splits append options),
 *   no-index, pre and prefer-binary (pip's strtobool), only-binary and no-binary (pip's format
 *   control values), timeout / default-timeout (seconds; the wait for a response to start), retries,
 *   no-cache-dir and progress-bar (the CLI's flags), cert and client-cert (passed on to the build
 *   frontend's pip only). Every other key is pip's business and ignored here.
 *
 * File reading and the platform are injected, so tests give their own files and never read the
 * machine's configuration.
 */




const KEYS = [
    'index-url',
    'extra-index-url',
    'find-links',
    'no-index',
    'pre',
    'prefer-binary',
    'only-binary',
    'no-binary',
    // pip's `--timeout` and `--default-timeout` are one option (dest `timeout`): either name works in
    // a file or as PIP_TIMEOUT / PIP_DEFAULT_TIMEOUT.
    'timeout',
    'default-timeout',
    'retries',
    'no-cache-dir',
    'progress-bar',
    'cert',
    'client-cert',
];
/** The configuration files pip would read, in loading order (later files win). */
async function pipConfigFiles(io) {
    const env = io.env;
    const platform = io.platform ?? process.platform;
    const envFile = env['PIP_CONFIG_FILE'];
    const nullDevice = platform === 'win32' ? 'nul' : external_node_os_.devNull;
    if (envFile !== undefined &&
        (envFile === nullDevice || envFile === external_node_os_.devNull || envFile.toLowerCase() === 'nul')) {
        return [];
    }
    const p = platform === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const home = (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || env['HOME'] || io.homedir || '';
    // Without an absolute home there are no user files: a relative one would read the working
    // directory's (the checkout's) `.pip/pip.conf` as the user's own configuration.
    const homeKnown = p.isAbsolute(home);
    const globalFiles = [];
    const userFiles = [];
    const name = platform === 'win32' ? 'pip.ini' : 'pip.conf';
    if (platform === 'win32') {
        globalFiles.push(p.join(env['PROGRAMDATA'] || 'C:\\ProgramData', 'pip', name));
        if (env['HOME'])
            userFiles.push(p.join(env['HOME'], 'pip', name));
        if (env['APPDATA'])
            userFiles.push(p.join(env['APPDATA'], 'pip', name));
    }
    else if (platform === 'darwin') {
        globalFiles.push('/Library/Application Support/pip/pip.conf');
        userFiles.push(p.join(home, '.pip', name));
        const appSupport = p.join(home, 'Library', 'Application Support', 'pip');
        userFiles.push((await io.isDirectory(appSupport))
            ? p.join(appSupport, name)
            : p.join(env['XDG_CONFIG_HOME'] || p.join(home, '.config'), 'pip', name));
    }
    else {
        const dirs = (env['XDG_CONFIG_DIRS'] || '/etc/xdg').split(':').filter((d) => d !== '');
        for (const d of dirs)
            globalFiles.push(p.join(d, 'pip', name));
        globalFiles.push('/etc/pip.conf');
        userFiles.push(p.join(home, '.pip', name));
        userFiles.push(p.join(env['XDG_CONFIG_HOME'] || p.join(home, '.config'), 'pip', name));
    }
    const envFileExists = envFile !== undefined && envFile !== '' && (await io.readFile(envFile)) !== undefined;
    const files = [...globalFiles];
    if (!io.isolated && !envFileExists && homeKnown)
        files.push(...userFiles);
    if (env['VIRTUAL_ENV'])
        files.push(p.join(env['VIRTUAL_ENV'], name));
    if (envFile !== undefined && envFile !== '')
        files.push(envFile);
    return files;
}
/** pip's strtobool. */
function strtobool(text, what) {
    const v = text.trim().toLowerCase();
    if (['y', 'yes', 't', 'true', 'on', '1'].includes(v))
        return true;
    if (['n', 'no', 'f', 'false', 'off', '0'].includes(v))
        return false;
    throw new flow_errors/* FlowInputError */.r(`${what}: ${JSON.stringify(text)} is not a valid value (use true or false)`);
}
function normalizeKey(key) {
    return key.toLowerCase().replace(/_/g, '-').replace(/^--/, '');
}
/** Reads pip's configuration for the keys wheelhouse honours (see the module comment). */
async function readPipConfig(io) {
    // section.key → { value, source }, later files overriding earlier ones.
    const merged = new Map();
    const read = [];
    for (const file of await pipConfigFiles(io)) {
        const text = await io.readFile(file);
        if (text === undefined)
            continue;
        read.push(file);
        let doc;
        try {
            doc = parseIni(text);
        }
        catch (error) {
            if (error instanceof IniSyntaxError) {
                throw new flow_errors/* FlowInputError */.r(`${file}:${error.line}: pip configuration file: ${error.reason}`);
            }
            throw error;
        }
        for (const [section, entries] of doc) {
            for (const [key, value] of entries) {
                const k = normalizeKey(key);
                merged.set(`${section}.${k}`, { value, source: `${file} [${section}] ${k}` });
            }
        }
    }
    const effective = new Map();
    for (const section of ['global', 'install']) {
        for (const key of KEYS) {
            const got = merged.get(`${section}.${key}`);
            // pip ignores an empty value after merging the files ("Ignoring configuration key … as its
            // value is empty", pip's option parser): a later file's empty key still hides an earlier
            // file's value for that section, but an empty [install] key leaves [global]'s in force.
            if (got !== undefined && got.value.trim() !== '')
                effective.set(sameOption(key), got);
        }
    }
    if (!io.isolated) {
        for (const [name, value] of Object.entries(io.env)) {
            // An empty variable (an unset CI secret) is ignored as pip does: pip.conf's value stays.
            if (value === undefined || value === '' || !name.startsWith('PIP_'))
                continue;
            const key = normalizeKey(name.slice(4));
            if (KEYS.includes(key))
                effective.set(sameOption(key), { value, source: name });
        }
    }
    const out = { files: read };
    const list = (s) => ({
        value: s.value.split(/\s+/).filter((v) => v !== ''),
        source: s.source,
    });
    const flag = (s) => ({
        value: strtobool(s.value, s.source),
        source: s.source,
    });
    const get = (k) => effective.get(k);
    const indexUrl = get('index-url');
    if (indexUrl !== undefined && indexUrl.value.trim() !== '')
        out.indexUrl = { value: indexUrl.value.trim(), source: indexUrl.source };
    const extra = get('extra-index-url');
    if (extra !== undefined)
        out.extraIndexUrls = list(extra);
    const links = get('find-links');
    if (links !== undefined)
        out.findLinks = list(links);
    for (const [k, field] of [
        ['no-index', 'noIndex'],
        ['pre', 'pre'],
        ['prefer-binary', 'preferBinary'],
    ]) {
        const v = get(k);
        if (v !== undefined)
            out[field] = flag(v);
    }
    const only = get('only-binary');
    if (only !== undefined)
        out.onlyBinary = { value: only.value.trim(), source: only.source };
    const no = get('no-binary');
    if (no !== undefined)
        out.noBinary = { value: no.value.trim(), source: no.source };
    const timeout = get('timeout');
    if (timeout !== undefined)
        out.timeoutSec = { value: seconds(timeout.value, timeout.source), source: timeout.source };
    const retries = get('retries');
    if (retries !== undefined) {
        if (!/^\s*\d+\s*$/.test(retries.value)) {
            throw new flow_errors/* FlowInputError */.r(`${retries.source}: ${JSON.stringify(retries.value)} is not a whole number`);
        }
        out.retries = { value: Number(retries.value.trim()), source: retries.source };
    }
    const noCacheDir = get('no-cache-dir');
    if (noCacheDir !== undefined) {
        // pip checks the value is a boolean and then turns the cache off whatever it says: a "false"
        // once disabled it, and pip keeps that for compatibility (pip's _handle_no_cache_dir).
        strtobool(noCacheDir.value, noCacheDir.source);
        out.noCacheDir = { value: true, source: noCacheDir.source };
    }
    const bar = get('progress-bar');
    if (bar !== undefined) {
        const value = bar.value.trim();
        if (value !== 'on' && value !== 'off' && value !== 'raw') {
            throw new flow_errors/* FlowInputError */.r(`${bar.source}: ${JSON.stringify(bar.value)} is not one of on, off, raw`);
        }
        out.progressBar = { value, source: bar.source };
    }
    for (const [k, field] of [
        ['cert', 'cert'],
        ['client-cert', 'clientCert'],
    ]) {
        const v = get(k);
        // An empty value is pip's default (no file), as for a path option given empty.
        if (v !== undefined && v.value.trim() !== '')
            out[field] = { value: v.value.trim(), source: v.source };
    }
    return out;
}
/** One key per pip option: `default-timeout` is the other spelling of `timeout`. */
function sameOption(key) {
    return key === 'default-timeout' ? 'timeout' : key;
}
/** pip's `type="float"` for `--timeout`; pip (urllib3) refuses a wait of 0 or less. */
function seconds(text, what) {
    const n = text.trim() === '' ? NaN : Number(text.trim());
    if (!Number.isFinite(n) || n <= 0) {
        throw new flow_errors/* FlowInputError */.r(`${what}: ${JSON.stringify(text)} is not a positive number of seconds`);
    }
    return n;
}
/** The real file system, for the shells. */
function fsPipConfigIo(env, isolated, fs, homedir = (0,external_node_os_.homedir)()) {
    return {
        env,
        isolated,
        // pip finds the user files through os.path.expanduser('~'): HOME, else the password database
        // (os.homedir() answers the same) — never the working directory.
        homedir,
        readFile: async (path) => {
            try {
                const st = await fs.stat(path);
                if (st.isDirectory())
                    return undefined;
                // A FIFO or device would block or never end; pip.conf is a regular file (or a link to one).
                if (!st.isFile())
                    throw new flow_errors/* FlowInputError */.r(`${path}: pip configuration file is not a regular file`);
                // A configuration file is small; a huge one is refused rather than read.
                if (st.size > 1024 * 1024)
                    throw new flow_errors/* FlowInputError */.r(`${path}: pip configuration file larger than 1 MiB`);
                return await fs.readFile(path, 'utf8');
            }
            catch (error) {
                const code = error.code;
                if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES')
                    return undefined;
                throw error;
            }
        },
        isDirectory: async (path) => {
            try {
                return (await fs.stat(path)).isDirectory();
            }
            catch {
                return false;
            }
        },
    };
}

// EXTERNAL MODULE: ./src/flow/resolve.ts + 1 modules
var resolve = __webpack_require__(2943);
// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/cli/args.ts
var args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/cli/early-answer.ts + 1 modules
var early_answer = __webpack_require__(6303);
// EXTERNAL MODULE: ./src/cli/python-argument.ts
var python_argument = __webpack_require__(5996);
// EXTERNAL MODULE: ./src/cli/stderr-logger.ts
var stderr_logger = __webpack_require__(6417);
// EXTERNAL MODULE: ./src/util/log-text.ts
var log_text = __webpack_require__(1392);
;// CONCATENATED MODULE: ./src/cli/run.ts
/**
 * The CLI shell: `wheelhouse resolve`, `wheelhouse fetch` and `wheelhouse install` (see args.ts and
 * help.ts). Logs and errors go to stderr; stdout carries only results (the lock when `resolve`
 * writes no file, the lock's path after `fetch` and `install`). Exit codes: 0 success,
 * 1 unsatisfiable, 2 bad input, network or a failed install.
 * Everything the process would read from globals (streams, environment, working directory) is
 * injectable so tests run the real shell in-process.
 */















function loadFailureReport() {
    return Promise.all(/* import() */[__webpack_require__.e(255), __webpack_require__.e(578), __webpack_require__.e(363), __webpack_require__.e(538)]).then(__webpack_require__.bind(__webpack_require__, 6538));
}
function defaultIo() {
    return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
async function prepareOptions(args, io, logger, pipConfig) {
    const probeCache = (0,cache_dir/* probeCacheDir */.e)(args, io.env, io.cwd);
    return {
        pipConfig,
        ...(probeCache !== undefined ? { probeCache } : {}),
        requirementFiles: args.requirements,
        constraintFiles: args.constraints,
        selection: { extras: args.extras, allExtras: args.allExtras, groups: args.groups },
        finder: {
            ...(args.indexUrl !== undefined ? { indexUrl: args.indexUrl } : {}),
            extraIndexUrls: args.extraIndexUrls,
            // Local directories are taken from the working directory, as pip takes them (the CLI's own,
            // which differs from the process's only under tests).
            findLinks: args.findLinks.map((f) => /^[a-z][a-z0-9+.-]*:\/\//i.test(f) || (0,external_node_path_.isAbsolute)(f) ? f : (0,external_node_path_.resolve)(io.cwd, f)),
            noIndex: args.noIndex,
            pre: args.pre,
            onlyBinary: args.onlyBinary,
            noBinary: args.noBinary,
            preferBinary: args.preferBinary,
            ...(args.indexStrategy !== undefined ? { indexStrategy: args.indexStrategy } : {}),
        },
        target: {
            ...(args.pythonVersion !== undefined ? { pythonVersion: args.pythonVersion } : {}),
            ...(args.platforms.length > 0 ? { platforms: args.platforms } : {}),
            ...(args.implementation !== undefined ? { implementation: args.implementation } : {}),
            ...(args.abis.length > 0 ? { abis: args.abis } : {}),
        },
        cwd: io.cwd,
        env: io.env,
        logger,
        noDeps: args.noDeps,
        requireHashes: args.requireHashes,
        ...(args.timeoutSec !== undefined ? { timeoutSec: args.timeoutSec } : {}),
        ...(args.retries !== undefined ? { retries: args.retries } : {}),
        ...(io.seams?.findPython !== undefined ? { findPython: io.seams.findPython } : {}),
        ...(io.seams?.runner !== undefined ? { runner: io.seams.runner } : {}),
    };
}
async function resolveCommand(args, io, logger, pipConfig) {
    const result = await (0,resolve/* runResolve */.yP)({
        ...(await prepareOptions(args, io, logger, pipConfig)),
        ...(args.lock !== undefined ? { lock: args.lock } : {}),
        ...(args.report !== undefined ? { report: args.report } : {}),
        ...(args.pylock !== undefined ? { pylock: args.pylock } : {}),
    });
    if (args.lock === undefined && args.report === undefined && args.pylock === undefined) {
        const { lockText } = await __webpack_require__.e(/* import() */ 181).then(__webpack_require__.bind(__webpack_require__, 1181));
        io.stdout.write(lockText('lock', result.resolution, result.prepared));
    }
    return 0;
}
function fetchSummary(r) {
    const fromCache = r.packages.filter((p) => p.source === 'cache').length;
    const parts = [
        `${r.packages.length} packages in ${r.wheelhouse}`,
        `${r.downloaded} downloaded (${formatBytes(r.downloadedBytes)})`,
        `${fromCache} from cache`,
    ];
    const reused = r.packages.filter((p) => p.source === 'reused' || p.source === 'present').length;
    if (reused > 0)
        parts.push(`${reused} already present`);
    return parts.join(', ');
}
/**
 * `fetch --lock/--report/--pylock FILE`: the wheelhouse always holds the three files; these options
 * write a copy of each where asked (relative to the working directory), after the run succeeded.
 */
async function writeRequestedCopies(args, result, io) {
    const copies = [
        [args.lock, result.lockFile],
        [args.report, result.reportFile],
        [args.pylock, result.pylockFile],
    ];
    for (const [target, source] of copies) {
        if (target === undefined)
            continue;
        await (0,atomic_file/* writeFileAtomic */.Z)((0,external_node_path_.resolve)(io.cwd, target), await (0,promises_.readFile)(source));
    }
}
/**
 * The cache backend: --cache-backend / $WHEELHOUSE_CACHE_BACKEND `local` (default) or `s3`, whose
 * settings come from --s3-* options, else $WHEELHOUSE_S3_* variables (credentials: AWS_* only).
 */
async function cliBackend(args, env, cacheDir, logger) {
    const kind = args.cacheBackend ?? (env.WHEELHOUSE_CACHE_BACKEND || 'local');
    if (kind === 'local') {
        // Loaded here, not with the CLI: `resolve` (whose start-up issue 14 times) keeps no cache.
        const { LocalDirBackend } = await __webpack_require__.e(/* import() */ 294).then(__webpack_require__.bind(__webpack_require__, 4294));
        return new LocalDirBackend({ dir: cacheDir, logger });
    }
    if (kind !== 's3')
        throw new flow_errors/* FlowInputError */.r(`--cache-backend: ${JSON.stringify(kind)} is not one of local, s3`);
    // One after the other: jest's ESM loader (the test runner) cannot link two dynamic imports that
    // share modules at once ("request for … is not in cache"); for Node it costs nothing measurable.
    const { createS3Backend } = await __webpack_require__.e(/* import() */ 945).then(__webpack_require__.bind(__webpack_require__, 7945));
    const { cliS3Settings } = await Promise.all(/* import() */[__webpack_require__.e(945), __webpack_require__.e(889)]).then(__webpack_require__.bind(__webpack_require__, 7889));
    return createS3Backend(cliS3Settings(args.s3, env), env, logger);
}
async function filling(args, io, logger, pipConfig) {
    // A relative --cache-dir is taken from the working directory the CLI was given (as --dest is).
    const cacheDir = (0,cache_dir/* cliCacheDir */.O)(args, io.env, io.cwd);
    const backend = args.noCache ? undefined : await cliBackend(args, io.env, cacheDir, logger);
    const stateDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'wheelhouse-state-'));
    const reporter = args.verbosity === 'quiet' || args.progressBar === 'off'
        ? undefined
        : new ProgressReporter({ stream: io.stderr });
    let last;
    return {
        options: {
            ...(await prepareOptions(args, io, logger, pipConfig)),
            clean: args.clean,
            stateDir,
            // Verified-file stamps between runs (src/cache/file-stamps.ts): warm runs read no wheel
            // again. Kept in the cache directory, so --no-cache keeps none.
            ...(args.noCache ? {} : { stampStore: (0,external_node_path_.join)(cacheDir, 'stamps') }),
            ...(backend !== undefined
                ? { cache: { backend, ...(args.cacheSuffix !== undefined ? { suffix: args.cacheSuffix } : {}) } }
                : {}),
            ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
            ...(reporter !== undefined
                ? {
                    onProgress: (p) => {
                        last = p;
                        reporter.update(p);
                    },
                }
                : {}),
        },
        ...(backend !== undefined ? { backend } : {}),
        cacheDir,
        finishProgress: () => {
            if (reporter !== undefined && last !== undefined)
                reporter.finish(last);
        },
        cleanup: async () => {
            await backend?.close?.();
            await (0,promises_.rm)(stateDir, { recursive: true, force: true }).catch(() => { });
        },
    };
}
async function fetchCommand(args, io, logger, pipConfig) {
    const fill = await filling(args, io, logger, pipConfig);
    try {
        const { runFetch } = await Promise.all(/* import() */[__webpack_require__.e(255), __webpack_require__.e(11), __webpack_require__.e(63)]).then(__webpack_require__.bind(__webpack_require__, 6063));
        const result = await runFetch({
            ...fill.options,
            wheelhouse: args.dest,
            // The save copies the wheelhouse: done while this run still holds it.
            whileHeld: async (fetched) => {
                fill.finishProgress();
                if (fill.backend === undefined)
                    return;
                // Loaded only now: nothing before the run's first request needs the save (issue 14 §2).
                const { savePlanOf, saveWheelhouse } = await Promise.all(/* import() */[__webpack_require__.e(11), __webpack_require__.e(423)]).then(__webpack_require__.bind(__webpack_require__, 8423));
                await saveWheelhouse(savePlanOf(fetched), fill.backend, logger);
            },
        });
        await writeRequestedCopies(args, result, io);
        logger.info(fetchSummary(result));
        logger.info(`install with: wheelhouse install --no-index --find-links ${result.wheelhouse} --require-hashes -r ${result.lockFile} (or pip install with the same options)`);
        io.stdout.write(`${result.lockFile}\n`);
        return 0;
    }
    finally {
        await fill.cleanup();
    }
}
function installSummary(r) {
    const parts = [`installed ${r.installed}`];
    if (r.replaced > 0)
        parts.push(`${r.replaced} of them replacing another version`);
    if (r.installer === 'native')
        parts.push(`${r.unchanged} already installed`);
    if (r.compiledFiles > 0)
        parts.push(`${r.compiledFiles} files byte-compiled`);
    const seconds = (r.timings.reduce((sum, t) => sum + t.ms, 0) / 1000).toFixed(2);
    return `${parts.join(', ')} into ${r.interpreter.prefix} in ${seconds} s`;
}
async function installCommand(args, io, logger, pipConfig) {
    const probeCache = (0,cache_dir/* probeCacheDir */.e)(args, io.env, io.cwd);
    const interpreter = io.seams?.interpreter ??
        (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 1340))).locateInterpreter({
            python: (0,python_argument/* pythonArgument */.I)(args.python, io.cwd),
            env: io.env,
            ...(probeCache !== undefined ? { probeCache } : {}),
        });
    const fill = await filling(args, io, logger, pipConfig);
    try {
        const { defaultInstallWheelhouse, runInstallFlow, unpackedCacheDirFor } = await Promise.all(/* import() */[__webpack_require__.e(255), __webpack_require__.e(11), __webpack_require__.e(63), __webpack_require__.e(363), __webpack_require__.e(204)]).then(__webpack_require__.bind(__webpack_require__, 6204));
        // Hard links from <cache dir>/unpacked (src/install/unpacked-cache.ts); none with --no-cache.
        const unpackedCacheDir = args.noCache ? undefined : unpackedCacheDirFor(fill.cacheDir, io.env);
        const { savePlanOf, saveWheelhouseAgain } = await Promise.all(/* import() */[__webpack_require__.e(11), __webpack_require__.e(423)]).then(__webpack_require__.bind(__webpack_require__, 8423));
        // --no-cache (pip's --no-cache-dir) without --dest keeps nothing: the wheelhouse lives in the
        // run's state directory, removed at the end (a container image built with it stays small).
        const throwaway = args.dest === undefined && args.noCache;
        const result = await runInstallFlow({
            ...fill.options,
            wheelhouse: args.dest !== undefined
                ? args.dest
                : throwaway
                    ? (0,external_node_path_.join)(fill.options.stateDir, 'wheelhouse')
                    : (found) => defaultInstallWheelhouse(fill.cacheDir, found),
            interpreter,
            installer: args.installer,
            compile: args.compile,
            reinstall: args.reinstall,
            breakSystemPackages: args.breakSystemPackages,
            ...(unpackedCacheDir !== undefined ? { unpackedCacheDir } : {}),
            pipOutput: {
                write: (text) => args.verbosity === 'quiet' ? true : io.stderr.write((0,log_text/* escapeLogText */.d)((0,redact/* redactText */.Rd)(text))),
            },
        });
        fill.finishProgress();
        if (fill.backend !== undefined) {
            await saveWheelhouseAgain(savePlanOf(result.fetch), fill.backend, logger);
        }
        await writeRequestedCopies(args, result.fetch, io);
        logger.info(fetchSummary(result.fetch));
        logger.info(installSummary(result));
        // A throwaway wheelhouse is gone when the run ends: no path to print.
        if (!throwaway)
            io.stdout.write(`${result.fetch.lockFile}\n`);
        return 0;
    }
    finally {
        await fill.cleanup();
    }
}
/**
 * pip's configuration of the flags pip reads from it too: `PIP_NO_CACHE_DIR` (or pip.conf
 * `no-cache-dir`) is `--no-cache-dir`, `PIP_PROGRESS_BAR` is `--progress-bar` unless given.
 */
function withPipFlags(args, pipConfig) {
    const progressBar = args.progressBar ?? pipConfig.progressBar?.value;
    return {
        ...args,
        noCache: args.noCache || pipConfig.noCacheDir?.value === true,
        ...(progressBar !== undefined ? { progressBar } : {}),
    };
}
/** The CLI shell. Returns the process exit code. */
async function runCli(argv, ioOverrides = {}) {
    const io = { ...defaultIo(), ...ioOverrides };
    if (argv[0] === 'store')
        return (await Promise.all(/* import() */[__webpack_require__.e(945), __webpack_require__.e(741)]).then(__webpack_require__.bind(__webpack_require__, 8741))).storeCommand(argv.slice(1), io);
    let request;
    try {
        request = (0,args/* parseArgs */.Zy)(argv);
    }
    catch (error) {
        if (!(error instanceof args/* UsageError */.eb))
            throw error;
        const hint = error.command !== undefined ? `wheelhouse ${error.command} --help` : 'wheelhouse --help';
        io.stderr.write(`wheelhouse: ${(0,redact/* redactText */.Rd)(error.message)}\n(see ${hint})\n`);
        return 2;
    }
    const answered = (0,early_answer/* answerWithoutRunning */.Q)(request, io);
    if (answered !== undefined || request.kind !== 'run')
        return answered ?? 0;
    const logger = new stderr_logger/* StderrLogger */.j(io.stderr, request.args.verbosity);
    try {
        const pipConfig = await readPipConfig(fsPipConfigIo(io.env, request.args.isolated, io.pipConfigFs ?? { readFile: promises_.readFile, stat: promises_.stat }));
        // pip's PIP_NO_CACHE_DIR / PIP_PROGRESS_BAR (and their pip.conf keys) as the flags would.
        const args = withPipFlags(request.args, pipConfig);
        if (args.command === 'resolve')
            return await resolveCommand(args, io, logger, pipConfig);
        if (args.command === 'fetch')
            return await fetchCommand(args, io, logger, pipConfig);
        return await installCommand(args, io, logger, pipConfig);
    }
    catch (error) {
        // Loaded only now: it imports every error class of the tool (start-up, issue 14 §2).
        let describeFailure;
        try {
            ({ describeFailure } = await (io.seams?.loadFailureReport ?? loadFailureReport)());
        }
        catch (loadError) {
            // A damaged install (a missing chunk): still the redacted message, never Node's raw stack.
            const text = (e) => (0,log_text/* escapeLogText */.d)((0,redact/* redactText */.Rd)(e instanceof Error ? e.message : String(e)));
            io.stderr.write(`wheelhouse: internal error: ${text(error)}\n(the error report could not be loaded: ${text(loadError)})\n`);
            return 2;
        }
        const failure = describeFailure(error);
        if (failure.kind === 'unsatisfiable') {
            io.stderr.write(`${failure.message}\n`);
        }
        else {
            io.stderr.write(`wheelhouse: ${failure.kind === 'internal' ? 'internal error: ' : ''}${failure.message}\n`);
        }
        if (request.args.verbosity === 'verbose' &&
            failure.kind === 'internal' &&
            error instanceof Error &&
            error.stack) {
            io.stderr.write(`${(0,log_text/* escapeLogText */.d)((0,redact/* redactText */.Rd)(error.stack))}\n`);
        }
        return failure.exitCode;
    }
}


/***/ }),

/***/ 6417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ StderrLogger)
/* harmony export */ });
/* harmony import */ var _index_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6527);
/* harmony import */ var _util_log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1392);
/**
 * The CLI's Logger: everything goes to stderr (stdout stays free for machine-readable output),
 * filtered by verbosity: quiet = warnings and errors, normal = + info, verbose = + debug.
 * Messages are redacted once more on the way out (URLs with userinfo or secret query parameters)
 * and escaped (terminal escapes, workflow commands: src/util/log-text.ts).
 */


const out = (message) => (0,_util_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .d)((0,_index_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(message));
class StderrLogger {
    sink;
    verbosity;
    constructor(sink, verbosity = 'normal') {
        this.sink = sink;
        this.verbosity = verbosity;
    }
    debug(message) {
        if (this.verbosity === 'verbose')
            this.sink.write(`debug: ${out(message)}\n`);
    }
    info(message) {
        if (this.verbosity !== 'quiet')
            this.sink.write(`${out(message)}\n`);
    }
    warn(message) {
        this.sink.write(`warning: ${out(message)}\n`);
    }
    error(message) {
        this.sink.write(`error: ${out(message)}\n`);
    }
}


/***/ }),

/***/ 9034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yo: () => (/* binding */ createBuildContext)
});

// UNUSED EXPORTS: buildTargetView, cachedBuildProbe

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/build/build-target.ts
var build_target = __webpack_require__(6360);
// EXTERNAL MODULE: ./src/build/build-wheel.ts
var build_wheel = __webpack_require__(6494);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/index/credentials.ts
var credentials = __webpack_require__(1594);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
;// CONCATENATED MODULE: ./src/build/frontend-env.ts
/**
 * The environment of every pip call of the build frontend (pip-frontend.ts). pip hands its own
 * environment to each build backend it runs (pip's build_env.py only adds to PATH / PYTHONPATH), so
 * whatever is here is readable by the code of every sdist wheelhouse builds or prepares metadata for.
 *
 * - pip reads no configuration file: `PIP_CONFIG_FILE` is the null device (Python's `os.devnull`:
 *   `/dev/null`, on Windows `nul`). pip's configuration documentation (PIP_CONFIG_FILE): "Setting this
 *   to os.devnull disables the loading of all configuration files"; pip 23.2's `Configuration._load_config_files`
 *   compares the variable with `os.devnull` and loads nothing. An empty `PIP_*` value cannot do that
 *   (pip ignores an empty value, so a pip.conf's `extra-index-url`, a `[wheel]` section's
 *   `no-build-isolation` or an `[install]` `require-hashes` would still apply).
 * - So pip sees exactly the resolver's settings, given explicitly: its indexes and find-links
 *   (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `PIP_NO_INDEX`), `PIP_TRUSTED_HOST` for
 *   the hosts of its plain-http sources (pip ignores an http: source whose host is not trusted; the
 *   resolver reads them, and verifies TLS for every https: one, so no https: host is trusted), the
 *   run's timeout and retries (`PIP_TIMEOUT`, `PIP_RETRIES`), and pip's own `cert` / `client-cert`
 *   from its configuration (Node's client does not read those; they change whom pip trusts, not
 *   where it looks). Proxies: the resolver follows `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, which
 *   stay in the environment and which pip's HTTP client reads the same way; pip's own `--proxy`
 *   (`PIP_PROXY`, pip.conf `proxy`) is not the resolver's and is not given. Index credentials
 *   wheelhouse takes from its own variables (named indexes, per-host) go into the URLs pip gets, in
 *   the environment only (never on a command line, never logged); netrc pip reads itself.
 * - Every other inherited `PIP_*` variable is dropped (kept: `PIP_CACHE_DIR`, `PIP_NO_CACHE_DIR`,
 *   `PIP_KEYRING_PROVIDER`: where pip caches, and how it asks for the same indexes' credentials), so
 *   a `PIP_NO_BUILD_ISOLATION`, `PIP_REQUIRE_VIRTUALENV` or `PIP_TARGET` of the job cannot change
 *   what the frontend does.
 * - Withheld (WITHHELD below, the one place that lists them): what the action's own process holds
 *   that a `pip install` in a workflow's `run:` step would not see, and wheelhouse's own
 *   credentials. The runner gives a JavaScript action (not a `run:` step) the Actions runtime —
 *   `ACTIONS_RUNTIME_URL` / `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_CACHE_URL`, `ACTIONS_RESULTS_URL`,
 *   `ACTIONS_CACHE_SERVICE_V2`, and with `id-token: write` `ACTIONS_ID_TOKEN_REQUEST_URL` /
 *   `ACTIONS_ID_TOKEN_REQUEST_TOKEN` (OIDC) — its inputs `INPUT_*`, the post step's `STATE_*` and the
 *   `GITHUB_STATE` file (actions/runner NodeScriptActionHandler; @actions/core and @actions/cache read
 *   them from process.env). With them a backend could write cache entries later runs restore, or
 *   mint an OIDC token. The step's command files (`GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`,
 *   `GITHUB_STEP_SUMMARY`) are withheld too: a backend writing them would set this action's outputs
 *   (the lock file the next step installs from) or every later step's environment. `WHEELHOUSE_*`
 *   (index credentials — already in the URLs pip gets —, the S3 store's `WHEELHOUSE_S3_*`) and
 *   `AWS_*` (the S3 store's keys) are wheelhouse's, not the build's. `GITHUB_TOKEN` is not in an
 *   action's environment unless the workflow puts it there (then its `run:` steps have it as well),
 *   and is left as the workflow set it.
 */




/** Inherited pip settings kept for the frontend (see the module comment). */
const KEPT_PIP_VARIABLES = new Set(['PIP_CACHE_DIR', 'PIP_NO_CACHE_DIR', 'PIP_KEYRING_PROVIDER']);
/** Python's `os.devnull` on this platform: what pip compares PIP_CONFIG_FILE with. */
const PYTHON_DEVNULL = process.platform === 'win32' ? 'nul' : '/dev/null';
/** `host` or `host:port` of every plain-http source: the form pip's `--trusted-host` takes. */
function plainHttpHosts(urls) {
    const hosts = [];
    for (const url of urls) {
        let u;
        try {
            u = new URL(url);
        }
        catch {
            continue;
        }
        if (u.protocol === 'http:' && !hosts.includes(u.host))
            hosts.push(u.host);
    }
    return hosts;
}
/** Variables never given to pip (see the module comment): exact names, then name prefixes. */
const WITHHELD = {
    names: new Set(['GITHUB_STATE', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']),
    prefixes: ['ACTIONS_', 'INPUT_', 'STATE_', 'WHEELHOUSE_', 'AWS_'],
};
/** Whether `name` is withheld from the frontend (names compared upper-cased: Windows ignores case). */
function isWithheld(name) {
    const upper = name.toUpperCase();
    return WITHHELD.names.has(upper) || WITHHELD.prefixes.some((p) => upper.startsWith(p));
}
/** `url` with the credentials wheelhouse's own variables give it (pip cannot read those). */
function withCredentials(url, env, named) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        return url;
    }
    if (u.username !== '' || u.password !== '' || !/^https?:$/.test(u.protocol))
        return url;
    const found = (0,credentials/* findCredentials */.gD)(u, { env, namedIndexes: named });
    if (found === undefined || found.source === 'netrc')
        return url;
    u.username = encodeURIComponent(found.username);
    u.password = encodeURIComponent(found.password);
    // pip may echo the URL (it hides the password, not the user): every writer redacts both.
    if (found.password !== '')
        (0,redact/* registerSecret */.cl)(found.password);
    (0,redact/* registerUrlSecrets */.AI)(u.toString());
    return u.toString();
}
/** The environment of every pip call of the frontend (see the module comment). */
function frontendEnv(base, indexes) {
    const env = {};
    for (const [key, value] of Object.entries(base)) {
        if (value === undefined || isWithheld(key))
            continue;
        if (/^PIP_/i.test(key) && !KEPT_PIP_VARIABLES.has(key.toUpperCase()))
            continue;
        env[key] = value;
    }
    env['PIP_CONFIG_FILE'] = PYTHON_DEVNULL;
    const named = indexes.namedIndexes ?? [];
    const urls = indexes.indexUrls.map((u) => withCredentials(u, base, named));
    if (urls.length === 0)
        env['PIP_NO_INDEX'] = '1';
    else
        env['PIP_INDEX_URL'] = urls[0];
    if (urls.length > 1)
        env['PIP_EXTRA_INDEX_URL'] = urls.slice(1).join(' ');
    // pip splits this variable on whitespace: an absolute local directory goes as a `file:` URL, whose
    // spaces are %20 (a path with a space would become two locations); a relative one as given, read by
    // pip against its working directory.
    if (indexes.findLinks.length > 0) {
        env['PIP_FIND_LINKS'] = indexes.findLinks
            .map((link) => ((0,external_node_path_.isAbsolute)(link) ? (0,external_node_url_.pathToFileURL)(link).href : link))
            .join(' ');
    }
    const trusted = plainHttpHosts([...indexes.indexUrls, ...indexes.findLinks]);
    if (trusted.length > 0)
        env['PIP_TRUSTED_HOST'] = trusted.join(' ');
    if (indexes.timeoutSec !== undefined && indexes.timeoutSec > 0)
        env['PIP_TIMEOUT'] = String(indexes.timeoutSec);
    if (indexes.retries !== undefined)
        env['PIP_RETRIES'] = String(indexes.retries);
    if (indexes.cert !== undefined)
        env['PIP_CERT'] = indexes.cert;
    if (indexes.clientCert !== undefined)
        env['PIP_CLIENT_CERT'] = indexes.clientCert;
    env['PIP_DISABLE_PIP_VERSION_CHECK'] = '1';
    env['PIP_NO_INPUT'] = '1';
    env['PYTHONIOENCODING'] = 'utf-8';
    return env;
}

// EXTERNAL MODULE: ./src/install/probe-cache.ts
var probe_cache = __webpack_require__(4934);
// EXTERNAL MODULE: ./src/flow/target-detect.ts
var target_detect = __webpack_require__(6319);
;// CONCATENATED MODULE: ./src/flow/build-context.ts
/**
 * What the flow needs to build sdists for a run (issue 11 §1), made once per run from the prepared
 * inputs: the target as the build layer sees it, the interpreter that builds (the python found
 * for the target, else the first python3/python on PATH; probed once, lazily, so a run without a
 * build never starts Python), the frontend over it with the resolver's indexes, and a limit on
 * parallel pip runs (the machine's cores) shared by metadata preparation and builds. Given a probe
 * cache directory, the interpreter's answer (and the search for python3/python) is kept there
 * (src/install/probe-cache.ts), as target detection and `install` keep theirs.
 */






function buildTargetView(target) {
    return {
        summary: target.summary,
        pythonVersion: target.options.pythonVersion,
        implementation: target.options.implementation ?? 'cp',
        tagPriority: target.tagPriority,
    };
}
/** `runBuildProbe` with its answers kept in the probe cache `dir` (used when `parseBuildProbe` accepts them). */
function cachedBuildProbe(dir, cwd) {
    return (command, args, env) => (0,probe_cache/* cachedProbe */.ND)({ dir, cwd, env: env ?? process.env }, command, args, () => (0,build_target/* runBuildProbe */.UX)(command, args, env), (stdout) => (0,build_target/* parseBuildProbe */.AG)(stdout, command) !== undefined);
}
function createBuildContext(o) {
    const { prepared } = o;
    let probed;
    const slots = Math.max(1, Math.floor(o.slots ?? (0,external_node_os_.availableParallelism)()));
    let running = 0;
    const waiting = [];
    // Made on first use: a run without a build never puts credentials into a pip environment (nor
    // registers them as secrets, which the action announces with ::add-mask::).
    let env;
    const headersTimeoutMs = prepared.http?.headersTimeoutMs;
    const pipEnv = () => (env ??= frontendEnv(o.env, {
        indexUrls: prepared.finder.indexUrls,
        findLinks: prepared.finder.findLinks,
        namedIndexes: prepared.finder.namedIndexes,
        // The resolver's transport settings (frontend-env.ts: pip reads no configuration file).
        ...(headersTimeoutMs !== undefined && headersTimeoutMs > 0
            ? { timeoutSec: headersTimeoutMs / 1000 }
            : {}),
        ...(prepared.http?.retries !== undefined ? { retries: prepared.http.retries } : {}),
        ...prepared.tls,
    }));
    return {
        target: buildTargetView(prepared.target),
        slots,
        interpreter() {
            probed ??= (async () => {
                const cache = o.probeCache;
                const command = o.python ??
                    prepared.detected.python?.command ??
                    (await (0,target_detect/* findPython */.Kq)(cache === undefined ? undefined : (0,target_detect/* cachedRunCommand */.Pf)({ dir: cache, cwd: o.cwd })))
                        ?.command;
                if (command === undefined)
                    return undefined;
                return (0,build_target/* probeInterpreter */.bt)(command, pipEnv(), cache === undefined ? undefined : cachedBuildProbe(cache, o.cwd));
            })();
            return probed;
        },
        frontend: (interpreter) => ({ python: interpreter.command, env: pipEnv(), cwd: o.cwd }),
        pipOptions: (project) => {
            const options = prepared.inputs.buildOptions.get(project);
            return options === undefined ? [] : (0,build_wheel/* pipBuildArgs */.NT)(options);
        },
        async limit(task) {
            if (running >= slots)
                await new Promise((resolve) => waiting.push(resolve));
            running++;
            try {
                return await task();
            }
            finally {
                running--;
                waiting.shift()?.();
            }
        },
    };
}


/***/ }),

/***/ 6016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ UnsatisfiableError),
/* harmony export */   r: () => (/* binding */ FlowInputError)
/* harmony export */ });
/**
 * The errors a flow throws for the user's input and for a resolution that does not exist, apart
 * from failure.ts (which tells what any failure means and so imports every error class of the
 * tool): a flow needs only these, and the CLI loads failure.ts only when a run fails (start-up,
 * issue 14 §2).
 */
/** A problem with what the user gave (files, options, target): exit 2. */
class FlowInputError extends Error {
    locations;
    name = 'FlowInputError';
    constructor(message, locations = []) {
        super(message);
        this.locations = locations;
    }
}
/** No set of versions satisfies the requirements: exit 1, the explanation is the message. */
class UnsatisfiableError extends Error {
    name = 'UnsatisfiableError';
}


/***/ }),

/***/ 4058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ lazyMetadataFetcher)
/* harmony export */ });
/* harmony import */ var _index_capability_memo_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4939);
/**
 * A MetadataFetcher whose code (index/metadata-fetch.ts and the range, ZIP and download modules
 * under it) is loaded when first used or when `load` is called, not before the run's first
 * request (issue 14 §2 start-up): the speculative walk and the resolver ask for metadata only once
 * pages have arrived. Behaviour is the loaded fetcher's; nothing is downloaded before it exists,
 * so `downloadedPath` answers undefined until then.
 */

function lazyMetadataFetcher(options) {
    const memo = options.memo ?? new _index_capability_memo_js__WEBPACK_IMPORTED_MODULE_0__/* .CapabilityMemo */ .F();
    let loaded;
    let loading;
    const load = () => (loading ??= Promise.all(/* import() */[__webpack_require__.e(255), __webpack_require__.e(578)]).then(__webpack_require__.bind(__webpack_require__, 4578)).then(({ createMetadataFetcher }) => (loaded = createMetadataFetcher({ ...options, memo }))));
    return {
        memo,
        load,
        fetchMetadata: async (file) => (await load()).fetchMetadata(file),
        wholeFile: async (file) => (await load()).wholeFile(file),
        downloadedPath: (file) => loaded?.downloadedPath(file),
    };
}


/***/ }),

/***/ 8664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  iA: () => (/* binding */ prepare)
});

// UNUSED EXPORTS: frontendTls, pipNetworkOptions

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/provider/lock-kind.ts
var lock_kind = __webpack_require__(5409);
// EXTERNAL MODULE: ./src/provider/project-inputs.ts + 1 modules
var project_inputs = __webpack_require__(2214);
// EXTERNAL MODULE: ./src/provider/requirement-inputs.ts + 5 modules
var requirement_inputs = __webpack_require__(5123);
// EXTERNAL MODULE: ./src/provider/target.ts + 1 modules
var provider_target = __webpack_require__(7224);
// EXTERNAL MODULE: ./src/standards/requirements-file-options.ts
var requirements_file_options = __webpack_require__(1548);
// EXTERNAL MODULE: ./src/standards/requirements-file-binary.ts
var requirements_file_binary = __webpack_require__(3437);
// EXTERNAL MODULE: ./src/index/transfer-limits.ts
var transfer_limits = __webpack_require__(9914);
// EXTERNAL MODULE: ./src/util/bounded-read.ts
var bounded_read = __webpack_require__(4282);
// EXTERNAL MODULE: ./src/build/prepare-metadata.ts
var prepare_metadata = __webpack_require__(5505);
// EXTERNAL MODULE: ./src/standards/markers.ts + 1 modules
var standards_markers = __webpack_require__(597);
// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/requirement.ts
var requirement = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/flow/build-context.ts + 1 modules
var build_context = __webpack_require__(9034);
// EXTERNAL MODULE: ./src/flow/flow-errors.ts
var flow_errors = __webpack_require__(6016);
;// CONCATENATED MODULE: ./src/flow/dynamic-projects.ts
/**
 * Dynamic project dependencies (issue 11, §2): a pyproject.toml whose `[project]` lists
 * `dependencies` (or, with extras asked for, `optional-dependencies`) in `dynamic`, and a local
 * project (`-e .`, `./pkg`) that has no static `[project]` table (setup.py only). Their
 * dependencies are what the target interpreter's pip, as the PEP 517 frontend, prepares as
 * metadata (src/build/prepare-metadata.ts: `pip install --dry-run --no-deps --report -`, with the
 * run's indexes, so the build backend comes from the user's index).
 *
 * The metadata's Requires-Dist entries become root requirements: an entry applies when its marker
 * holds on the target with no extra or with one of the extras asked for (PEP 508 `extra`); the
 * marker is then dropped (it has been decided). A requirement on the project itself adds its
 * extras. An extra the metadata does not provide is an error naming the file.
 */







/** Requires-Dist entries of one project that apply on the target with `extras` (self-references expanded). */
function applicableRequirements(name, requiresDist, markers, asked, allExtras, label, providesExtra) {
    const parsed = requiresDist.map((text) => (0,requirement/* parseRequirement */.pP)(text));
    const known = new Set([
        ...providesExtra.map(names/* normalizeName */.Pc),
        ...parsed.flatMap((r) => (r.marker ? (0,standards_markers/* markerExtras */.wJ)(r.marker) : [])),
    ]);
    const extras = new Set(allExtras ? known : asked.map(names/* normalizeName */.Pc));
    for (const e of extras) {
        if (!known.has(e)) {
            throw new flow_errors/* FlowInputError */.r(`${label}: the project's metadata has no extra ${JSON.stringify(e)} (extras: ${[...known].join(', ') || 'none'})`);
        }
    }
    const self = (0,names/* normalizeName */.Pc)(name);
    // Self-references (`myproj[test]` in an extra) add extras until nothing changes (bounded by `known`).
    for (let changed = true; changed;) {
        changed = false;
        for (const r of parsed) {
            if (r.name !== self || (r.marker !== undefined && !(0,standards_markers/* evaluateMarker */.UZ)(r.marker, markers, ['', ...extras])))
                continue;
            for (const e of r.extras) {
                if (!extras.has(e) && known.has(e)) {
                    extras.add(e);
                    changed = true;
                }
            }
        }
    }
    return parsed
        .filter((r) => r.name !== self && (r.marker === undefined || (0,standards_markers/* evaluateMarker */.UZ)(r.marker, markers, ['', ...extras])))
        .map((r) => {
        const { marker: _decided, ...rest } = r;
        return rest;
    });
}
/** Asks the frontend for every dynamic project of `inputs` and adds their requirements (mutates `inputs`). */
async function addDynamicProjects(inputs, prepared, o) {
    if (inputs.dynamicProjects.length === 0)
        return;
    const context = (0,build_context/* createBuildContext */.Yo)({
        prepared,
        env: o.env,
        cwd: o.cwd,
        ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
    });
    const interpreter = await context.interpreter();
    const add = async (p) => {
        if (interpreter === undefined) {
            throw new flow_errors/* FlowInputError */.r(`${p.label}: the project's dependencies come from its build backend, which needs a python3/python on PATH to run (none found)`);
        }
        o.logger.info(`${p.label}: dependencies are dynamic; asking ${interpreter.command} -m pip for the prepared metadata`);
        const meta = await context.limit(() => (0,prepare_metadata/* prepareMetadata */.jt)(context.frontend(interpreter), (0,external_node_path_.resolve)(o.cwd, p.dir), { label: p.label }));
        const text = new TextDecoder().decode(meta.metadata);
        const provides = [...text.matchAll(/^Provides-Extra:\s*(\S+)\s*$/gim)].map((m) => m[1]);
        const reqs = applicableRequirements(meta.name, meta.requiresDist, prepared.target.markers, p.extras, p.allExtras, p.label, provides);
        if (p.local !== undefined) {
            inputs.localProjects.push({
                name: (0,names/* normalizeName */.Pc)(meta.name),
                path: p.local.path,
                editable: p.local.editable,
                extras: p.extras,
                origin: p.local.origin,
            });
        }
        return reqs.map((requirement) => ({
            requirement,
            origin: `${p.label} (prepared metadata of ${meta.name} ${meta.version})`,
        }));
    };
    for (const p of inputs.dynamicProjects)
        inputs.requirements.push(...(await add(p)));
    const local = new Set(inputs.localProjects.map((p) => p.name));
    inputs.requirements = inputs.requirements.filter((r) => !local.has(r.requirement.name));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/flow/finder-options.ts
/**
 * Package-finder options of a fetch or resolve: pip's configuration, then what the command line (or
 * the action's inputs) says, then what the requirement files say, in pip's order: a file's `-i`
 * replaces every index named before it (the command line's too), extra index URLs and find-links
 * accumulate, `--no-index` and `--pre` from any side turn on, and `--only-binary` / `--no-binary`
 * values are applied one after another — configuration, command line, files (pip's FormatControl,
 * see requirements-file-options.ts).
 */




/** pip's default index (PEP 503 simple API of PyPI). */
const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';
class FinderOptionsError extends Error {
    name = 'FinderOptionsError';
}
/** Whether `url` can be an index URL: an http(s) or file URL (the schemes pip's finder reads). */
function isIndexUrl(url) {
    try {
        return /^(https?|file):$/.test(new URL(url).protocol);
    }
    catch {
        return false;
    }
}
function checkUrl(url, what) {
    if (isIndexUrl(url))
        return;
    // Never echo the value whole: it may carry a password; show it without userinfo, shortened.
    const shown = (0,redact/* maskUserinfo */.g6)(url).slice(0, 80);
    throw new FinderOptionsError(`${what} ${JSON.stringify(shown)} is not an http(s) or file URL`);
}
const NAMED = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/;
/** `NAME=URL` → name and URL; a plain URL has no name. */
function splitNamedIndex(text) {
    const m = NAMED.exec(text.trim());
    if (m === null || /^[a-z][a-z0-9+.-]*:/i.test(text.trim()))
        return { url: text.trim() };
    return { name: m[1], url: m[2] };
}
/**
 * `configured` is pip's configuration (pip-config.ts): pip's defaults for its options, so anything
 * given explicitly wins over it — a command-line/input `--index-url` and a requirement file's `-i`
 * replace its index-url; its extra index URLs and find-links come before the given ones and the
 * files' (all are used); its only-binary/no-binary values apply before the given ones and the files'.
 */
function effectiveFinder(files, givenRaw, configured, 
/** Relative find-links paths are read from `cwd`; `~/…` from `home` when it exists there. */
paths) {
    const namedIndexes = [];
    const unname = (text) => {
        const { name, url } = splitNamedIndex(text);
        if (name !== undefined)
            namedIndexes.push({ name, url });
        return url;
    };
    const given = {
        ...givenRaw,
        ...(givenRaw.indexUrl !== undefined ? { indexUrl: unname(givenRaw.indexUrl) } : {}),
        ...(givenRaw.extraIndexUrls !== undefined ? { extraIndexUrls: givenRaw.extraIndexUrls.map(unname) } : {}),
    };
    const onlyBinary = { all: false, names: [] };
    const noBinary = { all: false, names: [] };
    for (const [value, mine, other] of [
        [configured?.onlyBinary, onlyBinary, noBinary],
        [configured?.noBinary, noBinary, onlyBinary],
    ]) {
        if (value === undefined)
            continue;
        const bad = (0,requirements_file_options/* applyBinaryValue */.l$)(value.value, mine, other);
        if (bad.length > 0) {
            throw new FinderOptionsError(`${value.source}: ${bad.map((n) => JSON.stringify(n)).join(', ')} is not :all:, :none: or a project name`);
        }
    }
    const invalid = [];
    for (const v of given.onlyBinary ?? [])
        invalid.push(...(0,requirements_file_options/* applyBinaryValue */.l$)(v, onlyBinary, noBinary));
    for (const v of given.noBinary ?? [])
        invalid.push(...(0,requirements_file_options/* applyBinaryValue */.l$)(v, noBinary, onlyBinary));
    if (invalid.length > 0) {
        throw new FinderOptionsError(`--only-binary/--no-binary: ${invalid.map((n) => JSON.stringify(n)).join(', ')} ${invalid.length === 1 ? 'is not a valid project name' : 'are not valid project names'} (use :all:, :none: or names separated by commas)`);
    }
    // pip parses the requirement files after its configuration and command line: their values
    // change the finder's format control last, one after another (checked with pip 23.2).
    for (const v of files.binaryValues)
        (0,requirements_file_options/* applyBinaryOption */.tv)(v.option, v.value, { onlyBinary, noBinary });
    if (given.indexUrl !== undefined)
        checkUrl(given.indexUrl, '--index-url');
    for (const u of given.extraIndexUrls ?? [])
        checkUrl(u, '--extra-index-url');
    if (configured?.indexUrl !== undefined)
        checkUrl(configured.indexUrl.value, configured.indexUrl.source);
    for (const u of configured?.extraIndexUrls?.value ?? [])
        checkUrl(u, configured?.extraIndexUrls?.source ?? '');
    const noIndex = given.noIndex === true || files.noIndex || configured?.noIndex?.value === true;
    // pip's order: the configuration's values are the defaults the command line overrides (index) or
    // extends (extra indexes); the files come last — a file's `-i` replaces the whole list so far,
    // the command line's index and extra indexes included (req_file.py `handle_option_line`, checked
    // with pip 23.2: `--index-url A --extra-index-url B -r f` with `-i C` in f looks in C only).
    const primary = files.indexUrl !== undefined
        ? [files.indexUrl, 'a requirement file (-i)']
        : given.indexUrl !== undefined
            ? [given.indexUrl, '--index-url']
            : configured?.indexUrl !== undefined
                ? [configured.indexUrl.value, configured.indexUrl.source]
                : [DEFAULT_INDEX_URL, "pip's default"];
    const indexUrls = noIndex
        ? []
        : files.indexUrl !== undefined
            ? [files.indexUrl, ...files.extraIndexUrls]
            : [
                primary[0],
                ...(configured?.extraIndexUrls?.value ?? []),
                ...(given.extraIndexUrls ?? []),
                ...files.extraIndexUrls,
            ];
    const indexSource = noIndex
        ? `no index (--no-index${configured?.noIndex?.value === true ? ` from ${configured.noIndex.source}` : ''})`
        : primary[1];
    return {
        indexUrls: [...new Set(indexUrls)],
        findLinks: [
            ...new Set([...(configured?.findLinks?.value ?? []), ...(given.findLinks ?? []), ...files.findLinks].map((link) => (paths === undefined ? link : absoluteLocalLink(link, paths.cwd, paths.home)))),
        ],
        pre: given.pre === true || files.pre || configured?.pre?.value === true,
        preferBinary: given.preferBinary === true || files.preferBinary || configured?.preferBinary?.value === true,
        indexSource,
        onlyBinary,
        noBinary,
        strategy: given.indexStrategy ?? 'first-index',
        namedIndexes,
    };
}
/**
 * A find-links location that is a relative path, read against the run's working directory (pip reads
 * it against its own); URLs and absolute paths as given. A value starting with `~` is the user's
 * home directory when that path exists, as pip's `SearchScope.create` does (`normalize_path`), else
 * a relative path. Made absolute once here so every reader — the finder (find-links.ts `toLocation`,
 * which takes only `scheme://` as a URL), the find-links stamps, a build's pip — sees one directory.
 */
function absoluteLocalLink(link, cwd, home) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link) || (0,external_node_path_.isAbsolute)(link))
        return link;
    if (home !== undefined && home !== '' && /^~(\/|$)/.test(link)) {
        const expanded = (0,external_node_path_.resolve)(home, link.slice(2));
        if ((0,external_node_fs_.existsSync)(expanded))
            return expanded;
    }
    return (0,external_node_path_.resolve)(cwd, link);
}

// EXTERNAL MODULE: ./src/flow/target-detect.ts
var target_detect = __webpack_require__(6319);
;// CONCATENATED MODULE: ./src/flow/prepare.ts
/**
 * The first part of every run, shared by `wheelhouse resolve`, `wheelhouse fetch` and the action:
 * read the requirement files (pip's format, with includes and constraints), merge the finder
 * options, and decide the target. Nothing here touches the network.
 */
















/** pip's `cert` / `client-cert` the user configured: the build frontend's pip reads no configuration itself. */
function frontendTls(o) {
    return {
        ...(o.pipConfig?.cert !== undefined ? { cert: o.pipConfig.cert.value } : {}),
        ...(o.pipConfig?.clientCert !== undefined ? { clientCert: o.pipConfig.clientCert.value } : {}),
    };
}
/**
 * pip's `--timeout` and `--retries` as wheelhouse applies them (retries: the command line, then pip's
 * configuration). The timeout is the wait for each response to start (the rest of an
 * exchange has its own limits, src/index/transfer-limits.ts). The command line wins, then
 * WHEELHOUSE_HTTP_HEADERS_TIMEOUT (read by the HTTP client itself), then pip's configuration
 * (PIP_TIMEOUT, PIP_DEFAULT_TIMEOUT, pip.conf `timeout`); none: the client's default.
 */
function pipNetworkOptions(o) {
    const retries = o.retries ?? o.pipConfig?.retries?.value;
    const out = retries !== undefined ? { retries } : {};
    if (o.timeoutSec !== undefined)
        return { ...out, headersTimeoutMs: Math.round(o.timeoutSec * 1000) };
    if ((o.env ?? process.env)[transfer_limits/* LIMIT_ENV */.UZ.headersTimeout]?.trim())
        return out;
    const configured = o.pipConfig?.timeoutSec;
    return configured !== undefined ? { ...out, headersTimeoutMs: Math.round(configured.value * 1000) } : out;
}
/** Where relative find-links paths are read from (effectiveFinder): the run's cwd and HOME. */
function linkPaths(o) {
    return { cwd: o.cwd ?? process.cwd(), home: (o.env ?? process.env)['HOME'] };
}
async function prepare(o) {
    if (o.requirementFiles.length === 0) {
        throw new flow_errors/* FlowInputError */.r('no requirement files given (CLI: -r FILE; action: the requirements input)');
    }
    // The secret parts of every URL given on the command line / as inputs are secrets of the run from
    // here on (src/index/redact.ts); the files' own URLs and `${VAR}` values are registered as read.
    for (const u of [
        ...(o.finder.indexUrl !== undefined ? [o.finder.indexUrl] : []),
        ...(o.finder.extraIndexUrls ?? []),
        ...(o.finder.findLinks ?? []),
        // pip's configuration (PIP_INDEX_URL may carry a token) likewise.
        ...(o.pipConfig?.indexUrl !== undefined ? [o.pipConfig.indexUrl.value] : []),
        ...(o.pipConfig?.extraIndexUrls?.value ?? []),
        ...(o.pipConfig?.findLinks?.value ?? []),
    ])
        (0,redact/* registerUrlSecrets */.AI)(splitNamedIndex(u).url);
    const cwd = o.cwd ?? process.cwd();
    // Paths stay as given (relative ones shown relative) but are read from `cwd`.
    // The requirement-file parser names its own, smaller, bound per file (requirements-file.ts).
    const io = {
        readFile: (p, maxBytes) => (0,bounded_read/* readTextBounded */.LW)((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(cwd, p), p, ...(maxBytes !== undefined ? [maxBytes] : [])),
        existingPath: async (p) => {
            const absolute = (0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(cwd, p);
            return (await (0,promises_.stat)(absolute).catch(() => undefined)) !== undefined ? absolute : undefined;
        },
    };
    const lockFiles = o.requirementFiles.filter((f) => (0,lock_kind/* lockKindOf */.r)(f) !== undefined);
    if (lockFiles.length > 0)
        return { ...(await prepareLocked(o, io)), http: pipNetworkOptions(o), tls: frontendTls(o) };
    const inputs = await (0,requirement_inputs/* readRequirementInputs */.TV)(o.requirementFiles, o.constraintFiles ?? [], io, o.env ?? process.env, o.selection ?? project_inputs/* NO_SELECTION */.dn);
    const finder = effectiveFinder(inputs.options, o.finder, o.pipConfig, linkPaths(o));
    logFinderSource(o, finder);
    if (inputs.options.indexUrl !== undefined &&
        finder.indexUrls.length > 0 &&
        (o.finder.indexUrl !== undefined || (o.finder.extraIndexUrls ?? []).length > 0)) {
        o.logger.warn("a requirement file's -i replaces the index and extra indexes given as options or inputs (as pip does); the files' indexes are used");
    }
    if (inputs.impliedNoBinary !== undefined) {
        o.logger.warn(`${inputs.impliedNoBinary}: --global-option implies --no-binary :all: (as pip 23.2 does): every distribution is built from its sdist`);
    }
    if (finder.indexUrls.length === 0 && finder.findLinks.length === 0) {
        throw new flow_errors/* FlowInputError */.r('--no-index is set and no --find-links location is given: nothing to resolve from');
    }
    const decided = await decideTarget(o);
    const settings = {
        noDeps: o.noDeps === true,
        requireHashes: o.requireHashes === true || inputs.options.requireHashes,
        http: pipNetworkOptions(o),
        tls: frontendTls(o),
    };
    // Dynamic dependencies (PEP 621 `dynamic`, setup.py-only local projects) from the frontend,
    // which needs the finder's indexes and the target's interpreter.
    await addDynamicProjects(inputs, { inputs, finder, ...decided, ...settings }, {
        env: o.env ?? process.env,
        cwd,
        logger: o.logger,
        ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
    });
    return { inputs, finder, ...decided, ...settings };
}
function logFinderSource(o, finder) {
    if (o.pipConfig !== undefined && o.pipConfig.files.length > 0) {
        o.logger.debug(`pip configuration files read: ${o.pipConfig.files.join(', ')}`);
    }
    const primary = finder.indexUrls[0];
    o.logger.info(primary === undefined
        ? `index: ${finder.indexSource}`
        : `index ${(0,redact/* redactUrl */.BO)(primary)} (from ${finder.indexSource})${finder.indexUrls.length > 1 ? `, ${finder.indexUrls.length - 1} extra` : ''}`);
}
async function decideTarget(o) {
    const cache = o.probeCache;
    const find = o.findPython ??
        (cache !== undefined
            ? () => (0,target_detect/* findPython */.Kq)((0,target_detect/* cachedRunCommand */.Pf)({ dir: cache, cwd: o.cwd ?? process.cwd() }))
            : undefined);
    const detected = await (0,target_detect/* detectTarget */.TY)({
        explicit: o.target,
        ...(find !== undefined ? { findPython: find } : {}),
        ...(o.runner ? { runner: o.runner } : {}),
    });
    const target = (0,provider_target/* targetEnvironment */.dK)(detected.options);
    const describe = `${target.summary} (Python ${target.pythonVersion.toString()})`;
    o.logger.info(`target ${describe}: Python from ${detected.source.python === 'explicit' ? 'the given version' : `${detected.python?.command ?? 'python'}${(0,external_node_path_.isAbsolute)(detected.python?.command ?? '') ? '' : ' on PATH'}`}, platform from ${detected.source.platform === 'explicit' ? 'the given tags' : 'this runner'}`);
    return { detected, target, describe };
}
/**
 * A lock file input (uv.lock, pylock.toml) is the whole resolution: it must be the only input, and
 * its packages are selected for the target here, with the finder's binary rules (only-binary /
 * no-binary) deciding between a package's wheels and its sdist.
 */
async function prepareLocked(o, io) {
    const [file] = o.requirementFiles;
    if (o.requirementFiles.length !== 1 || (o.constraintFiles ?? []).length > 0) {
        throw new flow_errors/* FlowInputError */.r(`${file}: a lock file is the whole resolution, so it must be the only requirement input, without constraints (given: ${[...o.requirementFiles, ...(o.constraintFiles ?? [])].join(', ')})`);
    }
    const options = (0,requirements_file_options/* defaultOptions */.KQ)();
    const finder = effectiveFinder(options, o.finder, o.pipConfig, linkPaths(o));
    const text = await io.readFile(file);
    const decided = await decideTarget(o);
    const { readLockInput } = await __webpack_require__.e(/* import() */ 941).then(__webpack_require__.bind(__webpack_require__, 7941));
    const locked = readLockInput(file, text, {
        target: decided.target,
        selection: o.selection ?? project_inputs/* NO_SELECTION */.dn,
        mayUseWheel: (name) => (0,requirements_file_binary/* mayUseWheel */.sf)(finder, name),
        mayUseSdist: (name) => (0,requirements_file_binary/* mayUseSdist */.Or)(finder, name),
    });
    o.logger.info(`${file}: ${locked.resolution.packages.length} packages selected for ${decided.describe} from the lock (no resolution)${locked.localProjects.length > 0 ? `; local projects: ${locked.localProjects.map((p) => p.name).join(', ')}` : ''}`);
    const inputs = {
        requirements: [],
        constraints: [],
        hashes: new Map(),
        directFiles: new Map(),
        options,
        files: [file],
        localProjects: locked.localProjects,
        dynamicProjects: [],
        buildOptions: new Map(),
    };
    // The lock pins every file by its hash already; --no-deps has nothing to leave out.
    return { inputs, finder, ...decided, locked, noDeps: false, requireHashes: false };
}


/***/ }),

/***/ 2943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  er: () => (/* binding */ lockedStats),
  g6: () => (/* binding */ resolvePrepared),
  yP: () => (/* binding */ runResolve)
});

// UNUSED EXPORTS: RESOLVE_CONCURRENCY, writeOutputFile

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/index/http.ts + 8 modules
var index_http = __webpack_require__(559);
// EXTERNAL MODULE: ./src/index/index-client.ts + 5 modules
var index_client = __webpack_require__(5552);
// EXTERNAL MODULE: ./src/provider/require-hashes.ts
var require_hashes = __webpack_require__(8107);
// EXTERNAL MODULE: ./src/standards/requirements-file-binary.ts
var requirements_file_binary = __webpack_require__(3437);
// EXTERNAL MODULE: ./src/util/atomic-file.ts
var atomic_file = __webpack_require__(9638);
// EXTERNAL MODULE: ./src/flow/flow-errors.ts
var flow_errors = __webpack_require__(6016);
// EXTERNAL MODULE: ./src/flow/prepare.ts + 2 modules
var prepare = __webpack_require__(8664);
// EXTERNAL MODULE: ./src/flow/build-context.ts + 1 modules
var build_context = __webpack_require__(9034);
// EXTERNAL MODULE: ./src/flow/lazy-metadata-fetcher.ts
var lazy_metadata_fetcher = __webpack_require__(4058);
// EXTERNAL MODULE: ./src/provider/candidate-policy.ts
var candidate_policy = __webpack_require__(3619);
// EXTERNAL MODULE: ./src/provider/candidates.ts
var candidates = __webpack_require__(6547);
// EXTERNAL MODULE: ./src/provider/dist-metadata.ts
var dist_metadata = __webpack_require__(6979);
// EXTERNAL MODULE: ./src/standards/markers.ts + 1 modules
var markers = __webpack_require__(597);
// EXTERNAL MODULE: ./src/standards/requirement.ts
var requirement = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/standards/specifier.ts
var specifier = __webpack_require__(9350);
// EXTERNAL MODULE: ./src/util/logger.ts
var logger = __webpack_require__(6618);
;// CONCATENATED MODULE: ./src/flow/speculation.ts







/** Outcomes are shared per file: the name and the declared sha256 (else the URL), as the fetcher does. */
function fileKey(file) {
    return `${file.filename}\u0000${file.hashes.sha256?.toLowerCase() ?? file.url}`;
}
/** At most this many releases of one project are found dead and passed over by the walk. */
const DEAD_LIMIT = 4;
function ownerKey(name, release) {
    return `${name}\u0000${release.version.toString()}`;
}
function createSpeculation(o) {
    const projects = new Map();
    const outcomes = new Map();
    const stats = { pages: 0, guesses: 0 };
    const handoff = new Map();
    const computed = new WeakMap();
    /** Projects whose page the resolution has taken. */
    const taken = new Set();
    const applies = (r) => r.marker === undefined || (0,markers/* evaluateMarker */.UZ)(r.marker, o.markers);
    const constraints = (0,requirement/* specifiersByName */.SF)(o.constraints.map((c) => c.requirement).filter(applies));
    function fetchMetadata(file) {
        const key = fileKey(file);
        let p = outcomes.get(key);
        if (p === undefined) {
            p = o.metadata.fetchMetadata(file);
            outcomes.set(key, p);
            p.catch(() => {
                if (outcomes.get(key) === p)
                    outcomes.delete(key);
            });
        }
        return p;
    }
    /**
     * A requirement on `name` seen by the walk: from the roots (`owner` undefined) or from the
     * guessed release `owner` of another project.
     */
    function want(name, spec, extras, owner) {
        if (o.directNames?.has(name) === true)
            return;
        let state = projects.get(name);
        const isNew = state === undefined;
        if (state === undefined) {
            const constraint = constraints.get(name);
            state = {
                fixed: new specifier/* SpecifierSetBuilder */.kv(...(constraint !== undefined ? [constraint] : [])),
                from: new Map(),
                root: false,
                extras: new Set(),
                dead: new Set(),
                followed: new Set(),
                waiting: [],
            };
            projects.set(name, state);
        }
        if (owner === undefined) {
            state.root = true;
            if (!spec.isEmpty)
                state.fixed.add(spec);
        }
        else {
            const key = ownerKey(owner.name, owner.release);
            let named = state.from.get(key);
            if (named === undefined)
                state.from.set(key, (named = new specifier/* SpecifierSetBuilder */.kv()));
            if (!spec.isEmpty)
                named.add(spec);
            // Whether the owner can be chosen at all shows once this page's candidates are known.
            const check = { spec, owner: owner.name, release: owner.release };
            if (state.candidates !== undefined)
                settleCheck(state.candidates, check);
            else
                state.waiting.push(check);
        }
        let grew = false;
        for (const e of extras) {
            if (!state.extras.has(e)) {
                state.extras.add(e);
                grew = true;
            }
        }
        if (isNew) {
            // The resolution looks at this project already: its page is gone from here, and the solver
            // asks for the METADATA it needs itself.
            if (taken.has(name))
                return;
            stats.pages++;
            walkPage(name).then((page) => {
                if (page !== null)
                    guess(name, page);
            }, () => { });
        }
        else if (state.guessed === undefined) {
            // Its page is here but nothing was guessed (no live release wanted it, or a dead one's
            // specifier matched nothing): this requirement may change that.
            pick(name, state);
        }
        else if (grew && state.deps !== undefined) {
            walk(name, state);
        }
    }
    /** The specifier the solver will hold on a project: the roots', constraints' and live releases'. */
    function specOf(state) {
        const all = new specifier/* SpecifierSetBuilder */.kv(state.fixed.set);
        for (const named of state.from.values())
            all.add(named.set);
        return all.set;
    }
    function guess(name, page) {
        const state = projects.get(name);
        if (state === undefined)
            return;
        // The page's candidates, computed once here and kept for the resolution (`candidatesOf`): the
        // resolution turns the same page into the same candidates with the same rules and pins.
        const hashes = o.hashesFor?.(name);
        let preferred;
        try {
            preferred = (0,candidates/* versionCandidates */.PF)(page, o.rules, {
                ...(hashes !== undefined ? { hashes } : {}),
                ...(o.logger !== undefined ? { logger: o.logger } : {}),
            });
        }
        catch {
            // A page that turns out unusable while its entries are read (a skimmed page, json-page-scan.ts):
            // the resolution makes its candidates itself and reports the error.
            return;
        }
        computed.set(page, preferred);
        // The candidates and the source are all the resolution reads of a page it takes from here
        // (ProjectUniverse.loadProject): until it does, hold a stand-in without the links, so the page's
        // body (megabytes at PyPI scale) is not kept alive while the walk runs ahead.
        if (handoff.has(name)) {
            const light = {
                project: page.project,
                source: page.source,
                get files() {
                    throw new Error(`internal error: the walk's stand-in page of ${name} has no files (read its candidates)`);
                },
            };
            computed.set(light, preferred);
            handoff.set(name, Promise.resolve(light));
        }
        state.candidates = preferred;
        pick(name, state);
        const waiting = state.waiting;
        state.waiting = [];
        for (const check of waiting)
            settleCheck(preferred, check);
    }
    /**
     * Guesses the release the solver will most likely choose and follows its METADATA — when the
     * project is still wanted by a root or a live release and the guess changed.
     */
    function pick(name, state) {
        if (state.candidates === undefined || (!state.root && state.from.size === 0))
            return;
        const project = { name, exists: true, preferred: state.candidates, ascending: [], byKey: new Map() };
        const likely = (0,candidate_policy/* admittedCandidates */.X1)(project, specOf(state), o.pre).find((c) => c.best !== undefined && !state.dead.has(c));
        if (likely?.best === undefined || likely === state.guessed)
            return;
        state.guessed = likely;
        state.deps = undefined;
        state.followed = new Set();
        const file = likely.best.file;
        stats.guesses++;
        fetchMetadata(file).then((outcome) => {
            if (outcome.kind !== 'metadata' || state.guessed !== likely)
                return;
            // Parse warnings belong to the resolution's own parse of the same file.
            // The fetcher's parse of the file (shared with the provider), when the source has one.
            const meta = (0,dist_metadata/* parseDistMetadata */.b)(outcome.parsed ?? outcome.metadata, file.filename, logger/* silentLogger */.qq);
            if (!(0,candidates/* requiresPythonAllows */.l4)(meta.requiresPython, o.rules.pythonVersion))
                return;
            state.deps = meta.requiresDist.map((d) => d.requirement);
            walk(name, state);
        }, () => { });
    }
    /**
     * A release whose requirement on a project matches no usable release of it can never be chosen
     * (whatever else the solver learns, that range stays empty): the walk passes over it.
     */
    function settleCheck(candidates, check) {
        if (candidates.some((c) => c.best !== undefined && check.spec.matches(c.version)))
            return;
        const owner = projects.get(check.owner);
        if (owner === undefined || owner.dead.has(check.release) || owner.dead.size >= DEAD_LIMIT)
            return;
        owner.dead.add(check.release);
        // What only the dead release asked of other projects no longer counts.
        const key = ownerKey(check.owner, check.release);
        const freed = [];
        for (const [other, state] of projects) {
            if (state.from.delete(key)) {
                state.waiting = state.waiting.filter((w) => w.owner !== check.owner || w.release !== check.release);
                freed.push([other, state]);
            }
        }
        if (owner.guessed === check.release)
            pick(check.owner, owner);
        // A project the dead release's specifier kept from a guess (or that nobody live names) is
        // guessed now; one already guessed keeps its guess.
        for (const [other, state] of freed)
            if (state.guessed === undefined)
                pick(other, state);
    }
    function walk(name, state) {
        const release = state.guessed;
        if (release === undefined)
            return;
        const extras = [...state.extras];
        for (const dep of state.deps ?? []) {
            if (dep.url !== undefined)
                continue;
            const m = dep.marker;
            if (m !== undefined &&
                !(0,markers/* evaluateMarker */.UZ)(m, o.markers) &&
                !(extras.length > 0 && (0,markers/* evaluateMarker */.UZ)(m, o.markers, extras)))
                continue;
            const key = `${dep.text}\u0000${dep.extras.join(',')}`;
            if (state.followed.has(key))
                continue;
            state.followed.add(key);
            if (dep.name === name && dep.extras.length === 0)
                continue;
            want(dep.name, dep.specifier, dep.extras, { name, release });
            // `want` may have found this release dead (settleCheck) and guessed another: the rest of its
            // dependencies are not the new guess's, and nothing more is asked on the dead one's behalf.
            if (state.guessed !== release)
                return;
        }
    }
    /**
     * The walk's page requests, held until the resolution takes them: each page is requested once and
     * handed on once, so nothing here (nor in the index client, `keepPages: false`) keeps a page — at
     * PyPI scale thousands of links — after both have read it.
     */
    function walkPage(name) {
        const p = o.pages.getProject(name);
        handoff.set(name, p);
        // A failed page is forgotten, so the resolution's own request is sent again and reports it.
        p.catch(() => {
            if (handoff.get(name) === p)
                handoff.delete(name);
        });
        return p;
    }
    function takePage(name) {
        taken.add(name);
        const p = handoff.get(name);
        if (p === undefined)
            return o.pages.getProject(name);
        handoff.delete(name);
        return p;
    }
    return {
        stats,
        pages: { getProject: takePage },
        candidatesOf: (page) => computed.get(page),
        metadata: { fetchMetadata },
        start() {
            for (const r of o.requirements) {
                const req = r.requirement;
                if (req.url === undefined && applies(req))
                    want(req.name, req.specifier, req.extras);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/flow/resolve.ts
/**
 * Resolution for both commands: the prepared inputs (prepare.ts) through the index client and
 * metadata fetcher into a Resolution (its texts: lock-texts.ts, loaded later). `runResolve` is the
 * whole of `wheelhouse resolve`; fetch.ts uses `resolvePrepared` (and lock-texts.ts) with its caches.
 */













/** The stats of a run that resolved nothing (a lock-file input, a reused resolution): no page, no metadata, no solver. */
function lockedStats(packages) {
    // The solver's empty stats written out: importing them would load the solver at start-up.
    const solver = {
        decisions: 0,
        conflicts: 0,
        propagations: 0,
        learned: 0,
        backjumps: 0,
        incompatibilities: 0,
        listVersionsCalls: 0,
        getDependenciesCalls: 0,
        prefetchCalls: 0,
    };
    return {
        solver,
        pages: 0,
        metadata: 0,
        metadataByPath: {},
        packages,
        policyRounds: 0,
    };
}
/** pip's file choice for the target and the finder's binary rules (as the provider builds them). */
function candidateRules(prepared) {
    const { finder, target } = prepared;
    return {
        tagPriority: target.tagPriority,
        pythonVersion: target.pythonVersion,
        tagSummary: target.summary,
        mayUseWheel: (name) => (0,requirements_file_binary/* mayUseWheel */.sf)(finder, name),
        mayUseSdist: (name) => (0,requirements_file_binary/* mayUseSdist */.Or)(finder, name),
        preferBinary: finder.preferBinary,
    };
}
/** Resolves; throws UnsatisfiableError (with the explanation) when no solution exists. */
async function resolvePrepared(o) {
    const { prepared, http, logger } = o;
    if (prepared.locked !== undefined) {
        const { resolution } = prepared.locked;
        return { resolution, stats: lockedStats(resolution.packages.length) };
    }
    const { finder, inputs, target } = prepared;
    // Its code is loaded below, while the first pages are on their way (lazy-metadata-fetcher.ts).
    const fetcher = (0,lazy_metadata_fetcher/* lazyMetadataFetcher */.H)({
        http,
        logger,
        ...(o.metadataCache ? { cache: o.metadataCache } : {}),
        ...(o.downloadDir !== undefined ? { downloadDir: o.downloadDir } : {}),
        ...(o.metadataParser !== undefined ? { parser: o.metadataParser } : {}),
        ...(o.digest !== undefined ? { digest: o.digest } : {}),
    });
    const index = (0,index_client/* createIndexClient */.q6)({
        http,
        logger,
        indexUrls: finder.indexUrls,
        findLinks: finder.findLinks,
        strategy: finder.strategy,
        ...(o.pageCache ? { pageCache: o.pageCache } : {}),
        // Each page is requested once by the speculative walk or the resolution and handed on once
        // (speculation.ts): nothing asks again, so pages are freed once read (RSS at PyPI scale).
        keepPages: false,
        ...(o.digest !== undefined ? { digest: o.digest } : {}),
    });
    const speculation = createSpeculation({
        pages: index,
        metadata: fetcher,
        rules: candidateRules(prepared),
        markers: target.markers,
        pre: finder.pre,
        requirements: inputs.requirements,
        constraints: inputs.constraints,
        hashesFor: (name) => inputs.hashes.get(name),
        directNames: new Set(inputs.directFiles.keys()),
        logger,
    });
    if (prepared.requireHashes)
        (0,require_hashes/* checkRequireHashesInputs */.P)(inputs, target.markers);
    logger.info(`resolving for ${prepared.describe}`);
    speculation.start();
    // The solver, the provider, the metadata fetcher (and, when sdists may be built, the build path)
    // are loaded while the first pages are on their way (issue 14 §2 start-up: their compile and
    // evaluation no longer come before the first request).
    const [{ resolveRequirements }, preparedMetadata] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(255), __webpack_require__.e(578), __webpack_require__.e(892)]).then(__webpack_require__.bind(__webpack_require__, 7892)),
        o.build === undefined ? undefined : __webpack_require__.e(/* import() */ 925).then(__webpack_require__.bind(__webpack_require__, 7925)),
        fetcher.load(),
    ]);
    const outcome = await resolveRequirements({
        requirements: inputs.requirements,
        constraints: inputs.constraints,
        hashes: inputs.hashes,
        directFiles: inputs.directFiles,
        options: {
            pre: finder.pre,
            onlyBinary: finder.onlyBinary,
            noBinary: finder.noBinary,
            preferBinary: finder.preferBinary,
            noDeps: prepared.noDeps,
        },
        target,
        index: speculation.pages,
        candidatesOf: (page) => speculation.candidatesOf(page),
        // Sdists that need a build are prepared only when the resolver itself asks for them (never by
        // the speculative walk, which just sees "needs a build" and stops there).
        fetcher: o.build === undefined
            ? speculation.metadata
            : preparedMetadata.withPreparedMetadata({
                source: speculation.metadata,
                files: fetcher,
                ...(o.metadataCache ? { cache: o.metadataCache } : {}),
                build: o.build,
                logger,
            }),
        // Chosen files without a sha256 from their source are downloaded whole once, to hash them;
        // the download step reuses them (fetcher.downloadedPath).
        hasher: fetcher,
        logger,
    });
    if (outcome.kind === 'unsatisfiable') {
        // An index that never had a single project page is most likely the wrong URL (no `/simple/`).
        const empty = index.indexesWithoutProjects?.() ?? [];
        const hints = empty.map((url) => `hint: ${url} answered "not found" for every project: check that it is the index's simple API URL (usually ending in /simple/)`);
        throw new flow_errors/* UnsatisfiableError */.j([outcome.explanation, ...hints].join('\n'));
    }
    const { resolution, stats } = outcome;
    if (prepared.requireHashes)
        (0,require_hashes/* checkRequireHashesResolution */.oX)(inputs, resolution);
    const byPath = Object.entries(stats.metadataByPath)
        .filter(([, n]) => n > 0)
        .map(([path, n]) => `${path} ${n}`);
    logger.info(`resolved ${resolution.packages.length} packages (${stats.pages} pages; metadata: ${byPath.length === 0 ? 'none' : byPath.join(', ')}; ${stats.solver.decisions} decisions, ${stats.solver.conflicts} conflicts)`);
    return { resolution, stats, fetcher };
}
async function writeOutputFile(path, text) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,atomic_file/* writeFileAtomic */.Z)(path, text);
}
/**
 * Default parallel requests per host of `wheelhouse resolve`: pages and METADATA files are small,
 * so a resolution is bound by round trips, and the speculative walk (speculation.ts) has up to a
 * level of the dependency graph in flight at once. Measured on real-ds (139 projects, 25 ms per
 * response): 16 → 1.10 s, 32 → 0.92 s, 64 → 0.87 s. `fetch` keeps its own default, which also bounds
 * parallel wheel downloads.
 */
const RESOLVE_CONCURRENCY = 64;
/** `wheelhouse resolve`: prepare, resolve, write the files asked for (relative to cwd). */
async function runResolve(o) {
    const prepared = await (0,prepare/* prepare */.iA)(o);
    const http = o.http ??
        (0,index_http/* createHttpClient */.u)({
            logger: o.logger,
            maxConnectionsPerHost: o.concurrency ?? RESOLVE_CONCURRENCY,
            ...(o.env !== undefined ? { env: o.env } : {}),
            namedIndexes: prepared.finder.namedIndexes,
            ...prepared.http,
        });
    // Whole files (hosts without ranges, files hashed for the lock) are only needed while resolving.
    let ownDownloadDir;
    const cwd = o.cwd ?? process.cwd();
    try {
        if (o.downloadDir === undefined)
            ownDownloadDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'wheelhouse-dl-'));
        const resolved = await resolvePrepared({
            prepared,
            http,
            logger: o.logger,
            ...(o.pageCache !== undefined ? { pageCache: o.pageCache } : {}),
            // A warm metadata cache makes the resolution send no metadata request at all.
            ...(o.metadataCache !== undefined ? { metadataCache: o.metadataCache } : {}),
            downloadDir: o.downloadDir ?? ownDownloadDir,
            ...(o.metadataParser !== undefined ? { metadataParser: o.metadataParser } : {}),
            build: (0,build_context/* createBuildContext */.Yo)({
                prepared,
                env: o.env ?? process.env,
                cwd,
                ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
            }),
        });
        for (const kind of ['lock', 'report', 'pylock']) {
            const path = o[kind];
            if (path !== undefined)
                await writeOutputFile((0,external_node_path_.resolve)(cwd, path), (await __webpack_require__.e(/* import() */ 181).then(__webpack_require__.bind(__webpack_require__, 1181))).lockText(kind, resolved.resolution, prepared));
        }
        return { ...resolved, prepared };
    }
    finally {
        if (o.http === undefined)
            await http.close();
        if (ownDownloadDir !== undefined)
            await (0,promises_.rm)(ownDownloadDir, { recursive: true, force: true }).catch(() => { });
    }
}


/***/ }),

/***/ 4939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ CapabilityMemo)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9638);
/**
 * Per-host memory of what a file host can do with byte ranges (RFC 9110 §14), so one refusal
 * costs one wasted request per host, not one per wheel:
 *   - `ranges: false`  the host ignores Range (200 + whole body), lies in Content-Range, or fails
 *                      range requests: download whole files there;
 *   - `suffix: false`  the host refuses suffix ranges `bytes=-N` (the main public CDN answers 501):
 *                      learn the size first (HEAD, or `bytes=0-0`) and use positive ranges;
 *   - `head: false`    the host refuses HEAD (405): learn the size from `bytes=0-0` instead.
 * Keys are `host[:port]` from the URL (never userinfo). Persistable as JSON so later runs start
 * informed; unknown fields and versions are ignored when loading.
 */



class CapabilityMemo {
    hosts = new Map();
    /** The host key of a URL: `host[:port]`, lower case, without userinfo. */
    static hostOf(url) {
        return new URL(String(url)).host.toLowerCase();
    }
    get(host) {
        return { ...(this.hosts.get(host) ?? {}) };
    }
    /** Records facts learned about a host (merged into what is known). */
    record(host, facts, reason) {
        const next = { ...(this.hosts.get(host) ?? {}), ...facts };
        if (reason !== undefined)
            next.reason = reason;
        this.hosts.set(host, next);
    }
    toJSON() {
        const hosts = {};
        for (const [host, cap] of [...this.hosts].sort(([a], [b]) => a.localeCompare(b)))
            hosts[host] = { ...cap };
        return { version: 1, hosts };
    }
    static fromJSON(value) {
        const memo = new CapabilityMemo();
        const file = value;
        if (file === null || typeof file !== 'object' || file.version !== 1 || typeof file.hosts !== 'object')
            return memo;
        for (const [host, cap] of Object.entries(file.hosts ?? {})) {
            if (cap === null || typeof cap !== 'object')
                continue;
            const clean = {};
            for (const key of ['ranges', 'suffix', 'head']) {
                if (typeof cap[key] === 'boolean')
                    clean[key] = cap[key];
            }
            if (typeof cap.reason === 'string')
                clean.reason = cap.reason;
            memo.hosts.set(host, clean);
        }
        return memo;
    }
    /** Loads a memo file; a missing or unreadable file gives an empty memo. */
    static async load(path) {
        try {
            return CapabilityMemo.fromJSON(JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8')));
        }
        catch {
            return new CapabilityMemo();
        }
    }
    /** Writes the memo atomically (temporary sibling + rename). */
    async save(path) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
        await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(path, JSON.stringify(this.toJSON(), null, 2) + '\n');
    }
}


/***/ }),

/***/ 1594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gD: () => (/* binding */ findCredentials),
/* harmony export */   mn: () => (/* binding */ basicAuthHeader)
/* harmony export */ });
/* unused harmony export envKey */
/* harmony import */ var _netrc_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3612);
/**
 * Credential lookup for a request URL, first match wins (documented in docs/credentials.md):
 *   1. userinfo of the URL itself (`https://user:pass@host/…`), percent-decoded;
 *   2. a named index: `WHEELHOUSE_INDEX_<NAME>_USERNAME` / `_PASSWORD` when the URL lies under
 *      that index's URL, else when it is on the index's origin (names are given to the client by
 *      the shell, e.g. from `name=url` inputs);
 *   3. per host: `WHEELHOUSE_HTTP_<HOST>_<PORT>_USERNAME` / `_PASSWORD`, then without the port;
 *   4. netrc (`$NETRC`, else `~/.netrc`): `machine <host>`, else `default`.
 * `<NAME>`/`<HOST>` are upper-cased with every run of non-alphanumerics replaced by `_`.
 * Credentials only ever become an `Authorization: Basic` header; they are never logged.
 */

function envKey(s) {
    return s
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
}
function basicAuthHeader(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
function fromEnv(sources, prefix, source) {
    const memo = sources.memo;
    if (memo?.has(prefix) === true)
        return memo.get(prefix);
    const username = sources.env[`${prefix}_USERNAME`];
    const password = sources.env[`${prefix}_PASSWORD`];
    const found = username === undefined && password === undefined
        ? undefined
        : { username: username ?? '', password: password ?? '', source };
    memo?.set(prefix, found);
    return found;
}
/** Whether `url` is at or below `base` (same origin, path prefix at a segment boundary). */
function isUnder(url, base) {
    let b;
    try {
        b = new URL(base);
    }
    catch {
        return false;
    }
    if (b.origin !== url.origin)
        return false;
    const prefix = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
    return url.pathname === b.pathname || url.pathname.startsWith(prefix);
}
function sameOrigin(url, base) {
    try {
        return new URL(base).origin === url.origin;
    }
    catch {
        return false;
    }
}
function findCredentials(url, sources) {
    if (url.username || url.password) {
        return {
            username: decodeURIComponent(url.username),
            password: decodeURIComponent(url.password),
            source: 'url',
        };
    }
    // Under the index URL first, then anywhere on its origin (files are often served outside the
    // /simple/ tree of the same host).
    const named = sources.namedIndexes ?? [];
    for (const match of [isUnder, sameOrigin]) {
        for (const idx of named) {
            if (match(url, idx.url)) {
                const c = fromEnv(sources, `WHEELHOUSE_INDEX_${envKey(idx.name)}`, 'index-env');
                if (c)
                    return c;
            }
        }
    }
    // The rest depends on the host and port alone: answered once per host with a memo.
    const hostKey = `host ${url.host}`;
    if (sources.memo?.has(hostKey) === true)
        return sources.memo.get(hostKey);
    const found = forHost(url, sources);
    sources.memo?.set(hostKey, found);
    return found;
}
function forHost(url, sources) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.port) {
        const c = fromEnv(sources, `WHEELHOUSE_HTTP_${envKey(host)}_${url.port}`, 'host-env');
        if (c)
            return c;
    }
    const hostOnly = fromEnv(sources, `WHEELHOUSE_HTTP_${envKey(host)}`, 'host-env');
    if (hostOnly)
        return hostOnly;
    const n = (0,_netrc_js__WEBPACK_IMPORTED_MODULE_0__/* .netrcLookup */ .F_)(sources.netrc, host);
    if (n && (n.login !== undefined || n.password !== undefined)) {
        return { username: n.login ?? '', password: n.password ?? '', source: 'netrc' };
    }
    return undefined;
}


/***/ }),

/***/ 3839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ unsafeFilenameReason),
/* harmony export */   OH: () => (/* binding */ reportRefusals),
/* harmony export */   aw: () => (/* binding */ refuseDistFilename),
/* harmony export */   wI: () => (/* binding */ PageFilenameChecker)
/* harmony export */ });
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1728);
/**
 * The one check every distribution file name passes where it enters wheelhouse (an HTML anchor, a
 * PEP 691 `filename`, a find-links page or directory, a direct URL's last path segment): the name
 * later becomes a path (`join(wheelhouse, filename)`, the resolver's download directory), so it
 * must be a plain file name by construction, not by the care of each writer.
 *
 * Two rules, in this order:
 *   1. Safe path: not empty, not `.`/`..`, no `/` or `\` (hrefs are percent-decoded before they
 *      get here, so `%2F`, `%5C`, `%2E%2E` count), no `:` (Windows drives and NTFS streams), no
 *      C0/C1 control character or DEL (NUL, ESC…), no Unicode format character (bidi overrides,
 *      zero-width characters) that makes a name display as another. A name failing this is
 *      hostile: refused with a warning.
 *   2. Grammar: a wheel name (PEP 427 as maintained in the binary distribution format spec) or a
 *      source distribution name (`.tar.gz`/`.zip`, see src/standards/filenames.ts). Every part of
 *      a valid name is ASCII letters, digits and `._+!-`, except a wheel's build tag, whose rest
 *      after the leading digits the grammar leaves free: a name that parses but holds any other
 *      character is hostile too. A name that does not parse (an `.egg`, an `.exe` installer, a
 *      pre-PEP 440 version) is refused quietly: indexes list such files for old releases, and
 *      pip skips them the same way ("Skipping link: not a file"/"wrong project name" at debug).
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Unicode "Cf" format characters: bidi embeddings/overrides/isolates, zero-width marks, BOM. */
const FORMAT = /\p{Cf}/u;
const SAFE_CHARS = /^[A-Za-z0-9._+!-]+$/;
/** Rule 1 alone: why `filename` is not a plain, printable file name (undefined when it is). */
function unsafeFilenameReason(filename) {
    if (filename === '' || filename === '.' || filename === '..')
        return 'not a file name';
    if (filename.includes('/') || filename.includes('\\'))
        return 'it contains a path separator';
    if (filename.includes(':'))
        return 'it contains ":"';
    if (CONTROL.test(filename))
        return 'it contains a control character';
    if (FORMAT.test(filename))
        return 'it contains an invisible formatting character';
    return undefined;
}
/** Why `filename` is refused (undefined when it is a safe wheel or sdist name). */
function refuseDistFilename(filename, source) {
    const checked = checkDistFilename(filename, source);
    return checked === undefined || 'hostile' in checked ? checked : undefined;
}
/** `refuseDistFilename`, with an accepted wheel name's parse instead of undefined. */
function checkDistFilename(filename, source) {
    const hostile = (reason) => ({ filename, source, reason, hostile: true });
    // One test decides rule 1 for the usual name: a name of only these characters has no separator,
    // ":", control or format character, so only "." and ".." remain to refuse.
    const plain = SAFE_CHARS.test(filename);
    const unsafe = plain && filename !== '.' && filename !== '..' ? undefined : unsafeFilenameReason(filename);
    if (unsafe !== undefined)
        return hostile(unsafe);
    let wheel;
    try {
        if (filename.endsWith('.whl'))
            wheel = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_0__/* .parseWheelFilename */ .eP)(filename);
        else
            (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSdistFilename */ .sF)(filename);
    }
    catch (error) {
        return { filename, source, reason: error.message, hostile: false };
    }
    if (!plain)
        return hostile('it contains characters no wheel or sdist name has (only ASCII letters, digits and ._+!-)');
    return wheel;
}
/**
 * `refuseDistFilename` for the many names of one page: a wheel name of only safe characters is
 * `{head}-{python}-{abi}-{platform}.whl`, and it parses exactly when its head (name, version,
 * build tag: one or two "-") and its tag part (two "-") do, so a name whose head and tag part were
 * both seen in names that parsed needs no parsing. Every other name goes through
 * `refuseDistFilename`. Same answers; thousands of wheels share a few hundred heads and tag parts.
 * The distinct heads and tag parts are numbered: `headId`/`tagId` name those of the last name
 * checked (-1 unless it is a wheel name that parsed), so a reader of the page can decide each once.
 */
class PageFilenameChecker {
    source;
    headId = -1;
    tagId = -1;
    heads = new Map();
    tagParts = new Map();
    /** Tag part texts by number, and for each the number of the tag part that followed it last. */
    tagTexts = [];
    nextTag = [];
    lastHead = '';
    lastHeadId = -1;
    /** The tag part of the last name checked when it was a wheel name that parsed (else -1). */
    lastTag = -1;
    /** The parse of the name each head and each tag part was first seen in (by number). */
    headParses = [];
    tagParses = [];
    /**
     * The parse of a name with head number `headId` (its name, version and build tag are the
     * head's) and of one with tag part number `tagId` (its tags are the tag part's): what parsing
     * any name made of them gives, so a reader of the page need not parse it again.
     */
    headParse(headId) {
        return this.headParses[headId];
    }
    tagParse(tagId) {
        return this.tagParses[tagId];
    }
    constructor(source) {
        this.source = source;
    }
    /** The name `checkAt` checked when it had to cut it out; undefined when it matched in place. */
    name;
    check(filename) {
        // A page lists a version's wheels in a repeating order of tag parts: the name is likely the
        // last head, "-", the tag part that followed the last one the previous time, ".whl". Both
        // parts passed the check below, so a name made of exactly them passes it too, with the same
        // split (the tag part holds exactly two "-") and the same numbers.
        return this.isPredicted(filename, 0, filename.length) ? undefined : this.unpredicted(filename);
    }
    /**
     * `check` for the name `text[first, close)` (a skimmed page entry's), compared in place with the
     * predicted name: no string is made for it then (`name` undefined), else `name` is the name.
     */
    checkAt(text, first, close) {
        if (this.isPredicted(text, first, close)) {
            this.name = undefined;
            return undefined;
        }
        const filename = text.slice(first, close);
        this.name = filename;
        return this.unpredicted(filename);
    }
    isPredicted(text, first, close) {
        const predicted = this.lastTag >= 0 ? this.nextTag[this.lastTag] : -1;
        if (predicted < 0)
            return false;
        const head = this.lastHead;
        const tag = this.tagTexts[predicted];
        const tagAt = first + head.length + 1;
        // Compared substrings: cheaper than startsWith on a long text in V8 (measured).
        if (close - first !== head.length + tag.length + 5 ||
            text.charCodeAt(tagAt - 1) !== 45 /* - */ ||
            text.charCodeAt(close - 4) !== 46 /* . */ ||
            text.charCodeAt(close - 3) !== 119 /* w */ ||
            text.charCodeAt(close - 2) !== 104 /* h */ ||
            text.charCodeAt(close - 1) !== 108 /* l */ ||
            text.substring(first, tagAt - 1) !== head ||
            text.substring(tagAt, close - 4) !== tag)
            return false;
        this.headId = this.lastHeadId;
        this.tagId = predicted;
        this.lastTag = predicted;
        return true;
    }
    unpredicted(filename) {
        const previousTag = this.lastTag;
        const refusal = this.checkParts(filename);
        this.lastTag = this.tagId;
        if (previousTag >= 0 && this.tagId >= 0)
            this.nextTag[previousTag] = this.tagId;
        return refusal;
    }
    checkParts(filename) {
        this.headId = -1;
        this.tagId = -1;
        let d1 = -1;
        let stemEnd = 0;
        if (filename.endsWith('.whl') && SAFE_CHARS.test(filename)) {
            stemEnd = filename.length - 4;
            d1 = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_0__/* .wheelTagPartStart */ .VN)(filename) - 1;
            if (d1 > 0) {
                let head = -1;
                if (d1 === this.lastHead.length && filename.startsWith(this.lastHead))
                    head = this.lastHeadId;
                else {
                    const text = filename.slice(0, d1);
                    head = this.heads.get(text) ?? -1;
                    if (head >= 0) {
                        this.lastHead = text;
                        this.lastHeadId = head;
                    }
                }
                const tag = head >= 0 ? (this.tagParts.get(filename.slice(d1 + 1, stemEnd)) ?? -1) : -1;
                if (tag >= 0) {
                    this.headId = head;
                    this.tagId = tag;
                    return undefined;
                }
            }
        }
        const checked = checkDistFilename(filename, this.source);
        const refusal = checked === undefined || 'hostile' in checked ? checked : undefined;
        if (refusal === undefined && d1 > 0) {
            const head = filename.slice(0, d1);
            const tag = filename.slice(d1 + 1, stemEnd);
            const parsed = checked;
            let headId = this.heads.get(head);
            if (headId === undefined) {
                this.heads.set(head, (headId = this.heads.size));
                this.headParses.push(parsed);
            }
            let tagId = this.tagParts.get(tag);
            if (tagId === undefined) {
                this.tagParts.set(tag, (tagId = this.tagParts.size));
                this.tagTexts.push(tag);
                this.nextTag.push(-1);
                this.tagParses.push(parsed);
            }
            this.lastHead = head;
            this.lastHeadId = headId;
            this.headId = headId;
            this.tagId = tagId;
        }
        return refusal;
    }
}
/**
 * Logs the refusals of one source: each hostile name as a warning (the logger escapes what it
 * prints), the quiet ones as one debug line.
 */
function reportRefusals(logger, refused) {
    const quiet = [];
    for (const r of refused) {
        if (r.hostile)
            logger.warn(`ignoring the link to ${JSON.stringify(r.filename)} on ${r.source}: ${r.reason}`);
        else
            quiet.push(r);
    }
    if (quiet.length > 0) {
        const sources = [...new Set(quiet.map((r) => r.source))].join(', ');
        logger.debug(`ignoring ${quiet.length} link(s) on ${sources} that are not wheel or sdist names: ${quiet
            .slice(0, 5)
            .map((r) => r.reason)
            .join('; ')}${quiet.length > 5 ? '; …' : ''}`);
    }
}


/***/ }),

/***/ 9939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ linkResolver),
/* harmony export */   V4: () => (/* binding */ fragmentHashes),
/* harmony export */   Zm: () => (/* binding */ canonicalLinkScanner),
/* harmony export */   kD: () => (/* binding */ normalizeHashes),
/* harmony export */   ro: () => (/* binding */ parseMetadataJson),
/* harmony export */   vo: () => (/* binding */ parseMetadataAttribute)
/* harmony export */ });
/* unused harmony exports isHashName, resolveLink */
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6527);
/**
 * Shared pieces of turning an index link into a DistFile: resolving the URL against the page
 * (credentials of the page carry over to same-origin links, as pip does), splitting `#<hash>=`
 * fragments (PEP 503: any `hashlib` algorithm name), and PEP 658/714 metadata declarations.
 */

/** hashlib's guaranteed algorithm names (lower case) accepted in fragments and JSON hashes. */
const HASH_NAMES = new Set([
    'md5',
    'sha1',
    'sha224',
    'sha256',
    'sha384',
    'sha512',
    'sha3_224',
    'sha3_256',
    'sha3_384',
    'sha3_512',
    'blake2b',
    'blake2s',
]);
function isHashName(name) {
    return HASH_NAMES.has(name.toLowerCase());
}
const SCHEMES = ['http:', 'https:', 'file:'];
/** `#name=hex[&name=hex…]` fragment hashes (names and digests lower case); '' gives none. */
function fragmentHashes(hash) {
    const hashes = {};
    if (hash === '')
        return hashes;
    for (const part of hash.slice(1).split('&')) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const name = part.slice(0, eq).toLowerCase();
        const value = part.slice(eq + 1).toLowerCase();
        if (isHashName(name) && /^[0-9a-f]+$/.test(value))
            hashes[name] = value;
    }
    return hashes;
}
/**
 * An absolute http(s) link already in the form the WHATWG URL parser would serialize it to:
 * lower-case scheme and host (no IP-address-like or IDNA host, no userinfo, no default port),
 * a path of characters the parser leaves as they are (no `.`/`..` segment, no query), and an
 * optional fragment of hash characters. Such a link is its own `href`, so no URL object is needed
 * (PyPI's JSON pages list thousands of them). Groups: origin, path, fragment.
 */
const CANONICAL_LINK = /^(https?:\/\/(?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*(?::(?!0)\d{1,5})?)(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)(#[A-Za-z0-9=&_-]*)?$/;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)/;
function canonicalLink(href) {
    const m = CANONICAL_LINK.exec(href);
    if (m === null)
        return undefined;
    const origin = m[1];
    const path = m[2];
    // Dot segments (also percent-encoded) are removed by the parser, IDNA labels checked: leave them to it.
    if (path.includes('/.') && DOT_SEGMENT.test(path))
        return undefined;
    if (path.includes('%') && /%2e/i.test(path))
        return undefined;
    if (origin.includes('xn--'))
        return undefined;
    const port = origin.slice(origin.lastIndexOf(':') + 1);
    if (origin.lastIndexOf(':') > 5) {
        // A default port is dropped by the parser, one above 65535 refused: leave both to it.
        if (Number(port) > 65535 || port === (origin.startsWith('https:') ? '443' : '80'))
            return undefined;
    }
    const last = path.slice(path.lastIndexOf('/') + 1);
    let filename = last;
    if (last.includes('%')) {
        try {
            filename = decodeURIComponent(last);
        }
        catch {
            filename = last;
        }
    }
    return { origin, url: origin + path, filename, hash: m[3] ?? '' };
}
/**
 * The link resolution of one page (`base` and the page URL fixed, the page URL parsed once): a
 * large page lists thousands of files. A canonical absolute link (CANONICAL_LINK) is taken as
 * written; any other is resolved by the URL parser.
 */
function linkResolver(base, pageUrl) {
    const page = new URL(pageUrl);
    const pageAuth = page.username !== '' || page.password !== '';
    return (href) => {
        const fast = canonicalLink(href);
        // A same-origin link under a page with credentials gets them: the URL parser does that.
        if (fast !== undefined && fast.filename !== '' && !(pageAuth && fast.origin === page.origin)) {
            return {
                url: fast.url,
                redactedUrl: fast.url,
                filename: fast.filename,
                hashes: fragmentHashes(fast.hash),
            };
        }
        let u;
        try {
            u = new URL(href.trim(), base);
        }
        catch {
            return undefined;
        }
        if (!SCHEMES.includes(u.protocol))
            return undefined;
        const hashes = fragmentHashes(u.hash);
        if (pageAuth && u.origin === page.origin && !u.username && !u.password) {
            u.username = page.username;
            u.password = page.password;
        }
        // Without the fragment; a `#` can only start it (elsewhere it is percent-encoded).
        let url = u.href;
        const cut = url.indexOf('#');
        if (cut >= 0)
            url = url.slice(0, cut);
        const last = u.pathname.split('/').pop() ?? '';
        let filename;
        try {
            filename = decodeURIComponent(last);
        }
        catch {
            filename = last;
        }
        if (filename === '')
            return undefined;
        // Nothing to hide without userinfo or a query: the URL is its own redacted form.
        const redactedUrl = u.username || u.password || u.search !== '' ? (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrl */ .BO)(url) : url;
        return { url, redactedUrl, filename, hashes };
    };
}
/**
 * The origin part of CANONICAL_LINK alone, and its path and fragment parts (sticky, no captures).
 * The path is that of CANONICAL_LINK less what the URL parser must see — a percent escape
 * (decoded file names, `%2e`) or a segment starting with "." (dot segments) — so a path holding
 * one ends the match early, where the fragment test then fails.
 */
const CANONICAL_ORIGIN = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*(?::(?!0)\d{1,5})?$/;
const CANONICAL_PATH = /(?:\/(?!\.)[A-Za-z0-9\-._~!$&'()*+,;=:@]*)+/y;
const CANONICAL_FRAGMENT = /#[A-Za-z0-9=&_-]*/y;
/**
 * The CANONICAL_LINK test of `linkResolver`, made on a link that sits in `text` between `start` and
 * `end` (a large page's body) without cutting it out: returns where the link's path ends (its
 * fragment, if any, runs from there to `end`), or -1 when the link is not certainly canonical and
 * must go through `linkResolver`. Same answers as `linkResolver` for the links it accepts:
 * url = text[start, pathEnd), redacted the same, filename non-empty.
 */
function canonicalLinkScanner(text, pageUrl) {
    const page = new URL(pageUrl);
    const pageAuth = page.username !== '' || page.password !== '';
    let origin = '';
    return (start, end) => {
        // The origin: the same as the last link's (one comparison) or checked once.
        if (origin === '' || !text.startsWith(origin, start) || text.charCodeAt(start + origin.length) !== 47) {
            const scheme = text.startsWith('https://', start) ? 8 : text.startsWith('http://', start) ? 7 : 0;
            if (scheme === 0)
                return -1;
            const slash = text.indexOf('/', start + scheme);
            if (slash < 0 || slash >= end)
                return -1;
            const candidate = text.slice(start, slash);
            if (!CANONICAL_ORIGIN.test(candidate) || candidate.includes('xn--'))
                return -1;
            const colon = candidate.lastIndexOf(':');
            if (colon > 5) {
                const port = candidate.slice(colon + 1);
                if (Number(port) > 65535 || port === (candidate.startsWith('https:') ? '443' : '80'))
                    return -1;
            }
            if (pageAuth && candidate === page.origin)
                return -1;
            origin = candidate;
        }
        CANONICAL_PATH.lastIndex = start + origin.length;
        if (!CANONICAL_PATH.test(text))
            return -1;
        const pathEnd = CANONICAL_PATH.lastIndex;
        if (pathEnd < end) {
            CANONICAL_FRAGMENT.lastIndex = pathEnd;
            if (!CANONICAL_FRAGMENT.test(text) || CANONICAL_FRAGMENT.lastIndex !== end)
                return -1;
        }
        else if (pathEnd !== end)
            return -1;
        // An empty file name is the URL parser's.
        if (text.charCodeAt(pathEnd - 1) === 47)
            return -1;
        return pathEnd;
    };
}
/** Resolves `href` against `base`; undefined when it is not a usable file link. */
function resolveLink(href, base, pageUrl) {
    return linkResolver(base, pageUrl)(href);
}
/**
 * PEP 658 `data-core-metadata` / PEP 714 legacy `data-dist-info-metadata` attribute value:
 * `true` → declared without hash; `<hashname>=<hex>` → declared with that hash; anything else
 * (absent, `false`, garbage) → not declared.
 */
function parseMetadataAttribute(value) {
    if (value === undefined)
        return false;
    const v = value.trim();
    if (v.toLowerCase() === 'true')
        return {};
    const eq = v.indexOf('=');
    if (eq > 0) {
        const name = v.slice(0, eq).toLowerCase();
        const hex = v.slice(eq + 1).toLowerCase();
        if (isHashName(name) && /^[0-9a-f]+$/.test(hex))
            return { [name]: hex };
    }
    return false;
}
/** PEP 691 `core-metadata` / `dist-info-metadata` JSON value: bool or a hashes dict. */
function parseMetadataJson(value) {
    if (value === true)
        return {};
    if (value && typeof value === 'object' && !Array.isArray(value))
        return normalizeHashes(value);
    return false;
}
function normalizeHashes(value) {
    const out = {};
    if (!value || typeof value !== 'object')
        return out;
    for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && isHashName(k) && /^[0-9a-fA-F]+$/.test(v))
            out[k.toLowerCase()] = v.toLowerCase();
    }
    return out;
}


/***/ }),

/***/ 8428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ NetworkError),
/* harmony export */   j: () => (/* binding */ HttpError)
/* harmony export */ });
/**
 * Errors of the HTTP client. Both carry only the redacted URL (see redact.ts).
 * - HttpError: the server answered with a status the caller cannot use (after retries).
 * - NetworkError: no usable answer (connection refused/reset, timeout, body cut short, proxy
 *   failure, missing file: path).
 */
class HttpError extends Error {
    status;
    method;
    url;
    constructor(status, method, 
    /** Redacted. */
    url, detail) {
        super(`HTTP ${status} for ${method} ${url}${detail ? `: ${detail}` : ''}`);
        this.status = status;
        this.method = method;
        this.url = url;
        this.name = 'HttpError';
    }
}
class NetworkError extends Error {
    method;
    url;
    reason;
    code;
    constructor(method, 
    /** Redacted. */
    url, 
    /** Short description of the failure, already redacted. */
    reason, code) {
        super(`network error for ${method} ${url}: ${reason}`);
        this.method = method;
        this.url = url;
        this.reason = reason;
        this.code = code;
        this.name = 'NetworkError';
    }
}


/***/ }),

/***/ 4417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Hr: () => (/* binding */ failureReason),
/* harmony export */   or: () => (/* binding */ isSilence),
/* harmony export */   sW: () => (/* binding */ finalCode)
/* harmony export */ });
/* unused harmony export errorReason */
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6527);
/* harmony import */ var _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9914);
/**
 * Why an HTTP exchange failed, as the HttpClient (http.ts) reports it: the error code of what
 * undici or our own limits threw, the code the caller sees (a silent server or a host that never
 * completed the TCP handshake is a transfer limit like the others: no layer above asks again), and
 * the message, naming the host, what was slow and the number of attempts. Messages are redacted
 * (redact.ts); the header-wait limit's message carries its knob from where it is built
 * (header-wait.ts).
 */


/** The error's code, or its cause's (undici wraps socket errors). */
function errorCode(e) {
    const err = e;
    if (typeof err?.code === 'string')
        return err.code;
    if (typeof err?.cause?.code === 'string')
        return err.cause.code;
    return undefined;
}
/** The error's message with its cause's, redacted. */
function errorReason(e) {
    const err = e;
    const msg = typeof err?.message === 'string' ? err.message : String(e);
    const cause = typeof err?.cause?.message === 'string' && err.cause.message !== msg ? ` (${err.cause.message})` : '';
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(`${msg}${cause}`);
}
/**
 * Whether the failure is a host's silence (no response headers, no answer to the TCP handshake):
 * not asked again, since each further wait adds the whole timeout to the time a hostile,
 * firewalled or stuck host holds the run (issue 10 §2: 4 connect attempts took 64 s).
 */
function isSilence(code) {
    return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
/** The code the caller sees: undici's timeouts become our limit codes. */
function finalCode(code) {
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
        return _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_CODES */ .di.connect;
    if (code === 'UND_ERR_HEADERS_TIMEOUT')
        return _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_CODES */ .di.headers;
    return code;
}
/** Why an exchange failed, naming the host and what was slow for timeouts. */
function failureReason(e, code, ctx) {
    const { host, attempt, started } = ctx;
    const tries = attempt > 0 ? ` (${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)} s)` : '';
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
        return `${host} sent no response headers within ${ctx.undiciHeadersTimeoutMs / 1000} s${tries} ${_transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADERS_TIMEOUT_HINT */ .bi}`;
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
        return `connecting to ${host} timed out after ${ctx.connectTimeoutMs / 1000} s${tries} (no answer to the TCP handshake; ${_transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_ENV */ .UZ.connectTimeout} sets the wait, in seconds)`;
    }
    // Our own limits' messages are complete (the header wait's names its knob: header-wait.ts).
    if (code === _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_CODES */ .di.headers || code === _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_CODES */ .di.deadline || code === _transfer_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMIT_CODES */ .di.tooSlow)
        return errorReason(e);
    return `${errorReason(e)}${tries}`;
}


/***/ }),

/***/ 559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ createHttpClient)
});

// UNUSED EXPORTS: headerValue

// EXTERNAL MODULE: ./src/index/undici-parts.ts
var undici_parts = __webpack_require__(9297);
;// CONCATENATED MODULE: ./src/index/host-limiter.ts
/**
 * A counting semaphore per host: at most N requests to one host are in flight (from sending the
 * request until its exchange ends: see http.ts). Waiters are served first come, first served.
 */
class HostLimiter {
    perHost;
    active = new Map();
    waiting = new Map();
    constructor(perHost) {
        this.perHost = perHost;
        if (!(perHost >= 1))
            throw new RangeError(`maxConnectionsPerHost must be ≥ 1, got ${perHost}`);
    }
    /** Resolves with a release function once a slot for `host` is free. */
    async acquire(host) {
        const n = this.active.get(host) ?? 0;
        if (n < this.perHost) {
            this.active.set(host, n + 1);
        }
        else {
            await new Promise((resolve) => {
                const q = this.waiting.get(host) ?? [];
                q.push(resolve);
                this.waiting.set(host, q);
            });
        }
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.release(host);
        };
    }
    release(host) {
        const q = this.waiting.get(host);
        const next = q?.shift();
        if (q && q.length === 0)
            this.waiting.delete(host);
        if (next) {
            next(); // hand the slot over; active count unchanged
            return;
        }
        const n = (this.active.get(host) ?? 1) - 1;
        if (n <= 0)
            this.active.delete(host);
        else
            this.active.set(host, n);
    }
    inFlight(host) {
        return this.active.get(host) ?? 0;
    }
}

// EXTERNAL MODULE: ./src/index/credentials.ts
var index_credentials = __webpack_require__(1594);
// EXTERNAL MODULE: ./src/index/netrc.ts
var netrc = __webpack_require__(3612);
;// CONCATENATED MODULE: ./src/index/proxy.ts
/**
 * Proxy selection from the conventional environment variables (curl/pip semantics):
 * `HTTPS_PROXY` for https: URLs, `HTTP_PROXY` for http: URLs (lower-case spellings win, as in
 * curl), `NO_PROXY` a comma/space-separated list of hosts, `.domain` / `*.domain` suffixes,
 * `host:port`, or `*` for everything. Loopback is not special-cased: it is proxied unless listed.
 */
function pick(env, name) {
    const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
    return v && v.trim() !== '' ? v.trim() : undefined;
}
function proxyEnvFrom(env) {
    return {
        httpProxy: pick(env, 'http_proxy'),
        httpsProxy: pick(env, 'https_proxy'),
        noProxy: pick(env, 'no_proxy'),
    };
}
function defaultPort(protocol) {
    return protocol === 'https:' ? '443' : '80';
}
/** True when NO_PROXY exempts `url`. */
function bypassesProxy(url, noProxy) {
    if (!noProxy)
        return false;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = url.port || defaultPort(url.protocol);
    for (const raw of noProxy.split(/[\s,]+/)) {
        let entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        let entryPort;
        const m = /^(.*):(\d+)$/.exec(entry);
        if (m && !entry.includes(']') && (m[1] ?? '').split(':').length === 1) {
            entry = m[1] ?? '';
            entryPort = m[2];
        }
        else if (/^\[.*\]:(\d+)$/.test(entry)) {
            const mm = /^\[(.*)\]:(\d+)$/.exec(entry);
            entry = mm?.[1] ?? '';
            entryPort = mm?.[2];
        }
        entry = entry.replace(/^\[|\]$/g, '');
        if (entryPort && entryPort !== port)
            continue;
        if (entry.startsWith('*.'))
            entry = entry.slice(1);
        if (entry.startsWith('.')) {
            if (host.endsWith(entry) || host === entry.slice(1))
                return true;
        }
        else if (host === entry || host.endsWith(`.${entry}`)) {
            return true;
        }
    }
    return false;
}
/** The proxy URL to use for `url`, or undefined for a direct connection. */
function proxyFor(url, proxies) {
    const proxy = url.protocol === 'https:' ? proxies.httpsProxy : url.protocol === 'http:' ? proxies.httpProxy : undefined;
    if (!proxy)
        return undefined;
    if (bypassesProxy(url, proxies.noProxy))
        return undefined;
    return proxy;
}

// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/index/http-errors.ts
var http_errors = __webpack_require__(8428);
// EXTERNAL MODULE: ./src/index/retry.ts
var retry = __webpack_require__(5434);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/index/json-page.ts + 4 modules
var json_page = __webpack_require__(4439);
;// CONCATENATED MODULE: ./src/index/file-fetch.ts
/**
 * `file:` URLs answered like HTTP, for find-links pages and file:// indexes: 200 with the whole
 * file, 206 for one `Range` (`bytes=a-b`, `bytes=a-`, suffix `bytes=-N`, RFC 9110 §14.1.2) with
 * `Content-Range`, 416 when unsatisfiable, 404 when missing. A directory is served through its
 * `index.html`. `Content-Type` is guessed from the extension (html/json) so page negotiation works
 * alike.
 *
 * Only the bytes a response hands out are read: HEAD is a `stat`, a range reads that range at its
 * offset, and a whole-file GET is read in chunks as the body is consumed (`stream`) — a lazy wheel
 * reading the central directory of a 500 MB file reads kilobytes, not the file. The file is opened
 * when the body is first asked for and closed when it has been read or discarded.
 */




const nodeFileFetchFs = {
    stat: (path) => (0,promises_.stat)(path),
    open: (path) => (0,promises_.open)(path, 'r'),
};
/** Bytes read per chunk when a whole file is streamed. */
const CHUNK = 1 << 20;
function contentType(path) {
    if (/\.html?$/i.test(path))
        return 'text/html';
    if (/\.json$/i.test(path))
        return json_page/* JSON_PAGE_TYPE */.o$;
    return 'application/octet-stream';
}
function empty(url, status, headers) {
    return {
        status,
        url,
        headers,
        body: async () => new Uint8Array(0),
        stream: async function* () { },
        discard: async () => { },
    };
}
/** Reads until `buffer` is full or the file ends; returns how many bytes were read. */
async function readFully(handle, buffer, position) {
    let at = 0;
    while (at < buffer.length) {
        const { bytesRead } = await handle.read(buffer, at, buffer.length - at, position + at);
        if (bytesRead === 0)
            break;
        at += bytesRead;
    }
    return at;
}
/** A response whose body is bytes `start..end` (inclusive) of `path`, read only when consumed. */
function fileSlice(fs, url, status, headers, path, start, end) {
    const length = end - start + 1;
    return {
        status,
        url,
        headers,
        body: async () => {
            if (length <= 0)
                return new Uint8Array(0);
            const handle = await fs.open(path);
            try {
                const buffer = new Uint8Array(length);
                const n = await readFully(handle, buffer, start);
                return n === length ? buffer : buffer.subarray(0, n);
            }
            finally {
                await handle.close();
            }
        },
        stream: async function* () {
            if (length <= 0)
                return;
            const handle = await fs.open(path);
            try {
                for (let at = start; at <= end;) {
                    const buffer = new Uint8Array(Math.min(CHUNK, end + 1 - at));
                    const n = await readFully(handle, buffer, at);
                    if (n === 0)
                        return;
                    yield n === buffer.length ? buffer : buffer.subarray(0, n);
                    at += n;
                }
            }
            finally {
                await handle.close();
            }
        },
        discard: async () => { },
    };
}
async function fetchFileUrl(url, method, headers, fs = nodeFileFetchFs) {
    let path = (0,external_node_url_.fileURLToPath)(url);
    let info;
    try {
        info = await fs.stat(path);
        if (info.isDirectory()) {
            path = (0,external_node_path_.join)(path, 'index.html');
            info = await fs.stat(path);
        }
    }
    catch {
        return empty(url.href, 404, {});
    }
    const size = info.size;
    const base = {
        'content-type': contentType(path),
        'accept-ranges': 'bytes',
        'last-modified': info.mtime.toUTCString(),
    };
    if (method === 'HEAD')
        return empty(url.href, 200, { ...base, 'content-length': String(size) });
    const whole = () => fileSlice(fs, url.href, 200, { ...base, 'content-length': String(size) }, path, 0, size - 1);
    const rangeHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'range')?.[1];
    const m = rangeHeader ? /^\s*bytes=(\d*)-(\d*)\s*$/i.exec(rangeHeader) : null;
    if (!m || (m[1] === '' && m[2] === ''))
        return whole();
    let start;
    let end;
    if (m[1] === '') {
        const n = Number(m[2]);
        if (n === 0 || size === 0)
            return empty(url.href, 416, { 'content-range': `bytes */${size}` });
        start = Math.max(0, size - n);
        end = size - 1;
    }
    else {
        start = Number(m[1]);
        end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
        if (start >= size)
            return empty(url.href, 416, { 'content-range': `bytes */${size}` });
        // An invalid range (last < first) is ignored, as RFC 9110 §14.2 allows: the whole file.
        if (end < start)
            return whole();
    }
    return fileSlice(fs, url.href, 206, {
        ...base,
        'content-length': String(end - start + 1),
        'content-range': `bytes ${start}-${end}/${size}`,
    }, path, start, end);
}

// EXTERNAL MODULE: ./src/index/transfer-limits.ts
var transfer_limits = __webpack_require__(9914);
;// CONCATENATED MODULE: ./src/index/http-response.ts




/**
 * At most this many unread bytes of a keep-alive response are read and dropped by `discard()` to
 * keep its connection; a longer rest is cheaper to abort (the connection closes).
 */
const DISCARD_DRAIN_LIMIT = 128 * 1024;
/** Largest declared Content-Length that `body()` allocates up front (larger bodies are joined from chunks). */
const PREALLOCATE_LIMIT = 64 * 1024 * 1024;
function code(e) {
    const c = e?.code;
    return typeof c === 'string' ? c : undefined;
}
function wrapUndiciResponse(data, ctx) {
    const headers = {};
    for (const [k, v] of Object.entries(data.headers)) {
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    const queue = data.body;
    void data.done.then(() => {
        ctx.release();
        if (queue.spilled > 0) {
            ctx.logger.debug(`${ctx.method} ${ctx.redactedUrl}: ${queue.spilled} body bytes waited in a temporary file (read slower than received)`);
        }
    });
    let used = false;
    let autoDiscarded = false;
    // Safety net: a body nobody claims would hold its connection and host permit (keep-alive,
    // paused) or its buffered bytes and spill file forever. Callers must consume or discard every
    // response; one forgotten for `unreadTimeoutMs` is discarded here, loudly.
    const unreadTimer = ctx.unreadTimeoutMs > 0
        ? setTimeout(() => {
            if (used)
                return;
            used = true;
            autoDiscarded = true;
            ctx.logger.warn(`${ctx.method} ${ctx.redactedUrl}: response body not read within ${ctx.unreadTimeoutMs} ms; discarded`);
            void dropRest();
        }, ctx.unreadTimeoutMs)
        : undefined;
    unreadTimer?.unref();
    const claim = (what) => {
        if (used) {
            const why = autoDiscarded ? `discarded after ${ctx.unreadTimeoutMs} ms unread` : 'already consumed';
            throw new Error(`response body of ${ctx.method} ${ctx.redactedUrl} ${why} (${what})`);
        }
        used = true;
        clearTimeout(unreadTimer);
    };
    const toNetworkError = (e) => e instanceof http_errors/* NetworkError */.D
        ? e
        : new http_errors/* NetworkError */.D(ctx.method, ctx.redactedUrl, (0,redact/* redactText */.Rd)(e instanceof transfer_limits/* TransferLimitError */.lC ? e.message : `body: ${e?.message ?? String(e)}`), code(e));
    /** Drops the rest of the body: drains a short keep-alive rest, aborts anything else. */
    async function dropRest() {
        queue.discard();
        if (!queue.settled) {
            const length = Number(headers['content-length']);
            const rest = Number.isFinite(length) ? length - queue.received : Infinity;
            if (!queue.canPause || rest > DISCARD_DRAIN_LIMIT) {
                data.abort(new Error(`response body of ${ctx.method} ${ctx.redactedUrl} discarded`));
            }
        }
        await data.done;
    }
    async function readAll() {
        const expected = headers['content-length'];
        const declared = expected === undefined || ctx.method === 'HEAD' ? NaN : Number(expected);
        // A declared length within bounds: the bytes are copied into one buffer as they arrive (one
        // copy, chunks freed at once); otherwise chunks are kept and joined at the end. A wrong length
        // is an error either way (below), so a short or long body never passes as the declared one.
        const into = Number.isSafeInteger(declared) &&
            declared > 0 &&
            declared <= PREALLOCATE_LIMIT &&
            (ctx.maxBufferedBytes === undefined || declared <= ctx.maxBufferedBytes)
            ? Buffer.allocUnsafeSlow(declared)
            : undefined;
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = await queue.read();
            if (chunk === null)
                break;
            if (into !== undefined && total + chunk.length <= into.length)
                into.set(chunk, total);
            else if (into === undefined)
                chunks.push(chunk);
            total += chunk.length;
            if (ctx.maxBufferedBytes !== undefined && total > ctx.maxBufferedBytes) {
                const limit = { bytes: ctx.maxBufferedBytes, what: 'response body read into memory' };
                void dropRest();
                throw (0,transfer_limits/* bodyTooLarge */.Qb)(limit, `at least ${total} bytes sent`);
            }
        }
        if (ctx.method !== 'HEAD' && expected !== undefined && Number(expected) !== total) {
            throw new http_errors/* NetworkError */.D(ctx.method, ctx.redactedUrl, `body cut short: ${total} of ${expected} bytes`, 'ESHORTBODY');
        }
        // Small joins come from Node's shared pool: copied out. Larger ones (and `into`) own their memory.
        if (into === undefined && total < 4096)
            return new Uint8Array(Buffer.concat(chunks, total));
        const whole = into ?? Buffer.concat(chunks, total);
        return new Uint8Array(whole.buffer, whole.byteOffset, whole.length);
    }
    return {
        status: data.status,
        url: ctx.url,
        headers,
        async body() {
            claim('body');
            try {
                return await readAll();
            }
            catch (e) {
                const err = toNetworkError(e);
                const retryable = (0,retry/* isRetryableError */.$d)(err.code) ||
                    err.code === 'ESHORTBODY' ||
                    err.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
                if (!ctx.refetch || !retryable)
                    throw err;
                let last = err;
                const started = Date.now();
                for (let attempt = 0; attempt < ctx.retries; attempt++) {
                    const delay = (0,retry/* retryDelayMs */.qO)(ctx.policy, attempt, undefined);
                    if (Date.now() - started + delay > ctx.policy.retryBudgetMs)
                        break;
                    ctx.logger.info(`retrying ${ctx.method} ${ctx.redactedUrl} in ${delay} ms after ${last.reason}`);
                    await new Promise((r) => setTimeout(r, delay));
                    try {
                        const again = await ctx.refetch();
                        if (again.status !== data.status) {
                            await again.discard();
                            throw new http_errors/* NetworkError */.D(ctx.method, ctx.redactedUrl, `status changed to ${again.status} on retry`);
                        }
                        return await again.body();
                    }
                    catch (e2) {
                        last = toNetworkError(e2);
                    }
                }
                throw last;
            }
        },
        stream() {
            claim('stream');
            return (async function* () {
                let finished = false;
                try {
                    for (;;) {
                        const chunk = await queue.read();
                        if (chunk === null)
                            break;
                        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
                    }
                    finished = true;
                }
                catch (e) {
                    finished = true;
                    throw toNetworkError(e);
                }
                finally {
                    // A consumer that stopped early (break, throw) no longer wants the rest.
                    if (!finished)
                        await dropRest();
                }
            })();
        },
        async discard() {
            if (used)
                return;
            used = true;
            clearTimeout(unreadTimer);
            await dropRest();
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/index/body-queue.ts
/**
 * The buffer between undici's HTTP/1 parser and whoever reads a response body, bounded in memory
 * WITHOUT pausing the parser unless that is known to be safe.
 *
 * Why: undici 7 (nodejs/undici#5360, fixed only in later majors by #5389/#5474) crashes the whole
 * process with an uncatchable `AssertionError: assert(!this.paused)` from `Parser.finish` in
 * `onHttpSocketEnd` when the parser is paused under backpressure (a handler's `onData` returned
 * false) and the server then closes the socket, which it does after every response that is not
 * keep-alive: `Connection: close`, HTTP/1.0 without `Connection: keep-alive` (`python3 -m
 * http.server`, simple private indexes, some proxies), or a body delimited by the connection's
 * end. `onHttpSocketEnd` calls `finish()` exactly when the parser's `shouldKeepAlive` is false; for
 * a keep-alive response it destroys the socket with a SocketError instead, which is safe.
 *
 * So the queue pauses the parser only when the response headers PROVE keep-alive (`canPause`, see
 * undici-dispatch.ts): then, above `highWaterMark` buffered bytes, it pauses and resumes once the
 * reader has drained half of it. Otherwise it never pauses: bytes beyond `highWaterMark` go to an
 * unlinked temporary file (the "spill"), written synchronously. Synchronous writes are what bound
 * memory: while a chunk is written the event loop does not read the socket, so a network faster
 * than the disk is slowed down by TCP flow control instead of piling up buffers of pending async
 * writes. Chunks are at most a socket read (64 KiB), and writes land in the page cache, so one
 * write blocks for microseconds. Once the reader has caught up with the spill, new chunks go to
 * memory again. A reader at least as fast as the network never touches the disk.
 *
 * Memory held per response: at most `highWaterMark` plus one chunk, plus one spill read block.
 */




const DEFAULT_BODY_HIGH_WATER_MARK = 1024 * 1024;
const SPILL_READ_BLOCK = 256 * 1024;
/** The temporary file that takes a body's bytes while the reader lags behind a close-delimited response. */
class Spill {
    fd;
    path;
    unlinked = false;
    /** Bytes written / read so far. */
    written = 0;
    readPos = 0;
    reading = false;
    closed = false;
    constructor(dir) {
        this.path = (0,external_node_path_.join)(dir, `.wheelhouse-body-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}.tmp`);
        this.fd = (0,external_node_fs_.openSync)(this.path, 'wx+', 0o600);
        try {
            // POSIX: the file lives on only as the open descriptor; nothing to clean up after a crash.
            (0,external_node_fs_.unlinkSync)(this.path);
            this.unlinked = true;
        }
        catch {
            // Windows may refuse; removed in close().
        }
    }
    get unread() {
        return this.written - this.readPos;
    }
    write(chunk) {
        let off = 0;
        while (off < chunk.length) {
            off += (0,external_node_fs_.writeSync)(this.fd, chunk, off, chunk.length - off, this.written + off);
        }
        this.written += chunk.length;
    }
    /** Reads the next block of unread bytes. */
    readBlock() {
        const n = Math.min(SPILL_READ_BLOCK, this.unread);
        const buf = Buffer.allocUnsafe(n);
        this.reading = true;
        return new Promise((resolve, reject) => {
            (0,external_node_fs_.read)(this.fd, buf, 0, n, this.readPos, (err, got) => {
                this.reading = false;
                if (err)
                    return reject(err);
                if (got <= 0)
                    return reject(new Error(`spill file ended at ${this.readPos} of ${this.written} bytes`));
                this.readPos += got;
                resolve(got === n ? buf : buf.subarray(0, got));
            });
        });
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        try {
            (0,external_node_fs_.closeSync)(this.fd);
        }
        catch {
            // already gone
        }
        if (!this.unlinked) {
            try {
                (0,external_node_fs_.unlinkSync)(this.path);
            }
            catch {
                // nothing left to remove
            }
        }
    }
}
class BodyQueue {
    options;
    chunks = [];
    memBytes = 0;
    spill;
    paused = false;
    ended = false;
    error;
    discarded = false;
    waiter;
    highWaterMark;
    /** Bytes received from the network so far. */
    received = 0;
    /** Bytes ever written to a spill file (for tests and diagnostics). */
    spilled = 0;
    /** How often the parser was paused (a transfer-rate check must not blame the server for it). */
    pauses = 0;
    constructor(options) {
        this.options = options;
        this.highWaterMark = options.highWaterMark ?? DEFAULT_BODY_HIGH_WATER_MARK;
    }
    /** True when the parser may be paused (a proven keep-alive response, see undici-dispatch.ts). */
    get canPause() {
        return this.options.canPause;
    }
    /** True while the parser is paused because the reader lags behind. */
    get isPaused() {
        return this.paused;
    }
    /** True once the body has ended or failed (nothing more will be pushed). */
    get settled() {
        return this.ended || this.error !== undefined;
    }
    /** Producer: one chunk from the parser. Throws only when a spill write fails (disk full). */
    push(chunk) {
        if (this.settled)
            return;
        this.received += chunk.length;
        if (this.discarded)
            return;
        if (this.spill) {
            this.spill.write(chunk);
            this.spilled += chunk.length;
        }
        else if (this.memBytes + chunk.length > this.highWaterMark && !this.options.canPause) {
            this.spill = new Spill(this.options.spillDir ?? (0,external_node_os_.tmpdir)());
            this.spill.write(chunk);
            this.spilled += chunk.length;
        }
        else {
            this.chunks.push(chunk);
            this.memBytes += chunk.length;
            if (this.options.canPause && !this.paused && this.memBytes >= this.highWaterMark) {
                this.paused = true;
                this.pauses++;
                this.options.pause();
            }
        }
        this.wake();
    }
    end() {
        if (this.settled)
            return;
        this.ended = true;
        this.wake();
    }
    fail(error) {
        if (this.settled)
            return;
        this.error = error ?? new Error('response body failed');
        this.wake();
    }
    wake() {
        const w = this.waiter;
        this.waiter = undefined;
        w?.();
    }
    /** Consumer: the next chunk, or null at the end. Throws the body's error once buffered bytes run out. */
    async read() {
        for (;;) {
            if (this.discarded)
                return null;
            const head = this.chunks.shift();
            if (head) {
                this.memBytes -= head.length;
                if (this.paused && this.memBytes <= this.highWaterMark / 2) {
                    this.paused = false;
                    this.options.resume();
                }
                return head;
            }
            const spill = this.spill;
            if (spill && spill.unread > 0) {
                const block = await spill.readBlock();
                if (this.discarded)
                    spill.close();
                else if (spill.unread === 0) {
                    // Caught up: later chunks go to memory again (order holds: memory was empty).
                    spill.close();
                    if (this.spill === spill)
                        this.spill = undefined;
                }
                return block;
            }
            if (this.error !== undefined)
                throw this.error;
            if (this.ended)
                return null;
            await new Promise((resolve) => (this.waiter = resolve));
        }
    }
    /** Drops everything buffered and everything still to come; the caller decides about the request. */
    discard() {
        if (this.discarded)
            return;
        this.discarded = true;
        this.chunks.length = 0;
        this.memBytes = 0;
        if (this.spill && !this.spill.reading)
            this.spill.close();
        this.spill = undefined;
        if (this.paused) {
            this.paused = false;
            this.options.resume();
        }
        this.wake();
    }
}

// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(3053);
;// CONCATENATED MODULE: ./src/index/header-wait.ts
/**
 * How long a server may take over its response headers (issue 10 §2, docs/reliability.md "Memory
 * and time are bounded"). Two different waits hide in "the headers are late":
 *
 * - Before the first byte of the response, an honest server may be computing: a proxy index
 *   fetching a page upstream on a miss, a large page rendered on demand. pip waits 15 s for any
 *   read of a socket (its default `--timeout`), so wheelhouse waits as long for the first byte
 *   (`firstByteMs`, env `WHEELHOUSE_HTTP_HEADERS_TIMEOUT`): a slow index pip copes with is not cut off.
 * - Once the first byte has arrived, the server has its answer; a real server writes the status
 *   line and header fields in one go (a few hundred bytes to a few KiB: one or two TCP segments).
 *   A server that trickles them (one byte every few seconds) is stalling on purpose; pip's per-read
 *   timeout never ends that, undici's `headersTimeout` only at its full length. So the header block
 *   must be complete within `headerBlockMs` (3 s) of its first byte.
 * - Whatever happens (interim 1xx responses, a request whose socket could not be observed), the
 *   final headers must arrive within `firstByteMs + headerBlockMs` of sending the request.
 *
 * Bytes are observed on the request's own socket (`socket.bytesRead`: plaintext bytes for TLS
 * sockets too), read on a short tick; no listener is added to the socket, so undici's reading is
 * untouched. undici does not hand the socket to a dispatch handler, so each request is matched to
 * it through undici's documented diagnostics channel `undici:client:sendHeaders` ("published right
 * before the first byte of the request is written to the socket", with that socket): undici calls
 * the handler's `onRequestStart` and then publishes that message synchronously, in the same call
 * (client-h1.js `writeH1`), so the request that claimed the next message in `onRequestStart` is the
 * one being written. The claim lapses at the next microtask and is checked against the request's
 * method and path, so a message of another request (Node's own fetch publishes on the same
 * channel) is never taken for ours.
 */


let claimant;
let subscribed = false;
function onSendHeaders(message) {
    const claim = claimant;
    claimant = undefined;
    if (claim === undefined)
        return;
    const { request, socket } = (message ?? {});
    if (request?.method !== claim.method || request?.path !== claim.path)
        return;
    if (typeof socket?.bytesRead !== 'number')
        return;
    claim.bind(socket);
}
/**
 * The header wait of one exchange. `sent` when undici writes the request (the handler's
 * `onRequestStart`), `headersDone` at each response head (interim or final), `end` when the
 * exchange is over; `fail` is called once, with the limit error, when a wait is exceeded.
 */
class HeaderWait {
    limits;
    host;
    fail;
    now;
    socket;
    sentAt = 0;
    /** Socket bytes before the current response began, and when its first byte was seen. */
    base = 0;
    firstSeenAt;
    timer;
    over = false;
    constructor(limits, 
    /** `host:port` for messages. */
    host, fail, now = Date.now) {
        this.limits = limits;
        this.host = host;
        this.fail = fail;
        this.now = now;
    }
    /** The request is being written now; `method` and `path` as given to undici. */
    sent(method, path) {
        if (this.over || this.limits.firstByteMs <= 0)
            return;
        this.sentAt = this.now();
        if (!subscribed) {
            (0,external_node_diagnostics_channel_.subscribe)('undici:client:sendHeaders', onSendHeaders);
            subscribed = true;
        }
        const claim = {
            method,
            path,
            bind: (socket) => {
                this.socket = socket;
                this.base = socket.bytesRead;
            },
        };
        claimant = claim;
        queueMicrotask(() => {
            if (claimant === claim)
                claimant = undefined;
        });
        const tick = Math.max(10, Math.min(250, this.limits.headerBlockMs / 4, this.limits.firstByteMs / 4));
        this.timer = setInterval(() => this.check(), tick);
        this.timer.unref();
    }
    /** A response head is complete: the final one ends the wait, an interim (1xx) one starts the next. */
    headersDone(final) {
        if (final)
            return this.end();
        if (this.socket !== undefined)
            this.base = this.socket.bytesRead;
        this.firstSeenAt = undefined;
    }
    end() {
        this.over = true;
        if (this.timer !== undefined)
            clearInterval(this.timer);
        this.timer = undefined;
    }
    check() {
        if (this.over)
            return;
        const now = this.now();
        const { firstByteMs, headerBlockMs } = this.limits;
        const received = this.socket === undefined ? 0 : this.socket.bytesRead - this.base;
        if (received > 0 && this.firstSeenAt === undefined)
            this.firstSeenAt = now;
        let message;
        if (this.firstSeenAt !== undefined && now - this.firstSeenAt >= headerBlockMs) {
            message = `${this.host} is too slow sending its response headers: ${received} bytes in ${seconds(now - this.firstSeenAt)} s without completing them (a server sends its headers at once; limit ${seconds(headerBlockMs)} s after the first byte)`;
        }
        else if (this.firstSeenAt === undefined &&
            this.socket !== undefined &&
            now - this.sentAt >= firstByteMs) {
            message = `${this.host} sent no response headers within ${seconds(firstByteMs)} s ${transfer_limits/* HEADERS_TIMEOUT_HINT */.bi}`;
        }
        else if (now - this.sentAt >= firstByteMs + headerBlockMs) {
            message = `${this.host} sent no complete response headers within ${seconds(firstByteMs + headerBlockMs)} s ${transfer_limits/* HEADERS_TIMEOUT_HINT */.bi}`;
        }
        if (message === undefined)
            return;
        this.end();
        this.fail(new transfer_limits/* TransferLimitError */.lC(message, transfer_limits/* LIMIT_CODES */.di.headers));
    }
}
function seconds(ms) {
    return String(Math.round(ms / 100) / 10);
}

;// CONCATENATED MODULE: ./src/index/undici-dispatch.ts



function tokens(v) {
    if (v === undefined)
        return [];
    return (Array.isArray(v) ? v.join(',') : v)
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== '');
}
/**
 * True only when llhttp is certain to treat the response as keep-alive (its
 * `llhttp_should_keep_alive`), whatever the HTTP version, which the handler cannot see: HTTP/1.0 is
 * keep-alive only with a `Connection: keep-alive` token, HTTP/1.1 unless `Connection: close`
 * (llhttp reads `Proxy-Connection` the same way), and never when the body ends with the connection
 * (no Content-Length, or a Transfer-Encoding whose last coding is not chunked; RFC 9112 §6.3).
 * An HTTP/1.1 response without a Connection header is keep-alive too, but it looks exactly like
 * the HTTP/1.0 responses of `python3 -m http.server`, so it does not count as proven.
 */
function pausingIsSafe(method, status, headers) {
    const connection = [...tokens(headers.connection), ...tokens(headers['proxy-connection'])];
    if (connection.includes('close') || !connection.includes('keep-alive'))
        return false;
    // Bodies with no bytes never pause anything.
    if (method === 'HEAD' || status === 204 || status === 304)
        return true;
    const codings = tokens(headers['transfer-encoding']);
    if (codings.length > 0)
        return codings[codings.length - 1] === 'chunked';
    return headers['content-length'] !== undefined;
}
/**
 * True when every byte a Content-Length promised has arrived. A keep-alive response whose parser
 * is paused right after its last body byte (before llhttp reports the message complete) fails
 * with "other side closed" when the server then closes the connection; the body is whole, and
 * callers verify hashes anyway, so that error is not the body's.
 */
function hasAllDeclaredBytes(response) {
    if (response.headers['transfer-encoding'] !== undefined)
        return false;
    const declared = response.headers['content-length'];
    if (typeof declared !== 'string' || !/^\d+$/.test(declared.trim()))
        return false;
    return response.body.received === Number(declared);
}
/** Sends the request; resolves at the response headers, rejects when no response arrives. */
function dispatchRequest(dispatcher, request, queueOptions = {}) {
    return new Promise((resolve, reject) => {
        let controller;
        let response;
        let finish;
        const done = new Promise((r) => (finish = r));
        let settled = false;
        const { signal } = request;
        const host = request.host ?? request.origin;
        const timers = [];
        const settle = () => {
            if (settled)
                return;
            settled = true;
            headerWait?.end();
            for (const t of timers)
                clearTimeout(t); // also clears intervals
            signal?.removeEventListener('abort', onAbort);
            finish();
        };
        const abortWith = (reason) => {
            if (controller && !controller.aborted)
                controller.abort(reason);
        };
        function onAbort() {
            const reason = signal?.reason instanceof Error ? signal.reason : new Error('aborted');
            abortWith(reason);
        }
        /** Ends the exchange for a limit: the body fails with `error`, or the request rejects. */
        const stop = (error) => {
            if (settled)
                return;
            if (response)
                response.body.fail(error);
            else
                reject(error);
            abortWith(error);
            settle();
        };
        const { deadlineMs, minRate } = request;
        const headerWait = request.headerWait === undefined ? undefined : new HeaderWait(request.headerWait, host, stop);
        let limit;
        if (deadlineMs !== undefined && deadlineMs > 0) {
            const t = setTimeout(() => stop(new transfer_limits/* TransferLimitError */.lC(`${host} did not complete the ${response ? 'response body' : 'response'} within ${deadlineMs / 1000} s (request deadline)`, transfer_limits/* LIMIT_CODES */.di.deadline)), deadlineMs);
            t.unref();
            timers.push(t);
        }
        const startRateWatch = () => {
            if (minRate === undefined || minRate.bytesPerSec <= 0 || minRate.windowMs <= 0)
                return;
            // Every window must bring its share of bytes, counted from the response headers on; a
            // window in which the parser was paused (our reader was slow) is not held against the server.
            let lastReceived = 0;
            let lastPauses = 0;
            const need = Math.ceil((minRate.bytesPerSec * minRate.windowMs) / 1000);
            const interval = setInterval(() => {
                const body = response?.body;
                if (settled || body === undefined || body.settled)
                    return;
                const got = body.received - lastReceived;
                const paused = body.isPaused || body.pauses !== lastPauses;
                lastReceived = body.received;
                lastPauses = body.pauses;
                if (!paused && got < need) {
                    stop(new transfer_limits/* TransferLimitError */.lC(`${host} is too slow: ${got} body bytes in ${minRate.windowMs / 1000} s, under the minimum of ${(0,transfer_limits/* formatBytes */.z3)(minRate.bytesPerSec)}/s`, transfer_limits/* LIMIT_CODES */.di.tooSlow));
                }
            }, minRate.windowMs);
            interval.unref();
            timers.push(interval);
        };
        const handler = {
            onRequestStart(c) {
                controller = c;
                if (settled)
                    c.abort(new Error('request stopped before it started'));
                else if (signal?.aborted)
                    onAbort();
                else
                    headerWait?.sent(request.method, request.path);
            },
            onResponseStart(c, status, headers) {
                // 1xx responses are informational; the final response follows on the same exchange.
                headerWait?.headersDone(status >= 200);
                if (status < 200 || response)
                    return;
                const canPause = pausingIsSafe(request.method, status, headers);
                const body = new BodyQueue({
                    ...queueOptions,
                    canPause,
                    pause: () => c.pause(),
                    resume: () => c.resume(),
                });
                response = { status, headers: { ...headers }, body, done, abort: abortWith };
                resolve(response);
                startRateWatch();
                limit = request.limit?.(status);
                const declared = headers['content-length'];
                if (limit !== undefined &&
                    request.method !== 'HEAD' &&
                    typeof declared === 'string' &&
                    /^\d+$/.test(declared.trim()) &&
                    Number(declared) > limit.bytes) {
                    stop((0,transfer_limits/* bodyTooLarge */.Qb)(limit, `Content-Length: ${declared.trim()}`));
                }
            },
            onResponseData(c, chunk) {
                if (settled)
                    return;
                if (limit !== undefined && response && response.body.received + chunk.length > limit.bytes) {
                    stop((0,transfer_limits/* bodyTooLarge */.Qb)(limit, `at least ${response.body.received + chunk.length} bytes sent`));
                    return;
                }
                try {
                    response?.body.push(chunk);
                }
                catch (e) {
                    // A spill write failed (e.g. disk full): the body cannot be kept, so end the exchange.
                    response?.body.fail(e);
                    c.abort(e);
                }
            },
            onResponseEnd() {
                if (settled)
                    return;
                response?.body.end();
                settle();
            },
            onResponseError(_c, error) {
                if (settled)
                    return;
                if (!response)
                    reject(error);
                else if (hasAllDeclaredBytes(response))
                    response.body.end();
                else
                    response.body.fail(error);
                settle();
            },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
            dispatcher.dispatch({ origin: request.origin, path: request.path, method: request.method, headers: request.headers }, handler);
        }
        catch (e) {
            settle();
            reject(e);
        }
    });
}

// EXTERNAL MODULE: ./src/index/http-failure.ts
var http_failure = __webpack_require__(4417);
;// CONCATENATED MODULE: ./src/index/http-redirect.ts
/**
 * One step of following a redirect (RFC 9110 §15.4) for the HttpClient (http.ts): 301, 302, 303,
 * 307 and 308 with a `Location` are followed, to http(s) only; 303 turns the method into GET. URL
 * userinfo is kept only while the origin stays the same (an absolute same-origin Location gets it
 * back, as a relative one inherits it), so credentials never travel to another host.
 */


const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Whether a response with `status` and `location` is a redirect to follow. */
function isRedirect(status, location) {
    return REDIRECTS.has(status) && location !== undefined;
}
/** Where the redirect from `current` to `location` leads (throws NetworkError when it cannot be followed). */
function redirectTarget(method, current, location) {
    let next;
    try {
        next = new URL(location, current);
    }
    catch {
        throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(current), `bad redirect location ${(0,redact/* redactText */.Rd)(location)}`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(current), `redirect to unsupported scheme ${next.protocol}`);
    }
    if (next.origin === current.origin) {
        // Relative Locations inherit userinfo already; absolute same-origin ones get it back.
        if (!next.username && !next.password) {
            next.username = current.username;
            next.password = current.password;
        }
    }
    else {
        next.username = '';
        next.password = '';
    }
    return next;
}

;// CONCATENATED MODULE: ./src/index/http.ts














const DEFAULT_USER_AGENT = 'wheelhouse (+https://github.com/)';
class UndiciHttpClient {
    options;
    logger;
    limiter;
    direct;
    proxies;
    proxyAgents = new Map();
    policy;
    env;
    netrc;
    /** Credential variables read from `env`, by prefix (credentials.ts; env is read once per run). */
    credentialMemo = new Map();
    agentOptions;
    limits;
    headerWait;
    /** See DEFAULT_TRANSFER_LIMITS.connectTimeoutMs (0 = the system's own limit). */
    connectTimeoutMs;
    constructor(options) {
        this.options = options;
        this.logger = options.logger;
        const perHost = options.maxConnectionsPerHost ?? 16;
        this.limiter = new HostLimiter(perHost);
        this.env = options.env ?? process.env;
        this.limits = {
            ...transfer_limits/* DEFAULT_TRANSFER_LIMITS */.xe,
            ...(0,transfer_limits/* transferLimitsFromEnv */.nn)(this.env),
            ...options.limits,
            ...(options.headersTimeoutMs !== undefined ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
        };
        this.connectTimeoutMs = options.connectTimeoutMs ?? this.limits.connectTimeoutMs;
        const { headersTimeoutMs, headerBlockMs } = this.limits;
        this.headerWait = headersTimeoutMs > 0 ? { firstByteMs: headersTimeoutMs, headerBlockMs } : undefined;
        this.agentOptions = {
            connections: perHost,
            keepAliveTimeout: 10_000,
            connect: { timeout: this.connectTimeoutMs },
            // The header wait is ours (header-wait.ts); undici's, on its coarse timer, is only a backstop
            // (and bounds a proxy's answer to CONNECT, which our handler never sees).
            headersTimeout: headersTimeoutMs > 0 ? headersTimeoutMs + headerBlockMs + 2_000 : 0,
            bodyTimeout: options.bodyTimeoutMs ?? 60_000,
        };
        this.direct = new undici_parts/* Agent */.g6(this.agentOptions);
        this.proxies = proxyEnvFrom(this.env);
        this.policy = {
            retries: options.retries ?? retry/* DEFAULT_RETRY_POLICY */.cO.retries,
            backoffBaseMs: options.backoffBaseMs ?? retry/* DEFAULT_RETRY_POLICY */.cO.backoffBaseMs,
            backoffMaxMs: options.backoffMaxMs ?? retry/* DEFAULT_RETRY_POLICY */.cO.backoffMaxMs,
            retryAfterMaxMs: options.retryAfterMaxMs ?? retry/* DEFAULT_RETRY_POLICY */.cO.retryAfterMaxMs,
            retryBudgetMs: options.retryBudgetMs ?? retry/* DEFAULT_RETRY_POLICY */.cO.retryBudgetMs,
        };
        // Read lazily once; a missing netrc is no credentials.
        this.netrc = (0,netrc/* loadNetrc */.Fd)((0,netrc/* netrcPathsFrom */.bB)(this.env, options.netrcPath));
    }
    dispatcherFor(url) {
        const proxy = proxyFor(url, this.proxies);
        if (!proxy)
            return this.direct;
        const tunnel = url.protocol === 'https:' || this.options.proxyTunnel === true;
        const key = `${tunnel ? 'tunnel' : 'forward'} ${proxy}`;
        let agent = this.proxyAgents.get(key);
        if (!agent) {
            this.logger.debug(`using proxy ${(0,redact/* redactUrl */.BO)(proxy)} for ${url.protocol} (${tunnel ? 'CONNECT' : 'forward'})`);
            agent = new undici_parts/* ProxyAgent */.kT({ ...this.agentOptions, uri: proxy, proxyTunnel: tunnel });
            this.proxyAgents.set(key, agent);
        }
        return agent;
    }
    async request(url, options = {}) {
        const method = options.method ?? 'GET';
        let current;
        try {
            current = new URL(url);
        }
        catch {
            throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(url), 'invalid URL');
        }
        const maxRedirects = this.options.maxRedirects ?? 10;
        let currentMethod = method;
        for (let redirects = 0;; redirects++) {
            if (current.protocol === 'file:') {
                const res = await fetchFileUrl(current, currentMethod, options.headers ?? {});
                const length = Number(res.headers['content-length']);
                const limit = this.limitFor(options, res.status);
                if (currentMethod === 'GET' && length > limit.bytes) {
                    await res.discard();
                    const why = (0,transfer_limits/* bodyTooLarge */.Qb)(limit, `the file has ${length} bytes`);
                    throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(current), why.message, why.code);
                }
                return res;
            }
            if (current.protocol !== 'http:' && current.protocol !== 'https:') {
                throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(current), `unsupported URL scheme ${current.protocol}`);
            }
            const res = await this.attempt(current, currentMethod, options);
            const location = res.headers.location;
            if (!isRedirect(res.status, location))
                return res;
            await res.discard();
            if (redirects >= maxRedirects) {
                throw new http_errors/* NetworkError */.D(method, (0,redact/* redactUrl */.BO)(url), `more than ${maxRedirects} redirects`);
            }
            const next = redirectTarget(method, current, location);
            if (res.status === 303)
                currentMethod = 'GET';
            this.logger.debug(`${method} ${(0,redact/* redactUrl */.BO)(current)} redirected (${res.status}) to ${(0,redact/* redactUrl */.BO)(next)}`);
            current = next;
        }
    }
    /** One logical request with retries; the returned response holds a host permit until consumed. */
    async attempt(url, method, options) {
        const redacted = (0,redact/* redactUrl */.BO)(url);
        const retries = options.retry === false ? 0 : this.policy.retries;
        const credentials = (0,index_credentials/* findCredentials */.gD)(url, {
            env: this.env,
            netrc: await this.netrc,
            namedIndexes: this.options.namedIndexes,
            memo: this.credentialMemo,
        });
        const headers = { 'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT };
        for (const [k, v] of Object.entries(options.headers ?? {}))
            headers[k.toLowerCase()] = v;
        if (credentials && headers.authorization === undefined) {
            headers.authorization = (0,index_credentials/* basicAuthHeader */.mn)(credentials);
        }
        const dispatcher = this.dispatcherFor(url);
        const path = `${url.pathname}${url.search}`;
        const deadlineMs = options.deadlineMs ?? this.limits.requestTimeoutMs;
        const started = Date.now();
        /** The wait before another attempt, or undefined when the retry budget does not allow one. */
        const nextDelay = (attempt, retryAfter) => {
            const delay = (0,retry/* retryDelayMs */.qO)(this.policy, attempt, retryAfter);
            return Date.now() - started + delay > this.policy.retryBudgetMs ? undefined : delay;
        };
        for (let attempt = 0;; attempt++) {
            if (this.closed)
                throw new http_errors/* NetworkError */.D(method, redacted, 'the HTTP client was closed');
            const release = await this.limiter.acquire(url.host);
            let data;
            try {
                data = await dispatchRequest(dispatcher, {
                    origin: url.origin,
                    path,
                    method,
                    headers,
                    ...(options.signal ? { signal: options.signal } : {}),
                    host: url.host,
                    limit: (status) => this.limitFor(options, status),
                    deadlineMs,
                    minRate: { bytesPerSec: this.limits.minBytesPerSec, windowMs: this.limits.rateWindowMs },
                    ...(this.headerWait !== undefined ? { headerWait: this.headerWait } : {}),
                }, {
                    ...(this.options.bodyHighWaterMark !== undefined
                        ? { highWaterMark: this.options.bodyHighWaterMark }
                        : {}),
                    ...(this.options.spillDir !== undefined ? { spillDir: this.options.spillDir } : {}),
                });
            }
            catch (e) {
                release();
                const code = (0,http_failure/* errorCode */.CA)(e);
                if (options.signal?.aborted)
                    throw new http_errors/* NetworkError */.D(method, redacted, 'aborted', code);
                // The run is over (the client was closed, e.g. after an unsatisfiable resolution): a
                // request cut short by that is not a network problem worth a retry or a warning.
                if (this.closed)
                    throw new http_errors/* NetworkError */.D(method, redacted, 'the HTTP client was closed', code);
                // A silent host (no headers, no TCP handshake) is not asked again (http-failure.ts); our
                // own header wait fails with a limit code, which is not retryable either.
                const delay = attempt < retries && (0,retry/* isRetryableError */.$d)(code) && !(0,http_failure/* isSilence */.or)(code)
                    ? nextDelay(attempt, undefined)
                    : undefined;
                if (delay !== undefined) {
                    this.logger.info(`retrying ${method} ${redacted} in ${delay} ms after ${code} (attempt ${attempt + 2}/${retries + 1})`);
                    await (0,retry/* sleep */.yy)(delay, options.signal);
                    continue;
                }
                const reason = (0,http_failure/* failureReason */.Hr)(e, code, {
                    host: url.host,
                    attempt,
                    started,
                    undiciHeadersTimeoutMs: this.agentOptions.headersTimeout ?? 0,
                    connectTimeoutMs: this.connectTimeoutMs,
                });
                throw new http_errors/* NetworkError */.D(method, redacted, reason, (0,http_failure/* finalCode */.sW)(code));
            }
            this.exchanges.add(data);
            void data.done.then(() => this.exchanges.delete(data));
            const response = wrapUndiciResponse(data, {
                url: url.href,
                method,
                redactedUrl: redacted,
                release,
                // body() re-requests the same thing when the connection breaks mid-body.
                refetch: retries > 0 ? () => this.attempt(url, method, { ...options, retry: false }) : undefined,
                retries,
                policy: this.policy,
                logger: this.logger,
                unreadTimeoutMs: this.options.unreadBodyTimeoutMs ?? this.agentOptions.bodyTimeout ?? 60_000,
                maxBufferedBytes: options.limit === undefined ? this.limits.maxBufferedBytes : undefined,
            });
            if (attempt < retries && (0,retry/* isRetryableStatus */.PS)(data.status)) {
                const retryAfter = (0,retry/* parseRetryAfter */.mu)(headerValue(data.headers['retry-after']));
                let delay;
                if (retryAfter !== undefined && retryAfter > this.policy.retryAfterMaxMs) {
                    // Waiting that long would hold the run; the status goes back to the caller now.
                    this.logger.warn(`${url.host} answered HTTP ${data.status} to ${method} ${redacted} with Retry-After ${Math.round(retryAfter / 1000)} s, over the ${this.policy.retryAfterMaxMs / 1000} s cap; not retrying`);
                }
                else {
                    delay = nextDelay(attempt, retryAfter);
                    if (delay === undefined) {
                        this.logger.warn(`${url.host} still answers HTTP ${data.status} to ${method} ${redacted} after ${Math.round((Date.now() - started) / 1000)} s of retries (budget ${this.policy.retryBudgetMs / 1000} s); not retrying`);
                    }
                }
                if (delay === undefined)
                    return response;
                await response.discard();
                this.logger.info(`retrying ${method} ${redacted} in ${delay} ms after HTTP ${data.status} (attempt ${attempt + 2}/${retries + 1})`);
                await (0,retry/* sleep */.yy)(delay, options.signal);
                continue;
            }
            this.logger.debug(`${method} ${redacted}${headers.range ? ` [${headers.range}]` : ''} → ${data.status}${credentials ? ` (auth: ${credentials.source})` : ''}`);
            return response;
        }
    }
    /** The body limit of a response to `options` with `status`. */
    limitFor(options, status) {
        const chosen = typeof options.limit === 'function' ? options.limit(status) : options.limit;
        return chosen ?? { bytes: this.limits.maxDownloadBytes, what: 'response body' };
    }
    closed = false;
    /** Exchanges not over yet (bodies still arriving or paused). */
    exchanges = new Set();
    /** Closes every pool; idempotent. */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        // undici's close() waits for every exchange; one whose body nobody reads would hold it up.
        for (const exchange of this.exchanges)
            exchange.abort(new Error('HTTP client closed'));
        await Promise.all([this.direct.close(), ...[...this.proxyAgents.values()].map((a) => a.close())]);
    }
}
function headerValue(v) {
    return Array.isArray(v) ? v.join(', ') : v;
}
function createHttpClient(options) {
    return new UndiciHttpClient(options);
}


/***/ }),

/***/ 5552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v6: () => (/* binding */ ProjectLookupLimitError),
  q6: () => (/* binding */ createIndexClient)
});

// UNUSED EXPORTS: MAX_PROJECT_LOOKUPS, projectPageUrl

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/standards/filenames.ts
var filenames = __webpack_require__(1728);
// EXTERNAL MODULE: ./src/util/file-sha256.ts
var file_sha256 = __webpack_require__(2678);
;// CONCATENATED MODULE: ./src/index/html-entities.ts
/**
 * HTML character references in text and attribute values (HTML Living Standard §13.2.5.72/73):
 * decimal `&#60;` and hexadecimal `&#x3C;` numeric references (invalid code points become
 * U+FFFD), and the named references index pages use in practice. Not supported: the full named
 * reference table (2,000+ names); an unknown name is left as written, as browsers do.
 */
const NAMED = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    equals: '=',
    excl: '!',
    comma: ',',
    period: '.',
    colon: ':',
    semi: ';',
    num: '#',
    percnt: '%',
    plus: '+',
    lowbar: '_',
    sol: '/',
    tilde: '~',
    ast: '*',
    lpar: '(',
    rpar: ')',
    lsqb: '[',
    rsqb: ']',
    lbrack: '[',
    rbrack: ']',
    hyphen: '\u2010',
    copy: '\u00a9',
};
/** Names that HTML also recognises without the trailing semicolon (legacy). */
const LEGACY_NO_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy']);
function fromCodePoint(cp) {
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return '\ufffd';
    return String.fromCodePoint(cp);
}
function decodeHtmlEntities(s) {
    if (!s.includes('&'))
        return s;
    return s.replace(/&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g, (m, dec, hex, name, semi) => {
        if (dec !== undefined)
            return fromCodePoint(Number.parseInt(dec, 10));
        if (hex !== undefined)
            return fromCodePoint(Number.parseInt(hex, 16));
        const value = NAMED[name];
        if (value === undefined)
            return m;
        if (semi === ';' || LEGACY_NO_SEMICOLON.has(name))
            return value;
        return m;
    });
}

// EXTERNAL MODULE: ./src/index/dist-link.ts
var dist_link = __webpack_require__(9939);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/index/dist-filename-check.ts
var dist_filename_check = __webpack_require__(3839);
;// CONCATENATED MODULE: ./src/index/html-page.ts




/** JavaScript's `\s` (WhiteSpace and LineTerminator), one UTF-16 code unit. */
function isSpace(c) {
    if (c > 32 && c < 0xa0)
        return false;
    return (c === 32 ||
        (c >= 9 && c <= 13) ||
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff);
}
function isAsciiLetter(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
const SLASH = 47;
const GT = 62;
const EQ = 61;
/**
 * Start tags of the given names, in document order. Attributes are read for every tag (they decide
 * where it ends) but decoded only for the tags returned. Character tests are code-unit comparisons
 * (a page lists thousands of anchors); `isSpace` is JavaScript's `\s`.
 */
function scanTags(html, names) {
    const tags = [];
    let i = 0;
    const n = html.length;
    while (i < n) {
        const lt = html.indexOf('<', i);
        if (lt === -1)
            break;
        if (html.startsWith('<!--', lt)) {
            const end = html.indexOf('-->', lt + 4);
            i = end === -1 ? n : end + 3;
            continue;
        }
        // A tag name: a letter, then letters, digits and "-", at most 63 characters.
        if (!isAsciiLetter(html.charCodeAt(lt + 1))) {
            i = lt + 1;
            continue;
        }
        let j = lt + 2;
        const nameEnd = Math.min(n, lt + 64);
        while (j < nameEnd) {
            const c = html.charCodeAt(j);
            if (isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45)
                j++;
            else
                break;
        }
        const name = html.slice(lt + 1, j).toLowerCase();
        const wanted = names.has(name);
        const attrs = wanted ? new Map() : undefined;
        // Attribute loop (HTML §13.2.5.32 onwards, simplified).
        while (j < n) {
            let c = html.charCodeAt(j);
            while (j < n && (c === SLASH || isSpace(c)))
                c = html.charCodeAt(++j);
            if (j >= n || c === GT)
                break;
            const start = j;
            while (j < n && c !== SLASH && c !== GT && c !== EQ && !isSpace(c))
                c = html.charCodeAt(++j);
            // Names of attributes nobody reads are not made (the tag's end is all that matters there).
            const attrName = attrs === undefined ? (j > start ? '-' : '') : html.slice(start, j).toLowerCase();
            while (j < n && isSpace(c))
                c = html.charCodeAt(++j);
            let value = '';
            if (c === EQ) {
                c = html.charCodeAt(++j);
                while (j < n && isSpace(c))
                    c = html.charCodeAt(++j);
                if (c === 34 || c === 39) {
                    const end = html.indexOf(c === 34 ? '"' : "'", j + 1);
                    const stop = end === -1 ? n : end;
                    value = html.slice(j + 1, stop);
                    j = stop + 1;
                }
                else {
                    const vs = j;
                    while (j < n && c !== GT && !isSpace(c))
                        c = html.charCodeAt(++j);
                    value = html.slice(vs, j);
                }
            }
            if (attrs !== undefined && attrName !== '' && !attrs.has(attrName))
                attrs.set(attrName, decodeHtmlEntities(value));
            if (attrName === '')
                j++;
        }
        if (attrs !== undefined)
            tags.push({ name, attrs });
        i = j + 1;
    }
    return tags;
}
/** Every file anchor of a page, URLs resolved against `<base href>` or the page URL. */
function parseHtmlLinks(html, pageUrl) {
    const tags = scanTags(html, new Set(['a', 'base']));
    let base = pageUrl;
    const baseTag = tags.find((t) => t.name === 'base' && t.attrs.has('href'));
    if (baseTag) {
        try {
            base = new URL(baseTag.attrs.get('href') ?? '', pageUrl).href;
        }
        catch {
            // an unusable <base> is ignored, as browsers do
        }
    }
    const links = [];
    const resolveLink = (0,dist_link/* linkResolver */.L8)(base, pageUrl);
    for (const t of tags) {
        if (t.name !== 'a')
            continue;
        const href = t.attrs.get('href');
        if (href === undefined)
            continue;
        const link = resolveLink(href);
        if (link)
            links.push({ link, attrs: t.attrs });
    }
    return links;
}
/** One anchor's DistFile. */
function distFileFromHtml(l, project, source) {
    const rp = l.attrs.get('data-requires-python');
    const yankedAttr = l.attrs.get('data-yanked');
    // PEP 714: clients check data-core-metadata first, then the legacy data-dist-info-metadata.
    const core = l.attrs.has('data-core-metadata')
        ? (0,dist_link/* parseMetadataAttribute */.vo)(l.attrs.get('data-core-metadata'))
        : (0,dist_link/* parseMetadataAttribute */.vo)(l.attrs.get('data-dist-info-metadata'));
    return {
        project,
        filename: l.link.filename,
        url: l.link.url,
        redactedUrl: l.link.redactedUrl,
        hashes: l.link.hashes,
        requiresPython: rp !== undefined && rp.trim() !== '' ? rp.trim() : undefined,
        // PEP 592: present → yanked; a non-empty value is the reason.
        yanked: yankedAttr === undefined ? false : yankedAttr.trim() === '' ? true : yankedAttr,
        coreMetadata: core,
        source,
    };
}
/**
 * A PEP 503 project page. `accept(filename)` filters anchors (find-links pages list files of many
 * projects); by default every anchor is kept.
 */
function parseHtmlProjectPage(html, pageUrl, project, accept = () => true) {
    const source = (0,redact/* redactUrl */.BO)(pageUrl);
    const files = [];
    const refused = [];
    const names = new dist_filename_check/* PageFilenameChecker */.wI(source);
    for (const l of parseHtmlLinks(html, pageUrl)) {
        const refusal = names.check(l.link.filename);
        if (refusal !== undefined)
            refused.push(refusal);
        else if (accept(l.link.filename))
            files.push(distFileFromHtml(l, project, source));
    }
    return { project, files, source, refused };
}

// EXTERNAL MODULE: ./src/index/http-errors.ts
var http_errors = __webpack_require__(8428);
// EXTERNAL MODULE: ./src/index/transfer-limits.ts
var transfer_limits = __webpack_require__(9914);
;// CONCATENATED MODULE: ./src/index/local-links.ts

function isFileUrl(url) {
    if (url.startsWith('https://') || url.startsWith('http://'))
        return false; // the usual link, cheaply
    return /^file:/i.test(url.trim());
}
/** Drops `file:` links from `links` unless the page itself is local; warns once per page. */
function dropFileLinksFromRemote(links, urlOf, pageUrl, logger) {
    if (isFileUrl(pageUrl))
        return links;
    const kept = links.filter((l) => !isFileUrl(urlOf(l)));
    const dropped = links.length - kept.length;
    if (dropped > 0) {
        const first = links.find((l) => isFileUrl(urlOf(l)));
        logger.warn(`${(0,redact/* redactUrl */.BO)(pageUrl)}: ignored ${dropped} file: link(s) (e.g. ${(0,redact/* redactUrl */.BO)(urlOf(first))}); only local find-links and file: indexes may point at local files`);
    }
    return kept;
}

;// CONCATENATED MODULE: ./src/index/find-links.ts
/**
 * pip's `--find-links`: local directories (every file directly inside is a candidate) and HTML
 * pages (every anchor is a candidate, file: or http(s):). A location is read once per client and
 * its listing filtered per project: wheels by the name in the wheel file name, sdists by
 * matching the project name against the `<name>-<version>` stem. Local files get their sha256
 * and size computed (the lock needs hashes; indexes give them, directories do not). Offline,
 * only local directories and file: pages are read.
 */











/** Whether `filename` is a wheel or sdist of `project`. */
function belongsTo(filename, project) {
    try {
        if (filename.endsWith('.whl'))
            return (0,filenames/* parseWheelFilename */.eP)(filename).name === project;
        if (filename.endsWith('.tar.gz') || filename.endsWith('.zip')) {
            (0,filenames/* parseSdistFilename */.sF)(filename, project);
            return true;
        }
    }
    catch {
        // not a distribution file name, or another project's
    }
    return false;
}
function toLocation(location) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
        if (location.startsWith('file:'))
            return { url: location };
        return { url: location };
    }
    return { dir: (0,external_node_path_.isAbsolute)(location) ? location : (0,external_node_path_.resolve)(location) };
}
function createFindLinks(http, logger, locations, offline = false, 
/** How a local file's sha256 is found (default: its bytes are read; the flow passes stamps). */
digest = file_sha256/* fileSha256 */.s) {
    const listings = new Map();
    /** The items of one location whose file names pass the check (refusals reported once). */
    function admit(items, nameOf, source) {
        const refused = [];
        const kept = items.filter((item) => {
            const refusal = (0,dist_filename_check/* refuseDistFilename */.aw)(nameOf(item), source);
            if (refusal !== undefined)
                refused.push(refusal);
            return refusal === undefined;
        });
        (0,dist_filename_check/* reportRefusals */.OH)(logger, refused);
        return kept;
    }
    async function list(location) {
        const loc = toLocation(location);
        let dir = loc.dir;
        if (loc.url?.startsWith('file:')) {
            const path = (0,external_node_url_.fileURLToPath)(loc.url);
            const info = await (0,promises_.stat)(path).catch(() => undefined);
            if (info?.isDirectory())
                dir = path;
        }
        if (dir !== undefined) {
            try {
                const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
                const names = entries
                    .filter((e) => e.isFile())
                    .map((e) => e.name)
                    .sort();
                return { kind: 'dir', dir, source: dir, files: admit(names, (n) => n, dir) };
            }
            catch (e) {
                logger.warn(`find-links directory ${dir} is unreadable: ${e.message}`);
                return null;
            }
        }
        const url = loc.url;
        if (offline && !url.startsWith('file:')) {
            logger.debug(`offline: skipping find-links page ${(0,redact/* redactUrl */.BO)(url)}`);
            return null;
        }
        const res = await http.request(url, {
            headers: { accept: 'text/html' },
            limit: { bytes: transfer_limits/* BODY_LIMITS */.Mu.findLinksPage, what: 'find-links page' },
        });
        if (res.status === 404) {
            await res.discard();
            logger.warn(`find-links page ${(0,redact/* redactUrl */.BO)(url)} not found (404)`);
            return null;
        }
        if (res.status !== 200) {
            await res.discard();
            throw new http_errors/* HttpError */.j(res.status, 'GET', (0,redact/* redactUrl */.BO)(res.url));
        }
        const html = new TextDecoder().decode(await res.body());
        // Relative links resolve against the final URL; same-origin links keep the given credentials.
        const base = res.url === url ? url : res.url;
        const source = (0,redact/* redactUrl */.BO)(url);
        const links = dropFileLinksFromRemote(parseHtmlLinks(html, base), (l) => l.link.url, base, logger);
        return { kind: 'page', source, links: admit(links, (l) => l.link.filename, source) };
    }
    function listing(location) {
        let p = listings.get(location);
        if (!p) {
            p = list(location);
            listings.set(location, p);
        }
        return p;
    }
    return {
        async filesFor(project) {
            const all = await Promise.all(locations.map((l) => listing(l)));
            const out = [];
            for (const l of all) {
                if (!l)
                    continue;
                if (l.kind === 'page') {
                    for (const link of l.links) {
                        if (belongsTo(link.link.filename, project))
                            out.push(distFileFromHtml(link, project, l.source));
                    }
                    continue;
                }
                const mine = l.files.filter((f) => belongsTo(f, project));
                const files = await Promise.all(mine.map(async (name) => {
                    const path = (0,external_node_path_.join)(l.dir, name);
                    const { sha256, size } = await digest(path);
                    const url = (0,external_node_url_.pathToFileURL)(path).href;
                    return {
                        project,
                        filename: name,
                        url,
                        redactedUrl: url,
                        hashes: { sha256 },
                        yanked: false,
                        size,
                        coreMetadata: false,
                        source: l.source,
                    };
                }));
                out.push(...files);
            }
            return out;
        },
    };
}

// EXTERNAL MODULE: ./src/index/json-page.ts + 4 modules
var json_page = __webpack_require__(4439);
// EXTERNAL MODULE: ./src/index/page-body.ts
var page_body = __webpack_require__(4390);
// EXTERNAL MODULE: ./src/index/page-freshness.ts
var page_freshness = __webpack_require__(5023);
// EXTERNAL MODULE: ./src/index/page-trust.ts
var page_trust = __webpack_require__(5458);
;// CONCATENATED MODULE: ./src/index/project-page-fetch.ts










/** PEP 691 §"Version + Format Selection": JSON first, HTML as fallback, legacy text/html last. */
const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

/**
 * A page body parsed by its Content-Type. `controlFree`: the body is known to hold no control
 * character JSON forbids (page-body.ts learned it while decoding), so the scanner need not look.
 */
function parsePage(body, contentType, url, project, logger, controlFree = false, 
/** Which of `\`, TAB, LF, CR the body holds, when known (page-body.ts SEEN_* bits). */
seen) {
    const page = (0,page_trust/* isJsonContentType */.qE)(contentType)
        ? (0,json_page/* parseJsonProjectPage */.IV)(body, url, project, logger, controlFree, seen)
        : parseHtmlProjectPage(body, url, project);
    if (page.refused !== undefined)
        (0,dist_filename_check/* reportRefusals */.OH)(logger, page.refused);
    // A page in compact form leaves its `file:` links out itself (page-links.ts `files`, `dropped`):
    // a skimmed entry's URL is known only once the entry is read.
    if (page.links !== undefined)
        return page;
    const files = dropFileLinksFromRemote(page.files, (f) => f.url, url, logger);
    return files.length === page.files.length ? page : { ...page, files };
}
/** The project page at `pageUrl`, or null when the index does not have the project. */
async function fetchProjectPage(ctx, pageUrl, project) {
    const redacted = (0,redact/* redactUrl */.BO)(pageUrl);
    const cached = await ctx.pageCache?.get(pageUrl);
    // Relative links resolve against the final URL; keep the credentials of the request URL.
    const withAuth = (stored) => {
        if (stored === (0,redact/* publicUrl */.x6)(pageUrl) || stored === redacted)
            return pageUrl;
        const f = new URL(stored);
        const p = new URL(pageUrl);
        const same = f.origin === p.origin;
        f.username = same ? p.username : '';
        f.password = same ? p.password : '';
        return f.href;
    };
    if (ctx.offline) {
        if (!cached) {
            ctx.logger.debug(`offline: no cached page for ${redacted}`);
            return null;
        }
        return parsePage(cached.body, cached.contentType, withAuth(cached.url), project, ctx.logger);
    }
    const now = ctx.now ?? Date.now;
    if (cached?.writtenHere === true && (0,page_freshness/* isFresh */.pL)(cached.storedAt, cached.freshForSec, now())) {
        ctx.logger.debug(`page ${redacted} fresh in the cache (max-age); not requested`);
        return parsePage(cached.body, cached.contentType, withAuth(cached.url), project, ctx.logger);
    }
    // Validators of a page this process stored; of a restored page only an ETag that is a digest of
    // its body (page-trust.ts), so that a 304 vouches for exactly the stored bytes.
    let usable = cached;
    const headers = { accept: SIMPLE_ACCEPT };
    if (cached?.writtenHere === true) {
        if (cached.etag)
            headers['if-none-match'] = cached.etag;
        if (cached.lastModified)
            headers['if-modified-since'] = cached.lastModified;
    }
    else if (cached !== undefined) {
        // Decided by the page cache's `get` (page-trust.ts `vouchingEtag`) from the digest it checked.
        const etag = cached.vouchingEtag;
        if (etag !== undefined)
            headers['if-none-match'] = etag;
        else {
            ctx.logger.debug(`page ${redacted} in a restored cache entry cannot be vouched for; requested whole`);
            usable = undefined;
        }
    }
    const limit = { bytes: ctx.maxPageBytes ?? transfer_limits/* BODY_LIMITS */.Mu.projectPage, what: 'project page' };
    let res = await ctx.http.request(pageUrl, { headers, limit });
    if (res.status === 304 && usable !== undefined && !usable.writtenHere) {
        const sent = headers['if-none-match'];
        const answered = res.headers.etag;
        const redirected = (0,redact/* publicUrl */.x6)(res.url) !== (0,redact/* publicUrl */.x6)(pageUrl);
        if (redirected || (answered !== undefined && !(0,page_trust/* sameEntityTag */.C0)(answered, sent))) {
            // A 304 naming another ETag than the one asked about vouches for nothing; after a redirect
            // the stored base URL (for relative links) is not the page's own.
            await res.discard();
            ctx.logger.debug(`page ${redacted}: 304 from elsewhere or with another ETag; requested whole`);
            usable = undefined;
            res = await ctx.http.request(pageUrl, { headers: { accept: SIMPLE_ACCEPT }, limit });
        }
    }
    if (res.status === 304 && usable !== undefined) {
        const page = usable;
        await res.discard();
        ctx.logger.debug(`page ${redacted} not modified (cached)`);
        // RFC 9111 §4.3.4: a 304 updates the stored response's freshness (its own Cache-Control, else
        // the stored lifetime — only if this process stored it); written back only when that makes a
        // later request of this process skip the request.
        const fresh = (0,page_freshness/* pageFreshness */.$z)(res.headers['cache-control'], res.headers.age);
        const freshForSec = res.headers['cache-control'] !== undefined
            ? fresh.freshForSec
            : page.writtenHere
                ? page.freshForSec
                : 0;
        if (ctx.pageCache && !fresh.noStore && (freshForSec ?? 0) > 0) {
            const { writtenHere: _w, vouchingEtag: _v, ...stored } = page;
            await ctx.pageCache
                .put(pageUrl, { ...stored, storedAt: now(), freshForSec })
                .catch((e) => ctx.logger.warn(`could not cache page ${redacted}: ${e.message}`));
        }
        return parsePage(page.body, page.contentType, withAuth(page.url), project, ctx.logger);
    }
    if (res.status === 404 || res.status === 410) {
        await res.discard();
        return null;
    }
    if (res.status !== 200) {
        await res.discard();
        throw new http_errors/* HttpError */.j(res.status, 'GET', (0,redact/* redactUrl */.BO)(res.url));
    }
    const { text: body, controlFree, seen } = (0,page_body/* decodePageBody */.us)(await res.body());
    const contentType = res.headers['content-type'] ?? 'text/html';
    const page = parsePage(body, contentType, res.url, project, ctx.logger, controlFree, seen);
    const etag = res.headers.etag;
    const lastModified = res.headers['last-modified'];
    const { freshForSec, noStore } = (0,page_freshness/* pageFreshness */.$z)(res.headers['cache-control'], res.headers.age);
    if (ctx.pageCache && !noStore && (etag || lastModified || freshForSec > 0)) {
        const entry = { url: (0,redact/* publicUrl */.x6)(res.url), etag, lastModified, contentType, body, storedAt: now() };
        await ctx.pageCache
            .put(pageUrl, freshForSec > 0 ? { ...entry, freshForSec } : entry)
            .catch((e) => ctx.logger.warn(`could not cache page ${redacted}: ${e.message}`));
    }
    return page;
}

// EXTERNAL MODULE: ./src/index/page-links.ts
var page_links = __webpack_require__(6505);
;// CONCATENATED MODULE: ./src/index/index-client.ts




/**
 * Most distinct projects one index client (one resolution) looks up. Every lookup is a page
 * request per index and state kept for the resolution; a hostile index whose metadata fans out to
 * ever new names, or a giant requirement set, would otherwise run until memory is gone.
 */
const MAX_PROJECT_LOOKUPS = 10_000;
/** A resolution that needed more distinct projects than MAX_PROJECT_LOOKUPS (or the client's own limit). */
class ProjectLookupLimitError extends Error {
    limit;
    project;
    constructor(limit, project) {
        super(`the resolution needed more than ${limit} distinct projects (looking up ${project}); wheelhouse stops there: check the requirements and the index's dependency metadata`);
        this.limit = limit;
        this.project = project;
        this.name = 'ProjectLookupLimitError';
    }
}
/** `<index>/<name>/` (PEP 503: the project URL is the base URL plus the normalized name). */
function projectPageUrl(indexUrl, name) {
    const base = indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`;
    return new URL(`${encodeURIComponent(name)}/`, base).href;
}
function createIndexClient(options) {
    const { http, logger, indexUrls, strategy } = options;
    const ctx = { http, logger, pageCache: options.pageCache, offline: options.offline };
    const findLinks = createFindLinks(http, logger, options.findLinks, options.offline === true, options.digest);
    const inFlight = new Map();
    /** Every project looked up (for the lookup limit; pages themselves may be freed). */
    const looked = new Set();
    // Per index: whether any project page was found, and how many lookups were made.
    const answers = new Map();
    const record = (index, page) => {
        const a = answers.get(index) ?? { found: false, asked: 0 };
        a.asked += 1;
        a.found ||= page !== null;
        answers.set(index, a);
        return page;
    };
    async function fromIndexes(name) {
        if (strategy === 'first-index') {
            for (const index of indexUrls) {
                const page = record(index, await fetchProjectPage(ctx, projectPageUrl(index, name), name));
                if (page) {
                    logger.debug(`${name}: taken from ${(0,redact/* redactUrl */.BO)(index)} (first-index)`);
                    return [page];
                }
            }
            return [];
        }
        const pages = await Promise.all(indexUrls.map(async (i) => record(i, await fetchProjectPage(ctx, projectPageUrl(i, name), name))));
        return pages.filter((p) => p !== null);
    }
    async function lookup(name) {
        const [pages, links] = await Promise.all([fromIndexes(name), findLinks.filesFor(name)]);
        if (pages.length === 0 && links.length === 0)
            return null;
        // One page in compact form (a large JSON page) stays compact when merging would not change it.
        const only = pages[0];
        if (pages.length === 1 && links.length === 0 && only?.links instanceof page_links/* CompactLinks */.h9) {
            if (!only.links.hasDuplicateUrls())
                return (0,page_links/* compactPage */.NG)(only.links);
        }
        const files = [];
        const seen = new Set();
        for (const f of [...pages.flatMap((p) => p.files), ...links]) {
            if (seen.has(f.url))
                continue;
            seen.add(f.url);
            files.push(f);
        }
        const sources = [...pages.map((p) => p.source), ...new Set(links.map((f) => f.source))];
        return { project: name, files, source: sources.join(' + ') };
    }
    return {
        indexesWithoutProjects: () => [...answers].filter(([, a]) => !a.found && a.asked > 0).map(([index]) => (0,redact/* redactUrl */.BO)(index)),
        getProject(name) {
            let p = inFlight.get(name);
            if (!p) {
                const limit = options.maxProjects ?? MAX_PROJECT_LOOKUPS;
                if (!looked.has(name) && looked.size >= limit)
                    return Promise.reject(new ProjectLookupLimitError(limit, name));
                looked.add(name);
                const mine = lookup(name);
                p = mine;
                inFlight.set(name, mine);
                const forget = () => {
                    if (inFlight.get(name) === mine)
                        inFlight.delete(name);
                };
                // A failed lookup may be retried by a later call; an answered one is kept unless told not to.
                mine.then(() => {
                    if (options.keepPages === false)
                        forget();
                }, forget);
            }
            return p;
        },
    };
}


/***/ }),

/***/ 4439:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o$: () => (/* binding */ JSON_PAGE_TYPE),
  IV: () => (/* binding */ parseJsonProjectPage)
});

// UNUSED EXPORTS: parseJsonProjectPageGeneral

// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/index/dist-link.ts
var dist_link = __webpack_require__(9939);
// EXTERNAL MODULE: ./src/index/project-page-error.ts
var project_page_error = __webpack_require__(778);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/index/dist-filename-check.ts
var dist_filename_check = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/index/page-links.ts
var page_links = __webpack_require__(6505);
// EXTERNAL MODULE: ./src/index/page-body.ts
var page_body = __webpack_require__(4390);
;// CONCATENATED MODULE: ./src/index/json-scanner.ts
/**
 * A checking pass over JSON text (RFC 8259) that steps over values without building them: the
 * cursor of the PEP 691 page scanner (json-page-scan.ts). It answers only for text it fully
 * understands and otherwise throws GIVE_UP (any syntax error, an escaped key, nesting deeper than
 * MAX_DEPTH), after which the caller parses the text with JSON.parse. Strings are found with
 * `indexOf`; whether one holds an escape or a raw LF/CR/TAB is one comparison against the next such
 * character's position (looked up once, reused while the scan moves forward); the other control
 * characters, invalid anywhere in JSON text, are checked once for the whole text (STRAY_CONTROL).
 */

/** Thrown inside the scanner when it leaves the page to the general parser. */
class GiveUp {
}
const GIVE_UP = new GiveUp();
function giveUp() {
    throw GIVE_UP;
}
/** Deeper nesting (inside values the page does not use) is left to JSON.parse. */
const MAX_DEPTH = 256;
/** A control character other than tab, LF and CR: invalid anywhere in JSON text. */
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const Q = 34; // "
const BACKSLASH = 92;
class Scanner {
    s;
    p = 0;
    /** Whether the last string scanned held an escape. */
    escaped = false;
    /** Next positions of `\`, LF, CR, TAB at or after the last string start (-1: none left). */
    nextBackslash = -2;
    nextLf = -2;
    nextCr = -2;
    nextTab = -2;
    stack = [];
    /**
     * `seen`: which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits): the
     * others are never looked for.
     */
    constructor(s, seen) {
        this.s = s;
        if (seen !== undefined) {
            if ((seen & page_body/* SEEN_BACKSLASH */.rZ) === 0)
                this.nextBackslash = -1;
            if ((seen & page_body/* SEEN_TAB */.g6) === 0)
                this.nextTab = -1;
            if ((seen & page_body/* SEEN_LF */.nN) === 0)
                this.nextLf = -1;
            if ((seen & page_body/* SEEN_CR */["if"]) === 0)
                this.nextCr = -1;
        }
    }
    /**
     * A scanner over the same text with this one's position and look-ahead: it may read anything at
     * or after the position (its own reads must then move forward; fork again to go back).
     */
    fork() {
        const other = new Scanner(this.s);
        other.p = this.p;
        other.nextBackslash = this.nextBackslash;
        other.nextLf = this.nextLf;
        other.nextCr = this.nextCr;
        other.nextTab = this.nextTab;
        other.nextSpecial = this.nextSpecial;
        return other;
    }
    ws() {
        const s = this.s;
        let p = this.p;
        for (;;) {
            const c = s.charCodeAt(p);
            if (c === 32 || c === 10 || c === 13 || c === 9)
                p++;
            else
                break;
        }
        this.p = p;
    }
    expect(code) {
        if (this.s.charCodeAt(this.p) !== code)
            giveUp();
        this.p++;
    }
    /** Whether the text holds a `\` at or after `from` (known without a search when `seen` said none). */
    backslashFrom(from) {
        if (this.nextBackslash === -1)
            return false;
        if (this.nextBackslash >= from)
            return true;
        return this.s.indexOf('\\', from) !== -1;
    }
    after(needle, known, from) {
        return known === -1 || known >= from ? known : this.s.indexOf(needle, from);
    }
    /**
     * The nearest of nextBackslash/Lf/Cr/Tab (Infinity when none is left): a string that closes
     * before it holds none of them, which one comparison tells.
     */
    nextSpecial = -1;
    refreshSpecial(from) {
        this.nextBackslash = this.after('\\', this.nextBackslash, from);
        this.nextLf = this.after('\n', this.nextLf, from);
        this.nextCr = this.after('\r', this.nextCr, from);
        this.nextTab = this.after('\t', this.nextTab, from);
        let next = Infinity;
        for (const at of [this.nextBackslash, this.nextLf, this.nextCr, this.nextTab])
            if (at >= 0 && at < next)
                next = at;
        this.nextSpecial = next;
    }
    /**
     * Whether the text is known to hold no `\`, LF, CR or TAB from the positions read so far on (known
     * from the body's SEEN_* bits or from a search that found none; nothing is searched here): every
     * string from here is then plain (`plainUntil` is true for it).
     */
    plainAhead() {
        return this.nextBackslash === -1 && this.nextLf === -1 && this.nextCr === -1 && this.nextTab === -1;
    }
    /**
     * Whether the text from `from` (a string's first character) to `close` (its closing quote) holds
     * no `\`, LF, CR or TAB: then it is a whole string without escapes (other control characters are
     * the STRAY_CONTROL check's). Calls must come in increasing `from` order, as `string()`'s.
     */
    plainUntil(from, close) {
        if (this.nextSpecial < from)
            this.refreshSpecial(from);
        return !(this.nextSpecial < close);
    }
    /** A string at `p` (its opening quote); returns the closing quote's offset, `p` after it. */
    string() {
        const s = this.s;
        const open = this.p;
        if (s.charCodeAt(open) !== Q)
            giveUp();
        const from = open + 1;
        const close = s.indexOf('"', from);
        if (close < 0)
            giveUp();
        if (this.nextSpecial < from)
            this.refreshSpecial(from);
        if (this.nextSpecial < close) {
            if (this.nextBackslash !== -1 && this.nextBackslash < close)
                return this.escapedString(from);
            // Raw LF/CR/TAB are not allowed in strings (the other control characters nowhere: checked once).
            giveUp();
        }
        this.escaped = false;
        this.p = close + 1;
        return close;
    }
    /** RFC 8259 §7: `\` followed by one of `"\/bfnrt` or `u` and four hex digits. */
    escapedString(from) {
        const s = this.s;
        for (let i = from; i < s.length; i++) {
            const c = s.charCodeAt(i);
            if (c === Q) {
                this.escaped = true;
                this.p = i + 1;
                return i;
            }
            if (c < 32)
                giveUp();
            if (c === BACKSLASH) {
                const e = s.charCodeAt(i + 1);
                if (e === 117 /* u */) {
                    if (!HEX4.test(s.slice(i + 2, i + 6)))
                        giveUp();
                    i += 5;
                }
                else if (e === Q ||
                    e === BACKSLASH ||
                    e === 47 ||
                    e === 98 ||
                    e === 102 ||
                    e === 110 ||
                    e === 114 ||
                    e === 116)
                    i += 1;
                else
                    giveUp();
            }
        }
        return giveUp();
    }
    /** A key and its colon; returns the closing quote's offset (gives up on escaped keys). */
    key() {
        const close = this.string();
        if (this.escaped)
            giveUp();
        this.ws();
        this.expect(58 /* : */);
        this.ws();
        return close;
    }
    /** A member name inside a value the page does not use (escapes allowed), and its colon. */
    memberName() {
        this.string();
        this.ws();
        this.expect(58 /* : */);
    }
    primitive() {
        const s = this.s;
        const c = s.charCodeAt(this.p);
        if (c === Q)
            this.string();
        else if (c === 116 /* t */ && s.startsWith('true', this.p))
            this.p += 4;
        else if (c === 102 /* f */ && s.startsWith('false', this.p))
            this.p += 5;
        else if (c === 110 /* n */ && s.startsWith('null', this.p))
            this.p += 4;
        else {
            NUMBER.lastIndex = this.p;
            if (!NUMBER.test(s))
                giveUp();
            this.p = NUMBER.lastIndex;
        }
    }
    /** Any JSON value at `p` (after whitespace), checked and stepped over. */
    value() {
        const s = this.s;
        const stack = this.stack;
        let depth = 0;
        for (;;) {
            this.ws();
            const c = s.charCodeAt(this.p);
            if (c === 123 /* { */ || c === 91 /* [ */) {
                if (depth >= MAX_DEPTH)
                    giveUp();
                this.p++;
                this.ws();
                const close = c === 123 ? 125 : 93;
                if (s.charCodeAt(this.p) === close)
                    this.p++;
                else {
                    stack[depth++] = close;
                    if (close === 125)
                        this.memberName();
                    continue;
                }
            }
            else
                this.primitive();
            // After a value: close what ends here, or go on to the next member.
            for (;;) {
                if (depth === 0)
                    return;
                this.ws();
                const close = stack[depth - 1];
                const d = s.charCodeAt(this.p);
                if (d === 44 /* , */) {
                    this.p++;
                    if (close === 125) {
                        this.ws();
                        this.memberName();
                    }
                    break;
                }
                if (d !== close)
                    giveUp();
                this.p++;
                depth--;
            }
        }
    }
    /** End (closing quote) of the last `stringStart`. */
    stringEnd = 0;
    /**
     * A string value at `p`: the start of its content (as ~start when it holds escapes), its end in
     * `stringEnd`; -1 (nothing read) when the value is not a string.
     */
    stringStart() {
        if (this.s.charCodeAt(this.p) !== Q)
            return -1;
        const start = this.p + 1;
        this.stringEnd = this.string();
        return this.escaped ? ~start : start;
    }
    text(start, end) {
        return start < 0 ? JSON.parse(this.s.slice(~start - 1, end + 1)) : this.s.slice(start, end);
    }
    /** Whether the key closing at `close` is `name` (char by char: no substring, no runtime call). */
    is(close, name) {
        const start = this.keyStart;
        if (close - start !== name.length)
            return false;
        const s = this.s;
        for (let k = 0; k < name.length; k++)
            if (s.charCodeAt(start + k) !== name.charCodeAt(k))
                return false;
        return true;
    }
    keyStart = 0;
}

;// CONCATENATED MODULE: ./src/index/json-entry-template.ts
/**
 * The shape of a PEP 691 `files` entry, learned from one the page scanner (json-page-scan.ts) read
 * in full, to read the next entries of the same shape with a few comparisons each. A page lists
 * thousands of entries written by one serializer: the same keys in the same order with the same
 * punctuation and whitespace, differing only in the text of their string values and numbers
 * (file name, URL, hashes, sizes, times) — and in a few literal values (`yanked: false/true`,
 * `requires-python: null`), which make a few shapes.
 *
 * A template is the entry's text cut into literal runs (everything outside value strings and
 * numbers: keys, punctuation, whitespace, `true`/`false`/`null`) and the holes between them (value
 * strings, numbers). An entry matches when each literal run is there verbatim, each string hole is
 * a string without escapes or raw LF/CR/TAB (Scanner.plainUntil; other control characters are
 * refused for the whole body by STRAY_CONTROL before any entry is read), and each number hole is an
 * RFC 8259 number. Such an entry is grammatical JSON with the same keys, nesting and kind of value
 * as the entry the template was learned from, so every field the scanner records (json-page-scan.ts
 * `r`: offsets of file name, URL, Requires-Python, upload time, hashes, core metadata, size, the
 * yanked reason) lies at the same literal run and offset, and the scanner's own decisions (which
 * value is a string, a number, `true`) are the same. An entry that does not match is read by the
 * full scanner, which may learn its shape. Differential tests hold the two paths to the JSON.parse
 * parser's pages (__tests__/index/json-page-scan.test.ts).
 */

const STRING_HOLE = 0;
const NUMBER_HOLE = 1;
/** Fields of the scanner's per-entry record `r` (offsets; -1 when absent). */
const ENTRY_FIELDS = 18;
/** `r` index of the yanked reason's start and end (a string `yanked`). */
const YANKED_START = 16;
const YANKED_END = 17;
class EntryTemplate {
    literals;
    holes;
    fieldRun;
    fieldOffset;
    yanked;
    /** Start offset of each literal run in the entry being matched. */
    at;
    /** The shape as one sticky pattern (`shapePattern`), with plain or strict string holes; made on first use. */
    plainPattern = undefined;
    strictPattern = undefined;
    constructor(literals, holes, 
    /** For each field of `r`: the literal run it is counted from (-1: absent) and the offset. */
    fieldRun, fieldOffset, 
    /** The yanked value when it is not a string (false also when absent). */
    yanked) {
        this.literals = literals;
        this.holes = holes;
        this.fieldRun = fieldRun;
        this.fieldOffset = fieldOffset;
        this.yanked = yanked;
        this.at = new Int32Array(literals.length);
    }
    /**
     * The template of the entry `text[start, end)` (from its `{` to after its `}`) that the full
     * scanner accepted with the field record `r`; undefined for an entry with escapes (its offsets
     * are not plain positions) or a field that is not at a literal run's edge.
     */
    static learn(text, start, end, r, yanked) {
        const literals = [];
        const runStarts = [];
        const holes = [];
        // Without a `\` every `"` delimits a string, so the walk below pairs them right.
        for (let j = start; j < end; j++)
            if (text.charCodeAt(j) === 92 /* \ */)
                return undefined;
        let runStart = start;
        let i = start;
        while (i < end) {
            const c = text.charCodeAt(i);
            if (c === 34 /* " */) {
                const close = text.indexOf('"', i + 1);
                if (close < 0 || close >= end)
                    return undefined;
                let j = close + 1;
                while (isWs(text.charCodeAt(j)))
                    j++;
                if (text.charCodeAt(j) !== 58 /* : */) {
                    // A value string: the run ends with its opening quote, the next starts with its closing one.
                    literals.push(text.slice(runStart, i + 1));
                    runStarts.push(runStart);
                    holes.push(STRING_HOLE);
                    runStart = close;
                }
                i = close + 1;
            }
            else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
                NUMBER.lastIndex = i;
                if (!NUMBER.test(text))
                    return undefined;
                literals.push(text.slice(runStart, i));
                runStarts.push(runStart);
                holes.push(NUMBER_HOLE);
                runStart = i = NUMBER.lastIndex;
            }
            else
                i++;
        }
        literals.push(text.slice(runStart, end));
        runStarts.push(runStart);
        const fieldRun = new Int32Array(ENTRY_FIELDS).fill(-1);
        const fieldOffset = new Int32Array(ENTRY_FIELDS);
        for (let f = 0; f < ENTRY_FIELDS; f++) {
            const p = r[f];
            if (p === -1)
                continue;
            if (p < start || p > end)
                return undefined;
            // The run p lies in or ends: the start of a field (even f) is counted from the run it ends
            // (a hole's start), its end (odd f) from the run that starts there (a hole's end) — for an
            // empty string both are the same offset, and a longer string moves one but not the other.
            let k = runStarts.length - 1;
            while (k > 0 && runStarts[k] > p)
                k--;
            if (f % 2 === 0 && k > 0 && runStarts[k] === p) {
                const before = k - 1;
                if (runStarts[before] + literals[before].length === p)
                    k = before;
            }
            const offset = p - runStarts[k];
            if (offset > literals[k].length)
                return undefined;
            fieldRun[f] = k;
            fieldOffset[f] = offset;
        }
        if (typeof yanked === 'string' && fieldRun[YANKED_START] === -1)
            return undefined;
        return new EntryTemplate(literals, Uint8Array.from(holes), fieldRun, fieldOffset, yanked === true);
    }
    /**
     * The part of this shape before the file name (json-page-scan.ts skims entries by it), or
     * undefined when the name is not a string value's whole text (a name with escapes).
     */
    namePrefix() {
        const k = this.fieldRun[0];
        if (k < 0 || k >= this.holes.length || this.holes[k] !== STRING_HOLE)
            return undefined;
        if (this.fieldOffset[0] !== this.literals[k].length)
            return undefined;
        return new EntryPrefix(this.literals.slice(0, k + 1), this.holes.slice(0, k));
    }
    /**
     * Matches the entry at `p` (its `{`): the offset after its `}` with its fields written to `r`,
     * or -1 (nothing written) when it is not of this shape.
     *
     * The shape is tested as one sticky pattern (`shapePattern`), then walked for the offsets of its
     * literal runs. A literal run compared with `startsWith` cost ~50 instructions per character in
     * TurboFan's code (each character of both strings loaded through the string-representation
     * dispatch; measured under callgrind: ~11,000 instructions per PyPI entry); the pattern compares
     * them natively. Accepted exactly when the run-by-run comparison accepts (`matchByRuns`,
     * held to it by __tests__/index/json-entry-template.test.ts).
     */
    match(sc, p, r) {
        const text = sc.s;
        const plain = sc.plainAhead();
        const pattern = plain
            ? (this.plainPattern ??= shapePattern(this.literals, this.holes, PLAIN_STRING))
            : (this.strictPattern ??= shapePattern(this.literals, this.holes, STRICT_STRING));
        pattern.lastIndex = p;
        if (!pattern.test(text))
            return -1;
        // Of this shape: each string hole ends at the next `"`, each number hole where the number ends.
        const literals = this.literals;
        const holes = this.holes;
        const at = this.at;
        const last = literals.length - 1;
        for (let k = 0;; k++) {
            at[k] = p;
            p += literals[k].length;
            if (k === last)
                break;
            p = holes[k] === STRING_HOLE ? text.indexOf('"', p) : numberEnd(text, p);
        }
        this.writeFields(r);
        return p;
    }
    /**
     * `match` comparing run by run (the definition the pattern is held to; tests): each literal run
     * verbatim, each string hole up to the next `"` with no `\`, LF, CR or TAB (Scanner.plainUntil),
     * each number hole an RFC 8259 number.
     */
    matchByRuns(sc, p, r) {
        const text = sc.s;
        const literals = this.literals;
        const holes = this.holes;
        const at = this.at;
        const last = literals.length - 1;
        for (let k = 0;; k++) {
            const literal = literals[k];
            if (!text.startsWith(literal, p))
                return -1;
            at[k] = p;
            p += literal.length;
            if (k === last)
                break;
            if (holes[k] === STRING_HOLE) {
                const close = text.indexOf('"', p);
                if (close < 0 || !sc.plainUntil(p, close))
                    return -1;
                p = close;
            }
            else {
                p = numberEnd(text, p);
                if (p < 0)
                    return -1;
            }
        }
        this.writeFields(r);
        return p;
    }
    writeFields(r) {
        const at = this.at;
        const fieldRun = this.fieldRun;
        const fieldOffset = this.fieldOffset;
        for (let f = 0; f < ENTRY_FIELDS; f++) {
            const k = fieldRun[f];
            r[f] = k < 0 ? -1 : at[k] + fieldOffset[f];
        }
    }
}
/**
 * A string hole in a shape pattern. The literal run after a string hole starts with the string's
 * closing `"`, and neither class holds `"`: the hole ends at the first `"` after its start, as
 * `indexOf` finds it. STRICT_STRING stops at a `\`, LF, CR or TAB, so a string holding one fails
 * the match (Scanner.plainUntil); PLAIN_STRING is used where the scanner knows none is left.
 */
const STRICT_STRING = String.raw `[^"\\\n\r\t]*`;
const PLAIN_STRING = '[^"]*';
/** Shape patterns by source: a page's shapes repeat the same keys and punctuation on every page of an index. */
const SHAPE_PATTERNS = new Map();
const SHAPE_PATTERNS_LIMIT = 64;
/**
 * A shape as one sticky pattern: literal runs verbatim, string holes as `stringHole`, number holes
 * as the scanner's RFC 8259 NUMBER. A literal run after a number starts with `,`, `}` or
 * whitespace (JSON grammar), never a number character, so backtracking into a number never makes
 * a match: the number is the longest one there, as `numberEnd` takes it. Linear in the entry's
 * length (no class overlaps what follows it).
 */
function shapePattern(literals, holes, stringHole) {
    let source = '';
    for (let k = 0; k < literals.length; k++) {
        source += escapeForPattern(literals[k]);
        if (k < holes.length)
            source += holes[k] === STRING_HOLE ? stringHole : NUMBER.source;
    }
    let pattern = SHAPE_PATTERNS.get(source);
    if (pattern === undefined) {
        if (SHAPE_PATTERNS.size >= SHAPE_PATTERNS_LIMIT)
            SHAPE_PATTERNS.clear();
        pattern = new RegExp(source, 'y');
        SHAPE_PATTERNS.set(source, pattern);
    }
    return pattern;
}
/**
 * The literal runs and holes of an entry shape up to its file name's opening quote. Text that
 * matches it, in a body with no `\` from there on (so every `"` delimits a string), has the same
 * tokens as the entry the shape was learned from up to there, with other string contents and
 * numbers: the same keys, nesting and kinds of value — so the string that follows is that entry's
 * own top-level `filename`, never a key of a nested object.
 */
class EntryPrefix {
    /**
     * The same shape as one sticky pattern: literal runs verbatim, a string hole as `[^"]*` (the
     * next `"` ends it, as `indexOf` finds it), a number hole as the scanner's RFC 8259 NUMBER. A
     * literal run after a number starts with `,`, `}` or whitespace, never a number character, so
     * the pattern's match is the comparison's: the same offsets, accepted exactly when it is.
     */
    pattern;
    constructor(literals, holes) {
        const number = NUMBER.source;
        let source = '';
        for (let k = 0; k < literals.length; k++) {
            source += escapeForPattern(literals[k]);
            if (k < holes.length)
                source += holes[k] === STRING_HOLE ? '[^"]*' : number;
        }
        this.pattern = new RegExp(source, 'y');
    }
    /** Where the file name of the entry at `p` (its `{`) starts, or -1 when the entry is not of this shape. */
    nameAt(text, p) {
        // One native match per entry, with no string made (test() moves lastIndex only).
        const pattern = this.pattern;
        pattern.lastIndex = p;
        return pattern.test(text) ? pattern.lastIndex : -1;
    }
}
/** `text` as a pattern matching exactly itself. */
function escapeForPattern(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
/**
 * The end of the RFC 8259 number at `p` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
 * the longest match, as the scanner's NUMBER), or -1 when none starts there.
 */
function numberEnd(text, p) {
    if (text.charCodeAt(p) === 45)
        p++;
    const first = text.charCodeAt(p);
    if (first === 48)
        p++;
    else if (first > 48 && first <= 57)
        while (isDigit(text.charCodeAt(++p)))
            ;
    else
        return -1;
    if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
        p++;
        while (isDigit(text.charCodeAt(++p)))
            ;
    }
    const e = text.charCodeAt(p);
    if (e === 101 || e === 69) {
        let q = p + 1;
        const sign = text.charCodeAt(q);
        if (sign === 43 || sign === 45)
            q++;
        if (isDigit(text.charCodeAt(q))) {
            p = q;
            while (isDigit(text.charCodeAt(++p)))
                ;
        }
    }
    return p;
}
function isWs(c) {
    return c === 32 || c === 10 || c === 13 || c === 9;
}

;// CONCATENATED MODULE: ./src/index/json-page-entry.ts
/**
 * One entry of a PEP 691 page's `files` list read in full by the page scanner's cursor
 * (json-scanner.ts) — every key checked, every field noted as offsets into the body — and the link
 * record made of those offsets (page-links.ts `CompactLinks`). The scanner (json-page-scan.ts) reads
 * entries this way while it scans, or leaves a skimmed entry to `lazyEntryReader`, which reads it
 * the same way when the entry is first asked for.
 */




/** Entry keys the page uses; each may appear once per entry. */
const K_FILENAME = 1;
const K_URL = 2;
const K_HASHES = 4;
const K_RP = 8;
const K_YANKED = 16;
const K_CORE = 32;
const K_DIST_INFO = 64;
const K_SIZE = 128;
const K_UPLOAD = 256;
/**
 * The entry at the cursor (its `{`), read in full: its fields' offsets in `r` (json-entry-template.ts
 * layout: file name, URL, Requires-Python and upload time as string contents, hashes, core metadata,
 * dist-info metadata and size as JSON values; -1 when absent), the cursor after its `}`. Returns
 * its yanked value. Gives up (GIVE_UP) on a repeated key or a missing or non-string file name or URL.
 */
function readEntry(sc, r) {
    const text = sc.s;
    sc.expect(123);
    sc.ws();
    let seen = 0;
    let yanked = false;
    r.fill(-1);
    if (text.charCodeAt(sc.p) !== 125) {
        for (;;) {
            sc.keyStart = sc.p + 1;
            const close = sc.key();
            const len = close - sc.keyStart;
            let k = 0;
            if (len === 8 && sc.is(close, 'filename'))
                k = K_FILENAME;
            else if (len === 3 && sc.is(close, 'url'))
                k = K_URL;
            else if (len === 6)
                k = sc.is(close, 'hashes') ? K_HASHES : sc.is(close, 'yanked') ? K_YANKED : 0;
            else if (len === 15 && sc.is(close, 'requires-python'))
                k = K_RP;
            else if (len === 13 && sc.is(close, 'core-metadata'))
                k = K_CORE;
            else if (len === 18 && sc.is(close, 'dist-info-metadata'))
                k = K_DIST_INFO;
            else if (len === 4 && sc.is(close, 'size'))
                k = K_SIZE;
            else if (len === 11 && sc.is(close, 'upload-time'))
                k = K_UPLOAD;
            if ((seen & k) !== 0)
                giveUp();
            seen |= k;
            const start = sc.p;
            const c = text.charCodeAt(start);
            switch (k) {
                case K_FILENAME:
                case K_URL:
                case K_RP:
                case K_UPLOAD: {
                    const at = k === K_FILENAME ? 0 : k === K_URL ? 2 : k === K_RP ? 4 : 6;
                    const first = sc.stringStart();
                    if (first === -1) {
                        if (k === K_FILENAME || k === K_URL)
                            giveUp();
                        sc.value();
                        break;
                    }
                    r[at] = first;
                    r[at + 1] = sc.stringEnd;
                    break;
                }
                case K_YANKED: {
                    const first = sc.stringStart();
                    if (first !== -1) {
                        // PEP 691: a string is the reason (empty: yanked without one).
                        const reason = sc.text(first, sc.stringEnd);
                        yanked = reason === '' ? true : reason;
                        r[YANKED_START] = first;
                        r[YANKED_END] = sc.stringEnd;
                    }
                    else {
                        sc.value();
                        yanked = c === 116 && sc.p - start === 4; // `true`
                    }
                    break;
                }
                default: {
                    sc.value();
                    const at = k === K_HASHES ? 8 : k === K_CORE ? 10 : k === K_DIST_INFO ? 12 : k === K_SIZE ? 14 : -1;
                    if (at >= 0 && !(k === K_SIZE && c !== 45 && (c < 48 || c > 57))) {
                        r[at] = start;
                        r[at + 1] = sc.p;
                    }
                }
            }
            sc.ws();
            const d = text.charCodeAt(sc.p);
            if (d === 125)
                break;
            sc.expect(44);
            sc.ws();
        }
    }
    sc.p++; // }
    if ((seen & (K_FILENAME | K_URL)) !== (K_FILENAME | K_URL))
        giveUp();
    return yanked;
}
/**
 * The entry at `p` matched against `templates` (json-entry-template.ts), the shape matched moved
 * to the front: its yanked value, the record in `r` and the cursor after its `}` — or null when it
 * is of none of these shapes (nothing read).
 */
function matchTemplates(sc, templates, p, r) {
    for (let t = 0; t < templates.length; t++) {
        const template = templates[t];
        const end = template.match(sc, p, r);
        if (end < 0)
            continue;
        sc.p = end;
        if (t > 0) {
            // The shape last matched is tried first.
            templates[t] = templates[0];
            templates[0] = template;
        }
        const reasonStart = r[YANKED_START];
        if (reasonStart < 0)
            return template.yanked;
        // PEP 691: a string is the reason (empty: yanked without one).
        const reason = sc.s.slice(reasonStart, r[YANKED_END]);
        return reason === '' ? true : reason;
    }
    return null;
}
/**
 * Writes the fields of link `index` (already added to `links`) from an entry record `r`: its URL
 * checked in place when canonical, else through the URL parser; Requires-Python as a string (the
 * last one reused when the text is the same). Returns the Requires-Python (trimmed, undefined when
 * absent or blank), or null when the URL is unusable. `fork` makes a filler over another scanner
 * of the same text.
 */
function linkFiller(sc, pageUrl) {
    const text = sc.s;
    const canonicalAt = (0,dist_link/* canonicalLinkScanner */.Zm)(text, pageUrl);
    let resolveLink;
    let lastRp = '';
    let lastRpStart = 0;
    let lastRpEnd = 0;
    const fill = (links, index, r) => {
        const urlStart = r[2];
        const urlEnd = r[3];
        const pathEnd = urlStart >= 0 ? canonicalAt(urlStart, urlEnd) : -1;
        const ranges = links.ranges;
        const base = index * page_links/* FIELDS */.cJ;
        if (pathEnd < 0) {
            resolveLink ??= (0,dist_link/* linkResolver */.L8)(pageUrl, pageUrl);
            const link = resolveLink(sc.text(urlStart, urlEnd));
            if (link === undefined)
                return null;
            links.resolved.set(index, link);
            ranges[base + page_links/* URL_START */.Dj] = -1;
        }
        else {
            ranges[base + page_links/* URL_START */.Dj] = urlStart;
            ranges[base + page_links/* URL_END */.IL] = pathEnd;
            ranges[base + page_links/* FRAG_START */.AG] = pathEnd;
            ranges[base + page_links/* FRAG_END */.LY] = urlEnd;
        }
        ranges[base + page_links/* HASHES_START */.ke] = r[8];
        ranges[base + page_links/* HASHES_END */.r0] = r[9];
        // PEP 714: core-metadata when the key is there (whatever its value), else dist-info-metadata.
        const core = r[10] !== -1 ? 10 : 12;
        ranges[base + page_links/* CORE_START */.l0] = r[core];
        ranges[base + page_links/* CORE_END */.AX] = r[core + 1];
        ranges[base + page_links/* SIZE_START */.FB] = r[14];
        ranges[base + page_links/* SIZE_END */.wo] = r[15];
        ranges[base + page_links/* UPLOAD_START */.Lc] = r[6];
        ranges[base + page_links/* UPLOAD_END */.Gp] = r[7];
        // Requires-Python: a page repeats a few values; reuse the last string when the text is the same.
        const rpStart = r[4];
        if (rpStart === -1)
            return undefined;
        const rpEnd = r[5];
        let rp;
        if (rpStart >= 0 && rpEnd - rpStart === lastRpEnd - lastRpStart && text.startsWith(lastRp, rpStart))
            rp = lastRp;
        else {
            rp = sc.text(rpStart, rpEnd);
            if (rpStart >= 0) {
                lastRp = rp;
                lastRpStart = rpStart;
                lastRpEnd = rpEnd;
            }
        }
        const trimmed = rp.trim();
        return trimmed === '' ? undefined : trimmed;
    };
    fill.fork = (other) => linkFiller(other, pageUrl);
    return fill;
}
/**
 * Reads a skimmed link's entry when it is first asked for (`CompactLinks.ensure`): the entry read
 * in full as the scanner reads one, which must end where the skim said and hold the file name the
 * skim took. Anything else — the entry is not valid JSON, a key repeats, the URL is unusable, the
 * skim cut the list elsewhere than at its entries — is `misread`, which answers for the whole page.
 */
function lazyEntryReader(
/** A scanner and a filler at the first skimmed entry, never used themselves: forked from. */
from, fillFrom, misread, 
/** Shapes of the entries the scanner read in full: an entry of one is matched, not read key by key. */
templates = []) {
    let sc = from.fork();
    let fill = fillFrom.fork(sc);
    const r = new Int32Array(ENTRY_FIELDS);
    return (links, index) => {
        const ranges = links.ranges;
        const base = index * page_links/* FIELDS */.cJ;
        const start = ranges[base + page_links/* ENTRY_START */.aS];
        const end = ranges[base + page_links/* ENTRY_END */.Nw];
        // The cursor and the link check look ahead from the last offset: start again to go back.
        if (start < sc.p) {
            sc = from.fork();
            fill = fillFrom.fork(sc);
        }
        sc.p = start;
        let yanked;
        try {
            yanked = matchTemplates(sc, templates, start, r) ?? readEntry(sc, r);
        }
        catch (e) {
            if (e !== GIVE_UP)
                throw e;
            misread(index);
            return;
        }
        if (sc.p !== end || r[0] !== ranges[base + page_links/* NAME_AT */.qV]) {
            misread(index);
            return;
        }
        const rp = fill(links, index, r);
        if (rp === null) {
            misread(index);
            return;
        }
        links.settle(index, rp, yanked);
    };
}

;// CONCATENATED MODULE: ./src/index/json-page-scan.ts







/** Entry shapes kept per page, and how many entries the full scanner may learn one from. */
const MAX_TEMPLATES = 6;
const MAX_LEARNED = 24;
/** Links a skimmed page reserves room for at once (PyPI's largest list about 10,000 files). */
const MAX_RESERVED = 32 * 1024;
/** Pages at least this long are skimmed (smaller ones are read in full: it costs little). */
const SKIM_MIN_CHARS = 64 * 1024;
/** Entries read in full before skimming (the layout is learned from them). */
const SKIM_AFTER = 2;
/**
 * The page parsed by the scanner, or undefined when it leaves the page to the general parser
 * (see the module comment). `checkMeta` is the general parser's `meta` check (it may warn).
 */
function scanJsonProjectPage(text, pageUrl, project, source, checkMeta, logger, 
/** The caller knows the text holds no control character JSON forbids (page-body.ts). */
controlFree = false, 
/** Skim the entries of a large page (read each in full when it is asked for); else read all. */
skim, 
/** Which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits). */
holds) {
    if (!controlFree && STRAY_CONTROL.test(text))
        return undefined;
    const sc = new Scanner(text, holds);
    let metaRange;
    let nameRange;
    let links;
    let refused = [];
    let seen = 0;
    try {
        sc.ws();
        sc.expect(123);
        sc.ws();
        if (text.charCodeAt(sc.p) !== 125) {
            for (;;) {
                sc.keyStart = sc.p + 1;
                const close = sc.key();
                const start = sc.p;
                if (sc.is(close, 'files')) {
                    if ((seen & 1) !== 0 || text.charCodeAt(start) !== 91)
                        giveUp();
                    seen |= 1;
                    refused = [];
                    links = scanFiles(sc, pageUrl, project, source, refused, skim, holds);
                }
                else {
                    const which = sc.is(close, 'meta') ? 2 : sc.is(close, 'name') ? 4 : 0;
                    if ((seen & which) !== 0)
                        giveUp();
                    seen |= which;
                    sc.value();
                    if (which === 2)
                        metaRange = [start, sc.p];
                    else if (which === 4)
                        nameRange = [start, sc.p];
                }
                sc.ws();
                const c = text.charCodeAt(sc.p);
                if (c === 125)
                    break;
                sc.expect(44);
                sc.ws();
            }
        }
        sc.p++;
        sc.ws();
        if (sc.p !== text.length)
            giveUp();
    }
    catch (e) {
        if (e === GIVE_UP)
            return undefined;
        throw e;
    }
    if (links === undefined)
        return undefined;
    // The general parser's checks, in its order: meta, then name. A name that is not the project's
    // is left to it (its error), before the meta check can warn; the meta check throws its errors.
    if (nameRange !== undefined) {
        const name = JSON.parse(text.slice(...nameRange));
        if (typeof name === 'string' && (0,names/* normalizeName */.Pc)(name) !== project)
            return undefined;
    }
    // file: links are dropped (or kept on a local page) by the general path's caller.
    if (links.hasNonHttpLinks())
        return undefined;
    checkMeta(metaRange === undefined ? undefined : JSON.parse(text.slice(...metaRange)), source, logger);
    return (0,page_links/* compactPage */.NG)(links, refused);
}
function scanFiles(sc, pageUrl, project, source, refused, skim, holds) {
    const text = sc.s;
    // With no TAB, LF or CR in the body, a space is the only whitespace: where none lies between a
    // file name and the next `},{`, that is the first `}`, `,`, `{` of any spacing after the name.
    const spaceOnly = holds !== undefined && (holds & (page_body/* SEEN_TAB */.g6 | page_body/* SEEN_LF */.nN | page_body/* SEEN_CR */["if"])) === 0;
    /** The next space at or after the entry being skimmed (-1: none left; -2: not looked yet). */
    let nextSpace = -2;
    const links = new page_links/* CompactLinks */.h9(text, project, source);
    const names = new dist_filename_check/* PageFilenameChecker */.wI(source);
    links.names = names;
    const fill = linkFiller(sc, pageUrl);
    const filesStart = sc.p;
    sc.p++; // [
    sc.ws();
    if (text.charCodeAt(sc.p) === 93) {
        sc.p++;
        return links;
    }
    const r = new Int32Array(ENTRY_FIELDS);
    const templates = [];
    /** The part of each template before the file name (`skimmed`). */
    const prefixes = [];
    let learned = 0;
    let entries = 0;
    let maySkim = skim !== undefined && text.length >= skim.minChars;
    let skimming = false;
    /** Next `[` and `]` at or after the entry being skimmed (-1: none left; -2: not looked yet). */
    let nextOpen = -2;
    let nextClose = -2;
    /** Next `ilename"` (as in `"filename"`) after the name of the entry being skimmed (-1: none left; -2: not looked yet). */
    let nextNameKey = -2;
    for (;;) {
        if (skimming) {
            const next = skimmed(sc.p);
            if (next >= 0) {
                sc.p = next;
                entries++;
                continue;
            }
        }
        // An entry of a shape seen before: its literal runs compared, its holes found (json-entry-template.ts).
        const matched = matchTemplates(sc, templates, sc.p, r);
        if (matched !== null)
            addLink(matched);
        else {
            const entryStart = sc.p;
            const yanked = readEntry(sc, r);
            if (learned < MAX_LEARNED) {
                learned++;
                const template = EntryTemplate.learn(text, entryStart, sc.p, r, yanked);
                if (template !== undefined) {
                    if (templates.length >= MAX_TEMPLATES)
                        templates.pop();
                    templates.unshift(template);
                    const prefix = template.namePrefix();
                    if (prefix !== undefined) {
                        if (prefixes.length >= MAX_TEMPLATES)
                            prefixes.pop();
                        prefixes.unshift(prefix);
                    }
                }
            }
            addLink(yanked);
        }
        entries++;
        sc.ws();
        const d = text.charCodeAt(sc.p);
        if (d === 93) {
            sc.p++;
            if (skimming)
                links.fit();
            return links;
        }
        sc.expect(44);
        sc.ws();
        if (maySkim && entries >= SKIM_AFTER) {
            maySkim = false;
            skimming = startSkim();
        }
    }
    function addLink(yanked) {
        const filename = sc.text(r[0], r[1]);
        const refusal = names.check(filename);
        if (refusal !== undefined) {
            refused.push(refusal);
            return;
        }
        const base = links.add(filename, undefined, yanked);
        const rp = fill(links, links.length - 1, r);
        if (rp === null)
            giveUp();
        links.requiresPythons[links.length - 1] = rp;
        links.ranges[base + page_links/* HEAD_ID */.Xx] = names.headId;
        links.ranges[base + page_links/* TAG_ID */.JK] = names.tagId;
    }
    /**
     * Whether the entries from the cursor on may be skimmed: not when the body holds a `\` from here
     * (then a `"` may be part of a string, not its end). The skimmed entries are read in full, when
     * they are asked for, by a scanner forked from here (json-page-entry.ts).
     */
    function startSkim() {
        if (prefixes.length === 0 || sc.backslashFrom(sc.p))
            return false;
        const from = sc.fork();
        // The rest of the list holds about as many entries per character as its first ones (+1/8);
        // at most MAX_RESERVED links (2.4 MB), so a hostile page's tiny first entries reserve no more.
        const perEntry = Math.max(1, (sc.p - filesStart) / entries);
        const estimate = Math.ceil(((text.length - sc.p) / perEntry) * 1.125);
        links.reserve(links.length + Math.min(estimate, MAX_RESERVED));
        links.skimmed = {
            read: lazyEntryReader(from, fill.fork(from), (i) => links.misread(i), templates),
            reread: skim.reread,
        };
        return true;
    }
    /**
     * Skims the entry at `start` (its `{`): kept as a skimmed link (or a refused name) and the offset
     * of the next entry's `{` returned, or -1 when the entry is to be read in full. The entry must
     * begin like one of the entries read in full up to its file name (`EntryPrefix`: the name is the
     * entry's own top-level `filename`), and it ends at the first `}`, `,`, `{` (whitespace between
     * them allowed) after the name: with no `\` in the body and no `[` in the entry (PEP 691 entries
     * hold no arrays), such text outside strings ends an object in a list of objects — the entry,
     * when no `]` closed the list before it. So the last entry of `files` (no such end) and any
     * entry holding `[` or `]` are read in full; a `}, {` inside a string value gives a wrong end,
     * after which no entry begins like one and the scanner, reading on in full, gives the page to
     * the general parser (or the entry, when it is read, to `CompactLinks.misread`).
     */
    function skimmed(start) {
        const n = text.length;
        let first = -1;
        for (let k = 0; k < prefixes.length && first < 0; k++)
            first = prefixes[k].nameAt(text, start);
        if (first < 0)
            return -1;
        const close = text.indexOf('"', first);
        if (close < 0)
            return -1;
        let end = close;
        let next = -1;
        if (spaceOnly) {
            const compact = text.indexOf('},{', close);
            if (nextSpace !== -1 && nextSpace < close)
                nextSpace = text.indexOf(' ', close);
            if (compact >= 0 && (nextSpace === -1 || nextSpace > compact)) {
                end = compact;
                next = compact + 2;
            }
        }
        while (next < 0) {
            end = text.indexOf('}', end + 1);
            if (end < 0)
                return -1;
            // Bounded reads: a charCodeAt past the end (at the page's last `}`) deoptimized this function
            // on every skimmed page (TurboFan's bounds check), sending it back to baseline code.
            let q = end + 1;
            while (q < n && json_page_scan_isWs(text.charCodeAt(q)))
                q++;
            if (q >= n || text.charCodeAt(q) !== 44 /* , */)
                continue;
            q++;
            while (q < n && json_page_scan_isWs(text.charCodeAt(q)))
                q++;
            if (q < n && text.charCodeAt(q) === 123 /* { */)
                next = q;
        }
        if (nextOpen !== -1 && nextOpen < start)
            nextOpen = text.indexOf('[', start);
        if (nextOpen !== -1 && nextOpen < end)
            return -1;
        if (nextClose !== -1 && nextClose < start)
            nextClose = text.indexOf(']', start);
        if (nextClose !== -1 && nextClose < end)
            return -1;
        // A second "filename" key in the entry (JSON.parse, and so pip, take the last one; the skim
        // found the first): the entry is read in full. Looked for by its tail `ilename"`, which holds
        // no `"` to start with: V8 finds a pattern by its first character, and `"` is every few
        // characters of a page (three times slower, measured); any such text before the end is enough.
        if (nextNameKey !== -1 && nextNameKey < close)
            nextNameKey = text.indexOf('ilename"', close);
        if (nextNameKey !== -1 && nextNameKey < end)
            return -1;
        const refusal = names.checkAt(text, first, close);
        if (refusal !== undefined)
            refused.push(refusal);
        else {
            const base = links.add(names.name, undefined, false);
            const ranges = links.ranges;
            ranges[base + page_links/* URL_START */.Dj] = page_links/* SKIMMED */.fF;
            ranges[base + page_links/* ENTRY_START */.aS] = start;
            ranges[base + page_links/* ENTRY_END */.Nw] = end + 1;
            ranges[base + page_links/* NAME_AT */.qV] = first;
            ranges[base + page_links/* NAME_END */._E] = close;
            ranges[base + page_links/* HEAD_ID */.Xx] = names.headId;
            ranges[base + page_links/* TAG_ID */.JK] = names.tagId;
        }
        return next;
    }
}
function json_page_scan_isWs(c) {
    return c === 32 || c === 10 || c === 13 || c === 9;
}

;// CONCATENATED MODULE: ./src/index/json-page.ts






const JSON_PAGE_TYPE = 'application/vnd.pypi.simple.v1+json';
/** Highest minor API version this parser knows (PEP 700 is 1.1). */
const KNOWN_MINOR = 1;
function checkApiVersion(meta, source, logger) {
    const version = meta?.['api-version'];
    if (typeof version !== 'string')
        throw new project_page_error/* ProjectPageError */.H(source, 'meta.api-version is missing');
    const m = /^(\d+)\.(\d+)$/.exec(version);
    if (!m)
        throw new project_page_error/* ProjectPageError */.H(source, `meta.api-version ${JSON.stringify(version)} is not "<major>.<minor>"`);
    if (m[1] !== '1')
        throw new project_page_error/* ProjectPageError */.H(source, `unsupported api-version ${version} (major must be 1)`);
    if (Number(m[2]) > KNOWN_MINOR)
        logger?.warn(`${source} uses api-version ${version}, newer than 1.${KNOWN_MINOR}`);
}
function hasKeys(o) {
    for (const _ in o)
        return true;
    return false;
}
/**
 * A PEP 691 page: by the scanner (json-page-scan.ts: no object tree, compact links) when it can
 * answer for the page, else by `parseJsonProjectPageGeneral`; both give the same page or error.
 * `controlFree`: the text is known to hold no control character JSON forbids (page-body.ts).
 */
function parseJsonProjectPage(text, pageUrl, project, logger, controlFree = false, 
/** Which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits). */
seen) {
    // A large page is skimmed: an entry is read in full when the candidate chooser asks for it; one
    // that is not what the skim took it for sends the page to the general parser (its error, if any).
    const skim = {
        minChars: SKIM_MIN_CHARS,
        reread: () => parseJsonProjectPageGeneral(text, pageUrl, project).files,
    };
    return (scanJsonProjectPage(text, pageUrl, project, (0,redact/* redactUrl */.BO)(pageUrl), checkApiVersion, logger, controlFree, skim, seen) ?? parseJsonProjectPageGeneral(text, pageUrl, project, logger));
}
/** The page through JSON.parse: every page, every error (the reference for the scanner). */
function parseJsonProjectPageGeneral(text, pageUrl, project, logger) {
    const source = (0,redact/* redactUrl */.BO)(pageUrl);
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new project_page_error/* ProjectPageError */.H(source, `invalid JSON: ${e.message}`);
    }
    if (!doc || typeof doc !== 'object')
        throw new project_page_error/* ProjectPageError */.H(source, 'the document is not an object');
    const d = doc;
    checkApiVersion(d.meta, source, logger);
    if (typeof d.name === 'string' && (0,names/* normalizeName */.Pc)(d.name) !== project) {
        throw new project_page_error/* ProjectPageError */.H(source, `page is for ${JSON.stringify(d.name)}, not ${JSON.stringify(project)}`);
    }
    if (!Array.isArray(d.files))
        throw new project_page_error/* ProjectPageError */.H(source, '"files" is not a list');
    const files = [];
    const refused = [];
    const resolveLink = (0,dist_link/* linkResolver */.L8)(pageUrl, pageUrl);
    d.files.forEach((raw, i) => {
        if (!raw || typeof raw !== 'object')
            throw new project_page_error/* ProjectPageError */.H(source, `files[${i}] is not an object`);
        const f = raw;
        if (typeof f.url !== 'string' || typeof f.filename !== 'string') {
            throw new project_page_error/* ProjectPageError */.H(source, `files[${i}] lacks a string "url" or "filename"`);
        }
        const refusal = (0,dist_filename_check/* refuseDistFilename */.aw)(f.filename, source);
        if (refusal !== undefined) {
            refused.push(refusal);
            return;
        }
        const link = resolveLink(f.url);
        if (!link)
            throw new project_page_error/* ProjectPageError */.H(source, `files[${i}].url ${JSON.stringify((0,redact/* redactUrl */.BO)(f.url))} is unusable`);
        // PEP 714: prefer core-metadata, fall back to the legacy key.
        const core = 'core-metadata' in f
            ? (0,dist_link/* parseMetadataJson */.ro)(f['core-metadata'])
            : (0,dist_link/* parseMetadataJson */.ro)(f['dist-info-metadata']);
        const rp = f['requires-python'];
        const yanked = f.yanked;
        const size = f.size;
        const file = {
            project,
            filename: f.filename,
            url: link.url,
            redactedUrl: link.redactedUrl,
            hashes: hasKeys(link.hashes)
                ? { ...link.hashes, ...(0,dist_link/* normalizeHashes */.kD)(f.hashes) }
                : (0,dist_link/* normalizeHashes */.kD)(f.hashes),
            requiresPython: typeof rp === 'string' && rp.trim() !== '' ? rp.trim() : undefined,
            // PEP 691: yanked is a bool, or a string reason (which means yanked).
            yanked: typeof yanked === 'string' ? (yanked === '' ? true : yanked) : yanked === true,
            coreMetadata: core,
            source,
        };
        if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)
            file.size = size;
        if (typeof f['upload-time'] === 'string')
            file.uploadTime = f['upload-time'];
        files.push(file);
    });
    return { project, files, source, refused };
}


/***/ }),

/***/ 3612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F_: () => (/* binding */ netrcLookup),
/* harmony export */   Fd: () => (/* binding */ loadNetrc),
/* harmony export */   bB: () => (/* binding */ netrcPathsFrom)
/* harmony export */ });
/* unused harmony export parseNetrc */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * netrc parsing (the format of ftp(1)/curl: whitespace-separated tokens `machine NAME`, `default`,
 * `login`, `password`, `account`, `macdef` (skipped to the next blank line); `#` comments).
 * Location as requests (`requests.utils.get_netrc_auth`, which pip uses): `$NETRC` alone when set,
 * else the first of `~/.netrc` and `~/_netrc` that exists (`_netrc` is the Windows name; requests
 * looks for both on every platform). A missing file is no credentials, not an error.
 */



function parseNetrc(text) {
    const result = { machines: new Map() };
    // Drop macdef bodies (they end at an empty line) before tokenizing.
    const lines = text.split(/\r?\n/);
    const kept = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        kept.push(line.replace(/(^|\s)#.*$/, ''));
        if (/(^|\s)macdef(\s|$)/.test(line)) {
            while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '')
                i++;
        }
    }
    const tokens = kept.join('\n').split(/\s+/).filter(Boolean);
    let current;
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (t === 'machine') {
            const host = (tokens[++i] ?? '').toLowerCase();
            current = {};
            if (!result.machines.has(host))
                result.machines.set(host, current);
        }
        else if (t === 'default') {
            current = {};
            result.default ??= current;
        }
        else if (t === 'login' && current) {
            current.login = tokens[++i];
        }
        else if (t === 'password' && current) {
            current.password = tokens[++i];
        }
        else if (t === 'account' || t === 'macdef') {
            i++;
        }
    }
    return result;
}
/** The netrc files to try, in order: the explicit path, else `$NETRC`, else `~/.netrc`, `~/_netrc`. */
function netrcPathsFrom(env, explicit) {
    if (explicit)
        return [explicit];
    if (env.NETRC)
        return [env.NETRC];
    const home = env.HOME ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)();
    return [(0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '.netrc'), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '_netrc')];
}
/**
 * Parses the first of `paths` that exists. A later candidate is tried only when an earlier one is
 * missing; an existing file that cannot be read ends the search (no credentials), as requests.
 */
async function loadNetrc(paths) {
    for (const path of paths) {
        try {
            return parseNetrc(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8'));
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                continue;
            return undefined;
        }
    }
    return undefined;
}
/** The entry for a host (lower-cased, no port), else `default`. */
function netrcLookup(netrc, host) {
    if (!netrc)
        return undefined;
    return netrc.machines.get(host.toLowerCase()) ?? netrc.default;
}


/***/ }),

/***/ 4390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g6: () => (/* binding */ SEEN_TAB),
/* harmony export */   "if": () => (/* binding */ SEEN_CR),
/* harmony export */   nN: () => (/* binding */ SEEN_LF),
/* harmony export */   rZ: () => (/* binding */ SEEN_BACKSLASH),
/* harmony export */   us: () => (/* binding */ decodePageBody)
/* harmony export */ });
/* unused harmony exports scanPageBytes, firstUnusualByte */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A project page's bytes as text, decoded the way `new TextDecoder().decode(bytes)` does (UTF-8,
 * WHATWG Encoding: a leading BOM dropped, invalid sequences as U+FFFD), with one fact learned on
 * the way: whether the text is plain ASCII holding no control character other than TAB, LF and CR
 * — none of the characters RFC 8259 forbids anywhere in JSON text (§7: U+0000–U+001F inside
 * strings; outside them only the four whitespace characters are allowed). The PEP 691 scanner
 * (json-page-scan.ts) then skips its own whole-text search for them.
 *
 * PyPI's pages are ASCII (file names, URLs, hashes, times; project names are normalized), so the
 * usual page is checked natively for ASCII and then four bytes at a time, and decoded as Latin-1, which for ASCII is the same
 * text as UTF-8 and needs no validation; any other byte sends the page through TextDecoder.
 */

/** Whether byte `c` is outside printable ASCII + TAB/LF/CR (a control character or not ASCII). */
function unusual(c) {
    return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c > 127;
}
/** Bits of `PageBytes.seen`: which of the characters a JSON scanner looks out for the body holds. */
const SEEN_BACKSLASH = 1;
const SEEN_TAB = 2;
const SEEN_LF = 4;
const SEEN_CR = 8;
/**
 * The first byte of `bytes` that is a control character other than TAB/LF/CR or not ASCII, and
 * which of `\`, TAB, LF and CR come before it. An ASCII body (Node's `isAscii`, native) is looked
 * at 32 bytes at a time for bytes below 0x20 — for a word x of ASCII bytes, `x - 0x20202020` has
 * a byte's top bit set exactly when that byte is below 0x20 or a lower one is (a borrow starts only
 * at such a byte), so a word without flags holds only printable characters, and a flagged one is
 * looked at byte by byte — and searched for `\` natively (`indexOf`, memchr). Any other body is
 * looked at byte by byte up to its first unusual byte (it is decoded by TextDecoder anyway).
 */
function scanPageBytes(bytes) {
    const n = bytes.length;
    let seen = 0;
    const look = (from, to) => {
        for (let j = from; j < to; j++) {
            const c = bytes[j];
            if (unusual(c))
                return j;
            seen |= c === 92 ? SEEN_BACKSLASH : c === 9 ? SEEN_TAB : c === 10 ? SEEN_LF : c === 13 ? SEEN_CR : 0;
        }
        return -1;
    };
    if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isAscii)(bytes))
        return { unusual: look(0, n), seen };
    let i = 0;
    while (i < n && ((bytes.byteOffset + i) & 3) !== 0)
        i++;
    let found = look(0, i);
    // Aligned here unless fewer than 4 bytes are left (then no word is read).
    const count = found >= 0 ? 0 : (n - i) >>> 2;
    if (count > 0) {
        const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, count);
        const steps = count & ~7;
        for (let w = flaggedStep(words, 0, steps); w >= 0 && found < 0; w = flaggedStep(words, w + 8, steps))
            found = look(i + w * 4, i + w * 4 + 32);
        for (let w = steps; w < count && found < 0; w++)
            if (((words[w] - 0x20202020) & 0x80808080) !== 0)
                found = look(i + w * 4, i + w * 4 + 4);
    }
    if (found < 0)
        found = look(i + count * 4, n);
    // `look` saw only flagged words: the native search decides about `\`.
    const backslash = Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(92);
    if (backslash >= 0 && (found < 0 || backslash < found))
        seen |= SEEN_BACKSLASH;
    else
        seen &= ~SEEN_BACKSLASH;
    return { unusual: found, seen };
}
/**
 * The first step of eight words from `from` (a multiple of 8, below `steps`) in which some word of
 * ASCII bytes has a byte below 0x20 (see scanPageBytes), or -1: one test for 32 bytes.
 */
function flaggedStep(words, from, steps) {
    const k = 0x20202020;
    for (let w = from; w < steps; w += 8) {
        const flags = (words[w] - k) |
            (words[w + 1] - k) |
            (words[w + 2] - k) |
            (words[w + 3] - k) |
            (words[w + 4] - k) |
            (words[w + 5] - k) |
            (words[w + 6] - k) |
            (words[w + 7] - k);
        if ((flags & 0x80808080) !== 0)
            return w;
    }
    return -1;
}
/** The offset of the first control character other than TAB/LF/CR or non-ASCII byte, or -1. */
function firstUnusualByte(bytes) {
    return scanPageBytes(bytes).unusual;
}
const utf8 = new TextDecoder();
/** The page text (as TextDecoder gives it) and whether it is known free of forbidden control characters. */
function decodePageBody(bytes) {
    const scan = scanPageBytes(bytes);
    if (scan.unusual === -1) {
        return {
            text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
            controlFree: true,
            seen: scan.seen,
        };
    }
    return { text: utf8.decode(bytes), controlFree: false };
}


/***/ }),

/***/ 5023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ pageFreshness),
/* harmony export */   pL: () => (/* binding */ isFresh)
/* harmony export */ });
/* unused harmony export MAX_FRESH_SEC */
/**
 * Freshness of a cached project page (RFC 9111 §4.2, as a private cache): the index's
 * `Cache-Control: max-age` says how long a page may be reused without asking; `no-cache` means
 * always revalidate, `no-store` means do not keep it at all; the `Age` header says how old the
 * response already was when it arrived (RFC 9111 §5.1). `s-maxage` is for shared caches and is
 * ignored. A fresh page is used with no request; a stale one is revalidated (If-None-Match /
 * If-Modified-Since). PyPI's pages say `max-age=600`.
 */
/** Reuse without revalidation is capped at this (an entry cannot pin a page for longer). */
const MAX_FRESH_SEC = 24 * 60 * 60;
function directives(cacheControl) {
    const out = new Map();
    for (const part of cacheControl.split(',')) {
        const eq = part.indexOf('=');
        const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
        if (name === '')
            continue;
        const value = eq < 0
            ? undefined
            : part
                .slice(eq + 1)
                .trim()
                .replace(/^"(.*)"$/, '$1');
        if (!out.has(name))
            out.set(name, value); // RFC 9111 §4.2.1: the first occurrence counts
    }
    return out;
}
/** RFC 9111 §1.2.2 delta-seconds: digits only; anything else is invalid (undefined). */
function deltaSeconds(value) {
    if (value === undefined || !/^\d+$/.test(value))
        return undefined;
    return Math.min(Number(value), 2 ** 31);
}
/** What a response's `Cache-Control` and `Age` headers allow for its page. */
function pageFreshness(cacheControl, age) {
    const d = directives(cacheControl ?? '');
    const noStore = d.has('no-store');
    const maxAge = deltaSeconds(d.get('max-age'));
    if (noStore || d.has('no-cache') || maxAge === undefined)
        return { freshForSec: 0, noStore };
    const already = deltaSeconds(age?.trim()) ?? 0;
    return { freshForSec: Math.max(0, Math.min(maxAge, MAX_FRESH_SEC) - already), noStore };
}
/**
 * Whether a page received at `receivedAt` (epoch ms) and fresh for `freshForSec` may be reused at
 * `now` without a request. A receive time in the future (a clock change, or an edited entry) is
 * stale; so is a missing or invalid lifetime.
 */
function isFresh(receivedAt, freshForSec, now) {
    if (typeof freshForSec !== 'number' || !Number.isFinite(freshForSec) || freshForSec <= 0)
        return false;
    if (!Number.isFinite(receivedAt) || receivedAt > now)
        return false;
    return now - receivedAt < Math.min(freshForSec, MAX_FRESH_SEC) * 1000;
}


/***/ }),

/***/ 6505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $q: () => (/* binding */ pageLinks),
/* harmony export */   AG: () => (/* binding */ FRAG_START),
/* harmony export */   AX: () => (/* binding */ CORE_END),
/* harmony export */   Dj: () => (/* binding */ URL_START),
/* harmony export */   FB: () => (/* binding */ SIZE_START),
/* harmony export */   Gp: () => (/* binding */ UPLOAD_END),
/* harmony export */   IL: () => (/* binding */ URL_END),
/* harmony export */   JK: () => (/* binding */ TAG_ID),
/* harmony export */   LY: () => (/* binding */ FRAG_END),
/* harmony export */   Lc: () => (/* binding */ UPLOAD_START),
/* harmony export */   NG: () => (/* binding */ compactPage),
/* harmony export */   Nw: () => (/* binding */ ENTRY_END),
/* harmony export */   Xx: () => (/* binding */ HEAD_ID),
/* harmony export */   _E: () => (/* binding */ NAME_END),
/* harmony export */   aS: () => (/* binding */ ENTRY_START),
/* harmony export */   cJ: () => (/* binding */ FIELDS),
/* harmony export */   fF: () => (/* binding */ SKIMMED),
/* harmony export */   h9: () => (/* binding */ CompactLinks),
/* harmony export */   ke: () => (/* binding */ HASHES_START),
/* harmony export */   l0: () => (/* binding */ CORE_START),
/* harmony export */   qV: () => (/* binding */ NAME_AT),
/* harmony export */   r0: () => (/* binding */ HASHES_END),
/* harmony export */   wo: () => (/* binding */ SIZE_END)
/* harmony export */ });
/* unused harmony export arrayLinks */
/* harmony import */ var _dist_link_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9939);
/* harmony import */ var _util_own_string_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1216);
/* harmony import */ var _project_page_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(778);



/** The links of a page that holds its DistFiles already. */
function arrayLinks(files) {
    return {
        length: files.length,
        filename: (i) => files[i].filename,
        requiresPython: (i) => files[i].requiresPython,
        yanked: (i) => files[i].yanked,
        file: (i) => files[i],
    };
}
/** The links of any page: its compact form when it has one, else its files. */
function pageLinks(page) {
    return page.links ?? arrayLinks(page.files);
}
/** Fields of one link in `CompactLinks.ranges` (start and end offsets into the body). */
/** URL without fragment; start is -1 when the link went through the URL parser (`resolved`). */
const URL_START = 0;
const URL_END = 1;
/** `#…` fragment of a canonical link (start = end when none). */
const FRAG_START = 2;
const FRAG_END = 3;
/** The JSON value of `hashes` (-1 when absent). */
const HASHES_START = 4;
const HASHES_END = 5;
/** The JSON value of `core-metadata`, else of `dist-info-metadata` (-1 when absent). */
const CORE_START = 6;
const CORE_END = 7;
/** The JSON number of `size` (-1 when absent or not a number). */
const SIZE_START = 8;
const SIZE_END = 9;
/** The JSON string of `upload-time`, quotes excluded (-1 when absent or not a string). */
const UPLOAD_START = 10;
const UPLOAD_END = 11;
/** PageFilenameChecker's numbers for a wheel name's head and tag part (-1 for other names). */
const HEAD_ID = 12;
const TAG_ID = 13;
/** A skimmed link's entry (from its `{` to after its `}`) and where its file name starts and ends. */
const ENTRY_START = 14;
const ENTRY_END = 15;
const NAME_AT = 16;
const NAME_END = 17;
const FIELDS = 18;
/** `URL_START` of a skimmed link whose entry has not been read yet. */
const SKIMMED = -2;
/** `URL_START` of a link taken from the general parser's reading of the page (`CompactLinks.misread`). */
const FROM_GENERAL = -3;
/** `{"sha256":"` + 64 hex digits + `"}` (CompactLinks.sha256Only). */
const SHA256_ONLY_LENGTH = 77;
const LOWER_HEX_64 = /[0-9a-f]{64}/y;
/**
 * A JSON page's accepted links kept as offsets into the page body. Strings whose start offset is
 * stored as `~start` (negative) hold JSON escapes and are decoded when read.
 */
class CompactLinks {
    body;
    project;
    source;
    length = 0;
    /** File names; a skimmed link's is cut from the body (NAME_AT, NAME_END) when first asked for. */
    filenames = [];
    requiresPythons = [];
    yankeds = [];
    ranges = new Int32Array(FIELDS * 64);
    /** Links that went through the URL parser, by index. */
    resolved = new Map();
    made = [];
    /** The scanner's file-name checker (its parses of each head and tag part). */
    names;
    /** Set by the scanner when it skimmed entries (their ranges hold SKIMMED, ENTRY_* and NAME_AT). */
    skimmed;
    /** The general parser's files, once a skimmed entry could not be read (`misread`). */
    general;
    /** Links dropped when read: a URL an earlier link has, or a `file:` link. */
    drops;
    /** The URL of each link read so far → the first such link (the eager ones entered at once). */
    urls;
    eagerDuplicate = false;
    /**
     * Links read (settled) whose URLs are not compared yet, in the order they were read. The
     * comparison waits until a drop is asked for (`dropped`, `hasDuplicateUrls`), and is then made
     * in that order, so every answer is the one comparing at each read gives. A resolution reads
     * thousands of entries it never asks this of (the versions with no usable file, whose entries are
     * read only to be checked: versionCandidates); their URLs are then never cut out and hashed.
     */
    unnoted = [];
    constructor(body, project, source) {
        this.body = body;
        this.project = project;
        this.source = source;
    }
    /** Room for `count` links in all (a skimming scanner's estimate): `ranges` grows once, not by doubling. */
    reserve(count) {
        const size = count * FIELDS;
        if (size <= this.ranges.length)
            return;
        const grown = new Int32Array(size);
        grown.set(this.ranges);
        this.ranges = grown;
    }
    /**
     * `ranges` cut to the links there are, when a reservation overshot by more than an eighth: an
     * estimate made from a page's first entries (tiny ones, on a hostile page) is not kept for as
     * long as the page is.
     */
    fit() {
        const size = this.length * FIELDS;
        if (this.ranges.length - size > size / 8)
            this.ranges = this.ranges.slice(0, size);
    }
    /** Room for one more link; returns its base offset in `ranges`. */
    add(filename, requiresPython, yanked) {
        const base = this.length * FIELDS;
        if (base + FIELDS > this.ranges.length) {
            const grown = new Int32Array(this.ranges.length * 2);
            grown.set(this.ranges);
            this.ranges = grown;
        }
        this.filenames.push(filename);
        this.requiresPythons.push(requiresPython);
        this.yankeds.push(yanked);
        this.length++;
        return base;
    }
    filename(i) {
        let name = this.filenames[i];
        if (name === undefined) {
            const b = i * FIELDS;
            name = this.body.slice(this.ranges[b + NAME_AT], this.ranges[b + NAME_END]);
            this.filenames[i] = name;
        }
        return name;
    }
    requiresPython(i) {
        this.ensure(i);
        return this.requiresPythons[i];
    }
    yanked(i) {
        this.ensure(i);
        return this.yankeds[i];
    }
    /**
     * Whether link `i`, once read, is left out (pip keeps the first link of a URL; a remote page's
     * `file:` links are ignored as project-page-fetch.ts ignores them). Only read links are compared:
     * a skimmed link never read is never used.
     */
    dropped(i) {
        this.ensure(i);
        this.noteRead();
        return this.drops?.has(i) === true;
    }
    unread(i) {
        return this.ranges[i * FIELDS + URL_START] === SKIMMED;
    }
    /** Reads a skimmed link's entry (once). */
    ensure(i) {
        if (this.ranges[i * FIELDS + URL_START] !== SKIMMED)
            return;
        if (this.general !== undefined)
            this.fromGeneral(i);
        else
            this.skimmed.read(this, i);
    }
    /** A skimmed link read by the reader: its Requires-Python and yanked value; its URL compared. */
    settle(i, requiresPython, yanked) {
        this.requiresPythons[i] = requiresPython;
        this.yankeds[i] = yanked;
        this.unnoted.push(i);
    }
    /**
     * A skimmed entry that is not what the skim took it for: the page is read by the general parser
     * (which throws its error when the page is not valid JSON or an entry is unusable) and the
     * skimmed links are taken from its files, which list the same accepted names in the same order.
     */
    misread(i) {
        const files = this.skimmed.reread();
        if (files.length !== this.length || files.some((f, k) => f.filename !== this.filename(k)))
            throw new _project_page_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ProjectPageError */ .H(this.source, 'its files list could not be read consistently (an entry holds objects shaped like entries)');
        this.general = files;
        this.fromGeneral(i);
    }
    fromGeneral(i) {
        const f = this.general[i];
        this.ranges[i * FIELDS + URL_START] = FROM_GENERAL;
        this.made[i] = f;
        this.requiresPythons[i] = f.requiresPython;
        this.yankeds[i] = f.yanked;
        this.unnoted.push(i);
    }
    /** The URLs of the links read and not compared yet, compared in the order they were read. */
    noteRead() {
        const unnoted = this.unnoted;
        if (unnoted.length === 0)
            return;
        this.readUrls();
        for (let k = 0; k < unnoted.length; k++) {
            const i = unnoted[k];
            this.noteUrl(i, this.urlOf(i));
        }
        unnoted.length = 0;
    }
    urlOf(i) {
        const b = i * FIELDS;
        const start = this.ranges[b + URL_START];
        if (start >= 0)
            return this.body.slice(start, this.ranges[b + URL_END]);
        if (start === FROM_GENERAL)
            return this.made[i].url;
        return this.resolved.get(i).url;
    }
    drop(i) {
        (this.drops ??= new Set()).add(i);
    }
    /** The first link of a URL stays; a later one is dropped, even when read first. */
    noteUrl(i, url) {
        if (!url.startsWith('https://') && !url.startsWith('http://')) {
            this.drop(i);
            return;
        }
        const urls = this.readUrls();
        const j = urls.get(url);
        if (j === i)
            return;
        if (j === undefined)
            urls.set(url, i);
        else if (j < i)
            this.drop(i);
        else {
            this.drop(j);
            urls.set(url, i);
        }
    }
    /**
     * The URLs of the links read while scanning (every link of a page that was not skimmed). Made
     * before any later read is compared, so the links read later (all still `unnoted` then) are left
     * out here and compared by `noteRead`.
     */
    readUrls() {
        if (this.urls !== undefined)
            return this.urls;
        const urls = new Map();
        const later = new Set(this.unnoted);
        for (let i = 0; i < this.length; i++) {
            if (this.ranges[i * FIELDS + URL_START] === SKIMMED || later.has(i))
                continue;
            const url = this.urlOf(i);
            if (urls.has(url))
                this.eagerDuplicate = true;
            else
                urls.set(url, i);
        }
        this.urls = urls;
        return urls;
    }
    headParse(headId) {
        return this.names?.headParse(headId);
    }
    tagParse(tagId) {
        return this.names?.tagParse(tagId);
    }
    headId(i) {
        return this.ranges[i * FIELDS + HEAD_ID];
    }
    tagId(i) {
        return this.ranges[i * FIELDS + TAG_ID];
    }
    file(i) {
        this.ensure(i);
        let f = this.made[i];
        if (f === undefined) {
            f = this.make(i);
            this.made[i] = f;
        }
        return f;
    }
    /** Whether a link went through the URL parser to something other than http(s) (a `file:` link). */
    hasNonHttpLinks() {
        for (const link of this.resolved.values())
            if (!link.url.startsWith('https://') && !link.url.startsWith('http://'))
                return true;
        return false;
    }
    /**
     * Whether two of the links read while scanning have the same URL (a merged page keeps only the
     * first of them). Skimmed links are compared when they are read (`dropped`).
     */
    hasDuplicateUrls() {
        this.readUrls();
        this.noteRead();
        return this.eagerDuplicate;
    }
    /**
     * Every link's DistFile, in page order — less a remote page's `file:` links (issue 10 §2: only a
     * local source may name local files; project-page-fetch.ts drops them from the other pages). A
     * link read while scanning made the page leave compact form if it was one (`hasNonHttpLinks`);
     * a skimmed link is only known once read, here.
     */
    files() {
        const out = [];
        for (let i = 0; i < this.length; i++) {
            const f = this.file(i);
            if (f.url.startsWith('https://') || f.url.startsWith('http://'))
                out.push(f);
        }
        return out;
    }
    string(start, end) {
        return start < 0
            ? JSON.parse(this.body.slice(~start - 1, end + 1))
            : this.body.slice(start, end);
    }
    /**
     * A JSON value that is exactly `{"sha256":"<64 lower-case hex digits>"}` (PyPI's `hashes` and
     * `core-metadata`, written compactly) as `normalizeHashes` would make it, without `JSON.parse`;
     * undefined for anything else (the caller parses it). The digest is a copy, not a slice.
     */
    sha256Only(start, end) {
        const body = this.body;
        if (start < 0 || end - start !== SHA256_ONLY_LENGTH)
            return undefined;
        if (!body.startsWith('{"sha256":"', start) || !body.endsWith('"}', end))
            return undefined;
        LOWER_HEX_64.lastIndex = start + 11;
        if (!LOWER_HEX_64.test(body))
            return undefined;
        return { sha256: (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(body.slice(start + 11, start + 75)) };
    }
    json(start, end) {
        return start < 0 ? undefined : JSON.parse(this.body.slice(start, end));
    }
    make(i) {
        const r = this.ranges;
        const b = i * FIELDS;
        let url;
        let redactedUrl;
        let linkHashes;
        const urlStart = r[b + URL_START];
        if (urlStart >= 0) {
            url = (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(this.body.slice(urlStart, r[b + URL_END]));
            redactedUrl = url;
            const fragStart = r[b + FRAG_START];
            const fragEnd = r[b + FRAG_END];
            linkHashes =
                fragStart === fragEnd ? {} : (0,_dist_link_js__WEBPACK_IMPORTED_MODULE_0__/* .fragmentHashes */ .V4)((0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(this.body.slice(fragStart, fragEnd)));
        }
        else {
            const link = this.resolved.get(i);
            url = link.url;
            redactedUrl = link.redactedUrl;
            linkHashes = link.hashes;
        }
        const yanked = this.yankeds[i];
        const hashesStart = r[b + HASHES_START];
        const hashesEnd = r[b + HASHES_END];
        const jsonHashes = this.sha256Only(hashesStart, hashesEnd) ?? (0,_dist_link_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeHashes */ .kD)(this.json(hashesStart, hashesEnd));
        const coreStart = r[b + CORE_START];
        const coreEnd = r[b + CORE_END];
        const file = {
            project: this.project,
            filename: (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(this.filename(i)),
            url,
            redactedUrl,
            hashes: hasKeys(linkHashes) ? { ...linkHashes, ...jsonHashes } : jsonHashes,
            requiresPython: ownOrUndefined(this.requiresPythons[i]),
            yanked: typeof yanked === 'string' ? (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(yanked) : yanked,
            coreMetadata: this.sha256Only(coreStart, coreEnd) ?? (0,_dist_link_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMetadataJson */ .ro)(this.json(coreStart, coreEnd)),
            source: this.source,
        };
        const sizeStart = r[b + SIZE_START];
        if (sizeStart >= 0) {
            const size = Number(this.body.slice(sizeStart, r[b + SIZE_END]));
            if (Number.isSafeInteger(size) && size >= 0)
                file.size = size;
        }
        const uploadStart = r[b + UPLOAD_START];
        if (uploadStart !== -1)
            file.uploadTime = (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(this.string(uploadStart, r[b + UPLOAD_END]));
        return file;
    }
}
/** A kept DistFile's strings are copies: slices of the body would keep the whole page alive. */
function ownOrUndefined(s) {
    return s === undefined ? undefined : (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_2__/* .ownString */ .A)(s);
}
function hasKeys(o) {
    for (const _ in o)
        return true;
    return false;
}
/**
 * A ProjectPage over compact links: `files` is made (all of it) only when something reads it;
 * the candidate chooser reads `links` instead. `links` is not enumerable, so a copy made by
 * spreading (`{ ...page, files: some }`) does not carry the whole page's links along.
 */
function compactPage(links, refused) {
    let files;
    const page = {
        project: links.project,
        source: links.source,
        ...(refused !== undefined ? { refused } : {}),
        get files() {
            files ??= links.files();
            return files;
        },
    };
    Object.defineProperty(page, 'links', { value: links, enumerable: false });
    return page;
}


/***/ }),

/***/ 5458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C0: () => (/* binding */ sameEntityTag),
/* harmony export */   bh: () => (/* binding */ usableAfterRestore),
/* harmony export */   fo: () => (/* binding */ vouchingEtag),
/* harmony export */   qE: () => (/* binding */ isJsonContentType)
/* harmony export */ });
/* unused harmony exports opaqueTag, etagIsBodyDigest, contentTypeMatchesBody */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _json_page_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4439);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6527);
/**
 * Which stored project pages may be used, and how (docs/reliability.md, "a page rewritten together
 * with its digest"). The page cache travels in cache entries (local directory, GitHub Actions
 * cache, S3 store) that anyone who can write that cache can rewrite: body, stored digest,
 * validators (ETag, Last-Modified), freshness (receive time, max-age) and base URL alike. A page
 * decides which files exist and which sha256 each must have, so a rewritten page would pick the
 * wheel (an older, vulnerable version by dropping the newer ones, or a foreign file with a
 * matching hash). Nothing inside the cache can vouch for it, so the rule is:
 *
 * 1. A page the page cache's records say it stored from a server response (`StoredPage.writtenHere`:
 *    written by this process, or by an earlier run of this machine whose records were kept outside
 *    every cache entry — the CLI's stamp store, src/cache/received-records.ts — and whose bytes are
 *    exactly the recorded ones) is used as HTTP caching allows: fresh under max-age (counted from
 *    the record's time) with no request, else revalidated with its ETag / Last-Modified (RFC 9111
 *    §4.3.1).
 * 2. Any other stored page (a restored one) is never used on its own say: no max-age freshness
 *    (its receive time and lifetime are as rewritable as its body), no Last-Modified (a date does
 *    not name a body). It is revalidated only when its ETag is a digest of its own body bytes
 *    (sha256 or md5, hex or base64 — PyPI's Warehouse sends the base64 md5 of the body, WebOb's
 *    `md5_etag`): then a 304 from the server says "the current page has the ETag H(stored body)",
 *    which binds the server's current page to exactly these bytes (finding other bytes with that
 *    digest is a second preimage, out of reach for sha256 and md5 alike). Its stored base URL must
 *    be the page URL itself (relative links resolve against it) and its content type must agree
 *    with the body's shape (a JSON body read as HTML, or the reverse, is not the page the server
 *    meant). Otherwise the page is requested whole, without validators.
 *
 * An attacker who can rewrite the cache but not the server can therefore only cause a full
 * request, never a page the server did not send.
 */



/** Whether a Content-Type names a PEP 691 JSON page (else the page is read as HTML). */
function isJsonContentType(contentType) {
    const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return t === _json_page_js__WEBPACK_IMPORTED_MODULE_1__/* .JSON_PAGE_TYPE */ .o$ || t === 'application/vnd.pypi.simple.latest+json';
}
/** The opaque value of one entity-tag (RFC 9110 §8.8.3: `[W/] DQUOTE *etagc DQUOTE`), else undefined. */
function opaqueTag(etag) {
    const m = /^(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/.exec(etag);
    return m?.[1];
}
/** Hex prefixes shorter than this are not accepted as a digest (128 bits: a preimage stays out of reach). */
const MIN_HEX_DIGITS = 32;
/**
 * Whether the entity-tag `etag` (as sent by a server) is a digest of `body`'s UTF-8 bytes: the
 * sha256 or md5 in hex (case-insensitive; a sha256 hex prefix of at least 32 digits counts), or
 * in base64 / base64url with or without padding. Only the algorithms the tag's length allows are
 * computed; `bodySha256` (hex), when the caller has just checked it against `body` (the page
 * cache's `get`), stands in for hashing the body with sha256 again.
 */
function etagIsBodyDigest(etag, body, bodySha256) {
    const tag = opaqueTag(etag);
    if (tag === undefined || tag.length < 22)
        return false;
    const hexTag = /^[0-9a-fA-F]+$/.test(tag) ? tag.toLowerCase() : undefined;
    const unpadded = tag.replace(/=+$/, '');
    let bytes;
    const digestOf = (algorithm) => {
        if (algorithm === 'sha256' && bodySha256 !== undefined)
            return Buffer.from(bodySha256, 'hex');
        bytes ??= Buffer.from(body, 'utf8');
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(bytes).digest();
    };
    for (const [algorithm, size] of [
        ['sha256', 32],
        ['md5', 16],
    ]) {
        // A digest of `size` bytes is 2·size hex digits (a sha256 prefix: 32 or more) or
        // ceil(size·4/3) base64 digits without padding.
        const b64Length = Math.ceil((size * 4) / 3);
        const hexFits = hexTag !== undefined &&
            (hexTag.length === 2 * size ||
                (algorithm === 'sha256' && hexTag.length >= MIN_HEX_DIGITS && hexTag.length < 2 * size));
        if (!hexFits && unpadded.length !== b64Length)
            continue;
        const digest = digestOf(algorithm);
        if (hexFits && digest.toString('hex').startsWith(hexTag))
            return true;
        if (unpadded === digest.toString('base64').replace(/=+$/, ''))
            return true;
        if (unpadded === digest.toString('base64url'))
            return true;
    }
    return false;
}
/** Whether the body's shape (a JSON object or markup) agrees with the stored content type. */
function contentTypeMatchesBody(contentType, body) {
    return isJsonContentType(contentType) === body.trimStart().startsWith('{');
}
/**
 * The validator to revalidate a stored page that this process did not write: its ETag when the
 * server's 304 to it would vouch for the stored body (see the rule above), else undefined (the page
 * is requested whole). `publicPageUrl` is the public form of the URL being fetched; `bodySha256`
 * as for `etagIsBodyDigest`. The page cache decides this once per hit (`StoredPage.vouchingEtag`).
 */
function vouchingEtag(page, publicPageUrl, bodySha256) {
    if (page.etag === undefined || page.url !== publicPageUrl)
        return undefined;
    if (!contentTypeMatchesBody(page.contentType, page.body))
        return undefined;
    return etagIsBodyDigest(page.etag, page.body, bodySha256) ? page.etag : undefined;
}
/**
 * Whether a later process could use `page` (stored for `pageUrl`) after restoring it from a cache
 * entry: only through `vouchingEtag`, so only when its ETag is a digest of its body, its stored URL
 * is the page URL itself and its content type fits the body. Any other page is requested whole by
 * every later run (rule 2 above), so a cache entry carrying it carries dead weight — and, for
 * PyPI-sized pages behind an index with opaque ETags (nginx's `mtime-size`), tens of MB of it.
 * Both URLs are reduced to their public form here, as the page cache stores them.
 */
function usableAfterRestore(page, pageUrl) {
    return vouchingEtag({ ...page, url: (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .publicUrl */ .x6)(page.url) }, (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .publicUrl */ .x6)(pageUrl)) !== undefined;
}
/** RFC 9110 §8.8.3.2 weak comparison: the opaque values are equal, W/ ignored. */
function sameEntityTag(a, b) {
    const x = opaqueTag(a.trim());
    return x !== undefined && x === opaqueTag(b.trim());
}


/***/ }),

/***/ 778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ ProjectPageError)
/* harmony export */ });
/** A project page (PEP 503 HTML / PEP 691 JSON) that cannot be used. Names the redacted URL. */
class ProjectPageError extends Error {
    url;
    reason;
    constructor(
    /** Redacted page URL. */
    url, reason) {
        super(`unusable project page ${url}: ${reason}`);
        this.url = url;
        this.reason = reason;
        this.name = 'ProjectPageError';
    }
}


/***/ }),

/***/ 6527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ registerUrlSecrets),
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Jv: () => (/* binding */ urlsInText),
/* harmony export */   Rd: () => (/* binding */ redactText),
/* harmony export */   To: () => (/* binding */ runSecrets),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   g6: () => (/* binding */ maskUserinfo),
/* harmony export */   rv: () => (/* binding */ registerExpansion),
/* harmony export */   x6: () => (/* binding */ publicUrl)
/* harmony export */ });
/* unused harmony exports MIN_SECRET_LENGTH, looksLikeToken, readsAsWords, SecretRegistry */
/**
 * The one redaction point. Every writer — loggers, error messages, annotations, the job summary,
 * the lock, report and pylock files, the manifest, cache keys and cache entries — shows URLs and
 * text only through the functions of this module.
 *
 * Rule: a value that came from a `${VAR}` expansion in a requirement file, or from a URL's
 * userinfo, a path token (`looksLikeToken`) or its query, is a secret for the whole run. Such values
 * are registered in the run's `SecretRegistry` (`runSecrets`) as soon as they are read, before
 * anything is printed; a listener lets the action pass each one to `core.setSecret` too. Then:
 *
 * - `redactText(text)` (logs, errors): registered values → `***`, URLs → `redactUrl`, and a
 *   scheme-less `user:password@host` → `***@host`.
 * - `redactUrl(url)` (URLs people read): userinfo → `***@`, every query value → `***`, registered
 *   values in the path → `***`.
 * - `publicUrl(url)` (URLs written to files: pylock, report, cache entries): no userinfo, no query,
 *   no fragment, registered values in the path → `***`. A URL without userinfo is still usable with
 *   credentials from netrc or the environment, which is why lock files do not carry `***@`.
 */
/** Values shorter than this are not masked by value (they would garble every line); URL structure still is. */
const MIN_SECRET_LENGTH = 4;
const MASK = '***';
/** Path segments that are file names, not tokens (a token-looking name such as `pkg-1.0-py3-none-any.whl`). */
const FILE_SEGMENT = /\.(whl|zip|tar|gz|tgz|bz2|tbz|xz|txz|html?|json|metadata)$/i;
/**
 * A path segment of a URL the user gave that is an access token (a "path token": tokenised private
 * indexes put one in the path, e.g. `https://host/<token>/simple/`). Only URL-safe token characters
 * (`A-Z a-z 0-9 . _ ~ + = -`), never a file name, and either
 *
 * 1. at least 8 characters with both letters and digits, or
 * 2. at least 16 characters without a digit that do not read as words (`readsAsWords`): a random
 *    token of letters only, such as `AbCdEfGhIjKlMnOpQrStUvWx`.
 *
 * Everything else stays readable: `simple`, `pypi-remote`, `scientific-python-nightly-wheels`,
 * `MyCompanyPackages`. Not recognised (documented in docs/reliability.md): a letters-only token
 * shorter than 16 characters or one made of words; such a token is kept secret by giving it
 * through a `${VAR}` (`registerExpansion`) or as credentials.
 */
function looksLikeToken(segment) {
    if (segment.length < 8 || FILE_SEGMENT.test(segment))
        return false;
    if (!/^[A-Za-z0-9._~+=-]+$/.test(segment) || !/[A-Za-z]/.test(segment))
        return false;
    if (/[0-9]/.test(segment))
        return true;
    return segment.length >= 16 && !readsAsWords(segment);
}
/** Words of a name: runs of capitals (an acronym), a capital and lower-case letters, lower-case letters. */
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;
/**
 * Whether a letters-only segment reads as words, as names people give folders and repositories do
 * and random tokens do not. It is split at `-`, `_`, `.`, `~`, `+`, `=` and camel-case humps; then
 * a segment in mixed case must average at least 4 letters a word (a random mix of capitals and
 * lower case makes a hump every two letters), and every word must be an acronym of up to 6
 * capitals, a short word (up to 3 letters: `cpp`, `ml`), or a word of at most 20 letters with a
 * vowel (`aeiouy`) and no 5 consonants in a row. Measured on random letters-only strings (seeded,
 * 20,000 each): 16 characters single-case 80 % recognised as tokens, mixed case 97 %; 24 characters
 * 100 % / 99 %.
 */
function readsAsWords(segment) {
    const words = segment.match(WORD) ?? [];
    if (words.length === 0)
        return false;
    const letters = words.reduce((n, w) => n + w.length, 0);
    if (/[a-z]/.test(segment) && /[A-Z]/.test(segment) && letters / words.length < 4)
        return false;
    return words.every((w) => {
        if (/^[A-Z]{1,6}$/.test(w) || w.length <= 3)
            return true;
        return w.length <= 20 && /[aeiouy]/i.test(w) && !/[^aeiouy]{5}/i.test(w);
    });
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
class SecretRegistry {
    values = new Set();
    listeners = new Set();
    pattern;
    /** Registers `value` (and its percent-encoded and -decoded forms) as a secret of the run. */
    add(value) {
        if (value === undefined)
            return;
        const decoded = safeDecode(value);
        for (const form of new Set([value, decoded, encodeURIComponent(decoded)])) {
            if (form.length < MIN_SECRET_LENGTH || this.values.has(form))
                continue;
            this.values.add(form);
            this.pattern = undefined;
            for (const listener of this.listeners)
                listener(form);
        }
    }
    /**
     * Registers the secret parts of a URL the user gave (index, find-links, direct URL): the
     * password (or a username standing alone: a token for some indexes), every query value and every
     * token-looking path segment. A value that does not parse as a URL is read as `[scheme://]user:password@host…`.
     */
    addFromUrl(text) {
        let u;
        try {
            u = new URL(text);
        }
        catch {
            u = undefined;
        }
        if (u === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
            const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/@\s]*)@/i.exec(text.trim());
            if (m !== null) {
                const userinfo = m[1];
                const colon = userinfo.indexOf(':');
                this.add(colon >= 0 ? userinfo.slice(colon + 1) : userinfo);
            }
            for (const [, value] of text.matchAll(/[?&][^=&#\s]*=([^&#\s]*)/g))
                this.add(value);
            return;
        }
        if (u.password !== '')
            this.add(u.password);
        else
            this.add(u.username);
        for (const value of new URLSearchParams(u.search).values())
            this.add(value);
        // Local paths (`file:`) hold directory names, not tokens.
        if (u.protocol === 'file:')
            return;
        for (const segment of u.pathname.split('/')) {
            const decoded = safeDecode(segment);
            if (looksLikeToken(decoded))
                this.add(decoded);
        }
    }
    /**
     * Calls `listener` for every registered form, now and whenever one is added (the action passes
     * `core.setSecret`). Returns the unsubscribe function.
     */
    onAdd(listener) {
        for (const value of this.values)
            listener(value);
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /** Every registered value in `text` → `***` (longest first, so no part of a longer one survives). */
    mask(text) {
        if (this.values.size === 0)
            return text;
        this.pattern ??= new RegExp([...this.values]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'), 'g');
        return text.replace(this.pattern, MASK);
    }
    /** Whether `text` holds a registered value. */
    includes(text) {
        return this.mask(text) !== text;
    }
    /** Forgets every value (tests; a new run in the same process). Listeners stay. */
    clear() {
        this.values.clear();
        this.pattern = undefined;
    }
}
/** The secrets of this run (one process is one run: the CLI or the action). */
const runSecrets = new SecretRegistry();
/**
 * Path segments of index URLs that are layout, not secrets (PEP 503's `simple`, and the common
 * layouts of devpi, Artifactory, Nexus, GitLab, CodeArtifact, Azure Artifacts, Gemfury…).
 */
const LAYOUT_SEGMENTS = new Set([
    'simple',
    '+simple',
    'pypi',
    'api',
    'packages',
    'package',
    'repository',
    'repositories',
    'artifactory',
    'nexus',
    'projects',
    'groups',
    'index',
    'files',
    'root',
    'public',
    'private',
    'feeds',
    'packaging',
    'upload',
    'legacy',
]);
/** Registers one secret value (a credential) with the run. */
function registerSecret(value) {
    runSecrets.add(value);
}
/**
 * Registers the value of a `${VAR}` expansion with the run. A value that is a whole http(s) URL
 * was declared secret as a whole, yet its parts reach outputs separately (a file URL under a
 * tokenised index keeps the token but not the rest of the index URL): then its userinfo and query
 * values, and every path segment that is not layout (LAYOUT_SEGMENTS, `v<N>`, a file name), are
 * secrets too, whatever they look like — an all-letters token that `looksLikeToken` cannot tell
 * from a folder name.
 */
function registerExpansion(value) {
    runSecrets.add(value);
    if (!/^https?:\/\//i.test(value.trim()))
        return;
    let u;
    try {
        u = new URL(value.trim());
    }
    catch {
        return;
    }
    runSecrets.addFromUrl(u.href);
    for (const segment of u.pathname.split('/')) {
        const decoded = safeDecode(segment);
        const layout = LAYOUT_SEGMENTS.has(decoded.toLowerCase()) || /^v\d+$/i.test(decoded);
        if (!layout && !FILE_SEGMENT.test(decoded))
            runSecrets.add(decoded);
    }
}
/** Registers the secret parts of a URL (or `user:password@host` text) with the run. */
function registerUrlSecrets(url) {
    runSecrets.addFromUrl(url);
}
/** URL for people to read: userinfo → `***@`, every query value → `***`, registered values → `***`. */
function redactUrl(url) {
    // A parsed URL with nothing to mask but registered values (every request's): no second parse.
    if (url instanceof URL && url.username === '' && url.password === '' && url.search === '')
        return runSecrets.mask(url.href);
    let u;
    try {
        u = new URL(String(url));
    }
    catch {
        return runSecrets.mask(redactUnparsed(String(url)));
    }
    if (u.username || u.password) {
        u.username = MASK;
        u.password = '';
    }
    if (u.search !== '') {
        const params = new URLSearchParams(u.search);
        const masked = new URLSearchParams();
        for (const name of params.keys())
            if (!masked.has(name))
                masked.append(name, MASK);
        u.search = masked.toString().replace(/%2A%2A%2A/g, MASK);
    }
    return runSecrets.mask(u.toString());
}
/**
 * URL to write into files (pylock, report, cache entries): no userinfo, no query, no fragment,
 * registered values in the path → `***`. Unparseable input gets the text treatment.
 */
function publicUrl(url) {
    let u;
    try {
        u = new URL(String(url));
    }
    catch {
        return redactText(String(url));
    }
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return runSecrets.mask(u.toString());
}
function redactUnparsed(s) {
    return s
        .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, `$1${MASK}@`)
        .replace(/([?&][^=&#]*=)[^&#\s]*/g, `$1${MASK}`);
}
/**
 * Hides every `//userinfo@` of one value that may not even parse as a URL (a bad `--index-url`
 * shown back in an error): whatever stands between `//` and `@` becomes `***`, spaces included;
 * a scheme-less `user:password@` at the start too, and registered values.
 */
function maskUserinfo(value) {
    return runSecrets.mask(value.replace(/\/\/[^/@]*@/g, `//${MASK}@`).replace(/^[^/@\s:]+:[^/@\s]*@/, `${MASK}@`));
}
/** Scheme-less `user:password@host` (no `//` before it): pip accepts such index values. */
const BARE_USERINFO = /(^|[\s"'(<=,;[])[^\s"'<>@/:()[\]]+:[^\s"'<>@/()]*@(?=[A-Za-z0-9[])/g;
/**
 * A URL in free text, with whatever scheme-like characters run before its scheme (`-https://…`):
 * the look-behind lets a match start only where such a run starts, so a long run of `a.a.a…`
 * without `://` costs linear time, not quadratic (review 3 s11). splitUrl drops what runs before
 * the first letter.
 */
const URL_IN_FREE_TEXT = /(?<![A-Za-z0-9+.-])[A-Za-z0-9+.-]+:\/\/[^\s"'<>]+/g;
/** A URL_IN_FREE_TEXT match as what runs before its scheme and the URL itself. */
function splitUrl(match) {
    const k = Math.max(0, match.search(/[a-z]/i));
    return [match.slice(0, k), match.slice(k)];
}
/** The URLs quoted in a free text (an error message, a line shown to people). */
function urlsInText(text) {
    return [...text.matchAll(URL_IN_FREE_TEXT)].map(([m]) => splitUrl(m)[1]);
}
/** Replaces registered values, every URL-looking substring and scheme-less userinfo of a free text. */
function redactText(text) {
    return runSecrets
        .mask(text)
        .replace(URL_IN_FREE_TEXT, (m) => {
        const [before, url] = splitUrl(m);
        return before + redactUrl(url);
    })
        .replace(BARE_USERINFO, `$1${MASK}@`);
}


/***/ }),

/***/ 5434:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   qO: () => (/* binding */ retryDelayMs),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/**
 * Retry policy of the HTTP client: which failures are retried (connection errors, 408, 429, 5xx
 * except 501 "not implemented", which is a capability answer, e.g. refused suffix ranges),
 * exponential backoff with full jitter, and `Retry-After` (RFC 9110 §10.2.3: delay-seconds or
 * an HTTP-date), capped so a hostile or confused server cannot stall a run, and a total time
 * budget for all attempts of one request.
 */
const DEFAULT_RETRY_POLICY = {
    retries: 4,
    backoffBaseMs: 250,
    backoffMaxMs: 10_000,
    retryAfterMaxMs: 30_000,
    retryBudgetMs: 60_000,
};
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status !== 501 && status <= 599);
}
/** Error codes of connection-level failures worth another attempt. */
const RETRYABLE_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED',
]);
function isRetryableError(code) {
    return code !== undefined && RETRYABLE_CODES.has(code);
}
/**
 * Parses `Retry-After` into milliseconds from `now` (never negative); undefined when absent
 * or malformed.
 */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined)
        return undefined;
    const v = value.trim();
    if (/^\d+$/.test(v))
        return Number(v) * 1000;
    const t = Date.parse(v);
    if (Number.isNaN(t))
        return undefined;
    return Math.max(0, t - now);
}
/** Delay before retry number `attempt` (0-based), honouring a capped Retry-After when given. */
function retryDelayMs(policy, attempt, retryAfterMs, random = Math.random) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, policy.retryAfterMaxMs);
    const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** attempt);
    return Math.floor(random() * ceiling);
}
/** Waits `ms` between attempts; rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (ms <= 0)
            return resolve();
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(t);
            reject(signal?.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}


/***/ }),

/***/ 9914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mu: () => (/* binding */ BODY_LIMITS),
/* harmony export */   Qb: () => (/* binding */ bodyTooLarge),
/* harmony export */   UZ: () => (/* binding */ LIMIT_ENV),
/* harmony export */   bi: () => (/* binding */ HEADERS_TIMEOUT_HINT),
/* harmony export */   di: () => (/* binding */ LIMIT_CODES),
/* harmony export */   fl: () => (/* binding */ downloadDeadlineMs),
/* harmony export */   lC: () => (/* binding */ TransferLimitError),
/* harmony export */   nn: () => (/* binding */ transferLimitsFromEnv),
/* harmony export */   tW: () => (/* binding */ isLimitCode),
/* harmony export */   xe: () => (/* binding */ DEFAULT_TRANSFER_LIMITS),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/**
 * Bounds on what one HTTP exchange may cost, whatever the server sends: how many body bytes
 * (chosen by what the body is: a project page, a `.metadata` file, a range of a wheel, a whole
 * file), how long the whole exchange may take (a deadline), and how slowly its body may arrive (a
 * minimum transfer rate over a sliding window, so a server dripping one byte every few seconds
 * cannot hold a run: undici's own body timeout fires only when NO byte arrives).
 *
 * The limits are enforced while the body streams in (undici-dispatch.ts), before anything is
 * buffered; a body whose Content-Length already exceeds its limit is refused at the headers.
 * Violations surface as NetworkError (http-errors.ts) with one of the LIMIT_CODES below, the
 * redacted URL and a message naming the limit; these codes are never retried by the client.
 *
 * Defaults can be changed per client (HttpClientOptions) or through the environment
 * (`transferLimitsFromEnv`), which is how the CLI and the action let a user raise them.
 */
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const DEFAULT_TRANSFER_LIMITS = {
    // Linux sends a SYN at 0 s and retransmits it after 1, 3, 7, 15, … s (initial RTO 1 s, doubling;
    // RFC 6298 §2 and tcp(7) `tcp_syn_retries`). Waiting 15 s (pip's `--timeout`) sends no more SYNs
    // than waiting 8 s does — the fifth would leave at the very moment 15 s expires — so 8 s keeps
    // every attempt pip makes plus 1 s for the answer to the last one (a geostationary satellite
    // round trip is ~0.6 s), and a firewalled or dead host ends a run in under 10 s (issue 10 §2).
    connectTimeoutMs: 8_000,
    requestTimeoutMs: 300_000,
    // The wait for a response to start. pip's `--timeout` (15 s per socket read) is read when the user
    // sets it (`--timeout`, PIP_TIMEOUT, pip.conf: src/flow/prepare.ts). By default a server silent for
    // 8 s ends the run with an error that names the setting, in under 10 s (issue 10 §2): PyPI and
    // its CDN start answering in well under a second; an index proxy that fetches a huge page
    // upstream on a miss can take longer, and its users say so with pip's own option.
    headersTimeoutMs: 8_000,
    // A real server writes its header block at once; one that trickles it is stalling.
    headerBlockMs: 3_000,
    minBytesPerSec: 1024,
    rateWindowMs: 5_000,
    // The largest wheels on PyPI (GPU builds) are a few GiB.
    maxDownloadBytes: 8 * GiB,
    maxBufferedBytes: 256 * MiB,
};
/**
 * Limits by what a body is. A project page of PyPI's largest projects is a few MiB of JSON; a
 * core metadata file is kilobytes (pip reads both whole without a bound); a central directory of
 * a wheel with 100,000 members is about 10 MiB.
 */
const BODY_LIMITS = {
    projectPage: 64 * MiB,
    findLinksPage: 64 * MiB,
    metadata: 10 * MiB,
    centralDirectory: 64 * MiB,
};
/** Error codes of limit violations (NetworkError.code); none is retried. */
const LIMIT_CODES = {
    tooLarge: 'EBODYLIMIT',
    tooSlow: 'ETOOSLOW',
    deadline: 'EDEADLINE',
    headers: 'EHEADERS',
    /** The host did not complete the TCP handshake within the connect timeout. */
    connect: 'ECONNECTWAIT',
};
const LIMIT_CODE_SET = new Set(Object.values(LIMIT_CODES));
function isLimitCode(code) {
    return code !== undefined && LIMIT_CODE_SET.has(code);
}
/** An exchange stopped by a limit; the HTTP client turns it into a NetworkError with the URL. */
class TransferLimitError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'TransferLimitError';
    }
}
function formatBytes(n) {
    if (n >= GiB && n % GiB === 0)
        return `${n / GiB} GiB`;
    if (n >= MiB && n % MiB === 0)
        return `${n / MiB} MiB`;
    if (n >= 1024 && n % 1024 === 0)
        return `${n / 1024} KiB`;
    return `${n} bytes`;
}
function bodyTooLarge(limit, detail) {
    return new TransferLimitError(`${limit.what} is over its limit of ${formatBytes(limit.bytes)} (${detail})`, LIMIT_CODES.tooLarge);
}
/** Variables read by `transferLimitsFromEnv` (documented in docs/reliability.md). */
const LIMIT_ENV = {
    connectTimeout: 'WHEELHOUSE_HTTP_CONNECT_TIMEOUT',
    requestTimeout: 'WHEELHOUSE_HTTP_TIMEOUT',
    headersTimeout: 'WHEELHOUSE_HTTP_HEADERS_TIMEOUT',
    minRate: 'WHEELHOUSE_HTTP_MIN_RATE',
    maxDownload: 'WHEELHOUSE_MAX_DOWNLOAD_BYTES',
};
/** Said with a headers wait that ran out, so the user knows which setting lengthens it. */
const HEADERS_TIMEOUT_HINT = `(pip's --timeout, PIP_TIMEOUT or ${LIMIT_ENV.headersTimeout} sets the wait, in seconds)`;
function positiveNumber(name, value) {
    if (value === undefined || value.trim() === '')
        return undefined;
    const n = Number(value.trim());
    if (!Number.isFinite(n) || n < 0) {
        throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
    }
    return n;
}
/**
 * Limits from the environment: `WHEELHOUSE_HTTP_CONNECT_TIMEOUT` (seconds to connect, 0 = the
 * system's limit), `WHEELHOUSE_HTTP_TIMEOUT` (seconds per request, 0 = none),
 * `WHEELHOUSE_HTTP_HEADERS_TIMEOUT` (seconds to wait for the first byte of a response, 0 = the
 * deadline only),
 * `WHEELHOUSE_HTTP_MIN_RATE` (bytes/s, 0 = none), `WHEELHOUSE_MAX_DOWNLOAD_BYTES`. Unset values
 * keep the defaults; a malformed one is an error naming the variable.
 */
function transferLimitsFromEnv(env) {
    const out = {};
    const connect = positiveNumber(LIMIT_ENV.connectTimeout, env[LIMIT_ENV.connectTimeout]);
    if (connect !== undefined)
        out.connectTimeoutMs = Math.round(connect * 1000);
    const timeout = positiveNumber(LIMIT_ENV.requestTimeout, env[LIMIT_ENV.requestTimeout]);
    if (timeout !== undefined)
        out.requestTimeoutMs = Math.round(timeout * 1000);
    const headers = positiveNumber(LIMIT_ENV.headersTimeout, env[LIMIT_ENV.headersTimeout]);
    if (headers !== undefined)
        out.headersTimeoutMs = Math.round(headers * 1000);
    const rate = positiveNumber(LIMIT_ENV.minRate, env[LIMIT_ENV.minRate]);
    if (rate !== undefined)
        out.minBytesPerSec = rate;
    const max = positiveNumber(LIMIT_ENV.maxDownload, env[LIMIT_ENV.maxDownload]);
    if (max !== undefined)
        out.maxDownloadBytes = Math.floor(max);
    return out;
}
/**
 * Deadline of one whole-file download: the usual request deadline plus the time the file takes
 * at 64 KiB/s (1 GiB assumed when no size is declared). The minimum rate catches a stalled
 * transfer much earlier; this bounds one that crawls just above it.
 */
function downloadDeadlineMs(size) {
    const bytes = size ?? 1024 * MiB;
    return DEFAULT_TRANSFER_LIMITS.requestTimeoutMs + Math.ceil((bytes / (64 * 1024)) * 1000);
}


/***/ }),

/***/ 9297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Em: () => (/* binding */ request),
/* harmony export */   g6: () => (/* binding */ Agent),
/* harmony export */   kT: () => (/* binding */ ProxyAgent)
/* harmony export */ });
/* harmony import */ var undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7405);
/* harmony import */ var undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6672);
/* harmony import */ var undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var undici_lib_api_api_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4043);
/* harmony import */ var undici_lib_api_api_request_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(undici_lib_api_api_request_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici_lib_api_api_connect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2279);
/* harmony import */ var undici_lib_api_api_connect_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(undici_lib_api_api_connect_js__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(883);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_4__);





// The index adds its request API to every dispatcher; ProxyAgent's CONNECT tunnel calls `connect`
// on its client, so that one (and `request`, which the S3 client uses) is added here.
Object.assign((undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_4___default().prototype), { request: (undici_lib_api_api_request_js__WEBPACK_IMPORTED_MODULE_2___default()), connect: (undici_lib_api_api_connect_js__WEBPACK_IMPORTED_MODULE_3___default()) });
const Agent = (undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0___default());
const ProxyAgent = (undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_1___default());
/**
 * undici's `request(url, options)` with a dispatcher given (the package's top-level `request`
 * without its global-dispatcher default): origin and path from the URL, method GET, or PUT with a
 * body, unless given.
 */
function request(url, options) {
    const u = typeof url === 'string' ? new URL(url) : url;
    const { dispatcher, ...rest } = options;
    return undici_lib_api_api_request_js__WEBPACK_IMPORTED_MODULE_2___default().call(dispatcher, {
        ...rest,
        origin: u.origin,
        path: u.search ? `${u.pathname}${u.search}` : u.pathname,
        method: rest.method ?? (rest.body !== undefined && rest.body !== null ? 'PUT' : 'GET'),
    });
}


/***/ }),

/***/ 3619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KL: () => (/* binding */ NO_FLAGS),
/* harmony export */   Mc: () => (/* binding */ policyTriggers),
/* harmony export */   X1: () => (/* binding */ admittedCandidates),
/* harmony export */   pr: () => (/* binding */ orFlags)
/* harmony export */ });
/* unused harmony export isPinned */
const NO_FLAGS = Object.freeze({ prereleases: false, yanked: false });
function orFlags(a, b) {
    return {
        prereleases: (a?.prereleases ?? false) || (b?.prereleases ?? false),
        yanked: (a?.yanked ?? false) || (b?.yanked ?? false),
    };
}
/** pip's `is_pinned`: a `===` clause, or a `==` clause without a wildcard. */
function isPinned(spec) {
    return spec.specifiers.some((s) => s.operator === '===' || (s.operator === '==' && !s.toString().endsWith('.*')));
}
/**
 * The candidates a specifier matches, by candidate list and specifier text: the same requirement is
 * evaluated again and again (the walk's guesses, each policy round's edges, the checks of a
 * solution), about two thirds of the time with a specifier already seen on that project. A
 * specifier's text decides what it matches (SpecifierSet: sorted, deduplicated clauses); a
 * project's candidate list is never changed once made.
 */
const MATCHING = new WeakMap();
/**
 * Specifier texts remembered per project (a real resolution asks a few dozen; a crafted index or a
 * deep backtrack could ask thousands, each keeping an array of candidates): cleared when full.
 */
const MATCHING_PER_PROJECT = 256;
function matchingOf(project, spec) {
    let bySpec = MATCHING.get(project.preferred);
    if (bySpec === undefined)
        MATCHING.set(project.preferred, (bySpec = new Map()));
    const key = spec.toString();
    let matching = bySpec.get(key);
    if (matching === undefined) {
        matching = project.preferred.filter((c) => spec.matches(c.version));
        if (bySpec.size >= MATCHING_PER_PROJECT)
            bySpec.clear();
        bySpec.set(key, matching);
    }
    return matching;
}
function evaluate(project, spec, pre, flags) {
    const matching = matchingOf(project, spec);
    const usable = matching.filter((c) => c.best !== undefined);
    const onlyPre = usable.length > 0 && !usable.some((c) => !c.version.isPrerelease);
    const preTrigger = spec.mentionsPrerelease || onlyPre;
    const preAllowed = pre || flags.prereleases || preTrigger;
    const applicable = usable.filter((c) => preAllowed || !c.version.isPrerelease);
    const yankTrigger = isPinned(spec) && applicable.length > 0 && applicable.every((c) => c.yanked !== false);
    return {
        matching,
        preAllowed,
        yankAllowed: flags.yanked || yankTrigger,
        triggers: { prereleases: preTrigger, yanked: yankTrigger },
    };
}
/** The versions a requirement with specifier `spec` admits (preference order), given `flags`. */
function admittedCandidates(project, spec, pre, flags = NO_FLAGS) {
    const e = evaluate(project, spec, pre, flags);
    return e.matching.filter((c) => (e.preAllowed || !c.version.isPrerelease) && (e.yankAllowed || c.yanked === false));
}
/**
 * The flags `spec` sets for every requirement on its project while it is one of them: naming a
 * pre-release or matching only pre-releases allows pre-releases (the merged specifier then does
 * too); pinning with every applicable match yanked allows yanked versions (the merged specifier is
 * pinned and matches a subset of those).
 */
function policyTriggers(project, spec, pre) {
    return evaluate(project, spec, pre, NO_FLAGS).triggers;
}


/***/ }),

/***/ 6547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ versionCandidates),
/* harmony export */   _5: () => (/* binding */ versionKey),
/* harmony export */   eh: () => (/* binding */ summarize),
/* harmony export */   l4: () => (/* binding */ requiresPythonAllows)
/* harmony export */ });
/* harmony import */ var _index_page_links_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6505);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1728);
/* harmony import */ var _standards_specifier_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9350);
/* harmony import */ var _standards_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7174);
/* harmony import */ var _util_own_string_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1216);
/* harmony import */ var _hash_pins_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4574);






/** Whether `python` satisfies a `Requires-Python` value; an unparsable value is ignored, as pip does. */
function requiresPythonAllows(requiresPython, python) {
    if (requiresPython === undefined || requiresPython.trim() === '')
        return true;
    let set;
    try {
        set = _standards_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .SpecifierSet */ .dw.parse(requiresPython);
    }
    catch {
        return true;
    }
    return set.contains(python, { prereleases: true });
}
/**
 * Verdicts of `requiresPythonAllows` by target Python, shared by every page of a run: thousands of
 * projects repeat the same few dozen values (`>=3.8`, `>=3.9`, …). Keys are copies (a value read
 * from a page is a slice that would keep the page's body alive); bounded, cleared when full.
 */
const PYTHON_VERDICTS = new WeakMap();
const PYTHON_VERDICTS_LIMIT = 4096;
/** Longer values (none real: `>=3.8,!=3.9.0,<4`) are decided per page only, never kept for the run. */
const SHARED_VERDICT_MAX_LENGTH = 256;
function sharedPythonVerdict(requiresPython, python) {
    if (requiresPython.length > SHARED_VERDICT_MAX_LENGTH)
        return requiresPythonAllows(requiresPython, python);
    let verdicts = PYTHON_VERDICTS.get(python);
    if (verdicts === undefined)
        PYTHON_VERDICTS.set(python, (verdicts = new Map()));
    let verdict = verdicts.get(requiresPython);
    if (verdict === undefined) {
        verdict = requiresPythonAllows(requiresPython, python);
        if (verdicts.size >= PYTHON_VERDICTS_LIMIT)
            verdicts.clear();
        verdicts.set((0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_5__/* .ownString */ .A)(requiresPython), verdict);
    }
    return verdict;
}
const VERSION_KEYS = new WeakMap();
/**
 * A key equal for versions that compare equal (PEP 440 pads releases with zeros: 1.0 == 1.0.0),
 * so one version is listed once.
 */
function versionKey(v) {
    // Asked for again and again of the same versions (the solver's ranges, the policy ledger):
    // made once per Version (Version.parse shares one object per text).
    let key = VERSION_KEYS.get(v);
    if (key === undefined) {
        const m = /^(\d+!)?(\d+(?:\.\d+)*)(.*)$/s.exec(v.toString());
        key =
            m === null ? v.toString() : `${m[1] ?? ''}${m[2].replace(/(?:\.0)+$/, '')}${m[3] ?? ''}`;
        VERSION_KEYS.set(v, key);
    }
    return key;
}
function fileOrder(links) {
    return (a, b) => {
        // pip's CandidateEvaluator._sort_key puts has_allowed_hash first.
        const ua = a.hashUnchecked === true ? 1 : 0;
        const ub = b.hashUnchecked === true ? 1 : 0;
        if (ua !== ub)
            return ua - ub;
        const ya = links.yanked(a.index) === false ? 0 : 1;
        const yb = links.yanked(b.index) === false ? 0 : 1;
        if (ya !== yb)
            return ya - yb;
        if (a.priority !== b.priority)
            return a.priority < b.priority ? -1 : 1;
        const build = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .compareBuildTags */ .p0)(b.buildTag, a.buildTag);
        if (build !== 0)
            return build;
        const fa = links.filename(a.index);
        const fb = links.filename(b.index);
        return fa < fb ? -1 : fa > fb ? 1 : 0;
    };
}
/**
 * Groups a project page into versions, chooses each version's file and orders versions in the
 * order the solver should try them. `hashes` (algorithm → digests) applies `--hash` pinning.
 * A page repeats a few hundred versions, a few dozen tag sets and a handful of Requires-Python
 * values over thousands of files: each distinct value is decided once, and a DistFile is read
 * (made, for a compact page) only for the usable files.
 */
function versionCandidates(page, rules, options = {}) {
    const groups = new Map();
    const name = page.project;
    const links = (0,_index_page_links_js__WEBPACK_IMPORTED_MODULE_0__/* .pageLinks */ .$q)(page);
    const wheelsAllowed = rules.mayUseWheel(name);
    const sdistsAllowed = rules.mayUseSdist(name);
    // Wheel names split at their last three "-": the head (name, version, build) and the tag part.
    const heads = new Map();
    const ranks = new Map();
    const pythonVerdicts = new Map();
    const versions = new Map();
    let lastRp;
    let lastVerdict = true;
    const pythonAllows = (requiresPython) => {
        if (requiresPython === undefined)
            return true;
        if (requiresPython === lastRp)
            return lastVerdict;
        let verdict = pythonVerdicts.get(requiresPython);
        if (verdict === undefined) {
            verdict = sharedPythonVerdict(requiresPython, rules.pythonVersion);
            pythonVerdicts.set(requiresPython, verdict);
        }
        lastRp = requiresPython;
        lastVerdict = verdict;
        return verdict;
    };
    const versionOf = (versionText) => {
        let known = versions.get(versionText);
        if (known === undefined) {
            const parsed = _standards_version_js__WEBPACK_IMPORTED_MODULE_3__/* .Version */ .Rx.tryParse(versionText);
            known = parsed === null ? null : { version: parsed, key: versionKey(parsed) };
            versions.set(versionText, known);
        }
        return known;
    };
    const skip = (filename, error) => {
        if (!(error instanceof _standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidFilenameError */ .di))
            throw error;
        options.logger?.debug(`skipping ${filename} on ${page.source}: ${error.message}`);
    };
    // Decided from the full parse of a name whose head or tag part is new: what was not known yet.
    const parseHeadAndRank = (filename, head, rank) => {
        let parsed;
        try {
            parsed = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .parseWheelFilename */ .eP)(filename);
        }
        catch (error) {
            skip(filename, error);
            return undefined;
        }
        return decideHeadAndRank(parsed, parsed, head, rank);
    };
    // From a parse with the name's head (name, version, build tag) and one with its tag part.
    const decideHeadAndRank = (parsed, tagged, head, rank) => {
        if (head === undefined) {
            head = { ours: parsed.name === name, known: parsed.name === name ? versionOf(parsed.version) : null };
            if (parsed.buildTag !== undefined)
                head.buildTag = parsed.buildTag;
        }
        if (rank === undefined) {
            rank = Number.POSITIVE_INFINITY;
            for (const tag of tagged.tags) {
                const r = rules.tagPriority.get((0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .tagToString */ .lJ)(tag));
                if (r !== undefined && r < rank)
                    rank = r;
            }
        }
        return { head, rank };
    };
    // A compact page numbers its wheel names' heads and tag parts (PageFilenameChecker): no text.
    const headIdOf = links.headId?.bind(links);
    const tagIdOf = links.tagId?.bind(links);
    const headsById = [];
    // The same few reasons for thousands of files: one string each.
    const noWheel = `no wheel for ${rules.tagSummary}`;
    const pythonReasons = new Map();
    const ranksById = [];
    let lastHeadText = '';
    let lastHead;
    let lastKnown;
    let lastGroup;
    for (let i = 0; i < links.length; i++) {
        // A numbered wheel name (a compact page's) is judged by its numbers: its text is not read.
        const headId = headIdOf === undefined ? -1 : headIdOf(i);
        const filename = headId >= 0 ? '' : links.filename(i);
        let kind;
        let known;
        let priority = Number.POSITIVE_INFINITY;
        let buildTag;
        let reason;
        if (headId >= 0 || filename.endsWith('.whl')) {
            let head;
            let rank;
            if (headId >= 0) {
                const tagId = tagIdOf(i);
                head = headsById[headId];
                rank = ranksById[tagId];
                if (head === undefined || rank === undefined) {
                    // The page's file-name check parsed a name of this head and one of this tag part.
                    const headParse = links.headParse?.(headId);
                    const tagParse = links.tagParse?.(tagId);
                    const decided = headParse !== undefined && tagParse !== undefined
                        ? decideHeadAndRank(headParse, tagParse, head, rank)
                        : parseHeadAndRank(links.filename(i), head, rank);
                    if (decided === undefined)
                        continue;
                    head = headsById[headId] = decided.head;
                    rank = ranksById[tagId] = decided.rank;
                }
            }
            else {
                const stemEnd = filename.length - 4;
                const d1 = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .wheelTagPartStart */ .VN)(filename) - 1;
                let headText = '';
                let tagText = '';
                if (d1 > 0) {
                    // Consecutive files usually share the head: compare before cutting it out.
                    if (lastHead !== undefined && d1 === lastHeadText.length && filename.startsWith(lastHeadText))
                        head = lastHead;
                    else
                        head = heads.get((headText = filename.slice(0, d1)));
                    rank = ranks.get((tagText = filename.slice(d1 + 1, stemEnd)));
                }
                if (head === undefined || rank === undefined) {
                    // First sight of this head or tag part (or not a 5/6-part name): the full parser decides.
                    const known = head;
                    const decided = parseHeadAndRank(filename, head, rank);
                    if (decided === undefined)
                        continue;
                    if (known === undefined)
                        heads.set(headText === '' ? filename.slice(0, d1) : headText, decided.head);
                    if (rank === undefined)
                        ranks.set(tagText === '' ? filename.slice(d1 + 1, stemEnd) : tagText, decided.rank);
                    head = decided.head;
                    rank = decided.rank;
                }
                if (head !== lastHead) {
                    lastHead = head;
                    lastHeadText = filename.slice(0, d1);
                }
            }
            if (!head.ours)
                continue;
            kind = 'wheel';
            known = head.known;
            buildTag = head.buildTag;
            priority = rank;
            if (!wheelsAllowed)
                reason = 'wheels are not allowed (--no-binary)';
            else if (priority === Number.POSITIVE_INFINITY)
                reason = noWheel;
        }
        else {
            let parsed;
            try {
                parsed = (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSdistFilename */ .sF)(filename, name);
            }
            catch (error) {
                skip(filename, error);
                continue;
            }
            if (parsed.name !== name)
                continue;
            kind = 'sdist';
            known = versionOf(parsed.version);
            if (!sdistsAllowed)
                reason = 'sdists are not allowed (--only-binary)';
        }
        if (known === null)
            continue;
        const byName = reason !== undefined;
        // Only a link that may be used is read further (a skimmed page reads its entry now).
        const requiresPython = reason === undefined ? links.requiresPython(i) : undefined;
        if (reason === undefined && links.dropped?.(i) === true)
            continue;
        if (reason === undefined && !pythonAllows(requiresPython)) {
            reason = pythonReasons.get(requiresPython);
            if (reason === undefined) {
                reason = `needs Python ${requiresPython ?? ''}, but the target is ${rules.pythonVersion.toString()}`;
                pythonReasons.set(requiresPython, reason);
            }
        }
        if (reason === undefined && options.hashes !== undefined)
            reason = (0,_hash_pins_js__WEBPACK_IMPORTED_MODULE_4__/* .hashPinProblem */ .fW)(links.file(i), options.hashes);
        // Consecutive files are mostly one version's: the last group is checked before the map.
        let group = lastKnown === known ? lastGroup : groups.get(known.key);
        if (group === undefined) {
            group = { version: known.version, files: [], reasons: [], wheelReasons: [], hasSdist: false };
            groups.set(known.key, group);
        }
        lastKnown = known;
        lastGroup = group;
        if (kind === 'sdist')
            group.hasSdist = true;
        if (reason === undefined) {
            group.unread = undefined; // a version with a usable file shows that file only
            const unchecked = options.hashes !== undefined && (0,_hash_pins_js__WEBPACK_IMPORTED_MODULE_4__/* .hashPinStatus */ .aX)(links.file(i), options.hashes) === 'unchecked';
            group.files.push({
                index: i,
                kind,
                priority,
                ...(buildTag !== undefined ? { buildTag } : {}),
                ...(unchecked ? { hashUnchecked: true } : {}),
            });
        }
        else {
            // Only the distinct reasons are read (summarize, wheelProblems): each kept once, in order.
            if (!group.reasons.includes(reason))
                group.reasons.push(reason);
            if (kind === 'wheel' && !group.wheelReasons.includes(reason))
                group.wheelReasons.push(reason);
            if (byName && group.files.length === 0 && links.unread?.(i) === true)
                (group.unread ??= []).push(i);
        }
    }
    // A version listed with no usable file is shown to the user with the reasons its names gave
    // (explanations, "is unusable: …"): its entries are read first, so a listed version never rests
    // on an entry nobody checked — a broken one gives the general parser's error, as it would (and
    // as pip, which reads the whole page, fails). A version with a usable file shows only that file.
    for (const group of groups.values())
        if (group.files.length === 0 && group.unread !== undefined)
            for (const i of group.unread)
                links.requiresPython(i);
    return orderedVersions(groups, links, rules);
}
/**
 * Each version of `groups` with its usable files in preference order, the versions in the order
 * the solver tries them. A function of its own: V8 deoptimizes this part while it learns its array
 * shapes (an empty group's `usable` is another kind of array), which, inside versionCandidates,
 * sent the per-link loop back to unoptimized code for the next pages.
 */
function orderedVersions(groups, links, rules) {
    const order = fileOrder(links);
    // Made now, not when first read: a DistFile holds copies, the page's body can go (a lazy one
    // would keep every page body of the resolution alive).
    const candidateFile = (u) => {
        const c = { file: links.file(u.index), kind: u.kind, priority: u.priority };
        if (u.buildTag !== undefined)
            c.buildTag = u.buildTag;
        if (u.hashUnchecked === true)
            c.hashUnchecked = true;
        return c;
    };
    const out = [];
    for (const group of groups.values()) {
        const usable = group.files.sort(order).map(candidateFile);
        const best = usable[0];
        const wheelProblems = group.wheelReasons; // distinct already (kept once each, above)
        if (best !== undefined) {
            out.push({ version: group.version, best, usable, yanked: best.file.yanked, wheelProblems });
        }
        else {
            const wheelsUnfit = group.wheelReasons.some((r) => r.startsWith('no wheel for') || r.startsWith('wheels are'));
            const reasons = group.hasSdist || !wheelsUnfit ? group.reasons : [...group.reasons, 'no sdist'];
            out.push({
                version: group.version,
                usable,
                yanked: false,
                unusable: summarize(reasons),
                wheelProblems,
            });
        }
    }
    out.sort((a, b) => {
        if (rules.preferBinary) {
            const wa = a.best?.kind === 'wheel' ? 0 : 1;
            const wb = b.best?.kind === 'wheel' ? 0 : 1;
            if (wa !== wb)
                return wa - wb;
        }
        return b.version.compare(a.version);
    });
    return out;
}
/** A predicate phrase for explanations: "needs Python …" or "is unusable: no wheel for X; no sdist". */
function summarize(reasons) {
    const distinct = [...new Set(reasons)];
    if (distinct.length === 0)
        return 'has no files';
    if (distinct.length === 1 && distinct[0].startsWith('needs '))
        return distinct[0];
    return `is unusable: ${distinct.join('; ')}`;
}


/***/ }),

/***/ 6979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ parseDistMetadata)
/* harmony export */ });
/* harmony import */ var _standards_metadata_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5970);
/* harmony import */ var _standards_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2830);
/* harmony import */ var _standards_requirement_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4369);
/**
 * The parts of a distribution's core metadata the resolver uses: Requires-Dist parsed as PEP 508
 * requirements (with their text kept for reports), Requires-Python and Provides-Extra (PEP 685
 * normalized). A Requires-Dist line that does not parse is skipped with a warning naming the file,
 * as pip does for invalid dependency lines of installed metadata.
 *
 * Takes the file's bytes or text, or its `CoreMetadata` when the source already parsed it (the
 * metadata fetcher does, once per file), so a file is not parsed again here.
 */



/**
 * What a parsed CoreMetadata gave, when every Requires-Dist line parsed (nothing to warn about): the
 * speculative walk and the resolution read the same fetched file (one CoreMetadata object), and
 * its requirements are parsed once. Read-only for every caller.
 */
const FROM_PARSED = new WeakMap();
function parseDistMetadata(input, filename, logger) {
    const parsed = typeof input === 'string' || input instanceof Uint8Array ? undefined : input;
    if (parsed !== undefined) {
        const known = FROM_PARSED.get(parsed);
        if (known !== undefined)
            return known;
    }
    const metadata = parsed ?? (0,_standards_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMetadata */ .jR)(input).metadata;
    const requiresDist = [];
    let clean = true;
    for (const text of metadata.requiresDist) {
        try {
            requiresDist.push({ text, requirement: (0,_standards_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(text) });
        }
        catch (error) {
            clean = false;
            logger.warn(`${filename}: ignoring invalid Requires-Dist ${JSON.stringify(text)}: ${error.message}`);
        }
    }
    const out = {
        name: metadata.name,
        version: metadata.version,
        requiresDist,
        requiresDistText: [...metadata.requiresDist],
        ...(metadata.requiresPython !== undefined ? { requiresPython: metadata.requiresPython } : {}),
        providesExtra: metadata.providesExtra.map((e) => (0,_standards_names_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(e)),
    };
    // A file with an invalid line is parsed again by each caller, so each caller's logger warns.
    if (parsed !== undefined && clean)
        FROM_PARSED.set(parsed, out);
    return out;
}


/***/ }),

/***/ 4574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HO: () => (/* binding */ verifyComputedHashes),
/* harmony export */   aX: () => (/* binding */ hashPinStatus),
/* harmony export */   fW: () => (/* binding */ hashPinProblem),
/* harmony export */   y5: () => (/* binding */ HashPinMismatchError)
/* harmony export */ });
function hashPinStatus(file, pins) {
    let declaredPinnedAlgorithm = false;
    for (const [algorithm, digests] of pins) {
        const declared = file.hashes[algorithm];
        if (declared === undefined)
            continue;
        if (digests.has(declared.toLowerCase()))
            return 'allowed';
        declaredPinnedAlgorithm = true;
    }
    if (declaredPinnedAlgorithm)
        return 'mismatch';
    // A declared sha256 is what the lock uses; without a sha256 pin it cannot be checked either.
    if (file.hashes.sha256 === undefined && (pins.get('sha256')?.size ?? 0) > 0)
        return 'unchecked';
    return 'uncheckable';
}
/** The reason a file is not a candidate under `pins`, or undefined when it is one. */
function hashPinProblem(file, pins) {
    const status = hashPinStatus(file, pins);
    if (status === 'mismatch')
        return `${file.filename} has none of the hashes given with --hash`;
    if (status === 'uncheckable') {
        return `${file.filename} declares no hash of the kinds given with --hash (${[...pins.keys()].join(', ')}), and only a sha256 can be computed`;
    }
    return undefined;
}
/** Files downloaded to hash them (their source declared none) whose sha256 is not pinned. */
class HashPinMismatchError extends Error {
    mismatches;
    constructor(mismatches) {
        const lines = mismatches.map((m) => `  ${m.project}: ${m.filename} from ${m.url}\n` +
            `    expected sha256 ${m.expected.length === 1 ? '' : 'one of '}${m.expected.join(', ')}\n` +
            `    got      sha256 ${m.actual}`);
        super(`${mismatches.length === 1 ? 'a downloaded file does' : `${mismatches.length} downloaded files do`} not match the --hash values of the requirements ` +
            `(the files' sources give no hash, so each was downloaded and hashed; a changed file or a wrong pin):\n${lines.join('\n')}`);
        this.mismatches = mismatches;
        this.name = 'HashPinMismatchError';
    }
}
/**
 * Checks the sha256 computed for chosen files that had none against their project's pins; throws
 * HashPinMismatchError listing every file that does not match. Files of unpinned projects pass, and
 * so do files a declared hash already matched (status `allowed`, e.g. a pinned sha512).
 */
function verifyComputedHashes(computed, pinsFor) {
    const mismatches = [];
    for (const { project, file, sha256 } of computed) {
        const pins = pinsFor(project);
        if (pins === undefined || pins.size === 0 || hashPinStatus(file, pins) !== 'unchecked')
            continue;
        const expected = [...(pins.get('sha256') ?? [])];
        if (expected.includes(sha256.toLowerCase()))
            continue;
        mismatches.push({ project, filename: file.filename, url: file.redactedUrl, expected, actual: sha256 });
    }
    if (mismatches.length > 0)
        throw new HashPinMismatchError(mismatches);
}


/***/ }),

/***/ 5409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ lockKindOf)
/* harmony export */ });
/** `uv.lock`, or PEP 751's `pylock.toml` / `pylock.<name>.toml`, by the file's name. */
function lockKindOf(path) {
    const base = path.split(/[/\\]/).pop() ?? '';
    if (base === 'uv.lock')
        return 'uv';
    if (/^pylock\.([^.]+\.)?toml$/.test(base))
        return 'pylock';
    return undefined;
}


/***/ }),

/***/ 2214:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  de: () => (/* binding */ LocalProjectError),
  dn: () => (/* binding */ NO_SELECTION),
  j9: () => (/* binding */ isPyprojectFile),
  Rs: () => (/* binding */ readLocalProject),
  Ru: () => (/* binding */ readPyprojectInput),
  UM: () => (/* binding */ unknownSelections)
});

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/pyproject.ts
var pyproject = __webpack_require__(7826);
;// CONCATENATED MODULE: ./src/standards/dependency-groups.ts
/**
 * Dependency groups — PEP 735 (the PyPA "Dependency Groups" specification): the `[dependency-groups]`
 * table of pyproject.toml maps group names to lists whose items are PEP 508 requirement strings or
 * `{include-group = "other"}` tables. Group names compare normalized (PEP 503 rules); two keys that
 * normalize alike are an error; an include of an unknown group and an include cycle are errors;
 * including the same group twice through different paths is allowed (its requirements repeat, as
 * the reference implementation yields them).
 *
 * Input is a parsed TOML document; every problem names the file and the key
 * (`dependency-groups.test[1]`).
 */


/** The `[dependency-groups]` table of `doc` (empty when absent). */
function readDependencyGroups(doc, file) {
    const table = doc['dependency-groups'];
    const groups = new Map();
    if (table === undefined)
        return { file, groups };
    if (!(0,pyproject/* isTable */.bI)(table))
        throw new pyproject/* PyprojectError */.HG(file, 'dependency-groups', 'must be a table');
    for (const [name, list] of Object.entries(table)) {
        const key = `dependency-groups.${name}`;
        if (!(0,names/* isValidName */.uV)(name))
            throw new pyproject/* PyprojectError */.HG(file, key, 'is not a valid group name');
        const normalized = (0,names/* normalizeName */.Pc)(name);
        const clash = groups.get(normalized);
        if (clash !== undefined) {
            throw new pyproject/* PyprojectError */.HG(file, key, `names the same group as dependency-groups.${clash.key} (${normalized})`);
        }
        if (!Array.isArray(list))
            throw new pyproject/* PyprojectError */.HG(file, key, 'must be an array');
        const items = list.map((item, i) => {
            const at = `${key}[${i}]`;
            if (typeof item === 'string') {
                return { kind: 'requirement', declared: { requirement: (0,pyproject/* parseDeclared */.U0)(file, at, item), key: at } };
            }
            if ((0,pyproject/* isTable */.bI)(item)) {
                const keys = Object.keys(item);
                const include = item['include-group'];
                if (keys.length !== 1 || typeof include !== 'string') {
                    throw new pyproject/* PyprojectError */.HG(file, at, 'a table here must be exactly {include-group = "NAME"}');
                }
                return { kind: 'include', group: include, key: at };
            }
            throw new pyproject/* PyprojectError */.HG(file, at, 'must be a requirement string or {include-group = "NAME"}');
        });
        groups.set(normalized, { key: name, items });
    }
    return { file, groups };
}
/** Group names as written, in file order (for messages and `--all-groups`-like uses). */
function groupNames(g) {
    return [...g.groups.values()].map((v) => v.key);
}
/**
 * The requirements of group `name`, includes expanded depth first in order. `askedBy` names who
 * asked (e.g. `--group test`) for the unknown-group message. A group included again (a diamond of
 * includes) adds nothing new: each group is expanded once, so the answer grows with the file, not
 * with the number of include paths (2^20 for twenty groups that each include the next twice).
 */
function groupRequirements(g, name, askedBy) {
    const out = [];
    const expanded = new Set();
    const walk = (groupName, from, chain) => {
        const normalized = (0,names/* normalizeName */.Pc)(groupName);
        const group = g.groups.get(normalized);
        if (group === undefined) {
            const known = groupNames(g);
            throw new pyproject/* PyprojectError */.HG(g.file, chain.length === 0 ? 'dependency-groups' : from, `has no group ${JSON.stringify(groupName)} (asked by ${chain.length === 0 ? askedBy : from}; groups: ${known.length === 0 ? 'none' : known.join(', ')})`);
        }
        if (chain.includes(normalized)) {
            const loop = [...chain.slice(chain.indexOf(normalized)), normalized].join(' -> ');
            throw new pyproject/* PyprojectError */.HG(g.file, from, `include-group cycle: ${loop}`);
        }
        if (expanded.has(normalized))
            return;
        for (const item of group.items) {
            if (item.kind === 'requirement')
                out.push(item.declared);
            else
                walk(item.group, item.key, [...chain, normalized]);
        }
        expanded.add(normalized);
    };
    walk(name, askedBy, []);
    return out;
}

// EXTERNAL MODULE: ./src/provider/toml-file.ts
var toml_file = __webpack_require__(9392);
;// CONCATENATED MODULE: ./src/provider/project-inputs.ts
/**
 * Requirements that come from a project rather than a requirements file (issue 11, §2):
 *
 * - `-r pyproject.toml`: PEP 621 `[project] dependencies`, the optional dependencies of the extras
 *   asked for (`--extra`, `--all-extras`, the action's `extras`) and the PEP 735 dependency groups
 *   asked for (`--group`, the action's `groups`) — the option names uv's `pip compile/install` use.
 *   An extra or group no pyproject input declares is an error (`unknownSelections`).
 * - `-e PATH` / `./PATH` lines of requirement files that name a local project directory: its
 *   dependencies (and those of the extras written after the path, `.[test]`) are resolved; the
 *   project itself is never fetched or put into the wheelhouse — it is returned as a LocalProject
 *   so the lock can say how to install it.
 *
 * Dynamic dependencies need the build frontend and are, for now, errors naming the file and key.
 * The TOML is parsed with smol-toml (toml-file.ts); its interpretation is src/standards.
 */





const NO_SELECTION = { extras: [], allExtras: false, groups: [] };
/** Whether a requirement input is a pyproject.toml (by its file name). */
function isPyprojectFile(path) {
    return /(^|[/\\])pyproject\.toml$/i.test(path);
}
function sourced(file, list) {
    return list.map((d) => ({ requirement: d.requirement, origin: `${file} (${d.key})` }));
}
/** `-r pyproject.toml`: dependencies + selected extras + selected groups, self-references expanded. */
async function readPyprojectInput(file, io, selection) {
    const doc = (0,toml_file/* parseTomlText */.tT)(file, await io.readFile(file));
    const project = (0,pyproject/* readProjectTable */.a5)(doc, file);
    const groups = readDependencyGroups(doc, file);
    if (project === undefined && groups.groups.size === 0) {
        throw new pyproject/* PyprojectError */.HG(file, 'project', 'is missing: the file declares neither [project] nor [dependency-groups]');
    }
    const foundExtras = new Set();
    const foundGroups = new Set();
    const declared = [];
    const wantsExtras = selection.allExtras || selection.extras.length > 0;
    if (project !== undefined &&
        (project.dependencies === undefined || (wantsExtras && project.optionalDependencies === undefined))) {
        // The backend knows the dependencies; groups (never dynamic, PEP 735) are read here. A group's
        // requirement on the project itself asks for the project's extras from the backend too.
        const extras = new Set(selection.extras.map(names/* normalizeName */.Pc));
        const known = new Set(groupNames(groups).map(names/* normalizeName */.Pc));
        for (const group of selection.groups) {
            if (!known.has((0,names/* normalizeName */.Pc)(group)))
                continue;
            for (const d of groupRequirements(groups, group, `--group ${group}`)) {
                if (d.requirement.name === project.name)
                    d.requirement.extras.forEach((e) => extras.add((0,names/* normalizeName */.Pc)(e)));
                else
                    declared.push(d);
            }
            foundGroups.add((0,names/* normalizeName */.Pc)(group));
        }
        for (const e of selection.extras)
            foundExtras.add((0,names/* normalizeName */.Pc)(e));
        const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return {
            requirements: sourced(file, declared),
            dynamic: {
                dir: slash < 0 ? '.' : file.slice(0, slash) || '/',
                label: file,
                extras: [...extras],
                allExtras: selection.allExtras,
            },
            foundExtras,
            foundGroups,
        };
    }
    if (project !== undefined) {
        declared.push(...(0,pyproject/* projectDependencies */.LY)(project));
        const extras = selection.allExtras ? (0,pyproject/* allExtras */.fw)(project) : selection.extras.map(names/* normalizeName */.Pc);
        for (const extra of extras) {
            if (project.optionalDependencies !== undefined && !project.optionalDependencies.has(extra))
                continue;
            declared.push(...(0,pyproject/* extraDependencies */.qQ)(project, extra, `--extra ${extra}`));
            foundExtras.add(extra);
        }
    }
    const known = new Set(groupNames(groups).map(names/* normalizeName */.Pc));
    for (const group of selection.groups) {
        if (!known.has((0,names/* normalizeName */.Pc)(group)))
            continue;
        declared.push(...groupRequirements(groups, group, `--group ${group}`));
        foundGroups.add((0,names/* normalizeName */.Pc)(group));
    }
    const expanded = project === undefined ? declared : (0,pyproject/* expandSelfReferences */.Hh)(project, declared);
    return { requirements: sourced(file, expanded), foundExtras, foundGroups };
}
/** Problems for selected extras/groups that no pyproject input declares (uv: "extra not found"). */
function unknownSelections(selection, files, found) {
    const where = files.join(', ');
    const problems = [];
    for (const e of selection.extras) {
        if (!found.extras.has((0,names/* normalizeName */.Pc)(e)))
            problems.push(`--extra ${e}: no project.optional-dependencies.${e} in ${where}`);
    }
    for (const g of selection.groups) {
        if (!found.groups.has((0,names/* normalizeName */.Pc)(g)))
            problems.push(`--group ${g}: no dependency-groups.${g} in ${where}`);
    }
    return problems;
}
/** Splits `./path[a,b]` into the path and its extras. */
function splitExtras(text) {
    const m = /^(.*?)\[([^\]]*)\]\s*$/.exec(text.trim());
    if (m === null)
        return { path: text.trim(), extras: [] };
    const extras = m[2]
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '')
        .map(names/* normalizeName */.Pc);
    return { path: m[1].trim(), extras };
}
function joinPath(dir, name) {
    return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}/${name}`;
}
/**
 * A local project directory (`-e .`, `./pkg[test]`, `file:///…/pkg`): its static dependencies and
 * the dependencies of its extras. `line` is where it was written.
 */
async function readLocalProject(line, editable, io) {
    const origin = `${line.source.file}:${line.source.line}`;
    const { path: written, extras } = splitExtras(line.text);
    let dir = written;
    if (/^file:/i.test(written)) {
        try {
            dir = (0,external_node_url_.fileURLToPath)(written);
        }
        catch {
            throw new LocalProjectError(`${origin}: ${JSON.stringify(written)} is not a valid file: URL`);
        }
    }
    const file = joinPath(dir, 'pyproject.toml');
    const dynamic = {
        dynamic: {
            dir,
            label: `${origin} ${line.text}`,
            extras,
            allExtras: false,
            local: { path: written, editable, origin },
        },
        requirements: [],
    };
    const exists = async (path) => {
        try {
            return await io.readFile(path);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
                return undefined;
            throw error;
        }
    };
    const text = await exists(file);
    if (text === undefined) {
        // setup.py-only (legacy) projects: the build backend (setuptools) gives the dependencies.
        if ((await exists(joinPath(dir, 'setup.py'))) !== undefined)
            return dynamic;
        throw new LocalProjectError(`${origin}: local project ${JSON.stringify(written)} has no pyproject.toml or setup.py: not a Python project directory`);
    }
    const doc = (0,toml_file/* parseTomlText */.tT)(file, text);
    const project = (0,pyproject/* readProjectTable */.a5)(doc, file);
    if (project === undefined ||
        project.dependencies === undefined ||
        (extras.length > 0 && project.optionalDependencies === undefined)) {
        return dynamic;
    }
    const declared = [...(0,pyproject/* projectDependencies */.LY)(project)];
    for (const extra of extras)
        declared.push(...(0,pyproject/* extraDependencies */.qQ)(project, extra, `${origin} ${line.text}`));
    const requirements = sourced(file, (0,pyproject/* expandSelfReferences */.Hh)(project, declared)).map((r) => ({
        ...r,
        origin: `${origin} -> ${r.origin}`,
    }));
    return {
        project: { name: project.name, path: written, editable, extras, origin },
        requirements,
    };
}
class LocalProjectError extends Error {
    name = 'LocalProjectError';
}


/***/ }),

/***/ 8107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ checkRequireHashesInputs),
/* harmony export */   g6: () => (/* binding */ RequireHashesError),
/* harmony export */   oX: () => (/* binding */ checkRequireHashesResolution)
/* harmony export */ });
/* harmony import */ var _standards_markers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(597);

/** Its message lists each requirement at fault as `file:line: text` (dependencies have no line). */
class RequireHashesError extends Error {
    name = 'RequireHashesError';
}
function hasHash(inputs, name) {
    const pins = inputs.hashes.get(name);
    if (pins !== undefined && [...pins.values()].some((set) => set.size > 0))
        return true;
    const direct = inputs.directFiles.get(name);
    return direct !== undefined && Object.keys(direct.hashes).length > 0;
}
/** The requirements' own faults, before anything is fetched. */
function checkRequireHashesInputs(inputs, markers) {
    const active = inputs.requirements.filter((r) => r.requirement.marker === undefined || (0,_standards_markers_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateMarker */ .UZ)(r.requirement.marker, markers));
    const unpinned = active.filter((r) => {
        if (r.requirement.url !== undefined)
            return false;
        const specs = r.requirement.specifier.specifiers;
        return !(specs.length === 1 && (specs[0].operator === '==' || specs[0].operator === '==='));
    });
    if (unpinned.length > 0) {
        throw new RequireHashesError(`in --require-hashes mode, every requirement must be pinned with == (or ===); these are not:\n${unpinned.map((r) => `${r.origin}: ${r.requirement.text}`).join('\n')}`);
    }
    const unhashed = active.filter((r) => !hasHash(inputs, r.requirement.name));
    if (unhashed.length > 0) {
        throw new RequireHashesError(`in --require-hashes mode, every requirement needs a --hash; these have none:\n${unhashed.map((r) => `${r.origin}: ${r.requirement.text}`).join('\n')}`);
    }
}
/** Distributions the resolution added that no hashed requirement names (dependencies). */
function checkRequireHashesResolution(inputs, resolution) {
    const named = new Set(inputs.requirements.map((r) => r.requirement.name));
    const missing = resolution.packages.filter((p) => !named.has(p.name) || !hasHash(inputs, p.name));
    if (missing.length > 0) {
        throw new RequireHashesError(`in --require-hashes mode, every distribution needs a pinned requirement with a --hash, and these dependencies have none: ${missing.map((p) => `${p.name}==${p.version} (${p.file.filename}, sha256 ${p.file.sha256})`).join(', ')}`);
    }
}


/***/ }),

/***/ 5123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sQ: () => (/* binding */ RequirementInputError),
  TV: () => (/* binding */ readRequirementInputs)
});

// UNUSED EXPORTS: MAX_REQUIRED_PROJECTS, directUrlFile, inlineRequirements

// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/index/dist-filename-check.ts
var dist_filename_check = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/standards/requirement.ts
var standards_requirement = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/standards/requirements-file-problem.ts
var requirements_file_problem = __webpack_require__(4365);
;// CONCATENATED MODULE: ./src/standards/requirements-file-lines.ts
/**
 * Logical lines of a pip requirements file — pip's "Requirements File Format" reference
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/), sections "Line
 * continuations", "Comments" and "Using environment variables", in the order pip applies them
 * (join continuations, then strip comments and blank lines, then expand `${VAR}`), plus pip's
 * split of a line into its requirement part and its shell-quoted option part.
 *
 * Every character of a logical line keeps the physical line and column it came from, so problems
 * can point into the file as the user sees it even after continuation joins and expansion.
 *
 * Not supported / deviations from pip 23.x:
 * - PEP 263 `# -*- coding: … -*-` declarations (the caller hands us decoded text; a UTF-8 BOM is
 *   dropped).
 * - Only `\n`, `\r\n` and `\r` end lines (Python's `splitlines` also splits on \v, \f, \x1c–\x1e,
 *   \x85, U+2028 and U+2029).
 * - A continuation removes exactly one trailing backslash (pip strips every leading and trailing
 *   backslash of the continued line).
 * - The requirement part ends at the first whitespace-preceded token starting with `-`; pip
 *   splits on single spaces only, so a tab before an option is a separator here.
 */
function rawAt(line, textIndex) {
    return line.rawIndex === undefined ? textIndex : (line.rawIndex[textIndex] ?? line.raw.length);
}
function positionInRuns(runs, index, fallbackLine) {
    let lo = 0;
    let hi = runs.length - 1;
    if (hi < 0)
        return { line: fallbackLine, column: 1 };
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (runs[mid].at <= index)
            lo = mid;
        else
            hi = mid - 1;
    }
    const run = runs[lo];
    return { line: run.line, column: run.column + Math.max(0, index - run.at) };
}
/** The physical position of offset `offset` of a logical line's expanded `text`. */
function positionOf(line, offset) {
    const clamped = Math.max(0, Math.min(offset, line.text.length));
    return positionInRuns(line.runs, line.rawStart + rawAt(line, clamped), line.line);
}
/** The unexpanded text behind the range [start, end) of a logical line's expanded `text`. */
function rawTextOf(line, start, end) {
    const a = rawAt(line, Math.max(0, Math.min(start, line.text.length)));
    const endClamped = Math.max(0, Math.min(end, line.text.length));
    // A range ending inside an expanded value ends after the whole `${NAME}` in raw.
    let b = rawAt(line, endClamped);
    if (endClamped > 0 && endClamped < line.text.length) {
        const last = rawAt(line, endClamped - 1);
        if (last === b)
            b = closeOfVariable(line.raw, b);
    }
    return line.raw.slice(a, Math.max(a, b));
}
function closeOfVariable(raw, start) {
    if (raw.startsWith('${', start)) {
        const close = raw.indexOf('}', start);
        if (close >= 0)
            return close + 1;
    }
    return start + 1;
}
/** Physical lines as pip's `str.splitlines` sees them for ordinary files. */
function* physicalLines(content) {
    const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
    const ends = /\r\n|\r|\n/g;
    let at = 0;
    for (let m = ends.exec(text); m !== null; m = ends.exec(text)) {
        yield text.slice(at, m.index);
        at = m.index + m[0].length;
    }
    // A final newline does not start another line.
    if (at < text.length)
        yield text.slice(at);
}
/**
 * pip's join: a line ending in `\` continues on the next one, except a comment line (one
 * whose first non-blank character is `#`), which never continues; a comment line inside a
 * continuation gets a leading space so it is still seen as a comment after joining.
 */
function* joinContinuations(lines) {
    let pending;
    // One run per appended piece; the position just after a piece continues its run.
    const append = (target, text, lineNo, firstColumn) => {
        target.runs.push({ at: target.chars.length, line: lineNo, column: firstColumn });
        target.chars += text;
    };
    let lineNo = 0;
    for (const physical of lines) {
        lineNo++;
        const isComment = /^\s*#/.test(physical);
        if (!physical.endsWith('\\') || isComment) {
            const target = pending ?? { line: lineNo, chars: '', runs: [] };
            if (isComment && pending)
                append(target, ' ', lineNo, 1);
            append(target, physical, lineNo, 1);
            pending = undefined;
            yield target;
        }
        else {
            pending ??= { line: lineNo, chars: '', runs: [] };
            append(pending, physical.slice(0, -1), lineNo, 1);
        }
    }
    // A file ending inside a continuation: its end position is after the last character, which
    // is where the last run continues to anyway.
    if (pending)
        yield pending;
}
/** Index where a comment starts: a `#` at the start or after whitespace (pip's `(^|\s+)#.*$`). */
function commentStart(text) {
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '#' && (i === 0 || /\s/.test(text[i - 1] ?? '')))
            return i;
    }
    return -1;
}
const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;
/**
 * pip's `${NAME}` expansion: only braces form, NAME of uppercase ASCII letters, digits and `_`
 * (POSIX portable names). A variable that is unset or empty is left as written (pip skips
 * falsy values). Values are not expanded again. `onExpand` sees each value used (the caller treats
 * them as secrets).
 */
function expand(raw, env, onExpand, maxChars = Infinity) {
    // Nothing to expand (nearly every line): text and raw are the same, no index map needed.
    if (!raw.includes('${'))
        return { text: raw };
    // The expanded length first, without building anything: a few KB of `${BIG}` must not become
    // gigabytes before the line limit refuses it.
    let length = raw.length;
    for (const match of raw.matchAll(ENV_VAR)) {
        const value = env[match[1] ?? ''];
        if (value)
            length += value.length - match[0].length;
        if (length > maxChars)
            return { text: raw, expandedOver: length };
    }
    let text = '';
    const rawIndex = [];
    let last = 0;
    const copy = (from, to) => {
        for (let i = from; i < to; i++) {
            text += raw[i];
            rawIndex.push(i);
        }
    };
    for (const match of raw.matchAll(ENV_VAR)) {
        const name = match[1] ?? '';
        const value = env[name];
        if (!value)
            continue;
        onExpand?.(value);
        copy(last, match.index);
        for (const ch of value) {
            text += ch;
            for (let k = 0; k < ch.length; k++)
                rawIndex.push(match.index);
        }
        last = match.index + match[0].length;
    }
    copy(last, raw.length);
    rawIndex.push(raw.length);
    return { text, rawIndex };
}
/** Splits file content into pip's logical lines; blank and comment-only lines are dropped. */
function logicalLines(content, env = {}, onExpand) {
    return [...eachLogicalLine(content, env, onExpand)];
}
/** `logicalLines` one at a time: a large file never holds all its lines as objects at once. */
function* eachLogicalLine(content, env = {}, onExpand, 
/** Longest expanded line to build (see LogicalLine.expandedOver). */
maxChars = Infinity) {
    for (const joined of joinContinuations(physicalLines(content))) {
        const hash = commentStart(joined.chars);
        const uncommented = hash >= 0 ? joined.chars.slice(0, hash) : joined.chars;
        const start = uncommented.length - uncommented.trimStart().length;
        const raw = uncommented.trim();
        if (raw === '')
            continue;
        const { text, rawIndex, expandedOver } = expand(raw, env, onExpand, maxChars);
        yield {
            line: joined.line,
            text,
            raw,
            ...(rawIndex !== undefined ? { rawIndex } : {}),
            ...(expandedOver !== undefined ? { expandedOver } : {}),
            rawStart: start,
            runs: joined.runs,
        };
    }
}
/**
 * pip's `break_args_options`: the requirement (args) part runs up to the first word that starts
 * with `-`; everything from there on is options. Returns the args text (trimmed) and the offset
 * where options begin (`text.length` when there are none).
 */
function splitArgsAndOptions(text) {
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '-' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
            return { args: text.slice(0, i).trimEnd(), optionsStart: i };
        }
    }
    return { args: text.trimEnd(), optionsStart: text.length };
}
class ShellSplitError extends Error {
    input;
    offset;
    constructor(input, offset) {
        super(`no closing quotation in ${JSON.stringify(input)}`);
        this.input = input;
        this.offset = offset;
        this.name = 'ShellSplitError';
    }
}
/**
 * POSIX shell word splitting as Python's `shlex.split` does it (pip shlex-splits the option
 * part): whitespace separates words, '…' is literal, "…" allows `\` before `\ " $ \``, and a
 * backslash outside quotes takes the next character literally. Offsets are relative to
 * `text`, starting the scan at `from`.
 */
function shellWords(text, from = 0) {
    const words = [];
    let i = from;
    while (i < text.length) {
        while (i < text.length && /\s/.test(text[i] ?? ''))
            i++;
        if (i >= text.length)
            break;
        const start = i;
        let value = '';
        let strayEscape;
        while (i < text.length && !/\s/.test(text[i] ?? '')) {
            const ch = text[i] ?? '';
            if (ch === "'") {
                const close = text.indexOf("'", i + 1);
                if (close < 0)
                    throw new ShellSplitError(text.slice(from), i);
                value += text.slice(i + 1, close);
                i = close + 1;
            }
            else if (ch === '"') {
                let j = i + 1;
                for (;;) {
                    if (j >= text.length)
                        throw new ShellSplitError(text.slice(from), i);
                    const c = text[j] ?? '';
                    if (c === '"')
                        break;
                    if (c === '\\' && j + 1 < text.length && '\\"$`'.includes(text[j + 1] ?? '')) {
                        value += text[j + 1];
                        j += 2;
                    }
                    else {
                        value += c;
                        j += 1;
                    }
                }
                i = j + 1;
            }
            else if (ch === '\\' && i + 1 < text.length) {
                if (strayEscape === undefined && !/[\s'"\\]/.test(text[i + 1] ?? ''))
                    strayEscape = i;
                value += text[i + 1];
                i += 2;
            }
            else {
                value += ch;
                i += 1;
            }
        }
        words.push(strayEscape === undefined ? { value, start, end: i } : { value, start, end: i, strayEscape });
    }
    return words;
}

// EXTERNAL MODULE: ./src/standards/requirements-file-options.ts
var requirements_file_options = __webpack_require__(1548);
// EXTERNAL MODULE: ./src/standards/filenames.ts
var filenames = __webpack_require__(1728);
// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
;// CONCATENATED MODULE: ./src/standards/requirements-file-targets.ts
/**
 * What the requirement part of a requirements-file line names, and where included files live —
 * pip's "Requirements File Format" reference ("Structure": `<requirement specifier>`,
 * `<archive url/path>`, `[-e] <local project path>`, `[-e] <vcs project url>`) with the
 * classification rules of pip 23.x `parse_req_from_line` (`is_url`, `_looks_like_path`,
 * `is_archive_file`, the `"; "` marker separator after a URL) and nested-file joining of
 * `RequirementsFileParser` (`os.path.join(os.path.dirname(including), target)`).
 *
 * Pure string logic, no file system: pip also checks whether a path-looking argument exists;
 * here anything that looks like a path (has a `/` or `\`, starts with `.`, or ends in an archive
 * extension) is a local path and is returned to the caller, never parsed as a name.
 * Not supported: requirements files fetched from URLs (reported as problems by the caller).
 */


// pip's is_url: the scheme before the first ':' is http, https, file, ftp or a VCS scheme.
const VCS_SCHEMES = new Set([
    ['bzr', ['http', 'https', 'ssh', 'sftp', 'ftp', 'lp', 'file']],
    ['git', ['http', 'https', 'ssh', 'git', 'file']],
    ['hg', ['file', 'http', 'https', 'ssh', 'static-http']],
    ['svn', ['ssh', 'http', 'https', 'svn', 'file']],
].flatMap(([vcs, transports]) => transports.map((t) => `${vcs}+${t}`)));
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
/** pip's `is_url`: true when the text before the first `:` is a known URL scheme. */
function isUrl(text) {
    const colon = text.indexOf(':');
    if (colon < 0)
        return false;
    return URL_SCHEMES.has(text.slice(0, colon).toLowerCase());
}
/** pip's `_looks_like_path`: contains a path separator (either OS's) or starts with `.`. */
function looksLikePath(text) {
    return text.includes('/') || text.includes('\\') || text.startsWith('.');
}
// pip's ARCHIVE_EXTENSIONS (zip, bz2, tar, xz families).
const ARCHIVE_EXTENSIONS = [
    '.zip',
    '.whl',
    '.tar.bz2',
    '.tbz',
    '.tar.gz',
    '.tgz',
    '.tar',
    '.tar.xz',
    '.txz',
    '.tlz',
    '.tar.lz',
    '.tar.lzma',
];
/** pip's `is_archive_file` by name: ends with one of pip's archive extensions. */
function isArchiveName(text) {
    const lower = text.toLowerCase();
    return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
/**
 * Classifies the requirement part of a line as pip does: a URL (scheme per `is_url`; its marker
 * follows `"; "`), a local path (looks like a path or an archive file name, unless it is
 * `name @ …` with a name that does not look like a path), or a PEP 508 requirement.
 */
function classifyTarget(text) {
    if (isUrl(text)) {
        const sep = text.indexOf('; ');
        if (sep < 0)
            return { kind: 'url', url: text.trim() };
        const markerText = text.slice(sep + 1);
        const markerStart = sep + 1 + (markerText.length - markerText.trimStart().length);
        const marker = markerText.trim();
        return marker === ''
            ? { kind: 'url', url: text.slice(0, sep).trim() }
            : { kind: 'url', url: text.slice(0, sep).trim(), marker, markerStart };
    }
    const semicolon = text.indexOf(';');
    const beforeMarker = (semicolon >= 0 ? text.slice(0, semicolon) : text).trim();
    const withoutExtras = beforeMarker.replace(/\[[^\]]+\]$/, '');
    const at = withoutExtras.indexOf('@');
    if (at >= 0 && !looksLikePath(withoutExtras.slice(0, at)))
        return { kind: 'requirement' };
    if (looksLikePath(withoutExtras) || isArchiveName(withoutExtras))
        return { kind: 'path', path: beforeMarker };
    return { kind: 'requirement' };
}
/**
 * The project name a URL names, as pip derives it: from a wheel file name (PEP 427, parsed by
 * filenames.ts; an invalid wheel name is an error, as pip's InvalidWheelFilename) or else from an
 * `#egg=name` fragment. Otherwise the reason the name is unknown.
 */
function projectNameFromUrl(url) {
    const hashAt = url.indexOf('#');
    const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : '';
    const beforeFragment = hashAt >= 0 ? url.slice(0, hashAt) : url;
    const queryAt = beforeFragment.indexOf('?');
    const path = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;
    let file = path.slice(path.lastIndexOf('/') + 1);
    try {
        file = decodeURIComponent(file);
    }
    catch {
        // A malformed escape leaves the name as written.
    }
    if (file.toLowerCase().endsWith('.whl')) {
        try {
            return { name: (0,filenames/* parseWheelFilename */.eP)(file).rawName };
        }
        catch (error) {
            if (error instanceof filenames/* InvalidFilenameError */.di)
                return { reason: error.message };
            throw error;
        }
    }
    for (const piece of fragment.split('&')) {
        if (piece.startsWith('egg=')) {
            const name = piece.slice(4);
            if ((0,names/* isValidName */.uV)(name))
                return { name };
            return { reason: `invalid project name ${JSON.stringify(name)} in #egg= fragment` };
        }
    }
    return { reason: 'the project name is unknown (not a wheel file name and no #egg= fragment)' };
}
/**
 * The PEP 508 form `name @ url ; marker` of a bare URL line, and a map from offsets in that
 * text back to offsets in the line's requirement part (the inserted `name @ ` maps to 0).
 */
function urlRequirement(target, name) {
    const prefix = `${name} @ `;
    const markerAt = prefix.length + target.url.length + 3;
    const text = `${prefix}${target.url}${target.marker ? ` ; ${target.marker}` : ''}`;
    const offsetMap = (offset) => {
        if (offset < prefix.length)
            return 0;
        if (offset < markerAt || target.markerStart === undefined)
            return Math.min(offset - prefix.length, target.url.length);
        return target.markerStart + (offset - markerAt);
    };
    return { text, offsetMap };
}
/** True for a path that does not depend on the including file's directory. */
function isAbsolutePath(path) {
    return /^[\\/]/.test(path) || /^[A-Za-z]:[\\/]/.test(path);
}
/** True when an include target is a URL with `scheme://` (requirements files over HTTP etc.). */
function isRemoteFile(path) {
    return /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(path);
}
// A UNC prefix `\\server\share` (Windows' `ntpath.splitdrive`): two leading separators, at least
// one of them a backslash (a POSIX `//x` is the same as `/x`, so it stays a plain root), then the
// server and share names.
const UNC_ROOT = /^(?:\\\\|\\\/|\/\\)([^\\/]+)[\\/]([^\\/]+)(?:[\\/]|$)/;
/**
 * Normalizes `.` and `..` segments, keeping the root (`/`, `\`, `C:\`, `\\server\share\`) and a
 * relative path's leading `..`s; `..` never climbs above a root or a UNC share. The separator is
 * the one the path is written with (`\` only when it has no `/`).
 */
function normalizePath(path) {
    const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
    const unc = UNC_ROOT.exec(path);
    let root;
    let rest;
    if (unc !== null) {
        root = `${sep}${sep}${unc[1]}${sep}${unc[2]}${sep}`;
        rest = path.slice(unc[0].length);
    }
    else {
        root = /^[A-Za-z]:[\\/]/.test(path) ? path.slice(0, 2) + sep : /^[\\/]/.test(path) ? sep : '';
        rest = path.slice(root.length);
    }
    const segments = [];
    for (const segment of rest.split(/[\\/]/)) {
        if (segment === '' || segment === '.')
            continue;
        if (segment === '..') {
            const last = segments.at(-1);
            if (last !== undefined && last !== '..')
                segments.pop();
            else if (root === '')
                segments.push('..');
            continue;
        }
        segments.push(segment);
    }
    const joined = root + segments.join(sep);
    return joined === '' ? '.' : joined;
}
/** Where `-r target` written in file `including` points: relative to the including file's directory. */
function resolveIncluded(including, target) {
    if (isAbsolutePath(target))
        return normalizePath(target);
    const cut = Math.max(including.lastIndexOf('/'), including.lastIndexOf('\\'));
    const dir = cut >= 0 ? including.slice(0, cut + 1) : '';
    return normalizePath(dir + target);
}
/** True when a path's text shows it is a Windows path: a drive letter, a UNC prefix or a backslash. */
function looksLikeWindowsPath(path) {
    return /^[A-Za-z]:/.test(path) || UNC_ROOT.test(path) || path.includes('\\');
}
/**
 * A key that identifies a file for cycle detection whichever separators were used. Windows file
 * systems compare names case-insensitively, so a path that looks like a Windows path (this module
 * does no I/O and cannot ask the platform) gets a lower-cased key; other paths stay case-sensitive.
 */
function fileKey(path) {
    const key = normalizePath(path).replace(/\\/g, '/');
    return looksLikeWindowsPath(path) ? key.toLowerCase() : key;
}

;// CONCATENATED MODULE: ./src/standards/requirements-file-reader.ts
/**
 * Reading one pip requirements file and its includes (pip's "Requirements File Format"
 * reference, https://pip.pypa.io/en/stable/reference/requirements-file-format/): the line-by-line
 * parser behind requirements-file.ts, which documents the behaviour and deliberate deviations
 * from pip. Every problem is collected with its file, line, column and (redacted) text.
 */





/** The `--hash`/`-C`/`--global-option` list of a line that gives none. */
const NO_VALUES = Object.freeze([]);
/** Why a file could not be read, without the path the error message repeats (the caller names it). */
function readFailureReason(error) {
    // Errors may come from another realm (node:fs under a VM), so no instanceof here.
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const known = {
        ENOENT: 'no such file or directory',
        EACCES: 'permission denied',
        EPERM: 'permission denied',
        EISDIR: 'it is a directory',
        ENOTDIR: 'a parent is not a directory',
    };
    if (known[code] !== undefined)
        return known[code];
    const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    return message.replace(/, (open|read|stat) '.*'$/, '');
}
class FileReader {
    io;
    env;
    limits;
    onExpand;
    problems = [];
    files = [];
    result = {
        requirements: [],
        constraints: [],
        editables: [],
        localPaths: [],
        options: (0,requirements_file_options/* defaultOptions */.KQ)(),
    };
    contents = new Map();
    /** `fileKey` + mode of every file parsed, so each is parsed once per mode. */
    parsed = new Set();
    totalChars = 0;
    constructor(io, env, limits, onExpand) {
        this.io = io;
        this.env = env;
        this.limits = limits;
        this.onExpand = onExpand;
    }
    /** A problem about a whole file: at the include line that named it, else the file itself. */
    fileProblem(path, message, from) {
        if (from)
            this.problem(from.file, from.line, from.word.start, from.word.end, message);
        else
            this.problems.push({ file: path, line: 0, column: 0, message: (0,requirements_file_problem/* redactCredentials */.UY)(message), text: path });
    }
    /** Records a problem quoting text [start, end) of the line, located at offset `at` (default start). */
    problem(file, line, start, end, message, at = start) {
        const pos = positionOf(line, at);
        this.problems.push({
            file,
            line: pos.line,
            column: pos.column,
            message: (0,requirements_file_problem/* redactCredentials */.UY)(message),
            text: (0,requirements_file_problem/* redactCredentials */.UY)(rawTextOf(line, start, end)),
        });
    }
    read(path) {
        const key = fileKey(path);
        let content = this.contents.get(key);
        if (!content) {
            content = this.io.readFile(path, this.limits.fileChars);
            this.contents.set(key, content);
        }
        return content;
    }
    async parseFile(path, constraint, include, from) {
        const mode = `${fileKey(path)}\u0000${constraint ? 'c' : 'r'}`;
        // Included before in this mode: everything it says is already in the result.
        if (this.parsed.has(mode))
            return;
        const isNew = !this.contents.has(fileKey(path));
        if (isNew && this.contents.size >= this.limits.files) {
            this.fileProblem(path, `not read: the include tree reads more than ${this.limits.files} requirements files`, from);
            return;
        }
        this.parsed.add(mode);
        let content;
        try {
            content = await this.read(path);
        }
        catch (error) {
            const reason = readFailureReason(error);
            // The path is named once: by the including line's text, or as the problem's file.
            if (from) {
                const shown = from.word.value === path ? '' : ` (looked for ${JSON.stringify(path)})`;
                const message = `cannot read included file (${reason})${shown}`;
                this.problem(from.file, from.line, from.word.start, from.word.end, message);
            }
            else
                this.problems.push({
                    file: path,
                    line: 0,
                    column: 0,
                    message: (0,requirements_file_problem/* redactCredentials */.UY)(`cannot read requirements file (${reason})`),
                    text: '',
                });
            return;
        }
        if (content.length > this.limits.fileChars) {
            this.fileProblem(path, `requirements file ${JSON.stringify(path)} has ${content.length} characters, over the ${this.limits.fileChars} limit`, from);
            return;
        }
        if (isNew) {
            this.totalChars += content.length;
            if (this.totalChars > this.limits.totalChars) {
                this.fileProblem(path, `not read: the requirements files read so far hold more than ${this.limits.totalChars} characters`, from);
                return;
            }
        }
        if (isNew || !this.files.some((f) => fileKey(f) === fileKey(path)))
            this.files.push(path);
        const chain = { chain: [...include.chain, fileKey(path)], shown: [...include.shown, path] };
        for (const line of eachLogicalLine(content, this.env, this.onExpand, this.limits.lineChars)) {
            if (line.expandedOver !== undefined ||
                line.text.length > this.limits.lineChars ||
                line.raw.length > this.limits.lineChars) {
                const pos = positionOf(line, 0);
                this.problems.push({
                    file: path,
                    line: pos.line,
                    column: pos.column,
                    message: line.expandedOver !== undefined && line.raw.length <= this.limits.lineChars
                        ? `line of more than ${this.limits.lineChars} characters once its \${VAR}s are expanded, over the limit`
                        : `line of ${Math.max(line.text.length, line.raw.length)} characters, over the ${this.limits.lineChars} limit`,
                    text: (0,requirements_file_problem/* redactCredentials */.UY)(line.raw.slice(0, 60)) + '…',
                });
                continue;
            }
            await this.parseLine(path, line, constraint, chain);
        }
    }
    async parseLine(file, line, constraint, include) {
        const { args, optionsStart } = splitArgsAndOptions(line.text);
        let words;
        try {
            words = shellWords(line.text, optionsStart);
        }
        catch (error) {
            if (!(error instanceof ShellSplitError))
                throw error;
            this.problem(file, line, error.offset, line.text.length, 'no closing quotation in options');
            return;
        }
        const stray = words.filter((w) => w.strayEscape !== undefined);
        for (const word of stray) {
            const message = `a backslash outside quotes is an escape, so pip reads ${JSON.stringify(word.value)}; use / or quote the value`;
            this.problem(file, line, word.start, word.end, message);
        }
        if (stray.length > 0)
            return;
        const parsed = (0,requirements_file_options/* parseOptionWords */.mB)(words);
        for (const p of parsed.problems)
            this.problem(file, line, p.start, p.end, p.message);
        if (args !== '') {
            this.requirementLine(file, line, args, parsed.options, constraint, parsed.problems.length === 0);
            return;
        }
        await this.optionLine(file, line, parsed.options, constraint, include);
    }
    async optionLine(file, line, options, constraint, include) {
        const lineScoped = options.filter((o) => o.spec.scope === 'line');
        for (const o of options) {
            if (o.spec.scope === 'requirement')
                this.problem(file, line, o.start, o.end, `--${o.spec.name} needs a requirement on the same line`);
        }
        const exclusive = lineScoped.filter((o) => ['requirement', 'constraint', 'editable'].includes(o.spec.name));
        const first = exclusive[0];
        if (first && lineScoped.length > 1) {
            const label = first.spec.short ? `-${first.spec.short}` : `--${first.spec.name}`;
            this.problem(file, line, 0, line.text.length, `${label} must be the only option on its line`);
            return;
        }
        if (first?.spec.name === 'editable') {
            if (constraint) {
                this.problem(file, line, first.start, first.end, 'editable requirements are not allowed as constraints');
                return;
            }
            if (first.value === '') {
                this.problem(file, line, first.start, first.end, '-e needs a path or URL');
                return;
            }
            const source = this.source(file, line, 0);
            this.result.editables.push({ text: first.value, source, constraint, hashes: [] });
            return;
        }
        if (first) {
            await this.include(file, line, first, constraint, include);
            return;
        }
        const lineOptions = [];
        for (const option of lineScoped) {
            lineOptions.push(option.spec.name === 'find-links'
                ? { ...option, value: await this.findLinksOf(file, option.value) }
                : option);
        }
        for (const p of (0,requirements_file_options/* applyLineOptions */.Ry)(this.result.options, lineOptions)) {
            this.problem(file, line, p.option.valueStart, p.option.valueEnd, p.message);
        }
    }
    /**
     * pip's `handle_option_line`: a `-f` value joined to the requirements file's directory is used
     * when something exists there (a path relative to the file), else the value as written.
     */
    async findLinksOf(file, value) {
        if (this.io.existingPath === undefined || value === '' || isRemoteFile(file))
            return value;
        return (await this.io.existingPath(resolveIncluded(file, value))) ?? value;
    }
    async include(file, line, option, constraint, include) {
        const word = { value: option.value, start: option.valueStart, end: option.valueEnd };
        if (option.value === '') {
            this.problem(file, line, option.start, option.end, `-${option.spec.short ?? ''} needs a file name`);
            return;
        }
        if (isRemoteFile(option.value)) {
            this.problem(file, line, word.start, word.end, 'requirements files from URLs are not supported');
            return;
        }
        const target = resolveIncluded(file, option.value);
        const key = fileKey(target);
        const cycleAt = include.chain.indexOf(key);
        if (cycleAt >= 0) {
            const loop = [...include.shown.slice(cycleAt), target].join(' -> ');
            this.problem(file, line, word.start, word.end, `include cycle: ${loop}`);
            return;
        }
        const nestedConstraint = constraint || option.spec.name === 'constraint';
        await this.parseFile(target, nestedConstraint, include, { line, word, file });
    }
    source(file, line, offset) {
        const at = positionOf(line, offset);
        return { file, line: at.line, column: at.column };
    }
    requirementLine(file, line, args, options, constraint, optionsOk) {
        const hashes = [];
        const configSettings = [];
        const globalOptions = [];
        let ok = optionsOk;
        for (const o of options) {
            if (o.spec.scope === 'line') {
                const label = o.spec.short ? `-${o.spec.short}` : `--${o.spec.name}`;
                this.problem(file, line, o.start, o.end, `${label} cannot follow a requirement; put it on its own line`);
                ok = false;
            }
            else if (o.spec.name === 'hash') {
                const checked = (0,requirements_file_options/* checkHash */.PA)(o.value);
                if ('hash' in checked)
                    hashes.push(checked.hash);
                else {
                    this.problem(file, line, o.valueStart, o.valueEnd, checked.message);
                    ok = false;
                }
            }
            else if (o.spec.name === 'config-settings') {
                if (o.value.includes('='))
                    configSettings.push(o.value);
                else {
                    this.problem(file, line, o.valueStart, o.valueEnd, '--config-settings must be KEY=VALUE');
                    ok = false;
                }
            }
            else {
                globalOptions.push(o.value);
            }
        }
        const source = this.source(file, line, 0);
        const target = classifyTarget(args);
        if (target.kind === 'path') {
            if (!ok)
                return;
            this.result.localPaths.push({ text: args, source, constraint, hashes });
            return;
        }
        let text = args;
        let offsetMap = (column) => column;
        if (target.kind === 'url') {
            if (target.url.toLowerCase().startsWith('file:')) {
                if (ok)
                    this.result.localPaths.push({ text: args, source, constraint, hashes });
                return;
            }
            const derived = projectNameFromUrl(target.url);
            if ('reason' in derived) {
                this.problem(file, line, 0, target.url.length, `cannot tell which project this URL is: ${derived.reason}; write it as "name @ URL"`);
                return;
            }
            ({ text, offsetMap } = urlRequirement(target, derived.name));
        }
        let requirement;
        try {
            requirement = (0,standards_requirement/* parseRequirement */.pP)(text);
        }
        catch (error) {
            if (!(error instanceof standards_requirement/* InvalidRequirementError */.Zj))
                throw error;
            const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : error.message;
            this.problem(file, line, 0, args.length, `invalid requirement (${reason})`, offsetMap(error.column));
            return;
        }
        if (constraint && requirement.extras.length > 0) {
            this.problem(file, line, 0, args.length, 'constraints cannot have extras');
            return;
        }
        if (!ok)
            return;
        // Lines without options (nearly all) share one frozen empty list rather than three `[]` each.
        const entry = {
            requirement,
            hashes: hashes.length > 0 ? hashes : NO_VALUES,
            configSettings: configSettings.length > 0 ? configSettings : NO_VALUES,
            globalOptions: globalOptions.length > 0 ? globalOptions : NO_VALUES,
            source,
        };
        (constraint ? this.result.constraints : this.result.requirements).push(entry);
    }
}

;// CONCATENATED MODULE: ./src/standards/requirements-file-types.ts
/**
 * The shapes a parsed pip requirements file takes (pip's "Requirements File Format" reference,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/) and the bounds on what
 * reading one may cost. The parsing itself is in requirements-file-reader.ts; the entry points in
 * requirements-file.ts.
 */
/**
 * Bounds on what requirement files may cost, whatever they hold (docs/reliability.md): each file,
 * each logical line, all files together, and how many files an include tree may read. Every
 * file is parsed once per mode (requirements / constraints) however often it is included, so
 * a fan-out of includes (each file including all the next ones) costs each file once.
 */
const REQUIREMENTS_FILE_LIMITS = {
    /** Characters of one file. */
    fileChars: 16 * 1024 * 1024,
    /** Characters of one logical line (after joining continuations). */
    lineChars: 1024 * 1024,
    /** Characters of all files read for one parse. */
    totalChars: 64 * 1024 * 1024,
    /** Files read for one parse. */
    files: 1000,
};

// EXTERNAL MODULE: ./src/standards/requirements-file-binary.ts
var requirements_file_binary = __webpack_require__(3437);
;// CONCATENATED MODULE: ./src/standards/requirements-file.ts
/**
 * pip requirements files — pip's "Requirements File Format" reference
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/): requirement lines
 * (PEP 508 via requirement.ts) with per-requirement options (`--hash`, `--config-settings`,
 * `--global-option`), global option lines, `-r/--requirement` and `-c/--constraint` includes
 * resolved relative to the including file, `-e/--editable` lines, local paths and bare URLs.
 * The parser is requirements-file-reader.ts, the result shapes and size limits
 * requirements-file-types.ts; lines, comments, continuations and `${VAR}` are in
 * requirements-file-lines.ts, options in
 * requirements-file-options.ts, path/URL classification in requirements-file-targets.ts.
 *
 * File reading is injected; nothing here touches the file system. Every problem of every file
 * is collected with its file, line, column and text and thrown together as one
 * RequirementsFileError.
 *
 * Deliberate deviations from pip 23.x, all to avoid silently dropping what a file says:
 * - pip ignores global options written after a requirement, options after `-r`/`-c`/`-e` on the
 *   same line, `--hash` on a line without a requirement, extra `-f` values of one line and
 *   non-option words after options: here each is a problem (or, for `-f`, kept).
 * - Everything included from a constraints file is a constraint, also via `-r` (pip would read
 *   a `-r` inside a constraints file as requirements).
 * - `--config-settings` and `--global-option` are kept on the requirement line (pip 23.2's
 *   per-requirement options besides `--hash`): they reach that project's build when it resolves to
 *   an sdist (src/build/build-wheel.ts), as pip's do.
 * - A file included more than once (in the same role: requirements or constraints) is parsed
 *   once; pip parses it at every include, repeating identical lines, and a fan-out of includes
 *   (each file including every later one) would cost 2^n parses. Sizes are bounded
 *   (REQUIREMENTS_FILE_LIMITS), with problems naming the file and line.
 * - Editables and local paths are returned, not installed; requirements files over HTTP are not
 *   supported; pip's constraint-form checks (no editables, no extras) are problems here.
 */






/**
 * Reads a requirements file and everything it includes, collecting problems instead of throwing:
 * the result holds everything that parsed, `problems` everything that did not (in file order,
 * includes at the point they are included).
 */
async function collectRequirementsFile(path, io, options = {}) {
    const reader = new FileReader(io, options.env ?? {}, { ...REQUIREMENTS_FILE_LIMITS, ...options.limits }, options.onExpand);
    await reader.parseFile(path, false, { chain: [], shown: [] });
    return { result: { ...reader.result, files: reader.files }, problems: reader.problems };
}
/**
 * Reads a requirements file and everything it includes. Throws RequirementsFileError listing
 * every problem found in every file; otherwise returns requirements, constraints, editables,
 * local paths and the finder options, all with their sources.
 */
async function parseRequirementsFile(path, io, options = {}) {
    const { result, problems } = await collectRequirementsFile(path, io, options);
    if (problems.length > 0)
        throw new requirements_file_problem/* RequirementsFileError */.N9(problems);
    return result;
}

// EXTERNAL MODULE: ./src/provider/project-inputs.ts + 1 modules
var project_inputs = __webpack_require__(2214);
;// CONCATENATED MODULE: ./src/provider/requirement-inputs.ts









/** pip's VCS requirement URLs (`git+https://…`, `hg+ssh://…`, …): a checkout, not a file. */
const VCS_URL = /^(git|hg|svn|bzr)\+/i;
/**
 * Most distinct projects the requirements may name (issue 10 §2). Each is a project page request
 * (on every index) and a node of the resolution, all asked for at once; 100,000 names took 14 s and
 * 1.1 GB before any answer. Far above real requirement sets (a few hundred to a few thousand);
 * the index client bounds the projects a whole resolution may look up the same way (index-client.ts).
 */
const MAX_REQUIRED_PROJECTS = 10_000;
class RequirementInputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RequirementInputError';
    }
}
function originOf(line) {
    return `${line.source.file}:${line.source.line}`;
}
/**
 * A DistFile for `name @ url`; the file name is the URL's last path segment, a `#sha256=` (or
 * sha384/sha512) fragment is its declared hash. The requirement's `--hash` pins are NOT declared
 * hashes of the file: they are checked as for any other file (hash-pins.ts). A file without a
 * declared hash is downloaded during resolution and its sha256 must be one of the pins (every pin,
 * not just the first — pip accepts any of several `--hash` values); with only sha384/sha512 pins it
 * cannot be checked (only sha256 is computed) and is refused with that reason, never accepted.
 */
function directUrlFile(name, url) {
    const parsed = new URL(url);
    const filename = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
    const hashes = {};
    const fragment = /^#(sha256|sha384|sha512)=([0-9a-fA-F]+)$/.exec(parsed.hash);
    if (fragment !== null)
        hashes[fragment[1]] = fragment[2].toLowerCase();
    const clean = new URL(url);
    clean.hash = '';
    return {
        project: name,
        filename,
        url: clean.href,
        redactedUrl: (0,redact/* redactUrl */.BO)(clean.href),
        hashes,
        yanked: false,
        coreMetadata: false,
        source: (0,redact/* redactUrl */.BO)(clean.href),
    };
}
/**
 * Merges the finder options of several files the way pip applies later lines over earlier ones
 * (pip parses the files one after another into one finder, req_file.py `handle_option_line`): a
 * later file's `--no-index` drops every index, its `-i` replaces the index list so far (earlier
 * files' extra index URLs too), and the binary values are replayed in order.
 */
function mergeOptions(into, from) {
    if (from.noIndex || into.noIndex) {
        into.noIndex = true;
        into.indexUrl = undefined;
        into.extraIndexUrls = [];
    }
    else if (from.indexUrl !== undefined) {
        into.indexUrl = from.indexUrl;
        into.extraIndexUrls = [...from.extraIndexUrls];
    }
    else {
        for (const u of from.extraIndexUrls)
            if (!into.extraIndexUrls.includes(u))
                into.extraIndexUrls.push(u);
    }
    for (const u of from.findLinks)
        if (!into.findLinks.includes(u))
            into.findLinks.push(u);
    into.pre ||= from.pre;
    into.preferBinary ||= from.preferBinary;
    into.requireHashes ||= from.requireHashes;
    for (const v of from.binaryValues) {
        into.binaryValues.push(v);
        (0,requirements_file_binary/* applyBinaryOption */.tv)(v.option, v.value, into);
    }
    for (const h of from.trustedHosts)
        if (!into.trustedHosts.includes(h))
            into.trustedHosts.push(h);
}
/**
 * The inputs' URL secrets (userinfo, query values, token-like path segments) are the run's before
 * anything is shown: every requirement's direct URL — a pyproject.toml's and a local project's too,
 * not only a requirements file's (review 1 s11 #14) — and, when reading fails, every URL its error
 * quotes (a wrong line is shown in it, #2). Only what the inputs use or quote is registered, never
 * a comment's or a project's homepage URL (they would mask public URLs in the outputs).
 */
async function readRequirementInputs(files, constraintFiles, io, env = {}, selection = project_inputs/* NO_SELECTION */.dn) {
    try {
        const inputs = await readInputs(files, constraintFiles, io, env, selection);
        for (const r of [...inputs.requirements, ...inputs.constraints])
            if (r.requirement.url !== undefined)
                (0,redact/* registerUrlSecrets */.AI)(r.requirement.url);
        return inputs;
    }
    catch (error) {
        const quoted = [
            error instanceof Error ? error.message : String(error),
            ...(error instanceof requirements_file_problem/* RequirementsFileError */.N9 ? error.problems.map((p) => p.text) : []),
        ];
        for (const text of quoted)
            for (const url of (0,redact/* urlsInText */.Jv)(text))
                (0,redact/* registerUrlSecrets */.AI)(url);
        throw error;
    }
}
async function readInputs(files, constraintFiles, io, env, selection) {
    const out = {
        requirements: [],
        constraints: [],
        hashes: new Map(),
        directFiles: new Map(),
        options: (0,requirements_file_options/* defaultOptions */.KQ)(),
        files: [],
        localProjects: [],
        dynamicProjects: [],
        buildOptions: new Map(),
    };
    const problems = [];
    const pyprojects = [];
    const found = { extras: new Set(), groups: new Set() };
    const takePyproject = async (path) => {
        const read = await (0,project_inputs/* readPyprojectInput */.Ru)(path, io, selection);
        pyprojects.push(path);
        if (!out.files.includes(path))
            out.files.push(path);
        out.requirements.push(...read.requirements);
        if (read.dynamic !== undefined)
            out.dynamicProjects.push(read.dynamic);
        for (const e of read.foundExtras)
            found.extras.add(e);
        for (const g of read.foundGroups)
            found.groups.add(g);
    };
    const takeLocal = async (line, editable) => {
        const what = editable ? 'editable requirement' : 'local path requirement';
        if (line.constraint || isArchiveName(line.text) || (isUrl(line.text) && !/^file:/i.test(line.text))) {
            problems.push(`${line.source.file}:${line.source.line}: ${what} ${line.text} cannot be resolved from an index`);
            return;
        }
        const local = await (0,project_inputs/* readLocalProject */.Rs)(line, editable, io);
        if ('dynamic' in local)
            out.dynamicProjects.push(local.dynamic);
        else {
            out.localProjects.push(local.project);
            out.requirements.push(...local.requirements);
        }
    };
    const take = async (path, asConstraints) => {
        if ((0,project_inputs/* isPyprojectFile */.j9)(path)) {
            if (asConstraints)
                problems.push(`${path}: a pyproject.toml cannot be a constraints file`);
            else
                await takePyproject(path);
            return;
        }
        // `${VAR}` values and the secret parts of every URL the files name are secrets of the run,
        // registered before anything is shown (src/index/redact.ts).
        const result = await parseRequirementsFile(path, io, { env, onExpand: redact/* registerExpansion */.rv });
        for (const u of [
            ...(result.options.indexUrl !== undefined ? [result.options.indexUrl] : []),
            ...result.options.extraIndexUrls,
            ...result.options.findLinks,
        ])
            (0,redact/* registerUrlSecrets */.AI)(u);
        mergeOptions(out.options, result.options);
        out.files.push(...result.files.filter((f) => !out.files.includes(f)));
        for (const e of result.editables)
            await takeLocal(e, true);
        for (const p of result.localPaths)
            await takeLocal(p, false);
        const lines = [
            ...result.requirements.map((l) => ({ l, c: asConstraints })),
            ...result.constraints.map((l) => ({ l, c: true })),
        ];
        for (const { l, c } of lines) {
            const sourced = { requirement: l.requirement, origin: originOf(l) };
            (c ? out.constraints : out.requirements).push(sourced);
            // A constraint's own options build nothing (pip's resolver installs no constraint): only a
            // requirement line's reach a build.
            if (!c && (l.configSettings.length > 0 || l.globalOptions.length > 0)) {
                const options = out.buildOptions.get(l.requirement.name) ?? {
                    configSettings: [],
                    globalOptions: [],
                    origins: [],
                };
                options.configSettings.push(...l.configSettings);
                options.globalOptions.push(...l.globalOptions);
                options.origins.push(originOf(l));
                out.buildOptions.set(l.requirement.name, options);
            }
            if (l.hashes.length > 0) {
                const byAlgo = out.hashes.get(l.requirement.name) ?? new Map();
                for (const h of l.hashes) {
                    const [algo, hex] = h.split(':');
                    const set = byAlgo.get(algo) ?? new Set();
                    set.add(hex.toLowerCase());
                    byAlgo.set(algo, set);
                }
                out.hashes.set(l.requirement.name, byAlgo);
            }
        }
    };
    // pip parses the constraints files first, then the requirement files (req_command.py
    // `get_requirements`): a requirement file's `-i` wins over a constraints file's.
    for (const f of constraintFiles)
        await take(f, true);
    for (const f of files)
        await take(f, false);
    // pip 23.2: a requirement with `--global-option` turns the whole command to `--no-binary :all:`
    // after everything else ("Implying --no-binary=:all: due to the presence of --build-option /
    // --global-option", req_install.py `check_legacy_setup_py_options`): every distribution is built.
    const withGlobal = [...out.buildOptions.values()].find((o) => o.globalOptions.length > 0);
    if (withGlobal !== undefined) {
        out.options.binaryValues.push({ option: 'no-binary', value: ':all:' });
        (0,requirements_file_binary/* applyBinaryOption */.tv)('no-binary', ':all:', out.options);
        out.impliedNoBinary = withGlobal.origins[0] ?? 'a requirement file';
    }
    if (selection.extras.length > 0 || selection.allExtras || selection.groups.length > 0) {
        if (pyprojects.length === 0) {
            problems.push('--extra, --all-extras and --group select from a pyproject.toml (or lock file) input; none was given');
        }
        else
            problems.push(...(0,project_inputs/* unknownSelections */.UM)(selection, pyprojects, found));
    }
    // A requirement on a local project is satisfied by that project, not by an index.
    const local = new Set(out.localProjects.map((p) => p.name));
    out.requirements = out.requirements.filter((r) => !local.has(r.requirement.name));
    const named = new Set();
    for (const r of out.requirements) {
        named.add(r.requirement.name);
        if (named.size > MAX_REQUIRED_PROJECTS) {
            problems.push(`${r.origin}: ${r.requirement.name} is project number ${named.size}: the requirements may name at most ${MAX_REQUIRED_PROJECTS} distinct projects (each is a page request and a node of the resolution)`);
            break;
        }
    }
    for (const r of [...out.requirements, ...out.constraints]) {
        const url = r.requirement.url;
        if (url === undefined)
            continue;
        if (VCS_URL.test(url)) {
            problems.push(`${r.origin}: ${r.requirement.name} @ ${(0,redact/* redactUrl */.BO)(url)}: VCS URLs (git+, hg+, svn+, bzr+) are not supported: wheelhouse resolves from published files; name a wheel or sdist URL, or an index that has the project`);
            continue;
        }
        if (out.constraints.includes(r)) {
            problems.push(`${r.origin}: a constraint cannot be a direct URL: ${(0,redact/* redactUrl */.BO)(url)}`);
            continue;
        }
        const file = directUrlFile(r.requirement.name, url);
        // The file name becomes a path in the wheelhouse: the same safe-name rule as index links.
        const unsafe = (0,dist_filename_check/* unsafeFilenameReason */.Au)(file.filename);
        if (unsafe !== undefined) {
            problems.push(`${r.origin}: the file name ${JSON.stringify(file.filename)} of ${file.redactedUrl} is refused: ${unsafe}`);
            continue;
        }
        const prev = out.directFiles.get(r.requirement.name);
        if (prev !== undefined && prev.url !== file.url) {
            problems.push(`${r.origin}: ${r.requirement.name} is given by two different URLs`);
            continue;
        }
        out.directFiles.set(r.requirement.name, file);
    }
    if (problems.length > 0)
        throw new RequirementInputError(problems.join('\n'));
    return out;
}
/** Requirements given as strings (tests, `packse`), with origins `<label>:<n>`. */
function inlineRequirements(texts, label = '<input>') {
    return texts.map((text, i) => ({ requirement: parseRequirement(text), origin: `${label}:${i + 1}` }));
}


/***/ }),

/***/ 9392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B5: () => (/* binding */ TomlFileError),
/* harmony export */   tT: () => (/* binding */ parseTomlText)
/* harmony export */ });
/* unused harmony export TOML_MAX_DEPTH */
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3292);
/**
 * TOML input files (pyproject.toml, uv.lock, pylock.toml) parsed with smol-toml (TOML 1.0). A syntax
 * error names the file, line and column. Nesting is bounded (hostile input must not exhaust the
 * stack) and `__proto__`-like keys are refused rather than kept on plain objects.
 */

/** Inline arrays/tables nested deeper than this are refused (real files nest 3–4 deep). */
const TOML_MAX_DEPTH = 64;
class TomlFileError extends Error {
    name = 'TomlFileError';
}
function parseTomlText(file, text) {
    try {
        return (0,smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text, { maxDepth: TOML_MAX_DEPTH, unsafeKeyBehaviour: 'throw' });
    }
    catch (error) {
        if (error instanceof smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .TomlError */ .zx) {
            const first = error.message.split('\n')[0] ?? error.message;
            throw new TomlFileError(`${file}:${error.line}:${error.column}: invalid TOML: ${first}`);
        }
        if (error instanceof RangeError)
            throw new TomlFileError(`${file}: invalid TOML: nested too deeply`);
        throw error;
    }
}


/***/ }),

/***/ 1728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VN: () => (/* binding */ wheelTagPartStart),
/* harmony export */   di: () => (/* binding */ InvalidFilenameError),
/* harmony export */   eP: () => (/* binding */ parseWheelFilename),
/* harmony export */   lJ: () => (/* reexport safe */ _tag_js__WEBPACK_IMPORTED_MODULE_2__.lJ),
/* harmony export */   p0: () => (/* binding */ compareBuildTags),
/* harmony export */   sF: () => (/* binding */ parseSdistFilename)
/* harmony export */ });
/* harmony import */ var _util_own_string_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1216);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2830);
/* harmony import */ var _tag_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1778);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7174);
/**
 * Distribution file names.
 *
 * Wheels — PEP 427 "File name convention" as maintained in the binary distribution format
 * specification (packaging.python.org/specifications/binary-distribution-format/, "File name
 * convention" and "Escaping and Unicode"):
 *   {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
 * The name has `-` escaped (runs of `-_.` written as `_`; consumers must also accept `.` and
 * uppercase), so a wheel name has exactly 5 or 6 `-`-separated parts. The build tag must start
 * with a digit and sorts as (leading integer, rest). Tag parts may be compressed tag sets
 * (PEP 425, `py2.py3`), expanded here into every triple. Checks follow
 * `packaging.utils.parse_wheel_filename`: `.whl` suffix, part count, name characters
 * `[A-Za-z0-9._]` without `__`, a PEP 440 version, a digit-led build tag.
 *
 * Source distributions — the source distribution format specification (PEP 625:
 * `{name}-{version}.tar.gz`) plus the legacy names pip still accepts from indexes: `.zip`
 * archives, unnormalized names (`Django-4.2.tar.gz`, `zope.interface-5.0.zip`) and names that
 * contain `-` (`python-dateutil-2.8.2.tar.gz`). Without a project name the version is what
 * follows the last `-` (as `packaging.utils.parse_sdist_filename`); given the project name the
 * split is after the first prefix that normalizes to it (as pip's link evaluation), so versions
 * written with `-` (`foo-1.0-1.tar.gz` → `1.0-1`, the PEP 440 post-release spelling) parse too.
 *
 * Not supported: other legacy archive formats pip can unpack (`.tar.bz2`, `.tbz`, `.tgz`, `.tar`,
 * `.tar.xz`, `.txz`, `.tlz`, `.tar.lz`, `.tar.lzma`) are rejected with that reason; versions that
 * are not PEP 440 (pre-PEP 440 "legacy" versions, which current pip also ignores) are rejected.
 * Deliberately stricter than packaging (tested in filenames-packaging.test.ts): non-ASCII
 * letters in wheel names (packaging's `\w` admits them), an empty project name and empty tag
 * items (`py3--any`, `py3.-none-any`) are rejected. `.egg` files are not distributions this
 * module knows. Inputs are bare file names, not paths or URLs.
 */





/**
 * Order of build tags as pip sorts wheels (`_sort_key`: `()` without a build tag, else the
 * tuple `(int(digits), rest)`): none first, then by number, then by the rest (Python string
 * order, i.e. by code point). Negative, zero or positive.
 */
function compareBuildTags(a, b) {
    if (a === undefined || b === undefined)
        return a === b ? 0 : a === undefined ? -1 : 1;
    if (a.n !== b.n)
        return a.n < b.n ? -1 : 1;
    const x = [...a.rest].map((c) => c.codePointAt(0));
    const y = [...b.rest].map((c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(x.length, y.length); i++)
        if (x[i] !== y[i])
            return x[i] - y[i];
    return x.length - y.length;
}
class InvalidFilenameError extends Error {
    input;
    kind;
    reason;
    constructor(input, kind, reason) {
        super(`invalid ${kind} filename ${JSON.stringify(input)}: ${reason}`);
        this.input = input;
        this.kind = kind;
        this.reason = reason;
        this.name = 'InvalidFilenameError';
    }
}
const WHEEL_NAME = /^[A-Za-z0-9._]+$/;
const BUILD_TAG = /^([0-9]+)(.*)$/s;
const LEGACY_ARCHIVES = [
    '.tar.bz2',
    '.tbz',
    '.tgz',
    '.tar.xz',
    '.txz',
    '.tlz',
    '.tar.lz',
    '.tar.lzma',
    '.tar',
];
/**
 * A project page lists thousands of wheels but only dozens of distinct tag parts (`cp311-cp311-
 * manylinux_2_17_x86_64.manylinux2014_x86_64`): each is split and expanded once and shared
 * (frozen) by every wheel name that has it. Bounded: cleared when full.
 */
const TAG_PARTS = new Map();
const TAG_PARTS_LIMIT = 4096;
/** The last wheel name normalized (a page's wheels all share it). */
let lastName = { raw: '', name: '' };
function tagPartOf(py, abi, plat, fail) {
    const text = `${py}-${abi}-${plat}`;
    const hit = TAG_PARTS.get(text);
    if (hit !== undefined)
        return hit;
    // The parts are usually slices of a project page's body: what the cache keeps is cut from a copy
    // (a kept slice would keep the whole body alive). No part holds "-".
    const key = (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_3__/* .ownString */ .A)(text);
    [py, abi, plat] = key.split('-');
    const split = (label, text) => {
        const items = text.split('.');
        if (items.some((item) => item === ''))
            fail(`empty item in ${label} tag ${JSON.stringify(text)}`);
        return Object.freeze(items);
    };
    const pythonTags = split('python', py);
    const abiTags = split('abi', abi);
    const platformTags = split('platform', plat);
    const tags = Object.freeze((0,_tag_js__WEBPACK_IMPORTED_MODULE_2__/* .expandTagSet */ .xy)(pythonTags, abiTags, platformTags).map((t) => Object.freeze(t)));
    const part = { tags, pythonTags, abiTags, platformTags };
    if (TAG_PARTS.size >= TAG_PARTS_LIMIT)
        TAG_PARTS.clear();
    TAG_PARTS.set(key, part);
    return part;
}
/**
 * Where a `….whl` name's tag part starts: after its third-last "-" (-1 when it has fewer than
 * three, or one at the very start). Everything before that "-" is the head (name, version and
 * build tag). A plain loop: a page checks thousands of names.
 */
function wheelTagPartStart(filename) {
    let dashes = 0;
    for (let i = filename.length - 5; i > 0; i--) {
        if (filename.charCodeAt(i) === 45 && ++dashes === 3)
            return i + 1;
    }
    return -1;
}
/** Parses a wheel file name; throws InvalidFilenameError naming the failing part. */
function parseWheelFilename(filename) {
    const fail = (reason) => {
        throw new InvalidFilenameError(filename, 'wheel', reason);
    };
    if (!filename.endsWith('.whl'))
        fail('a wheel file name must end with ".whl"');
    const stem = filename.slice(0, -'.whl'.length);
    const parts = stem.split('-');
    if (parts.length !== 5 && parts.length !== 6) {
        fail(`expected 5 or 6 "-"-separated parts ({name}-{version}[-{build tag}]-{python tag}-{abi tag}-{platform tag}), found ${parts.length}`);
    }
    const [rawName, version] = parts;
    if (rawName === '')
        fail('the project name is empty');
    if (!WHEEL_NAME.test(rawName) || rawName.includes('__')) {
        fail(`invalid project name ${JSON.stringify(rawName)}: an escaped wheel name is ASCII letters, digits, "." and single "_"`);
    }
    if (version === '')
        fail('the version is empty');
    if (_version_js__WEBPACK_IMPORTED_MODULE_1__/* .Version */ .Rx.tryParse(version) === null)
        fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);
    let buildTag;
    if (parts.length === 6) {
        const build = parts[2];
        const m = BUILD_TAG.exec(build);
        if (!m)
            fail(`invalid build tag ${JSON.stringify(build)}: a build tag must start with a digit`);
        buildTag = { n: BigInt(m[1]), rest: m[2] };
    }
    const [py, abi, plat] = parts.slice(-3);
    const tagPart = tagPartOf(py, abi, plat, fail);
    if (rawName !== lastName.raw) {
        const raw = (0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_3__/* .ownString */ .A)(rawName); // kept: not a slice of a page body
        lastName = { raw, name: (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(raw) };
    }
    const result = {
        name: lastName.name,
        rawName,
        version,
        tags: tagPart.tags,
        pythonTags: tagPart.pythonTags,
        abiTags: tagPart.abiTags,
        platformTags: tagPart.platformTags,
    };
    if (buildTag)
        result.buildTag = buildTag;
    return result;
}
/**
 * Parses a source distribution file name; `project` (any spelling) lets the name/version split
 * follow the known project name. Throws InvalidFilenameError naming the failing part.
 */
function parseSdistFilename(filename, project) {
    const fail = (reason) => {
        throw new InvalidFilenameError(filename, 'sdist', reason);
    };
    let ext;
    if (filename.endsWith('.tar.gz'))
        ext = '.tar.gz';
    else if (filename.endsWith('.zip'))
        ext = '.zip';
    if (ext === undefined) {
        const legacy = LEGACY_ARCHIVES.find((e) => filename.endsWith(e));
        if (legacy)
            fail(`legacy archive format "${legacy}" is not supported (only ".tar.gz" and ".zip")`);
        fail('a source distribution file name must end with ".tar.gz" or ".zip"');
    }
    const stem = filename.slice(0, -ext.length);
    let sep = -1;
    if (project !== undefined) {
        const wanted = (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(project);
        for (let i = stem.indexOf('-'); i !== -1; i = stem.indexOf('-', i + 1)) {
            if ((0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(stem.slice(0, i)) === wanted) {
                sep = i;
                break;
            }
        }
        if (sep === -1)
            fail(`the name part does not match project ${JSON.stringify(project)}`);
    }
    else {
        sep = stem.lastIndexOf('-');
        if (sep === -1)
            fail('no "-" separates the name from the version');
    }
    const rawName = stem.slice(0, sep);
    const version = stem.slice(sep + 1);
    if (rawName === '')
        fail('the project name is empty');
    if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)(rawName))
        fail(`invalid project name ${JSON.stringify(rawName)}`);
    if (version === '')
        fail('the version is empty');
    if (_version_js__WEBPACK_IMPORTED_MODULE_1__/* .Version */ .Rx.tryParse(version) === null)
        fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);
    return { name: (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(rawName), rawName, version, ext: ext };
}


/***/ }),

/***/ 597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w9: () => (/* binding */ InvalidMarkerError),
  UZ: () => (/* binding */ evaluateMarker),
  wJ: () => (/* binding */ markerExtras),
  gY: () => (/* binding */ parseMarker)
});

// UNUSED EXPORTS: markerToString

;// CONCATENATED MODULE: ./src/standards/marker-string.ts
/**
 * Quoted strings in environment markers — the `python_str` of the dependency specifiers
 * specification, read the way packaging 26 reads it: the token runs from a quote to the next
 * quote of the same kind (no escape can hide a quote), and its text is then evaluated as a Python
 * string literal (packaging's `process_python_str` uses `ast.literal_eval`). So Python's escape
 * sequences apply (`\n`, `\t`, `\\`, `\x41`, `\u00e9`, `\101` …), a backslash before a line end
 * joins the lines, a line end without one is an error (an unterminated literal), a backslash just
 * before the closing quote escapes it (an error: the literal has no end), and unknown escapes such
 * as `\d` stay as written.
 * Not supported: `\N{NAME}` escapes (Unicode character names) are refused with that reason —
 * packaging decodes them through Python's Unicode database, which this module does not carry.
 */
/** Why a quoted marker string is not a valid Python literal; `offset` is into the raw token. */
class MarkerStringError extends Error {
    offset;
    reason;
    constructor(offset, reason) {
        super(reason);
        this.offset = offset;
        this.reason = reason;
        this.name = 'MarkerStringError';
    }
}
const SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
};
const HEX_WIDTH = { x: 2, u: 4, U: 8 };
/**
 * Decodes the body of a quoted marker string (the text between the quotes) as Python decodes a
 * non-raw `str` literal. Throws MarkerStringError for what Python refuses.
 */
function decodeMarkerString(body) {
    // Python reads source text with universal newlines: CR LF and lone CR are line ends too.
    const text = body.replace(/\r\n?/g, '\n');
    if (text.includes('\0'))
        throw new MarkerStringError(text.indexOf('\0'), 'a NUL character in a string');
    let out = '';
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === '\n')
            throw new MarkerStringError(i, 'a line break inside a quoted string');
        if (c !== '\\') {
            out += c;
            i++;
            continue;
        }
        if (i + 1 >= text.length) {
            throw new MarkerStringError(i, 'a trailing backslash escapes the closing quote');
        }
        const e = text[i + 1];
        if (e === '\n') {
            i += 2; // line continuation
        }
        else if (SIMPLE_ESCAPES[e] !== undefined) {
            out += SIMPLE_ESCAPES[e];
            i += 2;
        }
        else if (e >= '0' && e <= '7') {
            const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))[0];
            out += String.fromCodePoint(parseInt(digits, 8));
            i += 1 + digits.length;
        }
        else if (HEX_WIDTH[e] !== undefined) {
            const width = HEX_WIDTH[e];
            const digits = text.slice(i + 2, i + 2 + width);
            if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(digits)) {
                throw new MarkerStringError(i, `"\\${e}" needs ${width} hex digits`);
            }
            const code = parseInt(digits, 16);
            if (code > 0x10ffff)
                throw new MarkerStringError(i, `"\\${e}${digits}" is beyond Unicode`);
            out += String.fromCodePoint(code);
            i += 2 + width;
        }
        else if (e === 'N') {
            throw new MarkerStringError(i, '"\\N{...}" escapes (Unicode character names) are not supported');
        }
        else {
            out += `\\${e}`; // Python keeps unknown escapes as written
            i += 2;
        }
    }
    return out;
}
/**
 * A quoted form of `value` that decodes back to it: double quotes unless the value holds one and
 * no single quote; backslashes, control characters and a quote of the chosen kind escaped.
 */
function marker_string_quoteMarkerString(value) {
    const q = value.includes('"') && !value.includes("'") ? "'" : '"';
    let out = '';
    for (const ch of value) {
        const code = ch.codePointAt(0);
        if (ch === '\\')
            out += '\\\\';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\t')
            out += '\\t';
        else if (ch === q || code < 0x20 || code === 0x7f)
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return `${q}${out}${q}`;
}

// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/specifier.ts
var specifier = __webpack_require__(9350);
// EXTERNAL MODULE: ./src/standards/version.ts
var standards_version = __webpack_require__(7174);
;// CONCATENATED MODULE: ./src/standards/markers.ts




const NO_SETS = { extras: new Set(), dependency_groups: new Set() };
const LOCK_VARIABLES = new Set(['extras', 'dependency_groups']);
class InvalidMarkerError extends Error {
    input;
    column;
    reason;
    constructor(input, 
    /** 0-based offset into `input`. */
    column, reason) {
        super(`invalid marker ${JSON.stringify(input)}: ${reason} at column ${column}`);
        this.input = input;
        this.column = column;
        this.reason = reason;
        this.name = 'InvalidMarkerError';
    }
}
const VARIABLES = new Set([
    'implementation_name',
    'implementation_version',
    'os_name',
    'platform_machine',
    'platform_python_implementation',
    'platform_release',
    'platform_system',
    'platform_version',
    'python_full_version',
    'python_version',
    'sys_platform',
    'extra',
]);
const ALIASES = {
    'os.name': 'os_name',
    'sys.platform': 'sys_platform',
    'platform.version': 'platform_version',
    'platform.machine': 'platform_machine',
    'platform.python_implementation': 'platform_python_implementation',
    python_implementation: 'platform_python_implementation',
};
const OPS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'];
function tokenize(input, lockMarkers) {
    const tokens = [];
    let i = 0;
    const fail = (col, reason) => {
        throw new InvalidMarkerError(input, col, reason);
    };
    while (i < input.length) {
        const c = input[i];
        if (c === ' ' || c === '\t') {
            i++;
        }
        else if (c === '(' || c === ')') {
            tokens.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i });
            i++;
        }
        else if (c === '"' || c === "'") {
            const close = input.indexOf(c, i + 1);
            if (close < 0)
                fail(i, `unterminated string (missing closing ${c})`);
            let value = '';
            try {
                value = decodeMarkerString(input.slice(i + 1, close));
            }
            catch (e) {
                if (e instanceof MarkerStringError)
                    fail(i + 1 + e.offset, e.reason);
                throw e;
            }
            tokens.push({ t: 'value', value: { kind: 'string', value }, pos: i });
            i = close + 1;
        }
        else if (/[A-Za-z_]/.test(c)) {
            const word = /^[A-Za-z0-9_.]+/.exec(input.slice(i))[0];
            if (word === 'and' || word === 'or') {
                tokens.push({ t: word, pos: i });
            }
            else if (word === 'in') {
                tokens.push({ t: 'op', op: 'in', pos: i });
            }
            else if (word === 'not') {
                // packaging: `not`, then spaces or tabs (never a line break), then `in`.
                const after = /^[ \t]+in(?![A-Za-z0-9_.])/.exec(input.slice(i + 3));
                if (after === null)
                    fail(i, 'expected "in" after "not"');
                tokens.push({ t: 'op', op: 'not in', pos: i });
                i += after[0].length;
            }
            else {
                const name = ALIASES[word] ?? word;
                if (!VARIABLES.has(name) && !(lockMarkers && LOCK_VARIABLES.has(name))) {
                    fail(i, `unknown marker variable "${word}"`);
                }
                tokens.push({ t: 'value', value: { kind: 'variable', name: name }, pos: i });
            }
            i += word.length;
        }
        else {
            const op = OPS.find((o) => input.startsWith(o, i));
            if (op === undefined)
                fail(i, `unexpected character ${JSON.stringify(c)}`);
            tokens.push({ t: 'op', op: op, pos: i });
            i += op.length;
        }
    }
    tokens.push({ t: 'end', pos: input.length });
    return tokens;
}
/** Parses a PEP 508 marker expression; throws InvalidMarkerError with the failing column. */
function parseMarker(input, options = {}) {
    const tokens = tokenize(input, options.lockMarkers === true);
    let k = 0;
    const peek = () => tokens[k];
    const fail = (reason) => {
        throw new InvalidMarkerError(input, peek().pos, reason);
    };
    const parseValue = (what) => {
        const tok = peek();
        if (tok.t !== 'value')
            return fail(`expected ${what} (a marker variable or a quoted string)`);
        k++;
        return tok.value;
    };
    const parseAtom = () => {
        if (peek().t === 'lparen') {
            k++;
            const inner = parseOr();
            if (peek().t !== 'rparen')
                fail('expected ")"');
            k++;
            return inner;
        }
        const tok0 = peek().pos;
        const lhs = parseValue('a marker expression');
        const opTok = peek();
        if (opTok.t !== 'op')
            return fail('expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)');
        k++;
        const rhs = parseValue(`a value after "${opTok.op}"`);
        if (lhs.kind === 'string' && rhs.kind === 'string') {
            throw new InvalidMarkerError(input, tok0, 'a comparison needs a marker variable on one side');
        }
        return { kind: 'compare', lhs, op: opTok.op, rhs };
    };
    const parseSeq = (kind, next) => {
        const items = [next()];
        while (peek().t === kind) {
            k++;
            items.push(next());
        }
        return items.length === 1 ? items[0] : { kind, items };
    };
    const parseAnd = () => parseSeq('and', parseAtom);
    const parseOr = () => parseSeq('or', parseAnd);
    if (peek().t === 'end')
        fail('expected a marker expression');
    const marker = parseOr();
    if (peek().t !== 'end')
        fail('expected "and", "or" or the end of the marker');
    return marker;
}
function valueToString(v) {
    return v.kind === 'variable' ? v.name : quoteMarkerString(v.value);
}
/**
 * Normalized text: single spaces, double quotes (single when the value holds a double quote),
 * PEP 508 variable names, parentheses around every nested and/or group.
 */
function markerToString(m) {
    if (m.kind === 'compare')
        return `${valueToString(m.lhs)} ${m.op} ${valueToString(m.rhs)}`;
    return m.items
        .map((item) => (item.kind === 'compare' ? markerToString(item) : `(${markerToString(item)})`))
        .join(` ${m.kind} `);
}
/** packaging's MARKERS_REQUIRING_VERSION: the only variables compared as versions. */
const VERSION_VARIABLES = new Set([
    'implementation_version',
    'platform_release',
    'python_full_version',
    'python_version',
]);
// Small caches: marker evaluation runs for every dependency edge against few distinct values.
const specCache = new Map();
const versionCache = new Map();
function cached(cache, key, make) {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
        if (cache.size > 4096)
            cache.clear();
        v = make();
        cache.set(key, v);
    }
    return v;
}
/** `Specifier(op + value)` as packaging builds it, or null when that text is no specifier. */
function versionSpecifier(op, rhs) {
    return cached(specCache, `${op}${rhs}`, () => {
        try {
            return specifier/* Specifier */.JZ.parse(`${op}${rhs}`);
        }
        catch (e) {
            if (e instanceof specifier/* InvalidSpecifierError */.YC)
                return null;
            throw e;
        }
    });
}
/** A comparison between two strings (the fallback when no version comparison applies). */
function compareStrings(lhs, op, rhs) {
    switch (op) {
        case 'in':
            return rhs.includes(lhs);
        case 'not in':
            return !rhs.includes(lhs);
        case '==':
        case '<=':
        case '>=':
        case '===': // packaging raises UndefinedComparison here; string equality (divergence list)
            return lhs === rhs;
        case '!=':
            return lhs !== rhs;
        default:
            // `<` and `>` between non-versions are false; `~=` is undefined (packaging raises).
            return false;
    }
}
/** packaging's `Specifier.contains(lhs, prereleases=True)` for a marker's version comparison. */
function versionContains(spec, lhs) {
    if (spec.operator === '===')
        return lhs.toLowerCase() === spec.versionText.toLowerCase();
    const version = cached(versionCache, lhs, () => standards_version/* Version */.Rx.tryParse(lhs));
    return version !== null && spec.matches(version);
}
const isSetVariable = (v) => v.kind === 'variable' && LOCK_VARIABLES.has(v.name);
function evaluateCompare(m, env, extra, sets) {
    if (isSetVariable(m.lhs) || isSetVariable(m.rhs)) {
        // PEP 751: `"name" in extras`; anything else involving the sets is no defined comparison.
        if (!isSetVariable(m.rhs) || m.lhs.kind !== 'string' || (m.op !== 'in' && m.op !== 'not in')) {
            return false;
        }
        const has = sets[m.rhs.name].has((0,names/* normalizeName */.Pc)(m.lhs.value));
        return m.op === 'in' ? has : !has;
    }
    const value = (name) => name === 'extra' ? extra : env[name];
    // packaging types the comparison by one variable: the left side when it is a variable, else
    // the right. The other side is taken literally — a variable there stands for its own name.
    // An `extra` on either side turns the other side into a normalized literal first (PEP 685).
    let key;
    let lhs;
    let rhs;
    const { lhs: l, rhs: r } = m;
    if (l.kind === 'variable' && l.name === 'extra') {
        key = 'extra';
        lhs = extra;
        rhs = (0,names/* normalizeName */.Pc)(r.kind === 'string' ? r.value : r.name);
    }
    else if (r.kind === 'variable' && r.name === 'extra') {
        key = 'extra';
        lhs = (0,names/* normalizeName */.Pc)(l.kind === 'string' ? l.value : l.name);
        rhs = extra;
    }
    else if (l.kind === 'variable') {
        key = l.name;
        lhs = value(l.name);
        rhs = r.kind === 'string' ? r.value : r.name;
    }
    else {
        // parseMarker refuses two strings, so the right side is a variable here.
        key = r.name;
        lhs = l.value;
        rhs = value(key);
    }
    if (VERSION_VARIABLES.has(key) && m.op !== 'in' && m.op !== 'not in') {
        const spec = versionSpecifier(m.op, rhs);
        if (spec !== null)
            return versionContains(spec, lhs);
    }
    return compareStrings(lhs, m.op, rhs);
}
function evaluateWith(m, env, extra, sets) {
    if (m.kind === 'compare')
        return evaluateCompare(m, env, extra, sets);
    if (m.kind === 'and')
        return m.items.every((item) => evaluateWith(item, env, extra, sets));
    return m.items.some((item) => evaluateWith(item, env, extra, sets));
}
/**
 * Evaluates a marker for an explicit target. Without extras, `extra` is the empty string (so
 * `extra == "x"` is false); with extras, the marker holds when it holds for any one of them —
 * how pip selects a distribution's Requires-Dist entries for the requested extras.
 */
function evaluateMarker(m, env, extras, lockSets = NO_SETS) {
    // packaging normalizes the environment's `extra` (PEP 685) unless it is empty.
    const list = extras === undefined ? [] : [...extras].map((e) => (e === '' ? e : (0,names/* normalizeName */.Pc)(e)));
    if (list.length === 0)
        return evaluateWith(m, env, '', lockSets);
    return list.some((e) => evaluateWith(m, env, e, lockSets));
}
/** Normalized names of the extras a marker compares `extra` against (e.g. for Provides-Extra checks). */
function markerExtras(m) {
    const found = new Set();
    const walk = (n) => {
        if (n.kind !== 'compare')
            return n.items.forEach(walk);
        const isExtra = (v) => v.kind === 'variable' && v.name === 'extra';
        if (isExtra(n.lhs) && n.rhs.kind === 'string')
            found.add((0,names/* normalizeName */.Pc)(n.rhs.value));
        if (isExtra(n.rhs) && n.lhs.kind === 'string')
            found.add((0,names/* normalizeName */.Pc)(n.lhs.value));
    };
    walk(m);
    return [...found].sort();
}


/***/ }),

/***/ 5970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jR: () => (/* binding */ parseMetadata)
});

// UNUSED EXPORTS: InvalidMetadataError, parseMetadataStrict, validateMetadata

// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
;// CONCATENATED MODULE: ./src/standards/metadata-fields.ts
/**
 * The fields of the core metadata specification (packaging.python.org/specifications/
 * core-metadata/), with the Metadata-Version each was added in and whether it may repeat:
 * 1.0 PEP 241, 1.1 PEP 314, 1.2 PEP 345, 2.1 PEP 566, 2.2 PEP 643 (Dynamic), 2.3 PEP 685 (no new
 * fields, normalized extras), 2.4 PEP 639 (License-Expression, License-File).
 * Not supported: Metadata-Version 2.5 (PEP 794, Import-Name/Import-Namespace) is recognised only
 * as "a newer minor version" — its fields are kept as unknown headers.
 */
const table = [
    { name: 'Metadata-Version', added: '1.0', multiple: false },
    { name: 'Name', added: '1.0', multiple: false },
    { name: 'Version', added: '1.0', multiple: false },
    { name: 'Platform', added: '1.0', multiple: true },
    { name: 'Summary', added: '1.0', multiple: false },
    { name: 'Description', added: '1.0', multiple: false, text: true },
    { name: 'Keywords', added: '1.0', multiple: false },
    { name: 'Home-page', added: '1.0', multiple: false },
    { name: 'Author', added: '1.0', multiple: false },
    { name: 'Author-email', added: '1.0', multiple: false },
    { name: 'License', added: '1.0', multiple: false, text: true },
    { name: 'Supported-Platform', added: '1.1', multiple: true },
    { name: 'Download-URL', added: '1.1', multiple: false },
    { name: 'Classifier', added: '1.1', multiple: true },
    { name: 'Requires', added: '1.1', multiple: true },
    { name: 'Provides', added: '1.1', multiple: true },
    { name: 'Obsoletes', added: '1.1', multiple: true },
    { name: 'Maintainer', added: '1.2', multiple: false },
    { name: 'Maintainer-email', added: '1.2', multiple: false },
    { name: 'Requires-Python', added: '1.2', multiple: false },
    { name: 'Requires-External', added: '1.2', multiple: true },
    { name: 'Project-URL', added: '1.2', multiple: true },
    { name: 'Requires-Dist', added: '1.2', multiple: true },
    { name: 'Provides-Dist', added: '1.2', multiple: true },
    { name: 'Obsoletes-Dist', added: '1.2', multiple: true },
    { name: 'Description-Content-Type', added: '2.1', multiple: false },
    { name: 'Provides-Extra', added: '2.1', multiple: true },
    { name: 'Dynamic', added: '2.2', multiple: true },
    { name: 'License-Expression', added: '2.4', multiple: false },
    { name: 'License-File', added: '2.4', multiple: true },
];
/** Known fields by lowercased name. */
const FIELDS = new Map(table.map((f) => [f.name.toLowerCase(), f]));
/** The Metadata-Version values this module knows (2.0 was never specified; see metadata-validate.ts). */
const KNOWN_METADATA_VERSIONS = ['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4'];
/** Highest Metadata-Version whose rules are implemented. */
const HIGHEST_METADATA_VERSION = '2.4';
/** `[major, minor]` of a `X.Y` Metadata-Version, or undefined when it is not two integers. */
function parseMetadataVersion(text) {
    const m = /^(\d+)\.(\d+)$/.exec(text);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}
/** Compares two `X.Y` versions numerically (both must parse). */
function compareMetadataVersions(a, b) {
    return a[0] - b[0] || a[1] - b[1];
}

// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __webpack_require__(8898);
;// CONCATENATED MODULE: ./src/standards/metadata-validate.ts
/**
 * Semantic checks of parsed core metadata — the core metadata specification
 * (packaging.python.org/specifications/core-metadata/):
 *  - required fields Metadata-Version, Name, Version; Name a valid project name (2.1 "Name"
 *    format); Version a PEP 440 version;
 *  - Metadata-Version known (1.0, 1.1, 1.2, 2.1–2.4). A newer 2.x minor is a warning (the spec:
 *    "SHOULD warn"), a newer major an error ("MUST fail"). "2.0" was never specified but old
 *    bdist_wheel releases wrote it: a warning, and it is read by the 2.1 rules;
 *  - single-use fields appearing more than once;
 *  - fields newer than the declared Metadata-Version (error), except License-File before 2.4,
 *    which setuptools wrote years before PEP 639 (warning);
 *  - Dynamic (PEP 643) must not name Name, Version or Metadata-Version and must name known fields;
 *  - Provides-Extra must be valid names (error from 2.3, PEP 685; warning before).
 * Not supported: checking Requires-Dist / Requires-Python syntax (the PEP 508 and PEP 440
 * modules do that), URL and e-mail formats, classifiers against the trove list, license
 * expressions (PEP 639 SPDX syntax).
 */



const STATIC_FIELDS = new Set(['name', 'version', 'metadata-version']);
/** The version whose rules apply, or undefined when there is none usable (problems reported). */
function checkMetadataVersion(m, problems) {
    const field = 'Metadata-Version';
    const text = m.metadataVersion;
    if (!m.fields.has('metadata-version')) {
        problems.push({ severity: 'error', field, message: 'missing required field Metadata-Version' });
        return undefined;
    }
    const v = parseMetadataVersion(text);
    const highest = parseMetadataVersion(HIGHEST_METADATA_VERSION);
    if (!v) {
        problems.push({
            severity: 'error',
            field,
            message: `invalid Metadata-Version ${JSON.stringify(text)}: expected "major.minor"`,
        });
        return undefined;
    }
    if (KNOWN_METADATA_VERSIONS.includes(text))
        return v;
    if (v[0] > highest[0]) {
        problems.push({
            severity: 'error',
            field,
            message: `Metadata-Version ${text} has a newer major version than the supported ${HIGHEST_METADATA_VERSION}`,
        });
        return undefined;
    }
    if (compareMetadataVersions(v, highest) > 0) {
        problems.push({
            severity: 'warning',
            field,
            message: `Metadata-Version ${text} is newer than the supported ${HIGHEST_METADATA_VERSION}; its new fields are kept but not interpreted`,
        });
        return v;
    }
    if (text === '2.0') {
        problems.push({
            severity: 'warning',
            field,
            message: 'Metadata-Version 2.0 was never specified (old bdist_wheel wrote it); it is read as 2.1',
        });
        return [2, 1];
    }
    problems.push({
        severity: 'error',
        field,
        message: `unknown Metadata-Version ${JSON.stringify(text)}: known versions are ${KNOWN_METADATA_VERSIONS.join(', ')}`,
    });
    return undefined;
}
/** Checks parsed metadata against the spec; returns every problem (empty when valid). */
function validateMetadata(m) {
    const problems = [];
    const error = (field, message) => void problems.push({ severity: 'error', field, message });
    const effective = checkMetadataVersion(m, problems);
    if (!m.fields.has('name'))
        error('Name', 'missing required field Name');
    else if (!(0,names/* isValidName */.uV)(m.name)) {
        error('Name', `invalid Name ${JSON.stringify(m.name)}: a name is ASCII letters and digits, with '.', '_' or '-' only between them`);
    }
    if (!m.fields.has('version'))
        error('Version', 'missing required field Version');
    else if ((0,pep440.valid)(m.version) === null) {
        error('Version', `invalid Version ${JSON.stringify(m.version)}: not a PEP 440 version`);
    }
    for (const [key, values] of m.fields) {
        const info = FIELDS.get(key);
        if (!info)
            continue;
        if (!info.multiple && values.length > 1) {
            error(info.name, `${info.name} is a single-use field but appears ${values.length} times: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
        }
        if (effective && compareMetadataVersions(parseMetadataVersion(info.added), effective) > 0) {
            const message = `${info.name} was introduced in Metadata-Version ${info.added}, but the file declares ${m.metadataVersion}`;
            if (info.name === 'License-File' && compareMetadataVersions(effective, [2, 1]) >= 0) {
                problems.push({
                    severity: 'warning',
                    field: info.name,
                    message: `${message} (setuptools wrote it before PEP 639)`,
                });
            }
            else
                error(info.name, message);
        }
    }
    for (const d of m.dynamic) {
        if (STATIC_FIELDS.has(d))
            error('Dynamic', `Dynamic must not name ${FIELDS.get(d).name}: it is always static`);
        else if (!FIELDS.has(d))
            error('Dynamic', `Dynamic names unknown field ${JSON.stringify(d)}`);
    }
    const strictExtras = effective !== undefined && compareMetadataVersions(effective, [2, 3]) >= 0;
    for (const extra of m.fields.get('provides-extra') ?? []) {
        if ((0,names/* isValidName */.uV)(extra))
            continue;
        problems.push({
            severity: strictExtras ? 'error' : 'warning',
            field: 'Provides-Extra',
            message: `invalid Provides-Extra ${JSON.stringify(extra)}: an extra name is ASCII letters and digits, with '.', '_' or '-' only between them`,
        });
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/standards/metadata.ts
/**
 * Core metadata files (METADATA / PKG-INFO) — the core metadata specification
 * (packaging.python.org/specifications/core-metadata/), Metadata-Version 1.0 to 2.4.
 *
 * Format, as the spec defines it by reference to Python's `email.parser` with the compat32
 * policy: UTF-8 text; RFC 822-style `Name: value` headers up to the first empty line; a line that
 * starts with a space or tab continues the previous header (folding); header names are matched
 * case-insensitively; multiple-use fields simply repeat; since 2.1 the message body after the
 * empty line is the Description. LF, CRLF and lone CR line ends are all accepted; a leading BOM is
 * dropped.
 *
 * Unfolding: ordinary fields are unfolded as RFC 5322 §2.2.3 does (the line break is removed, the
 * continuation's whitespace kept), then trimmed. The free-text fields Description and License keep
 * their line breaks: a continuation line written with the spec's "7 spaces and a `|`" prefix loses
 * those 8 characters, other continuation lines lose their common indentation (setuptools writes
 * 8 spaces).
 *
 * Leniency: `parseMetadata` never throws on content; it returns every problem found (syntax
 * problems with their 1-based line, then `validateMetadata`'s checks). Like `email.parser`, a
 * line in the header block that is neither a header nor a continuation starts the body.
 * `parseMetadataStrict` throws InvalidMetadataError when any problem has severity "error".
 *
 * Not supported: RFC 2047 encoded words (`=?utf-8?q?…?=`) are kept as written; Requires-Dist,
 * Requires-Python and the other structured values stay strings (PEP 508 / PEP 440 parsing lives
 * in other modules); Metadata-Version 2.5 fields (see metadata-fields.ts); the JSON form of
 * PEP 566; writing metadata.
 */




class InvalidMetadataError extends Error {
    problems;
    metadata;
    constructor(problems, metadata) {
        const subject = metadata.name
            ? ` for ${JSON.stringify(metadata.name)} ${JSON.stringify(metadata.version)}`
            : '';
        const list = problems.map((p) => `\n  ${p.line ? `line ${p.line}: ` : ''}${p.message}`).join('');
        super(`invalid core metadata${subject}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:${list}`);
        this.problems = problems;
        this.metadata = metadata;
        this.name = 'InvalidMetadataError';
    }
}
const HEADER = /^([\x21-\x39\x3b-\x7e]+):(.*)$/;
/** The spec's continuation prefix of free-text fields: 7 spaces and a `|`. */
const SPEC_CONTINUATION = '       |';
const UTF8 = new TextDecoder('utf-8', { fatal: true });
function decode(input, problems) {
    if (typeof input === 'string')
        return input.startsWith('\uFEFF') ? input.slice(1) : input;
    try {
        return UTF8.decode(input);
    }
    catch {
        problems.push({
            severity: 'error',
            message: 'the input is not valid UTF-8; invalid bytes were replaced with U+FFFD',
        });
        return new TextDecoder('utf-8').decode(input);
    }
}
/** Joins a free-text field's lines, undoing the spec's `       |` prefix or a common indent. */
function unfoldText(first, continuation) {
    // Plain loops: License and Description headers can hold whole documents.
    let indent = Number.POSITIVE_INFINITY;
    for (const l of continuation) {
        if (l.startsWith(SPEC_CONTINUATION) || l.trim() === '')
            continue;
        let i = 0;
        while (i < l.length && (l.charCodeAt(i) === 0x20 || l.charCodeAt(i) === 0x09))
            i++;
        if (i < indent)
            indent = i;
    }
    if (indent === Number.POSITIVE_INFINITY)
        indent = 0;
    let out = first.trimStart();
    for (const l of continuation) {
        out += '\n';
        if (l.startsWith(SPEC_CONTINUATION))
            out += l.slice(SPEC_CONTINUATION.length);
        else if (l.trim() !== '')
            out += l.slice(indent);
    }
    return out.trimEnd();
}
function headerValue(h) {
    // One line: unfolding either way is trimming it.
    if (h.continuation.length === 0)
        return h.first.trim();
    if (FIELDS.get(h.name.toLowerCase())?.text)
        return unfoldText(h.first, h.continuation);
    return (h.first + h.continuation.join('')).trim();
}
/** Parses a core metadata file leniently: every problem is returned, nothing about content throws. */
function parseMetadata(input) {
    const problems = [];
    const text = decode(input, problems);
    // Only the header block is split into lines (the body, often a long README, is one slice): it
    // ends at the first empty line, or earlier at a line that is not a header (then that line starts
    // the body, so the line after the block is kept as well).
    const blockEnd = /(?:^|\r\n|\r(?!\n)|\n)(?:\r\n|\r|\n)/.exec(text);
    const lines = (blockEnd === null ? text : text.slice(0, blockEnd.index)).split(/\r\n|\r|\n/);
    const rest = blockEnd === null ? undefined : text.slice(blockEnd.index + blockEnd[0].length);
    const headers = [];
    let current;
    let bodyStart = lines.length;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line === '') {
            bodyStart = i + 1;
            break;
        }
        if (line[0] === ' ' || line[0] === '\t') {
            if (current)
                current.continuation.push(line);
            else {
                problems.push({
                    severity: 'error',
                    line: i + 1,
                    message: `continuation line ${JSON.stringify(line)} comes before any header; it is ignored`,
                });
            }
            continue;
        }
        const m = HEADER.exec(line);
        if (!m) {
            problems.push({
                severity: 'error',
                line: i + 1,
                message: `${JSON.stringify(line)} is not a "Name: value" header; it and all later lines are read as the body`,
            });
            bodyStart = i;
            break;
        }
        current = { name: m[1], first: m[2], continuation: [], line: i + 1 };
        headers.push(current);
    }
    const fields = new Map();
    for (const h of headers) {
        const key = h.name.toLowerCase();
        const values = fields.get(key) ?? [];
        values.push(headerValue(h));
        fields.set(key, values);
    }
    const one = (key) => fields.get(key)?.[0];
    const all = (key) => fields.get(key) ?? [];
    const bodyLines = lines.slice(bodyStart);
    if (rest !== undefined) {
        // The empty line that ended the block is a body line when the block ended earlier.
        if (bodyStart < lines.length)
            bodyLines.push('');
        bodyLines.push(rest.includes('\r') ? rest.replace(/\r\n|\r/g, '\n') : rest);
    }
    const body = bodyLines.join('\n');
    let description = one('description');
    if (body.trim() !== '') {
        if (description !== undefined) {
            const line = headers.find((h) => h.name.toLowerCase() === 'description').line;
            problems.push({
                severity: 'error',
                field: 'Description',
                line,
                message: 'Description is given both as a header and as the message body; the body is used',
            });
        }
        description = body;
    }
    const name = one('name') ?? '';
    const metadata = {
        metadataVersion: one('metadata-version') ?? '',
        name,
        normalizedName: (0,names/* normalizeName */.Pc)(name),
        version: one('version') ?? '',
        requiresDist: all('requires-dist'),
        providesExtra: [...new Set(all('provides-extra').map(names/* normalizeName */.Pc))],
        dynamic: all('dynamic').map((d) => d.toLowerCase()),
        fields,
    };
    const summary = one('summary');
    if (summary !== undefined)
        metadata.summary = summary;
    if (description !== undefined)
        metadata.description = description;
    const contentType = one('description-content-type');
    if (contentType !== undefined)
        metadata.descriptionContentType = contentType;
    const requiresPython = one('requires-python');
    if (requiresPython !== undefined)
        metadata.requiresPython = requiresPython;
    problems.push(...validateMetadata(metadata));
    return { metadata, problems };
}
/** Parses and throws InvalidMetadataError listing every error-severity problem. */
function parseMetadataStrict(input) {
    const { metadata, problems } = parseMetadata(input);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0)
        throw new InvalidMetadataError(errors, metadata);
    return metadata;
}


/***/ }),

/***/ 2830:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pc: () => (/* binding */ normalizeName),
/* harmony export */   uV: () => (/* binding */ isValidName)
/* harmony export */ });
/* unused harmony exports InvalidNameError, parseName */
/**
 * Project name normalization — PEP 503 "Normalized Names" and the name syntax of the core
 * metadata specification (PEP 508 `identifier`).
 * Not supported: nothing of PEP 503's name rules is left out.
 */
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
class InvalidNameError extends Error {
    input;
    constructor(input) {
        super(`invalid project name ${JSON.stringify(input)}: a name is ASCII letters and digits, with '.', '_' or '-' only between them`);
        this.input = input;
        this.name = 'InvalidNameError';
    }
}
/** True when `name` is a valid project name per the core metadata spec. */
function isValidName(name) {
    return VALID_NAME.test(name);
}
/** PEP 503: `re.sub(r"[-_.]+", "-", name).lower()`. Does not validate. */
function normalizeName(name) {
    return name.replace(/[-_.]+/g, '-').toLowerCase();
}
/** Validates, then normalizes; throws InvalidNameError on a bad name. */
function parseName(name) {
    if (!isValidName(name))
        throw new InvalidNameError(name);
    return normalizeName(name);
}


/***/ }),

/***/ 7826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HG: () => (/* binding */ PyprojectError),
/* harmony export */   Hh: () => (/* binding */ expandSelfReferences),
/* harmony export */   LY: () => (/* binding */ projectDependencies),
/* harmony export */   U0: () => (/* binding */ parseDeclared),
/* harmony export */   a5: () => (/* binding */ readProjectTable),
/* harmony export */   bI: () => (/* binding */ isTable),
/* harmony export */   fw: () => (/* binding */ allExtras),
/* harmony export */   qQ: () => (/* binding */ extraDependencies)
/* harmony export */ });
/* unused harmony export requirementArray */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2830);
/* harmony import */ var _requirement_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4369);


class PyprojectError extends Error {
    file;
    key;
    reason;
    constructor(file, 
    /** The TOML key, dotted (`project.optional-dependencies.test[0]`). */
    key, reason) {
        super(`${file}: ${key}: ${reason}`);
        this.file = file;
        this.key = key;
        this.reason = reason;
        this.name = 'PyprojectError';
    }
}
function isTable(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
/** Parses `value` (at `key`) as an array of PEP 508 strings. */
function requirementArray(file, key, value) {
    if (!Array.isArray(value))
        throw new PyprojectError(file, key, 'must be an array of requirement strings');
    return value.map((item, i) => {
        const at = `${key}[${i}]`;
        if (typeof item !== 'string')
            throw new PyprojectError(file, at, 'must be a string');
        return { requirement: parseDeclared(file, at, item), key: at };
    });
}
/** Parses one PEP 508 string found at `key`; a PyprojectError naming the key when it is invalid. */
function parseDeclared(file, key, text) {
    try {
        return (0,_requirement_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRequirement */ .pP)(text);
    }
    catch (error) {
        if (error instanceof _requirement_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidRequirementError */ .Zj) {
            throw new PyprojectError(file, key, `invalid requirement ${JSON.stringify(text)}: ${error.reason}`);
        }
        throw error;
    }
}
/**
 * The `[project]` table of `doc`, or undefined when there is none (a pyproject.toml may hold only
 * `[build-system]`, `[dependency-groups]` or tool tables).
 */
function readProjectTable(doc, file) {
    const project = doc['project'];
    if (project === undefined)
        return undefined;
    if (!isTable(project))
        throw new PyprojectError(file, 'project', 'must be a table');
    const dynamicValue = project['dynamic'] ?? [];
    if (!Array.isArray(dynamicValue) || dynamicValue.some((d) => typeof d !== 'string')) {
        throw new PyprojectError(file, 'project.dynamic', 'must be an array of field names');
    }
    const dynamic = new Set(dynamicValue.map((d) => d.toLowerCase()));
    if (dynamic.has('name'))
        throw new PyprojectError(file, 'project.dynamic', '"name" cannot be dynamic');
    for (const field of ['dependencies', 'optional-dependencies', 'requires-python']) {
        if (dynamic.has(field) && project[field] !== undefined) {
            throw new PyprojectError(file, `project.${field}`, `is given and also listed in project.dynamic (PEP 621 forbids both)`);
        }
    }
    const rawName = project['name'];
    if (typeof rawName !== 'string')
        throw new PyprojectError(file, 'project.name', 'must be a string');
    if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)(rawName)) {
        throw new PyprojectError(file, 'project.name', `${JSON.stringify(rawName)} is not a valid project name`);
    }
    const requiresPython = project['requires-python'];
    if (requiresPython !== undefined && typeof requiresPython !== 'string') {
        throw new PyprojectError(file, 'project.requires-python', 'must be a string');
    }
    const out = { file, name: (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(rawName), rawName, dynamic };
    if (typeof requiresPython === 'string')
        out.requiresPython = requiresPython;
    if (!dynamic.has('dependencies')) {
        const deps = project['dependencies'];
        out.dependencies = deps === undefined ? [] : requirementArray(file, 'project.dependencies', deps);
    }
    if (!dynamic.has('optional-dependencies')) {
        const optional = project['optional-dependencies'] ?? {};
        if (!isTable(optional)) {
            throw new PyprojectError(file, 'project.optional-dependencies', 'must be a table of extra names');
        }
        const extras = new Map();
        for (const [extra, list] of Object.entries(optional)) {
            const key = `project.optional-dependencies.${extra}`;
            if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)(extra))
                throw new PyprojectError(file, key, 'is not a valid extra name');
            const normalized = (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(extra);
            if (extras.has(normalized)) {
                throw new PyprojectError(file, key, `names the same extra as another key (${normalized})`);
            }
            extras.set(normalized, requirementArray(file, key, list));
        }
        out.optionalDependencies = extras;
    }
    return out;
}
function andMarkers(a, b) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    return { kind: 'and', items: [a, b] };
}
/**
 * Replaces requirements on the project itself (`name[extra]`) by the dependencies of the project
 * and of those extras, recursively (each extra once), with the self-reference's marker and-ed onto
 * every expanded requirement. A self-reference with a version specifier or URL is kept out too: the
 * project is the local one. Unknown extras are errors naming the key that asked for them.
 */
function expandSelfReferences(project, requirements) {
    const out = [];
    const seen = new Set();
    const walk = (reqs, marker) => {
        for (const r of reqs) {
            if (r.requirement.name !== project.name) {
                const m = andMarkers(marker, r.requirement.marker);
                out.push(m === r.requirement.marker ? r : { ...r, requirement: { ...r.requirement, marker: m } });
                continue;
            }
            const m = andMarkers(marker, r.requirement.marker);
            const key = `:${m === undefined ? '' : JSON.stringify(m)}`;
            if (!seen.has(key)) {
                seen.add(key);
                walk(projectDependencies(project), m);
            }
            for (const extra of r.requirement.extras) {
                const extraKey = `${extra}${key}`;
                if (seen.has(extraKey))
                    continue;
                seen.add(extraKey);
                walk(extraDependencies(project, extra, r.key), m);
            }
        }
    };
    walk(requirements, undefined);
    return out;
}
/** `project.dependencies`; a clear error when they are dynamic. */
function projectDependencies(project) {
    if (project.dependencies === undefined) {
        throw new PyprojectError(project.file, 'project.dynamic', 'lists "dependencies": they come from the build backend, which wheelhouse cannot run for this file yet; declare them statically in project.dependencies or give a requirements file');
    }
    return project.dependencies;
}
/** The requirements of one extra; `askedBy` names where the extra was asked for. */
function extraDependencies(project, extra, askedBy) {
    if (project.optionalDependencies === undefined) {
        throw new PyprojectError(project.file, 'project.dynamic', `lists "optional-dependencies" (needed for extra ${JSON.stringify(extra)} asked by ${askedBy}): they come from the build backend, which wheelhouse cannot run for this file yet`);
    }
    const normalized = (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(extra);
    const list = project.optionalDependencies.get(normalized);
    if (list === undefined) {
        const known = [...project.optionalDependencies.keys()];
        throw new PyprojectError(project.file, 'project.optional-dependencies', `has no extra ${JSON.stringify(extra)} (asked by ${askedBy}; extras: ${known.length === 0 ? 'none' : known.join(', ')})`);
    }
    return list;
}
/** Every extra the project declares (for `--all-extras`). */
function allExtras(project) {
    if (project.optionalDependencies === undefined) {
        throw new PyprojectError(project.file, 'project.dynamic', 'lists "optional-dependencies": --all-extras needs them statically declared');
    }
    return [...project.optionalDependencies.keys()];
}


/***/ }),

/***/ 4369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SF: () => (/* binding */ specifiersByName),
/* harmony export */   Zj: () => (/* binding */ InvalidRequirementError),
/* harmony export */   pP: () => (/* binding */ parseRequirement)
/* harmony export */ });
/* unused harmony export requirementToString */
/* harmony import */ var _markers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(597);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2830);
/* harmony import */ var _specifier_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9350);
/**
 * Dependency specifiers — PEP 508 (as kept current in the PyPA "Dependency specifiers"
 * specification): `name [extras] (versionspec | @ url) ; marker`. Names and extras per the
 * core-metadata name rules, extras normalized per PEP 685; version specifiers with or without
 * parentheses (PEP 440 clauses); a URL runs to the next whitespace, and a marker after a URL needs
 * whitespace before its `;` (otherwise the `;` belongs to the URL).
 * Not supported: URLs without a scheme (a requirement URL must be absolute, e.g. https: or file:);
 * pip's requirement-file extensions (options, paths, editables) — see requirements-file.ts.
 */



/**
 * The version specifiers of `requirements` merged per project, as pip intersects every
 * requirement on one project: one SpecifierSet each (a clause given twice kept once), in the order
 * the projects first appear. Linear in the requirements (a 100,000-line file naming one project
 * makes one set, not 100,000 intersections).
 */
function specifiersByName(requirements) {
    const builders = new Map();
    for (const r of requirements) {
        const builder = builders.get(r.name);
        if (builder === undefined)
            builders.set(r.name, new _specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .SpecifierSetBuilder */ .kv(r.specifier));
        else
            builder.add(r.specifier);
    }
    const sets = new Map();
    for (const [name, builder] of builders)
        sets.set(name, builder.set);
    return sets;
}
class InvalidRequirementError extends Error {
    input;
    column;
    reason;
    constructor(input, 
    /** 0-based offset into `input`. */
    column, reason) {
        super(`invalid requirement ${JSON.stringify(input)}: ${reason} at column ${column}`);
        this.input = input;
        this.column = column;
        this.reason = reason;
        this.name = 'InvalidRequirementError';
    }
}
/**
 * packaging's IDENTIFIER token, `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: the longest run that ends at a
 * word boundary (Python's Unicode `\w`), so `foo_` is a name and `foo-` stops before the `-`.
 */
const NAME_RE = /[A-Za-z0-9][A-Za-z0-9._-]*/y;
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;
function identifierAt(text, start) {
    if (start > 0 && WORD_CHAR.test(text[start - 1]))
        return null;
    NAME_RE.lastIndex = start;
    const m = NAME_RE.exec(text);
    if (m === null)
        return null;
    for (let end = start + m[0].length; end > start; end--) {
        const next = text[end];
        if (WORD_CHAR.test(text[end - 1]) && (next === undefined || !WORD_CHAR.test(next))) {
            return text.slice(start, end);
        }
    }
    return null;
}
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const URL_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Parses one PEP 508 requirement; throws InvalidRequirementError with a 0-based column. */
function parseRequirement(text) {
    let i = 0;
    const fail = (reason, at = i) => {
        throw new InvalidRequirementError(text, at, reason);
    };
    const ws = () => {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t'))
            i++;
    };
    const name = (what) => {
        const id = identifierAt(text, i);
        if (id === null)
            return fail(`expected ${what}`);
        i += id.length;
        return id;
    };
    ws();
    const rawName = name('a package name');
    ws();
    const extras = new Set();
    if (text[i] === '[') {
        i++;
        ws();
        if (text[i] !== ']') {
            for (;;) {
                extras.add((0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(name('an extra name')));
                ws();
                if (text[i] === ']')
                    break;
                if (text[i] !== ',')
                    fail('expected "," or "]" after an extra name');
                i++;
                ws();
            }
        }
        i++;
        ws();
    }
    const specs = [];
    let url;
    if (text[i] === '@') {
        i++;
        ws();
        const start = i;
        while (i < text.length && text[i] !== ' ' && text[i] !== '\t')
            i++;
        url = text.slice(start, i);
        if (url === '')
            fail('expected a URL after "@"');
        if (!URL_SCHEME_RE.test(url))
            fail(`expected an absolute URL with a scheme, got "${url}"`, start);
        ws();
        if (i < text.length && text[i] !== ';')
            fail('expected ";" or the end after the URL');
    }
    else {
        const parens = text[i] === '(';
        if (parens) {
            i++;
            ws();
        }
        const atOperator = () => OPERATORS.find((op) => text.startsWith(op, i));
        if (parens || atOperator() !== undefined) {
            // packaging's version_many: clauses separated by commas; one trailing comma (and empty
            // parentheses) are accepted, and the list simply ends where no operator follows.
            for (let afterComma = false;; afterComma = true) {
                const op = atOperator();
                if (op === undefined) {
                    if (afterComma && i < text.length && text[i] !== ';' && text[i] !== ')') {
                        fail('expected a version operator (~=, ==, !=, <=, >=, <, >, ===)');
                    }
                    break;
                }
                i += op.length;
                ws();
                const start = i;
                if (op === '===') {
                    // packaging's `===` token runs to whitespace, `;` or `)` — commas included — and the
                    // specifier text is then split on commas, so `===1.0,<2` is two clauses.
                    while (i < text.length && !/[\s;)]/.test(text[i]))
                        i++;
                    const [first, ...more] = text.slice(start, i).split(',');
                    const problem = (0,_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .specifierVersionProblem */ .CQ)(op, first);
                    if (problem !== null)
                        fail(problem, start);
                    specs.push(_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .Specifier */ .JZ.parse(`${op}${first}`));
                    let at = start + first.length + 1;
                    for (const part of more) {
                        if (part !== '') {
                            try {
                                specs.push(_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .Specifier */ .JZ.parse(part));
                            }
                            catch (e) {
                                if (e instanceof _specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidSpecifierError */ .YC)
                                    fail(e.reason, at);
                                throw e;
                            }
                        }
                        at += part.length + 1;
                    }
                }
                else {
                    while (i < text.length && !/[\s,;()]/.test(text[i]))
                        i++;
                    const version = text.slice(start, i);
                    const problem = (0,_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .specifierVersionProblem */ .CQ)(op, version);
                    if (problem !== null)
                        fail(problem, start);
                    specs.push(_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .Specifier */ .JZ.parse(`${op}${version}`));
                }
                ws();
                if (text[i] !== ',')
                    break;
                i++;
                ws();
            }
            if (parens) {
                if (text[i] !== ')')
                    fail('expected "," or ")" after a version specifier');
                i++;
                ws();
            }
        }
    }
    let marker;
    if (text[i] === ';') {
        const start = i + 1;
        try {
            marker = (0,_markers_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMarker */ .gY)(text.slice(start));
        }
        catch (e) {
            if (e instanceof _markers_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidMarkerError */ .w9)
                fail(e.reason, start + e.column);
            throw e;
        }
    }
    else if (i < text.length) {
        fail(specs.length > 0
            ? 'expected "," or ";" or the end after a version specifier'
            : 'expected "[", "(", a version operator, "@", ";" or the end after the name');
    }
    const normalized = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(rawName);
    const req = {
        // The name as written when already normalized (the usual case): one string, not two, per line.
        name: normalized === rawName ? rawName : normalized,
        rawName,
        extras: [...extras].sort(),
        specifier: new _specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .SpecifierSet */ .dw(specs),
        text,
    };
    if (url !== undefined)
        req.url = url;
    if (marker !== undefined)
        req.marker = marker;
    return req;
}
/** Normalized text: `name[extras]specifiers; marker` or `name[extras] @ url ; marker`. */
function requirementToString(r) {
    let s = r.name + (r.extras.length > 0 ? `[${r.extras.join(',')}]` : '');
    if (r.url !== undefined)
        s += ` @ ${r.url}${r.marker !== undefined ? ' ' : ''}`;
    else
        s += r.specifier.toString();
    if (r.marker !== undefined)
        s += `; ${markerToString(r.marker)}`;
    return s;
}


/***/ }),

/***/ 3437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Or: () => (/* binding */ mayUseSdist),
/* harmony export */   dK: () => (/* binding */ emptyBinaryRule),
/* harmony export */   l$: () => (/* binding */ applyBinaryValue),
/* harmony export */   sf: () => (/* binding */ mayUseWheel),
/* harmony export */   tv: () => (/* binding */ applyBinaryOption)
/* harmony export */ });
/* unused harmony export allowedFormats */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2830);
/**
 * pip's format control — `--no-binary` and `--only-binary` as documented in `pip install --help`
 * ("Accepts either ":all:" to disable all binary packages, ":none:" to empty the set, or one or
 * more package names with commas between them") with the precedence of pip 23.x
 * `FormatControl.handle_mutual_excludes` and `get_allowed_formats`. Answers "may the resolver use
 * a wheel / an sdist of project X".
 * Not supported: nothing of pip's format control is left out.
 */

function emptyBinaryRule() {
    return { all: false, names: [] };
}
/**
 * Applies one `--no-binary`/`--only-binary` value to `target`, removing named projects from
 * `other` — pip's `FormatControl.handle_mutual_excludes`: the value is comma-separated;
 * `:all:` clears both rules and sets `target.all` (names after it are ignored unless a
 * `:none:` follows); `:none:` empties `target`; a name moves from `other` to `target`.
 * Returns the invalid names found (they are not applied).
 */
function applyBinaryValue(value, target, other) {
    let items = value.split(',');
    const invalid = [];
    while (items.includes(':all:')) {
        other.all = false;
        other.names = [];
        target.all = true;
        target.names = [];
        items = items.slice(items.indexOf(':all:') + 1);
        if (!items.includes(':none:'))
            return invalid;
    }
    for (const item of items) {
        if (item === ':none:') {
            target.all = false;
            target.names = [];
            continue;
        }
        if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)(item)) {
            invalid.push(item);
            continue;
        }
        const name = (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(item);
        other.names = other.names.filter((n) => n !== name);
        if (!target.names.includes(name))
            target.names.push(name);
    }
    return invalid;
}
/**
 * Applies one `--only-binary` / `--no-binary` value to the pair of rules it changes (pip's
 * FormatControl callbacks). Returns the invalid names, as applyBinaryValue.
 */
function applyBinaryOption(option, value, rules) {
    return option === 'no-binary'
        ? applyBinaryValue(value, rules.noBinary, rules.onlyBinary)
        : applyBinaryValue(value, rules.onlyBinary, rules.noBinary);
}
/**
 * pip's `FormatControl.get_allowed_formats`: an explicit name in `--only-binary` forbids sdists;
 * else an explicit name in `--no-binary` forbids wheels; else `--only-binary :all:` forbids
 * sdists; else `--no-binary :all:` forbids wheels.
 */
function allowedFormats(rules, name) {
    if (rules.onlyBinary.names.includes(name))
        return { wheel: true, sdist: false };
    if (rules.noBinary.names.includes(name))
        return { wheel: false, sdist: true };
    if (rules.onlyBinary.all)
        return { wheel: true, sdist: false };
    if (rules.noBinary.all)
        return { wheel: false, sdist: true };
    return { wheel: true, sdist: true };
}
/** May the resolver use a wheel of project `name`? */
function mayUseWheel(rules, name) {
    return allowedFormats(rules, name).wheel;
}
/** May the resolver use an sdist of project `name`? */
function mayUseSdist(rules, name) {
    return allowedFormats(rules, name).sdist;
}


/***/ }),

/***/ 1548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KQ: () => (/* binding */ defaultOptions),
/* harmony export */   PA: () => (/* binding */ checkHash),
/* harmony export */   Ry: () => (/* binding */ applyLineOptions),
/* harmony export */   l$: () => (/* reexport safe */ _requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__.l$),
/* harmony export */   mB: () => (/* binding */ parseOptionWords),
/* harmony export */   tv: () => (/* reexport safe */ _requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__.tv)
/* harmony export */ });
/* unused harmony exports OPTION_SPECS, HASH_HEX_LENGTHS */
/* harmony import */ var _requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3437);
/**
 * Options of a pip requirements file — pip's "Requirements File Format" reference, sections
 * "Global options" and "Per-requirement options", with the option semantics of pip's
 * command line (`pip install --help`): optparse-style spelling (`-rFILE`, `-r FILE`,
 * `--requirement=FILE`, `--requirement FILE`, unambiguous long-option prefixes), the
 * `--no-binary`/`--only-binary` values (format control in requirements-file-binary.ts), `--hash` and `--config-settings` argument forms.
 *
 * Not supported: options pip does not accept in requirements files (they are problems, as in
 * pip); `--use-feature` is accepted and recorded but has no meaning here.
 */

// Re-exported for callers that import the format control from here.

// pip 23.x SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ (src/pip/_internal/req/req_file.py).
const OPTION_SPECS = [
    { name: 'index-url', long: ['index-url', 'pypi-url'], short: 'i', takesValue: true, scope: 'line' },
    { name: 'extra-index-url', long: ['extra-index-url'], takesValue: true, scope: 'line' },
    { name: 'no-index', long: ['no-index'], takesValue: false, scope: 'line' },
    { name: 'constraint', long: ['constraint'], short: 'c', takesValue: true, scope: 'line' },
    { name: 'requirement', long: ['requirement'], short: 'r', takesValue: true, scope: 'line' },
    { name: 'editable', long: ['editable'], short: 'e', takesValue: true, scope: 'line' },
    { name: 'find-links', long: ['find-links'], short: 'f', takesValue: true, scope: 'line' },
    { name: 'no-binary', long: ['no-binary'], takesValue: true, scope: 'line' },
    { name: 'only-binary', long: ['only-binary'], takesValue: true, scope: 'line' },
    { name: 'prefer-binary', long: ['prefer-binary'], takesValue: false, scope: 'line' },
    { name: 'require-hashes', long: ['require-hashes'], takesValue: false, scope: 'line' },
    { name: 'pre', long: ['pre'], takesValue: false, scope: 'line' },
    { name: 'trusted-host', long: ['trusted-host'], takesValue: true, scope: 'line' },
    { name: 'use-feature', long: ['use-feature'], takesValue: true, scope: 'line' },
    { name: 'global-option', long: ['global-option'], takesValue: true, scope: 'requirement' },
    { name: 'hash', long: ['hash'], takesValue: true, scope: 'requirement' },
    { name: 'config-settings', long: ['config-settings'], short: 'C', takesValue: true, scope: 'requirement' },
];
function findLong(name) {
    for (const spec of OPTION_SPECS)
        if (spec.long.includes(name))
            return { spec };
    // optparse accepts any unambiguous prefix of a long option.
    const matches = OPTION_SPECS.flatMap((spec) => spec.long.filter((l) => l.startsWith(name)).map((l) => ({ spec, l })));
    const specs = new Set(matches.map((m) => m.spec));
    if (specs.size === 1)
        return { spec: matches[0]?.spec };
    if (specs.size > 1)
        return { ambiguous: matches.map((m) => `--${m.l}`) };
    return {};
}
/**
 * Reads option words the way optparse does for pip's parser. Words that are not options (no
 * leading `-`) are problems: pip would ignore them silently.
 */
function parseOptionWords(words) {
    const options = [];
    const problems = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const needValue = (spec, label) => {
            const next = words[i + 1];
            if (!next) {
                problems.push({ message: `option ${label} requires a value`, start: word.start, end: word.end });
                return undefined;
            }
            i += 1;
            return next;
        };
        // `--opt value` / `-r value`: the option runs through its value, the next word.
        const pushSeparateValue = (spec, label) => {
            const next = needValue(spec, label);
            if (next)
                options.push({
                    spec,
                    value: next.value,
                    start: word.start,
                    end: next.end,
                    valueStart: next.start,
                    valueEnd: next.end,
                });
        };
        // An unknown option may take a value: the word after it is not reported again.
        const skipValueOfUnknown = () => {
            if (!word.value.includes('=') && words[i + 1] && !words[i + 1]?.value.startsWith('-'))
                i += 1;
        };
        if (word.value.startsWith('--') && word.value.length > 2) {
            const eq = word.value.indexOf('=');
            const name = eq >= 0 ? word.value.slice(2, eq) : word.value.slice(2);
            const found = findLong(name);
            if (!found.spec) {
                const message = found.ambiguous
                    ? `ambiguous option --${name} (could be ${found.ambiguous.join(', ')})`
                    : `unknown option --${name}`;
                problems.push({ message, start: word.start, end: word.end });
                skipValueOfUnknown();
                continue;
            }
            const spec = found.spec;
            const label = `--${spec.long[0]}`;
            if (!spec.takesValue) {
                if (eq >= 0)
                    problems.push({
                        message: `option ${label} does not take a value`,
                        start: word.start,
                        end: word.end,
                    });
                else
                    options.push({
                        spec,
                        value: '',
                        start: word.start,
                        end: word.end,
                        valueStart: word.start,
                        valueEnd: word.end,
                    });
                continue;
            }
            if (eq >= 0) {
                // The value's offset is exact only when the word was written without quotes.
                const valueStart = Math.min(word.start + eq + 1, word.end);
                options.push({
                    spec,
                    value: word.value.slice(eq + 1),
                    start: word.start,
                    end: word.end,
                    valueStart,
                    valueEnd: word.end,
                });
            }
            else
                pushSeparateValue(spec, label);
            continue;
        }
        if (word.value.startsWith('-') && word.value.length > 1 && !word.value.startsWith('--')) {
            const letter = word.value[1] ?? '';
            const spec = OPTION_SPECS.find((s) => s.short === letter);
            if (!spec) {
                problems.push({ message: `unknown option -${letter}`, start: word.start, end: word.end });
                if (word.value.length === 2)
                    skipValueOfUnknown();
                continue;
            }
            const label = `-${letter}`;
            if (!spec.takesValue) {
                options.push({
                    spec,
                    value: '',
                    start: word.start,
                    end: word.start + 2,
                    valueStart: word.start,
                    valueEnd: word.end,
                });
                continue;
            }
            if (word.value.length > 2) {
                // `-rfile`: the rest of the word is the value (optparse keeps a leading `=` too).
                options.push({
                    spec,
                    value: word.value.slice(2),
                    start: word.start,
                    end: word.end,
                    valueStart: word.start + 2,
                    valueEnd: word.end,
                });
            }
            else
                pushSeparateValue(spec, label);
            continue;
        }
        problems.push({ message: `unexpected argument after options`, start: word.start, end: word.end });
    }
    return { options, problems };
}
/** pip's STRONG_HASHES with their hex digest lengths. */
const HASH_HEX_LENGTHS = { sha256: 64, sha384: 96, sha512: 128 };
/**
 * Validates a `--hash` value `ALGO:HEX` (pip accepts sha256, sha384, sha512) and returns it
 * normalized to lowercase hex, or a message saying what is wrong.
 */
function checkHash(value) {
    const colon = value.indexOf(':');
    if (colon < 0)
        return { message: `--hash must be ALGORITHM:HEX, like --hash=sha256:0123…` };
    const algorithm = value.slice(0, colon);
    const hex = value.slice(colon + 1);
    const length = HASH_HEX_LENGTHS[algorithm];
    if (length === undefined) {
        return {
            message: `unsupported hash algorithm ${JSON.stringify(algorithm)} (allowed: ${Object.keys(HASH_HEX_LENGTHS).join(', ')})`,
        };
    }
    if (!/^[0-9a-fA-F]*$/.test(hex))
        return { message: `${algorithm} digest is not hexadecimal` };
    if (hex.length !== length)
        return { message: `${algorithm} digest must be ${length} hex digits, not ${hex.length}` };
    return { hash: `${algorithm}:${hex.toLowerCase()}` };
}
function defaultOptions() {
    return {
        extraIndexUrls: [],
        findLinks: [],
        noIndex: false,
        pre: false,
        onlyBinary: (0,_requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyBinaryRule */ .dK)(),
        noBinary: (0,_requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyBinaryRule */ .dK)(),
        binaryValues: [],
        preferBinary: false,
        trustedHosts: [],
        requireHashes: false,
        useFeatures: [],
    };
}
/**
 * Applies the finder options of one option line in pip's order (`handle_option_line`):
 * `--no-index` drops every index and later index options are ignored; `-i` replaces the whole
 * index list (so it also drops earlier `--extra-index-url`s); extra index URLs of the line are
 * then appended. Find-links, trusted hosts and features accumulate; flags only turn on.
 * Binary options are applied in the order written, as pip's option callbacks do.
 * Returns problems (invalid project names in binary options) with their option.
 */
function applyLineOptions(target, options) {
    const problems = [];
    const values = (name) => options.filter((o) => o.spec.name === name);
    for (const option of options) {
        if (option.spec.name !== 'no-binary' && option.spec.name !== 'only-binary')
            continue;
        if (option.value.startsWith('-') || option.value === '') {
            problems.push({
                option,
                message: `--${option.spec.name} requires a value (:all:, :none: or project names)`,
            });
            continue;
        }
        const bad = (0,_requirements_file_binary_js__WEBPACK_IMPORTED_MODULE_0__/* .applyBinaryOption */ .tv)(option.spec.name, option.value, target);
        for (const name of bad) {
            problems.push({
                option,
                message: `invalid project name ${JSON.stringify(name)} in --${option.spec.name}`,
            });
        }
        if (bad.length === 0)
            target.binaryValues.push({ option: option.spec.name, value: option.value });
    }
    if (values('no-index').length > 0) {
        target.noIndex = true;
        target.indexUrl = undefined;
        target.extraIndexUrls = [];
    }
    if (!target.noIndex) {
        // optparse keeps the last -i of a line; pip ignores an empty one.
        const index = values('index-url').at(-1);
        if (index && index.value !== '') {
            target.indexUrl = index.value;
            target.extraIndexUrls = [];
        }
        for (const extra of values('extra-index-url'))
            target.extraIndexUrls.push(extra.value);
    }
    for (const link of values('find-links'))
        target.findLinks.push(link.value);
    if (values('pre').length > 0)
        target.pre = true;
    if (values('prefer-binary').length > 0)
        target.preferBinary = true;
    if (values('require-hashes').length > 0)
        target.requireHashes = true;
    for (const host of values('trusted-host'))
        target.trustedHosts.push(host.value);
    for (const feature of values('use-feature')) {
        if (!target.useFeatures.includes(feature.value))
            target.useFeatures.push(feature.value);
    }
    return problems;
}


/***/ }),

/***/ 4365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N9: () => (/* binding */ RequirementsFileError),
/* harmony export */   UY: () => (/* binding */ redactCredentials)
/* harmony export */ });
/* unused harmony export formatProblem */
/**
 * Problems found in pip requirements files (see requirements-file.ts): where each is (file,
 * 1-based line and column in the physical line), what is wrong, and the offending text as
 * written; all of them thrown together as one RequirementsFileError whose message has one
 * `path:line:col: message: text` per line. Passwords in `scheme://user:password@host` URLs are
 * masked in everything shown.
 * Not supported: nothing beyond that.
 */
/** Hides the password of `scheme://user:password@host` URLs in text shown to people. */
function redactCredentials(text) {
    return text.replace(
    // The look-behind keeps it linear on a long run of scheme-like characters (`a.a.a…`): a match
    // starts where the run starts (what runs before the scheme is kept as written).
    /(?<![A-Za-z0-9+.-])([A-Za-z0-9+.-]+:\/\/)([^/@\s]*)@/g, (_m, scheme, userinfo) => {
        const colon = userinfo.indexOf(':');
        return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****'}@`;
    });
}
function formatProblem(p) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    return p.text === '' ? `${where}: ${p.message}` : `${where}: ${p.message}: ${p.text}`;
}
class RequirementsFileError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'RequirementsFileError';
    }
}


/***/ }),

/***/ 9350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CQ: () => (/* binding */ specifierVersionProblem),
/* harmony export */   JZ: () => (/* binding */ Specifier),
/* harmony export */   YC: () => (/* binding */ InvalidSpecifierError),
/* harmony export */   dw: () => (/* binding */ SpecifierSet),
/* harmony export */   kv: () => (/* binding */ SpecifierSetBuilder)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7174);
/**
 * Version specifiers — PEP 440 "Version specifiers" section (compatible release `~=`, version
 * matching `==` with prefix `.*` and local-version rules, exclusion `!=`, inclusive `<=`/`>=`,
 * exclusive `<`/`>` with their pre-, post- and local-release exclusions, arbitrary equality `===`)
 * and "Handling of pre-releases", applied the way pip 26 does it (packaging 26's
 * SpecifierSet.filter): a specifier naming a pre-release admits pre-releases, `--pre` admits all,
 * otherwise pre-releases are used only when no final release satisfies the set; `contains()`
 * without a choice admits a matching pre-release (nothing else is left to choose from).
 * Empty clauses (`">=3.6,"`, `",,"`) are skipped, as packaging's SpecifierSet does.
 * Exclusive comparisons as packaging 26: `<V` (V final or post) excludes only V's own
 * pre-releases at or above `V.dev0` (so `<1.0.post1` admits `1.0a1`); `>V` (V not a post
 * release) excludes only post releases of exactly V (so `>1.0a1` admits `1.0.post1`) and local
 * versions whose public part is V.
 * `~=` takes its prefix from the parsed release, so `~=1.0c1` means `>=1.0rc1, ==1.*` exactly as
 * `~=1.0rc1` does. packaging is buggy here: it splits the specifier text as written and, not
 * recognising `c1`, `.r1` or `.pre1` as suffixes, turns `~=1.0c1` into `==1.0.*` (a deliberate
 * difference, in the conformance divergence list).
 * Not supported: legacy (non-PEP 440) candidate versions — `===` compares against normalized
 * Version strings only (as pip does: it filters `str(version)`), so `===foobar` never matches.
 */

class InvalidSpecifierError extends Error {
    input;
    part;
    reason;
    constructor(input, part, reason) {
        super(input === part
            ? `invalid specifier ${JSON.stringify(input)}: ${reason}`
            : `invalid specifier ${JSON.stringify(input)}: ${reason} in ${JSON.stringify(part)}`);
        this.input = input;
        this.part = part;
        this.reason = reason;
        this.name = 'InvalidSpecifierError';
    }
}
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const OPERATOR_RE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(.*?)\s*$/s;
/** Epoch and release with a trailing `.*`, as allowed after `==` and `!=`. */
const WILDCARD_RE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)\.\*$/i;
/** packaging's `===` operand: anything without whitespace, `;` or `)` — even nothing. */
const ARBITRARY_RE = /^[^\s;)]*$/;
/** The prefix of every specifier that has none (most of them), shared rather than one `[]` each. */
const NO_PREFIX = Object.freeze([]);
function wildcardMatch(v, epoch, prefix) {
    if (v.epoch !== epoch)
        return false;
    // The candidate's release is zero-padded to the prefix length (PEP 440 "Version matching").
    for (let i = 0; i < prefix.length; i++)
        if ((v.release[i] ?? 0) !== prefix[i])
            return false;
    return true;
}
/**
 * Why `version` is not acceptable after `op`, or null when it is. Shared with the PEP 508
 * requirement parser so its errors can point at the version.
 */
function specifierVersionProblem(op, version) {
    if (op === '===')
        return ARBITRARY_RE.test(version) ? null : `"===" takes a version without whitespace`;
    if (version === '')
        return `expected a version after "${op}"`;
    if (version.endsWith('.*')) {
        if (op !== '==' && op !== '!=')
            return `"${op}" does not allow a ".*" wildcard`;
        if (!WILDCARD_RE.test(version))
            return `"${version}" is not a valid version prefix`;
        // The prefix must also be representable (Version refuses numbers beyond 2^53 - 1).
        return _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.tryParse(version.slice(0, -2)) === null
            ? `"${version}" is not a valid version prefix`
            : null;
    }
    const v = _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.tryParse(version);
    if (v === null || /\s/.test(version))
        return `"${version}" is not a valid version`;
    if (v.local !== undefined && op !== '==' && op !== '!=')
        return `"${op}" does not allow a local version`;
    if (op === '~=' && v.release.length < 2)
        return `"~=" needs a version with at least two release segments`;
    return null;
}
/** Whether `v` without its post, dev and local parts equals `spec` (packaging `_post_base(v) == spec`). */
function postBaseEquals(v, spec) {
    const { epoch, release, pre } = v;
    const base = _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.fromParts({ epoch, release, ...(pre !== undefined ? { pre } : {}) });
    return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(base, spec) === 0;
}
class Specifier {
    operator;
    /** Parsed version (undefined only for `===`). For wildcards: the prefix as a Version. */
    version;
    wildcard;
    /** The version text: normalized, or as written for `===`. */
    versionText;
    /** Whether this specifier on its own admits pre-releases (packaging's `Specifier.prereleases`). */
    mentionsPrerelease;
    prefix;
    /** For `<V`: `V.dev0` (V with dev 0), the first pre-release of V that `<V` excludes. */
    earliestPre;
    constructor(operator, versionText) {
        this.operator = operator;
        this.wildcard = versionText.endsWith('.*') && operator !== '===';
        if (operator === '===') {
            this.versionText = versionText;
            this.prefix = NO_PREFIX;
            this.mentionsPrerelease = _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.tryParse(versionText)?.isPrerelease ?? false;
            return;
        }
        const v = _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.parse(this.wildcard ? versionText.slice(0, -2) : versionText);
        this.version = v;
        this.versionText = this.wildcard ? `${v.toString()}.*` : v.toString();
        // `~=` matches the prefix of its release without the last segment.
        this.prefix = this.wildcard ? v.release : operator === '~=' ? v.release.slice(0, -1) : NO_PREFIX;
        this.mentionsPrerelease = operator !== '!=' && !this.wildcard && v.isPrerelease;
        if (operator === '<' && !v.isPrerelease) {
            const { epoch, release, pre, post } = v;
            this.earliestPre = _version_js__WEBPACK_IMPORTED_MODULE_0__/* .Version */ .Rx.fromParts({
                epoch,
                release,
                ...(pre !== undefined ? { pre } : {}),
                ...(post !== undefined ? { post } : {}),
                dev: 0,
            });
        }
    }
    /** Parses one clause like `>= 1.0` or `==2.*`; throws InvalidSpecifierError. */
    static parse(text) {
        const m = OPERATOR_RE.exec(text);
        if (m === null) {
            throw new InvalidSpecifierError(text, text, 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)');
        }
        // The constant, not the matched copy: one operator string per specifier adds up over 100,000 lines.
        const op = OPERATORS.find((o) => o === m[1]);
        const problem = specifierVersionProblem(op, m[2]);
        if (problem !== null)
            throw new InvalidSpecifierError(text, text, problem);
        return new Specifier(op, m[2]);
    }
    /** Operator semantics only, ignoring the pre-release policy. */
    matches(v) {
        const spec = this.version;
        if (spec === undefined)
            return v.toString().toLowerCase() === this.versionText.toLowerCase();
        switch (this.operator) {
            case '==':
                return this.equalMatch(v);
            case '!=':
                return !this.equalMatch(v);
            case '~=':
                return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, spec) >= 0 && wildcardMatch(v, spec.epoch, this.prefix);
            case '<=':
                return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, spec) <= 0;
            case '>=':
                return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, spec) >= 0;
            case '<':
                if ((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, spec) >= 0)
                    return false;
                // `<V` excludes pre-releases of V unless V is a pre-release: those from `V.dev0` up.
                return this.earliestPre === undefined || !v.isPrerelease || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, this.earliestPre) < 0;
            case '>':
                if ((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, spec) <= 0)
                    return false;
                // `>V` excludes post-releases of exactly V unless V is one (packaging `_post_base`: V
                // without post, dev and local) …
                if (!spec.isPostrelease && v.isPostrelease && postBaseEquals(v, spec))
                    return false;
                // … and local versions of V (public part equal to V).
                return v.local === undefined || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, spec) !== 0;
            default:
                return false;
        }
    }
    equalMatch(v) {
        const spec = this.version;
        if (this.wildcard)
            return wildcardMatch(v, spec.epoch, this.prefix);
        // Without a local label in the specifier, the candidate's local label is ignored.
        return (spec.local === undefined ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, spec) : (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, spec)) === 0;
    }
    /**
     * packaging 26's `Specifier.contains`: with `prereleases: false` a pre-release never matches;
     * otherwise (true, or no choice — a lone pre-release is "the only version there is") the
     * operator decides.
     */
    contains(v, opts) {
        if (v.isPrerelease && opts?.prereleases === false)
            return false;
        return this.matches(v);
    }
    toString() {
        return `${this.operator}${this.versionText}`;
    }
}
class SpecifierSet {
    /** Deduplicated, in stable (sorted by string) order. */
    specifiers;
    /** True when any specifier names a pre-release, so the set admits pre-releases. */
    mentionsPrerelease;
    constructor(specifiers = []) {
        const byText = new Map();
        for (const s of specifiers)
            byText.set(s.toString(), s);
        this.specifiers = Object.freeze([...byText.keys()].sort().map((k) => byText.get(k)));
        this.mentionsPrerelease = this.specifiers.some((s) => s.mentionsPrerelease);
    }
    /**
     * Comma-separated clauses, whitespace tolerant; empty text means "any version". Empty clauses
     * are skipped as packaging does (`Requires-Python: >=3.6,` occurs in real metadata).
     */
    static parse(text) {
        const specs = [];
        for (const part of text.split(',')) {
            if (part.trim() === '')
                continue;
            try {
                specs.push(Specifier.parse(part));
            }
            catch (e) {
                if (e instanceof InvalidSpecifierError)
                    throw new InvalidSpecifierError(text, part.trim(), e.reason);
                throw e;
            }
        }
        return new SpecifierSet(specs);
    }
    get isEmpty() {
        return this.specifiers.length === 0;
    }
    /**
     * The intersection of two sets (all clauses of both). It copies both, so intersecting many sets
     * one `and` at a time is quadratic: use SpecifierSetBuilder for that.
     */
    and(other) {
        return new SpecifierSet([...this.specifiers, ...other.specifiers]);
    }
    /** Operator semantics of every clause, ignoring the pre-release policy. */
    matches(v) {
        // Indexed: called for every candidate of every requirement, an iterator each time adds up.
        const specifiers = this.specifiers;
        for (let i = 0; i < specifiers.length; i++)
            if (!specifiers[i].matches(v))
                return false;
        return true;
    }
    /**
     * Containment of one version (packaging 26's SpecifierSet.contains): with `prereleases: false`
     * a pre-release never matches; otherwise the clauses decide (a lone pre-release that matches
     * is admitted, as there is no final release to prefer).
     */
    contains(v, opts) {
        if (v.isPrerelease && opts?.prereleases === false)
            return false;
        return this.matches(v);
    }
    /**
     * pip's candidate filter: versions matching every clause; pre-releases are kept when
     * `prereleases` is true or a clause names a pre-release, and otherwise only when no final
     * release matches (never when `prereleases` is false). Input order is preserved.
     */
    filter(versions, opts) {
        const explicit = opts?.prereleases;
        const matching = versions.filter((v) => this.matches(v));
        if (explicit === true || (explicit === undefined && this.mentionsPrerelease))
            return matching;
        const finals = matching.filter((v) => !v.isPrerelease);
        if (finals.length > 0 || explicit === false)
            return finals;
        return matching;
    }
    toString() {
        return this.specifiers.join(',');
    }
}
/**
 * The intersection of any number of sets, built in linear time: clauses are collected (each
 * distinct clause once) and the set is made when asked for, then reused until a new clause comes.
 * (100,000 requirement lines naming one project with distinct clauses took minutes through `and`.)
 */
class SpecifierSetBuilder {
    byText = new Map();
    built;
    constructor(...sets) {
        for (const set of sets)
            this.add(set);
    }
    add(set) {
        for (const s of set.specifiers) {
            const key = s.toString();
            if (this.byText.has(key))
                continue;
            this.byText.set(key, s);
            this.built = undefined;
        }
        return this;
    }
    get set() {
        this.built ??= new SpecifierSet(this.byText.values());
        return this.built;
    }
}


/***/ }),

/***/ 4282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LW: () => (/* binding */ readTextBounded),
/* harmony export */   uA: () => (/* binding */ InputTooLargeError)
/* harmony export */ });
/* unused harmony export INPUT_FILE_LIMIT */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Reads a text input file (requirements, pyproject.toml, uv.lock, pylock.toml) with a size limit
 * enforced while reading: a file that grows past the limit, or a device that never ends, stops at
 * the limit with an error naming the file, never fills memory.
 */

/** Input files larger than this are refused (real uv.lock files of big workspaces are ~2–5 MB). */
const INPUT_FILE_LIMIT = 64 * 1024 * 1024;
class InputTooLargeError extends Error {
    name = 'InputTooLargeError';
}
async function readTextBounded(path, shown, limit = INPUT_FILE_LIMIT) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        const chunks = [];
        let total = 0;
        const chunk = Buffer.allocUnsafe(1024 * 1024);
        for (;;) {
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            if (total > limit) {
                throw new InputTooLargeError(`${shown}: larger than ${limit} bytes; refusing to read it as an input file`);
            }
            chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
        }
        return Buffer.concat(chunks, total).toString('utf8');
    }
    finally {
        await handle.close();
    }
}


/***/ }),

/***/ 2678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ fileSha256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);


const CHUNK = 1024 * 1024;
/**
 * Files read at once by this process; later calls wait their turn. The hashing itself runs on
 * the calling thread, so more reads in flight add memory, not speed: the resolver asks for the
 * digests of every local wheel at once (139 for real-ds), which held 139 × 1 MiB of read buffers.
 */
const MAX_READING = 4;
let reading = 0;
const waiting = [];
/** Read buffers of finished calls, reused by the next ones (at most MAX_READING are kept). */
const spare = [];
/**
 * The sha256 (lower-case hex) and size of a file, read in 1 MiB chunks (memory stays bounded
 * whatever the file size; larger reads than the stream default of 64 KiB cost a fraction of the
 * system calls and callbacks on wheels of hundreds of MB). One buffer per call, reused for every
 * chunk and then by later calls: a read stream allocated a fresh 1 MiB buffer per chunk, and
 * hashing a 360 MB wheel set left up to ~240 MB of dead buffers waiting for the garbage collector
 * (measured with process.memoryUsage().arrayBuffers during `wheelhouse install`). Rejects with the
 * fs error (ENOENT, EISDIR, …) unchanged.
 */
async function fileSha256(path) {
    // A finishing call hands its slot straight to the first waiter.
    if (reading >= MAX_READING)
        await new Promise((go) => waiting.push(go));
    else
        reading++;
    try {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        let size = 0;
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, 'r');
        const buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK);
        try {
            for (;;) {
                const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
                if (bytesRead === 0)
                    break;
                hash.update(buffer.subarray(0, bytesRead));
                size += bytesRead;
            }
        }
        finally {
            if (spare.length < MAX_READING)
                spare.push(buffer);
            await handle.close();
        }
        return { sha256: hash.digest('hex'), size };
    }
    finally {
        const next = waiting.shift();
        if (next !== undefined)
            next();
        else
            reading--;
    }
}


/***/ }),

/***/ 1392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ escapeLogText)
/* harmony export */ });
/**
 * The one escaping step of every line wheelhouse prints (the CLI's stderr logger, the action's
 * core logger, failure messages): text that came from an index or a file (a distribution file
 * name, a yanked reason, a Requires-Python value, a METADATA field) must not drive the terminal or
 * the workflow runner.
 *
 *   - Control characters other than newline and tab (ESC starts ANSI sequences; CR rewrites the
 *     line; NUL, BEL, backspace…), DEL, the C1 controls (U+0080–U+009F; U+009B is a one-byte CSI),
 *     Unicode format characters (bidi overrides, zero-width marks) and the line/paragraph
 *     separators U+2028/U+2029 are written as `\xNN` / `\u{NNNN}`.
 *   - A line whose first non-blank characters are `::` would be a workflow command for the GitHub
 *     Actions runner (`::error::`, `::add-mask::`, `::stop-commands::`…; it reads commands from
 *     the step's stdout and stderr lines): its first colon is written as `\x3a`.
 *
 * Newlines stay: messages are multi-line on purpose; the `::` rule covers a newline smuggled in by
 * a yanked reason. Escaping is idempotent on its own output only in the sense that it never makes
 * a line unsafe; a backslash itself is not escaped (it controls nothing).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;
const WORKFLOW_COMMAND = /^([ \t]*):(?=:)/gm;
function escapeChar(c) {
    const code = c.codePointAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
function escapeLogText(text) {
    return text.replace(UNSAFE, escapeChar).replace(WORKFLOW_COMMAND, '$1\\x3a');
}


/***/ }),

/***/ 6618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QT: () => (/* binding */ logGroup),
/* harmony export */   qq: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export RecordingLogger */
/** `logger.group` when the logger has it, else the title and body as one debug message. */
function logGroup(logger, title, body) {
    if (logger.group !== undefined)
        logger.group(title, body);
    else
        logger.debug(`${title}\n${body}`);
}
const silentLogger = {
    debug: () => { },
    info: () => { },
    warn: () => { },
    error: () => { },
};
/** A logger that keeps every line, for tests and for secret-leak checks. */
class RecordingLogger {
    lines = [];
    debug(message) {
        this.lines.push({ level: 'debug', message });
    }
    info(message) {
        this.lines.push({ level: 'info', message });
    }
    warn(message) {
        this.lines.push({ level: 'warn', message });
    }
    error(message) {
        this.lines.push({ level: 'error', message });
    }
    text() {
        return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
    }
}


/***/ })

};
