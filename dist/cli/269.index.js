export const id = 269;
export const ids = [269];
export const modules = {

/***/ 8585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ globMatcher)
/* harmony export */ });
/* harmony import */ var _util_bounded_regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11623);

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
        (pattern.includes('/') ? full : base).push(globToRegex(pattern));
    }
    // One bounded regex per kind: `**/*a*a*a*` globs backtrack polynomially.
    const either = (parts) => parts.length > 0 ? new _util_bounded_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .BoundedRegex */ .lE(`^(?:${parts.join('|')})$`) : undefined;
    const fullRe = either(full);
    const baseRe = either(base);
    return path => {
        const name = path.slice(path.lastIndexOf('/') + 1);
        return Boolean(fullRe?.test(path) || baseRe?.test(name));
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


/***/ }),

/***/ 84269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_FINDINGS: () => (/* binding */ MAX_FINDINGS),
  MIN_KNOWN_VALUE_LENGTH: () => (/* binding */ MIN_KNOWN_VALUE_LENGTH),
  maskable: () => (/* binding */ maskable),
  outcome: () => (/* binding */ outcome),
  scanDiff: () => (/* binding */ scanDiff),
  secretsCheck: () => (/* binding */ secretsCheck)
});

// EXTERNAL MODULE: ./src/checks/skip.ts
var skip = __webpack_require__(82194);
// EXTERNAL MODULE: ./src/checks/secrets/glob.ts
var glob = __webpack_require__(8585);
// EXTERNAL MODULE: ./src/checks/secrets/baseline.ts
var secrets_baseline = __webpack_require__(91500);
// EXTERNAL MODULE: ./src/checks/secrets/redact.ts
var redact = __webpack_require__(55830);
// EXTERNAL MODULE: ./src/util/lines.ts
var util_lines = __webpack_require__(70895);
// EXTERNAL MODULE: ./src/checks/secrets/placeholder.ts
var placeholder = __webpack_require__(69126);
// EXTERNAL MODULE: ./src/checks/secrets/rules.ts + 1 modules
var rules = __webpack_require__(84693);
;// CONCATENATED MODULE: ./src/checks/secrets/scan.ts




const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/**
 * Keywords as a trie-shaped regex (`A(?:KIA|SIA|…)|…`): about twice as
 * fast as a flat alternation. A line without a match never reaches a rule.
 */
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
const unique = (words) => [...new Set(words)];
/** Case-sensitive keywords of the token rules. */
const KEYWORDS = new RegExp(trieSource(unique(rules/* RULES */.y0.filter(r => !r.ignoreCase).flatMap(r => r.keywords))), 'g');
/** Case-insensitive keywords (generic credentials, JDBC passwords). */
const KEYWORDS_ANY_CASE = new RegExp(trieSource(unique(rules/* RULES */.y0.filter(r => r.ignoreCase).flatMap(r => r.keywords.map(k => k.toLowerCase())))), 'gi');
/** Rules with no keyword run over every line (their regex is the filter). */
const EVERYWHERE = rules/* RULES */.y0.filter(r => r.keywords.length === 0);
/** Comments that suppress a finding on their line. */
const INLINE_ALLOW = /launch-gate:allow|gitleaks:allow|secretlint-disable-line|trufflehog:ignore/;
const ALLOW_NEXT_LINE = /secretlint-disable-next-line|launch-gate:allow-next-line/;
/** Lines this long are minified code, where generic matches misfire. */
const MINIFIED_LINE_LENGTH = 1000;
/** On minified lines a token must be at least this random (bits/char). */
const MINIFIED_ENTROPY_FLOOR = 3.5;
/** Longest PEM block followed after its BEGIN line. */
const MAX_PEM_LINES = 300;
/** Findings kept per scanned text; past it a note counts the rest. */
const MAX_FINDINGS_PER_SOURCE = 1000;
/**
 * Scans text for secrets: known values by exact search, then every rule on
 * the lines holding one of its keywords. Iterative throughout: a file of
 * 100 000 matches keeps at most MAX_FINDINGS_PER_SOURCE, with a note.
 */
