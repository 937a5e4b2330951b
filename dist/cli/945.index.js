export const id = 945;
export const ids = [945];
export const modules = {

/***/ 5270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W6: () => (/* binding */ DirBuiltWheelStore),
/* harmony export */   WL: () => (/* binding */ buildKeyDigest),
/* harmony export */   p$: () => (/* binding */ validWheelName)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1728);
/* harmony import */ var _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2678);
/* harmony import */ var _util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4942);
/* harmony import */ var _util_rename_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6535);
/**
 * Wheels built from sdists, kept by what determines them: the sdist's sha256, the interpreter tag
 * (`cp311`) and the platform of the target (`manylinux_2_35_x86_64`). A warm run finds the wheel
 * here and builds nothing; it needs neither the sdist nor pip.
 *
 * `BuiltWheelStore` is the small interface every backend implements (shared-built-wheels.ts layers
 * a store a runner fleet shares, e.g. the S3 store's `built/` area, over this one);
 * `DirBuiltWheelStore` keeps `<dir>/<key digest>/<wheel file name>` in a directory that is part of
 * the wheelhouse cache entry, so the GitHub Actions cache and the local-directory backend carry it
 * like the metadata cache. Caches are untrusted: `get` answers only a regular file with a valid
 * wheel name (never a path from the cache itself) and its sha256 computed from the bytes; callers
 * check project, version and tags. Only key digests and validated wheel names become paths.
 */







