import { describe, expect, it } from 'vitest'
import { renderCheckRun } from '../../src/report/check-run.ts'
import { renderConsole } from '../../src/report/console.ts'
import { renderMarkdown } from '../../src/report/markdown.ts'
import type { CheckResult, Report } from '../../src/report/model.ts'
import { summarize } from '../../src/report/model.ts'
import { renderPrComment } from '../../src/report/pr-comment.ts'
import {
  renderStepSummary,
  STEP_SUMMARY_BYTES
} from '../../src/report/summary.ts'

/** What a hostile target, DNS zone or PR can put into a report. */
const HOSTILE =
  'x\n::warning::fake\r::add-mask::fail\r\n::stop-commands::t\x1b[2J ##[error]e' +
  '\n# head\n> q\n![i](http://e/i.png) [l](https://evil) <img src=x> @octocat #1 `'

const check = (over: Partial<CheckResult> = {}): CheckResult => ({
  kind: 'headers',
  name: HOSTILE,
  status: 'fail',
  level: 'error',
  summary: HOSTILE,
  metrics: {},
  findings: [
    { message: HOSTILE, file: `src/${HOSTILE}.ts`, line: 3, redacted: HOSTILE }
  ],
  notes: [HOSTILE],
  duration_ms: 1,
  ...over
})

const report = (checks: CheckResult[]): Report => ({
  version: 1,
  result: 'fail',
  target: `http://127.0.0.1/${HOSTILE}`,
  notes: [HOSTILE],
  started_at: '2026-01-01T00:00:00Z',
  duration_ms: 1,
  summary: summarize(checks),
  checks
})

const runnerLines = (text: string) => text.split(/\r\n|\r|\n/)

/** No line the runner would act on, no terminal control. */
function expectLogSafe(text: string) {
  for (const line of runnerLines(text)) {
    expect(line.trimStart()).not.toMatch(/^::/)
    expect(line).not.toContain('##[')
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/)
  }
}

/** Markdown lines the renderer wrote itself, nothing from the hostile text. */
function expectMarkdownSafe(text: string) {
  expect(text).not.toContain('\r')
  for (const raw of runnerLines(text)) {
    // Code spans show their text literally: look at what is outside them.
    const line = raw.replace(/(`+) .*? \1(?!`)/g, '')
    expect(line).not.toMatch(/^(#|>) ?(head|q)\b/)
    expect(line).not.toMatch(/<img|https?:\/\/e|https?:\/\/evil/)
    expect(line).not.toMatch(/@octocat|#1\b/)
    expect(line).not.toMatch(/(^|[^\\])!\[i\]|(^|[^\\])\[l\]\(/)
  }
}

describe('renderers and hostile text', () => {
  const hostile = report([check(), check({ kind: 'dns', status: 'warn' })])

  it('console: no workflow command, no control, no ANSI from outside', () => {
    const out = renderConsole(hostile, { color: false, width: 400 })
    expectLogSafe(out)
    expect(out).toContain('\\x1b[2J')
    expect(out).toContain('note: x\\n')
  })

  it('summary: one line', () => {
    expect(runnerLines(hostile.summary)).toHaveLength(1)
    expectLogSafe(hostile.summary)
  })

  it('markdown, job summary, PR comment and check run: nothing opens', () => {
    expectMarkdownSafe(renderMarkdown(hostile, { maxLength: 60_000 }))
    expectMarkdownSafe(renderStepSummary(hostile))
    expectMarkdownSafe(renderPrComment(hostile, '<!-- m -->'))
    const run = renderCheckRun(hostile)
    expectMarkdownSafe(run.summary)
    expectLogSafe(run.title)
    for (const a of run.annotations) {
      expectLogSafe(a.title)
      expectLogSafe(a.message)
    }
  })
})

describe('job summary size', () => {
  it('stays under 1 MiB of bytes and cuts no <details> or table row', () => {
    // Multi-byte text: a character count would overshoot the byte limit.
    const wide = '語'.repeat(2000)
    const checks = Array.from({ length: 400 }, (_, i) =>
      check({
        name: `c${i}`,
        summary: wide,
        notes: [],
        findings: Array.from({ length: 20 }, () => ({ message: wide }))
      })
    )
    const out = renderStepSummary(report(checks))
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(STEP_SUMMARY_BYTES)
    expect(out).toContain('trimmed to fit')
    const opened = out.match(/<details>/g)?.length ?? 0
    const closed = out.match(/<\/details>/g)?.length ?? 0
    expect(opened).toBe(closed)
    const lines = out.split('\n')
    const rows = lines.filter(l => l.startsWith('|'))
    for (const row of rows) expect(row).toMatch(/\|$/)
    // The table is followed by a blank line, never by the note directly.
    const lastRow = lines.lastIndexOf(rows.at(-1) as string)
    expect(lines[lastRow + 1]).toBe('')
  })
})
