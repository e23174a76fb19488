export const id = 164;
export const ids = [164];
export const modules = {

/***/ 24164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  judgeLighthouse: () => (/* binding */ judgeLighthouse),
  lighthouseCheck: () => (/* binding */ lighthouseCheck),
  medianRun: () => (/* binding */ medianRun)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/policy/budget-keys.ts
var budget_keys = __webpack_require__(70738);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/net/host-rule.ts
var host_rule = __webpack_require__(62120);
// EXTERNAL MODULE: external "node:dns/promises"
var external_node_dns_promises_ = __webpack_require__(71553);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./src/util/host.ts
var util_host = __webpack_require__(74860);
;// CONCATENATED MODULE: ./src/checks/lighthouse/browser.ts









/** Where Chrome or Chromium usually lives, in the order tried. */
const CHROME_PATHS = {
    linux: [
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/opt/google/chrome/chrome',
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium'
    ],
    darwin: [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium'
    ],
    win32: [
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'
    ]
};
const NO_CHROME_FIX = 'set CHROME_PATH to a Chrome or Chromium binary, or install one (GitHub-hosted Ubuntu runners ship Google Chrome; on Debian/Ubuntu: apt-get install -y chromium)';
/** `CHROME_PATH` when set, else the first usual install path that exists. */
function findChrome(env) {
    const given = env.CHROME_PATH;
    if (given) {
        if (!executable(given)) {
            throw new errors/* CheckError */.tl(`CHROME_PATH ${given} is not an executable file: ${NO_CHROME_FIX}`);
        }
        return given;
    }
    const found = (CHROME_PATHS[process.platform] ?? []).find(executable);
    if (!found)
        throw new errors/* CheckError */.tl(`no Chrome found: ${NO_CHROME_FIX}`);
    return found;
}
function executable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Flags for a quiet headless Chrome on a CI runner: nothing in the
 * background that would add requests or CPU to the measurement.
 */
const CHROME_FLAGS = [
    '--headless=new',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-first-run',
    '--no-default-browser-check',
    '--mute-audio',
    '--metrics-recording-only',
    '--password-store=basic',
    '--use-mock-keychain'
];
const LAUNCH_TIMEOUT_MS = 30_000;
/**
 * Starts Chrome with remote debugging on 127.0.0.1 and attaches to every
 * page, frame and worker it opens, so each request passes the host rule
 * and only the target's origin gets `defaults.headers` (never Lighthouse's
 * global extraHeaders, which would send them to third parties too).
 */
async function launchBrowser(chromePath, guard, signal) {
    const profile = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'launch-gate-chrome-'));
    const flags = [
        ...CHROME_FLAGS,
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        // Chrome's sandbox cannot start as root, nor where user namespaces are
        // restricted (Ubuntu 24.04 runners); CI pages are the project's own.
        ...(sandboxUsable() ? [] : ['--no-sandbox']),
        'about:blank'
    ];
    const child = (0,external_node_child_process_.spawn)(chromePath, flags, {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: process.platform !== 'win32'
    });
    // Chrome leads its own process group: it would outlive a gate that exits
    // mid-run, so exiting takes it down too.
    const onExit = () => killTree(child);
    process.once('exit', onExit);
    const stop = async () => {
        process.off('exit', onExit);
        killTree(child);
        await (0,promises_.rm)(profile, { recursive: true, force: true, maxRetries: 3 });
    };
    let endpoint;
    try {
        endpoint = await devtoolsEndpoint(child, signal);
    }
    catch (error) {
        await stop();
        throw error;
    }
    const cdp = await Cdp.connect(endpoint).catch(async (error) => {
        await stop();
        throw new errors/* CheckError */.tl(`cannot attach to Chrome: ${error instanceof Error ? error.message : String(error)}`);
    });
    const refused = [];
    guardRequests(cdp, guard, refused);
    await cdp.send('Target.setAutoAttach', AUTO_ATTACH);
    return {
        port: Number(new URL(endpoint).port),
        refused,
        async close() {
            cdp.close();
            await stop();
        }
    };
}
function sandboxUsable() {
    if (process.platform !== 'linux')
        return true;
    return process.getuid?.() !== 0 && process.env.GITHUB_ACTIONS !== 'true';
}
function killTree(child) {
    if (child.exitCode !== null || child.pid === undefined)
        return;
    try {
        // Chrome's own processes share the group it leads (detached above).
        if (process.platform === 'win32')
            child.kill('SIGKILL');
        else
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        // already gone
    }
}
/** Chrome prints `DevTools listening on ws://…` once it is ready. */
function devtoolsEndpoint(child, signal) {
    return new Promise((resolve, reject) => {
        let output = '';
        const fail = (reason) => {
            clearTimeout(timer);
            const last = output.trim().split('\n').at(-1) ?? '';
            reject(new errors/* CheckError */.tl(`Chrome did not start: ${reason}${last ? `: ${last}` : ''}`));
        };
        const timer = setTimeout(() => fail(`no DevTools endpoint within ${LAUNCH_TIMEOUT_MS / 1000} s`), LAUNCH_TIMEOUT_MS);
        signal.addEventListener('abort', () => fail('out of time'), { once: true });
        child.on('error', error => fail(error.message));
        child.on('exit', code => fail(`exited with code ${code}`));
        child.stderr?.on('data', (chunk) => {
            output = (output + chunk.toString('utf8')).slice(-4096);
            const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
            if (match) {
                clearTimeout(timer);
                resolve(match[1]);
            }
        });
    });
}
const AUTO_ATTACH = {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true
};
/**
 * Pauses every request of every target Chrome opens (Fetch domain), lets
 * through what the host rule allows, and adds `defaults.headers` to the
 * target's origin only. A target is held at start until interception is on.
 */