const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The hex digest a key is stored under (no part of it reaches a path unhashed). */
function buildKeyDigest(key) {
    const sha = key.sdistSha256.toLowerCase();
    if (!SHA256_HEX.test(sha))
        throw new Error(`build key needs an sdist sha256, got ${JSON.stringify(key.sdistSha256)}`);
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update([
        'wheelhouse-build-v1',
        sha,
        key.interpreterTag,
        key.platform,
        ...(key.options !== undefined && key.options.length > 0 ? ['options', ...key.options] : []),
    ].join('\0'))
        .digest('hex');
}
/** A plain wheel file name (no path, not hidden) that parses as a wheel name. */
function validWheelName(name) {
    if (!name.endsWith('.whl') || name.includes('/') || name.includes('\\') || name.startsWith('.'))
        return false;
    try {
        (0,_standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__/* .parseWheelFilename */ .eP)(name);
        return true;
    }
    catch (error) {
        if (error instanceof _standards_filenames_js__WEBPACK_IMPORTED_MODULE_3__/* .InvalidFilenameError */ .di)
            return false;
        throw error;
    }
}
class DirBuiltWheelStore {
    dir;
    warn;
    used = new Set();
    constructor(dir, 
    /** Where a directory this store refuses to act in (a link from a cache entry) is reported. */
    warn = () => { }) {
        this.dir = dir;
        this.warn = warn;
    }
    async get(key) {
        const digest = buildKeyDigest(key);
        const sub = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.dir, digest);
        // Read only through real directories: a linked `builds/` or `builds/<digest>` (restored as
        // saved by the Actions cache) would have a wheel read from anywhere.
        if ((await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(this.dir)) !== 'directory' || (await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(sub)) !== 'directory')
            return undefined;
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(sub);
        }
        catch {
            return undefined;
        }
        const wheels = names.filter(validWheelName);
        if (wheels.length !== 1)
            return undefined;
        const filename = wheels[0];
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename);
        const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path).catch(() => undefined);
        if (stat === undefined || !stat.isFile())
            return undefined;
        const { sha256, size } = await (0,_util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__/* .fileSha256 */ .s)(path);
        this.used.add(digest);
        return { path, filename, sha256, size };
    }
    async put(key, path, filename) {
        if (!validWheelName(filename))
            throw new Error(`not a wheel file name: ${JSON.stringify(filename)}`);
        const digest = buildKeyDigest(key);
        const sub = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.dir, digest);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(sub, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(sub, { recursive: true });
        const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, `.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(path, tmp);
            await (0,_util_rename_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .renameWithRetry */ .f)(tmp, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename));
        }
        catch (error) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
            throw error;
        }
        this.used.add(digest);
        const final = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(sub, filename);
        const { sha256, size } = await (0,_util_file_sha256_js__WEBPACK_IMPORTED_MODULE_4__/* .fileSha256 */ .s)(final);
        return { path: final, filename, sha256, size };
    }
    /**
     * Removes entries this run did not use (so a cache entry does not grow forever); answers how
     * many. The directory travels in cache entries: a `builds/` that is not a real directory (a
     * symbolic link restored by the Actions cache) is reported and left alone, and nothing in it is
     * followed — a linked entry is unlinked, its target untouched (util/plain-dir.ts).
     */
    async pruneUnused() {
        const state = await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .plainDirState */ .Z9)(this.dir);
        if (state === 'not a plain directory') {
            this.warn(`${this.dir} is not a plain directory (a symbolic link from a cache entry?): left alone, nothing in it pruned`);
        }
        let removed = 0;
        for (const entry of await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .listPlainDir */ .E4)(this.dir)) {
            if (entry.isDirectory() && this.used.has(entry.name))
                continue;
            await (0,_util_plain_dir_js__WEBPACK_IMPORTED_MODULE_5__/* .removeEntry */ .b4)(this.dir, entry);
            removed++;
        }
        return removed;
    }
}


/***/ }),

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

/***/ 2567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ S3Store)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/index/dist-filename-check.ts
var dist_filename_check = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/util/file-sha256.ts
var file_sha256 = __webpack_require__(2678);
// EXTERNAL MODULE: ./src/cache/backend.ts
var backend = __webpack_require__(6270);
// EXTERNAL MODULE: ./src/index/undici-parts.ts
var undici_parts = __webpack_require__(9297);
// EXTERNAL MODULE: ./src/index/http-failure.ts
var http_failure = __webpack_require__(4417);
// EXTERNAL MODULE: ./src/index/retry.ts
var retry = __webpack_require__(5434);
;// CONCATENATED MODULE: ./src/cache/s3/sigv4.ts
/**
 * AWS Signature Version 4 for S3 requests (pure; node:crypto only).
 *
 * Follows AWS's documented signing process ("Create a signed AWS API request", AWS IAM User Guide,
 * and "Signature Calculations for the Authorization Header", Amazon S3 API Reference):
 *   1. canonical request = method \n canonical URI \n canonical query \n canonical headers \n
 *      signed headers \n hex(sha256(payload)) — S3 sends the payload hash in `x-amz-content-sha256`
 *      and encodes the path once (not twice, unlike other services);
 *   2. string to sign = "AWS4-HMAC-SHA256" \n amz-date \n scope \n hex(sha256(canonical request)),
 *      scope = date/region/s3/aws4_request;
 *   3. signing key = HMAC chain "AWS4"+secret → date → region → service → "aws4_request";
 *   4. Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=…, Signature=hex.
 * A session token (temporary credentials, e.g. OIDC via configure-aws-credentials) travels in the
 * signed `x-amz-security-token` header.
 */

/** `x-amz-content-sha256` for requests whose body is not hashed (GET/HEAD/DELETE have none). */
const EMPTY_SHA256 = (0,external_node_crypto_.createHash)('sha256').update('').digest('hex');
/** RFC 3986 unreserved characters stay; everything else is %XX (upper-case hex), as SigV4 requires. */
function uriEncode(value, keepSlash) {
    let out = '';
    for (const byte of Buffer.from(value, 'utf8')) {
        const c = String.fromCharCode(byte);
        if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/'))
            out += c;
        else
            out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
function amzDate(now) {
    return now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
const hmac = (key, data) => (0,external_node_crypto_.createHmac)('sha256', key).update(data, 'utf8').digest();
/**
 * The last signing key made (step 3 above): it depends only on the secret, the day and the region,
 * so a run's hundreds of requests derive it once a day instead of four HMACs each. Held in memory
 * only, like the secret it comes from.
 */
let lastKey;
function signingKey(secret, day, region) {
    if (lastKey !== undefined && lastKey.secret === secret && lastKey.day === day && lastKey.region === region)
        return lastKey.key;
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
    lastKey = { secret, day, region, key };
    return key;
}
/** The headers to send: the given ones plus x-amz-date, x-amz-content-sha256, token, Authorization. */
function signRequest(input) {
    const date = amzDate(input.now);
    const day = date.slice(0, 8);
    const headers = {};
    for (const [k, v] of Object.entries(input.headers))
        headers[k.toLowerCase()] = v;
    headers['x-amz-date'] = date;
    headers['x-amz-content-sha256'] = input.payloadSha256;
    if (input.credentials.sessionToken !== undefined)
        headers['x-amz-security-token'] = input.credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}\n`).join('');
    const signedHeaders = names.join(';');
    const canonicalQuery = Object.entries(input.query)
        .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    const canonicalRequest = [
        input.method,
        input.encodedPath,
        canonicalQuery,
        canonicalHeaders,
        signedHeaders,
        input.payloadSha256,
    ].join('\n');
    const scope = `${day}/${input.region}/s3/aws4_request`;
    const stringToSign = [
        'AWS4-HMAC-SHA256',
        date,
        scope,
        (0,external_node_crypto_.createHash)('sha256').update(canonicalRequest, 'utf8').digest('hex'),
    ].join('\n');
    const kSigning = signingKey(input.credentials.secretAccessKey, day, input.region);
    const signature = (0,external_node_crypto_.createHmac)('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
    headers.authorization =
        `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, ` +
            `SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-xml.ts
/**
 * The few S3 XML responses the store reads, read with bounded regular expressions over a body
 * already limited in size (s3-client.ts): ListObjectsV2 (`ListBucketResult`: Contents/Key,
 * LastModified, Size; IsTruncated, NextContinuationToken — S3 API Reference, ListObjectsV2) and
 * the error document (`Error`: Code, Message — S3 API Reference, "Error responses").
 */
/** XML 1.0 predefined entities and numeric character references. */
function xmlText(raw) {
    return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (_m, ref) => {
        if (ref === 'amp')
            return '&';
        if (ref === 'lt')
            return '<';
        if (ref === 'gt')
            return '>';
        if (ref === 'quot')
            return '"';
        if (ref === 'apos')
            return "'";
        const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
}
function s3_xml_element(xml, name) {
    const m = new RegExp(`<${name}>([^<]{0,4096})</${name}>`).exec(xml);
    return m === null ? undefined : xmlText(m[1]);
}
function parseListPage(xml) {
    if (!/<ListBucketResult[\s>]/.test(xml))
        throw new Error('not a ListBucketResult document');
    const objects = [];
    for (const m of xml.matchAll(/<Contents>([\s\S]{0,8192}?)<\/Contents>/g)) {
        const block = m[1];
        const key = s3_xml_element(block, 'Key');
        if (key === undefined)
            continue;
        const lastModified = Date.parse(s3_xml_element(block, 'LastModified') ?? '');
        const size = Number(s3_xml_element(block, 'Size') ?? '0');
        objects.push({ key, lastModified: Number.isNaN(lastModified) ? 0 : lastModified, size });
    }
    const truncated = s3_xml_element(xml, 'IsTruncated') === 'true';
    const nextToken = truncated ? s3_xml_element(xml, 'NextContinuationToken') : undefined;
    return nextToken !== undefined ? { objects, nextToken } : { objects };
}
/** `Code: Message` of an S3 error document, when the body is one. */
function parseErrorDocument(xml) {
    if (!/<Error[\s>]/.test(xml))
        return undefined;
    const code = s3_xml_element(xml, 'Code');
    const message = s3_xml_element(xml, 'Message');
    if (code === undefined)
        return undefined;
    return message !== undefined && message !== '' ? `${code}: ${message}` : code;
}
/** The UploadId of a CreateMultipartUpload answer (`InitiateMultipartUploadResult`). */
function parseUploadId(xml) {
    if (!/<InitiateMultipartUploadResult[\s>]/.test(xml))
        throw new Error('not an InitiateMultipartUploadResult document');
    const id = s3_xml_element(xml, 'UploadId');
    if (id === undefined || id === '')
        throw new Error('InitiateMultipartUploadResult without an UploadId');
    return id;
}
/** Text for an XML element's content (the five predefined entities). */
function xmlEscape(text) {
    return text.replace(/[&<>"']/g, (c) => c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;');
}
/** The CompleteMultipartUpload request body: the parts in ascending order with their ETags. */
function completeMultipartBody(parts) {
    const items = parts
        .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`)
        .join('');
    return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${items}</CompleteMultipartUpload>`;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./src/cache/s3/s3-transfer-guard.ts
const S3_TOO_SLOW = 'S3_TOO_SLOW';
const S3_DEADLINE = 'S3_DEADLINE';
const DEFAULT_S3_TRANSFER_LIMITS = {
    minBytesPerSec: 1024,
    windowMs: 5_000,
    deadlineMs: 300_000,
    deadlineBytesPerSec: 64 * 1024,
};
const MAX_TIMER_MS = 2 ** 31 - 1;
class S3TransferLimitError extends Error {
    code;
    name = 'S3TransferLimitError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
/**
 * One exchange's watchdog: `start` when the request is sent, `bodyStarted(size)` at the response
 * headers, `data(n)` per body chunk, `pause`/`resume` around the reader's own waits, `stop` at the
 * end. `violated` is called at most once.
 */
class TransferGuard {
    limits;
    violated;
    deadline;
    window;
    windowBytes = 0;
    paused = false;
    reading = false;
    stopped = false;
    startedAt = 0;
    constructor(limits, violated) {
        this.limits = limits;
        this.violated = violated;
    }
    /** The request is sent (with a body of `uploadSize` bytes: the deadline grows with it too). */
    start(uploadSize = 0) {
        this.startedAt = Date.now();
        this.base = this.limits.deadlineMs + this.sizeMs(uploadSize);
        this.armDeadline(this.base);
    }
    base = 0;
    sizeMs(size) {
        return size !== undefined && size > 0 && this.limits.deadlineBytesPerSec > 0
            ? Math.ceil((size / this.limits.deadlineBytesPerSec) * 1000)
            : 0;
    }
    /** The response headers arrived: the body (of `size` bytes, when declared) is read from now. */
    bodyStarted(size) {
        if (this.stopped)
            return;
        const extra = this.sizeMs(size);
        if (extra > 0)
            this.armDeadline(this.base + extra - (Date.now() - this.startedAt));
        this.reading = true;
        this.openWindow();
    }
    data(bytes) {
        this.windowBytes += bytes;
    }
    pause() {
        if (this.paused)
            return;
        this.paused = true;
        clearTimeout(this.window);
    }
    resume() {
        if (!this.paused)
            return;
        this.paused = false;
        this.openWindow();
    }
    stop() {
        this.stopped = true;
        clearTimeout(this.deadline);
        clearTimeout(this.window);
    }
    armDeadline(ms) {
        if (this.limits.deadlineMs <= 0)
            return;
        clearTimeout(this.deadline);
        this.deadline = setTimeout(() => this.fail(new S3TransferLimitError(`no complete answer in ${Math.round((Date.now() - this.startedAt) / 1000)} s (the deadline: ${this.limits.deadlineMs / 1000} s, more for a large body)`, S3_DEADLINE)), 
        // setTimeout takes at most 2^31 − 1 ms (a longer delay fires at once, with a warning).
        Math.min(Math.max(0, ms), MAX_TIMER_MS));
        this.deadline.unref();
    }
    openWindow() {
        if (this.stopped || !this.reading || this.paused || this.limits.minBytesPerSec <= 0)
            return;
        clearTimeout(this.window);
        this.windowBytes = 0;
        this.window = setTimeout(() => {
            const need = (this.limits.minBytesPerSec * this.limits.windowMs) / 1000;
            if (this.windowBytes < need) {
                this.fail(new S3TransferLimitError(`the answer came too slowly: ${this.windowBytes} bytes in ${this.limits.windowMs / 1000} s, under the minimum of ${this.limits.minBytesPerSec} bytes/s`, S3_TOO_SLOW));
            }
            else {
                this.openWindow();
            }
        }, this.limits.windowMs);
        this.window.unref();
    }
    fail(error) {
        if (this.stopped)
            return;
        this.stop();
        this.violated(error);
    }
}
/** The request body's declared size (its Content-Length header), else 0. */
function requestSize(headers) {
    let value;
    if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2)
            if (String(headers[i]).toLowerCase() === 'content-length')
                value = headers[i + 1];
    }
    else if (headers !== null && typeof headers === 'object') {
        for (const [name, v] of Object.entries(headers))
            if (name.toLowerCase() === 'content-length')
                value = v;
    }
    const size = Number(value);
    return Number.isFinite(size) && size > 0 ? size : 0;
}
/**
 * An undici interceptor (`agent.compose(...)`) that puts every exchange of the dispatcher under a
 * TransferGuard: the guard sees the body's chunks and the reader's pauses; a violation aborts the
 * exchange with the guard's error (the request, or the reading of its body, fails with it).
 */
function transferGuardInterceptor(limits) {
    return (dispatch) => (opts, handler) => {
        let controller;
        let early;
        const guard = new TransferGuard(limits, (error) => {
            if (controller !== undefined)
                controller.abort(error);
            else
                early = error;
        });
        // What the inner handler pauses and resumes is seen by the guard on its way to undici.
        let watched;
        const watch = (c) => (watched ??= {
            abort: (reason) => c.abort(reason),
            pause: () => {
                guard.pause();
                c.pause();
            },
            resume: () => {
                guard.resume();
                c.resume();
            },
            get paused() {
                return c.paused;
            },
            get aborted() {
                return c.aborted;
            },
            get reason() {
                return c.reason;
            },
        });
        const wrapped = {
            onRequestStart: (c, context) => {
                // The clock starts when the request goes out on a connection, not while it waits for one
                // (16 connections, up to 64 exchanges dispatched by a save).
                guard.start(requestSize(opts.headers));
                controller = c;
                if (early !== undefined)
                    c.abort(early);
                handler.onRequestStart?.(watch(c), context);
            },
            onRequestUpgrade: (c, statusCode, headers, socket) => handler.onRequestUpgrade?.(watch(c), statusCode, headers, socket),
            onResponseStart: (c, statusCode, headers, statusMessage) => {
                if (statusCode >= 200) {
                    const length = Number(headers['content-length']);
                    guard.bodyStarted(Number.isFinite(length) ? length : undefined);
                }
                handler.onResponseStart?.(watch(c), statusCode, headers, statusMessage);
            },
            onResponseData: (c, chunk) => {
                guard.data(chunk.length);
                handler.onResponseData?.(watch(c), chunk);
            },
            onResponseEnd: (c, trailers) => {
                guard.stop();
                handler.onResponseEnd?.(watch(c), trailers);
            },
            onResponseError: (c, error) => {
                guard.stop();
                handler.onResponseError?.(watch(c), error);
            },
        };
        return dispatch(opts, wrapped);
    };
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-http-head.ts
/**
 * The HTTP/1.1 message heads of the plain GET (s3-plain-get.ts): the request head it writes and the
 * response head it reads (RFC 9112 §3 request line, §4 status line, §5 field lines, §6.3 message
 * body length). Pure: bytes in, a description out; what to do with an answer is the caller's.
 */
/**
 * The head of a GET of `encodedPath` with `headers` (Host and the signed ones), or undefined when a
 * value holds a line break, which would end the head early (a session token is the only outside
 * input): such a request goes through undici instead.
 */
function getRequestHead(encodedPath, headers) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    if (lines.some((line) => /[\r\n]/.test(line.slice(0, -2))))
        return undefined;
    return `GET ${encodedPath} HTTP/1.1\r\n${lines.join('')}\r\n`;
}
/**
 * Reads the response head at the start of `bytes`: 'incomplete' while its blank line has not
 * arrived, 'unreadable' when the status line is not HTTP/1.0 or 1.1 with a three-digit status.
 */
function parseResponseHead(bytes) {
    const end = bytes.indexOf('\r\n\r\n');
    if (end < 0)
        return 'incomplete';
    const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '');
    if (status === null)
        return 'unreadable';
    let length;
    let chunked = false;
    let keepAlive = status[1] === '1';
    for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length')
            length = length === undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
        else if (name === 'transfer-encoding')
            chunked = true;
        else if (name === 'connection')
            keepAlive = keepAlive && !/\bclose\b/i.test(value);
    }
    return { status: status[2], length, chunked, keepAlive, bodyAt: end + 4 };
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-plain-get.ts
/**
 * Streamed ("plain": whole-object, not ranged) GETs of store objects over keep-alive connections of
 * their own, each read into one fixed buffer (`net.connect` / `tls.connect` `onread`). undici allocates a new 64 KiB buffer for every socket
 * read and passes each body chunk through two streams; for the hundreds of MB a warm restore
 * receives, that machinery and the garbage it leaves cost more of the runner's CPU than hashing the
 * bytes (docs/benchmarks.md, S3 section, "Session 8"). Here the body's bytes go straight from the
 * connection's buffer to the caller's sink, which must use them before it returns.
 *
 * Only the shapes a wheel GET answers are read here: a 200 with a Content-Length and no
 * Transfer-Encoding (RFC 9112 §6.3: the body is exactly that many bytes), and a 404. Anything else
 * (another status, a chunked or close-delimited body, a connection that fails before the head is
 * complete, a stale keep-alive connection) answers `fallback`: the caller asks again through undici
 * (s3-client.ts), which owns retries, S3's error documents and their messages. Over TLS the
 * server's certificate is checked against the host's name with Node's CA store, as undici does (a
 * failed handshake is a connection lost before the head: fallback, and undici reports it).
 * Timeouts are undici's three, under undici's codes, so that S3Client.observe treats them alike
 * (the store is then not asked again); the minimum rate and the deadline are the same TransferGuard
 * the client's undici requests run under (s3-transfer-guard.ts). The request and response heads are
 * s3-http-head.ts's.
 */




/** A response head larger than this is not a wheel GET's: fallback. */
const HEAD_LIMIT = 64 * 1024;
/** Each connection's read buffer. */
const READ_BUFFER = 256 * 1024;
/** An error under one of undici's timeout codes (s3-client.ts TIMEOUT_CODES). */
class PlainGetTimeout extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
class Connection {
    socket;
    reading;
    connected = false;
    /** The event after which requests may be sent: 'connect', or 'secureConnect' over TLS. */
    connectEvent;
    closed = false;
    constructor(options, onClose) {
        const own = Buffer.allocUnsafeSlow(READ_BUFFER);
        /** The reading whose memory the next read goes into (from `room`), if any. */
        let lentTo;
        const onread = {
            // Node asks for the next read's memory after every read (and once at the start). Over plain
            // TCP a body read into a sink with room goes straight there; over TLS, or when nobody reads,
            // into the connection's own buffer.
            buffer: () => {
                lentTo = options.tls === undefined ? this.reading : undefined;
                const room = lentTo?.room();
                if (room === undefined)
                    lentTo = undefined;
                return room ?? own;
            },
            callback: (n, buffer) => {
                const reading = this.reading;
                const lent = lentTo;
                lentTo = undefined;
                if (reading === undefined) {
                    // Bytes nobody asked for: the connection's framing cannot be trusted any more.
                    this.socket.destroy();
                    return false;
                }
                if (lent !== undefined && buffer !== own) {
                    if (lent !== reading) {
                        this.socket.destroy(); // cannot happen: a reading ends only after a read or with the connection
                        return false;
                    }
                    return reading.filled(n);
                }
                return reading.feed(Buffer.from(buffer.buffer, buffer.byteOffset, n));
            },
        };
        const at = { host: options.host, port: options.port, noDelay: true, onread };
        this.socket =
            options.tls === undefined
                ? (0,external_node_net_.connect)(at)
                : (0,external_node_tls_.connect)({
                    ...at,
                    // SNI names a host, never an address (RFC 6066 §3).
                    ...((0,external_node_net_.isIP)(options.host) === 0 ? { servername: options.host } : {}),
                    ALPNProtocols: ['http/1.1'],
                    ...(options.tls.ca !== undefined ? { ca: options.tls.ca } : {}),
                });
        this.connectEvent = options.tls === undefined ? 'connect' : 'secureConnect';
        this.socket.once(this.connectEvent, () => (this.connected = true));
        this.socket.on('error', (error) => this.reading?.ended(error));
        this.socket.on('end', () => this.socket.destroy());
        this.socket.on('close', () => {
            this.closed = true;
            this.reading?.ended(undefined);
            onClose(this);
        });
    }
}
class PlainGetPool {
    options;
    /** Answers read here (200 and 404), answers left to undici, connections opened: for tests and logs. */
    counts = { read: 0, fallback: 0, connections: 0 };
    idle = [];
    waiting = [];
    open = 0;
    closing = false;
    constructor(options) {
        this.options = options;
    }
    /** A connection for one request: an idle one, a new one, or the next one released. */
    async acquire() {
        for (;;) {
            const idle = this.idle.pop();
            if (idle !== undefined) {
                if (idle.closed)
                    continue;
                idle.socket.ref();
                return { connection: idle, reused: true };
            }
            if (this.open < this.options.maxConnections) {
                this.open++;
                this.counts.connections++;
                const connection = new Connection(this.options, (c) => {
                    this.open--;
                    const at = this.idle.indexOf(c);
                    if (at >= 0)
                        this.idle.splice(at, 1);
                    this.waiting.shift()?.();
                });
                return { connection, reused: false };
            }
            await new Promise((resolve) => this.waiting.push(resolve));
        }
    }
    release(connection, reusable) {
        connection.reading = undefined;
        if (!reusable || this.closing || connection.closed) {
            connection.socket.destroy(); // 'close' lets the next waiter in
            return;
        }
        connection.socket.setTimeout(0);
        connection.socket.resume();
        connection.socket.unref();
        this.idle.push(connection);
        this.waiting.shift()?.();
    }
    /**
     * Sends `head` (a complete HTTP/1.1 GET request head: request line, Host and the signed headers,
     * the blank line) and streams a 200's body into `sink`, refusing a Content-Length over `limit`.
     */
    async get(head, limit, sink, signal) {
        signal?.throwIfAborted();
        const { connection, reused } = await this.acquire();
        if (signal?.aborted === true) {
            // Aborted while waiting for a connection: nothing was sent on it, it stays usable.
            this.release(connection, reused);
            throw signal.reason;
        }
        const socket = connection.socket;
        return new Promise((resolve, reject) => {
            let headBytes = [];
            let headSize = 0;
            let left = -1; // body bytes still expected; -1 while the head is read
            let received = 0;
            let total = 0;
            let keepAlive = true;
            let done = false;
            let pausedBy;
            /** The whole head must arrive within headersTimeoutMs of the request (undici's headersTimeout). */
            let headTimer;
            const guard = new TransferGuard(this.options.transfer ?? DEFAULT_S3_TRANSFER_LIMITS, (error) => finish(error, false));
            const finish = (result, reusable) => {
                if (done)
                    return;
                done = true;
                guard.stop();
                clearTimeout(headTimer);
                signal?.removeEventListener('abort', onAbort);
                socket.off('timeout', onTimeout);
                socket.off(connection.connectEvent, onConnect);
                this.release(connection, reusable && !(result instanceof Error));
                if (!(result instanceof Error))
                    this.counts[result.status === 'fallback' ? 'fallback' : 'read']++;
                if (result instanceof Error)
                    reject(result);
                else
                    resolve(result);
            };
            const onAbort = () => finish(signal.reason, false);
            signal?.addEventListener('abort', onAbort, { once: true });
            /** `n` body bytes, handed to the sink by `give`. */
            const body = (n, give) => {
                if (n > left) {
                    finish(new Error(`the server sent more than its Content-Length of ${total} bytes`), false);
                    return false;
                }
                left -= n;
                received += n;
                guard.data(n);
                let paused;
                try {
                    paused = give();
                }
                catch (error) {
                    finish(error, false);
                    return false;
                }
                if (paused !== undefined) {
                    pausedBy = paused;
                    socket.pause(); // with `onread`, net.Socket's pause/resume stop and restart the reads
                    // Our own sink's wait is not the server's silence (undici's body timeout stops while paused).
                    socket.setTimeout(0);
                    guard.pause();
                    paused.then(() => {
                        if (pausedBy !== paused || done)
                            return;
                        pausedBy = undefined;
                        guard.resume();
                        if (left === 0)
                            finish({ status: 200, size: received }, keepAlive);
                        else {
                            socket.setTimeout(this.options.bodyTimeoutMs);
                            socket.resume();
                        }
                    }, (error) => finish(error, false));
                    return false;
                }
                if (left === 0)
                    finish({ status: 200, size: received }, keepAlive);
                return true;
            };
            const parseHead = (bytes) => {
                headBytes.push(Buffer.from(bytes)); // a copy: `bytes` is the connection's buffer
                headSize += bytes.length;
                const all = headBytes.length === 1 ? headBytes[0] : Buffer.concat(headBytes, headSize);
                headBytes = [all];
                const head = parseResponseHead(all);
                if (head === 'incomplete') {
                    if (headSize > HEAD_LIMIT)
                        finish({ status: 'fallback' }, false);
                    return headSize <= HEAD_LIMIT;
                }
                if (head === 'unreadable') {
                    finish({ status: 'fallback' }, false);
                    return false;
                }
                const { length } = head;
                keepAlive = head.keepAlive;
                if (head.status === '404') {
                    finish({ status: 404 }, false);
                    return false;
                }
                if (head.status !== '200' || head.chunked || length === undefined || Number.isNaN(length)) {
                    finish({ status: 'fallback' }, false);
                    return false;
                }
                if (length > limit) {
                    finish(new Error(`more than the entry's ${limit} bytes (Content-Length ${length})`), false);
                    return false;
                }
                total = length;
                left = length;
                clearTimeout(headTimer);
                guard.bodyStarted(length);
                socket.setTimeout(this.options.bodyTimeoutMs);
                const rest = all.subarray(head.bodyAt);
                headBytes = [];
                if (left === 0) {
                    if (rest.length > 0)
                        finish(new Error('the server sent a body after an empty one'), false);
                    else
                        finish({ status: 200, size: 0 }, keepAlive);
                    // Released for the next request, which reads on: false here would stop the connection's reads.
                    return keepAlive;
                }
                return rest.length > 0 ? body(rest.length, () => sink.data(rest)) : true;
            };
            connection.reading = {
                feed: (bytes) => {
                    if (done)
                        return false;
                    return left < 0 ? parseHead(bytes) : body(bytes.length, () => sink.data(bytes));
                },
                // Never more than the body's rest: a read never holds bytes past it.
                // Also while the sink holds the connection paused: it keeps lent memory as it was.
                room: () => (done || left <= 0 || sink.room === undefined ? undefined : sink.room(left)),
                filled: (n) => (done ? false : body(n, () => sink.filled(n))),
                ended: (error) => {
                    if (done)
                        return;
                    // Before the head: a stale keep-alive connection, a refused one…: undici asks again.
                    if (left < 0)
                        return finish({ status: 'fallback' }, false);
                    finish(new Error(`the connection ${error !== undefined ? `failed (${error.message})` : 'closed'} after ${received} of ${total} bytes`), false);
                },
            };
            function onTimeout() {
                finish(!connection.connected
                    ? new PlainGetTimeout('connect timeout', 'UND_ERR_CONNECT_TIMEOUT')
                    : left < 0
                        ? new PlainGetTimeout('headers timeout', 'UND_ERR_HEADERS_TIMEOUT')
                        : new PlainGetTimeout('body timeout', 'UND_ERR_BODY_TIMEOUT'), false);
            }
            const timeouts = this.options;
            // The socket's idle timeout restarts with every byte: a head sent a byte at a time would never
            // trip it, so the head also has one fixed deadline from the request.
            const armHead = () => {
                headTimer = setTimeout(() => {
                    if (left < 0)
                        finish(new PlainGetTimeout('headers timeout', 'UND_ERR_HEADERS_TIMEOUT'), false);
                }, timeouts.headersTimeoutMs);
            };
            function onConnect() {
                if (!done && left < 0) {
                    socket.setTimeout(timeouts.headersTimeoutMs);
                    armHead();
                }
            }
            socket.on('timeout', onTimeout);
            if (connection.connected || reused) {
                socket.setTimeout(this.options.headersTimeoutMs);
                armHead();
            }
            else {
                socket.setTimeout(this.options.connectTimeoutMs);
                socket.once(connection.connectEvent, onConnect);
            }
            guard.start();
            socket.write(head);
        });
    }
    /** Closes every connection (requests in flight fail). */
    close() {
        this.closing = true;
        for (const c of this.idle.splice(0))
            c.socket.destroy();
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-address.ts
/**
 * Where an S3 request goes: path-style (`endpoint/bucket/key`) or virtual-host
 * (`bucket.endpoint/key`) addressing, and the URL-encoded path and query SigV4 signs (sigv4.ts
 * `uriEncode`; S3 API Reference, "Virtual hosting of buckets").
 */

/** Path-style unless asked otherwise, for IP/localhost endpoints, and for bucket names with dots. */
function usePathStyle(forcePathStyle, bucket, host) {
    if (forcePathStyle !== undefined)
        return forcePathStyle;
    return /^[\d.]+(:\d+)?$|^\[|^localhost(:\d+)?$/.test(host) || bucket.includes('.');
}
/** The address of `key` (the bucket itself when empty) in `bucket` at `base`, with `query`. */
function addressOf(base, bucket, pathStyle, key, query) {
    const host = pathStyle ? base.host : `${bucket}.${base.host}`;
    const path = pathStyle ? `/${bucket}${key === '' ? '' : `/${key}`}` : `/${key}`;
    const encodedPath = uriEncode(path, true);
    const qs = Object.entries(query)
        .map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`)
        .join('&');
    return { url: `${base.protocol}//${host}${encodedPath}${qs ? `?${qs}` : ''}`, encodedPath, host };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/cache/s3/s3-error.ts
/**
 * The S3 client's one error class and the codes callers act on: a range ignored by the server
 * (the caller asks for the whole object instead) and a store that stopped answering (nothing more
 * is asked of it in this run; s3-client.ts `observe`). Messages name the method, bucket and key and
 * S3's error code, never a header (credentials live only there).
 */
/** S3Error code of a range request answered with the whole object (200). */
const RANGE_IGNORED = 'RangeIgnored';
/** S3Error code once a request timed out: the store is not asked again by this client. */
const STORE_UNRESPONSIVE = 'StoreUnresponsive';
class S3Error extends Error {
    status;
    code;
    name = 'S3Error';
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
/** The error a request gets once the store stopped answering (not worth another request). */
function isStoreUnresponsive(error) {
    return error instanceof S3Error && error.code === STORE_UNRESPONSIVE;
}
/** undici's timeout error codes (connect, response headers, pause within a body). */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/**
 * The limit an error `code` says was passed — one of undici's three timeouts (the plain GETs of
 * s3-plain-get.ts use the same codes) — worded for a message; undefined for any other code.
 */
function timeoutLimit(code, limits) {
    if (code === undefined || !TIMEOUT_CODES.has(code))
        return undefined;
    return code === 'UND_ERR_CONNECT_TIMEOUT'
        ? `no connection in ${limits.connectMs} ms`
        : code === 'UND_ERR_HEADERS_TIMEOUT'
            ? `no answer in ${limits.headersMs} ms`
            : `the answer paused for ${limits.bodyMs} ms`;
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-body.ts
/**
 * Bodies of S3 requests and responses: a request's body is bytes in memory or a slice of a file
 * (streamed, never read whole); a response's body the client keeps is read up to a limit, and
 * refused (the rest not read) past it.
 */



/** The body's length in bytes (its Content-Length). */
function bodyLength(body) {
    return body.kind === 'buffer' ? body.data.length : body.size;
}
/** What undici sends for `body`: the buffer, or a stream of the file's slice. */
function bodySource(body) {
    if (body.kind === 'buffer')
        return body.data;
    if (body.size === 0)
        return external_node_stream_.Readable.from([]);
    const start = body.start ?? 0;
    return (0,external_node_fs_.createReadStream)(body.path, { start, end: start + body.size - 1 }); // `end` is inclusive
}
/**
 * Refuses, before a byte of it is read, a body whose declared Content-Length exceeds `limit`: the
 * transfer guard's deadline grows with the declared size (s3-transfer-guard.ts), so a store
 * declaring 100 GB and dripping bytes must not buy itself hours before the reader's own limit
 * stops it (review 1 of session 10).
 */
function refuseDeclaredOver(response, limit, shown) {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
        response.body.destroy();
        throw new S3Error(`${shown}: larger than ${limit} bytes (Content-Length ${declared})`);
    }
}
/** The body, refusing more than `limit` bytes (from its Content-Length, else while reading). */
async function readBounded(response, limit, shown = 'S3 response') {
    refuseDeclaredOver(response, limit, shown);
    const chunks = [];
    let total = 0;
    for await (const chunk of response.body) {
        total += chunk.length;
        if (total > limit) {
            response.body.destroy();
            throw new S3Error(`${shown}: larger than ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-store-health.ts
/**
 * Whether the store still answers, for one client's life. A store that stops answering costs a job
 * seconds, not minutes: a request whose answer does not start within the headers timeout (10 s
 * after its body was sent; undici refreshes that timer while the body is still flowing, so a slow
 * upload is not cut) or whose body pauses for the body timeout (20 s), or that cannot connect within
 * 5 s, or whose body arrives slower than 1 KiB/s over 5 s, or that outlives its deadline (300 s,
 * more for a large body; s3-transfer-guard.ts) is not retried; it marks the store unresponsive, and
 * every later request fails at once with STORE_UNRESPONSIVE. (A full Ceph cluster blocks writes:
 * with undici's own 30 s and retries, one save spent 131 s in timeouts before its warning.) The
 * store is a cache: whatever it did not deliver comes from the index.
 */



class StoreHealth {
    limits;
    /** Why the store counts as unresponsive (set by the first timeout), or undefined. */
    why;
    constructor(limits) {
        this.limits = limits;
    }
    get unresponsiveReason() {
        return this.why;
    }
    /** Throws STORE_UNRESPONSIVE for request `what` once the store stopped answering. */
    refuse(what) {
        if (this.why !== undefined)
            throw new S3Error(`${what}: not sent, ${this.why}`, undefined, STORE_UNRESPONSIVE);
    }
    /**
     * Marks the store unresponsive when `error` is one of undici's timeouts (or the transfer guard's
     * limits) and answers the error to throw: STORE_UNRESPONSIVE for a timeout, else `error` itself.
     */
    observe(error, what) {
        const limit = error instanceof S3TransferLimitError ? error.message : timeoutLimit((0,http_failure/* errorCode */.CA)(error), this.limits);
        if (limit === undefined)
            return error;
        this.why ??= `the store stopped answering (${what}: ${limit})`;
        return new S3Error(`${what}: ${limit}; the store is not asked again in this run`, undefined, STORE_UNRESPONSIVE);
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-client.ts












const ERROR_BODY_LIMIT = 64 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
const LIST_BODY_LIMIT = 8 * 1024 * 1024;
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
class S3Client {
    config;
    /** Requests sent (attempts included), by method: for logs and tests. */
    sent = { GET: 0, HEAD: 0, PUT: 0, POST: 0, DELETE: 0, LIST: 0 };
    dispatcher;
    /** Streamed whole-object GETs read into fixed buffers (s3-plain-get.ts). */
    plain;
    base;
    pathStyle;
    /** Whether the store still answers (its first timeout marks it unresponsive for good). */
    health;
    constructor(config) {
        this.config = config;
        this.base = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
        if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
            throw new S3Error(`S3 endpoint ${this.base.origin}: only http: and https: are supported`);
        this.pathStyle = usePathStyle(config.forcePathStyle, config.bucket, this.base.host);
        const headersTimeoutMs = config.headersTimeoutMs ?? 10_000;
        const bodyTimeoutMs = config.bodyTimeoutMs ?? 20_000;
        this.health = new StoreHealth({
            connectMs: CONNECT_TIMEOUT_MS,
            headersMs: headersTimeoutMs,
            bodyMs: bodyTimeoutMs,
        });
        const transfer = { ...DEFAULT_S3_TRANSFER_LIMITS, ...config.transfer };
        this.dispatcher = new undici_parts/* Agent */.g6({
            connections: 16,
            headersTimeout: headersTimeoutMs,
            bodyTimeout: bodyTimeoutMs,
            connect: { timeout: CONNECT_TIMEOUT_MS },
        }).compose(transferGuardInterceptor(transfer));
        const https = this.base.protocol === 'https:';
        const hostname = this.base.hostname.replace(/^\[|\]$/g, '');
        this.plain = new PlainGetPool({
            // The host every request of this client names (urlOf): the endpoint, or the bucket's.
            host: this.pathStyle ? hostname : `${config.bucket}.${hostname}`,
            port: this.base.port !== '' ? Number(this.base.port) : https ? 443 : 80,
            ...(https ? { tls: {} } : {}),
            maxConnections: 16,
            connectTimeoutMs: CONNECT_TIMEOUT_MS,
            headersTimeoutMs,
            bodyTimeoutMs: bodyTimeoutMs,
            transfer,
        });
    }
    /** `getInto`'s answers so far: read on its own connections, or left to undici (s3-plain-get.ts). */
    get plainCounts() {
        return { ...this.plain.counts };
    }
    /** Why the store counts as unresponsive for the rest of this client's life, or undefined. */
    get unresponsiveReason() {
        return this.health.unresponsiveReason;
    }
    /**
     * Marks the store unresponsive when `error` is a timeout (readers of a body call this with what
     * the body threw) and answers the error to throw (s3-store-health.ts).
     */
    observe(error, what) {
        return this.health.observe(error, what);
    }
    describe(key = '') {
        return `s3://${this.config.bucket}/${key}`;
    }
    urlOf(key, query) {
        return addressOf(this.base, this.config.bucket, this.pathStyle, key, query);
    }
    /** One signed request with retries; the caller consumes or dumps the body of the answer. */
    async send(req) {
        const retries = this.config.retries ?? 3;
        const base = this.config.backoffBaseMs ?? 200;
        const query = req.query ?? {};
        const { url, encodedPath, host } = this.urlOf(req.key ?? '', query);
        const what = `S3 ${req.method} ${this.describe(req.key)}`;
        for (let attempt = 0;; attempt++) {
            req.signal?.throwIfAborted();
            // Also between attempts: another request may have found the store unresponsive meanwhile.
            this.health.refuse(what);
            this.sent[req.method === 'GET' && 'list-type' in query ? 'LIST' : req.method]++;
            const headers = signRequest({
                method: req.method,
                encodedPath,
                query,
                headers: {
                    host,
                    ...(req.body !== undefined ? { 'content-length': String(bodyLength(req.body)) } : {}),
                    ...req.headers,
                },
                payloadSha256: req.payloadSha256 ?? EMPTY_SHA256,
                region: this.config.region,
                credentials: this.config.credentials,
                now: new Date(),
            });
            delete headers.host;
            let response;
            try {
                response = await (0,undici_parts/* request */.Em)(url, {
                    method: req.method,
                    headers,
                    dispatcher: this.dispatcher,
                    ...(req.signal !== undefined ? { signal: req.signal } : {}),
                    ...(req.body !== undefined ? { body: bodySource(req.body) } : {}),
                });
            }
            catch (error) {
                if (req.signal?.aborted === true)
                    throw error;
                const code = (0,http_failure/* errorCode */.CA)(error);
                // A timeout is not retried: the store stopped answering (see the top of this file).
                const observed = this.observe(error, what);
                if (observed !== error)
                    throw observed;
                if (attempt < retries && (0,retry/* isRetryableError */.$d)(code)) {
                    await sleep(Math.floor(Math.random() * base * 2 ** attempt));
                    continue;
                }
                throw new S3Error(`${what}: ${code ?? error.message} (endpoint ${this.base.origin})`);
            }
            if (attempt < retries && (0,retry/* isRetryableStatus */.PS)(response.statusCode)) {
                await response.body.dump();
                const after = (0,retry/* parseRetryAfter */.mu)(response.headers['retry-after']);
                await sleep(Math.min(after ?? Math.floor(Math.random() * base * 2 ** attempt), 10_000));
                continue;
            }
            return response;
        }
    }
    /** The error for a response that was not what `what` expected (reads a bounded error body). */
    async failure(response, method, key) {
        let detail;
        try {
            detail = parseErrorDocument((await readBounded(response, ERROR_BODY_LIMIT)).toString('utf8'));
        }
        catch {
            await response.body.dump().catch(() => { });
        }
        const code = detail?.split(':')[0];
        return new S3Error(`S3 ${method} ${this.describe(key)}: HTTP ${response.statusCode}${detail !== undefined ? ` ${detail}` : ''}`, response.statusCode, code);
    }
    /** Whether the object exists. */
    async head(key) {
        const response = await this.send({ method: 'HEAD', key });
        await response.body.dump();
        if (response.statusCode === 200)
            return true;
        if (response.statusCode === 404)
            return false;
        throw new S3Error(`S3 HEAD ${this.describe(key)}: HTTP ${response.statusCode}`, response.statusCode);
    }
    /** The whole object, at most `limit` bytes; undefined when it does not exist. */
    async getBuffer(key, limit, signal) {
        const response = await this.send({ method: 'GET', key, ...(signal !== undefined ? { signal } : {}) });
        if (response.statusCode === 404) {
            await response.body.dump();
            return undefined;
        }
        if (response.statusCode !== 200)
            throw await this.failure(response, 'GET', key);
        return readBounded(response, limit, `${this.describe(key)}`).catch((error) => {
            throw this.observe(error, `S3 GET ${this.describe(key)}`);
        });
    }
    /** A streaming GET; the caller reads (and bounds) the body. 404 → undefined. */
    async getStream(key, signal) {
        const response = await this.send({ method: 'GET', key, ...(signal !== undefined ? { signal } : {}) });
        if (response.statusCode === 404) {
            await response.body.dump();
            return undefined;
        }
        if (response.statusCode !== 200)
            throw await this.failure(response, 'GET', key);
        return response;
    }
    /**
     * A streamed GET of `key` into `sink` over a connection read into a fixed buffer
     * (s3-plain-get.ts): the body's size, or 'missing'. Undefined when that path does not read this
     * answer (any status but 200 and 404, a body without a Content-Length, a connection lost or a TLS
     * handshake failed before the answer began, a session token with a line break): the caller then asks
     * through `getStream`, whose retries and error messages apply. A body over `limit` bytes is
     * refused from its Content-Length, before it is read.
     */
    async getInto(key, limit, sink, signal) {
        signal?.throwIfAborted();
        const what = `S3 GET ${this.describe(key)}`;
        this.health.refuse(what);
        const { encodedPath, host } = this.urlOf(key, {});
        const headers = signRequest({
            method: 'GET',
            encodedPath,
            query: {},
            headers: { host },
            payloadSha256: EMPTY_SHA256,
            region: this.config.region,
            credentials: this.config.credentials,
            now: new Date(),
        });
        const head = getRequestHead(encodedPath, { host, ...headers });
        if (head === undefined)
            return undefined;
        this.sent.GET++;
        let result;
        try {
            result = await this.plain.get(head, limit, sink, signal);
        }
        catch (error) {
            if (signal?.aborted === true)
                throw error;
            const observed = this.observe(error, what);
            if (observed !== error)
                throw observed;
            throw new S3Error(`${what}: ${error.message}`);
        }
        if (result.status === 'fallback')
            return undefined;
        return result.status === 404 ? 'missing' : result.size;
    }
    /** PUT; with `ifNoneMatch` a 412 (the key exists) answers 'exists'. */
    async put(key, body, sha256, ifNoneMatch) {
        const response = await this.send({
            method: 'PUT',
            key,
            body,
            payloadSha256: sha256,
            headers: ifNoneMatch ? { 'if-none-match': '*' } : {},
        });
        if (response.statusCode === 412 && ifNoneMatch) {
            await response.body.dump();
            return 'exists';
        }
        if (response.statusCode !== 200 && response.statusCode !== 201)
            throw await this.failure(response, 'PUT', key);
        await response.body.dump();
        return 'created';
    }
    /** Creates the bucket (tests and first-time setup; 409 BucketAlreadyOwnedByYou is fine). */
    async createBucket() {
        const response = await this.send({ method: 'PUT' });
        if (response.statusCode !== 200 && response.statusCode !== 409)
            throw await this.failure(response, 'PUT', '');
        await response.body.dump();
    }
    async delete(key) {
        const response = await this.send({ method: 'DELETE', key });
        if (response.statusCode !== 204 && response.statusCode !== 200 && response.statusCode !== 404)
            throw await this.failure(response, 'DELETE', key);
        await response.body.dump();
    }
    /** One ListObjectsV2 page of keys starting with `prefix`. */
    async list(prefix, token) {
        const query = { 'list-type': '2', prefix };
        if (token !== undefined)
            query['continuation-token'] = token;
        const response = await this.send({ method: 'GET', query });
        if (response.statusCode !== 200)
            throw await this.failure(response, 'LIST', prefix);
        const body = await readBounded(response, LIST_BODY_LIMIT, `list of ${this.describe(prefix)}`).catch((error) => {
            throw this.observe(error, `S3 LIST ${this.describe(prefix)}`);
        });
        const xml = body.toString('utf8');
        return parseListPage(xml);
    }
    async close() {
        this.plain.close();
        await this.dispatcher.close().catch(() => { });
    }
}

// EXTERNAL MODULE: ./src/build/built-wheel-store.ts
var built_wheel_store = __webpack_require__(5270);
;// CONCATENATED MODULE: ./src/cache/s3/s3-built-wheels.ts
/**
 * The S3 store's built wheels (issue 12 §1): a wheel one runner built from an sdist, for every
 * runner of the fleet with the same build key (sdist sha256, interpreter tag, platform), keyed as
 * the built-wheel cache is (src/build/built-wheel-store.ts `buildKeyDigest`):
 *
 *   <prefix>/built/<build key digest>.json   { version: 1, filename, sha256, size, sdistSha256,
 *                                              interpreterTag, platform, createdAt }
 *   <prefix>/wheels/sha256/<aa>/<sha256>     the wheel's bytes (shared with entries: stored once)
 *
 * The record is written after the wheel object, with `If-None-Match: *`: the first runner's build
 * stays (builds are not byte-reproducible; one answer for the whole fleet), and a record never
 * names an object not yet stored. A fetch believes nothing it has not checked: the record must be
 * small JSON naming this very build key, a valid wheel file name, a sha256 and a size within the
 * store's limit; the object is streamed to a temporary file, hashed, and placed only when its
 * sha256 and size are the record's (s3-fetch.ts). The caller then checks project, version and tags
 * (src/build/build-sdists.ts) as for any stored wheel. Every failure is a warning; the sdist is
 * then built as if nothing were stored.
 *
 * What the sha256 cannot vouch for: a built wheel has no digest in any index, so whoever may write
 * the prefix can supply built wheels to the fleet (as with the builds directory inside entries and
 * the other backends' built-wheel caches). docs/cache-backends.md says so next to the IAM policy.
 */




const RECORD_LIMIT = 64 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Why `data` cannot be the record of `key` (undefined: it can). */
function builtRecordProblem(data, key, maxBytes) {
    const r = data;
    if (r === null || typeof r !== 'object' || r.version !== 1)
        return 'not a version 1 record';
    if (r.sdistSha256 !== key.sdistSha256.toLowerCase() ||
        r.interpreterTag !== key.interpreterTag ||
        r.platform !== key.platform)
        return 'it names another build key';
    if (typeof r.filename !== 'string' || !(0,built_wheel_store/* validWheelName */.p$)(r.filename))
        return `bad wheel file name ${JSON.stringify(r.filename)}`;
    if (typeof r.sha256 !== 'string' || !SHA256_HEX.test(r.sha256))
        return 'bad sha256';
    if (!Number.isSafeInteger(r.size) || r.size <= 0 || r.size > maxBytes)
        return `bad size ${JSON.stringify(r.size)}`;
    return undefined;
}
class S3BuiltWheels {
    objects;
    logger;
    /** Counters for logs and tests. */
    stats = { fetched: 0, missing: 0, rejected: 0, shared: 0, alreadyShared: 0 };
    constructor(
    /** The store's objects; their `maxObjectBytes` bounds a record's size too. */
    objects, logger) {
        this.objects = objects;
        this.logger = logger;
    }
    recordKey(key) {
        return this.objects.key('built', `${(0,built_wheel_store/* buildKeyDigest */.WL)(key)}.json`);
    }
    async fetch(key, dir) {
        const recordKey = this.recordKey(key);
        const where = this.objects.client.describe(recordKey);
        try {
            const body = await this.objects.client.getBuffer(recordKey, RECORD_LIMIT);
            if (body === undefined) {
                this.stats.missing++;
                this.logger.debug(`S3 cache: no built wheel at ${where}`);
                return undefined;
            }
            let data;
            try {
                data = JSON.parse(body.toString('utf8'));
            }
            catch {
                data = undefined;
            }
            const problem = builtRecordProblem(data, key, this.objects.maxObjectBytes);
            if (problem !== undefined) {
                this.stats.rejected++;
                this.logger.warn(`S3 cache: built-wheel record ${where} ignored (${problem}); building instead`);
                return undefined;
            }
            const record = data;
            const path = (0,external_node_path_.join)(dir, record.filename);
            const file = { sha256: record.sha256, size: record.size };
            const ok = await this.objects.fetchVerified(this.objects.objectKey(record.filename, record.sha256), path, file);
            if (!ok) {
                this.stats.rejected++;
                return undefined;
            }
            this.stats.fetched++;
            return { path, filename: record.filename, ...file };
        }
        catch (error) {
            this.logger.warn(`S3 cache: built wheel ${where} not fetched: ${(0,backend/* errorMessage */.g)(error)}; building instead`);
            return undefined;
        }
    }
    async share(key, wheel) {
        const recordKey = this.recordKey(key);
        try {
            if (await this.objects.client.head(recordKey)) {
                this.stats.alreadyShared++;
                return;
            }
            await this.objects.storeObject(wheel.filename, wheel.path, { sha256: wheel.sha256, size: wheel.size });
            const record = {
                version: 1,
                filename: wheel.filename,
                sha256: wheel.sha256,
                size: wheel.size,
                sdistSha256: key.sdistSha256.toLowerCase(),
                interpreterTag: key.interpreterTag,
                platform: key.platform,
                createdAt: Date.now(),
            };
            const body = Buffer.from(JSON.stringify(record));
            const sha = (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
            const got = await this.objects.client.put(recordKey, { kind: 'buffer', data: body }, sha, true);
            if (got === 'exists')
                this.stats.alreadyShared++;
            else {
                this.stats.shared++;
                this.logger.info(`S3 cache: built wheel ${wheel.filename} shared as ${this.objects.client.describe(recordKey)}`);
            }
        }
        catch (error) {
            this.logger.warn(`S3 cache: built wheel ${wheel.filename} not shared: ${(0,backend/* errorMessage */.g)(error)}`);
        }
    }
    /** The wheel digest a record names, or undefined when it is unreadable (for prune). */
    async recordDigest(recordKey) {
        const body = await this.objects.client.getBuffer(recordKey, RECORD_LIMIT);
        if (body === undefined)
            return undefined;
        try {
            const sha = JSON.parse(body.toString('utf8')).sha256;
            return typeof sha === 'string' && SHA256_HEX.test(sha) ? sha : undefined;
        }
        catch {
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-entry.ts
const ENTRY_LIMIT = 16 * 1024 * 1024;
const s3_entry_SHA256_HEX = /^[0-9a-f]{64}$/;
/** Most files one entry lists (saved or restored). */
const MAX_ENTRY_FILES = 100_000;
/** A relative name from an entry is usable when every segment is a plain, safe name. */
function unsafeRelativeName(name) {
    if (name.length === 0 || name.length > 1024)
        return 'empty or too long';
    for (const segment of name.split('/')) {
        if (segment === '' || segment === '.' || segment === '..')
            return `segment ${JSON.stringify(segment)}`;
        if (/[\\\0]/.test(segment))
            return 'backslash or NUL';
        if (segment.startsWith('.'))
            return 'hidden name';
    }
    return undefined;
}
/** `<prefix>/entries/<cache-key>.json`. */
function entryKey(objects, cacheKey) {
    return objects.key('entries', `${encodeURIComponent(cacheKey)}.json`);
}
/** The entry at `objectKey`; undefined when it is absent or not a version 1 entry (with a warning). */
async function readEntry(objects, objectKey, logger) {
    const body = await objects.client.getBuffer(objectKey, ENTRY_LIMIT);
    if (body === undefined)
        return undefined;
    let data;
    try {
        data = JSON.parse(body.toString('utf8'));
    }
    catch {
        logger.warn(`S3 cache entry ${objects.client.describe(objectKey)} is not JSON: ignored`);
        return undefined;
    }
    if (data.version !== 1 || typeof data.key !== 'string' || !Array.isArray(data.paths)) {
        logger.warn(`S3 cache entry ${objects.client.describe(objectKey)} is not a version 1 entry: ignored`);
        return undefined;
    }
    return data;
}
/** The entry of `primaryKey`, else the newest one starting with each restore prefix in turn. */
async function findEntry(objects, pathCount, primaryKey, restoreKeys, logger) {
    const exact = await readEntry(objects, entryKey(objects, primaryKey), logger);
    if (exact !== undefined && exact.key === primaryKey && exact.paths.length === pathCount)
        return exact;
    // Like the GitHub cache service: each prefix in turn, the newest entry starting with it.
    for (const prefix of [primaryKey, ...restoreKeys]) {
        const listPrefix = entryKey(objects, prefix).replace(/\.json$/, '');
        const candidates = (await objects.listAll(listPrefix)).filter((o) => o.key.endsWith('.json'));
        candidates.sort((a, b) => b.lastModified - a.lastModified);
        for (const candidate of candidates.slice(0, 3)) {
            const entry = await readEntry(objects, candidate.key, logger);
            if (entry !== undefined && entry.key.startsWith(prefix) && entry.paths.length === pathCount)
                return entry;
        }
    }
    return undefined;
}
/** Every well-formed object digest an entry names (what prune keeps). */
function entryDigests(entry) {
    const out = new Set();
    for (const listed of entry.paths)
        for (const file of Object.values(listed ?? {}))
            if (typeof file?.sha256 === 'string' && s3_entry_SHA256_HEX.test(file.sha256))
                out.add(file.sha256);
    return out;
}

// EXTERNAL MODULE: ./src/util/for-each-limited.ts
var for_each_limited = __webpack_require__(5918);
;// CONCATENATED MODULE: ./src/cache/s3/s3-multipart.ts
/**
 * Multipart upload of one large file (S3 API Reference: CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload; parts of at least 5 MiB except the last, at most
 * 10,000 parts).
 *
 * Integrity: one sequential read hashes the whole file and each part; the whole digest must be the
 * one the object is stored under, and each part is sent with its own sha256 in
 * `x-amz-content-sha256`, which S3 checks against the bytes it receives. So the assembled object is
 * exactly the bytes whose sha256 names it, even if the file changes meanwhile (then a part's hash
 * no longer matches, S3 refuses it, and the upload is aborted).
 *
 * Written once: CompleteMultipartUpload carries `If-None-Match: *` (AWS S3 supports it there since
 * 2024 and answers 412 when the key exists; 409 ConditionalRequestConflict when another completion
 * races, which we treat like 412). A server that ignores the header completes anyway and replaces
 * the object with identical bytes (the key is the content's sha256), so readers never see other
 * bytes. Every failure aborts the upload, so no parts are left behind to pay for.
 */






/** S3's smallest part (all but the last) and largest part count. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const SMALL_BODY_LIMIT = 1024 * 1024;
/** Part boundaries for `size` bytes (every part but the last exactly `partBytes`). */
function partLayout(size, preferred) {
    const partBytes = Math.max(preferred, MIN_PART_BYTES, Math.ceil(size / MAX_PARTS));
    const out = [];
    for (let start = 0; start < size; start += partBytes)
        out.push({ start, size: Math.min(partBytes, size - start) });
    return out;
}
/** sha256 of the whole file and of each part, in one sequential read. */
async function hashParts(path, layout) {
    const whole = (0,external_node_crypto_.createHash)('sha256');
    const parts = [];
    let index = 0;
    let part = (0,external_node_crypto_.createHash)('sha256');
    let inPart = 0;
    let size = 0;
    for await (const chunk of (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1024 * 1024 })) {
        let buf = chunk;
        size += buf.length;
        whole.update(buf);
        while (buf.length > 0 && index < layout.length) {
            const take = Math.min(buf.length, layout[index].size - inPart);
            part.update(buf.subarray(0, take));
            inPart += take;
            buf = buf.subarray(take);
            if (inPart === layout[index].size) {
                parts.push(part.digest('hex'));
                part = (0,external_node_crypto_.createHash)('sha256');
                inPart = 0;
                index++;
            }
        }
    }
    return { whole: whole.digest('hex'), size, parts };
}
/**
 * Stores `path` (whose sha256 must be `sha256` and size `size`) under `key` in parts. 'exists' when
 * the key was already there at completion (412/409 to `If-None-Match: *`).
 */
async function uploadMultipart(client, key, path, file, options) {
    const layout = partLayout(file.size, options.partBytes);
    const hashed = await hashParts(path, layout);
    if (hashed.whole !== file.sha256 || hashed.size !== file.size)
        throw new S3Error(`${path} changed before its upload: sha256 ${hashed.whole} (${hashed.size} bytes), expected ${file.sha256} (${file.size} bytes)`);
    const parts = layout.map((p, i) => ({ ...p, partNumber: i + 1, sha256: hashed.parts[i] }));
    const created = await client.send({ method: 'POST', key, query: { uploads: '' } });
    if (created.statusCode !== 200)
        throw await client.failure(created, 'POST (CreateMultipartUpload)', key);
    const uploadId = parseUploadId((await readBounded(created, SMALL_BODY_LIMIT)).toString('utf8'));
    try {
        const etags = new Map();
        await (0,for_each_limited/* runLimited */.Oe)(parts, options.concurrency, async (part) => {
            const response = await client.send({
                method: 'PUT',
                key,
                query: { partNumber: String(part.partNumber), uploadId },
                body: { kind: 'file', path, start: part.start, size: part.size },
                payloadSha256: part.sha256,
            });
            if (response.statusCode !== 200)
                throw await client.failure(response, `PUT (UploadPart ${part.partNumber})`, key);
            await response.body.dump();
            const etag = response.headers.etag;
            if (typeof etag !== 'string' || etag === '')
                throw new S3Error(`S3 UploadPart ${part.partNumber} of ${client.describe(key)}: no ETag in the answer`);
            etags.set(part.partNumber, etag);
        });
        const body = Buffer.from(completeMultipartBody(parts.map((p) => ({ partNumber: p.partNumber, etag: etags.get(p.partNumber) }))));
        const response = await client.send({
            method: 'POST',
            key,
            query: { uploadId },
            headers: { 'if-none-match': '*', 'content-type': 'application/xml' },
            body: { kind: 'buffer', data: body },
            payloadSha256: (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex'),
        });
        if (response.statusCode === 412 || response.statusCode === 409) {
            await response.body.dump();
            await abort(client, key, uploadId);
            return 'exists';
        }
        if (response.statusCode !== 200)
            throw await client.failure(response, 'POST (CompleteMultipartUpload)', key);
        // "a 200 OK response can contain an error" (S3 API Reference, CompleteMultipartUpload).
        const answer = (await readBounded(response, SMALL_BODY_LIMIT)).toString('utf8');
        const error = parseErrorDocument(answer);
        if (error !== undefined)
            throw new S3Error(`S3 CompleteMultipartUpload ${client.describe(key)}: ${error}`, 200, error.split(':')[0]);
        return 'created';
    }
    catch (error) {
        await abort(client, key, uploadId);
        throw error;
    }
}
/** AbortMultipartUpload; its own failure is not reported over the one that caused it. */
async function abort(client, key, uploadId) {
    try {
        const response = await client.send({ method: 'DELETE', key, query: { uploadId } });
        await response.body.dump();
    }
    catch {
        // The bucket's lifecycle rule for incomplete uploads (docs/cache-backends.md) cleans up.
    }
}

// EXTERNAL MODULE: ./src/util/write-all.ts
var write_all = __webpack_require__(4049);
;// CONCATENATED MODULE: ./src/cache/s3/s3-ranged-get.ts
/**
 * A large object fetched as byte ranges in parallel (RFC 9110 §14: `Range: bytes=a-b` → 206 with
 * `Content-Range: bytes a-b/total`), each range written at its offset of one new file, and its
 * sha256 computed while the bytes stream in — in object order, without reading the file again
 * (issue 12: a 2 GiB wheel cost a second full read and hash after its download).
 *
 * Ranges arrive in parallel, a hash takes bytes in order. The range holding the next unhashed byte
 * (the head) is hashed as its chunks arrive. A later range keeps its first chunks in memory, up to
 * RETAINED_BYTES for the whole object (the bound: 16 large objects at once keep at most 16 × that),
 * and only writes the rest; when it becomes the head, the kept chunks are hashed, then whatever of
 * it is only on disk is read back from the file (the page cache, just written), then its unwritten
 * chunks, and from there on its chunks as they arrive. With the default part size the read-back is
 * a small part of the object; `readBack` says how much.
 *
 * Every range must be answered with exactly that range of an object of the expected size and
 * exactly that many bytes (reading stops past it); the caller compares the digest with the entry's
 * before the file is used.
 */







/** Chunks of later ranges kept in memory per object for the in-order hash. */
const RETAINED_BYTES = 8 * 1024 * 1024;
/** A range's chunks are written in batches of about this many bytes. */
const WRITE_BATCH = 1024 * 1024;
/** Read-back piece. */
const READ_PIECE = 1024 * 1024;
/** The object's sha256 in byte order, fed by its ranges as they arrive (see the top of this file). */
class InOrderHash {
    ranges;
    handle;
    retainedLimit;
    hash = (0,external_node_crypto_.createHash)('sha256');
    head = 0;
    retained = 0;
    running;
    again = false;
    failure;
    readBack = 0;
    constructor(ranges, handle, retainedLimit) {
        this.ranges = ranges;
        this.handle = handle;
        this.retainedLimit = retainedLimit;
    }
    /** A chunk of range `k` arrived (in order within the range); it is in `k`'s batch already. */
    take(k, chunk) {
        const r = this.ranges[k];
        if (k === this.head && r.live) {
            this.hash.update(chunk);
            r.hashed += chunk.length;
        }
        else if (k !== this.head && !r.spilled && this.retained + chunk.length <= this.retainedLimit) {
            r.kept.push(chunk);
            r.keptBytes += chunk.length;
            this.retained += chunk.length;
        }
        else if (k !== this.head)
            r.spilled = true;
        // The head that is not live yet: `advance` hashes this chunk from the batch.
    }
    /** Range `k` received and wrote its last byte. */
    completed(k) {
        this.ranges[k].complete = true;
        if (k === this.head)
            this.pump();
    }
    /**
     * Runs `advance` (once at a time, again when asked meanwhile). A request that arrives while a run
     * is finishing — even in its last turns, after `advance` returned — is answered by the run's own
     * end, so a completed head is never left unhashed.
     */
    pump() {
        if (this.running !== undefined) {
            this.again = true;
            return;
        }
        this.again = false;
        this.running = this.advance()
            .catch((error) => {
            this.failure ??= error;
        })
            .finally(() => {
            this.running = undefined;
            if (this.again && this.failure === undefined)
                this.pump();
        });
    }
    /** Hashes the head up to what it received, makes it live; on to the next while heads are complete. */
    async advance() {
        while (this.head < this.ranges.length) {
            const r = this.ranges[this.head];
            if (!r.live) {
                for (const c of r.kept)
                    this.hash.update(c);
                r.hashed = r.keptBytes;
                this.retained -= r.keptBytes;
                r.kept = [];
                r.keptBytes = 0;
                // What was only written: read back. `written` may grow meanwhile; its chunks then left memory.
                while (r.hashed < r.written) {
                    const n = Math.min(READ_PIECE, r.written - r.hashed);
                    const piece = Buffer.allocUnsafe(n);
                    const { bytesRead } = await this.handle.read(piece, 0, n, r.start + r.hashed);
                    if (bytesRead !== n)
                        throw new Error(`read back ${bytesRead} of ${n} bytes at ${r.start + r.hashed}`);
                    this.hash.update(piece);
                    r.hashed += n;
                    this.readBack += n;
                }
                // The rest is in memory, [written, received): hashed without awaiting, so no chunk slips by.
                let at = r.written;
                for (const c of [...r.writing, ...r.batch]) {
                    if (at + c.length > r.hashed)
                        this.hash.update(at >= r.hashed ? c : c.subarray(r.hashed - at));
                    at += c.length;
                }
                r.hashed = r.received;
                r.live = true;
            }
            if (!r.complete)
                return;
            this.head++;
        }
    }
    /** The digest once every range completed (throws what went wrong while hashing). */
    async digest() {
        while (this.running !== undefined)
            await this.running;
        if (this.failure !== undefined)
            throw this.failure;
        const size = this.ranges.reduce((n, r) => n + r.hashed, 0);
        if (this.head !== this.ranges.length)
            throw new Error(`hashed ${size} bytes: not every range was`);
        return { sha256: this.hash.digest('hex'), size };
    }
    /** Settles a running read-back (before the file is closed). */
    async settle() {
        while (this.running !== undefined)
            await this.running.catch(() => { });
    }
}
/** Writes the `size` bytes of `key` into `path` (created here, exclusively); answers their digest. */
async function getRanges(client, key, path, size, options) {
    const ranges = partLayout(size, options.partBytes).map((p) => ({
        start: p.start,
        length: p.size,
        received: 0,
        written: 0,
        writing: [],
        batch: [],
        kept: [],
        keptBytes: 0,
        spilled: false,
        hashed: 0,
        live: false,
        complete: false,
    }));
    // Read and write: what was written before its range could be hashed is read back.
    const handle = await (0,promises_.open)(path, 'wx+');
    const hasher = new InOrderHash(ranges, handle, options.retainedBytes ?? RETAINED_BYTES);
    hasher.pump(); // the first range is the head from its first byte
    try {
        await (0,for_each_limited/* runLimited */.Oe)(ranges, options.concurrency, (range, k) => fetchRange(client, key, handle, range, size, options.signal, (chunk) => hasher.take(k, chunk)).then(() => hasher.completed(k)));
        return { ...(await hasher.digest()), readBack: hasher.readBack };
    }
    finally {
        await hasher.settle();
        await handle.close();
    }
}
/**
 * Bytes `start`..`end` (inclusive) of an object (RFC 9110 §14.1.2 byte range). Anything but a 206
 * whose Content-Range is exactly that range of an object of `total` bytes is an error: a server
 * that ignores Range must not be read as if it had honoured it.
 */
async function getRange(client, key, start, end, total, signal) {
    const response = await client.send({
        method: 'GET',
        key,
        headers: { range: `bytes=${start}-${end}` },
        ...(signal !== undefined ? { signal } : {}),
    });
    if (response.statusCode !== 206) {
        if (response.statusCode === 200) {
            await response.body.dump().catch(() => { });
            throw new S3Error(`S3 GET ${client.describe(key)} bytes ${start}-${end}: the server ignored the range`, 200, RANGE_IGNORED);
        }
        throw await client.failure(response, 'GET', key);
    }
    const range = response.headers['content-range'];
    if (range !== `bytes ${start}-${end}/${total}`) {
        await response.body.dump().catch(() => { });
        throw new S3Error(`S3 GET ${client.describe(key)}: Content-Range ${JSON.stringify(range)} is not bytes ${start}-${end}/${total}`);
    }
    return response;
}
async function fetchRange(client, key, handle, r, total, signal, take) {
    const end = r.start + r.length - 1;
    const what = `S3 GET ${client.describe(key)} bytes ${r.start}-${end}`;
    const response = await getRange(client, key, r.start, end, total, signal);
    refuseDeclaredOver(response, r.length, what);
    let batchBytes = 0;
    const flush = async () => {
        r.writing = r.batch;
        r.batch = [];
        const n = batchBytes;
        batchBytes = 0;
        await (0,write_all/* writeAll */.f)(handle, r.writing, r.start + r.written);
        r.written += n;
        r.writing = [];
    };
    try {
        for await (const chunk of response.body) {
            const buf = chunk;
            if (r.received + buf.length > r.length)
                throw new S3Error(`${what}: more than ${r.length} bytes`);
            r.batch.push(buf);
            r.received += buf.length;
            batchBytes += buf.length;
            take(buf);
            if (batchBytes >= WRITE_BATCH)
                await flush();
        }
        if (batchBytes > 0)
            await flush();
    }
    catch (error) {
        response.body.destroy();
        throw client.observe(error, what);
    }
    if (r.received !== r.length)
        throw new S3Error(`${what}: ${r.received} of ${r.length} bytes`);
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-file-sink.ts
/**
 * A file written from chunks that are valid only while they are handed over (s3-plain-get.ts reads
 * every connection into one fixed buffer): each chunk is hashed and copied into a 1 MiB batch
 * buffer, and full batches are written in order, one write at a time, while the next one fills.
 * A plain connection reads the body straight into the batch buffer instead (`room` lends the
 * free part of the batch being filled, `filled` takes what the read put there): no copy.
 * Batch buffers come from a small free list shared by every sink of the process, so a restore of
 * hundreds of MB reuses a few MB instead of allocating (and garbage-collecting) its size again.
 * Memory is bounded: at most QUEUED full batches wait behind the one being written; past that,
 * `data` answers a promise and the caller pauses its connection until the writes caught up.
 */


const BATCH_BYTES = 1024 * 1024;
/** Full batches allowed to wait behind the one being written before the reader is paused. */
const QUEUED = 2;
/** Free batch buffers kept for later sinks (32 MiB at most). */
const FREE_LIMIT = 32;
const free = [];
function takeBuffer() {
    return free.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES);
}
function giveBack(buffer) {
    if (free.length < FREE_LIMIT)
        free.push(buffer);
}
class FileSink {
    handle;
    hash = (0,external_node_crypto_.createHash)('sha256');
    size = 0;
    filling;
    used = 0;
    full = [];
    writing;
    failure;
    abandoned = false;
    /**
     * Bytes of `filling` that `room` lent to a connection and no `filled` took back yet: that batch buffer
     * never goes back to the free list (a read could still land in it), the collector takes it.
     */
    lent = 0;
    /** The batch a read may still land in when `finish` came while it was lent: never given back. */
    keptFromFreeList;
    /** Resolved (or rejected) once the queue is short enough again: the paused reader resumes. */
    waiter;
    constructor(handle) {
        this.handle = handle;
    }
    /** Hashes and queues `chunk` (copied: the caller may reuse its memory once this returns). */
    data(chunk) {
        if (this.lent > 0)
            throw new Error('FileSink.data while room is lent');
        if (this.failure !== undefined)
            return Promise.reject(this.failure);
        this.hash.update(chunk);
        this.size += chunk.length;
        let at = 0;
        while (at < chunk.length) {
            this.filling ??= takeBuffer();
            const n = chunk.copy(this.filling, this.used, at);
            this.used += n;
            at += n;
            if (this.used === this.filling.length)
                this.queue();
        }
        return this.backpressure();
    }
    /**
     * Room for the next read straight into the batch being filled: at most `max` bytes (≥ 1) at
     * the end of the batch, valid until `filled` or `finish`. Undefined once the sink failed.
     */
    room(max) {
        if (this.failure !== undefined || this.abandoned || max < 1)
            return undefined;
        this.filling ??= takeBuffer();
        this.lent = Math.min(max, this.filling.length - this.used);
        return this.filling.subarray(this.used, this.used + this.lent);
    }
    /** A read put `n` bytes into the last `room`: hashed and queued like `data`'s chunk. */
    filled(n) {
        if (this.lent === 0 || this.filling === undefined || n > this.lent)
            throw new Error('FileSink.filled without the room it was lent');
        this.lent = 0;
        if (this.failure !== undefined)
            return Promise.reject(this.failure);
        this.hash.update(this.filling.subarray(this.used, this.used + n));
        this.size += n;
        this.used += n;
        if (this.used === this.filling.length)
            this.queue();
        return this.backpressure();
    }
    backpressure() {
        if (this.full.length <= QUEUED)
            return undefined;
        return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
    }
    queue() {
        if (this.filling === undefined || this.used === 0)
            return;
        this.full.push({ buffer: this.filling, bytes: this.used });
        this.filling = undefined;
        this.used = 0;
        this.pump();
    }
    pump() {
        if (this.writing !== undefined || this.failure !== undefined || this.abandoned)
            return;
        const next = this.full.shift();
        if (next === undefined)
            return;
        this.writing = (0,write_all/* writeAll */.f)(this.handle, [next.buffer.subarray(0, next.bytes)]).then(() => {
            if (next.buffer !== this.keptFromFreeList)
                giveBack(next.buffer);
            this.writing = undefined;
            if (this.waiter !== undefined && this.full.length <= QUEUED) {
                const waiter = this.waiter;
                this.waiter = undefined;
                waiter.resolve();
            }
            this.pump();
        }, (error) => {
            this.failure = error;
            this.writing = undefined;
            this.waiter?.reject(error);
            this.waiter = undefined;
        });
    }
    /**
     * Writes what is left and answers the sha256 and size of every byte given; `abandon` only waits
     * for the write in progress (the file is being thrown away). Either way the batch buffers go back
     * to the free list once no write uses them.
     */
    async finish(abandon = false) {
        // Room still lent (a caller that finished with a read outstanding, review 2 of session 10):
        // that batch is written if it holds bytes, but never reused by another sink.
        if (this.lent > 0)
            this.keptFromFreeList = this.filling;
        if (abandon) {
            this.abandoned = true;
            await this.writing;
        }
        else {
            this.queue();
            while (this.writing !== undefined && this.failure === undefined)
                await this.writing;
        }
        for (const { buffer } of this.full.splice(0))
            if (buffer !== this.keptFromFreeList)
                giveBack(buffer);
        if (this.filling !== undefined && this.filling !== this.keptFromFreeList)
            giveBack(this.filling);
        this.filling = undefined;
        if (this.failure !== undefined)
            throw this.failure;
        return { sha256: this.hash.digest('hex'), size: this.size };
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-fetch.ts
/**
 * One object of the store into place, verified: fetched into a temporary file beside `path` and
 * renamed to `path` only when its sha256 and size are the entry's — the store is untrusted, so a
 * tampered object is never placed and nothing is left behind. Objects over `largeObjectBytes` come
 * as parallel byte ranges into the one file, hashed in order while they arrive (s3-ranged-get.ts);
 * smaller ones stream through a hash that stops past the expected size. Every byte is hashed once,
 * on its way in: no object is read again to be verified. A server that ignores Range gets one
 * plain GET instead. A store that stopped answering (s3-client.ts STORE_UNRESPONSIVE) is an error
 * thrown to the caller, not a rejected object: nothing was placed, and nothing more is asked.
 */









async function fetchObject(client, objectKey, path, file, limits, 
/** Told about the placed file and the digest computed while it was written (file-stamps.ts `record`). */
placed) {
    if (file.size > limits.maxObjectBytes)
        return {
            outcome: 'rejected',
            reason: `${file.size} bytes is over the ${limits.maxObjectBytes} byte limit`,
            ranged: false,
        };
    const dir = (0,external_node_path_.dirname)(path);
    if (limits.madeDirs?.has(dir) !== true) {
        await (0,promises_.mkdir)(dir, { recursive: true });
        limits.madeDirs?.add(dir);
    }
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.part`);
    let ranged = false;
    try {
        let got;
        if (file.size > limits.largeObjectBytes) {
            ranged = true;
            got = await fetchRanges(client, objectKey, tmp, file.size, limits).catch(async (error) => {
                if (!(error instanceof S3Error) || error.code !== RANGE_IGNORED)
                    throw error;
                ranged = false;
                await (0,promises_.rm)(tmp, { force: true });
                return fetchStream(client, objectKey, tmp, file.size, limits.signal);
            });
        }
        else if (file.size <= SMALL_OBJECT_BYTES)
            got = await fetchSmall(client, objectKey, tmp, file.size, limits.signal);
        else
            got = await fetchStream(client, objectKey, tmp, file.size, limits.signal);
        if (got === 'missing') {
            await (0,promises_.rm)(tmp, { force: true });
            return { outcome: 'missing', ranged };
        }
        if (got.sha256 !== file.sha256 || got.size !== file.size)
            throw new Error(`sha256 ${got.sha256} (${got.size} bytes) is not the entry's ${file.sha256} (${file.size} bytes)`);
        await (0,promises_.rename)(tmp, path);
        await placed?.(path, got);
        return { outcome: 'placed', ranged };
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        if (limits.signal?.aborted === true)
            return { outcome: 'cancelled', ranged };
        // A store that stopped answering did not send other bytes: the caller stops asking it.
        if (isStoreUnresponsive(error))
            throw error;
        return { outcome: 'rejected', reason: (0,backend/* errorMessage */.g)(error), ranged };
    }
}
/** Objects up to this size (metadata files, index pages) are read whole and written in one call. */
const SMALL_OBJECT_BYTES = 256 * 1024;
/** One GET of a small object, bounded by the entry's size, hashed and written in one call. */
async function fetchSmall(client, objectKey, tmp, limit, signal) {
    // Refuses (and stops reading) past the entry's size: "…: larger than N bytes".
    const body = await client.getBuffer(objectKey, limit, signal);
    if (body === undefined)
        return 'missing';
    await (0,promises_.writeFile)(tmp, body, { flag: 'wx' });
    return { sha256: (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex'), size: body.length };
}
/** Chunks are written in batches of about this many bytes (one writev instead of ~16 writes). */
const s3_fetch_WRITE_BATCH = 1024 * 1024;
/**
 * One streamed GET into `tmp`, hashed on the way, refused past `limit` bytes. The body's chunks are
 * taken as 'data' events (neither a Transform and a WriteStream in a pipeline nor an async iterator:
 * for hundreds of objects per restore, that machinery per 64 KiB chunk was a measurable part of the
 * client's CPU — docs/benchmarks.md, S3 section) and written in batches of ~1 MiB with `writev`.
 * The body is paused while a batch is written, so memory stays bounded by one batch plus what
 * undici buffers before it stops reading the socket.
 */
async function fetchStream(client, objectKey, tmp, limit, signal) {
    const plain = await fetchPlain(client, objectKey, tmp, limit, signal);
    if (plain !== undefined)
        return plain;
    const response = await client.getStream(objectKey, signal);
    if (response === undefined)
        return 'missing';
    refuseDeclaredOver(response, limit, `S3 GET ${client.describe(objectKey)}: more than the entry's size`);
    const body = response.body;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    let handle;
    // The batch writes, in order; settled before the file is closed, whatever happened.
    let writing = Promise.resolve();
    try {
        handle = await (0,promises_.open)(tmp, 'wx');
        const file = handle;
        await new Promise((resolve, reject) => {
            let batch = [];
            let batchBytes = 0;
            let failed = false;
            const fail = (error) => {
                if (failed)
                    return;
                failed = true;
                reject(error);
            };
            const flush = () => {
                const chunks = batch;
                batch = [];
                batchBytes = 0;
                writing = writing.then(() => (chunks.length > 0 ? (0,write_all/* writeAll */.f)(file, chunks) : undefined));
                return writing;
            };
            body.on('data', (chunk) => {
                if (failed)
                    return;
                size += chunk.length;
                if (size > limit)
                    return fail(new Error(`more than the entry's ${limit} bytes`));
                hash.update(chunk);
                batch.push(chunk);
                batchBytes += chunk.length;
                if (batchBytes >= s3_fetch_WRITE_BATCH || batch.length >= 256) {
                    body.pause();
                    flush().then(() => {
                        if (!failed)
                            body.resume();
                    }, fail);
                }
            });
            body.on('end', () => void flush().then(resolve, fail));
            body.on('error', fail);
        });
    }
    catch (error) {
        body.destroy();
        throw client.observe(error, `S3 GET ${client.describe(objectKey)}`);
    }
    finally {
        await writing.catch(() => { });
        await handle?.close();
    }
    return { sha256: hash.digest('hex'), size };
}
/**
 * The same GET over a connection read into a fixed buffer (s3-client.ts `getInto`), its bytes
 * hashed and written in 1 MiB batches by a FileSink; undefined when that path does not read this
 * answer (nothing was written then: `tmp` is gone again and the caller streams through undici).
 */
async function fetchPlain(client, objectKey, tmp, limit, signal) {
    const handle = await (0,promises_.open)(tmp, 'wx');
    const sink = new FileSink(handle);
    let got;
    try {
        got = await client.getInto(objectKey, limit, sink, signal);
    }
    catch (error) {
        await sink.finish(true).catch(() => { });
        await handle.close();
        throw error;
    }
    let digest;
    try {
        if (got !== undefined)
            digest = await sink.finish(got === 'missing');
        else
            await sink.finish(true);
    }
    finally {
        await handle.close();
    }
    if (got === undefined) {
        await (0,promises_.rm)(tmp, { force: true });
        return undefined;
    }
    if (got === 'missing' || digest === undefined)
        return 'missing';
    return digest;
}
/** Parallel byte ranges into `tmp`, hashed in order as they arrive. */
async function fetchRanges(client, objectKey, tmp, size, limits) {
    try {
        const { sha256, size: got } = await getRanges(client, objectKey, tmp, size, limits);
        return { sha256, size: got };
    }
    catch (error) {
        if (error instanceof S3Error && error.status === 404)
            return 'missing';
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-objects.ts
/**
 * The store's content-addressed objects (issue 12 §1), shared by entries (s3-store.ts) and built
 * wheels (s3-built-wheels.ts):
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file (metadata, index pages, packs)
 *
 * One place holds the store's limits (largest object fetched, multipart threshold, part size), so
 * every reader of the store refuses the same sizes. Objects are written once: HEAD, then a
 * conditional PUT (`If-None-Match: *`; a 412 means another runner stored the same bytes), in parts
 * over `largeObjectBytes` (s3-multipart.ts). A fetch places an object only when its sha256 and
 * size are the expected ones (s3-fetch.ts).
 */





const MAX_LIST_PAGES = 100;
/** Parts (or ranges) of one large object in flight at once. */
const PART_CONCURRENCY = 4;
class S3Objects {
    client;
    prefix;
    logger;
    maxObjectBytes;
    largeObjectBytes;
    partBytes;
    /** Digests known to be in the store (restored or saved by this process): no HEAD needed. */
    known = new Set();
    /** Counters for logs and tests. */
    stats = {
        fetched: 0,
        reused: 0,
        rejected: 0,
        uploaded: 0,
        alreadyStored: 0,
        /** Large objects uploaded in parts / fetched as parallel ranges. */
        multipartUploads: 0,
        rangedFetches: 0,
    };
    constructor(client, 
    /** Key prefix inside the bucket, without leading or trailing slash. */
    prefix, logger, limits = {}) {
        this.client = client;
        this.prefix = prefix;
        this.logger = logger;
        this.maxObjectBytes = limits.maxObjectBytes ?? 2 * 1024 * 1024 * 1024;
        this.largeObjectBytes = limits.largeObjectBytes ?? 64 * 1024 * 1024;
        this.partBytes = limits.partBytes ?? 16 * 1024 * 1024;
    }
    /** `<prefix>/<parts…>`. */
    key(...parts) {
        return [this.prefix, ...parts].filter((p) => p !== '').join('/');
    }
    objectKey(name, sha256) {
        return this.key(name.endsWith('.whl') ? 'wheels' : 'blobs', 'sha256', sha256.slice(0, 2), sha256);
    }
    /** Every object under `prefix` (ListObjectsV2 pages, at most `maxPages`). */
    async listAll(prefix, maxPages = MAX_LIST_PAGES) {
        const out = [];
        let token;
        for (let page = 0; page < maxPages; page++) {
            const got = await this.client.list(prefix, token);
            out.push(...got.objects);
            token = got.nextToken;
            if (token === undefined)
                return out;
        }
        throw new Error(`more than ${maxPages} pages of objects under ${this.client.describe(prefix)}`);
    }
    /** Notes that the store holds `sha256` (seen in place or just fetched): a save will not HEAD it. */
    markKnown(sha256) {
        this.known.add(sha256);
    }
    /** fetchObject (s3-fetch.ts) with this store's limits; counts and warns. */
    async fetchVerified(objectKey, path, file, stamps, 
    /** Directories the caller already made (s3-fetch.ts FetchLimits.madeDirs). */
    madeDirs, 
    /** Ends the fetch when aborted (nothing placed, no warning). */
    signal) {
        const got = await fetchObject(this.client, objectKey, path, file, {
            maxObjectBytes: this.maxObjectBytes,
            largeObjectBytes: this.largeObjectBytes,
            partBytes: this.partBytes,
            concurrency: PART_CONCURRENCY,
            ...(madeDirs !== undefined ? { madeDirs } : {}),
            ...(signal !== undefined ? { signal } : {}),
        }, stamps && ((placedPath, digest) => stamps.record(placedPath, digest)));
        if (got.ranged)
            this.stats.rangedFetches++;
        if (got.outcome === 'cancelled')
            return false;
        if (got.outcome === 'missing') {
            this.logger.warn(`S3 cache: ${this.client.describe(objectKey)} is missing from the store: not restored`);
            return false;
        }
        if (got.outcome === 'rejected') {
            this.stats.rejected++;
            this.logger.warn(`S3 cache: ${this.client.describe(objectKey)} rejected, ${got.reason}: not used (the file comes from the index instead)`);
            return false;
        }
        return true;
    }
    /**
     * A small object (a pack, s3-pack.ts) into memory, read no further than `file.size` bytes: its
     * bytes when they have `file`'s sha256 and size; undefined when it is missing or other bytes
     * (warned, as fetchVerified does). A store that stopped answering is thrown.
     */
    async fetchBuffer(objectKey, file) {
        const where = this.client.describe(objectKey);
        let body;
        try {
            body = await this.client.getBuffer(objectKey, file.size);
        }
        catch (error) {
            if (isStoreUnresponsive(error))
                throw error;
            this.stats.rejected++;
            this.logger.warn(`S3 cache: ${where} rejected, ${(0,backend/* errorMessage */.g)(error)}: not used`);
            return undefined;
        }
        if (body === undefined) {
            this.logger.warn(`S3 cache: ${where} is missing from the store: not restored`);
            return undefined;
        }
        const sha256 = (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
        if (sha256 !== file.sha256 || body.length !== file.size) {
            this.stats.rejected++;
            this.logger.warn(`S3 cache: ${where} rejected, sha256 ${sha256} (${body.length} bytes) is not the entry's ${file.sha256} (${file.size} bytes): not used`);
            return undefined;
        }
        return body;
    }
    /** Stores bytes in memory (a pack) under their content address as `name` would be, unless present. */
    async storeBuffer(name, data, sha256) {
        if (this.known.has(sha256))
            return;
        const objectKey = this.objectKey(name, sha256);
        if (await this.client.head(objectKey))
            this.stats.alreadyStored++;
        else if ((await this.client.put(objectKey, { kind: 'buffer', data }, sha256, true)) === 'created')
            this.stats.uploaded++;
        else
            this.stats.alreadyStored++;
        this.known.add(sha256);
    }
    /**
     * Stores one file under its content address unless the store has it (HEAD, then a conditional
     * PUT; multipart over `largeObjectBytes`). `file.sha256` must be the file's: S3 checks the
     * payload digest a PUT is signed with, and the multipart upload checks the whole digest.
     */
    async storeObject(name, path, file) {
        if (this.known.has(file.sha256))
            return;
        const objectKey = this.objectKey(name, file.sha256);
        if (await this.client.head(objectKey)) {
            this.stats.alreadyStored++;
        }
        else {
            const multipart = file.size > this.largeObjectBytes;
            const got = multipart
                ? await uploadMultipart(this.client, objectKey, path, file, {
                    partBytes: this.partBytes,
                    concurrency: PART_CONCURRENCY,
                })
                : await this.client.put(objectKey, { kind: 'file', path, size: file.size }, file.sha256, true);
            if (got === 'created')
                this.stats.uploaded++;
            else
                this.stats.alreadyStored++;
            if (got === 'created' && multipart)
                this.stats.multipartUploads++;
        }
        this.known.add(file.sha256);
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/cache/s3/s3-pack.ts
/**
 * An entry's small files in one object (issue 12 §1: "the metadata/page cache as small objects or
 * one compressed blob"). real-ds's entry holds 278 METADATA files and index pages (1.5 MB together):
 * as objects they cost 278 signed GETs, responses and file creations per restore, a measurable part
 * of a warm runner's time (docs/benchmarks.md, S3 section). Packed, they are one GET.
 *
 * A pack serves one saved path (never the wheelhouse): its members' bytes concatenated in the
 * entry's order and gzip-compressed (RFC 1952), stored as a content-addressed blob
 * (`blobs/sha256/<aa>/<digest of the compressed bytes>`). The entry describes it twice:
 *
 *   paths[i][".pack"] = { sha256, size }      so a prune of any version marks the object, and
 *                                             older restores skip it silently (a hidden name)
 *   packs[k] = { path: i, sha256, size, encoding: "gzip", files: [[name, sha256, size], …] }
 *
 * Members are listed only in `packs`, so an older wheelhouse restores the entry without them (a
 * colder cache, no warnings). Untrusted like every entry: the pack must have its listed sha256 and
 * size, it inflates to exactly the members' total (inflating stops past it), and each member's
 * bytes must have its own sha256 before they are written.
 */



/** The name under which a path's pack appears in the entry's `paths[i]`. */
const PACK_NAME = '.pack';
/** Files up to this size (and not wheels) go into their path's pack. */
const PACK_MEMBER_MAX = 256 * 1024;
/** Uncompressed bytes of one pack; the files beyond it are stored as objects of their own. */
const PACK_MAX_BYTES = 32 * 1024 * 1024;
/** Compressed bytes accepted for one pack (gzip adds a few bytes to incompressible data). */
const PACK_MAX_COMPRESSED = PACK_MAX_BYTES + 1024 * 1024;
const MAX_MEMBERS = 100_000;
/** Whether a file of a non-wheelhouse path goes into its pack. */
function packable(name, size) {
    return size <= PACK_MEMBER_MAX && !name.endsWith('.whl');
}
/** The compressed pack of `members` (at most PACK_MAX_BYTES together) and its reference. */
async function buildPack(path, members) {
    const body = await new Promise((resolve, reject) => (0,external_node_zlib_.gzip)(Buffer.concat(members.map((m) => m.data)), { level: 6 }, (error, out) => error ? reject(error) : resolve(out)));
    return {
        body,
        ref: {
            path,
            sha256: (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex'),
            size: body.length,
            encoding: 'gzip',
            files: members.map((m) => [m.name, m.sha256, m.data.length]),
        },
    };
}
/** Why `data` cannot be a pack of an entry with `pathCount` paths (undefined: it can). */
function packRefProblem(data, pathCount) {
    const r = data;
    if (r === null || typeof r !== 'object')
        return 'not an object';
    if (!Number.isSafeInteger(r.path) || r.path < 1 || r.path >= pathCount)
        return `bad path ${JSON.stringify(r.path)}`;
    if (typeof r.sha256 !== 'string' || !s3_entry_SHA256_HEX.test(r.sha256))
        return 'bad sha256';
    if (!Number.isSafeInteger(r.size) || r.size < 0 || r.size > PACK_MAX_COMPRESSED)
        return `bad size ${JSON.stringify(r.size)}`;
    if (r.encoding !== 'gzip')
        return `unknown encoding ${JSON.stringify(r.encoding)}`;
    if (!Array.isArray(r.files) || r.files.length > MAX_MEMBERS)
        return 'bad file list';
    let total = 0;
    for (const f of r.files) {
        if (!Array.isArray(f) || f.length !== 3)
            return 'bad file list';
        const [name, sha, size] = f;
        if (typeof name !== 'string' || unsafeRelativeName(name) !== undefined)
            return `bad member name ${JSON.stringify(name)}`;
        if (typeof sha !== 'string' || !s3_entry_SHA256_HEX.test(sha))
            return `bad sha256 for ${name}`;
        if (!Number.isSafeInteger(size) || size < 0)
            return `bad size for ${name}`;
        total += size;
    }
    if (total > PACK_MAX_BYTES)
        return `members of ${total} bytes, over the ${PACK_MAX_BYTES} byte limit`;
    return undefined;
}
/**
 * The members of a pack whose compressed `body` has already been checked against `ref.sha256` and
 * `ref.size`: inflated (stopping past the members' total), cut at the listed sizes, each checked
 * against its sha256. Throws on the first discrepancy, naming it.
 */
async function unpack(body, ref) {
    const total = ref.files.reduce((n, [, , size]) => n + size, 0);
    const data = await new Promise((resolve, reject) => (0,external_node_zlib_.gunzip)(body, { maxOutputLength: Math.max(1, total + 1) }, (error, out) => error ? reject(error) : resolve(out))).catch((error) => {
        throw new Error(`pack does not inflate to its ${total} bytes: ${error.message}`);
    });
    if (data.length !== total)
        throw new Error(`pack inflates to ${data.length} bytes, not ${total}`);
    const out = [];
    let at = 0;
    for (const [name, sha256, size] of ref.files) {
        const slice = data.subarray(at, at + size);
        at += size;
        const actual = (0,external_node_crypto_.createHash)('sha256').update(slice).digest('hex');
        if (actual !== sha256)
            throw new Error(`pack member ${name} has sha256 ${actual}, not ${sha256}`);
        out.push({ name, sha256, data: slice });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-restore-queue.ts
/**
 * The restore's work list (s3-restore.ts): `limit` workers take the jobs in list order, except that
 * a job someone waits for (`hurry`) is taken next. Each job's end can be waited for, whatever the
 * job did. A job's failure does not stop the others; `runAll` rejects with the first failure once
 * every job has ended (nothing is left running behind the caller's back).
 */
class RestoreQueue {
    jobs;
    run;
    started = new Set();
    ended = new Set();
    waiters = new Map();
    urgent = [];
    known;
    next = 0;
    constructor(jobs, run) {
        this.jobs = jobs;
        this.run = run;
        this.known = new Set(jobs);
    }
    async runAll(limit) {
        const failures = [];
        const worker = async () => {
            for (let job = this.take(); job !== undefined; job = this.take()) {
                try {
                    await this.run(job);
                }
                catch (error) {
                    failures.push(error);
                }
                finally {
                    this.ended.add(job);
                    this.waiters.get(job)?.open();
                }
            }
        };
        const workers = Math.max(1, Math.min(Math.floor(limit) || 1, this.jobs.length));
        await Promise.all(Array.from({ length: workers }, worker));
        if (failures.length > 0)
            throw failures[0];
    }
    /** Resolves once `job` has ended (at once for a job not in this queue); one not started yet is taken next. */
    hurry(job) {
        if (this.ended.has(job) || !this.known.has(job))
            return Promise.resolve();
        let waiter = this.waiters.get(job);
        if (waiter === undefined) {
            let open;
            const promise = new Promise((resolve) => (open = resolve));
            waiter = { promise, open };
            this.waiters.set(job, waiter);
        }
        if (!this.started.has(job))
            this.urgent.push(job);
        return waiter.promise;
    }
    take() {
        for (;;) {
            const job = this.urgent.length > 0 ? this.urgent.shift() : this.jobs[this.next++];
            if (job === undefined) {
                if (this.next > this.jobs.length)
                    return undefined;
                continue;
            }
            if (this.started.has(job))
                continue;
            this.started.add(job);
            return job;
        }
    }
}

// EXTERNAL MODULE: ./src/cache/wheelhouse-manifest.ts
var wheelhouse_manifest = __webpack_require__(5395);
;// CONCATENATED MODULE: ./src/cache/s3/s3-restore.ts
/**
 * Restoring one entry of the store (s3-entry.ts) into the run's paths: every file the destination
 * lacks (by name and sha256) is fetched, verified and placed (s3-objects.ts, s3-fetch.ts); a path's
 * small files come as one pack (s3-pack.ts). All paths share one queue of `concurrency` requests:
 * the packs first (one GET each, then hundreds of small writes while the wheels stream), then the
 * files largest first, so the last requests in flight are small ones and the connections stay busy
 * to the end. The wheelhouse's manifest then lists the wheels placed.
 *
 * Deferred paths (the wheelhouse, while the flow resolves: src/flow/fetch-restore.ts) are queued
 * after the others; restoreEntry answers once the others are settled and hands back the rest as
 * `background`: `narrow` skips files not started yet that the resolution does not name, `cancel`
 * aborts the requests in flight (their temporary files removed) and starts nothing more,
 * `fileSettled` moves a file someone waits for to the front (s3-restore-queue.ts), `settled`
 * resolves once nothing runs any more and the manifest lists what was placed.
 *
 * Every failure is confined: a rejected or missing object is one warning and that file comes from
 * the index; a store that stopped answering (s3-client.ts STORE_UNRESPONSIVE) is one warning for
 * everything it did not deliver.
 */












/**
 * Restores `entry` into `paths`. With `deferred`, the files of those paths are queued after all
 * the others and may still be in flight when this answers (`background`): it answers once the
 * other paths' files are settled. Nothing of the background runs after its `settled` resolved.
 */
async function restoreEntry(objects, entry, paths, options) {
    const logger = options.logger;
    const wanted = (i) => i < paths.length && (options.only === undefined || options.only.includes(i));
    const deferred = (i) => options.deferred?.includes(i) === true;
    // What each path holds at its top: a file whose first name segment is not there is not present
    // (a runner with an empty disk: one look per path instead of one per file).
    const tops = await Promise.all(paths.map(async (p) => new Set(await (0,promises_.readdir)(p).catch(() => []))));
    const mayHave = (i, name) => tops[i]?.has(name.split('/')[0]) === true;
    const files = [];
    for (const [i, listed] of entry.paths.entries())
        if (wanted(i))
            files.push(...(await missingFiles(objects, listed ?? {}, i, paths[i], mayHave, options)).map((job) => ({
                ...job,
                deferred: deferred(i),
            })));
    const packs = [];
    for (const pack of (Array.isArray(entry.packs) ? entry.packs : []).slice(0, entry.paths.length)) {
        const problem = packRefProblem(pack, entry.paths.length);
        if (problem !== undefined) {
            logger.warn(`S3 cache entry ${entry.key}: a pack ignored (${problem})`);
            continue;
        }
        if (!wanted(pack.path))
            continue;
        const dst = paths[pack.path];
        const members = new Set();
        for (const [name, sha256] of pack.files)
            if (!mayHave(pack.path, name) ||
                !(await presentWith((0,external_node_path_.join)(dst, ...name.split('/')), sha256, file_sha256/* fileSha256 */.s)))
                members.add(name);
            else
                objects.stats.reused++;
        if (members.size > 0)
            packs.push({ kind: 'pack', pack, dst, members, deferred: deferred(pack.path) });
    }
    files.sort((a, b) => (b.kind === 'file' ? b.file.size : 0) - (a.kind === 'file' ? a.file.size : 0));
    // The paths needed first, then the deferred ones; within each, packs then files largest first.
    const queue = [...packs, ...files].sort((a, b) => Number(a.deferred) - Number(b.deferred));
    const counts = { now: { files: 0, rejected: 0, skipped: 0 }, later: { files: 0, rejected: 0, skipped: 0 } };
    const placedWheels = {};
    let unanswered = 0;
    let unansweredWhy = '';
    const failed = (error, what, count, job) => {
        counts[job.deferred ? 'later' : 'now'].rejected += count;
        if (isStoreUnresponsive(error)) {
            if (unanswered === 0)
                unansweredWhy = (0,backend/* errorMessage */.g)(error);
            unanswered += count;
        }
        else
            logger.warn(`S3 cache: ${what} not restored: ${(0,backend/* errorMessage */.g)(error)}`);
    };
    // The background: stopped by cancel(), thinned by narrow(); only deferred jobs look at either.
    const stop = new AbortController();
    let keep = () => true;
    let nowLeft = queue.filter((j) => !j.deferred).length;
    let nowDone;
    const nowSettled = new Promise((resolve) => (nowDone = resolve));
    if (nowLeft === 0)
        nowDone();
    const madeDirs = new Set();
    const run = async (job) => {
        const count = counts[job.deferred ? 'later' : 'now'];
        if (job.kind === 'pack') {
            try {
                const n = await restorePack(objects, job.pack, job.dst, job.members, options.held);
                if (n === undefined)
                    count.rejected += job.members.size;
                else
                    count.files += n;
            }
            catch (error) {
                failed(error, `the pack of ${job.members.size} file(s) for ${job.dst}`, job.members.size, job);
            }
            return;
        }
        if (job.deferred && (stop.signal.aborted || !keep(job.name, job.file.sha256))) {
            count.skipped++;
            return;
        }
        // A wheel fetched here is stamped with the digest computed while it was written, so the
        // wheelhouse verification that follows does not read it again.
        const stamps = job.index === 0 ? options.stamps : undefined;
        try {
            const key = objects.objectKey(job.name, job.file.sha256);
            const signal = job.deferred ? stop.signal : undefined;
            if (await objects.fetchVerified(key, job.path, job.file, stamps, madeDirs, signal)) {
                count.files++;
                objects.stats.fetched++;
                objects.markKnown(job.file.sha256);
                if (job.index === 0)
                    placedWheels[job.name] = job.file;
            }
            else if (stop.signal.aborted && job.deferred)
                count.skipped++;
            else
                count.rejected++;
        }
        catch (error) {
            failed(error, job.name, 1, job);
        }
    };
    const work = new RestoreQueue(queue, async (job) => {
        try {
            await run(job);
        }
        finally {
            if (!job.deferred && --nowLeft === 0)
                nowDone();
        }
    });
    // The deferred files by destination, for `fileSettled`.
    const byPath = new Map();
    for (const job of queue)
        if (job.deferred && job.kind === 'file')
            byPath.set(job.path, job);
    // Before any wheel is fetched, the wheelhouse's manifest (when a run opened it) lists every
    // wheel this restore may place, as the fetch flow lists downloads before they start
    // (wheelhouse-session.ts `open(more)`): a run killed meanwhile — the wheels may arrive while the
    // resolution runs — leaves no wheel the next run cannot prove it wrote. Once all ended, it lists
    // those placed.
    const mayPlace = new Map();
    for (const job of queue)
        if (job.kind === 'file' && job.index === 0)
            mayPlace.set(job.name, job.file);
    const opened = mayPlace.size > 0 ? await (0,wheelhouse_manifest/* readManifest */.WI)(paths[0]).catch(() => undefined) : undefined;
    const listedBefore = opened?.files ?? {};
    // A file already there that the manifest does not list is not this run's: it is not claimed in
    // advance (a killed run would leave the next one believing it wrote it).
    for (const name of opened !== undefined ? [...mayPlace.keys()] : []) {
        if (listedBefore[name] !== undefined)
            continue;
        if (await (0,promises_.lstat)((0,external_node_path_.join)(paths[0], name)).then(() => true, () => false))
            mayPlace.delete(name);
    }
    if (opened !== undefined) {
        await (0,wheelhouse_manifest/* writeManifest */.HN)(paths[0], {
            version: 1,
            complete: false,
            files: { ...listedBefore, ...Object.fromEntries(mayPlace) },
        });
    }
    const all = work.runAll(options.concurrency).then(async () => {
        if (unanswered > 0)
            logger.warn(`S3 cache: ${unanswered} file(s) not restored (they come from the index): ${unansweredWhy}`);
        if (opened !== undefined || Object.keys(placedWheels).length > 0) {
            const dst = paths[0];
            const files = { ...((await (0,wheelhouse_manifest/* readManifest */.WI)(dst).catch(() => undefined))?.files ?? {}), ...placedWheels };
            for (const name of mayPlace.keys()) {
                if (placedWheels[name] !== undefined)
                    continue;
                const before = listedBefore[name];
                if (before !== undefined)
                    files[name] = before;
                else
                    delete files[name];
            }
            await (0,wheelhouse_manifest/* writeManifest */.HN)(dst, { version: 1, complete: false, files });
        }
    });
    const later = queue.length - queue.filter((j) => !j.deferred).length;
    if (later === 0) {
        await all;
        return counts.now;
    }
    await nowSettled;
    return {
        ...counts.now,
        background: {
            queued: later,
            narrow: (k) => {
                const before = keep;
                keep = (name, sha256) => before(name, sha256) && k(name, sha256);
            },
            cancel: () => stop.abort(),
            fileSettled: (path) => {
                const job = byPath.get(path);
                return job === undefined ? Promise.resolve() : work.hurry(job);
            },
            settled: all.then(() => counts.later, (error) => {
                logger.warn(`S3 cache: the background restore failed: ${(0,backend/* errorMessage */.g)(error)}`);
                return counts.later;
            }),
        },
    };
}
/** The listed files of path `index` that `dst` lacks (valid names and digests only). */
async function missingFiles(objects, listed, index, dst, 
/** False when file `name` of path `index` cannot be present (nothing of its name at the top). */
mayHave, options) {
    const wheelhouse = index === 0;
    // A wheelhouse file unchanged since wheelhouse hashed it is not read again (file-stamps.ts).
    const digest = wheelhouse && options.stamps !== undefined ? options.stamps.digest : file_sha256/* fileSha256 */.s;
    const out = [];
    for (const [name, file] of Object.entries(listed).slice(0, MAX_ENTRY_FILES)) {
        if (name === PACK_NAME && !wheelhouse)
            continue; // its members are listed in `packs`
        const unsafe = wheelhouse ? (0,dist_filename_check/* unsafeFilenameReason */.Au)(name) : unsafeRelativeName(name);
        const sha = typeof file?.sha256 === 'string' ? file.sha256 : '';
        if (unsafe !== undefined ||
            name === wheelhouse_manifest/* MANIFEST_FILENAME */.ch ||
            !s3_entry_SHA256_HEX.test(sha) ||
            !Number.isSafeInteger(file.size)) {
            options.logger.debug(`S3 cache entry: ${JSON.stringify(name)} ignored (${unsafe ?? 'bad name, sha256 or size'})`);
            continue;
        }
        const path = (0,external_node_path_.join)(dst, ...name.split('/'));
        if (mayHave(index, name) && (await presentWith(path, sha, digest))) {
            objects.stats.reused++;
            objects.markKnown(sha);
            continue;
        }
        out.push({ kind: 'file', index, name, file: { sha256: sha, size: file.size }, path, deferred: false });
    }
    return out;
}
/** Whether `path` is a regular file with this sha256. */
async function presentWith(path, sha256, digest) {
    const present = await (0,promises_.lstat)(path).catch(() => undefined);
    if (present === undefined || !present.isFile())
        return false;
    return (await digest(path).catch(() => undefined))?.sha256 === sha256;
}
/**
 * One pack: fetched whole (bounded by its listed size), checked against its sha256, inflated and
 * each of `members` (each checked against its own sha256 by `unpack`) held in `held` when given —
 * no file created (backend.ts RestoreOptions.held) — else placed through a temporary file. Answers
 * the files placed or held, or undefined when the pack was missing or rejected (warned here). The
 * members (small files, ≤ 256 KiB each) are written with synchronous calls: four system calls per
 * file on this thread cost less than four trips through the thread pool and their promises
 * (hundreds of files per restore).
 */
async function restorePack(objects, pack, dst, members, held) {
    const got = await objects.fetchBuffer(objects.objectKey(PACK_NAME, pack.sha256), pack);
    if (got === undefined)
        return undefined;
    const made = new Set();
    let placed = 0;
    for (const member of await unpack(got, pack)) {
        if (!members.has(member.name))
            continue;
        const path = (0,external_node_path_.join)(dst, ...member.name.split('/'));
        if (held !== undefined) {
            held.hold(path, member.data);
            placed++;
            continue;
        }
        const dir = (0,external_node_path_.dirname)(path);
        if (!made.has(dir)) {
            await (0,promises_.mkdir)(dir, { recursive: true });
            made.add(dir);
        }
        const tmp = (0,external_node_path_.join)(dir, `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.part`);
        try {
            writeNewFileSync(tmp, member.data);
            (0,external_node_fs_.renameSync)(tmp, path);
        }
        catch (error) {
            (0,external_node_fs_.rmSync)(tmp, { force: true });
            throw error;
        }
        placed++;
    }
    objects.stats.fetched += placed;
    objects.markKnown(pack.sha256);
    return placed;
}
/** Creates `path` (it must not exist) holding exactly `data`. */
function writeNewFileSync(path, data) {
    const fd = (0,external_node_fs_.openSync)(path, 'wx');
    try {
        for (let at = 0; at < data.length;) {
            const n = (0,external_node_fs_.writeSync)(fd, data, at, data.length - at);
            if (n === 0)
                throw new Error(`${path}: the file system accepted no bytes`);
            at += n;
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/cache/s3-store.ts
/**
 * A cache backend on S3-compatible object storage, shared by a fleet of runners (issue 12).
 * Content-addressed, so the store grows with distinct files, not with entries:
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/built/<build key digest>.json  which wheel was built for an sdist on a target
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file; a path's small files (METADATA,
 *                                           index pages) as one gzip pack (s3/s3-pack.ts)
 *   <prefix>/entries/<cache-key>.json       an entry: for each saved path, relative name → sha256, size
 *
 * Objects are written once with `If-None-Match: *` (a 412 means another runner stored the same
 * bytes: fine); the entry is written last, so it never names an object not yet stored.
 * Restore: the exact key, else the newest entry whose key starts with a restore prefix
 * (ListObjectsV2, paged); then only files the destination lacks (by name and sha256) are
 * fetched, in parallel, each streamed to a temporary file while its sha256 and size are checked,
 * and renamed into place only when both match — a tampered object is never placed (the flow then
 * downloads that wheel from the index). Objects over `largeObjectBytes` (64 MiB) go up in parts
 * (s3/s3-multipart.ts) and come down as parallel ranges (s3/s3-fetch.ts). The store is untrusted
 * input: names are validated, entry documents are size-bounded, and every failure is one warning,
 * never a failed job. The parts: s3/s3-objects.ts (content-addressed objects and the store's
 * limits), s3/s3-entry.ts (the entry document and its lookup), s3/s3-restore.ts (an entry into the
 * run's paths), s3/s3-pack.ts, s3/s3-built-wheels.ts.
 */














class S3Store {
    name = 's3';
    client;
    /** The content-addressed objects and the store's size limits (s3/s3-objects.ts). */
    objects;
    logger;
    concurrency;
    /** Wheels built from sdists, shared by the fleet (`<prefix>/built/…`, s3/s3-built-wheels.ts). */
    builtWheels;
    constructor(options) {
        this.client = new S3Client(options);
        this.logger = options.logger;
        this.concurrency = options.concurrency ?? 16;
        const prefix = (options.prefix ?? 'wheelhouse').replace(/^\/+|\/+$/g, '');
        this.objects = new S3Objects(this.client, prefix, this.logger, options);
        this.builtWheels = new S3BuiltWheels(this.objects, this.logger);
    }
    /** Counters for logs and tests (the objects'). */
    get stats() {
        return this.objects.stats;
    }
    objectKey(name, sha256) {
        return this.objects.objectKey(name, sha256);
    }
    /** `<prefix>/<rest>`. */
    prefixed(rest) {
        return this.objects.key(rest);
    }
    /** Every object under `prefix` (ListObjectsV2 pages, at most `maxPages`). */
    listAll(prefix, maxPages) {
        return this.objects.listAll(prefix, maxPages);
    }
    /** The digests an entry names, or undefined when it is unreadable. */
    async entryDigests(objectKey) {
        const entry = await readEntry(this.objects, objectKey, this.logger);
        return entry === undefined ? undefined : entryDigests(entry);
    }
    entryKey(cacheKey) {
        return entryKey(this.objects, cacheKey);
    }
    async restore(paths, primaryKey, restoreKeys, options = {}) {
        try {
            const entry = await findEntry(this.objects, paths.length, primaryKey, restoreKeys, this.logger);
            if (entry === undefined) {
                this.logger.info(`cache miss for ${primaryKey} in ${this.client.describe(this.objects.key())}`);
                return { exact: false };
            }
            const { files, rejected, background } = await restoreEntry(this.objects, entry, paths, {
                ...options,
                concurrency: this.concurrency,
                logger: this.logger,
            });
            const exact = entry.key === primaryKey;
            const where = this.client.describe(this.objects.key());
            this.logger.info(`${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files fetched from ${where}${rejected > 0 ? `, ${rejected} rejected` : ''}${background !== undefined ? `; ${background.queued} more in the background` : ''})`);
            if (background === undefined)
                return { matchedKey: entry.key, exact };
            const settled = background.settled.then((later) => this.logger.info(`S3 cache: ${later.files} file(s) restored in the background from ${where}${later.rejected > 0 ? `, ${later.rejected} rejected` : ''}${(later.skipped ?? 0) > 0 ? `, ${later.skipped} not fetched (not needed, or the run ended)` : ''}`));
            return {
                matchedKey: entry.key,
                exact,
                pending: {
                    narrow: background.narrow,
                    cancel: background.cancel,
                    fileSettled: background.fileSettled,
                    settled,
                },
            };
        }
        catch (error) {
            this.logger.warn(`S3 cache restore failed (continuing without cache): ${(0,backend/* errorMessage */.g)(error)}`);
            return { exact: false };
        }
    }
    async save(paths, key) {
        try {
            const entryKey = this.entryKey(key);
            if (await this.client.head(entryKey)) {
                this.logger.info(`cache entry ${key} already exists in ${this.client.describe(this.objects.key())}: not saved again`);
                return { saved: false, reason: 'entry already exists' };
            }
            const entry = { version: 1, key, createdAt: Date.now(), paths: [] };
            const uploads = [];
            const packs = [];
            for (const [i, p] of paths.entries()) {
                const tree = i === 0 ? { files: await this.wheelhouseFiles(p), members: [] } : await this.treeFiles(p);
                const listed = {};
                for (const f of tree.files) {
                    listed[f.name] = f.file;
                    uploads.push(f);
                }
                if (tree.members.length > 0) {
                    const { body, ref } = await buildPack(i, tree.members);
                    listed[PACK_NAME] = { sha256: ref.sha256, size: ref.size };
                    packs.push(ref);
                    uploads.unshift({ pack: body, ref });
                }
                entry.paths.push(listed);
            }
            if (packs.length > 0)
                entry.packs = packs;
            const seen = new Set();
            const unique = uploads.filter((u) => {
                const sha = 'ref' in u ? u.ref.sha256 : u.file.sha256;
                return !seen.has(sha) && seen.add(sha);
            });
            await (0,for_each_limited/* runLimited */.Oe)(unique, this.concurrency, async (u) => {
                if ('ref' in u)
                    await this.objects.storeBuffer(PACK_NAME, u.pack, u.ref.sha256);
                else
                    await this.objects.storeObject(u.name, u.path, u.file);
            });
            const body = Buffer.from(JSON.stringify(entry));
            const sha = (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
            const got = await this.client.put(entryKey, { kind: 'buffer', data: body }, sha, true);
            if (got === 'exists') {
                this.logger.info(`cache entry ${key} was saved concurrently by another runner`);
                return { saved: false, reason: 'entry already exists' };
            }
            this.logger.info(`cache saved as ${key} in ${this.client.describe(this.objects.key())} (${this.stats.uploaded} file(s) uploaded, ${this.stats.alreadyStored} already stored)`);
            return { saved: true };
        }
        catch (error) {
            const reason = (0,backend/* errorMessage */.g)(error);
            this.logger.warn(`S3 cache ${key} not saved: ${reason}`);
            return { saved: false, reason };
        }
    }
    /** The wheelhouse files its manifest lists, when their bytes still have the listed sha256. */
    async wheelhouseFiles(dir) {
        const manifest = await (0,wheelhouse_manifest/* readManifest */.WI)(dir).catch(() => undefined);
        const out = [];
        for (const [name, listed] of Object.entries(manifest?.files ?? {})) {
            if ((0,dist_filename_check/* unsafeFilenameReason */.Au)(name) !== undefined)
                continue;
            const path = (0,external_node_path_.join)(dir, name);
            const info = await (0,promises_.lstat)(path).catch(() => undefined);
            if (info === undefined || !info.isFile())
                continue;
            const actual = await (0,file_sha256/* fileSha256 */.s)(path);
            if (actual.sha256 !== listed.sha256.toLowerCase())
                continue;
            out.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
        }
        return out;
    }
    /**
     * Every regular file under `dir` (symlinks and special files are skipped, never followed): small
     * ones (s3/s3-pack.ts `packable`, up to PACK_MAX_BYTES together) read into `members` for the
     * path's pack, the others listed for objects of their own.
     */
    async treeFiles(dir) {
        const files = [];
        const members = [];
        let packed = 0;
        const walk = async (d) => {
            const entries = await (0,promises_.readdir)(d, { withFileTypes: true }).catch(() => []);
            for (const e of entries) {
                if (files.length + members.length >= MAX_ENTRY_FILES)
                    return;
                const path = (0,external_node_path_.join)(d, e.name);
                if (e.isDirectory())
                    await walk(path);
                else if (e.isFile()) {
                    const name = (0,external_node_path_.relative)(dir, path).split(external_node_path_.sep).join('/');
                    if (unsafeRelativeName(name) !== undefined)
                        continue;
                    const size = (await (0,promises_.lstat)(path)).size;
                    if (packable(name, size) && packed + size <= PACK_MAX_BYTES) {
                        // Read once: the pack holds exactly the bytes hashed (a file changed meanwhile is
                        // stored as read, with the digest of what was read).
                        const data = await (0,promises_.readFile)(path);
                        if (packed + data.length <= PACK_MAX_BYTES) {
                            packed += data.length;
                            members.push({ name, sha256: (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex'), data });
                            continue;
                        }
                    }
                    const actual = await (0,file_sha256/* fileSha256 */.s)(path);
                    files.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
                }
            }
        };
        await walk(dir);
        return { files, members };
    }
    async close() {
        await this.client.close();
    }
}


/***/ }),

/***/ 7945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createS3Backend: () => (/* binding */ createS3Backend),
/* harmony export */   p: () => (/* binding */ parseS3Settings)
/* harmony export */ });
/* harmony import */ var _index_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6527);
/* harmony import */ var _s3_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2567);
/**
 * Where the S3 store lives (bucket, prefix, endpoint, region, addressing), from the action's
 * `s3-*` inputs or the CLI's `--s3-*` options / `WHEELHOUSE_S3_*` variables, and the credentials,
 * which come only from the standard AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN — what aws-actions/configure-aws-credentials sets). The credentials are
 * registered as secrets of the run (src/index/redact.ts) before the store is used, and are never
 * part of the settings, so settings may be logged and handed to the post step.
 */


/**
 * Validated settings, or the problems (each naming the input via `shown`). Region falls back to
 * AWS_REGION, AWS_DEFAULT_REGION, then us-east-1; the prefix to "wheelhouse".
 */
function parseS3Settings(text, env, shown) {
    const problems = [];
    const bucket = text.bucket?.trim() ?? '';
    // S3 bucket naming rules (S3 User Guide, "Bucket naming rules"): 3–63 of a-z 0-9 . -
    if (bucket === '')
        problems.push(`${shown('bucket')}: required with the s3 cache backend`);
    else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
        problems.push(`${shown('bucket')}: ${JSON.stringify(bucket)} is not an S3 bucket name (3–63 of a-z, 0-9, ".", "-")`);
    const prefix = (text.prefix?.trim() || 'wheelhouse').replace(/^\/+|\/+$/g, '');
    if (!/^[A-Za-z0-9._\-/]{1,200}$/.test(prefix) || prefix.split('/').some((s) => s === '' || s === '..'))
        problems.push(`${shown('prefix')}: ${JSON.stringify(prefix)} is not a key prefix (A-Z a-z 0-9 . _ - /)`);
    const endpoint = text.endpoint?.trim() ?? '';
    if (endpoint !== '') {
        let url;
        try {
            url = new URL(endpoint);
        }
        catch {
            url = undefined;
        }
        if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
            problems.push(`${shown('endpoint')}: not an http(s) URL`);
        else if (url.username !== '' || url.password !== '')
            problems.push(`${shown('endpoint')}: credentials go in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, not in the URL`);
    }
    const region = text.region?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    if (!/^[a-z0-9-]{1,40}$/.test(region))
        problems.push(`${shown('region')}: ${JSON.stringify(region)} is not a region name`);
    let forcePathStyle;
    const style = text.forcePathStyle?.trim() ?? '';
    if (/^(true|True|TRUE)$/.test(style))
        forcePathStyle = true;
    else if (/^(false|False|FALSE)$/.test(style))
        forcePathStyle = false;
    else if (style !== '')
        problems.push(`${shown('forcePathStyle')}: ${JSON.stringify(style)} is not a boolean (use true or false)`);
    if (problems.length > 0)
        return { problems };
    return {
        problems,
        settings: {
            bucket,
            prefix,
            region,
            ...(endpoint !== '' ? { endpoint } : {}),
            ...(forcePathStyle !== undefined ? { forcePathStyle } : {}),
        },
    };
}
/** A backend that only warns: the s3 backend was chosen but cannot be used (no credentials). */
function unusable(logger, why) {
    return {
        name: 's3',
        restore: () => {
            logger.warn(`S3 cache not used: ${why}; nothing restored`);
            return Promise.resolve({ exact: false });
        },
        save: () => {
            logger.warn(`S3 cache not used: ${why}; not saved`);
            return Promise.resolve({ saved: false, reason: why });
        },
    };
}
/** The S3 store for `settings`, with the credentials of the AWS environment variables. */
function createS3Backend(settings, env, logger) {
    const accessKeyId = env.AWS_ACCESS_KEY_ID ?? '';
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY ?? '';
    const sessionToken = env.AWS_SESSION_TOKEN || undefined;
    for (const value of [accessKeyId, secretAccessKey, sessionToken])
        if (value)
            (0,_index_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .registerSecret */ .cl)(value);
    if (accessKeyId === '' || secretAccessKey === '')
        return unusable(logger, 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment');
    return new _s3_store_js__WEBPACK_IMPORTED_MODULE_1__/* .S3Store */ .s({
        ...settings,
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) },
        logger,
    });
}


/***/ }),

/***/ 5395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ RUN_LOCK_FILENAME),
/* harmony export */   Em: () => (/* binding */ LOCK_FILENAME),
/* harmony export */   GR: () => (/* binding */ isRunLockName),
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   MV: () => (/* binding */ MANIFEST_LIMIT),
/* harmony export */   NY: () => (/* binding */ REPORT_FILENAME),
/* harmony export */   Pi: () => (/* binding */ PYLOCK_FILENAME),
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   ch: () => (/* binding */ MANIFEST_FILENAME),
/* harmony export */   h$: () => (/* binding */ manifestFor),
/* harmony export */   zj: () => (/* binding */ verifyWheelhouse)
/* harmony export */ });
/* unused harmony export MANIFEST_VERSION */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9638);
/* harmony import */ var _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2678);
/* harmony import */ var _util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5918);
/* harmony import */ var _util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8562);






/**
 * The wheelhouse manifest (`wheelhouse-manifest.json` in the wheelhouse): filename → sha256 and size
 * of every file the wheelhouse should hold, written atomically. It documents the wheelhouse for
 * people and tools; wheelhouse itself never trusts it for a restored cache: `verifyWheelhouse`
 * hashes the bytes on disk against the resolution, which is what keeps a poisoned cache entry
 * (wrong bytes under a wheel's name, extra files) away from `pip install`.
 */
const MANIFEST_FILENAME = 'wheelhouse-manifest.json';
/** The other files a wheelhouse run writes next to the distributions (see src/flow/wheelhouse-files.ts). */
const LOCK_FILENAME = 'requirements.lock';
const REPORT_FILENAME = 'report.json';
const PYLOCK_FILENAME = 'pylock.toml';
/** The run lock (src/util/dir-lock.ts) of a wheelhouse: one run at a time. Never part of a cache entry. */
const RUN_LOCK_FILENAME = '.wheelhouse.lock';
/** The run lock, or one of its drafts (`.wheelhouse.lock.<hex>.new`, dir-lock.ts). */
function isRunLockName(name) {
    return name === RUN_LOCK_FILENAME || name.startsWith(`${RUN_LOCK_FILENAME}.`);
}
const MANIFEST_VERSION = 1;
/**
 * The most bytes of a manifest read (~150 bytes a listed file: some 400,000 files). A manifest is
 * read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * a wheelhouse or cache entry restored by the Actions cache's tar may hold a FIFO or a link to a
 * device under its name.
 */
const MANIFEST_LIMIT = 64 * 1024 * 1024;
class ManifestError extends Error {
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
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, MANIFEST_FILENAME);
    await (0,_util_atomic_file_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return path;
}
async function readManifest(dir) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, MANIFEST_FILENAME);
    // The wheelhouse may come from a cache entry (the Actions cache restores it with tar, FIFOs and
    // links included): read without following a link, never a FIFO, up to MANIFEST_LIMIT.
    const read = await (0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)(path, MANIFEST_LIMIT);
    if (!('text' in read)) {
        if (read.problem === 'missing')
            return undefined;
        throw new ManifestError(`${path}: ${(0,_util_read_regular_file_js__WEBPACK_IMPORTED_MODULE_4__/* .describeProblem */ .BJ)(read)}`);
    }
    const text = read.text;
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
 * (streaming; or take the digest `options.digest` gives), delete the ones whose sha256 differs, delete every other regular file except the
 * manifest and the names in `keep` ("prune"), and report what is missing. Entries that are not
 * regular files (subfolders, symlinks: a restored cache entry may carry them; pip's --find-links
 * would not read them, but they do not belong in a wheelhouse) are deleted too, never followed.
 * Only names `deletable` allows are deleted (the flow spares entries it did not write).
 */
async function verifyWheelhouse(dir, resolution, options) {
    const wanted = new Map();
    for (const pkg of resolution.packages)
        wanted.set(pkg.file.filename, pkg.file);
    const result = { valid: [], missing: [], removed: [] };
    let names = [];
    let others = [];
    try {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true });
        names = entries.filter((e) => e.isFile()).map((e) => e.name);
        others = entries.filter((e) => !e.isFile()).map((e) => e.name);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    for (const name of others) {
        if (options.keep?.includes(name) || (options.deletable !== undefined && !options.deletable(name)))
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), { recursive: true, force: true });
        result.removed.push({ filename: name, reason: 'not-a-file' });
        options.logger.warn(`removed ${name} from the wheelhouse: not a regular file`);
    }
    const present = new Set(names);
    for (const name of names) {
        if (name === MANIFEST_FILENAME || wanted.has(name) || options.keep?.includes(name))
            continue;
        if (options.deletable !== undefined && !options.deletable(name))
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), { force: true });
        result.removed.push({ filename: name, reason: 'not-in-resolution' });
        options.logger.debug(`pruned ${name} from the wheelhouse: not in the resolution`);
    }
    const toHash = [...wanted.values()].filter((f) => present.has(f.filename));
    for (const f of wanted.values())
        if (!present.has(f.filename))
            result.missing.push(f);
    await (0,_util_for_each_limited_js__WEBPACK_IMPORTED_MODULE_5__/* .runLimited */ .Oe)(toHash, options.concurrency ?? 4, async (file) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, file.filename);
        // A file this run wrote and hashed, or one unchanged since an earlier run hashed it, is not
        // read again (options.digest: the run's stamps, src/cache/file-stamps.ts).
        const actual = await (options.digest ?? _util_file_sha256_js__WEBPACK_IMPORTED_MODULE_3__/* .fileSha256 */ .s)(path).catch(() => undefined);
        if (actual && actual.sha256 === file.sha256.toLowerCase()) {
            result.valid.push(file);
            return;
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
        result.removed.push({ filename: file.filename, reason: 'hash-mismatch' });
        result.missing.push(file);
        options.logger.warn(`removed ${file.filename} from the wheelhouse: sha256 ${actual?.sha256 ?? '(unreadable)'} does not match the resolution's ${file.sha256}`);
    });
    return result;
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


/***/ }),

/***/ 4942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E4: () => (/* binding */ listPlainDir),
/* harmony export */   Z9: () => (/* binding */ plainDirState),
/* harmony export */   b4: () => (/* binding */ removeEntry),
/* harmony export */   m_: () => (/* binding */ ensurePlainDir),
/* harmony export */   zH: () => (/* binding */ setAsideUnlessPlain)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Listing and emptying a directory whose entries are untrusted (a cache directory a cache entry
 * was restored into: the GitHub Actions cache's tar restores symbolic links, FIFOs and devices as
 * they were saved) without ever acting through a symbolic link. A directory is entered only when
 * lstat says it is a real one; every other entry (regular file, link, FIFO…) is removed with
 * unlink(2), which removes the name in this directory and never touches what a link points to.
 */



/**
 * What `path` is, by lstat: a real directory, missing, or something else (a symbolic link — to a
 * directory or not —, a file, a FIFO…), which a caller that wrote a directory there must not
 * enter nor empty.
 */
async function plainDirState(path) {
    try {
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path)).isDirectory() ? 'directory' : 'not a plain directory';
    }
    catch (error) {
        return error.code === 'ENOENT' ? 'missing' : 'not a plain directory';
    }
}
/**
 * The entries of `dir` with their types as lstat sees them (a link is a link, never what it
 * points to); empty when `dir` is missing, unreadable or not a real directory (`plainDirState`).
 */
async function listPlainDir(dir) {
    if ((await plainDirState(dir)) !== 'directory')
        return [];
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
/**
 * Removes the entry `entry` of `dir` (from `listPlainDir`) without following a link: anything but
 * a directory is unlinked; a real directory is removed with everything in it by Node's recursive
 * rm, which lstat-checks every entry below and unlinks links instead of entering them. The
 * entry's type is checked again first (it was listed earlier): one that became a link meanwhile
 * is unlinked, not entered.
 */
async function removeEntry(dir, entry) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name);
    if (entry.isDirectory() && (await plainDirState(path)) === 'directory') {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
        return;
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).catch((error) => {
        if (error.code === 'ENOENT')
            return;
        // EISDIR / EPERM: became a directory since it was listed; removed as one if still real.
        if (error.code === 'EISDIR' || error.code === 'EPERM')
            return removeDirIfPlain(path);
        throw error;
    });
}
async function removeDirIfPlain(path) {
    if ((await plainDirState(path)) === 'directory')
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
}
/**
 * Makes `path` a real directory again when something else took its place (a cache restore that
 * put a symbolic link there): that is renamed aside to `<path>.refused-<hex>` — kept, not deleted,
 * since nothing proves whose it is — and an empty directory made. Answers the aside name, or
 * undefined when `path` was a real directory or missing (then made).
 */
async function setAsideUnlessPlain(path) {
    const state = await plainDirState(path);
    let aside;
    if (state === 'not a plain directory') {
        aside = `${path}.refused-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(path, aside);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path, { recursive: true });
    return aside;
}
/**
 * Makes `path` a real directory to write into: missing, it is made (with its parents); something
 * else in its place (a symbolic link a cache restore put there, a file, a FIFO…) is unlinked —
 * the name only, never what a link points to (a name lstat says is not a directory is never a
 * directory, so unlink(2) applies) — and `warn` told, before a fresh directory is made. Writing
 * through such a name would put the writer's files wherever the link points.
 */
async function ensurePlainDir(path, warn) {
    if ((await plainDirState(path)) === 'not a plain directory') {
        const removed = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).then(() => true, (error) => {
            if (error.code === 'ENOENT')
                return false;
            // EISDIR / EPERM: a real directory took its place meanwhile; it is used as it is.
            if (error.code === 'EISDIR' || error.code === 'EPERM')
                return false;
            throw error;
        });
        if (removed)
            warn(`${path} was not a plain directory (a symbolic link from a cache entry?): removed, a fresh one made`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(path, { recursive: true });
}


/***/ }),

/***/ 4049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ writeAll)
/* harmony export */ });
/** `writev` until every byte of `chunks` is written (a short write continues where it stopped). */
async function writeAll(handle, chunks, position) {
    let rest = chunks;
    let at = position;
    while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest, at);
        if (bytesWritten === 0)
            throw new Error('the file system accepted no bytes');
        if (at !== undefined)
            at += bytesWritten;
        let skip = bytesWritten;
        const next = [];
        for (const c of rest) {
            if (skip >= c.length) {
                skip -= c.length;
                continue;
            }
            next.push(skip > 0 ? c.subarray(skip) : c);
            skip = 0;
        }
        rest = next;
    }
}


/***/ })

};
