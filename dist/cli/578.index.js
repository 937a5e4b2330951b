export const id = 578;
export const ids = [578];
export const modules = {

/***/ 1500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ handleRangeSource),
/* harmony export */   b: () => (/* binding */ withFileRangeSource)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A RangeSource (remote-zip.ts) over a local file, so a downloaded wheel or a zip sdist is read
 * with the same ZIP code as a remote one, without loading the whole file.
 */

/** Opens `path`, hands a RangeSource over it to `use`, and closes the file afterwards. */
async function withFileRangeSource(path, use) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        const { size } = await handle.stat();
        return await use(handleRangeSource(handle, size));
    }
    finally {
        await handle.close();
    }
}
/** A RangeSource over an open file of `size` bytes; the caller keeps owning (and closes) `handle`. */
function handleRangeSource(handle, size) {
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
    return {
        readTail: async (length) => ({ bytes: await read(Math.max(0, size - length), size), size }),
        read,
    };
}


/***/ }),

/***/ 4578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MetadataHashMismatchError: () => (/* binding */ MetadataHashMismatchError),
  createMetadataFetcher: () => (/* binding */ createMetadataFetcher),
  metadataUrl: () => (/* binding */ metadataUrl)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/standards/filenames.ts
var filenames = __webpack_require__(1728);
// EXTERNAL MODULE: ./src/standards/metadata.ts + 2 modules
var metadata = __webpack_require__(5970);
// EXTERNAL MODULE: ./src/index/http-errors.ts
var http_errors = __webpack_require__(8428);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/index/capability-memo.ts
var capability_memo = __webpack_require__(4939);
// EXTERNAL MODULE: ./src/util/file-sha256.ts
var file_sha256 = __webpack_require__(2678);
// EXTERNAL MODULE: ./src/index/metadata-identity.ts
var metadata_identity = __webpack_require__(5654);
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
        this.host = capability_memo/* CapabilityMemo */.F.hostOf(options.url);
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
        const res = await this.send('GET', asked, end - start);
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
        const res = await this.send('GET', asked, length);
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
        const res = await this.send('GET', asked, 1);
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
        return new http_errors/* HttpError */.j(status, method, this.options.redactedUrl);
    }
    /**
     * One request; a 206 may carry at most `rangeBytes` (the range asked for: a 64 KiB range
     * answered with a 3 GiB Content-Length or an endless body is stopped at once), a 200 (Range
     * ignored: the whole file, handed on to the download) at most the size the index declares.
     */
    async send(method, range, rangeBytes) {
        this.requests += 1;
        // Identity encoding: byte offsets must be offsets into the file, not into a compressed body.
        const headers = { 'accept-encoding': 'identity' };
        if (range !== undefined)
            headers.range = range;
        const size = this.options.size;
        return this.options.http.request(this.options.url, {
            method,
            headers,
            limit: (status) => {
                if (status === 206 && rangeBytes !== undefined)
                    return { bytes: rangeBytes, what: `range response (${range})` };
                if (status === 200 && size !== undefined)
                    return { bytes: size, what: 'whole file' };
                // Error pages and the like: a little text at most.
                if (status !== 200)
                    return { bytes: 64 * 1024, what: `HTTP ${status} response` };
                return undefined;
            },
        });
    }
}

