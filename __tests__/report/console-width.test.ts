// The table fits the terminal: summaries cut at a word boundary, each row once.
import { describe, expect, it } from 'vitest'
import { renderConsole } from '../../src/report/console.ts'
import type { CheckResult, Report } from '../../src/report/model.ts'

const check = (name: string, summary: string): CheckResult => ({
  kind: 'cache',
  name,
  status: 'pass',
  level: 'error',
  summary,
  metrics: {},
  findings: [],
  notes: [],
  duration_ms: 3
})

const report: Report = {
  version: 1,
  result: 'pass',
  target: 'http://127.0.0.1:1/',
  started_at: '2026-12-06T00:00:00.000Z',
  duration_ms: 10,
  summary: '2 of 2 checks passed',
  notes: [],
  checks: [
    check(
      '/assets/app.css',
      'shared caches may keep it 365 days (Cache-Control "public, max-age=31536000, immutable")'
    ),
    check('/', 'private: Cache-Control "private, no-cache"')
  ]
}

describe('console width', () => {
  it('cuts a passing row at a word, within the width, and prints each row once', () => {
    const text = renderConsole(report, { color: false, width: 80 })
    const rows = text.split('\n').filter(line => line.startsWith('pass'))
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80)
    expect(rows[0]).toMatch(/shared caches may keep it 365 days…$/)
    expect(rows[1]).toMatch(/private: Cache-Control "private, no-cache"$/)
  })
})
