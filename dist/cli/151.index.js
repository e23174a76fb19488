export const id = 151;
export const ids = [151];
export const modules = {

/***/ 2151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluateLatency: () => (/* binding */ evaluateLatency),
  formatMs: () => (/* binding */ formatMs),
  latencyCheck: () => (/* binding */ latencyCheck),
  progressLine: () => (/* binding */ progressLine)
});

// EXTERNAL MODULE: ./src/policy/duration.ts
var duration = __webpack_require__(5432);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(1572);
// EXTERNAL MODULE: ./src/checks/types.ts
var types = __webpack_require__(6468);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(9663);
// EXTERNAL MODULE: ./node_modules/hdr-histogram-js/dist/index.js
var dist = __webpack_require__(2960);
;// CONCATENATED MODULE: ./src/checks/latency/histogram.ts
/**
 * The one place that knows latency units: samples go in as microseconds
 * (integers, what hdr-histogram-js stores), figures come out in milliseconds.
 */

/** Anything slower than an hour is recorded as an hour. */
const HIGHEST_US = 3_600_000_000;
/** Percentiles of the figures, in the order budgets are read. */
const PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99 };
/**
 * A latency histogram with 3 significant digits (±0.1 %): memory stays the
 * same whether it holds a hundred samples or a million.
 */
class LatencyHistogram {
    histogram = (0,dist/* build */.jq)({
        bitBucketSize: 32,
        autoResize: false,
        lowestDiscernibleValue: 1,
        highestTrackableValue: HIGHEST_US,
        numberOfSignificantValueDigits: 3,
        useWebAssembly: false
    });
    get count() {
        return this.histogram.totalCount;
    }
    /** Records one latency given in microseconds. */
    recordMicros(micros) {
        this.histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(micros))));
    }
    /** Milliseconds at `percentile` (0–100); 0 when empty. */
    percentileMs(percentile) {
        if (this.count === 0)
            return 0;
        // The histogram answers with the top of a bucket, which can sit a hair
        // above the largest sample; never report a percentile above the max.
        const micros = Math.min(this.histogram.getValueAtPercentile(percentile), this.histogram.maxValue);
        return micros / 1000;
    }
    figures() {
        return {
            count: this.count,
            p50: this.percentileMs(PERCENTILES.p50),
            p90: this.percentileMs(PERCENTILES.p90),
            p95: this.percentileMs(PERCENTILES.p95),
            p99: this.percentileMs(PERCENTILES.p99),
            max: this.count === 0 ? 0 : this.histogram.maxValue / 1000
        };
    }
}

;// CONCATENATED MODULE: ./src/checks/latency/load.ts
/**
 * The load engine: an open model (`rate`, arrivals on a fixed schedule) and a
 * closed model (`concurrency`, N requests in flight), each bounded by a count
 * cap and a time cap. Requests go through undici's `dispatch()` with a
 * minimal handler, which keeps up with autocannon where `request()` does not.
 */




/** With neither `duration` nor `requests`, a check runs this long. */
const DEFAULT_DURATION_MS = 10_000;
/** With `requests` only, the run still stops after this long. */
const REQUESTS_ONLY_TIME_CAP_MS = 60_000;
/** With `duration` only, the closed model still stops after this many. */
const MAX_REQUESTS = 1_000_000;
const DEFAULT_WARMUP_MS = 1000;
/** The warm-up never sends more than this share of the measured requests... */
const WARMUP_SHARE = 0.1;
/** ...and the open model never opens more connections than this. */
const MAX_CONNECTIONS = 512;
/**
 * With no HTTP answer at all yet, this many connection failures in a row end
 * the run early: hammering a refused port for the whole duration proves
 * nothing more.
 */
const CONNECTION_FAILURE_LIMIT = 50;
/** Housekeeping (timeouts, phase changes, time cap) runs this often. */
const TICK_MS = 25;
const PROGRESS_EVERY_MS = 500;
/**
 * Fills in the defaults (documented in docs/checks/latency.md), so that every
 * run has a count cap and a time cap whatever the policy says.
 */
