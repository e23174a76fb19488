import { describe, expect, it } from 'vitest'
import {
  acceptRecord,
  appendRecord,
  failingStreak,
  historyJudge,
  isFlaky,
  medians,
  parseHistory,
  type HistoryPlan,
  type HistoryRecord
} from '../../src/engine/history.ts'
import { PolicyError } from '../../src/policy/errors.ts'
import type { CheckResult, Report } from '../../src/report/model.ts'
import { policyFrom } from '../support/context.ts'

const KEY = 'gate.yml/gate/.github/launch-policy.yml'

const policy = (regression: string, extra = '') =>
  policyFrom(`version: 1
target: http://127.0.0.1:1
history: { baseline_runs: 5, min_runs: 3 }
latency:
  - name: core-reads
    paths: [/api/feed]
    rate: 20
    p95: 300ms
    regression: ${regression}
${extra}`).policy

function plan(overrides: Partial<HistoryPlan> = {}): HistoryPlan {
  return {
    settings: {
      store: 'branch',
      branch: 'launch-gate-history',
      path: '.launch-gate/history.jsonl',
      key: '',
      keep: 200,
      baseline_runs: 5,
      min_runs: 3
    },
    run: { key: KEY, ref: 'main', event: 'schedule', sha: 'abc' },
    baseRef: 'main',
    accept: false,
    ...overrides
  }
}

let day = 0
function record(
  p95: number,
  overrides: Partial<HistoryRecord> & { status?: CheckResult['status'] } = {}
): HistoryRecord {
  const { status = 'pass', ...rest } = overrides
  day++
  return {
    v: 1,
    key: KEY,
    time: new Date(Date.UTC(2026, 10, day)).toISOString(),
    ref: 'main',
    event: 'schedule',
    result: status === 'fail' ? 'fail' : 'pass',
    checks: [
      {
        kind: 'latency',
        name: 'core-reads',
        status,
        met: status !== 'fail',
        metrics: { p95_ms: p95, rps: 20, error_rate: 0 }
      }
    ],
    ...rest
  }
}

function latencyResult(
  p95: number,
  overrides: Partial<CheckResult> = {}
): CheckResult {
  return {
    kind: 'latency',
    name: 'core-reads',
    status: 'pass',
    level: 'error',
    summary: `p95 ${p95} ms`,
    metrics: { p95_ms: p95, rps: 20, error_rate: 0, requests: 100 },
    findings: [],
    notes: [],
    duration_ms: 1000,
    ...overrides
  }
}

function report(checks: CheckResult[]): Report {
  return {
    version: 1,
    result: checks.some(c => c.status === 'fail') ? 'fail' : 'pass',
    target: 'http://127.0.0.1:1/',
    started_at: '2026-12-01T03:00:00.000Z',
    duration_ms: 5,
    summary: '',
    notes: [],
    checks
  }
}

const PATH = ['latency', 0]

describe('baseline', () => {
  it('is the median of the last baseline_runs comparable runs: same branch, budgets met, after the last accept', () => {
    const records = [
      record(999), // before the accept: not comparable
      acceptRecord({ key: KEY, ref: 'main', event: 'cli' }, new Date()),
      record(100),
      record(150),
      record(900, { status: 'fail' }), // missed its absolute budget
      record(160),
      record(120, { ref: 'feature' }), // another branch
      record(170),
      record(155),
      record(165)
    ]
    const { judge } = historyJudge(records, plan(), policy('{ p95: 20% }'))
    const judged = judge(latencyResult(170), PATH)
    // last 5 met runs on main: 150 160 170 155 165 -> 160
    expect(judged.baseline).toEqual({
      runs: 5,
      metrics: { p95_ms: 160, rps: 20, error_rate: 0 }
    })
    expect(judged.status).toBe('pass')
    expect(judged.notes).toContain('vs main (median of 5 runs): p95 +6 %')
  })

  it('a pull request compares with its base branch', () => {
    const records = [
      record(100, { ref: 'main' }),
      record(100, { ref: 'main' }),
      record(100, { ref: 'main' }),
      record(500, { ref: 'release' })
    ]
    const pr = plan({
      run: { key: KEY, ref: 'feature', event: 'pull_request' },
      baseRef: 'main'
    })
    const judged = historyJudge(records, pr, policy('{ p95: 20% }')).judge(
      latencyResult(132),
      PATH
    )
    expect(judged.baseline?.metrics.p95_ms).toBe(100)
    expect(judged.status).toBe('fail')
    expect(judged.notes).toContain('vs main (median of 3 runs): p95 +32 %')
  })

  it('medians of an even count average the middle two', () => {
    expect(
      medians([
        { metrics: { a: 1 } },
        { metrics: { a: 4 } },
        { metrics: { a: 2 } },
        { metrics: { a: 3 } }
      ])
    ).toEqual({ a: 2.5 })
  })
})

