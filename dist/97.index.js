export const id = 97;
export const ids = [97];
export const modules = {

/***/ 50097:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  exposureCheck: () => (/* binding */ exposureCheck)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./src/checks/plan.ts
var plan = __webpack_require__(84590);
// EXTERNAL MODULE: ./src/checks/secrets/redact.ts
var redact = __webpack_require__(55830);
;// CONCATENATED MODULE: ./src/checks/exposure/signatures.ts
/**
 * What a leaked file, an error page and a directory listing look like. Every
 * pattern here is ours (no user input) and linear: no nested quantifiers, so
 * a hostile body of the capped size is read in one pass.
 */
const ENV_LINE = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/m;
const notHtml = (text) => !/^\s*</.test(text);
const FILE_PROBES = [
    ...['/.env', '/.env.local', '/.env.production'].map(path => ({
        path,
        what: 'an environment file',
        secret: true,
        matches: (_, text) => notHtml(text) && ENV_LINE.test(text)
    })),
    {
        path: '/.git/config',
        what: 'the git repository config',
        secret: true,
        matches: (_, text) => /^\s*\[(?:core|remote "[^"\n]*")\]/m.test(text)
    },
    {
        path: '/.git/HEAD',
        what: 'the git HEAD (the whole history may be downloadable)',
        secret: false,
        matches: (_, text) => /^(?:ref: refs\/\S+|[0-9a-f]{40})\s*$/.test(text)
    },
    {
        path: '/.svn/entries',
        what: 'Subversion metadata',
        secret: false,
        matches: (_, text) => /^\d+\s*$/m.test(text.slice(0, 16)) || text.includes('wc-entries')
    },
    {
        path: '/.DS_Store',
        what: 'a macOS folder index (lists file names)',
        secret: false,
        matches: body => body.subarray(0, 8).equals(Buffer.from('0000000142756431', 'hex'))
    },
    {
        path: '/wp-config.php.bak',
        what: 'a WordPress config backup',
        secret: true,
        matches: (_, text) => /define\(\s*['"]DB_(?:PASSWORD|USER|NAME)/.test(text)
    },
    {
        path: '/config.json',
        what: 'a JSON config file',
        secret: true,
        matches: (_, text) => isJsonObject(text)
    },
    {
        path: '/docker-compose.yml',
        what: 'a Docker Compose file',
        secret: true,
        matches: (_, text) => notHtml(text) && /^services:\s*$/m.test(text)
    },
    {
        path: '/backup.zip',
        what: 'a zip archive',
        secret: true,
        matches: body => body.subarray(0, 4).equals(Buffer.from('504b0304', 'hex'))
    },
    {
        path: '/.npmrc',
        what: 'an npm config',
        secret: true,
        matches: (_, text) => notHtml(text) && /(?:_authToken|_auth|registry)\s*=/.test(text)
    },
    {
        path: '/id_rsa',
        what: 'a private SSH key',
        secret: true,
        matches: (_, text) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)
    },
    {
        path: '/.aws/credentials',
        what: 'AWS credentials',
        secret: true,
        matches: (_, text) => /aws_(?:access_key_id|secret_access_key)\s*=/i.test(text)
    },
    {
        path: '/.htpasswd',
        what: 'a password file',
        secret: true,
        matches: (_, text) => notHtml(text) && /^[^\s:<]+:\$?[\w./$]{8,}$/m.test(text)
    },
    {
        path: '/phpinfo.php',
        what: 'a phpinfo() page (configuration and environment)',
        secret: true,
        matches: (_, text) => /<title>PHP \d[\w.]* - phpinfo\(\)<\/title>|phpinfo\(\)/.test(text)
    }
];
function isJsonObject(text) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{'))
        return false;
    try {
        const value = JSON.parse(trimmed);
        return typeof value === 'object' && value !== null && !Array.isArray(value);
    }
    catch {
        return false;
    }
}
/** Stack traces, debug pages and internals, in the order they are reported. */
const ERROR_PAGE_LEAKS = [
    {
        what: 'a Node.js stack trace',
        pattern: /\bat (?:[\w$.<>[\] ]{1,200} \()?(?:\/|[A-Za-z]:\\|node:|file:\/\/)[^\s()]{1,300}:\d+:\d+\)?/
    },
    {
        what: 'a Python traceback',
        pattern: /Traceback \(most recent call last\):/
    },
    { what: 'a Ruby backtrace', pattern: /\.rb:\d+:in [`']/ },
    {
        what: 'a PHP error',
        pattern: /(?:Fatal error|Parse error|Warning|Notice|Uncaught \w+)(?:<\/b>)?: [^\n]{0,500} in (?:<b>)?\/[^\s<]{1,300}\.php(?:<\/b>)? on line/
    },
    {
        what: 'a Java stack trace',
        pattern: /\bat [\w$.]{1,300}\([\w$]{1,100}\.(?:java|kt|scala):\d+\)/
    },
    {
        what: 'a .NET stack trace',
        pattern: /\bat [\w.`<>[\],]{1,300}\([^)\n]{0,300}\) in [^\n]{1,300}\.cs:line \d+|Server Error in '[^']{0,100}' Application/
    },
    {
        what: 'a Go panic',
        pattern: /goroutine \d+ \[running\]:|\bpanic: [^\n]{0,300}\n\s*\ngoroutine/
    },
    {
        what: 'the Django debug page',
        pattern: /You're seeing this error because you have <code>DEBUG = True<\/code>/
    },
    {
        what: 'the Laravel debug page',
        pattern: /Whoops! There was an error\.|Illuminate\\[A-Za-z\\]{1,200}Exception|ignition-/
    },
    {
        what: 'the Rails debug page',
        pattern: /Action Controller: Exception caught|<h1>Routing Error<\/h1>/
    },
    {
        what: 'the Next.js development overlay',
        pattern: /nextjs__container_errors|__nextjs_original-stack-frame|react-refresh\.js/
    },
    {
        what: 'a server file-system path',
        pattern: /(?:\/home\/[\w.-]{1,64}|\/var\/www|\/usr\/src\/app|\/srv\/[\w.-]{1,64}|\/app\/(?:node_modules|src)|[A-Z]:\\(?:Users|inetpub))[\\/][^\s"'<>]{1,300}/
    },
    {
        what: 'a private network address',
        pattern: /\b(?:10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})(?::\d{1,5})?\b/
    }
];
/** A server-generated directory index (Apache, nginx, Python, IIS, Node serve-index). */
const DIRECTORY_LISTING = /<title>\s*(?:Index of \/|Directory listing for \/|listing directory \/)|<h1>\s*Index of \/|\[To Parent Directory\]/i;
/** The folders probed for a listing, besides the site root. */
const LISTING_PATHS = [
    '/',
    '/uploads/',
    '/assets/',
    '/static/',
    '/files/',
    '/backup/'
];
/**
 * An HTML body as text a person would read: tags dropped, the usual
 * entities decoded, so `at&nbsp;fn (/app/x.js:1:2)` reads like a trace.
 */
function readableText(body) {
    return body
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/&nbsp;/g, ' ')
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}

