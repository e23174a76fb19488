export const id = 8;
export const ids = [8];
export const modules = {

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

/***/ 3008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PROBE_TIME_LIMIT_MS: () => (/* binding */ PROBE_TIME_LIMIT_MS),
/* harmony export */   evaluateRateLimit: () => (/* binding */ evaluateRateLimit),
/* harmony export */   probeRateLimit: () => (/* binding */ probeRateLimit),
/* harmony export */   rateLimitsCheck: () => (/* binding */ rateLimitsCheck),
/* harmony export */   statusRuns: () => (/* binding */ statusRuns)
/* harmony export */ });
/* harmony import */ var _policy_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5432);
/* harmony import */ var _util_list_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5754);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4545);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1572);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6468);





/** A probe never runs longer than this, however slow the endpoint. */
const PROBE_TIME_LIMIT_MS = 120_000;
/** Answers are not judged by their body: read little of it. */
const MAX_BODY_BYTES = 64 * 1024;
const rateLimitsCheck = {
    kind: 'rate_limits',
    units: items => items.map((item, index) => ({
        name: (0,_target_js__WEBPACK_IMPORTED_MODULE_1__/* .itemLabel */ .I)(item),
        level: item.level,
        policyPath: ['rate_limits', index],
        async run(ctx) {
            const probe = await probeRateLimit(item, ctx);
            if (probe.stopped &&
                probe.limitedAt === undefined &&
                probe.statuses.length < item.within) {
                throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .CheckError */ .t(`stopped at request ${probe.statuses.length} of ${item.within} (${probe.stopped}) before any ${expectedText(item)}: ${statusRuns(probe.statuses) || 'no answers'}`);
            }
            return evaluateRateLimit(item, probe);
        }
    }))
};
/**
 * Sends the item's request one at a time until an expected status comes
 * back, `requests` have been sent, the probe's time is up or the run is
 * cancelled. A request that gets no HTTP answer ends the probe with a
 * CheckError naming it.
 */
async function probeRateLimit(item, ctx) {
    const url = (0,_target_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveUrl */ .O)(item, ctx.target);
    const expected = expectedStatuses(item);
    const { body, headers } = encodeBody(item);
    const timeLimit = AbortSignal.timeout(PROBE_TIME_LIMIT_MS);
    const signal = AbortSignal.any([ctx.signal, timeLimit]);
    const statuses = [];
    const stopped = () => timeLimit.aborted
        ? `the probe's ${(0,_policy_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(PROBE_TIME_LIMIT_MS)} were up`
        : 'the run is out of time';
    for (let number = 1; number <= item.requests; number++) {
        if (signal.aborted)
            return { statuses, stopped: stopped() };
        let res;
        try {
            res = await ctx.http.send({
                url,
                method: item.method,
                headers,
                body,
                maxBodyBytes: MAX_BODY_BYTES,
                signal
            });
        }
        catch (error) {
            if (signal.aborted)
                return { statuses, stopped: stopped() };
            const sent = statuses.length > 0 ? ` after ${statusRuns(statuses)}` : '';
            const reason = error instanceof Error ? error.message : String(error);
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .CheckError */ .t(`request ${number} got no answer${sent}: ${reason}`);
        }
        statuses.push(res.status);
        if (expected.includes(res.status)) {
            const retryAfter = res.headers['retry-after'];
            return {
                statuses,
                limitedAt: number,
                retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter
            };
        }
    }
    return { statuses };
}
/** Judges a probe: the expected status must come by request `within`; pure. */
function evaluateRateLimit(item, probe) {
    const what = endpoint(item);
    const { statuses, limitedAt } = probe;
    const before = statusRuns(statuses.slice(0, limitedAt === undefined ? undefined : limitedAt - 1));
    const metrics = {
        requests: statuses.length,
        limited_at: limitedAt ?? 0,
        ...(probe.retryAfter !== undefined && { retry_after: probe.retryAfter })
    };
    if (limitedAt === undefined) {
        const message = `no ${expectedText(item)} in ${statuses.length} requests (${before}): rate-limit ${what} so it answers ${expectedText(item)} by request ${item.within}`;
        return {
            ok: false,
            summary: message,
            metrics,
            findings: [{ rule: 'not-limited', message }]
        };
    }
    const status = statuses[limitedAt - 1];
    const seen = `${status} at request ${limitedAt}${before ? ` (${before})` : ''}`;
    if (limitedAt > item.within) {
        const message = `${seen}, expected by request ${item.within}: lower the limit on ${what}`;
        return {
            ok: false,
            summary: message,
            metrics,
            findings: [{ rule: 'limited-late', message }]
        };
    }
    const findings = [];
    if (probe.retryAfter === undefined && status === 429) {
        findings.push({
            severity: 'warning',
            rule: 'no-retry-after',
            message: `the ${status} has no Retry-After header: send one so clients know when to try again`
        });
    }
    const retry = probe.retryAfter !== undefined ? `, Retry-After: ${probe.retryAfter}` : '';
    return {
        ok: true,
        summary: `${seen}${retry}${(0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .adviceSuffix */ .q)(findings)}`,
        metrics,
        findings
    };
}
/** `200×5, 401, 200×2`: the statuses in order, repeats folded. */
function statusRuns(statuses) {
    const runs = [];
    for (const status of statuses) {
        const last = runs.at(-1);
        if (last?.status === status)
            last.count++;
        else
            runs.push({ status, count: 1 });
    }
    return runs
        .map(run => run.count > 1 ? `${run.status}×${run.count}` : String(run.status))
        .join(', ');
}
/** `POST /api/login`: what a probe hits. */
function endpoint(item) {
    return `${item.method} ${item.path ?? item.url}`;
}
function expectedStatuses(item) {
    return (0,_util_list_js__WEBPACK_IMPORTED_MODULE_4__/* .asList */ .D)(item.expect_status);
}
function expectedText(item) {
    return expectedStatuses(item).join(' or ');
}
/** A string body is sent as is; anything else as JSON. */
function encodeBody(item) {
    const headers = { ...item.headers };
    if (item.body === undefined)
        return { body: undefined, headers };
    if (typeof item.body === 'string')
        return { body: item.body, headers };
    const hasType = Object.keys(headers).some(name => name.toLowerCase() === 'content-type');
    if (!hasType)
        headers['content-type'] = 'application/json';
    return { body: JSON.stringify(item.body), headers };
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