function guardRequests(cdp, guard, refused) {
    const extra = Object.entries(guard.headers);
    const addresses = new Map();
    const resolveHost = (host) => {
        let found = addresses.get(host);
        if (!found) {
            found = (0,external_node_net_.isIP)(host)
                ? Promise.resolve([host])
                : (0,external_node_dns_promises_.lookup)(host, { all: true }).then(list => list.map(a => a.address), () => []);
            addresses.set(host, found);
        }
        return found;
    };
    cdp.on('Target.attachedToTarget', params => {
        const child = params.sessionId;
        void (async () => {
            // Not every target type has every domain: each step may fail alone.
            await cdp
                .send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] }, child)
                .catch(() => { });
            await cdp.send('Target.setAutoAttach', AUTO_ATTACH, child).catch(() => { });
            await cdp
                .send('Runtime.runIfWaitingForDebugger', {}, child)
                .catch(() => { });
        })();
    });
    cdp.on('Fetch.requestPaused', (params, sessionId) => {
        const { requestId, request } = params;
        void (async () => {
            let url;
            try {
                url = new URL(request.url);
            }
            catch {
                return cdp.send('Fetch.continueRequest', { requestId }, sessionId);
            }
            const host = (0,util_host/* bareHost */.n0)(url.hostname);
            const reasons = await Promise.all((await resolveHost(host)).map(address => guard.refusal(host, address)));
            const reason = reasons.find(r => r !== undefined);
            if (reason) {
                if (refused.length < 20)
                    refused.push(`${url.origin}: ${reason}`);
                return cdp.send('Fetch.failRequest', { requestId, errorReason: 'AccessDenied' }, sessionId);
            }
            if (extra.length > 0 && guard.isTargetOrigin(url)) {
                const names = new Set(extra.map(([name]) => name.toLowerCase()));
                const headers = [
                    ...Object.entries(request.headers).filter(([name]) => !names.has(name.toLowerCase())),
                    ...extra
                ].map(([name, value]) => ({ name, value }));
                return cdp.send('Fetch.continueRequest', { requestId, headers }, sessionId);
            }
            return cdp.send('Fetch.continueRequest', { requestId }, sessionId);
        })().catch(() => {
            // The target went away mid-request: nothing to answer.
        });
    });
}
/** A minimal Chrome DevTools Protocol client over Node's WebSocket. */
class Cdp {
    nextId = 0;
    pending = new Map();
    handlers = new Map();
    socket;
    constructor(socket) {
        this.socket = socket;
        socket.addEventListener('message', event => this.receive(event.data));
        socket.addEventListener('close', () => {
            for (const { reject } of this.pending.values()) {
                reject(new Error('DevTools connection closed'));
            }
            this.pending.clear();
        });
    }
    static connect(endpoint) {
        return new Promise((resolve, reject) => {
            const socket = new WebSocket(endpoint);
            socket.addEventListener('open', () => resolve(new Cdp(socket)), {
                once: true
            });
            socket.addEventListener('error', () => reject(new Error(`cannot connect to ${endpoint}`)), { once: true });
        });
    }
    on(method, handler) {
        this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
    }
    send(method, params = {}, sessionId) {
        const id = ++this.nextId;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.socket.send(JSON.stringify({ id, method, params, sessionId }));
        });
    }
    close() {
        this.socket.close();
    }
    receive(data) {
        const message = JSON.parse(String(data));
        if (message.id !== undefined) {
            const waiter = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error)
                waiter?.reject(new Error(message.error.message));
            else
                waiter?.resolve(message.result);
            return;
        }
        for (const handler of this.handlers.get(message.method ?? '') ?? []) {
            handler(message.params, message.sessionId);
        }
    }
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./src/checks/lighthouse/config.ts



