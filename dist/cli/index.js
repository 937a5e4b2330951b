#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6133:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ stopPipsOnInterrupt),
/* harmony export */   N8: () => (/* binding */ signalPipGroup),
/* harmony export */   TM: () => (/* binding */ pipsStopping),
/* harmony export */   zH: () => (/* binding */ trackPip)
/* harmony export */ });
/* unused harmony exports runningPipCount, stopRunningPips */
const running = new Map();
/** Set once the run is being interrupted: no new pip is started. */
let stopping = false;
const posix = process.platform !== 'win32';
/** Sends `signal` to `child`'s process group (POSIX) or to `child` (Windows); gone already is fine. */
function signalPipGroup(child, signal) {
    try {
        if (posix && child.pid !== undefined)
            process.kill(-child.pid, signal);
        else
            child.kill(signal);
    }
    catch {
        // the group is gone
    }
}
/** Registers a started pip until it exits. */
function trackPip(child) {
    if (child.pid === undefined)
        return;
    const exited = new Promise((resolve) => {
        const done = () => {
            running.delete(child);
            resolve();
        };
        child.once('exit', done);
        child.once('error', done);
    });
    running.set(child, exited);
}
/** Whether the run is being interrupted (runPip starts no new pip then). */
function pipsStopping() {
    return stopping;
}
/** How many pip runs are alive (for tests and messages). */
function runningPipCount() {
    return running.size;
}
function within(ms, waits) {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        void Promise.all(waits).then(() => {
            clearTimeout(timer);
            resolve();
        });
    });
}
/** Ends every running pip run and its process group (see the module comment); bounded by graceMs + killWaitMs. */
async function stopRunningPips(o = {}) {
    stopping = true;
    const children = [...running.keys()];
    if (children.length === 0)
        return 0;
    const exits = [...running.values()];
    for (const child of children)
        signalPipGroup(child, 'SIGINT');
    await within(o.graceMs ?? 2000, exits);
    for (const child of children)
        signalPipGroup(child, 'SIGKILL');
    await within(o.killWaitMs ?? 1000, exits);
    return children.length;
}
/** The shells' termination cleanup: nothing (an immediate exit) when no pip runs, else `stopRunningPips`. */
function stopPipsOnInterrupt() {
    return running.size > 0 ? stopRunningPips() : undefined;
}


/***/ }),

/***/ 3958:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ defaultCacheDir)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * The per-user cache directory of wheelhouse, following each platform's convention:
 * - Linux and other Unix: `$XDG_CACHE_HOME/wheelhouse`, else `~/.cache/wheelhouse`
 *   (XDG Base Directory Specification: a relative XDG_CACHE_HOME is invalid and ignored);
 * - macOS: `~/Library/Caches/wheelhouse`;
 * - Windows: `%LOCALAPPDATA%\wheelhouse\Cache`, else `~\AppData\Local\wheelhouse\Cache`.
 *
 * Paths are built with the path module of `platform` (not the host's), so the answer for a given
 * platform is the same whichever OS computes it. On Unix and macOS the home is `env.HOME` when set
 * (what `os.homedir()` reads from the process's own environment; the env handed in wins, as for
 * netrc.ts), else the account's home directory.
 */
function defaultCacheDir(env = process.env, platform = process.platform, home = platform !== 'win32' && env['HOME'] ? env['HOME'] : (0,node_os__WEBPACK_IMPORTED_MODULE_0__.homedir)()) {
    if (platform === 'win32') {
        const local = env['LOCALAPPDATA'];
        return node_path__WEBPACK_IMPORTED_MODULE_1__.win32.join(local && local !== '' ? local : node_path__WEBPACK_IMPORTED_MODULE_1__.win32.join(home, 'AppData', 'Local'), 'wheelhouse', 'Cache');
    }
    if (platform === 'darwin')
        return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(home, 'Library', 'Caches', 'wheelhouse');
    const xdg = env['XDG_CACHE_HOME'];
    if (xdg && node_path__WEBPACK_IMPORTED_MODULE_1__.posix.isAbsolute(xdg))
        return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(xdg, 'wheelhouse');
    return node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(home, '.cache', 'wheelhouse');
}


/***/ }),

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_early_probe_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9234);
/* harmony import */ var _util_dir_lock_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8731);
/* harmony import */ var _build_pip_processes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6133);
/* harmony import */ var _cli_args_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7593);
/* harmony import */ var _cli_early_answer_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6303);
/* harmony import */ var _util_jit_tiering_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(5146);
// Entry of the wheelhouse CLI: only calls in. The interpreter probe starts before the rest of the
// CLI is loaded (a dynamic import), so the two overlap (cli/early-probe.ts).






// Ctrl-C / SIGTERM: end the running builds (pip's process groups: src/build/pip-processes.ts),
// release the run's lock files and exit 130 / 143 (the wheelhouse never looks complete mid-run:
// src/flow/wheelhouse-session.ts).
(0,_util_dir_lock_js__WEBPACK_IMPORTED_MODULE_1__/* .exitOnTerminationSignals */ .fq)(_build_pip_processes_js__WEBPACK_IMPORTED_MODULE_2__/* .stopPipsOnInterrupt */ .FK);
const argv = process.argv.slice(2);
// --version, --help and the usage note are answered before the rest of the CLI is loaded.
const early = earlyAnswer(argv);
if (early !== undefined) {
    process.exitCode = early;
}
else {
    await run();
}
function earlyAnswer(args) {
    if (args[0] === 'store')
        return undefined;
    try {
        return (0,_cli_early_answer_js__WEBPACK_IMPORTED_MODULE_4__/* .answerWithoutRunning */ .Q)((0,_cli_args_js__WEBPACK_IMPORTED_MODULE_3__/* .parseArgs */ .Zy)(args), process);
    }
    catch {
        return undefined; // a usage error: the CLI reports it
    }
}
async function run() {
    const python = (0,_cli_early_probe_js__WEBPACK_IMPORTED_MODULE_0__/* .earlyPythonProbe */ .g)(argv);
    const interpreter = (0,_cli_early_probe_js__WEBPACK_IMPORTED_MODULE_0__/* .earlyInterpreterProbe */ .o)(argv, process.env, process.cwd());
    const { runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(907), __nccwpck_require__.e(528)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7528));
    // Fewer optimizing compilations: a run is a few seconds long (util/jit-tiering.ts). Set once the
    // CLI is loaded: the module loader's own hot functions tier up as usual.
    (0,_util_jit_tiering_js__WEBPACK_IMPORTED_MODULE_5__/* .tuneTieringForShortRun */ .Lw)();
    process.exitCode = await runCli(argv, {
        seams: {
            ...(python !== undefined ? { findPython: () => python } : {}),
            ...(interpreter !== undefined ? { interpreter } : {}),
        },
    });
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Zy: () => (/* binding */ parseArgs),
/* harmony export */   eb: () => (/* binding */ UsageError)
/* harmony export */ });
/* unused harmony export normalizePythonVersion */
/* harmony import */ var _provider_target_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7224);
/* harmony import */ var _option_specs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8856);
/**
 * Command-line parsing of `wheelhouse resolve`, `wheelhouse fetch` and `wheelhouse install` (the
 * options themselves are listed in option-specs.ts). Option names and spellings follow pip's (`pip install --help`, optparse conventions): `-r FILE`, `-rFILE`, `--requirement
 * FILE`, `--requirement=FILE`; repeatable options collect every value; `--` ends options.
 * Unambiguous prefixes of long options are not accepted (unlike optparse): a typo must not silently
 * pick another option.
 */



class UsageError extends Error {
    command;
    name = 'UsageError';
    constructor(message, command) {
        super(message);
        this.command = command;
    }
}
/**
 * pip's `--python-version`: `3`, `3.12`, `3.12.4` or the compact `312`; answered as `3.X[.Y]`.
 * A bare major version cannot pick wheels, so it is refused.
 */