function scanSource(source, options) {
    const { text } = source;
    const lines = (0,util_lines/* lineStarts */._)(text);
    const found = new Finder(source, lines, options);
    for (const known of options.knownValues) {
        for (let at = text.indexOf(known.value); at >= 0; at = text.indexOf(known.value, at + 1)) {
            found.add(rules/* KNOWN_VALUE_RULE */.bD, at, known.value, known.name);
        }
    }
    const { picked, keywords } = pickLines(text, lines);
    // Only the rules one of whose keywords was seen (a seen `ACCA` holds `AC`).
    const seen = [...keywords];
    const active = rules/* RULES */.y0.filter(rule => rule.keywords.some(k => seen.some(word => word.includes(k))));
    // Line by line, rules in table order: an earlier rule's span wins.
    for (const line of picked) {
        const body = text.slice(line.start, line.end);
        const lower = body.toLowerCase();
        for (const rule of active) {
            const haystack = rule.ignoreCase ? lower : body;
            if (rule.keywords.some(k => haystack.includes(k)))
                found.run(rule, line, body);
        }
    }
    for (const rule of EVERYWHERE)
        found.run(rule, undefined, text);
    if (options.pii?.email && text.includes('@')) {
        const allow = options.pii.allow.map(a => a.toLowerCase());
        found.run(rules/* EMAIL_RULE */.sW, undefined, text, email => allow.some(a => email.toLowerCase().includes(a)));
    }
    return found.result();
}
const lineOf = (text, starts, index) => {
    const start = starts[index];
    let end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length;
    if (end > start && text[end - 1] === '\r')
        end--;
    return { index, start, end };
};
/**
 * The lines holding a keyword, found by searching the whole text (not line
 * by line), plus the lines of each PEM block after its BEGIN line. A PEM
 * block becomes one pseudo-line so its rule sees it whole.
 */
