export const id = 941;
export const ids = [941];
export const modules = {

/***/ 7941:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readLockInput: () => (/* binding */ readLockInput)
});

// UNUSED EXPORTS: lockKindOf

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/standards/lock-files.ts
var lock_files = __webpack_require__(6241);
// EXTERNAL MODULE: ./src/standards/markers.ts + 1 modules
var markers = __webpack_require__(597);
// EXTERNAL MODULE: ./src/standards/names.ts
var names = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/standards/pyproject.ts
var pyproject = __webpack_require__(7826);
;// CONCATENATED MODULE: ./src/standards/pylock.ts
/**
 * `pylock.toml` — PEP 751 (the PyPA "pylock.toml Specification"), lock-version 1.x: top-level
 * `lock-version`, `environments`, `requires-python`, `extras`, `dependency-groups`,
 * `default-groups`, and `[[packages]]` with `name`, `version`, `marker`, `requires-python` and one
 * source: `vcs`, `directory`, `archive`, or `sdist` and/or `wheels` (each file: `name`, `url` or
 * `path`, `size`, `hashes`).
 *
 * Selection follows the specification's installer steps: refuse an unsupported major lock-version;
 * check `requires-python` and, when given, that one of `environments` holds for the target; the
 * extras asked for must be listed in `extras`, the groups in `dependency-groups` (none asked: the
 * `default-groups`); a package applies when its `marker` holds with the `extras` and
 * `dependency_groups` marker sets (markers.ts) and its `requires-python` admits the target; two
 * applying packages of one name are an error. Packages are not walked through `dependencies` (the
 * specification makes the marker decisive).
 * Not supported: `vcs` packages and files given only by a local `path` (errors naming the package).
 */