function normalizePythonVersion(text) {
    const t = text.trim();
    if ((0,_provider_target_js__WEBPACK_IMPORTED_MODULE_0__/* .isTargetPythonVersion */ .uX)(t))
        return t;
    const compact = /^3(\d{1,2})$/.exec(t);
    if (compact)
        return `3.${Number(compact[1])}`;
    throw new UsageError(`--python-version ${JSON.stringify(text)}: expected 3.X or 3.X.Y (e.g. 3.12), or pip's compact 312`);
}
function findSpec(name, isShort) {
    return _option_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTION_SPECS */ .F.find((s) => (isShort ? s.short === name : s.long === name));
}
function record(values, spec, value, command) {
    const list = values.get(spec.long) ?? [];
    if (!spec.repeat && spec.value !== undefined && list.length > 0 && list[0] !== value) {
        throw new UsageError(`--${spec.long} given twice (${JSON.stringify(list[0])} and ${JSON.stringify(value)})`, command);
    }
    list.push(value);
    values.set(spec.long, list);
}
function parseOptions(command, argv) {
    const values = new Map();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            if (i + 1 < argv.length)
                throw new UsageError(`unexpected argument ${JSON.stringify(argv[i + 1])}`, command);
            break;
        }
        let spec;
        let inline;
        let shown;
        if (arg.startsWith('--')) {
            const eq = arg.indexOf('=');
            const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
            inline = eq < 0 ? undefined : arg.slice(eq + 1);
            shown = `--${name}`;
            spec = findSpec(name, false);
        }
        else if (arg.startsWith('-') && arg.length > 1) {
            shown = arg.slice(0, 2);
            spec = findSpec(arg.slice(1, 2), true);
            if (arg.length > 2)
                inline = arg.slice(2);
            // `-qv` style groups of flags.
            if (spec !== undefined && spec.value === undefined && inline !== undefined) {
                for (const ch of arg.slice(1)) {
                    const flag = findSpec(ch, true);
                    if (flag === undefined || flag.value !== undefined) {
                        throw new UsageError(`unknown option -${ch} in ${JSON.stringify(arg)}`, command);
                    }
                    record(values, flag, '', command);
                }
                continue;
            }
        }
        else {
            throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (requirement files go after -r, e.g. -r ${arg})`, command);
        }
        if (spec === undefined)
            throw new UsageError(`unknown option ${shown}`, command);
        if (spec.only !== undefined && !spec.only.includes(command)) {
            throw new UsageError(command === 'install' && spec.only.includes('fetch') && spec.only.includes('resolve')
                ? `--${spec.long} cannot be used with wheelhouse install: the target is the interpreter given with --python (as pip, which allows it only with --target or --dry-run)`
                : `--${spec.long} is an option of wheelhouse ${spec.only.join(' and ')}, not of wheelhouse ${command}`, command);
        }
        if (spec.value === undefined) {
            if (inline !== undefined)
                throw new UsageError(`--${spec.long} takes no value`, command);
            record(values, spec, '', command);
            continue;
        }
        let value = inline;
        if (value === undefined) {
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('-') && next !== '-')) {
                throw new UsageError(`${shown} needs a value (${spec.value})`, command);
            }
            value = next;
            i++;
        }
        record(values, spec, value, command);
    }
    return values;
}
function one(values, name) {
    return values.get(name)?.[0];
}
function all(values, name) {
    return values.get(name) ?? [];
}
function parseArgs(argv) {
    const first = argv[0];
    if (first === undefined)
        return { kind: 'usage' };
    if (first === '--help' || first === '-h' || first === 'help') {
        const sub = argv[1];
        const known = _option_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .L.find((c) => c === sub);
        return known !== undefined ? { kind: 'help', command: known } : { kind: 'help' };
    }
    if (first === '--version' || first === '-V')
        return { kind: 'version' };
    const command = _option_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .L.find((c) => c === first);
    if (command === undefined) {
        throw new UsageError(`unknown command ${JSON.stringify(first)} (commands: ${_option_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .L.join(', ')})`);
    }
    const values = parseOptions(command, argv.slice(1));
    if (values.has('help'))
        return { kind: 'help', command };
    const requirements = all(values, 'requirement');
    if (requirements.length === 0)
        throw new UsageError('no requirement files given: use -r FILE', command);
    const dest = one(values, 'dest');
    if (command === 'fetch' && dest === undefined)
        throw new UsageError('wheelhouse fetch needs --dest DIR', command);
    if (values.has('quiet') && values.has('verbose'))
        throw new UsageError('--quiet and --verbose exclude each other', command);
    if (values.has('all-extras') && values.has('extra'))
        throw new UsageError('--all-extras and --extra exclude each other', command);
    for (const name of [...all(values, 'extra'), ...all(values, 'group')].flatMap((p) => p.split(','))) {
        if (name.trim() !== '' && !/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name.trim()))
            throw new UsageError(`--extra/--group ${JSON.stringify(name)}: not a valid extra or group name`, command);
    }
    const implementation = one(values, 'implementation');
    if (implementation !== undefined && implementation !== 'cp' && implementation !== 'pp') {
        throw new UsageError(`--implementation ${JSON.stringify(implementation)}: expected cp or pp`, command);
    }
    const strategy = one(values, 'index-strategy');
    if (strategy !== undefined && strategy !== 'first-index' && strategy !== 'unsafe-best-match') {
        throw new UsageError(`--index-strategy ${JSON.stringify(strategy)}: expected first-index or unsafe-best-match`, command);
    }
    const concurrencyText = one(values, 'concurrency');
    let concurrency;
    if (concurrencyText !== undefined) {
        concurrency = Number(concurrencyText);
        if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 256) {
            throw new UsageError(`--concurrency ${JSON.stringify(concurrencyText)}: expected a whole number from 1 to 256`, command);
        }
    }
    // pip's --timeout and --default-timeout are two names of one option.
    const timeoutText = one(values, 'timeout') ?? one(values, 'default-timeout');
    const otherTimeout = one(values, 'default-timeout');
    if (otherTimeout !== undefined && otherTimeout !== timeoutText) {
        throw new UsageError(`--timeout and --default-timeout given with different values (${JSON.stringify(timeoutText)} and ${JSON.stringify(otherTimeout)})`, command);
    }
    let timeoutSec;
    if (timeoutText !== undefined) {
        timeoutSec = Number(timeoutText);
        // pip refuses 0 too (urllib3: a timeout must be above 0); WHEELHOUSE_HTTP_HEADERS_TIMEOUT=0 is the
        // way to wait without a limit.
        if (timeoutText.trim() === '' || !Number.isFinite(timeoutSec) || timeoutSec <= 0) {
            throw new UsageError(`--timeout ${JSON.stringify(timeoutText)}: expected a positive number of seconds`, command);
        }
    }
    const retriesText = one(values, 'retries');
    let retries;
    if (retriesText !== undefined) {
        retries = Number(retriesText);
        if (!/^\d+$/.test(retriesText) || retries > 100) {
            throw new UsageError(`--retries ${JSON.stringify(retriesText)}: expected a whole number from 0 to 100`, command);
        }
    }
    const progressBar = one(values, 'progress-bar');
    if (progressBar !== undefined && !['on', 'off', 'raw'].includes(progressBar)) {
        throw new UsageError(`--progress-bar ${JSON.stringify(progressBar)}: expected on, off or raw`, command);
    }
    const rootAction = one(values, 'root-user-action');
    if (rootAction !== undefined && rootAction !== 'warn' && rootAction !== 'ignore') {
        throw new UsageError(`--root-user-action ${JSON.stringify(rootAction)}: expected warn or ignore`, command);
    }
    if (values.has('compile') && values.has('no-compile'))
        throw new UsageError('--compile and --no-compile exclude each other', command);
    const installer = one(values, 'installer') ?? 'native';
    if (installer !== 'native' && installer !== 'pip') {
        throw new UsageError(`--installer ${JSON.stringify(installer)}: expected native or pip`, command);
    }
    const python = one(values, 'python');
    if (python === '')
        throw new UsageError('--python needs a path or command', command);
    const pythonVersion = one(values, 'python-version');
    const args = {
        command,
        requirements,
        constraints: all(values, 'constraint'),
        extras: all(values, 'extra')
            .flatMap((p) => p.split(','))
            .map((p) => p.trim())
            .filter((p) => p !== ''),
        allExtras: values.has('all-extras'),
        groups: all(values, 'group')
            .flatMap((p) => p.split(','))
            .map((p) => p.trim())
            .filter((p) => p !== ''),
        extraIndexUrls: all(values, 'extra-index-url'),
        findLinks: all(values, 'find-links'),
        noIndex: values.has('no-index'),
        pre: values.has('pre'),
        isolated: values.has('isolated'),
        onlyBinary: all(values, 'only-binary'),
        noBinary: all(values, 'no-binary'),
        preferBinary: values.has('prefer-binary'),
        platforms: all(values, 'platform')
            .flatMap((p) => p.split(','))
            .filter((p) => p !== ''),
        abis: all(values, 'abi')
            .flatMap((p) => p.split(','))
            .filter((p) => p !== ''),
        noCache: values.has('no-cache') || values.has('no-cache-dir'),
        s3: Object.fromEntries(Object.entries({
            bucket: one(values, 's3-bucket'),
            prefix: one(values, 's3-prefix'),
            endpoint: one(values, 's3-endpoint'),
            region: one(values, 's3-region'),
            forcePathStyle: values.has('s3-force-path-style') ? 'true' : undefined,
        }).filter(([, v]) => v !== undefined)),
        clean: values.has('clean'),
        requireHashes: values.has('require-hashes'),
        noDeps: values.has('no-deps'),
        compile: values.has('compile'),
        reinstall: values.has('reinstall'),
        installer,
        breakSystemPackages: values.has('break-system-packages'),
        verbosity: values.has('quiet') ? 'quiet' : values.has('verbose') ? 'verbose' : 'normal',
    };
    const optional = {
        indexUrl: one(values, 'index-url'),
        pythonVersion: pythonVersion === undefined ? undefined : normalizePythonVersion(pythonVersion),
        implementation: implementation,
        indexStrategy: strategy,
        lock: one(values, 'lock'),
        report: one(values, 'report'),
        pylock: one(values, 'pylock'),
        dest,
        cacheDir: one(values, 'cache-dir'),
        cacheBackend: one(values, 'cache-backend'),
        cacheSuffix: one(values, 'cache-suffix'),
        concurrency,
        ...(timeoutSec !== undefined ? { timeoutSec } : {}),
        ...(retries !== undefined ? { retries } : {}),
        progressBar: progressBar,
        python,
    };
    for (const [k, v] of Object.entries(optional))
        if (v !== undefined)
            args[k] = v;
    return { kind: 'run', args };
}


/***/ }),

/***/ 1370:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ cliCacheDir),
/* harmony export */   e: () => (/* binding */ probeCacheDir)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cache_user_cache_dir_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3958);


/** The CLI's cache directory: `--cache-dir` (relative: from the working directory), else the user's. */
function cliCacheDir(args, env, cwd) {
    return args.cacheDir !== undefined ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, args.cacheDir) : (0,_cache_user_cache_dir_js__WEBPACK_IMPORTED_MODULE_1__/* .defaultCacheDir */ .$)(env);
}
/** Where interpreter probes are cached (src/install/probe-cache.ts); none with --no-cache. */
function probeCacheDir(args, env, cwd) {
    // The probes run before pip's configuration is read (early-probe.ts): PIP_NO_CACHE_DIR is
    // looked at here directly (its pip.conf key counts from then on, src/cli/run.ts withPipFlags).
    const pipNoCache = args.isolated !== true && (env['PIP_NO_CACHE_DIR'] ?? '') !== '';
    return args.noCache || pipNoCache ? undefined : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(cliCacheDir(args, env, cwd), 'probes');
}


/***/ }),

/***/ 6303:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Q: () => (/* binding */ answerWithoutRunning)
});

// EXTERNAL MODULE: ./src/cli/option-specs.ts
var option_specs = __nccwpck_require__(8856);
;// CONCATENATED MODULE: ./src/cli/help.ts
/** `wheelhouse --help` and `wheelhouse <command> --help` texts, built from the option table. */

const USAGE = {
    resolve: 'wheelhouse resolve -r FILE… [--extra NAME]… [--all-extras] [--group NAME]… [--index-url U]\n' +
        '    [--extra-index-url U]… [--find-links P]… [--no-index] [--pre]\n' +
        '    [--only-binary X] [--no-binary X] [--python-version 3.X[.Y]] [--platform TAG]… [--implementation cp]\n' +
        '    [--abi TAG]… [--index-strategy first-index|unsafe-best-match] [--lock FILE] [--report FILE]\n' +
        '    [--pylock FILE] [--quiet|--verbose]',
    fetch: 'wheelhouse fetch -r FILE… --dest DIR [--cache-dir DIR] [--no-cache] [--clean] [--concurrency N] [resolve options]',
    install: 'wheelhouse install -r FILE… [--python PATH] [--compile] [--reinstall] [--installer native|pip]\n' +
        '    [--break-system-packages] [--dest DIR] [fetch options]',
};
const ABOUT = {
    resolve: 'Resolve the requirement files from wheel metadata alone and write a hash-pinned lock, a pip report\n' +
        'and/or a PEP 751 pylock.toml. Nothing is installed and no wheel is downloaded unless an index offers\n' +
        'neither PEP 658 metadata nor range requests.\n\n' +
        'FILE is a pip requirements file, a pyproject.toml (PEP 621 dependencies; --extra/--all-extras\n' +
        'add optional dependencies, --group PEP 735 dependency groups), or a lock file: uv.lock (version 1)\n' +
        'or pylock.toml (PEP 751), whose packages are selected for the target without any resolution.',
    fetch: 'Resolve, restore the newest local cache entry for the target, verify every cached wheel by sha256,\n' +
        'download only what is missing (in parallel) into --dest, write requirements.lock, report.json and\n' +
        'pylock.toml there, and save the cache entry. Then:\n' +
        '  pip install --no-index --find-links DIR --require-hashes -r DIR/requirements.lock\n' +
        '(or let wheelhouse install do both).',
    install: "Fetch (as wheelhouse fetch) and install into one Python environment: pip's command line with\n" +
        '`python -m pip install` swapped for `wheelhouse install`, e.g.\n' +
        '  wheelhouse install --no-index --find-links WH --require-hashes -r WH/requirements.lock --python .venv/bin/python\n' +
        'The interpreter (--python, else $VIRTUAL_ENV, else python3/python on PATH) also decides the target.\n' +
        'Each wheel is installed as soon as its sha256 is verified, in parallel with the downloads; a\n' +
        'distribution already installed at the resolved version is left alone (unless --reinstall), one\n' +
        'at another version is replaced. Nothing is byte-compiled unless --compile is given.',
};
const EXIT = 'Exit status: 0 success, 1 the requirements cannot be satisfied (explanation on stderr),\n' +
    '2 bad input (file:line for requirement files) or an unreachable index / failed download.';
function commandHelp(command) {
    const rows = option_specs/* OPTION_SPECS */.F.filter((s) => s.only === undefined || s.only.includes(command)).map((s) => {
        const names = `${s.short !== undefined ? `-${s.short}, ` : '    '}--${s.long}${s.value !== undefined ? ` ${s.value}` : ''}`;
        return { names, help: s.help };
    });
    const width = Math.min(44, Math.max(...rows.map((r) => r.names.length)) + 2);
    const lines = rows.map((r) => r.names.length + 2 > width
        ? `  ${r.names}\n  ${' '.repeat(width)}${r.help}`
        : `  ${r.names.padEnd(width)}${r.help}`);
    return `Usage: ${USAGE[command]}\n\n${ABOUT[command]}\n\nOptions:\n${lines.join('\n')}\n\n${EXIT}\n`;
}
function generalHelp() {
    return ('Usage: wheelhouse <command> [options]\n\n' +
        'Commands:\n' +
        '  resolve   Resolve requirement files into a lock (and report/pylock), from metadata only.\n' +
        '  fetch     Resolve and fill a wheelhouse for pip install --no-index, with a local cache.\n' +
        '  install   Fetch and install into a Python environment (pip install, faster).\n' +
        '  store     Maintain the S3 wheel store (wheelhouse store prune --help).\n\n' +
        'Options:\n' +
        '  -h, --help      Show help (wheelhouse <command> --help for a command).\n' +
        '  -V, --version   Show the version.\n\n' +
        `${EXIT}\n`);
}

// EXTERNAL MODULE: ./src/flow/version.ts
var version = __nccwpck_require__(8724);
;// CONCATENATED MODULE: ./src/cli/early-answer.ts


/** The exit code after answering `request`, or undefined when it asks for a run. */
function answerWithoutRunning(request, io) {
    if (request.kind === 'version') {
        io.stdout.write(`wheelhouse ${version/* WHEELHOUSE_VERSION */.L}\n`);
        return 0;
    }
    if (request.kind === 'usage') {
        io.stderr.write(`wheelhouse: no command given\n\n${generalHelp()}`);
        return 2;
    }
    if (request.kind === 'help') {
        io.stdout.write(request.command === undefined ? generalHelp() : commandHelp(request.command));
        return 0;
    }
    return undefined;
}


/***/ }),

/***/ 9234:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ earlyPythonProbe),
/* harmony export */   o: () => (/* binding */ earlyInterpreterProbe)
/* harmony export */ });
/* harmony import */ var _flow_target_detect_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6319);
/* harmony import */ var _flow_install_interpreter_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1340);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7593);
/* harmony import */ var _python_argument_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5996);
/* harmony import */ var _cache_dir_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1370);
/**
 * The interpreter probe of target detection, started before the rest of the CLI is loaded: asking
 * `python3` for its version takes about as long as Node takes to load the CLI (undici above all),
 * so run concurrently the two cost one of them instead of their sum (≈ 0.1 s of every run that
 * leaves the Python version or implementation to the interpreter on PATH). Nothing is started for
 * `--help`, `--version`, an invalid command line, or when `--python-version` and
 * `--implementation` are both given (target-detect.ts asks no interpreter then).
 *
 * `install` probes the interpreter it installs into instead (install-interpreter.ts): that one
 * probe answers the target too, so no second interpreter is asked.
 */





function runArgs(argv) {
    try {
        const request = (0,_args_js__WEBPACK_IMPORTED_MODULE_2__/* .parseArgs */ .Zy)(argv);
        return request.kind === 'run' ? request.args : undefined;
    }
    catch {
        // The CLI reports the usage error itself.
        return undefined;
    }
}
/**
 * The running probe for `argv`, or undefined when this command line needs none. Its answer is kept
 * in the probe cache of the CLI's cache directory (none with --no-cache): src/install/probe-cache.ts.
 */
function earlyPythonProbe(argv, find, env = process.env, cwd = process.cwd()) {
    const args = runArgs(argv);
    const needed = args !== undefined &&
        args.command !== 'install' &&
        (args.pythonVersion === undefined || args.implementation === undefined);
    if (!needed)
        return undefined;
    if (find !== undefined)
        return find();
    const dir = (0,_cache_dir_js__WEBPACK_IMPORTED_MODULE_4__/* .probeCacheDir */ .e)(args, env, cwd);
    return (0,_flow_target_detect_js__WEBPACK_IMPORTED_MODULE_0__/* .findPython */ .Kq)(dir === undefined ? undefined : (0,_flow_target_detect_js__WEBPACK_IMPORTED_MODULE_0__/* .cachedRunCommand */ .Pf)({ dir, cwd }));
}
/** `install`: the target interpreter being located, or undefined for any other command line. */
function earlyInterpreterProbe(argv, env, cwd, locate) {
    const args = runArgs(argv);
    if (args?.command !== 'install')
        return undefined;
    const probeCache = (0,_cache_dir_js__WEBPACK_IMPORTED_MODULE_4__/* .probeCacheDir */ .e)(args, env, cwd);
    locate ??= (python) => (0,_flow_install_interpreter_js__WEBPACK_IMPORTED_MODULE_1__.locateInterpreter)({ python, env, ...(probeCache !== undefined ? { probeCache } : {}) });
    const located = locate((0,_python_argument_js__WEBPACK_IMPORTED_MODULE_3__/* .pythonArgument */ .I)(args.python, cwd));
    // Awaited by the install flow; until then a failure must not count as an unhandled rejection.
    located.catch(() => undefined);
    return located;
}


/***/ }),

/***/ 8856:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ OPTION_SPECS),
/* harmony export */   L: () => (/* binding */ COMMANDS)
/* harmony export */ });
/**
 * The options of `wheelhouse resolve`, `fetch` and `install`: names, spellings, values and help
 * text, in the order `--help` lists them. Names follow pip's (`pip install --help`); which command
 * accepts which option is part of each entry. Parsed by args.ts; listed by help.ts.
 */
const COMMANDS = ['resolve', 'fetch', 'install'];
/** Options of the commands that fill a wheelhouse. */
const FILLING = ['fetch', 'install'];
/**
 * Target options: like pip, which refuses `--python-version`, `--platform`, `--implementation` and
 * `--abi` for an install into an environment (only `--target` or `--dry-run` may use them), the
 * target of `install` is the interpreter it installs into.
 */
const NOT_INSTALL = ['resolve', 'fetch'];
const INSTALL = ['install'];
const OPTION_SPECS = [
    {
        long: 'requirement',
        short: 'r',
        value: 'FILE',
        repeat: true,
        help: 'Requirements file (pip format), pyproject.toml, uv.lock or pylock.toml; repeatable.',
    },
    { long: 'constraint', short: 'c', value: 'FILE', repeat: true, help: 'Constraints file; repeatable.' },
    {
        long: 'extra',
        value: 'NAME',
        repeat: true,
        help: 'Include this extra of a pyproject.toml or lock input (optional-dependencies); repeatable.',
    },
    { long: 'all-extras', help: 'Include every extra of the pyproject.toml or lock inputs.' },
    {
        long: 'group',
        value: 'NAME',
        repeat: true,
        help: 'Include this dependency group (PEP 735; uv.lock dev group); repeatable.',
    },
    {
        long: 'index-url',
        short: 'i',
        value: 'URL',
        help: 'Base URL of the primary index (default https://pypi.org/simple/).',
    },
    {
        long: 'extra-index-url',
        value: 'URL',
        repeat: true,
        help: 'Extra index URL, after --index-url; repeatable.',
    },
    {
        long: 'find-links',
        short: 'f',
        value: 'PATH',
        repeat: true,
        help: 'Directory or HTML page with distributions; repeatable.',
    },
    { long: 'no-index', help: 'Ignore every index; use --find-links only.' },
    { long: 'pre', help: 'Allow pre-releases of every package.' },
    {
        long: 'isolated',
        help: "Ignore PIP_* variables and pip's user configuration file (as pip --isolated).",
    },
    {
        long: 'only-binary',
        value: 'X',
        repeat: true,
        help: ':all:, :none: or names that must come as wheels (default none: a version with only an sdist is built with the python on PATH).',
    },
    {
        long: 'no-binary',
        value: 'X',
        repeat: true,
        help: ':all:, :none: or names that must not come as wheels (their sdists are built).',
    },
    { long: 'prefer-binary', help: 'Prefer an older wheel over a newer sdist.' },
    {
        long: 'require-hashes',
        help: "pip's hash-checking mode: every requirement pinned with == and --hash, dependencies included.",
    },
    { long: 'no-deps', help: 'Take only the requirements named, not their dependencies (pip --no-deps).' },
    {
        long: 'python-version',
        value: '3.X[.Y]',
        only: NOT_INSTALL,
        help: 'Target Python (default: the python3 on PATH).',
    },
    {
        long: 'platform',
        value: 'TAG',
        repeat: true,
        only: NOT_INSTALL,
        help: 'Target platform tag, most preferred first (default: this machine).',
    },
    {
        long: 'implementation',
        value: 'cp|pp',
        only: NOT_INSTALL,
        help: 'Target Python implementation (default: the python3 on PATH, else cp).',
    },
    {
        long: 'abi',
        value: 'TAG',
        repeat: true,
        only: NOT_INSTALL,
        help: 'Target ABI tag; repeatable (default: derived from the target).',
    },
    {
        long: 'index-strategy',
        value: 'first-index|unsafe-best-match',
        help: 'How several indexes combine (default first-index).',
    },
    { long: 'lock', value: 'FILE', help: 'Write the hash-pinned lock (pip requirements format) here.' },
    { long: 'report', value: 'FILE', help: 'Write the JSON installation report (pip report v1) here.' },
    { long: 'pylock', value: 'FILE', help: 'Write a PEP 751 pylock.toml here.' },
    {
        long: 'dest',
        short: 'd',
        value: 'DIR',
        only: FILLING,
        help: 'The wheelhouse directory (fetch: required; install: default a directory in the cache directory).',
    },
    {
        long: 'cache-dir',
        value: 'DIR',
        only: FILLING,
        help: 'Local cache directory (default: the user cache directory).',
    },
    {
        long: 'no-cache',
        only: FILLING,
        help: 'Neither restore nor save a cache entry; install: no unpacked-wheel cache (every file written, none hard-linked).',
    },
    {
        long: 'cache-backend',
        value: 'local|s3',
        only: FILLING,
        help: 'Where the cache lives: local (the cache directory, default) or s3 (a bucket shared by a runner fleet; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN). Default $WHEELHOUSE_CACHE_BACKEND.',
    },
    { long: 's3-bucket', value: 'NAME', only: FILLING, help: 'S3 bucket (default $WHEELHOUSE_S3_BUCKET).' },
    {
        long: 's3-prefix',
        value: 'PREFIX',
        only: FILLING,
        help: 'Key prefix in the bucket (default $WHEELHOUSE_S3_PREFIX, else wheelhouse).',
    },
    {
        long: 's3-endpoint',
        value: 'URL',
        only: FILLING,
        help: 'S3-compatible endpoint (MinIO, Ceph, R2; default $WHEELHOUSE_S3_ENDPOINT, else AWS).',
    },
    {
        long: 's3-region',
        value: 'REGION',
        only: FILLING,
        help: 'Region (default $WHEELHOUSE_S3_REGION, $AWS_REGION, else us-east-1).',
    },
    {
        long: 's3-force-path-style',
        only: FILLING,
        help: 'Path-style URLs (endpoint/bucket/key); default $WHEELHOUSE_S3_FORCE_PATH_STYLE.',
    },
    {
        long: 'clean',
        only: FILLING,
        help: 'Delete everything in --dest when it holds files wheelhouse did not write (refused otherwise).',
    },
    { long: 'cache-suffix', value: 'TEXT', only: FILLING, help: 'Text added to the cache key.' },
    { long: 'concurrency', value: 'N', only: FILLING, help: 'Parallel connections per host (default 16).' },
    {
        long: 'timeout',
        value: 'SEC',
        help: "Seconds to wait for a server's response to start (pip's --timeout; default 8).",
    },
    { long: 'default-timeout', value: 'SEC', help: 'Same as --timeout (pip accepts both names).' },
    {
        long: 'python',
        value: 'PATH',
        only: INSTALL,
        help: 'Interpreter to install into; it also decides the target (default: $VIRTUAL_ENV, else python3 on PATH).',
    },
    { long: 'compile', only: INSTALL, help: 'Byte-compile the installed .py files (off by default).' },
    {
        long: 'reinstall',
        only: INSTALL,
        help: 'Reinstall distributions already installed at the same version.',
    },
    {
        long: 'installer',
        value: 'native|pip',
        only: INSTALL,
        help: "native (default), or pip: run the interpreter's pip on the wheelhouse and lock.",
    },
    {
        long: 'break-system-packages',
        only: INSTALL,
        help: 'Install into an externally managed Python (PEP 668) anyway.',
    },
    { long: 'quiet', short: 'q', help: 'Only warnings and errors on stderr.' },
    { long: 'verbose', short: 'v', help: 'Debug output on stderr.' },
    { long: 'help', short: 'h', help: 'Show this help.' },
    // pip's options that a pip command line carries, so it works unchanged (issue 9 §1).
    { long: 'retries', value: 'N', help: "Retries of a failed request (pip's --retries; default 4)." },
    { long: 'progress-bar', value: 'on|off|raw', help: "pip's: off shows no download progress." },
    { long: 'no-cache-dir', help: "pip's name for --no-cache." },
    {
        long: 'upgrade',
        short: 'U',
        only: INSTALL,
        help: "pip's: wheelhouse always installs the versions it resolved (the newest allowed).",
    },
    { long: 'no-compile', only: INSTALL, help: "pip's: nothing is byte-compiled unless --compile is given." },
    { long: 'disable-pip-version-check', help: "pip's; wheelhouse has no version check (no effect)." },
    {
        long: 'no-warn-script-location',
        only: INSTALL,
        help: "pip's; wheelhouse does not warn about the scripts directory (no effect).",
    },
    {
        long: 'root-user-action',
        value: 'warn|ignore',
        only: INSTALL,
        help: "pip's; wheelhouse does not warn when run as root (no effect).",
    },
];


/***/ }),

/***/ 5996:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ pythonArgument)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * `--python` as the interpreter to run: a path made absolute against the working directory; a bare
 * name (`python3.12`) stays a command looked up on PATH.
 */
function pythonArgument(python, cwd) {
    if (python === undefined || !/[\\/]/.test(python) || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(python))
        return python;
    return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, python);
}


/***/ }),

/***/ 1340:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   InstallInterpreterError: () => (/* binding */ InstallInterpreterError),
/* harmony export */   locateInterpreter: () => (/* binding */ locateInterpreter),
/* harmony export */   pythonInfoOf: () => (/* binding */ pythonInfoOf),
/* harmony export */   venvInterpreter: () => (/* binding */ venvInterpreter)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _install_interpreter_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2237);
/**
 * Which interpreter `wheelhouse install` installs into (issue 9, §1), asked once: `--python PATH`
 * when given; else the active virtual environment (`VIRTUAL_ENV`, what `activate` sets — pip run as
 * `python -m pip` from that shell would use its interpreter); else the first of `python3`,
 * `python` on PATH that answers (Windows: `python`, `python3`, then the `py` launcher, as
 * target-detect.ts orders them). The one probe (src/install/interpreter.ts) answers everything:
 * the scheme paths the installer writes to and the version and implementation that decide the
 * target's wheel tags (`pythonInfoOf`, handed to target detection so it asks no second interpreter).
 */


class InstallInterpreterError extends Error {
    name = 'InstallInterpreterError';
}
/** The interpreter inside a virtual environment directory. */
function venvInterpreter(venv, platform = process.platform) {
    return platform === 'win32' ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(venv, 'Scripts', 'python.exe') : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(venv, 'bin', 'python');
}
function detail(error) {
    return error instanceof Error ? error.message : String(error);
}
async function locateInterpreter(o) {
    const platform = o.platform ?? process.platform;
    const cache = o.probeCache;
    const probe = o.probe ??
        ((python) => (0,_install_interpreter_js__WEBPACK_IMPORTED_MODULE_1__/* .probeInterpreter */ .bt)(python, {
            env: o.env,
            ...(cache !== undefined ? { run: (0,_install_interpreter_js__WEBPACK_IMPORTED_MODULE_1__/* .cachedRunPython */ .cG)({ dir: cache }) } : {}),
        }));
    if (o.python !== undefined) {
        try {
            return { interpreter: await probe(o.python), source: 'option' };
        }
        catch (error) {
            throw new InstallInterpreterError(`--python ${o.python}: ${detail(error)}`);
        }
    }
    const venv = o.env['VIRTUAL_ENV'];
    if (venv !== undefined && venv !== '') {
        const python = venvInterpreter(venv, platform);
        try {
            return { interpreter: await probe(python), source: 'virtual-env' };
        }
        catch (error) {
            throw new InstallInterpreterError(`VIRTUAL_ENV is ${venv}, but its interpreter ${python} cannot be run (${detail(error)}): activate a working environment, unset VIRTUAL_ENV, or pass --python`);
        }
    }
    const commands = platform === 'win32' ? ['python', 'python3', 'py'] : ['python3', 'python'];
    const failures = [];
    for (const command of commands) {
        try {
            return { interpreter: await probe(command), source: 'path' };
        }
        catch (error) {
            failures.push(`${command}: ${detail(error)}`);
        }
    }
    throw new InstallInterpreterError(`no Python to install into: pass --python PATH, activate a virtual environment, or put python3 on PATH (${failures.join('; ')})`);
}
/** What target detection needs from the probe: the version and implementation decide the tags. */
function pythonInfoOf(interpreter) {
    return {
        version: interpreter.version,
        implementation: interpreter.implementation,
        command: interpreter.executable,
    };
}


/***/ }),

/***/ 6319:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kq: () => (/* binding */ findPython),
/* harmony export */   Pf: () => (/* binding */ cachedRunCommand),
/* harmony export */   TY: () => (/* binding */ detectTarget)
/* harmony export */ });
/* unused harmony exports TargetDetectionError, parsePythonProbe, runCommand, tagArch, macosFromDarwin, liveRunnerProbe, runnerPlatform, cacheKeyTargetOf */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _install_probe_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4934);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _provider_target_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(7224);
/**
 * The target of a fetch when the user does not spell it out (issue 5, §1): the Python version and
 * implementation from the `python3`/`python` on PATH (e.g. what actions/setup-python installed),
 * queried once; the platform from the runner Node runs on: OS, architecture, and on Linux the glibc
 * version Node itself reports (`process.report.getReport().header.glibcVersionRuntime`, absent on
 * musl builds), else musl when a musl dynamic loader (`/lib/ld-musl-<arch>.so.1`) exists.
 * Explicit `python-version` / `platform` / `implementation` / `abi` values always win.
 *
 * Also derives the cache-key target (os, arch, implementation, Python version) of the result.
 */





class TargetDetectionError extends Error {
    name = 'TargetDetectionError';
}
/** Python code printing `<major>.<minor>.<micro> <implementation name>`. */
const PROBE = 'import sys; print("%d.%d.%d %s" % (sys.version_info[:3] + (sys.implementation.name,)))';
/** Parses the probe's answer; undefined when it is not what the probe prints. */
function parsePythonProbe(stdout, command) {
    const m = /^(\d+\.\d+\.\d+) (\w+)\s*$/.exec(stdout.trim());
    if (m === null)
        return undefined;
    const impl = m[2] === 'pypy' ? 'pp' : m[2] === 'cpython' ? 'cp' : undefined;
    if (impl === undefined)
        return undefined;
    return { version: m[1], implementation: impl, command };
}
/** Runs a command and answers its stdout, or undefined when it cannot be run or fails. */
const runCommand = (command, args) => new Promise((resolve) => {
    (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(command, args, { timeout: 20_000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
});
/**
 * `run` with its successful probe answers kept in the probe cache (src/install/probe-cache.ts),
 * keyed on the interpreter's identity; a cached answer is used only when `parsePythonProbe` accepts
 * it. `run` inherits this process's environment, so that is the one the key covers.
 */
function cachedRunCommand(cache, run = runCommand) {
    return (command, args) => (0,_install_probe_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .cachedProbe */ .ND)({ ...cache, env: process.env }, command, args, () => run(command, args), (stdout) => parsePythonProbe(stdout, command) !== undefined);
}
/**
 * The first of `python3`, `python` that runs, asked once. Windows: `python` first (what
 * actions/setup-python and the python.org installer put on PATH; `python3` is often missing or the
 * Microsoft Store alias, which prints a hint and fails, so it is skipped like any failing command),
 * then `python3`, then the `py` launcher (python.org installs without PATH entries; `py -c …` and
 * `py -m pip …` run its default Python 3, so `command: 'py'` also works for `install`). Commands are
 * run without a shell: libuv finds `python.exe`/`py.exe` on PATH itself.
 */
async function findPython(run = runCommand, platform = process.platform) {
    const commands = platform === 'win32' ? ['python', 'python3', 'py'] : ['python3', 'python'];
    for (const command of commands) {
        const out = await run(command, ['-c', PROBE]);
        const info = out === undefined ? undefined : parsePythonProbe(out, command);
        if (info !== undefined)
            return info;
    }
    return undefined;
}
function pair(text) {
    const m = /^(\d+)\.(\d+)/.exec(text ?? '');
    return m === null ? undefined : [Number(m[1]), Number(m[2])];
}
/** Node's `process.arch` in wheel-tag spelling for an OS. */
function tagArch(os, nodeArch) {
    if (nodeArch === 'x64')
        return 'x86_64';
    if (nodeArch === 'arm64')
        return os === 'linux' ? 'aarch64' : 'arm64';
    if (nodeArch === 'ia32')
        return os === 'linux' ? 'i686' : 'x86';
    if (nodeArch === 'arm')
        return 'armv7l';
    return nodeArch;
}
/**
 * macOS version from the Darwin kernel release (`os.release()`, which is Darwin's version, not
 * macOS's): Darwin 4–19 is macOS 10.(N − 4); Darwin 20–24 is macOS (N − 9) (20 → 11 Big Sur,
 * 23 → 14 Sonoma, 24 → 15 Sequoia); from Darwin 25 Apple numbers macOS by year, skipping 16–25:
 * Darwin 25 is macOS 26 (Tahoe), so N + 1. The minor is 0: since macOS 11 wheel tags only use
 * `macosx_<major>_0` (packaging's `mac_platforms`).
 */
function macosFromDarwin(darwinRelease) {
    const major = Number(/^(\d+)/.exec(darwinRelease)?.[1]);
    if (!Number.isInteger(major) || major < 4)
        return undefined;
    if (major >= 25)
        return [major + 1, 0];
    return major >= 20 ? [major - 9, 0] : [10, major - 4];
}
/** The live values for `runnerPlatform`. */
function liveRunnerProbe() {
    let glibc;
    if (process.platform === 'linux') {
        const header = process.report?.getReport()
            ?.header;
        glibc = header?.glibcVersionRuntime;
    }
    return {
        platform: process.platform,
        arch: process.arch,
        ...(glibc !== undefined ? { glibcVersionRuntime: glibc } : {}),
        hasMusl: () => {
            try {
                return ((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readdirSync)('/lib').some((n) => n.startsWith('ld-musl-')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)('/usr/lib/libc.musl.so'));
            }
            catch {
                return false;
            }
        },
        osRelease: (0,node_os__WEBPACK_IMPORTED_MODULE_3__.release)(),
    };
}
/**
 * The runner's platform. Musl's version cannot be read without running its loader; 1.2 (every
 * Alpine since 3.13, 2021) is assumed, which only widens musllinux_1_1 to musllinux_1_2 wheels.
 */
function runnerPlatform(probe = liveRunnerProbe()) {
    if (probe.platform === 'darwin') {
        const macos = macosFromDarwin(probe.osRelease ?? '');
        return { os: 'macos', arch: tagArch('macos', probe.arch), ...(macos ? { macos } : {}) };
    }
    if (probe.platform === 'win32')
        return { os: 'windows', arch: tagArch('windows', probe.arch) };
    if (probe.platform !== 'linux') {
        throw new TargetDetectionError(`cannot derive a wheel platform for OS ${JSON.stringify(probe.platform)}: pass --platform (input platform)`);
    }
    const arch = tagArch('linux', probe.arch);
    const glibc = pair(probe.glibcVersionRuntime);
    if (glibc !== undefined)
        return { os: 'linux', arch, glibc };
    if (probe.hasMusl?.() === true)
        return { os: 'linux', arch, musl: [1, 2] };
    // Neither: the manylinux2014 floor, as packaging assumes for an unknown glibc.
    return { os: 'linux', arch, glibc: [2, 17] };
}
/** The os part of the cache key: musl and glibc Linux never share wheels, so they never share keys. */
function keyOs(options) {
    if (options.os !== 'linux')
        return options.os;
    const first = options.platforms?.[0];
    if (first !== undefined)
        return first.startsWith('musllinux') ? 'musllinux' : 'linux';
    return options.musl !== undefined && options.glibc === undefined ? 'musllinux' : 'linux';
}
function cacheKeyTargetOf(options) {
    return {
        os: keyOs(options),
        arch: options.arch,
        implementation: options.implementation ?? 'cp',
        pythonVersion: options.pythonVersion,
    };
}
/**
 * The target: explicit values first; the Python version (and implementation) from the interpreter
 * on PATH otherwise; the platform from the first explicit platform tag, else the runner.
 */
async function detectTarget(o) {
    const { explicit } = o;
    if (explicit.pythonVersion !== undefined && !(0,_provider_target_js__WEBPACK_IMPORTED_MODULE_4__/* .isTargetPythonVersion */ .uX)(explicit.pythonVersion.trim())) {
        throw new TargetDetectionError(`python version ${JSON.stringify(explicit.pythonVersion)} is not of the form 3.X or 3.X.Y`);
    }
    let python;
    if (explicit.pythonVersion === undefined || explicit.implementation === undefined) {
        python = await (o.findPython ?? (() => findPython()))();
    }
    const pythonVersion = explicit.pythonVersion?.trim() ?? python?.version;
    if (pythonVersion === undefined) {
        throw new TargetDetectionError('no Python version given and no python3/python on PATH: set python-version (CLI: --python-version 3.X), or run actions/setup-python first');
    }
    const implementation = explicit.implementation ?? python?.implementation ?? 'cp';
    const platforms = (explicit.platforms ?? []).map((p) => p.trim()).filter((p) => p !== '');
    let options;
    if (platforms.length > 0) {
        const implied = (0,_provider_target_js__WEBPACK_IMPORTED_MODULE_4__/* .osArchOfPlatform */ .bD)(platforms[0]);
        if (implied === undefined) {
            throw new TargetDetectionError(`platform tag ${JSON.stringify(platforms[0])} is not a manylinux/musllinux/linux, macosx or win tag`);
        }
        options = { pythonVersion, implementation, os: implied.os, arch: implied.arch, platforms };
    }
    else {
        const runner = (o.runner ?? (() => runnerPlatform()))();
        options = {
            pythonVersion,
            implementation,
            os: runner.os,
            arch: runner.arch,
            ...(runner.glibc ? { glibc: runner.glibc } : {}),
            ...(runner.musl ? { musl: runner.musl } : {}),
            ...(runner.macos ? { macos: runner.macos } : {}),
        };
    }
    if (explicit.abis !== undefined && explicit.abis.length > 0)
        options.abis = explicit.abis;
    return {
        options,
        ...(python !== undefined ? { python } : {}),
        source: {
            python: explicit.pythonVersion !== undefined ? 'explicit' : 'path',
            platform: platforms.length > 0 ? 'explicit' : 'runner',
        },
        cacheKeyTarget: cacheKeyTargetOf(options),
    };
}


/***/ }),

/***/ 8724:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ WHEELHOUSE_VERSION),
/* harmony export */   Y: () => (/* binding */ GENERATED_BY)
/* harmony export */ });
/** The version of wheelhouse (kept equal to package.json's by __tests__/flow/version.test.ts). */
const WHEELHOUSE_VERSION = '0.1.0';
/** What lock and report headers name as their generator. */
const GENERATED_BY = `wheelhouse ${WHEELHOUSE_VERSION}`;


/***/ }),

/***/ 2237:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bt: () => (/* binding */ probeInterpreter),
/* harmony export */   cG: () => (/* binding */ cachedRunPython),
/* harmony export */   x: () => (/* binding */ InterpreterProbeError)
/* harmony export */ });
/* unused harmony exports runPython, parseProbeOutput */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _probe_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4934);
/**
 * One probe of the target interpreter (issue 9 §2): everything the installer needs — where pip
 * would put each kind of file, the version, the executable for shebangs, whether it is a virtual
 * environment and whether it is externally managed — from a single `python -c` run, nothing guessed
 * from the host.
 *
 * The scheme is the one pip 23.2 / pip 26 use on Python ≥ 3.10 (pip/_internal/locations/
 * _sysconfig.py `get_scheme` with no --user/--home/--prefix/--root): the scheme name is
 * `sysconfig.get_preferred_scheme("prefix")` where it exists (3.10+: `venv` inside a virtual
 * environment on 3.11+, else `posix_prefix` / `nt`), otherwise pip's own fallback order
 * (`<impl>_<os>`, `<impl>`, `<os>_prefix`, `<os>`, `posix_prefix`); the paths are
 * `sysconfig.get_paths(scheme)`; inside a virtual environment pip replaces `include` by
 * `<sys.prefix>/include/site/pythonX.Y`, and the headers of a distribution go to
 * `<include>/<dist name>`. On Python < 3.10 pip consults distutils instead; its sysconfig answer is
 * the same for plain CPython installs and virtual environments, which is what this probe reports.
 *
 * PEP 668: a file `EXTERNALLY-MANAGED` in `sysconfig.get_path("stdlib")` marks the interpreter as
 * externally managed; pip ignores it inside a virtual environment (`running_under_virtualenv`:
 * `sys.prefix != sys.base_prefix`, or a legacy virtualenv's `sys.real_prefix`).
 */


class InterpreterProbeError extends Error {
    command;
    name = 'InterpreterProbeError';
    constructor(
    /** The interpreter command that was run. */
    command, detail) {
        super(`cannot probe the Python interpreter ${JSON.stringify(command)}: ${detail}`);
        this.command = command;
    }
}
// Prints one JSON object; kept free of anything newer than Python 3.7.
const PROBE = String.raw `
import json, os, sys, sysconfig
def scheme_name():
    pref = getattr(sysconfig, "get_preferred_scheme", None)
    if pref is not None:
        return pref("prefix")
    names = sysconfig.get_scheme_names()
    for cand in ("%s_%s" % (sys.implementation.name, os.name), sys.implementation.name, os.name + "_prefix", os.name):
        if cand in names:
            return cand
    return "posix_prefix"
venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix) or hasattr(sys, "real_prefix")
name = scheme_name()
paths = sysconfig.get_paths(scheme=name)
include = paths["include"]
if venv:
    include = os.path.join(sys.prefix, "include", "site", "python%d.%d" % sys.version_info[:2])
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
managed = (not venv) and os.path.isfile(marker)
message = None
if managed:
    try:
        import configparser
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(marker, encoding="utf-8")
        message = cp.get("externally-managed", "Error", fallback=None)
    except Exception:
        message = None