function pickLines(text, starts) {
    const hits = new Set();
    const keywords = new Set();
    for (const re of [KEYWORDS, KEYWORDS_ANY_CASE]) {
        re.lastIndex = 0;
        let match;
        let lastLine = -1;
        while ((match = re.exec(text)) !== null) {
            keywords.add(re.ignoreCase ? match[0].toLowerCase() : match[0]);
            if (match.index >= (starts[lastLine + 1] ?? Infinity) || lastLine < 0) {
                lastLine = (0,util_lines/* lineAt */.m)(starts, match.index);
                hits.add(lastLine);
            }
        }
    }
    const picked = [];
    const hasPem = text.includes('-----BEGIN');
    for (const index of [...hits].sort((a, b) => a - b)) {
        const line = lineOf(text, starts, index);
        const body = hasPem ? text.slice(line.start, line.end) : '';
        if (body.includes('-----BEGIN') && !body.includes('-----END')) {
            let last = index;
            const stop = Math.min(starts.length - 1, index + MAX_PEM_LINES);
            while (last < stop && !lineText(text, starts, last).includes('-----END'))
                last++;
            picked.push({
                index,
                start: line.start,
                end: lineOf(text, starts, last).end
            });
        }
        else {
            picked.push(line);
        }
    }
    return { picked, keywords };
}
function lineText(text, starts, index) {
    const line = lineOf(text, starts, index);
    return text.slice(line.start, line.end);
}
/** Collects candidates with suppressions, allow-lists, overlaps and caps applied. */
class Finder {
    findings = [];
    notes = [];
    /** Claimed [start, end) spans by start line: a later rule never reports inside one. */
    claimed = new Map();
    over = 0;
    droppedOnMinified = new Map();
    source;
    starts;
    options;
    constructor(source, starts, options) {
        this.source = source;
        this.starts = starts;
        this.options = options;
    }
    run(rule, line, text, skip) {
        const offset = line?.start ?? 0;
        rule.pattern.lastIndex = 0;
        let match;
        while ((match = rule.pattern.exec(text)) !== null) {
            if (match[0].length === 0)
                rule.pattern.lastIndex++;
            const [secret, at] = secretOf(match);
            if (skip?.(secret))
                continue;
            const absolute = offset + at;
            if (this.full()) {
                this.over++;
                continue;
            }
            if (this.overlaps(absolute, secret.length))
                continue;
            let info = rule;
            if (rule.accept) {
                const where = {
                    file: this.source.file,
                    line: lineText(this.source.text, this.starts, (0,util_lines/* lineAt */.m)(this.starts, absolute))
                };
                const verdict = rule.accept(secret, match, where);
                if (verdict === false) {
                    // A vendor token rule's reject (a placeholder) holds for the
                    // rules after it; a context rule's does not.
                    if (rule.token)
                        this.claim(absolute, secret.length);
                    continue;
                }
                if (verdict !== true)
                    info = verdict;
            }
            if (rule.token && (0,placeholder/* isPlaceholder */.wK)(secret)) {
                this.claim(absolute, secret.length);
                continue;
            }
            this.add(info, absolute, secret);
        }
    }
    /** Past the cap, matches are only counted. */
    full() {
        return this.findings.length >= MAX_FINDINGS_PER_SOURCE;
    }
    overlaps(start, length) {
        const end = start + length;
        const spans = this.claimed.get((0,util_lines/* lineAt */.m)(this.starts, start)) ?? [];
        return spans.some(([a, b]) => start < b && a < end);
    }
    claim(start, length) {
        const line = (0,util_lines/* lineAt */.m)(this.starts, start);
        const spans = this.claimed.get(line);
        if (spans)
            spans.push([start, start + length]);
        else
            this.claimed.set(line, [[start, start + length]]);
    }
    add(rule, offset, secret, name) {
        const { source, options } = this;
        if (rule !== rules/* KNOWN_VALUE_RULE */.bD) {
            if (this.overlaps(offset, secret.length))
                return;
            this.claim(offset, secret.length);
        }
        const index = (0,util_lines/* lineAt */.m)(this.starts, offset);
        const line = lineOf(source.text, this.starts, index);
        const textOfLine = source.text.slice(line.start, line.end);
        const numberOf = (i) => source.lineNumbers?.[i] ?? i + 1;
        const previous = index > 0 && numberOf(index - 1) === numberOf(index) - 1
            ? lineText(source.text, this.starts, index - 1)
            : '';
        const allowedInline = INLINE_ALLOW.test(textOfLine) || ALLOW_NEXT_LINE.test(previous);
        if (allowedInline && !options.keepInlineAllowed)
            return;
        if (options.allow.some(re => re.test(secret)))
            return;
        if (rule !== rules/* KNOWN_VALUE_RULE */.bD &&
            (source.minified || textOfLine.length >= MINIFIED_LINE_LENGTH)) {
            if (rule.minified === 'drop' ||
                (rule.minified === 'entropy' &&
                    (0,redact/* entropy */.Ue)(secret) < MINIFIED_ENTROPY_FLOOR)) {
                this.droppedOnMinified.set(rule.id, (this.droppedOnMinified.get(rule.id) ?? 0) + 1);
                return;
            }
        }
        if (this.full()) {
            this.over++;
            return;
        }
        this.findings.push({
            rule,
            file: source.file,
            line: numberOf(index),
            column: offset - line.start + 1,
            secret,
            name,
            ...(allowedInline ? { inlineAllowed: true } : {})
        });
    }
    result() {
        const file = this.source.file;
        if (this.over > 0) {
            this.notes.push({
                kind: 'truncated',
                file,
                message: `${this.over} more matches past the first ${MAX_FINDINGS_PER_SOURCE} were not listed`
            });
        }
        for (const [rule, count] of this.droppedOnMinified) {
            this.notes.push({
                kind: 'minified',
                file,
                message: `${count} possible ${rule} ${count === 1 ? 'match' : 'matches'} on minified lines (${MINIFIED_LINE_LENGTH}+ characters) not reported: too generic or too regular there`
            });
        }
        return {
            findings: this.findings.sort((a, b) => a.line - b.line || a.column - b.column),
            notes: this.notes
        };
    }
}
/** The secret a match reports (its `secret*` or `bare` group, else all of it) and its offset. */
function secretOf(match) {
    const groups = match.groups;
    const indices = match.indices?.groups;
    if (groups && indices) {
        for (const name of ['secret', 'secret2', 'secret3', 'bare']) {
            const value = groups[name];
            const at = indices[name];
            if (value !== undefined && at)
                return [value, at[0]];
        }
    }
    return [match[0], match.index];
}

