import type { Status } from '../checks/types.ts'
import type { CheckResult, Report } from './model.ts'
import { failsGate, headline } from './model.ts'

export const STATUS_ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  error: '💥',
  skip: '⏭️'
}

/** Makes text safe inside a markdown table cell (no HTML, no cell breaks). */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
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
  /** Stop adding rows and findings past this many characters, and say so. */
  maxLength: number
  /** Appended as a link to the full report, e.g. the workflow run. */
  runUrl?: string
}

/**
 * The report as markdown: verdict, the one-line summary, a table with the
 * breached checks first, and their findings. Trimmed to `maxLength` with a
 * visible note; shared by the job summary, the check run and the PR comment.
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
    `${headline(report.checks)}${report.target ? ` — target \`${cell(report.target)}\`` : ''}`,
    '',
    ...report.notes.map(note => `> ${cell(note)}`),
    ...(report.notes.length > 0 ? [''] : [])
  ]
  const table = ['| Status | Check | Name | Result |', '|---|---|---|---|']
  const details: string[] = []
  for (const check of byUrgency(report.checks)) {
    table.push(
      `| ${STATUS_ICON[check.status]} ${check.status} | ${check.kind} | ${cell(check.name)} | ${cell(check.summary)} |`
    )
    const findings = findingsToShow(check)
    if (findings.length > 0) {
      details.push(
        `<details><summary>${check.kind} ${cell(check.name)}: ${findings.length} finding(s)</summary>`,
        '',
        ...findings.map(f => {
          const where = findingLocation(f)
          const extra = f.redacted ? ` (\`${cell(f.redacted)}\`)` : ''
          return `- ${where ? `\`${cell(where)}\` ` : ''}${cell(f.message)}${extra}`
        }),
        '',
        '</details>'
      )
    }
  }
  const footer = options.runUrl
    ? ['', `[Full run and logs](${options.runUrl})`]
    : []
  return fitLines(
    [...head, ...table, '', ...details],
    footer,
    options.maxLength
  )
}

const TRIMMED =
  '\n_…trimmed to fit; the full report is in the job summary and the JSON report._'

/** Joins lines, dropping trailing ones (with a note) so the result fits. */
function fitLines(
  lines: string[],
  footer: string[],
  maxLength: number
): string {
  const tail = footer.join('\n')
  let length = tail.length
  const kept: string[] = []
  for (const line of lines) {
    if (length + line.length + 1 + TRIMMED.length > maxLength) {
      return [...kept, TRIMMED, ...footer].join('\n')
    }
    kept.push(line)
    length += line.length + 1
  }
  return [...kept, ...footer].join('\n')
}