print(json.dumps({
    "executable": sys.executable,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "implementation": sys.implementation.name,
    "prefix": sys.prefix,
    "basePrefix": getattr(sys, "base_prefix", sys.prefix),
    "isVirtualEnv": venv,
    "scheme": name,
    "paths": {"purelib": paths["purelib"], "platlib": paths["platlib"], "scripts": paths["scripts"],
              "data": paths["data"], "include": include},
    "sysPlatform": sys.platform,
    "osName": os.name,
    "externallyManaged": managed,
    "externallyManagedMessage": message,
    "optimize": sys.flags.optimize,
    "fsEncoding": sys.getfilesystemencoding(),
    "cacheTag": sys.implementation.cache_tag,
    "managedMarker": marker,
}))
`;
const runPython = (python, args, env) => new Promise((resolve, reject) => {
    (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(python, args, { env, timeout: 30_000, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
            const code = error.code;
            const why = code === 'ENOENT'
                ? 'no such file or command'
                : String(stderr).trim().split('\n').slice(-3).join(' | ') || error.message;
            reject(new Error(why));
        }
        else
            resolve(String(stdout));
    });
});
function str(value, what, command) {
    if (typeof value !== 'string' || value === '') {
        throw new InterpreterProbeError(command, `the probe's answer lacks ${what}`);
    }
    return value;
}
/** Parses the probe's JSON (exported for tests of malformed answers). */
function parseProbeOutput(stdout, command) {
    let raw;
    try {
        raw = JSON.parse(stdout.trim().split('\n').pop() ?? '');
    }
    catch {
        throw new InterpreterProbeError(command, `unexpected output ${JSON.stringify(stdout.slice(0, 200))}`);
    }
    const impl = raw.implementation === 'cpython' ? 'cp' : raw.implementation === 'pypy' ? 'pp' : undefined;
    if (impl === undefined) {
        throw new InterpreterProbeError(command, `unsupported implementation ${JSON.stringify(raw.implementation)}`);
    }
    const p = (raw.paths ?? {});
    const message = raw.externallyManagedMessage;
    return {
        command,
        executable: str(raw.executable, 'sys.executable', command),
        version: str(raw.version, 'the version', command),
        implementation: impl,
        prefix: str(raw.prefix, 'sys.prefix', command),
        basePrefix: str(raw.basePrefix, 'sys.base_prefix', command),
        isVirtualEnv: raw.isVirtualEnv === true,
        scheme: str(raw.scheme, 'the scheme name', command),
        paths: {
            purelib: str(p.purelib, 'purelib', command),
            platlib: str(p.platlib, 'platlib', command),
            scripts: str(p.scripts, 'scripts', command),
            data: str(p.data, 'data', command),
            include: str(p.include, 'include', command),
        },
        sysPlatform: str(raw.sysPlatform, 'sys.platform', command),
        osName: str(raw.osName, 'os.name', command),
        externallyManaged: raw.externallyManaged === true,
        ...(typeof message === 'string' ? { externallyManagedMessage: message } : {}),
        optimize: typeof raw.optimize === 'number' ? raw.optimize : 0,
        fsEncoding: typeof raw.fsEncoding === 'string' ? raw.fsEncoding : 'utf-8',
        ...(typeof raw.cacheTag === 'string' ? { cacheTag: raw.cacheTag } : {}),
    };
}
/** Asks `python` (a path or command) where and how pip would install into it. */
async function probeInterpreter(python, opts = {}) {
    const run = opts.run ?? runPython;
    // The same environment pip would run in (PYTHONHOME, PYTHONOPTIMIZE... take part as for pip).
    const env = { ...(opts.env ?? process.env) };
    let stdout;
    try {
        stdout = await run(python, ['-c', PROBE], env);
    }
    catch (error) {
        throw new InterpreterProbeError(python, error.message);
    }
    return parseProbeOutput(stdout, python);
}
/**
 * `run` with its successful probe answers kept in the probe cache (probe-cache.ts), keyed on the
 * interpreter's identity; a cached answer is used only when `parseProbeOutput` accepts it.
 */
