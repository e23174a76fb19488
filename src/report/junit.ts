import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CHECK_KINDS } from '../checks/types.ts'
import { xmlText } from '../util/untrusted.ts'
import { findingLocation } from './markdown.ts'
import { failsGate, type CheckResult, type Report } from './model.ts'

/**
 * The report as JUnit XML, the format CI test reporters read (GitLab,
 * Jenkins, dorny/test-reporter...): one testsuite per check kind, one
 * testcase per check. A failure is `<failure>`, a check that could not run
 * `<error>`, a skipped one `<skipped>`; a warning passes, with its reason in
 * `<system-out>`, as it does not fail the gate.
 */
export function renderJunit(report: Report): string {
  const suites = CHECK_KINDS.map(kind =>
    report.checks.filter(check => check.kind === kind)
  ).filter(checks => checks.length > 0)
  const totals = counts(report.checks)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="launch-gate" ${attributes(totals, report.duration_ms)}>`
  ]
  if (report.error !== undefined) {
    lines.push(`  <!-- ${xmlText(report.error).replace(/--/g, '- -')} -->`)
  }
  for (const checks of suites) {
    const time = checks.reduce((sum, check) => sum + check.duration_ms, 0)
    lines.push(
      `  <testsuite name="${checks[0].kind}" ${attributes(counts(checks), time)} timestamp="${report.started_at}">`
    )
    for (const check of checks) lines.push(...testcase(check))
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}

/** Writes the JUnit report to `file`, creating its folder. */
export async function writeJunit(report: Report, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, renderJunit(report))
}

interface Counts {
  tests: number
  failures: number
  errors: number
  skipped: number
}

function counts(checks: readonly CheckResult[]): Counts {
  return {
    tests: checks.length,
    failures: checks.filter(c => c.status === 'fail').length,
    errors: checks.filter(c => c.status === 'error' && failsGate(c)).length,
    skipped: checks.filter(c => c.status === 'skip').length
  }
}

function attributes(counts: Counts, ms: number): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(ms)}"`
}

function testcase(check: CheckResult): string[] {
  const open = `    <testcase classname="launch-gate.${check.kind}" name="${xmlText(check.name)}" time="${seconds(check.duration_ms)}"`
  const summary = xmlText(check.summary)
  const body: string[] = []
  if (check.status === 'skip') {
    body.push(`      <skipped message="${summary}"/>`)
  } else if (failsGate(check)) {
    const element = check.status === 'fail' ? 'failure' : 'error'
    body.push(
      `      <${element} message="${summary}" type="${check.status}">${details(check)}</${element}>`
    )
  }
  const out = [
    ...(check.status === 'warn' ||
    (check.status === 'error' && !failsGate(check))
      ? [`${check.status}: ${check.summary}`]
      : []),
    ...check.notes.map(note => `note: ${note}`)
  ]
  if (out.length > 0) {
    body.push(`      <system-out>${out.map(xmlText).join('\n')}</system-out>`)
  }
  if (body.length === 0) return [`${open}/>`]
  return [`${open}>`, ...body, '    </testcase>']
}

/** The summary, then one line per finding: where, what, the redacted value. */
function details(check: CheckResult): string {
  const lines = [
    check.summary,
    ...check.findings.map(finding => {
      const where = findingLocation(finding)
      return `${where ? `${where}: ` : ''}${finding.message}${finding.redacted ? ` (${finding.redacted})` : ''}`
    })
  ]
  return lines.map(xmlText).join('\n')
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}
