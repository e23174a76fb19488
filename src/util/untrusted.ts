/**
 * Text that came from outside (responses, headers, DNS answers, certificate
 * fields, file names, PR data, API errors) made safe for one output channel.
 * Every renderer and every log call passes outside text through exactly one
 * of these functions (spec §7.1); nothing else escapes for a channel.
 */

/**
 * Characters that act on a terminal or the Actions log: C0 and C1 controls
 * (CR/LF split runner lines, ESC starts ANSI sequences), DEL, the Unicode
 * line/paragraph separators and bidirectional overrides (reordered text).
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

const NAMED_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
}

function escapeControl(char: string): string {
  const named = NAMED_ESCAPES[char]
  if (named) return named
  const code = char.charCodeAt(0)
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u{${code.toString(16)}}`
}

/**
 * One line of the log or the console: controls and ANSI escapes shown
 * escaped (`\n`, `\x1b`), no workflow command: the runner acts on a line
 * that starts with `::` (after leading whitespace) and on `##[` anywhere.
 */
export function logText(text: string): string {
  return text
    .replace(CONTROL, escapeControl)
    .replace(/##\[/g, '#\\x23[')
    .replace(/^(\s*):(?=:)/, '$1\\x3a')
}

/**
 * A workflow-command property (`file=`, `title=`): one log-safe line with
 * `%`, CR, LF, `:` and `,` escaped as the runner decodes them.
 */
export function commandProperty(text: string): string {
  return logText(text)
    .replace(/%/g, '%25')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')
}

/** An action output or other one-line field: line breaks become spaces. */
export function oneLine(text: string): string {
  return logText(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim())
}

/**
 * Breaks what GitHub turns into a mention, a cross-reference or an autolink
 * (`@user`, `#123`, `GH-1`, `https://`, `www.`) with a zero-width space.
 */
function defuseReferences(text: string): string {
  return text
    .replace(/([@#])/g, '$1\u200b')
    .replace(/\b(GH)-/gi, '$1\u200b-')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\b(www)\./gi, '$1\u200b.')
}

/** Inline markdown: HTML entities first, so `&#64;` cannot smuggle a character. */
function htmlEntities(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Controls shown escaped; line breaks become spaces so no block can open. */
function flatten(text: string): string {
  return logText(text.replace(/[\r\n\u2028\u2029]+/g, ' ')).trim()
}

/**
 * Markdown text, safe in a paragraph, a list item or a table cell: it cannot
 * open a block (no line break survives; a leading block marker is escaped),
 * start emphasis, a code span, a link or an image, write HTML, or mention.
 */
export function markdownText(text: string): string {
  const inline = htmlEntities(flatten(text)).replace(
    /[\\`*_[\]()!~|$]/g,
    '\\$&'
  )
  // What opens a block at a line start: headings, quotes, lists, rules, fences.
  const safeStart = inline.replace(/^([#>+\-=]|\d+[.)])/, m =>
    m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\${m.slice(-1)}`
  )
  return defuseReferences(safeStart)
}

/**
 * Markdown inline code: a code span whose fence is longer than any backtick
 * run inside, so the text cannot close it (GitHub links no mention in code). Not for table cells (GitHub splits
 * cells on `|` before it sees code spans): use markdownText there.
 */
export function markdownCode(text: string): string {
  const inner = flatten(text)
  const longest = Math.max(
    0,
    ...(inner.match(/`+/g) ?? []).map(run => run.length)
  )
  const fence = '`'.repeat(longest + 1)
  return `${fence} ${inner} ${fence}`
}

/**
 * Text inside an HTML block line (e.g. `<summary>`), where backslash escapes
 * are not read: markdown punctuation as numeric entities, no mention or autolink.
 */
export function htmlText(text: string): string {
  return htmlEntities(defuseReferences(flatten(text))).replace(
    /[[\]()!`*_~|\\]/g,
    char => `&#${char.charCodeAt(0)};`
  )
}

/** Lone surrogates and U+FFFE/U+FFFF: no XML 1.0 document may hold them. */
const NOT_XML =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g

/**
 * Text of an XML element or attribute (JUnit reports): one line, controls
 * shown escaped as in the log, markup characters as entities.
 */
export function xmlText(text: string): string {
  return text
    .replace(CONTROL, escapeControl)
    .replace(NOT_XML, char => `\\u{${char.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
