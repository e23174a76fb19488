export const id = 560;
export const ids = [560];
export const modules = {

/***/ 9560:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_HSTS: () => (/* binding */ DEFAULT_HSTS),
  evaluateHeaders: () => (/* binding */ evaluateHeaders),
  headersCheck: () => (/* binding */ headersCheck),
  hstsFindings: () => (/* binding */ hstsFindings)
});

// EXTERNAL MODULE: ./node_modules/htmlparser2/dist/Parser.js + 7 modules
var Parser = __webpack_require__(1600);
;// CONCATENATED MODULE: ./src/checks/html/mixed-content.ts

/** Tag → the attributes that load a resource (or, for forms, send data). */
const REFERENCES = {
    script: ['src'],
    link: ['href'],
    img: ['src', 'srcset'],
    source: ['src', 'srcset'],
    iframe: ['src'],
    frame: ['src'],
    video: ['src', 'poster'],
    audio: ['src'],
    track: ['src'],
    embed: ['src'],
    object: ['data'],
    input: ['src'],
    form: ['action'],
    button: ['formaction']
};
/** Link relations that make the browser fetch the target as a subresource. */
const LOADING_RELS = new Set([
    'stylesheet',
    'icon',
    'preload',
    'modulepreload',
    'manifest'
]);
/**
 * Finds the references of an HTML page that resolve to `http:` URLs, i.e.
 * mixed content when the page is served over https. Parsed with htmlparser2
 * (entities decoded, comments and script text ignored) and resolved
 * against the first `<base href>`, as a browser does.
 */
function scanPage(html, pageUrl) {
    const insecure = [];
    const metaPolicies = [];
    let base = pageUrl;
    let baseSeen = false;
    const onTag = (tag, attributes) => {
        if (tag === 'meta') {
            const equiv = attributes['http-equiv']?.toLowerCase();
            if (equiv === 'content-security-policy' && attributes.content) {
                metaPolicies.push(attributes.content);
            }
            return;
        }
        if (tag === 'base') {
            if (!baseSeen && attributes.href !== undefined) {
                baseSeen = true;
                base = resolve(attributes.href, pageUrl) ?? pageUrl;
            }
            return;
        }
        const names = REFERENCES[tag];
        if (!names || (tag === 'link' && !loadsResource(attributes.rel)))
            return;
        for (const attribute of names) {
            const value = attributes[attribute];
            if (value === undefined)
                continue;
            const urls = attribute === 'srcset' ? srcsetUrls(value) : [value];
            if (urls.some(url => resolve(url, base)?.protocol === 'http:')) {
                insecure.push({
                    tag,
                    attribute,
                    value: value.trim(),
                    submits: tag === 'form' || tag === 'button'
                });
            }
        }
    };
    const parser = new Parser/* Parser */.i({ onopentag: onTag }, { decodeEntities: true });
    parser.write(html);
    parser.end();
    return { insecure, metaPolicies };
}
/**
 * Whether a Content-Security-Policy has `upgrade-insecure-requests`: the
 * browser then fetches every http reference over https, so none is mixed.
 */
