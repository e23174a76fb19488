import type { Status } from '../checks/types.ts'
import { findingLocation, findingsToShow } from './markdown.ts'
import { trendLines } from './trends.ts'
import { headline, type CheckResult, type Report } from './model.ts'
import { logText } from '../util/untrusted.ts'

const MAX_FINDINGS_SHOWN = 10

const COLOR: Record<Status, string> = {
  pass: '\x1b[32m',
  fail: '\x1b[31m',
  warn: '\x1b[33m',
  error: '\x1b[35m',
  skip: '\x1b[90m'
}
const RESET = '\x1b[0m'

export interface ConsoleOptions {
  color: boolean
  /** Terminal width; summaries are cut to fit. */
  width?: number
}

/**
 * The CLI's table: one row per check, findings indented under failures.
 * Every text from the report is shown through logText (one line, no control).
 */
export function renderConsole(report: Report, options: ConsoleOptions): string {
  const paint = (status: Status, text: string) =>
    options.color ? `${COLOR[status]}${text}${RESET}` : text
  const kindWidth = Math.max(4, ...report.checks.map(c => c.kind.length))
  const nameWidth = Math.min(
    32,
    Math.max(4, ...report.checks.map(c => logText(c.name).length))
  )
  const width = options.width ?? 120
  const lines = [
    `launch-gate ${report.target ? `→ ${logText(report.target)}` : '(no target)'}`,
    ...(report.error ? [`error: ${logText(report.error)}`] : []),
    ...report.notes.map(note => `note: ${logText(note)}`),
    '',
    `${'STATUS'.padEnd(7)}${'KIND'.padEnd(kindWidth + 2)}${'NAME'.padEnd(nameWidth + 2)}RESULT`
  ]
  for (const check of report.checks) {
    const name = fit(check.name, nameWidth).padEnd(nameWidth + 2)
    const room = Math.max(20, width - 7 - kindWidth - 2 - nameWidth - 2)
    lines.push(
      `${paint(check.status, check.status.padEnd(7))}${check.kind.padEnd(kindWidth + 2)}${name}${fit(check.summary, room)}`
    )
    const details = findingLines(check)
    // A cut summary of a failed check is shown whole underneath.
    if (
      details.length === 0 &&
      check.status !== 'pass' &&
      logText(check.summary).length > room
    ) {
      details.push(`       - ${logText(check.summary)}`)
    }
    lines.push(...details)
    lines.push(...trendLines(check).map(line => `       ${line}`))
  }
  const verdict =
    report.result === 'pass' ? paint('pass', 'PASS') : paint('fail', 'FAIL')
  lines.push(
    '',
    `${verdict} ${headline(report.checks)} (${(report.duration_ms / 1000).toFixed(1)}s)`
  )
  return `${lines.join('\n')}\n`
}

function findingLines(check: CheckResult): string[] {
  const findings = findingsToShow(check)
  const shown = findings.slice(0, MAX_FINDINGS_SHOWN).map(f => {
    const where = findingLocation(f)
    const text = `${where ? `${where}: ` : ''}${f.message}${f.redacted ? ` (${f.redacted})` : ''}`
    return `       - ${logText(text)}`
  })
  const hidden = findings.length - shown.length
  if (hidden > 0) shown.push(`       … ${hidden} more in the JSON report`)
  shown.push(...check.notes.map(note => `       note: ${logText(note)}`))
  return shown
}

/** Cuts a line to `width`: at the last word boundary in its second half, if any. */
function fit(text: string, width: number): string {
  const line = logText(text)
  if (line.length <= width) return line
  const cut = line.slice(0, width - 1)
  const space = cut.lastIndexOf(' ')
  return `${space >= width / 2 ? cut.slice(0, space).trimEnd() : cut}…`
}