function loadBounds(settings, timeoutMs) {
    const { model } = settings;
    const windowMs = settings.duration ??
        (settings.requests === undefined
            ? DEFAULT_DURATION_MS
            : REQUESTS_ONLY_TIME_CAP_MS);
    const scheduled = model.kind === 'rate'
        ? Math.max(1, Math.ceil((model.rate * windowMs) / 1000))
        : MAX_REQUESTS;
    const requests = Math.min(settings.requests ?? scheduled, scheduled);
    const slots = model.kind === 'concurrency'
        ? model.concurrency
        : Math.min(MAX_CONNECTIONS, Math.max(1, Math.ceil((model.rate * timeoutMs) / 1000)));
    const warmupMs = settings.warmup ?? DEFAULT_WARMUP_MS;
    let warmupRequests = 0;
    if (warmupMs > 0) {
        warmupRequests = Math.max(model.kind === 'concurrency' ? slots : 1, Math.ceil(requests * WARMUP_SHARE));
        if (model.kind === 'rate') {
            warmupRequests = Math.min(warmupRequests, Math.ceil((model.rate * warmupMs) / 1000));
        }
    }
    return { requests, windowMs, warmupMs, warmupRequests, connections: slots };
}
const MAX_OTHER_REASONS = 5;
class TimeoutError extends Error {
    name = 'TimeoutError';
}
/**
 * One request: its handler. It records nothing itself; the run settles it
 * exactly once, on the end of the body, an error or a timeout.
 */