function upgradesInsecureRequests(policies) {
    return policies.some(policy => policy
        .split(';')
        .some(directive => directive.trim().split(/\s+/)[0].toLowerCase() ===
        'upgrade-insecure-requests'));
}
function loadsResource(rel) {
    return (rel ?? '')
        .toLowerCase()
        .split(/\s+/)
        .some(token => LOADING_RELS.has(token));
}
/** `a.png 1x, http://x/b.png 2x` → the URLs. */
function srcsetUrls(srcset) {
    return srcset
        .split(',')
        .map(candidate => candidate.trim().split(/\s+/)[0])
        .filter(Boolean);
}
function resolve(reference, base) {
    try {
        return new URL(reference.trim(), base);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/checks/http-headers/fields.ts
var fields = __webpack_require__(1648);
;// CONCATENATED MODULE: ./src/checks/http-headers/hsts.ts

/**
 * Parses one Strict-Transport-Security value by the grammar of RFC 6797
 * §6.1: `;`-separated directives, names case-insensitive, values tokens or
 * quoted strings, each directive at most once, `max-age` required and
 * made of digits. Unknown directives are ignored, as browsers do.
 */
function parseHsts(value) {
    const seen = new Map();
    for (const part of (0,fields/* splitOutsideQuotes */.Rf)(value, ';')) {
        if (!part.trim())
            continue;
        const equals = part.indexOf('=');
        const name = (equals === -1 ? part : part.slice(0, equals))
            .trim()
            .toLowerCase();
        if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
            return { valid: false, problem: `"${part.trim()}" is not a directive` };
        }
        if (seen.has(name)) {
            return { valid: false, problem: `${name} appears twice` };
        }
        seen.set(name, equals === -1 ? undefined : (0,fields/* unquote */._n)(part.slice(equals + 1)));
    }
    if (!seen.has('max-age')) {
        return { valid: false, problem: 'max-age is missing' };
    }
    const maxAge = seen.get('max-age');
    if (maxAge === undefined || !/^\d+$/.test(maxAge)) {
        return {
            valid: false,
            problem: `max-age ${maxAge === undefined ? 'has no value' : `"${maxAge}" is not a whole number of seconds`}`
        };
    }
    return {
        valid: true,
        hsts: {
            maxAge: Number(maxAge),
            includeSubDomains: seen.has('includesubdomains'),
            preload: seen.has('preload')
        }
    };
}

// EXTERNAL MODULE: ./src/checks/http-headers/set-cookie.ts
var set_cookie = __webpack_require__(6524);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(4545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(1572);
;// CONCATENATED MODULE: ./src/checks/headers.ts






/** HSTS as checked when the policy does not say: the Observatory's 180 days. */
const DEFAULT_HSTS = {
    min_max_age: 15_552_000,
    include_subdomains: false
};
const headersCheck = {
    kind: 'headers',
    units: section => section.paths.map((path, index) => ({
        name: path,
        level: section.level ?? 'error',
        policyPath: ['headers', 'paths', index],
        async run(ctx) {
            const res = await ctx.http.sendWithRetries({
                url: (0,target/* resolveUrl */.O)({ path }, ctx.target),
                signal: ctx.signal
            });
            return evaluateHeaders(section, res);
        }
    }))
};
/**
 * Judges one response against the headers section; pure. HSTS, `require`
 * and `forbid` decide pass or fail; insecure cookies and mixed content are
 * reported as warnings that do not fail the path on their own.
 */
function evaluateHeaders(section, res) {
    const failures = [];
    const https = res.url.protocol === 'https:';
    if (res.status >= 400) {
        failures.push({
            message: `status ${res.status}: expected a page that answers, to judge its headers`
        });
    }
    const hsts = section.hsts === undefined ? DEFAULT_HSTS : section.hsts;
    if (hsts && https) {
        failures.push(...hstsFindings(hsts, (0,fields/* fieldLines */.AI)(res.headers, 'strict-transport-security')));
    }
    else if (hsts && section.hsts !== undefined) {
        failures.push({
            message: `HSTS is required but ${res.url.href} is plain http, where browsers ignore it; serve it over https or set hsts: false`
        });
    }
    for (const name of section.require) {
        const value = (0,fields/* fieldValue */.ag)(res.headers, name);
        if (value === undefined) {
            failures.push({ message: `required header ${name} is missing: add it` });
        }
        else if (!value.trim()) {
            failures.push({
                message: `required header ${name} is empty: give it a value`
            });
        }
    }
    for (const rule of section.forbid) {
        const name = typeof rule === 'string' ? rule : rule.header;
        const value = (0,fields/* fieldValue */.ag)(res.headers, name);
        if (value === undefined)
            continue;
        if (typeof rule === 'string') {
            failures.push({
                message: `forbidden header ${name} is present: remove it`
            });
        }
        else if (new RegExp(rule.matching).test(value)) {
            failures.push({
                message: `header ${name} is "${value}", which matches the forbidden /${rule.matching}/: change or remove it`
            });
        }
    }
    const warnings = https
        ? [...cookieWarnings(res), ...mixedContentWarnings(res)].map(f => ({
            ...f,
            severity: 'warning'
        }))
        : [];
    const metrics = { status: res.status, warnings: warnings.length };
    const findings = [...failures, ...warnings];
    if (failures.length > 0)
        return (0,outcome/* failedOutcome */.i)(findings, metrics);
    const checked = [
        !hsts ? 'HSTS not checked' : https ? 'HSTS ok' : 'HSTS not checked (http)',
        `${section.require.length} required present`,
        `none of ${section.forbid.length} forbidden`
    ];
    return {
        ok: true,
        summary: `${res.status}: ${checked.join(', ')}${(0,outcome/* adviceSuffix */.q)(warnings)}`,
        metrics,
        findings
    };
}
/** HSTS by RFC 6797: only the first header counts; it must parse to count. */
function hstsFindings(want, lines) {
    const expected = `max-age ≥ ${want.min_max_age} (${(0,fields/* formatSeconds */.Xo)(want.min_max_age)})${want.include_subdomains ? ' with includeSubDomains' : ''}`;
    if (lines.length === 0) {
        return [
            { message: `Strict-Transport-Security is missing; expected ${expected}` }
        ];
    }
    const parsed = parseHsts(lines[0]);
    if (!parsed.valid) {
        return [
            {
                message: `Strict-Transport-Security "${lines[0]}" is invalid (${parsed.problem}), so browsers ignore it; expected ${expected}`
            }
        ];
    }
    const findings = [];
    if (parsed.hsts.maxAge < want.min_max_age) {
        findings.push({
            message: `Strict-Transport-Security max-age=${parsed.hsts.maxAge} (${(0,fields/* formatSeconds */.Xo)(parsed.hsts.maxAge)}) is below ${want.min_max_age} (${(0,fields/* formatSeconds */.Xo)(want.min_max_age)}): raise it`
        });
    }
    if (want.include_subdomains && !parsed.hsts.includeSubDomains) {
        findings.push({
            message: `Strict-Transport-Security "${lines[0]}" lacks includeSubDomains, which include_subdomains: true requires`
        });
    }
    return findings;
}
function cookieWarnings(res) {
    return (0,fields/* fieldLines */.AI)(res.headers, 'set-cookie').flatMap(line => {
        const cookie = (0,set_cookie/* parseSetCookie */.s)(line);
        const missing = (0,set_cookie/* missingCookieFlags */.g)(cookie);
        if (missing.length === 0)
            return [];
        return [
            {
                rule: 'insecure-cookie',
                message: `cookie "${cookie.name}" is set without ${missing.join(', ')}; expected Secure; HttpOnly; SameSite=Lax (or Strict)`
            }
        ];
    });
}
function mixedContentWarnings(res) {
    const type = (0,fields/* fieldValue */.ag)(res.headers, 'content-type') ?? '';
    if (!/^\s*(text\/html|application\/xhtml\+xml)/i.test(type))
        return [];
    const page = scanPage(res.body.toString('utf8'), res.url);
    const policies = [
        ...(0,fields/* fieldLines */.AI)(res.headers, 'content-security-policy'),
        ...page.metaPolicies
    ];
    if (upgradesInsecureRequests(policies))
        return [];
    return page.insecure.map(ref => ({
        rule: 'mixed-content',
        file: res.url.href,
        message: ref.submits
            ? `mixed content: <${ref.tag} ${ref.attribute}="${ref.value}"> submits over http from an https page; expected an https URL`
            : `mixed content: <${ref.tag} ${ref.attribute}="${ref.value}"> loads over http on an https page; expected an https URL`
    }));
}


/***/ }),

