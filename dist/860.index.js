export const id = 860;
export const ids = [860];
export const modules = {

/***/ 41860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_WALK: () => (/* binding */ MAX_WALK),
/* harmony export */   describeChain: () => (/* binding */ describeChain),
/* harmony export */   evaluateRedirects: () => (/* binding */ evaluateRedirects),
/* harmony export */   redirectsCheck: () => (/* binding */ redirectsCheck)
/* harmony export */ });
/* harmony import */ var _net_redirects_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80458);
/* harmony import */ var _util_list_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(45754);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(34545);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11572);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84590);





/** Permanent redirects: what canonical-URL rules usually want. */
const DEFAULT_FINAL_STATUSES = [301, 308];
/** Hops followed at most, whatever max_hops says: enough to show a chain. */
const MAX_WALK = 20;
/** Redirects need the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024;
const redirectsCheck = {
    kind: 'redirects',
    // Chains are walked up to MAX_WALK hops to show them, whatever max_hops says.
    plan: (section, policy) => (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .requestsPlan */ .w)(policy, section.rules.length, 'rules', MAX_WALK),
    units: section => section.rules.map((rule, index) => ({
        name: rule.name ?? rule.from,
        level: rule.level ?? section.level ?? 'error',
        policyPath: ['redirects', 'rules', index],
        async run(ctx) {
            const from = urlOf(rule.from, ctx.target);
            const to = urlOf(rule.to, ctx.target);
            const walk = await (0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .walkRedirects */ .nz)(from, url => ctx.http.sendWithRetries({
                url,
                maxBodyBytes: BODY_BYTES,
                signal: ctx.signal
            }), {
                maxRequests: MAX_WALK,
                allowed: hostAllowed([ctx.target, from, to], section.allow_hosts)
            });
            return evaluateRedirects(rule, section, from, to, walk);
        }
    }))
};
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
            const start = hops.findIndex(hop => (0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(hop.url) === (0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(next));
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
                if ((0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(from) !== (0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(to)) {
                    problems.push(`no redirect: answered ${last.status}; expected a redirect to ${to.href}`);
                }
                break;
            }
            if (redirects.length > section.max_hops) {
                problems.push(`${redirects.length} hops > max_hops ${section.max_hops}`);
            }
            if ((0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(last.url) !== (0,_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutHash */ .XK)(to)) {
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
        if (!_net_redirects_js__WEBPACK_IMPORTED_MODULE_0__/* .REDIRECT_STATUSES */ .aq.has(hop.status))
            break;
        const target = hop.next?.href ??
            (hop.location === undefined ? '(no Location)' : `"${hop.location}"`);
        text += ` → ${hop.status} ${target}`;
    }
    return text;
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
function urlOf(value, target) {
    return value.startsWith('/')
        ? (0,_target_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveUrl */ .O)({ path: value }, target)
        : new URL(value);
}


/***/ })

};
