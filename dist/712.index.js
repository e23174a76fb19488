export const id = 712;
export const ids = [712];
export const modules = {

/***/ 77109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ scanHtml),
/* harmony export */   Wn: () => (/* binding */ cssReferences)
/* harmony export */ });
/* unused harmony export MAX_CSS_CHARS */
/* harmony import */ var htmlparser2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81600);

/** Tag → the attributes that load a resource (or, for forms, send data). */
const ATTRIBUTES = {
    script: ['src'],
    link: ['href'],
    img: ['src', 'srcset'],
    source: ['src', 'srcset'],
    iframe: ['src'],
    frame: ['src'],
    video: ['src', 'poster'],
    audio: ['src'],
    track: ['src'],
    embed: ['src'],
    object: ['data'],
    input: ['src'],
    form: ['action'],
    button: ['formaction']
};
/** Link relations that make the browser fetch the target as a subresource. */
const LOADING_RELS = new Set([
    'stylesheet',
    'icon',
    'preload',
    'modulepreload',
    'manifest'
]);
/** `<link rel=preload as=…>` → the type the browser fetches it as. */
const PRELOAD_AS = {
    script: 'script',
    style: 'stylesheet',
    font: 'font',
    image: 'image',
    audio: 'media',
    video: 'media',
    track: 'media',
    document: 'document'
};
/**
 * Walks an HTML page for everything it makes a browser fetch: scripts, module
 * preloads, stylesheets, images (with `srcset` and `<picture>`), media,
 * frames, objects, and form targets. One rule for every user (the bundle
 * scan, mixed content, page weight): parsed with htmlparser2 (entities
 * decoded, comments and script text ignored), resolved against the first
 * `<base href>` as a browser does, and only http(s) URLs kept.
 */
function scanHtml(html, pageUrl) {
    const references = [];
    const metaPolicies = [];
    const inlineCss = [];
    let base = pageUrl;
    let baseSeen = false;
    let pictureDepth = 0;
    /** `<source>` elements seen in the innermost open `<video>`/`<audio>`. */
    const mediaSources = [];
    let inStyle = false;
    const onOpenTag = (tag, attributes) => {
        if (attributes.style)
            inlineCss.push(attributes.style);
        if (tag === 'style')
            inStyle = true;
        if (tag === 'picture')
            pictureDepth++;
        if (tag === 'video' || tag === 'audio')
            mediaSources.push(0);
        if (tag === 'meta') {
            const equiv = attributes['http-equiv']?.toLowerCase();
            if (equiv === 'content-security-policy' && attributes.content) {
                metaPolicies.push(attributes.content);
            }
            return;
        }
        if (tag === 'base') {
            if (!baseSeen && attributes.href !== undefined) {
                baseSeen = true;
                base = resolve(attributes.href, pageUrl) ?? pageUrl;
            }
            return;
        }
        const names = ATTRIBUTES[tag];
        if (!names)
            return;
        const type = typeOf(tag, attributes, pictureDepth > 0);
        if (type === undefined)
            return;
        const laterMediaSource = tag === 'source' &&
            pictureDepth === 0 &&
            mediaSources.length > 0 &&
            mediaSources[mediaSources.length - 1]++ > 0;
        for (const attribute of names) {
            const written = attributes[attribute];
            if (written === undefined)
                continue;
            const srcset = attribute === 'srcset';
            const urls = (srcset ? srcsetUrls(written) : [written]).flatMap(text => {
                const url = resolve(text, base);
                return url && (url.protocol === 'http:' || url.protocol === 'https:')
                    ? [url]
                    : [];
            });
            if (urls.length === 0)
                continue;
            references.push({
                tag,
                attribute,
                value: written.trim(),
                urls,
                type: attribute === 'poster' ? 'image' : type,
                submits: tag === 'form' || tag === 'button',
                alternative: laterMediaSource ||
                    (tag === 'source' && pictureDepth > 0) ||
                    (srcset && attributes.src !== undefined)
            });
        }
    };
    const parser = new htmlparser2__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .i({
        onopentag: onOpenTag,
        ontext(text) {
            if (inStyle)
                inlineCss.push(text);
        },
        onclosetag(tag) {
            if (tag === 'style')
                inStyle = false;
            if (tag === 'picture' && pictureDepth > 0)
                pictureDepth--;
            if (tag === 'video' || tag === 'audio')
                mediaSources.pop();
        }
    }, { decodeEntities: true });
    parser.write(html);
    parser.end();
    return { references, metaPolicies, inlineCss, base };
}
/** The type an element loads, or undefined when it loads nothing. */
function typeOf(tag, attributes, inPicture) {
    switch (tag) {
        case 'script':
            return 'script';
        case 'link':
            return linkType(attributes.rel, attributes.as);
        case 'img':
        case 'input':
            return 'image';
        case 'source':
            return inPicture ? 'image' : 'media';
        case 'iframe':
        case 'frame':
            return 'document';
        case 'video':
        case 'audio':
        case 'track':
            return 'media';
        default:
            return 'other';
    }
}
function linkType(rel, as) {
    const tokens = (rel ?? '').toLowerCase().split(/\s+/);
    if (!tokens.some(token => LOADING_RELS.has(token)))
        return undefined;
    if (tokens.includes('stylesheet'))
        return 'stylesheet';
    if (tokens.includes('modulepreload'))
        return 'script';
    if (tokens.includes('icon'))
        return 'image';
    if (tokens.includes('preload')) {
        return PRELOAD_AS[(as ?? '').trim().toLowerCase()] ?? 'other';
    }
    return 'other';
}
/** CSS beyond this many characters is not searched for references. */
const MAX_CSS_CHARS = 2 * 1024 * 1024;
const CSS_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
const CSS_IMPORT = /@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^\s;'")]+))/gi;
// An unquoted url() holds no parenthesis (CSS escapes them), so no match
// runs across another `url(`: every pattern here stays linear on hostile CSS.
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s()'"]+))\s*\)/gi;
const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;
/**
 * The http(s) URLs a stylesheet loads, resolved against `base` (the sheet's
 * URL, or the page's base for inline CSS), each once, in order.
 */