describe('regression budgets', () => {
  const three = () => [record(160), record(150), record(170)]

  it('fails a breach with the finding fields of §7.2', () => {
    const judged = historyJudge(three(), plan(), policy('{ p95: 20% }')).judge(
      latencyResult(212),
      PATH
    )
    expect(judged.status).toBe('fail')
    expect(judged.summary).toBe(
      'p95 212 ms vs baseline 160 ms (+33 %, budget +20 %, 3 runs)'
    )
    expect(judged.findings).toEqual([
      {
        message: 'p95 212 ms vs baseline 160 ms (+33 %, budget +20 %, 3 runs)',
        rule: 'regression',
        regression: {
          metric: 'p95_ms',
          value: 212,
          baseline: 160,
          change: 0.325,
          budget: '20%',
          runs: 3
        }
      }
    ])
  })

  it('warns instead at level warn', () => {
    const judged = historyJudge(three(), plan(), policy('{ p95: 20% }')).judge(
      latencyResult(212, { level: 'warn' }),
      PATH
    )
    expect(judged.status).toBe('warn')
    expect(judged.findings[0].regression?.metric).toBe('p95_ms')
  })

  it('passes within the budget', () => {
    const judged = historyJudge(three(), plan(), policy('{ p95: 20% }')).judge(
      latencyResult(190),
      PATH
    )
    expect(judged.status).toBe('pass')
    expect(judged.findings).toEqual([])
  })

  it('takes an absolute worsening in the metric unit, and rps is better higher', () => {
    const judged = historyJudge(
      three(),
      plan(),
      policy('{ p95: 50ms, rps: 10% }')
    ).judge(latencyResult(215, { metrics: { p95_ms: 215, rps: 17 } }), PATH)
    expect(judged.findings.map(f => f.message)).toEqual([
      'p95 215 ms vs baseline 160 ms (+34 %, budget +50ms, 3 runs)',
      'rps 17 req/s vs baseline 20 req/s (-15 %, budget -10 %, 3 runs)'
    ])
  })

  it('without a baseline it is advice, never a pass', () => {
    const judged = historyJudge(
      [record(100), record(100)],
      plan(),
      policy('{ p95: 20% }')
    ).judge(latencyResult(999), PATH)
    expect(judged.status).toBe('warn')
    expect(judged.findings).toEqual([
      {
        message:
          'no baseline yet (2 of 5 runs, judged from 3): regression budgets p95 not judged',
        rule: 'regression',
        severity: 'warning'
      }
    ])
  })

  it('a relative budget on a zero baseline is advice', () => {
    const zero = [1, 2, 3].map(() => record(100))
    const judged = historyJudge(
      zero,
      plan(),
      policy('{ error_rate: 10% }')
    ).judge(
      latencyResult(100, { metrics: { p95_ms: 100, error_rate: 0.02 } }),
      PATH
    )
    expect(judged.status).toBe('warn')
    expect(judged.findings[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('relative budget on a zero baseline')
    })
  })

  it('history accept starts a new baseline with this run: nothing judged', () => {
    const judged = historyJudge(
      three(),
      plan({ accept: true }),
      policy('{ p95: 20% }')
    ).judge(latencyResult(400), PATH)
    expect(judged.status).toBe('pass')
    expect(judged.notes[0]).toContain('a new baseline starts with this run')
  })

  it('rejects unknown keys and malformed values in the policy', () => {
    expect(() => policy('{ p42: 20% }')).toThrow(PolicyError)
    expect(() => policy('{ p95: fast }')).toThrow(
      /expected "20%" or a duration like 50ms/
    )
    expect(() => policy('{ p95: 20% }', 'history: { min_runs: 9 }')).toThrow(
      PolicyError
    )
  })
})

