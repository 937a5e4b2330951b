export const id = 892;
export const ids = [892];
export const modules = {

/***/ 7892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ResolutionBuildError: () => (/* binding */ ResolutionBuildError),
  resolveRequirements: () => (/* binding */ resolveRequirements)
});

;// CONCATENATED MODULE: ./src/resolver/interval.ts
/**
 * The intervals that version ranges (range.ts) are made of: one end (`Bound`), an interval of two
 * ends, and the order-only primitives on them — comparing ends, overlap and adjacency of neighbouring
 * intervals, merging sorted intervals into range.ts's normalized form, and rendering an interval as
 * text. Generic over any totally ordered version type through a comparator; no range semantics here.
 */
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
/** A set of versions. Immutable; every operation returns a new range. */
class Range {
    compare;
    intervals;
    /** Use `Ranges` (the factory) or the operations below; the constructor trusts its input. */
    /** Computed on first use: the solver complements the same ranges over and over. */
    complementCache = undefined;
    /**
     * The single interval's ends, flat (`size` 1 only): the solver's relation checks on one-interval
     * ranges read these instead of chasing range → intervals → interval → bound (issue 14: those pointer
     * chases, over ~1.6 million checks per heavy solve, were the largest item of its profile).
     */
    size;
    hasLo;
    loV;
    loIn;
    hasHi;
    hiV;
    hiIn;
    /** What `singleVersion()` returns. */
    single;
    constructor(compare, intervals) {
        this.compare = compare;
        this.intervals = intervals;
        this.size = intervals.length;
        const only = intervals.length === 1 ? intervals[0] : undefined;
        const lower = only?.lower;
        const upper = only?.upper;
        this.hasLo = lower !== undefined;
        this.loV = lower?.value;
        this.loIn = lower?.inclusive ?? false;
        this.hasHi = upper !== undefined;
        this.hiV = upper?.value;
        this.hiIn = upper?.inclusive ?? false;
        this.single =
            this.hasLo && this.hasHi && this.loIn && this.hiIn && compare(this.loV, this.hiV) === 0
                ? this.loV
                : undefined;
    }
    /** @internal Build from intervals already satisfying the class invariant. */
    static fromNormalized(compare, intervals) {
        return new Range(compare, intervals);
    }
    /** Build from arbitrary (possibly empty, overlapping, unsorted) intervals. */
    static fromIntervals(compare, intervals) {
        if (intervals.length === 1) {
            // One interval (every `Ranges.interval`): normalized as it is unless empty; no copies.
            const only = intervals[0];
            return new Range(compare, isNonEmpty(compare, only.lower, only.upper) ? [only] : []);
        }
        const kept = intervals.filter((i) => isNonEmpty(compare, i.lower, i.upper));
        kept.sort((a, b) => compareLower(compare, a.lower, b.lower));
        return new Range(compare, mergeSorted(compare, kept));
    }
    isEmpty() {
        return this.size === 0;
    }
    isAny() {
        return this.size === 1 && !this.hasLo && !this.hasHi;
    }
    /** The single version this range holds, if it is `==v`. */
    singleVersion() {
        return this.single;
    }
    contains(v) {
        if (this.size === 1) {
            if (this.hasLo) {
                const c = this.compare(this.loV, v);
                if (c > 0 || (c === 0 && !this.loIn))
                    return false;
            }
            if (this.hasHi) {
                const c = this.compare(v, this.hiV);
                if (c > 0 || (c === 0 && !this.hiIn))
                    return false;
            }
            return true;
        }
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
        else if (a.length === 1 ? this.isSubsetOf(other) : b.length === 1 && other.isSubsetOf(this)) {
            // One interval inside the other range (a decision or a derived interval meeting a complement's
            // gaps): the answer is that interval's range itself, without allocating an equal copy.
            return a.length === 1 ? this : other;
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
        if (this.size === 1 && other.size === 1) {
            // other's lower end at or below this one's, and its upper end at or above (flat fields).
            if (other.hasLo) {
                if (!this.hasLo)
                    return false;
                const c = cmp(other.loV, this.loV);
                if (c > 0 || (c === 0 && !other.loIn && this.loIn))
                    return false;
            }
            if (other.hasHi) {
                if (!this.hasHi)
                    return false;
                const c = cmp(other.hiV, this.hiV);
                if (c < 0 || (c === 0 && !other.hiIn && this.hiIn))
                    return false;
            }
            return true;
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
        if (this.size === 1 && other.size === 1) {
            // Disjoint when one interval ends before the other starts (flat fields; see `overlaps`).
            if (this.hasHi && other.hasLo) {
                const c = cmp(other.loV, this.hiV);
                if (c > 0 || (c === 0 && !(other.loIn && this.hiIn)))
                    return true;
            }
            if (other.hasHi && this.hasLo) {
                const c = cmp(this.loV, other.hiV);
                if (c > 0 || (c === 0 && !(this.loIn && other.hiIn)))
                    return true;
            }
            return false;
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
    /**
     * Add an entry, unless that same entry object is already in the heap: a second copy would only be
     * popped as a duplicate of the first (same package, term and score), so skipping it changes
     * nothing `popCurrent` returns.
     */
    push(entry) {
        if (entry.inHeap)
            return;
        entry.inHeap = true;
        const h = this.heap;
        h.push(entry);
        let i = h.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            const up = h[parent];
            if (!before(entry, up))
                break;
            h[i] = up; // sift up by moving parents down (no swap array: issue 14's allocation profile)
            i = parent;
        }
        h[i] = entry;
    }
    get size() {
        return this.heap.length;
    }
    /**
     * Drop every entry `isCurrent` rejects and rebuild the heap from the rest. Stale entries pile up
     * (issue 14: ~9,000 on average against a few hundred current ones on bench/solver-bench.ts's heavy
     * graphs, every push and pop paying their depth). `popCurrent` would skip them anyway, and two
     * current entries never tie unless they are the same package scored for the same term (equal
     * content), so what `popCurrent` returns is unchanged.
     */
    compact(isCurrent) {
        const h = this.heap;
        let w = 0;
        for (const e of h) {
            if (isCurrent(e))
                h[w++] = e;
            else
                e.inHeap = false;
        }
        h.length = w;
        // Floyd's bottom-up heap construction.
        for (let i = (w >> 1) - 1; i >= 0; i--)
            this.siftDown(i, h[i]);
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
        top.inHeap = false;
        const last = h.pop();
        if (h.length > 0)
            this.siftDown(0, last);
        return top;
    }
    /** Place `entry` at `start` or below, moving smaller children up (no swap array). */
    siftDown(start, entry) {
        const h = this.heap;
        let i = start;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = -1;
            let best = entry;
            if (l < h.length && before(h[l], best)) {
                m = l;
                best = h[l];
            }
            if (r < h.length && before(h[r], best)) {
                m = r;
                best = h[r];
            }
            if (m < 0)
                break;
            h[i] = best;
            i = m;
        }
        h[i] = entry;
    }
}

;// CONCATENATED MODULE: ./src/resolver/incompat-index.ts
class PackageIncompats {
    /** In the order added; propagation scans newest first. */
    incompats = [];
    /** `terms[k]` is this package's term in `incompats[k]`. */
    terms = [];
    /**
     * Inconclusive-own-term cache: the package's accumulated term for which the scan last found
     * `terms[k]` inconclusive (so skipped `incompats[k]`). Terms are immutable, so while the package's
     * accumulated term is that same object the answer is the same.
     */
    inconclusiveFor = [];
    /**
     * Contradicted-own-term cache, the same for "contradicted": the accumulated term for which the scan
     * last found `terms[k]` contradicted. Unlike the contradiction cache (`level`), it survives
     * backtracking: after a backjump the solver re-decides mostly the same versions, with the very same
     * decision terms (PackageListing.decisionTermAt), so the answer is found again without `relation`.
     */
    contradictedFor = [];
    /** And for "satisfied" (the scan then examines the whole incompatibility). */
    satisfiedFor = [];
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
        this.inconclusiveFor.push(undefined);
        this.contradictedFor.push(undefined);
        this.satisfiedFor.push(undefined);
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
            this.inconclusiveFor[w] = this.inconclusiveFor[k];
            this.contradictedFor[w] = this.contradictedFor[k];
            this.satisfiedFor[w] = this.satisfiedFor[k];
            this.level[w] = this.level[k];
            this.serial[w] = this.serial[k];
            w++;
        }
        this.incompats.length = w;
        this.terms.length = w;
        this.inconclusiveFor.length = w;
        this.contradictedFor.length = w;
        this.satisfiedFor.length = w;
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
    /**
     * Partial-solution cache: the per-package state of the solution that last bound this term (the
     * state names its solution). One field per cache, each object naming its owner, not an owner field
     * beside each: a heavy solve makes ~140,000 terms, and what outlives a scavenge is what garbage
     * collection pays for (issue 14).
     */
    state = undefined;
    /** Solver cache: the decision-queue entry last scored for this term (it names its solver). */
    queueEntry = undefined;
    /** `negate()`'s answer, made once: unit propagation derives the same negations over and over. */
    negation = undefined;
    /**
     * `intersect`'s last answer and its argument. The partial solution accumulates a package's terms
     * with `intersect`, and after a backjump re-derives the same terms (the same objects, see
     * `negate`) onto the same accumulated terms, so the answer is often the one just computed.
     */
    intersectArg = undefined;
    intersectResult = undefined;
    constructor(pkg, range, positive) {
        this.pkg = pkg;
        this.range = range;
        this.positive = positive;
    }
    negate() {
        if (this.negation === undefined) {
            this.negation = new Term(this.pkg, this.range, !this.positive);
            this.negation.negation = this;
        }
        return this.negation;
    }
    /** True for `not pkg ∅`: a term every selection makes true (it carries no information). */
    isAlwaysTrue() {
        return !this.positive && this.range.isEmpty();
    }
    /** Both terms hold (same package). */
    intersect(other) {
        if (this.intersectArg === other)
            return this.intersectResult;
        const result = this.computeIntersect(other);
        this.intersectArg = other;
        this.intersectResult = result;
        return result;
    }
    computeIntersect(other) {
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
        const cause = { kind: 'dependency', depender, dependerRange, dependee, dependeeRange };
        const positive = new Term(depender, dependerRange, true);
        if (depender === dependee)
            return Incompatibility.of([positive, new Term(dependee, dependeeRange, false)], cause);
        // Two packages: already normalized, but for `not dependee ∅` (always true, dropped as `of` does).
        const terms = dependeeRange.isEmpty() ? [positive] : [positive, new Term(dependee, dependeeRange, false)];
        return new Incompatibility(terms, cause);
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
            if (rel === 'satisfied')
                return incompat;
            if (typeof rel === 'object')
                derive(rel.negate(), incompat);
            else if (rel === 'contradicted')
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
    /**
     * By dependee, per sorted index: the widest dependency incompatibility so far. (One array per
     * dependee rather than a map per version: a heavy solve records ~10,000 versions, and a map each
     * was the largest long-lived allocation of bench/solver-bench.ts.)
     */
    depIncompat = new Map();
    /** `span(lo, hi)`'s ranges by `lo * length + hi`: one object per run, however often it is asked. */
    spans = new Map();
    unavailableIncompat;
    decisionTerms = [];
    /** Per sorted index: what `record` returned for the version (the solver's per-version cache). */
    recordedIncompats = [];
    /**
     * Per position in `preferred`: the version's sorted index. Undefined when `preferred` is `sorted`
     * reversed (newest first, as pip orders candidates): see `firstIndexIn`.
     */
    preferredIndex;
    constructor(ranges, pkg, versions) {
        this.ranges = ranges;
        this.pkg = pkg;
        this.preferred = versions;
        this.sorted = [...versions].sort(ranges.compare);
        const newestFirst = versions.every((v, i) => v === this.sorted[versions.length - 1 - i]);
        this.preferredIndex = newestFirst ? undefined : versions.map((v) => this.indexOf(v));
        this.fetched = new Array(versions.length).fill(undefined);
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
    /** The listed version at a sorted index (as `firstIndexIn` returns). */
    versionAt(i) {
        return this.sorted[i];
    }
    /**
     * The term `pkg ==v` that deciding the listed version at sorted index `i` adds, the same object every
     * time: after a backjump the solver re-decides the versions it had chosen, and the partial
     * solution's accumulation (Term.intersect) then finds its answer cached (issue 14: 91 % of the
     * decisions on bench/solver-bench.ts's heavy graphs repeat an earlier one).
     */
    decisionTermAt(i) {
        return (this.decisionTerms[i] ??= new Term(this.pkg, this.ranges.exact(this.sorted[i]), true));
    }
    /** What `record` returned for the version at sorted index `i`, if it was recorded. */
    recordedAt(i) {
        return this.recordedIncompats[i];
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
    /** The sorted index of the most preferred listed version in `range`; -1 when none is. */
    firstIndexIn(range) {
        if (this.preferredIndex === undefined) {
            // Newest first: the most preferred is the newest in range, the last listed version below the
            // end of the range's last interval holding one (two binary searches per interval, not a
            // membership test per version).
            const ivs = range.intervals;
            for (let k = ivs.length - 1; k >= 0; k--) {
                const end = this.searchAbove(ivs[k].upper, false);
                if (end > this.searchAbove(ivs[k].lower, true))
                    return end - 1;
            }
            return -1;
        }
        for (const i of this.preferredIndex)
            if (range.contains(this.sorted[i]))
                return i;
        return -1;
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
        const out = this.incompatsFor(i, version, deps);
        this.recordedIncompats[i] = out;
        return out;
    }
    incompatsFor(i, version, deps) {
        this.fetched[i] = deps;
        if (deps.kind === 'unavailable')
            return [this.recordUnavailable(i, deps.reason)];
        // A package depending on itself: satisfied when the range holds the version, else unusable. Checked
        // before any dependency is recorded: recording one supersedes the neighbours' incompatibilities by a
        // wider one, which would then be dropped with the version, so the solver would lose the neighbours'
        // dependency (and loop forever re-deciding a neighbour whose superseded incompatibility is unit).
        const self = deps.dependencies.get(this.pkg);
        if (self !== undefined && !self.contains(version)) {
            const reason = `depends on itself (${self.toString()})`;
            this.fetched[i] = { kind: 'unavailable', reason };
            return [this.recordUnavailable(i, reason)];
        }
        const out = [];
        for (const [dependee, range] of deps.dependencies) {
            if (dependee !== this.pkg)
                out.push(this.recordDependency(i, dependee, range));
        }
        return out;
    }
    recordDependency(i, dependee, range) {
        let lo = i;
        let hi = i;
        while (lo > 0 && this.sameDependency(lo - 1, dependee, range))
            lo--;
        while (hi < this.sorted.length - 1 && this.sameDependency(hi + 1, dependee, range))
            hi++;
        let byIndex = this.depIncompat.get(dependee);
        if (byIndex === undefined) {
            byIndex = new Array(this.sorted.length).fill(undefined);
            this.depIncompat.set(dependee, byIndex);
        }
        const existing = byIndex[i];
        if (existing !== undefined && existing.cause.kind === 'dependency' && lo === i && hi === i)
            return existing;
        const incompat = Incompatibility.dependency(this.pkg, this.span(lo, hi), dependee, range);
        for (let k = lo; k <= hi; k++) {
            const old = byIndex[k];
            if (old !== undefined)
                old.superseded = true;
            byIndex[k] = incompat;
        }
        return incompat;
    }
    /** The version at sorted index `k` was recorded with the dependency `dependee range`. */
    sameDependency(k, dependee, range) {
        const d = this.fetched[k];
        return d !== undefined && d.kind === 'available' && d.dependencies.get(dependee)?.equals(range) === true;
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
        const key = lo * this.sorted.length + hi;
        let range = this.spans.get(key);
        if (range === undefined) {
            range = this.computeSpan(lo, hi);
            this.spans.set(key, range);
        }
        return range;
    }
    computeSpan(lo, hi) {
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
    /**
     * Assignments undone by backtracking, reused by the next ones: a heavy solve makes ~170,000
     * assignments, most of them re-made after backjumps, and each one lived long enough to be copied
     * by the garbage collector (issue 14's profile). Nothing outside holds an assignment across a
     * backtrack: `findSatisfier`'s answer is used before the solver backtracks.
     */
    spare = [];
    packages = new Map();
    /** How many packages have a positive accumulated term and no decision. */
    undecidedCount = 0;
    /**
     * Packages whose accumulated term changed since the last `takeChanged()`, in the order they first
     * changed: `changed[0..changedCount)`. A flag per package and two arrays used in turn, not sets:
     * issue 14's allocation profile showed the sets' hash tables reallocated on every decision. The
     * arrays are never truncated (`length = 0` drops an array's backing store in V8, so every refill
     * reallocated it): a count says how much of each is in use.
     */
    changed = [];
    changedCount = 0;
    taken = [];
    takenCount = 0;
    /** The states of the packages in `changed` / `taken` (no map lookup to clear flags or read terms). */
    changedStates = [];
    takenStates = [];
    /** decisionSerial[level] identifies the decision that opened `level` (see contradiction cache). */
    decisionSerial = [0];
    /** findSatisfier's per-term earliest satisfiers (scratch, reused by every call). */
    earliestScratch = [];
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
    /** `accumulated(term.pkg)`, through the term's cached package state (no map lookup). */
    accumulatedFor(term) {
        const st = this.stateOf(term);
        return st.current;
    }
    decision(pkg) {
        return this.packages.get(pkg)?.decision;
    }
    /** `pkg` has a positive derivation but no decision yet. */
    isUndecided(pkg) {
        return this.packages.get(pkg)?.undecided === true;
    }
    /**
     * `term` is the accumulated term of its package, and that package is undecided: what the decision
     * queue asks of every entry it pops (through the term's cached package state, no map lookup).
     */
    isUndecidedWith(term) {
        const st = this.stateOf(term);
        return st.undecided && st.current === term;
    }
    /** How many packages have a positive derivation but no decision yet. */
    get undecidedSize() {
        return this.undecidedCount;
    }
    /**
     * Take the packages whose accumulated term changed since the previous call (derivations,
     * backtracks): returns how many there are; `changedAt(0..n)` gives them in the order they first
     * changed, until the next call.
     */
    takeChanged() {
        const n = this.changedCount;
        const states = this.changedStates;
        for (let k = 0; k < n; k++)
            states[k].changed = false;
        const out = this.changed;
        this.changed = this.taken;
        this.taken = out;
        this.changedStates = this.takenStates;
        this.takenStates = states;
        this.changedCount = 0;
        this.takenCount = n;
        return n;
    }
    /** The `k`th package of the last `takeChanged()`. */
    changedAt(k) {
        if (k >= this.takenCount)
            throw new RangeError(`changedAt(${k}): only ${this.takenCount} taken`);
        return this.taken[k];
    }
    /** `changedAt(k)`'s accumulated term when that package is undecided (see `isUndecided`), else undefined. */
    changedUndecidedTerm(k) {
        if (k >= this.takenCount)
            throw new RangeError(`changedAt(${k}): only ${this.takenCount} taken`);
        const st = this.takenStates[k];
        return st.undecided ? st.current : undefined;
    }
    markChanged(st) {
        if (st.changed)
            return;
        st.changed = true;
        const k = this.changedCount++;
        this.changed[k] = st.pkg;
        this.changedStates[k] = st;
    }
    setUndecided(st, undecided) {
        if (st.undecided === undecided)
            return;
        st.undecided = undecided;
        this.undecidedCount += undecided ? 1 : -1;
    }
    decisions() {
        const out = new Map();
        for (const [pkg, st] of this.packages)
            if (st.decision !== undefined)
                out.set(pkg, st.decision);
        return out;
    }
    /** Decide `version` of `pkg`; `term` is `pkg ==version` (PackageListing.decisionTerm). */
    decide(pkg, version, term) {
        this.level++;
        this.serial++;
        this.decisionSerial[this.level] = this.serial;
        const st = this.state(pkg);
        st.decision = version;
        this.push(pkg, st, term, undefined);
        this.setUndecided(st, false);
    }
    /**
     * Add a derivation (a term forced by `cause`). Returns the package's new accumulated term when the
     * package is now undecided (a positive term and no decision; see `isUndecided`), else undefined.
     */
    derive(term, cause) {
        const st = this.stateOf(term);
        const acc = this.push(term.pkg, st, term, cause);
        this.markChanged(st);
        if (acc.positive && st.decision === undefined) {
            this.setUndecided(st, true);
            return acc;
        }
        return undefined;
    }
    /** Remove every assignment above `level`. */
    backtrack(level) {
        while (this.assignments.length > 0) {
            const last = this.assignments[this.assignments.length - 1];
            if (last.level <= level)
                break;
            this.assignments.pop();
            this.spare.push(last);
            const st = last.state;
            st.assignments.pop();
            this.markChanged(st);
            if (last.cause === undefined)
                st.decision = undefined;
            const acc = st.assignments[st.assignments.length - 1]?.accumulated;
            st.current = acc;
            this.setUndecided(st, acc !== undefined && acc.positive && st.decision === undefined);
        }
        this.decisionSerial.length = level + 1;
        this.level = level;
    }
    /**
     * `satisfied`: one of the incompatibility's terms that the caller already found satisfied by the
     * accumulated term of its package as it is now (unit propagation's own term): not asked again.
     */
    relation(incompat, satisfied) {
        let unsatisfied;
        for (const term of incompat.terms) {
            if (term === satisfied)
                continue;
            // Hot path: the term remembers its package's state, saving a map lookup per check.
            const st = this.stateOf(term);
            const acc = st.current;
            const rel = acc === undefined ? absentRelation(term) : acc.relation(term);
            if (rel === 'contradicted')
                return 'contradicted';
            if (rel === 'inconclusive') {
                if (unsatisfied !== undefined)
                    return 'inconclusive';
                unsatisfied = term;
            }
        }
        return unsatisfied ?? 'satisfied';
    }
    /**
     * For an incompatibility the partial solution satisfies, find the satisfier and the previous
     * satisfier's level (solver.md, "Conflict Resolution").
     */
    findSatisfier(incompat) {
        let satisfier;
        let satisfierTerm;
        // The earliest satisfying assignment of each term (an incompatibility's terms name distinct
        // packages), in a scratch array reused by every call rather than a map per call.
        const earliest = this.earliestScratch;
        let n = 0;
        for (const term of incompat.terms) {
            // An always-true term (`not pkg ∅`) is satisfied before any assignment: it has no satisfier.
            if (term.isAlwaysTrue())
                continue;
            const found = this.earliestSatisfying(term);
            if (found === undefined) {
                throw new Error(`internal: ${incompat.toString()} is not satisfied by the partial solution`);
            }
            earliest[n++] = found;
            if (satisfier === undefined || found.index > satisfier.index) {
                satisfier = found;
                satisfierTerm = term;
            }
        }
        if (satisfier === undefined || satisfierTerm === undefined) {
            throw new Error(`internal: no satisfier for ${incompat.toString()}`);
        }
        let previous;
        for (let k = 0; k < n; k++) {
            const a = earliest[k];
            if (a.pkg === satisfier.pkg)
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
    /** The first assignment of `term`'s package after which `term` is satisfied, if any. */
    earliestSatisfying(term) {
        const st = this.packages.get(term.pkg);
        if (st === undefined)
            return undefined;
        for (const a of st.assignments)
            if (a.accumulated.satisfies(term))
                return a;
        return undefined;
    }
    /** The package state a term is bound to in this solution (bound now if it is not yet). */
    stateOf(term) {
        const st = term.state;
        return st !== undefined && st.owner === this ? st : this.bind(term);
    }
    bind(term) {
        const st = this.state(term.pkg);
        term.state = st;
        return st;
    }
    state(pkg) {
        let st = this.packages.get(pkg);
        if (st === undefined) {
            st = {
                owner: this,
                pkg,
                assignments: [],
                decision: undefined,
                current: undefined,
                undecided: false,
                changed: false,
            };
            this.packages.set(pkg, st);
        }
        return st;
    }
    push(pkg, st, term, cause) {
        const prev = st.assignments[st.assignments.length - 1]?.accumulated;
        const accumulated = prev === undefined ? term : prev.intersect(term);
        const index = this.assignments.length;
        const spare = this.spare.pop();
        let a;
        if (spare === undefined) {
            a = { pkg, term, level: this.level, index, cause, accumulated, state: st };
        }
        else {
            a = spare;
            a.pkg = pkg;
            a.term = term;
            a.level = this.level;
            a.index = index;
            a.cause = cause;
            a.accumulated = accumulated;
            a.state = st;
        }
        this.assignments.push(a);
        st.assignments.push(a);
        st.current = accumulated;
        return accumulated;
    }
}
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
    /**
     * The queue is `pending[head..tail)`. Never truncated: `length = 0` drops an array's backing store
     * in V8, so each restart reallocated it while it refilled.
     */
    pending = [];
    head = 0;
    tail = 0;
    /**
     * Whether a package is in `pending[head..]`. A map of flags that only ever grows to the number of
     * packages, not a set emptied by every restart (a fresh hash table each time: issue 14's profile).
     */
    queued = new Map();
    constructor(solution, index, 
    /** Add a derivation to the partial solution (the solver also counts it and hints the provider). */
    derive) {
        this.solution = solution;
        this.index = index;
        this.derive = derive;
    }
    /** Empty the queue (what it held was undone by a backtrack) and start again from `pkg`. */
    restart(pkg) {
        for (let k = this.head; k < this.tail; k++)
            this.queued.set(this.pending[k], false);
        this.head = 0;
        this.tail = 0;
        this.enqueue(pkg);
    }
    enqueue(pkg) {
        if (this.queued.get(pkg) === true)
            return;
        this.pending[this.tail++] = pkg;
        this.queued.set(pkg, true);
    }
    /** The next package to scan, in the order queued; undefined when propagation is done. */
    next() {
        if (this.head === this.tail)
            return undefined;
        const pkg = this.pending[this.head++];
        this.queued.set(pkg, false);
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
        const { incompats, terms, level: levels, serial: serials, inconclusiveFor, contradictedFor, satisfiedFor, } = list;
        let own = solution.accumulated(pkg);
        let conflict;
        let superseded = 0;
        // Newest first: conflict resolution tends to produce the more general ones later.
        for (let k = incompats.length - 1; k >= 0; k--) {
            // Known contradicted at a level still in place: skip without touching the incompatibility.
            const at = levels[k];
            if (at >= 0 && at <= level && solution.serialAt(at) === serials[k])
                continue;
            // Already examined, and its term for `pkg` was inconclusive for this same accumulated term
            // (see below): still inconclusive, skip it too without touching the incompatibility.
            if (own !== undefined && inconclusiveFor[k] === own && !examineAll)
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
            let ownSatisfied;
            if (!incompat.fresh && !examineAll) {
                // Only `pkg` changed, so an incompatibility already examined can only have become unit or
                // satisfied if its term for `pkg` is now satisfied (satisfaction is monotone along the
                // partial solution). Conflicts are still always caught: the last term of an incompatibility
                // to become satisfied is the one whose package is being scanned.
                if (own === undefined)
                    continue; // nothing known about `pkg`: its term is inconclusive
                const ownTerm = terms[k];
                const ownRel = contradictedFor[k] === own
                    ? 'contradicted'
                    : satisfiedFor[k] === own
                        ? 'satisfied'
                        : own.relation(ownTerm);
                if (ownRel === 'inconclusive') {
                    inconclusiveFor[k] = own;
                    continue;
                }
                if (ownRel === 'contradicted') {
                    contradictedFor[k] = own;
                    solution.markContradicted(incompat);
                    levels[k] = level;
                    serials[k] = serial;
                    continue;
                }
                satisfiedFor[k] = own;
                ownSatisfied = ownTerm; // satisfied: the full check below need not ask again
            }
            incompat.fresh = false;
            const rel = solution.relation(incompat, ownSatisfied);
            if (rel === 'satisfied') {
                conflict = incompat;
                break;
            }
            if (typeof rel === 'object') {
                // Almost satisfied: `rel` is the one term left, so its negation must hold.
                this.derive(rel.negate(), incompat);
                if (rel.pkg === pkg)
                    own = solution.accumulated(pkg);
                this.enqueue(rel.pkg);
            }
            else if (rel === 'contradicted') {
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









/** Statistics of a run that made no decision (also what a lock-file input reports: no solver ran). */
function emptySolverStats() {
    return {
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
}
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
    queue = new DecisionQueue();
    lastHint = new Map();
    stats = emptySolverStats();
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
            const decided = this.decide();
            next = typeof decided === 'object' ? await decided : decided;
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
        if (typeof after !== 'object') {
            throw new Error(`internal: learned ${learned.toString()} is ${after} after backjumping`);
        }
        this.derive(after.negate(), learned);
        this.unit.restart(after.pkg);
        return this.lost.reimply(this.solution, (term, cause) => {
            this.derive(term, cause);
            this.unit.enqueue(term.pkg);
        });
    }
    derive(term, cause) {
        const undecided = this.solution.derive(term, cause);
        this.stats.propagations++;
        if (undecided !== undefined)
            this.hint(term.pkg, undecided.range);
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
    /**
     * Make one decision (or learn why none is possible); returns the package to propagate from. Returns
     * a promise only when it must wait for the provider (a version listing or a version's dependencies
     * not known yet): the in-memory steps stay synchronous, without a promise per decision.
     */
    decide() {
        this.chronoPending = false;
        const solution = this.solution;
        if (solution.undecidedSize === 0)
            return undefined;
        // Rescore only the packages whose allowed versions changed since the last decision.
        const changed = solution.takeChanged();
        let missing;
        // Every discovered package's listing was requested at discovery: none can be missing unless some
        // request is still pending.
        if (this.pendingListings.size > 0) {
            for (let k = 0; k < changed; k++) {
                const p = solution.changedAt(k);
                if (solution.isUndecided(p) && !this.listings.has(p))
                    (missing ??= []).push(p);
            }
        }
        if (missing !== undefined) {
            return abortable(this.signal, Promise.all(missing.map((p) => this.listingOf(p)))).then(() => this.decideAfterListings(changed));
        }
        return this.decideAfterListings(changed);
    }
    /** `changed`: how many packages `takeChanged` gave (read with `changedAt`). */
    decideAfterListings(changed) {
        for (let k = 0; k < changed; k++) {
            const term = this.solution.changedUndecidedTerm(k);
            if (term === undefined)
                continue;
            const pkg = term.pkg;
            // A package whose term is one it had before (backjumps restore earlier accumulated terms)
            // reuses that entry: no allocation, and no second copy while the first is still queued. Its
            // candidate count is the listing's count for the same term, so it is not counted again.
            let entry = term.queueEntry;
            if (entry !== undefined && entry.owner !== this)
                entry = undefined;
            const count = entry !== undefined ? entry.count : this.listings.get(pkg).countIn(term.range);
            const priority = this.provider.prioritize?.(pkg, term.range, count) ?? 0;
            if (entry === undefined || entry.priority !== priority) {
                const order = this.discovered.get(pkg) ?? Number.MAX_SAFE_INTEGER;
                entry = { owner: this, pkg, term, priority, count, order, inHeap: false };
                term.queueEntry = entry;
            }
            this.queue.push(entry);
        }
        // Rebuild the heap without stale entries once they far outnumber the undecided packages.
        if (this.queue.size > 4 * this.solution.undecidedSize + 256)
            this.queue.compact(this.isCurrentEntry);
        const best = this.queue.popCurrent(this.isCurrentEntry);
        if (best === undefined)
            throw new Error('internal: undecided packages missing from the decision queue');
        const pkg = best.pkg;
        const range = best.term.range;
        const listing = this.listings.get(pkg);
        const at = listing.firstIndexIn(range);
        if (at < 0) {
            this.addIncompatibility(Incompatibility.noVersions(pkg, range));
            this.queue.push(best); // still undecided: keep it queued until its term changes
            return pkg;
        }
        const known = listing.recordedAt(at);
        if (known !== undefined)
            return this.decideVersion(best, listing, at, known);
        return this.incompatibilitiesOf(listing, at).then((incompats) => this.decideVersion(best, listing, at, incompats));
    }
    /** A queue entry still describes its package: undecided, with the term it was scored for. */
    isCurrentEntry = (e) => this.solution.isUndecidedWith(e.term);
    decideVersion(best, listing, at, incompats) {
        const pkg = best.pkg;
        const version = listing.versionAt(at);
        // solver.md: add the version as a decision unless one of its incompatibilities would be satisfied.
        for (const incompat of incompats) {
            if (this.wouldBeSatisfied(incompat, pkg, version)) {
                // Unit now (it, or the wider incompatibility that superseded it): examine all of `pkg`'s.
                this.examineAll = pkg;
                this.queue.push(best);
                return pkg;
            }
        }
        this.solution.decide(pkg, version, listing.decisionTermAt(at));
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
            const acc = this.solution.accumulatedFor(term);
            if (acc === undefined || !acc.satisfies(term))
                return false;
        }
        return true;
    }
    /** The incompatibilities for a version's dependencies (sorted index `at`), asking the provider. */
    async incompatibilitiesOf(listing, at) {
        const version = listing.versionAt(at);
        this.stats.getDependenciesCalls++;
        const deps = await abortable(this.signal, this.provider.getDependencies(listing.pkg, version));
        const incompats = listing.record(version, deps);
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

// EXTERNAL MODULE: ./src/standards/requirements-file-binary.ts
var requirements_file_binary = __webpack_require__(3437);
// EXTERNAL MODULE: ./src/standards/version.ts
var version = __webpack_require__(7174);
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

// EXTERNAL MODULE: ./src/standards/markers.ts + 1 modules
var markers = __webpack_require__(597);
// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/requirement.ts
var requirement = __webpack_require__(4369);
// EXTERNAL MODULE: ./src/standards/specifier.ts
var specifier = __webpack_require__(9350);
// EXTERNAL MODULE: ./src/provider/candidate-policy.ts
var candidate_policy = __webpack_require__(3619);
// EXTERNAL MODULE: ./src/provider/candidates.ts
var candidates = __webpack_require__(6547);
;// CONCATENATED MODULE: ./src/provider/package-id.ts

const ROOT_ID = '<root>';
function packageId(name, extra) {
    return extra === undefined ? name : `${name}[${extra}]`;
}
/** The key recorded edges are filed under: `id@version` (versionKey), or the root id. */
function dependerKey(id, version) {
    return id === ROOT_ID ? ROOT_ID : `${id}@${(0,candidates/* versionKey */._5)(version)}`;
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
        const allowed = (0,candidate_policy/* admittedCandidates */.X1)(project, spec, this.pre, this.flagsOf(project));
        let list = this.recorded.get(from);
        if (list === undefined) {
            list = [];
            this.recorded.set(from, list);
        }
        list.push({ project, spec, admitted: new Set(allowed.map((c) => (0,candidates/* versionKey */._5)(c.version))) });
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
                const flags = (0,candidate_policy/* policyTriggers */.Mc)(e.project, e.spec, this.pre);
                if (flags.prereleases || flags.yanked)
                    out.set(e.project.name, (0,candidate_policy/* orFlags */.pr)(out.get(e.project.name), flags));
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
            const admitted = (0,candidate_policy/* admittedCandidates */.X1)(project, spec, this.pre);
            if (!admitted.some((c) => c.version.compare(chosen) === 0))
                offenders.push(name);
            const triggers = (0,candidate_policy/* policyTriggers */.Mc)(project, spec, this.pre);
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
                const now = (0,candidate_policy/* admittedCandidates */.X1)(e.project, e.spec, this.pre, this.flagsOf(e.project, flags));
                if (now.length !== e.admitted.size || now.some((c) => !e.admitted.has((0,candidates/* versionKey */._5)(c.version))))
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
    constraints;
    /** Where each project's constraints were written (`constraints.txt:2`), for explanations. */
    constraintOrigins = new Map();
    /** Root requirements (markers true) merged per project, extras included. */
    rootSpecs;
    rootFlagCache = new Map();
    /** Every requirement edge this round handed out, for resolve-rounds.ts. */
    ledger;
    warnedExtras;
    /** What a chosen version's dependencies came from, for the resolution and reports. */
    chosenMetadata = new Map();
    requestedExtras = new Map();
    /** Per project: the lowest version the solver asked dependencies of, and how many steps down it went. */
    walks = new Map();
    constructor(options) {
        this.options = options;
        this.warnedExtras = options.warnedExtras ?? new Set();
        this.ledger = new PolicyLedger(options.pre, (project, extra) => this.flagsFor(project, extra));
        const applies = (r) => r.requirement.marker === undefined || (0,markers/* evaluateMarker */.UZ)(r.requirement.marker, options.markers);
        const constraints = options.constraints.filter(applies);
        this.constraints = (0,requirement/* specifiersByName */.SF)(constraints.map((r) => r.requirement));
        for (const r of constraints) {
            let origins = this.constraintOrigins.get(r.requirement.name);
            if (origins === undefined)
                this.constraintOrigins.set(r.requirement.name, (origins = []));
            origins.push(r.origin);
        }
        this.rootSpecs = (0,requirement/* specifiersByName */.SF)(options.requirements.filter(applies).map((r) => r.requirement));
    }
    /** The flags of the root requirements (always active) on a project, with its constraints. */
    rootFlags(project) {
        let flags = this.rootFlagCache.get(project.name);
        if (flags === undefined) {
            const root = this.rootSpecs.get(project.name);
            flags =
                root === undefined
                    ? candidate_policy/* NO_FLAGS */.KL
                    : (0,candidate_policy/* policyTriggers */.Mc)(project, this.withConstraints(project.name, root), this.options.pre);
            this.rootFlagCache.set(project.name, flags);
        }
        return flags;
    }
    withConstraints(name, spec) {
        const constraint = this.constraints.get(name);
        return constraint === undefined ? spec : spec.and(constraint);
    }
    /**
     * An edge's specifier as explanations show it: with the project's constraints folded in and the
     * constraint lines named (`<2 (constraint at constraints.txt:2)`), so a conflict a constraint
     * causes points at that file and line.
     */
    describeSpecifier(name, spec) {
        const origins = this.constraintOrigins.get(name);
        if (origins === undefined)
            return firstFew(spec.specifiers, ',');
        const combined = firstFew(this.withConstraints(name, spec).specifiers, ',');
        return `${combined === '' ? '(any)' : combined} (constraint at ${firstFew(origins)})`;
    }
    flagsFor(project, extra) {
        return (0,candidate_policy/* orFlags */.pr)((0,candidate_policy/* orFlags */.pr)(this.rootFlags(project), this.options.flags?.get(project.name)), extra?.get(project.name));
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
        // Sets and one SpecifierSet per id at the end: linear in the requirements (a 100,000-line
        // requirements file naming one project must not cost 100,000² comparisons).
        const byId = new Map();
        for (const { req, text, origin } of requirements) {
            for (const id of [packageId(req.name), ...req.extras.map((e) => packageId(req.name, e))]) {
                const prev = byId.get(id);
                if (prev === undefined) {
                    // Once per project, not per line: each call on an already-started page adds a
                    // `.catch` reaction (a promise and a closure) that lives until the page arrives.
                    if (id === packageId(req.name))
                        this.universe.prefetchPage(req.name);
                    byId.set(id, {
                        name: req.name,
                        specs: [req.specifier],
                        texts: new Set([text]),
                        origins: new Set([origin]),
                    });
                }
                else {
                    prev.specs.push(req.specifier);
                    prev.texts.add(text);
                    prev.origins.add(origin);
                }
            }
        }
        const entries = [...byId.entries()];
        const projects = await Promise.all(entries.map(([, e]) => this.universe.project(e.name)));
        return entries.map(([id, e], i) => {
            const spec = e.specs.length === 1 ? e.specs[0] : new specifier/* SpecifierSet */.dw(e.specs.flatMap((x) => x.specifiers));
            return {
                id,
                name: e.name,
                allowed: this.allowedVersions(projects[i], spec, from),
                text: firstFew(e.texts),
                specifier: this.describeSpecifier(e.name, spec),
                origin: firstFew(e.origins),
            };
        });
    }
    async rootDependencies() {
        const reqs = [];
        for (const r of this.options.requirements) {
            const req = r.requirement;
            if (req.marker !== undefined && !(0,markers/* evaluateMarker */.UZ)(req.marker, this.options.markers)) {
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
        if (!(0,candidates/* requiresPythonAllows */.l4)(meta.requiresPython, this.options.pythonVersion)) {
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
            if (this.options.noDeps === true)
                return { kind: 'ok', edges: [] };
            for (const dep of meta.requiresDist) {
                const m = dep.requirement.marker;
                if (m !== undefined && !(0,markers/* evaluateMarker */.UZ)(m, env))
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
        if (!provided.has((0,names/* normalizeName */.Pc)(extra))) {
            const key = packageId(name, (0,names/* normalizeName */.Pc)(extra));
            if (!this.warnedExtras.has(key)) {
                this.warnedExtras.add(key);
                this.options.logger.warn(`${name} ${version.toString()} does not provide the extra '${extra}'`);
            }
        }
        else if (this.options.noDeps !== true) {
            for (const dep of meta.requiresDist) {
                const m = dep.requirement.marker;
                if (m === undefined || !(0,markers/* evaluateMarker */.UZ)(m, env, [extra]) || (0,markers/* evaluateMarker */.UZ)(m, env))
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
    /**
     * Backtracking read-ahead. When the solver asks for a version below one of the same project it
     * already asked for, it is walking the project down; from the second step down, the METADATA of
     * the next older usable versions is fetched ahead, 2, then 4, … up to `backtrackBatch` at a time.
     * A first version below the newest (a newer one was a pre-release, yanked, for another Python,
     * excluded by a bound, or failed once on its own dependencies) is the common case and fetches
     * nothing ahead: those older versions are ones the solver will most likely never look at.
     */
    prefetchOlder(name, version) {
        const walk = this.walks.get(name);
        if (walk === undefined || version.compare(walk.lowest) > 0) {
            if (walk === undefined)
                this.walks.set(name, { lowest: version, steps: 0 });
            return;
        }
        if (version.compare(walk.lowest) === 0)
            return;
        walk.lowest = version;
        walk.steps += 1;
        if (walk.steps < 2)
            return;
        const batch = Math.min(this.options.backtrackBatch ?? 4, 2 ** (walk.steps - 1));
        void this.universe.project(name).then((project) => {
            const pre = this.options.pre || version.isPrerelease;
            const usable = project.preferred.filter((c) => c.best !== undefined && c.yanked === false && (pre || !c.version.isPrerelease));
            const at = usable.findIndex((c) => c.version.compare(version) === 0);
            if (at < 0)
                return;
            for (const c of usable.slice(at + 1, at + 1 + batch))
                this.universe.prefetchMetadata(name, c.version);
        }, () => { });
    }
}
/** Items shown in an explanation: all of a few, else the first ones and how many there are in all. */
const SHOWN_ITEMS = 10;
/**
 * `items` joined for an explanation, at most SHOWN_ITEMS of them: a requirements file naming one
 * project on 100,000 lines must not make a 4 MB error message. Only the items shown are turned
 * into text.
 */
function firstFew(items, separator = ', ') {
    const shown = [];
    for (const item of items) {
        if (shown.length === SHOWN_ITEMS)
            break;
        shown.push(String(item));
    }
    const count = Array.isArray(items) ? items.length : items.size;
    if (count <= SHOWN_ITEMS)
        return shown.join(separator);
    return `${shown.join(separator)}${separator} … (${count} in all)`;
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

// EXTERNAL MODULE: ./src/provider/file-hashes.ts
var file_hashes = __webpack_require__(104);
// EXTERNAL MODULE: ./src/provider/hash-pins.ts
var hash_pins = __webpack_require__(4574);
// EXTERNAL MODULE: ./src/index/distribution-problem.ts
var distribution_problem = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/provider/dist-metadata.ts
var dist_metadata = __webpack_require__(6979);
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
        const preferred = this.options.candidatesOf?.(page) ??
            (0,candidates/* versionCandidates */.PF)(page, this.options.rules, {
                ...(hashes !== undefined ? { hashes } : {}),
                logger: this.options.logger,
            });
        const byKey = new Map(preferred.map((c) => [(0,candidates/* versionKey */._5)(c.version), c]));
        const ascending = preferred.map((c) => c.version).sort((a, b) => a.compare(b));
        const project = {
            name,
            exists: true,
            source: page.source,
            preferred,
            ascending,
            byKey,
        };
        return project;
    }
    prefetchMetadata(name, version) {
        this.metadata(name, version).catch(() => { });
    }
    /** Whether METADATA of this version was already requested. */
    hasMetadata(name, version) {
        return this.metadataCache.has(`${name}==${(0,candidates/* versionKey */._5)(version)}`);
    }
    metadata(name, version) {
        const key = `${name}==${(0,candidates/* versionKey */._5)(version)}`;
        let p = this.metadataCache.get(key);
        if (p === undefined) {
            p = this.loadMetadata(name, version);
            this.metadataCache.set(key, p);
        }
        return p;
    }
    async loadMetadata(name, version) {
        const project = await this.project(name);
        const candidate = project.byKey.get((0,candidates/* versionKey */._5)(version));
        if (candidate === undefined)
            return { kind: 'unavailable', reason: `${name} ${version.toString()} is not on the index` };
        if (candidate.best === undefined)
            return { kind: 'unavailable', reason: candidate.unusable ?? 'no usable file' };
        const wheelReasons = candidate.usable.some((f) => f.kind === 'wheel') ? [] : candidate.wheelProblems;
        const broken = [];
        for (const file of candidate.usable) {
            let outcome;
            try {
                outcome = await this.options.metadata.fetchMetadata(file.file);
            }
            catch (error) {
                if (!(0,distribution_problem/* isDistributionProblem */.u)(error))
                    throw error;
                // A broken file on the index is that file's problem: skip it as pip skips a bad link.
                this.options.logger.warn(`skipping ${file.file.filename}, it is unusable: ${error.message}`);
                broken.push(`${file.file.filename} is broken`);
                continue;
            }
            if (outcome.kind === 'needs-build') {
                this.options.logger.debug(`${file.file.filename}: ${outcome.reason}`);
                continue;
            }
            this.stats.metadata++;
            this.stats.metadataByPath[outcome.path] = (this.stats.metadataByPath[outcome.path] ?? 0) + 1;
            const metadata = (0,dist_metadata/* parseDistMetadata */.b)(outcome.parsed ?? outcome.metadata, file.file.filename, this.options.logger);
            return { kind: 'ok', metadata, file, path: outcome.path };
        }
        const sdist = broken.length === 0 || candidate.usable.some((f) => f.kind === 'sdist');
        return {
            kind: 'unavailable',
            reason: (0,candidates/* summarize */.eh)([...wheelReasons, ...broken, ...(sdist ? ['sdist needs a build'] : [])]),
        };
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
 *   requirements set are learned, and so are the pre-releases any requirement seen in the round
 *   allows on its own (a newer version outside the solution whose requirement matches only
 *   pre-releases: pip merges it when it pins that version and its filter falls back — pip 26); if
 *   they change any edge, the next round looks for the solution pip prefers under them (e.g. a newer
 *   pre-release one requirement allows for the whole project);
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
            // Also the pre-releases any edge seen in the round allows on its own: pip merges a newer
            // version's requirement into the project's specifier when it pins that version, so a solution
            // through it may be pip's (an offender check drops the flag again if not).
            learned = new Map(active.flags);
            for (const [name, f] of round.provider.ledger.seenFlags())
                if (f.prereleases)
                    learned.set(name, (0,candidate_policy/* orFlags */.pr)(learned.get(name), { prereleases: true, yanked: false }));
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
            const next = (0,candidate_policy/* orFlags */.pr)(prev, f);
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
    /**
     * A package no listed version can satisfy any more is taken first: deciding it is learning at once
     * why the decision that required it fails (pip's resolver finds the same the moment it merges the
     * requirement: no candidates, RequirementsConflicted). Left for later, every version of a project
     * decided in between whose dependency on it differs (older releases' looser bounds) was tried and
     * rejected one by one, each with its METADATA fetched. Then the packages named by the requirement
     * files (pip and uv both favour them).
     */
    prioritize(pkg, _range, candidates) {
        if (candidates === 0)
            return -1;
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
    const admitted = new Set(allowed.map(candidates/* versionKey */._5));
    const parts = [];
    let i = 0;
    while (i < listed.length) {
        if (!admitted.has((0,candidates/* versionKey */._5)(listed[i]))) {
            i++;
            continue;
        }
        let j = i;
        while (j + 1 < listed.length && admitted.has((0,candidates/* versionKey */._5)(listed[j + 1])))
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
const ROOT_VERSION = version/* Version */.Rx.parse('0');
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
        mayUseWheel: (name) => (0,requirements_file_binary/* mayUseWheel */.sf)(binaryRules, name),
        mayUseSdist: (name) => (0,requirements_file_binary/* mayUseSdist */.Or)(binaryRules, name),
        preferBinary: input.options.preferBinary === true,
    };
    const universe = new ProjectUniverse({
        pages: input.index,
        metadata: input.fetcher,
        rules,
        logger: input.logger,
        hashesFor: (name) => input.hashes?.get(name),
        ...(input.directFiles !== undefined ? { directFiles: input.directFiles } : {}),
        ...(input.candidatesOf !== undefined ? { candidatesOf: input.candidatesOf } : {}),
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
                noDeps: input.options.noDeps === true,
                logger: input.logger,
                flags,
                warnedExtras,
            });
            return { provider, adapter: new SolverAdapter(provider, new Ranges(version/* compareVersions */.Zy)) };
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
    const digests = await (0,file_hashes/* hashUnhashedFiles */.qX)(chosen.map((c) => c.meta.file.file).filter((f) => f.hashes.sha256 === undefined), input.hasher);
    // pip's hash-checking mode: a --hash-pinned file whose source gave no hash was a candidate only
    // on condition that the bytes downloaded match a pin.
    (0,hash_pins/* verifyComputedHashes */.HO)(chosen.flatMap(({ name, meta }) => {
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


/***/ })

};
