export const id = 620;
export const ids = [620];
export const modules = {

/***/ 9620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cacheCheck: () => (/* binding */ cacheCheck),
  evaluateCache: () => (/* binding */ evaluateCache),
  sharedCaching: () => (/* binding */ sharedCaching)
});

// EXTERNAL MODULE: ./src/checks/http-headers/fields.ts
var fields = __webpack_require__(1648);
;// CONCATENATED MODULE: ./src/checks/http-headers/cache-control.ts

/**
 * Parses Cache-Control (RFC 9111 §5.2) from all its header lines. Names are
 * case-insensitive, values may be quoted lists, and the first occurrence of
 * a repeated directive wins (§4.2.1).
 */
function parseCacheControl(lines) {
    const directives = new Map();
    for (const part of lines.flatMap(line => (0,fields/* splitOutsideQuotes */.Rf)(line, ','))) {
        const equals = part.indexOf('=');
        const name = (equals === -1 ? part : part.slice(0, equals))
            .trim()
            .toLowerCase();
        if (!name || directives.has(name))
            continue;
        directives.set(name, equals === -1 ? true : (0,fields/* unquote */._n)(part.slice(equals + 1)));
    }
    return directives;
}
/**
 * A delta-seconds directive (`max-age`, `s-maxage`): undefined when absent,
 * 0 when malformed, since RFC 9111 §1.2.2 says to treat an invalid value as
 * already stale.
 */
function deltaSeconds(directives, name) {
    const value = directives.get(name);
    if (value === undefined)
        return undefined;
    if (value === true || !/^\d+$/.test(value))
        return 0;
    return Math.min(Number(value), 2 ** 31);
}
/**
 * The header field names a qualified `private="..."` or `no-cache="..."`
 * lists; empty for the bare directive or when it is absent.
 */
function qualifiedFields(directives, name) {
    const value = directives.get(name);
    if (typeof value !== 'string')
        return [];
    return value
        .split(',')
        .map(field => field.trim().toLowerCase())
        .filter(Boolean);
}

// EXTERNAL MODULE: ./src/checks/http-headers/set-cookie.ts
var set_cookie = __webpack_require__(6524);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(4545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(1572);
;// CONCATENATED MODULE: ./src/checks/cache.ts





/** Caching needs the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024;
const cacheCheck = {
    kind: 'cache',
    units: items => items.map((item, index) => ({
        name: (0,target/* itemLabel */.I)(item),
        level: item.level,
        policyPath: ['cache', index],
        async run(ctx) {
            const res = await ctx.http.sendWithRetries({
                url: (0,target/* resolveUrl */.O)(item, ctx.target),
                maxBodyBytes: BODY_BYTES,
                signal: ctx.signal
            });
            return evaluateCache(item, res);
        }
    }))
};
/**
 * Storability and freshness lifetime for a shared cache: `no-store` and an
 * unqualified `private` forbid storing; `no-cache` forces a revalidation on
 * every use (lifetime 0); the lifetime is `s-maxage`, else `max-age`, else
 * Expires minus Date (RFC 9111 §4.2.1).
 */