function cachedRunPython(cache, run = runPython) {
    return (python, args, env) => (0,_probe_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .cachedProbe */ .ND)({ ...cache, env }, python, args, () => run(python, args, env), (stdout) => {
        try {
            parseProbeOutput(stdout, python);
            return true;
        }
        catch {
            return false;
        }
    }, 
    // The PEP 668 marker can appear or go without the interpreter changing.
    (stdout) => {
        const marker = managedMarkerOf(stdout);
        return marker === undefined ? [] : [marker];
    });
}
/** The path of the `EXTERNALLY-MANAGED` marker the probe looked at, if its answer names one. */
function managedMarkerOf(stdout) {
    try {
        const raw = JSON.parse(stdout.trim().split('\n').pop() ?? '');
        return typeof raw.managedMarker === 'string' && raw.managedMarker !== '' ? raw.managedMarker : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 4934:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ND: () => (/* binding */ cachedProbe)
/* harmony export */ });
/* unused harmony exports interpreterIdentities, pruneProbeCache */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9638);
/* harmony import */ var _util_prune_files_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(2186);
/**
 * A cache of interpreter probes (issue 14 §2, start-up): running `python3 -c …` to learn its
 * version, implementation and scheme paths costs 0.1–0.2 s of every run, warm no-op runs included.
 * The probe's stdout is kept in `<cache dir>/probes/<key>.json`, beside the stamp store and never
 * inside a cache entry, and reused only while nothing that decides the answer can have changed:
 *
 * - the file name is the hash of the command, the probe's arguments (the probe script, so a new
 *   script never reads an old answer) and every `PYTHON*` /
 *   `__PYVENV_LAUNCHER__` variable of the environment the interpreter runs in;
 * - the entry holds the identity (lstat: dev, ino, size, mtime ns, ctime ns) of every file the
 *   command leads to: the executable found on PATH (or the path given), each link of its symlink
 *   chain resolved one step at a time, and its real path; plus `pyvenv.cfg` (or its absence) in the
 *   directory of each of those and in that directory's parent, where CPython's `site`/getpath look
 *   for it (a recreated virtual environment or a replaced pyvenv.cfg changes an identity); and the
 *   files the answer itself names as deciding it (`watch`: the install probe's PEP 668
 *   `EXTERNALLY-MANAGED` marker, present or absent);
 * - the identities are taken before and after the probe, and the answer is stored only when both
 *   agree, so an interpreter replaced mid-probe is never recorded.
 *
 * Any difference, an unreadable file or one of the wrong shape (the cache is untrusted input) is a
 * miss: the interpreter is probed as without the cache and the entry rewritten atomically. The
 * caller's `valid` check (the probe's own parser) must accept the cached answer too. Entries are
 * read without following a symlink (O_NOFOLLOW), regular files only, at most 256 KiB read. A hit
 * older than a day has its mtime refreshed (lutimes), so mtime means "last written or used".
 * Windows is not cached (PATHEXT and the `py` launcher make "the file this command runs" harder
 * to pin down).
 *
 * Pruning rule (`pruneProbeCache`, run after each entry written): the directory holds one file per
 * distinct command/arguments/environment, so each write looks at no more than `examine` (default
 * 32) files picked at random among those named `<64 hex>.json` (ours), `.<64 hex>.json.<12
 * hex>.tmp` (a write in progress, util/atomic-file.ts) or `.<64 hex>.json.prune-<12 hex>` (a
 * removal in progress); the listing stops after 10 000 names. It removes
 *   - an entry that is a regular file (not a symlink), parses as an entry of this format, and
 *     either names as its interpreter (the first identity: an absolute path) a path that lstat
 *     answers ENOENT for, or was last written or used more than `maxAgeDays` (default 30) days ago;
 *   - a leftover `.tmp` / `.prune-` regular file not modified for a day (content not read).
 * Anything else — other names, symlinks, directories, files that do not parse as an entry (a
 * malformed `<64 hex>.json` included, as the stamp store decides), files over the size limit — is
 * left alone. Concurrent runs are safe as in the stamp store (util/prune-files.ts): a file is
 * renamed aside, checked again, and put back with link(2) if another run rewrote or used it
 * meanwhile. Losing an entry costs one probe, never a wrong answer.
 */






