export const id = 721;
export const ids = [721];
export const modules = {

/***/ 7721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emailCheck: () => (/* binding */ emailCheck)
});

// EXTERNAL MODULE: ./src/net/resolver.ts
var resolver = __webpack_require__(5365);
// EXTERNAL MODULE: ./node_modules/mailauth/lib/tools.js
var tools = __webpack_require__(3594);
;// CONCATENATED MODULE: ./src/checks/email/dkim.ts


/** Receivers ignore shorter RSA keys (RFC 8301 §3.2)... */
const MIN_RSA_BITS = 1024;
/** ...and this is what they ask for. */
const RECOMMENDED_RSA_BITS = 2048;
/**
 * Reads and parses the selector's key record. mailauth validates the record
 * (version, service, base64, key type) and builds the key with node:crypto;
 * its lookups go through `client`, so the configured resolver answers.
 */
async function lookupDkim(client, selector, domain) {
    const name = `${selector}._domainkey.${domain}`;
    try {
        // mailauth reads only the first TXT record; more than one is ambiguous.
        const records = await client.resolve(name, 'TXT');
        if (records.length > 1)
            return { name, problem: 'multiple' };
        // A bit floor of 1 lets short keys through, to report their size.
        const key = await (0,tools.getPublicKey)('DKIM', name, 1, (query, type) => client.resolve(query, type));
        return {
            name,
            key: { type: key.keyType, bits: key.modulusLength, testing: key.testing }
        };
    }
    catch (error) {
        if ((0,resolver/* isNxdomain */.fm)(error) || (0,resolver/* isNodata */.sY)(error))
            return { name, problem: 'missing' };
        const code = error.code;
        if (code?.startsWith('EINVALID')) {
            return { name, problem: code, detail: error.message };
        }
        throw error;
    }
}
/** Judges one selector's key; pure. */
function evaluateDkim(facts, selector) {
    const errors = [];
    const warnings = [];
    if ('problem' in facts) {
        errors.push({
            rule: 'dkim-invalid',
            message: problemMessage(facts, selector)
        });
        return { errors, warnings, summary: '', metrics: {} };
    }
    const { key } = facts;
    if (key.type === 'rsa' && key.bits < MIN_RSA_BITS) {
        errors.push({
            rule: 'dkim-short-key',
            message: `DKIM key ${facts.name} is RSA ${key.bits}-bit, receivers ignore keys under ${MIN_RSA_BITS} bits: publish a ${RECOMMENDED_RSA_BITS}-bit key`
        });
    }
    else if (key.type === 'rsa' && key.bits < RECOMMENDED_RSA_BITS) {
        warnings.push({
            rule: 'dkim-weak-key',
            message: `DKIM key ${facts.name} is RSA ${key.bits}-bit: rotate to a ${RECOMMENDED_RSA_BITS}-bit key`
        });
    }
    if (key.testing) {
        warnings.push({
            rule: 'dkim-testing',
            message: `DKIM key ${facts.name} is in testing mode (t=y), so receivers may ignore failures: remove t=y`
        });
    }
    const size = key.type === 'rsa' ? `RSA ${key.bits}-bit` : key.type;
    return {
        errors,
        warnings,
        summary: `${size} key at ${facts.name}`,
        metrics: { key_type: key.type, key_bits: key.bits }
    };
}
function problemMessage(facts, selector) {
    switch (facts.problem) {
        case 'missing':
            return `no DKIM key at ${facts.name}: publish the TXT (or CNAME) record your mail provider gives for selector ${selector}`;
        case 'multiple':
            return `several TXT records at ${facts.name}: keep only the DKIM key record`;
        case 'EINVALIDVAL':
            return facts.detail === 'Missing key value'
                ? `DKIM key ${facts.name} has an empty p= (the key is revoked): publish the current public key`
                : `DKIM key ${facts.name} is not valid (${facts.detail}): copy the record again from your mail provider`;
        case 'EINVALIDVER':
            return `DKIM key ${facts.name} has a wrong version tag: use v=DKIM1 as the first tag`;
        case 'EINVALIDTYPE':
            return `DKIM key ${facts.name} holds no usable RSA or Ed25519 key (${facts.detail}): copy the record again from your mail provider`;
        case 'EINVALIDSERVICE':
            return `DKIM key ${facts.name} is not for email (s= excludes it): remove the s= tag`;
        default:
            return `DKIM key ${facts.name} is not valid (${facts.detail ?? facts.problem}): copy the record again from your mail provider`;
    }
}

