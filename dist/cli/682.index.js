export const id = 682;
export const ids = [682];
export const modules = {

/***/ 1682:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/util/rename-retry.ts

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
const DEFAULT_DELAYS = [50, 100, 200, 400, 800, 1600];
async function renameWithRetry(from, to, options = {}) {
    const fs = options.fs ?? { rename: promises_.rename, chmod: promises_.chmod };
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

;// CONCATENATED MODULE: ./src/util/atomic-file.ts




/**
 * Write `data` to `path` so that readers see either the old content or the whole new content,
 * never a torn file: write a temporary sibling (same directory, so the same file system) and
 * rename it over the target. POSIX rename(2) replaces atomically; on Windows Node's rename uses
 * MoveFileEx with MOVEFILE_REPLACE_EXISTING, which is atomic for files on one volume, but fails
 * while a reader holds the target open or when it is read-only: see rename-retry.ts.
 */
async function writeFileAtomic(path, data) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,promises_.writeFile)(tmp, data);
        await renameWithRetry(tmp, path);
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cache/backend.ts
/**
 * The seam between the wheelhouse flow and a cache store (GitHub Actions cache, a local directory).
 *
 * The rule every implementation follows: a cache-service failure is a warning, never a failed job.
 * `restore` and `save` never throw; on any failure they log one warning through the Logger they
 * were given and answer "nothing restored" / "not saved".
 */
/** A message for a thrown value, without stack traces (they would leak local paths into warnings). */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}

;// CONCATENATED MODULE: ./src/cache/tree-copy.ts




async function placeFile(src, dst, options) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(dst), `.${(0,external_node_path_.basename)(dst)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    let linked = false;
    if (options.link) {
        try {
            await (0,promises_.link)(src, tmp);
            linked = true;
        }
        catch {
            linked = false;
        }
    }
    try {
        if (!linked) {
            await (0,promises_.copyFile)(src, tmp);
            if (options.readOnly && process.platform !== 'win32')
                await (0,promises_.chmod)(tmp, 0o444);
        }
        else if (options.readOnly && process.platform !== 'win32') {
            await (0,promises_.chmod)(tmp, 0o444);
        }
        // Windows: a destination left read-only, or held open by a scanner, fails a plain rename.
        await renameWithRetry(tmp, dst);
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        throw error;
    }
}
/** Copy `src` (file or directory) to `dst`, merging into an existing directory. */
async function copyTree(src, dst, options) {
    const info = await (0,promises_.lstat)(src);
    if (info.isFile()) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(dst), { recursive: true });
        await placeFile(src, dst, options);
        return { files: 1, bytes: info.size };
    }
    if (!info.isDirectory())
        return { files: 0, bytes: 0 };
    await (0,promises_.mkdir)(dst, { recursive: true });
    const total = { files: 0, bytes: 0 };
    for (const entry of await (0,promises_.readdir)(src, { withFileTypes: true })) {
        if (!entry.isFile() && !entry.isDirectory())
            continue;
        const sub = await copyTree((0,external_node_path_.join)(src, entry.name), (0,external_node_path_.join)(dst, entry.name), options);
        total.files += sub.files;
        total.bytes += sub.bytes;
    }
    return total;
}

;// CONCATENATED MODULE: ./src/cache/user-cache-dir.ts


/**
 * The per-user cache directory of wheelhouse, following each platform's convention:
 * - Linux and other Unix: `$XDG_CACHE_HOME/wheelhouse`, else `~/.cache/wheelhouse`
 *   (XDG Base Directory Specification: a relative XDG_CACHE_HOME is invalid and ignored);
 * - macOS: `~/Library/Caches/wheelhouse`;
 * - Windows: `%LOCALAPPDATA%\wheelhouse\Cache`, else `~\AppData\Local\wheelhouse\Cache`.
 *
 * Paths are built with the path module of `platform` (not the host's), so the answer for a given
 * platform is the same whichever OS computes it.
 */
function defaultCacheDir(env = process.env, platform = process.platform, home = (0,external_node_os_.homedir)()) {
    if (platform === 'win32') {
        const local = env['LOCALAPPDATA'];
        return external_node_path_.win32.join(local && local !== '' ? local : external_node_path_.win32.join(home, 'AppData', 'Local'), 'wheelhouse', 'Cache');
    }
    if (platform === 'darwin')
        return external_node_path_.posix.join(home, 'Library', 'Caches', 'wheelhouse');
    const xdg = env['XDG_CACHE_HOME'];
    if (xdg && external_node_path_.posix.isAbsolute(xdg))
        return external_node_path_.posix.join(xdg, 'wheelhouse');
    return external_node_path_.posix.join(home, '.cache', 'wheelhouse');
}

;// CONCATENATED MODULE: ./src/cache/local-dir-backend.ts








const DEFAULT_LOCAL_CACHE_MAX_BYTES = 2 * 1024 * 1024 * 1024;
/** Leftover tmp/ directories older than this are from crashed runs and get deleted. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;
/**
 * Recursive deletes retry EBUSY/EPERM/ENOTEMPTY a few times (Node's rm `maxRetries`, 100 ms linear
 * backoff): on Windows a file another process (a scanner, a concurrent restore) holds open cannot be
 * deleted yet. Node's rm already clears the read-only attribute itself on Windows before unlinking.
 */
const RM_TREE = { recursive: true, force: true, maxRetries: 3 };
function localEntryId(key) {
    return (0,external_node_crypto_.createHash)('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}
class LocalDirBackend {
    name = 'local-dir';
    dir;
    logger;
    maxBytes;
    link;
    now;
    beforeCommit;
    constructor(options) {
        this.dir = options.dir ?? defaultCacheDir();
        this.logger = options.logger;
        this.maxBytes = options.maxBytes ?? DEFAULT_LOCAL_CACHE_MAX_BYTES;
        this.link = options.link ?? process.platform !== 'win32';
        this.now = options.now ?? Date.now;
        this.beforeCommit = options.beforeCommit;
    }
    get entriesDir() {
        return (0,external_node_path_.join)(this.dir, 'entries');
    }
    get tmpDir() {
        return (0,external_node_path_.join)(this.dir, 'tmp');
    }
    get accessFile() {
        return (0,external_node_path_.join)(this.dir, 'access.json');
    }
    async restore(paths, primaryKey, restoreKeys) {
        try {
            const entry = await this.find(paths.length, primaryKey, restoreKeys);
            if (!entry) {
                this.logger.info(`cache miss for ${primaryKey} in ${this.dir}`);
                return { exact: false };
            }
            const root = (0,external_node_path_.join)(this.entriesDir, entry.id, 'data');
            let files = 0;
            for (const [i, kind] of entry.paths.entries()) {
                if (kind === 'missing')
                    continue;
                files += (await copyTree((0,external_node_path_.join)(root, String(i)), paths[i], { link: this.link })).files;
            }
            await this.touch(entry.id);
            const exact = entry.key === primaryKey;
            this.logger.info(`${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files from ${this.dir})`);
            return { matchedKey: entry.key, exact };
        }
        catch (error) {
            this.logger.warn(`local cache restore failed (continuing without cache): ${errorMessage(error)}`);
            return { exact: false };
        }
    }
    async save(paths, key) {
        let tmp;
        try {
            if (paths.length === 0)
                throw new Error('no paths to save');
            const id = localEntryId(key);
            if (await this.readMeta(id)) {
                this.logger.info(`cache entry ${key} already exists in ${this.dir}: not saved again`);
                return { saved: false, reason: 'entry already exists' };
            }
            await (0,promises_.mkdir)(this.entriesDir, { recursive: true });
            await (0,promises_.mkdir)(this.tmpDir, { recursive: true });
            tmp = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.tmpDir, 'save-'));
            const meta = { key, createdAt: this.now(), bytes: 0, paths: [] };
            for (const [i, p] of paths.entries()) {
                const info = await (0,promises_.stat)(p).catch(() => undefined);
                if (!info || (!info.isFile() && !info.isDirectory())) {
                    meta.paths.push('missing');
                    continue;
                }
                meta.paths.push(info.isFile() ? 'file' : 'directory');
                const copied = await copyTree(p, (0,external_node_path_.join)(tmp, 'data', String(i)), { link: this.link, readOnly: true });
                meta.bytes += copied.bytes;
            }
            if (meta.paths.every((k) => k === 'missing'))
                throw new Error(`none of the paths exist: ${paths.join(', ')}`);
            await (0,promises_.mkdir)((0,external_node_path_.join)(tmp, 'data'), { recursive: true });
            await (0,promises_.writeFile)((0,external_node_path_.join)(tmp, 'entry.json'), JSON.stringify(meta));
            if (this.beforeCommit)
                await this.beforeCommit(tmp);
            try {
                // Windows fails a directory rename while a scanner holds one of the fresh files (retried),
                // and with EPERM when the target directory already exists (someone else saved: no retry).
                await renameWithRetry(tmp, (0,external_node_path_.join)(this.entriesDir, id), {
                    clearReadOnly: false,
                    shouldRetry: async () => (await this.readMeta(id)) === undefined,
                });
            }
            catch (error) {
                const code = error.code;
                if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EPERM') {
                    if (await this.readMeta(id)) {
                        this.logger.info(`cache entry ${key} was saved concurrently by another process`);
                        return { saved: false, reason: 'entry already exists' };
                    }
                }
                throw error;
            }
            tmp = undefined;
            await this.touch(id);
            this.logger.info(`cache saved as ${key} in ${this.dir} (${meta.bytes} bytes)`);
            await this.prune(id);
            return { saved: true };
        }
        catch (error) {
            const reason = errorMessage(error);
            this.logger.warn(`local cache ${key} not saved: ${reason}`);
            return { saved: false, reason };
        }
        finally {
            if (tmp)
                await (0,promises_.rm)(tmp, RM_TREE).catch(() => { });
        }
    }
    /** All complete entries (those under entries/ with a readable entry.json). */
    async list() {
        let names;
        try {
            names = await (0,promises_.readdir)(this.entriesDir);
        }
        catch {
            return [];
        }
        const out = [];
        for (const id of names) {
            const meta = await this.readMeta(id);
            if (meta)
                out.push({ ...meta, id });
        }
        return out;
    }
    async readMeta(id) {
        try {
            const meta = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(this.entriesDir, id, 'entry.json'), 'utf8'));
            if (typeof meta.key !== 'string' || !Array.isArray(meta.paths))
                return undefined;
            return meta;
        }
        catch {
            return undefined;
        }
    }
    async find(pathCount, primaryKey, restoreKeys) {
        const exact = await this.readMeta(localEntryId(primaryKey));
        if (exact && exact.key === primaryKey && exact.paths.length === pathCount) {
            return { ...exact, id: localEntryId(primaryKey) };
        }
        const entries = (await this.list()).filter((e) => e.paths.length === pathCount);
        // Same order as the GitHub cache service: the primary key as a prefix, then each restore key;
        // for each, an exact key match first, else the newest entry with that prefix.
        for (const prefix of [primaryKey, ...restoreKeys]) {
            const same = entries.find((e) => e.key === prefix);
            if (same)
                return same;
            const matches = entries
                .filter((e) => e.key.startsWith(prefix))
                .sort((a, b) => b.createdAt - a.createdAt);
            if (matches[0])
                return matches[0];
        }
        return undefined;
    }
    async readAccess() {
        try {
            const data = JSON.parse(await (0,promises_.readFile)(this.accessFile, 'utf8'));
            return data && typeof data === 'object' ? data : {};
        }
        catch {
            return {};
        }
    }
    async touch(id) {
        try {
            const access = await this.readAccess();
            access[id] = this.now();
            await writeFileAtomic(this.accessFile, JSON.stringify(access));
        }
        catch (error) {
            this.logger.debug(`could not record cache access time: ${errorMessage(error)}`);
        }
    }
    /**
     * Delete least-recently-used entries until the cache holds at most maxBytes (never `keep`, the
     * entry just saved), and leftovers of crashed saves. An entry is first renamed into tmp/, so it
     * disappears atomically before its files are deleted.
     */
    async prune(keep) {
        const removed = [];
        const access = await this.readAccess();
        const entries = await this.list();
        const lastUse = (e) => access[e.id] ?? e.createdAt;
        let total = entries.reduce((sum, e) => sum + e.bytes, 0);
        const victims = entries.filter((e) => e.id !== keep).sort((a, b) => lastUse(a) - lastUse(b));
        for (const victim of victims) {
            if (total <= this.maxBytes)
                break;
            const trash = (0,external_node_path_.join)(this.tmpDir, `trash-${victim.id}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
            try {
                await (0,promises_.mkdir)(this.tmpDir, { recursive: true });
                // Windows: fails while another process reads the entry (restoring it); retried briefly,
                // then the entry is kept for a later prune.
                await renameWithRetry((0,external_node_path_.join)(this.entriesDir, victim.id), trash, { clearReadOnly: false });
                await (0,promises_.rm)(trash, RM_TREE);
                total -= victim.bytes;
                removed.push(victim.key);
                delete access[victim.id];
                this.logger.info(`pruned cache entry ${victim.key} (${victim.bytes} bytes, least recently used)`);
            }
            catch (error) {
                this.logger.debug(`could not prune ${victim.key}: ${errorMessage(error)}`);
            }
        }
        if (removed.length > 0)
            await writeFileAtomic(this.accessFile, JSON.stringify(access)).catch(() => { });
        await this.removeStaleTmp();
        return removed;
    }
    async removeStaleTmp() {
        let names;
        try {
            names = await (0,promises_.readdir)(this.tmpDir);
        }
        catch {
            return;
        }
        for (const name of names) {
            const path = (0,external_node_path_.join)(this.tmpDir, name);
            try {
                const info = await (0,promises_.stat)(path);
                if (name.startsWith('trash-') || this.now() - info.mtimeMs > STALE_TMP_MS) {
                    await (0,promises_.rm)(path, RM_TREE);
                }
            }
            catch {
                // gone already or in use by another process: leave it
            }
        }
    }
}

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

;// CONCATENATED MODULE: ./src/index/redact.ts
/**
 * URL redaction: the only form of a URL that may reach logs, errors, reports, lock files or cache
 * keys. Userinfo becomes `***` (a username alone is a token for some indexes, so it goes too), and
 * query parameters whose names look like secrets (token, key, signature, password, …) get `***`.
 * Unparseable input is redacted with a regular expression over `scheme://userinfo@`.
 */