const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
function evaluate(file, where, text, o, sets) {
    try {
        return (0,markers/* evaluateMarker */.UZ)((0,markers/* parseMarker */.gY)(text, { lockMarkers: true }), o.markers, undefined, sets);
    }
    catch (error) {
        if (error instanceof markers/* InvalidMarkerError */.w9)
            throw new lock_files/* LockFileError */.U0(file, `${where}: ${error.message}`);
        throw error;
    }
}
function readFile(file, where, v, kind) {
    if (!(0,pyproject/* isTable */.bI)(v))
        throw new lock_files/* LockFileError */.U0(file, `${where}: must be a table`);
    const url = typeof v['url'] === 'string' ? v['url'] : undefined;
    if (url === undefined)
        return `${where} has no url (local file paths are not supported)`;
    let filename;
    try {
        filename = typeof v['name'] === 'string' ? v['name'] : (0,lock_files/* filenameOfUrl */.M8)(url);
    }
    catch {
        throw new lock_files/* LockFileError */.U0(file, `${where}: url ${JSON.stringify(url)} is not a URL`);
    }
    const hashes = {};
    if ((0,pyproject/* isTable */.bI)(v['hashes'])) {
        for (const [algo, hex] of Object.entries(v['hashes']))
            if (typeof hex === 'string')
                hashes[algo.toLowerCase()] = hex.toLowerCase();
    }
    if (hashes['sha256'] === undefined || !/^[0-9a-f]{64}$/.test(hashes['sha256'])) {
        throw new lock_files/* LockFileError */.U0(file, `${where}: has no sha256 in hashes (wheelhouse checks every file by sha256)`);
    }
    const size = v['size'];
    return {
        filename,
        url,
        hashes,
        ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
        kind: kind === 'archive' ? (filename.toLowerCase().endsWith('.whl') ? 'wheel' : 'sdist') : kind,
    };
}
function readPackage(file, p, i) {
    if (!(0,pyproject/* isTable */.bI)(p) || typeof p['name'] !== 'string')
        throw new lock_files/* LockFileError */.U0(file, `packages[${i}]: must be a table with a name`);
    const name = (0,names/* normalizeName */.Pc)(p['name']);
    const where = `package ${name}`;
    const base = {
        name,
        ...(typeof p['version'] === 'string' ? { version: p['version'] } : {}),
        ...(typeof p['requires-python'] === 'string' ? { requiresPython: p['requires-python'] } : {}),
        ...(typeof p['marker'] === 'string' ? { marker: p['marker'] } : {}),
    };
    if (p['vcs'] !== undefined)
        return { ...base, source: { kind: 'unsupported', reason: 'is a vcs package' } };
    if (p['directory'] !== undefined) {
        const d = p['directory'];
        if (!(0,pyproject/* isTable */.bI)(d) || typeof d['path'] !== 'string')
            throw new lock_files/* LockFileError */.U0(file, `${where}: directory: needs a path`);
        return { ...base, source: { kind: 'directory', path: d['path'], editable: d['editable'] === true } };
    }
    const problems = [];
    const take = (v, at, kind) => {
        const f = readFile(file, `${where}: ${at}`, v, kind);
        if (typeof f === 'string') {
            problems.push(f);
            return undefined;
        }
        return f;
    };
    if (p['archive'] !== undefined) {
        const a = take(p['archive'], 'archive', 'archive');
        if (a === undefined)
            return { ...base, source: { kind: 'unsupported', reason: problems.join('; ') } };
        return {
            ...base,
            source: {
                kind: 'files',
                wheels: a.kind === 'wheel' ? [a] : [],
                ...(a.kind === 'sdist' ? { sdist: a } : {}),
            },
        };
    }
    const wheelsValue = p['wheels'] ?? [];
    if (!Array.isArray(wheelsValue))
        throw new lock_files/* LockFileError */.U0(file, `${where}: wheels: must be an array`);
    const wheels = wheelsValue
        .map((w, k) => take(w, `wheels[${k}]`, 'wheel'))
        .filter((w) => w !== undefined);
    const sdist = p['sdist'] === undefined ? undefined : take(p['sdist'], 'sdist', 'sdist');
    if (wheels.length === 0 && sdist === undefined) {
        return {
            ...base,
            source: {
                kind: 'unsupported',
                reason: problems.length > 0
                    ? problems.join('; ')
                    : 'has no source (no wheels, sdist, archive or directory)',
            },
        };
    }
    return { ...base, source: { kind: 'files', wheels, ...(sdist !== undefined ? { sdist } : {}) } };
}
/** Reads and selects in one step: the packages of `doc` that apply to the target. */
function selectPylock(doc, file, o) {
    const version = doc['lock-version'];
    if (typeof version !== 'string' || !/^\d+(\.\d+)*$/.test(version)) {
        throw new lock_files/* LockFileError */.U0(file, `lock-version ${JSON.stringify(version ?? null)} is missing or not a version`);
    }
    if (version.split('.')[0] !== '1') {
        throw new lock_files/* LockFileError */.U0(file, `unsupported lock-version ${JSON.stringify(version)} (wheelhouse reads 1.x)`);
    }
    const rp = doc['requires-python'];
    if (typeof rp === 'string' && !o.pythonAllows(rp)) {
        throw new lock_files/* LockFileError */.U0(file, `requires-python ${JSON.stringify(rp)} excludes the target's Python`);
    }
    const environments = strings(doc['environments']);
    if (environments.length > 0 && !environments.some((e, i) => evaluate(file, `environments[${i}]`, e, o))) {
        throw new lock_files/* LockFileError */.U0(file, `none of its environments (${environments.join(' | ')}) is the target`);
    }
    const declaredExtras = strings(doc['extras']).map(names/* normalizeName */.Pc);
    const declaredGroups = strings(doc['dependency-groups']).map(names/* normalizeName */.Pc);
    const extras = o.allExtras ? declaredExtras : o.extras.map(names/* normalizeName */.Pc);
    for (const e of extras) {
        if (!declaredExtras.includes(e)) {
            throw new lock_files/* LockFileError */.U0(file, `--extra ${e}: not in the lock's extras (${declaredExtras.join(', ') || 'none'})`);
        }
    }
    const groups = o.groups.length > 0 ? o.groups.map(names/* normalizeName */.Pc) : strings(doc['default-groups']).map(names/* normalizeName */.Pc);
    for (const g of o.groups.map(names/* normalizeName */.Pc)) {
        if (!declaredGroups.includes(g)) {
            throw new lock_files/* LockFileError */.U0(file, `--group ${g}: not in the lock's dependency-groups (${declaredGroups.join(', ') || 'none'})`);
        }
    }
    const sets = { extras: new Set(extras), dependency_groups: new Set(groups) };
    const list = doc['packages'] ?? [];
    if (!Array.isArray(list))
        throw new lock_files/* LockFileError */.U0(file, 'packages: must be an array of tables');
    const chosen = new Map();
    list.forEach((raw, i) => {
        const { marker, ...pkg } = readPackage(file, raw, i);
        if (marker !== undefined && !evaluate(file, `package ${pkg.name}: marker`, marker, o, sets))
            return;
        if (pkg.requiresPython !== undefined && !o.pythonAllows(pkg.requiresPython))
            return;
        if (chosen.has(pkg.name)) {
            throw new lock_files/* LockFileError */.U0(file, `package ${pkg.name}: two entries apply to the target (their markers overlap)`);
        }
        chosen.set(pkg.name, pkg);
    });
    return [...chosen.values()];
}