class Exchange {
    controller;
    status = 0;
    /** Its place in the run's in-flight list; -1 once settled. */
    inFlightIndex = -1;
    /** Closed model: the slot that sends the next request when this one ends. */
    slot;
    settled = false;
    /** When a connection took it from the pool's queue (open model only). */
    writtenUs;
    run;
    /** When the latency clock starts: the intended start (open model). */
    startUs;
    /** When it was handed to the pool: the timeout runs from here. */
    sentUs;
    measured;
    constructor(run, startUs, sentUs, measured, slot) {
        this.run = run;
        this.slot = slot;
        this.startUs = startUs;
        this.sentUs = sentUs;
        this.measured = measured;
    }
    onRequestStart(controller) {
        // Timed out while still queued in the pool: never send it.
        if (this.settled)
            controller.abort(new TimeoutError('timed out'));
        else {
            this.controller = controller;
            if (this.run.open)
                this.writtenUs = this.run.nowUs();
        }
    }
    onResponseStart(_controller, statusCode) {
        this.status = statusCode;
    }
    // The body is read (and dropped) to its end before the sample counts.
    onResponseData() { }
    onResponseEnd() {
        this.run.settle(this, undefined);
    }
    onResponseError(_controller, error) {
        this.run.settle(this, error);
    }
}
/** Runs one load test to its end; never throws for network failures. */
function runLoad(options) {
    return new LoadRun(options).done;
}
class LoadRun {
    done;
    resolve;
    options;
    bounds;
    /** Open model: any free connection takes the next request. */
    pool;
    /**
     * Closed model: slot i always sends on client i mod connections. The next
     * request is queued on the client whose response is ending, so undici
     * writes it on the next turn. Through a Pool it waited in the pool's queue
     * (an async resource per request) for a drain event, then one more turn for
     * undici's idle-socket check, and re-armed the keep-alive timer each time:
     * about 2 µs more CPU per request, 0.8× autocannon instead of 0.9×+.
     */
    clients = [];
    histogram = new LatencyHistogram();
    serviceHistogram = new LatencyHistogram();
    /** Open model (`rate`), as opposed to closed (`concurrency`). */
    open;
    errors = {
        total: 0,
        byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
        byStatus: {},
        otherReasons: {}
    };
    /**
     * Requests in flight, for the timeout sweep: an array with swap-remove, not
     * a Set. Under add/delete churn V8 rehashes a Set and keeps each old table
     * linked to its successor; those dead tables reach ended requests through
     * every young-generation GC, so almost every request got promoted (peak RSS
     * ~270 MB for 100 000 requests, and GC time on the hot path).
     */
    inFlight = [];
    t0 = process.hrtime.bigint();
    timeoutUs;
    body;
    tick;
    schedule;
    lastProgressUs = 0;
    nextPath = 0;
    /** Open model: index of the next scheduled request; the first measured one. */
    openNext = 0;
    warmupCount;
    warmupSent = 0;
    measuredSent = 0;
    measuredDone = 0;
    warming;
    measureStartUs = 0;
    windowEndUs = Infinity;
    lastEndUs = 0;
    stopReason;
    answered = false;
    connectionFailuresInARow = 0;
    finished = false;
    constructor(options) {
        this.options = options;
        this.open = options.model.kind === 'rate';
        this.bounds = loadBounds(options, options.timeoutMs);
        this.timeoutUs = options.timeoutMs * 1000;
        this.body =
            options.method === 'GET' || options.method === 'HEAD' ? undefined : '';
        this.warmupCount = this.bounds.warmupRequests;
        this.warming = this.warmupCount > 0;
        const connections = options.connections ?? this.bounds.connections;
        const clientOptions = {
            pipelining: 1,
            connect: {
                timeout: options.timeoutMs,
                ...(options.ca?.length
                    ? { ca: [...external_node_tls_.rootCertificates, ...options.ca] }
                    : {})
            }
        };
        if (this.open) {
            this.pool = new undici/* Pool */.bC(options.origin.origin, {
                ...clientOptions,
                connections
            });
        }
        else {
            for (let i = 0; i < connections; i++) {
                this.clients.push(new undici/* Client */.Kj(options.origin.origin, clientOptions));
            }
        }
        this.done = new Promise(resolve => (this.resolve = resolve));
        if (options.signal.aborted) {
            this.stop('cancelled');
            return;
        }
        options.signal.addEventListener('abort', this.onAbort, { once: true });
        this.tick = setInterval(() => this.housekeeping(), TICK_MS);
        if (options.model.kind === 'rate')
            this.startOpen(options.model.rate);
        else
            this.startClosed(options.model.concurrency);
    }
    onAbort = () => this.stop('cancelled');
    nowUs() {
        return Number(process.hrtime.bigint() - this.t0) / 1000;
    }
    /** Open model: request i is due at i / rate, whether or not others ended. */
    startOpen(rate) {
        // The schedule is the count cap and the time cap at once.
        const cappedBy = this.options.requests !== undefined &&
            this.bounds.requests < (rate * this.bounds.windowMs) / 1000
            ? 'requests'
            : 'duration';
        const dueUs = (index) => (index * 1e6) / rate;
        this.measureStartUs = dueUs(this.warmupCount);
        const fire = () => {
            this.schedule = undefined;
            if (this.stopReason)
                return;
            const now = this.nowUs();
            const total = this.warmupCount + this.bounds.requests;
            while (this.openNext < total && dueUs(this.openNext) <= now) {
                const measured = this.openNext >= this.warmupCount;
                this.warming = !measured;
                this.dispatch(dueUs(this.openNext), now, measured, -1);
                this.openNext++;
            }
            if (this.openNext >= total)
                return this.stop(cappedBy);
            this.schedule = setTimeout(fire, (dueUs(this.openNext) - now) / 1000);
        };
        fire();
    }
    /**
     * A target that cannot be reached has nothing to warm up; ending the
     * warm-up there puts the failures in the report instead of dropping them.
     */
    endWarmupEarly() {
        const { model } = this.options;
        if (model.kind === 'rate') {
            this.warmupCount = this.openNext;
            this.measureStartUs = (this.openNext * 1e6) / model.rate;
            this.warming = false;
        }
        else
            this.beginMeasuring(this.nowUs());
    }
    /** Closed model: each of N slots sends its next request when one ends. */
    startClosed(concurrency) {
        if (!this.warming)
            this.beginMeasuring(this.nowUs());
        for (let slot = 0; slot < concurrency; slot++) {
            this.sendClosed(this.nowUs(), slot);
        }
    }
    beginMeasuring(now) {
        this.warming = false;
        this.measureStartUs = now;
        this.windowEndUs = now + this.bounds.windowMs * 1000;
    }
    /** `now` is when the previous request ended: one clock read serves both. */
    sendClosed(now, slot) {
        if (this.stopReason)
            return;
        if (this.warming &&
            (now >= this.bounds.warmupMs * 1000 ||
                this.warmupSent >= this.bounds.warmupRequests)) {
            this.beginMeasuring(now);
        }
        if (!this.warming) {
            if (this.measuredSent >= this.bounds.requests)
                return this.stop('requests');
            if (now >= this.windowEndUs)
                return this.stop('duration');
        }
        this.dispatch(now, now, !this.warming, slot);
    }
    /** `slot` is -1 in the open model. */
    dispatch(startUs, now, measured, slot) {
        if (measured)
            this.measuredSent++;
        else
            this.warmupSent++;
        const { paths } = this.options;
        const path = paths[this.nextPath++ % paths.length];
        const exchange = new Exchange(this, startUs, now, measured, slot);
        exchange.inFlightIndex = this.inFlight.push(exchange) - 1;
        const dispatcher = this.pool ?? this.clients[slot % this.clients.length];
        dispatcher.dispatch({
            path,
            method: this.options.method,
            headers: this.options.headers,
            body: this.body,
            headersTimeout: this.options.timeoutMs,
            bodyTimeout: this.options.timeoutMs
        }, exchange);
    }
    /** Records how one request ended; called once per request. */
    settle(exchange, error) {
        if (exchange.settled)
            return;
        exchange.settled = true;
        this.removeInFlight(exchange);
        if (this.finished)
            return;
        const now = this.nowUs();
        const kind = error ? errorKind(error) : undefined;
        if (kind === undefined) {
            this.answered = true;
            this.connectionFailuresInARow = 0;
        }
        else if (kind === 'refused' || kind === 'other') {
            this.connectionFailuresInARow++;
            if (this.warming && !this.answered)
                this.endWarmupEarly();
        }
        if (exchange.measured) {
            this.measuredDone++;
            this.lastEndUs = now;
            if (error)
                this.countError(kind, error);
            else if (exchange.status < 200 || exchange.status >= 400) {
                this.countError('status', undefined, exchange.status);
            }
            else {
                this.histogram.recordMicros(now - exchange.startUs);
                if (this.open) {
                    this.serviceHistogram.recordMicros(now - (exchange.writtenUs ?? exchange.sentUs));
                }
            }
        }
        if (!this.answered &&
            this.connectionFailuresInARow >= CONNECTION_FAILURE_LIMIT) {
            return this.stop('connection-failures');
        }
        if (this.stopReason)
            return this.finishIfDrained();
        if (this.options.model.kind === 'concurrency') {
            // A failure can be reported inside dispatch(); sending the next one
            // there would recurse, so it waits for the next turn.
            const { slot } = exchange;
            if (error)
                setImmediate(() => this.sendClosed(this.nowUs(), slot));
            else
                this.sendClosed(now, slot);
        }
    }
    removeInFlight(exchange) {
        const last = this.inFlight.pop();
        if (last !== exchange) {
            this.inFlight[exchange.inFlightIndex] = last;
            last.inFlightIndex = exchange.inFlightIndex;
        }
        exchange.inFlightIndex = -1;
    }
    countError(kind, error, status) {
        this.errors.total++;
        this.errors.byKind[kind]++;
        if (status !== undefined) {
            this.errors.byStatus[status] = (this.errors.byStatus[status] ?? 0) + 1;
        }
        if (kind === 'other' && error) {
            const reason = (0,http/* describeNetworkError */.gl)(error, this.options.origin);
            const reasons = this.errors.otherReasons;
            if (reason in reasons)
                reasons[reason]++;
            else if (Object.keys(reasons).length < MAX_OTHER_REASONS) {
                reasons[reason] = 1;
            }
        }
    }
    /** Times out requests, moves between phases, enforces the time cap. */
    housekeeping() {
        const now = this.nowUs();
        // Backwards: settling one moves the last (already seen or just sent)
        // into its place, and requests sent meanwhile are appended behind.
        for (let i = this.inFlight.length - 1; i >= 0; i--) {
            const exchange = this.inFlight[i];
            if (!exchange || now - exchange.sentUs < this.timeoutUs)
                continue;
            const error = new TimeoutError('timed out');
            this.settle(exchange, error);
            exchange.controller?.abort(error);
        }
        if (this.finished)
            return;
        if (this.options.model.kind === 'concurrency' && !this.stopReason) {
            if (this.warming && now >= this.bounds.warmupMs * 1000) {
                this.beginMeasuring(now);
            }
            if (now >= this.windowEndUs)
                this.stop('duration');
        }
        if (now - this.lastProgressUs >= PROGRESS_EVERY_MS * 1000) {
            this.lastProgressUs = now;
            this.options.onProgress?.({
                phase: this.stopReason ? 'drain' : this.warming ? 'warm-up' : 'load',
                requests: this.measuredDone,
                p95Ms: this.histogram.percentileMs(95),
                errors: this.errors.total
            });
        }
        this.finishIfDrained();
    }
    /**
     * Stops sending. Requests in flight may still end within their own
     * timeout (so the run ends at most one timeout after its time cap), except
     * when cancelled or when nothing answers at all.
     */
    stop(reason) {
        if (this.stopReason)
            return;
        this.stopReason = reason;
        if (this.schedule)
            clearTimeout(this.schedule);
        if (reason === 'cancelled' || reason === 'connection-failures') {
            this.finish();
            return;
        }
        this.finishIfDrained();
    }
    finishIfDrained() {
        if (this.stopReason && this.inFlight.length === 0)
            this.finish();
    }
    finish() {
        if (this.finished)
            return;
        this.finished = true;
        clearInterval(this.tick);
        if (this.schedule)
            clearTimeout(this.schedule);
        this.options.signal.removeEventListener('abort', this.onAbort);
        // Whatever is still queued or in flight is dropped with the connections.
        this.pool?.destroy().catch(() => { });
        for (const client of this.clients)
            client.destroy().catch(() => { });
        const elapsedUs = Math.max(0, this.lastEndUs - this.measureStartUs);
        this.resolve({
            latency: this.histogram.figures(),
            // A closed-model request never waits for a connection: one per slot.
            serviceTime: (this.open
                ? this.serviceHistogram
                : this.histogram).figures(),
            requests: this.measuredDone,
            errors: this.errors,
            rps: elapsedUs > 0 ? (this.measuredDone * 1e6) / elapsedUs : 0,
            elapsedMs: elapsedUs / 1000,
            stoppedBy: this.stopReason,
            bounds: this.bounds
        });
    }
}
const RESET_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED'
]);
const TIMEOUT_CODES = new Set([
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT'
]);
/** Sorts a failure into the kinds the finding reports. */
function errorKind(error) {
    if (error instanceof TimeoutError)
        return 'timeout';
    for (let e = error, depth = 0; e && depth < 5; depth++) {
        const code = e.code;
        if (code === 'ECONNREFUSED')
            return 'refused';
        if (code && RESET_CODES.has(code))
            return 'reset';
        if (code && TIMEOUT_CODES.has(code))
            return 'timeout';
        e = e.cause;
    }
    return 'other';
}