function cssReferences(css, base) {
    const text = css.slice(0, MAX_CSS_CHARS).replace(CSS_COMMENT, '');
    const found = new Map();
    const add = (written, imported) => {
        const url = resolve(written ?? '', base);
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
            return;
        if (found.has(url.href))
            return;
        const type = imported
            ? 'stylesheet'
            : FONT_FILE.test(url.pathname)
                ? 'font'
                : IMAGE_FILE.test(url.pathname)
                    ? 'image'
                    : 'other';
        found.set(url.href, { url, type });
    };
    for (const m of text.matchAll(CSS_IMPORT))
        add(m[1] ?? m[2] ?? m[3], true);
    for (const m of text.matchAll(CSS_URL))
        add(m[1] ?? m[2] ?? m[3], false);
    return [...found.values()];
}
/** `a.png 1x, http://x/b.png 2x` → the URLs. */
function srcsetUrls(srcset) {
    return srcset
        .split(',')
        .map(candidate => candidate.trim().split(/\s+/)[0])
        .filter(Boolean);
}
function resolve(reference, base) {
    const trimmed = reference.trim();
    if (!trimmed)
        return undefined;
    try {
        return new URL(trimmed, base);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 82712:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMPRESSION_FLOOR: () => (/* binding */ COMPRESSION_FLOOR),
  MAX_PAGE_BYTES: () => (/* binding */ MAX_PAGE_BYTES),
  MAX_REQUESTS: () => (/* binding */ MAX_REQUESTS),
  MAX_RESOURCE_BYTES: () => (/* binding */ MAX_RESOURCE_BYTES),
  isThirdParty: () => (/* binding */ isThirdParty),
  judgePage: () => (/* binding */ judgePage),
  kib: () => (/* binding */ kib),
  pagesCheck: () => (/* binding */ pagesCheck),
  weighPage: () => (/* binding */ weighPage)
});

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./node_modules/tldts/dist/cjs/index.js
var cjs = __webpack_require__(20935);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/net/redirects.ts
var redirects = __webpack_require__(80458);
// EXTERNAL MODULE: ./src/policy/budget-keys.ts
var budget_keys = __webpack_require__(70738);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: ./src/checks/http-headers/fields.ts
var fields = __webpack_require__(21648);
// EXTERNAL MODULE: ./src/checks/html/references.ts
var references = __webpack_require__(77109);
// EXTERNAL MODULE: ./src/checks/outcome.ts
var outcome = __webpack_require__(34545);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/checks/pages/budget-file.ts



