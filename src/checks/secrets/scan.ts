import { lineAt, lineStarts } from '../../util/lines.ts'
import { entropy } from './redact.ts'
import { isPlaceholder } from './placeholder.ts'
import {
  EMAIL_RULE,
  KNOWN_VALUE_RULE,
  RULES,
  type PatternRule,
  type RuleInfo
} from './rules.ts'
import type { SourceNote } from './sources/common.ts'

const escapeRegex = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/**
 * Keywords as a trie-shaped regex (`A(?:KIA|SIA|…)|…`): about twice as
 * fast as a flat alternation. A line without a match never reaches a rule.
 */
function trieSource(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>()
  let endsHere = false
  for (const word of words) {
    if (word === '') {
      endsHere = true
      continue
    }
    byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word.slice(1)])
  }
  const branches = [...byFirst].map(([first, rests]) => {
    if (rests.length === 1) return escapeRegex(first + rests[0])
    return `${escapeRegex(first)}(?:${trieSource(rests)})`
  })
  // A keyword that prefixes a longer one: the longer is tried first.
  if (endsHere) branches.push('')
  return branches.join('|')
}

const unique = (words: readonly string[]) => [...new Set(words)]

/** Case-sensitive keywords of the token rules. */
const KEYWORDS = new RegExp(
  trieSource(unique(RULES.filter(r => !r.ignoreCase).flatMap(r => r.keywords))),
  'g'
)
/** Case-insensitive keywords (generic credentials, JDBC passwords). */
const KEYWORDS_ANY_CASE = new RegExp(
  trieSource(
    unique(
      RULES.filter(r => r.ignoreCase).flatMap(r =>
        r.keywords.map(k => k.toLowerCase())
      )
    )
  ),
  'gi'
)
/** Rules with no keyword run over every line (their regex is the filter). */
const EVERYWHERE = RULES.filter(r => r.keywords.length === 0)

/** Comments that suppress a finding on their line. */
const INLINE_ALLOW =
  /launch-gate:allow|gitleaks:allow|secretlint-disable-line|trufflehog:ignore/
const ALLOW_NEXT_LINE =
  /secretlint-disable-next-line|launch-gate:allow-next-line/

/** Lines this long are minified code, where generic matches misfire. */
export const MINIFIED_LINE_LENGTH = 1000

/** On minified lines a token must be at least this random (bits/char). */
export const MINIFIED_ENTROPY_FLOOR = 3.5

/** Longest PEM block followed after its BEGIN line. */
const MAX_PEM_LINES = 300

/** Findings kept per scanned text; past it a note counts the rest. */
export const MAX_FINDINGS_PER_SOURCE = 1000

/** Text to scan, named by a repository path or a URL. */
export interface ScanSource {
  file: string
  text: string
  /** The file's line number of each line of `text` (added lines of a diff); default 1, 2, 3… */
  lineNumbers?: readonly number[]
  /** Treat every line as minified (served bundles). */
  minified?: boolean
}

/** A match before redaction; `secret` is raw and must not leave the check. */
export interface RawFinding {
  rule: RuleInfo
  file: string
  line: number
  column: number
  secret: string
  /** For known values: the environment variable's name. */
  name?: string
  /** Kept although an inline allow comment is on its line (diff scope judges it). */
  inlineAllowed?: boolean
}

export interface ScanOptions {
  /** A finding whose secret matches one of these is dropped. */
  /** User regexes: BoundedRegex, so none can hold the run (util/bounded-regex.ts). */
  allow: readonly { test(text: string): boolean }[]
  /** Exact values that must appear nowhere, by environment variable name. */
  knownValues: readonly { name: string; value: string }[]
  /** `secrets.pii`: also report e-mail addresses, except those holding a `pii_allow` text. */
  pii?: { email: boolean; allow: readonly string[] }
  /** Keep inline-allowed findings, marked, instead of dropping them. */
  keepInlineAllowed?: boolean
}

export interface ScanResult {
  findings: RawFinding[]
  notes: SourceNote[]
}

/** One line of the source: its offsets in the text and its index. */
interface Line {
  index: number
  start: number
  end: number
}

/**
 * Scans text for secrets: known values by exact search, then every rule on
 * the lines holding one of its keywords. Iterative throughout: a file of
 * 100 000 matches keeps at most MAX_FINDINGS_PER_SOURCE, with a note.
 */