// EXTERNAL MODULE: ./src/checks/secrets/sources/bundle.ts
var bundle = __webpack_require__(34136);
// EXTERNAL MODULE: ./src/checks/secrets/sources/common.ts
var common = __webpack_require__(80129);
// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(59663);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/checks/secrets/sources/git.ts
var git = __webpack_require__(47838);
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
            const common = ['--find-renames', range.base, range.head, '--'];
            const diff = await (0,git/* git */.$Y)(ctx, [
                'diff',
                '--no-color',
                '--no-ext-diff',
                '--no-textconv',
                '--unified=0',
                ...common
            ]);
            // Exact paths (spaces, tabs, quotes, newlines, non-ASCII) from -z.
            const raw = await (0,git/* git */.$Y)(ctx, [
                'diff',
                '--raw',
                '-z',
                '--no-abbrev',
                ...common
            ]);
            return parseDiff(diff, parseRawPaths(raw));
        },
        async baseText(path) {
            try {
                return (0,common/* decode */.D4)(await (0,git/* git */.$Y)(ctx, ['show', `${range.base}:${path}`])).text;
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
        const parent = (await (0,git/* hasCommit */.QE)(ctx, 'HEAD~1')) ? 'HEAD~1' : EMPTY_TREE;
        if (!(await (0,git/* hasCommit */.QE)(ctx, 'HEAD'))) {
            throw new errors/* CheckError */.tl(`${ctx.cwd} has no commits to scan (not a git checkout?)`);
        }
        return { base: parent, head: 'HEAD' };
    }
    for (const rev of [ctx.diffRange.base, ctx.diffRange.head]) {
        if (await (0,git/* hasCommit */.QE)(ctx, rev))
            continue;
        // actions/checkout fetches one commit by default: get the other one.
        try {
            await (0,git/* git */.$Y)(ctx, ['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', rev], 5 * 60_000);
        }
        catch (error) {
            throw new errors/* CheckError */.tl(`commit ${rev.slice(0, 12)} is not in the checkout and could not be fetched (${error.message}); use actions/checkout with fetch-depth: 0`);
        }
        if (!(await (0,git/* hasCommit */.QE)(ctx, rev))) {
            throw new errors/* CheckError */.tl(`commit ${rev.slice(0, 12)} is not in the checkout, even after fetching it`);
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
/** Parses `git diff --raw -z`: `:modes shas STATUS\0path\0` (two paths for R and C). */
function parseRawPaths(raw) {
    const fields = raw.toString('utf8').split('\0');
    const entries = [];
    for (let i = 0; i < fields.length; i++) {
        const header = fields[i];
        if (!header.startsWith(':'))
            continue;
        const status = header.split(' ').at(-1) ?? '';
        if (/^[RC]/.test(status)) {
            entries.push({ oldPath: fields[i + 1], path: fields[i + 2] });
            i += 2;
        }
        else {
            entries.push({ path: fields[i + 1] });
            i += 1;
        }
    }
    return entries;
}
/**
 * Parses `git diff --unified=0` output into changed files. With `paths`
 * (from `--raw -z`, same order) each file's path is taken from there, not
 * from the headers, where git quotes, escapes and tab-terminates names.
 */
function parseDiff(diff, paths) {
    const files = [];
    let file;
    let newLine = 0;
    let inHunk = false;
    const finish = () => {
        if (!file)
            return;
        const joined = (0,common/* decode */.D4)(Buffer.concat(file.raw.flatMap(line => [line, Buffer.from('\n')])));
        const lines = joined.text.split('\n');
        file.added.forEach((entry, index) => (entry.text = lines[index]));
        file.utf8 = joined.utf8;
        file.removed = (0,common/* decode */.D4)(Buffer.concat(file.rawRemoved.flatMap(line => [line, Buffer.from('\n')]))).text.split('\n');
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
            if (file.bytes + line.length > common/* MAX_FILE_BYTES */.gZ) {
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
    if (paths && paths.length === files.length) {
        files.forEach((file, i) => {
            file.path = paths[i].path;
            if (paths[i].oldPath !== undefined)
                file.oldPath = paths[i].oldPath;
        });
    }
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
            notes.push((0,common/* latin1Note */.u)(file.path));
        if (file.truncated) {
            notes.push({
                kind: 'truncated',
                file: file.path,
                message: `more than ${common/* MAX_FILE_BYTES */.gZ / 1024 / 1024} MB added: only the first part was scanned`
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
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
    const listing = await (0,git/* git */.$Y)(ctx, ['ls-files', '-z', '--cached']);
    const paths = [
        ...new Set(listing.toString('utf8').split('\0').filter(Boolean))
    ].filter(path => !excluded(path));
    const sources = [];
    const notes = [];
    const root = (0,external_node_fs_.realpathSync)(ctx.cwd);
    for (const [index, path] of paths.entries()) {
        if (index % READ_BATCH === READ_BATCH - 1) {
            await new Promise(setImmediate);
            ctx.signal.throwIfAborted();
        }
        const full = (0,external_node_path_.resolve)(ctx.cwd, path);
        if (!insideRoot(root, full)) {
            notes.push({
                kind: 'unreadable',
                file: path,
                message: 'reached through a symlink out of the workspace: not read'
            });
            continue;
        }
        const read = readTracked(full, path);
        if (read.source)
            sources.push(read.source);
        notes.push(...read.notes);
    }
    return { sources, notes };
}
/** Whether `full` (symlinks resolved) is inside `root`; a missing file counts as inside. */
function insideRoot(root, full) {
    try {
        const real = (0,external_node_fs_.realpathSync)(full);
        return real === root || real.startsWith(root + external_node_path_.sep);
    }
    catch {
        return true;
    }
}
/** Reads one tracked file as text, or says why it was skipped or cut. */
function readTracked(full, path) {
    try {
        const info = (0,external_node_fs_.lstatSync)(full);
        // Symlinks, submodules, files deleted in the working tree.
        if (!info.isFile())
            return { notes: [] };
        let bytes;
        if (info.size <= common/* MAX_FILE_BYTES */.gZ) {
            bytes = (0,external_node_fs_.readFileSync)(full);
        }
        else {
            bytes = Buffer.alloc(common/* MAX_FILE_BYTES */.gZ);
            const fd = (0,external_node_fs_.openSync)(full, 'r');
            try {
                (0,external_node_fs_.readSync)(fd, bytes, 0, common/* MAX_FILE_BYTES */.gZ, 0);
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
        if (info.size > common/* MAX_FILE_BYTES */.gZ) {
            notes.push({
                kind: 'truncated',
                file: path,
                message: `larger than ${common/* MAX_FILE_BYTES */.gZ / 1024 / 1024} MB: only the first part was scanned`
            });
        }
        const { text, utf8 } = (0,common/* decode */.D4)(bytes);
        if (!utf8)
            notes.push((0,common/* latin1Note */.u)(path));
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

;// CONCATENATED MODULE: ./src/checks/secrets/sources/paths.ts



/** At most this many files are read for `secrets.paths`. */
const MAX_PATH_FILES = 5000;
/** Directory entries looked at before the walk stops. */
const MAX_ENTRIES = 200_000;
/** Folders a glob without a folder part does not descend into. */
const HEAVY = new Set(['.git', 'node_modules']);
/**
 * Files under the working tree matching `secrets.paths` globs, tracked or
 * not (build output, logs). A bounded walk: from each glob's fixed leading
 * folders only, symlinks never followed, at most MAX_PATH_FILES files and
 * MAX_ENTRIES entries, each file read up to the size cap; what was cut is
 * said in a note.
 */
async function pathSources(ctx, globs, matches, excluded) {
    const root = (0,external_node_fs_.realpathSync)(ctx.cwd);
    const sources = [];
    const notes = [];
    const seen = new Set();
    let entries = 0;
    let capped = false;
    const starts = [...new Set(globs.map(fixedFolder))];
    const stack = starts.filter(start => isDirectory((0,external_node_path_.join)(root, start)));
    while (stack.length > 0) {
        const folder = stack.pop();
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, folder));
        }
        catch {
            continue;
        }
        for (const name of names) {
            if (++entries > MAX_ENTRIES || sources.length >= MAX_PATH_FILES) {
                capped = true;
                break;
            }
            const path = folder === '' ? name : `${folder}/${name}`;
            const full = (0,external_node_path_.join)(root, path);
            let info;
            try {
                info = (0,external_node_fs_.lstatSync)(full);
            }
            catch {
                continue;
            }
            if (info.isSymbolicLink())
                continue;
            if (info.isDirectory()) {
                if (!(folder === '' && HEAVY.has(name) && !starts.includes(name)))
                    stack.push(path);
                continue;
            }
            if (!info.isFile() || seen.has(path))
                continue;
            if (!matches(path) || excluded(path))
                continue;
            seen.add(path);
            if (sources.length % 64 === 63) {
                await new Promise(setImmediate);
                ctx.signal.throwIfAborted();
            }
            const read = readTracked(full, path);
            if (read.source)
                sources.push(read.source);
            notes.push(...read.notes);
        }
        if (capped)
            break;
    }
    if (capped) {
        notes.push({
            kind: 'truncated',
            message: `secrets.paths: the walk stopped at ${MAX_PATH_FILES} files or ${MAX_ENTRIES} entries; narrow the globs`
        });
    }
    return { sources, notes };
}
/** The folders before a glob's first wildcard (`dist/**` → `dist`; `*.log` → the root). */
function fixedFolder(glob) {
    const parts = glob.replace(/^\.\//, '').split('/');
    const fixed = [];
    for (const part of parts.slice(0, -1)) {
        if (/[*?{[]/.test(part))
            break;
        fixed.push(part);
    }
    const folder = fixed.join('/');
    // Never above the workspace.
    return (0,external_node_path_.relative)('.', folder).split(external_node_path_.sep).includes('..') ? '' : folder;
}
function isDirectory(full) {
    try {
        return (0,external_node_fs_.lstatSync)(full).isDirectory();
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/util/bounded-regex.ts
var bounded_regex = __webpack_require__(11623);
// EXTERNAL MODULE: ./src/util/redact.ts
var util_redact = __webpack_require__(50767);
;// CONCATENATED MODULE: ./src/checks/secrets/index.ts















/** Shorter known values would match by chance: they are not searched. */
const MIN_KNOWN_VALUE_LENGTH = 8;
/** Notes listed one by one; the rest are only counted. */
const MAX_NOTES = 50;
/** Findings kept per unit; past it a note counts the rest. */
const MAX_FINDINGS = 5000;
const WHERE = {
    diff: 'in added lines',
    repo: 'in tracked files',
    bundle: 'in the served bundle',
    paths: 'in build output and logs',
    responses: 'in responses the site served'
};
const ADVICE = {
    diff: 'revoke it, then load it from a secret store instead of the code',
    repo: 'revoke it, then load it from a secret store instead of the code',
    bundle: 'every visitor can read it: revoke it and keep it on the server',
    paths: 'build output and logs get uploaded and published: revoke it and keep it out of the build',
    responses: 'anyone who makes that request can read it: revoke it and keep it out of responses'
};
/**
 * The `secrets` check: one unit for the diff or the repository (skipped when
 * `scope: off`), and one for the served bundle when `bundle: true`.
 */
const secretsCheck = {
    kind: 'secrets',
    // Files come from local git (no request); the bundle follows each page's
    // redirects, then fetches capped numbers of assets and source maps.
    plan(section, policy) {
        const files = section.scope === 'off' ? 0 : git/* GIT_TIMEOUT_MS */.eS;
        if (!section.bundle) {
            return { maxRequests: 0, maxMs: files, basis: `scope ${section.scope}` };
        }
        const pages = section.bundle_paths.length * (1 + bundle/* MAX_REDIRECTS */.NX);
        const requests = pages + bundle/* MAX_ASSETS */.v8 + bundle/* MAX_SOURCE_MAPS */.LC;
        return {
            maxRequests: requests,
            maxMs: files + requests * policy.defaults.timeout,
            basis: `scope ${section.scope}; bundle: ${pages} page requests + ${bundle/* MAX_ASSETS */.v8} assets + ${bundle/* MAX_SOURCE_MAPS */.LC} source maps`
        };
    },
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
        if (section.paths.length > 0) {
            units.push({
                name: 'paths',
                level,
                policyPath: ['secrets', 'paths'],
                run: ctx => scanPaths(section, ctx)
            });
        }
        if (section.responses) {
            units.push({
                name: 'responses',
                level,
                policyPath: ['secrets', 'responses'],
                last: true,
                run: ctx => scanResponses(section, ctx)
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
    const excluded = (0,glob/* globMatcher */.f)(section.exclude);
    const sources = diffSources(files, excluded);
    const { known, notes: knownNotes } = knownValues(section, ctx);
    const raw = await scanAll(sources, {
        ...scanOptions(section),
        knownValues: known,
        // Every scanned line is added by the change: so is its allow comment.
        keepInlineAllowed: true
    }, ctx);
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
    return outcome('diff', fresh, [...sourceNotes, ...sources.notes, ...knownNotes, ...raw.notes], await baselineOf(section, ctx), {
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
    const sources = await repoSources(ctx, (0,glob/* globMatcher */.f)(section.exclude));
    return scanSources('repo', sources, section, ctx);
}
/** `secrets.paths`: files of the working tree, tracked or not (build output, logs). */
async function scanPaths(section, ctx) {
    const sources = await pathSources(ctx, section.paths, (0,glob/* globMatcher */.f)(section.paths), (0,glob/* globMatcher */.f)(section.exclude));
    return scanSources('paths', sources, section, ctx);
}
async function scanBundle(section, ctx) {
    const sources = await (0,bundle/* bundleSources */.XZ)(ctx, section.bundle_paths, (0,glob/* globMatcher */.f)(section.exclude));
    return scanSources('bundle', sources, section, ctx, {
        cross_origin_skipped: sources.crossOrigin
    });
}
/**
 * `secrets.responses`: every answer the other checks fetched through the
 * shared client (smoke, journeys, pages, headers, exposure…), read as
 * served text; journey steps that capture were never kept.
 */
async function scanResponses(section, ctx) {
    const excluded = (0,glob/* globMatcher */.f)(section.exclude);
    const seen = new Set();
    const sources = { sources: [], notes: [] };
    for (const { url, body } of ctx.http.recordedResponses()) {
        const file = url.href;
        if (seen.has(file) || excluded(url.pathname.replace(/^\//, '')))
            continue;
        seen.add(file);
        const { text, utf8 } = (0,common/* decode */.D4)(body);
        if (!utf8)
            sources.notes.push((0,common/* latin1Note */.u)(file));
        sources.sources.push({ file, text, minified: true });
    }
    if (ctx.http.recordOverflow > 0) {
        sources.notes.push({
            kind: 'truncated',
            message: `${ctx.http.recordOverflow} responses past the ${http/* MAX_RECORDED_BYTES */.Mw / 1024 / 1024} MB kept for this scan were not scanned`
        });
    }
    return scanSources('responses', sources, section, ctx);
}
/** Scans whole sources (not a diff) and reports them as `scope`. */
async function scanSources(scope, sources, section, ctx, extra = {}) {
    const { known, notes } = knownValues(section, ctx);
    const raw = await scanAll(sources, { ...scanOptions(section), knownValues: known }, ctx);
    return outcome(scope, raw.findings, [...sources.notes, ...notes, ...raw.notes], await baselineOf(section, ctx), {
        files_scanned: sources.sources.length,
        bytes_scanned: raw.bytes,
        ...extra
    });
}
/** Scans each source, yielding between files; findings capped with a note. */
async function scanAll({ sources }, options, ctx) {
    const findings = [];
    const notes = [];
    let bytes = 0;
    let over = 0;
    for (const source of sources) {
        await new Promise(setImmediate);
        ctx.signal.throwIfAborted();
        bytes += Buffer.byteLength(source.text);
        const result = scanSource(source, options);
        for (const note of result.notes)
            notes.push(note);
        for (const finding of result.findings) {
            if (findings.length < MAX_FINDINGS)
                findings.push(finding);
            else
                over++;
        }
    }
    if (over > 0) {
        notes.push({
            kind: 'truncated',
            message: `${over} more findings past the first ${MAX_FINDINGS} were not listed`
        });
    }
    return { findings, notes, bytes };
}
/** The accepted fingerprints of `secrets.baseline`, read where the policy was. */
async function baselineOf(section, ctx) {
    const path = section.baseline;
    if (!path)
        return { entries: [], notes: [] };
    // Where the policy was read: at the base under policy-ref: base, so a
    // pull request cannot accept its own leak.
    const text = await ctx.readPolicyFile(path);
    if (text === undefined) {
        return {
            entries: [],
            notes: [
                {
                    kind: 'source',
                    message: `secrets baseline ${path} does not exist where the policy was read: no finding accepted (write one with launch-gate secrets baseline)`
                }
            ]
        };
    }
    return { entries: (0,secrets_baseline/* parseBaseline */.nk)(text, path), notes: [] };
}
/** The policy's allow-list and PII options for the scanner. */
function scanOptions(section) {
    return {
        allow: compileAllow(section),
        pii: { email: section.pii.includes('email'), allow: section.pii_allow }
    };
}
function compileAllow(section) {
    // The schema has checked that each one compiles; a user regex runs bounded.
    return section.allow.map(source => new bounded_regex/* BoundedRegex */.lE(source));
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
 * Redacts and fingerprints what was found, applies the baseline and turns
 * it into the unit's outcome. Raw values leave only through
 * `secretValues`, for masking.
 */
function outcome(scope, found, sourceNotes, baseline, metrics, today = new Date().toISOString().slice(0, 10)) {
    const all = found.map(f => ({
        rule: f.rule.id,
        file: f.file,
        line: f.line,
        column: f.column,
        message: f.inlineAllowed
            ? `${describe(f)} ${WHERE[scope]}, with an allow comment this change adds: that does not accept it; a reviewer can, in secrets.baseline`
            : `${describe(f)} ${WHERE[scope]}: ${f.rule.id === rules/* EMAIL_RULE */.sW.id ? 'personal data: remove it, or list it in secrets.pii_allow' : ADVICE[scope]}`,
        redacted: (0,redact/* redact */.E$)(f.secret),
        fingerprint: (0,redact/* fingerprint */.Rj)(f.rule.id, f.file, f.secret),
        ...(f.inlineAllowed ? { severity: 'warning' } : {})
    }));
    const { reported, accepted } = (0,secrets_baseline/* applyBaseline */.Qp)(all, baseline.entries, today);
    const notes = [...sourceNotes, ...baseline.notes];
    const failing = reported.filter(f => f.severity !== 'warning').length;
    const secretValues = [...new Set(found.flatMap(f => maskable(f.secret)))];
    const summary = failing > 0
        ? `${failing} ${failing === 1 ? 'secret' : 'secrets'} ${WHERE[scope]}`
        : `no secrets ${WHERE[scope]} (${metrics.files_scanned} ${scope === 'bundle' || scope === 'responses' ? 'responses' : 'files'} scanned)`;
    const acceptedText = accepted > 0 ? `; ${accepted} accepted by the baseline` : '';
    return {
        ok: failing === 0,
        summary: summary + acceptedText + noteSummary(notes),
        metrics: {
            ...metrics,
            findings: failing,
            ...(baseline.entries.length > 0 ? { baselined: accepted } : {})
        },
        findings: reported,
        notes: noteLines(notes),
        secretValues
    };
}
const describe = (f) => f.name ? `value of ${f.name}` : f.rule.description;
/** Notes as report lines, the first MAX_NOTES listed and the rest counted. */
function noteLines(notes) {
    const lines = notes
        .slice(0, MAX_NOTES)
        .map(n => (n.file ? `${n.file}: ${n.message}` : n.message));
    if (notes.length > MAX_NOTES)
        lines.push(`${notes.length - MAX_NOTES} more notes not listed`);
    return lines;
}
/**
 * What to register for masking. Runners mask line by line, so a multi-line
 * value (a PEM block) is registered by its whole body lines too; only pieces
 * safe to mask (util/redact.ts) are ever registered (the rest is redacted).
 */
function maskable(secret) {
    // A value spanning lines never appears whole on one log line.
    const pieces = secret.includes('\n') ? [] : [secret];
    if (secret.includes('\n') || secret.includes('\\n')) {
        for (const line of secret.split(/\\n|\r?\n/)) {
            if (!/^-----(?:BEGIN|END)\b/.test(line.trim()))
                pieces.push(line.trim());
        }
    }
    return pieces.filter(util_redact/* safeToMask */.BY);
}
function noteSummary(notes) {
    const count = (kind) => notes.filter(n => n.kind === kind).length;
    const parts = [
        [count('binary'), 'binary skipped'],
        [count('encoding'), 'non-UTF-8 read as Latin-1'],
        [count('truncated'), 'cut at a size cap'],
        [count('unreadable'), 'not read'],
        [count('minified'), 'with matches on minified lines not reported']
    ]
        .filter(([n]) => n > 0)
        .map(([n, what]) => `${n} ${what}`);
    return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}


/***/ }),

/***/ 47838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   QE: () => (/* binding */ hasCommit),
/* harmony export */   eS: () => (/* binding */ GIT_TIMEOUT_MS)
/* harmony export */ });
/* unused harmony export MAX_DIFF_BYTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);


/** Largest `git diff` output read; bigger changes are an error, not a guess. */
const MAX_DIFF_BYTES = 256 * 1024 * 1024;
/** Git commands other than fetch must finish within this. */
const GIT_TIMEOUT_MS = 120_000;
/** Runs git in `cwd` without a shell; failures become one-line CheckErrors. */
function git(ctx, args, timeoutMs = GIT_TIMEOUT_MS) {
    return new Promise((done, fail) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', ['-c', 'core.quotePath=false', ...args], {
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
                return fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl('git is not installed or not on PATH'));
            if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
                return fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl(`git ${args[0]} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`));
            }
            const reason = stderr.toString('utf8').trim().split('\n').at(-1) ||
                error.message.split('\n')[0];
            fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CheckError */ .tl(`git ${args[0]} failed: ${reason}`));
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


/***/ }),

/***/ 70895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ lineStarts),
/* harmony export */   m: () => (/* binding */ lineAt)
/* harmony export */ });
/** Offsets of each line start: line i (0-based) begins at starts[i]. */
function lineStarts(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        starts.push(at + 1);
    }
    return starts;
}
/** The 0-based line holding `offset`, by binary search over `lineStarts`. */
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


/***/ })

};