const resourceBudget = (value) => schemas/* array */.YOg(schemas/* strictObject */.rej({
    resourceType: schemas/* enum */.k5n(budget_keys/* PAGE_BUDGET_KEYS */.Z),
    budget: value
}));
/** Lighthouse's budget.json (v1); `timings` and `options` are read, not judged here. */
const budgetFile = schemas/* array */.YOg(schemas/* object */.Ikc({
    path: schemas/* string */.YjP()
        .startsWith('/', { error: 'expected a path pattern starting with /' })
        .optional(),
    resourceSizes: resourceBudget(schemas/* number */.aig().min(0)).optional(),
    resourceCounts: resourceBudget(schemas/* int */.Whr().min(0)).optional(),
    timings: schemas/* array */.YOg(schemas/* unknown */.L5J()).optional(),
    options: schemas/* unknown */.L5J().optional()
}));
/** Parses budget.json text; a bad file is a CheckError naming where. */
function parseBudgetFile(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* CheckError */.tl(`${file}: not JSON (${error.message.split('\n')[0]})`);
    }
    const parsed = budgetFile.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.map(String).join('.');
        throw new errors/* CheckError */.tl(`${file}: ${where ? `${where}: ` : ''}${issue.message}`);
    }
    return parsed.data;
}
/**
 * Whether a budget `path` pattern matches a URL's path and query: a prefix
 * match where `*` stands for any characters and a trailing `$` anchors the
 * end (Lighthouse's rule); an entry without a pattern matches every page.
 */