export function scanSource(
  source: ScanSource,
  options: ScanOptions
): ScanResult {
  const { text } = source
  const lines = lineStarts(text)
  const found = new Finder(source, lines, options)

  for (const known of options.knownValues) {
    for (
      let at = text.indexOf(known.value);
      at >= 0;
      at = text.indexOf(known.value, at + 1)
    ) {
      found.add(KNOWN_VALUE_RULE, at, known.value, known.name)
    }
  }

  const { picked, keywords } = pickLines(text, lines)
  // Only the rules one of whose keywords was seen (a seen `ACCA` holds `AC`).
  const seen = [...keywords]
  const active = RULES.filter(rule =>
    rule.keywords.some(k => seen.some(word => word.includes(k)))
  )
  // Line by line, rules in table order: an earlier rule's span wins.
  for (const line of picked) {
    const body = text.slice(line.start, line.end)
    const lower = body.toLowerCase()
    for (const rule of active) {
      const haystack = rule.ignoreCase ? lower : body
      if (rule.keywords.some(k => haystack.includes(k)))
        found.run(rule, line, body)
    }
  }
  for (const rule of EVERYWHERE) found.run(rule, undefined, text)
  if (options.pii?.email && text.includes('@')) {
    const allow = options.pii.allow.map(a => a.toLowerCase())
    found.run(EMAIL_RULE, undefined, text, email =>
      allow.some(a => email.toLowerCase().includes(a))
    )
  }
  return found.result()
}

const lineOf = (
  text: string,
  starts: readonly number[],
  index: number
): Line => {
  const start = starts[index]
  let end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length
  if (end > start && text[end - 1] === '\r') end--
  return { index, start, end }
}

/**
 * The lines holding a keyword, found by searching the whole text (not line
 * by line), plus the lines of each PEM block after its BEGIN line. A PEM
 * block becomes one pseudo-line so its rule sees it whole.
 */
function pickLines(
  text: string,
  starts: readonly number[]
): { picked: Line[]; keywords: Set<string> } {
  const hits = new Set<number>()
  const keywords = new Set<string>()
  for (const re of [KEYWORDS, KEYWORDS_ANY_CASE]) {
    re.lastIndex = 0
    let match: RegExpExecArray | null
    let lastLine = -1
    while ((match = re.exec(text)) !== null) {
      keywords.add(re.ignoreCase ? match[0].toLowerCase() : match[0])
      if (match.index >= (starts[lastLine + 1] ?? Infinity) || lastLine < 0) {
        lastLine = lineAt(starts, match.index)
        hits.add(lastLine)
      }
    }
  }
  const picked: Line[] = []
  const hasPem = text.includes('-----BEGIN')
  for (const index of [...hits].sort((a, b) => a - b)) {
    const line = lineOf(text, starts, index)
    const body = hasPem ? text.slice(line.start, line.end) : ''
    if (body.includes('-----BEGIN') && !body.includes('-----END')) {
      let last = index
      const stop = Math.min(starts.length - 1, index + MAX_PEM_LINES)
      while (last < stop && !lineText(text, starts, last).includes('-----END'))
        last++
      picked.push({
        index,
        start: line.start,
        end: lineOf(text, starts, last).end
      })
    } else {
      picked.push(line)
    }
  }
  return { picked, keywords }
}

function lineText(
  text: string,
  starts: readonly number[],
  index: number
): string {
  const line = lineOf(text, starts, index)
  return text.slice(line.start, line.end)
}

/** Collects candidates with suppressions, allow-lists, overlaps and caps applied. */
class Finder {
  private readonly findings: RawFinding[] = []
  private readonly notes: SourceNote[] = []
  /** Claimed [start, end) spans by start line: a later rule never reports inside one. */
  private readonly claimed = new Map<number, [number, number][]>()
  private over = 0
  private readonly droppedOnMinified = new Map<string, number>()

  private readonly source: ScanSource
  private readonly starts: readonly number[]
  private readonly options: ScanOptions

  constructor(
    source: ScanSource,
    starts: readonly number[],
    options: ScanOptions
  ) {
    this.source = source
    this.starts = starts
    this.options = options
  }