/** Bumped whenever the entry's layout or what the identities cover changes. */
const FORMAT = 1;
/** A probe answer larger than this is not cached (the real ones are < 2 KB). */
const MAX_ENTRY_BYTES = 256 * 1024;
/** Symlink chains longer than this (Linux's own limit is 40) are not cached. */
const MAX_LINKS = 40;
function identityOfStats(s) {
    return `${s.dev}:${s.ino}:${s.mode}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}
async function identityOf(path) {
    try {
        return identityOfStats(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path, { bigint: true }));
    }
    catch {
        return null;
    }
}
/** The file a bare command runs: the first executable regular file named so on PATH. */
async function onPath(command, env) {
    for (const dir of (env['PATH'] ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_3__.delimiter)) {
        // An empty PATH entry means the working directory to execvp; not worth caching.
        if (dir === '' || !(0,node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute)(dir))
            continue;
        const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, command);
        try {
            if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(candidate)).isFile()) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
                return candidate;
            }
        }
        catch {
            // not here: the next PATH entry
        }
    }
    return undefined;
}
/** Identities of everything `command` leads to, or undefined when it cannot be pinned down. */
async function interpreterIdentities(command, env, cwd) {
    const start = /[\\/]/.test(command) ? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(cwd, command) : await onPath(command, env);
    if (start === undefined)
        return undefined;
    const out = [];
    const dirs = new Set();
    let path = start;
    for (let step = 0;; step++) {
        if (step > MAX_LINKS)
            return undefined;
        // One lstat a step: its identity and whether the chain goes on.
        const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path, { bigint: true }).catch(() => undefined);
        if (s === undefined)
            return undefined;
        out.push([path, identityOfStats(s)]);
        dirs.add((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path));
        if (!s.isSymbolicLink())
            break;
        path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readlink)(path));
    }
    let real;
    try {
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(start);
    }
    catch {
        return undefined;
    }
    out.push([`realpath:${real}`, await identityOf(real)]);
    dirs.add((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(real));
    for (const dir of dirs) {
        for (const d of new Set([dir, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(dir)])) {
            const cfg = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(d, 'pyvenv.cfg');
            out.push([cfg, await identityOf(cfg)]);
        }
    }
    return out;
}
async function identitiesOf(paths) {
    const out = [];
    for (const path of paths)
        out.push([`watch:${path}`, await identityOf(path)]);
    return out;
}
function entryFile(dir, command, args, o) {
    const pythonEnv = Object.entries(o.env)
        .filter(([k, v]) => v !== undefined && (k.startsWith('PYTHON') || k === '__PYVENV_LAUNCHER__'))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify([FORMAT, command, args, pythonEnv]);
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, `${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest('hex')}.json`);
}
/** The entry if it is one (anything else: undefined). */
function parseEntry(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof raw !== 'object' || raw === null)
        return undefined;
    const e = raw;
    if (e.format !== FORMAT || typeof e.stdout !== 'string' || !Array.isArray(e.identities))
        return undefined;
    for (const item of e.identities) {
        if (!Array.isArray(item) ||
            item.length !== 2 ||
            typeof item[0] !== 'string' ||
            (typeof item[1] !== 'string' && item[1] !== null)) {
            return undefined;
        }
    }
    return e;
}
function sameIdentities(a, b) {
    return a.length === b.length && a.every(([p, id], i) => b[i]?.[0] === p && b[i]?.[1] === id);
}
async function readEntry(file) {
    // The entry is JSON.stringify of strings, a few hundred bytes of identities more than stdout.
    const text = await (0,_util_prune_files_js__WEBPACK_IMPORTED_MODULE_5__/* .readFileNoFollow */ .tk)(file, MAX_ENTRY_BYTES + 64 * 1024);
    return text === undefined ? undefined : parseEntry(text);
}
const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;
const LEFTOVER_NAME = /^\.[0-9a-f]{64}\.json\.(?:[0-9a-f]{12}\.tmp|prune-[0-9a-f]{12})$/;
/** A hit's mtime is refreshed (at most once a day) so that pruning counts use as well as writes. */
async function markUsed(file, now) {
    try {
        const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(file);
        if (s.isFile() && now - s.mtimeMs > _util_prune_files_js__WEBPACK_IMPORTED_MODULE_5__/* .DAY_MS */ .sO)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lutimes)(file, now / 1000, now / 1000);
    }
    catch {
        // A read-only cache: the entry may be probed again after 30 days, nothing else.
    }
}
/** The interpreter path an entry records (its first identity), when it is an absolute path. */
function interpreterOf(entry) {
    const first = entry.identities[0]?.[0];
    return first !== undefined && (0,node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute)(first) && (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(first) === first ? first : undefined;
}
/** Removes probe entries of gone interpreters or unused for long (see the header for the rule). */
function pruneProbeCache(dir, options = {}) {
    return (0,_util_prune_files_js__WEBPACK_IMPORTED_MODULE_5__/* .pruneSample */ .fp)(dir, {
        isEntry: (name) => ENTRY_NAME.test(name),
        isLeftover: (name) => LEFTOVER_NAME.test(name),
        async ownerOf(name) {
            const entry = await readEntry((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name));
            return entry === undefined ? undefined : (interpreterOf(entry) ?? null);
        },
    }, options);
}
/**
 * `run()`'s answer for `command args`, from the cache when every identity still matches and
 * `valid` accepts it; else `run()` (its failures propagate and are never cached).
 */
async function cachedProbe(o, command, args, run, valid, 
/** Further files the answer depends on, named by the answer (their identities are kept too). */
watch = () => []) {
    const platform = o.platform ?? process.platform;
    if (o.dir === undefined || platform === 'win32')
        return run();
    const cwd = o.cwd ?? process.cwd();
    const before = await interpreterIdentities(command, o.env, cwd).catch(() => undefined);
    if (before === undefined)
        return run();
    const file = entryFile(o.dir, command, args, o);
    const entry = await readEntry(file);
    if (entry !== undefined && valid(entry.stdout)) {
        const now = [...before, ...(await identitiesOf(watch(entry.stdout)))];
        if (sameIdentities(entry.identities, now)) {
            await markUsed(file, Date.now());
            return entry.stdout;
        }
    }
    const stdout = await run();
    if (stdout === undefined || !valid(stdout) || Buffer.byteLength(stdout) > MAX_ENTRY_BYTES)
        return stdout;
    const watched = await identitiesOf(watch(stdout));
    const after = await interpreterIdentities(command, o.env, cwd).catch(() => undefined);
    if (after !== undefined && sameIdentities(before, after)) {
        const fresh = { format: FORMAT, identities: [...before, ...watched], stdout };
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(o.dir, { recursive: true });
            await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_4__/* .writeFileAtomic */ .Z)(file, JSON.stringify(fresh));
            await pruneProbeCache(o.dir);
        }
        catch {
            // A read-only or full cache directory costs the next run a probe, nothing else.
        }
    }
    return stdout;
}


/***/ }),

/***/ 7224:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uX: () => (/* binding */ isTargetPythonVersion),
  bD: () => (/* binding */ osArchOfPlatform),
  dK: () => (/* binding */ targetEnvironment)
});

// EXTERNAL MODULE: ./src/standards/tags-platforms.ts
var tags_platforms = __nccwpck_require__(9136);
;// CONCATENATED MODULE: ./src/standards/environment.ts
/**
 * Marker environments — PEP 508 "Environment Markers" variable table (as kept current in the PyPA
 * "Dependency specifiers" specification): the values `os.name`, `sys.platform`,
 * `platform.machine()`, `platform.python_implementation()`, `platform.release()`,
 * `platform.system()`, `platform.version()`, `platform.python_version()` and
 * `sys.implementation` report on a target interpreter. Computed from an explicit target; the
 * host is never read.
 * Not supported: values that depend on the exact machine rather than the target triple —
 * `platform_release` and `platform_version` default to '' (override them when known); a target
 * given as `3.12` gets `python_full_version` `3.12.0`; for PyPy, `implementation_version` is the
 * Python language version, not PyPy's own release number, unless given.
 */

// One error for a target that cannot be described, whether its markers or its tags fail.

function archFamily(arch) {
    switch (arch.toLowerCase()) {
        case 'x86_64':
        case 'amd64':
        case 'x64':
            return 'x86_64';
        case 'aarch64':
        case 'arm64':
            return 'aarch64';
        case 'i386':
        case 'i486':
        case 'i586':
        case 'i686':
        case 'x86':
        case 'win32':
            return 'x86';
        default:
            return null;
    }
}
/**
 * `platform.machine()` as each OS spells it: Linux reports the kernel's `uname -m`
 * (x86_64, aarch64, i686), macOS reports x86_64 or arm64, Windows reports
 * PROCESSOR_ARCHITECTURE (AMD64, ARM64, x86).
 */
function machineFor(os, arch) {
    const family = archFamily(arch);
    if (family === null)
        return arch;
    const table = {
        linux: { x86_64: 'x86_64', aarch64: 'aarch64', x86: 'i686' },
        macos: { x86_64: 'x86_64', aarch64: 'arm64', x86: 'i386' },
        windows: { x86_64: 'AMD64', aarch64: 'ARM64', x86: 'x86' },
    };
    return table[os][family];
}
const PYTHON_VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?$/;
/** What a real interpreter on the target reports for every PEP 508 marker variable. */
function markerEnvironmentFor(t) {
    const m = PYTHON_VERSION_RE.exec(t.pythonVersion.trim());
    if (m === null)
        throw new tags_platforms/* InvalidTargetError */.$t(JSON.stringify(t.pythonVersion), 'expected a Python version like 3.12 or 3.12.4');
    const pythonVersion = `${Number(m[1])}.${Number(m[2])}`;
    const fullVersion = `${pythonVersion}.${m[3] === undefined ? 0 : Number(m[3])}`;
    const impl = t.implementation ?? 'cpython';
    const osValues = {
        linux: { os_name: 'posix', sys_platform: 'linux', platform_system: 'Linux' },
        macos: { os_name: 'posix', sys_platform: 'darwin', platform_system: 'Darwin' },
        windows: { os_name: 'nt', sys_platform: 'win32', platform_system: 'Windows' },
    };
    const osv = osValues[t.os];
    if (osv === undefined)
        throw new tags_platforms/* InvalidTargetError */.$t(JSON.stringify(String(t.os)), 'expected linux, macos or windows');
    return {
        implementation_name: impl,
        implementation_version: t.implementationVersion ?? fullVersion,
        os_name: osv.os_name,
        platform_machine: machineFor(t.os, t.arch),
        platform_python_implementation: impl === 'pypy' ? 'PyPy' : 'CPython',
        platform_release: t.platformRelease ?? '',
        platform_system: osv.platform_system,
        platform_version: t.platformVersion ?? '',
        python_full_version: fullVersion,
        python_version: pythonVersion,
        sys_platform: osv.sys_platform,
    };
}

// EXTERNAL MODULE: ./src/standards/tags.ts
var standards_tags = __nccwpck_require__(6377);
// EXTERNAL MODULE: ./src/standards/version.ts
var version = __nccwpck_require__(7174);
;// CONCATENATED MODULE: ./src/provider/target.ts
/**
 * The target a resolution is for, always explicit (never read from the host here): a Python
 * version and implementation, an OS, an architecture and a libc/macOS version, giving the PEP 508
 * marker environment, the ordered supported tags (packaging's sys_tags order) and the Python
 * version that Requires-Python is checked against.
 *
 * Like pip's `--platform`/`--abi`, explicit platform or ABI tags replace the computed ones, each
 * platform expanded as pip 26 expands it (expandExplicitPlatforms: the macOS ladder with
 * `universal2`, manylinux2014/2010 with their legacy aliases and PEP 600 names); unlike pip
 * (which keeps evaluating markers for the running interpreter), the markers follow the target.
 */



const PYTHON_RE = /^3\.(\d+)(?:\.(\d+))?$/;
/** Whether `text` is a target Python version as every input takes it: `3.X` or `3.X.Y`. */
function isTargetPythonVersion(text) {
    return PYTHON_RE.test(text);
}
/** os and arch implied by one platform tag (`manylinux_2_17_x86_64`, `macosx_14_0_arm64`, `win_amd64`). */
function osArchOfPlatform(platform) {
    let m = /^(?:manylinux_\d+_\d+|manylinux1|manylinux2010|manylinux2014|musllinux_\d+_\d+|linux)_(.+)$/.exec(platform);
    if (m !== null)
        return { os: 'linux', arch: m[1] };
    m = /^macosx_\d+_\d+_(.+)$/.exec(platform);
    if (m !== null)
        return { os: 'macos', arch: m[1] === 'universal2' ? 'arm64' : m[1] };
    if (platform === 'win32')
        return { os: 'windows', arch: 'x86' };
    m = /^win_(amd64|arm64)$/.exec(platform);
    if (m !== null)
        return { os: 'windows', arch: m[1] === 'amd64' ? 'x86_64' : 'arm64' };
    return undefined;
}
function targetEnvironment(options) {
    const m = PYTHON_RE.exec(options.pythonVersion.trim());
    if (m === null) {
        throw new standards_tags/* InvalidTargetError */.$t(options.pythonVersion, 'expected a Python 3 version like 3.12 or 3.12.4');
    }
    const minor = Number(m[1]);
    const implementation = options.implementation ?? 'cp';
    const markers = markerEnvironmentFor({
        pythonVersion: options.pythonVersion.trim(),
        os: options.os,
        arch: options.arch,
        implementation: implementation === 'pp' ? 'pypy' : 'cpython',
    });
    let platforms = options.platforms === undefined ? undefined : (0,standards_tags/* expandExplicitPlatforms */.j8)(options.platforms);
    if (platforms !== undefined && platforms.length === 0)
        platforms = options.platforms;
    if (platforms === undefined || platforms.length === 0) {
        const isArm = /^(arm64|aarch64)$/i.test(options.arch);
        platforms = (0,standards_tags/* platformsFor */.Wd)({
            os: options.os,
            arch: options.arch,
            ...(options.os === 'linux'
                ? options.glibc === undefined && options.musl === undefined
                    ? { glibc: [2, 17] }
                    : {
                        ...(options.glibc !== undefined ? { glibc: options.glibc } : {}),
                        ...(options.musl !== undefined ? { musl: options.musl } : {}),
                    }
                : {}),
            ...(options.os === 'macos' ? { macos: options.macos ?? (isArm ? [11, 0] : [10, 12]) } : {}),
        });
    }
    const tags = (0,standards_tags/* supportedTags */.kJ)({
        implementation,
        pythonVersion: [3, minor],
        platforms,
        ...(options.abis !== undefined && options.abis.length > 0 ? { abis: options.abis } : {}),
    });
    const interpreter = `${implementation}3${minor}`;
    const envMarker = [
        `sys_platform == '${markers.sys_platform}'`,
        `platform_machine == '${markers.platform_machine}'`,
        `implementation_name == '${markers.implementation_name}'`,
        m[2] === undefined
            ? `python_version == '${markers.python_version}'`
            : `python_full_version == '${markers.python_full_version}'`,
    ].join(' and ');
    return {
        options,
        pythonVersion: version/* Version */.Rx.parse(options.pythonVersion.trim()),
        markers,
        tags,
        tagPriority: (0,standards_tags/* tagPriorityMap */.LA)(tags),
        summary: `${interpreter}-${platforms[0] ?? 'any'}`,
        requiresPython: m[2] === undefined ? `==3.${minor}.*` : `==${options.pythonVersion.trim()}`,
        environmentMarker: envMarker,
    };
}


/***/ }),

/***/ 1778:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ makeTag),
/* harmony export */   lJ: () => (/* binding */ tagToString),
/* harmony export */   xy: () => (/* binding */ expandTagSet)
/* harmony export */ });
/* unused harmony export parseTagSet */
/**
 * Compatibility tag triples — PEP 425 "Compatibility Tags for Built Distributions" and the
 * platform compatibility tags specification (packaging.python.org/specifications/
 * platform-compatibility-tags/), section "Compressed Tag Sets".
 *
 * A wheel's tag component `{python tag}-{abi tag}-{platform tag}` may hold several `.`-separated
 * values per part ("py2.py3-none-any"); the wheel then supports the cartesian product of them.
 * Tags compare case-insensitively: like `packaging.tags.Tag`, the triples built here are
 * lowercased.
 * Not supported: nothing of the tag syntax is left out; deciding which tags an interpreter
 * supports lives in tags.ts.
 */
/** `cp312-abi3-win_amd64`. */
function tagToString(tag) {
    return `${tag.interpreter}-${tag.abi}-${tag.platform}`;
}
/** Builds a (lowercased) tag from its three parts. */
function makeTag(interpreter, abi, platform) {
    return {
        interpreter: interpreter.toLowerCase(),
        abi: abi.toLowerCase(),
        platform: platform.toLowerCase(),
    };
}
/**
 * Expands a compressed tag set (PEP 425 "Compressed Tag Sets"): each part is split on `.` and the
 * cartesian product is returned in interpreter → abi → platform order, duplicates dropped.
 * `py2.py3-none-any` → [py2-none-any, py3-none-any]. Parts must be non-empty; the caller
 * validates the overall shape (see filenames.ts), this function only expands.
 */
function expandTagSet(pythonTags, abiTags, platformTags) {
    const seen = new Set();
    const out = [];
    for (const interpreter of pythonTags) {
        for (const abi of abiTags) {
            for (const platform of platformTags) {
                const tag = makeTag(interpreter, abi, platform);
                const key = tagToString(tag);
                if (seen.has(key))
                    continue;
                seen.add(key);
                out.push(tag);
            }
        }
    }
    return out;
}
/**
 * Parses a compressed tag string `py2.py3-none-any` into its expanded tags. Returns undefined
 * when the string is not exactly three non-empty `-`-separated parts with non-empty `.` items.
 */
function parseTagSet(text) {
    const parts = text.split('-');
    if (parts.length !== 3)
        return undefined;
    const split = parts.map((p) => p.split('.'));
    if (split.some((items) => items.some((item) => item === '')))
        return undefined;
    return expandTagSet(split[0], split[1], split[2]);
}


/***/ }),

/***/ 9136:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $t: () => (/* binding */ InvalidTargetError),
/* harmony export */   Wd: () => (/* binding */ platformsFor),
/* harmony export */   j8: () => (/* binding */ expandExplicitPlatforms)
/* harmony export */ });
/* unused harmony exports manylinuxPlatforms, musllinuxPlatforms, macosPlatforms, windowsPlatforms, normalizeArch, expandExplicitPlatform */
/**
 * Platform tag ladders for an explicit target machine, most specific first, in the order of
 * `packaging.tags` (fixtures from pip's vendored packaging, scripts/gen-tag-fixtures.py; explicit
 * `--platform` lists checked against pip 26 by __tests__/conformance):
 *  - manylinux — PEP 600 `manylinux_{glibc major}_{glibc minor}_{arch}` from the target's glibc
 *    down to 2.17 (2.5 on x86_64/i686), each major version counting down to minor 0 and earlier
 *    majors assumed to end at minor 50 (packaging `_manylinux.platform_tags`); the legacy aliases
 *    of PEP 513/571/599 follow their glibc version: manylinux2014 after 2_17, manylinux2010 after
 *    2_12, manylinux1 after 2_5 (so only x86_64/i686 reach the last two).
 *  - musllinux — PEP 656 `musllinux_{major}_{minor}_{arch}` from the target's musl minor down to 0.
 *  - macOS — packaging `mac_platforms`: for 10.x each minor down to 10.0; for 11+ each major down
 *    to 11 (minor 0), then 10.16 … 10.4 (x86_64 with all its binary formats; arm64 only
 *    `universal2`, as no arm64 binaries predate 11.0). Binary formats per version
 *    (`_mac_binary_formats`): x86_64 → x86_64, intel, fat64, fat32, universal2, universal (none
 *    before 10.4); arm64 → arm64, universal2; i386 → i386, intel, fat32, fat, universal;
 *    ppc64 → ppc64, fat64, universal (10.4–10.5 only); ppc → ppc, fat32, fat, universal (≤10.6).
 *  - Windows — the single `sysconfig.get_platform()` tag: win32, win_amd64 or win_arm64.
 *  - linux — `linux_{arch}` last (packaging `_linux_platforms`).
 * Not supported: the host probes packaging performs (`_manylinux` module overrides, armhf/i686 ELF
 * checks, 32-bit interpreters on 64-bit kernels) — the target states its own facts; manylinux
 * arches beyond packaging's list (x86_64, i686, aarch64, armv7l, ppc64, ppc64le, s390x, plus
 * riscv64 and loongarch64 as newer packaging releases add) get no manylinux tags; macOS 26's
 * version jump (packaging 26.2 still counts 25…16 too, and so does this code); iOS, Android,
 * FreeBSD and other platforms (pip 26 expands explicit `ios_*`/`android_*` platforms; wheelhouse
 * does not take them as targets).
 */
/** A target whose tags or markers cannot be computed; `input` as shown (callers quote values). */
class InvalidTargetError extends Error {
    input;
    reason;
    constructor(input, reason) {
        super(`invalid target ${input}: ${reason}`);
        this.input = input;
        this.reason = reason;
        this.name = 'InvalidTargetError';
    }
}
/** Arches packaging's `_manylinux._have_compatible_abi` accepts (riscv64/loongarch64 from newer releases). */
const MANYLINUX_ARCHES = new Set([
    'x86_64',
    'i686',
    'aarch64',
    'armv7l',
    'ppc64',
    'ppc64le',
    's390x',
    'riscv64',
    'loongarch64',
]);
/** PEP 513/571/599 names for the glibc versions of their build environments. */
const LEGACY_MANYLINUX = new Map([
    ['2.17', 'manylinux2014'],
    ['2.12', 'manylinux2010'],
    ['2.5', 'manylinux1'],
]);
/** packaging `_LAST_GLIBC_MINOR`: the assumed last minor of a glibc major that has been superseded. */
const LAST_GLIBC_MINOR = 50;
function checkVersion(label, v) {
    if (v.length !== 2 || !v.every((n) => Number.isInteger(n) && n >= 0)) {
        throw new InvalidTargetError(JSON.stringify(v), `${label} must be [major, minor] with non-negative integers`);
    }
}
/** PEP 600 manylinux platforms for a glibc `[major, minor]` on `arch`, newest first. */
function manylinuxPlatforms(arch, glibc) {
    checkVersion('glibc', glibc);
    if (!MANYLINUX_ARCHES.has(arch))
        return [];
    // Below 2.17 only x86_64 and i686 ever had manylinux builds (manylinux1/2010).
    const oldest = arch === 'x86_64' || arch === 'i686' ? [2, 5] : [2, 17];
    const out = [];
    for (let major = glibc[0]; major >= 2; major--) {
        const top = major === glibc[0] ? glibc[1] : LAST_GLIBC_MINOR;
        const bottom = major === oldest[0] ? oldest[1] : 0;
        for (let minor = top; minor >= bottom; minor--) {
            out.push(`manylinux_${major}_${minor}_${arch}`);
            const legacy = LEGACY_MANYLINUX.get(`${major}.${minor}`);
            if (legacy)
                out.push(`${legacy}_${arch}`);
        }
    }
    return out;
}
/** PEP 656 musllinux platforms for a musl `[major, minor]` on `arch`, newest first. */
function musllinuxPlatforms(arch, musl) {
    checkVersion('musl', musl);
    const out = [];
    for (let minor = musl[1]; minor >= 0; minor--)
        out.push(`musllinux_${musl[0]}_${minor}_${arch}`);
    return out;
}
/** packaging `_mac_binary_formats`: the binary formats a macOS version runs for `arch`. */
function macBinaryFormats(version, arch) {
    const before = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    const formats = [arch];
    if (arch === 'x86_64') {
        if (before(version, [10, 4]))
            return [];
        formats.push('intel', 'fat64', 'fat32');
    }
    else if (arch === 'i386') {
        if (before(version, [10, 4]))
            return [];
        formats.push('intel', 'fat32', 'fat');
    }
    else if (arch === 'ppc64') {
        if (before([10, 5], version) || before(version, [10, 4]))
            return [];
        formats.push('fat64');
    }
    else if (arch === 'ppc') {
        if (before([10, 6], version))
            return [];
        formats.push('fat32', 'fat');
    }
    if (arch === 'arm64' || arch === 'x86_64')
        formats.push('universal2');
    if (['x86_64', 'i386', 'ppc64', 'ppc', 'intel'].includes(arch))
        formats.push('universal');
    return formats;
}
/** packaging `mac_platforms(version, arch)`: macOS platform tags, most specific first. */
function macosPlatforms(arch, version) {
    checkVersion('macOS version', version);
    const out = [];
    const emit = (major, minor, formats) => {
        for (const format of formats)
            out.push(`macosx_${major}_${minor}_${format}`);
    };
    const [major, minor] = version;
    if (major === 10) {
        // Before macOS 11 every yearly release bumped the minor version.
        for (let m = minor; m >= 0; m--)
            emit(10, m, macBinaryFormats([10, m], arch));
    }
    if (major >= 11) {
        // From 11 on, each yearly release bumps the major version; wheels are tagged `{major}_0`.
        for (let m = major; m >= 11; m--)
            emit(m, 0, macBinaryFormats([m, 0], arch));
        // 11+ on x86_64 still runs 10.x binaries; for arm64 only universal2 can predate 11.0.
        for (let m = 16; m >= 4; m--) {
            emit(10, m, arch === 'x86_64' ? macBinaryFormats([10, m], arch) : ['universal2']);
        }
    }
    return out;
}
/** The Windows platform tag for an arch (`x86`/`win32`, `x86_64`/`amd64`/`x64`, `arm64`/`aarch64`). */
function windowsPlatforms(arch) {
    switch (arch.toLowerCase()) {
        case 'x86':
        case 'i686':
        case 'win32':
            return ['win32'];
        case 'x86_64':
        case 'amd64':
        case 'x64':
        case 'win_amd64':
            return ['win_amd64'];
        case 'arm64':
        case 'aarch64':
        case 'win_arm64':
            return ['win_arm64'];
        default:
            throw new InvalidTargetError(JSON.stringify(arch), 'unknown Windows architecture (x86, x86_64 or arm64)');
    }
}
/** Maps GitHub runner / uname / Go spellings of an arch onto packaging's name for that OS. */
function normalizeArch(os, arch) {
    const a = arch.toLowerCase();
    if (os === 'linux') {
        const linux = {
            x64: 'x86_64',
            amd64: 'x86_64',
            x86: 'i686',
            i386: 'i686',
            arm64: 'aarch64',
            arm: 'armv7l',
        };
        return linux[a] ?? a;
    }
    if (os === 'macos') {
        const mac = { x64: 'x86_64', amd64: 'x86_64', aarch64: 'arm64' };
        return mac[a] ?? a;
    }
    return a;
}
/**
 * The platform list for a target, most specific first: Linux = manylinux ladder (when `glibc`),
 * musllinux ladder (when `musl`), then `linux_{arch}`; macOS = `macosPlatforms`; Windows = one tag.
 */
function platformsFor(target) {
    const arch = normalizeArch(target.os, target.arch);
    switch (target.os) {
        case 'linux': {
            if (!target.glibc && !target.musl) {
                throw new InvalidTargetError(JSON.stringify(target), 'a Linux target needs its glibc or musl version');
            }
            const out = [];
            if (target.glibc)
                out.push(...manylinuxPlatforms(arch, target.glibc));
            if (target.musl)
                out.push(...musllinuxPlatforms(arch, target.musl));
            out.push(`linux_${arch}`);
            return out;
        }
        case 'macos':
            if (!target.macos)
                throw new InvalidTargetError(JSON.stringify(target), 'a macOS target needs its macOS version');
            return macosPlatforms(arch, target.macos);
        case 'windows':
            return windowsPlatforms(arch);
        default:
            throw new InvalidTargetError(JSON.stringify(target), 'os must be linux, macos or windows');
    }
}
/** macOS tag as pip reads `--platform`: `{name}_{major}_{minor}_{arch}` (pip `_apple_arch_pat`). */
const MAC_PLATFORM_RE = /^(.+)_(\d+)_(\d+)_(.+)$/s;
/**
 * One explicit platform tag (pip's `--platform`, the action's `platform` input) expanded as pip
 * 26 expands it (`compatibility_tags._get_custom_platforms`), plus the PEP 600 names:
 *  - `macosx_{major}_{minor}_{arch}` → packaging's `mac_platforms((major, minor), arch)` — the
 *    macOS ladder down to 10.x/11.0 with `universal2` and the other binary formats —
 *    keeping the prefix as written (pip accepts `macosxcustom_14_0_arm64` and keeps it).
 *  - `manylinux2014_{arch}` / `manylinux2010_{arch}` → the glibc 2.17 / 2.12 ladder of
 *    `manylinuxPlatforms`: pip's legacy aliases (`manylinux2014` → `manylinux2010` →
 *    `manylinux1`, the last two for x86_64/i686 only), in pip's order, with the equivalent PEP
 *    600 names `manylinux_2_17` … `manylinux_2_5` interleaved at their glibc versions. pip lists
 *    only the aliases; the PEP 600 names are a deliberate addition (conformance divergence list):
 *    such wheels run on the target, and a wheel pip also accepts keeps pip's relative order.
 *  - anything else (PEP 600/656 tags, `linux_*`, `win_*`) stays as written, as in pip.
 */
function expandExplicitPlatform(platform) {
    if (platform.startsWith('macosx')) {
        const m = MAC_PLATFORM_RE.exec(platform);
        if (m === null)
            return [platform];
        const [, name, major, minor, arch] = m;
        const version = [Number(major), Number(minor)];
        if (!version.every(Number.isSafeInteger))
            return [platform];
        return macosPlatforms(arch, version).map((p) => `${name}_${p.slice('macosx_'.length)}`);
    }
    const sep = platform.indexOf('_');
    const prefix = sep < 0 ? platform : platform.slice(0, sep);
    const arch = sep < 0 ? '' : platform.slice(sep + 1);
    if (prefix === 'manylinux2014' || prefix === 'manylinux2010') {
        const glibc = prefix === 'manylinux2014' ? [2, 17] : [2, 12];
        const ladder = manylinuxPlatforms(arch, glibc);
        // pip's own list, for arches packaging does not know: the alias and what pip appends.
        const pip = [platform];
        if (prefix === 'manylinux2010' || arch === 'i686' || arch === 'x86_64') {
            if (prefix === 'manylinux2014')
                pip.push(`manylinux2010_${arch}`);
            pip.push(`manylinux1_${arch}`);
        }
        if (ladder.length === 0)
            return pip;
        // The ladder starts at the PEP 600 name; pip's list leads with the alias as written.
        const out = [platform, ...ladder.filter((p) => p !== platform)];
        for (const p of pip)
            if (!out.includes(p))
                out.push(p);
        return out;
    }
    return [platform];
}
/** Every explicit platform expanded (expandExplicitPlatform), first occurrence kept (pip `_expand_allowed_platforms`). */
function expandExplicitPlatforms(platforms) {
    const seen = new Set();
    const out = [];
    for (const p of platforms) {
        if (seen.has(p))
            continue;
        for (const q of expandExplicitPlatform(p)) {
            if (seen.has(q))
                continue;
            seen.add(q);
            out.push(q);
        }
    }
    return out;
}


/***/ }),

/***/ 6377:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $t: () => (/* reexport safe */ _tags_platforms_js__WEBPACK_IMPORTED_MODULE_0__.$t),
/* harmony export */   LA: () => (/* binding */ tagPriorityMap),
/* harmony export */   Wd: () => (/* reexport safe */ _tags_platforms_js__WEBPACK_IMPORTED_MODULE_0__.Wd),
/* harmony export */   g_: () => (/* binding */ rankWheel),
/* harmony export */   j8: () => (/* reexport safe */ _tags_platforms_js__WEBPACK_IMPORTED_MODULE_0__.j8),
/* harmony export */   kJ: () => (/* binding */ supportedTags)
/* harmony export */ });
/* harmony import */ var _tag_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1778);
/* harmony import */ var _tags_platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9136);
/**
 * Supported compatibility tags for an explicit target, in priority order — PEP 425 and the
 * platform compatibility tags specification, ordered exactly as pip 26's `get_supported()`
 * (packaging 26.2's `cpython_tags`/`generic_tags` + `compatible_tags`; checked by the
 * conformance suite against pip itself):
 *  - CPython (`cpython_tags`): `cp3Y-{abi}-{plat}` for each ABI, then `cp3Y-abi3-{plat}` — or,
 *    for a free-threaded first ABI (`cp313t`: its flags after `cp<digits>` hold a `t`),
 *    `cp3Y-abi3t-{plat}` (PEP 803, packaging 26.2) — then `cp3Y-none-{plat}`, then for X from
 *    Y-1 down to 2 `cp3X-abi3-{plat}` (or `cp3X-abi3t-{plat}`), each step over every platform,
 *    most specific platform first. The stable ABIs need Python ≥ 3.2.
 *  - PyPy (`generic_tags`): `pp3Y-{abi}-{plat}` for each ABI, then `pp3Y-none-{plat}`.
 *  - then `compatible_tags`: `py3Y-none-{plat}`, `py3-none-{plat}`, `py3X-none-{plat}` for X from
 *    Y-1 down to 0, then `{interpreter}-none-any` (`cp3Y` or `pp3Y`, as pip names the
 *    interpreter), then the same py versions with `-none-any`.
 * Default ABIs: CPython `cp3Y` (`cp3Ym` before 3.8, the pymalloc build); PyPy `pypy3Y_pp73`
 * (the PyPy 7.3 series). `rankWheel` returns the index of a wheel's best supported tag; lower is
 * better, as pip prefers it.
 * Not supported: Python 2 targets, debug (`d`) ABIs unless passed explicitly, interpreters other
 * than CPython and PyPy (packaging's generic interpreters), and host detection of any kind.
 */




/** packaging `_py_interpreter_range`: py3Y, py3, py3(Y-1) … py30. */
function pyVersions(major, minor) {
    const out = [`py${major}${minor}`, `py${major}`];
    for (let m = minor - 1; m >= 0; m--)
        out.push(`py${major}${m}`);
    return out;
}
function defaultAbis(t) {
    const [major, minor] = t.pythonVersion;
    if (t.implementation === 'pp')
        return [`pypy${major}${minor}_pp73`];
    return [minor < 8 && major === 3 ? `cp${major}${minor}m` : `cp${major}${minor}`];
}
/** The supported tags for `t`, most preferred first, as packaging's sys_tags() orders them. */
function supportedTags(t) {
    const [major, minor] = t.pythonVersion;
    if (major !== 3 || !Number.isInteger(minor) || minor < 0) {
        throw new _tags_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidTargetError */ .$t(JSON.stringify(t.pythonVersion), 'pythonVersion must be [3, minor]');
    }
    const platforms = t.platforms;
    const out = [];
    const each = (interpreter, abi) => {
        for (const platform of platforms)
            out.push((0,_tag_js__WEBPACK_IMPORTED_MODULE_1__/* .makeTag */ .BU)(interpreter, abi, platform));
    };
    const nodot = `${major}${minor}`;
    const abis = t.abis ?? defaultAbis(t);
    if (t.implementation === 'cp') {
        const interpreter = `cp${nodot}`;
        // 'abi3' and 'none' keep their fixed places below even when listed (packaging cpython_tags).
        const explicit = abis.filter((abi) => abi !== 'abi3' && abi !== 'none');
        // packaging `_is_threaded_cpython`: the first ABI's flags (after `cp<digits>`) contain `t`.
        const flags = /^cp\d+(.*)$/s.exec(explicit[0] ?? '')?.[1];
        const stable = minor >= 2 ? (flags?.includes('t') === true ? 'abi3t' : 'abi3') : undefined;
        for (const abi of explicit)
            each(interpreter, abi);
        if (stable !== undefined)
            each(interpreter, stable);
        each(interpreter, 'none');
        if (stable !== undefined)
            for (let m = minor - 1; m >= 2; m--)
                each(`cp${major}${m}`, stable);
    }
    else {
        const interpreter = `pp${nodot}`;
        for (const abi of abis)
            each(interpreter, abi);
        if (!abis.includes('none'))
            each(interpreter, 'none');
    }
    const pys = pyVersions(major, minor);
    for (const py of pys)
        each(py, 'none');
    // pip names the interpreter `{impl}{version}` for both (packaging's sys_tags says `pp3`).
    out.push((0,_tag_js__WEBPACK_IMPORTED_MODULE_1__/* .makeTag */ .BU)(`${t.implementation}${nodot}`, 'none', 'any'));
    for (const py of pys)
        out.push((0,_tag_js__WEBPACK_IMPORTED_MODULE_1__/* .makeTag */ .BU)(py, 'none', 'any'));
    return out;
}
/** Tag string → priority index (first occurrence wins), for O(1) lookups in rankWheel. */
function tagPriorityMap(supported) {
    const map = new Map();
    supported.forEach((tag, i) => {
        const key = (0,_tag_js__WEBPACK_IMPORTED_MODULE_1__/* .tagToString */ .lJ)(tag);
        if (!map.has(key))
            map.set(key, i);
    });
    return map;
}
/**
 * The index of the best (lowest) supported tag among a wheel's tags, or undefined when the wheel
 * supports none of them. Pass a tagPriorityMap when ranking many wheels against one target.
 */
function rankWheel(tags, supported) {
    const priority = supported instanceof Map ? supported : tagPriorityMap(supported);
    let best;
    for (const tag of tags) {
        const i = priority.get((0,_tag_js__WEBPACK_IMPORTED_MODULE_1__/* .tagToString */ .lJ)(tag));
        if (i !== undefined && (best === undefined || i < best))
            best = i;
    }
    return best;
}


/***/ }),

/***/ 7174:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ comparePublicVersions),
/* harmony export */   Rx: () => (/* binding */ Version),
/* harmony export */   Zy: () => (/* binding */ compareVersions)
/* harmony export */ });
/* unused harmony exports InvalidVersionError, sameBaseVersion */
/* harmony import */ var _util_own_string_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1216);
/**
 * Versions — PEP 440 "Version Identification and Dependency Specification" (as kept current in the
 * PyPA "Version specifiers" specification): public version scheme, local version identifiers,
 * normalization ("Normalization" section: case, separators, alternative pre/post spellings,
 * implicit post releases, leading `v`, surrounding whitespace) and ordering ("Summary of permitted
 * suffixes and relative ordering", local version ordering rules).
 * Not supported: legacy (non-PEP 440) versions — they fail to parse, as in packaging >= 22;
 * numeric components above 2^53 - 1 are rejected rather than silently losing precision.
 */

class InvalidVersionError extends Error {
    input;
    reason;
    constructor(input, reason = 'not a valid PEP 440 version') {
        super(`invalid version ${JSON.stringify(input)}: ${reason}`);
        this.input = input;
        this.reason = reason;
        this.name = 'InvalidVersionError';
    }
}
// PEP 440 appendix B regular expression semantics, written out segment by segment.
const VERSION_RE = new RegExp('^\\s*v?' +
    '(?:(\\d+)!)?' + // 1 epoch
    '(\\d+(?:\\.\\d+)*)' + // 2 release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' + // 3,4 pre
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // 5 implicit post, 6,7 post
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // 8,9 dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?' + // 10 local
    '\\s*$', 'i');
const PRE_LABELS = {
    a: 'a',
    alpha: 'a',
    b: 'b',
    beta: 'b',
    c: 'rc',
    rc: 'rc',
    pre: 'rc',
    preview: 'rc',
};
const PRE_RANK = { a: 0, b: 1, rc: 2 };
function toInt(input, digits) {
    const n = Number(digits);
    if (!Number.isSafeInteger(n))
        throw new InvalidVersionError(input, `number ${digits} is too large`);
    return n;
}
/**
 * Parsed versions by their text. The same strings come back again and again (every file of a
 * release on a project page, every specifier naming it), and a Version never changes, so one
 * instance serves them all. Bounded: emptied when full.
 */
/** The SuffixKey of every final release (no pre, post or dev part), shared by all of them. */
const FINAL_SUFFIX = Object.freeze([3, 0, -1, Infinity]);
const PARSED = new Map();
const PARSED_LIMIT = 8192;
class Version {
    epoch;
    release;
    pre;
    post;
    dev;
    local;
    /** @internal Ordering key: the release without trailing zeros (`1.0` and `1.0.0` compare equal). */
    cmpRelease;
    /** @internal Ordering key after the release, see SuffixKey. */
    cmpSuffix;
    text;
    constructor(parts) {
        this.epoch = parts.epoch ?? 0;
        this.release = Object.freeze([...parts.release]);
        if (parts.pre !== undefined)
            this.pre = Object.freeze({ ...parts.pre });
        if (parts.post !== undefined)
            this.post = parts.post;
        if (parts.dev !== undefined)
            this.dev = parts.dev;
        if (parts.local !== undefined && parts.local.length > 0)
            this.local = Object.freeze([...parts.local]);
        let end = this.release.length;
        while (end > 1 && this.release[end - 1] === 0)
            end--;
        // Shared, not copied, when nothing is trimmed: a 100,000-line requirements file holds one
        // Version per distinct clause, and every array per Version is ~50 bytes of its peak memory.
        this.cmpRelease = end === this.release.length ? this.release : Object.freeze(this.release.slice(0, end));
        const preRank = this.pre !== undefined
            ? PRE_RANK[this.pre.label]
            : this.post === undefined && this.dev !== undefined
                ? -1
                : 3;
        this.cmpSuffix =
            preRank === 3 && this.post === undefined && this.dev === undefined
                ? FINAL_SUFFIX
                : [preRank, this.pre?.n ?? 0, this.post ?? -1, this.dev ?? Infinity];
    }
    /** Parses and normalizes a PEP 440 version; throws InvalidVersionError. */
    static parse(text) {
        const hit = PARSED.get(text);
        if (hit !== undefined)
            return hit;
        const v = Version.parseText(text);
        if (PARSED.size >= PARSED_LIMIT)
            PARSED.clear();
        // Kept: a copy, not a slice of a project page's body.
        PARSED.set((0,_util_own_string_js__WEBPACK_IMPORTED_MODULE_0__/* .ownString */ .A)(text), v);
        return v;
    }
    static parseText(text) {
        const m = VERSION_RE.exec(text);
        if (m === null)
            throw new InvalidVersionError(text);
        const parts = {
            release: m[2].split('.').map((d) => toInt(text, d)),
        };
        if (m[1] !== undefined)
            parts.epoch = toInt(text, m[1]);
        if (m[3] !== undefined) {
            parts.pre = { label: PRE_LABELS[m[3].toLowerCase()], n: m[4] === undefined ? 0 : toInt(text, m[4]) };
        }
        if (m[5] !== undefined)
            parts.post = toInt(text, m[5]);
        else if (m[6] !== undefined)
            parts.post = m[7] === undefined ? 0 : toInt(text, m[7]);
        if (m[8] !== undefined)
            parts.dev = m[9] === undefined ? 0 : toInt(text, m[9]);
        if (m[10] !== undefined) {
            // Local segments: lowercase, `-`/`_` become `.`, all-digit segments are integers.
            parts.local = m[10]
                .toLowerCase()
                .split(/[-_.]/)
                .map((s) => (/^\d+$/.test(s) ? toInt(text, s) : s));
        }
        return new Version(parts);
    }
    static tryParse(text) {
        // Most invalid text fails the pattern: answer without building (and throwing) an error.
        if (!PARSED.has(text) && !VERSION_RE.test(text))
            return null;
        try {
            return Version.parse(text);
        }
        catch (e) {
            if (e instanceof InvalidVersionError)
                return null;
            throw e;
        }
    }
    /** Builds a version from already-normalized parts (no validation beyond the types). */
    static fromParts(parts) {
        return new Version(parts);
    }
    get isPrerelease() {
        return this.pre !== undefined || this.dev !== undefined;
    }
    get isDevrelease() {
        return this.dev !== undefined;
    }
    get isPostrelease() {
        return this.post !== undefined;
    }
    /** The public version: this version without its local segment. */
    get public() {
        if (this.local === undefined)
            return this;
        const { local: _local, ...rest } = this.parts();
        return new Version(rest);
    }
    /** Epoch and release only (packaging's `base_version`). */
    get baseVersion() {
        if (this.pre === undefined &&
            this.post === undefined &&
            this.dev === undefined &&
            this.local === undefined) {
            return this;
        }
        return new Version({ epoch: this.epoch, release: this.release });
    }
    parts() {
        const p = {
            epoch: this.epoch,
            release: this.release,
        };
        if (this.pre !== undefined)
            p.pre = this.pre;
        if (this.post !== undefined)
            p.post = this.post;
        if (this.dev !== undefined)
            p.dev = this.dev;
        if (this.local !== undefined)
            p.local = this.local;
        return p;
    }
    /** The PEP 440 normalized form, e.g. `1!2.0rc1.post3.dev4+ubuntu.1`. */
    toString() {
        if (this.text !== undefined)
            return this.text;
        let s = this.epoch !== 0 ? `${this.epoch}!` : '';
        s += this.release.join('.');
        if (this.pre !== undefined)
            s += `${this.pre.label}${this.pre.n}`;
        if (this.post !== undefined)
            s += `.post${this.post}`;
        if (this.dev !== undefined)
            s += `.dev${this.dev}`;
        if (this.local !== undefined)
            s += `+${this.local.join('.')}`;
        this.text = s;
        return s;
    }
    /** Negative, zero or positive as this sorts before, equal to or after `other`. */
    compare(other) {
        return compareVersions(this, other);
    }
    equals(other) {
        return compareVersions(this, other) === 0;
    }
}
/**
 * Local version ordering (PEP 440 "Local version identifiers"): segments compare one by one;
 * numeric segments compare numerically and sort after alphanumeric ones; alphanumeric segments
 * compare lexicographically (case-insensitive, already lowercased); when all shared segments are
 * equal the longer local version sorts later. No local version sorts before any local version.
 */
function compareLocal(a, b) {
    if (a === b)
        return 0;
    if (a === undefined)
        return -1;
    if (b === undefined)
        return 1;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        if (x === y)
            continue;
        const xn = typeof x === 'number';
        const yn = typeof y === 'number';
        if (xn && yn)
            return x < y ? -1 : 1;
        if (xn)
            return 1;
        if (yn)
            return -1;
        return x < y ? -1 : 1;
    }
    return a.length - b.length;
}
/** Order of the public versions (everything but the local label), from the precomputed keys. */
function comparePublicParts(a, b) {
    if (a.epoch !== b.epoch)
        return a.epoch < b.epoch ? -1 : 1;
    const ra = a.cmpRelease;
    const rb = b.cmpRelease;
    const n = Math.max(ra.length, rb.length);
    for (let i = 0; i < n; i++) {
        const x = ra[i] ?? 0;
        const y = rb[i] ?? 0;
        if (x !== y)
            return x < y ? -1 : 1;
    }
    const sa = a.cmpSuffix;
    const sb = b.cmpSuffix;
    for (let i = 0; i < 4; i++) {
        if (sa[i] !== sb[i])
            return sa[i] < sb[i] ? -1 : 1;
    }
    return 0;
}
/** Total order of PEP 440 versions; uses keys precomputed at parse time. */
function compareVersions(a, b) {
    if (a === b)
        return 0;
    return comparePublicParts(a, b) || compareLocal(a.local, b.local);
}
/** Same as `compareVersions(a.public, b.public)` without building the public versions. */
function comparePublicVersions(a, b) {
    return a === b ? 0 : comparePublicParts(a, b);
}
/** Whether `a.baseVersion` equals `b.baseVersion` (same epoch and release, zero-padded). */
function sameBaseVersion(a, b) {
    if (a.epoch !== b.epoch)
        return false;
    const ra = a.cmpRelease;
    const rb = b.cmpRelease;
    if (ra.length !== rb.length)
        return false;
    for (let i = 0; i < ra.length; i++)
        if (ra[i] !== rb[i])
            return false;
    return true;
}


/***/ }),

/***/ 9638:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _rename_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6535);




/**
 * Write `data` to `path` so that readers see either the old content or the whole new content,
 * never a torn file: write a temporary sibling (same directory, so the same file system) and
 * rename it over the target. POSIX rename(2) replaces atomically; on Windows Node's rename uses
 * MoveFileEx with MOVEFILE_REPLACE_EXISTING, which is atomic for files on one volume, but fails
 * while a reader holds the target open or when it is read-only: see rename-retry.ts.
 */
async function writeFileAtomic(path, data) {
    const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, data);
        await (0,_rename_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .renameWithRetry */ .f)(tmp, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 8731:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N4: () => (/* binding */ acquireDirLock),
/* harmony export */   XB: () => (/* binding */ LockTimeoutError),
/* harmony export */   fq: () => (/* binding */ exitOnTerminationSignals)
/* harmony export */ });
/* unused harmony export releaseHeldLocksSync */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8562);
/**
 * A lock file for a directory shared by concurrent runs (a wheelhouse, a local cache directory):
 * created atomically with its content (link(2) of a private draft), holding `{ pid, host, createdAt }`. A run that finds it held by a live run
 * waits, saying once who holds it, and gives up with LockTimeoutError after `timeoutMs`.
 *
 * Stale-lock recovery: a lock whose owner is on this host and no longer running (signal 0 to its
 * pid answers ESRCH), or whose file was not refreshed for `staleMs` (an owner on another host
 * sharing the directory; holders touch the file every `staleMs / 3`), is broken: renamed to a
 * unique name, checked to be the stale lock that was read (else put back with link(2), which
 * cannot overwrite a new owner's lock), then deleted.
 *
 * A lock path that is not a regular file (a FIFO, a symbolic link, a directory: what a cache entry
 * restored with tar can hold) is never a live run's lock — every lock is made by link(2) of a
 * regular draft —, so it is removed (its name; a directory only when empty, else an error naming
 * it) with a warning and the lock taken, instead of failing every run that restores that entry.
 *
 * Held locks are released on normal exit by their holder, and on SIGINT/SIGTERM by
 * `exitOnTerminationSignals` (the shells install it): the lock files are removed synchronously
 * and the process exits with 128 + the signal number, as a shell reports it.
 */





/**
 * The most bytes of a lock file read (an owner record is ~100 bytes). Lock files sit in shared or
 * restored directories (a cache directory, a wheelhouse the Actions cache restored with tar):
 * they are read without following a link, never a FIFO, up to this (util/read-regular-file.ts).
 */
const LOCK_LIMIT = 64 * 1024;
/** Why `path` cannot be a lock file; the error that stops a run which cannot clear it. */
function notALock(path, why) {
    return new LockTimeoutError(`${path} is not a lock file wheelhouse wrote (${why}); delete it if no run is using it`);
}
/**
 * The lock file's text; undefined when it is gone; 'not a regular file' when something else has
 * the name (see removeNonLock); an error when it is a regular file that cannot be read.
 */
async function readLock(path) {
    const read = await (0,_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)(path, LOCK_LIMIT);
    if ('text' in read)
        return read.text;
    if (read.problem === 'missing')
        return undefined;
    if (read.problem === 'not a regular file')
        return read.problem;
    throw notALock(path, (0,_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .describeProblem */ .BJ)(read));
}
/**
 * Removes what lies at the lock's path when lstat says it is not a regular file: no run's lock
 * (every lock is a regular file made by link(2)), so nothing any run holds. A directory is removed
 * only when empty (rmdir(2)): a non-empty one is an error, as before. Anything else is renamed
 * aside first and checked there: a regular file found there is a lock a run made since (the name
 * changed hands meanwhile) and is linked back — link(2) never overwrites — as `breakStale` does;
 * otherwise the aside name is unlinked (the name only, never what a link points to).
 */
async function removeNonLock(path, warn) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path).catch(() => undefined);
    if (info === undefined || info.isFile())
        return; // gone, or a lock now: judged on the next round
    const kind = describeKind(info);
    if (info.isDirectory()) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rmdir)(path);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return;
            throw notALock(path, `a directory that cannot be removed: ${error.message}`);
        }
    }
    else {
        const aside = `${path}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.stale`;
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(path, aside);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return; // someone else removed it
            throw notALock(path, `${kind} that cannot be removed: ${error.message}`);
        }
        const moved = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(aside).catch(() => undefined);
        if (moved?.isFile() === true || moved?.isDirectory() === true) {
            // Changed hands between the two lstats: put back what is not ours to judge.
            if (moved.isFile())
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(aside, path).catch(() => undefined);
            else
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(aside, path).catch(() => undefined);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(aside, { force: true }).catch(() => undefined);
            return;
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(aside).catch((error) => {
            if (error.code !== 'ENOENT')
                throw notALock(path, `${kind} that cannot be removed: ${error.message}`);
        });
    }
    warn(`${path} was not a lock file (${kind}; from a cache entry?): removed`);
}
function describeKind(info) {
    if (info.isDirectory())
        return 'a directory';
    if (info.isSymbolicLink())
        return 'a symbolic link';
    if (info.isFIFO())
        return 'a FIFO';
    return 'not a regular file';
}
async function readLockQuietly(path) {
    const text = await readLock(path).catch(() => undefined);
    return text === 'not a regular file' ? undefined : text;
}
class LockTimeoutError extends Error {
    name = 'LockTimeoutError';
}
const held = new Map(); // path → the exact text this process wrote
function describeOwner(o) {
    if (o === undefined)
        return 'another run';
    return `another wheelhouse run (pid ${o.pid} on ${o.host}, since ${new Date(o.createdAt).toISOString()})`;
}
function parseOwner(text) {
    try {
        const o = JSON.parse(text);
        if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.createdAt === 'number')
            return o;
    }
    catch {
        // torn or foreign content: judged by its age alone
    }
    return undefined;
}
function isRunning(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Creates the lock with its whole content at once: the owner record is written to a private file
 * first and then hard-linked to the lock's name (link(2) fails with EEXIST when the lock exists),
 * so a waiting run never reads a lock that exists but is still empty.
 */
async function tryCreate(path, text) {
    const draft = `${path}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.new`;
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(draft, 'wx');
    try {
        await handle.writeFile(text);
    }
    finally {
        await handle.close();
    }
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(draft, path);
        return true;
    }
    catch (error) {
        const code = error.code;
        // EEXIST: held. ENOENT: the draft is gone — the run holding the lock cleared the directory's
        // temporary files (a wheelhouse's `.<name>.<hex>.new` drafts count as its own, wheelhouse-files.ts); try again later.
        if (code === 'EEXIST' || code === 'ENOENT')
            return false;
        // A filesystem without hard links: exclusive create, then write (a reader may briefly see it
        // empty and then names "another run").
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
            return createExclusive(path, text);
        }
        throw error;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(draft, { force: true });
    }
}
async function createExclusive(path, text) {
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, 'wx');
        try {
            await handle.writeFile(text);
        }
        finally {
            await handle.close();
        }
        return true;
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
}
/** Breaks the lock at `path` if it still holds `text` (the stale content that was judged). */
async function breakStale(path, text) {
    const aside = `${path}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.stale`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(path, aside);
    }
    catch {
        return; // gone already: someone else broke it
    }
    const moved = await readLockQuietly(aside);
    if (moved !== text)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(aside, path).catch(() => undefined); // a fresh lock: put it back
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(aside, { force: true });
}
async function acquireDirLock(path, options = {}) {
    const timeoutMs = options.timeoutMs ?? 15 * 60_000;
    const staleMs = options.staleMs ?? 10 * 60_000;
    const pollMs = options.pollMs ?? 250;
    const me = { pid: process.pid, host: (0,node_os__WEBPACK_IMPORTED_MODULE_3__.hostname)(), createdAt: Date.now() };
    const text = JSON.stringify(me);
    const started = Date.now();
    let told = false;
    for (;;) {
        if (await tryCreate(path, text))
            break;
        const current = await readLock(path);
        if (current === 'not a regular file') {
            await removeNonLock(path, options.onWarn ?? (() => { }));
            continue;
        }
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => undefined);
        if (current === undefined || info === undefined)
            continue; // released meanwhile: try again
        const owner = parseOwner(current);
        const dead = owner !== undefined && owner.host === me.host && !isRunning(owner.pid);
        if (dead || Date.now() - info.mtimeMs > staleMs) {
            await breakStale(path, current);
            continue;
        }
        if (Date.now() - started > timeoutMs) {
            throw new LockTimeoutError(`${path} is held by ${describeOwner(owner)}; gave up after waiting ${Math.round(timeoutMs / 1000)} s (delete the file if that run is gone)`);
        }
        if (!told) {
            told = true;
            options.onWait?.(`waiting for ${describeOwner(owner)}, which holds ${path}`);
        }
        await sleep(pollMs);
    }
    held.set(path, text);
    const refresh = setInterval(() => {
        const now = new Date();
        (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.utimes)(path, now, now).catch(() => undefined);
    }, Math.max(1000, Math.floor(staleMs / 3)));
    refresh.unref();
    let released = false;
    return async () => {
        if (released)
            return;
        released = true;
        clearInterval(refresh);
        held.delete(path);
        const current = await readLockQuietly(path);
        if (current === text)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(path, { force: true });
    };
}
/** Removes every lock this process holds (synchronously: safe in a signal handler). */
function releaseHeldLocksSync() {
    for (const [path, text] of held) {
        try {
            if ((0,_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFileSync */ .cG)(path, LOCK_LIMIT) === text)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(path);
        }
        catch {
            // gone already
        }
    }
    held.clear();
}
let installed = false;
/** The longest an interrupted run waits for `cleanup` before it exits anyway. */
const CLEANUP_BOUND_MS = 5000;
/**
 * On SIGINT/SIGTERM: say so, run `cleanup` (a promise is awaited, at most CLEANUP_BOUND_MS; the
 * shells end the running builds there, src/build/pip-processes.ts), release held locks, exit with
 * 128 + the signal number. Locks are released after the cleanup, so no other run takes the
 * wheelhouse while this one is still ending. A second signal meanwhile exits at once (locks
 * released). Idempotent.
 */
function exitOnTerminationSignals(cleanup) {
    if (installed)
        return;
    installed = true;
    let exiting = false;
    const finish = (code) => {
        releaseHeldLocksSync();
        process.exit(code);
    };
    const handler = (signal, code) => () => {
        if (exiting)
            return finish(code);
        exiting = true;
        process.stderr.write(`wheelhouse: interrupted (${signal})\n`);
        let pending;
        try {
            pending = cleanup?.();
        }
        catch {
            pending = undefined; // best effort
        }
        if (!(pending instanceof Promise))
            return finish(code);
        const bound = setTimeout(() => finish(code), CLEANUP_BOUND_MS);
        void pending.then(() => {
            clearTimeout(bound);
            finish(code);
        }, () => {
            clearTimeout(bound);
            finish(code);
        });
    };
    process.on('SIGINT', handler('SIGINT', 130));
    process.on('SIGTERM', handler('SIGTERM', 143));
}


/***/ }),

/***/ 5146:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Lw: () => (/* binding */ tuneTieringForShortRun)
/* harmony export */ });
/* unused harmony exports SHORT_RUN_INTERRUPT_BUDGET, shortRunTieringFlag */
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Fewer optimizing compilations in a short run (Node 20 / V8 11 only).
 *
 * Why: a cold resolve is a few seconds of CPU spread over a few hundred functions, each hot only for
 * a while (the page scan, the chooser, the solver, the HTTP parser). V8 11's default tier-up budget
 * (`--interrupt-budget`, 66 KiB of bytecode executed per profiler tick) sends ~270 functions of such
 * a run to TurboFan, several of them 3–5 times over after a deoptimization, and the compiler threads
 * spent about a quarter of the process's CPU (`perf record` of the prefect-shaped bench: 28 % of all
 * samples in `v8::internal::compiler`). At 200,000 ~130 functions are compiled, at 1,000,000 ~40, and
 * the same run took ~13 % and ~20 % less CPU, with no slower wall time and no slower solver-heavy
 * run (gen-backtrack) (docs/benchmarks.md, Session 9 rescpu).
 *
 * The budget is read when a function's feedback cell is (re)armed, so setting it at start-up, before
 * the bulk of the CLI is loaded, covers every function of the run. Other V8 majors tier up
 * differently (Maglev from V8 11.7, Node 22+), and their budgets were not measured: left alone.
 * An `--interrupt-budget` given on the node command line wins.
 */

/** Bytecode budget per profiler tick (V8 11 default: 67,584). */
const SHORT_RUN_INTERRUPT_BUDGET = 1_000_000;
/** The V8 flag this process should set for a short run, or undefined (other V8, or the user chose). */
function shortRunTieringFlag(ctx) {
    if (!/^11\./.test(ctx.v8Version))
        return undefined;
    if (ctx.execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a)))
        return undefined;
    return `--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`;
}
/** Applies shortRunTieringFlag to this process; returns the flag set, if any. */
function tuneTieringForShortRun(ctx = { v8Version: process.versions.v8, execArgv: process.execArgv }) {
    const flag = shortRunTieringFlag(ctx);
    if (flag !== undefined)
        (0,node_v8__WEBPACK_IMPORTED_MODULE_0__.setFlagsFromString)(flag);
    return flag;
}


/***/ }),

/***/ 1216:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ ownString)
/* harmony export */ });
/**
 * Strings cut from a large text without keeping the text alive. V8 represents a slice of 13 or
 * more characters as a view into its parent (a "sliced string"), so one slice of a project page
 * kept in a DistFile or a cache keeps the page's whole body (megabytes) alive for the rest of the
 * run. A concatenation is flattened into a new string by the next slice, which is then a view
 * into that small copy only.
 */
function ownString(s) {
    return (' ' + s).slice(1);
}


/***/ }),

/***/ 2186:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JQ: () => (/* binding */ sampleNames),
/* harmony export */   Zv: () => (/* binding */ listNames),
/* harmony export */   fp: () => (/* binding */ pruneSample),
/* harmony export */   sO: () => (/* binding */ DAY_MS),
/* harmony export */   tk: () => (/* binding */ readFileNoFollow)
/* harmony export */ });
/* unused harmony exports removeIfUnchanged, pathGone */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _read_regular_file_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8562);
/**
 * The shared parts of wheelhouse's bounded store pruning (the stamp store, cache/stamp-store.ts;
 * the probe cache, install/probe-cache.ts): reading a store file as untrusted input without
 * following a symlink and with a size limit enforced while reading, picking a bounded random
 * sample of a directory's names, removing a file so that a concurrent writer never loses a newer
 * one, and the pruning pass both stores run over a sample (`pruneSample`).
 */




/**
 * The text of the file `path`, or undefined when it is missing, not a regular file (a symlink is
 * not followed), larger than `limit` bytes or unreadable (util/read-regular-file.ts).
 */
async function readFileNoFollow(path, limit) {
    const read = await (0,_read_regular_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readRegularFile */ .XF)(path, limit);
    return 'text' in read ? read.text : undefined;
}
/** The names in `dir` that `keep` accepts, the listing stopping after `maxListed` names. */
async function listNames(dir, keep, maxListed = 10_000) {
    const names = [];
    let listing;
    try {
        listing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.opendir)(dir);
    }
    catch {
        return names;
    }
    let seen = 0;
    for await (const entry of listing) {
        if (++seen > maxListed)
            break;
        if (keep(entry.name))
            names.push(entry.name);
    }
    return names;
}
/** Picks up to `n` of `names` at random (partial Fisher–Yates; reorders `names`). */
function sampleNames(names, n) {
    const k = Math.min(n, names.length);
    for (let i = 0; i < k; i++) {
        const j = i + (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomInt)(names.length - i);
        [names[i], names[j]] = [names[j], names[i]];
    }
    return names.slice(0, k);
}
/**
 * Removes `name` from `dir` only if it is still the file that was `examined` and still useless:
 * it is first renamed to a private `.<name>.prune-<12 hex>` (atomic), checked again there, and put
 * back with link(2) — which never overwrites a newer file under the real name — when another run
 * replaced or touched it meanwhile or `stillUseless` says no. True when it was removed.
 */
async function removeIfUnchanged(dir, name, examined, stillUseless) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
    const aside = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `.${name}.prune-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(path, aside);
    }
    catch {
        return false; // removed or replaced under us: nothing of ours to do
    }
    let remove = false;
    try {
        const now = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(aside, { bigint: true });
        remove =
            now.isFile() &&
                now.dev === examined.dev &&
                now.ino === examined.ino &&
                now.mtimeNs === examined.mtimeNs &&
                (await stillUseless());
    }
    catch {
        remove = false;
    }
    if (!remove) {
        // Put it back unless a newer file took the name meanwhile (link never overwrites).
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)(aside, path).catch(() => undefined);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(aside).catch(() => undefined);
    return remove;
}
/** True only when lstat(path) answers ENOENT (any other failure: not provably gone). */
async function pathGone(path) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path);
        return false;
    }
    catch (error) {
        return error.code === 'ENOENT';
    }
}
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * One bounded pruning pass over `dir`: up to `examine` names the rule accepts, picked at random
 * (the listing stops after 10 000 names). A leftover regular file not modified for a day is
 * removed; an entry whose owner path lstat answers ENOENT for, or that was last written or used
 * more than `maxAgeDays` ago, is removed — each through `removeIfUnchanged`, so a file another
 * run rewrote meanwhile (or whose owner came back) stays. Symlinks and other non-files are left.
 */
