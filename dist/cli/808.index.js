export const id = 808;
export const ids = [808];
export const modules = {

/***/ 71808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dependenciesCheck: () => (/* binding */ dependenciesCheck)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/errors.ts
var util_errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./src/checks/secrets/glob.ts
var glob = __webpack_require__(8585);
// EXTERNAL MODULE: ./src/checks/secrets/sources/git.ts
var git = __webpack_require__(47838);
// EXTERNAL MODULE: ./src/checks/skip.ts
var skip = __webpack_require__(82194);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(59663);
;// CONCATENATED MODULE: ./src/checks/dependencies/advisories.ts




const SEVERITY_RANK = {
    low: 1,
    moderate: 2,
    high: 3,
    critical: 4
};
/** GHSA says `medium` where npm says `moderate`; `info`/`unknown` count as low. */
function normaliseSeverity(text) {
    switch (text?.toLowerCase()) {
        case 'critical':
            return 'critical';
        case 'high':
            return 'high';
        case 'moderate':
        case 'medium':
            return 'moderate';
        default:
            return 'low';
    }
}
/** Every answer is read up to this size: an advisory list, not a download. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
/** `affects` values per request, and pages followed per batch. */
const GITHUB_BATCH = 100;
const MAX_PAGES = 50;
/** Names per npm bulk request. */
const NPM_BATCH = 500;
/** The affected packages of `advisories` whose version is in a vulnerable range. */
function vulnerable(pkg, advisories) {
    const version = semver_default().valid(semver_default().coerce(pkg.version, { includePrerelease: true }) ?? pkg.version);
    if (!version)
        return [];
    return (advisories.get(pkg.name) ?? []).filter(a => semver_default().satisfies(version, a.range, { includePrerelease: true }));
}
/** `>= 1.0.0, < 1.2.3` (GHSA) → `>=1.0.0 <1.2.3` (semver). */
function ghsaRange(text) {
    return text
        .split(',')
        .map(part => part.trim().replace(/^(=|[<>]=?)\s*/, (_, op) => (op === '=' ? '' : op)))
        .join(' ');
}
async function fetchJson(url, init, signal, what) {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let res;
    try {
        res = await (0,undici/* request */.Em)(url, {
            method: init.method ?? 'GET',
            headers: {
                'user-agent': http/* USER_AGENT */._O,
                'accept-encoding': 'identity',
                ...init.headers
            },
            body: init.body,
            signal: AbortSignal.any([signal, timeout])
        });
    }
    catch (error) {
        const reason = timeout.aborted
            ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`
            : (error.code ?? error.message);
        throw new errors/* CheckError */.tl(`${what} could not be reached (${url.host}): ${reason}`);
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of res.body) {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
            res.body.destroy();
            throw new errors/* CheckError */.tl(`${what} answered more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
        }
        chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (res.statusCode < 200 || res.statusCode > 299) {
        return {
            status: res.statusCode,
            headers: res.headers,
            body: text.slice(0, 200)
        };
    }
    try {
        return {
            status: res.statusCode,
            headers: res.headers,
            body: JSON.parse(text)
        };
    }
    catch {
        throw new errors/* CheckError */.tl(`${what} answered ${res.statusCode} with something that is not JSON`);
    }
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** The next page from a `Link` header, only on the same host. */
function nextPage(headers, current) {
    const link = header(headers, 'link');
    const match = link && /<([^>]+)>;\s*rel="next"/.exec(link);
    if (!match)
        return undefined;
    const next = new URL(match[1], current);
    return next.host === current.host ? next : undefined;
}
/**
 * The GitHub Advisory Database: `GET /advisories?ecosystem=npm&affects=…`,
 * a batch of name@version per request, every page followed. A token is
 * optional (it raises the rate limit).
 */
function githubAdvisories(apiUrl, token) {
    let calls = 0;
    const base = apiUrl.replace(/\/+$/, '');
    return {
        label: 'the GitHub Advisory Database',
        get calls() {
            return calls;
        },
        async lookup(packages, signal) {
            const found = new Map();
            const seen = new Set();
            for (let i = 0; i < packages.length; i += GITHUB_BATCH) {
                const batch = packages.slice(i, i + GITHUB_BATCH);
                let url = new URL(`${base}/advisories`);
                url.searchParams.set('ecosystem', 'npm');
                url.searchParams.set('per_page', '100');
                url.searchParams.set('affects', batch.map(p => `${p.name}@${p.version}`).join(','));
                for (let page = 0; url && page < MAX_PAGES; page++) {
                    calls++;
                    const answer = await fetchJson(url, {
                        headers: {
                            accept: 'application/vnd.github+json',
                            'x-github-api-version': '2022-11-28',
                            ...(token ? { authorization: `Bearer ${token}` } : {})
                        }
                    }, signal, 'the GitHub Advisory Database');
                    if (answer.status !== 200)
                        throw githubError(answer);
                    if (!Array.isArray(answer.body)) {
                        throw new errors/* CheckError */.tl('the GitHub Advisory Database answered something that is not a list of advisories');
                    }
                    for (const advisory of answer.body) {
                        if (!advisory.ghsa_id || seen.has(advisory.ghsa_id))
                            continue;
                        seen.add(advisory.ghsa_id);
                        addGhsa(found, advisory);
                    }
                    url = nextPage(answer.headers, url);
                }
            }
            return found;
        }
    };
}
function githubError(answer) {
    const remaining = header(answer.headers, 'x-ratelimit-remaining');
    if ((answer.status === 403 || answer.status === 429) &&
        (remaining === '0' || header(answer.headers, 'retry-after'))) {
        const reset = Number(header(answer.headers, 'x-ratelimit-reset'));
        const when = Number.isFinite(reset) && reset > 0
            ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
            : '';
        return new errors/* CheckError */.tl(`the GitHub Advisory Database rate limit is used up${when}: set GITHUB_TOKEN to raise it`);
    }
    return new errors/* CheckError */.tl(`the GitHub Advisory Database answered ${answer.status}`);
}
function addGhsa(found, advisory) {
    for (const v of advisory.vulnerabilities ?? []) {
        const name = v.package?.name;
        if (!name || (v.package?.ecosystem && v.package.ecosystem !== 'npm'))
            continue;
        const range = ghsaRange(v.vulnerable_version_range ?? '');
        if (!semver_default().validRange(range))
            continue;
        const fixed = typeof v.first_patched_version === 'string'
            ? v.first_patched_version
            : (v.first_patched_version?.identifier ?? undefined);
        const list = found.get(name) ?? [];
        list.push({
            id: advisory.ghsa_id,
            cve: advisory.cve_id ?? undefined,
            severity: normaliseSeverity(advisory.severity),
            title: advisory.summary ?? '',
            url: advisory.html_url,
            range,
            fixed
        });
        found.set(name, list);
    }
}
/**
 * The registry's bulk advisory endpoint (`npm audit` uses it):
 * `POST <registry>/-/npm/v1/security/advisories/bulk` with `{name: [versions]}`.
 */
function npmAdvisories(registry) {
    let calls = 0;
    const endpoint = new URL('-/npm/v1/security/advisories/bulk', registry.endsWith('/') ? registry : `${registry}/`);
    return {
        label: 'the npm registry',
        get calls() {
            return calls;
        },
        async lookup(packages, signal) {
            const versions = new Map();
            for (const p of packages) {
                versions.set(p.name, (versions.get(p.name) ?? new Set()).add(p.version));
            }
            const names = [...versions.keys()];
            const found = new Map();
            for (let i = 0; i < names.length; i += NPM_BATCH) {
                const body = Object.fromEntries(names
                    .slice(i, i + NPM_BATCH)
                    .map(name => [name, [...versions.get(name)]]));
                calls++;
                const answer = await fetchJson(endpoint, {
                    method: 'POST',
                    headers: {
                        'content-type': 'application/json',
                        accept: 'application/json'
                    },
                    body: JSON.stringify(body)
                }, signal, 'the npm registry');
                if (answer.status !== 200) {
                    throw new errors/* CheckError */.tl(`the npm registry's advisory endpoint answered ${answer.status}`);
                }
                if (typeof answer.body !== 'object' ||
                    answer.body === null ||
                    Array.isArray(answer.body)) {
                    throw new errors/* CheckError */.tl("the npm registry's advisory endpoint answered something that is not an advisory map");
                }
                for (const [name, list] of Object.entries(answer.body)) {
                    if (!Array.isArray(list))
                        continue;
                    for (const a of list) {
                        const range = a.vulnerable_versions ?? '';
                        if (!semver_default().validRange(range))
                            continue;
                        const ghsa = /GHSA-[\w-]+/.exec(a.url ?? '')?.[0];
                        const advisories = found.get(name) ?? [];
                        advisories.push({
                            id: ghsa ?? `npm:${a.id ?? '?'}`,
                            severity: normaliseSeverity(a.severity),
                            title: a.title ?? '',
                            url: a.url,
                            range
                        });
                        found.set(name, advisories);
                    }
                }
            }
            return found;
        }
    };
}
/**
 * One lookup per package per run, whichever lockfile asks: lockfiles of a
 * monorepo share most of their packages. Lookups queue behind each other so
 * two lockfiles never ask for the same package at once.
 */
class CachedSource {
    answers = new Map();
    queue = Promise.resolve();
    source;
    constructor(source) {
        this.source = source;
    }
    /** Matching advisories by `name@version`, only for vulnerable packages. */
    lookup(packages, signal) {
        const run = this.queue.then(() => this.lookupNow(packages, signal));
        this.queue = run.catch(() => undefined);
        return run;
    }
    async lookupNow(packages, signal) {
        const key = (p) => `${p.name}@${p.version}`;
        const missing = packages.filter(p => !this.answers.has(key(p)));
        if (missing.length > 0) {
            const found = await this.source.lookup(missing, signal);
            for (const p of missing)
                this.answers.set(key(p), vulnerable(p, found));
        }
        const matched = new Map();
        for (const p of packages) {
            const advisories = this.answers.get(key(p)) ?? [];
            if (advisories.length > 0)
                matched.set(key(p), advisories);
        }
        return matched;
    }
}

// EXTERNAL MODULE: ./node_modules/@yarnpkg/lockfile/index.js
var lockfile = __webpack_require__(37716);
// EXTERNAL MODULE: ./node_modules/@yarnpkg/parsers/lib/index.js
var lib = __webpack_require__(67823);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/util/lines.ts
var lines = __webpack_require__(70895);
;// CONCATENATED MODULE: ./src/checks/dependencies/lockfiles.ts







const LOCKFILE_NAMES = [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'pnpm-lock.yaml',
    'yarn.lock'
];
/** The walk for lockfiles stops here, however large the workspace. */
const MAX_DIRECTORIES = 5_000;
const MAX_DEPTH = 8;
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/**
 * Lockfiles in the workspace, repo-relative, sorted; `node_modules` and VCS
 * folders are never entered, symlinks never followed.
 */
function findLockfiles(cwd) {
    const found = [];
    const queue = [{ dir: cwd, depth: 0 }];
    for (let seen = 0; queue.length > 0 && seen < MAX_DIRECTORIES; seen++) {
        const { dir, depth } = queue.shift();
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of entries) {
            const path = (0,external_node_path_.join)(dir, entry.name);
            if (entry.isDirectory() &&
                !SKIPPED.has(entry.name) &&
                depth < MAX_DEPTH) {
                queue.push({ dir: path, depth: depth + 1 });
            }
            else if (entry.isFile() &&
                LOCKFILE_NAMES.includes(entry.name)) {
                found.push((0,external_node_path_.relative)(cwd, path).split('\\').join('/'));
            }
        }
    }
    return found.sort();
}
/** Parses any supported lockfile; a file that does not parse is a CheckError naming it. */
function parseLockfile(path, text) {
    const name = (0,external_node_path_.basename)(path);
    try {
        if (name === 'pnpm-lock.yaml')
            return parsePnpm(text);
        if (name === 'yarn.lock') {
            return text.includes('__metadata:')
                ? parseYarnBerry(text)
                : parseYarnClassic(text);
        }
        return parseNpm(text);
    }
    catch (error) {
        if (error instanceof errors/* CheckError */.tl)
            throw new errors/* CheckError */.tl(`${path}: ${error.message}`);
        throw new errors/* CheckError */.tl(`${path} does not parse: ${oneLine(error)}`);
    }
}
function oneLine(error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n')[0].slice(0, 200);
}
/** Line numbers of `"key": {` object keys, in order, for npm lockfiles. */
function keyLines(text) {
    const lines = new Map();
    const pattern = /^\s*"((?:[^"\\]|\\.){1,500})":\s*\{/gm;
    let lineNo = 1;
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        for (let i = last; i < m.index; i++)
            if (text.charCodeAt(i) === 10)
                lineNo++;
        last = m.index;
        const list = lines.get(m[1]) ?? [];
        list.push(lineNo + (text[m.index] === '\n' ? 1 : 0));
        lines.set(m[1], list);
    }
    return lines;
}
/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. */
function parseNpm(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        const at = /position (\d+)/.exec(oneLine(error));
        const line = at
            ? text.slice(0, Number(at[1])).split('\n').length
            : undefined;
        throw new errors/* CheckError */.tl(`invalid JSON${line ? ` at line ${line}` : ''}: ${oneLine(error)}`);
    }
    if (typeof data !== 'object' || data === null)
        throw new errors/* CheckError */.tl('not a lockfile object');
    const lines = keyLines(text);
    const lineOf = (key, nth = 0) => lines.get(key)?.[nth] ?? 1;
    const out = [];
    if (data.packages && (data.lockfileVersion ?? 0) >= 2) {
        for (const [key, entry] of Object.entries(data.packages)) {
            if (key === '' || entry.link || !entry.version)
                continue;
            const at = key.lastIndexOf('node_modules/');
            if (at < 0)
                continue; // a workspace folder, not an installed package
            out.push({
                name: entry.name ?? key.slice(at + 'node_modules/'.length),
                version: entry.version,
                dev: entry.dev === true,
                line: lineOf(key)
            });
        }
        return out;
    }
    // v1: a nested `dependencies` tree; the n-th entry of a name is the n-th key.
    const seen = new Map();
    const walk = (deps) => {
        for (const [name, entry] of Object.entries(deps ?? {})) {
            const nth = seen.get(name) ?? 0;
            seen.set(name, nth + 1);
            if (entry.version && !entry.version.startsWith('file:')) {
                out.push({
                    name,
                    version: entry.version,
                    dev: entry.dev === true,
                    line: lineOf(name, nth)
                });
            }
            walk(entry.dependencies);
        }
    };
    walk(data.dependencies);
    return out;
}
/** pnpm-lock.yaml v6–v9: `/name@version` (v6) or `name@version` (v9) keys. */
function parsePnpm(text) {
    const doc = (0,dist/* parseDocument */.Tp)(text, { uniqueKeys: false });
    if (doc.errors.length > 0) {
        const [error] = doc.errors;
        throw new errors/* CheckError */.tl(`invalid YAML at line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    if (!(0,dist/* isMap */.jh)(root))
        throw new errors/* CheckError */.tl('not a pnpm lockfile');
    const packages = root.get('packages', true);
    if (packages === undefined)
        return [];
    if (!(0,dist/* isMap */.jh)(packages))
        throw new errors/* CheckError */.tl('`packages` is not a map');
    const lock = doc.toJS({ maxAliasCount: 100 });
    const devDirect = pnpmDevOnlyDirect(lock);
    const starts = (0,lines/* lineStarts */._)(text);
    const out = [];
    for (const pair of packages.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : undefined;
        if (!key)
            continue;
        const parsed = pnpmKey(key);
        if (!parsed)
            continue;
        const value = lock.packages?.[key];
        const offset = pair.key.range?.[0] ?? 0;
        out.push({
            ...parsed,
            dev: value?.dev === true ||
                devDirect.has(`${parsed.name}@${parsed.version}`),
            line: (0,lines/* lineAt */.m)(starts, offset) + 1
        });
    }
    return out;
}
/**
 * v9 drops the per-package `dev` flag: a package named only under some
 * importer's devDependencies (never its dependencies) is dev-only.
 * Transitive ones are audited as production, the safe side.
 */
function pnpmDevOnlyDirect(lock) {
    const importers = lock.importers ?? { '.': lock };
    const prod = new Set();
    const dev = new Set();
    const add = (into, deps) => {
        for (const [name, spec] of Object.entries(deps ?? {})) {
            const version = (typeof spec === 'string' ? spec : spec.version).split('(')[0];
            into.add(`${name}@${version}`);
        }
    };
    for (const importer of Object.values(importers)) {
        add(prod, importer.dependencies);
        add(dev, importer.devDependencies);
    }
    return new Set([...dev].filter(key => !prod.has(key)));
}
/** `/name@1.2.3`, `/@scope/name@1.2.3(peer@1)`, `name@1.2.3`, `/name/1.2.3` (v5). */
function pnpmKey(key) {
    const bare = key.replace(/^\//, '').split('(')[0];
    const at = bare.lastIndexOf('@');
    if (at > 0)
        return { name: bare.slice(0, at), version: bare.slice(at + 1) };
    const slash = bare.lastIndexOf('/');
    return slash > 0
        ? { name: bare.slice(0, slash), version: bare.slice(slash + 1) }
        : undefined;
}
/** yarn.lock entry headers (unindented, ending in `:`): each descriptor → its line. */
function yarnDescriptorLines(text) {
    const lines = new Map();
    text.split('\n').forEach((line, index) => {
        if (!/^[^\s#].*:\s*$/.test(line))
            return;
        for (const descriptor of line.replace(/:\s*$/, '').split(',')) {
            lines.set(unquote(descriptor), index + 1);
        }
    });
    return lines;
}
const unquote = (text) => text.trim().replace(/^"|"$/g, '');
/** The package name of a descriptor: `name@range`, `@scope/name@npm:range`. */
function descriptorName(descriptor) {
    const clean = unquote(descriptor);
    const at = clean.indexOf('@', 1);
    return at > 0 ? clean.slice(0, at) : clean;
}
function yarnEntries(object, text, skip) {
    const lines = yarnDescriptorLines(text);
    const out = [];
    const seen = new Set();
    for (const [descriptors, entry] of Object.entries(object)) {
        const first = unquote(descriptors.split(',')[0]);
        if (!entry?.version || skip(first))
            continue;
        const name = descriptorName(first);
        const key = `${name}@${entry.version}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push({
            name,
            version: entry.version,
            dev: false,
            line: lines.get(first) ?? 1
        });
    }
    return out;
}
/** yarn.lock v1 (classic). Dev-only cannot be told from it: all audited. */
function parseYarnClassic(text) {
    const parsed = lockfile.parse(text);
    if (parsed.type === 'conflict')
        throw new errors/* CheckError */.tl('has unresolved merge conflicts');
    return yarnEntries(parsed.object, text, () => false);
}
/** yarn.lock of Yarn 2+ (berry); workspace and patch entries are not packages. */
function parseYarnBerry(text) {
    const parsed = (0,lib/* parseSyml */["do"])(text);
    delete parsed.__metadata;
    return yarnEntries(parsed, text, d => /@(?:workspace|link|portal|file|patch):/.test(d));
}

;// CONCATENATED MODULE: ./src/checks/dependencies/index.ts











/** A lockfile larger than this is not a lockfile a person keeps. */
const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;
const DEFAULT_GITHUB_API = 'https://api.github.com';
const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';
/**
 * `dependencies`: one check per lockfile in the workspace (outside
 * node_modules, less `exclude`), each package matched against the advisory
 * source once per run.
 */
const dependenciesCheck = {
    kind: 'dependencies',
    // Nothing goes to the target: lockfiles are read from the workspace and
    // looked up at the advisory source, 100 (GitHub) or 500 (npm) a request.
    plan: section => ({
        maxRequests: 0,
        maxMs: 0,
        basis: `no request to the target; ${section.source === 'npm' ? 'the npm registry: 1 request per 500 package names' : 'GitHub advisories: 1 request per 100 packages, paginated'}`
    }),
    units(section, _policy, _target, cwd = process.cwd()) {
        const excluded = (0,glob/* globMatcher */.f)(section.exclude);
        const lockfiles = findLockfiles(cwd).filter(path => !excluded(path));
        if (lockfiles.length === 0) {
            return [
                (0,skip/* skippedUnit */.X)('dependencies', ['dependencies'], 'no lockfile in the workspace')
            ];
        }
        let source;
        return lockfiles.map((path) => ({
            name: path,
            level: section.level ?? 'error',
            policyPath: ['dependencies'],
            run: ctx => {
                source ??= new CachedSource(advisorySource(section, ctx));
                return auditLockfile(path, section, source, ctx);
            }
        }));
    }
};
function advisorySource(section, ctx) {
    if (section.source === 'npm') {
        return npmAdvisories(ctx.env.npm_config_registry || npmrcRegistry(ctx) || DEFAULT_REGISTRY);
    }
    return githubAdvisories(ctx.env.GITHUB_API_URL || DEFAULT_GITHUB_API, ctx.env.GITHUB_TOKEN || undefined);
}
/** `registry=` from the workspace's `.npmrc`, if any. */
function npmrcRegistry(ctx) {
    try {
        const text = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(ctx.cwd, '.npmrc'), 'utf8');
        return /^\s*registry\s*=\s*(\S+)\s*$/m.exec(text)?.[1];
    }
    catch {
        return undefined;
    }
}
async function readLockfile(cwd, path) {
    const full = (0,external_node_path_.join)(cwd, path);
    const info = await (0,promises_.stat)(full);
    if (info.size > MAX_LOCKFILE_BYTES) {
        throw new errors/* CheckError */.tl(`${path} is larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB`);
    }
    return (0,promises_.readFile)(full, 'utf8');
}
async function auditLockfile(path, section, source, ctx) {
    const all = parseLockfile(path, await readLockfile(ctx.cwd, path));
    const packages = section.dev ? all : all.filter(p => !p.dev);
    const notes = [];
    const base = section.new_only
        ? await baseVersions(path, ctx, notes)
        : undefined;
    const audited = base
        ? packages.filter(p => !base.has(`${p.name}@${p.version}`))
        : packages;
    const found = await source.lookup(audited, ctx.signal);
    const failAt = SEVERITY_RANK[normaliseSeverity(section.fail_on)];
    const today = new Date().toISOString().slice(0, 10);
    const findings = [];
    let below = 0;
    let ignored = 0;
    for (const pkg of audited) {
        for (const advisory of found.get(`${pkg.name}@${pkg.version}`) ?? []) {
            if (SEVERITY_RANK[advisory.severity] < failAt) {
                below++;
                continue;
            }
            const ignore = section.ignore.find(i => matchesId(i.id, advisory));
            if (ignore && (!ignore.until || ignore.until >= today)) {
                ignored++;
                continue;
            }
            findings.push(ignore
                ? expiredIgnoreFinding(path, pkg, advisory, ignore)
                : advisoryFinding(path, pkg, advisory));
        }
    }
    if (section.dev === false && all.length > packages.length) {
        notes.push(`${all.length - packages.length} dev-only packages not audited (dev: false)`);
    }
    if (below > 0) {
        notes.push(`${below} advisories below fail_on (${section.fail_on}) not reported`);
    }
    if (ignored > 0)
        notes.push(`${ignored} advisories ignored by the policy`);
    const metrics = {
        packages: packages.length,
        audited: audited.length,
        vulnerable: findings.length,
        ignored,
        api_calls: source.source.calls
    };
    if (findings.length > 0) {
        return { ...(0,outcome/* failedOutcome */.i)(findings, metrics), notes };
    }
    const what = base
        ? `${audited.length} packages this change adds or moves`
        : `${audited.length} packages`;
    return {
        ok: true,
        summary: `no known vulnerability at ${section.fail_on} or above in ${what} (${source.source.label})`,
        metrics,
        notes
    };
}
function matchesId(id, advisory) {
    const wanted = id.toUpperCase();
    return (advisory.id.toUpperCase() === wanted ||
        advisory.cve?.toUpperCase() === wanted);
}
function describe(pkg, advisory) {
    const ids = advisory.cve ? `${advisory.id} (${advisory.cve})` : advisory.id;
    const title = advisory.title ? `: ${advisory.title}` : '';
    return `${pkg.name}@${pkg.version}: ${ids} ${advisory.severity}${title}`;
}
function advisoryFinding(path, pkg, advisory) {
    const fix = advisory.fixed
        ? `; fixed in ${advisory.fixed}`
        : '; no fixed version yet';
    return {
        rule: advisory.id,
        file: path,
        line: pkg.line,
        message: describe(pkg, advisory) + fix
    };
}
function expiredIgnoreFinding(path, pkg, advisory, ignore) {
    return {
        rule: advisory.id,
        file: path,
        line: pkg.line,
        message: `${describe(pkg, advisory)}; its ignore expired on ${ignore.until} (${ignore.reason})`
    };
}
/**
 * name@version of every package in the lockfile at the change's base, read
 * with git. A lockfile the base does not have makes every package new.
 */
