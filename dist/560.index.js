export const id = 560;
export const ids = [560];
export const modules = {

/***/ 39560:
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

// EXTERNAL MODULE: ./src/checks/html/references.ts
var html_references = __webpack_require__(77109);
;// CONCATENATED MODULE: ./src/checks/html/mixed-content.ts

/**
 * Finds the references of an HTML page that resolve to `http:` URLs, i.e.
 * mixed content when the page is served over https (the references come
 * from the one HTML walker, html/references.ts).
 */
function scanPage(html, pageUrl) {
    const { references, metaPolicies } = (0,html_references/* scanHtml */.LR)(html, pageUrl);
    const insecure = references
        .filter(ref => ref.urls.some(url => url.protocol === 'http:'))
        .map(({ tag, attribute, value, submits }) => ({
        tag,
        attribute,
        value,
        submits
    }));
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

// EXTERNAL MODULE: ./src/checks/http-headers/fields.ts
var fields = __webpack_require__(21648);
;// CONCATENATED MODULE: ./src/checks/http-headers/hsts.ts

/** Browsers keep HSTS at most this long, whatever max-age says (Chromium caps it). */
const HSTS_CAP_SECONDS = 31_536_000;
/** RFC 9110 §5.6.4: qdtext and quoted-pairs; obs-text is Latin-1 from the wire. */
const QUOTED = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
/** `name`, or `name = token-or-quoted-string`, with optional whitespace (RFC 6797 §6.1). */
const DIRECTIVE = new RegExp(`^(${fields/* TOKEN */.CV})(?:[ \\t]*=[ \\t]*(${fields/* TOKEN */.CV}|${QUOTED}))?$`);
const NAMED = new RegExp(`^(${fields/* TOKEN */.CV})[ \\t]*=`);
/** Directives that take no value; a value makes the header invalid. */
const VALUELESS = new Set(['includesubdomains', 'preload']);
/** Directives whose repetition makes browsers ignore the header. */
const ONCE = new Set(['max-age', 'includesubdomains']);
/**
 * Parses one Strict-Transport-Security value as browsers apply RFC 6797
 * §6.1: `;`-separated directives, names case-insensitive, each value a
 * token or a quoted string; `max-age` required, digits only; a repeated
 * `max-age` or `includeSubDomains` voids the header (a repeated `preload`
 * does not); `includeSubDomains` and `preload` take no value. Unknown
 * directives are ignored, as browsers do, once their syntax is right.
 */
function parseHsts(value) {
    const seen = new Map();
    for (const raw of (0,fields/* splitOutsideQuotes */.Rf)(value, ';')) {
        const part = raw.trim();
        if (!part)
            continue;
        const directive = DIRECTIVE.exec(part);
        if (!directive) {
            const named = NAMED.exec(part);
            return {
                valid: false,
                problem: named
                    ? `the value of ${named[1]} is not a token or a quoted string`
                    : `"${part}" is not a directive`
            };
        }
        const name = directive[1].toLowerCase();
        const given = directive[2];
        if (VALUELESS.has(name) && given !== undefined) {
            return {
                valid: false,
                problem: `${directive[1]} takes no value, but has "=${given}"`
            };
        }
        if (ONCE.has(name) && seen.has(name)) {
            return { valid: false, problem: `${name} appears twice` };
        }
        if (!seen.has(name)) {
            seen.set(name, given === undefined ? undefined : (0,fields/* unquote */._n)(given));
        }
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
var set_cookie = __webpack_require__(46524);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(11572);
// EXTERNAL MODULE: ./src/checks/plan.ts
var plan = __webpack_require__(84590);
// EXTERNAL MODULE: ./src/util/bounded-regex.ts
var bounded_regex = __webpack_require__(11623);
;// CONCATENATED MODULE: ./src/checks/headers.ts








/** HSTS as checked when the policy does not say: the Observatory's 180 days. */
const DEFAULT_HSTS = {
    min_max_age: 15_552_000,
    include_subdomains: false
};
const headersCheck = {
    kind: 'headers',
    plan: (section, policy) => (0,plan/* requestsPlan */.w)(policy, section.paths.length, 'paths'),
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
        else {
            try {
                if (new bounded_regex/* BoundedRegex */.lE(rule.matching).test(value)) {
                    failures.push({
                        message: `header ${name} is "${value}", which matches the forbidden /${rule.matching}/: change or remove it`
                    });
                }
            }
            catch (error) {
                if (!(error instanceof bounded_regex/* RegexTimeoutError */.fE))
                    throw error;
                failures.push({ message: `header ${name}: ${error.message}` });
            }
        }
    }
    const warnings = [
        ...(hsts ? hstsPolicyAdvice(hsts.min_max_age) : []),
        ...(https ? [...cookieWarnings(res), ...mixedContentWarnings(res)] : [])
    ].map(f => ({ ...f, severity: 'warning' }));
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
/** A minimum over a year asks for more than any browser keeps. */
function hstsPolicyAdvice(minMaxAge) {
    if (minMaxAge <= HSTS_CAP_SECONDS)
        return [];
    return [
        {
            rule: 'hsts-over-a-year',
            message: `hsts.min_max_age ${minMaxAge} (${(0,fields/* formatSeconds */.Xo)(minMaxAge)}) is over a year, but no browser keeps HSTS longer than a year (${HSTS_CAP_SECONDS} s) whatever max-age says: lower it to ${HSTS_CAP_SECONDS}`
        }
    ];
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

/***/ 77109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ scanHtml),
/* harmony export */   Wn: () => (/* binding */ cssReferences)
/* harmony export */ });
/* unused harmony export MAX_CSS_CHARS */
/* harmony import */ var htmlparser2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81600);

/** Tag → the attributes that load a resource (or, for forms, send data). */
const ATTRIBUTES = {
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
/** `<link rel=preload as=…>` → the type the browser fetches it as. */
const PRELOAD_AS = {
    script: 'script',
    style: 'stylesheet',
    font: 'font',
    image: 'image',
    audio: 'media',
    video: 'media',
    track: 'media',
    document: 'document'
};
/**
 * Walks an HTML page for everything it makes a browser fetch: scripts, module
 * preloads, stylesheets, images (with `srcset` and `<picture>`), media,
 * frames, objects, and form targets. One rule for every user (the bundle
 * scan, mixed content, page weight): parsed with htmlparser2 (entities
 * decoded, comments and script text ignored), resolved against the first
 * `<base href>` as a browser does, and only http(s) URLs kept.
 */
function scanHtml(html, pageUrl) {
    const references = [];
    const metaPolicies = [];
    const inlineCss = [];
    let base = pageUrl;
    let baseSeen = false;
    let pictureDepth = 0;
    /** `<source>` elements seen in the innermost open `<video>`/`<audio>`. */
    const mediaSources = [];
    let inStyle = false;
    const onOpenTag = (tag, attributes) => {
        if (attributes.style)
            inlineCss.push(attributes.style);
        if (tag === 'style')
            inStyle = true;
        if (tag === 'picture')
            pictureDepth++;
        if (tag === 'video' || tag === 'audio')
            mediaSources.push(0);
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
        const names = ATTRIBUTES[tag];
        if (!names)
            return;
        const type = typeOf(tag, attributes, pictureDepth > 0);
        if (type === undefined)
            return;
        const laterMediaSource = tag === 'source' &&
            pictureDepth === 0 &&
            mediaSources.length > 0 &&
            mediaSources[mediaSources.length - 1]++ > 0;
        for (const attribute of names) {
            const written = attributes[attribute];
            if (written === undefined)
                continue;
            const srcset = attribute === 'srcset';
            const urls = (srcset ? srcsetUrls(written) : [written]).flatMap(text => {
                const url = resolve(text, base);
                return url && (url.protocol === 'http:' || url.protocol === 'https:')
                    ? [url]
                    : [];
            });
            if (urls.length === 0)
                continue;
            references.push({
                tag,
                attribute,
                value: written.trim(),
                urls,
                type: attribute === 'poster' ? 'image' : type,
                submits: tag === 'form' || tag === 'button',
                alternative: laterMediaSource ||
                    (tag === 'source' && pictureDepth > 0) ||
                    (srcset && attributes.src !== undefined)
            });
        }
    };
    const parser = new htmlparser2__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .i({
        onopentag: onOpenTag,
        ontext(text) {
            if (inStyle)
                inlineCss.push(text);
        },
        onclosetag(tag) {
            if (tag === 'style')
                inStyle = false;
            if (tag === 'picture' && pictureDepth > 0)
                pictureDepth--;
            if (tag === 'video' || tag === 'audio')
                mediaSources.pop();
        }
    }, { decodeEntities: true });
    parser.write(html);
    parser.end();
    return { references, metaPolicies, inlineCss, base };
}
/** The type an element loads, or undefined when it loads nothing. */
function typeOf(tag, attributes, inPicture) {
    switch (tag) {
        case 'script':
            return 'script';
        case 'link':
            return linkType(attributes.rel, attributes.as);
        case 'img':
        case 'input':
            return 'image';
        case 'source':
            return inPicture ? 'image' : 'media';
        case 'iframe':
        case 'frame':
            return 'document';
        case 'video':
        case 'audio':
        case 'track':
            return 'media';
        default:
            return 'other';
    }
}
function linkType(rel, as) {
    const tokens = (rel ?? '').toLowerCase().split(/\s+/);
    if (!tokens.some(token => LOADING_RELS.has(token)))
        return undefined;
    if (tokens.includes('stylesheet'))
        return 'stylesheet';
    if (tokens.includes('modulepreload'))
        return 'script';
    if (tokens.includes('icon'))
        return 'image';
    if (tokens.includes('preload')) {
        return PRELOAD_AS[(as ?? '').trim().toLowerCase()] ?? 'other';
    }
    return 'other';
}
/** CSS beyond this many characters is not searched for references. */
const MAX_CSS_CHARS = 2 * 1024 * 1024;
const CSS_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
const CSS_IMPORT = /@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^\s;'")]+))/gi;
// An unquoted url() holds no parenthesis (CSS escapes them), so no match
// runs across another `url(`: every pattern here stays linear on hostile CSS.
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s()'"]+))\s*\)/gi;
const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;
/**
 * The http(s) URLs a stylesheet loads, resolved against `base` (the sheet's
 * URL, or the page's base for inline CSS), each once, in order.
 */
function cssReferences(css, base) {
    const text = css.slice(0, MAX_CSS_CHARS).replace(CSS_COMMENT, '');
    const found = new Map();
    const add = (written, imported) => {
        const url = resolve(written ?? '', base);
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
            return;
        if (found.has(url.href))
            return;
        const type = imported
            ? 'stylesheet'
            : FONT_FILE.test(url.pathname)
                ? 'font'
                : IMAGE_FILE.test(url.pathname)
                    ? 'image'
                    : 'other';
        found.set(url.href, { url, type });
    };
    for (const m of text.matchAll(CSS_IMPORT))
        add(m[1] ?? m[2] ?? m[3], true);
    for (const m of text.matchAll(CSS_URL))
        add(m[1] ?? m[2] ?? m[3], false);
    return [...found.values()];
}
/** `a.png 1x, http://x/b.png 2x` → the URLs. */
function srcsetUrls(srcset) {
    return srcset
        .split(',')
        .map(candidate => candidate.trim().split(/\s+/)[0])
        .filter(Boolean);
}
function resolve(reference, base) {
    const trimmed = reference.trim();
    if (!trimmed)
        return undefined;
    try {
        return new URL(trimmed, base);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 46524:
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


/***/ })

};
