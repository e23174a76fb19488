export const id = 828;
export const ids = [828];
export const modules = {

/***/ 72828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TLS_VERSIONS: () => (/* binding */ TLS_VERSIONS),
/* harmony export */   evaluateTls: () => (/* binding */ evaluateTls),
/* harmony export */   probeTls: () => (/* binding */ probeTls),
/* harmony export */   tlsCheck: () => (/* binding */ tlsCheck)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74860);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _net_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59663);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26518);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(34545);







/** Protocol versions, oldest first, as `getProtocol()` names them. */
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const DAY_MS = 86_400_000;
const tlsCheck = {
    kind: 'tls',
    // A second handshake when the first is refused for an old protocol.
    plan: (section, policy) => {
        const hosts = section.hosts?.length ?? 1;
        return {
            maxRequests: hosts * 2,
            maxMs: hosts * 2 * policy.defaults.timeout,
            basis: `${hosts} hosts × 2 handshakes`
        };
    },
    units: (section, _policy, planned) => {
        const level = section.level ?? 'error';
        if (section.hosts === undefined) {
            return [
                {
                    name: planned?.host ?? 'target',
                    level,
                    policyPath: ['tls'],
                    async run(ctx) {
                        const target = ctx.target;
                        if (!target) {
                            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl('no target URL and no tls.hosts: list the hosts to probe');
                        }
                        if (target.protocol !== 'https:') {
                            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl(`the target ${target.href} is plain http: list the https hosts to probe in tls.hosts`);
                        }
                        const facts = await probeTls(target.hostname, Number(target.port || 443), ctx);
                        return evaluateTls(section, facts);
                    }
                }
            ];
        }
        return section.hosts.map((host, index) => ({
            name: host,
            level,
            policyPath: ['tls', 'hosts', index],
            async run(ctx) {
                const { hostname, port } = (0,_util_host_js__WEBPACK_IMPORTED_MODULE_1__/* .parseHostPort */ .Dv)(host);
                return evaluateTls(section, await probeTls(hostname, port, ctx));
            }
        }));
    }
};
/** Handshake failures that mean "no protocol or cipher in common". */
const LEGACY_RETRY_CODES = new Set([
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_SSL_UNSUPPORTED_PROTOCOL',
    'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
    'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'
]);
/**
 * The facts of a TLS handshake that accepts any certificate, so a bad one is
 * reported, not just refused. Trusts Node's store plus `ctx.ca`; without
 * `ctx.ca` it passes no `ca`, so NODE_EXTRA_CA_CERTS (internal CAs) keeps
 * working. A server with no protocol in common gets a second, legacy
 * handshake (TLS 1.0 up), so it fails min_version with its real protocol.
 */