const SECRET_PARAM = /token|key|secret|sig|signature|password|passwd|pwd|auth|credential|session/i;
function redactUrl(url) {
    let u;
    try {
        u = new URL(String(url));
    }
    catch {
        return redactUnparsed(String(url));
    }
    if (u.username || u.password) {
        u.username = '***';
        u.password = '';
    }
    let changed = false;
    const params = new URLSearchParams(u.search);
    for (const name of [...new Set(params.keys())]) {
        if (SECRET_PARAM.test(name)) {
            params.set(name, '***');
            changed = true;
        }
    }
    if (changed)
        u.search = params.toString().replace(/%2A%2A%2A/g, '***');
    return u.toString();
}
function redactUnparsed(s) {
    return s
        .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@')
        .replace(/([?&][^=&#]*(?:token|key|secret|sig|password|auth)[^=&#]*=)[^&#]*/gi, '$1***');
}
/**
 * Hides every `//userinfo@` of one value that may not even parse as a URL (a bad `--index-url`
 * shown back in an error): whatever stands between `//` and `@` becomes `***`, spaces included.
 */
function maskUserinfo(value) {
    return value.replace(/\/\/[^/@]*@/g, '//***@');
}
/** Replaces every URL-looking substring of a free text with its redacted form. */
function redactText(text) {
    return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (m) => redactUrl(m));
}

;// CONCATENATED MODULE: ./src/download/download-error.ts
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

;// CONCATENATED MODULE: ./src/index/http-errors.ts
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

;// CONCATENATED MODULE: ./src/index/project-page-error.ts
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

;// CONCATENATED MODULE: ./src/provider/file-hashes.ts
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
    let next = 0;
    let failed;
    const worker = async () => {
        while (failed === undefined && next < files.length) {
            const file = files[next++];
            try {
                const digest = await hasher.wholeFile(file);
                out.set(file, { sha256: digest.sha256.toLowerCase(), size: digest.size });
            }
            catch (error) {
                failed ??= new FileHashError(file.filename, file.redactedUrl, error instanceof Error ? error.message : String(error));
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
    if (failed !== undefined)
        throw failed;
    return out;
}

;// CONCATENATED MODULE: ./src/provider/hash-pins.ts
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

;// CONCATENATED MODULE: ./src/standards/names.ts
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
function names_normalizeName(name) {
    return name.replace(/[-_.]+/g, '-').toLowerCase();
}
/** Validates, then normalizes; throws InvalidNameError on a bad name. */
function parseName(name) {
    if (!isValidName(name))
        throw new InvalidNameError(name);
    return names_normalizeName(name);
}

// EXTERNAL MODULE: ./src/standards/version.ts
var standards_version = __webpack_require__(7174);
;// CONCATENATED MODULE: ./src/standards/specifier.ts
/**
 * Version specifiers — PEP 440 "Version specifiers" section (compatible release `~=`, version
 * matching `==` with prefix `.*` and local-version rules, exclusion `!=`, inclusive `<=`/`>=`,
 * exclusive `<`/`>` with their pre-, post- and local-release exclusions, arbitrary equality `===`)
 * and "Handling of pre-releases", applied the way pip does it (packaging's SpecifierSet.filter):
 * a specifier naming a pre-release admits pre-releases, `--pre` admits all, otherwise
 * pre-releases are used only when no final release satisfies the set.
 * Not supported: legacy (non-PEP 440) candidate versions — `===` compares against normalized
 * Version strings only, so `===foobar` never matches.
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
const OPERATOR_RE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(.*?)\s*$/s;
/** Epoch and release with a trailing `.*`, as allowed after `==` and `!=`. */
const WILDCARD_RE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)\.\*$/i;
const ARBITRARY_RE = /^[^\s;)]+$/;
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
    if (version === '')
        return `expected a version after "${op}"`;
    if (op === '===')
        return ARBITRARY_RE.test(version) ? null : `"===" takes a version without whitespace`;
    if (version.endsWith('.*')) {
        if (op !== '==' && op !== '!=')
            return `"${op}" does not allow a ".*" wildcard`;
        return WILDCARD_RE.test(version) ? null : `"${version}" is not a valid version prefix`;
    }
    const v = standards_version/* Version */.Rx.tryParse(version);
    if (v === null || /\s/.test(version))
        return `"${version}" is not a valid version`;
    if (v.local !== undefined && op !== '==' && op !== '!=')
        return `"${op}" does not allow a local version`;
    if (op === '~=' && v.release.length < 2)
        return `"~=" needs a version with at least two release segments`;
    return null;
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
    constructor(operator, versionText) {
        this.operator = operator;
        this.wildcard = versionText.endsWith('.*') && operator !== '===';
        if (operator === '===') {
            this.versionText = versionText;
            this.prefix = [];
            this.mentionsPrerelease = standards_version/* Version */.Rx.tryParse(versionText)?.isPrerelease ?? false;
            return;
        }
        const v = standards_version/* Version */.Rx.parse(this.wildcard ? versionText.slice(0, -2) : versionText);
        this.version = v;
        this.versionText = this.wildcard ? `${v.toString()}.*` : v.toString();
        // `~=` matches the prefix of its release without the last segment.
        this.prefix = this.wildcard ? v.release : operator === '~=' ? v.release.slice(0, -1) : [];
        this.mentionsPrerelease = operator !== '!=' && !this.wildcard && v.isPrerelease;
    }
    /** Parses one clause like `>= 1.0` or `==2.*`; throws InvalidSpecifierError. */
    static parse(text) {
        const m = OPERATOR_RE.exec(text);
        if (m === null) {
            throw new InvalidSpecifierError(text, text, 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)');
        }
        const op = m[1];
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
                return (0,standards_version/* comparePublicVersions */.CC)(v, spec) >= 0 && wildcardMatch(v, spec.epoch, this.prefix);
            case '<=':
                return (0,standards_version/* comparePublicVersions */.CC)(v, spec) <= 0;
            case '>=':
                return (0,standards_version/* comparePublicVersions */.CC)(v, spec) >= 0;
            case '<':
                if ((0,standards_version/* compareVersions */.Zy)(v, spec) >= 0)
                    return false;
                // `<V` excludes pre-releases of V itself unless V is a pre-release.
                return spec.isPrerelease || !v.isPrerelease || !(0,standards_version/* sameBaseVersion */.KV)(v, spec);
            case '>':
                if ((0,standards_version/* compareVersions */.Zy)(v, spec) <= 0)
                    return false;
                // `>V` excludes post-releases of V unless V is one, and local versions of V.
                if (!spec.isPostrelease && v.isPostrelease && (0,standards_version/* sameBaseVersion */.KV)(v, spec))
                    return false;
                return v.local === undefined || !(0,standards_version/* sameBaseVersion */.KV)(v, spec);
            default:
                return false;
        }
    }
    equalMatch(v) {
        const spec = this.version;
        if (this.wildcard)
            return wildcardMatch(v, spec.epoch, this.prefix);
        // Without a local label in the specifier, the candidate's local label is ignored.
        return (spec.local === undefined ? (0,standards_version/* comparePublicVersions */.CC)(v, spec) : (0,standards_version/* compareVersions */.Zy)(v, spec)) === 0;
    }
    /** PEP 440 containment with pip's pre-release policy for a single specifier. */
    contains(v, opts) {
        const pre = opts?.prereleases ?? this.mentionsPrerelease;
        if (v.isPrerelease && !pre)
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
    /** Comma-separated clauses, whitespace tolerant; empty text means "any version". */
    static parse(text) {
        const specs = [];
        for (const part of text.split(',')) {
            if (part.trim() === '') {
                if (text.trim() === '')
                    continue;
                throw new InvalidSpecifierError(text, part, 'empty clause between commas');
            }
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
    /** The intersection of two sets (all clauses of both). */
    and(other) {
        return new SpecifierSet([...this.specifiers, ...other.specifiers]);
    }
    /** Operator semantics of every clause, ignoring the pre-release policy. */
    matches(v) {
        for (const s of this.specifiers)
            if (!s.matches(v))
                return false;
        return true;
    }
    /**
     * Containment of one version (packaging's SpecifierSet.contains): pre-releases are rejected
     * unless `prereleases` is true or some clause names a pre-release.
     */
    contains(v, opts) {
        const pre = opts?.prereleases ?? this.mentionsPrerelease;
        if (v.isPrerelease && !pre)
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

;// CONCATENATED MODULE: ./src/standards/markers.ts



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
function tokenize(input) {
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
            tokens.push({ t: 'value', value: { kind: 'string', value: input.slice(i + 1, close) }, pos: i });
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
                const after = /^\s+in(?![A-Za-z0-9_.])/.exec(input.slice(i + 3));
                if (after === null)
                    fail(i, 'expected "in" after "not"');
                tokens.push({ t: 'op', op: 'not in', pos: i });
                i += after[0].length;
            }
            else {
                const name = ALIASES[word] ?? word;
                if (!VARIABLES.has(name))
                    fail(i, `unknown marker variable "${word}"`);
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
function parseMarker(input) {
    const tokens = tokenize(input);
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
        const lhs = parseValue('a marker expression');
        const opTok = peek();
        if (opTok.t !== 'op')
            return fail('expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)');
        k++;
        const rhs = parseValue(`a value after "${opTok.op}"`);
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
function quote(s) {
    return s.includes('"') ? `'${s}'` : `"${s}"`;
}
function valueToString(v) {
    return v.kind === 'variable' ? v.name : quote(v.value);
}
/**
 * Normalized text: single spaces, double quotes (single when the value holds a double quote),
 * PEP 508 variable names, parentheses around every nested and/or group.
 */
function markers_markerToString(m) {
    if (m.kind === 'compare')
        return `${valueToString(m.lhs)} ${m.op} ${valueToString(m.rhs)}`;
    return m.items
        .map((item) => (item.kind === 'compare' ? markers_markerToString(item) : `(${markers_markerToString(item)})`))
        .join(` ${m.kind} `);
}
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
function versionSpecifier(op, rhs) {
    return cached(specCache, `${op}${rhs}`, () => specifierVersionProblem(op, rhs.trim()) === null ? Specifier.parse(`${op}${rhs}`) : null);
}
function compareStrings(lhs, op, rhs) {
    switch (op) {
        case 'in':
            return rhs.includes(lhs);
        case 'not in':
            return !rhs.includes(lhs);
        case '==':
        case '===':
            return lhs === rhs;
        case '!=':
            return lhs !== rhs;
        case '<':
            return lhs < rhs;
        case '<=':
            return lhs <= rhs;
        case '>':
            return lhs > rhs;
        case '>=':
            return lhs >= rhs;
        default:
            return false; // `~=` is undefined between non-versions
    }
}
function evaluateCompare(m, env, extra) {
    const resolve = (v) => v.kind === 'string' ? v.value : v.name === 'extra' ? extra : env[v.name];
    let lhs = resolve(m.lhs);
    let rhs = resolve(m.rhs);
    // PEP 685: extra names compare after normalization, on both sides.
    if ((m.lhs.kind === 'variable' && m.lhs.name === 'extra') ||
        (m.rhs.kind === 'variable' && m.rhs.name === 'extra')) {
        lhs = names_normalizeName(lhs);
        rhs = names_normalizeName(rhs);
    }
    if (m.op !== 'in' && m.op !== 'not in') {
        const spec = versionSpecifier(m.op, rhs);
        if (spec !== null) {
            const version = cached(versionCache, lhs, () => standards_version/* Version */.Rx.tryParse(lhs));
            if (version !== null)
                return spec.matches(version);
        }
    }
    return compareStrings(lhs, m.op, rhs);
}
function evaluateWith(m, env, extra) {
    if (m.kind === 'compare')
        return evaluateCompare(m, env, extra);
    if (m.kind === 'and')
        return m.items.every((item) => evaluateWith(item, env, extra));
    return m.items.some((item) => evaluateWith(item, env, extra));
}
/**
 * Evaluates a marker for an explicit target. Without extras, `extra` is the empty string (so
 * `extra == "x"` is false); with extras, the marker holds when it holds for any one of them —
 * how pip selects a distribution's Requires-Dist entries for the requested extras.
 */
function evaluateMarker(m, env, extras) {
    const list = extras === undefined ? [] : [...extras];
    if (list.length === 0)
        return evaluateWith(m, env, '');
    return list.some((e) => evaluateWith(m, env, e));
}
/** Normalized names of the extras a marker compares `extra` against (e.g. for Provides-Extra checks). */
function markerExtras(m) {
    const found = new Set();
    const walk = (n) => {
        if (n.kind !== 'compare')
            return n.items.forEach(walk);
        const isExtra = (v) => v.kind === 'variable' && v.name === 'extra';
        if (isExtra(n.lhs) && n.rhs.kind === 'string')
            found.add(normalizeName(n.rhs.value));
        if (isExtra(n.rhs) && n.lhs.kind === 'string')
            found.add(normalizeName(n.lhs.value));
    };
    walk(m);
    return [...found].sort();
}

;// CONCATENATED MODULE: ./src/standards/requirement.ts
/**
 * Dependency specifiers — PEP 508 (as kept current in the PyPA "Dependency specifiers"
 * specification): `name [extras] (versionspec | @ url) ; marker`. Names and extras per the
 * core-metadata name rules, extras normalized per PEP 685; version specifiers with or without
 * parentheses (PEP 440 clauses); a URL runs to the next whitespace, and a marker after a URL needs
 * whitespace before its `;` (otherwise the `;` belongs to the URL).
 * Not supported: URLs without a scheme (a requirement URL must be absolute, e.g. https: or file:);
 * pip's requirement-file extensions (options, paths, editables) — see requirements-file.ts.
 */



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
const NAME_RE = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const URL_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Parses one PEP 508 requirement; throws InvalidRequirementError with a 0-based column. */
function requirement_parseRequirement(text) {
    let i = 0;
    const fail = (reason, at = i) => {
        throw new InvalidRequirementError(text, at, reason);
    };
    const ws = () => {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t'))
            i++;
    };
    const name = (what) => {
        NAME_RE.lastIndex = i;
        const m = NAME_RE.exec(text);
        if (m === null)
            return fail(`expected ${what}`);
        i += m[0].length;
        return m[0];
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
                extras.add(names_normalizeName(name('an extra name')));
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
            for (;;) {
                const op = atOperator();
                if (op === undefined)
                    fail('expected a version operator (~=, ==, !=, <=, >=, <, >, ===)');
                i += op.length;
                ws();
                const start = i;
                while (i < text.length && !/[\s,;()]/.test(text[i]))
                    i++;
                const version = text.slice(start, i);
                const problem = specifierVersionProblem(op, version);
                if (problem !== null)
                    fail(problem, start);
                specs.push(Specifier.parse(`${op}${version}`));
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
            marker = parseMarker(text.slice(start));
        }
        catch (e) {
            if (e instanceof InvalidMarkerError)
                fail(e.reason, start + e.column);
            throw e;
        }
    }
    else if (i < text.length) {
        fail(specs.length > 0
            ? 'expected "," or ";" or the end after a version specifier'
            : 'expected "[", "(", a version operator, "@", ";" or the end after the name');
    }
    const req = {
        name: names_normalizeName(rawName),
        rawName,
        extras: [...extras].sort(),
        specifier: new SpecifierSet(specs),
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

;// CONCATENATED MODULE: ./src/standards/requirements-file-problem.ts
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
    return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@\s]*)@/g, (_m, scheme, userinfo) => {
        const colon = userinfo.indexOf(':');
        return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****'}@`;
    });
}
function formatProblem(p) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    return `${where}: ${p.message}: ${p.text}`;
}
class RequirementsFileError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'RequirementsFileError';
    }
}

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
/** The physical position of offset `offset` of a logical line's expanded `text`. */
function positionOf(line, offset) {
    const clamped = Math.max(0, Math.min(offset, line.text.length));
    const raw = line.rawIndex[clamped] ?? line.raw.length;
    return line.rawPos[raw] ?? { line: line.line, column: 1 };
}
/** The unexpanded text behind the range [start, end) of a logical line's expanded `text`. */
function rawTextOf(line, start, end) {
    const a = line.rawIndex[Math.max(0, Math.min(start, line.text.length))] ?? 0;
    const endClamped = Math.max(0, Math.min(end, line.text.length));
    // A range ending inside an expanded value ends after the whole `${NAME}` in raw.
    let b = line.rawIndex[endClamped] ?? line.raw.length;
    if (endClamped > 0 && endClamped < line.text.length) {
        const last = line.rawIndex[endClamped - 1] ?? 0;
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
function physicalLines(content) {
    const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
    const lines = text.split(/\r\n|\r|\n/);
    // A final newline does not start another line.
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    return lines;
}
/**
 * pip's join: a line ending in `\` continues on the next one, except a comment line (one
 * whose first non-blank character is `#`), which never continues; a comment line inside a
 * continuation gets a leading space so it is still seen as a comment after joining.
 */
function joinContinuations(lines) {
    const out = [];
    let pending;
    const append = (target, text, lineNo, firstColumn) => {
        target.chars += text;
        for (let i = 0; i < text.length; i++)
            target.pos.push({ line: lineNo, column: firstColumn + i });
    };
    lines.forEach((physical, index) => {
        const lineNo = index + 1;
        const isComment = /^\s*#/.test(physical);
        if (!physical.endsWith('\\') || isComment) {
            const target = pending ?? { line: lineNo, chars: '', pos: [] };
            if (isComment && pending) {
                target.chars += ' ';
                target.pos.push({ line: lineNo, column: 1 });
            }
            append(target, physical, lineNo, 1);
            target.pos.push({ line: lineNo, column: physical.length + 1 });
            out.push(target);
            pending = undefined;
        }
        else {
            pending ??= { line: lineNo, chars: '', pos: [] };
            append(pending, physical.slice(0, -1), lineNo, 1);
        }
    });
    if (pending) {
        // The file ended inside a continuation: the end position is after the last character.
        const last = pending.pos[pending.pos.length - 1];
        pending.pos.push(last ? { line: last.line, column: last.column + 1 } : { line: pending.line, column: 1 });
        out.push(pending);
    }
    return out;
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
 * falsy values). Values are not expanded again.
 */
function expand(raw, env) {
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
function logicalLines(content, env = {}) {
    const result = [];
    for (const joined of joinContinuations(physicalLines(content))) {
        const hash = commentStart(joined.chars);
        const uncommented = hash >= 0 ? joined.chars.slice(0, hash) : joined.chars;
        const start = uncommented.length - uncommented.trimStart().length;
        const raw = uncommented.trim();
        if (raw === '')
            continue;
        const rawPos = joined.pos.slice(start, start + raw.length + 1);
        const { text, rawIndex } = expand(raw, env);
        result.push({ line: joined.line, text, raw, rawIndex, rawPos });
    }
    return result;
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

;// CONCATENATED MODULE: ./src/standards/requirements-file-binary.ts
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
        if (!isValidName(item)) {
            invalid.push(item);
            continue;
        }
        const name = names_normalizeName(item);
        other.names = other.names.filter((n) => n !== name);
        if (!target.names.includes(name))
            target.names.push(name);
    }
    return invalid;
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

;// CONCATENATED MODULE: ./src/standards/requirements-file-options.ts
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
        onlyBinary: emptyBinaryRule(),
        noBinary: emptyBinaryRule(),
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
        const [rule, other] = option.spec.name === 'no-binary'
            ? [target.noBinary, target.onlyBinary]
            : [target.onlyBinary, target.noBinary];
        for (const bad of applyBinaryValue(option.value, rule, other)) {
            problems.push({
                option,
                message: `invalid project name ${JSON.stringify(bad)} in --${option.spec.name}`,
            });
        }
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

// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __webpack_require__(8898);
// EXTERNAL MODULE: ./src/standards/tag.ts
var standards_tag = __webpack_require__(1778);
;// CONCATENATED MODULE: ./src/standards/filenames.ts
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
const BUILD_TAG = /^(\d+)(.*)$/;
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
    if ((0,pep440.valid)(version) === null)
        fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);
    let buildTag;
    if (parts.length === 6) {
        const build = parts[2];
        const m = BUILD_TAG.exec(build);
        if (!m)
            fail(`invalid build tag ${JSON.stringify(build)}: a build tag must start with a digit`);
        buildTag = { n: Number(m[1]), rest: m[2] };
    }
    const [py, abi, plat] = parts.slice(-3);
    const split = (label, text) => {
        const items = text.split('.');
        if (items.some((item) => item === ''))
            fail(`empty item in ${label} tag ${JSON.stringify(text)}`);
        return items;
    };
    const pythonTags = split('python', py);
    const abiTags = split('abi', abi);
    const platformTags = split('platform', plat);
    const result = {
        name: names_normalizeName(rawName),
        rawName,
        version,
        tags: (0,standards_tag/* expandTagSet */.xy)(pythonTags, abiTags, platformTags),
        pythonTags,
        abiTags,
        platformTags,
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
        const wanted = names_normalizeName(project);
        for (let i = stem.indexOf('-'); i !== -1; i = stem.indexOf('-', i + 1)) {
            if (names_normalizeName(stem.slice(0, i)) === wanted) {
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
    if (!isValidName(rawName))
        fail(`invalid project name ${JSON.stringify(rawName)}`);
    if (version === '')
        fail('the version is empty');
    if ((0,pep440.valid)(version) === null)
        fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);
    return { name: names_normalizeName(rawName), rawName, version, ext: ext };
}

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
            return { name: parseWheelFilename(file).rawName };
        }
        catch (error) {
            if (error instanceof InvalidFilenameError)
                return { reason: error.message };
            throw error;
        }
    }
    for (const piece of fragment.split('&')) {
        if (piece.startsWith('egg=')) {
            const name = piece.slice(4);
            if (isValidName(name))
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

;// CONCATENATED MODULE: ./src/standards/requirements-file.ts
/**
 * pip requirements files — pip's "Requirements File Format" reference
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/): requirement lines
 * (PEP 508 via requirement.ts) with per-requirement options (`--hash`, `--config-settings`,
 * `--global-option`), global option lines, `-r/--requirement` and `-c/--constraint` includes
 * resolved relative to the including file, `-e/--editable` lines, local paths and bare URLs.
 * Lines, comments, continuations and `${VAR}` are in requirements-file-lines.ts, options in
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
 * - `--config-settings` and `--global-option` are kept on the requirement line; they only
 *   affect builds from source, which wheelhouse never performs.
 * - Editables and local paths are returned, not installed; requirements files over HTTP are not
 *   supported; pip's constraint-form checks (no editables, no extras) are problems here.
 */







class FileReader {
    io;
    env;
    problems = [];
    files = [];
    result = {
        requirements: [],
        constraints: [],
        editables: [],
        localPaths: [],
        options: defaultOptions(),
    };
    contents = new Map();
    constructor(io, env) {
        this.io = io;
        this.env = env;
    }
    /** Records a problem quoting text [start, end) of the line, located at offset `at` (default start). */
    problem(file, line, start, end, message, at = start) {
        const pos = positionOf(line, at);
        this.problems.push({
            file,
            line: pos.line,
            column: pos.column,
            message: redactCredentials(message),
            text: redactCredentials(rawTextOf(line, start, end)),
        });
    }
    read(path) {
        const key = fileKey(path);
        let content = this.contents.get(key);
        if (!content) {
            content = this.io.readFile(path);
            this.contents.set(key, content);
        }
        return content;
    }
    async parseFile(path, constraint, include, from) {
        let content;
        try {
            content = await this.read(path);
        }
        catch (error) {
            // Errors may come from another realm (node:fs under a VM), so no instanceof here.
            const reason = typeof error === 'object' && error !== null && 'message' in error
                ? String(error.message)
                : String(error);
            const message = `cannot read requirements file ${JSON.stringify(path)} (${reason})`;
            if (from)
                this.problem(from.file, from.line, from.word.start, from.word.end, message);
            else
                this.problems.push({
                    file: path,
                    line: 0,
                    column: 0,
                    message: redactCredentials(message),
                    text: path,
                });
            return;
        }
        if (!this.files.some((f) => fileKey(f) === fileKey(path)))
            this.files.push(path);
        const chain = { chain: [...include.chain, fileKey(path)], shown: [...include.shown, path] };
        for (const line of logicalLines(content, this.env)) {
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
        const parsed = parseOptionWords(words);
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
        for (const p of applyLineOptions(this.result.options, lineScoped)) {
            this.problem(file, line, p.option.valueStart, p.option.valueEnd, p.message);
        }
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
                const checked = checkHash(o.value);
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
            requirement = requirement_parseRequirement(text);
        }
        catch (error) {
            if (!(error instanceof InvalidRequirementError))
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
        const entry = { requirement, hashes, configSettings, globalOptions, source };
        (constraint ? this.result.constraints : this.result.requirements).push(entry);
    }
}
/**
 * Reads a requirements file and everything it includes, collecting problems instead of throwing:
 * the result holds everything that parsed, `problems` everything that did not (in file order,
 * includes at the point they are included).
 */
async function collectRequirementsFile(path, io, options = {}) {
    const reader = new FileReader(io, options.env ?? {});
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
        throw new RequirementsFileError(problems);
    return result;
}

;// CONCATENATED MODULE: ./src/provider/requirement-inputs.ts




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
        redactedUrl: redactUrl(clean.href),
        hashes,
        yanked: false,
        coreMetadata: false,
        source: redactUrl(clean.href),
    };
}
/** Merges the finder options of several files the way pip applies later lines over earlier ones. */
function mergeOptions(into, from) {
    if (from.indexUrl !== undefined)
        into.indexUrl = from.indexUrl;
    for (const u of from.extraIndexUrls)
        if (!into.extraIndexUrls.includes(u))
            into.extraIndexUrls.push(u);
    for (const u of from.findLinks)
        if (!into.findLinks.includes(u))
            into.findLinks.push(u);
    into.noIndex ||= from.noIndex;
    into.pre ||= from.pre;
    into.preferBinary ||= from.preferBinary;
    into.requireHashes ||= from.requireHashes;
    into.onlyBinary = {
        all: into.onlyBinary.all || from.onlyBinary.all,
        names: [...new Set([...into.onlyBinary.names, ...from.onlyBinary.names])],
    };
    into.noBinary = {
        all: into.noBinary.all || from.noBinary.all,
        names: [...new Set([...into.noBinary.names, ...from.noBinary.names])],
    };
    for (const h of from.trustedHosts)
        if (!into.trustedHosts.includes(h))
            into.trustedHosts.push(h);
}
async function readRequirementInputs(files, constraintFiles, io, env = {}) {
    const out = {
        requirements: [],
        constraints: [],
        hashes: new Map(),
        directFiles: new Map(),
        options: defaultOptions(),
        files: [],
    };
    const problems = [];
    const take = async (path, asConstraints) => {
        const result = await parseRequirementsFile(path, io, { env });
        mergeOptions(out.options, result.options);
        out.files.push(...result.files.filter((f) => !out.files.includes(f)));
        for (const e of result.editables) {
            problems.push(`${e.source.file}:${e.source.line}: editable requirement ${e.text} cannot be resolved from an index`);
        }
        for (const p of result.localPaths) {
            problems.push(`${p.source.file}:${p.source.line}: local path requirement ${p.text} cannot be resolved from an index`);
        }
        const lines = [
            ...result.requirements.map((l) => ({ l, c: asConstraints })),
            ...result.constraints.map((l) => ({ l, c: true })),
        ];
        for (const { l, c } of lines) {
            const sourced = { requirement: l.requirement, origin: originOf(l) };
            (c ? out.constraints : out.requirements).push(sourced);
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
    for (const f of files)
        await take(f, false);
    for (const f of constraintFiles)
        await take(f, true);
    for (const r of [...out.requirements, ...out.constraints]) {
        const url = r.requirement.url;
        if (url === undefined)
            continue;
        if (out.constraints.includes(r)) {
            problems.push(`${r.origin}: a constraint cannot be a direct URL: ${redactUrl(url)}`);
            continue;
        }
        const file = directUrlFile(r.requirement.name, url);
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

;// CONCATENATED MODULE: ./src/flow/failure.ts
/**
 * What a failed fetch or resolve tells the user, for both shells: an exit code (1 = no resolution
 * exists, 2 = bad input or an unreachable index / failed download), one redacted message, and the
 * requirement-file locations involved (the action turns them into annotations at file:line).
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
    const message = redactText(error instanceof Error ? error.message : String(error));
    if (error instanceof UnsatisfiableError) {
        return { exitCode: 1, kind: 'unsatisfiable', message, locations: [] };
    }
    if (error instanceof RequirementsFileError) {
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
                message: redactText(`${p.message}: ${p.text}`),
            })),
        };
    }
    if (error instanceof RequirementInputError) {
        return { exitCode: 2, kind: 'input', message, locations: locationsOfLines(message) };
    }
    if (error instanceof FlowInputError) {
        return {
            exitCode: 2,
            kind: 'input',
            message,
            locations: error.locations.map((l) => ({ ...l, message: redactText(l.message) })),
        };
    }
    if (error instanceof NetworkError || error instanceof HttpError || error instanceof ProjectPageError) {
        return { exitCode: 2, kind: 'network', message, locations: [] };
    }
    if (error instanceof DownloadFailures ||
        error instanceof DownloadError ||
        error instanceof FileHashError ||
        error instanceof HashPinMismatchError) {
        return { exitCode: 2, kind: 'download', message, locations: [] };
    }
    const name = error instanceof Error ? error.name : 'Error';
    if (/InvalidTarget|TargetDetection|FinderOptions|CacheKey|InvalidRequirement/.test(name)) {
        return { exitCode: 2, kind: 'input', message, locations: [] };
    }
    return { exitCode: 2, kind: 'internal', message, locations: [] };
}

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
    const trimmed = suffix?.trim() ?? '';
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/util/file-sha256.ts


/**
 * The sha256 (lower-case hex) and size of a file, read as a stream in 64 KiB chunks so memory stays
 * bounded whatever the file size. Rejects with the fs error (ENOENT, EISDIR, …) unchanged.
 */
async function fileSha256(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    const stream = (0,external_node_fs_.createReadStream)(path, { highWaterMark: 64 * 1024 });
    for await (const chunk of stream) {
        hash.update(chunk);
        size += chunk.length;
    }
    return { sha256: hash.digest('hex'), size };
}

;// CONCATENATED MODULE: ./src/cache/wheelhouse-manifest.ts




/**
 * The wheelhouse manifest (`wheelhouse-manifest.json` in the wheelhouse): filename → sha256 and size
 * of every file the wheelhouse should hold, written atomically. It documents the wheelhouse for
 * people and tools; wheelhouse itself never trusts it for a restored cache: `verifyWheelhouse`
 * hashes the bytes on disk against the resolution, which is what keeps a poisoned cache entry
 * (wrong bytes under a wheel's name, extra files) away from `pip install`.
 */
const MANIFEST_FILENAME = 'wheelhouse-manifest.json';
const MANIFEST_VERSION = 1;
class ManifestError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'ManifestError';
}
function manifestFor(resolution) {
    const files = {};
    const sorted = [...resolution.packages].sort((a, b) => (a.file.filename < b.file.filename ? -1 : 1));
    for (const { file } of sorted) {
        files[file.filename] =
            file.size === undefined ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
    }
    return { version: MANIFEST_VERSION, files };
}
async function writeManifest(dir, manifest) {
    const path = (0,external_node_path_.join)(dir, MANIFEST_FILENAME);
    await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return path;
}
async function readManifest(dir) {
    const path = join(dir, MANIFEST_FILENAME);
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new ManifestError(`${path} is not JSON: ${error.message}`);
    }
    const m = data;
    if (m.version !== MANIFEST_VERSION || typeof m.files !== 'object' || m.files === null) {
        throw new ManifestError(`${path} is not a version ${MANIFEST_VERSION} wheelhouse manifest`);
    }
    return m;
}
/**
 * Check a (restored) wheelhouse against the resolution: hash every file named by the resolution
 * (streaming), delete the ones whose sha256 differs, delete every other regular file except the
 * manifest and the names in `keep` ("prune"), and report what is missing. Subdirectories are left
 * alone.
 */
async function verifyWheelhouse(dir, resolution, options) {
    const wanted = new Map();
    for (const pkg of resolution.packages)
        wanted.set(pkg.file.filename, pkg.file);
    const result = { valid: [], missing: [], removed: [] };
    let names = [];
    try {
        names = (await (0,promises_.readdir)(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    const present = new Set(names);
    for (const name of names) {
        if (name === MANIFEST_FILENAME || wanted.has(name) || options.keep?.includes(name))
            continue;
        await (0,promises_.rm)((0,external_node_path_.join)(dir, name), { force: true });
        result.removed.push({ filename: name, reason: 'not-in-resolution' });
        options.logger.debug(`pruned ${name} from the wheelhouse: not in the resolution`);
    }
    const toHash = [...wanted.values()].filter((f) => present.has(f.filename));
    for (const f of wanted.values())
        if (!present.has(f.filename))
            result.missing.push(f);
    let next = 0;
    const worker = async () => {
        while (next < toHash.length) {
            const file = toHash[next++];
            const path = (0,external_node_path_.join)(dir, file.filename);
            const actual = await fileSha256(path).catch(() => undefined);
            if (actual && actual.sha256 === file.sha256.toLowerCase()) {
                result.valid.push(file);
                continue;
            }
            await (0,promises_.rm)(path, { force: true });
            result.removed.push({ filename: file.filename, reason: 'hash-mismatch' });
            result.missing.push(file);
            options.logger.warn(`removed ${file.filename} from the wheelhouse: sha256 ${actual?.sha256 ?? '(unreadable)'} does not match the resolution's ${file.sha256}`);
        }
    };
    const workers = Math.max(1, Math.min(options.concurrency ?? 4, toHash.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return result;
}

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
    const fail = (message) => new DownloadError(`${file.filename} from ${file.redactedUrl}: ${message}`, file.filename, file.redactedUrl);
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
                });
            }
            catch (error) {
                if (options.signal?.aborted)
                    throw error;
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
                        throw new HashMismatchError(file.filename, file.redactedUrl, expected, `(more than ${file.size} bytes)`);
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
                if (error instanceof DownloadError || options.signal?.aborted)
                    throw error;
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
            throw new HashMismatchError(file.filename, file.redactedUrl, expected, actual);
        // Windows: a scanner opening the fresh file, or a read-only wheel being replaced, makes a
        // plain rename fail with EPERM/EBUSY (rename-retry.ts).
        await renameWithRetry(tmp, final);
        return result;
    }
    catch (error) {
        await handle?.close().catch(() => { });
        await (0,promises_.rm)(tmp, { force: true });
        options.onBytes?.(-received);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/download/download-all.ts







/**
 * Bring every file of a resolution into `dest`, doing as little network work as possible:
 *   1. a file already in `dest` with the right sha256 is skipped;
 *   2. a whole file fetched earlier (e.g. by the resolver when it had to download a wheel for its
 *      METADATA), offered by `reuse`, is verified and hard-linked or copied in;
 *   3. everything else is fetched (see fetch-file.ts) with at most `concurrency` transfers at once.
 * Memory stays bounded: every byte is streamed from socket to disk; nothing buffers a whole file.
 */
/**
 * Default parallel transfers: 8. Downloads are network-bound, not CPU-bound, so the 2–4 cores of a
 * CI runner do not limit them; one connection to a CDN reaches a few tens of MB/s, so 8 connections
 * fill the ~1–2.5 Gbit/s links of hosted runners, while staying well under the per-host connection
 * limits of PyPI-like CDNs and private indexes (pip itself downloads one file at a time).
 */
const DEFAULT_DOWNLOAD_CONCURRENCY = 8;
async function hashMatches(path, sha256) {
    try {
        const actual = await fileSha256(path);
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
    const failures = [];
    const one = async (file) => {
        const final = (0,external_node_path_.join)(options.dest, file.filename);
        const existing = await hashMatches(final, file.sha256);
        if (existing !== undefined) {
            summary.skipped++;
            summary.files.push({ filename: file.filename, path: final, outcome: 'skipped', size: existing });
            progress.bytesDone += existing;
            return;
        }
        const earlier = options.reuse?.(file);
        if (earlier !== undefined) {
            const size = await hashMatches(earlier, file.sha256);
            if (size !== undefined) {
                const tmp = (0,external_node_path_.join)(options.dest, tempNameFor(file.filename));
                try {
                    await copyOrLink(earlier, tmp);
                    // Re-check the placed bytes: a concurrent writer of `earlier` must not slip through.
                    if ((await hashMatches(tmp, file.sha256)) === undefined)
                        throw new Error('changed while copying');
                    await renameWithRetry(tmp, final); // Windows: see rename-retry.ts
                    summary.reused++;
                    summary.files.push({ filename: file.filename, path: final, outcome: 'reused', size });
                    progress.bytesDone += size;
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
        summary.downloaded++;
        summary.downloadedBytes += size;
        summary.resumes += fetched.resumes;
        summary.files.push({ filename: file.filename, path: final, outcome: 'downloaded', size });
        options.logger.debug(`downloaded ${file.filename} (${size} bytes)`);
    };
    let next = 0;
    const worker = async () => {
        // Stop taking new files after the first failure; transfers in flight finish.
        while (next < files.length && failures.length === 0) {
            const file = files[next++];
            try {
                await one(file);
            }
            catch (error) {
                failures.push(error instanceof DownloadError
                    ? error
                    : new DownloadError(`${file.filename} from ${file.redactedUrl}: ${error.message}`, file.filename, file.redactedUrl));
            }
            progress.filesDone++;
            report();
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, files.length)) }, worker));
    if (failures.length > 0)
        throw new DownloadFailures(failures);
    return summary;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
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

;// CONCATENATED MODULE: ./src/index/netrc.ts
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
    const home = env.HOME ?? (0,external_node_os_.homedir)();
    return [(0,external_node_path_.join)(home, '.netrc'), (0,external_node_path_.join)(home, '_netrc')];
}
/**
 * Parses the first of `paths` that exists. A later candidate is tried only when an earlier one is
 * missing; an existing file that cannot be read ends the search (no credentials), as requests.
 */
async function loadNetrc(paths) {
    for (const path of paths) {
        try {
            return parseNetrc(await (0,promises_.readFile)(path, 'utf8'));
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

;// CONCATENATED MODULE: ./src/index/credentials.ts
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
function fromEnv(env, prefix, source) {
    const username = env[`${prefix}_USERNAME`];
    const password = env[`${prefix}_PASSWORD`];
    if (username === undefined && password === undefined)
        return undefined;
    return { username: username ?? '', password: password ?? '', source };
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
                const c = fromEnv(sources.env, `WHEELHOUSE_INDEX_${envKey(idx.name)}`, 'index-env');
                if (c)
                    return c;
            }
        }
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.port) {
        const c = fromEnv(sources.env, `WHEELHOUSE_HTTP_${envKey(host)}_${url.port}`, 'host-env');
        if (c)
            return c;
    }
    const hostOnly = fromEnv(sources.env, `WHEELHOUSE_HTTP_${envKey(host)}`, 'host-env');
    if (hostOnly)
        return hostOnly;
    const n = netrcLookup(sources.netrc, host);
    if (n && (n.login !== undefined || n.password !== undefined)) {
        return { username: n.login ?? '', password: n.password ?? '', source: 'netrc' };
    }
    return undefined;
}

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

;// CONCATENATED MODULE: ./src/index/retry.ts
/**
 * Retry policy of the HTTP client: which failures are retried (connection errors, 408, 429, 5xx
 * except 501 "not implemented", which is a capability answer, e.g. refused suffix ranges),
 * exponential backoff with full jitter, and `Retry-After` (RFC 9110 §10.2.3: delay-seconds or
 * an HTTP-date), capped so a hostile or confused server cannot stall a run.
 */
const DEFAULT_RETRY_POLICY = {
    retries: 4,
    backoffBaseMs: 250,
    backoffMaxMs: 10_000,
    retryAfterMaxMs: 60_000,
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

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/index/dist-link.ts
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
/** `#name=hex[&name=hex…]` fragment hashes (names and digests lower case). */
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
 * The link resolution of one page (`base` and the page URL fixed, the page URL parsed once): a
 * large page lists thousands of files.
 */
function linkResolver(base, pageUrl) {
    const page = new URL(pageUrl);
    const pageAuth = page.username !== '' || page.password !== '';
    return (href) => {
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
        const redactedUrl = u.username || u.password || u.search !== '' ? redactUrl(url) : url;
        return { url, redactedUrl, filename, hashes };
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

;// CONCATENATED MODULE: ./src/index/json-page.ts




const JSON_PAGE_TYPE = 'application/vnd.pypi.simple.v1+json';
/** Highest minor API version this parser knows (PEP 700 is 1.1). */
const KNOWN_MINOR = 1;
function checkApiVersion(meta, source, logger) {
    const version = meta?.['api-version'];
    if (typeof version !== 'string')
        throw new ProjectPageError(source, 'meta.api-version is missing');
    const m = /^(\d+)\.(\d+)$/.exec(version);
    if (!m)
        throw new ProjectPageError(source, `meta.api-version ${JSON.stringify(version)} is not "<major>.<minor>"`);
    if (m[1] !== '1')
        throw new ProjectPageError(source, `unsupported api-version ${version} (major must be 1)`);
    if (Number(m[2]) > KNOWN_MINOR)
        logger?.warn(`${source} uses api-version ${version}, newer than 1.${KNOWN_MINOR}`);
}
function parseJsonProjectPage(text, pageUrl, project, logger) {
    const source = redactUrl(pageUrl);
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new ProjectPageError(source, `invalid JSON: ${e.message}`);
    }
    if (!doc || typeof doc !== 'object')
        throw new ProjectPageError(source, 'the document is not an object');
    const d = doc;
    checkApiVersion(d.meta, source, logger);
    if (typeof d.name === 'string' && names_normalizeName(d.name) !== project) {
        throw new ProjectPageError(source, `page is for ${JSON.stringify(d.name)}, not ${JSON.stringify(project)}`);
    }
    if (!Array.isArray(d.files))
        throw new ProjectPageError(source, '"files" is not a list');
    const files = [];
    const resolveLink = linkResolver(pageUrl, pageUrl);
    d.files.forEach((raw, i) => {
        if (!raw || typeof raw !== 'object')
            throw new ProjectPageError(source, `files[${i}] is not an object`);
        const f = raw;
        if (typeof f.url !== 'string' || typeof f.filename !== 'string') {
            throw new ProjectPageError(source, `files[${i}] lacks a string "url" or "filename"`);
        }
        const link = resolveLink(f.url);
        if (!link)
            throw new ProjectPageError(source, `files[${i}].url ${JSON.stringify(redactUrl(f.url))} is unusable`);
        // PEP 714: prefer core-metadata, fall back to the legacy key.
        const core = 'core-metadata' in f
            ? parseMetadataJson(f['core-metadata'])
            : parseMetadataJson(f['dist-info-metadata']);
        const rp = f['requires-python'];
        const yanked = f.yanked;
        const size = f.size;
        const file = {
            project,
            filename: f.filename,
            url: link.url,
            redactedUrl: link.redactedUrl,
            hashes: { ...link.hashes, ...normalizeHashes(f.hashes) },
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
    return { project, files, source };
}

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
        return JSON_PAGE_TYPE;
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

;// CONCATENATED MODULE: ./src/index/http-response.ts



/**
 * At most this many unread bytes of a keep-alive response are read and dropped by `discard()` to
 * keep its connection; a longer rest is cheaper to abort (the connection closes).
 */
const DISCARD_DRAIN_LIMIT = 128 * 1024;
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
    const toNetworkError = (e) => e instanceof NetworkError
        ? e
        : new NetworkError(ctx.method, ctx.redactedUrl, redactText(`body: ${e?.message ?? String(e)}`), code(e));
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
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = await queue.read();
            if (chunk === null)
                break;
            chunks.push(chunk);
            total += chunk.length;
        }
        const expected = headers['content-length'];
        if (ctx.method !== 'HEAD' && expected !== undefined && Number(expected) !== total) {
            throw new NetworkError(ctx.method, ctx.redactedUrl, `body cut short: ${total} of ${expected} bytes`, 'ESHORTBODY');
        }
        return new Uint8Array(Buffer.concat(chunks, total));
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
                const retryable = isRetryableError(err.code) ||
                    err.code === 'ESHORTBODY' ||
                    err.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
                if (!ctx.refetch || !retryable)
                    throw err;
                let last = err;
                for (let attempt = 0; attempt < ctx.retries; attempt++) {
                    const delay = retryDelayMs(ctx.policy, attempt, undefined);
                    ctx.logger.info(`retrying ${ctx.method} ${ctx.redactedUrl} in ${delay} ms after ${last.reason}`);
                    await new Promise((r) => setTimeout(r, delay));
                    try {
                        const again = await ctx.refetch();
                        if (again.status !== data.status) {
                            await again.discard();
                            throw new NetworkError(ctx.method, ctx.redactedUrl, `status changed to ${again.status} on retry`);
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
    constructor(options) {
        this.options = options;
        this.highWaterMark = options.highWaterMark ?? DEFAULT_BODY_HIGH_WATER_MARK;
    }
    /** True when the parser may be paused (a proven keep-alive response, see undici-dispatch.ts). */
    get canPause() {
        return this.options.canPause;
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
        const settle = () => {
            if (settled)
                return;
            settled = true;
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
        const handler = {
            onRequestStart(c) {
                controller = c;
                if (signal?.aborted)
                    onAbort();
            },
            onResponseStart(c, status, headers) {
                // 1xx responses are informational; the final response follows on the same exchange.
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
            },
            onResponseData(c, chunk) {
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
                response?.body.end();
                settle();
            },
            onResponseError(_c, error) {
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

;// CONCATENATED MODULE: ./src/index/http.ts
/**
 * The HttpClient (http-client.ts) over undici: one keep-alive Pool per origin (an undici Agent),
 * at most `maxConnectionsPerHost` requests per host in flight (HostLimiter: a permit is held from
 * sending until the exchange ends: body received in full, failed, aborted or discarded; bodies
 * are buffered, so that can be before the caller reads them), connect/headers/body timeouts, retries
 * (retry.ts) on connection errors, 408, 429 and 5xx honouring `Retry-After`, redirects followed
 * (301/302/303/307/308, at most 10; URL userinfo is kept only while the origin stays the same),
 * proxies from the environment (proxy.ts; `http:` targets go through the proxy in absolute form
 * unless `proxyTunnel`, `https:` targets always through CONNECT), credentials (credentials.ts) as
 * a Basic `Authorization` header, and `file:` URLs from disk (file-fetch.ts).
 * Requests go through undici's `dispatch` with our own handler (undici-dispatch.ts), never
 * `dispatcher.request()`: that one pauses the HTTP/1 parser under backpressure, and undici 7 crashes
 * the process when a paused parser sees the server close the socket (nodejs/undici#5360). Bodies
 * are buffered in a BodyQueue (body-queue.ts): bounded memory, spilled to a temporary file when
 * pausing is not safe. Every response must be consumed or discarded: an unread body holds its host
 * permit (keep-alive responses) or its buffered bytes and spill file (others) until then.
 * Only redacted URLs (redact.ts) reach the logger and error messages.
 */











const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_USER_AGENT = 'wheelhouse (+https://github.com/)';
function errorCode(e) {
    const err = e;
    if (typeof err?.code === 'string')
        return err.code;
    if (typeof err?.cause?.code === 'string')
        return err.cause.code;
    return undefined;
}
function errorReason(e) {
    const err = e;
    const msg = typeof err?.message === 'string' ? err.message : String(e);
    const cause = typeof err?.cause?.message === 'string' && err.cause.message !== msg ? ` (${err.cause.message})` : '';
    return redactText(`${msg}${cause}`);
}
function http_sleep(ms, signal) {
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
    agentOptions;
    constructor(options) {
        this.options = options;
        this.logger = options.logger;
        const perHost = options.maxConnectionsPerHost ?? 16;
        this.limiter = new HostLimiter(perHost);
        this.agentOptions = {
            connections: perHost,
            keepAliveTimeout: 10_000,
            connect: { timeout: options.connectTimeoutMs ?? 15_000 },
            headersTimeout: options.headersTimeoutMs ?? 60_000,
            bodyTimeout: options.bodyTimeoutMs ?? 60_000,
        };
        this.direct = new undici/* Agent */.g6(this.agentOptions);
        this.env = options.env ?? process.env;
        this.proxies = proxyEnvFrom(this.env);
        this.policy = {
            retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
            backoffBaseMs: options.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
            backoffMaxMs: options.backoffMaxMs ?? DEFAULT_RETRY_POLICY.backoffMaxMs,
            retryAfterMaxMs: options.retryAfterMaxMs ?? DEFAULT_RETRY_POLICY.retryAfterMaxMs,
        };
        // Read lazily once; a missing netrc is no credentials.
        this.netrc = loadNetrc(netrcPathsFrom(this.env, options.netrcPath));
    }
    dispatcherFor(url) {
        const proxy = proxyFor(url, this.proxies);
        if (!proxy)
            return this.direct;
        const tunnel = url.protocol === 'https:' || this.options.proxyTunnel === true;
        const key = `${tunnel ? 'tunnel' : 'forward'} ${proxy}`;
        let agent = this.proxyAgents.get(key);
        if (!agent) {
            this.logger.debug(`using proxy ${redactUrl(proxy)} for ${url.protocol} (${tunnel ? 'CONNECT' : 'forward'})`);
            agent = new undici/* ProxyAgent */.kT({ ...this.agentOptions, uri: proxy, proxyTunnel: tunnel });
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
            throw new NetworkError(method, redactUrl(url), 'invalid URL');
        }
        const maxRedirects = this.options.maxRedirects ?? 10;
        let currentMethod = method;
        for (let redirects = 0;; redirects++) {
            if (current.protocol === 'file:') {
                return fetchFileUrl(current, currentMethod, options.headers ?? {});
            }
            if (current.protocol !== 'http:' && current.protocol !== 'https:') {
                throw new NetworkError(method, redactUrl(current), `unsupported URL scheme ${current.protocol}`);
            }
            const res = await this.attempt(current, currentMethod, options);
            const location = res.headers.location;
            if (!REDIRECTS.has(res.status) || location === undefined)
                return res;
            await res.discard();
            if (redirects >= maxRedirects) {
                throw new NetworkError(method, redactUrl(url), `more than ${maxRedirects} redirects`);
            }
            let next;
            try {
                next = new URL(location, current);
            }
            catch {
                throw new NetworkError(method, redactUrl(current), `bad redirect location ${redactText(location)}`);
            }
            if (next.protocol !== 'http:' && next.protocol !== 'https:') {
                throw new NetworkError(method, redactUrl(current), `redirect to unsupported scheme ${next.protocol}`);
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
            if (res.status === 303)
                currentMethod = 'GET';
            this.logger.debug(`${method} ${redactUrl(current)} redirected (${res.status}) to ${redactUrl(next)}`);
            current = next;
        }
    }
    /** One logical request with retries; the returned response holds a host permit until consumed. */
    async attempt(url, method, options) {
        const redacted = redactUrl(url);
        const retries = options.retry === false ? 0 : this.policy.retries;
        const credentials = findCredentials(url, {
            env: this.env,
            netrc: await this.netrc,
            namedIndexes: this.options.namedIndexes,
        });
        const headers = { 'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT };
        for (const [k, v] of Object.entries(options.headers ?? {}))
            headers[k.toLowerCase()] = v;
        if (credentials && headers.authorization === undefined) {
            headers.authorization = basicAuthHeader(credentials);
        }
        const dispatcher = this.dispatcherFor(url);
        const path = `${url.pathname}${url.search}`;
        for (let attempt = 0;; attempt++) {
            const release = await this.limiter.acquire(url.host);
            let data;
            try {
                data = await dispatchRequest(dispatcher, {
                    origin: url.origin,
                    path,
                    method,
                    headers,
                    ...(options.signal ? { signal: options.signal } : {}),
                }, {
                    ...(this.options.bodyHighWaterMark !== undefined
                        ? { highWaterMark: this.options.bodyHighWaterMark }
                        : {}),
                    ...(this.options.spillDir !== undefined ? { spillDir: this.options.spillDir } : {}),
                });
            }
            catch (e) {
                release();
                const code = errorCode(e);
                if (options.signal?.aborted)
                    throw new NetworkError(method, redacted, 'aborted', code);
                if (attempt < retries && isRetryableError(code)) {
                    const delay = retryDelayMs(this.policy, attempt, undefined);
                    this.logger.info(`retrying ${method} ${redacted} in ${delay} ms after ${code} (attempt ${attempt + 2}/${retries + 1})`);
                    await http_sleep(delay, options.signal);
                    continue;
                }
                throw new NetworkError(method, redacted, errorReason(e), code);
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
            });
            if (attempt < retries && isRetryableStatus(data.status)) {
                const retryAfter = parseRetryAfter(headerValue(data.headers['retry-after']));
                await response.discard();
                const delay = retryDelayMs(this.policy, attempt, retryAfter);
                this.logger.info(`retrying ${method} ${redacted} in ${delay} ms after HTTP ${data.status} (attempt ${attempt + 2}/${retries + 1})`);
                await http_sleep(delay, options.signal);
                continue;
            }
            this.logger.debug(`${method} ${redacted}${headers.range ? ` [${headers.range}]` : ''} → ${data.status}${credentials ? ` (auth: ${credentials.source})` : ''}`);
            return response;
        }
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

;// CONCATENATED MODULE: ./src/index/html-page.ts



/** Start tags of the given names, in document order. */
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
        const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
        if (!m) {
            i = lt + 1;
            continue;
        }
        const name = (m[1] ?? '').toLowerCase();
        let j = lt + m[0].length;
        const attrs = new Map();
        // Attribute loop (HTML §13.2.5.32 onwards, simplified).
        while (j < n) {
            while (j < n && /[\s/]/.test(html[j] ?? ''))
                j++;
            if (j >= n || html[j] === '>')
                break;
            const start = j;
            while (j < n && !/[\s/>=]/.test(html[j] ?? ''))
                j++;
            const attrName = html.slice(start, j).toLowerCase();
            while (j < n && /\s/.test(html[j] ?? ''))
                j++;
            let value = '';
            if (html[j] === '=') {
                j++;
                while (j < n && /\s/.test(html[j] ?? ''))
                    j++;
                const q = html[j];
                if (q === '"' || q === "'") {
                    const end = html.indexOf(q, j + 1);
                    const stop = end === -1 ? n : end;
                    value = html.slice(j + 1, stop);
                    j = stop + 1;
                }
                else {
                    const vs = j;
                    while (j < n && !/[\s>]/.test(html[j] ?? ''))
                        j++;
                    value = html.slice(vs, j);
                }
            }
            if (attrName !== '' && !attrs.has(attrName))
                attrs.set(attrName, decodeHtmlEntities(value));
            if (attrName === '')
                j++;
        }
        if (names.has(name))
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
    const resolveLink = linkResolver(base, pageUrl);
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
        ? parseMetadataAttribute(l.attrs.get('data-core-metadata'))
        : parseMetadataAttribute(l.attrs.get('data-dist-info-metadata'));
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
    const source = redactUrl(pageUrl);
    const files = parseHtmlLinks(html, pageUrl)
        .filter((l) => accept(l.link.filename))
        .map((l) => distFileFromHtml(l, project, source));
    return { project, files, source };
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
            return parseWheelFilename(filename).name === project;
        if (filename.endsWith('.tar.gz') || filename.endsWith('.zip')) {
            parseSdistFilename(filename, project);
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
function createFindLinks(http, logger, locations, offline = false) {
    const listings = new Map();
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
                const files = entries
                    .filter((e) => e.isFile())
                    .map((e) => e.name)
                    .sort();
                return { kind: 'dir', dir, source: dir, files };
            }
            catch (e) {
                logger.warn(`find-links directory ${dir} is unreadable: ${e.message}`);
                return null;
            }
        }
        const url = loc.url;
        if (offline && !url.startsWith('file:')) {
            logger.debug(`offline: skipping find-links page ${redactUrl(url)}`);
            return null;
        }
        const res = await http.request(url, { headers: { accept: 'text/html' } });
        if (res.status === 404) {
            await res.discard();
            logger.warn(`find-links page ${redactUrl(url)} not found (404)`);
            return null;
        }
        if (res.status !== 200) {
            await res.discard();
            throw new HttpError(res.status, 'GET', redactUrl(res.url));
        }
        const html = new TextDecoder().decode(await res.body());
        // Relative links resolve against the final URL; same-origin links keep the given credentials.
        const base = res.url === url ? url : res.url;
        return { kind: 'page', source: redactUrl(url), links: parseHtmlLinks(html, base) };
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
                    const { sha256, size } = await fileSha256(path);
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

;// CONCATENATED MODULE: ./src/index/project-page-fetch.ts




/** PEP 691 §"Version + Format Selection": JSON first, HTML as fallback, legacy text/html last. */
const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
function isJsonContentType(contentType) {
    const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return t === JSON_PAGE_TYPE || t === 'application/vnd.pypi.simple.latest+json';
}
function parsePage(body, contentType, url, project, logger) {
    return isJsonContentType(contentType)
        ? parseJsonProjectPage(body, url, project, logger)
        : parseHtmlProjectPage(body, url, project);
}
/** The project page at `pageUrl`, or null when the index does not have the project. */
async function fetchProjectPage(ctx, pageUrl, project) {
    const redacted = redactUrl(pageUrl);
    const cached = await ctx.pageCache?.get(pageUrl);
    // Relative links resolve against the final URL; keep the credentials of the request URL.
    const withAuth = (finalRedacted) => {
        if (finalRedacted === redacted)
            return pageUrl;
        const f = new URL(finalRedacted);
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
    const headers = { accept: SIMPLE_ACCEPT };
    if (cached?.etag)
        headers['if-none-match'] = cached.etag;
    if (cached?.lastModified)
        headers['if-modified-since'] = cached.lastModified;
    const res = await ctx.http.request(pageUrl, { headers });
    if (res.status === 304 && cached) {
        await res.discard();
        ctx.logger.debug(`page ${redacted} not modified (cached)`);
        return parsePage(cached.body, cached.contentType, withAuth(cached.url), project, ctx.logger);
    }
    if (res.status === 404 || res.status === 410) {
        await res.discard();
        return null;
    }
    if (res.status !== 200) {
        await res.discard();
        throw new HttpError(res.status, 'GET', redactUrl(res.url));
    }
    const body = new TextDecoder().decode(await res.body());
    const contentType = res.headers['content-type'] ?? 'text/html';
    const page = parsePage(body, contentType, res.url, project, ctx.logger);
    const etag = res.headers.etag;
    const lastModified = res.headers['last-modified'];
    if (ctx.pageCache && (etag || lastModified)) {
        await ctx.pageCache
            .put(pageUrl, { url: redactUrl(res.url), etag, lastModified, contentType, body, storedAt: Date.now() })
            .catch((e) => ctx.logger.warn(`could not cache page ${redacted}: ${e.message}`));
    }
    return page;
}

;// CONCATENATED MODULE: ./src/index/index-client.ts



/** `<index>/<name>/` (PEP 503: the project URL is the base URL plus the normalized name). */
function projectPageUrl(indexUrl, name) {
    const base = indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`;
    return new URL(`${encodeURIComponent(name)}/`, base).href;
}
function createIndexClient(options) {
    const { http, logger, indexUrls, strategy } = options;
    const ctx = { http, logger, pageCache: options.pageCache, offline: options.offline };
    const findLinks = createFindLinks(http, logger, options.findLinks, options.offline === true);
    const inFlight = new Map();
    async function fromIndexes(name) {
        if (strategy === 'first-index') {
            for (const index of indexUrls) {
                const page = await fetchProjectPage(ctx, projectPageUrl(index, name), name);
                if (page) {
                    logger.debug(`${name}: taken from ${redactUrl(index)} (first-index)`);
                    return [page];
                }
            }
            return [];
        }
        const pages = await Promise.all(indexUrls.map((i) => fetchProjectPage(ctx, projectPageUrl(i, name), name)));
        return pages.filter((p) => p !== null);
    }
    async function lookup(name) {
        const [pages, links] = await Promise.all([fromIndexes(name), findLinks.filesFor(name)]);
        if (pages.length === 0 && links.length === 0)
            return null;
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
        getProject(name) {
            let p = inFlight.get(name);
            if (!p) {
                p = lookup(name);
                inFlight.set(name, p);
                // A failed lookup may be retried by a later call.
                p.catch(() => inFlight.delete(name));
            }
            return p;
        },
    };
}

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
    else if (!isValidName(m.name)) {
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
        if (isValidName(extra))
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
function metadata_headerValue(h) {
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
        values.push(metadata_headerValue(h));
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
        normalizedName: names_normalizeName(name),
        version: one('version') ?? '',
        requiresDist: all('requires-dist'),
        providesExtra: [...new Set(all('provides-extra').map(names_normalizeName))],
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

;// CONCATENATED MODULE: ./src/index/capability-memo.ts
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
            return CapabilityMemo.fromJSON(JSON.parse(await (0,promises_.readFile)(path, 'utf8')));
        }
        catch {
            return new CapabilityMemo();
        }
    }
    /** Writes the memo atomically (temporary sibling + rename). */
    async save(path) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        await writeFileAtomic(path, JSON.stringify(this.toJSON(), null, 2) + '\n');
    }
}

;// CONCATENATED MODULE: ./src/index/metadata-identity.ts
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
    return metadataIdentity(parseMetadata(bytes).metadata);
}
/** Throws MetadataMismatchError unless the metadata names `name` and `version`. */
function checkMetadataIdentity(metadata, name, version, url) {
    const identity = metadataIdentity(metadata);
    if (identity.name === undefined || names_normalizeName(identity.name) !== names_normalizeName(name)) {
        throw new MetadataMismatchError(url, 'Name', name, identity.name);
    }
    if (identity.version === undefined || !sameVersion(identity.version, version)) {
        throw new MetadataMismatchError(url, 'Version', version, identity.version);
    }
    return identity;
}
function sameVersion(a, b) {
    const va = standards_version/* Version */.Rx.tryParse(a);
    const vb = standards_version/* Version */.Rx.tryParse(b);
    if (va !== null && vb !== null)
        return va.equals(vb);
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}
/** Metadata-Version as [major, minor], or undefined when unparseable. */
function metadataVersionParts(value) {
    const m = /^\s*(\d+)\.(\d+)\s*$/.exec(value ?? '');
    return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

;// CONCATENATED MODULE: ./src/index/lazy-wheel.ts


/** Range reads cannot be used for this file; download it instead. */
class RangeUnsupportedError extends Error {
    url;
    reason;
    hostWide;
    response;
    constructor(
    /** Redacted URL. */
    url, reason, 
    /** True when the host as a whole was found unable (recorded in the memo). */
    hostWide, 
    /** A 200 response carrying the whole file, not yet consumed: stream it or discard it. */
    response) {
        super(`${url}: byte ranges unusable: ${reason}`);
        this.url = url;
        this.reason = reason;
        this.hostWide = hostWide;
        this.response = response;
        this.name = 'RangeUnsupportedError';
    }
}
/** `bytes <first>-<last>/<complete-length|*>` (RFC 9110 §14.4). */
function parseContentRange(value) {
    if (value === undefined)
        return undefined;
    const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
    if (m === null)
        return undefined;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (end < start)
        return undefined;
    return m[3] === '*' ? { start, end } : { start, end, total: Number(m[3]) };
}
/** Statuses that mean "this file is not there / not yours", not "this host cannot do ranges". */
const NOT_A_RANGE_PROBLEM = new Set([401, 403, 404, 410]);
class HttpRangeSource {
    options;
    /** Requests sent and body bytes received through this source. */
    requests = 0;
    bytes = 0;
    host;
    constructor(options) {
        this.options = options;
        this.host = CapabilityMemo.hostOf(options.url);
    }
    async readTail(length) {
        const cap = this.options.memo.get(this.host);
        if (cap.ranges === false) {
            throw new RangeUnsupportedError(this.options.redactedUrl, `host does not serve byte ranges (${cap.reason ?? 'remembered'})`, true);
        }
        let size = this.options.size;
        if (size === undefined && cap.suffix !== false) {
            const suffix = await this.trySuffix(length);
            if (suffix !== undefined)
                return suffix;
        }
        if (size === undefined)
            size = await this.discoverSize();
        if (size === 0)
            return { bytes: new Uint8Array(0), size: 0 };
        const start = Math.max(0, size - length);
        return { bytes: await this.read(start, size, size), size };
    }
    /** Bytes [start, end) with one positive range request, checked against what was asked. */
    async read(start, end, expectedTotal = this.options.size) {
        const asked = `bytes=${start}-${end - 1}`;
        const res = await this.send('GET', asked);
        if (res.status === 206) {
            const cr = parseContentRange(res.headers['content-range']);
            if (cr !== undefined &&
                cr.start === start &&
                cr.total !== undefined &&
                cr.end === cr.total - 1 &&
                cr.end < end - 1 &&
                cr.total !== expectedTotal) {
                // Clamped at the real end of a file shorter than the index says: this file's problem.
                await res.discard();
                throw new RangeUnsupportedError(this.options.redactedUrl, `the server says the file has ${cr.total} bytes, the index says ${expectedTotal ?? 'more'}`, false);
            }
            if (cr === undefined || cr.start !== start || cr.end !== end - 1) {
                await res.discard();
                throw this.hostCannot(`answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`);
            }
            if (cr.total !== undefined && expectedTotal !== undefined && cr.total !== expectedTotal) {
                await res.discard();
                throw new RangeUnsupportedError(this.options.redactedUrl, `the server says the file has ${cr.total} bytes, the index says ${expectedTotal}`, false);
            }
            return this.checkedBody(res, end - start, asked);
        }
        return this.notPartial(res, asked);
    }
    async trySuffix(length) {
        const asked = `bytes=-${length}`;
        const res = await this.send('GET', asked);
        if (res.status === 206) {
            const cr = parseContentRange(res.headers['content-range']);
            const ok = cr !== undefined &&
                cr.total !== undefined &&
                cr.end === cr.total - 1 &&
                cr.start === Math.max(0, cr.total - length);
            if (!ok) {
                await res.discard();
                throw this.hostCannot(`answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`);
            }
            const bytes = await this.checkedBody(res, cr.end - cr.start + 1, asked);
            return { bytes, size: cr.total };
        }
        if (res.status === 200 || NOT_A_RANGE_PROBLEM.has(res.status))
            return this.notPartial(res, asked);
        // 501 (the public CDN), 405, 400, 416 (a suffix range is satisfiable for any non-empty file)…
        await res.discard();
        this.options.memo.record(this.host, { suffix: false }, `HTTP ${res.status} to a suffix range`);
        this.options.logger.debug(`${this.host} refuses suffix ranges (HTTP ${res.status}); using HEAD + positive ranges there`);
        return undefined;
    }
    async discoverSize() {
        if (this.options.memo.get(this.host).head !== false) {
            const res = await this.send('HEAD');
            await res.discard();
            const length = Number(res.headers['content-length']);
            if (res.status === 200 && res.headers['content-length'] !== undefined && Number.isSafeInteger(length)) {
                return length;
            }
            if (NOT_A_RANGE_PROBLEM.has(res.status))
                throw this.httpError(res.status, 'HEAD');
            this.options.memo.record(this.host, { head: false }, `HTTP ${res.status} to HEAD`);
        }
        // No HEAD: one byte tells the size through Content-Range.
        const asked = 'bytes=0-0';
        const res = await this.send('GET', asked);
        if (res.status === 206) {
            const cr = parseContentRange(res.headers['content-range']);
            if (cr === undefined || cr.total === undefined || cr.start !== 0 || cr.end !== 0) {
                await res.discard();
                throw this.hostCannot(`answered ${asked} with Content-Range ${JSON.stringify(res.headers['content-range'] ?? null)}`);
            }
            await this.checkedBody(res, 1, asked);
            return cr.total;
        }
        return this.notPartial(res, asked);
    }
    /** Handles any non-206 answer to a range request; always throws. */
    async notPartial(res, asked) {
        if (res.status === 200) {
            this.options.memo.record(this.host, { ranges: false }, 'ignores Range (200 with the whole body)');
            this.options.logger.debug(`${this.host} ignores Range; downloading whole files there`);
            throw new RangeUnsupportedError(this.options.redactedUrl, `answered ${asked} with the whole file (200)`, true, res);
        }
        await res.discard();
        if (NOT_A_RANGE_PROBLEM.has(res.status))
            throw this.httpError(res.status, 'GET');
        if (res.status === 416) {
            throw new RangeUnsupportedError(this.options.redactedUrl, `HTTP 416 for ${asked} (${res.headers['content-range'] ?? 'no Content-Range'}); the file is not the size the index says`, false);
        }
        throw this.hostCannot(`answered ${asked} with HTTP ${res.status}`);
    }
    async checkedBody(res, expected, asked) {
        const body = await res.body();
        this.bytes += body.length;
        if (body.length !== expected)
            throw this.hostCannot(`sent ${body.length} bytes for ${asked}`);
        return body;
    }
    hostCannot(reason) {
        this.options.memo.record(this.host, { ranges: false }, reason);
        this.options.logger.debug(`${this.host} ${reason}; downloading whole files there`);
        return new RangeUnsupportedError(this.options.redactedUrl, reason, true);
    }
    httpError(status, method) {
        return new HttpError(status, method, this.options.redactedUrl);
    }
    async send(method, range) {
        this.requests += 1;
        // Identity encoding: byte offsets must be offsets into the file, not into a compressed body.
        const headers = { 'accept-encoding': 'identity' };
        if (range !== undefined)
            headers.range = range;
        return this.options.http.request(this.options.url, { method, headers });
    }
}

// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(1306);
;// CONCATENATED MODULE: ./src/index/crc32.ts
/**
 * CRC-32 as ZIP uses it (PKWARE APPNOTE.TXT 4.4.7: the ISO 3309 / ITU-T V.42 polynomial
 * 0xEDB88320 in reflected form, initial value and final xor 0xFFFFFFFF). Incremental so a
 * streamed inflate can feed it chunk by chunk.
 */
const TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
/** Continue a CRC-32 over `bytes`; start with `crc32Update(0, first)`. */
function crc32Update(crc, bytes) {
    let c = (crc ^ 0xffffffff) >>> 0;
    for (let i = 0; i < bytes.length; i++)
        c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
function crc32(bytes) {
    return crc32Update(0, bytes);
}

;// CONCATENATED MODULE: ./src/index/zip-directory.ts
/**
 * Pure parsing of the ZIP structures a lazy wheel reader needs — PKWARE APPNOTE.TXT 6.3.x:
 * 4.3.16 end of central directory record (EOCD), 4.3.15 ZIP64 EOCD locator, 4.3.14 ZIP64 EOCD
 * record, 4.3.12 central directory file header, 4.5.3 ZIP64 extended information extra field,
 * 4.3.7 local file header. Byte offsets are absolute file offsets; callers hand in the bytes of a
 * window together with the window's file offset.
 * Not supported: multi-disk (spanned) archives, encrypted entries and compression methods other
 * than 0 (stored) and 8 (deflate) are rejected; the ZIP64 extensible data sector is ignored.
 */
class ZipFormatError extends Error {
    source;
    constructor(message, 
    /** What was being read (a redacted URL or a file name). */
    source) {
        super(`${source}: ${message}`);
        this.source = source;
        this.name = 'ZipFormatError';
    }
}
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const LOCAL_HEADER_SIZE = 30;
/** EOCD plus the longest possible archive comment: where an EOCD search must look. */
const MAX_EOCD_SEARCH = EOCD_SIZE + 0xffff;
function view(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function u64(dv, at, source, what) {
    const value = dv.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new ZipFormatError(`${what} ${value} is beyond what this reader supports`, source);
    }
    return Number(value);
}
/**
 * Finds the EOCD record in `window`, which must reach the end of a file of `fileSize` bytes.
 * The EOCD is accepted only where its comment length makes it end exactly at the end of the file
 * (4.3.16: the comment is the last thing in the archive), which rejects signature bytes that
 * happen to occur inside a comment or member data. Returns `undefined` when the window does not
 * contain it (the caller may widen the window up to MAX_EOCD_SEARCH bytes).
 */
function findEocd(window, fileSize, source) {
    const { bytes, offset } = window;
    if (offset + bytes.length !== fileSize) {
        throw new ZipFormatError(`internal: EOCD window does not reach the end of the file`, source);
    }
    const dv = view(bytes);
    const lowest = Math.max(0, bytes.length - MAX_EOCD_SEARCH);
    for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
        if (dv.getUint32(i, true) !== EOCD_SIG)
            continue;
        const commentLength = dv.getUint16(i + 20, true);
        if (i + EOCD_SIZE + commentLength !== bytes.length)
            continue;
        return readEocdAt(window, i, source);
    }
    if (offset === 0 || bytes.length >= MAX_EOCD_SEARCH) {
        throw new ZipFormatError(`no end of central directory record in the last ${Math.min(fileSize, MAX_EOCD_SEARCH)} bytes (not a ZIP file, or truncated)`, source);
    }
    return undefined;
}
function readEocdAt(window, at, source) {
    const dv = view(window.bytes);
    const disk = dv.getUint16(at + 4, true);
    const cdDisk = dv.getUint16(at + 6, true);
    const entriesHere = dv.getUint16(at + 8, true);
    const entryCount = dv.getUint16(at + 10, true);
    const size = dv.getUint32(at + 12, true);
    const cdOffset = dv.getUint32(at + 16, true);
    const eocdOffset = window.offset + at;
    const locatorAt = at - ZIP64_LOCATOR_SIZE;
    if (locatorAt < 0 && window.offset > 0)
        return undefined; // cannot tell ZIP64 yet: widen
    const hasLocator = locatorAt >= 0 && dv.getUint32(locatorAt, true) === ZIP64_LOCATOR_SIG;
    const saturated = disk === 0xffff ||
        cdDisk === 0xffff ||
        entriesHere === 0xffff ||
        entryCount === 0xffff ||
        size === 0xffffffff ||
        cdOffset === 0xffffffff;
    if (hasLocator) {
        // 4.3.15: disk with the ZIP64 EOCD record (4), its relative offset (8), total disks (4).
        const recordOffset = u64(dv, locatorAt + 8, source, 'ZIP64 EOCD record offset');
        const totalDisks = dv.getUint32(locatorAt + 16, true);
        if (totalDisks > 1)
            throw new ZipFormatError(`multi-disk archives are not supported`, source);
        if (recordOffset + ZIP64_EOCD_SIZE > window.offset + locatorAt) {
            throw new ZipFormatError(`ZIP64 EOCD locator points past itself (offset ${recordOffset})`, source);
        }
        if (recordOffset >= window.offset &&
            recordOffset + ZIP64_EOCD_SIZE <= window.offset + window.bytes.length) {
            return { kind: 'found', directory: parseZip64Record(window, recordOffset, source) };
        }
        return { kind: 'need-zip64-record', recordOffset };
    }
    if (saturated && (size === 0xffffffff || cdOffset === 0xffffffff)) {
        throw new ZipFormatError(`EOCD fields are saturated (ZIP64) but there is no ZIP64 EOCD locator`, source);
    }
    if (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount) {
        throw new ZipFormatError(`multi-disk archives are not supported`, source);
    }
    if (cdOffset + size > eocdOffset) {
        throw new ZipFormatError(`central directory (offset ${cdOffset}, size ${size}) overlaps the EOCD record at ${eocdOffset}`, source);
    }
    return { kind: 'found', directory: { offset: cdOffset, size, entryCount, end: eocdOffset } };
}
/** 4.3.14: parses the ZIP64 EOCD record at absolute `recordOffset` inside `window`. */
function parseZip64Record(window, recordOffset, source) {
    const at = recordOffset - window.offset;
    if (at < 0 || at + ZIP64_EOCD_SIZE > window.bytes.length) {
        throw new ZipFormatError(`internal: ZIP64 EOCD record at ${recordOffset} is outside the window`, source);
    }
    const dv = view(window.bytes);
    if (dv.getUint32(at, true) !== ZIP64_EOCD_SIG) {
        throw new ZipFormatError(`no ZIP64 EOCD record signature at offset ${recordOffset}`, source);
    }
    const disk = dv.getUint32(at + 16, true);
    const cdDisk = dv.getUint32(at + 20, true);
    if (disk !== 0 || cdDisk !== 0)
        throw new ZipFormatError(`multi-disk archives are not supported`, source);
    const entryCount = u64(dv, at + 32, source, 'entry count');
    const size = u64(dv, at + 40, source, 'central directory size');
    const offset = u64(dv, at + 48, source, 'central directory offset');
    if (offset + size > recordOffset) {
        throw new ZipFormatError(`central directory (offset ${offset}, size ${size}) overlaps the ZIP64 EOCD record at ${recordOffset}`, source);
    }
    return { offset, size, entryCount, end: recordOffset };
}
const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');
/** 4.3.12 + 4.5.3: parses every central directory header in `bytes` (exactly the directory). */
function parseCentralDirectory(bytes, location, source) {
    const dv = view(bytes);
    const entries = [];
    let at = 0;
    while (at < bytes.length) {
        if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL_SIG) {
            throw new ZipFormatError(`bad central directory header at offset ${location.offset + at} (entry ${entries.length + 1})`, source);
        }
        const flags = dv.getUint16(at + 8, true);
        const method = dv.getUint16(at + 10, true);
        const crc = dv.getUint32(at + 16, true);
        let compressedSize = dv.getUint32(at + 20, true);
        let uncompressedSize = dv.getUint32(at + 24, true);
        const nameLength = dv.getUint16(at + 28, true);
        const extraLength = dv.getUint16(at + 30, true);
        const commentLength = dv.getUint16(at + 32, true);
        const diskStart = dv.getUint16(at + 34, true);
        let localHeaderOffset = dv.getUint32(at + 42, true);
        const nameStart = at + 46;
        const extraStart = nameStart + nameLength;
        const next = extraStart + extraLength + commentLength;
        if (next > bytes.length) {
            throw new ZipFormatError(`central directory entry ${entries.length + 1} runs past the directory's end`, source);
        }
        const nameBytes = bytes.subarray(nameStart, extraStart);
        // 4.4.4 bit 11: UTF-8 names; otherwise IBM 437, which agrees with latin1 on ASCII.
        const name = (flags & 0x0800 ? utf8 : latin1).decode(nameBytes);
        // 4.5.3: the ZIP64 extra field holds, in order, only the values saturated in the header.
        for (let x = extraStart; x + 4 <= extraStart + extraLength;) {
            const id = dv.getUint16(x, true);
            const length = dv.getUint16(x + 2, true);
            if (x + 4 + length > extraStart + extraLength) {
                throw new ZipFormatError(`extra field of ${JSON.stringify(name)} runs past its header`, source);
            }
            if (id === 0x0001) {
                let p = x + 4;
                const take = (what) => {
                    if (p + 8 > x + 4 + length) {
                        throw new ZipFormatError(`ZIP64 extra field of ${JSON.stringify(name)} lacks the ${what}`, source);
                    }
                    const v = u64(dv, p, source, what);
                    p += 8;
                    return v;
                };
                if (uncompressedSize === 0xffffffff)
                    uncompressedSize = take('uncompressed size');
                if (compressedSize === 0xffffffff)
                    compressedSize = take('compressed size');
                if (localHeaderOffset === 0xffffffff)
                    localHeaderOffset = take('local header offset');
            }
            x += 4 + length;
        }
        if (diskStart !== 0 && diskStart !== 0xffff) {
            throw new ZipFormatError(`multi-disk archives are not supported`, source);
        }
        if (localHeaderOffset + LOCAL_HEADER_SIZE > location.offset) {
            throw new ZipFormatError(`${JSON.stringify(name)} claims a local header at ${localHeaderOffset}, inside the central directory`, source);
        }
        entries.push({ name, flags, method, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
        at = next;
    }
    if (entries.length !== location.entryCount) {
        throw new ZipFormatError(`central directory holds ${entries.length} entries, the end record says ${location.entryCount}`, source);
    }
    return entries;
}
/**
 * 4.3.7: parses the local file header at absolute `entry.localHeaderOffset` in `window` and
 * returns the absolute offset where the member's data starts. Sizes come from the central
 * directory (the local ones may be zero when a data descriptor follows, 4.4.4 bit 3).
 */
function localDataOffset(window, entry, source) {
    const at = entry.localHeaderOffset - window.offset;
    if (at < 0 || at + LOCAL_HEADER_SIZE > window.bytes.length) {
        throw new ZipFormatError(`internal: local header of ${JSON.stringify(entry.name)} is outside the window`, source);
    }
    const dv = view(window.bytes);
    if (dv.getUint32(at, true) !== LOCAL_SIG) {
        throw new ZipFormatError(`no local file header for ${JSON.stringify(entry.name)} at offset ${entry.localHeaderOffset}`, source);
    }
    const method = dv.getUint16(at + 8, true);
    if (method !== entry.method) {
        throw new ZipFormatError(`${JSON.stringify(entry.name)}: local header says method ${method}, central directory ${entry.method}`, source);
    }
    const nameLength = dv.getUint16(at + 26, true);
    const extraLength = dv.getUint16(at + 28, true);
    return entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
}

;// CONCATENATED MODULE: ./src/index/remote-zip.ts
/**
 * Reading members of a ZIP archive that is only reachable by byte ranges (a remote wheel behind
 * HTTP range requests, or a local file), fetching as few ranges as possible:
 *
 *   1. one read of a fixed tail (`readTail`), which nearly always holds the end of central
 *      directory record, the central directory, and for most wheels `*.dist-info/METADATA` too;
 *   2. when the central directory does not fit in the tail, one read from a little before it
 *      (`directoryLead`, where the dist-info members usually sit) up to the tail;
 *   3. at most one read for the wanted member's local header + data, none when it is already in
 *      hand. A wheel whose dist-info is not at the end (auditwheel/delocate append shared libraries
 *      after it) costs the same: the central directory is still at the end, only step 3 differs.
 *
 * Structures: PKWARE APPNOTE.TXT (see zip-directory.ts). Wheel layout: the binary distribution
 * format (exactly one `{name}-{version}.dist-info/METADATA` at the archive's top level).
 */



/**
 * Tail size, chosen by measurement: over 967 real wheels from a PyPI mirror, the bytes from the
 * start of `*.dist-info/METADATA`'s local header to the end of the file were ≤ 16 KiB for 67%,
 * ≤ 32 KiB for 81%, ≤ 64 KiB for 87.5% and ≤ 128 KiB for 91% (median 9.4 KiB, p90 101 KiB); the
 * central directory + EOCD fit in 64 KiB for 92%. 64 KiB answers 87.5% of wheels in one request.
 */
const DEFAULT_TAIL_SIZE = 64 * 1024;
/**
 * When the central directory is larger than the tail, the read that completes it starts this many
 * bytes before it: with 64 KiB tails this brought the share of wheels needing a third request from
 * 8.4% to 2.1% in the same measurement (mean transfer 87 KiB per wheel).
 */
const DEFAULT_DIRECTORY_LEAD = 256 * 1024;
const DEFAULT_MAX_METADATA_SIZE = 10 * 1024 * 1024;
/** A wheel whose layout breaks the binary distribution format, or whose METADATA is unusable. */
class WheelMetadataError extends Error {
    reason;
    source;
    constructor(reason, message, 
    /** The redacted URL or file name of the wheel. */
    source) {
        super(`${source}: ${message}`);
        this.reason = reason;
        this.source = source;
        this.name = 'WheelMetadataError';
    }
}
/** Opens a ZIP through `source`: reads the tail, then the central directory if it was not in it. */
async function openRemoteZip(rangeSource, options) {
    const { source } = options;
    const tailSize = options.tailSize ?? DEFAULT_TAIL_SIZE;
    const lead = options.directoryLead ?? DEFAULT_DIRECTORY_LEAD;
    const first = await rangeSource.readTail(tailSize);
    const size = first.size;
    if (first.bytes.length > size)
        throw new ZipFormatError(`read ${first.bytes.length} bytes of a ${size}-byte file`, source);
    const store = new WindowStore(rangeSource, { offset: size - first.bytes.length, bytes: first.bytes }, source);
    let eocd = findEocd(store.tail, size, source);
    if (eocd === undefined) {
        await store.ensure(Math.max(0, size - MAX_EOCD_SEARCH - ZIP64_LOCATOR_SIZE), size);
        eocd = findEocd(store.tail, size, source);
        if (eocd === undefined)
            throw new ZipFormatError(`no end of central directory record`, source);
    }
    let directory;
    if (eocd.kind === 'need-zip64-record') {
        const window = await store.ensure(eocd.recordOffset, eocd.recordOffset + ZIP64_EOCD_SIZE);
        directory = parseZip64Record(window, eocd.recordOffset, source);
    }
    else {
        directory = eocd.directory;
    }
    const cdEnd = directory.offset + directory.size;
    if (!store.covers(directory.offset, cdEnd)) {
        await store.ensure(Math.max(0, directory.offset - lead), cdEnd);
    }
    const entries = parseCentralDirectory(store.slice(directory.offset, cdEnd), directory, source);
    // Each member ends where the next local header (or the central directory) begins: that bounds
    // the one read that fetches a member's local header and data together.
    const starts = [...new Set(entries.map((e) => e.localHeaderOffset))].sort((a, b) => a - b);
    const memberEnd = (entry) => {
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (starts[mid] <= entry.localHeaderOffset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < starts.length ? starts[lo] : directory.offset;
    };
    return {
        size,
        entries,
        async readMember(entry, maxSize) {
            if (entry.flags & 0x0001)
                throw new ZipFormatError(`${JSON.stringify(entry.name)} is encrypted`, source);
            if (entry.method !== 0 && entry.method !== 8) {
                throw new ZipFormatError(`${JSON.stringify(entry.name)} uses compression method ${entry.method} (only stored and deflate are supported)`, source);
            }
            if (entry.uncompressedSize > maxSize) {
                throw new WheelMetadataError('too-large', `${entry.name} is ${entry.uncompressedSize} bytes, over the ${maxSize}-byte limit`, source);
            }
            const end = memberEnd(entry);
            const window = await store.ensure(entry.localHeaderOffset, end);
            const dataStart = localDataOffset(window, entry, source);
            const dataEnd = dataStart + entry.compressedSize;
            if (dataEnd > end) {
                throw new ZipFormatError(`${JSON.stringify(entry.name)}: data (${dataStart}..${dataEnd}) runs into the next member at ${end}`, source);
            }
            return inflateMember(entry, store.slice(dataStart, dataEnd), maxSize, source);
        },
    };
}
const DIST_INFO_METADATA = /^[^/]+\.dist-info\/METADATA$/;
/** Reads a wheel's one top-level `*.dist-info/METADATA` through `rangeSource`. */
async function readWheelMetadata(rangeSource, options) {
    const zip = await openRemoteZip(rangeSource, options);
    const entry = findWheelMetadataEntry(zip.entries, options.source);
    const metadata = await zip.readMember(entry, options.maxMetadataSize ?? DEFAULT_MAX_METADATA_SIZE);
    return { metadata, member: entry.name };
}
function findWheelMetadataEntry(entries, source) {
    const found = entries.filter((e) => DIST_INFO_METADATA.test(e.name));
    if (found.length === 0) {
        throw new WheelMetadataError('no-metadata', `no top-level *.dist-info/METADATA in the wheel`, source);
    }
    if (found.length > 1) {
        throw new WheelMetadataError('multiple-metadata', `the wheel holds ${found.length} top-level METADATA files (${found.map((e) => e.name).join(', ')}); exactly one is allowed`, source);
    }
    return found[0];
}
/** Stored or deflated data → bytes, with a running size cap and a CRC-32 check (APPNOTE 4.4.7). */
function inflateMember(entry, data, maxSize, source) {
    const label = JSON.stringify(entry.name);
    let out;
    if (entry.method === 0) {
        out = data;
    }
    else {
        const chunks = [];
        let total = 0;
        let overflow = false;
        const inflater = new esm/* Inflate */.EL((chunk) => {
            total += chunk.length;
            if (total > maxSize)
                overflow = true;
            else
                chunks.push(chunk);
        });
        const step = 64 * 1024;
        try {
            for (let i = 0; i < data.length && !overflow; i += step) {
                inflater.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
            }
        }
        catch (error) {
            throw new ZipFormatError(`${label}: corrupt deflate data (${error.message})`, source);
        }
        if (overflow) {
            throw new WheelMetadataError('too-large', `${entry.name} inflates past the ${maxSize}-byte limit`, source);
        }
        out = new Uint8Array(total);
        let at = 0;
        for (const c of chunks) {
            out.set(c, at);
            at += c.length;
        }
    }
    if (out.length !== entry.uncompressedSize) {
        throw new ZipFormatError(`${label}: ${out.length} bytes after inflating, the central directory says ${entry.uncompressedSize}`, source);
    }
    const crc = crc32Update(0, out);
    if (crc !== entry.crc32) {
        throw new ZipFormatError(`${label}: CRC-32 mismatch (computed ${hex32(crc)}, central directory says ${hex32(entry.crc32)})`, source);
    }
    return out;
}
function hex32(n) {
    return n.toString(16).padStart(8, '0');
}
/**
 * Byte windows fetched so far. The tail window always reaches the end of the file; a read that
 * overlaps the tail's start only fetches the missing prefix and extends the tail.
 */
class WindowStore {
    rangeSource;
    source;
    tail;
    others = [];
    constructor(rangeSource, tail, source) {
        this.rangeSource = rangeSource;
        this.source = source;
        this.tail = tail;
    }
    find(start, end) {
        for (const w of [this.tail, ...this.others]) {
            if (start >= w.offset && end <= w.offset + w.bytes.length)
                return w;
        }
        return undefined;
    }
    covers(start, end) {
        return this.find(start, end) !== undefined;
    }
    /** Makes [start, end) available with at most one read; returns the window that holds it. */
    async ensure(start, end) {
        const have = this.find(start, end);
        if (have !== undefined)
            return have;
        if (end > this.tail.offset) {
            const bytes = await this.checkedRead(start, this.tail.offset);
            const merged = new Uint8Array(bytes.length + this.tail.bytes.length);
            merged.set(bytes, 0);
            merged.set(this.tail.bytes, bytes.length);
            this.tail = { offset: start, bytes: merged };
            return this.tail;
        }
        const window = { offset: start, bytes: await this.checkedRead(start, end) };
        this.others.push(window);
        return window;
    }
    slice(start, end) {
        const w = this.find(start, end);
        if (w === undefined)
            throw new ZipFormatError(`internal: bytes ${start}..${end} were not fetched`, this.source);
        return w.bytes.subarray(start - w.offset, end - w.offset);
    }
    async checkedRead(start, end) {
        const bytes = await this.rangeSource.read(start, end);
        if (bytes.length !== end - start) {
            throw new ZipFormatError(`asked for bytes ${start}..${end}, got ${bytes.length} bytes`, this.source);
        }
        return bytes;
    }
}

;// CONCATENATED MODULE: ./src/index/file-download.ts
/**
 * Whole-file download streamed to disk with the sha256 computed on the fly (never the whole file in
 * memory), verified against the hash (and size) the index declares, then renamed into place so a
 * partly written file never has the final name. A connection dropped mid-body is retried with a
 * fresh request (up to `attempts` in all). Used by the metadata fetcher's last resort; the file is
 * kept so the download step can reuse it.
 */





class DownloadHashMismatchError extends Error {
    url;
    expected;
    actual;
    size;
    constructor(
    /** Redacted URL. */
    url, expected, actual, size) {
        super(`${url}: sha256 of the downloaded file (${size} bytes) is ${actual}, the index says ${expected}`);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
        this.size = size;
        this.name = 'DownloadHashMismatchError';
    }
}
class DownloadSizeMismatchError extends Error {
    url;
    expected;
    actual;
    constructor(url, expected, actual) {
        super(`${url}: downloaded ${actual} bytes, the index says the file has ${expected}`);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
        this.name = 'DownloadSizeMismatchError';
    }
}
async function downloadToFile(options) {
    const attempts = options.attempts ?? 3;
    let requests = 0;
    let bytes = 0;
    let response = options.response;
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(options.dest), { recursive: true });
    }
    catch (error) {
        // A handed-over 200 must not stay unread (it holds its connection).
        await response?.discard().catch(() => undefined);
        throw error;
    }
    for (let attempt = 1;; attempt++) {
        if (response === undefined) {
            requests += 1;
            response = await options.http.request(options.url, { headers: { 'accept-encoding': 'identity' } });
        }
        if (response.status !== 200) {
            await response.discard();
            throw new HttpError(response.status, 'GET', options.redactedUrl);
        }
        const tmp = `${options.dest}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.part`;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let size = 0;
        const out = (0,external_node_fs_.createWriteStream)(tmp);
        // Without a listener, writes still queued when `out` is destroyed (a body cut short) would
        // raise ERR_STREAM_DESTROYED as an uncaught error; a real write error is rethrown below.
        let writeError;
        out.on('error', (error) => (writeError ??= error));
        try {
            for await (const chunk of response.stream()) {
                hash.update(chunk);
                size += chunk.length;
                bytes += chunk.length;
                if (!out.write(chunk)) {
                    await new Promise((resolve) => {
                        const done = () => {
                            out.off('drain', done);
                            out.off('close', done);
                            resolve();
                        };
                        out.on('drain', done);
                        out.on('close', done);
                    });
                }
                if (writeError !== undefined)
                    throw writeError;
            }
            await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
            const declared = response.headers['content-length'];
            if (declared !== undefined && Number(declared) !== size) {
                throw new NetworkError('GET', options.redactedUrl, `body cut short: ${size} of ${declared} bytes`, 'ESHORTBODY');
            }
        }
        catch (error) {
            out.destroy();
            await (0,promises_.rm)(tmp, { force: true });
            response = undefined;
            if (error instanceof NetworkError && attempt < attempts) {
                options.logger.info(`retrying download of ${options.redactedUrl} after ${error.reason}`);
                continue;
            }
            throw error;
        }
        const sha256 = hash.digest('hex');
        if (options.sha256 !== undefined && sha256 !== options.sha256.toLowerCase()) {
            await (0,promises_.rm)(tmp, { force: true });
            throw new DownloadHashMismatchError(options.redactedUrl, options.sha256.toLowerCase(), sha256, size);
        }
        if (options.size !== undefined && size !== options.size) {
            await (0,promises_.rm)(tmp, { force: true });
            throw new DownloadSizeMismatchError(options.redactedUrl, options.size, size);
        }
        await (0,promises_.rename)(tmp, options.dest);
        return { path: options.dest, sha256, size, requests, bytes };
    }
}

;// CONCATENATED MODULE: ./src/index/file-range-source.ts
/**
 * A RangeSource (remote-zip.ts) over a local file, so a downloaded wheel or a zip sdist is read
 * with the same ZIP code as a remote one, without loading the whole file.
 */

/** Opens `path`, hands a RangeSource over it to `use`, and closes the file afterwards. */
async function withFileRangeSource(path, use) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const { size } = await handle.stat();
        const read = async (start, end) => {
            const buf = Buffer.alloc(end - start);
            let at = 0;
            while (at < buf.length) {
                const { bytesRead } = await handle.read(buf, at, buf.length - at, start + at);
                if (bytesRead === 0)
                    break;
                at += bytesRead;
            }
            return new Uint8Array(buf.buffer, buf.byteOffset, at);
        };
        return await use({
            readTail: async (length) => ({ bytes: await read(Math.max(0, size - length), size), size }),
            read,
        });
    }
    finally {
        await handle.close();
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/index/sdist-metadata.ts
/**
 * PKG-INFO of a source distribution (source distribution format: `{name}-{version}/PKG-INFO` at
 * the archive's top directory; `.tar.gz` or `.zip`), and whether it can stand in for a build
 * (PEP 643: usable when Metadata-Version ≥ 2.2 and `Requires-Dist` is not listed in `Dynamic`).
 *
 * tar: POSIX ustar headers (512-byte blocks, octal sizes, `prefix` + `name`), pax extended headers
 * (typeflag `x` records `<len> path=<value>`; `g` global headers are skipped) and GNU long names
 * (typeflag `L`), read from a gunzip stream and stopped as soon as PKG-INFO has been read.
 * Not supported: GNU sparse files and base-256 size fields (neither occurs in sdists).
 */





class SdistFormatError extends Error {
    source;
    constructor(
    /** Redacted URL or file name. */
    source, message) {
        super(`${source}: ${message}`);
        this.source = source;
        this.name = 'SdistFormatError';
    }
}
const TOP_LEVEL_PKG_INFO = /^[^/]+\/PKG-INFO$/;
function cleanPath(path) {
    return path.replace(/^(\.\/)+/, '');
}
/** Reads the top-level PKG-INFO of a local sdist file. */
async function readSdistPkgInfo(path, filename, source) {
    if (filename.endsWith('.zip'))
        return readZipPkgInfo(path, source);
    if (filename.endsWith('.tar.gz'))
        return readTarGzPkgInfo(path, source);
    throw new SdistFormatError(source, `unsupported sdist format ${JSON.stringify(filename)} (only .tar.gz and .zip)`);
}
async function readZipPkgInfo(path, source) {
    return withFileRangeSource(path, async (local) => {
        const zip = await openRemoteZip(local, { source });
        const found = zip.entries.filter((e) => TOP_LEVEL_PKG_INFO.test(cleanPath(e.name)));
        if (found.length !== 1) {
            throw new SdistFormatError(source, `expected one top-level PKG-INFO, found ${found.length}`);
        }
        return zip.readMember(found[0], DEFAULT_MAX_METADATA_SIZE);
    });
}
const BLOCK = 512;
function field(block, offset, length) {
    const slice = block.subarray(offset, offset + length);
    const nul = slice.indexOf(0);
    return Buffer.from(nul === -1 ? slice : slice.subarray(0, nul)).toString('utf8');
}
function octal(block, offset, length, source) {
    const text = field(block, offset, length).trim();
    if (!/^[0-7]*$/.test(text))
        throw new SdistFormatError(source, `bad tar numeric field ${JSON.stringify(text)}`);
    return text === '' ? 0 : parseInt(text, 8);
}
function checksumOk(block, source) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    return sum === octal(block, 148, 8, source);
}
function paxPath(data) {
    // Records are "<decimal byte length> <key>=<value>\n"; the length counts the whole record.
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    let path;
    while (at < buf.length) {
        const space = buf.indexOf(0x20, at);
        if (space === -1)
            break;
        const length = Number(buf.subarray(at, space).toString('latin1'));
        if (!Number.isSafeInteger(length) || length <= space - at || at + length > buf.length)
            break;
        const record = buf
            .subarray(space + 1, at + length)
            .toString('utf8')
            .replace(/\n$/, '');
        const eq = record.indexOf('=');
        if (eq !== -1 && record.slice(0, eq) === 'path')
            path = record.slice(eq + 1);
        at += length;
    }
    return path;
}
/**
 * Walks tar headers from a gunzip stream; returns PKG-INFO's bytes as soon as it has them. Memory
 * stays bounded: member data is skipped, not kept, except PKG-INFO and pax/long-name records.
 */
async function readTarGzPkgInfo(path, source) {
    const stream = (0,external_node_fs_.createReadStream)(path).pipe((0,external_node_zlib_.createGunzip)());
    let pending = Buffer.alloc(0);
    let nextPath;
    // State: reading a header, or skipping/collecting `remaining` data bytes (+ padding).
    let mode = 'header';
    let remaining = 0;
    let padding = 0;
    let collect;
    try {
        for await (const chunk of stream) {
            pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
            for (;;) {
                if (mode === 'data') {
                    const take = Math.min(remaining, pending.length);
                    if (collect !== undefined && take > 0)
                        collect.chunks.push(pending.subarray(0, take));
                    pending = pending.subarray(take);
                    remaining -= take;
                    if (remaining > 0)
                        break;
                    const pad = Math.min(padding, pending.length);
                    pending = pending.subarray(pad);
                    padding -= pad;
                    if (padding > 0)
                        break;
                    mode = 'header';
                    if (collect !== undefined) {
                        const data = Buffer.concat(collect.chunks);
                        if (collect.kind === 'pkg-info')
                            return new Uint8Array(data);
                        nextPath = collect.kind === 'pax' ? (paxPath(data) ?? nextPath) : field(data, 0, data.length);
                        collect = undefined;
                    }
                }
                if (pending.length < BLOCK)
                    break;
                const header = pending.subarray(0, BLOCK);
                pending = pending.subarray(BLOCK);
                if (header.every((b) => b === 0)) {
                    throw new SdistFormatError(source, 'no top-level PKG-INFO in the archive');
                }
                if (!checksumOk(header, source))
                    throw new SdistFormatError(source, 'bad tar header checksum');
                const size = octal(header, 124, 12, source);
                const type = String.fromCharCode(header[156] ?? 0x30);
                const prefix = field(header, 345, 155);
                const name = field(header, 0, 100);
                const memberPath = cleanPath(nextPath ?? (prefix !== '' ? `${prefix}/${name}` : name));
                mode = 'data';
                remaining = size;
                padding = (BLOCK - (size % BLOCK)) % BLOCK;
                collect = undefined;
                if (type === 'x')
                    collect = { kind: 'pax', chunks: [] };
                else if (type === 'L')
                    collect = { kind: 'longname', chunks: [] };
                else if (type !== 'g') {
                    nextPath = undefined;
                    if ((type === '0' || type === '\0') && TOP_LEVEL_PKG_INFO.test(memberPath)) {
                        if (size > DEFAULT_MAX_METADATA_SIZE) {
                            throw new SdistFormatError(source, `PKG-INFO is ${size} bytes, over the ${DEFAULT_MAX_METADATA_SIZE}-byte limit`);
                        }
                        collect = { kind: 'pkg-info', chunks: [] };
                        if (size === 0)
                            return new Uint8Array(0);
                    }
                }
            }
        }
    }
    catch (error) {
        if (error instanceof SdistFormatError)
            throw error;
        throw new SdistFormatError(source, `unreadable .tar.gz (${error.message})`);
    }
    finally {
        stream.destroy();
    }
    throw new SdistFormatError(source, 'the archive ends before a top-level PKG-INFO (truncated?)');
}
/**
 * PEP 643: PKG-INFO can replace a build when Metadata-Version ≥ 2.2 and Requires-Dist is static.
 * Takes the file's bytes or its parse (the fetcher passes the parse it already has).
 */
function sdistMetadataUsability(pkgInfo) {
    const identity = pkgInfo instanceof Uint8Array ? readMetadataIdentity(pkgInfo) : metadataIdentity(pkgInfo);
    const parts = metadataVersionParts(identity.metadataVersion);
    if (parts === undefined || parts[0] < 2 || (parts[0] === 2 && parts[1] < 2)) {
        return {
            kind: 'needs-build',
            reason: `PKG-INFO has Metadata-Version ${identity.metadataVersion ?? '(missing)'}; before 2.2 (PEP 643) its dependencies are not reliable without a build`,
        };
    }
    if (identity.dynamic.includes('requires-dist')) {
        return {
            kind: 'needs-build',
            reason: 'PKG-INFO marks Requires-Dist as Dynamic (PEP 643): dependencies are only known after a build',
        };
    }
    return { kind: 'usable' };
}

;// CONCATENATED MODULE: ./src/index/metadata-fetch.ts
/**
 * A distribution file's core metadata by the cheapest correct path, recording which one it took:
 *
 *   cache      content-addressed by the file's sha256 (metadata-cache.ts): zero requests;
 *   pep658     PEP 658/714 `<url>.metadata`, verified against the sha256 the index declares — a
 *              mismatch is MetadataHashMismatchError, never a silent fallback (a 404 does fall
 *              back, logged);
 *   lazy-wheel the wheel's ZIP tail and METADATA member over HTTP ranges (lazy-wheel.ts,
 *              remote-zip.ts); a host that cannot do ranges falls through to…
 *   download   the whole file streamed to `downloadDir` with its sha256 verified, kept for the
 *              download step (`downloadedPath`), METADATA read from the local file (`wholeFile`
 *              downloads a chosen file this way when its source declares no sha256);
 *   sdist      sdists are downloaded and their top-level PKG-INFO read (sdist-metadata.ts); it is
 *              used when PEP 643 allows it, else the result is `{ kind: 'needs-build', reason }`.
 *
 * The result is a union on `kind` ('metadata' | 'needs-build'); failures are typed errors that
 * carry only redacted URLs. Metadata must name the project and version the file name says
 * (MetadataMismatchError). Concurrent calls for the same file share one fetch.
 *
 * Each file's metadata is parsed once, here (also on a cache hit): the result carries the
 * `CoreMetadata` (`parsed`) beside the bytes, used for the identity and PEP 643 checks and handed
 * on to the speculative walk and the provider, so neither parses the file again.
 */















class MetadataHashMismatchError extends Error {
    url;
    expected;
    actual;
    constructor(
    /** Redacted URL of the `.metadata` file. */
    url, expected, actual) {
        super(`${url}: sha256 of the PEP 658 metadata file is ${actual}, the index declares ${expected}`);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
        this.name = 'MetadataHashMismatchError';
    }
}
const defaultParser = (bytes) => parseMetadata(bytes).metadata;
function metadata_fetch_fileKey(file) {
    return `${file.filename}\u0000${file.hashes.sha256?.toLowerCase() ?? file.url}`;
}
/** The key a download is also known by: its name and the sha256 of the bytes received. */
function hashedKey(filename, sha256) {
    return `${filename}\u0000${sha256.toLowerCase()}`;
}
/** `<url>.metadata` per PEP 658: appended to the path; the fragment (`#sha256=`) is dropped. */
function metadataUrl(url) {
    const u = new URL(url);
    u.hash = '';
    u.pathname = `${u.pathname}.metadata`;
    return u.toString();
}
function createMetadataFetcher(options) {
    const { http, logger, cache } = options;
    const memo = options.memo ?? new CapabilityMemo();
    const maxSize = options.maxMetadataSize ?? DEFAULT_MAX_METADATA_SIZE;
    const parse = options.parser ?? defaultParser;
    /** By fileKey, and for every download also by name and the sha256 computed (hashedKey). */
    const downloads = new Map();
    const inFlight = new Map();
    const wholeInFlight = new Map();
    let tempDir;
    const downloadDir = async () => {
        if (options.downloadDir !== undefined)
            return options.downloadDir;
        tempDir ??= (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'wheelhouse-dl-'));
        return tempDir;
    };
    async function download(file, counts, response) {
        let dest;
        try {
            dest = (0,external_node_path_.join)(await downloadDir(), file.filename);
        }
        catch (error) {
            // A 200 handed over from the range attempt must not stay unread (it holds a connection).
            await response?.discard().catch(() => undefined);
            throw error;
        }
        const result = await downloadToFile({
            http,
            logger,
            url: file.url,
            redactedUrl: file.redactedUrl,
            dest,
            sha256: file.hashes.sha256,
            size: file.size,
            response,
        });
        counts.requests += result.requests;
        counts.bytes += result.bytes;
        const whole = { path: result.path, sha256: result.sha256, size: result.size };
        downloads.set(metadata_fetch_fileKey(file), whole);
        downloads.set(hashedKey(file.filename, result.sha256), whole);
        return result.path;
    }
    async function downloadWhole(file) {
        const key = metadata_fetch_fileKey(file);
        // A metadata fetch under way may be downloading this very file (a host without ranges).
        await inFlight.get(key)?.catch(() => undefined);
        const earlier = downloads.get(key);
        if (earlier !== undefined)
            return earlier;
        await download(file, { requests: 0, bytes: 0 });
        const done = downloads.get(key);
        if (done === undefined)
            throw new Error(`${file.redactedUrl}: downloaded but not recorded`);
        return done;
    }
    async function tryPep658(file, counts) {
        if (file.coreMetadata === false)
            return undefined;
        const url = metadataUrl(file.url);
        const redacted = redactUrl(url);
        counts.requests += 1;
        const res = await http.request(url, { headers: { 'accept-encoding': 'identity' } });
        if (res.status !== 200) {
            await res.discard();
            if (res.status === 404 || res.status === 410) {
                logger.warn(`${redacted}: declared by the index but HTTP ${res.status}; reading the wheel instead`);
                return undefined;
            }
            throw new HttpError(res.status, 'GET', redacted);
        }
        const body = await res.body();
        counts.bytes += body.length;
        if (body.length > maxSize)
            throw new HttpError(200, 'GET', redacted, `metadata file over ${maxSize} bytes`);
        const expected = file.coreMetadata.sha256?.toLowerCase();
        if (expected !== undefined) {
            const actual = (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
            if (actual !== expected)
                throw new MetadataHashMismatchError(redacted, expected, actual);
        }
        return body;
    }
    async function wheelMetadata(file, counts) {
        const pep658 = await tryPep658(file, counts);
        if (pep658 !== undefined)
            return { kind: 'metadata', metadata: pep658, path: 'pep658', ...counts };
        const source = new HttpRangeSource({
            http,
            url: file.url,
            redactedUrl: file.redactedUrl,
            size: file.size,
            memo,
            logger,
        });
        try {
            const { metadata } = await readWheelMetadata(source, {
                source: file.redactedUrl,
                tailSize: options.tailSize ?? DEFAULT_TAIL_SIZE,
                maxMetadataSize: maxSize,
            });
            counts.requests += source.requests;
            counts.bytes += source.bytes;
            return { kind: 'metadata', metadata, path: 'lazy-wheel', ...counts };
        }
        catch (error) {
            counts.requests += source.requests;
            counts.bytes += source.bytes;
            if (!(error instanceof RangeUnsupportedError))
                throw error;
            logger.debug(`${error.message}; downloading the whole file`);
            const path = await download(file, counts, error.response);
            const { metadata } = await withFileRangeSource(path, (local) => readWheelMetadata(local, { source: file.redactedUrl, maxMetadataSize: maxSize }));
            return { kind: 'metadata', metadata, path: 'download', ...counts };
        }
    }
    async function sdistMetadata(file, counts) {
        const pep658 = await tryPep658(file, counts);
        const pkgInfo = pep658 ?? (await readSdistPkgInfo(await download(file, counts), file.filename, file.redactedUrl));
        const parsed = parse(pkgInfo);
        const usability = sdistMetadataUsability(parsed);
        if (usability.kind === 'needs-build')
            return { ...usability, path: 'sdist', ...counts };
        return {
            kind: 'metadata',
            metadata: pkgInfo,
            parsed,
            path: pep658 !== undefined ? 'pep658' : 'sdist',
            ...counts,
        };
    }
    async function fetchUncached(file) {
        const sha256 = file.hashes.sha256?.toLowerCase();
        if (cache !== undefined && sha256 !== undefined) {
            const hit = await cache.get(sha256);
            if (hit !== undefined) {
                return hit.kind === 'metadata'
                    ? {
                        kind: 'metadata',
                        metadata: hit.metadata,
                        parsed: parse(hit.metadata),
                        path: 'cache',
                        requests: 0,
                        bytes: 0,
                    }
                    : { kind: 'needs-build', reason: hit.reason, path: 'cache', requests: 0, bytes: 0 };
            }
        }
        const counts = { requests: 0, bytes: 0 };
        let result;
        if (file.filename.endsWith('.whl')) {
            const named = parseWheelFilename(file.filename);
            const raw = await wheelMetadata(file, counts);
            result = { ...raw, parsed: parse(raw.metadata) };
            checkMetadataIdentity(result.parsed, named.name, named.version, file.redactedUrl);
        }
        else {
            const named = parseSdistFilename(file.filename, file.project);
            result = await sdistMetadata(file, counts);
            if (result.kind === 'metadata') {
                checkMetadataIdentity(result.parsed, named.name, named.version, file.redactedUrl);
            }
        }
        if (cache !== undefined && sha256 !== undefined) {
            await cache.put(sha256, result.kind === 'metadata'
                ? { kind: 'metadata', metadata: result.metadata }
                : { kind: 'needs-build', reason: result.reason });
        }
        return result;
    }
    return {
        memo,
        downloadedPath: (file) => downloads.get(metadata_fetch_fileKey(file))?.path,
        wholeFile(file) {
            const key = metadata_fetch_fileKey(file);
            const done = downloads.get(key);
            if (done !== undefined)
                return Promise.resolve(done);
            let pending = wholeInFlight.get(key);
            if (pending === undefined) {
                pending = downloadWhole(file).finally(() => wholeInFlight.delete(key));
                wholeInFlight.set(key, pending);
            }
            return pending;
        },
        fetchMetadata(file) {
            const key = metadata_fetch_fileKey(file);
            let pending = inFlight.get(key);
            if (pending === undefined) {
                pending = fetchUncached(file).finally(() => inFlight.delete(key));
                inFlight.set(key, pending);
            }
            return pending;
        },
    };
}

;// CONCATENATED MODULE: ./src/provider/lock-writer.ts
class LockWriterError extends Error {
    constructor(message) {
        super(message);
        this.name = 'LockWriterError';
    }
}
const SHA256 = /^[0-9a-f]{64}$/;
function comparePackages(a, b) {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
/** One header comment line; strips line breaks so a value cannot start a requirement line. */
function commentLine(text) {
    return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}
function writeLock(resolution, options = {}) {
    const lines = [];
    lines.push(commentLine(`This file was generated by ${options.generatedBy ?? 'wheelhouse'}.`));
    if (options.target !== undefined)
        lines.push(commentLine(`Target: ${options.target}`));
    lines.push(commentLine('Install with: pip install --no-index --find-links DIR --require-hashes -r LOCK'));
    const seen = new Set();
    for (const pkg of [...resolution.packages].sort(comparePackages)) {
        if (seen.has(pkg.name))
            throw new LockWriterError(`package ${pkg.name} appears twice in the resolution`);
        seen.add(pkg.name);
        const sha = pkg.file.sha256.toLowerCase();
        if (!SHA256.test(sha)) {
            throw new LockWriterError(`package ${pkg.name}==${pkg.version} (${pkg.file.filename}) has no valid sha256: ${JSON.stringify(pkg.file.sha256)}`);
        }
        lines.push(`${pkg.name}==${pkg.version} \\`);
        lines.push(`    --hash=sha256:${sha}`);
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/provider/pylock-writer.ts
/** TOML 1.0 basic string: `"` and `\` escaped, control characters as `\uXXXX` or short escapes. */
function tomlString(value) {
    let out = '"';
    for (const ch of value) {
        const code = ch.codePointAt(0);
        if (ch === '"')
            out += '\\"';
        else if (ch === '\\')
            out += '\\\\';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\r')
            out += '\\r';
        else if (code < 0x20 || code === 0x7f)
            out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
        else
            out += ch;
    }
    return out + '"';
}
function tomlKey(key) {
    return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}
function inlineTable(record) {
    const keys = Object.keys(record).sort();
    if (keys.length === 0)
        return '{}';
    return `{ ${keys.map((k) => `${tomlKey(k)} = ${tomlString(record[k])}`).join(', ')} }`;
}
function fileLines(pkg) {
    const lines = [`name = ${tomlString(pkg.file.filename)}`, `url = ${tomlString(pkg.file.redactedUrl)}`];
    if (pkg.file.size !== undefined)
        lines.push(`size = ${Math.trunc(pkg.file.size)}`);
    lines.push(`hashes = ${inlineTable({ sha256: pkg.file.sha256.toLowerCase() })}`);
    return lines;
}
function writePylock(resolution, options = {}) {
    const out = ['lock-version = "1.0"'];
    if (options.environment !== undefined)
        out.push(`environments = [${tomlString(options.environment)}]`);
    if (options.requiresPython !== undefined)
        out.push(`requires-python = ${tomlString(options.requiresPython)}`);
    out.push(`created-by = ${tomlString(options.createdBy ?? 'wheelhouse')}`);
    const packages = [...resolution.packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const pkg of packages) {
        out.push('', '[[packages]]', `name = ${tomlString(pkg.name)}`, `version = ${tomlString(pkg.version)}`);
        if (pkg.requiresPython !== undefined && pkg.requiresPython !== '') {
            out.push(`requires-python = ${tomlString(pkg.requiresPython)}`);
        }
        if (pkg.file.kind === 'wheel')
            out.push('', '[[packages.wheels]]', ...fileLines(pkg));
        else
            out.push('', '[packages.sdist]', ...fileLines(pkg));
    }
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/provider/report-writer.ts
function sortedKeys(record) {
    const out = {};
    for (const key of Object.keys(record).sort())
        out[key] = record[key];
    return out;
}
function installEntry(pkg) {
    const sha = pkg.file.sha256.toLowerCase();
    const metadata = { metadata_version: '2.1', name: pkg.name, version: pkg.version };
    if (pkg.requiresDist.length > 0)
        metadata.requires_dist = [...pkg.requiresDist];
    if (pkg.requiresPython !== undefined && pkg.requiresPython !== '')
        metadata.requires_python = pkg.requiresPython;
    if (pkg.providesExtra !== undefined && pkg.providesExtra.length > 0) {
        metadata.provides_extra = [...pkg.providesExtra];
    }
    const entry = {
        download_info: {
            url: pkg.file.redactedUrl,
            archive_info: { hash: `sha256=${sha}`, hashes: { sha256: sha } },
        },
        is_direct: pkg.isDirect,
        is_yanked: pkg.yanked !== undefined,
        requested: pkg.requested,
    };
    if (pkg.requested && pkg.extras.length > 0)
        entry.requested_extras = [...pkg.extras].sort();
    entry.metadata = metadata;
    const wheelhouse = { filename: pkg.file.filename, kind: pkg.file.kind };
    if (pkg.file.size !== undefined)
        wheelhouse.size = pkg.file.size;
    wheelhouse.metadata_path = pkg.metadataPath;
    if (pkg.extras.length > 0)
        wheelhouse.extras = [...pkg.extras].sort();
    entry.wheelhouse = wheelhouse;
    return entry;
}
function writeReport(resolution, options) {
    const packages = [...resolution.packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const wheelhouse = { generated_by: options.generatedBy ?? 'wheelhouse' };
    if (options.target !== undefined)
        wheelhouse.target = options.target;
    const report = {
        version: '1',
        install: packages.map(installEntry),
        environment: sortedKeys(options.environment),
        wheelhouse,
    };
    return JSON.stringify(report, null, 2) + '\n';
}

;// CONCATENATED MODULE: ./src/resolver/range.ts
/**
 * Version ranges for the PubGrub core: finite unions of disjoint intervals over any totally ordered
 * version type `V`, with open, closed or unbounded ends. The order is a comparator passed in
 * (`compare(a, b)` < 0, 0, > 0); the resolver never looks inside a version.
 *
 * Ranges are treated as sets over a dense order: `>1,<2` is not empty even when no version lies
 * between 1 and 2 in practice. The solver only ever picks versions the provider listed, so that is
 * harmless, and it keeps the algebra (complement, union, intersection) exact.
 *
 * Invariant of `Range.intervals`: every interval is non-empty, intervals are sorted, and no two
 * intervals overlap or touch (`>=1,<2` and `>=2,<3` are stored as `>=1,<3`).
 */
/** Thrown when a range is built from ends that do not make sense (`between(3, 1)`). */
class InvalidRangeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidRangeError';
    }
}
/** Compare two lower bounds: which one starts earlier (undefined = minus infinity). */
function compareLower(cmp, a, b) {
    if (a === undefined)
        return b === undefined ? 0 : -1;
    if (b === undefined)
        return 1;
    const c = cmp(a.value, b.value);
    if (c !== 0)
        return c;
    if (a.inclusive === b.inclusive)
        return 0;
    return a.inclusive ? -1 : 1;
}
/** Compare two upper bounds: which one ends earlier (undefined = plus infinity). */
function compareUpper(cmp, a, b) {
    if (a === undefined)
        return b === undefined ? 0 : 1;
    if (b === undefined)
        return -1;
    const c = cmp(a.value, b.value);
    if (c !== 0)
        return c;
    if (a.inclusive === b.inclusive)
        return 0;
    return a.inclusive ? 1 : -1;
}
/** True when an interval that ends at `upper` has points in common with one starting at `lower`. */
function overlaps(cmp, upper, lower) {
    if (upper === undefined || lower === undefined)
        return true;
    const c = cmp(lower.value, upper.value);
    if (c !== 0)
        return c < 0;
    return lower.inclusive && upper.inclusive;
}
/** True when an interval ending at `upper` and one starting at `lower` overlap or meet with no gap. */
function touches(cmp, upper, lower) {
    if (upper === undefined || lower === undefined)
        return true;
    const c = cmp(lower.value, upper.value);
    if (c !== 0)
        return c < 0;
    return lower.inclusive || upper.inclusive;
}
function isNonEmpty(cmp, lower, upper) {
    return overlaps(cmp, upper, lower);
}
/** `v` is at or above the lower bound. */
function lowerAdmits(cmp, lower, v) {
    if (lower === undefined)
        return true;
    const c = cmp(lower.value, v);
    return c < 0 || (c === 0 && lower.inclusive);
}
function flip(b) {
    return { value: b.value, inclusive: !b.inclusive };
}
/** A set of versions. Immutable; every operation returns a new range. */
class Range {
    compare;
    intervals;
    /** Use `Ranges` (the factory) or the operations below; the constructor trusts its input. */
    /** Computed on first use: the solver complements the same ranges over and over. */
    complementCache = undefined;
    /** Computed on first use: what `singleVersion()` returns. */
    singleCache = undefined;
    constructor(compare, intervals) {
        this.compare = compare;
        this.intervals = intervals;
    }
    /** @internal Build from intervals already satisfying the class invariant. */
    static fromNormalized(compare, intervals) {
        return new Range(compare, intervals);
    }
    /** Build from arbitrary (possibly empty, overlapping, unsorted) intervals. */
    static fromIntervals(compare, intervals) {
        const kept = intervals.filter((i) => isNonEmpty(compare, i.lower, i.upper));
        kept.sort((a, b) => compareLower(compare, a.lower, b.lower));
        return new Range(compare, mergeSorted(compare, kept));
    }
    isEmpty() {
        return this.intervals.length === 0;
    }
    isAny() {
        const only = this.intervals[0];
        return this.intervals.length === 1 && only.lower === undefined && only.upper === undefined;
    }
    /** The single version this range holds, if it is `==v`. */
    singleVersion() {
        this.singleCache ??= { v: this.computeSingle() };
        return this.singleCache.v;
    }
    computeSingle() {
        if (this.intervals.length !== 1)
            return undefined;
        const { lower, upper } = this.intervals[0];
        if (lower === undefined || upper === undefined || !lower.inclusive || !upper.inclusive)
            return undefined;
        return this.compare(lower.value, upper.value) === 0 ? lower.value : undefined;
    }
    contains(v) {
        // Binary search for the last interval whose lower bound is at or below v.
        const ivs = this.intervals;
        let lo = 0;
        let hi = ivs.length - 1;
        let found = -1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            if (lowerAdmits(this.compare, ivs[mid].lower, v)) {
                found = mid;
                lo = mid + 1;
            }
            else {
                hi = mid - 1;
            }
        }
        if (found < 0)
            return false;
        const upper = ivs[found].upper;
        if (upper === undefined)
            return true;
        const c = this.compare(v, upper.value);
        return c < 0 || (c === 0 && upper.inclusive);
    }
    complement() {
        if (this.complementCache === undefined) {
            this.complementCache = this.computeComplement();
            this.complementCache.complementCache = this;
        }
        return this.complementCache;
    }
    computeComplement() {
        const out = [];
        let start = undefined;
        let open = true; // whether the next gap starts at minus infinity / after the previous interval
        for (const iv of this.intervals) {
            if (iv.lower !== undefined) {
                out.push({ lower: start, upper: flip(iv.lower) });
            }
            if (iv.upper === undefined) {
                open = false;
                break;
            }
            start = flip(iv.upper);
        }
        if (open)
            out.push({ lower: start, upper: undefined });
        return new Range(this.compare, out);
    }
    union(other) {
        if (this.isEmpty() || other.isAny())
            return other;
        if (other.isEmpty() || this.isAny())
            return this;
        const cmp = this.compare;
        const a = this.intervals;
        const b = other.intervals;
        const merged = [];
        let i = 0;
        let j = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || (i < a.length && compareLower(cmp, a[i].lower, b[j].lower) <= 0)) {
                merged.push(a[i++]);
            }
            else {
                merged.push(b[j++]);
            }
        }
        return new Range(cmp, mergeSorted(cmp, merged));
    }
    intersection(other) {
        if (this.isEmpty() || other.isAny())
            return this;
        if (other.isEmpty() || this.isAny())
            return other;
        const cmp = this.compare;
        const a = this.intervals;
        const b = other.intervals;
        if (a.length === 1 && b.length === 1) {
            // Fast path without allocation when one interval contains the other.
            const x = a[0];
            const y = b[0];
            const lowerCmp = compareLower(cmp, x.lower, y.lower);
            const upperCmp = compareUpper(cmp, x.upper, y.upper);
            if (lowerCmp >= 0 && upperCmp <= 0)
                return this;
            if (lowerCmp <= 0 && upperCmp >= 0)
                return other;
        }
        const out = [];
        let i = 0;
        let j = 0;
        while (i < a.length && j < b.length) {
            const x = a[i];
            const y = b[j];
            const lower = compareLower(cmp, x.lower, y.lower) >= 0 ? x.lower : y.lower;
            const upperCmp = compareUpper(cmp, x.upper, y.upper);
            const upper = upperCmp <= 0 ? x.upper : y.upper;
            if (isNonEmpty(cmp, lower, upper))
                out.push({ lower, upper });
            if (upperCmp <= 0)
                i++;
            if (upperCmp >= 0)
                j++;
        }
        return new Range(cmp, out);
    }
    /** Every version in this range is in `other`. */
    isSubsetOf(other) {
        const cmp = this.compare;
        if (this.intervals.length === 1 && other.intervals.length === 1) {
            const x = this.intervals[0];
            const y = other.intervals[0];
            return compareLower(cmp, y.lower, x.lower) <= 0 && compareUpper(cmp, y.upper, x.upper) >= 0;
        }
        const b = other.intervals;
        let j = 0;
        for (const x of this.intervals) {
            // Skip the intervals of `other` that end before x starts.
            while (j < b.length && !overlaps(cmp, b[j].upper, x.lower))
                j++;
            const y = b[j];
            if (y === undefined)
                return false;
            if (compareLower(cmp, y.lower, x.lower) > 0)
                return false;
            if (compareUpper(cmp, y.upper, x.upper) < 0)
                return false;
        }
        return true;
    }
    /** No version is in both ranges. */
    isDisjoint(other) {
        const cmp = this.compare;
        if (this.intervals.length === 1 && other.intervals.length === 1) {
            const x = this.intervals[0];
            const y = other.intervals[0];
            return !(overlaps(cmp, x.upper, y.lower) && overlaps(cmp, y.upper, x.lower));
        }
        const a = this.intervals;
        const b = other.intervals;
        let i = 0;
        let j = 0;
        while (i < a.length && j < b.length) {
            const x = a[i];
            const y = b[j];
            if (overlaps(cmp, x.upper, y.lower) && overlaps(cmp, y.upper, x.lower))
                return false;
            if (compareUpper(cmp, x.upper, y.upper) <= 0)
                i++;
            else
                j++;
        }
        return true;
    }
    equals(other) {
        if (this === other)
            return true;
        const a = this.intervals;
        const b = other.intervals;
        if (a.length !== b.length)
            return false;
        for (let i = 0; i < a.length; i++) {
            if (compareLower(this.compare, a[i].lower, b[i].lower) !== 0)
                return false;
            if (compareUpper(this.compare, a[i].upper, b[i].upper) !== 0)
                return false;
        }
        return true;
    }
    /**
     * Text such as `*`, `==1.0`, `>=1.0,<2.0`, `<1.0 || >1.0`, or `∅` for the empty range. Versions are
     * rendered by `formatVersion` (default `String`).
     */
    toString(formatVersion = String) {
        if (this.isEmpty())
            return '∅';
        if (this.isAny())
            return '*';
        return this.intervals.map((iv) => formatInterval(this.compare, iv, formatVersion)).join(' || ');
    }
}
function formatInterval(cmp, iv, fmt) {
    const { lower, upper } = iv;
    if (lower !== undefined && upper !== undefined && cmp(lower.value, upper.value) === 0) {
        return `==${fmt(lower.value)}`;
    }
    const parts = [];
    if (lower !== undefined)
        parts.push(`${lower.inclusive ? '>=' : '>'}${fmt(lower.value)}`);
    if (upper !== undefined)
        parts.push(`${upper.inclusive ? '<=' : '<'}${fmt(upper.value)}`);
    return parts.join(',');
}
/** Merge intervals sorted by lower bound into the normalized form (disjoint, non-touching). */
function mergeSorted(cmp, sorted) {
    const out = [];
    for (const iv of sorted) {
        const last = out[out.length - 1];
        if (last !== undefined && touches(cmp, last.upper, iv.lower)) {
            if (compareUpper(cmp, iv.upper, last.upper) > 0) {
                out[out.length - 1] = { lower: last.lower, upper: iv.upper };
            }
        }
        else {
            out.push(iv);
        }
    }
    return out;
}
/**
 * The factory for ranges over one version type. Create one per version type and reuse it:
 * `const ranges = new Ranges<Version>(Version.compare)`.
 */
class Ranges {
    compare;
    anyRange;
    noneRange;
    constructor(compare) {
        this.compare = compare;
        this.anyRange = Range.fromNormalized(compare, [{ lower: undefined, upper: undefined }]);
        this.noneRange = Range.fromNormalized(compare, []);
    }
    /** Every version. */
    any() {
        return this.anyRange;
    }
    /** No version. */
    none() {
        return this.noneRange;
    }
    /** Exactly `v` (`==v`). */
    exact(v) {
        return Range.fromNormalized(this.compare, [
            { lower: { value: v, inclusive: true }, upper: { value: v, inclusive: true } },
        ]);
    }
    /** Every version but `v` (`!=v`). */
    notEqual(v) {
        return this.exact(v).complement();
    }
    /** `>=v`. */
    higherThan(v) {
        return Range.fromNormalized(this.compare, [{ lower: { value: v, inclusive: true }, upper: undefined }]);
    }
    /** `>v`. */
    strictlyHigherThan(v) {
        return Range.fromNormalized(this.compare, [{ lower: { value: v, inclusive: false }, upper: undefined }]);
    }
    /** `<v`. */
    lowerThan(v) {
        return Range.fromNormalized(this.compare, [{ lower: undefined, upper: { value: v, inclusive: false } }]);
    }
    /** `<=v`. */
    lowerThanOrEqual(v) {
        return Range.fromNormalized(this.compare, [{ lower: undefined, upper: { value: v, inclusive: true } }]);
    }
    /** `>=low,<high`: the half-open interval. Throws when `high` is below `low`. */
    between(low, high) {
        return this.interval({ value: low, inclusive: true }, { value: high, inclusive: false });
    }
    /** Any single interval; `undefined` ends are unbounded. Throws when upper is below lower. */
    interval(lower, upper) {
        if (lower !== undefined && upper !== undefined && this.compare(lower.value, upper.value) > 0) {
            throw new InvalidRangeError(`invalid range: lower end ${String(lower.value)} is above upper end ${String(upper.value)}`);
        }
        return Range.fromIntervals(this.compare, [{ lower, upper }]);
    }
    /** The union of several ranges (`none()` for an empty list). */
    unionAll(ranges) {
        let acc = this.noneRange;
        for (const r of ranges)
            acc = acc.union(r);
        return acc;
    }
}

;// CONCATENATED MODULE: ./src/resolver/errors.ts
/**
 * Version solving failed: `incompatibility` is the derived `{root}` (or empty) incompatibility whose
 * derivation graph proves it. Build the explanation with `buildDerivationTree` + `formatReport`.
 */
class NoSolutionError extends Error {
    incompatibility;
    root;
    constructor(incompatibility, root) {
        super(`no solution: ${incompatibility.toString()} was derived, so ${root} cannot be satisfied`);
        this.incompatibility = incompatibility;
        this.root = root;
        this.name = 'NoSolutionError';
    }
}
/** The caller's AbortSignal fired while solving. */
class SolveAbortedError extends Error {
    reason;
    constructor(reason) {
        super(`version solving was aborted${reason instanceof Error ? `: ${reason.message}` : ''}`);
        this.reason = reason;
        this.name = 'SolveAbortedError';
    }
}

;// CONCATENATED MODULE: ./src/resolver/abort.ts
/** Cancellation for the solver: an AbortSignal checked between steps and raced against provider calls. */

function throwIfAborted(signal) {
    if (signal?.aborted)
        throw new SolveAbortedError(signal.reason);
}
/** `promise`, or a rejection with SolveAbortedError as soon as `signal` fires (the call is not awaited). */
function abortable(signal, promise) {
    if (signal === undefined)
        return promise;
    throwIfAborted(signal);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new SolveAbortedError(signal.reason));
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then((value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}

;// CONCATENATED MODULE: ./src/resolver/decision-queue.ts
function before(a, b) {
    if (a.priority !== b.priority)
        return a.priority < b.priority;
    if (a.count !== b.count)
        return a.count < b.count;
    return a.order < b.order;
}
class DecisionQueue {
    heap = [];
    push(entry) {
        const h = this.heap;
        h.push(entry);
        let i = h.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(h[i], h[parent]))
                break;
            [h[i], h[parent]] = [h[parent], h[i]];
            i = parent;
        }
    }
    /** Pop entries until `isCurrent` accepts one; undefined when the queue runs dry. */
    popCurrent(isCurrent) {
        while (this.heap.length > 0) {
            const top = this.pop();
            if (isCurrent(top))
                return top;
        }
        return undefined;
    }
    pop() {
        const h = this.heap;
        const top = h[0];
        const last = h.pop();
        if (h.length > 0) {
            h[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < h.length && before(h[l], h[m]))
                    m = l;
                if (r < h.length && before(h[r], h[m]))
                    m = r;
                if (m === i)
                    break;
                [h[i], h[m]] = [h[m], h[i]];
                i = m;
            }
        }
        return top;
    }
}

;// CONCATENATED MODULE: ./src/resolver/incompat-index.ts
class PackageIncompats {
    /** In the order added; propagation scans newest first. */
    incompats = [];
    /** `terms[k]` is this package's term in `incompats[k]`. */
    terms = [];
    /** Contradiction cache: the level and decision serial at which `incompats[k]` was contradicted. */
    level = new Int32Array(8);
    serial = new Int32Array(8);
    get length() {
        return this.incompats.length;
    }
    push(incompat, term) {
        const k = this.incompats.length;
        if (k === this.level.length) {
            const level = new Int32Array(2 * k);
            const serial = new Int32Array(2 * k);
            level.set(this.level);
            serial.set(this.serial);
            this.level = level;
            this.serial = serial;
        }
        this.incompats.push(incompat);
        this.terms.push(term);
        this.level[k] = -1;
        this.serial[k] = -1;
    }
    /** Drop the superseded incompatibilities (a wider one for the same dependency replaced them). */
    dropSuperseded() {
        let w = 0;
        const n = this.incompats.length;
        for (let k = 0; k < n; k++) {
            const incompat = this.incompats[k];
            if (incompat.superseded)
                continue;
            this.incompats[w] = incompat;
            this.terms[w] = this.terms[k];
            this.level[w] = this.level[k];
            this.serial[w] = this.serial[k];
            w++;
        }
        this.incompats.length = w;
        this.terms.length = w;
    }
}
class IncompatIndex {
    byPkg = new Map();
    add(incompat) {
        for (const term of incompat.terms) {
            let list = this.byPkg.get(term.pkg);
            if (list === undefined) {
                list = new PackageIncompats();
                this.byPkg.set(term.pkg, list);
            }
            list.push(incompat, term);
        }
    }
    get(pkg) {
        return this.byPkg.get(pkg);
    }
}

;// CONCATENATED MODULE: ./src/resolver/term.ts
class Term {
    pkg;
    range;
    positive;
    /** Partial-solution cache: which solution `state` belongs to, and its per-package state. */
    stateOwner = undefined;
    state = undefined;
    constructor(pkg, range, positive) {
        this.pkg = pkg;
        this.range = range;
        this.positive = positive;
    }
    negate() {
        return new Term(this.pkg, this.range, !this.positive);
    }
    /** True for `not pkg ∅`: a term every selection makes true (it carries no information). */
    isAlwaysTrue() {
        return !this.positive && this.range.isEmpty();
    }
    /** Both terms hold (same package). */
    intersect(other) {
        if (this.positive && other.positive) {
            const r = this.range.intersection(other.range);
            return r === this.range ? this : r === other.range ? other : new Term(this.pkg, r, true);
        }
        if (!this.positive && !other.positive) {
            return new Term(this.pkg, this.range.union(other.range), false);
        }
        const [pos, neg] = this.positive ? [this, other] : [other, this];
        const r = pos.range.intersection(neg.range.complement());
        return r === pos.range ? pos : new Term(this.pkg, r, true);
    }
    /** At least one of the terms holds (same package). */
    union(other) {
        if (this.positive && other.positive) {
            return new Term(this.pkg, this.range.union(other.range), true);
        }
        if (!this.positive && !other.positive) {
            return new Term(this.pkg, this.range.intersection(other.range), false);
        }
        const [pos, neg] = this.positive ? [this, other] : [other, this];
        return new Term(this.pkg, neg.range.intersection(pos.range.complement()), false);
    }
    /**
     * How this term, read as everything known about its package (the intersection of the partial
     * solution's assignments), relates to `other`: it satisfies `other` when every selection allowed by
     * this term makes `other` true, contradicts it when none does.
     */
    relation(other) {
        const a = this.range;
        const b = other.range;
        const single = this.positive ? a.singleVersion() : undefined;
        if (single !== undefined) {
            // Everything known is "this exact version": one membership test (the common case: a decision).
            return b.contains(single) === other.positive ? 'satisfied' : 'contradicted';
        }
        if (this.positive) {
            if (other.positive) {
                if (a.isSubsetOf(b))
                    return 'satisfied';
                return a.isDisjoint(b) ? 'contradicted' : 'inconclusive';
            }
            if (a.isDisjoint(b))
                return 'satisfied';
            return a.isSubsetOf(b) ? 'contradicted' : 'inconclusive';
        }
        // This term allows "not selected", which never satisfies a positive term.
        if (other.positive)
            return b.isSubsetOf(a) ? 'contradicted' : 'inconclusive';
        return b.isSubsetOf(a) ? 'satisfied' : 'inconclusive';
    }
    /** This term alone makes `other` true. */
    satisfies(other) {
        return this.relation(other) === 'satisfied';
    }
    toString(formatVersion = String) {
        return `${this.positive ? '' : 'not '}${this.pkg} ${this.range.toString(formatVersion)}`;
    }
}

;// CONCATENATED MODULE: ./src/resolver/incompatibility.ts

let nextId = 0;
class Incompatibility {
    terms;
    cause;
    /** Unique per process; used for ordering and as a map key in reports. */
    id = nextId++;
    /**
     * Solver bookkeeping: a newer incompatibility for the same dependency covers a superset of versions,
     * so this one can be skipped during unit propagation (it stays valid as a cause).
     */
    superseded = false;
    /** Solver bookkeeping: not yet examined as a whole by unit propagation. */
    fresh = true;
    /** Solver bookkeeping: the decision level and decision serial at which it was last contradicted. */
    contradictedLevel = -1;
    contradictedSerial = -1;
    constructor(terms, cause) {
        this.terms = terms;
        this.cause = cause;
    }
    /** Build with normalization: terms for the same package are intersected into one. */
    static of(terms, cause) {
        const byPkg = new Map();
        for (const t of terms) {
            const prev = byPkg.get(t.pkg);
            byPkg.set(t.pkg, prev === undefined ? t : prev.intersect(t));
        }
        // A term that is always true (`not pkg ∅`) cannot help make the set false: drop it.
        return new Incompatibility([...byPkg.values()].filter((t) => !t.isAlwaysTrue()), cause);
    }
    static root(pkg, any) {
        return new Incompatibility([new Term(pkg, any, false)], { kind: 'root' });
    }
    static noVersions(pkg, range) {
        return new Incompatibility([new Term(pkg, range, true)], { kind: 'no-versions' });
    }
    static unavailable(pkg, range, reason) {
        return new Incompatibility([new Term(pkg, range, true)], { kind: 'unavailable', reason });
    }
    static dependency(depender, dependerRange, dependee, dependeeRange) {
        return Incompatibility.of([new Term(depender, dependerRange, true), new Term(dependee, dependeeRange, false)], {
            kind: 'dependency',
            depender,
            dependerRange,
            dependee,
            dependeeRange,
        });
    }
    /**
     * The generalized resolution rule (solver.md, "Conflict Resolution"): from `{t1, q}` and `{t2, r}`
     * derive `{q, r, t1 ∪ t2}`, where t1 and t2 are the terms for `pkg`. Terms for other packages that
     * appear in both are intersected; a resulting term that is always true is dropped.
     */
    static derive(conflict, other, pkg) {
        const byPkg = new Map();
        let t1;
        let t2;
        for (const t of conflict.terms) {
            if (t.pkg === pkg)
                t1 = t;
            else
                byPkg.set(t.pkg, t);
        }
        for (const t of other.terms) {
            if (t.pkg === pkg) {
                t2 = t;
                continue;
            }
            const prev = byPkg.get(t.pkg);
            byPkg.set(t.pkg, prev === undefined ? t : prev.intersect(t));
        }
        const joined = t1 === undefined ? t2 : t2 === undefined ? t1 : t1.union(t2);
        const terms = [...byPkg.values()];
        if (joined !== undefined && !joined.isAlwaysTrue())
            terms.push(joined);
        return new Incompatibility(terms, { kind: 'derived', conflict, other });
    }
    term(pkg) {
        for (const t of this.terms)
            if (t.pkg === pkg)
                return t;
        return undefined;
    }
    isExternal() {
        return this.cause.kind !== 'derived';
    }
    toString(formatVersion = String) {
        return `{${this.terms.map((t) => t.toString(formatVersion)).join(', ')}}`;
    }
}

;// CONCATENATED MODULE: ./src/resolver/lost-implications.ts
class LostImplications {
    entries = [];
    /** `incompat` is unit at `level` but its term was derived at a higher one. */
    add(incompat, level) {
        this.entries.push({ incompat, level });
    }
    /** The partial solution went back to `level`: forget what is no longer known to be unit there. */
    backtracked(level) {
        if (this.entries.some((e) => e.level > level)) {
            this.entries = this.entries.filter((e) => e.level <= level);
        }
    }
    /**
     * Derive (through `derive`) the term of every entry that is unit again, in the order they were
     * recorded. Returns an entry's incompatibility that is satisfied instead (a conflict for the caller
     * to resolve), if any, and stops there.
     */
    reimply(solution, derive) {
        for (const { incompat } of this.entries) {
            if (solution.knownContradicted(incompat))
                continue;
            const rel = solution.relation(incompat);
            if (rel.kind === 'satisfied')
                return incompat;
            if (rel.kind === 'almost')
                derive(rel.term.negate(), incompat);
            else if (rel.kind === 'contradicted')
                solution.markContradicted(incompat);
        }
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/resolver/package-listing.ts
/**
 * What the solver knows about one package's versions, and how a version's dependencies become
 * incompatibilities.
 *
 * Following pub's doc/solver.md ("Decision Making"), the depender side of a dependency incompatibility
 * is widened to the run of adjacent versions known to share that exact dependency: the range starts at
 * the first version of the run (unbounded when it is the oldest listed version) and ends just before the
 * next listed version (unbounded after the newest). So the only version of foo depending on bar gives
 * `{foo *, not bar R}` ("every version of foo depends on bar R"), and foo 1.1 and 1.2 (of 1.0, 1.1,
 * 1.2) both depending on bar R give `{foo >=1.1, not bar R}`. Versions are fetched lazily, so runs grow
 * as neighbours are fetched; a wider incompatibility supersedes the narrower ones it covers. Unusable
 * versions with the same reason are merged the same way.
 */

class PackageListing {
    ranges;
    pkg;
    /** Provider preference order. */
    preferred;
    /** Ascending by the comparator. */
    sorted;
    fetched;
    /** Per sorted index: the widest dependency incompatibility so far, by dependee. */
    depIncompat;
    unavailableIncompat;
    exactRanges = [];
    constructor(ranges, pkg, versions) {
        this.ranges = ranges;
        this.pkg = pkg;
        this.preferred = versions;
        this.sorted = [...versions].sort(ranges.compare);
        this.fetched = new Array(versions.length).fill(undefined);
        this.depIncompat = new Array(versions.length).fill(undefined);
        this.unavailableIncompat = new Array(versions.length).fill(undefined);
    }
    /** Number of listed versions in `range`. */
    countIn(range) {
        if (range.isAny())
            return this.preferred.length;
        let n = 0;
        for (const iv of range.intervals)
            n += this.searchAbove(iv.upper, false) - this.searchAbove(iv.lower, true);
        return n;
    }
    /** `==version` for a listed version, the same object every time (cheaper relations and intersections). */
    exact(version) {
        const i = this.indexOf(version);
        if (i < 0)
            return this.ranges.exact(version);
        return (this.exactRanges[i] ??= this.ranges.exact(version));
    }
    /**
     * Index of the first sorted version above `bound` (for a lower bound: at or above when inclusive;
     * for an upper bound: above it, so the versions below it come before). Undefined: 0 for a lower
     * bound, everything for an upper one.
     */
    searchAbove(bound, lower) {
        if (bound === undefined)
            return lower ? 0 : this.sorted.length;
        // A version at the bound belongs below the split when it is outside a lower / inside an upper bound.
        const atBoundBelow = lower ? !bound.inclusive : bound.inclusive;
        let lo = 0;
        let hi = this.sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            const c = this.ranges.compare(this.sorted[mid], bound.value);
            if (c < 0 || (c === 0 && atBoundBelow))
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    /** The most preferred listed version in `range`. */
    firstIn(range) {
        for (const v of this.preferred)
            if (range.contains(v))
                return v;
        return undefined;
    }
    /** Whether `getDependencies` for `version` was already recorded. */
    dependenciesOf(version) {
        const i = this.indexOf(version);
        return i < 0 ? undefined : this.fetched[i];
    }
    /**
     * Record the provider's answer for `version` and return the incompatibilities that express it
     * (new ones, or the existing widest ones when nothing new was learned).
     */
    record(version, deps) {
        const i = this.indexOf(version);
        if (i < 0)
            throw new Error(`internal: ${this.pkg} ${String(version)} is not a listed version`);
        this.fetched[i] = deps;
        if (deps.kind === 'unavailable')
            return [this.recordUnavailable(i, deps.reason)];
        const out = [];
        for (const [dependee, range] of deps.dependencies) {
            if (dependee === this.pkg) {
                // A package depending on itself: satisfied when the range holds the version, else unusable.
                if (!range.contains(version)) {
                    this.fetched[i] = { kind: 'unavailable', reason: `depends on itself (${range.toString()})` };
                    return [this.recordUnavailable(i, `depends on itself (${range.toString()})`)];
                }
                continue;
            }
            out.push(this.recordDependency(i, dependee, range));
        }
        return out;
    }
    recordDependency(i, dependee, range) {
        const same = (k) => {
            const d = this.fetched[k];
            return (d !== undefined && d.kind === 'available' && d.dependencies.get(dependee)?.equals(range) === true);
        };
        let lo = i;
        let hi = i;
        while (lo > 0 && same(lo - 1))
            lo--;
        while (hi < this.sorted.length - 1 && same(hi + 1))
            hi++;
        const existing = this.depIncompat[i]?.get(dependee);
        if (existing !== undefined && existing.cause.kind === 'dependency' && lo === i && hi === i)
            return existing;
        const incompat = Incompatibility.dependency(this.pkg, this.span(lo, hi), dependee, range);
        for (let k = lo; k <= hi; k++) {
            let m = this.depIncompat[k];
            if (m === undefined) {
                m = new Map();
                this.depIncompat[k] = m;
            }
            const old = m.get(dependee);
            if (old !== undefined)
                old.superseded = true;
            m.set(dependee, incompat);
        }
        return incompat;
    }
    recordUnavailable(i, reason) {
        const same = (k) => {
            const d = this.fetched[k];
            return d !== undefined && d.kind === 'unavailable' && d.reason === reason;
        };
        let lo = i;
        let hi = i;
        while (lo > 0 && same(lo - 1))
            lo--;
        while (hi < this.sorted.length - 1 && same(hi + 1))
            hi++;
        const incompat = Incompatibility.unavailable(this.pkg, this.span(lo, hi), reason);
        for (let k = lo; k <= hi; k++) {
            const old = this.unavailableIncompat[k];
            if (old !== undefined)
                old.superseded = true;
            this.unavailableIncompat[k] = incompat;
        }
        return incompat;
    }
    /** The range covering sorted[lo..hi] and nothing else that is listed. */
    span(lo, hi) {
        const lower = lo === 0 ? undefined : { value: this.sorted[lo], inclusive: true };
        const next = this.sorted[hi + 1];
        const upper = next === undefined ? undefined : { value: next, inclusive: false };
        return this.ranges.interval(lower, upper);
    }
    indexOf(version) {
        let lo = 0;
        let hi = this.sorted.length - 1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const c = this.ranges.compare(this.sorted[mid], version);
            if (c === 0)
                return mid;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }
}

;// CONCATENATED MODULE: ./src/resolver/partial-solution.ts

class PartialSolution {
    assignments = [];
    packages = new Map();
    /** Packages with a positive accumulated term and no decision, in the order they became so. */
    undecided = new Set();
    /** Packages whose accumulated term changed since the last `takeChanged()`. */
    changed = new Set();
    /** decisionSerial[level] identifies the decision that opened `level` (see contradiction cache). */
    decisionSerial = [0];
    serial = 0;
    level = 0;
    get decisionLevel() {
        return this.level;
    }
    /** A serial number for the decision that opened `level`; changes when that level is redone. */
    serialAt(level) {
        return this.decisionSerial[level] ?? -1;
    }
    /**
     * Remember that `incompat` is contradicted now: it stays so while the current decision level stays
     * (the solver skips it until then).
     */
    markContradicted(incompat) {
        incompat.contradictedLevel = this.level;
        incompat.contradictedSerial = this.serialAt(this.level);
    }
    /** `markContradicted` was called at a decision level that is still in place. */
    knownContradicted(incompat) {
        const level = incompat.contradictedLevel;
        return level >= 0 && level <= this.level && this.serialAt(level) === incompat.contradictedSerial;
    }
    /** Everything known about `pkg`: the intersection of its assignments, or `undefined`. */
    accumulated(pkg) {
        return this.packages.get(pkg)?.current;
    }
    decision(pkg) {
        return this.packages.get(pkg)?.decision;
    }
    /** Packages that have a positive derivation but no decision yet. */
    undecidedPackages() {
        return this.undecided;
    }
    /** The packages whose accumulated term changed since the previous call (derivations, backtracks). */
    takeChanged() {
        const out = this.changed;
        this.changed = new Set();
        return out;
    }
    decisions() {
        const out = new Map();
        for (const [pkg, st] of this.packages)
            if (st.decision !== undefined)
                out.set(pkg, st.decision);
        return out;
    }
    decide(pkg, version, exact) {
        this.level++;
        this.serial++;
        this.decisionSerial[this.level] = this.serial;
        const st = this.state(pkg);
        st.decision = version;
        this.push(pkg, st, new Term(pkg, exact, true), undefined);
        this.undecided.delete(pkg);
    }
    /** Add a derivation (a term forced by `cause`). */
    derive(term, cause) {
        const st = this.state(term.pkg);
        const acc = this.push(term.pkg, st, term, cause);
        this.changed.add(term.pkg);
        if (acc.positive && st.decision === undefined)
            this.undecided.add(term.pkg);
    }
    /** Remove every assignment above `level`. */
    backtrack(level) {
        while (this.assignments.length > 0) {
            const last = this.assignments[this.assignments.length - 1];
            if (last.level <= level)
                break;
            this.assignments.pop();
            const st = this.packages.get(last.pkg);
            st.assignments.pop();
            this.changed.add(last.pkg);
            if (last.cause === undefined)
                st.decision = undefined;
            const acc = st.assignments[st.assignments.length - 1]?.accumulated;
            st.current = acc;
            if (acc !== undefined && acc.positive && st.decision === undefined)
                this.undecided.add(last.pkg);
            else
                this.undecided.delete(last.pkg);
        }
        this.decisionSerial.length = level + 1;
        this.level = level;
    }
    relation(incompat) {
        let unsatisfied;
        for (const term of incompat.terms) {
            // Hot path: the term remembers its package's state, saving a map lookup per check.
            const st = term.stateOwner === this ? term.state : this.bind(term);
            const acc = st.current;
            const rel = acc === undefined ? absentRelation(term) : acc.relation(term);
            if (rel === 'contradicted')
                return CONTRADICTED;
            if (rel === 'inconclusive') {
                if (unsatisfied !== undefined)
                    return INCONCLUSIVE;
                unsatisfied = term;
            }
        }
        return unsatisfied === undefined ? SATISFIED : { kind: 'almost', term: unsatisfied };
    }
    /**
     * For an incompatibility the partial solution satisfies, find the satisfier and the previous
     * satisfier's level (solver.md, "Conflict Resolution").
     */
    findSatisfier(incompat) {
        let satisfier;
        let satisfierTerm;
        const earliest = new Map();
        for (const term of incompat.terms) {
            // An always-true term (`not pkg ∅`) is satisfied before any assignment: it has no satisfier.
            if (term.isAlwaysTrue())
                continue;
            const st = this.packages.get(term.pkg);
            const found = st?.assignments.find((a) => a.accumulated.satisfies(term));
            if (found === undefined) {
                throw new Error(`internal: ${incompat.toString()} is not satisfied by the partial solution`);
            }
            earliest.set(term.pkg, found);
            if (satisfier === undefined || found.index > satisfier.index) {
                satisfier = found;
                satisfierTerm = term;
            }
        }
        if (satisfier === undefined || satisfierTerm === undefined) {
            throw new Error(`internal: no satisfier for ${incompat.toString()}`);
        }
        let previous;
        for (const [pkg, a] of earliest) {
            if (pkg === satisfier.pkg)
                continue;
            if (previous === undefined || a.index > previous.index)
                previous = a;
        }
        // The satisfier may only satisfy its term together with earlier assignments to the same package.
        if (!satisfier.term.satisfies(satisfierTerm)) {
            const st = this.packages.get(satisfier.pkg);
            for (const a of st.assignments) {
                if (a.index >= satisfier.index)
                    break;
                if (a.accumulated.intersect(satisfier.term).satisfies(satisfierTerm)) {
                    if (previous === undefined || a.index > previous.index)
                        previous = a;
                    break;
                }
            }
        }
        return {
            satisfier,
            term: satisfierTerm,
            previousSatisfierLevel: Math.max(1, previous?.level ?? 1),
        };
    }
    bind(term) {
        const st = this.state(term.pkg);
        term.stateOwner = this;
        term.state = st;
        return st;
    }
    state(pkg) {
        let st = this.packages.get(pkg);
        if (st === undefined) {
            st = { assignments: [], decision: undefined, current: undefined };
            this.packages.set(pkg, st);
        }
        return st;
    }
    push(pkg, st, term, cause) {
        const prev = st.assignments[st.assignments.length - 1]?.accumulated;
        const accumulated = prev === undefined ? term : prev.intersect(term);
        const a = {
            pkg,
            term,
            level: this.level,
            index: this.assignments.length,
            cause,
            accumulated,
        };
        this.assignments.push(a);
        st.assignments.push(a);
        st.current = accumulated;
        return accumulated;
    }
}
const SATISFIED = { kind: 'satisfied' };
const CONTRADICTED = { kind: 'contradicted' };
const INCONCLUSIVE = { kind: 'inconclusive' };
/** Relation of "nothing known about the package" (it may or may not be selected) to `term`. */
function absentRelation(term) {
    if (term.positive)
        return term.range.isEmpty() ? 'contradicted' : 'inconclusive';
    return term.range.isEmpty() ? 'satisfied' : 'inconclusive';
}

;// CONCATENATED MODULE: ./src/resolver/propagation.ts
class UnitPropagation {
    solution;
    index;
    derive;
    pending = [];
    head = 0;
    queued = new Set();
    constructor(solution, index, 
    /** Add a derivation to the partial solution (the solver also counts it and hints the provider). */
    derive) {
        this.solution = solution;
        this.index = index;
        this.derive = derive;
    }
    /** Empty the queue (what it held was undone by a backtrack) and start again from `pkg`. */
    restart(pkg) {
        this.pending.length = 0;
        this.head = 0;
        this.queued.clear();
        this.enqueue(pkg);
    }
    enqueue(pkg) {
        if (this.queued.has(pkg))
            return;
        this.pending.push(pkg);
        this.queued.add(pkg);
    }
    /** The next package to scan, in the order queued; undefined when propagation is done. */
    next() {
        if (this.head === this.pending.length)
            return undefined;
        const pkg = this.pending[this.head++];
        this.queued.delete(pkg);
        return pkg;
    }
    /**
     * Examine the incompatibilities of `pkg`, whose accumulated term changed: derive from the unit ones,
     * stop at and return a satisfied one (a conflict). `examineAll`: examine every incompatibility in
     * full (decision making found one of them unit), not only those whose term for `pkg` is satisfied.
     */
    scan(pkg, examineAll) {
        const list = this.index.get(pkg);
        if (list === undefined)
            return undefined;
        const solution = this.solution;
        const level = solution.decisionLevel;
        const serial = solution.serialAt(level);
        const { incompats, terms, level: levels, serial: serials } = list;
        let own = solution.accumulated(pkg);
        let conflict;
        let superseded = 0;
        // Newest first: conflict resolution tends to produce the more general ones later.
        for (let k = incompats.length - 1; k >= 0; k--) {
            // Known contradicted at a level still in place: skip without touching the incompatibility.
            const at = levels[k];
            if (at >= 0 && at <= level && solution.serialAt(at) === serials[k])
                continue;
            const incompat = incompats[k];
            if (incompat.superseded) {
                superseded++;
                continue;
            }
            if (solution.knownContradicted(incompat)) {
                levels[k] = incompat.contradictedLevel;
                serials[k] = incompat.contradictedSerial;
                continue;
            }
            if (!incompat.fresh && !examineAll) {
                // Only `pkg` changed, so an incompatibility already examined can only have become unit or
                // satisfied if its term for `pkg` is now satisfied (satisfaction is monotone along the
                // partial solution). Conflicts are still always caught: the last term of an incompatibility
                // to become satisfied is the one whose package is being scanned.
                const ownRel = own === undefined ? 'inconclusive' : own.relation(terms[k]);
                if (ownRel === 'inconclusive')
                    continue;
                if (ownRel === 'contradicted') {
                    solution.markContradicted(incompat);
                    levels[k] = level;
                    serials[k] = serial;
                    continue;
                }
            }
            incompat.fresh = false;
            const rel = solution.relation(incompat);
            if (rel.kind === 'satisfied') {
                conflict = incompat;
                break;
            }
            if (rel.kind === 'almost') {
                this.derive(rel.term.negate(), incompat);
                if (rel.term.pkg === pkg)
                    own = solution.accumulated(pkg);
                this.enqueue(rel.term.pkg);
            }
            else if (rel.kind === 'contradicted') {
                solution.markContradicted(incompat);
                levels[k] = level;
                serials[k] = serial;
            }
        }
        if (superseded > 0)
            list.dropSuperseded();
        return conflict;
    }
}

;// CONCATENATED MODULE: ./src/resolver/solver.ts
/**
 * The PubGrub version solver, after pub's doc/solver.md (Natalie Weizenbaum): unit propagation driven
 * by a queue of changed packages, conflict resolution that learns derived incompatibilities and
 * backjumps, and lazy decision making that turns a version's dependencies into incompatibilities only
 * when that version is about to be chosen.
 *
 * Asynchronous provider, never one request at a time: a package's version list is requested the moment
 * a dependency names it (many in flight at once, awaited together only when the next decision needs
 * them), and `prefetch` hints tell the provider which versions' dependencies are likely to be asked for
 * next. See provider.ts for the contract.
 *
 * Decision heuristic: among undecided packages with a positive derivation, the smallest provider
 * priority, then the fewest candidate versions (conflicts surface sooner, as in pub), then the package
 * discovered first; its version is the provider's most preferred one in the allowed range.
 *
 * Departures from the doc, for speed on graphs with many conflicts (bench/solver-bench.ts): a
 * backjump over more than `chronologicalBacktrackThreshold` levels undoes only the conflicting level
 * (chronological backtracking), and the implications that this records above their level are
 * re-derived after later backtracks (lost-implications.ts); propagation re-examines an incompatibility
 * it has already seen only when the changed package's term in it became satisfied, and skips those it
 * found contradicted at a level still in place (incompat-index.ts). All keep every answer the doc's
 * algorithm would accept (__tests__/resolver/solver-property.test.ts checks solutions against brute
 * force).
 */









function solve(options) {
    return new Solver(options).run();
}
class Solver {
    provider;
    ranges;
    root;
    signal;
    chronoThreshold;
    /** A chronological backtrack happened and no decision was made since: the next conflict backjumps. */
    chronoPending = false;
    /** Decision making found a unit incompatibility of this package: propagate it without shortcuts. */
    examineAll = undefined;
    solution = new PartialSolution();
    index = new IncompatIndex();
    lost = new LostImplications();
    unit = new UnitPropagation(this.solution, this.index, (term, cause) => this.derive(term, cause));
    listings = new Map();
    pendingListings = new Map();
    discovered = new Map();
    recorded = new Map();
    queue = new DecisionQueue();
    lastHint = new Map();
    stats = {
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
    constructor(options) {
        this.provider = options.provider;
        this.ranges = options.ranges;
        this.root = options.root;
        this.signal = options.signal;
        this.chronoThreshold = options.chronologicalBacktrackThreshold ?? 16;
        this.listings.set(this.root, new PackageListing(this.ranges, this.root, [options.rootVersion]));
        this.discovered.set(this.root, 0);
    }
    async run() {
        this.addIncompatibility(Incompatibility.root(this.root, this.ranges.any()));
        let next = this.root;
        while (next !== undefined) {
            throwIfAborted(this.signal);
            this.propagate(next);
            next = await this.decide();
        }
        const decisions = this.solution.decisions();
        decisions.delete(this.root);
        return { decisions, stats: { ...this.stats } };
    }
    // ---- unit propagation ------------------------------------------------------------------------
    propagate(start) {
        this.unit.restart(start);
        for (let pkg = this.unit.next(); pkg !== undefined; pkg = this.unit.next()) {
            const examineAll = this.examineAll === pkg;
            this.examineAll = undefined;
            let conflict = this.unit.scan(pkg, examineAll);
            while (conflict !== undefined)
                conflict = this.learnFrom(conflict);
        }
    }
    /**
     * Resolve a conflict, backjump, and derive what the learned incompatibility implies there, then what
     * the lost implications still imply. Returns the next conflict, if re-deriving those found one.
     */
    learnFrom(conflict) {
        const learned = this.resolveConflict(conflict);
        const after = this.solution.relation(learned);
        if (after.kind !== 'almost') {
            throw new Error(`internal: learned ${learned.toString()} is ${after.kind} after backjumping`);
        }
        this.derive(after.term.negate(), learned);
        this.unit.restart(after.term.pkg);
        return this.lost.reimply(this.solution, (term, cause) => {
            this.derive(term, cause);
            this.unit.enqueue(term.pkg);
        });
    }
    derive(term, cause) {
        this.solution.derive(term, cause);
        this.stats.propagations++;
        const acc = this.solution.accumulated(term.pkg);
        if (acc !== undefined && acc.positive && this.solution.decision(term.pkg) === undefined) {
            this.hint(term.pkg, acc.range);
        }
    }
    // ---- conflict resolution ---------------------------------------------------------------------
    resolveConflict(conflict) {
        this.stats.conflicts++;
        let incompat = conflict;
        let isNew = false;
        for (;;) {
            if (this.isFailure(incompat))
                throw new NoSolutionError(incompat, this.root);
            const { satisfier, previousSatisfierLevel } = this.solution.findSatisfier(incompat);
            if (satisfier.cause === undefined || previousSatisfierLevel !== satisfier.level) {
                if (isNew) {
                    this.addIncompatibility(incompat);
                    this.stats.learned++;
                }
                // Chronological backtracking (Nadel & Ryvchin, SAT 2018): when the backjump would undo many
                // decisions unrelated to the conflict, undo only the satisfier's level. The learned
                // incompatibility is still almost satisfied there (its satisfier is gone, everything else was
                // satisfied below), so propagation derives the same term — recorded at a later level than
                // strictly needed, which keeps the trail ordered by level and the algorithm sound.
                const jump = satisfier.level - previousSatisfierLevel;
                const chrono = jump > this.chronoThreshold && !this.chronoPending;
                const target = chrono ? satisfier.level - 1 : previousSatisfierLevel;
                this.chronoPending = chrono;
                this.solution.backtrack(target);
                this.lost.backtracked(target);
                if (chrono)
                    this.lost.add(incompat, previousSatisfierLevel);
                this.stats.backjumps++;
                return incompat;
            }
            incompat = Incompatibility.derive(incompat, satisfier.cause, satisfier.pkg);
            this.stats.incompatibilities++;
            isNew = true;
        }
    }
    /** No terms, or only "root is selected": the root cannot be part of any solution. */
    isFailure(incompat) {
        const terms = incompat.terms;
        if (terms.length === 0)
            return true;
        return terms.length === 1 && terms[0].positive && terms[0].pkg === this.root;
    }
    // ---- decision making -------------------------------------------------------------------------
    /** Make one decision (or learn why none is possible); returns the package to propagate from. */
    async decide() {
        this.chronoPending = false;
        const undecided = this.solution.undecidedPackages();
        if (undecided.size === 0)
            return undefined;
        // Rescore only the packages whose allowed versions changed since the last decision.
        const rescore = [...this.solution.takeChanged()].filter((p) => undecided.has(p));
        const missing = rescore.filter((p) => !this.listings.has(p));
        if (missing.length > 0)
            await abortable(this.signal, Promise.all(missing.map((p) => this.listingOf(p))));
        for (const pkg of rescore) {
            const term = this.solution.accumulated(pkg);
            const count = this.listings.get(pkg).countIn(term.range);
            const priority = this.provider.prioritize?.(pkg, term.range, count) ?? 0;
            const order = this.discovered.get(pkg) ?? Number.MAX_SAFE_INTEGER;
            this.queue.push({ pkg, term, priority, count, order });
        }
        const best = this.queue.popCurrent((e) => undecided.has(e.pkg) && this.solution.accumulated(e.pkg) === e.term);
        if (best === undefined)
            throw new Error('internal: undecided packages missing from the decision queue');
        const pkg = best.pkg;
        const range = best.term.range;
        const listing = this.listings.get(pkg);
        const version = listing.firstIn(range);
        if (version === undefined) {
            this.addIncompatibility(Incompatibility.noVersions(pkg, range));
            this.queue.push(best); // still undecided: keep it queued until its term changes
            return pkg;
        }
        const incompats = await this.incompatibilitiesOf(listing, version);
        // solver.md: add the version as a decision unless one of its incompatibilities would be satisfied.
        for (const incompat of incompats) {
            if (this.wouldBeSatisfied(incompat, pkg, version)) {
                // Unit now (it, or the wider incompatibility that superseded it): examine all of `pkg`'s.
                this.examineAll = pkg;
                this.queue.push(best);
                return pkg;
            }
        }
        this.solution.decide(pkg, version, listing.exact(version));
        this.stats.decisions++;
        return pkg;
    }
    wouldBeSatisfied(incompat, pkg, version) {
        for (const term of incompat.terms) {
            if (term.pkg === pkg) {
                if (term.positive !== term.range.contains(version))
                    return false;
                continue;
            }
            const acc = this.solution.accumulated(term.pkg);
            if (acc === undefined || !acc.satisfies(term))
                return false;
        }
        return true;
    }
    /** The incompatibilities for a version's dependencies, asking the provider the first time. */
    async incompatibilitiesOf(listing, version) {
        let byVersion = this.recorded.get(listing.pkg);
        if (byVersion === undefined) {
            byVersion = new Map();
            this.recorded.set(listing.pkg, byVersion);
        }
        const known = byVersion.get(version);
        if (known !== undefined)
            return known;
        this.stats.getDependenciesCalls++;
        const deps = await abortable(this.signal, this.provider.getDependencies(listing.pkg, version));
        const incompats = listing.record(version, deps);
        byVersion.set(version, incompats);
        for (const incompat of incompats) {
            if (incompat.cause.kind === 'dependency') {
                this.discover(incompat.cause.dependee, incompat.cause.dependeeRange);
            }
        }
        // Propagation visits a package's incompatibilities newest first; adding these in reverse makes it
        // derive the dependencies in the order the provider gave them (and explanations follow that order).
        for (let k = incompats.length - 1; k >= 0; k--)
            this.addIncompatibility(incompats[k]);
        return incompats;
    }
    // ---- provider plumbing -----------------------------------------------------------------------
    /** First sight of a package starts its version listing at once; every dependency is a prefetch hint. */
    discover(pkg, range) {
        if (!this.discovered.has(pkg)) {
            this.discovered.set(pkg, this.discovered.size);
            void this.listingOf(pkg).catch(() => undefined); // a failure surfaces when the listing is awaited
        }
        this.hint(pkg, range);
    }
    listingOf(pkg) {
        const done = this.listings.get(pkg);
        if (done !== undefined)
            return Promise.resolve(done);
        let pending = this.pendingListings.get(pkg);
        if (pending === undefined) {
            this.stats.listVersionsCalls++;
            pending = this.provider.listVersions(pkg).then((versions) => {
                const listing = new PackageListing(this.ranges, pkg, versions);
                this.listings.set(pkg, listing);
                this.pendingListings.delete(pkg);
                return listing;
            });
            this.pendingListings.set(pkg, pending);
        }
        return pending;
    }
    hint(pkg, range) {
        if (this.provider.prefetch === undefined || pkg === this.root)
            return;
        const last = this.lastHint.get(pkg);
        if (last !== undefined && last.equals(range))
            return;
        this.lastHint.set(pkg, range);
        this.stats.prefetchCalls++;
        this.provider.prefetch(pkg, range);
    }
    addIncompatibility(incompat) {
        if (incompat.cause.kind !== 'derived')
            this.stats.incompatibilities++;
        this.index.add(incompat);
    }
}

;// CONCATENATED MODULE: ./src/resolver/explain.ts
/**
 * The derivation tree behind a failed solve (pub's doc/solver.md, "Derivation Graph"): leaves are
 * external facts (dependencies, unusable versions, ranges with no versions, the root requirement),
 * inner nodes are incompatibilities derived by conflict resolution from exactly two causes. It is a
 * DAG: a derived node reached from several parents is the same object and is marked `shared`, which is
 * what the text formatter (report.ts) numbers so later lines can refer back to it.
 *
 * This module builds the structure only; turning it into sentences is report.ts's job, so other
 * front-ends (JSON, a job summary) can walk the same tree.
 */

function buildDerivationTree(source, root) {
    const incompat = source instanceof NoSolutionError ? source.incompatibility : source;
    const rootPkg = source instanceof NoSolutionError ? source.root : root;
    // Count how many times each derived incompatibility is used as a cause, visiting each once.
    const uses = new Map();
    const seen = new Set();
    const stack = [incompat];
    while (stack.length > 0) {
        const inc = stack.pop();
        if (seen.has(inc.id))
            continue;
        seen.add(inc.id);
        if (inc.cause.kind === 'derived') {
            for (const c of [inc.cause.conflict, inc.cause.other]) {
                uses.set(c.id, (uses.get(c.id) ?? 0) + 1);
                stack.push(c);
            }
        }
    }
    const built = new Map();
    const build = (inc) => {
        const done = built.get(inc.id);
        if (done !== undefined)
            return done;
        let node;
        const cause = inc.cause;
        if (cause.kind === 'derived') {
            node = {
                kind: 'derived',
                id: inc.id,
                terms: inc.terms,
                causes: [build(cause.conflict), build(cause.other)],
                shared: (uses.get(inc.id) ?? 0) > 1,
            };
        }
        else {
            node = { kind: 'external', id: inc.id, terms: inc.terms, fact: externalFact(inc) };
        }
        built.set(inc.id, node);
        return node;
    };
    return { root: rootPkg, node: build(incompat) };
}
function externalFact(inc) {
    const cause = inc.cause;
    const only = inc.terms[0];
    switch (cause.kind) {
        case 'root':
            return { kind: 'root', pkg: only.pkg };
        case 'no-versions':
            return { kind: 'no-versions', pkg: only.pkg, range: only.range };
        case 'unavailable':
            return { kind: 'unavailable', pkg: only.pkg, range: only.range, reason: cause.reason };
        case 'dependency':
            return {
                kind: 'dependency',
                depender: cause.depender,
                dependerRange: cause.dependerRange,
                dependee: cause.dependee,
                dependeeRange: cause.dependeeRange,
            };
        case 'derived':
            throw new Error('internal: a derived incompatibility is not an external fact');
    }
}

;// CONCATENATED MODULE: ./src/resolver/report.ts
/** Format the explanation: lines separated by "\n", numbered lines prefixed "(n) " and the rest aligned. */
function formatReport(tree, formatter = {}) {
    return new ReportWriter(tree, formatter).write();
}
class ReportWriter {
    tree;
    formatter;
    lines = [];
    lineNumbers = new Map();
    nextNumber = 1;
    formatVersion;
    packageName;
    formatRange;
    constructor(tree, formatter) {
        this.tree = tree;
        this.formatter = formatter;
        this.formatVersion = formatter.formatVersion ?? String;
        this.packageName = formatter.packageName ?? ((pkg) => pkg);
        this.formatRange = formatter.formatRange ?? ((_pkg, range) => range.toString(this.formatVersion));
    }
    write() {
        const node = this.tree.node;
        if (node.kind === 'external') {
            this.lines.push({ text: `Because ${this.external(node)}, ${this.incompatibility(node.terms)}.` });
        }
        else {
            this.visit(node, 'root');
        }
        const width = this.nextNumber > 1 ? `(${this.nextNumber - 1}) `.length : 0;
        return this.lines
            .map((l) => {
            if (l.text === '')
                return '';
            const prefix = l.number === undefined ? ' '.repeat(width) : `(${l.number}) `.padEnd(width);
            return prefix + l.text;
        })
            .join('\n');
    }
    // ---- the walk (solver.md "Error Reporting", steps 1–3) ---------------------------------------
    visit(node, mode) {
        const [c1, c2] = node.causes;
        const self = this.incompatibility(node.terms);
        if (c1.kind === 'derived' && c2.kind === 'derived') {
            const n1 = this.lineNumbers.get(c1.id);
            const n2 = this.lineNumbers.get(c2.id);
            if (n1 !== undefined && n2 !== undefined) {
                this.emit(node, mode, `Because ${this.derived(c1)} (${n1}) and ${this.derived(c2)} (${n2}), ${self}.`);
            }
            else if (n1 !== undefined || n2 !== undefined) {
                const [numbered, other] = n1 !== undefined ? [c1, c2] : [c2, c1];
                this.visit(other, 'normal');
                const n = this.lineNumbers.get(numbered.id);
                this.emit(node, mode, `And because ${this.derived(numbered)} (${n}), ${self}.`);
            }
            else {
                const simple = isSimple(c1) ? c1 : isSimple(c2) ? c2 : undefined;
                if (simple !== undefined) {
                    this.visit(simple === c1 ? c2 : c1, 'normal');
                    this.visit(simple, 'normal');
                    this.emit(node, mode, `Thus, ${self}.`);
                }
                else {
                    this.visit(c1, 'conclusion');
                    this.lines.push({ text: '' });
                    this.visit(c2, 'normal');
                    const n = this.lineNumbers.get(c1.id);
                    this.emit(node, mode, `And because ${this.derived(c1)} (${n}), ${self}.`);
                }
            }
            return;
        }
        if (c1.kind === 'derived' || c2.kind === 'derived') {
            const [derived, external] = (c1.kind === 'derived' ? [c1, c2] : [c2, c1]);
            const n = this.lineNumbers.get(derived.id);
            if (n !== undefined) {
                this.emit(node, mode, `Because ${this.external(external)} and ${this.derived(derived)} (${n}), ${self}.`);
                return;
            }
            const collapsed = this.collapsible(derived);
            if (collapsed !== undefined) {
                this.visit(collapsed.priorDerived, 'normal');
                this.emit(node, mode, `And because ${this.externals(collapsed.priorExternal, external)}, ${self}.`);
                return;
            }
            this.visit(derived, 'normal');
            this.emit(node, mode, `And because ${this.external(external)}, ${self}.`);
            return;
        }
        this.emit(node, mode, `Because ${this.externals(c1, c2)}, ${self}.`);
    }
    /** solver.md 2.ii: `derived` has one derived and one external cause, and is not referred to again. */
    collapsible(derived) {
        if (derived.shared)
            return undefined;
        const [a, b] = derived.causes;
        if (a.kind === 'derived' && b.kind === 'external' && !this.lineNumbers.has(a.id)) {
            return { priorDerived: a, priorExternal: b };
        }
        if (b.kind === 'derived' && a.kind === 'external' && !this.lineNumbers.has(b.id)) {
            return { priorDerived: b, priorExternal: a };
        }
        return undefined;
    }
    emit(node, mode, text) {
        const concluding = mode !== 'normal';
        const line = { text: concluding ? text.replace(/^And because /, 'So, because ') : text };
        if (mode === 'conclusion' || node.shared) {
            line.number = this.nextNumber++;
            this.lineNumbers.set(node.id, line.number);
        }
        this.lines.push(line);
    }
    // ---- wording ---------------------------------------------------------------------------------
    isRoot(pkg) {
        return pkg === this.tree.root;
    }
    /** "foo >=1.0", "foo" for any version, the root's name alone. */
    object(pkg, range) {
        const name = this.packageName(pkg);
        if (this.isRoot(pkg) || range.isAny())
            return name;
        return `${name} ${this.formatRange(pkg, range)}`;
    }
    /** Like `object`, but "every version of foo" for any version (the subject of "depends on"). */
    subject(pkg, range) {
        if (!this.isRoot(pkg) && range.isAny())
            return `every version of ${this.packageName(pkg)}`;
        return this.object(pkg, range);
    }
    derived(node) {
        return this.incompatibility(node.terms);
    }
    /** A derived incompatibility as a statement of what is forbidden or required. */
    incompatibility(terms) {
        const positive = terms.filter((t) => t.positive);
        const negative = terms.filter((t) => !t.positive);
        if (terms.length === 0 ||
            (terms.length === 1 && positive.length === 1 && this.isRoot(positive[0].pkg))) {
            return 'version solving failed';
        }
        if (terms.length === 1) {
            const t = terms[0];
            return t.positive
                ? `${this.object(t.pkg, t.range)} is forbidden`
                : `${this.object(t.pkg, t.range)} is required`;
        }
        if (positive.length === 1 && negative.length === 1) {
            const p = positive[0];
            const n = negative[0];
            return `${this.subject(p.pkg, p.range)} requires ${this.object(n.pkg, n.range)}`;
        }
        const pos = positive.map((t) => this.object(t.pkg, t.range));
        const neg = negative.map((t) => this.object(t.pkg, t.range));
        if (neg.length === 0)
            return `${joinList(pos, 'and')} are incompatible`;
        if (pos.length === 0)
            return `one of ${joinList(neg, 'or')} is required`;
        return `${joinList(pos, 'and')} together require ${joinList(neg, 'or')}`;
    }
    external(node) {
        const fallback = this.defaultExternal(node.fact);
        return this.formatter.describeExternal?.(node.fact, fallback) ?? fallback;
    }
    defaultExternal(fact) {
        switch (fact.kind) {
            case 'root':
                return `${this.packageName(fact.pkg)} is the root`;
            case 'no-versions':
                return fact.range.isAny()
                    ? `${this.packageName(fact.pkg)} has no versions`
                    : `no versions of ${this.packageName(fact.pkg)} match ${this.formatRange(fact.pkg, fact.range)}`;
            case 'unavailable':
                return `${this.object(fact.pkg, fact.range)} ${fact.reason}`;
            case 'dependency':
                return `${this.subject(fact.depender, fact.dependerRange)} depends on ${this.object(fact.dependee, fact.dependeeRange)}`;
        }
    }
    /** Two external facts joined, merging two dependencies where the doc's examples do. */
    externals(a, b) {
        const custom = (n) => this.formatter.describeExternal?.(n.fact, this.defaultExternal(n.fact)) !== undefined;
        const fa = a.fact;
        const fb = b.fact;
        if (fa.kind === 'dependency' && fb.kind === 'dependency' && !custom(a) && !custom(b)) {
            if (fa.depender === fb.depender && fa.dependerRange.equals(fb.dependerRange)) {
                return (`${this.subject(fa.depender, fa.dependerRange)} depends on both ` +
                    `${this.object(fa.dependee, fa.dependeeRange)} and ${this.object(fb.dependee, fb.dependeeRange)}`);
            }
            const through = (x, y) => x.dependee === y.depender && x.dependeeRange.isSubsetOf(y.dependerRange)
                ? `${this.subject(x.depender, x.dependerRange)} depends on ${this.object(x.dependee, x.dependeeRange)} ` +
                    `which depends on ${this.object(y.dependee, y.dependeeRange)}`
                : undefined;
            const merged = through(fa, fb) ?? through(fb, fa);
            if (merged !== undefined)
                return merged;
        }
        return `${this.external(a)} and ${this.external(b)}`;
    }
}
/** Caused by two external incompatibilities: explained in one line (solver.md 1.iii). */
function isSimple(node) {
    return node.kind === 'derived' && node.causes[0].kind === 'external' && node.causes[1].kind === 'external';
}
function joinList(items, conjunction) {
    if (items.length <= 1)
        return items.join('');
    return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

;// CONCATENATED MODULE: ./src/provider/candidate-policy.ts
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
function evaluate(project, spec, pre, flags) {
    const matching = project.preferred.filter((c) => spec.matches(c.version));
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

;// CONCATENATED MODULE: ./src/provider/candidates.ts




/** Whether `python` satisfies a `Requires-Python` value; an unparsable value is ignored, as pip does. */
function requiresPythonAllows(requiresPython, python) {
    if (requiresPython === undefined || requiresPython.trim() === '')
        return true;
    let set;
    try {
        set = SpecifierSet.parse(requiresPython);
    }
    catch {
        return true;
    }
    return set.contains(python, { prereleases: true });
}
/**
 * A key equal for versions that compare equal (PEP 440 pads releases with zeros: 1.0 == 1.0.0),
 * so one version is listed once.
 */
function versionKey(v) {
    const m = /^(\d+!)?(\d+(?:\.\d+)*)(.*)$/s.exec(v.toString());
    if (m === null)
        return v.toString();
    const release = m[2].replace(/(?:\.0)+$/, '');
    return `${m[1] ?? ''}${release}${m[3] ?? ''}`;
}
function compareFiles(a, b) {
    // pip's CandidateEvaluator._sort_key puts has_allowed_hash first.
    const ua = a.hashUnchecked === true ? 1 : 0;
    const ub = b.hashUnchecked === true ? 1 : 0;
    if (ua !== ub)
        return ua - ub;
    const ya = a.file.yanked === false ? 0 : 1;
    const yb = b.file.yanked === false ? 0 : 1;
    if (ya !== yb)
        return ya - yb;
    if (a.priority !== b.priority)
        return a.priority < b.priority ? -1 : 1;
    if (a.buildTag !== b.buildTag)
        return b.buildTag - a.buildTag;
    return a.file.filename < b.file.filename ? -1 : a.file.filename > b.file.filename ? 1 : 0;
}
/**
 * Groups a project page into versions, chooses each version's file and orders versions in the
 * order the solver should try them. `hashes` (algorithm → digests) applies `--hash` pinning.
 */
function versionCandidates(page, rules, options = {}) {
    const groups = new Map();
    const name = page.project;
    const wheelsAllowed = rules.mayUseWheel(name);
    const sdistsAllowed = rules.mayUseSdist(name);
    for (const file of page.files) {
        let kind;
        let versionText;
        let priority = Number.POSITIVE_INFINITY;
        let buildTag = -1;
        let reason;
        try {
            if (file.filename.endsWith('.whl')) {
                const parsed = parseWheelFilename(file.filename);
                if (parsed.name !== name)
                    continue;
                kind = 'wheel';
                versionText = parsed.version;
                buildTag = parsed.buildTag?.n ?? -1;
                for (const tag of parsed.tags) {
                    const rank = rules.tagPriority.get((0,standards_tag/* tagToString */.lJ)(tag));
                    if (rank !== undefined && rank < priority)
                        priority = rank;
                }
                if (!wheelsAllowed)
                    reason = 'wheels are not allowed (--no-binary)';
                else if (priority === Number.POSITIVE_INFINITY)
                    reason = `no wheel for ${rules.tagSummary}`;
            }
            else {
                const parsed = parseSdistFilename(file.filename, name);
                if (parsed.name !== name)
                    continue;
                kind = 'sdist';
                versionText = parsed.version;
                if (!sdistsAllowed)
                    reason = 'sdists are not allowed (--only-binary)';
            }
        }
        catch (error) {
            if (error instanceof InvalidFilenameError) {
                options.logger?.debug(`skipping ${file.filename} on ${page.source}: ${error.message}`);
                continue;
            }
            throw error;
        }
        const version = standards_version/* Version */.Rx.tryParse(versionText);
        if (version === null)
            continue;
        if (reason === undefined && !requiresPythonAllows(file.requiresPython, rules.pythonVersion)) {
            reason = `needs Python ${file.requiresPython ?? ''}, but the target is ${rules.pythonVersion.toString()}`;
        }
        if (reason === undefined && options.hashes !== undefined)
            reason = hashPinProblem(file, options.hashes);
        const key = versionKey(version);
        let group = groups.get(key);
        if (group === undefined) {
            group = { version, files: [], reasons: [], wheelReasons: [], hasSdist: false };
            groups.set(key, group);
        }
        if (kind === 'sdist')
            group.hasSdist = true;
        if (reason === undefined) {
            const unchecked = options.hashes !== undefined && hashPinStatus(file, options.hashes) === 'unchecked';
            group.files.push({
                file,
                kind,
                priority,
                buildTag,
                ...(unchecked ? { hashUnchecked: true } : {}),
            });
        }
        else {
            group.reasons.push(reason);
            if (kind === 'wheel')
                group.wheelReasons.push(reason);
        }
    }
    const out = [];
    for (const group of groups.values()) {
        const usable = [...group.files].sort(compareFiles);
        const best = usable[0];
        const wheelProblems = [...new Set(group.wheelReasons)];
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

;// CONCATENATED MODULE: ./src/provider/package-id.ts

const ROOT_ID = '<root>';
function packageId(name, extra) {
    return extra === undefined ? name : `${name}[${extra}]`;
}
/** The key recorded edges are filed under: `id@version` (versionKey), or the root id. */
function dependerKey(id, version) {
    return id === ROOT_ID ? ROOT_ID : `${id}@${versionKey(version)}`;
}
function parsePackageId(id) {
    const open = id.indexOf('[');
    if (open < 0)
        return { name: id };
    return { name: id.slice(0, open), extra: id.slice(open + 1, -1) };
}

;// CONCATENATED MODULE: ./src/provider/policy-ledger.ts



class PolicyLedger {
    pre;
    flagsOf;
    /** `id@version` (dependerKey, or the root id) → the requirement edges its dependencies handed out. */
    recorded = new Map();
    constructor(pre, flagsOf) {
        this.pre = pre;
        this.flagsOf = flagsOf;
    }
    /** The versions an edge from `from` with specifier `spec` admits this round; recorded. */
    admit(from, project, spec) {
        const allowed = admittedCandidates(project, spec, this.pre, this.flagsOf(project));
        let list = this.recorded.get(from);
        if (list === undefined) {
            list = [];
            this.recorded.set(from, list);
        }
        list.push({ project, spec, admitted: new Set(allowed.map((c) => versionKey(c.version))) });
        return allowed;
    }
    /**
     * The flags every edge handed out so far sets for its project on its own (one requirement naming
     * a pre-release, matching only pre-releases, or pinning only yanked versions).
     */
    seenFlags() {
        const out = new Map();
        for (const edges of this.recorded.values()) {
            for (const e of edges) {
                const flags = policyTriggers(e.project, e.spec, this.pre);
                if (flags.prereleases || flags.yanked)
                    out.set(e.project.name, orFlags(out.get(e.project.name), flags));
            }
        }
        return out;
    }
    /**
     * pip's merged rule on a solution: for each chosen project, the requirements of the chosen
     * versions (and the root) on it merged into one specifier. `flags` are what that merged specifier
     * allows; `offenders` are projects whose chosen version pip would not admit under it (a flag
     * learned from a requirement that is not part of this solution let it in).
     */
    activeFlags(decisions) {
        const merged = new Map();
        const take = (key) => {
            for (const e of this.recorded.get(key) ?? []) {
                const prev = merged.get(e.project.name);
                merged.set(e.project.name, {
                    project: e.project,
                    spec: prev === undefined ? e.spec : prev.spec.and(e.spec),
                });
            }
        };
        take(ROOT_ID);
        for (const [id, version] of decisions)
            if (id !== ROOT_ID)
                take(dependerKey(id, version));
        const flags = new Map();
        const offenders = [];
        for (const [name, { project, spec }] of merged) {
            const chosen = decisions.get(name);
            if (chosen === undefined)
                continue;
            const admitted = admittedCandidates(project, spec, this.pre);
            if (!admitted.some((c) => c.version.compare(chosen) === 0))
                offenders.push(name);
            const triggers = policyTriggers(project, spec, this.pre);
            if (triggers.prereleases || triggers.yanked)
                flags.set(name, triggers);
        }
        return { flags, offenders };
    }
    /** Whether `flags`, added to this round's, would change the versions any recorded edge admits. */
    changesUnder(flags) {
        for (const edges of this.recorded.values()) {
            for (const e of edges) {
                if (!flags.has(e.project.name))
                    continue;
                const now = admittedCandidates(e.project, e.spec, this.pre, this.flagsOf(e.project, flags));
                if (now.length !== e.admitted.size || now.some((c) => !e.admitted.has(versionKey(c.version))))
                    return true;
            }
        }
        return false;
    }
}

;// CONCATENATED MODULE: ./src/provider/python-provider.ts








class PythonProvider {
    options;
    /** Constraints (markers true for the target) per project. */
    constraints = new Map();
    /** Root requirements (markers true) merged per project, extras included. */
    rootSpecs = new Map();
    rootFlagCache = new Map();
    /** Every requirement edge this round handed out, for resolve-rounds.ts. */
    ledger;
    warnedExtras;
    /** What a chosen version's dependencies came from, for the resolution and reports. */
    chosenMetadata = new Map();
    requestedExtras = new Map();
    constructor(options) {
        this.options = options;
        this.warnedExtras = options.warnedExtras ?? new Set();
        this.ledger = new PolicyLedger(options.pre, (project, extra) => this.flagsFor(project, extra));
        const applies = (r) => r.requirement.marker === undefined || evaluateMarker(r.requirement.marker, options.markers);
        for (const r of options.constraints) {
            if (!applies(r))
                continue;
            const name = r.requirement.name;
            this.constraints.set(name, (this.constraints.get(name) ?? new SpecifierSet()).and(r.requirement.specifier));
        }
        for (const r of options.requirements) {
            if (!applies(r))
                continue;
            const name = r.requirement.name;
            this.rootSpecs.set(name, (this.rootSpecs.get(name) ?? new SpecifierSet()).and(r.requirement.specifier));
        }
    }
    /** The flags of the root requirements (always active) on a project, with its constraints. */
    rootFlags(project) {
        let flags = this.rootFlagCache.get(project.name);
        if (flags === undefined) {
            const root = this.rootSpecs.get(project.name);
            flags =
                root === undefined
                    ? NO_FLAGS
                    : policyTriggers(project, this.withConstraints(project.name, root), this.options.pre);
            this.rootFlagCache.set(project.name, flags);
        }
        return flags;
    }
    withConstraints(name, spec) {
        const constraint = this.constraints.get(name);
        return constraint === undefined ? spec : spec.and(constraint);
    }
    flagsFor(project, extra) {
        return orFlags(orFlags(this.rootFlags(project), this.options.flags?.get(project.name)), extra?.get(project.name));
    }
    get universe() {
        return this.options.universe;
    }
    /** Versions of a package in the order the solver should try them. */
    async listVersions(id) {
        const { name } = parsePackageId(id);
        const project = await this.universe.project(name);
        const usable = project.preferred.filter((c) => c.best !== undefined);
        const unusable = project.preferred.filter((c) => c.best === undefined);
        return [...usable, ...unusable].map((c) => c.version);
    }
    /** The project's listed versions, ascending (for building ranges). */
    async ascendingVersions(name) {
        return (await this.universe.project(name)).ascending;
    }
    /** pip's candidate rules for one requirement on `name`, as the set of listed versions admitted. */
    allowedVersions(project, specifier, from) {
        const spec = this.withConstraints(project.name, specifier);
        const allowed = this.ledger.admit(from, project, spec);
        this.prefetchLikely(project, allowed);
        return allowed.map((c) => c.version).sort((a, b) => a.compare(b));
    }
    /** Starts the METADATA fetch of the version the solver will most likely pick. */
    prefetchLikely(project, allowed) {
        const first = allowed.find((c) => c.best !== undefined);
        if (first !== undefined)
            this.universe.prefetchMetadata(project.name, first.version);
    }
    async edgesFor(from, requirements) {
        for (const r of requirements)
            this.universe.prefetchPage(r.req.name);
        const byId = new Map();
        for (const { req, text, origin } of requirements) {
            for (const id of [packageId(req.name), ...req.extras.map((e) => packageId(req.name, e))]) {
                const prev = byId.get(id);
                if (prev === undefined) {
                    byId.set(id, { name: req.name, spec: req.specifier, texts: [text], origins: [origin] });
                }
                else {
                    prev.spec = prev.spec.and(req.specifier);
                    if (!prev.texts.includes(text))
                        prev.texts.push(text);
                    if (!prev.origins.includes(origin))
                        prev.origins.push(origin);
                }
            }
        }
        const entries = [...byId.entries()];
        const projects = await Promise.all(entries.map(([, e]) => this.universe.project(e.name)));
        return entries.map(([id, e], i) => ({
            id,
            name: e.name,
            allowed: this.allowedVersions(projects[i], e.spec, from),
            text: e.texts.join(', '),
            specifier: e.spec.toString(),
            origin: e.origins.join(', '),
        }));
    }
    async rootDependencies() {
        const reqs = [];
        for (const r of this.options.requirements) {
            const req = r.requirement;
            if (req.marker !== undefined && !evaluateMarker(req.marker, this.options.markers)) {
                this.options.logger.debug(`${r.origin}: ${req.text} does not apply to the target (marker)`);
                continue;
            }
            reqs.push({ req, text: req.text, origin: r.origin });
            if (req.extras.length > 0) {
                const set = this.requestedExtras.get(req.name) ?? new Set();
                for (const e of req.extras)
                    set.add(e);
                this.requestedExtras.set(req.name, set);
            }
        }
        return this.edgesFor(ROOT_ID, reqs);
    }
    async getDependencies(id, version) {
        if (id === ROOT_ID)
            return { kind: 'ok', edges: await this.rootDependencies() };
        const { name, extra } = parsePackageId(id);
        this.prefetchOlder(name, version);
        const result = await this.universe.metadata(name, version);
        if (result.kind === 'unavailable')
            return result;
        const meta = result.metadata;
        if (!requiresPythonAllows(meta.requiresPython, this.options.pythonVersion)) {
            return {
                kind: 'unavailable',
                reason: `needs Python ${meta.requiresPython ?? ''}, but the target is ${this.options.pythonVersion.toString()}`,
            };
        }
        const origin = `${name} ${version.toString()}`;
        const from = dependerKey(id, version);
        const env = this.options.markers;
        const reqs = [];
        if (extra === undefined) {
            this.chosenMetadata.set(`${name}==${version.toString()}`, meta);
            for (const dep of meta.requiresDist) {
                const m = dep.requirement.marker;
                if (m !== undefined && !evaluateMarker(m, env))
                    continue;
                if (dep.requirement.name === name && dep.requirement.extras.length === 0)
                    continue;
                reqs.push({ req: dep.requirement, text: dep.text, origin });
            }
            return { kind: 'ok', edges: await this.edgesFor(from, reqs) };
        }
        // pip (metadata backends' iter_provided_extras): Provides-Extra only, PEP 685 normalized on
        // both sides; no Provides-Extra means no extras, even when markers test `extra`.
        const provided = new Set(meta.providesExtra);
        const edges = [];
        if (!provided.has(names_normalizeName(extra))) {
            const key = packageId(name, names_normalizeName(extra));
            if (!this.warnedExtras.has(key)) {
                this.warnedExtras.add(key);
                this.options.logger.warn(`${name} ${version.toString()} does not provide the extra '${extra}'`);
            }
        }
        else {
            for (const dep of meta.requiresDist) {
                const m = dep.requirement.marker;
                if (m === undefined || !evaluateMarker(m, env, [extra]) || evaluateMarker(m, env))
                    continue;
                reqs.push({
                    req: dep.requirement,
                    text: dep.text,
                    origin: `${name}[${extra}] ${version.toString()}`,
                });
            }
            edges.push(...(await this.edgesFor(from, reqs)));
        }
        edges.unshift({
            id: name,
            name,
            allowed: [version],
            text: `${name}==${version.toString()}`,
            specifier: `==${version.toString()}`,
            origin: `${name}[${extra}]`,
        });
        return { kind: 'ok', edges };
    }
    /** Solver hint: fetch METADATA of the first usable version (in preference order) `inRange` admits. */
    prefetchFirstIn(name, inRange) {
        void this.universe.project(name).then((project) => {
            const first = project.preferred.find((c) => c.best !== undefined && inRange(c.version));
            if (first !== undefined)
                this.universe.prefetchMetadata(name, first.version);
        }, () => { });
    }
    /** When the solver asks for a version other than the newest usable one, fetch the next older ones too. */
    prefetchOlder(name, version) {
        void this.universe.project(name).then((project) => {
            const usable = project.preferred.filter((c) => c.best !== undefined);
            const at = usable.findIndex((c) => c.version.compare(version) === 0);
            if (at <= 0)
                return;
            const batch = this.options.backtrackBatch ?? 4;
            for (const c of usable.slice(at + 1, at + 1 + batch))
                this.universe.prefetchMetadata(name, c.version);
        }, () => { });
    }
}

;// CONCATENATED MODULE: ./src/provider/explain-python.ts



function formatRange(ctx, pkg, range) {
    const origin = ctx.adapter.originOf(pkg, range);
    if (origin !== undefined && origin.specifier !== '')
        return origin.specifier;
    const single = range.singleVersion();
    if (single !== undefined)
        return `==${single.toString()}`;
    return range.toString();
}
function describeExternal(ctx, fact) {
    if (fact.kind === 'dependency' && fact.depender === ROOT_ID) {
        const origin = ctx.adapter.originOf(fact.dependee, fact.dependeeRange);
        if (origin !== undefined)
            return `${origin.origin} requires ${origin.text}`;
        return undefined;
    }
    if (fact.kind === 'no-versions' && ctx.adapter.missing.has(fact.pkg)) {
        return `no index has a project named ${fact.pkg}`;
    }
    return undefined;
}
/** The explanation text printed on stderr when no resolution exists. */
function explainNoSolution(error, ctx) {
    const body = formatReport(buildDerivationTree(error), {
        formatVersion: (v) => v.toString(),
        packageName: (pkg) => (pkg === ROOT_ID ? 'the requirements' : pkg),
        formatRange: (pkg, range) => formatRange(ctx, pkg, range),
        describeExternal: (fact) => describeExternal(ctx, fact),
    });
    return `No solution for ${ctx.target.summary} (Python ${ctx.target.pythonVersion.toString()}):\n${body}`;
}

;// CONCATENATED MODULE: ./src/provider/dist-metadata.ts
/**
 * The parts of a distribution's core metadata the resolver uses: Requires-Dist parsed as PEP 508
 * requirements (with their text kept for reports), Requires-Python and Provides-Extra (PEP 685
 * normalized). A Requires-Dist line that does not parse is skipped with a warning naming the file,
 * as pip does for invalid dependency lines of installed metadata.
 *
 * Takes the file's bytes or text, or its `CoreMetadata` when the source already parsed it (the
 * metadata fetcher does, once per file), so a file is not parsed again here.
 */



function parseDistMetadata(input, filename, logger) {
    const metadata = typeof input === 'string' || input instanceof Uint8Array ? parseMetadata(input).metadata : input;
    const requiresDist = [];
    for (const text of metadata.requiresDist) {
        try {
            requiresDist.push({ text, requirement: requirement_parseRequirement(text) });
        }
        catch (error) {
            logger.warn(`${filename}: ignoring invalid Requires-Dist ${JSON.stringify(text)}: ${error.message}`);
        }
    }
    return {
        name: metadata.name,
        version: metadata.version,
        requiresDist,
        requiresDistText: [...metadata.requiresDist],
        ...(metadata.requiresPython !== undefined ? { requiresPython: metadata.requiresPython } : {}),
        providesExtra: metadata.providesExtra.map((e) => names_normalizeName(e)),
    };
}

;// CONCATENATED MODULE: ./src/provider/project-universe.ts


class ProjectUniverse {
    options;
    pages = new Map();
    metadataCache = new Map();
    stats = { pages: 0, metadata: 0, metadataByPath: {} };
    constructor(options) {
        this.options = options;
    }
    /** Starts fetching a page without waiting (errors surface when `project` is awaited). */
    prefetchPage(name) {
        this.project(name).catch(() => { });
    }
    project(name) {
        let p = this.pages.get(name);
        if (p === undefined) {
            p = this.loadProject(name);
            this.pages.set(name, p);
        }
        return p;
    }
    async loadProject(name) {
        const direct = this.options.directFiles?.get(name);
        let page;
        if (direct !== undefined) {
            page = { project: name, files: [direct], source: direct.source };
        }
        else {
            page = await this.options.pages.getProject(name);
            this.stats.pages++;
        }
        if (page === null) {
            return { name, exists: false, preferred: [], ascending: [], byKey: new Map() };
        }
        const hashes = this.options.hashesFor?.(name);
        const preferred = versionCandidates(page, this.options.rules, {
            ...(hashes !== undefined ? { hashes } : {}),
            logger: this.options.logger,
        });
        const byKey = new Map(preferred.map((c) => [versionKey(c.version), c]));
        const ascending = preferred.map((c) => c.version).sort((a, b) => a.compare(b));
        const project = {
            name,
            exists: true,
            source: page.source,
            preferred,
            ascending,
            byKey,
        };
        const likely = this.options.likelyCandidate?.(project);
        if (likely !== undefined)
            this.prefetchMetadata(name, likely.version);
        return project;
    }
    prefetchMetadata(name, version) {
        this.metadata(name, version).catch(() => { });
    }
    /** Whether METADATA of this version was already requested. */
    hasMetadata(name, version) {
        return this.metadataCache.has(`${name}==${versionKey(version)}`);
    }
    metadata(name, version) {
        const key = `${name}==${versionKey(version)}`;
        let p = this.metadataCache.get(key);
        if (p === undefined) {
            p = this.loadMetadata(name, version);
            this.metadataCache.set(key, p);
        }
        return p;
    }
    async loadMetadata(name, version) {
        const project = await this.project(name);
        const candidate = project.byKey.get(versionKey(version));
        if (candidate === undefined)
            return { kind: 'unavailable', reason: `${name} ${version.toString()} is not on the index` };
        if (candidate.best === undefined)
            return { kind: 'unavailable', reason: candidate.unusable ?? 'no usable file' };
        const wheelReasons = candidate.usable.some((f) => f.kind === 'wheel') ? [] : candidate.wheelProblems;
        for (const file of candidate.usable) {
            const outcome = await this.options.metadata.fetchMetadata(file.file);
            if (outcome.kind === 'needs-build') {
                this.options.logger.debug(`${file.file.filename}: ${outcome.reason}`);
                continue;
            }
            this.stats.metadata++;
            this.stats.metadataByPath[outcome.path] = (this.stats.metadataByPath[outcome.path] ?? 0) + 1;
            const metadata = parseDistMetadata(outcome.parsed ?? outcome.metadata, file.file.filename, this.options.logger);
            return { kind: 'ok', metadata, file, path: outcome.path };
        }
        return { kind: 'unavailable', reason: summarize([...wheelReasons, 'sdist needs a build']) };
    }
}

;// CONCATENATED MODULE: ./src/provider/resolve-rounds.ts
/**
 * pip's per-project candidate policy over a per-edge solver, by rounds.
 *
 * pip merges every requirement on a project before applying its pre-release and yanked rules
 * (candidate-policy.ts); PubGrub takes a fixed range per dependency edge. The two meet here: a round
 * is one complete solve in which each edge applies the rules to its own specifier, widened by policy
 * flags per project (python-provider.ts). After a round:
 * - solved: the solution is checked against pip's merged rule (the requirements of the chosen
 *   versions on each project). A chosen version the merged rule rejects came in through a flag
 *   learned from a requirement outside the solution: that flag is dropped and the round repeated
 *   (and never relearned). Otherwise the flags the solution's own merged
 *   requirements set are learned; if they change any edge, the next round looks for the solution
 *   pip prefers under them (e.g. a newer pre-release one requirement allows for the whole project);
 * - unsatisfiable: the flags any requirement seen in the round sets on its own (naming a
 *   pre-release, matching only pre-releases, pinning only yanked versions) are learned, and the
 *   round repeated if they change any edge.
 * Flags only widen edges, so a later round keeps every earlier solution available. It stops when
 * nothing changes, or after `maxRounds`, with the last accepted solution, else the last failure.
 * Each round is deterministic, so the whole is. Metadata and pages are shared (ProjectUniverse),
 * so later rounds only pay for the solver and for versions not seen before.
 *
 * Not covered: a pre-release or yanked version admitted only by the intersection of several
 * requirements none of which sets a flag alone (`>=1.5` and `<1.6` leaving only 1.5rc1);
 * requirements pip would reject while merging them one at a time (pip's order-dependent failures).
 */


function describe(flags) {
    const parts = [];
    for (const [name, f] of flags) {
        const what = [f.prereleases ? 'pre-releases' : '', f.yanked ? 'yanked versions' : ''].filter(Boolean);
        parts.push(`${what.join(' and ')} of ${name}`);
    }
    return parts.join(', ');
}
async function solveInRounds(options) {
    const maxRounds = options.maxRounds ?? 8;
    let flags = new Map();
    const distrusted = new Set();
    let best;
    let failure;
    for (let n = 1; n <= maxRounds; n++) {
        const round = options.newRound(flags);
        let learned;
        try {
            const { decisions, stats } = await options.solve(round);
            const active = round.provider.ledger.activeFlags(decisions);
            const drop = active.offenders.filter((name) => flags.has(name));
            if (drop.length > 0) {
                options.logger.debug(`policy round ${n}: ${drop.join(', ')} chosen through a requirement outside the solution; resolving again without it`);
                flags = new Map([...flags].filter(([name]) => !drop.includes(name)));
                for (const name of drop)
                    distrusted.add(name);
                continue;
            }
            best = { kind: 'solved', decisions, stats, round, rounds: n };
            learned = active.flags;
        }
        catch (error) {
            if (!(error instanceof NoSolutionError))
                throw error;
            failure = { kind: 'unsatisfiable', error: error, round, rounds: n };
            // Dropping a flag narrowed the edges: the earlier solution stands.
            if (best !== undefined)
                return best;
            learned = round.provider.ledger.seenFlags();
        }
        const added = new Map();
        for (const [name, f] of learned) {
            if (distrusted.has(name))
                continue;
            const prev = flags.get(name);
            const next = orFlags(prev, f);
            if (next.prereleases !== (prev?.prereleases ?? false) || next.yanked !== (prev?.yanked ?? false))
                added.set(name, next);
        }
        if (added.size === 0 || !round.provider.ledger.changesUnder(added))
            break;
        options.logger.debug(`policy round ${n}: pip's merged requirements allow ${describe(added)}; resolving again`);
        flags = new Map([...flags, ...added]);
    }
    const outcome = best ?? failure;
    if (outcome === undefined)
        throw new Error(`internal: no policy round finished in ${maxRounds} rounds`);
    return outcome;
}

;// CONCATENATED MODULE: ./src/provider/solver-adapter.ts


class SolverAdapter {
    provider;
    ranges;
    /** `pkg` → range string → where that range came from. */
    origins = new Map();
    prefetched = new Set();
    constructor(provider, ranges) {
        this.provider = provider;
        this.ranges = ranges;
    }
    /** Packages whose version list was empty (no index knows them). */
    missing = new Set();
    async listVersions(pkg) {
        const versions = await this.provider.listVersions(pkg);
        if (versions.length === 0)
            this.missing.add(pkg);
        return versions;
    }
    async getDependencies(pkg, version) {
        const result = await this.provider.getDependencies(pkg, version);
        if (result.kind === 'unavailable')
            return result;
        const dependencies = new Map();
        if (pkg === ROOT_ID)
            for (const edge of result.edges)
                this.direct.add(edge.id);
        for (const edge of result.edges) {
            const range = await this.rangeOf(edge);
            this.remember(edge.id, range, { text: edge.text, specifier: edge.specifier, origin: edge.origin });
            const prev = dependencies.get(edge.id);
            dependencies.set(edge.id, prev === undefined ? range : prev.intersection(range));
        }
        return { kind: 'available', dependencies };
    }
    /** Packages named by the requirement files are decided first (pip and uv both favour them). */
    prioritize(pkg) {
        return this.direct.has(pkg) ? 0 : 1;
    }
    direct = new Set();
    prefetch(pkg, range) {
        if (pkg === ROOT_ID)
            return;
        const { name } = parsePackageId(pkg);
        const key = `${pkg} ${range.toString()}`;
        if (this.prefetched.has(key))
            return;
        this.prefetched.add(key);
        this.provider.prefetchFirstIn(name, (v) => range.contains(v));
    }
    /** Where a (package, range) pair of an explanation came from, if the provider handed it out. */
    originOf(pkg, range) {
        return this.origins.get(pkg)?.get(range.toString());
    }
    remember(pkg, range, origin) {
        let m = this.origins.get(pkg);
        if (m === undefined) {
            m = new Map();
            this.origins.set(pkg, m);
        }
        const key = range.toString();
        if (!m.has(key))
            m.set(key, origin);
    }
    async rangeOf(edge) {
        const listed = await this.provider.ascendingVersions(edge.name);
        return runsToRange(this.ranges, listed, edge.allowed);
    }
}
/** The range holding exactly the `allowed` versions among `listed` (both ascending). */
function runsToRange(ranges, listed, allowed) {
    if (listed.length === 0)
        return ranges.any();
    const newest = listed[listed.length - 1];
    if (allowed.length === 0)
        return ranges.strictlyHigherThan(newest);
    const admitted = new Set(allowed.map(versionKey));
    const parts = [];
    let i = 0;
    while (i < listed.length) {
        if (!admitted.has(versionKey(listed[i]))) {
            i++;
            continue;
        }
        let j = i;
        while (j + 1 < listed.length && admitted.has(versionKey(listed[j + 1])))
            j++;
        const next = listed[j + 1];
        if (i === j && i > 0 && next !== undefined) {
            parts.push(ranges.exact(listed[i]));
        }
        else {
            const lower = i === 0 ? undefined : { value: listed[i], inclusive: true };
            const upper = next === undefined ? undefined : { value: next, inclusive: false };
            parts.push(ranges.interval(lower, upper));
        }
        i = j + 1;
    }
    return ranges.unionAll(parts);
}

;// CONCATENATED MODULE: ./src/provider/resolve.ts











class ResolutionBuildError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ResolutionBuildError';
    }
}
const ROOT_VERSION = standards_version/* Version */.Rx.parse('0');
async function resolveRequirements(input) {
    const empty = { all: false, names: [] };
    const binaryRules = {
        onlyBinary: input.options.onlyBinary ?? empty,
        noBinary: input.options.noBinary ?? empty,
    };
    const rules = {
        tagPriority: input.target.tagPriority,
        pythonVersion: input.target.pythonVersion,
        tagSummary: input.target.summary,
        mayUseWheel: (name) => mayUseWheel(binaryRules, name),
        mayUseSdist: (name) => mayUseSdist(binaryRules, name),
        preferBinary: input.options.preferBinary === true,
    };
    const universe = new ProjectUniverse({
        pages: input.index,
        metadata: input.fetcher,
        rules,
        logger: input.logger,
        hashesFor: (name) => input.hashes?.get(name),
        ...(input.directFiles !== undefined ? { directFiles: input.directFiles } : {}),
    });
    const warnedExtras = new Set();
    const outcome = await solveInRounds({
        newRound: (flags) => {
            const provider = new PythonProvider({
                universe,
                markers: input.target.markers,
                pythonVersion: input.target.pythonVersion,
                requirements: input.requirements,
                constraints: input.constraints ?? [],
                pre: input.options.pre === true,
                logger: input.logger,
                flags,
                warnedExtras,
            });
            return { provider, adapter: new SolverAdapter(provider, new Ranges(standards_version/* compareVersions */.Zy)) };
        },
        solve: (round) => solve({
            provider: round.adapter,
            ranges: round.adapter.ranges,
            root: ROOT_ID,
            rootVersion: ROOT_VERSION,
            ...(input.signal !== undefined ? { signal: input.signal } : {}),
        }),
        logger: input.logger,
    });
    if (outcome.kind === 'unsatisfiable') {
        return {
            kind: 'unsatisfiable',
            explanation: explainNoSolution(outcome.error, { adapter: outcome.round.adapter, target: input.target }),
        };
    }
    const { decisions, stats: solverStats } = outcome;
    const packages = await buildPackages(decisions, universe, input);
    const stats = {
        solver: solverStats,
        pages: universe.stats.pages,
        metadata: universe.stats.metadata,
        metadataByPath: { ...universe.stats.metadataByPath },
        packages: packages.length,
        policyRounds: outcome.rounds,
    };
    return { kind: 'resolved', resolution: { packages }, stats };
}
async function buildPackages(decisions, universe, input) {
    const extras = new Map();
    for (const id of decisions.keys()) {
        const { name, extra } = parsePackageId(id);
        if (extra === undefined)
            continue;
        const set = extras.get(name) ?? new Set();
        set.add(extra);
        extras.set(name, set);
    }
    const requested = new Set(input.requirements.map((r) => r.requirement.name));
    const chosen = [];
    for (const [id, version] of decisions) {
        const { name, extra } = parsePackageId(id);
        if (extra !== undefined)
            continue;
        const meta = await universe.metadata(name, version);
        if (meta.kind !== 'ok')
            throw new ResolutionBuildError(`internal: ${name} ${version.toString()} was chosen but is unavailable`);
        chosen.push({ name, version, meta });
    }
    const digests = await hashUnhashedFiles(chosen.map((c) => c.meta.file.file).filter((f) => f.hashes.sha256 === undefined), input.hasher);
    // pip's hash-checking mode: a --hash-pinned file whose source gave no hash was a candidate only
    // on condition that the bytes downloaded match a pin.
    verifyComputedHashes(chosen.flatMap(({ name, meta }) => {
        const digest = digests.get(meta.file.file);
        return digest === undefined ? [] : [{ project: name, file: meta.file.file, sha256: digest.sha256 }];
    }), (name) => input.hashes?.get(name));
    const out = [];
    for (const { name, version, meta } of chosen) {
        const file = meta.file.file;
        const digest = digests.get(file);
        const sha256 = file.hashes.sha256 ?? digest?.sha256;
        if (sha256 === undefined)
            throw new ResolutionBuildError(`internal: ${file.filename} was not hashed`);
        const size = file.size ?? digest?.size;
        out.push({
            name,
            version: version.toString(),
            file: {
                filename: file.filename,
                url: file.url,
                redactedUrl: file.redactedUrl,
                sha256: sha256.toLowerCase(),
                ...(size !== undefined ? { size } : {}),
                kind: meta.file.kind,
            },
            requested: requested.has(name),
            extras: [...(extras.get(name) ?? [])].sort(),
            requiresDist: [...meta.metadata.requiresDistText],
            ...(meta.metadata.requiresPython !== undefined ? { requiresPython: meta.metadata.requiresPython } : {}),
            metadataPath: meta.path,
            isDirect: input.directFiles?.has(name) === true,
            providesExtra: [...meta.metadata.providesExtra],
            ...(meta.file.file.yanked !== false ? { yanked: meta.file.file.yanked } : {}),
        });
    }
    out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out;
}

// EXTERNAL MODULE: ./src/provider/target.ts + 3 modules
var provider_target = __webpack_require__(3320);
;// CONCATENATED MODULE: ./src/flow/finder-options.ts


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
    const shown = maskUserinfo(url).slice(0, 80);
    throw new FinderOptionsError(`${what} ${JSON.stringify(shown)} is not an http(s) or file URL`);
}
const finder_options_NAMED = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/;
/** `NAME=URL` → name and URL; a plain URL has no name. */
function splitNamedIndex(text) {
    const m = finder_options_NAMED.exec(text.trim());
    if (m === null || /^[a-z][a-z0-9+.-]*:/i.test(text.trim()))
        return { url: text.trim() };
    return { name: m[1], url: m[2] };
}
function effectiveFinder(files, givenRaw) {
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
    const onlyBinary = { all: files.onlyBinary.all, names: [...files.onlyBinary.names] };
    const noBinary = { all: files.noBinary.all, names: [...files.noBinary.names] };
    const invalid = [];
    for (const v of given.onlyBinary ?? [])
        invalid.push(...applyBinaryValue(v, onlyBinary, noBinary));
    for (const v of given.noBinary ?? [])
        invalid.push(...applyBinaryValue(v, noBinary, onlyBinary));
    if (invalid.length > 0) {
        throw new FinderOptionsError(`--only-binary/--no-binary: ${invalid.map((n) => JSON.stringify(n)).join(', ')} ${invalid.length === 1 ? 'is not a valid project name' : 'are not valid project names'} (use :all:, :none: or names separated by commas)`);
    }
    if (given.indexUrl !== undefined)
        checkUrl(given.indexUrl, '--index-url');
    for (const u of given.extraIndexUrls ?? [])
        checkUrl(u, '--extra-index-url');
    const noIndex = given.noIndex === true || files.noIndex;
    const indexUrls = noIndex
        ? []
        : [
            given.indexUrl ?? files.indexUrl ?? DEFAULT_INDEX_URL,
            ...files.extraIndexUrls,
            ...(given.extraIndexUrls ?? []),
        ];
    return {
        indexUrls: [...new Set(indexUrls)],
        findLinks: [...new Set([...files.findLinks, ...(given.findLinks ?? [])])],
        pre: given.pre === true || files.pre,
        preferBinary: given.preferBinary === true || files.preferBinary,
        onlyBinary,
        noBinary,
        strategy: given.indexStrategy ?? 'first-index',
        namedIndexes,
    };
}

// EXTERNAL MODULE: ./src/flow/target-detect.ts + 1 modules
var target_detect = __webpack_require__(1131);
;// CONCATENATED MODULE: ./src/flow/prepare.ts
/**
 * The first part of every run, shared by `wheelhouse resolve`, `wheelhouse fetch` and the action:
 * read the requirement files (pip's format, with includes and constraints), merge the finder
 * options, and decide the target. Nothing here touches the network.
 */







async function prepare(o) {
    if (o.requirementFiles.length === 0) {
        throw new FlowInputError('no requirement files given (CLI: -r FILE; action: the requirements input)');
    }
    const cwd = o.cwd ?? process.cwd();
    // Paths stay as given (relative ones shown relative) but are read from `cwd`.
    const io = { readFile: (p) => (0,promises_.readFile)((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(cwd, p), 'utf8') };
    const inputs = await readRequirementInputs(o.requirementFiles, o.constraintFiles ?? [], io, o.env ?? process.env);
    const finder = effectiveFinder(inputs.options, o.finder);
    if (finder.indexUrls.length === 0 && finder.findLinks.length === 0) {
        throw new FlowInputError('--no-index is set and no --find-links location is given: nothing to resolve from');
    }
    const detected = await (0,target_detect/* detectTarget */.TY)({
        explicit: o.target,
        ...(o.findPython ? { findPython: o.findPython } : {}),
        ...(o.runner ? { runner: o.runner } : {}),
    });
    const target = (0,provider_target/* targetEnvironment */.dK)(detected.options);
    const describe = `${target.summary} (Python ${target.pythonVersion.toString()})`;
    o.logger.info(`target ${describe}: Python from ${detected.source.python === 'explicit' ? 'the given version' : `${detected.python?.command ?? 'python'} on PATH`}, platform from ${detected.source.platform === 'explicit' ? 'the given tags' : 'this runner'}`);
    return { inputs, finder, detected, target, describe };
}

;// CONCATENATED MODULE: ./src/util/logger.ts
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

;// CONCATENATED MODULE: ./src/flow/likely-candidate.ts




/** The version text of a wheel or sdist file name, without parsing anything else of it. */
function versionTextOf(filename, project) {
    if (filename.endsWith('.whl'))
        return filename.split('-')[1];
    try {
        return parseSdistFilename(filename, project).version;
    }
    catch {
        return undefined;
    }
}
/** A page's files grouped by version (equal versions together), newest first. */
function filesByVersion(page) {
    const groups = new Map();
    for (const file of page.files) {
        const text = versionTextOf(file.filename, page.project);
        const version = text === undefined ? null : standards_version/* Version */.Rx.tryParse(text);
        if (version === null)
            continue;
        const key = versionKey(version);
        const group = groups.get(key);
        if (group === undefined)
            groups.set(key, { version, files: [file] });
        else
            group.files.push(file);
    }
    return [...groups.values()].sort((a, b) => b.version.compare(a.version));
}
function likelyCandidate(page, spec, o) {
    const options = o.hashes !== undefined ? { hashes: o.hashes } : {};
    if (!o.rules.preferBinary) {
        const preAllowed = o.pre || spec.mentionsPrerelease;
        for (const { version, files } of filesByVersion(page)) {
            if ((version.isPrerelease && !preAllowed) || !spec.matches(version))
                continue;
            const c = versionCandidates({ ...page, files }, o.rules, options)[0];
            if (c?.best !== undefined && c.yanked === false)
                return c;
        }
    }
    const preferred = versionCandidates(page, o.rules, options);
    const project = { name: page.project, exists: true, preferred, ascending: [], byKey: new Map() };
    return admittedCandidates(project, spec, o.pre).find((c) => c.best !== undefined);
}

;// CONCATENATED MODULE: ./src/flow/speculation.ts






/** Outcomes are shared per file: the name and the declared sha256 (else the URL), as the fetcher does. */
function speculation_fileKey(file) {
    return `${file.filename}\u0000${file.hashes.sha256?.toLowerCase() ?? file.url}`;
}
function createSpeculation(o) {
    const projects = new Map();
    const outcomes = new Map();
    const constraints = new Map();
    const stats = { pages: 0, guesses: 0 };
    const applies = (r) => r.marker === undefined || evaluateMarker(r.marker, o.markers);
    for (const c of o.constraints) {
        const r = c.requirement;
        if (applies(r))
            constraints.set(r.name, (constraints.get(r.name) ?? new SpecifierSet()).and(r.specifier));
    }
    function fetchMetadata(file) {
        const key = speculation_fileKey(file);
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
    function want(name, spec, extras) {
        if (o.directNames?.has(name) === true)
            return;
        let state = projects.get(name);
        const isNew = state === undefined;
        if (state === undefined) {
            state = { spec: constraints.get(name) ?? new SpecifierSet(), extras: new Set(), followed: new Set() };
            projects.set(name, state);
        }
        if (!spec.isEmpty)
            state.spec = state.spec.and(spec);
        let grew = false;
        for (const e of extras) {
            if (!state.extras.has(e)) {
                state.extras.add(e);
                grew = true;
            }
        }
        if (isNew) {
            stats.pages++;
            o.pages.getProject(name).then((page) => {
                if (page !== null)
                    guess(name, page);
            }, () => { });
        }
        else if (grew && state.deps !== undefined) {
            walk(name, state);
        }
    }
    function guess(name, page) {
        const state = projects.get(name);
        if (state === undefined)
            return;
        const hashes = o.hashesFor?.(name);
        const likely = likelyCandidate(page, state.spec, {
            rules: o.rules,
            pre: o.pre,
            ...(hashes !== undefined ? { hashes } : {}),
        });
        if (likely?.best === undefined)
            return;
        const file = likely.best.file;
        stats.guesses++;
        fetchMetadata(file).then((outcome) => {
            if (outcome.kind !== 'metadata')
                return;
            // Parse warnings belong to the resolution's own parse of the same file.
            // The fetcher's parse of the file (shared with the provider), when the source has one.
            const meta = parseDistMetadata(outcome.parsed ?? outcome.metadata, file.filename, silentLogger);
            if (!requiresPythonAllows(meta.requiresPython, o.rules.pythonVersion))
                return;
            state.deps = meta.requiresDist.map((d) => d.requirement);
            walk(name, state);
        }, () => { });
    }
    function walk(name, state) {
        const extras = [...state.extras];
        for (const dep of state.deps ?? []) {
            if (dep.url !== undefined)
                continue;
            const m = dep.marker;
            if (m !== undefined &&
                !evaluateMarker(m, o.markers) &&
                !(extras.length > 0 && evaluateMarker(m, o.markers, extras)))
                continue;
            const key = `${dep.text}\u0000${dep.extras.join(',')}`;
            if (state.followed.has(key))
                continue;
            state.followed.add(key);
            if (dep.name === name && dep.extras.length === 0)
                continue;
            want(dep.name, dep.specifier, dep.extras);
        }
    }
    return {
        stats,
        pages: { getProject: (name) => o.pages.getProject(name) },
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

;// CONCATENATED MODULE: ./src/flow/version.ts
/** The version of wheelhouse (kept equal to package.json's by __tests__/flow/version.test.ts). */
const WHEELHOUSE_VERSION = '0.1.0';
/** What lock and report headers name as their generator. */
const GENERATED_BY = `wheelhouse ${WHEELHOUSE_VERSION}`;

;// CONCATENATED MODULE: ./src/flow/resolve.ts
/**
 * Resolution for both commands: the prepared inputs (prepare.ts) through the index client and
 * metadata fetcher into a Resolution, and the lock / report / pylock writers. `runResolve` is the
 * whole of `wheelhouse resolve`; fetch.ts uses `resolvePrepared` and `lockTexts` with its caches.
 */
















/** pip's file choice for the target and the finder's binary rules (as the provider builds them). */
function candidateRules(prepared) {
    const { finder, target } = prepared;
    return {
        tagPriority: target.tagPriority,
        pythonVersion: target.pythonVersion,
        tagSummary: target.summary,
        mayUseWheel: (name) => mayUseWheel(finder, name),
        mayUseSdist: (name) => mayUseSdist(finder, name),
        preferBinary: finder.preferBinary,
    };
}
/** Resolves; throws UnsatisfiableError (with the explanation) when no solution exists. */
async function resolvePrepared(o) {
    const { prepared, http, logger } = o;
    const { finder, inputs, target } = prepared;
    const fetcher = createMetadataFetcher({
        http,
        logger,
        ...(o.metadataCache ? { cache: o.metadataCache } : {}),
        ...(o.downloadDir !== undefined ? { downloadDir: o.downloadDir } : {}),
        ...(o.metadataParser !== undefined ? { parser: o.metadataParser } : {}),
    });
    const index = createIndexClient({
        http,
        logger,
        indexUrls: finder.indexUrls,
        findLinks: finder.findLinks,
        strategy: finder.strategy,
        ...(o.pageCache ? { pageCache: o.pageCache } : {}),
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
    });
    logger.info(`resolving for ${prepared.describe}`);
    speculation.start();
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
        },
        target,
        index: speculation.pages,
        fetcher: speculation.metadata,
        // Chosen files without a sha256 from their source are downloaded whole once, to hash them;
        // the download step reuses them (fetcher.downloadedPath).
        hasher: fetcher,
        logger,
    });
    if (outcome.kind === 'unsatisfiable')
        throw new UnsatisfiableError(outcome.explanation);
    const { resolution, stats } = outcome;
    const byPath = Object.entries(stats.metadataByPath)
        .filter(([, n]) => n > 0)
        .map(([path, n]) => `${path} ${n}`);
    logger.info(`resolved ${resolution.packages.length} packages (${stats.pages} pages; metadata: ${byPath.length === 0 ? 'none' : byPath.join(', ')}; ${stats.solver.decisions} decisions, ${stats.solver.conflicts} conflicts)`);
    return { resolution, stats, fetcher };
}
function lockTexts(resolution, prepared) {
    const { target, describe } = prepared;
    return {
        lock: writeLock(resolution, { generatedBy: GENERATED_BY, target: describe }),
        report: writeReport(resolution, {
            environment: { ...target.markers },
            generatedBy: GENERATED_BY,
            target: describe,
        }),
        pylock: writePylock(resolution, {
            createdBy: 'wheelhouse',
            environment: target.environmentMarker,
            requiresPython: target.requiresPython,
        }),
    };
}
async function writeOutputFile(path, text) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await writeFileAtomic(path, text);
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
    const prepared = await prepare(o);
    const http = o.http ??
        createHttpClient({
            logger: o.logger,
            maxConnectionsPerHost: o.concurrency ?? RESOLVE_CONCURRENCY,
            ...(o.env !== undefined ? { env: o.env } : {}),
            namedIndexes: prepared.finder.namedIndexes,
        });
    // Whole files (hosts without ranges, files hashed for the lock) are only needed while resolving.
    let ownDownloadDir;
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
        });
        const texts = lockTexts(resolved.resolution, prepared);
        const cwd = o.cwd ?? process.cwd();
        if (o.lock !== undefined)
            await writeOutputFile((0,external_node_path_.resolve)(cwd, o.lock), texts.lock);
        if (o.report !== undefined)
            await writeOutputFile((0,external_node_path_.resolve)(cwd, o.report), texts.report);
        if (o.pylock !== undefined)
            await writeOutputFile((0,external_node_path_.resolve)(cwd, o.pylock), texts.pylock);
        return { ...resolved, prepared };
    }
    finally {
        if (o.http === undefined)
            await http.close();
        if (ownDownloadDir !== undefined)
            await (0,promises_.rm)(ownDownloadDir, { recursive: true, force: true }).catch(() => { });
    }
}

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

;// CONCATENATED MODULE: ./src/index/metadata-cache.ts
/**
 * On-disk metadata cache, content-addressed by the distribution file's sha256. A file's bytes never
 * change under its hash, so neither does its metadata: entries are immutable, never revalidated,
 * and written atomically (temporary sibling + rename) so concurrent runs and crashes never leave a
 * torn entry. Layout: `<dir>/<sha[0:2]>/<sha>.metadata` (the core metadata bytes) or
 * `<dir>/<sha[0:2]>/<sha>.needs-build` (UTF-8 reason, for sdists whose PKG-INFO cannot be used).
 * Only hashes go into paths: no URL, so no credential, can reach the cache.
 */



const metadata_cache_SHA256_HEX = /^[0-9a-f]{64}$/;
class DiskMetadataCache {
    dir;
    constructor(dir) {
        this.dir = dir;
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
        try {
            return { kind: 'metadata', metadata: new Uint8Array(await (0,promises_.readFile)(p.metadata)) };
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
        }
        try {
            return { kind: 'needs-build', reason: await (0,promises_.readFile)(p.needsBuild, 'utf8') };
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
        }
        return undefined;
    }
    async put(sha256, entry) {
        const p = this.paths(sha256);
        await (0,promises_.mkdir)(p.dir, { recursive: true });
        const target = entry.kind === 'metadata' ? p.metadata : p.needsBuild;
        await writeFileAtomic(target, entry.kind === 'metadata' ? entry.metadata : entry.reason);
    }
}

;// CONCATENATED MODULE: ./src/index/page-cache.ts
/**
 * On-disk cache of project pages for HTTP revalidation (RFC 9110 §13.1: `If-None-Match` from a
 * stored `ETag`, `If-Modified-Since` from a stored `Last-Modified`; a 304 reuses the stored body).
 * Entries are keyed by the sha256 of the redacted URL (no credentials in file names or contents)
 * and written atomically (temporary file + rename), so concurrent runs never see half an entry.
 * The cache directory is passed in.
 */





function pageCacheKey(url) {
    return (0,external_node_crypto_.createHash)('sha256').update(redactUrl(url)).digest('hex');
}
function createPageCache(dir) {
    const pathFor = (url) => (0,external_node_path_.join)(dir, `${pageCacheKey(url)}.json`);
    return {
        async get(url) {
            try {
                const parsed = JSON.parse(await (0,promises_.readFile)(pathFor(url), 'utf8'));
                if (typeof parsed.body !== 'string' || typeof parsed.contentType !== 'string')
                    return undefined;
                return parsed;
            }
            catch {
                return undefined; // missing or corrupt: a miss
            }
        },
        async put(url, page) {
            await (0,promises_.mkdir)(dir, { recursive: true });
            await writeFileAtomic(pathFor(url), JSON.stringify({ ...page, url: redactUrl(page.url) }));
        },
    };
}

;// CONCATENATED MODULE: ./src/flow/tracked-caches.ts
/**
 * The metadata and page caches a wheelhouse cache entry carries, wrapped so a run records which
 * entries it read or wrote; `pruneUnused` then deletes everything else before the entry is saved.
 * Without it, an entry restored by prefix would keep the metadata of every version any earlier run
 * ever looked at, and grow forever. A warm run of the same resolution touches the same entries, so
 * nothing it needs is pruned.
 */




class TrackedCaches {
    metadataDir;
    pagesDir;
    metadata;
    pages;
    usedMetadata = new Set();
    usedPages = new Set();
    constructor(metadataDir, pagesDir) {
        this.metadataDir = metadataDir;
        this.pagesDir = pagesDir;
        const disk = new DiskMetadataCache(metadataDir);
        const pages = createPageCache(pagesDir);
        const usedMetadata = this.usedMetadata;
        const usedPages = this.usedPages;
        this.metadata = {
            async get(sha256) {
                const entry = await disk.get(sha256);
                if (entry !== undefined)
                    usedMetadata.add(sha256.toLowerCase());
                return entry;
            },
            async put(sha256, entry) {
                usedMetadata.add(sha256.toLowerCase());
                await disk.put(sha256, entry);
            },
        };
        this.pages = {
            async get(url) {
                const page = await pages.get(url);
                if (page !== undefined)
                    usedPages.add(pageCacheKey(url));
                return page;
            },
            async put(url, page) {
                usedPages.add(pageCacheKey(url));
                await pages.put(url, page);
            },
        };
    }
    get metadataUsed() {
        return this.usedMetadata.size;
    }
    /** Deletes cached metadata and pages this run did not use; answers how many files went. */
    async pruneUnused() {
        let removed = 0;
        for (const sub of await listDir(this.metadataDir)) {
            const dir = (0,external_node_path_.join)(this.metadataDir, sub);
            for (const name of await listDir(dir)) {
                const sha = /^([0-9a-f]{64})\.(metadata|needs-build)$/.exec(name)?.[1];
                if (sha !== undefined && this.usedMetadata.has(sha))
                    continue;
                await (0,promises_.rm)((0,external_node_path_.join)(dir, name), { force: true, recursive: true });
                removed++;
            }
        }
        for (const name of await listDir(this.pagesDir)) {
            const key = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
            if (key !== undefined && this.usedPages.has(key))
                continue;
            await (0,promises_.rm)((0,external_node_path_.join)(this.pagesDir, name), { force: true, recursive: true });
            removed++;
        }
        return removed;
    }
}
async function listDir(dir) {
    try {
        return await (0,promises_.readdir)(dir);
    }
    catch {
        return [];
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
 * Saving is separate (save.ts): the action saves in its post step, the CLI right after.
 */













const LOCK_FILENAME = 'requirements.lock';
const REPORT_FILENAME = 'report.json';
const PYLOCK_FILENAME = 'pylock.toml';
/** Files the flow writes into the wheelhouse besides the distributions. */
const WHEELHOUSE_OUTPUTS = [LOCK_FILENAME, REPORT_FILENAME, PYLOCK_FILENAME, MANIFEST_FILENAME];
/** Default parallel connections per host, for metadata and downloads. */
const DEFAULT_CONCURRENCY = 16;
async function runFetch(o) {
    const timer = new PhaseTimer();
    const logger = o.logger;
    const wheelhouse = (0,external_node_path_.resolve)(o.cwd ?? process.cwd(), o.wheelhouse);
    if (isDangerousWheelhouse(wheelhouse, { cwd: o.cwd ?? process.cwd(), env: o.env ?? {} })) {
        throw new FlowInputError(`wheelhouse ${wheelhouse} is the working, workspace or home directory; wheelhouse deletes files there that are not part of the resolution, so give it a directory of its own`);
    }
    const prepared = await timer.time('read', () => prepare(o));
    const caches = new TrackedCaches((0,external_node_path_.join)(o.stateDir, 'metadata'), (0,external_node_path_.join)(o.stateDir, 'pages'));
    const cachePaths = [wheelhouse, caches.metadataDir, caches.pagesDir];
    const prefix = cacheKeyPrefix(prepared.detected.cacheKeyTarget, o.cache?.suffix);
    let matchedKey;
    if (o.cache !== undefined) {
        const backend = o.cache.backend;
        const restored = await timer.time('restore', async () => {
            for (const p of cachePaths)
                await (0,promises_.mkdir)(p, { recursive: true });
            return backend.restore(cachePaths, prefix, [prefix]);
        });
        matchedKey = restored.matchedKey;
        if (matchedKey === undefined)
            logger.info(`no cache entry starts with ${prefix}`);
    }
    const downloadsDir = (0,external_node_path_.join)(o.stateDir, 'downloads');
    const http = o.http ??
        createHttpClient({
            logger,
            maxConnectionsPerHost: o.concurrency ?? DEFAULT_CONCURRENCY,
            ...(o.env !== undefined ? { env: o.env } : {}),
            namedIndexes: prepared.finder.namedIndexes,
        });
    try {
        const { resolution, stats, fetcher } = await timer.time('resolve', async () => {
            await (0,promises_.mkdir)(downloadsDir, { recursive: true });
            return resolvePrepared({
                prepared,
                http,
                logger,
                pageCache: caches.pages,
                metadataCache: caches.metadata,
                downloadDir: downloadsDir,
            });
        });
        const removedFromCaches = await caches.pruneUnused();
        if (removedFromCaches > 0)
            logger.debug(`dropped ${removedFromCaches} unused metadata/page cache files`);
        const key = cacheKey(resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix);
        if (o.cache !== undefined && matchedKey !== key.key) {
            // The newest entry of the target was not this resolution's (another branch, an older pin
            // set…): an entry for exactly this resolution may still exist. Asking costs one lookup;
            // finding it saves downloads and the post-step save.
            const backend = o.cache.backend;
            const exact = await timer.time('restore', () => backend.restore(cachePaths, key.key, []));
            if (exact.exact)
                matchedKey = key.key;
        }
        const cacheHit = matchedKey !== undefined && matchedKey === key.key;
        logger.info(`cache key ${key.key}${cacheHit ? ' (exact hit)' : ''}`);
        const verified = await timer.time('verify', async () => {
            await (0,promises_.mkdir)(wheelhouse, { recursive: true });
            return verifyWheelhouse(wheelhouse, resolution, {
                logger,
                concurrency: 4,
                keep: WHEELHOUSE_OUTPUTS,
            });
        });
        const poisoned = verified.removed.filter((r) => r.reason === 'hash-mismatch');
        if (poisoned.length > 0) {
            logger.warn(`${poisoned.length} file(s) in the restored wheelhouse had the wrong sha256 and will be downloaded again: ${poisoned.map((p) => p.filename).join(', ')}`);
        }
        const summary = await timer.time('download', () => downloadAll(verified.missing, {
            http,
            dest: wheelhouse,
            concurrency: o.concurrency ?? DEFAULT_CONCURRENCY,
            logger,
            reuse: (file) => {
                const pkg = resolution.packages.find((p) => p.file.filename === file.filename);
                const fetched = pkg === undefined ? undefined : fetcher.downloadedPath(asDistFile(pkg.name, file));
                return fetched ?? o.wheelStore?.lookup(file);
            },
            ...(o.onProgress ? { onProgress: o.onProgress } : {}),
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
        const files = await timer.time('write', async () => {
            const lockFile = (0,external_node_path_.join)(wheelhouse, LOCK_FILENAME);
            const reportFile = (0,external_node_path_.join)(wheelhouse, REPORT_FILENAME);
            const pylockFile = (0,external_node_path_.join)(wheelhouse, PYLOCK_FILENAME);
            const texts = lockTexts(resolution, prepared);
            await writeFileAtomic(lockFile, texts.lock);
            await writeFileAtomic(reportFile, texts.report);
            await writeFileAtomic(pylockFile, texts.pylock);
            await writeManifest(wheelhouse, manifestFor(resolution));
            return { lockFile, reportFile, pylockFile };
        });
        const outcomeByFile = new Map(summary.files.map((f) => [f.filename, f]));
        const packages = resolution.packages.map((pkg) => {
            const got = outcomeByFile.get(pkg.file.filename);
            const source = got === undefined
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
            };
        });
        return {
            prepared,
            resolution,
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
            reused: verified.valid.length + summary.reused + summary.skipped,
            removed: verified.removed,
            timings: timer.timings,
        };
    }
    finally {
        if (o.http === undefined)
            await http.close();
        await (0,promises_.rm)(downloadsDir, { recursive: true, force: true }).catch(() => { });
    }
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

;// CONCATENATED MODULE: ./src/flow/save.ts
/**
 * The end of a run (the action's post step; the CLI calls it right after the fetch): prune the
 * wheelhouse to the resolution's files and wheelhouse's own outputs, then save the cache entry
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
    };
}
/** Delete regular files of `dir` that are neither in `files` nor wheelhouse outputs. */
async function pruneWheelhouse(dir, files, logger) {
    const keep = new Set([...files, ...WHEELHOUSE_OUTPUTS]);
    const pruned = [];
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    }
    catch (error) {
        logger.warn(`cannot read the wheelhouse ${dir} to prune it: ${errorMessage(error)}`);
        return pruned;
    }
    for (const entry of entries) {
        if (!entry.isFile() || keep.has(entry.name))
            continue;
        try {
            await (0,promises_.rm)((0,external_node_path_.join)(dir, entry.name), { force: true });
            pruned.push(entry.name);
        }
        catch (error) {
            logger.warn(`cannot prune ${entry.name} from the wheelhouse: ${errorMessage(error)}`);
        }
    }
    if (pruned.length > 0)
        logger.info(`pruned ${pruned.length} file(s) not in the resolution: ${pruned.join(', ')}`);
    return pruned;
}
async function saveWheelhouse(plan, backend, logger) {
    const wheelhouse = plan.cachePaths[0];
    const pruned = wheelhouse === undefined ? [] : await pruneWheelhouse(wheelhouse, plan.files, logger);
    if (plan.cacheHit) {
        logger.info(`cache entry ${plan.key} was restored exactly: not saved again`);
        return { pruned, save: { saved: false, reason: 'exact cache hit' } };
    }
    try {
        return { pruned, save: await backend.save(plan.cachePaths, plan.key) };
    }
    catch (error) {
        // Backends do not throw by contract; this guards the contract, it is not a second policy.
        const reason = errorMessage(error);
        logger.warn(`cache ${plan.key} not saved: ${reason}`);
        return { pruned, save: { saved: false, reason } };
    }
}

// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/cli/help.ts
/** `wheelhouse --help` and `wheelhouse <command> --help` texts, built from the option table. */

const USAGE = {
    resolve: 'wheelhouse resolve -r FILE… [--index-url U] [--extra-index-url U]… [--find-links P]… [--no-index] [--pre]\n' +
        '    [--only-binary X] [--no-binary X] [--python-version 3.X[.Y]] [--platform TAG]… [--implementation cp]\n' +
        '    [--abi TAG]… [--index-strategy first-index|unsafe-best-match] [--lock FILE] [--report FILE]\n' +
        '    [--pylock FILE] [--quiet|--verbose]',
    fetch: 'wheelhouse fetch -r FILE… --dest DIR [--cache-dir DIR] [--no-cache] [--concurrency N] [resolve options]',
};
const ABOUT = {
    resolve: 'Resolve the requirement files from wheel metadata alone and write a hash-pinned lock, a pip report\n' +
        'and/or a PEP 751 pylock.toml. Nothing is installed and no wheel is downloaded unless an index offers\n' +
        'neither PEP 658 metadata nor range requests.',
    fetch: 'Resolve, restore the newest local cache entry for the target, verify every cached wheel by sha256,\n' +
        'download only what is missing (in parallel) into --dest, write requirements.lock, report.json and\n' +
        'pylock.toml there, and save the cache entry. Then:\n' +
        '  pip install --no-index --find-links DIR --require-hashes -r DIR/requirements.lock',
};
const EXIT = 'Exit status: 0 success, 1 the requirements cannot be satisfied (explanation on stderr),\n' +
    '2 bad input (file:line for requirement files) or an unreachable index / failed download.';
function commandHelp(command) {
    const rows = cli_args/* OPTION_SPECS */.Fx.filter((s) => s.fetchOnly !== true || command === 'fetch').map((s) => {
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
        '  fetch     Resolve and fill a wheelhouse for pip install --no-index, with a local cache.\n\n' +
        'Options:\n' +
        '  -h, --help      Show help (wheelhouse <command> --help for a command).\n' +
        '  -V, --version   Show the version.\n\n' +
        `${EXIT}\n`);
}

;// CONCATENATED MODULE: ./src/cli/stderr-logger.ts
/**
 * The CLI's Logger: everything goes to stderr (stdout stays free for machine-readable output),
 * filtered by verbosity: quiet = warnings and errors, normal = + info, verbose = + debug.
 * Messages are redacted once more on the way out (URLs with userinfo or secret query parameters).
 */

class StderrLogger {
    sink;
    verbosity;
    constructor(sink, verbosity = 'normal') {
        this.sink = sink;
        this.verbosity = verbosity;
    }
    debug(message) {
        if (this.verbosity === 'verbose')
            this.sink.write(`debug: ${redactText(message)}\n`);
    }
    info(message) {
        if (this.verbosity !== 'quiet')
            this.sink.write(`${redactText(message)}\n`);
    }
    warn(message) {
        this.sink.write(`warning: ${redactText(message)}\n`);
    }
    error(message) {
        this.sink.write(`error: ${redactText(message)}\n`);
    }
}

;// CONCATENATED MODULE: ./src/cli/run.ts
/**
 * The CLI shell: `wheelhouse resolve` and `wheelhouse fetch` (see args.ts and help.ts). Logs and
 * errors go to stderr; stdout carries only results (the lock when `resolve` writes no file, the
 * lock's path after `fetch`). Exit codes: 0 success, 1 unsatisfiable, 2 bad input or network.
 * Everything the process would read from globals (streams, environment, working directory) is
 * injectable so tests run the real shell in-process.
 */















function defaultIo() {
    return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
function prepareOptions(args, io, logger) {
    return {
        requirementFiles: args.requirements,
        constraintFiles: args.constraints,
        finder: {
            ...(args.indexUrl !== undefined ? { indexUrl: args.indexUrl } : {}),
            extraIndexUrls: args.extraIndexUrls,
            findLinks: args.findLinks,
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
        ...(io.seams ?? {}),
    };
}
async function resolveCommand(args, io, logger) {
    const result = await runResolve({
        ...prepareOptions(args, io, logger),
        ...(args.lock !== undefined ? { lock: args.lock } : {}),
        ...(args.report !== undefined ? { report: args.report } : {}),
        ...(args.pylock !== undefined ? { pylock: args.pylock } : {}),
    });
    if (args.lock === undefined && args.report === undefined && args.pylock === undefined) {
        io.stdout.write(lockTexts(result.resolution, result.prepared).lock);
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
async function fetchCommand(args, io, logger) {
    const stateDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'wheelhouse-state-'));
    const backend = args.noCache
        ? undefined
        : new LocalDirBackend({ dir: args.cacheDir ?? defaultCacheDir(io.env), logger });
    const reporter = args.verbosity === 'quiet' ? undefined : new ProgressReporter({ stream: io.stderr });
    let last;
    try {
        const result = await runFetch({
            ...prepareOptions(args, io, logger),
            wheelhouse: args.dest,
            stateDir,
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
        });
        if (reporter !== undefined && last !== undefined)
            reporter.finish(last);
        if (backend !== undefined) {
            await saveWheelhouse(savePlanOf(result), backend, logger);
        }
        logger.info(fetchSummary(result));
        logger.info(`install with: pip install --no-index --find-links ${result.wheelhouse} --require-hashes -r ${result.lockFile}`);
        io.stdout.write(`${result.lockFile}\n`);
        return 0;
    }
    finally {
        await (0,promises_.rm)(stateDir, { recursive: true, force: true }).catch(() => { });
    }
}
/** The CLI shell. Returns the process exit code. */
async function runCli(argv, ioOverrides = {}) {
    const io = { ...defaultIo(), ...ioOverrides };
    let request;
    try {
        request = (0,cli_args/* parseArgs */.Zy)(argv);
    }
    catch (error) {
        if (!(error instanceof cli_args/* UsageError */.eb))
            throw error;
        const hint = error.command !== undefined ? `wheelhouse ${error.command} --help` : 'wheelhouse --help';
        io.stderr.write(`wheelhouse: ${redactText(error.message)}\n(see ${hint})\n`);
        return 2;
    }
    if (request.kind === 'version') {
        io.stdout.write(`wheelhouse ${WHEELHOUSE_VERSION}\n`);
        return 0;
    }
    if (request.kind === 'help') {
        io.stdout.write(request.command === undefined ? generalHelp() : commandHelp(request.command));
        return 0;
    }
    const { args } = request;
    const logger = new StderrLogger(io.stderr, args.verbosity);
    try {
        return args.command === 'resolve'
            ? await resolveCommand(args, io, logger)
            : await fetchCommand(args, io, logger);
    }
    catch (error) {
        const failure = describeFailure(error);
        if (failure.kind === 'unsatisfiable') {
            io.stderr.write(`${failure.message}\n`);
        }
        else {
            io.stderr.write(`wheelhouse: ${failure.kind === 'internal' ? 'internal error: ' : ''}${failure.message}\n`);
        }
        if (args.verbosity === 'verbose' &&
            failure.kind === 'internal' &&
            error instanceof Error &&
            error.stack) {
            io.stderr.write(`${redactText(error.stack)}\n`);
        }
        return failure.exitCode;
    }
}


/***/ })

};
