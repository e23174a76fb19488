export const id = 513;
export const ids = [513];
export const modules = {

/***/ 2513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MIN_KNOWN_VALUE_LENGTH: () => (/* binding */ MIN_KNOWN_VALUE_LENGTH),
  outcome: () => (/* binding */ outcome),
  scanDiff: () => (/* binding */ scanDiff),
  secretsCheck: () => (/* binding */ secretsCheck)
});

// EXTERNAL MODULE: ./src/checks/skip.ts
var skip = __webpack_require__(2194);
;// CONCATENATED MODULE: ./src/checks/secrets/glob.ts
/**
 * Compiles `exclude` globs into one path test: `**` crosses folders, `*` and
 * `?` stay within one, `{a,b}` is either. A glob without a `/` matches the
 * file name in any folder, as in .gitignore.
 */
function globMatcher(globs) {
    if (globs.length === 0)
        return () => false;
    const full = [];
    const base = [];
    for (const glob of globs) {
        const pattern = glob.replace(/^\.\//, '');
        (pattern.includes('/') ? full : base).push(new RegExp(`^${globToRegex(pattern)}$`));
    }
    return path => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        return full.some(re => re.test(path)) || base.some(re => re.test(name));
    };
}
function globToRegex(glob) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const char = glob[i];
        if (glob.startsWith('**/', i)) {
            out += '(?:.*/)?';
            i += 2;
        }
        else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
            out += '(?:/.*)?';
            i += 2;
        }
        else if (glob.startsWith('**', i)) {
            out += '.*';
            i += 1;
        }
        else if (char === '*') {
            out += '[^/]*';
        }
        else if (char === '?') {
            out += '[^/]';
        }
        else if (char === '{') {
            const close = glob.indexOf('}', i);
            if (close < 0) {
                out += '\\{';
                continue;
            }
            const options = glob
                .slice(i + 1, close)
                .split(',')
                .map(globToRegex);
            out += `(?:${options.join('|')})`;
            i = close;
        }
        else {
            out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
    }
    return out;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/checks/secrets/redact.ts

/** Longest run of stars shown, so a private key does not fill a line. */
const MAX_STARS = 16;
/**
 * The only form of a secret that leaves the scanner: at most its first and
 * last 4 characters, fewer for short values, never the middle.
 */
function redact(secret) {
    // A PEM block's armor says nothing: show the ends of its body instead.
    const flat = secret
        .replace(/-----(?:BEGIN|END)[A-Z0-9 ]*-----/g, '')
        .replace(/\\n|\s+/g, '');
    const shown = flat.length >= 16 ? 4 : flat.length >= 10 ? 2 : 0;
    const stars = '*'.repeat(Math.min(MAX_STARS, Math.max(4, flat.length - 2 * shown)));
    return shown === 0
        ? stars
        : `${flat.slice(0, shown)}${stars}${flat.slice(-shown)}`;
}
/**
 * A stable id for a finding: the same secret under the same rule in the same
 * file keeps it across runs and line moves, so a baseline can be kept.
 */