async function pruneSample(dir, rule, options = {}) {
    const examine = options.examine ?? 32;
    const maxAgeMs = (options.maxAgeDays ?? 30) * DAY_MS;
    const now = options.now ?? Date.now();
    const result = { examined: 0, removed: [] };
    const names = await listNames(dir, (name) => rule.isEntry(name) || rule.isLeftover(name));
    for (const name of sampleNames(names, examine)) {
        result.examined++;
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name), { bigint: true }).catch(() => undefined);
        if (info === undefined || !info.isFile())
            continue;
        const examined = { dev: info.dev, ino: info.ino, mtimeNs: info.mtimeNs };
        const age = now - Number(info.mtimeMs);
        let useless;
        if (rule.isLeftover(name)) {
            if (age <= DAY_MS)
                continue;
            useless = async () => true;
        }
        else {
            const owner = await rule.ownerOf(name, info);
            if (owner === undefined)
                continue; // not ours to judge: left alone
            if (owner !== null && (await pathGone(owner)))
                useless = () => pathGone(owner);
            else if (age > maxAgeMs)
                useless = async () => true;
            else
                continue;
            await options.beforeRemove?.(name);
        }
        if (await removeIfUnchanged(dir, name, examined, useless))
            result.removed.push(name);
    }
    return result;
}