describe('flaky, streaks, records', () => {
  it('flaky: pass/fail flipped at least 3 times in the last 10 runs', () => {
    expect(isFlaky(['pass', 'fail', 'pass', 'fail'])).toBe(true)
    expect(isFlaky(['pass', 'fail', 'pass'])).toBe(false)
    expect(isFlaky(['pass', 'fail', 'skip', 'error', 'fail'])).toBe(false)
    // the flips before the last 10 runs do not count
    expect(
      isFlaky(['fail', 'pass', 'fail', 'pass', ...Array(10).fill('pass')])
    ).toBe(false)
    const records = ['pass', 'fail', 'pass', 'fail'].map(status =>
      record(100, { status: status as 'pass' })
    )
    const judged = historyJudge(records, plan(), policy('{ p95: 20% }')).judge(
      latencyResult(100),
      PATH
    )
    expect(judged.flaky).toBe(true)
  })

  it('the failing streak counts this run and the failing runs before it on its branch', () => {
    const earlier = [
      record(100, { status: 'fail', url: 'https://x/runs/1' }),
      record(100),
      record(100, { status: 'fail', url: 'https://x/runs/3' }),
      record(100, { status: 'fail', url: 'https://x/runs/4' })
    ]
    const now = record(100, { status: 'fail', url: 'https://x/runs/5' })
    expect(failingStreak(earlier, now)).toEqual({
      failing_streak: 3,
      failing_since: earlier[2].time,
      failing_runs: ['https://x/runs/3', 'https://x/runs/4', 'https://x/runs/5']
    })
    expect(failingStreak(earlier, record(1))).toEqual({ failing_streak: 0 })
  })

  it('finish builds a record of numbers only, and the report carries the streak', () => {
    const records = [record(100, { status: 'fail' })]
    const { judge, finish } = historyJudge(
      records,
      plan({
        run: {
          key: KEY,
          ref: 'main',
          event: 'schedule',
          url: 'https://x/runs/9',
          environment: 'production'
        }
      }),
      policy('{ p95: 20% }')
    )
    const failed = judge(
      latencyResult(400, {
        status: 'fail',
        summary: 'p95 400 ms > 300 ms',
        metrics: { p95_ms: 400, note: 'ghp_secretlooking' },
        findings: [{ message: 'token ghp_secretlooking' }]
      }),
      PATH
    )
    const out = finish(report([failed]))
    expect(out.record).toEqual({
      v: 1,
      key: KEY,
      ref: 'main',
      event: 'schedule',
      url: 'https://x/runs/9',
      environment: 'production',
      target: 'http://127.0.0.1:1',
      time: '2026-12-01T03:00:00.000Z',
      result: 'fail',
      checks: [
        {
          kind: 'latency',
          name: 'core-reads',
          status: 'fail',
          met: false,
          metrics: { p95_ms: 400 }
        }
      ]
    })
    expect(JSON.stringify(out.record)).not.toContain('ghp_')
    expect(out.report.history).toMatchObject({ runs: 1, failing_streak: 2 })
    expect(out.report.result).toBe('fail')
  })

  it('a regression turns the report result to fail and names it in the summary', () => {
    const { judge, finish } = historyJudge(
      [record(160), record(160), record(160)],
      plan(),
      policy('{ p95: 20% }')
    )
    const out = finish(report([judge(latencyResult(300), PATH)]))
    expect(out.report.result).toBe('fail')
    expect(out.report.summary).toContain('p95 300 ms vs baseline 160 ms')
  })

  it('trends: the budgeted metrics over the last runs, this one last, with the budget', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(100 + i))
    const judged = historyJudge(
      records,
      plan(),
      policy('{ p95: 20%, rps: 10% }')
    ).judge(latencyResult(150), PATH)
    const [p95, rps] = judged.trends ?? []
    expect(p95).toMatchObject({ key: 'p95', metric: 'p95_ms', budget: 300 })
    expect(p95.values).toHaveLength(30)
    expect(p95.values.at(-1)).toBe(150)
    // no absolute budget: the line is the baseline less the allowed 10 %
    expect(rps).toMatchObject({ key: 'rps', budget: 18 })
  })

  it('appends, trims to keep per gate, leaves other gates and drops unreadable lines', () => {
    let text = `${JSON.stringify({ ...record(1), key: 'other' })}\nnot json\n`
    for (let i = 0; i < 5; i++) text = appendRecord(text, record(i), 3)
    const mine = parseHistory(text, KEY)
    expect(mine.records.map(r => r.checks[0].metrics.p95_ms)).toEqual([2, 3, 4])
    expect(mine.skipped).toBe(0)
    expect(parseHistory(text, 'other').records).toHaveLength(1)
    expect(parseHistory('{"v":2}\n{oops\n', KEY).skipped).toBe(2)
  })
})

