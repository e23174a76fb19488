import { lintSource } from '@secretlint/core'
import { secretLintProfiler } from '@secretlint/profiler'
import { creator as recommendPreset } from '@secretlint/secretlint-rule-preset-recommend'
import type { SecretLintCoreConfig } from '@secretlint/types'
import { extname } from 'node:path'
import { entropy } from './redact.ts'
import {
  KNOWN_VALUE_RULE,
  OWN_RULES,
  PRESET_KEYWORDS,
  presetRule,
  type RuleInfo
} from './rules.ts'

// secretlint's profiler is on by default and marks every rule of every
// file; through the API nothing reads it, so it would only cost time.
secretLintProfiler.setEnabled(false)

/** The engine's configuration, built once per process. */
const ENGINE_CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommendPreset,
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
}

const escapeRegex = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/**
 * Any keyword of any rule, as a trie-shaped regex (`A(?:KIA|SIA|…)|…`):
 * about twice as fast as a flat alternation. A line without a match is
 * never handed to a rule.
 */
const KEYWORDS = new RegExp(
  trieSource([
    ...new Set([...PRESET_KEYWORDS, ...OWN_RULES.flatMap(r => r.keywords)])
  ])
)

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

/** Comments that suppress a finding on their line. */
const INLINE_ALLOW = /launch-gate:allow|gitleaks:allow|secretlint-disable-line/
const ALLOW_NEXT_LINE =
  /secretlint-disable-next-line|launch-gate:allow-next-line/

/** Documented example credentials (AWS's …EXAMPLE keys) are not findings. */
const EXAMPLE_VALUE = /EXAMPLE/

/** Lines this long are minified code, where generic matches misfire. */
export const MINIFIED_LINE_LENGTH = 1000

/** On minified lines a token must be at least this random (bits/char). */
export const MINIFIED_ENTROPY_FLOOR = 3.5

/** Longest PEM block followed after its BEGIN line. */
const MAX_PEM_LINES = 300

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
}

export interface ScanOptions {
  /** A finding whose secret matches one of these is dropped. */
  /** User regexes: BoundedRegex, so none can hold the run (util/bounded-regex.ts). */
  allow: readonly { test(text: string): boolean }[]
  /** Exact values that must appear nowhere, by environment variable name. */
  knownValues: readonly { name: string; value: string }[]
}

interface Candidate {
  rule: RuleInfo
  /** Index into the source's lines. */
  index: number
  column: number
  secret: string
  name?: string
}

/**
 * Scans text for secrets: known values by exact search, then the
 * recommended preset and our own rules, on the keyword lines only.
 */
export async function scanSource(
  source: ScanSource,
  options: ScanOptions
): Promise<RawFinding[]> {
  const candidates: Candidate[] = []
  let lines: string[] | undefined
  const allLines = () => (lines ??= source.text.split(/\r?\n/))

  for (const known of options.knownValues) {
    if (!source.text.includes(known.value)) continue
    allLines().forEach((line, index) => {
      for (
        let at = line.indexOf(known.value);
        at >= 0;
        at = line.indexOf(known.value, at + 1)
      ) {
        candidates.push({
          rule: KNOWN_VALUE_RULE,
          index,
          column: at + 1,
          secret: known.value,
          name: known.name
        })
      }
    })
  }

  if (KEYWORDS.test(source.text)) {
    candidates.push(...(await scanKeywordLines(source.file, allLines())))
  }
  if (candidates.length === 0) return []
  return keep(candidates, allLines(), source, options)
}

/** Runs the rules on the lines that hold a keyword (and whole PEM blocks). */
async function scanKeywordLines(
  file: string,
  lines: readonly string[]
): Promise<Candidate[]> {
  const picked: number[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!KEYWORDS.test(lines[i])) continue
    picked.push(i)
    if (lines[i].includes('-----BEGIN') && !lines[i].includes('-----END')) {
      const stop = Math.min(lines.length - 1, i + MAX_PEM_LINES)
      while (i < stop && !lines[i].includes('-----END')) picked.push(++i)
    }
  }
  const reduced = picked.map(i => lines[i]).join('\n')
  const starts = lineStarts(reduced)
  const at = (offset: number) => {
    const line = lineAt(starts, offset)
    return { index: picked[line], column: offset - starts[line] + 1 }
  }

  const found: Candidate[] = []
  const seen = new Set<string>()
  const add = (rule: RuleInfo, offset: number, secret: string) => {
    const { index, column } = at(offset)
    const key = `${rule.id}:${index}`
    if (seen.has(key)) return
    seen.add(key)
    found.push({ rule, index, column, secret })
  }

  // Our rules first: where both match, theirs is the narrower value.
  for (const rule of OWN_RULES) {
    if (!rule.keywords.some(k => reduced.includes(k))) continue
    for (const match of reduced.matchAll(rule.pattern)) {
      const secret = match.groups?.secret ?? match[0]
      if (rule.accept && !rule.accept(secret, match)) continue
      add(rule, match.index, rule.id === 'private-key' ? match[0] : secret)
    }
  }

  const result = await lintSource({
    source: {
      content: reduced,
      filePath: file,
      ext: extname(file),
      contentType: 'text'
    },
    options: {
      config: ENGINE_CONFIG,
      maskSecrets: false,
      noPhysicFilePath: true
    }
  })
  for (const message of result.messages) {
    const [start, end] = message.range
    // The message text embeds the secret: only its id and range are used.
    add(presetRule(message.messageId), start, reduced.slice(start, end))
  }
  return found
}

/** Applies suppressions, allow-lists and the minified-code rule. */
function keep(
  candidates: readonly Candidate[],
  lines: readonly string[],
  source: ScanSource,
  options: ScanOptions
): RawFinding[] {
  const numberOf = (index: number) => source.lineNumbers?.[index] ?? index + 1
  const kept: RawFinding[] = []
  for (const c of candidates) {
    const line = lines[c.index] ?? ''
    const previous =
      c.index > 0 && numberOf(c.index - 1) === numberOf(c.index) - 1
        ? lines[c.index - 1]
        : ''
    if (INLINE_ALLOW.test(line) || ALLOW_NEXT_LINE.test(previous)) continue
    if (options.allow.some(re => re.test(c.secret))) continue
    if (c.rule !== KNOWN_VALUE_RULE) {
      if (EXAMPLE_VALUE.test(c.secret)) continue
      if (source.minified || line.length >= MINIFIED_LINE_LENGTH) {
        if (c.rule.minified === 'drop') continue
        if (
          c.rule.minified === 'entropy' &&
          entropy(c.secret) < MINIFIED_ENTROPY_FLOOR
        )
          continue
      }
    }
    kept.push({
      rule: c.rule,
      file: source.file,
      line: numberOf(c.index),
      column: c.column,
      secret: c.secret,
      name: c.name
    })
  }
  return kept.sort((a, b) => a.line - b.line || a.column - b.column)
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    starts.push(at + 1)
  }
  return starts
}

/** Index of the line holding `offset` (binary search over line starts). */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (starts[mid] <= offset) low = mid
    else high = mid - 1
  }
  return low
}