/***/ }),

/***/ 8562:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BJ: () => (/* binding */ describeProblem),
/* harmony export */   Of: () => (/* binding */ readRegularBytes),
/* harmony export */   XF: () => (/* binding */ readRegularFile),
/* harmony export */   cG: () => (/* binding */ readRegularFileSync)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Reading a small file that is untrusted input (a store's record, an installed distribution's
 * METADATA or RECORD) so that it can neither hang nor exhaust memory: a symlink is not followed
 * (O_NOFOLLOW), nothing but a regular file is read (a FIFO is opened without blocking, O_NONBLOCK,
 * and refused by fstat), and the size limit is checked by fstat and again while reading, so a
 * file growing under us stops at the limit.
 */


/** The UTF-8 text of the regular file `path` (see the header), or why it was not read. */
async function readRegularFile(path, limit) {
    const read = await readRegularBytes(path, limit);
    return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}
/** `problem` and `detail` as one phrase ("not a regular file (a symlink)"). */
function describeProblem(read) {
    return read.detail !== undefined ? `${read.problem} (${read.detail})` : read.problem;
}
/** The bytes of the regular file `path` (see the header), or why they were not read. */
async function readRegularBytes(path, limit) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { problem: 'missing' };
        // O_NOFOLLOW on a symlink: ELOOP (Linux, macOS), EMLINK (FreeBSD).
        if (code === 'ELOOP' || code === 'EMLINK')
            return { problem: 'not a regular file', detail: 'a symlink' };
        return { problem: 'unreadable', detail: error.message };
    }
    try {
        const info = await handle.stat();
        if (!info.isFile())
            return { problem: 'not a regular file' };
        if (info.size > limit)
            return { problem: 'too large', detail: `${info.size} bytes, the limit is ${limit}` };
        // One byte more than fstat said (up to limit + 1): a file that grew since is not judged.
        const buffer = Buffer.allocUnsafe(Math.min(limit, info.size) + 1);
        let total = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            if (total === buffer.length) {
                return total > limit
                    ? { problem: 'too large', detail: `over ${limit} bytes` }
                    : { problem: 'unreadable', detail: 'it grew while being read' };
            }
        }
        return { bytes: buffer.subarray(0, total) };
    }
    catch (error) {
        return { problem: 'unreadable', detail: error.message };
    }
    finally {
        await handle.close();
    }
}
/**
 * `readRegularFile` for a synchronous caller (a signal handler): the text, or undefined when the
 * file is missing, not a regular file (a link not followed, a FIFO opened without blocking),
 * larger than `limit` bytes or unreadable.
 */