function pathMatches(pattern, url) {
    if (pattern === undefined)
        return true;
    const anchored = pattern.endsWith('$');
    const body = anchored ? pattern.slice(0, -1) : pattern;
    const source = body
        .split('*')
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${source}${anchored ? '$' : ''}`).test(url.pathname + url.search);
}
/**
 * The budgets of the first entry whose pattern matches `url` (the spec's
 * rule; Lighthouse itself took the last), or undefined when none does.
 */
function budgetsFor(file, url) {
    const entry = file.findIndex(candidate => pathMatches(candidate.path, url));
    if (entry < 0)
        return undefined;
    const { resourceSizes = [], resourceCounts = [] } = file[entry];
    const table = (list) => Object.fromEntries(list.map(b => [b.resourceType, b.budget]));
    return {
        budgets: { sizes: table(resourceSizes), counts: table(resourceCounts) },
        entry
    };
}

// EXTERNAL MODULE: ./src/checks/target.ts
var target = __webpack_require__(11572);
;// CONCATENATED MODULE: ./src/checks/pages.ts











/** At most this many requests per page (the page, its redirects and resources). */
const MAX_REQUESTS = 300;
/** Reading stops once this many bytes (decoded) came back for one page. */
const MAX_PAGE_BYTES = 50 * 1024 * 1024;
/** One resource is read up to this many (decoded) bytes. */
const MAX_RESOURCE_BYTES = 10 * 1024 * 1024;
/** Text resources above this must be compressed. */
const COMPRESSION_FLOOR = 1024;
const MAX_REDIRECTS = 5;
const CONCURRENCY = 6;
const KIB = 1024;
const COMPRESSED = new Set(['br', 'gzip', 'x-gzip', 'zstd', 'deflate']);
/** Content types worth compressing (what Lighthouse's text-compression audit takes as text). */
const TEXT_TYPE = /^(text\/|application\/(javascript|x-javascript|ecmascript|json|ld\+json|manifest\+json|xml|xhtml\+xml|rss\+xml|atom\+xml)|image\/svg\+xml)/i;
const pagesCheck = {
    kind: 'pages',
    units: items => items.map((item, index) => ({
        name: (0,target/* itemLabel */.I)(item),
        level: item.level,
        policyPath: ['pages', index],
        async run(ctx) {
            const url = (0,target/* resolveUrl */.O)(item, ctx.target);
            const budgets = await pageBudgets(item, url, ctx);
            const weighed = await weighPage(url, ctx);
            return judgePage(item, weighed, budgets);
        }
    }))
};
/** The page's budgets: inline, or the matching entry of its budget file. */
async function pageBudgets(item, url, ctx) {
    if (item.budget_file === undefined)
        return { budgets: item.budgets ?? {} };
    // Read where the policy was read: the base commit under `policy-ref: base`.
    const text = await ctx.readPolicyFile(item.budget_file);
    if (text === undefined) {
        throw new errors/* CheckError */.tl(`budget_file ${item.budget_file} does not exist`);
    }
    const match = budgetsFor(parseBudgetFile(text, item.budget_file), url);
    if (!match) {
        throw new errors/* CheckError */.tl(`no entry of ${item.budget_file} has a path pattern matching ${url.pathname}`);
    }
    return {
        budgets: match.budgets,
        note: `budgets from ${item.budget_file} entry ${match.entry}`
    };
}
/**
 * Fetches a page and every resource it makes a browser load, each once:
 * its scripts, stylesheets (with their `@import` and `url()` one level
 * deep), images, fonts, media and frames' documents; bounded by request
 * count, bytes and the run's deadline.
 */
async function weighPage(url, ctx) {
    const site = siteOf(url);
    const resources = [];
    const notes = [];
    const seen = new Set();
    let bytesLeft = MAX_PAGE_BYTES;
    let requestsLeft = MAX_REQUESTS;
    const failed = [];
    let skipped = 0;
    /** Fetches one URL, every hop measured; returns the final response. */
    const fetchOne = async (start, type) => {
        const walk = await (0,redirects/* walkRedirects */.nz)(start, async (url) => {
            if (requestsLeft <= 0 || bytesLeft <= 0) {
                skipped++;
                return undefined;
            }
            requestsLeft--;
            try {
                const res = await ctx.http.send({
                    url,
                    headers: { 'accept-encoding': 'br, gzip, zstd' },
                    signal: ctx.signal,
                    maxBodyBytes: Math.max(1, Math.min(MAX_RESOURCE_BYTES, bytesLeft))
                });
                bytesLeft -= res.body.length;
                resources.push(measure(res, type, site));
                return res;
            }
            catch (error) {
                failed.push(`${url.href} (${error.message})`);
                return undefined;
            }
        }, { maxRequests: MAX_REDIRECTS + 1 });
        const { last } = walk;
        const at = walk.hops.at(-1)?.url.href;
        switch (walk.end) {
            case 'stopped':
                return undefined;
            case 'malformed':
                failed.push(`${at} (bad Location)`);
                return undefined;
            case 'loop':
            case 'too-long':
                failed.push(`${start.href} (more than ${MAX_REDIRECTS} redirects)`);
                return undefined;
            default:
                if (last && last.status >= 400)
                    failed.push(`${at} (${last.status})`);
                return last;
        }
    };
    const page = await fetchOne(url, 'document');
    if (!page || page.status < 200 || page.status >= 300) {
        throw new errors/* CheckError */.tl(page
            ? `the page answered ${page.status}`
            : `the page could not be read: ${failed.join('; ')}`);
    }
    const html = (0,references/* scanHtml */.LR)(page.body.toString('utf8'), page.url);
    const queue = [];
    const enqueue = (ref, type) => {
        if (seen.has(ref.href) || ref.href === page.url.href)
            return;
        seen.add(ref.href);
        queue.push({ url: ref, type });
    };
    let alternatives = 0;
    for (const ref of html.references) {
        if (ref.submits)
            continue;
        if (ref.alternative) {
            alternatives++;
            continue;
        }
        enqueue(ref.urls[0], ref.type);
    }
    for (const css of html.inlineCss) {
        for (const ref of (0,references/* cssReferences */.Wn)(css, html.base))
            enqueue(ref.url, ref.type);
    }
    // Stylesheets the page links are read for their references; what those
    // import is fetched and weighed, not read further.
    const sheets = [];
    const fetchAll = (items) => (0,pool/* runPool */.k)(items, CONCURRENCY, async ({ url: ref, type }) => {
        const res = await fetchOne(ref, type);
        if (res && type === 'stylesheet' && res.status < 300)
            sheets.push({ res });
    });
    await fetchAll(queue.splice(0));
    for (const { res } of sheets.splice(0)) {
        for (const ref of (0,references/* cssReferences */.Wn)(res.body.toString('utf8'), res.url)) {
            enqueue(ref.url, ref.type);
        }
    }
    await fetchAll(queue.splice(0));
    if (alternatives > 0) {
        notes.push(`${alternatives} responsive alternatives (srcset, <picture> and <source> candidates) not counted: a browser loads one of each set`);
    }
    if (skipped > 0) {
        notes.push(`${skipped} resources not fetched: the page reached ${MAX_REQUESTS} requests or ${MAX_PAGE_BYTES / KIB / KIB} MiB`);
    }
    const truncated = resources.filter(r => r.truncated);
    if (truncated.length > 0) {
        notes.push(`${truncated.length} resources larger than ${MAX_RESOURCE_BYTES / KIB / KIB} MiB counted up to that size: ${truncated.map(r => r.url.href).join(', ')}`);
    }
    if (failed.length > 0) {
        notes.push(`${failed.length} resources failed: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ', …' : ''}`);
    }
    return { resources, notes };
}
/** A response as page weight: its type, party and sizes. */
function measure(res, referencedAs, site) {
    const contentType = (0,fields/* fieldValue */.ag)(res.headers, 'content-type') ?? '';
    const encoding = ((0,fields/* fieldValue */.ag)(res.headers, 'content-encoding') ?? '')
        .trim()
        .toLowerCase();
    const uncompressedText = res.status < 300 &&
        TEXT_TYPE.test(contentType) &&
        res.transferBytes > COMPRESSION_FLOOR &&
        !encoding.split(',').some(e => COMPRESSED.has(e.trim()));
    return {
        url: res.url,
        type: referencedAs === 'other' ? typeFromContent(contentType) : referencedAs,
        thirdParty: isThirdParty(res.url, site),
        status: res.status,
        transferBytes: res.transferBytes,
        decodedBytes: res.body.length,
        contentType,
        encoding,
        truncated: res.truncated,
        // gzip at its default level: how Lighthouse estimates the saving.
        gzipBytes: uncompressedText ? (0,external_node_zlib_.gzipSync)(res.body).length : undefined
    };
}
/** What a CSS `url()` of unknown extension turned out to be. */
function typeFromContent(contentType) {
    const type = contentType.split(';')[0].trim().toLowerCase();
    if (type.startsWith('image/'))
        return 'image';
    if (type.startsWith('font/') || /font/.test(type))
        return 'font';
    if (type === 'text/css')
        return 'stylesheet';
    if (type.startsWith('video/') || type.startsWith('audio/'))
        return 'media';
    return 'other';
}
function siteOf(url) {
    const domain = (0,cjs.getDomain)(url.hostname);
    return domain ? { domain } : { host: url.hostname };
}
/** Another registrable domain than the page's (another host when it is an IP). */
function isThirdParty(url, site) {
    return 'domain' in site
        ? (0,cjs.getDomain)(url.hostname) !== site.domain
        : url.hostname !== site.host;
}
/** Totals per budget key: transfer and decoded bytes, requests, and the resources. */
function totals(resources) {
    const byKey = new Map(budget_keys/* PAGE_BUDGET_KEYS */.Z.map(key => [key, []]));
    for (const r of resources) {
        byKey.get(r.type)?.push(r);
        if (r.thirdParty)
            byKey.get('third-party')?.push(r);
        byKey.get('total')?.push(r);
    }
    return byKey;
}
const sum = (list, field) => list.reduce((total, r) => total + r[field], 0);
/** Judges weighed resources against budgets and the compression rule. */
function judgePage(item, weighed, { budgets, note }) {
    const { resources } = weighed;
    const byKey = totals(resources);
    const metrics = {};
    for (const key of budget_keys/* PAGE_BUDGET_KEYS */.Z) {
        const list = byKey.get(key) ?? [];
        // `third-party` → `third_party`: metric names are identifiers.
        const name = key.replace('-', '_');
        metrics[`transfer_bytes_${name}`] = sum(list, 'transferBytes');
        metrics[`decoded_bytes_${name}`] = sum(list, 'decodedBytes');
        if (key !== 'total')
            metrics[`requests_${name}`] = list.length;
    }
    metrics.requests = resources.length;
    const findings = [];
    for (const key of budget_keys/* PAGE_BUDGET_KEYS */.Z) {
        const list = byKey.get(key) ?? [];
        const limit = budgets.sizes?.[key];
        const bytes = sum(list, 'transferBytes');
        if (limit !== undefined && bytes > limit * KIB) {
            findings.push({
                rule: `size-${key}`,
                message: `${key} ${kib(bytes)} > ${limit} KiB: ${largest(list)}`
            });
        }
        const count = budgets.counts?.[key];
        if (count !== undefined && list.length > count) {
            findings.push({
                rule: `count-${key}`,
                message: `${key} ${list.length} requests > ${count}: ${largest(list)}`
            });
        }
    }
    const uncompressed = resources
        .filter(r => r.gzipBytes !== undefined)
        .sort((a, b) => b.transferBytes - a.transferBytes);
    metrics.uncompressed = uncompressed.length;
    if (item.compression) {
        for (const r of uncompressed) {
            findings.push({
                rule: 'compression',
                file: r.url.href,
                message: `uncompressed ${r.type}${r.thirdParty ? ' (third-party)' : ''} ${shortName(r.url)} ${kib(r.transferBytes)}: gzip would save ${kib(r.transferBytes - (r.gzipBytes ?? 0))}`
            });
        }
    }
    const notes = [...(note ? [note] : []), ...weighed.notes];
    if (findings.length > 0)
        return { ...(0,outcome/* failedOutcome */.i)(findings, metrics), notes };
    return {
        ok: true,
        summary: `${resources.length} requests, ${kib(sum(resources, 'transferBytes'))} transferred (${kib(sum(byKey.get('third-party') ?? [], 'transferBytes'))} third-party)`,
        metrics,
        notes
    };
}
/** The three largest resources of a list, e.g. `app.js 288 KiB, vendor.js 96 KiB, …`. */
function largest(list) {
    const sorted = [...list].sort((a, b) => b.transferBytes - a.transferBytes);
    const shown = sorted
        .slice(0, 3)
        .map(r => `${shortName(r.url)} ${kib(r.transferBytes)}`);
    return shown.join(', ') + (sorted.length > 3 ? ', …' : '');
}
/** The last path segment (with the host when the path has none). */
function shortName(url) {
    const last = url.pathname.split('/').filter(Boolean).at(-1);
    return last ?? url.host + url.pathname;
}
/** Bytes as KiB: one decimal below 10 KiB, whole above; bytes below 1 KiB. */
function kib(bytes) {
    if (bytes < KIB)
        return `${bytes} B`;
    const value = bytes / KIB;
    return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} KiB`;
}


/***/ })

};