// EXTERNAL MODULE: ./node_modules/mailauth/lib/dmarc/get-dmarc-record.js
var get_dmarc_record = __webpack_require__(2694);
;// CONCATENATED MODULE: ./src/checks/email/dmarc.ts


const POLICY_STRENGTH = {
    none: 0,
    quarantine: 1,
    reject: 2
};
/** Tags registered for DMARC (RFC 7489 §6.3, RFC 9989), historic ones too. */
const KNOWN_TAGS = new Set([
    'v',
    'p',
    'sp',
    'np',
    'adkim',
    'aspf',
    'fo',
    'rua',
    'ruf',
    'rf',
    'ri',
    'pct',
    't',
    'psd'
]);
/** A DMARC reporting URI (RFC 7489 §6.2), with an optional `!size` suffix. */
const REPORT_URI = /^[a-z][a-z0-9+.-]*:[^\s,!]+(![0-9]+[kmgt]?)?$/i;
/** Reads the TXT records at `_dmarc.<domain>`. */
async function lookupDmarc(client, domain) {
    const name = `_dmarc.${domain}`;
    try {
        const txt = await client.resolve(name, 'TXT');
        return { name, records: txt.map(chunks => chunks.join('')) };
    }
    catch (error) {
        if ((0,resolver/* isNxdomain */.fm)(error) || (0,resolver/* isNodata */.sY)(error))
            return { name, records: [] };
        throw error;
    }
}
/** Judges the DMARC record against `min_policy`; pure. */
function evaluateDmarc(facts, domain, minPolicy) {
    const errors = [];
    const warnings = [];
    const fail = (rule, message) => errors.push({ rule, message });
    const warn = (rule, message) => warnings.push({ rule, message });
    const example = `"v=DMARC1; p=${minPolicy}; rua=mailto:dmarc-reports@${domain}"`;
    const records = facts.records.filter(text => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim()));
    if (records.length !== 1) {
        fail(records.length === 0 ? 'dmarc-missing' : 'dmarc-multiple', records.length === 0
            ? `no DMARC record at ${facts.name}: publish a TXT record like ${example}`
            : `${records.length} DMARC records at ${facts.name} (receivers ignore them all): keep one`);
        return {
            errors,
            warnings,
            summary: '',
            metrics: { records: records.length }
        };
    }
    // Strict: tag names are case-sensitive and a repeated tag voids the record.
    const tags = (0,get_dmarc_record.parseDmarcRecord)(records[0].trim(), { strict: true });
    if (!tags) {
        fail('dmarc-invalid', `DMARC record repeats a tag (receivers ignore it): keep each tag once in ${JSON.stringify(records[0])}`);
        return { errors, warnings, summary: '', metrics: { records: 1 } };
    }
    const text = (tag) => {
        const value = tags[tag];
        return value === undefined ? undefined : String(value);
    };
    for (const tag of Object.keys(tags)) {
        if (tag !== 'rr' && !KNOWN_TAGS.has(tag)) {
            fail('dmarc-invalid', `DMARC tag "${tag}" is unknown, so receivers ignore it: fix its name (tags are lower case: p, sp, rua, ruf, adkim, aspf, pct, fo)`);
        }
    }
    const policy = text('p');
    if (policy === undefined) {
        fail('dmarc-invalid', `DMARC record has no p= tag: add p=${minPolicy}`);
    }
    else if (!isPolicy(policy)) {
        fail('dmarc-invalid', `DMARC p=${policy} is not a policy: use none, quarantine or reject`);
    }
    for (const tag of ['sp', 'np']) {
        const value = text(tag);
        if (value !== undefined && !isPolicy(value)) {
            fail('dmarc-invalid', `DMARC ${tag}=${value} is not a policy: use none, quarantine or reject`);
        }
    }
    for (const tag of ['adkim', 'aspf']) {
        const value = text(tag);
        if (value !== undefined && value !== 'r' && value !== 's') {
            fail('dmarc-invalid', `DMARC ${tag}=${value} is not valid: use r (relaxed) or s (strict)`);
        }
    }
    const pct = rawTag(records[0], 'pct');
    if (pct !== undefined && !/^(100|[1-9]?[0-9])$/.test(pct)) {
        fail('dmarc-invalid', `DMARC pct=${pct} is not a whole number from 0 to 100: set pct=100 or remove it`);
    }
    else if (pct !== undefined && pct !== '100') {
        warn('dmarc-pct', `DMARC pct=${pct} applies the policy to ${pct}% of failing mail only: set pct=100`);
    }
    for (const tag of ['rua', 'ruf']) {
        const value = text(tag);
        const bad = value
            ?.split(',')
            .map(uri => uri.trim())
            .find(uri => !REPORT_URI.test(uri));
        if (bad !== undefined) {
            fail('dmarc-invalid', `DMARC ${tag} "${bad}" is not a URI: write ${tag}=mailto:${bad.replace(/^mailto:/i, '') || `dmarc-reports@${domain}`}`);
        }
    }
    if (policy !== undefined &&
        isPolicy(policy) &&
        POLICY_STRENGTH[policy] < POLICY_STRENGTH[minPolicy]) {
        fail('dmarc-policy', `DMARC p=${policy}, the policy requires at least ${minPolicy}: set p=${minPolicy} once your aggregate reports show only your own senders`);
    }
    if (text('rua') === undefined) {
        warn('dmarc-rua', `DMARC has no rua= tag, so nobody gets aggregate reports: add rua=mailto:dmarc-reports@${domain}`);
    }
    return {
        errors,
        warnings,
        summary: `p=${policy ?? '?'}${text('rua') ? `, rua=${text('rua')}` : ''}`,
        metrics: { records: 1, policy: policy ?? '' }
    };
}
function isPolicy(value) {
    return Object.hasOwn(POLICY_STRENGTH, value);
}
/** A tag's value as written (mailauth turns a malformed pct into 0). */
function rawTag(record, tag) {
    for (const part of record.split(';')) {
        const at = part.indexOf('=');
        if (at > 0 && part.slice(0, at).trim() === tag)
            return part.slice(at + 1).trim();
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(4545);
;// CONCATENATED MODULE: ./src/checks/email/outcome.ts

/**
 * Errors fail the unit. Warnings are advice: the unit stays `ok` and the
 * engine reports it as `warn`, which never fails the gate.
 */
function partOutcome(verdict) {
    const { errors } = verdict;
    const warnings = verdict.warnings.map(f => ({
        ...f,
        severity: 'warning'
    }));
    const findings = [...errors, ...warnings];
    const metrics = { ...verdict.metrics, warnings: warnings.length };
    if (errors.length > 0)
        return (0,outcome/* failedOutcome */.i)(findings, metrics);
    return {
        ok: true,
        summary: verdict.summary + (0,outcome/* adviceSuffix */.q)(warnings),
        metrics,
        findings
    };
}

// EXTERNAL MODULE: ./node_modules/mailauth/lib/spf/syntax.js
var syntax = __webpack_require__(5718);
;// CONCATENATED MODULE: ./src/checks/email/spf.ts


/** RFC 7208 §4.6.4: DNS-querying terms per evaluation, and empty answers. */
const MAX_SPF_LOOKUPS = 10;
const MAX_VOID_LOOKUPS = 2;
/** The walk stops descending past this many lookups or include levels. */
const WALK_LOOKUP_CAP = 30;
const WALK_MAX_DEPTH = 10;
/** Mechanisms that cost a DNS lookup (the modifier `redirect` does too). */
const LOOKUP_MECHANISMS = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
/** True for a TXT record that is an SPF record. */
function isSpfRecord(text) {
    return /^v=spf1(\s|$)/i.test(text.trim());
}
/** Splits an SPF record into its terms; syntax errors come from mailauth. */
function parseSpf(text) {
    const [version, ...terms] = text.trim().split(/\s+/);
    if (version.toLowerCase() !== 'v=spf1') {
        return { mechanisms: [], error: 'it does not start with v=spf1' };
    }
    const error = (0,syntax.validateTerms)(terms) || undefined;
    const record = { mechanisms: [], error };
    for (const term of terms) {
        const modifier = /^([a-z][a-z0-9._-]*)=(.*)$/i.exec(term);
        if (modifier) {
            if (modifier[1].toLowerCase() === 'redirect')
                record.redirect = modifier[2];
            continue;
        }
        const mechanism = /^([-+~?]?)([a-z0-9]+)(?::([^/]*))?/i.exec(term);
        if (!mechanism)
            continue;
        record.mechanisms.push({
            qualifier: (mechanism[1] || '+'),
            name: mechanism[2].toLowerCase(),
            target: mechanism[3] || undefined,
            text: term
        });
    }
    return record;
}
/**
 * Walks the SPF record of `domain` and everything it includes, counting the
 * lookups a receiver would make for a sender that matches nothing (the most
 * it can cost). Every query goes through `client`, which bounds time and count.
 */
async function analyzeSpf(client, domain) {
    const analysis = {
        domain,
        nxdomain: false,
        records: [],
        lookups: 0,
        voidLookups: [],
        costs: [],
        problems: [],
        usesPtr: false,
        incomplete: false
    };
    try {
        analysis.records = (await client.resolve(domain, 'TXT'))
            .map(chunks => chunks.join(''))
            .filter(isSpfRecord);
    }
    catch (error) {
        if ((0,resolver/* isNxdomain */.fm)(error))
            analysis.nxdomain = true;
        else if (!(0,resolver/* isNodata */.sY)(error))
            throw error;
        return analysis;
    }
    if (analysis.records.length === 1) {
        const walker = new SpfWalker(client, analysis);
        analysis.all = await walker.walk(domain, analysis.records[0], [domain]);
    }
    return analysis;
}
class SpfWalker {
    client;
    analysis;
    constructor(client, analysis) {
        this.client = client;
        this.analysis = analysis;
    }
    /** Counts one record's terms; returns the qualifier of its `all`. */
    async walk(domain, text, path, via) {
        const { analysis } = this;
        const record = parseSpf(text);
        const top = via === undefined;
        if (record.error) {
            analysis.problems.push(`${top ? 'SPF record' : `SPF record of ${via}`} is invalid (${record.error}): fix the syntax, receivers reject it (permerror)`);
            return undefined;
        }
        for (const mechanism of record.mechanisms) {
            // Evaluation ends at `all`: later terms never run.
            if (mechanism.name === 'all')
                return mechanism.qualifier;
            if (!LOOKUP_MECHANISMS.has(mechanism.name))
                continue;
            const before = analysis.lookups;
            analysis.lookups++;
            await this.follow(mechanism, domain, path);
            if (top && mechanism.name === 'include') {
                analysis.costs.push({
                    term: mechanism.text,
                    lookups: analysis.lookups - before
                });
            }
        }
        if (record.redirect === undefined)
            return undefined;
        const before = analysis.lookups;
        analysis.lookups++;
        const term = `redirect=${record.redirect}`;
        const all = await this.followRecord(record.redirect, term, path, true);
        if (top)
            analysis.costs.push({ term, lookups: analysis.lookups - before });
        return all;
    }
    async follow(mechanism, domain, path) {
        const target = mechanism.target ?? domain;
        // A macro (%{i}, %{s}...) depends on the sender: it cannot be looked up here.
        if (target.includes('%'))
            return;
        switch (mechanism.name) {
            case 'include': {
                const all = await this.followRecord(target, mechanism.text, path, false);
                if (all === '+') {
                    this.analysis.problems.push(`${mechanism.text} ends in +all, so it matches every server: remove it or ask its owner for a record ending in -all or ~all`);
                }
                return;
            }
            case 'a':
                return this.countVoid(mechanism.text, [
                    this.client.resolve(target, 'A'),
                    this.client.resolve(target, 'AAAA')
                ]);
            case 'mx':
                return this.countVoid(mechanism.text, [
                    this.client.resolve(target, 'MX')
                ]);
            case 'exists':
                return this.countVoid(mechanism.text, [
                    this.client.resolve(target, 'A')
                ]);
            case 'ptr':
                // Needs the sender's address; counted, never resolved.
                this.analysis.usesPtr = true;
        }
    }
    /** A void lookup finds nothing: every one of `answers` is empty. */
    async countVoid(term, answers) {
        let found = false;
        for (const answer of answers) {
            try {
                if ((await answer).length > 0)
                    found = true;
            }
            catch (error) {
                if (!(0,resolver/* isNxdomain */.fm)(error) && !(0,resolver/* isNodata */.sY)(error))
                    throw error;
            }
        }
        if (!found)
            this.analysis.voidLookups.push(term);
    }
    /** Walks the record an include or redirect names. */
    async followRecord(target, term, path, isRedirect) {
        const { analysis } = this;
        const name = target.toLowerCase().replace(/\.$/, '');
        if (path.includes(name)) {
            analysis.problems.push(`SPF ${term} loops back (${[...path, name].join(' → ')}): remove the loop, receivers reject it (permerror)`);
            return undefined;
        }
        if (path.length > WALK_MAX_DEPTH || analysis.lookups > WALK_LOOKUP_CAP) {
            analysis.incomplete = true;
            return undefined;
        }
        let records;
        try {
            records = (await this.client.resolve(name, 'TXT'))
                .map(chunks => chunks.join(''))
                .filter(isSpfRecord);
        }
        catch (error) {
            if (!(0,resolver/* isNxdomain */.fm)(error) && !(0,resolver/* isNodata */.sY)(error))
                throw error;
            analysis.voidLookups.push(term);
            records = [];
        }
        if (records.length !== 1) {
            const seen = records.length === 0 ? 'no SPF record' : `${records.length} SPF records`;
            analysis.problems.push(`SPF ${term} has ${seen}: ${isRedirect ? 'point the redirect' : 'remove it or point it'} at a domain with exactly one, receivers reject it (permerror)`);
            return undefined;
        }
        return this.walk(name, records[0], [...path, name], term);
    }
}
/** Judges an SPF walk; pure. */
function evaluateSpf(analysis) {
    const { domain } = analysis;
    const errors = [];
    const warnings = [];
    const fail = (rule, message) => errors.push({ rule, message });
    if (analysis.nxdomain) {
        fail('spf-missing', `${domain} does not exist (NXDOMAIN): check email.domain`);
    }
    else if (analysis.records.length === 0) {
        fail('spf-missing', `no SPF record at ${domain}: publish one TXT record like "v=spf1 include:<your mail provider> -all"`);
    }
    else if (analysis.records.length > 1) {
        fail('spf-multiple', `${analysis.records.length} SPF records at ${domain} (receivers reject them all): merge them into one v=spf1 record`);
    }
    if (analysis.records.length !== 1) {
        return {
            errors,
            warnings,
            summary: '',
            metrics: { records: analysis.records.length }
        };
    }
    for (const problem of analysis.problems)
        fail('spf-invalid', problem);
    if (analysis.lookups > MAX_SPF_LOOKUPS || analysis.incomplete) {
        fail('spf-lookups', lookupMessage(analysis));
    }
    if (analysis.voidLookups.length > MAX_VOID_LOOKUPS) {
        fail('spf-void-lookups', `SPF has ${analysis.voidLookups.length} void lookups (max ${MAX_VOID_LOOKUPS}): ${analysis.voidLookups.join(', ')} find no records; remove them`);
    }
    const all = ALL_ADVICE[analysis.all ?? 'none'];
    if (all)
        fail('spf-all', all);
    if (analysis.usesPtr) {
        warnings.push({
            rule: 'spf-ptr',
            message: 'SPF uses ptr, which is slow and discouraged (RFC 7208 §5.5): replace it with ip4:, ip6: or a:'
        });
    }
    return {
        errors,
        warnings,
        summary: `${analysis.records[0]} (${analysis.lookups} of ${MAX_SPF_LOOKUPS} lookups)`,
        metrics: {
            records: 1,
            lookups: analysis.lookups,
            void_lookups: analysis.voidLookups.length
        }
    };
}
const ALL_ADVICE = {
    '-': undefined,
    '~': undefined,
    '+': 'SPF ends in +all, which lets any server send as your domain: end it in -all or ~all',
    '?': 'SPF ends in ?all (neutral), which does not mark forged mail: end it in -all or ~all',
    none: 'SPF has no all mechanism, so unlisted servers get a neutral result: end it in -all or ~all'
};
/** `SPF needs 13 DNS lookups (max 10): flatten include:_spf.x (6 lookups)`. */
function lookupMessage(analysis) {
    const count = analysis.incomplete
        ? `at least ${analysis.lookups}`
        : String(analysis.lookups);
    const excess = analysis.lookups - MAX_SPF_LOOKUPS;
    const chosen = [];
    let saved = 0;
    for (const cost of analysis.costs.toSorted((a, b) => b.lookups - a.lookups)) {
        if (saved >= excess)
            break;
        chosen.push(`${cost.term} (${cost.lookups} lookups)`);
        saved += cost.lookups;
    }
    const fix = saved >= excess && chosen.length > 0
        ? `flatten ${chosen.join(' and ')} into ip4:/ip6: ranges`
        : 'replace a, mx and include terms with ip4:/ip6: ranges';
    return `SPF needs ${count} DNS lookups (max ${MAX_SPF_LOOKUPS}): ${fix}`;
}

;// CONCATENATED MODULE: ./src/checks/email/check.ts





/**
 * Queries one part may send: an SPF tree within the 10-lookup limit needs
 * about 25 (a terms ask for A and AAAA); the walk stops descending past 30
 * lookups, which this leaves room for.
 */
const MAX_QUERIES_PER_PART = 80;
/**
 * `email`: one unit per part (`spf`, `dmarc`, `dkim:<selector>`), each
 * looked up through `dns.resolver` when the policy sets one.
 */
const emailCheck = {
    kind: 'email',
    units: (section, policy) => {
        const domain = section.domain.trim().toLowerCase().replace(/\.$/, '');
        const part = (name, policyPath, judge) => ({
            name,
            level: section.level ?? 'error',
            policyPath,
            async run(ctx) {
                const client = new resolver/* DnsClient */.$A({
                    server: policy.dns?.resolver,
                    timeoutMs: policy.defaults.timeout,
                    maxQueries: MAX_QUERIES_PER_PART,
                    signal: ctx.signal
                });
                const outcome = partOutcome(await judge(client));
                // Results differ between resolvers: say which one answered.
                outcome.metrics = {
                    ...outcome.metrics,
                    resolver: client.server,
                    queries: client.queries
                };
                return outcome;
            }
        });
        const units = [];
        if (section.spf) {
            units.push(part('spf', ['email'], async (client) => evaluateSpf(await analyzeSpf(client, domain))));
        }
        const { dmarc } = section;
        if (dmarc !== false) {
            units.push(part('dmarc', ['email'], async (client) => evaluateDmarc(await lookupDmarc(client, domain), domain, dmarc.min_policy)));
        }
        for (const [index, selector] of (section.dkim?.selectors ?? []).entries()) {
            units.push(part(`dkim:${selector}`, ['email', 'dkim', 'selectors', index], async (client) => evaluateDkim(await lookupDkim(client, selector, domain), selector)));
        }
        return units;
    }
};


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
