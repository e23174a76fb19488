export const id = 8;
export const ids = [8];
export const modules = {

/***/ 23008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PROBE_TIME_LIMIT_MS: () => (/* binding */ PROBE_TIME_LIMIT_MS),
/* harmony export */   evaluateRateLimit: () => (/* binding */ evaluateRateLimit),
/* harmony export */   probeRateLimit: () => (/* binding */ probeRateLimit),
/* harmony export */   rateLimitsCheck: () => (/* binding */ rateLimitsCheck),
/* harmony export */   statusRuns: () => (/* binding */ statusRuns)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26518);
/* harmony import */ var _util_list_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(45754);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(34545);
/* harmony import */ var _net_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2170);
/* harmony import */ var _util_template_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15664);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11572);







/** A probe never runs longer than this, however slow the endpoint. */
const PROBE_TIME_LIMIT_MS = 120_000;
/** Answers are not judged by their body: read little of it. */
const MAX_BODY_BYTES = 64 * 1024;
const rateLimitsCheck = {
    kind: 'rate_limits',
    plan: (items, policy) => ({
        maxRequests: items.reduce((sum, item) => sum + item.requests, 0),
        maxMs: items.reduce((sum, item) => sum +
            Math.min(PROBE_TIME_LIMIT_MS, item.requests * policy.defaults.timeout), 0),
        basis: `${items.length} probes, each sent at most its requests`
    }),
    units: items => items.map((item, index) => ({
        name: (0,_target_js__WEBPACK_IMPORTED_MODULE_3__/* .itemLabel */ .I)(item),
        level: item.level,
        policyPath: ['rate_limits', index],
        async run(ctx) {
            const probe = await probeRateLimit(item, ctx);
            if (probe.stopped &&
                probe.limitedAt === undefined &&
                probe.statuses.length < item.within) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .CheckError */ .tl(`stopped at request ${probe.statuses.length} of ${item.within} (${probe.stopped}) before any ${expectedText(item)}: ${statusRuns(probe.statuses) || 'no answers'}`);
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
    const request = new _net_request_js__WEBPACK_IMPORTED_MODULE_1__/* .PreparedRequest */ .x(item, ctx.target);
    const values = (0,_util_template_js__WEBPACK_IMPORTED_MODULE_2__/* .commitScope */ .ii)(ctx.sha);
    const expected = expectedStatuses(item);
    const timeLimit = AbortSignal.timeout(PROBE_TIME_LIMIT_MS);
    const signal = AbortSignal.any([ctx.signal, timeLimit]);
    const statuses = [];
    const stopped = () => timeLimit.aborted
        ? `the probe's ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(PROBE_TIME_LIMIT_MS)} were up`
        : 'the run is out of time';
    for (let number = 1; number <= item.requests; number++) {
        if (signal.aborted)
            return { statuses, stopped: stopped() };
        let res;
        try {
            res = await ctx.http.send({
                ...request.render({ values, seq: number }),
                maxBodyBytes: MAX_BODY_BYTES,
                signal
            });
        }
        catch (error) {
            if (signal.aborted)
                return { statuses, stopped: stopped() };
            const sent = statuses.length > 0 ? ` after ${statusRuns(statuses)}` : '';
            const reason = error instanceof Error ? error.message : String(error);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .CheckError */ .tl(`request ${number} got no answer${sent}: ${reason}`);
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
        summary: `${seen}${retry}${(0,_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .adviceSuffix */ .q)(findings)}`,
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
    return (0,_util_list_js__WEBPACK_IMPORTED_MODULE_6__/* .asList */ .D)(item.expect_status);
}
function expectedText(item) {
    return expectedStatuses(item).join(' or ');
}


/***/ })

};
