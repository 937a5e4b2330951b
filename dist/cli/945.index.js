export const id = 945;
export const ids = [945];
export const modules = {

/***/ 5958:
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
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/index/undici-parts.ts
var undici_parts = __webpack_require__(9297);
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
    const hmac = (key, data) => (0,external_node_crypto_.createHmac)('sha256', key).update(data, 'utf8').digest();
    const kDate = hmac(`AWS4${input.credentials.secretAccessKey}`, day);
    const kSigning = hmac(hmac(hmac(kDate, input.region), 's3'), 'aws4_request');
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

;// CONCATENATED MODULE: ./src/cache/s3/s3-client.ts
/**
 * A small S3 client over undici (already a dependency) with our own SigV4 (sigv4.ts): the handful
 * of operations the wheel store needs — GET (streamed, size-bounded), HEAD, conditional PUT
 * (`If-None-Match: *`, RFC 9110 §13.1.2; S3 answers 412 when the key exists), DELETE and
 * ListObjectsV2 (paged) — with path-style or virtual-host addressing.
 *
 * Retries: connection errors and 408/429/5xx (src/index/retry.ts's classification), exponential
 * backoff with full jitter, a capped Retry-After. Error bodies are read up to 64 KiB. Messages name
 * the method, bucket and key and S3's error code, never a header (credentials live only there).
 */






/** S3Error code of a range request answered with the whole object (200). */
const RANGE_IGNORED = 'RangeIgnored';
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
const ERROR_BODY_LIMIT = 64 * 1024;
const LIST_BODY_LIMIT = 8 * 1024 * 1024;
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Path-style unless asked otherwise, for IP/localhost endpoints, and for bucket names with dots. */
function usePathStyle(config, host) {
    if (config.forcePathStyle !== undefined)
        return config.forcePathStyle;
    return /^[\d.]+(:\d+)?$|^\[|^localhost(:\d+)?$/.test(host) || config.bucket.includes('.');
}
class S3Client {
    config;
    /** Requests sent (attempts included), by method: for logs and tests. */
    sent = { GET: 0, HEAD: 0, PUT: 0, POST: 0, DELETE: 0, LIST: 0 };
    dispatcher;
    base;
    pathStyle;
    constructor(config) {
        this.config = config;
        this.base = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
        if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
            throw new S3Error(`S3 endpoint ${this.base.origin}: only http: and https: are supported`);
        this.pathStyle = usePathStyle(config, this.base.host);
        this.dispatcher = new undici_parts/* Agent */.g6({
            connections: 16,
            headersTimeout: config.timeoutMs ?? 30_000,
            bodyTimeout: config.timeoutMs ?? 60_000,
        });
    }
    describe(key = '') {
        return `s3://${this.config.bucket}/${key}`;
    }
    urlOf(key, query) {
        const host = this.pathStyle ? this.base.host : `${this.config.bucket}.${this.base.host}`;
        const path = this.pathStyle ? `/${this.config.bucket}${key === '' ? '' : `/${key}`}` : `/${key}`;
        const encodedPath = uriEncode(path, true);
        const qs = Object.entries(query)
            .map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`)
            .join('&');
        return { url: `${this.base.protocol}//${host}${encodedPath}${qs ? `?${qs}` : ''}`, encodedPath, host };
    }
    /** One signed request with retries; the caller consumes or dumps the body of the answer. */
    async send(req) {
        const retries = this.config.retries ?? 3;
        const base = this.config.backoffBaseMs ?? 200;
        const query = req.query ?? {};
        const { url, encodedPath, host } = this.urlOf(req.key ?? '', query);
        const what = `S3 ${req.method} ${this.describe(req.key)}`;
        for (let attempt = 0;; attempt++) {
            this.sent[req.method === 'GET' && 'list-type' in query ? 'LIST' : req.method]++;
            const headers = signRequest({
                method: req.method,
                encodedPath,
                query,
                headers: {
                    host,
                    ...(req.body !== undefined
                        ? { 'content-length': String(req.body.kind === 'buffer' ? req.body.data.length : req.body.size) }
                        : {}),
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
                    ...(req.body !== undefined
                        ? { body: req.body.kind === 'buffer' ? req.body.data : fileBody(req.body) }
                        : {}),
                });
            }
            catch (error) {
                const code = error.code ?? error.cause?.code;
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
    async getBuffer(key, limit) {
        const response = await this.send({ method: 'GET', key });
        if (response.statusCode === 404) {
            await response.body.dump();
            return undefined;
        }
        if (response.statusCode !== 200)
            throw await this.failure(response, 'GET', key);
        return readBounded(response, limit, `${this.describe(key)}`);
    }
    /** A streaming GET; the caller reads (and bounds) the body. 404 → undefined. */
    async getStream(key) {
        const response = await this.send({ method: 'GET', key });
        if (response.statusCode === 404) {
            await response.body.dump();
            return undefined;
        }
        if (response.statusCode !== 200)
            throw await this.failure(response, 'GET', key);
        return response;
    }
    /**
     * Bytes `start`..`end` (inclusive) of an object (RFC 9110 §14.1.2 byte range). Anything but a 206
     * whose Content-Range is exactly that range of an object of `total` bytes is an error: a server
     * that ignores Range must not be read as if it had honoured it.
     */
    async getRange(key, start, end, total) {
        const response = await this.send({ method: 'GET', key, headers: { range: `bytes=${start}-${end}` } });
        if (response.statusCode !== 206) {
            if (response.statusCode === 200) {
                await response.body.dump().catch(() => { });
                throw new S3Error(`S3 GET ${this.describe(key)} bytes ${start}-${end}: the server ignored the range`, 200, RANGE_IGNORED);
            }
            throw await this.failure(response, 'GET', key);
        }
        const range = response.headers['content-range'];
        if (range !== `bytes ${start}-${end}/${total}`) {
            await response.body.dump().catch(() => { });
            throw new S3Error(`S3 GET ${this.describe(key)}: Content-Range ${JSON.stringify(range)} is not bytes ${start}-${end}/${total}`);
        }
        return response;
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
        const xml = (await readBounded(response, LIST_BODY_LIMIT, `list of ${this.describe(prefix)}`)).toString('utf8');
        return parseListPage(xml);
    }
    async close() {
        await this.dispatcher.close().catch(() => { });
    }
}
function fileBody(body) {
    if (body.size === 0)
        return external_node_stream_.Readable.from([]);
    const start = body.start ?? 0;
    return (0,external_node_fs_.createReadStream)(body.path, { start, end: start + body.size - 1 }); // `end` is inclusive
}
/** The body, refusing more than `limit` bytes while reading (the rest is not read). */
async function readBounded(response, limit, shown = 'S3 response') {
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
        await (0,for_each_limited/* runLimited */.O)(parts, options.concurrency, async (part) => {
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

;// CONCATENATED MODULE: ./src/cache/s3/s3-ranged-get.ts
/**
 * A large object fetched as byte ranges in parallel (RFC 9110 §14: `Range: bytes=a-b` → 206 with
 * `Content-Range: bytes a-b/total`), each range written at its offset of one new file. Every range
 * must be answered with exactly that range of an object of the expected size and exactly that many
 * bytes (reading stops past it); the caller then checks the whole file's sha256 before using it.
 */




/** Writes the `size` bytes of `key` into `path` (created here, exclusively). */
async function getRanges(client, key, path, size, options) {
    const ranges = partLayout(size, options.partBytes);
    const handle = await (0,promises_.open)(path, 'wx');
    try {
        await (0,for_each_limited/* runLimited */.O)(ranges, options.concurrency, (range) => fetchRange(client, key, handle, range.start, range.size, size));
    }
    finally {
        await handle.close();
    }
}
async function fetchRange(client, key, handle, start, length, total) {
    const end = start + length - 1;
    const response = await client.getRange(key, start, end, total);
    let written = 0;
    try {
        for await (const chunk of response.body) {
            const buf = chunk;
            if (written + buf.length > length)
                throw new S3Error(`S3 GET ${client.describe(key)} bytes ${start}-${end}: more than ${length} bytes`);
            await handle.write(buf, 0, buf.length, start + written);
            written += buf.length;
        }
    }
    catch (error) {
        response.body.destroy();
        throw error;
    }
    if (written !== length)
        throw new S3Error(`S3 GET ${client.describe(key)} bytes ${start}-${end}: ${written} of ${length} bytes`);
}

;// CONCATENATED MODULE: ./src/cache/s3/s3-fetch.ts
/**
 * One object of the store into place, verified: fetched into a temporary file beside `path` and
 * renamed to `path` only when its sha256 and size are the entry's — the store is untrusted, so a
 * tampered object is never placed and nothing is left behind. Objects over `largeObjectBytes` come
 * as parallel byte ranges into the one file (s3-ranged-get.ts), hashed whole afterwards; smaller ones
 * stream through a hash that stops past the expected size. A server that ignores Range gets one
 * plain GET instead.
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
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
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
                return fetchStream(client, objectKey, tmp, file.size);
            });
        }
        else if (file.size <= SMALL_OBJECT_BYTES)
            got = await fetchSmall(client, objectKey, tmp, file.size);
        else
            got = await fetchStream(client, objectKey, tmp, file.size);
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
        return { outcome: 'rejected', reason: (0,backend/* errorMessage */.g)(error), ranged };
    }
}
/** Objects up to this size (metadata files, index pages) are read whole and written in one call. */
const SMALL_OBJECT_BYTES = 256 * 1024;
/** One GET of a small object, bounded by the entry's size, hashed and written in one call. */
async function fetchSmall(client, objectKey, tmp, limit) {
    // Refuses (and stops reading) past the entry's size: "…: larger than N bytes".
    const body = await client.getBuffer(objectKey, limit);
    if (body === undefined)
        return 'missing';
    await (0,promises_.writeFile)(tmp, body, { flag: 'wx' });
    return { sha256: (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex'), size: body.length };
}
/** Chunks are written in batches of about this many bytes (one writev instead of ~16 writes). */
const WRITE_BATCH = 1024 * 1024;
/**
 * One streamed GET into `tmp`, hashed on the way, refused past `limit` bytes. A plain loop over
 * the body with batched `writev`s rather than a Transform and a WriteStream in a pipeline: for
 * hundreds of objects per restore that stream machinery and one write per 64 KiB chunk were a
 * measurable part of the client's CPU (docs/benchmarks.md, S3 section). Reading waits while a
 * batch is written, so memory stays bounded by one batch plus one chunk.
 */
async function fetchStream(client, objectKey, tmp, limit) {
    const response = await client.getStream(objectKey);
    if (response === undefined)
        return 'missing';
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    let handle;
    try {
        handle = await (0,promises_.open)(tmp, 'wx');
        let batch = [];
        let batchBytes = 0;
        for await (const data of response.body) {
            const chunk = data;
            size += chunk.length;
            if (size > limit)
                throw new Error(`more than the entry's ${limit} bytes`);
            hash.update(chunk);
            batch.push(chunk);
            batchBytes += chunk.length;
            if (batchBytes >= WRITE_BATCH || batch.length >= 256) {
                await writeAll(handle, batch);
                batch = [];
                batchBytes = 0;
            }
        }
        if (batchBytes > 0)
            await writeAll(handle, batch);
    }
    catch (error) {
        response.body.destroy();
        throw error;
    }
    finally {
        await handle?.close();
    }
    return { sha256: hash.digest('hex'), size };
}
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
/** Parallel byte ranges into `tmp`, then the whole file's sha256. */
async function fetchRanges(client, objectKey, tmp, size, limits) {
    try {
        await getRanges(client, objectKey, tmp, size, limits);
    }
    catch (error) {
        if (error instanceof S3Error && error.status === 404)
            return 'missing';
        throw error;
    }
    return (0,file_sha256/* fileSha256 */.s)(tmp);
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
    store;
    logger;
    maxObjectBytes;
    /** Counters for logs and tests. */
    stats = { fetched: 0, missing: 0, rejected: 0, shared: 0, alreadyShared: 0 };
    constructor(store, logger, maxObjectBytes) {
        this.store = store;
        this.logger = logger;
        this.maxObjectBytes = maxObjectBytes;
    }
    recordKey(key) {
        return this.store.prefixed(`built/${(0,built_wheel_store/* buildKeyDigest */.WL)(key)}.json`);
    }
    async fetch(key, dir) {
        const recordKey = this.recordKey(key);
        const where = this.store.client.describe(recordKey);
        try {
            const body = await this.store.client.getBuffer(recordKey, RECORD_LIMIT);
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
            const problem = builtRecordProblem(data, key, this.maxObjectBytes);
            if (problem !== undefined) {
                this.stats.rejected++;
                this.logger.warn(`S3 cache: built-wheel record ${where} ignored (${problem}); building instead`);
                return undefined;
            }
            const record = data;
            const path = (0,external_node_path_.join)(dir, record.filename);
            const file = { sha256: record.sha256, size: record.size };
            const ok = await this.store.fetchVerified(this.store.objectKey(record.filename, record.sha256), path, file);
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
            if (await this.store.client.head(recordKey)) {
                this.stats.alreadyShared++;
                return;
            }
            await this.store.storeObject(wheel.filename, wheel.path, { sha256: wheel.sha256, size: wheel.size });
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
            const got = await this.store.client.put(recordKey, { kind: 'buffer', data: body }, sha, true);
            if (got === 'exists')
                this.stats.alreadyShared++;
            else {
                this.stats.shared++;
                this.logger.info(`S3 cache: built wheel ${wheel.filename} shared as ${this.store.client.describe(recordKey)}`);
            }
        }
        catch (error) {
            this.logger.warn(`S3 cache: built wheel ${wheel.filename} not shared: ${(0,backend/* errorMessage */.g)(error)}`);
        }
    }
    /** The wheel digest a record names, or undefined when it is unreadable (for prune). */
    async recordDigest(recordKey) {
        const body = await this.store.client.getBuffer(recordKey, RECORD_LIMIT);
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

// EXTERNAL MODULE: ./src/cache/wheelhouse-manifest.ts
var wheelhouse_manifest = __webpack_require__(5395);
;// CONCATENATED MODULE: ./src/cache/s3-store.ts
/**
 * A cache backend on S3-compatible object storage, shared by a fleet of runners (issue 12).
 * Content-addressed, so the store grows with distinct files, not with entries:
 *
 *   <prefix>/wheels/sha256/<aa>/<digest>    a wheel (wheelhouse or built), keyed by its sha256
 *   <prefix>/built/<build key digest>.json  which wheel was built for an sdist on a target
 *   <prefix>/blobs/sha256/<aa>/<digest>     any other cached file (metadata, index pages)
 *   <prefix>/entries/<cache-key>.json       an entry: for each saved path, relative name → sha256, size
 *
 * Objects are written once with `If-None-Match: *` (a 412 means another runner stored the same
 * bytes: fine); the entry is written last, so it never names an object not yet stored.
 * Restore: the exact key, else the newest entry whose key starts with a restore prefix
 * (ListObjectsV2, paged); then only files the destination lacks (by name and sha256) are
 * fetched, in parallel, each streamed to a temporary file while its sha256 and size are checked,
 * and renamed into place only when both match — a tampered object is never placed (the flow then
 * downloads that wheel from the index). Objects over `largeObjectBytes` (64 MiB) go up in parts
 * (s3/s3-multipart.ts) and come down as parallel ranges (s3/s3-fetch.ts). The store is untrusted input: names are validated, entry
 * documents are size-bounded, and every failure is one warning, never a failed job.
 */












const ENTRY_LIMIT = 16 * 1024 * 1024;
const MAX_ENTRY_FILES = 100_000;
const MAX_LIST_PAGES = 100;
const s3_store_SHA256_HEX = /^[0-9a-f]{64}$/;
/** Parts (or ranges) of one large object in flight at once. */
const PART_CONCURRENCY = 4;
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
class S3Store {
    name = 's3';
    client;
    prefix;
    logger;
    concurrency;
    maxObjectBytes;
    largeObjectBytes;
    partBytes;
    /** Wheels built from sdists, shared by the fleet (`<prefix>/built/…`, s3/s3-built-wheels.ts). */
    builtWheels;
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
    constructor(options) {
        this.client = new S3Client(options);
        this.prefix = (options.prefix ?? 'wheelhouse').replace(/^\/+|\/+$/g, '');
        this.logger = options.logger;
        this.concurrency = options.concurrency ?? 16;
        this.maxObjectBytes = options.maxObjectBytes ?? 2 * 1024 * 1024 * 1024;
        this.largeObjectBytes = options.largeObjectBytes ?? 64 * 1024 * 1024;
        this.partBytes = options.partBytes ?? 16 * 1024 * 1024;
        this.builtWheels = new S3BuiltWheels(this, this.logger, this.maxObjectBytes);
    }
    key(...parts) {
        return [this.prefix, ...parts].filter((p) => p !== '').join('/');
    }
    objectKey(name, sha256) {
        return this.key(name.endsWith('.whl') ? 'wheels' : 'blobs', 'sha256', sha256.slice(0, 2), sha256);
    }
    /** `<prefix>/<rest>`. */
    prefixed(rest) {
        return this.key(rest);
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
    /** The digests an entry names, or undefined when it is unreadable. */
    async entryDigests(objectKey) {
        const entry = await this.readEntry(objectKey);
        if (entry === undefined)
            return undefined;
        const out = new Set();
        for (const listed of entry.paths)
            for (const file of Object.values(listed ?? {}))
                if (typeof file?.sha256 === 'string' && s3_store_SHA256_HEX.test(file.sha256))
                    out.add(file.sha256);
        return out;
    }
    entryKey(cacheKey) {
        return this.key('entries', `${encodeURIComponent(cacheKey)}.json`);
    }
    async restore(paths, primaryKey, restoreKeys, options = {}) {
        try {
            const entry = await this.find(paths.length, primaryKey, restoreKeys);
            if (entry === undefined) {
                this.logger.info(`cache miss for ${primaryKey} in ${this.client.describe(this.key())}`);
                return { exact: false };
            }
            let files = 0;
            let rejected = 0;
            for (const [i, listed] of entry.paths.entries()) {
                const got = await this.restorePath(listed, paths[i], i === 0, options);
                files += got.files;
                rejected += got.rejected;
            }
            const exact = entry.key === primaryKey;
            this.logger.info(`${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files fetched from ${this.client.describe(this.key())}${rejected > 0 ? `, ${rejected} rejected` : ''})`);
            return { matchedKey: entry.key, exact };
        }
        catch (error) {
            this.logger.warn(`S3 cache restore failed (continuing without cache): ${(0,backend/* errorMessage */.g)(error)}`);
            return { exact: false };
        }
    }
    async readEntry(objectKey) {
        const body = await this.client.getBuffer(objectKey, ENTRY_LIMIT);
        if (body === undefined)
            return undefined;
        let data;
        try {
            data = JSON.parse(body.toString('utf8'));
        }
        catch {
            this.logger.warn(`S3 cache entry ${this.client.describe(objectKey)} is not JSON: ignored`);
            return undefined;
        }
        if (data.version !== 1 || typeof data.key !== 'string' || !Array.isArray(data.paths)) {
            this.logger.warn(`S3 cache entry ${this.client.describe(objectKey)} is not a version 1 entry: ignored`);
            return undefined;
        }
        return data;
    }
    async find(pathCount, primaryKey, restoreKeys) {
        const exact = await this.readEntry(this.entryKey(primaryKey));
        if (exact !== undefined && exact.key === primaryKey && exact.paths.length === pathCount)
            return exact;
        // Like the GitHub cache service: each prefix in turn, the newest entry starting with it.
        for (const prefix of [primaryKey, ...restoreKeys]) {
            const listPrefix = this.entryKey(prefix).replace(/\.json$/, '');
            const candidates = (await this.listAll(listPrefix)).filter((o) => o.key.endsWith('.json'));
            candidates.sort((a, b) => b.lastModified - a.lastModified);
            for (const candidate of candidates.slice(0, 3)) {
                const entry = await this.readEntry(candidate.key);
                if (entry !== undefined && entry.key.startsWith(prefix) && entry.paths.length === pathCount)
                    return entry;
            }
        }
        return undefined;
    }
    /** Fetch the listed files `dst` lacks; in the wheelhouse, list the placed ones in its manifest. */
    async restorePath(listed, dst, wheelhouse, options) {
        // A wheelhouse file unchanged since wheelhouse hashed it is not read again (file-stamps.ts).
        const digest = wheelhouse && options.stamps !== undefined ? options.stamps.digest : file_sha256/* fileSha256 */.s;
        // A wheel fetched here is stamped with the digest computed while it was written, so the
        // wheelhouse verification that follows does not read it again.
        const stamps = wheelhouse ? options.stamps : undefined;
        const todo = [];
        for (const [name, file] of Object.entries(listed).slice(0, MAX_ENTRY_FILES)) {
            const unsafe = wheelhouse ? (0,dist_filename_check/* unsafeFilenameReason */.Au)(name) : unsafeRelativeName(name);
            const sha = typeof file?.sha256 === 'string' ? file.sha256 : '';
            if (unsafe !== undefined ||
                name === wheelhouse_manifest/* MANIFEST_FILENAME */.ch ||
                !s3_store_SHA256_HEX.test(sha) ||
                !Number.isSafeInteger(file.size)) {
                this.logger.debug(`S3 cache entry: ${JSON.stringify(name)} ignored (${unsafe ?? 'bad name, sha256 or size'})`);
                continue;
            }
            const path = (0,external_node_path_.join)(dst, ...name.split('/'));
            const present = await (0,promises_.lstat)(path).catch(() => undefined);
            if (present !== undefined) {
                const actual = present.isFile() ? await digest(path).catch(() => undefined) : undefined;
                if (actual?.sha256 === sha) {
                    this.stats.reused++;
                    this.known.add(sha);
                    continue;
                }
            }
            todo.push([name, file]);
        }
        const placed = {};
        let rejected = 0;
        await (0,for_each_limited/* runLimited */.O)(todo, this.concurrency, async ([name, file]) => {
            const path = (0,external_node_path_.join)(dst, ...name.split('/'));
            const ok = await this.fetchVerified(this.objectKey(name, file.sha256), path, file, stamps).catch((error) => {
                this.logger.warn(`S3 cache: ${name} not restored: ${(0,backend/* errorMessage */.g)(error)}`);
                return false;
            });
            if (ok) {
                placed[name] = file;
                this.stats.fetched++;
                this.known.add(file.sha256);
            }
            else
                rejected++;
        });
        if (wheelhouse && Object.keys(placed).length > 0) {
            const current = await (0,wheelhouse_manifest/* readManifest */.WI)(dst).catch(() => undefined);
            await (0,wheelhouse_manifest/* writeManifest */.HN)(dst, {
                version: 1,
                complete: false,
                files: { ...(current?.files ?? {}), ...placed },
            });
        }
        return { files: Object.keys(placed).length, rejected };
    }
    /** fetchObject (s3/s3-fetch.ts) with this store's limits; counts and warns. */
    async fetchVerified(objectKey, path, file, stamps) {
        const got = await fetchObject(this.client, objectKey, path, file, {
            maxObjectBytes: this.maxObjectBytes,
            largeObjectBytes: this.largeObjectBytes,
            partBytes: this.partBytes,
            concurrency: PART_CONCURRENCY,
        }, stamps && ((placedPath, digest) => stamps.record(placedPath, digest)));
        if (got.ranged)
            this.stats.rangedFetches++;
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
            const got = file.size > this.largeObjectBytes
                ? await uploadMultipart(this.client, objectKey, path, file, {
                    partBytes: this.partBytes,
                    concurrency: PART_CONCURRENCY,
                })
                : await this.client.put(objectKey, { kind: 'file', path, size: file.size }, file.sha256, true);
            if (got === 'created')
                this.stats.uploaded++;
            else
                this.stats.alreadyStored++;
            if (got === 'created' && file.size > this.largeObjectBytes)
                this.stats.multipartUploads++;
        }
        this.known.add(file.sha256);
    }
    async save(paths, key) {
        try {
            const entryKey = this.entryKey(key);
            if (await this.client.head(entryKey)) {
                this.logger.info(`cache entry ${key} already exists in ${this.client.describe(this.key())}: not saved again`);
                return { saved: false, reason: 'entry already exists' };
            }
            const entry = { version: 1, key, createdAt: Date.now(), paths: [] };
            const uploads = [];
            for (const [i, p] of paths.entries()) {
                const files = i === 0 ? await this.wheelhouseFiles(p) : await this.treeFiles(p);
                const listed = {};
                for (const f of files) {
                    listed[f.name] = f.file;
                    uploads.push(f);
                }
                entry.paths.push(listed);
            }
            const seen = new Set();
            const unique = uploads.filter((u) => !seen.has(u.file.sha256) && seen.add(u.file.sha256));
            await (0,for_each_limited/* runLimited */.O)(unique, this.concurrency, async (u) => {
                await this.storeObject(u.name, u.path, u.file);
            });
            const body = Buffer.from(JSON.stringify(entry));
            const sha = (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
            const got = await this.client.put(entryKey, { kind: 'buffer', data: body }, sha, true);
            if (got === 'exists') {
                this.logger.info(`cache entry ${key} was saved concurrently by another runner`);
                return { saved: false, reason: 'entry already exists' };
            }
            this.logger.info(`cache saved as ${key} in ${this.client.describe(this.key())} (${this.stats.uploaded} file(s) uploaded, ${this.stats.alreadyStored} already stored)`);
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
    /** Every regular file under `dir` (symlinks and special files are skipped, never followed). */
    async treeFiles(dir) {
        const out = [];
        const walk = async (d) => {
            const entries = await (0,promises_.readdir)(d, { withFileTypes: true }).catch(() => []);
            for (const e of entries) {
                if (out.length >= MAX_ENTRY_FILES)
                    return;
                const path = (0,external_node_path_.join)(d, e.name);
                if (e.isDirectory())
                    await walk(path);
                else if (e.isFile()) {
                    const name = (0,external_node_path_.relative)(dir, path).split(external_node_path_.sep).join('/');
                    if (unsafeRelativeName(name) !== undefined)
                        continue;
                    const actual = await (0,file_sha256/* fileSha256 */.s)(path);
                    out.push({ name, path, file: { sha256: actual.sha256, size: actual.size } });
                }
            }
        };
        await walk(dir);
        return out;
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
/* harmony import */ var _s3_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5958);
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


/***/ })

};
