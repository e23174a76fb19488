export const id = 119;
export const ids = [119];
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

/***/ 8119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluateSmoke: () => (/* binding */ evaluateSmoke),
  smokeCheck: () => (/* binding */ smokeCheck),
  subsetMismatch: () => (/* binding */ subsetMismatch)
});

;// CONCATENATED MODULE: ./src/net/protection.ts
/**
 * Names the deployment protection in front of a preview, so a 401 from
 * Vercel or Netlify reads as "protected" with the fix, not as "site down".
 */
function protectionHint(res) {
    const header = (name) => String(res.headers[name] ?? '').toLowerCase();
    const location = header('location');
    const isVercel = header('server') === 'vercel' || res.headers['x-vercel-id'] !== undefined;
    if (((res.status === 401 || res.status === 403) && isVercel) ||
        (res.status >= 300 &&
            res.status < 400 &&
            location.includes('vercel.com/sso-api'))) {
        return 'the preview is behind Vercel Deployment Protection: pass the bypass secret with defaults.headers (x-vercel-protection-bypass: ${VERCEL_AUTOMATION_BYPASS_SECRET})';
    }
    if ((res.status === 401 || res.status === 403) &&
        (header('server').includes('netlify') ||
            res.headers['x-nf-request-id'] !== undefined)) {
        return 'the site is behind Netlify password protection: pass credentials with defaults.headers (e.g. authorization or cookie)';
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/util/list.ts
var list = __webpack_require__(5754);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(4545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(1572);
// EXTERNAL MODULE: ./src/checks/types.ts
var types = __webpack_require__(6468);
;// CONCATENATED MODULE: ./src/checks/smoke.ts





const smokeCheck = {
    kind: 'smoke',
    units: items => items.map((item, index) => ({
        name: (0,target/* itemLabel */.I)(item),
        level: item.level,
        policyPath: ['smoke', index],
        async run(ctx) {
            const url = (0,target/* resolveUrl */.O)(item, ctx.target);
            const body = item.method === 'GET' || item.method === 'HEAD' ? undefined : '';
            const res = await ctx.http.sendWithRetries({
                url,
                method: item.method,
                body,
                signal: ctx.signal
            });
            if (res.truncated) {
                throw new types/* CheckError */.t(`the response body is larger than ${res.body.length} bytes; it was not read whole`);
            }
            return evaluateSmoke(item, res);
        }
    }))
};
/** Judges one response against a smoke item; pure, so tests need no server. */
function evaluateSmoke(item, res) {
    const findings = [];
    const expected = (0,list/* asList */.D)(item.status);
    const timeMs = Math.round(res.timeMs);
    if (!expected.includes(res.status)) {
        const hint = protectionHint(res);
        findings.push({
            message: hint
                ? `status ${res.status}: ${hint}`
                : `status ${res.status}, expected ${expected.join(' or ')}`
        });
    }
    const text = res.body.toString('utf8');
    for (const needle of (0,list/* asList */.D)(item.contains)) {
        if (!text.includes(needle)) {
            findings.push({
                message: `body does not contain ${JSON.stringify(needle)}`
            });
        }
    }
    if (item.json !== undefined) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            findings.push({ message: 'body is not JSON' });
        }
        if (parsed !== undefined) {
            const mismatch = subsetMismatch(item.json, parsed, '$');
            if (mismatch)
                findings.push({ message: `JSON ${mismatch}` });
        }
    }
    for (const [name, want] of Object.entries(item.headers ?? {})) {
        const raw = res.headers[name.toLowerCase()];
        const got = Array.isArray(raw) ? raw.join(', ') : raw;
        if (got === undefined) {
            findings.push({
                message: `header ${name} is missing, expected it to contain ${JSON.stringify(want)}`
            });
        }
        else if (!got.toLowerCase().includes(want.toLowerCase())) {
            findings.push({
                message: `header ${name} is ${JSON.stringify(got)}, expected it to contain ${JSON.stringify(want)}`
            });
        }
    }
    if (item.max_time !== undefined && res.timeMs > item.max_time) {
        findings.push({ message: `took ${timeMs} ms > ${item.max_time} ms` });
    }
    const metrics = {
        status: res.status,
        time_ms: timeMs,
        bytes: res.body.length
    };
    if (findings.length === 0) {
        return {
            ok: true,
            summary: `${res.status} in ${timeMs} ms`,
            metrics,
            findings
        };
    }
    return (0,outcome/* failedOutcome */.i)(findings, metrics);
}
/**
 * Where `actual` fails to contain `expected`: objects by key, arrays by
 * each expected element matching some actual element, scalars by equality.
 */
function subsetMismatch(expected, actual, at) {
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual))
            return `at ${at}: expected an array, got ${typeName(actual)}`;
        for (const [index, want] of expected.entries()) {
            if (!actual.some(got => subsetMismatch(want, got, at) === undefined)) {
                return `at ${at}[${index}]: no element matches ${JSON.stringify(want)}`;
            }
        }
        return undefined;
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null ||
            typeof actual !== 'object' ||
            Array.isArray(actual)) {
            return `at ${at}: expected an object, got ${typeName(actual)}`;
        }
        for (const [key, want] of Object.entries(expected)) {
            const path = `${at}.${key}`;
            if (!(key in actual))
                return `at ${path}: missing`;
            const mismatch = subsetMismatch(want, actual[key], path);
            if (mismatch)
                return mismatch;
        }
        return undefined;
    }
    return Object.is(expected, actual)
        ? undefined
        : `at ${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
function typeName(value) {
    if (value === null)
        return 'null';
    return Array.isArray(value) ? 'an array' : typeof value;
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
