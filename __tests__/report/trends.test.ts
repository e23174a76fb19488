import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/model.ts'
import { renderConsole } from '../../src/report/console.ts'
import { renderStepSummary } from '../../src/report/summary.ts'
import { sparkline, trendChart } from '../../src/report/trends.ts'

const values = [120, 130, 128, 160, 212]

function report(): Report {
  return {
    version: 1,
    result: 'pass',
    target: 'http://127.0.0.1:1/',
    started_at: '2026-12-01T03:00:00.000Z',
    duration_ms: 5,
    summary: '',
    notes: [],
    checks: [
      {
        kind: 'latency',
        name: 'core "reads"\n```',
        status: 'pass',
        level: 'error',
        summary: 'p95 212 ms',
        metrics: { p95_ms: 212 },
        findings: [],
        notes: [],
        duration_ms: 1,
        trends: [
          { key: 'p95', metric: 'p95_ms', unit: 'ms', values, budget: 300 },
          {
            key: 'script',
            metric: 'transfer_bytes_script',
            unit: 'bytes',
            values: [102_400, 204_800]
          }
        ]
      }
    ]
  }
}

/** The mermaid blocks of a markdown text, each as its lines. */
function charts(markdown: string): string[][] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(m =>
    m[1].split('\n')
  )
}

const series = (line: string) =>
  JSON.parse(line.replace(/^\s*(line|x-axis)\s*/, '')) as number[]

describe('trend charts', () => {
  it('one valid xychart-beta per budgeted metric: x-axis and lines of the same length, budget flat', () => {
    const blocks = charts(renderStepSummary(report()))
    expect(blocks).toHaveLength(2)
    const [p95, script] = blocks
    expect(p95[0]).toBe('xychart-beta')
    expect(p95[1]).toBe('  title "latency core _reads_____: p95"')
    expect(series(p95[2])).toEqual([1, 2, 3, 4, 5])
    expect(p95[3]).toBe('  y-axis "ms" 0 --> 330')
    expect(series(p95[4])).toEqual(values)
    expect(series(p95[5])).toEqual([300, 300, 300, 300, 300])
    // bytes are drawn in KiB; no budget, no second line
    expect(script[3]).toMatch(/y-axis "KiB"/)
    expect(series(script[4])).toEqual([100, 200])
    expect(script).toHaveLength(5)
  })

  it('a single run draws nothing', () => {
    const r = report()
    r.checks[0].trends = [
      { key: 'p95', metric: 'p95_ms', unit: 'ms', values: [1] }
    ]
    expect(renderStepSummary(r)).not.toContain('mermaid')
  })

  it('the console prints one sparkline per metric', () => {
    expect(sparkline(values)).toBe('▁▂▂▄█')
    expect(sparkline([5, 5])).toBe('▁▁')
    const text = renderConsole(report(), { color: false })
    expect(text).toContain('p95 ▁▂▂▄█ 212 ms (budget 300 ms)')
    expect(text).toContain('script ▁█ 200 KiB')
  })

  it('trendChart keeps a title from closing its quotes', () => {
    const chart = trendChart(
      { kind: 'latency', name: '"x\n' },
      { key: 'p95', metric: 'p95_ms', unit: 'ms', values: [1, 2] }
    )
    expect(chart.split('\n')[2]).toBe('  title "latency _x_: p95"')
  })
})