async function baseVersions(path, ctx, notes) {
    if (!ctx.diffRange) {
        notes.push('new_only applies to pull requests and pushes: every package was audited');
        return undefined;
    }
    let text;
    try {
        text = (await (0,git/* git */.$Y)(ctx, ['show', `${ctx.diffRange.base}:${path}`])).toString('utf8');
    }
    catch (error) {
        const message = (0,util_errors/* errorMessage */.g)(error);
        if (/does not exist|exists on disk, but not in/.test(message))
            return new Set();
        notes.push(`the base lockfile could not be read (${message}): every package was audited`);
        return undefined;
    }
    return new Set(parseLockfile(`${path} at the base`, text).map(p => `${p.name}@${p.version}`));
}


/***/ }),

/***/ 8585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ globMatcher)
/* harmony export */ });
/* harmony import */ var _util_bounded_regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11623);

/**
 * Compiles `exclude` globs into one path test: `**` crosses folders, `*` and
 * `?` stay within one, `{a,b}` is either. A glob without a `/` matches the
 * file name in any folder, as in .gitignore.
 */
function globMatcher(globs) {
    if (globs.length === 0)
        return () => false;
    const full = [];
    const base = [];
    for (const glob of globs) {
        const pattern = glob.replace(/^\.\//, '');
        (pattern.includes('/') ? full : base).push(globToRegex(pattern));
    }
    // One bounded regex per kind: `**/*a*a*a*` globs backtrack polynomially.
    const either = (parts) => parts.length > 0 ? new _util_bounded_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .BoundedRegex */ .lE(`^(?:${parts.join('|')})$`) : undefined;
    const fullRe = either(full);
    const baseRe = either(base);
    return path => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        return Boolean(fullRe?.test(path) || baseRe?.test(name));
    };
}
function globToRegex(glob) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const char = glob[i];
        if (glob.startsWith('**/', i)) {
            out += '(?:.*/)?';
            i += 2;
        }
        else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
            out += '(?:/.*)?';
            i += 2;
        }
        else if (glob.startsWith('**', i)) {
            out += '.*';
            i += 1;
        }
        else if (char === '*') {
            out += '[^/]*';
        }
        else if (char === '?') {
            out += '[^/]';
        }
        else if (char === '{') {
            const close = glob.indexOf('}', i);
            if (close < 0) {
                out += '\\{';
                continue;
            }
            const options = glob
                .slice(i + 1, close)
                .split(',')
                .map(globToRegex);
            out += `(?:${options.join('|')})`;
            i = close;
        }
        else {
            out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
    }
    return out;
}