;// CONCATENATED MODULE: ./src/standards/uv-lock.ts
/**
 * uv's lock file, `uv.lock`, format version 1 (uv's "Lockfile" documentation and the file layout uv
 * 0.5–0.9 writes, revisions 1–3): top-level `version`, `requires-python`, `[manifest] members`, and
 * `[[package]]` tables with `name`, `version`, `source` (`registry`, `url`, `path`, `directory`,
 * `editable`, `virtual` or `git`), `dependencies` (`{name, version?, source?, marker?, extra?}`),
 * `[package.optional-dependencies]` (extra → dependencies), `[package.dev-dependencies]` (group →
 * dependencies, PEP 735 groups), `sdist` and `wheels` (`url`, `hash = "sha256:…"`, `size`).
 *
 * Selection for one target, the way `uv sync --locked` installs: start at the workspace root
 * (the package whose source is the lock's own directory, `editable`/`virtual`/`directory` = "."), or
 * at every `[manifest] members` package when the root is not a project; add the root's extras and
 * groups asked for; follow dependencies whose marker holds for the target (uv's conflict markers,
 * `extra == 'extra-N-<package>-<extra>'` / `group-N-…`, hold for the extras and groups selected);
 * a dependency naming a version/source picks that entry among same-named ones. Groups are only
 * those asked for (`uv sync` adds `dev` by default; here it must be asked, like `uv export
 * --no-default-groups`).
 * Not supported: `git` and `path` sources and files given only by a local `path` (errors naming
 * the package); lock versions other than 1 (an error).
 */