async function probeTls(hostname, port, ctx) {
    const where = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(hostname) === 6 ? `[${hostname}]:${port}` : `${hostname}:${port}`;
    try {
        return await handshake(hostname, port, where, ctx, false);
    }
    catch (error) {
        const code = error.code ?? '';
        if (!LEGACY_RETRY_CODES.has(code))
            throw asCheckError(error, where);
    }
    try {
        return await handshake(hostname, port, where, ctx, true);
    }
    catch (error) {
        throw asCheckError(error, where);
    }
}
/** One handshake; rejects with the socket's error, or a CheckError on time. */
function handshake(hostname, port, where, ctx, legacy) {
    const timeoutMs = ctx.http.timeoutMs;
    return new Promise((resolve, reject) => {
        if (ctx.signal.aborted)
            return reject(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl('cancelled: out of time'));
        const socket = (0,node_tls__WEBPACK_IMPORTED_MODULE_2__.connect)({
            host: hostname,
            port,
            servername: (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(hostname) ? undefined : hostname,
            rejectUnauthorized: false,
            // Only for servers below TLS 1.2: OpenSSL 3 refuses TLS 1.0/1.1 at the
            // default security level, which also keeps weak keys out otherwise.
            ...(legacy
                ? { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }
                : {}),
            ...(ctx.ca?.length ? { ca: [...node_tls__WEBPACK_IMPORTED_MODULE_2__.rootCertificates, ...ctx.ca] } : {})
        });
        const finish = (settle) => {
            clearTimeout(timer);
            ctx.signal.removeEventListener('abort', onAbort);
            socket.destroy();
            settle();
        };
        const onAbort = () => finish(() => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl('cancelled: out of time')));
        const timer = setTimeout(() => finish(() => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl(`no TLS handshake with ${where} within ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(timeoutMs)}`))), timeoutMs);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        socket.once('error', error => finish(() => reject(error)));
        socket.once('secureConnect', () => {
            const cert = socket.getPeerCertificate();
            if (!cert || !cert.valid_to) {
                return finish(() => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl(`${where} sent no certificate`)));
            }
            const facts = {
                host: hostname,
                port,
                protocol: socket.getProtocol() ?? 'unknown',
                cipher: socket.getCipher()?.name ?? 'unknown',
                validFrom: new Date(cert.valid_from),
                validTo: new Date(cert.valid_to),
                issuer: nameOf(cert.issuer),
                subjectAltNames: cert.subjectaltname ?? '',
                chainError: socket.authorizationError === null
                    ? undefined
                    : String(socket.authorizationError),
                coversHost: (0,node_tls__WEBPACK_IMPORTED_MODULE_2__.checkServerIdentity)(hostname, cert) === undefined
            };
            finish(() => resolve(facts));
        });
    });
}
/** OpenSSL's words for the chain errors (X509_verify_cert_error_string). */
const OPENSSL_REASONS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
    UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
    CERT_SIGNATURE_FAILURE: 'certificate signature failure',
    CERT_CHAIN_TOO_LONG: 'certificate chain too long',
    CERT_REVOKED: 'certificate revoked',
    CERT_UNTRUSTED: 'certificate not trusted',
    CERT_REJECTED: 'certificate rejected',
    INVALID_CA: 'invalid CA certificate',
    INVALID_PURPOSE: 'unsupported certificate purpose',
    PATH_LENGTH_EXCEEDED: 'path length constraint exceeded',
    CA_KEY_TOO_SMALL: 'CA certificate key too weak',
    EE_KEY_TOO_SMALL: 'EE certificate key too weak',
    CA_MD_TOO_WEAK: 'CA signature digest algorithm too weak'
};
/** Chain errors that the date checks already report in their own words. */
const DATE_ERRORS = new Set([
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
/** Judges the facts of one handshake; pure, `now` is a parameter for tests. */
function evaluateTls(section, facts, now = new Date()) {
    const findings = [];
    const daysLeft = Math.floor((facts.validTo.getTime() - now.getTime()) / DAY_MS);
    const validTo = facts.validTo.toISOString().slice(0, 10);
    if (facts.validTo.getTime() <= now.getTime()) {
        findings.push({
            message: `certificate expired on ${validTo} (${ago(now.getTime() - facts.validTo.getTime())}); expected a valid one: renew it`
        });
    }
    else if (facts.validFrom.getTime() > now.getTime()) {
        findings.push({
            message: `certificate is not valid until ${facts.validFrom.toISOString().slice(0, 10)}; expected one valid now: check the issuing date or the server clock`
        });
    }
    else if (daysLeft < section.min_days_remaining) {
        findings.push({
            message: `certificate expires in ${plural(daysLeft, 'day')} (${validTo}); expected at least ${section.min_days_remaining}: renew it`
        });
    }
    if (facts.chainError !== undefined && !DATE_ERRORS.has(facts.chainError)) {
        const reason = OPENSSL_REASONS[facts.chainError] ?? facts.chainError;
        findings.push({
            message: `untrusted chain: ${reason} (issuer ${facts.issuer}); expected a chain to a trusted CA: serve the full chain from a public or configured CA`
        });
    }
    if (!facts.coversHost) {
        findings.push({
            message: `certificate does not cover ${facts.host} (it names ${facts.subjectAltNames || 'no alternative names'}); expected a certificate for this host`
        });
    }
    const versionIndex = TLS_VERSIONS.indexOf(facts.protocol);
    if (versionIndex < TLS_VERSIONS.indexOf(section.min_version)) {
        findings.push({
            message: `negotiated ${facts.protocol}; expected ${section.min_version} or newer: disable old protocols on the server`
        });
    }
    const metrics = {
        host: `${facts.host}:${facts.port}`,
        protocol: facts.protocol,
        cipher: facts.cipher,
        days_remaining: daysLeft,
        valid_to: facts.validTo.toISOString(),
        issuer: facts.issuer,
        subject_alt_names: facts.subjectAltNames
    };
    if (findings.length === 0) {
        return {
            ok: true,
            summary: `${facts.protocol}, ${plural(daysLeft, 'day')} left (${validTo}), issuer ${facts.issuer}`,
            metrics,
            findings
        };
    }
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_6__/* .failedOutcome */ .i)(findings, metrics);
}
function plural(count, unit) {
    return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
function ago(ms) {
    const days = Math.floor(ms / DAY_MS);
    return days === 0 ? 'less than a day ago' : `${plural(days, 'day')} ago`;
}
/** `CN=R11, O=Let's Encrypt` → the common name, else the organisation. */
function nameOf(name) {
    if (!name)
        return 'unknown';
    const pick = (value) => Array.isArray(value) ? value[0] : value;
    return pick(name.CN) ?? pick(name.O) ?? 'unknown';
}
/** One line for a failed handshake, with OpenSSL's reason when there is one. */
function asCheckError(error, where) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl)
        return error;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .CheckError */ .tl(describeHandshakeError(error, where));
}
function describeHandshakeError(error, where) {
    const reason = error.reason;
    if (reason === 'wrong version number' ||
        reason === 'packet length too long') {
        return `${where} did not answer with TLS (${reason}): is it an http port?`;
    }
    if (reason)
        return `TLS handshake with ${where} failed: ${reason}`;
    return (0,_net_http_js__WEBPACK_IMPORTED_MODULE_3__/* .describeNetworkError */ .gl)(error, new URL(`https://${where}`));
}


/***/ })

};