;// CONCATENATED MODULE: ./src/checks/latency/index.ts




/** The keys of an item that shape its load: model and bounds. */
function loadSettings(item) {
    return {
        model: item.rate !== undefined
            ? { kind: 'rate', rate: item.rate }
            : { kind: 'concurrency', concurrency: item.concurrency ?? 1 },
        duration: item.duration,
        requests: item.requests,
        warmup: item.warmup
    };
}
/** The latency budgets, in the order the summary names them. */
const LATENCY_BUDGETS = ['p50', 'p90', 'p95', 'p99', 'max'];
/**
 * One load test per policy item. Units are exclusive: the engine runs each
 * alone, so no other check's traffic skews the figures.
 */
const latencyCheck = {
    kind: 'latency',
    // Each run's time cap, its warm-up, and one timeout to drain.
    extraTimeMs: (items, policy) => items.reduce((sum, item) => {
        const bounds = loadBounds(loadSettings(item), policy.defaults.timeout);
        return sum + bounds.windowMs + bounds.warmupMs + policy.defaults.timeout;
    }, 0),
    units: items => items.map((item, index) => {
        const name = item.name ?? item.paths.join(', ');
        return {
            name,
            level: item.level,
            policyPath: ['latency', index],
            exclusive: true,
            async run(ctx) {
                const urls = item.paths.map(path => (0,target/* resolveUrl */.O)({ path }, ctx.target));
                const result = await runLoad({
                    ...loadSettings(item),
                    origin: urls[0],
                    paths: urls.map(url => url.pathname + url.search),
                    method: item.method,
                    headers: ctx.http.headersFor(urls[0]),
                    timeoutMs: ctx.http.timeoutMs,
                    ca: ctx.ca,
                    signal: ctx.signal,
                    onProgress: progress => ctx.progress(progressLine(name, progress))
                });
                if (result.stoppedBy === 'cancelled') {
                    throw new types/* CheckError */.t('cancelled: out of time');
                }
                return evaluateLatency(item, result, ctx.http.timeoutMs);
            }
        };
    })
};
/** The live line: requests so far, current p95, errors. */
function progressLine(name, progress) {
    if (progress.phase === 'warm-up')
        return `latency ${name}: warming up`;
    const p95 = progress.requests > progress.errors ? formatMs(progress.p95Ms) : '-';
    const draining = progress.phase === 'drain' ? ', waiting for the last answers' : '';
    return `latency ${name}: ${progress.requests} requests, p95 ${p95}, ${progress.errors} errors${draining}`;
}
/**
 * Judges a finished run against the budgets; pure, so tests need no server.
 * A budget with no data to judge (no successful response) fails.
 */
