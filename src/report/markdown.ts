import type { Status } from '../checks/types.ts'
import type { CheckResult, Report } from './model.ts'
import { trendSection } from './trends.ts'
import { failsGate, headline } from './model.ts'
import { htmlText, markdownCode, markdownText } from '../util/untrusted.ts'

export const STATUS_ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  error: '💥',
  skip: '⏭️'
}

/** Failing checks first, then warnings and errors, then the rest, in plan order. */
export function byUrgency(checks: readonly CheckResult[]): CheckResult[] {
  const rank = (c: CheckResult) =>
    failsGate(c) ? 0 : c.status === 'warn' || c.status === 'error' ? 1 : 2
  return [...checks].sort((a, b) => rank(a) - rank(b))
}

/**
 * The findings worth listing under a check: none when it passed, and none
 * when its one finding is what the summary already says.
 */
export function findingsToShow(check: CheckResult): CheckResult['findings'] {
  if (check.status === 'pass' || check.status === 'skip') return []
  const [only] = check.findings
  if (
    check.findings.length === 1 &&
    !only.file &&
    !only.redacted &&
    check.summary.startsWith(only.message)
  ) {
    return []
  }
  return check.findings
}

export function findingLocation(f: { file?: string; line?: number }): string {
  if (!f.file) return ''
  return f.line ? `${f.file}:${f.line}` : f.file
}

export interface MarkdownOptions {
  /** Stop adding rows and findings past this size, and say so. */
  maxLength: number
  /** How `maxLength` is counted: UTF-16 characters (API fields) or UTF-8 bytes (job summary). */
  measure?: 'chars' | 'bytes'
  /** Appended as a link to the full report, e.g. the workflow run. */
  runUrl?: string
  /** Add a trend chart per budgeted metric (job summary, nightly issue). */
  trends?: boolean
}

/**
 * The report as markdown: verdict, the one-line summary, a table with the
 * breached checks first, and their findings. Trimmed to `maxLength` with a
 * visible note; shared by the job summary, the check run and the PR comment.
 * Every text from the report goes through util/untrusted.ts.
 */
export function renderMarkdown(
  report: Report,
  options: MarkdownOptions
): string {
  const verdict =
    report.result === 'pass' ? '✅ launch-gate passed' : '❌ launch-gate failed'
  const head = [
    `### ${verdict}`,
    '',
    `${headline(report.checks)}${report.target ? ` — target ${markdownCode(report.target)}` : ''}`,
    '',
    ...(report.error
      ? [`**Cannot judge this run:** ${markdownText(report.error)}`, '']
      : []),
    ...report.notes.map(note => `> ${markdownText(note)}`),
    ...(report.notes.length > 0 ? [''] : [])
  ]
  const table = ['| Status | Check | Name | Result |', '|---|---|---|---|']
  const details: DetailsBlock[] = []
  for (const check of byUrgency(report.checks)) {
    table.push(
      `| ${STATUS_ICON[check.status]} ${check.status} | ${check.kind} | ${markdownText(check.name)} | ${markdownText(check.summary)} |`
    )
    const findings = findingsToShow(check)
    if (findings.length > 0 || check.notes.length > 0) {
      details.push({
        open: [
          `<details><summary>${check.kind} ${htmlText(check.name)}: ${findings.length} finding(s)</summary>`,
          ''
        ],
        items: [
          ...check.notes.map(note => `- _note:_ ${markdownText(note)}`),
          ...findings.map(f => {
            const where = findingLocation(f)
            const extra = f.redacted ? ` (${markdownCode(f.redacted)})` : ''
            return `- ${where ? `${markdownCode(where)} ` : ''}${markdownText(f.message)}${extra}`
          })
        ],
        close: ['', '</details>']
      })
    }
  }
  const trends = options.trends ? trendSection(report) : undefined
  if (trends) {
    details.push({ open: [trends.title, ''], items: trends.charts, close: [] })
  }
  const footer = options.runUrl
    ? ['', `[Full run and logs](${encodeURI(options.runUrl)})`]
    : []
  return fitBlocks(
    head,
    table,
    details,
    footer,
    options.maxLength,
    options.measure === 'bytes'
      ? Buffer.byteLength
      : (text: string) => text.length
  )
}

/** A `<details>` block: its items may be cut, its opening and closing never. */
interface DetailsBlock {
  open: string[]
  items: string[]
  close: string[]
}

const TRIMMED =
  '_…trimmed to fit; the full report is in the job summary and the JSON report._'

/**
 * Joins the head, the table and the `<details>` blocks, dropping what does
 * not fit (with a note). A cut falls only between table rows (the table
 * keeps its header and stays a table) or between whole `<details>` blocks,
 * so nothing is left open.
 */
function fitBlocks(
  head: string[],
  table: string[],
  details: DetailsBlock[],
  footer: string[],
  maxLength: number,
  size: (text: string) => number
): string {
  const reserve = size(['', TRIMMED, ...footer].join('\n')) + 1
  let used = reserve
  const kept: string[] = []
  const fits = (lines: string[]) =>
    used + lines.reduce((sum, line) => sum + size(line) + 1, 0) <= maxLength
  const add = (lines: string[]) => {
    used += lines.reduce((sum, line) => sum + size(line) + 1, 0)
    kept.push(...lines)
  }
  const done = (trimmed: boolean) =>
    [...kept, ...(trimmed ? ['', TRIMMED] : []), ...footer].join('\n')

  for (const line of head) {
    if (!fits([line])) return done(true)
    add([line])
  }
  if (!fits(table.slice(0, 3))) return done(true)
  for (const row of table) {
    if (!fits([row])) return done(true)
    add([row])
  }
  add([''])
  for (const { open, items, close } of details) {
    if (fits([...open, ...items, ...close])) {
      add([...open, ...items, ...close])
      continue
    }
    const more = (n: number) => `- … ${n} more in the JSON report`
    if (!fits([...open, more(items.length), ...close])) return done(true)
    add(open)
    let shown = 0
    while (fits([items[shown], more(items.length), ...close])) {
      add([items[shown++]])
    }
    add([more(items.length - shown), ...close])
    return done(true)
  }
  return done(false)
}