  run(
    rule: PatternRule,
    line: Line | undefined,
    text: string,
    skip?: (secret: string) => boolean
  ) {
    const offset = line?.start ?? 0
    rule.pattern.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = rule.pattern.exec(text)) !== null) {
      if (match[0].length === 0) rule.pattern.lastIndex++
      const [secret, at] = secretOf(match)
      if (skip?.(secret)) continue
      const absolute = offset + at
      if (this.full()) {
        this.over++
        continue
      }
      if (this.overlaps(absolute, secret.length)) continue
      let info: RuleInfo = rule
      if (rule.accept) {
        const where = {
          file: this.source.file,
          line: lineText(
            this.source.text,
            this.starts,
            lineAt(this.starts, absolute)
          )
        }
        const verdict = rule.accept(secret, match, where)
        if (verdict === false) {
          // A vendor token rule's reject (a placeholder) holds for the
          // rules after it; a context rule's does not.
          if (rule.token) this.claim(absolute, secret.length)
          continue
        }
        if (verdict !== true) info = verdict
      }
      if (rule.token && isPlaceholder(secret)) {
        this.claim(absolute, secret.length)
        continue
      }
      this.add(info, absolute, secret)
    }
  }

  /** Past the cap, matches are only counted. */
  private full(): boolean {
    return this.findings.length >= MAX_FINDINGS_PER_SOURCE
  }

  private overlaps(start: number, length: number): boolean {
    const end = start + length
    const spans = this.claimed.get(lineAt(this.starts, start)) ?? []
    return spans.some(([a, b]) => start < b && a < end)
  }

  private claim(start: number, length: number) {
    const line = lineAt(this.starts, start)
    const spans = this.claimed.get(line)
    if (spans) spans.push([start, start + length])
    else this.claimed.set(line, [[start, start + length]])
  }

  add(rule: RuleInfo, offset: number, secret: string, name?: string) {
    const { source, options } = this
    if (rule !== KNOWN_VALUE_RULE) {
      if (this.overlaps(offset, secret.length)) return
      this.claim(offset, secret.length)
    }
    const index = lineAt(this.starts, offset)
    const line = lineOf(source.text, this.starts, index)
    const textOfLine = source.text.slice(line.start, line.end)
    const numberOf = (i: number) => source.lineNumbers?.[i] ?? i + 1
    const previous =
      index > 0 && numberOf(index - 1) === numberOf(index) - 1
        ? lineText(source.text, this.starts, index - 1)
        : ''
    const allowedInline =
      INLINE_ALLOW.test(textOfLine) || ALLOW_NEXT_LINE.test(previous)
    if (allowedInline && !options.keepInlineAllowed) return
    if (options.allow.some(re => re.test(secret))) return
    if (
      rule !== KNOWN_VALUE_RULE &&
      (source.minified || textOfLine.length >= MINIFIED_LINE_LENGTH)
    ) {
      if (
        rule.minified === 'drop' ||
        (rule.minified === 'entropy' &&
          entropy(secret) < MINIFIED_ENTROPY_FLOOR)
      ) {
        this.droppedOnMinified.set(
          rule.id,
          (this.droppedOnMinified.get(rule.id) ?? 0) + 1
        )
        return
      }
    }
    if (this.full()) {
      this.over++
      return
    }
    this.findings.push({
      rule,
      file: source.file,
      line: numberOf(index),
      column: offset - line.start + 1,
      secret,
      name,
      ...(allowedInline ? { inlineAllowed: true } : {})
    })
  }

  result(): ScanResult {
    const file = this.source.file
    if (this.over > 0) {
      this.notes.push({
        kind: 'truncated',
        file,
        message: `${this.over} more matches past the first ${MAX_FINDINGS_PER_SOURCE} were not listed`
      })
    }
    for (const [rule, count] of this.droppedOnMinified) {
      this.notes.push({
        kind: 'minified',
        file,
        message: `${count} possible ${rule} ${count === 1 ? 'match' : 'matches'} on minified lines (${MINIFIED_LINE_LENGTH}+ characters) not reported: too generic or too regular there`
      })
    }
    return {
      findings: this.findings.sort(
        (a, b) => a.line - b.line || a.column - b.column
      ),
      notes: this.notes
    }
  }
}

/** The secret a match reports (its `secret*` or `bare` group, else all of it) and its offset. */
function secretOf(match: RegExpExecArray): [string, number] {
  const groups = match.groups
  const indices = match.indices?.groups
  if (groups && indices) {
    for (const name of ['secret', 'secret2', 'secret3', 'bare']) {
      const value = groups[name]
      const at = indices[name]
      if (value !== undefined && at) return [value, at[0]]
    }
  }
  return [match[0], match.index]
}