function sharedCaching(directives, expires, date, receivedAt) {
    if (directives.has('no-store')) {
        return {
            storable: false,
            lifetime: 0,
            lifetimeSource: '',
            blockedBy: 'no-store'
        };
    }
    if (directives.get('private') === true) {
        return {
            storable: false,
            lifetime: 0,
            lifetimeSource: '',
            blockedBy: 'private'
        };
    }
    if (directives.get('no-cache') === true) {
        return { storable: true, lifetime: 0, lifetimeSource: 'no-cache' };
    }
    for (const name of ['s-maxage', 'max-age']) {
        const seconds = deltaSeconds(directives, name);
        if (seconds !== undefined) {
            return {
                storable: true,
                lifetime: seconds,
                lifetimeSource: `${name}=${seconds}`
            };
        }
    }
    if (expires !== undefined) {
        // An invalid Expires (often "0" or "-1") means already expired.
        const expiresAt = Date.parse(expires);
        const dateAt = date === undefined ? NaN : Date.parse(date);
        const now = Number.isNaN(dateAt) ? receivedAt : dateAt;
        const lifetime = Number.isNaN(expiresAt)
            ? 0
            : Math.max(0, Math.floor((expiresAt - now) / 1000));
        return { storable: true, lifetime, lifetimeSource: `Expires ${expires}` };
    }
    return {
        storable: true,
        lifetime: 0,
        lifetimeSource: 'no max-age, s-maxage or Expires'
    };
}
/** Judges one response against a cache item; pure, so tests need no server. */
function evaluateCache(item, res, receivedAt = Date.now()) {
    const findings = [];
    const header = (0,fields/* fieldValue */.ag)(res.headers, 'cache-control');
    const shown = header === undefined ? 'no Cache-Control' : `Cache-Control "${header}"`;
    const directives = parseCacheControl((0,fields/* fieldLines */.AI)(res.headers, 'cache-control'));
    const caching = sharedCaching(directives, (0,fields/* fieldValue */.ag)(res.headers, 'expires'), (0,fields/* fieldValue */.ag)(res.headers, 'date'), receivedAt);
    const vary = (0,fields/* fieldValue */.ag)(res.headers, 'vary');
    const cookies = (0,fields/* fieldLines */.AI)(res.headers, 'set-cookie');
    if (res.status < 200 || res.status >= 300) {
        findings.push({
            message: `status ${res.status}: expected a 2xx answer to judge its caching (point the item at the final URL)`
        });
    }
    if (item.expect === 'public') {
        const minimum = item.min_max_age ?? 1;
        const wanted = item.min_max_age === undefined
            ? 'a positive max-age or s-maxage'
            : `max-age or s-maxage ≥ ${item.min_max_age}`;
        if (!caching.storable) {
            findings.push({
                message: `${shown}: ${caching.blockedBy} keeps shared caches from storing it; expected public caching with ${wanted}`
            });
        }
        else if (caching.lifetime < minimum) {
            findings.push({
                message: `${shown}: shared caches may serve it ${caching.lifetime} s without asking the origin (${caching.lifetimeSource}); expected ${wanted}`
            });
        }
        if (vary?.split(',').some(field => field.trim() === '*')) {
            findings.push({
                message: `Vary "${vary}": "*" makes every request a cache miss; expected Vary to list request headers`
            });
        }
    }
    else if (!directives.has('no-store') &&
        directives.get('private') !== true) {
        findings.push({
            message: `${shown}: shared caches may store this private response; expected private or no-store`
        });
    }
    // A cookie stored with a public page is handed to every later visitor.
    const cookieShared = !qualifiedFields(directives, 'private').includes('set-cookie') &&
        !qualifiedFields(directives, 'no-cache').includes('set-cookie');
    if (cookies.length > 0 &&
        caching.storable &&
        caching.lifetime > 0 &&
        cookieShared) {
        findings.push({
            message: `sets a cookie (${cookieNames(cookies)}) on a response shared caches may store for ${(0,fields/* formatSeconds */.Xo)(caching.lifetime)} (${shown}); make it private or no-store, or stop setting the cookie here`
        });
    }
    const metrics = {
        status: res.status,
        cache_control: header ?? '',
        shared_lifetime_s: caching.storable ? caching.lifetime : 0,
        ...(vary === undefined ? {} : { vary }),
        sets_cookie: cookies.length > 0
    };
    if (findings.length === 0) {
        const summary = item.expect === 'public'
            ? `shared caches may keep it ${(0,fields/* formatSeconds */.Xo)(caching.lifetime)} (${shown})`
            : `private: ${shown}`;
        return { ok: true, summary, metrics, findings };
    }
    return (0,outcome/* failedOutcome */.i)(findings, metrics);
}
/** Cookie names only: a cookie's value may be a session token. */
function cookieNames(lines) {
    return lines.map(line => `"${(0,set_cookie/* parseSetCookie */.s)(line).name}"`).join(', ');
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