function fingerprint(rule, file, secret) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${rule}\0${file}\0${secret}`)
        .digest('hex')
        .slice(0, 32);
}
/** Shannon entropy in bits per character. */
function entropy(text) {
    if (text.length === 0)
        return 0;
    const counts = new Map();
    for (const char of text)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let bits = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}

// EXTERNAL MODULE: ./node_modules/@secretlint/core/module/index.js + 15 modules
var core_module = __webpack_require__(6707);
// EXTERNAL MODULE: ./node_modules/@secretlint/profiler/module/node.js + 1 modules
var node = __webpack_require__(806);
// EXTERNAL MODULE: ./node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
var secretlint_rule_preset_recommend_module = __webpack_require__(1577);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/checks/secrets/rules.ts
var rules = __webpack_require__(1332);
;// CONCATENATED MODULE: ./src/checks/secrets/scan.ts






// secretlint's profiler is on by default and marks every rule of every
// file; through the API nothing reads it, so it would only cost time.
node/* secretLintProfiler */.z.setEnabled(false);
/** The engine's configuration, built once per process. */
const ENGINE_CONFIG = {
    rules: [
        {
            id: '@secretlint/secretlint-rule-preset-recommend',
            rule: secretlint_rule_preset_recommend_module/* creator */.x,
            rules: [
                {
                    id: '@secretlint/secretlint-rule-aws',
                    // Access key ids are off by default in secretlint; account ids are
                    // not secrets, so they stay silent.
                    options: { enableIDScanRule: true },
                    allowMessageIds: ['AWSAccountID']
                }
            ]
        }
    ]
};
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/**
 * Any keyword of any rule, as a trie-shaped regex (`A(?:KIA|SIA|…)|…`):
 * about twice as fast as a flat alternation. A line without a match is
 * never handed to a rule.
 */
const KEYWORDS = new RegExp(trieSource([
    ...new Set([...rules/* PRESET_KEYWORDS */.n8, ...rules/* OWN_RULES */.PQ.flatMap(r => r.keywords)])
]));
function trieSource(words) {
    const byFirst = new Map();
    let endsHere = false;
    for (const word of words) {
        if (word === '') {
            endsHere = true;
            continue;
        }
        byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word.slice(1)]);
    }
    const branches = [...byFirst].map(([first, rests]) => {
        if (rests.length === 1)
            return escapeRegex(first + rests[0]);
        return `${escapeRegex(first)}(?:${trieSource(rests)})`;
    });
    // A keyword that prefixes a longer one: the longer is tried first.
    if (endsHere)
        branches.push('');
    return branches.join('|');
}
/** Comments that suppress a finding on their line. */
const INLINE_ALLOW = /launch-gate:allow|gitleaks:allow|secretlint-disable-line/;
const ALLOW_NEXT_LINE = /secretlint-disable-next-line|launch-gate:allow-next-line/;
/** Documented example credentials (AWS's …EXAMPLE keys) are not findings. */
const EXAMPLE_VALUE = /EXAMPLE/;
/** Lines this long are minified code, where generic matches misfire. */
const MINIFIED_LINE_LENGTH = 1000;
/** On minified lines a token must be at least this random (bits/char). */
const MINIFIED_ENTROPY_FLOOR = 3.5;
/** Longest PEM block followed after its BEGIN line. */
const MAX_PEM_LINES = 300;
/**
 * Scans text for secrets: known values by exact search, then the
 * recommended preset and our own rules, on the keyword lines only.
 */
async function scanSource(source, options) {
    const candidates = [];
    let lines;
    const allLines = () => (lines ??= source.text.split(/\r?\n/));
    for (const known of options.knownValues) {
        if (!source.text.includes(known.value))
            continue;
        allLines().forEach((line, index) => {
            for (let at = line.indexOf(known.value); at >= 0; at = line.indexOf(known.value, at + 1)) {
                candidates.push({
                    rule: rules/* KNOWN_VALUE_RULE */.bD,
                    index,
                    column: at + 1,
                    secret: known.value,
                    name: known.name
                });
            }
        });
    }
    if (KEYWORDS.test(source.text)) {
        candidates.push(...(await scanKeywordLines(source.file, allLines())));
    }
    if (candidates.length === 0)
        return [];
    return keep(candidates, allLines(), source, options);
}
/** Runs the rules on the lines that hold a keyword (and whole PEM blocks). */
async function scanKeywordLines(file, lines) {
    const picked = [];
    for (let i = 0; i < lines.length; i++) {
        if (!KEYWORDS.test(lines[i]))
            continue;
        picked.push(i);
        if (lines[i].includes('-----BEGIN') && !lines[i].includes('-----END')) {
            const stop = Math.min(lines.length - 1, i + MAX_PEM_LINES);
            while (i < stop && !lines[i].includes('-----END'))
                picked.push(++i);
        }
    }
    const reduced = picked.map(i => lines[i]).join('\n');
    const starts = lineStarts(reduced);
    const at = (offset) => {
        const line = lineAt(starts, offset);
        return { index: picked[line], column: offset - starts[line] + 1 };
    };
    const found = [];
    const seen = new Set();
    const add = (rule, offset, secret) => {
        const { index, column } = at(offset);
        const key = `${rule.id}:${index}`;
        if (seen.has(key))
            return;
        seen.add(key);
        found.push({ rule, index, column, secret });
    };
    // Our rules first: where both match, theirs is the narrower value.
    for (const rule of rules/* OWN_RULES */.PQ) {
        if (!rule.keywords.some(k => reduced.includes(k)))
            continue;
        for (const match of reduced.matchAll(rule.pattern)) {
            const secret = match.groups?.secret ?? match[0];
            if (rule.accept && !rule.accept(secret, match))
                continue;
            add(rule, match.index, rule.id === 'private-key' ? match[0] : secret);
        }
    }
    const result = await (0,core_module/* lintSource */.n)({
        source: {
            content: reduced,
            filePath: file,
            ext: (0,external_node_path_.extname)(file),
            contentType: 'text'
        },
        options: {
            config: ENGINE_CONFIG,
            maskSecrets: false,
            noPhysicFilePath: true
        }
    });
    for (const message of result.messages) {
        const [start, end] = message.range;
        // The message text embeds the secret: only its id and range are used.
        add((0,rules/* presetRule */.gd)(message.messageId), start, reduced.slice(start, end));
    }
    return found;
}
/** Applies suppressions, allow-lists and the minified-code rule. */
function keep(candidates, lines, source, options) {
    const numberOf = (index) => source.lineNumbers?.[index] ?? index + 1;
    const kept = [];
    for (const c of candidates) {
        const line = lines[c.index] ?? '';
        const previous = c.index > 0 && numberOf(c.index - 1) === numberOf(c.index) - 1
            ? lines[c.index - 1]
            : '';
        if (INLINE_ALLOW.test(line) || ALLOW_NEXT_LINE.test(previous))
            continue;
        if (options.allow.some(re => re.test(c.secret)))
            continue;
        if (c.rule !== rules/* KNOWN_VALUE_RULE */.bD) {
            if (EXAMPLE_VALUE.test(c.secret))
                continue;
            if (source.minified || line.length >= MINIFIED_LINE_LENGTH) {
                if (c.rule.minified === 'drop')
                    continue;
                if (c.rule.minified === 'entropy' &&
                    entropy(c.secret) < MINIFIED_ENTROPY_FLOOR)
                    continue;
            }
        }
        kept.push({
            rule: c.rule,
            file: source.file,
            line: numberOf(c.index),
            column: c.column,
            secret: c.secret,
            name: c.name
        });
    }
    return kept.sort((a, b) => a.line - b.line || a.column - b.column);
}
function lineStarts(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        starts.push(at + 1);
    }
    return starts;
}
/** Index of the line holding `offset` (binary search over line starts). */
function lineAt(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}

// EXTERNAL MODULE: ./node_modules/htmlparser2/dist/Parser.js + 7 modules
var Parser = __webpack_require__(1600);
// EXTERNAL MODULE: ./src/checks/types.ts
var types = __webpack_require__(6468);
;// CONCATENATED MODULE: ./src/checks/secrets/sources/common.ts
/** A changed file's added lines would be cut past this many bytes. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Decodes UTF-8, or Latin-1 byte for byte, so ASCII secrets are still seen. */
function decode(bytes) {
    try {
        return { text: UTF8.decode(bytes), utf8: true };
    }
    catch {
        return { text: Buffer.from(bytes).toString('latin1'), utf8: false };
    }
}
const latin1Note = (file) => ({
    kind: 'encoding',
    file,
    message: 'not UTF-8: read as Latin-1'
});

;// CONCATENATED MODULE: ./src/checks/secrets/sources/bundle.ts



/** At most this many scripts and styles are fetched per run. */
const MAX_ASSETS = 50;
/** At most this many source maps are fetched per run. */
const MAX_SOURCE_MAPS = 50;
/** Reading stops once this many bytes came back in total. */
const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/**
 * The HTML pages at `paths` on the target, the same-origin scripts and
 * styles they load, and the source maps those reference (whose
 * `sourcesContent` holds the original sources).
 */
async function bundleSources(ctx, paths, excluded) {
    if (!ctx.target) {
        throw new types/* CheckError */.t('no target URL to read the bundle from: set target in the policy, the url input or --url');
    }
    const origin = ctx.target.origin;
    const sources = [];
    const notes = [];
    let budget = MAX_BUNDLE_BYTES;
    const seen = new Set();
    const isExcluded = (url) => excluded(url.pathname.replace(/^\//, ''));
    const fetchText = async (url) => {
        let current = url;
        for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
            const res = await ctx.http.send({
                url: current,
                signal: ctx.signal,
                maxBodyBytes: Math.max(1, Math.min(MAX_FILE_BYTES, budget))
            });
            const location = res.headers.location;
            if (res.status >= 300 &&
                res.status < 400 &&
                typeof location === 'string') {
                const next = new URL(location, current);
                if (next.origin !== origin) {
                    notes.push({
                        kind: 'unreadable',
                        file: url.href,
                        message: `redirects to another origin (${next.origin}): not followed`
                    });
                    return undefined;
                }
                current = next;
                continue;
            }
            if (res.status < 200 || res.status >= 300) {
                notes.push({
                    kind: 'unreadable',
                    file: url.href,
                    message: `answered ${res.status}: not scanned`
                });
                return undefined;
            }
            budget -= res.body.length;
            if (res.truncated) {
                notes.push({
                    kind: 'truncated',
                    file: url.href,
                    message: `larger than ${res.body.length} bytes: only the first part was scanned`
                });
            }
            const { text, utf8 } = decode(res.body);
            if (!utf8)
                notes.push(latin1Note(url.href));
            return { res, text };
        }
        notes.push({
            kind: 'unreadable',
            file: url.href,
            message: `more than ${MAX_REDIRECTS} redirects: not followed`
        });
        return undefined;
    };
    let crossOrigin = 0;
    const assets = [];
    let pagesRead = 0;
    for (const path of paths) {
        const url = new URL(path, ctx.target);
        const page = await fetchText(url);
        if (!page)
            continue;
        pagesRead++;
        sources.push({ file: url.href, text: page.text });
        for (const ref of assetReferences(page.text, url)) {
            if (ref.origin !== origin) {
                crossOrigin++;
                continue;
            }
            if (seen.has(ref.href) || isExcluded(ref))
                continue;
            seen.add(ref.href);
            assets.push(ref);
        }
    }
    if (pagesRead === 0) {
        const reasons = notes.map(n => `${n.file} ${n.message}`).join('; ');
        throw new types/* CheckError */.t(`no page of the bundle could be read: ${reasons}`);
    }
    if (assets.length > MAX_ASSETS) {
        notes.push({
            kind: 'truncated',
            file: ctx.target.href,
            message: `${assets.length} scripts and styles: only the first ${MAX_ASSETS} were scanned`
        });
    }
    let maps = 0;
    for (const asset of assets.slice(0, MAX_ASSETS)) {
        if (budget <= 0) {
            notes.push({
                kind: 'truncated',
                file: asset.href,
                message: `over the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB bundle budget: not scanned`
            });
            continue;
        }
        const got = await fetchText(asset);
        if (!got)
            continue;
        sources.push({ file: asset.href, text: got.text, minified: true });
        const mapRef = sourceMapReference(got.res, got.text);
        if (!mapRef)
            continue;
        if (mapRef.startsWith('data:')) {
            const inline = decodeDataUrl(mapRef);
            if (inline !== undefined)
                sources.push(...sourcesFromMap(inline, `${asset.href}#sourcemap`, notes));
            continue;
        }
        const mapUrl = new URL(mapRef, asset);
        if (mapUrl.origin !== origin || seen.has(mapUrl.href))
            continue;
        seen.add(mapUrl.href);
        if (++maps > MAX_SOURCE_MAPS)
            continue;
        const map = await fetchText(mapUrl);
        if (map)
            sources.push(...sourcesFromMap(map.text, mapUrl.href, notes));
    }
    if (maps > MAX_SOURCE_MAPS) {
        notes.push({
            kind: 'truncated',
            file: ctx.target.href,
            message: `${maps} source maps: only the first ${MAX_SOURCE_MAPS} were scanned`
        });
    }
    return { sources, notes, crossOrigin };
}
/** Scripts and styles a page loads, resolved against its URL (and `<base>`). */
function assetReferences(html, pageUrl) {
    const refs = [];
    let base = pageUrl;
    const add = (value) => {
        if (!value || value.startsWith('data:'))
            return;
        try {
            refs.push(new URL(value, base));
        }
        catch {
            // An unparsable src is the page's bug, not a place a secret can hide.
        }
    };
    const parser = new Parser/* Parser */.i({
        onopentag(name, attrs) {
            if (name === 'base' && attrs.href) {
                try {
                    base = new URL(attrs.href, pageUrl);
                }
                catch {
                    // keep the page URL
                }
            }
            else if (name === 'script') {
                add(attrs.src);
            }
            else if (name === 'link') {
                const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
                const as = (attrs.as ?? '').toLowerCase();
                if (rel.includes('stylesheet') ||
                    rel.includes('modulepreload') ||
                    (rel.includes('preload') && (as === 'script' || as === 'style'))) {
                    add(attrs.href);
                }
            }
        }
    });
    parser.write(html);
    parser.end();
    return refs;
}
/** A script's source map: the SourceMap header, else its last sourceMappingURL comment. */
function sourceMapReference(res, text) {
    const header = res.headers.sourcemap ?? res.headers['x-sourcemap'];
    if (typeof header === 'string' && header.trim())
        return header.trim();
    // The comment ends the file; don't run a regex over megabytes for it.
    const tail = text.slice(Math.max(0, text.length - 65_536));
    const matches = [...tail.matchAll(/[#@] sourceMappingURL=([^\s'"*]+)/g)];
    return matches.at(-1)?.[1];
}
function decodeDataUrl(url) {
    const comma = url.indexOf(',');
    if (comma < 0)
        return undefined;
    const meta = url.slice(5, comma);
    const data = url.slice(comma + 1);
    try {
        return meta.endsWith(';base64')
            ? Buffer.from(data, 'base64').toString('utf8')
            : decodeURIComponent(data);
    }
    catch {
        return undefined;
    }
}
/** The original sources a map carries, each named `<map URL>#<source>`. */
function sourcesFromMap(text, mapUrl, notes) {
    let map;
    try {
        map = JSON.parse(text);
    }
    catch {
        notes.push({
            kind: 'unreadable',
            file: mapUrl,
            message: 'source map is not JSON: not scanned'
        });
        return [];
    }
    const names = Array.isArray(map.sources) ? map.sources : [];
    const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
    return contents.flatMap((content, index) => typeof content === 'string'
        ? [{ file: `${mapUrl}#${String(names[index] ?? index)}`, text: content }]
        : []);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/checks/secrets/sources/git.ts


/** Largest `git diff` output read; bigger changes are an error, not a guess. */
const MAX_DIFF_BYTES = 256 * 1024 * 1024;
/** Git commands other than fetch must finish within this. */
const GIT_TIMEOUT_MS = 120_000;
/** Runs git in `cwd` without a shell; failures become one-line CheckErrors. */
function git(ctx, args, timeoutMs = GIT_TIMEOUT_MS) {
    return new Promise((done, fail) => {
        (0,external_node_child_process_.execFile)('git', ['-c', 'core.quotePath=false', ...args], {
            cwd: ctx.cwd,
            encoding: 'buffer',
            maxBuffer: MAX_DIFF_BYTES,
            timeout: timeoutMs,
            signal: ctx.signal,
            // Never wait for a credential prompt on a fetch.
            env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' }
        }, (error, stdout, stderr) => {
            if (!error)
                return done(stdout);
            const code = error.code;
            if (code === 'ENOENT')
                return fail(new types/* CheckError */.t('git is not installed or not on PATH'));
            if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
                return fail(new types/* CheckError */.t(`git ${args[0]} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`));
            }
            const reason = stderr.toString('utf8').trim().split('\n').at(-1) ||
                error.message.split('\n')[0];
            fail(new types/* CheckError */.t(`git ${args[0]} failed: ${reason}`));
        });
    });
}
async function hasCommit(ctx, rev) {
    try {
        await git(ctx, ['cat-file', '-e', `${rev}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/checks/secrets/sources/diff.ts



/**
 * The change as local git sees it: `base..head` from the event, else
 * HEAD~1..HEAD. A base missing from a shallow checkout is fetched once.
 */
async function gitChangeProvider(ctx) {
    const range = await resolveRange(ctx);
    const short = (rev) => /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : rev;
    return {
        range: `${short(range.base)}..${short(range.head)}`,
        async changedFiles() {
            const diff = await git(ctx, [
                'diff',
                '--no-color',
                '--no-ext-diff',
                '--no-textconv',
                '--unified=0',
                '--find-renames',
                range.base,
                range.head,
                '--'
            ]);
            return parseDiff(diff);
        },
        async baseText(path) {
            try {
                return decode(await git(ctx, ['show', `${range.base}:${path}`])).text;
            }
            catch {
                return undefined;
            }
        }
    };
}
/** The empty tree: the base of a repository's first commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
async function resolveRange(ctx) {
    if (!ctx.diffRange) {
        const parent = (await hasCommit(ctx, 'HEAD~1')) ? 'HEAD~1' : EMPTY_TREE;
        if (!(await hasCommit(ctx, 'HEAD'))) {
            throw new types/* CheckError */.t(`${ctx.cwd} has no commits to scan (not a git checkout?)`);
        }
        return { base: parent, head: 'HEAD' };
    }
    for (const rev of [ctx.diffRange.base, ctx.diffRange.head]) {
        if (await hasCommit(ctx, rev))
            continue;
        // actions/checkout fetches one commit by default: get the other one.
        try {
            await git(ctx, ['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', rev], 5 * 60_000);
        }
        catch (error) {
            throw new types/* CheckError */.t(`commit ${rev.slice(0, 12)} is not in the checkout and could not be fetched (${error.message}); use actions/checkout with fetch-depth: 0`);
        }
        if (!(await hasCommit(ctx, rev))) {
            throw new types/* CheckError */.t(`commit ${rev.slice(0, 12)} is not in the checkout, even after fetching it`);
        }
    }
    return ctx.diffRange;
}
/** Unquotes a path git printed in C style ("a\"b", octal bytes). */
function unquote(path) {
    if (!path.startsWith('"'))
        return path;
    const bytes = [];
    const body = path.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
        const char = body[i];
        if (char !== '\\') {
            bytes.push(...Buffer.from(char));
            continue;
        }
        const next = body[++i];
        if (/[0-7]/.test(next)) {
            bytes.push(parseInt(body.slice(i, i + 3), 8));
            i += 2;
        }
        else {
            const escapes = {
                n: '\n',
                t: '\t',
                '"': '"',
                '\\': '\\',
                a: '\x07',
                b: '\b',
                f: '\f',
                r: '\r',
                v: '\v'
            };
            bytes.push(...Buffer.from(escapes[next] ?? next));
        }
    }
    return Buffer.from(bytes).toString('utf8');
}
const stripPrefix = (path) => unquote(path).replace(/^[ab]\//, '');
/** Parses `git diff --unified=0` output into changed files. */
function parseDiff(diff) {
    const files = [];
    let file;
    let newLine = 0;
    let inHunk = false;
    const finish = () => {
        if (!file)
            return;
        const joined = decode(Buffer.concat(file.raw.flatMap(line => [line, Buffer.from('\n')])));
        const lines = joined.text.split('\n');
        file.added.forEach((entry, index) => (entry.text = lines[index]));
        file.utf8 = joined.utf8;
        file.removed = decode(Buffer.concat(file.rawRemoved.flatMap(line => [line, Buffer.from('\n')]))).text.split('\n');
        const { raw: _raw, bytes: _bytes, rawRemoved: _rawRemoved, ...done } = file;
        files.push(done);
    };
    let start = 0;
    while (start < diff.length) {
        let end = diff.indexOf(0x0a, start);
        if (end < 0)
            end = diff.length;
        const line = diff.subarray(start, end);
        start = end + 1;
        const first = line[0];
        if (file && inHunk && first === 0x2b /* + */) {
            if (file.bytes + line.length > MAX_FILE_BYTES) {
                file.truncated = true;
            }
            else {
                file.raw.push(line.subarray(1));
                file.added.push({ line: newLine, text: '' });
                file.bytes += line.length;
            }
            newLine++;
            continue;
        }
        if (file && inHunk && first === 0x2d /* - */) {
            if (file.rawRemoved.length < 100_000)
                file.rawRemoved.push(line.subarray(1));
            continue;
        }
        if (file && inHunk && (first === 0x20 || first === 0x5c)) {
            if (first === 0x20)
                newLine++;
            continue;
        }
        const text = line.toString('utf8');
        if (text.startsWith('diff --git ')) {
            finish();
            const paths = text.slice('diff --git '.length);
            // "a/x b/x": both halves are the same path unless renamed; the
            // headers below correct it when they are not.
            const half = paths.startsWith('"')
                ? paths.slice(0, paths.indexOf('" ') + 1)
                : paths.slice(0, (paths.length - 1) / 2);
            const path = stripPrefix(half);
            file = {
                path,
                status: 'modified',
                added: [],
                removed: [],
                utf8: true,
                truncated: false,
                raw: [],
                bytes: 0,
                rawRemoved: []
            };
            newLine = 0;
            inHunk = false;
        }
        else if (!file) {
            continue;
        }
        else if (text.startsWith('new file mode')) {
            file.status = 'added';
        }
        else if (text.startsWith('deleted file mode')) {
            file.status = 'deleted';
        }
        else if (text.startsWith('rename from ')) {
            file.oldPath = unquote(text.slice('rename from '.length));
            file.status = 'renamed';
        }
        else if (text.startsWith('rename to ')) {
            file.path = unquote(text.slice('rename to '.length));
        }
        else if (text.startsWith('Binary files ')) {
            file.status = 'binary';
        }
        else if (text.startsWith('+++ ') && !text.startsWith('+++ /dev/null')) {
            file.path = stripPrefix(text.slice(4));
        }
        else if (text.startsWith('@@ ')) {
            const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
            newLine = hunk ? Number(hunk[1]) : 0;
            inHunk = true;
        }
    }
    finish();
    return files;
}
/** The added lines of a change, one source per file, with notes. */
function diffSources(files, excluded) {
    const sources = [];
    const notes = [];
    for (const file of files) {
        if (excluded(file.path))
            continue;
        if (file.status === 'binary') {
            notes.push({
                kind: 'binary',
                file: file.path,
                message: 'binary file: not scanned'
            });
            continue;
        }
        if (file.added.length === 0)
            continue;
        if (!file.utf8)
            notes.push(latin1Note(file.path));
        if (file.truncated) {
            notes.push({
                kind: 'truncated',
                file: file.path,
                message: `more than ${MAX_FILE_BYTES / 1024 / 1024} MB added: only the first part was scanned`
            });
        }
        sources.push({
            file: file.path,
            text: file.added.map(a => a.text).join('\n'),
            lineNumbers: file.added.map(a => a.line)
        });
    }
    return { sources, notes };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/checks/secrets/sources/repo.ts




/** Files read between two yields to the event loop. */
const READ_BATCH = 64;
/**
 * Every tracked file of the working tree, read up to the size cap. Reads are
 * synchronous (one call per file instead of four through the thread pool:
 * 3x faster on many small files), yielding to the event loop every
 * READ_BATCH files so other checks keep running.
 */
async function repoSources(ctx, excluded) {
    const listing = await git(ctx, ['ls-files', '-z', '--cached']);
    const paths = [
        ...new Set(listing.toString('utf8').split('\0').filter(Boolean))
    ].filter(path => !excluded(path));
    const sources = [];
    const notes = [];
    for (const [index, path] of paths.entries()) {
        if (index % READ_BATCH === READ_BATCH - 1) {
            await new Promise(setImmediate);
            ctx.signal.throwIfAborted();
        }
        const read = readTracked((0,external_node_path_.resolve)(ctx.cwd, path), path);
        if (read.source)
            sources.push(read.source);
        notes.push(...read.notes);
    }
    return { sources, notes };
}
/** Reads one tracked file as text, or says why it was skipped or cut. */
function readTracked(full, path) {
    try {
        const info = (0,external_node_fs_.lstatSync)(full);
        // Symlinks, submodules, files deleted in the working tree.
        if (!info.isFile())
            return { notes: [] };
        let bytes;
        if (info.size <= MAX_FILE_BYTES) {
            bytes = (0,external_node_fs_.readFileSync)(full);
        }
        else {
            bytes = Buffer.alloc(MAX_FILE_BYTES);
            const fd = (0,external_node_fs_.openSync)(full, 'r');
            try {
                (0,external_node_fs_.readSync)(fd, bytes, 0, MAX_FILE_BYTES, 0);
            }
            finally {
                (0,external_node_fs_.closeSync)(fd);
            }
        }
        if (bytes.subarray(0, 8000).includes(0)) {
            return {
                notes: [
                    { kind: 'binary', file: path, message: 'binary file: not scanned' }
                ]
            };
        }
        const notes = [];
        if (info.size > MAX_FILE_BYTES) {
            notes.push({
                kind: 'truncated',
                file: path,
                message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: only the first part was scanned`
            });
        }
        const { text, utf8 } = decode(bytes);
        if (!utf8)
            notes.push(latin1Note(path));
        return { source: { file: path, text }, notes };
    }
    catch (error) {
        const code = error.code ?? 'error';
        return {
            notes: [
                {
                    kind: 'unreadable',
                    file: path,
                    message: `could not be read: ${code}`
                }
            ]
        };
    }
}

;// CONCATENATED MODULE: ./src/checks/secrets/index.ts







/** Shorter known values would match by chance: they are not searched. */
const MIN_KNOWN_VALUE_LENGTH = 8;
/** Notes listed one by one as findings; the rest are only counted. */
const MAX_NOTE_FINDINGS = 20;
const WHERE = {
    diff: 'in added lines',
    repo: 'in tracked files',
    bundle: 'in the served bundle'
};
const ADVICE = {
    diff: 'revoke it, then load it from a secret store instead of the code',
    repo: 'revoke it, then load it from a secret store instead of the code',
    bundle: 'every visitor can read it: revoke it and keep it on the server'
};
/**
 * The `secrets` check: one unit for the diff or the repository (skipped when
 * `scope: off`), and one for the served bundle when `bundle: true`.
 */
const secretsCheck = {
    kind: 'secrets',
    units(section) {
        const level = section.level ?? 'error';
        const units = [];
        if (section.scope === 'off') {
            units.push((0,skip/* skippedUnit */.X)('files', ['secrets', 'scope'], 'scope is off in the policy', level));
        }
        else {
            const scope = section.scope;
            units.push({
                name: scope,
                level,
                policyPath: ['secrets', 'scope'],
                run: ctx => scope === 'diff' ? scanDiff(section, ctx) : scanRepo(section, ctx)
            });
        }
        if (section.bundle) {
            units.push({
                name: 'bundle',
                level,
                policyPath: ['secrets', 'bundle'],
                run: ctx => scanBundle(section, ctx)
            });
        }
        return units;
    }
};
/** The diff scope through local git; another provider can be passed in. */
async function scanDiff(section, ctx, provider) {
    const { changes, notes: sourceNotes } = provider
        ? { changes: provider, notes: [] }
        : await changeSource(ctx);
    const files = await changes.changedFiles();
    const excluded = globMatcher(section.exclude);
    const sources = diffSources(files, excluded);
    const { known, notes: knownNotes } = knownValues(section, ctx);
    const raw = await scanAll(sources, { allow: compileAllow(section), knownValues: known }, ctx);
    // A secret the base already had is not this change's doing.
    const removed = [...new Set(files.flatMap(f => f.removed))];
    const oldPath = new Map(files.map(f => [f.path, f.oldPath ?? f.path]));
    const baseTexts = new Map();
    const fresh = [];
    let inBase = 0;
    for (const finding of raw.findings) {
        const before = oldPath.get(finding.file) ?? finding.file;
        if (!baseTexts.has(before))
            baseTexts.set(before, changes.baseText(before));
        const baseText = await baseTexts.get(before);
        const old = removed.some(line => line.includes(finding.secret)) ||
            (baseText?.includes(finding.secret) ?? false);
        if (old)
            inBase++;
        else
            fresh.push(finding);
    }
    const renamed = files.filter(f => f.status === 'renamed').length;
    const deleted = files.filter(f => f.status === 'deleted').length;
    return outcome('diff', fresh, [...sourceNotes, ...sources.notes, ...knownNotes], {
        files_scanned: sources.sources.length,
        bytes_scanned: raw.bytes,
        files_changed: files.length,
        renamed,
        deleted,
        already_in_base: inBase,
        range: changes.range
    });
}
/** Local git, else the GitHub API's view of the change, saying why. */
async function changeSource(ctx) {
    try {
        return { changes: await gitChangeProvider(ctx), notes: [] };
    }
    catch (error) {
        if (!ctx.changesFromApi)
            throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return {
            changes: ctx.changesFromApi,
            notes: [
                {
                    kind: 'source',
                    message: `read the change from the GitHub API: ${reason}`
                }
            ]
        };
    }
}
async function scanRepo(section, ctx) {
    const sources = await repoSources(ctx, globMatcher(section.exclude));
    const { known, notes } = knownValues(section, ctx);
    const raw = await scanAll(sources, { allow: compileAllow(section), knownValues: known }, ctx);
    return outcome('repo', raw.findings, [...sources.notes, ...notes], {
        files_scanned: sources.sources.length,
        bytes_scanned: raw.bytes
    });
}
async function scanBundle(section, ctx) {
    const sources = await bundleSources(ctx, section.bundle_paths, globMatcher(section.exclude));
    const { known, notes } = knownValues(section, ctx);
    const raw = await scanAll(sources, { allow: compileAllow(section), knownValues: known }, ctx);
    return outcome('bundle', raw.findings, [...sources.notes, ...notes], {
        files_scanned: sources.sources.length,
        bytes_scanned: raw.bytes,
        cross_origin_skipped: sources.crossOrigin
    });
}
async function scanAll({ sources }, options, ctx) {
    const findings = [];
    let bytes = 0;
    for (const source of sources) {
        ctx.signal.throwIfAborted();
        bytes += Buffer.byteLength(source.text);
        findings.push(...(await scanSource(source, options)));
    }
    return { findings, bytes };
}
function compileAllow(section) {
    // The schema has checked that each one compiles.
    return section.allow.map(source => new RegExp(source));
}
/** The values of `known_values`, and a note for each that cannot be searched. */
function knownValues(section, ctx) {
    const known = [];
    const notes = [];
    for (const name of section.known_values) {
        const value = ctx.env[name];
        if (!value) {
            notes.push({
                kind: 'unreadable',
                message: `${name} is not set: its value was not searched for`
            });
        }
        else if (value.length < MIN_KNOWN_VALUE_LENGTH) {
            notes.push({
                kind: 'unreadable',
                message: `${name} is shorter than ${MIN_KNOWN_VALUE_LENGTH} characters: not searched for (it would match by chance)`
            });
        }
        else {
            known.push({ name, value });
        }
    }
    return { known, notes };
}
/**
 * Redacts and fingerprints what was found, and turns it into the unit's
 * outcome. Raw values leave only through `secretValues`, for masking.
 */
function outcome(scope, found, notes, metrics) {
    const findings = found.map(f => ({
        rule: f.rule.id,
        file: f.file,
        line: f.line,
        column: f.column,
        message: `${f.name ? `value of ${f.name}` : f.rule.description} ${WHERE[scope]}: ${ADVICE[scope]}`,
        redacted: redact(f.secret),
        fingerprint: fingerprint(f.rule.id, f.file, f.secret)
    }));
    findings.push(...notes
        .slice(0, MAX_NOTE_FINDINGS)
        .map(n => n.file ? { file: n.file, message: n.message } : { message: n.message }));
    const secretValues = [...new Set(found.flatMap(f => maskable(f.secret)))];
    const count = found.length;
    const summary = count > 0
        ? `${count} ${count === 1 ? 'secret' : 'secrets'} ${WHERE[scope]}`
        : `no secrets ${WHERE[scope]} (${metrics.files_scanned} ${scope === 'bundle' ? 'responses' : 'files'} scanned)`;
    return {
        ok: count === 0,
        summary: summary + noteSummary(notes),
        metrics: { ...metrics, findings: count },
        findings,
        secretValues
    };
}
/** What to register for masking: multi-line values line by line, as runners mask per line. */
function maskable(secret) {
    const lines = secret
        .split(/\\n|\r?\n/)
        .map(line => line.trim())
        .filter(line => line.length >= 4 && !/^-+(BEGIN|END)\b/.test(line));
    return secret.includes('\n') || secret.includes('\\n')
        ? [secret, ...lines]
        : [secret];
}
function noteSummary(notes) {
    const count = (kind) => notes.filter(n => n.kind === kind).length;
    const parts = [
        [count('binary'), 'binary skipped'],
        [count('encoding'), 'non-UTF-8 read as Latin-1'],
        [count('truncated'), 'cut at the size cap'],
        [count('unreadable'), 'not read']
    ]
        .filter(([n]) => n > 0)
        .map(([n, what]) => `${n} ${what}`);
    return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}


/***/ })

};