/***/ 1648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ fieldLines),
/* harmony export */   Rf: () => (/* binding */ splitOutsideQuotes),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   _n: () => (/* binding */ unquote),
/* harmony export */   ag: () => (/* binding */ fieldValue)
/* harmony export */ });
/** Every line of a response header, in order; none when it is absent. */
function fieldLines(headers, name) {
    const raw = headers[name.toLowerCase()];
    if (raw === undefined)
        return [];
    return Array.isArray(raw) ? raw : [raw];
}
/** A header as one value, repeated lines joined with ", " (RFC 9110 §5.3). */
function fieldValue(headers, name) {
    const lines = fieldLines(headers, name);
    return lines.length === 0 ? undefined : lines.join(', ');
}
/**
 * Splits `text` at each `separator` that is outside a quoted string, so
 * `private="set-cookie, x"` stays one part.
 */
function splitOutsideQuotes(text, separator) {
    const parts = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (quoted && char === '\\' && i + 1 < text.length) {
            current += char + text[++i];
            continue;
        }
        if (char === '"')
            quoted = !quoted;
        if (char === separator && !quoted) {
            parts.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    parts.push(current);
    return parts;
}
/** A directive's value without its quotes and backslash escapes. */
function unquote(value) {
    const trimmed = value.trim();
    if (trimmed.length < 2 ||
        !trimmed.startsWith('"') ||
        !trimmed.endsWith('"')) {
        return trimmed;
    }
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
}
/** Seconds as a person reads them: `180 days`, `5 minutes`. */
function formatSeconds(seconds) {
    const units = [
        [86_400, 'day'],
        [3600, 'hour'],
        [60, 'minute']
    ];
    for (const [size, unit] of units) {
        if (seconds >= size) {
            const count = Math.floor(seconds / size);
            return `${count} ${unit}${count === 1 ? '' : 's'}`;
        }
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 6524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ missingCookieFlags),
/* harmony export */   s: () => (/* binding */ parseSetCookie)
/* harmony export */ });
/**
 * Reads the name and security attributes of one Set-Cookie line (RFC 6265
 * §5.2): attributes are `;`-separated, case-insensitive, and the last
 * SameSite wins. The cookie's value is dropped: it may be a session token.
 */
