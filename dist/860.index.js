export const id = 860;
export const ids = [860];
export const modules = {

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

/***/ 1860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_WALK: () => (/* binding */ MAX_WALK),
/* harmony export */   describeChain: () => (/* binding */ describeChain),
/* harmony export */   evaluateRedirects: () => (/* binding */ evaluateRedirects),
/* harmony export */   parseLocation: () => (/* binding */ parseLocation),
/* harmony export */   redirectsCheck: () => (/* binding */ redirectsCheck),
/* harmony export */   walkRedirects: () => (/* binding */ walkRedirects)
/* harmony export */ });
/* harmony import */ var _util_list_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5754);
/* harmony import */ var _http_headers_fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1648);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4545);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1572);




const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Permanent redirects: what canonical-URL rules usually want. */
const DEFAULT_FINAL_STATUSES = [301, 308];
/** Hops followed at most, whatever max_hops says: enough to show a chain. */
const MAX_WALK = 20;
/** Redirects need the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024;
const redirectsCheck = {
    kind: 'redirects',
    units: section => section.rules.map((rule, index) => ({
        name: rule.name ?? rule.from,
        level: rule.level ?? section.level ?? 'error',
        policyPath: ['redirects', 'rules', index],
        async run(ctx) {
            const from = urlOf(rule.from, ctx.target);
            const to = urlOf(rule.to, ctx.target);
            const walk = await walkRedirects(from, url => ctx.http.sendWithRetries({
                url,
                maxBodyBytes: BODY_BYTES,
                signal: ctx.signal
            }));
            return evaluateRedirects(rule, section, from, to, walk);
        }
    }))
};
/**
 * Follows a chain one request at a time (the client never follows
 * redirects itself), stopping at a non-redirect answer, a loop, a bad
 * Location, or MAX_WALK hops.
 */
async function walkRedirects(from, send) {
    const hops = [];
    const visited = new Set([withoutHash(from)]);
    for (let url = from;;) {
        const res = await send(url);
        const hop = { url, status: res.status };
        hops.push(hop);
        if (!REDIRECT_STATUSES.has(res.status))
            return { hops, end: 'final' };
        hop.location = (0,_http_headers_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .fieldValue */ .ag)(res.headers, 'location');
        if (hop.location === undefined)
            return { hops, end: 'no-location' };
        hop.next = parseLocation(hop.location, url);
        if (!hop.next)
            return { hops, end: 'malformed' };
        if (visited.has(withoutHash(hop.next)))
            return { hops, end: 'loop' };
        if (hops.length >= MAX_WALK)
            return { hops, end: 'too-long' };
        visited.add(withoutHash(hop.next));
        url = hop.next;
    }
}
/** Judges a walked chain against its rule; pure, so tests need no server. */
function evaluateRedirects(rule, section, from, to, walk) {
    const { hops } = walk;
    const redirects = hops.filter(hop => hop.location !== undefined);
    const last = hops[hops.length - 1];
    const chain = describeChain(walk);
    const problems = [];
    hops.forEach((hop, index) => {
        const number = index + 1;
        if (hop.location !== undefined && hop.next && isRelative(hop.location)) {
            if (!section.allow_relative) {
                problems.push(`hop ${number} Location "${hop.location}" is relative; expected an absolute URL, or allow_relative: true`);
            }
        }
        if (hop.url.protocol === 'https:' && hop.next?.protocol === 'http:') {
            problems.push(`hop ${number} downgrades https to http`);
        }
    });
    const allowed = rule.status === undefined ? DEFAULT_FINAL_STATUSES : (0,_util_list_js__WEBPACK_IMPORTED_MODULE_1__/* .asList */ .D)(rule.status);
    switch (walk.end) {
        case 'loop': {
            const next = last.next;
            const start = hops.findIndex(hop => withoutHash(hop.url) === withoutHash(next));
            const cycle = [...hops.slice(start).map(hop => hop.url.href), next.href];
            problems.push(`redirect loop: ${cycle.join(' → ')}`);
            break;
        }
        case 'malformed':
            problems.push(`hop ${hops.length} Location "${last.location}" is malformed; expected an absolute http(s) URL`);
            break;
        case 'no-location':
            problems.push(`hop ${hops.length} is a ${last.status} without a Location header`);
            break;
        case 'too-long':
            problems.push(`still redirecting after ${MAX_WALK} hops; max_hops is ${section.max_hops}`);
            break;
        case 'final': {
            if (redirects.length === 0) {
                if (withoutHash(from) !== withoutHash(to)) {
                    problems.push(`no redirect: answered ${last.status}; expected a redirect to ${to.href}`);
                }
                break;
            }
            if (redirects.length > section.max_hops) {
                problems.push(`${redirects.length} hops > max_hops ${section.max_hops}`);
            }
            if (withoutHash(last.url) !== withoutHash(to)) {
                problems.push(`ends at ${last.url.href}; expected ${to.href}`);
            }
            const finalHop = redirects[redirects.length - 1];
            if (!allowed.includes(finalHop.status)) {
                problems.push(`final hop is ${finalHop.status}; expected ${allowed.join(' or ')}`);
            }
        }
    }
    const metrics = {
        hops: redirects.length,
        chain,
        final_url: (last.next ?? last.url).href,
        final_status: last.status
    };
    const findings = problems.map(problem => ({
        message: `${chain} (${problem})`
    }));
    if (findings.length === 0) {
        const summary = redirects.length === 0
            ? `${from.href} answers ${last.status} without redirecting`
            : `${chain} (${redirects.length} hop${redirects.length === 1 ? '' : 's'}, then ${last.status})`;
        return { ok: true, summary, metrics, findings };
    }
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .failedOutcome */ .i)(findings, metrics);
}
/** `http://a/ → 302 https://www.a/ → 301 https://a/`: every hop, as seen. */
function describeChain(walk) {
    let text = walk.hops[0].url.href;
    for (const hop of walk.hops) {
        if (!REDIRECT_STATUSES.has(hop.status))
            break;
        const target = hop.next?.href ??
            (hop.location === undefined ? '(no Location)' : `"${hop.location}"`);
        text += ` → ${hop.status} ${target}`;
    }
    return text;
}
/**
 * A Location resolved against the URL that sent it; undefined when it is
 * not a valid http(s) URI reference (whitespace, bad host, other scheme).
 */
function parseLocation(location, base) {
    const trimmed = location.trim();
    // eslint-disable-next-line no-control-regex -- control characters are what it rejects
    if (!trimmed || /[\s\u0000-\u001f\u007f]/.test(trimmed))
        return undefined;
    try {
        const url = new URL(trimmed, base);
        return url.protocol === 'http:' || url.protocol === 'https:'
            ? url
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** A reference without a scheme: `/path`, `//host/path`, `page`. */
function isRelative(location) {
    return !/^[a-z][a-z0-9+.-]*:/i.test(location.trim());
}
function withoutHash(url) {
    return url.href.replace(/#.*$/, '');
}
function urlOf(value, target) {
    return value.startsWith('/')
        ? (0,_target_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveUrl */ .O)({ path: value }, target)
        : new URL(value);
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


/***/ }),

/***/ 5754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ asList)
/* harmony export */ });
/** A policy value written as one item or a list of them (`status: 200` or `[200, 304]`), as a list. */
function asList(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value) ? [...value] : [value];
}


/***/ })

};