;// CONCATENATED MODULE: ./src/checks/exposure/index.ts







/** A probe reads this much of an answer: enough to recognise it, never a download. */
const PROBE_BODY_BYTES = 64 * 1024;
/** Probes in flight at once against the target. */
const PROBE_CONCURRENCY = 4;
/**
 * `exposure`: three checks, each a bounded set of GETs to the target's own
 * origin (the shared client sends `defaults.headers` there and nowhere
 * else): files that must not be served, error pages that tell too much, and
 * directory listings.
 */
const exposureCheck = {
    kind: 'exposure',
    // One "not found" baseline, the file probes, two error pages, the folders.
    plan: (section, policy) => {
        const allowed = new Set(section.allow);
        const probes = 1 +
            fileProbes(section, allowed).length +
            errorProbePaths().length +
            LISTING_PATHS.filter(path => !allowed.has(path)).length;
        return (0,plan/* requestsPlan */.w)(policy, probes, 'probes');
    },
    units(section) {
        const level = section.level ?? 'error';
        const allowed = new Set(section.allow);
        const unit = (name, run) => ({
            name,
            level,
            policyPath: ['exposure'],
            run: ctx => run(ctx, originOf(ctx))
        });
        return [
            unit('files', (ctx, origin) => probeFiles(ctx, origin, fileProbes(section, allowed))),
            unit('error pages', (ctx, origin) => probeErrorPages(ctx, origin)),
            unit('directory listings', (ctx, origin) => probeListings(ctx, origin, LISTING_PATHS.filter(path => !allowed.has(path))))
        ];
    }
};
function originOf(ctx) {
    if (!ctx.target) {
        throw new errors/* CheckError */.tl('no target URL to probe: set target in the policy, the url input or --url');
    }
    return new URL(ctx.target.origin);
}
/** The built-in probes and the site's own (`exposure.paths`), less `allow`. */
function fileProbes(section, allowed) {
    const own = section.paths.map(path => ({
        path,
        what: 'a file this policy says must not be served',
        secret: true,
        matches: () => true
    }));
    const known = new Set(FILE_PROBES.map(p => p.path));
    return [...FILE_PROBES, ...own.filter(p => !known.has(p.path))].filter(p => !allowed.has(p.path));
}
async function get(ctx, origin, path) {
    return ctx.http.sendWithRetries({
        url: new URL(path, origin),
        maxBodyBytes: PROBE_BODY_BYTES,
        signal: ctx.signal
    });
}
/** A path no site serves, to learn what this one answers for "not found". */
function randomPath() {
    return `/launch-gate-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`;
}
async function probeFiles(ctx, origin, probes) {
    const missingPath = randomPath();
    const notFound = await get(ctx, origin, missingPath);
    const findings = [];
    await (0,pool/* runPool */.k)(probes, PROBE_CONCURRENCY, async (probe) => {
        const res = await get(ctx, origin, probe.path);
        if (res.status < 200 || res.status > 299)
            return;
        if (isSoftNotFound(res, probe.path, notFound, missingPath))
            return;
        const text = res.body.toString('latin1');
        if (!probe.matches(res.body, text))
            return;
        findings.push(fileFinding(res, probe, text));
    });
    const metrics = { probes: probes.length + 1, served: findings.length };
    if (findings.length > 0)
        return (0,outcome/* failedOutcome */.i)(sortByUrl(findings), metrics);
    return {
        ok: true,
        summary: `none of ${probes.length} well-known files is served`,
        metrics,
        notes: softNotFoundNote(notFound)
    };
}
function fileFinding(res, probe, text) {
    const where = res.url.pathname;
    const excerpt = probe.secret ? redactedExcerpt(text) : undefined;
    return {
        rule: 'exposed-file',
        file: res.url.href,
        message: `${where} is served (${res.status}, ${res.body.length}${res.truncated ? '+' : ''} bytes): it looks like ${probe.what}; remove it from the deploy or deny it at the server`,
        ...(excerpt ? { redacted: excerpt } : {})
    };
}
/**
 * The first `key = value` (or `key: value`) line with its value redacted
 * like a secret, so the reader sees what leaked without the leak.
 */
