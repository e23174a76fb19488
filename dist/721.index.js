export const id = 721;
export const ids = [721];
export const modules = {

/***/ 87721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emailCheck: () => (/* binding */ emailCheck)
});

// EXTERNAL MODULE: ./src/net/resolver.ts
var resolver = __webpack_require__(55365);
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
var get_dmarc_record = __webpack_require__(10313);
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
var outcome = __webpack_require__(34545);
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
    const notes = verdict.notes ?? [];
    if (errors.length > 0)
        return { ...(0,outcome/* failedOutcome */.i)(findings, metrics), notes };
    return {
        ok: true,
        summary: verdict.summary + (0,outcome/* adviceSuffix */.q)(warnings),
        metrics,
        findings,
        notes
    };
}

// EXTERNAL MODULE: ./node_modules/mailauth/lib/spf/syntax.js
var syntax = __webpack_require__(95718);
;// CONCATENATED MODULE: ./src/checks/email/spf.ts


/** RFC 7208 §4.6.4: DNS-querying terms per evaluation, and empty answers. */
const MAX_SPF_LOOKUPS = 10;
const MAX_VOID_LOOKUPS = 2;
/** The walk stops descending past this many lookups or include levels. */
const WALK_LOOKUP_CAP = 30;
const WALK_MAX_DEPTH = 10;
/** Mechanisms that cost a DNS lookup (the modifier `redirect` does too). */
const LOOKUP_MECHANISMS = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
/** RFC 7208 §4.6.4: an `mx` term may bring back at most this many names. */
const MAX_MX_NAMES = 10;
/**
 * True for a TXT record that is an SPF record (RFC 7208 §4.5): exactly
 * `v=spf1` (any case), then a space or the end. Anything else (a tab, a
 * leading space, `v=spf10`) is some other record, which receivers skip.
 */
function isSpfRecord(text) {
    return /^v=spf1( |$)/i.test(text);
}
/** Looks like an SPF record to a person, but receivers skip it. */
function isNearSpfRecord(text) {
    return !isSpfRecord(text) && /^\s*v=spf1(\s|$)/i.test(text);
}
/** `a`/`mx` after the name: `[":" domain-spec] ["/" cidr4] ["//" cidr6]`. */
const DUAL_CIDR_TARGET = /^(?::(.+?))?(?:\/\d+)?(?:\/\/\d+)?$/;
/**
 * Splits an SPF record into its terms: the version, then terms separated by
 * spaces only (§4.6.1). A record holding any other control or non-ASCII
 * character is a permerror; mailauth checks the grammar of each term.
 */
function parseSpf(text) {
    if (!isSpfRecord(text)) {
        return { mechanisms: [], error: 'it does not start with v=spf1' };
    }
    const stray = /[^\x20-\x7e]/.exec(text);
    if (stray) {
        return {
            mechanisms: [],
            error: `it holds ${describeCharacter(stray[0])}: terms are printable ASCII separated by spaces only`
        };
    }
    const terms = text.slice('v=spf1'.length).split(' ').filter(Boolean);
    const error = (0,syntax.validateTerms)(terms) || undefined;
    const record = { mechanisms: [], error };
    for (const term of terms) {
        const modifier = /^([a-z][a-z0-9._-]*)=(.*)$/i.exec(term);
        if (modifier) {
            if (modifier[1].toLowerCase() === 'redirect')
                record.redirect = modifier[2];
            continue;
        }
        const parts = /^([-+~?]?)([a-z0-9]*)(.*)$/i.exec(term);
        if (!parts?.[2])
            continue;
        const name = parts[2].toLowerCase();
        const rest = parts[3];
        const target = name === 'a' || name === 'mx'
            ? DUAL_CIDR_TARGET.exec(rest)?.[1]
            : name === 'ip4' || name === 'ip6'
                ? rest.slice(1).replace(/\/\d+$/, '')
                : rest.startsWith(':')
                    ? rest.slice(1)
                    : undefined;
        record.mechanisms.push({
            qualifier: (parts[1] || '+'),
            name,
            target: target || undefined,
            text: term
        });
    }
    return record;
}
/**
 * `a tab (0x09)`, `a non-ASCII byte (0xEF)`. node:dns reads TXT data as
 * Latin-1, so each character below U+0100 is one byte of the record.
 */
