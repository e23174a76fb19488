/**
 * Trends of budgeted metrics over the last runs (§7.2): a mermaid
 * `xychart-beta` line chart per metric for markdown, with the budget as a
 * second line, and a one-line sparkline for the console.
 */
import { formatMetric, type MetricUnit } from '../policy/regression.ts'
import type { CheckResult, Report, Trend } from './model.ts'

/** Charts past this many stay out of the summary (the JSON report has them all). */
const MAX_CHARTS = 20
const BARS = '▁▂▃▄▅▆▇█'

/** What an axis shows: KiB for bytes, the unit's own name otherwise. */
const AXIS: Record<MetricUnit, string> = {
  ms: 'ms',
  bytes: 'KiB',
  ratio: 'ratio',
  'req/s': 'req/s',
  count: 'count',
  points: 'points',
  unitless: 'value'
}

/** The job summary's trend section (title and one chart each); undefined without trends. */
export function trendSection(
  report: Report
): { title: string; charts: string[] } | undefined {
  const charts: string[] = []
  let runs = 0
  for (const check of report.checks) {
    for (const trend of check.trends ?? []) {
      if (trend.values.length < 2) continue
      runs = Math.max(runs, trend.values.length)
      charts.push(trendChart(check, trend))
    }
  }
  if (charts.length === 0) return undefined
  const hidden = charts.length - MAX_CHARTS
  return {
    title: `#### Trends over the last ${runs} runs${hidden > 0 ? ` (${MAX_CHARTS} of ${charts.length} shown; all in the JSON report)` : ''}`,
    charts: charts.slice(0, MAX_CHARTS)
  }
}

/** One `xychart-beta` block: the metric, and the budget as a flat second line. */
export function trendChart(
  check: Pick<CheckResult, 'kind' | 'name'>,
  trend: Trend
): string {
  const show = (value: number) =>
    round(trend.unit === 'bytes' ? value / 1024 : value)
  const values = trend.values.map(show)
  const budget = trend.budget === undefined ? undefined : show(trend.budget)
  const top = Math.max(...values, budget ?? 0)
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${label(`${check.kind} ${check.name}: ${trend.key}`)}"`,
    `  x-axis [${values.map((_, i) => i + 1).join(', ')}]`,
    `  y-axis "${AXIS[trend.unit]}" 0 --> ${round(top * 1.1) || 1}`,
    `  line [${values.join(', ')}]`
  ]
  if (budget !== undefined) {
    lines.push(`  line [${values.map(() => budget).join(', ')}]`)
  }
  lines.push('```')
  return lines.join('\n')
}

/** `p95 ▁▂▂▃▅▇ 212 ms (budget 300 ms)`: one line per trend, for the console. */
export function trendLines(check: CheckResult): string[] {
  return (check.trends ?? []).map(trend => {
    const last = trend.values[trend.values.length - 1]
    const budget =
      trend.budget === undefined
        ? ''
        : ` (budget ${formatMetric(trend.budget, trend.unit)})`
    return `${trend.key} ${sparkline(trend.values)} ${formatMetric(last, trend.unit)}${budget}`
  })
}

/** Eight levels between the series' lowest and highest value. */
export function sparkline(values: readonly number[]): string {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return values
    .map(value =>
      high === low
        ? BARS[0]
        : BARS[Math.round(((value - low) / (high - low)) * (BARS.length - 1))]
    )
    .join('')
}

/** Mermaid titles are quoted strings: keep to characters that cannot end them. */
function label(text: string): string {
  return text.replace(/[^\w .,:/@+()-]/g, '_').slice(0, 100)
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