/**
 * Writes the Lighthouse config the gate runs with (`--config-path`) and
 * returns its path. It is Lighthouse's default config (with the desktop
 * settings for `desktop`) with one gatherer changed: source maps are fetched
 * only from the origin of the script that names them.
 *
 * Why: the gate pauses every page request over the DevTools protocol to
 * apply the host rule (§7.0), but Lighthouse fetches source maps itself
 * (`Network.loadNetworkResource`), past that interception. A script the rule
 * let through came from an allowed origin, so its own origin's maps are
 * too; a `sourceMappingURL` naming another host (a link-local metadata
 * address, an intranet name) is never fetched. robots.txt needs nothing: it
 * is read from the page's final origin, which the rule already allowed.
 */
async function writeLighthouseConfig(lighthouseCli, preset, dir) {
    const root = (0,external_node_path_.dirname)((0,external_node_path_.dirname)(lighthouseCli));
    const module = (path) => JSON.stringify((0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(root, path)).href);
    const desktop = preset === 'desktop'
        ? `(await import(${module('core/config/desktop-config.js')})).default.settings`
        : '{}';
    const file = (0,external_node_path_.join)(dir, 'launch-gate-config.mjs');
    await (0,promises_.writeFile)(file, `// Written by launch-gate: see src/checks/lighthouse/config.ts.
const { default: SourceMaps } = await import(${module('core/gather/gatherers/source-maps.js')})
const { default: defaults } = await import(${module('core/config/default-config.js')})

class SameOriginSourceMaps extends SourceMaps {
  async getArtifact(context) {
    // A Lighthouse without the method below (not 12.x): no map is fetched.
    if (typeof super._retrieveMapFromScript !== 'function') return []
    return super.getArtifact(context)
  }

  async _retrieveMapFromScript(driver, script) {
    const map = script.sourceMapURL ?? ''
    if (!map.startsWith('data:')) {
      let mapOrigin, scriptOrigin
      try {
        mapOrigin = new URL(map, script.name).origin
        scriptOrigin = new URL(script.name).origin
      } catch {}
      if (mapOrigin === undefined || mapOrigin !== scriptOrigin) {
        return {
          scriptId: script.scriptId,
          scriptUrl: script.name,
          errorMessage: 'not fetched: launch-gate fetches source maps only from the origin of their script'
        }
      }
    }
    return super._retrieveMapFromScript(driver, script)
  }
}

// Lighthouse cannot merge a class into the default's gatherer name
// (\`extends\`): the default config, its one gatherer swapped.
export default {
  ...defaults,
  settings: { ...defaults.settings, ...${desktop} },
  artifacts: defaults.artifacts.map(artifact =>
    artifact.id === 'SourceMaps'
      ? { ...artifact, gatherer: { implementation: SameOriginSourceMaps } }
      : artifact
  )
}
`);
    return file;
}

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
;// CONCATENATED MODULE: ./src/checks/lighthouse/package.ts






/** The Lighthouse release the gate is tested with (12.3+ locks fail `npm ci` here). */
const LIGHTHOUSE_VERSION = '12.2.3';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
/**
 * Lighthouse is not bundled: it is taken from `LIGHTHOUSE_PATH` (the
 * package directory, a directory holding node_modules/lighthouse, or the
 * CLI file), else from the project's own node_modules, else installed once
 * (pinned) into the runner's tool cache.
 */
