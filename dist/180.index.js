export const id = 180;
export const ids = [180];
export const modules = {

/***/ 49180:
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
var fields = __webpack_require__(21648);
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

;// CONCATENATED MODULE: ./src/checks/http-headers/http-date.ts
/**
 * HTTP-date (RFC 9110 §5.6.7), read as a cache must: exactly one of
 *
 *   IMF-fixdate  `Sun, 06 Nov 1994 08:49:37 GMT`
 *   RFC 850      `Sunday, 06-Nov-94 08:49:37 GMT`  (obsolete)
 *   asctime      `Sun Nov  6 08:49:37 1994`        (always GMT)
 *
 * Names are case-sensitive and spacing is exact. Anything else (`UTC`, a
 * missing comma, double spaces, dashes in an IMF-fixdate, a one-digit hour,
 * a bare year) is not a date, though `Date.parse` accepts most of it.
 */
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec'
];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^${DAY_LONG}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ((?:\\d{2})|(?: \\d)) ${TIME} (\\d{4})$`);
/**
 * Milliseconds since the epoch, or undefined when `value` is not an
 * HTTP-date. `now` places RFC 850's two-digit year: the nearest year with
 * those digits that is not more than 50 years in the future.
 */
function parseHttpDate(value, now = Date.now()) {
    let match = IMF_FIXDATE.exec(value);
    if (match) {
        const [, day, month, year, ...time] = match;
        return utc(Number(year), month, day, time);
    }
    match = RFC_850.exec(value);
    if (match) {
        const [, day, month, twoDigits, ...time] = match;
        return utc(nearestYear(Number(twoDigits), now), month, day, time);
    }
    match = ASCTIME.exec(value);
    if (match) {
        const [, month, day, hour, minute, second, year] = match;
        return utc(Number(year), month, day, [hour, minute, second]);
    }
    return undefined;
}
function utc(year, month, day, [hour, minute, second]) {
    const fields = {
        month: MONTHS.indexOf(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        // 60 is a leap second (RFC 9110 §5.6.7); it reads as the next second.
        second: Number(second)
    };
    if (fields.hour > 23 || fields.minute > 59 || fields.second > 60) {
        return undefined;
    }
    // setUTCFullYear, unlike Date.UTC, keeps the years 0-99 as written.
    const date = new Date(0);
    date.setUTCFullYear(year, fields.month, fields.day);
    date.setUTCHours(fields.hour, fields.minute, Math.min(fields.second, 59));
    // 31 Feb rolls over into March: such a date does not exist.
    if (date.getUTCDate() !== fields.day)
        return undefined;
    return date.getTime() + (fields.second === 60 ? 1000 : 0);
}
function nearestYear(twoDigits, now) {
    const limit = new Date(now).getUTCFullYear() + 50;
    return limit - (((limit % 100) - twoDigits + 100) % 100);
}

// EXTERNAL MODULE: ./src/checks/http-headers/set-cookie.ts
var set_cookie = __webpack_require__(46524);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(11572);
// EXTERNAL MODULE: ./src/checks/plan.ts
var plan = __webpack_require__(84590);
;// CONCATENATED MODULE: ./src/checks/cache.ts







/** Caching needs the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024;
const cacheCheck = {
    kind: 'cache',
    plan: (items, policy) => (0,plan/* requestsPlan */.w)(policy, items.length, 'items'),
    units: items => items.map((item, index) => ({
        name: (0,target/* itemLabel */.I)(item),
        level: item.level,
        policyPath: ['cache', index],
        async run(ctx) {
            const url = (0,target/* resolveUrl */.O)(item, ctx.target);
            const res = await ctx.http.sendWithRetries({
                url,
                maxBodyBytes: BODY_BYTES,
                signal: ctx.signal
            });
            // Judged for the request actually sent (RFC 9111 §3.5).
            const authorized = 'authorization' in ctx.http.headersFor(url);
            return evaluateCache(item, res, { authorized });
        }
    }))
};
/** Status codes RFC 9110 defines: a cache that implements must-understand knows them. */
const UNDERSTOOD_STATUS = new Set([
    100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305,
    307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412,
    413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505
]);
/** Status codes a cache may store without explicit freshness (RFC 9110 §15.1). */
const HEURISTIC_STATUS = new Set([
    200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501
]);
/**
 * Storability and freshness lifetime for a shared cache (RFC 9111):
 * must-understand stores only a status the cache knows, and then overrides
 * no-store; no-store and an unqualified private forbid storing; so does an
 * Authorization on the request, unless public, s-maxage or must-revalidate
 * allow it; no-cache forces a revalidation on every use (lifetime 0); the
 * lifetime is s-maxage, else max-age, else Expires minus Date, with an
 * invalid Expires already expired and an invalid Date replaced by the time
 * the response arrived.
 */
function sharedCaching(input) {
    const { directives, status } = input;
    const blocked = (blockedBy) => ({
        storable: false,
        lifetime: 0,
        lifetimeSource: '',
        blockedBy
    });
    const mustUnderstand = directives.has('must-understand');
    if (mustUnderstand && !UNDERSTOOD_STATUS.has(status)) {
        return blocked(`must-understand with status ${status}, which caches do not know,`);
    }
    const noStoreLifted = mustUnderstand && directives.has('no-store');
    if (directives.has('no-store') && !noStoreLifted)
        return blocked('no-store');
    if (directives.get('private') === true)
        return blocked('private');
    if (input.authorized &&
        !directives.has('public') &&
        !directives.has('s-maxage') &&
        !directives.has('must-revalidate')) {
        return blocked('Authorization');
    }
    const age = /^\d+$/.test(input.age?.trim() ?? '')
        ? Number(input.age)
        : undefined;
    const caching = { storable: true, noStoreLifted, age };
    if (directives.get('no-cache') === true) {
        return { ...caching, lifetime: 0, lifetimeSource: 'no-cache' };
    }
    for (const name of ['s-maxage', 'max-age']) {
        const seconds = deltaSeconds(directives, name);
        if (seconds !== undefined) {
            return {
                ...caching,
                lifetime: seconds,
                lifetimeSource: `${name}=${seconds}`
            };
        }
    }
    const dateAt = parseHttpDate(input.date ?? '', input.receivedAt) ?? input.receivedAt;
    if (input.expires !== undefined) {
        const expiresAt = parseHttpDate(input.expires, input.receivedAt);
        if (expiresAt === undefined) {
            return {
                ...caching,
                lifetime: 0,
                lifetimeSource: `Expires "${input.expires}" is not an HTTP date, so already expired`
            };
        }
        return {
            ...caching,
            lifetime: Math.max(0, Math.floor((expiresAt - dateAt) / 1000)),
            lifetimeSource: `Expires ${input.expires}`
        };
    }
    const modifiedAt = parseHttpDate(input.lastModified ?? '', input.receivedAt);
    const guessed = modifiedAt !== undefined &&
        (HEURISTIC_STATUS.has(status) || directives.has('public'))
        ? Math.floor((dateAt - modifiedAt) / 10_000)
        : 0;
    return {
        ...caching,
        lifetime: 0,
        lifetimeSource: 'no max-age, s-maxage or Expires',
        ...(guessed > 0 ? { heuristic: guessed } : {})
    };
}
/** Judges one response against a cache item; pure, so tests need no server. */
function evaluateCache(item, res, request = {}) {
    const findings = [];
    const notes = [];
    const header = (0,fields/* fieldValue */.ag)(res.headers, 'cache-control');
    const shown = header === undefined ? 'no Cache-Control' : `Cache-Control "${header}"`;
    const directives = parseCacheControl((0,fields/* fieldLines */.AI)(res.headers, 'cache-control'));
    const caching = sharedCaching({
        status: res.status,
        directives,
        expires: (0,fields/* fieldValue */.ag)(res.headers, 'expires'),
        date: (0,fields/* fieldValue */.ag)(res.headers, 'date'),
        lastModified: (0,fields/* fieldValue */.ag)(res.headers, 'last-modified'),
        age: (0,fields/* fieldValue */.ag)(res.headers, 'age'),
        authorized: request.authorized,
        receivedAt: request.receivedAt ?? Date.now()
    });
    const vary = (0,fields/* fieldValue */.ag)(res.headers, 'vary');
    const cookies = (0,fields/* fieldLines */.AI)(res.headers, 'set-cookie');
    // What a cache does beyond the verdict: said in the finding, else noted.
    const asides = cachingAsides(caching);
    let asidesSaid = false;
    const withAsides = (message) => {
        asidesSaid = true;
        return message + asides.map(aside => `; ${aside}`).join('');
    };
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
        if (caching.blockedBy === 'Authorization') {
            findings.push({
                message: `${shown}: the request carried Authorization (from defaults.headers), and shared caches store the answer to such a request only with public, s-maxage or must-revalidate; expected public caching with ${wanted}`
            });
        }
        else if (!caching.storable) {
            findings.push({
                message: `${shown}: ${caching.blockedBy} keeps shared caches from storing it; expected public caching with ${wanted}`
            });
        }
        else if (caching.lifetime < minimum) {
            findings.push({
                message: withAsides(`${shown}: shared caches may serve it ${caching.lifetime} s without asking the origin (${caching.lifetimeSource}); expected ${wanted}`)
            });
        }
        if (vary?.split(',').some(field => field.trim() === '*')) {
            findings.push({
                message: `Vary "${vary}": "*" makes every request a cache miss; expected Vary to list request headers`
            });
        }
    }
    else if (directives.get('private') !== true &&
        (!directives.has('no-store') || caching.noStoreLifted)) {
        // Visitors' requests carry no Authorization: it exempts nothing here.
        const lifted = caching.noStoreLifted
            ? ' (must-understand with a status caches know overrides no-store)'
            : '';
        findings.push({
            message: withAsides(`${shown}: shared caches may store this private response${lifted}; expected private or no-store`)
        });
    }
    if (caching.storable && request.authorized) {
        notes.push('the request carried Authorization (from defaults.headers); public, s-maxage or must-revalidate lets shared caches store the answer anyway');
    }
    if (caching.noStoreLifted && item.expect === 'public') {
        notes.push(`must-understand with status ${res.status}: caches that implement it store the response despite no-store (RFC 9111 §5.2.2.3)`);
    }
    if (!asidesSaid)
        notes.push(...asides);
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
        return { ok: true, summary, metrics, findings, notes };
    }
    return { ...(0,outcome/* failedOutcome */.i)(findings, metrics), notes };
}
/**
 * What caches do that the verdict does not count (RFC 9111 §4.2.2, §4.2.3):
 * a heuristic lifetime guessed from Last-Modified, and an Age that already
 * uses up the lifetime (the response is stale when it reaches this edge).
 */
function cachingAsides(caching) {
    const asides = [];
    if (caching.heuristic !== undefined) {
        asides.push(`without an explicit lifetime, caches may guess one from Last-Modified: about ${(0,fields/* formatSeconds */.Xo)(caching.heuristic)} (10% of its age)`);
    }
    if (caching.storable &&
        caching.age !== undefined &&
        caching.lifetime > 0 &&
        caching.age >= caching.lifetime) {
        asides.push(`Age ${caching.age} s already uses up the ${caching.lifetime} s lifetime: the response is stale when it reaches this edge, so each use goes back to the origin`);
    }
    return asides;
}
/** Cookie names only: a cookie's value may be a session token. */
function cookieNames(lines) {
    return lines.map(line => `"${(0,set_cookie/* parseSetCookie */.s)(line).name}"`).join(', ');
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
