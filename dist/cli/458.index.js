export const id = 458;
export const ids = [458];
export const modules = {

/***/ 33458:
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
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var tldts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20935);
/* harmony import */ var _net_resolver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(55365);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34545);




/** One record item asks at most this many questions (record, alias, target). */
const MAX_QUERIES_PER_RECORD = 6;
const dnsCheck = {
    kind: 'dns',
    plan: (section, policy) => ({
        maxRequests: section.records.length * MAX_QUERIES_PER_RECORD,
        maxMs: section.records.length * MAX_QUERIES_PER_RECORD * policy.defaults.timeout,
        basis: `${section.records.length} records × ${MAX_QUERIES_PER_RECORD} queries`
    }),
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

/***/ 55365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ DnsClient),
/* harmony export */   fQ: () => (/* binding */ isBadName),
/* harmony export */   fm: () => (/* binding */ isNxdomain),
/* harmony export */   sY: () => (/* binding */ isNodata)
/* harmony export */ });
/* unused harmony exports createResolver, DnsError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var node_dns__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40610);
/* harmony import */ var node_dns__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_dns__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26518);
/* harmony import */ var _util_host_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74860);




/** Each query: this many tries of the server... */
const DNS_TRIES = 2;
/** ...of at most this long each (less when the policy timeout is shorter). */
const MAX_ATTEMPT_MS = 2000;
/**
 * A node:dns Resolver for `dns.resolver` (or the system's servers when it
 * is absent) whose tries fit in `timeoutMs`. `ready` settles once a resolver
 * given by host name has been looked up (through the system resolver, as
 * c-ares only takes addresses).
 */
function createResolver(server, timeoutMs) {
    const attemptMs = Math.min(MAX_ATTEMPT_MS, timeoutMs / DNS_TRIES);
    const resolver = new node_dns__WEBPACK_IMPORTED_MODULE_0__.promises.Resolver({
        timeout: Math.max(100, Math.round(attemptMs)),
        tries: DNS_TRIES
    });
    if (server === undefined)
        return { resolver, ready: Promise.resolve() };
    const address = (0,_util_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseResolverAddress */ .EM)(server);
    if (address !== undefined) {
        resolver.setServers([address]);
        return { resolver, ready: Promise.resolve() };
    }
    const named = (0,_util_host_js__WEBPACK_IMPORTED_MODULE_2__/* .parseResolverHost */ .Ml)(server);
    if (!named) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CheckError */ .tl(`dns.resolver ${JSON.stringify(server)} is not an IP address or a host name, with an optional port`);
    }
    const ready = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new DnsError(`could not look up the resolver ${named.host} within ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}`)), timeoutMs);
        (0,node_dns__WEBPACK_IMPORTED_MODULE_0__.lookup)(named.host, (error, ip, family) => {
            clearTimeout(timer);
            if (error) {
                return reject(new DnsError(`could not look up the resolver ${named.host}: ${error.code ?? error.message}`));
            }
            const host = family === 6 ? `[${ip}]` : ip;
            resolver.setServers([named.port ? `${host}:${named.port}` : ip]);
            resolve();
        });
    });
    ready.catch(() => { });
    return { resolver, ready };
}
/** A DNS failure other than "no such name" or "no such record". */
class DnsError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CheckError */ .tl {
    /** c-ares' code (`EBADNAME`, `EBADRESP`, `ETIMEOUT`...) when it gave one. */
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
/**
 * A bounded DNS client over node:dns `Resolver` (c-ares): one configured
 * server or the system's, a time limit per query, a cap on the number of
 * queries, answers remembered so one question is asked once. c-ares asks
 * over UDP and retries over TCP by itself when an answer is truncated.
 */
class DnsClient {
    resolver;
    ready;
    /** How the answering server is named in findings and metrics. */
    server;
    /** Queries sent so far. */
    queries = 0;
    options;
    answers = new Map();
    constructor(options) {
        this.options = options;
        ({ resolver: this.resolver, ready: this.ready } = createResolver(options.server, options.timeoutMs));
        this.server =
            options.server ??
                `system resolver ${this.resolver.getServers().join(', ') || '(none configured)'}`;
    }
    /**
     * The records of `type` at `name`. Rejects with a NodeJS error whose code
     * is ENOTFOUND (NXDOMAIN) or ENODATA (the name has no such records), or
     * with a DnsError for everything else (timeout, SERVFAIL, refused, budget).
     */
    resolve(name, type) {
        const key = `${type} ${name.toLowerCase()}`;
        let answer = this.answers.get(key);
        if (!answer) {
            answer = this.query(name, type);
            // A rejection is handled by whoever awaits it, possibly later.
            answer.catch(() => { });
            this.answers.set(key, answer);
        }
        return answer;
    }
    async query(name, type) {
        const { signal, maxQueries, timeoutMs } = this.options;
        await this.ready;
        if (signal?.aborted)
            throw cancelledError(name, type);
        if (this.queries >= maxQueries) {
            throw new DnsError(`stopped after ${maxQueries} DNS queries (the limit for one check) at ${type} ${name}`);
        }
        this.queries++;
        let timer;
        let onAbort;
        // c-ares bounds each try; this bounds the whole query and honours the signal.
        const limit = new Promise((_, reject) => {
            timer = setTimeout(() => reject(timeoutError(name, type, timeoutMs, this.server)), timeoutMs);
            onAbort = () => {
                this.resolver.cancel();
                reject(cancelledError(name, type));
            };
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        try {
            return (await Promise.race([
                this.resolver.resolve(name, type),
                limit
            ]));
        }
        catch (error) {
            throw classify(error, name, type, this.server, timeoutMs);
        }
        finally {
            clearTimeout(timer);
            if (onAbort)
                signal?.removeEventListener('abort', onAbort);
        }
    }
}
/** True for "the name does not exist" (NXDOMAIN). */
function isNxdomain(error) {
    return error?.code === 'ENOTFOUND';
}
/**
 * True for a name the resolver library will not put in a query (an empty or
 * over-long label, a `:`): no answer can exist for it.
 */
function isBadName(error) {
    return error?.code === 'EBADNAME';
}
/** True for "the name exists but has no records of that type". */
function isNodata(error) {
    return error?.code === 'ENODATA';
}
const DNS_ERROR_TEXT = {
    ESERVFAIL: 'the server failed to answer (SERVFAIL)',
    EREFUSED: 'the server refused the query',
    ECONNREFUSED: 'connection refused',
    EBADRESP: 'the answer was malformed (it cannot be parsed)',
    EFORMERR: 'the server rejected the query as malformed',
    ENOTIMP: 'the server does not implement this query',
    EBADNAME: 'the name is not a valid domain name',
    ECANCELLED: 'cancelled: out of time'
};
function classify(error, name, type, server, timeoutMs) {
    if (error instanceof DnsError || isNxdomain(error) || isNodata(error)) {
        return error;
    }
    const code = error.code ?? '';
    if (code === 'ETIMEOUT')
        return timeoutError(name, type, timeoutMs, server);
    const reason = DNS_ERROR_TEXT[code] ?? (error instanceof Error ? error.message : code);
    return new DnsError(`DNS lookup of ${type} ${name} failed: ${reason} (${server})`, code || undefined);
}
function cancelledError(name, type) {
    return new DnsError(`DNS lookup of ${type} ${name} cancelled: out of time`, 'ECANCELLED');
}
function timeoutError(name, type, timeoutMs, server) {
    return new DnsError(`DNS lookup of ${type} ${name} got no answer within ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)} (${server})`, 'ETIMEOUT');
}


/***/ })

};