async function findLighthouse(env, cwd, signal) {
    const given = env.LIGHTHOUSE_PATH;
    if (given) {
        const found = packageAt(given);
        if (!found) {
            throw new errors/* CheckError */.tl(`LIGHTHOUSE_PATH ${given} holds no lighthouse package: point it at a directory where \`npm install lighthouse@${LIGHTHOUSE_VERSION}\` ran`);
        }
        return { ...found, source: 'LIGHTHOUSE_PATH' };
    }
    const project = projectPackage(cwd);
    if (project)
        return { ...project, source: 'the project' };
    const cache = env.RUNNER_TOOL_CACHE;
    if (!cache) {
        throw new errors/* CheckError */.tl(`lighthouse is not installed: run \`npm install --save-dev lighthouse@${LIGHTHOUSE_VERSION}\` or set LIGHTHOUSE_PATH`);
    }
    return installIntoToolCache(cache, signal);
}
/** The package at a path: a package dir, a prefix with node_modules, or the CLI file. */
function packageAt(path) {
    if (!(0,external_node_fs_.existsSync)(path))
        return undefined;
    const candidates = (0,external_node_fs_.statSync)(path).isFile()
        ? [(0,external_node_path_.dirname)((0,external_node_path_.dirname)(path))]
        : [path, (0,external_node_path_.join)(path, 'node_modules', 'lighthouse')];
    for (const dir of candidates) {
        const manifest = (0,external_node_path_.join)(dir, 'package.json');
        if (!(0,external_node_fs_.existsSync)(manifest))
            continue;
        try {
            const pkg = JSON.parse((0,external_node_fs_.readFileSync)(manifest, 'utf8'));
            const cli = (0,external_node_path_.join)(dir, 'cli', 'index.js');
            if (pkg.name === 'lighthouse' && (0,external_node_fs_.existsSync)(cli)) {
                return { cli, version: pkg.version ?? 'unknown' };
            }
        }
        catch {
            // not a readable package: try the next place
        }
    }
    return undefined;
}
function projectPackage(cwd) {
    try {
        const main = (0,external_node_module_.createRequire)((0,external_node_path_.join)(cwd, 'package.json')).resolve('lighthouse');
        // main is <pkg>/core/index.js
        return packageAt((0,external_node_path_.dirname)((0,external_node_path_.dirname)(main)));
    }
    catch {
        return undefined;
    }
}
/**
 * `npm install lighthouse@<pinned>` into `<tool cache>/launch-gate-lighthouse/<version>`,
 * once per runner: a marker written after a complete install tells later
 * runs (and later jobs on a self-hosted runner) to reuse it.
 */
async function installIntoToolCache(cache, signal) {
    const prefix = (0,external_node_path_.join)(cache, 'launch-gate-lighthouse', LIGHTHOUSE_VERSION);
    const marker = (0,external_node_path_.join)(prefix, '.complete');
    if (!(0,external_node_fs_.existsSync)(marker)) {
        await (0,promises_.mkdir)(prefix, { recursive: true });
        const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
        await new Promise((resolve, reject) => {
            (0,external_node_child_process_.execFile)(npm, [
                'install',
                '--prefix',
                prefix,
                '--no-audit',
                '--no-fund',
                '--no-save',
                `lighthouse@${LIGHTHOUSE_VERSION}`
            ], {
                signal,
                timeout: INSTALL_TIMEOUT_MS,
                shell: process.platform === 'win32'
            }, (error, _stdout, stderr) => error
                ? reject(new errors/* CheckError */.tl(`npm install lighthouse@${LIGHTHOUSE_VERSION} failed: ${stderr.trim().split('\n').at(-1) ?? error.message}; set LIGHTHOUSE_PATH to an installed copy`))
                : resolve());
        });
        await (0,promises_.writeFile)(marker, new Date().toISOString());
    }
    const found = packageAt(prefix);
    if (!found) {
        throw new errors/* CheckError */.tl(`lighthouse is missing from ${prefix} after npm install: set LIGHTHOUSE_PATH`);
    }
    return { ...found, source: 'the tool cache' };
}

// EXTERNAL MODULE: ./src/checks/lighthouse/reports.ts
var reports = __webpack_require__(14605);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(11572);
;// CONCATENATED MODULE: ./src/checks/lighthouse.ts