function evaluateLatency(budgets, result, timeoutMs) {
    const { latency, requests, errors } = result;
    const errorRate = requests === 0 ? 0 : errors.total / requests;
    const breaches = [];
    const findings = [];
    for (const budget of LATENCY_BUDGETS) {
        const limit = budgets[budget];
        if (limit === undefined)
            continue;
        if (latency.count === 0) {
            breaches.push(`${budget} no data`);
            continue;
        }
        const measured = latency[budget];
        if (measured > limit) {
            const [shown, allowed] = formatPair(measured, limit);
            breaches.push(`${budget} ${shown} > ${allowed}`);
            findings.push({
                message: `${budget} latency is ${shown}, over the ${allowed} budget (${latency.count} successful responses)`
            });
        }
    }
    if (budgets.error_rate !== undefined) {
        if (requests === 0)
            breaches.push('error_rate no data');
        else if (errorRate > budgets.error_rate) {
            breaches.push(`error_rate ${formatRate(errorRate)} > ${formatRate(budgets.error_rate)}`);
        }
    }
    if (latency.count === 0 && breaches.length === 0) {
        breaches.push('no successful responses');
    }
    if (breaches.some(b => b.endsWith('no data'))) {
        findings.push({
            message: `no data: ${latency.count === 0 && requests > 0 ? `all ${requests} requests failed` : 'no request ended'}, so no latency budget can be judged; a budget without data fails`
        });
    }
    if (errors.total > 0) {
        findings.push({
            message: `${errors.total} of ${requests} requests failed (${formatPercent(errorRate)}): ${errorBreakdown(errors, timeoutMs)}`
        });
    }
    if (result.stoppedBy === 'connection-failures') {
        findings.push({
            message: `stopped early: ${CONNECTION_FAILURE_LIMIT} connection failures in a row and not one HTTP answer; is the target up?`
        });
    }
    if (budgets.requests !== undefined &&
        result.stoppedBy === 'duration' &&
        requests < budgets.requests) {
        findings.push({
            message: `stopped by the ${(0,duration/* formatDuration */.a3)(result.bounds.windowMs)} time cap after ${requests} of ${budgets.requests} requests; set duration to run longer`
        });
    }
    const metrics = latencyMetrics(result, errorRate);
    if (breaches.length > 0) {
        return { ok: false, summary: breaches.join(', '), metrics, findings };
    }
    const p95 = formatMs(latency.p95);
    return {
        ok: true,
        summary: `p95 ${p95}, ${errors.total} errors in ${requests} requests, ${result.rps.toFixed(1)} req/s`,
        metrics,
        findings
    };
}
/** The report's figures; the latency ones are 0 when `successes` is 0. */
function latencyMetrics(result, errorRate) {
    const { latency } = result;
    const ms = (value) => Math.round(value * 10) / 10;
    return {
        requests: result.requests,
        successes: latency.count,
        errors: result.errors.total,
        p50_ms: ms(latency.p50),
        p90_ms: ms(latency.p90),
        p95_ms: ms(latency.p95),
        p99_ms: ms(latency.p99),
        max_ms: ms(latency.max),
        error_rate: Math.round(errorRate * 10_000) / 10_000,
        rps: Math.round(result.rps * 10) / 10
    };
}
/** `9 × status 503, 2 × timeout (...)`, largest first. */
function errorBreakdown(errors, timeoutMs) {
    const parts = [];
    for (const [status, count] of Object.entries(errors.byStatus)) {
        parts.push([`status ${status}`, count]);
    }
    const labels = {
        timeout: `timeout (no complete answer within ${(0,duration/* formatDuration */.a3)(timeoutMs)})`,
        reset: 'connection reset',
        refused: 'connection refused'
    };
    for (const kind of ['timeout', 'reset', 'refused']) {
        if (errors.byKind[kind] > 0)
            parts.push([labels[kind], errors.byKind[kind]]);
    }
    let otherNamed = 0;
    for (const [reason, count] of Object.entries(errors.otherReasons)) {
        parts.push([reason, count]);
        otherNamed += count;
    }
    if (errors.byKind.other > otherNamed) {
        parts.push(['other failures', errors.byKind.other - otherNamed]);
    }
    return parts
        .sort((a, b) => b[1] - a[1])
        .map(([label, count]) => `${count} × ${label}`)
        .join(', ');
}
/** `412 ms`, `45 ms`, `3.2 ms`. */
function formatMs(ms) {
    return ms >= 10 ? `${Math.round(ms)} ms` : `${Math.round(ms * 10) / 10} ms`;
}
/** A measured value and its limit, with enough digits to tell them apart. */
function formatPair(measured, limit) {
    const shown = formatMs(measured);
    const allowed = formatMs(limit);
    if (shown !== allowed)
        return [shown, allowed];
    for (let digits = 1;; digits++) {
        const pair = [
            `${measured.toFixed(digits)} ms`,
            `${limit.toFixed(digits)} ms`
        ];
        if (pair[0] !== pair[1] || digits === 3)
            return pair;
    }
}
function formatRate(rate) {
    return String(Number(rate.toPrecision(3)));
}
function formatPercent(rate) {
    return `${Number((rate * 100).toPrecision(3))} %`;
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


/***/ })

};