describe('pages and lighthouse budgets', () => {
  const pagesPolicy = policyFrom(`version: 1
target: http://127.0.0.1:1
pages:
  - path: /
    budgets: { sizes: { script: 300 }, counts: { total: 40 } }
    regression: { script: 10KiB, requests: 20% }
lighthouse:
  urls: [/, /pricing]
  min_scores: { performance: 90 }
  regression: { performance: 5, lcp: 10% }
`).policy
  const rec = (metrics: Record<string, number>, kind = 'pages', name = '/') =>
    ({
      ...record(0),
      checks: [{ kind, name, status: 'pass', met: true, metrics }]
    }) as HistoryRecord
  const pageResult = (metrics: Record<string, number>): CheckResult =>
    latencyResult(0, { kind: 'pages' as never, name: '/', metrics })

  it('pages: an absolute budget in KiB against transfer bytes, the size budget as the chart line', () => {
    const past = [1, 2, 3].map(() =>
      rec({ transfer_bytes_script: 200 * 1024, requests: 30 })
    )
    const judged = historyJudge(past, plan(), pagesPolicy).judge(
      pageResult({ transfer_bytes_script: 215 * 1024, requests: 31 }),
      ['pages', 0]
    )
    expect(judged.findings.map(f => f.message)).toEqual([
      'script 215 KiB vs baseline 200 KiB (+8 %, budget +10KiB, 3 runs)'
    ])
    expect(judged.trends?.map(t => [t.key, t.budget])).toEqual([
      ['script', 300 * 1024],
      ['requests', 40]
    ])
  })

  it('lighthouse: the section budgets apply to each URL; scores are better higher', () => {
    const past = [1, 2, 3].map(() =>
      rec({ performance: 95, lcp_ms: 2000 }, 'lighthouse', '/pricing')
    )
    const judged = historyJudge(past, plan(), pagesPolicy).judge(
      latencyResult(0, {
        kind: 'lighthouse' as never,
        name: '/pricing',
        metrics: { performance: 88, lcp_ms: 2100 }
      }),
      ['lighthouse', 'urls', 1]
    )
    expect(judged.findings.map(f => f.message)).toEqual([
      'performance 88 vs baseline 95 (-7 %, budget -5, 3 runs)'
    ])
    expect(judged.trends?.[0]).toMatchObject({ key: 'performance', budget: 90 })
  })
})