/** One Lighthouse run may take this long (load, trace, audits). */
const RUN_TIMEOUT_MS = 120_000;
/** Policy metric key → Lighthouse audit id, and the report's metric name. */
const METRICS = {
    lcp: { audit: 'largest-contentful-paint', metric: 'lcp_ms' },
    fcp: { audit: 'first-contentful-paint', metric: 'fcp_ms' },
    tbt: { audit: 'total-blocking-time', metric: 'tbt_ms' },
    si: { audit: 'speed-index', metric: 'si_ms' },
    ttfb: { audit: 'server-response-time', metric: 'ttfb_ms' },
    cls: { audit: 'cumulative-layout-shift', metric: 'cls' }
};
const lighthouseCheck = {
    kind: 'lighthouse',
    units: section => section.urls.map((place, index) => ({
        name: place,
        level: section.level ?? 'error',
        policyPath: ['lighthouse', 'urls', index],
        // Lab timings need the machine to themselves.
        exclusive: true,
        run: ctx => auditUrl(section, place, ctx)
    })),
    extraTimeMs: section => section.urls.length * section.runs * RUN_TIMEOUT_MS
};
async function auditUrl(section, place, ctx) {
    const url = place.startsWith('/')
        ? (0,target/* resolveUrl */.O)({ path: place }, ctx.target)
        : new URL(place);
    const chrome = findChrome(ctx.env);
    const lighthouse = await findLighthouse(ctx.env, ctx.cwd, ctx.signal);
    const rule = new host_rule/* HostRule */.Lv(ctx.target ?? url);
    const browser = await launchBrowser(chrome, {
        refusal: (host, address) => rule.refusal(host, address),
        isTargetOrigin: target => rule.isTargetOrigin(target),
        headers: targetHeaders(ctx, url)
    }, ctx.signal);
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'launch-gate-lighthouse-'));
    try {
        const config = await writeLighthouseConfig(lighthouse.cli, section.preset, work);
        const runs = [];
        for (let run = 0; run < section.runs; run++) {
            const base = (0,external_node_path_.join)(work, `run-${run}`);
            await runLighthouse(lighthouse.cli, config, url, browser.port, base, ctx.signal);
            const lhr = JSON.parse(await (0,promises_.readFile)(`${base}.report.json`, 'utf8'));
            if (lhr.runtimeError) {
                throw new errors/* CheckError */.tl(`Lighthouse could not audit the page: ${lhr.runtimeError.message} (${lhr.runtimeError.code})`);
            }
            runs.push({ lhr, html: `${base}.report.html` });
        }
        const median = medianRun(runs.map(r => r.lhr));
        const reportDir = (0,external_node_path_.join)(ctx.cwd, reports/* LIGHTHOUSE_REPORT_DIR */.c);
        await (0,promises_.mkdir)(reportDir, { recursive: true });
        const htmlPath = (0,external_node_path_.join)(reportDir, `${fileName(url)}.html`);
        await (0,promises_.copyFile)(runs[median].html, htmlPath);
        const outcome = judgeLighthouse(section, runs[median].lhr);
        const notes = [
            `median of ${runs.length} run${runs.length === 1 ? '' : 's'} (${section.preset}); Lighthouse ${lighthouse.version} from ${lighthouse.source}${lighthouse.version === LIGHTHOUSE_VERSION ? '' : ` (tested with ${LIGHTHOUSE_VERSION})`}`,
            `HTML report: ${(0,external_node_path_.relative)(ctx.cwd, htmlPath)}`,
            ...opportunities(runs[median].lhr),
            ...browser.refused.map(line => `blocked: ${line}`),
            ...(outcome.notes ?? [])
        ];
        return { ...outcome, notes };
    }
    finally {
        await browser.close();
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
/**
 * `defaults.headers` as the shared client sends them to the target (its
 * user agent left out: Lighthouse sets the browser's own).
 */
function targetHeaders(ctx, url) {
    const { 'user-agent': _agent, ...headers } = ctx.http.headersFor(ctx.target ?? url);
    return headers;
}
/** One Lighthouse CLI run against the browser at `port`, writing `<base>.report.{json,html}`. */
function runLighthouse(cli, config, url, port, base, signal) {
    const args = [
        cli,
        url.href,
        `--port=${port}`,
        '--hostname=127.0.0.1',
        '--output=json',
        '--output=html',
        `--output-path=${base}`,
        `--only-categories=${budget_keys/* LIGHTHOUSE_CATEGORIES */.e.join(',')}`,
        '--quiet',
        `--config-path=${config}`
    ];
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_.execFile)(process.execPath, args, { signal, timeout: RUN_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
            if (!error)
                return resolve();
            // A runtime error still writes the report: read it for the reason.
            (0,promises_.readFile)(`${base}.report.json`)
                .then(() => resolve())
                .catch(() => {
                const last = stderr.trim().split('\n').at(-1);
                reject(new errors/* CheckError */.tl(error.killed
                    ? `Lighthouse did not finish within ${(0,duration/* formatDuration */.a3)(RUN_TIMEOUT_MS)}`
                    : `Lighthouse failed: ${last || error.message}`));
            });
        });
    });
}
/** The run whose performance score is the median (the lower middle of an even count). */
function medianRun(results) {
    const order = results
        .map((lhr, index) => ({
        index,
        score: lhr.categories.performance?.score ?? 0
    }))
        .sort((a, b) => a.score - b.score);
    return order[Math.floor((order.length - 1) / 2)].index;
}
/** Scores (points 0–100) and metrics of a run, judged against the section. */
function judgeLighthouse(section, lhr) {
    const metrics = {};
    const findings = [];
    const notes = [];
    for (const category of budget_keys/* LIGHTHOUSE_CATEGORIES */.e) {
        const score = lhr.categories[category]?.score;
        const points = score === null || score === undefined
            ? undefined
            : Math.round(score * 100);
        if (points !== undefined)
            metrics[category.replace('-', '_')] = points;
        const min = section.min_scores[category];
        if (min === undefined)
            continue;
        if (points === undefined) {
            findings.push({
                rule: `score-${category}`,
                message: `${category}: no score (Lighthouse could not compute it)`
            });
        }
        else if (points < min) {
            findings.push({
                rule: `score-${category}`,
                message: `${category} ${points} < ${min}`
            });
        }
    }
    for (const [key, { audit, metric }] of Object.entries(METRICS)) {
        const value = lhr.audits[audit]?.numericValue;
        if (value === undefined) {
            if (section.metrics[key] !== undefined) {
                findings.push({
                    rule: `metric-${key}`,
                    message: `${key}: not measured`
                });
            }
            continue;
        }
        metrics[metric] =
            key === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value);
        const limit = section.metrics[key];
        if (limit !== undefined && value > limit) {
            findings.push({
                rule: `metric-${key}`,
                message: key === 'cls'
                    ? `cls ${metrics[metric]} > ${limit}`
                    : `${key} ${(0,duration/* formatDuration */.a3)(Math.round(value))} > ${(0,duration/* formatDuration */.a3)(limit)}`
            });
        }
    }
    for (const warning of lhr.runWarnings ?? [])
        notes.push(`Lighthouse: ${warning}`);
    if (findings.length > 0)
        return { ...(0,outcome/* failedOutcome */.i)(findings, metrics), notes };
    const shown = budget_keys/* LIGHTHOUSE_CATEGORIES */.e.filter(c => metrics[c.replace('-', '_')] !== undefined)
        .map(c => `${c} ${metrics[c.replace('-', '_')]}`)
        .join(', ');
    return { ok: true, summary: shown || 'no scores', metrics, notes };
}
/** The three opportunities with the largest estimated savings, one line each. */
function opportunities(lhr) {
    return Object.values(lhr.audits)
        .flatMap(audit => audit?.details?.type === 'opportunity' &&
        (audit.details.overallSavingsMs ?? 0) > 0
        ? [audit]
        : [])
        .sort((a, b) => (b.details?.overallSavingsMs ?? 0) - (a.details?.overallSavingsMs ?? 0))
        .slice(0, 3)
        .map(audit => {
        const bytes = audit.details?.overallSavingsBytes;
        return `opportunity: ${audit.title ?? 'unnamed'}: about ${Math.round(audit.details?.overallSavingsMs ?? 0)} ms${bytes ? `, ${Math.round(bytes / 1024)} KiB` : ''}`;
    });
}
/** A file name for a URL's report: host and path, safe characters only. */
function fileName(url) {
    return `${url.host}${url.pathname}`
        .replace(/[^A-Za-z0-9.-]+/g, '_')
        .slice(0, 120);
}


/***/ })

};