const SOURCE_KINDS = [
    'registry',
    'url',
    'path',
    'directory',
    'editable',
    'virtual',
    'git',
];
function str(v) {
    return typeof v === 'string' ? v : undefined;
}
function readUvLock(doc, file) {
    const version = doc['version'];
    if (version !== 1) {
        throw new lock_files/* LockFileError */.U0(file, `unsupported uv.lock version ${JSON.stringify(version ?? null)} (wheelhouse reads version 1)`);
    }
    const manifest = (0,pyproject/* isTable */.bI)(doc['manifest']) ? doc['manifest'] : {};
    const members = Array.isArray(manifest['members'])
        ? manifest['members'].filter((m) => typeof m === 'string').map(names/* normalizeName */.Pc)
        : [];
    const list = doc['package'] ?? [];
    if (!Array.isArray(list))
        throw new lock_files/* LockFileError */.U0(file, 'package: must be an array of tables');
    const packages = list.map((p, i) => uv_lock_readPackage(file, p, i));
    const requiresPython = str(doc['requires-python']);
    return { file, version, ...(requiresPython !== undefined ? { requiresPython } : {}), members, packages };
}
function uv_lock_readPackage(file, p, i) {
    if (!(0,pyproject/* isTable */.bI)(p))
        throw new lock_files/* LockFileError */.U0(file, `package[${i}]: must be a table`);
    const rawName = str(p['name']);
    if (rawName === undefined)
        throw new lock_files/* LockFileError */.U0(file, `package[${i}]: has no name`);
    const name = (0,names/* normalizeName */.Pc)(rawName);
    const where = `package ${name}`;
    const sourceTable = (0,pyproject/* isTable */.bI)(p['source']) ? p['source'] : undefined;
    const kind = SOURCE_KINDS.find((k) => sourceTable !== undefined && typeof sourceTable[k] === 'string');
    if (sourceTable === undefined || kind === undefined)
        throw new lock_files/* LockFileError */.U0(file, `${where}: has no known source`);
    const deps = (v, key) => readDependencies(file, `${where}: ${key}`, v);
    const tableOfDeps = (v, key) => {
        const out = new Map();
        if (v === undefined)
            return out;
        if (!(0,pyproject/* isTable */.bI)(v))
            throw new lock_files/* LockFileError */.U0(file, `${where}: ${key}: must be a table`);
        for (const [k, list] of Object.entries(v))
            out.set((0,names/* normalizeName */.Pc)(k), deps(list, `${key}.${k}`));
        return out;
    };
    const version = str(p['version']);
    const out = {
        name,
        ...(version !== undefined ? { version } : {}),
        source: { kind, value: sourceTable[kind] },
        dependencies: deps(p['dependencies'], 'dependencies'),
        optional: tableOfDeps(p['optional-dependencies'], 'optional-dependencies'),
        groups: tableOfDeps(p['dev-dependencies'], 'dev-dependencies'),
        wheels: [],
    };
    const fileOf = (v, kindOf, key) => {
        if (!(0,pyproject/* isTable */.bI)(v))
            throw new lock_files/* LockFileError */.U0(file, `${where}: ${key}: must be a table`);
        const url = str(v['url']);
        if (url === undefined) {
            out.fileProblem ??= `${key} has no url (local file paths are not supported)`;
            return undefined;
        }
        const hash = str(v['hash']);
        const m = hash === undefined ? null : /^(sha256|sha384|sha512):([0-9a-fA-F]+)$/.exec(hash);
        if (m === null)
            throw new lock_files/* LockFileError */.U0(file, `${where}: ${key}: hash ${JSON.stringify(hash ?? null)} is not ALGO:HEX`);
        let filename;
        try {
            filename = str(v['filename']) ?? (0,lock_files/* filenameOfUrl */.M8)(url);
        }
        catch {
            throw new lock_files/* LockFileError */.U0(file, `${where}: ${key}: url ${JSON.stringify(url)} is not a URL`);
        }
        const size = v['size'];
        return {
            filename,
            url,
            hashes: { [m[1]]: m[2].toLowerCase() },
            ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
            kind: kindOf,
        };
    };
    if (p['sdist'] !== undefined) {
        const sdist = fileOf(p['sdist'], 'sdist', 'sdist');
        if (sdist !== undefined)
            out.sdist = sdist;
    }
    const wheels = p['wheels'] ?? [];
    if (!Array.isArray(wheels))
        throw new lock_files/* LockFileError */.U0(file, `${where}: wheels: must be an array`);
    wheels.forEach((w, k) => {
        const f = fileOf(w, 'wheel', `wheels[${k}]`);
        if (f !== undefined)
            out.wheels.push(f);
    });
    return out;
}
function readDependencies(file, where, v) {
    if (v === undefined)
        return [];
    if (!Array.isArray(v))
        throw new lock_files/* LockFileError */.U0(file, `${where}: must be an array`);
    return v.map((d, i) => {
        if (!(0,pyproject/* isTable */.bI)(d) || typeof d['name'] !== 'string') {
            throw new lock_files/* LockFileError */.U0(file, `${where}[${i}]: must be a table with a name`);
        }
        const out = { name: (0,names/* normalizeName */.Pc)(d['name']), extras: [] };
        const version = str(d['version']);
        if (version !== undefined)
            out.version = version;
        if ((0,pyproject/* isTable */.bI)(d['source']))
            out.source = sourceKey(d['source']);
        const marker = str(d['marker']);
        if (marker !== undefined) {
            try {
                out.marker = (0,markers/* parseMarker */.gY)(marker);
            }
            catch (error) {
                if (error instanceof markers/* InvalidMarkerError */.w9) {
                    throw new lock_files/* LockFileError */.U0(file, `${where}[${i}]: ${error.message}`);
                }
                throw error;
            }
        }
        const extra = d['extra'];
        if (Array.isArray(extra))
            out.extras = extra.filter((e) => typeof e === 'string').map(names/* normalizeName */.Pc);
        return out;
    });
}
function sourceKey(t) {
    const kind = SOURCE_KINDS.find((k) => typeof t[k] === 'string');
    return kind === undefined ? '' : `${kind}=${t[kind]}`;
}
const keyOf = (p) => `${p.name} ${p.version ?? ''} ${p.source.kind}=${p.source.value}`;
/** The packages of `lock` a target installs (roots included; files are chosen by the caller). */
function selectUvLock(lock, o) {
    const byName = new Map();
    for (const p of lock.packages)
        byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const isLocal = (p) => p.source.kind === 'editable' || p.source.kind === 'virtual' || p.source.kind === 'directory';
    let roots = lock.packages.filter((p) => isLocal(p) && p.source.value === '.');
    if (roots.length === 0)
        roots = lock.packages.filter((p) => lock.members.includes(p.name) && isLocal(p));
    if (roots.length === 0) {
        throw new lock_files/* LockFileError */.U0(lock.file, 'has no project at "." and no workspace members: nothing to select from');
    }
    const rootExtras = new Map();
    const conflictItems = [];
    for (const extra of o.extras.map(names/* normalizeName */.Pc)) {
        const having = roots.filter((r) => r.optional.has(extra));
        if (having.length === 0) {
            const known = [...new Set(roots.flatMap((r) => [...r.optional.keys()]))];
            throw new lock_files/* LockFileError */.U0(lock.file, `--extra ${extra}: no root of the lock (${roots.map((r) => r.name).join(', ')}) has this extra (extras: ${known.join(', ') || 'none'})`);
        }
        for (const r of having)
            rootExtras.set(r, [...(rootExtras.get(r) ?? []), extra]);
    }
    if (o.allExtras)
        for (const r of roots)
            rootExtras.set(r, [...r.optional.keys()]);
    const groups = o.groups.map(names/* normalizeName */.Pc);
    for (const g of groups) {
        if (!roots.some((r) => r.groups.has(g))) {
            const known = [...new Set(roots.flatMap((r) => [...r.groups.keys()]))];
            throw new lock_files/* LockFileError */.U0(lock.file, `--group ${g}: no root of the lock (${roots.map((r) => r.name).join(', ')}) has this group (groups: ${known.join(', ') || 'none'})`);
        }
    }
    for (const r of roots) {
        for (const e of rootExtras.get(r) ?? [])
            conflictItems.push(`extra-${r.name.length}-${r.name}-${e}`);
        for (const g of groups)
            if (r.groups.has(g))
                conflictItems.push(`group-${r.name.length}-${r.name}-${g}`);
    }
    const applies = (d) => d.marker === undefined || (0,markers/* evaluateMarker */.UZ)(d.marker, o.markers, conflictItems);
    const selected = new Map();
    const resolveDep = (d, from) => {
        const candidates = (byName.get(d.name) ?? []).filter((p) => (d.version === undefined || p.version === d.version) &&
            (d.source === undefined || `${p.source.kind}=${p.source.value}` === d.source));
        if (candidates.length !== 1) {
            throw new lock_files/* LockFileError */.U0(lock.file, `package ${from.name}: dependency ${d.name}${d.version !== undefined ? ` ${d.version}` : ''} matches ${candidates.length} package entries`);
        }
        return candidates[0];
    };
    const queue = roots.map((r) => ({
        pkg: r,
        extras: rootExtras.get(r) ?? [],
        requested: true,
    }));
    const rootSet = new Set(roots);
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const key = keyOf(item.pkg);
        let entry = selected.get(key);
        const fresh = entry === undefined;
        if (entry === undefined) {
            entry = { pkg: item.pkg, extras: new Set(), requested: item.requested, root: rootSet.has(item.pkg) };
            selected.set(key, entry);
        }
        entry.requested ||= item.requested;
        const edges = [];
        if (fresh) {
            edges.push(...item.pkg.dependencies);
            if (rootSet.has(item.pkg))
                for (const g of groups)
                    edges.push(...(item.pkg.groups.get(g) ?? []));
        }
        for (const e of item.extras) {
            if (entry.extras.has(e))
                continue;
            entry.extras.add(e);
            edges.push(...(item.pkg.optional.get(e) ?? []));
        }
        const requested = rootSet.has(item.pkg);
        for (const d of edges) {
            if (!applies(d))
                continue;
            queue.push({ pkg: resolveDep(d, item.pkg), extras: d.extras, requested });
        }
    }
    const out = [...selected.values()];
    const seen = new Map();
    for (const s of out) {
        const prev = seen.get(s.pkg.name);
        if (prev !== undefined) {
            throw new lock_files/* LockFileError */.U0(lock.file, `package ${s.pkg.name}: two entries apply to the target (${prev.pkg.version ?? '?'} and ${s.pkg.version ?? '?'}); the lock's markers do not separate them for it`);
        }
        seen.set(s.pkg.name, s);
    }
    return out;
}

