// A percentile from too few samples says so (issue 16): p95 rests on the
// slowest 5 % of successes, so fewer than 100 give it a "low sample" note.
import { describe, expect, it } from 'vitest'
import { evaluateLatency } from '../../src/checks/latency/index.ts'
import { LatencyHistogram } from '../../src/checks/latency/histogram.ts'
import type { LoadResult } from '../../src/checks/latency/load.ts'

function run(count: number): LoadResult {
  const figures = { count, p50: 20, p90: 30, p95: 45, p99: 90, max: 120 }
  return {
    latency: figures,
    serviceTime: figures,
    histogram: new LatencyHistogram(),
    window: { start: 0, end: 1000 },
    requests: count,
    errors: {
      total: 0,
      byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
      byStatus: {},
      otherReasons: {}
    },
    rps: 20,
    elapsedMs: 5000,
    stoppedBy: 'duration',
    bounds: {
      requests: count,
      windowMs: 5000,
      warmupMs: 0,
      warmupRequests: 0,
      connections: 20
    }
  }
}

describe('low sample notes', () => {
  it('notes each budgeted percentile judged from too few successes', () => {
    const outcome = evaluateLatency(
      { p50: 100, p95: 100, p99: 100 },
      run(60),
      10_000
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.notes).toEqual([
      'low sample: p95 from 60 successful responses (100 or more make it steady)',
      'low sample: p99 from 60 successful responses (500 or more make it steady)'
    ])
  })

  it('says nothing when the sample is large enough, or for max', () => {
    expect(
      evaluateLatency({ p95: 100, max: 500 }, run(100), 10_000).notes
    ).toEqual([])
    expect(evaluateLatency({ p95: 10 }, run(500), 10_000).notes).toEqual([])
  })
})