function redactedExcerpt(text) {
    const match = /^\s*([^\s=:#[<]{1,64}\s*[=:]\s*)(\S[^\r\n]{0,300})/m.exec(text);
    return match ? `${match[1].trim()} ${(0,redact/* redact */.E$)(match[2])}` : undefined;
}
/**
 * A catch-all page (SPAs, "200 for everything" hosts): the answer for the
 * probe is the answer for a random path, once the paths themselves are
 * taken out of both.
 */
function isSoftNotFound(res, path, notFound, missingPath) {
    if (notFound.status !== res.status)
        return false;
    const normalise = (body, own) => body.toString('latin1').split(own).join('').replace(/\s+/g, ' ');
    const a = normalise(res.body, path);
    const b = normalise(notFound.body, missingPath);
    if (a === b)
        return true;
    const title = (s) => /<title[^>]*>([^<]{0,200})</i.exec(s)?.[1];
    const close = Math.abs(a.length - b.length) <= Math.max(a.length, b.length) * 0.1;
    return close && title(a) !== undefined && title(a) === title(b);
}
function softNotFoundNote(notFound) {
    return notFound.status >= 200 && notFound.status <= 299
        ? [
            `the site answers ${notFound.status} for paths that do not exist: probes were told apart from that page by their content`
        ]
        : [];
}
/**
 * A path that cannot exist, and one whose query cannot be decoded
 * (frameworks throw on `%E0%A4%A` while parsing parameters).
 */
function errorProbePaths() {
    return [`${randomPath()}/..%2f%00`, `/?launch_gate=%E0%A4%A&id[]='"`];
}
async function probeErrorPages(ctx, origin) {
    const paths = errorProbePaths();
    const findings = [];
    await (0,pool/* runPool */.k)(paths, PROBE_CONCURRENCY, async (path) => {
        const res = await get(ctx, origin, path);
        const text = readableText(res.body.toString('utf8'));
        const leaks = ERROR_PAGE_LEAKS.filter(leak => leak.pattern.test(text));
        if (leaks.length === 0)
            return;
        findings.push({
            rule: 'error-page-leak',
            file: res.url.href,
            message: `the answer to ${shortPath(res.url)} (${res.status}) shows ${leaks.map(l => l.what).join(', ')}: serve a generic error page in production and log the details instead`
        });
    });
    const metrics = { probes: paths.length, leaking: findings.length };
    if (findings.length > 0)
        return (0,outcome/* failedOutcome */.i)(sortByUrl(findings), metrics);
    return {
        ok: true,
        summary: `${paths.length} error pages show no stack trace, debug page or internal detail`,
        metrics
    };
}
async function probeListings(ctx, origin, paths) {
    const findings = [];
    await (0,pool/* runPool */.k)(paths, PROBE_CONCURRENCY, async (path) => {
        const res = await get(ctx, origin, path);
        if (res.status < 200 || res.status > 299)
            return;
        if (!DIRECTORY_LISTING.test(res.body.toString('latin1')))
            return;
        findings.push({
            rule: 'directory-listing',
            file: res.url.href,
            message: `${res.url.pathname} is a directory listing: turn off auto-indexing (autoindex, Options -Indexes, serve-index)`
        });
    });
    const metrics = { probes: paths.length, listings: findings.length };
    if (findings.length > 0)
        return (0,outcome/* failedOutcome */.i)(sortByUrl(findings), metrics);
    return {
        ok: true,
        summary: `no directory listing in ${paths.length} folders`,
        metrics
    };
}
/** The probe path as sent, short enough for a summary line. */
function shortPath(url) {
    const text = url.pathname + url.search;
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
/** One order for findings, whatever order the answers came in. */
function sortByUrl(findings) {
    return findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? ''));
}


/***/ })

};