// EXTERNAL MODULE: ./src/provider/candidates.ts
var candidates = __webpack_require__(6547);
// EXTERNAL MODULE: ./src/provider/toml-file.ts + 9 modules
var toml_file = __webpack_require__(1131);
// EXTERNAL MODULE: ./src/index/redact.ts
var redact = __webpack_require__(6527);
// EXTERNAL MODULE: ./src/provider/lock-kind.ts
var lock_kind = __webpack_require__(5409);
;// CONCATENATED MODULE: ./src/provider/lock-input.ts
/**
 * A lock file as the requirement input (issue 11, §3): `uv.lock` (uv-lock.ts) or `pylock.toml` /
 * `pylock.<name>.toml` (pylock.ts, PEP 751). No resolution: the lock's packages are selected for the
 * target (markers, extras, groups), the one best file of each is chosen (lock-files.ts), and the
 * result is a Resolution with the lock's sha256 and sizes — the fetch flow then verifies, downloads
 * and keys the cache exactly as for a resolved set, with zero page and zero metadata requests.
 * Local projects of the lock (uv workspace members, PEP 751 directories) are returned apart, as for
 * `-e .` inputs; uv's virtual roots contribute only their dependencies.
 */









/** A local path of the lock (relative to the lock's directory) as seen from the working directory. */
function fromLockDir(file, path) {
    const dir = (0,external_node_path_.dirname)(file);
    return dir === '.' || dir === '' ? path : (0,external_node_path_.join)(dir, path);
}
function pick(file, name, version, wheels, sdist, o) {
    const got = (0,lock_files/* chooseLockedFile */.Ks)(name, wheels, sdist, { tagPriority: o.target.tagPriority, ...o });
    if ('reason' in got) {
        throw new lock_files/* LockFileError */.U0(file, `package ${name} ${version}: no file for the target ${o.target.summary} (${got.reason})`);
    }
    return got.file;
}
function selectFromUv(file, text, o) {
    const lock = readUvLock((0,toml_file/* parseTomlText */.tT)(file, text), file);
    if (lock.requiresPython !== undefined &&
        !(0,candidates/* requiresPythonAllows */.l4)(lock.requiresPython, o.target.pythonVersion)) {
        throw new lock_files/* LockFileError */.U0(file, `requires-python ${JSON.stringify(lock.requiresPython)} excludes the target's Python ${o.target.pythonVersion.toString()}`);
    }
    const out = [];
    for (const s of selectUvLock(lock, { markers: o.target.markers, ...o.selection })) {
        const { pkg } = s;
        const extras = [...s.extras].sort();
        switch (pkg.source.kind) {
            case 'virtual':
                continue;
            case 'editable':
            case 'directory':
                out.push({
                    kind: 'local',
                    name: pkg.name,
                    path: fromLockDir(file, pkg.source.value),
                    editable: pkg.source.kind === 'editable',
                    extras,
                });
                continue;
            case 'git':
            case 'path':
                throw new lock_files/* LockFileError */.U0(file, `package ${pkg.name}: a ${pkg.source.kind} source (${pkg.source.value}) cannot be fetched from a lock by wheelhouse`);
            default: {
                const version = pkg.version ?? '';
                if (pkg.wheels.length === 0 && pkg.sdist === undefined && pkg.fileProblem !== undefined) {
                    throw new lock_files/* LockFileError */.U0(file, `package ${pkg.name} ${version}: ${pkg.fileProblem}`);
                }
                const chosen = pick(file, pkg.name, version, pkg.wheels, pkg.sdist, o);
                out.push({
                    kind: 'file',
                    name: pkg.name,
                    version,
                    file: chosen,
                    requested: s.requested,
                    extras,
                    direct: pkg.source.kind === 'url',
                });
            }
        }
    }
    return out;
}
function selectFromPylock(file, text, o) {
    const selected = selectPylock((0,toml_file/* parseTomlText */.tT)(file, text), file, {
        markers: o.target.markers,
        pythonAllows: (rp) => (0,candidates/* requiresPythonAllows */.l4)(rp, o.target.pythonVersion),
        ...o.selection,
    });
    return selected.map((p) => {
        const version = p.version ?? '';
        if (p.source.kind === 'unsupported')
            throw new lock_files/* LockFileError */.U0(file, `package ${p.name} ${version}: ${p.source.reason}`);
        if (p.source.kind === 'directory') {
            return {
                kind: 'local',
                name: p.name,
                path: fromLockDir(file, p.source.path),
                editable: p.source.editable,
                extras: [],
            };
        }
        const chosen = pick(file, p.name, version, p.source.wheels, p.source.sdist, o);
        return {
            kind: 'file',
            name: p.name,
            version,
            file: chosen,
            ...(p.requiresPython !== undefined ? { requiresPython: p.requiresPython } : {}),
            requested: true,
            extras: [],
            direct: false,
        };
    });
}
/** Reads `file` (already read as `text`) and answers the resolution it locks for the target. */
function readLockInput(file, text, o) {
    const kind = (0,lock_kind/* lockKindOf */.r)(file);
    if (kind === undefined)
        throw new lock_files/* LockFileError */.U0(file, 'is not a uv.lock or pylock.toml');
    const locked = kind === 'uv' ? selectFromUv(file, text, o) : selectFromPylock(file, text, o);
    const packages = [];
    const localProjects = [];
    for (const p of locked) {
        if (p.kind === 'local') {
            localProjects.push({
                name: p.name,
                path: p.path,
                editable: p.editable,
                extras: p.extras,
                origin: file,
            });
            continue;
        }
        const sha256 = p.file.hashes['sha256'];
        if (sha256 === undefined) {
            throw new lock_files/* LockFileError */.U0(file, `package ${p.name} ${p.version}: ${p.file.filename} has no sha256 hash (only ${Object.keys(p.file.hashes).join(', ')})`);
        }
        packages.push({
            name: p.name,
            version: p.version,
            file: {
                filename: p.file.filename,
                url: p.file.url,
                redactedUrl: (0,redact/* redactUrl */.BO)(p.file.url),
                sha256,
                ...(p.file.size !== undefined ? { size: p.file.size } : {}),
                kind: p.file.kind,
            },
            requested: p.requested,
            extras: p.extras,
            requiresDist: [],
            ...(p.requiresPython !== undefined ? { requiresPython: p.requiresPython } : {}),
            metadataPath: 'lock',
            isDirect: p.direct,
        });
    }
    packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { file, kind, resolution: { packages }, localProjects };
}


/***/ })

};