function describeCharacter(char) {
    const code = char.codePointAt(0);
    const hex = code.toString(16).toUpperCase();
    const shown = code < 0x100 ? `0x${hex.padStart(2, '0')}` : `U+${hex.padStart(4, '0')}`;
    const names = {
        '\t': 'a tab',
        '\n': 'a line feed',
        '\r': 'a carriage return'
    };
    if (names[char])
        return `${names[char]} (${shown})`;
    if (code < 0x20 || code === 0x7f)
        return `a control character (${shown})`;
    return code < 0x100
        ? `a non-ASCII byte (${shown})`
        : `a non-ASCII character (${shown})`;
}
/**
 * Walks the SPF record of `domain` and everything it includes, counting the
 * lookups a receiver would make for a sender that matches nothing (the most
 * it can cost). Every query goes through `client`, which bounds time and
 * count; an answer that cannot be parsed or never comes throws a DnsError
 * naming the lookup.
 */
async function analyzeSpf(client, domain) {
    const analysis = {
        domain,
        nxdomain: false,
        records: [],
        nearMisses: [],
        lookups: 0,
        voidLookups: [],
        costs: [],
        ending: 'none',
        problems: [],
        macroTerms: [],
        usesPtr: false,
        incomplete: false
    };
    try {
        const texts = (await client.resolve(domain, 'TXT')).map(chunks => chunks.join(''));
        analysis.records = texts.filter(isSpfRecord);
        analysis.nearMisses = texts.filter(isNearSpfRecord);
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
        analysis.ending = await walker.walk(domain, analysis.records[0], [domain]);
    }
    return analysis;
}
/** No answer can exist: the name does not exist, has no such records, or cannot be asked. */
function isVoid(error) {
    return (0,resolver/* isNxdomain */.fm)(error) || (0,resolver/* isNodata */.sY)(error) || (0,resolver/* isBadName */.fQ)(error);
}
class SpfWalker {
    client;
    analysis;
    constructor(client, analysis) {
        this.client = client;
        this.analysis = analysis;
    }
    /** Counts one record's terms; returns how its evaluation ends. */
    async walk(domain, text, path, via) {
        const { analysis } = this;
        const record = parseSpf(text);
        const top = via === undefined;
        if (record.error) {
            analysis.problems.push(`${top ? 'SPF record' : `SPF record of ${via}`} is invalid (${record.error}): fix the syntax, receivers reject it (permerror)`);
            return 'stopped';
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
            return 'none';
        const before = analysis.lookups;
        analysis.lookups++;
        const term = `redirect=${record.redirect}`;
        if (record.redirect.includes('%')) {
            analysis.macroTerms.push(term);
            return 'macro';
        }
        const ending = await this.followRecord(record.redirect, term, path, true);
        if (top)
            analysis.costs.push({ term, lookups: analysis.lookups - before });
        return ending;
    }
    async follow(mechanism, domain, path) {
        const target = mechanism.target ?? domain;
        // A macro (%{i}, %{s}...) depends on the sender: it cannot be looked up here.
        if (target.includes('%')) {
            this.analysis.macroTerms.push(mechanism.text);
            return;
        }
        switch (mechanism.name) {
            case 'include': {
                const ending = await this.followRecord(target, mechanism.text, path, false);
                if (ending === '+') {
                    this.analysis.problems.push(`${mechanism.text} ends in +all, so it matches every server: remove it or ask its owner for a record ending in -all or ~all`);
                }
                return;
            }
            case 'a':
                await this.countVoid(mechanism.text, [
                    this.client.resolve(target, 'A'),
                    this.client.resolve(target, 'AAAA')
                ]);
                return;
            case 'mx': {
                const names = await this.countVoid(mechanism.text, [
                    this.client.resolve(target, 'MX')
                ]);
                if (names > MAX_MX_NAMES) {
                    this.analysis.problems.push(`SPF ${mechanism.text} finds ${names} MX names (max ${MAX_MX_NAMES} per mx term): receivers reject it (permerror); list the mail servers with ip4:/ip6: instead`);
                }
                return;
            }
            case 'exists':
                await this.countVoid(mechanism.text, [this.client.resolve(target, 'A')]);
                return;
            case 'ptr':
                // Needs the sender's address; counted, never resolved.
                this.analysis.usesPtr = true;
        }
    }
    /**
     * A void lookup finds nothing: every one of `answers` is empty (or its
     * name is one DNS cannot carry). Returns how many records were found.
     */
    async countVoid(term, answers) {
        let found = 0;
        for (const answer of answers) {
            try {
                found += (await answer).length;
            }
            catch (error) {
                if (!isVoid(error))
                    throw error;
            }
        }
        if (found === 0)
            this.analysis.voidLookups.push(term);
        return found;
    }
    /** Walks the record an include or redirect names. */
    async followRecord(target, term, path, isRedirect) {
        const { analysis } = this;
        const name = target.toLowerCase().replace(/\.$/, '');
        if (path.includes(name)) {
            analysis.problems.push(`SPF ${term} loops back (${[...path, name].join(' → ')}): remove the loop, receivers reject it (permerror)`);
            return 'stopped';
        }
        if (path.length > WALK_MAX_DEPTH || analysis.lookups > WALK_LOOKUP_CAP) {
            analysis.incomplete = true;
            return 'stopped';
        }
        let records;
        try {
            records = (await this.client.resolve(name, 'TXT'))
                .map(chunks => chunks.join(''))
                .filter(isSpfRecord);
        }
        catch (error) {
            if (!isVoid(error))
                throw error;
            analysis.voidLookups.push(term);
            records = [];
        }
        if (records.length !== 1) {
            const seen = records.length === 0 ? 'no SPF record' : `${records.length} SPF records`;
            analysis.problems.push(`SPF ${term} has ${seen}: ${isRedirect ? 'point the redirect' : 'remove it or point it'} at a domain with exactly one, receivers reject it (permerror)`);
            return 'stopped';
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
    else if (analysis.records.length === 0 && analysis.nearMisses.length > 0) {
        fail('spf-missing', `no SPF record at ${domain}: a TXT record starts like one, but receivers only read a record that begins with exactly "v=spf1" and a space; remove what comes before "v=spf1" and separate terms with single spaces`);
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
    const all = ENDING_ADVICE[analysis.ending];
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
        notes: macroNotes(analysis.macroTerms),
        summary: `${analysis.records[0]} (${analysis.lookups} of ${MAX_SPF_LOOKUPS} lookups)`,
        metrics: {
            records: 1,
            lookups: analysis.lookups,
            void_lookups: analysis.voidLookups.length
        }
    };
}
/** A redirect to a macro or a record receivers reject gets no advice on its end. */
/** One note for the terms whose target depends on the sender. */
function macroNotes(terms) {
    if (terms.length === 0)
        return [];
    const one = terms.length === 1;
    return [
        `${terms.join(', ')} ${one ? 'depends' : 'depend'} on the sender (macros): counted as ${one ? 'a lookup' : `${terms.length} lookups`}, not looked up`
    ];
}
const ENDING_ADVICE = {
    '-': undefined,
    '~': undefined,
    macro: undefined,
    stopped: undefined,
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
    plan: (section, policy) => {
        const parts = Number(section.spf) +
            Number(section.dmarc !== false) +
            (section.dkim?.selectors.length ?? 0);
        return {
            maxRequests: parts * MAX_QUERIES_PER_PART,
            maxMs: parts * MAX_QUERIES_PER_PART * policy.defaults.timeout,
            basis: `${parts} parts × ${MAX_QUERIES_PER_PART} queries`
        };
    },
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