function readRegularFileSync(path, limit) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch {
        return undefined;
    }
    try {
        const info = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!info.isFile() || info.size > limit)
            return undefined;
        const buffer = Buffer.allocUnsafe(info.size + 1);
        let total = 0;
        for (;;) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, total, buffer.length - total, null);
            if (n === 0)
                break;
            total += n;
            if (total === buffer.length)
                return undefined; // grew while being read
        }
        return buffer.subarray(0, total).toString('utf8');
    }
    catch {
        return undefined;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}


/***/ }),

/***/ 6535:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ renameWithRetry)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
const DEFAULT_DELAYS = [50, 100, 200, 400, 800, 1600];
async function renameWithRetry(from, to, options = {}) {
    const fs = options.fs ?? { rename: node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename, chmod: node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod };
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const delays = options.delaysMs ?? DEFAULT_DELAYS;
    const windows = (options.platform ?? process.platform) === 'win32';
    let clearedReadOnly = options.clearReadOnly === false;
    for (let attempt = 0;; attempt++) {
        try {
            await fs.rename(from, to);
            return;
        }
        catch (caught) {
            const error = caught;
            if (!windows || !TRANSIENT.has(error.code ?? '') || attempt >= delays.length)
                throw error;
            if (options.shouldRetry && !(await options.shouldRetry(error)))
                throw error;
            if (!clearedReadOnly && error.code !== 'EBUSY') {
                clearedReadOnly = true;
                // A missing destination (ENOENT) or one we may not touch: the retries below still decide.
                const readOnlyCleared = await fs.chmod(to, 0o666).then(() => true, () => false);
                if (readOnlyCleared)
                    continue; // retry at once: the common read-only case needs no wait
            }
            await sleep(delays[attempt]);
        }
    }
}


/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 8877:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");

/***/ }),

/***/ 714:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