/***/ }),

/***/ 47838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   QE: () => (/* binding */ hasCommit),
/* harmony export */   eS: () => (/* binding */ GIT_TIMEOUT_MS)
/* harmony export */ });
/* unused harmony export MAX_DIFF_BYTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);


/** Largest `git diff` output read; bigger changes are an error, not a guess. */
const MAX_DIFF_BYTES = 256 * 1024 * 1024;
/** Git commands other than fetch must finish within this. */
const GIT_TIMEOUT_MS = 120_000;
/** Runs git in `cwd` without a shell; failures become one-line CheckErrors. */
function git(ctx, args, timeoutMs = GIT_TIMEOUT_MS) {
    return new Promise((done, fail) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', ['-c', 'core.quotePath=false', ...args], {
            cwd: ctx.cwd,
            encoding: 'buffer',
            maxBuffer: MAX_DIFF_BYTES,
            timeout: timeoutMs,
            signal: ctx.signal,
            // Never wait for a credential prompt on a fetch.
            env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' }
        }, (error, stdout, stderr) => {
            if (!error)
                return done(stdout);
            const code = error.code;
            if (code === 'ENOENT')
                return fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl('git is not installed or not on PATH'));
            if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
                return fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl(`git ${args[0]} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`));
            }
            const reason = stderr.toString('utf8').trim().split('\n').at(-1) ||
                error.message.split('\n')[0];
            fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl(`git ${args[0]} failed: ${reason}`));
        });
    });
}
async function hasCommit(ctx, rev) {
    try {
        await git(ctx, ['cat-file', '-e', `${rev}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 70895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ lineStarts),
/* harmony export */   m: () => (/* binding */ lineAt)
/* harmony export */ });
/** Offsets of each line start: line i (0-based) begins at starts[i]. */
function lineStarts(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        starts.push(at + 1);
    }
    return starts;
}
/** The 0-based line holding `offset`, by binary search over `lineStarts`. */
function lineAt(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}


/***/ })

};
