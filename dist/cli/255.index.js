export const id = 255;
export const ids = [255];
export const modules = {

/***/ 255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d9: () => (/* binding */ DEFAULT_MAX_METADATA_SIZE),
  Lk: () => (/* binding */ DEFAULT_TAIL_SIZE),
  $t: () => (/* binding */ WheelMetadataError),
  gs: () => (/* binding */ openRemoteZip),
  rN: () => (/* binding */ readWheelMetadata)
});

// UNUSED EXPORTS: DEFAULT_DIRECTORY_LEAD, DEFAULT_MAX_DIRECTORY_SIZE, findWheelMetadataEntry, inflateMember

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

// EXTERNAL MODULE: ./src/index/zip-directory.ts
var zip_directory = __webpack_require__(7033);
;// CONCATENATED MODULE: ./src/index/remote-zip.ts


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
/**
 * Largest central directory read (what a hostile EOCD may claim, e.g. 1 TiB in ZIP64, is refused
 * before any byte of it is fetched). 100,000 members with 80-byte names take about 13 MiB.
 */
const DEFAULT_MAX_DIRECTORY_SIZE = 64 * 1024 * 1024;
/** Most bytes of a local header beyond its fixed part: a 16-bit name and a 16-bit extra field. */
const LOCAL_HEADER_VARIABLE_MAX = 2 * 0xffff;
/** Deflate may grow incompressible data a little: 5 bytes per stored block of up to 64 KiB. */
function maxCompressedSize(uncompressed) {
    return uncompressed + 5 * Math.ceil(uncompressed / 0xffff + 1) + 1024;
}
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
        throw new zip_directory/* ZipFormatError */.PA(`read ${first.bytes.length} bytes of a ${size}-byte file`, source);
    const maxDirectory = options.maxDirectorySize ?? DEFAULT_MAX_DIRECTORY_SIZE;
    const store = new WindowStore(rangeSource, { offset: size - first.bytes.length, bytes: first.bytes }, source, 
    // No read this reader makes needs more: the directory with its lead, or one member.
    maxDirectory + lead + zip_directory/* MAX_EOCD_SEARCH */.G1 + zip_directory/* LOCAL_HEADER_SIZE */._0 + LOCAL_HEADER_VARIABLE_MAX);
    let eocd = (0,zip_directory/* findEocd */.vf)(store.tail, size, source);
    if (eocd === undefined) {
        await store.ensure(Math.max(0, size - zip_directory/* MAX_EOCD_SEARCH */.G1 - zip_directory/* ZIP64_LOCATOR_SIZE */.zV), size);
        eocd = (0,zip_directory/* findEocd */.vf)(store.tail, size, source);
        if (eocd === undefined)
            throw new zip_directory/* ZipFormatError */.PA(`no end of central directory record`, source);
    }
    let directory;
    if (eocd.kind === 'need-zip64-record') {
        const window = await store.ensure(eocd.recordOffset, eocd.recordOffset + zip_directory/* ZIP64_EOCD_SIZE */.Y3);
        directory = (0,zip_directory/* parseZip64Record */.wp)(window, eocd.recordOffset, source);
    }
    else {
        directory = eocd.directory;
    }
    if (directory.size > maxDirectory) {
        throw new zip_directory/* ZipFormatError */.PA(`the central directory claims ${directory.size} bytes, over the ${maxDirectory}-byte limit`, source);
    }
    const cdEnd = directory.offset + directory.size;
    if (!store.covers(directory.offset, cdEnd)) {
        await store.ensure(Math.max(0, directory.offset - lead), cdEnd);
    }
    const entries = (0,zip_directory/* parseCentralDirectory */.K6)(store.slice(directory.offset, cdEnd), directory, source);
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
        directoryOffset: directory.offset,
        async readMember(entry, maxSize) {
            if (entry.flags & 0x0001)
                throw new zip_directory/* ZipFormatError */.PA(`${JSON.stringify(entry.name)} is encrypted`, source);
            if (entry.method !== 0 && entry.method !== 8) {
                throw new zip_directory/* ZipFormatError */.PA(`${JSON.stringify(entry.name)} uses compression method ${entry.method} (only stored and deflate are supported)`, source);
            }
            if (entry.uncompressedSize > maxSize) {
                throw new WheelMetadataError('too-large', `${entry.name} is ${entry.uncompressedSize} bytes, over the ${maxSize}-byte limit`, source);
            }
            if (entry.compressedSize > maxCompressedSize(maxSize)) {
                throw new WheelMetadataError('too-large', `${entry.name} is ${entry.compressedSize} bytes compressed, over the ${maxSize}-byte limit`, source);
            }
            // The read ends at the next member, but never further than this member can reach: a hostile
            // archive may put gigabytes between a small member and the next header.
            const end = Math.min(memberEnd(entry), entry.localHeaderOffset + zip_directory/* LOCAL_HEADER_SIZE */._0 + LOCAL_HEADER_VARIABLE_MAX + entry.compressedSize);
            const window = await store.ensure(entry.localHeaderOffset, end);
            const dataStart = (0,zip_directory/* localDataOffset */.XS)(window, entry, source);
            const dataEnd = dataStart + entry.compressedSize;
            if (dataEnd > end) {
                throw new zip_directory/* ZipFormatError */.PA(`${JSON.stringify(entry.name)}: data (${dataStart}..${dataEnd}) runs past ${end} (the next member or the central directory)`, source);
            }
            return await inflateMember(entry, store.slice(dataStart, dataEnd), maxSize, source);
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
/**
 * fflate's streaming inflater, loaded on first use: evaluating fflate builds its Huffman tables
 * (≈ 7 ms of every CLI start, issue 14 §2 "Start-up"), and a run whose index serves PEP 658
 * metadata never inflates a member.
 */
let inflateClass;
function loadInflate() {
    inflateClass ??= __webpack_require__.e(/* import() */ 306).then(__webpack_require__.bind(__webpack_require__, 1306)).then((m) => m.Inflate);
    return inflateClass;
}
/** Stored or deflated data → bytes, with a running size cap and a CRC-32 check (APPNOTE 4.4.7). */
async function inflateMember(entry, data, maxSize, source) {
    const label = JSON.stringify(entry.name);
    let out;
    if (entry.method === 0) {
        out = data;
    }
    else {
        const chunks = [];
        let total = 0;
        let overflow = false;
        const Inflate = await loadInflate();
        const inflater = new Inflate((chunk) => {
            total += chunk.length;
            if (total > maxSize)
                overflow = true;
            else
                chunks.push(chunk);
        });
        // Small steps keep a deflate bomb's output per push small (deflate expands at most ~1032:1).
        const step = 8 * 1024;
        try {
            for (let i = 0; i < data.length && !overflow; i += step) {
                inflater.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
            }
        }
        catch (error) {
            throw new zip_directory/* ZipFormatError */.PA(`${label}: corrupt deflate data (${error.message})`, source);
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
        throw new zip_directory/* ZipFormatError */.PA(`${label}: ${out.length} bytes after inflating, the central directory says ${entry.uncompressedSize}`, source);
    }
    const crc = crc32Update(0, out);
    if (crc !== entry.crc32) {
        throw new zip_directory/* ZipFormatError */.PA(`${label}: CRC-32 mismatch (computed ${hex32(crc)}, central directory says ${hex32(entry.crc32)})`, source);
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
    maxRead;
    tail;
    others = [];
    constructor(rangeSource, tail, source, 
    /** Most bytes one read may fetch. */
    maxRead) {
        this.rangeSource = rangeSource;
        this.source = source;
        this.maxRead = maxRead;
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
            throw new zip_directory/* ZipFormatError */.PA(`internal: bytes ${start}..${end} were not fetched`, this.source);
        return w.bytes.subarray(start - w.offset, end - w.offset);
    }
    async checkedRead(start, end) {
        if (end - start > this.maxRead) {
            throw new zip_directory/* ZipFormatError */.PA(`reading it would take ${end - start} bytes at offset ${start}, over the ${this.maxRead}-byte limit`, this.source);
        }
        const bytes = await this.rangeSource.read(start, end);
        if (bytes.length !== end - start) {
            throw new zip_directory/* ZipFormatError */.PA(`asked for bytes ${start}..${end}, got ${bytes.length} bytes`, this.source);
        }
        return bytes;
    }
}


/***/ }),

/***/ 7033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G1: () => (/* binding */ MAX_EOCD_SEARCH),
/* harmony export */   K6: () => (/* binding */ parseCentralDirectory),
/* harmony export */   PA: () => (/* binding */ ZipFormatError),
/* harmony export */   XS: () => (/* binding */ localDataOffset),
/* harmony export */   Y3: () => (/* binding */ ZIP64_EOCD_SIZE),
/* harmony export */   _0: () => (/* binding */ LOCAL_HEADER_SIZE),
/* harmony export */   vf: () => (/* binding */ findEocd),
/* harmony export */   wp: () => (/* binding */ parseZip64Record),
/* harmony export */   zV: () => (/* binding */ ZIP64_LOCATOR_SIZE)
/* harmony export */ });
/* unused harmony export EOCD_SIZE */
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
        const madeBy = dv.getUint16(at + 4, true);
        const flags = dv.getUint16(at + 8, true);
        const method = dv.getUint16(at + 10, true);
        const crc = dv.getUint32(at + 16, true);
        let compressedSize = dv.getUint32(at + 20, true);
        let uncompressedSize = dv.getUint32(at + 24, true);
        const nameLength = dv.getUint16(at + 28, true);
        const extraLength = dv.getUint16(at + 30, true);
        const commentLength = dv.getUint16(at + 32, true);
        const diskStart = dv.getUint16(at + 34, true);
        const externalAttributes = dv.getUint32(at + 38, true);
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
        entries.push({
            name,
            flags,
            method,
            crc32: crc,
            compressedSize,
            uncompressedSize,
            localHeaderOffset,
            madeBy,
            externalAttributes,
        });
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


/***/ })

};