function parseSetCookie(line) {
    const [pair, ...attributes] = line.split(';');
    const equals = pair.indexOf('=');
    const flags = {
        name: (equals === -1 ? '' : pair.slice(0, equals)).trim(),
        secure: false,
        httpOnly: false,
        sameSite: undefined
    };
    for (const attribute of attributes) {
        const [rawName, ...rest] = attribute.split('=');
        const name = rawName.trim().toLowerCase();
        if (name === 'secure')
            flags.secure = true;
        else if (name === 'httponly')
            flags.httpOnly = true;
        else if (name === 'samesite')
            flags.sameSite = rest.join('=').trim().toLowerCase();
    }
    return flags;
}
/**
 * The security attributes a cookie set over https lacks, by the MDN
 * Observatory's rule: Secure and HttpOnly, plus an explicit SameSite.
 */
function missingCookieFlags(cookie) {
    const missing = [];
    if (!cookie.secure)
        missing.push('Secure');
    if (!cookie.httpOnly)
        missing.push('HttpOnly');
    if (!cookie.sameSite)
        missing.push('SameSite');
    return missing;
}


/***/ }),

/***/ 4545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ failedOutcome),
/* harmony export */   q: () => (/* binding */ adviceSuffix)
/* harmony export */ });
const more = (count) => (count > 0 ? ` (+${count} more)` : '');
/**
 * A failed unit: its first failure (not advice) is the summary, followed by
 * how many other findings there are; every check summarises this way.
 */
function failedOutcome(findings, metrics) {
    const first = findings.find(f => f.severity !== 'warning') ?? findings[0];
    return {
        ok: false,
        summary: first.message + more(findings.length - 1),
        metrics,
        findings
    };
}
/** `; warning: <first advice> (+N more)`, appended to a passing summary. */
function adviceSuffix(warnings) {
    if (warnings.length === 0)
        return '';
    return `; warning: ${warnings[0].message}${more(warnings.length - 1)}`;
}


/***/ }),

/***/ 1572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ itemLabel),
/* harmony export */   O: () => (/* binding */ resolveUrl)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6468);

/** The URL an item addresses: its absolute `url`, or `path` on the target. */
function resolveUrl(item, target) {
    if (item.url !== undefined)
        return new URL(item.url);
    if (!target) {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_0__/* .CheckError */ .t(`no target URL for ${item.path}: set target in the policy, the url input or --url`);
    }
    return new URL(item.path ?? '/', target);
}
/** What an item is called in the report when it has no name. */
function itemLabel(item) {
    if (item.name)
        return item.name;
    const place = item.path ?? item.url ?? '/';
    return item.method && item.method !== 'GET'
        ? `${item.method} ${place}`
        : place;
}


/***/ })

};
