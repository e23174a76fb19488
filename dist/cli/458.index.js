export const id = 458;
export const ids = [458];
export const modules = {

/***/ 3458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dnsCheck: () => (/* binding */ dnsCheck),
/* harmony export */   evaluateDnsRecord: () => (/* binding */ evaluateDnsRecord),
/* harmony export */   isApex: () => (/* binding */ isApex),
/* harmony export */   lookupRecord: () => (/* binding */ lookupRecord),
/* harmony export */   recordTexts: () => (/* binding */ recordTexts),
/* harmony export */   valueMatches: () => (/* binding */ valueMatches)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var tldts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(935);
/* harmony import */ var _net_resolver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5365);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4545);




/** One record item asks at most this many questions (record, alias, target). */
const MAX_QUERIES_PER_RECORD = 6;
const dnsCheck = {
    kind: 'dns',
    units: (section, policy) => section.records.map((item, index) => ({
        name: `${item.type} ${item.name}`,
        level: item.level,
        policyPath: ['dns', 'records', index],
        async run(ctx) {
            const client = new _net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .DnsClient */ .$A({
                server: section.resolver,
                timeoutMs: policy.defaults.timeout,
                maxQueries: MAX_QUERIES_PER_RECORD,
                signal: ctx.signal
            });
            const facts = await lookupRecord(client, item);
            return evaluateDnsRecord(item, facts);
        }
    }))
};
/** Asks for the record, and for its alias when one can explain a problem. */
async function lookupRecord(client, item) {
    const name = normalizeName(item.name);
    const apex = isApex(name);
    const facts = {
        values: [],
        apex,
        server: client.server,
        queries: 0
    };
    try {
        const answers = await client.resolve(name, item.type);
        facts.values = recordTexts(item.type, answers);
    }
    catch (error) {
        if ((0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNxdomain */ .fm)(error))
            facts.missing = 'nxdomain';
        else if ((0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNodata */ .sY)(error))
            facts.missing = 'nodata';
        else
            throw error;
    }
    if (item.type === 'CNAME') {
        facts.alias = facts.values[0];
    }
    else if (apex || facts.missing) {
        // A CNAME explains a missing record (dangling) and is wrong at the apex.
        facts.alias = await optional(client.resolve(name, 'CNAME')).then(targets => targets?.[0]);
    }
    if (facts.alias !== undefined && (item.type === 'CNAME' || facts.missing)) {
        facts.aliasTarget = await targetState(client, normalizeName(facts.alias));
    }
    facts.queries = client.queries;
    return facts;
}
async function targetState(client, target) {
    try {
        await client.resolve(target, 'A');
        return 'resolves';
    }
    catch (error) {
        if ((0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNxdomain */ .fm)(error))
            return 'nxdomain';
        if (!(0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNodata */ .sY)(error))
            throw error;
    }
    const v6 = await optional(client.resolve(target, 'AAAA'));
    return v6?.length ? 'resolves' : 'no-address';
}
/** The answer, or undefined when the name or the records do not exist. */
async function optional(answer) {
    try {
        return await answer;
    }
    catch (error) {
        if ((0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNxdomain */ .fm)(error) || (0,_net_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .isNodata */ .sY)(error))
            return undefined;
        throw error;
    }
}
/** Judges one record item against what DNS said; pure. */
function evaluateDnsRecord(item, facts) {
    const name = normalizeName(item.name);
    const findings = [];
    const alias = facts.alias && normalizeName(facts.alias);
    if (alias && facts.apex) {
        findings.push({
            rule: 'cname-at-apex',
            message: `${name} is a CNAME to ${alias} at the zone apex, where a CNAME breaks MX, TXT and NS records: use A/AAAA records or your provider's ALIAS (flattened) record`
        });
    }
    const dangling = facts.aliasTarget === 'nxdomain' || facts.aliasTarget === 'no-address';
    if (alias && dangling) {
        findings.push({
            rule: 'dangling-cname',
            message: facts.aliasTarget === 'nxdomain'
                ? `${name} is a CNAME to ${alias}, which does not exist (NXDOMAIN): a dangling CNAME can be taken over; point it at a live host or delete it`
                : `${name} is a CNAME to ${alias}, which has no A or AAAA record: point it at a live host or delete it`
        });
    }
    else if (facts.missing === 'nxdomain' && !alias) {
        findings.push({
            rule: 'nxdomain',
            message: `${name} does not exist (NXDOMAIN): add the ${item.type} record at your DNS provider`
        });
    }
    else if (facts.missing) {
        findings.push({
            rule: 'missing-record',
            message: alias
                ? `${name} is a CNAME to ${alias}, which has no ${item.type} record: add it there or change the alias`
                : `${name} has no ${item.type} record: add one at your DNS provider`
        });
    }
    else if (item.value !== undefined &&
        !facts.values.some(value => valueMatches(item.type, value, item.value))) {
        findings.push({
            rule: 'value-mismatch',
            message: mismatchMessage(item, facts.values)
        });
    }
    const metrics = {
        records: facts.values.length,
        resolver: facts.server,
        queries: facts.queries
    };
    if (findings.length === 0) {
        return { ok: true, summary: listValues(facts.values), metrics, findings };
    }
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .failedOutcome */ .i)(findings, metrics);
}
function mismatchMessage(item, values) {
    const name = normalizeName(item.name);
    const want = JSON.stringify(item.value);
    if (containsMatch(item.type)) {
        return `no ${item.type} record at ${name} contains ${want} (found ${listValues(values.map(v => JSON.stringify(v)))}): add it or fix the policy`;
    }
    return `${item.type} ${name} is ${listValues(values)}, expected ${want}: update the record or the policy`;
}
/** TXT and CAA values are long: the policy names a part of one. */
function containsMatch(type) {
    return type === 'TXT' || type === 'CAA';
}
/** Whether one record (in text form) is what the policy's `value` asks for. */
function valueMatches(type, record, want) {
    switch (type) {
        case 'A':
            return record === want.trim();
        case 'AAAA':
            return canonicalIpv6(record) === canonicalIpv6(want.trim());
        case 'CNAME':
        case 'NS':
            return normalizeName(record) === normalizeName(want);
        case 'MX': {
            const exchange = record.slice(record.indexOf(' ') + 1);
            return (normalizeName(exchange) === normalizeName(want) ||
                record.toLowerCase() === want.trim().replace(/\.$/, '').toLowerCase());
        }
        case 'TXT':
            return record.includes(want);
        case 'CAA':
            return record.toLowerCase().includes(want.toLowerCase());
    }
}
/** Each answer as one line of text, the way a zone file would show it. */
function recordTexts(type, answers) {
    switch (type) {
        case 'TXT':
            return answers.map(chunks => chunks.join(''));
        case 'MX':
            return answers
                .toSorted((a, b) => a.priority - b.priority)
                .map(mx => `${mx.priority} ${mx.exchange}`);
        case 'CAA':
            return answers.map(caaText);
        default:
            return answers;
    }
}
function caaText(record) {
    const [tag, value] = Object.entries(record).find(([key]) => key !== 'critical' && key !== 'type') ?? ['?', ''];
    return `${record.critical} ${tag} "${String(value)}"`;
}
/** A registrable domain (`example.com`, `example.co.uk`) is a zone apex. */
function isApex(name) {
    return (0,tldts__WEBPACK_IMPORTED_MODULE_1__.getDomain)(name) === name;
}
function normalizeName(name) {
    return name.trim().toLowerCase().replace(/\.$/, '');
}
function canonicalIpv6(address) {
    if (!(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(address))
        return address.toLowerCase();
    return new URL(`http://[${address}]/`).hostname;
}
function listValues(values) {
    const shown = values.slice(0, 3).join(', ');
    return values.length > 3 ? `${shown} (+${values.length - 3} more)` : shown;
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


/***/ })

};
