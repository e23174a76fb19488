export const id = 860;
export const ids = [860];
export const modules = {

/***/ 21648:
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

/***/ 41860:
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
/* harmony import */ var _util_list_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(45754);
/* harmony import */ var _http_headers_fields_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21648);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(34545);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11572);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84590);





const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Permanent redirects: what canonical-URL rules usually want. */
const DEFAULT_FINAL_STATUSES = [301, 308];
/** Hops followed at most, whatever max_hops says: enough to show a chain. */
const MAX_WALK = 20;
/** Redirects need the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024;
const redirectsCheck = {
    kind: 'redirects',
    // Chains are walked up to MAX_WALK hops to show them, whatever max_hops says.
    plan: (section, policy) => (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .requestsPlan */ .w)(policy, section.rules.length, 'rules', MAX_WALK),
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
            }), hostAllowed([ctx.target, from, to], section.allow_hosts));
            return evaluateRedirects(rule, section, from, to, walk);
        }
    }))
};
/**
 * Follows a chain one request at a time (the client never follows
 * redirects itself), stopping at a non-redirect answer, a loop, a bad
 * Location, or MAX_WALK hops.
 */
async function walkRedirects(from, send, allowed = () => true) {
    const hops = [];
    const visited = new Set([withoutHash(from)]);
    for (let url = from;;) {
        const res = await send(url);
        const hop = { url, status: res.status };
        hops.push(hop);
        if (!REDIRECT_STATUSES.has(res.status))
            return { hops, end: 'final' };
        hop.location = (0,_http_headers_fields_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldValue */ .ag)(res.headers, 'location');
        if (hop.location === undefined)
            return { hops, end: 'no-location' };
        hop.next = parseLocation(hop.location, url);
        if (!hop.next)
            return { hops, end: 'malformed' };
        if (visited.has(withoutHash(hop.next)))
            return { hops, end: 'loop' };
        if (hops.length >= MAX_WALK)
            return { hops, end: 'too-long' };
        if (!allowed(hop.next))
            return { hops, end: 'off-host' };
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
    const allowed = rule.status === undefined ? DEFAULT_FINAL_STATUSES : (0,_util_list_js__WEBPACK_IMPORTED_MODULE_3__/* .asList */ .D)(rule.status);
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
        case 'off-host':
            problems.push(`stopped at hop ${hops.length}: ${last.next.host} is neither the target, the rule's from/to hosts nor in redirects.allow_hosts`);
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
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_4__/* .failedOutcome */ .i)(findings, metrics);
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
/**
 * The hosts a chain may visit (§7.0 host rule): those of the target and
 * the rule, and `allow_hosts` (`*.example.com` covers its subdomains).
 */
function hostAllowed(known, allowHosts) {
    const exact = new Set(known.flatMap(url => (url ? [url.hostname] : [])));
    const suffixes = [];
    for (const host of allowHosts) {
        const lower = host.toLowerCase();
        if (lower.startsWith('*.'))
            suffixes.push(lower.slice(1));
        else
            exact.add(lower);
    }
    return url => exact.has(url.hostname) || suffixes.some(s => url.hostname.endsWith(s));
}
function withoutHash(url) {
    return url.href.replace(/#.*$/, '');
}
function urlOf(value, target) {
    return value.startsWith('/')
        ? (0,_target_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveUrl */ .O)({ path: value }, target)
        : new URL(value);
}


/***/ })

};