// EXTERNAL MODULE: ./src/index/remote-zip.ts + 1 modules
var remote_zip = __webpack_require__(255);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/index/transfer-limits.ts
var transfer_limits = __webpack_require__(9914);
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
    constructor(url, expected, 
    /** Bytes received (at least this many when the body ran past the declared size). */
    actual) {
        super(actual > expected
            ? `${url}: the server sent more than the ${expected} bytes the index declares for the file (at least ${actual}); stopped`
            : `${url}: downloaded ${actual} bytes, the index says the file has ${expected}`);
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
            response = await options.http.request(options.url, {
                headers: { 'accept-encoding': 'identity' },
                // Bounded by the size the index declares (else the client's maximum download size).
                ...(options.size !== undefined ? { limit: { bytes: options.size, what: 'download' } } : {}),
                deadlineMs: (0,transfer_limits/* downloadDeadlineMs */.fl)(options.size),
            });
        }
        if (response.status !== 200) {
            await response.discard();
            throw new http_errors/* HttpError */.j(response.status, 'GET', options.redactedUrl);
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
                if (options.size !== undefined && size + chunk.length > options.size) {
                    // A handed-over response was requested without this bound: stop at the declared size.
                    throw new DownloadSizeMismatchError(options.redactedUrl, options.size, size + chunk.length);
                }
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
                throw new http_errors/* NetworkError */.D('GET', options.redactedUrl, `body cut short: ${size} of ${declared} bytes`, 'ESHORTBODY');
            }
        }
        catch (error) {
            // The stream opens its file asynchronously: one destroyed before that open finished still
            // creates the file, after an `rm` that did not wait for it. Wait until it is closed.
            if (!out.closed) {
                await new Promise((resolve) => {
                    out.once('close', () => resolve());
                    out.destroy();
                });
            }
            await (0,promises_.rm)(tmp, { force: true });
            response = undefined;
            if (error instanceof http_errors/* NetworkError */.D && !(0,transfer_limits/* isLimitCode */.tW)(error.code) && attempt < attempts) {
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

// EXTERNAL MODULE: ./src/index/file-range-source.ts
var file_range_source = __webpack_require__(1500);
// EXTERNAL MODULE: ./src/index/sdist-metadata.ts
var sdist_metadata = __webpack_require__(8395);
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
const defaultParser = (bytes) => (0,metadata/* parseMetadata */.jR)(bytes).metadata;
function fileKey(file) {
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
    const memo = options.memo ?? new capability_memo/* CapabilityMemo */.F();
    const maxSize = options.maxMetadataSize ?? remote_zip/* DEFAULT_MAX_METADATA_SIZE */.d9;
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
        downloads.set(fileKey(file), whole);
        downloads.set(hashedKey(file.filename, result.sha256), whole);
        return result.path;
    }
    async function downloadWhole(file) {
        const key = fileKey(file);
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
        const redacted = (0,redact/* redactUrl */.BO)(url);
        counts.requests += 1;
        const res = await http.request(url, {
            headers: { 'accept-encoding': 'identity' },
            limit: { bytes: maxSize, what: 'PEP 658 .metadata file' },
        });
        if (res.status !== 200) {
            await res.discard();
            if (res.status === 404 || res.status === 410) {
                logger.warn(`${redacted}: declared by the index but HTTP ${res.status}; reading the wheel instead`);
                return undefined;
            }
            throw new http_errors/* HttpError */.j(res.status, 'GET', redacted);
        }
        const body = await res.body();
        counts.bytes += body.length;
        if (body.length > maxSize)
            throw new http_errors/* HttpError */.j(200, 'GET', redacted, `metadata file over ${maxSize} bytes`);
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
            const { metadata } = await (0,remote_zip/* readWheelMetadata */.rN)(source, {
                source: file.redactedUrl,
                tailSize: options.tailSize ?? remote_zip/* DEFAULT_TAIL_SIZE */.Lk,
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
            const { metadata } = await (0,file_range_source/* withFileRangeSource */.b)(path, (local) => (0,remote_zip/* readWheelMetadata */.rN)(local, { source: file.redactedUrl, maxMetadataSize: maxSize }));
            return { kind: 'metadata', metadata, path: 'download', ...counts };
        }
    }
    async function sdistMetadata(file, counts) {
        const pep658 = await tryPep658(file, counts);
        const pkgInfo = pep658 ?? (await (0,sdist_metadata/* readSdistPkgInfo */.Qv)(await download(file, counts), file.filename, file.redactedUrl));
        const parsed = parse(pkgInfo);
        const usability = (0,sdist_metadata/* sdistMetadataUsability */.HQ)(parsed);
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
    /**
     * A cached entry, only when it is proven to belong to `file` (the cache is untrusted: anyone who
     * can write a cache entry can rewrite it, e.g. to add a dependency). A METADATA is used when its
     * sha256 is the one the index declares for the file's PEP 658 metadata, or, without a declared
     * hash, when it equals the METADATA of a local copy of the file whose sha256 is the key (the
     * restored wheelhouse), or when the cache's records (kept outside it) say this machine's
     * wheelhouse read exactly these bytes for that file: content-addressed means checked. Anything
     * else is read again from the index. A `needs-build` verdict for an sdist is used as is: it can
     * only exclude that sdist.
     */
    async function verifiedCacheHit(file, sha256, hit) {
        if (hit === undefined || hit.kind === 'needs-build')
            return hit;
        const actual = (0,external_node_crypto_.createHash)('sha256').update(hit.metadata).digest('hex');
        const declared = file.coreMetadata === false ? undefined : file.coreMetadata.sha256?.toLowerCase();
        if (declared !== undefined) {
            if (actual === declared)
                return hit;
            logger.warn(`cached metadata of ${file.filename} has sha256 ${actual}, the index declares ${declared}: ignored, reading it again`);
            return undefined;
        }
        // Read by this machine's wheelhouse itself (the record lives outside the untrusted directory).
        if (cache?.recorded?.(sha256) === actual)
            return hit;
        const local = file.filename.endsWith('.whl') ? await cache?.localCopy?.(file.filename) : undefined;
        const info = local === undefined ? undefined : await (0,promises_.lstat)(local).catch(() => undefined);
        if (local !== undefined && info?.isFile() === true) {
            const copy = await (options.digest ?? file_sha256/* fileSha256 */.s)(local).catch(() => undefined);
            if (copy?.sha256 === sha256) {
                const { metadata } = await (0,file_range_source/* withFileRangeSource */.b)(local, (source) => (0,remote_zip/* readWheelMetadata */.rN)(source, { source: file.filename, maxMetadataSize: maxSize })).catch(() => ({ metadata: undefined }));
                if (metadata !== undefined && Buffer.from(metadata).equals(Buffer.from(hit.metadata))) {
                    cache?.record?.(sha256, actual);
                    return hit;
                }
                logger.warn(`cached metadata of ${file.filename} differs from the METADATA in the file: ignored`);
                return undefined;
            }
        }
        logger.debug(`cached metadata of ${file.filename} cannot be verified (no declared hash, no local copy)`);
        return undefined;
    }
    async function fetchUncached(file) {
        const sha256 = file.hashes.sha256?.toLowerCase();
        if (cache !== undefined && sha256 !== undefined) {
            const hit = await verifiedCacheHit(file, sha256, await cache.get(sha256));
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
            const named = (0,filenames/* parseWheelFilename */.eP)(file.filename);
            const raw = await wheelMetadata(file, counts);
            result = { ...raw, parsed: parse(raw.metadata) };
            (0,metadata_identity/* checkMetadataIdentity */.AP)(result.parsed, named.name, named.version, file.redactedUrl);
        }
        else {
            const named = (0,filenames/* parseSdistFilename */.sF)(file.filename, file.project);
            result = await sdistMetadata(file, counts);
            if (result.kind === 'metadata') {
                (0,metadata_identity/* checkMetadataIdentity */.AP)(result.parsed, named.name, named.version, file.redactedUrl);
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
        downloadedPath: (file) => downloads.get(fileKey(file))?.path,
        wholeFile(file) {
            const key = fileKey(file);
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
            const key = fileKey(file);
            let pending = inFlight.get(key);
            if (pending === undefined) {
                pending = fetchUncached(file).finally(() => inFlight.delete(key));
                inFlight.set(key, pending);
            }
            return pending;
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

/***/ 8395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HQ: () => (/* binding */ sdistMetadataUsability),
/* harmony export */   Qv: () => (/* binding */ readSdistPkgInfo),
/* harmony export */   hQ: () => (/* binding */ SdistFormatError)
/* harmony export */ });
/* unused harmony exports MAX_NAME_RECORD, MAX_TAR_SCAN */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _metadata_identity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5654);
/* harmony import */ var _remote_zip_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(255);
/* harmony import */ var _file_range_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1500);
/**
 * PKG-INFO of a source distribution (source distribution format: `{name}-{version}/PKG-INFO` at
 * the archive's top directory; `.tar.gz` or `.zip`), and whether it can stand in for a build
 * (PEP 643: usable when Metadata-Version ≥ 2.2 and `Requires-Dist` is not listed in `Dynamic`).
 *
 * tar: POSIX ustar headers (512-byte blocks, octal sizes, `prefix` + `name`), pax extended headers
 * (typeflag `x` records `<len> path=<value>`; `g` global headers are skipped) and GNU long names
 * (typeflag `L`), read from a gunzip stream and stopped as soon as PKG-INFO has been read.
 * Not supported: GNU sparse files and base-256 size fields (neither occurs in sdists).
 *
 * Bounded whatever the archive claims: a pax or GNU long-name record over MAX_NAME_RECORD bytes
 * and a PKG-INFO over DEFAULT_MAX_METADATA_SIZE are refused by their header, before a byte of
 * them is kept; the scan stops after MAX_TAR_SCAN uncompressed bytes (a gzip bomb); zip sdists
 * go through the bounded ZIP reader (remote-zip.ts).
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
async function readSdistPkgInfo(path, filename, source, 
/** Most uncompressed tar bytes scanned (default MAX_TAR_SCAN). */
maxScan) {
    if (filename.endsWith('.zip'))
        return readZipPkgInfo(path, source);
    if (filename.endsWith('.tar.gz'))
        return readTarGzPkgInfo(path, source, maxScan);
    throw new SdistFormatError(source, `unsupported sdist format ${JSON.stringify(filename)} (only .tar.gz and .zip)`);
}
async function readZipPkgInfo(path, source) {
    return (0,_file_range_source_js__WEBPACK_IMPORTED_MODULE_4__/* .withFileRangeSource */ .b)(path, async (local) => {
        const zip = await (0,_remote_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .openRemoteZip */ .gs)(local, { source });
        const found = zip.entries.filter((e) => TOP_LEVEL_PKG_INFO.test(cleanPath(e.name)));
        if (found.length !== 1) {
            throw new SdistFormatError(source, `expected one top-level PKG-INFO, found ${found.length}`);
        }
        return zip.readMember(found[0], _remote_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_MAX_METADATA_SIZE */ .d9);
    });
}
const BLOCK = 512;
/** Largest pax extended header or GNU long name kept (real ones are a few hundred bytes). */
const MAX_NAME_RECORD = 1024 * 1024;
/** Most uncompressed bytes scanned for PKG-INFO. */
const MAX_TAR_SCAN = 4 * 1024 * 1024 * 1024;
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
async function readTarGzPkgInfo(path, source, maxScan = MAX_TAR_SCAN) {
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path).pipe((0,node_zlib__WEBPACK_IMPORTED_MODULE_1__.createGunzip)());
    let pending = Buffer.alloc(0);
    let nextPath;
    // State: reading a header, or skipping/collecting `remaining` data bytes (+ padding).
    let mode = 'header';
    let remaining = 0;
    let padding = 0;
    let collect;
    let scanned = 0;
    try {
        for await (const chunk of stream) {
            scanned += chunk.length;
            if (scanned > maxScan) {
                throw new SdistFormatError(source, `no top-level PKG-INFO in the first ${maxScan} uncompressed bytes; stopped reading`);
            }
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
                if ((type === 'x' || type === 'L') && size > MAX_NAME_RECORD) {
                    const what = type === 'x' ? 'pax extended header' : 'GNU long name';
                    throw new SdistFormatError(source, `a ${what} of ${size} bytes (before ${JSON.stringify(memberPath)}), over the ${MAX_NAME_RECORD}-byte limit`);
                }
                if (type === 'x')
                    collect = { kind: 'pax', chunks: [] };
                else if (type === 'L')
                    collect = { kind: 'longname', chunks: [] };
                else if (type !== 'g') {
                    nextPath = undefined;
                    if ((type === '0' || type === '\0') && TOP_LEVEL_PKG_INFO.test(memberPath)) {
                        if (size > _remote_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_MAX_METADATA_SIZE */ .d9) {
                            throw new SdistFormatError(source, `PKG-INFO is ${size} bytes, over the ${_remote_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_MAX_METADATA_SIZE */ .d9}-byte limit`);
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
    const identity = pkgInfo instanceof Uint8Array ? (0,_metadata_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .readMetadataIdentity */ .SF)(pkgInfo) : (0,_metadata_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .metadataIdentity */ .wG)(pkgInfo);
    const parts = (0,_metadata_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .metadataVersionParts */ .a3)(identity.metadataVersion);
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


/***/ })

};
